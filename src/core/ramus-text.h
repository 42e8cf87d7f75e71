/* ramus-text.h — text folding and approximate matching for names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *ramus_text_fold           (const char *text);
guint  ramus_text_edit_distance  (const char *a,
                                  const char *b,
                                  guint       limit);

G_END_DECLS
