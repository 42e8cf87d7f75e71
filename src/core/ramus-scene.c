/* ramus-scene.c — the drawable content of one region
 *
 * Built once per region (and variant) from the atlas: each course is
 * smoothed into a polyline with a radius per vertex, cut into segments for
 * the hit-test grid. Immutable afterwards, so worker threads read it freely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-scene"

#include "ramus-scene.h"
#include "ramus-geometry.h"
#include "ramus-spatial-index.h"

#include <math.h>
#include <string.h>

/* Smoothing step: fine enough that a curve looks round at the highest zoom
 * that still shows a whole small vessel. */
#define SMOOTH_STEP_MM 1.5

struct _RamusScene
{
  GObject parent_instance;

  char *region;
  double width;
  double height;
  gboolean midline;
  char *artwork;               /* SVG text */
  RamusArtwork *shapes;        /* the same, parsed; NULL if it would not parse */
  GPtrArray *vessels;          /* RamusSceneVessel* */
  GPtrArray *territories;      /* RamusSceneTerritory* */
  GArray *segments;            /* RamusSegment */
  RamusSpatialIndex *index;
  GPtrArray *owned_names;      /* names of a synthetic scene */
};

G_DEFINE_FINAL_TYPE (RamusScene, ramus_scene, G_TYPE_OBJECT)

static void
scene_vessel_free (RamusSceneVessel *v)
{
  for (guint k = 0; k < RAMUS_SCENE_N_LOD; k++)
    g_array_unref (v->lod[k]);
  g_array_unref (v->points);
  g_free (v);
}

static void
scene_territory_free (RamusSceneTerritory *t)
{
  g_array_unref (t->polygon);
  g_free (t);
}

static void
ramus_scene_finalize (GObject *object)
{
  RamusScene *self = RAMUS_SCENE (object);

  g_free (self->region);
  g_free (self->artwork);
  g_clear_pointer (&self->shapes, ramus_artwork_free);
  g_ptr_array_unref (self->vessels);
  g_ptr_array_unref (self->territories);
  g_array_unref (self->segments);
  g_clear_pointer (&self->index, ramus_spatial_index_free);
  g_ptr_array_unref (self->owned_names);

  G_OBJECT_CLASS (ramus_scene_parent_class)->finalize (object);
}

static void
ramus_scene_class_init (RamusSceneClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ramus_scene_finalize;
}

static void
ramus_scene_init (RamusScene *self)
{
  self->vessels = g_ptr_array_new_with_free_func ((GDestroyNotify) scene_vessel_free);
  self->territories = g_ptr_array_new_with_free_func ((GDestroyNotify) scene_territory_free);
  self->segments = g_array_new (FALSE, FALSE, sizeof (RamusSegment));
  self->owned_names = g_ptr_array_new_with_free_func (g_free);
}

static guint
importance_of (RamusVesselKind kind,
               double          diameter)
{
  switch (kind)
    {
    case RAMUS_VESSEL_TRUNK:
    case RAMUS_VESSEL_FEEDER:
    case RAMUS_VESSEL_DANGER:
      return 3;
    case RAMUS_VESSEL_COLLATERAL:
      return 2;
    case RAMUS_VESSEL_BRANCH:
    default:
      return diameter >= 1.5 ? 1 : 0;
    }
}

static RamusSceneVessel *
add_vessel (RamusScene *self,
            GArray     *points)
{
  RamusSceneVessel *v = g_new0 (RamusSceneVessel, 1);
  guint index = self->vessels->len;

  v->points = points;
  ramus_geometry_bounds (points, &v->bounds);
  for (guint k = 0; k < RAMUS_SCENE_N_LOD; k++)
    v->lod[k] = ramus_geometry_simplify (points, RAMUS_SCENE_LOD_BASE_MM * (1u << k));
  for (guint i = 0; i < points->len; i++)
    v->max_r = MAX (v->max_r, g_array_index (points, RamusVertex, i).r);
  for (guint i = 1; i < points->len; i++)
    {
      const RamusVertex *a = &g_array_index (points, RamusVertex, i - 1);
      const RamusVertex *b = &g_array_index (points, RamusVertex, i);
      RamusSegment s = { a->x, a->y, b->x, b->y, MAX (a->r, b->r), index };
      g_array_append_val (self->segments, s);
    }
  g_ptr_array_add (self->vessels, v);
  return v;
}

static GArray *
mirrored (const GArray *points,
          double        axis)
{
  GArray *copy = g_array_copy ((GArray *) points);
  for (guint i = 0; i < copy->len; i++)
    g_array_index (copy, RamusVertex, i).x = 2 * axis - g_array_index (copy, RamusVertex, i).x;
  return copy;
}

static void
finish (RamusScene *self)
{
  g_autoptr(GError) error = NULL;

  /* The compiler refused any artwork that does not parse; a failure here
   * (a stress scene, a hand-made atlas) only leaves the bones out. */
  if (self->artwork)
    self->shapes = ramus_artwork_parse (self->artwork, -1, &error);
  if (error)
    g_warning ("artwork of %s: %s", self->region, error->message);
  self->index = ramus_spatial_index_new ((RamusSegment *) self->segments->data, self->segments->len);
}

RamusScene *
ramus_scene_new_for_region (RamusAtlas         *atlas,
                            const char         *region_id,
                            const RamusVariant *variant,
                            GError            **error)
{
  const RamusDrawing *drawing;
  g_autoptr(RamusScene) self = NULL;

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (region_id != NULL, NULL);

  drawing = ramus_atlas_get_drawing (atlas, region_id);
  if (drawing == NULL)
    {
      g_set_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_NOT_FOUND,
                   "the atlas has no drawing for region “%s”", region_id);
      return NULL;
    }

  self = g_object_new (RAMUS_TYPE_SCENE, NULL);
  self->region = g_strdup (region_id);
  self->width = drawing->width;
  self->height = drawing->height;
  self->midline = drawing->midline;
  self->artwork = g_strdup (drawing->artwork_svg);

  for (guint i = 0; i < drawing->courses->len; i++)
    {
      const RamusCourse *c = g_ptr_array_index (drawing->courses, i);
      const RamusVessel *vessel = c->vessel;
      RamusSceneVessel *v;
      double diameter;

      if (vessel == NULL || !ramus_atlas_vessel_present (vessel, variant))
        continue;
      diameter = (vessel->diameter_min + vessel->diameter_max) / 2.0;
      v = add_vessel (self, ramus_geometry_smooth (c->vertices, SMOOTH_STEP_MM));
      v->vessel = vessel;
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        v->names[l] = ramus_vessel_get_name (vessel, l);
      v->kind = vessel->kind;
      v->importance = importance_of (vessel->kind, diameter);
      v->minor = vessel->kind == RAMUS_VESSEL_BRANCH && diameter < 1.5;

      /* A midline drawing shows both sides of a paired vessel. */
      if (self->midline && vessel->laterality == RAMUS_LATERALITY_PAIRED)
        {
          RamusSceneVessel *copy = add_vessel (self, mirrored (v->points, self->width / 2.0));
          copy->vessel = v->vessel;
          copy->max_r = v->max_r;
          memcpy (copy->names, v->names, sizeof v->names);
          copy->kind = v->kind;
          copy->importance = v->importance;
          copy->minor = v->minor;
          copy->mirror_copy = TRUE;
        }
    }

  for (guint i = 0; i < drawing->territories->len; i++)
    {
      const RamusTerritory *t = g_ptr_array_index (drawing->territories, i);
      gint vessel = ramus_scene_find_vessel (self, t->vessel);
      RamusSceneTerritory *st;

      if (vessel < 0)
        continue;
      st = g_new0 (RamusSceneTerritory, 1);
      st->vessel = vessel;
      st->polygon = g_array_copy (t->polygon);
      ramus_geometry_bounds (st->polygon, &st->bounds);
      g_ptr_array_add (self->territories, st);

      /* The other side's territory of a paired vessel, as for its course. */
      if (self->midline && t->vessel->laterality == RAMUS_LATERALITY_PAIRED)
        {
          RamusSceneTerritory *copy = g_new0 (RamusSceneTerritory, 1);
          copy->vessel = vessel + 1 < (gint) self->vessels->len &&
                         ((RamusSceneVessel *) g_ptr_array_index (self->vessels, vessel + 1))->mirror_copy
                         ? vessel + 1 : vessel;
          copy->polygon = mirrored (t->polygon, self->width / 2.0);
          ramus_geometry_bounds (copy->polygon, &copy->bounds);
          g_ptr_array_add (self->territories, copy);
        }
    }

  finish (self);
  return g_steal_pointer (&self);
}

/* A synthetic arterial tree with at least @n_segments segments, for the
 * benchmark's stress scene only: it is never shown as anatomy. */
typedef struct
{
  RamusVertex at;
  double dx, dy;
} Sprout;

RamusScene *
ramus_scene_new_stress (guint   n_segments,
                        guint32 seed)
{
  RamusScene *self = g_object_new (RAMUS_TYPE_SCENE, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Sprout));
  Sprout root = { { 500, 0, 12 }, 0, 1 };
  guint count = 0;

  self->region = g_strdup ("stress");
  self->width = 1000;
  self->height = 1000;
  self->artwork = g_strdup ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1000 1000'>"
                            "<rect class='bone' x='350' y='50' width='300' height='900' rx='120'/>"
                            "<ellipse class='organ' cx='500' cy='500' rx='420' ry='300'/></svg>");

  g_array_append_val (stack, root);
  while (self->segments->len < n_segments && stack->len > 0)
    {
      Sprout start;
      GArray *points = g_array_new (FALSE, FALSE, sizeof (RamusVertex));
      RamusVertex p;
      double dx, dy;
      guint steps = 8 + g_rand_int_range (rand, 0, 8);
      RamusSceneVessel *v;
      char *name;

      start = g_array_index (stack, Sprout, 0);
      g_array_remove_index (stack, 0);
      p = start.at;
      dx = start.dx;
      dy = start.dy;
      g_array_append_val (points, p);
      for (guint s = 0; s < steps; s++)
        {
          double angle = g_rand_double_range (rand, -0.25, 0.25);
          double ndx = dx * cos (angle) - dy * sin (angle), ndy = dx * sin (angle) + dy * cos (angle);
          dx = ndx;
          dy = ndy;
          p.x = CLAMP (p.x + dx * 6, 0, 1000);
          p.y = CLAMP (p.y + dy * 6, 0, 1000);
          p.r = MAX (0.3, p.r * 0.97);
          g_array_append_val (points, p);
        }
      v = add_vessel (self, points);
      name = g_strdup_printf ("Synthetic vessel %u", count++);
      g_ptr_array_add (self->owned_names, name);
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        v->names[l] = name;
      v->kind = p.r > 3 ? RAMUS_VESSEL_TRUNK : RAMUS_VESSEL_BRANCH;
      v->importance = p.r > 3 ? 3 : p.r > 1 ? 1 : 0;
      v->minor = p.r < 0.8;

      for (int b = 0; b < 2; b++)
        {
          double spread = (b == 0 ? -1 : 1) * g_rand_double_range (rand, 0.3, 0.9);
          Sprout child = { { p.x, p.y, MAX (0.3, p.r * 0.8) },
                           dx * cos (spread) - dy * sin (spread), dx * sin (spread) + dy * cos (spread) };
          g_array_append_val (stack, child);
        }
    }

  finish (self);
  return self;
}

const char *
ramus_scene_get_region (RamusScene *self)
{
  g_return_val_if_fail (RAMUS_IS_SCENE (self), NULL);
  return self->region;
}

void
ramus_scene_get_bounds (RamusScene *self,
                        RamusRect  *bounds)
{
  g_return_if_fail (RAMUS_IS_SCENE (self));
  *bounds = (RamusRect) { 0, 0, self->width, self->height };
}

gboolean
ramus_scene_is_midline (RamusScene *self)
{
  g_return_val_if_fail (RAMUS_IS_SCENE (self), FALSE);
  return self->midline;
}

const char *
ramus_scene_get_artwork (RamusScene *self,
                         gsize      *length)
{
  g_return_val_if_fail (RAMUS_IS_SCENE (self), NULL);
  if (length)
    *length = self->artwork ? strlen (self->artwork) : 0;
  return self->artwork;
}

RamusArtwork *
ramus_scene_get_artwork_shapes (RamusScene *self)
{
  g_return_val_if_fail (RAMUS_IS_SCENE (self), NULL);
  return self->shapes;
}

guint
ramus_scene_get_n_vessels (RamusScene *self)
{
  g_return_val_if_fail (RAMUS_IS_SCENE (self), 0);
  return self->vessels->len;
}

const RamusSceneVessel *
ramus_scene_get_vessel (RamusScene *self,
                        guint       index)
{
  g_return_val_if_fail (RAMUS_IS_SCENE (self), NULL);
  g_return_val_if_fail (index < self->vessels->len, NULL);
  return g_ptr_array_index (self->vessels, index);
}

/* The first scene vessel drawing @vessel, or -1. */
gint
ramus_scene_find_vessel (RamusScene        *self,
                         const RamusVessel *vessel)
{
  g_return_val_if_fail (RAMUS_IS_SCENE (self), -1);

  for (guint i = 0; i < self->vessels->len; i++)
    if (((RamusSceneVessel *) g_ptr_array_index (self->vessels, i))->vessel == vessel)
      return i;
  return -1;
}

/* The centreline with detail enough for @scale px/mm: within a third of a
 * pixel of the full curve. */
const GArray *
ramus_scene_vessel_points (const RamusSceneVessel *vessel,
                           double                  scale)
{
  double tolerance = 0.3 / scale;
  const GArray *best = vessel->points;

  for (guint k = 0; k < RAMUS_SCENE_N_LOD; k++)
    if (RAMUS_SCENE_LOD_BASE_MM * (1u << k) <= tolerance)
      best = vessel->lod[k];
  return best;
}

guint
ramus_scene_get_n_territories (RamusScene *self)
{
  g_return_val_if_fail (RAMUS_IS_SCENE (self), 0);
  return self->territories->len;
}

const RamusSceneTerritory *
ramus_scene_get_territory (RamusScene *self,
                           guint       index)
{
  g_return_val_if_fail (RAMUS_IS_SCENE (self), NULL);
  g_return_val_if_fail (index < self->territories->len, NULL);
  return g_ptr_array_index (self->territories, index);
}

guint
ramus_scene_get_n_segments (RamusScene *self)
{
  g_return_val_if_fail (RAMUS_IS_SCENE (self), 0);
  return self->segments->len;
}

/* The vessel under the world point (x, y), within @tolerance mm of its
 * wall, or -1. */
gint
ramus_scene_hit_test (RamusScene *self,
                      double      x,
                      double      y,
                      double      tolerance)
{
  guint owner;

  g_return_val_if_fail (RAMUS_IS_SCENE (self), -1);

  if (!ramus_spatial_index_nearest (self->index, x, y, tolerance, &owner, NULL))
    return -1;
  return owner;
}

/* The scene as one SVG document (artwork, then vessels as filled tapered
 * outlines): the benchmark's librsvg baseline draws this. */
char *
ramus_scene_to_svg (RamusScene *self,
                    gboolean    with_artwork)
{
  GString *svg = g_string_new (NULL);
  char buf[3][G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (svg, "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %s %s'>\n",
                          g_ascii_dtostr (buf[0], sizeof buf[0], self->width),
                          g_ascii_dtostr (buf[1], sizeof buf[1], self->height));
  if (with_artwork && self->artwork)
    {
      /* Nest the artwork document as it is. */
      const char *body = strstr (self->artwork, "<svg");
      if (body)
        g_string_append (svg, body);
      g_string_append_c (svg, '\n');
    }
  for (guint i = 0; i < self->vessels->len; i++)
    {
      const RamusSceneVessel *v = g_ptr_array_index (self->vessels, i);
      g_string_append (svg, "<g fill='none' stroke='#c0392b' stroke-linecap='round'>");
      for (guint p = 1; p < v->points->len; p++)
        {
          const RamusVertex *a = &g_array_index (v->points, RamusVertex, p - 1);
          const RamusVertex *b = &g_array_index (v->points, RamusVertex, p);
          g_string_append_printf (svg, "<line x1='%.2f' y1='%.2f' x2='%.2f' y2='%.2f' stroke-width='%.2f'/>",
                                  a->x, a->y, b->x, b->y, a->r + b->r);
        }
      g_string_append (svg, "</g>\n");
    }
  g_string_append (svg, "</svg>\n");
  return g_string_free (svg, FALSE);
}
