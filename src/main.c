/* main.c — one binary: the window with no subcommand, the headless CLI
 * with one (`ramus atlas …`), so the CLI never needs a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ramus-cli.h"
#include "ramus-application.h"

/* Run from the build tree, Ramus finds its translations there. */
static const char *
locale_dir (void)
{
  g_autofree char *mo = g_build_filename (BUILD_LOCALEDIR, "zh_TW", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  const char *installed = LOCALEDIR;

  if (g_getenv ("RAMUS_LOCALEDIR"))
    return g_getenv ("RAMUS_LOCALEDIR");
  if (!g_file_test (installed, G_FILE_TEST_IS_DIR) || g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_autofree char *installed_mo = g_build_filename (installed, "zh_TW", "LC_MESSAGES",
                                                        GETTEXT_PACKAGE ".mo", NULL);
      if (!g_file_test (installed_mo, G_FILE_TEST_EXISTS))
        return BUILD_LOCALEDIR;
    }
  return installed;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RamusApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (ramus_cli_handles (argc, argv))
    return ramus_cli_run (argc, argv);

  /* With no GPU at all, OpenGL is emulated on the CPU (llvmpipe) and GTK's
   * GL renderer costs ~85 ms a frame here; its cairo renderer keeps up at
   * 60 frames a second. A user's GSK_RENDERER always wins. */
  if (g_getenv ("GSK_RENDERER") == NULL && !g_file_test ("/dev/dri", G_FILE_TEST_IS_DIR))
    g_setenv ("GSK_RENDERER", "cairo", FALSE);

  app = ramus_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
