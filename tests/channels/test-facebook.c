/* test-facebook.c: connecting Facebook Pages and posting to one, against the Graph fake
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "hd-fake-facebook.h"
#include "hd-test-channels.h"

typedef struct
{
  TestEnv         env;
  HdFakeFacebook *fake;
  SoupSession    *browser;
  gboolean        browser_done;
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

/* The browser: Meta's dialog redirects to Herald's loopback listener. */
static void
open_in_browser (const char *uri,
                 gpointer    user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    on_browser_done, fixture);
}

static HdFacebookConnect *
new_connect (Fixture *fixture)
{
  g_autofree char *graph = hd_fake_facebook_get_graph_base (fixture->fake);
  g_autofree char *dialog = hd_fake_facebook_get_dialog_url (fixture->fake);
  HdFacebookConnect *connect = hd_facebook_connect_new (fixture->env.store, fixture->env.http);

  hd_facebook_connect_set_graph_base (connect, graph);
  hd_facebook_connect_set_authorization_endpoint (connect, dialog);
  hd_facebook_connect_set_client_id (connect, fixture->fake->client_id);
  hd_facebook_connect_set_client_secret (connect, fixture->fake->client_secret);
  hd_facebook_connect_set_open_uri_func (connect, open_in_browser, fixture, NULL);
  hd_oauth_client_set_timeout (hd_facebook_connect_get_oauth_client (connect), 10000);

  return connect;
}

static GListModel *
sign_in (Fixture            *fixture,
         HdFacebookConnect  *connect,
         GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GListModel *pages;

  fixture->browser_done = FALSE;
  hd_facebook_connect_authorize_async (connect, NULL, test_store_result, &result);
  pages = hd_facebook_connect_authorize_finish (connect, test_wait (&result), error);
  while (!fixture->browser_done)
    g_main_context_iteration (NULL, TRUE);

  return pages;
}

static HdChannel *
connect_first_page (Fixture *fixture)
{
  g_autoptr(HdFacebookConnect) connect = new_connect (fixture);
  g_autoptr(GListModel) pages = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pages = sign_in (fixture, connect, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pages), ==, 2);

  g_ptr_array_add (chosen, g_list_model_get_item (pages, 0));
  hd_facebook_connect_save_async (connect, chosen, NULL, test_store_result, &result);
  g_assert_true (hd_facebook_connect_save_finish (connect, test_wait (&result), &error));
  g_assert_no_error (error);

  return g_object_ref (g_ptr_array_index (chosen, 0));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->fake = hd_fake_facebook_new ();
  fixture->fake->now = TEST_NOW;
  fixture->browser = soup_session_new ();
}

static void
connected_set_up (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up (fixture, data);
  fixture->channel = connect_first_page (fixture);
  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);
  g_assert_true (HD_IS_FACEBOOK_PROVIDER (fixture->provider));
  hd_fake_server_clear_requests (fixture->fake->server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->provider);
  g_clear_object (&fixture->channel);
  g_clear_object (&fixture->browser);
  hd_fake_facebook_free (fixture->fake);
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

static HdProviderPost *
new_request (Fixture    *fixture,
             const char *text,
             const char *key)
{
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, text);

  return test_provider_post (post, fixture->channel, key, TEST_NOW);
}

static const char *
form_value (HdFakeRequest *request,
            const char    *name)
{
  static GHashTable *last;

  g_clear_pointer (&last, g_hash_table_unref);
  last = hd_fake_facebook_params (request);
  return g_hash_table_lookup (last, name);
}

/* Connecting */

static void
test_connect (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(HdChannel) channel = connect_first_page (fixture);
  g_autofree char *token = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *client_secret = NULL;
  g_autofree char *user_token = NULL;
  g_autofree char *graph = hd_fake_facebook_get_graph_base (fixture->fake);
  GHashTable *query = fixture->fake->authorize_query;
  HdFakeRequest *exchange;

  /* The browser went to Meta's dialog with a code flow back to the loopback listener. */
  g_assert_cmpstr (g_hash_table_lookup (query, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (query, "client_id"), ==, fixture->fake->client_id);
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (query, "redirect_uri"),
                                   "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (query, "redirect_uri"), "/callback"));
  g_assert_nonnull (strstr (g_hash_table_lookup (query, "scope"), "pages_manage_posts"));
  /* Ads are run from the same sign-in. */
  g_assert_nonnull (strstr (g_hash_table_lookup (query, "scope"), "ads_management"));
  g_assert_nonnull (strstr (g_hash_table_lookup (query, "scope"), "ads_read"));

  /* The short token became a long-lived one through fb_exchange_token, a GET. */
  exchange = hd_fake_server_last (fixture->fake->server, "GET",
                                  "/" HD_FAKE_FACEBOOK_VERSION "/oauth/access_token");
  g_assert_nonnull (exchange);
  g_assert_nonnull (strstr (exchange->query, "grant_type=fb_exchange_token"));

  g_assert_cmpint (hd_channel_get_kind (channel), ==, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  g_assert_cmpstr (hd_channel_get_remote_account_id (channel), ==, fixture->fake->page_id);
  g_assert_cmpstr (hd_channel_get_display_name (channel), ==, "Hazel & Hound");
  g_assert_cmpstr (hd_channel_get_base_url (channel), ==, graph);
  g_assert_cmpint (hd_channel_get_state (channel), ==, HD_CHANNEL_STATE_CONNECTED);
  g_assert_cmpint (hd_channel_get_token_expires_at (channel), ==, 0);

  /* The Page token, the app id and the app secret are in the keyring, never in the file. */
  token = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN);
  client_id = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_CLIENT_ID);
  client_secret = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (token, ==, fixture->fake->page_token);
  g_assert_cmpstr (client_id, ==, fixture->fake->client_id);
  g_assert_cmpstr (client_secret, ==, fixture->fake->client_secret);
  /* The long-lived user token, which reaches the ad accounts, is kept beside them. */
  user_token = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_USER_TOKEN);
  g_assert_cmpstr (user_token, ==, fixture->fake->user_token);
  test_assert_not_in_database (&fixture->env, fixture->fake->page_token);
  test_assert_not_in_database (&fixture->env, fixture->fake->client_secret);
  test_assert_not_in_database (&fixture->env, fixture->fake->user_token);

  g_assert_nonnull (strstr (hd_facebook_connect_get_setup_help (), "127.0.0.1/callback"));
}

static void
test_connect_needs_app (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(HdFacebookConnect) connect = new_connect (fixture);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) pages = NULL;

  hd_facebook_connect_set_client_secret (connect, "");
  hd_facebook_connect_authorize_async (connect, NULL, test_store_result, &result);
  pages = hd_facebook_connect_authorize_finish (connect, test_wait (&result), &error);
  g_assert_null (pages);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, NULL, "/"), ==, 0);
}

static void
test_connect_wrong_secret (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(HdFacebookConnect) connect = new_connect (fixture);
  g_autoptr(GListModel) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) channels = NULL;

  hd_facebook_connect_set_client_secret (connect, "not-the-secret");
  pages = sign_in (fixture, connect, &error);
  g_assert_null (pages);
  g_assert_nonnull (error);

  channels = hd_store_list_channels (fixture->env.store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 0);
}

/* Publishing */

static void
test_publish_text_and_link (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Spring grooming slots are open: "
                                                   "https://hazelandhound.example/book", "k1");
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *sent;

  result = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (result->remote_id, fixture->fake->page_id));
  g_assert_false (result->scheduled);

  sent = hd_fake_server_last (fixture->fake->server, "POST", "/" HD_FAKE_FACEBOOK_VERSION "/");
  g_assert_nonnull (g_str_has_suffix (sent->path, "/feed") ? sent : NULL);
  g_assert_cmpstr (form_value (sent, "message"), ==,
                   "Spring grooming slots are open: https://hazelandhound.example/book");
  g_assert_cmpstr (form_value (sent, "link"), ==, "https://hazelandhound.example/book");
  g_assert_cmpstr (form_value (sent, "published"), ==, NULL);
  g_assert_cmpstr (soup_message_headers_get_one (sent->headers, "Authorization"), ==,
                   "Bearer EAAPAGE-hazel-token");
  g_assert_cmpuint (fixture->fake->posts->len, ==, 1);
}

static void
test_publish_one_photo (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Before and after", "k2");
  g_autoptr(HdMedia) media = test_import_png (&fixture->env, "A clean poodle");
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *photo;

  hd_provider_post_add_media (request, media);
  result = publish (fixture, request, &error);
  g_assert_no_error (error);

  /* One photo is one request to /photos, and the post is the photo's post. */
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "POST",
                                          "/" HD_FAKE_FACEBOOK_VERSION "/"), ==, 1);
  g_assert_cmpuint (fixture->fake->photos->len, ==, 1);
  photo = json_node_get_object (g_ptr_array_index (fixture->fake->photos, 0));
  g_assert_true (json_object_get_boolean_member (photo, "published"));
  g_assert_cmpstr (json_object_get_string_member (photo, "content_type"), ==, "image/png");
  g_assert_cmpstr (result->remote_id, ==,
                   json_object_get_string_member (json_node_get_object (
                     g_ptr_array_index (fixture->fake->posts, 0)), "id"));
}

static void
test_publish_several_photos (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Three happy dogs", "k3");
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *feed;
  JsonObject *post;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(HdMedia) media = test_import_png (&fixture->env, "A dog");

      hd_provider_post_add_media (request, media);
    }

  result = publish (fixture, request, &error);
  g_assert_no_error (error);

  /* Each photo unpublished, then one post attaching all three. */
  g_assert_cmpuint (fixture->fake->photos->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_false (json_object_get_boolean_member (
      json_node_get_object (g_ptr_array_index (fixture->fake->photos, i)), "published"));

  feed = hd_fake_server_last (fixture->fake->server, "POST", "/" HD_FAKE_FACEBOOK_VERSION "/");
  g_assert_true (g_str_has_suffix (feed->path, "/feed"));
  g_assert_nonnull (form_value (feed, "attached_media[2]"));
  g_assert_null (form_value (feed, "link"));
  post = json_node_get_object (g_ptr_array_index (fixture->fake->posts, 0));
  g_assert_cmpint (json_object_get_int_member (post, "attached"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (post, "id"), ==, result->remote_id);
}

static void
test_validate_shared_rules (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(HdProviderPost) many = new_request (fixture, "Eleven pictures", "k4");
  g_autoptr(HdProviderPost) video = new_request (fixture, "Not a picture", "k5");
  g_autoptr(HdMedia) clip = hd_media_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) media_problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 11; i++)
    {
      g_autoptr(HdMedia) media = test_import_png (&fixture->env, NULL);

      hd_provider_post_add_media (many, media);
    }

  /* Meta states no number of photos for a Page post: neither the composer's media check
   * nor the provider invents one. */
  g_assert_true (hd_provider_validate (fixture->provider, many, TEST_NOW, problems));
  g_assert_true (hd_media_check_for_channel (HD_CHANNEL_KIND_FACEBOOK_PAGE,
                                             (HdMedia * const *) many->media->pdata,
                                             many->media->len, media_problems));

  /* The provider refuses what the composer's own media check refuses, in its words. */
  hd_media_set_mime_type (clip, "video/mp4");
  hd_media_set_bytes (clip, 1000);
  hd_provider_post_add_media (video, clip);
  g_assert_false (hd_provider_validate (fixture->provider, video, TEST_NOW, problems));
  g_assert_false (hd_media_check_for_channel (HD_CHANNEL_KIND_FACEBOOK_PAGE,
                                              (HdMedia * const *) video->media->pdata,
                                              video->media->len, media_problems));
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, g_ptr_array_index (media_problems, 0));

  result = publish (fixture, video, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, NULL, "/"), ==, 0);
}

static void
test_schedule_window (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Easter opening hours", "k5");
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  HdFakeRequest *sent;
  const gint64 too_soon[] = { TEST_NOW + 5 * 60, TEST_NOW + 31 * 24 * 60 * 60 };

  for (guint i = 0; i < G_N_ELEMENTS (too_soon); i++)
    {
      g_autoptr(HdProviderResult) refused = NULL;
      g_autoptr(GError) refusal = NULL;

      request->scheduled_at = too_soon[i];
      g_assert_false (hd_provider_validate (fixture->provider, request, TEST_NOW, problems));
      g_assert_nonnull (strstr (g_ptr_array_index (problems, problems->len - 1),
                                "10 minutes to 30 days"));
      refused = schedule (fixture, request, &refusal);
      g_assert_error (refusal, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
    }
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, NULL, "/"), ==, 0);

  request->scheduled_at = TEST_NOW + 2 * 24 * 60 * 60;
  result = schedule (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_true (result->scheduled);
  g_assert_cmpint (result->scheduled_at, ==, TEST_NOW + 2 * 24 * 60 * 60);

  sent = hd_fake_server_last (fixture->fake->server, "POST", "/" HD_FAKE_FACEBOOK_VERSION "/");
  g_assert_cmpstr (form_value (sent, "published"), ==, "false");
  g_assert_cmpstr (form_value (sent, "scheduled_publish_time"), ==, "1772618400");
  g_assert_cmpuint (fixture->fake->scheduled->len, ==, 1);
  g_assert_cmpuint (fixture->fake->posts->len, ==, 0);
}

static void
test_schedule_with_photos (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Coming soon", "k6");
  g_autoptr(HdMedia) media = test_import_png (&fixture->env, NULL);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *photo;

  hd_provider_post_add_media (request, media);
  request->scheduled_at = TEST_NOW + 60 * 60;
  result = schedule (fixture, request, &error);
  g_assert_no_error (error);

  photo = json_node_get_object (g_ptr_array_index (fixture->fake->photos, 0));
  g_assert_false (json_object_get_boolean_member (photo, "published"));
  g_assert_true (json_object_get_boolean_member (photo, "temporary"));
  g_assert_cmpuint (fixture->fake->scheduled->len, ==, 1);
}

static void
test_list_edit_delete_scheduled (Fixture       *fixture,
                                 gconstpointer  data)
{
  HdFacebookProvider *provider = HD_FACEBOOK_PROVIDER (fixture->provider);
  g_autoptr(HdProviderPost) request = new_request (fixture, "Bank holiday", "k7");
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GAsyncResult) async = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  HdProviderResult *item;

  request->scheduled_at = TEST_NOW + 3 * 60 * 60;
  result = schedule (fixture, request, &error);
  g_assert_no_error (error);

  hd_facebook_provider_list_scheduled_async (provider, NULL, test_store_result, &async);
  listed = hd_facebook_provider_list_scheduled_finish (provider, test_wait (&async), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  item = g_ptr_array_index (listed, 0);
  g_assert_cmpstr (item->remote_id, ==, result->remote_id);
  g_assert_cmpstr (item->text, ==, "Bank holiday");
  g_assert_true (item->scheduled);
  g_assert_cmpint (item->scheduled_at, ==, TEST_NOW + 3 * 60 * 60);

  /* Moving it outside the window is refused before any request. */
  g_clear_object (&async);
  hd_facebook_provider_edit_async (provider, result->remote_id, NULL, TEST_NOW + 60, NULL,
                                   test_store_result, &async);
  g_assert_false (hd_facebook_provider_edit_finish (provider, test_wait (&async), &error));
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_object (&async);
  hd_facebook_provider_edit_async (provider, result->remote_id, "Bank holiday: closed",
                                   TEST_NOW + 5 * 60 * 60, NULL, test_store_result, &async);
  g_assert_true (hd_facebook_provider_edit_finish (provider, test_wait (&async), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (
                     json_node_get_object (g_ptr_array_index (fixture->fake->scheduled, 0)),
                     "message"), ==, "Bank holiday: closed");

  g_clear_object (&async);
  hd_provider_delete_async (fixture->provider, result->remote_id,
                            HD_PROVIDER_DELETE_SCHEDULED, NULL, test_store_result, &async);
  g_assert_true (hd_provider_delete_finish (fixture->provider, test_wait (&async), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->scheduled->len, ==, 0);

  /* Gone: deleting again says so. */
  g_clear_object (&async);
  hd_provider_delete_async (fixture->provider, result->remote_id, HD_PROVIDER_DELETE_NONE,
                            NULL, test_store_result, &async);
  g_assert_false (hd_provider_delete_finish (fixture->provider, test_wait (&async), &error));
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
}

/* Errors */

typedef struct
{
  int             code;
  const char     *extra;
  HdProviderError expected;
} GraphCase;

static void
test_error_mapping (Fixture       *fixture,
                    gconstpointer  data)
{
  static const GraphCase cases[] = {
    { 4, NULL, HD_PROVIDER_ERROR_RATE_LIMITED },
    { 17, NULL, HD_PROVIDER_ERROR_RATE_LIMITED },
    { 32, NULL, HD_PROVIDER_ERROR_RATE_LIMITED },
    { 613, NULL, HD_PROVIDER_ERROR_RATE_LIMITED },
    { 506, NULL, HD_PROVIDER_ERROR_CONFLICT },
    { 1, NULL, HD_PROVIDER_ERROR_TRANSIENT },
    { 2, NULL, HD_PROVIDER_ERROR_TRANSIENT },
    { 368, ",\"is_transient\":true", HD_PROVIDER_ERROR_TRANSIENT },
    { 100, ",\"error_user_title\":\"Link blocked\",\"error_user_msg\":\"This link goes "
      "against our Community Standards.\"", HD_PROVIDER_ERROR_INVALID },
    { 190, NULL, HD_PROVIDER_ERROR_AUTH },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = g_strdup_printf ("error-%u", i);
      g_autofree char *text = g_strdup_printf ("Error case %u", i);
      g_autoptr(HdProviderPost) request = new_request (fixture, text, key);
      g_autoptr(HdProviderResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *body = NULL;

      body = g_strdup_printf ("{\"error\":{\"message\":\"Graph says no (%d)\",\"type\":"
                              "\"OAuthException\",\"code\":%d,\"fbtrace_id\":\"Ax\"%s}}",
                              cases[i].code, cases[i].code,
                              cases[i].extra != NULL ? cases[i].extra : "");
      hd_fake_server_add_fault (fixture->fake->server, "POST", "/", HD_FAKE_FAULT_STATUS, 400,
                                body, NULL, 0);

      result = publish (fixture, request, &error);
      g_assert_null (result);
      g_assert_error (error, HD_PROVIDER_ERROR, (int) cases[i].expected);

      if (cases[i].expected == HD_PROVIDER_ERROR_RATE_LIMITED)
        g_assert_cmpuint (hd_provider_error_get_retry_after (error), >, 0);
      if (cases[i].code == 100)
        g_assert_nonnull (strstr (error->message, "against our Community Standards"));
      if (cases[i].code == 190)
        g_assert_cmpint (hd_channel_get_state (fixture->channel), ==,
                         HD_CHANNEL_STATE_NEEDS_RECONNECT);
      else
        g_assert_cmpint (hd_channel_get_state (fixture->channel), ==,
                         HD_CHANNEL_STATE_CONNECTED);
    }
}

static void
test_duplicate_on_retry_is_published (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(HdProviderPost) first = new_request (fixture, "Grooming tips, part 2", "dup");
  g_autoptr(HdProviderPost) again = new_request (fixture, "Grooming tips, part 2", "dup");
  g_autoptr(HdProviderPost) fresh = new_request (fixture, "Grooming tips, part 2", "other");
  g_autoptr(HdProviderResult) published = NULL;
  g_autoptr(HdProviderResult) reconciled = NULL;
  g_autoptr(HdProviderResult) refused = NULL;
  g_autoptr(GError) error = NULL;

  /* The first attempt reached Facebook, but its answer was lost. */
  hd_fake_server_add_fault (fixture->fake->server, "POST", "/", HD_FAKE_FAULT_LOST_ANSWER, 0,
                            NULL, NULL, 0);
  published = publish (fixture, first, &error);
  g_assert_null (published);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->fake->posts->len, ==, 1);

  /* The retry finds it instead of posting it twice. */
  again->retry = TRUE;
  hd_fake_server_clear_requests (fixture->fake->server);
  reconciled = publish (fixture, again, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reconciled->remote_id, ==,
                   json_object_get_string_member (json_node_get_object (
                     g_ptr_array_index (fixture->fake->posts, 0)), "id"));
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "POST", "/"), ==, 0);
  g_assert_cmpuint (fixture->fake->posts->len, ==, 1);

  /* A new change with the same text is Facebook's duplicate: the user decides. */
  refused = publish (fixture, fresh, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT);
  g_assert_cmpuint (fixture->fake->posts->len, ==, 1);
}

static void
test_usage_headers_slow_down (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(HdProviderPost) first = new_request (fixture, "First of many", "u1");
  g_autoptr(HdProviderPost) second = new_request (fixture, "Second of many", "u2");
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(HdProviderResult) held = NULL;
  g_autoptr(GError) error = NULL;

  /* Meta says 96 % of the hour's calls are used, and regaining access takes 12 minutes. */
  fixture->fake->app_usage = 96;
  fixture->fake->regain_minutes = 12;
  result = publish (fixture, first, &error);
  g_assert_no_error (error);

  hd_fake_server_clear_requests (fixture->fake->server);
  held = publish (fixture, second, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_cmpuint (hd_provider_error_get_retry_after (error), >=, 11 * 60);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, NULL, "/"), ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&held, hd_provider_result_free);

  /* Once the time has passed, it goes. */
  fixture->env.now += 13 * 60;
  fixture->fake->app_usage = 10;
  fixture->fake->regain_minutes = 0;
  held = publish (fixture, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->posts->len, ==, 2);
}

static void
test_lookup (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Lost and found", "l1");
  g_autoptr(HdProviderPost) other = new_request (fixture, "Never sent", "l2");
  g_autoptr(HdProviderResult) published = NULL;
  g_autoptr(HdProviderResult) found = NULL;
  g_autoptr(HdProviderResult) missing = NULL;
  g_autoptr(GAsyncResult) async = NULL;
  g_autoptr(GError) error = NULL;
  HdFakeRequest *sent;

  published = publish (fixture, request, &error);
  g_assert_no_error (error);

  hd_provider_lookup_async (fixture->provider, request, NULL, test_store_result, &async);
  found = hd_provider_lookup_finish (fixture->provider, test_wait (&async), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->remote_id, ==, published->remote_id);
  g_assert_nonnull (found->remote_url);
  sent = hd_fake_server_last (fixture->fake->server, "GET", "/");
  g_assert_nonnull (strstr (sent->query, "since="));

  g_clear_object (&async);
  hd_provider_lookup_async (fixture->provider, other, NULL, test_store_result, &async);
  missing = hd_provider_lookup_finish (fixture->provider, test_wait (&async), &error);
  g_assert_no_error (error);
  g_assert_null (missing);
}

static void
test_refresh_checks_token (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) async = NULL;
  g_autoptr(GError) error = NULL;

  hd_provider_refresh_credentials_async (fixture->provider, NULL, test_store_result, &async);
  g_assert_true (hd_provider_refresh_credentials_finish (fixture->provider, test_wait (&async),
                                                         &error));
  g_assert_no_error (error);

  /* The password changed on Facebook: the Page token stops working. */
  g_free (fixture->fake->page_token);
  fixture->fake->page_token = g_strdup ("EAAPAGE-new");
  g_clear_object (&async);
  hd_provider_refresh_credentials_async (fixture->provider, NULL, test_store_result, &async);
  g_assert_false (hd_provider_refresh_credentials_finish (fixture->provider,
                                                          test_wait (&async), &error));
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH);
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==,
                   HD_CHANNEL_STATE_NEEDS_RECONNECT);
}

/* Every parameter Herald sent is one of those Meta's spec names for the endpoint: the fake
 * refuses any other with a 400, so a run of every flow with no refusal is the check.
 * ../shared/specs/meta-marketing/ holds the ad objects only (no Page.json), so the names
 * come from FBCG Page.json and PagePost.json as quoted in reference/channel-apis.md §3. */
static void
test_parameters_match_spec (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Spec check", "s1");
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *requests;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(HdMedia) media = test_import_png (&fixture->env, NULL);

      hd_provider_post_add_media (request, media);
    }
  request->scheduled_at = TEST_NOW + 60 * 60;
  result = schedule (fixture, request, &error);
  g_assert_no_error (error);

  requests = hd_fake_server_get_requests (fixture->fake->server);
  g_assert_cmpuint (requests->len, ==, 3);
  for (guint i = 0; i < requests->len; i++)
    {
      HdFakeRequest *sent = g_ptr_array_index (requests, i);
      g_autoptr(GHashTable) params = hd_fake_facebook_params (sent);
      GHashTableIter iter;
      gpointer name;

      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        g_assert_false (g_str_has_prefix (name, "access_token"));
    }

  /* And the fake does refuse a name outside the spec. */
  {
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autofree char *uri = g_strdup_printf ("%s/" HD_FAKE_FACEBOOK_VERSION "/%s/feed",
                                            hd_fake_server_get_url (fixture->fake->server),
                                            fixture->fake->page_id);
    g_autoptr(SoupMessage) message = soup_message_new ("POST", uri);
    g_autoptr(GBytes) body = g_bytes_new_static ("message=x&status=y", 18);
    g_autoptr(GBytes) answer = NULL;
    g_autoptr(GAsyncResult) async = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  "Bearer EAAPAGE-hazel-token");
    soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded",
                                              body);
    /* The fake answers on this thread's main loop, so the request has to be asynchronous. */
    soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL,
                                      test_store_result, &async);
    answer = soup_session_send_and_read_finish (session, test_wait (&async), NULL);
    g_assert_cmpuint (soup_message_get_status (message), ==, 400);
    g_assert_nonnull (strstr (g_bytes_get_data (answer, NULL), "status"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, set_up, func) \
  g_test_add ("/herald/channels/facebook/" path, Fixture, NULL, set_up, func, fixture_tear_down)

  ADD ("connect", fixture_set_up, test_connect);
  ADD ("connect-needs-app", fixture_set_up, test_connect_needs_app);
  ADD ("connect-wrong-secret", fixture_set_up, test_connect_wrong_secret);
  ADD ("publish-text-and-link", connected_set_up, test_publish_text_and_link);
  ADD ("publish-one-photo", connected_set_up, test_publish_one_photo);
  ADD ("publish-several-photos", connected_set_up, test_publish_several_photos);
  ADD ("validate-shared-rules", connected_set_up, test_validate_shared_rules);
  ADD ("schedule-window", connected_set_up, test_schedule_window);
  ADD ("schedule-with-photos", connected_set_up, test_schedule_with_photos);
  ADD ("list-edit-delete-scheduled", connected_set_up, test_list_edit_delete_scheduled);
  ADD ("error-mapping", connected_set_up, test_error_mapping);
  ADD ("duplicate-on-retry", connected_set_up, test_duplicate_on_retry_is_published);
  ADD ("usage-headers", connected_set_up, test_usage_headers_slow_down);
  ADD ("lookup", connected_set_up, test_lookup);
  ADD ("refresh-checks-token", connected_set_up, test_refresh_checks_token);
  ADD ("parameters-match-spec", connected_set_up, test_parameters_match_spec);

#undef ADD

  return g_test_run ();
}
