/* ramus-library-util.c — small helpers shared by the case library widgets:
 * region and side names in the interface language, and dropdowns that fit
 * a phone's width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-library-util"

#include "config.h"

#include <glib/gi18n.h>

#include "ramus-library-util.h"

/* The region's name in the interface language (from the atlas), or its id
 * when the atlas does not know it. */
const char *
ramus_region_display_name (const char *region_id)
{
  RamusAtlas *atlas = ramus_atlas_get_default (NULL);
  const RamusRegion *region = atlas && region_id ? ramus_atlas_lookup_region (atlas, region_id) : NULL;
  RamusLang lang = ramus_lang_for_locale ();

  if (region == NULL)
    return region_id ? region_id : "";
  if (region->names[lang] && *region->names[lang])
    return region->names[lang];
  return region->names[RAMUS_LANG_EN];
}

const char *
ramus_side_display_name (RamusSide side)
{
  return side == RAMUS_SIDE_LEFT ? C_("patient side", "left") : C_("patient side", "right");
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  compact)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (compact))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  compact)
{
  GtkStringObject *string = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *text = gtk_string_object_get_string (string);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, GPOINTER_TO_INT (compact) ? text : NULL);
}

/**
 * ramus_drop_down_set_compact:
 * @dropdown: a dropdown of a #GtkStringList
 *
 * The button ellipsizes the choice (with the whole of it as a tooltip), so
 * several dropdowns fit side by side on a phone's width; the popup shows
 * the choices in full.
 */
void
ramus_drop_down_set_compact (GtkDropDown *dropdown)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  for (int compact = 0; compact < 2; compact++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (compact));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (compact));
      if (compact)
        gtk_drop_down_set_factory (dropdown, factory);
      else
        gtk_drop_down_set_list_factory (dropdown, factory);
    }
}
