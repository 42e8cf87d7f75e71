/* ramus-cli-bench.c — `ramus bench [--json]`: speed and memory, measured in
 * one process and one run, against two baselines on the same scene (librsvg
 * drawing an SVG export of it, and a memcpy of one frame)
 *
 * Every figure is a median of repeated runs. Goals are printed beside the
 * figures; they are never asserted in a timed test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cli-bench"

#include "config.h"

#include "ramus-cli.h"
#include "ramus-render.h"
#include "ramus-sheet.h"
#include "ramus-tile-cache.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define STRESS_SEGMENTS 10000
#define TILE_BUDGET (64u * 1024 * 1024)   /* as the window uses */

static double
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *samples)
{
  guint n = samples->len;
  g_array_sort (samples, compare_doubles);
  if (n == 0)
    return NAN;
  return n % 2 ? g_array_index (samples, double, n / 2)
               : (g_array_index (samples, double, n / 2 - 1) + g_array_index (samples, double, n / 2)) / 2;
}

static double
rss_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return NAN;
  line = strstr (status, field);
  return line ? g_ascii_strtod (line + strlen (field), NULL) / 1024.0 : NAN;
}

/* The machine's one-minute load average when the run began: two cores
 * shared with other work give noisy figures, and the reader should know. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return NAN;
  return g_ascii_strtod (text, NULL);
}

typedef struct
{
  RamusScene *scene;
  RamusStyle style;
  RamusViewport vp;
} Setup;

static void
fit_view (RamusScene    *scene,
          RamusViewport *vp,
          int            width,
          int            height)
{
  RamusRect bounds;
  ramus_scene_get_bounds (scene, &bounds);
  memset (vp, 0, sizeof *vp);
  vp->width = width;
  vp->height = height;
  vp->mirror_axis = bounds.width / 2;
  ramus_viewport_fit (vp, &bounds, 0);
  /* Start at a level's exact scale, as a settled view is. */
  vp->scale = ramus_tile_level_scale (ramus_tile_level_for_scale (vp->scale));
}

/* One frame as the screen makes it: cached tiles, then the overlays. */
static void
compose (RamusTileCache      *cache,
         RamusRenderer       *renderer,
         cairo_t             *cr,
         const RamusViewport *vp,
         const RamusStyle    *style,
         const RamusOverlay  *overlay)
{
  ramus_tile_cache_draw (cache, cr, renderer, vp, style);
  ramus_renderer_draw_overlay (renderer, cr, vp, style, overlay);
}

static double
bench_cold (RamusScene *scene,
            int         width,
            int         height,
            guint       runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  RamusStyle style = { RAMUS_THEME_LIGHT, RAMUS_LAYERS_DEFAULT, RAMUS_LANG_EN };
  RamusOverlay overlay = RAMUS_OVERLAY_INIT;

  for (guint r = 0; r < runs; r++)
    {
      RamusViewport vp;
      double t0 = now_ms (), t;
      g_autoptr(RamusRenderer) renderer = ramus_renderer_new (scene);
      g_autoptr(RamusTileCache) cache = ramus_tile_cache_new (TILE_BUDGET, g_get_num_processors ());
      cairo_t *cr = cairo_create (frame);

      fit_view (scene, &vp, width, height);
      ramus_tile_cache_render_sync (cache, renderer, &vp, &style);
      compose (cache, renderer, cr, &vp, &style, &overlay);
      cairo_destroy (cr);
      t = now_ms () - t0;
      g_array_append_val (samples, t);
    }
  cairo_surface_destroy (frame);
  return median (samples);
}

/* A warm pan: tiles for the view and its surroundings are cached; each
 * frame moves 7 px and is composed from them. */
static double
bench_pan (RamusScene *scene,
           int         width,
           int         height,
           guint       frames)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RamusRenderer) renderer = ramus_renderer_new (scene);
  g_autoptr(RamusTileCache) cache = ramus_tile_cache_new (TILE_BUDGET, g_get_num_processors ());
  cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  RamusStyle style = { RAMUS_THEME_LIGHT, RAMUS_LAYERS_DEFAULT, RAMUS_LANG_EN };
  RamusOverlay overlay = RAMUS_OVERLAY_INIT;
  RamusViewport vp, wide;
  cairo_t *cr = cairo_create (frame);

  fit_view (scene, &vp, width, height);
  overlay.selection = ramus_scene_get_n_vessels (scene) > 0 ? 0 : -1;
  /* Warm: everything the pan will cross. */
  wide = vp;
  wide.width += frames * 7 + 2 * RAMUS_TILE_SIZE;
  wide.cx += (frames * 7 / 2.0) / vp.scale;
  ramus_tile_cache_render_sync (cache, renderer, &wide, &style);
  compose (cache, renderer, cr, &vp, &style, &overlay);

  for (guint f = 0; f < frames; f++)
    {
      double t0;
      ramus_viewport_pan (&vp, -7, 0);
      t0 = now_ms ();
      compose (cache, renderer, cr, &vp, &style, &overlay);
      cairo_surface_flush (frame);
      t0 = now_ms () - t0;
      g_array_append_val (samples, t0);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (frame);
  return median (samples);
}

/* Zoom settles: from a warm view, one step in; the new level's tiles are
 * rasterised on the workers and the frame composed. */
static double
bench_zoom_settle (RamusScene *scene,
                   int         width,
                   int         height,
                   guint       runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RamusRenderer) renderer = ramus_renderer_new (scene);
  cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  RamusStyle style = { RAMUS_THEME_LIGHT, RAMUS_LAYERS_DEFAULT, RAMUS_LANG_EN };
  RamusOverlay overlay = RAMUS_OVERLAY_INIT;
  cairo_t *cr = cairo_create (frame);

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(RamusTileCache) cache = ramus_tile_cache_new (TILE_BUDGET, g_get_num_processors ());
      RamusViewport vp;
      double t0;

      fit_view (scene, &vp, width, height);
      ramus_tile_cache_render_sync (cache, renderer, &vp, &style);
      compose (cache, renderer, cr, &vp, &style, &overlay);

      t0 = now_ms ();
      ramus_viewport_zoom_at (&vp, M_SQRT2, width / 2.0, height / 2.0);
      ramus_tile_cache_render_sync (cache, renderer, &vp, &style);
      compose (cache, renderer, cr, &vp, &style, &overlay);
      t0 = now_ms () - t0;
      g_array_append_val (samples, t0);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (frame);
  return median (samples);
}

static double
bench_librsvg (RamusScene *scene,
               int         width,
               int         height,
               guint       runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *svg = ramus_scene_to_svg (scene, TRUE);
  RsvgHandle *handle = rsvg_handle_new_from_data ((const guint8 *) svg, strlen (svg), NULL);
  cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  RamusViewport vp;
  RamusRect bounds;

  if (handle == NULL)
    return NAN;
  fit_view (scene, &vp, width, height);
  ramus_scene_get_bounds (scene, &bounds);
  for (guint r = 0; r < runs; r++)
    {
      cairo_t *cr = cairo_create (frame);
      RsvgRectangle box;
      double t0 = now_ms ();

      /* The same view: the document placed as the viewport places it. */
      box.width = bounds.width * vp.scale;
      box.height = bounds.height * vp.scale;
      box.x = width / 2.0 - (vp.cx - bounds.x) * vp.scale;
      box.y = height / 2.0 - (vp.cy - bounds.y) * vp.scale;
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      rsvg_handle_render_document (handle, cr, &box, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (frame);
      t0 = now_ms () - t0;
      g_array_append_val (samples, t0);
    }
  cairo_surface_destroy (frame);
  g_object_unref (handle);
  return median (samples);
}

static double
bench_memcpy (int   width,
              int   height,
              guint runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  gsize size = (gsize) width * height * 4;
  g_autofree guint8 *a = g_malloc (size);
  g_autofree guint8 *b = g_malloc (size);

  memset (a, 0x5a, size);
  memset (b, 0, size);
  for (guint r = 0; r < runs; r++)
    {
      double t0 = now_ms ();
      memcpy (b, a, size);
      t0 = now_ms () - t0;
      /* Keep the copy observable so it is not optimised away. */
      a[r % size] ^= b[(r * 7919) % size];
      g_array_append_val (samples, t0);
    }
  return median (samples);
}

/* Nanoseconds a hit test, the median of batches of random points. */
static double
bench_hit_test (RamusScene *scene,
                guint       points)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  RamusRect bounds;
  const guint batch = 100;
  g_autofree double *xs = g_new (double, batch);
  g_autofree double *ys = g_new (double, batch);
  volatile gint sink = 0;

  ramus_scene_get_bounds (scene, &bounds);
  for (guint done = 0; done < points; done += batch)
    {
      struct timespec t0, t1;
      for (guint i = 0; i < batch; i++)
        {
          xs[i] = g_rand_double_range (rand, bounds.x, bounds.x + bounds.width);
          ys[i] = g_rand_double_range (rand, bounds.y, bounds.y + bounds.height);
        }
      clock_gettime (CLOCK_MONOTONIC, &t0);
      for (guint i = 0; i < batch; i++)
        sink += ramus_scene_hit_test (scene, xs[i], ys[i], 1.5);
      clock_gettime (CLOCK_MONOTONIC, &t1);
      {
        double ns = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / batch;
        g_array_append_val (samples, ns);
      }
    }
  (void) sink;
  return median (samples);
}

/* A procedure sheet as `ramus sheet` makes it: a fictional left-knee GAE
 * case with three targets, from the case to a finished one-page A4 PDF
 * (plan, layout, figure, fonts embedded, file written). */
static double
bench_sheet (RamusAtlas *atlas,
             guint       runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(RamusCase) kase = ramus_case_new_from_template ("knee-gae");
  g_autofree char *path = NULL;
  const char *targets[] = { "medial-inferior-genicular-artery", "medial-superior-genicular-artery",
                            "articular-branch-of-descending-genicular-artery" };
  RamusSheetInfo info = { "Bench", "Bench", "2026-01-01", RAMUS_LANG_EN };
  int fd = g_file_open_tmp ("ramus-bench-XXXXXX.pdf", &path, NULL);

  if (fd < 0 || kase == NULL)
    return NAN;
  close (fd);
  ramus_case_set_string (&kase->pseudonym, "BENCH-KN");
  kase->side = RAMUS_SIDE_LEFT;
  kase->indication.kellgren_lawrence = 2;
  kase->patient.age_years = 65;
  kase->patient.height_cm = 165;
  kase->patient.weight_kg = 70;
  kase->baseline.values[RAMUS_SCORE_VAS] = 7;
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    ramus_case_add_target (kase, targets[i], "imipenem-cilastatin")->planned_volume_ml = 2;

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(RamusSheet) sheet = NULL;
      RamusSheetPage page;
      double t0 = now_ms ();

      sheet = ramus_sheet_new (atlas, kase, &info, NULL);
      ramus_sheet_page_init (&page, RAMUS_PAPER_A4, FALSE);
      if (sheet == NULL || !ramus_sheet_layout (sheet, &page, NULL) || !ramus_sheet_write_pdf (sheet, path, NULL))
        {
          g_unlink (path);
          return NAN;
        }
      t0 = now_ms () - t0;
      g_array_append_val (samples, t0);
    }
  g_unlink (path);
  return median (samples);
}

typedef struct
{
  const char *key;
  double value;
} Figure;

static JsonNode *
measure_scene (RamusScene *scene,
               gboolean    quick,
               GArray     *figures)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint runs = quick ? 3 : 7;
  Figure f[] = {
    { "pan_frame_ms_1080p", bench_pan (scene, 1920, 1080, quick ? 30 : 60) },
    { "pan_frame_ms_2160p", bench_pan (scene, 3840, 2160, quick ? 20 : 40) },
    { "zoom_settle_ms_1080p", bench_zoom_settle (scene, 1920, 1080, runs) },
    { "cold_render_ms_1080p", bench_cold (scene, 1920, 1080, runs) },
    { "cold_render_ms_2160p", bench_cold (scene, 3840, 2160, quick ? 3 : 5) },
    { "librsvg_ms_1080p", bench_librsvg (scene, 1920, 1080, quick ? 3 : 5) },
    { "librsvg_ms_2160p", bench_librsvg (scene, 3840, 2160, 3) },
    { "memcpy_ms_1080p", bench_memcpy (1920, 1080, 50) },
    { "memcpy_ms_2160p", bench_memcpy (3840, 2160, 50) },
    { "hit_test_ns", bench_hit_test (scene, 100000) },
  };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "segments");
  json_builder_add_int_value (b, ramus_scene_get_n_segments (scene));
  for (guint i = 0; i < G_N_ELEMENTS (f); i++)
    {
      json_builder_set_member_name (b, f[i].key);
      json_builder_add_double_value (b, round (f[i].value * 1000) / 1000);
      if (figures)
        g_array_append_val (figures, f[i]);
    }
  json_builder_set_member_name (b, "librsvg_over_pan_1080p");
  json_builder_add_double_value (b, round (f[5].value / f[0].value * 10) / 10);
  json_builder_set_member_name (b, "librsvg_over_pan_2160p");
  json_builder_add_double_value (b, round (f[6].value / f[1].value * 10) / 10);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
print_row (const char *what,
           double      value,
           const char *unit,
           const char *goal,
           gboolean    met)
{
  g_autofree char *padded = ramus_cli_pad (what, 34);
  printf ("  %s %10.3f %-3s %-14s %s\n", padded, value, unit, goal, met ? "✓" : "✗");
}

int
ramus_cli_bench_main (int    argc,
                      char **argv)
{
  gboolean json = FALSE, quick = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, N_("Fewer repetitions (for a smoke test; figures are noisier)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("");
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RamusScene) stress = NULL;
  g_autoptr(GArray) figures = g_array_new (FALSE, FALSE, sizeof (Figure));
  g_autoptr(GPtrArray) scenes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(RamusTileCache) all_cache = NULL;
  RamusAtlas *atlas;
  double rss, hwm, library_open, library_search, sheet_ms, load;
  int status = 0;

  g_option_context_set_summary (context, _("Measure rendering speed, hit testing and memory against the librsvg and "
                                           "memcpy baselines, on every region and on a stress scene of "
                                           "10,000 vessel segments. Figures are medians of repeated runs."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ramus_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return ramus_cli_usage_error (context, _("unexpected argument “%s”"), argv[1]);

  load = load_average ();
  atlas = ramus_cli_atlas ();
  for (guint i = 0; i < ramus_atlas_get_n_regions (atlas); i++)
    {
      const RamusRegion *r = ramus_atlas_get_region (atlas, i);
      RamusScene *scene = ramus_scene_new_for_region (atlas, r->id, NULL, NULL);
      if (scene)
        g_ptr_array_add (scenes, scene);
    }

  /* Memory: every region loaded and drawn, as a session that visited them
   * all would have it, tiles cached under the budget. */
  all_cache = ramus_tile_cache_new (TILE_BUDGET, g_get_num_processors ());
  for (guint i = 0; i < scenes->len; i++)
    {
      RamusRenderer *renderer = ramus_renderer_new (g_ptr_array_index (scenes, i));
      RamusStyle style = { RAMUS_THEME_LIGHT, RAMUS_LAYERS_DEFAULT, RAMUS_LANG_EN };
      RamusViewport vp;
      cairo_surface_t *frame = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
      cairo_t *cr = cairo_create (frame);
      RamusOverlay overlay = RAMUS_OVERLAY_INIT;

      fit_view (g_ptr_array_index (scenes, i), &vp, 1920, 1080);
      ramus_tile_cache_render_sync (all_cache, renderer, &vp, &style);
      compose (all_cache, renderer, cr, &vp, &style, &overlay);
      cairo_destroy (cr);
      cairo_surface_destroy (frame);
      g_ptr_array_add (keep, renderer);
    }
  rss = rss_mb ("VmRSS:");
  hwm = rss_mb ("VmHWM:");

  /* The case library: 10,000 fictional cases of 5 visits in a temporary folder. */
  ramus_cli_case_bench (quick, &library_open, &library_search);
  sheet_ms = bench_sheet (atlas, quick ? 3 : 9);

  stress = ramus_scene_new_stress (STRESS_SEGMENTS, 1);
  root = measure_scene (stress, quick, figures);

  json_builder_begin_object (b);
  {
    JsonObject *stress_obj = json_node_get_object (root);
    GList *members = json_object_get_members (stress_obj);
    for (GList *l = members; l; l = l->next)
      {
        json_builder_set_member_name (b, l->data);
        json_builder_add_value (b, json_node_copy (json_object_get_member (stress_obj, l->data)));
      }
    g_list_free (members);
  }
  json_builder_set_member_name (b, "rss_mb");
  json_builder_add_double_value (b, round (rss * 10) / 10);
  json_builder_set_member_name (b, "peak_rss_mb");
  json_builder_add_double_value (b, round (hwm * 10) / 10);
  json_builder_set_member_name (b, "tile_budget_mb");
  json_builder_add_int_value (b, TILE_BUDGET / (1024 * 1024));
  json_builder_set_member_name (b, "library_open_ms");
  json_builder_add_double_value (b, round (library_open * 1000) / 1000);
  json_builder_set_member_name (b, "library_search_ms");
  json_builder_add_double_value (b, round (library_search * 1000) / 1000);
  json_builder_set_member_name (b, "sheet_ms");
  json_builder_add_double_value (b, round (sheet_ms * 1000) / 1000);
  json_builder_set_member_name (b, "cpus");
  json_builder_add_int_value (b, g_get_num_processors ());
  if (!isnan (load))
    {
      json_builder_set_member_name (b, "load_average_1min");
      json_builder_add_double_value (b, load);
    }
  json_builder_set_member_name (b, "regions");
  json_builder_begin_object (b);
  for (guint i = 0; i < scenes->len; i++)
    {
      RamusScene *scene = g_ptr_array_index (scenes, i);
      JsonNode *node = measure_scene (scene, TRUE, NULL);
      json_object_set_double_member (json_node_get_object (node), "rss_mb", round (rss * 10) / 10);
      json_builder_set_member_name (b, ramus_scene_get_region (scene));
      json_builder_add_value (b, node);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  if (json)
    {
      g_autoptr(JsonNode) out = json_builder_get_root (b);
      ramus_cli_print_json (out);
      return RAMUS_CLI_OK;
    }
  else
    {
      g_autoptr(JsonNode) out = json_builder_get_root (b);
      JsonObject *o = json_node_get_object (out);
      JsonObject *regions = json_object_get_object_member (o, "regions");
      double pan1 = json_object_get_double_member (o, "pan_frame_ms_1080p");
      double pan2 = json_object_get_double_member (o, "pan_frame_ms_2160p");
      double rsvg1 = json_object_get_double_member (o, "librsvg_ms_1080p");
      double rsvg2 = json_object_get_double_member (o, "librsvg_ms_2160p");
      double zoom = json_object_get_double_member (o, "zoom_settle_ms_1080p");
      double hit = json_object_get_double_member (o, "hit_test_ns");
      GList *names = json_object_get_members (regions);

      printf (_("Stress scene: %d vessel segments, %d CPUs (medians)\n"),
              (int) json_object_get_int_member (o, "segments"), (int) g_get_num_processors ());
      if (!isnan (load))
        printf (_("Load average when the run began: %.2f (other work on the machine makes the figures noisier)\n"),
                load);
      print_row (_("warm pan frame 1920×1080"), pan1, "ms", "≤ 2 ms", pan1 <= 2);
      print_row (_("warm pan frame 3840×2160"), pan2, "ms", "≤ 6 ms", pan2 <= 6);
      print_row (_("zoom settle 1920×1080"), zoom, "ms", "≤ 16 ms", zoom <= 16);
      print_row (_("cold render 1920×1080"), json_object_get_double_member (o, "cold_render_ms_1080p"), "ms", "", TRUE);
      print_row (_("cold render 3840×2160"), json_object_get_double_member (o, "cold_render_ms_2160p"), "ms", "", TRUE);
      print_row (_("librsvg baseline 1920×1080"), rsvg1, "ms", "", TRUE);
      print_row (_("librsvg baseline 3840×2160"), rsvg2, "ms", "", TRUE);
      print_row (_("librsvg ÷ warm frame 1080p"), rsvg1 / pan1, "×", "≥ 50×", rsvg1 / pan1 >= 50);
      print_row (_("librsvg ÷ warm frame 2160p"), rsvg2 / pan2, "×", "≥ 50×", rsvg2 / pan2 >= 50);
      print_row (_("memcpy of a frame 1920×1080"), json_object_get_double_member (o, "memcpy_ms_1080p"), "ms", "", TRUE);
      print_row (_("memcpy of a frame 3840×2160"), json_object_get_double_member (o, "memcpy_ms_2160p"), "ms", "", TRUE);
      print_row (_("hit test"), hit, "ns", "≤ 1000 ns", hit <= 1000);
      print_row (_("resident memory, all regions drawn"), rss, "MB", "≤ 150 MB", rss <= 150);
      print_row (_("library open + list, 10,000 cases"), library_open, "ms", "≤ 200 ms", library_open <= 200);
      print_row (_("library search, per keystroke"), library_search, "ms", "≤ 50 ms", library_search <= 50);
      print_row (_("procedure sheet, one A4 page PDF"), sheet_ms, "ms", "≤ 150 ms", sheet_ms <= 150);
      printf ("\n%s\n", _("Regions (pan 1080p / zoom settle / cold 1080p / librsvg 1080p ms, hit test ns):"));
      for (GList *l = names; l; l = l->next)
        {
          JsonObject *r = json_object_get_object_member (regions, l->data);
          printf ("  %-14s %7.3f %8.3f %8.3f %9.3f %8.1f\n", (char *) l->data,
                  json_object_get_double_member (r, "pan_frame_ms_1080p"),
                  json_object_get_double_member (r, "zoom_settle_ms_1080p"),
                  json_object_get_double_member (r, "cold_render_ms_1080p"),
                  json_object_get_double_member (r, "librsvg_ms_1080p"),
                  json_object_get_double_member (r, "hit_test_ns"));
        }
      g_list_free (names);
    }
  return RAMUS_CLI_OK;
}
