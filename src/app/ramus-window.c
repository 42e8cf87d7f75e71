/* ramus-window.c — the main window
 *
 * sidebar (region, patient side, anatomical variants, search, vessel tree) |
 * content (the atlas canvas, and the details of the selected vessel beside
 * it across a divider). An AdwLeaflet folds the sidebar and the content
 * into one on a narrow window; narrower still, the details go below the
 * canvas.
 *
 * The canvas draws a scene per region and chosen variants (variant-only
 * vessels appear), mirrored for the patient's left side, named in the
 * chosen language, light or dark with the style. The selection goes both
 * ways: a vessel chosen in the tree is selected and centred on the canvas;
 * one clicked on the canvas is selected in the tree and its details shown.
 *
 * The tree is rebuilt from the atlas whenever what it shows changes: the
 * region, the side, the variant, the search or the name language. A region
 * holds tens of vessels, so this is cheaper than keeping a filter model in
 * step with every level of a GtkTreeListModel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ramus-application.h"
#include "ramus-atlas-view.h"
#include "ramus-details-pane.h"
#include "ramus-name-style.h"
#include "ramus-cohort-view.h"
#include "ramus-followup-view.h"
#include "ramus-library-error.h"
#include "ramus-library-view.h"
#include "ramus-plan-panel.h"
#include "ramus-print.h"
#include "ramus-vessel-item.h"
#include "ramus-vessel-row.h"
#include "ramus-window.h"

/* The hepatic classification, named in the UI; other groups are named by
 * their usual (default) variant. */
#define MICHELS_GROUP "michels"

/* The sidebar's width-request in ramus-window.ui. */
#define SIDEBAR_MIN_WIDTH 400
/* Beside the details, the canvas keeps at least this width. */
#define CANVAS_MIN_WIDTH 360
#define DETAILS_MIN_WIDTH 300
#define DETAILS_MIN_HEIGHT 200
/* Below this window width the details go under the canvas: side by side
 * beside the sidebar they would not fit, and the leaflet would fold away
 * the whole roadmap on a 1024-pixel screen. */
#define NARROW_WIDTH (SIDEBAR_MIN_WIDTH + CANVAS_MIN_WIDTH + DETAILS_MIN_WIDTH + 16)

/* The layer toggles: settings key and the layer it shows. */
static const struct
{
  const char *key;
  guint layer;
} layer_keys[] = {
  { "layer-artwork", RAMUS_LAYER_ARTWORK },
  { "layer-territories", RAMUS_LAYER_TERRITORIES },
  { "layer-labels", RAMUS_LAYER_LABELS },
  { "layer-minor", RAMUS_LAYER_MINOR },
};

struct _RamusWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  RamusAtlas *atlas;
  GPtrArray *regions;               /* const RamusRegion*, in chooser order */
  GPtrArray *groups;                /* variant group ids, in atlas order */
  GHashTable *group_variants;       /* group -> GPtrArray of const RamusVariant*, by order */
  GHashTable *chosen;               /* group -> the chosen const RamusVariant* */
  GPtrArray *applicable;            /* groups that move or add vessels of the region */
  RamusVariant combined;            /* the chosen variants of the applicable groups, merged */
  const RamusRegion *region;
  RamusSide side;
  RamusNameStyle style;
  const RamusVessel *best_match;    /* of the current search, if shown */
  GtkSingleSelection *selection;
  guint updating;
  guint from_canvas;                /* selecting what the canvas clicked */
  gboolean narrow;                  /* the details below the canvas */
  int details_width;                /* beside the canvas, as last left */
  int placed_width;                 /* the paned's width the divider was placed for */
  int seen_width;                   /* the paned's width at the last allocation */
  guint placing;
  guint layout_idle;
  RamusPlan *plan;                  /* the case being planned */
  guint opening;                    /* showing an opened case's region and side */
  RamusLibraryView *library_view;   /* in cases_window, once the library is opened */
  GtkWindow *cases_window;
  AdwViewStack *cases_stack;        /* the library, follow-up and cohort views */
  RamusFollowupView *followup_view;
  RamusCohortView *cohort_view;
  guint autosave_id;
  gboolean save_failed_shown;       /* autosave says so once */
  guint timing_frames;              /* RAMUS_FRAME_TIMING */
  gulong timing_paint;

  /* Template children */
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  GtkWidget *content;
  GtkDropDown *region_dropdown;
  GtkLabel *procedure_label;
  GtkWidget *side_right_button;
  GtkWidget *side_left_button;
  GtkWidget *variant_box;
  GtkExpander *variant_expander;
  GtkBox *variant_groups_box;
  GtkSearchEntry *search_entry;
  GtkStack *tree_stack;
  GtkListView *tree_view;
  AdwStatusPage *error_page;
  AdwWindowTitle *content_title;
  GtkPaned *paned;
  RamusAtlasView *atlas_view;
  RamusDetailsPane *details_pane;
  GtkStack *side_stack;
  RamusPlanPanel *plan_panel;
};

G_DEFINE_FINAL_TYPE (RamusWindow, ramus_window, ADW_TYPE_APPLICATION_WINDOW)

static void rebuild_tree (RamusWindow *self);
static void restart_plan_if_empty (RamusWindow *self);

/* --- helpers ------------------------------------------------------------ */

/* The core takes one variant: the chosen variant of every group that
 * applies to the region, merged (their reparentings and added vessels). */
static const RamusVariant *
current_variant (RamusWindow *self)
{
  return self->applicable != NULL && self->applicable->len > 0 ? &self->combined : NULL;
}

static void
update_combined (RamusWindow *self)
{
  g_autoptr(GPtrArray) adds = g_ptr_array_new ();

  g_hash_table_remove_all (self->combined.reparent);
  for (guint i = 0; self->applicable && i < self->applicable->len; i++)
    {
      const RamusVariant *variant = g_hash_table_lookup (self->chosen,
                                                         g_ptr_array_index (self->applicable, i));
      GHashTableIter iter;
      gpointer child, parent;

      if (variant == NULL)
        continue;
      g_hash_table_iter_init (&iter, variant->reparent);
      while (g_hash_table_iter_next (&iter, &child, &parent))
        g_hash_table_insert (self->combined.reparent, child, parent);
      for (guint j = 0; variant->adds && variant->adds[j]; j++)
        g_ptr_array_add (adds, variant->adds[j]);
    }
  g_ptr_array_add (adds, NULL);
  g_free (self->combined.adds);
  self->combined.adds = (char **) g_ptr_array_steal (adds, NULL);
}

/* "Michels 1966" from a full citation: the first author's surname and the
 * first year. */
static char *
short_citation (const RamusSource *source)
{
  g_autofree char *authors = NULL;
  g_autofree char *surname = NULL;
  const char *year = NULL;
  const char *p;

  if (source == NULL || source->citation == NULL)
    return NULL;

  p = strstr (source->citation, ". ");
  authors = p ? g_strndup (source->citation, p - source->citation) : g_strdup (source->citation);
  p = strpbrk (authors, ", ");
  surname = p ? g_strndup (authors, p - authors) : g_strdup (authors);

  for (p = source->citation; *p; p++)
    if ((g_str_has_prefix (p, "19") || g_str_has_prefix (p, "20")) &&
        g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) && !g_ascii_isdigit (p[4]) &&
        (p == source->citation || !g_ascii_isdigit (p[-1])))
      {
        year = p;
        break;
      }

  if (year != NULL)
    return g_strdup_printf ("%s %.4s", surname, year);
  return g_steal_pointer (&surname);
}

static gint
compare_variants (gconstpointer a,
                  gconstpointer b)
{
  const RamusVariant *va = *(const RamusVariant * const *) a;
  const RamusVariant *vb = *(const RamusVariant * const *) b;

  return va->order - vb->order;
}

static gboolean
vessel_id_in_region (RamusWindow *self,
                     const char  *id,
                     const char  *region_id)
{
  const RamusVessel *vessel = id ? ramus_atlas_lookup (self->atlas, id) : NULL;

  return vessel != NULL && ramus_atlas_vessel_in_region (vessel, region_id);
}

/* Whether the variants of @group move or add vessels of @region_id. */
static gboolean
group_applies_to (RamusWindow *self,
                  const char  *group,
                  const char  *region_id)
{
  GPtrArray *variants = g_hash_table_lookup (self->group_variants, group);

  for (guint i = 0; i < variants->len; i++)
    {
      const RamusVariant *variant = g_ptr_array_index (variants, i);
      GHashTableIter iter;
      gpointer child, parent;

      g_hash_table_iter_init (&iter, variant->reparent);
      while (g_hash_table_iter_next (&iter, &child, &parent))
        if (vessel_id_in_region (self, child, region_id))
          return TRUE;
      for (guint j = 0; variant->adds && variant->adds[j]; j++)
        if (vessel_id_in_region (self, variant->adds[j], region_id))
          return TRUE;
    }
  return FALSE;
}

static const RamusVessel *
item_vessel (gpointer item)
{
  if (GTK_IS_TREE_LIST_ROW (item))
    {
      g_autoptr(GObject) inner = gtk_tree_list_row_get_item (item);
      return ramus_vessel_item_get_vessel (RAMUS_VESSEL_ITEM (inner));
    }
  return NULL;
}

/* --- header and details --------------------------------------------------- */

static void
update_title (RamusWindow *self)
{
  const RamusVessel *vessel = ramus_details_pane_get_vessel (self->details_pane);
  g_autofree char *subtitle = NULL;

  if (self->region != NULL)
    subtitle = g_strdup_printf ("%s · %s",
                                self->region->names[ramus_name_style_ui_lang ()],
                                self->side == RAMUS_SIDE_LEFT ? _("Left side") : _("Right side"));
  adw_window_title_set_title (self->content_title,
                              vessel ? ramus_name_style_primary (self->style, vessel) : "Ramus");
  adw_window_title_set_subtitle (self->content_title, subtitle ? subtitle : "");
}

static void
show_details (RamusWindow       *self,
              const RamusVessel *vessel)
{
  ramus_details_pane_show (self->details_pane, self->atlas, vessel, self->side,
                           current_variant (self), self->style);
  ramus_atlas_view_select (self->atlas_view, vessel, FALSE);
  update_title (self);
}

/* A vessel chosen in the tree, the search or a link: shown, and brought
 * into view on the canvas unless it was clicked there. */
static void
show_chosen (RamusWindow       *self,
             const RamusVessel *vessel)
{
  show_details (self, vessel);
  if (!self->from_canvas)
    ramus_atlas_view_select (self->atlas_view, vessel, TRUE);
}

static void
selection_changed_cb (RamusWindow *self)
{
  const RamusVessel *vessel = item_vessel (gtk_single_selection_get_selected_item (self->selection));

  /* A rebuild drops the selection for a moment; keep the details. */
  if (vessel == NULL || self->updating)
    return;
  show_chosen (self, vessel);
}

/* --- the tree ----------------------------------------------------------- */

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  GListStore *children = ramus_vessel_item_get_children (RAMUS_VESSEL_ITEM (item));

  return children ? g_object_ref (G_LIST_MODEL (children)) : NULL;
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  RamusWindow              *self)
{
  gtk_list_item_set_child (list_item, ramus_vessel_row_new ());
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 RamusWindow              *self)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);

  ramus_vessel_row_bind (RAMUS_VESSEL_ROW (row), gtk_list_item_get_item (list_item), self->style);
  /* For focus_position(): which list item a row widget shows. */
  g_object_set_data (G_OBJECT (row), "ramus-list-item", list_item);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   RamusWindow              *self)
{
  ramus_vessel_row_unbind (RAMUS_VESSEL_ROW (gtk_list_item_get_child (list_item)));
}

/* The region's rows for the patient's side and the chosen variants. */
static GArray *
region_rows (RamusWindow *self)
{
  return ramus_atlas_region_tree (self->atlas, self->region->id, self->side,
                                  current_variant (self));
}

/* Finds @vessel in the shown tree, expanding its ancestors where they are
 * collapsed. Returns its position or GTK_INVALID_LIST_POSITION. */
static guint
find_position (RamusWindow       *self,
               const RamusVessel *vessel)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  g_autoptr(GPtrArray) path = ramus_atlas_path (self->atlas, vessel, self->side,
                                                current_variant (self));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      const RamusVessel *v = item_vessel (row);

      if (v == vessel)
        return i;
      if (!gtk_tree_list_row_get_expanded (row) && g_ptr_array_find (path, v, NULL))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Moves the keyboard focus to the row at @position, if it has a widget.
 * GTK 4.8 has no API for this (gtk_list_view_scroll_to() is 4.12), so
 * look for the row among the list's children. */
static gboolean
focus_row (RamusWindow *self,
           guint        position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->tree_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkListItem *item = row ? g_object_get_data (G_OBJECT (row), "ramus-list-item") : NULL;

      if (item != NULL && gtk_list_item_get_position (item) == position)
        return gtk_widget_grab_focus (child);
    }
  return FALSE;
}

typedef struct
{
  RamusWindow *self;
  guint position;
  guint tries;
} FocusLater;

static void
focus_later_free (gpointer data)
{
  FocusLater *later = data;

  g_object_unref (later->self);
  g_free (later);
}

static gboolean
focus_row_later_cb (gpointer data)
{
  FocusLater *later = data;

  if (focus_row (later->self, later->position) || ++later->tries > 10)
    return G_SOURCE_REMOVE;
  return G_SOURCE_CONTINUE;
}

/* After scrolling, the row's widget exists only once the list has been
 * laid out again. */
static void
focus_position (RamusWindow *self,
                guint        position)
{
  FocusLater *later;

  if (focus_row (self, position))
    return;
  later = g_new0 (FocusLater, 1);
  later->self = g_object_ref (self);
  later->position = position;
  g_timeout_add_full (G_PRIORITY_DEFAULT, 20, focus_row_later_cb, later, focus_later_free);
}

static void
select_position (RamusWindow *self,
                 guint        position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->tree_view), "list.scroll-to-item", "u", position);
}

static void
rebuild_tree (RamusWindow *self)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GHashTable) matched = NULL;
  g_autoptr(GListStore) roots = NULL;
  g_autofree gboolean *visible = NULL;
  g_autofree guint *parent_of = NULL;
  g_autofree RamusVesselItem **items = NULL;
  GtkTreeListModel *tree;
  const RamusVessel *shown = ramus_details_pane_get_vessel (self->details_pane);
  const char *query;
  gboolean in_region = FALSE;
  gboolean searching;
  guint n_visible = 0;

  if (self->atlas == NULL || self->region == NULL)
    return;

  self->updating++;

  rows = region_rows (self);
  query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  searching = FALSE;
  for (const char *p = query; p && *p; p++)
    if (!g_ascii_isspace (*p))
      searching = TRUE;

  /* Matches, then every ancestor of a match, stay visible. */
  visible = g_new0 (gboolean, rows->len + 1);
  parent_of = g_new0 (guint, rows->len + 1);
  items = g_new0 (RamusVesselItem *, rows->len + 1);
  matched = g_hash_table_new (NULL, NULL);
  self->best_match = NULL;
  if (searching)
    {
      hits = ramus_atlas_search (self->atlas, query, self->region->id, 0);
      for (guint i = 0; i < hits->len; i++)
        g_hash_table_add (matched, (gpointer) ((RamusSearchHit *) g_ptr_array_index (hits, i))->vessel);
    }

  {
    g_autofree guint *last_at_depth = g_new0 (guint, rows->len + 1);

    for (guint i = 0; i < rows->len; i++)
      {
        RamusTreeRow row = g_array_index (rows, RamusTreeRow, i);

        parent_of[i] = row.depth > 0 ? last_at_depth[row.depth - 1] : G_MAXUINT;
        last_at_depth[row.depth] = i;
        if (row.vessel == shown)
          in_region = TRUE;
        if (!searching || g_hash_table_contains (matched, row.vessel))
          for (guint j = i; j != G_MAXUINT && !visible[j]; j = parent_of[j])
            visible[j] = TRUE;
      }
  }

  /* The best-ranked hit that the tree shows. */
  for (guint i = 0; hits && i < hits->len && self->best_match == NULL; i++)
    {
      const RamusVessel *v = ((RamusSearchHit *) g_ptr_array_index (hits, i))->vessel;
      for (guint j = 0; j < rows->len; j++)
        if (g_array_index (rows, RamusTreeRow, j).vessel == v)
          {
            self->best_match = v;
            break;
          }
    }

  roots = g_list_store_new (RAMUS_TYPE_VESSEL_ITEM);
  for (guint i = 0; i < rows->len; i++)
    {
      RamusTreeRow row = g_array_index (rows, RamusTreeRow, i);
      gboolean match = !searching || g_hash_table_contains (matched, row.vessel);

      if (!visible[i])
        continue;
      n_visible++;
      items[i] = ramus_vessel_item_new (row.vessel, match);
      if (parent_of[i] != G_MAXUINT && items[parent_of[i]] != NULL)
        ramus_vessel_item_add_child (items[parent_of[i]], items[i]);
      else
        g_list_store_append (roots, items[i]);
    }
  for (guint i = 0; i < rows->len; i++)
    g_clear_object (&items[i]);

  tree = gtk_tree_list_model_new (G_LIST_MODEL (g_steal_pointer (&roots)), FALSE, TRUE,
                                  create_children_cb, NULL, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree));
  g_object_unref (tree);

  gtk_stack_set_visible_child_name (self->tree_stack, n_visible > 0 || !searching ? "tree" : "no-results");

  /* Keep the vessel shown: selected where the tree has it, in the details
   * while it belongs to the region. */
  if (shown != NULL && in_region)
    {
      select_position (self, find_position (self, shown));
    }
  self->updating--;

  show_details (self, in_region ? shown : NULL);
}

/* --- region, side, variant, names ---------------------------------------------- */

/* The canvas draws the region with the chosen variants: a variant adds
 * vessels and moves others. */
static void
update_scene (RamusWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusScene) scene = NULL;

  if (self->atlas == NULL || self->region == NULL)
    return;
  scene = ramus_scene_new_for_region (self->atlas, self->region->id, current_variant (self), &error);
  if (scene == NULL)
    g_warning ("Cannot draw the region %s: %s", self->region->id, error->message);
  ramus_atlas_view_set_scene (self->atlas_view, scene);
}

static void
update_layers (RamusWindow *self)
{
  guint layers = RAMUS_LAYER_VESSELS;

  for (guint i = 0; i < G_N_ELEMENTS (layer_keys); i++)
    if (g_settings_get_boolean (self->settings, layer_keys[i].key))
      layers |= layer_keys[i].layer;
  ramus_atlas_view_set_layers (self->atlas_view, layers);
}

static void
dark_changed_cb (RamusWindow     *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  ramus_atlas_view_set_dark (self->atlas_view, adw_style_manager_get_dark (manager));
}

static char *
variant_info (RamusWindow        *self,
              const RamusVariant *variant)
{
  /* Like the variant names, in the interface language. */
  RamusNameStyle ui_style = { ramus_name_style_ui_lang (), FALSE };
  GString *info = g_string_new (NULL);

  if (ramus_name_style_pick (ui_style, variant->descriptions))
    g_string_append (info, ramus_name_style_pick (ui_style, variant->descriptions));
  for (guint i = 0; variant->frequencies && i < variant->frequencies->len; i++)
    {
      RamusFrequency *f = &g_array_index (variant->frequencies, RamusFrequency, i);
      g_autofree char *cite = short_citation (ramus_atlas_lookup_source (self->atlas, f->source));

      g_string_append (info, i == 0 ? (info->len > 0 ? "\n" : "") : "; ");
      if (i == 0)
        /* Translators: how often an anatomical variant occurs */
        g_string_append (info, _("Frequency: "));
      /* Translators: a percentage and the source it comes from */
      g_string_append_printf (info, _("%.1f %% (%s)"), f->percent, cite ? cite : f->source);
    }
  return g_string_free (info, FALSE);
}

static const char *
variant_name (const RamusVariant *variant)
{
  RamusLang lang = ramus_name_style_ui_lang ();

  return variant->names[lang] ? variant->names[lang] : variant->names[RAMUS_LANG_EN];
}

static void
update_variant_summary (RamusWindow *self)
{
  guint changed = 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < self->applicable->len; i++)
    {
      const RamusVariant *variant = g_hash_table_lookup (self->chosen,
                                                         g_ptr_array_index (self->applicable, i));
      if (variant != NULL && !variant->is_default)
        changed++;
    }
  if (changed > 0)
    /* Translators: the heading of the variant choosers, and how many differ
     * from the usual anatomy */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Anatomical Variants (%u changed)",
                                          "Anatomical Variants (%u changed)", changed), changed);
  else
    label = g_strdup (_("Anatomical Variants"));
  gtk_expander_set_label (self->variant_expander, label);
}

static void
variant_selected_cb (RamusWindow *self,
                     GParamSpec  *pspec,
                     GtkDropDown *dropdown)
{
  const char *group = gtk_widget_get_name (GTK_WIDGET (dropdown));
  GPtrArray *variants = g_hash_table_lookup (self->group_variants, group);
  guint selected = gtk_drop_down_get_selected (dropdown);
  GtkWidget *info = gtk_widget_get_next_sibling (GTK_WIDGET (dropdown));
  g_autofree char *text = NULL;

  if (self->updating || variants == NULL || selected >= variants->len)
    return;
  g_hash_table_insert (self->chosen, (gpointer) g_intern_string (group),
                       g_ptr_array_index (variants, selected));
  text = variant_info (self, g_ptr_array_index (variants, selected));
  gtk_label_set_text (GTK_LABEL (info), text);
  update_variant_summary (self);
  update_combined (self);
  update_scene (self);
  rebuild_tree (self);
}

/* A variant's name: ellipsized on the chooser's button, so that a long
 * name does not widen the sidebar (and move the canvas with each region),
 * wrapped in full in its list. */
static void
variant_label_setup_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  in_list)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (in_list))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
      gtk_widget_set_hexpand (label, TRUE);
    }
  gtk_list_item_set_child (item, label);
}

static void
variant_label_bind_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  in_list)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (label), text);
  if (!GPOINTER_TO_INT (in_list))
    gtk_widget_set_tooltip_text (label, text);
}

static GtkListItemFactory *
variant_label_factory (gboolean in_list)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (variant_label_setup_cb), GINT_TO_POINTER (in_list));
  g_signal_connect (factory, "bind", G_CALLBACK (variant_label_bind_cb), GINT_TO_POINTER (in_list));
  return factory;
}

/* One chooser per group of variants that applies to the region. */
static void
populate_variants (RamusWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->variant_groups_box))) != NULL)
    gtk_box_remove (self->variant_groups_box, child);

  for (guint g = 0; g < self->applicable->len; g++)
    {
      const char *group = g_ptr_array_index (self->applicable, g);
      GPtrArray *variants = g_hash_table_lookup (self->group_variants, group);
      const RamusVariant *chosen = g_hash_table_lookup (self->chosen, group);
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      g_autofree char *info_text = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *box, *dropdown, *info;
      guint selected = 0;

      for (guint i = 0; i < variants->len; i++)
        {
          const RamusVariant *variant = g_ptr_array_index (variants, i);

          if (variant->frequencies && variant->frequencies->len > 0)
            {
              /* Translators: a variant's name and how often it occurs */
              g_autofree char *text = g_strdup_printf (_("%s (%.1f %%)"), variant_name (variant),
                                                       g_array_index (variant->frequencies,
                                                                      RamusFrequency, 0).percent);
              gtk_string_list_append (names, text);
            }
          else
            gtk_string_list_append (names, variant_name (variant));
          if (variant == chosen)
            selected = i;
        }

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      {
        g_autoptr(GtkListItemFactory) button_factory = variant_label_factory (FALSE);
        g_autoptr(GtkListItemFactory) list_factory = variant_label_factory (TRUE);

        gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button_factory);
        gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);
      }
      gtk_widget_set_name (dropdown, group);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
      if (g_str_equal (group, MICHELS_GROUP))
        accessible = g_strdup (_("Hepatic arterial variant (Michels)"));
      else
        /* Translators: the label of a variant chooser, named after the usual anatomy */
        accessible = g_strdup_printf (_("Anatomical variant: %s"),
                                      variant_name (g_ptr_array_index (variants, 0)));
      gtk_widget_set_tooltip_text (dropdown, accessible);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

      info_text = variant_info (self, g_ptr_array_index (variants, selected));
      info = gtk_label_new (info_text);
      gtk_label_set_xalign (GTK_LABEL (info), 0);
      gtk_label_set_wrap (GTK_LABEL (info), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (info), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (info), 30);
      gtk_widget_add_css_class (info, "caption");
      gtk_widget_add_css_class (info, "dim-label");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, info, NULL, -1);

      if (g_str_equal (group, MICHELS_GROUP))
        {
          GtkWidget *heading = gtk_label_new (accessible);
          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_add_css_class (heading, "heading");
          gtk_box_append (GTK_BOX (box), heading);
        }
      gtk_box_append (GTK_BOX (box), dropdown);
      gtk_box_append (GTK_BOX (box), info);
      gtk_box_append (self->variant_groups_box, box);

      g_signal_connect_object (dropdown, "notify::selected",
                               G_CALLBACK (variant_selected_cb), self, G_CONNECT_SWAPPED);
    }

  gtk_widget_set_visible (self->variant_box, self->applicable->len > 0);
  /* One classification (the liver's Michels types) is shown open;
   * several (the knee's) start folded to leave room for the tree. */
  gtk_expander_set_expanded (self->variant_expander, self->applicable->len == 1);
  update_variant_summary (self);
}

static void
apply_region (RamusWindow *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "region");
  guint index = 0;

  if (self->regions->len == 0)
    return;
  for (guint i = 0; i < self->regions->len; i++)
    if (g_str_equal (((const RamusRegion *) g_ptr_array_index (self->regions, i))->id, id))
      index = i;

  self->region = g_ptr_array_index (self->regions, index);
  self->updating++;
  gtk_drop_down_set_selected (self->region_dropdown, index);
  self->updating--;

  gtk_label_set_text (self->procedure_label,
                      self->region->procedures[ramus_name_style_ui_lang ()] ?
                      self->region->procedures[ramus_name_style_ui_lang ()] : "");
  g_ptr_array_set_size (self->applicable, 0);
  for (guint i = 0; i < self->groups->len; i++)
    if (group_applies_to (self, g_ptr_array_index (self->groups, i), self->region->id))
      g_ptr_array_add (self->applicable, g_ptr_array_index (self->groups, i));
  populate_variants (self);
  update_combined (self);
  update_scene (self);
  rebuild_tree (self);
  restart_plan_if_empty (self);
}

static void
region_selected_cb (RamusWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->region_dropdown);
  const RamusRegion *region;

  if (self->updating || self->regions == NULL || selected >= self->regions->len)
    return;
  region = g_ptr_array_index (self->regions, selected);
  g_settings_set_string (self->settings, "region", region->id);
}

static void
settings_changed_cb (RamusWindow *self,
                     const char  *key,
                     GSettings   *settings)
{
  if (g_str_equal (key, "region"))
    apply_region (self);
  else if (g_str_equal (key, "patient-side"))
    {
      g_autofree char *side = g_settings_get_string (settings, "patient-side");
      self->side = g_str_equal (side, "left") ? RAMUS_SIDE_LEFT : RAMUS_SIDE_RIGHT;
      ramus_atlas_view_set_side (self->atlas_view, self->side);
      rebuild_tree (self);
      restart_plan_if_empty (self);
    }
  else if (g_str_equal (key, "name-language"))
    {
      g_autofree char *lang = g_settings_get_string (settings, "name-language");
      self->style = ramus_name_style_from_setting (lang);
      ramus_atlas_view_set_lang (self->atlas_view, self->style.primary);
      rebuild_tree (self);
    }
  else if (g_str_has_prefix (key, "layer-"))
    update_layers (self);
}

/* --- search and keyboard -------------------------------------------------- */

static void
search_changed_cb (RamusWindow *self)
{
  rebuild_tree (self);
}

static void
navigate_to_content (RamusWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

/* Enter in the search entry shows the best match. */
static void
search_activate_cb (RamusWindow *self)
{
  guint position;

  if (self->best_match == NULL)
    return;
  position = find_position (self, self->best_match);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  select_position (self, position);
  focus_position (self, position);
  navigate_to_content (self);
}

static void
search_stop_cb (RamusWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

static gboolean
search_key_pressed_cb (RamusWindow           *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) &&
      (state & GDK_MODIFIER_MASK) == 0)
    {
      guint position = gtk_single_selection_get_selected (self->selection);

      if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
        return GDK_EVENT_PROPAGATE;
      if (position == GTK_INVALID_LIST_POSITION)
        {
          position = self->best_match ? find_position (self, self->best_match) : 0;
          if (position == GTK_INVALID_LIST_POSITION)
            position = 0;
          select_position (self, position);
        }
      focus_position (self, position);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Right expands the selected vessel, Left collapses it or moves to its
 * parent, as in every tree. */
static gboolean
tree_key_pressed_cb (RamusWindow           *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GtkTreeListRow *row;
  gboolean expand;

  if ((state & GDK_MODIFIER_MASK) != 0)
    return GDK_EVENT_PROPAGATE;
  if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    expand = TRUE;
  else if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    expand = FALSE;
  else
    return GDK_EVENT_PROPAGATE;

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return GDK_EVENT_PROPAGATE;

  if (gtk_tree_list_row_is_expandable (row) && gtk_tree_list_row_get_expanded (row) != expand)
    gtk_tree_list_row_set_expanded (row, expand);
  else if (!expand)
    {
      g_autoptr(GtkTreeListRow) parent = gtk_tree_list_row_get_parent (row);
      if (parent != NULL)
        {
          select_position (self, gtk_tree_list_row_get_position (parent));
          focus_position (self, gtk_tree_list_row_get_position (parent));
        }
    }
  return GDK_EVENT_STOP;
}

static void
tree_activate_cb (RamusWindow *self,
                  guint        position)
{
  select_position (self, position);
  navigate_to_content (self);
}

static void
details_vessel_activated_cb (RamusWindow *self,
                             const char  *id)
{
  ramus_window_select_vessel (self, id);
}

/* A vessel clicked on the canvas: selected in the tree (its ancestors
 * expanded, scrolled to) and its details shown; the canvas keeps the
 * view as it is. */
static void
atlas_vessel_activated_cb (RamusWindow       *self,
                           const RamusVessel *vessel)
{
  /* Planning, a click makes the vessel a target or no longer one. */
  if (ramus_window_get_planning (self) && self->plan != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (ramus_plan_panel_get_pain_mode (self->plan_panel))
        return;
      if (!ramus_plan_panel_toggle_target (self->plan_panel, vessel, &error))
        g_debug ("Cannot toggle %s: %s", vessel->id, error->message);
      return;
    }
  self->from_canvas++;
  ramus_window_select_vessel (self, vessel->id);
  self->from_canvas--;
}

static void
leaflet_folded_cb (RamusWindow *self)
{
  if (!adw_leaflet_get_folded (self->leaflet))
    return;
  /* Folding shows the list first unless a vessel is being read. */
  if (ramus_details_pane_get_vessel (self->details_pane) == NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* --- actions ---------------------------------------------------------------- */

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  RamusWindow *self = RAMUS_WINDOW (user_data);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
show_sidebar_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RamusWindow *self = RAMUS_WINDOW (user_data);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  if (gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    focus_position (self, gtk_single_selection_get_selected (self->selection));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

static void
show_details_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RamusWindow *self = RAMUS_WINDOW (user_data);

  adw_leaflet_set_visible_child (self->leaflet, self->content);
  gtk_widget_child_focus (GTK_WIDGET (self->details_pane), GTK_DIR_TAB_FORWARD);
}

static void
zoom_in_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  RamusWindow *self = RAMUS_WINDOW (user_data);

  gtk_widget_activate_action (GTK_WIDGET (self->atlas_view), "atlas.zoom-in", NULL);
}

static void
zoom_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RamusWindow *self = RAMUS_WINDOW (user_data);

  gtk_widget_activate_action (GTK_WIDGET (self->atlas_view), "atlas.zoom-out", NULL);
}

static void
zoom_fit_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RamusWindow *self = RAMUS_WINDOW (user_data);

  gtk_widget_activate_action (GTK_WIDGET (self->atlas_view), "atlas.zoom-fit", NULL);
}

/* --- planning ------------------------------------------------------------- */

gboolean
ramus_window_get_planning (RamusWindow *self)
{
  const char *name;

  g_return_val_if_fail (RAMUS_IS_WINDOW (self), FALSE);
  name = gtk_stack_get_visible_child_name (self->side_stack);
  return name != NULL && g_str_equal (name, "plan");
}

void
ramus_window_set_planning (RamusWindow *self,
                           gboolean     planning)
{
  g_return_if_fail (RAMUS_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->side_stack, planning ? "plan" : "details");
}

RamusPlan *
ramus_window_get_plan (RamusWindow *self)
{
  g_return_val_if_fail (RAMUS_IS_WINDOW (self), NULL);
  return self->plan;
}

RamusPlanPanel *
ramus_window_get_plan_panel (RamusWindow *self)
{
  g_return_val_if_fail (RAMUS_IS_WINDOW (self), NULL);
  return self->plan_panel;
}

/* The route of every target and the numbered targets, on the canvas. */
static void
update_overlay (RamusWindow *self)
{
  g_autoptr(GPtrArray) route = NULL;
  g_autoptr(GPtrArray) targets = NULL;

  if (self->plan == NULL)
    {
      ramus_atlas_view_set_route (self->atlas_view, NULL, 0, NULL, 0);
      return;
    }
  ramus_plan_panel_get_overlay (self->plan_panel, &route, &targets);
  ramus_atlas_view_set_route (self->atlas_view,
                              route ? (const RamusVessel **) route->pdata : NULL,
                              route ? route->len : 0,
                              targets ? (const RamusVessel **) targets->pdata : NULL,
                              targets ? targets->len : 0);
}

static void
update_plan_actions (RamusWindow *self)
{
  GAction *undo = g_action_map_lookup_action (G_ACTION_MAP (self), "undo");
  GAction *redo = g_action_map_lookup_action (G_ACTION_MAP (self), "redo");
  GAction *print = g_action_map_lookup_action (G_ACTION_MAP (self), "print");

  if (undo != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (undo), self->plan && ramus_plan_can_undo (self->plan));
  if (redo != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (redo), self->plan && ramus_plan_can_redo (self->plan));
  if (print != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (print), self->plan != NULL);
}

static void
plan_changed_cb (RamusWindow *self)
{
  update_overlay (self);
  update_plan_actions (self);
}

static void
plan_overlay_changed_cb (RamusWindow *self)
{
  update_overlay (self);
}

/* A target or candidate chosen in the plan: centred on the canvas. */
static void
plan_vessel_activated_cb (RamusWindow       *self,
                          const RamusVessel *vessel)
{
  if (vessel != NULL)
    ramus_atlas_view_select (self->atlas_view, vessel, TRUE);
}

static void
plan_pain_mode_cb (RamusWindow *self)
{
  gboolean pain = ramus_plan_panel_get_pain_mode (self->plan_panel);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->atlas_view), pain ? "crosshair" : NULL);
  /* Marking pain is part of planning. */
  if (pain)
    ramus_window_set_planning (self, TRUE);
}

static void
side_stack_changed_cb (RamusWindow *self)
{
  if (!ramus_window_get_planning (self) && ramus_plan_panel_get_pain_mode (self->plan_panel))
    ramus_plan_panel_set_pain_mode (self->plan_panel, FALSE);
}

/* Marking pain, a click on the canvas marks the point under it. */
static void
canvas_pressed_cb (RamusWindow *self,
                   int          n_press,
                   double       x,
                   double       y,
                   GtkGesture  *gesture)
{
  const RamusViewport *vp;
  double s = gtk_widget_get_scale_factor (GTK_WIDGET (self->atlas_view));
  double wx, wy;
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL || !ramus_window_get_planning (self) ||
      !ramus_plan_panel_get_pain_mode (self->plan_panel) || n_press != 1)
    return;
  vp = ramus_atlas_view_get_viewport (self->atlas_view);
  if (vp == NULL)
    return;
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  ramus_viewport_to_world (vp, x * s, y * s, &wx, &wy);
  if (!ramus_plan_panel_add_pain_point (self->plan_panel, wx, wy, 0, &error))
    g_debug ("Cannot mark pain: %s", error->message);
}

static void plan_edited_cb (RamusWindow *self);
static gboolean autosave_cb (gpointer data);

static void
create_plan (RamusWindow     *self,
             const RamusCase *kase)
{
  self->plan = ramus_plan_new (self->atlas, kase);
  g_signal_connect_object (self->plan, "changed",
                           G_CALLBACK (plan_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->plan, "changed",
                           G_CALLBACK (plan_edited_cb), self, G_CONNECT_SWAPPED);
  ramus_plan_panel_set_plan (self->plan_panel, self->plan);
}

/* A new case starts from the region and side shown, as long as nothing
 * has been planned yet. */
static void
restart_plan_if_empty (RamusWindow *self)
{
  g_autoptr(RamusCase) kase = NULL;

  if (self->atlas == NULL || self->region == NULL || self->opening)
    return;
  if (self->plan != NULL &&
      (ramus_plan_can_undo (self->plan) || ramus_plan_get_n_targets (self->plan) > 0))
    return;
  if (self->plan != NULL)
    {
      const RamusCase *current = ramus_plan_get_case (self->plan);

      if (g_strcmp0 (current->region, self->region->id) == 0 && current->side == self->side)
        return;
    }

  kase = ramus_case_new (self->region->id, self->side);
  /* Saved under this id each time. */
  if (kase->id == NULL)
    kase->id = g_uuid_string_random ();
  self->opening++;
  if (self->plan == NULL)
    create_plan (self, kase);
  else
    ramus_plan_reset (self->plan, kase);
  self->opening--;
  plan_changed_cb (self);
}

/**
 * ramus_window_open_case:
 * @kase: the case to plan (copied)
 *
 * Plans @kase: the canvas shows its region and side, the plan panel its
 * plan, and the window switches to planning.
 */
void
ramus_window_open_case (RamusWindow     *self,
                        const RamusCase *kase)
{
  g_return_if_fail (RAMUS_IS_WINDOW (self));
  g_return_if_fail (kase != NULL);

  if (self->plan == NULL && self->atlas == NULL)
    return;
  /* The case being planned is saved before another is opened. */
  if (self->autosave_id != 0)
    autosave_cb (self);
  self->opening++;
  if (self->plan == NULL)
    create_plan (self, kase);
  else
    ramus_plan_reset (self->plan, kase);

  /* The case's region and side, shown. */
  if (kase->region != NULL)
    g_settings_set_string (self->settings, "region", kase->region);
  g_settings_set_string (self->settings, "patient-side",
                         kase->side == RAMUS_SIDE_LEFT ? "left" : "right");
  self->opening--;
  plan_changed_cb (self);
  ramus_window_set_planning (self, TRUE);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  RamusWindow *self = user_data;

  if (self->plan != NULL)
    ramus_plan_undo (self->plan);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  RamusWindow *self = user_data;

  if (self->plan != NULL)
    ramus_plan_redo (self->plan);
}

static void
show_plan_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  RamusWindow *self = user_data;

  ramus_window_set_planning (self, !ramus_window_get_planning (self));
}

static void
edit_case_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  RamusWindow *self = user_data;

  ramus_window_set_planning (self, TRUE);
  ramus_plan_panel_show_case_form (self->plan_panel, NULL);
}

/* --- the case library ------------------------------------------------------ */

static void
show_message (RamusWindow *self,
              const char  *heading,
              const char  *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static RamusStore *
library_store (RamusWindow *self)
{
  return self->library_view ? ramus_library_view_get_store (self->library_view) : NULL;
}

static void
library_case_activated_cb (RamusWindow *self,
                           const char  *id)
{
  RamusStore *store = library_store (self);
  g_autoptr(RamusCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;
  kase = ramus_store_load_case (store, id, &error);
  if (kase == NULL)
    {
      show_message (self, _("Cannot Open the Case"), error->message);
      return;
    }
  ramus_window_open_case (self, kase);
  gtk_window_present (GTK_WINDOW (self));
}

/* The library view, made once: it lives in the Cases window. */
static void
ensure_library_view (RamusWindow *self)
{
  if (self->library_view != NULL)
    return;
  self->library_view = g_object_ref_sink (RAMUS_LIBRARY_VIEW (ramus_library_view_new ()));
  gtk_widget_set_vexpand (GTK_WIDGET (self->library_view), TRUE);
  g_signal_connect_object (self->library_view, "case-activated",
                           G_CALLBACK (library_case_activated_cb), self, G_CONNECT_SWAPPED);
}

/**
 * ramus_window_open_library:
 * @path: (type filename) (nullable): a library file, or %NULL for the
 *   default library
 *
 * Opens the case library the window saves to. A file the store refuses
 * is left untouched, and the library view shows why, offering another
 * file or a new library.
 *
 * Returns: whether the library was opened
 */
gboolean
ramus_window_open_library (RamusWindow *self,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *default_path = NULL;
  gboolean opened;

  g_return_val_if_fail (RAMUS_IS_WINDOW (self), FALSE);

  ensure_library_view (self);
  if (path == NULL)
    path = default_path = ramus_store_get_default_path ();
  opened = ramus_library_view_open_library (self->library_view, path,
                                            default_path ? RAMUS_STORE_OPEN_DEFAULT
                                                         : RAMUS_STORE_OPEN_NO_CREATE,
                                            error);
  /* Refused: the view says why once it is shown. */
  if (!opened)
    ramus_window_show_cases (self);
  return opened;
}

RamusLibraryView *
ramus_window_get_library_view (RamusWindow *self)
{
  g_return_val_if_fail (RAMUS_IS_WINDOW (self), NULL);
  return self->library_view;
}

/* Follow-up shows the case selected in the library; the cohort, the
 * region shown. Both read the library open. */
static void
cases_page_changed_cb (RamusWindow *self)
{
  RamusStore *store = library_store (self);
  const char *page = adw_view_stack_get_visible_child_name (self->cases_stack);

  if (page == NULL || store == NULL || gtk_widget_in_destruction (GTK_WIDGET (self->cases_stack)))
    return;
  if (g_str_equal (page, "followup"))
    {
      const char *id = ramus_library_view_get_selected_id (self->library_view);
      g_autoptr(GError) error = NULL;

      if (ramus_followup_view_get_store (self->followup_view) != store)
        ramus_followup_view_set_store (self->followup_view, store);
      if (id == NULL)
        ramus_followup_view_clear (self->followup_view);
      else if (g_strcmp0 (id, ramus_followup_view_get_case_id (self->followup_view)) != 0 &&
               !ramus_followup_view_load_case (self->followup_view, id, &error))
        g_debug ("Cannot show the follow-up of %s: %s", id, error->message);
    }
  else if (g_str_equal (page, "cohort"))
    {
      if (ramus_cohort_view_get_store (self->cohort_view) != store)
        ramus_cohort_view_set_store (self->cohort_view, store);
      else
        ramus_cohort_view_refresh (self->cohort_view);
      if (self->region != NULL)
        ramus_cohort_view_set_region (self->cohort_view, self->region->id);
    }
}

/**
 * ramus_window_show_cases_page:
 * @page: "cases", "followup" or "cohort"
 *
 * Presents the Cases window on @page.
 */
GtkWindow *
ramus_window_show_cases_page (RamusWindow *self,
                              const char  *page)
{
  GtkWindow *cases;

  g_return_val_if_fail (RAMUS_IS_WINDOW (self), NULL);
  cases = ramus_window_show_cases (self);
  adw_view_stack_set_visible_child_name (self->cases_stack, page);
  cases_page_changed_cb (self);
  return cases;
}

/**
 * ramus_window_show_cases:
 *
 * Presents the Cases window, the case library.
 *
 * Returns: (transfer none): the Cases window
 */
GtkWindow *
ramus_window_show_cases (RamusWindow *self)
{
  g_return_val_if_fail (RAMUS_IS_WINDOW (self), NULL);

  ensure_library_view (self);
  if (self->cases_window == NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *header = adw_header_bar_new ();
      GtkWidget *title = adw_view_switcher_title_new ();
      GtkWidget *bar = adw_view_switcher_bar_new ();
      AdwViewStackPage *page;

      self->cases_window = GTK_WINDOW (adw_window_new ());
      g_object_add_weak_pointer (G_OBJECT (self->cases_window), (gpointer *) &self->cases_window);
      gtk_window_set_title (self->cases_window, _("Cases"));
      gtk_window_set_transient_for (self->cases_window, GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (self->cases_window, TRUE);
      gtk_window_set_hide_on_close (self->cases_window, TRUE);
      gtk_window_set_default_size (self->cases_window, 1000, 680);
      self->cases_stack = ADW_VIEW_STACK (adw_view_stack_new ());
      gtk_widget_set_vexpand (GTK_WIDGET (self->cases_stack), TRUE);
      page = adw_view_stack_add_titled (self->cases_stack, GTK_WIDGET (self->library_view),
                                        "cases", _("Cases"));
      adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
      self->followup_view = RAMUS_FOLLOWUP_VIEW (ramus_followup_view_new ());
      page = adw_view_stack_add_titled (self->cases_stack, GTK_WIDGET (self->followup_view),
                                        "followup", _("Follow-Up"));
      adw_view_stack_page_set_icon_name (page, "x-office-calendar-symbolic");
      self->cohort_view = RAMUS_COHORT_VIEW (ramus_cohort_view_new ());
      page = adw_view_stack_add_titled (self->cases_stack, GTK_WIDGET (self->cohort_view),
                                        "cohort", _("Cohort"));
      adw_view_stack_page_set_icon_name (page, "view-grid-symbolic");
      g_signal_connect_object (self->cases_stack, "notify::visible-child-name",
                               G_CALLBACK (cases_page_changed_cb), self, G_CONNECT_SWAPPED);

      adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (title), self->cases_stack);
      adw_view_switcher_title_set_title (ADW_VIEW_SWITCHER_TITLE (title), _("Cases"));
      adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
      adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (bar), self->cases_stack);
      g_object_bind_property (title, "title-visible", bar, "reveal", G_BINDING_SYNC_CREATE);
      gtk_box_append (GTK_BOX (box), header);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->cases_stack));
      gtk_box_append (GTK_BOX (box), bar);
      adw_window_set_content (ADW_WINDOW (self->cases_window), box);
    }
  gtk_window_present (self->cases_window);
  return self->cases_window;
}

static void
save_elsewhere_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RamusWindow) self = user_data;
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(RamusCase) saved = NULL;
  g_autoptr(GError) error = NULL;

  store = ramus_library_error_save_elsewhere_finish (result, &saved, &error);
  if (store == NULL)
    return;
  ensure_library_view (self);
  ramus_library_view_set_store (self->library_view, store);
}

static void
save_failed_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         RamusWindow      *self)
{
  if (g_str_equal (response, "save-as") && self->plan != NULL)
    ramus_library_error_save_elsewhere (GTK_WINDOW (self), ramus_plan_get_case (self->plan),
                                        NULL, FALSE, NULL, save_elsewhere_cb,
                                        g_object_ref (self));
}

/**
 * ramus_window_save:
 *
 * Saves the case being planned to the case library (the default library
 * unless one is open). A failure is shown, offering Save As…; the plan
 * stays as it is.
 *
 * Returns: whether the case was saved
 */
gboolean
ramus_window_save (RamusWindow *self,
                   GError     **error)
{
  g_autoptr(RamusCase) kase = NULL;
  g_autoptr(GError) local = NULL;
  RamusStore *store;

  g_return_val_if_fail (RAMUS_IS_WINDOW (self), FALSE);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->plan == NULL)
    return FALSE;
  /* No library yet: the default one; a refused one is not replaced. */
  if (library_store (self) == NULL &&
      (self->library_view == NULL || ramus_library_view_get_error (self->library_view) == NULL))
    ramus_window_open_library (self, NULL, NULL);
  store = library_store (self);

  kase = ramus_case_copy (ramus_plan_get_case (self->plan));
  /* Visits are recorded in the follow-up view, which saves them itself;
   * the plan's copy of the case may be older, so the stored ones win. */
  if (store != NULL && kase->id != NULL)
    {
      g_autoptr(RamusCase) stored = ramus_store_load_case (store, kase->id, NULL);
      if (stored != NULL)
        {
          g_array_unref (kase->followups);
          kase->followups = g_array_ref (stored->followups);
        }
    }
  if (store == NULL)
    g_set_error_literal (&local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("No case library is open."));
  else if (ramus_store_save_case (store, kase, &local))
    {
      ramus_library_view_refresh (self->library_view);
      return TRUE;
    }

  if (!self->save_failed_shown)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Case Was Not Saved"),
                                                  local->message);

      self->save_failed_shown = TRUE;
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", local->message,
                                      _("The plan is kept open. Save it to another library file to keep it."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "close", _("_Close"),
                                        "save-as", _("_Save As…"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save-as",
                                                  ADW_RESPONSE_SUGGESTED);
      g_signal_connect_object (dialog, "response", G_CALLBACK (save_failed_response_cb),
                               self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static gboolean
autosave_cb (gpointer data)
{
  RamusWindow *self = data;

  self->autosave_id = 0;
  ramus_window_save (self, NULL);
  return G_SOURCE_REMOVE;
}

/* Each edit is saved 800 ms after the last one, while a library is open. */
static void
plan_edited_cb (RamusWindow *self)
{
  if (self->opening || library_store (self) == NULL)
    return;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add (800, autosave_cb, self);
}

static void
save_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  RamusWindow *self = user_data;

  self->save_failed_shown = FALSE;
  if (ramus_window_save (self, NULL) && self->plan != NULL)
    {
      AdwToast *toast = adw_toast_new (_("Case saved"));

      adw_toast_set_timeout (toast, 2);
      ramus_library_view_add_toast (self->library_view, toast);
    }
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  RamusWindow *self = user_data;

  if (self->plan != NULL)
    ramus_library_error_save_elsewhere (GTK_WINDOW (self), ramus_plan_get_case (self->plan),
                                        NULL, FALSE, NULL, save_elsewhere_cb,
                                        g_object_ref (self));
}

static void
show_cases_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  RamusWindow *self = user_data;

  if (library_store (self) == NULL && (self->library_view == NULL ||
                                       ramus_library_view_get_error (self->library_view) == NULL))
    ramus_window_open_library (self, NULL, NULL);
  ramus_window_show_cases (self);
}

/* --- printing and preferences ------------------------------------------- */

/**
 * ramus_window_print:
 * @action: GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, _PREVIEW or _EXPORT
 * @export_filename: (nullable): where _EXPORT writes the PDF
 *
 * Prints the procedure sheet of the case being planned.
 *
 * Returns: (transfer full) (nullable): the running operation, or %NULL
 *   (after showing why) if the sheet cannot be laid out
 */
RamusPrint *
ramus_window_print (RamusWindow             *self,
                    GtkPrintOperationAction  action,
                    const char              *export_filename)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusPrint) print = NULL;

  g_return_val_if_fail (RAMUS_IS_WINDOW (self), NULL);
  if (self->plan == NULL)
    return NULL;

  print = ramus_print_new (self->atlas, ramus_plan_get_case (self->plan), self->settings, &error);
  if (print == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Print the Sheet"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return NULL;
    }
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (print), export_filename);
  ramus_print_run (print, action, GTK_WINDOW (self));
  return g_steal_pointer (&print);
}

static void
print_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  g_autoptr(RamusPrint) print = ramus_window_print (user_data, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL);
}

static void
page_setup_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  RamusWindow *self = user_data;

  ramus_print_page_setup (GTK_WINDOW (self), self->settings);
}

static GtkWidget *
entry_row_for_key (GSettings  *settings,
                   const char *key,
                   const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_settings_bind (settings, key, row, "text", G_SETTINGS_BIND_DEFAULT);
  return row;
}

/**
 * ramus_window_show_preferences:
 *
 * Returns: (transfer none): the preferences window, presented
 */
GtkWindow *
ramus_window_show_preferences (RamusWindow *self)
{
  GtkWidget *prefs, *page, *group;

  g_return_val_if_fail (RAMUS_IS_WINDOW (self), NULL);

  prefs = adw_preferences_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (prefs), TRUE);
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (prefs), FALSE);

  page = adw_preferences_page_new ();
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Procedure Sheet"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "document-print-symbolic");
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Procedure Sheet"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Printed in the heading of every sheet."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row_for_key (self->settings, "sheet-institution", _("Institution")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             entry_row_for_key (self->settings, "sheet-operator", _("Operator")));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (prefs));
  return GTK_WINDOW (prefs);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  ramus_window_show_preferences (user_data);
}

static const GActionEntry win_actions[] = {
  { "undo", undo_action },
  { "redo", redo_action },
  { "show-plan", show_plan_action },
  { "edit-case", edit_case_action },
  { "print", print_action },
  { "page-setup", page_setup_action },
  { "preferences", preferences_action },
  { "save", save_action },
  { "save-as", save_as_action },
  { "show-cases", show_cases_action },
  { "search", search_action },
  { "show-sidebar", show_sidebar_action },
  { "show-details", show_details_action },
  { "zoom-in", zoom_in_action },
  { "zoom-out", zoom_out_action },
  { "zoom-fit", zoom_fit_action },
};

/* --- layout -------------------------------------------------------------------- */

/* Wide, the details sit beside the canvas; narrow, below it. */
static void
update_orientation (RamusWindow *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->paned),
                                  self->narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_size_request (GTK_WIDGET (self->atlas_view),
                               self->narrow ? -1 : CANVAS_MIN_WIDTH, -1);
  gtk_widget_set_size_request (GTK_WIDGET (self->details_pane),
                               self->narrow ? -1 : DETAILS_MIN_WIDTH,
                               self->narrow ? DETAILS_MIN_HEIGHT : -1);
  self->placed_width = 0;
}

/* The divider's own width: what the children leave of the paned. */
static int
divider_width (RamusWindow *self)
{
  int canvas = gtk_widget_get_width (GTK_WIDGET (self->atlas_view));
  int details = gtk_widget_get_width (GTK_WIDGET (self->details_pane));

  if (canvas <= 0 || details <= 0)
    return 1;
  return MAX (0, gtk_widget_get_width (GTK_WIDGET (self->paned)) - canvas - details);
}

/* Places the divider for the paned's size: the details as wide as they
 * were last left, or, stacked, the canvas a little over half. GTK keeps
 * the details' width as the window is resized; this covers the first
 * allocations, which come before the window has its final size. */
static void
place_divider (RamusWindow *self)
{
  GtkWidget *paned = GTK_WIDGET (self->paned);
  int width = gtk_widget_get_width (paned);
  int height = gtk_widget_get_height (paned);
  int position;

  if (width <= 0 || height <= 0 || width == self->placed_width)
    return;
  if (self->narrow)
    position = height * 0.55;
  else
    position = width - divider_width (self) - self->details_width;
  self->placing++;
  gtk_paned_set_position (self->paned, position);
  self->placing--;
  self->placed_width = width;
}

/* The divider moved with the paned's size unchanged: by the person.
 * Remember where. */
static void
paned_position_cb (RamusWindow *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->paned));
  int details;

  if (self->narrow || self->placing || width <= 0 || width != self->seen_width ||
      self->placed_width == 0)
    return;
  details = width - divider_width (self) - gtk_paned_get_position (self->paned);
  if (details > 0)
    self->details_width = details;
}

static gboolean
layout_idle_cb (gpointer data)
{
  RamusWindow *self = RAMUS_WINDOW (data);
  gboolean narrow = gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH;

  self->layout_idle = 0;
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      update_orientation (self);
    }
  else
    place_divider (self);
  return G_SOURCE_REMOVE;
}

/* Changing the layout while it is being allocated would loop: do it
 * just after. */
static void
ramus_window_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  RamusWindow *self = RAMUS_WINDOW (widget);

  GTK_WIDGET_CLASS (ramus_window_parent_class)->size_allocate (widget, width, height, baseline);

  self->seen_width = gtk_widget_get_width (GTK_WIDGET (self->paned));
  if (self->layout_idle == 0 &&
      ((width < NARROW_WIDTH) != self->narrow ||
       (self->seen_width > 0 && self->seen_width != self->placed_width)))
    /* Before the next frame: a busy frame clock would starve a plain idle. */
    self->layout_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, layout_idle_cb, self, NULL);
}

/* --- frame timing ------------------------------------------------------------- */

/* RAMUS_FRAME_TIMING=N[@WIDTHxHEIGHT] opens the window at that size
 * (1920×1080 by default), waits for the first frame and the first tiles,
 * then drives the canvas through N frames of scripted pan and zoom,
 * prints the frame times and quits. */
static gboolean
parse_frame_timing (guint *n_frames,
                    int   *width,
                    int   *height)
{
  const char *spec = g_getenv ("RAMUS_FRAME_TIMING");
  char *end = NULL;
  guint64 n;

  if (spec == NULL || *spec == '\0')
    return FALSE;
  n = g_ascii_strtoull (spec, &end, 10);
  *width = 1920;
  *height = 1080;
  if (end != NULL && *end == '@')
    {
      g_auto(GStrv) size = g_strsplit (end + 1, "x", 2);

      if (g_strv_length (size) == 2)
        {
          *width = CLAMP (atoi (size[0]), 360, 8192);
          *height = CLAMP (atoi (size[1]), 400, 8192);
        }
    }
  *n_frames = n > 0 ? (guint) MIN (n, 100000) : 600;
  return TRUE;
}

static gboolean
timing_start_cb (gpointer data)
{
  RamusWindow *self = RAMUS_WINDOW (data);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (self));

  printf ("frame timing: region %s, window %d×%d, canvas %d×%d, scale %d, renderer %s\n",
          self->region ? self->region->id : "none",
          gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)),
          gtk_widget_get_width (GTK_WIDGET (self->atlas_view)),
          gtk_widget_get_height (GTK_WIDGET (self->atlas_view)),
          gtk_widget_get_scale_factor (GTK_WIDGET (self)),
          renderer ? G_OBJECT_TYPE_NAME (renderer) : "none");
  fflush (stdout);
  ramus_atlas_view_run_frame_timing (self->atlas_view, self->timing_frames);
  return G_SOURCE_REMOVE;
}

static void
timing_first_paint_cb (RamusWindow   *self,
                       GdkFrameClock *clock)
{
  g_clear_signal_handler (&self->timing_paint, clock);
  /* Folded, the sidebar shows first: time the canvas. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  /* The first tiles are rendered on worker threads: let them arrive. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, 1000, timing_start_cb,
                      g_object_ref (self), g_object_unref);
}

static void
timing_map_cb (RamusWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->timing_paint == 0 && self->timing_frames > 0 && clock != NULL)
    self->timing_paint = g_signal_connect_object (clock, "after-paint",
                                                  G_CALLBACK (timing_first_paint_cb), self,
                                                  G_CONNECT_SWAPPED);
}

/* --- GObject ------------------------------------------------------------------ */

static gboolean
ramus_window_close_request (GtkWindow *window)
{
  RamusWindow *self = RAMUS_WINDOW (window);
  int width, height;

  /* A timing run leaves the settings as they were. */
  if (self->timing_frames > 0)
    return GTK_WINDOW_CLASS (ramus_window_parent_class)->close_request (window);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (self->details_width > 0)
    g_settings_set_int (self->settings, "details-width", CLAMP (self->details_width, 240, 2000));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (ramus_window_parent_class)->close_request (window);
}

static void
ramus_window_dispose (GObject *object)
{
  RamusWindow *self = RAMUS_WINDOW (object);

  /* Settings actions outlive the window in the GSettings signal
   * handlers: take them out of the window before it goes. */
  g_action_map_remove_action (G_ACTION_MAP (self), "patient-side");
  g_action_map_remove_action (G_ACTION_MAP (self), "name-language");
  g_action_map_remove_action (G_ACTION_MAP (self), "region");
  for (guint i = 0; i < G_N_ELEMENTS (layer_keys); i++)
    g_action_map_remove_action (G_ACTION_MAP (self), layer_keys[i].key);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_handle_id (&self->layout_idle, g_source_remove);
  /* An edit not yet saved is saved now. */
  if (self->autosave_id != 0)
    {
      self->save_failed_shown = TRUE;
      autosave_cb (self);
    }
  if (self->cases_window != NULL)
    gtk_window_destroy (self->cases_window);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RAMUS_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->plan);
  g_clear_object (&self->library_view);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->group_variants, g_hash_table_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_clear_pointer (&self->applicable, g_ptr_array_unref);
  g_clear_pointer (&self->combined.reparent, g_hash_table_unref);
  g_clear_pointer (&self->combined.adds, g_free);

  G_OBJECT_CLASS (ramus_window_parent_class)->dispose (object);
}

static void
ramus_window_class_init (RamusWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ramus_window_dispose;
  widget_class->size_allocate = ramus_window_size_allocate;
  window_class->close_request = ramus_window_close_request;

  g_type_ensure (RAMUS_TYPE_ATLAS_VIEW);
  g_type_ensure (RAMUS_TYPE_DETAILS_PANE);
  g_type_ensure (RAMUS_TYPE_PLAN_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ramus-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, content);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, procedure_label);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, side_right_button);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, side_left_button);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, variant_box);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, variant_expander);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, variant_groups_box);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, tree_stack);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, tree_view);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, atlas_view);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, details_pane);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, RamusWindow, plan_panel);
  gtk_widget_class_bind_template_callback (widget_class, side_stack_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_overlay_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_vessel_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_pain_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, tree_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, details_vessel_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, atlas_vessel_activated_cb);

  /* Zoom from anywhere in the window; the canvas itself also takes
   * plain +, - and 0 when it has the focus. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.show-cases", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

static void
setup_tree (RamusWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *controller;

  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), self);
  gtk_list_view_set_factory (self->tree_view, factory);
  g_object_unref (factory);

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (tree_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->tree_view), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed",
                           G_CALLBACK (search_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  /* Typing anywhere in the sidebar searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->sidebar);
}

static void
setup_atlas (RamusWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) variants = NULL;
  static char *no_adds[] = { NULL };
  RamusLang lang = ramus_name_style_ui_lang ();

  self->regions = g_ptr_array_new ();
  self->groups = g_ptr_array_new ();
  self->group_variants = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                (GDestroyNotify) g_ptr_array_unref);
  self->chosen = g_hash_table_new (g_str_hash, g_str_equal);
  self->applicable = g_ptr_array_new ();
  self->combined.id = (char *) "combined";
  self->combined.reparent = g_hash_table_new (g_str_hash, g_str_equal);
  self->combined.adds = g_memdup2 (no_adds, sizeof no_adds);

  self->atlas = ramus_atlas_get_default (&error);
  if (self->atlas == NULL)
    {
      g_warning ("Cannot load the atlas: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->tree_stack, "error");
      return;
    }

  for (guint i = 0; i < ramus_atlas_get_n_regions (self->atlas); i++)
    {
      const RamusRegion *region = ramus_atlas_get_region (self->atlas, i);

      g_ptr_array_add (self->regions, (gpointer) region);
      gtk_string_list_append (names, region->names[lang] ? region->names[lang]
                                                         : region->names[RAMUS_LANG_EN]);
    }
  self->updating++;
  gtk_drop_down_set_model (self->region_dropdown, G_LIST_MODEL (names));
  self->updating--;

  /* Variants by group, each group in order, its default chosen. */
  variants = ramus_atlas_get_variants (self->atlas, NULL);
  for (guint i = 0; i < variants->len; i++)
    {
      const RamusVariant *variant = g_ptr_array_index (variants, i);
      const char *group = g_intern_string (variant->group);
      GPtrArray *members = g_hash_table_lookup (self->group_variants, group);

      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_hash_table_insert (self->group_variants, (gpointer) group, members);
          g_ptr_array_add (self->groups, (gpointer) group);
        }
      g_ptr_array_add (members, (gpointer) variant);
    }
  for (guint i = 0; i < self->groups->len; i++)
    {
      const char *group = g_ptr_array_index (self->groups, i);
      GPtrArray *members = g_hash_table_lookup (self->group_variants, group);
      const RamusVariant *chosen;

      g_ptr_array_sort (members, compare_variants);
      chosen = g_ptr_array_index (members, 0);
      for (guint j = 0; j < members->len; j++)
        if (((const RamusVariant *) g_ptr_array_index (members, j))->is_default)
          chosen = g_ptr_array_index (members, j);
      g_hash_table_insert (self->chosen, (gpointer) group, (gpointer) chosen);
    }
}

static void
ramus_window_init (RamusWindow *self)
{
  g_autofree char *side = NULL;
  g_autofree char *lang = NULL;
  g_autoptr(GAction) side_action = NULL;
  g_autoptr(GAction) lang_action = NULL;
  g_autoptr(GAction) region_action = NULL;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  int timing_width, timing_height;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (RAMUS_SETTINGS_SCHEMA_ID);
  side = g_settings_get_string (self->settings, "patient-side");
  self->side = g_str_equal (side, "left") ? RAMUS_SIDE_LEFT : RAMUS_SIDE_RIGHT;
  lang = g_settings_get_string (self->settings, "name-language");
  self->style = ramus_name_style_from_setting (lang);

  side_action = g_settings_create_action (self->settings, "patient-side");
  lang_action = g_settings_create_action (self->settings, "name-language");
  region_action = g_settings_create_action (self->settings, "region");
  g_action_map_add_action (G_ACTION_MAP (self), side_action);
  g_action_map_add_action (G_ACTION_MAP (self), lang_action);
  g_action_map_add_action (G_ACTION_MAP (self), region_action);
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (layer_keys); i++)
    {
      g_autoptr(GAction) layer_action = g_settings_create_action (self->settings, layer_keys[i].key);
      g_action_map_add_action (G_ACTION_MAP (self), layer_action);
    }

  if (parse_frame_timing (&self->timing_frames, &timing_width, &timing_height))
    {
      gtk_window_set_default_size (GTK_WINDOW (self), timing_width, timing_height);
      g_signal_connect (self, "map", G_CALLBACK (timing_map_cb), NULL);
    }
  else
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  setup_tree (self);
  setup_atlas (self);

  ramus_atlas_view_set_side (self->atlas_view, self->side);
  ramus_atlas_view_set_lang (self->atlas_view, self->style.primary);
  ramus_atlas_view_set_dark (self->atlas_view, adw_style_manager_get_dark (style_manager));
  update_layers (self);
  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  self->details_width = g_settings_get_int (self->settings, "details-width");
  /* Opening narrow, start stacked: side by side, the two would hold the
   * window wider than asked. */
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
    self->narrow = width > 0 && width < NARROW_WIDTH;
  }
  update_orientation (self);
  g_signal_connect_object (self->paned, "notify::position",
                           G_CALLBACK (paned_position_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_object (click, "pressed", G_CALLBACK (canvas_pressed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->atlas_view), GTK_EVENT_CONTROLLER (click));
  }
  apply_region (self);
  restart_plan_if_empty (self);
  update_plan_actions (self);
  update_title (self);

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
}

RamusWindow *
ramus_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (RAMUS_TYPE_WINDOW, "application", application, NULL);
}

/**
 * ramus_window_select_vessel:
 * @id: a vessel id, or any name, abbreviation or synonym
 *
 * Selects the vessel in the tree (clearing a search that hides it and
 * expanding its ancestors) and shows its details.
 *
 * Returns: %TRUE if the tree of the current region holds it
 */
gboolean
ramus_window_select_vessel (RamusWindow *self,
                            const char  *id)
{
  const RamusVessel *vessel;
  guint position;

  g_return_val_if_fail (RAMUS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (self->atlas == NULL || (vessel = ramus_atlas_lookup (self->atlas, id)) == NULL)
    return FALSE;

  position = find_position (self, vessel);
  if (position == GTK_INVALID_LIST_POSITION &&
      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    {
      self->updating++;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      self->updating--;
      rebuild_tree (self);
      position = find_position (self, vessel);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      show_chosen (self, vessel);
      return FALSE;
    }
  select_position (self, position);
  return TRUE;
}

const RamusVessel *
ramus_window_get_selected_vessel (RamusWindow *self)
{
  g_return_val_if_fail (RAMUS_IS_WINDOW (self), NULL);

  return ramus_details_pane_get_vessel (self->details_pane);
}

const char *
ramus_window_get_region (RamusWindow *self)
{
  g_return_val_if_fail (RAMUS_IS_WINDOW (self), NULL);

  return self->region ? self->region->id : NULL;
}

/**
 * ramus_window_get_variant:
 *
 * Returns: (nullable): the variant the tree is drawn for: the chosen
 *   variants of every group that applies to the region, merged; %NULL
 *   where none applies
 */
const RamusVariant *
ramus_window_get_variant (RamusWindow *self)
{
  g_return_val_if_fail (RAMUS_IS_WINDOW (self), NULL);

  return current_variant (self);
}

/**
 * ramus_window_get_chosen_variant:
 * @group: a variant group, such as "michels"
 *
 * Returns: (nullable): the variant chosen in @group
 */
const RamusVariant *
ramus_window_get_chosen_variant (RamusWindow *self,
                                 const char  *group)
{
  g_return_val_if_fail (RAMUS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  return self->chosen ? g_hash_table_lookup (self->chosen, group) : NULL;
}
