/* test-store-crash.c — a process saving cases in a loop is killed with
 * SIGKILL at random moments, again and again; after every kill the library
 * passes `PRAGMA integrity_check` and holds every case whose save the
 * writer had acknowledged
 *
 * The writer is this same executable run as `test-store-crash --writer
 * PATH`: it opens the library (creating it the first time, so early kills
 * land in creation too) and saves fictional cases, printing each id on
 * standard output only after ramus_store_save_case() has returned, i.e.
 * after COMMIT. Each id is one write(2) of less than PIPE_BUF bytes, so a
 * kill never leaves half a line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-store.h"
#include "ramus-test-util.h"

#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define KILLS 25
#define MAX_LIFE_MS 300

static int
writer_main (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusStore) store = ramus_store_open (path, RAMUS_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GRand) rand = g_rand_new ();

  if (store == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      return 1;
    }
  for (guint i = 0;; i++)
    {
      g_autoptr(RamusCase) c = ramus_case_new_from_template (i % 2 ? "knee-gae" : "hip-tame");
      g_autofree char *pseudonym = g_strdup_printf ("CR-%u-%u", (guint) getpid (), i);
      g_autofree char *line = NULL;
      RamusFollowup *f;

      ramus_case_set_string (&c->pseudonym, pseudonym);
      ramus_case_set_string (&c->procedure_date, "2026-05-04");
      c->indication.kellgren_lawrence = 1 + i % 4;
      c->baseline.values[RAMUS_SCORE_VAS] = g_rand_int_range (rand, 5, 11);
      ramus_case_add_target (c, i % 2 ? "medial-inferior-genicular-artery"
                                      : "ascending-branch-of-lateral-circumflex-femoral-artery",
                             "imipenem-cilastatin");
      f = ramus_case_add_followup (c, "2026-06-01");
      f->scores.values[RAMUS_SCORE_VAS] = g_rand_int_range (rand, 0, 8);
      if (!ramus_store_save_case (store, c, &error))
        {
          g_printerr ("writer: %s\n", error->message);
          return 1;
        }
      line = g_strdup_printf ("%s\n", c->id);
      if (write (STDOUT_FILENO, line, strlen (line)) != (gssize) strlen (line))
        return 1;
    }
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Reads what the writer says until @deadline (or its end, when 0). */
static void
drain (int      fd,
       GString *out,
       double   deadline)
{
  for (;;)
    {
      struct pollfd p = { fd, POLLIN, 0 };
      char buf[4096];
      int timeout = deadline > 0 ? (int) MAX (deadline - now_ms (), 0) : -1;
      gssize n;

      if (deadline > 0 && timeout == 0)
        return;
      if (poll (&p, 1, timeout) <= 0)
        {
          if (deadline > 0)
            continue;
          return;
        }
      n = read (fd, buf, sizeof buf);
      if (n <= 0)
        return;
      g_string_append_len (out, buf, n);
    }
}

static void
check_library (const char *path,
               GHashTable *acknowledged)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer id;
  GString *problems = g_string_new (NULL);

  /* An ordinary connection, so what the killed writer left in the WAL
   * counts, and read-only, so the next writer finds the crash as it was. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s\n", line);
    }
  sqlite3_finalize (stmt);
  if (problems->len)
    g_error ("integrity_check after a kill: %s", problems->str);
  g_string_free (problems, TRUE);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM cases WHERE id = ?1", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_hash_table_iter_init (&iter, acknowledged);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (sqlite3_column_int (stmt, 0) != 1)
        g_error ("acknowledged case %s is missing after a kill", (const char *) id);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_kill_writer (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "ramus", "cases.sqlite", NULL);
  g_autoptr(GHashTable) acknowledged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  guint in_creation = 0;

  g_assert_nonnull (self);
  for (guint k = 0; k < KILLS; k++)
    {
      const char *argv[] = { self, "--writer", path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) out = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
      GPid pid;
      int fd, status;
      double life;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &fd, NULL, &error));
      g_assert_no_error (error);
      /* Some kills come almost at once, to land in creating or opening. */
      life = k % 5 == 0 ? g_rand_double_range (rand, 0, 15) : g_rand_double_range (rand, 15, MAX_LIFE_MS);
      drain (fd, out, now_ms () + life);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      /* A writer that stopped by itself has failed; its message is on stderr. */
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      drain (fd, out, 0);
      close (fd);
      g_spawn_close_pid (pid);

      lines = g_strsplit (out->str, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        if (*lines[i])
          {
            g_assert_true (g_uuid_string_is_valid (lines[i]));
            g_hash_table_add (acknowledged, g_strdup (lines[i]));
          }
      if (!existed)
        in_creation++;
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        check_library (path, acknowledged);
      else
        g_assert_cmpuint (g_hash_table_size (acknowledged), ==, 0);
      g_test_message ("kill %u after %.0f ms: %u acknowledged cases so far", k + 1, life,
                      g_hash_table_size (acknowledged));
    }
  g_assert_cmpuint (g_hash_table_size (acknowledged), >, 0);

  /* The library opens as any other and holds them all. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RamusStore) store = ramus_store_open (path, RAMUS_STORE_OPEN_NO_CREATE, &error);
    GHashTableIter iter;
    gpointer id;

    g_assert_no_error (error);
    g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), >=, g_hash_table_size (acknowledged));
    g_hash_table_iter_init (&iter, acknowledged);
    while (g_hash_table_iter_next (&iter, &id, NULL))
      {
        g_autoptr(RamusCase) c = ramus_store_load_case (store, id, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (c->followups->len, ==, 1);
      }
  }
  g_test_message ("%u writers started before the library existed", in_creation);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  int status;

  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return writer_main (argv[2]);
  root = ramus_test_isolate_data_dir ();

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/store/crash/kill-writer", test_kill_writer);
  status = g_test_run ();
  ramus_test_remove_tree (root);
  return status;
}
