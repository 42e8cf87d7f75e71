/* ramus-atlas-compiler.c — validates the atlas sources and writes the
 * read-only SQLite atlas bundled with Ramus
 *
 * Every check reports "file:line: message" so that whoever edits
 * data/atlas/ is pointed at the line to fix; the build fails on any error.
 * Nothing reaches the application without passing here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-atlas-compiler"

#include "ramus-atlas-compiler.h"
#include "ramus-atlas-source.h"
#include "ramus-artwork.h"
#include "ramus-hra-table.h"
#include "ramus-text.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char * const langs[] = { "en", "zh_TW", "zh_CN" };
#define N_LANGS G_N_ELEMENTS (langs)

enum
{
  REQUIRED   = 1 << 0,
  TRILINGUAL = 1 << 1, /* KEY.en, KEY.zh_TW, KEY.zh_CN all required */
  PER_LANG   = 1 << 2, /* KEY.en, KEY.zh_TW, KEY.zh_CN each optional */
  REPEATABLE = 1 << 3,
  ALL_OR_NONE = 1 << 4, /* with PER_LANG: give all three or none */
};

typedef struct
{
  const char *key;
  guint flags;
} KeySpec;

static const KeySpec source_keys[] = {
  { "citation", REQUIRED }, { "doi", 0 }, { "url", 0 }, { "licence", 0 }, { NULL, 0 }
};
static const KeySpec region_keys[] = {
  { "order", REQUIRED }, { "name", TRILINGUAL }, { "procedure", TRILINGUAL },
  { "sources", REQUIRED }, { NULL, 0 }
};
static const KeySpec vessel_keys[] = {
  { "parent", 0 }, { "parent.left", 0 }, { "parent.right", 0 },
  { "laterality", REQUIRED }, { "kind", REQUIRED }, { "regions", 0 },
  { "name", TRILINGUAL }, { "abbr", 0 }, { "synonyms", PER_LANG },
  { "diameter", REQUIRED }, { "diameter.source", REQUIRED },
  { "territory", TRILINGUAL }, { "notes", TRILINGUAL },
  { "hra", 0 }, { "hra.parent", PER_LANG | ALL_OR_NONE },
  { "fma", 0 }, { "uberon", 0 }, { "ta98", 0 },
  { "variant-only", 0 }, { "sources", REQUIRED },
  { "length", 0 }, { "length.source", 0 }, { NULL, 0 }
};
static const KeySpec access_keys[] = {
  { "vessel", REQUIRED }, { "direction", REQUIRED }, { "name", TRILINGUAL },
  { "abbr", 0 }, { "sheath", REQUIRED }, { "notes", TRILINGUAL },
  { "sources", REQUIRED }, { NULL, 0 }
};
static const KeySpec variant_keys[] = {
  { "group", REQUIRED }, { "order", REQUIRED }, { "name", TRILINGUAL },
  { "description", TRILINGUAL }, { "frequency", REPEATABLE },
  { "reparent", REPEATABLE }, { "adds", 0 }, { "default", 0 }, { NULL, 0 }
};

static const KeySpec device_keys[] = {
  { "type", REQUIRED }, { "name", REQUIRED }, { "maker", 0 }, { "french", 0 },
  { "outer_mm", 0 }, { "inner_mm", 0 }, { "wire_in", 0 }, { "length_cm", REQUIRED },
  { "notes", PER_LANG }, { "sources", REQUIRED }, { NULL, 0 }
};
static const KeySpec drawing_keys[] = {
  { "region", REQUIRED }, { "size", REQUIRED }, { "artwork", REQUIRED }, { "midline", 0 }, { NULL, 0 }
};
static const KeySpec course_keys[] = {
  { "drawing", REQUIRED }, { "vessel", REQUIRED }, { "points", REQUIRED }, { NULL, 0 }
};
static const KeySpec territory_keys[] = {
  { "drawing", REQUIRED }, { "vessel", REQUIRED }, { "polygon", REQUIRED }, { NULL, 0 }
};

typedef struct
{
  const char *kind;
  const KeySpec *keys;
} KindSpec;

static const KindSpec kinds[] = {
  { "source", source_keys },
  { "region", region_keys },
  { "vessel", vessel_keys },
  { "access", access_keys },
  { "variant", variant_keys },
  { "device", device_keys },
  { "drawing", drawing_keys },
  { "course", course_keys },
  { "territory", territory_keys },
};

struct _RamusAtlasCompiler
{
  GPtrArray *blocks;        /* of RamusAtlasBlock, in reading order */
  GPtrArray *errors;        /* of char* */
  RamusHraTable *hra;
  GHashTable *by_id;        /* id -> RamusAtlasBlock (first definition) */
  GHashTable *regions_of;   /* vessel id -> GHashTable set of region ids */
  GHashTable *dirs;         /* shown file name -> directory it was read from */
  GHashTable *artwork;      /* drawing id -> SVG text (owned) */
  gboolean checked;
};

RamusAtlasCompiler *
ramus_atlas_compiler_new (void)
{
  RamusAtlasCompiler *self = g_new0 (RamusAtlasCompiler, 1);

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_atlas_block_free);
  self->errors = g_ptr_array_new_with_free_func (g_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->regions_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) g_hash_table_unref);
  self->dirs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->artwork = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  return self;
}

void
ramus_atlas_compiler_free (RamusAtlasCompiler *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->regions_of);
  g_hash_table_unref (self->dirs);
  g_hash_table_unref (self->artwork);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->errors);
  g_clear_pointer (&self->hra, ramus_hra_table_free);
  g_free (self);
}

GPtrArray *
ramus_atlas_compiler_get_errors (RamusAtlasCompiler *self)
{
  return self->errors;
}

gboolean
ramus_atlas_compiler_load_hra (RamusAtlasCompiler  *self,
                               const char          *csv_path,
                               GError             **error)
{
  g_clear_pointer (&self->hra, ramus_hra_table_free);
  self->hra = ramus_hra_table_load (csv_path, error);
  return self->hra != NULL;
}

void
ramus_atlas_compiler_add_text (RamusAtlasCompiler *self,
                               const char         *file_name,
                               const char         *text)
{
  self->checked = FALSE;
  ramus_atlas_source_parse (file_name, text, strlen (text), self->blocks, self->errors);
}

gboolean
ramus_atlas_compiler_add_file (RamusAtlasCompiler  *self,
                               const char          *path,
                               GError             **error)
{
  g_autofree char *text = NULL;
  gsize length;

  const char *shown = strstr (path, "data/atlas/");

  if (!g_file_get_contents (path, &text, &length, error))
    return FALSE;
  self->checked = FALSE;
  /* Name files as a reviewer sees them in the repository, wherever the
   * build directory is. */
  ramus_atlas_source_parse (shown ? shown : path, text, length, self->blocks, self->errors);
  g_hash_table_insert (self->dirs, (gpointer) g_intern_string (shown ? shown : path), g_path_get_dirname (path));
  return TRUE;
}

G_GNUC_PRINTF (4, 5) static void
report (RamusAtlasCompiler    *self,
        const RamusAtlasBlock *block,
        guint                  line,
        const char            *format,
        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->errors,
                   g_strdup_printf ("%s:%u: %s", block->file, line ? line : block->line, message));
}

static guint
entry_line (const RamusAtlasBlock *block,
            const char            *key)
{
  const RamusAtlasEntry *entry = ramus_atlas_block_find (block, key);
  return entry ? entry->line : block->line;
}

static const KindSpec *
find_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].kind, kind))
      return &kinds[i];
  return NULL;
}

/* Matches @key against @spec; *lang_out gets the language suffix index for
 * language-keyed specs. */
static const KeySpec *
find_key (const KeySpec *spec,
          const char    *key,
          int           *lang_out)
{
  *lang_out = -1;
  for (const KeySpec *k = spec; k->key; k++)
    {
      if (k->flags & (TRILINGUAL | PER_LANG))
        {
          gsize n = strlen (k->key);
          if (strncmp (key, k->key, n) == 0 && key[n] == '.')
            for (guint l = 0; l < N_LANGS; l++)
              if (g_str_equal (key + n + 1, langs[l]))
                {
                  *lang_out = l;
                  return k;
                }
        }
      else if (g_str_equal (key, k->key))
        return k;
    }
  return NULL;
}

static void
check_keys (RamusAtlasCompiler    *self,
            const RamusAtlasBlock *block,
            const KindSpec        *kind)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < block->entries->len; i++)
    {
      const RamusAtlasEntry *entry = g_ptr_array_index (block->entries, i);
      int lang;
      const KeySpec *spec = find_key (kind->keys, entry->key, &lang);
      gpointer first_line;

      if (spec == NULL)
        {
          report (self, block, entry->line, "unknown key '%s' in a %s block",
                  entry->key, kind->kind);
          continue;
        }
      if (!(spec->flags & REPEATABLE) &&
          g_hash_table_lookup_extended (seen, entry->key, NULL, &first_line))
        report (self, block, entry->line, "duplicate key '%s' (first given at line %u)",
                entry->key, GPOINTER_TO_UINT (first_line));
      else
        g_hash_table_insert (seen, entry->key, GUINT_TO_POINTER (entry->line));
      if (*entry->value == '\0')
        report (self, block, entry->line, "empty value for '%s'", entry->key);
    }

  for (const KeySpec *k = kind->keys; k->key; k++)
    {
      if (k->flags & TRILINGUAL)
        {
          for (guint l = 0; l < N_LANGS; l++)
            {
              g_autofree char *key = g_strdup_printf ("%s.%s", k->key, langs[l]);
              if (!g_hash_table_contains (seen, key))
                report (self, block, 0, "missing translation: %s", key);
            }
        }
      else if (k->flags & ALL_OR_NONE)
        {
          guint present = 0;
          for (guint l = 0; l < N_LANGS; l++)
            {
              g_autofree char *key = g_strdup_printf ("%s.%s", k->key, langs[l]);
              present += g_hash_table_contains (seen, key);
            }
          if (present != 0 && present != N_LANGS)
            for (guint l = 0; l < N_LANGS; l++)
              {
                g_autofree char *key = g_strdup_printf ("%s.%s", k->key, langs[l]);
                if (!g_hash_table_contains (seen, key))
                  report (self, block, 0, "missing translation: %s", key);
              }
        }
      else if ((k->flags & REQUIRED) && !g_hash_table_contains (seen, k->key))
        report (self, block, 0, "missing key '%s'", k->key);
    }
}

static gboolean
parse_range (const char *value,
             double     *min,
             double     *max)
{
  g_auto(GStrv) parts = NULL;
  char *end;

  if (value == NULL)
    return FALSE;
  parts = g_strsplit (value, "-", -1);
  if (g_strv_length (parts) == 1)
    {
      *min = g_ascii_strtod (g_strstrip (parts[0]), &end);
      *max = *min;
      return *end == '\0' && end != parts[0];
    }
  if (g_strv_length (parts) != 2)
    return FALSE;
  *min = g_ascii_strtod (g_strstrip (parts[0]), &end);
  if (*end != '\0' || end == parts[0])
    return FALSE;
  *max = g_ascii_strtod (g_strstrip (parts[1]), &end);
  return *end == '\0' && end != parts[1];
}

static gboolean
parse_int (const char *value,
           gint64     *out)
{
  return value && g_ascii_string_to_signed (value, 10, -100000, 100000, out, NULL);
}

static const RamusAtlasBlock *
lookup_kind (RamusAtlasCompiler *self,
             const char         *id,
             const char         *kind)
{
  const RamusAtlasBlock *block = g_hash_table_lookup (self->by_id, id);
  return (block && g_str_equal (block->kind, kind)) ? block : NULL;
}

static void
check_id_list (RamusAtlasCompiler    *self,
               const RamusAtlasBlock *block,
               const char            *key,
               const char            *kind,
               const char            *what)
{
  const RamusAtlasEntry *entry = ramus_atlas_block_find (block, key);
  g_auto(GStrv) ids = NULL;

  if (entry == NULL)
    return;
  ids = ramus_atlas_split_list (entry->value, ',');
  for (guint i = 0; ids[i]; i++)
    if (lookup_kind (self, ids[i], kind) == NULL)
      report (self, block, entry->line, "unknown %s '%s'", what, ids[i]);
}

static void
check_enum (RamusAtlasCompiler    *self,
            const RamusAtlasBlock *block,
            const char            *key,
            const char * const    *allowed)
{
  const RamusAtlasEntry *entry = ramus_atlas_block_find (block, key);
  g_autofree char *list = NULL;

  if (entry == NULL)
    return;
  for (guint i = 0; allowed[i]; i++)
    if (g_str_equal (entry->value, allowed[i]))
      return;
  list = g_strjoinv (", ", (char **) allowed);
  report (self, block, entry->line, "invalid %s '%s' (expected one of: %s)", key, entry->value, list);
}

static const char * const lateralities[] = { "paired", "midline", "right", "left", NULL };
static const char * const vessel_kinds[] = { "trunk", "feeder", "branch", "danger", "collateral", NULL };
static const char * const directions[] = { "retrograde", "antegrade", "contralateral", NULL };
static const char * const yes_no[] = { "yes", "no", NULL };

static const char *
parent_for_side (const RamusAtlasBlock *vessel,
                 const char            *side)
{
  if (side)
    {
      g_autofree char *key = g_strconcat ("parent.", side, NULL);
      const char *value = ramus_atlas_block_get (vessel, key);
      if (value)
        return value;
    }
  return ramus_atlas_block_get (vessel, "parent");
}

/* Follows the parent chain from @start with @reparent (child -> parent)
 * overriding; reports a cycle once, at the vessel where it is found. */
static void
check_cycle_from (RamusAtlasCompiler    *self,
                  const RamusAtlasBlock *start,
                  const char            *side,
                  GHashTable            *reparent,
                  GHashTable            *reported)
{
  g_autoptr(GHashTable) visited = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  const RamusAtlasBlock *v = start;

  while (v != NULL)
    {
      const char *parent;

      if (g_hash_table_contains (visited, v->id))
        {
          g_autofree char *path = NULL;
          g_ptr_array_add (chain, v->id);
          g_ptr_array_add (chain, NULL);
          path = g_strjoinv (" > ", (char **) chain->pdata);
          if (!g_hash_table_contains (reported, v->id))
            {
              g_hash_table_add (reported, v->id);
              report (self, v, entry_line (v, "parent"), "cycle in the vessel tree: %s", path);
            }
          return;
        }
      g_hash_table_add (visited, v->id);
      g_ptr_array_add (chain, v->id);
      parent = reparent ? g_hash_table_lookup (reparent, v->id) : NULL;
      if (parent == NULL)
        parent = parent_for_side (v, side);
      v = parent ? lookup_kind (self, parent, "vessel") : NULL;
    }
}

static void
add_region_up (RamusAtlasCompiler *self,
               const char         *vessel_id,
               const char         *region,
               const char         *side)
{
  g_autoptr(GHashTable) visited = g_hash_table_new (g_str_hash, g_str_equal);
  const RamusAtlasBlock *v = lookup_kind (self, vessel_id, "vessel");

  while (v != NULL && !g_hash_table_contains (visited, v->id))
    {
      GHashTable *set = g_hash_table_lookup (self->regions_of, v->id);
      const char *parent;

      g_hash_table_add (visited, v->id);
      if (set == NULL)
        {
          set = g_hash_table_new (g_str_hash, g_str_equal);
          g_hash_table_insert (self->regions_of, v->id, set);
        }
      g_hash_table_add (set, (gpointer) g_intern_string (region));
      parent = parent_for_side (v, side);
      v = parent ? lookup_kind (self, parent, "vessel") : NULL;
    }
}

typedef struct
{
  const RamusAtlasBlock *block;
  guint line;
  char *text;
} TermOwner;

static void
term_owner_free (TermOwner *owner)
{
  g_free (owner->text);
  g_free (owner);
}

static void
claim_term (RamusAtlasCompiler    *self,
            GHashTable            *terms,
            const RamusAtlasBlock *block,
            const char            *text,
            guint                  line)
{
  g_autofree char *folded = ramus_text_fold (text);
  TermOwner *owner;

  if (*folded == '\0')
    return;
  owner = g_hash_table_lookup (terms, folded);
  if (owner == NULL)
    {
      owner = g_new0 (TermOwner, 1);
      owner->block = block;
      owner->line = line;
      owner->text = g_strdup (text);
      g_hash_table_insert (terms, g_steal_pointer (&folded), owner);
    }
  else if (owner->block != block)
    report (self, block, line, "ambiguous name '%s': also used by vessel '%s' (%s:%u)",
            text, owner->block->id, owner->block->file, owner->line);
}

static void
claim_terms_of (RamusAtlasCompiler    *self,
                GHashTable            *terms,
                const RamusAtlasBlock *block)
{
  claim_term (self, terms, block, block->id, block->line);
  for (guint i = 0; i < block->entries->len; i++)
    {
      const RamusAtlasEntry *entry = g_ptr_array_index (block->entries, i);
      if (g_str_has_prefix (entry->key, "name."))
        claim_term (self, terms, block, entry->value, entry->line);
      else if (g_str_equal (entry->key, "abbr") || g_str_has_prefix (entry->key, "synonyms."))
        {
          g_auto(GStrv) items = ramus_atlas_split_list (entry->value, ';');
          for (guint j = 0; items[j]; j++)
            claim_term (self, terms, block, items[j], entry->line);
        }
    }
}

static void
check_vessel (RamusAtlasCompiler    *self,
              const RamusAtlasBlock *block,
              guint                 *n_roots)
{
  const char *sides[] = { "parent", "parent.left", "parent.right" };
  const RamusAtlasEntry *entry;
  double min, max;

  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      entry = ramus_atlas_block_find (block, sides[i]);
      if (entry && lookup_kind (self, entry->value, "vessel") == NULL)
        report (self, block, entry->line, "unknown parent '%s'", entry->value);
      else if (entry && g_str_equal (entry->value, block->id))
        report (self, block, entry->line, "cycle in the vessel tree: %s > %s", block->id, block->id);
    }
  if (ramus_atlas_block_find (block, "parent") == NULL)
    {
      if (ramus_atlas_block_find (block, "parent.left") || ramus_atlas_block_find (block, "parent.right"))
        report (self, block, 0, "missing key 'parent' (parent.left/parent.right only override it)");
      else if (++(*n_roots) > 1)
        report (self, block, 0, "missing key 'parent' (only the root of the tree has none)");
    }

  check_enum (self, block, "laterality", lateralities);
  check_enum (self, block, "kind", vessel_kinds);
  check_enum (self, block, "variant-only", yes_no);
  check_id_list (self, block, "regions", "region", "region");
  check_id_list (self, block, "sources", "source", "source");
  check_id_list (self, block, "diameter.source", "source", "source");

  entry = ramus_atlas_block_find (block, "diameter");
  if (entry && (!parse_range (entry->value, &min, &max) || min < 0.1 || max > 40.0 || min > max))
    report (self, block, entry->line,
            "diameter out of range: '%s' (expected MIN-MAX in mm, 0.1 <= MIN <= MAX <= 40)",
            entry->value);

  entry = ramus_atlas_block_find (block, "length");
  if (entry && (!parse_range (entry->value, &min, &max) || min != max || min < 1 || min > 700))
    report (self, block, entry->line, "length out of range: '%s' (expected one number of mm, 1 to 700)", entry->value);
  if (entry && ramus_atlas_block_find (block, "length.source") == NULL)
    report (self, block, entry->line, "missing key 'length.source' (every number cites its source)");
  check_id_list (self, block, "length.source", "source", "source");

  entry = ramus_atlas_block_find (block, "hra");
  if (entry && self->hra && ramus_hra_table_lookup (self->hra, entry->value) == NULL)
    report (self, block, entry->line, "HRA-VCCF has no vessel named '%s'", entry->value);
}

/* Where HRA-VCCF names a parent that this atlas also has, the two must agree
 * or the disagreement must be explained (HRA-VCCF has known errors). */
static void
check_hra_parent (RamusAtlasCompiler    *self,
                  const RamusAtlasBlock *block,
                  GHashTable            *by_hra_name)
{
  const RamusAtlasEntry *entry = ramus_atlas_block_find (block, "hra");
  const RamusHraRow *row;
  const RamusAtlasBlock *hra_parent;

  if (entry == NULL || self->hra == NULL)
    return;
  row = ramus_hra_table_lookup (self->hra, entry->value);
  if (row == NULL || row->branches_from == NULL)
    return;
  hra_parent = g_hash_table_lookup (by_hra_name, row->branches_from);
  if (hra_parent == NULL)
    return;
  for (guint i = 0; i < 3; i++)
    {
      const char *key = (const char *[]) { "parent", "parent.left", "parent.right" }[i];
      const char *parent = ramus_atlas_block_get (block, key);
      if (parent && g_str_equal (parent, hra_parent->id))
        return;
    }
  if (ramus_atlas_block_find (block, "hra.parent.en") == NULL)
    report (self, block, entry_line (block, "parent"),
            "parent differs from HRA-VCCF ('%s' branches from '%s' there, which is vessel '%s' here): "
            "add hra.parent.en, hra.parent.zh_TW and hra.parent.zh_CN to explain",
            entry->value, row->branches_from, hra_parent->id);
}

static void
check_variant (RamusAtlasCompiler    *self,
               const RamusAtlasBlock *block,
               GHashTable            *added,
               GHashTable            *reported_cycles)
{
  g_autoptr(GHashTable) reparent = g_hash_table_new (g_str_hash, g_str_equal);

  check_enum (self, block, "default", yes_no);
  for (guint i = 0; i < block->entries->len; i++)
    {
      const RamusAtlasEntry *entry = g_ptr_array_index (block->entries, i);

      if (g_str_equal (entry->key, "frequency"))
        {
          g_auto(GStrv) words = g_strsplit_set (entry->value, " \t", -1);
          g_autoptr(GPtrArray) nonempty = g_ptr_array_new ();
          char *end = NULL;
          double percent = -1;

          for (guint j = 0; words[j]; j++)
            if (*words[j])
              g_ptr_array_add (nonempty, words[j]);
          if (nonempty->len == 2)
            {
              char *number = g_ptr_array_index (nonempty, 0);
              if (g_str_has_suffix (number, "%"))
                number[strlen (number) - 1] = '\0';
              percent = g_ascii_strtod (number, &end);
            }
          if (nonempty->len != 2 || end == NULL || *end != '\0' || percent < 0 || percent > 100)
            report (self, block, entry->line,
                    "invalid frequency '%s' (expected PERCENT SOURCE-ID, 0 to 100)", entry->value);
          else if (lookup_kind (self, g_ptr_array_index (nonempty, 1), "source") == NULL)
            report (self, block, entry->line, "unknown source '%s'",
                    (char *) g_ptr_array_index (nonempty, 1));
        }
      else if (g_str_equal (entry->key, "reparent"))
        {
          g_auto(GStrv) parts = g_strsplit (entry->value, ">", -1);
          if (g_strv_length (parts) != 2)
            {
              report (self, block, entry->line,
                      "invalid reparent '%s' (expected CHILD > NEW-PARENT)", entry->value);
              continue;
            }
          for (guint j = 0; j < 2; j++)
            if (lookup_kind (self, g_strstrip (parts[j]), "vessel") == NULL)
              report (self, block, entry->line,
                      "variant refers to an unknown vessel '%s'", parts[j]);
          if (lookup_kind (self, parts[0], "vessel") && lookup_kind (self, parts[1], "vessel"))
            g_hash_table_insert (reparent,
                                 (gpointer) g_intern_string (parts[0]),
                                 (gpointer) g_intern_string (parts[1]));
        }
      else if (g_str_equal (entry->key, "adds"))
        {
          g_auto(GStrv) ids = ramus_atlas_split_list (entry->value, ',');
          for (guint j = 0; ids[j]; j++)
            {
              const RamusAtlasBlock *v = lookup_kind (self, ids[j], "vessel");
              if (v == NULL)
                report (self, block, entry->line, "variant refers to an unknown vessel '%s'", ids[j]);
              else if (g_strcmp0 (ramus_atlas_block_get (v, "variant-only"), "yes") != 0)
                report (self, block, entry->line,
                        "variant adds '%s', which is not marked variant-only = yes", ids[j]);
              else
                g_hash_table_add (added, v->id);
            }
        }
    }

  /* A variant's reparenting must leave a tree. */
  if (g_hash_table_size (reparent) > 0)
    {
      GHashTableIter iter;
      gpointer child;
      g_hash_table_iter_init (&iter, reparent);
      while (g_hash_table_iter_next (&iter, &child, NULL))
        check_cycle_from (self, lookup_kind (self, child, "vessel"), NULL, reparent, reported_cycles);
    }
}

static const char * const device_types[] = { "sheath", "catheter", "microcatheter", "guidewire", NULL };

/* A number key of a device within [min, max]. */
static void
check_number (RamusAtlasCompiler    *self,
              const RamusAtlasBlock *block,
              const char            *key,
              double                 min,
              double                 max,
              const char            *unit)
{
  const RamusAtlasEntry *entry = ramus_atlas_block_find (block, key);
  double lo, hi;

  if (entry && (!parse_range (entry->value, &lo, &hi) || lo != hi || lo < min || lo > max))
    report (self, block, entry->line, "%s out of range: '%s' (expected %g to %g %s)", key, entry->value, min, max, unit);
}

static void
check_device (RamusAtlasCompiler    *self,
              const RamusAtlasBlock *block)
{
  const char *type = ramus_atlas_block_get (block, "type");

  check_enum (self, block, "type", device_types);
  check_id_list (self, block, "sources", "source", "source");
  check_number (self, block, "french", 1, 12, "F");
  check_number (self, block, "outer_mm", 0.1, 5, "mm");
  check_number (self, block, "inner_mm", 0.1, 5, "mm");
  check_number (self, block, "wire_in", 0.008, 0.045, "inch");
  check_number (self, block, "length_cm", 3, 400, "cm");
  if (type == NULL)
    return;
  /* What compatibility checks need of each type. */
  if (g_str_equal (type, "guidewire") && ramus_atlas_block_find (block, "wire_in") == NULL)
    report (self, block, 0, "missing key 'wire_in' (a guidewire's diameter in inches)");
  if (!g_str_equal (type, "guidewire") &&
      (ramus_atlas_block_find (block, "inner_mm") == NULL || ramus_atlas_block_find (block, "french") == NULL))
    report (self, block, 0, "missing key '%s' (a %s needs french and inner_mm)",
            ramus_atlas_block_find (block, "french") ? "inner_mm" : "french", type);
  if ((g_str_equal (type, "catheter") || g_str_equal (type, "microcatheter")) &&
      ramus_atlas_block_find (block, "outer_mm") == NULL)
    report (self, block, 0, "missing key 'outer_mm' (a %s's outer diameter)", type);
}

static void
compute_regions (RamusAtlasCompiler *self)
{
  const char *sides[] = { NULL, "left", "right" };

  g_hash_table_remove_all (self->regions_of);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const RamusAtlasBlock *block = g_ptr_array_index (self->blocks, i);
      g_auto(GStrv) regions = NULL;

      if (!g_str_equal (block->kind, "vessel"))
        continue;
      regions = ramus_atlas_split_list (ramus_atlas_block_get (block, "regions"), ',');
      for (guint r = 0; regions[r]; r++)
        for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
          add_region_up (self, block->id, regions[r], sides[s]);
    }

  /* A vessel that a variant moves under another brings its regions along. */
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const RamusAtlasBlock *block = g_ptr_array_index (self->blocks, i);
      if (!g_str_equal (block->kind, "variant"))
        continue;
      for (guint e = 0; e < block->entries->len; e++)
        {
          const RamusAtlasEntry *entry = g_ptr_array_index (block->entries, e);
          g_auto(GStrv) parts = NULL;
          GHashTable *set;
          GHashTableIter iter;
          gpointer region;

          if (!g_str_equal (entry->key, "reparent"))
            continue;
          parts = g_strsplit (entry->value, ">", 2);
          if (g_strv_length (parts) != 2)
            continue;
          set = g_hash_table_lookup (self->regions_of, g_strstrip (parts[0]));
          if (set == NULL)
            continue;
          g_hash_table_iter_init (&iter, set);
          while (g_hash_table_iter_next (&iter, &region, NULL))
            add_region_up (self, g_strstrip (parts[1]), region, NULL);
        }
    }
}


/* --- drawings ------------------------------------------------------------ */

/* Parses "a b c, a b c, …" into @out (@per numbers a vertex). */
static gboolean
parse_vertices (const char *value,
                guint       per,
                GArray     *out)
{
  g_auto(GStrv) vertices = ramus_atlas_split_list (value, ',');

  for (guint i = 0; vertices[i]; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (vertices[i], " \t", -1);
      guint n = 0;
      for (guint j = 0; words[j]; j++)
        {
          char *end;
          double v;
          if (*words[j] == '\0')
            continue;
          v = g_ascii_strtod (words[j], &end);
          if (*end != '\0' || !isfinite (v))
            return FALSE;
          g_array_append_val (out, v);
          n++;
        }
      if (n != per)
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gboolean seen_root;
  char *root;
  char *view_box;
} SvgRoot;

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  SvgRoot *root = user_data;

  if (root->seen_root)
    return;
  root->seen_root = TRUE;
  root->root = g_strdup (element);
  for (guint i = 0; names[i]; i++)
    if (g_str_equal (names[i], "viewBox"))
      root->view_box = g_strdup (values[i]);
}

static void
check_drawing (RamusAtlasCompiler    *self,
               const RamusAtlasBlock *block,
               GHashTable            *drawing_of_region)
{
  const RamusAtlasEntry *entry;
  const char *region = ramus_atlas_block_get (block, "region");
  double width = 0, height = 0;
  g_autoptr(GArray) size = g_array_new (FALSE, FALSE, sizeof (double));
  const RamusAtlasBlock *first;

  check_enum (self, block, "midline", yes_no);
  if (region && lookup_kind (self, region, "region") == NULL)
    report (self, block, entry_line (block, "region"), "unknown region '%s'", region);
  else if (region && (first = g_hash_table_lookup (drawing_of_region, region)) != NULL)
    report (self, block, entry_line (block, "region"), "a second drawing for region '%s' (first at %s:%u)",
            region, first->file, first->line);
  else if (region)
    g_hash_table_insert (drawing_of_region, (gpointer) region, (gpointer) block);

  entry = ramus_atlas_block_find (block, "size");
  if (entry && (!parse_vertices (entry->value, 2, size) || size->len != 2 ||
                g_array_index (size, double, 0) <= 0 || g_array_index (size, double, 1) <= 0))
    report (self, block, entry->line, "invalid size '%s' (expected WIDTH HEIGHT in mm)", entry->value);
  else if (entry)
    {
      width = g_array_index (size, double, 0);
      height = g_array_index (size, double, 1);
    }

  entry = ramus_atlas_block_find (block, "artwork");
  if (entry)
    {
      const char *dir = g_hash_table_lookup (self->dirs, block->file);
      g_autofree char *path = g_build_filename (dir ? dir : ".", "..", "drawings", entry->value, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      SvgRoot root = { 0 };
      GMarkupParser parser = { svg_start_element, NULL, NULL, NULL, NULL };
      g_autoptr(GMarkupParseContext) context = NULL;
      gsize length;

      if (strchr (entry->value, '/') || !g_file_get_contents (path, &text, &length, NULL))
        {
          report (self, block, entry->line, "artwork file '%s' not found in data/drawings/", entry->value);
          return;
        }
      context = g_markup_parse_context_new (&parser, 0, &root, NULL);
      if (!g_markup_parse_context_parse (context, text, length, &error) ||
          !g_markup_parse_context_end_parse (context, &error) ||
          g_strcmp0 (root.root, "svg") != 0)
        report (self, block, entry->line, "artwork '%s' is not an SVG file%s%s", entry->value,
                error ? ": " : "", error ? error->message : "");
      else
        {
          g_autoptr(GArray) box = g_array_new (FALSE, FALSE, sizeof (double));
          g_autofree char *spaced = g_strdup (root.view_box ? root.view_box : "");
          g_autoptr(RamusArtwork) artwork = NULL;

          g_strdelimit (spaced, ",", ' ');
          if (!parse_vertices (spaced, 4, box) || box->len != 4 ||
              g_array_index (box, double, 0) != 0 || g_array_index (box, double, 1) != 0 ||
              fabs (g_array_index (box, double, 2) - width) > 0.01 ||
              fabs (g_array_index (box, double, 3) - height) > 0.01)
            report (self, block, entry->line, "artwork '%s' has viewBox '%s'; expected '0 0 %g %g' to match size",
                    entry->value, root.view_box ? root.view_box : "", width, height);
          /* Ramus draws artwork itself, from a plain subset of SVG. */
          else if ((artwork = ramus_artwork_parse (text, length, &error)) == NULL)
            report (self, block, entry->line, "artwork '%s': %s", entry->value, error->message);
          else
            {
              gboolean translated = TRUE;

              /* The roadmap speaks the reader's language, its artwork too. */
              for (guint i = 0; i < ramus_artwork_get_n_labels (artwork); i++)
                {
                  const RamusArtLabel *label = ramus_artwork_get_label (artwork, i);
                  if (ramus_art_label_needs_translation (label) &&
                      (label->zh_tw == NULL || *label->zh_tw == '\0' || label->zh_cn == NULL || *label->zh_cn == '\0'))
                    {
                      report (self, block, entry->line,
                              "artwork '%s': label '%s' needs data-zh-tw and data-zh-cn translations",
                              entry->value, label->text);
                      translated = FALSE;
                    }
                }
              if (translated)
                g_hash_table_insert (self->artwork, block->id, g_steal_pointer (&text));
            }
        }
      g_free (root.root);
      g_free (root.view_box);
    }
}

static gboolean
drawing_size (const RamusAtlasBlock *drawing,
              double                *width,
              double                *height)
{
  g_autoptr(GArray) size = g_array_new (FALSE, FALSE, sizeof (double));
  if (!parse_vertices (ramus_atlas_block_get (drawing, "size"), 2, size) || size->len != 2)
    return FALSE;
  *width = g_array_index (size, double, 0);
  *height = g_array_index (size, double, 1);
  return TRUE;
}

/* Checks a course or territory; returns its drawing or NULL. */
static const RamusAtlasBlock *
check_drawn (RamusAtlasCompiler    *self,
             const RamusAtlasBlock *block,
             const char            *key,
             guint                  per,
             guint                  min_vertices,
             GHashTable            *seen)
{
  const RamusAtlasBlock *drawing = NULL;
  const char *drawing_id = ramus_atlas_block_get (block, "drawing");
  const char *vessel = ramus_atlas_block_get (block, "vessel");
  const RamusAtlasEntry *entry = ramus_atlas_block_find (block, key);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double width, height;

  if (drawing_id && (drawing = lookup_kind (self, drawing_id, "drawing")) == NULL)
    report (self, block, entry_line (block, "drawing"), "unknown drawing '%s'", drawing_id);
  if (vessel && lookup_kind (self, vessel, "vessel") == NULL)
    report (self, block, entry_line (block, "vessel"), "unknown vessel '%s'", vessel);
  else if (vessel && drawing)
    {
      const char *region = ramus_atlas_block_get (drawing, "region");
      GHashTable *regions = g_hash_table_lookup (self->regions_of, vessel);
      g_autofree char *pair = g_strconcat (drawing->id, "/", vessel, NULL);
      const RamusAtlasBlock *first;

      if (region && (regions == NULL || !g_hash_table_contains (regions, g_intern_string (region))))
        report (self, block, entry_line (block, "vessel"), "vessel '%s' is not in region '%s'", vessel, region);
      if ((first = g_hash_table_lookup (seen, pair)) != NULL)
        report (self, block, entry_line (block, "vessel"), "a second %s for '%s' in drawing '%s' (first at %s:%u)",
                block->kind, vessel, drawing->id, first->file, first->line);
      else
        g_hash_table_insert (seen, g_steal_pointer (&pair), (gpointer) block);
    }
  if (entry == NULL)
    return drawing;

  if (!parse_vertices (entry->value, per, values) || values->len / per < min_vertices)
    {
      report (self, block, entry->line, "invalid %s: expected at least %u vertices of %s", key, min_vertices,
              per == 3 ? "x y r (mm)" : "x y (mm)");
      return drawing;
    }
  if (drawing == NULL || !drawing_size (drawing, &width, &height))
    return drawing;
  for (guint i = 0; i < values->len; i += per)
    {
      double x = g_array_index (values, double, i), y = g_array_index (values, double, i + 1);
      if (x < -0.05 * width || x > 1.05 * width || y < -0.05 * height || y > 1.05 * height)
        {
          report (self, block, entry->line, "point %u (%g %g) is outside drawing '%s' (%g × %g mm)",
                  i / per + 1, x, y, drawing->id, width, height);
          break;
        }
      if (per == 3 && (g_array_index (values, double, i + 2) < 0.1 || g_array_index (values, double, i + 2) > 20))
        {
          report (self, block, entry->line, "radius %g at point %u out of range (0.1 to 20 mm)",
                  g_array_index (values, double, i + 2), i / per + 1);
          break;
        }
    }
  return drawing;
}

static void
check_drawings (RamusAtlasCompiler *self)
{
  g_autoptr(GHashTable) drawing_of_region = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) courses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) territories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const RamusAtlasBlock *block = g_ptr_array_index (self->blocks, i);
      if (g_hash_table_lookup (self->by_id, block->id) != block)
        continue;
      if (g_str_equal (block->kind, "drawing"))
        check_drawing (self, block, drawing_of_region);
    }
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const RamusAtlasBlock *block = g_ptr_array_index (self->blocks, i);
      if (g_hash_table_lookup (self->by_id, block->id) != block)
        continue;
      if (g_str_equal (block->kind, "course"))
        check_drawn (self, block, "points", 3, 2, courses);
      else if (g_str_equal (block->kind, "territory"))
        check_drawn (self, block, "polygon", 2, 3, territories);
    }

  /* Every feeder and danger vessel named for a drawn region is drawn. */
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const RamusAtlasBlock *block = g_ptr_array_index (self->blocks, i);
      const char *kind = ramus_atlas_block_get (block, "kind");
      g_auto(GStrv) regions = NULL;

      if (!g_str_equal (block->kind, "vessel") || kind == NULL ||
          !(g_str_equal (kind, "feeder") || g_str_equal (kind, "danger")))
        continue;
      regions = ramus_atlas_split_list (ramus_atlas_block_get (block, "regions"), ',');
      for (guint r = 0; regions[r]; r++)
        {
          const RamusAtlasBlock *drawing = g_hash_table_lookup (drawing_of_region, regions[r]);
          g_autofree char *pair = NULL;
          if (drawing == NULL)
            continue;
          pair = g_strconcat (drawing->id, "/", block->id, NULL);
          if (!g_hash_table_contains (courses, pair))
            report (self, block, 0, "%s vessel '%s' has no course in drawing '%s'", kind, block->id, drawing->id);
        }
    }
}

gboolean
ramus_atlas_compiler_check (RamusAtlasCompiler *self)
{
  g_autoptr(GHashTable) terms = NULL;
  g_autoptr(GHashTable) by_hra_name = NULL;
  g_autoptr(GHashTable) added = NULL;
  g_autoptr(GHashTable) reported_cycles = NULL;
  guint n_roots = 0;
  guint n_before = self->errors->len;

  g_return_val_if_fail (self != NULL, FALSE);

  /* Ids and keys first: everything else looks ids up. */
  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const RamusAtlasBlock *block = g_ptr_array_index (self->blocks, i);
      const KindSpec *kind = find_kind (block->kind);
      const RamusAtlasBlock *first;

      if (kind == NULL)
        {
          report (self, block, 0,
                  "unknown block kind '%s' (expected source, region, vessel, access, variant, device, drawing, course or territory)",
                  block->kind);
          continue;
        }
      first = g_hash_table_lookup (self->by_id, block->id);
      if (first)
        report (self, block, 0, "duplicate id '%s' (first defined at %s:%u)",
                block->id, first->file, first->line);
      else
        g_hash_table_insert (self->by_id, block->id, (gpointer) block);
      check_keys (self, block, kind);
    }

  terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) term_owner_free);
  by_hra_name = g_hash_table_new (g_str_hash, g_str_equal);
  added = g_hash_table_new (g_str_hash, g_str_equal);
  reported_cycles = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const RamusAtlasBlock *block = g_ptr_array_index (self->blocks, i);
      const char *hra;

      if (g_hash_table_lookup (self->by_id, block->id) != block)
        continue;
      if (g_str_equal (block->kind, "vessel"))
        {
          check_vessel (self, block, &n_roots);
          claim_terms_of (self, terms, block);
          hra = ramus_atlas_block_get (block, "hra");
          if (hra && !g_hash_table_contains (by_hra_name, hra))
            g_hash_table_insert (by_hra_name, (gpointer) hra, (gpointer) block);
        }
      else if (g_str_equal (block->kind, "region"))
        {
          gint64 order;
          check_id_list (self, block, "sources", "source", "source");
          if (ramus_atlas_block_find (block, "order") && !parse_int (ramus_atlas_block_get (block, "order"), &order))
            report (self, block, entry_line (block, "order"), "invalid order '%s' (expected an integer)",
                    ramus_atlas_block_get (block, "order"));
        }
      else if (g_str_equal (block->kind, "access"))
        {
          const RamusAtlasEntry *entry = ramus_atlas_block_find (block, "vessel");
          double min, max;

          if (entry && lookup_kind (self, entry->value, "vessel") == NULL)
            report (self, block, entry->line, "access site on an unknown vessel '%s'", entry->value);
          check_enum (self, block, "direction", directions);
          check_id_list (self, block, "sources", "source", "source");
          entry = ramus_atlas_block_find (block, "sheath");
          if (entry && (!parse_range (entry->value, &min, &max) || min < 1 || max > 12 || min > max))
            report (self, block, entry->line,
                    "sheath out of range: '%s' (expected MIN-MAX in French, 1 to 12)", entry->value);
        }
      else if (g_str_equal (block->kind, "device"))
        check_device (self, block);
      else if (g_str_equal (block->kind, "variant"))
        {
          gint64 order;
          check_variant (self, block, added, reported_cycles);
          if (ramus_atlas_block_find (block, "order") && !parse_int (ramus_atlas_block_get (block, "order"), &order))
            report (self, block, entry_line (block, "order"), "invalid order '%s' (expected an integer)",
                    ramus_atlas_block_get (block, "order"));
        }
    }

  if (self->errors->len == n_before && n_roots == 0 &&
      ramus_atlas_compiler_count (self, "vessel") > 0)
    g_ptr_array_add (self->errors, g_strdup ("atlas: no root vessel (one vessel, the aorta, has no parent)"));

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const RamusAtlasBlock *block = g_ptr_array_index (self->blocks, i);
      const char *side_names[] = { NULL, "left", "right" };

      if (!g_str_equal (block->kind, "vessel") || g_hash_table_lookup (self->by_id, block->id) != block)
        continue;
      for (guint s = 0; s < G_N_ELEMENTS (side_names); s++)
        check_cycle_from (self, block, side_names[s], NULL, reported_cycles);
      check_hra_parent (self, block, by_hra_name);
      if (g_strcmp0 (ramus_atlas_block_get (block, "variant-only"), "yes") == 0 &&
          !g_hash_table_contains (added, block->id))
        report (self, block, entry_line (block, "variant-only"),
                "variant-only vessel '%s' is never added by a variant", block->id);
    }

  compute_regions (self);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const RamusAtlasBlock *block = g_ptr_array_index (self->blocks, i);
      if (g_str_equal (block->kind, "vessel") && !g_hash_table_contains (self->regions_of, block->id))
        report (self, block, 0, "vessel '%s' belongs to no region (give it regions = … or a descendant that has one)",
                block->id);
    }

  check_drawings (self);

  self->checked = TRUE;
  return self->errors->len == 0;
}

guint
ramus_atlas_compiler_count (RamusAtlasCompiler *self,
                            const char         *kind)
{
  guint n = 0;
  for (guint i = 0; i < self->blocks->len; i++)
    n += g_str_equal (((RamusAtlasBlock *) g_ptr_array_index (self->blocks, i))->kind, kind);
  return n;
}

/* --- writing ---------------------------------------------------------- */

static const char schema_sql[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE source (id TEXT PRIMARY KEY, ord INTEGER, citation TEXT NOT NULL,"
  "  doi TEXT, url TEXT, licence TEXT);"
  "CREATE TABLE region (id TEXT PRIMARY KEY, ord INTEGER,"
  "  name_en TEXT, name_zh_tw TEXT, name_zh_cn TEXT,"
  "  procedure_en TEXT, procedure_zh_tw TEXT, procedure_zh_cn TEXT);"
  "CREATE TABLE region_source (region TEXT, source TEXT, ord INTEGER);"
  "CREATE TABLE vessel (id TEXT PRIMARY KEY, ord INTEGER, parent TEXT, parent_left TEXT,"
  "  parent_right TEXT, laterality TEXT, kind TEXT,"
  "  name_en TEXT, name_zh_tw TEXT, name_zh_cn TEXT,"
  "  diameter_min REAL, diameter_max REAL, diameter_source TEXT,"
  "  territory_en TEXT, territory_zh_tw TEXT, territory_zh_cn TEXT,"
  "  notes_en TEXT, notes_zh_tw TEXT, notes_zh_cn TEXT,"
  "  hra_name TEXT, hra_parent_note_en TEXT, hra_parent_note_zh_tw TEXT, hra_parent_note_zh_cn TEXT,"
  "  fma TEXT, uberon TEXT, ta98 TEXT, ta_term TEXT, variant_only INTEGER,"
  "  file TEXT, line INTEGER, length_mm REAL, length_source TEXT);"
  "CREATE TABLE device (id TEXT PRIMARY KEY, ord INTEGER, type TEXT, name TEXT, maker TEXT, french REAL,"
  "  outer_mm REAL, inner_mm REAL, wire_in REAL, length_cm REAL, notes_en TEXT, notes_zh_tw TEXT,"
  "  notes_zh_cn TEXT);"
  "CREATE TABLE device_source (device TEXT, source TEXT, ord INTEGER);"
  "CREATE TABLE vessel_region (vessel TEXT, region TEXT, explicit INTEGER);"
  "CREATE TABLE vessel_source (vessel TEXT, source TEXT, ord INTEGER);"
  "CREATE TABLE vessel_term (vessel TEXT, lang TEXT, kind TEXT, text TEXT, ord INTEGER);"
  "CREATE VIRTUAL TABLE term_fts USING fts5 (text, vessel UNINDEXED, tokenize = 'trigram');"
  "CREATE TABLE access (id TEXT PRIMARY KEY, ord INTEGER, vessel TEXT, direction TEXT,"
  "  name_en TEXT, name_zh_tw TEXT, name_zh_cn TEXT, abbr TEXT,"
  "  sheath_min REAL, sheath_max REAL, notes_en TEXT, notes_zh_tw TEXT, notes_zh_cn TEXT);"
  "CREATE TABLE access_source (access TEXT, source TEXT, ord INTEGER);"
  "CREATE TABLE variant (id TEXT PRIMARY KEY, grp TEXT, ord INTEGER,"
  "  name_en TEXT, name_zh_tw TEXT, name_zh_cn TEXT,"
  "  description_en TEXT, description_zh_tw TEXT, description_zh_cn TEXT, is_default INTEGER);"
  "CREATE TABLE variant_frequency (variant TEXT, percent REAL, source TEXT, ord INTEGER);"
  "CREATE TABLE variant_reparent (variant TEXT, child TEXT, parent TEXT);"
  "CREATE TABLE variant_add (variant TEXT, vessel TEXT);"
  "CREATE TABLE drawing (id TEXT PRIMARY KEY, region TEXT, width REAL, height REAL, midline INTEGER,"
  "  artwork TEXT);"
  "CREATE TABLE course (id TEXT PRIMARY KEY, ord INTEGER, drawing TEXT, vessel TEXT, points TEXT);"
  "CREATE TABLE territory (id TEXT PRIMARY KEY, ord INTEGER, drawing TEXT, vessel TEXT, polygon TEXT);"
  "CREATE INDEX vessel_term_text ON vessel_term (text);"
  /* The loader reads every list by its owner's id. */
  "CREATE INDEX vessel_term_vessel ON vessel_term (vessel, kind, lang, ord);"
  "CREATE INDEX vessel_region_vessel ON vessel_region (vessel);"
  "CREATE INDEX vessel_source_vessel ON vessel_source (vessel, ord);"
  "CREATE INDEX region_source_region ON region_source (region, ord);"
  "CREATE INDEX access_source_access ON access_source (access, ord);"
  "CREATE INDEX device_source_device ON device_source (device, ord);"
  "CREATE INDEX variant_frequency_variant ON variant_frequency (variant, ord);"
  "CREATE INDEX variant_reparent_variant ON variant_reparent (variant);"
  "CREATE INDEX variant_add_variant ON variant_add (variant);"
  "CREATE INDEX course_drawing ON course (drawing, ord);"
  "CREATE INDEX territory_drawing ON territory (drawing, ord);"
  "CREATE INDEX vessel_region_region ON vessel_region (region);";

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Runs @sql with each '?' bound, in order, to the strings of @values (NULL
 * binds NULL; a value starting with "\x01" binds the number after it). */
static gboolean
insert_row (sqlite3     *db,
            const char  *sql,
            const char **values,
            guint        n_values,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  for (guint i = 0; i < n_values; i++)
    {
      if (values[i] == NULL)
        sqlite3_bind_null (stmt, i + 1);
      else if (values[i][0] == '\x01')
        sqlite3_bind_double (stmt, i + 1, g_ascii_strtod (values[i] + 1, NULL));
      else
        sqlite3_bind_text (stmt, i + 1, values[i], -1, SQLITE_TRANSIENT);
    }
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s", sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

#define INSERT(db, sql, error, ...) \
  insert_row (db, sql, (const char *[]) { __VA_ARGS__ }, \
              G_N_ELEMENTS (((const char *[]) { __VA_ARGS__ })), error)

static char *
number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  return g_strconcat ("\x01", g_ascii_dtostr (buf, sizeof buf, value), NULL);
}

static gboolean
write_list (sqlite3                *db,
            const char             *sql,
            const RamusAtlasBlock  *block,
            const char             *key,
            GError                **error)
{
  g_auto(GStrv) ids = ramus_atlas_split_list (ramus_atlas_block_get (block, key), ',');
  for (guint i = 0; ids[i]; i++)
    {
      g_autofree char *ord = number (i);
      if (!INSERT (db, sql, error, block->id, ids[i], ord))
        return FALSE;
    }
  return TRUE;
}

#define GET(b, k) ramus_atlas_block_get (b, k)

static gboolean
write_vessel (RamusAtlasCompiler     *self,
              sqlite3                *db,
              const RamusAtlasBlock  *b,
              guint                   ord,
              GError                **error)
{
  const RamusHraRow *row = GET (b, "hra") && self->hra ? ramus_hra_table_lookup (self->hra, GET (b, "hra")) : NULL;
  g_autofree char *ord_s = number (ord);
  g_autofree char *line_s = number (b->line);
  g_autofree char *min_s = NULL, *max_s = NULL;
  g_auto(GStrv) explicit_regions = ramus_atlas_split_list (GET (b, "regions"), ',');
  GHashTable *regions = g_hash_table_lookup (self->regions_of, b->id);
  const char *fma = GET (b, "fma") ? GET (b, "fma") : (row ? row->fma : NULL);
  const char *uberon = GET (b, "uberon") ? GET (b, "uberon") : (row ? row->uberon : NULL);
  double min = 0, max = 0;
  guint term_ord = 0;

  parse_range (GET (b, "diameter"), &min, &max);
  min_s = number (min);
  max_s = number (max);

  g_autofree char *length_s = GET (b, "length") ? g_strconcat ("\x01", GET (b, "length"), NULL) : NULL;

  if (!INSERT (db, "INSERT INTO vessel VALUES (?,?,?,?,?,?,?, ?,?,?, ?,?,?, ?,?,?, ?,?,?, ?,?,?,?, ?,?,?,?,?, ?,?, ?,?)", error,
               b->id, ord_s, GET (b, "parent"), GET (b, "parent.left"), GET (b, "parent.right"),
               GET (b, "laterality"), GET (b, "kind"),
               GET (b, "name.en"), GET (b, "name.zh_TW"), GET (b, "name.zh_CN"),
               min_s, max_s, GET (b, "diameter.source"),
               GET (b, "territory.en"), GET (b, "territory.zh_TW"), GET (b, "territory.zh_CN"),
               GET (b, "notes.en"), GET (b, "notes.zh_TW"), GET (b, "notes.zh_CN"),
               GET (b, "hra"), GET (b, "hra.parent.en"), GET (b, "hra.parent.zh_TW"), GET (b, "hra.parent.zh_CN"),
               fma, uberon, GET (b, "ta98"), row ? row->ta_term : NULL,
               g_strcmp0 (GET (b, "variant-only"), "yes") == 0 ? "\x01" "1" : "\x01" "0",
               b->file, line_s, length_s, GET (b, "length.source")))
    return FALSE;

  if (regions)
    {
      GHashTableIter iter;
      gpointer region;
      g_hash_table_iter_init (&iter, regions);
      while (g_hash_table_iter_next (&iter, &region, NULL))
        if (!INSERT (db, "INSERT INTO vessel_region VALUES (?,?,?)", error, b->id, region,
                     g_strv_contains ((const char * const *) explicit_regions, region) ? "\x01" "1" : "\x01" "0"))
          return FALSE;
    }
  if (!write_list (db, "INSERT INTO vessel_source VALUES (?,?,?)", b, "sources", error))
    return FALSE;

  for (guint i = 0; i < b->entries->len; i++)
    {
      const RamusAtlasEntry *entry = g_ptr_array_index (b->entries, i);
      const char *lang = NULL, *kind = NULL;
      g_auto(GStrv) items = NULL;

      if (g_str_has_prefix (entry->key, "name."))
        {
          kind = "name";
          lang = entry->key + strlen ("name.");
          items = g_new0 (char *, 2);
          items[0] = g_strdup (entry->value);
        }
      else if (g_str_equal (entry->key, "abbr"))
        {
          kind = "abbr";
          lang = "";
          items = ramus_atlas_split_list (entry->value, ';');
        }
      else if (g_str_has_prefix (entry->key, "synonyms."))
        {
          kind = "synonym";
          lang = entry->key + strlen ("synonyms.");
          items = ramus_atlas_split_list (entry->value, ';');
        }
      else
        continue;

      for (guint j = 0; items[j]; j++)
        {
          g_autofree char *term_ord_s = number (term_ord++);
          if (!INSERT (db, "INSERT INTO vessel_term VALUES (?,?,?,?,?)", error,
                       b->id, lang, kind, items[j], term_ord_s) ||
              !INSERT (db, "INSERT INTO term_fts (text, vessel) VALUES (?,?)", error, items[j], b->id))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_block (RamusAtlasCompiler     *self,
             sqlite3                *db,
             const RamusAtlasBlock  *b,
             guint                   ord,
             GError                **error)
{
  g_autofree char *ord_s = number (ord);

  if (g_str_equal (b->kind, "vessel"))
    return write_vessel (self, db, b, ord, error);

  if (g_str_equal (b->kind, "source"))
    return INSERT (db, "INSERT INTO source VALUES (?,?,?,?,?,?)", error,
                   b->id, ord_s, GET (b, "citation"), GET (b, "doi"), GET (b, "url"), GET (b, "licence"));

  if (g_str_equal (b->kind, "region"))
    {
      g_autofree char *order = g_strconcat ("\x01", GET (b, "order"), NULL);
      return INSERT (db, "INSERT INTO region VALUES (?,?,?,?,?,?,?,?)", error,
                     b->id, order, GET (b, "name.en"), GET (b, "name.zh_TW"), GET (b, "name.zh_CN"),
                     GET (b, "procedure.en"), GET (b, "procedure.zh_TW"), GET (b, "procedure.zh_CN")) &&
             write_list (db, "INSERT INTO region_source VALUES (?,?,?)", b, "sources", error);
    }

  if (g_str_equal (b->kind, "access"))
    {
      double min = 0, max = 0;
      g_autofree char *min_s = NULL, *max_s = NULL;
      parse_range (GET (b, "sheath"), &min, &max);
      min_s = number (min);
      max_s = number (max);
      return INSERT (db, "INSERT INTO access VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", error,
                     b->id, ord_s, GET (b, "vessel"), GET (b, "direction"),
                     GET (b, "name.en"), GET (b, "name.zh_TW"), GET (b, "name.zh_CN"), GET (b, "abbr"),
                     min_s, max_s, GET (b, "notes.en"), GET (b, "notes.zh_TW"), GET (b, "notes.zh_CN")) &&
             write_list (db, "INSERT INTO access_source VALUES (?,?,?)", b, "sources", error);
    }

  if (g_str_equal (b->kind, "variant"))
    {
      g_autofree char *order = g_strconcat ("\x01", GET (b, "order"), NULL);
      guint freq_ord = 0;

      if (!INSERT (db, "INSERT INTO variant VALUES (?,?,?,?,?,?,?,?,?,?)", error,
                   b->id, GET (b, "group"), order,
                   GET (b, "name.en"), GET (b, "name.zh_TW"), GET (b, "name.zh_CN"),
                   GET (b, "description.en"), GET (b, "description.zh_TW"), GET (b, "description.zh_CN"),
                   g_strcmp0 (GET (b, "default"), "yes") == 0 ? "\x01" "1" : "\x01" "0"))
        return FALSE;
      for (guint i = 0; i < b->entries->len; i++)
        {
          const RamusAtlasEntry *entry = g_ptr_array_index (b->entries, i);
          if (g_str_equal (entry->key, "frequency"))
            {
              g_auto(GStrv) words = g_strsplit_set (entry->value, " \t", -1);
              g_autoptr(GPtrArray) parts = g_ptr_array_new ();
              g_autofree char *percent = NULL, *f_ord = number (freq_ord++);
              for (guint j = 0; words[j]; j++)
                if (*words[j])
                  g_ptr_array_add (parts, words[j]);
              percent = g_strconcat ("\x01", (char *) g_ptr_array_index (parts, 0), NULL);
              if (g_str_has_suffix (percent, "%"))
                percent[strlen (percent) - 1] = '\0';
              if (!INSERT (db, "INSERT INTO variant_frequency VALUES (?,?,?,?)", error,
                           b->id, percent, g_ptr_array_index (parts, 1), f_ord))
                return FALSE;
            }
          else if (g_str_equal (entry->key, "reparent"))
            {
              g_auto(GStrv) parts = g_strsplit (entry->value, ">", 2);
              if (!INSERT (db, "INSERT INTO variant_reparent VALUES (?,?,?)", error,
                           b->id, g_strstrip (parts[0]), g_strstrip (parts[1])))
                return FALSE;
            }
          else if (g_str_equal (entry->key, "adds"))
            {
              g_auto(GStrv) ids = ramus_atlas_split_list (entry->value, ',');
              for (guint j = 0; ids[j]; j++)
                if (!INSERT (db, "INSERT INTO variant_add VALUES (?,?)", error, b->id, ids[j]))
                  return FALSE;
            }
        }
      return TRUE;
    }

  if (g_str_equal (b->kind, "device"))
    {
#define NUM_OR_NULL(key) (GET (b, key) ? g_strconcat ("\x01", GET (b, key), NULL) : NULL)
      g_autofree char *french = NUM_OR_NULL ("french"), *outer = NUM_OR_NULL ("outer_mm");
      g_autofree char *inner = NUM_OR_NULL ("inner_mm"), *wire = NUM_OR_NULL ("wire_in");
      g_autofree char *length = NUM_OR_NULL ("length_cm");
#undef NUM_OR_NULL
      return INSERT (db, "INSERT INTO device VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", error,
                     b->id, ord_s, GET (b, "type"), GET (b, "name"), GET (b, "maker"), french, outer, inner,
                     wire, length, GET (b, "notes.en"), GET (b, "notes.zh_TW"), GET (b, "notes.zh_CN")) &&
             write_list (db, "INSERT INTO device_source VALUES (?,?,?)", b, "sources", error);
    }
  if (g_str_equal (b->kind, "drawing"))
    {
      double width = 0, height = 0;
      g_autofree char *w = NULL, *h = NULL;
      drawing_size (b, &width, &height);
      w = number (width);
      h = number (height);
      return INSERT (db, "INSERT INTO drawing VALUES (?,?,?,?,?,?)", error,
                     b->id, GET (b, "region"), w, h,
                     g_strcmp0 (GET (b, "midline"), "yes") == 0 ? "\x01" "1" : "\x01" "0",
                     g_hash_table_lookup (self->artwork, b->id));
    }
  if (g_str_equal (b->kind, "course"))
    return INSERT (db, "INSERT INTO course VALUES (?,?,?,?,?)", error,
                   b->id, ord_s, GET (b, "drawing"), GET (b, "vessel"), GET (b, "points"));
  if (g_str_equal (b->kind, "territory"))
    return INSERT (db, "INSERT INTO territory VALUES (?,?,?,?,?)", error,
                   b->id, ord_s, GET (b, "drawing"), GET (b, "vessel"), GET (b, "polygon"));

  g_assert_not_reached ();
  return FALSE;
}

gboolean
ramus_atlas_compiler_write (RamusAtlasCompiler  *self,
                            const char          *db_path,
                            GError             **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *version = NULL;
  sqlite3 *db = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->checked && !ramus_atlas_compiler_check (self))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the atlas sources have errors");
      return FALSE;
    }
  if (self->errors->len > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the atlas sources have errors");
      return FALSE;
    }

  /* Written beside the target and renamed, so a failed build never leaves a
   * half-written atlas behind. */
  tmp_path = g_strconcat (db_path, ".tmp", NULL);
  g_unlink (tmp_path);
  if (sqlite3_open (tmp_path, &db) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", tmp_path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }

  version = g_strdup_printf ("PRAGMA user_version = %d;", RAMUS_ATLAS_SCHEMA_VERSION);
  if (!exec_sql (db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;", error) ||
      !exec_sql (db, schema_sql, error) ||
      !exec_sql (db, version, error) ||
      !INSERT (db, "INSERT INTO meta VALUES (?,?)", error, "format", "ramus-atlas"))
    goto out;

  for (guint i = 0, ord = 0; i < self->blocks->len; i++)
    if (!write_block (self, db, g_ptr_array_index (self->blocks, i), ord++, error))
      goto out;

  if (!exec_sql (db, "COMMIT; INSERT INTO term_fts (term_fts) VALUES ('optimize'); VACUUM;", error))
    goto out;

  ok = TRUE;
out:
  sqlite3_close (db);
  if (ok && g_rename (tmp_path, db_path) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), "%s: %s", db_path, g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp_path);
  return ok;
}
