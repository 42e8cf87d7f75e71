/* ramus-followup-view.h — the follow-up of one case: its visits with their
 * scores, and each score over time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ramus-cohort.h"
#include "ramus-store.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_FOLLOWUP_VIEW (ramus_followup_view_get_type ())
G_DECLARE_FINAL_TYPE (RamusFollowupView, ramus_followup_view, RAMUS, FOLLOWUP_VIEW, GtkWidget)

GtkWidget       *ramus_followup_view_new              (void);
RamusStore      *ramus_followup_view_get_store        (RamusFollowupView *self);
void             ramus_followup_view_set_store        (RamusFollowupView *self,
                                                       RamusStore        *store);
gboolean         ramus_followup_view_load_case        (RamusFollowupView *self,
                                                       const char        *id,
                                                       GError           **error);
void             ramus_followup_view_clear            (RamusFollowupView *self);
const RamusCase *ramus_followup_view_get_case         (RamusFollowupView *self);
const char      *ramus_followup_view_get_case_id      (RamusFollowupView *self);
gboolean         ramus_followup_view_get_unsaved      (RamusFollowupView *self);
const GError    *ramus_followup_view_get_save_error   (RamusFollowupView *self);
gboolean         ramus_followup_view_save_to          (RamusFollowupView *self,
                                                       const char        *path,
                                                       GError           **error);

RamusScore       ramus_followup_view_get_score        (RamusFollowupView *self);
void             ramus_followup_view_set_score        (RamusFollowupView *self,
                                                       RamusScore         score);
guint            ramus_followup_view_get_chart_points (RamusFollowupView *self,
                                                       RamusCohortFrame  *frame);

G_END_DECLS
