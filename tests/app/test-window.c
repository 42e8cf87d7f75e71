/* test-window.c — the main window under Xvfb, as a person would use it:
 * it opens, search filters the tree, selecting a vessel shows its details,
 * the name language, the patient side and the hepatic variant change what
 * is shown
 *
 * The tests take their vessels from the compiled atlas at run time, so
 * they hold while the atlas content grows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "ramus-atlas.h"
#include "ramus-details-pane.h"
#include "ramus-vessel-item.h"
#include "ramus-window.h"

static RamusAtlas *
get_atlas (void)
{
  g_autoptr(GError) error = NULL;
  RamusAtlas *atlas = ramus_atlas_get_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (atlas);
  return atlas;
}

/* Runs the main loop until @done returns TRUE or a second passes. */
static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      if (done (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return done (data);
}

/* Lets the window settle: layout, idles and timeouts already due. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static gpointer
child (RamusWindow *window,
       const char  *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), RAMUS_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static GListModel *
tree_model (RamusWindow *window)
{
  return G_LIST_MODEL (gtk_list_view_get_model (child (window, "tree_view")));
}

static guint
n_rows (RamusWindow *window)
{
  return g_list_model_get_n_items (tree_model (window));
}

static const RamusVessel *
row_vessel (RamusWindow *window,
            guint        position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (tree_model (window), position);
  g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

  return ramus_vessel_item_get_vessel (RAMUS_VESSEL_ITEM (item));
}

static gboolean
tree_shows (RamusWindow       *window,
            const RamusVessel *vessel)
{
  for (guint i = 0; i < n_rows (window); i++)
    if (row_vessel (window, i) == vessel)
      return TRUE;
  return FALSE;
}

/* The tree as text, "depth:id" a row, to compare two states. */
static char *
tree_signature (RamusWindow *window)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_rows (window); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (tree_model (window), i);
      g_string_append_printf (s, "%u:%s\n", gtk_tree_list_row_get_depth (row),
                              row_vessel (window, i)->id);
    }
  return g_string_free (s, FALSE);
}

/* The first region with a feeder (else any vessel) below its root. */
static const RamusRegion *
region_with_feeder (RamusAtlas         *atlas,
                    const RamusVessel **feeder)
{
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < ramus_atlas_get_n_regions (atlas); i++)
      {
        const RamusRegion *region = ramus_atlas_get_region (atlas, i);
        g_autoptr(GArray) rows = ramus_atlas_region_tree (atlas, region->id, RAMUS_SIDE_RIGHT, NULL);

        for (guint j = 1; j < rows->len; j++)
          {
            const RamusVessel *v = g_array_index (rows, RamusTreeRow, j).vessel;
            if (pass == 1 || v->kind == RAMUS_VESSEL_FEEDER)
              {
                *feeder = v;
                return region;
              }
          }
      }
  return NULL;
}

static RamusWindow *
open_window (const char *region)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ramus.Ramus");
  RamusWindow *window;

  g_settings_reset (settings, "name-language");
  g_settings_reset (settings, "patient-side");
  if (region != NULL)
    g_settings_set_string (settings, "region", region);
  window = ramus_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  return window;
}

typedef struct
{
  RamusWindow *window;
  guint n;
} CountWait;

static gboolean
rows_fewer (gpointer data)
{
  CountWait *w = data;
  return n_rows (w->window) < w->n;
}

static void
test_window_opens (void)
{
  RamusAtlas *atlas = get_atlas ();
  RamusWindow *window = open_window (NULL);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_nonnull (ramus_window_get_region (window));
  /* The region chooser offers every region. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (child (window, "region_dropdown"))),
                    ==, ramus_atlas_get_n_regions (atlas));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_search_filters (void)
{
  RamusAtlas *atlas = get_atlas ();
  const RamusVessel *feeder = NULL;
  const RamusRegion *region = region_with_feeder (atlas, &feeder);
  RamusWindow *window;
  GtkEditable *entry;
  CountWait wait;
  guint before;

  if (region == NULL)
    {
      g_test_skip ("the atlas has no region with vessels yet");
      return;
    }
  window = open_window (region->id);
  before = n_rows (window);
  g_assert_true (tree_shows (window, feeder));

  /* Type its English name, as a person would. */
  entry = child (window, "search_entry");
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (entry, feeder->names[RAMUS_LANG_EN]);
  wait.window = window;
  wait.n = before;
  if (before > 2)
    g_assert_true (wait_until (rows_fewer, &wait));
  settle ();
  g_assert_true (tree_shows (window, feeder));
  g_assert_cmpuint (n_rows (window), <=, before);

  /* A Chinese name finds it too. */
  gtk_editable_set_text (entry, feeder->names[RAMUS_LANG_ZH_TW]);
  settle ();
  g_assert_true (tree_shows (window, feeder));

  /* Nonsense finds nothing and says so. */
  gtk_editable_set_text (entry, "qqqqzzzzxxxx");
  settle ();
  g_assert_cmpuint (n_rows (window), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (window, "tree_stack")), ==, "no-results");

  /* Clearing it restores the whole tree. */
  gtk_editable_set_text (entry, "");
  settle ();
  g_assert_cmpuint (n_rows (window), ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_select_shows_details (void)
{
  RamusAtlas *atlas = get_atlas ();
  const RamusVessel *feeder = NULL;
  const RamusRegion *region = region_with_feeder (atlas, &feeder);
  RamusWindow *window;
  RamusDetailsPane *details;
  GtkSingleSelection *selection;
  g_autoptr(GPtrArray) path = NULL;

  if (region == NULL)
    {
      g_test_skip ("the atlas has no region with vessels yet");
      return;
    }
  window = open_window (region->id);
  details = child (window, "details_pane");
  g_assert_null (ramus_details_pane_get_vessel (details));

  /* Select its row in the tree. */
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (child (window, "tree_view")));
  for (guint i = 0; i < n_rows (window); i++)
    if (row_vessel (window, i) == feeder)
      gtk_single_selection_set_selected (selection, i);
  settle ();

  g_assert_true (ramus_details_pane_get_vessel (details) == feeder);
  g_assert_cmpstr (ramus_details_pane_get_title (details), ==, feeder->names[RAMUS_LANG_EN]);
  {
    GtkStack *stack = (GtkStack *) gtk_widget_get_template_child (GTK_WIDGET (details), RAMUS_TYPE_DETAILS_PANE, "stack");
    GtkLabel *title = (GtkLabel *) gtk_widget_get_template_child (GTK_WIDGET (details), RAMUS_TYPE_DETAILS_PANE, "title_label");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "vessel");
    g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (title)));
    g_assert_cmpstr (gtk_label_get_text (title), ==, feeder->names[RAMUS_LANG_EN]);
  }

  /* A link in the path from the aorta selects its parent. */
  path = ramus_atlas_path (atlas, feeder, RAMUS_SIDE_RIGHT, NULL);
  g_assert_cmpuint (path->len, >=, 2);
  g_signal_emit_by_name (details, "vessel-activated",
                         ((const RamusVessel *) g_ptr_array_index (path, path->len - 2))->id);
  settle ();
  g_assert_true (ramus_details_pane_get_vessel (details) == g_ptr_array_index (path, path->len - 2));
  g_assert_true (ramus_window_get_selected_vessel (window) == g_ptr_array_index (path, path->len - 2));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_name_language (void)
{
  RamusAtlas *atlas = get_atlas ();
  const RamusVessel *feeder = NULL;
  const RamusRegion *region = region_with_feeder (atlas, &feeder);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ramus.Ramus");
  RamusWindow *window;
  RamusDetailsPane *details;

  if (region == NULL)
    {
      g_test_skip ("the atlas has no region with vessels yet");
      return;
    }
  window = open_window (region->id);
  details = child (window, "details_pane");
  g_settings_set_string (settings, "name-language", "en");
  g_assert_true (ramus_window_select_vessel (window, feeder->id));
  settle ();
  g_assert_cmpstr (ramus_details_pane_get_title (details), ==, feeder->names[RAMUS_LANG_EN]);

  g_settings_set_string (settings, "name-language", "zh_TW");
  settle ();
  g_assert_cmpstr (ramus_details_pane_get_title (details), ==, feeder->names[RAMUS_LANG_ZH_TW]);
  g_assert_true (ramus_window_get_selected_vessel (window) == feeder);

  g_settings_set_string (settings, "name-language", "zh_CN");
  settle ();
  g_assert_cmpstr (ramus_details_pane_get_title (details), ==, feeder->names[RAMUS_LANG_ZH_CN]);

  /* Bilingual: the Chinese name with the English beneath. */
  g_settings_set_string (settings, "name-language", "bilingual");
  settle ();
  {
    GtkLabel *secondary = (GtkLabel *) gtk_widget_get_template_child (GTK_WIDGET (details), RAMUS_TYPE_DETAILS_PANE,
                                                         "secondary_label");
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (secondary)));
    g_assert_cmpstr (gtk_label_get_text (secondary), ==, feeder->names[RAMUS_LANG_EN]);
  }

  g_settings_reset (settings, "name-language");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A region whose tree differs between the two sides. */
static const RamusRegion *
region_with_sides (RamusAtlas *atlas)
{
  for (guint i = 0; i < ramus_atlas_get_n_regions (atlas); i++)
    {
      const RamusRegion *region = ramus_atlas_get_region (atlas, i);
      g_autoptr(GArray) right = ramus_atlas_region_tree (atlas, region->id, RAMUS_SIDE_RIGHT, NULL);
      g_autoptr(GArray) left = ramus_atlas_region_tree (atlas, region->id, RAMUS_SIDE_LEFT, NULL);

      if (right->len != left->len)
        return region;
      for (guint j = 0; j < right->len; j++)
        {
          RamusTreeRow r = g_array_index (right, RamusTreeRow, j);
          RamusTreeRow l = g_array_index (left, RamusTreeRow, j);
          if (r.vessel != l.vessel || r.depth != l.depth)
            return region;
        }
    }
  return NULL;
}

static void
test_window_side_changes_tree (void)
{
  RamusAtlas *atlas = get_atlas ();
  const RamusRegion *region = region_with_sides (atlas);
  RamusWindow *window;
  g_autofree char *right = NULL;
  g_autofree char *left = NULL;
  g_autofree char *again = NULL;
  GtkWidget *button;

  if (region == NULL)
    {
      g_test_skip ("no region of the atlas differs between the sides yet");
      return;
    }
  window = open_window (region->id);
  right = tree_signature (window);

  /* Press "Left" as a person would. */
  button = child (window, "side_left_button");
  g_assert_true (gtk_widget_activate (button));
  settle ();
  left = tree_signature (window);
  g_assert_cmpstr (right, !=, left);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  button = child (window, "side_right_button");
  g_assert_true (gtk_widget_activate (button));
  settle ();
  again = tree_signature (window);
  g_assert_cmpstr (right, ==, again);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkDropDown *
find_variant_dropdown (GtkWidget  *widget,
                       const char *group)
{
  if (GTK_IS_DROP_DOWN (widget) && g_strcmp0 (gtk_widget_get_name (widget), group) == 0)
    return GTK_DROP_DOWN (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkDropDown *found = find_variant_dropdown (c, group);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
trees_differ (GArray *a,
              GArray *b)
{
  if (a->len != b->len)
    return TRUE;
  for (guint j = 0; j < a->len; j++)
    if (g_array_index (a, RamusTreeRow, j).vessel != g_array_index (b, RamusTreeRow, j).vessel ||
        g_array_index (a, RamusTreeRow, j).depth != g_array_index (b, RamusTreeRow, j).depth)
      return TRUE;
  return FALSE;
}

static void
test_window_variant_changes_tree (void)
{
  RamusAtlas *atlas = get_atlas ();
  g_autoptr(GPtrArray) variants = ramus_atlas_get_variants (atlas, NULL);
  const RamusRegion *region = NULL;
  const RamusVariant *changing = NULL;
  RamusWindow *window;
  GtkDropDown *dropdown;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* A variant that changes some region's tree, and that region; the
   * Michels types of the liver first. */
  for (int pass = 0; pass < 2 && changing == NULL; pass++)
    for (guint r = 0; r < ramus_atlas_get_n_regions (atlas) && changing == NULL; r++)
      {
        const RamusRegion *candidate = ramus_atlas_get_region (atlas, r);
        g_autoptr(GArray) base = ramus_atlas_region_tree (atlas, candidate->id, RAMUS_SIDE_RIGHT, NULL);

        for (guint v = 0; v < variants->len && changing == NULL; v++)
          {
            const RamusVariant *variant = g_ptr_array_index (variants, v);
            g_autoptr(GArray) rows = NULL;

            if (variant->is_default || (pass == 0 && g_strcmp0 (variant->group, "michels") != 0))
              continue;
            rows = ramus_atlas_region_tree (atlas, candidate->id, RAMUS_SIDE_RIGHT, variant);
            if (trees_differ (base, rows))
              {
                changing = variant;
                region = candidate;
              }
          }
      }
  if (changing == NULL)
    {
      g_test_skip ("no anatomical variant changes a tree of the atlas yet");
      return;
    }
  g_test_message ("variant %s in region %s", changing->id, region->id);

  window = open_window (region->id);
  g_assert_true (gtk_widget_get_visible (child (window, "variant_box")));
  before = tree_signature (window);

  /* Choose it in its group's chooser, as a person would. */
  dropdown = find_variant_dropdown (child (window, "variant_box"), changing->group);
  g_assert_nonnull (dropdown);
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)); i++)
    {
      gtk_drop_down_set_selected (dropdown, i);
      settle ();
      if (ramus_window_get_chosen_variant (window, changing->group) == changing)
        break;
    }
  g_assert_true (ramus_window_get_chosen_variant (window, changing->group) == changing);
  after = tree_signature (window);
  g_assert_cmpstr (before, !=, after);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  /* A blinking cursor redraws the window all the time, slowly in
   * software GL; the tests have no need of it. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/app/window/opens", test_window_opens);
  g_test_add_func ("/app/window/search-filters", test_window_search_filters);
  g_test_add_func ("/app/window/select-shows-details", test_window_select_shows_details);
  g_test_add_func ("/app/window/name-language", test_window_name_language);
  g_test_add_func ("/app/window/side-changes-tree", test_window_side_changes_tree);
  g_test_add_func ("/app/window/variant-changes-tree", test_window_variant_changes_tree);

  return g_test_run ();
}
