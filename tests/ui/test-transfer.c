/* test-transfer.c: importing posts from CSV, exporting the calendar, and the sender that
 * takes a post from the composer to its channel.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-mastodon.h"
#include "hd-test-ui.h"

#include "channels/hd-channels-page.h"
#include "channels/hd-channel-row.h"
#include "composer/hd-composer-window.h"
#include "hd-channels.h"
#include "hd-fake-mastodon.h"
#include "hd-store-channels.h"
#include "hd-store-posts.h"
#include "transfer/hd-export-dialog.h"
#include "transfer/hd-import-dialog.h"

static HdChannel *
add_channel (HdChannelKind  kind,
             const char    *name)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  g_assert_true (hd_store_save_channel (hd_application_get_store (test_app), channel, &error));
  g_assert_no_error (error);

  return channel;
}

static GFile *
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static guint
count_posts (void)
{
  guint n = 0;

  g_assert_true (hd_store_count_posts (hd_application_get_store (test_app), &n, NULL));

  return n;
}

static void
test_import_good (void)
{
  g_autoptr(HdChannel) mastodon = NULL;
  g_autoptr(HdChannel) bluesky = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GListModel) posts = NULL;
  HdImportDialog *dialog;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  mastodon = add_channel (HD_CHANNEL_KIND_MASTODON, "Toots");
  bluesky = add_channel (HD_CHANNEL_KIND_BLUESKY, "Sky");
  file = write_file ("good.csv",
                     "date,time,zone,channels,text,labels\n"
                     "2031-05-04,09:30,Europe/London,mastodon;Sky,Fresh bread on Saturday,Bakes\n"
                     "2031-05-05,12:00,,Sky,Lunch specials,\n");
  window = test_open_window ();

  dialog = hd_import_dialog_new (GTK_WINDOW (window), hd_application_get_store (test_app), file,
                                 NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  test_iterate ();

  g_assert_null (hd_import_dialog_get_problem (dialog));
  g_assert_cmpstr (hd_import_dialog_get_summary (dialog), ==, "2 posts ready to import");
  /* Checking wrote nothing. */
  g_assert_cmpuint (count_posts (), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL));
  test_iterate ();
  g_assert_null (test_find_toplevel (HD_TYPE_IMPORT_DIALOG));
  g_assert_cmpuint (count_posts (), ==, 2);

  posts = hd_store_list_posts_in_state (hd_application_get_store (test_app),
                                        HD_POST_STATE_SCHEDULED, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 2);

  test_close_all ();
}

static void
test_import_bad_rows (void)
{
  g_autoptr(HdChannel) bluesky = NULL;
  g_autoptr(GFile) file = NULL;
  g_auto(GStrv) problems = NULL;
  HdImportDialog *dialog;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  bluesky = add_channel (HD_CHANNEL_KIND_BLUESKY, "Sky");
  file = write_file ("mixed.csv",
                     "date,time,zone,channels,text,labels\n"
                     "2031-05-04,09:30,,Sky,Fresh bread,\n"
                     "2031-05-04,25:00,,Sky,Bad time,\n"
                     "2031-05-06,10:00,,Sky,Scones,\n"
                     "2031-06-01,10:00,,Facebook,Unknown channel,\n");
  window = test_open_window ();

  /* Cancel: nothing is written. */
  dialog = hd_import_dialog_new (GTK_WINDOW (window), hd_application_get_store (test_app), file,
                                 NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  test_iterate ();
  g_assert_cmpstr (hd_import_dialog_get_summary (dialog), ==,
                   "2 posts ready to import, 2 rows have problems");
  problems = hd_import_dialog_dup_problems (dialog);
  g_assert_cmpuint (g_strv_length (problems), ==, 2);
  g_assert_true (g_str_has_prefix (problems[0], "Line 3: "));
  g_assert_nonnull (strstr (problems[0], "25:00"));
  g_assert_true (g_str_has_prefix (problems[1], "Line 5: "));
  g_assert_nonnull (strstr (problems[1], "Facebook"));
  g_assert_cmpuint (count_posts (), ==, 0);

  gtk_window_close (GTK_WINDOW (dialog));
  test_iterate ();
  g_assert_null (test_find_toplevel (HD_TYPE_IMPORT_DIALOG));
  g_assert_cmpuint (count_posts (), ==, 0);

  /* Accept: only the good rows go in. */
  dialog = hd_import_dialog_new (GTK_WINDOW (window), hd_application_get_store (test_app), file,
                                 NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL));
  test_iterate ();
  g_assert_cmpuint (count_posts (), ==, 2);

  test_close_all ();
}

static void
test_import_unreadable (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  HdImportDialog *dialog;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  file = write_file ("not-csv.csv", "\xff\xfe\x00 this is no text at all \x80\x81\n");
  window = test_open_window ();

  dialog = hd_import_dialog_new (GTK_WINDOW (window), hd_application_get_store (test_app), file,
                                 NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  test_iterate ();
  g_assert_nonnull (hd_import_dialog_get_problem (dialog));
  g_assert_null (hd_import_dialog_get_report (dialog));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL) &&
                  count_posts () > 0);
  g_assert_cmpuint (count_posts (), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  missing = g_file_new_for_path ("/nonexistent/herald/posts.csv");
  dialog = hd_import_dialog_new (GTK_WINDOW (window), hd_application_get_store (test_app),
                                 missing, NULL);
  g_assert_nonnull (hd_import_dialog_get_problem (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (count_posts (), ==, 0);

  test_close_all ();
}

static void
save_scheduled (HdChannel  *channel,
                const char *text,
                gint64      when)
{
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();
  g_autoptr(GError) error = NULL;

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, when);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_post_add_variant (post, variant);
  g_assert_true (hd_store_save_post (hd_application_get_store (test_app), post, &error));
  g_assert_no_error (error);
}

static char *
export_with_dialog (HdWindow       *window,
                    HdExportFormat  format,
                    const char     *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HdExportDialog *dialog;
  char *contents = NULL;

  dialog = hd_export_dialog_new (GTK_WINDOW (window), hd_application_get_store (test_app), 0,
                                 G_MAXINT64, NULL);
  hd_export_dialog_set_format (dialog, format);
  hd_export_dialog_set_file (dialog, file);
  gtk_window_present (GTK_WINDOW (dialog));
  test_iterate ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "export");
  test_iterate ();

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
test_export (void)
{
  g_autoptr(HdChannel) mastodon = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *ics = NULL;
  /* 2031-05-04 08:30 UTC */
  gint64 when = G_GINT64_CONSTANT (1935642600);
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  mastodon = add_channel (HD_CHANNEL_KIND_MASTODON, "Toots");
  save_scheduled (mastodon, "Fresh bread on Saturday", when);
  save_scheduled (mastodon, "Scones, warm", when + 86400);
  window = test_open_window ();

  csv = export_with_dialog (window, HD_EXPORT_FORMAT_CSV, "posts.csv");
  g_assert_true (g_str_has_prefix (csv, "date,"));
  g_assert_nonnull (strstr (csv, "Fresh bread on Saturday"));
  g_assert_nonnull (strstr (csv, "\"Scones, warm\""));
  g_assert_nonnull (strstr (csv, "2031-05-04"));

  ics = export_with_dialog (window, HD_EXPORT_FORMAT_ICS, "calendar.ics");
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR"));
  g_assert_nonnull (strstr (ics, "Fresh bread on Saturday"));
  g_assert_nonnull (strstr (ics, "Scones\\, warm"));
  g_assert_nonnull (strstr (ics, "BEGIN:VEVENT"));
  g_assert_nonnull (strstr (strstr (ics, "BEGIN:VEVENT") + 1, "BEGIN:VEVENT"));

  /* What the toast counts is what the file holds. */
  {
    g_autofree char *path = g_build_filename (g_get_user_data_dir (), "again.ics", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    guint n = 0;

    g_assert_true (hd_export_write_file (hd_application_get_store (test_app),
                                         HD_EXPORT_FORMAT_ICS, 0, G_MAXINT64, file, &n,
                                         &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 2);
  }

  test_close_all ();
}

/* Sending */

static void
on_sending (gboolean *seen)
{
  if (hd_application_get_sending (test_app))
    *seen = TRUE;
}

static gboolean
has_label_prefix (GtkWidget  *widget,
                  const char *prefix)
{
  if (GTK_IS_LABEL (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_prefix (child, prefix))
      return TRUE;

  return FALSE;
}

static char *
publish_now (const char *text)
{
  HdComposerWindow *composer;
  char *post_id;

  g_action_group_activate_action (G_ACTION_GROUP (test_app), "new-post", NULL);
  test_iterate ();
  composer = HD_COMPOSER_WINDOW (test_find_toplevel (HD_TYPE_COMPOSER_WINDOW));
  g_assert_nonnull (composer);
  hd_composer_window_set_text (composer, text);
  post_id = g_strdup (hd_composer_window_get_post_id (composer));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (composer), "composer.publish-now",
                                             NULL));
  test_iterate ();
  g_assert_null (test_find_toplevel (HD_TYPE_COMPOSER_WINDOW));

  return post_id;
}

static HdPostState
post_state (const char *post_id)
{
  g_autoptr(HdPost) post = hd_store_load_post (hd_application_get_store (test_app), post_id,
                                               NULL);

  return post != NULL ? hd_post_get_state (post) : HD_POST_STATE_IDEA;
}

static void
test_send_after_publish_now (void)
{
  g_autoptr(HdFakeMastodon) fake = hd_fake_mastodon_new ();
  g_autoptr(HdChannel) channel = NULL;
  g_autofree char *post_id = NULL;
  g_autofree char *failing_id = NULL;
  gboolean seen_sending = FALSE;
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
  g_signal_connect_swapped (test_app, "notify::sending", G_CALLBACK (on_sending),
                            &seen_sending);

  post_id = publish_now ("Fresh sourdough, out of the oven now");

  /* Nobody presses anything: the outbox change starts a round. */
  test_wait_until (post_state (post_id) == HD_POST_STATE_PUBLISHED, 20);
  test_wait_until (!hd_application_get_sending (test_app), 10);
  g_assert_true (seen_sending);
  g_assert_cmpuint (fake->statuses->len, ==, 1);
  g_assert_cmpuint (hd_fake_server_count (fake->server, "POST", "/api/v1/statuses"), ==, 1);

  /* A refusal comes back as a toast naming the channel and the platform's reason. */
  hd_fake_server_add_fault (fake->server, "POST", "/api/v1/statuses", HD_FAKE_FAULT_STATUS, 422,
                            "{\"error\":\"Validation failed: Text is not allowed here\"}",
                            NULL, 0);
  failing_id = publish_now ("A post the server refuses");
  test_wait_until (post_state (failing_id) == HD_POST_STATE_NEEDS_ATTENTION ||
                   post_state (failing_id) == HD_POST_STATE_FAILED, 20);
  test_wait_until (!hd_application_get_sending (test_app), 10);
  g_assert_true (has_label_prefix (GTK_WIDGET (window), "Could not post to "));
  g_assert_cmpuint (fake->statuses->len, ==, 1);

  g_signal_handlers_disconnect_by_func (test_app, on_sending, &seen_sending);
  test_close_all ();
}

static void
test_sample_never_sends (void)
{
  test_open_workspace (HD_WORKSPACE_SAMPLE);
  g_assert_null (hd_application_get_sender (test_app));
  g_assert_false (hd_application_send_now (test_app));
  g_assert_false (hd_application_get_sending (test_app));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_ui_init (&argc, &argv);

  g_test_add_func ("/herald/ui/transfer/import-good", test_import_good);
  g_test_add_func ("/herald/ui/transfer/import-bad-rows", test_import_bad_rows);
  g_test_add_func ("/herald/ui/transfer/import-unreadable", test_import_unreadable);
  g_test_add_func ("/herald/ui/transfer/export", test_export);
  g_test_add_func ("/herald/ui/transfer/send-after-publish-now", test_send_after_publish_now);
  g_test_add_func ("/herald/ui/transfer/sample-never-sends", test_sample_never_sends);

  status = g_test_run ();
  g_object_unref (test_app);

  return status;
}
