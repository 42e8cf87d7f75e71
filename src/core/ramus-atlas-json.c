/* ramus-atlas-json.c — the atlas as JSON, for the CLI and interchange
 *
 * The shape is documented in README.md (CLI) and is a stable interface for
 * scripts: keys are only ever added.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-atlas-json"

#include "ramus-atlas-json.h"

static void
add_string_or_null (JsonBuilder *b,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_langs (JsonBuilder  *b,
           const char   *key,
           char * const *values)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  for (guint l = 0; l < RAMUS_N_LANGS; l++)
    add_string_or_null (b, ramus_lang_to_string (l), values[l]);
  json_builder_end_object (b);
}

static void
add_strv (JsonBuilder  *b,
          const char   *key,
          char * const *values)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; values && values[i]; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
add_source (JsonBuilder *b,
            RamusAtlas  *atlas,
            const char  *id)
{
  const RamusSource *s = ramus_atlas_lookup_source (atlas, id);

  json_builder_begin_object (b);
  add_string_or_null (b, "id", id);
  add_string_or_null (b, "citation", s ? s->citation : NULL);
  add_string_or_null (b, "doi", s ? s->doi : NULL);
  add_string_or_null (b, "url", s ? s->url : NULL);
  if (s && s->licence)
    add_string_or_null (b, "licence", s->licence);
  json_builder_end_object (b);
}

static void
add_sources (JsonBuilder  *b,
             RamusAtlas   *atlas,
             char * const *ids)
{
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; ids && ids[i]; i++)
    add_source (b, atlas, ids[i]);
  json_builder_end_array (b);
}

JsonNode *
ramus_atlas_json_vessel (RamusAtlas        *atlas,
                         const RamusVessel *v)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean has_note = v->hra_parent_note[RAMUS_LANG_EN] != NULL;

  g_return_val_if_fail (RAMUS_IS_ATLAS (atlas), NULL);
  g_return_val_if_fail (v != NULL, NULL);

  json_builder_begin_object (b);
  add_string_or_null (b, "id", v->id);
  add_string_or_null (b, "name", v->names[RAMUS_LANG_EN]);
  add_langs (b, "names", v->names);
  add_strv (b, "abbreviations", v->abbreviations);
  json_builder_set_member_name (b, "synonyms");
  json_builder_begin_object (b);
  for (guint l = 0; l < RAMUS_N_LANGS; l++)
    add_strv (b, ramus_lang_to_string (l), v->synonyms[l]);
  json_builder_end_object (b);
  add_string_or_null (b, "parent", v->parent);
  if (v->parent_left || v->parent_right)
    {
      json_builder_set_member_name (b, "parent_by_side");
      json_builder_begin_object (b);
      add_string_or_null (b, "left", v->parent_left ? v->parent_left : v->parent);
      add_string_or_null (b, "right", v->parent_right ? v->parent_right : v->parent);
      json_builder_end_object (b);
    }
  add_string_or_null (b, "kind", ramus_vessel_kind_to_string (v->kind));
  add_string_or_null (b, "laterality", ramus_laterality_to_string (v->laterality));
  add_strv (b, "regions", v->regions);

  json_builder_set_member_name (b, "diameter_mm");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "min");
  json_builder_add_double_value (b, v->diameter_min);
  json_builder_set_member_name (b, "max");
  json_builder_add_double_value (b, v->diameter_max);
  json_builder_set_member_name (b, "source");
  add_source (b, atlas, v->diameter_source);
  json_builder_end_object (b);

  add_langs (b, "territory", v->territory);
  add_langs (b, "notes", v->notes);
  add_string_or_null (b, "fma", v->fma);
  add_string_or_null (b, "uberon", v->uberon);
  add_string_or_null (b, "ta98", v->ta98);
  add_string_or_null (b, "ta98_term", v->ta_term);
  json_builder_set_member_name (b, "hra_vccf");
  if (v->hra_name)
    {
      json_builder_begin_object (b);
      add_string_or_null (b, "vessel", v->hra_name);
      if (has_note)
        add_langs (b, "parent_note", v->hra_parent_note);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "variant_only");
  json_builder_add_boolean_value (b, v->variant_only);
  add_sources (b, atlas, v->sources);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

JsonNode *
ramus_atlas_json_region (RamusAtlas        *atlas,
                         const RamusRegion *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GArray) rows = ramus_atlas_region_tree (atlas, r->id, RAMUS_SIDE_RIGHT, NULL);

  json_builder_begin_object (b);
  add_string_or_null (b, "id", r->id);
  add_string_or_null (b, "name", r->names[RAMUS_LANG_EN]);
  add_langs (b, "names", r->names);
  add_langs (b, "procedure", r->procedures);
  json_builder_set_member_name (b, "vessel_count");
  json_builder_add_int_value (b, rows->len);
  add_sources (b, atlas, r->sources);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
ramus_atlas_json_access (RamusAtlas            *atlas,
                         const RamusAccessSite *a)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string_or_null (b, "id", a->id);
  add_string_or_null (b, "name", a->names[RAMUS_LANG_EN]);
  add_langs (b, "names", a->names);
  add_string_or_null (b, "abbreviation", a->abbr);
  add_string_or_null (b, "vessel", a->vessel);
  add_string_or_null (b, "direction", a->direction);
  json_builder_set_member_name (b, "sheath_fr");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "min");
  json_builder_add_double_value (b, a->sheath_min);
  json_builder_set_member_name (b, "max");
  json_builder_add_double_value (b, a->sheath_max);
  json_builder_end_object (b);
  add_langs (b, "notes", a->notes);
  add_sources (b, atlas, a->sources);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
ramus_atlas_json_variant (RamusAtlas         *atlas,
                          const RamusVariant *v)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GHashTableIter iter;
  gpointer child, parent;

  json_builder_begin_object (b);
  add_string_or_null (b, "id", v->id);
  add_string_or_null (b, "group", v->group);
  json_builder_set_member_name (b, "order");
  json_builder_add_int_value (b, v->order);
  add_string_or_null (b, "name", v->names[RAMUS_LANG_EN]);
  add_langs (b, "names", v->names);
  add_langs (b, "description", v->descriptions);
  json_builder_set_member_name (b, "default");
  json_builder_add_boolean_value (b, v->is_default);
  json_builder_set_member_name (b, "frequencies");
  json_builder_begin_array (b);
  for (guint i = 0; i < v->frequencies->len; i++)
    {
      const RamusFrequency *f = &g_array_index (v->frequencies, RamusFrequency, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "percent");
      json_builder_add_double_value (b, f->percent);
      json_builder_set_member_name (b, "source");
      add_source (b, atlas, f->source);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "reparent");
  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, v->reparent);
  while (g_hash_table_iter_next (&iter, &child, &parent))
    add_string_or_null (b, child, parent);
  json_builder_end_object (b);
  add_strv (b, "adds", v->adds);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

char *
ramus_json_to_string (JsonNode *node,
                      gboolean  pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}
