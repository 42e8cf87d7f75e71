/* ramus-cli.c — dispatches `ramus SUBCOMMAND …` with no display and no GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cli"

#include "config.h"

#include "ramus-cli.h"
#include "ramus-atlas-json.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct
{
  const char *name;
  int (*main) (int argc, char **argv);
  const char *summary;
} Subcommand;

static const Subcommand subcommands[] = {
  { "atlas", ramus_cli_atlas_main, N_("Browse the atlas: regions, vessels, search, paths") },
  { "render", ramus_cli_render_main, N_("Draw a region’s roadmap to PNG, SVG or PDF") },
  { "bench", ramus_cli_bench_main, N_("Measure rendering, hit testing and memory") },
  { "case", ramus_cli_case_main, N_("The case library: list, show, export, import, CSV, delete") },
  { "access", ramus_cli_access_main, N_("List the arterial access sites") },
  { "route", ramus_cli_route_main, N_("The route from an access site to a target; compare accesses") },
  { "plan", ramus_cli_plan_main, N_("Check a case file and print its routes, devices, doses and warnings") },
  { "dose", ramus_cli_dose_main, N_("Body-surface area, doxorubicin, imipenem, Lipiodol and bead doses") },
  { "sheet", ramus_cli_sheet_main, N_("Write a case’s procedure sheet as a PDF") },
};

/* The global `--library FILE` (or `--library=FILE`) before the subcommand:
 * how many arguments it takes (0 when absent), and its value. */
static char *library_path;

static int
library_option (int          argc,
                char       **argv,
                const char **value)
{
  if (argc >= 2 && g_str_has_prefix (argv[1], "--library="))
    {
      *value = argv[1] + strlen ("--library=");
      return 1;
    }
  if (argc >= 3 && g_str_equal (argv[1], "--library"))
    {
      *value = argv[2];
      return 2;
    }
  return 0;
}

/* The case library the user chose with a global `--library FILE`, or NULL
 * for the default. */
const char *
ramus_cli_get_library (void)
{
  return library_path;
}

gboolean
ramus_cli_handles (int    argc,
                   char **argv)
{
  const char *library = NULL;
  int skip = library_option (argc, argv, &library);

  /* `ramus --library FILE` alone opens the window on that library. */
  argc -= skip;
  argv += skip;
  if (argc < 2)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return TRUE;
  return g_str_equal (argv[1], "help") || g_str_equal (argv[1], "--help") ||
         g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "--version");
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: ramus [SUBCOMMAND [OPTION…]]"));
  fprintf (out, "%s\n\n", _("With no subcommand, Ramus opens its window. Subcommands run without a display:"));
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    fprintf (out, "  %-10s %s\n", subcommands[i].name, _(subcommands[i].summary));
  fprintf (out, "\n%s\n", _("Global option: --library FILE, the case library to use (before the subcommand)."));
  fprintf (out, "%s\n", _("Run “ramus SUBCOMMAND --help” for the options of each."));
  fprintf (out, "%s\n", _("Exit status: 0 success, 1 bad input (message on standard error), 2 usage error."));
}

int
ramus_cli_run (int    argc,
               char **argv)
{
  const char *library = NULL;
  int skip = library_option (argc, argv, &library);
  const char *name;

  if (skip > 0)
    {
      g_free (library_path);
      library_path = g_strdup (library);
      argv[skip] = argv[0];
      argc -= skip;
      argv += skip;
    }
  name = argv[1];

  if (g_str_equal (name, "--version"))
    {
      printf ("ramus %s\n", PACKAGE_VERSION);
      return RAMUS_CLI_OK;
    }
  if (g_str_equal (name, "help") || g_str_equal (name, "--help") || g_str_equal (name, "-h"))
    {
      print_usage (stdout);
      return RAMUS_CLI_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (name, subcommands[i].name))
      return subcommands[i].main (argc - 1, argv + 1);

  print_usage (stderr);
  return RAMUS_CLI_USAGE;
}

RamusAtlas *
ramus_cli_atlas (void)
{
  g_autoptr(GError) error = NULL;
  RamusAtlas *atlas = ramus_atlas_get_default (&error);

  if (atlas == NULL)
    {
      fprintf (stderr, "ramus: %s\n", error->message);
      exit (RAMUS_CLI_BAD_INPUT);
    }
  return atlas;
}

void
ramus_cli_print_json (JsonNode *node)
{
  g_autofree char *text = ramus_json_to_string (node, TRUE);
  printf ("%s\n", text);
}

/* Prints @array as the command's JSON output. */
void
ramus_cli_print_json_array (JsonArray *array)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (root, array);
  ramus_cli_print_json (root);
}

int
ramus_cli_usage_error (GOptionContext *context,
                       const char     *format,
                       ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "ramus: %s\n", message);
  if (context)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      fprintf (stderr, "\n%s", help);
    }
  return RAMUS_CLI_USAGE;
}

int
ramus_cli_fail (const char *format,
                ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "ramus: %s\n", message);
  return RAMUS_CLI_BAD_INPUT;
}

/* Parses options; on a usage error prints it and sets *status to 2. */
gboolean
ramus_cli_parse (GOptionContext  *context,
                 int             *argc,
                 char          ***argv,
                 int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = ramus_cli_usage_error (context, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* @text followed by spaces up to @width terminal columns: Chinese
 * characters take two columns, so printf's byte counts would misalign. */
char *
ramus_cli_pad (const char *text,
               int         width)
{
  GString *out = g_string_new (text ? text : "");
  int columns = 0;

  for (const char *p = out->str; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iszerowidth (c))
        continue;
      columns += g_unichar_iswide (c) ? 2 : 1;
    }
  while (columns++ < width)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

gboolean
ramus_cli_parse_side (const char *text,
                      int        *side)
{
  if (text == NULL || g_ascii_strcasecmp (text, "right") == 0)
    *side = RAMUS_SIDE_RIGHT;
  else if (g_ascii_strcasecmp (text, "left") == 0)
    *side = RAMUS_SIDE_LEFT;
  else
    return FALSE;
  return TRUE;
}

RamusLang
ramus_cli_lang (const char *text)
{
  RamusLang lang;
  if (text && ramus_lang_from_string (text, &lang))
    return lang;
  return ramus_lang_for_locale ();
}
