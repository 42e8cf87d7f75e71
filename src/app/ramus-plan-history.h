/* ramus-plan-history.h — undo and redo of a plan for the widgets that edit it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ramus-plan.h"

G_BEGIN_DECLS

void ramus_plan_history_install_actions      (GtkWidgetClass *widget_class);
void ramus_plan_history_add_window_shortcuts (GtkWidget      *widget);
void ramus_plan_history_update_actions       (GtkWidget      *widget,
                                              RamusPlan      *plan);

G_END_DECLS
