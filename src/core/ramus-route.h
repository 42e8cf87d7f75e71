/* ramus-route.h — from an access site to a target over the vessel graph,
 * for the patient's side: the vessels in order, an estimated length, the
 * narrowest calibre, the branch points and whether it can be done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ramus-atlas.h"
#include "ramus-scene.h"

G_BEGIN_DECLS

#define RAMUS_ROUTE_ERROR (ramus_route_error_quark ())
GQuark ramus_route_error_quark (void);

typedef enum
{
  RAMUS_ROUTE_ERROR_UNKNOWN_REGION,
  RAMUS_ROUTE_ERROR_UNKNOWN_ACCESS,
  RAMUS_ROUTE_ERROR_UNKNOWN_TARGET,
  RAMUS_ROUTE_ERROR_NOT_IN_REGION,   /* the target is not in the region */
  RAMUS_ROUTE_ERROR_ABSENT,          /* a variant-only vessel not in the chosen variant */
  RAMUS_ROUTE_ERROR_WRONG_SIDE,      /* a one-sided vessel asked for on the other side */
  RAMUS_ROUTE_ERROR_HEIGHT,          /* height out of range */
} RamusRouteError;

/* The heights routes are scaled for, and the height the atlas lengths are
 * given for (docs/atlas-format.md, `length`). */
#define RAMUS_ROUTE_REFERENCE_HEIGHT_CM 170.0

typedef enum
{
  RAMUS_ROUTE_STEP_RETROGRADE,       /* against the flow, towards the heart */
  RAMUS_ROUTE_STEP_TURN,             /* where the route leaves one branch for another */
  RAMUS_ROUTE_STEP_ANTEGRADE,        /* with the flow */
} RamusRouteStepDirection;

typedef struct
{
  const RamusVessel *vessel;
  RamusSide side;                    /* the instance of a paired vessel */
  RamusRouteStepDirection direction;
  double length_mm;                  /* travelled in this vessel, at the reference height */
  const char *length_source;         /* atlas source id, or NULL */
  const char *length_drawing;        /* drawing id when measured on a roadmap, or NULL */
  gboolean length_known;
} RamusRouteStep;

typedef struct
{
  const RamusAccessSite *access;
  RamusSide puncture_side;
  RamusSide side;                    /* the target's side */
  const RamusVessel *target;
  char *region;
  GArray *steps;                     /* of RamusRouteStep, puncture first, target last */
  double height_cm;                  /* the patient's, or the reference height */
  double length_cm;                  /* estimate, scaled to height_cm */
  gboolean length_complete;          /* FALSE when a segment's length is unknown */
  double min_diameter_mm;
  const RamusVessel *narrowest;
  guint branch_points;
  gboolean antegrade_injection;      /* needle towards the periphery, no catheter */
  gboolean feasible;
  char *reason;                      /* why it is not feasible; NULL when it is */
  double max_working_length_cm;      /* what the length was checked against, 0 if not checked */
  const char *working_length_device; /* device id, or NULL for the cited standard */
  GPtrArray *warnings;               /* of char*, translated */
  GPtrArray *sources;                /* of char* source ids, unique, in order of use */
} RamusRoute;

/* One row of an access comparison: a route, or the reason there is none. */
typedef struct
{
  const RamusAccessSite *access;
  RamusSide puncture_side;
  RamusRoute *route;                 /* NULL when refused */
  char *refusal;                     /* translated; NULL when there is a route */
} RamusRouteOption;

#define RAMUS_TYPE_ROUTE (ramus_route_get_type ())
GType ramus_route_get_type (void) G_GNUC_CONST;

RamusRoute *ramus_route_new               (RamusAtlas            *atlas,
                                           const char            *region_id,
                                           RamusSide              side,
                                           const RamusAccessSite *access,
                                           const RamusVessel     *target,
                                           const RamusVariant    *variant,
                                           double                 height_cm,
                                           GError               **error);
RamusRoute *ramus_route_new_full          (RamusAtlas            *atlas,
                                           const char            *region_id,
                                           RamusSide              side,
                                           const RamusAccessSite *access,
                                           RamusSide              puncture_side,
                                           const RamusVessel     *target,
                                           const RamusVariant    *variant,
                                           double                 height_cm,
                                           GError               **error);
RamusRoute *ramus_route_ref               (RamusRoute            *self);
void        ramus_route_unref             (RamusRoute            *self);

RamusSide   ramus_route_default_puncture_side (const RamusAccessSite *access,
                                               RamusSide              side);
gboolean    ramus_route_access_is_arm     (RamusAtlas            *atlas,
                                           const RamusAccessSite *access);
gboolean    ramus_route_puncture_side_is_free (RamusAtlas            *atlas,
                                               const RamusAccessSite *access);

GPtrArray  *ramus_route_compare           (RamusAtlas            *atlas,
                                           const char            *region_id,
                                           RamusSide              side,
                                           const RamusVessel     *target,
                                           const RamusVariant    *variant,
                                           double                 height_cm);
void        ramus_route_option_free       (RamusRouteOption      *option);

GArray     *ramus_route_scene_indices     (const RamusRoute      *self,
                                           RamusScene            *scene);
JsonNode   *ramus_route_to_json           (const RamusRoute      *self,
                                           RamusAtlas            *atlas);
const char *ramus_route_step_direction_to_string (RamusRouteStepDirection direction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusRoute, ramus_route_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusRouteOption, ramus_route_option_free)

G_END_DECLS
