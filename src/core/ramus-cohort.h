/* ramus-cohort.h — follow-up statistics and their charts: a score over time
 * for one case, and the median and n of a score at baseline, 1, 3, 6 and
 * 12 months for a region and procedure
 *
 * The charts draw on any cairo context (screen, PNG, SVG, PDF, the printed
 * sheet) inside a given width and height in user units.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ramus-case.h"
#include "ramus-store.h"
#include "ramus-theme.h"

G_BEGIN_DECLS

typedef enum
{
  RAMUS_TIMEPOINT_BASELINE,
  RAMUS_TIMEPOINT_1_MONTH,
  RAMUS_TIMEPOINT_3_MONTHS,
  RAMUS_TIMEPOINT_6_MONTHS,
  RAMUS_TIMEPOINT_12_MONTHS,
  RAMUS_N_TIMEPOINTS
} RamusTimepoint;

/* Which visits count at a time point, in days from the procedure. A
 * reporting convention of Ramus, not a clinical figure: each window runs
 * halfway to its neighbours' nominal days, and the 1-month window starts at
 * day 15 so that checks in the first two weeks are not counted as outcomes.
 * Each case counts once per time point: the visit nearest the nominal day
 * (the earlier of two as near). Baseline is the case's `baseline` score, or
 * failing that its last visit on or before the procedure day. */
typedef struct
{
  const char *key;                 /* "baseline", "1m", "3m", "6m", "12m" */
  const char *name;                /* untranslated; see ramus_timepoint_get_name() */
  int nominal_day;                 /* 0, 30, 91, 182, 365 */
  int first_day;                   /* inclusive; G_MININT for baseline */
  int last_day;                    /* inclusive */
} RamusTimepointInfo;

typedef struct
{
  guint n;                         /* cases with the score at this time point */
  double median;                   /* NAN when n is 0 */
  double q1;                       /* quartiles (linear interpolation) */
  double q3;
} RamusCohortCell;

typedef struct
{
  char *region;                    /* NULL: every region */
  char *template_id;               /* NULL: every procedure */
  guint n_cases;                   /* cases with at least one score */
  RamusCohortCell cells[RAMUS_N_SCORES][RAMUS_N_TIMEPOINTS];
} RamusCohort;

/* Where a chart put its data, so a caller (or a test) can find a point. */
typedef struct
{
  double left;                     /* the plot area, in user units */
  double top;
  double width;
  double height;
  double x_min;                    /* the data at its edges */
  double x_max;
  double y_min;
  double y_max;
} RamusCohortFrame;

const RamusTimepointInfo *ramus_timepoint_get_info      (RamusTimepoint  timepoint);
const char               *ramus_timepoint_get_name      (RamusTimepoint  timepoint);
gboolean                  ramus_timepoint_for_day       (int             day,
                                                         RamusTimepoint *timepoint);

RamusCohort              *ramus_cohort_new              (GPtrArray      *scores,
                                                         const char     *region,
                                                         const char     *template_id);
RamusCohort              *ramus_cohort_new_from_store   (RamusStore     *store,
                                                         const char     *region,
                                                         const char     *template_id,
                                                         GError        **error);
void                      ramus_cohort_free             (RamusCohort    *self);
gboolean                  ramus_cohort_has_score        (const RamusCohort *self,
                                                         RamusScore      score);

GPtrArray                *ramus_cohort_scores_for_case  (const RamusCase *kase);

void                      ramus_cohort_draw             (const RamusCohort *self,
                                                         cairo_t           *cr,
                                                         double             width,
                                                         double             height,
                                                         RamusScore         score,
                                                         RamusThemeId       theme,
                                                         RamusCohortFrame   *frame);
void                      ramus_cohort_draw_case        (const RamusCase   *kase,
                                                         cairo_t           *cr,
                                                         double             width,
                                                         double             height,
                                                         RamusScore         score,
                                                         RamusThemeId       theme,
                                                         RamusCohortFrame   *frame);
void                      ramus_cohort_frame_to_user    (const RamusCohortFrame *frame,
                                                         double                  x,
                                                         double                  y,
                                                         double                 *ux,
                                                         double                 *uy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusCohort, ramus_cohort_free)

G_END_DECLS
