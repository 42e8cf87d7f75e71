/* ramus-store.h — the case library: one SQLite file of cases and their
 * follow-up visits, searched as the user types
 *
 * The library is the user's primary data. A file that is not a Ramus
 * library, is damaged, or was written by a newer Ramus is refused with a
 * RamusStoreError and left byte-for-byte as it was. Every change is one
 * transaction; a failed save leaves both the file and the caller's
 * RamusCase as they were, so the case can be saved to another library.
 * Deleting hands back the case, so an undo can restore it. The "changed"
 * signal (the case id, or NULL for several) follows every committed change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ramus-case.h"

G_BEGIN_DECLS

/* The schema version this Ramus writes (`PRAGMA user_version`). */
#define RAMUS_STORE_SCHEMA_VERSION 2
/* `PRAGMA application_id`: "Rmus", so a foreign SQLite file is recognised. */
#define RAMUS_STORE_APPLICATION_ID 0x526d7573

#define RAMUS_STORE_ERROR (ramus_store_error_quark ())
GQuark ramus_store_error_quark (void);

typedef enum
{
  RAMUS_STORE_ERROR_NOT_LIBRARY,   /* not SQLite, another application's, empty */
  RAMUS_STORE_ERROR_CORRUPT,       /* fails SQLite's checks */
  RAMUS_STORE_ERROR_NEWER,         /* written by a newer Ramus */
  RAMUS_STORE_ERROR_READ_ONLY,     /* opened read-only, or a read-only location */
  RAMUS_STORE_ERROR_FULL,          /* disk (or size limit) full */
  RAMUS_STORE_ERROR_IO,            /* cannot create, open, read or write */
  RAMUS_STORE_ERROR_NOT_FOUND,     /* no such library or case */
  RAMUS_STORE_ERROR_EXISTS,        /* import: the id is already in the library */
  RAMUS_STORE_ERROR_INVALID,       /* a case the library cannot hold */
} RamusStoreError;

typedef enum
{
  RAMUS_STORE_OPEN_DEFAULT   = 0,
  RAMUS_STORE_OPEN_READ_ONLY = 1 << 0,  /* never write; saves fail with READ_ONLY */
  RAMUS_STORE_OPEN_NO_CREATE = 1 << 1,  /* NOT_FOUND rather than a new library */
} RamusStoreOpenFlags;

typedef enum
{
  RAMUS_STORE_SORT_MODIFIED,             /* newest first by default */
  RAMUS_STORE_SORT_PROCEDURE_DATE,
  RAMUS_STORE_SORT_PSEUDONYM,
  RAMUS_STORE_SORT_REGION,
} RamusStoreSort;

/* What the library list shows; all filters are optional (NULL). */
typedef struct
{
  const char *text;                /* search as you type: pseudonym, region,
                                    * indication, procedure, vessels, dates */
  const char *region;              /* an atlas region id */
  const char *template_id;         /* a case template (the procedure) */
  RamusStoreSort sort;
  gboolean ascending;              /* FALSE: newest / last first */
  guint limit;                     /* 0: every match */
} RamusStoreQuery;

/* One row of the library list. */
typedef struct
{
  char *id;
  char *pseudonym;
  char *region;
  char *side;
  char *indication;
  char *template_id;
  char *procedure_date;            /* NULL when not set */
  char *created;
  char *modified;
  guint n_targets;
  guint n_followups;
} RamusStoreItem;

/* One score of one visit, for follow-up statistics. */
typedef struct
{
  char *case_id;
  RamusScore score;
  int day;                         /* days from the procedure; 0 for baseline */
  gboolean baseline;               /* from the case's `baseline` */
  double value;
} RamusStoreScore;

typedef enum
{
  RAMUS_STORE_IMPORT_DEFAULT = 0,
  RAMUS_STORE_IMPORT_REPLACE = 1 << 0,  /* overwrite a case with the same id */
  RAMUS_STORE_IMPORT_NEW_ID  = 1 << 1,  /* give every imported case a new id */
} RamusStoreImportFlags;

#define RAMUS_TYPE_STORE (ramus_store_get_type ())
G_DECLARE_FINAL_TYPE (RamusStore, ramus_store, RAMUS, STORE, GObject)

char       *ramus_store_get_default_path   (void);

RamusStore *ramus_store_open               (const char           *path,
                                            RamusStoreOpenFlags   flags,
                                            GError              **error);
const char *ramus_store_get_path           (RamusStore           *self);
gboolean    ramus_store_get_read_only      (RamusStore           *self);
guint       ramus_store_get_n_cases        (RamusStore           *self,
                                            GError              **error);

GPtrArray  *ramus_store_list               (RamusStore            *self,
                                            const RamusStoreQuery *query,
                                            GError               **error);

char       *ramus_store_resolve_id         (RamusStore           *self,
                                            const char           *text,
                                            GError              **error);
RamusCase  *ramus_store_load_case          (RamusStore           *self,
                                            const char           *id,
                                            GError              **error);
gboolean    ramus_store_save_case          (RamusStore           *self,
                                            RamusCase            *kase,
                                            GError              **error);
RamusCase  *ramus_store_duplicate_case     (RamusStore           *self,
                                            const char           *id,
                                            GError              **error);
RamusCase  *ramus_store_delete_case        (RamusStore           *self,
                                            const char           *id,
                                            GError              **error);
gboolean    ramus_store_restore_case       (RamusStore           *self,
                                            const RamusCase      *kase,
                                            GError              **error);
gboolean    ramus_store_import_cases       (RamusStore           *self,
                                            GPtrArray            *cases,
                                            RamusStoreImportFlags flags,
                                            GError              **error);

GPtrArray  *ramus_store_get_scores         (RamusStore           *self,
                                            const char           *region,
                                            const char           *template_id,
                                            GError              **error);

void        ramus_store_item_free          (RamusStoreItem       *item);
void        ramus_store_score_free         (RamusStoreScore      *score);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusStoreItem, ramus_store_item_free)

G_END_DECLS
