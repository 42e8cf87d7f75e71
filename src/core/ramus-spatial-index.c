/* ramus-spatial-index.c — a uniform grid of line segments for hit testing
 *
 * Vessel segments are short and evenly spread, so a grid sized for a few
 * segments a cell answers "what is under the pointer" by looking at a
 * handful of segments: well under a microsecond, and simple to get right.
 * Cells are stored flat (offsets into one index array) for cache locality.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-spatial-index"

#include "ramus-spatial-index.h"
#include "ramus-geometry.h"

#include <math.h>

/* Each segment is filed in every cell within its radius plus this reach,
 * so a query of up to this tolerance reads one cell only. */
#define FILED_REACH_MM 2.0

struct _RamusSpatialIndex
{
  RamusSegment *segments;
  guint n_segments;
  double x0, y0;        /* grid origin */
  double cell;          /* cell size in mm */
  guint cols, rows;
  guint *offsets;       /* cols * rows + 1 */
  guint *items;         /* segment indices, by cell */
  float max_r;
};

static void
cell_range (const RamusSpatialIndex *index,
            double x0, double y0, double x1, double y1,
            guint *c0, guint *r0, guint *c1, guint *r1)
{
  double fc0 = floor ((x0 - index->x0) / index->cell), fr0 = floor ((y0 - index->y0) / index->cell);
  double fc1 = floor ((x1 - index->x0) / index->cell), fr1 = floor ((y1 - index->y0) / index->cell);

  *c0 = (guint) CLAMP (fc0, 0, index->cols - 1);
  *r0 = (guint) CLAMP (fr0, 0, index->rows - 1);
  *c1 = (guint) CLAMP (fc1, 0, index->cols - 1);
  *r1 = (guint) CLAMP (fr1, 0, index->rows - 1);
}

RamusSpatialIndex *
ramus_spatial_index_new (const RamusSegment *segments,
                         guint               n_segments)
{
  RamusSpatialIndex *index = g_new0 (RamusSpatialIndex, 1);
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double area;
  guint *fill;

  index->segments = g_memdup2 (segments, sizeof (RamusSegment) * MAX (1, n_segments));
  index->n_segments = n_segments;
  for (guint i = 0; i < n_segments; i++)
    {
      const RamusSegment *s = &segments[i];
      x0 = MIN (x0, MIN (s->x0, s->x1) - s->r);
      y0 = MIN (y0, MIN (s->y0, s->y1) - s->r);
      x1 = MAX (x1, MAX (s->x0, s->x1) + s->r);
      y1 = MAX (y1, MAX (s->y0, s->y1) + s->r);
      index->max_r = MAX (index->max_r, s->r);
    }
  if (n_segments == 0)
    x0 = y0 = 0, x1 = y1 = 1;

  /* About two segments a cell on average, but no smaller than the reach
   * they are filed with (smaller cells would only repeat them). */
  area = MAX (1e-6, (x1 - x0) * (y1 - y0));
  index->cell = MAX (FILED_REACH_MM, sqrt (area / MAX (1.0, n_segments / 2.0)));
  index->x0 = x0;
  index->y0 = y0;
  index->cols = MAX (1, (guint) ceil ((x1 - x0) / index->cell));
  index->rows = MAX (1, (guint) ceil ((y1 - y0) / index->cell));
  index->offsets = g_new0 (guint, index->cols * index->rows + 1);

  /* Two passes: count, then place (a segment goes in every cell its box
   * touches). */
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          for (guint c = 1; c <= index->cols * index->rows; c++)
            index->offsets[c] += index->offsets[c - 1];
          index->items = g_new (guint, MAX (1, index->offsets[index->cols * index->rows]));
        }
      fill = pass == 1 ? g_new0 (guint, index->cols * index->rows) : NULL;
      for (guint i = 0; i < n_segments; i++)
        {
          const RamusSegment *s = &segments[i];
          guint c0, r0, c1, r1;
          double reach = s->r + FILED_REACH_MM;
          cell_range (index, MIN (s->x0, s->x1) - reach, MIN (s->y0, s->y1) - reach,
                      MAX (s->x0, s->x1) + reach, MAX (s->y0, s->y1) + reach, &c0, &r0, &c1, &r1);
          for (guint r = r0; r <= r1; r++)
            for (guint c = c0; c <= c1; c++)
              {
                guint cell = r * index->cols + c;
                if (pass == 0)
                  index->offsets[cell + 1]++;
                else
                  index->items[index->offsets[cell] + fill[cell]++] = i;
              }
        }
      g_free (fill);
    }
  return index;
}

void
ramus_spatial_index_free (RamusSpatialIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->segments);
  g_free (index->offsets);
  g_free (index->items);
  g_free (index);
}

guint
ramus_spatial_index_n_cells (const RamusSpatialIndex *index)
{
  return index->cols * index->rows;
}

/* The segment whose vessel wall is nearest to (x, y) within @tolerance mm
 * of it; ties (a branch over its trunk) go to the later segment, which is
 * drawn on top. */
gboolean
ramus_spatial_index_nearest (const RamusSpatialIndex *index,
                             double                   x,
                             double                   y,
                             double                   tolerance,
                             guint                   *owner,
                             double                  *distance)
{
  double reach = tolerance <= FILED_REACH_MM ? 0 : tolerance + index->max_r;
  double best = G_MAXDOUBLE;
  guint best_segment = G_MAXUINT;
  guint c0, r0, c1, r1;

  cell_range (index, x - reach, y - reach, x + reach, y + reach, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * index->cols + c;
        for (guint k = index->offsets[cell]; k < index->offsets[cell + 1]; k++)
          {
            guint i = index->items[k];
            const RamusSegment *s = &index->segments[i];
            double d = ramus_geometry_segment_distance (x, y, s->x0, s->y0, s->x1, s->y1, NULL);
            /* Distance from the wall, not the centreline: inside counts 0. */
            double wall = MAX (0.0, d - s->r);
            if (wall <= tolerance && (wall < best || (wall == best && i > best_segment)))
              {
                best = wall;
                best_segment = i;
              }
          }
      }

  if (best_segment == G_MAXUINT)
    return FALSE;
  if (owner)
    *owner = index->segments[best_segment].owner;
  if (distance)
    *distance = best;
  return TRUE;
}
