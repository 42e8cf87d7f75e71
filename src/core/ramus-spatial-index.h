/* ramus-spatial-index.h — a uniform grid of line segments for hit testing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ramus-viewport.h"

G_BEGIN_DECLS

typedef struct
{
  float x0, y0, x1, y1;
  float r;                 /* the larger radius of the two ends */
  guint owner;             /* caller's id: the vessel index */
} RamusSegment;

typedef struct _RamusSpatialIndex RamusSpatialIndex;

RamusSpatialIndex *ramus_spatial_index_new      (const RamusSegment *segments,
                                                 guint               n_segments);
void               ramus_spatial_index_free     (RamusSpatialIndex *index);
gboolean           ramus_spatial_index_nearest  (const RamusSpatialIndex *index,
                                                 double                   x,
                                                 double                   y,
                                                 double                   tolerance,
                                                 guint                   *owner,
                                                 double                  *distance);
guint              ramus_spatial_index_n_cells  (const RamusSpatialIndex *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusSpatialIndex, ramus_spatial_index_free)

G_END_DECLS
