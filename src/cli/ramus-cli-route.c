/* ramus-cli-route.c — `ramus access list` and `ramus route`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cli-route"

#include "config.h"

#include "ramus-cli.h"
#include "ramus-atlas-json.h"
#include "ramus-route.h"
#include "ramus-warnings.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

static const char *
access_name (const RamusAccessSite *a,
             RamusLang              lang)
{
  return a->names[lang] ? a->names[lang] : a->names[RAMUS_LANG_EN];
}

static const char *
side_word (RamusSide side)
{
  return side == RAMUS_SIDE_LEFT ? _("left") : _("right");
}

/* --- ramus access list -------------------------------------------------- */

static int
access_list (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  g_autofree char *lang_name = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_name, N_("Language of names in text output: en, zh_TW or zh_CN"), "LANG" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("");
  RamusAtlas *atlas;
  RamusLang lang;
  int status = 0;

  g_option_context_set_summary (context, _("List the arterial access sites: the vessel punctured, the "
                                           "direction of travel and the usual sheath size."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ramus_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return ramus_cli_usage_error (context, _("unexpected argument “%s”"), argv[1]);
  atlas = ramus_cli_atlas ();
  lang = ramus_cli_lang (lang_name);

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < ramus_atlas_get_n_access_sites (atlas); i++)
        {
          const RamusAccessSite *a = ramus_atlas_get_access_site (atlas, i);
          JsonNode *node = ramus_atlas_json_access (atlas, a);
          json_object_set_boolean_member (json_node_get_object (node), "arm", ramus_route_access_is_arm (atlas, a));
          json_array_add_element (array, node);
        }
      ramus_cli_print_json_array (array);
      return RAMUS_CLI_OK;
    }
  for (guint i = 0; i < ramus_atlas_get_n_access_sites (atlas); i++)
    {
      const RamusAccessSite *a = ramus_atlas_get_access_site (atlas, i);
      const RamusVessel *v = ramus_atlas_lookup (atlas, a->vessel);
      g_autofree char *sheath = g_strdup_printf (_("%g–%g F"), a->sheath_min, a->sheath_max);

      printf ("%-18s %-6s %-14s %-9s %s — %s\n", a->id, a->abbr ? a->abbr : "", a->direction, sheath,
              access_name (a, lang), v ? ramus_vessel_get_name (v, lang) : a->vessel);
    }
  return RAMUS_CLI_OK;
}

static int
access_main (int    argc,
             char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      FILE *out = argc < 2 ? stderr : stdout;
      fprintf (out, "%s\n\n", _("Usage: ramus access COMMAND [OPTION…]"));
      fprintf (out, "  %-10s %s\n", "list", _("list the arterial access sites"));
      fprintf (out, "\n%s\n", _("Each command takes --help and --json."));
      return argc < 2 ? RAMUS_CLI_USAGE : RAMUS_CLI_OK;
    }
  if (g_str_equal (argv[1], "list"))
    {
      g_set_prgname ("ramus access list");
      return access_list (argc - 1, argv + 1);
    }
  fprintf (stderr, _("ramus: unknown access command “%s”"), argv[1]);
  fprintf (stderr, "\n");
  return RAMUS_CLI_USAGE;
}

int
ramus_cli_access_main (int    argc,
                       char **argv)
{
  return access_main (argc, argv);
}

/* --- ramus route -------------------------------------------------------- */

static const RamusVessel *
resolve_target (RamusAtlas *atlas,
                const char *name,
                RamusLang   lang)
{
  const RamusVessel *v = ramus_atlas_lookup (atlas, name);
  g_autoptr(GPtrArray) near = NULL;
  g_autoptr(GString) list = NULL;

  if (v)
    return v;
  near = ramus_atlas_suggest (atlas, name, 3);
  list = g_string_new (NULL);
  for (guint i = 0; i < near->len; i++)
    {
      const RamusVessel *s = g_ptr_array_index (near, i);
      g_string_append_printf (list, "%s%s (%s)", i ? ", " : "", ramus_vessel_get_name (s, lang), s->id);
    }
  if (near->len > 0)
    ramus_cli_fail (_("unknown vessel “%s”. Did you mean: %s?"), name, list->str);
  else
    ramus_cli_fail (_("unknown vessel “%s”"), name);
  return NULL;
}

static void
print_sources (RamusAtlas *atlas,
               GPtrArray  *ids)
{
  if (ids->len == 0)
    return;
  printf ("%s\n", _("Sources:"));
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const RamusSource *s = ramus_warnings_lookup_source (atlas, id);
      printf ("  [%s] %s%s%s\n", id, s ? s->citation : "", s && s->doi ? " doi:" : "", s && s->doi ? s->doi : "");
    }
}

static void
print_route (const RamusRoute *route,
             RamusAtlas       *atlas,
             RamusLang         lang)
{
  printf (_("%s (%s) → %s, %s side\n"), access_name (route->access, lang), side_word (route->puncture_side),
          ramus_vessel_get_name (route->target, lang), side_word (route->side));
  for (guint i = 0; i < route->steps->len; i++)
    {
      const RamusRouteStep *step = &g_array_index (route->steps, RamusRouteStep, i);
      g_autofree char *length = step->length_known
        ? g_strdup_printf (_("%.1f cm"), round (step->length_mm * route->height_cm / RAMUS_ROUTE_REFERENCE_HEIGHT_CM) / 10.0)
        : g_strdup (_("length unknown"));
      g_autofree char *name = ramus_cli_pad (ramus_vessel_get_name (step->vessel, lang), 52);
      printf ("  %2u. %s %-10s %s\n", i + 1, name, ramus_route_step_direction_to_string (step->direction), length);
    }
  printf (_("Length:        about %.1f cm (estimate from typical segment lengths, scaled to %.0f cm height)%s\n"),
          route->length_cm, route->height_cm, route->length_complete ? "" : _(" — incomplete"));
  printf (_("Smallest lumen: %.1f mm (%s)\n"), route->min_diameter_mm, ramus_vessel_get_name (route->narrowest, lang));
  printf (_("Branch points: %u\n"), route->branch_points);
  if (route->max_working_length_cm > 0)
    printf (_("Checked against: %.0f cm microcatheter working length\n"), route->max_working_length_cm);
  if (route->feasible)
    printf ("%s\n", _("Feasible:      yes"));
  else
    printf (_("Feasible:      no — %s\n"), route->reason);
  if (route->warnings->len > 0)
    {
      printf ("%s\n", _("Warnings:"));
      for (guint i = 0; i < route->warnings->len; i++)
        printf ("  • %s\n", (const char *) g_ptr_array_index (route->warnings, i));
    }
  print_sources (atlas, route->sources);
}

/* @puncture_side: a RamusSide to list only the accesses punctured on that
 * side, or -1 for all. */
static int
route_compare (RamusAtlas         *atlas,
               const char         *region_id,
               RamusSide           side,
               int                 puncture_side,
               const RamusVessel  *target,
               const RamusVariant *variant,
               double              height_cm,
               gboolean            json,
               RamusLang           lang)
{
  g_autoptr(GPtrArray) options = ramus_route_compare (atlas, region_id, side, target, variant, height_cm);

  for (guint i = options->len; puncture_side >= 0 && i > 0; i--)
    if ((int) ((RamusRouteOption *) g_ptr_array_index (options, i - 1))->puncture_side != puncture_side)
      g_ptr_array_remove_index (options, i - 1);

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_new ();

      for (guint i = 0; i < options->len; i++)
        {
          const RamusRouteOption *o = g_ptr_array_index (options, i);
          JsonNode *node;

          if (o->route)
            node = ramus_route_to_json (o->route, atlas);
          else
            {
              JsonObject *obj = json_object_new ();
              json_object_set_string_member (obj, "access", o->access->id);
              json_object_set_string_member (obj, "puncture_side", o->puncture_side == RAMUS_SIDE_LEFT ? "left" : "right");
              json_object_set_boolean_member (obj, "feasible", FALSE);
              json_object_set_string_member (obj, "reason", o->refusal);
              node = json_node_new (JSON_NODE_OBJECT);
              json_node_take_object (node, obj);
            }
          json_array_add_element (array, node);
        }
      ramus_cli_print_json_array (array);
      return RAMUS_CLI_OK;
    }

  printf (_("Accesses to the %s, %s side (lengths are estimates):\n"), ramus_vessel_get_name (target, lang),
          side_word (side));
  for (guint i = 0; i < options->len; i++)
    {
      const RamusRouteOption *o = g_ptr_array_index (options, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", o->access->abbr ? o->access->abbr : o->access->id,
                                                side_word (o->puncture_side));

      if (o->route == NULL)
        printf ("  %-20s %s\n", label, o->refusal);
      else if (o->route->feasible)
        {
          g_autofree char *points = g_strdup_printf (ngettext ("%u branch point", "%u branch points",
                                                               o->route->branch_points),
                                                     o->route->branch_points);
          printf (_("  %-20s %6.1f cm  %-16s narrowest %.1f mm%s\n"), label, o->route->length_cm, points,
                  o->route->min_diameter_mm,
                  o->route->antegrade_injection ? _("  (antegrade injection at the puncture)") : "");
        }
      else
        printf (_("  %-20s %6.1f cm  not feasible: %s\n"), label, o->route->length_cm, o->route->reason);
    }
  return RAMUS_CLI_OK;
}

int
ramus_cli_route_main (int    argc,
                      char **argv)
{
  gboolean json = FALSE, compare = FALSE;
  g_autofree char *region_name = NULL, *side_name = NULL, *access_id = NULL, *target_name = NULL;
  g_autofree char *variant_id = NULL, *puncture_side_name = NULL, *lang_name = NULL;
  double height_cm = NAN;
  const GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region_name, N_("Body region (see “ramus atlas regions”)"), "REGION" },
    { "side", 0, 0, G_OPTION_ARG_STRING, &side_name, N_("Side of the target: left or right"), "SIDE" },
    { "access", 0, 0, G_OPTION_ARG_STRING, &access_id, N_("Access site (see “ramus access list”)"), "ACCESS" },
    { "puncture-side", 0, 0, G_OPTION_ARG_STRING, &puncture_side_name,
      N_("Side punctured: left or right (default: the target’s side; the other groin for the contralateral "
         "approach)"), "SIDE" },
    /* The option's first name, kept for scripts. */
    { "access-side", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &puncture_side_name, NULL, "SIDE" },
    { "target", 0, 0, G_OPTION_ARG_STRING, &target_name, N_("Target vessel: id or any name"), "VESSEL" },
    { "height-cm", 0, 0, G_OPTION_ARG_DOUBLE, &height_cm, N_("Patient height in cm (100–230); lengths are scaled from 170 cm"), "H" },
    { "variant", 0, 0, G_OPTION_ARG_STRING, &variant_id, N_("Anatomical variant, e.g. michels-3"), "ID" },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &compare, N_("Compare every access site side by side"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_name, N_("Language of names in text output: en, zh_TW or zh_CN"), "LANG" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("");
  g_autoptr(RamusRoute) route = NULL;
  g_autoptr(GError) error = NULL;
  const RamusRegion *region;
  const RamusAccessSite *access = NULL;
  const RamusVessel *target;
  const RamusVariant *variant = NULL;
  RamusAtlas *atlas;
  RamusLang lang;
  int side, puncture_side = -1, status = 0;

  g_option_context_set_summary (context,
                                _("The route from an access site to a target vessel: the vessels in order "
                                  "from the puncture, an estimated length, the smallest lumen, the branch "
                                  "points and whether standard catheters reach. With --compare, every "
                                  "access site side by side."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ramus_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return ramus_cli_usage_error (context, _("unexpected argument “%s”"), argv[1]);
  if (region_name == NULL || side_name == NULL || target_name == NULL || (access_id == NULL && !compare))
    return ramus_cli_usage_error (context, _("--region, --side, --target and --access (or --compare) are required"));
  if (!ramus_cli_parse_side (side_name, &side))
    return ramus_cli_usage_error (context, _("--side takes left or right, not “%s”"), side_name);
  if (puncture_side_name && !ramus_cli_parse_side (puncture_side_name, &puncture_side))
    return ramus_cli_usage_error (context, _("--puncture-side takes left or right, not “%s”"), puncture_side_name);

  atlas = ramus_cli_atlas ();
  lang = ramus_cli_lang (lang_name);
  region = ramus_atlas_lookup_region (atlas, region_name);
  if (region == NULL)
    return ramus_cli_fail (_("unknown region “%s” (“ramus atlas regions” lists them)"), region_name);
  target = resolve_target (atlas, target_name, lang);
  if (target == NULL)
    return RAMUS_CLI_BAD_INPUT;
  if (variant_id)
    {
      variant = ramus_atlas_lookup_variant (atlas, variant_id);
      if (variant == NULL)
        return ramus_cli_fail (_("unknown variant “%s” (“ramus atlas variants” lists them)"), variant_id);
    }
  if (!isnan (height_cm) && (height_cm < 100 || height_cm > 230))
    return ramus_cli_fail (_("--height-cm %g is out of range: give the height in centimetres, 100 to 230"), height_cm);

  if (compare)
    return route_compare (atlas, region->id, side, puncture_side_name ? puncture_side : -1, target, variant,
                          height_cm, json, lang);

  access = ramus_atlas_lookup_access_site (atlas, access_id);
  if (access == NULL)
    return ramus_cli_fail (_("unknown access site “%s” (“ramus access list” lists them)"), access_id);
  if (puncture_side_name == NULL)
    puncture_side = ramus_route_default_puncture_side (access, side);

  route = ramus_route_new_full (atlas, region->id, side, access, puncture_side, target, variant, height_cm, &error);
  if (route == NULL)
    return ramus_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) node = ramus_route_to_json (route, atlas);
      ramus_cli_print_json (node);
    }
  else
    print_route (route, atlas, lang);

  /* Printed either way, so a script sees the details; refused all the same. */
  if (!route->feasible)
    return ramus_cli_fail (_("not feasible: %s"), route->reason);
  return RAMUS_CLI_OK;
}
