/* ramus-render.h — draws a scene onto any cairo surface: the screen's
 * tiles, PNG, SVG, PDF and the printed sheet all go through here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ramus-scene.h"
#include "ramus-theme.h"
#include "ramus-viewport.h"

G_BEGIN_DECLS

typedef enum
{
  RAMUS_LAYER_ARTWORK     = 1 << 0,
  RAMUS_LAYER_TERRITORIES = 1 << 1,
  RAMUS_LAYER_VESSELS     = 1 << 2,
  RAMUS_LAYER_MINOR       = 1 << 3,
  RAMUS_LAYER_LABELS      = 1 << 4,
} RamusLayers;

#define RAMUS_LAYERS_DEFAULT (RAMUS_LAYER_ARTWORK | RAMUS_LAYER_VESSELS | RAMUS_LAYER_MINOR | RAMUS_LAYER_LABELS)
/* The layers baked into cached tiles; the rest are drawn every frame. */
#define RAMUS_LAYERS_STATIC (RAMUS_LAYER_ARTWORK | RAMUS_LAYER_TERRITORIES | RAMUS_LAYER_VESSELS | RAMUS_LAYER_MINOR)

typedef struct
{
  RamusThemeId theme;
  guint layers;                /* RamusLayers */
  RamusLang lang;
} RamusStyle;

typedef struct
{
  gint hover;                  /* scene vessel index, or -1 */
  gint selection;              /* scene vessel index, or -1 */
  const gint *route;           /* scene vessel indices drawn as the route */
  guint n_route;
  const gint *targets;         /* numbered 1…n in this order */
  guint n_targets;
} RamusOverlay;

#define RAMUS_OVERLAY_INIT { -1, -1, NULL, 0, NULL, 0 }

/* A label as placed for one view, in that view's pixels. */
typedef struct
{
  guint vessel;                /* scene vessel index */
  double x, y, width, height;
  double anchor_x, anchor_y;   /* the point on the vessel it names */
  gboolean leader;             /* joined to its vessel by a line */
  gboolean selected;
} RamusPlacedLabel;

#define RAMUS_TYPE_RENDERER (ramus_renderer_get_type ())
G_DECLARE_FINAL_TYPE (RamusRenderer, ramus_renderer, RAMUS, RENDERER, GObject)

RamusRenderer *ramus_renderer_new          (RamusScene *scene);
RamusScene    *ramus_renderer_get_scene    (RamusRenderer *self);
void           ramus_renderer_draw_static  (RamusRenderer       *self,
                                            cairo_t             *cr,
                                            const RamusViewport *vp,
                                            const RamusStyle    *style);
void           ramus_renderer_draw_overlay (RamusRenderer       *self,
                                            cairo_t             *cr,
                                            const RamusViewport *vp,
                                            const RamusStyle    *style,
                                            const RamusOverlay  *overlay);
void           ramus_renderer_draw         (RamusRenderer       *self,
                                            cairo_t             *cr,
                                            const RamusViewport *vp,
                                            const RamusStyle    *style,
                                            const RamusOverlay  *overlay);
gboolean       ramus_renderer_export       (RamusRenderer       *self,
                                            const char          *path,
                                            const RamusViewport *vp,
                                            const RamusStyle    *style,
                                            const RamusOverlay  *overlay,
                                            GError             **error);
GArray        *ramus_renderer_place_labels (RamusRenderer       *self,
                                            const RamusViewport *vp,
                                            const RamusStyle    *style,
                                            gint                 selection);
cairo_surface_t *ramus_renderer_label_image (RamusRenderer          *self,
                                             const RamusPlacedLabel *label,
                                             const RamusStyle       *style,
                                             double                  device_scale);
gboolean       ramus_renderer_labels_overlap (RamusRenderer *self);
guint          ramus_renderer_n_labels     (RamusRenderer *self);

G_END_DECLS
