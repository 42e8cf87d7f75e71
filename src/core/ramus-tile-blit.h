/* ramus-tile-blit.h — copies cached tiles into a frame on every core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Frames with more pixels than this are copied in bands on several cores. */
#define RAMUS_TILE_BLIT_BANDED_MIN_PIXELS (2560 * 1440)

/* One square tile image to copy, its top-left corner at whole pixels. */
typedef struct
{
  cairo_surface_t *surface;
  int x;
  int y;
} RamusTileBlit;

typedef struct _RamusTileBlitter RamusTileBlitter;

RamusTileBlitter *ramus_tile_blitter_new  (guint                n_threads);
void              ramus_tile_blitter_free (RamusTileBlitter    *self);
void              ramus_tile_blitter_copy (RamusTileBlitter    *self,
                                           cairo_surface_t     *target,
                                           RamusTileBlit       *tiles,
                                           guint                n_tiles);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusTileBlitter, ramus_tile_blitter_free)

G_END_DECLS
