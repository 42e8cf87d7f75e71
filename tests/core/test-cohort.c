/* test-cohort.c — follow-up statistics checked against hand-computed
 * medians, quartiles and n, and the charts checked where their points land
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-cohort.h"
#include "ramus-test-util.h"

#include <glib/gstdio.h>
#include <math.h>

static void
add_score (GPtrArray  *scores,
           const char *case_id,
           RamusScore  score,
           gboolean    baseline,
           int         day,
           double      value)
{
  RamusStoreScore *s = g_new0 (RamusStoreScore, 1);

  s->case_id = g_strdup (case_id);
  s->score = score;
  s->baseline = baseline;
  s->day = day;
  s->value = value;
  g_ptr_array_add (scores, s);
}

static void
test_timepoints (void)
{
  const struct { int day; gboolean counted; RamusTimepoint timepoint; } cases[] = {
    { -30, TRUE, RAMUS_TIMEPOINT_BASELINE },
    { 0, TRUE, RAMUS_TIMEPOINT_BASELINE },
    { 1, FALSE, 0 },
    { 14, FALSE, 0 },
    { 15, TRUE, RAMUS_TIMEPOINT_1_MONTH },
    { 60, TRUE, RAMUS_TIMEPOINT_1_MONTH },
    { 61, TRUE, RAMUS_TIMEPOINT_3_MONTHS },
    { 136, TRUE, RAMUS_TIMEPOINT_3_MONTHS },
    { 137, TRUE, RAMUS_TIMEPOINT_6_MONTHS },
    { 273, TRUE, RAMUS_TIMEPOINT_6_MONTHS },
    { 274, TRUE, RAMUS_TIMEPOINT_12_MONTHS },
    { 456, TRUE, RAMUS_TIMEPOINT_12_MONTHS },
    { 457, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RamusTimepoint t = RAMUS_N_TIMEPOINTS;
      gboolean counted = ramus_timepoint_for_day (cases[i].day, &t);

      g_assert_cmpint (counted, ==, cases[i].counted);
      if (counted)
        g_assert_cmpint (t, ==, cases[i].timepoint);
    }
  g_assert_cmpint (ramus_timepoint_get_info (RAMUS_TIMEPOINT_3_MONTHS)->nominal_day, ==, 91);
  g_assert_cmpstr (ramus_timepoint_get_info (RAMUS_TIMEPOINT_12_MONTHS)->key, ==, "12m");
  g_assert_cmpstr (ramus_timepoint_get_name (RAMUS_TIMEPOINT_BASELINE), ==, "Baseline");
}

/* Four fictional knee cases whose statistics are worked out by hand. */
static GPtrArray *
four_cases (void)
{
  GPtrArray *s = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_store_score_free);

  /* A: 1 month is day 35 (5 days from 30) rather than day 20 (10 days). */
  add_score (s, "A", RAMUS_SCORE_VAS, TRUE, 0, 8);
  add_score (s, "A", RAMUS_SCORE_VAS, FALSE, 20, 5);
  add_score (s, "A", RAMUS_SCORE_VAS, FALSE, 35, 3);
  add_score (s, "A", RAMUS_SCORE_VAS, FALSE, 95, 2);
  add_score (s, "A", RAMUS_SCORE_VAS, FALSE, 365, 1);
  add_score (s, "A", RAMUS_SCORE_WOMAC, TRUE, 0, 61);
  /* B: days 25 and 35 are as near to 30; the earlier counts. */
  add_score (s, "B", RAMUS_SCORE_VAS, TRUE, 0, 6);
  add_score (s, "B", RAMUS_SCORE_VAS, FALSE, 35, 6);
  add_score (s, "B", RAMUS_SCORE_VAS, FALSE, 25, 4);
  add_score (s, "B", RAMUS_SCORE_VAS, FALSE, 180, 3);
  /* C: no baseline score, so its last visit before the procedure (day -3,
   * not -10); days 10 and 500 fall in no window. */
  add_score (s, "C", RAMUS_SCORE_VAS, FALSE, -10, 7);
  add_score (s, "C", RAMUS_SCORE_VAS, FALSE, -3, 9);
  add_score (s, "C", RAMUS_SCORE_VAS, FALSE, 10, 1);
  add_score (s, "C", RAMUS_SCORE_VAS, FALSE, 30, 5);
  add_score (s, "C", RAMUS_SCORE_VAS, FALSE, 500, 0);
  /* D: the recorded baseline wins over a visit on the day. */
  add_score (s, "D", RAMUS_SCORE_VAS, FALSE, 0, 10);
  add_score (s, "D", RAMUS_SCORE_VAS, TRUE, 0, 7);
  return s;
}

static void
assert_cell (const RamusCohortCell *cell,
             guint                  n,
             double                 median,
             double                 q1,
             double                 q3)
{
  g_assert_cmpuint (cell->n, ==, n);
  g_assert_cmpfloat_with_epsilon (cell->median, median, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell->q1, q1, 1e-9);
  g_assert_cmpfloat_with_epsilon (cell->q3, q3, 1e-9);
}

static void
test_medians (void)
{
  g_autoptr(GPtrArray) scores = four_cases ();
  g_autoptr(RamusCohort) cohort = ramus_cohort_new (scores, "knee", "knee-gae");
  const RamusCohortCell *vas = cohort->cells[RAMUS_SCORE_VAS];

  g_assert_cmpuint (cohort->n_cases, ==, 4);
  g_assert_cmpstr (cohort->region, ==, "knee");
  /* Baseline 6, 7, 8, 9: median 7.5; quartiles at positions 0.75 and 2.25. */
  assert_cell (&vas[RAMUS_TIMEPOINT_BASELINE], 4, 7.5, 6.75, 8.25);
  /* 1 month 3, 4, 5. */
  assert_cell (&vas[RAMUS_TIMEPOINT_1_MONTH], 3, 4, 3.5, 4.5);
  assert_cell (&vas[RAMUS_TIMEPOINT_3_MONTHS], 1, 2, 2, 2);
  assert_cell (&vas[RAMUS_TIMEPOINT_6_MONTHS], 1, 3, 3, 3);
  assert_cell (&vas[RAMUS_TIMEPOINT_12_MONTHS], 1, 1, 1, 1);
  assert_cell (&cohort->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_BASELINE], 1, 61, 61, 61);
  g_assert_cmpuint (cohort->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_1_MONTH].n, ==, 0);
  g_assert_true (isnan (cohort->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_1_MONTH].median));
  g_assert_true (ramus_cohort_has_score (cohort, RAMUS_SCORE_WOMAC));
  g_assert_false (ramus_cohort_has_score (cohort, RAMUS_SCORE_ASES));
}

static RamusCase *
knee (const char *pseudonym,
      const char *procedure_date,
      double      baseline_womac)
{
  RamusCase *c = ramus_case_new_from_template ("knee-gae");

  ramus_case_set_string (&c->pseudonym, pseudonym);
  ramus_case_set_string (&c->procedure_date, procedure_date);
  c->baseline.values[RAMUS_SCORE_WOMAC] = baseline_womac;
  return c;
}

static void
test_from_store (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "cohort.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusStore) store = ramus_store_open (path, 0, &error);
  g_autoptr(RamusCohort) cohort = NULL;
  g_autoptr(RamusCohort) hips = NULL;
  g_autoptr(RamusCohort) all = NULL;
  g_autoptr(RamusCase) a = knee ("KN-0001", "2026-01-10", 60);
  g_autoptr(RamusCase) b = knee ("KN-0002", "2026-02-01", 48);
  g_autoptr(RamusCase) anon = knee ("KN-0003", "2026-03-01", 40);
  g_autoptr(RamusCase) hip = ramus_case_new_from_template ("hip-tame");
  RamusFollowup *f;

  g_assert_no_error (error);
  /* a: 1 month on 2026-02-12 (day 33), 3 months on 2026-04-12 (day 92). */
  ramus_case_add_followup (a, "2026-02-12")->scores.values[RAMUS_SCORE_WOMAC] = 30;
  ramus_case_add_followup (a, "2026-04-12")->scores.values[RAMUS_SCORE_WOMAC] = 20;
  /* b: 1 month on 2026-03-03 (day 30). */
  ramus_case_add_followup (b, "2026-03-03")->scores.values[RAMUS_SCORE_WOMAC] = 36;
  /* An anonymised case carries days instead of dates. */
  f = ramus_case_add_followup (anon, "2026-03-29");
  f->scores.values[RAMUS_SCORE_WOMAC] = 22;
  g_assert_true (ramus_case_anonymise (anon, NULL));
  g_assert_cmpint (g_array_index (anon->followups, RamusFollowup, 0).day, ==, 28);
  ramus_case_set_string (&hip->pseudonym, "HP-0001");
  hip->baseline.values[RAMUS_SCORE_WOMAC] = 70;

  g_assert_true (ramus_store_save_case (store, a, NULL));
  g_assert_true (ramus_store_save_case (store, b, NULL));
  g_assert_true (ramus_store_save_case (store, anon, NULL));
  g_assert_true (ramus_store_save_case (store, hip, NULL));

  cohort = ramus_cohort_new_from_store (store, "knee", "knee-gae", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cohort->n_cases, ==, 3);
  /* Baseline 40, 48, 60; 1 month 22, 30, 36; 3 months 20. */
  assert_cell (&cohort->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_BASELINE], 3, 48, 44, 54);
  assert_cell (&cohort->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_1_MONTH], 3, 30, 26, 33);
  assert_cell (&cohort->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_3_MONTHS], 1, 20, 20, 20);

  hips = ramus_cohort_new_from_store (store, "hip", NULL, &error);
  g_assert_cmpuint (hips->n_cases, ==, 1);
  assert_cell (&hips->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_BASELINE], 1, 70, 70, 70);

  all = ramus_cohort_new_from_store (store, NULL, NULL, &error);
  g_assert_cmpuint (all->n_cases, ==, 4);
  assert_cell (&all->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_BASELINE], 4, 54, 46, 62.5);
}

/* ---- charts ---- */

static void
pixel (cairo_surface_t *surface,
       double           x,
       double           y,
       guint8          *rgb)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 p;

  cairo_surface_flush (surface);
  p = *(const guint32 *) (data + (int) floor (y) * stride + (int) floor (x) * 4);
  rgb[0] = p >> 16 & 0xff;
  rgb[1] = p >> 8 & 0xff;
  rgb[2] = p & 0xff;
}

/* The pixel is @color drawn (with its alpha) over the @over background. */
static gboolean
is_color_over (cairo_surface_t  *surface,
               double            x,
               double            y,
               const RamusColor *color,
               const RamusColor *over)
{
  double a = color->a;
  guint8 rgb[3];

  pixel (surface, x, y, rgb);
  return ABS (rgb[0] - (a * color->r + (1 - a) * over->r) * 255) < 12 &&
         ABS (rgb[1] - (a * color->g + (1 - a) * over->g) * 255) < 12 &&
         ABS (rgb[2] - (a * color->b + (1 - a) * over->b) * 255) < 12;
}

static gboolean
is_color (cairo_surface_t  *surface,
          double            x,
          double            y,
          const RamusColor *color)
{
  return is_color_over (surface, x, y, color, color);
}

static guint
count_color (cairo_surface_t  *surface,
             const RamusColor *color)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      n += is_color (surface, x + 0.5, y + 0.5, color);
  return n;
}

static void
test_case_chart (void)
{
  const RamusTheme *theme = ramus_theme_get (RAMUS_THEME_LIGHT);
  g_autoptr(RamusCase) c = ramus_case_new_from_template ("knee-gae");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 360);
  cairo_t *cr = cairo_create (surface);
  RamusCohortFrame frame;
  double x, y, y_low, r;
  static const struct { const char *date; int day; double vas; } visits[] = {
    { "2026-02-12", 33, 4 }, { "2026-04-12", 92, 2 }, { "2026-07-10", 181, 3 },
  };

  ramus_case_set_string (&c->pseudonym, "KN-0001");
  ramus_case_set_string (&c->procedure_date, "2026-01-10");
  c->baseline.values[RAMUS_SCORE_VAS] = 8;
  for (guint i = 0; i < G_N_ELEMENTS (visits); i++)
    ramus_case_add_followup (c, visits[i].date)->scores.values[RAMUS_SCORE_VAS] = visits[i].vas;

  ramus_cohort_draw_case (c, cr, 640, 360, RAMUS_SCORE_VAS, RAMUS_THEME_LIGHT, &frame);
  /* VAS runs 0–10; a year is shown even when the visits end earlier,
   * with a margin of 3% each side. */
  g_assert_cmpfloat (frame.y_min, ==, 0);
  g_assert_cmpfloat (frame.y_max, ==, 10);
  g_assert_cmpfloat_with_epsilon (frame.x_min, -365 * 0.03, 1e-9);
  g_assert_cmpfloat_with_epsilon (frame.x_max, 365 * 1.03, 1e-9);
  g_assert_cmpfloat (frame.left, >, 0);
  g_assert_cmpfloat (frame.left + frame.width, <=, 640);
  g_assert_cmpfloat (frame.top + frame.height, <=, 360);

  /* A filled marker at each visit, where the frame says. */
  for (guint i = 0; i < G_N_ELEMENTS (visits); i++)
    {
      ramus_cohort_frame_to_user (&frame, visits[i].day, visits[i].vas, &x, &y);
      if (!is_color (surface, x, y, &theme->target_fill))
        g_error ("no marker for day %d VAS %g at %.1f, %.1f", visits[i].day, visits[i].vas, x, y);
    }
  /* VAS 2 sits lower than VAS 4. */
  ramus_cohort_frame_to_user (&frame, 92, 2, NULL, &y_low);
  ramus_cohort_frame_to_user (&frame, 33, 4, NULL, &y);
  g_assert_cmpfloat (y_low, >, y);
  g_assert_cmpfloat_with_epsilon (y_low - y, frame.height * 2 / 10, 1e-9);
  /* The baseline is a hollow marker at day 0: ring coloured, centre not. */
  ramus_cohort_frame_to_user (&frame, 0, 8, &x, &y);
  r = CLAMP (360 / 22.0, 7, 13) * 0.4;
  g_assert_true (is_color (surface, x + r, y, &theme->target_fill));
  g_assert_true (is_color (surface, x, y, &theme->background));
  /* Nothing at a value never recorded. */
  ramus_cohort_frame_to_user (&frame, 92, 9, &x, &y);
  g_assert_false (is_color (surface, x, y, &theme->target_fill));

  /* A score the case does not have: no markers at all. */
  ramus_cohort_draw_case (c, cr, 640, 360, RAMUS_SCORE_WOMAC, RAMUS_THEME_LIGHT, &frame);
  g_assert_cmpfloat (frame.y_max, ==, 96);
  g_assert_cmpuint (count_color (surface, &theme->target_fill), ==, 0);

  /* An open-ended score goes up to the next round value above the data. */
  {
    g_autoptr(RamusCase) l = ramus_case_new_from_template ("ctace");
    ramus_case_set_string (&l->procedure_date, "2026-01-10");
    l->baseline.values[RAMUS_SCORE_AFP] = 450;
    ramus_case_add_followup (l, "2026-02-10")->scores.values[RAMUS_SCORE_AFP] = 120;
    ramus_cohort_draw_case (l, cr, 640, 360, RAMUS_SCORE_AFP, RAMUS_THEME_DARK, &frame);
    g_assert_cmpfloat (frame.y_max, ==, 500);
    ramus_cohort_frame_to_user (&frame, 31, 120, &x, &y);
    g_assert_true (is_color (surface, x, y, &ramus_theme_get (RAMUS_THEME_DARK)->target_fill));
  }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_cohort_chart (void)
{
  const RamusTheme *theme = ramus_theme_get (RAMUS_THEME_LIGHT);
  g_autoptr(GPtrArray) scores = four_cases ();
  g_autoptr(RamusCohort) cohort = ramus_cohort_new (scores, "knee", "knee-gae");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 720, 400);
  cairo_t *cr = cairo_create (surface);
  const RamusCohortCell *vas = cohort->cells[RAMUS_SCORE_VAS];
  RamusCohortFrame frame;
  double x, y;

  ramus_cohort_draw (cohort, cr, 720, 400, RAMUS_SCORE_VAS, RAMUS_THEME_LIGHT, &frame);
  g_assert_cmpfloat (frame.x_min, ==, -0.5);
  g_assert_cmpfloat (frame.x_max, ==, RAMUS_N_TIMEPOINTS - 0.5);
  g_assert_cmpfloat (frame.y_max, ==, 10);
  for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
    {
      ramus_cohort_frame_to_user (&frame, t, vas[t].median, &x, &y);
      if (!is_color (surface, x, y, &theme->target_fill))
        g_error ("no median marker at time point %u (%.1f, %.1f)", t, x, y);
    }
  /* The interquartile bar of baseline (6.75–8.25): its caps beside the marker. */
  ramus_cohort_frame_to_user (&frame, 0, vas[0].q3, &x, &y);
  g_assert_true (is_color_over (surface, x + CLAMP (400 / 22.0, 7, 13) * 0.3, y, &theme->leader, &theme->background));
  ramus_cohort_frame_to_user (&frame, 0, vas[0].q1, &x, &y);
  g_assert_true (is_color_over (surface, x + CLAMP (400 / 22.0, 7, 13) * 0.3, y, &theme->leader, &theme->background));
  /* No bar where only one case has a value (3 months). */
  ramus_cohort_frame_to_user (&frame, 2, vas[2].median + 1, &x, &y);
  g_assert_true (is_color (surface, x, y, &theme->background));

  /* A score with no data draws no markers. */
  ramus_cohort_draw (cohort, cr, 720, 400, RAMUS_SCORE_ASES, RAMUS_THEME_LIGHT, &frame);
  g_assert_cmpuint (count_color (surface, &theme->target_fill), ==, 0);
  g_assert_cmpfloat (frame.y_max, ==, 100);

  /* Print: black markers on white paper, in the same places. */
  ramus_cohort_draw (cohort, cr, 720, 400, RAMUS_SCORE_VAS, RAMUS_THEME_PRINT, &frame);
  ramus_cohort_frame_to_user (&frame, 1, vas[1].median, &x, &y);
  g_assert_true (is_color (surface, x, y, &ramus_theme_get (RAMUS_THEME_PRINT)->target_fill));
  g_assert_true (is_color (surface, 2, 2, &ramus_theme_get (RAMUS_THEME_PRINT)->background));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = ramus_test_isolate_data_dir ();
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/cohort/timepoints", test_timepoints);
  g_test_add_func ("/core/cohort/medians", test_medians);
  g_test_add_func ("/core/cohort/from-store", test_from_store);
  g_test_add_func ("/core/cohort/case-chart", test_case_chart);
  g_test_add_func ("/core/cohort/cohort-chart", test_cohort_chart);

  status = g_test_run ();
  ramus_test_remove_tree (root);
  return status;
}
