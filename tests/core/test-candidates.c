/* test-candidates.c — pain point, tumour and level → ranked candidate
 * feeders over the bundled atlas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "ramus-candidates.h"

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

static GArray *
points (guint n,
        ...)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (RamusPainPoint));
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      RamusPainPoint p;
      p.x_mm = va_arg (args, double);
      p.y_mm = va_arg (args, double);
      p.radius_mm = va_arg (args, double);
      g_array_append_val (a, p);
    }
  va_end (args);
  return a;
}

static const RamusCandidate *
find (GPtrArray  *list,
      const char *vessel)
{
  for (guint i = 0; i < list->len; i++)
    {
      const RamusCandidate *c = g_ptr_array_index (list, i);
      if (g_str_equal (c->vessel->id, vessel))
        return c;
    }
  return NULL;
}

static void
test_candidates_overlap_exact (void)
{
  g_autoptr(GArray) square = g_array_new (FALSE, FALSE, sizeof (RamusVertex));
  const RamusVertex corners[] = { { 0, 0, 0 }, { 10, 0, 0 }, { 10, 10, 0 }, { 0, 10, 0 } };

  g_array_append_vals (square, corners, G_N_ELEMENTS (corners));
  /* Wholly inside: π r² = 12.566 mm². */
  g_assert_cmpfloat_with_epsilon (ramus_candidates_overlap (square, 5, 5, 2), G_PI * 4, 0.01 * G_PI * 4);
  /* Centred on an edge: half. */
  g_assert_cmpfloat_with_epsilon (ramus_candidates_overlap (square, 0, 5, 2), G_PI * 2, 0.01 * G_PI * 4);
  /* Centred on a corner: a quarter. */
  g_assert_cmpfloat_with_epsilon (ramus_candidates_overlap (square, 10, 10, 2), G_PI, 0.01 * G_PI * 4);
  /* Around the whole square (r = 10 at the centre covers it): 100 mm². */
  g_assert_cmpfloat_with_epsilon (ramus_candidates_overlap (square, 5, 5, 10), 100, 1.5);
  g_assert_cmpfloat (ramus_candidates_overlap (square, 30, 30, 2), ==, 0);
}

static void
test_candidates_pain_ranking (void)
{
  g_autoptr(GError) error = NULL;
  /* One circle deep in the LSGA territory, a smaller one in the MIGA's. */
  g_autoptr(GArray) marked = points (2, 55.0, 130.0, 4.0, 110.0, 190.0, 3.0);
  g_autoptr(GPtrArray) list = ramus_candidates_for_pain (atlas (), "knee", RAMUS_SIDE_LEFT, NULL, marked, &error);
  const RamusCandidate *lsga, *miga;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  lsga = g_ptr_array_index (list, 0);
  miga = g_ptr_array_index (list, 1);
  g_assert_cmpstr (lsga->vessel->id, ==, "lateral-superior-genicular-artery");
  g_assert_cmpstr (miga->vessel->id, ==, "medial-inferior-genicular-artery");
  /* 16π of the 25π mm² marked = 64%; 9π of 25π = 36%. */
  g_assert_cmpfloat_with_epsilon (lsga->score, 0.64, 0.005);
  g_assert_cmpfloat_with_epsilon (miga->score, 0.36, 0.005);
  g_assert_cmpfloat_with_epsilon (lsga->overlap_mm2, 16 * G_PI, 0.01 * 16 * G_PI);
  g_assert_cmpint (lsga->side, ==, RAMUS_SIDE_LEFT);
  g_assert_cmpint (lsga->basis, ==, RAMUS_CANDIDATE_TERRITORY);
  g_assert_nonnull (strstr (lsga->reason, "covers 64% of the marked area; supplies "));
  g_assert_nonnull (strstr (lsga->reason, "superolateral capsule"));
}

static void
test_candidates_pain_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) marked = points (1, 2.0, 2.0, 1.0);
  g_autoptr(GPtrArray) list = ramus_candidates_for_pain (atlas (), "knee", RAMUS_SIDE_RIGHT, NULL, marked, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

static void
test_candidates_pain_midline_mirror (void)
{
  g_autoptr(GError) error = NULL;
  /* The lumbar territory is drawn on the patient's right of x = 180;
   * the mirror point lies in the left one. */
  g_autoptr(GArray) right = points (1, 160.0, 505.0, 3.0);
  g_autoptr(GArray) left = points (1, 200.0, 505.0, 3.0);
  g_autoptr(GPtrArray) r = ramus_candidates_for_pain (atlas (), "spine-pelvis", RAMUS_SIDE_RIGHT, NULL, right, &error);
  g_autoptr(GPtrArray) l = ramus_candidates_for_pain (atlas (), "spine-pelvis", RAMUS_SIDE_RIGHT, NULL, left, &error);

  g_assert_no_error (error);
  g_assert_nonnull (find (r, "lumbar-artery"));
  g_assert_cmpint (find (r, "lumbar-artery")->side, ==, RAMUS_SIDE_RIGHT);
  g_assert_nonnull (find (l, "lumbar-artery"));
  g_assert_cmpint (find (l, "lumbar-artery")->side, ==, RAMUS_SIDE_LEFT);
  g_assert_cmpfloat_with_epsilon (find (l, "lumbar-artery")->score, 1.0, 0.01);
}

static void
test_candidates_pain_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) tiny = points (1, 55.0, 130.0, 0.5);
  g_autoptr(GArray) away = points (1, 1000.0, 130.0, 5.0);
  GPtrArray *list;

  list = ramus_candidates_for_pain (atlas (), "knee", RAMUS_SIDE_RIGHT, NULL, tiny, &error);
  g_assert_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1–100 mm"));
  g_assert_null (list);
  g_clear_error (&error);
  list = ramus_candidates_for_pain (atlas (), "knee", RAMUS_SIDE_RIGHT, NULL, away, &error);
  g_assert_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_INVALID);
  g_assert_null (list);
  g_clear_error (&error);
  list = ramus_candidates_for_pain (atlas (), "elsewhere", RAMUS_SIDE_RIGHT, NULL, tiny, &error);
  g_assert_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_UNKNOWN_REGION);
  g_assert_null (list);
}

static GPtrArray *
tumours (const char *segment,
         double      diameter,
         GError    **error)
{
  g_autoptr(GArray) t = g_array_new (FALSE, TRUE, sizeof (RamusTumour));
  RamusTumour one = { (char *) segment, diameter };

  g_array_append_val (t, one);
  return ramus_candidates_for_tumours (atlas (), NULL, t, error);
}

static void
test_candidates_tumour_segments (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) vii = tumours ("VII", 32, &error);
  g_autoptr(GPtrArray) iv = tumours ("IV", 20, &error);
  g_autoptr(GPtrArray) i = tumours ("I", 15, &error);
  const RamusCandidate *c;

  g_assert_no_error (error);
  c = g_ptr_array_index (vii, 0);
  g_assert_cmpstr (c->vessel->id, ==, "segment-7-artery");
  g_assert_cmpint (c->basis, ==, RAMUS_CANDIDATE_SEGMENT);
  g_assert_cmpfloat (c->score, ==, 1.0);
  g_assert_nonnull (strstr (c->reason, "segment VII, where the 32 mm tumour lies"));
  /* Bare-area and posterior collaterals named for segment VII. */
  g_assert_cmpint (find (vii, "right-inferior-phrenic-artery")->basis, ==, RAMUS_CANDIDATE_COLLATERAL);
  g_assert_nonnull (find (vii, "middle-suprarenal-artery"));
  g_assert_nonnull (find (vii, "renal-capsular-artery"));
  g_assert_null (find (vii, "internal-thoracic-artery"));
  g_assert_null (find (vii, "segment-6-artery"));
  /* Segment IV: the middle hepatic (A4) and its IVa and IVb branches. */
  g_assert_nonnull (find (iv, "middle-hepatic-artery"));
  g_assert_nonnull (find (iv, "segment-4a-artery"));
  g_assert_nonnull (find (iv, "segment-4b-artery"));
  g_assert_null (find (iv, "segment-2-artery"));
  /* The caudate lobe from both sides, and the phrenic supply of caudate
   * tumours. */
  g_assert_nonnull (find (i, "right-caudate-artery"));
  g_assert_nonnull (find (i, "left-caudate-artery"));
  g_assert_nonnull (find (i, "right-inferior-phrenic-artery"));
  /* Ranked: every segmental artery before any collateral. */
  for (guint k = 1; k < vii->len; k++)
    g_assert_cmpfloat (((RamusCandidate *) g_ptr_array_index (vii, k - 1))->score, >=,
                       ((RamusCandidate *) g_ptr_array_index (vii, k))->score);
}

static void
test_candidates_tumour_errors (void)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list;

  list = tumours ("IX", 20, &error);
  g_assert_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_INVALID);
  g_assert_null (list);
  g_clear_error (&error);
  list = tumours ("II", 300, &error);
  g_assert_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1–250 mm"));
  g_assert_null (list);
  g_assert_cmpint (ramus_candidates_segment_number ("viii"), ==, 8);
  g_assert_cmpint (ramus_candidates_segment_number ("0"), ==, 0);
}

static GPtrArray *
level (const char *name)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = ramus_candidates_for_level (atlas (), RAMUS_SIDE_LEFT, name, &error);
  g_assert_no_error (error);
  return list;
}

static void
test_candidates_levels (void)
{
  g_autoptr(GPtrArray) t10 = level ("T10");
  g_autoptr(GPtrArray) t12 = level ("T12");
  g_autoptr(GPtrArray) l5 = level ("L5");
  g_autoptr(GPtrArray) t1 = level ("T1");
  const RamusCandidate *c;

  /* T10: its intercostal pair, inject both sides; T9 and T11 are
   * intercostals too. */
  c = find (t10, "posterior-intercostal-artery");
  g_assert_nonnull (c);
  g_assert_cmpint (c->basis, ==, RAMUS_CANDIDATE_LEVEL);
  g_assert_cmpstr (c->level, ==, "T10");
  g_assert_cmpint (c->side, ==, RAMUS_SIDE_LEFT);
  g_assert_cmpuint (t10->len, ==, 1);
  /* T12: the subcostal artery names T12; the levels around it are an
   * intercostal (T11) and a lumbar (L1) artery. */
  g_assert_cmpint (find (t12, "subcostal-artery")->basis, ==, RAMUS_CANDIDATE_LEVEL);
  g_assert_cmpint (find (t12, "posterior-intercostal-artery")->basis, ==, RAMUS_CANDIDATE_ADJACENT_LEVEL);
  g_assert_cmpstr (find (t12, "posterior-intercostal-artery")->level, ==, "T11");
  g_assert_cmpint (find (t12, "lumbar-artery")->basis, ==, RAMUS_CANDIDATE_ADJACENT_LEVEL);
  g_assert_cmpfloat (find (t12, "subcostal-artery")->score, >, find (t12, "lumbar-artery")->score);
  /* L5: the iliolumbar and median sacral arteries name L5. */
  g_assert_cmpint (find (l5, "iliolumbar-artery")->basis, ==, RAMUS_CANDIDATE_LEVEL);
  g_assert_cmpint (find (l5, "median-sacral-artery")->basis, ==, RAMUS_CANDIDATE_LEVEL);
  g_assert_cmpint (find (l5, "lumbar-artery")->basis, ==, RAMUS_CANDIDATE_ADJACENT_LEVEL);
  /* T1–T2: the supreme intercostal artery. */
  g_assert_cmpint (find (t1, "supreme-intercostal-artery")->basis, ==, RAMUS_CANDIDATE_LEVEL);
  g_assert_null (find (t1, "posterior-intercostal-artery"));
}

static void
test_candidates_pelvic_bones (void)
{
  g_autoptr(GPtrArray) ilium = level ("ilium");
  g_autoptr(GPtrArray) acetabulum = level ("acetabulum");
  g_autoptr(GPtrArray) ischium = level ("ischium");
  g_autoptr(GPtrArray) pubis = level ("pubis");
  g_autoptr(GPtrArray) sacrum = level ("sacrum");
  g_autoptr(GError) error = NULL;
  GPtrArray *bad;

  g_assert_nonnull (find (ilium, "iliolumbar-artery"));
  g_assert_nonnull (find (ilium, "superior-gluteal-artery"));
  g_assert_null (find (ilium, "obturator-artery"));
  g_assert_nonnull (find (acetabulum, "obturator-artery"));
  g_assert_nonnull (find (ischium, "inferior-gluteal-artery"));
  g_assert_nonnull (find (ischium, "obturator-artery"));
  g_assert_nonnull (find (pubis, "obturator-artery"));
  g_assert_null (find (pubis, "inferior-gluteal-artery"));
  g_assert_nonnull (find (sacrum, "superior-lateral-sacral-artery"));
  g_assert_nonnull (find (sacrum, "inferior-lateral-sacral-artery"));
  g_assert_nonnull (find (sacrum, "median-sacral-artery"));

  bad = ramus_candidates_for_level (atlas (), RAMUS_SIDE_LEFT, "X9", &error);
  g_assert_error (error, RAMUS_CANDIDATES_ERROR, RAMUS_CANDIDATES_ERROR_INVALID);
  g_assert_null (bad);
}

static void
test_candidates_for_case (void)
{
  g_autoptr(RamusCase) knee = ramus_case_new ("knee", RAMUS_SIDE_RIGHT);
  g_autoptr(RamusCase) liver = ramus_case_new ("liver", RAMUS_SIDE_RIGHT);
  g_autoptr(RamusCase) spine = ramus_case_new ("spine-pelvis", RAMUS_SIDE_LEFT);
  g_autoptr(GPtrArray) k = NULL;
  g_autoptr(GPtrArray) l = NULL;
  g_autoptr(GPtrArray) s = NULL;
  g_autoptr(GError) error = NULL;

  ramus_case_add_pain_point (knee, 55, 130, 5);
  ramus_case_add_tumour (liver, "VIII", 40);
  ramus_case_set_string (&spine->indication.level, "L1");
  k = ramus_candidates_for_case (atlas (), knee, &error);
  l = ramus_candidates_for_case (atlas (), liver, &error);
  s = ramus_candidates_for_case (atlas (), spine, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((RamusCandidate *) g_ptr_array_index (k, 0))->vessel->id, ==, "lateral-superior-genicular-artery");
  g_assert_cmpstr (((RamusCandidate *) g_ptr_array_index (l, 0))->vessel->id, ==, "segment-8-artery");
  g_assert_cmpstr (((RamusCandidate *) g_ptr_array_index (s, 0))->vessel->id, ==, "lumbar-artery");
  g_assert_cmpstr (((RamusCandidate *) g_ptr_array_index (s, 0))->level, ==, "L1");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/candidates/overlap-exact", test_candidates_overlap_exact);
  g_test_add_func ("/core/candidates/pain-ranking", test_candidates_pain_ranking);
  g_test_add_func ("/core/candidates/pain-nothing", test_candidates_pain_nothing);
  g_test_add_func ("/core/candidates/pain-midline-mirror", test_candidates_pain_midline_mirror);
  g_test_add_func ("/core/candidates/pain-errors", test_candidates_pain_errors);
  g_test_add_func ("/core/candidates/tumour-segments", test_candidates_tumour_segments);
  g_test_add_func ("/core/candidates/tumour-errors", test_candidates_tumour_errors);
  g_test_add_func ("/core/candidates/levels", test_candidates_levels);
  g_test_add_func ("/core/candidates/pelvic-bones", test_candidates_pelvic_bones);
  g_test_add_func ("/core/candidates/for-case", test_candidates_for_case);
  return g_test_run ();
}
