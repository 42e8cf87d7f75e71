/* ramus-dose.h — body-surface area, chemotherapy and embolic doses
 *
 * Every result carries its formula, the formula with the patient's numbers
 * and the atlas source ids it rests on (data/atlas/dosing.atlas). Every input
 * is checked against a plausible range before anything is computed; an input
 * out of range is an error that names it, its value and the range with unit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plausible input ranges; the case format (docs/case-format.md) uses the
 * same limits. */
#define RAMUS_DOSE_HEIGHT_MIN_CM 100.0
#define RAMUS_DOSE_HEIGHT_MAX_CM 230.0
#define RAMUS_DOSE_WEIGHT_MIN_KG 20.0
#define RAMUS_DOSE_WEIGHT_MAX_KG 300.0
/* Body-surface area over the height and weight ranges above, both formulas
 * (Mosteller: 0.75 m² at 100 cm and 20 kg, 4.38 m² at 230 cm and 300 kg). */
#define RAMUS_DOSE_BSA_MIN_M2 0.5
#define RAMUS_DOSE_BSA_MAX_M2 4.5
#define RAMUS_DOSE_IMIPENEM_MIN_G 0.1
#define RAMUS_DOSE_IMIPENEM_MAX_G 1.0
/* One vial holds 0.5 g of imipenem (dose-msf-imipenem). */
#define RAMUS_DOSE_IMIPENEM_DEFAULT_G 0.5
#define RAMUS_DOSE_CONTRAST_MIN_ML 1.0
#define RAMUS_DOSE_CONTRAST_MAX_ML 50.0
#define RAMUS_DOSE_IMIPENEM_DEFAULT_CONTRAST_ML 10.0
#define RAMUS_DOSE_ALIQUOT_MIN_ML 0.05
#define RAMUS_DOSE_ALIQUOT_MAX_ML 5.0
#define RAMUS_DOSE_DOXORUBICIN_MAX_MG_PER_M2 75.0
#define RAMUS_DOSE_PRIOR_ANTHRACYCLINE_MAX_MG_PER_M2 1000.0
/* Cumulative doxorubicin at which heart failure reaches 5% (dose-swain2003). */
#define RAMUS_DOSE_ANTHRACYCLINE_ALERT_MG_PER_M2 400.0
#define RAMUS_DOSE_LIPIODOL_MAX_ML 20.0
/* The upper end of the standard-dose arm (5-15 mL) of the randomized trial
 * (dose-lipiodol-highdose2002). */
#define RAMUS_DOSE_LIPIODOL_STANDARD_MAX_ML 15.0
#define RAMUS_DOSE_LIPIODOL_RATIO_MIN_ML_PER_CM 0.1
#define RAMUS_DOSE_LIPIODOL_RATIO_MAX_ML_PER_CM 5.0
#define RAMUS_DOSE_TUMOUR_MIN_MM 1.0
#define RAMUS_DOSE_TUMOUR_MAX_MM 250.0
#define RAMUS_DOSE_DEB_MAX_MG 150.0
#define RAMUS_DOSE_BEADS_MIN_ML 0.1
#define RAMUS_DOSE_BEADS_MAX_ML 10.0
/* Doxorubicin per mL of DC Bead (dose-malagari-debdox). */
#define RAMUS_DOSE_DEB_DEFAULT_MG_PER_ML 37.5
#define RAMUS_DOSE_DEB_LOADING_MIN_MG_PER_ML 1.0
#define RAMUS_DOSE_DEB_LOADING_MAX_MG_PER_ML 50.0
/* Full devascularization is for tumours under 7 cm (seed-tace). */
#define RAMUS_DOSE_TACE_STASIS_MAX_MM 70.0

#define RAMUS_DOSE_ERROR (ramus_dose_error_quark ())
GQuark ramus_dose_error_quark (void);

typedef enum
{
  RAMUS_DOSE_ERROR_RANGE,        /* an input outside its plausible range */
  RAMUS_DOSE_ERROR_MISSING,      /* a needed input is absent */
} RamusDoseError;

typedef enum
{
  RAMUS_BSA_MOSTELLER,
  RAMUS_BSA_DUBOIS,
} RamusBsaFormula;

/* Allergies that change the embolic (case-format `patient.allergies`). */
typedef enum
{
  RAMUS_ALLERGY_CARBAPENEM         = 1 << 0,
  RAMUS_ALLERGY_BETA_LACTAM        = 1 << 1,
  RAMUS_ALLERGY_IODINATED_CONTRAST = 1 << 2,
} RamusAllergies;

typedef struct
{
  const char *key;               /* JSON key: "bsa_m2", "dose_mg" */
  double value;
  const char *unit;              /* "m²", "mg"; "" for counts */
} RamusDoseValue;

typedef struct
{
  int stage;                     /* 1, 2, 3 */
  const char *embolic;           /* case-format embolic id */
  char *target;                  /* translated */
  char *description;             /* translated */
  GArray *doses;                 /* of RamusDoseValue: what a case's plan gives this stage
                                  * (ramus-plan); empty from ramus_dose_tace_plan() */
  char *dose_text;               /* translated, those doses in one line; NULL when none */
} RamusTaceStage;

typedef struct
{
  char *title;                   /* translated, e.g. "Body-surface area (Mosteller)" */
  GArray *values;                /* of RamusDoseValue; the first is the answer */
  char *formula;                 /* the rule, with symbols */
  char *working;                 /* the rule with the numbers filled in */
  char *embolic;                 /* imipenem: the embolic chosen; else NULL */
  char **sources;                /* atlas source ids */
  GPtrArray *warnings;           /* of char*, translated */
  GPtrArray *notes;              /* of char*, translated: endpoint, technique */
  GArray *stages;                /* TACE plan only: of RamusTaceStage; else NULL */
} RamusDoseResult;

typedef struct
{
  double grams;                  /* imipenem, g; NAN: the default vial */
  double contrast_ml;            /* NAN: the default volume */
  double aliquot_ml;             /* NAN: no aliquot count */
  RamusAllergies allergies;
} RamusImipenemInput;

gboolean         ramus_dose_check_range       (const char       *what,
                                               double            value,
                                               double            min,
                                               double            max,
                                               const char       *unit,
                                               GError          **error);
gboolean         ramus_bsa_formula_from_string (const char      *text,
                                               RamusBsaFormula  *formula);
const char      *ramus_bsa_formula_to_string  (RamusBsaFormula   formula);
gboolean         ramus_allergy_from_string    (const char       *text,
                                               RamusAllergies   *allergy);

double           ramus_dose_bsa_m2            (double            height_cm,
                                               double            weight_kg,
                                               RamusBsaFormula   formula);

RamusDoseResult *ramus_dose_bsa               (double            height_cm,
                                               double            weight_kg,
                                               RamusBsaFormula   formula,
                                               GError          **error);
RamusDoseResult *ramus_dose_doxorubicin       (double            bsa_m2,
                                               double            mg_per_m2,
                                               double            prior_mg_per_m2,
                                               GError          **error);
RamusDoseResult *ramus_dose_imipenem          (const RamusImipenemInput *input,
                                               GError          **error);
RamusDoseResult *ramus_dose_deb               (double            beads_ml,
                                               double            mg_per_ml,
                                               GError          **error);
RamusDoseResult *ramus_dose_lipiodol          (const double     *tumour_mm,
                                               guint             n_tumours,
                                               double            ml_per_cm,
                                               double            planned_ml,
                                               const char       *child_pugh,
                                               GError          **error);
RamusDoseResult *ramus_dose_tace_plan         (double            largest_tumour_mm,
                                               gboolean          capsule,
                                               gboolean          av_shunt,
                                               const char       *child_pugh,
                                               GError          **error);

void             ramus_dose_result_free       (RamusDoseResult  *result);
const char      *ramus_dose_value_label       (const char       *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusDoseResult, ramus_dose_result_free)

G_END_DECLS
