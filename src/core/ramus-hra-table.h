/* ramus-hra-table.h — the HRA-VCCF vessel table (CC BY 4.0), read at build time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *vessel;        /* the Vessel column: the row's name */
  char *branches_from; /* its parent's name in HRA-VCCF */
  char *fma;
  char *uberon;
  char *ta_term;       /* TerminologiaAnatomica: the TA term, not a code */
} RamusHraRow;

typedef struct _RamusHraTable RamusHraTable;

RamusHraTable     *ramus_hra_table_load   (const char  *path,
                                           GError     **error);
const RamusHraRow *ramus_hra_table_lookup (RamusHraTable *table,
                                           const char    *vessel);
guint              ramus_hra_table_size   (RamusHraTable *table);
void               ramus_hra_table_free   (RamusHraTable *table);

char             **ramus_csv_parse_record (const char **cursor,
                                           const char  *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusHraTable, ramus_hra_table_free)

G_END_DECLS
