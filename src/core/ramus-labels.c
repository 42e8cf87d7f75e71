/* ramus-labels.c — vessel names placed on the drawing without overlaps
 *
 * Greedy placement by priority (the selection, then trunks, feeders and
 * danger vessels, then the larger branches): each label tries positions
 * beside its vessel at several points along it, then positions further out
 * joined by a leader line, and is dropped if none is free. Zoomed out, only
 * the important vessels are named (decluttering).
 *
 * Positions are computed in "level" pixels: the drawing at the view's scale
 * with the view's centre at the origin of the level frame removed, so a pan
 * only translates them and placement reruns on zoom, not on every frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-labels"

#include "ramus-labels.h"

#include <math.h>

#define FONT "Sans 9"
#define FONT_SELECTED "Sans Bold 10"
#define PAD 2.0
#define GAP 4.0

struct _RamusLabels
{
  GArray *labels;               /* RamusLabel */
  PangoContext *context;
  GHashTable *sizes;            /* "vessel:lang:sel" -> double[2] */
  RamusScene *scene;            /* not owned: the scene the sizes belong to */
  double scale;
  gboolean mirror;
  double mirror_axis;
};

RamusLabels *
ramus_labels_new (void)
{
  RamusLabels *self = g_new0 (RamusLabels, 1);
  PangoFontMap *map = pango_cairo_font_map_new ();
  cairo_font_options_t *options = cairo_font_options_create ();

  self->labels = g_array_new (FALSE, FALSE, sizeof (RamusLabel));
  self->context = pango_font_map_create_context (map);
  /* Unhinted metrics: sizes do not depend on the device resolution, so the
   * screen, PNG, SVG and PDF place labels identically. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  g_object_unref (map);
  self->sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
ramus_labels_free (RamusLabels *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->labels);
  g_object_unref (self->context);
  g_hash_table_unref (self->sizes);
  g_free (self);
}

PangoLayout *
ramus_labels_layout (RamusLabels *self,
                     RamusScene  *scene,
                     guint        vessel,
                     RamusLang    lang,
                     gboolean     selected)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (selected ? FONT_SELECTED : FONT);
  const RamusSceneVessel *v = ramus_scene_get_vessel (scene, vessel);

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, v->names[lang] ? v->names[lang] : v->names[RAMUS_LANG_EN], -1);
  return layout;
}

static void
measure (RamusLabels *self,
         RamusScene  *scene,
         guint        vessel,
         RamusLang    lang,
         gboolean     selected,
         double      *width,
         double      *height)
{
  g_autofree char *key = g_strdup_printf ("%u:%d:%d", vessel, lang, selected);
  double *size = g_hash_table_lookup (self->sizes, key);

  if (size == NULL)
    {
      g_autoptr(PangoLayout) layout = ramus_labels_layout (self, scene, vessel, lang, selected);
      PangoRectangle logical;
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      size = g_new (double, 2);
      size[0] = logical.width + 2 * PAD;
      size[1] = logical.height + 2 * PAD;
      g_hash_table_insert (self->sizes, g_steal_pointer (&key), size);
    }
  *width = size[0];
  *height = size[1];
}

/* The level frame: screen pixels of a view centred on world (0, 0). */
static void
to_level (const RamusViewport *vp,
          double               wx,
          double               wy,
          double              *lx,
          double              *ly)
{
  double mx = vp->mirror ? 2 * vp->mirror_axis - wx : wx;
  *lx = mx * vp->scale;
  *ly = wy * vp->scale;
}

typedef struct
{
  guint vessel;
  guint priority;
  double length;
} Candidate;

static gint
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;
  if (ca->priority != cb->priority)
    return ca->priority > cb->priority ? -1 : 1;
  if (ca->length != cb->length)
    return ca->length > cb->length ? -1 : 1;
  return (gint) ca->vessel - (gint) cb->vessel;
}

static gboolean
overlaps (const RamusLabel *a,
          double x, double y, double w, double h)
{
  return x < a->x + a->width && a->x < x + w && y < a->y + a->height && a->y < y + h;
}

/* Placed boxes are few (tens to a few hundred), and a uniform bucket grid
 * keeps the overlap test cheap even for the benchmark's stress scene. */
#define BUCKET 64.0

static gboolean
box_free (GHashTable *buckets,
          GArray     *labels,
          double x, double y, double w, double h)
{
  for (gint bx = floor (x / BUCKET); bx <= floor ((x + w) / BUCKET); bx++)
    for (gint by = floor (y / BUCKET); by <= floor ((y + h) / BUCKET); by++)
      {
        GArray *list = g_hash_table_lookup (buckets, GINT_TO_POINTER ((bx << 16) ^ (by & 0xffff)));
        for (guint i = 0; list && i < list->len; i++)
          if (overlaps (&g_array_index (labels, RamusLabel, g_array_index (list, guint, i)), x, y, w, h))
            return FALSE;
      }
  return TRUE;
}

static void
box_add (GHashTable *buckets,
         GArray     *labels,
         const RamusLabel *label)
{
  guint index;

  g_array_append_val (labels, *label);
  index = labels->len - 1;
  for (gint bx = floor (label->x / BUCKET); bx <= floor ((label->x + label->width) / BUCKET); bx++)
    for (gint by = floor (label->y / BUCKET); by <= floor ((label->y + label->height) / BUCKET); by++)
      {
        gpointer key = GINT_TO_POINTER ((bx << 16) ^ (by & 0xffff));
        GArray *list = g_hash_table_lookup (buckets, key);
        if (list == NULL)
          {
            list = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_insert (buckets, key, list);
          }
        g_array_append_val (list, index);
      }
}

void
ramus_labels_place (RamusLabels         *self,
                    RamusScene          *scene,
                    const RamusViewport *vp,
                    gboolean             inside_view,
                    RamusLang            lang,
                    gboolean             show_minor,
                    gint                 selection)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GHashTable) buckets = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) named = g_hash_table_new (NULL, NULL);
  guint min_importance;
  double vx0 = -G_MAXDOUBLE, vy0 = -G_MAXDOUBLE, vx1 = G_MAXDOUBLE, vy1 = G_MAXDOUBLE;

  g_return_if_fail (self != NULL);
  g_return_if_fail (RAMUS_IS_SCENE (scene));

  if (self->scene != scene)
    g_hash_table_remove_all (self->sizes);
  self->scene = scene;
  self->scale = vp->scale;
  self->mirror = vp->mirror;
  self->mirror_axis = vp->mirror_axis;
  g_array_set_size (self->labels, 0);

  /* Labels stay whole inside the view: the view in level pixels. */
  if (inside_view)
    {
      double cx, cy;
      to_level (vp, vp->cx, vp->cy, &cx, &cy);
      vx0 = cx - vp->width / 2.0;
      vy0 = cy - vp->height / 2.0;
      vx1 = vx0 + vp->width;
      vy1 = vy0 + vp->height;
    }

  /* Declutter: the further out, the fewer names. */
  min_importance = vp->scale < 1.2 ? 3 : vp->scale < 2.5 ? 2 : vp->scale < 5 ? 1 : 0;

  for (guint i = 0; i < ramus_scene_get_n_vessels (scene); i++)
    {
      const RamusSceneVessel *v = ramus_scene_get_vessel (scene, i);
      Candidate c = { i, v->importance, v->bounds.width + v->bounds.height };
      gboolean selected = (gint) i == selection ||
                          (selection >= 0 && v->vessel && v->vessel == ramus_scene_get_vessel (scene, selection)->vessel);

      if (v->minor && !show_minor && !selected)
        continue;
      if (v->importance < min_importance && !selected)
        continue;
      /* Too small on screen to carry a name. */
      if ((v->bounds.width + v->bounds.height) * vp->scale < 12 && !selected)
        continue;
      if (selected)
        c.priority = 100;
      g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates);

  for (guint c = 0; c < candidates->len; c++)
    {
      guint vessel = g_array_index (candidates, Candidate, c).vessel;
      const RamusSceneVessel *v = ramus_scene_get_vessel (scene, vessel);
      gboolean selected = g_array_index (candidates, Candidate, c).priority == 100;
      static const double fractions[] = { 0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9 };
      double w, h;
      gboolean placed = FALSE;

      /* Both sides of a paired vessel carry the same name: name it once. */
      if (v->vessel && g_hash_table_contains (named, v->vessel))
        continue;
      measure (self, scene, vessel, lang, selected, &w, &h);

      for (int leader = 0; leader < 2 && !placed; leader++)
        for (guint f = 0; f < G_N_ELEMENTS (fractions) && !placed; f++)
          {
            guint n = v->points->len;
            guint k = MIN (n - 1, (guint) round (fractions[f] * (n - 1)));
            const RamusVertex *p = &g_array_index (v->points, RamusVertex, k);
            double ax, ay, off = p->r * vp->scale + GAP + (leader ? 28 : 0);
            const double dirs[][2] = { { 1, -0.5 }, { -1, -0.5 }, { 0, -1 }, { 0, 1 }, { 1, 0.5 }, { -1, 0.5 } };

            to_level (vp, p->x, p->y, &ax, &ay);
            for (guint d = 0; d < G_N_ELEMENTS (dirs) && !placed; d++)
              {
                double x = ax + dirs[d][0] * off - (dirs[d][0] < 0 ? w : dirs[d][0] == 0 ? w / 2 : 0);
                double y = ay + dirs[d][1] * off - (dirs[d][1] < 0 ? h : dirs[d][1] == 0 ? h / 2 : 0);
                if (dirs[d][0] == 0)
                  y = dirs[d][1] < 0 ? ay - off - h : ay + off;
                if (x >= vx0 && y >= vy0 && x + w <= vx1 && y + h <= vy1 &&
                    box_free (buckets, self->labels, x, y, w, h))
                  {
                    RamusLabel label = { vessel, x, y, w, h, ax, ay, leader == 1 };
                    box_add (buckets, self->labels, &label);
                    placed = TRUE;
                  }
              }
          }
      if (placed && v->vessel)
        g_hash_table_add (named, (gpointer) v->vessel);
    }
}

/* The translation from level pixels to the screen for @vp. */
void
ramus_labels_to_screen (RamusLabels         *self,
                        const RamusViewport *vp,
                        double              *dx,
                        double              *dy)
{
  double cx, cy;
  to_level (vp, vp->cx, vp->cy, &cx, &cy);
  *dx = vp->width / 2.0 - cx;
  *dy = vp->height / 2.0 - cy;
}

guint
ramus_labels_get_n (RamusLabels *self)
{
  return self->labels->len;
}

const RamusLabel *
ramus_labels_get (RamusLabels *self,
                  guint        index)
{
  g_return_val_if_fail (index < self->labels->len, NULL);
  return &g_array_index (self->labels, RamusLabel, index);
}

gboolean
ramus_labels_any_overlap (RamusLabels *self)
{
  for (guint i = 0; i < self->labels->len; i++)
    for (guint j = i + 1; j < self->labels->len; j++)
      {
        const RamusLabel *a = &g_array_index (self->labels, RamusLabel, i);
        const RamusLabel *b = &g_array_index (self->labels, RamusLabel, j);
        if (overlaps (a, b->x, b->y, b->width, b->height))
          return TRUE;
      }
  return FALSE;
}
