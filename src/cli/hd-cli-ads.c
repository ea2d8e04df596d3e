/* hd-cli-ads.c: `herald ads export` and `herald ads import`, the campaigns as a CSV file
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "hd-cli.h"
#include "hd-cli-private.h"
#include "hd-store-ads-csv.h"

static gboolean
write_file (const char *target,
            GString    *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (strcmp (target, "-") == 0)
    {
      if (fwrite (text->str, 1, text->len, stdout) != text->len || fflush (stdout) != 0)
        {
          _hd_cli_print_error (_("Herald could not write the campaigns to the standard "
                                 "output."));
          return FALSE;
        }
      return TRUE;
    }

  file = g_file_new_for_commandline_arg (target);
  if (!g_file_replace_contents (file, text->str, text->len, NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      _hd_cli_print_error (_("Herald could not write “%s” (%s). Check the folder exists and "
                             "that you may write there."), name, error->message);
      return FALSE;
    }

  return TRUE;
}

static int
run_export (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) args = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *campaign = NULL;
  int n_args = 0;
  const GOptionEntry entries[] = {
    { "campaign", 0, 0, G_OPTION_ARG_STRING, &campaign,
      N_("Only the campaign NAME, its ad sets, ads and audiences"), N_("NAME") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("FILE — write the campaigns, ad sets, ads and audiences "
                                    "as CSV (“-” for the standard output)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;
  if (n_args != 2)
    return _hd_cli_usage_error (context, _("Name the one CSV file to write."));

  store = _hd_cli_open_store (data_dir);
  if (store == NULL)
    return HD_CLI_EXIT_INPUT;

  if (!hd_store_export_ads_csv (store, campaign, out, &error))
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  return write_file (args[1], out) ? HD_CLI_EXIT_OK : HD_CLI_EXIT_INPUT;
}

static int
run_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdAdsCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gboolean check_only = FALSE;
  guint n_created = 0, n_updated = 0, n_objects, n_problems;
  gsize length = 0;
  int n_args = 0;
  const GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check_only,
      N_("Check the file and list its problems, but import nothing"), NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("FILE — check a CSV file of campaigns, ad sets, ads and "
                                    "audiences and import it"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("One row per object: the Level column says Campaign, Ad "
                                      "set, Ad or Audience, and each names its parent. An "
                                      "object with the name of one under the same parent is "
                                      "updated. If any row has a problem, nothing is "
                                      "imported. Imported changes wait in Changes to be sent."));
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;
  if (n_args != 2)
    return _hd_cli_usage_error (context, _("Name the one CSV file to import."));

  file = g_file_new_for_commandline_arg (args[1]);
  name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      _hd_cli_print_error (_("Herald could not read “%s” (%s)."), name, error->message);
      return HD_CLI_EXIT_INPUT;
    }

  store = _hd_cli_open_store (data_dir);
  if (store == NULL)
    return HD_CLI_EXIT_INPUT;

  if (!hd_store_check_ads_csv (store, contents, length, &report, &error))
    {
      _hd_cli_print_error (_("“%s” can’t be read: %s"), name, error->message);
      return HD_CLI_EXIT_INPUT;
    }

  n_objects = hd_ads_csv_report_get_n_objects (report);
  n_problems = hd_ads_csv_report_get_n_problems (report);
  for (guint i = 0; i < n_problems; i++)
    {
      const char *sentence;
      guint line;

      hd_ads_csv_report_get_problem (report, i, &line, &sentence);
      /* Translators: a problem of an imported file, "line 7: …" */
      _hd_cli_print_error (_("line %u: %s"), line, sentence);
    }
  if (n_problems > 0)
    {
      _hd_cli_print_error (g_dngettext (GETTEXT_PACKAGE,
                                        "Nothing was imported: fix the problem above and "
                                        "import the file again.",
                                        "Nothing was imported: fix the %u problems above and "
                                        "import the file again.",
                                        n_problems),
                           n_problems);
      return HD_CLI_EXIT_INPUT;
    }
  if (n_objects == 0)
    {
      _hd_cli_print_error (_("“%s” holds no campaigns, ad sets, ads or audiences, so nothing "
                             "was imported."), name);
      return HD_CLI_EXIT_INPUT;
    }
  if (check_only)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Checked %u object: it is ready to import.\n",
                            "Checked %u objects: every one is ready to import.\n", n_objects),
               n_objects);
      return HD_CLI_EXIT_OK;
    }

  if (!hd_store_import_ads_csv (store, report, &n_created, &n_updated, &error))
    {
      _hd_cli_print_error ("%s", error->message);
      _hd_cli_print_error (_("Nothing was imported."));
      return HD_CLI_EXIT_INPUT;
    }

  if (n_created + n_updated == 0)
    {
      g_print (_("Herald already holds everything in “%s”; nothing changed.\n"), name);
      return HD_CLI_EXIT_OK;
    }

  /* Translators: the first %u is created objects, the second updated ones */
  g_print (_("Imported: %u new, %u updated. The changes wait in “herald changes” to be sent.\n"),
           n_created, n_updated);

  return HD_CLI_EXIT_OK;
}

int
_hd_cli_run_ads (int    argc,
                 char **argv)
{
  const char *usage = _("Use “herald ads export FILE [--campaign NAME]” or “herald ads import "
                        "FILE [--check]”.");

  if (argc < 3)
    {
      _hd_cli_print_error ("%s", usage);
      return HD_CLI_EXIT_USAGE;
    }

  /* "herald ads import FILE" runs as "herald ads-import FILE" would. */
  if (strcmp (argv[2], "export") == 0 || strcmp (argv[2], "import") == 0)
    {
      g_autofree char *command = g_strdup_printf ("ads %s", argv[2]);
      g_autofree char **shifted = g_new0 (char *, argc);
      int status;

      shifted[0] = argv[0];
      shifted[1] = command;
      for (int i = 3; i < argc; i++)
        shifted[i - 1] = argv[i];

      status = strcmp (argv[2], "export") == 0 ? run_export (argc - 1, shifted)
                                               : run_import (argc - 1, shifted);
      return status;
    }

  _hd_cli_print_error ("%s", usage);
  return HD_CLI_EXIT_USAGE;
}
