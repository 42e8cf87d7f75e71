/* test-case.c — the case document: round trips, every reading error, every
 * validation rule, templates, indications and anonymisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-case.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* A complete, valid knee case (docs/case-format.md's example with
 * catalogue device ids). */
static const char knee_case[] =
  "{\n"
  "  \"format\": \"ramus-case\",\n"
  "  \"version\": 1,\n"
  "  \"id\": \"0b6c1c1e-7c1e-4d2f-9f7e-2a3b4c5d6e7f\",\n"
  "  \"pseudonym\": \"KN-0042\",\n"
  "  \"created\": \"2026-11-20T09:14:00Z\",\n"
  "  \"modified\": \"2026-11-21T16:02:11Z\",\n"
  "  \"procedure_date\": \"2026-12-01\",\n"
  "  \"template\": \"knee-gae\",\n"
  "  \"region\": \"knee\",\n"
  "  \"side\": \"left\",\n"
  "  \"patient\": { \"age_years\": 67, \"sex\": \"female\", \"height_cm\": 158, \"weight_kg\": 64.5,\n"
  "               \"egfr_ml_min\": 72, \"allergies\": [\"iodinated-contrast\"] },\n"
  "  \"indication\": { \"id\": \"knee-oa\", \"kellgren_lawrence\": 2 },\n"
  "  \"baseline\": { \"vas\": 8, \"womac\": 61 },\n"
  "  \"pain_points\": [ { \"x_mm\": 24.0, \"y_mm\": 140.5, \"radius_mm\": 12 } ],\n"
  "  \"access\": \"cfa-antegrade\",\n"
  "  \"targets\": [\n"
  "    { \"vessel\": \"lateral-superior-genicular-artery\", \"embolic\": \"imipenem-cilastatin\",\n"
  "      \"planned_volume_ml\": 2.0, \"note\": \"moyamoya blush\" },\n"
  "    { \"vessel\": \"medial-inferior-genicular-artery\", \"embolic\": \"microspheres-75-100\" }\n"
  "  ],\n"
  "  \"devices\": { \"sheath\": \"sheath-4f-10\", \"catheter\": \"cath-4f-vert-100\",\n"
  "               \"microcatheter\": \"micro-surmodics-19-150\", \"guidewire\": \"wire-0014-180\" },\n"
  "  \"doses\": { \"imipenem_g\": 0.5, \"imipenem_contrast_ml\": 10, \"bsa_formula\": \"mosteller\" },\n"
  "  \"notes\": \"\",\n"
  "  \"followups\": [ { \"date\": \"2027-01-05\", \"scores\": { \"vas\": 3, \"womac\": 22 } } ],\n"
  "  \"extensions\": { \"org.example.trial\": { \"arm\": \"B\", \"visits\": [1, 2.5, null] } }\n"
  "}\n";

static RamusAtlas *
atlas (void)
{
  g_autoptr(GError) error = NULL;
  RamusAtlas *a = ramus_atlas_get_default (&error);

  g_assert_no_error (error);
  return a;
}

static RamusCase *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  RamusCase *c = ramus_case_from_json (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static void
test_read_fields (void)
{
  g_autoptr(RamusCase) c = parse_ok (knee_case);
  const RamusTarget *t;

  g_assert_cmpstr (c->pseudonym, ==, "KN-0042");
  g_assert_cmpstr (c->region, ==, "knee");
  g_assert_cmpint (c->side, ==, RAMUS_SIDE_LEFT);
  g_assert_cmpint (c->patient.age_years, ==, 67);
  g_assert_cmpfloat (c->patient.height_cm, ==, 158);
  g_assert_cmpfloat (c->patient.weight_kg, ==, 64.5);
  g_assert_cmpstr (c->patient.allergies[0], ==, "iodinated-contrast");
  g_assert_null (c->patient.allergies[1]);
  g_assert_cmpstr (c->indication.id, ==, "knee-oa");
  g_assert_cmpint (c->indication.kellgren_lawrence, ==, 2);
  g_assert_cmpint (c->indication.eaton_littler, ==, RAMUS_CASE_UNSET);
  g_assert_cmpfloat (c->baseline.values[RAMUS_SCORE_VAS], ==, 8);
  g_assert_cmpfloat (c->baseline.values[RAMUS_SCORE_WOMAC], ==, 61);
  g_assert_true (isnan (c->baseline.values[RAMUS_SCORE_ASES]));
  g_assert_cmpuint (c->pain_points->len, ==, 1);
  g_assert_cmpfloat (g_array_index (c->pain_points, RamusPainPoint, 0).y_mm, ==, 140.5);
  g_assert_cmpuint (c->targets->len, ==, 2);
  t = &g_array_index (c->targets, RamusTarget, 0);
  g_assert_cmpstr (t->vessel, ==, "lateral-superior-genicular-artery");
  g_assert_cmpfloat (t->planned_volume_ml, ==, 2.0);
  g_assert_cmpstr (t->note, ==, "moyamoya blush");
  t = &g_array_index (c->targets, RamusTarget, 1);
  g_assert_true (isnan (t->planned_volume_ml));
  g_assert_null (t->note);
  g_assert_cmpstr (c->devices.microcatheter, ==, "micro-surmodics-19-150");
  g_assert_cmpfloat (c->doses.imipenem_g, ==, 0.5);
  g_assert_true (isnan (c->doses.lipiodol_ml));
  g_assert_cmpstr (c->notes, ==, "");
  g_assert_cmpuint (c->followups->len, ==, 1);
  g_assert_cmpstr (g_array_index (c->followups, RamusFollowup, 0).date, ==, "2027-01-05");
  g_assert_cmpfloat (g_array_index (c->followups, RamusFollowup, 0).scores.values[RAMUS_SCORE_WOMAC], ==, 22);
  g_assert_nonnull (c->extensions);
}

/* load → save → load gives the same case, and saving again the same text. */
static void
test_round_trip (void)
{
  g_autoptr(RamusCase) a = parse_ok (knee_case);
  g_autofree char *text_a = ramus_case_to_json (a, TRUE);
  g_autoptr(RamusCase) b = parse_ok (text_a);
  g_autofree char *text_b = ramus_case_to_json (b, FALSE);
  g_autoptr(RamusCase) c = parse_ok (text_b);
  g_autofree char *text_c = ramus_case_to_json (c, FALSE);

  g_assert_true (ramus_case_equal (a, b));
  g_assert_true (ramus_case_equal (b, c));
  g_assert_cmpstr (text_b, ==, text_c);
  /* Whole numbers stay whole, fractions keep every digit. */
  g_assert_nonnull (strstr (text_b, "\"height_cm\":158,"));
  g_assert_nonnull (strstr (text_b, "\"weight_kg\":64.5,"));
  g_assert_nonnull (strstr (text_b, "\"arm\":\"B\""));
}

static void
test_round_trip_file (void)
{
  g_autoptr(RamusCase) a = parse_ok (knee_case);
  g_autoptr(RamusCase) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ramus-case-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "case.json", NULL);
  text = ramus_case_to_json (a, TRUE);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  b = ramus_case_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (ramus_case_equal (a, b));
  g_unlink (path);
  g_rmdir (dir);

  /* A missing file is a file error that names the file. */
  g_clear_pointer (&b, ramus_case_free);
  b = ramus_case_load (path, &error);
  g_assert_null (b);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "case.json"));
}

static void
test_copy_equal (void)
{
  g_autoptr(RamusCase) a = parse_ok (knee_case);
  g_autoptr(RamusCase) b = ramus_case_copy (a);
  RamusTarget *t;

  g_assert_true (ramus_case_equal (a, b));
  t = &g_array_index (b->targets, RamusTarget, 1);
  t->planned_volume_ml = 1.5;
  g_assert_false (ramus_case_equal (a, b));
  t->planned_volume_ml = NAN;
  g_assert_true (ramus_case_equal (a, b));
  ramus_case_set_string (&b->patient.allergies[0], "carbapenem");
  g_assert_false (ramus_case_equal (a, b));
  g_assert_cmpstr (a->patient.allergies[0], ==, "iodinated-contrast");
}

static void
test_new_case (void)
{
  g_autoptr(RamusCase) c = ramus_case_new ("hip", RAMUS_SIDE_LEFT);
  g_autofree char *text = ramus_case_to_json (c, FALSE);
  g_autoptr(RamusCase) back = parse_ok (text);
  g_autoptr(GError) error = NULL;

  /* A new case is a draft: it reads back but is not yet valid. */
  g_assert_cmpstr (text, ==, "{\"format\":\"ramus-case\",\"version\":1,\"region\":\"hip\",\"side\":\"left\"}");
  g_assert_true (ramus_case_equal (c, back));
  g_assert_false (ramus_case_validate (c, NULL, &error));
  g_assert_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_MISSING);
  g_assert_cmpstr (error->message, ==,
                   "pseudonym: required (what the team calls the case, never a real name; 1–64 characters)");
}

static void
test_valid_against_atlas (void)
{
  g_autoptr(RamusCase) c = parse_ok (knee_case);
  g_autoptr(GPtrArray) problems = ramus_case_check (c, atlas ());
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", ((RamusCaseProblem *) problems->pdata[i])->message);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (ramus_case_validate (c, atlas (), &error));
  g_assert_no_error (error);
}

/* --- reading errors ----------------------------------------------------- */

typedef struct
{
  const char *text;
  RamusCaseError code;
  const char *message;
} ReadError;

static void
test_read_errors (void)
{
  const ReadError cases[] = {
    { "{", RAMUS_CASE_ERROR_PARSE, NULL },
    { "", RAMUS_CASE_ERROR_PARSE, "not a Ramus case file: it is empty" },
    { "[1, 2]", RAMUS_CASE_ERROR_PARSE, "not a Ramus case file: expected a JSON object, found an array" },
    { "{\"version\": 1}", RAMUS_CASE_ERROR_FORMAT, "not a Ramus case file: it has no “format”: “ramus-case”" },
    { "{\"format\": \"ramus-atlas\", \"version\": 1}", RAMUS_CASE_ERROR_FORMAT,
      "not a Ramus case file: format is “ramus-atlas”, expected “ramus-case”" },
    { "{\"format\": \"ramus-case\"}", RAMUS_CASE_ERROR_MISSING, "version: missing (this Ramus reads version 1)" },
    { "{\"format\": \"ramus-case\", \"version\": \"1\"}", RAMUS_CASE_ERROR_TYPE,
      "version: expected a whole number, found a string" },
    { "{\"format\": \"ramus-case\", \"version\": 1.5}", RAMUS_CASE_ERROR_TYPE,
      "version: expected a whole number, found a number" },
    { "{\"format\": \"ramus-case\", \"version\": 2, \"region\": \"knee\", \"side\": \"left\"}",
      RAMUS_CASE_ERROR_VERSION, "made by a newer Ramus (version 2); this Ramus reads version 1" },
    { "{\"format\": \"ramus-case\", \"version\": 0}", RAMUS_CASE_ERROR_VERSION,
      "version: 0 is not a Ramus case version (this Ramus reads version 1)" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"side\": \"left\"}", RAMUS_CASE_ERROR_MISSING,
      "region: missing (an atlas region id, e.g. knee)" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\"}", RAMUS_CASE_ERROR_MISSING,
      "side: missing (left or right)" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"both\"}",
      RAMUS_CASE_ERROR_INVALID, "side: “both” is not allowed (left, right)" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\", \"sied\": 1}",
      RAMUS_CASE_ERROR_UNKNOWN_KEY, NULL },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\","
      " \"patient\": {\"weigth_kg\": 60}}",
      RAMUS_CASE_ERROR_UNKNOWN_KEY,
      "patient.weigth_kg: unknown key (allowed here: age_years, sex, height_cm, weight_kg, egfr_ml_min, allergies)" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\","
      " \"patient\": {\"weight_kg\": \"60\"}}",
      RAMUS_CASE_ERROR_TYPE, "patient.weight_kg: expected a number, found a string" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\","
      " \"patient\": {\"age_years\": 67.5}}",
      RAMUS_CASE_ERROR_TYPE, "patient.age_years: expected a whole number, found a number" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\","
      " \"patient\": {\"allergies\": \"carbapenem\"}}",
      RAMUS_CASE_ERROR_TYPE, "patient.allergies: expected an array, found a string" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\","
      " \"patient\": {\"allergies\": [\"carbapenem\", 3]}}",
      RAMUS_CASE_ERROR_TYPE, "patient.allergies[1]: expected a string, found a number" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\","
      " \"targets\": [{\"vessel\": \"x\", \"volume\": 2}]}",
      RAMUS_CASE_ERROR_UNKNOWN_KEY, "targets[0].volume: unknown key (allowed here: vessel, embolic, planned_volume_ml, note)" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\","
      " \"targets\": [\"x\"]}",
      RAMUS_CASE_ERROR_TYPE, "targets[0]: expected an object, found a string" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\","
      " \"followups\": [{\"date\": \"2027-01-01\", \"scores\": {\"vas\": 3, \"pain\": 2}}]}",
      RAMUS_CASE_ERROR_UNKNOWN_KEY, NULL },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"liver\", \"side\": \"left\","
      " \"liver\": {\"tumours\": [{\"segment\": 8}]}}",
      RAMUS_CASE_ERROR_TYPE, "liver.tumours[0].segment: expected a string, found a number" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\","
      " \"devices\": {\"sheath\": \"a\", \"dilator\": \"b\"}}",
      RAMUS_CASE_ERROR_UNKNOWN_KEY, NULL },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\","
      " \"doses\": {\"imipenem_mg\": 500}}",
      RAMUS_CASE_ERROR_UNKNOWN_KEY, NULL },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\", \"extensions\": []}",
      RAMUS_CASE_ERROR_TYPE, "extensions: expected an object, found an array" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"left\", \"baseline\": 3}",
      RAMUS_CASE_ERROR_TYPE, "baseline: expected an object, found a number" },
    { "{\"format\": \"ramus-case\", \"version\": 1, \"region\": true, \"side\": \"left\"}",
      RAMUS_CASE_ERROR_TYPE, "region: expected a string, found true or false" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RamusCase) c = ramus_case_from_json (cases[i].text, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_null (c);
      g_assert_error (error, RAMUS_CASE_ERROR, (gint) cases[i].code);
      if (cases[i].message)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Unknown keys are welcome inside extensions, at any depth. */
static void
test_extensions_free_form (void)
{
  g_autoptr(RamusCase) c =
    parse_ok ("{\"format\": \"ramus-case\", \"version\": 1, \"region\": \"knee\", \"side\": \"right\","
              " \"extensions\": {\"anything\": {\"weigth_kg\": [true]}}}");
  g_autofree char *text = ramus_case_to_json (c, FALSE);

  g_assert_cmpstr (text, ==,
                   "{\"format\":\"ramus-case\",\"version\":1,\"region\":\"knee\",\"side\":\"right\","
                   "\"extensions\":{\"anything\":{\"weigth_kg\":[true]}}}");
}

static void
test_newer_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusCase) c = NULL;
  g_autoptr(GString) text = g_string_new (knee_case);

  /* A newer file is refused before its keys are looked at: version 2 may
   * have keys this reader does not know. */
  g_string_replace (text, "\"version\": 1", "\"version\": 7, \"new_v7_key\": {}", 1);
  c = ramus_case_from_json (text->str, &error);
  g_assert_null (c);
  g_assert_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_VERSION);
  g_assert_cmpstr (error->message, ==, "made by a newer Ramus (version 7); this Ramus reads version 1");
}

/* --- validation --------------------------------------------------------- */

/* Sets the member at a dotted path (with [i] for array elements) of a JSON
 * object to @value_json; a NULL value removes it. */
static void
set_path (JsonNode   *root,
          const char *path,
          const char *value_json)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *object = json_node_get_object (root);
  guint n = g_strv_length (parts);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup (parts[i]);
      char *bracket = strchr (key, '[');
      int index = -1;

      if (bracket)
        {
          index = atoi (bracket + 1);
          *bracket = '\0';
        }
      if (i == n - 1)
        {
          g_assert_cmpint (index, <, 0);
          if (value_json == NULL)
            json_object_remove_member (object, key);
          else
            json_object_set_member (object, key, json_from_string (value_json, NULL));
          return;
        }
      if (!json_object_has_member (object, key))
        json_object_set_object_member (object, key, json_object_new ());
      if (index >= 0)
        object = json_array_get_object_element (json_object_get_array_member (object, key), index);
      else
        object = json_object_get_object_member (object, key);
    }
}

typedef struct
{
  const char *base;            /* NULL: the knee case */
  const char *path;
  const char *value;           /* JSON; NULL removes the key */
  const char *problem_path;
  RamusCaseError code;
  const char *message;         /* exact, or NULL to check the path only */
} Rule;

static const char liver_case[] =
  "{\"format\": \"ramus-case\", \"version\": 1, \"pseudonym\": \"HCC-7\", \"template\": \"ctace\","
  " \"region\": \"liver\", \"side\": \"right\","
  " \"patient\": {\"height_cm\": 170, \"weight_kg\": 70},"
  " \"indication\": {\"id\": \"hcc\", \"bclc\": \"B\", \"child_pugh\": \"A\"},"
  " \"baseline\": {\"afp_ng_ml\": 125800, \"pivka_ii_mau_ml\": 340},"
  " \"liver\": {\"michels\": \"michels-3\", \"tumours\": [{\"segment\": \"VIII\", \"diameter_mm\": 45}]},"
  " \"access\": \"cfa-retrograde\","
  " \"targets\": [{\"vessel\": \"right-hepatic-artery\", \"embolic\": \"lipiodol-emulsion\"}],"
  " \"doses\": {\"doxorubicin_mg_per_m2\": 40, \"bsa_formula\": \"dubois\", \"lipiodol_ml\": 6,"
  "           \"deb_loading_mg\": 75},"
  " \"followups\": [{\"date\": \"2027-02-01\", \"scores\": {\"afp_ng_ml\": 3.25}, \"mrecist\": \"CR\"}]}";

static const char spine_case[] =
  "{\"format\": \"ramus-case\", \"version\": 1, \"pseudonym\": \"SP-3\", \"region\": \"spine-pelvis\","
  " \"side\": \"right\", \"indication\": {\"id\": \"bone-metastasis\", \"primary\": \"renal cell carcinoma\","
  " \"level\": \"L2\", \"lesion\": \"lytic, posterior wall\"}, \"baseline\": {\"nrs\": 7}}";

static const char hand_case[] =
  "{\"format\": \"ramus-case\", \"version\": 1, \"pseudonym\": \"H-1\", \"region\": \"hand\","
  " \"side\": \"right\", \"indication\": {\"id\": \"hand-oa\", \"eaton_littler\": 3},"
  " \"baseline\": {\"quickdash\": 49.2, \"nrs\": 7}}";

static const Rule rules[] = {
  /* identity and times */
  { NULL, "id", "\"not-a-uuid\"", "id", RAMUS_CASE_ERROR_INVALID, "id: “not-a-uuid” is not a UUID" },
  { NULL, "pseudonym", NULL, "pseudonym", RAMUS_CASE_ERROR_MISSING, NULL },
  { NULL, "pseudonym", "\"\"", "pseudonym", RAMUS_CASE_ERROR_MISSING, NULL },
  { NULL, "pseudonym", "\"" "12345678901234567890123456789012345678901234567890123456789012345" "\"",
    "pseudonym", RAMUS_CASE_ERROR_INVALID, "pseudonym: 65 characters is too long (1–64 characters)" },
  { NULL, "created", "\"2026-11-20 09:14\"", "created", RAMUS_CASE_ERROR_INVALID,
    "created: “2026-11-20 09:14” is not a UTC time (ISO 8601 ending in Z, e.g. 2026-11-20T09:14:00Z)" },
  { NULL, "modified", "\"2026-11-21T16:02:11+01:00\"", "modified", RAMUS_CASE_ERROR_INVALID, NULL },
  { NULL, "procedure_date", "\"2026-02-30\"", "procedure_date", RAMUS_CASE_ERROR_INVALID,
    "procedure_date: “2026-02-30” is not a date (YYYY-MM-DD, e.g. 2026-12-01)" },
  { NULL, "template", "\"knee-tame\"", "template", RAMUS_CASE_ERROR_INVALID, NULL },
  { NULL, "template", "\"ctace\"", "template", RAMUS_CASE_ERROR_INVALID,
    "template: “ctace” is a template of the liver region, not knee" },
  { NULL, "region", "\"kne\"", "region", RAMUS_CASE_ERROR_UNKNOWN_ID,
    "region: “kne” is not an atlas region (knee, shoulder, elbow, ankle-foot, hand, hip, liver, spine-pelvis)" },
  /* patient */
  { NULL, "patient.weight_kg", "350", "patient.weight_kg", RAMUS_CASE_ERROR_INVALID,
    "patient.weight_kg: 350 kg is out of range (20–300 kg)" },
  { NULL, "patient.weight_kg", "19.5", "patient.weight_kg", RAMUS_CASE_ERROR_INVALID,
    "patient.weight_kg: 19.5 kg is out of range (20–300 kg)" },
  { NULL, "patient.height_cm", "99", "patient.height_cm", RAMUS_CASE_ERROR_INVALID,
    "patient.height_cm: 99 cm is out of range (100–230 cm)" },
  { NULL, "patient.age_years", "121", "patient.age_years", RAMUS_CASE_ERROR_INVALID,
    "patient.age_years: 121 is out of range (0–120)" },
  { NULL, "patient.egfr_ml_min", "-1", "patient.egfr_ml_min", RAMUS_CASE_ERROR_INVALID,
    "patient.egfr_ml_min: -1 mL/min/1.73 m² is out of range (0–200 mL/min/1.73 m²)" },
  { NULL, "patient.sex", "\"f\"", "patient.sex", RAMUS_CASE_ERROR_INVALID,
    "patient.sex: “f” is not allowed (female, male, other)" },
  { NULL, "patient.allergies", "[\"penicillin\"]", "patient.allergies[0]", RAMUS_CASE_ERROR_INVALID,
    "patient.allergies[0]: “penicillin” is not allowed (carbapenem, beta-lactam, iodinated-contrast)" },
  { NULL, "patient.allergies", "[\"carbapenem\", \"carbapenem\"]", "patient.allergies[1]",
    RAMUS_CASE_ERROR_INVALID, "patient.allergies[1]: “carbapenem” is listed twice" },
  /* indication */
  { NULL, "indication.id", NULL, "indication.id", RAMUS_CASE_ERROR_MISSING,
    "indication.id: required (for the knee region: knee-oa)" },
  { NULL, "indication.id", "\"hip-oa\"", "indication.id", RAMUS_CASE_ERROR_INVALID,
    "indication.id: “hip-oa” is not an indication of the knee region (knee-oa)" },
  { NULL, "indication.kellgren_lawrence", NULL, "indication.kellgren_lawrence", RAMUS_CASE_ERROR_MISSING,
    "indication.kellgren_lawrence: required for knee-oa (Kellgren–Lawrence grade 0–4)" },
  { NULL, "indication.kellgren_lawrence", "5", "indication.kellgren_lawrence", RAMUS_CASE_ERROR_INVALID,
    "indication.kellgren_lawrence: 5 is out of range (0–4)" },
  { NULL, "indication.bclc", "\"B\"", "indication.bclc", RAMUS_CASE_ERROR_INVALID,
    "indication.bclc: not used for knee-oa" },
  { hand_case, "indication.eaton_littler", "0", "indication.eaton_littler", RAMUS_CASE_ERROR_INVALID,
    "indication.eaton_littler: 0 is out of range (1–4)" },
  { hand_case, "indication.eaton_littler", NULL, "indication.eaton_littler", RAMUS_CASE_ERROR_MISSING, NULL },
  { liver_case, "indication.bclc", "\"E\"", "indication.bclc", RAMUS_CASE_ERROR_INVALID,
    "indication.bclc: “E” is not allowed (0, A, B, C, D)" },
  { liver_case, "indication.child_pugh", NULL, "indication.child_pugh", RAMUS_CASE_ERROR_MISSING,
    "indication.child_pugh: required for hcc (Child–Pugh class A, B or C)" },
  { liver_case, "indication.child_pugh", "\"D\"", "indication.child_pugh", RAMUS_CASE_ERROR_INVALID, NULL },
  { spine_case, "indication.level", "\"C5\"", "indication.level", RAMUS_CASE_ERROR_INVALID, NULL },
  { spine_case, "indication.primary", NULL, "indication.primary", RAMUS_CASE_ERROR_MISSING, NULL },
  { spine_case, "indication.primary", "\"  \"", "indication.primary", RAMUS_CASE_ERROR_MISSING, NULL },
  { spine_case, "indication.lesion", NULL, "indication.lesion", RAMUS_CASE_ERROR_MISSING, NULL },
  /* scores */
  { NULL, "baseline.vas", "11", "baseline.vas", RAMUS_CASE_ERROR_INVALID,
    "baseline.vas: 11 is out of range (0–10)" },
  { NULL, "baseline.womac", "97", "baseline.womac", RAMUS_CASE_ERROR_INVALID, NULL },
  { NULL, "baseline.ases", "50", "baseline.ases", RAMUS_CASE_ERROR_INVALID,
    "baseline.ases: not a score of the knee region (vas, nrs, womac)" },
  { NULL, "baseline.afp_ng_ml", "10", "baseline.afp_ng_ml", RAMUS_CASE_ERROR_INVALID, NULL },
  { hand_case, "baseline.quickdash", "101", "baseline.quickdash", RAMUS_CASE_ERROR_INVALID, NULL },
  { liver_case, "baseline.afp_ng_ml", "-3", "baseline.afp_ng_ml", RAMUS_CASE_ERROR_INVALID,
    "baseline.afp_ng_ml: -3 ng/mL is out of range (≥ 0 ng/mL)" },
  { liver_case, "baseline.womac", "20", "baseline.womac", RAMUS_CASE_ERROR_INVALID, NULL },
  /* liver */
  { NULL, "liver.michels", "\"michels-1\"", "liver", RAMUS_CASE_ERROR_INVALID,
    "liver: only for the liver region, not knee" },
  { liver_case, "liver.michels", "\"michels-11\"", "liver.michels", RAMUS_CASE_ERROR_UNKNOWN_ID, NULL },
  { liver_case, "liver.michels", "\"knee-dga-single-pedicle\"", "liver.michels", RAMUS_CASE_ERROR_UNKNOWN_ID, NULL },
  { liver_case, "liver.tumours", "[{\"segment\": \"IX\", \"diameter_mm\": 20}]", "liver.tumours[0].segment",
    RAMUS_CASE_ERROR_INVALID, "liver.tumours[0].segment: “IX” is not allowed (I, II, III, IV, V, VI, VII, VIII)" },
  { liver_case, "liver.tumours", "[{\"segment\": \"IV\", \"diameter_mm\": 300}]", "liver.tumours[0].diameter_mm",
    RAMUS_CASE_ERROR_INVALID, "liver.tumours[0].diameter_mm: 300 mm is out of range (1–250 mm)" },
  { liver_case, "liver.tumours", "[{\"segment\": \"IV\"}]", "liver.tumours[0].diameter_mm",
    RAMUS_CASE_ERROR_MISSING, NULL },
  /* pain points: the knee drawing is 150 × 265 mm */
  { NULL, "pain_points", "[{\"x_mm\": 24, \"y_mm\": 140, \"radius_mm\": 0.5}]", "pain_points[0].radius_mm",
    RAMUS_CASE_ERROR_INVALID, "pain_points[0].radius_mm: 0.5 mm is out of range (1–100 mm)" },
  { NULL, "pain_points", "[{\"x_mm\": 500, \"y_mm\": 140, \"radius_mm\": 10}]", "pain_points[0].x_mm",
    RAMUS_CASE_ERROR_INVALID, "pain_points[0].x_mm: 500 mm is out of range (0–150 mm)" },
  { NULL, "pain_points", "[{\"x_mm\": 24, \"radius_mm\": 10}]", "pain_points[0].y_mm", RAMUS_CASE_ERROR_MISSING, NULL },
  /* access and targets */
  { NULL, "access", "\"groin\"", "access", RAMUS_CASE_ERROR_UNKNOWN_ID,
    "access: “groin” is not an access site (“ramus access list” lists them)" },
  { NULL, "targets", "[{\"vessel\": \"lateral-superior-genicular-artery\", \"embolic\": \"glue\"}]",
    "targets[0].embolic", RAMUS_CASE_ERROR_INVALID, NULL },
  { NULL, "targets", "[{\"vessel\": \"lateral-superior-genicular-artery\", \"planned_volume_ml\": 120}]",
    "targets[0].planned_volume_ml", RAMUS_CASE_ERROR_INVALID,
    "targets[0].planned_volume_ml: 120 mL is out of range (0–100 mL)" },
  { NULL, "targets", "[{\"embolic\": \"coil\"}]", "targets[0].vessel", RAMUS_CASE_ERROR_MISSING, NULL },
  { NULL, "targets", "[{\"vessel\": \"no-such-artery\"}]", "targets[0].vessel", RAMUS_CASE_ERROR_UNKNOWN_ID,
    "targets[0].vessel: “no-such-artery” is not an atlas vessel" },
  { NULL, "targets", "[{\"vessel\": \"LSGA\"}]", "targets[0].vessel", RAMUS_CASE_ERROR_UNKNOWN_ID,
    "targets[0].vessel: “LSGA” is a name, not an id (write “lateral-superior-genicular-artery”)" },
  { NULL, "targets", "[{\"vessel\": \"right-hepatic-artery\"}]", "targets[0].vessel", RAMUS_CASE_ERROR_INVALID,
    "targets[0].vessel: “right-hepatic-artery” is not a vessel of the knee region" },
  { NULL, "targets", "[{\"vessel\": \"superior-patellar-artery\"}, {\"vessel\": \"superior-patellar-artery\"}]",
    "targets[1].vessel", RAMUS_CASE_ERROR_INVALID, "targets[1].vessel: “superior-patellar-artery” is already target 1" },
  /* devices */
  { NULL, "devices.sheath", "\"sheath-99f\"", "devices.sheath", RAMUS_CASE_ERROR_UNKNOWN_ID,
    "devices.sheath: “sheath-99f” is not in the device catalogue" },
  { NULL, "devices.catheter", "\"sheath-4f-10\"", "devices.catheter", RAMUS_CASE_ERROR_INVALID,
    "devices.catheter: “sheath-4f-10” is a sheath, not a catheter" },
  { NULL, "devices.microcatheter", "\"wire-0014-180\"", "devices.microcatheter", RAMUS_CASE_ERROR_INVALID, NULL },
  { NULL, "devices.guidewire", "\"cath-4f-vert-100\"", "devices.guidewire", RAMUS_CASE_ERROR_INVALID, NULL },
  /* doses */
  { NULL, "doses.imipenem_g", "2", "doses.imipenem_g", RAMUS_CASE_ERROR_INVALID,
    "doses.imipenem_g: 2 g is out of range (0.1–1 g)" },
  { NULL, "doses.imipenem_contrast_ml", "0.5", "doses.imipenem_contrast_ml", RAMUS_CASE_ERROR_INVALID,
    "doses.imipenem_contrast_ml: 0.5 mL is out of range (1–50 mL)" },
  { NULL, "doses.bsa_formula", "\"haycock\"", "doses.bsa_formula", RAMUS_CASE_ERROR_INVALID,
    "doses.bsa_formula: “haycock” is not allowed (mosteller, dubois)" },
  { liver_case, "doses.doxorubicin_mg_per_m2", "80", "doses.doxorubicin_mg_per_m2", RAMUS_CASE_ERROR_INVALID,
    "doses.doxorubicin_mg_per_m2: 80 mg/m² is out of range (0–75 mg/m²)" },
  { liver_case, "doses.lipiodol_ml", "25", "doses.lipiodol_ml", RAMUS_CASE_ERROR_INVALID,
    "doses.lipiodol_ml: 25 mL is out of range (0–20 mL)" },
  { liver_case, "doses.deb_loading_mg", "160", "doses.deb_loading_mg", RAMUS_CASE_ERROR_INVALID,
    "doses.deb_loading_mg: 160 mg is out of range (0–150 mg)" },
  /* follow-ups */
  { NULL, "followups", "[{\"scores\": {\"vas\": 2}}]", "followups[0].date", RAMUS_CASE_ERROR_MISSING, NULL },
  { NULL, "followups", "[{\"date\": \"05/01/2027\"}]", "followups[0].date", RAMUS_CASE_ERROR_INVALID, NULL },
  { NULL, "followups", "[{\"date\": \"2027-01-05\", \"scores\": {\"womac\": -1}}]", "followups[0].scores.womac",
    RAMUS_CASE_ERROR_INVALID, "followups[0].scores.womac: -1 is out of range (0–96)" },
  { NULL, "followups", "[{\"date\": \"2027-01-05\", \"mrecist\": \"CR\"}]", "followups[0].mrecist",
    RAMUS_CASE_ERROR_INVALID, "followups[0].mrecist: only for the liver region, not knee" },
  { liver_case, "followups", "[{\"date\": \"2027-01-05\", \"mrecist\": \"NE\"}]", "followups[0].mrecist",
    RAMUS_CASE_ERROR_INVALID, "followups[0].mrecist: “NE” is not allowed (CR, PR, SD, PD)" },
};

static void
test_validation_rules (void)
{
  RamusAtlas *a = atlas ();

  /* Each base case is valid as it stands, so each rule's problem is the
   * one its change causes. */
  const char *bases[] = { knee_case, liver_case, spine_case, hand_case };
  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      g_autoptr(RamusCase) c = parse_ok (bases[i]);
      g_autoptr(GPtrArray) problems = ramus_case_check (c, a);
      for (guint j = 0; j < problems->len; j++)
        g_printerr ("base %u: %s\n", i, ((RamusCaseProblem *) problems->pdata[j])->message);
      g_assert_cmpuint (problems->len, ==, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const Rule *rule = &rules[i];
      g_autoptr(JsonNode) root = json_from_string (rule->base ? rule->base : knee_case, NULL);
      g_autoptr(RamusCase) c = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      const RamusCaseProblem *p;

      g_test_message ("rule %u: %s = %s", i, rule->path, rule->value ? rule->value : "(removed)");
      set_path (root, rule->path, rule->value);
      c = ramus_case_from_json_node (root, &error);
      g_assert_no_error (error);
      problems = ramus_case_check (c, a);
      if (problems->len != 1)
        for (guint j = 0; j < problems->len; j++)
          g_printerr ("rule %u: %s\n", i, ((RamusCaseProblem *) problems->pdata[j])->message);
      g_assert_cmpuint (problems->len, ==, 1);
      p = g_ptr_array_index (problems, 0);
      g_assert_cmpstr (p->path, ==, rule->problem_path);
      g_assert_cmpint (p->code, ==, rule->code);
      if (rule->message)
        g_assert_cmpstr (p->message, ==, rule->message);
      else
        g_assert_true (g_str_has_prefix (p->message, rule->problem_path));

      /* ramus_case_validate() reports the same problem as a GError. */
      g_assert_false (ramus_case_validate (c, a, &error));
      g_assert_error (error, RAMUS_CASE_ERROR, (gint) rule->code);
      g_assert_cmpstr (error->message, ==, p->message);
    }
}

/* The side punctured: absent in a file written before it existed (the
 * access's usual side applies, and the file is written back without it),
 * kept through a round trip when recorded, refused when it is not a side or
 * contradicts the contralateral approach. */
static void
test_puncture_side (void)
{
  g_autoptr(RamusCase) old = parse_ok (knee_case);
  g_autofree char *old_text = ramus_case_to_json (old, FALSE);
  g_autoptr(JsonNode) root = json_from_string (knee_case, NULL);
  g_autoptr(RamusCase) chosen = NULL, back = NULL, contra = NULL, bad = NULL;
  g_autofree char *chosen_text = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *allowed = ramus_case_allowed_values ("puncture_side");
  RamusSide side;

  g_assert_null (old->puncture_side);
  g_assert_false (ramus_case_get_puncture_side (old, &side));
  g_assert_null (strstr (old_text, "puncture_side"));

  /* Recorded: read, compared, copied and written back. */
  set_path (root, "puncture_side", "\"right\"");
  chosen = ramus_case_from_json_node (root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chosen->puncture_side, ==, "right");
  g_assert_true (ramus_case_get_puncture_side (chosen, &side));
  g_assert_cmpint (side, ==, RAMUS_SIDE_RIGHT);
  g_assert_false (ramus_case_equal (old, chosen));
  chosen_text = ramus_case_to_json (chosen, FALSE);
  g_assert_nonnull (strstr (chosen_text, "\"access\":\"cfa-antegrade\",\"puncture_side\":\"right\","));
  back = parse_ok (chosen_text);
  g_assert_true (ramus_case_equal (chosen, back));
  {
    g_autoptr(RamusCase) copy = ramus_case_copy (chosen);
    g_assert_true (ramus_case_equal (copy, chosen));
  }
  /* Any side is the operator's for an antegrade femoral access. */
  problems = ramus_case_check (chosen, atlas ());
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_assert_cmpuint (g_strv_length ((char **) allowed), ==, 2);
  g_assert_true (g_strv_contains (allowed, "left") && g_strv_contains (allowed, "right"));

  /* Not a side: read (a draft may hold anything), refused by validation. */
  set_path (root, "puncture_side", "\"up\"");
  bad = ramus_case_from_json_node (root, &error);
  g_assert_no_error (error);
  problems = ramus_case_check (bad, NULL);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((RamusCaseProblem *) problems->pdata[0])->message, ==,
                   "puncture_side: “up” is not allowed (left, right)");
  g_clear_pointer (&problems, g_ptr_array_unref);
  set_path (root, "puncture_side", "7");
  g_assert_null (ramus_case_from_json_node (root, &error));
  g_assert_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_TYPE);
  g_clear_error (&error);

  /* The contralateral approach punctures the other groin: the target's own
   * (left) contradicts it, the right one is its usual side. */
  set_path (root, "access", "\"cfa-contralateral\"");
  set_path (root, "puncture_side", "\"left\"");
  contra = ramus_case_from_json_node (root, &error);
  g_assert_no_error (error);
  problems = ramus_case_check (contra, atlas ());
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((RamusCaseProblem *) problems->pdata[0])->path, ==, "puncture_side");
  g_assert_cmpstr (((RamusCaseProblem *) problems->pdata[0])->message, ==,
                   "puncture_side: left is the target’s side; the contralateral approach punctures the other "
                   "groin (right)");
  g_clear_pointer (&problems, g_ptr_array_unref);
  ramus_case_set_string (&contra->puncture_side, "right");
  problems = ramus_case_check (contra, atlas ());
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Without an atlas the format's own rules still hold. */
static void
test_validate_without_atlas (void)
{
  g_autoptr(RamusCase) c = parse_ok (knee_case);
  g_autoptr(GPtrArray) problems = NULL;

  ramus_case_set_string (&c->access, "groin");
  ramus_case_set_string (&g_array_index (c->targets, RamusTarget, 0).vessel, "no-such-artery");
  c->patient.weight_kg = 350;
  problems = ramus_case_check (c, NULL);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((RamusCaseProblem *) problems->pdata[0])->message, ==,
                   "patient.weight_kg: 350 kg is out of range (20–300 kg)");
}

static void
test_every_problem_reported (void)
{
  g_autoptr(RamusCase) c = parse_ok (knee_case);
  g_autoptr(GPtrArray) problems = NULL;

  c->patient.weight_kg = 350;
  c->patient.height_cm = 90;
  c->doses.imipenem_g = 3;
  problems = ramus_case_check (c, atlas ());
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpstr (((RamusCaseProblem *) problems->pdata[0])->path, ==, "patient.height_cm");
  g_assert_cmpstr (((RamusCaseProblem *) problems->pdata[1])->path, ==, "patient.weight_kg");
  g_assert_cmpstr (((RamusCaseProblem *) problems->pdata[2])->path, ==, "doses.imipenem_g");
}

/* --- indications, scores, templates --------------------------------------- */

static void
test_indications (void)
{
  RamusAtlas *a = atlas ();
  struct { const char *region; guint n; const char *first; } expected[] = {
    { "knee", 1, "knee-oa" }, { "shoulder", 2, "adhesive-capsulitis" },
    { "elbow", 2, "lateral-epicondylitis" }, { "ankle-foot", 2, "plantar-fasciitis" },
    { "hand", 1, "hand-oa" }, { "hip", 1, "hip-oa" }, { "liver", 1, "hcc" },
    { "spine-pelvis", 1, "bone-metastasis" },
  };
  g_autoptr(GPtrArray) none = ramus_indications_for_region ("thorax");
  guint total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GPtrArray) list = ramus_indications_for_region (expected[i].region);
      g_assert_nonnull (ramus_atlas_lookup_region (a, expected[i].region));
      g_assert_cmpuint (list->len, ==, expected[i].n);
      g_assert_cmpstr (((RamusIndication *) list->pdata[0])->id, ==, expected[i].first);
      total += list->len;
    }
  g_assert_cmpuint (total, ==, ramus_indication_get_n ());
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpint (ramus_indication_lookup ("knee-oa")->fields, ==, RAMUS_STAGE_KELLGREN_LAWRENCE);
  g_assert_cmpint (ramus_indication_lookup ("hcc")->fields, ==, RAMUS_STAGE_BCLC | RAMUS_STAGE_CHILD_PUGH);
  g_assert_cmpstr (ramus_indication_get_name (ramus_indication_lookup ("hand-oa")), ==, "Hand osteoarthritis");
  g_assert_null (ramus_indication_lookup ("gout"));
}

static void
test_scores (void)
{
  RamusScore s;

  g_assert_true (ramus_score_from_key ("womac", &s));
  g_assert_cmpint (s, ==, RAMUS_SCORE_WOMAC);
  g_assert_cmpfloat (ramus_score_get_info (s)->max, ==, 96);
  g_assert_true (ramus_score_in_region (RAMUS_SCORE_WOMAC, "hip"));
  g_assert_false (ramus_score_in_region (RAMUS_SCORE_WOMAC, "elbow"));
  g_assert_true (ramus_score_in_region (RAMUS_SCORE_QUICKDASH, "elbow"));
  g_assert_true (ramus_score_in_region (RAMUS_SCORE_PIVKA_II, "liver"));
  g_assert_false (ramus_score_from_key ("koos", NULL));
  g_assert_cmpstr (ramus_case_allowed_values ("targets.embolic")[1], ==, "microspheres-75-100");
  g_assert_null (ramus_case_allowed_values ("patient.weight_kg"));
}

static void
test_templates (void)
{
  RamusAtlas *a = atlas ();

  g_assert_cmpuint (ramus_case_get_n_templates (), ==, 9);
  g_assert_null (ramus_case_new_from_template ("brain-tame"));
  for (guint i = 0; i < ramus_case_get_n_templates (); i++)
    {
      const RamusCaseTemplate *tmpl = ramus_case_get_template (i);
      g_autoptr(RamusCase) c = ramus_case_new_from_template (tmpl->id);
      g_auto(GStrv) sources = g_strsplit (tmpl->sources, ",", -1);
      const RamusIndication *ind = ramus_indication_lookup (tmpl->indication);
      g_autoptr(GPtrArray) problems = NULL;

      g_test_message ("template %s", tmpl->id);
      g_assert_cmpstr (c->template_id, ==, tmpl->id);
      g_assert_cmpstr (c->region, ==, tmpl->region);
      g_assert_cmpstr (c->indication.id, ==, tmpl->indication);
      g_assert_cmpstr (c->access, ==, tmpl->access);
      g_assert_true (g_strv_contains (ramus_case_allowed_values ("targets.embolic"), tmpl->embolic));
      for (guint j = 0; sources[j]; j++)
        g_assert_nonnull (ramus_atlas_lookup_source (a, sources[j]));

      /* Filled in with a pseudonym and the stage fields it asks for, the
       * template's case is valid against the real atlas. */
      ramus_case_set_string (&c->pseudonym, "T-1");
      if (ind->fields & RAMUS_STAGE_KELLGREN_LAWRENCE)
        c->indication.kellgren_lawrence = 2;
      if (ind->fields & RAMUS_STAGE_EATON_LITTLER)
        c->indication.eaton_littler = 2;
      if (ind->fields & RAMUS_STAGE_BCLC)
        ramus_case_set_string (&c->indication.bclc, "B");
      if (ind->fields & RAMUS_STAGE_CHILD_PUGH)
        ramus_case_set_string (&c->indication.child_pugh, "A");
      if (ind->fields & RAMUS_STAGE_PRIMARY)
        ramus_case_set_string (&c->indication.primary, "breast");
      if (ind->fields & RAMUS_STAGE_LEVEL)
        ramus_case_set_string (&c->indication.level, "T12");
      if (ind->fields & RAMUS_STAGE_LESION)
        ramus_case_set_string (&c->indication.lesion, "lytic");
      problems = ramus_case_check (c, a);
      for (guint j = 0; j < problems->len; j++)
        g_printerr ("%s: %s\n", tmpl->id, ((RamusCaseProblem *) problems->pdata[j])->message);
      g_assert_cmpuint (problems->len, ==, 0);
    }

  {
    g_autoptr(RamusCase) gae = ramus_case_new_from_template ("knee-gae");
    g_autoptr(RamusCase) tace = ramus_case_new_from_template ("ctace");

    /* TAME starts with 0.5 g imipenem/cilastatin in 10 mL contrast. */
    g_assert_cmpfloat (gae->doses.imipenem_g, ==, 0.5);
    g_assert_cmpfloat (gae->doses.imipenem_contrast_ml, ==, 10);
    g_assert_cmpstr (gae->access, ==, "cfa-contralateral");
    g_assert_true (isnan (tace->doses.imipenem_g));
    g_assert_cmpstr (tace->doses.bsa_formula, ==, "mosteller");
    g_assert_cmpstr (ramus_case_lookup_template ("ctace")->embolic, ==, "lipiodol-emulsion");
  }
}

/* --- anonymisation ------------------------------------------------------ */

static void
test_anonymise (void)
{
  g_autoptr(RamusCase) c = parse_ok (knee_case);
  g_autoptr(RamusCase) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const RamusFollowup *f;

  g_assert_true (ramus_case_anonymise (c, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (c->pseudonym, ==, "anonymous");
  g_assert_null (c->id);
  g_assert_null (c->created);
  g_assert_null (c->modified);
  g_assert_null (c->notes);
  g_assert_null (c->procedure_date);
  g_assert_cmpint (c->procedure_day, ==, 0);
  f = &g_array_index (c->followups, RamusFollowup, 0);
  g_assert_null (f->date);
  /* 2026-12-01 → 2027-01-05: 30 days to 31 December, +1 to 1 January,
   * +4 to 5 January = 35. */
  g_assert_cmpint (f->day, ==, 35);

  /* The anonymised file reads back and is still valid. */
  text = ramus_case_to_json (c, FALSE);
  g_assert_nonnull (strstr (text, "\"procedure_day\":0"));
  g_assert_nonnull (strstr (text, "\"day\":35"));
  g_assert_null (strstr (text, "KN-0042"));
  back = parse_ok (text);
  g_assert_true (ramus_case_equal (c, back));
  g_assert_true (ramus_case_validate (back, atlas (), &error));
  g_assert_no_error (error);
}

static void
test_anonymise_refuses (void)
{
  g_autoptr(RamusCase) c = parse_ok (knee_case);
  g_autoptr(RamusCase) before = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&c->procedure_date, g_free);
  before = ramus_case_copy (c);
  g_assert_false (ramus_case_anonymise (c, &error));
  g_assert_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_MISSING);
  /* Nothing was changed. */
  g_assert_true (ramus_case_equal (c, before));
}

static void
test_boxed (void)
{
  g_autoptr(RamusCase) c = ramus_case_new ("knee", RAMUS_SIDE_RIGHT);
  RamusCase *copy = g_boxed_copy (RAMUS_TYPE_CASE, c);

  g_assert_true (G_TYPE_IS_BOXED (RAMUS_TYPE_CASE));
  g_assert_true (copy != c);
  g_assert_true (ramus_case_equal (c, copy));
  g_boxed_free (RAMUS_TYPE_CASE, copy);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/case/read-fields", test_read_fields);
  g_test_add_func ("/core/case/round-trip", test_round_trip);
  g_test_add_func ("/core/case/round-trip-file", test_round_trip_file);
  g_test_add_func ("/core/case/copy-equal", test_copy_equal);
  g_test_add_func ("/core/case/new", test_new_case);
  g_test_add_func ("/core/case/boxed", test_boxed);
  g_test_add_func ("/core/case/valid-against-atlas", test_valid_against_atlas);
  g_test_add_func ("/core/case/read-errors", test_read_errors);
  g_test_add_func ("/core/case/extensions-free-form", test_extensions_free_form);
  g_test_add_func ("/core/case/newer-version", test_newer_version);
  g_test_add_func ("/core/case/validation-rules", test_validation_rules);
  g_test_add_func ("/core/case/puncture-side", test_puncture_side);
  g_test_add_func ("/core/case/validate-without-atlas", test_validate_without_atlas);
  g_test_add_func ("/core/case/every-problem-reported", test_every_problem_reported);
  g_test_add_func ("/core/case/indications", test_indications);
  g_test_add_func ("/core/case/scores", test_scores);
  g_test_add_func ("/core/case/templates", test_templates);
  g_test_add_func ("/core/case/anonymise", test_anonymise);
  g_test_add_func ("/core/case/anonymise-refuses", test_anonymise_refuses);

  return g_test_run ();
}
