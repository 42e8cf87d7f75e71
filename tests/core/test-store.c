/* test-store.c — the case library: files it makes, files it refuses and
 * leaves untouched, search, undo, migrations, and failed saves that lose
 * nothing
 *
 * Every run has its own XDG_DATA_HOME and every test its own folder in it,
 * so the default library is a fresh temporary file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-store.h"
#include "ramus-store-private.h"
#include "ramus-test-util.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A file of its own for each test. */
static char *
test_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "libraries", g_test_get_path (), name, NULL);
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

/* The library keeps the case document as written, so a puncture side comes
 * back as it was saved and a case without one comes back without one: no
 * schema change is needed for the field. */
static void
test_puncture_side_kept (void)
{
  g_autofree char *path = test_path ("puncture.sqlite");
  g_autoptr(RamusCase) left = shoulder_case ("SH-LEFT-ARM");
  g_autoptr(RamusCase) usual = shoulder_case ("SH-USUAL");
  g_autoptr(RamusCase) loaded_left = NULL, loaded_usual = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;

  ramus_case_set_string (&left->puncture_side, "left");
  {
    g_autoptr(RamusStore) store = open_new ("puncture.sqlite");
    g_assert_true (ramus_store_save_case (store, left, &error));
    g_assert_true (ramus_store_save_case (store, usual, &error));
    g_assert_no_error (error);
  }
  document = query_text (path, "SELECT d.document FROM documents d JOIN cases c ON c.n = d.n "
                               "WHERE c.pseudonym = 'SH-LEFT-ARM'");
  g_assert_nonnull (strstr (document, "\"puncture_side\":\"left\""));
  {
    g_autoptr(RamusStore) store = ramus_store_open (path, RAMUS_STORE_OPEN_NO_CREATE, &error);
    g_assert_no_error (error);
    loaded_left = ramus_store_load_case (store, left->id, &error);
    loaded_usual = ramus_store_load_case (store, usual->id, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (loaded_left->puncture_side, ==, "left");
  g_assert_true (ramus_case_equal (left, loaded_left));
  g_assert_null (loaded_usual->puncture_side);
  g_assert_true (ramus_case_equal (usual, loaded_usual));
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
      g_clear_error (&error);
      g_chmod (dir, 0700);

      /* A library already there, in a folder or a file that became
       * read-only: it opens for reading, and a save fails cleanly. */
      for (guint locked_dir = 0; locked_dir < 2; locked_dir++)
        {
          g_autoptr(RamusCase) c = knee_case ("KN-0001", "2026-10-01");
          g_autoptr(RamusCase) kept = NULL;
          g_autoptr(GPtrArray) items = NULL;

          g_unlink (path);
          store = ramus_store_open (path, 0, &error);
          g_assert_no_error (error);
          ramus_store_save_case (store, c, &error);
          g_assert_no_error (error);
          g_clear_object (&store);
          g_chmod (locked_dir ? dir : path, locked_dir ? 0500 : 0400);

          store = ramus_store_open (path, 0, &error);
          g_assert_no_error (error);
          g_assert_true (ramus_store_get_read_only (store));
          items = ramus_store_list (store, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (items->len, ==, 1);
          ramus_case_set_string (&c->notes, "edited");
          kept = ramus_case_copy (c);
          g_assert_false (ramus_store_save_case (store, c, &error));
          g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_READ_ONLY);
          g_clear_error (&error);
          g_assert_true (ramus_case_equal (c, kept));
          g_clear_object (&store);
          g_chmod (dir, 0700);
          g_chmod (path, 0600);
        }
    }
  else
    g_test_message ("running as root, which file modes do not stop: the locked-folder cases are skipped");
}

/* A -wal left behind by a deleted library is not replayed into a new one
 * of the same name, and is kept, not deleted. */
static void
test_orphaned_wal (void)
{
  g_autofree char *path = test_path ("cases.sqlite");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *saved = NULL;
  g_autoptr(RamusCase) c = knee_case ("KN-0001", "2026-10-01");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  gsize length = 0;
  guint orphans = 0;
  const char *name;

  {
    g_autoptr(RamusStore) store = open_new ("cases.sqlite");
    g_assert_true (ramus_store_save_case (store, c, NULL));
    /* While it is open, the save is in the WAL. */
    g_assert_true (g_file_get_contents (wal, &saved, &length, NULL));
    g_assert_cmpuint (length, >, 0);
  }
  g_unlink (path);
  g_assert_true (g_file_set_contents (wal, saved, length, NULL));

  g_test_expect_message ("ramus-store", G_LOG_LEVEL_MESSAGE, "Moved*left by a library no longer there*");
  {
    g_autoptr(RamusStore) store = ramus_store_open (path, 0, &error);
    g_test_assert_expected_messages ();
    g_assert_no_error (error);
    g_assert_cmpuint (ramus_store_get_n_cases (store, NULL), ==, 0);
    g_assert_true (ramus_store_save_case (store, c, NULL));
  }
  {
    g_autofree char *check = query_text (path, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
  }
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)))
    if (g_str_has_prefix (name, "cases.sqlite-wal.orphaned-"))
      {
        g_autofree char *orphan = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;
        gsize orphan_length = 0;

        g_assert_true (g_file_get_contents (orphan, &contents, &orphan_length, NULL));
        g_assert_cmpmem (contents, orphan_length, saved, length);
        orphans++;
      }
  g_assert_cmpuint (orphans, ==, 1);
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

/* ---- the command line: `ramus case …` ---- */

static GPtrArray *
example_files (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  return files;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Every example imports cleanly, and together they cover every region and
 * every procedure template. */
static void
test_cli_examples (void)
{
  g_autofree char *library = test_path ("examples.sqlite");
  g_autoptr(GPtrArray) files = example_files ();
  g_autoptr(GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonNode) list = NULL;
  JsonArray *array;

  g_assert_cmpuint (files->len, >=, ramus_case_get_n_templates ());
  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "import", "--library", library, file, NULL);
      g_autoptr(RamusCase) c = ramus_case_load (file, NULL);

      if (run.status != 0)
        g_error ("%s does not import: %s", file, run.err);
      g_assert_nonnull (c);
      /* Clearly fictional. */
      g_assert_true (g_str_has_prefix (c->pseudonym, "EX-") || g_str_equal (c->pseudonym, "anonymous"));
      g_assert_nonnull (strstr (c->notes ? c->notes : "Fictional", "Fictional"));
      g_hash_table_add (regions, g_strdup (c->region));
      if (c->template_id)
        g_hash_table_add (templates, g_strdup (c->template_id));
      /* Stored as written: `case show --json` gives the same case. */
      if (c->id)
        {
          g_auto(RamusTestRun) show = ramus_test_run_cli ("case", "show", "--library", library, "--json", c->id, NULL);
          g_autoptr(RamusCase) back = NULL;

          g_assert_cmpint (show.status, ==, 0);
          back = ramus_case_from_json (show.out, NULL);
          g_assert_nonnull (back);
          g_assert_true (ramus_case_equal (back, c));
        }
    }
  for (guint i = 0; ramus_case_allowed_values ("region")[i]; i++)
    if (!g_hash_table_contains (regions, ramus_case_allowed_values ("region")[i]))
      g_error ("no example case for the %s region", ramus_case_allowed_values ("region")[i]);
  for (guint i = 0; i < ramus_case_get_n_templates (); i++)
    if (!g_hash_table_contains (templates, ramus_case_get_template (i)->id))
      g_error ("no example case for the %s template", ramus_case_get_template (i)->id);

  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "list", "--library", library, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    list = parse_json (run.out);
    array = json_node_get_array (list);
    g_assert_cmpuint (json_array_get_length (array), ==, files->len);
  }
}

static void
assert_import_refused (const char *library,
                       const char *file,
                       const char *reason)
{
  g_autofree char *before = file_hash (library);
  g_autofree char *after = NULL;
  gint64 cases = query_int (library, "SELECT count(*) FROM cases");
  g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "import", "--library", library, file, NULL);

  g_autofree char *lower = NULL;

  g_assert_cmpint (run.status, ==, 1);
  lower = g_utf8_strdown (run.err, -1);
  if (strstr (run.err, reason) == NULL || strstr (lower, "nothing was imported") == NULL)
    g_error ("unclear refusal of %s: %s", file, run.err);
  after = file_hash (library);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (library, "SELECT count(*) FROM cases"), ==, cases);
}

static void
test_cli_import_refused (void)
{
  g_autofree char *library = test_path ("import.sqlite");
  g_autofree char *knee = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "knee-gae.json", NULL);
  g_autofree char *hip = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "hip-tame.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *dir = g_path_get_dirname (library);
  struct { const char *name; const char *from; const char *to; const char *reason; } broken[] = {
    { "newer.json", "\"version\": 1", "\"version\": 2", "made by a newer Ramus" },
    { "truncated.json", "\"extensions\": {}\n}", "\"extensions\": {", "not valid JSON" },
    { "format.json", "\"ramus-case\"", "\"ramus-plan\"", "not a Ramus case file" },
    { "typo.json", "\"procedure_date\"", "\"procedure_dat\"", "procedure_dat" },
    { "range.json", "\"vas\": 8", "\"vas\": 11", "baseline.vas" },
    { "vessel.json", "\"lateral-superior-genicular-artery\"", "\"lateral-superior-genicular\"", "not an atlas vessel" },
  };

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_get_contents (knee, &text, NULL, NULL));
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "import", "--library", library, hip, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *path = g_build_filename (dir, broken[i].name, NULL);
      g_auto(GStrv) parts = g_strsplit (text, broken[i].from, 2);
      g_autofree char *changed = NULL;

      g_assert_nonnull (parts[1]);
      changed = g_strjoinv (broken[i].to, parts);
      g_assert_true (g_file_set_contents (path, changed, -1, NULL));
      assert_import_refused (library, path, broken[i].reason);
      {
        /* With a good file beside it: still nothing. */
        g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "import", "--library", library, knee, path, NULL);
        g_assert_cmpint (run.status, ==, 1);
        g_assert_cmpint (query_int (library, "SELECT count(*) FROM cases"), ==, 1);
      }
    }

  /* Already there: refused unless replaced or copied. */
  assert_import_refused (library, hip, "already in the library");
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "import", "--library", library, "--new-id", hip, "--json", NULL);
    g_autoptr(JsonNode) root = NULL;

    g_assert_cmpint (run.status, ==, 0);
    root = parse_json (run.out);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (root), 0),
                                                    "pseudonym"), ==, "EX-HP-0005");
    g_assert_cmpint (query_int (library, "SELECT count(*) FROM cases"), ==, 2);
  }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "import", "--library", library, "--replace", hip, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpint (query_int (library, "SELECT count(*) FROM cases"), ==, 2);
  }

  /* A file that was never there: nothing created either. */
  {
    g_autofree char *fresh = test_path ("never.sqlite");
    g_autofree char *path = g_build_filename (dir, "newer.json", NULL);
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "import", "--library", fresh, path, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }
}

static void
test_cli_export (void)
{
  g_autofree char *library = test_path ("export.sqlite");
  g_autofree char *dir = g_path_get_dirname (library);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *anon = g_build_filename (dir, "anon.json", NULL);
  g_autofree char *knee = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "knee-gae.json", NULL);
  g_autoptr(RamusCase) original = ramus_case_load (knee, NULL);
  g_autoptr(RamusCase) exported = NULL;
  g_autoptr(RamusCase) anonymous = NULL;
  g_autofree char *text = NULL;

  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "import", "--library", library, knee, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  /* By pseudonym or the start of the id, as typed. */
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "export", "--library", library, "EX-KN-0042", "-o", out, NULL);
    g_assert_cmpint (run.status, ==, 0);
    exported = ramus_case_load (out, NULL);
    g_assert_nonnull (exported);
    g_assert_true (ramus_case_equal (exported, original));
  }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "export", "--library", library, "0b6c1c1e", "--anonymise", "-o", anon, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (anon, &text, NULL, NULL));
    g_assert_null (strstr (text, "EX-KN-0042"));
    g_assert_null (strstr (text, "0b6c1c1e"));
    g_assert_null (strstr (text, "2026-12-01"));
    g_assert_null (strstr (text, "2027-01-05"));
    g_assert_null (strstr (text, "stairs"));
    anonymous = ramus_case_from_json (text, NULL);
    g_assert_cmpstr (anonymous->pseudonym, ==, "anonymous");
    g_assert_null (anonymous->id);
    g_assert_cmpint (anonymous->procedure_day, ==, 0);
    /* 2026-12-01 to 2027-01-05, 2027-03-02 and 2027-06-01. */
    g_assert_cmpint (g_array_index (anonymous->followups, RamusFollowup, 0).day, ==, 35);
    g_assert_cmpint (g_array_index (anonymous->followups, RamusFollowup, 1).day, ==, 91);
    g_assert_cmpint (g_array_index (anonymous->followups, RamusFollowup, 2).day, ==, 182);
    g_assert_null (g_array_index (anonymous->followups, RamusFollowup, 0).date);
  }
  /* An anonymised file imports (under a new id) and keeps its days. */
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "import", "--library", library, anon, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpint (query_int (library, "SELECT count(*) FROM cases"), ==, 2);
    g_assert_cmpint (query_int (library, "SELECT count(*) FROM followups WHERE day = 182"), ==, 2);
  }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "export", "--library", library, "EX-XX-9999", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "There is no case “EX-XX-9999”"));
  }
}

/* Splits RFC 4180 text into rows of fields, checking its quoting. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
        }
      else
        while (*p && *p != ',' && *p != '\r' && *p != '\n')
          g_string_append_c (field, *p++);
      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        p++;
      else
        {
          /* Records end in CRLF. */
          g_assert_true (p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static void
test_cli_csv (void)
{
  g_autofree char *library = test_path ("csv.sqlite");
  g_autofree char *dir = g_path_get_dirname (library);
  g_autofree char *csv = g_build_filename (dir, "visits.csv", NULL);
  g_autoptr(RamusCase) quoted = knee_case ("KN \"7\", left", "2026-12-01");
  g_autoptr(RamusCase) liver = ramus_case_new_from_template ("ctace");
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *text = NULL;
  GPtrArray *header, *row;
  RamusFollowup *f;

  ramus_case_set_string (&liver->pseudonym, "LV-0001");
  ramus_case_set_string (&liver->procedure_date, "2026-05-12");
  liver->baseline.values[RAMUS_SCORE_AFP] = 412;
  f = ramus_case_add_followup (liver, "2026-06-16");
  f->scores.values[RAMUS_SCORE_AFP] = 96.5;
  ramus_case_set_string (&f->mrecist, "PR");
  {
    g_autoptr(RamusStore) store = open_new ("csv.sqlite");
    g_assert_true (ramus_store_save_case (store, quoted, NULL));
    g_assert_true (ramus_store_save_case (store, liver, NULL));
  }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "export-csv", "--library", library, "-o", csv, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"KN \"\"7\"\", left\""));
  rows = parse_csv (text);
  /* Header, then baseline + 1 visit for each case, by procedure date. */
  g_assert_cmpuint (rows->len, ==, 5);
  header = rows->pdata[0];
  {
    const char *expected[] = { "case_id", "pseudonym", "region", "side", "indication", "template", "procedure_date",
                               "visit", "date", "day", "vas", "nrs", "womac", "ases", "quickdash", "afp_ng_ml",
                               "pivka_ii_mau_ml", "mrecist" };
    g_assert_cmpuint (header->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < header->len; i++)
      g_assert_cmpstr (header->pdata[i], ==, expected[i]);
  }
  row = rows->pdata[1];
  g_assert_cmpstr (row->pdata[1], ==, "LV-0001");
  g_assert_cmpstr (row->pdata[7], ==, "baseline");
  g_assert_cmpstr (row->pdata[15], ==, "412");
  row = rows->pdata[2];
  g_assert_cmpstr (row->pdata[7], ==, "1");
  g_assert_cmpstr (row->pdata[8], ==, "2026-06-16");
  g_assert_cmpstr (row->pdata[9], ==, "35");
  g_assert_cmpstr (row->pdata[15], ==, "96.5");
  g_assert_cmpstr (row->pdata[10], ==, "");
  g_assert_cmpstr (row->pdata[17], ==, "PR");
  row = rows->pdata[3];
  g_assert_cmpstr (row->pdata[0], ==, quoted->id);
  g_assert_cmpstr (row->pdata[1], ==, "KN \"7\", left");
  g_assert_cmpstr (row->pdata[10], ==, "8");
  g_assert_cmpstr (row->pdata[12], ==, "61");
  row = rows->pdata[4];
  g_assert_cmpstr (row->pdata[9], ==, "35");
  g_assert_cmpstr (row->pdata[12], ==, "22");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Anonymised: no ids, pseudonyms or dates; a number per case. */
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "export-csv", "--library", library, "--anonymise", "--region", "knee", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, "KN"));
    g_assert_null (strstr (run.out, "2026"));
    rows = parse_csv (run.out);
    g_assert_cmpuint (rows->len, ==, 3);
    g_assert_cmpstr (((GPtrArray *) rows->pdata[0])->pdata[0], ==, "case");
    g_assert_cmpstr (((GPtrArray *) rows->pdata[2])->pdata[0], ==, "1");
    g_assert_cmpstr (((GPtrArray *) rows->pdata[2])->pdata[6], ==, "35");
  }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "export-csv", "--library", library, "--region", "kne", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "unknown region “kne”"));
  }
}

static void
test_cli_global_library (void)
{
  g_autofree char *library = test_path ("global.sqlite");
  g_autofree char *other = test_path ("other.sqlite");
  g_autofree char *option = g_strconcat ("--library=", library, NULL);
  g_autofree char *knee = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "knee-gae.json", NULL);

  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("--library", library, "case", "import", knee, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli (option, "case", "list", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "EX-KN-0042"));
    g_assert_nonnull (strstr (run.out, "1 case"));
  }
  /* The subcommand's own option wins; a library that is not there lists
   * nothing and is not created. */
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("--library", library, "case", "list", "--library", other, "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
  /* Delete, with the deleted case printed for an undo by import. */
  {
    g_autofree char *undo = test_path ("undo.json");
    g_auto(RamusTestRun) run = ramus_test_run_cli ("--library", library, "case", "delete", "EX-KN-0042", "--json", NULL);
    g_auto(RamusTestRun) list = ramus_test_run_cli ("--library", library, "case", "list", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (list.out, "0 cases"));
    g_assert_true (g_file_set_contents (undo, run.out, -1, NULL));
    {
      g_auto(RamusTestRun) back = ramus_test_run_cli ("--library", library, "case", "import", undo, NULL);
      g_assert_cmpint (back.status, ==, 0);
    }
    g_assert_cmpint (query_int (library, "SELECT count(*) FROM followups"), ==, 3);
  }
}

static void
test_cli_usage (void)
{
  const char *commands[] = { "list", "show", "export", "import", "export-csv", "delete", "cohort", "chart" };
  g_autofree char *foreign = test_path ("foreign.sqlite");
  g_autofree char *before = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(RamusTestRun) run = ramus_test_run_cli ("case", commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "--library"));
    }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "show", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "list", "--sort", "colour", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  /* Another program's database: refused, untouched. */
  make_sqlite (foreign, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me');");
  before = file_hash (foreign);
  {
    g_autofree char *file = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "knee-gae.json", NULL);
    g_auto(RamusTestRun) list = ramus_test_run_cli ("case", "list", "--library", foreign, NULL);
    g_auto(RamusTestRun) import = ramus_test_run_cli ("case", "import", "--library", foreign, file, NULL);
    g_autofree char *after = file_hash (foreign);

    g_assert_cmpint (list.status, ==, 1);
    g_assert_cmpint (import.status, ==, 1);
    g_assert_nonnull (strstr (import.err, "not a Ramus case library"));
    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_cli_cohort (void)
{
  g_autofree char *library = test_path ("cohort.sqlite");
  g_autofree char *dir = g_path_get_dirname (library);
  g_autofree char *png = g_build_filename (dir, "womac.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "vas.svg", NULL);
  g_autoptr(GPtrArray) files = example_files ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *vas;

  for (guint i = 0; i < files->len; i++)
    {
      g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "import", "--library", library, files->pdata[i], NULL);
      g_assert_cmpint (run.status, ==, 0);
    }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "cohort", "--library", library, "--region", "knee", "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    root = parse_json (run.out);
  }
  /* The knee example: VAS 8 before, 4 at day 35, 3 at day 91, 3 at day 182. */
  vas = json_object_get_object_member (json_object_get_object_member (json_node_get_object (root), "scores"), "vas");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (vas, "baseline"), "median"), ==, 8);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (vas, "1m"), "median"), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (vas, "3m"), "median"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (vas, "12m"), "n"), ==, 0);

  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "cohort", "--library", library, "--template", "knee-gae", "--score", "womac",
                               "-o", png, NULL);
    cairo_surface_t *image;

    g_assert_cmpint (run.status, ==, 0);
    image = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
    g_assert_cmpint (cairo_image_surface_get_height (image), ==, 480);
    cairo_surface_destroy (image);
  }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "chart", "--library", library, "EX-SH-0007", "--score", "ases", "-o", svg,
                               "--theme", "print", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (svg, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(RamusTestRun) run = ramus_test_run_cli ("case", "chart", "--library", library, "EX-SH-0007", "--score", "womb", "-o", svg,
                               NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = ramus_test_isolate_data_dir ();
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/store/create-default", test_create_default);
  g_test_add_func ("/core/store/no-create", test_no_create);
  g_test_add_func ("/core/store/save-load", test_save_load);
  g_test_add_func ("/core/store/update", test_update);
  g_test_add_func ("/core/store/puncture-side-kept", test_puncture_side_kept);
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
  g_test_add_func ("/core/store/orphaned-wal", test_orphaned_wal);
  g_test_add_func ("/core/store/full-disk", test_full_disk);
  g_test_add_func ("/core/store/import-all-or-nothing", test_import);
  g_test_add_func ("/core/store/scores", test_scores);
  g_test_add_func ("/core/store/cli/examples", test_cli_examples);
  g_test_add_func ("/core/store/cli/import-refused", test_cli_import_refused);
  g_test_add_func ("/core/store/cli/export", test_cli_export);
  g_test_add_func ("/core/store/cli/export-csv", test_cli_csv);
  g_test_add_func ("/core/store/cli/global-library", test_cli_global_library);
  g_test_add_func ("/core/store/cli/usage", test_cli_usage);
  g_test_add_func ("/core/store/cli/cohort", test_cli_cohort);

  status = g_test_run ();
  ramus_test_remove_tree (root);
  return status;
}
