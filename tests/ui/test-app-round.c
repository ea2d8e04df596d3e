/* test-app-round.c: what the application's sync round reads back besides the posts it
 * sends: the figures the Reports page shows, and the comments a desktop notification
 * announces while nobody looks at Herald
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-ui.h"

#include <adwaita.h>

#include "hd-channels.h"
#include "hd-fake-mastodon.h"
#include "hd-store-channels.h"
#include "hd-store-inbox.h"
#include "hd-store-metrics.h"
#include "hd-store-posts.h"
#include "hd-test-mastodon.h"
#include "hd-test-network-monitor.h"
#include "hd-test-notifier.h"
#include "hd-test-posts.h"
#include "reports/hd-reports-page.h"
#include "reports/hd-top-posts.h"

static gboolean
has_followers (HdChannel *channel)
{
  g_autoptr(GListModel) counts = hd_store_list_metrics (hd_application_get_store (test_app),
                                                        HD_METRIC_SUBJECT_CHANNEL,
                                                        hd_channel_get_id (channel),
                                                        HD_METRIC_FOLLOWERS, 0, G_MAXINT64,
                                                        NULL);

  return counts != NULL && g_list_model_get_n_items (counts) > 0;
}

static gboolean
has_reactions (HdPost *post)
{
  g_autoptr(GListModel) counts = hd_store_list_metrics (hd_application_get_store (test_app),
                                                        HD_METRIC_SUBJECT_POST,
                                                        hd_post_get_id (post),
                                                        HD_METRIC_REACTIONS, 0, G_MAXINT64,
                                                        NULL);

  return counts != NULL && g_list_model_get_n_items (counts) > 0;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Each test in a process of its own: the app keeps one store and one set of senders. */
static gboolean
run_in_subprocess (void)
{
  if (g_test_subprocess ())
    return FALSE;

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return TRUE;
}

static void
test_metrics (void)
{
  g_autoptr(HdTestNetworkMonitor) monitor = NULL;
  g_autoptr(HdFakeMastodon) fake = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdPost) post = NULL;
  GtkWidget *window;
  HdReportsPage *page;
  HdReport *report;
  HdReportChannel *figures;
  HdTopPosts *table;
  g_autofree char *engagement = NULL;
  gint64 deadline;

  if (run_in_subprocess ())
    return;

  /* Offline until everything is in place, so the round below is the first. */
  monitor = hd_test_use_network (test_app, FALSE);
  fake = hd_fake_mastodon_new ();
  test_open_workspace (HD_WORKSPACE_OWN);
  channel = hd_test_connect_mastodon (test_app, fake);
  post = hd_test_schedule_post (test_app, "Fresh sourdough", hd_test_now_seconds () - 60, channel);

  /* The round sends the post, then reads back its figures and the account's followers. */
  hd_test_network_monitor_set_available (monitor, TRUE);
  test_wait_until (hd_test_post_state (test_app, post) == HD_POST_STATE_PUBLISHED, 20);
  test_wait_until (has_reactions (post) && has_followers (channel), 20);

  /* The Reports page shows what the platform gave: 5 favourites and 2 boosts, 120 followers. */
  window = gtk_window_new ();
  page = g_object_new (HD_TYPE_REPORTS_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (gtk_window_get_child (GTK_WINDOW (window))),
                               GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  gtk_window_present (GTK_WINDOW (window));
  hd_reports_page_set_store (page, hd_application_get_store (test_app));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (hd_reports_page_get_loading (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_iterate ();
    }
  test_iterate ();

  report = hd_reports_page_get_report (page);
  g_assert_nonnull (report);
  figures = hd_report_find_channel (report, hd_channel_get_id (channel));
  g_assert_nonnull (figures);
  g_assert_cmpint (figures->followers_end, ==, 120);
  table = HD_TOP_POSTS (find_widget (GTK_WIDGET (page), HD_TYPE_TOP_POSTS));
  g_assert_nonnull (table);
  g_assert_cmpuint (hd_top_posts_get_n_posts (table), ==, 1);
  g_assert_cmpstr (hd_top_posts_get_post_text (table, 0), ==, "Fresh sourdough");
  engagement = hd_top_posts_dup_figure (table, 0, HD_REPORT_COLUMN_ENGAGEMENT);
  g_assert_cmpstr (engagement, ==, "7");

  gtk_window_destroy (GTK_WINDOW (window));
  test_close_all ();
}

static void
test_new_comments (void)
{
  g_autoptr(HdTestNetworkMonitor) monitor = NULL;
  g_autoptr(HdFakeMastodon) fake = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdPost) post = NULL;
  GVariant *notification;
  const char *action = NULL;
  g_autoptr(GVariant) target = NULL;

  if (run_in_subprocess ())
    return;

  hd_test_notifier_start ();
  monitor = hd_test_use_network (test_app, FALSE);
  fake = hd_fake_mastodon_new ();
  test_open_workspace (HD_WORKSPACE_OWN);
  channel = hd_test_connect_mastodon (test_app, fake);
  post = hd_test_schedule_post (test_app, "Rye is back on Saturday", hd_test_now_seconds () - 60,
                                channel);

  /* Someone wrote to the bakery while Herald had no window open. */
  hd_fake_mastodon_add_notification (fake, "mention", "ann@example.org", "Ann",
                                     "@bakery Do you keep a loaf back for me?", NULL,
                                     hd_fake_mastodon_now (fake) - 30);
  hd_test_network_monitor_set_available (monitor, TRUE);
  test_wait_until (hd_test_notifier_find ("new-comments") != NULL, 20);

  /* It says how many, and clicking it opens the inbox. */
  notification = hd_test_notifier_find ("new-comments");
  g_assert_cmpstr (hd_test_notification_string (notification, "title"), ==, "1 new comment");
  g_assert_cmpstr (hd_test_notification_string (notification, "body"), ==,
                   "Read and answer them in the inbox.");
  g_assert_true (g_variant_lookup (notification, "default-action", "&s", &action));
  g_assert_cmpstr (action, ==, "app.show-page");
  target = g_variant_lookup_value (notification, "default-action-target", G_VARIANT_TYPE_STRING);
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "inbox");

  test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  const char *system_data_dirs = g_getenv ("HERALD_TEST_SYSTEM_DATA_DIRS");
  int status;

  /* A test in a process of its own inherits the isolated data dirs of its parent, which hide
   * the system's icons and MIME database; give it the ones the parent started with. */
  if (system_data_dirs != NULL)
    g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  else
    g_setenv ("HERALD_TEST_SYSTEM_DATA_DIRS",
              g_getenv ("XDG_DATA_DIRS") != NULL ? g_getenv ("XDG_DATA_DIRS")
                                                 : "/usr/local/share:/usr/share",
              TRUE);

  test_ui_init (&argc, &argv);

  g_test_add_func ("/herald/ui/round/metrics", test_metrics);
  g_test_add_func ("/herald/ui/round/new-comments-notification", test_new_comments);

  status = g_test_run ();
  g_object_unref (test_app);

  return status;
}
