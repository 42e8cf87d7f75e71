/* ramus-text.c — text folding and approximate matching for names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-text"

#include "ramus-text.h"

#include <string.h>

/* Returns the form names are compared in: NFKC (so full-width letters and
 * compatibility forms match), case-folded, runs of white space, '-' and '_'
 * collapsed into one space, trimmed. */
char *
ramus_text_fold (const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (normal == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (normal, -1);

  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == '-' || c == '_')
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Optimal-string-alignment distance (Levenshtein plus adjacent
 * transposition) in characters, not bytes. Stops early and returns
 * @limit + 1 once the distance is known to exceed @limit. */
guint
ramus_text_edit_distance (const char *a,
                          const char *b,
                          guint       limit)
{
  glong la, lb;
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, &la);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, &lb);
  g_autofree guint *prev2 = NULL, *prev = NULL, *cur = NULL;

  if ((guint) ABS (la - lb) > limit)
    return limit + 1;

  prev2 = g_new0 (guint, lb + 1);
  prev = g_new0 (guint, lb + 1);
  cur = g_new0 (guint, lb + 1);
  for (glong j = 0; j <= lb; j++)
    prev[j] = j;

  for (glong i = 1; i <= la; i++)
    {
      guint row_min;
      guint *tmp;

      cur[0] = i;
      row_min = cur[0];
      for (glong j = 1; j <= lb; j++)
        {
          guint cost = ua[i - 1] == ub[j - 1] ? 0 : 1;
          guint v = MIN (prev[j] + 1, cur[j - 1] + 1);
          v = MIN (v, prev[j - 1] + cost);
          if (i > 1 && j > 1 && ua[i - 1] == ub[j - 2] && ua[i - 2] == ub[j - 1])
            v = MIN (v, prev2[j - 2] + 1);
          cur[j] = v;
          row_min = MIN (row_min, v);
        }
      if (row_min > limit)
        return limit + 1;
      tmp = prev2;
      prev2 = prev;
      prev = cur;
      cur = tmp;
    }

  return MIN (prev[lb], limit + 1);
}
