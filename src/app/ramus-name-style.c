/* ramus-name-style.c — how vessel names are shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-name-style"

#include "config.h"

#include "ramus-name-style.h"

/* The language of the interface, from the locale: region names and other
 * atlas text that is not a vessel name follow it. */
RamusLang
ramus_name_style_ui_lang (void)
{
  return ramus_lang_for_locale ();
}

/* @setting is the "name-language" key: auto, en, zh_TW, zh_CN or
 * bilingual. "auto" follows the locale. "bilingual" shows a Chinese name
 * with the English beneath it: the locale's Chinese where the locale is
 * Chinese, Traditional Chinese otherwise. */
RamusNameStyle
ramus_name_style_from_setting (const char *setting)
{
  RamusNameStyle style = { ramus_lang_for_locale (), FALSE };
  RamusLang lang;

  if (g_strcmp0 (setting, "bilingual") == 0)
    {
      style.bilingual = TRUE;
      if (style.primary == RAMUS_LANG_EN)
        style.primary = RAMUS_LANG_ZH_TW;
    }
  else if (g_strcmp0 (setting, "auto") != 0 && ramus_lang_from_string (setting, &lang))
    style.primary = lang;

  return style;
}

const char *
ramus_name_style_primary (RamusNameStyle     style,
                          const RamusVessel *vessel)
{
  g_return_val_if_fail (vessel != NULL, NULL);

  return ramus_vessel_get_name (vessel, style.primary);
}

/* The English name shown beneath, or NULL when there is none to show. */
const char *
ramus_name_style_secondary (RamusNameStyle     style,
                            const RamusVessel *vessel)
{
  g_return_val_if_fail (vessel != NULL, NULL);

  if (!style.bilingual || style.primary == RAMUS_LANG_EN)
    return NULL;
  return vessel->names[RAMUS_LANG_EN];
}

/* The text in the preferred language from a trilingual array, falling back
 * to English. */
const char *
ramus_name_style_pick (RamusNameStyle  style,
                       char * const   *texts)
{
  g_return_val_if_fail (texts != NULL, NULL);

  if (texts[style.primary] != NULL && *texts[style.primary] != '\0')
    return texts[style.primary];
  return texts[RAMUS_LANG_EN];
}

/* The English text shown beneath in bilingual mode, or NULL. */
const char *
ramus_name_style_pick_english (RamusNameStyle  style,
                               char * const   *texts)
{
  g_return_val_if_fail (texts != NULL, NULL);

  if (!style.bilingual || style.primary == RAMUS_LANG_EN)
    return NULL;
  if (g_strcmp0 (texts[RAMUS_LANG_EN], ramus_name_style_pick (style, texts)) == 0)
    return NULL;
  return texts[RAMUS_LANG_EN];
}
