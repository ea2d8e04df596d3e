/* hd-cli-private.h: what the subcommands of `herald` share
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-core.h"

G_BEGIN_DECLS

void        _hd_cli_print_error    (const char       *format,
                                    ...) G_GNUC_PRINTF (1, 2);
int         _hd_cli_usage_error    (GOptionContext   *context,
                                    const char       *message);
char      **_hd_cli_command_argv   (int               argc,
                                    char            **argv);
gboolean    _hd_cli_parse_options  (GOptionContext   *context,
                                    int               argc,
                                    char            **argv,
                                    char           ***remaining,
                                    int              *n_remaining);
HdStore    *_hd_cli_open_store     (const char       *data_dir);
char       *_hd_cli_first_words    (const char       *text);

int         _hd_cli_run_channels   (int               argc,
                                    char            **argv);
int         _hd_cli_run_post       (int               argc,
                                    char            **argv);
int         _hd_cli_run_sync       (int               argc,
                                    char            **argv);
int         _hd_cli_run_changes    (int               argc,
                                    char            **argv);
int         _hd_cli_run_ads        (int               argc,
                                    char            **argv);
int         _hd_cli_run_report     (int               argc,
                                    char            **argv);

G_END_DECLS
