/* ramus-viewport.h — what part of a drawing is shown, and how
 *
 * A plain value: world coordinates are the drawing's millimetres, screen
 * coordinates are device pixels with the origin top-left. Every conversion is
 * pure, so the maths is tested without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double cx;          /* world point at the centre of the view (mm) */
  double cy;
  double scale;       /* pixels per millimetre */
  double width;       /* view size in pixels */
  double height;
  gboolean mirror;    /* left-right mirror, for the patient's other side */
  double mirror_axis; /* world x the mirror reflects about */
} RamusViewport;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} RamusRect;

#define RAMUS_VIEWPORT_MIN_SCALE 0.05
#define RAMUS_VIEWPORT_MAX_SCALE 400.0

void     ramus_viewport_to_world     (const RamusViewport *vp,
                                      double               sx,
                                      double               sy,
                                      double              *wx,
                                      double              *wy);
void     ramus_viewport_to_screen    (const RamusViewport *vp,
                                      double               wx,
                                      double               wy,
                                      double              *sx,
                                      double              *sy);
void     ramus_viewport_zoom_at      (RamusViewport *vp,
                                      double         factor,
                                      double         sx,
                                      double         sy);
void     ramus_viewport_pan          (RamusViewport *vp,
                                      double         dx,
                                      double         dy);
void     ramus_viewport_fit          (RamusViewport   *vp,
                                      const RamusRect *world,
                                      double           margin);
void     ramus_viewport_visible_rect (const RamusViewport *vp,
                                      RamusRect           *world);
double   ramus_viewport_mirror_x     (const RamusViewport *vp,
                                      double               wx);

gboolean ramus_rect_intersects       (const RamusRect *a,
                                      const RamusRect *b);
void     ramus_rect_union            (RamusRect       *a,
                                      const RamusRect *b);
gboolean ramus_rect_contains_point   (const RamusRect *r,
                                      double           x,
                                      double           y);

G_END_DECLS
