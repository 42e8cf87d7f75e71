/* ramus-library-error.h — what the window says when a case library is
 * refused or a save fails, and how the user gets out of it: another
 * library, a new one, or the open case saved elsewhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ramus-store.h"

G_BEGIN_DECLS

/* Responses of ramus_library_error_dialog_new(). */
#define RAMUS_LIBRARY_RESPONSE_OPEN   "open"    /* pick another library file */
#define RAMUS_LIBRARY_RESPONSE_CREATE "create"  /* start a new library */
#define RAMUS_LIBRARY_RESPONSE_QUIT   "quit"    /* no library was open */
#define RAMUS_LIBRARY_RESPONSE_KEEP   "keep"    /* stay with the open library */

const char           *ramus_library_error_get_title        (const GError        *error);
GtkWidget            *ramus_library_error_dialog_new       (GtkWindow           *parent,
                                                            const GError        *error,
                                                            gboolean             has_library);

GtkFileChooserNative *ramus_library_chooser_new            (GtkWindow           *parent,
                                                            GtkFileChooserAction action,
                                                            const char          *title);

RamusStore           *ramus_library_save_case_to           (const char          *path,
                                                            const RamusCase     *kase,
                                                            RamusCase          **saved,
                                                            GError             **error);

void                  ramus_library_error_save_elsewhere        (GtkWindow           *parent,
                                                                 const RamusCase     *kase,
                                                                 const GError        *error,
                                                                 gboolean             ask_first,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
RamusStore           *ramus_library_error_save_elsewhere_finish (GAsyncResult        *result,
                                                                 RamusCase          **saved,
                                                                 GError             **error);

G_END_DECLS
