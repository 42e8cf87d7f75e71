/* test-tile-blit.c — tiles copied into a frame on every core land exactly
 * where cairo would paint them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-tile-blit.h"

#include <string.h>

#define TILE 64

/* A tile whose every pixel says which tile and where in it. */
static cairo_surface_t *
patterned_tile (guint id)
{
  cairo_surface_t *tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE, TILE);
  guchar *data = cairo_image_surface_get_data (tile);
  int stride = cairo_image_surface_get_stride (tile);

  for (int y = 0; y < TILE; y++)
    for (int x = 0; x < TILE; x++)
      *(guint32 *) (void *) (data + y * stride + x * 4) = 0xff000000u | (id << 16) | ((guint) y << 8) | (guint) x;
  cairo_surface_mark_dirty (tile);
  return tile;
}

/* Both frames, pixel for pixel. */
static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a);
  int row_bytes = cairo_image_surface_get_width (a) * 4;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < h; y++)
    g_assert_cmpmem (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a), row_bytes,
                     cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b), row_bytes);
}

/* A grid of tiles offset by a pan (partly off every edge), copied on
 * @n_threads, against cairo painting the same tiles. */
static void
check_grid (guint n_threads,
            int   width,
            int   height,
            int   offset_x,
            int   offset_y)
{
  g_autoptr(RamusTileBlitter) blitter = ramus_tile_blitter_new (n_threads);
  cairo_surface_t *copied = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_t *painted = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr(GArray) tiles = g_array_new (FALSE, FALSE, sizeof (RamusTileBlit));
  cairo_t *cr = cairo_create (painted);
  guint id = 1;

  /* Listed column by column, so the blitter has to sort them. */
  for (int x = offset_x - TILE; x < width; x += TILE)
    for (int y = offset_y - TILE; y < height; y += TILE)
      {
        RamusTileBlit tile = { patterned_tile (id++ & 0xff), x, y };
        g_array_append_val (tiles, tile);
        cairo_set_source_surface (cr, tile.surface, x, y);
        cairo_paint (cr);
      }
  cairo_destroy (cr);

  ramus_tile_blitter_copy (blitter, copied, (RamusTileBlit *) (void *) tiles->data, tiles->len);
  assert_same_pixels (copied, painted);

  for (guint i = 0; i < tiles->len; i++)
    cairo_surface_destroy (g_array_index (tiles, RamusTileBlit, i).surface);
  cairo_surface_destroy (copied);
  cairo_surface_destroy (painted);
}

static void
test_one_band (void)
{
  check_grid (1, 200, 150, 13, 29);
}

static void
test_bands_on_threads (void)
{
  /* Large enough to be cut into bands; the seams fall inside tiles. */
  check_grid (2, 2560, 1441, 7, 3);
  check_grid (3, 2600, 1500, 0, 0);
  check_grid (4, 1441, 2561, 63, 1);
}

/* Pixels no tile covers keep what the frame had. */
static void
test_uncovered_pixels_kept (void)
{
  g_autoptr(RamusTileBlitter) blitter = ramus_tile_blitter_new (2);
  cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 600);
  RamusTileBlit tile = { patterned_tile (7), 500, 570 };
  cairo_t *cr = cairo_create (frame);
  guchar *data;
  int stride;

  cairo_set_source_rgb (cr, 0, 0, 1);
  cairo_paint (cr);
  cairo_destroy (cr);

  ramus_tile_blitter_copy (blitter, frame, &tile, 1);
  cairo_surface_flush (frame);
  data = cairo_image_surface_get_data (frame);
  stride = cairo_image_surface_get_stride (frame);
  g_assert_cmphex (*(guint32 *) (void *) (data + 569 * stride + 500 * 4), ==, 0xff0000ff);
  g_assert_cmphex (*(guint32 *) (void *) (data + 570 * stride + 499 * 4), ==, 0xff0000ff);
  g_assert_cmphex (*(guint32 *) (void *) (data + 570 * stride + 500 * 4), ==, 0xff070000);
  g_assert_cmphex (*(guint32 *) (void *) (data + 599 * stride + 563 * 4), ==, 0xff071d3f);
  cairo_surface_destroy (tile.surface);
  cairo_surface_destroy (frame);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tile-blit/one-band", test_one_band);
  g_test_add_func ("/tile-blit/bands-on-threads", test_bands_on_threads);
  g_test_add_func ("/tile-blit/uncovered-pixels-kept", test_uncovered_pixels_kept);
  return g_test_run ();
}
