/* ramus-atlas-source.h — the text form of the atlas, parsed into blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One `key = value` line (continuations already joined). */
typedef struct
{
  char *key;
  char *value;
  guint line;
} RamusAtlasEntry;

/* One `[kind id]` block and its entries, with where it was written. */
typedef struct
{
  char *kind;
  char *id;
  const char *file;   /* interned */
  guint line;
  GPtrArray *entries; /* of RamusAtlasEntry */
} RamusAtlasBlock;

#define RAMUS_ATLAS_SOURCE_ERROR (ramus_atlas_source_error_quark ())
GQuark ramus_atlas_source_error_quark (void);

typedef enum
{
  RAMUS_ATLAS_SOURCE_ERROR_SYNTAX,
} RamusAtlasSourceError;

void                   ramus_atlas_block_free      (RamusAtlasBlock *block);
const RamusAtlasEntry *ramus_atlas_block_find      (const RamusAtlasBlock *block,
                                                    const char            *key);
const char            *ramus_atlas_block_get       (const RamusAtlasBlock *block,
                                                    const char            *key);

gboolean               ramus_atlas_source_parse    (const char  *file_name,
                                                    const char  *text,
                                                    gsize        length,
                                                    GPtrArray   *blocks,
                                                    GPtrArray   *errors);

gboolean               ramus_atlas_id_is_valid     (const char *id);
char                 **ramus_atlas_split_list      (const char *value,
                                                    char        separator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusAtlasBlock, ramus_atlas_block_free)

G_END_DECLS
