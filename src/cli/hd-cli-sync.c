/* hd-cli-sync.c: `herald sync`, which sends what is due, once or, with --daemon, whenever
 * something comes due until it is told to stop
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>

#include "hd-cli.h"
#include "hd-cli-private.h"
#include "hd-ads-puller.h"
#include "hd-ads-sender.h"
#include "hd-inbox-puller.h"
#include "hd-metrics-puller.h"
#include "hd-puller.h"
#include "hd-reply-sender.h"
#include "hd-sender.h"
#include "hd-store-ads-outbox.h"

/* The daemon sleeps until the next row is due, but never longer than this: a post that
 * enters its platform's scheduling window, or one another process queued, is seen by then. */
#define DAEMON_MAX_SLEEP (5 * 60)
/* After a round that left something due (a channel waiting to be reconnected, another
 * Herald sending), it waits this long rather than trying again at once. */
#define DAEMON_RETRY_SLEEP 60
/* How often the daemon reads back what went out, like the window. */
#define DAEMON_PULL_EVERY (15 * 60)

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
    case HD_SEND_OUTCOME_HANDED_OVER:
      return _("handed over");
    case HD_SEND_OUTCOME_MISSED:
      return _("missed");
    case HD_SEND_OUTCOME_FAILED:
    default:
      return _("failed");
    }
}

static gint64
now_in_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* One line per post and channel: the first words, where, what happened. */
static void
print_report (HdSendReport *report)
{
  guint n_items = report != NULL ? hd_send_report_get_n_items (report) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      const HdSendItem *item = hd_send_report_get_item (report, i);

      g_print ("%s · %s · %s: %s\n", item->excerpt, item->channel_name,
               outcome_label (item->outcome), item->sentence);
    }
}

static guint
count_not_gone (HdSendReport *report)
{
  return hd_send_report_get_n_items (report) -
         hd_send_report_count (report, HD_SEND_OUTCOME_SENT) -
         hd_send_report_count (report, HD_SEND_OUTCOME_CONFIRMED) -
         hd_send_report_count (report, HD_SEND_OUTCOME_HANDED_OVER);
}

/* One line per campaign, ad set or ad, as for posts. */
static void
print_ads_report (HdSendReport *report)
{
  guint n_items = report != NULL ? hd_send_report_get_n_items (report) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      const HdSendItem *item = hd_send_report_get_item (report, i);

      g_print ("%s · %s · %s: %s\n", item->excerpt, item->channel_name,
               outcome_label (item->outcome), item->sentence);
    }
}

static guint
count_ads_not_gone (HdSendReport *report)
{
  return hd_send_report_get_n_items (report) -
         hd_send_report_count (report, HD_SEND_OUTCOME_SENT) -
         hd_send_report_count (report, HD_SEND_OUTCOME_CONFIRMED);
}

/* Sends the campaigns, ad sets and ads that are due, after the posts, under the same right to
 * send. */
static HdSendReport *
send_ads_once (HdSender  *sender,
               GError   **error)
{
  g_autoptr(HdAdsSender) ads_sender = hd_ads_sender_new (sender);
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  hd_ads_sender_send_due_async (ads_sender, now_in_seconds (), NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (!hd_ads_sender_send_due_finish (ads_sender, result, &report, error))
    {
      print_ads_report (report);
      return NULL;
    }

  return g_steal_pointer (&report);
}

/* Reads back the campaigns Meta has, with their daily results, and prints a line per object
 * changed in Ads Manager. */
static void
pull_ads_once (HdStore  *store,
               HdSender *sender)
{
  g_autoptr(HdAdsPuller) puller = hd_ads_puller_new (store, hd_sender_get_http (sender));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  HdAdsPullReport report = { 0, };

  hd_ads_puller_pull_async (puller, now_in_seconds (), NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (!hd_ads_puller_pull_finish (puller, result, &report, &error))
    {
      _hd_cli_print_error ("%s", error->message);
      return;
    }

  conflicts = hd_store_list_ad_conflicts (store, &error);
  if (conflicts == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return;
    }

  for (guint i = 0; i < conflicts->len; i++)
    {
      HdAdConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *object = hd_ad_object_describe (conflict->kind, conflict->name);

      /* TRANSLATORS: an object such as Campaign “Spring sale”, then Meta's fields as JSON */
      g_print (_("%s was changed in Ads Manager: %s\n"), object, conflict->conflict);
    }

  if (conflicts->len > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u campaign object changed in Ads Manager: keep yours or take "
                          "Meta’s in Herald.\n",
                          "%u campaign objects changed in Ads Manager: keep yours or take "
                          "Meta’s in Herald.\n",
                          conflicts->len),
             conflicts->len);
}

/* Sends the answers written in the inbox, after the campaigns, under the same right to send. */
static HdSendReport *
send_replies_once (HdSender  *sender,
                   GError   **error)
{
  g_autoptr(HdReplySender) reply_sender = hd_reply_sender_new (sender);
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  hd_reply_sender_send_due_async (reply_sender, now_in_seconds (), NULL, store_result_cb,
                                  &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (!hd_reply_sender_send_due_finish (reply_sender, result, &report, error))
    return NULL;

  return g_steal_pointer (&report);
}

/* Prints what one look at the inboxes found, as the window's notification says it. */
static void
print_inbox_report (HdInboxPullReport *report)
{
  for (guint i = 0; i < report->notices->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (report->notices, i));
  for (guint i = 0; i < report->problems->len; i++)
    _hd_cli_print_error ("%s", (const char *) g_ptr_array_index (report->problems, i));

  if (report->n_new > 0)
    {
      g_autofree char *title = hd_inbox_pull_describe_new (report->n_new);

      g_print ("%s\n", title);
    }
}

/* Reads the comments, replies and mentions that came in since the last look. */
static void
pull_inbox_once (HdStore  *store,
                 HdSender *sender)
{
  g_autoptr(HdInboxPuller) puller = hd_inbox_puller_new (store, hd_sender_get_http (sender));
  g_autoptr(HdInboxPullReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hd_inbox_puller_pull_async (puller, now_in_seconds (), NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  report = hd_inbox_puller_pull_finish (puller, result, &error);
  if (report == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return;
    }

  print_inbox_report (report);
}

/* Prints what could not be read; the figures themselves go to the Reports page. */
static void
print_metrics_report (HdMetricsPullReport *report)
{
  for (guint i = 0; i < report->problems->len; i++)
    _hd_cli_print_error ("%s", (const char *) g_ptr_array_index (report->problems, i));
}

/* Reads the figures of the posts and channels that are due. */
static void
pull_metrics_once (HdStore  *store,
                   HdSender *sender)
{
  g_autoptr(HdMetricsPuller) puller = hd_metrics_puller_new (store, hd_sender_get_http (sender));
  g_autoptr(HdMetricsPullReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hd_metrics_puller_pull_async (puller, now_in_seconds (), NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  report = hd_metrics_puller_pull_finish (puller, result, &error);
  if (report == NULL)
    _hd_cli_print_error ("%s", error->message);
  else
    print_metrics_report (report);
}

/* Once */

/* Reads back what went out, after sending, and prints a line per conflict found: a change
 * made on a platform waits for the user's answer in the Changes view. */
static void
pull_once (HdStore  *store,
           HdSender *sender)
{
  g_autoptr(HdPuller) puller = hd_puller_new (store, hd_sender_get_http (sender));
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  hd_puller_pull_async (puller, now_in_seconds (), NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  report = hd_puller_pull_finish (puller, result, &error);
  if (report == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return;
    }

  /* Every conflict, not only the new ones: each waits for an answer. */
  conflicts = hd_store_list_conflicts (store, &error);
  if (conflicts == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return;
    }

  for (guint i = 0; i < conflicts->len; i++)
    {
      g_autofree char *line = hd_pull_conflict_describe (g_ptr_array_index (conflicts, i));

      g_print ("%s\n", line);
    }

  if (conflicts->len > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u post changed on its platform: answer it in Herald’s Changes "
                          "view.\n",
                          "%u posts changed on their platforms: answer them in Herald’s "
                          "Changes view.\n",
                          conflicts->len),
             conflicts->len);
}

static int send_once (HdStore  *store,
                      HdSender *sender);

static int
sync_once (HdStore  *store,
           HdSender *sender)
{
  int status = send_once (store, sender);

  pull_once (store, sender);
  pull_ads_once (store, sender);
  pull_inbox_once (store, sender);
  pull_metrics_once (store, sender);

  return status;
}

static int
send_once (HdStore  *store,
           HdSender *sender)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdSendReport) ads_report = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HdSendReport) replies_report = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;
  guint n_waiting;

  hd_sender_send_due_async (sender, now_in_seconds (), NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (!hd_sender_send_due_finish (sender, result, &report, &error))
    _hd_cli_print_error ("%s", error->message);

  print_report (report);
  if (error != NULL)
    return HD_CLI_EXIT_INPUT;

  /* Ads after posts, like any other change. */
  ads_report = send_ads_once (sender, &error);
  if (ads_report == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }
  print_ads_report (ads_report);

  /* Answers written in the inbox after the campaigns. */
  replies_report = send_replies_once (sender, &error);
  if (replies_report == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }
  print_report (replies_report);

  n_items = hd_send_report_get_n_items (report) + hd_send_report_get_n_items (ads_report);
  n_items += hd_send_report_get_n_items (replies_report);
  if (n_items == 0)
    {
      g_autoptr(GPtrArray) missed = NULL;
      guint n_pending = 0;

      /* Those wait for the user, not for their time: say so rather than count them. */
      missed = hd_store_list_changes (store, NULL, HD_OUTBOX_STATE_MISSED, NULL);
      if (missed != NULL && missed->len > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "%u post missed its time and waits for you to send it late or "
                              "pick a new time.\n",
                              "%u posts missed their time and wait for you to send them late "
                              "or pick a new time.\n",
                              missed->len),
                 missed->len);

      if (hd_store_count_pending_changes (store, &n_pending, &error) && missed != NULL)
        n_pending -= MIN (n_pending, missed->len);
      if (n_pending > 0)
        {
          g_print (g_dngettext (GETTEXT_PACKAGE,
                                "Nothing is due now; %u change waits for its time or its "
                                "channel.\n",
                                "Nothing is due now; %u changes wait for their time or their "
                                "channel.\n",
                                n_pending),
                   n_pending);
        }
      else if (missed == NULL || missed->len == 0)
        {
          g_print (_("Nothing to send.\n"));
        }
      return HD_CLI_EXIT_OK;
    }

  n_waiting = count_not_gone (report) + count_ads_not_gone (ads_report);
  n_waiting += count_not_gone (replies_report);
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

/* --daemon */

typedef struct
{
  HdStore         *store;
  HdSender        *sender;
  HdPuller        *puller;
  HdAdsSender     *ads_sender;
  HdAdsPuller     *ads_puller;
  GNetworkMonitor *monitor;
  HdReplySender   *reply_sender;
  HdInboxPuller   *inbox_puller;
  HdMetricsPuller *metrics_puller;
  GMainLoop       *loop;
  GCancellable    *cancellable;
  guint            wake_id;
  gint64           pulled_at;
  guint            n_conflicts;
  gboolean         sending;
  gboolean         pulling;
  gboolean         stopping;
  gboolean         told_busy;
} Daemon;

static void daemon_round (Daemon *daemon);
static void daemon_after_sending (Daemon *daemon);
static void daemon_ads_sent_cb (GObject      *object,
                                GAsyncResult *result,
                                gpointer      user_data);
static void daemon_ads_pulled_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data);

static void daemon_replies_sent_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data);
static void daemon_metrics_pulled_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      user_data);
static void daemon_inbox_pulled_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data);

static gboolean
daemon_wake_cb (gpointer user_data)
{
  Daemon *daemon = user_data;

  daemon->wake_id = 0;
  daemon_round (daemon);

  return G_SOURCE_REMOVE;
}

static void
daemon_sleep (Daemon *daemon,
              guint   seconds)
{
  g_clear_handle_id (&daemon->wake_id, g_source_remove);
  g_debug ("Next round in %u s", seconds);
  daemon->wake_id = g_timeout_add_seconds (seconds, daemon_wake_cb, daemon);
}

/* Until the next row is due, within bounds. */
static guint
daemon_sleep_seconds (Daemon *daemon)
{
  g_autoptr(GError) error = NULL;
  gint64 now = now_in_seconds ();
  gint64 next_due = 0;

  if (!hd_store_next_change_due (daemon->store, now, &next_due, &error))
    {
      _hd_cli_print_error ("%s", error->message);
      return DAEMON_RETRY_SLEEP;
    }

  if (next_due == 0)
    return DAEMON_MAX_SLEEP;
  if (next_due <= now)
    return DAEMON_RETRY_SLEEP;

  return (guint) CLAMP (next_due - now, 1, DAEMON_MAX_SLEEP);
}

static void
daemon_ads_pulled_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Daemon *daemon = user_data;
  g_autoptr(GError) error = NULL;

  daemon->pulling = FALSE;

  if (!hd_ads_puller_pull_finish (daemon->ads_puller, result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _hd_cli_print_error ("%s", error->message);

  if (daemon->stopping)
    {
      g_main_loop_quit (daemon->loop);
      return;
    }

  /* The inboxes are read in the same round: comments, replies and mentions. */
  if (daemon->inbox_puller != NULL)
    {
      daemon->pulling = TRUE;
      hd_inbox_puller_pull_async (daemon->inbox_puller, daemon->pulled_at, daemon->cancellable,
                                  daemon_inbox_pulled_cb, daemon);
      return;
    }

  daemon_sleep (daemon, daemon_sleep_seconds (daemon));
}

static void
daemon_pulled_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Daemon *daemon = user_data;
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint n_conflicts = 0;

  daemon->pulling = FALSE;

  report = hd_puller_pull_finish (daemon->puller, result, &error);
  if (report == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _hd_cli_print_error ("%s", error->message);

  /* Said when the number grows, not every quarter of an hour. */
  if (report != NULL && hd_store_count_conflicts (daemon->store, &n_conflicts, NULL) &&
      n_conflicts > daemon->n_conflicts)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u post changed on its platform: answer it in Herald’s Changes "
                          "view.\n",
                          "%u posts changed on their platforms: answer them in Herald’s "
                          "Changes view.\n",
                          n_conflicts),
             n_conflicts);
  if (report != NULL)
    daemon->n_conflicts = n_conflicts;

  if (daemon->stopping)
    {
      g_main_loop_quit (daemon->loop);
      return;
    }

  /* The campaigns are read back in the same round, with their daily results. */
  daemon->pulling = TRUE;
  hd_ads_puller_pull_async (daemon->ads_puller, daemon->pulled_at, daemon->cancellable,
                            daemon_ads_pulled_cb, daemon);
}

static void
daemon_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Daemon *daemon = user_data;
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GError) error = NULL;

  daemon->sending = FALSE;

  if (!hd_sender_send_due_finish (daemon->sender, result, &report, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
        {
          /* Said once: the other Herald may send for hours. */
          if (!daemon->told_busy)
            _hd_cli_print_error ("%s", error->message);
          daemon->told_busy = TRUE;
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _hd_cli_print_error ("%s", error->message);
    }
  else
    {
      daemon->told_busy = FALSE;
    }

  print_report (report);

  if (daemon->stopping)
    {
      g_main_loop_quit (daemon->loop);
      return;
    }

  /* Ads after posts, under the same right to send. */
  if (!daemon->told_busy)
    {
      daemon->sending = TRUE;
      hd_ads_sender_send_due_async (daemon->ads_sender, now_in_seconds (), daemon->cancellable,
                                    daemon_ads_sent_cb, daemon);
      return;
    }

  daemon_after_sending (daemon);
}

static void
daemon_ads_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Daemon *daemon = user_data;
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GError) error = NULL;

  daemon->sending = FALSE;

  if (!hd_ads_sender_send_due_finish (daemon->ads_sender, result, &report, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    _hd_cli_print_error ("%s", error->message);

  print_ads_report (report);

  if (daemon->stopping)
    {
      g_main_loop_quit (daemon->loop);
      return;
    }

  /* The answers written in the inbox after the campaigns, under the same right to send. */
  if (daemon->reply_sender != NULL && !daemon->told_busy)
    {
      daemon->sending = TRUE;
      hd_reply_sender_send_due_async (daemon->reply_sender, now_in_seconds (),
                                      daemon->cancellable, daemon_replies_sent_cb, daemon);
      return;
    }

  daemon_after_sending (daemon);
}

static void
daemon_replies_sent_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Daemon *daemon = user_data;
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GError) error = NULL;

  daemon->sending = FALSE;

  if (!hd_reply_sender_send_due_finish (daemon->reply_sender, result, &report, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    _hd_cli_print_error ("%s", error->message);

  print_report (report);

  if (daemon->stopping)
    {
      g_main_loop_quit (daemon->loop);
      return;
    }

  daemon_after_sending (daemon);
}

static void
daemon_inbox_pulled_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Daemon *daemon = user_data;
  g_autoptr(HdInboxPullReport) report = NULL;
  g_autoptr(GError) error = NULL;

  daemon->pulling = FALSE;

  report = hd_inbox_puller_pull_finish (daemon->inbox_puller, result, &error);
  if (report != NULL)
    print_inbox_report (report);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _hd_cli_print_error ("%s", error->message);

  if (daemon->stopping)
    {
      g_main_loop_quit (daemon->loop);
      return;
    }

  /* Last in the round: the figures of the posts and channels that are due. */
  daemon->pulling = TRUE;
  hd_metrics_puller_pull_async (daemon->metrics_puller, now_in_seconds (), daemon->cancellable,
                                daemon_metrics_pulled_cb, daemon);
}

static void
daemon_metrics_pulled_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Daemon *daemon = user_data;
  g_autoptr(HdMetricsPullReport) report = NULL;
  g_autoptr(GError) error = NULL;

  daemon->pulling = FALSE;

  report = hd_metrics_puller_pull_finish (daemon->metrics_puller, result, &error);
  if (report != NULL)
    print_metrics_report (report);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _hd_cli_print_error ("%s", error->message);

  if (daemon->stopping)
    {
      g_main_loop_quit (daemon->loop);
      return;
    }

  daemon_sleep (daemon, daemon_sleep_seconds (daemon));
}

static void
daemon_after_sending (Daemon *daemon)
{
  /* As the window does: what went out is read back now and then, so a post changed on its
   * platform shows as a conflict. */
  if (!daemon->told_busy && now_in_seconds () - daemon->pulled_at >= DAEMON_PULL_EVERY)
    {
      daemon->pulling = TRUE;
      daemon->pulled_at = now_in_seconds ();
      hd_puller_pull_async (daemon->puller, daemon->pulled_at, daemon->cancellable,
                            daemon_pulled_cb, daemon);
      return;
    }

  daemon_sleep (daemon, daemon_sleep_seconds (daemon));
}

static void
daemon_round (Daemon *daemon)
{
  if (daemon->sending || daemon->pulling || daemon->stopping)
    return;

  /* The network monitor wakes it when the network returns. */
  if (!g_network_monitor_get_network_available (daemon->monitor))
    {
      g_debug ("Offline; waiting for the network");
      daemon_sleep (daemon, DAEMON_MAX_SLEEP);
      return;
    }

  daemon->sending = TRUE;
  hd_sender_send_due_async (daemon->sender, now_in_seconds (), daemon->cancellable,
                            daemon_sent_cb, daemon);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  Daemon *daemon = user_data;

  if (available && !daemon->sending && !daemon->pulling && !daemon->stopping)
    {
      g_clear_handle_id (&daemon->wake_id, g_source_remove);
      daemon_round (daemon);
    }
}

static gboolean
on_stop_signal (gpointer user_data)
{
  Daemon *daemon = user_data;

  daemon->stopping = TRUE;
  g_clear_handle_id (&daemon->wake_id, g_source_remove);

  /* A request under way is cancelled; its row is checked on the platform next time. */
  if (daemon->sending || daemon->pulling)
    g_cancellable_cancel (daemon->cancellable);
  else
    g_main_loop_quit (daemon->loop);

  return G_SOURCE_CONTINUE;
}

static int
sync_daemon (HdStore  *store,
             HdSender *sender)
{
  Daemon daemon = { 0, };
  gulong network_handler;
  guint term_id;
  guint int_id;

  daemon.store = store;
  daemon.sender = sender;
  daemon.puller = hd_puller_new (store, hd_sender_get_http (sender));
  daemon.ads_sender = hd_ads_sender_new (sender);
  daemon.ads_puller = hd_ads_puller_new (store, hd_sender_get_http (sender));
  daemon.reply_sender = hd_reply_sender_new (sender);
  daemon.inbox_puller = hd_inbox_puller_new (store, hd_sender_get_http (sender));
  daemon.metrics_puller = hd_metrics_puller_new (store, hd_sender_get_http (sender));
  daemon.monitor = g_network_monitor_get_default ();
  daemon.loop = g_main_loop_new (NULL, FALSE);
  daemon.cancellable = g_cancellable_new ();

  network_handler = g_signal_connect (daemon.monitor, "network-changed",
                                      G_CALLBACK (on_network_changed), &daemon);
  term_id = g_unix_signal_add (SIGTERM, on_stop_signal, &daemon);
  int_id = g_unix_signal_add (SIGINT, on_stop_signal, &daemon);

  daemon_round (&daemon);
  g_main_loop_run (daemon.loop);

  g_source_remove (term_id);
  g_source_remove (int_id);
  g_signal_handler_disconnect (daemon.monitor, network_handler);
  g_clear_handle_id (&daemon.wake_id, g_source_remove);
  g_main_loop_unref (daemon.loop);
  g_object_unref (daemon.cancellable);
  g_object_unref (daemon.puller);
  g_object_unref (daemon.ads_sender);
  g_object_unref (daemon.ads_puller);
  g_object_unref (daemon.reply_sender);
  g_object_unref (daemon.inbox_puller);
  g_object_unref (daemon.metrics_puller);

  return HD_CLI_EXIT_OK;
}

int
_hd_cli_run_sync (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdHttp) http = NULL;
  g_autoptr(HdSender) sender = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *data_dir = NULL;
  gboolean run_as_daemon = FALSE;
  GNetworkMonitor *monitor;
  guint n_recovered = 0;
  int n_args = 0;
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { "daemon", 0, 0, G_OPTION_ARG_NONE, &run_as_daemon,
      N_("Keep running and send whatever comes due, until stopped"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— send the posts that are due"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Publishes the scheduled posts whose time has come on "
                                      "every connected channel, then sends the campaigns, ad "
                                      "sets and ads waiting to go to Meta, and prints what "
                                      "became of each. "
                                      "Exits with 0 when everything went, 1 when something "
                                      "failed, missed its time or is still waiting. With "
                                      "--daemon it keeps running, sends each post when it "
                                      "comes due and when the network returns, and stops on "
                                      "SIGTERM or Ctrl+C."));
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;

  if (n_args > 1)
    return _hd_cli_usage_error (context, _("“herald sync” takes no arguments."));

  store = _hd_cli_open_store (data_dir);
  if (store == NULL)
    return HD_CLI_EXIT_INPUT;

  monitor = g_network_monitor_get_default ();
  if (!run_as_daemon && !g_network_monitor_get_network_available (monitor))
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

  /* Whatever is in flight was left by a process that stopped, and is checked on its platform
   * before anything is sent again; while another Herald sends, this one touches nothing. */
  if (!hd_sender_recover (sender, &n_recovered, &error))
    {
      /* The daemon says so in its first round, and waits. */
      if (!run_as_daemon || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
        {
          _hd_cli_print_error ("%s", error->message);
          return HD_CLI_EXIT_INPUT;
        }
    }

  if (run_as_daemon)
    return sync_daemon (store, sender);

  return sync_once (store, sender);
}
