/* test-cli.c — `ramus atlas …` as a user or script runs it: no display,
 * JSON shapes, exit statuses and messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include "ramus-test-util.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_vessel_shape (JsonObject *v)
{
  const char *keys[] = { "id", "name", "names", "abbreviations", "parent", "regions", "diameter_mm",
                         "fma", "uberon", "ta98", "sources", "territory", "notes", "kind" };
  JsonObject *names, *diameter;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!json_object_has_member (v, keys[i]))
      g_error ("vessel %s has no “%s”", json_object_get_string_member (v, "id"), keys[i]);
  names = json_object_get_object_member (v, "names");
  g_assert_nonnull (json_object_get_string_member (names, "en"));
  g_assert_nonnull (json_object_get_string_member (names, "zh_TW"));
  g_assert_nonnull (json_object_get_string_member (names, "zh_CN"));
  g_assert_cmpstr (json_object_get_string_member (v, "name"), ==, json_object_get_string_member (names, "en"));
  diameter = json_object_get_object_member (v, "diameter_mm");
  g_assert_cmpfloat (json_object_get_double_member (diameter, "min"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (diameter, "min"), <=,
                     json_object_get_double_member (diameter, "max"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (v, "sources")), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (v, "regions")), >, 0);
}

static const char * const region_ids[] = {
  "knee", "shoulder", "elbow", "ankle-foot", "hand", "hip", "liver", "spine-pelvis"
};

static void
test_regions_json (void)
{
  g_auto(RamusTestRun) run = ramus_test_run_cli ("atlas", "regions", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;

  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (region_ids));
  for (guint i = 0; i < G_N_ELEMENTS (region_ids); i++)
    {
      JsonObject *r = json_array_get_object_element (array, i);
      g_assert_cmpstr (json_object_get_string_member (r, "id"), ==, region_ids[i]);
      g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (r, "names"), "zh_TW"));
      g_assert_cmpint (json_object_get_int_member (r, "vessel_count"), >, 0);
    }
}

static void
test_list_every_region (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (region_ids); i++)
    {
      g_auto(RamusTestRun) run = ramus_test_run_cli ("atlas", "list", region_ids[i], "--json", NULL);
      g_autoptr(JsonNode) root = NULL;
      JsonArray *array;
      JsonObject *first;

      g_assert_cmpint (run.status, ==, 0);
      root = parse (run.out);
      array = json_node_get_array (root);
      g_assert_cmpuint (json_array_get_length (array), >, 5);
      first = json_array_get_object_element (array, 0);
      /* Every region starts at the aorta. */
      g_assert_true (json_object_get_null_member (first, "parent"));
      for (guint j = 0; j < json_array_get_length (array); j++)
        assert_vessel_shape (json_array_get_object_element (array, j));
    }
}

static char *
show_id (const char *name)
{
  g_auto(RamusTestRun) run = ramus_test_run_cli ("atlas", "show", name, "--json", NULL);
  g_autoptr(JsonNode) root = NULL;

  if (run.status != 0)
    g_error ("ramus atlas show “%s” failed: %s", name, run.err);
  root = parse (run.out);
  assert_vessel_shape (json_node_get_object (root));
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "id"));
}

static void
test_show_any_name (void)
{
  g_autofree char *by_abbr = show_id ("LSGA");
  g_autofree char *by_name = show_id ("lateral superior genicular artery");
  g_autofree char *by_upper = show_id ("Lateral Superior Genicular Artery");
  g_auto(RamusTestRun) run = ramus_test_run_cli ("atlas", "show", "lsga", "--json", NULL);
  g_autoptr(JsonNode) root = parse (run.out);
  JsonObject *names = json_object_get_object_member (json_node_get_object (root), "names");
  g_autofree char *by_tw = show_id (json_object_get_string_member (names, "zh_TW"));
  g_autofree char *by_cn = show_id (json_object_get_string_member (names, "zh_CN"));

  g_assert_cmpstr (by_abbr, ==, by_name);
  g_assert_cmpstr (by_abbr, ==, by_upper);
  g_assert_cmpstr (by_abbr, ==, by_tw);
  g_assert_cmpstr (by_abbr, ==, by_cn);
  g_assert_cmpstr (by_abbr, ==, by_name);
}

static void
test_show_text (void)
{
  g_auto(RamusTestRun) run = ramus_test_run_cli ("atlas", "show", "GDA", "--lang", "en", NULL);

  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Gastroduodenal artery"));
  g_assert_nonnull (strstr (run.out, "Sources:"));
}

static void
test_search_json (void)
{
  g_auto(RamusTestRun) run = ramus_test_run_cli ("atlas", "search", "genicular", "--json", NULL);
  g_auto(RamusTestRun) typo = ramus_test_run_cli ("atlas", "search", "lateral superor genicular", "--json", NULL);
  g_auto(RamusTestRun) chinese = ramus_test_run_cli ("atlas", "search", "肝", "--json", "--region", "liver", NULL);
  g_autoptr(JsonNode) root = NULL, typo_root = NULL, chinese_root = NULL;
  g_autofree char *lsga = show_id ("LSGA");
  JsonArray *hits;
  gboolean found = FALSE;
  double previous = G_MAXDOUBLE;

  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  hits = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (hits), >=, 5);
  for (guint i = 0; i < json_array_get_length (hits); i++)
    {
      JsonObject *hit = json_array_get_object_element (hits, i);
      double score = json_object_get_double_member (hit, "score");
      assert_vessel_shape (hit);
      g_assert_cmpfloat (score, <=, previous);   /* ranked */
      previous = score;
      found |= g_str_equal (json_object_get_string_member (hit, "id"), lsga);
    }
  g_assert_true (found);

  typo_root = parse (typo.out);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (typo_root), 0),
                                                  "id"), ==, lsga);

  g_assert_cmpint (chinese.status, ==, 0);
  chinese_root = parse (chinese.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (chinese_root)), >=, 5);
}

static void
test_path_json (void)
{
  g_auto(RamusTestRun) run = ramus_test_run_cli ("atlas", "path", "LSGA", "--json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *lsga = show_id ("LSGA");
  JsonArray *path;
  guint n;

  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  path = json_node_get_array (root);
  n = json_array_get_length (path);
  g_assert_cmpuint (n, >=, 5);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (path, 0), "parent"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (path, n - 1), "id"), ==, lsga);
  for (guint i = 1; i < n; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (path, i), "parent"), ==,
                     json_object_get_string_member (json_array_get_object_element (path, i - 1), "id"));
}

static void
test_unknown_names (void)
{
  g_auto(RamusTestRun) vessel = ramus_test_run_cli ("atlas", "show", "lateral superior genicular arteryy x", NULL);
  g_auto(RamusTestRun) region = ramus_test_run_cli ("atlas", "list", "kneee", NULL);
  g_auto(RamusTestRun) path = ramus_test_run_cli ("atlas", "path", "no such vessel", "--json", NULL);

  g_assert_cmpint (vessel.status, ==, 1);
  g_assert_nonnull (strstr (vessel.err, "unknown vessel"));
  g_assert_nonnull (strstr (vessel.err, "Did you mean"));
  g_assert_nonnull (strstr (vessel.err, "Lateral superior genicular artery"));
  g_assert_cmpstr (vessel.out, ==, "");

  g_assert_cmpint (region.status, ==, 1);
  g_assert_nonnull (strstr (region.err, "Did you mean: knee"));

  g_assert_cmpint (path.status, ==, 1);
  g_assert_cmpstr (path.out, ==, "");
}

static void
test_usage_errors (void)
{
  const char *cases[][4] = {
    { "atlas", NULL },
    { "atlas", "show", NULL },
    { "atlas", "frobnicate", NULL },
    { "atlas", "list", "knee", "--bogus" },
    { "atlas", "path", "LSGA", "--side=up" },
    { "atlas", "regions", "extra", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(RamusTestRun) run = ramus_test_run_cli (cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.err, !=, "");
    }
}

static void
test_help (void)
{
  const char *commands[] = { "regions", "list", "show", "search", "path", "variants" };
  g_auto(RamusTestRun) top = ramus_test_run_cli ("--help", NULL);
  g_auto(RamusTestRun) atlas = ramus_test_run_cli ("atlas", "--help", NULL);

  g_assert_cmpint (top.status, ==, 0);
  g_assert_nonnull (strstr (top.out, "atlas"));
  g_assert_cmpint (atlas.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(RamusTestRun) run = ramus_test_run_cli ("atlas", commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "--json"));
    }
}

/* A case is found by its targets' names in any language, not only by ids. */
static void
test_case_search_by_vessel_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ramus-cli-XXXXXX", NULL);
  g_autofree char *library = g_build_filename (dir, "cases.sqlite", NULL);
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "docs", "examples", "knee-gae.json", NULL);
  const char *queries[] = { "LSGA", "膝上外側", "膝上外侧动脉", "superior genicular" };
  g_auto(RamusTestRun) import = ramus_test_run_cli ("--library", library, "case", "import", example, NULL);

  g_assert_cmpint (import.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_auto(RamusTestRun) run = ramus_test_run_cli ("--library", library, "case", "list", "--search", queries[i], "--json", NULL);
      g_autoptr(JsonNode) root = NULL;
      g_assert_cmpint (run.status, ==, 0);
      root = parse (run.out);
      if (json_array_get_length (json_node_get_array (root)) != 1)
        g_error ("searching “%s” found %u cases", queries[i], json_array_get_length (json_node_get_array (root)));
    }
  {
    g_auto(RamusTestRun) none = ramus_test_run_cli ("--library", library, "case", "list", "--search", "hepatic", "--json", NULL);
    g_autoptr(JsonNode) root = parse (none.out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 0);
  }
  g_unlink (library);
  {
    g_autofree char *wal = g_strconcat (library, "-wal", NULL), *shm = g_strconcat (library, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

/* The benchmark runs and reports every figure the issues name; how fast
 * is its business, not a test's. */
static void
test_bench_keys (void)
{
  g_auto(RamusTestRun) run = ramus_test_run_cli ("bench", "--json", "--quick", NULL);
  g_autoptr(JsonNode) root = NULL;
  const char *keys[] = { "pan_frame_ms_1080p", "pan_frame_ms_2160p", "zoom_settle_ms_1080p",
                         "cold_render_ms_1080p", "cold_render_ms_2160p", "librsvg_ms_1080p",
                         "librsvg_ms_2160p", "memcpy_ms_1080p", "memcpy_ms_2160p", "hit_test_ns", "rss_mb" };
  JsonObject *o, *regions;

  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (o, "segments"), >=, 10000);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (json_object_has_member (o, keys[i]));
      g_assert_cmpfloat (json_object_get_double_member (o, keys[i]), >, 0);
    }
  regions = json_object_get_object_member (o, "regions");
  for (guint r = 0; r < G_N_ELEMENTS (region_ids); r++)
    {
      JsonObject *region = json_object_get_object_member (regions, region_ids[r]);
      g_assert_nonnull (region);
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        g_assert_true (json_object_has_member (region, keys[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/atlas/regions-json", test_regions_json);
  g_test_add_func ("/cli/atlas/list-every-region", test_list_every_region);
  g_test_add_func ("/cli/atlas/show-any-name", test_show_any_name);
  g_test_add_func ("/cli/atlas/show-text", test_show_text);
  g_test_add_func ("/cli/atlas/search-json", test_search_json);
  g_test_add_func ("/cli/atlas/path-json", test_path_json);
  g_test_add_func ("/cli/atlas/unknown-names", test_unknown_names);
  g_test_add_func ("/cli/atlas/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/atlas/help", test_help);
  g_test_add_func ("/cli/bench/keys", test_bench_keys);
  g_test_add_func ("/cli/case/search-by-vessel-name", test_case_search_by_vessel_name);

  return g_test_run ();
}
