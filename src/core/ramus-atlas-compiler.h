/* ramus-atlas-compiler.h — validates the atlas sources and writes the
 * read-only SQLite atlas bundled with Ramus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bumped whenever the compiled schema changes; the loader refuses others. */
#define RAMUS_ATLAS_SCHEMA_VERSION 1

typedef struct _RamusAtlasCompiler RamusAtlasCompiler;

RamusAtlasCompiler *ramus_atlas_compiler_new         (void);
void                ramus_atlas_compiler_free        (RamusAtlasCompiler *self);

gboolean            ramus_atlas_compiler_load_hra    (RamusAtlasCompiler  *self,
                                                      const char          *csv_path,
                                                      GError             **error);
void                ramus_atlas_compiler_add_text    (RamusAtlasCompiler *self,
                                                      const char         *file_name,
                                                      const char         *text);
gboolean            ramus_atlas_compiler_add_file    (RamusAtlasCompiler  *self,
                                                      const char          *path,
                                                      GError             **error);

gboolean            ramus_atlas_compiler_check       (RamusAtlasCompiler *self);
gboolean            ramus_atlas_compiler_write       (RamusAtlasCompiler  *self,
                                                      const char          *db_path,
                                                      GError             **error);

/* "file:line: message" strings, in the order found. */
GPtrArray          *ramus_atlas_compiler_get_errors  (RamusAtlasCompiler *self);
guint               ramus_atlas_compiler_count       (RamusAtlasCompiler *self,
                                                      const char         *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusAtlasCompiler, ramus_atlas_compiler_free)

G_END_DECLS
