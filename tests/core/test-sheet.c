/* test-sheet.c — the procedure sheet: its page model in process (one page
 * for a knee case, clean breaks for twelve targets, refusals), and its PDF
 * as `ramus sheet` writes it (text in each language, embedded fonts, the
 * first page against a reference image, no file on bad input)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ramus-sheet.h"
#include "ramus-test-util.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

static RamusAtlas *
atlas (void)
{
  static RamusAtlas *atlas;

  if (atlas == NULL)
    {
      g_autoptr(GError) error = NULL;
      atlas = ramus_atlas_get_default (&error);
      g_assert_no_error (error);
    }
  return atlas;
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static RamusCase *
load_case (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  RamusCase *kase = ramus_case_load (path, &error);

  g_assert_no_error (error);
  return kase;
}

static RamusSheet *
new_sheet (const char *name,
           RamusLang   lang)
{
  g_autoptr(RamusCase) kase = load_case (name);
  g_autoptr(GError) error = NULL;
  RamusSheetInfo info = { "Test Hospital", "Dr Test", "2026-12-01", lang };
  RamusSheet *sheet = ramus_sheet_new (atlas (), kase, &info, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sheet);
  return sheet;
}

static void
layout (RamusSheet     *sheet,
        RamusSheetPage *page)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ramus_sheet_layout (sheet, page, &error));
  g_assert_no_error (error);
}

static guint
count_boxes (RamusSheet        *sheet,
             RamusSheetBoxKind  kind,
             gint               page)
{
  guint n = 0;

  for (guint i = 0; i < ramus_sheet_get_n_boxes (sheet); i++)
    {
      const RamusSheetBox *b = ramus_sheet_get_box (sheet, i);
      if (b->kind == kind && (page < 0 || b->page == (guint) page))
        n++;
    }
  return n;
}

static gboolean
contains (const RamusSheetBox *outer,
          const RamusSheetBox *inner)
{
  return inner->rect.x >= outer->rect.x - 1e-6 && inner->rect.y >= outer->rect.y - 1e-6 &&
         inner->rect.x + inner->rect.width <= outer->rect.x + outer->rect.width + 1e-6 &&
         inner->rect.y + inner->rect.height <= outer->rect.y + outer->rect.height + 1e-6;
}

/* Nothing clipped: every box inside the page's margins, the body between
 * the header and the footer of its page, no two body boxes overlapping. */
static void
assert_page_model (RamusSheet           *sheet,
                   const RamusSheetPage *page)
{
  guint n = ramus_sheet_get_n_boxes (sheet), pages = ramus_sheet_get_n_pages (sheet);

  for (guint p = 0; p < pages; p++)
    {
      const RamusSheetBox *header = NULL, *footer = NULL;

      for (guint i = 0; i < n; i++)
        {
          const RamusSheetBox *b = ramus_sheet_get_box (sheet, i);
          if (b->page != p)
            continue;
          if (b->kind == RAMUS_SHEET_BOX_HEADER)
            header = b;
          if (b->kind == RAMUS_SHEET_BOX_FOOTER)
            footer = b;
        }
      g_assert_nonnull (header);
      g_assert_nonnull (footer);

      for (guint i = 0; i < n; i++)
        {
          const RamusSheetBox *b = ramus_sheet_get_box (sheet, i);

          g_assert_cmpuint (b->page, <, pages);
          if (b->page != p)
            continue;
          g_assert_cmpfloat (b->rect.height, >, 0);
          g_assert_cmpfloat (b->rect.x, >=, page->margin_left - 1e-6);
          g_assert_cmpfloat (b->rect.x + b->rect.width, <=, page->width - page->margin_right + 1e-6);
          g_assert_cmpfloat (b->rect.y, >=, page->margin_top - 1e-6);
          g_assert_cmpfloat (b->rect.y + b->rect.height, <=, page->height - page->margin_bottom + 1e-6);
          if (b->kind == RAMUS_SHEET_BOX_HEADER || b->kind == RAMUS_SHEET_BOX_FOOTER)
            continue;
          g_assert_cmpfloat (b->rect.y, >=, header->rect.y + header->rect.height);
          g_assert_cmpfloat (b->rect.y + b->rect.height, <=, footer->rect.y);
          for (guint j = i + 1; j < n; j++)
            {
              const RamusSheetBox *o = ramus_sheet_get_box (sheet, j);
              if (o->page != p || o->kind == RAMUS_SHEET_BOX_HEADER || o->kind == RAMUS_SHEET_BOX_FOOTER)
                continue;
              if (contains (b, o) || contains (o, b))
                continue;   /* a part placed inside its block (beside the figure) */
              if (b->rect.y + b->rect.height > o->rect.y + 1e-6 && o->rect.y + o->rect.height > b->rect.y + 1e-6 &&
                  b->rect.x + b->rect.width > o->rect.x + 1e-6 && o->rect.x + o->rect.width > b->rect.x + 1e-6)
                g_error ("boxes %u and %u overlap on page %u", i, j, p + 1);
            }
        }
    }
}

static void
test_paper (void)
{
  RamusSheetPage page;
  RamusPaper paper;

  ramus_sheet_page_init (&page, RAMUS_PAPER_A4, FALSE);
  g_assert_cmpfloat_with_epsilon (page.width, 595.276, 0.001);   /* 210 mm */
  g_assert_cmpfloat_with_epsilon (page.height, 841.890, 0.001);  /* 297 mm */
  g_assert_cmpfloat_with_epsilon (page.margin_left, 28.346, 0.001);
  ramus_sheet_page_init (&page, RAMUS_PAPER_LETTER, TRUE);
  g_assert_cmpfloat (page.width, ==, 792);
  g_assert_cmpfloat (page.height, ==, 612);

  g_assert_true (ramus_paper_from_string ("Letter", &paper));
  g_assert_cmpint (paper, ==, RAMUS_PAPER_LETTER);
  g_assert_true (ramus_paper_from_string ("a4", &paper));
  g_assert_cmpint (paper, ==, RAMUS_PAPER_A4);
  g_assert_false (ramus_paper_from_string ("a5", &paper));
  g_assert_cmpstr (ramus_paper_to_string (RAMUS_PAPER_LETTER), ==, "letter");
}

/* A typical knee case (three genicular targets) is one A4 page holding
 * every part of the sheet. */
static void
test_knee_one_page (void)
{
  g_autoptr(RamusSheet) sheet = new_sheet ("sheet-knee.json", RAMUS_LANG_EN);
  RamusSheetPage page;

  ramus_sheet_page_init (&page, RAMUS_PAPER_A4, FALSE);
  layout (sheet, &page);
  g_assert_cmpuint (ramus_sheet_get_n_pages (sheet), ==, 1);
  assert_page_model (sheet, &page);

  g_assert_cmpuint (count_boxes (sheet, RAMUS_SHEET_BOX_PATIENT, 0), ==, 1);
  g_assert_cmpuint (count_boxes (sheet, RAMUS_SHEET_BOX_FIGURE, 0), ==, 1);
  g_assert_cmpuint (count_boxes (sheet, RAMUS_SHEET_BOX_TABLE_HEADER, 0), ==, 1);
  g_assert_cmpuint (count_boxes (sheet, RAMUS_SHEET_BOX_TARGET, 0), ==, 3);
  g_assert_cmpuint (count_boxes (sheet, RAMUS_SHEET_BOX_WARNING, 0), >=, 1);
  g_assert_cmpuint (count_boxes (sheet, RAMUS_SHEET_BOX_CHECKLIST, 0), ==, 1);
  g_assert_cmpuint (count_boxes (sheet, RAMUS_SHEET_BOX_SCORES, 0), ==, 1);
  g_assert_cmpuint (count_boxes (sheet, RAMUS_SHEET_BOX_SOURCE, 0), >=, 1);

  /* Laid out again on other paper and back: the same result. */
  ramus_sheet_page_init (&page, RAMUS_PAPER_LETTER, TRUE);
  layout (sheet, &page);
  assert_page_model (sheet, &page);
  ramus_sheet_page_init (&page, RAMUS_PAPER_A4, FALSE);
  layout (sheet, &page);
  g_assert_cmpuint (ramus_sheet_get_n_pages (sheet), ==, 1);
}

/* Twelve targets on pages too short for the table: rows move whole to the
 * next page, each page of rows starts with the table's header, every
 * target is on exactly one page and nothing is clipped. */
static void
check_twelve_targets (RamusSheetPage *page)
{
  g_autoptr(RamusSheet) sheet = new_sheet ("sheet-12-targets.json", RAMUS_LANG_ZH_TW);
  guint seen[12] = { 0 }, pages_with_rows = 0;
  guint n;

  layout (sheet, page);
  assert_page_model (sheet, page);
  n = ramus_sheet_get_n_boxes (sheet);
  g_assert_cmpuint (ramus_sheet_get_n_pages (sheet), >, 1);

  for (guint p = 0; p < ramus_sheet_get_n_pages (sheet); p++)
    {
      double header_bottom = -1, first_row = G_MAXDOUBLE;
      guint rows = 0;

      for (guint i = 0; i < n; i++)
        {
          const RamusSheetBox *b = ramus_sheet_get_box (sheet, i);
          if (b->page != p)
            continue;
          if (b->kind == RAMUS_SHEET_BOX_TABLE_HEADER)
            {
              g_assert_cmpfloat (header_bottom, <, 0);   /* one header a page */
              header_bottom = b->rect.y + b->rect.height;
            }
          if (b->kind == RAMUS_SHEET_BOX_TARGET)
            {
              g_assert_cmpint (b->target, >=, 0);
              g_assert_cmpint (b->target, <, 12);
              seen[b->target]++;
              rows++;
              first_row = MIN (first_row, b->rect.y);
            }
        }
      if (rows > 0)
        {
          pages_with_rows++;
          g_assert_cmpfloat (header_bottom, >, 0);
          g_assert_cmpfloat (header_bottom, <=, first_row + 1e-6);
        }
    }
  for (guint t = 0; t < 12; t++)
    g_assert_cmpuint (seen[t], ==, 1);
  g_assert_cmpuint (pages_with_rows, >, 1);
  /* Only a header that continues a table on a later page is "repeated". */
  for (guint i = 0; i < n; i++)
    {
      const RamusSheetBox *b = ramus_sheet_get_box (sheet, i);
      if (b->kind == RAMUS_SHEET_BOX_TABLE_HEADER && b->repeated)
        g_assert_cmpuint (b->page, >, 0);
    }
  /* Rows keep the case's order across pages. */
  {
    gint last = -1;
    for (guint i = 0; i < n; i++)
      {
        const RamusSheetBox *b = ramus_sheet_get_box (sheet, i);
        if (b->kind == RAMUS_SHEET_BOX_TARGET)
          {
            g_assert_cmpint (b->target, ==, last + 1);
            last = b->target;
          }
      }
    g_assert_cmpint (last, ==, 11);
  }
}

static void
test_twelve_targets_paginate (void)
{
  RamusSheetPage page;

  ramus_sheet_page_init (&page, RAMUS_PAPER_A4, TRUE);
  check_twelve_targets (&page);
  ramus_sheet_page_init (&page, RAMUS_PAPER_LETTER, TRUE);
  check_twelve_targets (&page);
  /* A5 with a printer's wide hard margins. */
  page.width = 420;
  page.height = 595;
  page.margin_top = page.margin_bottom = 36;
  page.margin_left = page.margin_right = 12;
  check_twelve_targets (&page);
}

/* A note longer than a page is broken between whole lines, never clipped. */
static void
test_long_note_breaks_between_lines (void)
{
  g_autoptr(RamusCase) kase = load_case ("sheet-knee.json");
  g_autoptr(RamusSheet) sheet = NULL;
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  RamusSheetInfo info = { NULL, NULL, "2026-12-01", RAMUS_LANG_EN };
  RamusSheetPage page;
  guint notes = 0;

  for (guint i = 1; i <= 400; i++)
    g_string_append_printf (note, "Sentence %u of a very long note about the approach. ", i);
  ramus_case_set_string (&kase->notes, note->str);
  sheet = ramus_sheet_new (atlas (), kase, &info, &error);
  g_assert_no_error (error);
  ramus_sheet_page_init (&page, RAMUS_PAPER_A4, FALSE);
  layout (sheet, &page);
  assert_page_model (sheet, &page);
  g_assert_cmpuint (ramus_sheet_get_n_pages (sheet), >=, 2);
  for (guint i = 0; i < ramus_sheet_get_n_boxes (sheet); i++)
    notes += ramus_sheet_get_box (sheet, i)->kind == RAMUS_SHEET_BOX_NOTE;
  g_assert_cmpuint (notes, >=, 2);

  /* Every page draws. */
  for (guint p = 0; p < ramus_sheet_get_n_pages (sheet); p++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
      cairo_t *cr = cairo_create (surface);
      cairo_scale (cr, 0.5, 0.5);
      ramus_sheet_draw_page (sheet, cr, p);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* Margins below the sheet's minimum are widened, larger ones kept. */
static void
test_margins (void)
{
  g_autoptr(RamusSheet) sheet = new_sheet ("sheet-knee.json", RAMUS_LANG_EN);
  RamusSheetPage page;

  ramus_sheet_page_init (&page, RAMUS_PAPER_A4, FALSE);
  page.margin_left = 2;
  page.margin_top = 60;
  layout (sheet, &page);
  for (guint i = 0; i < ramus_sheet_get_n_boxes (sheet); i++)
    {
      const RamusSheetBox *b = ramus_sheet_get_box (sheet, i);
      g_assert_cmpfloat (b->rect.x, >=, RAMUS_SHEET_MIN_MARGIN_PT - 1e-6);
      g_assert_cmpfloat (b->rect.y, >=, 60 - 1e-6);
    }
}

static void
test_page_too_small (void)
{
  g_autoptr(RamusSheet) sheet = new_sheet ("sheet-knee.json", RAMUS_LANG_EN);
  g_autoptr(GError) error = NULL;
  RamusSheetPage page = { 300, 300, 10, 10, 10, 10 };

  g_assert_false (ramus_sheet_layout (sheet, &page, &error));
  g_assert_error (error, RAMUS_SHEET_ERROR, RAMUS_SHEET_ERROR_PAGE);
  g_assert_cmpuint (ramus_sheet_get_n_pages (sheet), ==, 0);
}

/* A case that does not validate is refused, not printed. */
static void
test_invalid_case (void)
{
  g_autoptr(RamusCase) kase = load_case ("sheet-knee.json");
  g_autoptr(RamusSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  RamusSheetInfo info = { NULL, NULL, NULL, RAMUS_LANG_EN };

  ramus_case_set_string (&g_array_index (kase->targets, RamusTarget, 1).vessel, "no-such-artery");
  sheet = ramus_sheet_new (atlas (), kase, &info, &error);
  g_assert_null (sheet);
  g_assert_error (error, RAMUS_SHEET_ERROR, RAMUS_SHEET_ERROR_INVALID_CASE);
  g_assert_nonnull (strstr (error->message, "no-such-artery"));

  g_clear_error (&error);
  g_clear_pointer (&kase, ramus_case_free);
  kase = load_case ("sheet-knee.json");
  kase->patient.weight_kg = 900;
  sheet = ramus_sheet_new (atlas (), kase, &info, &error);
  g_assert_null (sheet);
  g_assert_error (error, RAMUS_SHEET_ERROR, RAMUS_SHEET_ERROR_INVALID_CASE);
  g_assert_nonnull (strstr (error->message, "weight"));
}

/* The same page drawn twice onto an image gives the same pixels: drawing
 * only replays the layout. */
static void
test_draw_is_replay (void)
{
  g_autoptr(RamusSheet) sheet = new_sheet ("sheet-liver.json", RAMUS_LANG_ZH_CN);
  RamusSheetPage page;
  cairo_surface_t *a, *b;
  cairo_t *cr;

  ramus_sheet_page_init (&page, RAMUS_PAPER_A4, FALSE);
  layout (sheet, &page);
  a = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
  b = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 298, 421);
  for (guint k = 0; k < 2; k++)
    {
      cr = cairo_create (k ? b : a);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, 0.5, 0.5);
      ramus_sheet_draw_page (sheet, cr, 0);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_flush (k ? b : a);
    }
  g_assert_cmpmem (cairo_image_surface_get_data (a), cairo_image_surface_get_stride (a) * 421,
                   cairo_image_surface_get_data (b), cairo_image_surface_get_stride (b) * 421);
  /* And it drew something: a page is not blank. */
  {
    const guint32 *px = (const guint32 *) cairo_image_surface_get_data (a);
    guint dark = 0;
    for (int i = 0; i < cairo_image_surface_get_stride (a) / 4 * 421; i++)
      dark += (px[i] & 0xff) < 128;
    g_assert_cmpuint (dark, >, 2000);
  }
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* ---------------------------------------------------------------------------
 * The PDF, through `ramus sheet`
 * ------------------------------------------------------------------------ */

static RamusTestRun
run_argv (const char * const *argv)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  RamusTestRun run = { 0 };
  int wait_status;

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "LANGUAGE");
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &run.out, &run.err, &wait_status,
                &error);
  g_assert_no_error (error);
  run.status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return run;
}

/* `ramus sheet ARGS… -o OUT`, with the fixed date the references use. */
static RamusTestRun
run_sheet (const char *out,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("RAMUS_CLI"));
  g_ptr_array_add (argv, "sheet");
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, "--date");
  g_ptr_array_add (argv, "2026-12-01");
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, (char *) out);
  g_ptr_array_add (argv, NULL);
  return run_argv ((const char * const *) argv->pdata);
}

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ramus-sheet-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static guint
n_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_auto(RamusTestRun) run = run_argv (argv);

  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

/* Without its white space: a cell's text wraps where its column ends. */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (s, g_utf8_get_char (p));
  return g_string_free (s, FALSE);
}

static void
assert_contains (const char *text,
                 const char *what)
{
  g_autofree char *haystack = squeeze (text);
  g_autofree char *needle = squeeze (what);

  if (strstr (haystack, needle) == NULL)
    g_error ("the sheet's text lacks “%s”:\n%s", what, text);
}

/* pdffonts: every font embedded. */
static void
assert_fonts_embedded (const char *pdf)
{
  const char *argv[] = { "pdffonts", pdf, NULL };
  g_auto(RamusTestRun) run = run_argv (argv);
  g_auto(GStrv) lines = NULL;
  gssize emb = -1;
  guint fonts = 0;

  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_nonnull (lines[0]);
  /* The column under "emb" in the header. */
  emb = strstr (lines[0], "emb") ? strstr (lines[0], "emb") - lines[0] : -1;
  g_assert_cmpint (emb, >, 0);
  for (guint i = 2; lines[i]; i++)
    {
      if (*lines[i] == '\0')
        continue;
      g_assert_cmpint (strlen (lines[i]), >, emb + 3);
      if (strncmp (lines[i] + emb, "yes", 3) != 0)
        g_error ("font not embedded: %s", lines[i]);
      fonts++;
    }
  g_assert_cmpuint (fonts, >, 0);
}

static void
test_cli_english (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "knee.pdf", NULL);
  g_autofree char *plan = data_path ("sheet-knee.json");
  g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", plan, "--lang", "en", "--institution", "Test Hospital",
                               "--operator", "Dr Test", NULL);
  g_autofree char *text = NULL;
  const char *expected[] = {
    "Procedure sheet", "Test Hospital", "Dr Test", "2026-12-01", "SHEET-KN-07",
    "67 years", "Female", "Left", "Knee osteoarthritis", "Kellgren–Lawrence 2", "VAS pain 8", "WOMAC 61",
    "none recorded", "72 mL/min/1.73 m²", "158 cm", "64 kg",
    "Medial inferior genicular artery", "Medial superior genicular artery",
    "Articular branch of the descending genicular artery",
    "Imipenem/cilastatin suspension", "2 mL", "1.5 mL", "Calibre", "Microcatheter", "Route",
    "Common femoral artery, antegrade", "Sheath", "Guidewire", "50 mg/mL",
    "imipenem (g) × 1000 / contrast (mL)", "Warnings", "Informed consent", "Allergy check", "Labs reviewed",
    "Ultrasound-guided puncture", "Sheath size: 4 F", "Time-out", "Fluoroscopy time", "Dose–area product",
    "Contrast volume", "Complications", "Actual", "Baseline", "12 months", "References",
    "Page 1 of 1", "Planning aid, not a certified medical device",
  };

  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (n_files (dir), ==, 1);   /* no temporary file left */
  text = pdf_text (pdf);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_contains (text, expected[i]);
  assert_fonts_embedded (pdf);
  remove_dir (dir);
}

/* The sheet prints the side the plan punctures, the case's own when it
 * records one, and the plan's three-stage TACE plan with its doses. */
static void
test_cli_puncture_side_and_tace (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "liver.pdf", NULL);
  g_autofree char *plan = g_build_filename (dir, "liver.json", NULL);
  g_autoptr(RamusCase) kase = load_case ("sheet-liver.json");
  g_autofree char *json = NULL, *text = NULL;
  g_autoptr(GError) error = NULL;

  /* The left groin for a right-lobe tumour. */
  ramus_case_set_string (&kase->puncture_side, "left");
  json = ramus_case_to_json (kase, TRUE);
  g_file_set_contents (plan, json, -1, &error);
  g_assert_no_error (error);
  {
    g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", plan, "--lang", "en", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  text = pdf_text (pdf);
  assert_contains (text, "Common femoral artery, retrograde (ipsilateral); puncture on the patient’s left");
  assert_contains (text, "Ultrasound-guided puncture: Common femoral artery, retrograde (ipsilateral), left");
  assert_contains (text, "Three-stage TACE plan");
  assert_contains (text, "1. Ultra-peripheral — Lipiodol emulsion: Lipiodol 8 mL · doxorubicin 52.6 mg");
  assert_contains (text, "2. Peripheral arteries — Drug-eluting beads");
  assert_contains (text, "3. Tumour-bearing branch — Bland microspheres");
  remove_dir (dir);
}

/* What the message catalogue the CLI uses says for @msgid in @lang. */
static char *
translation (const char *lang,
             const char *msgid)
{
  g_autofree char *messages = g_strdup (setlocale (LC_MESSAGES, NULL));
  char *text;

  bindtextdomain ("ramus", g_getenv ("RAMUS_LOCALEDIR"));
  bind_textdomain_codeset ("ramus", "UTF-8");
  g_setenv ("LANGUAGE", lang, TRUE);
  setlocale (LC_MESSAGES, "C.UTF-8");
  text = g_strdup (dgettext ("ramus", msgid));
  g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, messages);
  return text;
}

/* Labels translated, vessel names from the atlas in the chosen script
 * beside the English, mixed text and CJK fonts embedded. */
static void
test_cli_chinese (void)
{
  static const struct
  {
    const char *lang;
    RamusLang id;
  } cases[] = {
    { "zh_TW", RAMUS_LANG_ZH_TW },
    { "zh_CN", RAMUS_LANG_ZH_CN },
  };
  const char *labels[] = {
    "Procedure sheet", "Planning aid, not a certified medical device.", "Targets", "Warnings", "Access",
    "Devices", "Doses", "Before the procedure", "Informed consent signed", "Fluoroscopy time",
    "Complications", "Scores after the procedure and at follow-up", "Baseline", "References",
  };
  g_autoptr(RamusCase) kase = load_case ("sheet-liver.json");

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *dir = tmp_dir ();
      g_autofree char *pdf = g_build_filename (dir, "liver.pdf", NULL);
      g_autofree char *plan = data_path ("sheet-liver.json");
      g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", plan, "--lang", cases[c].lang, "--institution", "臺北測試醫院",
                                   "--operator", "王醫師 (Dr. Wang)", NULL);
      g_autofree char *text = NULL, *page_format = NULL, *page = NULL;

      g_assert_cmpint (run.status, ==, 0);
      text = pdf_text (pdf);
      /* What the user typed, mixed scripts included. */
      assert_contains (text, "SHEET-LV-03");
      assert_contains (text, "臺北測試醫院");
      assert_contains (text, "王醫師 (Dr. Wang)");
      assert_contains (text, "腫瘤位於第八節段");
      /* Each target in English and in the chosen script. */
      for (guint i = 0; i < kase->targets->len; i++)
        {
          const RamusVessel *v = ramus_atlas_lookup (atlas (), g_array_index (kase->targets, RamusTarget, i).vessel);
          assert_contains (text, v->names[RAMUS_LANG_EN]);
          assert_contains (text, v->names[cases[c].id]);
          g_assert_cmpstr (v->names[cases[c].id], !=, v->names[RAMUS_LANG_EN]);
        }
      /* The labels in the chosen language: translated, not English. */
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          g_autofree char *label = translation (cases[c].lang, labels[i]);
          if (g_str_equal (label, labels[i]))
            g_error ("“%s” has no %s translation", labels[i], cases[c].lang);
          assert_contains (text, label);
        }
      page_format = translation (cases[c].lang, "Page %u of %u");
      g_assert_cmpstr (page_format, !=, "Page %u of %u");
      {
        /* "Page 1 of": the count depends on the language's line breaks. */
        g_autoptr(GString) first = g_string_new (page_format);
        char *second;
        g_string_replace (first, "%u", "1", 1);
        second = strstr (first->str, "%u");
        g_assert_nonnull (second);
        g_string_truncate (first, second - first->str);
        page = g_string_free (g_steal_pointer (&first), FALSE);
      }
      assert_contains (text, page);
      assert_fonts_embedded (pdf);
      remove_dir (dir);
    }
}

/* Letter and landscape are what they say: the PDF's page size. */
static void
test_cli_paper (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "letter.pdf", NULL);
  g_autofree char *plan = data_path ("sheet-knee.json");
  g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", plan, "--paper", "letter", "--landscape", NULL);
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_auto(RamusTestRun) info = { 0 };

  g_assert_cmpint (run.status, ==, 0);
  info = run_argv (argv);
  g_assert_cmpint (info.status, ==, 0);
  assert_contains (info.out, "792 x 612 pts (letter)");
  remove_dir (dir);
}

/* A typical knee case is one A4 page in every language. */
static void
test_cli_knee_one_page_each_language (void)
{
  const char *langs[] = { "en", "zh_TW", "zh_CN" };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *dir = tmp_dir ();
      g_autofree char *pdf = g_build_filename (dir, "knee.pdf", NULL);
      g_autofree char *plan = data_path ("sheet-knee.json");
      g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", plan, "--lang", langs[i], "--institution", "Test Hospital",
                                   "--operator", "Dr Test", NULL);
      const char *argv[] = { "pdfinfo", pdf, NULL };
      g_auto(RamusTestRun) info = { 0 };

      g_assert_cmpint (run.status, ==, 0);
      info = run_argv (argv);
      g_assert_cmpint (info.status, ==, 0);
      if (strstr (info.out, "Pages:           1\n") == NULL)
        g_error ("the %s knee sheet is not one page:\n%s", langs[i], info.out);
      assert_contains (info.out, "595.276 x 841.89 pts (A4)");
      remove_dir (dir);
    }
}

/* The twelve targets are all in the text, each on some page. */
static void
test_cli_twelve_targets (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "twelve.pdf", NULL);
  g_autofree char *plan = data_path ("sheet-12-targets.json");
  g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", plan, "--lang", "en", "--landscape", NULL);
  g_autoptr(RamusCase) kase = load_case ("sheet-12-targets.json");
  g_autoptr(RamusSheet) sheet = new_sheet ("sheet-12-targets.json", RAMUS_LANG_EN);
  g_autofree char *text = NULL, *first = NULL, *last = NULL;
  RamusSheetPage page;
  guint pages;

  /* The page count of the same layout in process. */
  ramus_sheet_page_init (&page, RAMUS_PAPER_A4, TRUE);
  layout (sheet, &page);
  pages = ramus_sheet_get_n_pages (sheet);
  g_assert_cmpuint (pages, >, 1);
  first = g_strdup_printf ("Page 1 of %u", pages);
  last = g_strdup_printf ("Page %u of %u", pages, pages);

  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (pdf);
  assert_contains (text, first);
  assert_contains (text, last);
  for (guint i = 0; i < kase->targets->len; i++)
    {
      const RamusVessel *v = ramus_atlas_lookup (atlas (), g_array_index (kase->targets, RamusTarget, i).vessel);
      /* pdftotext may break a long name over two lines: look for its first words. */
      g_auto(GStrv) words = g_strsplit (v->names[RAMUS_LANG_EN], " ", 3);
      g_autofree char *start = g_strjoin (" ", words[0], words[1], NULL);
      assert_contains (text, start);
    }
  remove_dir (dir);
}

/* Bad input: exit 1, a message, and no file — an existing file kept. */
static void
test_cli_bad_input (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *library = g_build_filename (dir, "missing.sqlite", NULL);
  g_autofree char *bad_json = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *bad_vessel = g_build_filename (dir, "vessel.json", NULL);
  g_autofree char *knee = data_path ("sheet-knee.json");
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (bad_json, "{ \"format\": \"ramus-case\", ", -1, NULL));
  g_assert_true (g_file_get_contents (knee, &text, NULL, NULL));
  {
    g_autoptr(GString) s = g_string_new (text);
    g_string_replace (s, "medial-superior-genicular-artery", "medial-superb-genicular-artery", 0);
    g_assert_true (g_file_set_contents (bad_vessel, s->str, -1, NULL));
  }

  {
    g_auto(RamusTestRun) run = run_sheet (pdf, "no-such-case-id", "--library", library, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, !=, "");
  }
  {
    g_autofree char *nothing = g_build_filename (dir, "nothing.json", NULL);
    g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", nothing, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "nothing.json"));
  }
  {
    g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", bad_json, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.err, !=, "");
  }
  {
    g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", bad_vessel, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "medial-superb-genicular-artery"));
  }
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_files (dir), ==, 2);   /* the two inputs, nothing else */

  /* A sheet already there stays as it was. */
  g_assert_true (g_file_set_contents (pdf, "previous sheet", -1, NULL));
  {
    g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", bad_vessel, NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "previous sheet");
  g_assert_cmpuint (n_files (dir), ==, 3);

  /* Usage errors are 2. */
  {
    g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", knee, "--paper", "a3", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_autofree char *png = g_build_filename (dir, "out.png", NULL);
    g_auto(RamusTestRun) run = run_sheet (png, "--plan", knee, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  remove_dir (dir);
}

/* The fraction of pixels that differ by more than 40 in a channel. */
static double
difference (cairo_surface_t *a,
            cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  const guchar *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  guint differ = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 pa = ((const guint32 *) (da + y * sa))[x], pb = ((const guint32 *) (db + y * sb))[x];
        for (int c = 0; c < 24; c += 8)
          if (ABS ((gint) ((pa >> c) & 0xff) - (gint) ((pb >> c) & 0xff)) > 40)
            {
              differ++;
              break;
            }
      }
  return (double) differ / (w * h);
}

static cairo_surface_t *
load_rgb (const char *path)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  cairo_surface_t *rgb;
  cairo_t *cr;

  if (cairo_surface_status (png) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (png);
      return NULL;
    }
  rgb = cairo_image_surface_create (CAIRO_FORMAT_RGB24, cairo_image_surface_get_width (png),
                                    cairo_image_surface_get_height (png));
  cr = cairo_create (rgb);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, png, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (rgb);
  cairo_surface_destroy (png);
  return rgb;
}

/* The first page at 50 dpi against tests/data/reference/sheet-*.png. */
static void
test_cli_reference_images (void)
{
  static const struct { const char *plan; const char *lang; const char *name; } sheets[] = {
    { "sheet-knee.json", "en", "sheet-knee-en.png" },
    { "sheet-liver.json", "zh_TW", "sheet-liver-zh_TW.png" },
  };
  const char *update = g_getenv ("RAMUS_UPDATE_REFERENCES");

  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      g_autofree char *dir = tmp_dir ();
      g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
      g_autofree char *prefix = g_build_filename (dir, "page", NULL);
      g_autofree char *page1 = g_build_filename (dir, "page-1.png", NULL);
      g_autofree char *plan = data_path (sheets[i].plan);
      g_autofree char *reference = g_test_build_filename (G_TEST_DIST, "data", "reference", sheets[i].name, NULL);
      g_auto(RamusTestRun) run = run_sheet (pdf, "--plan", plan, "--lang", sheets[i].lang, "--institution", "Test Hospital",
                                   "--operator", "Dr Test", NULL);
      const char *argv[] = { "pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", pdf, prefix, NULL };
      cairo_surface_t *actual, *expected;

      g_assert_cmpint (run.status, ==, 0);
      {
        g_auto(RamusTestRun) ppm = run_argv (argv);
        g_assert_cmpint (ppm.status, ==, 0);
      }
      if (!g_file_test (page1, G_FILE_TEST_EXISTS))
        {
          /* pdftoppm pads the page number to the page count's width. */
          g_free (page1);
          page1 = g_build_filename (dir, "page-01.png", NULL);
        }
      actual = load_rgb (page1);
      g_assert_nonnull (actual);
      if (update && *update)
        {
          g_assert_cmpint (cairo_surface_write_to_png (actual, reference), ==, CAIRO_STATUS_SUCCESS);
          cairo_surface_destroy (actual);
          remove_dir (dir);
          continue;
        }
      expected = load_rgb (reference);
      if (expected == NULL)
        g_error ("%s: no reference image (run with RAMUS_UPDATE_REFERENCES=1 after looking at the sheet)", reference);
      g_assert_cmpint (cairo_image_surface_get_width (actual), ==, cairo_image_surface_get_width (expected));
      g_assert_cmpint (cairo_image_surface_get_height (actual), ==, cairo_image_surface_get_height (expected));
      /* Antialiasing and font versions move a few pixels; a changed
       * layout moves many. */
      g_assert_cmpfloat (difference (actual, expected), <, 0.02);
      cairo_surface_destroy (expected);
      cairo_surface_destroy (actual);
      remove_dir (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sheet/paper", test_paper);
  g_test_add_func ("/core/sheet/knee-one-page", test_knee_one_page);
  g_test_add_func ("/core/sheet/twelve-targets-paginate", test_twelve_targets_paginate);
  g_test_add_func ("/core/sheet/long-note", test_long_note_breaks_between_lines);
  g_test_add_func ("/core/sheet/margins", test_margins);
  g_test_add_func ("/core/sheet/page-too-small", test_page_too_small);
  g_test_add_func ("/core/sheet/invalid-case", test_invalid_case);
  g_test_add_func ("/core/sheet/draw-is-replay", test_draw_is_replay);
  g_test_add_func ("/core/sheet/cli/english", test_cli_english);
  g_test_add_func ("/core/sheet/cli/puncture-side-and-tace", test_cli_puncture_side_and_tace);
  g_test_add_func ("/core/sheet/cli/chinese", test_cli_chinese);
  g_test_add_func ("/core/sheet/cli/paper", test_cli_paper);
  g_test_add_func ("/core/sheet/cli/knee-one-page-each-language", test_cli_knee_one_page_each_language);
  g_test_add_func ("/core/sheet/cli/twelve-targets", test_cli_twelve_targets);
  g_test_add_func ("/core/sheet/cli/bad-input", test_cli_bad_input);
  g_test_add_func ("/core/sheet/cli/reference-images", test_cli_reference_images);

  return g_test_run ();
}
