/* ramus-vessel-row.h — a row of the vessel tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ramus-name-style.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_VESSEL_ROW (ramus_vessel_row_get_type ())
G_DECLARE_FINAL_TYPE (RamusVesselRow, ramus_vessel_row, RAMUS, VESSEL_ROW, GtkWidget)

GtkWidget  *ramus_vessel_row_new        (void);
void        ramus_vessel_row_bind       (RamusVesselRow *self,
                                         GtkTreeListRow *tree_row,
                                         RamusNameStyle  style);
void        ramus_vessel_row_unbind     (RamusVesselRow *self);
const char *ramus_vessel_row_get_title  (RamusVesselRow *self);

const char *ramus_vessel_kind_label     (RamusVesselKind kind);

G_END_DECLS
