/* test-library.c — the case library, follow-up and cohort widgets under
 * Xvfb, as a person would use them: typing in the search filters the list,
 * a deleted case comes back with Undo, a new case from a template appears,
 * a refused file shows why and is left byte-for-byte as it was, a visit
 * added in the follow-up shows on its chart, a score out of range is
 * refused before anything is saved, and a failed save keeps the visit in
 * memory until it is saved to another library
 *
 * Each test seeds a library of its own, in a temporary folder, with
 * fictional cases through the core API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "ramus-case-item.h"
#include "ramus-cohort-view.h"
#include "ramus-followup-view.h"
#include "ramus-library-error.h"
#include "ramus-library-view.h"

/* ---- helpers ---- */

typedef struct
{
  char *dir;
  char *path;
  RamusStore *store;
  GtkWidget *window;
} Fixture;

/* How long to wait for something to show: generous, for the valgrind test
 * setup runs many times slower; a passing test never waits this long. */
#define PATIENCE (60 * G_USEC_PER_SEC)

/* Runs the main loop until @done returns TRUE or PATIENCE runs out. */
static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + PATIENCE;

  while (g_get_monotonic_time () < end)
    {
      if (done (data))
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return done (data);
}

/* Lets the window settle: layout, drawing, idles and timeouts already due. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 4;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

static char *
file_hash (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* A fictional case of @template_id, saved. */
static char *
add_case (RamusStore *store,
          const char *template_id,
          const char *pseudonym,
          const char *date,
          const char *vessel)
{
  g_autoptr(RamusCase) kase = ramus_case_new_from_template (template_id);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (kase);
  ramus_case_set_string (&kase->pseudonym, pseudonym);
  ramus_case_set_string (&kase->procedure_date, date);
  if (vessel)
    ramus_case_add_target (kase, vessel, NULL);
  g_assert_true (ramus_store_save_case (store, kase, &error));
  g_assert_no_error (error);
  return g_strdup (kase->id);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ramus-test-library-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "cases.sqlite", NULL);
  f->store = ramus_store_open (f->path, RAMUS_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_free (add_case (f->store, "knee-gae", "KN-0101 Lin", "2026-03-02", "lateral-superior-genicular-artery"));
  g_free (add_case (f->store, "knee-gae", "KN-0102 Wu", "2026-04-15", "medial-inferior-genicular-artery"));
  g_free (add_case (f->store, "shoulder-tame", "SH-0201 Chang", "2026-05-20", NULL));
  g_free (add_case (f->store, "ctace", "LV-0301 Huang", "2026-06-01", NULL));
  g_free (add_case (f->store, "hip-tame", "HP-0401 Tsai", NULL, NULL));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_chmod (child, 0600);
      g_remove (child);
    }
  g_chmod (path, 0700);
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  settle ();
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GtkWidget *
show_in_window (Fixture   *f,
                GtkWidget *widget)
{
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (f->window), widget);
  gtk_window_present (GTK_WINDOW (f->window));
  settle ();
  return widget;
}

static gpointer
child (GtkWidget  *widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (object);
  return object;
}

/* The first descendant of @widget that is a @type and, when @name is
 * given, has that widget name or (for a button) that label. */
static GtkWidget *
find_descendant (GtkWidget  *widget,
                 GType       type,
                 const char *name)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type) &&
          (name == NULL || g_strcmp0 (gtk_widget_get_name (c), name) == 0 ||
           (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), name) == 0)))
        return c;
      if ((found = find_descendant (c, type, name)) != NULL)
        return found;
    }
  return NULL;
}

/* ---- the library view ---- */

static GListModel *
listed (RamusLibraryView *view)
{
  return G_LIST_MODEL (gtk_column_view_get_model (child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW,
                                                         "case_view")));
}

static guint
n_listed (RamusLibraryView *view)
{
  return g_list_model_get_n_items (listed (view));
}

static gboolean
lists_pseudonym (RamusLibraryView *view,
                 const char       *pseudonym)
{
  for (guint i = 0; i < n_listed (view); i++)
    {
      g_autoptr(RamusCaseItem) item = g_list_model_get_item (listed (view), i);

      if (g_strcmp0 (ramus_case_item_get_item (item)->pseudonym, pseudonym) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  RamusLibraryView *view;
  guint n;
} Count;

static gboolean
has_n_listed (gpointer data)
{
  Count *c = data;
  return n_listed (c->view) == c->n;
}

static RamusLibraryView *
open_library_view (Fixture *f)
{
  GtkWidget *view = ramus_library_view_new ();

  ramus_library_view_set_store (RAMUS_LIBRARY_VIEW (view), f->store);
  return RAMUS_LIBRARY_VIEW (show_in_window (f, view));
}

static void
type_search (RamusLibraryView *view,
             const char       *text,
             guint             expect)
{
  GtkEditable *entry = child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW, "search_entry");
  Count c = { view, expect };

  gtk_editable_set_text (entry, text);
  /* The search entry waits for a pause in the typing. */
  g_assert_true (wait_until (has_n_listed, &c));
}

static void
test_library_search_filters (Fixture       *f,
                             gconstpointer  data)
{
  RamusLibraryView *view = open_library_view (f);
  GtkLabel *count = child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW, "count_label");
  GtkStack *list_stack = child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW, "list_stack");
  GtkDropDown *regions = child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW, "region_dropdown");
  GtkStringList *region_names = GTK_STRING_LIST (gtk_drop_down_get_model (regions));
  Count all = { view, 5 };

  g_assert_true (wait_until (has_n_listed, &all));
  g_assert_cmpstr (gtk_label_get_text (count), ==, "5 cases");

  /* By pseudonym, as it is typed. */
  type_search (view, "KN-01", 2);
  g_assert_true (lists_pseudonym (view, "KN-0101 Lin"));
  g_assert_true (lists_pseudonym (view, "KN-0102 Wu"));
  g_assert_cmpstr (gtk_label_get_text (count), ==, "2 of 5 cases");
  type_search (view, "KN-0102", 1);
  g_assert_true (lists_pseudonym (view, "KN-0102 Wu"));

  /* By a target vessel, a region, an indication, a date. */
  type_search (view, "lateral superior genicular", 1);
  g_assert_true (lists_pseudonym (view, "KN-0101 Lin"));
  type_search (view, "shoulder", 1);
  g_assert_true (lists_pseudonym (view, "SH-0201 Chang"));
  type_search (view, "hepatocellular", 1);
  g_assert_true (lists_pseudonym (view, "LV-0301 Huang"));
  type_search (view, "2026-04", 1);
  g_assert_true (lists_pseudonym (view, "KN-0102 Wu"));

  /* Nothing matches: the view says so. */
  type_search (view, "no such patient", 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "no-results");
  type_search (view, "", 5);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");

  /* The region filter. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (region_names)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (region_names, i), "Knee") == 0)
      gtk_drop_down_set_selected (regions, i);
  g_assert_cmpuint (n_listed (view), ==, 2);
  type_search (view, "Wu", 1);
  gtk_widget_activate_action (GTK_WIDGET (view), "library.clear-filters", NULL);
  g_assert_cmpuint (n_listed (view), ==, 5);
}

static void
activated_cb (RamusLibraryView *view,
              const char       *id,
              char            **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static gboolean
shows_undo (gpointer overlay)
{
  return find_descendant (overlay, GTK_TYPE_BUTTON, "_Undo") != NULL;
}

static void
test_library_delete_undo (Fixture       *f,
                          gconstpointer  data)
{
  RamusLibraryView *view = open_library_view (f);
  GtkWidget *overlay = child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW, "toast_overlay");
  g_autofree char *id = NULL;
  g_autoptr(RamusCase) back = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *undo;

  type_search (view, "SH-0201", 1);
  id = g_strdup (ramus_library_view_get_selected_id (view));
  g_assert_nonnull (id);

  gtk_widget_activate_action (GTK_WIDGET (view), "library.delete-case", NULL);
  /* The toast's Undo button, looked for at once: the toast goes away by
   * itself after a while, which may be a single frame under valgrind. */
  g_assert_true (wait_until (shows_undo, overlay));
  undo = g_object_ref (find_descendant (overlay, GTK_TYPE_BUTTON, "_Undo"));
  g_assert_cmpuint (n_listed (view), ==, 0);
  g_assert_null (ramus_store_load_case (f->store, id, &error));
  g_assert_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND);

  /* Pressed, as a person would. */
  g_signal_emit_by_name (undo, "clicked");
  g_object_unref (undo);
  settle ();

  g_assert_cmpuint (n_listed (view), ==, 1);
  g_assert_cmpstr (ramus_library_view_get_selected_id (view), ==, id);
  back = ramus_store_load_case (f->store, id, NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->pseudonym, ==, "SH-0201 Chang");
}

static void
test_library_new_from_template (Fixture       *f,
                                gconstpointer  data)
{
  RamusLibraryView *view = open_library_view (f);
  GMenuModel *templates = child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW, "template_section");
  g_autofree char *activated = NULL;
  g_autoptr(RamusCaseItem) item = NULL;
  GtkSingleSelection *selection;

  /* One entry a procedure template: knee GAE … TAE before cementoplasty. */
  g_assert_cmpint (g_menu_model_get_n_items (templates), ==, ramus_case_get_n_templates ());
  g_assert_cmpuint (ramus_case_get_n_templates (), >=, 9);

  g_signal_connect (view, "case-activated", G_CALLBACK (activated_cb), &activated);
  type_search (view, "KN-0101", 1);
  gtk_widget_activate_action (GTK_WIDGET (view), "library.new-case", "s", "deb-tace");
  settle ();

  /* It is listed (the search was cleared to show it), selected and opened. */
  g_assert_cmpuint (n_listed (view), ==, 6);
  g_assert_nonnull (activated);
  g_assert_cmpstr (ramus_library_view_get_selected_id (view), ==, activated);
  selection = GTK_SINGLE_SELECTION (listed (view));
  item = g_object_ref (gtk_single_selection_get_selected_item (selection));
  g_assert_cmpstr (ramus_case_item_get_item (item)->template_id, ==, "deb-tace");
  g_assert_cmpstr (ramus_case_item_get_item (item)->region, ==, "liver");
  g_assert_cmpuint (ramus_store_get_n_cases (f->store, NULL), ==, 6);
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static GtkWidget *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
file_chooser_shown (gpointer data)
{
  return find_file_chooser () != NULL;
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static gboolean
chooser_has_file (gpointer data)
{
  GtkWidget *chooser = find_file_chooser ();
  g_autoptr(GFile) chosen = chooser ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;

  return chosen != NULL && g_file_equal (chosen, data);
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* Answers the file chooser (GTK's own, with no portal) with @dir/@name.
 * The chooser settles in its first folder in the background, so the
 * choice is made again until it holds. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
choose_file (const char *dir,
             const char *name)
{
  GtkWidget *chooser;
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) file = g_file_get_child (folder, name);
  gint64 end = g_get_monotonic_time () + PATIENCE;
  guint held = 0;

  g_assert_true (wait_until (file_chooser_shown, NULL));
  chooser = find_file_chooser ();
  while (held < 3 && g_get_monotonic_time () < end)
    {
      if (chooser_has_file (file))
        held++;
      else
        {
          held = 0;
          if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE)
            {
              gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
              gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
            }
          else
            gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
        }
      settle ();
    }
  g_assert_true (chooser_has_file (file));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  settle ();
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
close_dialogs (void)
{
  GtkWidget *dialog;

  while ((dialog = find_message_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
}

static void
assert_refused (Fixture    *f,
                const char *path,
                int         code)
{
  RamusLibraryView *view = RAMUS_LIBRARY_VIEW (ramus_library_view_new ());
  GtkStack *stack = child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW, "main_stack");
  AdwStatusPage *page = child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW, "error_page");
  g_autofree char *before = file_hash (path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  show_in_window (f, GTK_WIDGET (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");

  g_assert_false (ramus_library_view_open_library (view, path, RAMUS_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, RAMUS_STORE_ERROR, code);
  settle ();

  /* The error state: why, and the ways on. */
  g_assert_null (ramus_library_view_get_store (view));
  g_assert_nonnull (ramus_library_view_get_error (view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_cmpstr (adw_status_page_get_description (page), ==, error->message);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, ramus_library_error_get_title (error));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (view)));
  g_assert_true (wait_until (dialog_shown, NULL));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, error->message);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), RAMUS_LIBRARY_RESPONSE_OPEN));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), RAMUS_LIBRARY_RESPONSE_CREATE));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), RAMUS_LIBRARY_RESPONSE_QUIT));
  close_dialogs ();

  /* Left byte for byte as it was, with nothing beside it. */
  after = file_hash (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  /* A good library then opens in the same view. */
  g_assert_true (ramus_library_view_open_library (view, f->path, RAMUS_STORE_OPEN_NO_CREATE, NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "cases");
  g_assert_null (ramus_library_view_get_error (view));
  g_assert_cmpuint (n_listed (view), ==, 5);
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
}

static void
test_library_refused_garbage (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "garbage.sqlite", NULL);
  guchar junk[3000];

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guchar) g_random_int ();
  g_assert_true (g_file_set_contents (path, (const char *) junk, sizeof junk, NULL));
  assert_refused (f, path, RAMUS_STORE_ERROR_NOT_LIBRARY);
}

static void
test_library_refused_newer (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "newer.sqlite", NULL);
  g_autoptr(RamusStore) store = ramus_store_open (path, RAMUS_STORE_OPEN_DEFAULT, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = NULL;

  g_assert_nonnull (store);
  g_clear_object (&store);
  /* What a newer Ramus would leave: a schema version beyond this one's. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_refused (f, path, RAMUS_STORE_ERROR_NEWER);
}

static gboolean
has_store (gpointer data)
{
  return ramus_library_view_get_store (data) != NULL;
}

/* From the refused state, the dialog's Create New… and Open Another… lead
 * through the file chooser to a library. */
static void
test_library_refused_then_create (Fixture       *f,
                                  gconstpointer  data)
{
  RamusLibraryView *view = RAMUS_LIBRARY_VIEW (ramus_library_view_new ());
  g_autofree char *path = g_build_filename (f->dir, "garbage.sqlite", NULL);
  g_autofree char *created = g_build_filename (f->dir, "fresh.sqlite", NULL);
  GtkWidget *dialog;

  g_assert_true (g_file_set_contents (path, "garbage", -1, NULL));
  show_in_window (f, GTK_WIDGET (view));
  g_assert_false (ramus_library_view_open_library (view, path, RAMUS_STORE_OPEN_DEFAULT, NULL));
  g_assert_true (wait_until (dialog_shown, NULL));
  dialog = find_message_dialog ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), RAMUS_LIBRARY_RESPONSE_CREATE);
  settle ();

  choose_file (f->dir, "fresh.sqlite");
  g_assert_true (wait_until (has_store, view));
  g_assert_cmpstr (ramus_store_get_path (ramus_library_view_get_store (view)), ==, created);
  g_assert_cmpuint (n_listed (view), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW,
                                                            "list_stack")), ==, "empty");

  /* Open Another Library… from the header's menu, to the seeded one. */
  gtk_widget_activate_action (GTK_WIDGET (view), "library.open-library", NULL);
  choose_file (f->dir, "cases.sqlite");
  g_assert_cmpstr (ramus_store_get_path (ramus_library_view_get_store (view)), ==, f->path);
  g_assert_cmpuint (n_listed (view), ==, 5);
}

/* With a library open, a refused one leaves it open and offers to keep it. */
static void
test_library_refused_keeps_open (Fixture       *f,
                                 gconstpointer  data)
{
  RamusLibraryView *view = open_library_view (f);
  g_autofree char *path = g_build_filename (f->dir, "text.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *dialog;

  g_assert_true (g_file_set_contents (path, "not a library\n", -1, NULL));
  before = file_hash (path);
  g_assert_false (ramus_library_view_open_library (view, path, RAMUS_STORE_OPEN_DEFAULT, NULL));
  g_assert_true (ramus_library_view_get_store (view) == f->store);
  g_assert_true (wait_until (dialog_shown, NULL));
  dialog = find_message_dialog ();
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), RAMUS_LIBRARY_RESPONSE_KEEP));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), RAMUS_LIBRARY_RESPONSE_QUIT));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), RAMUS_LIBRARY_RESPONSE_KEEP);
  settle ();
  close_dialogs ();
  g_assert_cmpuint (n_listed (view), ==, 5);
  after = file_hash (path);
  g_assert_cmpstr (before, ==, after);
}

/* A library opened read-only can be browsed, and says it cannot be changed. */
static void
test_library_read_only (Fixture       *f,
                        gconstpointer  data)
{
  RamusLibraryView *view = RAMUS_LIBRARY_VIEW (ramus_library_view_new ());
  GtkWidget *tag = child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW, "read_only_tag");
  GtkWidget *delete = child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW, "delete_button");
  GtkWidget *open = child (GTK_WIDGET (view), RAMUS_TYPE_LIBRARY_VIEW, "open_button");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_clear_object (&f->store);
  before = file_hash (f->path);
  show_in_window (f, GTK_WIDGET (view));
  g_assert_true (ramus_library_view_open_library (view, f->path, RAMUS_STORE_OPEN_READ_ONLY, NULL));
  settle ();
  g_assert_cmpuint (n_listed (view), ==, 5);
  g_assert_true (gtk_widget_get_visible (tag));
  g_assert_nonnull (ramus_library_view_get_selected_id (view));
  g_assert_true (gtk_widget_is_sensitive (open));
  g_assert_false (gtk_widget_is_sensitive (delete));

  gtk_widget_activate_action (GTK_WIDGET (view), "library.delete-case", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "library.new-case", "s", "knee-gae");
  settle ();
  g_assert_cmpuint (n_listed (view), ==, 5);
  after = file_hash (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* ---- the follow-up view ---- */

static char *
add_followup_case (RamusStore *store)
{
  g_autoptr(RamusCase) kase = ramus_case_new_from_template ("knee-gae");

  ramus_case_set_string (&kase->pseudonym, "KN-0555 Kao");
  ramus_case_set_string (&kase->procedure_date, "2026-12-01");
  kase->baseline.values[RAMUS_SCORE_VAS] = 8;
  kase->baseline.values[RAMUS_SCORE_WOMAC] = 60;
  g_assert_true (ramus_store_save_case (store, kase, NULL));
  return g_strdup (kase->id);
}

static RamusFollowupView *
open_followup_view (Fixture    *f,
                    const char *id)
{
  GtkWidget *view = ramus_followup_view_new ();
  g_autoptr(GError) error = NULL;

  ramus_followup_view_set_store (RAMUS_FOLLOWUP_VIEW (view), f->store);
  g_assert_true (ramus_followup_view_load_case (RAMUS_FOLLOWUP_VIEW (view), id, &error));
  g_assert_no_error (error);
  return RAMUS_FOLLOWUP_VIEW (show_in_window (f, view));
}

static AdwEntryRow *
score_row (RamusFollowupView *view,
           const char        *key)
{
  GtkWidget *list = child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW, "editor_list");
  GtkWidget *row = find_descendant (list, ADW_TYPE_ENTRY_ROW, key);

  g_assert_nonnull (row);
  return ADW_ENTRY_ROW (row);
}

static void
fill_visit (RamusFollowupView *view,
            const char        *date,
            const char        *key,
            const char        *value)
{
  GtkRevealer *editor = child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW, "editor_revealer");

  gtk_widget_activate_action (GTK_WIDGET (view), "followup.add-visit", NULL);
  g_assert_true (gtk_revealer_get_reveal_child (editor));
  gtk_editable_set_text (GTK_EDITABLE (child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW, "date_row")), date);
  gtk_editable_set_text (GTK_EDITABLE (score_row (view, key)), value);
}

static gboolean
save_enabled (RamusFollowupView *view)
{
  return gtk_widget_is_sensitive (child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW, "editor_save_button"));
}

/* The chart as drawn on screen, as an image. */
static GdkTexture *
chart_texture (RamusFollowupView *view)
{
  GtkWidget *area = child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW, "chart_area");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (area);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (area));
  int width = gtk_widget_get_width (area), height = gtk_widget_get_height (area);
  GskRenderNode *node;
  GdkTexture *texture;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  return texture;
}

/* Whether the chart shows a marker (the theme's blue) around (@x, @y). */
static gboolean
marker_at (GdkTexture *texture,
           double      x,
           double      y)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc (width * height * 4);

  gdk_texture_download (texture, pixels, width * 4);
  for (int dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++)
      {
        int px = CLAMP ((int) round (x) + dx, 0, width - 1), py = CLAMP ((int) round (y) + dy, 0, height - 1);
        /* Cairo's ARGB32 in memory order on little-endian: B, G, R, A. */
        const guchar *p = pixels + py * width * 4 + px * 4;
        if (p[0] > p[2] + 60)
          return TRUE;
      }
  return FALSE;
}

static void
test_followup_add_visit_updates_chart (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *id = add_followup_case (f->store);
  RamusFollowupView *view = open_followup_view (f, id);
  GtkListBox *visits = child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW, "visits_list");
  g_autoptr(RamusCase) stored = NULL;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  RamusCohortFrame frame;
  double x, y;

  /* Only the baseline so far (a hollow marker at day 0). */
  g_assert_cmpint (ramus_followup_view_get_score (view), ==, RAMUS_SCORE_VAS);
  before = chart_texture (view);
  g_assert_cmpuint (ramus_followup_view_get_chart_points (view, &frame), ==, 1);
  g_assert_nonnull (gtk_list_box_get_row_at_index (visits, 0));
  g_assert_null (gtk_list_box_get_row_at_index (visits, 1));
  ramus_cohort_frame_to_user (&frame, 35, 4, &x, &y);
  g_assert_false (marker_at (before, x, y));

  /* A visit 35 days after the procedure, VAS 4. */
  fill_visit (view, "2027-01-05", "vas", "4");
  g_assert_true (save_enabled (view));
  gtk_widget_activate_action (GTK_WIDGET (view), "followup.save-edit", NULL);
  settle ();

  stored = ramus_store_load_case (f->store, id, NULL);
  g_assert_cmpuint (stored->followups->len, ==, 1);
  g_assert_cmpstr (g_array_index (stored->followups, RamusFollowup, 0).date, ==, "2027-01-05");
  g_assert_cmpfloat (g_array_index (stored->followups, RamusFollowup, 0).scores.values[RAMUS_SCORE_VAS], ==, 4);
  g_assert_false (ramus_followup_view_get_unsaved (view));
  g_assert_nonnull (gtk_list_box_get_row_at_index (visits, 1));

  /* The chart now has the visit, and a marker where it belongs. */
  after = chart_texture (view);
  g_assert_cmpuint (ramus_followup_view_get_chart_points (view, &frame), ==, 2);
  g_assert_cmpfloat (frame.x_max, >=, 35);
  ramus_cohort_frame_to_user (&frame, 35, 4, &x, &y);
  g_assert_true (marker_at (after, x, y));

  /* Another library, without this case: the view no longer shows it. */
  {
    g_autofree char *path = g_build_filename (f->dir, "other.sqlite", NULL);
    g_autoptr(RamusStore) other = ramus_store_open (path, RAMUS_STORE_OPEN_DEFAULT, NULL);

    ramus_followup_view_set_store (view, other);
    g_assert_null (ramus_followup_view_get_case (view));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW,
                                                              "stack")), ==, "empty");
  }
}

static void
test_followup_out_of_range_refused (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *id = add_followup_case (f->store);
  RamusFollowupView *view = open_followup_view (f, id);
  GtkLabel *message = child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW, "editor_message");
  g_autoptr(RamusCase) stored = NULL;
  AdwEntryRow *womac;

  fill_visit (view, "2027-03-01", "womac", "120");
  womac = score_row (view, "womac");
  g_assert_false (save_enabled (view));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (womac), "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "WOMAC"));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "96"));

  /* Refused even when pressed: nothing saved. */
  gtk_widget_activate_action (GTK_WIDGET (view), "followup.save-edit", NULL);
  settle ();
  stored = ramus_store_load_case (f->store, id, NULL);
  g_assert_cmpuint (stored->followups->len, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (womac), "-3");
  g_assert_false (save_enabled (view));
  gtk_editable_set_text (GTK_EDITABLE (womac), "lots");
  g_assert_false (save_enabled (view));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "not a number"));

  /* A date that is not one. */
  gtk_editable_set_text (GTK_EDITABLE (womac), "40");
  g_assert_true (save_enabled (view));
  gtk_editable_set_text (GTK_EDITABLE (child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW, "date_row")),
                         "2027-02-30");
  g_assert_false (save_enabled (view));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "2027-02-30"));

  gtk_editable_set_text (GTK_EDITABLE (child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW, "date_row")),
                         "2027-03-01");
  g_assert_true (save_enabled (view));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  gtk_widget_activate_action (GTK_WIDGET (view), "followup.save-edit", NULL);
  settle ();
  g_clear_pointer (&stored, ramus_case_free);
  stored = ramus_store_load_case (f->store, id, NULL);
  g_assert_cmpuint (stored->followups->len, ==, 1);
  g_assert_cmpfloat (g_array_index (stored->followups, RamusFollowup, 0).scores.values[RAMUS_SCORE_WOMAC], ==, 40);
}

/* A library that cannot be written: the visit stays in memory, a bar says
 * why, and Save As puts the case with it in another library. */
static void
test_followup_save_failure_keeps_case (Fixture       *f,
                                       gconstpointer  data)
{
  g_autofree char *id = add_followup_case (f->store);
  g_autofree char *other = g_build_filename (f->dir, "elsewhere.sqlite", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(RamusStore) read_only = NULL;
  g_autoptr(RamusCase) stored = NULL;
  g_autoptr(GError) error = NULL;
  RamusFollowupView *view;
  GtkRevealer *bar;
  const RamusCase *shown;

  g_clear_object (&f->store);
  read_only = ramus_store_open (f->path, RAMUS_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  f->store = g_object_ref (read_only);
  before = file_hash (f->path);

  view = open_followup_view (f, id);
  bar = child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW, "save_error_revealer");
  g_assert_false (gtk_revealer_get_reveal_child (bar));

  fill_visit (view, "2027-01-05", "vas", "4");
  gtk_widget_activate_action (GTK_WIDGET (view), "followup.save-edit", NULL);
  settle ();

  g_assert_true (ramus_followup_view_get_unsaved (view));
  g_assert_error (ramus_followup_view_get_save_error (view), RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_READ_ONLY);
  g_assert_true (gtk_revealer_get_reveal_child (bar));
  g_assert_nonnull (strstr (gtk_label_get_text (child (GTK_WIDGET (view), RAMUS_TYPE_FOLLOWUP_VIEW,
                                                         "save_error_label")),
                            ramus_followup_view_get_save_error (view)->message));
  shown = ramus_followup_view_get_case (view);
  g_assert_cmpuint (shown->followups->len, ==, 1);
  g_assert_cmpuint (ramus_followup_view_get_chart_points (view, NULL), ==, 2);
  stored = ramus_store_load_case (f->store, id, NULL);
  g_assert_cmpuint (stored->followups->len, ==, 0);
  after = file_hash (f->path);
  g_assert_cmpstr (before, ==, after);

  /* Save As: the case, with its visit, in another library. */
  g_assert_true (ramus_followup_view_save_to (view, other, &error));
  g_assert_no_error (error);
  g_assert_false (ramus_followup_view_get_unsaved (view));
  g_assert_false (gtk_revealer_get_reveal_child (bar));
  g_assert_cmpstr (ramus_store_get_path (ramus_followup_view_get_store (view)), ==, other);
  g_clear_pointer (&stored, ramus_case_free);
  stored = ramus_store_load_case (ramus_followup_view_get_store (view), id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->followups->len, ==, 1);
  g_assert_cmpstr (g_array_index (stored->followups, RamusFollowup, 0).date, ==, "2027-01-05");
}

static gboolean
is_saved (gpointer data)
{
  return !ramus_followup_view_get_unsaved (data);
}

/* The bar's Save As…: the file chooser, then the case in that library. */
static void
test_followup_save_as_chooser (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = add_followup_case (f->store);
  g_autofree char *rescued = g_build_filename (f->dir, "rescued.sqlite", NULL);
  g_autoptr(RamusCase) stored = NULL;
  RamusFollowupView *view;

  g_clear_object (&f->store);
  f->store = ramus_store_open (f->path, RAMUS_STORE_OPEN_READ_ONLY, NULL);
  view = open_followup_view (f, id);
  fill_visit (view, "2027-01-05", "vas", "4");
  gtk_widget_activate_action (GTK_WIDGET (view), "followup.save-edit", NULL);
  settle ();
  g_assert_true (ramus_followup_view_get_unsaved (view));

  gtk_widget_activate_action (GTK_WIDGET (view), "followup.save-as", NULL);
  choose_file (f->dir, "rescued.sqlite");
  g_assert_true (wait_until (is_saved, view));
  g_assert_cmpstr (ramus_store_get_path (ramus_followup_view_get_store (view)), ==, rescued);
  stored = ramus_store_load_case (ramus_followup_view_get_store (view), id, NULL);
  g_assert_nonnull (stored);
  g_assert_cmpuint (stored->followups->len, ==, 1);
}

/* ---- the cohort view ---- */

static void
test_cohort_counts_visits (Fixture       *f,
                           gconstpointer  data)
{
  RamusCohortView *view = RAMUS_COHORT_VIEW (ramus_cohort_view_new ());
  GtkGrid *table = child (GTK_WIDGET (view), RAMUS_TYPE_COHORT_VIEW, "table_grid");
  const RamusCohort *cohort;

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *id = add_followup_case (f->store);
      g_autoptr(RamusCase) kase = ramus_store_load_case (f->store, id, NULL);
      RamusFollowup *visit = ramus_case_add_followup (kase, "2027-03-02");

      visit->scores.values[RAMUS_SCORE_WOMAC] = 20 + 10 * i;
      g_assert_true (ramus_store_save_case (f->store, kase, NULL));
    }
  ramus_cohort_view_set_store (view, f->store);
  show_in_window (f, GTK_WIDGET (view));
  g_assert_true (ramus_cohort_view_set_region (view, "knee"));
  g_assert_true (ramus_cohort_view_set_template (view, "knee-gae"));
  settle ();

  cohort = ramus_cohort_view_get_cohort (view);
  g_assert_nonnull (cohort);
  g_assert_cmpuint (cohort->n_cases, ==, 3);
  g_assert_cmpuint (cohort->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_BASELINE].n, ==, 3);
  g_assert_cmpuint (cohort->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_3_MONTHS].n, ==, 3);
  g_assert_cmpfloat (cohort->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_3_MONTHS].median, ==, 30);

  /* The table shows the same: WOMAC (third row) at 3 months (fourth column). */
  {
    GtkWidget *cell = gtk_grid_get_child_at (table, 1 + RAMUS_TIMEPOINT_3_MONTHS, 3);
    GtkWidget *median = gtk_widget_get_first_child (cell);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (median)), ==, "30");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (median))), ==, "n = 3");
  }

  /* A change in the library is counted. */
  g_free (add_followup_case (f->store));
  settle ();
  cohort = ramus_cohort_view_get_cohort (view);
  g_assert_cmpuint (cohort->cells[RAMUS_SCORE_WOMAC][RAMUS_TIMEPOINT_BASELINE].n, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/app/library/search-filters", test_library_search_filters);
  ADD ("/app/library/delete-undo", test_library_delete_undo);
  ADD ("/app/library/new-from-template", test_library_new_from_template);
  ADD ("/app/library/refused-garbage", test_library_refused_garbage);
  ADD ("/app/library/refused-newer", test_library_refused_newer);
  ADD ("/app/library/refused-then-create", test_library_refused_then_create);
  ADD ("/app/library/refused-keeps-open", test_library_refused_keeps_open);
  ADD ("/app/library/read-only", test_library_read_only);
  ADD ("/app/followup/add-visit-updates-chart", test_followup_add_visit_updates_chart);
  ADD ("/app/followup/out-of-range-refused", test_followup_out_of_range_refused);
  ADD ("/app/followup/save-failure-keeps-case", test_followup_save_failure_keeps_case);
  ADD ("/app/followup/save-as-chooser", test_followup_save_as_chooser);
  ADD ("/app/cohort/counts-visits", test_cohort_counts_visits);

  return g_test_run ();
}
