/* hd-cli.c
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
#include "hd-core.h"
#include "hd-wall-time.h"

typedef int (*HdCliCommand) (int    argc,
                             char **argv);

static int run_import (int argc, char **argv);
static int run_export (int argc, char **argv);
static int run_posts  (int argc, char **argv);

static const struct
{
  const char   *name;
  HdCliCommand  run;
} commands[] = {
  { "import", run_import },
  { "export", run_export },
  { "posts", run_posts },
  { "channels", _hd_cli_run_channels },
  { "post", _hd_cli_run_post },
  { "sync", _hd_cli_run_sync },
  { "changes", _hd_cli_run_changes },
  { "ads", _hd_cli_run_ads },
  { "report", _hd_cli_run_report },
};

const char *
hd_cli_get_help (void)
{
  return _("Commands that work without opening a window:\n"
           "  herald import FILE.csv [--zone ZONE] [--dry-run]\n"
           "      Check a CSV file of posts and import it; nothing is imported while a row "
           "has a problem.\n"
           "  herald export --csv FILE [--from DATE --to DATE]\n"
           "  herald export --ics FILE [--from DATE --to DATE]\n"
           "      Write the calendar as CSV, or as iCalendar for GNOME Calendar or Evolution.\n"
           "  herald posts [--from DATE --to DATE]\n"
           "      List the posts with their time, state, channels and first words.\n"
           "  herald channels\n"
           "  herald channels add mastodon --instance URL [--paste]\n"
           "  herald channels add bluesky [--pds URL] --handle HANDLE\n"
           "  herald channels add facebook|instagram --client-id ID [--all | --choose NAME]\n"
           "  herald channels add linkedin --client-id ID [--pkce] [--port PORT] "
           "[--all | --choose NAME]\n"
           "  herald channels add x --client-id ID [--port PORT]\n"
           "  herald channels remove ID\n"
           "      List, connect and remove channels; app passwords and app secrets are read "
           "from the standard input.\n"
           "  herald post --channel ID [--at \"YYYY-MM-DD HH:MM\" [--zone ZONE]] "
           "[--image FILE --alt TEXT] TEXT\n"
           "      Write a post as the composer would: scheduled with --at, a draft without.\n"
           "  herald sync [--daemon]\n"
           "      Send what is due and hand future posts over to the platforms that schedule "
           "them; exits 0 when everything went. With --daemon it keeps running and sends each "
           "post at its time.\n"
           "  herald changes [check | export FILE | import FILE [--accept-all | --accept ID]]\n"
           "      List, check offline, export or import the changes waiting to be sent.\n"
           "  herald ads export FILE [--campaign NAME]\n"
           "  herald ads import FILE [--check]\n"
           "      Write the campaigns, ad sets, ads and audiences as CSV, one row each, or check "
           "and import such a file; nothing is imported while a row has a problem.\n"
           "  herald report [--from DATE --to DATE] [--zone ZONE] --csv FILE | --pdf FILE\n"
           "      Write the report of those days: engagement per channel and day, top posts, "
           "follower growth, campaign spend against budget and the best times to post.\n"
           "Each takes --data-dir DIR to use another Herald folder (or $HERALD_DATA_DIR). "
           "Dates are YYYY-MM-DD; --to includes its whole day.");
}

gboolean
hd_cli_is_command (int    argc,
                   char **argv)
{
  if (argc < 2 || argv[1] == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[1], commands[i].name) == 0)
        return TRUE;
    }

  return FALSE;
}

void
_hd_cli_print_error (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("%s\n", message);
}

int
_hd_cli_usage_error (GOptionContext *context,
                     const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  _hd_cli_print_error ("%s", message);
  g_printerr ("\n%s", help);

  return HD_CLI_EXIT_USAGE;
}

/* The subcommand's own argv: "herald import" first, so --help reads naturally. */
char **
_hd_cli_command_argv (int    argc,
                      char **argv)
{
  char **args = g_new0 (char *, argc);

  args[0] = g_strdup_printf ("herald %s", argv[1]);
  for (int i = 2; i < argc; i++)
    args[i - 1] = g_strdup (argv[i]);

  return args;
}

HdStore *
_hd_cli_open_store (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  HdStore *store;

  if (data_dir != NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_commandline_arg (data_dir);
      g_autofree char *absolute = g_file_get_path (dir);

      g_setenv ("HERALD_DATA_DIR", absolute, TRUE);
    }

  path = hd_store_default_path ();
  store = hd_store_open (path, &error);
  if (store == NULL)
    _hd_cli_print_error ("%s", error->message);

  return store;
}

/* Midnight starting @text (YYYY-MM-DD) on the local clock; @next_day gives the midnight
 * after it, so --to includes its whole day. */
static gboolean
parse_date (const char *text,
            gboolean    next_day,
            gint64     *instant)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  unsigned int year, month, day;
  char end;
  GDate date;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      strlen (text) != 10 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  if (next_day)
    g_date_add_days (&date, 1);

  hd_wall_time_to_instant (zone, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), 0, 0, 0, instant);

  return TRUE;
}

static int
parse_range (GOptionContext *context,
             const char     *from_text,
             const char     *to_text,
             gint64         *from,
             gint64         *to)
{
  g_autofree char *message = NULL;

  *from = 0;
  *to = G_MAXINT64;

  if (from_text != NULL && !parse_date (from_text, FALSE, from))
    {
      message = g_strdup_printf (_("“%s” is not a date; write dates as YYYY-MM-DD, for example "
                                   "2026-03-27."), from_text);
      return _hd_cli_usage_error (context, message);
    }
  if (to_text != NULL && !parse_date (to_text, TRUE, to))
    {
      message = g_strdup_printf (_("“%s” is not a date; write dates as YYYY-MM-DD, for example "
                                   "2026-03-27."), to_text);
      return _hd_cli_usage_error (context, message);
    }
  if (*from >= *to)
    return _hd_cli_usage_error (context, _("The date after --from must not be later than the date "
                                           "after --to."));

  return HD_CLI_EXIT_OK;
}

gboolean
_hd_cli_parse_options (GOptionContext  *context,
                       int              argc,
                       char           **argv,
                       char          ***remaining,
                       int             *n_remaining)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = _hd_cli_command_argv (argc, argv);

  /* The _strv variant frees the options it takes out of @args; g_option_context_parse()
   * expects the process's own argv and leaves them allocated. */
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      _hd_cli_usage_error (context, error->message);
      return FALSE;
    }

  *n_remaining = g_strv_length (args);
  *remaining = g_steal_pointer (&args);

  return TRUE;
}

static void
print_report (HdImportReport *report,
              const char     *name)
{
  guint n_rows = hd_import_report_get_n_rows (report);
  guint n_invalid = hd_import_report_get_n_invalid (report);
  g_autofree char *rows = NULL;

  rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n_rows), n_rows);
  if (n_invalid == 0)
    g_print (_("Checked %s of “%s”: every one is ready to import.\n"), rows, name);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Checked %s of “%s”: %u has a problem.\n",
                          "Checked %s of “%s”: %u have a problem.\n",
                          n_invalid),
             rows, name, n_invalid);

  for (guint i = 0; i < n_rows; i++)
    {
      const char *reason;
      gboolean valid;
      guint line;

      hd_import_report_get_row (report, i, &line, &valid, &reason, NULL, NULL);
      if (!valid)
        _hd_cli_print_error (_("Line %u: %s"), line, reason);
    }
}

static int
run_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *zone_name = NULL;
  g_autofree char *name = NULL;
  gboolean dry_run = FALSE;
  guint n_imported = 0;
  int n_args = 0;
  const GOptionEntry entries[] = {
    { "zone", 0, 0, G_OPTION_ARG_STRING, &zone_name,
      N_("Read times without a zone in ZONE (default: this computer’s)"), N_("ZONE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the file and report, but import nothing"), NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("FILE.csv — check a CSV file of posts and import it"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("The file’s first line names the columns date, time, "
                                      "zone, channels, text, media and labels. If any row has "
                                      "a problem, nothing is imported."));
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;

  if (n_args != 2)
    return _hd_cli_usage_error (context, n_args < 2 ? _("Name the CSV file to import.")
                                                    : _("Name one CSV file to import."));

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

  store = _hd_cli_open_store (data_dir);
  if (store == NULL)
    return HD_CLI_EXIT_INPUT;

  file = g_file_new_for_commandline_arg (args[1]);
  name = g_file_get_parse_name (file);
  if (!hd_store_check_csv_file (store, file, zone_name, &report, &error))
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  print_report (report, name);

  if (hd_import_report_get_n_invalid (report) > 0)
    {
      _hd_cli_print_error (_("Nothing was imported. Fix the rows listed above and run the import "
                             "again."));
      return HD_CLI_EXIT_INPUT;
    }
  if (hd_import_report_get_n_valid (report) == 0)
    {
      _hd_cli_print_error (_("“%s” holds no posts, so nothing was imported."), name);
      return HD_CLI_EXIT_INPUT;
    }
  if (dry_run)
    {
      g_print (_("Dry run: nothing was imported.\n"));
      return HD_CLI_EXIT_OK;
    }

  if (!hd_store_import_csv (store, report, &n_imported, &error))
    {
      _hd_cli_print_error ("%s", error->message);
      _hd_cli_print_error (_("Nothing was imported."));
      return HD_CLI_EXIT_INPUT;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u post.\n", "Imported %u posts.\n",
                        n_imported),
           n_imported);

  return HD_CLI_EXIT_OK;
}

static gboolean
write_output (const char  *target,
              const char  *text,
              gsize        length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  if (strcmp (target, "-") == 0)
    {
      if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          _hd_cli_print_error (_("Herald could not write the calendar to the standard output."));
          return FALSE;
        }
      return TRUE;
    }

  file = g_file_new_for_commandline_arg (target);
  if (!g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                NULL, &error))
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
  g_auto(GStrv) args = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gint64 from, to;
  int n_args = 0;
  int status;
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv,
      N_("Write the posts as CSV to FILE (“-” for the standard output)"), N_("FILE") },
    { "ics", 0, 0, G_OPTION_ARG_FILENAME, &ics,
      N_("Write the scheduled posts as an iCalendar file to FILE"), N_("FILE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("Only posts from DATE (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Only posts up to and including DATE"), N_("DATE") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("— write the calendar to a file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;

  if (n_args > 1)
    return _hd_cli_usage_error (context, _("Name the file to write with --csv or --ics."));
  if (csv == NULL && ics == NULL)
    return _hd_cli_usage_error (context, _("Say which format to write: --csv FILE or --ics FILE."));

  status = parse_range (context, from_text, to_text, &from, &to);
  if (status != HD_CLI_EXIT_OK)
    return status;

  store = _hd_cli_open_store (data_dir);
  if (store == NULL)
    return HD_CLI_EXIT_INPUT;

  if (csv != NULL)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      if (!hd_store_export_csv (store, from, to, out, &error))
        {
          _hd_cli_print_error ("%s", error->message);
          return HD_CLI_EXIT_INPUT;
        }
      if (!write_output (csv, out->str, out->len))
        return HD_CLI_EXIT_INPUT;
    }

  if (ics != NULL)
    {
      g_autofree char *text = NULL;

      text = hd_store_export_ics (store, from, to, g_get_real_time () / G_USEC_PER_SEC, &error);
      if (text == NULL)
        {
          _hd_cli_print_error ("%s", error->message);
          return HD_CLI_EXIT_INPUT;
        }
      if (!write_output (ics, text, strlen (text)))
        return HD_CLI_EXIT_INPUT;
    }

  return HD_CLI_EXIT_OK;
}

/* Pads @text with spaces to @width characters, counting characters rather than bytes. */
static void
append_cell (GString    *out,
             const char *text,
             guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = length; i < (glong)width; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, "  ");
}

static char *
format_when (HdPost *post)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (hd_post_get_time_zone (post) != NULL)
    zone = g_time_zone_new_identifier (hd_post_get_time_zone (post));
  if (zone == NULL)
    zone = g_time_zone_new_local ();

  utc = g_date_time_new_from_unix_utc (hd_post_get_scheduled_at (post));
  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_timezone (utc, zone);

  /* The zone's abbreviation says which clock the time is on. */
  return g_date_time_format (local, "%Y-%m-%d %H:%M %Z");
}

char *
_hd_cli_first_words (const char *text)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");
  const guint max_chars = 48;

  for (char *c = flat; *c != '\0'; c++)
    {
      if (*c == '\n' || *c == '\r' || *c == '\t')
        *c = ' ';
    }
  g_strstrip (flat);

  if (g_utf8_strlen (flat, -1) > max_chars)
    {
      char *end = g_utf8_offset_to_pointer (flat, max_chars - 1);
      char *space;

      *end = '\0';
      space = strrchr (flat, ' ');
      if (space != NULL && space - flat > (gssize)max_chars / 2)
        *space = '\0';
      return g_strconcat (g_strchomp (flat), "…", NULL);
    }

  return g_steal_pointer (&flat);
}

static int
run_posts (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) posts = NULL;
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GHashTable) channel_names = NULL;
  g_autoptr(GString) out = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gint64 from, to;
  int n_args = 0;
  int status;
  guint n;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("Only posts from DATE (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Only posts up to and including DATE"), N_("DATE") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("— list the posts on the calendar"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;

  if (n_args > 1)
    return _hd_cli_usage_error (context, _("“herald posts” takes no file; use --from and --to "
                                           "to choose the dates."));

  status = parse_range (context, from_text, to_text, &from, &to);
  if (status != HD_CLI_EXIT_OK)
    return status;

  store = _hd_cli_open_store (data_dir);
  if (store == NULL)
    return HD_CLI_EXIT_INPUT;

  channels = hd_store_list_channels (store, &error);
  posts = channels != NULL ? hd_store_list_posts (store, from, to, &error) : NULL;
  if (posts == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  channel_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);
      const char *name = hd_channel_get_display_name (channel);

      if (name == NULL || name[0] == '\0')
        name = hd_channel_kind_to_label (hd_channel_get_kind (channel));
      g_hash_table_insert (channel_names, g_strdup (hd_channel_get_id (channel)),
                           g_strdup (name));
    }

  n = g_list_model_get_n_items (posts);
  if (n == 0)
    {
      g_print (_("No posts are planned for these dates.\n"));
      return HD_CLI_EXIT_OK;
    }

  out = g_string_new (NULL);
  append_cell (out, _("When"), 22);
  append_cell (out, _("State"), 15);
  append_cell (out, _("Channels"), 24);
  g_string_append_printf (out, "%s\n", _("Text"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdPost) post = g_list_model_get_item (posts, i);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      GListModel *variants = hd_post_get_variants (post);
      g_autofree char *when = format_when (post);
      g_autofree char *joined = NULL;
      g_autofree char *words = _hd_cli_first_words (hd_post_get_text (post));

      for (guint v = 0; v < g_list_model_get_n_items (variants); v++)
        {
          g_autoptr(HdVariant) variant = g_list_model_get_item (variants, v);
          const char *name = g_hash_table_lookup (channel_names,
                                                  hd_variant_get_channel_id (variant));

          if (name != NULL)
            g_ptr_array_add (names, (gpointer)name);
        }
      g_ptr_array_add (names, NULL);
      joined = g_strjoinv (", ", (char **)names->pdata);

      append_cell (out, when, 22);
      append_cell (out, hd_post_state_to_label (hd_post_get_state (post)), 15);
      append_cell (out, joined[0] != '\0' ? joined : "—", 24);
      g_string_append_printf (out, "%s\n", words);
    }

  g_print ("%s", out->str);

  return HD_CLI_EXIT_OK;
}

int
hd_cli_run (int    argc,
            char **argv)
{
  g_return_val_if_fail (hd_cli_is_command (argc, argv), HD_CLI_EXIT_USAGE);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (argv[1], commands[i].name) == 0)
        {
          g_autofree char *name = g_strdup_printf ("herald %s", commands[i].name);

          /* The usage line of --help names the subcommand. */
          g_set_prgname (name);
          return commands[i].run (argc, argv);
        }
    }

  return HD_CLI_EXIT_USAGE;
}
