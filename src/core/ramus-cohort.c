/* ramus-cohort.c — follow-up statistics (median, quartiles and n per time
 * point) and the Cairo charts of a case and of a cohort
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cohort"

#include "config.h"

#include "ramus-cohort.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>

/* See RamusTimepointInfo: windows end halfway between nominal days. */
static const RamusTimepointInfo timepoints[RAMUS_N_TIMEPOINTS] = {
  { "baseline", N_("Baseline"), 0, G_MININT, 0 },
  { "1m", N_("1 month"), 30, 15, 60 },
  { "3m", N_("3 months"), 91, 61, 136 },
  { "6m", N_("6 months"), 182, 137, 273 },
  { "12m", N_("12 months"), 365, 274, 456 },
};

const RamusTimepointInfo *
ramus_timepoint_get_info (RamusTimepoint timepoint)
{
  g_return_val_if_fail (timepoint < RAMUS_N_TIMEPOINTS, NULL);
  return &timepoints[timepoint];
}

const char *
ramus_timepoint_get_name (RamusTimepoint timepoint)
{
  g_return_val_if_fail (timepoint < RAMUS_N_TIMEPOINTS, NULL);
  return _(timepoints[timepoint].name);
}

/* The time point a visit @day days from the procedure counts at; FALSE for
 * a visit between windows (days 1–14, or after day 456). */
gboolean
ramus_timepoint_for_day (int             day,
                         RamusTimepoint *timepoint)
{
  g_return_val_if_fail (timepoint != NULL, FALSE);

  for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
    if (day >= timepoints[t].first_day && day <= timepoints[t].last_day)
      {
        *timepoint = t;
        return TRUE;
      }
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Statistics                                                             */

/* What one case contributes to one score: at most one value a time point. */
typedef struct
{
  double baseline;                 /* the case's `baseline`, or NAN */
  int pre_day;                     /* its last visit on or before day 0 */
  double pre_value;
  int day[RAMUS_N_TIMEPOINTS];     /* the visit nearest the nominal day */
  double value[RAMUS_N_TIMEPOINTS];
} CaseScore;

typedef struct
{
  CaseScore scores[RAMUS_N_SCORES];
} CaseScores;

static CaseScores *
case_scores_new (void)
{
  CaseScores *cs = g_new (CaseScores, 1);

  for (guint s = 0; s < RAMUS_N_SCORES; s++)
    {
      cs->scores[s].baseline = NAN;
      cs->scores[s].pre_day = G_MININT;
      cs->scores[s].pre_value = NAN;
      for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
        {
          cs->scores[s].day[t] = G_MININT;
          cs->scores[s].value[t] = NAN;
        }
    }
  return cs;
}

static void
case_score_add (CaseScore             *cs,
                const RamusStoreScore *score)
{
  RamusTimepoint t;

  if (score->baseline)
    {
      cs->baseline = score->value;
      return;
    }
  if (!ramus_timepoint_for_day (score->day, &t))
    return;
  if (t == RAMUS_TIMEPOINT_BASELINE)
    {
      if (isnan (cs->pre_value) || score->day > cs->pre_day)
        {
          cs->pre_day = score->day;
          cs->pre_value = score->value;
        }
      return;
    }
  {
    int nominal = timepoints[t].nominal_day;
    int distance = ABS (score->day - nominal);
    int best = cs->day[t] == G_MININT ? G_MAXINT : ABS (cs->day[t] - nominal);

    if (distance < best || (distance == best && score->day < cs->day[t]))
      {
        cs->day[t] = score->day;
        cs->value[t] = score->value;
      }
  }
}

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Quantile @p of sorted @values by linear interpolation between order
 * statistics (Hyndman and Fan's type 7, the default of R and NumPy). */
static double
quantile (const double *values,
          guint         n,
          double        p)
{
  double h, lo;

  if (n == 0)
    return NAN;
  h = (n - 1) * p;
  lo = floor (h);
  if ((guint) lo + 1 >= n)
    return values[n - 1];
  return values[(guint) lo] + (h - lo) * (values[(guint) lo + 1] - values[(guint) lo]);
}

static void
cell_set (RamusCohortCell *cell,
          GArray          *values)
{
  g_array_sort (values, compare_doubles);
  cell->n = values->len;
  cell->median = quantile ((double *) values->data, values->len, 0.5);
  cell->q1 = quantile ((double *) values->data, values->len, 0.25);
  cell->q3 = quantile ((double *) values->data, values->len, 0.75);
}

/**
 * ramus_cohort_new:
 * @scores: (element-type RamusStoreScore): scores as ramus_store_get_scores()
 *   returns them
 * @region: (nullable): recorded in the result, for its title
 * @template_id: (nullable): likewise
 *
 * Returns: (transfer full): median, quartiles and n of every score at each
 *   time point, each case counted at most once a time point
 */
RamusCohort *
ramus_cohort_new (GPtrArray  *scores,
                  const char *region,
                  const char *template_id)
{
  g_autoptr(GHashTable) cases = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  GArray *values[RAMUS_N_SCORES][RAMUS_N_TIMEPOINTS];
  RamusCohort *self;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (scores != NULL, NULL);

  for (guint i = 0; i < scores->len; i++)
    {
      const RamusStoreScore *s = g_ptr_array_index (scores, i);
      CaseScores *cs = g_hash_table_lookup (cases, s->case_id);

      if (s->score >= RAMUS_N_SCORES || isnan (s->value))
        continue;
      if (cs == NULL)
        {
          cs = case_scores_new ();
          g_hash_table_insert (cases, s->case_id, cs);
        }
      case_score_add (&cs->scores[s->score], s);
    }

  self = g_new0 (RamusCohort, 1);
  self->region = g_strdup (region);
  self->template_id = g_strdup (template_id);
  for (guint s = 0; s < RAMUS_N_SCORES; s++)
    for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
      values[s][t] = g_array_new (FALSE, FALSE, sizeof (double));

  g_hash_table_iter_init (&iter, cases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CaseScores *cs = value;
      gboolean counted = FALSE;

      for (guint s = 0; s < RAMUS_N_SCORES; s++)
        {
          CaseScore *c = &cs->scores[s];
          double base = !isnan (c->baseline) ? c->baseline : c->pre_value;

          c->value[RAMUS_TIMEPOINT_BASELINE] = base;
          for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
            if (!isnan (c->value[t]))
              {
                g_array_append_val (values[s][t], c->value[t]);
                counted = TRUE;
              }
        }
      self->n_cases += counted;
    }

  for (guint s = 0; s < RAMUS_N_SCORES; s++)
    for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
      {
        cell_set (&self->cells[s][t], values[s][t]);
        g_array_unref (values[s][t]);
      }
  return self;
}

/**
 * ramus_cohort_new_from_store:
 * @region: (nullable): only this region's cases
 * @template_id: (nullable): only this procedure's cases
 *
 * Returns: (transfer full) (nullable): the cohort, or NULL with @error set
 */
RamusCohort *
ramus_cohort_new_from_store (RamusStore  *store,
                             const char  *region,
                             const char  *template_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) scores = NULL;

  g_return_val_if_fail (RAMUS_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  scores = ramus_store_get_scores (store, region, template_id, error);
  if (scores == NULL)
    return NULL;
  return ramus_cohort_new (scores, region, template_id);
}

void
ramus_cohort_free (RamusCohort *self)
{
  if (self == NULL)
    return;
  g_free (self->region);
  g_free (self->template_id);
  g_free (self);
}

gboolean
ramus_cohort_has_score (const RamusCohort *self,
                        RamusScore         score)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (score < RAMUS_N_SCORES, FALSE);

  for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
    if (self->cells[score][t].n > 0)
      return TRUE;
  return FALSE;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * ramus_cohort_scores_for_case:
 *
 * The scores of one case as the library would index them: the baseline at
 * day 0 and each visit whose day from the procedure is known (from the two
 * dates, or the `day` of an anonymised file).
 *
 * Returns: (transfer full) (element-type RamusStoreScore): its scores
 */
GPtrArray *
ramus_cohort_scores_for_case (const RamusCase *kase)
{
  GPtrArray *scores = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_store_score_free);
  GDate procedure;
  gboolean dated;

  g_return_val_if_fail (kase != NULL, NULL);

  dated = parse_date (kase->procedure_date, &procedure);
  for (guint s = 0; s < RAMUS_N_SCORES; s++)
    if (!isnan (kase->baseline.values[s]))
      {
        RamusStoreScore *score = g_new0 (RamusStoreScore, 1);
        score->case_id = g_strdup (kase->id ? kase->id : "");
        score->score = s;
        score->baseline = TRUE;
        score->value = kase->baseline.values[s];
        g_ptr_array_add (scores, score);
      }
  for (guint i = 0; kase->followups && i < kase->followups->len; i++)
    {
      const RamusFollowup *f = &g_array_index (kase->followups, RamusFollowup, i);
      GDate visit;
      int day;

      if (dated && parse_date (f->date, &visit))
        day = g_date_days_between (&procedure, &visit);
      else if (f->date == NULL && f->day != G_MININT)
        day = f->day;
      else
        continue;
      for (guint s = 0; s < RAMUS_N_SCORES; s++)
        if (!isnan (f->scores.values[s]))
          {
            RamusStoreScore *score = g_new0 (RamusStoreScore, 1);
            score->case_id = g_strdup (kase->id ? kase->id : "");
            score->score = s;
            score->day = day;
            score->value = f->scores.values[s];
            g_ptr_array_add (scores, score);
          }
    }
  return scores;
}

/* ---------------------------------------------------------------------- */
/* Charts                                                                 */

void
ramus_cohort_frame_to_user (const RamusCohortFrame *frame,
                            double                  x,
                            double                  y,
                            double                 *ux,
                            double                 *uy)
{
  g_return_if_fail (frame != NULL);

  if (ux)
    *ux = frame->left + (x - frame->x_min) / (frame->x_max - frame->x_min) * frame->width;
  if (uy)
    *uy = frame->top + (1 - (y - frame->y_min) / (frame->y_max - frame->y_min)) * frame->height;
}

typedef struct
{
  cairo_t *cr;
  const RamusTheme *theme;
  PangoLayout *layout;
  double font;
  RamusCohortFrame frame;
} Chart;

static void
set_color (cairo_t          *cr,
           const RamusColor *c,
           double            alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

/* Text with its box aligned at (@x, @y): 0 left/top, 0.5 centre, 1 right/bottom. */
static void
chart_text (Chart      *chart,
            const char *text,
            double      x,
            double      y,
            double      align_x,
            double      align_y)
{
  PangoRectangle ink, logical;

  pango_layout_set_text (chart->layout, text, -1);
  pango_layout_get_extents (chart->layout, &ink, &logical);
  cairo_move_to (chart->cr, x - align_x * logical.width / (double) PANGO_SCALE,
                 y - align_y * logical.height / (double) PANGO_SCALE);
  set_color (chart->cr, &chart->theme->label, 1);
  pango_cairo_show_layout (chart->cr, chart->layout);
}

/* A step of 1, 2 or 5 × 10^k giving about five intervals. */
static double
nice_step (double range)
{
  double raw = range / 5, magnitude, fraction;

  if (!(raw > 0))
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
}

static double
axis_max (const RamusScoreInfo *info,
          double                data_max)
{
  double step;

  if (info->max < G_MAXDOUBLE)
    return info->max;
  /* An open-ended score (AFP, PIVKA-II): up to the next tick above the data. */
  if (!(data_max > info->min))
    return info->min + 1;
  step = nice_step (data_max - info->min);
  return info->min + ceil ((data_max - info->min) * 1.05 / step) * step;
}

static char *
score_title (RamusScore score)
{
  const RamusScoreInfo *info = ramus_score_get_info (score);

  if (info->unit && *info->unit)
    return g_strdup_printf ("%s (%s)", ramus_score_info_get_name (info), info->unit);
  return g_strdup (ramus_score_info_get_name (info));
}

static void
chart_begin (Chart        *chart,
             cairo_t      *cr,
             double        width,
             double        height,
             RamusThemeId  theme,
             guint         bottom_lines)
{
  PangoFontDescription *font;
  PangoContext *context;
  cairo_font_options_t *options;

  chart->cr = cr;
  chart->theme = ramus_theme_get (theme);
  chart->font = CLAMP (MIN (width, height) / 22, 7, 13);

  /* Unhinted metrics, so the screen, PDF and print lay out alike. */
  context = pango_cairo_create_context (cr);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  chart->layout = pango_layout_new (context);
  g_object_unref (context);
  font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (font, chart->font * PANGO_SCALE);
  pango_layout_set_font_description (chart->layout, font);
  pango_font_description_free (font);

  chart->frame.left = chart->font * 4;
  chart->frame.top = chart->font * 2.6;
  chart->frame.width = MAX (width - chart->frame.left - chart->font * 2.5, 1);
  chart->frame.height = MAX (height - chart->frame.top - chart->font * (1.2 + 1.5 * bottom_lines), 1);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  set_color (cr, &chart->theme->background, 1);
  cairo_paint (cr);
}

static void
chart_end (Chart            *chart,
           RamusCohortFrame *frame)
{
  cairo_restore (chart->cr);
  g_clear_object (&chart->layout);
  if (frame)
    *frame = chart->frame;
}

/* Horizontal grid lines with their values, and the two axes. */
static void
chart_y_axis (Chart *chart)
{
  const RamusCohortFrame *f = &chart->frame;
  double step = nice_step (f->y_max - f->y_min);
  cairo_t *cr = chart->cr;

  double v;

  cairo_set_line_width (cr, MAX (chart->font / 14, 0.5));
  for (v = ceil (f->y_min / step) * step; v <= f->y_max + step * 1e-9; v += step)
    {
      char label[32];
      double y;

      ramus_cohort_frame_to_user (f, f->x_min, v, NULL, &y);
      set_color (cr, &chart->theme->leader, 0.25);
      cairo_move_to (cr, f->left, y);
      cairo_line_to (cr, f->left + f->width, y);
      cairo_stroke (cr);
      g_snprintf (label, sizeof label, "%g", v);
      chart_text (chart, label, f->left - chart->font * 0.5, y, 1, 0.5);
    }
  /* The top of a scale that is not a round number (WOMAC's 96). */
  if (f->y_max - (v - step) > step / 2)
    {
      char label[32];
      double y;

      ramus_cohort_frame_to_user (f, f->x_min, f->y_max, NULL, &y);
      g_snprintf (label, sizeof label, "%g", f->y_max);
      chart_text (chart, label, f->left - chart->font * 0.5, y, 1, 0.5);
    }
  set_color (cr, &chart->theme->leader, 1);
  cairo_move_to (cr, f->left, f->top);
  cairo_line_to (cr, f->left, f->top + f->height);
  cairo_line_to (cr, f->left + f->width, f->top + f->height);
  cairo_stroke (cr);
}

static void
chart_marker (Chart  *chart,
              double  x,
              double  y,
              gboolean hollow)
{
  cairo_t *cr = chart->cr;
  double ux, uy, r = chart->font * 0.4;

  ramus_cohort_frame_to_user (&chart->frame, x, y, &ux, &uy);
  cairo_new_sub_path (cr);
  cairo_arc (cr, ux, uy, r, 0, 2 * G_PI);
  if (hollow)
    {
      set_color (cr, &chart->theme->background, 1);
      cairo_fill_preserve (cr);
      set_color (cr, &chart->theme->target_fill, 1);
      cairo_set_line_width (cr, r * 0.5);
      cairo_stroke (cr);
    }
  else
    {
      set_color (cr, &chart->theme->target_fill, 1);
      cairo_fill (cr);
    }
}

static void
chart_empty (Chart      *chart,
             RamusScore  score)
{
  g_autofree char *text = NULL;
  const RamusCohortFrame *f = &chart->frame;

  /* TRANSLATORS: %s is a score name, e.g. "WOMAC". */
  text = g_strdup_printf (_("No %s recorded"), ramus_score_info_get_name (ramus_score_get_info (score)));
  chart_text (chart, text, f->left + f->width / 2, f->top + f->height / 2, 0.5, 0.5);
}

typedef struct
{
  int day;
  double value;
  gboolean baseline;
} Point;

static gint
compare_points (gconstpointer a,
                gconstpointer b)
{
  const Point *p = a, *q = b;

  if (p->day != q->day)
    return p->day < q->day ? -1 : 1;
  return q->baseline - p->baseline;
}

/**
 * ramus_cohort_draw_case:
 * @frame: (out) (optional): where the data went
 *
 * Draws one score of one case over time: days from the procedure across,
 * the score's range up; the baseline is a hollow marker at day 0.
 */
void
ramus_cohort_draw_case (const RamusCase  *kase,
                        cairo_t          *cr,
                        double            width,
                        double            height,
                        RamusScore        score,
                        RamusThemeId      theme,
                        RamusCohortFrame *frame)
{
  static const int tick_months[] = { 0, 1, 3, 6, 12 };
  const RamusScoreInfo *info;
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Point));
  g_autofree char *title = NULL;
  Chart chart = { 0 };
  double data_max = -G_MAXDOUBLE;
  int first = 0, last = 365;

  g_return_if_fail (kase != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (score < RAMUS_N_SCORES);

  info = ramus_score_get_info (score);
  scores = ramus_cohort_scores_for_case (kase);
  for (guint i = 0; i < scores->len; i++)
    {
      const RamusStoreScore *s = g_ptr_array_index (scores, i);
      Point p = { s->day, s->value, s->baseline };

      if (s->score != score)
        continue;
      g_array_append_val (points, p);
      data_max = MAX (data_max, s->value);
      first = MIN (first, s->day);
      last = MAX (last, s->day);
    }
  g_array_sort (points, compare_points);

  chart_begin (&chart, cr, width, height, theme, 2);
  /* A little room either side so no marker sits on an axis. */
  chart.frame.x_min = first - (last - first) * 0.03;
  chart.frame.x_max = last + (last - first) * 0.03;
  chart.frame.y_min = info->min;
  chart.frame.y_max = axis_max (info, data_max);

  title = score_title (score);
  chart_text (&chart, title, chart.frame.left, chart.font * 0.6, 0, 0);
  chart_y_axis (&chart);

  /* Months along the bottom; beyond a year, every six months. */
  for (int m = 0; m * 30.4375 <= last + 1; m = m < 12 ? m + 1 : m + 6)
    {
      gboolean labelled = FALSE;
      double ux;

      for (guint i = 0; i < G_N_ELEMENTS (tick_months); i++)
        labelled |= tick_months[i] == m;
      labelled |= m > 12;
      if (!labelled)
        continue;
      ramus_cohort_frame_to_user (&chart.frame, round (m * 30.4375), chart.frame.y_min, &ux, NULL);
      set_color (cr, &chart.theme->leader, 1);
      cairo_move_to (cr, ux, chart.frame.top + chart.frame.height);
      cairo_line_to (cr, ux, chart.frame.top + chart.frame.height + chart.font * 0.3);
      cairo_stroke (cr);
      {
        g_autofree char *label = g_strdup_printf ("%d", m);
        chart_text (&chart, label, ux, chart.frame.top + chart.frame.height + chart.font * 0.4, 0.5, 0);
      }
    }
  chart_text (&chart, _("Months after the procedure"), chart.frame.left + chart.frame.width / 2,
              chart.frame.top + chart.frame.height + chart.font * 1.9, 0.5, 0);

  if (points->len == 0)
    chart_empty (&chart, score);
  else
    {
      set_color (cr, &chart.theme->route, 1);
      cairo_set_line_width (cr, chart.font * 0.18);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < points->len; i++)
        {
          const Point *p = &g_array_index (points, Point, i);
          double ux, uy;
          ramus_cohort_frame_to_user (&chart.frame, p->day, p->value, &ux, &uy);
          if (i == 0)
            cairo_move_to (cr, ux, uy);
          else
            cairo_line_to (cr, ux, uy);
        }
      cairo_stroke (cr);
      for (guint i = 0; i < points->len; i++)
        {
          const Point *p = &g_array_index (points, Point, i);
          chart_marker (&chart, p->day, p->value, p->baseline);
        }
    }
  chart_end (&chart, frame);
}

/**
 * ramus_cohort_draw:
 * @frame: (out) (optional): where the data went; x is the time point index
 *
 * Draws one score of the cohort: the median at each time point joined by a
 * line, the interquartile range as a bar, and n under each time point.
 */
void
ramus_cohort_draw (const RamusCohort *self,
                   cairo_t           *cr,
                   double             width,
                   double             height,
                   RamusScore         score,
                   RamusThemeId       theme,
                   RamusCohortFrame  *frame)
{
  const RamusScoreInfo *info;
  g_autofree char *title = NULL;
  g_autofree char *heading = NULL;
  Chart chart = { 0 };
  double data_max = -G_MAXDOUBLE;
  gboolean drawing = FALSE;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (score < RAMUS_N_SCORES);

  info = ramus_score_get_info (score);
  for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
    if (self->cells[score][t].n > 0)
      data_max = MAX (data_max, self->cells[score][t].q3);

  chart_begin (&chart, cr, width, height, theme, 2);
  chart.frame.x_min = -0.5;
  chart.frame.x_max = RAMUS_N_TIMEPOINTS - 0.5;
  chart.frame.y_min = info->min;
  chart.frame.y_max = axis_max (info, data_max);

  title = score_title (score);
  /* TRANSLATORS: a chart title; %s is a score, e.g. "WOMAC". */
  heading = g_strdup_printf (_("%s: median and interquartile range"), title);
  chart_text (&chart, heading, chart.frame.left, chart.font * 0.6, 0, 0);
  chart_y_axis (&chart);

  for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
    {
      const RamusCohortCell *cell = &self->cells[score][t];
      g_autofree char *n = g_strdup_printf ("n = %u", cell->n);
      double ux, bottom = chart.frame.top + chart.frame.height;

      ramus_cohort_frame_to_user (&chart.frame, t, chart.frame.y_min, &ux, NULL);
      chart_text (&chart, ramus_timepoint_get_name (t), ux, bottom + chart.font * 0.4, 0.5, 0);
      chart_text (&chart, n, ux, bottom + chart.font * 1.9, 0.5, 0);
    }

  if (!ramus_cohort_has_score (self, score))
    chart_empty (&chart, score);
  else
    {
      cairo_t *c = cr;

      /* Interquartile bars, then the medians' line (broken where a time
       * point has no data), then the markers on top. */
      cairo_set_line_width (c, chart.font * 0.14);
      for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
        {
          const RamusCohortCell *cell = &self->cells[score][t];
          double ux, y1, y3, cap = chart.font * 0.4;

          if (cell->n < 2)
            continue;
          ramus_cohort_frame_to_user (&chart.frame, t, cell->q1, &ux, &y1);
          ramus_cohort_frame_to_user (&chart.frame, t, cell->q3, NULL, &y3);
          set_color (c, &chart.theme->leader, 1);
          cairo_move_to (c, ux, y1);
          cairo_line_to (c, ux, y3);
          cairo_move_to (c, ux - cap, y1);
          cairo_line_to (c, ux + cap, y1);
          cairo_move_to (c, ux - cap, y3);
          cairo_line_to (c, ux + cap, y3);
          cairo_stroke (c);
        }
      set_color (c, &chart.theme->route, 1);
      cairo_set_line_width (c, chart.font * 0.18);
      for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
        {
          const RamusCohortCell *cell = &self->cells[score][t];
          double ux, uy;

          if (cell->n == 0)
            {
              drawing = FALSE;
              continue;
            }
          ramus_cohort_frame_to_user (&chart.frame, t, cell->median, &ux, &uy);
          if (drawing)
            cairo_line_to (c, ux, uy);
          else
            cairo_move_to (c, ux, uy);
          drawing = TRUE;
        }
      cairo_stroke (c);
      for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
        if (self->cells[score][t].n > 0)
          chart_marker (&chart, t, self->cells[score][t].median, FALSE);
    }
  chart_end (&chart, frame);
}
