/* ramus-cli.h — the headless command line: `ramus SUBCOMMAND …`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ramus-atlas.h"

G_BEGIN_DECLS

/* Exit statuses: 0 success, 1 bad input (message on stderr), 2 usage. */
enum
{
  RAMUS_CLI_OK = 0,
  RAMUS_CLI_BAD_INPUT = 1,
  RAMUS_CLI_USAGE = 2,
};

gboolean    ramus_cli_handles        (int    argc,
                                      char **argv);
int         ramus_cli_run            (int    argc,
                                      char **argv);

/* Shared by the subcommand files. */
RamusAtlas *ramus_cli_atlas          (void);
void        ramus_cli_print_json     (JsonNode   *node);
void        ramus_cli_print_json_array (JsonArray *array);
int         ramus_cli_usage_error    (GOptionContext *context,
                                      const char     *format,
                                      ...) G_GNUC_PRINTF (2, 3);
int         ramus_cli_fail           (const char *format,
                                      ...) G_GNUC_PRINTF (1, 2);
gboolean    ramus_cli_parse          (GOptionContext  *context,
                                      int             *argc,
                                      char          ***argv,
                                      int             *status);
char       *ramus_cli_pad            (const char      *text,
                                      int              width);
gboolean    ramus_cli_parse_side     (const char      *text,
                                      int             *side);
RamusLang   ramus_cli_lang           (const char      *text);
const char *ramus_cli_get_library    (void);

int         ramus_cli_atlas_main     (int    argc,
                                      char **argv);
int         ramus_cli_render_main    (int    argc,
                                      char **argv);
int         ramus_cli_bench_main     (int    argc,
                                      char **argv);
int         ramus_cli_case_main      (int    argc,
                                      char **argv);
int         ramus_cli_access_main    (int    argc,
                                      char **argv);
int         ramus_cli_route_main     (int    argc,
                                      char **argv);
int         ramus_cli_dose_main      (int    argc,
                                      char **argv);
int         ramus_cli_sheet_main     (int    argc,
                                      char **argv);
int         ramus_cli_plan_main      (int    argc,
                                      char **argv);
gboolean    ramus_cli_case_bench     (gboolean  quick,
                                      double   *open_ms,
                                      double   *search_ms);

G_END_DECLS
