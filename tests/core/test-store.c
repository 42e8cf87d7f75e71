/* test-store.c — the case library: files it makes, files it refuses and
 * leaves untouched, search, undo, migrations, and failed saves that lose
 * nothing
 *
 * Every test runs with its own XDG directories (G_TEST_OPTION_ISOLATE_DIRS),
 * so the default library is a fresh temporary file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-store.h"
#include "ramus-store-private.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *
test_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "libraries", name, NULL);
}

static char *
file_hash (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
assert_no_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

/* A fictional knee GAE case: template, a target, a baseline and a visit. */
static RamusCase *
knee_case (const char *pseudonym,
           const char *procedure_date)
{
  RamusCase *c = ramus_case_new_from_template ("knee-gae");
  RamusTarget *t;
  RamusFollowup *f;

  ramus_case_set_string (&c->pseudonym, pseudonym);
  ramus_case_set_string (&c->procedure_date, procedure_date);
  c->side = RAMUS_SIDE_LEFT;
  c->indication.kellgren_lawrence = 2;
  c->baseline.values[RAMUS_SCORE_VAS] = 8;
  c->baseline.values[RAMUS_SCORE_WOMAC] = 61;
  t = ramus_case_add_target (c, "lateral-superior-genicular-artery", "imipenem-cilastatin");
  t->planned_volume_ml = 2.0;
  f = ramus_case_add_followup (c, "2027-01-05");
  f->scores.values[RAMUS_SCORE_VAS] = 3;
  f->scores.values[RAMUS_SCORE_WOMAC] = 22;
  return c;
}

static RamusCase *
shoulder_case (const char *pseudonym)
{
  RamusCase *c = ramus_case_new_from_template ("shoulder-tame");

  ramus_case_set_string (&c->pseudonym, pseudonym);
  ramus_case_set_string (&c->procedure_date, "2026-03-14");
  ramus_case_add_target (c, "anterior-circumflex-humeral-artery", "imipenem-cilastatin");
  return c;
}

static RamusStore *
open_new (const char *name)
{
  g_autofree char *path = test_path (name);
  g_autoptr(GError) error = NULL;
  RamusStore *store = ramus_store_open (path, RAMUS_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
test_create_default (void)
{
  g_autofree char *path = ramus_store_get_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "ramus", "cases.sqlite", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  GStatBuf st;

  g_assert_cmpstr (path, ==, expected);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  store = ramus_store_open (path, RAMUS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (ramus_store_get_read_only (store));
  g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), ==, 0);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (query_int (path, "PRAGMA application_id"), ==, RAMUS_STORE_APPLICATION_ID);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, RAMUS_STORE_SCHEMA_VERSION);
  /* WAL is recorded in the file header (bytes 18 and 19 are 2). */
  {
    g_autofree char *contents = NULL;
    g_file_get_contents (path, &contents, NULL, NULL);
    g_assert_cmpint (contents[18], ==, 2);
    g_assert_cmpint (contents[19], ==, 2);
  }
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM sqlite_master WHERE name = 'case_search'"), ==, 1);

  /* Nothing left from building it under a temporary name. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)))
    g_assert_false (g_str_has_prefix (name, "cases.sqlite.new-"));

  /* Foreign keys are on in the store's connection. */
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (ramus_store_get_connection (store), "PRAGMA foreign_keys", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
}

static void
test_no_create (void)
{
  g_autofree char *path = test_path ("absent.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusStore) store = ramus_store_open (path, RAMUS_STORE_OPEN_NO_CREATE, &error);

  g_assert_null (store);
  g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_save_load (void)
{
  g_autofree char *path = test_path ("round.sqlite");
  g_autoptr(RamusCase) c = knee_case ("KN-0042", "2026-12-01");
  g_autoptr(RamusCase) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  {
    g_autoptr(RamusStore) store = open_new ("round.sqlite");
    g_assert_null (c->id);
    g_assert_true (ramus_store_save_case (store, c, &error));
    g_assert_no_error (error);
    g_assert_true (g_uuid_string_is_valid (c->id));
    g_assert_nonnull (c->created);
    g_assert_cmpstr (c->created, ==, c->modified);
    g_assert_true (g_str_has_suffix (c->created, "Z"));
    id = g_strdup (c->id);
  }

  /* Closed and reopened: the same case, field for field. */
  {
    g_autoptr(RamusStore) store = ramus_store_open (path, RAMUS_STORE_OPEN_NO_CREATE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), ==, 1);
    loaded = ramus_store_load_case (store, id, &error);
    g_assert_no_error (error);
    g_assert_true (ramus_case_equal (c, loaded));
    g_assert_cmpstr (loaded->pseudonym, ==, "KN-0042");
    g_assert_cmpuint (loaded->followups->len, ==, 1);
    g_assert_cmpfloat (g_array_index (loaded->followups, RamusFollowup, 0).scores.values[RAMUS_SCORE_WOMAC], ==, 22);

    g_assert_null (ramus_store_load_case (store, "00000000-0000-4000-8000-000000000000", &error));
    g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND);
  }

  /* The derived rows: one target, one visit 35 days after the procedure. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM targets"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT day FROM followups"), ==, 35);
}

static void
test_update (void)
{
  g_autoptr(RamusStore) store = open_new ("update.sqlite");
  g_autoptr(RamusCase) c = knee_case ("KN-0001", "2026-12-01");
  g_autoptr(RamusCase) loaded = NULL;
  g_autofree char *created = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *path = test_path ("update.sqlite");

  g_assert_true (ramus_store_save_case (store, c, NULL));
  created = g_strdup (c->created);
  /* Replace the target, add a vessel: the index follows the document. */
  g_array_set_size (c->targets, 0);
  ramus_case_add_target (c, "medial-inferior-genicular-artery", "imipenem-cilastatin");
  ramus_case_add_target (c, "descending-genicular-artery", "imipenem-cilastatin");
  ramus_case_set_string (&c->created, "2000-01-01T00:00:00Z");
  g_assert_true (ramus_store_save_case (store, c, NULL));
  g_assert_cmpstr (c->created, ==, created);
  g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), ==, 1);

  loaded = ramus_store_load_case (store, c->id, NULL);
  g_assert_cmpuint (loaded->targets->len, ==, 2);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM targets"), ==, 2);

  items = ramus_store_list (store, &(RamusStoreQuery) { .text = "lateral superior" }, NULL);
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ramus_store_list (store, &(RamusStoreQuery) { .text = "descending" }, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpuint (((RamusStoreItem *) items->pdata[0])->n_targets, ==, 2);
}

static guint
count_matches (RamusStore *store,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = ramus_store_list (store, &(RamusStoreQuery) { .text = text }, &error);

  g_assert_no_error (error);
  return items->len;
}

static void
test_search (void)
{
  g_autoptr(RamusStore) store = open_new ("search.sqlite");
  g_autoptr(RamusCase) a = knee_case ("KN-0042", "2026-12-01");
  g_autoptr(RamusCase) b = knee_case ("KN-0107", "2027-02-10");
  g_autoptr(RamusCase) s = shoulder_case ("SH-0003");
  g_autoptr(RamusCase) l = ramus_case_new_from_template ("ctace");
  g_autoptr(GPtrArray) items = NULL;
  RamusStoreItem *item;

  b->side = RAMUS_SIDE_RIGHT;
  ramus_case_set_string (&l->pseudonym, "LV-0009");
  ramus_case_set_string (&l->procedure_date, "2026-08-20");
  ramus_case_add_target (l, "right-hepatic-artery", "lipiodol-emulsion");
  g_assert_true (ramus_store_save_case (store, a, NULL));
  g_assert_true (ramus_store_save_case (store, b, NULL));
  g_assert_true (ramus_store_save_case (store, s, NULL));
  g_assert_true (ramus_store_save_case (store, l, NULL));

  /* Pseudonym, as typed one key at a time. */
  g_assert_cmpuint (count_matches (store, "K"), ==, 2);
  g_assert_cmpuint (count_matches (store, "KN"), ==, 2);
  g_assert_cmpuint (count_matches (store, "KN-"), ==, 2);
  g_assert_cmpuint (count_matches (store, "KN-0"), ==, 2);
  g_assert_cmpuint (count_matches (store, "KN-00"), ==, 1);
  g_assert_cmpuint (count_matches (store, "KN-01"), ==, 1);
  g_assert_cmpuint (count_matches (store, "kn-0042"), ==, 1);
  g_assert_cmpuint (count_matches (store, "KN-0043"), ==, 0);
  /* Region, indication, procedure, vessel, dates. */
  g_assert_cmpuint (count_matches (store, "shoulder"), ==, 1);
  g_assert_cmpuint (count_matches (store, "capsulitis"), ==, 1);
  g_assert_cmpuint (count_matches (store, "hcc"), ==, 1);
  g_assert_cmpuint (count_matches (store, "ctace"), ==, 1);
  g_assert_cmpuint (count_matches (store, "genicular"), ==, 2);
  g_assert_cmpuint (count_matches (store, "circumflex humeral"), ==, 1);
  g_assert_cmpuint (count_matches (store, "2026-12"), ==, 1);
  g_assert_cmpuint (count_matches (store, "2026"), ==, 3);
  g_assert_cmpuint (count_matches (store, "2027-01-05"), ==, 2);   /* a follow-up date */
  g_assert_cmpuint (count_matches (store, "knee left"), ==, 1);
  g_assert_cmpuint (count_matches (store, "knee 2027-02"), ==, 1);
  /* Text that would be FTS5 syntax is only text. */
  g_assert_cmpuint (count_matches (store, "\"KN"), ==, 2);
  g_assert_cmpuint (count_matches (store, "KN OR SH"), ==, 0);
  g_assert_cmpuint (count_matches (store, "NEAR(KN"), ==, 0);
  g_assert_cmpuint (count_matches (store, "  -  "), ==, 4);
  g_assert_cmpuint (count_matches (store, ""), ==, 4);

  /* Filters and sorting. */
  items = ramus_store_list (store, &(RamusStoreQuery) { .region = "knee" }, NULL);
  g_assert_cmpuint (items->len, ==, 2);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ramus_store_list (store, &(RamusStoreQuery) { .template_id = "ctace", .text = "LV" }, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  item = items->pdata[0];
  g_assert_cmpstr (item->id, ==, l->id);
  g_assert_cmpstr (item->region, ==, "liver");
  g_assert_cmpstr (item->indication, ==, "hcc");
  g_assert_cmpstr (item->template_id, ==, "ctace");
  g_assert_cmpstr (item->procedure_date, ==, "2026-08-20");
  g_assert_cmpuint (item->n_targets, ==, 1);
  g_assert_cmpuint (item->n_followups, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  items = ramus_store_list (store, &(RamusStoreQuery) { .sort = RAMUS_STORE_SORT_PROCEDURE_DATE }, NULL);
  g_assert_cmpstr (((RamusStoreItem *) items->pdata[0])->pseudonym, ==, "KN-0107");
  g_assert_cmpstr (((RamusStoreItem *) items->pdata[3])->pseudonym, ==, "SH-0003");
  g_clear_pointer (&items, g_ptr_array_unref);
  items = ramus_store_list (store, &(RamusStoreQuery) { .sort = RAMUS_STORE_SORT_PSEUDONYM, .ascending = TRUE }, NULL);
  g_assert_cmpstr (((RamusStoreItem *) items->pdata[0])->pseudonym, ==, "KN-0042");
  g_assert_cmpstr (((RamusStoreItem *) items->pdata[3])->pseudonym, ==, "SH-0003");
  g_clear_pointer (&items, g_ptr_array_unref);
  /* Newest first by default: the last saved. */
  items = ramus_store_list (store, &(RamusStoreQuery) { .limit = 1 }, NULL);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (((RamusStoreItem *) items->pdata[0])->pseudonym, ==, "LV-0009");
}

static void
changed_cb (RamusStore *store,
            const char *id,
            GPtrArray  *ids)
{
  g_ptr_array_add (ids, g_strdup (id));
}

static void
test_delete_undo (void)
{
  g_autoptr(RamusStore) store = open_new ("undo.sqlite");
  g_autofree char *path = test_path ("undo.sqlite");
  g_autoptr(RamusCase) c = knee_case ("KN-0042", "2026-12-01");
  g_autoptr(RamusCase) other = shoulder_case ("SH-0001");
  g_autoptr(RamusCase) deleted = NULL;
  g_autoptr(RamusCase) restored = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), changes);
  g_assert_true (ramus_store_save_case (store, c, NULL));
  g_assert_true (ramus_store_save_case (store, other, NULL));
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpstr (changes->pdata[0], ==, c->id);

  deleted = ramus_store_delete_case (store, c->id, &error);
  g_assert_no_error (error);
  g_assert_true (ramus_case_equal (deleted, c));
  g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), ==, 1);
  g_assert_cmpuint (count_matches (store, "KN"), ==, 0);
  g_assert_cmpuint (changes->len, ==, 3);
  /* Its targets and visits went with it. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM targets WHERE vessel LIKE '%genicular%'"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM followups"), ==, 0);

  g_assert_null (ramus_store_delete_case (store, c->id, &error));
  g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo: back as it was, times included. */
  g_assert_true (ramus_store_restore_case (store, deleted, &error));
  g_assert_no_error (error);
  restored = ramus_store_load_case (store, c->id, NULL);
  g_assert_true (ramus_case_equal (restored, c));
  g_assert_cmpstr (restored->modified, ==, c->modified);
  g_assert_cmpuint (count_matches (store, "KN-0042"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM followups"), ==, 1);

  g_assert_false (ramus_store_restore_case (store, deleted, &error));
  g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_EXISTS);
  g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), ==, 2);
}

static void
test_duplicate (void)
{
  g_autoptr(RamusStore) store = open_new ("dup.sqlite");
  g_autoptr(RamusCase) c = knee_case ("KN-0042", "2026-12-01");
  g_autoptr(RamusCase) copy = NULL;
  g_autoptr(RamusCase) original = NULL;
  g_autoptr(RamusCase) longer = knee_case ("", NULL);
  g_autoptr(GString) name = g_string_new ("Ｋ-");
  g_autoptr(GError) error = NULL;

  g_assert_true (ramus_store_save_case (store, c, NULL));
  copy = ramus_store_duplicate_case (store, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->pseudonym, ==, "KN-0042 (copy)");
  g_assert_cmpstr (copy->id, !=, c->id);
  g_assert_true (g_uuid_string_is_valid (copy->id));
  /* A new plan: same targets, none of the original's visits. */
  g_assert_cmpuint (copy->targets->len, ==, 1);
  g_assert_cmpuint (copy->followups->len, ==, 0);
  g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), ==, 2);
  original = ramus_store_load_case (store, c->id, NULL);
  g_assert_true (ramus_case_equal (original, c));

  /* Within the format's 64 characters. */
  for (guint i = 0; i < 61; i++)
    g_string_append (name, "一");
  ramus_case_set_string (&longer->pseudonym, name->str);
  g_assert_cmpint (g_utf8_strlen (longer->pseudonym, -1), ==, 63);
  g_assert_true (ramus_store_save_case (store, longer, NULL));
  g_clear_pointer (&copy, ramus_case_free);
  copy = ramus_store_duplicate_case (store, longer->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utf8_strlen (copy->pseudonym, -1), ==, 64);
  g_assert_true (g_str_has_suffix (copy->pseudonym, " (copy)"));
  g_assert_true (g_str_has_prefix (copy->pseudonym, "Ｋ-一一一"));
}

/* ---- files that are not a Ramus library are refused and left alone ---- */

static void
assert_refused (const char *path,
                int         code,
                const char *words)
{
  g_autofree char *before = file_hash (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusStore) store = NULL;

  for (guint flags = 0; flags < 3; flags++)
    {
      store = ramus_store_open (path, flags, &error);
      g_assert_null (store);
      g_assert_error (error, RAMUS_STORE_ERROR, code);
      if (strstr (error->message, words) == NULL || strstr (error->message, "left unchanged") == NULL)
        g_error ("unclear message: %s", error->message);
      g_clear_error (&error);
    }
  after = file_hash (path);
  g_assert_cmpstr (before, ==, after);
  assert_no_side_files (path);
}

static void
test_refuse_text_file (void)
{
  g_autofree char *path = test_path ("notes.sqlite");
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, "Shopping list: contrast, 4F sheath\n", -1, NULL));
  assert_refused (path, RAMUS_STORE_ERROR_NOT_LIBRARY, "not an SQLite database");

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_refused (path, RAMUS_STORE_ERROR_NOT_LIBRARY, "empty");

  /* A folder is not a library either. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RamusStore) store = ramus_store_open (dir, 0, &error);
    g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_LIBRARY);
  }
}

static void
make_sqlite (const char *path,
             const char *sql)
{
  g_autofree char *dir = g_path_get_dirname (path);
  sqlite3 *db = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_refuse_foreign_sqlite (void)
{
  g_autofree char *plain = test_path ("plain.sqlite");
  g_autofree char *other = test_path ("other.sqlite");
  g_autofree char *wal = test_path ("wal.sqlite");

  make_sqlite (plain, "CREATE TABLE cases (id TEXT); INSERT INTO cases VALUES ('mine');");
  assert_refused (plain, RAMUS_STORE_ERROR_NOT_LIBRARY, "SQLite database but not a Ramus");
  g_assert_cmpint (query_int (plain, "SELECT count(*) FROM sqlite_master"), ==, 1);

  /* Another application's id (a GeoPackage), even with tables named like ours. */
  make_sqlite (other, "PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;"
                      "CREATE TABLE cases (n INTEGER PRIMARY KEY, id TEXT);");
  assert_refused (other, RAMUS_STORE_ERROR_NOT_LIBRARY, "another application (SQLite application id 0x47504b47)");

  /* In WAL mode too: SQLite never opens it, so no -wal or -shm appears. */
  make_sqlite (wal, "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_refused (wal, RAMUS_STORE_ERROR_NOT_LIBRARY, "not a Ramus");
}

static void
test_refuse_newer (void)
{
  g_autofree char *path = test_path ("newer.sqlite");

  g_object_unref (open_new ("newer.sqlite"));
  make_sqlite (path, "PRAGMA user_version = 99");
  assert_refused (path, RAMUS_STORE_ERROR_NEWER, "newer version of Ramus (library version 99");
}

static void
test_refuse_corrupt (void)
{
  g_autofree char *path = test_path ("damaged.sqlite");
  g_autofree char *contents = NULL;
  gsize length;
  gint64 page_size, pages;

  {
    g_autoptr(RamusStore) store = open_new ("damaged.sqlite");
    for (guint i = 0; i < 60; i++)
      {
        g_autofree char *name = g_strdup_printf ("KN-%04u", i);
        g_autoptr(RamusCase) c = knee_case (name, "2026-12-01");
        g_assert_true (ramus_store_save_case (store, c, NULL));
      }
  }
  /* Page size from the header (bytes 16–17), read without SQLite so that
   * no -wal appears beside the file. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  page_size = ((guint8) contents[16] << 8) | (guint8) contents[17];
  pages = length / page_size;
  g_assert_cmpint (pages, >, 10);

  /* Scribble over the page headers of the second half of the file, as a
   * failing disk or a stray write would. */
  for (gint64 p = pages / 2; p < pages; p++)
    memset (contents + p * page_size, 0x5a, 16);
  g_assert_true (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  assert_refused (path, RAMUS_STORE_ERROR_CORRUPT, "damaged");
}

/* ---- migrations ---- */

/* Version 1 of the schema as Ramus 0.1 released it: the fixture a
 * migration must carry forward. */
static const char schema_v1[] =
  "PRAGMA journal_mode = WAL;"
  "CREATE TABLE cases (n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, pseudonym TEXT NOT NULL,"
  "  region TEXT NOT NULL, side TEXT NOT NULL, indication TEXT, template TEXT, procedure_date TEXT,"
  "  created TEXT NOT NULL, modified TEXT NOT NULL, n_targets INTEGER NOT NULL DEFAULT 0,"
  "  n_followups INTEGER NOT NULL DEFAULT 0, baseline TEXT NOT NULL DEFAULT '{}');"
  "CREATE TABLE documents (n INTEGER PRIMARY KEY REFERENCES cases (n) ON DELETE CASCADE,"
  "  document TEXT NOT NULL);"
  "CREATE INDEX cases_by_modified ON cases (modified);"
  "CREATE INDEX cases_by_region ON cases (region, template);"
  "CREATE TABLE targets (case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE ON UPDATE CASCADE,"
  "  position INTEGER NOT NULL, vessel TEXT NOT NULL, embolic TEXT,"
  "  PRIMARY KEY (case_id, position)) WITHOUT ROWID;"
  "CREATE INDEX targets_by_vessel ON targets (vessel);"
  "CREATE TABLE followups (case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE ON UPDATE CASCADE,"
  "  position INTEGER NOT NULL, date TEXT, day INTEGER, mrecist TEXT, scores TEXT NOT NULL DEFAULT '{}',"
  "  PRIMARY KEY (case_id, position)) WITHOUT ROWID;"
  "PRAGMA application_id = 0x526d7573; PRAGMA user_version = 1;";

static void
make_v1_library (const char *path,
                 RamusCase  *c)
{
  g_autofree char *document = NULL;
  char *insert;

  ramus_case_set_string (&c->id, "3f1d6c1e-7c1e-4d2f-9f7e-2a3b4c5d6e7f");
  ramus_case_set_string (&c->created, "2026-11-20T09:14:00Z");
  ramus_case_set_string (&c->modified, "2026-11-21T16:02:11Z");
  document = ramus_case_to_json (c, FALSE);
  insert = sqlite3_mprintf ("INSERT INTO cases VALUES (1, %Q, %Q, 'knee', 'left', 'knee-oa', 'knee-gae',"
                            " '2026-12-01', %Q, %Q, 1, 1, '{\"vas\":8,\"womac\":61}');"
                            "INSERT INTO documents VALUES (1, %Q);"
                            "INSERT INTO targets VALUES (%Q, 0, 'lateral-superior-genicular-artery',"
                            " 'imipenem-cilastatin');"
                            "INSERT INTO followups VALUES (%Q, 0, '2027-01-05', 35, NULL, '{\"vas\":3,\"womac\":22}');",
                            c->id, c->pseudonym, c->created, c->modified, document, c->id, c->id);
  make_sqlite (path, schema_v1);
  make_sqlite (path, insert);
  sqlite3_free (insert);
}

static void
test_migrate (void)
{
  g_autofree char *path = test_path ("old.sqlite");
  g_autofree char *backup = g_strconcat (path, ".bak-v1", NULL);
  g_autofree char *backup2 = g_strconcat (path, ".bak-v1-2", NULL);
  g_autofree char *before = NULL;
  g_autoptr(RamusCase) c = knee_case ("KN-0042", "2026-12-01");
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  make_v1_library (path, c);
  before = file_hash (path);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 1);

  {
    g_autoptr(RamusStore) store = NULL;
    g_autoptr(RamusCase) loaded = NULL;

    /* Read-only, an old library cannot be brought up to date: refused, untouched. */
    store = ramus_store_open (path, RAMUS_STORE_OPEN_READ_ONLY, &error);
    g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));

    g_test_expect_message ("ramus-store", G_LOG_LEVEL_MESSAGE, "Backed up*version 1*");
    store = ramus_store_open (path, 0, &error);
    g_test_assert_expected_messages ();
    g_assert_no_error (error);
    loaded = ramus_store_load_case (store, c->id, &error);
    g_assert_no_error (error);
    g_assert_true (ramus_case_equal (loaded, c));
    /* The new search index was filled from the old rows. */
    g_assert_cmpuint (count_matches (store, "KN-0042"), ==, 1);
    g_assert_cmpuint (count_matches (store, "lateral genicular"), ==, 1);
    g_assert_cmpuint (count_matches (store, "2027-01"), ==, 1);
  }
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, RAMUS_STORE_SCHEMA_VERSION);

  /* The backup is the library as it was: version 1, the same rows, 0600. */
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (backup, "PRAGMA application_id"), ==, RAMUS_STORE_APPLICATION_ID);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM cases"), ==, 1);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM sqlite_master WHERE name = 'case_search'"), ==, 0);
  {
    g_autofree char *check = query_text (backup, "PRAGMA quick_check");
    g_assert_cmpstr (check, ==, "ok");
  }

  /* Up to date now: opening again makes no new backup. */
  g_object_unref (open_new ("old.sqlite"));
  g_assert_false (g_file_test (backup2, G_FILE_TEST_EXISTS));

  /* A second old library in the same place never overwrites the first
   * backup. */
  g_unlink (path);
  {
    g_autoptr(RamusCase) c2 = knee_case ("KN-0043", "2026-12-02");
    g_autofree char *first = file_hash (backup);

    make_v1_library (path, c2);
    g_test_expect_message ("ramus-store", G_LOG_LEVEL_MESSAGE, "Backed up*");
    g_object_unref (open_new ("old.sqlite"));
    g_test_assert_expected_messages ();
    g_free (before);
    before = file_hash (backup);
    g_assert_cmpstr (before, ==, first);
    g_assert_true (g_file_test (backup2, G_FILE_TEST_EXISTS));
  }
  (void) before;
}

/* ---- read-only places and full disks: nothing lost ---- */

static void
test_read_only (void)
{
  g_autofree char *path = test_path ("ro.sqlite");
  g_autofree char *before = NULL;
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(RamusStore) elsewhere = NULL;
  g_autoptr(RamusCase) c = knee_case ("KN-0042", "2026-12-01");
  g_autoptr(RamusCase) kept = NULL;
  g_autoptr(RamusCase) first = knee_case ("KN-0001", "2026-10-01");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;

  {
    g_autoptr(RamusStore) w = open_new ("ro.sqlite");
    g_assert_true (ramus_store_save_case (w, first, NULL));
  }
  before = file_hash (path);

  /* Root ignores file modes, so the read-only library is made with
   * SQLITE_OPEN_READONLY (RAMUS_STORE_OPEN_READ_ONLY), as a library on a
   * read-only medium is. */
  store = ramus_store_open (path, RAMUS_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ramus_store_get_read_only (store));
  items = ramus_store_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);

  kept = ramus_case_copy (c);
  g_assert_false (ramus_store_save_case (store, c, &error));
  g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_assert_nonnull (strstr (error->message, "another library"));
  g_clear_error (&error);
  /* The case in memory is exactly as it was… */
  g_assert_true (ramus_case_equal (c, kept));
  g_assert_null (c->id);
  g_assert_null (ramus_store_delete_case (store, first->id, &error));
  g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_null (ramus_store_duplicate_case (store, first->id, &error));
  g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);
  {
    g_autofree char *after = file_hash (path);
    g_assert_cmpstr (after, ==, before);
  }

  /* …and saves to another library. */
  elsewhere = open_new ("elsewhere.sqlite");
  g_assert_true (ramus_store_save_case (elsewhere, c, &error));
  g_assert_no_error (error);
  g_clear_pointer (&kept, ramus_case_free);
  kept = ramus_store_load_case (elsewhere, c->id, NULL);
  g_assert_true (ramus_case_equal (kept, c));
}

static void
test_unwritable_location (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusStore) store = NULL;

  /* /proc takes no new files, even from root. */
  store = ramus_store_open ("/proc/ramus-test/cases.sqlite", 0, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == RAMUS_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, "/proc/ramus-test"));
  g_clear_error (&error);
  store = ramus_store_open ("/proc/cases.sqlite", 0, &error);
  g_assert_null (store);
  g_assert_true (error->domain == RAMUS_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, "Could not create the case library “/proc/cases.sqlite”"));
  g_clear_error (&error);

  /* A folder without write permission, where file modes apply. */
  if (geteuid () != 0)
    {
      g_autofree char *dir = test_path ("locked");
      g_autofree char *path = g_build_filename (dir, "cases.sqlite", NULL);

      g_mkdir_with_parents (dir, 0700);
      g_chmod (dir, 0500);
      store = ramus_store_open (path, 0, &error);
      g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_READ_ONLY);
      g_chmod (dir, 0700);
    }
}

static void
test_full_disk (void)
{
  g_autofree char *path = test_path ("full.sqlite");
  g_autoptr(RamusStore) store = open_new ("full.sqlite");
  g_autoptr(RamusStore) elsewhere = NULL;
  g_autoptr(RamusCase) first = knee_case ("KN-0001", "2026-10-01");
  g_autoptr(RamusCase) big = knee_case ("KN-0002", "2026-10-02");
  g_autoptr(RamusCase) kept = NULL;
  g_autoptr(RamusCase) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  sqlite3 *db = ramus_store_get_connection (store);
  g_autofree char *cap = NULL;
  gint64 pages = 0;

  g_assert_true (ramus_store_save_case (store, first, NULL));
  /* A disk with no room for one more page. */
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL);
    sqlite3_step (stmt);
    pages = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  cap = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);
  g_assert_cmpint (sqlite3_exec (db, cap, NULL, NULL, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < 4000; i++)
    g_string_append (notes, "Left knee, medial pain on stairs; KL 2 on standing films. ");
  ramus_case_set_string (&big->notes, notes->str);
  kept = ramus_case_copy (big);
  g_assert_false (ramus_store_save_case (store, big, &error));
  g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);
  g_assert_true (ramus_case_equal (big, kept));
  g_assert_null (big->id);

  /* The library is as it was and still works. */
  g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), ==, 1);
  loaded = ramus_store_load_case (store, first->id, &error);
  g_assert_no_error (error);
  g_assert_true (ramus_case_equal (loaded, first));
  g_assert_cmpuint (count_matches (store, "KN-0002"), ==, 0);
  {
    g_autofree char *check = query_text (path, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
  }

  /* A small edit that fits in the pages there are still goes in. */
  ramus_case_set_string (&first->notes, "Seen again.");
  g_assert_true (ramus_store_save_case (store, first, &error));
  g_assert_no_error (error);

  elsewhere = open_new ("elsewhere.sqlite");
  g_assert_true (ramus_store_save_case (elsewhere, big, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, ramus_case_free);
  loaded = ramus_store_load_case (elsewhere, big->id, NULL);
  g_assert_cmpstr (loaded->notes, ==, notes->str);
}

/* ---- import: all or nothing ---- */

static void
test_import (void)
{
  g_autoptr(RamusStore) store = open_new ("import.sqlite");
  g_autofree char *path = test_path ("import.sqlite");
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_case_free);
  g_autoptr(RamusCase) existing = knee_case ("KN-0001", "2026-10-01");
  g_autoptr(GError) error = NULL;
  RamusCase *clash;

  g_assert_true (ramus_store_save_case (store, existing, NULL));
  g_ptr_array_add (batch, knee_case ("KN-0100", "2026-11-01"));
  g_ptr_array_add (batch, shoulder_case ("SH-0100"));
  clash = knee_case ("KN-0001 again", "2026-10-01");
  ramus_case_set_string (&clash->id, existing->id);
  g_ptr_array_add (batch, clash);

  g_assert_false (ramus_store_import_cases (store, batch, 0, &error));
  g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Nothing was imported"));
  g_assert_nonnull (strstr (error->message, existing->id));
  g_clear_error (&error);
  /* Not even the first two went in. */
  g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM targets"), ==, 1);
  g_assert_cmpuint (count_matches (store, "SH"), ==, 0);

  g_assert_true (ramus_store_import_cases (store, batch, RAMUS_STORE_IMPORT_NEW_ID, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), ==, 4);
  g_assert_cmpuint (count_matches (store, "KN-0001"), ==, 2);

  ramus_case_set_string (&clash->pseudonym, "KN-0001 replaced");
  g_ptr_array_remove_range (batch, 0, 2);
  g_assert_true (ramus_store_import_cases (store, batch, RAMUS_STORE_IMPORT_REPLACE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), ==, 4);
  g_assert_cmpuint (count_matches (store, "replaced"), ==, 1);
}

/* ---- scores for follow-up statistics ---- */

static void
test_scores (void)
{
  g_autoptr(RamusStore) store = open_new ("scores.sqlite");
  g_autoptr(RamusCase) a = knee_case ("KN-0001", "2026-12-01");
  g_autoptr(RamusCase) anon = knee_case ("KN-0002", "2026-12-01");
  g_autoptr(RamusCase) s = shoulder_case ("SH-0001");
  g_autoptr(GPtrArray) scores = NULL;
  g_autoptr(GError) error = NULL;
  RamusFollowup *f;
  guint baseline = 0, at35 = 0, at90 = 0;

  f = ramus_case_add_followup (a, "2027-03-01");   /* day 90 */
  f->scores.values[RAMUS_SCORE_VAS] = 2;
  g_assert_true (ramus_case_anonymise (anon, NULL));
  s->baseline.values[RAMUS_SCORE_ASES] = 40;
  g_assert_true (ramus_store_save_case (store, a, NULL));
  g_assert_true (ramus_store_save_case (store, anon, NULL));
  g_assert_true (ramus_store_save_case (store, s, NULL));

  scores = ramus_store_get_scores (store, "knee", "knee-gae", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < scores->len; i++)
    {
      RamusStoreScore *sc = scores->pdata[i];
      g_assert_true (sc->score == RAMUS_SCORE_VAS || sc->score == RAMUS_SCORE_WOMAC);
      if (sc->baseline)
        {
          g_assert_cmpint (sc->day, ==, 0);
          g_assert_cmpfloat (sc->value, ==, sc->score == RAMUS_SCORE_VAS ? 8 : 61);
          baseline++;
        }
      else if (sc->day == 35)
        {
          g_assert_cmpfloat (sc->value, ==, sc->score == RAMUS_SCORE_VAS ? 3 : 22);
          at35++;
        }
      else
        {
          g_assert_cmpint (sc->day, ==, 90);
          g_assert_cmpstr (sc->case_id, ==, a->id);
          g_assert_cmpfloat (sc->value, ==, 2);
          at90++;
        }
    }
  /* Both cases' baselines and day-35 visits (one from dates, one from an
   * anonymised "day"), and one day-90 VAS. */
  g_assert_cmpuint (baseline, ==, 4);
  g_assert_cmpuint (at35, ==, 4);
  g_assert_cmpuint (at90, ==, 1);
  g_clear_pointer (&scores, g_ptr_array_unref);

  scores = ramus_store_get_scores (store, "shoulder", NULL, &error);
  g_assert_cmpuint (scores->len, ==, 1);
  g_assert_cmpint (((RamusStoreScore *) scores->pdata[0])->score, ==, RAMUS_SCORE_ASES);
  g_clear_pointer (&scores, g_ptr_array_unref);
  scores = ramus_store_get_scores (store, NULL, NULL, &error);
  g_assert_cmpuint (scores->len, ==, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/store/create-default", test_create_default);
  g_test_add_func ("/core/store/no-create", test_no_create);
  g_test_add_func ("/core/store/save-load", test_save_load);
  g_test_add_func ("/core/store/update", test_update);
  g_test_add_func ("/core/store/search", test_search);
  g_test_add_func ("/core/store/delete-undo", test_delete_undo);
  g_test_add_func ("/core/store/duplicate", test_duplicate);
  g_test_add_func ("/core/store/refuse-text-file", test_refuse_text_file);
  g_test_add_func ("/core/store/refuse-foreign-sqlite", test_refuse_foreign_sqlite);
  g_test_add_func ("/core/store/refuse-newer", test_refuse_newer);
  g_test_add_func ("/core/store/refuse-corrupt", test_refuse_corrupt);
  g_test_add_func ("/core/store/migrate", test_migrate);
  g_test_add_func ("/core/store/read-only", test_read_only);
  g_test_add_func ("/core/store/unwritable-location", test_unwritable_location);
  g_test_add_func ("/core/store/full-disk", test_full_disk);
  g_test_add_func ("/core/store/import-all-or-nothing", test_import);
  g_test_add_func ("/core/store/scores", test_scores);

  return g_test_run ();
}
