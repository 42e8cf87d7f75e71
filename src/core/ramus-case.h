/* ramus-case.h — one planned (and followed-up) procedure: the in-memory
 * form of the versioned JSON case file of docs/case-format.md
 *
 * A plain boxed struct, so the planner, the case library, the sheet and the
 * CLI can all read and fill it directly. Reading is in two steps on purpose:
 * ramus_case_from_json() accepts any well-formed case (right format and
 * version, no unknown keys, right JSON types), which is what an autosaved
 * draft is; ramus_case_validate() then checks every value against the
 * format's ranges, enumerations and the atlas, which is what a case must pass
 * before it is planned, printed or imported.
 *
 * Absent numbers are NAN (doubles) or RAMUS_CASE_UNSET (integers); absent
 * strings are NULL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ramus-atlas.h"

G_BEGIN_DECLS

#define RAMUS_CASE_FORMAT  "ramus-case"
#define RAMUS_CASE_VERSION 1
#define RAMUS_CASE_UNSET   (-1)

#define RAMUS_CASE_ERROR (ramus_case_error_quark ())
GQuark ramus_case_error_quark (void);

typedef enum
{
  RAMUS_CASE_ERROR_PARSE,          /* not JSON, or not a JSON object */
  RAMUS_CASE_ERROR_FORMAT,         /* "format" is not "ramus-case" */
  RAMUS_CASE_ERROR_VERSION,        /* made by a newer Ramus */
  RAMUS_CASE_ERROR_UNKNOWN_KEY,
  RAMUS_CASE_ERROR_TYPE,           /* a value of the wrong JSON type */
  RAMUS_CASE_ERROR_MISSING,        /* a required field is absent */
  RAMUS_CASE_ERROR_INVALID,        /* out of range or not an allowed value */
  RAMUS_CASE_ERROR_UNKNOWN_ID,     /* not in the atlas or device catalogue */
} RamusCaseError;

/* Scores of a visit (baseline or follow-up), indexed by RamusScore. */
typedef enum
{
  RAMUS_SCORE_VAS,
  RAMUS_SCORE_NRS,
  RAMUS_SCORE_WOMAC,
  RAMUS_SCORE_ASES,
  RAMUS_SCORE_QUICKDASH,
  RAMUS_SCORE_AFP,
  RAMUS_SCORE_PIVKA_II,
  RAMUS_N_SCORES
} RamusScore;

typedef struct
{
  double values[RAMUS_N_SCORES];   /* NAN when not recorded */
} RamusScores;

typedef struct
{
  const char *key;                 /* JSON key: "vas", "afp_ng_ml" */
  const char *name;                /* untranslated; see ramus_score_info_get_name() */
  const char *unit;                /* "" for unitless scores */
  double min;
  double max;                      /* G_MAXDOUBLE for no upper bound */
  const char * const *regions;     /* regions the score is recorded in */
} RamusScoreInfo;

/* Which stage fields of `indication` an indication needs. */
typedef enum
{
  RAMUS_STAGE_KELLGREN_LAWRENCE = 1 << 0,
  RAMUS_STAGE_EATON_LITTLER     = 1 << 1,
  RAMUS_STAGE_BCLC              = 1 << 2,
  RAMUS_STAGE_CHILD_PUGH        = 1 << 3,
  RAMUS_STAGE_PRIMARY           = 1 << 4,
  RAMUS_STAGE_LEVEL             = 1 << 5,
  RAMUS_STAGE_LESION            = 1 << 6,
} RamusStageFields;

typedef struct
{
  const char *id;                  /* "knee-oa" */
  const char *region;              /* atlas region id */
  const char *name;                /* untranslated; see ramus_indication_get_name() */
  RamusStageFields fields;         /* required stage fields */
} RamusIndication;

/* A starting point for a new case (docs/case-format.md `template`). */
typedef struct
{
  const char *id;                  /* "knee-gae" */
  const char *region;
  const char *indication;
  const char *access;              /* usual access site id */
  const char *embolic;             /* usual embolic for new targets */
  const char *name;                /* untranslated; see ramus_case_template_get_name() */
  const char *sources;             /* comma-separated atlas source ids for the choices */
} RamusCaseTemplate;

typedef struct
{
  int age_years;                   /* RAMUS_CASE_UNSET when absent */
  char *sex;                       /* female, male, other */
  double height_cm;
  double weight_kg;
  double egfr_ml_min;
  char **allergies;                /* NULL-terminated; NULL when none recorded */
} RamusPatient;

typedef struct
{
  char *id;                        /* a RamusIndication id */
  int kellgren_lawrence;           /* 0–4, RAMUS_CASE_UNSET when absent */
  int eaton_littler;               /* 1–4 */
  char *bclc;                      /* 0, A, B, C, D */
  char *child_pugh;                /* A, B, C */
  char *primary;                   /* free text */
  char *level;                     /* T8 … sacrum */
  char *lesion;                    /* free text */
} RamusCaseIndication;

typedef struct
{
  char *segment;                   /* Couinaud I … VIII */
  double diameter_mm;
} RamusTumour;

typedef struct
{
  char *michels;                   /* variant id */
  GArray *tumours;                 /* of RamusTumour */
} RamusCaseLiver;

typedef struct
{
  double x_mm;                     /* on the region's drawing */
  double y_mm;
  double radius_mm;
} RamusPainPoint;

typedef struct
{
  char *vessel;                    /* atlas vessel id */
  char *embolic;
  double planned_volume_ml;        /* NAN when not planned */
  char *note;
} RamusTarget;

typedef struct
{
  char *sheath;                    /* device catalogue ids */
  char *catheter;
  char *microcatheter;
  char *guidewire;
} RamusCaseDevices;

typedef struct
{
  double imipenem_g;
  double imipenem_contrast_ml;
  double doxorubicin_mg_per_m2;
  char *bsa_formula;               /* mosteller, dubois */
  double lipiodol_ml;
  double deb_loading_mg;
} RamusCaseDoses;

typedef struct
{
  char *date;                      /* ISO 8601 date; NULL in an anonymised file */
  int day;                         /* days from the procedure in an anonymised file,
                                    * G_MININT when absent */
  RamusScores scores;
  char *mrecist;                   /* CR, PR, SD, PD */
} RamusFollowup;

typedef struct
{
  int version;                     /* the version read; RAMUS_CASE_VERSION when new */
  char *id;                        /* UUID */
  char *pseudonym;
  char *created;                   /* UTC, "…Z" */
  char *modified;
  char *procedure_date;
  int procedure_day;               /* anonymised files: 0; G_MININT when absent */
  char *template_id;               /* JSON "template" */
  char *region;
  RamusSide side;
  RamusPatient patient;
  RamusCaseIndication indication;
  RamusScores baseline;
  RamusCaseLiver liver;
  GArray *pain_points;             /* of RamusPainPoint */
  char *access;
  char *puncture_side;             /* left, right; NULL: the access's usual side */
  GArray *targets;                 /* of RamusTarget, in catheterisation order */
  RamusCaseDevices devices;
  RamusCaseDoses doses;
  char *notes;
  GArray *followups;               /* of RamusFollowup */
  JsonNode *extensions;            /* an object, or NULL */
} RamusCase;

/* One problem found by ramus_case_check(). */
typedef struct
{
  RamusCaseError code;
  char *path;                      /* "patient.weight_kg", "targets[1].vessel" */
  char *message;                   /* translated, starts with the path */
} RamusCaseProblem;

#define RAMUS_TYPE_CASE (ramus_case_get_type ())
GType ramus_case_get_type (void) G_GNUC_CONST;

RamusCase       *ramus_case_new               (const char      *region,
                                               RamusSide        side);
RamusCase       *ramus_case_new_from_template (const char      *template_id);
RamusCase       *ramus_case_copy              (const RamusCase *self);
void             ramus_case_free              (RamusCase       *self);
gboolean         ramus_case_equal             (const RamusCase *a,
                                               const RamusCase *b);

RamusCase       *ramus_case_from_json         (const char      *text,
                                               GError         **error);
RamusCase       *ramus_case_from_json_node    (JsonNode        *node,
                                               GError         **error);
RamusCase       *ramus_case_load              (const char      *path,
                                               GError         **error);
char            *ramus_case_to_json           (const RamusCase *self,
                                               gboolean         pretty);
JsonNode        *ramus_case_to_json_node      (const RamusCase *self);

gboolean         ramus_case_validate          (const RamusCase *self,
                                               RamusAtlas      *atlas,
                                               GError         **error);
GPtrArray       *ramus_case_check             (const RamusCase *self,
                                               RamusAtlas      *atlas);
gboolean         ramus_case_anonymise         (RamusCase       *self,
                                               GError         **error);

/* Editing helpers: append an element and return it for filling in. */
RamusTarget     *ramus_case_add_target        (RamusCase       *self,
                                               const char      *vessel,
                                               const char      *embolic);
RamusPainPoint  *ramus_case_add_pain_point    (RamusCase       *self,
                                               double           x_mm,
                                               double           y_mm,
                                               double           radius_mm);
RamusTumour     *ramus_case_add_tumour        (RamusCase       *self,
                                               const char      *segment,
                                               double           diameter_mm);
RamusFollowup   *ramus_case_add_followup      (RamusCase       *self,
                                               const char      *date);
void             ramus_case_set_string        (char           **field,
                                               const char      *value);
gboolean         ramus_case_get_puncture_side (const RamusCase *self,
                                               RamusSide       *side);

void             ramus_case_problem_free      (RamusCaseProblem *problem);

/* The lists the format allows, for choosers. NULL-terminated; NULL for a
 * field that is not an enumeration. Paths as in messages, without indices:
 * "patient.sex", "patient.allergies", "indication.bclc",
 * "indication.child_pugh", "indication.level", "liver.tumours.segment",
 * "targets.embolic", "doses.bsa_formula", "followups.mrecist", "template",
 * "puncture_side". */
const char * const *ramus_case_allowed_values (const char *path);

/* Indications by region. */
guint                  ramus_indication_get_n      (void);
const RamusIndication *ramus_indication_get        (guint       index);
const RamusIndication *ramus_indication_lookup     (const char *id);
GPtrArray             *ramus_indications_for_region (const char *region);
const char            *ramus_indication_get_name   (const RamusIndication *indication);

/* Scores. */
const RamusScoreInfo  *ramus_score_get_info        (RamusScore  score);
gboolean               ramus_score_from_key        (const char *key,
                                                    RamusScore *score);
gboolean               ramus_score_in_region       (RamusScore  score,
                                                    const char *region);
const char            *ramus_score_info_get_name   (const RamusScoreInfo *info);

/* Templates. */
guint                    ramus_case_get_n_templates   (void);
const RamusCaseTemplate *ramus_case_get_template      (guint       index);
const RamusCaseTemplate *ramus_case_lookup_template   (const char *id);
const char              *ramus_case_template_get_name (const RamusCaseTemplate *tmpl);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusCase, ramus_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusCaseProblem, ramus_case_problem_free)

const char *ramus_embolic_label (const char *embolic);
const char *ramus_allergy_label (const char *allergy);

G_END_DECLS
