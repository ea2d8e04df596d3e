/* test-changes-view.c: the Changes view opened from the window: changes per channel, Check
 * showing problems under their rows, Discard with Undo, and a change file under review
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-mastodon.h"
#include "hd-test-ui.h"

#include "changes/hd-changes-window.h"
#include "hd-change-set.h"
#include "hd-channels.h"
#include "hd-fake-mastodon.h"
#include "hd-store-changes.h"
#include "hd-store-channels.h"
#include "hd-store-posts.h"

/* 2031-05-04 09:30 UTC: far enough ahead that the sender never finds it due. */
#define LATER G_GINT64_CONSTANT (1935653400)

static HdChannel *
add_channel (HdChannelKind   kind,
             const char     *name,
             const char     *handle,
             HdChannelState  state)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_handle (channel, handle);
  hd_channel_set_base_url (channel, "https://example.social");
  hd_channel_set_remote_account_id (channel, "1");
  hd_channel_set_state (channel, state);
  g_assert_true (hd_store_save_channel (hd_application_get_store (test_app), channel, &error));
  g_assert_no_error (error);

  return channel;
}

static char *
schedule_post_at (const char *text,
                  HdChannel  *channel,
                  gint64      at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, at);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
  hd_post_add_variant (post, variant);
  g_assert_true (hd_store_save_post (hd_application_get_store (test_app), post, &error));
  g_assert_no_error (error);

  return g_strdup (hd_post_get_id (post));
}

static char *
schedule_post (const char *text,
               HdChannel  *channel)
{
  return schedule_post_at (text, channel, LATER);
}

/* The id of the change waiting for @post_id, or NULL. */
static char *
change_of (const char *post_id)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;

  changes = hd_store_describe_changes (hd_application_get_store (test_app), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->len; i++)
    {
      HdChangeSummary *change = g_ptr_array_index (changes, i);

      if (g_str_equal (change->post_id, post_id))
        return g_strdup (change->change_id);
    }

  return NULL;
}

static HdPostState
post_state (const char *post_id)
{
  g_autoptr(HdPost) post = hd_store_load_post (hd_application_get_store (test_app), post_id,
                                               NULL);

  g_assert_nonnull (post);

  return hd_post_get_state (post);
}

static gboolean
has_label_containing (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_button_for (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_for (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static HdChangesWindow *
open_changes (HdWindow *window)
{
  HdChangesWindow *changes;
  GtkWidget *button = find_button_for (GTK_WIDGET (window), "win.show-changes");

  /* The header's "N changes to send" button. */
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  test_iterate ();
  changes = HD_CHANGES_WINDOW (test_find_toplevel (HD_TYPE_CHANGES_WINDOW));
  g_assert_nonnull (changes);

  return changes;
}

static const char *
group_title_of (GtkWidget *row)
{
  GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

  g_assert_nonnull (group);

  return adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group));
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

static void
test_empty (void)
{
  HdChangesWindow *changes;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  window = test_open_window ();
  changes = open_changes (window);

  g_assert_cmpstr (hd_changes_window_get_page (changes), ==, "empty");
  g_assert_true (has_label (GTK_WIDGET (changes), "Nothing to send"));

  /* Asking again brings the same view forward. */
  g_assert_true (open_changes (window) == changes);

  test_close_all ();
}

static void
test_lists_per_channel_and_checks (void)
{
  g_autoptr(HdChannel) mastodon = NULL;
  g_autoptr(HdChannel) bluesky = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *short_post = NULL;
  g_autofree char *long_post = NULL;
  g_autofree char *waiting_post = NULL;
  g_autofree char *short_change = NULL;
  g_autofree char *long_change = NULL;
  g_autofree char *waiting_change = NULL;
  HdChangesWindow *changes;
  HdWindow *window;
  const char *problems;

  test_open_workspace (HD_WORKSPACE_OWN);
  mastodon = add_channel (HD_CHANNEL_KIND_MASTODON, "Shop toots", "@shop@example.social",
                          HD_CHANNEL_STATE_CONNECTED);
  bluesky = add_channel (HD_CHANNEL_KIND_BLUESKY, "Shop sky", "shop.bsky.social",
                         HD_CHANNEL_STATE_NEEDS_RECONNECT);
  for (guint i = 0; i < 60; i++)
    g_string_append (long_text, "Sourdough! ");
  short_post = schedule_post ("Tulips are in", mastodon);
  long_post = schedule_post (long_text->str, mastodon);
  waiting_post = schedule_post ("Open late on Friday", bluesky);
  short_change = change_of (short_post);
  long_change = change_of (long_post);
  waiting_change = change_of (waiting_post);

  window = test_open_window ();
  changes = open_changes (window);
  g_assert_cmpstr (hd_changes_window_get_page (changes), ==, "list");

  /* Each change sits under its channel. */
  g_assert_cmpstr (group_title_of (hd_changes_window_find_row (changes, short_change)), ==,
                   "Shop toots");
  g_assert_cmpstr (group_title_of (hd_changes_window_find_row (changes, long_change)), ==,
                   "Shop toots");
  g_assert_cmpstr (group_title_of (hd_changes_window_find_row (changes, waiting_change)), ==,
                   "Shop sky");
  g_assert_true (has_label (hd_changes_window_find_row (changes, short_change), "Tulips are in"));
  g_assert_true (has_label (hd_changes_window_find_row (changes, short_change), "added"));
  g_assert_null (hd_changes_window_get_problems (changes, long_change));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (changes), "changes.check", NULL));
  test_iterate ();

  /* Problems show under their rows; a good change shows none. */
  g_assert_null (hd_changes_window_get_problems (changes, short_change));
  problems = hd_changes_window_get_problems (changes, long_change);
  g_assert_nonnull (problems);
  g_assert_true (gtk_widget_get_visible (hd_changes_window_find_row (changes, long_change)));

  /* A channel that needs reconnecting says so once, at the top of its group. */
  g_assert_true (has_label (gtk_widget_get_ancestor (hd_changes_window_find_row (changes,
                                                                                 waiting_change),
                                                     ADW_TYPE_PREFERENCES_GROUP),
                            "Reconnect Bluesky (shop.bsky.social) before sending."));
  g_assert_false (has_label (gtk_widget_get_ancestor (hd_changes_window_find_row (changes,
                                                                                  short_change),
                                                      ADW_TYPE_PREFERENCES_GROUP),
                             "Reconnect Bluesky (shop.bsky.social) before sending."));
  g_assert_null (hd_changes_window_get_problems (changes, waiting_change));

  test_close_all ();
}

static void
test_discard_and_undo (void)
{
  g_autoptr(HdChannel) mastodon = NULL;
  g_autofree char *post_id = NULL;
  g_autofree char *change_id = NULL;
  HdChangesWindow *changes;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  mastodon = add_channel (HD_CHANNEL_KIND_MASTODON, "Discard toots", "@discard@example.social",
                          HD_CHANNEL_STATE_CONNECTED);
  post_id = schedule_post ("A post to think over", mastodon);
  change_id = change_of (post_id);

  window = test_open_window ();
  changes = open_changes (window);
  g_assert_nonnull (hd_changes_window_find_row (changes, change_id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (changes), "changes.discard", "s",
                                             change_id));
  test_iterate ();
  g_assert_null (hd_changes_window_find_row (changes, change_id));
  g_assert_cmpint (post_state (post_id), ==, HD_POST_STATE_DRAFT);
  g_assert_true (has_label (GTK_WIDGET (changes),
                            "Change discarded: the post is kept as a draft"));

  /* The toast's Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (changes), "changes.undo-discard",
                                             NULL));
  test_iterate ();
  g_assert_nonnull (hd_changes_window_find_row (changes, change_id));
  g_assert_cmpint (post_state (post_id), ==, HD_POST_STATE_SCHEDULED);

  test_close_all ();
}

static void
test_review_file (void)
{
  g_autoptr(HdChannel) mastodon = NULL;
  g_autoptr(HdChannel) linkedin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *post_id = NULL;
  g_autofree char *change_id = NULL;
  g_autofree char *accepted_change = NULL;
  g_autofree char *gone_post = NULL;
  HdStore *store;
  HdChangesWindow *changes;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  store = hd_application_get_store (test_app);
  mastodon = add_channel (HD_CHANNEL_KIND_MASTODON, "Review toots", "@review@example.social",
                          HD_CHANNEL_STATE_CONNECTED);
  linkedin = add_channel (HD_CHANNEL_KIND_LINKEDIN, "Review page", "review-page",
                          HD_CHANNEL_STATE_CONNECTED);
  post_id = schedule_post ("Prepared by the weekend help", mastodon);
  gone_post = schedule_post ("For a page this computer will not have", linkedin);
  change_id = change_of (post_id);

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  path = g_build_filename (g_get_user_data_dir (), "weekend.json", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (hd_change_set_export_to_file (store, NULL, file, NULL, NULL, &error));
  g_assert_no_error (error);

  /* This computer never had the LinkedIn page, nor the prepared change. */
  g_assert_true (hd_store_discard_change (store, change_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_delete_channel (store, hd_channel_get_id (linkedin), &error));
  g_assert_no_error (error);

  window = test_open_window ();
  changes = open_changes (window);
  hd_changes_window_review_file (changes, file);
  test_iterate ();
  g_assert_cmpstr (hd_changes_window_get_page (changes), ==, "review");
  g_assert_true (has_label (GTK_WIDGET (changes), "Not connected here"));
  g_assert_cmpint (post_state (post_id), ==, HD_POST_STATE_DRAFT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (changes), "changes.accept-all", NULL));
  test_iterate ();
  g_assert_true (has_label (GTK_WIDGET (changes), "Accepted"));
  g_assert_cmpint (post_state (post_id), ==, HD_POST_STATE_SCHEDULED);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (changes), "changes.close-review",
                                             NULL));
  test_iterate ();
  g_assert_cmpstr (hd_changes_window_get_page (changes), ==, "list");
  accepted_change = change_of (post_id);
  g_assert_nonnull (accepted_change);

  test_close_all ();
}

static void
test_hostile_file_changes_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  HdChangesWindow *changes;
  HdWindow *window;
  guint before = 0;
  guint after = 0;

  test_open_workspace (HD_WORKSPACE_OWN);
  g_assert_true (hd_store_count_posts (hd_application_get_store (test_app), &before, NULL));
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  path = g_build_filename (g_get_user_data_dir (), "broken.json", NULL);
  g_file_set_contents (path, "{\"format\":\"herald-changes\",\"version\":1,\"changes\":[{}]}",
                       -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  window = test_open_window ();
  changes = open_changes (window);
  hd_changes_window_review_file (changes, file);
  test_iterate ();

  g_assert_cmpstr (hd_changes_window_get_page (changes), !=, "review");
  g_assert_true (has_label (GTK_WIDGET (changes),
                            "This is not a change file Herald can read: change 1 is incomplete "
                            "or damaged. Nothing was imported."));
  g_assert_true (hd_store_count_posts (hd_application_get_store (test_app), &after, NULL));
  g_assert_cmpuint (before, ==, after);

  test_close_all ();
}

static const char *
state_of (const char *change_id)
{
  static char state[32];
  g_autoptr(HdChangeSummary) change = NULL;

  change = hd_store_describe_change (hd_application_get_store (test_app), change_id, NULL);
  if (change == NULL)
    return "gone";
  g_strlcpy (state, change->state, sizeof state);

  return state;
}

/* A refusal stays listed with the platform's reason and Retry; once retried and sent, the row
 * leaves the list and its result shows under Sent. */
static void
test_send_results (void)
{
  g_autoptr(HdFakeMastodon) fake = hd_fake_mastodon_new ();
  g_autoptr(HdChannel) channel = NULL;
  g_autofree char *post_id = NULL;
  g_autofree char *change_id = NULL;
  HdChangesWindow *changes;
  HdWindow *window;

  if (!g_network_monitor_get_network_available (g_network_monitor_get_default ()))
    {
      /* The sender waits for the network by design; without one there is nothing to see. */
      g_test_skip ("No network according to GNetworkMonitor");
      return;
    }

  test_open_workspace (HD_WORKSPACE_OWN);
  channel = hd_test_connect_mastodon (test_app, fake);
  window = test_open_window ();
  changes = open_changes (window);

  hd_fake_server_add_fault (fake->server, "POST", "/api/v1/statuses", HD_FAKE_FAULT_STATUS, 422,
                            "{\"error\":\"Validation failed: Text has already been posted\"}",
                            NULL, 0);
  post_id = schedule_post_at ("Due right now", channel, g_get_real_time () / G_USEC_PER_SEC);
  change_id = change_of (post_id);

  /* The outbox change starts a round by itself; the refusal is listed with its reason. */
  test_wait_until (g_strcmp0 (state_of (change_id), HD_CHANGE_STATE_FAILED) == 0, 20);
  test_wait_until (!hd_application_get_sending (test_app), 10);
  g_assert_nonnull (hd_changes_window_find_row (changes, change_id));
  g_assert_true (has_label_containing (hd_changes_window_find_row (changes, change_id),
                                       "Text has already been posted"));
  g_assert_nonnull (find_button_for (hd_changes_window_find_row (changes, change_id),
                                     "changes.retry"));
  g_assert_nonnull (find_button_for (hd_changes_window_find_row (changes, change_id),
                                     "changes.edit"));
  g_assert_cmpuint (fake->statuses->len, ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (changes), "changes.retry", "s",
                                             change_id));
  test_wait_until (g_strcmp0 (state_of (change_id), "gone") == 0, 20);
  test_wait_until (!hd_application_get_sending (test_app), 10);
  g_assert_cmpuint (fake->statuses->len, ==, 1);
  g_assert_null (hd_changes_window_find_row (changes, change_id));
  g_assert_true (has_label (GTK_WIDGET (changes), "Sent"));
  g_assert_true (has_label (GTK_WIDGET (changes), "Due right now"));

  test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_ui_init (&argc, &argv);

  g_test_add_func ("/herald/ui/changes/empty", test_empty);
  g_test_add_func ("/herald/ui/changes/per-channel-and-check", test_lists_per_channel_and_checks);
  g_test_add_func ("/herald/ui/changes/discard-and-undo", test_discard_and_undo);
  g_test_add_func ("/herald/ui/changes/review-file", test_review_file);
  g_test_add_func ("/herald/ui/changes/hostile-file", test_hostile_file_changes_nothing);
  g_test_add_func ("/herald/ui/changes/send-results", test_send_results);

  status = g_test_run ();
  g_object_unref (test_app);

  return status;
}
