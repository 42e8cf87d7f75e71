/* ramus-library-view.h — the case library: search, filters, sorting, and
 * new, open, duplicate and delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ramus-store.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_LIBRARY_VIEW (ramus_library_view_get_type ())
G_DECLARE_FINAL_TYPE (RamusLibraryView, ramus_library_view, RAMUS, LIBRARY_VIEW, GtkWidget)

GtkWidget    *ramus_library_view_new             (void);
RamusStore   *ramus_library_view_get_store       (RamusLibraryView    *self);
void          ramus_library_view_set_store       (RamusLibraryView    *self,
                                                  RamusStore          *store);
gboolean      ramus_library_view_open_library    (RamusLibraryView    *self,
                                                  const char          *path,
                                                  RamusStoreOpenFlags  flags,
                                                  GError             **error);
const GError *ramus_library_view_get_error       (RamusLibraryView    *self);
void          ramus_library_view_present_error   (RamusLibraryView    *self);

void          ramus_library_view_refresh         (RamusLibraryView    *self);
const char   *ramus_library_view_get_selected_id (RamusLibraryView    *self);
gboolean      ramus_library_view_select_case     (RamusLibraryView    *self,
                                                  const char          *id);
RamusCase    *ramus_library_view_new_case        (RamusLibraryView    *self,
                                                  const char          *template_id,
                                                  GError             **error);
void          ramus_library_view_focus_search    (RamusLibraryView    *self);
void          ramus_library_view_add_toast       (RamusLibraryView    *self,
                                                  AdwToast            *toast);

G_END_DECLS
