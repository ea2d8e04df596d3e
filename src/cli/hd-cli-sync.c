/* hd-cli-sync.c: `herald sync`, which sends what is due
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-cli.h"
#include "hd-cli-private.h"
#include "hd-sender.h"

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static const char *
outcome_label (HdSendOutcome outcome)
{
  switch (outcome)
    {
    case HD_SEND_OUTCOME_SENT:
      return _("sent");
    case HD_SEND_OUTCOME_CONFIRMED:
      return _("sent earlier");
    case HD_SEND_OUTCOME_WAITING:
      return _("waiting");
    case HD_SEND_OUTCOME_NEEDS_RECONNECT:
      return _("needs reconnect");
    case HD_SEND_OUTCOME_FAILED:
    default:
      return _("failed");
    }
}

int
_hd_cli_run_sync (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdHttp) http = NULL;
  g_autoptr(HdSender) sender = NULL;
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *data_dir = NULL;
  GNetworkMonitor *monitor;
  guint n_items;
  guint n_recovered = 0;
  guint n_waiting = 0;
  int n_args = 0;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("— send the posts that are due"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Publishes the scheduled posts whose time has come on "
                                      "every connected channel and prints what became of each. "
                                      "Exits with 0 when everything went, 1 when something "
                                      "failed or is still waiting."));
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;

  if (n_args > 1)
    return _hd_cli_usage_error (context, _("“herald sync” takes no arguments."));

  store = _hd_cli_open_store (data_dir);
  if (store == NULL)
    return HD_CLI_EXIT_INPUT;

  monitor = g_network_monitor_get_default ();
  if (!g_network_monitor_get_network_available (monitor))
    {
      guint n_pending = 0;

      if (hd_store_count_pending_changes (store, &n_pending, NULL) && n_pending > 0)
        _hd_cli_print_error (g_dngettext (GETTEXT_PACKAGE,
                                          "Herald is offline: %u change waits to be sent. Run "
                                          "“herald sync” again once this computer is online.",
                                          "Herald is offline: %u changes wait to be sent. Run "
                                          "“herald sync” again once this computer is online.",
                                          n_pending),
                             n_pending);
      else
        _hd_cli_print_error (_("Herald is offline. Run “herald sync” again once this computer "
                               "is online."));
      return HD_CLI_EXIT_INPUT;
    }

  http = hd_http_new ();
  sender = hd_sender_new (store, http);

  /* Nothing else runs for this store in this process: whatever is in flight was left by one
   * that stopped, and is checked on its platform before anything is sent again. */
  if (!hd_sender_recover (sender, &n_recovered, &error))
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  hd_sender_send_due_async (sender, g_get_real_time () / G_USEC_PER_SEC, NULL, store_result_cb,
                            &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (!hd_sender_send_due_finish (sender, result, &report, &error))
    _hd_cli_print_error ("%s", error->message);

  n_items = report != NULL ? hd_send_report_get_n_items (report) : 0;
  for (guint i = 0; i < n_items; i++)
    {
      const HdSendItem *item = hd_send_report_get_item (report, i);

      /* One line per post and channel: the first words, where, what happened. */
      g_print ("%s · %s · %s: %s\n", item->excerpt, item->channel_name,
               outcome_label (item->outcome), item->sentence);
    }

  if (error != NULL)
    return HD_CLI_EXIT_INPUT;

  if (n_items == 0)
    {
      guint n_pending = 0;

      if (hd_store_count_pending_changes (store, &n_pending, &error) && n_pending > 0)
        {
          g_print (g_dngettext (GETTEXT_PACKAGE,
                                "Nothing is due now; %u change waits for its time or its "
                                "channel.\n",
                                "Nothing is due now; %u changes wait for their time or their "
                                "channel.\n",
                                n_pending),
                   n_pending);
        }
      else
        {
          g_print (_("Nothing to send.\n"));
        }
      return HD_CLI_EXIT_OK;
    }

  n_waiting = n_items - hd_send_report_count (report, HD_SEND_OUTCOME_SENT) -
              hd_send_report_count (report, HD_SEND_OUTCOME_CONFIRMED);
  if (n_waiting > 0)
    {
      _hd_cli_print_error (g_dngettext (GETTEXT_PACKAGE,
                                        "%u change did not go out; see above.",
                                        "%u changes did not go out; see above.",
                                        n_waiting),
                           n_waiting);
      return HD_CLI_EXIT_INPUT;
    }

  return HD_CLI_EXIT_OK;
}
