/* ramus-test-util.c — what several core tests need: the command line run
 * as a user would, and a data folder of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-test-util.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

void
ramus_test_run_clear (RamusTestRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

/* Runs @argv with no display at all: the command line must not need one. */
RamusTestRun
ramus_test_run_argv (const char * const *argv)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  RamusTestRun run = { 0 };
  int wait_status;

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &run.out, &run.err, &wait_status,
                &error);
  g_assert_no_error (error);
  run.status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return run;
}

/* The GTK-free command line the build made: RAMUS_CLI, as meson sets it. */
static char *
cli_path (void)
{
  if (g_getenv ("RAMUS_CLI"))
    return g_strdup (g_getenv ("RAMUS_CLI"));
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "ramus-cli", NULL);
}

/* `ramus ARGS…`, the arguments ending with NULL. */
RamusTestRun
ramus_test_run_cli (const char *first,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  g_ptr_array_add (argv, cli_path ());
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return ramus_test_run_argv ((const char * const *) argv->pdata);
}

gboolean
ramus_test_have_cli (void)
{
  if (g_getenv ("RAMUS_CLI") && g_file_test (g_getenv ("RAMUS_CLI"), G_FILE_TEST_IS_EXECUTABLE))
    return TRUE;
  g_test_skip ("RAMUS_CLI is not set to the built command line");
  return FALSE;
}

/* Every run gets its own data folder, set before GLib first reads
 * XDG_DATA_HOME, so the default library is a fresh temporary file and the
 * user's own is never touched. (G_TEST_OPTION_ISOLATE_DIRS would do the
 * same but leaks under valgrind in GLib 2.74.) Returns the folder to
 * remove at the end. */
char *
ramus_test_isolate_data_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *root = g_dir_make_tmp ("ramus-test-XXXXXX", &error);
  g_autofree char *data = NULL;

  g_assert_no_error (error);
  data = g_build_filename (root, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  return root;
}

void
ramus_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        ramus_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
