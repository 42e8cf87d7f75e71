/* ramus-cli-dose.c — `ramus dose bsa|doxorubicin|imipenem|lipiodol|deb|tace-plan`
 *
 * Numbers are read as text and converted here rather than by GOptionContext,
 * so that a malformed number is bad input (exit 1, with the allowed range)
 * like an out-of-range one, not a usage error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cli-dose"

#include "config.h"

#include "ramus-cli.h"
#include "ramus-dose.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct
{
  gboolean json;
  char *height;
  char *weight;
  char *formula;
  char *bsa;
  char *mg_per_m2;
  char *prior;
  char *grams;
  char *contrast;
  char *aliquot;
  char **allergies;
  char **tumours;
  char *ml_per_cm;
  char *ml;
  char *child_pugh;
  char *beads;
  char *loading;
  gboolean capsule;
  gboolean shunt;
} DoseOptions;

static void
dose_options_clear (DoseOptions *o)
{
  g_free (o->height);
  g_free (o->weight);
  g_free (o->formula);
  g_free (o->bsa);
  g_free (o->mg_per_m2);
  g_free (o->prior);
  g_free (o->grams);
  g_free (o->contrast);
  g_free (o->aliquot);
  g_strfreev (o->allergies);
  g_strfreev (o->tumours);
  g_free (o->ml_per_cm);
  g_free (o->ml);
  g_free (o->child_pugh);
  g_free (o->beads);
  g_free (o->loading);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DoseOptions, dose_options_clear)

static GOptionContext *
new_context (const char         *summary,
             DoseOptions        *o,
             const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new ("");
  const GOptionEntry common[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print JSON instead of text"), NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _(summary));
  g_option_context_set_description (context,
                                    _("Every result shows its formula, the formula with your numbers and its "
                                      "sources. An input outside its plausible range is refused (exit status 1) "
                                      "and nothing is computed."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  return context;
}

/* Reads an optional number; NAN when @text is NULL. A malformed number is
 * bad input and names the range, like an out-of-range one. */
static gboolean
parse_number (const char  *text,
              const char  *what,
              double       min,
              double       max,
              const char  *unit,
              double      *out)
{
  char *end = NULL;
  double value;

  *out = NAN;
  if (text == NULL)
    return TRUE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value))
    {
      ramus_cli_fail (_("%s “%s” is not a number (%g–%g %s)"), what, text, min, max, unit);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

static const char *
embolic_name (const char *id)
{
  if (g_strcmp0 (id, "imipenem-cilastatin") == 0)
    return _("imipenem/cilastatin suspension");
  if (g_strcmp0 (id, "microspheres-75-100") == 0)
    return _("75–100 µm temporary microspheres");
  if (g_strcmp0 (id, "lipiodol-emulsion") == 0)
    return _("Lipiodol–drug emulsion");
  if (g_strcmp0 (id, "deb-microspheres") == 0)
    return _("drug-eluting microspheres");
  if (g_strcmp0 (id, "bland-microspheres") == 0)
    return _("larger (bland) microspheres");
  return id;
}

/* printf pads by bytes; labels may hold "²" or Chinese, so pad by
 * characters. */
static void
print_label (const char *label)
{
  glong n = g_utf8_strlen (label, -1);

  printf ("  %s%*s ", label, (int) MAX (0, 28 - n), "");
}

static void
print_text (const RamusDoseResult *r)
{
  RamusAtlas *atlas = ramus_cli_atlas ();

  printf ("%s\n", r->title);
  for (guint i = 0; i < r->values->len; i++)
    {
      const RamusDoseValue *v = &g_array_index (r->values, RamusDoseValue, i);
      g_autofree char *number = g_strdup_printf ("%.2f", v->value);

      /* Whole numbers read better without decimals. */
      if (v->value == floor (v->value))
        g_snprintf (number, strlen (number) + 1, "%.0f", v->value);
      print_label (ramus_dose_value_label (v->key));
      printf ("%s%s%s\n", number, *v->unit ? " " : "", v->unit);
    }
  if (r->embolic)
    {
      print_label (_("Embolic"));
      printf ("%s (%s)\n", embolic_name (r->embolic), r->embolic);
    }
  for (guint i = 0; r->stages && i < r->stages->len; i++)
    {
      const RamusTaceStage *s = &g_array_index (r->stages, RamusTaceStage, i);
      printf ("  %d. %s: %s\n     %s\n", s->stage, s->target, embolic_name (s->embolic), s->description);
    }
  printf ("%s %s\n", _("Formula:"), r->formula);
  printf ("%s %s\n", _("Working:"), r->working);
  for (guint i = 0; i < r->warnings->len; i++)
    printf ("%s %s\n", _("Warning:"), (const char *) r->warnings->pdata[i]);
  for (guint i = 0; i < r->notes->len; i++)
    printf ("%s %s\n", _("Note:"), (const char *) r->notes->pdata[i]);
  printf ("%s\n", _("Sources:"));
  for (guint i = 0; r->sources[i]; i++)
    {
      const RamusSource *s = ramus_atlas_lookup_source (atlas, r->sources[i]);
      printf ("  [%s] %s%s%s\n", r->sources[i], s ? s->citation : "",
              s && s->doi ? " doi:" : "", s && s->doi ? s->doi : "");
    }
}

static void
add_strings (JsonBuilder *b,
             const char  *key,
             GPtrArray   *strings)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (b, strings->pdata[i]);
  json_builder_end_array (b);
}

/* The result's values as top-level members, then how it was obtained. */
static void
print_json (const RamusDoseResult *r,
            const char            *formula_name)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  RamusAtlas *atlas = ramus_cli_atlas ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, r->title);
  for (guint i = 0; i < r->values->len; i++)
    {
      const RamusDoseValue *v = &g_array_index (r->values, RamusDoseValue, i);
      json_builder_set_member_name (b, v->key);
      json_builder_add_double_value (b, v->value);
    }
  if (r->embolic)
    {
      json_builder_set_member_name (b, "embolic");
      json_builder_add_string_value (b, r->embolic);
    }
  if (r->stages)
    {
      json_builder_set_member_name (b, "stages");
      json_builder_begin_array (b);
      for (guint i = 0; i < r->stages->len; i++)
        {
          const RamusTaceStage *s = &g_array_index (r->stages, RamusTaceStage, i);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "stage");
          json_builder_add_int_value (b, s->stage);
          json_builder_set_member_name (b, "target");
          json_builder_add_string_value (b, s->target);
          json_builder_set_member_name (b, "embolic");
          json_builder_add_string_value (b, s->embolic);
          json_builder_set_member_name (b, "description");
          json_builder_add_string_value (b, s->description);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  if (formula_name)
    {
      json_builder_set_member_name (b, "formula");
      json_builder_add_string_value (b, formula_name);
    }
  json_builder_set_member_name (b, "formula_text");
  json_builder_add_string_value (b, r->formula);
  json_builder_set_member_name (b, "working");
  json_builder_add_string_value (b, r->working);
  add_strings (b, "warnings", r->warnings);
  add_strings (b, "notes", r->notes);
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; r->sources[i]; i++)
    {
      const RamusSource *s = ramus_atlas_lookup_source (atlas, r->sources[i]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, r->sources[i]);
      json_builder_set_member_name (b, "citation");
      json_builder_add_string_value (b, s ? s->citation : NULL);
      json_builder_set_member_name (b, "doi");
      json_builder_add_string_value (b, s ? s->doi : NULL);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, s ? s->url : NULL);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  ramus_cli_print_json (root);
}

static int
finish (RamusDoseResult *result,
        GError          *error,
        gboolean         json,
        const char      *formula_name)
{
  if (result == NULL)
    return ramus_cli_fail ("%s", error->message);
  if (json)
    print_json (result, formula_name);
  else
    print_text (result);
  return RAMUS_CLI_OK;
}

static int
parse_or_usage (GOptionContext  *context,
                int             *argc,
                char          ***argv)
{
  int status = RAMUS_CLI_OK;

  if (!ramus_cli_parse (context, argc, argv, &status))
    return status;
  if (*argc > 1)
    return ramus_cli_usage_error (context, _("unexpected argument “%s”"), (*argv)[1]);
  return RAMUS_CLI_OK;
}

static int
dose_bsa (int    argc,
          char **argv)
{
  g_auto(DoseOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "height-cm", 0, 0, G_OPTION_ARG_STRING, &o.height, N_("Height in cm (100–230)"), "H" },
    { "weight-kg", 0, 0, G_OPTION_ARG_STRING, &o.weight, N_("Weight in kg (20–300)"), "W" },
    { "formula", 0, 0, G_OPTION_ARG_STRING, &o.formula, N_("mosteller (default) or dubois"), "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (N_("Body-surface area from height and weight, by Mosteller or Du Bois."), &o, entries);
  g_autoptr(RamusDoseResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RamusBsaFormula formula;
  double height, weight;
  int status;

  if ((status = parse_or_usage (context, &argc, &argv)) != RAMUS_CLI_OK)
    return status;
  if (o.height == NULL || o.weight == NULL)
    return ramus_cli_usage_error (context, _("--height-cm and --weight-kg are required"));
  if (!ramus_bsa_formula_from_string (o.formula, &formula))
    return ramus_cli_usage_error (context, _("--formula takes mosteller or dubois, not “%s”"), o.formula);
  if (!parse_number (o.height, _("height"), RAMUS_DOSE_HEIGHT_MIN_CM, RAMUS_DOSE_HEIGHT_MAX_CM, "cm", &height) ||
      !parse_number (o.weight, _("weight"), RAMUS_DOSE_WEIGHT_MIN_KG, RAMUS_DOSE_WEIGHT_MAX_KG, "kg", &weight))
    return RAMUS_CLI_BAD_INPUT;
  result = ramus_dose_bsa (height, weight, formula, &error);
  return finish (result, error, o.json, ramus_bsa_formula_to_string (formula));
}

static int
dose_doxorubicin (int    argc,
                  char **argv)
{
  g_auto(DoseOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "bsa", 0, 0, G_OPTION_ARG_STRING, &o.bsa, N_("Body-surface area in m² (or give height and weight)"), "M2" },
    { "height-cm", 0, 0, G_OPTION_ARG_STRING, &o.height, N_("Height in cm, to compute the BSA"), "H" },
    { "weight-kg", 0, 0, G_OPTION_ARG_STRING, &o.weight, N_("Weight in kg, to compute the BSA"), "W" },
    { "formula", 0, 0, G_OPTION_ARG_STRING, &o.formula, N_("BSA formula: mosteller (default) or dubois"), "NAME" },
    { "mg-per-m2", 0, 0, G_OPTION_ARG_STRING, &o.mg_per_m2, N_("Doxorubicin dose in mg/m² (0–75)"), "D" },
    { "prior-mg-per-m2", 0, 0, G_OPTION_ARG_STRING, &o.prior,
      N_("Anthracycline already given, mg/m² of doxorubicin, for the lifetime check"), "P" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (N_("Doxorubicin dose in mg from the body-surface area and a dose per m², with the "
                    "cumulative-dose check."), &o, entries);
  g_autoptr(RamusDoseResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RamusBsaFormula formula;
  double bsa, dose, prior;
  int status;

  if ((status = parse_or_usage (context, &argc, &argv)) != RAMUS_CLI_OK)
    return status;
  if (o.mg_per_m2 == NULL)
    return ramus_cli_usage_error (context, _("--mg-per-m2 is required"));
  if ((o.bsa == NULL) == (o.height == NULL && o.weight == NULL) ||
      (o.bsa == NULL && (o.height == NULL || o.weight == NULL)))
    return ramus_cli_usage_error (context, _("give either --bsa or both --height-cm and --weight-kg"));
  if (!ramus_bsa_formula_from_string (o.formula, &formula))
    return ramus_cli_usage_error (context, _("--formula takes mosteller or dubois, not “%s”"), o.formula);
  if (!parse_number (o.mg_per_m2, _("doxorubicin dose"), 0, RAMUS_DOSE_DOXORUBICIN_MAX_MG_PER_M2, "mg/m²", &dose) ||
      !parse_number (o.prior, _("prior anthracycline dose"), 0, RAMUS_DOSE_PRIOR_ANTHRACYCLINE_MAX_MG_PER_M2,
                     "mg/m²", &prior) ||
      !parse_number (o.bsa, _("body-surface area"), RAMUS_DOSE_BSA_MIN_M2, RAMUS_DOSE_BSA_MAX_M2, "m²", &bsa))
    return RAMUS_CLI_BAD_INPUT;
  if (o.bsa == NULL)
    {
      g_autoptr(RamusDoseResult) area = NULL;
      double height, weight;

      if (!parse_number (o.height, _("height"), RAMUS_DOSE_HEIGHT_MIN_CM, RAMUS_DOSE_HEIGHT_MAX_CM, "cm", &height) ||
          !parse_number (o.weight, _("weight"), RAMUS_DOSE_WEIGHT_MIN_KG, RAMUS_DOSE_WEIGHT_MAX_KG, "kg", &weight))
        return RAMUS_CLI_BAD_INPUT;
      area = ramus_dose_bsa (height, weight, formula, &error);
      if (area == NULL)
        return ramus_cli_fail ("%s", error->message);
      bsa = g_array_index (area->values, RamusDoseValue, 0).value;
      result = ramus_dose_doxorubicin (bsa, dose, prior, &error);
      if (result)
        {
          /* Show where the BSA came from as well. */
          char **sources = result->sources;
          g_autofree char *both = g_strjoin (" ; ", area->working, result->working, NULL);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_strv_builder_addv (builder, (const char **) area->sources);
          g_strv_builder_addv (builder, (const char **) sources);
          result->sources = g_strv_builder_end (builder);
          g_strfreev (sources);
          g_free (result->working);
          result->working = g_steal_pointer (&both);
        }
    }
  else
    result = ramus_dose_doxorubicin (bsa, dose, prior, &error);
  return finish (result, error, o.json, NULL);
}

static int
dose_imipenem (int    argc,
               char **argv)
{
  g_auto(DoseOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "grams", 0, 0, G_OPTION_ARG_STRING, &o.grams, N_("Imipenem in g (0.1–1.0; default 0.5, one vial)"), "G" },
    { "contrast-ml", 0, 0, G_OPTION_ARG_STRING, &o.contrast,
      N_("Iodinated contrast in mL (1–50; default 10)"), "ML" },
    { "aliquot-ml", 0, 0, G_OPTION_ARG_STRING, &o.aliquot,
      N_("Aliquot size in mL, to count aliquots and the imipenem in each (0.05–5)"), "ML" },
    { "allergy", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.allergies,
      N_("A recorded allergy: carbapenem, beta-lactam or iodinated-contrast (repeatable)"), "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (N_("The imipenem/cilastatin suspension for TAME, or 75–100 µm temporary microspheres "
                    "when a carbapenem or β-lactam allergy is recorded."), &o, entries);
  g_autoptr(RamusDoseResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RamusImipenemInput input = { NAN, NAN, NAN, 0 };
  int status;

  if ((status = parse_or_usage (context, &argc, &argv)) != RAMUS_CLI_OK)
    return status;
  for (guint i = 0; o.allergies && o.allergies[i]; i++)
    {
      RamusAllergies allergy;
      if (!ramus_allergy_from_string (o.allergies[i], &allergy))
        return ramus_cli_fail (_("unknown allergy “%s” (carbapenem, beta-lactam, iodinated-contrast)"),
                               o.allergies[i]);
      input.allergies |= allergy;
    }
  if (!parse_number (o.grams, _("imipenem"), RAMUS_DOSE_IMIPENEM_MIN_G, RAMUS_DOSE_IMIPENEM_MAX_G, "g",
                     &input.grams) ||
      !parse_number (o.contrast, _("contrast volume"), RAMUS_DOSE_CONTRAST_MIN_ML, RAMUS_DOSE_CONTRAST_MAX_ML,
                     "mL", &input.contrast_ml) ||
      !parse_number (o.aliquot, _("aliquot"), RAMUS_DOSE_ALIQUOT_MIN_ML, RAMUS_DOSE_ALIQUOT_MAX_ML, "mL",
                     &input.aliquot_ml))
    return RAMUS_CLI_BAD_INPUT;
  result = ramus_dose_imipenem (&input, &error);
  return finish (result, error, o.json, NULL);
}

static gboolean
parse_tumours (char  **texts,
               GArray *out)
{
  for (guint i = 0; texts && texts[i]; i++)
    {
      double d;
      if (!parse_number (texts[i], _("tumour diameter"), RAMUS_DOSE_TUMOUR_MIN_MM, RAMUS_DOSE_TUMOUR_MAX_MM,
                         "mm", &d))
        return FALSE;
      g_array_append_val (out, d);
    }
  return TRUE;
}

static int
dose_lipiodol (int    argc,
               char **argv)
{
  g_auto(DoseOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "tumour-mm", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.tumours,
      N_("Tumour diameter in mm (1–250; repeat for each tumour)"), "D" },
    { "ml-per-cm", 0, 0, G_OPTION_ARG_STRING, &o.ml_per_cm,
      N_("Lipiodol per cm of summed tumour diameter, mL/cm (0.1–5)"), "R" },
    { "ml", 0, 0, G_OPTION_ARG_STRING, &o.ml, N_("A planned Lipiodol volume in mL, to check (0.1–20)"), "V" },
    { "child-pugh", 0, 0, G_OPTION_ARG_STRING, &o.child_pugh, N_("Child–Pugh class: A, B or C"), "CLASS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (N_("Lipiodol volume for conventional TACE from the tumour diameters (at most 20 mL), or "
                    "the check of a planned volume."), &o, entries);
  g_autoptr(RamusDoseResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) tumours = g_array_new (FALSE, FALSE, sizeof (double));
  double ratio, ml;
  int status;

  if ((status = parse_or_usage (context, &argc, &argv)) != RAMUS_CLI_OK)
    return status;
  if (o.tumours == NULL)
    return ramus_cli_usage_error (context, _("--tumour-mm is required"));
  if ((o.ml_per_cm == NULL) == (o.ml == NULL))
    return ramus_cli_usage_error (context, _("give either --ml-per-cm or --ml"));
  if (!parse_tumours (o.tumours, tumours) ||
      !parse_number (o.ml_per_cm, _("Lipiodol ratio"), RAMUS_DOSE_LIPIODOL_RATIO_MIN_ML_PER_CM,
                     RAMUS_DOSE_LIPIODOL_RATIO_MAX_ML_PER_CM, "mL/cm", &ratio) ||
      !parse_number (o.ml, _("Lipiodol volume"), 0.1, RAMUS_DOSE_LIPIODOL_MAX_ML, "mL", &ml))
    return RAMUS_CLI_BAD_INPUT;
  result = ramus_dose_lipiodol ((const double *) tumours->data, tumours->len, ratio, ml, o.child_pugh, &error);
  return finish (result, error, o.json, NULL);
}

static int
dose_deb (int    argc,
          char **argv)
{
  g_auto(DoseOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "beads-ml", 0, 0, G_OPTION_ARG_STRING, &o.beads, N_("Volume of drug-eluting beads in mL (0.1–10)"), "V" },
    { "mg-per-ml", 0, 0, G_OPTION_ARG_STRING, &o.loading,
      N_("Doxorubicin loaded per mL of beads (1–50; default 37.5)"), "L" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (N_("Doxorubicin carried by drug-eluting beads: volume × loading."), &o, entries);
  g_autoptr(RamusDoseResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double beads, loading;
  int status;

  if ((status = parse_or_usage (context, &argc, &argv)) != RAMUS_CLI_OK)
    return status;
  if (o.beads == NULL)
    return ramus_cli_usage_error (context, _("--beads-ml is required"));
  if (!parse_number (o.beads, _("bead volume"), RAMUS_DOSE_BEADS_MIN_ML, RAMUS_DOSE_BEADS_MAX_ML, "mL", &beads) ||
      !parse_number (o.loading, _("loading"), RAMUS_DOSE_DEB_LOADING_MIN_MG_PER_ML,
                     RAMUS_DOSE_DEB_LOADING_MAX_MG_PER_ML, "mg/mL", &loading))
    return RAMUS_CLI_BAD_INPUT;
  result = ramus_dose_deb (beads, loading, &error);
  return finish (result, error, o.json, NULL);
}

static int
dose_tace_plan (int    argc,
                char **argv)
{
  g_auto(DoseOptions) o = { 0 };
  const GOptionEntry entries[] = {
    { "tumour-mm", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.tumours,
      N_("Tumour diameter in mm (1–250; repeat for each; the largest decides)"), "D" },
    { "capsule", 0, 0, G_OPTION_ARG_NONE, &o.capsule, N_("The tumour has a (pseudo)capsule"), NULL },
    { "av-shunt", 0, 0, G_OPTION_ARG_NONE, &o.shunt, N_("An arteriovenous or arterioportal shunt was seen"), NULL },
    { "child-pugh", 0, 0, G_OPTION_ARG_STRING, &o.child_pugh, N_("Child–Pugh class: A, B or C"), "CLASS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (N_("The three-stage TACE plan (ultra-peripheral emulsion, peripheral small beads, "
                    "tumour-bearing branch) and its endpoint."), &o, entries);
  g_autoptr(RamusDoseResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) tumours = g_array_new (FALSE, FALSE, sizeof (double));
  double largest = 0;
  int status;

  if ((status = parse_or_usage (context, &argc, &argv)) != RAMUS_CLI_OK)
    return status;
  if (o.tumours == NULL)
    return ramus_cli_usage_error (context, _("--tumour-mm is required"));
  if (!parse_tumours (o.tumours, tumours))
    return RAMUS_CLI_BAD_INPUT;
  for (guint i = 0; i < tumours->len; i++)
    largest = MAX (largest, g_array_index (tumours, double, i));
  result = ramus_dose_tace_plan (largest, o.capsule, o.shunt, o.child_pugh, &error);
  return finish (result, error, o.json, NULL);
}

static const struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "bsa", dose_bsa, N_("Body-surface area (Mosteller or Du Bois)") },
  { "doxorubicin", dose_doxorubicin, N_("Doxorubicin dose from BSA and mg/m², cumulative-dose check") },
  { "imipenem", dose_imipenem, N_("Imipenem/cilastatin suspension for TAME, or microspheres if allergic") },
  { "lipiodol", dose_lipiodol, N_("Lipiodol volume for conventional TACE") },
  { "deb", dose_deb, N_("Doxorubicin loaded on drug-eluting beads") },
  { "tace-plan", dose_tace_plan, N_("The three-stage TACE plan and its endpoint") },
};

static void
print_commands (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: ramus dose COMMAND [OPTION…]"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “ramus dose COMMAND --help” for its options."));
}

int
ramus_cli_dose_main (int    argc,
                     char **argv)
{
  if (argc < 2)
    {
      print_commands (stderr);
      return RAMUS_CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_commands (stdout);
      return RAMUS_CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        /* So that --help and usage errors read "ramus dose bsa". */
        g_autofree char *prgname = g_strdup_printf ("ramus dose %s", commands[i].name);
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }
  fprintf (stderr, "ramus: %s\n\n", _("unknown dose command"));
  print_commands (stderr);
  return RAMUS_CLI_USAGE;
}
