/* ramus-artwork.h — a region's artwork (bones, organs, landmarks) parsed
 * from its SVG into paths that tiles draw directly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ramus-atlas.h"
#include "ramus-viewport.h"

G_BEGIN_DECLS

/* The classes the themes style (docs/drawing-format.md). */
typedef enum
{
  RAMUS_ART_BONE,
  RAMUS_ART_BONE_DETAIL,
  RAMUS_ART_ORGAN,
  RAMUS_ART_SEGMENT,
  RAMUS_ART_LANDMARK,
  RAMUS_N_ART_CLASSES
} RamusArtClass;

typedef struct
{
  RamusArtClass klass;
  cairo_path_t *path;          /* in the drawing's millimetres */
  RamusRect bounds;
  double fill_opacity;         /* the SVG's fill-opacity, 1 when absent */
  gboolean even_odd;           /* fill-rule="evenodd" */
} RamusArtShape;

typedef struct
{
  char *text;                  /* as authored, in English */
  char *zh_tw;                 /* data-zh-tw, or NULL */
  char *zh_cn;                 /* data-zh-cn, or NULL */
  double x, y;                 /* baseline anchor, mm */
  double size;                 /* font size, mm */
  gboolean centred;            /* text-anchor="middle" */
} RamusArtLabel;

typedef struct _RamusArtwork RamusArtwork;

RamusArtwork        *ramus_artwork_parse         (const char *svg,
                                                  gssize      length,
                                                  GError    **error);
void                 ramus_artwork_free          (RamusArtwork *self);
void                 ramus_artwork_get_size      (RamusArtwork *self,
                                                  double       *width,
                                                  double       *height);
guint                ramus_artwork_get_n_shapes  (RamusArtwork *self);
const RamusArtShape *ramus_artwork_get_shape     (RamusArtwork *self,
                                                  guint         index);
guint                ramus_artwork_get_n_labels  (RamusArtwork *self);
const RamusArtLabel *ramus_artwork_get_label     (RamusArtwork *self,
                                                  guint         index);
const char          *ramus_art_label_get_text    (const RamusArtLabel *label,
                                                  RamusLang            lang);
gboolean             ramus_art_label_needs_translation (const RamusArtLabel *label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RamusArtwork, ramus_artwork_free)

G_END_DECLS
