/* ramus-cli-case.c — `ramus case list|show|export|import|export-csv|delete|
 * cohort|chart`: the case library from the command line, and the library
 * figures of `ramus bench`
 *
 * Every command takes `--library FILE`; without it the global `ramus
 * --library FILE case …`, and without that the default library
 * ($XDG_DATA_HOME/ramus/cases.sqlite).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cli-case"

#include "config.h"

#include "ramus-cli.h"
#include "ramus-cohort.h"
#include "ramus-store.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct
{
  char *library;
  gboolean json;
  char *output;
  gboolean anonymise;
  char *search;
  char *region;
  char *template_id;
  char *sort;
  int limit;
  gboolean replace;
  gboolean new_id;
  char *score;
  char *theme;
  int width;
  int height;
} CaseOptions;

static void
case_options_clear (CaseOptions *o)
{
  g_free (o->library);
  g_free (o->output);
  g_free (o->search);
  g_free (o->region);
  g_free (o->template_id);
  g_free (o->sort);
  g_free (o->score);
  g_free (o->theme);
}

/* A command line as every command gets it: parsed and checked. */
typedef struct
{
  CaseOptions o;
  GOptionContext *context;         /* for the command's own usage errors */
  RamusThemeId theme;              /* of the chart options */
  int argc;
  char **argv;                     /* the command's name, then its arguments */
} CaseCall;

static void
case_call_clear (CaseCall *c)
{
  case_options_clear (&c->o);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CaseCall, case_call_clear)

typedef enum
{
  WITH_OUTPUT = 1 << 0,
  WITH_ANONYMISE = 1 << 1,
  WITH_FILTERS = 1 << 2,
  WITH_LIST = 1 << 3,
  WITH_IMPORT = 1 << 4,
  WITH_CHART = 1 << 5,
} OptionGroups;

static GOptionContext *
new_context (const char   *parameter,
             const char   *summary,
             CaseOptions  *o,
             OptionGroups  groups)
{
  GOptionContext *context = g_option_context_new (parameter);
  const GOptionEntry common[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &o->library,
      N_("The case library (default $XDG_DATA_HOME/ramus/cases.sqlite)"), "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o->json, N_("Print JSON instead of text"), NULL },
    { NULL }
  };
  const GOptionEntry output[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output, N_("Write to FILE instead of standard output"), "FILE" },
    { NULL }
  };
  const GOptionEntry anonymise[] = {
    { "anonymise", 0, 0, G_OPTION_ARG_NONE, &o->anonymise,
      N_("Drop the pseudonym, id and notes; dates become days from the procedure"), NULL },
    { "anonymize", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &o->anonymise, NULL, NULL },
    { NULL }
  };
  const GOptionEntry filters[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &o->region, N_("Only cases of this region (e.g. knee)"), "REGION" },
    { "template", 0, 0, G_OPTION_ARG_STRING, &o->template_id,
      N_("Only cases of this procedure (e.g. knee-gae)"), "TEMPLATE" },
    { NULL }
  };
  const GOptionEntry list[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &o->search,
      N_("Only cases matching these words (pseudonym, region, indication, procedure, vessel, date)"), "TEXT" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &o->sort,
      N_("Order: modified (default), date, pseudonym or region"), "KEY" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &o->limit, N_("At most this many cases"), "N" },
    { NULL }
  };
  const GOptionEntry import[] = {
    { "replace", 0, 0, G_OPTION_ARG_NONE, &o->replace, N_("Overwrite a case that has the same id"), NULL },
    { "new-id", 0, 0, G_OPTION_ARG_NONE, &o->new_id, N_("Import every case under a new id (a copy)"), NULL },
    { NULL }
  };
  const GOptionEntry chart[] = {
    { "score", 0, 0, G_OPTION_ARG_STRING, &o->score, N_("The score to chart: vas, nrs, womac, ases, quickdash, "
                                                        "afp_ng_ml or pivka_ii_mau_ml"), "SCORE" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &o->theme, N_("Chart colours: light (default), dark or print"), "THEME" },
    { "width", 0, 0, G_OPTION_ARG_INT, &o->width, N_("Chart width in pixels or points (default 800)"), "N" },
    { "height", 0, 0, G_OPTION_ARG_INT, &o->height, N_("Chart height in pixels or points (default 480)"), "N" },
    { NULL }
  };

  g_option_context_set_summary (context, _(summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, common, GETTEXT_PACKAGE);
  if (groups & WITH_OUTPUT)
    g_option_context_add_main_entries (context, output, GETTEXT_PACKAGE);
  if (groups & WITH_ANONYMISE)
    g_option_context_add_main_entries (context, anonymise, GETTEXT_PACKAGE);
  if (groups & WITH_FILTERS)
    g_option_context_add_main_entries (context, filters, GETTEXT_PACKAGE);
  if (groups & WITH_LIST)
    g_option_context_add_main_entries (context, list, GETTEXT_PACKAGE);
  if (groups & WITH_IMPORT)
    g_option_context_add_main_entries (context, import, GETTEXT_PACKAGE);
  if (groups & WITH_CHART)
    g_option_context_add_main_entries (context, chart, GETTEXT_PACKAGE);
  return context;
}

static char *
library_path (const CaseOptions *o)
{
  if (o->library)
    return g_strdup (o->library);
  if (ramus_cli_get_library ())
    return g_strdup (ramus_cli_get_library ());
  return ramus_store_get_default_path ();
}

/* Opens the library; @create for commands that add cases. NULL with the
 * message printed (and *missing set when there is simply no library yet). */
static RamusStore *
open_store (const CaseOptions *o,
            gboolean           create,
            gboolean          *missing)
{
  g_autofree char *path = library_path (o);
  g_autoptr(GError) error = NULL;
  RamusStore *store;

  store = ramus_store_open (path, create ? RAMUS_STORE_OPEN_DEFAULT : RAMUS_STORE_OPEN_NO_CREATE, &error);
  if (store == NULL)
    {
      if (missing)
        *missing = g_error_matches (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND);
      if (missing == NULL || !*missing)
        ramus_cli_fail ("%s", error->message);
    }
  return store;
}

/* The cases @query selects, and in *@store_out the library when there is
 * one; none when there is no library yet. NULL, with the message printed,
 * when the library cannot be opened or read. */
static GPtrArray *
list_cases (const CaseOptions      *o,
            const RamusStoreQuery  *query,
            RamusStore            **store_out)
{
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean missing = FALSE;
  GPtrArray *items;

  store = open_store (o, FALSE, &missing);
  if (store == NULL)
    return missing ? g_ptr_array_new () : NULL;
  items = ramus_store_list (store, query, &error);
  if (items == NULL)
    ramus_cli_fail ("%s", error->message);
  *store_out = g_steal_pointer (&store);
  return items;
}

static gboolean
check_filters (const CaseOptions *o,
               GOptionContext    *context,
               int               *status)
{
  if (o->region && !g_strv_contains (ramus_case_allowed_values ("region"), o->region))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) ramus_case_allowed_values ("region"));
      *status = ramus_cli_fail (_("unknown region “%s” (one of: %s)"), o->region, list);
      return FALSE;
    }
  if (o->template_id && ramus_case_lookup_template (o->template_id) == NULL)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) ramus_case_allowed_values ("template"));
      *status = ramus_cli_fail (_("unknown procedure template “%s” (one of: %s)"), o->template_id, list);
      return FALSE;
    }
  return TRUE;
}

static void
add_string_member (JsonBuilder *b,
                   const char  *key,
                   const char  *value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value);
}

static void
add_int_member (JsonBuilder *b,
                const char  *key,
                gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static JsonNode *
item_to_json (const RamusStoreItem *item)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string_member (b, "id", item->id);
  add_string_member (b, "pseudonym", item->pseudonym);
  add_string_member (b, "region", item->region);
  add_string_member (b, "side", item->side);
  add_string_member (b, "indication", item->indication);
  add_string_member (b, "template", item->template_id);
  add_string_member (b, "procedure_date", item->procedure_date);
  add_string_member (b, "created", item->created);
  add_string_member (b, "modified", item->modified);
  add_int_member (b, "targets", item->n_targets);
  add_int_member (b, "followups", item->n_followups);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
case_list (CaseCall *c)
{
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  RamusStoreQuery query = { 0 };

  if (c->o.limit < 0)
    return ramus_cli_usage_error (c->context, _("--limit takes a number of cases, 0 or more, not %d"), c->o.limit);
  query.text = c->o.search;
  query.region = c->o.region;
  query.template_id = c->o.template_id;
  query.limit = c->o.limit;
  if (c->o.sort == NULL || g_str_equal (c->o.sort, "modified"))
    query.sort = RAMUS_STORE_SORT_MODIFIED;
  else if (g_str_equal (c->o.sort, "date"))
    query.sort = RAMUS_STORE_SORT_PROCEDURE_DATE;
  else if (g_str_equal (c->o.sort, "pseudonym"))
    {
      query.sort = RAMUS_STORE_SORT_PSEUDONYM;
      query.ascending = TRUE;
    }
  else if (g_str_equal (c->o.sort, "region"))
    {
      query.sort = RAMUS_STORE_SORT_REGION;
      query.ascending = TRUE;
    }
  else
    return ramus_cli_usage_error (c->context, _("--sort takes modified, date, pseudonym or region, not “%s”"),
                                  c->o.sort);

  items = list_cases (&c->o, &query, &store);
  if (items == NULL)
    return RAMUS_CLI_BAD_INPUT;

  if (c->o.json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      for (guint i = 0; i < items->len; i++)
        json_array_add_element (array, item_to_json (g_ptr_array_index (items, i)));
      ramus_cli_print_json_array (array);
      return RAMUS_CLI_OK;
    }
  if (items->len > 0)
    {
      const char *headings[] = { _("ID"), _("PSEUDONYM"), _("REGION"), _("SIDE"), _("PROCEDURE"), _("DATE") };
      const int widths[] = { 8, 20, 12, 5, 17, 10 };
      for (guint h = 0; h < G_N_ELEMENTS (headings); h++)
        {
          g_autofree char *padded = ramus_cli_pad (headings[h], widths[h]);
          printf ("%s  ", padded);
        }
      printf ("%s\n", _("VISITS"));
    }
  for (guint i = 0; i < items->len; i++)
    {
      const RamusStoreItem *item = g_ptr_array_index (items, i);
      printf ("%-8.8s  %-20s  %-12s  %-5s  %-17s  %-10s  %u\n", item->id, item->pseudonym, item->region, item->side,
              item->template_id ? item->template_id : "—", item->procedure_date ? item->procedure_date : "—",
              item->n_followups);
    }
  printf (ngettext ("%u case\n", "%u cases\n", items->len), items->len);
  return RAMUS_CLI_OK;
}

static gboolean
one_case_argument (GOptionContext  *context,
                   int              argc,
                   char           **argv,
                   int             *status)
{
  if (argc < 2)
    *status = ramus_cli_usage_error (context, _("which case? Give its id or pseudonym"));
  else if (argc > 2)
    *status = ramus_cli_usage_error (context, _("unexpected argument “%s”"), argv[2]);
  return argc == 2;
}

/* Opens the library and loads the case a command-line argument names. */
static RamusCase *
load_named_case (const CaseOptions  *o,
                 const char         *name,
                 RamusStore        **store_out)
{
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  RamusCase *kase;
  gboolean missing = FALSE;

  store = open_store (o, FALSE, &missing);
  if (store == NULL)
    {
      if (missing)
        {
          g_autofree char *path = library_path (o);
          ramus_cli_fail (_("there is no case library at “%s”"), path);
        }
      return NULL;
    }
  id = ramus_store_resolve_id (store, name, &error);
  if (id == NULL)
    {
      ramus_cli_fail ("%s", error->message);
      return NULL;
    }
  kase = ramus_store_load_case (store, id, &error);
  if (kase == NULL)
    ramus_cli_fail ("%s", error->message);
  if (store_out)
    *store_out = g_steal_pointer (&store);
  return kase;
}

static void
print_field (const char *label,
             const char *value)
{
  if (value && *value)
    {
      g_autofree char *padded = ramus_cli_pad (label, 16);
      printf ("  %s %s\n", padded, value);
    }
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

static char *
format_scores (const RamusScores *scores)
{
  GString *text = g_string_new (NULL);

  for (guint s = 0; s < RAMUS_N_SCORES; s++)
    if (!isnan (scores->values[s]))
      {
        const RamusScoreInfo *info = ramus_score_get_info (s);
        g_autofree char *value = format_number (scores->values[s]);
        g_string_append_printf (text, "%s%s %s%s%s", text->len ? ", " : "", ramus_score_info_get_name (info), value,
                                *info->unit ? " " : "", info->unit);
      }
  return g_string_free (text, FALSE);
}

static int
case_show (CaseCall *c)
{
  g_autoptr(RamusCase) kase = NULL;
  g_autofree char *baseline = NULL;
  const RamusCaseTemplate *tmpl;
  const RamusIndication *indication;

  kase = load_named_case (&c->o, c->argv[1], NULL);
  if (kase == NULL)
    return RAMUS_CLI_BAD_INPUT;

  if (c->o.json)
    {
      g_autofree char *text = ramus_case_to_json (kase, TRUE);
      printf ("%s\n", text);
      return RAMUS_CLI_OK;
    }

  tmpl = kase->template_id ? ramus_case_lookup_template (kase->template_id) : NULL;
  indication = kase->indication.id ? ramus_indication_lookup (kase->indication.id) : NULL;
  printf ("%s\n", kase->pseudonym ? kase->pseudonym : "");
  print_field (_("id"), kase->id);
  print_field (_("region"), kase->region);
  print_field (_("side"), kase->side == RAMUS_SIDE_LEFT ? _("left") : _("right"));
  print_field (_("indication"), indication ? ramus_indication_get_name (indication) : kase->indication.id);
  if (tmpl)
    {
      g_autofree char *line = g_strdup_printf ("%s (%s; %s %s)", ramus_case_template_get_name (tmpl), tmpl->id,
                                               _("sources:"), tmpl->sources);
      print_field (_("procedure"), line);
    }
  print_field (_("procedure date"), kase->procedure_date);
  print_field (_("access"), kase->access);
  /* Only when the case records one; else the access's usual side applies. */
  if (kase->puncture_side)
    print_field (_("puncture side"), g_str_equal (kase->puncture_side, "left") ? _("left")
                                     : g_str_equal (kase->puncture_side, "right") ? _("right") : kase->puncture_side);
  for (guint i = 0; i < kase->targets->len; i++)
    {
      const RamusTarget *t = &g_array_index (kase->targets, RamusTarget, i);
      g_autofree char *line = NULL;
      g_autofree char *volume = isnan (t->planned_volume_ml) ? NULL : format_number (t->planned_volume_ml);

      line = g_strdup_printf ("%u. %s%s%s%s%s", i + 1, t->vessel, t->embolic ? ", " : "", t->embolic ? t->embolic : "",
                              volume ? ", " : "", volume ? volume : "");
      if (volume)
        {
          g_autofree char *with_unit = g_strdup_printf ("%s mL", line);
          g_free (line);
          line = g_steal_pointer (&with_unit);
        }
      print_field (i == 0 ? _("targets") : "", line);
    }
  baseline = format_scores (&kase->baseline);
  print_field (_("baseline"), baseline);
  for (guint i = 0; i < kase->followups->len; i++)
    {
      const RamusFollowup *f = &g_array_index (kase->followups, RamusFollowup, i);
      g_autofree char *scores = format_scores (&f->scores);
      g_autofree char *when = f->date ? g_strdup (f->date) : g_strdup_printf (_("day %d"), f->day);
      g_autofree char *line = g_strdup_printf ("%s: %s%s%s", when, scores, f->mrecist ? _(", mRECIST ") : "",
                                               f->mrecist ? f->mrecist : "");
      print_field (i == 0 ? _("follow-up") : "", line);
    }
  print_field (_("notes"), kase->notes);
  print_field (_("modified"), kase->modified);
  return RAMUS_CLI_OK;
}

/* Writes @text to @path (atomically) or standard output when NULL or "-". */
static gboolean
write_output (const char *path,
              const char *text,
              gsize       length)
{
  g_autoptr(GError) error = NULL;

  if (path == NULL || g_str_equal (path, "-"))
    {
      fwrite (text, 1, length, stdout);
      return TRUE;
    }
  if (!g_file_set_contents (path, text, length, &error))
    {
      ramus_cli_fail ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
case_export (CaseCall *c)
{
  g_autoptr(RamusCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pseudonym = NULL;

  kase = load_named_case (&c->o, c->argv[1], NULL);
  if (kase == NULL)
    return RAMUS_CLI_BAD_INPUT;
  pseudonym = g_strdup (kase->pseudonym);
  if (c->o.anonymise && !ramus_case_anonymise (kase, &error))
    return ramus_cli_fail (_("cannot anonymise “%s”: %s"), pseudonym, error->message);

  text = ramus_case_to_json (kase, TRUE);
  {
    g_autofree char *line = g_strconcat (text, "\n", NULL);
    if (!write_output (c->o.output, line, strlen (line)))
      return RAMUS_CLI_BAD_INPUT;
  }
  if (c->o.output && !g_str_equal (c->o.output, "-"))
    fprintf (stderr, c->o.anonymise ? _("Exported “%s”, anonymised, to %s\n") : _("Exported “%s” to %s\n"),
             pseudonym, c->o.output);
  return RAMUS_CLI_OK;
}

static int
case_import (CaseCall *c)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_case_free);
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(GError) error = NULL;
  RamusStoreImportFlags flags = RAMUS_STORE_IMPORT_DEFAULT;
  RamusAtlas *atlas;

  if (c->o.replace && c->o.new_id)
    return ramus_cli_usage_error (c->context, _("--replace and --new-id cannot be used together"));
  flags |= c->o.replace ? RAMUS_STORE_IMPORT_REPLACE : 0;
  flags |= c->o.new_id ? RAMUS_STORE_IMPORT_NEW_ID : 0;

  /* Every file is read and validated before the library is touched. */
  atlas = ramus_cli_atlas ();
  for (int i = 1; i < c->argc; i++)
    {
      g_autoptr(RamusCase) kase = ramus_case_load (c->argv[i], &error);
      g_autoptr(GPtrArray) problems = NULL;

      if (kase == NULL)
        {
          ramus_cli_fail ("%s", error->message);
          return ramus_cli_fail (_("nothing was imported"));
        }
      problems = ramus_case_check (kase, atlas);
      if (problems->len > 0)
        {
          for (guint p = 0; p < problems->len; p++)
            ramus_cli_fail ("%s: %s", c->argv[i], ((RamusCaseProblem *) g_ptr_array_index (problems, p))->message);
          return ramus_cli_fail (_("nothing was imported"));
        }
      g_ptr_array_add (cases, g_steal_pointer (&kase));
    }

  store = open_store (&c->o, TRUE, NULL);
  if (store == NULL)
    return RAMUS_CLI_BAD_INPUT;
  if (!ramus_store_import_cases (store, cases, flags, &error))
    {
      if (g_error_matches (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_EXISTS))
        return ramus_cli_fail (_("%s (--replace overwrites it, --new-id imports a copy)"), error->message);
      return ramus_cli_fail ("%s", error->message);
    }

  if (c->o.json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < cases->len; i++)
        {
          const RamusCase *kase = g_ptr_array_index (cases, i);
          json_builder_begin_object (b);
          add_string_member (b, "id", kase->id);
          add_string_member (b, "pseudonym", kase->pseudonym);
          add_string_member (b, "file", c->argv[i + 1]);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      ramus_cli_print_json (root);
      return RAMUS_CLI_OK;
    }
  for (guint i = 0; i < cases->len; i++)
    {
      const RamusCase *kase = g_ptr_array_index (cases, i);
      printf (_("Imported “%s” (%s) from %s\n"), kase->pseudonym, kase->id, c->argv[i + 1]);
    }
  return RAMUS_CLI_OK;
}

/* One CSV field, quoted as RFC 4180 requires. */
static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  if (value && strpbrk (value, "\",\r\n"))
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (value)
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
csv_number (GString *out,
            double   value)
{
  g_autofree char *text = isnan (value) ? NULL : format_number (value);
  csv_field (out, text, FALSE);
}

static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* The rows of one case: its baseline, then one a visit. */
static void
csv_case (GString         *out,
          const RamusCase *kase,
          guint            number,
          gboolean         anonymous)
{
  GDate procedure;
  gboolean dated = parse_iso_date (kase->procedure_date, &procedure);

  for (int v = -1; v < (int) kase->followups->len; v++)
    {
      const RamusFollowup *f = v >= 0 ? &g_array_index (kase->followups, RamusFollowup, v) : NULL;
      const RamusScores *scores = f ? &f->scores : &kase->baseline;
      g_autofree char *visit = f ? g_strdup_printf ("%d", v + 1) : g_strdup ("baseline");
      g_autofree char *day = NULL;
      GDate date;

      if (f && f->date && dated && parse_iso_date (f->date, &date))
        day = g_strdup_printf ("%d", g_date_days_between (&procedure, &date));
      else if (f && f->date == NULL && f->day != G_MININT)
        day = g_strdup_printf ("%d", f->day);

      if (anonymous)
        {
          g_autofree char *n = g_strdup_printf ("%u", number);
          csv_field (out, n, FALSE);
        }
      else
        {
          csv_field (out, kase->id, FALSE);
          csv_field (out, kase->pseudonym, FALSE);
        }
      csv_field (out, kase->region, FALSE);
      csv_field (out, kase->side == RAMUS_SIDE_LEFT ? "left" : "right", FALSE);
      csv_field (out, kase->indication.id, FALSE);
      csv_field (out, kase->template_id, FALSE);
      if (!anonymous)
        csv_field (out, kase->procedure_date, FALSE);
      csv_field (out, visit, FALSE);
      if (!anonymous)
        csv_field (out, f ? f->date : NULL, FALSE);
      csv_field (out, day, FALSE);
      for (guint s = 0; s < RAMUS_N_SCORES; s++)
        csv_number (out, scores->values[s]);
      csv_field (out, f ? f->mrecist : NULL, TRUE);
    }
}

static int
case_export_csv (CaseCall *c)
{
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  RamusStoreQuery query = { .sort = RAMUS_STORE_SORT_PROCEDURE_DATE, .ascending = TRUE };

  query.region = c->o.region;
  query.template_id = c->o.template_id;

  items = list_cases (&c->o, &query, &store);
  if (items == NULL)
    return RAMUS_CLI_BAD_INPUT;

  if (!c->o.anonymise)
    g_string_append (out, "case_id,pseudonym,");
  else
    g_string_append (out, "case,");
  g_string_append (out, "region,side,indication,template,");
  if (!c->o.anonymise)
    g_string_append (out, "procedure_date,visit,date,");
  else
    g_string_append (out, "visit,");
  g_string_append (out, "day");
  for (guint s = 0; s < RAMUS_N_SCORES; s++)
    g_string_append_printf (out, ",%s", ramus_score_get_info (s)->key);
  g_string_append (out, ",mrecist\r\n");

  for (guint i = 0; i < items->len; i++)
    {
      const RamusStoreItem *item = g_ptr_array_index (items, i);
      g_autoptr(RamusCase) kase = ramus_store_load_case (store, item->id, &error);

      if (kase == NULL)
        return ramus_cli_fail ("%s", error->message);
      csv_case (out, kase, i + 1, c->o.anonymise);
    }
  if (!write_output (c->o.output, out->str, out->len))
    return RAMUS_CLI_BAD_INPUT;
  if (c->o.output && !g_str_equal (c->o.output, "-"))
    fprintf (stderr, ngettext ("Wrote %u case to %s\n", "Wrote %u cases to %s\n", items->len), items->len, c->o.output);
  return RAMUS_CLI_OK;
}

static int
case_delete (CaseCall *c)
{
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(RamusCase) kase = NULL;
  g_autoptr(RamusCase) deleted = NULL;
  g_autoptr(GError) error = NULL;

  kase = load_named_case (&c->o, c->argv[1], &store);
  if (kase == NULL)
    return RAMUS_CLI_BAD_INPUT;
  deleted = ramus_store_delete_case (store, kase->id, &error);
  if (deleted == NULL)
    return ramus_cli_fail ("%s", error->message);
  if (c->o.json)
    {
      g_autofree char *text = ramus_case_to_json (deleted, TRUE);
      printf ("%s\n", text);
    }
  else
    printf (_("Deleted “%s” (%s)\n"), deleted->pseudonym, deleted->id);
  return RAMUS_CLI_OK;
}

/* ---- follow-up statistics and charts ---- */

static gboolean
parse_score (const char *text,
             RamusScore *score)
{
  if (text && ramus_score_from_key (text, score))
    return TRUE;
  ramus_cli_fail (_("--score takes vas, nrs, womac, ases, quickdash, afp_ng_ml or pivka_ii_mau_ml, not “%s”"),
                  text ? text : "");
  return FALSE;
}

typedef void (*DrawFunc) (cairo_t *cr, double width, double height, gpointer data);

/* Draws to PNG, SVG or PDF by the file's extension. */
static gboolean
write_chart (const char *path,
             int         width,
             int         height,
             DrawFunc    draw,
             gpointer    data)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  draw (cr, width, height, data);
  cairo_destroy (cr);
  if (g_str_has_suffix (lower, ".png"))
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      ramus_cli_fail (_("could not write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_chart_options (CaseOptions    *o,
                     GOptionContext *context,
                     RamusThemeId   *theme,
                     int            *status)
{
  g_autofree char *lower = o->output ? g_ascii_strdown (o->output, -1) : NULL;

  if (o->width == 0)
    o->width = 800;
  if (o->height == 0)
    o->height = 480;
  if (o->width < 200 || o->width > 8000 || o->height < 150 || o->height > 8000)
    {
      *status = ramus_cli_usage_error (context, _("the chart must be 200–8000 wide and 150–8000 high, not %d×%d"),
                                       o->width, o->height);
      return FALSE;
    }
  if (!ramus_theme_from_string (o->theme ? o->theme : "light", theme))
    {
      *status = ramus_cli_usage_error (context, _("--theme takes light, dark or print, not “%s”"), o->theme);
      return FALSE;
    }
  if (lower && !g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg") &&
      !g_str_has_suffix (lower, ".pdf"))
    {
      *status = ramus_cli_usage_error (context, _("the chart file must end in .png, .svg or .pdf"));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const RamusCohort *cohort;
  const RamusCase *kase;
  RamusScore score;
  RamusThemeId theme;
} ChartData;

static void
draw_cohort_cb (cairo_t  *cr,
                double    width,
                double    height,
                gpointer  data)
{
  ChartData *d = data;
  ramus_cohort_draw (d->cohort, cr, width, height, d->score, d->theme, NULL);
}

static void
draw_case_cb (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  data)
{
  ChartData *d = data;
  ramus_cohort_draw_case (d->kase, cr, width, height, d->score, d->theme, NULL);
}

static JsonNode *
cohort_to_json (const RamusCohort *cohort)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string_member (b, "region", cohort->region);
  add_string_member (b, "template", cohort->template_id);
  add_int_member (b, "cases", cohort->n_cases);
  json_builder_set_member_name (b, "windows_days");
  json_builder_begin_object (b);
  for (guint t = 1; t < RAMUS_N_TIMEPOINTS; t++)
    {
      const RamusTimepointInfo *info = ramus_timepoint_get_info (t);
      json_builder_set_member_name (b, info->key);
      json_builder_begin_array (b);
      json_builder_add_int_value (b, info->first_day);
      json_builder_add_int_value (b, info->last_day);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "scores");
  json_builder_begin_object (b);
  for (guint s = 0; s < RAMUS_N_SCORES; s++)
    {
      if (!ramus_cohort_has_score (cohort, s))
        continue;
      json_builder_set_member_name (b, ramus_score_get_info (s)->key);
      json_builder_begin_object (b);
      for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
        {
          const RamusCohortCell *cell = &cohort->cells[s][t];
          json_builder_set_member_name (b, ramus_timepoint_get_info (t)->key);
          json_builder_begin_object (b);
          add_int_member (b, "n", cell->n);
          if (cell->n > 0)
            {
              json_builder_set_member_name (b, "median");
              json_builder_add_double_value (b, cell->median);
              json_builder_set_member_name (b, "q1");
              json_builder_add_double_value (b, cell->q1);
              json_builder_set_member_name (b, "q3");
              json_builder_add_double_value (b, cell->q3);
            }
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
case_cohort (CaseCall *c)
{
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(RamusCohort) cohort = NULL;
  g_autoptr(GError) error = NULL;
  RamusScore score = RAMUS_SCORE_VAS;

  if (c->o.score && !parse_score (c->o.score, &score))
    return RAMUS_CLI_BAD_INPUT;
  if (c->o.output && c->o.score == NULL)
    return ramus_cli_usage_error (c->context, _("-o draws one score: give --score"));

  store = open_store (&c->o, FALSE, NULL);
  if (store == NULL)
    return RAMUS_CLI_BAD_INPUT;
  cohort = ramus_cohort_new_from_store (store, c->o.region, c->o.template_id, &error);
  if (cohort == NULL)
    return ramus_cli_fail ("%s", error->message);

  if (c->o.output)
    {
      ChartData data = { cohort, NULL, score, c->theme };
      if (!write_chart (c->o.output, c->o.width, c->o.height, draw_cohort_cb, &data))
        return RAMUS_CLI_BAD_INPUT;
    }
  if (c->o.json)
    {
      g_autoptr(JsonNode) root = cohort_to_json (cohort);
      ramus_cli_print_json (root);
      return RAMUS_CLI_OK;
    }
  if (c->o.output)
    return RAMUS_CLI_OK;

  printf (ngettext ("%u case with scores", "%u cases with scores", cohort->n_cases), cohort->n_cases);
  printf (" (%s, %s)\n", c->o.region ? c->o.region : _("every region"),
          c->o.template_id ? c->o.template_id : _("every procedure"));
  printf ("%s", _("Visits counted (days from the procedure):"));
  for (guint t = 1; t < RAMUS_N_TIMEPOINTS; t++)
    {
      const RamusTimepointInfo *info = ramus_timepoint_get_info (t);
      printf (" %s %d–%d%s", ramus_timepoint_get_name (t), info->first_day, info->last_day,
              t + 1 < RAMUS_N_TIMEPOINTS ? ";" : "\n");
    }
  for (guint s = 0; s < RAMUS_N_SCORES; s++)
    {
      if (!ramus_cohort_has_score (cohort, s) || (c->o.score && s != score))
        continue;
      printf ("\n%s — %s\n", ramus_score_info_get_name (ramus_score_get_info (s)), _("median (IQR), n"));
      for (guint t = 0; t < RAMUS_N_TIMEPOINTS; t++)
        {
          const RamusCohortCell *cell = &cohort->cells[s][t];
          if (cell->n == 0)
            printf ("  %-10s %s\n", ramus_timepoint_get_name (t), "—");
          else
            printf ("  %-10s %g (%g–%g), n = %u\n", ramus_timepoint_get_name (t), cell->median, cell->q1, cell->q3,
                    cell->n);
        }
    }
  return RAMUS_CLI_OK;
}

static int
case_chart (CaseCall *c)
{
  g_autoptr(RamusCase) kase = NULL;
  RamusScore score;

  if (c->o.output == NULL || c->o.score == NULL)
    return ramus_cli_usage_error (c->context, _("give the score (--score) and the file to draw it to (-o)"));
  if (!parse_score (c->o.score, &score))
    return RAMUS_CLI_BAD_INPUT;
  kase = load_named_case (&c->o, c->argv[1], NULL);
  if (kase == NULL)
    return RAMUS_CLI_BAD_INPUT;
  {
    ChartData data = { NULL, kase, score, c->theme };
    if (!write_chart (c->o.output, c->o.width, c->o.height, draw_case_cb, &data))
      return RAMUS_CLI_BAD_INPUT;
  }
  return RAMUS_CLI_OK;
}

/* ---- dispatch ---- */

typedef enum
{
  ARGS_NONE,
  ARGS_ONE_CASE,
  ARGS_FILES,
} CaseArguments;

/* Each command states only what differs: its words for --help, its option
 * groups and the arguments it takes. */
typedef struct
{
  const char *name;
  int (*run) (CaseCall *c);
  const char *summary;
  const char *parameter;
  const char *description;
  OptionGroups groups;
  CaseArguments arguments;
} CaseCommand;

static const CaseCommand commands[] = {
  { "list", case_list, N_("list and search the cases"),
    "", N_("List the cases of the library, newest first."), WITH_FILTERS | WITH_LIST, ARGS_NONE },
  { "show", case_show, N_("show one case"),
    N_("ID"), N_("Show one case: by id, the start of its id, or its pseudonym."), 0, ARGS_ONE_CASE },
  { "export", case_export, N_("write a case as a JSON case file (--anonymise)"),
    N_("ID"), N_("Write one case as a versioned JSON case file (docs/case-format.md)."),
    WITH_OUTPUT | WITH_ANONYMISE, ARGS_ONE_CASE },
  { "import", case_import, N_("add JSON case files to the library, all or none"),
    N_("FILE.json…"), N_("Add case files to the library: all of them, or — when one is malformed, invalid, from "
                         "a newer Ramus or already in the library — none."), WITH_IMPORT, ARGS_FILES },
  { "export-csv", case_export_csv, N_("write cases and follow-up scores as CSV, one row a visit"),
    "", N_("Write the cases and their follow-up scores as CSV (RFC 4180): a header, then one row a visit, "
           "the baseline first."), WITH_OUTPUT | WITH_ANONYMISE | WITH_FILTERS, ARGS_NONE },
  { "delete", case_delete, N_("delete a case"),
    N_("ID"), N_("Delete one case. With --json the deleted case is printed, so “ramus case import” can put "
                 "it back."), 0, ARGS_ONE_CASE },
  { "cohort", case_cohort, N_("follow-up medians and n at baseline, 1, 3, 6, 12 months; charts"),
    "", N_("Follow-up of a cohort: median, interquartile range and n of each score at baseline, 1, 3, 6 "
           "and 12 months; -o draws one score’s chart."), WITH_FILTERS | WITH_OUTPUT | WITH_CHART, ARGS_NONE },
  { "chart", case_chart, N_("draw one case’s score over time"),
    N_("ID"), N_("Draw one score of one case over time to PNG, SVG or PDF."), WITH_OUTPUT | WITH_CHART,
    ARGS_ONE_CASE },
};

/* The prologue every command shares: options, arguments, then the checks
 * of the filter and chart options it has. */
static int
run_command (const CaseCommand *cmd,
             int                argc,
             char             **argv)
{
  g_auto(CaseCall) c = { 0 };
  g_autoptr(GOptionContext) context =
    new_context (*cmd->parameter ? _(cmd->parameter) : "", cmd->description, &c.o, cmd->groups);
  int status = 0;

  if (!ramus_cli_parse (context, &argc, &argv, &status))
    return status;
  if (cmd->arguments == ARGS_NONE && argc > 1)
    return ramus_cli_usage_error (context, _("unexpected argument “%s”"), argv[1]);
  if (cmd->arguments == ARGS_ONE_CASE && !one_case_argument (context, argc, argv, &status))
    return status;
  if (cmd->arguments == ARGS_FILES && argc < 2)
    return ramus_cli_usage_error (context, _("which files? Give one or more case files (.json)"));
  if ((cmd->groups & WITH_FILTERS) && !check_filters (&c.o, context, &status))
    return status;
  if ((cmd->groups & WITH_CHART) && !check_chart_options (&c.o, context, &c.theme, &status))
    return status;
  c.context = context;
  c.argc = argc;
  c.argv = argv;
  return cmd->run (&c);
}

static void
print_case_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: ramus [--library FILE] case COMMAND [OPTION…]"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Each command takes --help, --json and --library FILE (default "
                            "$XDG_DATA_HOME/ramus/cases.sqlite)."));
}

int
ramus_cli_case_main (int    argc,
                     char **argv)
{
  if (argc < 2)
    {
      print_case_usage (stderr);
      return RAMUS_CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_case_usage (stdout);
      return RAMUS_CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("ramus case %s", commands[i].name);
        g_set_prgname (prgname);
        return run_command (&commands[i], argc - 1, argv + 1);
      }
  fprintf (stderr, _("ramus: unknown case command “%s”"), argv[1]);
  fprintf (stderr, "\n\n");
  print_case_usage (stderr);
  return RAMUS_CLI_USAGE;
}

/* ---- `ramus bench`: a generated library of fictional cases ---- */

static double
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median_of (GArray *samples)
{
  guint n = samples->len;

  if (n == 0)
    return NAN;
  g_array_sort (samples, compare_doubles);
  return n % 2 ? g_array_index (samples, double, n / 2)
               : (g_array_index (samples, double, n / 2 - 1) + g_array_index (samples, double, n / 2)) / 2;
}

/* A fictional case of a template: targets drawn from the region's feeders
 * in the atlas, scores of the region at baseline and @visits visits. */
static RamusCase *
generate_case (const RamusCaseTemplate *tmpl,
               GPtrArray               *feeders,
               GRand                   *rand,
               guint                    number,
               guint                    visits)
{
  static const int visit_days[] = { 7, 30, 91, 182, 365, 540 };
  RamusCase *c = ramus_case_new_from_template (tmpl->id);
  g_autofree char *pseudonym = g_strdup_printf ("BN-%05u", number);
  g_autoptr(GDateTime) day0 = g_date_time_new_utc (2019 + g_rand_int_range (rand, 0, 7),
                                                    g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                                                    0, 0, 0);
  g_autofree char *procedure = g_date_time_format (day0, "%Y-%m-%d");
  guint n_targets = feeders->len ? 1 + g_rand_int_range (rand, 0, MIN (3, feeders->len)) : 0;

  ramus_case_set_string (&c->pseudonym, pseudonym);
  ramus_case_set_string (&c->procedure_date, procedure);
  c->side = g_rand_boolean (rand) ? RAMUS_SIDE_LEFT : RAMUS_SIDE_RIGHT;
  for (guint t = 0; t < n_targets; t++)
    {
      const RamusVessel *v = g_ptr_array_index (feeders, g_rand_int_range (rand, 0, feeders->len));
      ramus_case_add_target (c, v->id, tmpl->embolic);
    }
  for (guint s = 0; s < RAMUS_N_SCORES; s++)
    if (ramus_score_in_region (s, tmpl->region))
      {
        const RamusScoreInfo *info = ramus_score_get_info (s);
        double top = info->max < G_MAXDOUBLE ? info->max : 1000;
        c->baseline.values[s] = round (g_rand_double_range (rand, top * 0.5, top));
      }
  for (guint i = 0; i < visits && i < G_N_ELEMENTS (visit_days); i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_days (day0, visit_days[i] + g_rand_int_range (rand, -3, 4));
      g_autofree char *date = g_date_time_format (when, "%Y-%m-%d");
      RamusFollowup *f = ramus_case_add_followup (c, date);

      for (guint s = 0; s < RAMUS_N_SCORES; s++)
        if (!isnan (c->baseline.values[s]))
          f->scores.values[s] = round (c->baseline.values[s] * g_rand_double_range (rand, 0.2, 1.0));
    }
  return c;
}

static gboolean
generate_library (RamusStore *store,
                  guint       n_cases,
                  guint       visits,
                  GError    **error)
{
  RamusAtlas *atlas = ramus_cli_atlas ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_case_free);
  guint n_templates = ramus_case_get_n_templates ();
  g_autoptr(GPtrArray) feeders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint t = 0; t < n_templates; t++)
    {
      const RamusCaseTemplate *tmpl = ramus_case_get_template (t);
      g_autoptr(GArray) rows = ramus_atlas_region_tree (atlas, tmpl->region, RAMUS_SIDE_RIGHT, NULL);
      GPtrArray *list = g_ptr_array_new ();

      for (guint i = 0; rows && i < rows->len; i++)
        {
          const RamusTreeRow *row = &g_array_index (rows, RamusTreeRow, i);
          if (row->vessel->kind == RAMUS_VESSEL_FEEDER)
            g_ptr_array_add (list, (gpointer) row->vessel);
        }
      g_ptr_array_add (feeders, list);
    }
  for (guint i = 0; i < n_cases; i++)
    {
      guint t = i % n_templates;
      g_ptr_array_add (cases, generate_case (ramus_case_get_template (t), g_ptr_array_index (feeders, t),
                                             rand, i + 1, visits));
    }
  return ramus_store_import_cases (store, cases, RAMUS_STORE_IMPORT_DEFAULT, error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/**
 * ramus_cli_case_bench:
 * @open_ms: (out): median time to open the library and list every case
 * @search_ms: (out): median time of one search keystroke
 *
 * Builds a library of 10,000 fictional cases of 5 visits each in a
 * temporary folder, then times opening it and listing everything, and
 * searches typed one key at a time.
 */
gboolean
ramus_cli_case_bench (gboolean  quick,
                      double   *open_ms,
                      double   *search_ms)
{
  static const char * const typed[] = {
    "BN-04217", "lateral superior genicular", "2024-03", "knee left", "hepatic 2021", "capsulitis",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ramus-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean ok = FALSE;

  *open_ms = *search_ms = NAN;
  if (dir == NULL)
    {
      g_warning ("library bench: %s", error->message);
      return FALSE;
    }
  path = g_build_filename (dir, "cases.sqlite", NULL);
  {
    g_autoptr(RamusStore) store = ramus_store_open (path, 0, &error);
    if (store == NULL || !generate_library (store, 10000, 5, &error))
      {
        g_warning ("library bench: %s", error->message);
        goto out;
      }
  }

  for (guint r = 0; r < (quick ? 3u : 7u); r++)
    {
      g_autoptr(RamusStore) store = NULL;
      g_autoptr(GPtrArray) items = NULL;
      double t0 = now_ms ();

      store = ramus_store_open (path, RAMUS_STORE_OPEN_NO_CREATE, &error);
      if (store)
        items = ramus_store_list (store, NULL, &error);
      if (items == NULL)
        {
          g_warning ("library bench: %s", error->message);
          goto out;
        }
      t0 = now_ms () - t0;
      g_array_append_val (opens, t0);
      if (items->len != 10000)
        {
          g_warning ("library bench: listed %u cases of 10000", items->len);
          goto out;
        }
    }

  {
    g_autoptr(RamusStore) store = ramus_store_open (path, RAMUS_STORE_OPEN_NO_CREATE, &error);

    if (store == NULL)
      {
        g_warning ("library bench: %s", error->message);
        goto out;
      }
    for (guint q = 0; q < G_N_ELEMENTS (typed); q++)
      for (gsize len = 1; len <= strlen (typed[q]); len++)
        {
          g_autofree char *prefix = g_strndup (typed[q], len);
          RamusStoreQuery query = { .text = prefix };
          g_autoptr(GPtrArray) items = NULL;
          double t0 = now_ms ();

          items = ramus_store_list (store, &query, &error);
          t0 = now_ms () - t0;
          if (items == NULL)
            {
              g_warning ("library bench: %s", error->message);
              goto out;
            }
          g_array_append_val (keys, t0);
        }
  }
  *open_ms = median_of (opens);
  *search_ms = median_of (keys);
  ok = TRUE;

out:
  remove_tree (dir);
  return ok;
}
