/* ramus-cli-plan.c — `ramus plan check FILE.json`: validate a case file
 * and print what Ramus proposes for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cli-plan"

#include "config.h"

#include "ramus-cli.h"
#include "ramus-plan.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

static const char *
severity_label (RamusSeverity severity)
{
  switch (severity)
    {
    case RAMUS_SEVERITY_DANGER:
      return _("DANGER");
    case RAMUS_SEVERITY_CAUTION:
      return _("caution");
    case RAMUS_SEVERITY_INFO:
    default:
      return _("note");
    }
}

static void
add_source_ids (GPtrArray    *ids,
                char * const *sources)
{
  for (guint i = 0; sources && sources[i]; i++)
    if (!g_ptr_array_find_with_equal_func (ids, sources[i], g_str_equal, NULL))
      g_ptr_array_add (ids, sources[i]);
}

static void
print_plan (RamusPlan *plan,
            RamusLang  lang)
{
  RamusAtlas *atlas = ramus_plan_get_atlas (plan);
  const RamusCase *c = ramus_plan_get_case (plan);
  GPtrArray *candidates = ramus_plan_get_candidates (plan);
  GPtrArray *doses = ramus_plan_get_doses (plan);
  GPtrArray *warnings = ramus_plan_get_warnings (plan);
  g_autoptr(GPtrArray) sources = g_ptr_array_new ();

  printf (_("Case %s: %s, %s side\n"), c->pseudonym ? c->pseudonym : "?", c->region,
          c->side == RAMUS_SIDE_LEFT ? _("left") : _("right"));
  printf ("%s\n", _("The case file is valid."));
  if (c->access)
    {
      const RamusAccessSite *a = ramus_atlas_lookup_access_site (atlas, c->access);
      const char *name = a ? (a->names[lang] ? a->names[lang] : a->names[RAMUS_LANG_EN]) : c->access;

      printf (ramus_plan_get_puncture_side (plan) == RAMUS_SIDE_LEFT ? _("Access: %s — %s, punctured on the left\n")
                                                                     : _("Access: %s — %s, punctured on the right\n"),
              c->access, name);
    }
  else
    printf ("%s\n", _("Access: not chosen"));

  printf ("\n%s\n", _("Targets and routes:"));
  if (ramus_plan_get_n_targets (plan) == 0)
    printf ("  %s\n", _("none planned"));
  for (guint i = 0; i < ramus_plan_get_n_targets (plan); i++)
    {
      const RamusPlanTarget *pt = ramus_plan_get_target (plan, i);
      const RamusTarget *t = &g_array_index (c->targets, RamusTarget, i);

      printf ("  %u. %s — %s", i + 1, pt->vessel ? ramus_vessel_get_name (pt->vessel, lang) : t->vessel,
              t->embolic ? t->embolic : _("no embolic"));
      if (!isnan (t->planned_volume_ml))
        printf (_(", %g mL"), t->planned_volume_ml);
      printf ("\n");
      if (pt->route)
        {
          g_autoptr(GString) chain = g_string_new (NULL);
          for (guint s = 0; s < pt->route->steps->len; s++)
            g_string_append_printf (chain, "%s%s", s ? " › " : "",
                                    ramus_vessel_get_name (g_array_index (pt->route->steps, RamusRouteStep, s).vessel, lang));
          printf ("     %s\n", chain->str);
          g_autofree char *points = g_strdup_printf (ngettext ("%u branch point", "%u branch points",
                                                               pt->route->branch_points),
                                                     pt->route->branch_points);
          printf (_("     about %.1f cm (estimate), smallest lumen %.1f mm, %s%s\n"),
                  pt->route->length_cm, pt->route->min_diameter_mm, points,
                  pt->route->feasible ? "" : _(" — NOT FEASIBLE"));
          if (!pt->route->feasible)
            printf ("     %s\n", pt->route->reason);
          for (guint w = 0; w < pt->route->warnings->len; w++)
            printf ("     • %s\n", (const char *) g_ptr_array_index (pt->route->warnings, w));
          for (guint s = 0; s < pt->route->sources->len; s++)
            if (!g_ptr_array_find_with_equal_func (sources, g_ptr_array_index (pt->route->sources, s), g_str_equal, NULL))
              g_ptr_array_add (sources, g_ptr_array_index (pt->route->sources, s));
        }
      else
        printf (_("     no route: %s\n"), pt->refusal);
      if (pt->device_conflicts)
        {
          const RamusDeviceSet *p = &pt->proposed;
          printf (_("     devices proposed: %s, %s, %s, %s\n"),
                  p->sheath ? p->sheath->name : "—", p->catheter ? p->catheter->name : "—",
                  p->microcatheter ? p->microcatheter->name : "—", p->guidewire ? p->guidewire->name : "—");
          for (guint d = 0; d < pt->device_conflicts->len; d++)
            printf ("     ⚠ %s%s\n", pt->devices_chosen ? _("chosen devices: ") : "",
                    ((RamusDeviceConflict *) g_ptr_array_index (pt->device_conflicts, d))->message);
        }
    }

  if (candidates->len > 0 || ramus_plan_get_candidates_error (plan))
    {
      printf ("\n%s\n", _("Candidate feeders:"));
      if (ramus_plan_get_candidates_error (plan))
        printf ("  %s\n", ramus_plan_get_candidates_error (plan));
      for (guint i = 0; i < candidates->len; i++)
        {
          const RamusCandidate *cand = g_ptr_array_index (candidates, i);
          printf ("  %3.0f%%  %s — %s\n", 100 * cand->score, ramus_vessel_get_name (cand->vessel, lang), cand->reason);
        }
    }

  if (doses->len > 0)
    {
      printf ("\n%s\n", _("Doses:"));
      for (guint i = 0; i < doses->len; i++)
        {
          const RamusPlanDose *d = g_ptr_array_index (doses, i);
          if (d->result == NULL)
            {
              printf ("  %s: %s\n", d->what, d->error);
              continue;
            }
          printf ("  %s\n", d->result->title);
          if (d->result->formula)
            printf ("    %s\n", d->result->formula);
          if (d->result->working)
            printf ("    %s\n", d->result->working);
          for (guint s = 0; d->result->stages && s < d->result->stages->len; s++)
            {
              const RamusTaceStage *st = &g_array_index (d->result->stages, RamusTaceStage, s);
              printf ("    %d. %s: %s (%s)%s%s\n       %s\n", st->stage, st->target, ramus_embolic_label (st->embolic),
                      st->embolic, st->dose_text ? " — " : "", st->dose_text ? st->dose_text : "", st->description);
            }
          for (guint w = 0; d->result->warnings && w < d->result->warnings->len; w++)
            printf ("    ⚠ %s\n", (const char *) g_ptr_array_index (d->result->warnings, w));
          for (guint n = 0; d->result->notes && n < d->result->notes->len; n++)
            printf ("    • %s\n", (const char *) g_ptr_array_index (d->result->notes, n));
          add_source_ids (sources, d->result->sources);
        }
    }

  printf ("\n%s\n", _("Warnings:"));
  if (warnings->len == 0)
    printf ("  %s\n", _("none"));
  for (guint i = 0; i < warnings->len; i++)
    {
      const RamusWarning *w = g_ptr_array_index (warnings, i);
      printf ("  [%s] %s\n", severity_label (w->severity), w->message);
      add_source_ids (sources, w->sources);
    }

  if (sources->len > 0)
    {
      printf ("\n%s\n", _("Sources:"));
      for (guint i = 0; i < sources->len; i++)
        {
          const char *id = g_ptr_array_index (sources, i);
          const RamusSource *s = ramus_warnings_lookup_source (atlas, id);
          printf ("  [%s] %s%s%s\n", id, s ? s->citation : "", s && s->doi ? " doi:" : "", s && s->doi ? s->doi : "");
        }
    }
}

static int
plan_check (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  g_autofree char *lang_name = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_name, N_("Language of names in text output: en, zh_TW or zh_CN"), "LANG" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("FILE.json"));
  g_autoptr(RamusCase) c = NULL;
  g_autoptr(RamusPlan) plan = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  RamusAtlas *atlas;
  int status = 0;

  g_option_context_set_summary (context,
                                _("Validate a case file (docs/case-format.md) and print the routes, devices, "
                                  "doses and warnings Ramus proposes for it. A malformed or invalid file is "
                                  "refused with every problem found."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ramus_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return ramus_cli_usage_error (context, _("expected one FILE.json"));

  atlas = ramus_cli_atlas ();
  c = ramus_case_load (argv[1], &error);
  if (c == NULL)
    return ramus_cli_fail ("%s: %s", argv[1], error->message);
  problems = ramus_case_check (c, atlas);
  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        fprintf (stderr, "ramus: %s: %s\n", argv[1], ((RamusCaseProblem *) g_ptr_array_index (problems, i))->message);
      return RAMUS_CLI_BAD_INPUT;
    }

  plan = ramus_plan_new (atlas, c);
  if (json)
    {
      g_autoptr(JsonNode) node = ramus_plan_to_json (plan);
      ramus_cli_print_json (node);
    }
  else
    print_plan (plan, ramus_cli_lang (lang_name));
  return RAMUS_CLI_OK;
}

int
ramus_cli_plan_main (int    argc,
                     char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      FILE *out = argc < 2 ? stderr : stdout;
      fprintf (out, "%s\n\n", _("Usage: ramus plan COMMAND [OPTION…]"));
      fprintf (out, "  %-10s %s\n", "check", _("validate a case file and print its plan"));
      fprintf (out, "\n%s\n", _("Each command takes --help and --json."));
      return argc < 2 ? RAMUS_CLI_USAGE : RAMUS_CLI_OK;
    }
  if (g_str_equal (argv[1], "check"))
    {
      g_set_prgname ("ramus plan check");
      return plan_check (argc - 1, argv + 1);
    }
  fprintf (stderr, _("ramus: unknown plan command “%s”"), argv[1]);
  fprintf (stderr, "\n");
  return RAMUS_CLI_USAGE;
}
