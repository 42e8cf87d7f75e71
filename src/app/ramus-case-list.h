/* ramus-case-list.h — the rows of the case library as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ramus-case-item.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_CASE_LIST (ramus_case_list_get_type ())
G_DECLARE_FINAL_TYPE (RamusCaseList, ramus_case_list, RAMUS, CASE_LIST, GObject)

RamusCaseList *ramus_case_list_new      (void);
void           ramus_case_list_set_rows (RamusCaseList *self,
                                         GPtrArray     *rows);
guint          ramus_case_list_find     (RamusCaseList *self,
                                         const char    *id);

G_END_DECLS
