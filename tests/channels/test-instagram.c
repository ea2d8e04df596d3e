/* test-instagram.c: connecting an Instagram account linked to a Page and publishing through
 * containers, against the Graph fake
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "hd-fake-instagram.h"
#include "hd-test-channels.h"
#include "hd-text-counter.h"

/* A 1x1 white JPEG. */
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
  HdProvider      *provider;
  guint            jpegs;
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
connect_account (Fixture  *fixture,
                 guint    *n_listed)
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

  fixture->browser_done = FALSE;
  hd_instagram_connect_authorize_async (connect, NULL, test_store_result, &result);
  accounts = hd_instagram_connect_authorize_finish (connect, test_wait (&result), &error);
  g_assert_no_error (error);
  while (!fixture->browser_done)
    g_main_context_iteration (NULL, TRUE);

  *n_listed = g_list_model_get_n_items (accounts);
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
}

static void
connected_set_up (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_listed = 0;

  fixture_set_up (fixture, data);
  fixture->channel = connect_account (fixture, &n_listed);
  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);
  g_assert_true (HD_IS_INSTAGRAM_PROVIDER (fixture->provider));
  hd_instagram_provider_set_poll_interval (HD_INSTAGRAM_PROVIDER (fixture->provider), 5);
  hd_fake_server_clear_requests (fixture->fake->facebook->server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->provider);
  g_clear_object (&fixture->channel);
  g_clear_object (&fixture->browser);
  hd_fake_instagram_free (fixture->fake);
  test_env_clear (&fixture->env);
}

/* A JPEG of its own each time, since the library keeps one copy per content. */
static HdMedia *
import_jpeg (Fixture    *fixture,
             const char *alt)
{
  g_autoptr(GError) error = NULL;
  g_autofree guchar *jpeg = NULL;
  gsize length = 0;
  g_autofree char *name = g_strdup_printf ("picture-%u.jpg", fixture->jpegs);
  g_autofree char *path = g_build_filename (fixture->env.dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  HdMedia *media;

  jpeg = g_base64_decode (TEST_JPEG_BASE64, &length);
  g_byte_array_append (bytes, jpeg, length);
  /* Bytes after the end-of-image marker make each file distinct and change no pixel. */
  g_byte_array_append (bytes, (const guint8 *) &fixture->jpegs, sizeof fixture->jpegs);
  fixture->jpegs++;
  g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, NULL));

  media = hd_store_import_media (fixture->env.store, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_media_get_mime_type (media), ==, "image/jpeg");
  hd_media_set_alt_text (media, alt);
  hd_store_save_media (fixture->env.store, media, &error);
  g_assert_no_error (error);

  return media;
}

static HdProviderPost *
new_request (Fixture    *fixture,
             const char *text,
             const char *key,
             guint       n_pictures)
{
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, text);
  HdProviderPost *request = test_provider_post (post, fixture->channel, key, TEST_NOW);

  for (guint i = 0; i < n_pictures; i++)
    {
      g_autoptr(HdMedia) media = import_jpeg (fixture, i == 0 ? "A freshly groomed spaniel"
                                                              : NULL);

      hd_provider_post_add_media (request, media);
    }

  return request;
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

static guint
count (Fixture    *fixture,
       const char *method,
       const char *suffix)
{
  GPtrArray *requests = hd_fake_server_get_requests (fixture->fake->facebook->server);
  guint n = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      HdFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, method) && g_str_has_suffix (request->path, suffix))
        n++;
    }

  return n;
}

static void
test_connect (Fixture       *fixture,
              gconstpointer  data)
{
  guint n_listed = 0;
  g_autoptr(HdChannel) channel = connect_account (fixture, &n_listed);
  g_autofree char *token = NULL;
  g_autofree char *secret = NULL;
  const char *scope = g_hash_table_lookup (fixture->fake->facebook->authorize_query, "scope");

  g_assert_nonnull (strstr (scope, "instagram_content_publish"));
  g_assert_nonnull (strstr (scope, "pages_manage_posts"));

  /* Of two Pages only one is linked to an Instagram account. */
  g_assert_cmpuint (n_listed, ==, 1);
  g_assert_cmpint (hd_channel_get_kind (channel), ==, HD_CHANNEL_KIND_INSTAGRAM);
  g_assert_cmpstr (hd_channel_get_remote_account_id (channel), ==, fixture->fake->ig_user_id);
  g_assert_cmpstr (hd_channel_get_handle (channel), ==, "@hazelandhound");
  g_assert_nonnull (strstr (hd_channel_get_limits (channel), fixture->fake->facebook->page_id));
  g_assert_cmpint (hd_channel_get_state (channel), ==, HD_CHANNEL_STATE_CONNECTED);

  token = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN);
  secret = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_CLIENT_SECRET);
  g_assert_cmpstr (token, ==, fixture->fake->facebook->page_token);
  g_assert_cmpstr (secret, ==, fixture->fake->facebook->client_secret);
  test_assert_not_in_database (&fixture->env, fixture->fake->facebook->page_token);
  test_assert_not_in_database (&fixture->env, fixture->fake->facebook->client_secret);

  g_assert_nonnull (strstr (hd_instagram_connect_get_setup_help (), "unpublished"));
}

static void
test_publish_image (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Fresh for spring #dogsofinstagram",
                                                   "i1", 1);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *photo;
  JsonObject *container;

  fixture->fake->container_polls = 2;
  result = publish (fixture, request, &error);
  g_assert_no_error (error);

  /* The quota was read first, the picture went up as an unpublished, temporary Page photo. */
  g_assert_cmpuint (count (fixture, "GET", "/content_publishing_limit"), ==, 1);
  photo = json_node_get_object (g_ptr_array_index (fixture->fake->facebook->photos, 0));
  g_assert_false (json_object_get_boolean_member (photo, "published"));
  g_assert_true (json_object_get_boolean_member (photo, "temporary"));

  /* One container with caption and alt text, polled until finished, published once. */
  g_assert_cmpuint (fixture->fake->containers->len, ==, 1);
  container = json_node_get_object (g_ptr_array_index (fixture->fake->containers, 0));
  g_assert_cmpstr (json_object_get_string_member (container, "caption"), ==,
                   "Fresh for spring #dogsofinstagram");
  g_assert_cmpstr (json_object_get_string_member (container, "alt_text"), ==,
                   "A freshly groomed spaniel");
  g_assert_cmpuint (count (fixture, "GET", json_object_get_string_member (container, "id")),
                    ==, 3);
  g_assert_cmpuint (fixture->fake->publishes, ==, 1);
  g_assert_cmpstr (result->record_key, ==, json_object_get_string_member (container, "id"));
  g_assert_true (g_str_has_prefix (result->remote_id, "18000"));
}

static void
test_publish_carousel (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Three looks", "i2", 3);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *carousel;

  result = publish (fixture, request, &error);
  g_assert_no_error (error);

  /* Three carousel items without captions, then the carousel with the caption. */
  g_assert_cmpuint (fixture->fake->containers->len, ==, 4);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *item = json_node_get_object (g_ptr_array_index (fixture->fake->containers, i));

      g_assert_true (json_object_get_boolean_member (item, "carousel_item"));
      g_assert_cmpstr (json_object_get_string_member (item, "caption"), ==, "");
    }
  carousel = json_node_get_object (g_ptr_array_index (fixture->fake->containers, 3));
  g_assert_cmpstr (json_object_get_string_member (carousel, "caption"), ==, "Three looks");
  g_assert_nonnull (json_object_get_string_member (carousel, "children"));
  g_assert_cmpuint (fixture->fake->publishes, ==, 1);
}

static void
test_caption_rules (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GString) tags = g_string_new ("Tags");
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HdProviderPost) hashtags = NULL;
  g_autoptr(HdProviderPost) too_long = NULL;
  g_autoptr(HdProviderPost) no_picture = NULL;
  g_autoptr(HdProviderPost) png = NULL;
  g_autoptr(HdMedia) png_media = NULL;
  g_autoptr(HdTextCount) count_hashtags = NULL;
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 31; i++)
    g_string_append_printf (tags, " #tag%u", i);
  for (guint i = 0; i < 2201; i++)
    g_string_append_c (long_text, 'a');

  hashtags = new_request (fixture, tags->str, "c1", 1);
  too_long = new_request (fixture, long_text->str, "c2", 1);
  no_picture = new_request (fixture, "Words only", "c3", 0);
  png = new_request (fixture, "A PNG", "c4", 0);
  png_media = test_import_png (&fixture->env, NULL);
  hd_provider_post_add_media (png, png_media);

  /* The composer's counter and the provider say the same thing. */
  count_hashtags = hd_text_count_new (HD_CHANNEL_KIND_INSTAGRAM, tags->str,
                                      hd_text_channel_default_limit (HD_CHANNEL_KIND_INSTAGRAM));
  g_assert_true (count_hashtags->over);
  g_assert_false (hd_provider_validate (fixture->provider, hashtags, TEST_NOW, problems));
  g_assert_cmpstr (g_ptr_array_index (problems, 0), ==, count_hashtags->problem);

  g_assert_false (hd_provider_validate (fixture->provider, too_long, TEST_NOW, problems));
  g_assert_false (hd_provider_validate (fixture->provider, no_picture, TEST_NOW, problems));
  g_assert_false (hd_provider_validate (fixture->provider, png, TEST_NOW, problems));
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 3), "JPEG"));

  result = publish (fixture, hashtags, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->facebook->server, NULL, "/"), ==, 0);
}

static void
test_container_is_idempotency_guard (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Only once", "g1", 1);
  g_autoptr(HdProviderPost) retry = NULL;
  g_autoptr(HdProviderResult) lost = NULL;
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *container;

  /* media_publish reached Instagram, but the answer was lost. */
  hd_fake_server_add_fault (fixture->fake->facebook->server, "POST", "/"
                            HD_FAKE_FACEBOOK_VERSION "/17841400000000001/media_publish",
                            HD_FAKE_FAULT_LOST_ANSWER, 0, NULL, NULL, 0);
  lost = publish (fixture, request, &error);
  g_assert_null (lost);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (fixture->fake->publishes, ==, 1);

  container = hd_instagram_provider_get_container (HD_INSTAGRAM_PROVIDER (fixture->provider),
                                                   "g1");
  g_assert_nonnull (container);

  /* The retry, in a new process that kept the container with the variant, finds it
   * published and never makes a second container. */
  g_clear_object (&fixture->provider);
  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);
  retry = test_provider_post (request->post, fixture->channel, "g1", TEST_NOW);
  for (guint i = 0; i < request->media->len; i++)
    hd_provider_post_add_media (retry, g_ptr_array_index (request->media, i));
  retry->retry = TRUE;
  retry->record_key = g_strdup (json_object_get_string_member (
                                  json_node_get_object (g_ptr_array_index (
                                    fixture->fake->containers, 0)), "id"));
  result = publish (fixture, retry, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->publishes, ==, 1);
  g_assert_cmpuint (fixture->fake->containers->len, ==, 1);
  g_assert_cmpstr (result->remote_id, ==, "180000000000001");
}

static void
test_retry_publishes_same_container (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Second try", "g2", 1);
  g_autoptr(HdProviderResult) failed = NULL;
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* media_publish fails before Instagram does anything; the container stays. */
  hd_fake_server_add_fault (fixture->fake->facebook->server, "POST", "/"
                            HD_FAKE_FACEBOOK_VERSION "/17841400000000001/media_publish",
                            HD_FAKE_FAULT_STATUS, 500,
                            "{\"error\":{\"message\":\"An unexpected error has occurred.\","
                            "\"type\":\"OAuthException\",\"code\":2,\"is_transient\":true}}",
                            NULL, 0);
  failed = publish (fixture, request, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
  g_clear_error (&error);

  request->retry = TRUE;
  result = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->containers->len, ==, 1);
  g_assert_cmpuint (fixture->fake->publishes, ==, 1);
  g_assert_cmpuint (count (fixture, "POST", "/media"), ==, 1);
}

static void
test_quota (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Over the limit", "q1", 1);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->fake->quota_usage = 100;
  result = publish (fixture, request, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "100 posts a day"));
  g_assert_cmpuint (hd_provider_error_get_retry_after (error), >, 0);
  g_assert_cmpuint (fixture->fake->containers->len, ==, 0);
  g_assert_cmpuint (fixture->fake->facebook->photos->len, ==, 0);
}

static void
test_container_error (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Broken picture", "e1", 1);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->fake->container_outcome = "ERROR";
  result = publish (fixture, request, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_cmpuint (fixture->fake->publishes, ==, 0);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(HdProviderPost) request = new_request (fixture, "Throttled", "e2", 1);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hd_fake_server_add_fault (fixture->fake->facebook->server, "GET", "/", HD_FAKE_FAULT_STATUS,
                            400, "{\"error\":{\"message\":\"Application request limit "
                            "reached\",\"type\":\"OAuthException\",\"code\":4}}", NULL, 0);
  result = publish (fixture, request, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  /* The linked Page's token was revoked: the channel needs reconnecting. */
  g_free (fixture->fake->facebook->page_token);
  fixture->fake->facebook->page_token = g_strdup ("EAAPAGE-other");
  result = publish (fixture, request, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH);
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==,
                   HD_CHANNEL_STATE_NEEDS_RECONNECT);
}

static void
test_no_native_scheduling (Fixture       *fixture,
                           gconstpointer  data)
{
  const HdProviderCaps *caps = hd_provider_get_caps (fixture->provider);
  g_autoptr(HdProviderPost) request = new_request (fixture, "Later", "n1", 1);
  g_autoptr(GAsyncResult) async = NULL;
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (caps->schedule_min_ahead, ==, HD_PROVIDER_NO_SCHEDULING);
  g_assert_cmpint (caps->idempotency, ==, HD_PROVIDER_IDEMPOTENCY_CONTAINER);
  g_assert_false (hd_provider_can_schedule_at (fixture->provider, TEST_NOW + 3600, TEST_NOW));

  request->scheduled_at = TEST_NOW + 3600;
  hd_provider_schedule_async (fixture->provider, request, NULL, test_store_result, &async);
  result = hd_provider_schedule_finish (fixture->provider, test_wait (&async), &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->facebook->server, NULL, "/"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, set_up, func) \
  g_test_add ("/herald/channels/instagram/" path, Fixture, NULL, set_up, func, fixture_tear_down)

  ADD ("connect", fixture_set_up, test_connect);
  ADD ("publish-image", connected_set_up, test_publish_image);
  ADD ("publish-carousel", connected_set_up, test_publish_carousel);
  ADD ("caption-rules", connected_set_up, test_caption_rules);
  ADD ("container-is-idempotency-guard", connected_set_up, test_container_is_idempotency_guard);
  ADD ("retry-publishes-same-container", connected_set_up, test_retry_publishes_same_container);
  ADD ("quota", connected_set_up, test_quota);
  ADD ("container-error", connected_set_up, test_container_error);
  ADD ("errors", connected_set_up, test_errors);
  ADD ("no-native-scheduling", connected_set_up, test_no_native_scheduling);

#undef ADD

  return g_test_run ();
}
