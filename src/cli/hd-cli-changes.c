/* hd-cli-changes.c: `herald changes`, the Changes view on the command line
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-cli.h"
#include "hd-cli-private.h"
#include "hd-change-check.h"
#include "hd-change-set.h"

static char *
format_instant (gint64      instant,
                const char *zone_name)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  if (instant == 0)
    return g_strdup ("—");

  utc = g_date_time_new_from_unix_utc (instant);
  if (zone_name != NULL)
    zone = g_time_zone_new_identifier (zone_name);
  if (zone == NULL)
    zone = g_time_zone_new_local ();
  local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
print_change (const HdChangeSummary *change,
              GPtrArray             *problems)
{
  g_autofree char *when = format_instant (change->instant, change->time_zone);
  const char *excerpt = *change->excerpt != '\0' ? change->excerpt : _("(post deleted)");

  /* channel · change · excerpt · time · state: reason */
  if (change->reason != NULL)
    g_print ("%s\t%s\t%s\t%s\t%s: %s\n", change->channel_name,
             hd_change_kind_to_label (change->kind), excerpt, when,
             hd_change_state_to_label (change->state), change->reason);
  else
    g_print ("%s\t%s\t%s\t%s\t%s\n", change->channel_name,
             hd_change_kind_to_label (change->kind), excerpt, when,
             hd_change_state_to_label (change->state));

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_print ("  %s %s\n", _("Problem:"), (const char *) g_ptr_array_index (problems, i));
}

static int
list_changes (HdStore  *store,
              gboolean  check)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) problems = NULL;
  g_autoptr(HdHttp) http = NULL;
  g_autoptr(GError) error = NULL;
  guint n_problems = 0;

  changes = hd_store_describe_changes (store, &error);
  if (changes == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  if (check)
    {
      /* The session is only handed to the providers; checking never goes on the network. */
      http = hd_http_new ();
      problems = hd_changes_check (store, http, changes, g_get_real_time () / G_USEC_PER_SEC,
                                   &error);
      if (problems == NULL)
        {
          _hd_cli_print_error ("%s", error->message);
          return HD_CLI_EXIT_INPUT;
        }
    }

  if (changes->len == 0)
    {
      g_print ("%s\n", _("Nothing to send."));
      return HD_CLI_EXIT_OK;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      const HdChangeSummary *change = g_ptr_array_index (changes, i);
      GPtrArray *found = problems != NULL ? g_hash_table_lookup (problems, change->change_id)
                                          : NULL;

      print_change (change, found);
      if (found != NULL)
        n_problems += found->len;
    }

  if (!check)
    return HD_CLI_EXIT_OK;

  if (n_problems == 0)
    {
      g_print ("%s\n", _("Every change is ready to send."));
      return HD_CLI_EXIT_OK;
    }

  _hd_cli_print_error (g_dngettext (GETTEXT_PACKAGE, "%u problem to fix before sending.",
                                    "%u problems to fix before sending.", n_problems),
                       n_problems);
  return HD_CLI_EXIT_INPUT;
}

static int
export_changes (HdStore    *store,
                const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  guint n_changes = 0;

  if (!hd_change_set_export_to_file (store, NULL, file, &n_changes, NULL, &error))
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u change to %s.\n",
                        "Wrote %u changes to %s.\n", n_changes),
           n_changes, path);

  return HD_CLI_EXIT_OK;
}

static int
import_changes (HdStore     *store,
                const char  *path,
                gboolean     accept_all,
                char       **accept_ids)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(HdChangeSet) set = NULL;
  g_autoptr(GError) error = NULL;
  guint n_accepted = 0;
  guint n_refused = 0;

  set = hd_change_set_load (file, NULL, &error);
  if (set == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  for (guint i = 0; accept_ids != NULL && accept_ids[i] != NULL; i++)
    {
      if (hd_change_set_find_change (set, accept_ids[i]) < 0)
        {
          _hd_cli_print_error (_("The file holds no change with the id “%s”; nothing was "
                                 "accepted."), accept_ids[i]);
          return HD_CLI_EXIT_INPUT;
        }
    }

  for (guint i = 0; i < hd_change_set_get_n_changes (set); i++)
    {
      const HdIncomingChange *change = hd_change_set_get_change (set, i);
      g_autoptr(HdChannel) channel = hd_change_set_find_channel (set, i, store);
      g_autoptr(GError) local_error = NULL;
      const char *channel_name = change->channel_handle != NULL ? change->channel_handle
                                 : hd_channel_kind_to_label (change->channel_kind);
      gboolean wanted = accept_all ||
                        (accept_ids != NULL &&
                         g_strv_contains ((const char * const *) accept_ids, change->id));
      const char *outcome;

      if (channel == NULL)
        outcome = _("not connected here");
      else if (!wanted)
        outcome = _("not accepted");
      else if (hd_change_set_accept (set, i, store, &local_error))
        {
          outcome = _("accepted");
          n_accepted++;
        }
      else
        outcome = local_error->message;

      if (wanted && (channel == NULL || local_error != NULL))
        n_refused++;

      g_print ("%s\t%s · %s\t%s\t%s\t%s\n", change->id,
               hd_channel_kind_to_label (change->channel_kind), channel_name,
               hd_change_kind_to_label (change->kind), change->excerpt, outcome);
    }

  if (accept_all || accept_ids != NULL)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Accepted %u change.\n", "Accepted %u changes.\n",
                          n_accepted),
             n_accepted);

  /* Accepting by id a change that cannot be applied is an error the caller must see. */
  if (accept_ids != NULL && n_refused > 0)
    return HD_CLI_EXIT_INPUT;

  return HD_CLI_EXIT_OK;
}

int
_hd_cli_run_changes (int    argc,
                     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HdStore) store = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) accept_ids = NULL;
  g_autofree char *data_dir = NULL;
  gboolean accept_all = FALSE;
  const char *verb;
  int n_args = 0;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { "accept-all", 0, 0, G_OPTION_ARG_NONE, &accept_all,
      N_("With import: accept every change this computer can apply"), NULL },
    { "accept", 0, 0, G_OPTION_ARG_STRING_ARRAY, &accept_ids,
      N_("With import: accept the change ID (may be repeated)"), N_("ID") },
    { NULL }
  };

  context = g_option_context_new (_("[check | export FILE | import FILE] — the changes "
                                    "waiting to be sent"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Without a command, lists every change waiting to be "
                                      "sent: channel, change, first words, time and state. "
                                      "“check” also checks each against its channel's rules "
                                      "without the network and exits with 1 when one has a "
                                      "problem. “export” writes them to a file for someone "
                                      "else to review; “import” lists the changes in such a "
                                      "file and, with --accept-all or --accept, applies them "
                                      "here."));
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;

  verb = n_args > 1 ? args[1] : NULL;

  if ((accept_all || accept_ids != NULL) && g_strcmp0 (verb, "import") != 0)
    return _hd_cli_usage_error (context, _("--accept-all and --accept go with “import”."));
  if (accept_all && accept_ids != NULL)
    return _hd_cli_usage_error (context, _("Use either --accept-all or --accept, not both."));

  if (verb == NULL || g_str_equal (verb, "check"))
    {
      if (n_args > 2)
        return _hd_cli_usage_error (context, _("“herald changes check” takes no arguments."));
    }
  else if (g_str_equal (verb, "export") || g_str_equal (verb, "import"))
    {
      if (n_args != 3)
        return _hd_cli_usage_error (context, _("Name one change file."));
    }
  else
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not something “herald changes” does; use check, export "
                           "or import."), verb);

      return _hd_cli_usage_error (context, message);
    }

  store = _hd_cli_open_store (data_dir);
  if (store == NULL)
    return HD_CLI_EXIT_INPUT;

  if (verb == NULL)
    return list_changes (store, FALSE);
  if (g_str_equal (verb, "check"))
    return list_changes (store, TRUE);
  if (g_str_equal (verb, "export"))
    return export_changes (store, args[2]);

  return import_changes (store, args[2], accept_all, accept_ids);
}
