/* ramus-warnings.h — what can go wrong with a target or a plan: non-target
 * territory and dangerous branches (from the atlas's `danger` vessels),
 * allergies against the embolic and the contrast, renal function, the
 * cumulative doxorubicin dose and the artery of Adamkiewicz
 *
 * Every warning names its sources: atlas source ids, or the ids of the
 * clinical references this module cites for its own rules (resolve both with
 * ramus_warnings_lookup_source()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ramus-atlas.h"

G_BEGIN_DECLS

typedef enum
{
  RAMUS_SEVERITY_INFO,
  RAMUS_SEVERITY_CAUTION,
  RAMUS_SEVERITY_DANGER,
} RamusSeverity;

typedef struct
{
  RamusSeverity severity;
  char *code;                  /* stable: "danger-target", "danger-branch", … */
  char *vessel;                /* the target it is about, or NULL for the plan */
  char *subject;               /* the vessel at risk (a danger vessel), or NULL */
  char *message;               /* translated */
  char **sources;              /* source ids, NULL-terminated */
} RamusWarning;

/* What the plan-level rules look at. Numbers are NAN when not recorded. */
typedef struct
{
  const char *region;
  const char * const *allergies;      /* case-format ids, NULL-terminated, or NULL */
  const char * const *embolics;       /* the targets' embolics, or NULL */
  const char * const *targets;        /* the targets' vessel ids, or NULL */
  double egfr_ml_min;
  int age_years;                      /* < 0 when unknown */
  double doxorubicin_mg_per_m2;       /* planned for this procedure */
  double prior_doxorubicin_mg_per_m2; /* lifetime dose already given */
} RamusWarningInput;

#define RAMUS_WARNING_INPUT_INIT { NULL, NULL, NULL, NULL, NAN, -1, NAN, NAN }

/* The thresholds the rules use, each with its source in the .c file. */
#define RAMUS_WARNINGS_EGFR_SEVERE 30.0          /* mL/min/1.73 m² */
#define RAMUS_WARNINGS_EGFR_FIRST_PASS 45.0
#define RAMUS_WARNINGS_DOXORUBICIN_CAUTION 400.0 /* mg/m² lifetime */
#define RAMUS_WARNINGS_DOXORUBICIN_LIMIT 550.0

GPtrArray         *ramus_warnings_for_target   (RamusAtlas         *atlas,
                                                const char         *region_id,
                                                RamusSide           side,
                                                const RamusVariant *variant,
                                                const RamusVessel  *target);
GPtrArray         *ramus_warnings_for_plan     (RamusAtlas              *atlas,
                                                const RamusWarningInput *input);
GPtrArray         *ramus_warnings_for_level    (RamusAtlas         *atlas,
                                                const char         *level);

gboolean           ramus_warnings_level_in_adamkiewicz_window (const char *level);
int                ramus_warnings_level_rank   (const char *level);

const RamusSource *ramus_warnings_lookup_source (RamusAtlas *atlas,
                                                 const char *id);
const char        *ramus_warnings_vessel_phrase (const RamusVessel *vessel);
void               ramus_warnings_lower_initial (char *text);
JsonNode          *ramus_warning_to_json       (const RamusWarning *warning,
                                                RamusAtlas         *atlas);
JsonNode          *ramus_source_to_json        (RamusAtlas         *atlas,
                                                const char         *id);
const char        *ramus_severity_to_string    (RamusSeverity severity);
void               ramus_warning_free          (RamusWarning *warning);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusWarning, ramus_warning_free)

G_END_DECLS
