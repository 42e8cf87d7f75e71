/* ramus-window.h — the main window: region, side and variant choosers, the
 * searchable vessel tree and the details of the selected vessel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ramus-atlas.h"

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

G_END_DECLS
