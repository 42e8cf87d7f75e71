/* ramus-labels.h — vessel names placed on the drawing without overlaps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "ramus-scene.h"

G_BEGIN_DECLS

typedef struct
{
  guint vessel;           /* scene vessel index */
  double x, y;            /* top-left of the text box, in pan-independent
                           * "level" pixels (see ramus_labels_place) */
  double width, height;
  double anchor_x;        /* the point on the vessel it names */
  double anchor_y;
  gboolean leader;        /* placed away from the vessel, joined by a line */
} RamusLabel;

typedef struct _RamusLabels RamusLabels;

RamusLabels      *ramus_labels_new         (void);
void              ramus_labels_free        (RamusLabels *self);
void              ramus_labels_place       (RamusLabels         *self,
                                            RamusScene          *scene,
                                            const RamusViewport *vp,
                                            gboolean             inside_view,
                                            RamusLang            lang,
                                            gboolean             show_minor,
                                            gint                 selection);
guint             ramus_labels_get_n       (RamusLabels *self);
const RamusLabel *ramus_labels_get         (RamusLabels *self,
                                            guint        index);
void              ramus_labels_to_screen   (RamusLabels         *self,
                                            const RamusViewport *vp,
                                            double              *dx,
                                            double              *dy);
PangoLayout      *ramus_labels_layout      (RamusLabels *self,
                                            RamusScene  *scene,
                                            guint        vessel,
                                            RamusLang    lang,
                                            gboolean     selected);
gboolean          ramus_labels_any_overlap (RamusLabels *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusLabels, ramus_labels_free)

G_END_DECLS
