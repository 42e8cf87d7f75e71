/* ramus-print.h — printing a case's procedure sheet: a GtkPrintOperation
 * that lays the sheet out for the printer's paper and hard margins, with
 * preview, and remembers the page setup and printer between sessions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ramus-atlas.h"
#include "ramus-case.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_PRINT (ramus_print_get_type ())
G_DECLARE_FINAL_TYPE (RamusPrint, ramus_print, RAMUS, PRINT, GtkPrintOperation)

RamusPrint   *ramus_print_new             (RamusAtlas      *atlas,
                                           const RamusCase *kase,
                                           GSettings       *settings,
                                           GError         **error);
void          ramus_print_run             (RamusPrint              *self,
                                           GtkPrintOperationAction  action,
                                           GtkWindow               *parent);

void          ramus_print_page_setup      (GtkWindow       *parent,
                                           GSettings       *settings);
GtkPageSetup *ramus_print_load_page_setup (GSettings       *settings);

G_END_DECLS
