/* ramus-tile-cache.h — the static layers rasterised into tiles per zoom
 * level on worker threads, kept under a memory budget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ramus-render.h"

G_BEGIN_DECLS

#define RAMUS_TILE_SIZE 256

typedef struct _RamusTileCache RamusTileCache;

/* Called on the thread that created the cache when tiles have arrived. */
typedef void (*RamusTileReadyFunc) (gpointer user_data);

/* One tile to put on screen at @x, @y (pixels), @size pixels wide. */
typedef void (*RamusTileFunc) (cairo_surface_t *surface,
                               guint64          serial,
                               double           x,
                               double           y,
                               double           size,
                               gpointer         user_data);

RamusTileCache *ramus_tile_cache_new          (gsize               budget_bytes,
                                               guint               n_threads);
void            ramus_tile_cache_free         (RamusTileCache     *self);
void            ramus_tile_cache_set_ready_func (RamusTileCache     *self,
                                                 RamusTileReadyFunc  func,
                                                 gpointer            user_data);
gboolean        ramus_tile_cache_foreach      (RamusTileCache      *self,
                                               RamusRenderer       *renderer,
                                               const RamusViewport *vp,
                                               const RamusStyle    *style,
                                               RamusTileFunc        func,
                                               gpointer             user_data);
gboolean        ramus_tile_cache_draw         (RamusTileCache      *self,
                                               cairo_t             *cr,
                                               RamusRenderer       *renderer,
                                               const RamusViewport *vp,
                                               const RamusStyle    *style);
void            ramus_tile_cache_render_sync  (RamusTileCache      *self,
                                               RamusRenderer       *renderer,
                                               const RamusViewport *vp,
                                               const RamusStyle    *style);
void            ramus_tile_cache_clear        (RamusTileCache *self);
gsize           ramus_tile_cache_get_bytes    (RamusTileCache *self);
gsize           ramus_tile_cache_get_budget   (RamusTileCache *self);
guint           ramus_tile_cache_get_n_tiles  (RamusTileCache *self);

gint            ramus_tile_level_for_scale    (double scale);
double          ramus_tile_level_scale        (gint   level);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusTileCache, ramus_tile_cache_free)

G_END_DECLS
