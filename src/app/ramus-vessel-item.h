/* ramus-vessel-item.h — one vessel in the region tree model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ramus-atlas.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_VESSEL_ITEM (ramus_vessel_item_get_type ())
G_DECLARE_FINAL_TYPE (RamusVesselItem, ramus_vessel_item, RAMUS, VESSEL_ITEM, GObject)

RamusVesselItem   *ramus_vessel_item_new           (const RamusVessel *vessel,
                                                    gboolean           match);
const RamusVessel *ramus_vessel_item_get_vessel    (RamusVesselItem   *self);
gboolean           ramus_vessel_item_get_match     (RamusVesselItem   *self);
GListStore        *ramus_vessel_item_get_children  (RamusVesselItem   *self);
void               ramus_vessel_item_add_child     (RamusVesselItem   *self,
                                                    RamusVesselItem   *child);

G_END_DECLS
