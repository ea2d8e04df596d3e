/* test-mastodon.c: connecting and posting to a Mastodon instance, against its fake
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "hd-fake-mastodon.h"
#include "hd-test-channels.h"

typedef struct
{
  TestEnv         env;
  HdFakeMastodon *fake;
  SoupSession    *browser;
  gboolean        browser_done;
  char           *authorization_uri;
  HdChannel      *channel;
  HdProvider     *provider;
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

/* The browser: follows the instance's redirect to Herald's loopback listener. */
static void
open_in_browser (const char *uri,
                 gpointer    user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  g_free (fixture->authorization_uri);
  fixture->authorization_uri = g_strdup (uri);
  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    on_browser_done, fixture);
}

static HdChannel *
connect_account (Fixture    *fixture,
                 HdChannel  *reconnecting,
                 GError    **error)
{
  g_autoptr(HdMastodonConnect) connect = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  HdChannel *channel;

  connect = hd_mastodon_connect_new (fixture->env.http, fixture->env.store,
                                     hd_fake_mastodon_get_url (fixture->fake), error);
  g_assert_nonnull (connect);
  hd_mastodon_connect_set_reconnecting (connect, reconnecting);
  hd_oauth_client_set_timeout (hd_mastodon_connect_get_oauth_client (connect), 10000);

  fixture->browser_done = FALSE;
  hd_mastodon_connect_authorize_async (connect, open_in_browser, fixture, NULL,
                                       test_store_result, &result);
  channel = hd_mastodon_connect_authorize_finish (connect, test_wait (&result), error);
  while (!fixture->browser_done)
    g_main_context_iteration (NULL, TRUE);

  return channel;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->fake = hd_fake_mastodon_new ();
  fixture->fake->now = TEST_NOW;
  fixture->browser = soup_session_new ();
}

static void
connected_set_up (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up (fixture, data);
  fixture->channel = connect_account (fixture, NULL, &error);
  g_assert_no_error (error);
  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);
  hd_mastodon_provider_set_poll_interval (HD_MASTODON_PROVIDER (fixture->provider), 10);
  hd_fake_server_clear_requests (fixture->fake->server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->provider);
  g_clear_object (&fixture->channel);
  g_clear_object (&fixture->browser);
  g_free (fixture->authorization_uri);
  hd_fake_mastodon_free (fixture->fake);
  test_env_clear (&fixture->env);
}

static HdProviderResult *
publish (Fixture         *fixture,
         HdProviderPost  *request,
         GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_provider_publish_async (fixture->provider, request, NULL, test_store_result, &result);
  return hd_provider_publish_finish (fixture->provider, test_wait (&result), error);
}

static HdProviderResult *
schedule (Fixture         *fixture,
          HdProviderPost  *request,
          GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_provider_schedule_async (fixture->provider, request, NULL, test_store_result, &result);
  return hd_provider_schedule_finish (fixture->provider, test_wait (&result), error);
}

static HdChannel *
reload_channel (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_store_load_channel (fixture->env.store,
                                              hd_channel_get_id (fixture->channel), &error);

  g_assert_no_error (error);
  return channel;
}

/* Connecting */

static void
test_connect_oauth (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = connect_account (fixture, NULL, &error);
  g_autoptr(HdChannel) stored = NULL;
  g_autofree char *token = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *expected_handle = NULL;
  HdFakeRequest *registration;
  g_autoptr(JsonNode) body = NULL;
  JsonObject *app;

  g_assert_no_error (error);
  g_assert_nonnull (channel);

  /* The app was registered with the exact loopback address the browser came back to. */
  registration = hd_fake_server_last (fixture->fake->server, "POST", "/api/v1/apps");
  body = hd_fake_request_get_json (registration);
  app = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (app, "client_name"), ==, "Herald");
  g_assert_cmpstr (json_object_get_string_member (app, "scopes"), ==, "read write");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (app,
                                                                                "redirect_uris"),
                                                  0), ==, fixture->fake->registered_redirect);
  g_assert_true (g_str_has_prefix (fixture->fake->registered_redirect, "http://127.0.0.1:"));

  /* PKCE S256, since the instance advertises it. */
  g_assert_cmpstr (g_hash_table_lookup (fixture->fake->authorize_query, "code_challenge_method"),
                   ==, "S256");
  g_assert_cmpstr (g_hash_table_lookup (fixture->fake->authorize_query, "scope"), ==,
                   "read write");

  stored = hd_store_load_channel (fixture->env.store, hd_channel_get_id (channel), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_kind (stored), ==, HD_CHANNEL_KIND_MASTODON);
  g_assert_cmpint (hd_channel_get_state (stored), ==, HD_CHANNEL_STATE_CONNECTED);
  g_assert_cmpstr (hd_channel_get_display_name (stored), ==, "Corner Bakery");
  expected_handle = g_strdup_printf ("@bakery@127.0.0.1");
  g_assert_cmpstr (hd_channel_get_handle (stored), ==, expected_handle);
  g_assert_cmpstr (hd_channel_get_base_url (stored), ==, hd_fake_mastodon_get_url (fixture->fake));
  g_assert_cmpstr (hd_channel_get_remote_account_id (stored), ==, fixture->fake->account_id);

  /* The token and the app's secret are in the keyring, and nowhere in the database. */
  token = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN);
  client_secret = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (token, ==, fixture->fake->access_token);
  g_assert_cmpstr (client_secret, ==, fixture->fake->client_secret);
  test_assert_not_in_database (&fixture->env, token);
  test_assert_not_in_database (&fixture->env, client_secret);
}

static void
test_connect_without_pkce (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = NULL;

  /* Before 4.3 there is no metadata: no challenge, the fixed endpoints. */
  fixture->fake->advertise_s256 = FALSE;
  channel = connect_account (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (channel);
  g_assert_null (g_hash_table_lookup (fixture->fake->authorize_query, "code_challenge"));
}

static void
test_connect_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(GListModel) channels = NULL;

  hd_fake_server_add_fault (fixture->fake->server, "POST", "/oauth/token", HD_FAKE_FAULT_STATUS,
                            400, "{\"error\":\"invalid_grant\",\"error_description\":\"The "
                            "provided authorization grant is invalid\"}", NULL, 0);
  channel = connect_account (fixture, NULL, &error);
  g_assert_null (channel);
  g_assert_nonnull (error);

  /* Nothing stored: no channel row. */
  channels = hd_store_list_channels (fixture->env.store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 0);
}

static void
test_reconnect_keeps_posts (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, "Rye on Friday");
  g_autoptr(HdPost) reloaded = NULL;
  g_autoptr(HdChannel) again = NULL;
  g_autoptr(HdChannel) stored = NULL;
  g_autofree char *token = NULL;

  hd_channel_set_state (fixture->channel, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  hd_store_save_channel (fixture->env.store, fixture->channel, &error);
  g_assert_no_error (error);

  again = connect_account (fixture, fixture->channel, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_channel_get_id (again), ==, hd_channel_get_id (fixture->channel));

  stored = reload_channel (fixture);
  g_assert_cmpint (hd_channel_get_state (stored), ==, HD_CHANNEL_STATE_CONNECTED);
  reloaded = hd_store_load_post (fixture->env.store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_nonnull (hd_post_find_variant (reloaded, hd_channel_get_id (fixture->channel)));

  token = test_lookup_secret (hd_channel_get_id (fixture->channel), HD_SECRET_KIND_ACCESS_TOKEN);
  g_assert_cmpstr (token, ==, fixture->fake->access_token);
}

static void
test_remove_clears_secrets (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *client_id = NULL;

  hd_channel_remove_async (fixture->env.store, hd_channel_get_id (fixture->channel), NULL,
                           test_store_result, &result);
  g_assert_true (hd_channel_remove_finish (test_wait (&result), &error));
  g_assert_no_error (error);

  token = test_lookup_secret (hd_channel_get_id (fixture->channel), HD_SECRET_KIND_ACCESS_TOKEN);
  client_id = test_lookup_secret (hd_channel_get_id (fixture->channel), HD_SECRET_KIND_CLIENT_ID);
  g_assert_null (token);
  g_assert_null (client_id);
  g_assert_null (hd_store_load_channel (fixture->env.store, hd_channel_get_id (fixture->channel),
                                        NULL));
}

/* Publishing */

static void
test_publish_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel,
                                            "Fresh sourdough at 8 👋 https://bakery.example");
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "outbox-key-1",
                                                          TEST_NOW);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;
  HdFakeRequest *sent;
  JsonObject *status;

  request->languages = g_strsplit ("en", ",", -1);
  result = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result->remote_id);
  g_assert_true (g_str_has_suffix (result->remote_url, result->remote_id));
  g_assert_false (result->scheduled);

  sent = hd_fake_server_last (fixture->fake->server, "POST", "/api/v1/statuses");
  g_assert_cmpstr (soup_message_headers_get_one (sent->headers, "Idempotency-Key"), ==,
                   "outbox-key-1");
  body = hd_fake_request_get_json (sent);
  status = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (status, "status"), ==,
                   "Fresh sourdough at 8 👋 https://bakery.example");
  g_assert_cmpstr (json_object_get_string_member (status, "visibility"), ==, "public");
  g_assert_cmpstr (json_object_get_string_member (status, "language"), ==, "en");
  g_assert_false (json_object_has_member (status, "scheduled_at"));
  g_assert_cmpuint (fixture->fake->statuses->len, ==, 1);
}

static void
test_publish_image (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, "Today’s loaves");
  g_autoptr(HdMedia) media = test_import_png (&fixture->env, "Three round loaves on a rack");
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "key-image",
                                                          TEST_NOW);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonArray *media_ids;

  /* The instance processes the picture for two polls before it is ready. */
  fixture->fake->media_polls = 2;
  hd_provider_post_add_media (request, media);
  result = publish (fixture, request, &error);
  g_assert_no_error (error);

  form = hd_fake_request_get_form (hd_fake_server_last (fixture->fake->server, "POST",
                                                        "/api/v2/media"));
  g_assert_cmpstr (g_hash_table_lookup (form, "description"), ==, "Three round loaves on a rack");
  g_assert_cmpstr (g_hash_table_lookup (form, "file:type"), ==, "image/png");
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "GET", "/api/v1/media/"), ==, 3);

  body = hd_fake_request_get_json (hd_fake_server_last (fixture->fake->server, "POST",
                                                        "/api/v1/statuses"));
  media_ids = json_object_get_array_member (json_node_get_object (body), "media_ids");
  g_assert_cmpuint (json_array_get_length (media_ids), ==, 1);
}

static void
test_idempotency_key_reused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, "Croissants!");
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "key-lost",
                                                          TEST_NOW);
  g_autoptr(HdProviderResult) first = NULL;
  g_autoptr(HdProviderResult) second = NULL;
  GPtrArray *requests;
  guint with_key = 0;

  /* The instance makes the status, but the answer never reaches Herald. */
  hd_fake_server_add_fault (fixture->fake->server, "POST", "/api/v1/statuses",
                            HD_FAKE_FAULT_LOST_ANSWER, 0, NULL, NULL, 0);
  first = publish (fixture, request, &error);
  g_assert_null (first);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
  g_clear_error (&error);

  request->retry = TRUE;
  second = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);

  /* One status on the instance, and both attempts carried the same key. */
  g_assert_cmpuint (fixture->fake->statuses->len, ==, 1);
  requests = hd_fake_server_get_requests (fixture->fake->server);
  for (guint i = 0; i < requests->len; i++)
    {
      HdFakeRequest *sent = g_ptr_array_index (requests, i);

      if (g_str_equal (sent->path, "/api/v1/statuses"))
        {
          g_assert_cmpstr (soup_message_headers_get_one (sent->headers, "Idempotency-Key"), ==,
                           "key-lost");
          with_key++;
        }
    }
  g_assert_cmpuint (with_key, ==, 2);
}

static void
test_lookup_after_an_hour (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel,
                                            "Closed on Monday for the holiday");
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "key-old",
                                                          TEST_NOW);
  g_autoptr(HdProviderResult) first = NULL;
  g_autoptr(HdProviderResult) found = NULL;
  g_autoptr(HdProviderResult) retried = NULL;
  g_autoptr(HdPost) other = test_save_draft (&fixture->env, fixture->channel, "Never sent");
  g_autoptr(HdProviderPost) missing = test_provider_post (other, fixture->channel, "key-missing",
                                                          TEST_NOW);
  g_autoptr(GAsyncResult) result = NULL;

  first = publish (fixture, request, &error);
  g_assert_no_error (error);

  /* Two hours later the instance has forgotten the key: the timeline tells. */
  fixture->env.now = TEST_NOW + 2 * 60 * 60;
  fixture->fake->now = fixture->env.now;
  hd_fake_server_clear_requests (fixture->fake->server);
  request->retry = TRUE;
  retried = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (retried->remote_id, ==, first->remote_id);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "POST", "/api/v1/statuses"), ==,
                    0);
  g_assert_cmpuint (fixture->fake->statuses->len, ==, 1);

  hd_provider_lookup_async (fixture->provider, request, NULL, test_store_result, &result);
  found = hd_provider_lookup_finish (fixture->provider, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->remote_id, ==, first->remote_id);
  g_clear_object (&result);

  hd_provider_lookup_async (fixture->provider, missing, NULL, test_store_result, &result);
  g_assert_null (hd_provider_lookup_finish (fixture->provider, test_wait (&result), &error));
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, "Oops, typo");
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "key-del",
                                                          TEST_NOW);
  g_autoptr(HdProviderResult) published = publish (fixture, request, &error);
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_no_error (error);
  hd_provider_delete_async (fixture->provider, published->remote_id, HD_PROVIDER_DELETE_NONE,
                            NULL, test_store_result, &result);
  g_assert_true (hd_provider_delete_finish (fixture->provider, test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->statuses->len, ==, 0);
  g_clear_object (&result);

  /* Deleted already: the platform says so. */
  hd_provider_delete_async (fixture->provider, published->remote_id, HD_PROVIDER_DELETE_NONE,
                            NULL, test_store_result, &result);
  g_assert_false (hd_provider_delete_finish (fixture->provider, test_wait (&result), &error));
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
}

/* Scheduling */

static void
test_schedule_five_minutes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, "Open day Sunday");
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "key-sched",
                                                          TEST_NOW);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(JsonNode) body = NULL;

  /* Four minutes ahead: refused by Herald with a sentence, nothing sent. */
  request->scheduled_at = TEST_NOW + 4 * 60;
  result = schedule (fixture, request, &error);
  g_assert_null (result);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "5 minutes"));
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, NULL, "/api/"), ==, 0);
  g_clear_error (&error);

  request->scheduled_at = TEST_NOW + 5 * 60;
  result = schedule (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_true (result->scheduled);
  g_assert_cmpint (result->scheduled_at, ==, TEST_NOW + 5 * 60);
  g_assert_cmpuint (fixture->fake->scheduled->len, ==, 1);
  g_assert_cmpuint (fixture->fake->statuses->len, ==, 0);

  body = hd_fake_request_get_json (hd_fake_server_last (fixture->fake->server, "POST",
                                                        "/api/v1/statuses"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "scheduled_at"),
                   ==, "2026-03-02T10:05:00.000Z");
}

static void
test_schedule_limits (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, "One more");
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel, "key-limit",
                                                          TEST_NOW);
  g_autoptr(HdProviderResult) result = NULL;
  gint64 tomorrow_noon = TEST_NOW + 26 * 60 * 60;

  /* 50 already on tomorrow: that day is full, the day after is not. */
  for (guint i = 0; i < 50; i++)
    hd_fake_mastodon_add_scheduled (fixture->fake, tomorrow_noon + i * 60, "queued");
  request->scheduled_at = tomorrow_noon + 3600;
  result = schedule (fixture, request, &error);
  g_assert_null (result);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "50"));
  g_clear_error (&error);

  request->scheduled_at = tomorrow_noon + 24 * 60 * 60;
  result = schedule (fixture, request, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, hd_provider_result_free);

  /* 300 in all, read over eight pages of 40: no room at all. */
  for (guint i = 0; i < 249; i++)
    hd_fake_mastodon_add_scheduled (fixture->fake, TEST_NOW + (3 + i / 40) * 24 * 60 * 60 + i * 60,
                                    "queued");
  g_assert_cmpuint (fixture->fake->scheduled->len, ==, 300);
  request->scheduled_at = TEST_NOW + 20 * 24 * 60 * 60;
  result = schedule (fixture, request, &error);
  g_assert_null (result);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "300"));
  g_assert_cmpuint (fixture->fake->scheduled->len, ==, 300);
}

static void
test_scheduled_statuses (Fixture       *fixture,
                         gconstpointer  data)
{
  HdMastodonProvider *mastodon = HD_MASTODON_PROVIDER (fixture->provider);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(HdProviderResult) moved = NULL;
  HdProviderResult *first;

  hd_fake_mastodon_add_scheduled (fixture->fake, TEST_NOW + 3600, "Bake sale at noon");
  hd_fake_mastodon_add_scheduled (fixture->fake, TEST_NOW + 7200, "Last call for pies");

  hd_mastodon_provider_list_scheduled_async (mastodon, NULL, test_store_result, &result);
  listed = hd_mastodon_provider_list_scheduled_finish (mastodon, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  first = g_ptr_array_index (listed, 1);
  g_assert_cmpstr (first->text, ==, "Bake sale at noon");
  g_assert_cmpint (first->scheduled_at, ==, TEST_NOW + 3600);
  g_clear_object (&result);

  /* Edited: moved a day later; too soon is refused before sending. */
  hd_mastodon_provider_reschedule_async (mastodon, first->remote_id, TEST_NOW + 60, NULL,
                                         test_store_result, &result);
  g_assert_null (hd_mastodon_provider_reschedule_finish (mastodon, test_wait (&result), &error));
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  hd_mastodon_provider_reschedule_async (mastodon, first->remote_id, TEST_NOW + 86400, NULL,
                                         test_store_result, &result);
  moved = hd_mastodon_provider_reschedule_finish (mastodon, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (moved->scheduled_at, ==, TEST_NOW + 86400);
  g_clear_object (&result);

  /* Cancelled. */
  hd_provider_delete_async (fixture->provider, first->remote_id, HD_PROVIDER_DELETE_SCHEDULED,
                            NULL, test_store_result, &result);
  g_assert_true (hd_provider_delete_finish (fixture->provider, test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->scheduled->len, ==, 1);
}

/* Errors */

static HdProviderResult *
publish_with_fault (Fixture            *fixture,
                    HdFakeFaultKind     kind,
                    guint               status,
                    const char         *body,
                    const char * const *headers,
                    GError            **error)
{
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, "Scones");
  g_autoptr(HdProviderPost) request = test_provider_post (post, fixture->channel,
                                                          "key-fault", TEST_NOW);

  hd_fake_server_add_fault (fixture->fake->server, "POST", "/api/v1/statuses", kind, status,
                            body, headers, 300);
  return publish (fixture, request, error);
}

static void
test_error_unauthorized (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) draft = test_save_draft (&fixture->env, fixture->channel, "Draft to keep");
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(HdChannel) stored = NULL;
  g_autoptr(HdPost) kept = NULL;

  /* The user revoked Herald in the instance's settings. */
  g_clear_pointer (&fixture->fake->access_token, g_free);
  fixture->fake->access_token = g_strdup ("another-token");
  result = publish_with_fault (fixture, HD_FAKE_FAULT_SLOW, 0, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "The access token is invalid"));
  g_clear_error (&error);

  stored = reload_channel (fixture);
  g_assert_cmpint (hd_channel_get_state (stored), ==, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  kept = hd_store_load_post (fixture->env.store, hd_post_get_id (draft), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_post_get_text (kept), ==, "Draft to keep");
  g_assert_nonnull (hd_post_find_variant (kept, hd_channel_get_id (fixture->channel)));
}

static void
test_error_rate_limited (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const headers[] = { "Retry-After", "120", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderResult) result = NULL;

  result = publish_with_fault (fixture, HD_FAKE_FAULT_STATUS, 429,
                               "{\"error\":\"Too many requests\"}", headers, &error);
  g_assert_null (result);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_cmpuint (hd_provider_error_get_retry_after (error), ==, 120);
}

static void
test_error_reset_header (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const headers[] = {
    "X-RateLimit-Limit", "300", "X-RateLimit-Remaining", "0",
    "X-RateLimit-Reset", "2026-03-02T10:03:00.000Z", NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderResult) result = NULL;

  result = publish_with_fault (fixture, HD_FAKE_FAULT_STATUS, 429,
                               "{\"error\":\"Too many requests\"}", headers, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_cmpuint (hd_provider_error_get_retry_after (error), ==, 180);
}

static void
test_error_server (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderResult) result = NULL;

  result = publish_with_fault (fixture, HD_FAKE_FAULT_STATUS, 503, "<html>Bad gateway</html>",
                               NULL, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
}

static void
test_error_invalid (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderResult) result = NULL;

  result = publish_with_fault (fixture, HD_FAKE_FAULT_STATUS, 422,
                               "{\"error\":\"Validation failed: Text can't be blank\"}", NULL,
                               &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Validation failed: Text can't be blank"));
}

static void
test_error_malformed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderResult) result = NULL;

  result = publish_with_fault (fixture, HD_FAKE_FAULT_MALFORMED, 0, NULL, NULL, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_error_truncated (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderResult) result = NULL;

  result = publish_with_fault (fixture, HD_FAKE_FAULT_TRUNCATED, 0, NULL, NULL, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
}

static void
test_slow_answer (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderResult) result = NULL;

  result = publish_with_fault (fixture, HD_FAKE_FAULT_SLOW, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static void
test_instance_limits (Fixture       *fixture,
                      gconstpointer  data)
{
  HdMastodonProvider *mastodon = HD_MASTODON_PROVIDER (fixture->provider);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const HdProviderCaps *caps;

  fixture->fake->max_characters = 5000;
  hd_mastodon_provider_load_instance_async (mastodon, NULL, test_store_result, &result);
  g_assert_true (hd_mastodon_provider_load_instance_finish (mastodon, test_wait (&result),
                                                            &error));
  g_assert_no_error (error);

  caps = hd_provider_get_caps (fixture->provider);
  g_assert_cmpuint (caps->text_limit, ==, 5000);
  g_assert_cmpuint (caps->max_media, ==, 4);
  g_assert_cmpuint (caps->max_image_bytes, ==, 16777216);
  g_assert_cmpuint (caps->max_alt_text, ==, 1500);
  g_assert_true (g_strv_contains (caps->mime_types, "image/webp"));
  g_assert_false (g_strv_contains (caps->mime_types, "video/mp4"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, set_up, func) \
  g_test_add ("/herald/channels/mastodon/" path, Fixture, NULL, set_up, func, fixture_tear_down)

  ADD ("connect/oauth-loopback-pkce", fixture_set_up, test_connect_oauth);
  ADD ("connect/without-pkce", fixture_set_up, test_connect_without_pkce);
  ADD ("connect/refused-stores-nothing", fixture_set_up, test_connect_refused);
  ADD ("connect/reconnect-keeps-posts", connected_set_up, test_reconnect_keeps_posts);
  ADD ("connect/remove-clears-secrets", connected_set_up, test_remove_clears_secrets);
  ADD ("instance-limits", connected_set_up, test_instance_limits);
  ADD ("publish/text", connected_set_up, test_publish_text);
  ADD ("publish/image-with-alt", connected_set_up, test_publish_image);
  ADD ("publish/idempotency-key-reused", connected_set_up, test_idempotency_key_reused);
  ADD ("publish/lookup-after-an-hour", connected_set_up, test_lookup_after_an_hour);
  ADD ("delete", connected_set_up, test_delete);
  ADD ("schedule/five-minutes", connected_set_up, test_schedule_five_minutes);
  ADD ("schedule/limits", connected_set_up, test_schedule_limits);
  ADD ("schedule/list-edit-cancel", connected_set_up, test_scheduled_statuses);
  ADD ("errors/401-needs-reconnect", connected_set_up, test_error_unauthorized);
  ADD ("errors/429-retry-after", connected_set_up, test_error_rate_limited);
  ADD ("errors/429-ratelimit-reset", connected_set_up, test_error_reset_header);
  ADD ("errors/5xx-transient", connected_set_up, test_error_server);
  ADD ("errors/422-invalid", connected_set_up, test_error_invalid);
  ADD ("errors/malformed-json", connected_set_up, test_error_malformed);
  ADD ("errors/truncated-body", connected_set_up, test_error_truncated);
  ADD ("errors/slow-answer", connected_set_up, test_slow_answer);

#undef ADD

  return g_test_run ();
}
