/* hd-cli-report.c: `herald report`, the Reports page written to a file
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
#include "hd-cli-report.h"
#include "hd-wall-time.h"

/* Without dates the report covers four whole weeks up to today, as the Reports page does. */
#define DEFAULT_DAYS 28

static HdCliReportPdfWriter pdf_writer;

void
hd_cli_report_set_pdf_writer (HdCliReportPdfWriter writer)
{
  pdf_writer = writer;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned int year, month, day;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static gint64
midnight_of (GTimeZone   *zone,
             const GDate *date)
{
  gint64 instant = 0;

  hd_wall_time_to_instant (zone, g_date_get_year (date), g_date_get_month (date),
                           g_date_get_day (date), 0, 0, 0, &instant);
  return instant;
}

static void
today_in (GTimeZone *zone,
          GDate     *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* [from, to) from the dates typed, --to including its whole day. */
static int
parse_range (GOptionContext *context,
             GTimeZone      *zone,
             const char     *from_text,
             const char     *to_text,
             gint64         *from,
             gint64         *to)
{
  GDate first, last;

  if (to_text != NULL && !parse_date (to_text, &last))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a date; write dates as YYYY-MM-DD, for example "
                           "2026-03-27."), to_text);

      return _hd_cli_usage_error (context, message);
    }
  if (from_text != NULL && !parse_date (from_text, &first))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a date; write dates as YYYY-MM-DD, for example "
                           "2026-03-27."), from_text);

      return _hd_cli_usage_error (context, message);
    }

  if (to_text == NULL)
    today_in (zone, &last);
  if (from_text == NULL)
    {
      first = last;
      g_date_subtract_days (&first, DEFAULT_DAYS - 1);
    }

  if (g_date_compare (&first, &last) > 0)
    return _hd_cli_usage_error (context, _("The date after --from must not be later than the "
                                           "date after --to."));

  *from = midnight_of (zone, &first);
  g_date_add_days (&last, 1);
  *to = midnight_of (zone, &last);

  return HD_CLI_EXIT_OK;
}

static gboolean
write_csv (const char *target,
           GString    *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (strcmp (target, "-") == 0)
    {
      if (fwrite (text->str, 1, text->len, stdout) != text->len || fflush (stdout) != 0)
        {
          _hd_cli_print_error (_("Herald could not write the report to the standard output."));
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

static gboolean
write_pdf (HdReport   *report,
           const char *target)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (target);
  g_autoptr(GError) error = NULL;

  if (!pdf_writer (report, file, &error))
    {
      _hd_cli_print_error ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static void
say_written (const char *target,
             const char *what,
             gboolean    quiet)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;

  /* When the standard output carries a report, nothing else may go there. */
  if (quiet || strcmp (target, "-") == 0)
    return;

  file = g_file_new_for_commandline_arg (target);
  name = g_file_get_parse_name (file);
  /* TRANSLATORS: the first %s is "CSV" or "PDF", the second a file's name */
  g_print (_("Wrote the report as %s to “%s”.\n"), what, name);
}

int
_hd_cli_run_report (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdReport) report = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv_text = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *zone_name = NULL;
  gint64 from = 0, to = 0;
  int n_args = 0;
  int status;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("Start the report on DATE (YYYY-MM-DD; default: 27 days before --to)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("End the report with the whole of DATE (default: today)"), N_("DATE") },
    { "zone", 0, 0, G_OPTION_ARG_STRING, &zone_name,
      N_("Count days and hours on the clock of ZONE (default: this computer’s)"), N_("ZONE") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv,
      N_("Write the report as CSV to FILE (“-” for the standard output)"), N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf,
      N_("Write the report with its charts as PDF to FILE"), N_("FILE") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("— write what your posts and campaigns achieved to a file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, hd_reports_describe_engagement ());
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;

  if (n_args > 1)
    return _hd_cli_usage_error (context, _("Name the file to write with --csv or --pdf."));
  if (csv == NULL && pdf == NULL)
    return _hd_cli_usage_error (context, _("Say which format to write: --csv FILE or --pdf "
                                           "FILE."));
  if (csv != NULL && pdf != NULL && strcmp (csv, "-") == 0 && strcmp (pdf, "-") == 0)
    return _hd_cli_usage_error (context, _("Only one of the files can be the standard "
                                           "output."));

  if (zone_name != NULL)
    {
      zone = g_time_zone_new_identifier (zone_name);
      if (zone == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” is not a time zone Herald knows; use a name like "
                               "Europe/London or America/New_York."), zone_name);

          return _hd_cli_usage_error (context, message);
        }
    }
  else
    zone = g_time_zone_new_local ();

  status = parse_range (context, zone, from_text, to_text, &from, &to);
  if (status != HD_CLI_EXIT_OK)
    return status;

  /* Refused before anything is written, so a half-done export never looks complete. */
  if (pdf != NULL && pdf_writer == NULL)
    {
      _hd_cli_print_error (_("PDF export needs the charts of the Reports page, which this "
                             "build of Herald does not have yet. Write the report with "
                             "--csv FILE instead."));
      return HD_CLI_EXIT_INPUT;
    }

  store = _hd_cli_open_store (data_dir);
  if (store == NULL)
    return HD_CLI_EXIT_INPUT;

  report = hd_store_build_report (store, from, to, zone_name, &error);
  if (report == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  if (csv != NULL)
    {
      csv_text = g_string_new (NULL);
      hd_report_write_csv (report, csv_text);
      if (!write_csv (csv, csv_text))
        return HD_CLI_EXIT_INPUT;
      say_written (csv, "CSV", FALSE);
    }

  if (pdf != NULL)
    {
      if (!write_pdf (report, pdf))
        return HD_CLI_EXIT_INPUT;
      say_written (pdf, "PDF", csv != NULL && strcmp (csv, "-") == 0);
    }

  return HD_CLI_EXIT_OK;
}
