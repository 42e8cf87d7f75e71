/* ramus-render.c — draws a scene onto any cairo surface
 *
 * One code path for every output: the static layers (artwork, territories,
 * vessels) and the overlays (hover, selection, route, numbered targets,
 * labels). The screen's tiles are small viewports drawn by the same call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-render"

#include "ramus-render.h"
#include "ramus-labels.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

/* Thinner than this on screen, a vessel would vanish: keep it visible. */
#define MIN_WIDTH_PX 0.9
#define EDGE_PX 0.9
#define LABEL_REPLACE_PX 48.0

struct _RamusRenderer
{
  GObject parent_instance;

  RamusScene *scene;
  GMutex labels_lock;
  RamusLabels *labels;
  /* What the labels were last placed for. */
  double labels_scale;
  gboolean labels_mirror;
  RamusLang labels_lang;
  gboolean labels_minor;
  gint labels_selection;
  double labels_cx;
  double labels_cy;
  double labels_width;
  double labels_height;
  gboolean labels_valid;
  GHashTable *sprites;          /* "vessel:lang:selected:theme" -> cairo_surface_t */
  GMutex flat_lock;
  GHashTable *flat;             /* tile level -> GPtrArray of FlatShape, per artwork shape */
};

/* An artwork shape flattened into polylines for one zoom level: curves
 * become lines once per level instead of once per tile, and each tile then
 * hands cairo only the part it shows. */
typedef struct
{
  GArray *points;               /* RamusVertex (r unused) */
  GArray *starts;               /* guint: where each sub-path begins */
  GArray *closed;               /* gboolean per sub-path */
} FlatShape;

static void
flat_shape_free (FlatShape *f)
{
  g_array_unref (f->points);
  g_array_unref (f->starts);
  g_array_unref (f->closed);
  g_free (f);
}

G_DEFINE_FINAL_TYPE (RamusRenderer, ramus_renderer, G_TYPE_OBJECT)

static void
ramus_renderer_finalize (GObject *object)
{
  RamusRenderer *self = RAMUS_RENDERER (object);

  g_clear_pointer (&self->labels, ramus_labels_free);
  g_clear_pointer (&self->sprites, g_hash_table_unref);
  g_clear_pointer (&self->flat, g_hash_table_unref);
  g_mutex_clear (&self->flat_lock);
  g_mutex_clear (&self->labels_lock);
  g_clear_object (&self->scene);

  G_OBJECT_CLASS (ramus_renderer_parent_class)->finalize (object);
}

static void
ramus_renderer_class_init (RamusRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ramus_renderer_finalize;
}

static void
ramus_renderer_init (RamusRenderer *self)
{
  g_mutex_init (&self->labels_lock);
  self->labels = ramus_labels_new ();
  self->sprites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) cairo_surface_destroy);
  g_mutex_init (&self->flat_lock);
  self->flat = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

RamusRenderer *
ramus_renderer_new (RamusScene *scene)
{
  RamusRenderer *self;

  g_return_val_if_fail (RAMUS_IS_SCENE (scene), NULL);

  self = g_object_new (RAMUS_TYPE_RENDERER, NULL);
  self->scene = g_object_ref (scene);
  return self;
}

RamusScene *
ramus_renderer_get_scene (RamusRenderer *self)
{
  g_return_val_if_fail (RAMUS_IS_RENDERER (self), NULL);
  return self->scene;
}

static void
set_color (cairo_t          *cr,
           const RamusColor *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

/* The world (mm) to screen transform of @vp, mirror included. */
static void
apply_viewport (cairo_t             *cr,
                const RamusViewport *vp)
{
  /* screen x = ±(x - cx) · scale + width / 2: the mirror reflects about the
   * view's centre, which matches ramus_viewport_to_screen for any axis. */
  cairo_translate (cr, vp->width / 2.0, vp->height / 2.0);
  cairo_scale (cr, vp->mirror ? -vp->scale : vp->scale, vp->scale);
  cairo_translate (cr, -vp->cx, -vp->cy);
}


static FlatShape *
flatten (const RamusArtShape *shape,
         double               scale)
{
  FlatShape *f = g_new0 (FlatShape, 1);
  cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_ALPHA, NULL);
  cairo_t *cr = cairo_create (scratch);
  cairo_path_t *flat;

  f->points = g_array_new (FALSE, FALSE, sizeof (RamusVertex));
  f->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  f->closed = g_array_new (FALSE, FALSE, sizeof (gboolean));
  /* A quarter of a pixel at this level's scale. */
  cairo_scale (cr, scale, scale);
  cairo_set_tolerance (cr, 0.25);
  cairo_append_path (cr, shape->path);
  flat = cairo_copy_path_flat (cr);
  for (int i = 0; i < flat->num_data; i += flat->data[i].header.length)
    {
      cairo_path_data_t *d = &flat->data[i];
      RamusVertex v = { 0 };
      switch (d->header.type)
        {
        case CAIRO_PATH_MOVE_TO:
          {
            guint start = f->points->len;
            gboolean closed = FALSE;
            g_array_append_val (f->starts, start);
            g_array_append_val (f->closed, closed);
          }
          G_GNUC_FALLTHROUGH;
        case CAIRO_PATH_LINE_TO:
          v.x = d[1].point.x;
          v.y = d[1].point.y;
          g_array_append_val (f->points, v);
          break;
        case CAIRO_PATH_CLOSE_PATH:
          if (f->closed->len > 0)
            g_array_index (f->closed, gboolean, f->closed->len - 1) = TRUE;
          break;
        case CAIRO_PATH_CURVE_TO:
        default:
          break;
        }
    }
  cairo_path_destroy (flat);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  return f;
}

/* The artwork flattened for the view's tile level, made once per level. */
static GPtrArray *
flat_artwork (RamusRenderer *self,
              RamusArtwork  *artwork,
              double         scale)
{
  gint64 key = (gint64) round (log2 (scale) * 4);
  GPtrArray *shapes;

  g_mutex_lock (&self->flat_lock);
  shapes = g_hash_table_lookup (self->flat, &key);
  if (shapes == NULL)
    {
      shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) flat_shape_free);
      for (guint i = 0; i < ramus_artwork_get_n_shapes (artwork); i++)
        g_ptr_array_add (shapes, flatten (ramus_artwork_get_shape (artwork, i), exp2 (key / 4.0)));
      g_hash_table_insert (self->flat, g_memdup2 (&key, sizeof key), shapes);
    }
  g_ptr_array_ref (shapes);
  g_mutex_unlock (&self->flat_lock);
  return shapes;
}

/* Sutherland–Hodgman: a closed polygon cut to @r. */
static GArray *
clip_polygon (const RamusVertex *in,
              guint              n,
              const RamusRect   *r)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (RamusVertex));
  GArray *b = g_array_new (FALSE, FALSE, sizeof (RamusVertex));

  g_array_append_vals (a, in, n);
  for (int edge = 0; edge < 4 && a->len > 0; edge++)
    {
      g_array_set_size (b, 0);
      for (guint i = 0; i < a->len; i++)
        {
          RamusVertex p = g_array_index (a, RamusVertex, i);
          RamusVertex q = g_array_index (a, RamusVertex, (i + 1) % a->len);
          double pv, qv, limit;
          gboolean p_in, q_in;

          switch (edge)
            {
            case 0: pv = p.x; qv = q.x; limit = r->x; break;
            case 1: pv = -p.x; qv = -q.x; limit = -(r->x + r->width); break;
            case 2: pv = p.y; qv = q.y; limit = r->y; break;
            default: pv = -p.y; qv = -q.y; limit = -(r->y + r->height); break;
            }
          p_in = pv >= limit;
          q_in = qv >= limit;
          if (p_in)
            g_array_append_val (b, p);
          if (p_in != q_in)
            {
              double t = (limit - pv) / (qv - pv);
              RamusVertex m = { p.x + t * (q.x - p.x), p.y + t * (q.y - p.y), 0 };
              g_array_append_val (b, m);
            }
        }
      { GArray *swap = a; a = b; b = swap; }
    }
  g_array_unref (b);
  return a;
}

static void
append_flat (cairo_t         *cr,
             const FlatShape *f,
             const RamusRect *clip,
             gboolean         for_fill)
{
  for (guint s = 0; s < f->starts->len; s++)
    {
      guint start = g_array_index (f->starts, guint, s);
      guint end = s + 1 < f->starts->len ? g_array_index (f->starts, guint, s + 1) : f->points->len;
      const RamusVertex *p = &g_array_index (f->points, RamusVertex, start);
      guint n = end - start;

      if (n < 2)
        continue;
      if (for_fill)
        {
          /* Filled: the part inside the tile, as one polygon. */
          g_autoptr(GArray) cut = clip_polygon (p, n, clip);
          for (guint i = 0; i < cut->len; i++)
            {
              const RamusVertex *v = &g_array_index (cut, RamusVertex, i);
              if (i == 0)
                cairo_move_to (cr, v->x, v->y);
              else
                cairo_line_to (cr, v->x, v->y);
            }
          if (cut->len > 0)
            cairo_close_path (cr);
        }
      else
        {
          /* Stroked: only the segments that reach the tile. */
          gboolean closed = g_array_index (f->closed, gboolean, s);
          gboolean drawing = FALSE;
          guint segments = closed ? n : n - 1;
          for (guint i = 0; i < segments; i++)
            {
              const RamusVertex *a = &p[i], *b = &p[(i + 1) % n];
              RamusRect box = { MIN (a->x, b->x), MIN (a->y, b->y), fabs (b->x - a->x) + 1e-9,
                                fabs (b->y - a->y) + 1e-9 };
              if (!ramus_rect_intersects (&box, clip))
                {
                  drawing = FALSE;
                  continue;
                }
              if (!drawing)
                cairo_move_to (cr, a->x, a->y);
              cairo_line_to (cr, b->x, b->y);
              drawing = TRUE;
            }
        }
    }
}

/* The artwork's shapes in view, styled by the theme, then its text labels
 * upright (on a mirrored view too) at their mirrored places. */
static void
draw_artwork (RamusRenderer       *self,
              cairo_t             *cr,
              const RamusViewport *vp,
              const RamusTheme    *theme,
              const RamusRect     *visible)
{
  RamusArtwork *artwork = ramus_scene_get_artwork_shapes (self->scene);
  double px = 1.0 / vp->scale;
  g_autoptr(GPtrArray) flat = NULL;
  RamusRect clip = *visible;

  if (artwork == NULL)
    return;
  flat = flat_artwork (self, artwork, vp->scale);
  /* A little beyond the view, so no cut edge or stroke end shows. */
  clip.x -= 4 * px;
  clip.y -= 4 * px;
  clip.width += 8 * px;
  clip.height += 8 * px;

  for (guint i = 0; i < ramus_artwork_get_n_shapes (artwork); i++)
    {
      const RamusArtShape *shape = ramus_artwork_get_shape (artwork, i);
      const RamusArtStyle *style = &theme->art[shape->klass];
      const FlatShape *f = g_ptr_array_index (flat, i);
      RamusRect grown = shape->bounds;

      grown.x -= style->stroke_mm;
      grown.y -= style->stroke_mm;
      grown.width += 2 * style->stroke_mm;
      grown.height += 2 * style->stroke_mm;
      if (!ramus_rect_intersects (&grown, visible))
        continue;
      if (style->fill.a > 0)
        {
          cairo_new_path (cr);
          append_flat (cr, f, &clip, TRUE);
          cairo_set_fill_rule (cr, shape->even_odd ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING);
          cairo_set_source_rgba (cr, style->fill.r, style->fill.g, style->fill.b, style->fill.a * shape->fill_opacity);
          /* An outlined shape's edge is under its stroke: no need to smooth
           * it, and unsmoothed fills cost a third as much. */
          cairo_set_antialias (cr, style->stroke.a > 0 ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_FAST);
          cairo_fill (cr);
          cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
        }
      if (style->stroke.a > 0)
        {
          double dash[] = { 2.0, 1.5 };
          cairo_new_path (cr);
          append_flat (cr, f, &clip, FALSE);
          /* Never thinner than a pixel: fine lines would shimmer. */
          cairo_set_line_width (cr, MAX (style->stroke_mm, 0.8 * px));
          cairo_set_dash (cr, dash, style->dashed ? 2 : 0, 0);
          set_color (cr, &style->stroke);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      cairo_new_path (cr);
    }
}

static void
draw_artwork_labels (RamusRenderer       *self,
                     cairo_t             *cr,
                     const RamusViewport *vp,
                     const RamusTheme    *theme,
                     RamusLang            lang)
{
  RamusArtwork *artwork = ramus_scene_get_artwork_shapes (self->scene);

  if (artwork == NULL)
    return;
  for (guint i = 0; i < ramus_artwork_get_n_labels (artwork); i++)
    {
      const RamusArtLabel *label = ramus_artwork_get_label (artwork, i);
      const char *text = ramus_art_label_get_text (label, lang);
      glong n_chars = g_utf8_strlen (text, -1);
      g_autoptr(PangoLayout) layout = NULL;
      PangoFontDescription *font;
      double size = label->size * vp->scale, x, y;
      PangoRectangle logical;

      /* Too small to read, or too big to be a label any more. */
      if (size < 6)
        continue;
      /* Not near this view (a tile is a small view): no text to shape. */
      ramus_viewport_to_screen (vp, label->x, label->y, &x, &y);
      if (y < -2 * size || y > vp->height + 2 * size ||
          x < -size * (n_chars + 2) || x > vp->width + size * (n_chars + 2))
        continue;
      size = MIN (size, 22);
      layout = pango_cairo_create_layout (cr);
      font = pango_font_description_from_string ("Sans");
      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      ramus_viewport_to_screen (vp, label->x, label->y, &x, &y);
      if (label->centred)
        x -= logical.width / 2.0;
      else if (vp->mirror)
        x -= logical.width;     /* left-anchored text grows the other way */
      y -= pango_layout_get_baseline (layout) / (double) PANGO_SCALE;
      cairo_move_to (cr, x, y);
      set_color (cr, &theme->art_label);
      pango_cairo_show_layout (cr, layout);
    }
}

/* The tapered outline of vertices @first to @last of a vessel: its
 * centreline offset by the radius (at least @min_r) on each side, each
 * offset along the normal of the whole vessel at that vertex, so pieces of
 * one vessel join without a seam. Every sub-path winds the same way
 * (positive), so outlines and round ends fill as one shape under the
 * non-zero rule. */
static void
outline_run (cairo_t      *cr,
             const GArray *points,
             guint         first,
             guint         last,
             double        grow,
             double        min_r,
             double       *xy)
{
  guint n = points->len, m = last - first + 1;
  double area = 0, first_x = 0, first_y = 0, prev_x = 0, prev_y = 0;

  for (guint k = 0; k < 2 * m; k++)
    {
      gboolean forward = k < m;
      guint i = first + (forward ? k : 2 * m - 1 - k);
      const RamusVertex *p = &g_array_index (points, RamusVertex, i);
      const RamusVertex *a = &g_array_index (points, RamusVertex, i > 0 ? i - 1 : i);
      const RamusVertex *b = &g_array_index (points, RamusVertex, i + 1 < n ? i + 1 : i);
      double dx = b->x - a->x, dy = b->y - a->y, len = sqrt (dx * dx + dy * dy);
      double r = MAX (p->r, min_r) + grow;
      double s = forward ? r : -r;

      xy[2 * k] = p->x + (len > 0 ? -dy / len : 0) * s;
      xy[2 * k + 1] = p->y + (len > 0 ? dx / len : 0) * s;
      if (k > 0)
        area += prev_x * xy[2 * k + 1] - xy[2 * k] * prev_y;
      else
        first_x = xy[0], first_y = xy[1];
      prev_x = xy[2 * k];
      prev_y = xy[2 * k + 1];
    }
  area += prev_x * first_y - first_x * prev_y;

  for (guint k = 0; k < 2 * m; k++)
    {
      guint j = area >= 0 ? k : 2 * m - 1 - k;
      if (k == 0)
        cairo_move_to (cr, xy[2 * j], xy[2 * j + 1]);
      else
        cairo_line_to (cr, xy[2 * j], xy[2 * j + 1]);
    }
  cairo_close_path (cr);
}

/* A vessel's tapered outline with round ends. With @visible, only the
 * stretches whose outline can reach it: a tile is a small view, and a long
 * vessel crossing it would otherwise be outlined, flattened and clipped in
 * full for every tile it touches. */
static void
vessel_path (cairo_t         *cr,
             const GArray    *points,
             double           grow,
             double           min_r,
             gboolean         caps,
             const RamusRect *visible)
{
  guint n = points->len;
  g_autofree double *xy = NULL;
  gint run_start = -1;

  if (n < 2)
    return;
  xy = g_new (double, 4 * n);
  for (guint i = 0; i + 1 < n; i++)
    {
      const RamusVertex *a = &g_array_index (points, RamusVertex, i);
      const RamusVertex *b = &g_array_index (points, RamusVertex, i + 1);
      /* Beyond the radius, the outline's mitre can reach out by as much
       * again where the vessel turns sharply. */
      double reach = 2 * (MAX (MAX (a->r, b->r), min_r) + grow);
      gboolean near = visible == NULL ||
                      (MAX (a->x, b->x) + reach >= visible->x && MIN (a->x, b->x) - reach <= visible->x + visible->width &&
                       MAX (a->y, b->y) + reach >= visible->y && MIN (a->y, b->y) - reach <= visible->y + visible->height);

      if (near && run_start < 0)
        run_start = (gint) i;
      if (run_start >= 0 && (!near || i + 2 == n))
        {
          outline_run (cr, points, (guint) run_start, near ? i + 1 : i, grow, min_r, xy);
          run_start = -1;
        }
    }
  for (guint end = 0; caps && end < 2; end++)
    {
      const RamusVertex *p = &g_array_index (points, RamusVertex, end ? n - 1 : 0);
      double r = MAX (p->r, min_r) + grow;
      if (visible && (p->x + r < visible->x || p->x - r > visible->x + visible->width ||
                      p->y + r < visible->y || p->y - r > visible->y + visible->height))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, p->x, p->y, r, 0, 2 * G_PI);
    }
}

static void
polygon_path (cairo_t      *cr,
              const GArray *polygon)
{
  for (guint i = 0; i < polygon->len; i++)
    {
      const RamusVertex *p = &g_array_index (polygon, RamusVertex, i);
      if (i == 0)
        cairo_move_to (cr, p->x, p->y);
      else
        cairo_line_to (cr, p->x, p->y);
    }
  cairo_close_path (cr);
}

static void
polyline_path (cairo_t      *cr,
               const GArray *points)
{
  for (guint i = 0; i < points->len; i++)
    {
      const RamusVertex *p = &g_array_index (points, RamusVertex, i);
      if (i == 0)
        cairo_move_to (cr, p->x, p->y);
      else
        cairo_line_to (cr, p->x, p->y);
    }
}

/* The static layers of the part of the scene in @vp. */
void
ramus_renderer_draw_static (RamusRenderer       *self,
                            cairo_t             *cr,
                            const RamusViewport *vp,
                            const RamusStyle    *style)
{
  const RamusTheme *theme = ramus_theme_get (style->theme);
  RamusScene *scene = self->scene;
  RamusRect visible, bounds;
  double px = 1.0 / vp->scale;   /* one screen pixel in mm */

  g_return_if_fail (RAMUS_IS_RENDERER (self));

  ramus_viewport_visible_rect (vp, &visible);
  ramus_scene_get_bounds (scene, &bounds);

  cairo_save (cr);
  set_color (cr, &theme->background);
  cairo_paint (cr);
  apply_viewport (cr, vp);
  /* Cairo's faster antialiasing: a sixth less work a tile, and at tile
   * resolution the edges look the same (compared side by side). */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  if ((style->layers & RAMUS_LAYER_ARTWORK) && ramus_rect_intersects (&visible, &bounds))
    draw_artwork (self, cr, vp, theme, &visible);

  if (style->layers & RAMUS_LAYER_TERRITORIES)
    for (guint i = 0; i < ramus_scene_get_n_territories (scene); i++)
      {
        const RamusSceneTerritory *t = ramus_scene_get_territory (scene, i);
        const RamusColor *c = &theme->vessel[ramus_scene_get_vessel (scene, t->vessel)->kind];
        if (!ramus_rect_intersects (&t->bounds, &visible))
          continue;
        polygon_path (cr, t->polygon);
        cairo_set_source_rgba (cr, c->r, c->g, c->b, 0.16);
        /* A faint wash with a dashed outline: steps at its edge do not
         * show, and smoothing it would cost three times as much. */
        cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
        cairo_fill_preserve (cr);
        cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
        cairo_set_source_rgba (cr, c->r, c->g, c->b, 0.55);
        cairo_set_line_width (cr, 1.0 * px);
        {
          double dash[] = { 4 * px, 3 * px };
          cairo_set_dash (cr, dash, 2, 0);
        }
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
      }

  if (style->layers & RAMUS_LAYER_VESSELS)
    {
      double min_r = MIN_WIDTH_PX / 2 * px;
      guint n = ramus_scene_get_n_vessels (scene);
      g_autofree gboolean *shown = g_new0 (gboolean, n);

      for (guint i = 0; i < n; i++)
        {
          const RamusSceneVessel *v = ramus_scene_get_vessel (scene, i);
          RamusRect grown = v->bounds;

          if (v->minor && !(style->layers & RAMUS_LAYER_MINOR))
            continue;
          grown.x -= 2 * px;
          grown.y -= 2 * px;
          grown.width += 4 * px;
          grown.height += 4 * px;
          shown[i] = ramus_rect_intersects (&grown, &visible);
        }

      /* Each vessel over a dark edge, so crossings stay legible; later
       * (distal) vessels on top of earlier ones. */
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
      for (guint i = 0; i < n; i++)
        {
          const RamusSceneVessel *v = ramus_scene_get_vessel (scene, i);
          const GArray *points;
          gboolean wide;

          if (!shown[i])
            continue;
          points = ramus_scene_vessel_points (v, vp->scale);
          /* A vessel a pixel or two wide needs neither edge nor round ends
           * to read well, and drawing them would triple its cost. */
          wide = v->max_r * vp->scale >= 1.2;
          if (wide)
            {
              vessel_path (cr, points, EDGE_PX * px, min_r, TRUE, &visible);
              set_color (cr, &theme->vessel_edge);
              cairo_fill (cr);
            }
          vessel_path (cr, points, 0, min_r, wide, &visible);
          set_color (cr, &theme->vessel[v->kind]);
          cairo_fill (cr);
        }

      /* Not colour alone: danger vessels carry a dashed centre line. */
      for (guint i = 0; i < n; i++)
        {
          const RamusSceneVessel *v = ramus_scene_get_vessel (scene, i);
          double dash[] = { 3 * px, 2.5 * px };
          if (!shown[i] || v->kind != RAMUS_VESSEL_DANGER)
            continue;
          polyline_path (cr, v->points);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, MAX (0.8 * px, 0.5 * MAX (min_r, g_array_index (v->points, RamusVertex, 0).r)));
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }

  cairo_restore (cr);

  /* The artwork's own labels (segments, vertebral levels) in screen space,
   * so they read the right way round on a mirrored view. */
  if ((style->layers & RAMUS_LAYER_ARTWORK) && ramus_rect_intersects (&visible, &bounds))
    draw_artwork_labels (self, cr, vp, theme, style->lang);
}

static void
ensure_labels (RamusRenderer       *self,
               const RamusViewport *vp,
               const RamusStyle    *style,
               gint                 selection)
{
  gboolean minor = (style->layers & RAMUS_LAYER_MINOR) != 0;

  /* A pan moves the placed labels with the drawing; they are placed anew
   * once it has moved a little way, not on every frame of a drag. */
  if (self->labels_valid && self->labels_scale == vp->scale && self->labels_mirror == vp->mirror &&
      self->labels_lang == style->lang && self->labels_minor == minor && self->labels_selection == selection &&
      fabs (self->labels_cx - vp->cx) * vp->scale < LABEL_REPLACE_PX &&
      fabs (self->labels_cy - vp->cy) * vp->scale < LABEL_REPLACE_PX &&
      self->labels_width == vp->width && self->labels_height == vp->height)
    return;
  ramus_labels_place (self->labels, self->scene, vp, TRUE, style->lang, minor, selection);
  self->labels_cx = vp->cx;
  self->labels_cy = vp->cy;
  self->labels_width = vp->width;
  self->labels_height = vp->height;
  self->labels_valid = TRUE;
  self->labels_scale = vp->scale;
  self->labels_mirror = vp->mirror;
  self->labels_lang = style->lang;
  self->labels_minor = minor;
  self->labels_selection = selection;
}

/* A label drawn on its halo, at @device_scale pixels a view pixel. */
static cairo_surface_t *
render_label (RamusRenderer          *self,
              const RamusPlacedLabel *label,
              const RamusStyle       *style,
              double                  device_scale)
{
  const RamusTheme *theme = ramus_theme_get (style->theme);
  g_autoptr(PangoLayout) layout = NULL;
  cairo_surface_t *image;
  cairo_t *cr;

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (label->width * device_scale),
                                      (int) ceil (label->height * device_scale));
  cairo_surface_set_device_scale (image, device_scale, device_scale);
  cr = cairo_create (image);
  set_color (cr, &theme->label_halo);
  cairo_paint (cr);
  layout = ramus_labels_layout (self->labels, self->scene, label->vessel, style->lang, label->selected);
  cairo_move_to (cr, 2, 2);
  set_color (cr, &theme->label);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  return image;
}

/* Cached per name, language, emphasis and theme, so a frame only copies. */
cairo_surface_t *
ramus_renderer_label_image (RamusRenderer          *self,
                            const RamusPlacedLabel *label,
                            const RamusStyle       *style,
                            double                  device_scale)
{
  g_autofree char *key = g_strdup_printf ("%u:%d:%d:%d:%g", label->vessel, style->lang, label->selected,
                                          style->theme, device_scale);
  cairo_surface_t *image;

  g_return_val_if_fail (RAMUS_IS_RENDERER (self), NULL);

  g_mutex_lock (&self->labels_lock);
  image = g_hash_table_lookup (self->sprites, key);
  if (image == NULL)
    {
      if (g_hash_table_size (self->sprites) > 2000)
        g_hash_table_remove_all (self->sprites);
      image = render_label (self, label, style, device_scale);
      g_hash_table_insert (self->sprites, g_steal_pointer (&key), image);
    }
  cairo_surface_reference (image);
  g_mutex_unlock (&self->labels_lock);
  return image;
}

/* The labels of @vp that are in view, in its pixels. */
GArray *
ramus_renderer_place_labels (RamusRenderer       *self,
                             const RamusViewport *vp,
                             const RamusStyle    *style,
                             gint                 selection)
{
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (RamusPlacedLabel));
  double dx, dy;

  g_return_val_if_fail (RAMUS_IS_RENDERER (self), placed);

  g_mutex_lock (&self->labels_lock);
  ensure_labels (self, vp, style, selection);
  ramus_labels_to_screen (self->labels, vp, &dx, &dy);
  for (guint i = 0; i < ramus_labels_get_n (self->labels); i++)
    {
      const RamusLabel *label = ramus_labels_get (self->labels, i);
      const RamusSceneVessel *v = ramus_scene_get_vessel (self->scene, label->vessel);
      RamusPlacedLabel p = {
        label->vessel, label->x + dx, label->y + dy, label->width, label->height,
        label->anchor_x + dx, label->anchor_y + dy, label->leader,
        selection >= 0 && (label->vessel == (guint) selection ||
                           (v->vessel && v->vessel == ramus_scene_get_vessel (self->scene, selection)->vessel)),
      };
      /* Only whole labels: one the pan has pushed over the edge waits for
       * the next placement. */
      if (p.x < 0 || p.y < 0 || p.x + p.width > vp->width || p.y + p.height > vp->height)
        continue;
      g_array_append_val (placed, p);
    }
  g_mutex_unlock (&self->labels_lock);
  return placed;
}

static void
draw_labels (RamusRenderer       *self,
             cairo_t             *cr,
             const RamusViewport *vp,
             const RamusStyle    *style,
             gint                 selection)
{
  const RamusTheme *theme = ramus_theme_get (style->theme);
  g_autoptr(GArray) placed = ramus_renderer_place_labels (self, vp, style, selection);
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t matrix;
  double sx = 1, sy = 1;
  gboolean raster;

  cairo_get_matrix (cr, &matrix);
  cairo_surface_get_device_scale (target, &sx, &sy);
  raster = cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE && sx == 1 && sy == 1 &&
           matrix.xx == 1 && matrix.yy == 1 && matrix.xy == 0 && matrix.yx == 0;

  /* Every leader line in one stroke: they are all alike, and under the
   * names they point from. */
  cairo_new_path (cr);
  for (guint i = 0; i < placed->len; i++)
    {
      const RamusPlacedLabel *label = &g_array_index (placed, RamusPlacedLabel, i);
      if (!label->leader)
        continue;
      cairo_move_to (cr, label->anchor_x, label->anchor_y);
      cairo_line_to (cr, CLAMP (label->anchor_x, label->x, label->x + label->width),
                     CLAMP (label->anchor_y, label->y, label->y + label->height));
    }
  set_color (cr, &theme->leader);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);

  for (guint i = 0; i < placed->len; i++)
    {
      const RamusPlacedLabel *label = &g_array_index (placed, RamusPlacedLabel, i);

      if (raster)
        {
          /* On a plain image, names are copied from cached images: text
           * shaping is the dear part of a frame. */
          cairo_surface_t *image = ramus_renderer_label_image (self, label, style, 1.0);
          cairo_set_source_surface (cr, image, round (label->x), round (label->y));
          cairo_paint (cr);
          cairo_surface_destroy (image);
        }
      else
        {
          /* Vectors (SVG, PDF, print) keep their text as text. */
          g_autoptr(PangoLayout) layout = ramus_labels_layout (self->labels, self->scene, label->vessel,
                                                               style->lang, label->selected);
          cairo_rectangle (cr, label->x, label->y, label->width, label->height);
          set_color (cr, &theme->label_halo);
          cairo_fill (cr);
          cairo_move_to (cr, label->x + 2, label->y + 2);
          set_color (cr, &theme->label);
          pango_cairo_show_layout (cr, layout);
        }
    }
}

static void
highlight_vessel (cairo_t             *cr,
                  const RamusViewport *vp,
                  const RamusSceneVessel *v,
                  const RamusColor    *color,
                  double               grow_px)
{
  RamusRect visible;

  ramus_viewport_visible_rect (vp, &visible);
  cairo_save (cr);
  apply_viewport (cr, vp);
  vessel_path (cr, ramus_scene_vessel_points (v, vp->scale), grow_px / vp->scale,
               MIN_WIDTH_PX / 2 / vp->scale, TRUE, &visible);
  cairo_restore (cr);
  set_color (cr, color);
  cairo_fill (cr);
}

/* Everything drawn per frame over the static layers, in screen pixels. */
void
ramus_renderer_draw_overlay (RamusRenderer       *self,
                             cairo_t             *cr,
                             const RamusViewport *vp,
                             const RamusStyle    *style,
                             const RamusOverlay  *overlay)
{
  const RamusTheme *theme = ramus_theme_get (style->theme);
  RamusScene *scene = self->scene;
  guint n = ramus_scene_get_n_vessels (scene);

  g_return_if_fail (RAMUS_IS_RENDERER (self));

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);

  if (overlay && overlay->selection >= 0 && (guint) overlay->selection < n)
    {
      /* Both sides of a paired vessel in a midline drawing. */
      const RamusVessel *vessel = ramus_scene_get_vessel (scene, overlay->selection)->vessel;
      for (guint i = 0; i < n; i++)
        {
          const RamusSceneVessel *v = ramus_scene_get_vessel (scene, i);
          if ((gint) i == overlay->selection || (vessel && v->vessel == vessel))
            {
              RamusColor edge = theme->vessel_edge;
              edge.a = 1;
              highlight_vessel (cr, vp, v, &edge, 4.5);
              highlight_vessel (cr, vp, v, &theme->selection, 3.0);
              highlight_vessel (cr, vp, v, &theme->vessel[v->kind], 0);
            }
        }
    }

  if (overlay && overlay->hover >= 0 && (guint) overlay->hover < n && overlay->hover != overlay->selection)
    highlight_vessel (cr, vp, ramus_scene_get_vessel (scene, overlay->hover), &theme->hover, 2.5);

  if (overlay && overlay->n_route > 0)
    {
      double dash[] = { 8, 5 };
      cairo_save (cr);
      apply_viewport (cr, vp);
      for (guint i = 0; i < overlay->n_route; i++)
        if (overlay->route[i] >= 0 && (guint) overlay->route[i] < n)
          polyline_path (cr, ramus_scene_get_vessel (scene, overlay->route[i])->points);
      cairo_restore (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 3.0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      set_color (cr, &theme->route);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  if (style->layers & RAMUS_LAYER_LABELS)
    draw_labels (self, cr, vp, style, overlay ? overlay->selection : -1);

  if (overlay)
    for (guint i = 0; i < overlay->n_targets; i++)
      {
        const RamusSceneVessel *v;
        const RamusVertex *tip;
        g_autofree char *number = g_strdup_printf ("%u", i + 1);
        cairo_text_extents_t ext;
        double x, y;

        if (overlay->targets[i] < 0 || (guint) overlay->targets[i] >= n)
          continue;
        v = ramus_scene_get_vessel (scene, overlay->targets[i]);
        tip = &g_array_index (v->points, RamusVertex, v->points->len - 1);
        ramus_viewport_to_screen (vp, tip->x, tip->y, &x, &y);
        cairo_arc (cr, x, y, 9, 0, 2 * G_PI);
        set_color (cr, &theme->target_fill);
        cairo_fill_preserve (cr);
        set_color (cr, &theme->background);
        cairo_set_line_width (cr, 1.5);
        cairo_stroke (cr);
        cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
        cairo_set_font_size (cr, 11);
        cairo_text_extents (cr, number, &ext);
        cairo_move_to (cr, x - ext.width / 2 - ext.x_bearing, y - ext.height / 2 - ext.y_bearing);
        set_color (cr, &theme->target_text);
        cairo_show_text (cr, number);
      }

  cairo_restore (cr);
}

void
ramus_renderer_draw (RamusRenderer       *self,
                     cairo_t             *cr,
                     const RamusViewport *vp,
                     const RamusStyle    *style,
                     const RamusOverlay  *overlay)
{
  ramus_renderer_draw_static (self, cr, vp, style);
  ramus_renderer_draw_overlay (self, cr, vp, style, overlay);
}

/* Writes PNG, SVG or PDF by the file's extension; vectors stay vectors. */
gboolean
ramus_renderer_export (RamusRenderer       *self,
                       const char          *path,
                       const RamusViewport *vp,
                       const RamusStyle    *style,
                       const RamusOverlay  *overlay,
                       GError             **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean png = g_str_has_suffix (lower, ".png");

  g_return_val_if_fail (RAMUS_IS_RENDERER (self), FALSE);

  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) vp->width, (int) vp->height);
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, vp->width, vp->height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (path, vp->width, vp->height);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: unknown format (use .png, .svg or .pdf)", path);
      return FALSE;
    }

  cr = cairo_create (surface);
  ramus_renderer_draw (self, cr, vp, style, overlay);
  cairo_destroy (cr);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS && png)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
ramus_renderer_labels_overlap (RamusRenderer *self)
{
  return ramus_labels_any_overlap (self->labels);
}

guint
ramus_renderer_n_labels (RamusRenderer *self)
{
  return ramus_labels_get_n (self->labels);
}
