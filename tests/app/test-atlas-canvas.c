/* test-atlas-canvas.c — the atlas canvas in the main window under Xvfb, as
 * a person would use it: it draws the chosen region, the pointer over a
 * vessel highlights and names it, a click selects it and the tree and the
 * details follow, a vessel chosen in the tree is centred, +, - and 0 zoom,
 * the patient's left side mirrors the drawing, the layer toggles, the
 * style and the narrow layout.
 *
 * Pointer and key events are real X events sent through the XTEST
 * extension by xdotool (RAMUS_XDOTOOL, set by meson when it is
 * installed). GTK 4.8 has no public way to make an event, so without
 * xdotool the tests emit the canvas's event controllers' own signals
 * ("motion", "pressed", "released") instead and drive the keyboard
 * through the action names the key bindings name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <math.h>

#include "ramus-atlas.h"
#include "ramus-atlas-view.h"
#include "ramus-details-pane.h"
#include "ramus-vessel-item.h"
#include "ramus-window.h"

/* --- helpers ------------------------------------------------------------------ */

static RamusAtlas *
get_atlas (void)
{
  g_autoptr(GError) error = NULL;
  RamusAtlas *atlas = ramus_atlas_get_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (atlas);
  return atlas;
}

/* Runs the main loop until @done returns TRUE or two seconds pass. */
static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

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
settle_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static void
settle (void)
{
  settle_for (250);
}

static gpointer
child (RamusWindow *window,
       const char  *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), RAMUS_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

/* The button in @widget that activates @action. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
header_button (RamusWindow *window,
               const char  *action)
{
  GtkWidget *button = find_button (GTK_WIDGET (window), action);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  return button;
}

static RamusAtlasView *
canvas (RamusWindow *window)
{
  return child (window, "atlas_view");
}

static gboolean
laid_out (gpointer data)
{
  GtkPaned *paned = child (data, "paned");
  gboolean set;

  g_object_get (paned, "position-set", &set, NULL);
  return set && gtk_widget_get_width (GTK_WIDGET (canvas (data))) > 0;
}

static RamusWindow *
open_window (const char *region)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ramus.Ramus");
  RamusWindow *window;

  g_settings_reset (settings, "name-language");
  g_settings_reset (settings, "patient-side");
  g_settings_set_string (settings, "name-language", "en");
  g_settings_set_string (settings, "region", region);
  window = ramus_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  /* The first frame can take a while in software GL; then the divider
   * is put where it was last left. */
  g_assert_true (wait_until (laid_out, window));
  settle ();
  return window;
}

static const RamusVessel *
tree_selected (RamusWindow *window)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (child (window, "tree_view")));
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (selection);
  g_autoptr(GObject) item = NULL;

  if (row == NULL)
    return NULL;
  item = gtk_tree_list_row_get_item (row);
  return ramus_vessel_item_get_vessel (RAMUS_VESSEL_ITEM (item));
}

/* A vessel the canvas draws where the pointer finds it: the vessel under
 * its own centreline point, inside the view and away from its edges.
 * Prefers the one that comes last in the tree (@tree_last), to make the
 * tree scroll, or the one farthest from the centre of the view. */
static const RamusVessel *
pointable_vessel (RamusWindow *window,
                  gboolean     tree_last,
                  double      *x,
                  double      *y)
{
  RamusAtlasView *view = canvas (window);
  RamusScene *scene = ramus_atlas_view_get_scene (view);
  double w = gtk_widget_get_width (GTK_WIDGET (view));
  double h = gtk_widget_get_height (GTK_WIDGET (view));
  GListModel *tree = G_LIST_MODEL (gtk_list_view_get_model (child (window, "tree_view")));
  const RamusVessel *best = NULL;
  double best_score = -1;

  g_assert_nonnull (scene);
  for (guint i = 0; i < ramus_scene_get_n_vessels (scene); i++)
    {
      const RamusVessel *vessel = ramus_scene_get_vessel (scene, i)->vessel;
      double px, py, score = -1;

      if (vessel == NULL || !ramus_atlas_view_vessel_point (view, vessel, &px, &py))
        continue;
      if (px < 20 || py < 20 || px > w - 20 || py > h - 20 ||
          ramus_atlas_view_vessel_at (view, px, py) != vessel)
        continue;
      if (tree_last)
        {
          for (guint j = 0; j < g_list_model_get_n_items (tree); j++)
            {
              g_autoptr(GtkTreeListRow) row = g_list_model_get_item (tree, j);
              g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

              if (ramus_vessel_item_get_vessel (RAMUS_VESSEL_ITEM (item)) == vessel)
                score = j;
            }
        }
      else
        score = hypot (px - w / 2, py - h / 2);
      if (score > best_score)
        {
          best = vessel;
          best_score = score;
          *x = px;
          *y = py;
        }
    }
  g_assert_nonnull (best);
  return best;
}

/* --- events ------------------------------------------------------------------- */

static const char *
xdotool (void)
{
  const char *path = g_getenv ("RAMUS_XDOTOOL");

  return path != NULL && *path != '\0' && GDK_IS_X11_DISPLAY (gdk_display_get_default ()) ? path : NULL;
}

static void
run_xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) xdotool ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Moves the pointer to (x, y) in @widget's coordinates. */
static void
pointer_to (GtkWidget *widget,
            double     x,
            double     y)
{
  if (xdotool ())
    {
      GtkNative *native = gtk_widget_get_native (widget);
      graphene_point_t p;
      double sx, sy;
      g_autofree char *xid = NULL;
      g_autofree char *px = NULL;
      g_autofree char *py = NULL;

      g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                               &GRAPHENE_POINT_INIT (x, y), &p));
      gtk_native_get_surface_transform (native, &sx, &sy);
      xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));
      px = g_strdup_printf ("%d", (int) round (p.x + sx));
      py = g_strdup_printf ("%d", (int) round (p.y + sy));
      run_xdotool ((const char *[]) { "mousemove", "--sync", "--window", xid, px, py, NULL });
    }
  else
    g_signal_emit_by_name (find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_MOTION), "motion", x, y);
}

/* A click of the primary button at (x, y) in @widget's coordinates. */
static void
click_at (GtkWidget *widget,
          double     x,
          double     y)
{
  pointer_to (widget, x, y);
  settle_for (50);
  if (xdotool ())
    run_xdotool ((const char *[]) { "click", "1", NULL });
  else
    {
      GtkEventController *click = find_controller (widget, GTK_TYPE_GESTURE_CLICK);

      g_signal_emit_by_name (click, "pressed", 1, x, y);
      g_signal_emit_by_name (click, "released", 1, x, y);
    }
}

/* Presses @keys ("plus", "ctrl+minus") with the focus on @focus; without
 * xdotool, activates @action on @focus as the binding would. */
static void
press_keys (GtkWidget  *focus,
            const char *keys,
            const char *action)
{
  g_assert_true (gtk_widget_grab_focus (focus));
  settle_for (50);
  if (xdotool ())
    {
      GtkNative *native = gtk_widget_get_native (focus);
      g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)));

      /* Keys go to the window under the pointer without a window manager. */
      run_xdotool ((const char *[]) { "windowfocus", "--sync", xid, NULL });
      run_xdotool ((const char *[]) { "key", "--clearmodifiers", keys, NULL });
    }
  else
    g_assert_true (gtk_widget_activate_action (focus, action, NULL));
}

/* --- what the screen shows ------------------------------------------------------ */

/* The widget as drawn, as 8-bit BGRA rows. */
static guchar *
render_widget (GtkWidget *widget,
               int       *width,
               int       *height,
               gsize     *stride)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  guchar *data;

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), *width, *height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  *stride = *width * 4;
  data = g_malloc (*stride * *height);
  gdk_texture_download (texture, data, *stride);
  return data;
}

/* Mean luminance (0–1) of a corner of the canvas, where the background
 * shows. */
static double
corner_luminance (GtkWidget *widget)
{
  int w, h;
  gsize stride;
  g_autofree guchar *data = render_widget (widget, &w, &h, &stride);
  double sum = 0;

  for (int y = 0; y < 4; y++)
    for (int x = 0; x < 4; x++)
      {
        const guchar *p = data + (h - 1 - y) * stride + (w - 1 - x) * 4;
        sum += (0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2]) / 255.0;
      }
  return sum / 16;
}

/* How many pixels differ within @radius of (x, y) between two renders. */
static guint
pixels_changed (const guchar *a,
                const guchar *b,
                int           w,
                int           h,
                gsize         stride,
                double        x,
                double        y,
                int           radius)
{
  guint n = 0;

  for (int j = MAX (0, (int) y - radius); j < MIN (h, (int) y + radius); j++)
    for (int i = MAX (0, (int) x - radius); i < MIN (w, (int) x + radius); i++)
      if (memcmp (a + j * stride + i * 4, b + j * stride + i * 4, 4) != 0)
        n++;
  return n;
}

/* The text of the tooltip shown now, if any. GTK parents its tooltip
 * window to the toplevel. */
static char *
find_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    return g_strdup (gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      char *text = find_label_text (c);
      if (text != NULL)
        return text;
    }
  return NULL;
}

static char *
tooltip_text (RamusWindow *window)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (window)); c; c = gtk_widget_get_next_sibling (c))
    if (g_str_equal (G_OBJECT_TYPE_NAME (c), "GtkTooltipWindow") && gtk_widget_get_mapped (c))
      return find_label_text (c);
  return NULL;
}

/* --- waits -------------------------------------------------------------------- */

typedef struct
{
  RamusWindow *window;
  const RamusVessel *vessel;
  const char *text;
} Wait;

static gboolean
hovered_is (gpointer data)
{
  Wait *w = data;
  return ramus_atlas_view_get_hovered (canvas (w->window)) == w->vessel;
}

static gboolean
window_selected_is (gpointer data)
{
  Wait *w = data;
  return ramus_window_get_selected_vessel (w->window) == w->vessel;
}

static gboolean
tooltip_contains (gpointer data)
{
  Wait *w = data;
  g_autofree char *text = tooltip_text (w->window);
  return text != NULL && strstr (text, w->text) != NULL;
}

/* --- tests ---------------------------------------------------------------------- */

static void
test_canvas_shows_region (void)
{
  RamusAtlas *atlas = get_atlas ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ramus.Ramus");
  RamusWindow *window = open_window (ramus_atlas_get_region (atlas, 0)->id);
  GtkDropDown *chooser = child (window, "region_dropdown");

  /* Every region, chosen as a person would: in the region chooser. */
  for (guint i = 0; i < ramus_atlas_get_n_regions (atlas); i++)
    {
      const RamusRegion *region = ramus_atlas_get_region (atlas, i);
      RamusScene *scene;

      gtk_drop_down_set_selected (chooser, i);
      settle ();
      g_assert_cmpstr (ramus_window_get_region (window), ==, region->id);
      scene = ramus_atlas_view_get_scene (canvas (window));
      g_assert_nonnull (scene);
      g_assert_cmpstr (ramus_scene_get_region (scene), ==, region->id);
      g_assert_cmpuint (ramus_scene_get_n_vessels (scene), >, 0);
      /* Fitted: the whole drawing in view. */
      g_assert_cmpfloat (ramus_atlas_view_get_viewport (canvas (window))->width, >, 0);
    }
  g_settings_reset (settings, "region");
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

/* A variant that adds a vessel the region's drawing has a course for:
 * chosen, the vessel appears on the canvas; the view stays put. */
static void
test_canvas_variant_adds_vessel (void)
{
  RamusAtlas *atlas = get_atlas ();
  g_autoptr(GPtrArray) variants = ramus_atlas_get_variants (atlas, NULL);
  const RamusVariant *adding = NULL;
  const RamusVessel *added = NULL;
  const RamusRegion *region = NULL;
  RamusWindow *window;
  GtkDropDown *dropdown;
  RamusViewport before;

  for (guint v = 0; v < variants->len && adding == NULL; v++)
    {
      const RamusVariant *variant = g_ptr_array_index (variants, v);

      for (guint j = 0; variant->adds && variant->adds[j] && adding == NULL; j++)
        for (guint r = 0; r < ramus_atlas_get_n_regions (atlas) && adding == NULL; r++)
          {
            const RamusRegion *candidate = ramus_atlas_get_region (atlas, r);
            const RamusVessel *vessel = ramus_atlas_lookup (atlas, variant->adds[j]);
            g_autoptr(RamusScene) with = NULL;

            if (vessel == NULL || !ramus_atlas_vessel_in_region (vessel, candidate->id))
              continue;
            with = ramus_scene_new_for_region (atlas, candidate->id, variant, NULL);
            if (with != NULL && ramus_scene_find_vessel (with, vessel) >= 0)
              {
                adding = variant;
                added = vessel;
                region = candidate;
              }
          }
    }
  if (adding == NULL)
    {
      g_test_skip ("no variant of the atlas adds a drawn vessel yet");
      return;
    }
  g_test_message ("variant %s adds %s in %s", adding->id, added->id, region->id);

  window = open_window (region->id);
  g_assert_cmpint (ramus_scene_find_vessel (ramus_atlas_view_get_scene (canvas (window)), added), <, 0);
  ramus_atlas_view_zoom_by (canvas (window), 1.5);
  before = *ramus_atlas_view_get_viewport (canvas (window));

  /* Open the variants, as a person would, and choose it in its group. */
  gtk_expander_set_expanded (child (window, "variant_expander"), TRUE);
  settle ();
  dropdown = find_variant_dropdown (child (window, "variant_box"), adding->group);
  g_assert_nonnull (dropdown);
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)); i++)
    {
      gtk_drop_down_set_selected (dropdown, i);
      settle ();
      if (ramus_window_get_chosen_variant (window, adding->group) == adding)
        break;
    }
  g_assert_true (ramus_window_get_chosen_variant (window, adding->group) == adding);
  g_assert_cmpint (ramus_scene_find_vessel (ramus_atlas_view_get_scene (canvas (window)), added), >=, 0);
  g_assert_cmpfloat (ramus_atlas_view_get_viewport (canvas (window))->scale, ==, before.scale);
  g_assert_cmpfloat (ramus_atlas_view_get_viewport (canvas (window))->cx, ==, before.cx);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_canvas_hover_names (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ramus.Ramus");
  RamusWindow *window = open_window ("knee");
  GtkWidget *view = GTK_WIDGET (canvas (window));
  const RamusVessel *vessel;
  double x, y;
  int w, h;
  gsize stride;
  g_autofree guchar *plain = NULL;
  g_autofree guchar *hovered = NULL;
  Wait wait = { window, NULL, NULL };

  vessel = pointable_vessel (window, FALSE, &x, &y);
  g_test_message ("hovering %s at %.0f, %.0f", vessel->id, x, y);

  /* Start away from every vessel. */
  pointer_to (view, 2, 2);
  settle ();
  plain = render_widget (view, &w, &h, &stride);

  pointer_to (view, x, y);
  wait.vessel = vessel;
  g_assert_true (wait_until (hovered_is, &wait));
  settle ();
  /* Highlighted: the drawing changes around the vessel. */
  hovered = render_widget (view, &w, &h, &stride);
  g_assert_cmpuint (pixels_changed (plain, hovered, w, h, stride,
                                    x * w / gtk_widget_get_width (view),
                                    y * h / gtk_widget_get_height (view), 12), >, 10);

  /* Named, in a tooltip, once the pointer rests (real pointer only). */
  if (xdotool ())
    {
      wait.text = vessel->names[RAMUS_LANG_EN];
      g_assert_true (wait_until (tooltip_contains, &wait));

      /* In the chosen language. */
      g_settings_set_string (settings, "name-language", "zh_TW");
      pointer_to (view, 2, 2);
      settle_for (600);
      pointer_to (view, x, y);
      wait.text = vessel->names[RAMUS_LANG_ZH_TW];
      g_assert_true (wait_until (tooltip_contains, &wait));
    }

  /* Leaving the vessel clears the highlight. */
  pointer_to (view, 2, 2);
  wait.vessel = NULL;
  if (xdotool ())
    g_assert_true (wait_until (hovered_is, &wait));

  g_settings_reset (settings, "name-language");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Is the tree row of @position on screen in the tree's scrolled window? */
static gboolean
row_visible (RamusWindow *window,
             guint        position)
{
  GtkWidget *list = child (window, "tree_view");
  GtkWidget *scroller = gtk_widget_get_parent (list);

  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *row = gtk_widget_get_first_child (c);
      GtkListItem *item = row ? g_object_get_data (G_OBJECT (row), "ramus-list-item") : NULL;
      graphene_rect_t bounds;

      if (item == NULL || gtk_list_item_get_position (item) != position)
        continue;
      if (!gtk_widget_compute_bounds (c, scroller, &bounds))
        return FALSE;
      return bounds.origin.y >= -1 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller) + 1;
    }
  return FALSE;
}

static void
test_canvas_click_selects (void)
{
  RamusWindow *window = open_window ("knee");
  GtkWidget *view = GTK_WIDGET (canvas (window));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (child (window, "tree_view")));
  RamusDetailsPane *details = child (window, "details_pane");
  const RamusVessel *vessel;
  RamusViewport before;
  double x, y;
  Wait wait = { window, NULL, NULL };

  g_assert_null (ramus_window_get_selected_vessel (window));
  vessel = pointable_vessel (window, TRUE, &x, &y);
  g_test_message ("clicking %s at %.0f, %.0f", vessel->id, x, y);
  before = *ramus_atlas_view_get_viewport (RAMUS_ATLAS_VIEW (view));

  click_at (view, x, y);
  wait.vessel = vessel;
  g_assert_true (wait_until (window_selected_is, &wait));
  settle ();

  /* The canvas, the tree and the details agree. */
  g_assert_true (ramus_atlas_view_get_selected (RAMUS_ATLAS_VIEW (view)) == vessel);
  g_assert_true (tree_selected (window) == vessel);
  g_assert_true (ramus_details_pane_get_vessel (details) == vessel);
  g_assert_cmpstr (ramus_details_pane_get_title (details), ==, vessel->names[RAMUS_LANG_EN]);
  /* The tree scrolled to it. */
  g_assert_true (row_visible (window, gtk_single_selection_get_selected (selection)));
  /* The drawing did not jump under the pointer. */
  g_assert_cmpfloat (ramus_atlas_view_get_viewport (RAMUS_ATLAS_VIEW (view))->cx, ==, before.cx);
  g_assert_cmpfloat (ramus_atlas_view_get_viewport (RAMUS_ATLAS_VIEW (view))->scale, ==, before.scale);

  /* A click beside every vessel keeps the selection. */
  click_at (view, 2, 2);
  settle ();
  g_assert_true (ramus_atlas_view_get_selected (RAMUS_ATLAS_VIEW (view)) == vessel);
  g_assert_true (ramus_window_get_selected_vessel (window) == vessel);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_canvas_tree_selection_centres (void)
{
  RamusWindow *window = open_window ("knee");
  RamusAtlasView *view = canvas (window);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (child (window, "tree_view")));
  GListModel *tree = G_LIST_MODEL (selection);
  const RamusSceneVessel *drawn;
  const RamusViewport *vp;
  const RamusVessel *vessel;
  double x, y, sx, sy;

  /* The vessel farthest from the centre, chosen in the tree. */
  vessel = pointable_vessel (window, FALSE, &x, &y);
  for (guint i = 0; i < g_list_model_get_n_items (tree); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (tree, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (ramus_vessel_item_get_vessel (RAMUS_VESSEL_ITEM (item)) == vessel)
        gtk_single_selection_set_selected (selection, i);
    }
  settle ();

  g_assert_true (ramus_atlas_view_get_selected (view) == vessel);
  drawn = ramus_scene_get_vessel (ramus_atlas_view_get_scene (view),
                                  ramus_scene_find_vessel (ramus_atlas_view_get_scene (view), vessel));
  vp = ramus_atlas_view_get_viewport (view);
  ramus_viewport_to_screen (vp, drawn->bounds.x + drawn->bounds.width / 2,
                            drawn->bounds.y + drawn->bounds.height / 2, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, vp->width / 2, 1.0);
  g_assert_cmpfloat_with_epsilon (sy, vp->height / 2, 1.0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static double
scale_of (RamusWindow *window)
{
  return ramus_atlas_view_get_viewport (canvas (window))->scale;
}

static void
test_canvas_keyboard_zoom (void)
{
  RamusWindow *window = open_window ("knee");
  GtkWidget *view = GTK_WIDGET (canvas (window));
  double fit = scale_of (window);
  double s;

  /* The canvas's actions, as its key bindings name them. */
  g_assert_true (gtk_widget_activate_action (view, "atlas.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (scale_of (window), fit * 1.25, 1e-9);
  g_assert_true (gtk_widget_activate_action (view, "atlas.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (scale_of (window), fit, 1e-9);
  g_assert_true (gtk_widget_activate_action (view, "atlas.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (view, "atlas.zoom-fit", NULL));
  g_assert_cmpfloat_with_epsilon (scale_of (window), fit, 1e-9);

  /* The keys themselves, with the focus on the canvas. */
  press_keys (view, "plus", "atlas.zoom-in");
  settle ();
  s = scale_of (window);
  g_assert_cmpfloat (s, >, fit * 1.2);
  press_keys (view, "minus", "atlas.zoom-out");
  settle ();
  g_assert_cmpfloat (scale_of (window), <, s);
  press_keys (view, "plus", "atlas.zoom-in");
  press_keys (view, "plus", "atlas.zoom-in");
  settle ();
  g_assert_cmpfloat (scale_of (window), >, fit * 1.2);
  press_keys (view, "0", "atlas.zoom-fit");
  settle ();
  g_assert_cmpfloat_with_epsilon (scale_of (window), fit, 1e-9);

  /* Ctrl with them from anywhere in the window: here the search entry. */
  press_keys (child (window, "search_entry"), "ctrl+plus", "win.zoom-in");
  settle ();
  g_assert_cmpfloat (scale_of (window), >, fit * 1.2);
  press_keys (child (window, "search_entry"), "ctrl+0", "win.zoom-fit");
  settle ();
  g_assert_cmpfloat_with_epsilon (scale_of (window), fit, 1e-9);
  press_keys (child (window, "search_entry"), "ctrl+minus", "win.zoom-out");
  settle ();
  g_assert_cmpfloat (scale_of (window), <, fit);
  /* The search did not take the keys as text. */
  g_assert_cmpstr (gtk_editable_get_text (child (window, "search_entry")), ==, "");

  /* And the header bar's buttons (a button clicks once it has shown
   * itself pressed). */
  g_assert_true (gtk_widget_activate (header_button (window, "win.zoom-fit")));
  settle_for (400);
  g_assert_cmpfloat_with_epsilon (scale_of (window), fit, 1e-9);
  g_assert_true (gtk_widget_activate (header_button (window, "win.zoom-in")));
  settle_for (400);
  g_assert_cmpfloat_with_epsilon (scale_of (window), fit * 1.25, 1e-9);
  g_assert_true (gtk_widget_activate (header_button (window, "win.zoom-out")));
  settle_for (400);
  g_assert_cmpfloat_with_epsilon (scale_of (window), fit, 1e-9);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
mirrored (gpointer data)
{
  return ramus_atlas_view_get_viewport (data)->mirror;
}

static gboolean
not_mirrored (gpointer data)
{
  return !ramus_atlas_view_get_viewport (data)->mirror;
}

static void
test_canvas_left_mirrors (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ramus.Ramus");
  RamusWindow *window = open_window ("knee");
  RamusAtlasView *view = canvas (window);
  const RamusVessel *vessel;
  double x, y, lx, ly;
  double w = gtk_widget_get_width (GTK_WIDGET (view));

  g_assert_false (ramus_atlas_view_get_viewport (view)->mirror);
  vessel = pointable_vessel (window, FALSE, &x, &y);

  /* "Left" pressed as a person would. */
  g_assert_true (gtk_widget_activate (child (window, "side_left_button")));
  g_assert_true (wait_until (mirrored, view));
  settle ();
  g_assert_true (ramus_atlas_view_vessel_point (view, vessel, &lx, &ly));
  /* The drawing fits the view about its middle: x flips, y stays. */
  g_assert_cmpfloat_with_epsilon (lx, w - x, 1.0);
  g_assert_cmpfloat_with_epsilon (ly, y, 1e-6);
  /* And the pointer finds it where it now is. */
  g_assert_true (ramus_atlas_view_vessel_at (view, lx, ly) == vessel);

  g_assert_true (gtk_widget_activate (child (window, "side_right_button")));
  g_assert_true (wait_until (not_mirrored, view));

  /* A midline drawing is never mirrored: it shows both sides of a paired
   * vessel, and the patient's side picks which one is selected. */
  g_settings_set_string (settings, "region", "spine-pelvis");
  settle ();
  {
    RamusScene *scene = ramus_atlas_view_get_scene (view);
    const RamusVessel *paired = NULL;
    double rx, ry;

    for (guint i = 1; i < ramus_scene_get_n_vessels (scene) && paired == NULL; i++)
      if (ramus_scene_get_vessel (scene, i)->mirror_copy)
        paired = ramus_scene_get_vessel (scene, i)->vessel;
    g_assert_nonnull (paired);
    g_test_message ("paired vessel %s", paired->id);
    g_assert_true (ramus_atlas_view_vessel_point (view, paired, &rx, &ry));

    g_settings_set_string (settings, "patient-side", "left");
    settle ();
    g_assert_false (ramus_atlas_view_get_viewport (view)->mirror);
    /* The left one: on the viewer's right, the mirror image of the right. */
    g_assert_true (ramus_atlas_view_vessel_point (view, paired, &lx, &ly));
    g_assert_cmpfloat_with_epsilon (lx, gtk_widget_get_width (GTK_WIDGET (view)) - rx, 1.0);
    g_assert_cmpfloat (lx, >, rx);
    /* Chosen, the left one is centred. */
    ramus_window_select_vessel (window, paired->id);
    settle ();
    g_assert_true (ramus_atlas_view_get_selected (view) == paired);
    g_assert_true (ramus_atlas_view_vessel_point (view, paired, &lx, &ly));
    g_assert_cmpfloat_with_epsilon (lx, gtk_widget_get_width (GTK_WIDGET (view)) / 2.0, 40);
  }

  g_settings_reset (settings, "patient-side");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_canvas_layers (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ramus.Ramus");
  RamusWindow *window = open_window ("knee");
  RamusAtlasView *view = canvas (window);
  GActionGroup *actions = G_ACTION_GROUP (window);
  struct { const char *action; guint layer; } toggles[] = {
    { "layer-artwork", RAMUS_LAYER_ARTWORK },
    { "layer-territories", RAMUS_LAYER_TERRITORIES },
    { "layer-labels", RAMUS_LAYER_LABELS },
    { "layer-minor", RAMUS_LAYER_MINOR },
  };

  g_assert_true (ramus_atlas_view_get_layers (view) & RAMUS_LAYER_VESSELS);
  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    {
      gboolean on = (ramus_atlas_view_get_layers (view) & toggles[i].layer) != 0;
      g_autoptr(GVariant) state = g_action_group_get_action_state (actions, toggles[i].action);

      g_assert_nonnull (state);
      g_assert_cmpint (g_variant_get_boolean (state), ==, on);
      g_action_group_activate_action (actions, toggles[i].action, NULL);
      settle_for (50);
      g_assert_cmpint ((ramus_atlas_view_get_layers (view) & toggles[i].layer) != 0, ==, !on);
      g_assert_cmpint (g_settings_get_boolean (settings, toggles[i].action), ==, !on);
      g_action_group_activate_action (actions, toggles[i].action, NULL);
      settle_for (50);
      g_assert_cmpint ((ramus_atlas_view_get_layers (view) & toggles[i].layer) != 0, ==, on);
    }
  /* The vessels themselves are always drawn. */
  g_assert_true (ramus_atlas_view_get_layers (view) & RAMUS_LAYER_VESSELS);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_canvas_follows_style (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  RamusWindow *window = open_window ("knee");
  GtkWidget *view = GTK_WIDGET (canvas (window));

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  settle ();
  g_assert_cmpfloat (corner_luminance (view), >, 0.7);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  settle ();
  g_assert_cmpfloat (corner_luminance (view), <, 0.3);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  settle ();

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
orientation_is_vertical (gpointer data)
{
  return gtk_orientable_get_orientation (data) == GTK_ORIENTATION_VERTICAL;
}

static gboolean
orientation_is_horizontal (gpointer data)
{
  return gtk_orientable_get_orientation (data) == GTK_ORIENTATION_HORIZONTAL;
}

static gboolean
narrower_than_420 (gpointer data)
{
  return gtk_widget_get_width (data) < 420;
}

/* On a narrow window the leaflet folds and the details go below the
 * canvas: both stay reachable. */
static void
test_canvas_narrow_window (void)
{
  RamusWindow *window = open_window ("knee");
  AdwLeaflet *leaflet = child (window, "leaflet");
  GtkPaned *paned = child (window, "paned");
  GtkWidget *view = GTK_WIDGET (canvas (window));
  GtkWidget *details = child (window, "details_pane");

  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==, GTK_ORIENTATION_HORIZONTAL);
  /* The details as wide as last left (the default). */
  g_assert_cmpint (abs (gtk_widget_get_width (details) - 380), <=, 2);

  /* On a 1024-pixel screen the sidebar, the roadmap and the details all
   * show: the details go under the roadmap rather than the leaflet folding
   * the roadmap away. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 700);
  g_assert_true (wait_until (orientation_is_vertical, paned));
  settle ();
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_true (gtk_widget_get_mapped (details));
  g_assert_cmpint (gtk_widget_get_width (view), >=, 360);

  /* Narrower than the canvas and the details side by side allow: they
   * stack, and then the window can narrow further. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  g_assert_true (wait_until (orientation_is_vertical, paned));
  settle ();
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  g_assert_true (wait_until (narrower_than_420, window));
  settle ();
  g_assert_true (adw_leaflet_get_folded (leaflet));

  /* Choosing a vessel shows the canvas and the details, one above the other. */
  g_assert_true (ramus_window_select_vessel (window, "popliteal-artery") ||
                 ramus_window_get_selected_vessel (window) != NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-details", NULL));
  settle_for (600);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == child (window, "content"));
  g_assert_true (gtk_widget_get_mapped (view));
  g_assert_true (gtk_widget_get_mapped (details));
  g_assert_cmpint (gtk_widget_get_height (view), >=, 120);
  g_assert_cmpint (gtk_widget_get_height (details), >=, 120);
  g_assert_cmpint (gtk_widget_get_width (view), <=, 400);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_assert_true (wait_until (orientation_is_horizontal, paned));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
details_near_430 (gpointer data)
{
  return abs (gtk_widget_get_width (child (data, "details_pane")) - 430) <= 2;
}

/* The divider, moved, stays where it was left: in the window as it
 * resizes, and the next time the window opens. */
static void
test_canvas_divider_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ramus.Ramus");
  RamusWindow *window = open_window ("knee");
  GtkPaned *paned = child (window, "paned");
  GtkWidget *details = child (window, "details_pane");

  g_assert_cmpint (abs (gtk_widget_get_width (details) - 380), <=, 2);
  /* As a drag of the divider does. */
  gtk_paned_set_position (paned, gtk_paned_get_position (paned) - 50);
  g_assert_true (wait_until (details_near_430, window));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  settle ();
  g_assert_cmpint (abs (gtk_widget_get_width (details) - 430), <=, 2);

  gtk_window_close (GTK_WINDOW (window));
  settle ();
  g_assert_cmpint (abs (g_settings_get_int (settings, "details-width") - 430), <=, 2);

  window = open_window ("knee");
  g_assert_true (wait_until (details_near_430, window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "details-width");
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
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

  if (xdotool () == NULL)
    g_test_message ("no xdotool: driving the event controllers' signals and the actions");

  g_test_add_func ("/app/canvas/shows-region", test_canvas_shows_region);
  g_test_add_func ("/app/canvas/variant-adds-vessel", test_canvas_variant_adds_vessel);
  g_test_add_func ("/app/canvas/hover-names", test_canvas_hover_names);
  g_test_add_func ("/app/canvas/click-selects", test_canvas_click_selects);
  g_test_add_func ("/app/canvas/tree-selection-centres", test_canvas_tree_selection_centres);
  g_test_add_func ("/app/canvas/keyboard-zoom", test_canvas_keyboard_zoom);
  g_test_add_func ("/app/canvas/left-mirrors", test_canvas_left_mirrors);
  g_test_add_func ("/app/canvas/layers", test_canvas_layers);
  g_test_add_func ("/app/canvas/follows-style", test_canvas_follows_style);
  g_test_add_func ("/app/canvas/narrow-window", test_canvas_narrow_window);
  g_test_add_func ("/app/canvas/divider-remembered", test_canvas_divider_remembered);

  return g_test_run ();
}
