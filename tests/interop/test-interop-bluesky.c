/* test-interop-bluesky.c: Herald's Bluesky provider against the reference PDS
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "hd-interop.h"
#include "../channels/hd-test-channels.h"

static void
test_publish_to_reference_pds (void)
{
  JsonObject *pds = interop_peer ("pds");
  g_autoptr(SoupSession) user = soup_session_new ();
  g_autoptr(JsonNode) account = NULL;
  g_autoptr(JsonNode) app_password = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdProvider) provider = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(HdMedia) media = NULL;
  g_autoptr(HdProviderPost) request = NULL;
  g_autoptr(HdProviderResult) published = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *text = NULL;
  g_autofree char *idempotency_key = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *body = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *did = NULL;
  TestEnv env = { 0, };
  const char *pds_url;
  JsonObject *record;
  JsonArray *facets;
  JsonObject *image;
  guint status = 0;
  gint64 started;

  if (pds == NULL)
    {
      g_test_skip ("No PDS in HERALD_PEERS_FILE: run through tests/interop/with-peers.sh");
      return;
    }

  pds_url = json_object_get_string_member (pds, "url");
  test_env_init (&env);
  env.now = g_get_real_time () / G_USEC_PER_SEC;

  /* The user makes an account and an app password, as in Bluesky's settings. */
  handle = g_strdup_printf ("bakery%04x%s", g_random_int_range (0, 0xffff),
                            json_object_get_string_member (pds, "handle_suffix"));
  uri = g_strconcat (pds_url, "/xrpc/com.atproto.server.createAccount", NULL);
  body = g_strdup_printf ("{\"handle\":\"%s\",\"email\":\"%s@example.com\","
                          "\"password\":\"account-password-1\"}", handle, handle);
  account = interop_request (user, "POST", uri, NULL, body, &status);
  g_assert_cmpuint (status, ==, 200);
  did = g_strdup (json_object_get_string_member (json_node_get_object (account), "did"));
  authorization = g_strconcat ("Bearer ",
                               json_object_get_string_member (json_node_get_object (account),
                                                              "accessJwt"), NULL);
  g_free (uri);
  uri = g_strconcat (pds_url, "/xrpc/com.atproto.server.createAppPassword", NULL);
  app_password = interop_request (user, "POST", uri, authorization, "{\"name\":\"Herald\"}",
                                  &status);
  g_assert_cmpuint (status, ==, 200);

  /* Herald signs in with the app password. */
  started = g_get_monotonic_time ();
  hd_bluesky_connect_async (env.http, env.store, pds_url, handle,
                            json_object_get_string_member (json_node_get_object (app_password),
                                                           "password"),
                            NULL, NULL, interop_store_result, &result);
  channel = hd_bluesky_connect_finish (interop_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_channel_get_remote_account_id (channel), ==, did);
  g_test_message ("connect: %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);
  g_clear_object (&result);

  provider = hd_provider_new_for_channel (env.http, env.store, channel, &error);
  g_assert_no_error (error);

  text = g_strdup_printf ("Hello 👋 https://example.com/bread?fresh=1 @%s #herald", handle);
  post = test_save_draft (&env, channel, text);
  media = test_import_png (&env, "One white pixel, standing in for a loaf");
  idempotency_key = g_uuid_string_random ();
  request = test_provider_post (post, channel, idempotency_key, env.now);
  request->languages = g_strsplit ("en", ",", -1);
  hd_provider_post_add_media (request, media);

  started = g_get_monotonic_time ();
  hd_provider_publish_async (provider, request, NULL, interop_store_result, &result);
  published = hd_provider_publish_finish (provider, interop_wait (&result), &error);
  g_assert_no_error (error);
  g_test_message ("publish with image: %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - started) / 1000);
  g_clear_object (&result);

  /* Read back as anyone would, with listRecords. */
  g_free (uri);
  uri = g_strdup_printf ("%s/xrpc/com.atproto.repo.listRecords?repo=%s"
                         "&collection=app.bsky.feed.post", pds_url, did);
  listed = interop_request (user, "GET", uri, NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_node_get_object (listed), "records")), ==, 1);
  record = json_object_get_object_member (json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (listed), "records"), 0), "value");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (listed), "records"), 0), "uri"), ==,
    published->remote_id);
  g_assert_cmpstr (json_object_get_string_member (record, "text"), ==, text);

  facets = json_object_get_array_member (record, "facets");
  g_assert_cmpuint (json_array_get_length (facets), ==, 3);
  {
    static const char * const types[] = {
      "app.bsky.richtext.facet#link", "app.bsky.richtext.facet#mention",
      "app.bsky.richtext.facet#tag",
    };
    g_autofree char *mention = g_strconcat ("@", handle, NULL);
    const char *covered[] = { "https://example.com/bread?fresh=1", mention, "#herald" };

    for (guint i = 0; i < 3; i++)
      {
        JsonObject *facet = json_array_get_object_element (facets, i);
        JsonObject *index = json_object_get_object_member (facet, "index");
        JsonObject *feature = json_array_get_object_element (
          json_object_get_array_member (facet, "features"), 0);
        gint64 start = json_object_get_int_member (index, "byteStart");
        gint64 end = json_object_get_int_member (index, "byteEnd");
        const char *back = json_object_get_string_member (record, "text");

        /* Byte offsets: the emoji before the link is 4 bytes. */
        g_assert_cmpint (start, ==, strstr (back, covered[i]) - back);
        g_assert_cmpint (end - start, ==, strlen (covered[i]));
        g_assert_cmpstr (json_object_get_string_member (feature, "$type"), ==, types[i]);
      }
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
      json_array_get_object_element (facets, 0), "index"), "byteStart"), ==, 11);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (facets, 1), "features"), 0),
      "did"), ==, did);
  }

  image = json_array_get_object_element (json_object_get_array_member (
    json_object_get_object_member (record, "embed"), "images"), 0);
  g_assert_cmpstr (json_object_get_string_member (image, "alt"), ==,
                   "One white pixel, standing in for a loaf");
  {
    JsonObject *blob = json_object_get_object_member (image, "image");
    const char *cid = json_object_get_string_member (json_object_get_object_member (blob, "ref"),
                                                     "$link");
    g_autofree char *blob_uri = g_strdup_printf ("%s/xrpc/com.atproto.sync.getBlob?did=%s&cid=%s",
                                                 pds_url, did, cid);
    g_autoptr(SoupMessage) message = soup_message_new ("GET", blob_uri);
    g_autoptr(GBytes) bytes = soup_session_send_and_read (user, message, NULL, &error);
    g_autofree guchar *png = NULL;
    gsize length = 0;

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (blob, "mimeType"), ==, "image/png");
    g_assert_cmpuint (soup_message_get_status (message), ==, 200);
    png = g_base64_decode (TEST_PNG_BASE64, &length);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), png, length);
  }

  /* A retry with the same change finds the record instead of posting twice. */
  request->retry = TRUE;
  {
    g_autoptr(HdProviderResult) again = NULL;

    hd_provider_publish_async (provider, request, NULL, interop_store_result, &result);
    again = hd_provider_publish_finish (provider, interop_wait (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again->remote_id, ==, published->remote_id);
    g_clear_object (&result);
  }

  /* Deleted: gone from the repository. */
  hd_provider_delete_async (provider, published->remote_id, HD_PROVIDER_DELETE_NONE, NULL,
                            interop_store_result, &result);
  g_assert_true (hd_provider_delete_finish (provider, interop_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_pointer (&listed, json_node_unref);
  listed = interop_request (user, "GET", uri, NULL, NULL, &status);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    json_node_get_object (listed), "records")), ==, 0);

  g_clear_object (&result);
  g_clear_object (&provider);
  g_clear_pointer (&request, hd_provider_post_unref);
  g_clear_object (&post);
  g_clear_object (&media);
  test_env_clear (&env);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/interop/bluesky/publish-to-reference-pds",
                   test_publish_to_reference_pds);

  return g_test_run ();
}
