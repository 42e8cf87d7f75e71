/* ramus-dose.c — body-surface area, doxorubicin, imipenem/cilastatin,
 * drug-eluting beads, Lipiodol and the three-stage TACE plan
 *
 * Nothing here decides for the operator: each function turns checked inputs
 * into numbers with the rule and the sources behind them, and says where a
 * cited threshold is crossed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-dose"

#include "config.h"

#include "ramus-dose.h"

#include <glib/gi18n-lib.h>
#include <math.h>

G_DEFINE_QUARK (ramus-dose-error-quark, ramus_dose_error)

static void
stage_clear (gpointer data)
{
  RamusTaceStage *s = data;
  g_free (s->target);
  g_free (s->description);
  g_clear_pointer (&s->doses, g_array_unref);
  g_free (s->dose_text);
}

void
ramus_dose_result_free (RamusDoseResult *result)
{
  if (result == NULL)
    return;
  g_free (result->title);
  g_array_unref (result->values);
  g_free (result->formula);
  g_free (result->working);
  g_free (result->embolic);
  g_strfreev (result->sources);
  g_ptr_array_unref (result->warnings);
  g_ptr_array_unref (result->notes);
  g_clear_pointer (&result->stages, g_array_unref);
  g_free (result);
}

static RamusDoseResult *
result_new (const char *title)
{
  RamusDoseResult *r = g_new0 (RamusDoseResult, 1);

  r->title = g_strdup (title);
  r->values = g_array_new (FALSE, FALSE, sizeof (RamusDoseValue));
  r->warnings = g_ptr_array_new_with_free_func (g_free);
  r->notes = g_ptr_array_new_with_free_func (g_free);
  return r;
}

static void
add_value (RamusDoseResult *r,
           const char      *key,
           double           value,
           const char      *unit)
{
  RamusDoseValue v = { key, value, unit };
  g_array_append_val (r->values, v);
}

static void
set_sources (RamusDoseResult *r,
             const char      *first,
             ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *id = first; id; id = va_arg (args, const char *))
    g_strv_builder_add (builder, id);
  va_end (args);
  r->sources = g_strv_builder_end (builder);
}

/**
 * ramus_dose_check_range:
 * @what: the input's name as the user knows it (translated), e.g. "weight"
 *
 * Returns: TRUE when @value is a finite number within [@min, @max];
 * otherwise FALSE with "weight 350 kg is out of range (20–300 kg)".
 */
gboolean
ramus_dose_check_range (const char  *what,
                        double       value,
                        double       min,
                        double       max,
                        const char  *unit,
                        GError     **error)
{
  const char *space = unit && *unit ? " " : "";

  g_return_val_if_fail (what != NULL, FALSE);
  g_return_val_if_fail (unit != NULL, FALSE);

  if (isfinite (value) && value >= min && value <= max)
    return TRUE;
  if (isnan (value))
    g_set_error (error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_MISSING,
                 _("%s is missing (%g–%g%s%s)"), what, min, max, space, unit);
  else
    /* TRANSLATORS: "weight 350 kg is out of range (20–300 kg)" */
    g_set_error (error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_RANGE,
                 _("%s %g%s%s is out of range (%g–%g%s%s)"), what, value, space, unit, min, max, space, unit);
  return FALSE;
}

gboolean
ramus_bsa_formula_from_string (const char      *text,
                               RamusBsaFormula *formula)
{
  g_return_val_if_fail (formula != NULL, FALSE);

  if (text == NULL || g_ascii_strcasecmp (text, "mosteller") == 0)
    *formula = RAMUS_BSA_MOSTELLER;
  else if (g_ascii_strcasecmp (text, "dubois") == 0 || g_ascii_strcasecmp (text, "du-bois") == 0)
    *formula = RAMUS_BSA_DUBOIS;
  else
    return FALSE;
  return TRUE;
}

const char *
ramus_bsa_formula_to_string (RamusBsaFormula formula)
{
  return formula == RAMUS_BSA_DUBOIS ? "dubois" : "mosteller";
}

gboolean
ramus_allergy_from_string (const char     *text,
                           RamusAllergies *allergy)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (allergy != NULL, FALSE);

  if (g_str_equal (text, "carbapenem"))
    *allergy = RAMUS_ALLERGY_CARBAPENEM;
  else if (g_str_equal (text, "beta-lactam"))
    *allergy = RAMUS_ALLERGY_BETA_LACTAM;
  else if (g_str_equal (text, "iodinated-contrast"))
    *allergy = RAMUS_ALLERGY_IODINATED_CONTRAST;
  else
    return FALSE;
  return TRUE;
}

/* --- body-surface area ---------------------------------------------------- */

/**
 * ramus_dose_bsa_m2:
 *
 * Returns: the body-surface area in m², unchecked: Mosteller
 * √(height × weight / 3600) or Du Bois 0.007184 × weight^0.425 ×
 * height^0.725, height in cm and weight in kg.
 */
double
ramus_dose_bsa_m2 (double          height_cm,
                   double          weight_kg,
                   RamusBsaFormula formula)
{
  if (formula == RAMUS_BSA_DUBOIS)
    return 0.007184 * pow (weight_kg, 0.425) * pow (height_cm, 0.725);
  return sqrt (height_cm * weight_kg / 3600.0);
}

static gboolean
check_height_weight (double   height_cm,
                     double   weight_kg,
                     GError **error)
{
  return ramus_dose_check_range (_("height"), height_cm, RAMUS_DOSE_HEIGHT_MIN_CM, RAMUS_DOSE_HEIGHT_MAX_CM,
                                 "cm", error) &&
         ramus_dose_check_range (_("weight"), weight_kg, RAMUS_DOSE_WEIGHT_MIN_KG, RAMUS_DOSE_WEIGHT_MAX_KG,
                                 "kg", error);
}

RamusDoseResult *
ramus_dose_bsa (double            height_cm,
                double            weight_kg,
                RamusBsaFormula   formula,
                GError          **error)
{
  RamusDoseResult *r;
  double bsa;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_height_weight (height_cm, weight_kg, error))
    return NULL;

  bsa = ramus_dose_bsa_m2 (height_cm, weight_kg, formula);
  if (formula == RAMUS_BSA_DUBOIS)
    {
      r = result_new (_("Body-surface area (Du Bois)"));
      r->formula = g_strdup ("BSA = 0.007184 × W^0.425 × H^0.725");
      r->working = g_strdup_printf ("0.007184 × %g^0.425 × %g^0.725 = %.2f m²", weight_kg, height_cm, bsa);
      set_sources (r, "dose-dubois1916", NULL);
    }
  else
    {
      r = result_new (_("Body-surface area (Mosteller)"));
      r->formula = g_strdup ("BSA = √(H × W / 3600)");
      r->working = g_strdup_printf ("√(%g × %g / 3600) = %.2f m²", height_cm, weight_kg, bsa);
      set_sources (r, "dose-mosteller1987", NULL);
    }
  add_value (r, "bsa_m2", bsa, "m²");
  add_value (r, "height_cm", height_cm, "cm");
  add_value (r, "weight_kg", weight_kg, "kg");
  g_ptr_array_add (r->notes, g_strdup (_("H is the height in cm, W the weight in kg.")));
  return r;
}

/* --- doxorubicin ---------------------------------------------------------- */

/**
 * ramus_dose_doxorubicin:
 * @prior_mg_per_m2: anthracycline already given, mg/m², or NAN if unknown
 *
 * dose (mg) = BSA × dose per m²; warns when the lifetime total reaches the
 * cumulative dose at which heart failure becomes frequent.
 */
RamusDoseResult *
ramus_dose_doxorubicin (double   bsa_m2,
                        double   mg_per_m2,
                        double   prior_mg_per_m2,
                        GError **error)
{
  RamusDoseResult *r;
  double dose, cumulative;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ramus_dose_check_range (_("body-surface area"), bsa_m2, RAMUS_DOSE_BSA_MIN_M2, RAMUS_DOSE_BSA_MAX_M2,
                               "m²", error) ||
      !ramus_dose_check_range (_("doxorubicin dose"), mg_per_m2, 0, RAMUS_DOSE_DOXORUBICIN_MAX_MG_PER_M2,
                               "mg/m²", error) ||
      (!isnan (prior_mg_per_m2) &&
       !ramus_dose_check_range (_("prior anthracycline dose"), prior_mg_per_m2, 0,
                                RAMUS_DOSE_PRIOR_ANTHRACYCLINE_MAX_MG_PER_M2, "mg/m²", error)))
    return NULL;

  dose = bsa_m2 * mg_per_m2;
  r = result_new (_("Doxorubicin dose"));
  r->formula = g_strdup (_("dose (mg) = BSA (m²) × dose per m² (mg/m²)"));
  r->working = g_strdup_printf ("%g m² × %g mg/m² = %.1f mg", bsa_m2, mg_per_m2, dose);
  add_value (r, "dose_mg", dose, "mg");
  add_value (r, "bsa_m2", bsa_m2, "m²");
  add_value (r, "mg_per_m2", mg_per_m2, "mg/m²");
  set_sources (r, "dose-swain2003", NULL);

  if (isnan (prior_mg_per_m2))
    {
      g_ptr_array_add (r->notes,
                       /* xgettext:no-c-format */
                       g_strdup (_("Record the anthracycline the patient has already received to check the "
                                   "lifetime dose: heart failure is estimated at 5% after a cumulative "
                                   "400 mg/m² of doxorubicin and 26% after 550 mg/m².")));
      return r;
    }
  cumulative = prior_mg_per_m2 + mg_per_m2;
  add_value (r, "cumulative_mg_per_m2", cumulative, "mg/m²");
  if (cumulative >= RAMUS_DOSE_ANTHRACYCLINE_ALERT_MG_PER_M2)
    g_ptr_array_add (r->warnings,
                     g_strdup_printf (_("Cumulative doxorubicin %g mg/m² (%g before + %g now) reaches the range "
                                        "where heart failure becomes frequent: estimated 5%% at 400, 16%% at 500, "
                                        "26%% at 550 and 48%% at 700 mg/m²."),
                                      cumulative, prior_mg_per_m2, mg_per_m2));
  return r;
}

/* --- imipenem/cilastatin -------------------------------------------------- */

/**
 * ramus_dose_imipenem:
 *
 * The imipenem/cilastatin suspension for TAME: imipenem (g) suspended in
 * iodinated contrast (mL); its concentration and, given an aliquot size, the
 * number of aliquots and the imipenem in each. A carbapenem or β-lactam
 * allergy makes 75–100 µm temporary microspheres the embolic instead.
 */
RamusDoseResult *
ramus_dose_imipenem (const RamusImipenemInput  *input,
                     GError                   **error)
{
  RamusDoseResult *r;
  double grams, ml, mg_per_ml;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  grams = isnan (input->grams) ? RAMUS_DOSE_IMIPENEM_DEFAULT_G : input->grams;
  ml = isnan (input->contrast_ml) ? RAMUS_DOSE_IMIPENEM_DEFAULT_CONTRAST_ML : input->contrast_ml;
  if (!ramus_dose_check_range (_("imipenem"), grams, RAMUS_DOSE_IMIPENEM_MIN_G, RAMUS_DOSE_IMIPENEM_MAX_G,
                               "g", error) ||
      !ramus_dose_check_range (_("contrast volume"), ml, RAMUS_DOSE_CONTRAST_MIN_ML, RAMUS_DOSE_CONTRAST_MAX_ML,
                               "mL", error) ||
      (!isnan (input->aliquot_ml) &&
       !ramus_dose_check_range (_("aliquot"), input->aliquot_ml, RAMUS_DOSE_ALIQUOT_MIN_ML,
                                RAMUS_DOSE_ALIQUOT_MAX_ML, "mL", error)))
    return NULL;
  if (!isnan (input->aliquot_ml) && input->aliquot_ml > ml)
    {
      g_set_error (error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_RANGE,
                   _("aliquot %g mL is larger than the %g mL suspension"), input->aliquot_ml, ml);
      return NULL;
    }

  mg_per_ml = grams * 1000.0 / ml;
  r = result_new (_("Imipenem/cilastatin suspension"));
  r->formula = g_strdup (_("concentration (mg/mL) = imipenem (g) × 1000 / contrast (mL)"));
  r->working = g_strdup_printf ("%g g × 1000 / %g mL = %.1f mg/mL", grams, ml, mg_per_ml);
  add_value (r, "concentration_mg_per_ml", mg_per_ml, "mg/mL");
  add_value (r, "imipenem_g", grams, "g");
  add_value (r, "contrast_ml", ml, "mL");
  if (!isnan (input->aliquot_ml))
    {
      add_value (r, "aliquot_ml", input->aliquot_ml, "mL");
      add_value (r, "imipenem_per_aliquot_mg", mg_per_ml * input->aliquot_ml, "mg");
      /* Whole aliquots only; the epsilon keeps 10 / 0.2 at 50. */
      add_value (r, "aliquots", floor (ml / input->aliquot_ml + 1e-9), "");
    }
  set_sources (r, "seed-tame", "dose-msf-imipenem", "dose-nakamura2024", "dose-rouzbahani2025", NULL);

  g_ptr_array_add (r->notes,
                   g_strdup (_("Imipenem/cilastatin dissolves poorly in saline and contrast: the suspended "
                               "particles (mean 29 µm, 1–60 µm) occlude the abnormal neovessels for a "
                               "short time (dissolved within about 92 minutes in vitro; vessels reopen "
                               "within 90 minutes to 48 hours) while normal flow is kept.")));
  g_ptr_array_add (r->notes,
                   g_strdup (_("Endpoint: the abnormal (moyamoya-like) neovascular blush disappears on the "
                               "control angiogram while the normal arteries stay patent.")));
  g_ptr_array_add (r->notes,
                   g_strdup (_("Inject slowly in small aliquots; about half of patients feel pressure or pain "
                               "in the joint during injection — slow down or use smaller aliquots.")));

  if (input->allergies & (RAMUS_ALLERGY_CARBAPENEM | RAMUS_ALLERGY_BETA_LACTAM))
    {
      r->embolic = g_strdup ("microspheres-75-100");
      g_ptr_array_add (r->warnings,
                       g_strdup ((input->allergies & RAMUS_ALLERGY_CARBAPENEM)
                                 ? _("Carbapenem allergy: imipenem/cilastatin must not be given. Use 75–100 µm "
                                     "temporary microspheres instead.")
                                 : _("β-lactam allergy: cross-hypersensitivity with imipenem is possible. Use "
                                     "75–100 µm temporary microspheres instead.")));
      g_ptr_array_add (r->notes,
                       g_strdup (_("75–100 µm temporary microspheres last longer than imipenem/cilastatin but "
                                   "cost more; inject slowly to avoid reflux into normal tissue.")));
    }
  else
    r->embolic = g_strdup ("imipenem-cilastatin");

  if (input->allergies & RAMUS_ALLERGY_IODINATED_CONTRAST)
    g_ptr_array_add (r->warnings,
                     g_strdup (_("Iodinated contrast allergy: the suspension is made in iodinated contrast and "
                                 "the procedure is done under angiography; plan prophylaxis or an alternative.")));
  return r;
}

/* --- drug-eluting beads --------------------------------------------------- */

RamusDoseResult *
ramus_dose_deb (double   beads_ml,
                double   mg_per_ml,
                GError **error)
{
  RamusDoseResult *r;
  double loading, dose;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  loading = isnan (mg_per_ml) ? RAMUS_DOSE_DEB_DEFAULT_MG_PER_ML : mg_per_ml;
  if (!ramus_dose_check_range (_("bead volume"), beads_ml, RAMUS_DOSE_BEADS_MIN_ML, RAMUS_DOSE_BEADS_MAX_ML,
                               "mL", error) ||
      !ramus_dose_check_range (_("loading"), loading, RAMUS_DOSE_DEB_LOADING_MIN_MG_PER_ML,
                               RAMUS_DOSE_DEB_LOADING_MAX_MG_PER_ML, "mg/mL", error))
    return NULL;

  dose = beads_ml * loading;
  r = result_new (_("Drug-eluting bead loading"));
  r->formula = g_strdup (_("doxorubicin (mg) = bead volume (mL) × loading (mg/mL)"));
  r->working = g_strdup_printf ("%g mL × %g mg/mL = %.1f mg", beads_ml, loading, dose);
  add_value (r, "dose_mg", dose, "mg");
  add_value (r, "beads_ml", beads_ml, "mL");
  add_value (r, "loading_mg_per_ml", loading, "mg/mL");
  set_sources (r, "dose-malagari-debdox", NULL);
  if (dose > RAMUS_DOSE_DEB_MAX_MG)
    g_ptr_array_add (r->warnings,
                     g_strdup_printf (_("%.1f mg is above the %g mg a case records for drug-eluting beads per "
                                        "session (docs/case-format.md)."),
                                      dose, RAMUS_DOSE_DEB_MAX_MG));
  g_ptr_array_add (r->notes,
                   g_strdup (_("Count this doxorubicin in the patient’s cumulative anthracycline dose.")));
  return r;
}

/* --- Lipiodol ------------------------------------------------------------- */

/**
 * ramus_dose_lipiodol:
 * @tumour_mm: tumour diameters in mm
 * @ml_per_cm: the operator's ratio of Lipiodol per cm of summed tumour
 *   diameter, or NAN
 * @planned_ml: a planned volume, or NAN; one of the two is needed
 * @child_pugh: (nullable): A, B or C
 *
 * Volume = ratio × Σ diameters (cm), capped at 20 mL; or, from a planned
 * volume, the ratio it represents. Warns above the standard-dose range of
 * the randomized trial and when liver function makes high doses risky.
 */
RamusDoseResult *
ramus_dose_lipiodol (const double  *tumour_mm,
                     guint          n_tumours,
                     double         ml_per_cm,
                     double         planned_ml,
                     const char    *child_pugh,
                     GError       **error)
{
  RamusDoseResult *r;
  double sum_cm = 0, volume, ratio;
  gboolean capped = FALSE;

  g_return_val_if_fail (tumour_mm != NULL || n_tumours == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_tumours == 0)
    {
      g_set_error (error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_MISSING,
                   _("tumour diameter is missing (%g–%g mm)"), RAMUS_DOSE_TUMOUR_MIN_MM, RAMUS_DOSE_TUMOUR_MAX_MM);
      return NULL;
    }
  for (guint i = 0; i < n_tumours; i++)
    {
      if (!ramus_dose_check_range (_("tumour diameter"), tumour_mm[i], RAMUS_DOSE_TUMOUR_MIN_MM,
                                   RAMUS_DOSE_TUMOUR_MAX_MM, "mm", error))
        return NULL;
      sum_cm += tumour_mm[i] / 10.0;
    }
  if (isnan (ml_per_cm) == isnan (planned_ml))
    {
      g_set_error (error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_MISSING,
                   _("give either a ratio in mL per cm of tumour diameter or a planned volume in mL"));
      return NULL;
    }
  if ((!isnan (ml_per_cm) &&
       !ramus_dose_check_range (_("Lipiodol ratio"), ml_per_cm, RAMUS_DOSE_LIPIODOL_RATIO_MIN_ML_PER_CM,
                                RAMUS_DOSE_LIPIODOL_RATIO_MAX_ML_PER_CM, "mL/cm", error)) ||
      (!isnan (planned_ml) &&
       !ramus_dose_check_range (_("Lipiodol volume"), planned_ml, 0.1, RAMUS_DOSE_LIPIODOL_MAX_ML, "mL", error)))
    return NULL;
  if (child_pugh && !g_strv_contains ((const char * const[]) { "A", "B", "C", NULL }, child_pugh))
    {
      g_set_error (error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_RANGE,
                   _("Child–Pugh class “%s” is not A, B or C"), child_pugh);
      return NULL;
    }

  r = result_new (_("Lipiodol volume for conventional TACE"));
  if (!isnan (ml_per_cm))
    {
      volume = ml_per_cm * sum_cm;
      if (volume > RAMUS_DOSE_LIPIODOL_MAX_ML)
        {
          capped = TRUE;
          volume = RAMUS_DOSE_LIPIODOL_MAX_ML;
        }
      ratio = ml_per_cm;
      r->formula = g_strdup (_("volume (mL) = ratio (mL/cm) × Σ tumour diameters (cm), at most 20 mL"));
      r->working = g_strdup_printf ("%g mL/cm × %g cm = %.1f mL%s", ml_per_cm, sum_cm, ml_per_cm * sum_cm,
                                    capped ? _(" → capped at 20 mL") : "");
    }
  else
    {
      volume = planned_ml;
      ratio = planned_ml / sum_cm;
      r->formula = g_strdup (_("ratio (mL/cm) = planned volume (mL) / Σ tumour diameters (cm)"));
      r->working = g_strdup_printf ("%g mL / %g cm = %.2f mL/cm", planned_ml, sum_cm, ratio);
    }
  add_value (r, "lipiodol_ml", volume, "mL");
  add_value (r, "ml_per_cm", ratio, "mL/cm");
  add_value (r, "tumour_sum_cm", sum_cm, "cm");
  set_sources (r, "dose-lipiodol-highdose2002", "dose-vianny2015", "dose-debaere2016", NULL);

  if (capped)
    g_ptr_array_add (r->warnings,
                     g_strdup_printf (_("%.1f mL capped at %g mL: in a randomized trial, more than 20 mL at the "
                                        "first TACE raised the risk of liver failure in Child–Pugh B or "
                                        "ICG-R15 > 20."),
                                      ml_per_cm * sum_cm, RAMUS_DOSE_LIPIODOL_MAX_ML));
  if (volume > RAMUS_DOSE_LIPIODOL_STANDARD_MAX_ML)
    g_ptr_array_add (r->warnings,
                     g_strdup_printf (_("%.1f mL is above the 5–15 mL (mean 11.8 mL) of the trial’s standard-dose "
                                        "arm."),
                                      volume));
  if (child_pugh && !g_str_equal (child_pugh, "A") && volume > RAMUS_DOSE_LIPIODOL_STANDARD_MAX_ML)
    g_ptr_array_add (r->warnings,
                     g_strdup_printf (_("Child–Pugh %s: high-dose Lipiodol carried a higher risk of liver failure "
                                        "outside Child–Pugh A."),
                                      child_pugh));
  g_ptr_array_add (r->notes,
                   g_strdup (_("The ratio is the operator’s choice: the Lipiodol volume / tumour diameter ratio "
                               "correlated with the retention pattern on follow-up CT.")));
  g_ptr_array_add (r->notes,
                   g_strdup (_("Inject the Lipiodol–drug emulsion under fluoroscopy, then embolize with particles.")));
  return r;
}

/* --- three-stage TACE ----------------------------------------------------- */

static void
add_stage (RamusDoseResult *r,
           int              stage,
           const char      *embolic,
           const char      *target,
           const char      *description)
{
  RamusTaceStage s = { stage, embolic, g_strdup (target), g_strdup (description),
                       g_array_new (FALSE, FALSE, sizeof (RamusDoseValue)), NULL };
  g_array_append_val (r->stages, s);
}

/**
 * ramus_dose_tace_plan:
 * @largest_tumour_mm: the largest tumour's diameter
 * @capsule: the tumour has a (pseudo)capsule
 * @av_shunt: an arteriovenous (or arterioportal) shunt was seen
 * @child_pugh: (nullable): A, B or C
 *
 * The precision-TACE review's three-stage embolization and its endpoint:
 * complete devascularization for an encapsulated tumour under 7 cm without a
 * shunt and with good liver function (Ramus reads good liver function as
 * Child–Pugh A), otherwise repeated moderate embolization.
 */
RamusDoseResult *
ramus_dose_tace_plan (double       largest_tumour_mm,
                      gboolean     capsule,
                      gboolean     av_shunt,
                      const char  *child_pugh,
                      GError     **error)
{
  RamusDoseResult *r;
  gboolean stasis;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ramus_dose_check_range (_("tumour diameter"), largest_tumour_mm, RAMUS_DOSE_TUMOUR_MIN_MM,
                               RAMUS_DOSE_TUMOUR_MAX_MM, "mm", error))
    return NULL;
  if (child_pugh && !g_strv_contains ((const char * const[]) { "A", "B", "C", NULL }, child_pugh))
    {
      g_set_error (error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_RANGE,
                   _("Child–Pugh class “%s” is not A, B or C"), child_pugh);
      return NULL;
    }

  r = result_new (_("Three-stage TACE plan"));
  r->stages = g_array_new (FALSE, FALSE, sizeof (RamusTaceStage));
  g_array_set_clear_func (r->stages, stage_clear);
  add_stage (r, 1, "lipiodol-emulsion", _("Ultra-peripheral"),
             _("Lipiodol–drug emulsion: reaches the depth of the tumour, partly flows into portal branches "
               "(dual arterial and portal embolization) and blocks tumour micro-arterial collaterals."));
  add_stage (r, 2, "deb-microspheres", _("Peripheral arteries"),
             _("Small microspheres, drug-eluting ones preferred."));
  add_stage (r, 3, "bland-microspheres", _("Tumour-bearing branch"),
             _("Larger microspheres to complete the embolization."));

  stasis = capsule && !av_shunt && largest_tumour_mm < RAMUS_DOSE_TACE_STASIS_MAX_MM &&
           g_strcmp0 (child_pugh, "A") == 0;
  r->formula = g_strdup (_("complete devascularization if encapsulated, no shunt, < 70 mm and Child–Pugh A; "
                           "otherwise repeated moderate embolization"));
  r->working = g_strdup_printf (_("capsule %s, shunt %s, %g mm, Child–Pugh %s → %s"),
                                capsule ? _("yes") : _("no"), av_shunt ? _("yes") : _("no"), largest_tumour_mm,
                                child_pugh ? child_pugh : _("not recorded"),
                                stasis ? _("complete devascularization") : _("moderate embolization"));
  add_value (r, "largest_tumour_mm", largest_tumour_mm, "mm");
  r->embolic = NULL;
  set_sources (r, "seed-tace", "dose-debaere2016", NULL);
  if (stasis)
    g_ptr_array_add (r->notes,
                     g_strdup (_("Endpoint: complete devascularization — flow in the feeding artery slows to "
                                 "stasis or stops; judge the extent on cone-beam CT.")));
  else
    g_ptr_array_add (r->notes,
                     g_strdup (_("Endpoint: moderate embolization — less tumour stain and slower tumour flow; "
                                 "repeat the treatment once the patient has recovered.")));
  if (child_pugh == NULL)
    g_ptr_array_add (r->warnings,
                     g_strdup (_("Child–Pugh class not recorded: liver function decides the endpoint.")));
  if (av_shunt)
    g_ptr_array_add (r->warnings,
                     g_strdup (_("Arteriovenous shunt: decide whether to close it before injecting the emulsion.")));
  return r;
}

/* What a value of a dose result is, by its key, for people. */
const char *
ramus_dose_value_label (const char *key)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "bsa_m2", N_("Body-surface area") },
    { "height_cm", N_("Height") },
    { "weight_kg", N_("Weight") },
    { "dose_mg", N_("Dose") },
    { "mg_per_m2", N_("Dose per m²") },
    { "cumulative_mg_per_m2", N_("Cumulative doxorubicin") },
    { "concentration_mg_per_ml", N_("Concentration") },
    { "imipenem_g", N_("Imipenem") },
    { "contrast_ml", N_("Contrast") },
    { "aliquot_ml", N_("Aliquot") },
    { "imipenem_per_aliquot_mg", N_("Imipenem per aliquot") },
    { "aliquots", N_("Aliquots in the suspension") },
    { "beads_ml", N_("Bead volume") },
    { "loading_mg_per_ml", N_("Loading") },
    { "lipiodol_ml", N_("Lipiodol") },
    { "ml_per_cm", N_("Lipiodol per cm of tumour") },
    { "tumour_sum_cm", N_("Sum of tumour diameters") },
    { "largest_tumour_mm", N_("Largest tumour") },
  };

  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].key, key))
      return _(labels[i].label);
  return key;
}
