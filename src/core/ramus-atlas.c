/* ramus-atlas.c — the read-only atlas, loaded from the compiled SQLite file
 *
 * The whole atlas is small (hundreds of vessels), so it is read into plain
 * structs once; the database stays open for the FTS5 name index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-atlas"

#include "config.h"

#include "ramus-atlas.h"
#include "ramus-atlas-compiler.h"
#include "ramus-text.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (ramus-atlas-error-quark, ramus_atlas_error)

static const char * const lang_columns[] = { "en", "zh_tw", "zh_cn" };
static const char * const lang_names[] = { "en", "zh_TW", "zh_CN" };

/* A searchable term of a vessel, kept folded for comparison. */
typedef struct
{
  guint vessel;
  char *text;
  char *folded;
  char **words;
  gboolean preferred;   /* a preferred name rather than a synonym */
  gboolean latin;       /* English, an abbreviation or the id: typo-tolerant */
} Term;

struct _RamusAtlas
{
  GObject parent_instance;

  sqlite3 *db;
  GBytes *bytes;             /* keeps a deserialized database alive */

  GPtrArray *regions;        /* RamusRegion*, in chooser order */
  GPtrArray *vessels;        /* RamusVessel*, in authored order */
  GPtrArray *access_sites;
  GPtrArray *variants;
  GPtrArray *sources;
  GPtrArray *drawings;
  GPtrArray *devices;
  GHashTable *vessel_by_id;
  GHashTable *vessel_by_term;  /* folded term -> RamusVessel */
  GHashTable *source_by_id;
  GArray *terms;               /* of Term */
};

G_DEFINE_FINAL_TYPE (RamusAtlas, ramus_atlas, G_TYPE_OBJECT)

static void
free_langs (char **strings)
{
  for (guint l = 0; l < RAMUS_N_LANGS; l++)
    g_free (strings[l]);
}

static void
region_free (RamusRegion *region)
{
  g_free (region->id);
  free_langs (region->names);
  free_langs (region->procedures);
  g_strfreev (region->sources);
  g_free (region);
}

static void
vessel_free (RamusVessel *v)
{
  g_free (v->id);
  g_free (v->parent);
  g_free (v->parent_left);
  g_free (v->parent_right);
  free_langs (v->names);
  g_strfreev (v->abbreviations);
  for (guint l = 0; l < RAMUS_N_LANGS; l++)
    g_strfreev (v->synonyms[l]);
  g_free (v->diameter_source);
  free_langs (v->territory);
  free_langs (v->notes);
  g_free (v->hra_name);
  free_langs (v->hra_parent_note);
  g_free (v->fma);
  g_free (v->uberon);
  g_free (v->ta98);
  g_free (v->ta_term);
  g_strfreev (v->regions);
  g_strfreev (v->sources);
  g_free (v->file);
  g_free (v->length_source);
  g_free (v);
}

static void
device_free (RamusDevice *d)
{
  g_free (d->id);
  g_free (d->name);
  g_free (d->maker);
  free_langs (d->notes);
  g_strfreev (d->sources);
  g_free (d);
}

static void
access_free (RamusAccessSite *a)
{
  g_free (a->id);
  g_free (a->vessel);
  g_free (a->direction);
  free_langs (a->names);
  g_free (a->abbr);
  free_langs (a->notes);
  g_strfreev (a->sources);
  g_free (a);
}

static void
variant_free (RamusVariant *v)
{
  g_free (v->id);
  g_free (v->group);
  free_langs (v->names);
  free_langs (v->descriptions);
  for (guint i = 0; i < v->frequencies->len; i++)
    g_free (g_array_index (v->frequencies, RamusFrequency, i).source);
  g_array_unref (v->frequencies);
  g_hash_table_unref (v->reparent);
  g_strfreev (v->adds);
  g_free (v);
}

static void
source_free (RamusSource *s)
{
  g_free (s->id);
  g_free (s->citation);
  g_free (s->doi);
  g_free (s->url);
  g_free (s->licence);
  g_free (s);
}

static void
course_free (RamusCourse *c)
{
  g_free (c->id);
  g_array_unref (c->vertices);
  g_free (c);
}

static void
territory_free (RamusTerritory *t)
{
  g_free (t->id);
  g_array_unref (t->polygon);
  g_free (t);
}

static void
drawing_free (RamusDrawing *d)
{
  g_free (d->id);
  g_free (d->region);
  g_free (d->artwork_svg);
  g_ptr_array_unref (d->courses);
  g_ptr_array_unref (d->territories);
  g_free (d);
}

static void
term_clear (Term *term)
{
  g_free (term->text);
  g_free (term->folded);
  g_strfreev (term->words);
}

static void
ramus_atlas_finalize (GObject *object)
{
  RamusAtlas *self = RAMUS_ATLAS (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->vessel_by_id, g_hash_table_unref);
  g_clear_pointer (&self->vessel_by_term, g_hash_table_unref);
  g_clear_pointer (&self->source_by_id, g_hash_table_unref);
  g_clear_pointer (&self->terms, g_array_unref);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->vessels, g_ptr_array_unref);
  g_clear_pointer (&self->access_sites, g_ptr_array_unref);
  g_clear_pointer (&self->variants, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->drawings, g_ptr_array_unref);
  g_clear_pointer (&self->devices, g_ptr_array_unref);

  G_OBJECT_CLASS (ramus_atlas_parent_class)->finalize (object);
}

static void
ramus_atlas_class_init (RamusAtlasClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ramus_atlas_finalize;
}

static void
ramus_atlas_init (RamusAtlas *self)
{
  self->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  self->vessels = g_ptr_array_new_with_free_func ((GDestroyNotify) vessel_free);
  self->access_sites = g_ptr_array_new_with_free_func ((GDestroyNotify) access_free);
  self->variants = g_ptr_array_new_with_free_func ((GDestroyNotify) variant_free);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  self->drawings = g_ptr_array_new_with_free_func ((GDestroyNotify) drawing_free);
  self->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) device_free);
  self->vessel_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->vessel_by_term = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->source_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (self->terms, (GDestroyNotify) term_clear);
}

/* --- loading ---------------------------------------------------------- */

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text ? g_strdup ((const char *) text) : NULL;
}

static sqlite3_stmt *
prepare (RamusAtlas  *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_FORMAT,
                   "not a Ramus atlas: %s", sqlite3_errmsg (self->db));
      return NULL;
    }
  return stmt;
}

/* Collects column 0 of @sql run with @id bound, as a string vector. */
static char **
query_list (RamusAtlas *self,
            const char *sql,
            const char *id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return g_strv_builder_end (builder);
}

static void
add_term (RamusAtlas *self,
          guint       vessel,
          const char *text,
          gboolean    preferred,
          gboolean    latin)
{
  Term term = { 0 };
  RamusVessel *v = g_ptr_array_index (self->vessels, vessel);

  if (text == NULL || *text == '\0')
    return;
  term.vessel = vessel;
  term.text = g_strdup (text);
  term.folded = ramus_text_fold (text);
  term.words = g_strsplit (term.folded, " ", -1);
  term.preferred = preferred;
  term.latin = latin;
  if (!g_hash_table_contains (self->vessel_by_term, term.folded))
    g_hash_table_insert (self->vessel_by_term, g_strdup (term.folded), v);
  g_array_append_val (self->terms, term);
}

/* "x y r, x y r, …" (or "x y, …" for polygons) into RamusVertex. */
static GArray *
parse_vertices (const char *text,
                guint       per)
{
  GArray *vertices = g_array_new (FALSE, TRUE, sizeof (RamusVertex));
  g_auto(GStrv) items = g_strsplit (text ? text : "", ",", -1);

  for (guint i = 0; items[i]; i++)
    {
      RamusVertex v = { 0 };
      double values[3] = { 0 };
      guint n = 0;
      g_auto(GStrv) words = g_strsplit_set (items[i], " \t", -1);
      for (guint j = 0; words[j] && n < per; j++)
        if (*words[j])
          values[n++] = g_ascii_strtod (words[j], NULL);
      if (n < 2)
        continue;
      v.x = values[0];
      v.y = values[1];
      v.r = per == 3 ? values[2] : 0;
      g_array_append_val (vertices, v);
    }
  return vertices;
}

static gboolean
load_drawings (RamusAtlas  *self,
               GError     **error)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT id, region, width, height, midline, artwork FROM drawing", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RamusDrawing *d = g_new0 (RamusDrawing, 1);
      d->id = column_text (stmt, 0);
      d->region = column_text (stmt, 1);
      d->width = sqlite3_column_double (stmt, 2);
      d->height = sqlite3_column_double (stmt, 3);
      d->midline = sqlite3_column_int (stmt, 4) != 0;
      d->artwork_svg = column_text (stmt, 5);
      d->courses = g_ptr_array_new_with_free_func ((GDestroyNotify) course_free);
      d->territories = g_ptr_array_new_with_free_func ((GDestroyNotify) territory_free);
      g_ptr_array_add (self->drawings, d);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < self->drawings->len; i++)
    {
      RamusDrawing *d = g_ptr_array_index (self->drawings, i);

      stmt = prepare (self, "SELECT id, vessel, points FROM course WHERE drawing = ? ORDER BY ord", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, d->id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          RamusCourse *c = g_new0 (RamusCourse, 1);
          c->id = column_text (stmt, 0);
          c->vessel = g_hash_table_lookup (self->vessel_by_id, sqlite3_column_text (stmt, 1));
          c->vertices = parse_vertices ((const char *) sqlite3_column_text (stmt, 2), 3);
          g_ptr_array_add (d->courses, c);
        }
      sqlite3_finalize (stmt);

      stmt = prepare (self, "SELECT id, vessel, polygon FROM territory WHERE drawing = ? ORDER BY ord", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, d->id, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          RamusTerritory *t = g_new0 (RamusTerritory, 1);
          t->id = column_text (stmt, 0);
          t->vessel = g_hash_table_lookup (self->vessel_by_id, sqlite3_column_text (stmt, 1));
          t->polygon = parse_vertices ((const char *) sqlite3_column_text (stmt, 2), 2);
          g_ptr_array_add (d->territories, t);
        }
      sqlite3_finalize (stmt);
    }
  return TRUE;
}

static gboolean
load_all (RamusAtlas  *self,
          GError     **error)
{
  sqlite3_stmt *stmt;
  int version = -1;

  stmt = prepare (self, "PRAGMA user_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  stmt = prepare (self, "SELECT value FROM meta WHERE key = 'format'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ramus-atlas") != 0 ||
      version != RAMUS_ATLAS_SCHEMA_VERSION)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_FORMAT,
                   "not a Ramus atlas of schema version %d", RAMUS_ATLAS_SCHEMA_VERSION);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  stmt = prepare (self, "SELECT id, citation, doi, url, licence FROM source ORDER BY ord", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RamusSource *s = g_new0 (RamusSource, 1);
      s->id = column_text (stmt, 0);
      s->citation = column_text (stmt, 1);
      s->doi = column_text (stmt, 2);
      s->url = column_text (stmt, 3);
      s->licence = column_text (stmt, 4);
      g_ptr_array_add (self->sources, s);
      g_hash_table_insert (self->source_by_id, s->id, s);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (self, "SELECT id, ord, name_en, name_zh_tw, name_zh_cn, procedure_en, procedure_zh_tw,"
                        " procedure_zh_cn FROM region ORDER BY ord, id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RamusRegion *r = g_new0 (RamusRegion, 1);
      r->id = column_text (stmt, 0);
      r->order = sqlite3_column_int (stmt, 1);
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        {
          r->names[l] = column_text (stmt, 2 + l);
          r->procedures[l] = column_text (stmt, 5 + l);
        }
      r->sources = query_list (self, "SELECT source FROM region_source WHERE region = ? ORDER BY ord", r->id);
      g_ptr_array_add (self->regions, r);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (self,
                  "SELECT id, parent, parent_left, parent_right, laterality, kind,"
                  " name_en, name_zh_tw, name_zh_cn, diameter_min, diameter_max, diameter_source,"
                  " territory_en, territory_zh_tw, territory_zh_cn, notes_en, notes_zh_tw, notes_zh_cn,"
                  " hra_name, hra_parent_note_en, hra_parent_note_zh_tw, hra_parent_note_zh_cn,"
                  " fma, uberon, ta98, ta_term, variant_only, file, line, length_mm, length_source"
                  " FROM vessel ORDER BY ord",
                  error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RamusVessel *v = g_new0 (RamusVessel, 1);
      g_autofree char *laterality = NULL, *kind = NULL;

      v->index = self->vessels->len;
      v->id = column_text (stmt, 0);
      v->parent = column_text (stmt, 1);
      v->parent_left = column_text (stmt, 2);
      v->parent_right = column_text (stmt, 3);
      laterality = column_text (stmt, 4);
      kind = column_text (stmt, 5);
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        {
          v->names[l] = column_text (stmt, 6 + l);
          v->territory[l] = column_text (stmt, 12 + l);
          v->notes[l] = column_text (stmt, 15 + l);
          v->hra_parent_note[l] = column_text (stmt, 19 + l);
        }
      v->diameter_min = sqlite3_column_double (stmt, 9);
      v->diameter_max = sqlite3_column_double (stmt, 10);
      v->diameter_source = column_text (stmt, 11);
      v->hra_name = column_text (stmt, 18);
      v->fma = column_text (stmt, 22);
      v->uberon = column_text (stmt, 23);
      v->ta98 = column_text (stmt, 24);
      v->ta_term = column_text (stmt, 25);
      v->variant_only = sqlite3_column_int (stmt, 26) != 0;
      v->file = column_text (stmt, 27);
      v->line = sqlite3_column_int (stmt, 28);
      v->length_mm = sqlite3_column_double (stmt, 29);
      v->length_source = column_text (stmt, 30);

      v->laterality = g_strcmp0 (laterality, "midline") == 0 ? RAMUS_LATERALITY_MIDLINE
                    : g_strcmp0 (laterality, "right") == 0 ? RAMUS_LATERALITY_RIGHT
                    : g_strcmp0 (laterality, "left") == 0 ? RAMUS_LATERALITY_LEFT
                    : RAMUS_LATERALITY_PAIRED;
      v->kind = g_strcmp0 (kind, "trunk") == 0 ? RAMUS_VESSEL_TRUNK
              : g_strcmp0 (kind, "feeder") == 0 ? RAMUS_VESSEL_FEEDER
              : g_strcmp0 (kind, "danger") == 0 ? RAMUS_VESSEL_DANGER
              : g_strcmp0 (kind, "collateral") == 0 ? RAMUS_VESSEL_COLLATERAL
              : RAMUS_VESSEL_BRANCH;

      v->regions = query_list (self,
                               "SELECT vr.region FROM vessel_region vr JOIN region r ON r.id = vr.region"
                               " WHERE vr.vessel = ? ORDER BY r.ord", v->id);
      v->sources = query_list (self, "SELECT source FROM vessel_source WHERE vessel = ? ORDER BY ord", v->id);
      v->abbreviations = query_list (self,
                                     "SELECT text FROM vessel_term WHERE vessel = ? AND kind = 'abbr' ORDER BY ord",
                                     v->id);
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        {
          g_autofree char *sql = g_strdup_printf (
            "SELECT text FROM vessel_term WHERE vessel = ? AND kind = 'synonym' AND lang = '%s' ORDER BY ord",
            lang_names[l]);
          v->synonyms[l] = query_list (self, sql, v->id);
        }

      g_ptr_array_add (self->vessels, v);
      g_hash_table_insert (self->vessel_by_id, v->id, v);
    }
  sqlite3_finalize (stmt);

  /* Terms: preferred names first so an exact lookup prefers them. */
  for (guint i = 0; i < self->vessels->len; i++)
    {
      RamusVessel *v = g_ptr_array_index (self->vessels, i);
      add_term (self, i, v->id, FALSE, TRUE);
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        add_term (self, i, v->names[l], TRUE, l == RAMUS_LANG_EN);
      for (guint a = 0; v->abbreviations[a]; a++)
        add_term (self, i, v->abbreviations[a], FALSE, TRUE);
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        for (guint s = 0; v->synonyms[l][s]; s++)
          add_term (self, i, v->synonyms[l][s], FALSE, l == RAMUS_LANG_EN);
    }

  stmt = prepare (self, "SELECT id, vessel, direction, name_en, name_zh_tw, name_zh_cn, abbr, sheath_min,"
                        " sheath_max, notes_en, notes_zh_tw, notes_zh_cn FROM access ORDER BY ord", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RamusAccessSite *a = g_new0 (RamusAccessSite, 1);
      a->id = column_text (stmt, 0);
      a->vessel = column_text (stmt, 1);
      a->direction = column_text (stmt, 2);
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        {
          a->names[l] = column_text (stmt, 3 + l);
          a->notes[l] = column_text (stmt, 9 + l);
        }
      a->abbr = column_text (stmt, 6);
      a->sheath_min = sqlite3_column_double (stmt, 7);
      a->sheath_max = sqlite3_column_double (stmt, 8);
      a->sources = query_list (self, "SELECT source FROM access_source WHERE access = ? ORDER BY ord", a->id);
      g_ptr_array_add (self->access_sites, a);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (self, "SELECT id, grp, ord, name_en, name_zh_tw, name_zh_cn, description_en,"
                        " description_zh_tw, description_zh_cn, is_default FROM variant ORDER BY grp, ord", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RamusVariant *var = g_new0 (RamusVariant, 1);
      sqlite3_stmt *sub = NULL;

      var->id = column_text (stmt, 0);
      var->group = column_text (stmt, 1);
      var->order = sqlite3_column_int (stmt, 2);
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        {
          var->names[l] = column_text (stmt, 3 + l);
          var->descriptions[l] = column_text (stmt, 6 + l);
        }
      var->is_default = sqlite3_column_int (stmt, 9) != 0;
      var->frequencies = g_array_new (FALSE, TRUE, sizeof (RamusFrequency));
      var->reparent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      var->adds = query_list (self, "SELECT vessel FROM variant_add WHERE variant = ?", var->id);

      if (sqlite3_prepare_v2 (self->db, "SELECT percent, source FROM variant_frequency WHERE variant = ?"
                                        " ORDER BY ord", -1, &sub, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (sub, 1, var->id, -1, SQLITE_STATIC);
          while (sqlite3_step (sub) == SQLITE_ROW)
            {
              RamusFrequency f = { sqlite3_column_double (sub, 0), column_text (sub, 1) };
              g_array_append_val (var->frequencies, f);
            }
        }
      sqlite3_finalize (sub);
      if (sqlite3_prepare_v2 (self->db, "SELECT child, parent FROM variant_reparent WHERE variant = ?",
                              -1, &sub, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (sub, 1, var->id, -1, SQLITE_STATIC);
          while (sqlite3_step (sub) == SQLITE_ROW)
            g_hash_table_insert (var->reparent, column_text (sub, 0), column_text (sub, 1));
        }
      sqlite3_finalize (sub);
      g_ptr_array_add (self->variants, var);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (self, "SELECT id, type, name, maker, french, outer_mm, inner_mm, wire_in, length_cm,"
                        " notes_en, notes_zh_tw, notes_zh_cn FROM device ORDER BY ord", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RamusDevice *d = g_new0 (RamusDevice, 1);
      g_autofree char *type = NULL;
      d->id = column_text (stmt, 0);
      type = column_text (stmt, 1);
      d->type = g_strcmp0 (type, "sheath") == 0 ? RAMUS_DEVICE_SHEATH
              : g_strcmp0 (type, "catheter") == 0 ? RAMUS_DEVICE_CATHETER
              : g_strcmp0 (type, "microcatheter") == 0 ? RAMUS_DEVICE_MICROCATHETER
              : RAMUS_DEVICE_GUIDEWIRE;
      d->name = column_text (stmt, 2);
      d->maker = column_text (stmt, 3);
      d->french = sqlite3_column_double (stmt, 4);
      d->outer_mm = sqlite3_column_double (stmt, 5);
      d->inner_mm = sqlite3_column_double (stmt, 6);
      d->wire_in = sqlite3_column_double (stmt, 7);
      d->length_cm = sqlite3_column_double (stmt, 8);
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        d->notes[l] = column_text (stmt, 9 + l);
      d->sources = query_list (self, "SELECT source FROM device_source WHERE device = ? ORDER BY ord", d->id);
      g_ptr_array_add (self->devices, d);
    }
  sqlite3_finalize (stmt);

  return load_drawings (self, error);
}

RamusAtlas *
ramus_atlas_new_from_file (const char  *path,
                           GError     **error)
{
  g_autoptr(RamusAtlas) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_OPEN, "%s: no such atlas file", path);
      return NULL;
    }
  self = g_object_new (RAMUS_TYPE_ATLAS, NULL);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_OPEN, "%s: %s", path, sqlite3_errmsg (self->db));
      return NULL;
    }
  if (!load_all (self, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

RamusAtlas *
ramus_atlas_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(RamusAtlas) self = NULL;
  gsize size;
  const guchar *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (RAMUS_TYPE_ATLAS, NULL);
  self->bytes = g_bytes_ref (bytes);
  data = g_bytes_get_data (bytes, &size);
  if (sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_deserialize (self->db, "main", (guchar *) data, size, size,
                           SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
    {
      g_set_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_OPEN,
                   "cannot open the bundled atlas: %s", sqlite3_errmsg (self->db));
      return NULL;
    }
  if (!load_all (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The bundled atlas, or the file named by $RAMUS_ATLAS (for testing a
 * freshly compiled atlas without rebuilding Ramus). Shared per process. */
RamusAtlas *
ramus_atlas_get_default (GError **error)
{
  static RamusAtlas *atlas;
  const char *path;
  g_autoptr(GBytes) bytes = NULL;

  if (atlas != NULL)
    return atlas;

  path = g_getenv ("RAMUS_ATLAS");
  if (path && *path)
    atlas = ramus_atlas_new_from_file (path, error);
  else
    {
      bytes = g_resources_lookup_data (RESOURCE_PREFIX "/atlas/atlas.sqlite",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, error);
      if (bytes != NULL)
        atlas = ramus_atlas_new_from_bytes (bytes, error);
    }
  return atlas;
}

/* --- regions and vessels ---------------------------------------------- */

guint
ramus_atlas_get_n_regions (RamusAtlas *self)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), 0);
  return self->regions->len;
}

const RamusRegion *
ramus_atlas_get_region (RamusAtlas *self,
                        guint       index)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);
  g_return_val_if_fail (index < self->regions->len, NULL);
  return g_ptr_array_index (self->regions, index);
}

const RamusRegion *
ramus_atlas_lookup_region (RamusAtlas *self,
                           const char *name)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  folded = ramus_text_fold (name);
  for (guint i = 0; i < self->regions->len; i++)
    {
      const RamusRegion *r = g_ptr_array_index (self->regions, i);
      g_autofree char *id = ramus_text_fold (r->id);
      if (g_str_equal (id, folded))
        return r;
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        {
          g_autofree char *n = ramus_text_fold (r->names[l]);
          if (g_str_equal (n, folded))
            return r;
        }
    }
  return NULL;
}

guint
ramus_atlas_get_n_vessels (RamusAtlas *self)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), 0);
  return self->vessels->len;
}

const RamusVessel *
ramus_atlas_get_vessel (RamusAtlas *self,
                        guint       index)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);
  g_return_val_if_fail (index < self->vessels->len, NULL);
  return g_ptr_array_index (self->vessels, index);
}

/* An id, or any name, abbreviation or synonym in any language,
 * case-insensitively. The compiler guarantees these are unambiguous. */
const RamusVessel *
ramus_atlas_lookup (RamusAtlas *self,
                    const char *name)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_hash_table_contains (self->vessel_by_id, name))
    return g_hash_table_lookup (self->vessel_by_id, name);
  folded = ramus_text_fold (name);
  return g_hash_table_lookup (self->vessel_by_term, folded);
}

gboolean
ramus_atlas_vessel_present (const RamusVessel  *vessel,
                            const RamusVariant *variant)
{
  if (!vessel->variant_only)
    return TRUE;
  return variant != NULL && g_strv_contains ((const char * const *) variant->adds, vessel->id);
}

gboolean
ramus_atlas_vessel_in_region (const RamusVessel *vessel,
                              const char        *region_id)
{
  return region_id == NULL || g_strv_contains ((const char * const *) vessel->regions, region_id);
}

const RamusVessel *
ramus_atlas_get_parent (RamusAtlas         *self,
                        const RamusVessel  *vessel,
                        RamusSide           side,
                        const RamusVariant *variant)
{
  const char *parent = NULL;

  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);
  g_return_val_if_fail (vessel != NULL, NULL);

  if (variant != NULL)
    parent = g_hash_table_lookup (variant->reparent, vessel->id);
  if (parent == NULL)
    parent = side == RAMUS_SIDE_LEFT ? vessel->parent_left : vessel->parent_right;
  if (parent == NULL)
    parent = vessel->parent;
  return parent ? g_hash_table_lookup (self->vessel_by_id, parent) : NULL;
}

GPtrArray *
ramus_atlas_get_children (RamusAtlas         *self,
                          const RamusVessel  *vessel,
                          RamusSide           side,
                          const RamusVariant *variant)
{
  GPtrArray *children = g_ptr_array_new ();

  g_return_val_if_fail (RAMUS_IS_ATLAS (self), children);

  for (guint i = 0; i < self->vessels->len; i++)
    {
      const RamusVessel *v = g_ptr_array_index (self->vessels, i);
      if (ramus_atlas_vessel_present (v, variant) &&
          ramus_atlas_get_parent (self, v, side, variant) == vessel)
        g_ptr_array_add (children, (gpointer) v);
    }
  return children;
}

/* The chain from the root (the aorta) down to @vessel, inclusive. */
GPtrArray *
ramus_atlas_path (RamusAtlas         *self,
                  const RamusVessel  *vessel,
                  RamusSide           side,
                  const RamusVariant *variant)
{
  GPtrArray *path = g_ptr_array_new ();

  g_return_val_if_fail (RAMUS_IS_ATLAS (self), path);
  g_return_val_if_fail (vessel != NULL, path);

  for (const RamusVessel *v = vessel; v != NULL && path->len <= self->vessels->len;
       v = ramus_atlas_get_parent (self, v, side, variant))
    g_ptr_array_insert (path, 0, (gpointer) v);
  return path;
}

static void
append_subtree (RamusAtlas         *self,
                GArray             *rows,
                GHashTable         *members,
                GHashTable         *children_of,
                const RamusVessel  *vessel,
                guint               depth)
{
  RamusTreeRow row = { vessel, depth };
  GPtrArray *children = g_hash_table_lookup (children_of, vessel);

  g_array_append_val (rows, row);
  if (children)
    for (guint i = 0; i < children->len; i++)
      append_subtree (self, rows, members, children_of, g_ptr_array_index (children, i), depth + 1);
}

/* The vessels of a region as a depth-first tree, for the patient's side and
 * the chosen variant (variant-only vessels appear only where it adds them). */
GArray *
ramus_atlas_region_tree (RamusAtlas         *self,
                         const char         *region_id,
                         RamusSide           side,
                         const RamusVariant *variant)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (RamusTreeRow));
  g_autoptr(GHashTable) members = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) children_of = g_hash_table_new_full (NULL, NULL, NULL,
                                                             (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();

  g_return_val_if_fail (RAMUS_IS_ATLAS (self), rows);

  for (guint i = 0; i < self->vessels->len; i++)
    {
      const RamusVessel *v = g_ptr_array_index (self->vessels, i);
      if (ramus_atlas_vessel_in_region (v, region_id) && ramus_atlas_vessel_present (v, variant))
        g_hash_table_add (members, (gpointer) v);
    }
  for (guint i = 0; i < self->vessels->len; i++)
    {
      const RamusVessel *v = g_ptr_array_index (self->vessels, i);
      const RamusVessel *parent;
      GPtrArray *siblings;

      if (!g_hash_table_contains (members, v))
        continue;
      parent = ramus_atlas_get_parent (self, v, side, variant);
      if (parent == NULL || !g_hash_table_contains (members, parent))
        {
          g_ptr_array_add (roots, (gpointer) v);
          continue;
        }
      siblings = g_hash_table_lookup (children_of, parent);
      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (children_of, (gpointer) parent, siblings);
        }
      g_ptr_array_add (siblings, (gpointer) v);
    }
  for (guint i = 0; i < roots->len; i++)
    append_subtree (self, rows, members, children_of, g_ptr_array_index (roots, i), 0);
  return rows;
}

/* --- search ------------------------------------------------------------ */

/* Score tiers: an exact name beats a prefix beats a match at a word start
 * beats a substring beats all query words matched (with one typo each
 * allowed) beats a typo in a prefix. Within a tier, preferred names and
 * shorter terms (closer matches) rank first. */
enum
{
  SCORE_EXACT = 1000,
  SCORE_PREFIX = 800,
  SCORE_WORD_START = 600,
  SCORE_SUBSTRING = 400,
  SCORE_WORDS = 250,
  SCORE_TYPO = 150,
};

static guint
typo_limit (const char *word)
{
  glong n = g_utf8_strlen (word, -1);
  return n >= 9 ? 2 : n >= 4 ? 1 : 0;
}

/* Every query word matches some word of the term: exactly, as a prefix, or
 * within a typo. Returns the fraction of exact matches, or -1. */
static double
match_words (char       **query_words,
             const Term  *term)
{
  guint exact = 0, n = 0;

  for (guint i = 0; query_words[i]; i++)
    {
      const char *q = query_words[i];
      gboolean found = FALSE;

      if (*q == '\0')
        continue;
      n++;
      for (guint j = 0; term->words[j] && !found; j++)
        {
          const char *w = term->words[j];
          if (g_str_equal (w, q))
            {
              exact++;
              found = TRUE;
            }
          else if (g_str_has_prefix (w, q))
            found = TRUE;
          else if (term->latin && typo_limit (q) > 0)
            {
              guint limit = typo_limit (q);
              glong qlen = g_utf8_strlen (q, -1);
              /* A typo in the whole word, or in a prefix being typed. */
              if (ramus_text_edit_distance (q, w, limit) <= limit)
                found = TRUE;
              else if (g_utf8_strlen (w, -1) > qlen)
                {
                  g_autofree char *prefix = g_utf8_substring (w, 0, qlen);
                  found = ramus_text_edit_distance (q, prefix, limit) <= limit;
                }
            }
        }
      if (!found)
        return -1;
    }
  return n ? (double) exact / n : -1;
}

static double
score_term (const char  *query,
            char       **query_words,
            const Term  *term,
            gboolean     may_contain)
{
  const char *at = NULL;
  double base;

  if (!may_contain)
    {
      /* The name index says no term of this vessel contains the query. */
      double words = match_words (query_words, term);
      if (words < 0)
        return 0;
      base = SCORE_WORDS + 50 * words;
    }
  else if (g_str_equal (term->folded, query))
    base = SCORE_EXACT;
  else if (g_str_has_prefix (term->folded, query))
    base = SCORE_PREFIX;
  else if ((at = strstr (term->folded, query)) != NULL)
    base = (at[-1] == ' ') ? SCORE_WORD_START : SCORE_SUBSTRING;
  else
    {
      double words = match_words (query_words, term);
      if (words < 0)
        return 0;
      base = SCORE_WORDS + 50 * words;
    }

  /* Tie-breakers, all smaller than the gap between tiers. */
  base += term->preferred ? 20 : 0;
  base -= MIN (40.0, g_utf8_strlen (term->folded, -1) / 4.0);
  return base;
}

static gint
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const RamusSearchHit *ha = *(RamusSearchHit * const *) a;
  const RamusSearchHit *hb = *(RamusSearchHit * const *) b;

  if (ha->score != hb->score)
    return ha->score > hb->score ? -1 : 1;
  return (gint) ha->vessel->index - (gint) hb->vessel->index;
}

/* Vessel indices whose terms contain @folded, from the FTS5 trigram index
 * (which needs at least three characters). */
static GHashTable *
fts_candidates (RamusAtlas *self,
                const char *folded)
{
  GHashTable *ids;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) phrase = NULL;

  if (g_utf8_strlen (folded, -1) < 3)
    return NULL;
  if (sqlite3_prepare_v2 (self->db, "SELECT DISTINCT vessel FROM term_fts WHERE term_fts MATCH ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  /* One quoted phrase: the query is text, never FTS syntax. */
  phrase = g_string_new ("\"");
  for (const char *p = folded; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (phrase, '"');
      g_string_append_c (phrase, *p);
    }
  g_string_append_c (phrase, '"');
  sqlite3_bind_text (stmt, 1, phrase->str, -1, SQLITE_TRANSIENT);

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RamusVessel *v = g_hash_table_lookup (self->vessel_by_id, sqlite3_column_text (stmt, 0));
      if (v)
        g_hash_table_add (ids, v->id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

/* Ranked vessels matching @query (any language, abbreviations, synonyms,
 * substrings, a typo or two in English), restricted to @region_id unless
 * NULL. Returns RamusSearchHit*, best first, at most @limit (0: all). */
GPtrArray *
ramus_atlas_search (RamusAtlas *self,
                    const char *query,
                    const char *region_id,
                    guint       limit)
{
  GPtrArray *hits = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GHashTable) substring = NULL;
  g_autofree RamusSearchHit **best = NULL;

  g_return_val_if_fail (RAMUS_IS_ATLAS (self), hits);
  g_return_val_if_fail (query != NULL, hits);

  folded = ramus_text_fold (query);
  if (*folded == '\0')
    return hits;
  words = g_strsplit (folded, " ", -1);
  substring = fts_candidates (self, folded);

  best = g_new0 (RamusSearchHit *, self->vessels->len);
  for (guint i = 0; i < self->terms->len; i++)
    {
      const Term *term = &g_array_index (self->terms, Term, i);
      const RamusVessel *v = g_ptr_array_index (self->vessels, term->vessel);
      double score;

      if (!ramus_atlas_vessel_in_region (v, region_id))
        continue;
      /* The index answers "contains"; a vessel it rules out can still match
       * word by word or with a typo. */
      score = score_term (folded, words, term,
                          substring == NULL || g_hash_table_contains (substring, v->id));
      if (score <= 0)
        continue;
      if (best[term->vessel] == NULL)
        {
          best[term->vessel] = g_new0 (RamusSearchHit, 1);
          best[term->vessel]->vessel = v;
          g_ptr_array_add (hits, best[term->vessel]);
        }
      if (score > best[term->vessel]->score)
        {
          best[term->vessel]->score = score;
          best[term->vessel]->matched = term->text;
        }
    }

  g_ptr_array_sort (hits, compare_hits);
  if (limit > 0 && hits->len > limit)
    g_ptr_array_set_size (hits, limit);
  return hits;
}

typedef struct
{
  gpointer item;
  guint distance;
  guint index;
} Candidate;

static gint
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;
  if (ca->distance != cb->distance)
    return ca->distance < cb->distance ? -1 : 1;
  return (gint) ca->index - (gint) cb->index;
}

/* The vessels whose names are nearest to @query, for "did you mean" when a
 * lookup fails: search hits first, then by edit distance. */
GPtrArray *
ramus_atlas_suggest (RamusAtlas *self,
                     const char *query,
                     guint       limit)
{
  GPtrArray *result = g_ptr_array_new ();
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GArray) candidates = NULL;

  g_return_val_if_fail (RAMUS_IS_ATLAS (self), result);

  hits = ramus_atlas_search (self, query, NULL, limit);
  for (guint i = 0; i < hits->len; i++)
    g_ptr_array_add (result, (gpointer) ((RamusSearchHit *) g_ptr_array_index (hits, i))->vessel);
  if (result->len >= limit)
    return result;

  folded = ramus_text_fold (query);
  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint i = 0; i < self->vessels->len; i++)
    {
      Candidate c = { g_ptr_array_index (self->vessels, i), G_MAXUINT, i };
      if (g_ptr_array_find (result, c.item, NULL))
        continue;
      for (guint t = 0; t < self->terms->len; t++)
        {
          const Term *term = &g_array_index (self->terms, Term, t);
          if (term->vessel == i)
            c.distance = MIN (c.distance, ramus_text_edit_distance (folded, term->folded, 64));
        }
      g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len && result->len < limit; i++)
    g_ptr_array_add (result, g_array_index (candidates, Candidate, i).item);
  return result;
}

GPtrArray *
ramus_atlas_suggest_region (RamusAtlas *self,
                            const char *query,
                            guint       limit)
{
  GPtrArray *result = g_ptr_array_new ();
  g_autofree char *folded = NULL;
  g_autoptr(GArray) candidates = NULL;

  g_return_val_if_fail (RAMUS_IS_ATLAS (self), result);

  folded = ramus_text_fold (query);
  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint i = 0; i < self->regions->len; i++)
    {
      const RamusRegion *r = g_ptr_array_index (self->regions, i);
      g_autofree char *id = ramus_text_fold (r->id);
      Candidate c = { (gpointer) r, ramus_text_edit_distance (folded, id, 64), i };
      if (strstr (id, folded) || (*folded && strstr (folded, id)))
        c.distance = 0;
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        {
          g_autofree char *n = ramus_text_fold (r->names[l]);
          c.distance = MIN (c.distance, ramus_text_edit_distance (folded, n, 64));
          if (*folded && strstr (n, folded))
            c.distance = 0;
        }
      g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len && result->len < limit; i++)
    g_ptr_array_add (result, g_array_index (candidates, Candidate, i).item);
  return result;
}

/* --- access sites, variants, sources ------------------------------------ */

guint
ramus_atlas_get_n_access_sites (RamusAtlas *self)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), 0);
  return self->access_sites->len;
}

const RamusAccessSite *
ramus_atlas_get_access_site (RamusAtlas *self,
                             guint       index)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);
  g_return_val_if_fail (index < self->access_sites->len, NULL);
  return g_ptr_array_index (self->access_sites, index);
}

const RamusAccessSite *
ramus_atlas_lookup_access_site (RamusAtlas *self,
                                const char *name)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  folded = ramus_text_fold (name);
  for (guint i = 0; i < self->access_sites->len; i++)
    {
      const RamusAccessSite *a = g_ptr_array_index (self->access_sites, i);
      g_autofree char *id = ramus_text_fold (a->id);
      g_autofree char *abbr = a->abbr ? ramus_text_fold (a->abbr) : NULL;
      if (g_str_equal (id, folded) || g_strcmp0 (abbr, folded) == 0)
        return a;
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        {
          g_autofree char *n = ramus_text_fold (a->names[l]);
          if (g_str_equal (n, folded))
            return a;
        }
    }
  return NULL;
}

GPtrArray *
ramus_atlas_get_variants (RamusAtlas *self,
                          const char *group)
{
  GPtrArray *result = g_ptr_array_new ();

  g_return_val_if_fail (RAMUS_IS_ATLAS (self), result);

  for (guint i = 0; i < self->variants->len; i++)
    {
      RamusVariant *v = g_ptr_array_index (self->variants, i);
      if (group == NULL || g_str_equal (v->group, group))
        g_ptr_array_add (result, v);
    }
  return result;
}

const RamusVariant *
ramus_atlas_lookup_variant (RamusAtlas *self,
                            const char *id)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);

  for (guint i = 0; i < self->variants->len; i++)
    {
      RamusVariant *v = g_ptr_array_index (self->variants, i);
      if (g_ascii_strcasecmp (v->id, id) == 0)
        return v;
    }
  return NULL;
}

const RamusVariant *
ramus_atlas_get_default_variant (RamusAtlas *self,
                                 const char *group)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);

  for (guint i = 0; i < self->variants->len; i++)
    {
      RamusVariant *v = g_ptr_array_index (self->variants, i);
      if (v->is_default && (group == NULL || g_str_equal (v->group, group)))
        return v;
    }
  return NULL;
}

guint
ramus_atlas_get_n_devices (RamusAtlas *self)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), 0);
  return self->devices->len;
}

const RamusDevice *
ramus_atlas_get_device (RamusAtlas *self,
                        guint       index)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);
  g_return_val_if_fail (index < self->devices->len, NULL);
  return g_ptr_array_index (self->devices, index);
}

const RamusDevice *
ramus_atlas_lookup_device (RamusAtlas *self,
                           const char *id)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);

  for (guint i = 0; id && i < self->devices->len; i++)
    {
      RamusDevice *d = g_ptr_array_index (self->devices, i);
      if (g_ascii_strcasecmp (d->id, id) == 0)
        return d;
    }
  return NULL;
}

const RamusDrawing *
ramus_atlas_get_drawing (RamusAtlas *self,
                         const char *region_id)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);

  for (guint i = 0; i < self->drawings->len; i++)
    {
      RamusDrawing *d = g_ptr_array_index (self->drawings, i);
      if (g_strcmp0 (d->region, region_id) == 0)
        return d;
    }
  return NULL;
}

const RamusCourse *
ramus_drawing_find_course (const RamusDrawing *drawing,
                           const RamusVessel  *vessel)
{
  g_return_val_if_fail (drawing != NULL, NULL);

  for (guint i = 0; i < drawing->courses->len; i++)
    {
      const RamusCourse *c = g_ptr_array_index (drawing->courses, i);
      if (c->vessel == vessel)
        return c;
    }
  return NULL;
}

const RamusSource *
ramus_atlas_lookup_source (RamusAtlas *self,
                           const char *id)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), NULL);
  return id ? g_hash_table_lookup (self->source_by_id, id) : NULL;
}

guint
ramus_atlas_get_n_sources (RamusAtlas *self)
{
  g_return_val_if_fail (RAMUS_IS_ATLAS (self), 0);
  return self->sources->len;
}

/* --- small helpers ------------------------------------------------------ */

const char *
ramus_lang_to_string (RamusLang lang)
{
  g_return_val_if_fail (lang < RAMUS_N_LANGS, "en");
  return lang_names[lang];
}

gboolean
ramus_lang_from_string (const char *text,
                        RamusLang  *lang)
{
  for (guint l = 0; l < RAMUS_N_LANGS; l++)
    if (text && (g_ascii_strcasecmp (text, lang_names[l]) == 0 ||
                 g_ascii_strcasecmp (text, lang_columns[l]) == 0))
      {
        *lang = l;
        return TRUE;
      }
  if (text && (g_ascii_strcasecmp (text, "zh-TW") == 0 || g_ascii_strcasecmp (text, "zh-Hant") == 0))
    {
      *lang = RAMUS_LANG_ZH_TW;
      return TRUE;
    }
  if (text && (g_ascii_strcasecmp (text, "zh-CN") == 0 || g_ascii_strcasecmp (text, "zh-Hans") == 0))
    {
      *lang = RAMUS_LANG_ZH_CN;
      return TRUE;
    }
  return FALSE;
}

/* The vessel-name language matching the user's locale. */
RamusLang
ramus_lang_for_locale (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i]; i++)
    {
      if (g_str_has_prefix (names[i], "zh_TW") || g_str_has_prefix (names[i], "zh_HK"))
        return RAMUS_LANG_ZH_TW;
      if (g_str_has_prefix (names[i], "zh"))
        return RAMUS_LANG_ZH_CN;
      if (g_str_equal (names[i], "C") || g_str_has_prefix (names[i], "en"))
        return RAMUS_LANG_EN;
    }
  return RAMUS_LANG_EN;
}

const char *
ramus_vessel_kind_to_string (RamusVesselKind kind)
{
  static const char * const names[] = { "trunk", "feeder", "branch", "danger", "collateral" };
  g_return_val_if_fail (kind < G_N_ELEMENTS (names), "branch");
  return names[kind];
}

const char *
ramus_laterality_to_string (RamusLaterality laterality)
{
  static const char * const names[] = { "paired", "midline", "right", "left" };
  g_return_val_if_fail (laterality < G_N_ELEMENTS (names), "paired");
  return names[laterality];
}

const char *
ramus_vessel_get_name (const RamusVessel *vessel,
                       RamusLang          lang)
{
  g_return_val_if_fail (vessel != NULL, NULL);
  g_return_val_if_fail (lang < RAMUS_N_LANGS, vessel->names[0]);
  return vessel->names[lang] ? vessel->names[lang] : vessel->names[RAMUS_LANG_EN];
}
