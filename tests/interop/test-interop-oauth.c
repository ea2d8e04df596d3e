/* test-interop-oauth.c: Herald's OAuth client against oidc-provider, a certified
 * authorization server: authorization code with PKCE through the loopback redirect, tokens
 * in the keyring, refresh with rotation, and a callback with the wrong state refused
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-interop.h"
#include "hd-oauth.h"
#include "hd-secrets.h"

#define CHANNEL_ID "interop-oidc-channel"

typedef struct
{
  SoupSession *browser;
  gboolean     done;
  guint        final_status;
  gboolean     wrong_state;
} Browser;

/* Posts the login or consent form of the page that @message ended on. */
static SoupMessage *
submit_form (Browser     *browser,
             SoupMessage *page,
             const char  *form)
{
  g_autofree char *uri = g_uri_to_string (soup_message_get_uri (page));
  SoupMessage *message = soup_message_new_from_encoded_form ("POST", uri, g_strdup (form));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read (browser->browser, message, NULL, &error);
  g_assert_no_error (error);
  return message;
}

static void
on_forged_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Browser *browser = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) page = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                             NULL);

  browser->final_status = soup_message_get_status (message);
  browser->done = TRUE;
}

static void
on_consent_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Browser *browser = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) page = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                             NULL);

  /* The last redirect went to Herald's listener, which said the tab can be closed. */
  browser->final_status = soup_message_get_status (message);
  g_assert_cmpstr (g_uri_get_host (soup_message_get_uri (message)), ==, "127.0.0.1");
  browser->done = TRUE;
}

static void
open_in_browser (const char *uri,
                 gpointer    user_data)
{
  Browser *browser = user_data;
  g_autoptr(SoupMessage) first = NULL;
  g_autoptr(SoupMessage) login = NULL;
  g_autoptr(SoupMessage) consent = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (browser->wrong_state)
    {
      /* Someone else's answer arrives at the loopback address. */
      g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
      g_autoptr(GHashTable) query = soup_form_decode (g_uri_get_query (parsed));
      g_autofree char *forged = g_strdup_printf ("%s?code=stolen&state=not-the-state",
                                                 (char *) g_hash_table_lookup (query,
                                                                               "redirect_uri"));
      SoupMessage *message = soup_message_new ("GET", forged);

      soup_session_send_and_read_async (browser->browser, message, G_PRIORITY_DEFAULT, NULL,
                                        on_forged_done, browser);
      g_object_unref (message);
      return;
    }

  /* oidc-provider's development login: a login form, then a consent form; the session
   * follows each 303 and keeps the interaction cookies on their paths. */
  first = soup_message_new ("GET", uri);
  body = soup_session_send_and_read (browser->browser, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (first), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "name=\"prompt\" value=\"login\""));

  login = submit_form (browser, first, "prompt=login&login=alice&password=any");
  g_assert_cmpuint (soup_message_get_status (login), ==, 200);

  /* The consent ends in a redirect to Herald's listener, which answers on this very main
   * loop: that request cannot block it. */
  {
    g_autofree char *page = g_uri_to_string (soup_message_get_uri (login));

    consent = soup_message_new_from_encoded_form ("POST", page, g_strdup ("prompt=consent"));
    soup_session_send_and_read_async (browser->browser, consent, G_PRIORITY_DEFAULT, NULL,
                                      on_consent_done, browser);
  }
}

static HdOAuthClient *
new_client (HdHttp *http)
{
  JsonObject *oidc = interop_peer ("oidc");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdOAuthClient *client = hd_oauth_client_new (http);

  hd_oauth_client_set_client_id (client, json_object_get_string_member (oidc, "client_id"));
  hd_oauth_client_set_client_auth (client, HD_OAUTH_CLIENT_AUTH_NONE);
  hd_oauth_client_set_scope (client, json_object_get_string_member (oidc, "scope"));
  hd_oauth_client_set_parameter (client, "prompt", "consent");
  hd_oauth_client_set_timeout (client, 30000);

  hd_oauth_client_discover_async (client, json_object_get_string_member (oidc, "issuer"), NULL,
                                  interop_store_result, &result);
  g_assert_true (hd_oauth_client_discover_finish (client, interop_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_true (hd_oauth_client_get_uses_pkce (client));

  return client;
}

static char *
lookup (HdSecretKind kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  hd_secrets_lookup_async (CHANNEL_ID, kind, NULL, interop_store_result, &result);
  secret = hd_secrets_lookup_finish (interop_wait (&result), &error);
  g_assert_no_error (error);
  return secret;
}

static HdOAuthTokens *
refresh (HdOAuthClient  *client,
         const char     *refresh_token,
         GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_oauth_client_refresh_async (client, refresh_token, NULL, interop_store_result, &result);
  return hd_oauth_client_refresh_finish (client, interop_wait (&result), error);
}

static void
test_code_pkce_loopback_refresh (void)
{
  JsonObject *oidc = interop_peer ("oidc");
  g_autoptr(HdHttp) http = NULL;
  g_autoptr(HdOAuthClient) client = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;
  g_autoptr(HdOAuthTokens) rotated = NULL;
  g_autoptr(HdOAuthTokens) reused = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) me = NULL;
  g_autofree char *stored_access = NULL;
  g_autofree char *stored_refresh = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *userinfo = NULL;
  Browser browser = { 0, };
  gint64 started;
  guint status = 0;

  if (oidc == NULL)
    {
      g_test_skip ("No oidc-provider in HERALD_PEERS_FILE: run through with-peers.sh");
      return;
    }

  http = hd_http_new ();
  client = new_client (http);
  browser.browser = soup_session_new ();
  soup_session_add_feature_by_type (browser.browser, SOUP_TYPE_COOKIE_JAR);

  started = g_get_monotonic_time ();
  hd_oauth_client_authorize_async (client, open_in_browser, &browser, NULL, interop_store_result,
                                   &result);
  tokens = hd_oauth_client_authorize_finish (client, interop_wait (&result), &error);
  g_assert_no_error (error);
  g_test_message ("authorization code + PKCE + loopback: %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - started) / 1000);
  g_clear_object (&result);
  while (!browser.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (browser.final_status, ==, 200);
  g_assert_nonnull (tokens->refresh_token);
  g_assert_cmpint (tokens->expires_in, ==, json_object_get_int_member (oidc, "access_token_ttl"));

  /* The tokens go to the real keyring of the test session. */
  hd_oauth_tokens_store_async (tokens, CHANNEL_ID, NULL, interop_store_result, &result);
  g_assert_true (hd_oauth_tokens_store_finish (interop_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  stored_access = lookup (HD_SECRET_KIND_ACCESS_TOKEN);
  stored_refresh = lookup (HD_SECRET_KIND_REFRESH_TOKEN);
  g_assert_cmpstr (stored_access, ==, tokens->access_token);
  g_assert_cmpstr (stored_refresh, ==, tokens->refresh_token);

  /* The access token works: /me says who signed in. */
  {
    g_autoptr(SoupSession) plain = soup_session_new ();

    userinfo = g_strconcat (json_object_get_string_member (oidc, "issuer"), "/me", NULL);
    authorization = g_strconcat ("Bearer ", tokens->access_token, NULL);
    me = interop_request (plain, "GET", userinfo, authorization, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (me), "sub"), ==,
                     "alice");
  }

  /* Refresh rotates the refresh token, and the keyring follows. */
  started = g_get_monotonic_time ();
  rotated = refresh (client, stored_refresh, &error);
  g_assert_no_error (error);
  g_test_message ("refresh: %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);
  g_assert_cmpstr (rotated->refresh_token, !=, tokens->refresh_token);
  g_assert_cmpstr (rotated->access_token, !=, tokens->access_token);
  hd_oauth_tokens_store_async (rotated, CHANNEL_ID, NULL, interop_store_result, &result);
  g_assert_true (hd_oauth_tokens_store_finish (interop_wait (&result), &error));
  g_clear_object (&result);
  g_free (stored_refresh);
  stored_refresh = lookup (HD_SECRET_KIND_REFRESH_TOKEN);
  g_assert_cmpstr (stored_refresh, ==, rotated->refresh_token);

  /* The spent refresh token is refused: rotation is real. */
  reused = refresh (client, tokens->refresh_token, &error);
  g_assert_null (reused);
  g_assert_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_GRANT);

  g_clear_object (&browser.browser);
}

static void
test_wrong_state_refused (void)
{
  g_autoptr(HdHttp) http = NULL;
  g_autoptr(HdOAuthClient) client = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  Browser browser = { 0, };

  if (interop_peer ("oidc") == NULL)
    {
      g_test_skip ("No oidc-provider in HERALD_PEERS_FILE: run through with-peers.sh");
      return;
    }

  http = hd_http_new ();
  client = new_client (http);
  browser.browser = soup_session_new ();
  browser.wrong_state = TRUE;

  hd_oauth_client_authorize_async (client, open_in_browser, &browser, NULL, interop_store_result,
                                   &result);
  tokens = hd_oauth_client_authorize_finish (client, interop_wait (&result), &error);
  g_assert_null (tokens);
  g_assert_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_STATE_MISMATCH);
  while (!browser.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (browser.final_status, ==, 400);

  g_clear_object (&browser.browser);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/interop/oauth/code-pkce-loopback-refresh",
                   test_code_pkce_loopback_refresh);
  g_test_add_func ("/herald/interop/oauth/wrong-state-refused", test_wrong_state_refused);

  return g_test_run ();
}
