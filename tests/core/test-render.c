/* test-render.c — viewport maths, tile cache, hit testing, labels, and the
 * drawings of every region against reference images
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-render.h"
#include "ramus-tile-cache.h"
#include "ramus-labels.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static void
test_viewport_zoom_keeps_anchor (void)
{
  RamusViewport vp = { .cx = 0, .cy = 0, .scale = 1, .width = 800, .height = 600 };
  double x0, y0, x1, y1;

  for (int mirror = 0; mirror < 2; mirror++)
    {
      vp.mirror = mirror;
      vp.mirror_axis = 37;
      ramus_viewport_to_world (&vp, 100, 50, &x0, &y0);
      ramus_viewport_zoom_at (&vp, 2.0, 100, 50);
      ramus_viewport_to_world (&vp, 100, 50, &x1, &y1);
      g_assert_cmpfloat_with_epsilon (x0, x1, 1e-9);
      g_assert_cmpfloat_with_epsilon (y0, y1, 1e-9);
      g_assert_cmpfloat (vp.scale, ==, 2.0);
      ramus_viewport_zoom_at (&vp, 0.5, 100, 50);
    }
}

static void
test_viewport_round_trips (void)
{
  RamusViewport vp = { .cx = 40, .cy = 120, .scale = 3.7, .width = 1024, .height = 768,
                       .mirror = TRUE, .mirror_axis = 75 };
  double wx, wy, sx, sy, mx;

  for (double x = -50; x < 200; x += 13.3)
    {
      ramus_viewport_to_screen (&vp, x, 33, &sx, &sy);
      ramus_viewport_to_world (&vp, sx, sy, &wx, &wy);
      g_assert_cmpfloat_with_epsilon (wx, x, 1e-9);
      g_assert_cmpfloat_with_epsilon (wy, 33, 1e-9);
    }
  /* Mirroring twice is the identity, and it reflects about the axis. */
  mx = ramus_viewport_mirror_x (&vp, ramus_viewport_mirror_x (&vp, 12.5));
  g_assert_cmpfloat_with_epsilon (mx, 12.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (ramus_viewport_mirror_x (&vp, 70), 80, 1e-12);

  /* Mirrored, a point right of the centre is shown left of it. */
  ramus_viewport_to_screen (&vp, vp.cx + 10, vp.cy, &sx, &sy);
  g_assert_cmpfloat (sx, <, vp.width / 2);
  vp.mirror = FALSE;
  ramus_viewport_to_screen (&vp, vp.cx + 10, vp.cy, &sx, &sy);
  g_assert_cmpfloat (sx, >, vp.width / 2);
}

static void
test_viewport_pan_and_fit (void)
{
  RamusViewport vp = { .cx = 0, .cy = 0, .scale = 2, .width = 400, .height = 300 };
  RamusRect world = { 10, 20, 100, 300 }, visible;
  double wx, wy, sx, sy;

  ramus_viewport_to_world (&vp, 200, 150, &wx, &wy);
  ramus_viewport_pan (&vp, 30, -10);
  ramus_viewport_to_screen (&vp, wx, wy, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, 230, 1e-9);
  g_assert_cmpfloat_with_epsilon (sy, 140, 1e-9);

  ramus_viewport_fit (&vp, &world, 0);
  ramus_viewport_visible_rect (&vp, &visible);
  g_assert_cmpfloat_with_epsilon (visible.height, 300, 1e-9);
  g_assert_cmpfloat (visible.width, >=, 100);
  g_assert_cmpfloat_with_epsilon (vp.cx, 60, 1e-9);
}

static void
test_tile_levels (void)
{
  for (double s = 0.07; s < 300; s *= 1.37)
    {
      gint level = ramus_tile_level_for_scale (s);
      double k = s / ramus_tile_level_scale (level);
      /* Never enlarged, never shrunk below 1/√2. */
      g_assert_cmpfloat (k, <=, 1 + 1e-9);
      g_assert_cmpfloat (k, >, M_SQRT1_2 - 1e-9);
    }
  g_assert_cmpint (ramus_tile_level_for_scale (1.0), ==, 0);
  g_assert_cmpint (ramus_tile_level_for_scale (2.0), ==, 2);
}

static void
test_tile_cache_budget (void)
{
  g_autoptr(RamusScene) scene = ramus_scene_new_stress (800, 3);
  g_autoptr(RamusRenderer) renderer = ramus_renderer_new (scene);
  gsize tile = RAMUS_TILE_SIZE * RAMUS_TILE_SIZE * 4;
  g_autoptr(RamusTileCache) cache = ramus_tile_cache_new (20 * tile, 2);
  RamusStyle style = { RAMUS_THEME_LIGHT, RAMUS_LAYERS_STATIC, RAMUS_LANG_EN };
  RamusViewport vp = { .cx = 500, .cy = 500, .scale = 1, .width = 1024, .height = 768 };
  cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1024, 768);
  cairo_t *cr = cairo_create (frame);

  /* 5 × 4 tiles a view: the budget holds one view. */
  ramus_tile_cache_render_sync (cache, renderer, &vp, &style);
  g_assert_cmpuint (ramus_tile_cache_get_n_tiles (cache), ==, 20);
  g_assert_true (ramus_tile_cache_draw (cache, cr, renderer, &vp, &style));

  /* Elsewhere: the old tiles are evicted, the budget holds. */
  for (int step = 0; step < 6; step++)
    {
      vp.cx += 300;
      ramus_tile_cache_render_sync (cache, renderer, &vp, &style);
      g_assert_cmpuint (ramus_tile_cache_get_bytes (cache), <=, ramus_tile_cache_get_budget (cache));
    }
  /* The latest view is whole; the first one is gone. */
  g_assert_true (ramus_tile_cache_draw (cache, cr, renderer, &vp, &style));
  vp.cx = 500;
  g_assert_false (ramus_tile_cache_draw (cache, cr, renderer, &vp, &style));

  cairo_destroy (cr);
  cairo_surface_destroy (frame);
}

/* A tile drawn through the cache equals the same view drawn directly. */
static void
test_tiles_match_direct (void)
{
  g_autoptr(RamusScene) scene = ramus_scene_new_stress (600, 5);
  g_autoptr(RamusRenderer) renderer = ramus_renderer_new (scene);
  g_autoptr(RamusTileCache) cache = ramus_tile_cache_new (64 << 20, 2);
  RamusStyle style = { RAMUS_THEME_LIGHT, RAMUS_LAYERS_STATIC, RAMUS_LANG_EN };
  RamusViewport vp = { .cx = 500, .cy = 300, .scale = 2, .width = 512, .height = 512,
                       .mirror = TRUE, .mirror_axis = 500 };
  cairo_surface_t *a = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 512, 512);
  cairo_surface_t *b = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 512, 512);
  cairo_t *cr;
  guint differ = 0;

  ramus_tile_cache_render_sync (cache, renderer, &vp, &style);
  cr = cairo_create (a);
  g_assert_true (ramus_tile_cache_draw (cache, cr, renderer, &vp, &style));
  cairo_destroy (cr);
  cr = cairo_create (b);
  ramus_renderer_draw_static (renderer, cr, &vp, &style);
  cairo_destroy (cr);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < 512; y++)
    for (int x = 0; x < 512; x++)
      {
        guint32 pa = ((guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a)))[x];
        guint32 pb = ((guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b)))[x];
        for (int c = 0; c < 24; c += 8)
          if (ABS ((gint) ((pa >> c) & 0xff) - (gint) ((pb >> c) & 0xff)) > 48)
            {
              differ++;
              break;
            }
      }
  /* Antialiasing at tile seams may differ by a few pixels, nothing more. */
  g_assert_cmpuint (differ, <, 512 * 512 / 200);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

static void
test_hit_test (void)
{
  g_autoptr(RamusScene) scene = ramus_scene_new_stress (2000, 9);

  for (guint i = 0; i < ramus_scene_get_n_vessels (scene); i += 17)
    {
      const RamusSceneVessel *v = ramus_scene_get_vessel (scene, i);
      const RamusVertex *p = &g_array_index (v->points, RamusVertex, v->points->len / 2);
      gint hit = ramus_scene_hit_test (scene, p->x, p->y, 0.5);
      /* On the centreline: this vessel, or one drawn over it there. */
      g_assert_cmpint (hit, >=, 0);
      if (hit != (gint) i)
        {
          const RamusSceneVessel *w = ramus_scene_get_vessel (scene, hit);
          g_assert_cmpint (hit, >, (gint) i);
          g_assert_true (ramus_rect_contains_point (&w->bounds, p->x, p->y));
        }
    }
  /* Far from everything: nothing. */
  g_assert_cmpint (ramus_scene_hit_test (scene, -500, -500, 1.5), ==, -1);
}

static RamusAtlas *
atlas (void)
{
  g_autoptr(GError) error = NULL;
  RamusAtlas *a = ramus_atlas_get_default (&error);
  g_assert_no_error (error);
  return a;
}

/* A click on a vessel seen mirrored finds it, as the canvas does. */
static void
test_hit_test_mirrored (void)
{
  for (guint r = 0; r < ramus_atlas_get_n_regions (atlas ()); r++)
    {
      const RamusRegion *region = ramus_atlas_get_region (atlas (), r);
      g_autoptr(RamusScene) scene = ramus_scene_new_for_region (atlas (), region->id, NULL, NULL);
      RamusViewport vp = { .width = 800, .height = 800, .mirror = TRUE };
      RamusRect bounds;

      if (scene == NULL)
        continue;
      ramus_scene_get_bounds (scene, &bounds);
      vp.mirror_axis = bounds.width / 2;
      ramus_viewport_fit (&vp, &bounds, 10);
      for (guint i = 0; i < ramus_scene_get_n_vessels (scene); i++)
        {
          const RamusSceneVessel *v = ramus_scene_get_vessel (scene, i);
          const RamusVertex *p = &g_array_index (v->points, RamusVertex, v->points->len / 2);
          double sx, sy, wx, wy;
          gint hit;

          ramus_viewport_to_screen (&vp, p->x, p->y, &sx, &sy);
          /* Mirrored: the vessel is shown on the other side of the centre. */
          g_assert_cmpfloat_with_epsilon (sx - vp.width / 2, -(p->x - vp.cx) * vp.scale, 1e-6);
          ramus_viewport_to_world (&vp, sx, sy, &wx, &wy);
          hit = ramus_scene_hit_test (scene, wx, wy, 4 / vp.scale);
          g_assert_cmpint (hit, >=, 0);
          /* The vessel clicked, or a smaller one drawn over it there. */
          g_assert_true (hit == (gint) i || hit > (gint) i);
        }
    }
}

static void
test_labels_never_overlap (void)
{
  for (guint r = 0; r < ramus_atlas_get_n_regions (atlas ()); r++)
    {
      const RamusRegion *region = ramus_atlas_get_region (atlas (), r);
      g_autoptr(RamusScene) scene = ramus_scene_new_for_region (atlas (), region->id, NULL, NULL);
      g_autoptr(RamusLabels) labels = ramus_labels_new ();
      RamusRect bounds;

      if (scene == NULL)
        continue;
      ramus_scene_get_bounds (scene, &bounds);
      for (double zoom = 0.5; zoom <= 4; zoom *= 2)
        for (RamusLang lang = 0; lang < RAMUS_N_LANGS; lang++)
          {
            RamusViewport vp = { .width = 1200, .height = 900, .mirror_axis = bounds.width / 2 };
            ramus_viewport_fit (&vp, &bounds, 10);
            ramus_viewport_zoom_at (&vp, zoom, 600, 450);
            ramus_labels_place (labels, scene, &vp, TRUE, lang, TRUE, 0);
            g_assert_false (ramus_labels_any_overlap (labels));
            for (guint i = 0; i < ramus_labels_get_n (labels); i++)
              {
                const RamusLabel *l = ramus_labels_get (labels, i);
                double dx, dy;
                ramus_labels_to_screen (labels, &vp, &dx, &dy);
                /* Whole inside the view. */
                g_assert_cmpfloat (l->x + dx, >=, -1e-6);
                g_assert_cmpfloat (l->y + dy, >=, -1e-6);
                g_assert_cmpfloat (l->x + dx + l->width, <=, vp.width + 1e-6);
                g_assert_cmpfloat (l->y + dy + l->height, <=, vp.height + 1e-6);
              }
            /* Zoomed in, there is room for the selected vessel's name. */
            if (zoom >= 1)
              g_assert_cmpuint (ramus_labels_get_n (labels), >, 0);
          }
    }
}

static cairo_surface_t *
render_region (const char *region,
               RamusThemeId theme,
               gboolean     mirror)
{
  g_autoptr(RamusScene) scene = ramus_scene_new_for_region (atlas (), region, NULL, NULL);
  g_autoptr(RamusRenderer) renderer = NULL;
  RamusStyle style = { theme, RAMUS_LAYERS_DEFAULT, RAMUS_LANG_EN };
  RamusOverlay overlay = RAMUS_OVERLAY_INIT;
  RamusViewport vp = { .width = 480, .height = 480, .mirror = mirror };
  cairo_surface_t *surface;
  RamusRect bounds;
  cairo_t *cr;

  if (scene == NULL)
    return NULL;
  renderer = ramus_renderer_new (scene);
  ramus_scene_get_bounds (scene, &bounds);
  vp.mirror_axis = bounds.width / 2;
  ramus_viewport_fit (&vp, &bounds, 8);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 480, 480);
  cr = cairo_create (surface);
  ramus_renderer_draw (renderer, cr, &vp, &style, &overlay);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  return ((guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x] & 0xffffff;
}

/* The fraction of pixels that differ by more than @threshold in a channel. */
static double
difference (cairo_surface_t *a,
            cairo_surface_t *b,
            gboolean         b_mirrored)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint differ = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 pa = pixel (a, x, y), pb = pixel (b, b_mirrored ? w - 1 - x : x, y);
        for (int c = 0; c < 24; c += 8)
          if (ABS ((gint) ((pa >> c) & 0xff) - (gint) ((pb >> c) & 0xff)) > 40)
            {
              differ++;
              break;
            }
      }
  return (double) differ / (w * h);
}

static void
test_reference_images (void)
{
  const char *update = g_getenv ("RAMUS_UPDATE_REFERENCES");
  guint compared = 0;

  for (guint r = 0; r < ramus_atlas_get_n_regions (atlas ()); r++)
    for (RamusThemeId theme = RAMUS_THEME_LIGHT; theme <= RAMUS_THEME_DARK; theme++)
      {
        const char *region = ramus_atlas_get_region (atlas (), r)->id;
        g_autofree char *name = g_strdup_printf ("%s-%s.png", region, theme == RAMUS_THEME_DARK ? "dark" : "light");
        g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "reference", name, NULL);
        cairo_surface_t *actual = render_region (region, theme, FALSE);
        cairo_surface_t *expected;

        if (actual == NULL)
          {
            g_test_message ("%s has no drawing yet", region);
            continue;
          }
        if (update && *update)
          {
            g_assert_cmpint (cairo_surface_write_to_png (actual, path), ==, CAIRO_STATUS_SUCCESS);
            cairo_surface_destroy (actual);
            continue;
          }
        expected = cairo_image_surface_create_from_png (path);
        if (cairo_surface_status (expected) != CAIRO_STATUS_SUCCESS)
          g_error ("%s: no reference image (run with RAMUS_UPDATE_REFERENCES=1 after checking the drawing)", path);
        {
          /* Compare in the same pixel format. */
          cairo_surface_t *rgb = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 480, 480);
          cairo_t *cr = cairo_create (rgb);
          cairo_set_source_surface (cr, expected, 0, 0);
          cairo_paint (cr);
          cairo_destroy (cr);
          cairo_surface_flush (rgb);
          /* Fonts and antialiasing may move a few pixels; a changed drawing
           * moves many. */
          g_assert_cmpfloat (difference (actual, rgb, FALSE), <, 0.01);
          cairo_surface_destroy (rgb);
        }
        cairo_surface_destroy (expected);
        cairo_surface_destroy (actual);
        compared++;
      }
  g_assert_cmpuint (compared + (update ? 1 : 0), >, 0);
}

/* As difference(), on 4 × 4 pixel averages: the comparison of shapes,
 * not of how antialiasing falls on a pixel grid that does not mirror. */
static double
coarse_difference (cairo_surface_t *a,
                   cairo_surface_t *b,
                   gboolean         b_mirrored)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint differ = 0, blocks = 0;

  for (int by = 0; by + 4 <= h; by += 4)
    for (int bx = 0; bx + 4 <= w; bx += 4)
      {
        int sum_a[3] = { 0 }, sum_b[3] = { 0 };
        for (int y = by; y < by + 4; y++)
          for (int x = bx; x < bx + 4; x++)
            {
              guint32 pa = pixel (a, x, y), pb = pixel (b, b_mirrored ? w - 1 - x : x, y);
              for (int c = 0; c < 3; c++)
                {
                  sum_a[c] += (pa >> (8 * c)) & 0xff;
                  sum_b[c] += (pb >> (8 * c)) & 0xff;
                }
            }
        blocks++;
        for (int c = 0; c < 3; c++)
          if (ABS (sum_a[c] - sum_b[c]) / 16 > 40)
            {
              differ++;
              break;
            }
      }
  return (double) differ / blocks;
}

static void
test_mirror_is_a_mirror_image (void)
{
  for (guint r = 0; r < ramus_atlas_get_n_regions (atlas ()); r++)
    {
      const char *region = ramus_atlas_get_region (atlas (), r)->id;
      g_autoptr(RamusScene) scene = ramus_scene_new_for_region (atlas (), region, NULL, NULL);
      g_autoptr(RamusRenderer) renderer = NULL;
      RamusStyle style = { RAMUS_THEME_LIGHT, RAMUS_LAYERS_STATIC, RAMUS_LANG_EN };  /* no text */
      RamusViewport vp = { .width = 400, .height = 400 };
      cairo_surface_t *plain, *mirrored;
      RamusRect bounds;
      cairo_t *cr;

      if (scene == NULL || ramus_scene_is_midline (scene))
        continue;
      renderer = ramus_renderer_new (scene);
      ramus_scene_get_bounds (scene, &bounds);
      vp.mirror_axis = bounds.width / 2;
      ramus_viewport_fit (&vp, &bounds, 0);
      plain = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 400);
      mirrored = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 400);
      cr = cairo_create (plain);
      ramus_renderer_draw_static (renderer, cr, &vp, &style);
      cairo_destroy (cr);
      vp.mirror = TRUE;
      cr = cairo_create (mirrored);
      ramus_renderer_draw_static (renderer, cr, &vp, &style);
      cairo_destroy (cr);
      cairo_surface_flush (plain);
      cairo_surface_flush (mirrored);

      /* Different images, each the other's reflection (but for the
       * artwork's few words, which stay readable). */
      g_assert_cmpfloat (coarse_difference (plain, mirrored, FALSE), >, 0.02);
      g_assert_cmpfloat (coarse_difference (plain, mirrored, TRUE), <, 0.01);
      cairo_surface_destroy (plain);
      cairo_surface_destroy (mirrored);
    }
}

static void
test_export_formats (void)
{
  g_autoptr(RamusScene) scene = ramus_scene_new_stress (300, 2);
  g_autoptr(RamusRenderer) renderer = ramus_renderer_new (scene);
  g_autofree char *dir = g_dir_make_tmp ("ramus-render-XXXXXX", NULL);
  RamusStyle style = { RAMUS_THEME_PRINT, RAMUS_LAYERS_DEFAULT, RAMUS_LANG_EN };
  RamusOverlay overlay = RAMUS_OVERLAY_INIT;
  RamusViewport vp = { .cx = 500, .cy = 500, .scale = 0.5, .width = 600, .height = 600 };
  const char *names[] = { "a.png", "a.svg", "a.pdf" };
  const char *magic[] = { "\x89PNG", "<?xml", "%PDF" };
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_build_filename (dir, "a.bmp", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      g_assert_true (ramus_renderer_export (renderer, path, &vp, &style, &overlay, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, magic[i]));
      g_remove (path);
    }
  g_assert_false (ramus_renderer_export (renderer, bad, &vp, &style, &overlay, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

static void
test_artwork_subset (void)
{
  const char *good =
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 100 50'>\n"
    "<title>t</title>\n"
    "<path class='bone' d='M 10 10 L 20 10 l 0 10 H 10 v -5 Z'/>\n"
    "<path class='organ' fill-opacity='0.5' d='M0 0 C 10 0 10 10 20 10 S 30 20 40 20 Q 50 30 60 20 T 80 20'/>\n"
    "<ellipse class='bone-detail' cx='50' cy='25' rx='5' ry='3'/>\n"
    "<rect class='landmark' x='1' y='2' width='3' height='4'/>\n"
    "<text class='label' x='5' y='45' font-size='4' text-anchor='middle'>VIII</text>\n"
    "<text class='label' x='50' y='45' font-size='3' data-zh-tw='關節線' data-zh-cn='关节线'>joint line</text>\n"
    "</svg>\n";
  const struct { const char *svg; const char *message; } bad[] = {
    { "<svg viewBox='0 0 10 10'>\n<path class='bone' d='M 0 0 A 5 5 0 0 1 10 10'/>\n</svg>", "path command 'A'" },
    { "<svg viewBox='0 0 10 10'>\n\n<g transform='scale(2)'/>\n</svg>", "transform is not supported" },
    { "<svg viewBox='0 0 10 10'>\n<image href='x.png'/>\n</svg>", "<image> needs class" },
    { "<svg viewBox='0 0 10 10'>\n<path class='skin' d='M 0 0 L 1 1'/>\n</svg>", "needs class" },
    { "<svg viewBox='0 0 10 10'>\n<ellipse class='bone' cx='5mm' cy='1' rx='1' ry='1'/>\n</svg>", "not a number" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusArtwork) artwork = ramus_artwork_parse (good, -1, &error);
  double w, h;

  g_assert_no_error (error);
  ramus_artwork_get_size (artwork, &w, &h);
  g_assert_cmpfloat (w, ==, 100);
  g_assert_cmpfloat (h, ==, 50);
  g_assert_cmpuint (ramus_artwork_get_n_shapes (artwork), ==, 4);
  g_assert_cmpuint (ramus_artwork_get_n_labels (artwork), ==, 2);
  g_assert_cmpstr (ramus_artwork_get_label (artwork, 0)->text, ==, "VIII");
  g_assert_true (ramus_artwork_get_label (artwork, 0)->centred);
  /* Numerals read the same everywhere; words come in the reader's language. */
  g_assert_false (ramus_art_label_needs_translation (ramus_artwork_get_label (artwork, 0)));
  g_assert_cmpstr (ramus_art_label_get_text (ramus_artwork_get_label (artwork, 0), RAMUS_LANG_ZH_TW), ==, "VIII");
  g_assert_true (ramus_art_label_needs_translation (ramus_artwork_get_label (artwork, 1)));
  g_assert_cmpstr (ramus_art_label_get_text (ramus_artwork_get_label (artwork, 1), RAMUS_LANG_EN), ==, "joint line");
  g_assert_cmpstr (ramus_art_label_get_text (ramus_artwork_get_label (artwork, 1), RAMUS_LANG_ZH_TW), ==, "關節線");
  g_assert_cmpstr (ramus_art_label_get_text (ramus_artwork_get_label (artwork, 1), RAMUS_LANG_ZH_CN), ==, "关节线");
  /* Relative commands: the square spans 10–20 mm. */
  g_assert_cmpfloat_with_epsilon (ramus_artwork_get_shape (artwork, 0)->bounds.x, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (ramus_artwork_get_shape (artwork, 0)->bounds.width, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (ramus_artwork_get_shape (artwork, 0)->bounds.height, 10, 1e-9);
  g_assert_cmpfloat (ramus_artwork_get_shape (artwork, 1)->fill_opacity, ==, 0.5);
  g_assert_cmpint (ramus_artwork_get_shape (artwork, 2)->klass, ==, RAMUS_ART_BONE_DETAIL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      g_autoptr(RamusArtwork) a = ramus_artwork_parse (bad[i].svg, -1, &e);
      g_assert_null (a);
      g_assert_nonnull (e);
      g_test_message ("%s", e->message);
      g_assert_nonnull (strstr (e->message, bad[i].message));
      /* It says where. */
      g_assert_nonnull (strstr (e->message, "line"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/render/artwork-subset", test_artwork_subset);
  g_test_add_func ("/core/render/viewport/zoom-keeps-anchor", test_viewport_zoom_keeps_anchor);
  g_test_add_func ("/core/render/viewport/round-trips", test_viewport_round_trips);
  g_test_add_func ("/core/render/viewport/pan-and-fit", test_viewport_pan_and_fit);
  g_test_add_func ("/core/render/tiles/levels", test_tile_levels);
  g_test_add_func ("/core/render/tiles/budget", test_tile_cache_budget);
  g_test_add_func ("/core/render/tiles/match-direct", test_tiles_match_direct);
  g_test_add_func ("/core/render/hit-test", test_hit_test);
  g_test_add_func ("/core/render/hit-test-mirrored", test_hit_test_mirrored);
  g_test_add_func ("/core/render/labels-never-overlap", test_labels_never_overlap);
  g_test_add_func ("/core/render/reference-images", test_reference_images);
  g_test_add_func ("/core/render/mirror", test_mirror_is_a_mirror_image);
  g_test_add_func ("/core/render/export-formats", test_export_formats);

  return g_test_run ();
}
