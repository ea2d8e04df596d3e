/* main.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "hd-application.h"
#include "hd-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HdApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before anything touches GTK: these run on machines without a display. */
  if (hd_cli_is_command (argc, argv))
    return hd_cli_run (argc, argv);

  app = hd_application_new ();
  g_application_set_option_context_description (G_APPLICATION (app), hd_cli_get_help ());

  return g_application_run (G_APPLICATION (app), argc, argv);
}
