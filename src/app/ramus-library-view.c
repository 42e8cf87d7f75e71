/* ramus-library-view.c — the case library: search as you type, filters by
 * region and procedure, sorting; new cases from templates; open, duplicate,
 * and delete with an undo toast
 *
 * The store does the searching, filtering and sorting (SQL and full-text
 * search), so the list model is simply replaced by the store's answer on
 * each keystroke; the selection follows the case, not the row. A header
 * names the library file and switches to another one. A library the store
 * refuses (not a Ramus library, damaged, from a newer Ramus) is never
 * touched: the view shows why and offers another file or a new library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-library-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ramus-atlas.h"
#include "ramus-case-item.h"
#include "ramus-case-list.h"
#include "ramus-library-util.h"
#include "ramus-library-error.h"
#include "ramus-library-view.h"

/* Below this width only the case column is shown, with the procedure and
 * its date beneath the pseudonym. */
#define NARROW_WIDTH 640

typedef struct
{
  const char *label;
  RamusStoreSort sort;
  gboolean ascending;
} SortOption;

static const SortOption sort_options[] = {
  { N_("Last changed"), RAMUS_STORE_SORT_MODIFIED, FALSE },
  { N_("Procedure date, latest first"), RAMUS_STORE_SORT_PROCEDURE_DATE, FALSE },
  { N_("Procedure date, earliest first"), RAMUS_STORE_SORT_PROCEDURE_DATE, TRUE },
  { N_("Pseudonym"), RAMUS_STORE_SORT_PSEUDONYM, TRUE },
  { N_("Region"), RAMUS_STORE_SORT_REGION, TRUE },
};

struct _RamusLibraryView
{
  GtkWidget parent_instance;

  RamusStore *store;
  GError *error;                   /* why the last library was refused */
  gboolean error_presented;
  RamusCaseList *cases;
  GtkSingleSelection *selection;
  GPtrArray *region_ids;           /* by region_dropdown position; [0] NULL */
  GPtrArray *template_ids;         /* by procedure_dropdown position; [0] NULL */
  GtkFileChooserNative *chooser;
  guint reload_source;
  guint narrow_source;
  gboolean narrow;
  gboolean reloading;

  AdwToastOverlay *toast_overlay;
  GtkLabel *library_title;
  GtkLabel *library_subtitle;
  GtkLabel *read_only_tag;
  GtkStack *main_stack;
  GtkWidget *search_box;
  GtkSearchEntry *search_entry;
  GtkBox *filter_box;
  GtkDropDown *region_dropdown;
  GtkDropDown *procedure_dropdown;
  GtkDropDown *sort_dropdown;
  GtkStack *list_stack;
  GtkColumnView *case_view;
  GtkLabel *count_label;
  AdwStatusPage *error_page;
  GMenu *template_section;
  GtkColumnViewColumn *columns[6];
};

G_DEFINE_FINAL_TYPE (RamusLibraryView, ramus_library_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  COLUMN_CASE,
  COLUMN_REGION,
  COLUMN_INDICATION,
  COLUMN_DATE,
  COLUMN_TARGETS,
  COLUMN_FOLLOWUP,
};

static void reload (RamusLibraryView *self);
static void show_error_toast (RamusLibraryView *self, const GError *error);

/* ---------------------------------------------------------------------- */
/* Names                                                                  */

static const char *
side_name (const char *side)
{
  if (g_strcmp0 (side, "left") == 0)
    return C_("patient side", "left");
  if (g_strcmp0 (side, "right") == 0)
    return C_("patient side", "right");
  return NULL;
}

static const char *
template_name (const char *id)
{
  const RamusCaseTemplate *tmpl = id ? ramus_case_lookup_template (id) : NULL;

  return tmpl ? ramus_case_template_get_name (tmpl) : NULL;
}

static const char *
indication_name (const char *id)
{
  const RamusIndication *indication = id ? ramus_indication_lookup (id) : NULL;

  return indication ? ramus_indication_get_name (indication) : id;
}

static const char *
pseudonym_or_untitled (const char *pseudonym)
{
  return pseudonym && *pseudonym ? pseudonym : _("Untitled case");
}

/* ---------------------------------------------------------------------- */
/* The list                                                               */

static RamusCaseItem *
get_selected_item (RamusLibraryView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (RamusLibraryView *self)
{
  gboolean writable = self->store != NULL && !ramus_store_get_read_only (self->store);
  gboolean selected = get_selected_item (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.new-case", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.open-case", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.duplicate-case", writable && selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.delete-case", writable && selected);
}

static void
selection_changed_cb (RamusLibraryView *self)
{
  update_actions (self);
}

static gboolean
filtering (RamusLibraryView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (text && *text) ||
         gtk_drop_down_get_selected (self->region_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->procedure_dropdown) > 0;
}

static void
update_count (RamusLibraryView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->cases));
  guint total = self->store ? ramus_store_get_n_cases (self->store, NULL) : 0;
  g_autofree char *text = NULL;

  if (filtering (self))
    /* TRANSLATORS: cases shown by the search and filters, of all in the library */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u case", "%u of %u cases", total),
                            shown, total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases", total), total);
  gtk_label_set_text (self->count_label, text);

  /* An empty library has nothing to search, filter or sort. */
  gtk_widget_set_visible (self->search_box, total > 0 || filtering (self));
  if (shown > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (total > 0 || filtering (self))
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static guint
find_case (RamusLibraryView *self,
           const char       *id)
{
  return ramus_case_list_find (self->cases, id);
}

/* ---------------------------------------------------------------------- */
/* Searching by displayed names                                           */

static gboolean
name_matches (const char *name,
              const char *folded)
{
  g_autofree char *normal = NULL;
  g_autofree char *name_folded = NULL;

  if (name == NULL || *name == '\0')
    return FALSE;
  normal = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);
  name_folded = g_utf8_casefold (normal, -1);
  return strstr (name_folded, folded) != NULL;
}

/* The ids of the regions, indications and procedures whose names (as the
 * list shows them, or in English) contain @text. The store searches the
 * ids a case holds, so "hepatocellular" or "膝" find nothing there. */
static GPtrArray *
ids_named (const char *text)
{
  RamusAtlas *atlas = ramus_atlas_get_default (NULL);
  GPtrArray *ids = g_ptr_array_new ();
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);
  g_autofree char *folded = g_utf8_casefold (normal, -1);

  /* A letter or two of Latin script would name half the atlas. */
  if (*folded == '\0' || (g_str_is_ascii (folded) && strlen (folded) < 3))
    return ids;
  for (guint i = 0; atlas != NULL && i < ramus_atlas_get_n_regions (atlas); i++)
    {
      const RamusRegion *region = ramus_atlas_get_region (atlas, i);

      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        if (name_matches (region->names[l], folded))
          {
            g_ptr_array_add (ids, region->id);
            break;
          }
    }
  for (guint i = 0; i < ramus_indication_get_n (); i++)
    {
      const RamusIndication *indication = ramus_indication_get (i);

      if (name_matches (ramus_indication_get_name (indication), folded) ||
          name_matches (indication->name, folded))
        g_ptr_array_add (ids, (gpointer) indication->id);
    }
  for (guint i = 0; i < ramus_case_get_n_templates (); i++)
    {
      const RamusCaseTemplate *tmpl = ramus_case_get_template (i);

      if (name_matches (ramus_case_template_get_name (tmpl), folded) || name_matches (tmpl->name, folded))
        g_ptr_array_add (ids, (gpointer) tmpl->id);
    }
  return ids;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const RamusStoreItem *p = *(RamusStoreItem * const *) a;
  const RamusStoreItem *q = *(RamusStoreItem * const *) b;
  const RamusStoreQuery *query = user_data;
  int order = 0;

  switch (query->sort)
    {
    case RAMUS_STORE_SORT_PROCEDURE_DATE:
      if ((p->procedure_date == NULL) != (q->procedure_date == NULL))
        return p->procedure_date == NULL ? 1 : -1;
      order = g_strcmp0 (p->procedure_date, q->procedure_date);
      break;
    case RAMUS_STORE_SORT_PSEUDONYM:
      order = g_ascii_strcasecmp (p->pseudonym ? p->pseudonym : "", q->pseudonym ? q->pseudonym : "");
      break;
    case RAMUS_STORE_SORT_REGION:
      order = g_strcmp0 (p->region, q->region);
      if (order == 0)
        return -g_strcmp0 (p->modified, q->modified);
      break;
    case RAMUS_STORE_SORT_MODIFIED:
    default:
      order = g_strcmp0 (p->modified, q->modified);
      break;
    }
  return query->ascending ? order : -order;
}

/* Adds to @rows the cases whose region, indication or procedure is named
 * by the search text, in the query's order. Until the store's search
 * covers the names, this makes them findable by what the list shows. */
static void
add_named_matches (RamusLibraryView      *self,
                   const RamusStoreQuery *query,
                   GPtrArray             *rows)
{
  g_autoptr(GPtrArray) ids = query->text ? ids_named (query->text) : g_ptr_array_new ();
  g_autoptr(GHashTable) seen = NULL;
  guint before = rows->len;

  if (ids->len == 0)
    return;
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (seen, ((RamusStoreItem *) g_ptr_array_index (rows, i))->id);
  for (guint i = 0; i < ids->len; i++)
    {
      RamusStoreQuery named = *query;
      g_autoptr(GPtrArray) more = NULL;

      named.text = g_ptr_array_index (ids, i);
      more = ramus_store_list (self->store, &named, NULL);
      for (guint j = 0; more != NULL && j < more->len; j++)
        {
          RamusStoreItem *item = g_ptr_array_index (more, j);

          if (g_hash_table_contains (seen, item->id))
            continue;
          g_hash_table_add (seen, item->id);
          g_ptr_array_add (rows, g_steal_pointer (&more->pdata[j]));
        }
    }
  if (rows->len > before)
    g_ptr_array_sort_with_data (rows, compare_rows, (gpointer) query);
}

/* Asks the store again, keeping the selected case selected when it is
 * still listed. */
static void
reload (RamusLibraryView *self)
{
  RamusStoreQuery query = { 0 };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *selected_id = NULL;
  const SortOption *sort;
  guint old_position, position, n;

  g_clear_handle_id (&self->reload_source, g_source_remove);

  if (get_selected_item (self))
    selected_id = g_strdup (ramus_case_item_get_id (get_selected_item (self)));
  old_position = gtk_single_selection_get_selected (self->selection);

  if (self->store != NULL)
    {
      sort = &sort_options[MIN (gtk_drop_down_get_selected (self->sort_dropdown),
                                G_N_ELEMENTS (sort_options) - 1)];
      query.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
      query.region = g_ptr_array_index (self->region_ids,
                                        MIN (gtk_drop_down_get_selected (self->region_dropdown),
                                             self->region_ids->len - 1));
      query.template_id = g_ptr_array_index (self->template_ids,
                                             MIN (gtk_drop_down_get_selected (self->procedure_dropdown),
                                                  self->template_ids->len - 1));
      query.sort = sort->sort;
      query.ascending = sort->ascending;
      rows = ramus_store_list (self->store, &query, &error);
      if (rows != NULL)
        add_named_matches (self, &query, rows);
      else
        show_error_toast (self, error);
    }

  self->reloading = TRUE;
  /* Unselected first: the selection would look for its item among every
   * new row, making all of them. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  ramus_case_list_set_rows (self->cases, rows ? g_steal_pointer (&rows) : g_ptr_array_new ());
  n = g_list_model_get_n_items (G_LIST_MODEL (self->cases));

  position = find_case (self, selected_id);
  if (position == GTK_INVALID_LIST_POSITION && n > 0)
    position = MIN (old_position == GTK_INVALID_LIST_POSITION ? 0 : old_position, n - 1);
  gtk_single_selection_set_selected (self->selection, position);
  self->reloading = FALSE;

  update_count (self);
  update_actions (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  RamusLibraryView *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* The store changed (this view, the planner, a follow-up): list again once
 * the burst of changes is over. */
static void
store_changed_cb (RamusLibraryView *self,
                  const char       *id)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
}

void
ramus_library_view_refresh (RamusLibraryView *self)
{
  g_return_if_fail (RAMUS_IS_LIBRARY_VIEW (self));

  reload (self);
}

/* ---------------------------------------------------------------------- */
/* Cells                                                                  */

static GtkWidget *
cell_label (gboolean numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
setup_case_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               RamusLibraryView         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = cell_label (FALSE);
  GtkWidget *subtitle = cell_label (FALSE);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_case_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              RamusLibraryView         *self)
{
  RamusCaseItem *item = gtk_list_item_get_item (list_item);
  const RamusStoreItem *row = ramus_case_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  const char *procedure = template_name (row->template_id);
  g_autofree char *text = NULL;

  gtk_label_set_text (GTK_LABEL (title), pseudonym_or_untitled (row->pseudonym));
  if (self->narrow)
    {
      const char *what = procedure ? procedure : ramus_region_display_name (row->region);

      /* TRANSLATORS: a case's procedure (or region), then its date */
      text = row->procedure_date ? g_strdup_printf (_("%s · %s"), what, row->procedure_date)
                                 : g_strdup (what);
    }
  else
    text = g_strdup (procedure ? procedure : "");
  gtk_label_set_text (GTK_LABEL (subtitle), text);
  gtk_widget_set_visible (subtitle, *text != '\0');
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               RamusLibraryView         *self)
{
  gtk_list_item_set_child (list_item, cell_label (FALSE));
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 RamusLibraryView         *self)
{
  gtk_list_item_set_child (list_item, cell_label (TRUE));
}

static void
bind_region_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                RamusLibraryView         *self)
{
  const RamusStoreItem *row = ramus_case_item_get_item (gtk_list_item_get_item (list_item));
  const char *side = side_name (row->side);
  g_autofree char *text = NULL;

  /* TRANSLATORS: a region, then the patient side, e.g. "Knee · right" */
  text = side ? g_strdup_printf (_("%s · %s"), ramus_region_display_name (row->region), side)
              : g_strdup (ramus_region_display_name (row->region));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
bind_indication_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    RamusLibraryView         *self)
{
  const RamusStoreItem *row = ramus_case_item_get_item (gtk_list_item_get_item (list_item));
  const char *text = indication_name (row->indication);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text ? text : "");
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (list_item), text);
}

static void
bind_date_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              RamusLibraryView         *self)
{
  const RamusStoreItem *row = ramus_case_item_get_item (gtk_list_item_get_item (list_item));

  /* TRANSLATORS: shown for a case without a procedure date */
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)),
                      row->procedure_date ? row->procedure_date : _("not set"));
}

static void
bind_targets_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 RamusLibraryView         *self)
{
  const RamusStoreItem *row = ramus_case_item_get_item (gtk_list_item_get_item (list_item));
  char text[16];

  g_snprintf (text, sizeof text, "%u", row->n_targets);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
bind_followup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  RamusLibraryView         *self)
{
  RamusCaseItem *item = gtk_list_item_get_item (list_item);
  const RamusStoreItem *row = ramus_case_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *last = self->store ? ramus_case_item_get_last_followup (item, self->store) : "";
  g_autofree char *text = NULL;

  if (row->n_followups == 0)
    /* TRANSLATORS: the last follow-up column of a case with no visits */
    text = g_strdup (_("none"));
  else if (*last == '\0')
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit", "%u visits", row->n_followups),
                            row->n_followups);
  else
    /* TRANSLATORS: the last follow-up date, then how many visits there were */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u visit)", "%s (%u visits)",
                                         row->n_followups),
                            last, row->n_followups);
  gtk_label_set_text (GTK_LABEL (label), text);
}

static GtkColumnViewColumn *
add_column (RamusLibraryView *self,
            const char       *title,
            GCallback         setup,
            GCallback         bind,
            gboolean          expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->case_view, column);
  g_object_unref (column);
  return column;
}

static void
set_narrow (RamusLibraryView *self,
            gboolean          narrow)
{
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  for (guint i = COLUMN_REGION; i < G_N_ELEMENTS (self->columns); i++)
    gtk_column_view_column_set_visible (self->columns[i], !narrow);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->filter_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  /* New items, so that the case cells are bound again: their second line
   * depends on the width. */
  reload (self);
}

static gboolean
narrow_idle_cb (gpointer user_data)
{
  RamusLibraryView *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  self->narrow_source = 0;
  set_narrow (self, width > 0 && width < NARROW_WIDTH);
  return G_SOURCE_REMOVE;
}

/* ---------------------------------------------------------------------- */
/* Dropdowns                                                              */

static void
fill_regions (RamusLibraryView *self)
{
  RamusAtlas *atlas = ramus_atlas_get_default (NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->region_ids, 0);
  gtk_string_list_append (names, _("All regions"));
  g_ptr_array_add (self->region_ids, NULL);
  for (guint i = 0; atlas != NULL && i < ramus_atlas_get_n_regions (atlas); i++)
    {
      const RamusRegion *region = ramus_atlas_get_region (atlas, i);

      gtk_string_list_append (names, ramus_region_display_name (region->id));
      g_ptr_array_add (self->region_ids, g_strdup (region->id));
    }
  gtk_drop_down_set_model (self->region_dropdown, G_LIST_MODEL (names));
}

/* The procedures of the chosen region (all of them for every region),
 * keeping the chosen one when it is still there. */
static void
fill_procedures (RamusLibraryView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *region = g_ptr_array_index (self->region_ids,
                                          MIN (gtk_drop_down_get_selected (self->region_dropdown),
                                               self->region_ids->len - 1));
  g_autofree char *chosen = NULL;
  gboolean reloading = self->reloading;
  guint selected = 0;

  if (self->template_ids->len > 0)
    chosen = g_strdup (g_ptr_array_index (self->template_ids,
                                          MIN (gtk_drop_down_get_selected (self->procedure_dropdown),
                                               self->template_ids->len - 1)));
  g_ptr_array_set_size (self->template_ids, 0);
  gtk_string_list_append (names, _("All procedures"));
  g_ptr_array_add (self->template_ids, NULL);
  for (guint i = 0; i < ramus_case_get_n_templates (); i++)
    {
      const RamusCaseTemplate *tmpl = ramus_case_get_template (i);

      if (region != NULL && g_strcmp0 (tmpl->region, region) != 0)
        continue;
      if (g_strcmp0 (tmpl->id, chosen) == 0)
        selected = self->template_ids->len;
      gtk_string_list_append (names, ramus_case_template_get_name (tmpl));
      g_ptr_array_add (self->template_ids, g_strdup (tmpl->id));
    }
  self->reloading = TRUE;
  gtk_drop_down_set_model (self->procedure_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->procedure_dropdown, selected);
  self->reloading = reloading;
}

static void
fill_sort (RamusLibraryView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sort_options); i++)
    gtk_string_list_append (names, _(sort_options[i].label));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (names));
}

static void
fill_templates (RamusLibraryView *self)
{
  for (guint i = 0; i < ramus_case_get_n_templates (); i++)
    {
      const RamusCaseTemplate *tmpl = ramus_case_get_template (i);
      g_autoptr(GMenuItem) item = g_menu_item_new (ramus_case_template_get_name (tmpl), NULL);

      g_menu_item_set_action_and_target (item, "library.new-case", "s", tmpl->id);
      g_menu_append_item (self->template_section, item);
    }
}

static void
search_changed_cb (RamusLibraryView *self)
{
  if (!self->reloading)
    reload (self);
}

/* Enter in the search opens the first (selected) case. */
static void
search_activate_cb (RamusLibraryView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "library.open-case", NULL);
}

static void
region_filter_changed_cb (RamusLibraryView *self)
{
  if (self->region_ids->len == 0)
    return;
  fill_procedures (self);
  if (!self->reloading)
    reload (self);
}

static void
procedure_filter_changed_cb (RamusLibraryView *self)
{
  if (!self->reloading && self->template_ids->len > 0)
    reload (self);
}

static void
sort_changed_cb (RamusLibraryView *self)
{
  if (!self->reloading)
    reload (self);
}

static void
case_view_activate_cb (RamusLibraryView *self,
                       guint             position)
{
  g_autoptr(RamusCaseItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, ramus_case_item_get_id (item));
}

/* ---------------------------------------------------------------------- */
/* Cases                                                                  */

static void
show_error_toast (RamusLibraryView *self,
                  const GError     *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* An error stays until it is dismissed: it may need reading twice. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* @title: (transfer full): Pango markup */
static void
show_toast (RamusLibraryView *self,
            char             *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
  g_free (title);
}

/**
 * ramus_library_view_new_case:
 * @template_id: a case template (`knee-gae` …)
 *
 * Saves a new case made from a procedure template in the library, lists
 * and selects it.
 *
 * Returns: (transfer full): the saved case, or NULL
 */
RamusCase *
ramus_library_view_new_case (RamusLibraryView  *self,
                             const char        *template_id,
                             GError           **error)
{
  g_autoptr(RamusCase) kase = NULL;

  g_return_val_if_fail (RAMUS_IS_LIBRARY_VIEW (self), NULL);
  g_return_val_if_fail (template_id != NULL, NULL);

  if (self->store == NULL)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND,
                   _("No case library is open."));
      return NULL;
    }
  kase = ramus_case_new_from_template (template_id);
  if (kase == NULL)
    {
      g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_INVALID,
                   _("There is no case template “%s”."), template_id);
      return NULL;
    }
  if (!ramus_store_save_case (self->store, kase, error))
    return NULL;
  reload (self);
  if (!ramus_library_view_select_case (self, kase->id))
    {
      /* Hidden by the search or the filters: show every case. */
      gtk_widget_activate_action (GTK_WIDGET (self), "library.clear-filters", NULL);
      ramus_library_view_select_case (self, kase->id);
    }
  return g_steal_pointer (&kase);
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RamusLibraryView *self = RAMUS_LIBRARY_VIEW (widget);
  g_autoptr(RamusCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  kase = ramus_library_view_new_case (self, g_variant_get_string (parameter, NULL), &error);
  if (kase == NULL)
    {
      show_error_toast (self, error);
      return;
    }
  g_signal_emit (self, signals[CASE_ACTIVATED], 0, kase->id);
}

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RamusLibraryView *self = RAMUS_LIBRARY_VIEW (widget);
  RamusCaseItem *item = get_selected_item (self);

  if (item != NULL)
    g_signal_emit (self, signals[CASE_ACTIVATED], 0, ramus_case_item_get_id (item));
}

static void
duplicate_case_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RamusLibraryView *self = RAMUS_LIBRARY_VIEW (widget);
  RamusCaseItem *item = get_selected_item (self);
  g_autoptr(RamusCase) copy = NULL;
  g_autoptr(GError) error = NULL;

  if (item == NULL || self->store == NULL)
    return;
  copy = ramus_store_duplicate_case (self->store, ramus_case_item_get_id (item), &error);
  if (copy == NULL)
    {
      show_error_toast (self, error);
      return;
    }
  reload (self);
  ramus_library_view_select_case (self, copy->id);
  /* TRANSLATORS: a toast; %s is the pseudonym of the new copy */
  show_toast (self, g_markup_printf_escaped (_("Duplicated as “%s”"),
                                             pseudonym_or_untitled (copy->pseudonym)));
}

static void
undo_delete_cb (AdwToast         *toast,
                RamusLibraryView *self)
{
  RamusStore *store = g_object_get_data (G_OBJECT (toast), "ramus-store");
  RamusCase *kase = g_object_get_data (G_OBJECT (toast), "ramus-case");
  g_autoptr(GError) error = NULL;

  if (!ramus_store_restore_case (store, kase, &error))
    {
      show_error_toast (self, error);
      return;
    }
  if (store == self->store)
    {
      reload (self);
      ramus_library_view_select_case (self, kase->id);
    }
}

static void
delete_case_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RamusLibraryView *self = RAMUS_LIBRARY_VIEW (widget);
  RamusCaseItem *item = get_selected_item (self);
  g_autoptr(RamusCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (item == NULL || self->store == NULL)
    return;
  kase = ramus_store_delete_case (self->store, ramus_case_item_get_id (item), &error);
  if (kase == NULL)
    {
      show_error_toast (self, error);
      return;
    }
  reload (self);

  escaped = g_markup_escape_text (pseudonym_or_untitled (kase->pseudonym), -1);
  /* TRANSLATORS: a toast with an Undo button; %s is the case's pseudonym */
  title = g_strdup_printf (_("“%s” deleted"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* Undo puts the case back in the library it came from, even after the
   * view has moved to another one. */
  g_object_set_data_full (G_OBJECT (toast), "ramus-store", g_object_ref (self->store), g_object_unref);
  g_object_set_data_full (G_OBJECT (toast), "ramus-case", g_steal_pointer (&kase),
                          (GDestroyNotify) ramus_case_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RamusLibraryView *self = RAMUS_LIBRARY_VIEW (widget);

  self->reloading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->region_dropdown, 0);
  gtk_drop_down_set_selected (self->procedure_dropdown, 0);
  self->reloading = FALSE;
  reload (self);
}

/* ---------------------------------------------------------------------- */
/* Libraries                                                              */

static void
update_library_header (RamusLibraryView *self)
{
  if (self->store != NULL)
    {
      const char *path = ramus_store_get_path (self->store);
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *shown = g_filename_display_name (dir);
      const char *home = g_get_home_dir ();

      if (home && g_str_has_prefix (shown, home) && strlen (home) > 1 &&
          (shown[strlen (home)] == '/' || shown[strlen (home)] == '\0'))
        {
          char *tilde = g_strconcat ("~", shown + strlen (home), NULL);
          g_free (shown);
          shown = tilde;
        }
      gtk_label_set_text (self->library_title, name);
      gtk_label_set_text (self->library_subtitle, shown);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->library_title), path);
      gtk_widget_set_visible (GTK_WIDGET (self->library_subtitle), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->read_only_tag), ramus_store_get_read_only (self->store));
    }
  else
    {
      gtk_label_set_text (self->library_title, _("No Case Library"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->library_title), NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->library_subtitle), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->read_only_tag), FALSE);
    }
}

static void
update_page (RamusLibraryView *self)
{
  if (self->store != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "cases");
  else
    {
      if (self->error != NULL)
        {
          adw_status_page_set_title (self->error_page, ramus_library_error_get_title (self->error));
          adw_status_page_set_description (self->error_page, self->error->message);
        }
      else
        {
          adw_status_page_set_title (self->error_page, _("No Case Library Open"));
          adw_status_page_set_description (self->error_page,
                                           _("Open a case library, or start a new one."));
        }
      gtk_stack_set_visible_child_name (self->main_stack, "error");
    }
}

RamusStore *
ramus_library_view_get_store (RamusLibraryView *self)
{
  g_return_val_if_fail (RAMUS_IS_LIBRARY_VIEW (self), NULL);
  return self->store;
}

/**
 * ramus_library_view_set_store:
 * @store: (nullable): the library to show
 */
void
ramus_library_view_set_store (RamusLibraryView *self,
                              RamusStore       *store)
{
  g_return_if_fail (RAMUS_IS_LIBRARY_VIEW (self));
  g_return_if_fail (store == NULL || RAMUS_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store)
    {
      g_clear_error (&self->error);
      g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_library_header (self);
  update_page (self);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* Another library: every case, not the last one's search. */
  clear_filters_action (GTK_WIDGET (self), NULL, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* Where the last refused library came from, or NULL. */
const GError *
ramus_library_view_get_error (RamusLibraryView *self)
{
  g_return_val_if_fail (RAMUS_IS_LIBRARY_VIEW (self), NULL);
  return self->error;
}

static void open_library_action (GtkWidget *widget, const char *action_name, GVariant *parameter);
static void new_library_action (GtkWidget *widget, const char *action_name, GVariant *parameter);

static void
refused_response_cb (RamusLibraryView *self,
                     const char       *response)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (g_strcmp0 (response, RAMUS_LIBRARY_RESPONSE_OPEN) == 0)
    open_library_action (GTK_WIDGET (self), NULL, NULL);
  else if (g_strcmp0 (response, RAMUS_LIBRARY_RESPONSE_CREATE) == 0)
    new_library_action (GTK_WIDGET (self), NULL, NULL);
  else if (g_strcmp0 (response, RAMUS_LIBRARY_RESPONSE_QUIT) == 0)
    {
      if (!gtk_widget_activate_action (GTK_WIDGET (self), "app.quit", NULL) && GTK_IS_WINDOW (root))
        gtk_window_close (GTK_WINDOW (root));
    }
}

/**
 * ramus_library_view_present_error:
 *
 * Shows the dialog for the last refused library (its message, and another
 * file, a new library or quit), when the view is in a window. The view
 * does this itself when a library is refused while it is shown.
 */
void
ramus_library_view_present_error (RamusLibraryView *self)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (RAMUS_IS_LIBRARY_VIEW (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (self->error == NULL || !GTK_IS_WINDOW (root))
    return;
  self->error_presented = TRUE;
  dialog = ramus_library_error_dialog_new (GTK_WINDOW (root), self->error, self->store != NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (refused_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * ramus_library_view_open_library:
 * @path: (type filename): a library file
 * @flags: as for ramus_store_open()
 *
 * Opens another library and shows it. When the store refuses the file, it
 * is left untouched: the library already open stays open, or (with none)
 * the view shows why; either way a dialog offers another file, a new
 * library, or to quit.
 *
 * Returns: whether the library was opened
 */
gboolean
ramus_library_view_open_library (RamusLibraryView     *self,
                                 const char           *path,
                                 RamusStoreOpenFlags   flags,
                                 GError              **error)
{
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (RAMUS_IS_LIBRARY_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = ramus_store_open (path, flags, &local);
  if (store == NULL)
    {
      g_clear_error (&self->error);
      self->error = g_error_copy (local);
      self->error_presented = FALSE;
      update_page (self);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        ramus_library_view_present_error (self);
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  ramus_library_view_set_store (self, store);
  return TRUE;
}

static void
chooser_response_cb (RamusLibraryView *self,
                     int               response,
                     GtkNativeDialog  *chooser)
{
  gboolean create = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  gboolean existed;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* Cancelled: with no library open, the error page still offers the
   * same ways on. */
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  /* A "new" library over an existing file opens that file: a Ramus library
   * is simply opened, anything else is refused and left as it was. */
  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!ramus_library_view_open_library (self, path, create ? RAMUS_STORE_OPEN_DEFAULT
                                                            : RAMUS_STORE_OPEN_NO_CREATE, NULL))
    return;
  name = g_filename_display_basename (path);
  if (create && !existed)
    /* TRANSLATORS: a toast; %s is a file name */
    show_toast (self, g_markup_printf_escaped (_("New case library “%s”"), name));
  else if (create)
    /* TRANSLATORS: a toast; %s is a file name */
    show_toast (self, g_markup_printf_escaped (_("Opened the existing case library “%s”"), name));
}

static void
show_chooser (RamusLibraryView     *self,
              GtkFileChooserAction  action,
              const char           *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = ramus_library_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                             action, title);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_library_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_chooser (RAMUS_LIBRARY_VIEW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open a Case Library"));
}

static void
new_library_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  show_chooser (RAMUS_LIBRARY_VIEW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("New Case Library"));
}

/* ---------------------------------------------------------------------- */
/* Public                                                                 */

const char *
ramus_library_view_get_selected_id (RamusLibraryView *self)
{
  RamusCaseItem *item;

  g_return_val_if_fail (RAMUS_IS_LIBRARY_VIEW (self), NULL);

  item = get_selected_item (self);
  return item ? ramus_case_item_get_id (item) : NULL;
}

/* Selects the case @id and scrolls to it; FALSE when it is not listed. */
gboolean
ramus_library_view_select_case (RamusLibraryView *self,
                                const char       *id)
{
  guint position;

  g_return_val_if_fail (RAMUS_IS_LIBRARY_VIEW (self), FALSE);

  position = find_case (self, id);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  /* GTK 4.8 has no gtk_column_view_scroll_to(): the scroll_to action of
   * the list inside does it. */
  gtk_widget_activate_action (gtk_widget_get_last_child (GTK_WIDGET (self->case_view)),
                              "list.scroll-to-item", "u", position);
  return TRUE;
}

void
ramus_library_view_focus_search (RamusLibraryView *self)
{
  g_return_if_fail (RAMUS_IS_LIBRARY_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * ramus_library_view_add_toast:
 * @toast: (transfer full): a toast to show over the list
 */
void
ramus_library_view_add_toast (RamusLibraryView *self,
                              AdwToast         *toast)
{
  g_return_if_fail (RAMUS_IS_LIBRARY_VIEW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

GtkWidget *
ramus_library_view_new (void)
{
  return g_object_new (RAMUS_TYPE_LIBRARY_VIEW, NULL);
}

/* ---------------------------------------------------------------------- */
/* GObject and GtkWidget                                                  */

static void
ramus_library_view_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
ramus_library_view_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  RamusLibraryView *self = RAMUS_LIBRARY_VIEW (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child)
    gtk_widget_allocate (child, width, height, baseline, NULL);
  /* Columns are shown or hidden after this allocation, not during it. */
  if ((width < NARROW_WIDTH) != self->narrow && self->narrow_source == 0)
    self->narrow_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, narrow_idle_cb, self, NULL);
}

static void
ramus_library_view_map (GtkWidget *widget)
{
  RamusLibraryView *self = RAMUS_LIBRARY_VIEW (widget);

  GTK_WIDGET_CLASS (ramus_library_view_parent_class)->map (widget);

  /* Refused before the window was shown (at start-up): say so now. */
  if (self->error != NULL && !self->error_presented)
    ramus_library_view_present_error (self);
}

static void
ramus_library_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RamusLibraryView *self = RAMUS_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_library_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RamusLibraryView *self = RAMUS_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      ramus_library_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ramus_library_view_dispose (GObject *object)
{
  RamusLibraryView *self = RAMUS_LIBRARY_VIEW (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->narrow_source, g_source_remove);
  if (self->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAMUS_TYPE_LIBRARY_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->cases);

  G_OBJECT_CLASS (ramus_library_view_parent_class)->dispose (object);
}

static void
ramus_library_view_finalize (GObject *object)
{
  RamusLibraryView *self = RAMUS_LIBRARY_VIEW (object);

  g_clear_error (&self->error);
  g_clear_pointer (&self->region_ids, g_ptr_array_unref);
  g_clear_pointer (&self->template_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (ramus_library_view_parent_class)->finalize (object);
}

static void
ramus_library_view_class_init (RamusLibraryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ramus_library_view_get_property;
  object_class->set_property = ramus_library_view_set_property;
  object_class->dispose = ramus_library_view_dispose;
  object_class->finalize = ramus_library_view_finalize;
  widget_class->measure = ramus_library_view_measure;
  widget_class->size_allocate = ramus_library_view_size_allocate;
  widget_class->map = ramus_library_view_map;

  /**
   * RamusLibraryView:store:
   *
   * The case library shown, or NULL when none is open (then the view says
   * why: none chosen yet, or the last one was refused).
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RAMUS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RamusLibraryView::case-activated:
   * @case_id: the id of the case
   *
   * A case was opened: activated in the list, opened with the Open button,
   * or just made from a template.
   */
  signals[CASE_ACTIVATED] =
    g_signal_new ("case-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/ramus-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, library_title);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, library_subtitle);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, read_only_tag);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, search_box);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, procedure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, case_view);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, count_label);
  /* Not used here, but looked up by the tests. */
  gtk_widget_class_bind_template_child_full (widget_class, "open_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "duplicate_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "delete_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, error_page);
  gtk_widget_class_bind_template_child (widget_class, RamusLibraryView, template_section);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, procedure_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, case_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "library.new-case", "s", new_case_action);
  gtk_widget_class_install_action (widget_class, "library.open-case", NULL, open_case_action);
  gtk_widget_class_install_action (widget_class, "library.duplicate-case", NULL, duplicate_case_action);
  gtk_widget_class_install_action (widget_class, "library.delete-case", NULL, delete_case_action);
  gtk_widget_class_install_action (widget_class, "library.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "library.open-library", NULL, open_library_action);
  gtk_widget_class_install_action (widget_class, "library.new-library", NULL, new_library_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "library.delete-case", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "library.delete-case", NULL);

  gtk_widget_class_set_css_name (widget_class, "ramus-library-view");
}

static void
ramus_library_view_init (RamusLibraryView *self)
{
  self->region_ids = g_ptr_array_new_with_free_func (g_free);
  self->template_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cases = ramus_case_list_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->cases)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->case_view, GTK_SELECTION_MODEL (self->selection));

  self->columns[COLUMN_CASE] = add_column (self, _("Case"), G_CALLBACK (setup_case_cb),
                                           G_CALLBACK (bind_case_cb), TRUE);
  self->columns[COLUMN_REGION] = add_column (self, _("Region"), G_CALLBACK (setup_text_cb),
                                             G_CALLBACK (bind_region_cb), FALSE);
  self->columns[COLUMN_INDICATION] = add_column (self, _("Indication"), G_CALLBACK (setup_text_cb),
                                                 G_CALLBACK (bind_indication_cb), TRUE);
  self->columns[COLUMN_DATE] = add_column (self, _("Procedure Date"), G_CALLBACK (setup_text_cb),
                                           G_CALLBACK (bind_date_cb), FALSE);
  self->columns[COLUMN_TARGETS] = add_column (self, _("Targets"), G_CALLBACK (setup_number_cb),
                                              G_CALLBACK (bind_targets_cb), FALSE);
  self->columns[COLUMN_FOLLOWUP] = add_column (self, _("Last Follow-Up"), G_CALLBACK (setup_text_cb),
                                               G_CALLBACK (bind_followup_cb), FALSE);

  ramus_drop_down_set_compact (self->region_dropdown);
  ramus_drop_down_set_compact (self->procedure_dropdown);
  ramus_drop_down_set_compact (self->sort_dropdown);
  fill_regions (self);
  fill_procedures (self);
  fill_sort (self);
  fill_templates (self);

  update_library_header (self);
  update_page (self);
  update_count (self);
  update_actions (self);
}
