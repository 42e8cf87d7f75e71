/* ramus-library-util.h — small helpers shared by the case library widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ramus-atlas.h"

G_BEGIN_DECLS

const char *ramus_region_display_name   (const char  *region_id);
const char *ramus_side_display_name     (RamusSide    side);
void        ramus_drop_down_set_compact (GtkDropDown *dropdown);

G_END_DECLS
