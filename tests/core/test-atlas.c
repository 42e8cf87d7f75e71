/* test-atlas.c — the loader, lookups, trees, variants and search, on a
 * fixed fixture atlas (tests/data/fixture.atlas)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-atlas.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

static RamusAtlas *
fixture (void)
{
  static RamusAtlas *atlas;
  g_autoptr(GError) error = NULL;

  if (atlas == NULL)
    {
      atlas = ramus_atlas_new_from_file (g_getenv ("RAMUS_TEST_FIXTURE_ATLAS"), &error);
      g_assert_no_error (error);
    }
  return atlas;
}

static void
test_regions (void)
{
  RamusAtlas *atlas = fixture ();

  g_assert_cmpuint (ramus_atlas_get_n_regions (atlas), ==, 3);
  g_assert_cmpstr (ramus_atlas_get_region (atlas, 0)->id, ==, "knee");
  g_assert_cmpstr (ramus_atlas_get_region (atlas, 1)->id, ==, "liver");
  g_assert_true (ramus_atlas_lookup_region (atlas, "LIVER") == ramus_atlas_get_region (atlas, 1));
  g_assert_true (ramus_atlas_lookup_region (atlas, "肝臟") == ramus_atlas_get_region (atlas, 1));
  g_assert_true (ramus_atlas_lookup_region (atlas, "肝脏") == ramus_atlas_get_region (atlas, 1));
  g_assert_null (ramus_atlas_lookup_region (atlas, "kidney"));
}

static void
test_lookup_any_name (void)
{
  RamusAtlas *atlas = fixture ();
  const RamusVessel *v = ramus_atlas_lookup (atlas, "lateral-superior-genicular-artery");
  const char *names[] = {
    "LSGA", "lsga", "Lateral superior genicular artery", "LATERAL SUPERIOR GENICULAR ARTERY",
    "  lateral   superior genicular artery ", "膝上外側動脈", "膝上外侧动脉",
    "superior lateral genicular artery",
  };

  g_assert_nonnull (v);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_true (ramus_atlas_lookup (atlas, names[i]) == v);
  g_assert_null (ramus_atlas_lookup (atlas, "lateral superior genicular"));
  g_assert_null (ramus_atlas_lookup (atlas, ""));
}

static void
test_path_and_regions (void)
{
  RamusAtlas *atlas = fixture ();
  const RamusVessel *lsga = ramus_atlas_lookup (atlas, "LSGA");
  g_autoptr(GPtrArray) path = ramus_atlas_path (atlas, lsga, RAMUS_SIDE_RIGHT, NULL);
  const char *expected[] = { "ascending-aorta", "aortic-arch", "descending-thoracic-aorta", "abdominal-aorta",
                             "common-iliac-artery", "popliteal-artery", "lateral-superior-genicular-artery" };

  g_assert_cmpuint (path->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < path->len; i++)
    g_assert_cmpstr (((RamusVessel *) g_ptr_array_index (path, i))->id, ==, expected[i]);

  /* A trunk belongs to every region of its descendants. */
  g_assert_true (ramus_atlas_vessel_in_region (ramus_atlas_lookup (atlas, "popliteal-artery"), "knee"));
  g_assert_false (ramus_atlas_vessel_in_region (ramus_atlas_lookup (atlas, "popliteal-artery"), "liver"));
  g_assert_true (ramus_atlas_vessel_in_region (ramus_atlas_lookup (atlas, "ascending-aorta"), "liver"));
  g_assert_true (ramus_atlas_vessel_in_region (ramus_atlas_lookup (atlas, "ascending-aorta"), "knee"));
}

static void
test_side_specific_parent (void)
{
  RamusAtlas *atlas = fixture ();
  const RamusVessel *sca = ramus_atlas_lookup (atlas, "SCA");
  g_autoptr(GPtrArray) right = ramus_atlas_path (atlas, sca, RAMUS_SIDE_RIGHT, NULL);
  g_autoptr(GPtrArray) left = ramus_atlas_path (atlas, sca, RAMUS_SIDE_LEFT, NULL);

  g_assert_cmpstr (ramus_atlas_get_parent (atlas, sca, RAMUS_SIDE_RIGHT, NULL)->id, ==, "brachiocephalic-trunk");
  g_assert_cmpstr (ramus_atlas_get_parent (atlas, sca, RAMUS_SIDE_LEFT, NULL)->id, ==, "aortic-arch");
  g_assert_cmpuint (right->len, ==, left->len + 1);
}

static guint
depth_of (GArray     *rows,
          const char *id)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (g_array_index (rows, RamusTreeRow, i).vessel->id, id))
      return g_array_index (rows, RamusTreeRow, i).depth;
  return G_MAXUINT;
}

static void
test_region_tree (void)
{
  RamusAtlas *atlas = fixture ();
  g_autoptr(GArray) knee = ramus_atlas_region_tree (atlas, "knee", RAMUS_SIDE_RIGHT, NULL);

  g_assert_cmpuint (knee->len, ==, 9);
  g_assert_cmpstr (g_array_index (knee, RamusTreeRow, 0).vessel->id, ==, "ascending-aorta");
  g_assert_cmpuint (g_array_index (knee, RamusTreeRow, 0).depth, ==, 0);
  /* Depth-first: each row is the child of the nearest shallower row above. */
  for (guint i = 1; i < knee->len; i++)
    {
      const RamusTreeRow *row = &g_array_index (knee, RamusTreeRow, i);
      const RamusVessel *parent = ramus_atlas_get_parent (atlas, row->vessel, RAMUS_SIDE_RIGHT, NULL);
      g_assert_cmpuint (depth_of (knee, parent->id), ==, row->depth - 1);
      for (guint j = i - 1; ; j--)
        if (g_array_index (knee, RamusTreeRow, j).depth < row->depth)
          {
            g_assert_true (g_array_index (knee, RamusTreeRow, j).vessel == parent);
            break;
          }
    }
  g_assert_cmpuint (depth_of (knee, "celiac-trunk"), ==, G_MAXUINT);
}

static void
test_variants_change_the_tree (void)
{
  RamusAtlas *atlas = fixture ();
  const RamusVariant *type1 = ramus_atlas_get_default_variant (atlas, "michels");
  const RamusVariant *type3 = ramus_atlas_lookup_variant (atlas, "michels-3");
  const RamusVariant *type5 = ramus_atlas_lookup_variant (atlas, "michels-5");
  const RamusVessel *rha = ramus_atlas_lookup (atlas, "RHA");
  g_autoptr(GArray) normal = ramus_atlas_region_tree (atlas, "liver", RAMUS_SIDE_RIGHT, type1);
  g_autoptr(GArray) replaced = ramus_atlas_region_tree (atlas, "liver", RAMUS_SIDE_RIGHT, type3);
  g_autoptr(GArray) accessory = ramus_atlas_region_tree (atlas, "liver", RAMUS_SIDE_RIGHT, type5);

  g_assert_nonnull (type1);
  g_assert_cmpstr (type1->id, ==, "michels-1");
  g_assert_cmpuint (type1->frequencies->len, ==, 2);
  g_assert_cmpfloat (g_array_index (type1->frequencies, RamusFrequency, 1).percent, ==, 75.7);

  g_assert_cmpstr (ramus_atlas_get_parent (atlas, rha, RAMUS_SIDE_RIGHT, type1)->id, ==, "common-hepatic-artery");
  g_assert_cmpstr (ramus_atlas_get_parent (atlas, rha, RAMUS_SIDE_RIGHT, type3)->id, ==, "superior-mesenteric-artery");
  g_assert_cmpuint (depth_of (normal, "right-hepatic-artery"), ==, depth_of (normal, "common-hepatic-artery") + 1);
  g_assert_cmpuint (depth_of (replaced, "right-hepatic-artery"), ==,
                    depth_of (replaced, "superior-mesenteric-artery") + 1);

  g_assert_cmpuint (depth_of (normal, "accessory-left-hepatic-artery"), ==, G_MAXUINT);
  g_assert_cmpuint (depth_of (accessory, "accessory-left-hepatic-artery"), ==, depth_of (accessory, "celiac-trunk") + 1);
  g_assert_cmpuint (accessory->len, ==, normal->len + 1);
}

static const RamusVessel *
first_hit (const char *query,
           const char *region)
{
  g_autoptr(GPtrArray) hits = ramus_atlas_search (fixture (), query, region, 10);
  return hits->len ? ((RamusSearchHit *) g_ptr_array_index (hits, 0))->vessel : NULL;
}

static gboolean
finds (const char *query,
       const char *id)
{
  g_autoptr(GPtrArray) hits = ramus_atlas_search (fixture (), query, NULL, 0);
  for (guint i = 0; i < hits->len; i++)
    if (g_str_equal (((RamusSearchHit *) g_ptr_array_index (hits, i))->vessel->id, id))
      return TRUE;
  return FALSE;
}

static void
test_search_ranking (void)
{
  g_autoptr(GPtrArray) hits = ramus_atlas_search (fixture (), "genicular", NULL, 0);

  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpstr (first_hit ("LSGA", NULL)->id, ==, "lateral-superior-genicular-artery");
  g_assert_cmpstr (first_hit ("dga", NULL)->id, ==, "descending-genicular-artery");
  /* An exact name outranks a longer name containing it. */
  g_assert_cmpstr (first_hit ("celiac trunk", NULL)->id, ==, "celiac-trunk");
  /* Synonyms count. */
  g_assert_cmpstr (first_hit ("coeliac", NULL)->id, ==, "celiac-trunk");
  g_assert_cmpstr (first_hit ("superior lateral genicular", NULL)->id, ==, "lateral-superior-genicular-artery");
  g_assert_null (first_hit ("xyzzy", NULL));
  g_assert_null (first_hit ("   ", NULL));
}

static void
test_search_chinese (void)
{
  g_assert_cmpstr (first_hit ("膝上外側", NULL)->id, ==, "lateral-superior-genicular-artery");
  g_assert_cmpstr (first_hit ("膝上外侧动脉", NULL)->id, ==, "lateral-superior-genicular-artery");
  g_assert_cmpstr (first_hit ("膕", NULL)->id, ==, "popliteal-artery");   /* one character, no trigram */
  g_assert_cmpstr (first_hit ("腘动脉", NULL)->id, ==, "popliteal-artery");
  g_assert_true (finds ("肝", "right-hepatic-artery"));
  g_assert_true (finds ("肝", "common-hepatic-artery"));
}

static void
test_search_typos (void)
{
  /* One letter wrong, missing, extra or swapped. */
  g_assert_cmpstr (first_hit ("lateral superor genicular", NULL)->id, ==, "lateral-superior-genicular-artery");
  g_assert_cmpstr (first_hit ("poplitael", NULL)->id, ==, "popliteal-artery");
  g_assert_cmpstr (first_hit ("popliteall artery", NULL)->id, ==, "popliteal-artery");
  g_assert_cmpstr (first_hit ("descnding genicular", NULL)->id, ==, "descending-genicular-artery");
  g_assert_true (finds ("genicualr", "medial-superior-genicular-artery"));
  /* Too far off is not a match. */
  g_assert_false (finds ("gnclr", "medial-superior-genicular-artery"));
}

static void
test_search_region_filter (void)
{
  g_assert_null (first_hit ("genicular", "liver"));
  g_assert_true (g_str_has_suffix (first_hit ("hepatic", "liver")->id, "hepatic-artery"));
  /* The default variant hides variant-only vessels from the tree, not from search. */
  g_assert_true (finds ("accessory left hepatic", "accessory-left-hepatic-artery"));
  g_assert_true (first_hit ("aorta", "knee") != NULL);
}

static void
test_suggest (void)
{
  g_autoptr(GPtrArray) near = ramus_atlas_suggest (fixture (), "popliteal arteryy", 3);
  g_autoptr(GPtrArray) far = ramus_atlas_suggest (fixture (), "qqqq", 3);

  g_assert_cmpuint (near->len, >=, 1);
  g_assert_cmpstr (((RamusVessel *) g_ptr_array_index (near, 0))->id, ==, "popliteal-artery");
  g_assert_cmpuint (far->len, ==, 3);
}

static void
test_access_sites (void)
{
  RamusAtlas *atlas = fixture ();
  const RamusAccessSite *a = ramus_atlas_lookup_access_site (atlas, "cfa-r");

  g_assert_cmpuint (ramus_atlas_get_n_access_sites (atlas), ==, 1);
  g_assert_nonnull (a);
  g_assert_cmpstr (a->direction, ==, "retrograde");
  g_assert_cmpfloat (a->sheath_min, ==, 4);
  g_assert_cmpfloat (a->sheath_max, ==, 6);
}

static void
test_refuses_foreign_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ramus-test-XXXXXX", NULL);
  g_autofree char *garbage = g_build_filename (dir, "garbage.sqlite", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.sqlite", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  RamusAtlas *atlas;

  g_assert_true (g_file_set_contents (garbage, "this is not a database", -1, NULL));
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  atlas = ramus_atlas_new_from_file (garbage, &error);
  g_assert_null (atlas);
  g_assert_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_FORMAT);
  g_clear_error (&error);

  atlas = ramus_atlas_new_from_file (foreign, &error);
  g_assert_null (atlas);
  g_assert_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "not a Ramus atlas"));
  g_clear_error (&error);

  atlas = ramus_atlas_new_from_file (missing, &error);
  g_assert_null (atlas);
  g_assert_error (error, RAMUS_ATLAS_ERROR, RAMUS_ATLAS_ERROR_OPEN);

  g_unlink (garbage);
  g_unlink (foreign);
  g_rmdir (dir);
}

static void
test_from_bytes (void)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(RamusAtlas) atlas = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (g_getenv ("RAMUS_TEST_FIXTURE_ATLAS"), &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  atlas = ramus_atlas_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ramus_atlas_get_n_vessels (atlas), ==, ramus_atlas_get_n_vessels (fixture ()));
  /* The FTS5 index works on a deserialized database too. */
  hits = ramus_atlas_search (atlas, "genicular", NULL, 0);
  g_assert_cmpuint (hits->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/atlas/regions", test_regions);
  g_test_add_func ("/core/atlas/lookup-any-name", test_lookup_any_name);
  g_test_add_func ("/core/atlas/path-and-regions", test_path_and_regions);
  g_test_add_func ("/core/atlas/side-specific-parent", test_side_specific_parent);
  g_test_add_func ("/core/atlas/region-tree", test_region_tree);
  g_test_add_func ("/core/atlas/variants-change-the-tree", test_variants_change_the_tree);
  g_test_add_func ("/core/atlas/search/ranking", test_search_ranking);
  g_test_add_func ("/core/atlas/search/chinese", test_search_chinese);
  g_test_add_func ("/core/atlas/search/typos", test_search_typos);
  g_test_add_func ("/core/atlas/search/region-filter", test_search_region_filter);
  g_test_add_func ("/core/atlas/suggest", test_suggest);
  g_test_add_func ("/core/atlas/access-sites", test_access_sites);
  g_test_add_func ("/core/atlas/refuses-foreign-files", test_refuses_foreign_files);
  g_test_add_func ("/core/atlas/from-bytes", test_from_bytes);

  return g_test_run ();
}
