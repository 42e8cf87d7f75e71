/* ramus-cli-main.c — the headless commands without GTK linked, so tests
 * can prove the CLI needs no display (the real `ramus` binary runs the
 * same code)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ramus-cli.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RAMUS_LOCALEDIR") ? g_getenv ("RAMUS_LOCALEDIR") : BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!ramus_cli_handles (argc, argv))
    {
      const char *help[] = { argv[0], "--help", NULL };
      ramus_cli_run (2, (char **) help);
      return RAMUS_CLI_USAGE;
    }
  return ramus_cli_run (argc, argv);
}
