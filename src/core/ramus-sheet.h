/* ramus-sheet.h — the procedure sheet: a case laid out onto pages of any
 * size, drawn onto any cairo context (the PDF of `ramus sheet`, the printer)
 *
 * Laying out and drawing are separate steps. ramus_sheet_layout() measures
 * every block for the page it is given and paginates: a block or table row
 * that does not fit moves whole to the next page and a table's header is
 * repeated there, so nothing is ever clipped. The result is a list of boxes
 * (what is where, on which page) that tests and callers can inspect, and
 * ramus_sheet_draw_page() replays one page. Units are PostScript points
 * (1/72 inch) throughout, the unit of PDF and of a GtkPrintContext set to
 * GTK_UNIT_POINTS.
 *
 * Labels are translated with gettext in the process's message language; the
 * language given in RamusSheetInfo picks the vessel names and the fonts. A
 * caller printing in another language switches the message language first
 * (`ramus sheet --lang` does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ramus-atlas.h"
#include "ramus-case.h"
#include "ramus-viewport.h"

G_BEGIN_DECLS

#define RAMUS_SHEET_ERROR (ramus_sheet_error_quark ())
GQuark ramus_sheet_error_quark (void);

typedef enum
{
  RAMUS_SHEET_ERROR_INVALID_CASE,   /* the case does not pass validation */
  RAMUS_SHEET_ERROR_PAGE,           /* a page too small for the sheet */
  RAMUS_SHEET_ERROR_WRITE,          /* the PDF could not be written */
} RamusSheetError;

typedef enum
{
  RAMUS_PAPER_A4,
  RAMUS_PAPER_LETTER,
} RamusPaper;

/* The smallest margin the sheet leaves on any side, even where the printer
 * could print closer to the edge: 10 mm. */
#define RAMUS_SHEET_MIN_MARGIN_PT (10.0 / 25.4 * 72.0)
/* Below this the sheet's columns no longer hold their text: A5 is the
 * smallest paper it is laid out on. */
#define RAMUS_SHEET_MIN_WIDTH_PT 400.0
#define RAMUS_SHEET_MIN_HEIGHT_PT 400.0

typedef struct
{
  double width;                /* the page, in points */
  double height;
  double margin_top;           /* where the sheet may draw, from the page's edges */
  double margin_right;
  double margin_bottom;
  double margin_left;
} RamusSheetPage;

/* What the page says besides the case. Strings may be NULL. */
typedef struct
{
  const char *institution;
  const char *operator_name;
  const char *date;            /* printed as is; NULL: today, ISO 8601 */
  RamusLang lang;              /* vessel names and fonts */
} RamusSheetInfo;

/* The kinds of box the layout places. */
typedef enum
{
  RAMUS_SHEET_BOX_HEADER,      /* institution, operator, date, case: every page */
  RAMUS_SHEET_BOX_FOOTER,      /* page number and the disclaimer: every page */
  RAMUS_SHEET_BOX_TITLE,       /* a section's title */
  RAMUS_SHEET_BOX_PATIENT,     /* patient, indication, baseline, allergies, labs */
  RAMUS_SHEET_BOX_FIGURE,      /* the region's drawing with route and targets */
  RAMUS_SHEET_BOX_PLAN,        /* a paragraph of access, devices or doses */
  RAMUS_SHEET_BOX_TABLE_HEADER,
  RAMUS_SHEET_BOX_TARGET,      /* one row of the target table */
  RAMUS_SHEET_BOX_WARNING,
  RAMUS_SHEET_BOX_CHECKLIST,   /* pre-procedure checklist and the by-hand record */
  RAMUS_SHEET_BOX_SCORES,      /* post-procedure and follow-up score boxes */
  RAMUS_SHEET_BOX_NOTE,        /* a line of the case's notes */
  RAMUS_SHEET_BOX_SOURCE,      /* one cited reference */
} RamusSheetBoxKind;

typedef struct
{
  RamusSheetBoxKind kind;
  guint page;                  /* from 0 */
  RamusRect rect;              /* on the page, in points */
  gint target;                 /* TARGET rows: index into the case's targets; else -1 */
  gboolean repeated;           /* a table header repeated on a following page */
} RamusSheetBox;

#define RAMUS_TYPE_SHEET (ramus_sheet_get_type ())
G_DECLARE_FINAL_TYPE (RamusSheet, ramus_sheet, RAMUS, SHEET, GObject)

RamusSheet          *ramus_sheet_new            (RamusAtlas           *atlas,
                                                 const RamusCase      *kase,
                                                 const RamusSheetInfo *info,
                                                 GError              **error);
gboolean             ramus_sheet_layout         (RamusSheet           *self,
                                                 const RamusSheetPage *page,
                                                 GError              **error);
guint                ramus_sheet_get_n_pages    (RamusSheet           *self);
void                 ramus_sheet_draw_page      (RamusSheet           *self,
                                                 cairo_t              *cr,
                                                 guint                 page);
guint                ramus_sheet_get_n_boxes    (RamusSheet           *self);
const RamusSheetBox *ramus_sheet_get_box        (RamusSheet           *self,
                                                 guint                 index);
gboolean             ramus_sheet_write_pdf      (RamusSheet           *self,
                                                 const char           *path,
                                                 GError              **error);

void                 ramus_sheet_page_init      (RamusSheetPage       *page,
                                                 RamusPaper            paper,
                                                 gboolean              landscape);
gboolean             ramus_paper_from_string    (const char           *text,
                                                 RamusPaper           *paper);
const char          *ramus_paper_to_string      (RamusPaper            paper);

G_END_DECLS
