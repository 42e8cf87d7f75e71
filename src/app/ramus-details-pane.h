/* ramus-details-pane.h — everything the atlas knows about one vessel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ramus-atlas.h"
#include "ramus-name-style.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_DETAILS_PANE (ramus_details_pane_get_type ())
G_DECLARE_FINAL_TYPE (RamusDetailsPane, ramus_details_pane, RAMUS, DETAILS_PANE, GtkWidget)

GtkWidget         *ramus_details_pane_new         (void);
void               ramus_details_pane_show        (RamusDetailsPane   *self,
                                                   RamusAtlas         *atlas,
                                                   const RamusVessel  *vessel,
                                                   RamusSide           side,
                                                   const RamusVariant *variant,
                                                   RamusNameStyle      style);
const RamusVessel *ramus_details_pane_get_vessel  (RamusDetailsPane   *self);
const char        *ramus_details_pane_get_title   (RamusDetailsPane   *self);

G_END_DECLS
