/* ramus-name-style.h — how vessel names are shown: one language, or a
 * preferred language with the English name beneath
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ramus-atlas.h"

G_BEGIN_DECLS

/* A plain value: the language names are shown in, and whether the English
 * name is shown beneath (the "bilingual" setting). */
typedef struct
{
  RamusLang primary;
  gboolean  bilingual;
} RamusNameStyle;

RamusNameStyle  ramus_name_style_from_setting  (const char         *setting);
const char     *ramus_name_style_primary       (RamusNameStyle      style,
                                                const RamusVessel  *vessel);
const char     *ramus_name_style_secondary     (RamusNameStyle      style,
                                                const RamusVessel  *vessel);
const char     *ramus_name_style_pick          (RamusNameStyle      style,
                                                char * const       *texts);
const char     *ramus_name_style_pick_english  (RamusNameStyle      style,
                                                char * const       *texts);
RamusLang       ramus_name_style_ui_lang       (void);

G_END_DECLS
