/* ramus-window.h — the main window: region, side and variant choosers, the
 * searchable vessel tree and the details of the selected vessel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ramus-atlas.h"
#include "ramus-library-view.h"
#include "ramus-plan-panel.h"
#include "ramus-print.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_WINDOW (ramus_window_get_type ())
G_DECLARE_FINAL_TYPE (RamusWindow, ramus_window, RAMUS, WINDOW, AdwApplicationWindow)

RamusWindow       *ramus_window_new                 (GtkApplication *application);
gboolean           ramus_window_select_vessel       (RamusWindow    *self,
                                                     const char     *id);
const RamusVessel *ramus_window_get_selected_vessel (RamusWindow    *self);
const char        *ramus_window_get_region          (RamusWindow    *self);
const RamusVariant *ramus_window_get_variant        (RamusWindow    *self);
const RamusVariant *ramus_window_get_chosen_variant (RamusWindow    *self,
                                                     const char     *group);

gboolean            ramus_window_get_planning       (RamusWindow    *self);
void                ramus_window_set_planning       (RamusWindow    *self,
                                                     gboolean        planning);
RamusPlan          *ramus_window_get_plan           (RamusWindow    *self);
RamusPlanPanel     *ramus_window_get_plan_panel     (RamusWindow    *self);
void                ramus_window_open_case          (RamusWindow     *self,
                                                     const RamusCase *kase);
RamusPrint         *ramus_window_print              (RamusWindow             *self,
                                                     GtkPrintOperationAction  action,
                                                     const char              *export_filename);
GtkWindow          *ramus_window_show_preferences   (RamusWindow    *self);
gboolean            ramus_window_open_library       (RamusWindow    *self,
                                                     const char     *path,
                                                     GError        **error);
RamusLibraryView   *ramus_window_get_library_view   (RamusWindow    *self);
GtkWindow          *ramus_window_show_cases         (RamusWindow    *self);
GtkWindow          *ramus_window_show_cases_page    (RamusWindow    *self,
                                                     const char     *page);
gboolean            ramus_window_save               (RamusWindow    *self,
                                                     GError        **error);

G_END_DECLS
