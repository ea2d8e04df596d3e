/* hd-http.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-net"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-http.h"

#define USER_AGENT "Herald/" PACKAGE_VERSION

/* Seconds without a byte before a request counts as failed; a slow mobile link still
 * delivers something within this. */
#define IO_TIMEOUT 30

/* Keep an idle connection a little longer than the sync engine's gaps between requests. */
#define IDLE_TIMEOUT 60

/* Each read allocates a buffer of the size asked for. Most answers are a few hundred bytes, and
 * a 64 KiB buffer for each costs more than the answer: an answer of unknown length is read
 * from a small first buffer that doubles, one of known length in its size. */
#define FIRST_READ (8 * 1024)
#define MAX_READ   (64 * 1024)

G_DEFINE_QUARK (hd-http-error-quark, hd_http_error)

struct _HdHttp
{
  GObject        parent_instance;

  SoupSession   *session;
  HdRateLimiter *limiter;

  gsize          max_body_size;
};

G_DEFINE_FINAL_TYPE (HdHttp, hd_http, G_TYPE_OBJECT)

typedef struct
{
  SoupMessage *message;
  char        *limit_key;
  char        *host;
  GByteArray  *body;
  goffset      expected_length;
  gsize        max_body_size;
  JsonNode    *error_body;
  /* borrowed: the caller keeps it alive until the request is over */
  HdHttpAcceptedFunc accepted;
  gpointer           accepted_data;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_clear_pointer (&request->limit_key, g_free);
  g_clear_pointer (&request->host, g_free);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_clear_pointer (&request->error_body, json_node_unref);
  g_free (request);
}

static void
hd_http_dispose (GObject *object)
{
  HdHttp *self = (HdHttp *)object;

  if (self->session != NULL)
    soup_session_abort (self->session);

  g_clear_object (&self->session);
  g_clear_object (&self->limiter);

  G_OBJECT_CLASS (hd_http_parent_class)->dispose (object);
}

static void
hd_http_class_init (HdHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_http_dispose;
}

static void
hd_http_init (HdHttp *self)
{
  /* Connections stay open between requests (HTTP/1.1 keep-alive), so the channels of one
   * host share them instead of paying a TLS handshake per post. */
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", IO_TIMEOUT,
                                                 "idle-timeout", IDLE_TIMEOUT,
                                                 NULL);
  self->limiter = hd_rate_limiter_new ();
  self->max_body_size = HD_HTTP_DEFAULT_MAX_BODY_SIZE;
}

HdHttp *
hd_http_new (void)
{
  return g_object_new (HD_TYPE_HTTP, NULL);
}

/**
 * hd_http_get_session:
 *
 * Returns: (transfer none): the one session every request of Herald goes through
 */
SoupSession *
hd_http_get_session (HdHttp *self)
{
  g_return_val_if_fail (HD_IS_HTTP (self), NULL);

  return self->session;
}

/**
 * hd_http_get_rate_limiter:
 *
 * Returns: (transfer none): the limiter fed by every answer sent through this object
 */
HdRateLimiter *
hd_http_get_rate_limiter (HdHttp *self)
{
  g_return_val_if_fail (HD_IS_HTTP (self), NULL);

  return self->limiter;
}

gsize
hd_http_get_max_body_size (HdHttp *self)
{
  g_return_val_if_fail (HD_IS_HTTP (self), 0);

  return self->max_body_size;
}

void
hd_http_set_max_body_size (HdHttp *self,
                           gsize   max_body_size)
{
  g_return_if_fail (HD_IS_HTTP (self));
  g_return_if_fail (max_body_size > 0);

  self->max_body_size = max_body_size;
}

/**
 * hd_http_describe_wait:
 *
 * Returns: (transfer full): a wait as a user reads it: "12 seconds", "3 minutes"
 */
char *
hd_http_describe_wait (guint seconds)
{
  guint minutes;
  guint hours;

  if (seconds < 120)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds),
                            seconds);

  minutes = (seconds + 59) / 60;
  if (minutes < 120)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes),
                            minutes);

  hours = (minutes + 59) / 60;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
}

static GError *
rate_limited_error (const char *host,
                    guint       wait)
{
  g_autofree char *duration = hd_http_describe_wait (wait);

  return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_RATE_LIMITED,
                      _("%s asked Herald to slow down. Herald will try again in %s."),
                      host, duration);
}

static GError *
transport_error (const GError *error,
                 const char   *host)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  g_debug ("Request to %s failed: %s", host, error->message);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_NETWORK,
                        _("%s did not answer in time."), host);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_NETWORK,
                        _("Herald could not find %s. Check the address and your internet "
                          "connection, then try again."), host);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_NETWORK,
                        _("Herald could not make a secure connection to %s. Check the "
                          "address and the computer’s date and time, then try again."), host);

  return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_NETWORK,
                      _("Herald could not connect to %s. Check your internet connection, then "
                        "try again."), host);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

/* The platforms' own explanation, from whichever error shape they use: OAuth and Mastodon
 * {"error","error_description"}, Bluesky {"error","message"}, Meta {"error":{"message"}},
 * X {"errors":[{"message"}]} and {"detail"}. */
static const char *
find_platform_message (JsonNode *body)
{
  JsonObject *object;
  JsonNode *member;
  const char *message;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return NULL;

  object = json_node_get_object (body);

  if ((message = string_member (object, "error_description")) != NULL
      || (message = string_member (object, "message")) != NULL
      || (message = string_member (object, "detail")) != NULL
      || (message = string_member (object, "error")) != NULL)
    return message;

  member = json_object_get_member (object, "error");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    return string_member (json_node_get_object (member), "message");

  member = json_object_get_member (object, "errors");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member)
      && json_array_get_length (json_node_get_array (member)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (member), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        return string_member (json_node_get_object (first), "message");
    }

  return NULL;
}

static GError *
status_error (guint          status,
              const char    *host,
              JsonNode      *body,
              HdRateLimiter *limiter,
              const char    *limit_key)
{
  const char *platform_message = find_platform_message (body);

  if (status == HD_HTTP_STATUS_TOO_MANY_REQUESTS)
    return rate_limited_error (host, MAX (1, hd_rate_limiter_get_wait (limiter, limit_key)));

  if (status >= 500)
    return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_SERVER,
                        _("%s had a problem answering (error %u)."), host, status);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      if (platform_message != NULL)
        return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_UNAUTHORIZED,
                            _("%s no longer accepts Herald’s sign-in (“%s”). Reconnect the "
                              "account, then try again."), host, platform_message);

      return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_UNAUTHORIZED,
                          _("%s no longer accepts Herald’s sign-in. Reconnect the account, "
                            "then try again."), host);
    }

  if (status == SOUP_STATUS_NOT_FOUND)
    return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_NOT_FOUND,
                        _("%s could not find what Herald asked for. It may have been removed "
                          "there."), host);

  if (platform_message != NULL)
    return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_REJECTED,
                        _("%s refused the request: %s"), host, platform_message);

  return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_REJECTED,
                      _("%s refused the request (error %u)."), host, status);
}

/* A login page of a hotel or café network answers every request with HTML; saying so
 * tells the user more than "malformed data" would. */
static gboolean
is_web_page (SoupMessage *message)
{
  const char *content_type;

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (message),
                                                        NULL);

  return content_type != NULL
         && (g_ascii_strcasecmp (content_type, "text/html") == 0
             || g_ascii_strcasecmp (content_type, "application/xhtml+xml") == 0);
}

static gboolean
json_strings_valid (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          if (!json_strings_valid (member))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (!json_strings_valid (json_array_get_element (array, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) != G_TYPE_STRING
             || g_utf8_validate (json_node_get_string (node), -1, NULL);

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/**
 * hd_json_node_take_object:
 * @object: (transfer full): a new object
 *
 * json_node_init_object() takes a reference of its own, so handing it a new object leaks
 * that object's first one; this hands it over.
 *
 * Returns: (transfer full): a node holding @object
 */
JsonNode *
hd_json_node_take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/**
 * hd_json_node_take_array:
 * @array: (transfer full): a new array
 *
 * Returns: (transfer full): a node holding @array, as hd_json_node_take_object() does
 */
JsonNode *
hd_json_node_take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

static JsonNode *
json_copy_valid (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *copy = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *valid_name = g_utf8_make_valid (name, -1);

            json_object_set_member (copy, valid_name, json_copy_valid (member));
          }
        return hd_json_node_take_object (copy);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (copy, json_copy_valid (json_array_get_element (array, i)));
        return hd_json_node_take_array (copy);
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_autofree char *valid = g_utf8_make_valid (json_node_get_string (node), -1);

          return json_node_init_string (json_node_alloc (), valid);
        }
      return json_node_copy (node);

    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/**
 * hd_json_node_make_valid:
 * @node: a parsed JSON document
 *
 * A JSON body that is valid UTF-8 can still hold "\ud800"-style escapes of lone surrogates,
 * which decode to bytes that are not UTF-8. Every string Herald takes from a platform goes
 * through here first, so nothing downstream has to distrust it.
 *
 * Returns: (transfer full): @node itself when all its strings are valid, else a copy in
 *   which each broken sequence is replaced by U+FFFD
 */
JsonNode *
hd_json_node_make_valid (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  if (json_strings_valid (node))
    return json_node_ref (node);

  return json_copy_valid (node);
}

static void
finish_body (GTask *task)
{
  HdHttp *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = soup_message_get_status (request->message);
  gboolean success = SOUP_STATUS_IS_SUCCESSFUL (status);

  if (request->body->len == 0)
    {
      node = json_node_new (JSON_NODE_NULL);
    }
  else if (!is_web_page (request->message)
           && g_utf8_validate ((const char *) request->body->data, request->body->len, NULL)
           && json_parser_load_from_data (parser, (const char *) request->body->data,
                                          request->body->len, &parse_error))
    {
      node = hd_json_node_make_valid (json_parser_get_root (parser));
    }

  if (!success)
    {
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        request->error_body = json_node_ref (node);

      g_task_return_error (task, status_error (status, request->host, node, self->limiter,
                                               request->limit_key));
      return;
    }

  if (node == NULL && is_web_page (request->message))
    {
      g_task_return_new_error (task, HD_HTTP_ERROR, HD_HTTP_ERROR_UNEXPECTED_CONTENT,
                               _("%s answered with a web page instead of data. If this "
                                 "network needs you to sign in first, open a web page to do "
                                 "so, then try again."), request->host);
      return;
    }

  if (node == NULL)
    {
      if (parse_error != NULL)
        g_debug ("Answer from %s is not JSON: %s", request->host, parse_error->message);

      g_task_return_new_error (task, HD_HTTP_ERROR, HD_HTTP_ERROR_MALFORMED,
                               _("%s sent an answer Herald could not read."), request->host);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&node), (GDestroyNotify) json_node_unref);
}

static GError *
too_large_error (const char *host,
                 gsize       max_body_size)
{
  guint megabytes = MAX (1, max_body_size / (1024 * 1024));

  return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_TOO_LARGE,
                      _("%s sent an answer of over %u MB, far more than expected, so Herald "
                        "stopped reading it."), host, megabytes);
}

static GError *
truncated_error (const char *host)
{
  return g_error_new (HD_HTTP_ERROR, HD_HTTP_ERROR_TRUNCATED,
                      _("The answer from %s was cut off."), host);
}

static void read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data);

static gsize
next_read_size (Request *request)
{
  /* One byte more than what is left: the last read then asks libsoup for the end of the body,
   * as a read of nothing would not, and libsoup keeps the connection for the next request. */
  if (request->expected_length >= (goffset) request->body->len)
    return MIN (request->expected_length - request->body->len + 1, MAX_READ);

  return CLAMP (request->body->len, FIRST_READ, MAX_READ);
}

static void
read_next (GTask        *task,
           GInputStream *stream)
{
  Request *request = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (stream, next_read_size (request), G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GInputStream *stream = G_INPUT_STREAM (object);
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (stream, result, &error);
  if (chunk == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        {
          g_debug ("Reading the answer from %s failed: %s", request->host, error->message);
          g_task_return_error (task, truncated_error (request->host));
        }
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      if (request->expected_length >= 0
          && (goffset) request->body->len != request->expected_length)
        g_task_return_error (task, truncated_error (request->host));
      else
        finish_body (task);
      return;
    }

  if (request->body->len + size > request->max_body_size)
    {
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, too_large_error (request->host, request->max_body_size));
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (chunk, NULL), size);
  read_next (g_steal_pointer (&task), stream);
}

/* Whether the body comes as it was sent. libsoup unpacks a compressed one, and the length the
 * server announced is then that of the packed body, not of what Herald reads. */
static gboolean
is_sent_as_is (SoupMessageHeaders *headers)
{
  const char *encoding = soup_message_headers_get_one (headers, "Content-Encoding");

  return encoding == NULL || g_ascii_strcasecmp (encoding, "identity") == 0;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  HdHttp *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  stream = soup_session_send_finish (session, result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, transport_error (error, request->host));
      return;
    }

  headers = soup_message_get_response_headers (request->message);
  hd_rate_limiter_update (self->limiter, request->limit_key,
                          soup_message_get_status (request->message), headers);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      is_sent_as_is (headers))
    request->expected_length = soup_message_headers_get_content_length (headers);

  if (request->expected_length > (goffset) request->max_body_size)
    {
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_error (task, too_large_error (request->host, request->max_body_size));
      return;
    }

  /* A page of a network that wants a sign-in first is no sign that the server acted. */
  if (request->accepted != NULL &&
      SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (request->message)) &&
      !is_web_page (request->message))
    request->accepted (request->accepted_data);

  read_next (g_steal_pointer (&task), stream);
}

/**
 * hd_http_send_json_async:
 * @message: the request; its response headers and status can be read once this finishes
 * @limit_key: (nullable): whose rate limit the request counts against, usually the channel
 *   id; %NULL for the host of the request
 *
 * Sends @message and reads a JSON answer of at most the maximum body size. When the rate
 * limiter says to wait, the request is not sent and the operation fails with
 * %HD_HTTP_ERROR_RATE_LIMITED; hd_rate_limiter_get_wait() tells for how long.
 */
void
hd_http_send_json_async (HdHttp              *self,
                         SoupMessage         *message,
                         const char          *limit_key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  hd_http_send_json_full_async (self, message, limit_key, NULL, NULL, cancellable, callback,
                                user_data);
}

/**
 * hd_http_send_json_full_async:
 * @accepted: (nullable): called once the answer has a success status and its headers are in,
 *   while its body is still to be read; not called when the answer is refused before that
 * @accepted_data: for @accepted, kept alive by the caller until the request is over
 *
 * Like hd_http_send_json_async(), for a caller that may act as soon as the server has done
 * what was asked: send what comes after it, while this answer is read.
 */
void
hd_http_send_json_full_async (HdHttp              *self,
                              SoupMessage         *message,
                              const char          *limit_key,
                              HdHttpAcceptedFunc   accepted,
                              gpointer             accepted_data,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SoupMessageHeaders *request_headers;
  Request *request;
  GUri *uri;
  guint wait;

  g_return_if_fail (HD_IS_HTTP (self));
  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  uri = soup_message_get_uri (message);

  request = g_new0 (Request, 1);
  request->message = g_object_ref (message);
  request->host = g_strdup (g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "");
  request->limit_key = g_strdup (limit_key != NULL ? limit_key : request->host);
  request->body = g_byte_array_new ();
  request->expected_length = -1;
  request->max_body_size = self->max_body_size;
  request->accepted = accepted;
  request->accepted_data = accepted_data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_http_send_json_async);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  wait = hd_rate_limiter_get_wait (self->limiter, request->limit_key);
  if (wait > 0)
    {
      g_task_return_error (task, rate_limited_error (request->host, wait));
      return;
    }

  request_headers = soup_message_get_request_headers (message);
  if (soup_message_headers_get_one (request_headers, "Accept") == NULL)
    soup_message_headers_replace (request_headers, "Accept", "application/json");
  /* libsoup opens a new connection for every POST, because a POST sent on a connection the
   * server has just closed would be sent again. One the server recognises by its
   * Idempotency-Key can be sent twice without posting twice, so it may use an open one. */
  if (soup_message_headers_get_one (request_headers, "Idempotency-Key") != NULL)
    soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);
  /* A PUT counts as idempotent, so libsoup sends it again by itself when the open connection
   * it chose turns out closed, and libsoup 3.2 sends it again without its body: the upload
   * arrives empty and is refused for good. On a connection of its own, the failure comes back
   * here instead, and the provider starts the upload over. */
  else if (g_strcmp0 (soup_message_get_method (message), SOUP_METHOD_PUT) == 0)
    soup_message_add_flags (message, SOUP_MESSAGE_NEW_CONNECTION);

  hd_rate_limiter_note_sent (self->limiter, request->limit_key);

  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT, cancellable, send_cb,
                           g_steal_pointer (&task));
}

/**
 * hd_http_send_json_finish:
 * @error_body: (out) (optional) (transfer full) (nullable): when the server answered with an
 *   error status, the JSON it sent along, if any, for the platform's own error codes
 *
 * Returns: (transfer full): the parsed answer of a successful request; a JSON null for an
 *   empty one
 */
JsonNode *
hd_http_send_json_finish (HdHttp        *self,
                          GAsyncResult  *result,
                          JsonNode     **error_body,
                          GError       **error)
{
  Request *request;
  JsonNode *node;

  g_return_val_if_fail (HD_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hd_http_send_json_async,
                        NULL);

  request = g_task_get_task_data (G_TASK (result));
  node = g_task_propagate_pointer (G_TASK (result), error);

  if (error_body != NULL)
    *error_body = node == NULL ? g_steal_pointer (&request->error_body) : NULL;

  return node;
}
