/* ramus-artwork.c — a region's artwork parsed from its SVG into paths
 *
 * The artwork is ours and plain (docs/drawing-format.md): paths of absolute
 * and relative M, L, H, V, C, S, Q, Z commands, ellipses, circles,
 * rectangles, polygons and text labels, styled by class. Parsed once into
 * cairo paths with their bounds, it draws into a tile in a fraction of the
 * time a general SVG renderer needs, touching only the shapes the tile
 * shows; its text labels are drawn upright even on a mirrored view. Anything
 * outside that subset is refused with its line, so the build catches it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-artwork"

#include "ramus-artwork.h"

#include <math.h>
#include <string.h>

struct _RamusArtwork
{
  double width;
  double height;
  GArray *shapes;              /* RamusArtShape */
  GArray *labels;              /* RamusArtLabel */
};

typedef struct
{
  RamusArtwork *artwork;
  cairo_t *cr;                 /* a scratch context to build paths in */
  gboolean in_label;
  RamusArtLabel label;
  GString *text;
  gint depth;
} Parser;

static const char * const class_names[RAMUS_N_ART_CLASSES] = {
  "bone", "bone-detail", "organ", "segment", "landmark"
};

static void
shape_clear (RamusArtShape *shape)
{
  cairo_path_destroy (shape->path);
}

static void
label_clear (RamusArtLabel *label)
{
  g_free (label->text);
  g_free (label->zh_tw);
  g_free (label->zh_cn);
}

void
ramus_artwork_free (RamusArtwork *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->shapes);
  g_array_unref (self->labels);
  g_free (self);
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (guint i = 0; names[i]; i++)
    if (g_str_equal (names[i], name))
      return values[i];
  return NULL;
}

static gboolean
number_attribute (const char **names,
                  const char **values,
                  const char  *name,
                  double      *out,
                  GError     **error)
{
  const char *text = attribute (names, values, name);
  char *end;

  if (text == NULL)
    {
      *out = 0;
      return TRUE;
    }
  *out = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (*out))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "attribute %s=\"%s\" is not a number (units are not allowed: the drawing is in mm)",
                   name, text);
      return FALSE;
    }
  return TRUE;
}

/* A path's "d": reads numbers and commands, relative or absolute. */
typedef struct
{
  const char *p;
} Scanner;

static void
skip_separators (Scanner *s)
{
  while (*s->p && (g_ascii_isspace (*s->p) || *s->p == ','))
    s->p++;
}

static gboolean
read_number (Scanner *s,
             double  *out)
{
  char *end;

  skip_separators (s);
  *out = g_ascii_strtod (s->p, &end);
  if (end == s->p)
    return FALSE;
  s->p = end;
  return TRUE;
}

static gboolean
build_path (cairo_t     *cr,
            const char  *d,
            GError     **error)
{
  Scanner s = { d };
  char command = 0;
  double cx = 0, cy = 0;          /* current point */
  double sx = 0, sy = 0;          /* sub-path start */
  double qx = 0, qy = 0;          /* last control point, for S and T */
  char last = 0;

  cairo_new_path (cr);
  for (;;)
    {
      double v[6];
      gboolean relative;
      guint n = 0;

      skip_separators (&s);
      if (*s.p == '\0')
        break;
      if (g_ascii_isalpha (*s.p))
        command = *s.p++;
      else if (command == 0)
        goto bad;
      relative = g_ascii_islower (command);

      switch (g_ascii_toupper (command))
        {
        case 'Z':
          cairo_close_path (cr);
          cx = sx;
          cy = sy;
          last = 'Z';
          command = 0;    /* a number may not follow Z */
          continue;
        case 'M': case 'L': case 'T':
          n = 2;
          break;
        case 'H': case 'V':
          n = 1;
          break;
        case 'C':
          n = 6;
          break;
        case 'S': case 'Q':
          n = 4;
          break;
        default:
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "path command '%c' is not supported (use M, L, H, V, C, S, Q, T, Z)", command);
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        if (!read_number (&s, &v[i]))
          goto bad;

      switch (g_ascii_toupper (command))
        {
        case 'M':
          if (relative)
            v[0] += cx, v[1] += cy;
          cairo_move_to (cr, v[0], v[1]);
          cx = sx = v[0];
          cy = sy = v[1];
          /* Further pairs are line-tos. */
          command = relative ? 'l' : 'L';
          break;
        case 'L':
          if (relative)
            v[0] += cx, v[1] += cy;
          cairo_line_to (cr, v[0], v[1]);
          cx = v[0];
          cy = v[1];
          break;
        case 'H':
          cx = relative ? cx + v[0] : v[0];
          cairo_line_to (cr, cx, cy);
          break;
        case 'V':
          cy = relative ? cy + v[0] : v[0];
          cairo_line_to (cr, cx, cy);
          break;
        case 'C':
          if (relative)
            for (guint i = 0; i < 6; i += 2)
              v[i] += cx, v[i + 1] += cy;
          cairo_curve_to (cr, v[0], v[1], v[2], v[3], v[4], v[5]);
          qx = v[2];
          qy = v[3];
          cx = v[4];
          cy = v[5];
          break;
        case 'S':
          {
            double x1 = (last == 'C' || last == 'S') ? 2 * cx - qx : cx;
            double y1 = (last == 'C' || last == 'S') ? 2 * cy - qy : cy;
            if (relative)
              for (guint i = 0; i < 4; i += 2)
                v[i] += cx, v[i + 1] += cy;
            cairo_curve_to (cr, x1, y1, v[0], v[1], v[2], v[3]);
            qx = v[0];
            qy = v[1];
            cx = v[2];
            cy = v[3];
          }
          break;
        case 'Q':
        case 'T':
          {
            double x1, y1, x, y;
            if (g_ascii_toupper (command) == 'Q')
              {
                if (relative)
                  for (guint i = 0; i < 4; i += 2)
                    v[i] += cx, v[i + 1] += cy;
                x1 = v[0], y1 = v[1], x = v[2], y = v[3];
              }
            else
              {
                x1 = (last == 'Q' || last == 'T') ? 2 * cx - qx : cx;
                y1 = (last == 'Q' || last == 'T') ? 2 * cy - qy : cy;
                x = relative ? cx + v[0] : v[0];
                y = relative ? cy + v[1] : v[1];
              }
            /* A quadratic as a cubic. */
            cairo_curve_to (cr, cx + 2.0 / 3 * (x1 - cx), cy + 2.0 / 3 * (y1 - cy),
                            x + 2.0 / 3 * (x1 - x), y + 2.0 / 3 * (y1 - y), x, y);
            qx = x1;
            qy = y1;
            cx = x;
            cy = y;
          }
          break;
        default:
          g_assert_not_reached ();
        }
      last = g_ascii_toupper (command) == 'L' && last == 'M' ? 'L' : g_ascii_toupper (command);
    }
  return TRUE;

bad:
  g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
               "malformed path data near “%.20s”", s.p);
  return FALSE;
}

static void
add_shape (Parser       *parser,
           RamusArtClass klass,
           double        fill_opacity,
           gboolean      even_odd)
{
  RamusArtShape shape = { klass, NULL, { 0 }, fill_opacity, even_odd };
  double x0, y0, x1, y1;

  cairo_path_extents (parser->cr, &x0, &y0, &x1, &y1);
  shape.bounds = (RamusRect) { x0, y0, x1 - x0, y1 - y0 };
  shape.path = cairo_copy_path (parser->cr);
  cairo_new_path (parser->cr);
  g_array_append_val (parser->artwork->shapes, shape);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  Parser *parser = user_data;
  const char *class_name = attribute (names, values, "class");
  const char *opacity = attribute (names, values, "fill-opacity");
  const char *rule = attribute (names, values, "fill-rule");
  gint klass = -1;
  double fill_opacity = opacity ? g_ascii_strtod (opacity, NULL) : 1.0;
  gboolean even_odd = rule && g_str_equal (rule, "evenodd");

  parser->depth++;
  if (g_str_equal (element, "svg"))
    {
      const char *box = attribute (names, values, "viewBox");
      g_auto(GStrv) parts = box ? g_strsplit_set (box, " ,", -1) : NULL;
      if (parser->depth != 1 || parts == NULL || g_strv_length (parts) != 4)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       "the <svg> root needs viewBox=\"0 0 WIDTH HEIGHT\"");
          return;
        }
      parser->artwork->width = g_ascii_strtod (parts[2], NULL);
      parser->artwork->height = g_ascii_strtod (parts[3], NULL);
      return;
    }
  if (parser->depth == 1)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "the root element must be <svg>");
      return;
    }
  if (g_str_equal (element, "title") || g_str_equal (element, "desc") || g_str_equal (element, "g"))
    {
      if (g_str_equal (element, "g") && attribute (names, values, "transform"))
        g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                     "transform is not supported: give coordinates in the drawing's millimetres");
      return;
    }
  if (attribute (names, values, "transform"))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "transform is not supported: give coordinates in the drawing's millimetres");
      return;
    }

  if (g_str_equal (element, "text"))
    {
      double x, y, size;
      const char *anchor = attribute (names, values, "text-anchor");
      if (!number_attribute (names, values, "x", &x, error) ||
          !number_attribute (names, values, "y", &y, error) ||
          !number_attribute (names, values, "font-size", &size, error))
        return;
      parser->in_label = TRUE;
      parser->label = (RamusArtLabel) { NULL, NULL, NULL, x, y, size > 0 ? size : 4,
                                        anchor && g_str_equal (anchor, "middle") };
      /* The label in the other languages, beside the English text. */
      parser->label.zh_tw = g_strdup (attribute (names, values, "data-zh-tw"));
      parser->label.zh_cn = g_strdup (attribute (names, values, "data-zh-cn"));
      g_string_truncate (parser->text, 0);
      return;
    }
  if (g_str_equal (element, "tspan"))
    return;

  for (guint i = 0; class_name && i < RAMUS_N_ART_CLASSES; i++)
    if (g_str_equal (class_name, class_names[i]))
      klass = i;
  if (klass < 0)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "<%s> needs class=\"bone|bone-detail|organ|segment|landmark\" (got “%s”)",
                   element, class_name ? class_name : "");
      return;
    }

  cairo_new_path (parser->cr);
  if (g_str_equal (element, "path"))
    {
      const char *d = attribute (names, values, "d");
      if (d == NULL || !build_path (parser->cr, d, error))
        {
          if (d == NULL)
            g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "<path> without d");
          return;
        }
    }
  else if (g_str_equal (element, "ellipse") || g_str_equal (element, "circle"))
    {
      double cx, cy, rx, ry;
      if (!number_attribute (names, values, "cx", &cx, error) ||
          !number_attribute (names, values, "cy", &cy, error))
        return;
      if (g_str_equal (element, "circle"))
        {
          if (!number_attribute (names, values, "r", &rx, error))
            return;
          ry = rx;
        }
      else if (!number_attribute (names, values, "rx", &rx, error) ||
               !number_attribute (names, values, "ry", &ry, error))
        return;
      if (rx <= 0 || ry <= 0)
        return;
      cairo_save (parser->cr);
      cairo_translate (parser->cr, cx, cy);
      cairo_scale (parser->cr, rx, ry);
      cairo_arc (parser->cr, 0, 0, 1, 0, 2 * G_PI);
      cairo_close_path (parser->cr);
      cairo_restore (parser->cr);
    }
  else if (g_str_equal (element, "rect"))
    {
      double x, y, w, h;
      if (!number_attribute (names, values, "x", &x, error) || !number_attribute (names, values, "y", &y, error) ||
          !number_attribute (names, values, "width", &w, error) ||
          !number_attribute (names, values, "height", &h, error))
        return;
      cairo_rectangle (parser->cr, x, y, w, h);
    }
  else if (g_str_equal (element, "line"))
    {
      double x1, y1, x2, y2;
      if (!number_attribute (names, values, "x1", &x1, error) || !number_attribute (names, values, "y1", &y1, error) ||
          !number_attribute (names, values, "x2", &x2, error) || !number_attribute (names, values, "y2", &y2, error))
        return;
      cairo_move_to (parser->cr, x1, y1);
      cairo_line_to (parser->cr, x2, y2);
    }
  else if (g_str_equal (element, "polyline") || g_str_equal (element, "polygon"))
    {
      const char *points = attribute (names, values, "points");
      Scanner s = { points ? points : "" };
      double x, y;
      gboolean first = TRUE;
      while (read_number (&s, &x) && read_number (&s, &y))
        {
          if (first)
            cairo_move_to (parser->cr, x, y);
          else
            cairo_line_to (parser->cr, x, y);
          first = FALSE;
        }
      if (g_str_equal (element, "polygon"))
        cairo_close_path (parser->cr);
    }
  else
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_UNKNOWN_ELEMENT,
                   "<%s> is not supported in artwork (use path, ellipse, circle, rect, line, polyline, polygon, text)",
                   element);
      return;
    }
  add_shape (parser, klass, CLAMP (fill_opacity, 0, 1), even_odd);
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  Parser *parser = user_data;

  parser->depth--;
  if (g_str_equal (element, "text") && parser->in_label)
    {
      parser->in_label = FALSE;
      parser->label.text = g_strdup (g_strstrip (parser->text->str));
      if (*parser->label.text)
        g_array_append_val (parser->artwork->labels, parser->label);
      else
        label_clear (&parser->label);
    }
}

static void
text (GMarkupParseContext  *context,
      const char           *text,
      gsize                 length,
      gpointer              user_data,
      GError              **error)
{
  Parser *parser = user_data;
  if (parser->in_label)
    g_string_append_len (parser->text, text, length);
}

/* Errors say where: "line N: …". */
RamusArtwork *
ramus_artwork_parse (const char *svg,
                     gssize      length,
                     GError    **error)
{
  GMarkupParser callbacks = { start_element, end_element, text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_ALPHA, NULL);
  Parser parser = { 0 };
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (svg != NULL, NULL);

  parser.artwork = g_new0 (RamusArtwork, 1);
  parser.artwork->shapes = g_array_new (FALSE, FALSE, sizeof (RamusArtShape));
  g_array_set_clear_func (parser.artwork->shapes, (GDestroyNotify) shape_clear);
  parser.artwork->labels = g_array_new (FALSE, FALSE, sizeof (RamusArtLabel));
  g_array_set_clear_func (parser.artwork->labels, (GDestroyNotify) label_clear);
  parser.cr = cairo_create (scratch);
  parser.text = g_string_new (NULL);

  context = g_markup_parse_context_new (&callbacks, G_MARKUP_PREFIX_ERROR_POSITION, &parser, NULL);
  if (!g_markup_parse_context_parse (context, svg, length, &local) ||
      !g_markup_parse_context_end_parse (context, &local))
    {
      gint line = 0, column = 0;
      g_markup_parse_context_get_position (context, &line, &column);
      if (!g_str_has_prefix (local->message, "Error on line"))
        g_prefix_error (&local, "line %d: ", line);
      g_propagate_error (error, g_steal_pointer (&local));
      g_clear_pointer (&parser.artwork, ramus_artwork_free);
    }
  else if (parser.artwork->width <= 0 || parser.artwork->height <= 0)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "no <svg viewBox> with a size");
      g_clear_pointer (&parser.artwork, ramus_artwork_free);
    }

  /* A parse that stopped inside a <text> leaves its label unowned. */
  if (parser.in_label)
    label_clear (&parser.label);
  cairo_destroy (parser.cr);
  cairo_surface_destroy (scratch);
  g_string_free (parser.text, TRUE);
  return parser.artwork;
}

void
ramus_artwork_get_size (RamusArtwork *self,
                        double       *width,
                        double       *height)
{
  *width = self->width;
  *height = self->height;
}

guint
ramus_artwork_get_n_shapes (RamusArtwork *self)
{
  return self->shapes->len;
}

const RamusArtShape *
ramus_artwork_get_shape (RamusArtwork *self,
                         guint         index)
{
  g_return_val_if_fail (index < self->shapes->len, NULL);
  return &g_array_index (self->shapes, RamusArtShape, index);
}

guint
ramus_artwork_get_n_labels (RamusArtwork *self)
{
  return self->labels->len;
}

const RamusArtLabel *
ramus_artwork_get_label (RamusArtwork *self,
                         guint         index)
{
  g_return_val_if_fail (index < self->labels->len, NULL);
  return &g_array_index (self->labels, RamusArtLabel, index);
}

/* The label in @lang, or as authored when it has no translation. */
const char *
ramus_art_label_get_text (const RamusArtLabel *label,
                          RamusLang            lang)
{
  g_return_val_if_fail (label != NULL, NULL);
  if (lang == RAMUS_LANG_ZH_TW && label->zh_tw && *label->zh_tw)
    return label->zh_tw;
  if (lang == RAMUS_LANG_ZH_CN && label->zh_cn && *label->zh_cn)
    return label->zh_cn;
  return label->text;
}

/* Vertebral levels (T12, S1) and Couinaud segments (IVa) read the same in
 * every language; any other label is words and must be translated. */
gboolean
ramus_art_label_needs_translation (const RamusArtLabel *label)
{
  g_return_val_if_fail (label != NULL, FALSE);
  return !g_regex_match_simple ("^([CTLS][0-9]{1,2}|[IVX]+[ab]?)$", label->text, 0, 0);
}
