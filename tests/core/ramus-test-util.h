/* ramus-test-util.h — what several core tests need: the command line run
 * as a user would, and a data folder of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A finished command: its exit status and what it printed. */
typedef struct
{
  int status;
  char *out;
  char *err;
} RamusTestRun;

void         ramus_test_run_clear       (RamusTestRun       *run);
RamusTestRun ramus_test_run_argv        (const char * const *argv);
RamusTestRun ramus_test_run_cli         (const char         *first,
                                         ...) G_GNUC_NULL_TERMINATED;
gboolean     ramus_test_have_cli        (void);
char        *ramus_test_isolate_data_dir (void);
void         ramus_test_remove_tree     (const char         *path);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RamusTestRun, ramus_test_run_clear)

G_END_DECLS
