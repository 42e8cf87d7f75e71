/* ramus-case-item.c — one case in the library list model
 *
 * An item owns one row of ramus_store_list(). The date of the last
 * follow-up visit is not in that row: it is read from the stored case the
 * first time a row showing it is bound, so only the visible rows pay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-case-item"

#include "config.h"

#include "ramus-case-item.h"

struct _RamusCaseItem
{
  GObject parent_instance;

  RamusStoreItem *item;
  char *last_followup;       /* NULL until read, "" when there is none */
};

G_DEFINE_FINAL_TYPE (RamusCaseItem, ramus_case_item, G_TYPE_OBJECT)

static void
ramus_case_item_finalize (GObject *object)
{
  RamusCaseItem *self = RAMUS_CASE_ITEM (object);

  g_clear_pointer (&self->item, ramus_store_item_free);
  g_clear_pointer (&self->last_followup, g_free);

  G_OBJECT_CLASS (ramus_case_item_parent_class)->finalize (object);
}

static void
ramus_case_item_class_init (RamusCaseItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ramus_case_item_finalize;
}

static void
ramus_case_item_init (RamusCaseItem *self)
{
}

/**
 * ramus_case_item_new:
 * @item: (transfer full): a row of the library list
 */
RamusCaseItem *
ramus_case_item_new (RamusStoreItem *item)
{
  RamusCaseItem *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (RAMUS_TYPE_CASE_ITEM, NULL);
  self->item = item;
  return self;
}

const RamusStoreItem *
ramus_case_item_get_item (RamusCaseItem *self)
{
  g_return_val_if_fail (RAMUS_IS_CASE_ITEM (self), NULL);
  return self->item;
}

const char *
ramus_case_item_get_id (RamusCaseItem *self)
{
  g_return_val_if_fail (RAMUS_IS_CASE_ITEM (self), NULL);
  return self->item->id;
}

/* The latest visit date (ISO 8601), or "" when the case has no dated
 * visit or cannot be read. */
const char *
ramus_case_item_get_last_followup (RamusCaseItem *self,
                                   RamusStore    *store)
{
  g_autoptr(RamusCase) kase = NULL;
  const char *last = NULL;

  g_return_val_if_fail (RAMUS_IS_CASE_ITEM (self), NULL);
  g_return_val_if_fail (RAMUS_IS_STORE (store), NULL);

  if (self->last_followup != NULL)
    return self->last_followup;
  if (self->item->n_followups > 0)
    kase = ramus_store_load_case (store, self->item->id, NULL);
  for (guint i = 0; kase != NULL && kase->followups && i < kase->followups->len; i++)
    {
      const RamusFollowup *f = &g_array_index (kase->followups, RamusFollowup, i);

      if (f->date != NULL && g_strcmp0 (f->date, last) > 0)
        last = f->date;
    }
  self->last_followup = g_strdup (last ? last : "");
  return self->last_followup;
}
