/* test-sender-instagram.c: the sender keeps Instagram's media container on the outbox row
 * the moment it exists, so a retry after a restart publishes that container instead of
 * making a second one
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-channels.h"
#include "hd-fake-instagram.h"
#include "hd-sender.h"

/* A 1×1 JPEG. */
#define TEST_JPEG_BASE64 \
  "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////" \
  "////////////////////////////////////2wBDAf//////////////////////////////////////////" \
  "////////////////////////////////////////////wAARCAABAAEDASIAAhEBAxEB/8QAFAABAAAAAAAA" \
  "AAAAAAAAAAAAA//EABQQAQAAAAAAAAAAAAAAAAAAAAD/xAAUAQEAAAAAAAAAAAAAAAAAAAAA/8QAFBEBAAAA" \
  "AAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AP//Z"

typedef struct
{
  TestEnv          env;
  HdFakeInstagram *fake;
  SoupSession     *browser;
  gboolean         browser_done;
  HdChannel       *channel;
} Fixture;

static void
on_browser_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GBytes) page = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                             NULL);

  fixture->browser_done = TRUE;
}

static void
open_in_browser (const char *uri,
                 gpointer    user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    on_browser_done, fixture);
}

static HdChannel *
connect_account (Fixture *fixture)
{
  g_autoptr(HdInstagramConnect) connect = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *graph = hd_fake_facebook_get_graph_base (fixture->fake->facebook);
  g_autofree char *dialog = hd_fake_facebook_get_dialog_url (fixture->fake->facebook);

  connect = hd_instagram_connect_new (fixture->env.store, fixture->env.http);
  hd_instagram_connect_set_graph_base (connect, graph);
  hd_instagram_connect_set_authorization_endpoint (connect, dialog);
  hd_instagram_connect_set_client_id (connect, fixture->fake->facebook->client_id);
  hd_instagram_connect_set_client_secret (connect, fixture->fake->facebook->client_secret);
  hd_instagram_connect_set_open_uri_func (connect, open_in_browser, fixture, NULL);
  hd_oauth_client_set_timeout (hd_instagram_connect_get_oauth_client (connect), 10000);

  hd_instagram_connect_authorize_async (connect, NULL, test_store_result, &result);
  accounts = hd_instagram_connect_authorize_finish (connect, test_wait (&result), &error);
  g_assert_no_error (error);
  while (!fixture->browser_done)
    g_main_context_iteration (NULL, TRUE);

  g_ptr_array_add (chosen, g_list_model_get_item (accounts, 0));
  g_clear_object (&result);
  hd_instagram_connect_save_async (connect, chosen, NULL, test_store_result, &result);
  g_assert_true (hd_instagram_connect_save_finish (connect, test_wait (&result), &error));
  g_assert_no_error (error);

  return g_object_ref (g_ptr_array_index (chosen, 0));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->fake = hd_fake_instagram_new ();
  fixture->fake->facebook->now = TEST_NOW;
  fixture->browser = soup_session_new ();
  fixture->channel = connect_account (fixture);
  hd_fake_server_clear_requests (fixture->fake->facebook->server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->channel);
  g_clear_object (&fixture->browser);
  hd_fake_instagram_free (fixture->fake);
  test_env_clear (&fixture->env);
}

static char *
import_jpeg (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree guchar *jpeg = NULL;
  gsize length = 0;
  g_autofree char *path = g_build_filename (fixture->env.dir, "picture.jpg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HdMedia) media = NULL;

  jpeg = g_base64_decode (TEST_JPEG_BASE64, &length);
  g_assert_true (g_file_set_contents (path, (const char *) jpeg, length, NULL));
  media = hd_store_import_media (fixture->env.store, file, NULL, &error);
  g_assert_no_error (error);
  hd_media_set_alt_text (media, "A loaf on the counter");
  hd_store_save_media (fixture->env.store, media, &error);
  g_assert_no_error (error);

  return g_strdup (hd_media_get_sha256 (media));
}

static HdSendReport *
send_due (HdSender *sender,
          gint64    now)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdSendReport *report = NULL;

  hd_sender_send_due_async (sender, now, NULL, test_store_result, &result);
  g_assert_true (hd_sender_send_due_finish (sender, test_wait (&result), &report, &error));
  g_assert_no_error (error);

  return report;
}

static const char *
container_id (Fixture *fixture,
              guint    index)
{
  JsonObject *container = json_node_get_object (g_ptr_array_index (fixture->fake->containers,
                                                                   index));

  return json_object_get_string_member (container, "id");
}

/* media_publish fails after the container exists and Herald stops; the next Herald finds
 * the container on the row and publishes it: one container, one post. */
static void
test_container_kept_on_row (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *picture = import_jpeg (fixture);
  const char *media[] = { picture, NULL };
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();
  g_autoptr(HdSender) sender = NULL;
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(HdChange) row = NULL;
  g_autoptr(GError) error = NULL;
  char *change_id;

  hd_post_set_text (post, "Sourdough is back");
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, TEST_NOW - 60);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (fixture->channel));
  hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
  hd_variant_set_media (variant, media);
  hd_post_add_variant (post, variant);
  hd_store_save_post (fixture->env.store, post, &error);
  g_assert_no_error (error);
  rows = hd_store_list_changes (fixture->env.store, NULL, HD_OUTBOX_STATE_PENDING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  change_id = ((HdChange *) g_ptr_array_index (rows, 0))->id;

  hd_fake_server_add_fault (fixture->fake->facebook->server, "POST", "/"
                            HD_FAKE_FACEBOOK_VERSION "/17841400000000001/media_publish",
                            HD_FAKE_FAULT_STATUS, 500,
                            "{\"error\":{\"message\":\"An unexpected error has occurred.\","
                            "\"type\":\"OAuthException\",\"code\":2,\"is_transient\":true}}",
                            NULL, 0);
  sender = hd_sender_new (fixture->env.store, fixture->env.http);
  report = send_due (sender, TEST_NOW);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_WAITING);
  g_assert_cmpuint (fixture->fake->containers->len, ==, 1);
  g_assert_cmpuint (fixture->fake->publishes, ==, 0);

  row = hd_store_load_change (fixture->env.store, change_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row->record_key, ==, container_id (fixture, 0));

  /* Another Herald, later: the kept container goes out; no second one is made. */
  g_clear_object (&sender);
  g_clear_pointer (&report, hd_send_report_unref);
  sender = hd_sender_new (fixture->env.store, fixture->env.http);
  hd_sender_recover (sender, NULL, &error);
  g_assert_no_error (error);
  report = send_due (sender, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpuint (fixture->fake->containers->len, ==, 1);
  g_assert_cmpuint (fixture->fake->publishes, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/sync/sender/instagram/container-kept", Fixture, NULL, fixture_set_up,
              test_container_kept_on_row, fixture_tear_down);

  return g_test_run ();
}
