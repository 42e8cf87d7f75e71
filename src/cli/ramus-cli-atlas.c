/* ramus-cli-atlas.c — `ramus atlas regions|list|show|search|path|variants`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cli-atlas"

#include "config.h"

#include "ramus-cli.h"
#include "ramus-atlas-json.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

typedef struct
{
  gboolean json;
  char *lang;
  char *side;
  char *variant;
  char *region;
  int limit;
} AtlasOptions;

static void
atlas_options_clear (AtlasOptions *o)
{
  g_free (o->lang);
  g_free (o->side);
  g_free (o->variant);
  g_free (o->region);
}

/* A command line as every command gets it: parsed, checked, and with the
 * atlas, language, side and variant it names. */
typedef struct
{
  AtlasOptions o;
  RamusAtlas *atlas;
  RamusLang lang;
  int side;
  const RamusVariant *variant;
  char **argv;                     /* the command's name, then its arguments */
} AtlasCall;

static void
atlas_call_clear (AtlasCall *a)
{
  atlas_options_clear (&a->o);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AtlasCall, atlas_call_clear)

static GOptionContext *
new_context (const char   *parameter,
             const char   *summary,
             AtlasOptions *o,
             gboolean      with_tree_options,
             gboolean      with_search_options)
{
  GOptionContext *context = g_option_context_new (parameter);
  const GOptionEntry common[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print JSON instead of text"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &o->lang, N_("Language of names in text output: en, zh_TW or zh_CN"), "LANG" },
    { NULL }
  };
  const GOptionEntry tree[] = {
    { "side", 0, 0, G_OPTION_ARG_STRING, &o->side, N_("Patient side: left or right (default right)"), "SIDE" },
    { "variant", 0, 0, G_OPTION_ARG_STRING, &o->variant, N_("Anatomical variant, e.g. michels-3 (see “ramus atlas variants”)"), "ID" },
    { NULL }
  };
  const GOptionEntry search[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &o->region, N_("Search only this region"), "REGION" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &o->limit, N_("At most this many results (default 20)"), "N" },
    { NULL }
  };

  g_option_context_set_summary (context, _(summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (with_tree_options)
    g_option_context_add_main_entries (context, tree, GETTEXT_PACKAGE);
  if (with_search_options)
    g_option_context_add_main_entries (context, search, GETTEXT_PACKAGE);
  return context;
}

/* Resolves an id or name in any language; on failure prints the nearest
 * names and returns NULL. */
static const RamusVessel *
resolve_vessel (RamusAtlas *atlas,
                const char *name,
                RamusLang   lang)
{
  const RamusVessel *vessel = ramus_atlas_lookup (atlas, name);
  g_autoptr(GPtrArray) near = NULL;
  g_autoptr(GString) list = NULL;

  if (vessel)
    return vessel;

  near = ramus_atlas_suggest (atlas, name, 3);
  list = g_string_new (NULL);
  for (guint i = 0; i < near->len; i++)
    {
      const RamusVessel *v = g_ptr_array_index (near, i);
      g_string_append_printf (list, "%s%s (%s)", i ? ", " : "", ramus_vessel_get_name (v, lang), v->id);
    }
  if (near->len > 0)
    ramus_cli_fail (_("unknown vessel “%s”. Did you mean: %s?"), name, list->str);
  else
    ramus_cli_fail (_("unknown vessel “%s”"), name);
  return NULL;
}

static const RamusRegion *
resolve_region (RamusAtlas *atlas,
                const char *name,
                RamusLang   lang)
{
  const RamusRegion *region = ramus_atlas_lookup_region (atlas, name);
  g_autoptr(GPtrArray) near = NULL;
  g_autoptr(GString) list = NULL;

  if (region)
    return region;
  near = ramus_atlas_suggest_region (atlas, name, 3);
  list = g_string_new (NULL);
  for (guint i = 0; i < near->len; i++)
    {
      const RamusRegion *r = g_ptr_array_index (near, i);
      g_string_append_printf (list, "%s%s", i ? ", " : "", r->id);
    }
  ramus_cli_fail (_("unknown region “%s”. Did you mean: %s? (“ramus atlas regions” lists them all)"),
                  name, list->str);
  return NULL;
}

static gboolean
resolve_tree_options (RamusAtlas          *atlas,
                      AtlasOptions        *o,
                      GOptionContext      *context,
                      int                 *side,
                      const RamusVariant **variant,
                      int                 *status)
{
  if (!ramus_cli_parse_side (o->side, side))
    {
      *status = ramus_cli_usage_error (context, _("--side takes left or right, not “%s”"), o->side);
      return FALSE;
    }
  *variant = NULL;
  if (o->variant)
    {
      *variant = ramus_atlas_lookup_variant (atlas, o->variant);
      if (*variant == NULL)
        {
          *status = ramus_cli_fail (_("unknown variant “%s” (“ramus atlas variants” lists them)"), o->variant);
          return FALSE;
        }
    }
  return TRUE;
}

static void
print_wrapped (const char *label,
               const char *text)
{
  g_autofree char *padded = NULL;

  if (text == NULL || *text == '\0')
    return;
  padded = ramus_cli_pad (label, 12);
  printf ("%s %s\n", padded, text);
}

static char *
format_names (const RamusVessel *v,
              RamusLang          lang)
{
  g_autofree char *abbr = g_strjoinv (", ", v->abbreviations);
  if (*abbr)
    return g_strdup_printf ("%s (%s)", ramus_vessel_get_name (v, lang), abbr);
  return g_strdup (ramus_vessel_get_name (v, lang));
}

static int
atlas_regions (AtlasCall *a)
{
  RamusAtlas *atlas = a->atlas;

  if (a->o.json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      for (guint i = 0; i < ramus_atlas_get_n_regions (atlas); i++)
        json_array_add_element (array, ramus_atlas_json_region (atlas, ramus_atlas_get_region (atlas, i)));
      ramus_cli_print_json_array (array);
      return RAMUS_CLI_OK;
    }

  for (guint i = 0; i < ramus_atlas_get_n_regions (atlas); i++)
    {
      const RamusRegion *r = ramus_atlas_get_region (atlas, i);
      g_autoptr(GArray) rows = ramus_atlas_region_tree (atlas, r->id, RAMUS_SIDE_RIGHT, NULL);
      g_autofree char *count = g_strdup_printf (ngettext ("%u vessel", "%u vessels", rows->len), rows->len);
      g_autofree char *name = ramus_cli_pad (r->names[a->lang], 18);
      g_autofree char *padded_count = ramus_cli_pad (count, 12);
      printf ("%-14s %s %s %s\n", r->id, name, padded_count, r->procedures[a->lang]);
    }
  return RAMUS_CLI_OK;
}

static int
atlas_list (AtlasCall *a)
{
  RamusAtlas *atlas = a->atlas;
  g_autoptr(GArray) rows = NULL;
  const RamusRegion *region;

  region = resolve_region (atlas, a->argv[1], a->lang);
  if (region == NULL)
    return RAMUS_CLI_BAD_INPUT;

  rows = ramus_atlas_region_tree (atlas, region->id, a->side, a->variant);
  if (a->o.json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      for (guint i = 0; i < rows->len; i++)
        {
          const RamusTreeRow *row = &g_array_index (rows, RamusTreeRow, i);
          JsonNode *node = ramus_atlas_json_vessel (atlas, row->vessel);
          json_object_set_int_member (json_node_get_object (node), "depth", row->depth);
          json_array_add_element (array, node);
        }
      ramus_cli_print_json_array (array);
      return RAMUS_CLI_OK;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const RamusTreeRow *row = &g_array_index (rows, RamusTreeRow, i);
      g_autofree char *names = format_names (row->vessel, a->lang);
      printf ("%*s%s  [%s]\n", (int) row->depth * 2, "", names, row->vessel->id);
    }
  return RAMUS_CLI_OK;
}

static int
atlas_show (AtlasCall *a)
{
  RamusAtlas *atlas = a->atlas;
  RamusLang lang = a->lang;
  g_autoptr(GPtrArray) path = NULL;
  g_autoptr(GString) chain = NULL;
  g_autofree char *names = NULL;
  const RamusVessel *v;

  v = resolve_vessel (atlas, a->argv[1], lang);
  if (v == NULL)
    return RAMUS_CLI_BAD_INPUT;

  if (a->o.json)
    {
      g_autoptr(JsonNode) node = ramus_atlas_json_vessel (atlas, v);
      ramus_cli_print_json (node);
      return RAMUS_CLI_OK;
    }

  names = format_names (v, lang);
  printf ("%s\n", names);
  for (guint l = 0; l < RAMUS_N_LANGS; l++)
    if (l != lang)
      printf ("  %s\n", v->names[l]);
  printf ("\n");
  print_wrapped (_("Id:"), v->id);
  path = ramus_atlas_path (atlas, v, RAMUS_SIDE_RIGHT, NULL);
  chain = g_string_new (NULL);
  for (guint i = 0; i < path->len; i++)
    g_string_append_printf (chain, "%s%s", i ? " › " : "",
                            ramus_vessel_get_name (g_ptr_array_index (path, i), lang));
  print_wrapped (_("Path:"), chain->str);
  {
    const RamusSource *s = ramus_atlas_lookup_source (atlas, v->diameter_source);
    g_autofree char *diameter = g_strdup_printf (_("%.1f–%.1f mm (%s)"), v->diameter_min, v->diameter_max,
                                                 s ? s->id : v->diameter_source);
    print_wrapped (_("Diameter:"), diameter);
  }
  print_wrapped (_("Territory:"), v->territory[lang]);
  print_wrapped (_("Notes:"), v->notes[lang]);
  print_wrapped ("FMA:", v->fma);
  print_wrapped ("UBERON:", v->uberon);
  print_wrapped ("TA98:", v->ta98 ? v->ta98 : v->ta_term);
  print_wrapped ("HRA-VCCF:", v->hra_parent_note[lang]);
  printf ("%s\n", _("Sources:"));
  for (guint i = 0; v->sources[i]; i++)
    {
      const RamusSource *s = ramus_atlas_lookup_source (atlas, v->sources[i]);
      printf ("  [%s] %s%s%s\n", v->sources[i], s ? s->citation : "",
              s && s->doi ? " doi:" : "", s && s->doi ? s->doi : "");
    }
  return RAMUS_CLI_OK;
}

static int
atlas_search (AtlasCall *a)
{
  RamusAtlas *atlas = a->atlas;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *query = NULL;
  const char *region_id = NULL;

  if (a->o.region)
    {
      const RamusRegion *region = resolve_region (atlas, a->o.region, a->lang);
      if (region == NULL)
        return RAMUS_CLI_BAD_INPUT;
      region_id = region->id;
    }

  query = g_strjoinv (" ", a->argv + 1);
  hits = ramus_atlas_search (atlas, query, region_id, a->o.limit);
  if (a->o.json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      for (guint i = 0; i < hits->len; i++)
        {
          const RamusSearchHit *hit = g_ptr_array_index (hits, i);
          JsonNode *node = ramus_atlas_json_vessel (atlas, hit->vessel);
          json_object_set_double_member (json_node_get_object (node), "score", hit->score);
          json_object_set_string_member (json_node_get_object (node), "matched", hit->matched);
          json_array_add_element (array, node);
        }
      ramus_cli_print_json_array (array);
      return RAMUS_CLI_OK;
    }
  if (hits->len == 0)
    {
      fprintf (stderr, "%s\n", _("No vessel matches."));
      return RAMUS_CLI_OK;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      const RamusSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *names = format_names (hit->vessel, a->lang);
      g_autofree char *padded = ramus_cli_pad (names, 48);
      printf ("%s [%s]  %s\n", padded, hit->vessel->id, hit->matched);
    }
  return RAMUS_CLI_OK;
}

static int
atlas_path (AtlasCall *a)
{
  RamusAtlas *atlas = a->atlas;
  g_autoptr(GPtrArray) path = NULL;
  const RamusVessel *v;

  v = resolve_vessel (atlas, a->argv[1], a->lang);
  if (v == NULL)
    return RAMUS_CLI_BAD_INPUT;
  if (!ramus_atlas_vessel_present (v, a->variant))
    return ramus_cli_fail (_("“%s” exists only in some anatomical variants; choose one with --variant"), v->id);

  path = ramus_atlas_path (atlas, v, a->side, a->variant);
  if (a->o.json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      for (guint i = 0; i < path->len; i++)
        json_array_add_element (array, ramus_atlas_json_vessel (atlas, g_ptr_array_index (path, i)));
      ramus_cli_print_json_array (array);
      return RAMUS_CLI_OK;
    }
  for (guint i = 0; i < path->len; i++)
    {
      g_autofree char *names = format_names (g_ptr_array_index (path, i), a->lang);
      printf ("%*s%s\n", (int) i * 2, "", names);
    }
  return RAMUS_CLI_OK;
}

static int
atlas_variants (AtlasCall *a)
{
  RamusAtlas *atlas = a->atlas;
  g_autoptr(GPtrArray) variants = ramus_atlas_get_variants (atlas, NULL);

  if (a->o.json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      for (guint i = 0; i < variants->len; i++)
        json_array_add_element (array, ramus_atlas_json_variant (atlas, g_ptr_array_index (variants, i)));
      ramus_cli_print_json_array (array);
      return RAMUS_CLI_OK;
    }
  for (guint i = 0; i < variants->len; i++)
    {
      const RamusVariant *v = g_ptr_array_index (variants, i);
      g_autoptr(GString) freq = g_string_new (NULL);
      for (guint f = 0; f < v->frequencies->len; f++)
        {
          const RamusFrequency *fr = &g_array_index (v->frequencies, RamusFrequency, f);
          g_string_append_printf (freq, "%s%.1f%% (%s)", f ? ", " : "", fr->percent, fr->source);
        }
      printf ("%-16s %s%s  %s\n", v->id, v->names[a->lang], v->is_default ? " *" : "", freq->str);
    }
  return RAMUS_CLI_OK;
}

/* Each command states only what differs: its words for --help, its
 * options and the arguments it takes (@n_args, or at least that many when
 * @more_args). @args_error says what is missing; without it a surplus
 * argument is named. */
typedef struct
{
  const char *name;
  int (*run) (AtlasCall *a);
  const char *summary;
  const char *parameter;
  const char *description;
  gboolean tree_options;
  gboolean search_options;
  int n_args;
  gboolean more_args;
  const char *args_error;
} AtlasCommand;

static const AtlasCommand commands[] = {
  { "regions", atlas_regions, N_("list the body regions"),
    "", N_("List the body regions of the atlas."), FALSE, FALSE, 0, FALSE, NULL },
  { "list", atlas_list, N_("list a region’s vessels as a tree"),
    N_("REGION"), N_("List the vessels of a region as a tree, from the aorta down."), TRUE, FALSE, 1, FALSE,
    N_("expected one REGION") },
  { "show", atlas_show, N_("show one vessel in full"),
    N_("VESSEL"), N_("Show one vessel. VESSEL is an id or any name, abbreviation or synonym "
                     "in English, Traditional or Simplified Chinese, case-insensitive."), FALSE, FALSE, 1, FALSE,
    N_("expected one VESSEL (quote a name with spaces)") },
  { "search", atlas_search, N_("search vessels by any name, ranked"),
    N_("QUERY"), N_("Search vessels by name, abbreviation or synonym in any language; ranked, "
                    "substrings match and a typo in English is forgiven."), FALSE, TRUE, 1, TRUE,
    N_("expected a QUERY") },
  { "path", atlas_path, N_("the chain from the aorta to a vessel"),
    N_("VESSEL"), N_("Print the chain of vessels from the aorta down to VESSEL."), TRUE, FALSE, 1, FALSE,
    N_("expected one VESSEL (quote a name with spaces)") },
  { "variants", atlas_variants, N_("anatomical variants and their frequencies"),
    "", N_("List the anatomical variants (hepatic arteries: Michels types I–X) with their frequencies."),
    FALSE, FALSE, 0, FALSE, NULL },
};

/* The prologue every command shares: options, arguments, then the atlas
 * and what the options name in it. */
static int
run_command (const AtlasCommand *cmd,
             int                 argc,
             char              **argv)
{
  g_auto(AtlasCall) a = { .o.limit = 20, .side = RAMUS_SIDE_RIGHT };
  g_autoptr(GOptionContext) context =
    new_context (cmd->parameter, cmd->description, &a.o, cmd->tree_options, cmd->search_options);
  int n, status = 0;

  if (!ramus_cli_parse (context, &argc, &argv, &status))
    return status;
  n = argc - 1;
  if (n < cmd->n_args || (n > cmd->n_args && !cmd->more_args))
    return cmd->args_error ? ramus_cli_usage_error (context, "%s", _(cmd->args_error))
                           : ramus_cli_usage_error (context, _("unexpected argument “%s”"), argv[1]);
  if (a.o.limit < 0)
    return ramus_cli_usage_error (context, _("--limit must not be negative"));
  a.atlas = ramus_cli_atlas ();
  a.lang = ramus_cli_lang (a.o.lang);
  if (cmd->tree_options && !resolve_tree_options (a.atlas, &a.o, context, &a.side, &a.variant, &status))
    return status;
  a.argv = argv;
  return cmd->run (&a);
}

static void
print_atlas_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: ramus atlas COMMAND [OPTION…]"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Each command takes --help and --json."));
}

int
ramus_cli_atlas_main (int    argc,
                      char **argv)
{
  if (argc < 2)
    {
      print_atlas_usage (stderr);
      return RAMUS_CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_atlas_usage (stdout);
      return RAMUS_CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("ramus atlas %s", commands[i].name);
        g_set_prgname (prgname);
        return run_command (&commands[i], argc - 1, argv + 1);
      }
  fprintf (stderr, _("ramus: unknown atlas command “%s”"), argv[1]);
  fprintf (stderr, "\n\n");
  print_atlas_usage (stderr);
  return RAMUS_CLI_USAGE;
}
