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

static HdMedia *
jpeg_of_size (int width,
              int height)
{
  HdMedia *media = hd_media_new ();

  hd_media_set_mime_type (media, "image/jpeg");
  hd_media_set_bytes (media, 200000);
  hd_media_set_width (media, width);
  hd_media_set_height (media, height);

  return media;
}

static const char *
shape_problem (int        width,
               int        height,
               GPtrArray *problems)
{
  g_autoptr(HdMedia) media = jpeg_of_size (width, height);

  g_ptr_array_set_size (problems, 0);
  if (hd_media_check_for_channel (HD_CHANNEL_KIND_INSTAGRAM, &media, 1, problems))
    return NULL;

  return g_ptr_array_index (problems, 0);
}

static void
test_aspect_ratio (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) provider_problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HdProviderPost) tall = new_request (fixture, "A tall one", "a1", 0);
  g_autoptr(HdMedia) tall_media = jpeg_of_size (1000, 3000);
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Both edges are taken, and everything between. */
  g_assert_null (shape_problem (1080, 1350, problems));
  g_assert_null (shape_problem (1910, 1000, problems));
  g_assert_null (shape_problem (1080, 1080, problems));
  /* A size not read yet is left to Instagram. */
  g_assert_null (shape_problem (0, 0, problems));

  /* Just past either edge is not, with a sentence that says what to do. */
  g_assert_nonnull (shape_problem (1000, 1251, problems));
  g_assert_nonnull (shape_problem (1911, 1000, problems));
  g_assert_cmpstr (shape_problem (2000, 1000, problems), ==,
                   "Instagram needs a picture between 4:5 and 1.91:1; picture 1 is 2:1. "
                   "Crop it first.");
  g_assert_cmpstr (shape_problem (1000, 3000, problems), ==,
                   "Instagram needs a picture between 4:5 and 1.91:1; picture 1 is 1:3. "
                   "Crop it first.");
  g_assert_cmpstr (shape_problem (1999, 1000, problems), ==,
                   "Instagram needs a picture between 4:5 and 1.91:1; picture 1 is 2.00:1. "
                   "Crop it first.");

  /* The provider refuses the same picture in the same words, before any request. */
  hd_provider_post_add_media (tall, tall_media);
  g_assert_false (hd_provider_validate (fixture->provider, tall, TEST_NOW, provider_problems));
  g_assert_cmpstr (g_ptr_array_index (provider_problems, 0), ==,
                   shape_problem (1000, 3000, problems));
  result = publish (fixture, tall, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Crop it first"));
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

/* What the caller keeps where a restart finds it. */
typedef struct
{
  GPtrArray *keys;
  /* media_publish calls the fake had seen when the key was handed over */
  guint      publishes_then;
  HdFakeInstagram *fake;
} KeptKeys;

static void
on_record_key_made (const char *record_key,
                    gpointer    user_data)
{
  KeptKeys *kept = user_data;

  g_ptr_array_add (kept->keys, g_strdup (record_key));
  kept->publishes_then = kept->fake->publishes;
}

static const char *
container_id (Fixture *fixture,
              guint    index)
{
  JsonObject *container = json_node_get_object (g_ptr_array_index (fixture->fake->containers,
                                                                   index));

  return json_object_get_string_member (container, "id");
}

/* A provider of a new process: nothing in memory from the attempt before. */
static void
restart (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->provider);
  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);
  hd_instagram_provider_set_poll_interval (HD_INSTAGRAM_PROVIDER (fixture->provider), 5);
}

/* The same change again, as the outbox hands it over after a restart: its key, its
 * pictures, and the container kept from the attempt before. */
static HdProviderPost *
retry_request (Fixture        *fixture,
               HdProviderPost *first,
               const char     *record_key,
               KeptKeys       *kept)
{
  HdProviderPost *retry = test_provider_post (first->post, fixture->channel,
                                              first->idempotency_key, first->queued_at);

  for (guint i = 0; i < first->media->len; i++)
    hd_provider_post_add_media (retry, g_ptr_array_index (first->media, i));
  retry->retry = TRUE;
  retry->record_key = g_strdup (record_key);
  retry->record_key_made = on_record_key_made;
  retry->record_key_made_data = kept;

  return retry;
}

/* The first attempt makes its container and hands it over, then media_publish fails before
 * Instagram does anything. */
static void
publish_fails_after_container (Fixture        *fixture,
                               HdProviderPost *request,
                               KeptKeys       *kept)
{
  g_autoptr(HdProviderResult) failed = NULL;
  g_autoptr(GError) error = NULL;

  request->record_key_made = on_record_key_made;
  request->record_key_made_data = kept;
  hd_fake_server_add_fault (fixture->fake->facebook->server, "POST", "/"
                            HD_FAKE_FACEBOOK_VERSION "/17841400000000001/media_publish",
                            HD_FAKE_FAULT_STATUS, 500,
                            "{\"error\":{\"message\":\"An unexpected error has occurred.\","
                            "\"type\":\"OAuthException\",\"code\":2,\"is_transient\":true}}",
                            NULL, 0);
  failed = publish (fixture, request, &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
  g_assert_cmpuint (fixture->fake->containers->len, ==, 1);
  g_assert_cmpuint (kept->keys->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (kept->keys, 0), ==, container_id (fixture, 0));
}

static void
test_container_survives_restart (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  KeptKeys kept = { keys, G_MAXUINT, fixture->fake };
  g_autoptr(HdProviderPost) request = new_request (fixture, "Kept across a restart", "r1", 1);
  g_autoptr(HdProviderPost) retry = NULL;
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* The container is handed over before anything is published. */
  fixture->fake->container_polls = 1;
  publish_fails_after_container (fixture, request, &kept);
  g_assert_cmpuint (kept.publishes_then, ==, 0);

  /* A new process, with the key the caller kept: the same container goes out, with no new
   * picture, container or caption search. */
  restart (fixture);
  hd_fake_server_clear_requests (fixture->fake->facebook->server);
  retry = retry_request (fixture, request, g_ptr_array_index (keys, 0), &kept);
  result = publish (fixture, retry, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->publishes, ==, 1);
  g_assert_cmpuint (fixture->fake->containers->len, ==, 1);
  g_assert_cmpuint (fixture->fake->facebook->photos->len, ==, 1);
  g_assert_cmpuint (count (fixture, "GET", "/media"), ==, 0);
  g_assert_cmpuint (count (fixture, "POST", "/media"), ==, 0);
  g_assert_cmpstr (result->record_key, ==, container_id (fixture, 0));
  g_assert_cmpuint (keys->len, ==, 1);
}

static void
test_container_in_progress_after_restart (Fixture       *fixture,
                                          gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  KeptKeys kept = { keys, G_MAXUINT, fixture->fake };
  g_autoptr(HdProviderPost) request = new_request (fixture, "Still preparing", "r2", 1);
  g_autoptr(HdProviderPost) retry = NULL;
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  publish_fails_after_container (fixture, request, &kept);

  /* Instagram is preparing the container again when the retry asks: it waits for it. */
  fixture->fake->container_polls = 1;
  hd_fake_instagram_set_container_status (fixture->fake, container_id (fixture, 0),
                                          "IN_PROGRESS");
  restart (fixture);
  hd_fake_server_clear_requests (fixture->fake->facebook->server);
  retry = retry_request (fixture, request, g_ptr_array_index (keys, 0), &kept);
  result = publish (fixture, retry, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count (fixture, "GET", container_id (fixture, 0)), ==, 2);
  g_assert_cmpuint (fixture->fake->containers->len, ==, 1);
  g_assert_cmpuint (fixture->fake->publishes, ==, 1);
}

static void
check_new_container_after (Fixture    *fixture,
                           const char *key,
                           const char *status)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  KeptKeys kept = { keys, G_MAXUINT, fixture->fake };
  g_autoptr(HdProviderPost) request = new_request (fixture, "Made again", key, 1);
  g_autoptr(HdProviderPost) retry = NULL;
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(GError) error = NULL;

  publish_fails_after_container (fixture, request, &kept);
  if (status != NULL)
    hd_fake_instagram_set_container_status (fixture->fake, container_id (fixture, 0), status);
  else
    fixture->fake->facebook->now += 25 * 60 * 60;

  restart (fixture);
  hd_fake_server_clear_requests (fixture->fake->facebook->server);
  retry = retry_request (fixture, request, g_ptr_array_index (keys, 0), &kept);
  result = publish (fixture, retry, &error);
  g_assert_no_error (error);

  /* The old container never went out, so a new one is made (after reading the quota) and
   * handed over in its place, with no search of the account first. */
  g_assert_cmpuint (fixture->fake->containers->len, ==, 2);
  g_assert_cmpuint (fixture->fake->publishes, ==, 1);
  g_assert_cmpuint (count (fixture, "GET", "/content_publishing_limit"), ==, 1);
  g_assert_cmpuint (count (fixture, "GET", "/media"), ==, 0);
  g_assert_cmpuint (keys->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (keys, 1), ==, container_id (fixture, 1));
  g_assert_cmpstr (result->record_key, ==, container_id (fixture, 1));
  g_assert_cmpstr (json_object_get_string_member (
                     hd_fake_instagram_container (fixture->fake, container_id (fixture, 1)),
                     "status_code"), ==, "PUBLISHED");
}

static void
test_expired_container_made_again (Fixture       *fixture,
                                   gconstpointer  data)
{
  /* A day later, by the fake's own clock. */
  check_new_container_after (fixture, "x1", NULL);
}

static void
test_failed_container_made_again (Fixture       *fixture,
                                  gconstpointer  data)
{
  check_new_container_after (fixture, "x2", "ERROR");
}

static HdProviderResult *
look_up (Fixture         *fixture,
         HdProviderPost  *request,
         GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_provider_lookup_async (fixture->provider, request, NULL, test_store_result, &result);
  return hd_provider_lookup_finish (fixture->provider, test_wait (&result), error);
}

static void
test_lookup_by_container (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  KeptKeys kept = { keys, G_MAXUINT, fixture->fake };
  g_autoptr(HdProviderPost) request = new_request (fixture, "Reconciled", "l1", 1);
  g_autoptr(HdProviderPost) after_restart = NULL;
  g_autoptr(HdProviderPost) unknown = NULL;
  g_autoptr(HdProviderResult) not_out = NULL;
  g_autoptr(HdProviderResult) out = NULL;
  g_autoptr(HdProviderResult) by_caption = NULL;
  g_autoptr(HdProviderResult) published = NULL;
  g_autoptr(GError) error = NULL;

  publish_fails_after_container (fixture, request, &kept);

  /* The kept container is ready but was not published: the post is not out, and the
   * container alone says so. */
  restart (fixture);
  hd_fake_server_clear_requests (fixture->fake->facebook->server);
  after_restart = retry_request (fixture, request, g_ptr_array_index (keys, 0), &kept);
  not_out = look_up (fixture, after_restart, &error);
  g_assert_no_error (error);
  g_assert_null (not_out);
  g_assert_cmpuint (count (fixture, "GET", container_id (fixture, 0)), ==, 1);
  g_assert_cmpuint (count (fixture, "GET", "/media"), ==, 0);

  /* Published since (by the attempt that follows reconciliation): found through the
   * container, as the medium Instagram made of it. */
  published = publish (fixture, after_restart, &error);
  g_assert_no_error (error);
  restart (fixture);
  out = look_up (fixture, after_restart, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  g_assert_cmpstr (out->remote_id, ==, published->remote_id);
  g_assert_cmpuint (fixture->fake->publishes, ==, 1);

  /* A container Graph does not know: the caption search decides. */
  unknown = retry_request (fixture, request, "17900999999999", &kept);
  by_caption = look_up (fixture, unknown, &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_caption);
  g_assert_cmpstr (by_caption->remote_id, ==, published->remote_id);
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
  ADD ("aspect-ratio", connected_set_up, test_aspect_ratio);
  ADD ("container-is-idempotency-guard", connected_set_up, test_container_is_idempotency_guard);
  ADD ("retry-publishes-same-container", connected_set_up, test_retry_publishes_same_container);
  ADD ("container-survives-restart", connected_set_up, test_container_survives_restart);
  ADD ("container-in-progress-after-restart", connected_set_up,
       test_container_in_progress_after_restart);
  ADD ("expired-container-made-again", connected_set_up, test_expired_container_made_again);
  ADD ("failed-container-made-again", connected_set_up, test_failed_container_made_again);
  ADD ("lookup-by-container", connected_set_up, test_lookup_by_container);
  ADD ("quota", connected_set_up, test_quota);
  ADD ("container-error", connected_set_up, test_container_error);
  ADD ("errors", connected_set_up, test_errors);
  ADD ("no-native-scheduling", connected_set_up, test_no_native_scheduling);

#undef ADD

  return g_test_run ();
}
