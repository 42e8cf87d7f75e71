/* test-atlas-compiler.c — every error the atlas compiler reports, with its
 * file:line, and a valid atlas passing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-atlas-compiler.h"
#include "ramus-atlas-source.h"

#include <string.h>
#include "ramus-atlas.h"

#include <glib/gstdio.h>

/* A minimal valid atlas: lines 1–33. Tests append a block after it. */
static const char base[] =
  "[source src]\n"                                    /* 1 */
  "citation = A reference.\n"
  "\n"
  "[region knee]\n"                                   /* 4 */
  "order = 1\n"
  "name.en = Knee\n"
  "name.zh_TW = 膝部\n"
  "name.zh_CN = 膝部\n"
  "procedure.en = GAE\n"
  "procedure.zh_TW = 膝動脈栓塞術\n"
  "procedure.zh_CN = 膝动脉栓塞术\n"
  "sources = src\n"
  "\n"
  "[vessel aorta]\n"                                  /* 14 */
  "laterality = midline\n"
  "kind = trunk\n"
  "regions = knee\n"
  "name.en = Aorta\n"
  "name.zh_TW = 主動脈\n"
  "name.zh_CN = 主动脉\n"
  "diameter = 20-30\n"
  "diameter.source = src\n"
  "territory.en = Body.\n"
  "territory.zh_TW = 全身。\n"
  "territory.zh_CN = 全身。\n"
  "notes.en = Root.\n"
  "notes.zh_TW = 根。\n"
  "notes.zh_CN = 根。\n"
  "hra = abdominal aorta\n"                           /* 29 */
  "sources = src\n"
  "\n"
  "\n"
  "\n";

/* A valid child vessel block starting at line 34; %s are substituted. */
static char *
child (const char *id,
       const char *parent,
       const char *extra)
{
  return g_strdup_printf ("[vessel %s]\n"                /* 34 */
                          "parent = %s\n"                /* 35 */
                          "laterality = paired\n"
                          "kind = feeder\n"
                          "name.en = %s name\n"          /* 38 */
                          "name.zh_TW = %s 名\n"
                          "name.zh_CN = %s 名\n"
                          "diameter = 1.0-2.0\n"         /* 41 */
                          "diameter.source = src\n"
                          "territory.en = Knee.\n"
                          "territory.zh_TW = 膝。\n"
                          "territory.zh_CN = 膝。\n"
                          "notes.en = Note.\n"
                          "notes.zh_TW = 註。\n"
                          "notes.zh_CN = 注。\n"
                          "regions = knee\n"             /* 49 */
                          "sources = src\n"              /* 50 */
                          "%s",
                          id, parent, id, id, id, extra ? extra : "");
}

static RamusAtlasCompiler *
compile (const char *text)
{
  RamusAtlasCompiler *compiler = ramus_atlas_compiler_new ();
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "..", "data", "hra-vccf", "Vessel.csv", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ramus_atlas_compiler_load_hra (compiler, csv, &error));
  g_assert_no_error (error);
  ramus_atlas_compiler_add_text (compiler, "test.atlas", text);
  ramus_atlas_compiler_check (compiler);
  return compiler;
}

/* Asserts that @text compiles with exactly one error equal to @expected. */
static void
assert_error (const char *text,
              const char *expected)
{
  g_autoptr(RamusAtlasCompiler) compiler = compile (text);
  GPtrArray *errors = ramus_atlas_compiler_get_errors (compiler);

  for (guint i = 0; i < errors->len; i++)
    g_test_message ("error: %s", (char *) g_ptr_array_index (errors, i));
  g_assert_cmpuint (errors->len, >=, 1);
  for (guint i = 0; i < errors->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (errors, i), expected))
      return;
  g_error ("expected an error starting “%s”, got “%s”", expected, (char *) g_ptr_array_index (errors, 0));
}

static void
test_valid_atlas (void)
{
  g_autofree char *block = child ("lsga", "aorta", NULL);
  g_autofree char *text = g_strconcat (base, block, NULL);
  g_autoptr(RamusAtlasCompiler) compiler = compile (text);
  GPtrArray *errors = ramus_atlas_compiler_get_errors (compiler);

  g_assert_cmpstr (errors->len ? g_ptr_array_index (errors, 0) : NULL, ==, NULL);
  g_assert_cmpuint (ramus_atlas_compiler_count (compiler, "vessel"), ==, 2);
}

static void
test_unknown_parent (void)
{
  g_autofree char *block = child ("lsga", "popliteal", NULL);
  g_autofree char *text = g_strconcat (base, block, NULL);
  assert_error (text, "test.atlas:35: unknown parent 'popliteal'");
}

static void
test_cycle (void)
{
  g_autofree char *a = child ("first", "second", NULL);
  g_autofree char *b = child ("second", "first", NULL);
  g_autofree char *text = g_strconcat (base, a, "\n", b, NULL);
  assert_error (text, "test.atlas:35: cycle in the vessel tree: first > second > first");
}

static void
test_duplicate_id (void)
{
  g_autofree char *a = child ("lsga", "aorta", NULL);
  g_autofree char *b = child ("lsga", "aorta", NULL);
  g_autofree char *text = g_strconcat (base, a, "\n", b, NULL);
  /* The second block starts after the first (17 lines) and a blank line. */
  assert_error (text, "test.atlas:52: duplicate id 'lsga' (first defined at test.atlas:34)");
}

static void
test_missing_translation (void)
{
  g_autofree char *block = child ("lsga", "aorta", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) s = g_string_new (block);

  g_string_replace (s, "name.zh_CN = lsga 名\n", "", 1);
  text = g_strconcat (base, s->str, NULL);
  assert_error (text, "test.atlas:34: missing translation: name.zh_CN");
}

static void
test_diameter_out_of_range (void)
{
  g_autofree char *block = child ("lsga", "aorta", NULL);
  g_autoptr(GString) s = g_string_new (block);
  g_autofree char *text = NULL;

  g_string_replace (s, "diameter = 1.0-2.0", "diameter = 2.0-80", 1);
  text = g_strconcat (base, s->str, NULL);
  assert_error (text, "test.atlas:41: diameter out of range: '2.0-80'");

  g_string_replace (s, "diameter = 2.0-80", "diameter = 3-1", 1);
  g_free (text);
  text = g_strconcat (base, s->str, NULL);
  assert_error (text, "test.atlas:41: diameter out of range: '3-1'");

  g_string_replace (s, "diameter = 3-1", "diameter = wide", 1);
  g_free (text);
  text = g_strconcat (base, s->str, NULL);
  assert_error (text, "test.atlas:41: diameter out of range: 'wide'");
}

static void
test_access_unknown_vessel (void)
{
  g_autofree char *text = g_strconcat (base,
    "[access radial]\n"                                  /* 34 */
    "vessel = radial-artery\n"                           /* 35 */
    "direction = retrograde\n"
    "name.en = Radial\nname.zh_TW = 橈動脈\nname.zh_CN = 桡动脉\n"
    "sheath = 4-6\n"
    "notes.en = Wrist.\nnotes.zh_TW = 腕。\nnotes.zh_CN = 腕。\n"
    "sources = src\n", NULL);
  assert_error (text, "test.atlas:35: access site on an unknown vessel 'radial-artery'");
}

static void
test_unknown_source_and_region (void)
{
  g_autofree char *block = child ("lsga", "aorta", NULL);
  g_autoptr(GString) s = g_string_new (block);
  g_autofree char *text = NULL;

  g_string_replace (s, "sources = src", "sources = src, nowhere", 1);
  g_string_replace (s, "regions = knee", "regions = kneee", 1);
  text = g_strconcat (base, s->str, NULL);
  assert_error (text, "test.atlas:50: unknown source 'nowhere'");
  assert_error (text, "test.atlas:49: unknown region 'kneee'");
}

static void
test_ambiguous_name (void)
{
  g_autofree char *a = child ("lsga", "aorta", "abbr = LSGA\n");
  g_autofree char *b = child ("other", "aorta", "synonyms.en = lsga\n");
  g_autofree char *text = g_strconcat (base, a, "\n", b, NULL);
  /* Block b starts at 53; its synonyms line is its 18th line. */
  assert_error (text, "test.atlas:70: ambiguous name 'lsga': also used by vessel 'lsga' (test.atlas:34)");
}

static void
test_syntax_and_keys (void)
{
  g_autofree char *text1 = g_strconcat (base, "[vessel broken\n", NULL);
  g_autofree char *text2 = g_strconcat (base, "just words\n", NULL);
  g_autofree char *block = child ("lsga", "aorta", "colour = red\nparent = aorta\n");
  g_autofree char *text3 = g_strconcat (base, block, NULL);
  g_autofree char *text4 = g_strconcat (base, "[vessel Bad_Id]\n", NULL);
  g_autofree char *text5 = g_strconcat (base, "[artery x]\n", NULL);

  assert_error (text1, "test.atlas:34: syntax error: a block header is written [kind id]");
  assert_error (text2, "test.atlas:34: syntax error: expected key = value");
  assert_error (text3, "test.atlas:51: unknown key 'colour' in a vessel block");
  assert_error (text3, "test.atlas:52: duplicate key 'parent' (first given at line 35)");
  assert_error (text4, "test.atlas:34: invalid id 'Bad_Id'");
  assert_error (text5, "test.atlas:34: unknown block kind 'artery'");
}

static void
test_hra (void)
{
  g_autofree char *bad = child ("lsga", "aorta", "hra = no such vessel\n");
  g_autofree char *text1 = g_strconcat (base, bad, NULL);
  /* HRA-VCCF says the coeliac artery branches from the abdominal aorta,
   * which is "aorta" here (line 29): a different parent must be explained. */
  g_autofree char *mid = child ("middle", "aorta", NULL);
  g_autofree char *celiac = child ("celiac", "middle", "hra = celiac artery\n");
  g_autofree char *text2 = g_strconcat (base, mid, "\n", celiac, NULL);
  g_autofree char *explained = child ("celiac", "middle",
                                      "hra = celiac artery\n"
                                      "hra.parent.en = Why.\nhra.parent.zh_TW = 因。\nhra.parent.zh_CN = 因。\n");
  g_autofree char *text3 = g_strconcat (base, mid, "\n", explained, NULL);
  g_autoptr(RamusAtlasCompiler) ok = NULL;

  assert_error (text1, "test.atlas:51: HRA-VCCF has no vessel named 'no such vessel'");
  assert_error (text2, "test.atlas:53: parent differs from HRA-VCCF ('celiac artery' branches from 'abdominal aorta'");
  ok = compile (text3);
  g_assert_cmpuint (ramus_atlas_compiler_get_errors (ok)->len, ==, 0);
}

static void
test_variants (void)
{
  g_autofree char *acc = child ("accessory", "aorta", "variant-only = yes\n");
  g_autofree char *text1 = g_strconcat (base, acc, NULL);
  g_autofree char *text2 = g_strconcat (base,
    "[variant v1]\n"                                      /* 34 */
    "group = michels\norder = 1\n"
    "name.en = I\nname.zh_TW = 一\nname.zh_CN = 一\n"
    "description.en = D\ndescription.zh_TW = D\ndescription.zh_CN = D\n"
    "frequency = 55 src\n"                                 /* 43 */
    "frequency = 120 src\n"                                /* 44 */
    "reparent = ghost > aorta\n"                           /* 45 */
    "adds = phantom\n", NULL);                             /* 46 */

  assert_error (text1, "test.atlas:51: variant-only vessel 'accessory' is never added by a variant");
  assert_error (text2, "test.atlas:44: invalid frequency '120 src'");
  assert_error (text2, "test.atlas:45: variant refers to an unknown vessel 'ghost'");
  assert_error (text2, "test.atlas:46: variant refers to an unknown vessel 'phantom'");
}

static void
test_length_and_devices (void)
{
  g_autofree char *bad_length = child ("lsga", "aorta", "length = 900\n");
  g_autofree char *unsourced = child ("lsga", "aorta", "length = 90\n");
  g_autofree char *text1 = g_strconcat (base, bad_length, NULL);
  g_autofree char *text2 = g_strconcat (base, unsourced, NULL);
  g_autofree char *text3 = g_strconcat (base,
    "[device micro]\n"                          /* 34 */
    "type = microcatheter\n"
    "name = Micro\n"
    "french = 2.0\n"
    "inner_mm = 0.53\n"
    "length_cm = 1300\n"                       /* 39 */
    "sources = src\n", NULL);
  g_autofree char *text4 = g_strconcat (base,
    "[device wire]\n"                           /* 34 */
    "type = guidewire\n"
    "name = Wire\n"
    "length_cm = 180\n"
    "sources = src\n", NULL);

  assert_error (text1, "test.atlas:51: length out of range: '900'");
  assert_error (text2, "test.atlas:51: missing key 'length.source'");
  assert_error (text3, "test.atlas:39: length_cm out of range: '1300'");
  assert_error (text3, "test.atlas:34: missing key 'outer_mm'");
  assert_error (text4, "test.atlas:34: missing key 'wire_in'");
}

static void
test_no_region (void)
{
  g_autofree char *block = child ("lsga", "aorta", NULL);
  g_autoptr(GString) s = g_string_new (base);
  g_autofree char *text = NULL;

  g_autoptr(GString) c = g_string_new (block);

  g_string_replace (s, "regions = knee\n", "", 1);
  g_string_replace (c, "regions = knee\n", "", 1);
  text = g_strconcat (s->str, c->str, NULL);
  assert_error (text, "test.atlas:14: vessel 'aorta' belongs to no region");
}

static void
test_write_and_load (void)
{
  g_autofree char *block = child ("lsga", "aorta", "abbr = LSGA\n");
  g_autofree char *text = g_strconcat (base, block, NULL);
  g_autoptr(RamusAtlasCompiler) compiler = compile (text);
  g_autofree char *dir = g_dir_make_tmp ("ramus-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "atlas.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RamusAtlas) atlas = NULL;
  const RamusVessel *v;

  g_assert_true (ramus_atlas_compiler_write (compiler, path, &error));
  g_assert_no_error (error);
  atlas = ramus_atlas_new_from_file (path, &error);
  g_assert_no_error (error);
  v = ramus_atlas_lookup (atlas, "lsga");
  g_assert_nonnull (v);
  g_assert_cmpstr (v->parent, ==, "aorta");
  g_assert_cmpstr (v->file, ==, "test.atlas");
  g_assert_cmpuint (v->line, ==, 34);
  /* The root took its ids from HRA-VCCF's "abdominal aorta" row. */
  g_assert_cmpstr (ramus_atlas_lookup (atlas, "aorta")->fma, ==, "FMA:3789");
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_continuation_lines (void)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) ramus_atlas_block_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  const char *text = "[vessel x]\n"
                     "notes.en = Two\n  lines.\n"
                     "notes.zh_TW = 膝動脈\n  栓塞術。\n"
                     "notes.zh_CN = 混合 GAE\n  治疗\n";
  RamusAtlasBlock *block;

  g_assert_true (ramus_atlas_source_parse ("t.atlas", text, strlen (text), blocks, errors));
  block = g_ptr_array_index (blocks, 0);
  g_assert_cmpstr (ramus_atlas_block_get (block, "notes.en"), ==, "Two lines.");
  g_assert_cmpstr (ramus_atlas_block_get (block, "notes.zh_TW"), ==, "膝動脈栓塞術。");
  g_assert_cmpstr (ramus_atlas_block_get (block, "notes.zh_CN"), ==, "混合 GAE 治疗");
}

static void
test_write_refuses_errors (void)
{
  g_autofree char *block = child ("lsga", "nowhere", NULL);
  g_autofree char *text = g_strconcat (base, block, NULL);
  g_autoptr(RamusAtlasCompiler) compiler = compile (text);
  g_autofree char *dir = g_dir_make_tmp ("ramus-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "atlas.sqlite", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (ramus_atlas_compiler_write (compiler, path, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* The artwork's words must be given in all three languages; vertebral
 * levels and segment numerals need not be. */
static void
test_artwork_labels_translated (void)
{
  static const char svg_head[] =
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 150 265'>\n"
    "<text class='label' x='5' y='7' font-size='4'>T12</text>\n";
  const struct { const char *label; gboolean ok; } cases[] = {
    { "<text class='label' x='5' y='20' font-size='3' data-zh-tw='關節線' data-zh-cn='关节线'>joint line</text>\n", TRUE },
    { "<text class='label' x='5' y='20' font-size='3'>joint line</text>\n", FALSE },
    { "<text class='label' x='5' y='20' font-size='3' data-zh-tw='關節線'>joint line</text>\n", FALSE },
  };
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "..", "data", "hra-vccf", "Vessel.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *root = g_dir_make_tmp ("ramus-compiler-XXXXXX", NULL);
      g_autofree char *atlas_dir = g_build_filename (root, "data", "atlas", NULL);
      g_autofree char *drawings_dir = g_build_filename (root, "data", "drawings", NULL);
      g_autofree char *atlas_path = g_build_filename (atlas_dir, "test.atlas", NULL);
      g_autofree char *svg_path = g_build_filename (drawings_dir, "k.svg", NULL);
      g_autofree char *text = g_strconcat (base,
                                           "[drawing drawing-knee]\n"   /* 34 */
                                           "region = knee\n"
                                           "size = 150 265\n"
                                           "artwork = k.svg\n",          /* 37 */
                                           NULL);
      g_autofree char *svg = g_strconcat (svg_head, cases[i].label, "</svg>\n", NULL);
      g_autoptr(RamusAtlasCompiler) compiler = ramus_atlas_compiler_new ();
      g_autoptr(GError) error = NULL;
      GPtrArray *errors;

      g_assert_cmpint (g_mkdir_with_parents (atlas_dir, 0700), ==, 0);
      g_assert_cmpint (g_mkdir_with_parents (drawings_dir, 0700), ==, 0);
      g_assert_true (g_file_set_contents (atlas_path, text, -1, NULL));
      g_assert_true (g_file_set_contents (svg_path, svg, -1, NULL));
      g_assert_true (ramus_atlas_compiler_load_hra (compiler, csv, &error));
      g_assert_no_error (error);
      g_assert_true (ramus_atlas_compiler_add_file (compiler, atlas_path, &error));
      g_assert_no_error (error);
      ramus_atlas_compiler_check (compiler);
      errors = ramus_atlas_compiler_get_errors (compiler);
      for (guint e = 0; e < errors->len; e++)
        g_test_message ("error: %s", (char *) g_ptr_array_index (errors, e));
      if (cases[i].ok)
        g_assert_cmpuint (errors->len, ==, 0);
      else
        {
          g_assert_cmpuint (errors->len, ==, 1);
          g_assert_cmpstr (g_ptr_array_index (errors, 0), ==,
                           "data/atlas/test.atlas:37: artwork 'k.svg': label 'joint line' needs data-zh-tw and "
                           "data-zh-cn translations");
        }
      g_remove (svg_path);
      g_remove (atlas_path);
      g_rmdir (drawings_dir);
      g_rmdir (atlas_dir);
      {
        g_autofree char *data_dir = g_build_filename (root, "data", NULL);
        g_rmdir (data_dir);
      }
      g_rmdir (root);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/atlas-compiler/valid", test_valid_atlas);
  g_test_add_func ("/core/atlas-compiler/unknown-parent", test_unknown_parent);
  g_test_add_func ("/core/atlas-compiler/cycle", test_cycle);
  g_test_add_func ("/core/atlas-compiler/duplicate-id", test_duplicate_id);
  g_test_add_func ("/core/atlas-compiler/missing-translation", test_missing_translation);
  g_test_add_func ("/core/atlas-compiler/diameter-out-of-range", test_diameter_out_of_range);
  g_test_add_func ("/core/atlas-compiler/access-unknown-vessel", test_access_unknown_vessel);
  g_test_add_func ("/core/atlas-compiler/unknown-source-and-region", test_unknown_source_and_region);
  g_test_add_func ("/core/atlas-compiler/ambiguous-name", test_ambiguous_name);
  g_test_add_func ("/core/atlas-compiler/syntax-and-keys", test_syntax_and_keys);
  g_test_add_func ("/core/atlas-compiler/hra", test_hra);
  g_test_add_func ("/core/atlas-compiler/variants", test_variants);
  g_test_add_func ("/core/atlas-compiler/no-region", test_no_region);
  g_test_add_func ("/core/atlas-compiler/length-and-devices", test_length_and_devices);
  g_test_add_func ("/core/atlas-compiler/write-and-load", test_write_and_load);
  g_test_add_func ("/core/atlas-compiler/write-refuses-errors", test_write_refuses_errors);
  g_test_add_func ("/core/atlas-compiler/continuation-lines", test_continuation_lines);
  g_test_add_func ("/core/atlas-compiler/artwork-labels-translated", test_artwork_labels_translated);

  return g_test_run ();
}
