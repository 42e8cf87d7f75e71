/* ramus-plan.c — a case being planned, with undo and redo
 *
 * Every edit is a command that holds the case as it was before and after.
 * Cases are small (a few kilobytes), so whole snapshots keep undo exact for
 * every kind of edit — reordering targets, a region change that clears the
 * targets, a list of allergies — with no per-edit inverse to get wrong.
 * An edit that changes nothing is no command. A new edit clears the redo
 * stack.
 *
 * After every change the derived results are recomputed from the case:
 * routes per target (ramus-route) from the side punctured, candidate feeders
 * (ramus-candidates), proposed devices and their conflicts (ramus-devices),
 * doses and the three-stage TACE plan (ramus-dose) and warnings
 * (ramus-warnings). The panel, `ramus plan check` and the procedure sheet
 * all read them from here, so they cannot disagree. Values are checked with
 * the case format's own rules (ramus_case_check), so the plan never holds a
 * value the case file would refuse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-plan"

#include "config.h"

#include "ramus-plan.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Commands kept for undo; older ones are dropped. */
#define HISTORY_LIMIT 500

G_DEFINE_QUARK (ramus-plan-error-quark, ramus_plan_error)

typedef struct
{
  char *label;
  RamusCase *before;
  RamusCase *after;
} Command;

struct _RamusPlan
{
  GObject parent_instance;

  RamusAtlas *atlas;
  RamusCase *c;
  GQueue undo;                     /* of Command*, most recent first */
  GQueue redo;

  GPtrArray *targets;              /* of RamusPlanTarget* */
  GPtrArray *candidates;           /* of RamusCandidate* */
  char *candidates_error;
  GPtrArray *warnings;             /* of RamusWarning*, the plan's and every target's */
  GPtrArray *doses;                /* of RamusPlanDose* */
  GPtrArray *problems;             /* of RamusCaseProblem* */
};

G_DEFINE_FINAL_TYPE (RamusPlan, ramus_plan, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ATLAS,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
command_free (Command *cmd)
{
  g_free (cmd->label);
  g_clear_pointer (&cmd->before, ramus_case_free);
  g_clear_pointer (&cmd->after, ramus_case_free);
  g_free (cmd);
}

static void
plan_target_free (RamusPlanTarget *t)
{
  g_clear_pointer (&t->route, ramus_route_unref);
  g_free (t->refusal);
  g_clear_pointer (&t->warnings, g_ptr_array_unref);
  g_clear_pointer (&t->device_conflicts, g_ptr_array_unref);
  g_free (t);
}

static void
plan_dose_free (RamusPlanDose *d)
{
  g_free (d->what);
  g_clear_pointer (&d->result, ramus_dose_result_free);
  g_free (d->error);
  g_free (d);
}

static RamusWarning *
warning_copy (const RamusWarning *w)
{
  RamusWarning *copy = g_new0 (RamusWarning, 1);

  copy->severity = w->severity;
  copy->code = g_strdup (w->code);
  copy->vessel = g_strdup (w->vessel);
  copy->subject = g_strdup (w->subject);
  copy->message = g_strdup (w->message);
  copy->sources = g_strdupv (w->sources);
  return copy;
}

static void
clear_derived (RamusPlan *self)
{
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->candidates_error, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->doses, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
}

static void
clear_history (GQueue *queue)
{
  g_queue_clear_full (queue, (GDestroyNotify) command_free);
}

/* --- derived results ------------------------------------------------------ */

static gboolean
has_allergy (const RamusCase *c,
             const char      *allergy)
{
  return c->patient.allergies && g_strv_contains ((const char * const *) c->patient.allergies, allergy);
}

const char *
ramus_plan_default_embolic (RamusPlan *self)
{
  const RamusCaseTemplate *tmpl = NULL;
  const char *embolic;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);

  if (self->c->template_id)
    tmpl = ramus_case_lookup_template (self->c->template_id);
  for (guint i = 0; tmpl == NULL && i < ramus_case_get_n_templates (); i++)
    if (self->c->region && g_str_equal (ramus_case_get_template (i)->region, self->c->region))
      tmpl = ramus_case_get_template (i);
  embolic = tmpl ? tmpl->embolic : NULL;
  /* A carbapenem or β-lactam allergy makes the temporary microspheres the
   * embolic instead of imipenem/cilastatin (seed-tame; ramus-dose). */
  if (embolic && g_str_equal (embolic, "imipenem-cilastatin") &&
      (has_allergy (self->c, "carbapenem") || has_allergy (self->c, "beta-lactam")))
    embolic = "microspheres-75-100";
  return embolic;
}

/* The access's usual side: the target's, the other groin for the
 * contralateral approach. */
static RamusSide
usual_puncture_side (RamusAtlas      *atlas,
                     const RamusCase *c)
{
  const RamusAccessSite *access = c->access ? ramus_atlas_lookup_access_site (atlas, c->access) : NULL;

  return access ? ramus_route_default_puncture_side (access, c->side) : c->side;
}

/* The side punctured: the case's when it records one, else the usual side,
 * so a case written before the field existed plans as it did. */
static RamusSide
puncture_side (RamusAtlas      *atlas,
               const RamusCase *c)
{
  RamusSide side;

  if (ramus_case_get_puncture_side (c, &side))
    return side;
  return usual_puncture_side (atlas, c);
}

RamusSide
ramus_plan_get_puncture_side (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), RAMUS_SIDE_RIGHT);
  return puncture_side (self->atlas, self->c);
}

/* The distance from the puncture to the last trunk before the target, where
 * the catheter parks and the microcatheter goes on. */
static double
parent_length_cm (const RamusRoute *route)
{
  double mm = 0, parked = NAN;

  for (guint i = 0; i + 1 < route->steps->len; i++)
    {
      const RamusRouteStep *step = &g_array_index (route->steps, RamusRouteStep, i);
      mm += step->length_mm;
      if (step->vessel->kind == RAMUS_VESSEL_TRUNK)
        parked = mm;
    }
  return isnan (parked) ? NAN : round (parked * route->height_cm / RAMUS_ROUTE_REFERENCE_HEIGHT_CM) / 10.0;
}

static void
derive_devices (RamusPlan       *self,
                RamusPlanTarget *pt)
{
  const RamusCaseDevices *d = &self->c->devices;
  RamusDeviceNeeds needs;
  RamusDeviceSet chosen;
  g_autoptr(GPtrArray) proposal = NULL;

  ramus_device_needs_init (&needs);
  needs.route_length_cm = pt->route->length_cm;
  needs.parent_length_cm = parent_length_cm (pt->route);
  needs.target_min_diameter_mm = pt->route->min_diameter_mm;
  needs.access = pt->route->access;

  proposal = ramus_devices_propose (self->atlas, &needs, &pt->proposed);
  pt->devices_chosen = d->sheath || d->catheter || d->microcatheter || d->guidewire;
  if (pt->devices_chosen &&
      ramus_devices_set_from_ids (self->atlas, d->sheath, d->catheter, d->microcatheter, d->guidewire,
                                  &chosen, NULL))
    pt->device_conflicts = ramus_devices_check (&chosen, &needs);
  else
    {
      pt->devices_chosen = FALSE;
      pt->device_conflicts = g_steal_pointer (&proposal);
    }
  if (pt->device_conflicts == NULL)
    pt->device_conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_device_conflict_free);
}

static void
add_dose (RamusPlan       *self,
          const char      *what,
          RamusDoseResult *result,
          GError          *error)
{
  RamusPlanDose *d = g_new0 (RamusPlanDose, 1);

  d->what = g_strdup (what);
  d->result = result;
  d->error = error ? g_strdup (error->message) : NULL;
  g_ptr_array_add (self->doses, d);
}

static gboolean
uses_embolic (const RamusCase *c,
              const char      *embolic)
{
  for (guint i = 0; i < c->targets->len; i++)
    {
      const RamusTarget *t = &g_array_index (c->targets, RamusTarget, i);
      if (t->embolic && g_str_equal (t->embolic, embolic))
        return TRUE;
    }
  return FALSE;
}

static RamusAllergies
allergy_flags (const RamusCase *c)
{
  RamusAllergies flags = 0, one;

  for (guint i = 0; c->patient.allergies && c->patient.allergies[i]; i++)
    if (ramus_allergy_from_string (c->patient.allergies[i], &one))
      flags |= one;
  return flags;
}

static const RamusDoseResult *
find_dose (RamusPlan  *self,
           const char *what)
{
  for (guint i = 0; i < self->doses->len; i++)
    {
      const RamusPlanDose *d = g_ptr_array_index (self->doses, i);
      if (g_str_equal (d->what, what))
        return d->result;
    }
  return NULL;
}

static gboolean
dose_value (const RamusDoseResult *r,
            const char            *key,
            double                *value)
{
  for (guint i = 0; r && i < r->values->len; i++)
    {
      const RamusDoseValue *v = &g_array_index (r->values, RamusDoseValue, i);
      if (g_str_equal (v->key, key))
        {
          *value = v->value;
          return TRUE;
        }
    }
  return FALSE;
}

static char *
amount_text (double value)
{
  return value == floor (value) ? g_strdup_printf ("%.0f", value) : g_strdup_printf ("%.1f", value);
}

static void
add_stage_dose (RamusTaceStage *stage,
                const char     *key,
                double          value,
                const char     *unit)
{
  RamusDoseValue v = { key, value, unit };
  g_autofree char *amount = amount_text (value);
  g_autofree char *text = NULL;

  g_array_append_val (stage->doses, v);
  if (g_str_equal (key, "lipiodol_ml"))
    text = g_strdup_printf (_("Lipiodol %s mL"), amount);
  else if (g_str_equal (key, "doxorubicin_mg"))
    text = g_strdup_printf (_("doxorubicin %s mg"), amount);
  else if (g_str_equal (key, "beads_ml"))
    text = g_strdup_printf (_("beads %s mL"), amount);
  else if (g_str_equal (key, "microspheres_ml"))
    text = g_strdup_printf (_("%s mL planned"), amount);
  else
    g_assert_not_reached ();
  if (stage->dose_text == NULL)
    stage->dose_text = g_steal_pointer (&text);
  else
    {
      char *joined = g_strconcat (stage->dose_text, " · ", text, NULL);
      g_free (stage->dose_text);
      stage->dose_text = joined;
    }
}

static void
add_sources (RamusDoseResult       *r,
             const RamusDoseResult *from)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  if (from == NULL || from->sources == NULL)
    return;
  for (guint i = 0; r->sources && r->sources[i]; i++)
    g_ptr_array_add (ids, g_strdup (r->sources[i]));
  for (guint i = 0; from->sources[i]; i++)
    if (!r->sources || !g_strv_contains ((const char * const *) r->sources, from->sources[i]))
      g_ptr_array_add (ids, g_strdup (from->sources[i]));
  g_ptr_array_add (ids, NULL);
  g_strfreev (r->sources);
  r->sources = (char **) g_ptr_array_steal (ids, NULL);
}

/* The three-stage TACE plan of the precision-TACE review (seed-tace), for a
 * liver case with a measured tumour. It rests on the largest tumour. The
 * endpoint turns on a capsule and a shunt, which the case does not record,
 * so it is left to the operator rather than decided on a guess. Each stage
 * gets the doses worked out above for its embolic — the doxorubicin of the
 * emulsion (doses.doxorubicin_mg_per_m2), the loaded beads, the volume
 * planned for the larger microspheres — so the stages and the dose rows
 * cannot disagree. Runs after the other doses. */
static void
derive_tace_plan (RamusPlan *self)
{
  const RamusCase *c = self->c;
  const RamusDoseResult *lipiodol = find_dose (self, "lipiodol");
  const RamusDoseResult *doxorubicin = find_dose (self, "doxorubicin");
  const RamusDoseResult *deb = find_dose (self, "deb");
  g_autoptr(GError) error = NULL;
  RamusDoseResult *r;
  double largest = NAN, microspheres_ml = 0, value;

  if (g_strcmp0 (c->region, "liver") != 0)
    return;
  for (guint i = 0; i < c->liver.tumours->len; i++)
    {
      double d = g_array_index (c->liver.tumours, RamusTumour, i).diameter_mm;
      if (!isnan (d) && (isnan (largest) || d > largest))
        largest = d;
    }
  if (isnan (largest))
    return;
  for (guint i = 0; i < c->targets->len; i++)
    {
      const RamusTarget *t = &g_array_index (c->targets, RamusTarget, i);
      if (g_strcmp0 (t->embolic, "bland-microspheres") == 0 && !isnan (t->planned_volume_ml))
        microspheres_ml += t->planned_volume_ml;
    }

  r = ramus_dose_tace_plan (largest, FALSE, FALSE, c->indication.child_pugh, &error);
  if (r)
    {
      g_clear_pointer (&r->working, g_free);
      g_ptr_array_set_size (r->notes, 0);
      g_ptr_array_add (r->notes, g_strdup (_("The case does not record a capsule or a shunt, so Ramus leaves the "
                                             "endpoint to the operator.")));
      for (guint i = 0; i < r->stages->len; i++)
        {
          RamusTaceStage *stage = &g_array_index (r->stages, RamusTaceStage, i);

          if (g_str_equal (stage->embolic, "lipiodol-emulsion"))
            {
              if (dose_value (lipiodol, "lipiodol_ml", &value))
                add_stage_dose (stage, "lipiodol_ml", value, "mL");
              if (dose_value (doxorubicin, "dose_mg", &value))
                add_stage_dose (stage, "doxorubicin_mg", value, "mg");
              add_sources (r, lipiodol);
              add_sources (r, doxorubicin);
            }
          else if (g_str_equal (stage->embolic, "deb-microspheres"))
            {
              if (dose_value (deb, "beads_ml", &value))
                add_stage_dose (stage, "beads_ml", value, "mL");
              if (dose_value (deb, "dose_mg", &value))
                add_stage_dose (stage, "doxorubicin_mg", value, "mg");
              add_sources (r, deb);
            }
          else if (g_str_equal (stage->embolic, "bland-microspheres") && microspheres_ml > 0)
            add_stage_dose (stage, "microspheres_ml", microspheres_ml, "mL");
        }
    }
  add_dose (self, "tace", r, error);
}

static void
derive_doses (RamusPlan *self)
{
  const RamusCase *c = self->c;
  double bsa = NAN;

  if (!isnan (c->patient.height_cm) && !isnan (c->patient.weight_kg))
    {
      g_autoptr(GError) error = NULL;
      RamusBsaFormula formula = RAMUS_BSA_MOSTELLER;
      RamusDoseResult *r;

      if (c->doses.bsa_formula)
        ramus_bsa_formula_from_string (c->doses.bsa_formula, &formula);
      r = ramus_dose_bsa (c->patient.height_cm, c->patient.weight_kg, formula, &error);
      if (r && r->values->len > 0)
        bsa = g_array_index (r->values, RamusDoseValue, 0).value;
      add_dose (self, "bsa", r, error);
    }
  if (!isnan (c->doses.doxorubicin_mg_per_m2))
    {
      g_autoptr(GError) error = NULL;
      RamusDoseResult *r = NULL;

      if (isnan (bsa))
        g_set_error (&error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_MISSING,
                     _("doxorubicin needs the body-surface area: record height (cm) and weight (kg)"));
      else
        r = ramus_dose_doxorubicin (bsa, c->doses.doxorubicin_mg_per_m2, NAN, &error);
      add_dose (self, "doxorubicin", r, error);
    }
  if (uses_embolic (c, "imipenem-cilastatin"))
    {
      g_autoptr(GError) error = NULL;
      RamusImipenemInput input = { c->doses.imipenem_g, c->doses.imipenem_contrast_ml, NAN, allergy_flags (c) };
      RamusDoseResult *r = ramus_dose_imipenem (&input, &error);
      add_dose (self, "imipenem", r, error);
    }
  if ((uses_embolic (c, "lipiodol-emulsion") || !isnan (c->doses.lipiodol_ml)) &&
      c->liver.tumours && c->liver.tumours->len > 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) diameters = g_array_new (FALSE, FALSE, sizeof (double));
      RamusDoseResult *r = NULL;

      for (guint i = 0; i < c->liver.tumours->len; i++)
        g_array_append_val (diameters, g_array_index (c->liver.tumours, RamusTumour, i).diameter_mm);
      if (isnan (c->doses.lipiodol_ml))
        g_set_error (&error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_MISSING,
                     _("plan the Lipiodol volume (doses.lipiodol_ml, 0–20 mL) to check it"));
      else
        r = ramus_dose_lipiodol ((const double *) diameters->data, diameters->len, NAN, c->doses.lipiodol_ml,
                                 c->indication.child_pugh, &error);
      add_dose (self, "lipiodol", r, error);
    }
  if (uses_embolic (c, "deb-microspheres"))
    {
      g_autoptr(GError) error = NULL;
      RamusDoseResult *r = NULL;
      double beads = 0;

      for (guint i = 0; i < c->targets->len; i++)
        {
          const RamusTarget *t = &g_array_index (c->targets, RamusTarget, i);
          if (t->embolic && g_str_equal (t->embolic, "deb-microspheres") && !isnan (t->planned_volume_ml))
            beads += t->planned_volume_ml;
        }
      if (beads <= 0)
        g_set_error (&error, RAMUS_DOSE_ERROR, RAMUS_DOSE_ERROR_MISSING,
                     _("plan the bead volume of the drug-eluting bead targets (mL) to check the loading"));
      else
        r = ramus_dose_deb (beads, isnan (c->doses.deb_loading_mg) ? NAN : c->doses.deb_loading_mg / beads, &error);
      add_dose (self, "deb", r, error);
    }
  derive_tace_plan (self);
}

static void
derive (RamusPlan *self)
{
  const RamusCase *c = self->c;
  const RamusVariant *variant = c->liver.michels ? ramus_atlas_lookup_variant (self->atlas, c->liver.michels) : NULL;
  const RamusAccessSite *access = c->access ? ramus_atlas_lookup_access_site (self->atlas, c->access) : NULL;
  RamusWarningInput input = RAMUS_WARNING_INPUT_INIT;
  g_autoptr(GPtrArray) embolics = g_ptr_array_new ();
  g_autoptr(GPtrArray) vessels = g_ptr_array_new ();
  g_autoptr(GPtrArray) plan_warnings = NULL;
  g_autoptr(GError) error = NULL;

  clear_derived (self);
  self->problems = ramus_case_check (c, self->atlas);
  self->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_target_free);
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_warning_free);
  self->doses = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_dose_free);

  for (guint i = 0; i < c->targets->len; i++)
    {
      const RamusTarget *t = &g_array_index (c->targets, RamusTarget, i);
      RamusPlanTarget *pt = g_new0 (RamusPlanTarget, 1);

      pt->index = i;
      pt->vessel = t->vessel ? ramus_atlas_lookup (self->atlas, t->vessel) : NULL;
      if (t->embolic)
        g_ptr_array_add (embolics, t->embolic);
      if (pt->vessel == NULL)
        pt->refusal = g_strdup_printf (_("“%s” is not a vessel of the atlas"), t->vessel ? t->vessel : "");
      else
        {
          g_autoptr(GError) route_error = NULL;

          g_ptr_array_add (vessels, (gpointer) pt->vessel->id);
          pt->warnings = ramus_warnings_for_target (self->atlas, c->region, c->side, variant, pt->vessel);
          if (access == NULL)
            pt->refusal = g_strdup (_("No access site chosen."));
          else
            {
              pt->route = ramus_route_new_full (self->atlas, c->region, c->side, access,
                                                puncture_side (self->atlas, c), pt->vessel, variant,
                                                c->patient.height_cm, &route_error);
              if (pt->route == NULL)
                pt->refusal = g_strdup (route_error->message);
              else if (!pt->route->antegrade_injection)
                derive_devices (self, pt);
            }
        }
      if (pt->warnings == NULL)
        pt->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_warning_free);
      g_ptr_array_add (self->targets, pt);
    }

  self->candidates = ramus_candidates_for_case (self->atlas, c, &error);
  if (self->candidates == NULL)
    {
      self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_candidate_free);
      self->candidates_error = g_strdup (error->message);
    }

  g_ptr_array_add (embolics, NULL);
  g_ptr_array_add (vessels, NULL);
  input.region = c->region;
  input.allergies = (const char * const *) c->patient.allergies;
  input.embolics = (const char * const *) embolics->pdata;
  input.targets = (const char * const *) vessels->pdata;
  input.egfr_ml_min = c->patient.egfr_ml_min;
  input.age_years = c->patient.age_years;
  input.doxorubicin_mg_per_m2 = c->doses.doxorubicin_mg_per_m2;
  plan_warnings = ramus_warnings_for_plan (self->atlas, &input);
  g_ptr_array_extend_and_steal (self->warnings, g_steal_pointer (&plan_warnings));
  if (c->region && g_str_equal (c->region, "spine-pelvis") && c->indication.level)
    g_ptr_array_extend_and_steal (self->warnings, ramus_warnings_for_level (self->atlas, c->indication.level));
  for (guint i = 0; i < self->targets->len; i++)
    {
      const RamusPlanTarget *pt = g_ptr_array_index (self->targets, i);
      for (guint w = 0; w < pt->warnings->len; w++)
        g_ptr_array_add (self->warnings, warning_copy (g_ptr_array_index (pt->warnings, w)));
    }

  derive_doses (self);
}

static void
changed (RamusPlan *self,
         gboolean   could_undo,
         gboolean   could_redo)
{
  derive (self);
  if (could_undo != ramus_plan_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != ramus_plan_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* --- GObject -------------------------------------------------------------- */

static void
ramus_plan_dispose (GObject *object)
{
  RamusPlan *self = RAMUS_PLAN (object);

  g_clear_object (&self->atlas);
  G_OBJECT_CLASS (ramus_plan_parent_class)->dispose (object);
}

static void
ramus_plan_finalize (GObject *object)
{
  RamusPlan *self = RAMUS_PLAN (object);

  clear_history (&self->undo);
  clear_history (&self->redo);
  clear_derived (self);
  g_clear_pointer (&self->c, ramus_case_free);
  G_OBJECT_CLASS (ramus_plan_parent_class)->finalize (object);
}

static void
ramus_plan_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RamusPlan *self = RAMUS_PLAN (object);

  switch (prop_id)
    {
    case PROP_ATLAS:
      g_value_set_object (value, self->atlas);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, ramus_plan_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, ramus_plan_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_plan_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RamusPlan *self = RAMUS_PLAN (object);

  switch (prop_id)
    {
    case PROP_ATLAS:
      self->atlas = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_plan_class_init (RamusPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ramus_plan_dispose;
  object_class->finalize = ramus_plan_finalize;
  object_class->get_property = ramus_plan_get_property;
  object_class->set_property = ramus_plan_set_property;

  properties[PROP_ATLAS] =
    g_param_spec_object ("atlas", NULL, NULL, RAMUS_TYPE_ATLAS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RamusPlan::changed:
   *
   * The case or the history changed; the derived results are fresh.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ramus_plan_init (RamusPlan *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

RamusPlan *
ramus_plan_new (RamusAtlas      *atlas,
                const RamusCase *c)
{
  RamusPlan *self;

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (c != NULL, NULL);

  self = g_object_new (RAMUS_TYPE_PLAN, "atlas", atlas, NULL);
  self->c = ramus_case_copy (c);
  derive (self);
  return self;
}

RamusAtlas *
ramus_plan_get_atlas (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);
  return self->atlas;
}

const RamusCase *
ramus_plan_get_case (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);
  return self->c;
}

/* Starts over with another case: a fresh history. */
void
ramus_plan_reset (RamusPlan       *self,
                  const RamusCase *c)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (RAMUS_IS_PLAN (self));
  g_return_if_fail (c != NULL);

  could_undo = ramus_plan_can_undo (self);
  could_redo = ramus_plan_can_redo (self);
  clear_history (&self->undo);
  clear_history (&self->redo);
  g_clear_pointer (&self->c, ramus_case_free);
  self->c = ramus_case_copy (c);
  changed (self, could_undo, could_redo);
}

/* --- history -------------------------------------------------------------- */

gboolean
ramus_plan_can_undo (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  return !g_queue_is_empty (&self->undo);
}

gboolean
ramus_plan_can_redo (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  return !g_queue_is_empty (&self->redo);
}

static const char *
peek_label (GQueue *history)
{
  Command *cmd = g_queue_peek_head (history);

  return cmd ? cmd->label : NULL;
}

const char *
ramus_plan_get_undo_label (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);
  return peek_label (&self->undo);
}

const char *
ramus_plan_get_redo_label (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);
  return peek_label (&self->redo);
}

/* Undo and redo are one move: the latest command of @from goes onto @to,
 * and the case becomes the one it holds from before it (undo) or after it
 * (redo). */
static gboolean
step (RamusPlan *self,
      GQueue    *from,
      GQueue    *to,
      gboolean   redo)
{
  gboolean could_undo, could_redo;
  Command *cmd;

  if (g_queue_is_empty (from))
    return FALSE;
  could_undo = ramus_plan_can_undo (self);
  could_redo = ramus_plan_can_redo (self);
  cmd = g_queue_pop_head (from);
  g_clear_pointer (&self->c, ramus_case_free);
  self->c = ramus_case_copy (redo ? cmd->after : cmd->before);
  g_queue_push_head (to, cmd);
  changed (self, could_undo, could_redo);
  return TRUE;
}

gboolean
ramus_plan_undo (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  return step (self, &self->undo, &self->redo, FALSE);
}

gboolean
ramus_plan_redo (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  return step (self, &self->redo, &self->undo, TRUE);
}

static gboolean
path_within (const char *path,
             const char *prefix)
{
  gsize n = strlen (prefix);
  return strncmp (path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

static gboolean
problem_is_new (GPtrArray              *before,
                const RamusCaseProblem *p)
{
  for (guint i = 0; i < before->len; i++)
    {
      const RamusCaseProblem *q = g_ptr_array_index (before, i);
      if (g_str_equal (q->path, p->path) && g_str_equal (q->message, p->message))
        return FALSE;
    }
  return TRUE;
}

/* Takes @edited as the new case, as one command, after checking that it adds
 * no problem under any of @check_paths (NULL-terminated; NULL: no check). */
static gboolean
commit_checked (RamusPlan          *self,
                RamusCase          *edited,
                const char         *label,
                const char * const *check_paths,
                GError            **error)
{
  g_autoptr(RamusCase) owned = edited;
  gboolean could_undo, could_redo;
  Command *cmd;

  if (check_paths && check_paths[0])
    {
      g_autoptr(GPtrArray) before = ramus_case_check (self->c, self->atlas);
      g_autoptr(GPtrArray) after = ramus_case_check (owned, self->atlas);

      for (guint i = 0; i < after->len; i++)
        {
          const RamusCaseProblem *p = g_ptr_array_index (after, i);
          for (guint k = 0; check_paths[k]; k++)
            if (path_within (p->path, check_paths[k]) && problem_is_new (before, p))
              {
                g_set_error_literal (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID, p->message);
                return FALSE;
              }
        }
    }
  if (ramus_case_equal (self->c, owned))
    return TRUE;

  could_undo = ramus_plan_can_undo (self);
  could_redo = ramus_plan_can_redo (self);
  cmd = g_new0 (Command, 1);
  cmd->label = g_strdup (label);
  cmd->before = g_steal_pointer (&self->c);
  cmd->after = ramus_case_copy (owned);
  self->c = g_steal_pointer (&owned);
  g_queue_push_head (&self->undo, cmd);
  while (g_queue_get_length (&self->undo) > HISTORY_LIMIT)
    command_free (g_queue_pop_tail (&self->undo));
  clear_history (&self->redo);
  changed (self, could_undo, could_redo);
  return TRUE;
}

/* The same, checking under @check_path only (NULL: no check). */
static gboolean
commit (RamusPlan  *self,
        RamusCase  *edited,
        const char *label,
        const char *check_path,
        GError    **error)
{
  const char * const paths[] = { check_path, NULL };

  return commit_checked (self, edited, label, paths, error);
}

static gboolean commit_printf (RamusPlan  *self,
                               RamusCase  *edited,
                               const char *label,
                               GError    **error,
                               const char *path_format,
                               ...) G_GNUC_PRINTF (5, 6);

/* The same, checking under the path @path_format makes: an element of a
 * list ("targets[%u].embolic"). */
static gboolean
commit_printf (RamusPlan  *self,
               RamusCase  *edited,
               const char *label,
               GError    **error,
               const char *path_format,
               ...)
{
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  return commit (self, edited, label, path, error);
}

static gboolean
check_index (guint       index,
             guint       len,
             const char *what,
             GError    **error)
{
  if (index < len)
    return TRUE;
  g_set_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INDEX,
               _("there is no %s %u (the plan has %u)"), what, index + 1, len);
  return FALSE;
}

/* The case's lists that edits address by index (each a GArray *). */
#define TARGETS     G_STRUCT_OFFSET (RamusCase, targets)
#define PAIN_POINTS G_STRUCT_OFFSET (RamusCase, pain_points)
#define TUMOURS     G_STRUCT_OFFSET (RamusCase, liver.tumours)

/* Where an edit of element @index of the case's list at @list begins:
 * *@edited becomes a copy of the case to change, and the element in that
 * copy is returned. When the list has no such element (@what names it in
 * the message) it sets @error and returns NULL, and nothing changes. */
static gpointer
edit_element (RamusPlan   *self,
              gsize        list,
              guint        index,
              const char  *what,
              RamusCase  **edited,
              GError     **error)
{
  GArray *elements;

  *edited = NULL;
  if (!check_index (index, G_STRUCT_MEMBER (GArray *, self->c, list)->len, what, error))
    return NULL;
  *edited = ramus_case_copy (self->c);
  elements = G_STRUCT_MEMBER (GArray *, *edited, list);
  return elements->data + (gsize) index * g_array_get_element_size (elements);
}

/* Removes element @index of the case's list at @list, as one command. */
static gboolean
remove_element (RamusPlan  *self,
                gsize       list,
                guint       index,
                const char *what,
                const char *label,
                GError    **error)
{
  RamusCase *edited;

  if (edit_element (self, list, index, what, &edited, error) == NULL)
    return FALSE;
  g_array_remove_index (G_STRUCT_MEMBER (GArray *, edited, list), index);
  return commit (self, edited, label, NULL, error);
}

/* --- edits ---------------------------------------------------------------- */

/* A recorded puncture side stays when the side or the access changes (the
 * operator chose that arm), unless the new contralateral approach
 * contradicts it: then the other groin, the approach's own, applies. */
static void
keep_puncture_side (RamusPlan *self,
                    RamusCase *edited)
{
  const RamusAccessSite *access;
  RamusSide side;

  if (!ramus_case_get_puncture_side (edited, &side))
    return;
  access = edited->access ? ramus_atlas_lookup_access_site (self->atlas, edited->access) : NULL;
  if (access && g_str_equal (access->direction, "contralateral") && side == edited->side)
    ramus_case_set_string (&edited->puncture_side, NULL);
}

/* The case records a puncture side only where it is not the access's usual
 * one, so that the usual side keeps following the target's side. */
static void
record_puncture_side (RamusPlan *self,
                      RamusCase *edited,
                      RamusSide  side)
{
  if (side == usual_puncture_side (self->atlas, edited))
    ramus_case_set_string (&edited->puncture_side, NULL);
  else
    ramus_case_set_string (&edited->puncture_side, side == RAMUS_SIDE_LEFT ? "left" : "right");
}

gboolean
ramus_plan_set_side (RamusPlan  *self,
                     RamusSide   side,
                     GError    **error)
{
  RamusCase *edited;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (side == RAMUS_SIDE_LEFT || side == RAMUS_SIDE_RIGHT, FALSE);

  edited = ramus_case_copy (self->c);
  edited->side = side;
  keep_puncture_side (self, edited);
  return commit (self, edited, _("Change side"), NULL, error);
}

/* A new region starts its own planning: the indication, targets, pain
 * points and (outside the liver) tumours of the old one do not apply. */
gboolean
ramus_plan_set_region (RamusPlan  *self,
                       const char *region,
                       GError    **error)
{
  const RamusRegion *r;
  RamusCase *edited;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);

  r = region ? ramus_atlas_lookup_region (self->atlas, region) : NULL;
  if (r == NULL)
    {
      g_set_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID,
                   _("“%s” is not an atlas region (“ramus atlas regions” lists them)"), region ? region : "");
      return FALSE;
    }
  if (self->c->region && g_str_equal (self->c->region, r->id))
    return TRUE;
  edited = ramus_case_copy (self->c);
  ramus_case_set_string (&edited->region, r->id);
  ramus_case_set_string (&edited->indication.id, NULL);
  ramus_case_set_string (&edited->template_id, NULL);
  g_array_set_size (edited->targets, 0);
  g_array_set_size (edited->pain_points, 0);
  if (!g_str_equal (r->id, "liver"))
    {
      g_array_set_size (edited->liver.tumours, 0);
      ramus_case_set_string (&edited->liver.michels, NULL);
    }
  return commit (self, edited, _("Change region"), "region", error);
}

static gboolean
lookup_access (RamusPlan              *self,
               const char             *access,
               const RamusAccessSite **site,
               GError                **error)
{
  *site = NULL;
  if (access == NULL)
    return TRUE;
  *site = ramus_atlas_lookup_access_site (self->atlas, access);
  if (*site == NULL)
    {
      g_set_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID,
                   _("“%s” is not an access site (“ramus access list” lists them)"), access);
      return FALSE;
    }
  return TRUE;
}

gboolean
ramus_plan_set_access (RamusPlan  *self,
                       const char *access,
                       GError    **error)
{
  const RamusAccessSite *a;
  RamusCase *edited;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);

  if (!lookup_access (self, access, &a, error))
    return FALSE;
  edited = ramus_case_copy (self->c);
  ramus_case_set_string (&edited->access, a ? a->id : NULL);
  keep_puncture_side (self, edited);
  return commit (self, edited, _("Change access"), "access", error);
}

/* Which arm or groin is punctured. A side the access does not allow (the
 * target's own groin for the contralateral approach) is refused. */
gboolean
ramus_plan_set_puncture_side (RamusPlan  *self,
                              RamusSide   side,
                              GError    **error)
{
  RamusCase *edited;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (side == RAMUS_SIDE_LEFT || side == RAMUS_SIDE_RIGHT, FALSE);

  if (side == ramus_plan_get_puncture_side (self))
    return TRUE;
  edited = ramus_case_copy (self->c);
  record_puncture_side (self, edited, side);
  return commit (self, edited, _("Change puncture side"), "puncture_side", error);
}

/* An access and the side to puncture it on, as one command: a row of the
 * comparison of accesses. */
gboolean
ramus_plan_set_access_full (RamusPlan  *self,
                            const char *access,
                            RamusSide   puncture_side,
                            GError    **error)
{
  const char * const paths[] = { "access", "puncture_side", NULL };
  const RamusAccessSite *a;
  RamusCase *edited;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (puncture_side == RAMUS_SIDE_LEFT || puncture_side == RAMUS_SIDE_RIGHT, FALSE);

  if (!lookup_access (self, access, &a, error))
    return FALSE;
  edited = ramus_case_copy (self->c);
  ramus_case_set_string (&edited->access, a ? a->id : NULL);
  record_puncture_side (self, edited, puncture_side);
  return commit_checked (self, edited, _("Change access"), paths, error);
}

typedef enum
{
  FIELD_STRING,
  FIELD_DOUBLE,
  FIELD_INT,
} FieldType;

typedef struct
{
  const char *path;
  FieldType type;
  gsize offset;
  const char *label;
} Field;

#define CASE_FIELD(path, type, member, label) { path, type, G_STRUCT_OFFSET (RamusCase, member), label }

static const Field fields[] = {
  CASE_FIELD ("pseudonym", FIELD_STRING, pseudonym, N_("Change pseudonym")),
  CASE_FIELD ("procedure_date", FIELD_STRING, procedure_date, N_("Change procedure date")),
  CASE_FIELD ("template", FIELD_STRING, template_id, N_("Change template")),
  CASE_FIELD ("puncture_side", FIELD_STRING, puncture_side, N_("Change puncture side")),
  CASE_FIELD ("notes", FIELD_STRING, notes, N_("Edit notes")),
  CASE_FIELD ("patient.sex", FIELD_STRING, patient.sex, N_("Change sex")),
  CASE_FIELD ("patient.age_years", FIELD_INT, patient.age_years, N_("Change age")),
  CASE_FIELD ("patient.height_cm", FIELD_DOUBLE, patient.height_cm, N_("Change height")),
  CASE_FIELD ("patient.weight_kg", FIELD_DOUBLE, patient.weight_kg, N_("Change weight")),
  CASE_FIELD ("patient.egfr_ml_min", FIELD_DOUBLE, patient.egfr_ml_min, N_("Change eGFR")),
  CASE_FIELD ("indication.id", FIELD_STRING, indication.id, N_("Change indication")),
  CASE_FIELD ("indication.kellgren_lawrence", FIELD_INT, indication.kellgren_lawrence, N_("Change Kellgren–Lawrence grade")),
  CASE_FIELD ("indication.eaton_littler", FIELD_INT, indication.eaton_littler, N_("Change Eaton–Littler stage")),
  CASE_FIELD ("indication.bclc", FIELD_STRING, indication.bclc, N_("Change BCLC stage")),
  CASE_FIELD ("indication.child_pugh", FIELD_STRING, indication.child_pugh, N_("Change Child–Pugh class")),
  CASE_FIELD ("indication.primary", FIELD_STRING, indication.primary, N_("Change primary tumour")),
  CASE_FIELD ("indication.level", FIELD_STRING, indication.level, N_("Change level")),
  CASE_FIELD ("indication.lesion", FIELD_STRING, indication.lesion, N_("Change lesion")),
  CASE_FIELD ("liver.michels", FIELD_STRING, liver.michels, N_("Change hepatic artery variant")),
  CASE_FIELD ("doses.imipenem_g", FIELD_DOUBLE, doses.imipenem_g, N_("Change imipenem dose")),
  CASE_FIELD ("doses.imipenem_contrast_ml", FIELD_DOUBLE, doses.imipenem_contrast_ml, N_("Change contrast volume")),
  CASE_FIELD ("doses.doxorubicin_mg_per_m2", FIELD_DOUBLE, doses.doxorubicin_mg_per_m2, N_("Change doxorubicin dose")),
  CASE_FIELD ("doses.bsa_formula", FIELD_STRING, doses.bsa_formula, N_("Change BSA formula")),
  CASE_FIELD ("doses.lipiodol_ml", FIELD_DOUBLE, doses.lipiodol_ml, N_("Change Lipiodol volume")),
  CASE_FIELD ("doses.deb_loading_mg", FIELD_DOUBLE, doses.deb_loading_mg, N_("Change bead loading")),
};

static const Field *
find_field (const char *path,
            FieldType   type)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (fields[i].path, path) && fields[i].type == type)
      return &fields[i];
  return NULL;
}

gboolean
ramus_plan_set_text (RamusPlan  *self,
                     const char *field,
                     const char *value,
                     GError    **error)
{
  const Field *f;
  RamusCase *edited;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (g_str_equal (field, "access"))
    return ramus_plan_set_access (self, value, error);
  if (g_str_equal (field, "region"))
    return ramus_plan_set_region (self, value, error);
  f = find_field (field, FIELD_STRING);
  if (f == NULL)
    {
      g_set_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_UNKNOWN_FIELD,
                   _("“%s” is not a text field of the case"), field);
      return FALSE;
    }
  edited = ramus_case_copy (self->c);
  ramus_case_set_string (G_STRUCT_MEMBER_P (edited, f->offset), value && *value ? value : NULL);
  return commit (self, edited, _(f->label), f->path, error);
}

gboolean
ramus_plan_set_number (RamusPlan  *self,
                       const char *field,
                       double      value,
                       GError    **error)
{
  RamusScore score;
  RamusCase *edited;
  const char *label;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (isinf (value))
    {
      g_set_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID, _("%s: not a finite number"), field);
      return FALSE;
    }
  edited = ramus_case_copy (self->c);
  if (g_str_has_prefix (field, "baseline.") && ramus_score_from_key (field + strlen ("baseline."), &score))
    {
      edited->baseline.values[score] = value;
      label = _("Change baseline score");
    }
  else
    {
      const Field *f = find_field (field, FIELD_DOUBLE);
      if (f == NULL)
        f = find_field (field, FIELD_INT);
      if (f == NULL)
        {
          ramus_case_free (edited);
          g_set_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_UNKNOWN_FIELD,
                       _("“%s” is not a number field of the case"), field);
          return FALSE;
        }
      if (f->type == FIELD_INT)
        {
          if (!isnan (value) && value != floor (value))
            {
              ramus_case_free (edited);
              g_set_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID, _("%s: %g is not a whole number"),
                           field, value);
              return FALSE;
            }
          G_STRUCT_MEMBER (int, edited, f->offset) = isnan (value) ? RAMUS_CASE_UNSET : (int) value;
        }
      else
        G_STRUCT_MEMBER (double, edited, f->offset) = value;
      label = _(f->label);
    }
  return commit (self, edited, label, field, error);
}

gboolean
ramus_plan_set_allergies (RamusPlan          *self,
                          const char * const *allergies,
                          GError            **error)
{
  RamusCase *edited;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);

  edited = ramus_case_copy (self->c);
  g_clear_pointer (&edited->patient.allergies, g_strfreev);
  if (allergies && allergies[0])
    edited->patient.allergies = g_strdupv ((char **) allergies);
  return commit (self, edited, _("Change allergies"), "patient.allergies", error);
}

static gboolean
add_target_full (RamusPlan  *self,
                 const char *vessel,
                 const char *embolic,
                 const char *note,
                 GError    **error)
{
  const RamusVessel *v;
  RamusCase *edited;
  RamusTarget *t;

  v = vessel ? ramus_atlas_lookup (self->atlas, vessel) : NULL;
  if (v == NULL)
    {
      g_set_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID,
                   _("“%s” is not a vessel of the atlas"), vessel ? vessel : "");
      return FALSE;
    }
  edited = ramus_case_copy (self->c);
  t = ramus_case_add_target (edited, v->id, embolic ? embolic : ramus_plan_default_embolic (self));
  if (note)
    ramus_case_set_string (&t->note, note);
  return commit_printf (self, edited, _("Add target"), error, "targets[%u]", edited->targets->len - 1);
}

gboolean
ramus_plan_add_target (RamusPlan  *self,
                       const char *vessel,
                       const char *embolic,
                       GError    **error)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  return add_target_full (self, vessel, embolic, NULL, error);
}

/* A candidate becomes a target in one step; a spinal candidate keeps its
 * level in the target's note, the case having no other place for it. */
gboolean
ramus_plan_add_candidate (RamusPlan            *self,
                          const RamusCandidate *candidate,
                          GError              **error)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (candidate != NULL, FALSE);
  return add_target_full (self, candidate->vessel->id, NULL, candidate->level, error);
}

/* Clicking a vessel on the canvas adds it, or removes it when it is one. */
gboolean
ramus_plan_toggle_target (RamusPlan  *self,
                          const char *vessel,
                          GError    **error)
{
  const RamusVessel *v;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);

  v = vessel ? ramus_atlas_lookup (self->atlas, vessel) : NULL;
  for (guint i = 0; v && i < self->c->targets->len; i++)
    if (g_strcmp0 (g_array_index (self->c->targets, RamusTarget, i).vessel, v->id) == 0)
      return ramus_plan_remove_target (self, i, error);
  return ramus_plan_add_target (self, vessel, NULL, error);
}

gboolean
ramus_plan_remove_target (RamusPlan  *self,
                          guint       index,
                          GError    **error)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  return remove_element (self, TARGETS, index, _("target"), _("Remove target"), error);
}

gboolean
ramus_plan_move_target (RamusPlan  *self,
                        guint       from,
                        guint       to,
                        GError    **error)
{
  RamusCase *edited;
  RamusTarget moved;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);

  if (!check_index (from, self->c->targets->len, _("target"), error) ||
      !check_index (to, self->c->targets->len, _("target"), error))
    return FALSE;
  edited = ramus_case_copy (self->c);
  /* Move the element itself (its strings go with it): no clear func runs. */
  moved = g_array_index (edited->targets, RamusTarget, from);
  memset (&g_array_index (edited->targets, RamusTarget, from), 0, sizeof moved);
  g_array_remove_index (edited->targets, from);
  g_array_insert_val (edited->targets, to, moved);
  return commit (self, edited, _("Reorder targets"), NULL, error);
}

gboolean
ramus_plan_set_target_embolic (RamusPlan  *self,
                               guint       index,
                               const char *embolic,
                               GError    **error)
{
  RamusCase *edited;
  RamusTarget *t;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);

  t = edit_element (self, TARGETS, index, _("target"), &edited, error);
  if (t == NULL)
    return FALSE;
  ramus_case_set_string (&t->embolic, embolic);
  return commit_printf (self, edited, _("Change embolic"), error, "targets[%u].embolic", index);
}

gboolean
ramus_plan_set_target_volume (RamusPlan  *self,
                              guint       index,
                              double      volume_ml,
                              GError    **error)
{
  RamusCase *edited;
  RamusTarget *t;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);

  t = edit_element (self, TARGETS, index, _("target"), &edited, error);
  if (t == NULL)
    return FALSE;
  t->planned_volume_ml = volume_ml;
  return commit_printf (self, edited, _("Change planned volume"), error, "targets[%u].planned_volume_ml", index);
}

gboolean
ramus_plan_add_pain_point (RamusPlan  *self,
                           double      x_mm,
                           double      y_mm,
                           double      radius_mm,
                           GError    **error)
{
  RamusCase *edited;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);

  edited = ramus_case_copy (self->c);
  ramus_case_add_pain_point (edited, x_mm, y_mm, radius_mm);
  return commit_printf (self, edited, _("Mark pain"), error, "pain_points[%u]", edited->pain_points->len - 1);
}

gboolean
ramus_plan_move_pain_point (RamusPlan  *self,
                            guint       index,
                            double      x_mm,
                            double      y_mm,
                            GError    **error)
{
  RamusCase *edited;
  RamusPainPoint *p;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);

  p = edit_element (self, PAIN_POINTS, index, _("pain point"), &edited, error);
  if (p == NULL)
    return FALSE;
  p->x_mm = x_mm;
  p->y_mm = y_mm;
  return commit_printf (self, edited, _("Move pain point"), error, "pain_points[%u]", index);
}

gboolean
ramus_plan_remove_pain_point (RamusPlan  *self,
                              guint       index,
                              GError    **error)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  return remove_element (self, PAIN_POINTS, index, _("pain point"), _("Remove pain point"), error);
}

gboolean
ramus_plan_add_tumour (RamusPlan  *self,
                       const char *segment,
                       double      diameter_mm,
                       GError    **error)
{
  RamusCase *edited;

  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);

  edited = ramus_case_copy (self->c);
  ramus_case_add_tumour (edited, segment, diameter_mm);
  return commit_printf (self, edited, _("Add tumour"), error, "liver.tumours[%u]", edited->liver.tumours->len - 1);
}

gboolean
ramus_plan_remove_tumour (RamusPlan  *self,
                          guint       index,
                          GError    **error)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);
  return remove_element (self, TUMOURS, index, _("tumour"), _("Remove tumour"), error);
}

/* Where the case records the device of each type. */
static const struct
{
  RamusDeviceType type;
  gsize offset;
  const char *path;
} device_fields[] = {
  { RAMUS_DEVICE_SHEATH, G_STRUCT_OFFSET (RamusCase, devices.sheath), "devices.sheath" },
  { RAMUS_DEVICE_CATHETER, G_STRUCT_OFFSET (RamusCase, devices.catheter), "devices.catheter" },
  { RAMUS_DEVICE_MICROCATHETER, G_STRUCT_OFFSET (RamusCase, devices.microcatheter), "devices.microcatheter" },
  { RAMUS_DEVICE_GUIDEWIRE, G_STRUCT_OFFSET (RamusCase, devices.guidewire), "devices.guidewire" },
};

gboolean
ramus_plan_set_device (RamusPlan       *self,
                       RamusDeviceType  type,
                       const char      *device,
                       GError         **error)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), FALSE);

  if (device)
    {
      const RamusDevice *d = ramus_atlas_lookup_device (self->atlas, device);
      if (d == NULL || d->type != type)
        {
          g_set_error (error, RAMUS_PLAN_ERROR, RAMUS_PLAN_ERROR_INVALID,
                       _("“%s” is not a %s of the device catalogue"), device, ramus_device_type_to_string (type));
          return FALSE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (device_fields); i++)
    if (device_fields[i].type == type)
      {
        RamusCase *edited = ramus_case_copy (self->c);

        ramus_case_set_string (G_STRUCT_MEMBER_P (edited, device_fields[i].offset), device);
        return commit (self, edited, _("Change device"), device_fields[i].path, error);
      }
  g_assert_not_reached ();
  return FALSE;
}

/* --- derived, read -------------------------------------------------------- */

guint
ramus_plan_get_n_targets (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), 0);
  return self->targets->len;
}

const RamusPlanTarget *
ramus_plan_get_target (RamusPlan *self,
                       guint      index)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);
  g_return_val_if_fail (index < self->targets->len, NULL);
  return g_ptr_array_index (self->targets, index);
}

GPtrArray *
ramus_plan_get_candidates (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);
  return self->candidates;
}

const char *
ramus_plan_get_candidates_error (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);
  return self->candidates_error;
}

GPtrArray *
ramus_plan_get_warnings (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);
  return self->warnings;
}

GPtrArray *
ramus_plan_get_doses (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);
  return self->doses;
}

/* The three-stage TACE plan, or NULL outside the liver, without a measured
 * tumour or when it could not be made (its error is in the doses). */
const RamusDoseResult *
ramus_plan_get_tace_plan (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);
  return find_dose (self, "tace");
}

GPtrArray *
ramus_plan_get_problems (RamusPlan *self)
{
  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);
  return self->problems;
}

/* --- JSON ------------------------------------------------------------------- */

static void
add_device (JsonObject        *o,
            const char        *key,
            const RamusDevice *d)
{
  if (d)
    json_object_set_string_member (o, key, d->id);
  else
    json_object_set_null_member (o, key);
}

static JsonArray *
values_to_json (GArray *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values && i < values->len; i++)
    {
      const RamusDoseValue *v = &g_array_index (values, RamusDoseValue, i);
      JsonObject *vo = json_object_new ();
      json_object_set_string_member (vo, "key", v->key);
      json_object_set_double_member (vo, "value", v->value);
      json_object_set_string_member (vo, "unit", v->unit);
      json_array_add_object_element (array, vo);
    }
  return array;
}

static JsonArray *
stages_to_json (const RamusDoseResult *r)
{
  JsonArray *stages = json_array_new ();

  for (guint i = 0; i < r->stages->len; i++)
    {
      const RamusTaceStage *st = &g_array_index (r->stages, RamusTaceStage, i);
      JsonObject *so = json_object_new ();

      json_object_set_int_member (so, "stage", st->stage);
      json_object_set_string_member (so, "target", st->target);
      json_object_set_string_member (so, "embolic", st->embolic);
      json_object_set_string_member (so, "description", st->description);
      json_object_set_array_member (so, "doses", values_to_json (st->doses));
      st->dose_text ? json_object_set_string_member (so, "dose_text", st->dose_text)
                    : json_object_set_null_member (so, "dose_text");
      json_array_add_object_element (stages, so);
    }
  return stages;
}

static JsonNode *
dose_to_json (RamusPlan           *self,
              const RamusPlanDose *d)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (o, "what", d->what);
  if (d->result == NULL)
    json_object_set_string_member (o, "error", d->error);
  else
    {
      const RamusDoseResult *r = d->result;
      JsonArray *sources = json_array_new ();
      JsonArray *warnings = json_array_new (), *notes = json_array_new ();

      json_object_set_string_member (o, "title", r->title);
      json_object_set_array_member (o, "values", values_to_json (r->values));
      r->formula ? json_object_set_string_member (o, "formula", r->formula) : json_object_set_null_member (o, "formula");
      r->working ? json_object_set_string_member (o, "working", r->working) : json_object_set_null_member (o, "working");
      r->embolic ? json_object_set_string_member (o, "embolic", r->embolic) : json_object_set_null_member (o, "embolic");
      for (guint i = 0; r->sources && r->sources[i]; i++)
        json_array_add_element (sources, ramus_source_to_json (self->atlas, r->sources[i]));
      json_object_set_array_member (o, "sources", sources);
      for (guint i = 0; r->warnings && i < r->warnings->len; i++)
        json_array_add_string_element (warnings, g_ptr_array_index (r->warnings, i));
      json_object_set_array_member (o, "warnings", warnings);
      for (guint i = 0; r->notes && i < r->notes->len; i++)
        json_array_add_string_element (notes, g_ptr_array_index (r->notes, i));
      json_object_set_array_member (o, "notes", notes);
      if (r->stages)
        json_object_set_array_member (o, "stages", stages_to_json (r));
    }
  json_node_take_object (node, o);
  return node;
}

/* What `ramus plan check --json` prints: the case's problems, then every
 * derived result with its sources. */
JsonNode *
ramus_plan_to_json (RamusPlan *self)
{
  JsonObject *root = json_object_new ();
  JsonArray *problems = json_array_new (), *targets = json_array_new ();
  JsonArray *candidates = json_array_new (), *warnings = json_array_new (), *doses = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (RAMUS_IS_PLAN (self), NULL);

  json_object_set_boolean_member (root, "valid", self->problems->len == 0);
  for (guint i = 0; i < self->problems->len; i++)
    {
      const RamusCaseProblem *p = g_ptr_array_index (self->problems, i);
      JsonObject *po = json_object_new ();
      json_object_set_string_member (po, "path", p->path);
      json_object_set_string_member (po, "message", p->message);
      json_array_add_object_element (problems, po);
    }
  json_object_set_array_member (root, "problems", problems);
  json_object_set_string_member (root, "region", self->c->region);
  json_object_set_string_member (root, "side", self->c->side == RAMUS_SIDE_LEFT ? "left" : "right");
  self->c->access ? json_object_set_string_member (root, "access", self->c->access)
                  : json_object_set_null_member (root, "access");
  if (self->c->access)
    json_object_set_string_member (root, "puncture_side",
                                   ramus_plan_get_puncture_side (self) == RAMUS_SIDE_LEFT ? "left" : "right");
  else
    json_object_set_null_member (root, "puncture_side");

  for (guint i = 0; i < self->targets->len; i++)
    {
      const RamusPlanTarget *pt = g_ptr_array_index (self->targets, i);
      const RamusTarget *t = &g_array_index (self->c->targets, RamusTarget, i);
      JsonObject *to = json_object_new ();
      JsonArray *tw = json_array_new ();

      json_object_set_int_member (to, "index", i);
      json_object_set_string_member (to, "vessel", t->vessel);
      t->embolic ? json_object_set_string_member (to, "embolic", t->embolic) : json_object_set_null_member (to, "embolic");
      if (isnan (t->planned_volume_ml))
        json_object_set_null_member (to, "planned_volume_ml");
      else
        json_object_set_double_member (to, "planned_volume_ml", t->planned_volume_ml);
      if (pt->route)
        json_object_set_member (to, "route", ramus_route_to_json (pt->route, self->atlas));
      else
        json_object_set_null_member (to, "route");
      pt->refusal ? json_object_set_string_member (to, "route_refusal", pt->refusal)
                  : json_object_set_null_member (to, "route_refusal");
      if (pt->device_conflicts)
        {
          JsonObject *devices = json_object_new ();
          JsonObject *proposed = json_object_new ();
          JsonArray *conflicts = json_array_new ();

          add_device (proposed, "sheath", pt->proposed.sheath);
          add_device (proposed, "catheter", pt->proposed.catheter);
          add_device (proposed, "microcatheter", pt->proposed.microcatheter);
          add_device (proposed, "guidewire", pt->proposed.guidewire);
          json_object_set_object_member (devices, "proposed", proposed);
          json_object_set_boolean_member (devices, "conflicts_of_chosen", pt->devices_chosen);
          for (guint c = 0; c < pt->device_conflicts->len; c++)
            json_array_add_string_element (conflicts,
                                           ((RamusDeviceConflict *) g_ptr_array_index (pt->device_conflicts, c))->message);
          json_object_set_array_member (devices, "conflicts", conflicts);
          json_object_set_object_member (to, "devices", devices);
        }
      else
        json_object_set_null_member (to, "devices");
      for (guint w = 0; w < pt->warnings->len; w++)
        json_array_add_element (tw, ramus_warning_to_json (g_ptr_array_index (pt->warnings, w), self->atlas));
      json_object_set_array_member (to, "warnings", tw);
      json_array_add_object_element (targets, to);
    }
  json_object_set_array_member (root, "targets", targets);

  for (guint i = 0; i < self->candidates->len; i++)
    {
      const RamusCandidate *c = g_ptr_array_index (self->candidates, i);
      JsonObject *co = json_object_new ();
      json_object_set_string_member (co, "vessel", c->vessel->id);
      json_object_set_string_member (co, "side", c->side == RAMUS_SIDE_LEFT ? "left" : "right");
      json_object_set_string_member (co, "basis", ramus_candidate_basis_to_string (c->basis));
      json_object_set_double_member (co, "score", c->score);
      json_object_set_double_member (co, "overlap_mm2", c->overlap_mm2);
      c->level ? json_object_set_string_member (co, "level", c->level) : json_object_set_null_member (co, "level");
      json_object_set_string_member (co, "reason", c->reason);
      json_array_add_object_element (candidates, co);
    }
  json_object_set_array_member (root, "candidates", candidates);
  self->candidates_error ? json_object_set_string_member (root, "candidates_error", self->candidates_error)
                         : json_object_set_null_member (root, "candidates_error");

  for (guint i = 0; i < self->doses->len; i++)
    json_array_add_element (doses, dose_to_json (self, g_ptr_array_index (self->doses, i)));
  json_object_set_array_member (root, "doses", doses);

  for (guint i = 0; i < self->warnings->len; i++)
    json_array_add_element (warnings, ramus_warning_to_json (g_ptr_array_index (self->warnings, i), self->atlas));
  json_object_set_array_member (root, "warnings", warnings);

  json_node_take_object (node, root);
  return node;
}
