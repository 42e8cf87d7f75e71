/* ramus-hra-table.c — a small RFC 4180 reader for HRA-VCCF's Vessel.csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-hra-table"

#include "ramus-hra-table.h"

#include <string.h>

struct _RamusHraTable
{
  GHashTable *rows; /* vessel name -> RamusHraRow */
};

static void
ramus_hra_row_free (RamusHraRow *row)
{
  g_free (row->vessel);
  g_free (row->branches_from);
  g_free (row->fma);
  g_free (row->uberon);
  g_free (row->ta_term);
  g_free (row);
}

/* Reads one record at *cursor, advancing past its line end. Quoted fields
 * may hold commas, doubled quotes and newlines. Returns NULL at the end. */
char **
ramus_csv_parse_record (const char **cursor,
                        const char  *end)
{
  g_autoptr(GStrvBuilder) fields = NULL;
  g_autoptr(GString) field = NULL;
  const char *p = *cursor;
  gboolean quoted = FALSE;

  if (p >= end)
    return NULL;

  fields = g_strv_builder_new ();
  field = g_string_new (NULL);

  while (p < end)
    {
      char c = *p++;

      if (quoted)
        {
          if (c == '"')
            {
              if (p < end && *p == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else
                quoted = FALSE;
            }
          else
            g_string_append_c (field, c);
        }
      else if (c == '"')
        quoted = TRUE;
      else if (c == ',')
        {
          g_strv_builder_add (fields, field->str);
          g_string_truncate (field, 0);
        }
      else if (c == '\n')
        break;
      else if (c != '\r')
        g_string_append_c (field, c);
    }

  g_strv_builder_add (fields, field->str);
  *cursor = p;
  return g_strv_builder_end (fields);
}

static int
column_index (char **header,
              const char *name)
{
  for (int i = 0; header[i]; i++)
    if (g_str_equal (header[i], name))
      return i;
  return -1;
}

static char *
field_or_null (char **record,
               guint  n,
               int    index)
{
  if (index < 0 || (guint) index >= n || record[index][0] == '\0')
    return NULL;
  return g_strdup (g_strstrip (record[index]));
}

RamusHraTable *
ramus_hra_table_load (const char  *path,
                      GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  const char *cursor, *end;
  g_auto(GStrv) header = NULL;
  int c_vessel, c_from, c_fma, c_uberon, c_ta;
  RamusHraTable *table;
  guint line = 1;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;

  cursor = text;
  end = text + length;
  header = ramus_csv_parse_record (&cursor, end);
  if (header == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s:1: empty file", path);
      return NULL;
    }

  c_vessel = column_index (header, "Vessel");
  c_from = column_index (header, "BranchesFrom");
  c_fma = column_index (header, "FMA");
  c_uberon = column_index (header, "UBERON");
  c_ta = column_index (header, "TerminologiaAnatomica");
  if (c_vessel < 0 || c_from < 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s:1: not an HRA-VCCF Vessel table (no Vessel or BranchesFrom column)", path);
      return NULL;
    }

  table = g_new0 (RamusHraTable, 1);
  table->rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) ramus_hra_row_free);
  while (cursor < end)
    {
      g_auto(GStrv) record = ramus_csv_parse_record (&cursor, end);
      guint n;
      RamusHraRow *row;

      line++;
      if (record == NULL)
        break;
      n = g_strv_length (record);
      if (n == 1 && record[0][0] == '\0')
        continue;

      row = g_new0 (RamusHraRow, 1);
      row->vessel = field_or_null (record, n, c_vessel);
      row->branches_from = field_or_null (record, n, c_from);
      row->fma = field_or_null (record, n, c_fma);
      row->uberon = field_or_null (record, n, c_uberon);
      row->ta_term = field_or_null (record, n, c_ta);
      if (row->vessel == NULL || g_hash_table_contains (table->rows, row->vessel))
        {
          /* Unnamed or repeated rows cannot be referred to by name. */
          ramus_hra_row_free (row);
          continue;
        }
      g_hash_table_insert (table->rows, row->vessel, row);
    }

  return table;
}

const RamusHraRow *
ramus_hra_table_lookup (RamusHraTable *table,
                        const char    *vessel)
{
  g_return_val_if_fail (table != NULL, NULL);
  return g_hash_table_lookup (table->rows, vessel);
}

guint
ramus_hra_table_size (RamusHraTable *table)
{
  return g_hash_table_size (table->rows);
}

void
ramus_hra_table_free (RamusHraTable *table)
{
  if (table == NULL)
    return;
  g_hash_table_unref (table->rows);
  g_free (table);
}
