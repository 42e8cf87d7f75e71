/* ramus-library-error.c — what the window says when a case library is
 * refused or a save fails
 *
 * A refused library (not a Ramus library, damaged, from a newer Ramus) was
 * left untouched by the store; the dialog shows the store's own message and
 * offers another file, a new library, or to quit (or to stay with the
 * library already open). A failed save (a read-only place, a full disk)
 * leaves the case in memory; "Save As…" puts it in another library, which
 * becomes the open one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-library-error"

#include "config.h"

#include <glib/gi18n.h>

#include "ramus-library-error.h"

/**
 * ramus_library_error_get_title:
 * @error: an error from ramus_store_open()
 *
 * Returns: a short heading for the error, translated
 */
const char *
ramus_library_error_get_title (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == RAMUS_STORE_ERROR)
    switch ((RamusStoreError) error->code)
      {
      case RAMUS_STORE_ERROR_NOT_LIBRARY:
        return _("Not a Case Library");
      case RAMUS_STORE_ERROR_CORRUPT:
        return _("Case Library Damaged");
      case RAMUS_STORE_ERROR_NEWER:
        return _("Case Library From a Newer Ramus");
      case RAMUS_STORE_ERROR_NOT_FOUND:
        return _("Case Library Not Found");
      case RAMUS_STORE_ERROR_READ_ONLY:
        return _("Case Library Cannot Be Updated");
      case RAMUS_STORE_ERROR_FULL:
      case RAMUS_STORE_ERROR_IO:
      case RAMUS_STORE_ERROR_EXISTS:
      case RAMUS_STORE_ERROR_INVALID:
      default:
        break;
      }
  return _("Case Library Cannot Be Opened");
}

/**
 * ramus_library_error_dialog_new:
 * @parent: (nullable): the window
 * @error: why ramus_store_open() refused the file
 * @has_library: whether a library is still open behind the dialog
 *
 * A dialog with the store's message and the ways on: its responses are
 * %RAMUS_LIBRARY_RESPONSE_OPEN, %RAMUS_LIBRARY_RESPONSE_CREATE and either
 * %RAMUS_LIBRARY_RESPONSE_KEEP (@has_library) or
 * %RAMUS_LIBRARY_RESPONSE_QUIT. Closing it with Escape gives "close".
 *
 * Returns: (transfer floating): an #AdwMessageDialog, not yet shown
 */
GtkWidget *
ramus_library_error_dialog_new (GtkWindow    *parent,
                                const GError *error,
                                gboolean      has_library)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, ramus_library_error_get_title (error),
                                                       error->message));
  if (has_library)
    adw_message_dialog_add_response (dialog, RAMUS_LIBRARY_RESPONSE_KEEP, _("_Keep Current Library"));
  else
    adw_message_dialog_add_response (dialog, RAMUS_LIBRARY_RESPONSE_QUIT, _("_Quit"));
  adw_message_dialog_add_responses (dialog,
                                    RAMUS_LIBRARY_RESPONSE_CREATE, _("_Create New…"),
                                    RAMUS_LIBRARY_RESPONSE_OPEN, _("_Open Another…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, RAMUS_LIBRARY_RESPONSE_OPEN,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, RAMUS_LIBRARY_RESPONSE_OPEN);
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  return GTK_WIDGET (dialog);
}

/**
 * ramus_library_chooser_new:
 * @parent: (nullable): the window
 * @action: %GTK_FILE_CHOOSER_ACTION_OPEN for an existing library,
 *   %GTK_FILE_CHOOSER_ACTION_SAVE for a new one
 * @title: the chooser's title
 *
 * Returns: (transfer full): a file chooser for case libraries, not yet shown
 */
GtkFileChooserNative *
ramus_library_chooser_new (GtkWindow            *parent,
                           GtkFileChooserAction  action,
                           const char           *title)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) libraries = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  gboolean save = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  chooser = gtk_file_chooser_native_new (title, parent, action,
                                         save ? _("_Save") : _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (libraries, _("Case Libraries"));
  gtk_file_filter_add_pattern (libraries, "*.sqlite");
  gtk_file_filter_add_pattern (libraries, "*.sqlite3");
  gtk_file_filter_add_pattern (libraries, "*.db");
  gtk_file_filter_add_mime_type (libraries, "application/vnd.sqlite3");
  gtk_file_filter_add_mime_type (libraries, "application/x-sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), libraries);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), libraries);

  if (save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "cases.sqlite");
  return chooser;
}

/**
 * ramus_library_save_case_to:
 * @path: (type filename): a library file; created when it does not exist
 * @kase: the case to save; not changed
 * @saved: (out) (optional) (transfer full): the case as saved (with its
 *   id and times)
 *
 * Saves a copy of @kase in the library at @path. An existing file that is
 * not a Ramus library is refused and left untouched.
 *
 * Returns: (transfer full): the library the case is now in, or NULL
 */
RamusStore *
ramus_library_save_case_to (const char       *path,
                            const RamusCase  *kase,
                            RamusCase       **saved,
                            GError          **error)
{
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(RamusCase) copy = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (kase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = ramus_store_open (path, RAMUS_STORE_OPEN_DEFAULT, error);
  if (store == NULL)
    return NULL;
  copy = ramus_case_copy (kase);
  if (!ramus_store_save_case (store, copy, error))
    return NULL;
  if (saved)
    *saved = g_steal_pointer (&copy);
  return g_steal_pointer (&store);
}

/* ---------------------------------------------------------------------- */
/* Save As… after a failed save                                           */

typedef struct
{
  GtkWindow *parent;
  RamusCase *kase;
  GError *error;             /* why the last save failed */
  RamusCase *saved;
  GtkFileChooserNative *chooser;
} SaveElsewhere;

static void
save_elsewhere_free (SaveElsewhere *data)
{
  g_clear_object (&data->parent);
  g_clear_pointer (&data->kase, ramus_case_free);
  g_clear_error (&data->error);
  g_clear_pointer (&data->saved, ramus_case_free);
  if (data->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data->chooser));
  g_clear_object (&data->chooser);
  g_free (data);
}

static void show_failed (GTask *task);
static void show_chooser (GTask *task);

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GTask           *task)
{
  SaveElsewhere *data = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  RamusStore *store;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The case was kept in memory and not saved."));
      g_object_unref (task);
      return;
    }

  store = ramus_library_save_case_to (path, data->kase, &data->saved, &error);
  if (store == NULL)
    {
      g_clear_error (&data->error);
      data->error = g_steal_pointer (&error);
      show_failed (task);
      g_object_unref (task);
      return;
    }
  g_task_return_pointer (task, store, g_object_unref);
  g_object_unref (task);
}

/* Takes over a reference on @task until the user answers. */
static void
show_chooser (GTask *task)
{
  SaveElsewhere *data = g_task_get_task_data (task);

  /* The previous chooser's response has long been handled. */
  if (data->chooser)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data->chooser));
  g_clear_object (&data->chooser);
  data->chooser = ramus_library_chooser_new (data->parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                             _("Save the Case to Another Library"));
  g_signal_connect (data->chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (data->chooser));
}

static void
failed_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GTask            *task)
{
  if (g_strcmp0 (response, "save-as") == 0)
    show_chooser (task);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The case was kept in memory and not saved."));
  g_object_unref (task);
}

/* Holds a reference on @task until the user answers. */
static void
show_failed (GTask *task)
{
  SaveElsewhere *data = g_task_get_task_data (task);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (data->parent, _("Case Not Saved"), NULL));
  adw_message_dialog_format_body (dialog, "%s\n\n%s", data->error->message,
                                  _("The case is still open and nothing has been lost. "
                                    "Save it to another case library to keep it."));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "save-as", _("_Save As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save-as", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save-as");
  adw_message_dialog_set_close_response (dialog, "keep");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (failed_response_cb), g_object_ref (task));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * ramus_library_error_save_elsewhere:
 * @parent: (nullable): the window
 * @kase: the case that could not be saved; copied
 * @error: why it could not be saved
 *
 * Tells the user that @kase was not saved and that it is still in memory,
 * and offers "Save As…": a file chooser for another (or a new) library, to
 * which a copy of the case is saved. A library that is refused or a save
 * that fails again brings the message back with the new reason. With
 * @ask_first FALSE (the user already chose "Save As…", say in a banner)
 * the file chooser comes first. @callback
 * runs once the case is saved elsewhere, or with %G_IO_ERROR_CANCELLED when
 * the user chose to keep editing.
 */
void
ramus_library_error_save_elsewhere (GtkWindow           *parent,
                                    const RamusCase     *kase,
                                    const GError        *error,
                                    gboolean             ask_first,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveElsewhere *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (kase != NULL);
  g_return_if_fail (error != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ramus_library_error_save_elsewhere);
  data = g_new0 (SaveElsewhere, 1);
  data->parent = parent ? g_object_ref (parent) : NULL;
  data->kase = ramus_case_copy (kase);
  data->error = g_error_copy (error);
  g_task_set_task_data (task, data, (GDestroyNotify) save_elsewhere_free);
  if (ask_first)
    show_failed (task);
  else
    show_chooser (task);
}

/**
 * ramus_library_error_save_elsewhere_finish:
 * @saved: (out) (optional) (transfer full): the case as saved there, with
 *   its id and times
 *
 * Returns: (transfer full): the library the case was saved to, or NULL
 *   with %G_IO_ERROR_CANCELLED when the user kept editing
 */
RamusStore *
ramus_library_error_save_elsewhere_finish (GAsyncResult  *result,
                                           RamusCase    **saved,
                                           GError       **error)
{
  SaveElsewhere *data;
  RamusStore *store;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ramus_library_error_save_elsewhere,
                        NULL);

  store = g_task_propagate_pointer (G_TASK (result), error);
  data = g_task_get_task_data (G_TASK (result));
  if (store != NULL && saved != NULL)
    *saved = g_steal_pointer (&data->saved);
  return store;
}
