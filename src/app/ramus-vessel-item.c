/* ramus-vessel-item.c — one vessel in the region tree model
 *
 * The atlas owns the vessel; an item only points at it, with the children
 * it has in the tree being shown (which depends on the side, the variant
 * and the search).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-vessel-item"

#include "config.h"

#include "ramus-vessel-item.h"

struct _RamusVesselItem
{
  GObject parent_instance;

  const RamusVessel *vessel;
  GListStore *children;      /* NULL for a leaf */
  gboolean match;            /* FALSE: shown only as the ancestor of a match */
};

G_DEFINE_FINAL_TYPE (RamusVesselItem, ramus_vessel_item, G_TYPE_OBJECT)

static void
ramus_vessel_item_dispose (GObject *object)
{
  RamusVesselItem *self = RAMUS_VESSEL_ITEM (object);

  g_clear_object (&self->children);

  G_OBJECT_CLASS (ramus_vessel_item_parent_class)->dispose (object);
}

static void
ramus_vessel_item_class_init (RamusVesselItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ramus_vessel_item_dispose;
}

static void
ramus_vessel_item_init (RamusVesselItem *self)
{
}

RamusVesselItem *
ramus_vessel_item_new (const RamusVessel *vessel,
                       gboolean           match)
{
  RamusVesselItem *self;

  g_return_val_if_fail (vessel != NULL, NULL);

  self = g_object_new (RAMUS_TYPE_VESSEL_ITEM, NULL);
  self->vessel = vessel;
  self->match = match;
  return self;
}

const RamusVessel *
ramus_vessel_item_get_vessel (RamusVesselItem *self)
{
  g_return_val_if_fail (RAMUS_IS_VESSEL_ITEM (self), NULL);

  return self->vessel;
}

gboolean
ramus_vessel_item_get_match (RamusVesselItem *self)
{
  g_return_val_if_fail (RAMUS_IS_VESSEL_ITEM (self), FALSE);

  return self->match;
}

/* The children shown under this vessel, or NULL for a leaf. */
GListStore *
ramus_vessel_item_get_children (RamusVesselItem *self)
{
  g_return_val_if_fail (RAMUS_IS_VESSEL_ITEM (self), NULL);

  return self->children;
}

void
ramus_vessel_item_add_child (RamusVesselItem *self,
                             RamusVesselItem *child)
{
  g_return_if_fail (RAMUS_IS_VESSEL_ITEM (self));
  g_return_if_fail (RAMUS_IS_VESSEL_ITEM (child));

  if (self->children == NULL)
    self->children = g_list_store_new (RAMUS_TYPE_VESSEL_ITEM);
  g_list_store_append (self->children, child);
}
