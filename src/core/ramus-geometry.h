/* ramus-geometry.h — smooth centrelines, distances and polygons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ramus-atlas.h"
#include "ramus-viewport.h"

G_BEGIN_DECLS

GArray  *ramus_geometry_smooth          (const GArray *vertices,
                                         double        max_step);
double   ramus_geometry_segment_distance (double px,
                                          double py,
                                          double x0,
                                          double y0,
                                          double x1,
                                          double y1,
                                          double *t);
gboolean ramus_geometry_polygon_contains (const GArray *polygon,
                                          double        x,
                                          double        y);
double   ramus_geometry_polygon_area     (const GArray *polygon);
double   ramus_geometry_polyline_length  (const GArray *vertices);
GArray  *ramus_geometry_simplify         (const GArray *vertices,
                                          double        tolerance);
void     ramus_geometry_bounds           (const GArray *vertices,
                                          RamusRect    *bounds);

G_END_DECLS
