/* ramus-print.c — printing the procedure sheet
 *
 * The operation runs on the full page (use-full-page) in points, so the
 * sheet is laid out exactly as `ramus sheet` lays out a PDF of the same
 * paper; the printer's hard margins only widen the sheet's own 10 mm
 * margins where a printer needs more. The page is laid out when printing
 * begins, for the paper and orientation chosen in the dialog, and drawing a
 * page replays that layout (ramus-sheet).
 *
 * The page setup and the print settings chosen last are kept in GSettings
 * (`page-setup`, `print-settings`) as GTK serialises them, so A4 or Letter,
 * portrait or landscape and the printer survive a restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-print"

#include "config.h"

#include <glib/gi18n.h>

#include "ramus-print.h"
#include "ramus-sheet.h"

struct _RamusPrint
{
  GtkPrintOperation parent_instance;

  RamusSheet *sheet;
  GSettings *settings;
  GtkPageSetup *laid_out_for;  /* the page setup of the last layout */
  GtkWindow *parent;           /* weak: where errors are shown */
  char *layout_error;          /* why the sheet did not fit the paper */
  gboolean running;            /* holds a reference until done */
};

G_DEFINE_FINAL_TYPE (RamusPrint, ramus_print, GTK_TYPE_PRINT_OPERATION)

static void
show_error (RamusPrint *self,
            const char *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->parent, _("Could Not Print the Procedure Sheet"),
                                                       message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkPrintSettings *
load_print_settings (GSettings *settings)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "print-settings");
  GtkPrintSettings *print_settings = NULL;

  if (g_variant_n_children (value) > 0)
    print_settings = gtk_print_settings_new_from_gvariant (value);
  return print_settings ? print_settings : gtk_print_settings_new ();
}

/**
 * ramus_print_load_page_setup:
 *
 * Returns: (transfer full): the page setup chosen last, or the locale's
 * paper in portrait when none was
 */
GtkPageSetup *
ramus_print_load_page_setup (GSettings *settings)
{
  g_autoptr(GVariant) value = NULL;
  GtkPageSetup *setup = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  value = g_settings_get_value (settings, "page-setup");
  if (g_variant_n_children (value) > 0)
    setup = gtk_page_setup_new_from_gvariant (value);
  return setup ? setup : gtk_page_setup_new ();
}

static void
save_page_setup (GSettings    *settings,
                 GtkPageSetup *setup)
{
  g_settings_set_value (settings, "page-setup", gtk_page_setup_to_gvariant (setup));
}

static void
ramus_print_begin_print (GtkPrintOperation *operation,
                         GtkPrintContext   *context)
{
  RamusPrint *self = RAMUS_PRINT (operation);
  g_autoptr(GError) error = NULL;
  RamusSheetPage page = { 0 };
  double top, bottom, left, right;

  page.width = gtk_print_context_get_width (context);
  page.height = gtk_print_context_get_height (context);
  if (gtk_print_context_get_hard_margins (context, &top, &bottom, &left, &right))
    {
      page.margin_top = top;
      page.margin_bottom = bottom;
      page.margin_left = left;
      page.margin_right = right;
    }
  if (!ramus_sheet_layout (self->sheet, &page, &error))
    {
      g_free (self->layout_error);
      self->layout_error = g_strdup (error->message);
      gtk_print_operation_cancel (operation);
      return;
    }
  gtk_print_operation_set_n_pages (operation, ramus_sheet_get_n_pages (self->sheet));
  g_set_object (&self->laid_out_for, gtk_print_context_get_page_setup (context));
}

static void
ramus_print_draw_page (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_nr)
{
  RamusPrint *self = RAMUS_PRINT (operation);

  if (page_nr >= 0 && (guint) page_nr < ramus_sheet_get_n_pages (self->sheet))
    ramus_sheet_draw_page (self->sheet, gtk_print_context_get_cairo_context (context), page_nr);
}

static void
finish (RamusPrint              *self,
        GtkPrintOperationResult  result,
        const GError            *error)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      GtkPrintSettings *print_settings = gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (self));

      if (print_settings)
        g_settings_set_value (self->settings, "print-settings", gtk_print_settings_to_gvariant (print_settings));
      if (self->laid_out_for)
        save_page_setup (self->settings, self->laid_out_for);
    }
  else if (self->layout_error)
    show_error (self, self->layout_error);
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error)
    show_error (self, error->message);
  g_clear_pointer (&self->layout_error, g_free);
}

static void
ramus_print_done (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result)
{
  RamusPrint *self = RAMUS_PRINT (operation);
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  finish (self, result, error);
  if (self->running)
    {
      self->running = FALSE;
      /* Not from inside the operation's own signal emission. */
      g_idle_add_once ((GSourceOnceFunc) g_object_unref, self);
    }
}

static void
ramus_print_dispose (GObject *object)
{
  RamusPrint *self = RAMUS_PRINT (object);

  g_clear_weak_pointer (&self->parent);
  g_clear_object (&self->laid_out_for);
  g_clear_object (&self->settings);
  g_clear_object (&self->sheet);

  G_OBJECT_CLASS (ramus_print_parent_class)->dispose (object);
}

static void
ramus_print_finalize (GObject *object)
{
  RamusPrint *self = RAMUS_PRINT (object);

  g_free (self->layout_error);

  G_OBJECT_CLASS (ramus_print_parent_class)->finalize (object);
}

static void
ramus_print_class_init (RamusPrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = ramus_print_dispose;
  object_class->finalize = ramus_print_finalize;
  operation_class->begin_print = ramus_print_begin_print;
  operation_class->draw_page = ramus_print_draw_page;
  operation_class->done = ramus_print_done;
}

static void
ramus_print_init (RamusPrint *self)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  /* Paper and orientation are chosen in the print dialog itself. */
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
}

/**
 * ramus_print_new:
 * @atlas: the atlas the case refers to
 * @kase: the case to print; copied
 * @settings: the application's settings: page setup, printer, institution
 *   and operator
 *
 * The sheet is in the language of the interface (its labels are the
 * interface's translations), vessel names beside their English ones.
 *
 * Returns: (transfer full): the operation, or %NULL with @error set when
 * the case cannot be printed (it does not validate)
 */
RamusPrint *
ramus_print_new (RamusAtlas      *atlas,
                 const RamusCase *kase,
                 GSettings       *settings,
                 GError         **error)
{
  g_autoptr(RamusPrint) self = NULL;
  g_autoptr(GtkPrintSettings) print_settings = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autofree char *institution = NULL, *operator_name = NULL, *title = NULL;
  RamusSheetInfo info = { 0 };

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (kase != NULL, NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  institution = g_settings_get_string (settings, "sheet-institution");
  operator_name = g_settings_get_string (settings, "sheet-operator");
  info.institution = institution;
  info.operator_name = operator_name;
  info.lang = ramus_lang_for_locale ();

  self = g_object_new (RAMUS_TYPE_PRINT, NULL);
  self->sheet = ramus_sheet_new (atlas, kase, &info, error);
  if (self->sheet == NULL)
    return NULL;
  self->settings = g_object_ref (settings);

  setup = ramus_print_load_page_setup (settings);
  print_settings = load_print_settings (settings);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (self), print_settings);
  title = g_strdup_printf (_("Procedure sheet – %s"), kase->pseudonym);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), title);
  return g_steal_pointer (&self);
}

/**
 * ramus_print_run:
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG to print,
 *   %GTK_PRINT_OPERATION_ACTION_PREVIEW for the preview
 * @parent: (nullable): the window the dialogs belong to
 *
 * Starts printing; the operation keeps itself alive until it is done, and
 * reports a failure in a dialog.
 */
void
ramus_print_run (RamusPrint              *self,
                 GtkPrintOperationAction  action,
                 GtkWindow               *parent)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  g_return_if_fail (RAMUS_IS_PRINT (self));
  g_return_if_fail (!self->running);

  g_set_weak_pointer (&self->parent, parent);
  self->running = TRUE;
  g_object_ref (self);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self), action, parent, &error);
  if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS && self->running)
    {
      /* Finished (or failed) without emitting ::done. */
      self->running = FALSE;
      finish (self, result, error);
      g_object_unref (self);
    }
}

static void
page_setup_done_cb (GtkPageSetup *setup,
                    gpointer      user_data)
{
  g_autoptr(GSettings) settings = user_data;

  /* NULL when the dialog was cancelled. */
  if (setup)
    save_page_setup (settings, setup);
}

/**
 * ramus_print_page_setup:
 *
 * Shows the page setup dialog (paper size and orientation) and remembers
 * what is chosen for the next sheet.
 */
void
ramus_print_page_setup (GtkWindow *parent,
                        GSettings *settings)
{
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPrintSettings) print_settings = NULL;

  g_return_if_fail (G_IS_SETTINGS (settings));

  setup = ramus_print_load_page_setup (settings);
  print_settings = load_print_settings (settings);
  gtk_print_run_page_setup_dialog_async (parent, setup, print_settings, page_setup_done_cb,
                                         g_object_ref (settings));
}
