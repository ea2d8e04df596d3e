/* test-bluesky.c: connecting and posting to a Bluesky account, against a fake PDS
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "hd-fake-bluesky.h"
#include "hd-test-channels.h"

typedef struct
{
  TestEnv        env;
  HdFakeBluesky *fake;
  HdChannel     *channel;
  HdProvider    *provider;
} Fixture;

static HdChannel *
connect_account (Fixture     *fixture,
                 const char  *password,
                 HdChannel   *reconnecting,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_bluesky_connect_async (fixture->env.http, fixture->env.store,
                            hd_fake_bluesky_get_url (fixture->fake), "@" HD_FAKE_BLUESKY_HANDLE,
                            password, reconnecting, NULL, test_store_result, &result);
  return hd_bluesky_connect_finish (test_wait (&result), error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->fake = hd_fake_bluesky_new ();
  fixture->fake->now = TEST_NOW;
}

static void
connected_set_up (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up (fixture, data);
  fixture->channel = connect_account (fixture, HD_FAKE_BLUESKY_APP_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  fixture->provider = hd_provider_new_for_channel (fixture->env.http, fixture->env.store,
                                                   fixture->channel, &error);
  g_assert_no_error (error);
  hd_fake_server_clear_requests (fixture->fake->server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->provider);
  g_clear_object (&fixture->channel);
  hd_fake_bluesky_free (fixture->fake);
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

static HdProviderPost *
draft (Fixture    *fixture,
       const char *text,
       const char *key)
{
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, fixture->channel, text);

  return test_provider_post (post, fixture->channel, key, TEST_NOW);
}

static JsonObject *
stored_record (Fixture          *fixture,
               HdProviderResult *result)
{
  JsonObject *stored = hd_fake_bluesky_get_record (fixture->fake, result->record_key);

  g_assert_nonnull (stored);
  return json_object_get_object_member (stored, "value");
}

/* Connecting */

static void
test_connect_app_password (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = connect_account (fixture, HD_FAKE_BLUESKY_APP_PASSWORD, NULL,
                                                  &error);
  g_autoptr(HdChannel) stored = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *password = NULL;

  g_assert_no_error (error);
  stored = hd_store_load_channel (fixture->env.store, hd_channel_get_id (channel), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_kind (stored), ==, HD_CHANNEL_KIND_BLUESKY);
  g_assert_cmpint (hd_channel_get_state (stored), ==, HD_CHANNEL_STATE_CONNECTED);
  g_assert_cmpstr (hd_channel_get_handle (stored), ==, "@" HD_FAKE_BLUESKY_HANDLE);
  g_assert_cmpstr (hd_channel_get_remote_account_id (stored), ==, HD_FAKE_BLUESKY_DID);
  g_assert_cmpstr (hd_channel_get_base_url (stored), ==, hd_fake_bluesky_get_url (fixture->fake));

  access = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN);
  refresh = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_REFRESH_TOKEN);
  password = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_APP_PASSWORD);
  g_assert_nonnull (access);
  g_assert_nonnull (refresh);
  g_assert_cmpstr (password, ==, HD_FAKE_BLUESKY_APP_PASSWORD);
  test_assert_not_in_database (&fixture->env, access);
  test_assert_not_in_database (&fixture->env, refresh);
  test_assert_not_in_database (&fixture->env, HD_FAKE_BLUESKY_APP_PASSWORD);
}

static void
test_connect_wrong_password (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = connect_account (fixture, "wrong-pass-word-1234", NULL, &error);
  g_autoptr(GListModel) channels = NULL;

  g_assert_null (channel);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "app password"));

  channels = hd_store_list_channels (fixture->env.store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 0);
}

static void
test_reconnect_keeps_id (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture, "Kept", "key-kept");
  g_autoptr(HdChannel) again = NULL;
  g_autoptr(HdPost) kept = NULL;

  again = connect_account (fixture, HD_FAKE_BLUESKY_APP_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_channel_get_id (again), ==, hd_channel_get_id (fixture->channel));

  kept = hd_store_load_post (fixture->env.store, hd_post_get_id (request->post), &error);
  g_assert_no_error (error);
  g_assert_nonnull (hd_post_find_variant (kept, hd_channel_get_id (fixture->channel)));
}

/* Publishing */

static void
test_publish_facets (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture,
                                             "Hello 👋 https://example.com @alice.test #herald",
                                             "key-facets");
  g_autoptr(HdProviderResult) result = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *url = NULL;
  JsonObject *record;
  JsonArray *facets;
  static const struct { gint64 start, end; const char *type, *member, *value; } expected[] = {
    { 11, 30, "app.bsky.richtext.facet#link", "uri", "https://example.com" },
    { 31, 42, "app.bsky.richtext.facet#mention", "did", "did:plc:alice5x3n" },
    { 43, 50, "app.bsky.richtext.facet#tag", "tag", "herald" },
  };

  request->languages = g_strsplit ("en,de,fr,it", ",", -1);
  result = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_true (hd_tid_is_valid (result->record_key));
  uri = g_strconcat ("at://" HD_FAKE_BLUESKY_DID "/app.bsky.feed.post/", result->record_key,
                     NULL);
  url = g_strconcat ("https://bsky.app/profile/" HD_FAKE_BLUESKY_HANDLE "/post/",
                     result->record_key, NULL);
  g_assert_cmpstr (result->remote_id, ==, uri);
  g_assert_cmpstr (result->remote_url, ==, url);

  record = stored_record (fixture, result);
  g_assert_cmpstr (json_object_get_string_member (record, "$type"), ==, "app.bsky.feed.post");
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==,
                   "Hello 👋 https://example.com @alice.test #herald");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "langs")), ==, 3);
  g_assert_nonnull (json_object_get_string_member (record, "createdAt"));

  facets = json_object_get_array_member (record, "facets");
  g_assert_cmpuint (json_array_get_length (facets), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *facet = json_array_get_object_element (facets, i);
      JsonObject *index = json_object_get_object_member (facet, "index");
      JsonObject *feature = json_array_get_object_element (
        json_object_get_array_member (facet, "features"), 0);

      g_assert_cmpint (json_object_get_int_member (index, "byteStart"), ==, expected[i].start);
      g_assert_cmpint (json_object_get_int_member (index, "byteEnd"), ==, expected[i].end);
      g_assert_cmpstr (json_object_get_string_member (feature, "$type"), ==, expected[i].type);
      g_assert_cmpstr (json_object_get_string_member (feature, expected[i].member), ==,
                       expected[i].value);
    }
}

static void
test_unresolvable_mention (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture, "Thanks @nobody.test!", "key-nobody");
  g_autoptr(HdProviderResult) result = publish (fixture, request, &error);
  JsonObject *record;

  g_assert_no_error (error);
  record = stored_record (fixture, result);
  g_assert_false (json_object_has_member (record, "facets"));
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "GET",
                                          "/xrpc/com.atproto.identity.resolveHandle"), ==, 1);
}

static void
test_publish_image (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture, "Fresh out of the oven", "key-image");
  g_autoptr(HdMedia) media = test_import_png (&fixture->env, "A white pixel of bread");
  g_autoptr(HdProviderResult) result = NULL;
  HdFakeRequest *upload;
  JsonObject *record;
  JsonObject *image;
  JsonObject *blob;

  hd_provider_post_add_media (request, media);
  result = publish (fixture, request, &error);
  g_assert_no_error (error);

  upload = hd_fake_server_last (fixture->fake->server, "POST", "/xrpc/com.atproto.repo.uploadBlob");
  g_assert_cmpstr (soup_message_headers_get_content_type (upload->headers, NULL), ==, "image/png");

  record = stored_record (fixture, result);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record, "embed"),
                                                  "$type"), ==, "app.bsky.embed.images");
  image = json_array_get_object_element (json_object_get_array_member (
    json_object_get_object_member (record, "embed"), "images"), 0);
  g_assert_cmpstr (json_object_get_string_member (image, "alt"), ==, "A white pixel of bread");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (image, "aspectRatio"),
                                               "width"), ==, 1);
  blob = json_object_get_object_member (image, "image");
  g_assert_cmpstr (json_object_get_string_member (blob, "$type"), ==, "blob");
  g_assert_cmpstr (json_object_get_string_member (blob, "mimeType"), ==, "image/png");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (
    json_object_get_object_member (blob, "ref"), "$link"), "bafkrei"));
}

static HdMedia *
import_big_picture (Fixture *fixture)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1200, 900);
  g_autofree char *path = g_build_filename (fixture->env.dir, "noise.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  gsize length = (gsize) gdk_pixbuf_get_rowstride (pixbuf) * 900;
  GRand *rand = g_rand_new_with_seed (7);
  HdMedia *media;

  /* Noise does not compress: well over 1,000,000 bytes as PNG. */
  for (gsize i = 0; i < length; i++)
    pixels[i] = g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);

  media = hd_store_import_media (fixture->env.store, file, NULL, &error);
  g_assert_no_error (error);
  hd_media_set_alt_text (media, "Static");
  return media;
}

static void
test_publish_big_image (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture, "Texture", "key-big");
  g_autoptr(HdMedia) media = import_big_picture (fixture);
  g_autoptr(HdProviderResult) result = NULL;
  HdFakeRequest *upload;

  g_assert_cmpint (hd_media_get_bytes (media), >, 1000000);
  hd_provider_post_add_media (request, media);
  result = publish (fixture, request, &error);
  g_assert_no_error (error);

  upload = hd_fake_server_last (fixture->fake->server, "POST", "/xrpc/com.atproto.repo.uploadBlob");
  g_assert_cmpuint (g_bytes_get_size (upload->body), <=, 1000000);
  g_assert_cmpstr (soup_message_headers_get_content_type (upload->headers, NULL), ==, "image/jpeg");
}

static void
test_retry_after_lost_answer (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture, "Only once", "key-lost");
  g_autoptr(HdProviderResult) first = NULL;
  g_autoptr(HdProviderResult) second = NULL;

  /* The record is written but the answer is lost: Herald looks it up by its key. */
  hd_fake_server_add_fault (fixture->fake->server, "POST", "/xrpc/com.atproto.repo.createRecord",
                            HD_FAKE_FAULT_LOST_ANSWER, 0, NULL, NULL, 0);
  first = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (fixture->fake->records), ==, 1);

  /* A retry after a crash looks first and writes nothing. */
  request->retry = TRUE;
  second = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->remote_id, ==, first->remote_id);
  g_assert_cmpuint (g_hash_table_size (fixture->fake->records), ==, 1);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "POST",
                                          "/xrpc/com.atproto.repo.createRecord"), ==, 1);
}

static void
test_reused_rkey_answer (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture, "Twice?", "key-twice");
  g_autoptr(HdProviderResult) first = publish (fixture, request, &error);
  g_autoptr(HdProviderResult) second = NULL;

  g_assert_no_error (error);

  /* Sent again without knowing: the PDS answers 500, the record is there, nothing doubles. */
  second = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->remote_id, ==, first->remote_id);
  g_assert_cmpuint (g_hash_table_size (fixture->fake->records), ==, 1);
}

static void
test_refresh_before_expiry (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture, "After a while", "key-refresh");
  g_autoptr(HdProviderResult) result = NULL;
  g_autofree char *before = test_lookup_secret (hd_channel_get_id (fixture->channel),
                                                HD_SECRET_KIND_REFRESH_TOKEN);
  g_autofree char *after = NULL;

  /* 119 minutes later the two-hour access token has a minute left: refresh first. */
  fixture->env.now = TEST_NOW + 119 * 60;
  fixture->fake->now = fixture->env.now;
  result = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->sessions_refreshed, ==, 1);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "POST",
                                          "/xrpc/com.atproto.server.refreshSession"), ==, 1);

  /* The rotated refresh token replaced the spent one in the keyring. */
  after = test_lookup_secret (hd_channel_get_id (fixture->channel), HD_SECRET_KIND_REFRESH_TOKEN);
  g_assert_cmpstr (after, !=, before);
  g_assert_true (g_hash_table_contains (fixture->fake->refresh_tokens, after));
}

static void
test_refresh_on_expired_token (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture, "Clock skew", "key-skew");
  g_autoptr(HdProviderResult) result = NULL;

  /* The server's clock is three hours ahead of the laptop's: it says ExpiredToken. */
  fixture->fake->now = TEST_NOW + 3 * 60 * 60;
  result = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->sessions_refreshed, ==, 1);
  g_assert_cmpuint (g_hash_table_size (fixture->fake->records), ==, 1);
}

static void
test_new_session_when_refresh_expired (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture, "Months later", "key-months");
  g_autoptr(HdProviderResult) result = NULL;
  guint created = fixture->fake->sessions_created;

  /* 100 days: the refresh token is spent too; the app password starts a new session. */
  fixture->env.now = TEST_NOW + 100 * 24 * 60 * 60;
  fixture->fake->now = fixture->env.now;
  result = publish (fixture, request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->sessions_created, ==, created + 1);
}

static void
test_auth_failure_needs_reconnect (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture, "Draft stays", "key-auth");
  g_autoptr(HdProviderResult) result = NULL;
  g_autoptr(HdChannel) stored = NULL;
  g_autoptr(HdPost) kept = NULL;

  /* The user revoked the app password: every token and the password stop working. */
  g_hash_table_remove_all (fixture->fake->access_tokens);
  g_hash_table_remove_all (fixture->fake->refresh_tokens);
  g_free (fixture->fake->app_password);
  fixture->fake->app_password = g_strdup ("revoked-revoked-1");

  result = publish (fixture, request, &error);
  g_assert_null (result);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH);
  g_clear_error (&error);

  stored = hd_store_load_channel (fixture->env.store, hd_channel_get_id (fixture->channel), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_state (stored), ==, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  kept = hd_store_load_post (fixture->env.store, hd_post_get_id (request->post), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_post_get_text (kept), ==, "Draft stays");
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT, TEST_NOW + 240);
  const char * const rate_headers[] = {
    "RateLimit-Limit", "5000", "RateLimit-Remaining", "0", "RateLimit-Reset", reset, NULL,
  };
  struct {
    HdFakeFaultKind kind;
    guint status;
    const char *body;
    const char * const *headers;
    int expected;
  } cases[] = {
    { HD_FAKE_FAULT_STATUS, 429,
      "{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}",
      rate_headers, HD_PROVIDER_ERROR_RATE_LIMITED },
    { HD_FAKE_FAULT_STATUS, 502, "{\"error\":\"UpstreamFailure\",\"message\":\"Upstream Failure\"}",
      NULL, HD_PROVIDER_ERROR_TRANSIENT },
    { HD_FAKE_FAULT_STATUS, 400,
      "{\"error\":\"InvalidRequest\",\"message\":\"Invalid app.bsky.feed.post record: "
      "Record/text must not be longer than 300 graphemes\"}",
      NULL, HD_PROVIDER_ERROR_INVALID },
    { HD_FAKE_FAULT_MALFORMED, 0, NULL, NULL, HD_PROVIDER_ERROR_TRANSIENT },
    { HD_FAKE_FAULT_TRUNCATED, 0, NULL, NULL, HD_PROVIDER_ERROR_TRANSIENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = g_strdup_printf ("key-error-%u", i);
      g_autoptr(HdProviderPost) request = draft (fixture, "Errors", key);
      g_autoptr(HdProviderResult) result = NULL;
      g_autoptr(HdMedia) media = test_import_png (&fixture->env, "x");
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      /* uploadBlob is never retried by a look-up, so its answer reaches the caller as is. */
      hd_provider_post_add_media (request, media);
      hd_fake_server_add_fault (fixture->fake->server, "POST", "/xrpc/com.atproto.repo.uploadBlob",
                                cases[i].kind, cases[i].status, cases[i].body,
                                cases[i].headers, 0);
      result = publish (fixture, request, &error);
      g_assert_null (result);
      g_assert_error (error, HD_PROVIDER_ERROR, cases[i].expected);
      if (cases[i].expected == HD_PROVIDER_ERROR_RATE_LIMITED)
        {
          g_assert_cmpuint (hd_provider_error_get_retry_after (error), ==, 240);
          hd_rate_limiter_forget (hd_http_get_rate_limiter (fixture->env.http),
                                  hd_channel_get_id (fixture->channel));
        }
      if (cases[i].expected == HD_PROVIDER_ERROR_INVALID)
        g_assert_nonnull (strstr (error->message, "300 graphemes"));
    }
}

static void
test_delete_and_lookup (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdProviderPost) request = draft (fixture, "Gone soon", "key-delete");
  g_autoptr(HdProviderResult) published = publish (fixture, request, &error);
  g_autoptr(HdProviderResult) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_no_error (error);
  hd_provider_lookup_async (fixture->provider, request, NULL, test_store_result, &result);
  found = hd_provider_lookup_finish (fixture->provider, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->remote_id, ==, published->remote_id);
  g_assert_cmpstr (found->text, ==, "Gone soon");
  g_clear_object (&result);

  hd_provider_delete_async (fixture->provider, published->remote_id, HD_PROVIDER_DELETE_NONE,
                            NULL, test_store_result, &result);
  g_assert_true (hd_provider_delete_finish (fixture->provider, test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (fixture->fake->records), ==, 0);
  g_clear_object (&result);

  hd_provider_lookup_async (fixture->provider, request, NULL, test_store_result, &result);
  g_assert_null (hd_provider_lookup_finish (fixture->provider, test_wait (&result), &error));
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
}

static void
test_jwt_expiry (void)
{
  /* {"alg":"HS256"} . {"sub":"did:plc:x","exp":1772452800} */
  g_assert_cmpint (hd_bluesky_jwt_get_expiry ("eyJhbGciOiJIUzI1NiJ9."
                                              "eyJzdWIiOiJkaWQ6cGxjOngiLCJleHAiOjE3NzI0NTI4MDB9."
                                              "c2ln"), ==, 1772452800);
  g_assert_cmpint (hd_bluesky_jwt_get_expiry ("not-a-jwt"), ==, 0);
  g_assert_cmpint (hd_bluesky_jwt_get_expiry ("a.!!!.c"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, set_up, func) \
  g_test_add ("/herald/channels/bluesky/" path, Fixture, NULL, set_up, func, fixture_tear_down)

  g_test_add_func ("/herald/channels/bluesky/jwt-expiry", test_jwt_expiry);
  ADD ("connect/app-password", fixture_set_up, test_connect_app_password);
  ADD ("connect/wrong-password-stores-nothing", fixture_set_up, test_connect_wrong_password);
  ADD ("connect/reconnect-keeps-id", connected_set_up, test_reconnect_keeps_id);
  ADD ("publish/facets", connected_set_up, test_publish_facets);
  ADD ("publish/unresolvable-mention", connected_set_up, test_unresolvable_mention);
  ADD ("publish/image-with-alt", connected_set_up, test_publish_image);
  ADD ("publish/big-image-shrunk", connected_set_up, test_publish_big_image);
  ADD ("publish/retry-after-lost-answer", connected_set_up, test_retry_after_lost_answer);
  ADD ("publish/reused-rkey", connected_set_up, test_reused_rkey_answer);
  ADD ("session/refresh-before-expiry", connected_set_up, test_refresh_before_expiry);
  ADD ("session/refresh-on-expired-token", connected_set_up, test_refresh_on_expired_token);
  ADD ("session/new-session-with-app-password", connected_set_up,
       test_new_session_when_refresh_expired);
  ADD ("errors/auth-needs-reconnect", connected_set_up, test_auth_failure_needs_reconnect);
  ADD ("errors/rate-limit-server-invalid-malformed-truncated", connected_set_up, test_errors);
  ADD ("delete-and-lookup", connected_set_up, test_delete_and_lookup);

#undef ADD

  return g_test_run ();
}
