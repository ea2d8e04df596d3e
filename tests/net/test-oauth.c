/* test-oauth.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-oauth.h"
#include "hd-secrets.h"

#define NOW 1772445600
#define CLIENT_ID "herald-test-client"
#define CLIENT_SECRET "s3cret-of-the-app"

typedef enum
{
  AUTHORIZE_GRANT,
  AUTHORIZE_DENY,
  AUTHORIZE_WRONG_STATE,
  AUTHORIZE_WRONG_ISS,
  AUTHORIZE_NO_ISS,
} AuthorizeMode;

/* An authorization server that speaks RFC 6749, 7636, 8414 and 9207, and remembers what it
 * was sent. */
typedef struct
{
  SoupServer    *server;
  char          *issuer;

  AuthorizeMode  authorize_mode;
  gboolean       advertise_s256;
  gboolean       only_openid_configuration;
  gboolean       rotate;
  gboolean       malformed_token_answer;

  GHashTable    *authorize_query;
  char          *code;
  gboolean       code_used;
  char          *refresh_token;
  guint          generation;
  guint          token_requests;
  GHashTable    *token_form;
} FakeServer;

typedef struct
{
  FakeServer     fake;
  HdHttp        *http;
  HdOAuthClient *client;
  SoupSession   *browser;

  /* what the browser saw */
  char          *authorization_uri;
  guint16        listen_port;
  gboolean       visit_favicon_first;
  guint          favicon_status;
  gboolean       browser_done;
  guint          page_status;
  char          *page;

  gboolean       cancel_in_browser;
  GCancellable  *cancellable;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  return NOW;
}

static char *
s256 (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  char *text;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);
  text = g_base64_encode (digest, length);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  text[strcspn (text, "=")] = '\0';

  return text;
}

static void
respond_json (SoupServerMessage *message,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

static void
respond_token_error (SoupServerMessage *message,
                     const char        *error,
                     const char        *description)
{
  g_autofree char *json = g_strdup_printf ("{\"error\":\"%s\",\"error_description\":\"%s\"}",
                                           error, description);

  respond_json (message, 400, json);
}

static void
serve_metadata (FakeServer        *fake,
                SoupServerMessage *message)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"issuer\":\"%s\","
                          "\"authorization_endpoint\":\"%s/authorize\","
                          "\"token_endpoint\":\"%s/token\","
                          "\"response_types_supported\":[\"code\"],"
                          "\"code_challenge_methods_supported\":[%s],"
                          "\"authorization_response_iss_parameter_supported\":true}",
                          fake->issuer, fake->issuer, fake->issuer,
                          fake->advertise_s256 ? "\"plain\",\"S256\"" : "\"plain\"");
  respond_json (message, 200, json);
}

static void
serve_authorize (FakeServer        *fake,
                 SoupServerMessage *message,
                 GHashTable        *query)
{
  const char *redirect_uri;
  const char *state;
  g_autoptr(GString) location = NULL;
  g_autofree char *escaped_state = NULL;
  g_autofree char *escaped_iss = NULL;

  g_clear_pointer (&fake->authorize_query, g_hash_table_unref);
  fake->authorize_query = g_hash_table_ref (query);

  redirect_uri = g_hash_table_lookup (query, "redirect_uri");
  state = g_hash_table_lookup (query, "state");
  g_assert_cmpstr (g_hash_table_lookup (query, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (query, "client_id"), ==, CLIENT_ID);
  g_assert_nonnull (redirect_uri);
  g_assert_nonnull (state);

  g_free (fake->code);
  fake->code = g_strdup_printf ("code-%u", g_random_int ());
  fake->code_used = FALSE;

  if (g_strcmp0 (redirect_uri, HD_OAUTH_OUT_OF_BAND_URI) == 0)
    {
      g_autofree char *page = g_strdup_printf ("<html><body><p>Copy this code: <code>%s</code>"
                                               "</p></body></html>", fake->code);

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY, page,
                                        strlen (page));
      return;
    }

  if (fake->authorize_mode == AUTHORIZE_WRONG_STATE)
    state = "forged-state-from-somewhere-else";

  escaped_state = g_uri_escape_string (state, NULL, FALSE);
  escaped_iss = g_uri_escape_string (fake->authorize_mode == AUTHORIZE_WRONG_ISS
                                     ? "http://127.0.0.1:1/evil" : fake->issuer, NULL, FALSE);

  location = g_string_new (redirect_uri);
  if (fake->authorize_mode == AUTHORIZE_DENY)
    g_string_append (location, "?error=access_denied"
                               "&error_description=The+resource+owner+denied+the+request");
  else
    g_string_append_printf (location, "?code=%s", fake->code);
  g_string_append_printf (location, "&state=%s", escaped_state);
  if (fake->authorize_mode != AUTHORIZE_NO_ISS)
    g_string_append_printf (location, "&iss=%s", escaped_iss);

  soup_server_message_set_redirect (message, 302, location->str);
}

static void
serve_token (FakeServer        *fake,
             SoupServerMessage *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *form_text = g_strndup (g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes));
  GHashTable *form = soup_form_decode (form_text);
  const char *grant_type = g_hash_table_lookup (form, "grant_type");
  g_autofree char *json = NULL;

  fake->token_requests++;
  g_clear_pointer (&fake->token_form, g_hash_table_unref);
  fake->token_form = form;

  if (g_strcmp0 (g_hash_table_lookup (form, "client_id"), CLIENT_ID) != 0
      || g_strcmp0 (g_hash_table_lookup (form, "client_secret"), CLIENT_SECRET) != 0)
    {
      respond_token_error (message, "invalid_client", "client authentication failed");
      return;
    }

  if (fake->malformed_token_answer)
    {
      respond_json (message, 200, "{\"access_token\": 42, \"token_type\": \"Bearer\"}");
      return;
    }

  if (g_strcmp0 (grant_type, "authorization_code") == 0)
    {
      const char *challenge = fake->authorize_query != NULL
                              ? g_hash_table_lookup (fake->authorize_query, "code_challenge")
                              : NULL;
      const char *verifier = g_hash_table_lookup (form, "code_verifier");
      gboolean code_ok = fake->code != NULL && !fake->code_used
                         && g_strcmp0 (g_hash_table_lookup (form, "code"), fake->code) == 0;

      /* A failed redemption voids the code, as real servers do. */
      fake->code_used = TRUE;

      if (!code_ok)
        {
          respond_token_error (message, "invalid_grant", "grant request is invalid");
          return;
        }

      if (g_strcmp0 (g_hash_table_lookup (form, "redirect_uri"),
                     g_hash_table_lookup (fake->authorize_query, "redirect_uri")) != 0)
        {
          respond_token_error (message, "invalid_grant", "redirect_uri mismatch");
          return;
        }

      if (challenge != NULL)
        {
          g_autofree char *expected = verifier != NULL ? s256 (verifier) : NULL;

          g_assert_cmpstr (g_hash_table_lookup (fake->authorize_query,
                                                "code_challenge_method"), ==, "S256");
          if (g_strcmp0 (expected, challenge) != 0)
            {
              respond_token_error (message, "invalid_grant", "PKCE verification failed");
              return;
            }
        }
      else if (verifier != NULL)
        {
          respond_token_error (message, "invalid_request", "code_verifier without challenge");
          return;
        }

      fake->generation = 1;
      g_free (fake->refresh_token);
      fake->refresh_token = g_strdup ("rt-1");
      respond_json (message, 200,
                    "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                    "\"refresh_token\":\"rt-1\",\"scope\":\"openid offline_access\"}");
      return;
    }

  if (g_strcmp0 (grant_type, "refresh_token") == 0)
    {
      if (fake->refresh_token == NULL
          || g_strcmp0 (g_hash_table_lookup (form, "refresh_token"), fake->refresh_token) != 0)
        {
          /* Reusing a rotated refresh token revokes the grant. */
          g_clear_pointer (&fake->refresh_token, g_free);
          respond_token_error (message, "invalid_grant", "grant request is invalid");
          return;
        }

      fake->generation++;
      if (fake->rotate)
        {
          g_free (fake->refresh_token);
          fake->refresh_token = g_strdup_printf ("rt-%u", fake->generation);
          json = g_strdup_printf ("{\"access_token\":\"at-%u\",\"token_type\":\"bearer\","
                                  "\"expires_in\":\"7200\",\"refresh_token\":\"%s\"}",
                                  fake->generation, fake->refresh_token);
        }
      else
        {
          json = g_strdup_printf ("{\"access_token\":\"at-%u\",\"token_type\":\"Bearer\","
                                  "\"expires_in\":7200}", fake->generation);
        }

      respond_json (message, 200, json);
      return;
    }

  respond_token_error (message, "unsupported_grant_type", "unsupported grant_type");
}

static void
on_fake_request (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  FakeServer *fake = user_data;

  if (g_str_equal (path, "/.well-known/oauth-authorization-server")
      && !fake->only_openid_configuration)
    serve_metadata (fake, message);
  else if (g_str_equal (path, "/.well-known/openid-configuration"))
    serve_metadata (fake, message);
  else if (g_str_equal (path, "/authorize") && query != NULL)
    serve_authorize (fake, message, query);
  else if (g_str_equal (path, "/token")
           && g_str_equal (soup_server_message_get_method (message), "POST"))
    serve_token (fake, message);
  else
    respond_json (message, 404, "{\"error\":\"not_found\"}");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  GSList *uris;

  fixture->fake.server = soup_server_new (NULL, NULL);
  fixture->fake.advertise_s256 = TRUE;
  fixture->fake.rotate = TRUE;
  soup_server_add_handler (fixture->fake.server, NULL, on_fake_request, &fixture->fake, NULL);
  soup_server_listen_local (fixture->fake.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->fake.server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  base[strlen (base) - 1] = '\0';
  fixture->fake.issuer = g_steal_pointer (&base);

  fixture->http = hd_http_new ();
  fixture->client = hd_oauth_client_new (fixture->http);
  hd_oauth_client_set_client_id (fixture->client, CLIENT_ID);
  hd_oauth_client_set_client_secret (fixture->client, CLIENT_SECRET);
  hd_oauth_client_set_scope (fixture->client, "openid offline_access");
  hd_oauth_client_set_clock (fixture->client, fake_clock, NULL);

  fixture->browser = soup_session_new ();
  fixture->cancellable = g_cancellable_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->http);
  g_clear_object (&fixture->browser);
  g_clear_object (&fixture->cancellable);
  soup_server_disconnect (fixture->fake.server);
  g_clear_object (&fixture->fake.server);
  g_clear_pointer (&fixture->fake.issuer, g_free);
  g_clear_pointer (&fixture->fake.authorize_query, g_hash_table_unref);
  g_clear_pointer (&fixture->fake.token_form, g_hash_table_unref);
  g_clear_pointer (&fixture->fake.code, g_free);
  g_clear_pointer (&fixture->fake.refresh_token, g_free);
  g_clear_pointer (&fixture->authorization_uri, g_free);
  g_clear_pointer (&fixture->page, g_free);
}

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
discover (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hd_oauth_client_discover_async (fixture->client, fixture->fake.issuer, NULL, got_result,
                                  &result);
  g_assert_true (hd_oauth_client_discover_finish (fixture->client, wait_for (&result),
                                                  &error));
  g_assert_no_error (error);
}

/* The address a local listener on @port is bound to, from the kernel's own table, or NULL
 * when nothing listens there. */
static char *
listening_address (const char *table,
                   guint16     port)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (table, &contents, NULL, NULL))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) columns = g_ptr_array_new ();
      const char *colon;

      for (guint j = 0; fields[j] != NULL; j++)
        if (*fields[j] != '\0')
          g_ptr_array_add (columns, fields[j]);

      if (columns->len < 4)
        continue;

      colon = strchr (g_ptr_array_index (columns, 1), ':');
      if (colon != NULL && g_ascii_strtoull (colon + 1, NULL, 16) == port
          && g_str_equal (g_ptr_array_index (columns, 3), "0A"))
        return g_strndup (g_ptr_array_index (columns, 1),
                          colon - (const char *) g_ptr_array_index (columns, 1));
    }

  return NULL;
}

static void
on_page_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *fixture = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);

  fixture->page_status = soup_message_get_status (message);
  fixture->page = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  fixture->browser_done = TRUE;
}

/* Plays the browser: looks at the address it is given, and follows it to the end. */
static void
open_in_browser (const char *uri,
                 gpointer    user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GUri) redirect = NULL;
  g_autoptr(SoupMessage) message = NULL;

  g_assert_nonnull (parsed);
  fixture->authorization_uri = g_strdup (uri);

  params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
  redirect = g_uri_parse (g_hash_table_lookup (params, "redirect_uri"), G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (redirect);
  g_assert_cmpstr (g_uri_get_scheme (redirect), ==, "http");
  g_assert_cmpstr (g_uri_get_host (redirect), ==, "127.0.0.1");
  g_assert_cmpstr (g_uri_get_path (redirect), ==, "/callback");
  fixture->listen_port = g_uri_get_port (redirect);
  g_assert_cmpint (fixture->listen_port, >, 0);

  if (fixture->cancel_in_browser)
    {
      g_cancellable_cancel (fixture->cancellable);
      return;
    }

  if (fixture->visit_favicon_first)
    {
      g_autofree char *favicon = g_strdup_printf ("http://127.0.0.1:%u/favicon.ico",
                                                  fixture->listen_port);

      /* Answered on a thread of its own: the listener answers on this main loop. */
      fixture->favicon_status = 0;
      message = soup_message_new ("GET", favicon);
      soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                        on_page_loaded, fixture);
      while (!fixture->browser_done)
        g_main_context_iteration (NULL, TRUE);
      fixture->favicon_status = fixture->page_status;
      fixture->browser_done = FALSE;
      g_clear_pointer (&fixture->page, g_free);
      g_clear_object (&message);
    }

  if (fixture->authorization_uri != NULL && params != NULL)
    {
      message = soup_message_new ("GET", uri);
      soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                        on_page_loaded, fixture);
    }
}

static HdOAuthTokens *
authorize (Fixture  *fixture,
           GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  HdOAuthTokens *tokens;

  hd_oauth_client_authorize_async (fixture->client, open_in_browser, fixture,
                                   fixture->cancellable, got_result, &result);
  tokens = hd_oauth_client_authorize_finish (fixture->client, wait_for (&result), error);

  /* Let the browser read its page, when there was one to read. */
  while (!fixture->browser_done && fixture->page == NULL && !fixture->cancel_in_browser
         && (tokens != NULL || (*error)->domain != HD_OAUTH_ERROR
             || (*error)->code != HD_OAUTH_ERROR_TIMEOUT))
    g_main_context_iteration (NULL, TRUE);

  return tokens;
}

static void
assert_listener_closed (Fixture *fixture)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/callback?code=again&state=x",
                                          fixture->listen_port);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* Let the listener finish closing after its last page. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_null (listening_address ("/proc/net/tcp", fixture->listen_port));
  bytes = soup_session_send_and_read (fixture->browser, message, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static char *
lookup_secret (const char   *channel_id,
               HdSecretKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  hd_secrets_lookup_async (channel_id, kind, NULL, got_result, &result);
  secret = hd_secrets_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);

  return secret;
}

static const char *
authorize_param (Fixture    *fixture,
                 const char *name)
{
  return g_hash_table_lookup (fixture->fake.authorize_query, name);
}

static void
test_full_flow (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  const char *state;
  char *secret;

  discover (fixture);
  g_assert_cmpstr (hd_oauth_client_get_issuer (fixture->client), ==, fixture->fake.issuer);
  g_assert_true (hd_oauth_client_get_uses_pkce (fixture->client));
  hd_oauth_client_set_parameter (fixture->client, "prompt", "consent");

  fixture->visit_favicon_first = TRUE;
  tokens = authorize (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens);

  /* What the user saw. */
  g_assert_cmpuint (fixture->favicon_status, ==, 404);
  g_assert_cmpuint (fixture->page_status, ==, 200);
  g_assert_nonnull (strstr (fixture->page, "You can close this tab and return to Herald."));

  /* What the server was asked. */
  g_assert_cmpstr (authorize_param (fixture, "code_challenge_method"), ==, "S256");
  g_assert_cmpstr (authorize_param (fixture, "scope"), ==, "openid offline_access");
  g_assert_cmpstr (authorize_param (fixture, "prompt"), ==, "consent");
  /* base64url carries six bits a character */
  state = authorize_param (fixture, "state");
  g_assert_cmpuint (strspn (state, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789-_"), ==, strlen (state));
  g_assert_cmpuint (strlen (state) * 6, >=, 128);
  g_assert_cmpuint (fixture->fake.token_requests, ==, 1);
  g_assert_nonnull (g_hash_table_lookup (fixture->fake.token_form, "code_verifier"));

  g_assert_cmpstr (tokens->access_token, ==, "at-1");
  g_assert_cmpstr (tokens->refresh_token, ==, "rt-1");
  g_assert_cmpstr (tokens->token_type, ==, "Bearer");
  g_assert_cmpstr (tokens->scope, ==, "openid offline_access");
  g_assert_cmpint (tokens->expires_at, ==, NOW + 3600);

  assert_listener_closed (fixture);

  hd_oauth_tokens_store_async (tokens, "oauth-full-flow", NULL, got_result, &stored);
  g_assert_true (hd_oauth_tokens_store_finish (wait_for (&stored), &error));
  g_assert_no_error (error);

  secret = lookup_secret ("oauth-full-flow", HD_SECRET_KIND_ACCESS_TOKEN);
  g_assert_cmpstr (secret, ==, "at-1");
  hd_secrets_free (secret);
  secret = lookup_secret ("oauth-full-flow", HD_SECRET_KIND_REFRESH_TOKEN);
  g_assert_cmpstr (secret, ==, "rt-1");
  hd_secrets_free (secret);
}

/* RFC 8252 §7.3: loopback only, never every interface. */
static void
listener_address_cb (const char *uri,
                     gpointer    user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *address = NULL;
  g_autofree char *address6 = NULL;

  open_in_browser (uri, fixture);

  address = listening_address ("/proc/net/tcp", fixture->listen_port);
  address6 = listening_address ("/proc/net/tcp6", fixture->listen_port);
  g_assert_cmpstr (address, ==, "0100007F");
  g_assert_null (address6);
}

static void
test_listener_on_loopback_only (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;

  discover (fixture);
  hd_oauth_client_authorize_async (fixture->client, listener_address_cb, fixture, NULL,
                                   got_result, &result);
  tokens = hd_oauth_client_authorize_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (tokens);
}

static void
assert_failed_without_tokens (Fixture  *fixture,
                              GError   *error,
                              int       code)
{
  g_assert_error (error, HD_OAUTH_ERROR, code);
  g_assert_cmpuint (fixture->fake.token_requests, ==, 0);
  assert_listener_closed (fixture);
}

static void
test_wrong_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;

  discover (fixture);
  fixture->fake.authorize_mode = AUTHORIZE_WRONG_STATE;
  tokens = authorize (fixture, &error);

  g_assert_null (tokens);
  assert_failed_without_tokens (fixture, error, HD_OAUTH_ERROR_STATE_MISMATCH);
  g_assert_cmpuint (fixture->page_status, ==, 400);
  g_assert_nonnull (strstr (fixture->page, "does not belong to this sign-in"));
}

static void
test_access_denied (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;

  discover (fixture);
  fixture->fake.authorize_mode = AUTHORIZE_DENY;
  tokens = authorize (fixture, &error);

  g_assert_null (tokens);
  assert_failed_without_tokens (fixture, error, HD_OAUTH_ERROR_ACCESS_DENIED);
  g_assert_true (g_str_has_prefix (error->message, "You declined"));
  g_assert_nonnull (strstr (fixture->page, "You declined"));
}

static void
test_wrong_issuer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;

  discover (fixture);
  fixture->fake.authorize_mode = AUTHORIZE_WRONG_ISS;
  tokens = authorize (fixture, &error);

  g_assert_null (tokens);
  assert_failed_without_tokens (fixture, error, HD_OAUTH_ERROR_ISSUER_MISMATCH);
}

/* The metadata promised `iss`; an answer without it may come from a mix-up attack. */
static void
test_missing_issuer (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;

  discover (fixture);
  fixture->fake.authorize_mode = AUTHORIZE_NO_ISS;
  tokens = authorize (fixture, &error);

  g_assert_null (tokens);
  assert_failed_without_tokens (fixture, error, HD_OAUTH_ERROR_ISSUER_MISMATCH);
}

static void
ignore_uri (const char *uri,
            gpointer    user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&",
                                                     G_URI_PARAMS_NONE, NULL);
  g_autoptr(GUri) redirect = g_uri_parse (g_hash_table_lookup (params, "redirect_uri"),
                                          G_URI_FLAGS_NONE, NULL);

  fixture->listen_port = g_uri_get_port (redirect);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;
  gint64 started = g_get_monotonic_time ();

  discover (fixture);
  hd_oauth_client_set_timeout (fixture->client, 200);
  hd_oauth_client_authorize_async (fixture->client, ignore_uri, fixture, NULL, got_result,
                                   &result);
  tokens = hd_oauth_client_authorize_finish (fixture->client, wait_for (&result), &error);

  g_assert_null (tokens);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 200 * 1000);
  g_assert_nonnull (strstr (error->message, "Start connecting again"));
  assert_failed_without_tokens (fixture, error, HD_OAUTH_ERROR_TIMEOUT);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;

  discover (fixture);
  fixture->cancel_in_browser = TRUE;
  tokens = authorize (fixture, &error);

  g_assert_null (tokens);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->fake.token_requests, ==, 0);
  assert_listener_closed (fixture);
}

static void
test_no_pkce_when_unsupported (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;

  fixture->fake.advertise_s256 = FALSE;
  discover (fixture);
  g_assert_false (hd_oauth_client_get_uses_pkce (fixture->client));

  tokens = authorize (fixture, &error);
  g_assert_no_error (error);
  g_assert_null (authorize_param (fixture, "code_challenge"));
  g_assert_null (g_hash_table_lookup (fixture->fake.token_form, "code_verifier"));
  g_assert_cmpstr (tokens->access_token, ==, "at-1");
}

static void
test_pkce_override (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;

  fixture->fake.advertise_s256 = FALSE;
  discover (fixture);
  hd_oauth_client_set_pkce (fixture->client, HD_OAUTH_PKCE_S256);

  tokens = authorize (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (authorize_param (fixture, "code_challenge"));
  g_assert_nonnull (tokens);
}

static void
test_openid_configuration (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *token_endpoint = NULL;

  fixture->fake.only_openid_configuration = TRUE;
  discover (fixture);

  token_endpoint = g_strconcat (fixture->fake.issuer, "/token", NULL);
  g_assert_cmpstr (hd_oauth_client_get_token_endpoint (fixture->client), ==, token_endpoint);
}

static void
test_discovery_fails (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *elsewhere = g_strconcat (fixture->fake.issuer, "/tenant", NULL);

  /* The metadata found names another issuer, and must not be used. */
  hd_oauth_client_discover_async (fixture->client, elsewhere, NULL, got_result, &result);
  g_assert_false (hd_oauth_client_discover_finish (fixture->client, wait_for (&result),
                                                   &error));
  g_assert_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_DISCOVERY_FAILED);
  g_assert_null (hd_oauth_client_get_token_endpoint (fixture->client));
}

static void
test_malformed_token_answer (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;

  discover (fixture);
  fixture->fake.malformed_token_answer = TRUE;
  tokens = authorize (fixture, &error);

  g_assert_null (tokens);
  g_assert_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_MALFORMED_RESPONSE);
}

static void
test_wrong_client_secret (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;

  discover (fixture);
  hd_oauth_client_set_client_secret (fixture->client, "not-the-secret");
  tokens = authorize (fixture, &error);

  g_assert_null (tokens);
  g_assert_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_CLIENT);
}

static HdOAuthTokens *
refresh (Fixture     *fixture,
         const char  *refresh_token,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_oauth_client_refresh_async (fixture->client, refresh_token, NULL, got_result, &result);
  return hd_oauth_client_refresh_finish (fixture->client, wait_for (&result), error);
}

static void
test_refresh_rotation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) first = NULL;
  g_autoptr(HdOAuthTokens) second = NULL;
  g_autoptr(HdOAuthTokens) replayed = NULL;

  discover (fixture);
  first = authorize (fixture, &error);
  g_assert_no_error (error);

  second = refresh (fixture, first->refresh_token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (fixture->fake.token_form, "grant_type"), ==,
                   "refresh_token");
  g_assert_cmpstr (second->access_token, ==, "at-2");
  g_assert_cmpstr (second->refresh_token, ==, "rt-2");
  g_assert_cmpint (second->expires_at, ==, NOW + 7200);

  /* The old refresh token was replaced; using it again is refused. */
  replayed = refresh (fixture, first->refresh_token, &error);
  g_assert_null (replayed);
  g_assert_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (error->message, "Connect the account again"));
}

static void
test_refresh_without_rotation (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthTokens) first = NULL;
  g_autoptr(HdOAuthTokens) second = NULL;
  g_autoptr(HdOAuthTokens) third = NULL;

  fixture->fake.rotate = FALSE;
  discover (fixture);
  first = authorize (fixture, &error);
  g_assert_no_error (error);

  second = refresh (fixture, first->refresh_token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->access_token, ==, "at-2");
  g_assert_cmpstr (second->refresh_token, ==, "rt-1");

  third = refresh (fixture, second->refresh_token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third->access_token, ==, "at-3");
}

static char *
code_from_page (const char *page)
{
  const char *start = strstr (page, "<code>");
  const char *end = start != NULL ? strstr (start, "</code>") : NULL;

  g_assert_nonnull (end);
  return g_strndup (start + strlen ("<code>"), end - start - strlen ("<code>"));
}

static HdOAuthTokens *
redeem (Fixture     *fixture,
        const char  *pasted,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_oauth_client_redeem_code_async (fixture->client, pasted, NULL, got_result, &result);
  return hd_oauth_client_redeem_code_finish (fixture->client, wait_for (&result), error);
}

static void
test_out_of_band (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *code = NULL;
  g_autofree char *pasted = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;
  g_autoptr(HdOAuthTokens) again = NULL;

  discover (fixture);
  uri = hd_oauth_client_build_out_of_band_uri (fixture->client, NULL, &error);
  g_assert_no_error (error);

  /* The fake answers on this main loop, so the browser must not block it. */
  message = soup_message_new ("GET", uri);
  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    on_page_loaded, fixture);
  while (!fixture->browser_done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fixture->page_status, ==, 200);
  g_assert_cmpstr (authorize_param (fixture, "redirect_uri"), ==, HD_OAUTH_OUT_OF_BAND_URI);
  code = code_from_page (fixture->page);

  /* Pasted with the blanks a copy from a web page brings along. */
  pasted = g_strdup_printf ("  %s \n", code);
  tokens = redeem (fixture, pasted, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tokens->access_token, ==, "at-1");
  g_assert_cmpstr (g_hash_table_lookup (fixture->fake.token_form, "redirect_uri"), ==,
                   HD_OAUTH_OUT_OF_BAND_URI);

  /* A code works once. */
  again = redeem (fixture, pasted, &error);
  g_assert_null (again);
  g_assert_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_GRANT);
}

static void
test_out_of_band_wrong_state (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(HdOAuthTokens) tokens = NULL;

  discover (fixture);
  uri = hd_oauth_client_build_out_of_band_uri (fixture->client, NULL, &error);
  g_assert_no_error (error);

  tokens = redeem (fixture, "http://127.0.0.1:4000/callback?code=abc&state=someone-else",
                   &error);
  g_assert_null (tokens);
  g_assert_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_STATE_MISMATCH);
  g_assert_cmpuint (fixture->fake.token_requests, ==, 0);
}

static void
test_pasted_code (void)
{
  static const struct
  {
    const char *text;
    const char *code;
    const char *state;
    int         error;
  } cases[] = {
    { "abc123-_.~", "abc123-_.~", NULL, -1 },
    { "\t abc123\r\n", "abc123", NULL, -1 },
    { "http://127.0.0.1:8080/callback?code=x%2By&state=s1", "x+y", "s1", -1 },
    { "https://example.com/done?state=s2&code=zz#fragment", "zz", "s2", -1 },
    { "code=q1&state=s3", "q1", "s3", -1 },
    { "?error=access_denied&state=s4", NULL, NULL, HD_OAUTH_ERROR_ACCESS_DENIED },
    { "", NULL, NULL, HD_OAUTH_ERROR_INVALID_CODE },
    { "   ", NULL, NULL, HD_OAUTH_ERROR_INVALID_CODE },
    { "two words", NULL, NULL, HD_OAUTH_ERROR_INVALID_CODE },
    { "http://127.0.0.1:8080/callback?state=s1", NULL, NULL, HD_OAUTH_ERROR_INVALID_CODE },
    { "http://127.0.0.1:8080/callback?code=&state=s1", NULL, NULL,
      HD_OAUTH_ERROR_INVALID_CODE },
    { "c" "\xc3\xb6" "de", NULL, NULL, HD_OAUTH_ERROR_INVALID_CODE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = NULL;
      g_autofree char *state = NULL;
      gboolean ok;

      g_test_message ("pasted: “%s”", cases[i].text);
      ok = hd_oauth_parse_pasted_code (cases[i].text, &code, &state, &error);

      if (cases[i].error < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (code, ==, cases[i].code);
          g_assert_cmpstr (state, ==, cases[i].state);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, HD_OAUTH_ERROR, cases[i].error);
          g_assert_null (code);
        }
    }
}

static HdOAuthTokens *
parse_tokens (const char  *json,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return hd_oauth_tokens_parse (json_parser_get_root (parser), NOW, error);
}

static void
test_token_answers (void)
{
  static const struct
  {
    const char *json;
    int         error;
    gint64      expires_at;
  } cases[] = {
    /* Mastodon: no expiry, no refresh token */
    { "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"scope\":\"read write\","
      "\"created_at\":1573979017}", -1, 0 },
    /* LinkedIn: no token_type */
    { "{\"access_token\":\"a\",\"expires_in\":5184000}", -1, NOW + 5184000 },
    { "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":\"60\"}", -1, NOW + 60 },
    { "{\"access_token\":\"a\",\"token_type\":\"DPoP\"}", HD_OAUTH_ERROR_UNSUPPORTED_TOKEN, 0 },
    { "{\"token_type\":\"Bearer\"}", HD_OAUTH_ERROR_MALFORMED_RESPONSE, 0 },
    { "{\"access_token\":\"\"}", HD_OAUTH_ERROR_MALFORMED_RESPONSE, 0 },
    { "{\"access_token\":[\"a\"]}", HD_OAUTH_ERROR_MALFORMED_RESPONSE, 0 },
    { "{\"access_token\":\"a\",\"expires_in\":-5}", HD_OAUTH_ERROR_MALFORMED_RESPONSE, 0 },
    { "{\"access_token\":\"a\",\"expires_in\":\"soon\"}", HD_OAUTH_ERROR_MALFORMED_RESPONSE, 0 },
    { "{\"access_token\":\"a\",\"refresh_token\":7}", HD_OAUTH_ERROR_MALFORMED_RESPONSE, 0 },
    { "[\"access_token\"]", HD_OAUTH_ERROR_MALFORMED_RESPONSE, 0 },
    { "{\"error\":\"invalid_grant\",\"error_description\":\"expired\"}",
      HD_OAUTH_ERROR_INVALID_GRANT, 0 },
    { "{\"error\":\"temporarily_unavailable\"}", HD_OAUTH_ERROR_TOKEN_FAILED, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdOAuthTokens) tokens = NULL;

      g_test_message ("answer: %s", cases[i].json);
      tokens = parse_tokens (cases[i].json, &error);

      if (cases[i].error < 0)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (tokens->access_token, ==, "a");
          g_assert_cmpstr (tokens->token_type, ==, "Bearer");
          g_assert_null (tokens->refresh_token);
          g_assert_cmpint (tokens->expires_at, ==, cases[i].expires_at);
        }
      else
        {
          g_assert_null (tokens);
          g_assert_error (error, HD_OAUTH_ERROR, cases[i].error);
        }
    }
}

#define ADD(path, func) \
  g_test_add ("/herald/net/oauth/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* The isolated data dirs hide the system's proxy settings schema, which GNOME's proxy
   * resolver aborts without; every server here is on loopback anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("full-flow", test_full_flow);
  ADD ("listener-on-loopback-only", test_listener_on_loopback_only);
  ADD ("wrong-state", test_wrong_state);
  ADD ("access-denied", test_access_denied);
  ADD ("wrong-issuer", test_wrong_issuer);
  ADD ("missing-issuer", test_missing_issuer);
  ADD ("timeout", test_timeout);
  ADD ("cancelled", test_cancelled);
  ADD ("no-pkce-when-unsupported", test_no_pkce_when_unsupported);
  ADD ("pkce-override", test_pkce_override);
  ADD ("openid-configuration", test_openid_configuration);
  ADD ("discovery-fails", test_discovery_fails);
  ADD ("malformed-token-answer", test_malformed_token_answer);
  ADD ("wrong-client-secret", test_wrong_client_secret);
  ADD ("refresh-rotation", test_refresh_rotation);
  ADD ("refresh-without-rotation", test_refresh_without_rotation);
  ADD ("out-of-band", test_out_of_band);
  ADD ("out-of-band-wrong-state", test_out_of_band_wrong_state);
  g_test_add_func ("/herald/net/oauth/pasted-code", test_pasted_code);
  g_test_add_func ("/herald/net/oauth/token-answers", test_token_answers);

  return g_test_run ();
}
