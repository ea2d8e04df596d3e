/* hd-cli.h: the command line, for work that needs no window
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes: done, refused input (a bad file, a bad row, a store that cannot be opened),
 * and a command line that does not make sense. */
#define HD_CLI_EXIT_OK    0
#define HD_CLI_EXIT_INPUT 1
#define HD_CLI_EXIT_USAGE 2

/* TRUE when argv[1] names a subcommand ("import", "export", "posts", "channels", "post",
 * "sync"). */
gboolean     hd_cli_is_command      (int          argc,
                                     char       **argv);
/* Runs the subcommand in argv[1] without any display; returns the exit code. Messages for
 * the user go to stderr, results to stdout or the named file. */
int          hd_cli_run             (int          argc,
                                     char       **argv);
/* A paragraph for `herald --help` listing the subcommands. */
const char  *hd_cli_get_help        (void);

G_END_DECLS
