/* ramus-vessel-row.c — a row of the vessel tree: expander, name (with the
 * English beneath in bilingual mode) and a tag for targets, collaterals and
 * danger vessels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-vessel-row"

#include "config.h"

#include <glib/gi18n.h>

#include "ramus-vessel-item.h"
#include "ramus-vessel-row.h"

struct _RamusVesselRow
{
  GtkWidget parent_instance;

  GtkTreeExpander *expander;
  GtkImage *danger_icon;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkLabel *tag_label;
};

G_DEFINE_FINAL_TYPE (RamusVesselRow, ramus_vessel_row, GTK_TYPE_WIDGET)

static const char * const tag_classes[] = { "tag-feeder", "tag-danger", "tag-collateral" };

/* A short, translated label for a kind of vessel, for tags and details. */
const char *
ramus_vessel_kind_label (RamusVesselKind kind)
{
  switch (kind)
    {
    case RAMUS_VESSEL_TRUNK:
      /* Translators: a vessel a catheter travels through */
      return _("Conduit");
    case RAMUS_VESSEL_FEEDER:
      /* Translators: a vessel that is an embolization target */
      return _("Target");
    case RAMUS_VESSEL_BRANCH:
      return _("Branch");
    case RAMUS_VESSEL_DANGER:
      /* Translators: a non-target vessel whose embolization harms */
      return _("Danger");
    case RAMUS_VESSEL_COLLATERAL:
      return _("Collateral");
    default:
      return "";
    }
}

static void
ramus_vessel_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAMUS_TYPE_VESSEL_ROW);

  G_OBJECT_CLASS (ramus_vessel_row_parent_class)->dispose (object);
}

static void
ramus_vessel_row_class_init (RamusVesselRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ramus_vessel_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ramus-vessel-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RamusVesselRow, expander);
  gtk_widget_class_bind_template_child (widget_class, RamusVesselRow, danger_icon);
  gtk_widget_class_bind_template_child (widget_class, RamusVesselRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RamusVesselRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RamusVesselRow, tag_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ramus-vessel-row");
}

static void
ramus_vessel_row_init (RamusVesselRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ramus_vessel_row_new (void)
{
  return g_object_new (RAMUS_TYPE_VESSEL_ROW, NULL);
}

void
ramus_vessel_row_bind (RamusVesselRow *self,
                       GtkTreeListRow *tree_row,
                       RamusNameStyle  style)
{
  RamusVesselItem *item;
  const RamusVessel *vessel;
  const char *secondary;
  const char *tag_class = NULL;

  g_return_if_fail (RAMUS_IS_VESSEL_ROW (self));
  g_return_if_fail (GTK_IS_TREE_LIST_ROW (tree_row));

  item = gtk_tree_list_row_get_item (tree_row);
  vessel = ramus_vessel_item_get_vessel (item);

  gtk_tree_expander_set_list_row (self->expander, tree_row);
  gtk_label_set_text (self->title_label, ramus_name_style_primary (style, vessel));
  secondary = ramus_name_style_secondary (style, vessel);
  gtk_label_set_text (self->subtitle_label, secondary ? secondary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), secondary != NULL);

  /* Ancestors shown only to place a search match are dimmed. */
  if (ramus_vessel_item_get_match (item))
    gtk_widget_remove_css_class (GTK_WIDGET (self), "ancestor");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "ancestor");

  for (guint i = 0; i < G_N_ELEMENTS (tag_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->tag_label), tag_classes[i]);
  switch (vessel->kind)
    {
    case RAMUS_VESSEL_FEEDER:
      tag_class = "tag-feeder";
      break;
    case RAMUS_VESSEL_DANGER:
      tag_class = "tag-danger";
      break;
    case RAMUS_VESSEL_COLLATERAL:
      tag_class = "tag-collateral";
      break;
    case RAMUS_VESSEL_TRUNK:
    case RAMUS_VESSEL_BRANCH:
    default:
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tag_label), tag_class != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->danger_icon), vessel->kind == RAMUS_VESSEL_DANGER);
  if (tag_class != NULL)
    {
      gtk_label_set_text (self->tag_label, ramus_vessel_kind_label (vessel->kind));
      gtk_widget_add_css_class (GTK_WIDGET (self->tag_label), tag_class);
    }
}

void
ramus_vessel_row_unbind (RamusVesselRow *self)
{
  g_return_if_fail (RAMUS_IS_VESSEL_ROW (self));

  gtk_tree_expander_set_list_row (self->expander, NULL);
}

/* The name shown, for tests and accessibility. */
const char *
ramus_vessel_row_get_title (RamusVesselRow *self)
{
  g_return_val_if_fail (RAMUS_IS_VESSEL_ROW (self), NULL);

  return gtk_label_get_text (self->title_label);
}
