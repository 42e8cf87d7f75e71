/* test-warnings.c — each warning fires when it should, and not otherwise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "ramus-warnings.h"

static RamusAtlas *
atlas (void)
{
  static RamusAtlas *atlas;
  g_autoptr(GError) error = NULL;

  if (atlas == NULL)
    atlas = ramus_atlas_get_default (&error);
  g_assert_no_error (error);
  return atlas;
}

static GPtrArray *
for_target (const char *region,
            const char *target)
{
  const RamusVessel *v = ramus_atlas_lookup (atlas (), target);
  g_assert_nonnull (v);
  return ramus_warnings_for_target (atlas (), region, RAMUS_SIDE_RIGHT, NULL, v);
}

/* The warning with this code (and subject, if given), or NULL. */
static const RamusWarning *
find (GPtrArray  *warnings,
      const char *code,
      const char *subject)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      const RamusWarning *w = g_ptr_array_index (warnings, i);
      if (g_str_equal (w->code, code) && (subject == NULL || g_strcmp0 (w->subject, subject) == 0))
        return w;
    }
  return NULL;
}

static guint
count (GPtrArray  *warnings,
       const char *code)
{
  guint n = 0;
  for (guint i = 0; i < warnings->len; i++)
    if (g_str_equal (((RamusWarning *) g_ptr_array_index (warnings, i))->code, code))
      n++;
  return n;
}

static void
assert_sources_resolve (GPtrArray *warnings)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      const RamusWarning *w = g_ptr_array_index (warnings, i);
      g_assert_nonnull (w->sources);
      g_assert_nonnull (w->sources[0]);
      for (guint s = 0; w->sources[s]; s++)
        {
          const RamusSource *src = ramus_warnings_lookup_source (atlas (), w->sources[s]);
          if (src == NULL || src->citation == NULL)
            g_error ("warning %s cites unknown source %s", w->code, w->sources[s]);
        }
    }
}

/* --- targets -------------------------------------------------------------- */

static void
test_warnings_danger_target (void)
{
  g_autoptr(GPtrArray) cystic = for_target ("liver", "cystic-artery");
  g_autoptr(GPtrArray) feeder = for_target ("liver", "segment-8-artery");
  const RamusWarning *w = find (cystic, "danger-target", "cystic-artery");

  g_assert_nonnull (w);
  g_assert_cmpint (w->severity, ==, RAMUS_SEVERITY_DANGER);
  g_assert_null (find (feeder, "danger-target", NULL));
  /* Segment VIII has no danger branch in or beside it. */
  g_assert_cmpuint (feeder->len, ==, 0);
  assert_sources_resolve (cystic);
}

static void
test_warnings_danger_branch (void)
{
  g_autoptr(GPtrArray) dga = for_target ("knee", "descending-genicular-artery");
  g_autoptr(GPtrArray) rha = for_target ("liver", "right-hepatic-artery");
  g_autoptr(GPtrArray) pha = for_target ("liver", "proper-hepatic-artery");
  g_autoptr(GPtrArray) lsga = for_target ("knee", "lateral-superior-genicular-artery");
  g_autoptr(GPtrArray) intercostal = for_target ("spine-pelvis", "posterior-intercostal-artery");
  const RamusWarning *w;

  /* GAE: the saphenous (skin) branch of the DGA. */
  w = find (dga, "danger-branch", "saphenous-branch-of-descending-genicular-artery");
  g_assert_nonnull (w);
  g_assert_cmpint (w->severity, ==, RAMUS_SEVERITY_DANGER);
  g_assert_cmpstr (w->vessel, ==, "descending-genicular-artery");
  /* TACE: cystic from the right hepatic; from the proper hepatic also the
   * right gastric and (via the middle hepatic) the falciform artery. */
  g_assert_nonnull (find (rha, "danger-branch", "cystic-artery"));
  g_assert_null (find (rha, "danger-branch", "right-gastric-artery"));
  g_assert_nonnull (find (pha, "danger-branch", "cystic-artery"));
  g_assert_nonnull (find (pha, "danger-branch", "right-gastric-artery"));
  g_assert_nonnull (find (pha, "danger-branch", "hepatic-falciform-artery"));
  /* The LSGA has no danger branch of its own. */
  g_assert_cmpuint (count (lsga, "danger-branch"), ==, 0);
  /* Spine: the artery of Adamkiewicz beyond the intercostal pedicle. */
  g_assert_nonnull (find (intercostal, "danger-branch", "artery-of-adamkiewicz"));
  assert_sources_resolve (pha);
}

static void
test_warnings_reflux (void)
{
  g_autoptr(GPtrArray) lsga = for_target ("knee", "lateral-superior-genicular-artery");
  g_autoptr(GPtrArray) s4a = for_target ("liver", "segment-4a-artery");
  g_autoptr(GPtrArray) rha = for_target ("liver", "right-hepatic-artery");
  g_autoptr(GPtrArray) gluteal = for_target ("spine-pelvis", "inferior-gluteal-artery");
  g_autoptr(GPtrArray) gluteal_sup = for_target ("spine-pelvis", "superior-gluteal-artery");
  const RamusWarning *w;

  w = find (lsga, "reflux-danger", "medial-sural-artery");
  g_assert_nonnull (w);
  g_assert_cmpint (w->severity, ==, RAMUS_SEVERITY_CAUTION);
  g_assert_nonnull (find (s4a, "reflux-danger", "hepatic-falciform-artery"));
  g_assert_nonnull (find (rha, "reflux-danger", "right-gastric-artery"));
  /* The internal pudendal shares the anterior division with the inferior
   * gluteal artery, not the posterior one the superior gluteal comes from. */
  g_assert_nonnull (find (gluteal, "reflux-danger", "internal-pudendal-artery"));
  g_assert_null (find (gluteal_sup, "reflux-danger", "internal-pudendal-artery"));
}

static void
test_warnings_collateral_target (void)
{
  g_autoptr(GPtrArray) ripa = for_target ("liver", "right-inferior-phrenic-artery");
  g_autoptr(GPtrArray) s7 = for_target ("liver", "segment-7-artery");

  g_assert_nonnull (find (ripa, "collateral-target", NULL));
  g_assert_cmpint (find (ripa, "collateral-target", NULL)->severity, ==, RAMUS_SEVERITY_INFO);
  g_assert_null (find (s7, "collateral-target", NULL));
}

/* --- the plan --------------------------------------------------------------- */

static GPtrArray *
plan (const char         *region,
      const char * const *allergies,
      const char * const *embolics,
      const char * const *targets,
      double              egfr)
{
  RamusWarningInput input = RAMUS_WARNING_INPUT_INIT;

  input.region = region;
  input.allergies = allergies;
  input.embolics = embolics;
  input.targets = targets;
  input.egfr_ml_min = egfr;
  return ramus_warnings_for_plan (atlas (), &input);
}

static void
test_warnings_carbapenem (void)
{
  const char * const carbapenem[] = { "carbapenem", NULL };
  const char * const imipenem[] = { "imipenem-cilastatin", NULL };
  const char * const spheres[] = { "microspheres-75-100", NULL };
  g_autoptr(GPtrArray) with = plan ("knee", carbapenem, imipenem, NULL, NAN);
  g_autoptr(GPtrArray) without = plan ("knee", carbapenem, spheres, NULL, NAN);
  g_autoptr(GPtrArray) none = plan ("knee", NULL, imipenem, NULL, NAN);
  const RamusWarning *w = find (with, "allergy-carbapenem", NULL);

  g_assert_nonnull (w);
  g_assert_cmpint (w->severity, ==, RAMUS_SEVERITY_DANGER);
  g_assert_nonnull (strstr (w->message, "microspheres"));
  g_assert_cmpint (find (without, "allergy-carbapenem", NULL)->severity, ==, RAMUS_SEVERITY_INFO);
  g_assert_cmpuint (none->len, ==, 0);
  assert_sources_resolve (with);
}

static void
test_warnings_beta_lactam (void)
{
  const char * const beta[] = { "beta-lactam", NULL };
  const char * const imipenem[] = { "imipenem-cilastatin", NULL };
  const char * const spheres[] = { "microspheres-75-100", NULL };
  g_autoptr(GPtrArray) with = plan ("knee", beta, imipenem, NULL, NAN);
  g_autoptr(GPtrArray) without = plan ("knee", beta, spheres, NULL, NAN);
  const RamusWarning *w = find (with, "allergy-beta-lactam", NULL);

  g_assert_nonnull (w);
  g_assert_cmpint (w->severity, ==, RAMUS_SEVERITY_CAUTION);
  g_assert_true (g_strv_contains ((const char * const *) w->sources, "warn-romano2006"));
  g_assert_null (find (without, "allergy-beta-lactam", NULL));
  assert_sources_resolve (with);
}

static void
test_warnings_contrast (void)
{
  const char * const contrast[] = { "iodinated-contrast", NULL };
  const char * const knee[] = { "lateral-superior-genicular-artery", NULL };
  const char * const shoulder[] = { "suprascapular-artery", NULL };
  g_autoptr(GPtrArray) below = plan ("knee", contrast, NULL, knee, NAN);
  g_autoptr(GPtrArray) above = plan ("shoulder", contrast, NULL, shoulder, NAN);
  g_autoptr(GPtrArray) none = plan ("knee", NULL, NULL, knee, NAN);
  const RamusWarning *w = find (below, "allergy-contrast", NULL);

  g_assert_nonnull (w);
  g_assert_nonnull (strstr (w->message, "prednisone 50 mg"));
  /* CO2 only below the diaphragm (Cho 2015). */
  g_assert_nonnull (strstr (w->message, "CO2 angiography is an alternative here"));
  g_assert_nonnull (strstr (find (above, "allergy-contrast", NULL)->message, "not an alternative"));
  g_assert_null (find (none, "allergy-contrast", NULL));
  assert_sources_resolve (below);
}

static void
test_warnings_egfr (void)
{
  g_autoptr(GPtrArray) severe = plan ("knee", NULL, NULL, NULL, 25);
  g_autoptr(GPtrArray) moderate = plan ("knee", NULL, NULL, NULL, 44.9);
  g_autoptr(GPtrArray) edge = plan ("knee", NULL, NULL, NULL, 45);
  g_autoptr(GPtrArray) normal = plan ("knee", NULL, NULL, NULL, 90);
  g_autoptr(GPtrArray) unknown_liver = plan ("liver", NULL, NULL, NULL, NAN);
  g_autoptr(GPtrArray) unknown_knee = plan ("knee", NULL, NULL, NULL, NAN);
  g_autoptr(GPtrArray) at_30 = plan ("knee", NULL, NULL, NULL, 30);

  g_assert_cmpint (find (severe, "renal-egfr-30", NULL)->severity, ==, RAMUS_SEVERITY_DANGER);
  g_assert_null (find (severe, "renal-egfr-45", NULL));
  g_assert_cmpint (find (moderate, "renal-egfr-45", NULL)->severity, ==, RAMUS_SEVERITY_CAUTION);
  /* 30 is not below 30: the first-pass rule applies. */
  g_assert_nonnull (find (at_30, "renal-egfr-45", NULL));
  g_assert_cmpuint (edge->len, ==, 0);
  g_assert_cmpuint (normal->len, ==, 0);
  g_assert_nonnull (find (unknown_liver, "renal-unknown", NULL));
  g_assert_cmpuint (unknown_knee->len, ==, 0);
  assert_sources_resolve (severe);
}

static GPtrArray *
doxorubicin (double planned,
             double prior,
             int    age)
{
  RamusWarningInput input = RAMUS_WARNING_INPUT_INIT;

  input.region = "liver";
  input.egfr_ml_min = 90;
  input.doxorubicin_mg_per_m2 = planned;
  input.prior_doxorubicin_mg_per_m2 = prior;
  input.age_years = age;
  return ramus_warnings_for_plan (atlas (), &input);
}

static void
test_warnings_doxorubicin (void)
{
  g_autoptr(GPtrArray) over = doxorubicin (50, 520, 60);
  g_autoptr(GPtrArray) limit = doxorubicin (50, 500, 60);
  g_autoptr(GPtrArray) caution = doxorubicin (50, 360, 60);
  g_autoptr(GPtrArray) caution_old = doxorubicin (50, 360, 70);
  g_autoptr(GPtrArray) low = doxorubicin (50, 0, 60);
  g_autoptr(GPtrArray) prior_unknown = doxorubicin (50, NAN, 60);
  g_autoptr(GPtrArray) none = doxorubicin (NAN, 520, 60);
  const RamusWarning *w = find (over, "doxorubicin-cumulative", NULL);

  g_assert_nonnull (w);
  g_assert_cmpint (w->severity, ==, RAMUS_SEVERITY_DANGER);
  g_assert_nonnull (strstr (w->message, "570 mg/m²"));
  /* Exactly 550 is the limit. */
  g_assert_cmpint (find (limit, "doxorubicin-cumulative", NULL)->severity, ==, RAMUS_SEVERITY_DANGER);
  g_assert_cmpint (find (caution, "doxorubicin-cumulative", NULL)->severity, ==, RAMUS_SEVERITY_CAUTION);
  g_assert_null (strstr (find (caution, "doxorubicin-cumulative", NULL)->message, "65"));
  g_assert_nonnull (strstr (find (caution_old, "doxorubicin-cumulative", NULL)->message, "65"));
  g_assert_cmpuint (low->len, ==, 0);
  g_assert_nonnull (find (prior_unknown, "doxorubicin-prior-unknown", NULL));
  g_assert_null (find (prior_unknown, "doxorubicin-cumulative", NULL));
  g_assert_cmpuint (none->len, ==, 0);
  assert_sources_resolve (over);
}

/* --- levels ------------------------------------------------------------------- */

static void
test_warnings_level_rank (void)
{
  g_assert_cmpint (ramus_warnings_level_rank ("T1"), ==, 1);
  g_assert_cmpint (ramus_warnings_level_rank ("T12"), ==, 12);
  g_assert_cmpint (ramus_warnings_level_rank ("L1"), ==, 13);
  g_assert_cmpint (ramus_warnings_level_rank ("L5"), ==, 17);
  g_assert_cmpint (ramus_warnings_level_rank ("S1"), ==, 18);
  g_assert_cmpint (ramus_warnings_level_rank ("sacrum"), ==, 18);
  g_assert_cmpint (ramus_warnings_level_rank ("T13"), ==, 0);
  g_assert_cmpint (ramus_warnings_level_rank ("L"), ==, 0);
  g_assert_cmpint (ramus_warnings_level_rank ("ilium"), ==, 0);
  g_assert_cmpint (ramus_warnings_level_rank (NULL), ==, 0);
}

static void
test_warnings_adamkiewicz (void)
{
  const char *inside[] = { "T7", "T8", "T10", "T12", "L1", "L2" };
  const char *outside[] = { "T6", "L3", "L5", "S1", "ilium", "acetabulum" };

  for (guint i = 0; i < G_N_ELEMENTS (inside); i++)
    {
      g_autoptr(GPtrArray) w = ramus_warnings_for_level (atlas (), inside[i]);
      const RamusWarning *aka = find (w, "adamkiewicz", "artery-of-adamkiewicz");
      g_assert_nonnull (aka);
      g_assert_cmpint (aka->severity, ==, RAMUS_SEVERITY_DANGER);
      g_assert_nonnull (strstr (aka->message, inside[i]));
      assert_sources_resolve (w);
    }
  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autoptr(GPtrArray) w = ramus_warnings_for_level (atlas (), outside[i]);
      g_assert_cmpuint (w->len, ==, 0);
    }
}

static void
test_warnings_json (void)
{
  const char * const carbapenem[] = { "carbapenem", NULL };
  const char * const imipenem[] = { "imipenem-cilastatin", NULL };
  g_autoptr(GPtrArray) w = plan ("knee", carbapenem, imipenem, NULL, NAN);
  g_autoptr(JsonNode) node = ramus_warning_to_json (g_ptr_array_index (w, 0), atlas ());
  JsonObject *o = json_node_get_object (node);
  JsonArray *sources = json_object_get_array_member (o, "sources");

  g_assert_cmpstr (json_object_get_string_member (o, "severity"), ==, "danger");
  g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, "allergy-carbapenem");
  g_assert_true (json_object_has_member (o, "message"));
  g_assert_cmpuint (json_array_get_length (sources), >=, 1);
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (sources, 0), "citation"));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/warnings/danger-target", test_warnings_danger_target);
  g_test_add_func ("/core/warnings/danger-branch", test_warnings_danger_branch);
  g_test_add_func ("/core/warnings/reflux", test_warnings_reflux);
  g_test_add_func ("/core/warnings/collateral-target", test_warnings_collateral_target);
  g_test_add_func ("/core/warnings/carbapenem", test_warnings_carbapenem);
  g_test_add_func ("/core/warnings/beta-lactam", test_warnings_beta_lactam);
  g_test_add_func ("/core/warnings/contrast", test_warnings_contrast);
  g_test_add_func ("/core/warnings/egfr", test_warnings_egfr);
  g_test_add_func ("/core/warnings/doxorubicin", test_warnings_doxorubicin);
  g_test_add_func ("/core/warnings/level-rank", test_warnings_level_rank);
  g_test_add_func ("/core/warnings/adamkiewicz", test_warnings_adamkiewicz);
  g_test_add_func ("/core/warnings/json", test_warnings_json);
  return g_test_run ();
}
