/* ramus-theme.c — colours for the screen (light, dark) and for print
 *
 * Vessel kinds use the Okabe–Ito palette, chosen to stay distinguishable
 * with the common colour-vision deficiencies; danger vessels are also
 * marked by a dashed centre line so colour is never the only cue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-theme"

#include "ramus-theme.h"

#define RGB(hex, alpha) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, alpha }

static const RamusTheme themes[RAMUS_N_THEMES] = {
  [RAMUS_THEME_LIGHT] = {
    .id = RAMUS_THEME_LIGHT,
    .background = RGB (0xfafafa, 1),
    .vessel = {
      [RAMUS_VESSEL_TRUNK] = RGB (0xd55e00, 1),      /* vermillion */
      [RAMUS_VESSEL_FEEDER] = RGB (0xe69f00, 1),     /* orange */
      [RAMUS_VESSEL_BRANCH] = RGB (0xcc79a7, 1),     /* reddish purple */
      [RAMUS_VESSEL_DANGER] = RGB (0x0072b2, 1),     /* blue */
      [RAMUS_VESSEL_COLLATERAL] = RGB (0x009e73, 1), /* bluish green */
    },
    .vessel_edge = RGB (0x593c2e, 1),     /* 0x3d1a0a at 85 % over the paper */
    .label = RGB (0x1e1e1e, 1),
    .label_halo = RGB (0xfafafa, 0.92),
    .leader = RGB (0x5e5c64, 0.9),
    .hover = RGB (0x1c71d8, 0.55),
    .selection = RGB (0xf0e442, 1),
    .route = RGB (0x1a5fb4, 0.9),
    .target_fill = RGB (0x1a5fb4, 1),
    .target_text = RGB (0xffffff, 1),
    .art = {
      { RGB (0xe8e4dc, 1), RGB (0x8a8578, 1), 0.6, FALSE },    /* bone */
      { RGB (0x000000, 0), RGB (0xa39e92, 1), 0.4, FALSE },    /* bone detail */
      { RGB (0xf1ddd5, 1), RGB (0xa0786a, 1), 0.6, FALSE },    /* organ */
      { RGB (0x000000, 0), RGB (0xa0786a, 1), 0.4, TRUE },     /* segment */
      { RGB (0xe3e7ec, 1), RGB (0x8f99a3, 1), 0.5, FALSE },    /* landmark */
    },
    .art_label = RGB (0x5e5c64, 0.9),
  },
  [RAMUS_THEME_DARK] = {
    .id = RAMUS_THEME_DARK,
    .background = RGB (0x1e1e1e, 1),
    .vessel = {
      [RAMUS_VESSEL_TRUNK] = RGB (0xff7a33, 1),
      [RAMUS_VESSEL_FEEDER] = RGB (0xffc23d, 1),
      [RAMUS_VESSEL_BRANCH] = RGB (0xe19fc3, 1),
      [RAMUS_VESSEL_DANGER] = RGB (0x56b4e9, 1),
      [RAMUS_VESSEL_COLLATERAL] = RGB (0x3fd1a4, 1),
    },
    .vessel_edge = RGB (0x060606, 1),     /* black at 80 % */
    .label = RGB (0xf6f5f4, 1),
    .label_halo = RGB (0x1e1e1e, 0.9),
    .leader = RGB (0xc0bfbc, 0.9),
    .hover = RGB (0x78aeed, 0.6),
    .selection = RGB (0xf0e442, 1),
    .route = RGB (0x99c1f1, 0.9),
    .target_fill = RGB (0x99c1f1, 1),
    .target_text = RGB (0x000000, 1),
    .art = {
      { RGB (0x3a3a3d, 1), RGB (0x8d8a84, 1), 0.6, FALSE },
      { RGB (0x000000, 0), RGB (0x6d6a64, 1), 0.4, FALSE },
      { RGB (0x4a3833, 1), RGB (0xa0786a, 1), 0.6, FALSE },
      { RGB (0x000000, 0), RGB (0xb08d80, 1), 0.4, TRUE },
      { RGB (0x33373c, 1), RGB (0x77808a, 1), 0.5, FALSE },
    },
    .art_label = RGB (0xc0bfbc, 0.9),
  },
  [RAMUS_THEME_PRINT] = {
    .id = RAMUS_THEME_PRINT,
    .background = RGB (0xffffff, 1),
    .vessel = {
      [RAMUS_VESSEL_TRUNK] = RGB (0xb34700, 1),
      [RAMUS_VESSEL_FEEDER] = RGB (0xc98a00, 1),
      [RAMUS_VESSEL_BRANCH] = RGB (0xa8508a, 1),
      [RAMUS_VESSEL_DANGER] = RGB (0x005a8c, 1),
      [RAMUS_VESSEL_COLLATERAL] = RGB (0x007a59, 1),
    },
    .vessel_edge = RGB (0x1a1a1a, 1),     /* black at 90 % */
    .label = RGB (0x000000, 1),
    .label_halo = RGB (0xffffff, 0.95),
    .leader = RGB (0x444444, 1),
    .hover = RGB (0x1c71d8, 0.55),
    .selection = RGB (0xd4c400, 1),
    .route = RGB (0x000000, 0.85),
    .target_fill = RGB (0x000000, 1),
    .target_text = RGB (0xffffff, 1),
    .art = {
      { RGB (0xf2f2f2, 1), RGB (0x555555, 1), 0.5, FALSE },
      { RGB (0x000000, 0), RGB (0x888888, 1), 0.35, FALSE },
      { RGB (0xf7ecec, 1), RGB (0x6b4f47, 1), 0.5, FALSE },
      { RGB (0x000000, 0), RGB (0x6b4f47, 1), 0.35, TRUE },
      { RGB (0xeeeeee, 1), RGB (0x777777, 1), 0.4, FALSE },
    },
    .art_label = RGB (0x444444, 1),
  },
};

const RamusTheme *
ramus_theme_get (RamusThemeId id)
{
  g_return_val_if_fail (id < RAMUS_N_THEMES, &themes[0]);
  return &themes[id];
}

gboolean
ramus_theme_from_string (const char   *name,
                         RamusThemeId *id)
{
  static const char * const names[] = { "light", "dark", "print" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (name && g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *id = i;
        return TRUE;
      }
  return FALSE;
}
