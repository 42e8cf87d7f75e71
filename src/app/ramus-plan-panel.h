/* ramus-plan-panel.h — the plan beside the canvas: case, side, access with
 * the routes compared, targets, candidate feeders, devices, doses and
 * warnings, every edit undoable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ramus-name-style.h"
#include "ramus-plan.h"

G_BEGIN_DECLS

/* The radius a pain mark gets unless the operator changes it. */
#define RAMUS_PLAN_PANEL_PAIN_RADIUS_MM 8.0

#define RAMUS_TYPE_PLAN_PANEL (ramus_plan_panel_get_type ())
G_DECLARE_FINAL_TYPE (RamusPlanPanel, ramus_plan_panel, RAMUS, PLAN_PANEL, GtkWidget)

GtkWidget  *ramus_plan_panel_new              (RamusPlan         *plan);
RamusPlan  *ramus_plan_panel_get_plan         (RamusPlanPanel    *self);
void        ramus_plan_panel_set_plan         (RamusPlanPanel    *self,
                                               RamusPlan         *plan);
void        ramus_plan_panel_set_name_style   (RamusPlanPanel    *self,
                                               RamusNameStyle     style);
gboolean    ramus_plan_panel_get_pain_mode    (RamusPlanPanel    *self);
void        ramus_plan_panel_set_pain_mode    (RamusPlanPanel    *self,
                                               gboolean           pain_mode);
double      ramus_plan_panel_get_pain_radius  (RamusPlanPanel    *self);

gboolean    ramus_plan_panel_toggle_target    (RamusPlanPanel    *self,
                                               const RamusVessel *vessel,
                                               GError           **error);
gboolean    ramus_plan_panel_add_pain_point   (RamusPlanPanel    *self,
                                               double             x_mm,
                                               double             y_mm,
                                               double             radius_mm,
                                               GError           **error);
void        ramus_plan_panel_get_overlay      (RamusPlanPanel    *self,
                                               GPtrArray        **route,
                                               GPtrArray        **targets);
GtkWidget  *ramus_plan_panel_show_case_form   (RamusPlanPanel    *self,
                                               const char        *section);

G_END_DECLS
