/* ramus-atlas-source.c — line-oriented parser for the data/atlas sources
 *
 * The format is deliberately tiny (see docs/atlas-format.md) so that a
 * clinician can review it in a diff and every error can name its line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-atlas-source"

#include "ramus-atlas-source.h"

#include <string.h>

G_DEFINE_QUARK (ramus-atlas-source-error-quark, ramus_atlas_source_error)

static void
ramus_atlas_entry_free (RamusAtlasEntry *entry)
{
  g_free (entry->key);
  g_free (entry->value);
  g_free (entry);
}

void
ramus_atlas_block_free (RamusAtlasBlock *block)
{
  if (block == NULL)
    return;
  g_free (block->kind);
  g_free (block->id);
  g_ptr_array_unref (block->entries);
  g_free (block);
}

const RamusAtlasEntry *
ramus_atlas_block_find (const RamusAtlasBlock *block,
                        const char            *key)
{
  g_return_val_if_fail (block != NULL, NULL);

  for (guint i = 0; i < block->entries->len; i++)
    {
      const RamusAtlasEntry *entry = g_ptr_array_index (block->entries, i);
      if (g_str_equal (entry->key, key))
        return entry;
    }
  return NULL;
}

const char *
ramus_atlas_block_get (const RamusAtlasBlock *block,
                       const char            *key)
{
  const RamusAtlasEntry *entry = ramus_atlas_block_find (block, key);
  return entry ? entry->value : NULL;
}

gboolean
ramus_atlas_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || *id == '-')
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;
  return TRUE;
}

/* Splits on @separator, strips each item and drops empty ones. */
char **
ramus_atlas_split_list (const char *value,
                        char        separator)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  char sep[2] = { separator, 0 };
  g_auto(GStrv) parts = NULL;

  if (value == NULL)
    return g_strv_builder_end (builder);

  parts = g_strsplit (value, sep, -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *item = g_strstrip (parts[i]);
      if (*item)
        g_strv_builder_add (builder, item);
    }
  return g_strv_builder_end (builder);
}

/* CJK ideographs and the full-width punctuation written with them. */
static gboolean
is_wide (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);
  return script == G_UNICODE_SCRIPT_HAN || g_unichar_iswide (c);
}

static gboolean
ends_wide (const char *text)
{
  const char *last = *text ? g_utf8_prev_char (text + strlen (text)) : NULL;
  return last && is_wide (g_utf8_get_char (last));
}

static gboolean
is_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '_' || c == '-';
}

static void
add_error (GPtrArray  *errors,
           const char *file,
           guint       line,
           const char *message)
{
  g_ptr_array_add (errors, g_strdup_printf ("%s:%u: %s", file, line, message));
}

/* Appends the blocks of @text to @blocks. Syntax errors go to @errors as
 * "file:line: message"; returns FALSE if there were any. */
gboolean
ramus_atlas_source_parse (const char *file_name,
                          const char *text,
                          gsize       length,
                          GPtrArray  *blocks,
                          GPtrArray  *errors)
{
  const char *file = g_intern_string (file_name);
  RamusAtlasBlock *block = NULL;
  RamusAtlasEntry *last_entry = NULL;
  guint n_errors = errors->len;
  const char *p = text;
  const char *end = text + length;
  guint line_no = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, length, NULL))
    {
      add_error (errors, file, 1, "the file is not valid UTF-8");
      return FALSE;
    }

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      g_autofree char *raw = NULL;
      char *line;
      gboolean continuation;

      if (eol == NULL)
        eol = end;
      raw = g_strndup (p, eol - p);
      p = eol + 1;
      line_no++;

      if (raw[0] != '\0' && raw[strlen (raw) - 1] == '\r')
        raw[strlen (raw) - 1] = '\0';

      continuation = (raw[0] == ' ' || raw[0] == '\t');
      line = g_strstrip (raw);

      if (*line == '\0' || *line == '#')
        {
          /* A blank line or comment ends a continuation. */
          last_entry = NULL;
          continue;
        }

      if (continuation)
        {
          if (last_entry == NULL)
            {
              add_error (errors, file, line_no,
                         "syntax error: indented line continues nothing (continuations follow a key = value line)");
              continue;
            }
          {
            /* Chinese is written without spaces between words, so a line
             * break between two CJK characters joins with nothing. */
            const char *sep = ends_wide (last_entry->value) && is_wide (g_utf8_get_char (line)) ? "" : " ";
            char *joined = g_strconcat (last_entry->value, sep, line, NULL);
            g_free (last_entry->value);
            last_entry->value = joined;
          }
          continue;
        }

      last_entry = NULL;

      if (*line == '[')
        {
          char *close = strchr (line, ']');
          g_auto(GStrv) words = NULL;

          if (close == NULL || close[1] != '\0')
            {
              add_error (errors, file, line_no,
                         "syntax error: a block header is written [kind id]");
              block = NULL;
              continue;
            }
          *close = '\0';
          words = g_strsplit_set (line + 1, " \t", -1);
          {
            g_autoptr(GPtrArray) nonempty = g_ptr_array_new ();
            for (guint i = 0; words[i]; i++)
              if (*words[i])
                g_ptr_array_add (nonempty, words[i]);
            if (nonempty->len != 2)
              {
                add_error (errors, file, line_no,
                           "syntax error: a block header is written [kind id]");
                block = NULL;
                continue;
              }
            if (!ramus_atlas_id_is_valid (g_ptr_array_index (nonempty, 1)))
              {
                g_autofree char *msg = g_strdup_printf (
                  "invalid id '%s': use lower-case letters, digits and '-'",
                  (char *) g_ptr_array_index (nonempty, 1));
                add_error (errors, file, line_no, msg);
                block = NULL;
                continue;
              }
            block = g_new0 (RamusAtlasBlock, 1);
            block->kind = g_strdup (g_ptr_array_index (nonempty, 0));
            block->id = g_strdup (g_ptr_array_index (nonempty, 1));
            block->file = file;
            block->line = line_no;
            block->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_atlas_entry_free);
            g_ptr_array_add (blocks, block);
          }
          continue;
        }

      {
        char *eq = strchr (line, '=');
        g_autofree char *key = NULL;
        RamusAtlasEntry *entry;

        if (eq == NULL)
          {
            add_error (errors, file, line_no, "syntax error: expected key = value");
            continue;
          }
        key = g_strstrip (g_strndup (line, eq - line));
        if (*key == '\0')
          {
            add_error (errors, file, line_no, "syntax error: missing key before '='");
            continue;
          }
        for (const char *k = key; *k; k++)
          if (!is_key_char (*k))
            {
              g_autofree char *msg = g_strdup_printf ("syntax error: invalid key '%s'", key);
              add_error (errors, file, line_no, msg);
              goto next_line;
            }
        if (block == NULL)
          {
            add_error (errors, file, line_no,
                       "syntax error: key = value outside a [kind id] block");
            continue;
          }

        entry = g_new0 (RamusAtlasEntry, 1);
        entry->key = g_steal_pointer (&key);
        entry->value = g_strstrip (g_strdup (eq + 1));
        entry->line = line_no;
        g_ptr_array_add (block->entries, entry);
        last_entry = entry;
      }
    next_line:
      ;
    }

  return errors->len == n_errors;
}
