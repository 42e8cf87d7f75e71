/* ramus-details-pane.c — everything the atlas knows about one vessel: its
 * names in the three languages, abbreviations and synonyms, the path from
 * the aorta (each link shows that vessel), diameter with its source,
 * territory, clinical notes, sources and ontology identifiers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-details-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "ramus-details-pane.h"
#include "ramus-vessel-row.h"

struct _RamusDetailsPane
{
  GtkWidget parent_instance;

  const RamusVessel *vessel;

  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkLabel *title_label;
  GtkLabel *secondary_label;
  GtkBox *tags_box;
  GtkWidget *danger_box;
  AdwActionRow *name_en_row;
  AdwActionRow *name_zh_tw_row;
  AdwActionRow *name_zh_cn_row;
  GtkWidget *path_group;
  GtkListBox *path_list;
  AdwActionRow *diameter_row;
  GtkLabel *diameter_label;
  AdwActionRow *laterality_row;
  AdwActionRow *territory_row;
  GtkWidget *notes_group;
  GtkLabel *notes_label;
  GtkLabel *notes_secondary_label;
  GtkWidget *sources_group;
  GtkListBox *sources_list;
  GtkWidget *ids_group;
  AdwActionRow *fma_row;
  AdwActionRow *uberon_row;
  AdwActionRow *ta98_row;
  AdwActionRow *hra_row;
  AdwActionRow *hra_note_row;
};

G_DEFINE_FINAL_TYPE (RamusDetailsPane, ramus_details_pane, GTK_TYPE_WIDGET)

enum
{
  VESSEL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
path_row_activated_cb (RamusDetailsPane *self,
                       GtkListBoxRow    *row,
                       GtkListBox       *list)
{
  const char *id = g_object_get_data (G_OBJECT (row), "vessel-id");

  if (id != NULL)
    g_signal_emit (self, signals[VESSEL_ACTIVATED], 0, id);
}

static void
ramus_details_pane_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RAMUS_TYPE_DETAILS_PANE);

  G_OBJECT_CLASS (ramus_details_pane_parent_class)->dispose (object);
}

static void
ramus_details_pane_class_init (RamusDetailsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ramus_details_pane_dispose;

  /**
   * RamusDetailsPane::vessel-activated:
   * @id: the id of the vessel
   *
   * A link to another vessel (in the path from the aorta) was activated.
   */
  signals[VESSEL_ACTIVATED] =
    g_signal_new ("vessel-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ramus-details-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, stack);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, secondary_label);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, tags_box);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, danger_box);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, name_en_row);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, name_zh_tw_row);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, name_zh_cn_row);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, path_group);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, path_list);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, diameter_row);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, diameter_label);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, laterality_row);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, territory_row);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, notes_group);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, notes_label);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, notes_secondary_label);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, sources_group);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, sources_list);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, ids_group);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, fma_row);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, uberon_row);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, ta98_row);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, hra_row);
  gtk_widget_class_bind_template_child (widget_class, RamusDetailsPane, hra_note_row);
  gtk_widget_class_bind_template_callback (widget_class, path_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ramus-details-pane");
}

static void
ramus_details_pane_init (RamusDetailsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ramus_details_pane_new (void)
{
  return g_object_new (RAMUS_TYPE_DETAILS_PANE, NULL);
}

static void
remove_all_children (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
add_tag (RamusDetailsPane *self,
         const char       *text,
         const char       *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "tag");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_box_append (self->tags_box, label);
}

/* Sets a row's subtitle and shows the row only when there is one. */
static void
set_row (AdwActionRow *row,
         const char   *subtitle)
{
  gboolean has = subtitle != NULL && *subtitle != '\0';

  adw_action_row_set_subtitle (row, has ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (row), has);
}

static void
set_name_row (AdwActionRow      *row,
              const RamusVessel *vessel,
              RamusLang          lang,
              const char        *language)
{
  char **synonyms = vessel->synonyms[lang];
  g_autofree char *subtitle = NULL;

  if (synonyms != NULL && synonyms[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv ("; ", synonyms);
      /* Translators: a language name, then the other names of a vessel */
      subtitle = g_strdup_printf (_("%s · also %s"), language, joined);
    }
  else
    subtitle = g_strdup (language);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 vessel->names[lang] ? vessel->names[lang] : "");
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (row), vessel->names[lang] != NULL);
}

static const char *
laterality_label (RamusLaterality laterality)
{
  switch (laterality)
    {
    case RAMUS_LATERALITY_PAIRED:
      return _("Paired: one on each side");
    case RAMUS_LATERALITY_MIDLINE:
      return _("Midline: a single vessel");
    case RAMUS_LATERALITY_RIGHT:
      return _("Right side only");
    case RAMUS_LATERALITY_LEFT:
      return _("Left side only");
    default:
      return "";
    }
}

/* "1.0–2.0 mm", or one number when the range is a single value. */
static char *
format_diameter (const RamusVessel *vessel)
{
  if (vessel->diameter_max <= 0)
    return NULL;
  if (G_APPROX_VALUE (vessel->diameter_min, vessel->diameter_max, 1e-9))
    /* Translators: a vessel diameter in millimetres */
    return g_strdup_printf (_("%.1f mm"), vessel->diameter_min);
  /* Translators: a range of vessel diameters in millimetres */
  return g_strdup_printf (_("%.1f–%.1f mm"), vessel->diameter_min, vessel->diameter_max);
}

static char *
source_link (const RamusSource *source)
{
  if (source->doi != NULL && *source->doi != '\0')
    return g_strconcat ("https://doi.org/", source->doi, NULL);
  if (source->url != NULL && *source->url != '\0')
    return g_strdup (source->url);
  return NULL;
}

static GtkWidget *
make_source_row (const RamusSource *source)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *link = source_link (source);
  GString *subtitle = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), source->citation);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (source->doi != NULL && *source->doi != '\0')
    g_string_append_printf (subtitle, "doi:%s", source->doi);
  else if (source->url != NULL && *source->url != '\0')
    g_string_append (subtitle, source->url);
  if (source->licence != NULL && *source->licence != '\0')
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      /* Translators: the licence of data taken from a source */
      g_string_append_printf (subtitle, _("Licence: %s"), source->licence);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);

  if (link != NULL)
    {
      GtkWidget *button = gtk_link_button_new_with_label (link, _("Open"));
      g_autofree char *name = g_strdup_printf (_("Open %s"), link);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, link);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static GtkWidget *
make_path_row (const RamusVessel *vessel,
               RamusNameStyle     style,
               guint              depth,
               gboolean           current)
{
  GtkWidget *row = adw_action_row_new ();
  const char *secondary = ramus_name_style_secondary (style, vessel);
  g_autofree char *number = g_strdup_printf ("%u", depth + 1);
  GtkWidget *prefix = gtk_label_new (number);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 ramus_name_style_primary (style, vessel));
  if (secondary != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), secondary);

  gtk_widget_add_css_class (prefix, "path-depth");
  gtk_widget_add_css_class (prefix, "numeric");
  gtk_widget_add_css_class (prefix, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (prefix),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), prefix);

  if (current)
    {
      gtk_widget_add_css_class (row, "path-current");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
    }
  else
    {
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Show %s"),
                                                  ramus_name_style_primary (style, vessel));

      gtk_accessible_update_property (GTK_ACCESSIBLE (arrow),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, tooltip);
      g_object_set_data_full (G_OBJECT (row), "vessel-id", g_strdup (vessel->id), g_free);
    }
  return row;
}

/**
 * ramus_details_pane_show:
 * @vessel: (nullable): the vessel, or %NULL for the empty page
 *
 * Shows @vessel as it is for the patient's @side and the hepatic @variant
 * (which decide the path from the aorta), with names in @style.
 */
void
ramus_details_pane_show (RamusDetailsPane   *self,
                         RamusAtlas         *atlas,
                         const RamusVessel  *vessel,
                         RamusSide           side,
                         const RamusVariant *variant,
                         RamusNameStyle      style)
{
  g_autoptr(GPtrArray) path = NULL;
  g_autofree char *diameter = NULL;
  const char *secondary;
  const char *english;
  const RamusSource *diameter_source;
  gboolean has_ids;
  gboolean same_vessel;

  g_return_if_fail (RAMUS_IS_DETAILS_PANE (self));
  g_return_if_fail (vessel == NULL || RAMUS_IS_ATLAS (atlas));

  same_vessel = vessel == self->vessel;
  self->vessel = vessel;
  if (vessel == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* Heading: the name, the English beneath in bilingual mode, and tags. */
  gtk_label_set_text (self->title_label, ramus_name_style_primary (style, vessel));
  secondary = ramus_name_style_secondary (style, vessel);
  gtk_label_set_text (self->secondary_label, secondary ? secondary : "");
  gtk_widget_set_visible (GTK_WIDGET (self->secondary_label), secondary != NULL);

  remove_all_children (GTK_WIDGET (self->tags_box));
  add_tag (self, ramus_vessel_kind_label (vessel->kind),
           vessel->kind == RAMUS_VESSEL_FEEDER ? "tag-feeder" :
           vessel->kind == RAMUS_VESSEL_DANGER ? "tag-danger" :
           vessel->kind == RAMUS_VESSEL_COLLATERAL ? "tag-collateral" : NULL);
  for (guint i = 0; vessel->abbreviations && vessel->abbreviations[i]; i++)
    add_tag (self, vessel->abbreviations[i], "tag-abbreviation");
  if (vessel->variant_only)
    add_tag (self, _("Variant only"), NULL);
  gtk_widget_set_visible (self->danger_box, vessel->kind == RAMUS_VESSEL_DANGER);

  /* Names in the three languages, with synonyms. */
  set_name_row (self->name_en_row, vessel, RAMUS_LANG_EN, _("English"));
  set_name_row (self->name_zh_tw_row, vessel, RAMUS_LANG_ZH_TW, _("Traditional Chinese"));
  set_name_row (self->name_zh_cn_row, vessel, RAMUS_LANG_ZH_CN, _("Simplified Chinese"));

  /* The path from the aorta, each ancestor a link. */
  remove_all_children (GTK_WIDGET (self->path_list));
  path = ramus_atlas_path (atlas, vessel, side, variant);
  for (guint i = 0; i < path->len; i++)
    gtk_list_box_append (self->path_list,
                         make_path_row (g_ptr_array_index (path, i), style, i,
                                        i + 1 == path->len));
  gtk_widget_set_visible (self->path_group, path->len > 1);

  /* Anatomy. */
  diameter = format_diameter (vessel);
  gtk_label_set_text (self->diameter_label, diameter ? diameter : "");
  diameter_source = ramus_atlas_lookup_source (atlas, vessel->diameter_source);
  if (diameter_source != NULL)
    {
      /* Translators: the citation a diameter comes from */
      g_autofree char *text = g_strdup_printf (_("Source: %s"), diameter_source->citation);
      adw_action_row_set_subtitle (self->diameter_row, text);
    }
  else
    adw_action_row_set_subtitle (self->diameter_row, "");
  gtk_widget_set_visible (GTK_WIDGET (self->diameter_row), diameter != NULL);
  set_row (self->laterality_row, laterality_label (vessel->laterality));
  english = ramus_name_style_pick_english (style, vessel->territory);
  if (english != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s",
                                               ramus_name_style_pick (style, vessel->territory),
                                               english);
      set_row (self->territory_row, both);
    }
  else
    set_row (self->territory_row, ramus_name_style_pick (style, vessel->territory));

  /* Clinical notes. */
  gtk_label_set_text (self->notes_label, ramus_name_style_pick (style, vessel->notes) ?: "");
  english = ramus_name_style_pick_english (style, vessel->notes);
  gtk_label_set_text (self->notes_secondary_label, english ? english : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_secondary_label), english != NULL);
  gtk_widget_set_visible (self->notes_group, ramus_name_style_pick (style, vessel->notes) != NULL);

  /* Sources. */
  remove_all_children (GTK_WIDGET (self->sources_list));
  for (guint i = 0; vessel->sources && vessel->sources[i]; i++)
    {
      const RamusSource *source = ramus_atlas_lookup_source (atlas, vessel->sources[i]);
      if (source != NULL)
        gtk_list_box_append (self->sources_list, make_source_row (source));
    }
  gtk_widget_set_visible (self->sources_group,
                          gtk_widget_get_first_child (GTK_WIDGET (self->sources_list)) != NULL);

  /* Identifiers and the HRA-VCCF cross-reference. */
  set_row (self->fma_row, vessel->fma);
  set_row (self->uberon_row, vessel->uberon);
  if (vessel->ta98 != NULL && vessel->ta_term != NULL)
    {
      g_autofree char *ta = g_strdup_printf ("%s (%s)", vessel->ta98, vessel->ta_term);
      set_row (self->ta98_row, ta);
    }
  else
    set_row (self->ta98_row, vessel->ta98);
  set_row (self->hra_row, vessel->hra_name);
  set_row (self->hra_note_row, ramus_name_style_pick (style, vessel->hra_parent_note));
  has_ids = vessel->fma || vessel->uberon || vessel->ta98 || vessel->hra_name ||
            ramus_name_style_pick (style, vessel->hra_parent_note);
  gtk_widget_set_visible (self->ids_group, has_ids);

  gtk_stack_set_visible_child_name (self->stack, "vessel");

  /* A new vessel starts at the top; a new language keeps the place. */
  if (!same_vessel)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

const RamusVessel *
ramus_details_pane_get_vessel (RamusDetailsPane *self)
{
  g_return_val_if_fail (RAMUS_IS_DETAILS_PANE (self), NULL);

  return self->vessel;
}

/* The name in the heading, as a person reads it. */
const char *
ramus_details_pane_get_title (RamusDetailsPane *self)
{
  g_return_val_if_fail (RAMUS_IS_DETAILS_PANE (self), NULL);

  if (self->vessel == NULL)
    return NULL;
  return gtk_label_get_text (self->title_label);
}
