/* ramus-devices.h — does a sheath, catheter, microcatheter and wire set fit
 * together, the route and the target; propose one that does
 *
 * Sizes come from the device catalogue (data/atlas/devices.atlas). For a
 * microcatheter, `french` is the tip size and `outer_mm` the largest outer
 * diameter along the shaft, so the lumen check uses the shaft and the
 * calibre check the tip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ramus-atlas.h"
#include "ramus-route.h"

G_BEGIN_DECLS

/* Planning margins. These are Ramus's own conservative margins, not figures
 * from a source; each message states the margin it applied.
 *   LUMEN_CLEARANCE: room a microcatheter's shaft needs inside a catheter
 *     lumen beyond its own outer diameter (tolerances, coating, contrast);
 *   OUTSIDE: length of a catheter or microcatheter that stays outside the
 *     patient (hub, haemostatic valve, the operator's hands);
 *   MICRO_BEYOND: how far a microcatheter must be able to project beyond the
 *     catheter tip to reach branches past the parent trunk. */
#define RAMUS_DEVICES_LUMEN_CLEARANCE_MM 0.03
#define RAMUS_DEVICES_OUTSIDE_CM         10.0
#define RAMUS_DEVICES_MICRO_BEYOND_CM    15.0

#define RAMUS_MM_PER_FRENCH (1.0 / 3.0)
#define RAMUS_MM_PER_INCH   25.4

typedef enum
{
  RAMUS_DEVICE_CONFLICT_SHEATH_ACCESS,     /* sheath larger than the access site takes */
  RAMUS_DEVICE_CONFLICT_CATHETER_SHEATH,   /* catheter French > sheath French */
  RAMUS_DEVICE_CONFLICT_MICRO_CATHETER,    /* microcatheter shaft does not pass the catheter lumen */
  RAMUS_DEVICE_CONFLICT_WIRE_MICRO,        /* wire does not pass the microcatheter lumen */
  RAMUS_DEVICE_CONFLICT_WIRE_CATHETER,     /* wire does not pass the catheter lumen */
  RAMUS_DEVICE_CONFLICT_CATHETER_LENGTH,   /* catheter does not reach the parent trunk */
  RAMUS_DEVICE_CONFLICT_MICRO_LENGTH,      /* microcatheter does not reach the target / project far enough */
  RAMUS_DEVICE_CONFLICT_WIRE_LENGTH,       /* wire no longer than what it runs through */
  RAMUS_DEVICE_CONFLICT_MICRO_CALIBRE,     /* microcatheter tip wider than the target's smallest calibre */
  RAMUS_DEVICE_CONFLICT_NONE_AVAILABLE,    /* the catalogue has no device of a needed type */
} RamusDeviceConflictKind;

typedef struct
{
  RamusDeviceConflictKind kind;
  char *message;                 /* translated, with its numbers and units */
} RamusDeviceConflict;

/* What the route and the target ask of the devices; unknown numbers NAN. */
typedef struct
{
  double route_length_cm;        /* puncture to the target (estimate) */
  double parent_length_cm;       /* puncture to the target's parent trunk, where the
                                  * catheter parks; NAN: the route length */
  double target_min_diameter_mm; /* smallest calibre on the way to and at the target */
  const RamusAccessSite *access; /* nullable */
} RamusDeviceNeeds;

typedef struct
{
  const RamusDevice *sheath;     /* any may be NULL */
  const RamusDevice *catheter;
  const RamusDevice *microcatheter;
  const RamusDevice *guidewire;
} RamusDeviceSet;

void       ramus_device_needs_init      (RamusDeviceNeeds       *needs);
void       ramus_device_needs_from_route (RamusDeviceNeeds      *needs,
                                          const RamusRoute      *route);
GPtrArray *ramus_devices_check          (const RamusDeviceSet   *set,
                                         const RamusDeviceNeeds *needs);
GPtrArray *ramus_devices_propose        (RamusAtlas             *atlas,
                                         const RamusDeviceNeeds *needs,
                                         RamusDeviceSet         *set);
gboolean   ramus_devices_set_from_ids   (RamusAtlas             *atlas,
                                         const char             *sheath,
                                         const char             *catheter,
                                         const char             *microcatheter,
                                         const char             *guidewire,
                                         RamusDeviceSet         *set,
                                         GError                **error);

double     ramus_device_tip_mm          (const RamusDevice      *device);
double     ramus_device_wire_mm         (const RamusDevice      *device);
const char *ramus_device_type_to_string (RamusDeviceType         type);

void       ramus_device_conflict_free   (RamusDeviceConflict    *conflict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusDeviceConflict, ramus_device_conflict_free)

G_END_DECLS
