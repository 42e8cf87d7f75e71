/* ramus-warnings.c — non-target and dangerous branches, allergies, renal
 * function and cumulative dose
 *
 * The anatomical warnings are read off the atlas: a vessel of kind `danger`
 * is a non-target branch whose embolization harms, so any danger vessel
 * beyond a target (its subtree) or beside it (a sibling that catches reflux)
 * is reported with the danger vessel's own territory and sources. No list of
 * vessel names lives here. The clinical rules (allergy, contrast, eGFR,
 * doxorubicin) cite the references in `rule_sources` below, which are shown
 * with every warning they raise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-warnings"

#include "config.h"

#include "ramus-warnings.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* The references of the clinical rules. Each was checked against the
 * publisher's or an index's record before it was cited here. */
static const RamusSource rule_sources[] = {
  { "warn-vandermolen2018",
    "van der Molen AJ, Reimer P, Dekkers IA, Bongartz G, Bellin MF, Bertolotto M, Clement O, "
    "Heinz-Peer G, Stacul F, Webb JAW, Thomsen HS. Post-contrast acute kidney injury - Part 1: "
    "definition, clinical features, incidence, role of contrast medium and risk factors. "
    "Recommendations for updated ESUR Contrast Medium Safety Committee guidelines. Eur Radiol. "
    "2018;28(7):2845-2855. (Risk of PC-AKI: eGFR < 45 mL/min/1.73 m² before intra-arterial "
    "contrast with first-pass renal exposure; eGFR < 30 before intravenous contrast or "
    "intra-arterial contrast with second-pass renal exposure.)",
    "10.1007/s00330-017-5246-5", "https://pmc.ncbi.nlm.nih.gov/articles/PMC5986826", NULL },
  { "warn-acr-contrast",
    "ACR Committee on Drugs and Contrast Media. ACR Manual on Contrast Media. American College of "
    "Radiology. (Elective premedication: prednisone 50 mg by mouth 13, 7 and 1 hours before "
    "contrast, plus diphenhydramine 50 mg 1 hour before; or methylprednisolone 32 mg 12 and 2 "
    "hours before.)",
    NULL, "https://www.acr.org/-/media/ACR/Files/Clinical-Resources/Contrast_Media.pdf", NULL },
  { "warn-cho2015",
    "Cho KJ. Carbon dioxide angiography: scientific principles and practice. Vasc Specialist Int. "
    "2015;31(3):67-80. (CO2 should not be used in the thoracic aorta, the coronary arteries or "
    "the cerebral circulation.)",
    "10.5758/vsi.2015.31.3.67", "https://pmc.ncbi.nlm.nih.gov/articles/PMC4603680", NULL },
  { "warn-romano2006",
    "Romano A, Viola M, Guéant-Rodriguez RM, Gaeta F, Valluzzi R, Guéant JL. Imipenem in patients "
    "with immediate hypersensitivity to penicillins. N Engl J Med. 2006;354(26):2835-2837. (1 of "
    "112 patients with IgE-mediated penicillin allergy, 0.9%, had a positive skin test to "
    "imipenem/cilastatin; 110 with negative tests tolerated a challenge.)",
    NULL, "http://hdl.handle.net/10807/34127", NULL },
  { "warn-swain2003",
    "Swain SM, Whaley FS, Ewer MS. Congestive heart failure in patients treated with doxorubicin: "
    "a retrospective analysis of three trials. Cancer. 2003;97(11):2869-2879. (An estimated 26% "
    "of patients develop doxorubicin-related heart failure at a cumulative 550 mg/m²; age over "
    "65 years is a risk factor after 400 mg/m².)",
    "10.1002/cncr.11407", NULL, NULL },
  { "route-schneider-microcatheters",
    "Schneider PA. New tools and devices in use. In: Endovascular Skills: Guidewire and Catheter "
    "Skills for Endovascular Surgery. Informa Healthcare. (Microcatheters are generally 120 to "
    "150 cm long.) Used for route lengths only when the device catalogue holds no "
    "microcatheter.",
    "10.3109/9781420069396-26",
    "https://www.taylorfrancis.com/chapters/mono/10.3109/9781420069396-26/new-tools-devices-use-peter-schneider",
    NULL },
};

/* The aorta below the diaphragm; CO2 may only be injected there or beyond. */
#define INFRADIAPHRAGMATIC_AORTA "abdominal-aorta"
/* The danger vessel the level rule is about. */
#define ADAMKIEWICZ "artery-of-adamkiewicz"

const RamusSource *
ramus_warnings_lookup_source (RamusAtlas *atlas,
                              const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rule_sources); i++)
    if (g_str_equal (rule_sources[i].id, id))
      return &rule_sources[i];
  return atlas ? ramus_atlas_lookup_source (atlas, id) : NULL;
}

const char *
ramus_severity_to_string (RamusSeverity severity)
{
  switch (severity)
    {
    case RAMUS_SEVERITY_INFO:
      return "info";
    case RAMUS_SEVERITY_CAUTION:
      return "caution";
    case RAMUS_SEVERITY_DANGER:
      return "danger";
    default:
      g_assert_not_reached ();
    }
}

void
ramus_warning_free (RamusWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->code);
  g_free (warning->vessel);
  g_free (warning->subject);
  g_free (warning->message);
  g_strfreev (warning->sources);
  g_free (warning);
}

static RamusWarning *
add_warning (GPtrArray     *warnings,
             RamusSeverity  severity,
             const char    *code,
             const char    *vessel,
             const char    *subject,
             char          *message,
             char * const  *sources)
{
  RamusWarning *w = g_new0 (RamusWarning, 1);

  w->severity = severity;
  w->code = g_strdup (code);
  w->vessel = g_strdup (vessel);
  w->subject = g_strdup (subject);
  w->message = message;
  w->sources = g_strdupv ((char **) sources);
  g_ptr_array_add (warnings, w);
  return w;
}

static GPtrArray *
new_warnings (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_warning_free);
}

static const char *
name_of (const RamusVessel *v)
{
  return ramus_vessel_get_name (v, ramus_lang_for_locale ());
}

/* English names are capitalised as headings (“Lateral superior genicular
 * artery”); inside a sentence the initial is lowered, unless the name starts
 * with an abbreviation or a proper noun's capitals run on (“SMA…”). */
void
ramus_warnings_lower_initial (char *text)
{
  if (text && g_ascii_isupper (text[0]) && g_ascii_islower (text[1]) && ramus_lang_for_locale () == RAMUS_LANG_EN)
    text[0] = g_ascii_tolower (text[0]);
}

/* A vessel's name for use inside a sentence, in the user's language. */
const char *
ramus_warnings_vessel_phrase (const RamusVessel *vessel)
{
  static GHashTable *phrases;
  G_LOCK_DEFINE_STATIC (phrases);
  const char *name;
  char *phrase;

  g_return_val_if_fail (vessel != NULL, NULL);

  name = name_of (vessel);
  if (name == NULL || ramus_lang_for_locale () != RAMUS_LANG_EN)
    return name;
  G_LOCK (phrases);
  if (phrases == NULL)
    phrases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  phrase = g_hash_table_lookup (phrases, name);
  if (phrase == NULL)
    {
      phrase = g_strdup (name);
      ramus_warnings_lower_initial (phrase);
      g_hash_table_insert (phrases, g_strdup (name), phrase);
    }
  G_UNLOCK (phrases);
  return phrase;
}

/* The first clause of what a vessel supplies, to say in one line what
 * non-target embolization would hit. */
static char *
territory_clause (const RamusVessel *v)
{
  const char *text = v->territory[ramus_lang_for_locale ()];
  const char *end;
  char *clause;

  if (text == NULL || *text == '\0')
    text = v->territory[RAMUS_LANG_EN];
  if (text == NULL)
    return g_strdup ("");
  end = text;
  while (*end && *end != ';' && !(end[0] == '.' && (end[1] == ' ' || end[1] == '\0')) &&
         !g_str_has_prefix (end, "；") && !g_str_has_prefix (end, "。"))
    end = g_utf8_next_char (end);
  clause = g_strndup (text, end - text);
  ramus_warnings_lower_initial (clause);
  return clause;
}

static void
collect_danger_subtree (RamusAtlas         *atlas,
                        const RamusVessel  *vessel,
                        RamusSide           side,
                        const RamusVariant *variant,
                        GPtrArray          *out,
                        guint               depth)
{
  g_autoptr(GPtrArray) children = ramus_atlas_get_children (atlas, vessel, side, variant);

  g_assert (depth < 64);
  for (guint i = 0; i < children->len; i++)
    {
      const RamusVessel *c = g_ptr_array_index (children, i);
      if (c->kind == RAMUS_VESSEL_DANGER)
        g_ptr_array_add (out, (gpointer) c);
      collect_danger_subtree (atlas, c, side, variant, out, depth + 1);
    }
}

GPtrArray *
ramus_warnings_for_target (RamusAtlas         *atlas,
                           const char         *region_id,
                           RamusSide           side,
                           const RamusVariant *variant,
                           const RamusVessel  *target)
{
  GPtrArray *warnings = new_warnings ();
  g_autoptr(GPtrArray) beyond = g_ptr_array_new ();
  const RamusVessel *parent;

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), warnings);
  g_return_val_if_fail (target != NULL, warnings);

  if (target->kind == RAMUS_VESSEL_DANGER)
    {
      g_autofree char *what = territory_clause (target);
      add_warning (warnings, RAMUS_SEVERITY_DANGER, "danger-target", target->id, target->id,
                   g_strdup_printf (_("%s is a danger vessel, not a target: embolizing it harms "
                                      "what it supplies (%s)."),
                                    name_of (target), what),
                   target->sources);
    }
  else if (target->kind == RAMUS_VESSEL_COLLATERAL)
    {
      g_autofree char *what = territory_clause (target);
      add_warning (warnings, RAMUS_SEVERITY_INFO, "collateral-target", target->id, NULL,
                   g_strdup_printf (_("%s is a collateral feeder: catheterise it superselectively, "
                                      "its own territory (%s) is non-target."),
                                    name_of (target), what),
                   target->sources);
    }

  /* Whatever leaves the target downstream receives the embolic unless the
   * microcatheter tip is beyond its origin. */
  collect_danger_subtree (atlas, target, side, variant, beyond, 0);
  for (guint i = 0; i < beyond->len; i++)
    {
      const RamusVessel *d = g_ptr_array_index (beyond, i);
      const RamusVessel *from = ramus_atlas_get_parent (atlas, d, side, variant);
      g_autofree char *what = territory_clause (d);

      if (region_id && !ramus_atlas_vessel_in_region (d, region_id))
        continue;
      add_warning (warnings, RAMUS_SEVERITY_DANGER, "danger-branch", target->id, d->id,
                   g_strdup_printf (_("Non-target: %s arises from %s, so embolic given into %s can "
                                      "reach it (%s). Keep the microcatheter beyond its origin or "
                                      "protect it."),
                                    ramus_warnings_vessel_phrase (d), ramus_warnings_vessel_phrase (from),
                                    ramus_warnings_vessel_phrase (target), what),
                   d->sources);
    }

  /* A danger branch beside the target catches reflux into the parent. */
  parent = ramus_atlas_get_parent (atlas, target, side, variant);
  if (parent)
    {
      g_autoptr(GPtrArray) siblings = ramus_atlas_get_children (atlas, parent, side, variant);
      for (guint i = 0; i < siblings->len; i++)
        {
          const RamusVessel *d = g_ptr_array_index (siblings, i);
          g_autofree char *what = NULL;

          if (d == target || d->kind != RAMUS_VESSEL_DANGER)
            continue;
          if (region_id && !ramus_atlas_vessel_in_region (d, region_id))
            continue;
          what = territory_clause (d);
          add_warning (warnings, RAMUS_SEVERITY_CAUTION, "reflux-danger", target->id, d->id,
                       g_strdup_printf (_("Reflux: %s also arises from %s, so embolic refluxing out of "
                                          "%s can reach it (%s). Inject slowly and stop at reflux."),
                                        ramus_warnings_vessel_phrase (d), ramus_warnings_vessel_phrase (parent),
                                        ramus_warnings_vessel_phrase (target), what),
                       d->sources);
        }
    }
  return warnings;
}

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && g_strv_contains (strv, value);
}

/* Whether every target lies below the diaphragm, where CO2 may be used. */
static gboolean
all_targets_below_diaphragm (RamusAtlas              *atlas,
                             const RamusWarningInput *input)
{
  const RamusVessel *aorta = ramus_atlas_lookup (atlas, INFRADIAPHRAGMATIC_AORTA);
  gboolean any = FALSE;

  if (aorta == NULL || input->targets == NULL)
    return FALSE;
  for (guint i = 0; input->targets[i]; i++)
    {
      const RamusVessel *t = ramus_atlas_lookup (atlas, input->targets[i]);
      g_autoptr(GPtrArray) path = NULL;

      if (t == NULL)
        continue;
      path = ramus_atlas_path (atlas, t, RAMUS_SIDE_RIGHT, NULL);
      if (!g_ptr_array_find (path, aorta, NULL))
        return FALSE;
      any = TRUE;
    }
  return any;
}

GPtrArray *
ramus_warnings_for_plan (RamusAtlas              *atlas,
                         const RamusWarningInput *input)
{
  GPtrArray *warnings = new_warnings ();
  gboolean imipenem;

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), warnings);
  g_return_val_if_fail (input != NULL, warnings);

  imipenem = strv_has (input->embolics, "imipenem-cilastatin");

  if (strv_has (input->allergies, "carbapenem"))
    {
      const char *sources[] = { "seed-tame", NULL };
      if (imipenem)
        add_warning (warnings, RAMUS_SEVERITY_DANGER, "allergy-carbapenem", NULL, NULL,
                     g_strdup (_("Carbapenem allergy recorded: do not use imipenem/cilastatin. Use "
                                 "temporary 75–100 µm microspheres instead, injected slowly to avoid "
                                 "reflux.")),
                     (char **) sources);
      else
        add_warning (warnings, RAMUS_SEVERITY_INFO, "allergy-carbapenem", NULL, NULL,
                     g_strdup (_("Carbapenem allergy recorded: keep imipenem/cilastatin out of the "
                                 "plan; temporary 75–100 µm microspheres are the alternative.")),
                     (char **) sources);
    }
  else if (strv_has (input->allergies, "beta-lactam") && imipenem)
    {
      const char *sources[] = { "warn-romano2006", "seed-tame", NULL };
      add_warning (warnings, RAMUS_SEVERITY_CAUTION, "allergy-beta-lactam", NULL, NULL,
                   g_strdup_printf (_("β-lactam allergy recorded and imipenem/cilastatin is a β-lactam. "
                               "Cross-reactivity with penicillin allergy is uncommon (0.9%% positive "
                               "imipenem skin tests in 112 patients) but skin-test first, or use "
                               "temporary 75–100 µm microspheres.")),
                   (char **) sources);
    }

  if (strv_has (input->allergies, "iodinated-contrast"))
    {
      const char *sources[] = { "warn-acr-contrast", "warn-cho2015", NULL };
      gboolean co2 = all_targets_below_diaphragm (atlas, input);
      g_autoptr(GString) text = g_string_new (
        _("Iodinated contrast allergy recorded: premedicate (prednisone 50 mg 13, 7 and 1 hours "
          "before plus diphenhydramine 50 mg 1 hour before) and switch to another contrast agent "
          "if the culprit is known."));
      g_string_append_c (text, ' ');
      if (co2)
        g_string_append (text, _("CO2 angiography is an alternative here: every target lies below "
                                 "the diaphragm."));
      else
        g_string_append (text, _("CO2 angiography is not an alternative for arteries above the "
                                 "diaphragm (thoracic aorta, arm, cerebral circulation)."));
      if (imipenem)
        {
          g_string_append_c (text, ' ');
          g_string_append (text, _("The imipenem/cilastatin suspension is itself mixed with contrast "
                                   "medium."));
        }
      add_warning (warnings, RAMUS_SEVERITY_CAUTION, "allergy-contrast", NULL, NULL,
                   g_string_free (g_steal_pointer (&text), FALSE), (char **) sources);
    }

  if (!isnan (input->egfr_ml_min))
    {
      const char *sources[] = { "warn-vandermolen2018", NULL };
      if (input->egfr_ml_min < RAMUS_WARNINGS_EGFR_SEVERE)
        add_warning (warnings, RAMUS_SEVERITY_DANGER, "renal-egfr-30", NULL, NULL,
                     g_strdup_printf (_("eGFR %.0f mL/min/1.73 m² is below 30: risk of post-contrast "
                                        "acute kidney injury with any intravascular contrast. Plan "
                                        "the least contrast and renal prophylaxis."),
                                      input->egfr_ml_min),
                     (char **) sources);
      else if (input->egfr_ml_min < RAMUS_WARNINGS_EGFR_FIRST_PASS)
        add_warning (warnings, RAMUS_SEVERITY_CAUTION, "renal-egfr-45", NULL, NULL,
                     g_strdup_printf (_("eGFR %.0f mL/min/1.73 m² is below 45: risk of post-contrast "
                                        "acute kidney injury when contrast reaches the kidneys on its "
                                        "first pass (injection into the aorta above the renal "
                                        "arteries, such as a flush aortogram)."),
                                      input->egfr_ml_min),
                     (char **) sources);
    }
  else if (input->region && (g_str_equal (input->region, "liver") ||
                             g_str_equal (input->region, "spine-pelvis")))
    {
      const char *sources[] = { "warn-vandermolen2018", NULL };
      add_warning (warnings, RAMUS_SEVERITY_INFO, "renal-unknown", NULL, NULL,
                   g_strdup (_("eGFR not recorded: it decides the contrast risk (below 45 or 30 "
                               "mL/min/1.73 m²).")),
                   (char **) sources);
    }

  if (!isnan (input->doxorubicin_mg_per_m2) && input->doxorubicin_mg_per_m2 > 0)
    {
      /* The dosing data cite the same paper; use its atlas entry if there. */
      const char *sources[] = { ramus_atlas_lookup_source (atlas, "dose-swain2003") ? "dose-swain2003"
                                                                                    : "warn-swain2003", NULL };
      double prior = isnan (input->prior_doxorubicin_mg_per_m2) ? 0 : input->prior_doxorubicin_mg_per_m2;
      double total = prior + input->doxorubicin_mg_per_m2;

      if (total >= RAMUS_WARNINGS_DOXORUBICIN_LIMIT)
        add_warning (warnings, RAMUS_SEVERITY_DANGER, "doxorubicin-cumulative", NULL, NULL,
                     g_strdup_printf (_("Cumulative doxorubicin %.0f mg/m² (%.0f before + %.0f now) "
                                        "reaches 550 mg/m², where an estimated 26%% develop "
                                        "doxorubicin-related heart failure."),
                                      total, prior, input->doxorubicin_mg_per_m2),
                     (char **) sources);
      else if (total >= RAMUS_WARNINGS_DOXORUBICIN_CAUTION)
        add_warning (warnings, RAMUS_SEVERITY_CAUTION, "doxorubicin-cumulative", NULL, NULL,
                     input->age_years > 65
                       ? g_strdup_printf (_("Cumulative doxorubicin %.0f mg/m² (%.0f before + %.0f "
                                            "now) is above 400 mg/m², where heart failure becomes "
                                            "more frequent, more so over 65 years (age %d)."),
                                          total, prior, input->doxorubicin_mg_per_m2, input->age_years)
                       : g_strdup_printf (_("Cumulative doxorubicin %.0f mg/m² (%.0f before + %.0f "
                                            "now) is above 400 mg/m², where heart failure becomes "
                                            "more frequent."),
                                          total, prior, input->doxorubicin_mg_per_m2),
                     (char **) sources);
      else if (isnan (input->prior_doxorubicin_mg_per_m2))
        add_warning (warnings, RAMUS_SEVERITY_INFO, "doxorubicin-prior-unknown", NULL, NULL,
                     g_strdup_printf (_("Record the lifetime doxorubicin dose already given: the cardiac limit "
                                 "(heart failure in an estimated 26%% at 550 mg/m²) applies to the "
                                 "cumulative dose.")),
                     (char **) sources);
    }
  return warnings;
}

/* Vertebral levels in cranio-caudal order: T1 is 1, L1 is 13, S1 (and the
 * sacrum) 18; 0 for anything else (pelvic bones, nonsense). */
int
ramus_warnings_level_rank (const char *level)
{
  char *end = NULL;
  gint64 n;

  if (level == NULL || level[0] == '\0')
    return 0;
  if (g_ascii_strcasecmp (level, "sacrum") == 0)
    return 18;
  n = g_ascii_strtoll (level + 1, &end, 10);
  if (end == level + 1 || *end != '\0')
    return 0;
  switch (g_ascii_toupper (level[0]))
    {
    case 'T':
      return n >= 1 && n <= 12 ? (int) n : 0;
    case 'L':
      return n >= 1 && n <= 5 ? 12 + (int) n : 0;
    case 'S':
      return n == 1 ? 18 : 0;
    default:
      return 0;
    }
}

/* The artery of Adamkiewicz arose between T7 and L2 in 97% of patients on
 * 64-row CT (atlas notes of the artery, spine-yoshioka2006); the 89% T8–L1
 * window of the meta-analysis (spine-taterra2019) lies inside it. */
gboolean
ramus_warnings_level_in_adamkiewicz_window (const char *level)
{
  int rank = ramus_warnings_level_rank (level);
  return rank >= 7 && rank <= 14;
}

GPtrArray *
ramus_warnings_for_level (RamusAtlas *atlas,
                          const char *level)
{
  GPtrArray *warnings = new_warnings ();
  const RamusVessel *aka;
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), warnings);

  if (!ramus_warnings_level_in_adamkiewicz_window (level))
    return warnings;
  aka = ramus_atlas_lookup (atlas, ADAMKIEWICZ);
  if (aka == NULL)
    return warnings;
  for (guint i = 0; aka->sources[i]; i++)
    if (g_str_has_prefix (aka->sources[i], "spine-yoshioka") || g_str_has_prefix (aka->sources[i], "spine-taterra"))
      g_ptr_array_add (sources, aka->sources[i]);
  if (sources->len == 0)
    for (guint i = 0; aka->sources[i]; i++)
      g_ptr_array_add (sources, aka->sources[i]);
  g_ptr_array_add (sources, NULL);
  add_warning (warnings, RAMUS_SEVERITY_DANGER, "adamkiewicz", NULL, aka->id,
               g_strdup_printf (_("Level %s lies in the usual origin window of the %s (T7–L2 in 97%%): "
                                  "inject the segmental arteries of this level and the levels above "
                                  "and below on both sides and look for its hairpin before "
                                  "embolizing; never use liquid embolics or small particles from a "
                                  "pedicle that fills it."),
                                level, ramus_warnings_vessel_phrase (aka)),
               (char **) sources->pdata);
  return warnings;
}

JsonNode *
ramus_source_to_json (RamusAtlas *atlas,
                      const char *id)
{
  const RamusSource *s = ramus_warnings_lookup_source (atlas, id);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "citation");
  s && s->citation ? json_builder_add_string_value (b, s->citation) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "doi");
  s && s->doi ? json_builder_add_string_value (b, s->doi) : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "url");
  s && s->url ? json_builder_add_string_value (b, s->url) : json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
ramus_warning_to_json (const RamusWarning *w,
                       RamusAtlas         *atlas)
{
  JsonObject *o = json_object_new ();
  JsonArray *sources = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (o, "severity", ramus_severity_to_string (w->severity));
  json_object_set_string_member (o, "code", w->code);
  w->vessel ? json_object_set_string_member (o, "vessel", w->vessel) : json_object_set_null_member (o, "vessel");
  w->subject ? json_object_set_string_member (o, "subject", w->subject) : json_object_set_null_member (o, "subject");
  json_object_set_string_member (o, "message", w->message);
  for (guint i = 0; w->sources && w->sources[i]; i++)
    json_array_add_element (sources, ramus_source_to_json (atlas, w->sources[i]));
  json_object_set_array_member (o, "sources", sources);
  json_node_take_object (node, o);
  return node;
}
