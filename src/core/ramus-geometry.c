/* ramus-geometry.c — smooth centrelines, distances and polygons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-geometry"

#include "ramus-geometry.h"

#include <math.h>

static RamusVertex
vertex_at (const GArray *v,
           gint          i)
{
  i = CLAMP (i, 0, (gint) v->len - 1);
  return g_array_index (v, RamusVertex, i);
}

/* A Catmull-Rom curve through the authored vertices (which therefore lie on
 * the drawn vessel, so a branch starts exactly on its parent), flattened
 * into pieces no longer than @max_step mm. Radii are interpolated along. */
GArray *
ramus_geometry_smooth (const GArray *vertices,
                       double        max_step)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (RamusVertex));

  g_return_val_if_fail (vertices != NULL, out);
  g_return_val_if_fail (max_step > 0, out);

  if (vertices->len == 0)
    return out;
  g_array_append_val (out, g_array_index (vertices, RamusVertex, 0));

  for (guint i = 0; i + 1 < vertices->len; i++)
    {
      RamusVertex p0 = vertex_at (vertices, (gint) i - 1);
      RamusVertex p1 = vertex_at (vertices, i);
      RamusVertex p2 = vertex_at (vertices, i + 1);
      RamusVertex p3 = vertex_at (vertices, i + 2);
      double span = hypot (p2.x - p1.x, p2.y - p1.y);
      guint steps = MAX (1, (guint) ceil (span / max_step));

      for (guint s = 1; s <= steps; s++)
        {
          double t = (double) s / steps, t2 = t * t, t3 = t2 * t;
          RamusVertex q;
          q.x = 0.5 * ((2 * p1.x) + (-p0.x + p2.x) * t + (2 * p0.x - 5 * p1.x + 4 * p2.x - p3.x) * t2 +
                       (-p0.x + 3 * p1.x - 3 * p2.x + p3.x) * t3);
          q.y = 0.5 * ((2 * p1.y) + (-p0.y + p2.y) * t + (2 * p0.y - 5 * p1.y + 4 * p2.y - p3.y) * t2 +
                       (-p0.y + 3 * p1.y - 3 * p2.y + p3.y) * t3);
          q.r = p1.r + (p2.r - p1.r) * t;
          g_array_append_val (out, q);
        }
    }
  return out;
}

/* Distance from (px, py) to the segment; *t gets the nearest point's
 * parameter along it (0 at the start, 1 at the end). */
double
ramus_geometry_segment_distance (double  px,
                                 double  py,
                                 double  x0,
                                 double  y0,
                                 double  x1,
                                 double  y1,
                                 double *t)
{
  double dx = x1 - x0, dy = y1 - y0;
  double len2 = dx * dx + dy * dy;
  double u = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;

  u = CLAMP (u, 0.0, 1.0);
  if (t)
    *t = u;
  return hypot (px - (x0 + u * dx), py - (y0 + u * dy));
}

/* Even-odd rule. */
gboolean
ramus_geometry_polygon_contains (const GArray *polygon,
                                 double        x,
                                 double        y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = polygon->len - 1; i < polygon->len; j = i++)
    {
      const RamusVertex *a = &g_array_index (polygon, RamusVertex, i);
      const RamusVertex *b = &g_array_index (polygon, RamusVertex, j);
      if ((a->y > y) != (b->y > y) && x < (b->x - a->x) * (y - a->y) / (b->y - a->y) + a->x)
        inside = !inside;
    }
  return inside;
}

double
ramus_geometry_polygon_area (const GArray *polygon)
{
  double area = 0;

  for (guint i = 0, j = polygon->len - 1; i < polygon->len; j = i++)
    {
      const RamusVertex *a = &g_array_index (polygon, RamusVertex, i);
      const RamusVertex *b = &g_array_index (polygon, RamusVertex, j);
      area += (b->x + a->x) * (b->y - a->y);
    }
  return fabs (area) / 2.0;
}

double
ramus_geometry_polyline_length (const GArray *vertices)
{
  double length = 0;

  for (guint i = 1; i < vertices->len; i++)
    {
      const RamusVertex *a = &g_array_index (vertices, RamusVertex, i - 1);
      const RamusVertex *b = &g_array_index (vertices, RamusVertex, i);
      length += hypot (b->x - a->x, b->y - a->y);
    }
  return length;
}

/* Bounds of the vertices grown by their radii. */
void
ramus_geometry_bounds (const GArray *vertices,
                       RamusRect    *bounds)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint i = 0; i < vertices->len; i++)
    {
      const RamusVertex *v = &g_array_index (vertices, RamusVertex, i);
      x0 = MIN (x0, v->x - v->r);
      y0 = MIN (y0, v->y - v->r);
      x1 = MAX (x1, v->x + v->r);
      y1 = MAX (y1, v->y + v->r);
    }
  if (vertices->len == 0)
    x0 = y0 = x1 = y1 = 0;
  *bounds = (RamusRect) { x0, y0, x1 - x0, y1 - y0 };
}

/* Douglas–Peucker: drops vertices that lie within @tolerance mm of the line
 * through their neighbours (or whose radius changes less than that), so a
 * vessel far away is drawn with a few edges instead of hundreds. */
GArray *
ramus_geometry_simplify (const GArray *vertices,
                         double        tolerance)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (RamusVertex));
  g_autofree gboolean *keep = NULL;
  g_autoptr(GArray) stack = NULL;
  guint n = vertices->len;

  if (n <= 2)
    {
      g_array_append_vals (out, vertices->data, n);
      return out;
    }
  keep = g_new0 (gboolean, n);
  keep[0] = keep[n - 1] = TRUE;
  stack = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  {
    guint span[2] = { 0, n - 1 };
    g_array_append_val (stack, span);
  }
  while (stack->len > 0)
    {
      guint *top = &g_array_index (stack, guint, (stack->len - 1) * 2);
      guint first = top[0], last = top[1];
      const RamusVertex *a = &g_array_index (vertices, RamusVertex, first);
      const RamusVertex *b = &g_array_index (vertices, RamusVertex, last);
      double worst = 0;
      guint worst_i = 0;

      g_array_set_size (stack, stack->len - 1);
      for (guint i = first + 1; i < last; i++)
        {
          const RamusVertex *p = &g_array_index (vertices, RamusVertex, i);
          double t, d = ramus_geometry_segment_distance (p->x, p->y, a->x, a->y, b->x, b->y, &t);
          double dr = fabs (p->r - (a->r + (b->r - a->r) * t));
          d = MAX (d, dr);
          if (d > worst)
            {
              worst = d;
              worst_i = i;
            }
        }
      if (worst > tolerance)
        {
          guint left[2] = { first, worst_i }, right[2] = { worst_i, last };
          keep[worst_i] = TRUE;
          g_array_append_val (stack, left);
          g_array_append_val (stack, right);
        }
    }
  for (guint i = 0; i < n; i++)
    if (keep[i])
      g_array_append_val (out, g_array_index (vertices, RamusVertex, i));
  return out;
}
