/* ramus-cohort-view.h — the outcomes of a region and procedure: the median
 * and n of each score at baseline, 1, 3, 6 and 12 months, charted and in a
 * table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ramus-cohort.h"
#include "ramus-store.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_COHORT_VIEW (ramus_cohort_view_get_type ())
G_DECLARE_FINAL_TYPE (RamusCohortView, ramus_cohort_view, RAMUS, COHORT_VIEW, GtkWidget)

GtkWidget         *ramus_cohort_view_new          (void);
RamusStore        *ramus_cohort_view_get_store    (RamusCohortView *self);
void               ramus_cohort_view_set_store    (RamusCohortView *self,
                                                   RamusStore      *store);
const char        *ramus_cohort_view_get_region   (RamusCohortView *self);
gboolean           ramus_cohort_view_set_region   (RamusCohortView *self,
                                                   const char      *region);
const char        *ramus_cohort_view_get_template (RamusCohortView *self);
gboolean           ramus_cohort_view_set_template (RamusCohortView *self,
                                                   const char      *template_id);
RamusScore         ramus_cohort_view_get_score    (RamusCohortView *self);
void               ramus_cohort_view_set_score    (RamusCohortView *self,
                                                   RamusScore       score);
const RamusCohort *ramus_cohort_view_get_cohort   (RamusCohortView *self);
void               ramus_cohort_view_refresh      (RamusCohortView *self);

G_END_DECLS
