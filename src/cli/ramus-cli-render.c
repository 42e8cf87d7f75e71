/* ramus-cli-render.c — `ramus render REGION … -o FILE`: PNG, SVG or PDF
 * of a region's roadmap, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cli-render"

#include "config.h"

#include "ramus-cli.h"
#include "ramus-render.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

int
ramus_cli_render_main (int    argc,
                       char **argv)
{
  g_autofree char *side_text = NULL, *theme_text = NULL, *highlight = NULL, *lang_text = NULL;
  g_autofree char *output = NULL, *variant_id = NULL;
  int width = 1600, height = 1000;
  gboolean no_labels = FALSE, territories = FALSE;
  const GOptionEntry entries[] = {
    { "side", 0, 0, G_OPTION_ARG_STRING, &side_text, N_("Patient side: left or right (default right)"), "SIDE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (points for SVG and PDF), default 1600"), "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels (points for SVG and PDF), default 1000"), "H" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_text, N_("light, dark or print (default light)"), "THEME" },
    { "highlight", 0, 0, G_OPTION_ARG_STRING, &highlight, N_("Highlight this vessel (any name, id or abbreviation)"), "VESSEL" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_text, N_("Language of labels: en, zh_TW or zh_CN"), "LANG" },
    { "variant", 0, 0, G_OPTION_ARG_STRING, &variant_id, N_("Anatomical variant, e.g. michels-5"), "ID" },
    { "territories", 0, 0, G_OPTION_ARG_NONE, &territories, N_("Draw the vessels’ territories"), NULL },
    { "no-labels", 0, 0, G_OPTION_ARG_NONE, &no_labels, N_("Leave out the vessel names"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write here; the extension picks PNG, SVG or PDF"), "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("REGION"));
  g_autoptr(RamusScene) scene = NULL;
  g_autoptr(RamusRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lower = NULL;
  const RamusRegion *region;
  const RamusVariant *variant = NULL;
  RamusAtlas *atlas;
  RamusStyle style = { RAMUS_THEME_LIGHT, RAMUS_LAYERS_DEFAULT, RAMUS_LANG_EN };
  RamusOverlay overlay = RAMUS_OVERLAY_INIT;
  RamusViewport vp = { 0 };
  RamusRect bounds;
  int side, status = 0;

  g_option_context_set_summary (context, _("Draw a region’s arterial roadmap to PNG, SVG or PDF, without a display."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ramus_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return ramus_cli_usage_error (context, _("expected one REGION"));
  if (output == NULL)
    return ramus_cli_usage_error (context, _("-o FILE is required"));
  lower = g_ascii_strdown (output, -1);
  if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg") && !g_str_has_suffix (lower, ".pdf"))
    return ramus_cli_usage_error (context, _("the output file must end in .png, .svg or .pdf"));
  if (!ramus_cli_parse_side (side_text, &side))
    return ramus_cli_usage_error (context, _("--side takes left or right, not “%s”"), side_text);
  if (theme_text && !ramus_theme_from_string (theme_text, &style.theme))
    return ramus_cli_usage_error (context, _("--theme takes light, dark or print, not “%s”"), theme_text);
  if (width < 16 || width > 16384 || height < 16 || height > 16384)
    return ramus_cli_fail (_("--width and --height must be between 16 and 16384"));
  if (lang_text && !ramus_lang_from_string (lang_text, &style.lang))
    return ramus_cli_usage_error (context, _("--lang takes en, zh_TW or zh_CN, not “%s”"), lang_text);
  if (!lang_text)
    style.lang = ramus_lang_for_locale ();

  atlas = ramus_cli_atlas ();
  region = ramus_atlas_lookup_region (atlas, argv[1]);
  if (region == NULL)
    return ramus_cli_fail (_("unknown region “%s” (“ramus atlas regions” lists them)"), argv[1]);
  if (variant_id && (variant = ramus_atlas_lookup_variant (atlas, variant_id)) == NULL)
    return ramus_cli_fail (_("unknown variant “%s” (“ramus atlas variants” lists them)"), variant_id);

  scene = ramus_scene_new_for_region (atlas, region->id, variant, &error);
  if (scene == NULL)
    return ramus_cli_fail ("%s", error->message);
  if (highlight)
    {
      const RamusVessel *v = ramus_atlas_lookup (atlas, highlight);
      if (v == NULL)
        return ramus_cli_fail (_("unknown vessel “%s” (“ramus atlas search” finds names)"), highlight);
      overlay.selection = ramus_scene_find_vessel (scene, v);
      if (overlay.selection < 0)
        return ramus_cli_fail (_("“%s” is not drawn in the %s roadmap"), v->names[RAMUS_LANG_EN], region->id);
    }
  if (no_labels)
    style.layers &= ~RAMUS_LAYER_LABELS;
  if (territories)
    style.layers |= RAMUS_LAYER_TERRITORIES;

  ramus_scene_get_bounds (scene, &bounds);
  vp.width = width;
  vp.height = height;
  vp.mirror = side == RAMUS_SIDE_LEFT && !ramus_scene_is_midline (scene);
  vp.mirror_axis = bounds.x + bounds.width / 2;
  ramus_viewport_fit (&vp, &bounds, 16);

  renderer = ramus_renderer_new (scene);
  if (!ramus_renderer_export (renderer, output, &vp, &style, &overlay, &error))
    {
      g_unlink (output);
      return ramus_cli_fail ("%s", error->message);
    }
  return RAMUS_CLI_OK;
}
