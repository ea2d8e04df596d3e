/* test-http.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-http.h"

typedef struct
{
  SoupServer      *server;
  GUri            *base;
  GHashTable      *hits;
  char            *user_agent;
  /* the client ports requests came from: one per connection */
  GHashTable      *client_ports;

  GSocketService  *raw;
  guint16          raw_port;

  HdHttp          *http;
  gint64           now;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now;
}

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY, body,
                                      strlen (body));
}

static char *
big_json (gsize size)
{
  GString *json = g_string_new ("{\"padding\":\"");

  while (json->len < size - 2)
    g_string_append_c (json, 'x');
  g_string_append (json, "\"}");

  return g_string_free (json, FALSE);
}

/* @text packed as a server packs a body it sends with "Content-Encoding: gzip". */
static GBytes *
gzip_bytes (const char *text)
{
  g_autoptr(GConverter) compressor =
    G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1));
  g_autoptr(GInputStream) plain = g_memory_input_stream_new_from_data (text, strlen (text), NULL);
  g_autoptr(GInputStream) packed = g_converter_input_stream_new (plain, compressor);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, packed, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  guint hits = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->hits, path));

  g_hash_table_replace (fixture->hits, g_strdup (path), GUINT_TO_POINTER (hits + 1));
  g_free (fixture->user_agent);
  fixture->user_agent = g_strdup (soup_message_headers_get_one (
    soup_server_message_get_request_headers (message), "User-Agent"));

  g_hash_table_add (fixture->client_ports, GUINT_TO_POINTER (g_inet_socket_address_get_port (
    G_INET_SOCKET_ADDRESS (soup_server_message_get_remote_address (message)))));

  if (g_str_equal (path, "/ok") || g_str_equal (path, "/statuses"))
    {
      respond (message, 200, "application/json; charset=utf-8",
               "{\"hello\":\"wörld\",\"count\":3}");
    }
  else if (g_str_equal (path, "/malformed"))
    {
      respond (message, 200, "application/json", "{\"id\": \"1\", \"text\": \"unterminated");
    }
  else if (g_str_equal (path, "/not-utf8"))
    {
      respond (message, 200, "application/json", "{\"text\": \"\xff\xfe\"}");
    }
  else if (g_str_equal (path, "/html"))
    {
      respond (message, 200, "text/html",
               "<html><body>Welcome to Café Wi-Fi. Accept the terms.</body></html>");
    }
  else if (g_str_equal (path, "/big"))
    {
      g_autofree char *json = big_json (4096);

      respond (message, 200, "application/json", json);
    }
  else if (g_str_equal (path, "/huge"))
    {
      g_autofree char *json = big_json (300 * 1024 + 7);

      respond (message, 200, "application/json", json);
    }
  else if (g_str_equal (path, "/huge-gzip"))
    {
      g_autofree char *json = big_json (300 * 1024 + 7);
      g_autoptr(GBytes) packed = gzip_bytes (json);

      /* Sent with the packed body's length, as a server does that packs before it sends. */
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (packed, NULL),
                                        g_bytes_get_size (packed));
      soup_server_message_set_status (message, 200, NULL);
    }
  else if (g_str_equal (path, "/big-chunked") || g_str_equal (path, "/huge-chunked"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (message);
      g_autofree char *json = big_json (g_str_equal (path, "/big-chunked") ? 4096
                                                                           : 300 * 1024 + 7);

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_set_content_type (headers, "application/json", NULL);
      for (gsize offset = 0; offset < strlen (json); offset += 512)
        soup_message_body_append (body, SOUP_MEMORY_COPY, json + offset,
                                  MIN (512, strlen (json) - offset));
      soup_message_body_complete (body);
      soup_server_message_set_status (message, 200, NULL);
    }
  else if (g_str_equal (path, "/server-error"))
    {
      respond (message, 500, "text/plain", "oops");
    }
  else if (g_str_equal (path, "/slow-down"))
    {
      soup_message_headers_replace (headers, "Retry-After", "30");
      respond (message, 429, "application/json", "{\"error\":\"Too many requests\"}");
    }
  else if (g_str_equal (path, "/rejected"))
    {
      respond (message, 422, "application/json",
               "{\"error\":\"Validation failed: Text can't be blank\"}");
    }
  else if (g_str_equal (path, "/meta-error"))
    {
      respond (message, 400, "application/json",
               "{\"error\":{\"message\":\"(#506) Duplicate status message\","
               "\"type\":\"OAuthException\",\"code\":506,\"fbtrace_id\":\"AbC\"}}");
    }
  else if (g_str_equal (path, "/unauthorized"))
    {
      respond (message, 401, "application/json", "{\"error\":\"The access token is invalid\"}");
    }
  else if (g_str_equal (path, "/empty"))
    {
      soup_server_message_set_status (message, 204, NULL);
    }
  else
    {
      respond (message, 404, "application/json", "{\"error\":\"Record not found\"}");
    }
}

/* A server that promises 100 bytes, sends a few, and hangs up. It runs in a thread of its
 * own, so its blocking read does not hold up the client on the main loop. */
static gboolean
on_raw_run (GThreadedSocketService *service,
            GSocketConnection      *connection,
            GObject                *source,
            gpointer                user_data)
{
  static const char answer[] = "HTTP/1.1 200 OK\r\n"
                               "Content-Type: application/json\r\n"
                               "Content-Length: 100\r\n"
                               "\r\n"
                               "{\"id\":\"1\",\"te";
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  char request[4096];

  /* Read the request first, so the client does not see a reset while still writing. */
  g_input_stream_read (in, request, sizeof request, NULL, NULL);
  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSList *uris;

  fixture->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->client_ports = g_hash_table_new (NULL, NULL);
  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_request, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  fixture->raw = g_threaded_socket_service_new (2);
  g_socket_listener_add_address (G_SOCKET_LISTENER (fixture->raw), any_port,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                 &error);
  g_assert_no_error (error);
  fixture->raw_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (fixture->raw, "run", G_CALLBACK (on_raw_run), NULL);

  fixture->now = 1772445600;
  fixture->http = hd_http_new ();
  hd_rate_limiter_set_clock (hd_http_get_rate_limiter (fixture->http), fake_clock, fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->http);
  g_socket_service_stop (fixture->raw);
  g_socket_listener_close (G_SOCKET_LISTENER (fixture->raw));
  g_clear_object (&fixture->raw);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->base, g_uri_unref);
  g_clear_pointer (&fixture->hits, g_hash_table_unref);
  g_clear_pointer (&fixture->client_ports, g_hash_table_unref);
  g_clear_pointer (&fixture->user_agent, g_free);
}

static guint
hits (Fixture    *fixture,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->hits, path));
}

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static JsonNode *
send_uri (Fixture     *fixture,
          const char  *uri,
          const char  *limit_key,
          JsonNode   **error_body,
          GError     **error)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);
  g_autoptr(GAsyncResult) result = NULL;

  hd_http_send_json_async (fixture->http, message, limit_key, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return hd_http_send_json_finish (fixture->http, result, error_body, error);
}

static JsonNode *
send_path (Fixture     *fixture,
           const char  *path,
           JsonNode   **error_body,
           GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (fixture->base, path, G_URI_FLAGS_NONE, NULL);
  g_autofree char *text = g_uri_to_string (uri);

  return send_uri (fixture, text, NULL, error_body, error);
}

static void
test_json_answer (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = send_path (fixture, "/ok", NULL, &error);
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_nonnull (node);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "hello"), ==, "wörld");
  g_assert_cmpint (json_object_get_int_member (object, "count"), ==, 3);
  g_assert_true (g_str_has_prefix (fixture->user_agent, "Herald/"));
}

static void
test_empty_answer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = send_path (fixture, "/empty", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_NULL (node));
}

static void
assert_error_names_host (GError *error)
{
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
test_malformed_json (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = send_path (fixture, "/malformed", NULL, &error);

  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_MALFORMED);
  assert_error_names_host (error);
  g_clear_error (&error);

  node = send_path (fixture, "/not-utf8", NULL, &error);
  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_MALFORMED);
}

static void
test_web_page (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = send_path (fixture, "/html", NULL, &error);

  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_UNEXPECTED_CONTENT);
  assert_error_names_host (error);
}

static void
test_truncated_body (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/status", fixture->raw_port);
  g_autoptr(JsonNode) node = send_uri (fixture, uri, NULL, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_TRUNCATED);
  assert_error_names_host (error);
}

static void
test_oversize_body (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  hd_http_set_max_body_size (fixture->http, 1024);

  node = send_path (fixture, "/big", NULL, &error);
  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_TOO_LARGE);
  g_clear_error (&error);

  node = send_path (fixture, "/big-chunked", NULL, &error);
  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* The same answers fit under the default cap. */
  hd_http_set_max_body_size (fixture->http, HD_HTTP_DEFAULT_MAX_BODY_SIZE);
  node = send_path (fixture, "/big-chunked", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (node),
                                                           "padding")), >, 4000);
}

/* An answer many reads long arrives whole, whether its length is announced or not, and
 * whether it was packed to travel or not. */
static void
test_long_answer (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *paths[] = { "/huge", "/huge-chunked", "/huge-gzip" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = send_path (fixture, paths[i], NULL, &error);

      g_test_message ("%s", paths[i]);
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (node),
                                                               "padding")),
                        ==, 300 * 1024 + 7 - strlen ("{\"padding\":\"\"}"));
    }
}

static void
test_server_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(JsonNode) node = send_path (fixture, "/server-error", &error_body, &error);

  g_assert_null (node);
  g_assert_null (error_body);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "500"));
  assert_error_names_host (error);
}

static void
test_too_many_requests (Fixture       *fixture,
                        gconstpointer  data)
{
  HdRateLimiter *limiter = hd_http_get_rate_limiter (fixture->http);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = send_path (fixture, "/slow-down", NULL, &error);

  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "30 seconds"));
  g_assert_cmpuint (hd_rate_limiter_get_wait (limiter, "127.0.0.1"), ==, 30);
  g_assert_cmpuint (hits (fixture, "/slow-down"), ==, 1);
  g_clear_error (&error);

  /* Within the wait nothing reaches the server, whatever the path. */
  fixture->now += 10;
  node = send_path (fixture, "/ok", NULL, &error);
  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "20 seconds"));
  g_assert_cmpuint (hits (fixture, "/ok"), ==, 0);
  g_clear_error (&error);

  fixture->now += 20;
  node = send_path (fixture, "/ok", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_cmpuint (hits (fixture, "/ok"), ==, 1);
}

/* The wait belongs to whoever the caller names: one channel's 429 does not hold another. */
static void
test_limit_per_channel (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GUri) slow = g_uri_parse_relative (fixture->base, "/slow-down", G_URI_FLAGS_NONE,
                                               NULL);
  g_autoptr(GUri) ok = g_uri_parse_relative (fixture->base, "/ok", G_URI_FLAGS_NONE, NULL);
  g_autofree char *slow_uri = g_uri_to_string (slow);
  g_autofree char *ok_uri = g_uri_to_string (ok);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = send_uri (fixture, slow_uri, "channel-a", NULL, &error);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  node = send_uri (fixture, ok_uri, "channel-b", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  node = send_uri (fixture, ok_uri, "channel-a", NULL, &error);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_RATE_LIMITED);
  g_assert_cmpuint (hits (fixture, "/ok"), ==, 1);
}

static void
test_rejected_with_platform_message (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(JsonNode) node = send_path (fixture, "/rejected", &error_body, &error);

  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "Validation failed: Text can't be blank"));
  g_assert_nonnull (error_body);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (error_body), "error"),
                   ==, "Validation failed: Text can't be blank");
  g_clear_error (&error);
  g_clear_pointer (&error_body, json_node_unref);

  node = send_path (fixture, "/meta-error", &error_body, &error);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "(#506) Duplicate status message"));
  g_assert_nonnull (error_body);
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = send_path (fixture, "/unauthorized", NULL, &error);

  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Reconnect"));
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = send_path (fixture, "/statuses/404", NULL, &error);

  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_NOT_FOUND);
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint16 port = fixture->raw_port;

  /* Nobody listens on the raw server's port once it is closed. */
  g_socket_service_stop (fixture->raw);
  g_socket_listener_close (G_SOCKET_LISTENER (fixture->raw));

  uri = g_strdup_printf ("http://127.0.0.1:%u/", port);
  node = send_uri (fixture, uri, NULL, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_NETWORK);
  assert_error_names_host (error);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (fixture->base, "/ok", G_URI_FLAGS_NONE, NULL);
  g_autoptr(SoupMessage) message = soup_message_new_from_uri ("GET", uri);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  hd_http_send_json_async (fixture->http, message, NULL, cancellable, got_result, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  node = hd_http_send_json_finish (fixture->http, result, NULL, &error);
  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
post_status (Fixture    *fixture,
             const char *idempotency_key)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (fixture->base, "/statuses", G_URI_FLAGS_NONE, NULL);
  g_autoptr(SoupMessage) message = soup_message_new_from_uri ("POST", uri);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"status\":\"Open at nine\"}", 25);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (message, "application/json", body);
  if (idempotency_key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Idempotency-Key",
                                  idempotency_key);
  hd_http_send_json_async (fixture->http, message, NULL, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  node = hd_http_send_json_finish (fixture->http, result, NULL, &error);
  g_assert_no_error (error);
}

/* Posts the platform recognises by their key share one connection (one handshake for a queue
 * of posts); others each get a fresh one, so none is ever sent twice on a connection that
 * closed under it. */
static void
test_keyed_posts_share_a_connection (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  post_status (fixture, "6f1c0d6e-0001");
  post_status (fixture, "6f1c0d6e-0002");
  post_status (fixture, "6f1c0d6e-0003");
  g_assert_cmpuint (hits (fixture, "/statuses"), ==, 3);
  g_assert_cmpuint (g_hash_table_size (fixture->client_ports), ==, 1);

  /* Reads ride the open connection too. */
  g_clear_pointer (&node, json_node_unref);
  node = send_path (fixture, "/ok", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (fixture->client_ports), ==, 1);

  g_hash_table_remove_all (fixture->client_ports);
  post_status (fixture, NULL);
  post_status (fixture, NULL);
  g_assert_cmpuint (g_hash_table_size (fixture->client_ports), ==, 2);
}

typedef struct
{
  GAsyncResult **result;
  guint          n_accepted;
  gboolean       before_result;
} Accepted;

static void
on_accepted (gpointer user_data)
{
  Accepted *accepted = user_data;

  accepted->n_accepted++;
  accepted->before_result = *accepted->result == NULL;
}

/* How often the caller heard that the server took the request at @path; @error is the
 * request's own outcome. */
static guint
count_accepted (Fixture     *fixture,
                const char  *uri,
                GError     **error)
{
  g_autoptr(SoupMessage) message = soup_message_new ("POST", uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  Accepted accepted = { &result, 0, FALSE };

  hd_http_send_json_full_async (fixture->http, message, NULL, on_accepted, &accepted, NULL,
                                got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  node = hd_http_send_json_finish (fixture->http, result, NULL, error);

  /* Told while the body was still to be read, never after the request was over. */
  if (accepted.n_accepted > 0)
    g_assert_true (accepted.before_result);

  return accepted.n_accepted;
}

static char *
local_uri (Fixture    *fixture,
           const char *path)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (fixture->base, path, G_URI_FLAGS_NONE, NULL);

  return g_uri_to_string (uri);
}

/* A caller that keeps an order hears that the server took a request as soon as the answer's
 * success status is in, so it can send what comes next; an error status, or a page of a
 * network that wants a sign-in, is no such sign. */
static void
test_accepted_on_success_status (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = local_uri (fixture, "/ok");
  g_autofree char *big = local_uri (fixture, "/big-chunked");
  g_autofree char *refused = local_uri (fixture, "/rejected");
  g_autofree char *busy = local_uri (fixture, "/slow-down");
  g_autofree char *page = local_uri (fixture, "/html");
  g_autofree char *cut = g_strdup_printf ("http://127.0.0.1:%u/status", fixture->raw_port);

  g_assert_cmpuint (count_accepted (fixture, ok, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (count_accepted (fixture, big, &error), ==, 1);
  g_assert_no_error (error);

  g_assert_cmpuint (count_accepted (fixture, refused, &error), ==, 0);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_REJECTED);
  g_clear_error (&error);
  g_assert_cmpuint (count_accepted (fixture, page, &error), ==, 0);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_UNEXPECTED_CONTENT);
  g_clear_error (&error);

  /* The server said it took it; the body that did not follow is the caller's to deal with. */
  g_assert_cmpuint (count_accepted (fixture, cut, &error), ==, 1);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_TRUNCATED);
  g_clear_error (&error);

  /* Last: the host's limit then holds every request for a while. */
  g_assert_cmpuint (count_accepted (fixture, busy, &error), ==, 0);
  g_assert_error (error, HD_HTTP_ERROR, HD_HTTP_ERROR_RATE_LIMITED);
}

#define ADD(path, func) \
  g_test_add ("/herald/net/http/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* The isolated data dirs hide the system's proxy settings schema, which GNOME's proxy
   * resolver aborts without; the servers here are on loopback anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("json-answer", test_json_answer);
  ADD ("empty-answer", test_empty_answer);
  ADD ("malformed-json", test_malformed_json);
  ADD ("web-page", test_web_page);
  ADD ("truncated-body", test_truncated_body);
  ADD ("oversize-body", test_oversize_body);
  ADD ("long-answer", test_long_answer);
  ADD ("server-error", test_server_error);
  ADD ("too-many-requests", test_too_many_requests);
  ADD ("limit-per-channel", test_limit_per_channel);
  ADD ("rejected-with-platform-message", test_rejected_with_platform_message);
  ADD ("unauthorized", test_unauthorized);
  ADD ("not-found", test_not_found);
  ADD ("connection-refused", test_connection_refused);
  ADD ("cancelled", test_cancelled);
  ADD ("keyed-posts-share-a-connection", test_keyed_posts_share_a_connection);
  ADD ("accepted-on-success-status", test_accepted_on_success_status);

  return g_test_run ();
}
