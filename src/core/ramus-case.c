/* ramus-case.c — the case document: JSON in and out, validation, templates
 *
 * The rules here are docs/case-format.md; when one changes, the document
 * changes in the same commit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-case"

#include "config.h"

#include "ramus-case.h"
#include "ramus-atlas-json.h"
#include "ramus-dose.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

G_DEFINE_QUARK (ramus-case-error-quark, ramus_case_error)

G_DEFINE_BOXED_TYPE (RamusCase, ramus_case, ramus_case_copy, ramus_case_free)

/* ---------------------------------------------------------------------------
 * Tables of the format
 * ------------------------------------------------------------------------ */

static const char * const region_ids[] = {
  "knee", "shoulder", "elbow", "ankle-foot", "hand", "hip", "liver", "spine-pelvis", NULL
};

static const char * const oa_regions[] = { "knee", "hip", NULL };
static const char * const ases_regions[] = { "shoulder", NULL };
static const char * const quickdash_regions[] = { "shoulder", "elbow", "hand", NULL };
static const char * const liver_regions[] = { "liver", NULL };

/* Pain scores are kept for the liver and spine too (procedural and bone
 * pain); WOMAC is a hip and knee instrument, ASES a shoulder one, QuickDASH
 * covers the whole upper limb; AFP and PIVKA-II are HCC markers. */
static const RamusScoreInfo score_infos[RAMUS_N_SCORES] = {
  { "vas", N_("VAS pain"), "", 0, 10, region_ids },
  { "nrs", N_("NRS pain"), "", 0, 10, region_ids },
  { "womac", N_("WOMAC"), "", 0, 96, oa_regions },
  { "ases", N_("ASES"), "", 0, 100, ases_regions },
  { "quickdash", N_("QuickDASH"), "", 0, 100, quickdash_regions },
  { "afp_ng_ml", N_("AFP"), "ng/mL", 0, G_MAXDOUBLE, liver_regions },
  { "pivka_ii_mau_ml", N_("PIVKA-II"), "mAU/mL", 0, G_MAXDOUBLE, liver_regions },
};

static const RamusIndication indications[] = {
  { "knee-oa", "knee", N_("Knee osteoarthritis"), RAMUS_STAGE_KELLGREN_LAWRENCE },
  { "adhesive-capsulitis", "shoulder", N_("Adhesive capsulitis (frozen shoulder)"), 0 },
  { "rotator-cuff", "shoulder", N_("Rotator cuff tendinopathy or tear"), 0 },
  { "lateral-epicondylitis", "elbow", N_("Lateral epicondylitis (tennis elbow)"), 0 },
  { "medial-epicondylitis", "elbow", N_("Medial epicondylitis (golfer’s elbow)"), 0 },
  { "plantar-fasciitis", "ankle-foot", N_("Plantar fasciitis"), 0 },
  { "achilles-tendinopathy", "ankle-foot", N_("Achilles tendinopathy"), 0 },
  { "hand-oa", "hand", N_("Hand osteoarthritis"), RAMUS_STAGE_EATON_LITTLER },
  { "hip-oa", "hip", N_("Hip osteoarthritis"), RAMUS_STAGE_KELLGREN_LAWRENCE },
  { "hcc", "liver", N_("Hepatocellular carcinoma"), RAMUS_STAGE_BCLC | RAMUS_STAGE_CHILD_PUGH },
  { "bone-metastasis", "spine-pelvis", N_("Hypervascular bone metastasis"),
    RAMUS_STAGE_PRIMARY | RAMUS_STAGE_LEVEL | RAMUS_STAGE_LESION },
};

/* The usual access of each template follows the access sites' notes in
 * data/atlas/access.atlas: contralateral up-and-over for leg and hip work
 * (Lin 2025), radial for shoulder and elbow TAME, the wrist for hand OA
 * (Inui 2021), ipsilateral femoral for TACE and spinal/pelvic TAE. */
static const RamusCaseTemplate templates[] = {
  { "knee-gae", "knee", "knee-oa", "cfa-contralateral", "imipenem-cilastatin",
    N_("Knee: genicular artery embolization"), "seed-tame,okuno2015,access-lin2025" },
  { "shoulder-tame", "shoulder", "adhesive-capsulitis", "radial", "imipenem-cilastatin",
    N_("Shoulder: TAME"), "seed-tame,shoulder-okuno2017,access-posham2016" },
  { "elbow-tame", "elbow", "lateral-epicondylitis", "radial", "imipenem-cilastatin",
    N_("Elbow: TAME"), "seed-tame,access-posham2016" },
  { "foot-tame", "ankle-foot", "plantar-fasciitis", "cfa-contralateral", "imipenem-cilastatin",
    N_("Ankle and foot: TAME"), "seed-tame,access-lin2025" },
  { "hand-tame", "hand", "hand-oa", "radial", "imipenem-cilastatin",
    N_("Hand: TAME"), "seed-tame,access-inui2021,hand-inui2021" },
  { "hip-tame", "hip", "hip-oa", "cfa-contralateral", "imipenem-cilastatin",
    N_("Hip: TAME"), "seed-tame,access-lin2025" },
  { "ctace", "liver", "hcc", "cfa-retrograde", "lipiodol-emulsion",
    N_("Liver: conventional TACE (Lipiodol)"), "seed-tace,access-seto2010" },
  { "deb-tace", "liver", "hcc", "cfa-retrograde", "deb-microspheres",
    N_("Liver: drug-eluting bead TACE"), "seed-tace,access-seto2010" },
  { "tae-cementoplasty", "spine-pelvis", "bone-metastasis", "cfa-retrograde", "bland-microspheres",
    N_("Spine and pelvis: TAE before cementoplasty"), "seed-cement,access-seto2010" },
};

static const char * const sexes[] = { "female", "male", "other", NULL };
static const char * const allergies[] = { "carbapenem", "beta-lactam", "iodinated-contrast", NULL };
static const char * const bclc_stages[] = { "0", "A", "B", "C", "D", NULL };
static const char * const child_pugh_classes[] = { "A", "B", "C", NULL };
static const char * const levels[] = {
  "T8", "T9", "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5", "S1",
  "ilium", "acetabulum", "pubis", "ischium", "sacrum", NULL
};
static const char * const segments[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII", NULL };
static const char * const embolics[] = {
  "imipenem-cilastatin", "microspheres-75-100", "lipiodol-emulsion", "deb-microspheres",
  "bland-microspheres", "gelatin-sponge", "coil", NULL
};
static const char * const bsa_formulas[] = { "mosteller", "dubois", NULL };
static const char * const sides[] = { "left", "right", NULL };
static const char * const mrecist_responses[] = { "CR", "PR", "SD", "PD", NULL };
static const char * const template_ids[] = {
  "knee-gae", "shoulder-tame", "elbow-tame", "foot-tame", "hand-tame", "hip-tame",
  "ctace", "deb-tace", "tae-cementoplasty", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (template_ids) == G_N_ELEMENTS (templates) + 1);

typedef struct
{
  const char *path;
  const char * const *values;
} AllowedValues;

static const AllowedValues allowed_values[] = {
  { "patient.sex", sexes },
  { "patient.allergies", allergies },
  { "indication.bclc", bclc_stages },
  { "indication.child_pugh", child_pugh_classes },
  { "indication.level", levels },
  { "liver.tumours.segment", segments },
  { "targets.embolic", embolics },
  { "doses.bsa_formula", bsa_formulas },
  { "followups.mrecist", mrecist_responses },
  { "template", template_ids },
  { "region", region_ids },
  { "puncture_side", sides },
};

/* Keys of each object of the format, in the order they are written. */
static const char * const top_keys[] = {
  "format", "version", "id", "pseudonym", "created", "modified", "procedure_date",
  "procedure_day", "template", "region", "side", "patient", "indication", "baseline",
  "liver", "pain_points", "access", "puncture_side", "targets", "devices", "doses", "notes", "followups",
  "extensions", NULL
};
static const char * const patient_keys[] = {
  "age_years", "sex", "height_cm", "weight_kg", "egfr_ml_min", "allergies", NULL
};
static const char * const indication_keys[] = {
  "id", "kellgren_lawrence", "eaton_littler", "bclc", "child_pugh", "primary", "level",
  "lesion", NULL
};
static const char * const liver_keys[] = { "michels", "tumours", NULL };
static const char * const tumour_keys[] = { "segment", "diameter_mm", NULL };
static const char * const pain_point_keys[] = { "x_mm", "y_mm", "radius_mm", NULL };
static const char * const target_keys[] = { "vessel", "embolic", "planned_volume_ml", "note", NULL };
static const char * const device_keys[] = { "sheath", "catheter", "microcatheter", "guidewire", NULL };
static const char * const dose_keys[] = {
  "imipenem_g", "imipenem_contrast_ml", "doxorubicin_mg_per_m2", "bsa_formula",
  "lipiodol_ml", "deb_loading_mg", NULL
};
static const char * const followup_keys[] = { "date", "day", "scores", "mrecist", NULL };

/* ---------------------------------------------------------------------------
 * Life cycle
 * ------------------------------------------------------------------------ */

static void
tumour_clear (gpointer data)
{
  RamusTumour *t = data;
  g_free (t->segment);
}

static void
target_clear (gpointer data)
{
  RamusTarget *t = data;
  g_free (t->vessel);
  g_free (t->embolic);
  g_free (t->note);
}

static void
followup_clear (gpointer data)
{
  RamusFollowup *f = data;
  g_free (f->date);
  g_free (f->mrecist);
}

static void
scores_init (RamusScores *scores)
{
  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    scores->values[i] = NAN;
}

static GArray *
new_tumours (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (RamusTumour));
  g_array_set_clear_func (a, tumour_clear);
  return a;
}

static GArray *
new_targets (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (RamusTarget));
  g_array_set_clear_func (a, target_clear);
  return a;
}

static GArray *
new_followups (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (RamusFollowup));
  g_array_set_clear_func (a, followup_clear);
  return a;
}

/* An empty case with nothing recorded, not yet valid: the planner fills it. */
static RamusCase *
case_alloc (void)
{
  RamusCase *self = g_new0 (RamusCase, 1);

  self->version = RAMUS_CASE_VERSION;
  self->procedure_day = G_MININT;
  self->side = RAMUS_SIDE_RIGHT;
  self->patient.age_years = RAMUS_CASE_UNSET;
  self->patient.height_cm = NAN;
  self->patient.weight_kg = NAN;
  self->patient.egfr_ml_min = NAN;
  self->indication.kellgren_lawrence = RAMUS_CASE_UNSET;
  self->indication.eaton_littler = RAMUS_CASE_UNSET;
  scores_init (&self->baseline);
  self->liver.tumours = new_tumours ();
  self->pain_points = g_array_new (FALSE, TRUE, sizeof (RamusPainPoint));
  self->targets = new_targets ();
  self->doses.imipenem_g = NAN;
  self->doses.imipenem_contrast_ml = NAN;
  self->doses.doxorubicin_mg_per_m2 = NAN;
  self->doses.lipiodol_ml = NAN;
  self->doses.deb_loading_mg = NAN;
  self->followups = new_followups ();
  return self;
}

/**
 * ramus_case_new:
 * @region: an atlas region id
 * @side: the patient's side
 *
 * Returns: (transfer full): an empty case of @region, with nothing else
 * recorded. It does not pass ramus_case_validate() until a pseudonym and an
 * indication are set.
 */
RamusCase *
ramus_case_new (const char *region,
                RamusSide   side)
{
  RamusCase *self;

  g_return_val_if_fail (region != NULL, NULL);

  self = case_alloc ();
  self->region = g_strdup (region);
  self->side = side;
  return self;
}

/**
 * ramus_case_new_from_template:
 * @template_id: a template id (`knee-gae` …)
 *
 * Returns: (transfer full) (nullable): a case with the template's region,
 * indication and usual access, the right side, and for TAME the default
 * imipenem/cilastatin suspension of ramus-dose; NULL for an unknown id.
 */
RamusCase *
ramus_case_new_from_template (const char *template_id)
{
  const RamusCaseTemplate *tmpl;
  RamusCase *self;

  g_return_val_if_fail (template_id != NULL, NULL);

  tmpl = ramus_case_lookup_template (template_id);
  if (tmpl == NULL)
    return NULL;
  self = ramus_case_new (tmpl->region, RAMUS_SIDE_RIGHT);
  self->template_id = g_strdup (tmpl->id);
  self->indication.id = g_strdup (tmpl->indication);
  self->access = g_strdup (tmpl->access);
  if (g_str_equal (tmpl->embolic, "imipenem-cilastatin"))
    {
      self->doses.imipenem_g = RAMUS_DOSE_IMIPENEM_DEFAULT_G;
      self->doses.imipenem_contrast_ml = RAMUS_DOSE_IMIPENEM_DEFAULT_CONTRAST_ML;
    }
  if (g_str_equal (tmpl->region, "liver"))
    self->doses.bsa_formula = g_strdup ("mosteller");
  return self;
}

RamusCase *
ramus_case_copy (const RamusCase *self)
{
  RamusCase *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = case_alloc ();
  copy->version = self->version;
  copy->id = g_strdup (self->id);
  copy->pseudonym = g_strdup (self->pseudonym);
  copy->created = g_strdup (self->created);
  copy->modified = g_strdup (self->modified);
  copy->procedure_date = g_strdup (self->procedure_date);
  copy->procedure_day = self->procedure_day;
  copy->template_id = g_strdup (self->template_id);
  copy->region = g_strdup (self->region);
  copy->side = self->side;

  copy->patient = self->patient;
  copy->patient.sex = g_strdup (self->patient.sex);
  copy->patient.allergies = g_strdupv (self->patient.allergies);

  copy->indication = self->indication;
  copy->indication.id = g_strdup (self->indication.id);
  copy->indication.bclc = g_strdup (self->indication.bclc);
  copy->indication.child_pugh = g_strdup (self->indication.child_pugh);
  copy->indication.primary = g_strdup (self->indication.primary);
  copy->indication.level = g_strdup (self->indication.level);
  copy->indication.lesion = g_strdup (self->indication.lesion);

  copy->baseline = self->baseline;
  copy->liver.michels = g_strdup (self->liver.michels);
  for (guint i = 0; i < self->liver.tumours->len; i++)
    {
      const RamusTumour *t = &g_array_index (self->liver.tumours, RamusTumour, i);
      ramus_case_add_tumour (copy, t->segment, t->diameter_mm);
    }
  g_array_append_vals (copy->pain_points, self->pain_points->data, self->pain_points->len);
  copy->access = g_strdup (self->access);
  copy->puncture_side = g_strdup (self->puncture_side);
  for (guint i = 0; i < self->targets->len; i++)
    {
      const RamusTarget *t = &g_array_index (self->targets, RamusTarget, i);
      RamusTarget *c = ramus_case_add_target (copy, t->vessel, t->embolic);
      c->planned_volume_ml = t->planned_volume_ml;
      c->note = g_strdup (t->note);
    }
  copy->devices.sheath = g_strdup (self->devices.sheath);
  copy->devices.catheter = g_strdup (self->devices.catheter);
  copy->devices.microcatheter = g_strdup (self->devices.microcatheter);
  copy->devices.guidewire = g_strdup (self->devices.guidewire);
  copy->doses = self->doses;
  copy->doses.bsa_formula = g_strdup (self->doses.bsa_formula);
  copy->notes = g_strdup (self->notes);
  for (guint i = 0; i < self->followups->len; i++)
    {
      const RamusFollowup *f = &g_array_index (self->followups, RamusFollowup, i);
      RamusFollowup *c = ramus_case_add_followup (copy, f->date);
      c->day = f->day;
      c->scores = f->scores;
      c->mrecist = g_strdup (f->mrecist);
    }
  if (self->extensions)
    copy->extensions = json_node_copy (self->extensions);
  return copy;
}

void
ramus_case_free (RamusCase *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->pseudonym);
  g_free (self->created);
  g_free (self->modified);
  g_free (self->procedure_date);
  g_free (self->template_id);
  g_free (self->region);
  g_free (self->patient.sex);
  g_strfreev (self->patient.allergies);
  g_free (self->indication.id);
  g_free (self->indication.bclc);
  g_free (self->indication.child_pugh);
  g_free (self->indication.primary);
  g_free (self->indication.level);
  g_free (self->indication.lesion);
  g_free (self->liver.michels);
  g_array_unref (self->liver.tumours);
  g_array_unref (self->pain_points);
  g_free (self->access);
  g_free (self->puncture_side);
  g_array_unref (self->targets);
  g_free (self->devices.sheath);
  g_free (self->devices.catheter);
  g_free (self->devices.microcatheter);
  g_free (self->devices.guidewire);
  g_free (self->doses.bsa_formula);
  g_free (self->notes);
  g_array_unref (self->followups);
  g_clear_pointer (&self->extensions, json_node_unref);
  g_free (self);
}

/* ---------------------------------------------------------------------------
 * Equality
 * ------------------------------------------------------------------------ */

static gboolean
number_equal (double a,
              double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return a == b;
}

static gboolean
strv_equal (char * const *a,
            char * const *b)
{
  guint na = a ? g_strv_length ((char **) a) : 0;
  guint nb = b ? g_strv_length ((char **) b) : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (!g_str_equal (a[i], b[i]))
      return FALSE;
  return TRUE;
}

static gboolean
scores_equal (const RamusScores *a,
              const RamusScores *b)
{
  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    if (!number_equal (a->values[i], b->values[i]))
      return FALSE;
  return TRUE;
}

/**
 * ramus_case_equal:
 *
 * Returns: whether @a and @b hold the same case, field by field (absent
 * numbers compare equal to each other).
 */
gboolean
ramus_case_equal (const RamusCase *a,
                  const RamusCase *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

#define SAME_STR(f) (g_strcmp0 (a->f, b->f) == 0)
#define SAME_NUM(f) (number_equal (a->f, b->f))
  if (!(a->version == b->version && SAME_STR (id) && SAME_STR (pseudonym) && SAME_STR (created) &&
        SAME_STR (modified) && SAME_STR (procedure_date) && a->procedure_day == b->procedure_day &&
        SAME_STR (template_id) && SAME_STR (region) && a->side == b->side))
    return FALSE;
  if (!(a->patient.age_years == b->patient.age_years && SAME_STR (patient.sex) &&
        SAME_NUM (patient.height_cm) && SAME_NUM (patient.weight_kg) &&
        SAME_NUM (patient.egfr_ml_min) && strv_equal (a->patient.allergies, b->patient.allergies)))
    return FALSE;
  if (!(SAME_STR (indication.id) && a->indication.kellgren_lawrence == b->indication.kellgren_lawrence &&
        a->indication.eaton_littler == b->indication.eaton_littler && SAME_STR (indication.bclc) &&
        SAME_STR (indication.child_pugh) && SAME_STR (indication.primary) &&
        SAME_STR (indication.level) && SAME_STR (indication.lesion)))
    return FALSE;
  if (!scores_equal (&a->baseline, &b->baseline) || !SAME_STR (liver.michels))
    return FALSE;
  if (a->liver.tumours->len != b->liver.tumours->len || a->pain_points->len != b->pain_points->len ||
      a->targets->len != b->targets->len || a->followups->len != b->followups->len)
    return FALSE;
  for (guint i = 0; i < a->liver.tumours->len; i++)
    {
      const RamusTumour *ta = &g_array_index (a->liver.tumours, RamusTumour, i);
      const RamusTumour *tb = &g_array_index (b->liver.tumours, RamusTumour, i);
      if (g_strcmp0 (ta->segment, tb->segment) != 0 || !number_equal (ta->diameter_mm, tb->diameter_mm))
        return FALSE;
    }
  for (guint i = 0; i < a->pain_points->len; i++)
    {
      const RamusPainPoint *pa = &g_array_index (a->pain_points, RamusPainPoint, i);
      const RamusPainPoint *pb = &g_array_index (b->pain_points, RamusPainPoint, i);
      if (!number_equal (pa->x_mm, pb->x_mm) || !number_equal (pa->y_mm, pb->y_mm) ||
          !number_equal (pa->radius_mm, pb->radius_mm))
        return FALSE;
    }
  if (!SAME_STR (access) || !SAME_STR (puncture_side))
    return FALSE;
  for (guint i = 0; i < a->targets->len; i++)
    {
      const RamusTarget *ta = &g_array_index (a->targets, RamusTarget, i);
      const RamusTarget *tb = &g_array_index (b->targets, RamusTarget, i);
      if (g_strcmp0 (ta->vessel, tb->vessel) != 0 || g_strcmp0 (ta->embolic, tb->embolic) != 0 ||
          !number_equal (ta->planned_volume_ml, tb->planned_volume_ml) ||
          g_strcmp0 (ta->note, tb->note) != 0)
        return FALSE;
    }
  if (!(SAME_STR (devices.sheath) && SAME_STR (devices.catheter) && SAME_STR (devices.microcatheter) &&
        SAME_STR (devices.guidewire)))
    return FALSE;
  if (!(SAME_NUM (doses.imipenem_g) && SAME_NUM (doses.imipenem_contrast_ml) &&
        SAME_NUM (doses.doxorubicin_mg_per_m2) && SAME_STR (doses.bsa_formula) &&
        SAME_NUM (doses.lipiodol_ml) && SAME_NUM (doses.deb_loading_mg)))
    return FALSE;
  if (!SAME_STR (notes))
    return FALSE;
  for (guint i = 0; i < a->followups->len; i++)
    {
      const RamusFollowup *fa = &g_array_index (a->followups, RamusFollowup, i);
      const RamusFollowup *fb = &g_array_index (b->followups, RamusFollowup, i);
      if (g_strcmp0 (fa->date, fb->date) != 0 || fa->day != fb->day ||
          !scores_equal (&fa->scores, &fb->scores) || g_strcmp0 (fa->mrecist, fb->mrecist) != 0)
        return FALSE;
    }
#undef SAME_STR
#undef SAME_NUM
  if ((a->extensions == NULL) != (b->extensions == NULL))
    return FALSE;
  return a->extensions == NULL || json_node_equal (a->extensions, b->extensions);
}

/* ---------------------------------------------------------------------------
 * Editing helpers
 * ------------------------------------------------------------------------ */

void
ramus_case_set_string (char       **field,
                       const char  *value)
{
  g_return_if_fail (field != NULL);

  if (*field == value)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/**
 * ramus_case_get_puncture_side:
 * @side: (out): the side recorded
 *
 * Returns: whether the case records a puncture side (`puncture_side`,
 * left or right); when it does not, the access's usual side applies
 * (ramus_plan_get_puncture_side()).
 */
gboolean
ramus_case_get_puncture_side (const RamusCase *self,
                              RamusSide       *side)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (side != NULL, FALSE);

  if (g_strcmp0 (self->puncture_side, "left") == 0)
    *side = RAMUS_SIDE_LEFT;
  else if (g_strcmp0 (self->puncture_side, "right") == 0)
    *side = RAMUS_SIDE_RIGHT;
  else
    return FALSE;
  return TRUE;
}

/**
 * ramus_case_add_target:
 *
 * Returns: (transfer none): the new last target, valid until the next change
 * of the targets array.
 */
RamusTarget *
ramus_case_add_target (RamusCase  *self,
                       const char *vessel,
                       const char *embolic)
{
  RamusTarget t = { g_strdup (vessel), g_strdup (embolic), NAN, NULL };

  g_return_val_if_fail (self != NULL, NULL);

  g_array_append_val (self->targets, t);
  return &g_array_index (self->targets, RamusTarget, self->targets->len - 1);
}

RamusPainPoint *
ramus_case_add_pain_point (RamusCase *self,
                           double     x_mm,
                           double     y_mm,
                           double     radius_mm)
{
  RamusPainPoint p = { x_mm, y_mm, radius_mm };

  g_return_val_if_fail (self != NULL, NULL);

  g_array_append_val (self->pain_points, p);
  return &g_array_index (self->pain_points, RamusPainPoint, self->pain_points->len - 1);
}

RamusTumour *
ramus_case_add_tumour (RamusCase  *self,
                       const char *segment,
                       double      diameter_mm)
{
  RamusTumour t = { g_strdup (segment), diameter_mm };

  g_return_val_if_fail (self != NULL, NULL);

  g_array_append_val (self->liver.tumours, t);
  return &g_array_index (self->liver.tumours, RamusTumour, self->liver.tumours->len - 1);
}

RamusFollowup *
ramus_case_add_followup (RamusCase  *self,
                         const char *date)
{
  RamusFollowup f = { g_strdup (date), G_MININT, { { 0 } }, NULL };

  g_return_val_if_fail (self != NULL, NULL);

  scores_init (&f.scores);
  g_array_append_val (self->followups, f);
  return &g_array_index (self->followups, RamusFollowup, self->followups->len - 1);
}

/* ---------------------------------------------------------------------------
 * Reading JSON
 * ------------------------------------------------------------------------ */

static const char *
json_kind (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    default:
      return _("a number");
    }
}

static gboolean
type_error (GError    **error,
            const char *path,
            const char *expected,
            JsonNode   *found)
{
  /* TRANSLATORS: "patient.weight_kg: expected a number, found a string" */
  g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_TYPE, _("%s: expected %s, found %s"),
               path, expected, json_kind (found));
  return FALSE;
}

static char *
join_path (const char *prefix,
           const char *key)
{
  return prefix ? g_strdup_printf ("%s.%s", prefix, key) : g_strdup (key);
}

/* Refuses keys the format does not have, so typos are caught. */
static gboolean
check_keys (JsonObject         *object,
            const char         *prefix,
            const char * const *keys,
            GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (keys, l->data))
      {
        g_autofree char *path = join_path (prefix, l->data);
        g_autofree char *allowed = g_strjoinv (", ", (char **) keys);
        g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_UNKNOWN_KEY,
                     _("%s: unknown key (allowed here: %s)"), path, allowed);
        return FALSE;
      }
  return TRUE;
}

/* Each reader leaves the output alone when the key is absent or null. */
static gboolean
read_string (JsonObject  *object,
             const char  *prefix,
             const char  *key,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *path = join_path (prefix, key);
      return type_error (error, path, _("a string"), node);
    }
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_number (JsonObject *object,
             const char *prefix,
             const char *key,
             double     *out,
             GError    **error)
{
  JsonNode *node = json_object_get_member (object, key);
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_autofree char *path = join_path (prefix, key);
      return type_error (error, path, _("a number"), node);
    }
  *out = json_node_get_double (node);
  return TRUE;
}

static gboolean
read_int (JsonObject *object,
          const char *prefix,
          const char *key,
          int        *out,
          GError    **error)
{
  JsonNode *node = json_object_get_member (object, key);
  double value = NAN;

  if (!read_number (object, prefix, key, &value, error))
    return FALSE;
  if (isnan (value))
    return TRUE;
  if (value != floor (value) || fabs (value) > G_MAXINT / 2)
    {
      g_autofree char *path = join_path (prefix, key);
      return type_error (error, path, _("a whole number"), node);
    }
  *out = (int) value;
  return TRUE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *prefix,
             const char  *key,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *path = join_path (prefix, key);
      return type_error (error, path, _("an object"), node);
    }
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *prefix,
            const char  *key,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = join_path (prefix, key);
      return type_error (error, path, _("an array"), node);
    }
  *out = json_node_get_array (node);
  return TRUE;
}

/* The object at index @i of @array, or a type error naming "path[i]". */
static JsonObject *
array_object (JsonArray  *array,
              const char *path,
              guint       i,
              GError    **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *item = g_strdup_printf ("%s[%u]", path, i);
      type_error (error, item, _("an object"), node);
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
read_scores (JsonObject  *object,
             const char  *path,
             RamusScores *scores,
             GError     **error)
{
  const char *keys[RAMUS_N_SCORES + 1];

  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    keys[i] = score_infos[i].key;
  keys[RAMUS_N_SCORES] = NULL;
  if (!check_keys (object, path, keys, error))
    return FALSE;
  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    if (!read_number (object, path, score_infos[i].key, &scores->values[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
read_patient (RamusCase  *self,
              JsonObject *o,
              GError    **error)
{
  JsonArray *array;

  if (!check_keys (o, "patient", patient_keys, error) ||
      !read_int (o, "patient", "age_years", &self->patient.age_years, error) ||
      !read_string (o, "patient", "sex", &self->patient.sex, error) ||
      !read_number (o, "patient", "height_cm", &self->patient.height_cm, error) ||
      !read_number (o, "patient", "weight_kg", &self->patient.weight_kg, error) ||
      !read_number (o, "patient", "egfr_ml_min", &self->patient.egfr_ml_min, error) ||
      !read_array (o, "patient", "allergies", &array, error))
    return FALSE;
  if (array)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            {
              g_autofree char *path = g_strdup_printf ("patient.allergies[%u]", i);
              return type_error (error, path, _("a string"), node);
            }
          g_strv_builder_add (builder, json_node_get_string (node));
        }
      self->patient.allergies = g_strv_builder_end (builder);
    }
  return TRUE;
}

static gboolean
read_indication (RamusCase  *self,
                 JsonObject *o,
                 GError    **error)
{
  RamusCaseIndication *ind = &self->indication;

  return check_keys (o, "indication", indication_keys, error) &&
         read_string (o, "indication", "id", &ind->id, error) &&
         read_int (o, "indication", "kellgren_lawrence", &ind->kellgren_lawrence, error) &&
         read_int (o, "indication", "eaton_littler", &ind->eaton_littler, error) &&
         read_string (o, "indication", "bclc", &ind->bclc, error) &&
         read_string (o, "indication", "child_pugh", &ind->child_pugh, error) &&
         read_string (o, "indication", "primary", &ind->primary, error) &&
         read_string (o, "indication", "level", &ind->level, error) &&
         read_string (o, "indication", "lesion", &ind->lesion, error);
}

static gboolean
read_liver (RamusCase  *self,
            JsonObject *o,
            GError    **error)
{
  JsonArray *array;

  if (!check_keys (o, "liver", liver_keys, error) ||
      !read_string (o, "liver", "michels", &self->liver.michels, error) ||
      !read_array (o, "liver", "tumours", &array, error))
    return FALSE;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("liver.tumours[%u]", i);
      JsonObject *t = array_object (array, "liver.tumours", i, error);
      RamusTumour *tumour;

      if (t == NULL || !check_keys (t, path, tumour_keys, error))
        return FALSE;
      tumour = ramus_case_add_tumour (self, NULL, NAN);
      if (!read_string (t, path, "segment", &tumour->segment, error) ||
          !read_number (t, path, "diameter_mm", &tumour->diameter_mm, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_pain_points (RamusCase  *self,
                  JsonArray  *array,
                  GError    **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("pain_points[%u]", i);
      JsonObject *p = array_object (array, "pain_points", i, error);
      RamusPainPoint *point;

      if (p == NULL || !check_keys (p, path, pain_point_keys, error))
        return FALSE;
      point = ramus_case_add_pain_point (self, NAN, NAN, NAN);
      if (!read_number (p, path, "x_mm", &point->x_mm, error) ||
          !read_number (p, path, "y_mm", &point->y_mm, error) ||
          !read_number (p, path, "radius_mm", &point->radius_mm, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_targets (RamusCase  *self,
              JsonArray  *array,
              GError    **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("targets[%u]", i);
      JsonObject *t = array_object (array, "targets", i, error);
      RamusTarget *target;

      if (t == NULL || !check_keys (t, path, target_keys, error))
        return FALSE;
      target = ramus_case_add_target (self, NULL, NULL);
      if (!read_string (t, path, "vessel", &target->vessel, error) ||
          !read_string (t, path, "embolic", &target->embolic, error) ||
          !read_number (t, path, "planned_volume_ml", &target->planned_volume_ml, error) ||
          !read_string (t, path, "note", &target->note, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_followups (RamusCase  *self,
                JsonArray  *array,
                GError    **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("followups[%u]", i);
      g_autofree char *scores_path = g_strdup_printf ("followups[%u].scores", i);
      JsonObject *f = array_object (array, "followups", i, error);
      JsonObject *scores;
      RamusFollowup *followup;

      if (f == NULL || !check_keys (f, path, followup_keys, error))
        return FALSE;
      followup = ramus_case_add_followup (self, NULL);
      if (!read_string (f, path, "date", &followup->date, error) ||
          !read_int (f, path, "day", &followup->day, error) ||
          !read_string (f, path, "mrecist", &followup->mrecist, error) ||
          !read_object (f, path, "scores", &scores, error))
        return FALSE;
      if (scores && !read_scores (scores, scores_path, &followup->scores, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_format_and_version (JsonObject *root,
                         int        *version,
                         GError    **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *node = json_object_get_member (root, "version");
  double value;

  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING)
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_FORMAT,
                   _("not a Ramus case file: it has no “format”: “%s”"), RAMUS_CASE_FORMAT);
      return FALSE;
    }
  if (!g_str_equal (json_node_get_string (format), RAMUS_CASE_FORMAT))
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_FORMAT,
                   _("not a Ramus case file: format is “%s”, expected “%s”"),
                   json_node_get_string (format), RAMUS_CASE_FORMAT);
      return FALSE;
    }
  if (node == NULL)
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_MISSING,
                   _("version: missing (this Ramus reads version %d)"), RAMUS_CASE_VERSION);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return type_error (error, "version", _("a whole number"), node);
  value = json_node_get_double (node);
  if (value != floor (value) || fabs (value) > G_MAXINT / 2)
    return type_error (error, "version", _("a whole number"), node);
  *version = (int) value;
  if (*version > RAMUS_CASE_VERSION)
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_VERSION,
                   _("made by a newer Ramus (version %d); this Ramus reads version %d"),
                   *version, RAMUS_CASE_VERSION);
      return FALSE;
    }
  if (*version < 1)
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_VERSION,
                   _("version: %d is not a Ramus case version (this Ramus reads version %d)"),
                   *version, RAMUS_CASE_VERSION);
      return FALSE;
    }
  return TRUE;
}

/**
 * ramus_case_from_json_node:
 * @node: a parsed case
 *
 * Reads a case: the format and version, the keys of every object (unknown
 * keys are refused except inside "extensions"), the JSON type of every value
 * and the two fields without which a case cannot even be drawn (region and
 * side). Values are not range-checked: see ramus_case_validate().
 *
 * Returns: (transfer full) (nullable): the case, or NULL with @error set.
 */
RamusCase *
ramus_case_from_json_node (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(RamusCase) self = NULL;
  g_autofree char *side = NULL;
  JsonObject *root, *object;
  JsonArray *array;
  JsonNode *extensions;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_PARSE,
                   _("not a Ramus case file: expected a JSON object, found %s"), json_kind (node));
      return NULL;
    }
  root = json_node_get_object (node);
  self = case_alloc ();
  if (!read_format_and_version (root, &self->version, error) ||
      !check_keys (root, NULL, top_keys, error) ||
      !read_string (root, NULL, "id", &self->id, error) ||
      !read_string (root, NULL, "pseudonym", &self->pseudonym, error) ||
      !read_string (root, NULL, "created", &self->created, error) ||
      !read_string (root, NULL, "modified", &self->modified, error) ||
      !read_string (root, NULL, "procedure_date", &self->procedure_date, error) ||
      !read_int (root, NULL, "procedure_day", &self->procedure_day, error) ||
      !read_string (root, NULL, "template", &self->template_id, error) ||
      !read_string (root, NULL, "region", &self->region, error) ||
      !read_string (root, NULL, "side", &side, error) ||
      !read_string (root, NULL, "access", &self->access, error) ||
      !read_string (root, NULL, "puncture_side", &self->puncture_side, error) ||
      !read_string (root, NULL, "notes", &self->notes, error))
    return NULL;

  if (self->region == NULL)
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_MISSING,
                   _("region: missing (an atlas region id, e.g. knee)"));
      return NULL;
    }
  if (side == NULL)
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_MISSING, _("side: missing (left or right)"));
      return NULL;
    }
  if (g_str_equal (side, "left"))
    self->side = RAMUS_SIDE_LEFT;
  else if (g_str_equal (side, "right"))
    self->side = RAMUS_SIDE_RIGHT;
  else
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_INVALID,
                   _("side: “%s” is not allowed (left, right)"), side);
      return NULL;
    }

  if (!read_object (root, NULL, "patient", &object, error) ||
      (object && !read_patient (self, object, error)))
    return NULL;
  if (!read_object (root, NULL, "indication", &object, error) ||
      (object && !read_indication (self, object, error)))
    return NULL;
  if (!read_object (root, NULL, "baseline", &object, error) ||
      (object && !read_scores (object, "baseline", &self->baseline, error)))
    return NULL;
  if (!read_object (root, NULL, "liver", &object, error) ||
      (object && !read_liver (self, object, error)))
    return NULL;
  if (!read_array (root, NULL, "pain_points", &array, error) ||
      (array && !read_pain_points (self, array, error)))
    return NULL;
  if (!read_array (root, NULL, "targets", &array, error) ||
      (array && !read_targets (self, array, error)))
    return NULL;
  if (!read_object (root, NULL, "devices", &object, error))
    return NULL;
  if (object && (!check_keys (object, "devices", device_keys, error) ||
                 !read_string (object, "devices", "sheath", &self->devices.sheath, error) ||
                 !read_string (object, "devices", "catheter", &self->devices.catheter, error) ||
                 !read_string (object, "devices", "microcatheter", &self->devices.microcatheter, error) ||
                 !read_string (object, "devices", "guidewire", &self->devices.guidewire, error)))
    return NULL;
  if (!read_object (root, NULL, "doses", &object, error))
    return NULL;
  if (object && (!check_keys (object, "doses", dose_keys, error) ||
                 !read_number (object, "doses", "imipenem_g", &self->doses.imipenem_g, error) ||
                 !read_number (object, "doses", "imipenem_contrast_ml", &self->doses.imipenem_contrast_ml, error) ||
                 !read_number (object, "doses", "doxorubicin_mg_per_m2", &self->doses.doxorubicin_mg_per_m2, error) ||
                 !read_string (object, "doses", "bsa_formula", &self->doses.bsa_formula, error) ||
                 !read_number (object, "doses", "lipiodol_ml", &self->doses.lipiodol_ml, error) ||
                 !read_number (object, "doses", "deb_loading_mg", &self->doses.deb_loading_mg, error)))
    return NULL;
  if (!read_array (root, NULL, "followups", &array, error) ||
      (array && !read_followups (self, array, error)))
    return NULL;

  extensions = json_object_get_member (root, "extensions");
  if (extensions && !JSON_NODE_HOLDS_NULL (extensions))
    {
      if (!JSON_NODE_HOLDS_OBJECT (extensions))
        {
          type_error (error, "extensions", _("an object"), extensions);
          return NULL;
        }
      self->extensions = json_node_copy (extensions);
    }
  return g_steal_pointer (&self);
}

/**
 * ramus_case_from_json:
 * @text: UTF-8 JSON text
 *
 * Returns: (transfer full) (nullable): the case, or NULL with @error set;
 * see ramus_case_from_json_node().
 */
RamusCase *
ramus_case_from_json (const char  *text,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_PARSE,
                   _("not valid JSON: %s"), local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_PARSE, _("not a Ramus case file: it is empty"));
      return NULL;
    }
  return ramus_case_from_json_node (json_parser_get_root (parser), error);
}

/**
 * ramus_case_load:
 * @path: a case file
 *
 * Returns: (transfer full) (nullable): the case, or NULL with @error set
 * (a GFileError when the file cannot be read, whose message names it).
 */
RamusCase *
ramus_case_load (const char  *path,
                 GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  RamusCase *self;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_PARSE,
                   _("%s: not a Ramus case file (not UTF-8 text)"), path);
      return NULL;
    }
  self = ramus_case_from_json (text, &local_error);
  if (self == NULL)
    g_set_error (error, RAMUS_CASE_ERROR, local_error->code, "%s: %s", path, local_error->message);
  return self;
}

/* ---------------------------------------------------------------------------
 * Writing JSON
 * ------------------------------------------------------------------------ */

static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
}

/* Whole numbers are written without a fraction, as people write them. */
static void
add_number (JsonBuilder *b,
            const char  *key,
            double       value)
{
  if (isnan (value))
    return;
  json_builder_set_member_name (b, key);
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (b, (gint64) value);
  else
    json_builder_add_double_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *key,
         int          value,
         int          unset)
{
  if (value == unset)
    return;
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static gboolean
scores_empty (const RamusScores *scores)
{
  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    if (!isnan (scores->values[i]))
      return FALSE;
  return TRUE;
}

static void
add_scores (JsonBuilder       *b,
            const char        *key,
            const RamusScores *scores)
{
  if (scores_empty (scores))
    return;
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    add_number (b, score_infos[i].key, scores->values[i]);
  json_builder_end_object (b);
}

/**
 * ramus_case_to_json_node:
 *
 * Returns: (transfer full): the case as a JSON object in the key order of
 * docs/case-format.md, absent fields left out.
 */
JsonNode *
ramus_case_to_json_node (const RamusCase *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  const RamusPatient *p;
  const RamusCaseIndication *ind;

  g_return_val_if_fail (self != NULL, NULL);

  p = &self->patient;
  ind = &self->indication;
  json_builder_begin_object (b);
  add_string (b, "format", RAMUS_CASE_FORMAT);
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, RAMUS_CASE_VERSION);
  add_string (b, "id", self->id);
  add_string (b, "pseudonym", self->pseudonym);
  add_string (b, "created", self->created);
  add_string (b, "modified", self->modified);
  add_string (b, "procedure_date", self->procedure_date);
  add_int (b, "procedure_day", self->procedure_day, G_MININT);
  add_string (b, "template", self->template_id);
  add_string (b, "region", self->region);
  add_string (b, "side", self->side == RAMUS_SIDE_LEFT ? "left" : "right");

  if (p->age_years != RAMUS_CASE_UNSET || p->sex || !isnan (p->height_cm) || !isnan (p->weight_kg) ||
      !isnan (p->egfr_ml_min) || p->allergies)
    {
      json_builder_set_member_name (b, "patient");
      json_builder_begin_object (b);
      add_int (b, "age_years", p->age_years, RAMUS_CASE_UNSET);
      add_string (b, "sex", p->sex);
      add_number (b, "height_cm", p->height_cm);
      add_number (b, "weight_kg", p->weight_kg);
      add_number (b, "egfr_ml_min", p->egfr_ml_min);
      if (p->allergies)
        {
          json_builder_set_member_name (b, "allergies");
          json_builder_begin_array (b);
          for (guint i = 0; p->allergies[i]; i++)
            json_builder_add_string_value (b, p->allergies[i]);
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }

  if (ind->id || ind->kellgren_lawrence != RAMUS_CASE_UNSET || ind->eaton_littler != RAMUS_CASE_UNSET ||
      ind->bclc || ind->child_pugh || ind->primary || ind->level || ind->lesion)
    {
      json_builder_set_member_name (b, "indication");
      json_builder_begin_object (b);
      add_string (b, "id", ind->id);
      add_int (b, "kellgren_lawrence", ind->kellgren_lawrence, RAMUS_CASE_UNSET);
      add_int (b, "eaton_littler", ind->eaton_littler, RAMUS_CASE_UNSET);
      add_string (b, "bclc", ind->bclc);
      add_string (b, "child_pugh", ind->child_pugh);
      add_string (b, "primary", ind->primary);
      add_string (b, "level", ind->level);
      add_string (b, "lesion", ind->lesion);
      json_builder_end_object (b);
    }

  add_scores (b, "baseline", &self->baseline);

  if (self->liver.michels || self->liver.tumours->len > 0)
    {
      json_builder_set_member_name (b, "liver");
      json_builder_begin_object (b);
      add_string (b, "michels", self->liver.michels);
      if (self->liver.tumours->len > 0)
        {
          json_builder_set_member_name (b, "tumours");
          json_builder_begin_array (b);
          for (guint i = 0; i < self->liver.tumours->len; i++)
            {
              const RamusTumour *t = &g_array_index (self->liver.tumours, RamusTumour, i);
              json_builder_begin_object (b);
              add_string (b, "segment", t->segment);
              add_number (b, "diameter_mm", t->diameter_mm);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }

  if (self->pain_points->len > 0)
    {
      json_builder_set_member_name (b, "pain_points");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->pain_points->len; i++)
        {
          const RamusPainPoint *pp = &g_array_index (self->pain_points, RamusPainPoint, i);
          json_builder_begin_object (b);
          add_number (b, "x_mm", pp->x_mm);
          add_number (b, "y_mm", pp->y_mm);
          add_number (b, "radius_mm", pp->radius_mm);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  add_string (b, "access", self->access);
  add_string (b, "puncture_side", self->puncture_side);

  if (self->targets->len > 0)
    {
      json_builder_set_member_name (b, "targets");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->targets->len; i++)
        {
          const RamusTarget *t = &g_array_index (self->targets, RamusTarget, i);
          json_builder_begin_object (b);
          add_string (b, "vessel", t->vessel);
          add_string (b, "embolic", t->embolic);
          add_number (b, "planned_volume_ml", t->planned_volume_ml);
          add_string (b, "note", t->note);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  if (self->devices.sheath || self->devices.catheter || self->devices.microcatheter ||
      self->devices.guidewire)
    {
      json_builder_set_member_name (b, "devices");
      json_builder_begin_object (b);
      add_string (b, "sheath", self->devices.sheath);
      add_string (b, "catheter", self->devices.catheter);
      add_string (b, "microcatheter", self->devices.microcatheter);
      add_string (b, "guidewire", self->devices.guidewire);
      json_builder_end_object (b);
    }

  if (!isnan (self->doses.imipenem_g) || !isnan (self->doses.imipenem_contrast_ml) ||
      !isnan (self->doses.doxorubicin_mg_per_m2) || self->doses.bsa_formula ||
      !isnan (self->doses.lipiodol_ml) || !isnan (self->doses.deb_loading_mg))
    {
      json_builder_set_member_name (b, "doses");
      json_builder_begin_object (b);
      add_number (b, "imipenem_g", self->doses.imipenem_g);
      add_number (b, "imipenem_contrast_ml", self->doses.imipenem_contrast_ml);
      add_number (b, "doxorubicin_mg_per_m2", self->doses.doxorubicin_mg_per_m2);
      add_string (b, "bsa_formula", self->doses.bsa_formula);
      add_number (b, "lipiodol_ml", self->doses.lipiodol_ml);
      add_number (b, "deb_loading_mg", self->doses.deb_loading_mg);
      json_builder_end_object (b);
    }

  add_string (b, "notes", self->notes);

  if (self->followups->len > 0)
    {
      json_builder_set_member_name (b, "followups");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->followups->len; i++)
        {
          const RamusFollowup *f = &g_array_index (self->followups, RamusFollowup, i);
          json_builder_begin_object (b);
          add_string (b, "date", f->date);
          add_int (b, "day", f->day, G_MININT);
          add_scores (b, "scores", &f->scores);
          add_string (b, "mrecist", f->mrecist);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }

  if (self->extensions)
    {
      json_builder_set_member_name (b, "extensions");
      json_builder_add_value (b, json_node_copy (self->extensions));
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * ramus_case_to_json:
 * @pretty: indent for people rather than compact for storage
 *
 * Returns: (transfer full): the case as JSON text.
 */
char *
ramus_case_to_json (const RamusCase *self,
                    gboolean         pretty)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  node = ramus_case_to_json_node (self);
  return ramus_json_to_string (node, pretty);
}

/* ---------------------------------------------------------------------------
 * Validation
 * ------------------------------------------------------------------------ */

typedef struct
{
  RamusAtlas *atlas;
  const RamusCase *c;
  GPtrArray *problems;
} Checker;

void
ramus_case_problem_free (RamusCaseProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

static void problem (Checker        *ck,
                     RamusCaseError  code,
                     const char     *path,
                     const char     *format,
                     ...) G_GNUC_PRINTF (4, 5);

/* Records a problem; the message is "path: …". */
static void
problem (Checker        *ck,
         RamusCaseError  code,
         const char     *path,
         const char     *format,
         ...)
{
  RamusCaseProblem *p = g_new0 (RamusCaseProblem, 1);
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  p->code = code;
  p->path = g_strdup (path);
  p->message = g_strdup_printf ("%s: %s", path, text);
  g_ptr_array_add (ck->problems, p);
}

static void
check_range (Checker    *ck,
             const char *path,
             double      value,
             double      min,
             double      max,
             const char *unit)
{
  const char *space = unit && *unit ? " " : "";

  if (isnan (value) || (value >= min && value <= max))
    return;
  if (!isfinite (value))
    problem (ck, RAMUS_CASE_ERROR_INVALID, path, _("not a finite number"));
  else if (max == G_MAXDOUBLE)
    /* TRANSLATORS: "baseline.afp_ng_ml: -3 ng/mL is out of range (≥ 0 ng/mL)" */
    problem (ck, RAMUS_CASE_ERROR_INVALID, path, _("%g%s%s is out of range (≥ %g%s%s)"),
             value, space, unit, min, space, unit);
  else
    /* TRANSLATORS: "patient.weight_kg: 350 kg is out of range (20–300 kg)" */
    problem (ck, RAMUS_CASE_ERROR_INVALID, path, _("%g%s%s is out of range (%g–%g%s%s)"),
             value, space, unit, min, max, space, unit);
}

static void
check_enum (Checker            *ck,
            const char         *path,
            const char         *value,
            const char * const *allowed)
{
  g_autofree char *list = NULL;

  if (value == NULL || g_strv_contains (allowed, value))
    return;
  list = g_strjoinv (", ", (char **) allowed);
  problem (ck, RAMUS_CASE_ERROR_INVALID, path, _("“%s” is not allowed (%s)"), value, list);
}

static void
check_required (Checker    *ck,
                const char *path,
                gboolean    present,
                const char *what)
{
  if (!present)
    problem (ck, RAMUS_CASE_ERROR_MISSING, path, _("required (%s)"), what);
}

static gboolean
valid_date (const char *text,
            GDate      *date)
{
  unsigned y, m, d;
  char end;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3 ||
      text[4] != '-' || text[7] != '-' || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (date)
    g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static void
check_date (Checker    *ck,
            const char *path,
            const char *value)
{
  if (value && !valid_date (value, NULL))
    problem (ck, RAMUS_CASE_ERROR_INVALID, path, _("“%s” is not a date (YYYY-MM-DD, e.g. 2026-12-01)"), value);
}

static void
check_time (Checker    *ck,
            const char *path,
            const char *value)
{
  g_autoptr(GDateTime) time = NULL;

  if (value == NULL)
    return;
  if (g_str_has_suffix (value, "Z"))
    time = g_date_time_new_from_iso8601 (value, NULL);
  if (time == NULL)
    problem (ck, RAMUS_CASE_ERROR_INVALID, path,
             _("“%s” is not a UTC time (ISO 8601 ending in Z, e.g. 2026-11-20T09:14:00Z)"), value);
}

static const char *
scores_allowed_list (const char *region,
                     GString    *out)
{
  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    if (ramus_score_in_region (i, region))
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", score_infos[i].key);
  return out->str;
}

static void
check_scores (Checker           *ck,
              const char        *path,
              const RamusScores *scores)
{
  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    {
      const RamusScoreInfo *info = &score_infos[i];
      g_autofree char *key = g_strdup_printf ("%s.%s", path, info->key);

      if (isnan (scores->values[i]))
        continue;
      if (!ramus_score_in_region (i, ck->c->region))
        {
          g_autoptr(GString) list = g_string_new (NULL);
          problem (ck, RAMUS_CASE_ERROR_INVALID, key, _("not a score of the %s region (%s)"),
                   ck->c->region, scores_allowed_list (ck->c->region, list));
          continue;
        }
      check_range (ck, key, scores->values[i], info->min, info->max, info->unit);
    }
}

static void
check_int_range (Checker    *ck,
                 const char *path,
                 int         value,
                 int         min,
                 int         max)
{
  if (value != RAMUS_CASE_UNSET && (value < min || value > max))
    problem (ck, RAMUS_CASE_ERROR_INVALID, path, _("%d is out of range (%d–%d)"), value, min, max);
}

static gboolean
blank (const char *text)
{
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static void
check_indication (Checker *ck)
{
  const RamusCaseIndication *ind = &ck->c->indication;
  const RamusIndication *info;
  struct
  {
    RamusStageFields flag;
    const char *path;
    gboolean present;
    const char *allowed;
  } stages[] = {
    { RAMUS_STAGE_KELLGREN_LAWRENCE, "indication.kellgren_lawrence",
      ind->kellgren_lawrence != RAMUS_CASE_UNSET, N_("Kellgren–Lawrence grade 0–4") },
    { RAMUS_STAGE_EATON_LITTLER, "indication.eaton_littler",
      ind->eaton_littler != RAMUS_CASE_UNSET, N_("Eaton–Littler stage 1–4") },
    { RAMUS_STAGE_BCLC, "indication.bclc", ind->bclc != NULL, N_("BCLC stage 0, A, B, C or D") },
    { RAMUS_STAGE_CHILD_PUGH, "indication.child_pugh", ind->child_pugh != NULL, N_("Child–Pugh class A, B or C") },
    { RAMUS_STAGE_PRIMARY, "indication.primary", ind->primary != NULL, N_("the primary tumour") },
    { RAMUS_STAGE_LEVEL, "indication.level", ind->level != NULL, N_("the vertebral or pelvic level") },
    { RAMUS_STAGE_LESION, "indication.lesion", ind->lesion != NULL, N_("a description of the lesion") },
  };

  if (ind->id == NULL)
    {
      g_autoptr(GPtrArray) list = ramus_indications_for_region (ck->c->region);
      g_autoptr(GString) ids = g_string_new (NULL);
      for (guint i = 0; i < list->len; i++)
        g_string_append_printf (ids, "%s%s", i ? ", " : "", ((RamusIndication *) list->pdata[i])->id);
      problem (ck, RAMUS_CASE_ERROR_MISSING, "indication.id", _("required (for the %s region: %s)"),
               ck->c->region, ids->str);
      return;
    }
  info = ramus_indication_lookup (ind->id);
  if (info == NULL || !g_str_equal (info->region, ck->c->region))
    {
      g_autoptr(GPtrArray) list = ramus_indications_for_region (ck->c->region);
      g_autoptr(GString) ids = g_string_new (NULL);
      for (guint i = 0; i < list->len; i++)
        g_string_append_printf (ids, "%s%s", i ? ", " : "", ((RamusIndication *) list->pdata[i])->id);
      problem (ck, RAMUS_CASE_ERROR_INVALID, "indication.id",
               _("“%s” is not an indication of the %s region (%s)"), ind->id, ck->c->region, ids->str);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      if ((info->fields & stages[i].flag) && !stages[i].present)
        problem (ck, RAMUS_CASE_ERROR_MISSING, stages[i].path, _("required for %s (%s)"),
                 info->id, _(stages[i].allowed));
      else if (!(info->fields & stages[i].flag) && stages[i].present)
        problem (ck, RAMUS_CASE_ERROR_INVALID, stages[i].path, _("not used for %s"), info->id);
    }
  check_int_range (ck, "indication.kellgren_lawrence", ind->kellgren_lawrence, 0, 4);
  check_int_range (ck, "indication.eaton_littler", ind->eaton_littler, 1, 4);
  check_enum (ck, "indication.bclc", ind->bclc, bclc_stages);
  check_enum (ck, "indication.child_pugh", ind->child_pugh, child_pugh_classes);
  check_enum (ck, "indication.level", ind->level, levels);
  if (ind->primary && blank (ind->primary))
    problem (ck, RAMUS_CASE_ERROR_MISSING, "indication.primary", _("must not be empty"));
  if (ind->lesion && blank (ind->lesion))
    problem (ck, RAMUS_CASE_ERROR_MISSING, "indication.lesion", _("must not be empty"));
}

static void
check_patient (Checker *ck)
{
  const RamusPatient *p = &ck->c->patient;

  check_int_range (ck, "patient.age_years", p->age_years, 0, 120);
  check_enum (ck, "patient.sex", p->sex, sexes);
  check_range (ck, "patient.height_cm", p->height_cm, RAMUS_DOSE_HEIGHT_MIN_CM, RAMUS_DOSE_HEIGHT_MAX_CM, "cm");
  check_range (ck, "patient.weight_kg", p->weight_kg, RAMUS_DOSE_WEIGHT_MIN_KG, RAMUS_DOSE_WEIGHT_MAX_KG, "kg");
  check_range (ck, "patient.egfr_ml_min", p->egfr_ml_min, 0, 200, "mL/min/1.73 m²");
  for (guint i = 0; p->allergies && p->allergies[i]; i++)
    {
      g_autofree char *path = g_strdup_printf ("patient.allergies[%u]", i);
      check_enum (ck, path, p->allergies[i], allergies);
      for (guint j = 0; j < i; j++)
        if (g_str_equal (p->allergies[i], p->allergies[j]))
          problem (ck, RAMUS_CASE_ERROR_INVALID, path, _("“%s” is listed twice"), p->allergies[i]);
    }
}

static void
check_liver (Checker *ck)
{
  const RamusCaseLiver *liver = &ck->c->liver;
  gboolean is_liver = g_str_equal (ck->c->region, "liver");

  if (!is_liver && (liver->michels || liver->tumours->len > 0))
    {
      problem (ck, RAMUS_CASE_ERROR_INVALID, "liver", _("only for the liver region, not %s"), ck->c->region);
      return;
    }
  if (liver->michels && ck->atlas)
    {
      const RamusVariant *v = ramus_atlas_lookup_variant (ck->atlas, liver->michels);
      if (v == NULL || g_strcmp0 (v->group, "michels") != 0)
        {
          g_autoptr(GPtrArray) all = ramus_atlas_get_variants (ck->atlas, "michels");
          g_autoptr(GString) ids = g_string_new (NULL);
          for (guint i = 0; i < all->len; i++)
            g_string_append_printf (ids, "%s%s", i ? ", " : "", ((RamusVariant *) all->pdata[i])->id);
          problem (ck, RAMUS_CASE_ERROR_UNKNOWN_ID, "liver.michels",
                   _("“%s” is not a Michels variant (%s)"), liver->michels, ids->str);
        }
    }
  for (guint i = 0; i < liver->tumours->len; i++)
    {
      const RamusTumour *t = &g_array_index (liver->tumours, RamusTumour, i);
      g_autofree char *seg = g_strdup_printf ("liver.tumours[%u].segment", i);
      g_autofree char *dia = g_strdup_printf ("liver.tumours[%u].diameter_mm", i);

      check_required (ck, seg, t->segment != NULL, _("Couinaud segment I–VIII"));
      check_enum (ck, seg, t->segment, segments);
      check_required (ck, dia, !isnan (t->diameter_mm), _("1–250 mm"));
      check_range (ck, dia, t->diameter_mm, 1, 250, "mm");
    }
}

static void
check_pain_points (Checker *ck)
{
  const RamusDrawing *drawing = NULL;

  if (ck->atlas)
    drawing = ramus_atlas_get_drawing (ck->atlas, ck->c->region);
  for (guint i = 0; i < ck->c->pain_points->len; i++)
    {
      const RamusPainPoint *p = &g_array_index (ck->c->pain_points, RamusPainPoint, i);
      g_autofree char *x = g_strdup_printf ("pain_points[%u].x_mm", i);
      g_autofree char *y = g_strdup_printf ("pain_points[%u].y_mm", i);
      g_autofree char *r = g_strdup_printf ("pain_points[%u].radius_mm", i);

      check_required (ck, x, !isnan (p->x_mm), _("a position on the drawing in mm"));
      check_required (ck, y, !isnan (p->y_mm), _("a position on the drawing in mm"));
      check_required (ck, r, !isnan (p->radius_mm), _("1–100 mm"));
      check_range (ck, r, p->radius_mm, 1, 100, "mm");
      /* A point off the drawing cannot be matched to any territory. */
      if (drawing)
        {
          check_range (ck, x, p->x_mm, 0, drawing->width, "mm");
          check_range (ck, y, p->y_mm, 0, drawing->height, "mm");
        }
    }
}

/* Ids in a case are exact atlas ids, not names: a name that happens to
 * resolve today could resolve differently after an atlas update. */
/* The side is free for most accesses (either arm, either groin); the
 * contralateral approach is defined by puncturing the groin opposite the
 * target, so the other one contradicts the access itself. */
static void
check_puncture_side (Checker *ck)
{
  const RamusCase *self = ck->c;
  const RamusAccessSite *site;
  RamusSide puncture;

  check_enum (ck, "puncture_side", self->puncture_side, sides);
  if (!ramus_case_get_puncture_side (self, &puncture) || ck->atlas == NULL || self->access == NULL)
    return;
  site = ramus_atlas_lookup_access_site (ck->atlas, self->access);
  if (site && g_str_equal (site->direction, "contralateral") && puncture == self->side)
    problem (ck, RAMUS_CASE_ERROR_INVALID, "puncture_side",
             puncture == RAMUS_SIDE_LEFT
             ? _("left is the target’s side; the contralateral approach punctures the other groin (right)")
             : _("right is the target’s side; the contralateral approach punctures the other groin (left)"));
}

static void
check_targets (Checker *ck)
{
  for (guint i = 0; i < ck->c->targets->len; i++)
    {
      const RamusTarget *t = &g_array_index (ck->c->targets, RamusTarget, i);
      g_autofree char *vessel = g_strdup_printf ("targets[%u].vessel", i);
      g_autofree char *embolic = g_strdup_printf ("targets[%u].embolic", i);
      g_autofree char *volume = g_strdup_printf ("targets[%u].planned_volume_ml", i);

      check_required (ck, vessel, t->vessel != NULL, _("an atlas vessel id"));
      check_enum (ck, embolic, t->embolic, embolics);
      check_range (ck, volume, t->planned_volume_ml, 0, 100, "mL");
      if (t->vessel == NULL)
        continue;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (t->vessel, g_array_index (ck->c->targets, RamusTarget, j).vessel) == 0)
          problem (ck, RAMUS_CASE_ERROR_INVALID, vessel, _("“%s” is already target %u"), t->vessel, j + 1);
      if (ck->atlas)
        {
          const RamusVessel *v = ramus_atlas_lookup (ck->atlas, t->vessel);
          if (v == NULL)
            problem (ck, RAMUS_CASE_ERROR_UNKNOWN_ID, vessel, _("“%s” is not an atlas vessel"), t->vessel);
          else if (!g_str_equal (v->id, t->vessel))
            problem (ck, RAMUS_CASE_ERROR_UNKNOWN_ID, vessel,
                     _("“%s” is a name, not an id (write “%s”)"), t->vessel, v->id);
          else if (!ramus_atlas_vessel_in_region (v, ck->c->region))
            problem (ck, RAMUS_CASE_ERROR_INVALID, vessel, _("“%s” is not a vessel of the %s region"),
                     t->vessel, ck->c->region);
        }
    }
}

static void
check_device (Checker         *ck,
              const char      *path,
              const char      *id,
              RamusDeviceType  type)
{
  static const char * const type_names[] = { "sheath", "catheter", "microcatheter", "guidewire" };
  const RamusDevice *device;

  if (id == NULL || ck->atlas == NULL)
    return;
  device = ramus_atlas_lookup_device (ck->atlas, id);
  if (device == NULL)
    problem (ck, RAMUS_CASE_ERROR_UNKNOWN_ID, path, _("“%s” is not in the device catalogue"), id);
  else if (device->type != type)
    problem (ck, RAMUS_CASE_ERROR_INVALID, path, _("“%s” is a %s, not a %s"), id,
             type_names[device->type], type_names[type]);
}

static void
check_doses (Checker *ck)
{
  const RamusCaseDoses *d = &ck->c->doses;

  check_range (ck, "doses.imipenem_g", d->imipenem_g,
               RAMUS_DOSE_IMIPENEM_MIN_G, RAMUS_DOSE_IMIPENEM_MAX_G, "g");
  check_range (ck, "doses.imipenem_contrast_ml", d->imipenem_contrast_ml,
               RAMUS_DOSE_CONTRAST_MIN_ML, RAMUS_DOSE_CONTRAST_MAX_ML, "mL");
  check_range (ck, "doses.doxorubicin_mg_per_m2", d->doxorubicin_mg_per_m2,
               0, RAMUS_DOSE_DOXORUBICIN_MAX_MG_PER_M2, "mg/m²");
  check_enum (ck, "doses.bsa_formula", d->bsa_formula, bsa_formulas);
  check_range (ck, "doses.lipiodol_ml", d->lipiodol_ml, 0, RAMUS_DOSE_LIPIODOL_MAX_ML, "mL");
  check_range (ck, "doses.deb_loading_mg", d->deb_loading_mg, 0, RAMUS_DOSE_DEB_MAX_MG, "mg");
}

static void
check_followups (Checker *ck)
{
  for (guint i = 0; i < ck->c->followups->len; i++)
    {
      const RamusFollowup *f = &g_array_index (ck->c->followups, RamusFollowup, i);
      g_autofree char *path = g_strdup_printf ("followups[%u]", i);
      g_autofree char *date = g_strdup_printf ("followups[%u].date", i);
      g_autofree char *scores = g_strdup_printf ("followups[%u].scores", i);
      g_autofree char *mrecist = g_strdup_printf ("followups[%u].mrecist", i);

      if (f->date == NULL && f->day == G_MININT)
        problem (ck, RAMUS_CASE_ERROR_MISSING, date, _("required (the date of the visit, YYYY-MM-DD)"));
      check_date (ck, date, f->date);
      check_scores (ck, scores, &f->scores);
      if (f->mrecist && !g_str_equal (ck->c->region, "liver"))
        problem (ck, RAMUS_CASE_ERROR_INVALID, mrecist, _("only for the liver region, not %s"), ck->c->region);
      else
        check_enum (ck, mrecist, f->mrecist, mrecist_responses);
    }
}

/**
 * ramus_case_check:
 * @atlas: (nullable): the atlas to check ids against; without it only the
 *   format's own rules are checked
 *
 * Returns: (transfer full) (element-type RamusCaseProblem): every problem of
 * the case, in document order; empty when it is valid.
 */
GPtrArray *
ramus_case_check (const RamusCase *self,
                  RamusAtlas      *atlas)
{
  Checker ck = { atlas, self, g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_case_problem_free) };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (atlas == NULL || RAMUS_IS_ATLAS (atlas), NULL);

  if (self->id && !g_uuid_string_is_valid (self->id))
    problem (&ck, RAMUS_CASE_ERROR_INVALID, "id", _("“%s” is not a UUID"), self->id);
  check_required (&ck, "pseudonym", self->pseudonym && *self->pseudonym,
                  _("what the team calls the case, never a real name; 1–64 characters"));
  if (self->pseudonym && g_utf8_strlen (self->pseudonym, -1) > 64)
    problem (&ck, RAMUS_CASE_ERROR_INVALID, "pseudonym", _("%ld characters is too long (1–64 characters)"),
             g_utf8_strlen (self->pseudonym, -1));
  check_time (&ck, "created", self->created);
  check_time (&ck, "modified", self->modified);
  check_date (&ck, "procedure_date", self->procedure_date);
  check_enum (&ck, "template", self->template_id, template_ids);

  if (atlas ? ramus_atlas_lookup_region (atlas, self->region) == NULL ||
              !g_str_equal (ramus_atlas_lookup_region (atlas, self->region)->id, self->region)
            : !g_strv_contains (region_ids, self->region))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) region_ids);
      problem (&ck, RAMUS_CASE_ERROR_UNKNOWN_ID, "region", _("“%s” is not an atlas region (%s)"),
               self->region, list);
      /* Everything below depends on the region. */
      return ck.problems;
    }
  if (self->template_id && ramus_case_lookup_template (self->template_id) &&
      !g_str_equal (ramus_case_lookup_template (self->template_id)->region, self->region))
    problem (&ck, RAMUS_CASE_ERROR_INVALID, "template", _("“%s” is a template of the %s region, not %s"),
             self->template_id, ramus_case_lookup_template (self->template_id)->region, self->region);

  check_patient (&ck);
  check_indication (&ck);
  check_scores (&ck, "baseline", &self->baseline);
  check_liver (&ck);
  check_pain_points (&ck);
  if (self->access && atlas)
    {
      const RamusAccessSite *site = ramus_atlas_lookup_access_site (atlas, self->access);
      if (site == NULL || !g_str_equal (site->id, self->access))
        problem (&ck, RAMUS_CASE_ERROR_UNKNOWN_ID, "access",
                 _("“%s” is not an access site (“ramus access list” lists them)"), self->access);
    }
  check_puncture_side (&ck);
  check_targets (&ck);
  check_device (&ck, "devices.sheath", self->devices.sheath, RAMUS_DEVICE_SHEATH);
  check_device (&ck, "devices.catheter", self->devices.catheter, RAMUS_DEVICE_CATHETER);
  check_device (&ck, "devices.microcatheter", self->devices.microcatheter, RAMUS_DEVICE_MICROCATHETER);
  check_device (&ck, "devices.guidewire", self->devices.guidewire, RAMUS_DEVICE_GUIDEWIRE);
  check_doses (&ck);
  check_followups (&ck);
  return ck.problems;
}

/**
 * ramus_case_validate:
 * @atlas: (nullable): see ramus_case_check()
 *
 * Returns: TRUE when the case has no problem; otherwise FALSE with @error
 * set to the first problem (its code and message).
 */
gboolean
ramus_case_validate (const RamusCase  *self,
                     RamusAtlas       *atlas,
                     GError          **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  const RamusCaseProblem *first;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  problems = ramus_case_check (self, atlas);
  if (problems->len == 0)
    return TRUE;
  first = g_ptr_array_index (problems, 0);
  g_set_error_literal (error, RAMUS_CASE_ERROR, first->code, first->message);
  return FALSE;
}

/* ---------------------------------------------------------------------------
 * Anonymised export
 * ------------------------------------------------------------------------ */

/**
 * ramus_case_anonymise:
 *
 * Turns the case into its anonymised form (docs/case-format.md): pseudonym
 * "anonymous", no id, times or notes, dates replaced by days from the
 * procedure. Fails, changing nothing, when a follow-up has a date but the
 * procedure has none, or a date is malformed.
 */
gboolean
ramus_case_anonymise (RamusCase  *self,
                      GError    **error)
{
  GDate procedure;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (int));

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_date_clear (&procedure, 1);
  if (self->procedure_date && !valid_date (self->procedure_date, &procedure))
    {
      g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_INVALID,
                   _("procedure_date: “%s” is not a date (YYYY-MM-DD)"), self->procedure_date);
      return FALSE;
    }
  for (guint i = 0; i < self->followups->len; i++)
    {
      const RamusFollowup *f = &g_array_index (self->followups, RamusFollowup, i);
      GDate visit;
      int day = f->day;

      if (f->date)
        {
          g_date_clear (&visit, 1);
          if (!valid_date (f->date, &visit))
            {
              g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_INVALID,
                           _("followups[%u].date: “%s” is not a date (YYYY-MM-DD)"), i, f->date);
              return FALSE;
            }
          if (self->procedure_date == NULL)
            {
              g_set_error (error, RAMUS_CASE_ERROR, RAMUS_CASE_ERROR_MISSING,
                           _("procedure_date: required to turn follow-up dates into days"));
              return FALSE;
            }
          day = g_date_days_between (&procedure, &visit);
        }
      g_array_append_val (days, day);
    }

  ramus_case_set_string (&self->pseudonym, "anonymous");
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->notes, g_free);
  if (self->procedure_date)
    self->procedure_day = 0;
  g_clear_pointer (&self->procedure_date, g_free);
  for (guint i = 0; i < self->followups->len; i++)
    {
      RamusFollowup *f = &g_array_index (self->followups, RamusFollowup, i);
      g_clear_pointer (&f->date, g_free);
      f->day = g_array_index (days, int, i);
    }
  return TRUE;
}

/* ---------------------------------------------------------------------------
 * Lists for choosers
 * ------------------------------------------------------------------------ */

const char * const *
ramus_case_allowed_values (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (allowed_values); i++)
    if (g_str_equal (allowed_values[i].path, path))
      return allowed_values[i].values;
  return NULL;
}

guint
ramus_indication_get_n (void)
{
  return G_N_ELEMENTS (indications);
}

const RamusIndication *
ramus_indication_get (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (indications), NULL);
  return &indications[index];
}

const RamusIndication *
ramus_indication_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (indications); i++)
    if (g_str_equal (indications[i].id, id))
      return &indications[i];
  return NULL;
}

/**
 * ramus_indications_for_region:
 *
 * Returns: (transfer container) (element-type RamusIndication): the
 * indications of @region in chooser order; empty for an unknown region.
 */
GPtrArray *
ramus_indications_for_region (const char *region)
{
  GPtrArray *list = g_ptr_array_new ();

  g_return_val_if_fail (region != NULL, list);

  for (guint i = 0; i < G_N_ELEMENTS (indications); i++)
    if (g_str_equal (indications[i].region, region))
      g_ptr_array_add (list, (gpointer) &indications[i]);
  return list;
}

const char *
ramus_indication_get_name (const RamusIndication *indication)
{
  g_return_val_if_fail (indication != NULL, NULL);
  return _(indication->name);
}

const RamusScoreInfo *
ramus_score_get_info (RamusScore score)
{
  g_return_val_if_fail (score < RAMUS_N_SCORES, NULL);
  return &score_infos[score];
}

gboolean
ramus_score_from_key (const char *key,
                      RamusScore *score)
{
  g_return_val_if_fail (key != NULL, FALSE);

  for (guint i = 0; i < RAMUS_N_SCORES; i++)
    if (g_str_equal (score_infos[i].key, key))
      {
        if (score)
          *score = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
ramus_score_in_region (RamusScore  score,
                       const char *region)
{
  g_return_val_if_fail (score < RAMUS_N_SCORES, FALSE);
  g_return_val_if_fail (region != NULL, FALSE);

  return g_strv_contains (score_infos[score].regions, region);
}

const char *
ramus_score_info_get_name (const RamusScoreInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return _(info->name);
}

guint
ramus_case_get_n_templates (void)
{
  return G_N_ELEMENTS (templates);
}

const RamusCaseTemplate *
ramus_case_get_template (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (templates), NULL);
  return &templates[index];
}

const RamusCaseTemplate *
ramus_case_lookup_template (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    if (g_str_equal (templates[i].id, id))
      return &templates[i];
  return NULL;
}

const char *
ramus_case_template_get_name (const RamusCaseTemplate *tmpl)
{
  g_return_val_if_fail (tmpl != NULL, NULL);
  return _(tmpl->name);
}

/* What the window, the sheet and the CLI call an embolic or an allergy of
 * the case format: one table, so they never disagree. */
const char *
ramus_embolic_label (const char *embolic)
{
  static const struct { const char *id; const char *name; } names[] = {
    { "imipenem-cilastatin", N_("Imipenem/cilastatin suspension") },
    { "microspheres-75-100", N_("Temporary microspheres 75–100 µm") },
    { "lipiodol-emulsion", N_("Lipiodol emulsion") },
    { "deb-microspheres", N_("Drug-eluting beads") },
    { "bland-microspheres", N_("Bland microspheres") },
    { "gelatin-sponge", N_("Gelatin sponge") },
    { "coil", N_("Coils") },
  };

  if (embolic == NULL)
    return "—";
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].id, embolic))
      return _(names[i].name);
  return embolic;
}

const char *
ramus_allergy_label (const char *allergy)
{
  g_return_val_if_fail (allergy != NULL, NULL);

  if (g_str_equal (allergy, "carbapenem"))
    return _("Carbapenem");
  if (g_str_equal (allergy, "beta-lactam"))
    return _("β-lactam");
  if (g_str_equal (allergy, "iodinated-contrast"))
    return _("Iodinated contrast");
  return allergy;
}
