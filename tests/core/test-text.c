/* test-text.c — name folding and edit distance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-text.h"

static void
test_fold (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "Lateral Superior Genicular Artery", "lateral superior genicular artery" },
    { "  lateral-superior_genicular   artery ", "lateral superior genicular artery" },
    { "ＬＳＧＡ", "lsga" },                 /* full-width letters (NFKC) */
    { "膝上外側動脈", "膝上外側動脈" },     /* Chinese untouched */
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = ramus_text_fold (cases[i].in);
      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static void
test_edit_distance (void)
{
  g_assert_cmpuint (ramus_text_edit_distance ("genicular", "genicular", 2), ==, 0);
  g_assert_cmpuint (ramus_text_edit_distance ("genicualr", "genicular", 2), ==, 1);  /* transposition */
  g_assert_cmpuint (ramus_text_edit_distance ("genicuar", "genicular", 2), ==, 1);   /* deletion */
  g_assert_cmpuint (ramus_text_edit_distance ("genicullar", "genicular", 2), ==, 1); /* insertion */
  g_assert_cmpuint (ramus_text_edit_distance ("genikular", "genicular", 2), ==, 1);  /* substitution */
  g_assert_cmpuint (ramus_text_edit_distance ("膝上外側", "膝上內側", 2), ==, 1);     /* characters, not bytes */
  /* Beyond the limit it stops early and says limit + 1. */
  g_assert_cmpuint (ramus_text_edit_distance ("aorta", "genicular", 2), ==, 3);
  g_assert_cmpuint (ramus_text_edit_distance ("", "abc", 5), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/text/fold", test_fold);
  g_test_add_func ("/core/text/edit-distance", test_edit_distance);
  return g_test_run ();
}
