/* test-route.c — routes over the bundled atlas: one for every region from
 * each sensible access, refusals, hand-checked lengths, the comparison and
 * the `ramus access` and `ramus route` commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "ramus-route.h"
#include "ramus-scene.h"
#include "ramus-test-util.h"

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

static const RamusVessel *
vessel (const char *id)
{
  const RamusVessel *v = ramus_atlas_lookup (atlas (), id);
  g_assert_nonnull (v);
  return v;
}

static const RamusAccessSite *
access_site (const char *id)
{
  const RamusAccessSite *a = ramus_atlas_lookup_access_site (atlas (), id);
  g_assert_nonnull (a);
  return a;
}

static RamusRoute *
route_full (const char *region,
            RamusSide   side,
            const char *access,
            RamusSide   puncture_side,
            const char *target,
            double      height)
{
  g_autoptr(GError) error = NULL;
  RamusRoute *r = ramus_route_new_full (atlas (), region, side, access_site (access), puncture_side,
                                        vessel (target), NULL, height, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static RamusRoute *
route (const char *region,
       RamusSide   side,
       const char *access,
       const char *target)
{
  return route_full (region, side, access, ramus_route_default_puncture_side (access_site (access), side),
                     target, NAN);
}

/* The route's vessel ids joined by spaces, for comparing whole routes. */
static char *
chain (const RamusRoute *r)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < r->steps->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", g_array_index (r->steps, RamusRouteStep, i).vessel->id);
  return g_string_free (s, FALSE);
}

static void
assert_chain (const RamusRoute *r,
              const char       *expected)
{
  g_autofree char *got = chain (r);
  g_assert_cmpstr (got, ==, expected);
}

static gboolean
has_warning (const RamusRoute *r,
             const char       *needle)
{
  for (guint i = 0; i < r->warnings->len; i++)
    if (strstr (g_ptr_array_index (r->warnings, i), needle))
      return TRUE;
  return FALSE;
}

/* --- every region ------------------------------------------------------- */

static void
test_route_knee (void)
{
  g_autoptr(RamusRoute) antegrade = route ("knee", RAMUS_SIDE_LEFT, "cfa-antegrade", "lateral-superior-genicular-artery");
  g_autoptr(RamusRoute) crossover = route ("knee", RAMUS_SIDE_LEFT, "cfa-contralateral", "lateral-superior-genicular-artery");
  g_autoptr(RamusRoute) pedal = route ("knee", RAMUS_SIDE_LEFT, "posterior-tibial", "lateral-superior-genicular-artery");

  assert_chain (antegrade, "common-femoral-artery superficial-femoral-artery popliteal-artery "
                           "lateral-superior-genicular-artery");
  g_assert_true (antegrade->feasible);
  g_assert_null (antegrade->reason);
  g_assert_cmpint (antegrade->puncture_side, ==, RAMUS_SIDE_LEFT);
  /* The CFA (three branches), the SFA (three) and the popliteal artery are
   * junctions where the catheter chooses. */
  g_assert_cmpuint (antegrade->branch_points, ==, 3);
  /* LSGA 1.4–2.2 mm is the narrowest on the way. */
  g_assert_cmpfloat_with_epsilon (antegrade->min_diameter_mm, 1.4, 1e-9);
  g_assert_true (antegrade->narrowest == vessel ("lateral-superior-genicular-artery"));

  /* Up-and-over: punctured on the right, across the aortic bifurcation. */
  assert_chain (crossover, "common-femoral-artery external-iliac-artery common-iliac-artery abdominal-aorta "
                           "common-iliac-artery external-iliac-artery common-femoral-artery "
                           "superficial-femoral-artery popliteal-artery lateral-superior-genicular-artery");
  g_assert_cmpint (crossover->puncture_side, ==, RAMUS_SIDE_RIGHT);
  g_assert_cmpint (g_array_index (crossover->steps, RamusRouteStep, 0).side, ==, RAMUS_SIDE_RIGHT);
  g_assert_cmpint (g_array_index (crossover->steps, RamusRouteStep, 4).side, ==, RAMUS_SIDE_LEFT);
  g_assert_cmpint (g_array_index (crossover->steps, RamusRouteStep, 3).direction, ==, RAMUS_ROUTE_STEP_TURN);
  g_assert_true (crossover->feasible);
  /* Both common iliac arteries leave at the bifurcation, so the aorta adds
   * nothing; the crossover adds the right CFA (43 mm), EIA (102), CIA (59)
   * and the left CIA (59) and EIA (102) = 365 mm to the antegrade route,
   * which counts its own CFA once as the crossover does. */
  g_assert_cmpfloat_with_epsilon (g_array_index (crossover->steps, RamusRouteStep, 3).length_mm, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (crossover->length_cm - antegrade->length_cm, 36.5, 0.051);

  /* Pedal: retrograde up the posterior tibial artery. */
  assert_chain (pedal, "posterior-tibial-artery tibioperoneal-trunk popliteal-artery "
                       "lateral-superior-genicular-artery");
  g_assert_cmpint (g_array_index (pedal->steps, RamusRouteStep, 0).direction, ==, RAMUS_ROUTE_STEP_RETROGRADE);
  g_assert_true (pedal->feasible);
  g_assert_true (has_warning (pedal, "doubles back"));
}

static void
test_route_length_hand_checked (void)
{
  g_autoptr(RamusRoute) r170 = route_full ("knee", RAMUS_SIDE_RIGHT, "cfa-antegrade", RAMUS_SIDE_RIGHT,
                                           "descending-genicular-artery", NAN);
  g_autoptr(RamusRoute) r158 = route_full ("knee", RAMUS_SIDE_RIGHT, "cfa-antegrade", RAMUS_SIDE_RIGHT,
                                           "descending-genicular-artery", 158);
  const RamusRouteStep *sfa = &g_array_index (r170->steps, RamusRouteStep, 1);

  /* CFA 43 mm (Schnyder 2001), whole; SFA 280 mm × 0.757, the DGA leaving
   * 32.03 mm down the 42.31 mm SFA course of the knee drawing = 212.0 mm;
   * DGA course 27.1 mm. Total 282.1 mm → 28.2 cm at 170 cm. */
  assert_chain (r170, "common-femoral-artery superficial-femoral-artery descending-genicular-artery");
  g_assert_cmpfloat_with_epsilon (g_array_index (r170->steps, RamusRouteStep, 0).length_mm, 43, 1e-9);
  g_assert_cmpstr (g_array_index (r170->steps, RamusRouteStep, 0).length_source, ==, "trunk-schnyder2001");
  g_assert_cmpfloat_with_epsilon (sfa->length_mm, 280 * 32.03 / 42.31, 0.2);
  g_assert_cmpstr (g_array_index (r170->steps, RamusRouteStep, 2).length_drawing, ==, "drawing-knee");
  g_assert_cmpfloat_with_epsilon (r170->length_cm, 28.2, 0.051);
  g_assert_cmpfloat_with_epsilon (r170->height_cm, 170, 1e-9);
  /* Scaled by height: 282.1 mm × 158 / 170 = 262.2 mm. */
  g_assert_cmpfloat_with_epsilon (r158->length_cm, 26.2, 0.051);
  g_assert_true (r170->length_complete);
  g_assert_true (g_ptr_array_find_with_equal_func (r170->sources, "trunk-schnyder2001", g_str_equal, NULL));
}

static void
test_route_shoulder (void)
{
  g_autoptr(RamusRoute) radial = route ("shoulder", RAMUS_SIDE_RIGHT, "radial", "suprascapular-artery");
  g_autoptr(RamusRoute) femoral_right = route ("shoulder", RAMUS_SIDE_RIGHT, "cfa-retrograde", "suprascapular-artery");
  g_autoptr(RamusRoute) femoral_left = route ("shoulder", RAMUS_SIDE_LEFT, "cfa-retrograde", "suprascapular-artery");

  assert_chain (radial, "radial-artery brachial-artery axillary-artery subclavian-artery thyrocervical-trunk "
                        "suprascapular-artery");
  g_assert_true (radial->feasible);
  /* The right subclavian comes off the brachiocephalic trunk, the left
   * straight off the arch. */
  assert_chain (femoral_right, "common-femoral-artery external-iliac-artery common-iliac-artery abdominal-aorta "
                               "descending-thoracic-aorta aortic-arch brachiocephalic-trunk subclavian-artery "
                               "thyrocervical-trunk suprascapular-artery");
  assert_chain (femoral_left, "common-femoral-artery external-iliac-artery common-iliac-artery abdominal-aorta "
                              "descending-thoracic-aorta aortic-arch subclavian-artery thyrocervical-trunk "
                              "suprascapular-artery");
  g_assert_true (femoral_right->feasible && femoral_left->feasible);
}

static void
test_route_elbow (void)
{
  g_autoptr(RamusRoute) radial = route ("elbow", RAMUS_SIDE_LEFT, "radial", "radial-recurrent-artery");
  g_autoptr(RamusRoute) ulnar = route ("elbow", RAMUS_SIDE_LEFT, "ulnar", "anterior-ulnar-recurrent-artery");
  g_autoptr(RamusRoute) femoral = route ("elbow", RAMUS_SIDE_LEFT, "cfa-retrograde", "common-interosseous-artery");

  /* The recurrent arteries lie above a wrist puncture: back up the artery. */
  assert_chain (radial, "radial-artery radial-recurrent-artery");
  g_assert_false (radial->antegrade_injection);
  g_assert_cmpint (g_array_index (radial->steps, RamusRouteStep, 0).direction, ==, RAMUS_ROUTE_STEP_TURN);
  g_assert_true (radial->feasible);
  assert_chain (ulnar, "ulnar-artery anterior-ulnar-recurrent-artery");
  g_assert_true (ulnar->feasible);
  g_assert_true (femoral->feasible);
  g_assert_cmpfloat (femoral->length_cm, >, radial->length_cm);
}

static void
test_route_hand (void)
{
  g_autoptr(RamusRoute) radial = route ("hand", RAMUS_SIDE_RIGHT, "radial", "princeps-pollicis-artery");
  g_autoptr(RamusRoute) target_is_puncture = route ("hand", RAMUS_SIDE_RIGHT, "ulnar", "ulnar-artery");

  /* Beyond the wrist: the needle is turned towards the hand (TAME). */
  assert_chain (radial, "radial-artery distal-radial-artery princeps-pollicis-artery");
  g_assert_true (radial->antegrade_injection);
  g_assert_true (radial->feasible);
  g_assert_cmpfloat (radial->max_working_length_cm, ==, 0);
  g_assert_true (has_warning (radial, "antegradely"));
  /* The punctured artery itself: injected where it is punctured. */
  assert_chain (target_is_puncture, "ulnar-artery");
  g_assert_true (target_is_puncture->antegrade_injection);
  g_assert_cmpfloat (target_is_puncture->length_cm, ==, 0);
}

static void
test_route_ankle_foot (void)
{
  g_autoptr(RamusRoute) needle = route ("ankle-foot", RAMUS_SIDE_LEFT, "posterior-tibial", "medial-calcaneal-branches");
  g_autoptr(RamusRoute) femoral = route ("ankle-foot", RAMUS_SIDE_LEFT, "cfa-antegrade", "medial-calcaneal-branches");

  assert_chain (needle, "posterior-tibial-artery medial-calcaneal-branches");
  g_assert_true (needle->antegrade_injection);
  assert_chain (femoral, "common-femoral-artery superficial-femoral-artery popliteal-artery tibioperoneal-trunk "
                         "posterior-tibial-artery medial-calcaneal-branches");
  g_assert_true (femoral->feasible);
}

static void
test_route_hip (void)
{
  g_autoptr(RamusRoute) crossover = route ("hip", RAMUS_SIDE_RIGHT, "cfa-contralateral", "obturator-artery");
  g_autoptr(RamusRoute) ipsilateral = route ("hip", RAMUS_SIDE_RIGHT, "cfa-retrograde", "obturator-artery");
  g_autoptr(RamusRoute) antegrade = route ("hip", RAMUS_SIDE_RIGHT, "cfa-antegrade", "lateral-circumflex-femoral-artery");

  assert_chain (crossover, "common-femoral-artery external-iliac-artery common-iliac-artery abdominal-aorta "
                           "common-iliac-artery internal-iliac-artery anterior-division-internal-iliac-artery "
                           "obturator-artery");
  g_assert_true (crossover->feasible);
  /* Ipsilateral: up the external iliac, back down the internal iliac. */
  assert_chain (ipsilateral, "common-femoral-artery external-iliac-artery common-iliac-artery internal-iliac-artery "
                             "anterior-division-internal-iliac-artery obturator-artery");
  g_assert_true (has_warning (ipsilateral, "doubles back"));
  assert_chain (antegrade, "common-femoral-artery deep-femoral-artery lateral-circumflex-femoral-artery");
  g_assert_true (antegrade->feasible);
}

static void
test_route_liver (void)
{
  g_autoptr(RamusRoute) femoral = route ("liver", RAMUS_SIDE_RIGHT, "cfa-retrograde", "segment-8-artery");
  g_autoptr(RamusRoute) left_radial = route_full ("liver", RAMUS_SIDE_RIGHT, "radial", RAMUS_SIDE_LEFT,
                                                  "segment-8-artery", NAN);
  g_autoptr(RamusRoute) right_radial = route_full ("liver", RAMUS_SIDE_RIGHT, "radial", RAMUS_SIDE_RIGHT,
                                                   "segment-8-artery", NAN);
  const char *hepatic = "celiac-trunk common-hepatic-artery proper-hepatic-artery right-hepatic-artery "
                        "right-anterior-hepatic-artery segment-8-artery";
  g_autofree char *expected_femoral = g_strconcat ("common-femoral-artery external-iliac-artery common-iliac-artery "
                                                   "abdominal-aorta ", hepatic, NULL);
  g_autofree char *expected_left = g_strconcat ("radial-artery brachial-artery axillary-artery subclavian-artery "
                                                "aortic-arch descending-thoracic-aorta abdominal-aorta ", hepatic, NULL);
  g_autofree char *expected_right = g_strconcat ("radial-artery brachial-artery axillary-artery subclavian-artery "
                                                 "brachiocephalic-trunk aortic-arch descending-thoracic-aorta "
                                                 "abdominal-aorta ", hepatic, NULL);

  assert_chain (femoral, expected_femoral);
  assert_chain (left_radial, expected_left);
  assert_chain (right_radial, expected_right);
  g_assert_true (femoral->feasible && left_radial->feasible && right_radial->feasible);
  /* The right arm adds the brachiocephalic trunk (34 mm). */
  g_assert_cmpfloat (right_radial->length_cm, >, left_radial->length_cm);
  g_assert_cmpfloat (femoral->length_cm, <, left_radial->length_cm);
  /* The coeliac trunk's notes warn of median arcuate ligament stenosis. */
  g_assert_true (has_warning (femoral, "median arcuate ligament"));
}

static void
test_route_liver_variant (void)
{
  const RamusVariant *variant = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusRoute) absent = NULL;
  g_autoptr(RamusRoute) present = NULL;
  g_autoptr(GPtrArray) variants = ramus_atlas_get_variants (atlas (), NULL);

  for (guint i = 0; i < variants->len && variant == NULL; i++)
    {
      const RamusVariant *v = g_ptr_array_index (variants, i);
      if (v->adds && g_strv_contains ((const char * const *) v->adds, "accessory-right-hepatic-artery"))
        variant = v;
    }
  g_assert_nonnull (variant);

  absent = ramus_route_new (atlas (), "liver", RAMUS_SIDE_RIGHT, access_site ("cfa-retrograde"),
                            vessel ("accessory-right-hepatic-artery"), NULL, NAN, &error);
  g_assert_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_ABSENT);
  g_assert_null (absent);
  g_clear_error (&error);
  present = ramus_route_new (atlas (), "liver", RAMUS_SIDE_RIGHT, access_site ("cfa-retrograde"),
                             vessel ("accessory-right-hepatic-artery"), variant, NAN, &error);
  g_assert_no_error (error);
  assert_chain (present, "common-femoral-artery external-iliac-artery common-iliac-artery abdominal-aorta "
                         "superior-mesenteric-artery accessory-right-hepatic-artery");
}

static void
test_route_spine_pelvis (void)
{
  g_autoptr(RamusRoute) lumbar = route ("spine-pelvis", RAMUS_SIDE_RIGHT, "cfa-retrograde", "lumbar-artery");
  g_autoptr(RamusRoute) intercostal = route ("spine-pelvis", RAMUS_SIDE_LEFT, "cfa-retrograde",
                                             "posterior-intercostal-artery");
  g_autoptr(RamusRoute) sacral = route ("spine-pelvis", RAMUS_SIDE_LEFT, "cfa-contralateral",
                                        "superior-lateral-sacral-artery");
  const RamusRouteStep *aorta = &g_array_index (lumbar->steps, RamusRouteStep, 3);

  assert_chain (lumbar, "common-femoral-artery external-iliac-artery common-iliac-artery abdominal-aorta "
                        "lumbar-artery");
  /* The lumbar artery (drawn at L2) leaves 64.5 mm down the 142.9 mm
   * abdominal aortic course of the spine drawing, so the catheter climbs
   * (1 − 64.5/142.9) of the aorta's 189 mm: 103.7 mm. */
  g_assert_cmpfloat_with_epsilon (aorta->length_mm, 189 * (1 - 64.5 / 142.9), 0.5);
  assert_chain (intercostal, "common-femoral-artery external-iliac-artery common-iliac-artery abdominal-aorta "
                             "descending-thoracic-aorta posterior-intercostal-artery");
  g_assert_cmpint (g_array_index (intercostal->steps, RamusRouteStep, 5).side, ==, RAMUS_SIDE_LEFT);
  g_assert_true (sacral->feasible);
}

/* --- refusals -------------------------------------------------------------- */

static void
test_route_refusals (void)
{
  g_autoptr(GError) error = NULL;
  RamusRoute *r;

  r = ramus_route_new (atlas (), "nowhere", RAMUS_SIDE_LEFT, access_site ("radial"), vessel ("radial-artery"),
                       NULL, NAN, &error);
  g_assert_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_UNKNOWN_REGION);
  g_assert_null (r);
  g_clear_error (&error);

  r = ramus_route_new (atlas (), "knee", RAMUS_SIDE_LEFT, access_site ("cfa-antegrade"), vessel ("segment-8-artery"),
                       NULL, NAN, &error);
  g_assert_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_NOT_IN_REGION);
  g_assert_null (r);
  g_clear_error (&error);

  /* The brachiocephalic trunk exists on the right only. */
  r = ramus_route_new (atlas (), "shoulder", RAMUS_SIDE_LEFT, access_site ("cfa-retrograde"),
                       vessel ("brachiocephalic-trunk"), NULL, NAN, &error);
  g_assert_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_WRONG_SIDE);
  g_assert_null (r);
  g_clear_error (&error);

  /* Up-and-over means the other groin. */
  r = ramus_route_new_full (atlas (), "knee", RAMUS_SIDE_LEFT, access_site ("cfa-contralateral"), RAMUS_SIDE_LEFT,
                            vessel ("lateral-superior-genicular-artery"), NULL, NAN, &error);
  g_assert_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_WRONG_SIDE);
  g_assert_null (r);
  g_clear_error (&error);

  r = ramus_route_new (atlas (), "knee", RAMUS_SIDE_LEFT, access_site ("cfa-antegrade"),
                       vessel ("lateral-superior-genicular-artery"), NULL, 90, &error);
  g_assert_error (error, RAMUS_ROUTE_ERROR, RAMUS_ROUTE_ERROR_HEIGHT);
  g_assert_null (r);
}

static void
test_route_not_feasible (void)
{
  g_autoptr(RamusRoute) retrograde = route ("knee", RAMUS_SIDE_LEFT, "cfa-retrograde", "lateral-superior-genicular-artery");
  g_autoptr(RamusRoute) antegrade_to_liver = route ("liver", RAMUS_SIDE_RIGHT, "cfa-antegrade", "segment-8-artery");
  g_autoptr(RamusRoute) radial_to_knee = route ("knee", RAMUS_SIDE_LEFT, "radial", "lateral-superior-genicular-artery");
  double longest = 0;

  g_assert_false (retrograde->feasible);
  g_assert_nonnull (strstr (retrograde->reason, "antegrade puncture"));
  g_assert_false (antegrade_to_liver->feasible);
  g_assert_nonnull (antegrade_to_liver->reason);
  /* Radial to the knee exceeds the longest microcatheter. */
  g_assert_false (radial_to_knee->feasible);
  /* Checked against the longest microcatheter of the catalogue. */
  for (guint i = 0; i < ramus_atlas_get_n_devices (atlas ()); i++)
    {
      const RamusDevice *d = ramus_atlas_get_device (atlas (), i);
      if (d->type == RAMUS_DEVICE_MICROCATHETER)
        longest = MAX (longest, d->length_cm);
    }
  g_assert_cmpfloat (longest, >, 0);
  g_assert_cmpfloat (radial_to_knee->max_working_length_cm, ==, longest);
  g_assert_cmpfloat (radial_to_knee->length_cm, >, radial_to_knee->max_working_length_cm);
  g_assert_nonnull (strstr (radial_to_knee->reason, "longer than"));
}

/* --- comparison and overlay --------------------------------------------------- */

static void
test_route_compare (void)
{
  g_autoptr(GPtrArray) options = ramus_route_compare (atlas (), "knee", RAMUS_SIDE_LEFT,
                                                      vessel ("lateral-superior-genicular-artery"), NULL, NAN);
  const RamusRouteOption *antegrade = NULL, *crossover = NULL;
  guint arm = 0, feasible = 0;
  gboolean seen_infeasible = FALSE;

  for (guint i = 0; i < ramus_atlas_get_n_access_sites (atlas ()); i++)
    if (ramus_route_access_is_arm (atlas (), ramus_atlas_get_access_site (atlas (), i)))
      arm++;
  g_assert_cmpuint (arm, ==, 4);   /* radial, distal radial, ulnar, brachial */
  /* Every access once, the arm accesses from either arm. */
  g_assert_cmpuint (options->len, ==, ramus_atlas_get_n_access_sites (atlas ()) + arm);
  for (guint i = 0; i < options->len; i++)
    {
      const RamusRouteOption *o = g_ptr_array_index (options, i);
      gboolean ok = o->route && o->route->feasible;
      /* Feasible first, shortest first. */
      if (ok)
        {
          g_assert_false (seen_infeasible);
          feasible++;
          if (i > 0)
            g_assert_cmpfloat (((RamusRouteOption *) g_ptr_array_index (options, i - 1))->route->length_cm, <=,
                               o->route->length_cm);
        }
      else
        seen_infeasible = TRUE;
    }
  g_assert_cmpuint (feasible, >=, 4);
  /* The antegrade puncture beats the up-and-over approach; the ipsilateral
   * retrograde one is refused. */
  for (guint i = 0; i < options->len; i++)
    {
      const RamusRouteOption *o = g_ptr_array_index (options, i);
      if (g_str_equal (o->access->id, "cfa-antegrade"))
        antegrade = o;
      else if (g_str_equal (o->access->id, "cfa-contralateral"))
        crossover = o;
      else if (g_str_equal (o->access->id, "cfa-retrograde"))
        g_assert_false (o->route->feasible);
    }
  g_assert_true (antegrade->route->feasible && crossover->route->feasible);
  g_assert_cmpfloat (antegrade->route->length_cm, <, crossover->route->length_cm);
}

static void
test_route_scene_indices (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusScene) scene = ramus_scene_new_for_region (atlas (), "spine-pelvis", NULL, &error);
  g_autoptr(RamusRoute) left = route ("spine-pelvis", RAMUS_SIDE_LEFT, "cfa-retrograde", "lumbar-artery");
  g_autoptr(RamusRoute) right = route ("spine-pelvis", RAMUS_SIDE_RIGHT, "cfa-retrograde", "lumbar-artery");
  g_autoptr(GArray) li = NULL;
  g_autoptr(GArray) ri = NULL;

  g_assert_no_error (error);
  li = ramus_route_scene_indices (left, scene);
  ri = ramus_route_scene_indices (right, scene);
  /* CIA, EIA, abdominal aorta and the lumbar artery are drawn there (the
   * spine drawing does not reach the CFA). */
  g_assert_cmpuint (li->len, ==, ri->len);
  g_assert_cmpuint (li->len, >=, 4);
  for (guint i = 0; i < li->len; i++)
    {
      const RamusSceneVessel *lv = ramus_scene_get_vessel (scene, g_array_index (li, gint, i));
      const RamusSceneVessel *rv = ramus_scene_get_vessel (scene, g_array_index (ri, gint, i));
      g_assert_true (lv->vessel == rv->vessel);
      /* The left side's paired vessels are the mirror copies. */
      g_assert_cmpint (lv->mirror_copy, ==, lv->vessel->laterality == RAMUS_LATERALITY_PAIRED);
      g_assert_false (rv->mirror_copy);
    }
}

static void
test_route_json (void)
{
  g_autoptr(RamusRoute) r = route ("knee", RAMUS_SIDE_LEFT, "cfa-antegrade", "lateral-superior-genicular-artery");
  g_autoptr(JsonNode) node = ramus_route_to_json (r, atlas ());
  JsonObject *o = json_node_get_object (node);
  const char *keys[] = { "vessels", "length_cm", "min_diameter_mm", "branch_points", "feasible", "warnings",
                         "length_estimate", "sources", "steps" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (o, keys[i]));
  g_assert_true (json_object_get_boolean_member (o, "length_estimate"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "vessels")), ==, 4);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (o, "vessels"), 0), ==,
                   "common-femoral-artery");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "length_cm"), r->length_cm, 1e-9);
}

/* --- the command line ------------------------------------------------------ */

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_cli_access_list (void)
{
  g_auto(RamusTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  if (!ramus_test_have_cli ())
    return;
  run = ramus_test_run_cli ("access", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, ramus_atlas_get_n_access_sites (atlas ()));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_assert_true (json_object_has_member (o, "id"));
      g_assert_true (json_object_has_member (o, "vessel"));
      g_assert_true (json_object_has_member (o, "direction"));
      g_assert_true (json_object_has_member (o, "arm"));
    }
  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("access", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "cfa-contralateral"));
}

static void
test_cli_route (void)
{
  g_auto(RamusTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  if (!ramus_test_have_cli ())
    return;
  run = ramus_test_run_cli ("route", "--region", "knee", "--side", "left", "--access", "cfa-antegrade",
                 "--target", "LSGA", "--height-cm", "158", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  o = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (o, "target"), ==, "lateral-superior-genicular-artery");
  g_assert_true (json_object_get_boolean_member (o, "feasible"));
  g_assert_true (json_object_get_boolean_member (o, "length_estimate"));
  g_assert_cmpfloat (json_object_get_double_member (o, "length_cm"), >, 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "min_diameter_mm"), 1.4, 1e-9);
  g_assert_cmpint (json_object_get_int_member (o, "branch_points"), ==, 3);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "warnings")));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (o, "sources")));

  /* Text, for people. */
  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--region", "knee", "--side", "left", "--access", "cfa-antegrade",
                 "--target", "lateral superior genicular artery", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Feasible"));
}

/* --puncture-side: which arm. Left and right radial to a right shoulder take
 * different routes; the contralateral approach refuses the target's own
 * groin (exit 1) and a side that is not a side is a usage error (exit 2). */
static void
test_cli_route_puncture_side (void)
{
  static const char * const base[] = { "route", "--region", "shoulder", "--side", "right", "--access", "radial",
                                       "--target", "thoracoacromial-artery", "--json" };
  double length[2];
  g_auto(RamusTestRun) run = { 0 };

  if (!ramus_test_have_cli ())
    return;
  for (guint s = 0; s < 2; s++)
    {
      const char *side = s == 0 ? "right" : "left";
      g_autoptr(JsonNode) root = NULL;
      JsonObject *o;
      JsonArray *vessels;

      ramus_test_run_clear (&run);
      run = ramus_test_run_cli (base[0], base[1], base[2], base[3], base[4], base[5], base[6], base[7], base[8], base[9],
                     "--puncture-side", side, NULL);
      g_assert_cmpint (run.status, ==, 0);
      root = parse (run.out);
      o = json_node_get_object (root);
      g_assert_cmpstr (json_object_get_string_member (o, "puncture_side"), ==, side);
      vessels = json_object_get_array_member (o, "vessels");
      g_assert_cmpstr (json_array_get_string_element (vessels, 0), ==, "radial-artery");
      /* The left arm crosses the arch; the right stays in its own arm. */
      g_assert_cmpuint (json_array_get_length (vessels), ==, s == 0 ? 4 : 9);
      length[s] = json_object_get_double_member (o, "length_cm");
    }
  g_assert_cmpfloat (length[1], >, length[0]);

  /* Text names the arm. */
  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--region", "shoulder", "--side", "right", "--access", "radial",
                 "--target", "thoracoacromial-artery", "--puncture-side", "left", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "(left) → Thoracoacromial artery, right side"));
  g_assert_nonnull (strstr (run.out, "Aortic arch"));

  /* The option's first name still works. */
  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--region", "shoulder", "--side", "right", "--access", "radial",
                 "--target", "thoracoacromial-artery", "--access-side", "left", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse (run.out);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "puncture_side"), ==, "left");
  }

  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--region", "knee", "--side", "left", "--access", "cfa-contralateral", "--target", "LSGA",
                 "--puncture-side", "left", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "contralateral approach punctures the side opposite the target"));
  g_assert_cmpstr (run.out, ==, "");

  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--region", "knee", "--side", "left", "--access", "radial", "--target", "LSGA",
                 "--puncture-side", "middle", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "--puncture-side takes left or right, not “middle”"));

  /* With --compare, only the accesses punctured on that side. */
  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--compare", "--region", "shoulder", "--side", "right", "--target", "thoracoacromial-artery",
                 "--puncture-side", "left", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse (run.out);
    JsonArray *options = json_node_get_array (root);

    g_assert_cmpuint (json_array_get_length (options), >, 0);
    for (guint i = 0; i < json_array_get_length (options); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (options, i), "puncture_side"),
                       ==, "left");
  }

  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--help", NULL);
  g_assert_nonnull (strstr (run.out, "--puncture-side"));
  g_assert_null (strstr (run.out, "--access-side"));
}

static void
test_cli_route_errors (void)
{
  g_auto(RamusTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;

  if (!ramus_test_have_cli ())
    return;
  /* Impossible: printed for scripts, refused with the reason. */
  run = ramus_test_run_cli ("route", "--region", "knee", "--side", "left", "--access", "cfa-retrograde",
                 "--target", "LSGA", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  root = parse (run.out);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root), "feasible"));
  g_assert_nonnull (strstr (run.err, "antegrade"));

  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--region", "knee", "--side", "left", "--access", "nowhere", "--target", "LSGA", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "access"));

  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--region", "knee", "--side", "left", "--access", "radial", "--target", "no such artery", NULL);
  g_assert_cmpint (run.status, ==, 1);

  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--region", "knee", "--side", "left", "--access", "radial", "--target", "segment-8-artery", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not in the knee region"));

  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--region", "knee", "--side", "left", "--access", "cfa-antegrade", "--target", "LSGA",
                 "--height-cm", "300", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "100 to 230"));

  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--region", "knee", "--target", "LSGA", NULL);
  g_assert_cmpint (run.status, ==, 2);

  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--side", "up", "--region", "knee", "--access", "radial", "--target", "LSGA", NULL);
  g_assert_cmpint (run.status, ==, 2);

  ramus_test_run_clear (&run);
  run = ramus_test_run_cli ("route", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--compare"));
}

static void
test_cli_route_compare (void)
{
  g_auto(RamusTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  if (!ramus_test_have_cli ())
    return;
  run = ramus_test_run_cli ("route", "--compare", "--region", "knee", "--side", "left", "--target", "LSGA", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 13);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_assert_true (json_object_has_member (o, "access"));
      g_assert_true (json_object_has_member (o, "feasible"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/route/knee", test_route_knee);
  g_test_add_func ("/core/route/length-hand-checked", test_route_length_hand_checked);
  g_test_add_func ("/core/route/shoulder", test_route_shoulder);
  g_test_add_func ("/core/route/elbow", test_route_elbow);
  g_test_add_func ("/core/route/hand", test_route_hand);
  g_test_add_func ("/core/route/ankle-foot", test_route_ankle_foot);
  g_test_add_func ("/core/route/hip", test_route_hip);
  g_test_add_func ("/core/route/liver", test_route_liver);
  g_test_add_func ("/core/route/liver-variant", test_route_liver_variant);
  g_test_add_func ("/core/route/spine-pelvis", test_route_spine_pelvis);
  g_test_add_func ("/core/route/refusals", test_route_refusals);
  g_test_add_func ("/core/route/not-feasible", test_route_not_feasible);
  g_test_add_func ("/core/route/compare", test_route_compare);
  g_test_add_func ("/core/route/scene-indices", test_route_scene_indices);
  g_test_add_func ("/core/route/json", test_route_json);
  g_test_add_func ("/core/route/cli-access-list", test_cli_access_list);
  g_test_add_func ("/core/route/cli-route", test_cli_route);
  g_test_add_func ("/core/route/cli-route-errors", test_cli_route_errors);
  g_test_add_func ("/core/route/cli-route-puncture-side", test_cli_route_puncture_side);
  g_test_add_func ("/core/route/cli-route-compare", test_cli_route_compare);
  return g_test_run ();
}
