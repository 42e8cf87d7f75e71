/* test-print.c — printing the procedure sheet through GtkPrintOperation:
 * the sheet is laid out for the operation's paper, exported pages are the
 * sheet's, and the page setup is remembered in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ramus-application.h"
#include "ramus-print.h"
#include "ramus-sheet.h"

static RamusAtlas *
get_atlas (void)
{
  g_autoptr(GError) error = NULL;
  RamusAtlas *atlas = ramus_atlas_get_default (&error);

  g_assert_no_error (error);
  return atlas;
}

static RamusCase *
load_case (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  RamusCase *kase = ramus_case_load (path, &error);

  g_assert_no_error (error);
  return kase;
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  *(GtkPrintOperationResult *) user_data = result;
}

/* Exports the sheet through the operation, as printing to a file does. */
static GtkPrintOperationResult
export (RamusPrint *print,
        const char *path)
{
  GtkPrintOperationResult result = GTK_PRINT_OPERATION_RESULT_IN_PROGRESS;
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (print), path);
  g_signal_connect (print, "done", G_CALLBACK (done_cb), &result);
  ramus_print_run (print, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL);
  while (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return result;
}

static char *
pdfinfo (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_print_refuses_invalid_case (void)
{
  g_autoptr(GSettings) settings = g_settings_new (RAMUS_SETTINGS_SCHEMA_ID);
  g_autoptr(RamusCase) kase = load_case ("sheet-knee.json");
  g_autoptr(GError) error = NULL;
  RamusPrint *print;

  kase->patient.height_cm = 20;
  print = ramus_print_new (get_atlas (), kase, settings, &error);
  g_assert_null (print);
  g_assert_error (error, RAMUS_SHEET_ERROR, RAMUS_SHEET_ERROR_INVALID_CASE);
}

/* The remembered page setup (A4 landscape) is what the pages are laid out
 * for, and printing remembers the page setup it used. */
static void
test_print_exports_remembered_paper (void)
{
  g_autoptr(GSettings) settings = g_settings_new (RAMUS_SETTINGS_SCHEMA_ID);
  g_autoptr(RamusCase) kase = load_case ("sheet-12-targets.json");
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GtkPageSetup) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusSheet) sheet = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ramus-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *info = NULL, *pages = NULL;
  RamusSheetInfo sheet_info = { NULL, NULL, NULL, ramus_lang_for_locale () };
  RamusSheetPage page;
  RamusPrint *print;

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  g_settings_set_value (settings, "page-setup", gtk_page_setup_to_gvariant (setup));
  g_settings_reset (settings, "print-settings");

  loaded = ramus_print_load_page_setup (settings);
  g_assert_cmpint (gtk_page_setup_get_orientation (loaded), ==, GTK_PAGE_ORIENTATION_LANDSCAPE);
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (loaded)), ==, GTK_PAPER_NAME_A4);

  print = ramus_print_new (get_atlas (), kase, settings, &error);
  g_assert_no_error (error);
  /* Forgotten meanwhile: printing must store it again. */
  g_settings_reset (settings, "page-setup");
  g_assert_cmpint (export (print, path), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_object_unref (print);

  /* The same pages as the sheet laid out directly on A4 landscape. */
  sheet = ramus_sheet_new (get_atlas (), kase, &sheet_info, &error);
  g_assert_no_error (error);
  ramus_sheet_page_init (&page, RAMUS_PAPER_A4, TRUE);
  g_assert_true (ramus_sheet_layout (sheet, &page, NULL));
  info = pdfinfo (path);
  pages = g_strdup_printf ("Pages:           %u\n", ramus_sheet_get_n_pages (sheet));
  g_assert_nonnull (strstr (info, pages));
  g_assert_nonnull (strstr (info, "841.89 x 595.276 pts (A4)"));

  /* Remembered for the next session. */
  g_object_unref (loaded);
  loaded = ramus_print_load_page_setup (settings);
  g_assert_cmpint (gtk_page_setup_get_orientation (loaded), ==, GTK_PAGE_ORIENTATION_LANDSCAPE);
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (loaded)), ==, GTK_PAPER_NAME_A4);

  g_unlink (path);
  g_rmdir (dir);
  g_settings_reset (settings, "page-setup");
  g_settings_reset (settings, "print-settings");
}

/* With nothing remembered: the locale's paper, portrait; Letter works too. */
static void
test_print_letter_portrait (void)
{
  g_autoptr(GSettings) settings = g_settings_new (RAMUS_SETTINGS_SCHEMA_ID);
  g_autoptr(RamusCase) kase = load_case ("sheet-knee.json");
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) letter = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ramus-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *info = NULL;
  RamusPrint *print;

  g_settings_reset (settings, "page-setup");
  setup = ramus_print_load_page_setup (settings);
  g_assert_cmpint (gtk_page_setup_get_orientation (setup), ==, GTK_PAGE_ORIENTATION_PORTRAIT);

  g_settings_set_string (settings, "sheet-institution", "Test Hospital");
  gtk_page_setup_set_paper_size (setup, letter);
  g_settings_set_value (settings, "page-setup", gtk_page_setup_to_gvariant (setup));
  print = ramus_print_new (get_atlas (), kase, settings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (export (print, path), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_object_unref (print);
  info = pdfinfo (path);
  g_assert_nonnull (strstr (info, "612 x 792 pts (letter)"));

  g_unlink (path);
  g_rmdir (dir);
  g_settings_reset (settings, "page-setup");
  g_settings_reset (settings, "print-settings");
  g_settings_reset (settings, "sheet-institution");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/print/refuses-invalid-case", test_print_refuses_invalid_case);
  g_test_add_func ("/app/print/exports-remembered-paper", test_print_exports_remembered_paper);
  g_test_add_func ("/app/print/letter-portrait", test_print_letter_portrait);

  return g_test_run ();
}
