/* test-integration.c — the window with its parts together, under Xvfb:
 * planning from the canvas (targets toggled by a click, the route drawn,
 * undo), printing the sheet of the plan to a PDF and the sheet's
 * preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ramus-application.h"

#include "ramus-atlas-view.h"
#include "ramus-library-view.h"
#include "ramus-plan-panel.h"
#include "ramus-store.h"
#include "ramus-window.h"

#define LSGA "lateral-superior-genicular-artery"
#define DGA "descending-genicular-artery"

static RamusAtlas *
get_atlas (void)
{
  g_autoptr(GError) error = NULL;
  RamusAtlas *atlas = ramus_atlas_get_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (atlas);
  return atlas;
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

/* A window on the right knee. */
static RamusWindow *
knee_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new (RAMUS_SETTINGS_SCHEMA_ID);
  RamusWindow *window;

  g_settings_set_string (settings, "region", "knee");
  g_settings_set_string (settings, "patient-side", "right");
  window = ramus_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  return window;
}

/* Clicks @id on the canvas, as the canvas reports a click. */
static void
click_vessel (RamusWindow *window,
              const char  *id)
{
  RamusAtlasView *view = child (window, "atlas_view");
  const RamusVessel *vessel = ramus_atlas_lookup (get_atlas (), id);
  double x, y;

  g_assert_nonnull (vessel);
  g_assert_true (ramus_atlas_view_vessel_point (view, vessel, &x, &y));
  g_assert_true (ramus_atlas_view_vessel_at (view, x, y) == vessel);
  g_signal_emit_by_name (view, "vessel-activated", vessel);
  settle ();
}

static void
overlay (RamusWindow *window,
         guint       *n_route,
         guint       *n_targets)
{
  g_autoptr(GPtrArray) route = NULL;
  g_autoptr(GPtrArray) targets = NULL;

  ramus_plan_panel_get_overlay (ramus_window_get_plan_panel (window), &route, &targets);
  *n_route = route ? route->len : 0;
  *n_targets = targets ? targets->len : 0;
}

static void
test_integration_planning_toggles_targets (void)
{
  RamusWindow *window = knee_window ();
  RamusPlan *plan = ramus_window_get_plan (window);
  g_autoptr(GError) error = NULL;
  guint n_route, n_targets;

  /* A new case starts from the region and side shown. */
  g_assert_nonnull (plan);
  g_assert_cmpstr (ramus_plan_get_case (plan)->region, ==, "knee");
  g_assert_cmpint (ramus_plan_get_case (plan)->side, ==, RAMUS_SIDE_RIGHT);

  /* Browsing, a click selects. */
  g_assert_false (ramus_window_get_planning (window));
  click_vessel (window, LSGA);
  g_assert_cmpstr (ramus_window_get_selected_vessel (window)->id, ==, LSGA);
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 0);

  /* Planning, a click makes a target, the canvas draws its route. */
  ramus_window_set_planning (window, TRUE);
  g_assert_true (ramus_plan_set_access (plan, "cfa-antegrade", &error));
  g_assert_no_error (error);
  click_vessel (window, LSGA);
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 1);
  click_vessel (window, DGA);
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 2);
  overlay (window, &n_route, &n_targets);
  g_assert_cmpuint (n_targets, ==, 2);
  g_assert_cmpuint (n_route, >, 2);

  /* A second click takes the target away again… */
  click_vessel (window, DGA);
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 1);

  /* …and undo (Ctrl+Z) brings it back, then takes both away. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  settle ();
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 2);
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  settle ();
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 0);
  overlay (window, &n_route, &n_targets);
  g_assert_cmpuint (n_targets, ==, 0);
  g_assert_cmpuint (n_route, ==, 0);

  g_action_group_activate_action (G_ACTION_GROUP (window), "redo", NULL);
  settle ();
  g_assert_cmpuint (ramus_plan_get_n_targets (plan), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  *(GtkPrintOperationResult *) user_data = result;
}

static void
test_integration_print_exports_pdf (void)
{
  RamusWindow *window = knee_window ();
  g_autofree char *dir = g_dir_make_tmp ("ramus-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(RamusPrint) print = NULL;
  GtkPrintOperationResult result = GTK_PRINT_OPERATION_RESULT_IN_PROGRESS;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gsize length = 0;

  g_autofree char *case_path = g_test_build_filename (G_TEST_DIST, "data", "sheet-knee.json", NULL);
  g_autoptr(RamusCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "print"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "page-setup"));

  /* Opening a case plans it, on its region and side. */
  kase = ramus_case_load (case_path, &error);
  g_assert_no_error (error);
  ramus_window_open_case (window, kase);
  settle ();
  g_assert_true (ramus_window_get_planning (window));
  g_assert_cmpstr (ramus_window_get_region (window), ==, kase->region);
  g_assert_true (ramus_case_equal (ramus_plan_get_case (ramus_window_get_plan (window)), kase));

  print = ramus_window_print (window, GTK_PRINT_OPERATION_ACTION_EXPORT, path);
  g_assert_nonnull (print);
  g_signal_connect (print, "done", G_CALLBACK (done_cb), &result);
  /* Export runs synchronously; "done" may already have gone. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    result = GTK_PRINT_OPERATION_RESULT_APPLY;
  while (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_integration_preferences (void)
{
  RamusWindow *window = knee_window ();
  g_autoptr(GSettings) settings = g_settings_new (RAMUS_SETTINGS_SCHEMA_ID);
  GtkWindow *prefs;

  g_settings_set_string (settings, "sheet-institution", "General Hospital");
  prefs = ramus_window_show_preferences (window);
  g_assert_true (ADW_IS_PREFERENCES_WINDOW (prefs));
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (prefs)));
  gtk_window_destroy (prefs);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Runs the main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_integration_library_opens_case (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ramus-library-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cases.ramus", NULL);
  g_autofree char *case_path = g_test_build_filename (G_TEST_DIST, "data", "sheet-knee.json", NULL);
  g_autoptr(RamusCase) kase = NULL;
  g_autoptr(RamusCase) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  RamusWindow *window;
  RamusLibraryView *library;
  RamusPlan *plan;
  guint n_targets;

  /* A library holding one case. */
  {
    g_autoptr(RamusStore) store = ramus_store_open (path, RAMUS_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    kase = ramus_case_load (case_path, &error);
    g_assert_no_error (error);
    g_assert_true (ramus_store_save_case (store, kase, &error));
    g_assert_no_error (error);
    id = g_strdup (kase->id);
  }

  window = knee_window ();
  g_assert_true (ramus_window_open_library (window, path, &error));
  g_assert_no_error (error);
  library = ramus_window_get_library_view (window);
  g_assert_true (GTK_IS_WINDOW (ramus_window_show_cases (window)));
  settle ();

  /* Its follow-up and the cohort are a page away. */
  g_assert_true (ramus_library_view_select_case (library, id));
  ramus_window_show_cases_page (window, "followup");
  settle ();
  ramus_window_show_cases_page (window, "cohort");
  settle ();
  ramus_window_show_cases_page (window, "cases");
  settle ();

  /* Opening it in the library plans it. */
  g_signal_emit_by_name (library, "case-activated", id);
  settle ();
  plan = ramus_window_get_plan (window);
  g_assert_true (ramus_window_get_planning (window));
  g_assert_cmpstr (ramus_plan_get_case (plan)->id, ==, id);
  g_assert_cmpstr (ramus_window_get_region (window), ==, kase->region);
  n_targets = ramus_plan_get_n_targets (plan);
  g_assert_cmpuint (n_targets, >, 0);

  /* An edit is saved within a second. */
  g_assert_true (ramus_plan_remove_target (plan, 0, &error));
  g_assert_no_error (error);
  run_for (1200);
  stored = ramus_store_load_case (ramus_library_view_get_store (library), id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->targets->len, ==, n_targets - 1);

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_integration_refused_library_untouched (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ramus-library-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "garbage.ramus", NULL);
  const char garbage[] = "This is not a case library, and must stay as it is.\n";
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  RamusWindow *window;
  GtkWindow *cases;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  window = knee_window ();
  g_assert_false (ramus_window_open_library (window, path, &error));
  g_assert_nonnull (error);
  settle ();

  /* The Cases window says why; the file is as it was. */
  cases = ramus_window_show_cases (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cases)));
  g_assert_nonnull (ramus_library_view_get_error (ramus_window_get_library_view (window)));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, garbage);

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_unlink (path);
  g_rmdir (dir);
}

/* With RAMUS_SCREENSHOT_DIR set: the Cases window and the window planning
 * a knee case of two targets, grabbed from the X server (ImageMagick's
 * import) as cases.png and planning.png. */
static void
grab (const char *dir,
      const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  const char *argv[] = { "import", "-window", "root", path, NULL };
  g_autoptr(GError) error = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_integration_screenshots (void)
{
  const char *shots = g_getenv ("RAMUS_SCREENSHOT_DIR");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *case_path = NULL;
  g_autoptr(RamusCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  RamusWindow *window;
  GtkWindow *cases;

  if (shots == NULL)
    {
      g_test_skip ("RAMUS_SCREENSHOT_DIR is not set");
      return;
    }
  dir = g_dir_make_tmp ("ramus-shots-XXXXXX", NULL);
  path = g_build_filename (dir, "cases.ramus", NULL);
  case_path = g_test_build_filename (G_TEST_DIST, "data", "sheet-knee.json", NULL);
  {
    g_autoptr(RamusStore) store = ramus_store_open (path, RAMUS_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    kase = ramus_case_load (case_path, &error);
    g_assert_no_error (error);
    g_array_set_size (kase->targets, 2);
    g_assert_true (ramus_store_save_case (store, kase, &error));
    g_assert_no_error (error);
  }

  window = knee_window ();
  gtk_window_maximize (GTK_WINDOW (window));
  g_assert_true (ramus_window_open_library (window, path, &error));
  cases = ramus_window_show_cases (window);
  gtk_window_set_default_size (cases, 1100, 700);
  run_for (1500);
  grab (shots, "cases.png");

  g_signal_emit_by_name (ramus_window_get_library_view (window), "case-activated", kase->id);
  gtk_widget_set_visible (GTK_WIDGET (cases), FALSE);
  run_for (500);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-fit", NULL);
  run_for (2000);
  grab (shots, "planning.png");

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/app/integration/planning-toggles-targets", test_integration_planning_toggles_targets);
  g_test_add_func ("/app/integration/print-exports-pdf", test_integration_print_exports_pdf);
  g_test_add_func ("/app/integration/preferences", test_integration_preferences);
  g_test_add_func ("/app/integration/library-opens-case", test_integration_library_opens_case);
  g_test_add_func ("/app/integration/refused-library-untouched", test_integration_refused_library_untouched);
  g_test_add_func ("/app/integration/screenshots", test_integration_screenshots);

  return g_test_run ();
}
