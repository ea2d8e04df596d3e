/* test-interop-mastodon.c: every request of Herald's Mastodon provider checked by Prism
 * against the Mastodon OpenAPI description
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "hd-interop.h"
#include "../channels/hd-test-channels.h"

typedef struct
{
  GPtrArray   *seen;
  SoupSession *browser;
  gboolean     browser_done;
} Watch;

static void
on_message_finished (SoupMessage *message,
                     Watch       *watch)
{
  const char *violations = soup_message_headers_get_one (
    soup_message_get_response_headers (message), "sl-violations");
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(JsonNode) parsed = violations != NULL ? json_from_string (violations, NULL) : NULL;
  guint status = soup_message_get_status (message);
  GUri *uri = soup_message_get_uri (message);

  /* Herald's own loopback listener is no part of Mastodon. */
  if (g_uri_get_port (uri) > 0 && strstr (g_uri_get_path (uri), "/callback") != NULL)
    return;

  g_string_printf (line, "%s %s -> %u", soup_message_get_method (message), g_uri_get_path (uri),
                   status);
  g_ptr_array_add (watch->seen, g_strdup (line->str));
  g_test_message ("%s", line->str);

  g_assert_cmpuint (status, >=, 200);
  g_assert_cmpuint (status, <, 300);

  if (parsed != NULL && JSON_NODE_HOLDS_ARRAY (parsed))
    {
      JsonArray *array = json_node_get_array (parsed);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *violation = json_array_get_object_element (array, i);
          JsonArray *location = json_object_get_array_member (violation, "location");
          const char *first = json_array_get_length (location) > 0
                              ? json_array_get_string_element (location, 0) : "";

          if (g_str_has_prefix (first, "request"))
            g_error ("%s violates the description: %s", line->str,
                     json_object_get_string_member (violation, "message"));
        }
    }
}

static void
on_request_queued (SoupSession *session,
                   SoupMessage *message,
                   Watch       *watch)
{
  /* Discovery asks /.well-known first, which Prism answers with another issuer's
   * metadata; that is the instance's answer, not a request of Herald's to check. */
  if (g_str_has_prefix (g_uri_get_path (soup_message_get_uri (message)), "/.well-known/"))
    return;

  /* Two of the description's examples do not match their own schemas: the CredentialAccount
   * holds nothing but fields_attributes, and the ScheduledStatus of PUT is an array. Prism
   * makes a whole answer from the schema when asked; the request is checked the same. */
  if (g_str_equal (g_uri_get_path (soup_message_get_uri (message)),
                   "/api/v1/accounts/verify_credentials")
      || g_str_equal (soup_message_get_method (message), "PUT"))
    soup_message_headers_replace (soup_message_get_request_headers (message), "Prefer",
                                  "dynamic=true");

  g_signal_connect (message, "finished", G_CALLBACK (on_message_finished), watch);
}

static void
on_browser_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Watch *watch = user_data;
  g_autoptr(GBytes) page = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                             NULL);

  watch->browser_done = TRUE;
}

/* The browser: Prism checks the authorization request, then "the user approves" and the
 * instance sends the browser back to Herald's loopback address with a code. */
static void
open_in_browser (const char *uri,
                 gpointer    user_data)
{
  Watch *watch = user_data;
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) query = soup_form_decode (g_uri_get_query (parsed));
  g_autoptr(SoupMessage) authorize = soup_message_new ("GET", uri);
  g_autoptr(GBytes) page = soup_session_send_and_read (watch->browser, authorize, NULL, NULL);
  g_autofree char *state = g_uri_escape_string (g_hash_table_lookup (query, "state"), NULL,
                                                FALSE);
  g_autofree char *back = g_strdup_printf ("%s?code=prism-code&state=%s",
                                           (char *) g_hash_table_lookup (query, "redirect_uri"),
                                           state);
  g_autoptr(SoupMessage) redirect = soup_message_new ("GET", back);
  const char *violations;

  g_test_message ("GET /oauth/authorize -> %u", soup_message_get_status (authorize));
  g_assert_cmpuint (soup_message_get_status (authorize), <, 300);
  violations = soup_message_headers_get_one (soup_message_get_response_headers (authorize),
                                             "sl-violations");
  /* Entries about the request have a location starting with "request". */
  if (violations != NULL && strstr (violations, "[\"request\"") != NULL)
    g_error ("The authorization request violates the description: %s", violations);

  soup_session_send_and_read_async (watch->browser, redirect, G_PRIORITY_DEFAULT, NULL,
                                    on_browser_done, watch);
}

static HdProviderResult *
run_publish (HdProvider      *provider,
             HdProviderPost  *request,
             gboolean         scheduled)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdProviderResult *answer;

  if (scheduled)
    {
      hd_provider_schedule_async (provider, request, NULL, interop_store_result, &result);
      answer = hd_provider_schedule_finish (provider, interop_wait (&result), &error);
    }
  else
    {
      hd_provider_publish_async (provider, request, NULL, interop_store_result, &result);
      answer = hd_provider_publish_finish (provider, interop_wait (&result), &error);
    }

  g_assert_no_error (error);
  return answer;
}

static void
test_requests_match_description (void)
{
  JsonObject *prism = interop_peer ("prism");
  Watch watch = { 0, };
  TestEnv env = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HdMastodonConnect) connect = NULL;
  g_autoptr(HdMastodonConnect) paste = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdChannel) pasted_channel = NULL;
  g_autoptr(HdProvider) provider = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(HdMedia) media = NULL;
  g_autoptr(HdProviderPost) text_only = NULL;
  g_autoptr(HdProviderPost) with_media = NULL;
  g_autoptr(HdProviderPost) later = NULL;
  g_autoptr(HdProviderResult) r1 = NULL;
  g_autoptr(HdProviderResult) r2 = NULL;
  g_autoptr(HdProviderResult) r3 = NULL;
  g_autoptr(HdProviderResult) moved = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *token = NULL;
  g_autofree char *out_of_band_uri = NULL;
  HdProviderResult *first;

  if (prism == NULL)
    {
      g_test_skip ("No Prism in HERALD_PEERS_FILE: run through tests/interop/with-peers.sh");
      return;
    }

  test_env_init (&env);
  env.now = g_get_real_time () / G_USEC_PER_SEC;
  watch.seen = g_ptr_array_new_with_free_func (g_free);
  watch.browser = soup_session_new ();
  g_signal_connect (hd_http_get_session (env.http), "request-queued",
                    G_CALLBACK (on_request_queued), &watch);

  /* App registration with the loopback address, authorization, token, account, instance. */
  connect = hd_mastodon_connect_new (env.http, env.store,
                                     json_object_get_string_member (prism, "url"), &error);
  g_assert_no_error (error);
  hd_mastodon_connect_authorize_async (connect, open_in_browser, &watch, NULL,
                                       interop_store_result, &result);
  channel = hd_mastodon_connect_authorize_finish (connect, interop_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  while (!watch.browser_done)
    g_main_context_iteration (NULL, TRUE);

  token = test_lookup_secret (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN);
  g_assert_nonnull (token);
  g_assert_cmpint (hd_channel_get_state (channel), ==, HD_CHANNEL_STATE_CONNECTED);

  /* The out-of-band variant: registered with urn:ietf:wg:oauth:2.0:oob, code pasted. */
  paste = hd_mastodon_connect_new (env.http, env.store,
                                   json_object_get_string_member (prism, "url"), &error);
  hd_mastodon_connect_begin_paste_async (paste, NULL, interop_store_result, &result);
  out_of_band_uri = hd_mastodon_connect_begin_paste_finish (paste, interop_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out_of_band_uri, "redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob"));
  g_clear_object (&result);
  hd_mastodon_connect_redeem_async (paste, "pasted-code", NULL, interop_store_result, &result);
  pasted_channel = hd_mastodon_connect_redeem_finish (paste, interop_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  provider = hd_provider_new_for_channel (env.http, env.store, channel, &error);
  g_assert_no_error (error);
  hd_mastodon_provider_set_poll_interval (HD_MASTODON_PROVIDER (provider), 50);

  post = test_save_draft (&env, channel, "Fresh sourdough at 8 👋 https://bakery.example");
  media = test_import_png (&env, "Three round loaves on a rack");

  text_only = test_provider_post (post, channel, "interop-text", env.now);
  text_only->languages = g_strsplit ("en", ",", -1);
  r1 = run_publish (provider, text_only, FALSE);

  with_media = test_provider_post (post, channel, "interop-media", env.now);
  hd_provider_post_add_media (with_media, media);
  r2 = run_publish (provider, with_media, FALSE);

  later = test_provider_post (post, channel, "interop-later", env.now);
  later->scheduled_at = env.now + 24 * 60 * 60;
  r3 = run_publish (provider, later, TRUE);

  /* Scheduled statuses: listed, moved, cancelled. */
  hd_mastodon_provider_list_scheduled_async (HD_MASTODON_PROVIDER (provider), NULL,
                                             interop_store_result, &result);
  listed = hd_mastodon_provider_list_scheduled_finish (HD_MASTODON_PROVIDER (provider),
                                                       interop_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, >, 0);
  first = g_ptr_array_index (listed, 0);
  g_clear_object (&result);

  hd_mastodon_provider_reschedule_async (HD_MASTODON_PROVIDER (provider), first->remote_id,
                                         env.now + 2 * 24 * 60 * 60, NULL, interop_store_result,
                                         &result);
  moved = hd_mastodon_provider_reschedule_finish (HD_MASTODON_PROVIDER (provider),
                                                  interop_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  hd_provider_delete_async (provider, first->remote_id, HD_PROVIDER_DELETE_SCHEDULED, NULL,
                            interop_store_result, &result);
  g_assert_true (hd_provider_delete_finish (provider, interop_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* A message reports its end once its answer is read and released: let the last one. */
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (!g_str_has_prefix (g_ptr_array_index (watch.seen, watch.seen->len - 1), "DELETE")
           && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }

  /* Every kind of request the brief names went out and passed. */
  {
    static const char * const wanted[] = {
      "POST /api/v1/apps", "POST /oauth/token", "GET /api/v1/accounts/verify_credentials",
      "GET /api/v2/instance", "POST /api/v2/media", "POST /api/v1/statuses",
      "GET /api/v1/scheduled_statuses", "PUT /api/v1/scheduled_statuses/",
      "DELETE /api/v1/scheduled_statuses/",
    };

    for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
      {
        gboolean found = FALSE;

        for (guint j = 0; j < watch.seen->len && !found; j++)
          found = g_str_has_prefix (g_ptr_array_index (watch.seen, j), wanted[i]);

        if (!found)
          g_error ("Herald never sent %s", wanted[i]);
      }
    g_test_message ("%u requests checked by Prism", watch.seen->len);
  }

  g_clear_object (&provider);
  g_clear_pointer (&text_only, hd_provider_post_unref);
  g_clear_pointer (&with_media, hd_provider_post_unref);
  g_clear_pointer (&later, hd_provider_post_unref);
  g_clear_object (&post);
  g_clear_object (&media);
  g_clear_object (&connect);
  g_clear_object (&paste);
  g_signal_handlers_disconnect_by_data (hd_http_get_session (env.http), &watch);
  g_clear_object (&watch.browser);
  g_ptr_array_unref (watch.seen);
  test_env_clear (&env);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/interop/mastodon/requests-match-description",
                   test_requests_match_description);

  return g_test_run ();
}
