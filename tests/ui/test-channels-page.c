/* test-channels-page.c: the Channels page, its wizard against the fake platforms, posting
 * times and removing an account.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-ui.h"

#include "channels/hd-channel-row.h"
#include "channels/hd-channel-wizard-private.h"
#include "channels/hd-channels-page.h"
#include "channels/hd-posting-times-dialog.h"
#include "hd-channel-connect.h"
#include "hd-fake-bluesky.h"
#include "hd-fake-mastodon.h"
#include "hd-secrets.h"
#include "hd-store-channels.h"
#include "hd-store-posts.h"
#include "hd-store-queue.h"

static HdChannelsPage *
show_channels (HdWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "channels"));
  test_iterate ();

  return HD_CHANNELS_PAGE (hd_window_get_page (window, "channels"));
}

static HdChannel *
add_channel (HdChannelKind   kind,
             const char     *name,
             const char     *handle,
             HdChannelState  state,
             gint64          expires_at)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_handle (channel, handle);
  hd_channel_set_state (channel, state);
  hd_channel_set_token_expires_at (channel, expires_at);
  g_assert_true (hd_store_save_channel (hd_application_get_store (test_app), channel, &error));
  g_assert_no_error (error);

  return channel;
}

static HdChannelRow *
get_row (HdChannelsPage *page,
         HdChannel      *channel)
{
  GtkWidget *row = hd_channels_page_get_row (page, hd_channel_get_id (channel));

  g_assert_nonnull (row);

  return HD_CHANNEL_ROW (row);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
lookup_secret (const char   *channel_id,
               HdSecretKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  hd_secrets_lookup_async (channel_id, kind, NULL, store_result, &result);
  test_wait_until (result != NULL, 10);
  secret = hd_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);

  return secret;
}

static void
test_states (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(HdChannel) connected = NULL;
  g_autoptr(HdChannel) expiring = NULL;
  g_autoptr(HdChannel) broken = NULL;
  HdChannelsPage *page;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  connected = add_channel (HD_CHANNEL_KIND_MASTODON, "Hazel & Hound", "@hazel@example.social",
                           HD_CHANNEL_STATE_CONNECTED, 0);
  expiring = add_channel (HD_CHANNEL_KIND_BLUESKY, "Hazel on Bluesky", "@hazel.bsky.social",
                          HD_CHANNEL_STATE_CONNECTED, now + 3 * 24 * 60 * 60);
  broken = add_channel (HD_CHANNEL_KIND_MASTODON, "Old shop", "@shop@example.social",
                        HD_CHANNEL_STATE_NEEDS_RECONNECT, 0);

  window = test_open_window ();
  page = show_channels (window);
  g_assert_cmpuint (hd_channels_page_get_n_rows (page), ==, 3);

  g_assert_cmpstr (hd_channel_row_get_state_text (get_row (page, connected)), ==, "Connected");
  g_assert_false (hd_channel_row_get_offers_reconnect (get_row (page, connected)));

  g_assert_cmpstr (hd_channel_row_get_state_text (get_row (page, expiring)), ==,
                   "Expiring soon");
  g_assert_true (hd_channel_row_get_offers_reconnect (get_row (page, expiring)));

  g_assert_cmpstr (hd_channel_row_get_state_text (get_row (page, broken)), ==,
                   "Needs reconnect");
  g_assert_true (hd_channel_row_get_offers_reconnect (get_row (page, broken)));

  /* A channel marked for reconnecting elsewhere (the sender) shows up at once. */
  hd_channel_set_state (connected, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  g_assert_true (hd_store_save_channel (hd_application_get_store (test_app), connected, NULL));
  test_iterate ();
  g_assert_cmpstr (hd_channel_row_get_state_text (get_row (page, connected)), ==,
                   "Needs reconnect");

  test_close_all ();
}

static void
test_sample_states (void)
{
  g_autoptr(GListModel) channels = NULL;
  HdChannelsPage *page;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_SAMPLE);
  window = test_open_window ();
  page = show_channels (window);

  channels = hd_store_list_channels (hd_application_get_store (test_app), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (channels), >, 0);
  g_assert_cmpuint (hd_channels_page_get_n_rows (page), ==, g_list_model_get_n_items (channels));
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      g_assert_cmpstr (hd_channel_row_get_state_text (get_row (page, channel)), ==,
                       "Sample channel, not connected");
      g_assert_false (hd_channel_row_get_offers_reconnect (get_row (page, channel)));
    }

  /* Nobody connects a real account into the made-up workspace, and nothing is sent. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "channels.add", NULL) &&
                  test_find_toplevel (HD_TYPE_CHANNEL_WIZARD) != NULL);
  g_assert_null (hd_application_get_sender (test_app));

  test_close_all ();
}

static HdChannelWizard *
open_wizard (HdChannelsPage *page)
{
  HdChannelWizard *wizard;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "channels.add", NULL));
  test_iterate ();
  wizard = HD_CHANNEL_WIZARD (test_find_toplevel (HD_TYPE_CHANNEL_WIZARD));
  g_assert_nonnull (wizard);
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "platform");

  return wizard;
}

static void
fill_bluesky (HdChannelWizard *wizard,
              HdFakeBluesky   *fake,
              const char      *password)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.choose", "s",
                                             "bluesky"));
  test_iterate ();
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "bluesky");
  /* bsky.social is offered until the user names another server. */
  g_assert_cmpstr (gtk_editable_get_text (_hd_channel_wizard_get_entry (wizard, "server")), ==,
                   "bsky.social");

  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "server"),
                         hd_fake_bluesky_get_url (fake));
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "identifier"),
                         HD_FAKE_BLUESKY_HANDLE);
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "password"), password);
}

static void
test_bluesky_wizard (void)
{
  g_autoptr(HdFakeBluesky) fake = hd_fake_bluesky_new ();
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autofree char *secret = NULL;
  HdChannelWizard *wizard;
  HdChannelsPage *page;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  window = test_open_window ();
  page = show_channels (window);
  g_assert_cmpuint (hd_channels_page_get_n_rows (page), ==, 0);

  wizard = open_wizard (page);
  fill_bluesky (wizard, fake, HD_FAKE_BLUESKY_APP_PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.connect-bluesky",
                                             NULL));
  g_assert_true (hd_channel_wizard_get_busy (wizard));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "done") == 0, 20);

  channel = g_object_ref (hd_channel_wizard_get_channel (wizard));
  g_assert_cmpint (hd_channel_get_kind (channel), ==, HD_CHANNEL_KIND_BLUESKY);
  g_assert_cmpint (hd_channel_get_state (channel), ==, HD_CHANNEL_STATE_CONNECTED);

  /* The account is listed, connected, and its password is in the keyring only. */
  channels = hd_store_list_channels (hd_application_get_store (test_app), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 1);
  g_assert_cmpuint (hd_channels_page_get_n_rows (page), ==, 1);
  g_assert_cmpstr (hd_channel_row_get_state_text (get_row (page, channel)), ==, "Connected");
  secret = lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_APP_PASSWORD);
  g_assert_cmpstr (secret, ==, HD_FAKE_BLUESKY_APP_PASSWORD);

  test_close_all ();
}

static void
test_bluesky_wrong_password (void)
{
  g_autoptr(HdFakeBluesky) fake = hd_fake_bluesky_new ();
  g_autoptr(GListModel) channels = NULL;
  HdChannelWizard *wizard;
  HdChannelsPage *page;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  window = test_open_window ();
  page = show_channels (window);

  wizard = open_wizard (page);
  fill_bluesky (wizard, fake, "wrong-pass-word-here");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.connect-bluesky",
                                             NULL));
  test_wait_until (!hd_channel_wizard_get_busy (wizard), 20);

  /* The core's sentence is shown where the user typed, and what they typed stays. */
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "bluesky");
  g_assert_nonnull (hd_channel_wizard_get_error (wizard));
  g_assert_cmpuint (strlen (hd_channel_wizard_get_error (wizard)), >, 10);
  g_assert_cmpstr (gtk_editable_get_text (_hd_channel_wizard_get_entry (wizard, "identifier")),
                   ==, HD_FAKE_BLUESKY_HANDLE);
  g_assert_cmpstr (gtk_editable_get_text (_hd_channel_wizard_get_entry (wizard, "password")),
                   ==, "wrong-pass-word-here");
  g_assert_cmpstr (gtk_editable_get_text (_hd_channel_wizard_get_entry (wizard, "server")), ==,
                   hd_fake_bluesky_get_url (fake));

  channels = hd_store_list_channels (hd_application_get_store (test_app), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 0);

  /* Fixing the one field is enough. */
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "password"),
                         HD_FAKE_BLUESKY_APP_PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.connect-bluesky",
                                             NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "done") == 0, 20);
  g_assert_null (hd_channel_wizard_get_error (wizard));

  test_close_all ();
}

typedef struct
{
  SoupSession     *session;
  char            *uri;
  guint            pages_loaded;
  HdChannelWizard *wizard;
  char            *step_when_opened;
} Browser;

static void
on_page_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Browser *browser = user_data;
  g_autoptr(GBytes) page = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                             NULL);

  browser->pages_loaded++;
}

/* The test plays the browser: it follows the authorization URL, whose redirect lands on
 * Herald's loopback listener. */
static void
play_browser (const char *uri,
              gpointer    user_data)
{
  Browser *browser = user_data;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  g_free (browser->uri);
  browser->uri = g_strdup (uri);
  /* What the wizard shows while the user is away in the browser; read now, since the
   * whole sign-in may be over by the time the test looks again. */
  if (browser->wizard != NULL)
    {
      g_free (browser->step_when_opened);
      browser->step_when_opened = g_strdup (hd_channel_wizard_get_step (browser->wizard));
    }
  soup_session_send_and_read_async (browser->session, message, G_PRIORITY_DEFAULT, NULL,
                                    on_page_loaded, browser);
}

static void
test_mastodon_wizard (void)
{
  g_autoptr(HdFakeMastodon) fake = hd_fake_mastodon_new ();
  Browser browser = { soup_session_new (), NULL, 0, NULL, NULL };
  g_autofree char *token = NULL;
  HdChannelWizard *wizard;
  HdChannelsPage *page;
  HdChannel *channel;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  hd_application_set_open_uri_func (test_app, play_browser, &browser);
  window = test_open_window ();
  page = show_channels (window);

  wizard = open_wizard (page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.choose", "s",
                                             "mastodon"));
  test_iterate ();

  /* An address that is no server is refused before anything leaves. */
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "instance"), "not a server");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.sign-in", NULL));
  test_iterate ();
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "mastodon");
  g_assert_nonnull (hd_channel_wizard_get_error (wizard));
  g_assert_null (browser.uri);

  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "instance"),
                         hd_fake_mastodon_get_url (fake));
  g_assert_null (hd_channel_wizard_get_error (wizard));
  browser.wizard = wizard;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.sign-in", NULL));

  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "done") == 0, 20);
  g_assert_nonnull (browser.uri);
  g_assert_cmpstr (browser.step_when_opened, ==, "mastodon-browser");
  g_assert_true (g_str_has_prefix (browser.uri, hd_fake_mastodon_get_url (fake)));
  g_assert_cmpuint (fake->apps_registered, ==, 1);

  channel = hd_channel_wizard_get_channel (wizard);
  g_assert_nonnull (channel);
  g_assert_cmpint (hd_channel_get_kind (channel), ==, HD_CHANNEL_KIND_MASTODON);
  g_assert_cmpuint (hd_channels_page_get_n_rows (page), ==, 1);
  g_assert_cmpstr (hd_channel_row_get_state_text (get_row (page, channel)), ==, "Connected");
  token = lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN);
  g_assert_cmpstr (token, ==, fake->access_token);

  test_wait_until (browser.pages_loaded > 0, 10);
  hd_application_set_open_uri_func (test_app, NULL, NULL);
  test_close_all ();
  g_object_unref (browser.session);
  g_free (browser.uri);
  g_free (browser.step_when_opened);
}

static void
test_posting_times (void)
{
  g_autoptr(HdChannel) channel = NULL;
  g_autofree char *saved = NULL;
  g_auto(GStrv) times = NULL;
  const char *new_times[] = { "9:30", "13:00", NULL };
  HdPostingTimesDialog *dialog;
  HdChannelsPage *page;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  channel = add_channel (HD_CHANNEL_KIND_MASTODON, "Hazel & Hound", "@hazel@example.social",
                         HD_CHANNEL_STATE_CONNECTED, 0);
  window = test_open_window ();
  page = show_channels (window);
  g_assert_cmpstr (hd_channel_row_get_posting_times (get_row (page, channel)), ==, "");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_row (page, channel)),
                                             "row.posting-times", NULL));
  test_iterate ();
  dialog = HD_POSTING_TIMES_DIALOG (test_find_toplevel (HD_TYPE_POSTING_TIMES_DIALOG));
  g_assert_nonnull (dialog);

  /* Monday to Friday, twice a day. */
  hd_posting_times_dialog_set_days (dialog, (1 << G_DATE_MONDAY) | (1 << G_DATE_TUESDAY) |
                                            (1 << G_DATE_WEDNESDAY) | (1 << G_DATE_THURSDAY) |
                                            (1 << G_DATE_FRIDAY));
  hd_posting_times_dialog_set_times (dialog, new_times);
  g_assert_cmpstr (hd_posting_times_dialog_get_summary (dialog), ==, "Mon–Fri 09:30 and 13:00");

  /* A time that cannot be read stops the saving and says so. */
  {
    const char *bad[] = { "9:30", "25:00", NULL };

    hd_posting_times_dialog_set_times (dialog, bad);
    g_assert_null (hd_posting_times_dialog_get_summary (dialog));
    g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "posting-times.save",
                                                NULL) &&
                    test_find_toplevel (HD_TYPE_POSTING_TIMES_DIALOG) == NULL);
    hd_posting_times_dialog_set_times (dialog, new_times);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "posting-times.save", NULL));
  test_iterate ();
  g_assert_null (test_find_toplevel (HD_TYPE_POSTING_TIMES_DIALOG));

  saved = hd_store_get_queue_slots (hd_application_get_store (test_app),
                                    hd_channel_get_id (channel), NULL);
  g_assert_cmpstr (saved, ==, "Mon–Fri 09:30 and 13:00");
  g_assert_cmpstr (hd_channel_row_get_posting_times (get_row (page, channel)), ==,
                   "Mon–Fri 09:30 and 13:00");

  /* Opening the editor again shows what was saved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_row (page, channel)),
                                             "row.posting-times", NULL));
  test_iterate ();
  dialog = HD_POSTING_TIMES_DIALOG (test_find_toplevel (HD_TYPE_POSTING_TIMES_DIALOG));
  times = hd_posting_times_dialog_dup_times (dialog);
  g_assert_cmpuint (g_strv_length (times), ==, 2);
  g_assert_cmpstr (times[0], ==, "09:30");
  g_assert_cmpstr (times[1], ==, "13:00");
  g_assert_cmpuint (hd_posting_times_dialog_get_days (dialog), ==, 0x3e);

  test_close_all ();
}

static void
test_remove (void)
{
  HdStore *store;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdChannel) other = NULL;
  g_autoptr(HdPost) only = hd_post_new ();
  g_autoptr(HdPost) both = hd_post_new ();
  g_autoptr(HdVariant) v1 = hd_variant_new ();
  g_autoptr(HdVariant) v2 = hd_variant_new ();
  g_autoptr(HdVariant) v3 = hd_variant_new ();
  g_autoptr(HdPost) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 later = g_get_real_time () / G_USEC_PER_SEC + 7 * 24 * 60 * 60;
  AdwMessageDialog *dialog;
  HdChannelsPage *page;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  store = hd_application_get_store (test_app);
  channel = add_channel (HD_CHANNEL_KIND_MASTODON, "Hazel & Hound", "@hazel@example.social",
                         HD_CHANNEL_STATE_CONNECTED, 0);
  other = add_channel (HD_CHANNEL_KIND_BLUESKY, "Hazel on Bluesky", "@hazel.bsky.social",
                       HD_CHANNEL_STATE_CONNECTED, 0);

  hd_post_set_text (only, "Only for Mastodon");
  hd_post_set_state (only, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (only, later);
  hd_post_set_time_zone (only, "Europe/London");
  hd_variant_set_channel_id (v1, hd_channel_get_id (channel));
  hd_post_add_variant (only, v1);
  g_assert_true (hd_store_save_post (store, only, &error));
  g_assert_no_error (error);

  hd_post_set_text (both, "For both");
  hd_post_set_state (both, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (both, later);
  hd_post_set_time_zone (both, "Europe/London");
  hd_variant_set_channel_id (v2, hd_channel_get_id (channel));
  hd_variant_set_channel_id (v3, hd_channel_get_id (other));
  hd_post_add_variant (both, v2);
  hd_post_add_variant (both, v3);
  g_assert_true (hd_store_save_post (store, both, &error));
  g_assert_no_error (error);

  window = test_open_window ();
  page = show_channels (window);

  /* Asked first; cancelling keeps everything. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_row (page, channel)), "row.remove",
                                             NULL));
  test_iterate ();
  dialog = ADW_MESSAGE_DIALOG (test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Hazel & Hound"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "drafts"));
  adw_message_dialog_response (dialog, "cancel");
  test_iterate ();
  g_assert_cmpuint (hd_channels_page_get_n_rows (page), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_row (page, channel)), "row.remove",
                                             NULL));
  test_iterate ();
  dialog = ADW_MESSAGE_DIALOG (test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "remove");
  test_wait_until (hd_channels_page_get_n_rows (page) == 1, 10);

  g_assert_null (hd_store_load_channel (store, hd_channel_get_id (channel), NULL));

  /* The post that was only for it is kept as a draft; the other still goes to Bluesky. */
  loaded = hd_store_load_post (store, hd_post_get_id (only), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_DRAFT);
  g_assert_cmpstr (hd_post_get_text (loaded), ==, "Only for Mastodon");
  g_clear_object (&loaded);
  loaded = hd_store_load_post (store, hd_post_get_id (both), &error);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_SCHEDULED);
  g_assert_nonnull (hd_post_find_variant (loaded, hd_channel_get_id (other)));

  test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_ui_init (&argc, &argv);

  g_test_add_func ("/herald/ui/channels/states", test_states);
  g_test_add_func ("/herald/ui/channels/sample-states", test_sample_states);
  g_test_add_func ("/herald/ui/channels/bluesky-wizard", test_bluesky_wizard);
  g_test_add_func ("/herald/ui/channels/bluesky-wrong-password", test_bluesky_wrong_password);
  g_test_add_func ("/herald/ui/channels/mastodon-wizard", test_mastodon_wizard);
  g_test_add_func ("/herald/ui/channels/posting-times", test_posting_times);
  g_test_add_func ("/herald/ui/channels/remove", test_remove);

  status = g_test_run ();
  g_object_unref (test_app);

  return status;
}
