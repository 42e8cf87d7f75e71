/* ramus-store.c — the case library on SQLite
 *
 * The file is the user's primary data, so opening is cautious: the first
 * 100 bytes are read with plain read(2) to recognise SQLite and our
 * `application_id` before SQLite itself touches the file, then a read-only
 * connection checks the schema version and runs `PRAGMA quick_check`. Only
 * a file that passes all of that is opened for writing. A new library is
 * built under a temporary name and linked into place, so the path either
 * does not exist or holds a complete library, even if the process dies
 * half-way.
 *
 * Each case is stored whole as its JSON document (docs/case-format.md), the
 * one source of truth, with columns, targets, follow-ups and an FTS5 index
 * derived from it in the same transaction. The documents live in a table of
 * their own so that listing 10,000 cases reads only the small `cases` rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-store"

#include "config.h"

#include "ramus-store.h"
#include "ramus-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

G_DEFINE_QUARK (ramus-store-error-quark, ramus_store_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The longest pseudonym the case format allows (docs/case-format.md). */
#define PSEUDONYM_MAX_CHARS 64

/* What a case is found by when the user types: built in SQL from the
 * derived columns so that saving and migrating share one definition. Tokens
 * split at punctuation, so "KN-00" finds "KN-0042" and "2026-12" finds
 * "2026-12-01". */
#define SEARCH_BODY_SQL \
  "c.pseudonym || ' ' || c.region || ' ' || c.side || ' ' || " \
  "coalesce (c.indication, '') || ' ' || coalesce (c.template, '') || ' ' || " \
  "coalesce (c.procedure_date, '') || ' ' || " \
  "coalesce ((SELECT group_concat (t.vessel || ' ' || coalesce (t.embolic, ''), ' ') " \
  "           FROM targets t WHERE t.case_id = c.id), '') || ' ' || " \
  "coalesce ((SELECT group_concat (f.date, ' ') FROM followups f WHERE f.case_id = c.id), '')"

/* Schema history. Each step runs in its own transaction together with the
 * `user_version` it leads to; a library made today runs them all, so the
 * migration path is exercised on every new file. A step is never edited once
 * released: later changes are new steps. */
static const char * const migrations[] = {
  /* 1: cases, their targets and follow-up visits. */
  "CREATE TABLE cases ("
  "  n INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  pseudonym TEXT NOT NULL,"
  "  region TEXT NOT NULL,"
  "  side TEXT NOT NULL,"
  "  indication TEXT,"
  "  template TEXT,"
  "  procedure_date TEXT,"
  "  created TEXT NOT NULL,"
  "  modified TEXT NOT NULL,"
  "  n_targets INTEGER NOT NULL DEFAULT 0,"
  "  n_followups INTEGER NOT NULL DEFAULT 0,"
  "  baseline TEXT NOT NULL DEFAULT '{}');"
  "CREATE TABLE documents ("
  "  n INTEGER PRIMARY KEY REFERENCES cases (n) ON DELETE CASCADE,"
  "  document TEXT NOT NULL);"
  "CREATE INDEX cases_by_modified ON cases (modified);"
  "CREATE INDEX cases_by_region ON cases (region, template);"
  "CREATE TABLE targets ("
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE ON UPDATE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  vessel TEXT NOT NULL,"
  "  embolic TEXT,"
  "  PRIMARY KEY (case_id, position)) WITHOUT ROWID;"
  "CREATE INDEX targets_by_vessel ON targets (vessel);"
  "CREATE TABLE followups ("
  "  case_id TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE ON UPDATE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  date TEXT,"
  "  day INTEGER,"
  "  mrecist TEXT,"
  "  scores TEXT NOT NULL DEFAULT '{}',"
  "  PRIMARY KEY (case_id, position)) WITHOUT ROWID;",

  /* 2: search as you type over what the list shows. */
  "CREATE VIRTUAL TABLE case_search USING fts5 ("
  "  body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
  "INSERT INTO case_search (rowid, body) SELECT c.n, " SEARCH_BODY_SQL " FROM cases c;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RAMUS_STORE_SCHEMA_VERSION);

struct _RamusStore
{
  GObject parent_instance;

  sqlite3 *db;
  GHashTable *statements;      /* SQL text -> sqlite3_stmt*, for writing */
  char *path;
  gboolean read_only;
};

G_DEFINE_FINAL_TYPE (RamusStore, ramus_store, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ramus_store_finalize (GObject *object)
{
  RamusStore *self = RAMUS_STORE (object);

  /* Closing the last connection checkpoints the WAL into the file. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (ramus_store_parent_class)->finalize (object);
}

static void
ramus_store_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RamusStore *self = RAMUS_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_store_class_init (RamusStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ramus_store_finalize;
  object_class->get_property = ramus_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RamusStore::changed:
   * @id: (nullable): the case that was saved, deleted or restored, or NULL
   *   when several changed (an import)
   *
   * Emitted after a change has been committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
ramus_store_init (RamusStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
}

/* The default library: $XDG_DATA_HOME/ramus/cases.sqlite. */
char *
ramus_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "ramus", "cases.sqlite", NULL);
}

/* ---------------------------------------------------------------------- */
/* Errors                                                                 */

static int
store_error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return RAMUS_STORE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return RAMUS_STORE_ERROR_FULL;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return RAMUS_STORE_ERROR_CORRUPT;
    default:
      return RAMUS_STORE_ERROR_IO;
    }
}

/* A failed change: says what did not happen and why, in words that tell the
 * user the case is still with them. */
static void
set_write_error (RamusStore  *self,
                 GError     **error,
                 int          rc,
                 const char  *what)
{
  int code;

  if (rc == SQLITE_OK)
    rc = sqlite3_errcode (self->db);
  code = store_error_code_for_sqlite (rc);
  switch (code)
    {
    case RAMUS_STORE_ERROR_READ_ONLY:
      g_set_error (error, RAMUS_STORE_ERROR, code,
                   _("%s: the case library “%s” is read-only (a read-only location, or opened "
                     "read-only). Save the case to another library."),
                   what, self->path);
      break;
    case RAMUS_STORE_ERROR_FULL:
      g_set_error (error, RAMUS_STORE_ERROR, code,
                   _("%s: the disk holding “%s” is full. Free some space or save the case to "
                     "another library."),
                   what, self->path);
      break;
    default:
      g_set_error (error, RAMUS_STORE_ERROR, code, _("%s: could not write “%s” (%s)."),
                   what, self->path, sqlite3_errstr (rc));
    }
}

static void
set_read_error (RamusStore  *self,
                GError     **error)
{
  int rc = sqlite3_errcode (self->db);

  g_set_error (error, RAMUS_STORE_ERROR, store_error_code_for_sqlite (rc),
               _("Could not read the case library “%s” (%s)."), self->path, sqlite3_errmsg (self->db));
}

/* ---------------------------------------------------------------------- */
/* Opening: inspect, check, create, migrate                               */

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Looks at the SQLite header with plain read(2): no SQLite connection, no
 * -wal or -shm file is made for a file that turns out to be someone else's. */
static gboolean
inspect_header (const char  *path,
                guint32     *user_version,
                GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  guint8 header[100];
  struct stat st;
  gssize got = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, RAMUS_STORE_ERROR,
                   saved == ENOENT ? RAMUS_STORE_ERROR_NOT_FOUND : RAMUS_STORE_ERROR_IO,
                   _("Could not open the case library “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_LIBRARY,
                   _("“%s” is not a Ramus case library (it is not a regular file). It was left unchanged."),
                   path);
      return FALSE;
    }
  while (got < (gssize) sizeof header)
    {
      gssize n = read (fd, header + got, sizeof header - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += n;
    }
  close (fd);

  if (st.st_size == 0)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_LIBRARY,
                   _("“%s” is an empty file, not a Ramus case library. It was left unchanged."), path);
      return FALSE;
    }
  if (got < (gssize) sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_LIBRARY,
                   _("“%s” is not a Ramus case library (it is not an SQLite database). It was left unchanged."),
                   path);
      return FALSE;
    }
  /* Offsets 60 and 68 of the database header. */
  *user_version = read_be32 (header + 60);
  if (read_be32 (header + 68) == 0)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_LIBRARY,
                   _("“%s” is an SQLite database but not a Ramus case library. It was left unchanged."), path);
      return FALSE;
    }
  if (read_be32 (header + 68) != RAMUS_STORE_APPLICATION_ID)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_LIBRARY,
                   _("“%s” belongs to another application (SQLite application id 0x%08x), not Ramus. "
                     "It was left unchanged."),
                   path, read_be32 (header + 68));
      return FALSE;
    }
  return TRUE;
}

static gboolean
refuse_newer (const char  *path,
              guint32      version,
              GError     **error)
{
  if (version <= RAMUS_STORE_SCHEMA_VERSION)
    return FALSE;
  g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NEWER,
               _("“%s” was written by a newer version of Ramus (library version %u; this Ramus reads "
                 "versions up to %d). It was left unchanged; open it with a newer Ramus."),
               path, version, RAMUS_STORE_SCHEMA_VERSION);
  return TRUE;
}

static void
set_corrupt_error (const char  *path,
                   const char  *detail,
                   GError     **error)
{
  g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_CORRUPT,
               _("“%s” is damaged (SQLite reports: %s). It was left unchanged; restore it from a "
                 "backup or choose another library."),
               path, detail);
}

static gboolean
pragma_int (sqlite3    *db,
            const char *sql,
            gint64     *value)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* The checks SQLite can make, through a read-only connection so that a
 * refused file is never written. */
static gboolean
check_library (sqlite3     *db,
               const char  *path,
               guint32     *user_version,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);
  gint64 app_id = 0, version = 0;
  int rc;

  /* The header may be older than the WAL; these see both. */
  if (!pragma_int (db, "PRAGMA application_id", &app_id) ||
      !pragma_int (db, "PRAGMA user_version", &version))
    {
      set_corrupt_error (path, sqlite3_errmsg (db), error);
      return FALSE;
    }
  if (app_id != RAMUS_STORE_APPLICATION_ID)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_LIBRARY,
                   _("“%s” belongs to another application (SQLite application id 0x%08x), not Ramus. "
                     "It was left unchanged."),
                   path, (guint32) app_id);
      return FALSE;
    }
  if (refuse_newer (path, (guint32) version, error))
    return FALSE;
  if (version < 1)
    {
      set_corrupt_error (path, _("it has no schema version"), error);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      rc = SQLITE_OK;
      if (g_strcmp0 (line, "ok") != 0 && problems->len < 400)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
    }
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      set_corrupt_error (path, sqlite3_errmsg (db), error);
      return FALSE;
    }
  if (problems->len > 0)
    {
      set_corrupt_error (path, problems->str, error);
      return FALSE;
    }
  *user_version = (guint32) version;
  return TRUE;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      int         *rc_out)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc_out)
    *rc_out = rc;
  return rc == SQLITE_OK;
}

/* Runs the steps after @from, each in one transaction with its version. */
static gboolean
migrate (sqlite3  *db,
         guint32   from,
         int      *rc)
{
  for (guint32 v = from; v < RAMUS_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", v + 1);

      if (!exec (db, "BEGIN IMMEDIATE", rc))
        return FALSE;
      if (!exec (db, migrations[v], rc) || !exec (db, bump, rc) ||
          (v == 0 && !exec (db, "PRAGMA application_id = " G_STRINGIFY (RAMUS_STORE_APPLICATION_ID), rc)) ||
          !exec (db, "COMMIT", rc))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

static void
sync_path (const char *path,
           gboolean    directory)
{
  int fd = g_open (path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* A -wal left beside a library that was deleted would be replayed into the
 * new file of the same name and damage it. It may hold the last changes of
 * that library, so it is kept under another name; the -shm is only an index
 * and goes. */
static void
set_aside_orphans (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
      g_autofree char *aside = g_strdup_printf ("%s-wal.orphaned-%s", path, stamp);

      if (g_rename (wal, aside) == 0)
        g_message ("Moved %s, left by a library no longer there, to %s", wal, aside);
    }
  g_unlink (shm);
}

/* Builds a complete new library under a temporary name beside @path and
 * links it into place without ever replacing a file that appeared there
 * meanwhile (the caller then inspects that file as any other). */
static gboolean
create_library (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strconcat (path, ".new-XXXXXX", NULL);
  sqlite3 *db = NULL;
  int fd, rc = SQLITE_OK;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, RAMUS_STORE_ERROR,
                   saved == EACCES || saved == EROFS || saved == EPERM ? RAMUS_STORE_ERROR_READ_ONLY
                                                                       : RAMUS_STORE_ERROR_IO,
                   _("Could not create the folder “%s” for the case library: %s."), dir, g_strerror (saved));
      return FALSE;
    }
  /* Mode 0600: cases are about patients. SQLite gives the -wal and -shm
   * files the mode of the database. */
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, RAMUS_STORE_ERROR,
                   saved == EACCES || saved == EROFS || saved == EPERM ? RAMUS_STORE_ERROR_READ_ONLY
                   : saved == ENOSPC ? RAMUS_STORE_ERROR_FULL
                                     : RAMUS_STORE_ERROR_IO,
                   _("Could not create the case library “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    migrate (db, 0, &rc);
  if (rc == SQLITE_OK)
    rc = sqlite3_close (db);
  else
    sqlite3_close_v2 (db);
  if (rc != SQLITE_OK)
    {
      g_unlink (tmp);
      g_set_error (error, RAMUS_STORE_ERROR, store_error_code_for_sqlite (rc),
                   _("Could not create the case library “%s” (%s)."), path, sqlite3_errstr (rc));
      return FALSE;
    }
  sync_path (tmp, FALSE);
  set_aside_orphans (path);

  /* link(2) fails rather than replace; a file system without hard links
   * gets a rename after a last look. */
  if (link (tmp, path) != 0)
    {
      int saved = errno;
      if (saved == EEXIST || g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_unlink (tmp);
          return TRUE;
        }
      if (g_rename (tmp, path) != 0)
        {
          saved = errno;
          g_unlink (tmp);
          g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_IO,
                       _("Could not create the case library “%s”: %s."), path, g_strerror (saved));
          return FALSE;
        }
    }
  else
    g_unlink (tmp);
  sync_path (dir, TRUE);
  return TRUE;
}

/* A copy of the library as it is before a migration, never overwriting an
 * earlier copy: cases.sqlite.bak-v1, then cases.sqlite.bak-v1-2, … */
static gboolean
backup_before_migration (sqlite3     *db,
                         const char  *path,
                         guint32      version,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *backup = NULL;
  int fd = -1, rc;

  for (guint i = 1; i < 1000 && fd < 0; i++)
    {
      g_free (backup);
      backup = i == 1 ? g_strdup_printf ("%s.bak-v%u", path, version)
                      : g_strdup_printf ("%s.bak-v%u-%u", path, version, i);
      fd = g_open (backup, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno != EEXIST)
        break;
    }
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_IO,
                   _("Could not back up “%s” before updating it (%s); it was left unchanged."),
                   path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  /* A consistent snapshot that includes what is still in the WAL. */
  rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, backup, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode (db);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RAMUS_STORE_ERROR, store_error_code_for_sqlite (rc),
                   _("Could not back up “%s” before updating it (%s); it was left unchanged."),
                   path, sqlite3_errmsg (db));
      g_unlink (backup);
      return FALSE;
    }
  sync_path (backup, FALSE);
  g_message ("Backed up %s (version %u) to %s before updating it", path, version, backup);
  return TRUE;
}

static char *
immutable_uri (const char *path)
{
  g_autofree char *escaped = g_uri_escape_string (path, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH, FALSE);
  return g_strconcat ("file:", escaped, "?immutable=1", NULL);
}

static sqlite3 *
open_checked (const char  *path,
              guint32     *version,
              GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  gboolean immutable;
  int rc;

  if (!inspect_header (path, version, error) || refuse_newer (path, *version, error))
    return NULL;

  /* With no WAL beside it, everything is in the file itself: read it as
   * immutable so that even a file refused now gets no -wal or -shm beside
   * it. A WAL left by a crash or by another Ramus holds committed cases,
   * so then it is read the ordinary way. */
  immutable = !g_file_test (wal, G_FILE_TEST_EXISTS);
  uri = immutable ? immutable_uri (path) : g_strdup (path);
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | (immutable ? SQLITE_OPEN_URI : 0), NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_IO,
                   _("Could not open the case library “%s” (%s)."), path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  if (!check_library (db, path, version, error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

/* A read-only connection for browsing. An ordinary one sees what another
 * Ramus commits; where SQLite cannot make the -shm file (a read-only
 * folder) and there is no WAL, nobody can be writing, so the file is read
 * as immutable. */
static gboolean
open_read_only (RamusStore  *self,
                GError     **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  gint64 tables = 0;
  int rc;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char *uri = attempt == 0 ? g_strdup (self->path) : immutable_uri (self->path);

      g_clear_pointer (&self->db, sqlite3_close_v2);
      if (attempt == 1 && g_file_test (wal, G_FILE_TEST_EXISTS))
        break;
      rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | (attempt == 1 ? SQLITE_OPEN_URI : 0), NULL);
      if (rc == SQLITE_OK)
        sqlite3_busy_timeout (self->db, 5000);
      if (rc == SQLITE_OK && pragma_int (self->db, "SELECT count(*) FROM sqlite_master", &tables))
        {
          self->read_only = TRUE;
          return TRUE;
        }
    }
  g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_IO,
               _("Could not open the case library “%s” (%s)."), self->path,
               self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  return FALSE;
}

/**
 * ramus_store_open:
 * @path: (type filename): the library file; created when it does not exist
 *   (unless %RAMUS_STORE_OPEN_NO_CREATE or %RAMUS_STORE_OPEN_READ_ONLY)
 *
 * Opens a case library. A file that is not a Ramus library, is damaged or
 * comes from a newer Ramus is refused and not modified in any way. A library
 * from an older Ramus is copied to `PATH.bak-vN` and then migrated. A file
 * Ramus may not write is opened read-only: browsing works and every change
 * fails with %RAMUS_STORE_ERROR_READ_ONLY.
 */
RamusStore *
ramus_store_open (const char           *path,
                  RamusStoreOpenFlags   flags,
                  GError              **error)
{
  g_autoptr(RamusStore) self = NULL;
  sqlite3 *inspect = NULL;
  guint32 version = 0;
  int rc = SQLITE_OK;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (flags & (RAMUS_STORE_OPEN_NO_CREATE | RAMUS_STORE_OPEN_READ_ONLY))
        {
          g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND,
                       _("There is no case library at “%s”."), path);
          return NULL;
        }
      if (!create_library (path, error))
        return NULL;
    }

  inspect = open_checked (path, &version, error);
  if (inspect == NULL)
    return NULL;

  self = g_object_new (RAMUS_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (flags & RAMUS_STORE_OPEN_READ_ONLY)
    {
      /* An older library lacks tables this Ramus reads, and updating it
       * would be a write. */
      if (version < RAMUS_STORE_SCHEMA_VERSION)
        {
          sqlite3_close_v2 (inspect);
          g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_READ_ONLY,
                       _("“%s” was made by an older Ramus and must be updated before it can be "
                         "read, but it was opened read-only. It was left unchanged."),
                       path);
          return NULL;
        }
      sqlite3_close_v2 (inspect);
      return open_read_only (self, error) ? g_steal_pointer (&self) : NULL;
    }
  sqlite3_close_v2 (inspect);

  /* SQLite opens a file it may not write read-only and says so. */
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_IO,
                   _("Could not open the case library “%s” (%s)."), path, sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  self->read_only = sqlite3_db_readonly (self->db, "main") == 1;

  if (!self->read_only)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      const char *mode = NULL;

      /* Already WAL since creation, so this reads the mode back; it fails
       * when the WAL files cannot be made (a read-only folder). */
      if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        mode = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (mode, "wal") != 0)
        {
          g_clear_pointer (&stmt, sqlite3_finalize);
          if (version < RAMUS_STORE_SCHEMA_VERSION)
            self->read_only = TRUE;
          else
            return open_read_only (self, error) ? g_steal_pointer (&self) : NULL;
        }
    }

  /* FULL: a save acknowledged to the user survives a power cut, not only a
   * crash of Ramus. */
  if (!self->read_only && !exec (self->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", &rc))
    {
      set_write_error (self, error, rc, _("Could not open the case library"));
      return NULL;
    }

  if (version < RAMUS_STORE_SCHEMA_VERSION)
    {
      if (self->read_only)
        {
          g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_READ_ONLY,
                       _("“%s” was made by an older Ramus and must be updated, but it is read-only. "
                         "It was left unchanged."),
                       path);
          return NULL;
        }
      if (!backup_before_migration (self->db, path, version, error))
        return NULL;
      if (!migrate (self->db, version, &rc))
        {
          set_write_error (self, error, rc, _("Could not update the case library"));
          return NULL;
        }
    }
  return g_steal_pointer (&self);
}

const char *
ramus_store_get_path (RamusStore *self)
{
  g_return_val_if_fail (RAMUS_IS_STORE (self), NULL);
  return self->path;
}

gboolean
ramus_store_get_read_only (RamusStore *self)
{
  g_return_val_if_fail (RAMUS_IS_STORE (self), TRUE);
  return self->read_only;
}

sqlite3 *
ramus_store_get_connection (RamusStore *self)
{
  g_return_val_if_fail (RAMUS_IS_STORE (self), NULL);
  return self->db;
}

guint
ramus_store_get_n_cases (RamusStore  *self,
                         GError     **error)
{
  gint64 n = 0;

  g_return_val_if_fail (RAMUS_IS_STORE (self), 0);
  if (!pragma_int (self->db, "SELECT count(*) FROM cases", &n))
    set_read_error (self, error);
  return (guint) n;
}

/* ---------------------------------------------------------------------- */
/* Listing and search                                                     */

void
ramus_store_item_free (RamusStoreItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->pseudonym);
  g_free (item->region);
  g_free (item->side);
  g_free (item->indication);
  g_free (item->template_id);
  g_free (item->procedure_date);
  g_free (item->created);
  g_free (item->modified);
  g_free (item);
}

void
ramus_store_score_free (RamusStoreScore *score)
{
  if (score == NULL)
    return;
  g_free (score->case_id);
  g_free (score);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
has_word_char (const char *word)
{
  for (const char *p = word; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* The user's text as an FTS5 query: every word must match as a prefix; a
 * word with punctuation is a phrase ("KN-00" → "kn" then "00…"). Quoting
 * keeps FTS5 operators typed by the user from being interpreted. */
static char *
build_match (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  GString *match = g_string_new (NULL);

  for (guint i = 0; words[i]; i++)
    {
      g_auto(GStrv) quotes = NULL;
      g_autofree char *escaped = NULL;

      if (!has_word_char (words[i]))
        continue;
      quotes = g_strsplit (words[i], "\"", -1);
      escaped = g_strjoinv ("\"\"", quotes);
      g_string_append_printf (match, "%s\"%s\"*", match->len ? " " : "", escaped);
    }
  if (match->len == 0)
    {
      g_string_free (match, TRUE);
      return NULL;
    }
  return g_string_free (match, FALSE);
}

/**
 * ramus_store_list:
 * @query: (nullable): what to list; NULL lists every case, newest first
 *
 * Returns: (transfer full) (element-type RamusStoreItem): the matching cases
 */
GPtrArray *
ramus_store_list (RamusStore            *self,
                  const RamusStoreQuery *query,
                  GError               **error)
{
  static const RamusStoreQuery all = { 0 };
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_store_item_free);
  g_autofree char *match = NULL;
  const char *direction;
  int rc;

  g_return_val_if_fail (RAMUS_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (query == NULL)
    query = &all;
  if (query->text)
    match = build_match (query->text);
  direction = query->ascending ? "ASC" : "DESC";

  g_string_append (sql,
                   "SELECT c.id, c.pseudonym, c.region, c.side, c.indication, c.template, "
                   "c.procedure_date, c.created, c.modified, c.n_targets, c.n_followups "
                   "FROM cases c WHERE (?2 IS NULL OR c.region = ?2) AND (?3 IS NULL OR c.template = ?3)");
  if (match)
    g_string_append (sql, " AND c.n IN (SELECT rowid FROM case_search WHERE case_search MATCH ?1)");
  switch (query->sort)
    {
    case RAMUS_STORE_SORT_PROCEDURE_DATE:
      g_string_append_printf (sql, " ORDER BY c.procedure_date IS NULL, c.procedure_date %s, c.n %s",
                              direction, direction);
      break;
    case RAMUS_STORE_SORT_PSEUDONYM:
      g_string_append_printf (sql, " ORDER BY c.pseudonym COLLATE NOCASE %s, c.n %s", direction, direction);
      break;
    case RAMUS_STORE_SORT_REGION:
      g_string_append_printf (sql, " ORDER BY c.region %s, c.modified DESC, c.n DESC", direction);
      break;
    case RAMUS_STORE_SORT_MODIFIED:
    default:
      g_string_append_printf (sql, " ORDER BY c.modified %s, c.n %s", direction, direction);
      break;
    }
  g_string_append (sql, " LIMIT ?4");

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK && match)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 2, query->region, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, query->template_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, query->limit ? (gint64) query->limit : -1);
    }
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RamusStoreItem *item = g_new0 (RamusStoreItem, 1);

      item->id = column_dup (stmt, 0);
      item->pseudonym = column_dup (stmt, 1);
      item->region = column_dup (stmt, 2);
      item->side = column_dup (stmt, 3);
      item->indication = column_dup (stmt, 4);
      item->template_id = column_dup (stmt, 5);
      item->procedure_date = column_dup (stmt, 6);
      item->created = column_dup (stmt, 7);
      item->modified = column_dup (stmt, 8);
      item->n_targets = sqlite3_column_int (stmt, 9);
      item->n_followups = sqlite3_column_int (stmt, 10);
      g_ptr_array_add (items, item);
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_DONE)
    {
      set_read_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* ---------------------------------------------------------------------- */
/* Reading and writing cases                                              */

static char *
now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* Days from the procedure: from the dates when both are known, else the
 * day an anonymised file carries; G_MININT when neither. */
static int
followup_day (const RamusCase     *kase,
              const RamusFollowup *f)
{
  GDate procedure, visit;

  if (parse_date (kase->procedure_date, &procedure) && parse_date (f->date, &visit))
    return g_date_days_between (&procedure, &visit);
  if (f->date == NULL && f->day != G_MININT)
    return f->day;
  return G_MININT;
}

/* A visit's scores as a JSON object for json_each(); written by hand since
 * it runs for every visit of every saved case. */
static char *
scores_json (const RamusScores *scores)
{
  GString *json = g_string_new ("{");

  for (guint s = 0; s < RAMUS_N_SCORES; s++)
    if (isfinite (scores->values[s]))
      {
        char number[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append_printf (json, "%s\"%s\":%s", json->len > 1 ? "," : "", ramus_score_get_info (s)->key,
                                g_ascii_dtostr (number, sizeof number, scores->values[s]));
      }
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

static const char *
side_name (RamusSide side)
{
  return side == RAMUS_SIDE_LEFT ? "left" : "right";
}

/* A statement kept prepared for the life of the connection, reset and
 * unbound: saving a case runs the same few statements every time. Only
 * statements that run to completion are kept, so none holds a read
 * transaction open between calls. */
static sqlite3_stmt *
statement (RamusStore *self,
           const char *sql,
           int        *rc)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  *rc = SQLITE_OK;
  if (stmt == NULL)
    {
      *rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (*rc != SQLITE_OK)
        return NULL;
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

/* Runs a statement to its end and resets it; its result code. */
static int
run (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* Looks a case up by id: its row number, or 0 when it is not there. */
static gboolean
find_case (RamusStore *self,
           const char *id,
           gint64     *n,
           int        *rc)
{
  sqlite3_stmt *stmt = statement (self, "SELECT n FROM cases WHERE id = ?1", rc);

  *n = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  *rc = sqlite3_step (stmt);
  if (*rc == SQLITE_ROW)
    *n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (*rc == SQLITE_ROW || *rc == SQLITE_DONE)
    {
      *rc = SQLITE_OK;
      return TRUE;
    }
  return FALSE;
}

/* Writes one case (which has its id, created and modified set) and its
 * derived rows; inside a transaction the caller owns. */
/* The targets' names and abbreviations in the three languages, so that a
 * case is found by "LSGA", "genicular" or 膝上外側動脈 and not only by the
 * vessel's id. Without the atlas (a bare test build) the ids alone serve. */
static char *
target_names (const RamusCase *kase)
{
  GString *names = g_string_new (NULL);
  RamusAtlas *atlas = ramus_atlas_get_default (NULL);

  for (guint i = 0; atlas && i < kase->targets->len; i++)
    {
      const RamusTarget *t = &g_array_index (kase->targets, RamusTarget, i);
      const RamusVessel *v = t->vessel ? ramus_atlas_lookup (atlas, t->vessel) : NULL;

      if (v == NULL)
        continue;
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        g_string_append_printf (names, "%s ", v->names[l]);
      for (guint a = 0; v->abbreviations[a]; a++)
        g_string_append_printf (names, "%s ", v->abbreviations[a]);
    }
  return g_string_free (names, FALSE);
}

static int
write_case (RamusStore      *self,
            const RamusCase *kase)
{
  g_autofree char *document = ramus_case_to_json (kase, FALSE);
  g_autofree char *baseline = scores_json (&kase->baseline);
  sqlite3_stmt *stmt;
  guint n_targets = 0;
  gint64 n = 0;
  int rc;

  for (guint i = 0; kase->targets && i < kase->targets->len; i++)
    n_targets += g_array_index (kase->targets, RamusTarget, i).vessel != NULL;

  if (!find_case (self, kase->id, &n, &rc))
    return rc;
  if (n != 0)
    stmt = statement (self,
                      "UPDATE cases SET pseudonym = ?2, region = ?3, side = ?4, indication = ?5, "
                      "template = ?6, procedure_date = ?7, created = ?8, modified = ?9, "
                      "n_targets = ?10, n_followups = ?11, baseline = ?12 WHERE n = ?13",
                      &rc);
  else
    stmt = statement (self,
                      "INSERT INTO cases (id, pseudonym, region, side, indication, template, "
                      "procedure_date, created, modified, n_targets, n_followups, baseline) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                      &rc);
  if (stmt == NULL)
    return rc;
  if (n == 0)
    sqlite3_bind_text (stmt, 1, kase->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kase->pseudonym ? kase->pseudonym : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kase->region, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, side_name (kase->side), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, kase->indication.id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, kase->template_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, kase->procedure_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, kase->created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, kase->modified, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 10, n_targets);
  sqlite3_bind_int (stmt, 11, kase->followups ? kase->followups->len : 0);
  sqlite3_bind_text (stmt, 12, baseline, -1, SQLITE_STATIC);
  if (n != 0)
    sqlite3_bind_int64 (stmt, 13, n);
  if ((rc = run (stmt)) != SQLITE_OK)
    return rc;
  if (n == 0)
    n = sqlite3_last_insert_rowid (self->db);

  if ((stmt = statement (self, "INSERT OR REPLACE INTO documents (n, document) VALUES (?1, ?2)", &rc)) == NULL)
    return rc;
  sqlite3_bind_int64 (stmt, 1, n);
  sqlite3_bind_text (stmt, 2, document, -1, SQLITE_STATIC);
  if ((rc = run (stmt)) != SQLITE_OK)
    return rc;

  /* The derived rows are rebuilt from the document each time. */
  if ((stmt = statement (self, "DELETE FROM targets WHERE case_id = ?1", &rc)) == NULL)
    return rc;
  sqlite3_bind_text (stmt, 1, kase->id, -1, SQLITE_STATIC);
  if ((rc = run (stmt)) != SQLITE_OK)
    return rc;
  if ((stmt = statement (self, "DELETE FROM followups WHERE case_id = ?1", &rc)) == NULL)
    return rc;
  sqlite3_bind_text (stmt, 1, kase->id, -1, SQLITE_STATIC);
  if ((rc = run (stmt)) != SQLITE_OK)
    return rc;

  for (guint i = 0; kase->targets && i < kase->targets->len; i++)
    {
      const RamusTarget *t = &g_array_index (kase->targets, RamusTarget, i);

      if (t->vessel == NULL)
        continue;
      stmt = statement (self, "INSERT INTO targets (case_id, position, vessel, embolic) VALUES (?1, ?2, ?3, ?4)",
                        &rc);
      if (stmt == NULL)
        return rc;
      sqlite3_bind_text (stmt, 1, kase->id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, t->vessel, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, t->embolic, -1, SQLITE_STATIC);
      if ((rc = run (stmt)) != SQLITE_OK)
        return rc;
    }

  for (guint i = 0; kase->followups && i < kase->followups->len; i++)
    {
      const RamusFollowup *f = &g_array_index (kase->followups, RamusFollowup, i);
      g_autofree char *scores = scores_json (&f->scores);
      int day = followup_day (kase, f);

      stmt = statement (self, "INSERT INTO followups (case_id, position, date, day, mrecist, scores) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &rc);
      if (stmt == NULL)
        return rc;
      sqlite3_bind_text (stmt, 1, kase->id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, f->date, -1, SQLITE_STATIC);
      if (day != G_MININT)
        sqlite3_bind_int (stmt, 4, day);
      sqlite3_bind_text (stmt, 5, f->mrecist, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, scores, -1, SQLITE_STATIC);
      if ((rc = run (stmt)) != SQLITE_OK)
        return rc;
    }

  if ((stmt = statement (self, "DELETE FROM case_search WHERE rowid = ?1", &rc)) == NULL)
    return rc;
  sqlite3_bind_int64 (stmt, 1, n);
  if ((rc = run (stmt)) != SQLITE_OK)
    return rc;
  stmt = statement (self, "INSERT INTO case_search (rowid, body) SELECT c.n, " SEARCH_BODY_SQL
                          " || ' ' || ?2 FROM cases c WHERE c.n = ?1", &rc);
  if (stmt == NULL)
    return rc;
  sqlite3_bind_int64 (stmt, 1, n);
  {
    g_autofree char *names = target_names (kase);
    sqlite3_bind_text (stmt, 2, names, -1, SQLITE_TRANSIENT);
    return run (stmt);
  }
}

static gboolean
check_writable (RamusStore  *self,
                const char  *what,
                GError     **error)
{
  if (!self->read_only)
    return TRUE;
  set_write_error (self, error, SQLITE_READONLY, what);
  return FALSE;
}

static gboolean
check_storable (const RamusCase  *kase,
                const char       *what,
                GError          **error)
{
  if (kase->region == NULL || *kase->region == '\0')
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_INVALID,
                   _("%s: the case has no region."), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
begin (RamusStore  *self,
       const char  *what,
       GError     **error)
{
  int rc;

  if (!check_writable (self, what, error))
    return FALSE;
  /* IMMEDIATE: take the write lock now, so a second Ramus writing the same
   * library waits (busy timeout) instead of failing half-way. */
  if (!exec (self->db, "BEGIN IMMEDIATE", &rc))
    {
      set_write_error (self, error, rc, what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
commit (RamusStore  *self,
        int          rc,
        const char  *what,
        GError     **error)
{
  if (rc == SQLITE_OK && exec (self->db, "COMMIT", &rc))
    return TRUE;
  /* The failing statement's code, before ROLLBACK replaces it. */
  set_write_error (self, error, rc, what);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * ramus_store_save_case:
 * @kase: the case; given an id when it has none
 *
 * Saves a case in one transaction, inserting it or replacing the stored
 * version with the same id. On success @kase gets its id, `created` and
 * `modified`; on failure neither @kase nor the library has changed, so the
 * caller can keep editing it or save it to another library.
 */
gboolean
ramus_store_save_case (RamusStore  *self,
                       RamusCase   *kase,
                       GError     **error)
{
  const char *what = _("The case was not saved");
  g_autoptr(RamusCase) copy = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_utc ();
  int rc = SQLITE_OK;

  g_return_val_if_fail (RAMUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (kase != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_storable (kase, what, error) || !begin (self, what, error))
    return FALSE;

  copy = ramus_case_copy (kase);
  if (copy->id == NULL)
    copy->id = g_uuid_string_random ();
  ramus_case_set_string (&copy->modified, now);
  /* `created` stays what the library first recorded. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT created FROM cases WHERE id = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, copy->id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        ramus_case_set_string (&copy->created, (const char *) sqlite3_column_text (stmt, 0));
      else if (copy->created == NULL)
        ramus_case_set_string (&copy->created, now);
      rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (rc == SQLITE_OK)
    rc = write_case (self, copy);
  if (!commit (self, rc, what, error))
    return FALSE;

  ramus_case_set_string (&kase->id, copy->id);
  ramus_case_set_string (&kase->created, copy->created);
  ramus_case_set_string (&kase->modified, copy->modified);
  g_signal_emit (self, signals[CHANGED], 0, copy->id);
  return TRUE;
}

static RamusCase *
read_case (RamusStore  *self,
           const char  *id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  RamusCase *kase;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT d.document FROM cases c JOIN documents d ON d.n = c.n WHERE c.id = ?1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND,
                   _("There is no case “%s” in the library “%s”."), id, self->path);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_read_error (self, error);
      return NULL;
    }
  kase = ramus_case_from_json ((const char *) sqlite3_column_text (stmt, 0), &local);
  if (kase == NULL)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_CORRUPT,
                   _("The stored case “%s” cannot be read: %s"), id, local->message);
      return NULL;
    }
  return kase;
}

/**
 * ramus_store_resolve_id:
 * @text: a case id, the start of one (at least 4 characters), or a
 *   pseudonym
 *
 * Finds the one case @text names, as a person types it on a command line.
 *
 * Returns: (transfer full): its id, or NULL with %RAMUS_STORE_ERROR_NOT_FOUND
 *   when no case or several cases match
 */
char *
ramus_store_resolve_id (RamusStore  *self,
                        const char  *text,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) list = g_string_new (NULL);
  int rc;

  g_return_val_if_fail (RAMUS_IS_STORE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* An exact id, else an exact pseudonym, else an id prefix. */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT id, pseudonym FROM cases WHERE id = ?1 "
                           "UNION ALL SELECT id, pseudonym FROM cases WHERE pseudonym = ?1 "
                           "AND NOT EXISTS (SELECT 1 FROM cases WHERE id = ?1) "
                           "UNION ALL SELECT id, pseudonym FROM cases WHERE length (?1) >= 4 "
                           "AND substr (id, 1, length (?1)) = lower (?1) "
                           "AND NOT EXISTS (SELECT 1 FROM cases WHERE id = ?1 OR pseudonym = ?1) "
                           "LIMIT 6",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      rc = SQLITE_OK;
      g_ptr_array_add (found, column_dup (stmt, 0));
      if (found->len <= 5)
        g_string_append_printf (list, "%s%s (%s)", found->len > 1 ? ", " : "",
                                (const char *) sqlite3_column_text (stmt, 1),
                                (const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      set_read_error (self, error);
      return NULL;
    }
  if (found->len == 0)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND,
                   _("There is no case “%s” in the library “%s”."), text, self->path);
      return NULL;
    }
  if (found->len > 1)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND,
                   _("“%s” matches several cases: %s%s. Give more of the id."), text, list->str,
                   found->len > 5 ? ", …" : "");
      return NULL;
    }
  return g_strdup (g_ptr_array_index (found, 0));
}

/**
 * ramus_store_load_case:
 *
 * Returns: (transfer full): the case with @id, or NULL with
 *   %RAMUS_STORE_ERROR_NOT_FOUND
 */
RamusCase *
ramus_store_load_case (RamusStore  *self,
                       const char  *id,
                       GError     **error)
{
  g_return_val_if_fail (RAMUS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_case (self, id, error);
}

/* A duplicate's pseudonym: "KN-0042 (copy)", kept within the format's
 * 64 characters by shortening the original. */
static char *
copy_pseudonym (const char *pseudonym)
{
  g_autofree char *copy = NULL;
  glong over;

  /* TRANSLATORS: a duplicated case's pseudonym; %s is the original's. */
  copy = g_strdup_printf (_("%s (copy)"), pseudonym ? pseudonym : "");
  over = g_utf8_strlen (copy, -1) - PSEUDONYM_MAX_CHARS;
  if (over > 0 && pseudonym)
    {
      g_autofree char *base = g_utf8_substring (pseudonym, 0, MAX (g_utf8_strlen (pseudonym, -1) - over, 0));
      g_free (copy);
      copy = g_strdup_printf (_("%s (copy)"), base);
    }
  return g_steal_pointer (&copy);
}

/**
 * ramus_store_duplicate_case:
 *
 * Saves a copy of the case with @id under a new id, as a new plan: the
 * follow-up visits stay with the original, so a cohort never counts the
 * same visits twice.
 *
 * Returns: (transfer full): the saved copy
 */
RamusCase *
ramus_store_duplicate_case (RamusStore  *self,
                            const char  *id,
                            GError     **error)
{
  g_autoptr(RamusCase) copy = NULL;
  g_autofree char *pseudonym = NULL;

  g_return_val_if_fail (RAMUS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_writable (self, _("The case was not duplicated"), error))
    return NULL;
  copy = read_case (self, id, error);
  if (copy == NULL)
    return NULL;
  g_clear_pointer (&copy->id, g_free);
  g_clear_pointer (&copy->created, g_free);
  g_clear_pointer (&copy->modified, g_free);
  pseudonym = copy_pseudonym (copy->pseudonym);
  ramus_case_set_string (&copy->pseudonym, pseudonym);
  if (copy->followups)
    g_array_set_size (copy->followups, 0);
  if (!ramus_store_save_case (self, copy, error))
    return NULL;
  return g_steal_pointer (&copy);
}

static int
delete_row (RamusStore *self,
            gint64      n)
{
  sqlite3_stmt *stmt;
  int rc;

  /* The document, targets and follow-ups go with the case (ON DELETE
   * CASCADE); the search index is not a table foreign keys reach. */
  if ((stmt = statement (self, "DELETE FROM case_search WHERE rowid = ?1", &rc)) == NULL)
    return rc;
  sqlite3_bind_int64 (stmt, 1, n);
  if ((rc = run (stmt)) != SQLITE_OK)
    return rc;
  if ((stmt = statement (self, "DELETE FROM cases WHERE n = ?1", &rc)) == NULL)
    return rc;
  sqlite3_bind_int64 (stmt, 1, n);
  return run (stmt);
}

/**
 * ramus_store_delete_case:
 *
 * Deletes a case in one transaction and hands back what was stored, so an
 * undo can put it back with ramus_store_restore_case().
 *
 * Returns: (transfer full): the deleted case
 */
RamusCase *
ramus_store_delete_case (RamusStore  *self,
                         const char  *id,
                         GError     **error)
{
  const char *what = _("The case was not deleted");
  g_autoptr(RamusCase) kase = NULL;
  gint64 n = 0;
  int rc;

  g_return_val_if_fail (RAMUS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!begin (self, what, error))
    return NULL;
  kase = read_case (self, id, error);
  if (kase == NULL)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  if (find_case (self, id, &n, &rc))
    rc = delete_row (self, n);
  if (!commit (self, rc, what, error))
    return NULL;
  g_signal_emit (self, signals[CHANGED], 0, id);
  return g_steal_pointer (&kase);
}

/* Inserts cases as they are, inside the caller's transaction; @written
 * gets the stored copies, with their ids and times. */
static int
insert_cases (RamusStore            *self,
              GPtrArray             *cases,
              RamusStoreImportFlags  flags,
              GPtrArray             *written,
              GError               **error)
{
  g_autofree char *now = now_utc ();

  for (guint i = 0; i < cases->len; i++)
    {
      RamusCase *copy = ramus_case_copy (g_ptr_array_index (cases, i));
      gint64 n = 0;
      int rc;

      g_ptr_array_add (written, copy);
      if (!check_storable (copy, _("the case cannot be stored"), error))
        return SQLITE_CONSTRAINT;
      if (copy->id == NULL || (flags & RAMUS_STORE_IMPORT_NEW_ID))
        {
          g_free (copy->id);
          copy->id = g_uuid_string_random ();
        }
      if (copy->created == NULL)
        ramus_case_set_string (&copy->created, now);
      if (copy->modified == NULL)
        ramus_case_set_string (&copy->modified, now);
      if (!find_case (self, copy->id, &n, &rc))
        return rc;
      if (n != 0 && !(flags & RAMUS_STORE_IMPORT_REPLACE))
        {
          g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_EXISTS,
                       _("a case with the id %s (“%s”) is already in the library."),
                       copy->id, copy->pseudonym ? copy->pseudonym : "");
          return SQLITE_CONSTRAINT;
        }
      if ((rc = write_case (self, copy)) != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

/**
 * ramus_store_restore_case:
 *
 * Puts back a case returned by ramus_store_delete_case(), with its id and
 * times as they were. Fails with %RAMUS_STORE_ERROR_EXISTS when a case with
 * that id is in the library.
 */
gboolean
ramus_store_restore_case (RamusStore       *self,
                          const RamusCase  *kase,
                          GError          **error)
{
  const char *what = _("The case was not restored");
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_case_free);
  g_autoptr(GError) local = NULL;
  int rc;

  g_return_val_if_fail (RAMUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (kase != NULL && kase->id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin (self, what, error))
    return FALSE;
  g_ptr_array_add (one, (gpointer) kase);
  rc = insert_cases (self, one, RAMUS_STORE_IMPORT_DEFAULT, written, &local);
  if (local)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, RAMUS_STORE_ERROR, local->code, "%s: %s", what, local->message);
      return FALSE;
    }
  if (!commit (self, rc, what, error))
    return FALSE;
  g_signal_emit (self, signals[CHANGED], 0, kase->id);
  return TRUE;
}

/**
 * ramus_store_import_cases:
 * @cases: (element-type RamusCase): cases read (and validated) by the caller
 *
 * Adds every case in one transaction: all of them or, on any error, none.
 * A case without an id (an anonymised export) gets a new one; a case whose
 * id is already in the library is refused unless @flags say to replace it
 * or to import it under a new id. On success each case gets the id and
 * times it was stored with.
 */
gboolean
ramus_store_import_cases (RamusStore             *self,
                          GPtrArray              *cases,
                          RamusStoreImportFlags   flags,
                          GError                **error)
{
  const char *what = _("Nothing was imported");
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_case_free);
  g_autoptr(GError) local = NULL;
  int rc;

  g_return_val_if_fail (RAMUS_IS_STORE (self), FALSE);
  g_return_val_if_fail (cases != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!begin (self, what, error))
    return FALSE;
  rc = insert_cases (self, cases, flags, written, &local);
  if (local)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, RAMUS_STORE_ERROR, local->code, "%s: %s", what, local->message);
      return FALSE;
    }
  if (!commit (self, rc, what, error))
    return FALSE;
  for (guint i = 0; i < cases->len; i++)
    {
      RamusCase *kase = g_ptr_array_index (cases, i);
      const RamusCase *stored = g_ptr_array_index (written, i);

      ramus_case_set_string (&kase->id, stored->id);
      ramus_case_set_string (&kase->created, stored->created);
      ramus_case_set_string (&kase->modified, stored->modified);
    }
  g_signal_emit (self, signals[CHANGED], 0, cases->len == 1 ? ((RamusCase *) g_ptr_array_index (cases, 0))->id : NULL);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Follow-up scores                                                       */

/**
 * ramus_store_get_scores:
 * @region: (nullable): only cases of this region
 * @template_id: (nullable): only cases of this procedure
 *
 * Every recorded score of the matching cases: baselines (day 0) and the
 * follow-up visits whose day from the procedure is known.
 *
 * Returns: (transfer full) (element-type RamusStoreScore): the scores,
 *   by case, then day
 */
GPtrArray *
ramus_store_get_scores (RamusStore  *self,
                        const char  *region,
                        const char  *template_id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) scores = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_store_score_free);
  int rc;

  g_return_val_if_fail (RAMUS_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT c.id, 1, 0, j.key, j.value FROM cases c, json_each (c.baseline) j "
                           "WHERE (?1 IS NULL OR c.region = ?1) AND (?2 IS NULL OR c.template = ?2) "
                           "UNION ALL "
                           "SELECT c.id, 0, f.day, j.key, j.value FROM cases c "
                           "JOIN followups f ON f.case_id = c.id, json_each (f.scores) j "
                           "WHERE f.day IS NOT NULL AND (?1 IS NULL OR c.region = ?1) "
                           "AND (?2 IS NULL OR c.template = ?2) "
                           "ORDER BY 1, 3, 2 DESC",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, region, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, template_id, -1, SQLITE_STATIC);
    }
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RamusScore score;

      rc = SQLITE_OK;
      if (!ramus_score_from_key ((const char *) sqlite3_column_text (stmt, 3), &score) ||
          sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        continue;
      {
        RamusStoreScore *s = g_new0 (RamusStoreScore, 1);
        s->case_id = column_dup (stmt, 0);
        s->baseline = sqlite3_column_int (stmt, 1);
        s->day = sqlite3_column_int (stmt, 2);
        s->score = score;
        s->value = sqlite3_column_double (stmt, 4);
        g_ptr_array_add (scores, s);
      }
    }
  if (rc != SQLITE_DONE)
    {
      set_read_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&scores);
}
