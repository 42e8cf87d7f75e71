/* ramus-plan.h — a case being planned: edits as undoable commands, and
 * everything derived from the case (routes, candidates, devices, doses,
 * warnings) recomputed after every change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ramus-atlas.h"
#include "ramus-candidates.h"
#include "ramus-case.h"
#include "ramus-devices.h"
#include "ramus-dose.h"
#include "ramus-route.h"
#include "ramus-warnings.h"

G_BEGIN_DECLS

#define RAMUS_PLAN_ERROR (ramus_plan_error_quark ())
GQuark ramus_plan_error_quark (void);

typedef enum
{
  RAMUS_PLAN_ERROR_INVALID,        /* a value out of range or not allowed; nothing changed */
  RAMUS_PLAN_ERROR_INDEX,          /* no such target, pain point or tumour */
  RAMUS_PLAN_ERROR_UNKNOWN_FIELD,  /* not a field the plan edits this way */
} RamusPlanError;

/* What the plan derives for one target, in the case's target order. */
typedef struct
{
  guint index;
  const RamusVessel *vessel;       /* NULL when the id is not in the atlas */
  RamusRoute *route;               /* NULL when there is none */
  char *refusal;                   /* why there is no route, translated */
  GPtrArray *warnings;             /* of RamusWarning */
  RamusDeviceSet proposed;         /* devices proposed for the route */
  gboolean devices_chosen;         /* the case names devices; conflicts are theirs */
  GPtrArray *device_conflicts;     /* of RamusDeviceConflict */
} RamusPlanTarget;

/* A dose the plan computed, or why it could not. */
typedef struct
{
  char *what;                      /* "bsa", "doxorubicin", "imipenem", "lipiodol", "deb",
                                    * "tace" (the three-stage plan, its stages with their doses) */
  RamusDoseResult *result;         /* NULL on error */
  char *error;                     /* translated, NULL on success */
} RamusPlanDose;

#define RAMUS_TYPE_PLAN (ramus_plan_get_type ())
G_DECLARE_FINAL_TYPE (RamusPlan, ramus_plan, RAMUS, PLAN, GObject)

RamusPlan       *ramus_plan_new                (RamusAtlas      *atlas,
                                                const RamusCase *c);
RamusAtlas      *ramus_plan_get_atlas          (RamusPlan *self);
const RamusCase *ramus_plan_get_case           (RamusPlan *self);
void             ramus_plan_reset              (RamusPlan       *self,
                                                const RamusCase *c);

/* Undo and redo: every successful edit is one command. */
gboolean         ramus_plan_can_undo           (RamusPlan *self);
gboolean         ramus_plan_can_redo           (RamusPlan *self);
gboolean         ramus_plan_undo               (RamusPlan *self);
gboolean         ramus_plan_redo               (RamusPlan *self);
const char      *ramus_plan_get_undo_label     (RamusPlan *self);
const char      *ramus_plan_get_redo_label     (RamusPlan *self);

/* Edits. Each checks its value (with the case format's ranges) and, when it
 * is refused, sets @error and changes nothing. */
gboolean ramus_plan_set_side           (RamusPlan   *self,
                                        RamusSide    side,
                                        GError     **error);
gboolean ramus_plan_set_region         (RamusPlan   *self,
                                        const char  *region,
                                        GError     **error);
gboolean ramus_plan_set_access         (RamusPlan   *self,
                                        const char  *access,
                                        GError     **error);
gboolean ramus_plan_set_puncture_side  (RamusPlan   *self,
                                        RamusSide    side,
                                        GError     **error);
gboolean ramus_plan_set_access_full    (RamusPlan   *self,
                                        const char  *access,
                                        RamusSide    puncture_side,
                                        GError     **error);
gboolean ramus_plan_set_text           (RamusPlan   *self,
                                        const char  *field,
                                        const char  *value,
                                        GError     **error);
gboolean ramus_plan_set_number         (RamusPlan   *self,
                                        const char  *field,
                                        double       value,
                                        GError     **error);
gboolean ramus_plan_set_allergies      (RamusPlan          *self,
                                        const char * const *allergies,
                                        GError            **error);
gboolean ramus_plan_add_target         (RamusPlan   *self,
                                        const char  *vessel,
                                        const char  *embolic,
                                        GError     **error);
gboolean ramus_plan_add_candidate      (RamusPlan            *self,
                                        const RamusCandidate *candidate,
                                        GError              **error);
gboolean ramus_plan_toggle_target      (RamusPlan   *self,
                                        const char  *vessel,
                                        GError     **error);
gboolean ramus_plan_remove_target      (RamusPlan   *self,
                                        guint        index,
                                        GError     **error);
gboolean ramus_plan_move_target        (RamusPlan   *self,
                                        guint        from,
                                        guint        to,
                                        GError     **error);
gboolean ramus_plan_set_target_embolic (RamusPlan   *self,
                                        guint        index,
                                        const char  *embolic,
                                        GError     **error);
gboolean ramus_plan_set_target_volume  (RamusPlan   *self,
                                        guint        index,
                                        double       volume_ml,
                                        GError     **error);
gboolean ramus_plan_add_pain_point     (RamusPlan   *self,
                                        double       x_mm,
                                        double       y_mm,
                                        double       radius_mm,
                                        GError     **error);
gboolean ramus_plan_move_pain_point    (RamusPlan   *self,
                                        guint        index,
                                        double       x_mm,
                                        double       y_mm,
                                        GError     **error);
gboolean ramus_plan_remove_pain_point  (RamusPlan   *self,
                                        guint        index,
                                        GError     **error);
gboolean ramus_plan_add_tumour         (RamusPlan   *self,
                                        const char  *segment,
                                        double       diameter_mm,
                                        GError     **error);
gboolean ramus_plan_remove_tumour      (RamusPlan   *self,
                                        guint        index,
                                        GError     **error);
gboolean ramus_plan_set_device         (RamusPlan       *self,
                                        RamusDeviceType  type,
                                        const char      *device,
                                        GError         **error);

/* Derived, valid until the next change. */
guint                  ramus_plan_get_n_targets   (RamusPlan *self);
const RamusPlanTarget *ramus_plan_get_target      (RamusPlan *self,
                                                   guint      index);
GPtrArray             *ramus_plan_get_candidates  (RamusPlan *self);
const char            *ramus_plan_get_candidates_error (RamusPlan *self);
GPtrArray             *ramus_plan_get_warnings    (RamusPlan *self);
GPtrArray             *ramus_plan_get_doses       (RamusPlan *self);
GPtrArray             *ramus_plan_get_problems    (RamusPlan *self);
const char            *ramus_plan_default_embolic (RamusPlan *self);
RamusSide              ramus_plan_get_puncture_side (RamusPlan *self);
const RamusDoseResult *ramus_plan_get_tace_plan   (RamusPlan *self);
JsonNode              *ramus_plan_to_json         (RamusPlan *self);

G_END_DECLS
