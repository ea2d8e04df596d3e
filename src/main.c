/* main.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <malloc.h>
#include <string.h>

#include "hd-application.h"
#include "hd-cli.h"
#include "hd-cli-report.h"
#include "reports/hd-report-pdf.h"

/* `herald --data-dir DIR sync` means `herald sync --data-dir DIR`: the option may come
 * before the command too. Only the pointers move, so the strings stay argv's own. */
static void
put_command_first (int    argc,
                   char **argv)
{
  int skip;

  if (argc < 3)
    return;

  if (g_str_has_prefix (argv[1], "--data-dir="))
    skip = 1;
  else if (g_strcmp0 (argv[1], "--data-dir") == 0)
    skip = 2;
  else
    return;

  if (skip + 1 < argc && hd_cli_is_command (2, (char *[]) { argv[0], argv[1 + skip], NULL }))
    {
      char *command = argv[1 + skip];

      memmove (&argv[2], &argv[1], skip * sizeof (char *));
      argv[1] = command;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HdApplication) app = NULL;

  /* Herald's worker threads each do short database reads. glibc would give every one an
   * arena of its own, which keeps what the read freed resident after the thread is done;
   * two arenas keep the main thread's allocations apart from the workers' without that. */
#ifdef __GLIBC__
  mallopt (M_ARENA_MAX, 2);
#endif

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before anything touches GTK: these run on machines without a display. */
  put_command_first (argc, argv);
  hd_cli_report_set_pdf_writer (hd_report_write_pdf);
  if (hd_cli_is_command (argc, argv))
    return hd_cli_run (argc, argv);

  app = hd_application_new ();
  g_application_set_option_context_description (G_APPLICATION (app), hd_cli_get_help ());

  return g_application_run (G_APPLICATION (app), argc, argv);
}
