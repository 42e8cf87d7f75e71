/* ramus-plan-format.c — how the planner shows its values
 *
 * The labels use the same wording (and so the same translations) as the
 * procedure sheet and the command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-plan-format"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ramus-plan-format.h"

/* Numbers as people write them: no trailing zeros. */
char *
ramus_format_number (double value,
                     int    max_decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  char *text, *dot;

  if (isnan (value))
    return g_strdup ("");
  g_snprintf (format, sizeof format, "%%.%df", CLAMP (max_decimals, 0, 6));
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  text = g_strdup (buffer);
  dot = strchr (text, '.');
  if (dot)
    {
      char *end = text + strlen (text) - 1;
      while (end > dot && *end == '0')
        *end-- = '\0';
      if (end == dot)
        *end = '\0';
    }
  if (g_str_equal (text, "-0"))
    {
      g_free (text);
      text = g_strdup ("0");
    }
  return text;
}

/* A number typed by a person: surrounding space is ignored and a decimal
 * comma is read as a point. An empty text is no number (NAN) and is
 * accepted: it clears the field. */
gboolean
ramus_parse_number (const char *text,
                    double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  char *end = NULL;
  double v;

  g_return_val_if_fail (value != NULL, FALSE);

  if (*copy == '\0')
    {
      *value = NAN;
      return TRUE;
    }
  g_strdelimit (copy, ",", '.');
  v = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

char *
ramus_format_calibre (const RamusVessel *vessel)
{
  g_autofree char *lo = NULL, *hi = NULL;

  g_return_val_if_fail (vessel != NULL, NULL);

  if (vessel->diameter_min <= 0 && vessel->diameter_max <= 0)
    return NULL;
  lo = ramus_format_number (vessel->diameter_min > 0 ? vessel->diameter_min : vessel->diameter_max, 1);
  hi = ramus_format_number (vessel->diameter_max, 1);
  if (vessel->diameter_max <= 0 || vessel->diameter_min <= 0 || vessel->diameter_min == vessel->diameter_max)
    return g_strdup_printf (_("%s mm"), lo);
  return g_strdup_printf (_("%s–%s mm"), lo, hi);
}

/* The device's name, with its size and length when the name does not
 * already say them. */
char *
ramus_format_device (const RamusDevice *device)
{
  g_autofree char *length = NULL, *french = NULL, *length_cm = NULL, *french_f = NULL;

  g_return_val_if_fail (device != NULL, NULL);

  length = device->length_cm > 0 ? ramus_format_number (device->length_cm, 0) : NULL;
  french = device->french > 0 ? ramus_format_number (device->french, 1) : NULL;
  length_cm = length ? g_strdup_printf ("%s cm", length) : NULL;
  french_f = french ? g_strdup_printf ("%s F", french) : NULL;

  if (device->type == RAMUS_DEVICE_GUIDEWIRE && device->wire_in > 0)
    {
      g_autofree char *wire = ramus_format_number (device->wire_in, 3);
      if (strstr (device->name, wire) && (length_cm == NULL || strstr (device->name, length_cm)))
        return g_strdup (device->name);
      return length ? g_strdup_printf (_("%s (%s inch, %s cm)"), device->name, wire, length)
                    : g_strdup_printf (_("%s (%s inch)"), device->name, wire);
    }
  if ((french_f == NULL || strstr (device->name, french_f)) && (length_cm == NULL || strstr (device->name, length_cm)))
    return g_strdup (device->name);
  if (french && length)
    return g_strdup_printf (_("%s (%s F, %s cm)"), device->name, french, length);
  if (french)
    return g_strdup_printf (_("%s (%s F)"), device->name, french);
  return g_strdup (device->name);
}

const char *
ramus_severity_label (RamusSeverity severity)
{
  switch (severity)
    {
    case RAMUS_SEVERITY_DANGER:
      return _("Danger");
    case RAMUS_SEVERITY_CAUTION:
      return _("Caution");
    case RAMUS_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

const char *
ramus_severity_icon (RamusSeverity severity)
{
  switch (severity)
    {
    case RAMUS_SEVERITY_DANGER:
      return "dialog-error-symbolic";
    case RAMUS_SEVERITY_CAUTION:
      return "dialog-warning-symbolic";
    case RAMUS_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

const char *
ramus_severity_css_class (RamusSeverity severity)
{
  switch (severity)
    {
    case RAMUS_SEVERITY_DANGER:
      return "severity-danger";
    case RAMUS_SEVERITY_CAUTION:
      return "severity-caution";
    case RAMUS_SEVERITY_INFO:
    default:
      return "severity-info";
    }
}

/* "Surname AB": a lead that ends in initials names an author. */
static gboolean
ends_in_initials (const char *lead)
{
  const char *last = strrchr (lead, ' ');

  if (last == NULL || last == lead)
    return FALSE;
  last++;
  if (*last == '\0' || strlen (last) > 3)
    return FALSE;
  for (const char *p = last; *p; p++)
    if (!g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* A reference as a reader finds it in a list: the first author and the
 * year ("Mosteller 1987", "Kim et al. 2022"), or the start of the
 * citation. */
char *
ramus_format_source_short (RamusAtlas *atlas,
                           const char *id)
{
  const RamusSource *src;
  const char *citation, *stop;
  g_autofree char *lead = NULL, *year = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRegex) year_regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  char *comma;

  g_return_val_if_fail (id != NULL, NULL);

  src = ramus_warnings_lookup_source (atlas, id);
  citation = src && src->citation ? src->citation : id;
  stop = strstr (citation, ". ");
  /* "U.S. Food and Drug Administration": a stop in an initialism does not
   * end the lead. */
  while (stop && stop - citation < 5)
    stop = strstr (stop + 2, ". ");
  lead = stop ? g_strndup (citation, stop - citation) : g_strdup (citation);
  comma = strchr (lead, ',');
  if (comma)
    *comma = '\0';
  /* "楊宗翰 (Yang TH)": one author, named in two scripts. */
  if (g_str_has_suffix (lead, ")") && strchr (lead, '(') && comma == NULL)
    g_string_assign (text, lead);
  else if (ends_in_initials (lead))
    {
      *strrchr (lead, ' ') = '\0';
      if (comma)
        /* Translators: the first author of a reference with several */
        g_string_printf (text, _("%s et al."), lead);
      else
        g_string_assign (text, lead);
    }
  else
    {
      glong n = g_utf8_strlen (citation, -1);
      if (n > 32)
        {
          const char *end = g_utf8_offset_to_pointer (citation, 30);
          g_autofree char *cut = g_strndup (citation, end - citation);
          g_string_printf (text, "%s…", g_strchomp (cut));
        }
      else
        g_string_assign (text, citation);
    }

  year_regex = g_regex_new ("\\b(1[89]|20)[0-9][0-9]\\b", 0, 0, NULL);
  if (g_regex_match (year_regex, citation, 0, &match))
    year = g_match_info_fetch (match, 0);
  if (year && strstr (text->str, year) == NULL)
    g_string_append_printf (text, " %s", year);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* References as label markup: short names, linked to the DOI or address
 * when there is one, the whole citation as the link's tooltip. */
char *
ramus_format_sources_markup (RamusAtlas         *atlas,
                             const char * const *ids)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; ids && ids[i]; i++)
    {
      const RamusSource *src = ramus_warnings_lookup_source (atlas, ids[i]);
      g_autofree char *name = ramus_format_source_short (atlas, ids[i]);
      g_autofree char *href = NULL;

      if (i > 0)
        g_string_append (s, "; ");
      if (src && src->doi && *src->doi)
        href = g_strdup_printf ("https://doi.org/%s", src->doi);
      else if (src && src->url && *src->url)
        href = g_strdup (src->url);
      if (href)
        {
          g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\" title=\"%s\">%s</a>", href,
                                                             src->citation ? src->citation : ids[i], name);
          g_string_append (s, markup);
        }
      else
        {
          g_autofree char *escaped = g_markup_escape_text (name, -1);
          g_string_append (s, escaped);
        }
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The core's messages start with the field's path ("patient.height_cm: …");
 * beside a field that already names itself the path is left out. */
const char *
ramus_strip_path (const char *message,
                  const char *path)
{
  gsize n;

  g_return_val_if_fail (message != NULL, NULL);

  if (path == NULL)
    return message;
  n = strlen (path);
  if (strncmp (message, path, n) == 0 && message[n] == ':' && message[n + 1] == ' ')
    return message + n + 2;
  return message;
}
