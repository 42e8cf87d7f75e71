/* ramus-scene.h — the drawable content of one region: artwork, vessel
 * outlines and territories in world millimetres, with a hit-test index
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ramus-atlas.h"
#include "ramus-artwork.h"
#include "ramus-viewport.h"

G_BEGIN_DECLS

/* Levels of detail: the centreline simplified to within
 * RAMUS_SCENE_LOD_BASE_MM × 2^k, for drawing far-away vessels cheaply. */
#define RAMUS_SCENE_N_LOD 7
#define RAMUS_SCENE_LOD_BASE_MM 0.05

typedef struct
{
  const RamusVessel *vessel;   /* NULL in a synthetic scene */
  const char *names[RAMUS_N_LANGS];
  GArray *points;              /* smoothed centreline, RamusVertex in mm */
  GArray *lod[RAMUS_SCENE_N_LOD];
  double max_r;
  RamusRect bounds;
  RamusVesselKind kind;
  guint importance;            /* 3 trunk/feeder/danger … 0 minor branch */
  gboolean minor;              /* hidden with the "minor branches" layer off */
  gboolean mirror_copy;        /* the other side of a paired vessel (midline drawings) */
} RamusSceneVessel;

typedef struct
{
  guint vessel;                /* index into the scene's vessels */
  GArray *polygon;             /* RamusVertex, mm */
  RamusRect bounds;
} RamusSceneTerritory;

#define RAMUS_TYPE_SCENE (ramus_scene_get_type ())
G_DECLARE_FINAL_TYPE (RamusScene, ramus_scene, RAMUS, SCENE, GObject)

RamusScene                *ramus_scene_new_for_region  (RamusAtlas         *atlas,
                                                        const char         *region_id,
                                                        const RamusVariant *variant,
                                                        GError            **error);
RamusScene                *ramus_scene_new_stress      (guint               n_segments,
                                                        guint32             seed);

const char                *ramus_scene_get_region      (RamusScene *self);
void                       ramus_scene_get_bounds      (RamusScene *self,
                                                        RamusRect  *bounds);
gboolean                   ramus_scene_is_midline      (RamusScene *self);
const char                *ramus_scene_get_artwork     (RamusScene *self,
                                                        gsize      *length);
RamusArtwork              *ramus_scene_get_artwork_shapes (RamusScene *self);
guint                      ramus_scene_get_n_vessels   (RamusScene *self);
const RamusSceneVessel    *ramus_scene_get_vessel      (RamusScene *self,
                                                        guint       index);
gint                       ramus_scene_find_vessel     (RamusScene        *self,
                                                        const RamusVessel *vessel);
const GArray              *ramus_scene_vessel_points   (const RamusSceneVessel *vessel,
                                                        double                  scale);
guint                      ramus_scene_get_n_territories (RamusScene *self);
const RamusSceneTerritory *ramus_scene_get_territory   (RamusScene *self,
                                                        guint       index);
guint                      ramus_scene_get_n_segments  (RamusScene *self);
gint                       ramus_scene_hit_test        (RamusScene *self,
                                                        double      x,
                                                        double      y,
                                                        double      tolerance);
char                      *ramus_scene_to_svg          (RamusScene *self,
                                                        gboolean    with_artwork);

G_END_DECLS
