/* ramus-case-item.h — one case in the library list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ramus-store.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_CASE_ITEM (ramus_case_item_get_type ())
G_DECLARE_FINAL_TYPE (RamusCaseItem, ramus_case_item, RAMUS, CASE_ITEM, GObject)

RamusCaseItem        *ramus_case_item_new               (RamusStoreItem *item);
const RamusStoreItem *ramus_case_item_get_item          (RamusCaseItem  *self);
const char           *ramus_case_item_get_id            (RamusCaseItem  *self);
const char           *ramus_case_item_get_last_followup (RamusCaseItem  *self,
                                                         RamusStore     *store);

G_END_DECLS
