/* ramus-case-list.c — the rows of the case library as a list model
 *
 * The library view replaces every row on each keystroke. A GListStore of
 * ten thousand items made ten thousand objects and two ten-thousand-item
 * changes for the list widget to digest; this model takes the store's
 * array as it is, makes an item only when the list asks for it (the rows
 * on screen), and reports one change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-case-list"

#include "config.h"

#include "ramus-case-list.h"

struct _RamusCaseList
{
  GObject parent_instance;

  GPtrArray *rows;           /* of RamusStoreItem; NULL once moved to its item */
  GPtrArray *items;          /* of RamusCaseItem, NULL until asked for */
};

/* Whether two rows show the same: then the item (and the row widgets the
 * list made for it) is kept. */
static gboolean
same_row (const RamusStoreItem *a,
          const RamusStoreItem *b)
{
  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->modified, b->modified) == 0 &&
         g_strcmp0 (a->pseudonym, b->pseudonym) == 0 &&
         a->n_targets == b->n_targets &&
         a->n_followups == b->n_followups;
}

static void ramus_case_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RamusCaseList, ramus_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, ramus_case_list_model_init))

static GType
ramus_case_list_get_item_type (GListModel *model)
{
  return RAMUS_TYPE_CASE_ITEM;
}

static guint
ramus_case_list_get_n_items (GListModel *model)
{
  return RAMUS_CASE_LIST (model)->rows->len;
}

static gpointer
ramus_case_list_get_item (GListModel *model,
                          guint       position)
{
  RamusCaseList *self = RAMUS_CASE_LIST (model);

  if (position >= self->rows->len)
    return NULL;
  if (g_ptr_array_index (self->items, position) == NULL)
    self->items->pdata[position] = ramus_case_item_new (g_steal_pointer (&self->rows->pdata[position]));
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
ramus_case_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = ramus_case_list_get_item_type;
  iface->get_n_items = ramus_case_list_get_n_items;
  iface->get_item = ramus_case_list_get_item;
}

static void
item_unref (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
ramus_case_list_finalize (GObject *object)
{
  RamusCaseList *self = RAMUS_CASE_LIST (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (ramus_case_list_parent_class)->finalize (object);
}

static void
ramus_case_list_class_init (RamusCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ramus_case_list_finalize;
}

static void
ramus_case_list_init (RamusCaseList *self)
{
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_store_item_free);
  self->items = g_ptr_array_new_with_free_func (item_unref);
}

RamusCaseList *
ramus_case_list_new (void)
{
  return g_object_new (RAMUS_TYPE_CASE_LIST, NULL);
}

/**
 * ramus_case_list_set_rows:
 * @rows: (transfer full) (element-type RamusStoreItem): what
 *   ramus_store_list() returned
 *
 * Replaces every row.
 */
void
ramus_case_list_set_rows (RamusCaseList *self,
                          GPtrArray     *rows)
{
  g_autoptr(GHashTable) made = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *items;
  guint removed;

  g_return_if_fail (RAMUS_IS_CASE_LIST (self));
  g_return_if_fail (rows != NULL);

  removed = self->rows->len;
  g_ptr_array_set_free_func (rows, (GDestroyNotify) ramus_store_item_free);
  items = g_ptr_array_new_full (rows->len, item_unref);
  g_ptr_array_set_size (items, rows->len);

  /* The items already made (the rows on screen) that show the same case
   * the same way are handed on: GTK 4.8 then keeps their row widgets
   * instead of making new ones, which is most of the cost of a keystroke. */
  for (guint i = 0; i < self->items->len; i++)
    {
      RamusCaseItem *item = g_ptr_array_index (self->items, i);

      if (item != NULL)
        g_hash_table_insert (made, (gpointer) ramus_case_item_get_id (item), item);
    }
  for (guint i = 0; g_hash_table_size (made) > 0 && i < rows->len; i++)
    {
      RamusStoreItem *row = g_ptr_array_index (rows, i);
      RamusCaseItem *item = g_hash_table_lookup (made, row->id);

      if (item != NULL && same_row (ramus_case_item_get_item (item), row))
        {
          items->pdata[i] = g_object_ref (item);
          g_hash_table_remove (made, row->id);
          g_clear_pointer (&rows->pdata[i], ramus_store_item_free);
        }
    }

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->rows = rows;
  self->items = items;
  if (removed > 0 || rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, rows->len);
}

/* The position of the case @id, or GTK_INVALID_LIST_POSITION (G_MAXUINT). */
guint
ramus_case_list_find (RamusCaseList *self,
                      const char    *id)
{
  g_return_val_if_fail (RAMUS_IS_CASE_LIST (self), G_MAXUINT);

  for (guint i = 0; id != NULL && i < self->rows->len; i++)
    {
      const RamusStoreItem *row = g_ptr_array_index (self->rows, i);
      RamusCaseItem *item = g_ptr_array_index (self->items, i);

      if (item != NULL)
        row = ramus_case_item_get_item (item);
      if (g_strcmp0 (row->id, id) == 0)
        return i;
    }
  return G_MAXUINT;
}
