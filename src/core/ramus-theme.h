/* ramus-theme.h — colours for the screen (light, dark) and for print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ramus-atlas.h"

G_BEGIN_DECLS

typedef enum
{
  RAMUS_THEME_LIGHT,
  RAMUS_THEME_DARK,
  RAMUS_THEME_PRINT,
  RAMUS_N_THEMES
} RamusThemeId;

typedef struct
{
  double r, g, b, a;
} RamusColor;

/* How one artwork class is drawn: alpha 0 means no fill or no stroke. */
typedef struct
{
  RamusColor fill;
  RamusColor stroke;
  double stroke_mm;
  gboolean dashed;
} RamusArtStyle;

typedef struct
{
  RamusThemeId id;
  RamusColor background;
  RamusColor vessel[5];        /* by RamusVesselKind */
  RamusColor vessel_edge;      /* the halo that separates crossing vessels */
  RamusColor label;
  RamusColor label_halo;
  RamusColor leader;
  RamusColor hover;
  RamusColor selection;
  RamusColor route;
  RamusColor target_fill;
  RamusColor target_text;
  RamusArtStyle art[5];        /* by RamusArtClass: bone, bone-detail, organ, segment, landmark */
  RamusColor art_label;
} RamusTheme;

const RamusTheme *ramus_theme_get         (RamusThemeId  id);
gboolean          ramus_theme_from_string (const char   *name,
                                           RamusThemeId *id);

G_END_DECLS
