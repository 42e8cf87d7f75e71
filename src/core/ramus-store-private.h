/* ramus-store-private.h — for tests only: the store's SQLite connection, so
 * a test can cap its size (`PRAGMA max_page_count`) to simulate a full disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "ramus-store.h"

G_BEGIN_DECLS

sqlite3 *ramus_store_get_connection (RamusStore *self);

G_END_DECLS
