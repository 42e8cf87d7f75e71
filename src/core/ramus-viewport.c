/* ramus-viewport.c — pure conversions between the drawing and the screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-viewport"

#include "ramus-viewport.h"

#include <math.h>

/* The mirrored world: x reflected about the axis. An involution, so the
 * same call maps both ways. */
double
ramus_viewport_mirror_x (const RamusViewport *vp,
                         double               wx)
{
  return vp->mirror ? 2.0 * vp->mirror_axis - wx : wx;
}

void
ramus_viewport_to_screen (const RamusViewport *vp,
                          double               wx,
                          double               wy,
                          double              *sx,
                          double              *sy)
{
  double mx = ramus_viewport_mirror_x (vp, wx);
  double mcx = ramus_viewport_mirror_x (vp, vp->cx);

  *sx = (mx - mcx) * vp->scale + vp->width / 2.0;
  *sy = (wy - vp->cy) * vp->scale + vp->height / 2.0;
}

void
ramus_viewport_to_world (const RamusViewport *vp,
                         double               sx,
                         double               sy,
                         double              *wx,
                         double              *wy)
{
  double mcx = ramus_viewport_mirror_x (vp, vp->cx);
  double mx = (sx - vp->width / 2.0) / vp->scale + mcx;

  *wx = ramus_viewport_mirror_x (vp, mx);
  *wy = (sy - vp->height / 2.0) / vp->scale + vp->cy;
}

/* Zooms by @factor keeping the world point under (sx, sy) where it is. */
void
ramus_viewport_zoom_at (RamusViewport *vp,
                        double         factor,
                        double         sx,
                        double         sy)
{
  double wx, wy, scale, ax, ay;

  g_return_if_fail (factor > 0);

  ramus_viewport_to_world (vp, sx, sy, &wx, &wy);
  scale = CLAMP (vp->scale * factor, RAMUS_VIEWPORT_MIN_SCALE, RAMUS_VIEWPORT_MAX_SCALE);
  if (scale == vp->scale)
    return;
  vp->scale = scale;
  /* Move the centre so (wx, wy) is back under the pointer. */
  ramus_viewport_to_world (vp, sx, sy, &ax, &ay);
  vp->cx += wx - ax;
  vp->cy += wy - ay;
}

/* Moves the content by (dx, dy) screen pixels, as a drag does. */
void
ramus_viewport_pan (RamusViewport *vp,
                    double         dx,
                    double         dy)
{
  vp->cx -= (vp->mirror ? -dx : dx) / vp->scale;
  vp->cy -= dy / vp->scale;
}

void
ramus_viewport_fit (RamusViewport   *vp,
                    const RamusRect *world,
                    double           margin)
{
  double w, h;

  g_return_if_fail (world->width > 0 && world->height > 0);

  w = MAX (1.0, vp->width - 2 * margin);
  h = MAX (1.0, vp->height - 2 * margin);
  vp->scale = CLAMP (MIN (w / world->width, h / world->height),
                     RAMUS_VIEWPORT_MIN_SCALE, RAMUS_VIEWPORT_MAX_SCALE);
  vp->cx = world->x + world->width / 2.0;
  vp->cy = world->y + world->height / 2.0;
}

void
ramus_viewport_visible_rect (const RamusViewport *vp,
                             RamusRect           *world)
{
  double x0, y0, x1, y1;

  ramus_viewport_to_world (vp, 0, 0, &x0, &y0);
  ramus_viewport_to_world (vp, vp->width, vp->height, &x1, &y1);
  world->x = MIN (x0, x1);
  world->y = MIN (y0, y1);
  world->width = fabs (x1 - x0);
  world->height = fabs (y1 - y0);
}

gboolean
ramus_rect_intersects (const RamusRect *a,
                       const RamusRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

void
ramus_rect_union (RamusRect       *a,
                  const RamusRect *b)
{
  double x0, y0, x1, y1;

  if (a->width <= 0 || a->height <= 0)
    {
      *a = *b;
      return;
    }
  x0 = MIN (a->x, b->x);
  y0 = MIN (a->y, b->y);
  x1 = MAX (a->x + a->width, b->x + b->width);
  y1 = MAX (a->y + a->height, b->y + b->height);
  *a = (RamusRect) { x0, y0, x1 - x0, y1 - y0 };
}

gboolean
ramus_rect_contains_point (const RamusRect *r,
                           double           x,
                           double           y)
{
  return x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}
