/* test-dose.c — every dose formula against values worked out by hand, the
 * input ranges, and `ramus dose …` as a script runs it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-dose.h"
#include "ramus-atlas.h"
#include "ramus-test-util.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

static RamusAtlas *
atlas (void)
{
  g_autoptr(GError) error = NULL;
  RamusAtlas *a = ramus_atlas_get_default (&error);

  g_assert_no_error (error);
  return a;
}

static double
value_of (const RamusDoseResult *r,
          const char            *key)
{
  for (guint i = 0; i < r->values->len; i++)
    {
      const RamusDoseValue *v = &g_array_index (r->values, RamusDoseValue, i);
      if (g_str_equal (v->key, key))
        return v->value;
    }
  g_error ("no value %s in %s", key, r->title);
  return NAN;
}

/* Every result cites sources the bundled atlas holds, and shows its rule. */
static void
assert_cited (const RamusDoseResult *r)
{
  g_assert_nonnull (r->formula);
  g_assert_nonnull (r->working);
  g_assert_nonnull (r->sources);
  g_assert_nonnull (r->sources[0]);
  for (guint i = 0; r->sources[i]; i++)
    if (ramus_atlas_lookup_source (atlas (), r->sources[i]) == NULL)
      g_error ("%s cites unknown source %s", r->title, r->sources[i]);
}

static gboolean
has_warning (const RamusDoseResult *r,
             const char            *fragment)
{
  for (guint i = 0; i < r->warnings->len; i++)
    if (strstr (r->warnings->pdata[i], fragment))
      return TRUE;
  return FALSE;
}

/* --- body-surface area ---------------------------------------------------- */

static void
test_bsa (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusDoseResult) mosteller = ramus_dose_bsa (170, 70, RAMUS_BSA_MOSTELLER, &error);
  g_autoptr(RamusDoseResult) dubois = ramus_dose_bsa (170, 70, RAMUS_BSA_DUBOIS, &error);

  g_assert_no_error (error);
  /* Mosteller: √(170 × 70 / 3600) = √(11900 / 3600) = √3.305556 = 1.818119 m². */
  g_assert_cmpfloat_with_epsilon (value_of (mosteller, "bsa_m2"), 1.818119, 1e-6);
  g_assert_cmpstr (mosteller->working, ==, "√(170 × 70 / 3600) = 1.82 m²");
  g_assert_cmpstr (mosteller->sources[0], ==, "dose-mosteller1987");
  assert_cited (mosteller);
  /* Du Bois: 70^0.425 = e^(0.425 × ln 70) = e^1.805610 = 6.08370;
   * 170^0.725 = e^(0.725 × ln 170) = e^3.723454 = 41.4069;
   * 0.007184 × 6.08370 × 41.4069 = 1.80971 m². */
  g_assert_cmpfloat_with_epsilon (value_of (dubois, "bsa_m2"), 1.80971, 1e-5);
  g_assert_cmpstr (dubois->sources[0], ==, "dose-dubois1916");
  assert_cited (dubois);
  /* Mosteller at 158 cm, 64 kg: √(10112 / 3600) = √2.808889 = 1.675974. */
  g_assert_cmpfloat_with_epsilon (ramus_dose_bsa_m2 (158, 64, RAMUS_BSA_MOSTELLER), 1.675974, 1e-6);
  /* The BSA range holds both formulas at the height and weight extremes:
   * Mosteller √(100 × 20 / 3600) = 0.745, √(230 × 300 / 3600) = 4.378. */
  g_assert_cmpfloat (ramus_dose_bsa_m2 (100, 20, RAMUS_BSA_DUBOIS), >=, RAMUS_DOSE_BSA_MIN_M2);
  g_assert_cmpfloat (ramus_dose_bsa_m2 (230, 300, RAMUS_BSA_MOSTELLER), <=, RAMUS_DOSE_BSA_MAX_M2);
}

typedef struct
{
  double height;
  double weight;
  const char *message;
} BsaError;

static void
test_bsa_ranges (void)
{
  const BsaError cases[] = {
    { 170, 350, "weight 350 kg is out of range (20–300 kg)" },
    { 170, 19.5, "weight 19.5 kg is out of range (20–300 kg)" },
    { 99.5, 70, "height 99.5 cm is out of range (100–230 cm)" },
    { 231, 70, "height 231 cm is out of range (100–230 cm)" },
    { 170, -70, "weight -70 kg is out of range (20–300 kg)" },
    { 170, NAN, "weight is missing (20–300 kg)" },
    { INFINITY, 70, "height inf cm is out of range (100–230 cm)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RamusDoseResult) r = ramus_dose_bsa (cases[i].height, cases[i].weight, RAMUS_BSA_MOSTELLER, &error);
      g_assert_null (r);
      g_assert_true (error && error->domain == RAMUS_DOSE_ERROR);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
  {
    /* The edges are in range. */
    g_autoptr(GError) error = NULL;
    g_autoptr(RamusDoseResult) low = ramus_dose_bsa (100, 20, RAMUS_BSA_MOSTELLER, &error);
    g_autoptr(RamusDoseResult) high = ramus_dose_bsa (230, 300, RAMUS_BSA_DUBOIS, &error);
    g_assert_no_error (error);
    g_assert_nonnull (low);
    g_assert_nonnull (high);
  }
}

/* --- doxorubicin ---------------------------------------------------------- */

static void
test_doxorubicin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusDoseResult) r = ramus_dose_doxorubicin (1.8, 50, NAN, &error);
  g_autoptr(RamusDoseResult) below = NULL;
  g_autoptr(RamusDoseResult) above = NULL;

  g_assert_no_error (error);
  /* 1.8 m² × 50 mg/m² = 90 mg. */
  g_assert_cmpfloat_with_epsilon (value_of (r, "dose_mg"), 90.0, 1e-9);
  g_assert_cmpstr (r->working, ==, "1.8 m² × 50 mg/m² = 90.0 mg");
  g_assert_cmpuint (r->warnings->len, ==, 0);
  /* Without a prior dose, a note asks for it. */
  g_assert_cmpuint (r->notes->len, ==, 1);
  assert_cited (r);

  /* 300 + 50 = 350 mg/m² < 400: no warning. */
  below = ramus_dose_doxorubicin (1.8, 50, 300, &error);
  g_assert_cmpfloat_with_epsilon (value_of (below, "cumulative_mg_per_m2"), 350, 1e-9);
  g_assert_cmpuint (below->warnings->len, ==, 0);
  /* 360 + 50 = 410 mg/m² ≥ 400: heart failure ~5% and rising. */
  above = ramus_dose_doxorubicin (1.8, 50, 360, &error);
  g_assert_cmpfloat_with_epsilon (value_of (above, "cumulative_mg_per_m2"), 410, 1e-9);
  g_assert_true (has_warning (above, "Cumulative doxorubicin 410 mg/m² (360 before + 50 now)"));
  g_assert_cmpstr (above->sources[0], ==, "dose-swain2003");
}

static void
test_doxorubicin_ranges (void)
{
  struct { double bsa, mg, prior; const char *message; } cases[] = {
    { 1.8, 80, NAN, "doxorubicin dose 80 mg/m² is out of range (0–75 mg/m²)" },
    { 5.0, 50, NAN, "body-surface area 5 m² is out of range (0.5–4.5 m²)" },
    { 1.8, 50, -10, "prior anthracycline dose -10 mg/m² is out of range (0–1000 mg/m²)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RamusDoseResult) r = ramus_dose_doxorubicin (cases[i].bsa, cases[i].mg, cases[i].prior, &error);
      g_assert_null (r);
      g_assert_error (error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_RANGE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* --- imipenem/cilastatin -------------------------------------------------- */

static void
test_imipenem (void)
{
  g_autoptr(GError) error = NULL;
  RamusImipenemInput input = { NAN, NAN, 0.2, 0 };
  g_autoptr(RamusDoseResult) r = ramus_dose_imipenem (&input, &error);
  g_autoptr(RamusDoseResult) dilute = NULL;
  g_autoptr(RamusDoseResult) odd = NULL;

  g_assert_no_error (error);
  /* Default vial: 0.5 g × 1000 / 10 mL = 50 mg/mL; 0.2 mL aliquots hold
   * 50 × 0.2 = 10 mg and 10 / 0.2 = 50 of them fill the suspension. */
  g_assert_cmpfloat_with_epsilon (value_of (r, "concentration_mg_per_ml"), 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (value_of (r, "imipenem_per_aliquot_mg"), 10, 1e-9);
  g_assert_cmpfloat (value_of (r, "aliquots"), ==, 50);
  g_assert_cmpstr (r->embolic, ==, "imipenem-cilastatin");
  g_assert_cmpuint (r->warnings->len, ==, 0);
  g_assert_true (g_strv_contains ((const char * const *) r->sources, "seed-tame"));
  assert_cited (r);

  /* 0.5 g in 20 mL: 500 / 20 = 25 mg/mL. */
  input = (RamusImipenemInput) { 0.5, 20, NAN, 0 };
  dilute = ramus_dose_imipenem (&input, &error);
  g_assert_cmpfloat_with_epsilon (value_of (dilute, "concentration_mg_per_ml"), 25, 1e-9);
  /* 0.75 g in 15 mL = 50 mg/mL; 0.3 mL aliquots: 15 mg each, 15 / 0.3 = 50. */
  input = (RamusImipenemInput) { 0.75, 15, 0.3, 0 };
  odd = ramus_dose_imipenem (&input, &error);
  g_assert_cmpfloat_with_epsilon (value_of (odd, "imipenem_per_aliquot_mg"), 15, 1e-9);
  g_assert_cmpfloat (value_of (odd, "aliquots"), ==, 50);
}

static void
test_imipenem_allergy (void)
{
  struct { RamusAllergies allergies; const char *embolic; const char *warning; } cases[] = {
    { RAMUS_ALLERGY_CARBAPENEM, "microspheres-75-100", "Carbapenem allergy" },
    { RAMUS_ALLERGY_BETA_LACTAM, "microspheres-75-100", "β-lactam allergy" },
    { RAMUS_ALLERGY_IODINATED_CONTRAST, "imipenem-cilastatin", "Iodinated contrast allergy" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      RamusImipenemInput input = { NAN, NAN, NAN, cases[i].allergies };
      g_autoptr(RamusDoseResult) r = ramus_dose_imipenem (&input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (r->embolic, ==, cases[i].embolic);
      g_assert_cmpuint (r->warnings->len, ==, 1);
      g_assert_true (has_warning (r, cases[i].warning));
    }
}

static void
test_imipenem_ranges (void)
{
  struct { RamusImipenemInput input; const char *message; } cases[] = {
    { { 2, NAN, NAN, 0 }, "imipenem 2 g is out of range (0.1–1 g)" },
    { { 0.5, 0.5, NAN, 0 }, "contrast volume 0.5 mL is out of range (1–50 mL)" },
    { { 0.5, 10, 6, 0 }, "aliquot 6 mL is out of range (0.05–5 mL)" },
    { { 0.5, 3, 4, 0 }, "aliquot 4 mL is larger than the 3 mL suspension" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RamusDoseResult) r = ramus_dose_imipenem (&cases[i].input, &error);
      g_assert_null (r);
      g_assert_error (error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_RANGE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* --- drug-eluting beads --------------------------------------------------- */

static void
test_deb (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusDoseResult) two = ramus_dose_deb (2, NAN, &error);
  g_autoptr(RamusDoseResult) four = ramus_dose_deb (4, NAN, &error);
  g_autoptr(RamusDoseResult) over = ramus_dose_deb (4.2, NAN, &error);
  g_autoptr(RamusDoseResult) custom = ramus_dose_deb (3, 25, &error);
  g_autoptr(RamusDoseResult) bad = NULL;

  g_assert_no_error (error);
  /* 2 mL × 37.5 mg/mL = 75 mg. */
  g_assert_cmpfloat_with_epsilon (value_of (two, "dose_mg"), 75, 1e-9);
  g_assert_cmpstr (two->sources[0], ==, "dose-malagari-debdox");
  assert_cited (two);
  /* 4 × 37.5 = 150 mg: at the limit, no warning; 4.2 × 37.5 = 157.5 mg: over. */
  g_assert_cmpfloat_with_epsilon (value_of (four, "dose_mg"), 150, 1e-9);
  g_assert_cmpuint (four->warnings->len, ==, 0);
  g_assert_cmpfloat_with_epsilon (value_of (over, "dose_mg"), 157.5, 1e-9);
  g_assert_true (has_warning (over, "157.5 mg"));
  /* 3 mL × 25 mg/mL = 75 mg. */
  g_assert_cmpfloat_with_epsilon (value_of (custom, "dose_mg"), 75, 1e-9);

  bad = ramus_dose_deb (12, NAN, &error);
  g_assert_null (bad);
  g_assert_cmpstr (error->message, ==, "bead volume 12 mL is out of range (0.1–10 mL)");
}

/* --- Lipiodol ------------------------------------------------------------- */

static void
test_lipiodol (void)
{
  const double two[] = { 45, 30 };
  const double one[] = { 45 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusDoseResult) standard = ramus_dose_lipiodol (two, 2, 2, NAN, "A", &error);
  g_autoptr(RamusDoseResult) capped = ramus_dose_lipiodol (two, 2, 3, NAN, "A", &error);
  g_autoptr(RamusDoseResult) child_b = ramus_dose_lipiodol (two, 2, 3, NAN, "B", &error);
  g_autoptr(RamusDoseResult) planned = ramus_dose_lipiodol (one, 1, NAN, 6, NULL, &error);

  g_assert_no_error (error);
  /* 45 + 30 mm = 7.5 cm; 2 mL/cm × 7.5 cm = 15 mL, inside 5–15 mL. */
  g_assert_cmpfloat_with_epsilon (value_of (standard, "lipiodol_ml"), 15, 1e-9);
  g_assert_cmpfloat_with_epsilon (value_of (standard, "tumour_sum_cm"), 7.5, 1e-9);
  g_assert_cmpuint (standard->warnings->len, ==, 0);
  assert_cited (standard);
  /* 3 × 7.5 = 22.5 mL → capped at 20 mL, above 15 mL. */
  g_assert_cmpfloat_with_epsilon (value_of (capped, "lipiodol_ml"), 20, 1e-9);
  g_assert_cmpuint (capped->warnings->len, ==, 2);
  g_assert_true (has_warning (capped, "22.5 mL capped at 20 mL"));
  /* Child–Pugh B adds the liver-function warning. */
  g_assert_cmpuint (child_b->warnings->len, ==, 3);
  g_assert_true (has_warning (child_b, "Child–Pugh B"));
  /* Planned 6 mL for a 4.5 cm tumour: 6 / 4.5 = 1.333 mL/cm. */
  g_assert_cmpfloat_with_epsilon (value_of (planned, "ml_per_cm"), 6.0 / 4.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (value_of (planned, "lipiodol_ml"), 6, 1e-9);
}

static void
test_lipiodol_errors (void)
{
  const double big[] = { 300 };
  const double one[] = { 45 };
  struct { const double *tumours; guint n; double ratio, ml; const char *child; const char *message; } cases[] = {
    { big, 1, 2, NAN, NULL, "tumour diameter 300 mm is out of range (1–250 mm)" },
    { one, 1, NAN, NAN, NULL, "give either a ratio in mL per cm of tumour diameter or a planned volume in mL" },
    { one, 1, 2, 6, NULL, "give either a ratio in mL per cm of tumour diameter or a planned volume in mL" },
    { one, 1, NAN, 25, NULL, "Lipiodol volume 25 mL is out of range (0.1–20 mL)" },
    { one, 1, 8, NAN, NULL, "Lipiodol ratio 8 mL/cm is out of range (0.1–5 mL/cm)" },
    { one, 1, 2, NAN, "D", "Child–Pugh class “D” is not A, B or C" },
    { NULL, 0, 2, NAN, NULL, "tumour diameter is missing (1–250 mm)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RamusDoseResult) r = ramus_dose_lipiodol (cases[i].tumours, cases[i].n, cases[i].ratio,
                                                          cases[i].ml, cases[i].child, &error);
      g_assert_null (r);
      g_assert_true (error && error->domain == RAMUS_DOSE_ERROR);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* --- three-stage TACE ----------------------------------------------------- */

static void
test_tace_plan (void)
{
  struct { double mm; gboolean capsule, shunt; const char *child; gboolean stasis; guint warnings; } cases[] = {
    { 45, TRUE, FALSE, "A", TRUE, 0 },    /* encapsulated, < 70 mm, no shunt, Child A */
    { 70, TRUE, FALSE, "A", FALSE, 0 },   /* 7 cm is not below 7 cm */
    { 45, FALSE, FALSE, "A", FALSE, 0 },  /* no capsule */
    { 45, TRUE, TRUE, "A", FALSE, 1 },    /* shunt */
    { 45, TRUE, FALSE, "B", FALSE, 0 },   /* liver function */
    { 45, TRUE, FALSE, NULL, FALSE, 1 },  /* liver function unknown */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RamusDoseResult) r = ramus_dose_tace_plan (cases[i].mm, cases[i].capsule, cases[i].shunt,
                                                           cases[i].child, &error);
      const RamusTaceStage *stages;

      g_assert_no_error (error);
      g_assert_cmpuint (r->stages->len, ==, 3);
      stages = (const RamusTaceStage *) r->stages->data;
      g_assert_cmpstr (stages[0].embolic, ==, "lipiodol-emulsion");
      g_assert_cmpstr (stages[1].embolic, ==, "deb-microspheres");
      g_assert_cmpstr (stages[2].embolic, ==, "bland-microspheres");
      g_assert_cmpuint (r->notes->len, ==, 1);
      g_assert_cmpint (strstr (r->notes->pdata[0], "complete devascularization") != NULL, ==, cases[i].stasis);
      g_assert_cmpuint (r->warnings->len, ==, cases[i].warnings);
      g_assert_cmpstr (r->sources[0], ==, "seed-tace");
      assert_cited (r);
    }
}

/* --- the command line ----------------------------------------------------- */

static JsonObject *
parse_object (const char *text,
              JsonNode  **keep)
{
  g_autoptr(GError) error = NULL;

  *keep = json_from_string (text, &error);
  g_assert_no_error (error);
  return json_node_get_object (*keep);
}

static void
assert_json_cited (JsonObject *o)
{
  JsonArray *sources = json_object_get_array_member (o, "sources");

  g_assert_nonnull (json_object_get_string_member (o, "formula_text"));
  g_assert_nonnull (json_object_get_string_member (o, "working"));
  g_assert_cmpuint (json_array_get_length (sources), >, 0);
  for (guint i = 0; i < json_array_get_length (sources); i++)
    g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (sources, i), "citation"));
}

static void
test_cli_bsa (void)
{
  g_auto(RamusTestRun) run = ramus_test_run_cli ("dose", "bsa", "--height-cm", "170", "--weight-kg", "70", "--json", NULL);
  g_auto(RamusTestRun) dubois = ramus_test_run_cli ("dose", "bsa", "--height-cm", "170", "--weight-kg", "70",
                                "--formula", "dubois", "--json", NULL);
  g_auto(RamusTestRun) text = ramus_test_run_cli ("dose", "bsa", "--height-cm", "170", "--weight-kg", "70", NULL);
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  JsonObject *o;

  g_assert_cmpint (run.status, ==, 0);
  o = parse_object (run.out, &a);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "bsa_m2"), 1.818119, 1e-6);
  g_assert_cmpstr (json_object_get_string_member (o, "formula"), ==, "mosteller");
  assert_json_cited (o);
  o = parse_object (dubois.out, &b);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "bsa_m2"), 1.80971, 1e-5);
  g_assert_cmpstr (json_object_get_string_member (o, "formula"), ==, "dubois");

  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "1.82 m²"));
  g_assert_nonnull (strstr (text.out, "Formula: BSA = √(H × W / 3600)"));
  g_assert_nonnull (strstr (text.out, "[dose-mosteller1987] Mosteller RD."));
}

static void
test_cli_bad_input (void)
{
  struct { const char *args[10]; int status; const char *message; } cases[] = {
    { { "dose", "bsa", "--height-cm", "170", "--weight-kg", "350", NULL }, 1,
      "ramus: weight 350 kg is out of range (20–300 kg)\n" },
    { { "dose", "bsa", "--height-cm", "170", "--weight-kg", "abc", NULL }, 1,
      "ramus: weight “abc” is not a number (20–300 kg)\n" },
    { { "dose", "bsa", "--height-cm", "17O", "--weight-kg", "70", NULL }, 1,
      "ramus: height “17O” is not a number (100–230 cm)\n" },
    { { "dose", "doxorubicin", "--bsa", "1.8", "--mg-per-m2", "90", NULL }, 1,
      "ramus: doxorubicin dose 90 mg/m² is out of range (0–75 mg/m²)\n" },
    { { "dose", "imipenem", "--grams", "3", NULL }, 1, "ramus: imipenem 3 g is out of range (0.1–1 g)\n" },
    { { "dose", "imipenem", "--allergy", "penicillin", NULL }, 1,
      "ramus: unknown allergy “penicillin” (carbapenem, beta-lactam, iodinated-contrast)\n" },
    { { "dose", "lipiodol", "--tumour-mm", "45", "--ml", "30", NULL }, 1,
      "ramus: Lipiodol volume 30 mL is out of range (0.1–20 mL)\n" },
    { { "dose", "deb", "--beads-ml", "0", NULL }, 1, "ramus: bead volume 0 mL is out of range (0.1–10 mL)\n" },
    { { "dose", "tace-plan", "--tumour-mm", "45", "--child-pugh", "E", NULL }, 1,
      "ramus: Child–Pugh class “E” is not A, B or C\n" },
    { { "dose", "bsa", "--height-cm", "170", NULL }, 2, NULL },
    { { "dose", "bsa", "--height-cm", "170", "--weight-kg", "70", "--formula", "haycock", NULL }, 2, NULL },
    { { "dose", "lipiodol", "--tumour-mm", "45", NULL }, 2, NULL },
    { { "dose", "doxorubicin", "--mg-per-m2", "50", NULL }, 2, NULL },
    { { "dose", "warfarin", NULL }, 2, NULL },
    { { "dose", NULL }, 2, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const *a = cases[i].args;
      g_auto(RamusTestRun) run = ramus_test_run_cli (a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], NULL);

      g_test_message ("case %u: %s %s", i, a[0], a[1] ? a[1] : "");
      g_assert_cmpint (run.status, ==, cases[i].status);
      /* Nothing is computed: standard output stays empty. */
      g_assert_cmpstr (run.out, ==, "");
      if (cases[i].message)
        g_assert_cmpstr (run.err, ==, cases[i].message);
      else
        g_assert_cmpstr (run.err, !=, "");
    }
}

static void
test_cli_doses (void)
{
  g_auto(RamusTestRun) dox = ramus_test_run_cli ("dose", "doxorubicin", "--bsa", "1.8", "--mg-per-m2", "50", "--json", NULL);
  g_auto(RamusTestRun) dox_hw = ramus_test_run_cli ("dose", "doxorubicin", "--height-cm", "170", "--weight-kg", "70",
                                "--mg-per-m2", "50", "--prior-mg-per-m2", "360", "--json", NULL);
  g_auto(RamusTestRun) imi = ramus_test_run_cli ("dose", "imipenem", "--aliquot-ml", "0.2", "--json", NULL);
  g_auto(RamusTestRun) allergic = ramus_test_run_cli ("dose", "imipenem", "--allergy", "beta-lactam", "--json", NULL);
  g_auto(RamusTestRun) lip = ramus_test_run_cli ("dose", "lipiodol", "--tumour-mm", "45", "--tumour-mm", "30", "--ml-per-cm", "2",
                             "--json", NULL);
  g_auto(RamusTestRun) deb = ramus_test_run_cli ("dose", "deb", "--beads-ml", "2", "--json", NULL);
  g_auto(RamusTestRun) plan = ramus_test_run_cli ("dose", "tace-plan", "--tumour-mm", "45", "--capsule", "--child-pugh", "A",
                              "--json", NULL);
  g_autoptr(JsonNode) n1 = NULL, n2 = NULL, n3 = NULL, n4 = NULL, n5 = NULL, n6 = NULL, n7 = NULL;
  JsonObject *o;

  g_assert_cmpint (dox.status, ==, 0);
  o = parse_object (dox.out, &n1);
  /* 1.8 × 50 = 90 mg. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "dose_mg"), 90, 1e-9);
  assert_json_cited (o);

  /* BSA from height and weight: 1.818119 × 50 = 90.906 mg; 360 + 50 = 410 mg/m². */
  o = parse_object (dox_hw.out, &n2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "dose_mg"), 90.906, 1e-3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "cumulative_mg_per_m2"), 410, 1e-9);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "warnings")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "sources")), ==, 2);

  o = parse_object (imi.out, &n3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "concentration_mg_per_ml"), 50, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (o, "aliquots"), ==, 50);
  g_assert_cmpstr (json_object_get_string_member (o, "embolic"), ==, "imipenem-cilastatin");
  assert_json_cited (o);
  o = parse_object (allergic.out, &n4);
  g_assert_cmpstr (json_object_get_string_member (o, "embolic"), ==, "microspheres-75-100");

  o = parse_object (lip.out, &n5);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "lipiodol_ml"), 15, 1e-9);
  assert_json_cited (o);

  o = parse_object (deb.out, &n6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "dose_mg"), 75, 1e-9);

  o = parse_object (plan.out, &n7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "stages")), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (o, "stages"), 0), "embolic"), ==, "lipiodol-emulsion");
}

static void
test_cli_help (void)
{
  const char *commands[] = { "bsa", "doxorubicin", "imipenem", "lipiodol", "deb", "tace-plan" };
  g_auto(RamusTestRun) top = ramus_test_run_cli ("dose", "--help", NULL);

  g_assert_cmpint (top.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(RamusTestRun) run = ramus_test_run_cli ("dose", commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "--json"));
      g_assert_nonnull (strstr (top.out, commands[i]));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/dose/bsa", test_bsa);
  g_test_add_func ("/core/dose/bsa-ranges", test_bsa_ranges);
  g_test_add_func ("/core/dose/doxorubicin", test_doxorubicin);
  g_test_add_func ("/core/dose/doxorubicin-ranges", test_doxorubicin_ranges);
  g_test_add_func ("/core/dose/imipenem", test_imipenem);
  g_test_add_func ("/core/dose/imipenem-allergy", test_imipenem_allergy);
  g_test_add_func ("/core/dose/imipenem-ranges", test_imipenem_ranges);
  g_test_add_func ("/core/dose/deb", test_deb);
  g_test_add_func ("/core/dose/lipiodol", test_lipiodol);
  g_test_add_func ("/core/dose/lipiodol-errors", test_lipiodol_errors);
  g_test_add_func ("/core/dose/tace-plan", test_tace_plan);
  g_test_add_func ("/core/dose/cli-bsa", test_cli_bsa);
  g_test_add_func ("/core/dose/cli-bad-input", test_cli_bad_input);
  g_test_add_func ("/core/dose/cli-doses", test_cli_doses);
  g_test_add_func ("/core/dose/cli-help", test_cli_help);

  return g_test_run ();
}
