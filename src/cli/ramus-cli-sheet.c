/* ramus-cli-sheet.c — `ramus sheet (CASE_ID | --plan FILE.json) -o FILE.pdf`:
 * the procedure sheet as a PDF, with no display
 *
 * The PDF is written to a temporary file beside the output and renamed over
 * it only when it is complete, so a bad case, a bad plan file or a failed
 * write never leaves a file behind (nor damages one that was there).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-cli-sheet"

#include "config.h"

#include "ramus-cli.h"
#include "ramus-sheet.h"
#include "ramus-store.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Labels come from the message catalogue, so a sheet in another language
 * than the user's switches the process's message language before anything
 * is translated. LANGUAGE is ignored in the C locale, hence C.UTF-8 there. */
static void
use_message_language (RamusLang lang)
{
  g_autofree char *messages = g_strdup (setlocale (LC_MESSAGES, NULL));

  g_setenv ("LANGUAGE", ramus_lang_to_string (lang), TRUE);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_equal (messages, "POSIX"))
    setlocale (LC_MESSAGES, "C.UTF-8");
  else
    /* Setting the locale again makes gettext drop what it has cached. */
    setlocale (LC_MESSAGES, messages);
}

/* The case @name names in the library — its id, the start of its id or
 * its pseudonym, as `ramus case` takes them — read without writing. */
static RamusCase *
load_from_library (const char  *library,
                   const char  *name,
                   GError     **error)
{
  g_autofree char *path = library ? g_strdup (library)
                         : ramus_cli_get_library () ? g_strdup (ramus_cli_get_library ())
                         : ramus_store_get_default_path ();
  g_autoptr(RamusStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;

  store = ramus_store_open (path, RAMUS_STORE_OPEN_READ_ONLY | RAMUS_STORE_OPEN_NO_CREATE, &local_error);
  if (store == NULL)
    {
      if (g_error_matches (local_error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND))
        g_set_error (error, RAMUS_STORE_ERROR, RAMUS_STORE_ERROR_NOT_FOUND,
                     _("there is no case library at “%s”"), path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  id = ramus_store_resolve_id (store, name, error);
  if (id == NULL)
    return NULL;
  return ramus_store_load_case (store, id, error);
}

/* Writes the PDF next to @output and renames it into place. */
static gboolean
write_atomically (RamusSheet  *sheet,
                  const char  *output,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (output);
  g_autofree char *base = g_path_get_basename (output);
  g_autofree char *tmp = g_strdup_printf ("%s%s.%s.XXXXXX", dir, G_DIR_SEPARATOR_S, base);
  int fd;

  fd = g_mkstemp_full (tmp, O_RDWR, 0644);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write in %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  if (!ramus_sheet_write_pdf (sheet, tmp, error))
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, output) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write %s: %s"), output, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

int
ramus_cli_sheet_main (int    argc,
                      char **argv)
{
  g_autofree char *plan = NULL, *library = NULL, *paper_text = NULL, *lang_text = NULL;
  g_autofree char *institution = NULL, *operator_name = NULL, *output = NULL, *date = NULL;
  gboolean landscape = FALSE, json = FALSE;
  const GOptionEntry entries[] = {
    { "plan", 0, 0, G_OPTION_ARG_FILENAME, &plan, N_("Print this case file instead of a case of the library"), "FILE.json" },
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &library, N_("The case library (default: the user’s)"), "FILE" },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text, N_("Paper size: a4 or letter (default a4)"), "PAPER" },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &landscape, N_("Landscape pages"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang_text, N_("Language of the sheet: en, zh_TW or zh_CN (default: the user’s)"), "LANG" },
    { "institution", 0, 0, G_OPTION_ARG_STRING, &institution, N_("Institution printed in the header"), "TEXT" },
    { "operator", 0, 0, G_OPTION_ARG_STRING, &operator_name, N_("Operator printed in the header"), "TEXT" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date printed in the header (default: today)"), "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print what was written as JSON"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF here"), "FILE.pdf" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("[CASE_ID]"));
  g_autoptr(RamusCase) kase = NULL;
  g_autoptr(RamusSheet) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lower = NULL;
  RamusSheetInfo info = { 0 };
  RamusSheetPage page;
  RamusPaper paper = RAMUS_PAPER_A4;
  RamusLang lang;
  RamusAtlas *atlas;
  int status = 0;

  g_set_prgname ("ramus sheet");
  g_option_context_set_summary (context, _("Write the procedure sheet of a case as a PDF, without a display: "
                                           "a case of the library by its id, the start of its id or its "
                                           "pseudonym, or a case file with --plan."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ramus_cli_parse (context, &argc, &argv, &status))
    return status;
  if (plan && argc > 1)
    return ramus_cli_usage_error (context, _("give a CASE_ID or --plan FILE.json, not both"));
  if (!plan && argc != 2)
    return ramus_cli_usage_error (context, _("expected one CASE_ID or --plan FILE.json"));
  if (argc > 2)
    return ramus_cli_usage_error (context, _("unexpected argument “%s”"), argv[2]);
  if (output == NULL)
    return ramus_cli_usage_error (context, _("-o FILE.pdf is required"));
  lower = g_ascii_strdown (output, -1);
  if (!g_str_has_suffix (lower, ".pdf"))
    return ramus_cli_usage_error (context, _("the output file must end in .pdf"));
  if (paper_text && !ramus_paper_from_string (paper_text, &paper))
    return ramus_cli_usage_error (context, _("--paper takes a4 or letter, not “%s”"), paper_text);
  if (lang_text && !ramus_lang_from_string (lang_text, &lang))
    return ramus_cli_usage_error (context, _("--lang takes en, zh_TW or zh_CN, not “%s”"), lang_text);
  if (date)
    {
      g_autoptr(GDateTime) parsed = NULL;
      g_autofree char *iso = g_strdup_printf ("%sT00:00:00Z", date);
      parsed = strlen (date) == 10 ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
      if (parsed == NULL)
        return ramus_cli_fail (_("--date takes a date as YYYY-MM-DD, not “%s”"), date);
    }
  if (lang_text)
    use_message_language (lang);
  else
    lang = ramus_lang_for_locale ();

  atlas = ramus_cli_atlas ();
  if (plan)
    kase = ramus_case_load (plan, &error);
  else
    kase = load_from_library (library, argv[1], &error);
  if (kase == NULL)
    return ramus_cli_fail ("%s", error->message);

  info.institution = institution;
  info.operator_name = operator_name;
  info.date = date;
  info.lang = lang;
  sheet = ramus_sheet_new (atlas, kase, &info, &error);
  if (sheet == NULL)
    return ramus_cli_fail ("%s", error->message);
  ramus_sheet_page_init (&page, paper, landscape);
  if (!ramus_sheet_layout (sheet, &page, &error) || !write_atomically (sheet, output, &error))
    return ramus_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "output");
      json_builder_add_string_value (b, output);
      json_builder_set_member_name (b, "pages");
      json_builder_add_int_value (b, ramus_sheet_get_n_pages (sheet));
      json_builder_set_member_name (b, "paper");
      json_builder_add_string_value (b, ramus_paper_to_string (paper));
      json_builder_set_member_name (b, "landscape");
      json_builder_add_boolean_value (b, landscape);
      json_builder_set_member_name (b, "lang");
      json_builder_add_string_value (b, ramus_lang_to_string (lang));
      json_builder_set_member_name (b, "case");
      json_builder_add_string_value (b, kase->pseudonym);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      ramus_cli_print_json (root);
    }
  else
    printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %s (%u page)\n", "Wrote %s (%u pages)\n",
                         ramus_sheet_get_n_pages (sheet)),
            output, ramus_sheet_get_n_pages (sheet));
  return RAMUS_CLI_OK;
}
