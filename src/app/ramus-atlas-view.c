/* ramus-atlas-view.c — the interactive roadmap: pan, zoom, hover, select
 *
 * The widget is thin: the viewport is a core value, the static layers come
 * from the core's tile cache as textures, and the per-frame overlays
 * (selection, hover, route, numbered targets) and the labels are drawn by
 * the core renderer. Only what moves is drawn per frame: tiles and label
 * images are uploaded once and reused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-atlas-view"

#include "config.h"

#include "ramus-atlas-view.h"
#include "ramus-tile-cache.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#define TILE_BUDGET (64u * 1024 * 1024)
#define PAN_STEP 64           /* pixels an arrow key moves */
#define ZOOM_STEP 1.25
#define HIT_TOLERANCE_PX 6.0
#define KINETIC_DECAY_MS 325.0

struct _RamusAtlasView
{
  GtkWidget parent_instance;

  RamusScene *scene;
  RamusRenderer *renderer;
  RamusTileCache *cache;
  RamusViewport vp;            /* in device pixels */
  RamusStyle style;
  RamusSide side;
  gboolean needs_fit;
  gboolean needs_centre;       /* centre on the selection once allocated */

  gint selection;              /* scene vessel index or -1 */
  gint hover;
  GArray *route;               /* scene vessel indices */
  GArray *targets;

  GHashTable *tile_textures;   /* tile serial -> GdkTexture */
  GHashTable *label_images;    /* "vessel:lang:sel:theme:scale" -> LabelImage */
  guint frame;                 /* counts snapshots, for pruning textures */
  GHashTable *tile_last_used;  /* tile serial -> frame */

  /* Dragging and kinetic motion. */
  double drag_last_x;
  double drag_last_y;
  gboolean dragged;
  double velocity_x;           /* device px per ms */
  double velocity_y;
  gint64 kinetic_last_time;
  guint kinetic_tick;

  /* Pinch zoom, and where the pointer is (zoom anchors there). */
  double pinch_scale;
  double pointer_x;
  double pointer_y;

  /* Scripted frame timing (RAMUS_FRAME_TIMING). */
  guint timing_frames;
  guint timing_tick;
  GArray *timing_intervals;
  GArray *timing_work;
  GArray *timing_snapshot;     /* the canvas's own part of each frame */
  gint64 timing_last;
  gint64 timing_paint_start;
  gulong timing_before_paint;
  gulong timing_after_paint;
};

G_DEFINE_FINAL_TYPE (RamusAtlasView, ramus_atlas_view, GTK_TYPE_WIDGET)

enum
{
  VESSEL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
device_scale (RamusAtlasView *self)
{
  return gtk_widget_get_scale_factor (GTK_WIDGET (self));
}

static void
tiles_ready_cb (gpointer user_data)
{
  gtk_widget_queue_draw (GTK_WIDGET (user_data));
}

/* --- public --------------------------------------------------------------- */

GtkWidget *
ramus_atlas_view_new (void)
{
  return g_object_new (RAMUS_TYPE_ATLAS_VIEW, NULL);
}

static void
update_accessible (RamusAtlasView *self)
{
  const RamusVessel *selected = ramus_atlas_view_get_selected (self);
  g_autofree char *description = NULL;

  if (selected)
    /* Translators: the screen reader's description of the drawing. */
    description = g_strdup_printf (_("Selected: %s"), ramus_vessel_get_name (selected, self->style.lang));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : _("No vessel selected"),
                                  -1);
}

void
ramus_atlas_view_set_scene (RamusAtlasView *self,
                            RamusScene     *scene)
{
  gboolean same_region;

  g_return_if_fail (RAMUS_IS_ATLAS_VIEW (self));

  if (self->scene == scene)
    return;
  /* Another variant of the region drawn: the view stays where it is. */
  same_region = self->scene != NULL && scene != NULL &&
                g_strcmp0 (ramus_scene_get_region (self->scene), ramus_scene_get_region (scene)) == 0;
  g_set_object (&self->scene, scene);
  g_clear_object (&self->renderer);
  if (scene)
    self->renderer = ramus_renderer_new (scene);
  ramus_tile_cache_clear (self->cache);
  g_hash_table_remove_all (self->tile_textures);
  g_hash_table_remove_all (self->tile_last_used);
  g_hash_table_remove_all (self->label_images);
  self->selection = self->hover = -1;
  g_array_set_size (self->route, 0);
  g_array_set_size (self->targets, 0);
  if (!same_region)
    self->needs_fit = TRUE;
  self->needs_centre = FALSE;
  ramus_atlas_view_set_side (self, self->side);
  update_accessible (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

RamusScene *
ramus_atlas_view_get_scene (RamusAtlasView *self)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS_VIEW (self), NULL);
  return self->scene;
}

/* A limb drawn for the right side is mirrored for a left-sided case; the
 * liver and the spine are never mirrored. */
void
ramus_atlas_view_set_side (RamusAtlasView *self,
                           RamusSide       side)
{
  gboolean mirror;

  g_return_if_fail (RAMUS_IS_ATLAS_VIEW (self));

  self->side = side;
  mirror = side == RAMUS_SIDE_LEFT && self->scene && !ramus_scene_is_midline (self->scene);
  if (self->scene)
    {
      RamusRect bounds;
      ramus_scene_get_bounds (self->scene, &bounds);
      self->vp.mirror_axis = bounds.x + bounds.width / 2;
    }
  if (mirror != self->vp.mirror)
    {
      /* Keep the same part of the drawing in view. */
      self->vp.mirror = mirror;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
ramus_atlas_view_set_lang (RamusAtlasView *self,
                           RamusLang       lang)
{
  g_return_if_fail (RAMUS_IS_ATLAS_VIEW (self));
  if (self->style.lang == lang)
    return;
  self->style.lang = lang;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ramus_atlas_view_set_layers (RamusAtlasView *self,
                             guint           layers)
{
  g_return_if_fail (RAMUS_IS_ATLAS_VIEW (self));
  if (self->style.layers == layers)
    return;
  self->style.layers = layers;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
ramus_atlas_view_get_layers (RamusAtlasView *self)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS_VIEW (self), 0);
  return self->style.layers;
}

void
ramus_atlas_view_set_dark (RamusAtlasView *self,
                           gboolean        dark)
{
  RamusThemeId theme = dark ? RAMUS_THEME_DARK : RAMUS_THEME_LIGHT;

  g_return_if_fail (RAMUS_IS_ATLAS_VIEW (self));
  if (self->style.theme == theme)
    return;
  self->style.theme = theme;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The scene's drawing of @vessel for the patient's side: a midline
 * drawing shows a paired vessel twice, the right one as authored and the
 * left one as its mirror copy just after it. */
static gint
scene_index (RamusAtlasView    *self,
             const RamusVessel *vessel)
{
  gint index;

  if (vessel == NULL || self->scene == NULL)
    return -1;
  index = ramus_scene_find_vessel (self->scene, vessel);
  if (index >= 0 && self->side == RAMUS_SIDE_LEFT &&
      (guint) index + 1 < ramus_scene_get_n_vessels (self->scene))
    {
      const RamusSceneVessel *next = ramus_scene_get_vessel (self->scene, index + 1);

      if (next->mirror_copy && next->vessel == vessel)
        index++;
    }
  return index;
}

static void
centre_on (RamusAtlasView *self,
           gint            index)
{
  const RamusSceneVessel *v = ramus_scene_get_vessel (self->scene, index);
  RamusRect visible;

  ramus_viewport_visible_rect (&self->vp, &visible);
  self->vp.cx = v->bounds.x + v->bounds.width / 2;
  self->vp.cy = v->bounds.y + v->bounds.height / 2;
  /* Zoom out if the vessel would not fit. */
  if (v->bounds.width > visible.width * 0.9 || v->bounds.height > visible.height * 0.9)
    {
      RamusRect grown = v->bounds;
      ramus_viewport_fit (&self->vp, &grown, 40 * device_scale (self));
    }
}

void
ramus_atlas_view_select (RamusAtlasView    *self,
                         const RamusVessel *vessel,
                         gboolean           centre)
{
  gint index;

  g_return_if_fail (RAMUS_IS_ATLAS_VIEW (self));

  /* Either drawing of a paired vessel, once clicked, stays selected. */
  if (!centre && vessel != NULL && self->selection >= 0 &&
      ramus_scene_get_vessel (self->scene, self->selection)->vessel == vessel)
    return;
  index = scene_index (self, vessel);
  if (index == self->selection && !centre)
    return;
  self->selection = index;
  if (centre && index >= 0)
    {
      /* Before the first allocation, or while a fit waits for it, centre
       * once the size is known. */
      if (self->vp.width <= 0 || self->needs_fit)
        self->needs_centre = TRUE;
      else
        centre_on (self, index);
    }
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const RamusVessel *
ramus_atlas_view_get_selected (RamusAtlasView *self)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS_VIEW (self), NULL);
  if (self->selection < 0 || self->scene == NULL)
    return NULL;
  return ramus_scene_get_vessel (self->scene, self->selection)->vessel;
}

const RamusVessel *
ramus_atlas_view_get_hovered (RamusAtlasView *self)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS_VIEW (self), NULL);
  if (self->hover < 0 || self->scene == NULL)
    return NULL;
  return ramus_scene_get_vessel (self->scene, self->hover)->vessel;
}

void
ramus_atlas_view_set_route (RamusAtlasView     *self,
                            const RamusVessel **route,
                            guint               n_route,
                            const RamusVessel **targets,
                            guint               n_targets)
{
  g_return_if_fail (RAMUS_IS_ATLAS_VIEW (self));

  g_array_set_size (self->route, 0);
  g_array_set_size (self->targets, 0);
  for (guint i = 0; self->scene && i < n_route; i++)
    {
      gint index = ramus_scene_find_vessel (self->scene, route[i]);
      if (index >= 0)
        g_array_append_val (self->route, index);
    }
  for (guint i = 0; self->scene && i < n_targets; i++)
    {
      /* A target not drawn keeps its number, so numbers match the plan. */
      gint index = ramus_scene_find_vessel (self->scene, targets[i]);
      g_array_append_val (self->targets, index);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ramus_atlas_view_zoom_fit (RamusAtlasView *self)
{
  RamusRect bounds;

  g_return_if_fail (RAMUS_IS_ATLAS_VIEW (self));
  if (self->scene == NULL || self->vp.width <= 0)
    {
      self->needs_fit = TRUE;
      return;
    }
  ramus_scene_get_bounds (self->scene, &bounds);
  ramus_viewport_fit (&self->vp, &bounds, 12 * device_scale (self));
  self->needs_fit = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Zooms about the centre of the view. */
void
ramus_atlas_view_zoom_by (RamusAtlasView *self,
                          double          factor)
{
  g_return_if_fail (RAMUS_IS_ATLAS_VIEW (self));
  ramus_viewport_zoom_at (&self->vp, factor, self->vp.width / 2, self->vp.height / 2);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const RamusViewport *
ramus_atlas_view_get_viewport (RamusAtlasView *self)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS_VIEW (self), NULL);
  return &self->vp;
}

static gint
hit_test (RamusAtlasView *self,
          double          x,
          double          y)
{
  double wx, wy, s = device_scale (self);

  if (self->scene == NULL)
    return -1;
  ramus_viewport_to_world (&self->vp, x * s, y * s, &wx, &wy);
  return ramus_scene_hit_test (self->scene, wx, wy, HIT_TOLERANCE_PX * s / self->vp.scale);
}

/* The vessel under widget coordinates (x, y), or NULL. */
const RamusVessel *
ramus_atlas_view_vessel_at (RamusAtlasView *self,
                            double          x,
                            double          y)
{
  gint index;

  g_return_val_if_fail (RAMUS_IS_ATLAS_VIEW (self), NULL);
  index = hit_test (self, x, y);
  return index >= 0 ? ramus_scene_get_vessel (self->scene, index)->vessel : NULL;
}

/* Widget coordinates of a point on @vessel's centreline (for tests and
 * for pointing at it), FALSE if it is not drawn. */
gboolean
ramus_atlas_view_vessel_point (RamusAtlasView    *self,
                               const RamusVessel *vessel,
                               double            *x,
                               double            *y)
{
  gint index;
  const RamusSceneVessel *v;
  const RamusVertex *p;
  double s = device_scale (self);

  g_return_val_if_fail (RAMUS_IS_ATLAS_VIEW (self), FALSE);
  index = scene_index (self, vessel);
  if (index < 0)
    return FALSE;
  v = ramus_scene_get_vessel (self->scene, index);
  p = &g_array_index (v->points, RamusVertex, v->points->len / 2);
  ramus_viewport_to_screen (&self->vp, p->x, p->y, x, y);
  *x /= s;
  *y /= s;
  return TRUE;
}

/* --- drawing ------------------------------------------------------------- */

static void
texture_from_surface_bytes_free (gpointer data)
{
  cairo_surface_destroy (data);
}

/* A cairo image (ARGB32, premultiplied) as a texture, sharing its pixels. */
static GdkTexture *
texture_for_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) *
                                        cairo_image_surface_get_height (surface),
                                      texture_from_surface_bytes_free, cairo_surface_reference (surface));
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                 cairo_image_surface_get_height (surface),
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
                                 GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
#else
                                 GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
#endif
                                 bytes, cairo_image_surface_get_stride (surface));
}

typedef struct
{
  RamusAtlasView *self;
  GtkSnapshot *snapshot;
} TileContext;

static void
append_tile (cairo_surface_t *surface,
             guint64          serial,
             double           x,
             double           y,
             double           size,
             gpointer         user_data)
{
  TileContext *context = user_data;
  RamusAtlasView *self = context->self;
  GdkTexture *texture = g_hash_table_lookup (self->tile_textures, &serial);
  double s = device_scale (self);

  if (texture == NULL)
    {
      guint64 *key = g_memdup2 (&serial, sizeof serial);
      texture = texture_for_surface (surface);
      g_hash_table_insert (self->tile_textures, key, texture);
    }
  g_hash_table_insert (self->tile_last_used, g_memdup2 (&serial, sizeof serial), GUINT_TO_POINTER (self->frame));
  gtk_snapshot_append_texture (context->snapshot, texture,
                               &GRAPHENE_RECT_INIT (x / s, y / s, size / s, size / s));
}

/* Textures of tiles not shown for a while go; the cache keeps the pixels. */
static void
prune_textures (RamusAtlasView *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->tile_last_used);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (self->frame - GPOINTER_TO_UINT (value) > 30)
      {
        g_hash_table_remove (self->tile_textures, key);
        g_hash_table_iter_remove (&iter);
      }
  if (g_hash_table_size (self->label_images) > 1000)
    g_hash_table_remove_all (self->label_images);
}

/* A label drawn once: its pixels, and a texture sharing them for the GL
 * renderers. */
typedef struct
{
  cairo_surface_t *surface;
  GdkTexture *texture;
} LabelImage;

static void
label_image_free (gpointer data)
{
  LabelImage *image = data;

  g_clear_object (&image->texture);
  cairo_surface_destroy (image->surface);
  g_free (image);
}

/* GTK 4.8's cairo renderer converts every texture node's pixels, through
 * floats, on every frame; painting the cached images from a cairo node
 * instead is a plain blit. The GL renderers keep textures uploaded. */
static gboolean
paints_with_cairo (RamusAtlasView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

/* Paints a tile on a cairo context in device pixels. */
static void
overlay_bounds (RamusAtlasView *self,
                RamusRect      *screen)
{
  RamusRect world = { 0 };
  gint indices[2] = { self->selection, self->hover };

  for (guint i = 0; i < 2; i++)
    if (indices[i] >= 0)
      ramus_rect_union (&world, &ramus_scene_get_vessel (self->scene, indices[i])->bounds);
  for (guint i = 0; i < self->route->len; i++)
    ramus_rect_union (&world, &ramus_scene_get_vessel (self->scene, g_array_index (self->route, gint, i))->bounds);
  for (guint i = 0; i < self->targets->len; i++)
    if (g_array_index (self->targets, gint, i) >= 0)
      ramus_rect_union (&world, &ramus_scene_get_vessel (self->scene, g_array_index (self->targets, gint, i))->bounds);

  if (world.width <= 0 && world.height <= 0)
    {
      *screen = (RamusRect) { 0 };
      return;
    }
  {
    double x0, y0, x1, y1, pad = 16 * device_scale (self);
    ramus_viewport_to_screen (&self->vp, world.x, world.y, &x0, &y0);
    ramus_viewport_to_screen (&self->vp, world.x + world.width, world.y + world.height, &x1, &y1);
    screen->x = MAX (0, MIN (x0, x1) - pad);
    screen->y = MAX (0, MIN (y0, y1) - pad);
    screen->width = MIN (self->vp.width, MAX (x0, x1) + pad) - screen->x;
    screen->height = MIN (self->vp.height, MAX (y0, y1) + pad) - screen->y;
  }
}

/* Labels: cached images, crisp at the screen's scale, each joined to its
 * vessel by a short leader where it had to move away. Drawn on @cr (in
 * device pixels) by the cairo renderer, as texture nodes otherwise. */
static void
snapshot_labels (RamusAtlasView *self,
                 GtkSnapshot    *snapshot,
                 cairo_t        *cr)
{
  const RamusTheme *theme = ramus_theme_get (self->style.theme);
  double s = device_scale (self);
  g_autoptr(GArray) labels = ramus_renderer_place_labels (self->renderer, &self->vp, &self->style,
                                                          self->selection);

  for (guint i = 0; i < labels->len; i++)
    {
      const RamusPlacedLabel *label = &g_array_index (labels, RamusPlacedLabel, i);
      g_autofree char *key = g_strdup_printf ("%u:%d:%d:%d:%g", label->vessel, self->style.lang,
                                              label->selected, self->style.theme, s);
      LabelImage *image = g_hash_table_lookup (self->label_images, key);
      double x = round (label->x), y = round (label->y);

      if (label->leader)
        {
          double ax = label->anchor_x, ay = label->anchor_y;
          double lx = CLAMP (ax, label->x, label->x + label->width);
          double ly = CLAMP (ay, label->y, label->y + label->height);

          if (cr != NULL)
            {
              cairo_set_source_rgba (cr, theme->leader.r, theme->leader.g, theme->leader.b, theme->leader.a);
              cairo_set_line_width (cr, s);
              cairo_move_to (cr, ax, ay);
              cairo_line_to (cr, lx, ly);
              cairo_stroke (cr);
            }
          else
            {
              /* A leader is short: a thin rotated rectangle. */
              GdkRGBA color = { theme->leader.r, theme->leader.g, theme->leader.b, theme->leader.a };
              double len = hypot (lx - ax, ly - ay) / s, angle = atan2 (ly - ay, lx - ax);

              gtk_snapshot_save (snapshot);
              gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (ax / s, ay / s));
              gtk_snapshot_rotate (snapshot, angle * 180 / G_PI);
              gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (0, -0.5, len, 1));
              gtk_snapshot_restore (snapshot);
            }
        }

      if (image == NULL)
        {
          image = g_new0 (LabelImage, 1);
          image->surface = ramus_renderer_label_image (self->renderer, label, &self->style, s);
          g_hash_table_insert (self->label_images, g_steal_pointer (&key), image);
        }
      if (cr != NULL)
        {
          cairo_set_source_surface (cr, image->surface, x, y);
          cairo_paint (cr);
        }
      else
        {
          if (image->texture == NULL)
            image->texture = texture_for_surface (image->surface);
          gtk_snapshot_append_texture (snapshot, image->texture,
                                       &GRAPHENE_RECT_INIT (x / s, y / s,
                                                            gdk_texture_get_width (image->texture) / s,
                                                            gdk_texture_get_height (image->texture) / s));
        }
    }
}

static void
snapshot_content (GtkWidget   *widget,
                  GtkSnapshot *snapshot)
{
  RamusAtlasView *self = RAMUS_ATLAS_VIEW (widget);
  const RamusTheme *theme = ramus_theme_get (self->style.theme);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  double s = device_scale (self);
  RamusOverlay overlay = RAMUS_OVERLAY_INIT;
  RamusOverlay under_labels, numbers;
  RamusStyle no_labels = self->style;
  RamusRect bounds;
  cairo_t *cr = NULL;

  gtk_snapshot_append_color (snapshot,
                             &(GdkRGBA) { theme->background.r, theme->background.g, theme->background.b, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, w, h));
  if (self->renderer == NULL || self->vp.width <= 0)
    return;

  self->frame++;
  overlay.selection = self->selection;
  overlay.hover = self->hover;
  overlay.route = (const gint *) self->route->data;
  overlay.n_route = self->route->len;
  overlay.targets = (const gint *) self->targets->data;
  overlay.n_targets = self->targets->len;
  no_labels.layers &= ~RAMUS_LAYER_LABELS;
  /* Highlights and the route go under the labels, target numbers over them. */
  under_labels = overlay;
  under_labels.targets = NULL;
  under_labels.n_targets = 0;
  numbers = (RamusOverlay) RAMUS_OVERLAY_INIT;
  numbers.targets = overlay.targets;
  numbers.n_targets = overlay.n_targets;

  if (paints_with_cairo (self))
    {
      /* One cairo node, in device pixels: tiles, overlays, labels. */
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
      cairo_scale (cr, 1 / s, 1 / s);
      cairo_rectangle (cr, 0, 0, self->vp.width, self->vp.height);
      cairo_clip (cr);
      /* The core's own drawing: a tile between levels is clipped to whole
       * pixels and overlaps its neighbour, so no seam of background shows
       * where two partly covered edges meet. */
      ramus_tile_cache_draw (self->cache, cr, self->renderer, &self->vp, &self->style);
      ramus_renderer_draw_overlay (self->renderer, cr, &self->vp, &no_labels, &under_labels);
      if (self->style.layers & RAMUS_LAYER_LABELS)
        snapshot_labels (self, snapshot, cr);
      ramus_renderer_draw_overlay (self->renderer, cr, &self->vp, &no_labels, &numbers);
      cairo_destroy (cr);
      prune_textures (self);
      return;
    }

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  {
    TileContext context = { self, snapshot };
    ramus_tile_cache_foreach (self->cache, self->renderer, &self->vp, &self->style, append_tile, &context);
  }

  /* Selection, hover, route and targets: one small cairo node. */
  overlay_bounds (self, &bounds);
  if (bounds.width > 0 && bounds.height > 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (bounds.x / s, bounds.y / s,
                                                                     bounds.width / s, bounds.height / s));
      cairo_scale (cr, 1 / s, 1 / s);
      ramus_renderer_draw_overlay (self->renderer, cr, &self->vp, &no_labels, &under_labels);
      cairo_destroy (cr);
    }

  if (self->style.layers & RAMUS_LAYER_LABELS)
    snapshot_labels (self, snapshot, NULL);

  /* The numbered targets over the names, so a number is never hidden. */
  if (bounds.width > 0 && bounds.height > 0 && self->targets->len > 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (bounds.x / s, bounds.y / s,
                                                                     bounds.width / s, bounds.height / s));
      cairo_scale (cr, 1 / s, 1 / s);
      ramus_renderer_draw_overlay (self->renderer, cr, &self->vp, &no_labels, &numbers);
      cairo_destroy (cr);
    }
  gtk_snapshot_pop (snapshot);
  prune_textures (self);
}

static void
ramus_atlas_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RamusAtlasView *self = RAMUS_ATLAS_VIEW (widget);
  gint64 start = self->timing_frames > 0 ? g_get_monotonic_time () : 0;

  snapshot_content (widget, snapshot);
  if (start > 0)
    {
      gint64 spent = g_get_monotonic_time () - start;
      g_array_append_val (self->timing_snapshot, spent);
    }
}

static void
ramus_atlas_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RamusAtlasView *self = RAMUS_ATLAS_VIEW (widget);
  double s = device_scale (self);

  self->vp.width = width * s;
  self->vp.height = height * s;
  if (self->needs_fit && self->scene && width > 0 && height > 0)
    ramus_atlas_view_zoom_fit (self);
  if (self->needs_centre && self->selection >= 0 && width > 0 && height > 0)
    centre_on (self, self->selection);
  self->needs_centre = FALSE;
}

static void
ramus_atlas_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

/* --- input ---------------------------------------------------------------- */

static void
stop_kinetic (RamusAtlasView *self)
{
  if (self->kinetic_tick)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->kinetic_tick);
      self->kinetic_tick = 0;
    }
}

static void
drag_begin_cb (RamusAtlasView *self,
               double          x,
               double          y,
               GtkGestureDrag *gesture)
{
  stop_kinetic (self);
  self->drag_last_x = 0;
  self->drag_last_y = 0;
  self->dragged = FALSE;
}

static void
drag_update_cb (RamusAtlasView *self,
                double          dx,
                double          dy,
                GtkGestureDrag *gesture)
{
  double s = device_scale (self);

  if (!self->dragged && hypot (dx, dy) < 3)
    return;
  if (!self->dragged)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  self->dragged = TRUE;
  ramus_viewport_pan (&self->vp, (dx - self->drag_last_x) * s, (dy - self->drag_last_y) * s);
  self->drag_last_x = dx;
  self->drag_last_y = dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end_cb (RamusAtlasView *self,
             double          dx,
             double          dy,
             GtkGestureDrag *gesture)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static gboolean
kinetic_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  RamusAtlasView *self = RAMUS_ATLAS_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = (now - self->kinetic_last_time) / 1000.0;
  double decay;

  self->kinetic_last_time = now;
  if (dt <= 0)
    return G_SOURCE_CONTINUE;
  ramus_viewport_pan (&self->vp, self->velocity_x * dt, self->velocity_y * dt);
  decay = exp (-dt / KINETIC_DECAY_MS);
  self->velocity_x *= decay;
  self->velocity_y *= decay;
  gtk_widget_queue_draw (widget);
  if (hypot (self->velocity_x, self->velocity_y) < 0.02)
    {
      self->kinetic_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* A flick keeps the drawing moving, slowing down. */
static void
swipe_cb (RamusAtlasView  *self,
          double           velocity_x,
          double           velocity_y,
          GtkGestureSwipe *gesture)
{
  double s = device_scale (self);

  if (!self->dragged || hypot (velocity_x, velocity_y) < 100)
    return;
  self->velocity_x = velocity_x * s / 1000.0;
  self->velocity_y = velocity_y * s / 1000.0;
  self->kinetic_last_time = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  stop_kinetic (self);
  self->kinetic_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), kinetic_tick_cb, NULL, NULL);
}

static void
zoom_at (RamusAtlasView *self,
         double          factor,
         double          x,
         double          y)
{
  double s = device_scale (self);

  ramus_viewport_zoom_at (&self->vp, factor, x * s, y * s);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (RamusAtlasView           *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  /* A wheel notch zooms a step; a touchpad scrolls in small deltas. */
  double per_unit = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL ? 0.2 : 0.01;
  double x = self->pointer_x, y = self->pointer_y;

  if (x < 0)
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  stop_kinetic (self);
  zoom_at (self, exp (-dy * per_unit), x, y);
  return TRUE;
}

static void
pinch_begin_cb (RamusAtlasView *self,
                GdkEventSequence *sequence,
                GtkGesture     *gesture)
{
  self->pinch_scale = 1.0;
}

static void
pinch_cb (RamusAtlasView *self,
          double          scale,
          GtkGestureZoom *gesture)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  zoom_at (self, scale / self->pinch_scale, x, y);
  self->pinch_scale = scale;
}

static void
click_pressed_cb (RamusAtlasView  *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    zoom_at (self, 2.0, x, y);
}

static void
click_released_cb (RamusAtlasView  *self,
                   int              n_press,
                   double           x,
                   double           y,
                   GtkGestureClick *gesture)
{
  gint index;
  const RamusVessel *vessel;

  if (n_press != 1 || self->dragged)
    return;
  /* A click beside every vessel keeps the selection: the tree and the
   * details, which follow the canvas, would otherwise disagree with it. */
  index = hit_test (self, x, y);
  if (index < 0)
    return;
  vessel = ramus_scene_get_vessel (self->scene, index)->vessel;
  self->selection = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[VESSEL_ACTIVATED], 0, vessel);
}

static void
motion_cb (RamusAtlasView           *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  gint index = hit_test (self, x, y);

  self->pointer_x = x;
  self->pointer_y = y;
  if (index == self->hover)
    return;
  self->hover = index;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), index >= 0 ? "pointer" : NULL);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (RamusAtlasView           *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_x = self->pointer_y = -1;
  if (self->hover < 0)
    return;
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
query_tooltip_cb (RamusAtlasView *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  const RamusVessel *vessel = keyboard ? ramus_atlas_view_get_selected (self) : ramus_atlas_view_vessel_at (self, x, y);
  g_autofree char *text = NULL;

  if (vessel == NULL)
    return FALSE;
  if (vessel->abbreviations[0])
    text = g_strdup_printf ("%s (%s)", ramus_vessel_get_name (vessel, self->style.lang), vessel->abbreviations[0]);
  else
    text = g_strdup (ramus_vessel_get_name (vessel, self->style.lang));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RamusAtlasView *self = RAMUS_ATLAS_VIEW (widget);
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  stop_kinetic (self);
  ramus_viewport_pan (&self->vp, dx * device_scale (self), dy * device_scale (self));
  gtk_widget_queue_draw (widget);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ramus_atlas_view_zoom_by (RAMUS_ATLAS_VIEW (widget), ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ramus_atlas_view_zoom_by (RAMUS_ATLAS_VIEW (widget), 1 / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ramus_atlas_view_zoom_fit (RAMUS_ATLAS_VIEW (widget));
}

/* --- frame timing ------------------------------------------------------- */

static gint
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static double
percentile_ms (GArray *samples,
               double  p)
{
  guint i;
  if (samples->len == 0)
    return NAN;
  g_array_sort (samples, compare_int64);
  i = MIN (samples->len - 1, (guint) ceil (p / 100.0 * samples->len) - 1);
  return g_array_index (samples, gint64, i) / 1000.0;
}

static void
before_paint_cb (GdkFrameClock  *clock,
                 RamusAtlasView *self)
{
  self->timing_paint_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock  *clock,
                RamusAtlasView *self)
{
  gint64 work = g_get_monotonic_time () - self->timing_paint_start;
  if (self->timing_frames > 0 && self->timing_paint_start > 0)
    g_array_append_val (self->timing_work, work);
}

static gboolean
timing_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  RamusAtlasView *self = RAMUS_ATLAS_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  guint done;

  if (self->timing_last > 0)
    {
      gint64 interval = now - self->timing_last;
      g_array_append_val (self->timing_intervals, interval);
    }
  self->timing_last = now;
  done = self->timing_intervals->len;

  if (done >= self->timing_frames)
    {
      printf ("frame timing: %u frames, %.0f×%.0f px\n", done, self->vp.width, self->vp.height);
      printf ("  frame interval  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms\n",
              percentile_ms (self->timing_intervals, 50), percentile_ms (self->timing_intervals, 95),
              percentile_ms (self->timing_intervals, 99));
      printf ("  frame work      p50 %.2f ms  p95 %.2f ms  p99 %.2f ms\n",
              percentile_ms (self->timing_work, 50), percentile_ms (self->timing_work, 95),
              percentile_ms (self->timing_work, 99));
      printf ("  canvas snapshot p50 %.2f ms  p95 %.2f ms  p99 %.2f ms\n",
              percentile_ms (self->timing_snapshot, 50), percentile_ms (self->timing_snapshot, 95),
              percentile_ms (self->timing_snapshot, 99));
      fflush (stdout);
      g_signal_handler_disconnect (clock, self->timing_before_paint);
      g_signal_handler_disconnect (clock, self->timing_after_paint);
      self->timing_frames = 0;
      self->timing_tick = 0;
      g_application_quit (g_application_get_default ());
      return G_SOURCE_REMOVE;
    }

  /* The script: a steady diagonal pan, a zoom step in or out every 30
   * frames, like an operator exploring the drawing. */
  ramus_viewport_pan (&self->vp, (done / 60) % 2 ? -9 : 9, (done / 90) % 2 ? -5 : 5);
  if (done % 30 == 29)
    ramus_viewport_zoom_at (&self->vp, (done / 30) % 4 < 2 ? ZOOM_STEP : 1 / ZOOM_STEP,
                            self->vp.width / 2, self->vp.height / 2);
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

/* Drives a scripted pan and zoom through the frame clock for @n_frames
 * frames, prints p50/p95/p99 frame times, and quits the application. */
void
ramus_atlas_view_run_frame_timing (RamusAtlasView *self,
                                   guint           n_frames)
{
  GdkFrameClock *clock;

  g_return_if_fail (RAMUS_IS_ATLAS_VIEW (self));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  g_return_if_fail (clock != NULL);

  self->timing_frames = MAX (10, n_frames);
  g_array_set_size (self->timing_intervals, 0);
  g_array_set_size (self->timing_work, 0);
  g_array_set_size (self->timing_snapshot, 0);
  self->timing_last = 0;
  self->timing_before_paint = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), self);
  self->timing_after_paint = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), self);
  self->timing_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), timing_tick_cb, NULL, NULL);
}

/* --- life cycle --------------------------------------------------------- */

static void
ramus_atlas_view_dispose (GObject *object)
{
  RamusAtlasView *self = RAMUS_ATLAS_VIEW (object);

  stop_kinetic (self);
  g_clear_pointer (&self->cache, ramus_tile_cache_free);
  g_clear_object (&self->renderer);
  g_clear_object (&self->scene);
  g_clear_pointer (&self->tile_textures, g_hash_table_unref);
  g_clear_pointer (&self->tile_last_used, g_hash_table_unref);
  g_clear_pointer (&self->label_images, g_hash_table_unref);

  G_OBJECT_CLASS (ramus_atlas_view_parent_class)->dispose (object);
}

static void
ramus_atlas_view_finalize (GObject *object)
{
  RamusAtlasView *self = RAMUS_ATLAS_VIEW (object);

  g_array_unref (self->route);
  g_array_unref (self->targets);
  g_array_unref (self->timing_intervals);
  g_array_unref (self->timing_work);
  g_array_unref (self->timing_snapshot);

  G_OBJECT_CLASS (ramus_atlas_view_parent_class)->finalize (object);
}

static void
ramus_atlas_view_class_init (RamusAtlasViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ramus_atlas_view_dispose;
  object_class->finalize = ramus_atlas_view_finalize;
  widget_class->snapshot = ramus_atlas_view_snapshot;
  widget_class->size_allocate = ramus_atlas_view_size_allocate;
  widget_class->measure = ramus_atlas_view_measure;

  /**
   * RamusAtlasView::vessel-activated:
   * @vessel: (type gpointer): the RamusVessel clicked
   */
  signals[VESSEL_ACTIVATED] = g_signal_new ("vessel-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_install_action (widget_class, "atlas.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "atlas.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "atlas.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "atlas.zoom-fit", NULL, zoom_fit_action);

  /* Arrows move the view over the drawing (the drawing moves the other way). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "atlas.pan", "(ii)", PAN_STEP, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "atlas.pan", "(ii)", -PAN_STEP, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "atlas.pan", "(ii)", 0, PAN_STEP);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "atlas.pan", "(ii)", 0, -PAN_STEP);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "atlas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "atlas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "atlas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "atlas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "atlas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "atlas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "atlas.zoom-fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "atlasview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ramus_atlas_view_init (RamusAtlasView *self)
{
  GtkGesture *drag, *swipe, *zoom, *click;
  GtkEventController *scroll, *motion;

  self->style = (RamusStyle) { RAMUS_THEME_LIGHT, RAMUS_LAYERS_DEFAULT, ramus_lang_for_locale () };
  self->selection = self->hover = -1;
  self->pointer_x = self->pointer_y = -1;
  self->route = g_array_new (FALSE, FALSE, sizeof (gint));
  self->targets = g_array_new (FALSE, FALSE, sizeof (gint));
  self->timing_intervals = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->timing_work = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->timing_snapshot = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tile_textures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->tile_last_used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->label_images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, label_image_free);
  /* One core stays with the frame: the main thread and, without a GPU,
   * the renderer and the display server. */
  self->cache = ramus_tile_cache_new (TILE_BUDGET, MAX (1, (gint) g_get_num_processors () - 1));
  ramus_tile_cache_set_ready_func (self->cache, tiles_ready_cb, self);
  self->vp.scale = 1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Arterial roadmap"),
                                  -1);

  drag = gtk_gesture_drag_new ();
  g_signal_connect_swapped (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect_swapped (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect_swapped (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  /* Gestures are grouped once both belong to the widget. */
  swipe = gtk_gesture_swipe_new ();
  g_signal_connect_swapped (swipe, "swipe", G_CALLBACK (swipe_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (swipe));
  gtk_gesture_group (swipe, drag);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (zoom, "begin", G_CALLBACK (pinch_begin_cb), self);
  g_signal_connect_swapped (zoom, "scale-changed", G_CALLBACK (pinch_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect_swapped (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_gesture_group (click, drag);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_swapped (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  motion = gtk_event_controller_motion_new ();
  /* The pointer may already rest on a vessel when it enters. */
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}
