/* test-atlas-content.c — the bundled atlas holds what the issue and the
 * clinical sources require, in both Chinese scripts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-atlas.h"

#include <string.h>

static RamusAtlas *
atlas (void)
{
  g_autoptr(GError) error = NULL;
  RamusAtlas *a = ramus_atlas_get_default (&error);
  g_assert_no_error (error);
  return a;
}

static void
assert_in_region (const char *id,
                  const char *region)
{
  const RamusVessel *v = ramus_atlas_lookup (atlas (), id);

  if (v == NULL)
    g_error ("the atlas has no vessel “%s”", id);
  if (!ramus_atlas_vessel_in_region (v, region))
    g_error ("“%s” is not in region %s", id, region);
  /* A region holds the whole path from the aorta. */
  {
    g_autoptr(GPtrArray) path = ramus_atlas_path (atlas (), v, RAMUS_SIDE_RIGHT, NULL);
    g_assert_cmpstr (((RamusVessel *) g_ptr_array_index (path, 0))->id, ==, "ascending-aorta");
    for (guint i = 0; i < path->len; i++)
      g_assert_true (ramus_atlas_vessel_in_region (g_ptr_array_index (path, i), region));
  }
}

/* The feeders each seed names for its region (shared/seeds/README.md) and
 * what the issue lists for the liver and spine/pelvis. */
static void
test_required_vessels (void)
{
  const struct { const char *region; const char *ids[32]; } required[] = {
    { "knee", { "superior-patellar-artery", "descending-genicular-artery", "lateral-superior-genicular-artery",
                "lateral-inferior-genicular-artery", "medial-superior-genicular-artery",
                "medial-inferior-genicular-artery", "middle-genicular-artery", "anterior-tibial-recurrent-artery",
                "popliteal-artery", "superficial-femoral-artery", "common-femoral-artery" } },
    { "shoulder", { "suprascapular-artery", "thoracoacromial-artery", "coracoid-branch-of-thoracoacromial-artery",
                    "circumflex-scapular-artery", "anterior-circumflex-humeral-artery",
                    "posterior-circumflex-humeral-artery", "axillary-artery", "subclavian-artery" } },
    { "elbow", { "anterior-ulnar-recurrent-artery", "posterior-ulnar-recurrent-artery", "common-interosseous-artery",
                 "radial-recurrent-artery", "brachial-artery" } },
    { "ankle-foot", { "posterior-tibial-artery", "peroneal-artery", "communicating-branch-of-peroneal-artery" } },
    { "hand", { "ulnar-artery", "radial-artery", "superficial-palmar-arch", "deep-palmar-arch" } },
    { "hip", { "lateral-circumflex-femoral-artery", "medial-circumflex-femoral-artery", "obturator-artery",
               "deep-femoral-artery", "internal-iliac-artery" } },
    { "liver", { "celiac-trunk", "common-hepatic-artery", "proper-hepatic-artery", "gastroduodenal-artery",
                 "right-hepatic-artery", "left-hepatic-artery", "middle-hepatic-artery", "right-caudate-artery",
                 "left-caudate-artery", "segment-2-artery", "segment-3-artery", "segment-5-artery",
                 "segment-6-artery", "segment-7-artery", "segment-8-artery", "cystic-artery",
                 "right-gastric-artery", "left-gastric-artery", "superior-mesenteric-artery",
                 "right-inferior-phrenic-artery", "internal-thoracic-artery", "posterior-intercostal-artery",
                 "omental-branch", "renal-capsular-artery" } },
    { "spine-pelvis", { "posterior-intercostal-artery", "lumbar-artery", "artery-of-adamkiewicz",
                        "internal-iliac-artery", "anterior-division-internal-iliac-artery",
                        "posterior-division-internal-iliac-artery", "iliolumbar-artery", "superior-gluteal-artery",
                        "superior-lateral-sacral-artery", "obturator-artery" } },
  };

  for (guint r = 0; r < G_N_ELEMENTS (required); r++)
    for (guint i = 0; required[r].ids[i]; i++)
      assert_in_region (required[r].ids[i], required[r].region);

  /* Segment IV's artery is the middle hepatic artery (A4). */
  g_assert_true (ramus_atlas_lookup (atlas (), "A4") == ramus_atlas_lookup (atlas (), "middle-hepatic-artery"));
  g_assert_cmpint (ramus_atlas_lookup (atlas (), "artery-of-adamkiewicz")->kind, ==, RAMUS_VESSEL_DANGER);
  g_assert_cmpint (ramus_atlas_lookup (atlas (), "cystic-artery")->kind, ==, RAMUS_VESSEL_DANGER);
}

static void
test_access_sites (void)
{
  const char *ids[] = { "cfa-retrograde", "cfa-contralateral", "cfa-antegrade", "radial", "distal-radial",
                        "ulnar", "brachial", "dorsalis-pedis", "posterior-tibial" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const RamusAccessSite *a = ramus_atlas_lookup_access_site (atlas (), ids[i]);
      if (a == NULL)
        g_error ("no access site %s", ids[i]);
      g_assert_nonnull (ramus_atlas_lookup (atlas (), a->vessel));
      g_assert_cmpfloat (a->sheath_min, >=, 1);
      for (guint l = 0; l < RAMUS_N_LANGS; l++)
        g_assert_true (a->notes[l] && *a->notes[l]);
      g_assert_cmpuint (g_strv_length (a->sources), >, 0);
    }
  g_assert_cmpstr (ramus_atlas_lookup_access_site (atlas (), "cfa-contralateral")->direction, ==, "contralateral");
  g_assert_cmpstr (ramus_atlas_lookup_access_site (atlas (), "cfa-antegrade")->direction, ==, "antegrade");
}

static void
test_michels (void)
{
  g_autoptr(GPtrArray) variants = ramus_atlas_get_variants (atlas (), "michels");
  const RamusVariant *type1 = ramus_atlas_get_default_variant (atlas (), "michels");
  const RamusVariant *type3 = ramus_atlas_lookup_variant (atlas (), "michels-3");
  const RamusVessel *rha = ramus_atlas_lookup (atlas (), "RHA");
  double total = 0;

  /* Types I–X and "unclassified". */
  g_assert_cmpuint (variants->len, ==, 11);
  for (guint i = 1; i <= 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("michels-%u", i);
      const RamusVariant *v = ramus_atlas_lookup_variant (atlas (), id);
      g_assert_nonnull (v);
      g_assert_cmpuint (v->frequencies->len, >=, 1);
      /* Michels' own figure comes first. */
      total += g_array_index (v->frequencies, RamusFrequency, 0).percent;
    }
  g_assert_nonnull (ramus_atlas_lookup_variant (atlas (), "unclassified"));
  g_assert_cmpfloat (total, >, 90);
  g_assert_cmpfloat (total, <=, 100);
  g_assert_true (type1 == ramus_atlas_lookup_variant (atlas (), "michels-1"));
  /* Choosing a variant changes the tree: type III's RHA comes off the SMA. */
  g_assert_cmpstr (ramus_atlas_get_parent (atlas (), rha, RAMUS_SIDE_RIGHT, type1)->id, ==, "proper-hepatic-artery");
  g_assert_cmpstr (ramus_atlas_get_parent (atlas (), rha, RAMUS_SIDE_RIGHT, type3)->id, ==, "superior-mesenteric-artery");
}

/* Characters written only in one script: a zh_CN text must not use the
 * traditional forms, nor zh_TW the simplified ones. */
static const char *traditional_only[] = { "動", "脈", "膕", "腸", "側", "頸", "臟", "節", "髖", "闊", "腎", "關", "與", "這", "體", NULL };
static const char *simplified_only[] = { "动", "脉", "腘", "肠", "侧", "颈", "脏", "节", "髋", "阔", "肾", "关", "与", "这", "体", NULL };

static void
assert_script (const char *text,
               const char **forbidden,
               const char *what,
               const char *id)
{
  for (guint i = 0; text && forbidden[i]; i++)
    if (strstr (text, forbidden[i]))
      g_error ("%s of %s uses “%s”, which belongs to the other script: %s", what, id, forbidden[i], text);
}

static void
test_chinese_scripts (void)
{
  for (guint i = 0; i < ramus_atlas_get_n_vessels (atlas ()); i++)
    {
      const RamusVessel *v = ramus_atlas_get_vessel (atlas (), i);
      assert_script (v->names[RAMUS_LANG_ZH_TW], simplified_only, "zh_TW name", v->id);
      assert_script (v->names[RAMUS_LANG_ZH_CN], traditional_only, "zh_CN name", v->id);
      assert_script (v->territory[RAMUS_LANG_ZH_TW], simplified_only, "zh_TW territory", v->id);
      assert_script (v->territory[RAMUS_LANG_ZH_CN], traditional_only, "zh_CN territory", v->id);
      assert_script (v->notes[RAMUS_LANG_ZH_TW], simplified_only, "zh_TW notes", v->id);
      assert_script (v->notes[RAMUS_LANG_ZH_CN], traditional_only, "zh_CN notes", v->id);
      for (guint s = 0; v->synonyms[RAMUS_LANG_ZH_TW][s]; s++)
        assert_script (v->synonyms[RAMUS_LANG_ZH_TW][s], simplified_only, "zh_TW synonym", v->id);
      for (guint s = 0; v->synonyms[RAMUS_LANG_ZH_CN][s]; s++)
        assert_script (v->synonyms[RAMUS_LANG_ZH_CN][s], traditional_only, "zh_CN synonym", v->id);
    }
}

static void
test_every_number_cited (void)
{
  for (guint i = 0; i < ramus_atlas_get_n_vessels (atlas ()); i++)
    {
      const RamusVessel *v = ramus_atlas_get_vessel (atlas (), i);
      g_assert_nonnull (ramus_atlas_lookup_source (atlas (), v->diameter_source));
      g_assert_cmpuint (g_strv_length (v->sources), >, 0);
      for (guint s = 0; v->sources[s]; s++)
        g_assert_nonnull (ramus_atlas_lookup_source (atlas (), v->sources[s]));
      if (v->length_mm > 0)
        g_assert_nonnull (ramus_atlas_lookup_source (atlas (), v->length_source));
    }
  /* HRA-VCCF is credited (CC BY 4.0). */
  g_assert_cmpstr (ramus_atlas_lookup_source (atlas (), "hra-vccf")->licence, ==, "CC BY 4.0");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/atlas-content/required-vessels", test_required_vessels);
  g_test_add_func ("/core/atlas-content/access-sites", test_access_sites);
  g_test_add_func ("/core/atlas-content/michels", test_michels);
  g_test_add_func ("/core/atlas-content/chinese-scripts", test_chinese_scripts);
  g_test_add_func ("/core/atlas-content/every-number-cited", test_every_number_cited);

  return g_test_run ();
}
