/* ramus-atlas-view.h — the interactive roadmap: pan, zoom, hover, select
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ramus-render.h"

G_BEGIN_DECLS

#define RAMUS_TYPE_ATLAS_VIEW (ramus_atlas_view_get_type ())
G_DECLARE_FINAL_TYPE (RamusAtlasView, ramus_atlas_view, RAMUS, ATLAS_VIEW, GtkWidget)

GtkWidget         *ramus_atlas_view_new            (void);
void               ramus_atlas_view_set_scene      (RamusAtlasView *self,
                                                    RamusScene     *scene);
RamusScene        *ramus_atlas_view_get_scene      (RamusAtlasView *self);
void               ramus_atlas_view_set_side       (RamusAtlasView *self,
                                                    RamusSide       side);
void               ramus_atlas_view_set_lang       (RamusAtlasView *self,
                                                    RamusLang       lang);
void               ramus_atlas_view_set_layers     (RamusAtlasView *self,
                                                    guint           layers);
guint              ramus_atlas_view_get_layers     (RamusAtlasView *self);
void               ramus_atlas_view_set_dark       (RamusAtlasView *self,
                                                    gboolean        dark);
void               ramus_atlas_view_select         (RamusAtlasView    *self,
                                                    const RamusVessel *vessel,
                                                    gboolean           centre);
const RamusVessel *ramus_atlas_view_get_selected   (RamusAtlasView *self);
const RamusVessel *ramus_atlas_view_get_hovered    (RamusAtlasView *self);
void               ramus_atlas_view_set_route      (RamusAtlasView     *self,
                                                    const RamusVessel **route,
                                                    guint               n_route,
                                                    const RamusVessel **targets,
                                                    guint               n_targets);
void               ramus_atlas_view_zoom_fit       (RamusAtlasView *self);
void               ramus_atlas_view_zoom_by        (RamusAtlasView *self,
                                                    double          factor);
const RamusViewport *ramus_atlas_view_get_viewport (RamusAtlasView *self);
const RamusVessel *ramus_atlas_view_vessel_at      (RamusAtlasView *self,
                                                    double          x,
                                                    double          y);
gboolean           ramus_atlas_view_vessel_point   (RamusAtlasView    *self,
                                                    const RamusVessel *vessel,
                                                    double            *x,
                                                    double            *y);
void               ramus_atlas_view_run_frame_timing (RamusAtlasView *self,
                                                      guint           n_frames);

G_END_DECLS
