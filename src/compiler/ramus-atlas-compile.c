/* ramus-atlas-compile.c — build-time tool: the data/atlas sources -> atlas.sqlite
 *
 * Usage: ramus-atlas-compile (--check | -o ATLAS.sqlite) HRA-VESSEL.csv FILE.atlas…
 * Prints every error as file:line: message and exits 1 if there was any.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-atlas-compile"

#include "ramus-atlas-compiler.h"

#include <locale.h>
#include <stdio.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RamusAtlasCompiler) compiler = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  gboolean check_only = FALSE;
  GPtrArray *errors;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check_only, "Only check the sources", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the atlas database here", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("HRA-VESSEL.csv FILE.atlas…");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "ramus-atlas-compile: %s\n", error->message);
      return 2;
    }
  if (argc < 3 || (!check_only && output == NULL))
    {
      fprintf (stderr, "usage: ramus-atlas-compile (--check | -o ATLAS.sqlite) HRA-VESSEL.csv FILE.atlas…\n");
      return 2;
    }

  compiler = ramus_atlas_compiler_new ();
  if (!ramus_atlas_compiler_load_hra (compiler, argv[1], &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  for (int i = 2; i < argc; i++)
    if (!ramus_atlas_compiler_add_file (compiler, argv[i], &error))
      {
        fprintf (stderr, "%s\n", error->message);
        return 1;
      }

  ramus_atlas_compiler_check (compiler);
  errors = ramus_atlas_compiler_get_errors (compiler);
  for (guint i = 0; i < errors->len; i++)
    fprintf (stderr, "%s\n", (char *) g_ptr_array_index (errors, i));
  if (errors->len > 0)
    {
      fprintf (stderr, "ramus-atlas-compile: %u error%s\n", errors->len, errors->len == 1 ? "" : "s");
      return 1;
    }

  if (!check_only && !ramus_atlas_compiler_write (compiler, output, &error))
    {
      fprintf (stderr, "ramus-atlas-compile: %s\n", error->message);
      return 1;
    }

  if (check_only)
    printf ("atlas ok: %u vessels, %u regions, %u access sites, %u variants, %u sources\n",
            ramus_atlas_compiler_count (compiler, "vessel"),
            ramus_atlas_compiler_count (compiler, "region"),
            ramus_atlas_compiler_count (compiler, "access"),
            ramus_atlas_compiler_count (compiler, "variant"),
            ramus_atlas_compiler_count (compiler, "source"));
  return 0;
}
