/* hd-fake-server.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-fake-server.h"

/* How much HD_FAKE_FAULT_HUGE streams at most, in pieces of HUGE_PIECE: far beyond what a
 * client should read, yet an end, so that a client that never stops cannot hang a test. */
#define HUGE_TOTAL (64 * 1024 * 1024)
#define HUGE_PIECE (64 * 1024)

typedef struct
{
  char            *method;
  char            *path_prefix;
  /* the request index it strikes at, or -1 for the next request matching the prefix */
  gint64           index;
  HdFakeFaultKind  kind;
  guint            status;
  char            *body;
  GStrv            headers;
  guint            delay_ms;
} Fault;

struct _HdFakeServer
{
  SoupServer    *server;
  char          *url;
  guint          port;
  HdFakeHandler  handler;
  gpointer       user_data;
  GQueue         faults;
  GPtrArray     *requests;
  const gint64  *now;
  GPtrArray     *held;          /* of Held */

  /* a fault that strikes at random, after the scripted ones */
  Fault         *random_fault;
  guint          random_percent;
  GRand         *rand;
};

static void
fault_free (Fault *fault)
{
  g_free (fault->method);
  g_free (fault->path_prefix);
  g_free (fault->body);
  g_strfreev (fault->headers);
  g_free (fault);
}

static void
request_free (HdFakeRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->headers, soup_message_headers_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

void
hd_fake_respond_json (SoupServerMessage *message,
                      guint              status,
                      const char        *json)
{
  soup_server_message_set_status (message, status, NULL);
  if (json != NULL)
    soup_server_message_set_response (message, "application/json; charset=utf-8",
                                      SOUP_MEMORY_COPY, json, strlen (json));
}

void
hd_fake_respond_node (SoupServerMessage *message,
                      guint              status,
                      JsonNode          *node)
{
  g_autofree char *json = json_to_string (node, FALSE);

  hd_fake_respond_json (message, status, json);
}

static Fault *
take_fault (HdFakeServer  *self,
            HdFakeRequest *request)
{
  /* The request was recorded already, so it is the last one. */
  gint64 index = (gint64) self->requests->len - 1;

  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      Fault *fault = l->data;

      if (fault->index == index)
        {
          g_queue_delete_link (&self->faults, l);
          return fault;
        }
    }

  for (GList *l = self->faults.head; l != NULL; l = l->next)
    {
      Fault *fault = l->data;

      if (fault->index < 0
          && (fault->method == NULL || g_str_equal (fault->method, request->method))
          && g_str_has_prefix (request->path, fault->path_prefix))
        {
          g_queue_delete_link (&self->faults, l);
          return fault;
        }
    }

  return NULL;
}

static Fault *
copy_fault (const Fault *fault)
{
  Fault *copy = g_new0 (Fault, 1);

  copy->method = g_strdup (fault->method);
  copy->path_prefix = g_strdup (fault->path_prefix);
  copy->index = fault->index;
  copy->kind = fault->kind;
  copy->status = fault->status;
  copy->body = g_strdup (fault->body);
  copy->headers = g_strdupv (fault->headers);
  copy->delay_ms = fault->delay_ms;

  return copy;
}

static Fault *
draw_random_fault (HdFakeServer  *self,
                   HdFakeRequest *request)
{
  Fault *fault = self->random_fault;

  if (fault == NULL
      || (fault->method != NULL && !g_str_equal (fault->method, request->method))
      || !g_str_has_prefix (request->path, fault->path_prefix))
    return NULL;

  if ((guint) g_rand_int_range (self->rand, 0, 100) >= self->random_percent)
    return NULL;

  return copy_fault (fault);
}

/* Writes a raw answer on the connection and closes it, for answers no well-behaved server
 * library would send. */
static void
write_raw (SoupServerMessage *message,
           const char        *raw)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);
  GOutputStream *output = g_io_stream_get_output_stream (stream);

  if (raw != NULL)
    g_output_stream_write_all (output, raw, strlen (raw), NULL, NULL, NULL);
  g_output_stream_flush (output, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

typedef struct
{
  GIOStream     *stream;
  GOutputStream *output;
  GBytes        *piece;
  gsize          written;
} Flood;

static void
flood_free (Flood *flood)
{
  g_io_stream_close (flood->stream, NULL, NULL);
  g_object_unref (flood->stream);
  g_bytes_unref (flood->piece);
  g_free (flood);
}

static void
flood_wrote_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Flood *flood = user_data;
  gsize written = 0;

  /* The client closing its end is how a careful one stops reading: the write then fails. */
  if (!g_output_stream_write_all_finish (flood->output, result, &written, NULL)
      || (flood->written += written) >= HUGE_TOTAL)
    {
      flood_free (flood);
      return;
    }

  g_output_stream_write_all_async (flood->output, g_bytes_get_data (flood->piece, NULL),
                                   g_bytes_get_size (flood->piece), G_PRIORITY_DEFAULT, NULL,
                                   flood_wrote_cb, flood);
}

/* A 200 without a length, closed by the end of the connection, whose JSON object never
 * closes: the client learns only by counting that it is too much. Written without blocking,
 * since the client reads on the same main loop. */
static void
write_flood (SoupServerMessage *message)
{
  static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             "Connection: close\r\n\r\n{\"id\":\"1\",\"padding\":\"";
  Flood *flood = g_new0 (Flood, 1);
  char *piece = g_malloc (HUGE_PIECE);

  memset (piece, 'a', HUGE_PIECE);
  memcpy (piece, head, strlen (head));
  flood->piece = g_bytes_new_take (piece, HUGE_PIECE);
  flood->stream = soup_server_message_steal_connection (message);
  flood->output = g_io_stream_get_output_stream (flood->stream);
  g_output_stream_write_all_async (flood->output, piece, HUGE_PIECE, G_PRIORITY_DEFAULT, NULL,
                                   flood_wrote_cb, flood);
}

/* An answer held back: a request answered late, or an answer written by hand on the
 * connection taken from the server, its head first and its body (or the end of the
 * connection) a while later. The server keeps it until it is out, and drops it, timer and
 * all, should the server be freed first. */
typedef struct
{
  HdFakeServer      *self;
  guint              source_id;
  /* answered late */
  SoupServerMessage *message;
  HdFakeRequest     *request;
  /* written by hand */
  GIOStream         *stream;
  char              *head;
  GBytes            *body;
  guint              delay_ms;
} Held;

static void
held_free (Held *held)
{
  g_clear_handle_id (&held->source_id, g_source_remove);
  g_clear_object (&held->message);
  /* A connection taken from the server ends with it, as the server's own do. */
  if (held->stream != NULL && !g_io_stream_is_closed (held->stream))
    g_io_stream_close (held->stream, NULL, NULL);
  g_clear_object (&held->stream);
  g_free (held->head);
  g_clear_pointer (&held->body, g_bytes_unref);
  g_free (held);
}

/* Kept by @self from now until it is let go of; @then runs after @delay_ms. */
static void
hold (HdFakeServer *self,
      Held         *held,
      guint         delay_ms,
      GSourceFunc   then)
{
  held->self = self;
  held->source_id = g_timeout_add (delay_ms, then, held);
  g_ptr_array_add (self->held, held);
}

/* Done with: its timer has run already, so freeing it removes no source. */
static void
let_go (Held *held)
{
  held->source_id = 0;
  g_ptr_array_remove_fast (held->self->held, held);
}

static gboolean
answer_late (gpointer user_data)
{
  Held *held = user_data;

  held->self->handler (held->self, held->message, held->request, held->self->user_data);
  soup_server_message_unpause (held->message);
  let_go (held);

  return G_SOURCE_REMOVE;
}

static gboolean
write_rest (gpointer user_data)
{
  Held *held = user_data;
  GOutputStream *output = g_io_stream_get_output_stream (held->stream);

  if (held->body != NULL)
    g_output_stream_write_all (output, g_bytes_get_data (held->body, NULL),
                               g_bytes_get_size (held->body), NULL, NULL, NULL);
  g_output_stream_flush (output, NULL, NULL);
  g_io_stream_close (held->stream, NULL, NULL);
  let_go (held);

  return G_SOURCE_REMOVE;
}

static gboolean
write_head (gpointer user_data)
{
  Held *held = user_data;
  GOutputStream *output = g_io_stream_get_output_stream (held->stream);

  g_output_stream_write_all (output, held->head, strlen (held->head), NULL, NULL, NULL);
  g_output_stream_flush (output, NULL, NULL);
  /* Still held: only its timer is new. */
  held->source_id = g_timeout_add (held->delay_ms, write_rest, held);

  return G_SOURCE_REMOVE;
}

/* The platform's answer to @message, head and body apart; the body is left out when
 * @with_body is FALSE, though the head announces it. */
static void
answer_head_first (HdFakeServer      *self,
                   SoupServerMessage *message,
                   guint              delay_ms,
                   gboolean           with_body)
{
  Held *held = g_new0 (Held, 1);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;
  guint status = soup_server_message_get_status (message);

  body = soup_message_body_flatten (soup_server_message_get_response_body (message));
  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Content-Length") != 0 &&
          g_ascii_strcasecmp (name, "Connection") != 0)
        g_string_append_printf (head, "%s: %s\r\n", name, value);
    }
  g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                "Connection: close\r\n\r\n", g_bytes_get_size (body));

  held->stream = soup_server_message_steal_connection (message);
  held->head = g_string_free (g_steal_pointer (&head), FALSE);
  held->body = with_body ? g_steal_pointer (&body) : NULL;
  held->delay_ms = delay_ms;
  hold (self, held, delay_ms, write_head);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  HdFakeServer *self = user_data;
  HdFakeRequest *request = g_new0 (HdFakeRequest, 1);
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  GUri *uri = soup_server_message_get_uri (message);
  Fault *fault;

  request->method = g_strdup (soup_server_message_get_method (message));
  request->path = g_strdup (path);
  request->query = g_strdup (g_uri_get_query (uri));
  request->headers = soup_message_headers_ref (soup_server_message_get_request_headers (message));
  request->body = soup_message_body_flatten (body);
  g_ptr_array_add (self->requests, request);

  /* Rate-limit instants are read against the server's Date: it follows the test's clock. */
  if (self->now != NULL && *self->now != 0)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (*self->now);
      g_autofree char *text = soup_date_time_to_string (date, SOUP_DATE_HTTP);

      soup_message_headers_replace (soup_server_message_get_response_headers (message), "Date",
                                    text);
    }

  fault = take_fault (self, request);
  if (fault == NULL)
    fault = draw_random_fault (self, request);
  if (fault == NULL)
    {
      self->handler (self, message, request, self->user_data);
      return;
    }

  switch (fault->kind)
    {
    case HD_FAKE_FAULT_STATUS:
      hd_fake_respond_json (message, fault->status, fault->body);
      for (guint i = 0; fault->headers != NULL && fault->headers[i] != NULL; i += 2)
        soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                      fault->headers[i], fault->headers[i + 1]);
      break;

    case HD_FAKE_FAULT_SLOW:
      {
        Held *held = g_new0 (Held, 1);

        held->message = g_object_ref (message);
        held->request = request;
        soup_server_message_pause (message);
        hold (self, held, fault->delay_ms, answer_late);
      }
      break;

    case HD_FAKE_FAULT_TRUNCATED:
      write_raw (message, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 400\r\nConnection: close\r\n\r\n{\"id\":\"1\",\"ur");
      break;

    case HD_FAKE_FAULT_MALFORMED:
      hd_fake_respond_json (message, 200, "{\"id\": \"1\", \"url\": tru");
      break;

    case HD_FAKE_FAULT_LOST_ANSWER:
      /* The platform acts on it; only the answer is lost on the way. */
      self->handler (self, message, request, self->user_data);
      write_raw (message, NULL);
      break;

    case HD_FAKE_FAULT_RESET:
      write_raw (message, NULL);
      break;

    case HD_FAKE_FAULT_MALFORMED_AFTER:
      /* The platform acts on it; the answer is garbled on the way back. */
      self->handler (self, message, request, self->user_data);
      write_raw (message, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: 21\r\nConnection: close\r\n\r\n"
                          "{\"id\": \"1\", \"url\": tr");
      break;

    case HD_FAKE_FAULT_WRONG_SHAPE:
      /* The platform acts on it; the answer is well-formed but not what the API promises. */
      self->handler (self, message, request, self->user_data);
      /* Setting a response appends to the platform's. */
      soup_message_body_truncate (soup_server_message_get_response_body (message));
      hd_fake_respond_json (message, 200, fault->body != NULL ? fault->body : "[]");
      break;

    case HD_FAKE_FAULT_HUGE:
      /* The platform acts on it; the answer never ends. */
      self->handler (self, message, request, self->user_data);
      write_flood (message);
      break;

    case HD_FAKE_FAULT_BODY_LATE:
    case HD_FAKE_FAULT_BODY_CUT:
      self->handler (self, message, request, self->user_data);
      answer_head_first (self, message, fault->delay_ms, fault->kind == HD_FAKE_FAULT_BODY_LATE);
      break;

    default:
      g_assert_not_reached ();
    }

  fault_free (fault);
}

HdFakeServer *
hd_fake_server_new (HdFakeHandler handler,
                    gpointer      user_data)
{
  HdFakeServer *self = g_new0 (HdFakeServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  g_autofree char *text = NULL;

  self->handler = handler;
  self->user_data = user_data;
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  self->held = g_ptr_array_new_with_free_func ((GDestroyNotify) held_free);
  g_queue_init (&self->faults);

  self->server = soup_server_new ("server-header", "herald-fake", NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  self->port = g_uri_get_port (uris->data);
  text = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* "http://127.0.0.1:PORT/" without the slash, the way channels keep base URLs */
  if (g_str_has_suffix (text, "/"))
    text[strlen (text) - 1] = '\0';
  self->url = g_steal_pointer (&text);

  return self;
}

void
hd_fake_server_free (HdFakeServer *self)
{
  if (self == NULL)
    return;

  /* Before the server goes: a message answered late belongs to it. */
  g_clear_pointer (&self->held, g_ptr_array_unref);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_queue_clear_full (&self->faults, (GDestroyNotify) fault_free);
  g_clear_pointer (&self->random_fault, fault_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_free (self->url);
  g_free (self);
}

/* @now: Unix seconds the server's Date header says, 0 for the real time */
void
hd_fake_server_set_clock (HdFakeServer *self,
                          const gint64 *now)
{
  self->now = now;
}

const char *
hd_fake_server_get_url (HdFakeServer *self)
{
  return self->url;
}

/**
 * hd_fake_server_add_fault:
 * @method: (nullable): the method it applies to, or %NULL for any
 * @path_prefix: the paths it applies to
 * @headers: (nullable): name, value, name, value… NULL-terminated
 *
 * The next matching request gets this fault once; faults are used in the order added.
 */
void
hd_fake_server_add_fault (HdFakeServer       *self,
                          const char         *method,
                          const char         *path_prefix,
                          HdFakeFaultKind     kind,
                          guint               status,
                          const char         *body,
                          const char * const *headers,
                          guint               delay_ms)
{
  Fault *fault = g_new0 (Fault, 1);

  fault->method = g_strdup (method);
  fault->path_prefix = g_strdup (path_prefix);
  fault->index = -1;
  fault->kind = kind;
  fault->status = status;
  fault->body = g_strdup (body);
  fault->headers = g_strdupv ((char **) headers);
  fault->delay_ms = delay_ms;
  g_queue_push_tail (&self->faults, fault);
}

/**
 * hd_fake_server_add_fault_at:
 * @headers: (nullable): name, value, name, value… NULL-terminated
 *
 * Lets a test strike each request of a known sequence in turn, whatever it is.
 */
void
hd_fake_server_add_fault_at (HdFakeServer       *self,
                             guint               index,
                             HdFakeFaultKind     kind,
                             guint               status,
                             const char         *body,
                             const char * const *headers,
                             guint               delay_ms)
{
  hd_fake_server_add_fault (self, NULL, "", kind, status, body, headers, delay_ms);
  ((Fault *) g_queue_peek_tail (&self->faults))->index = index;
}

/**
 * hd_fake_server_set_random_fault:
 * @method: (nullable): the method it applies to, or %NULL for any
 * @rand: (transfer none): where the chance is drawn from; it must outlive the server or the
 *   next call, so that a seeded test is repeatable
 *
 * A @percent of 0 turns the random fault off.
 */
void
hd_fake_server_set_random_fault (HdFakeServer    *self,
                                 const char      *method,
                                 const char      *path_prefix,
                                 HdFakeFaultKind  kind,
                                 guint            percent,
                                 GRand           *rand)
{
  g_clear_pointer (&self->random_fault, fault_free);
  self->rand = rand;
  self->random_percent = MIN (percent, 100);
  if (percent == 0)
    return;

  self->random_fault = g_new0 (Fault, 1);
  self->random_fault->method = g_strdup (method);
  self->random_fault->path_prefix = g_strdup (path_prefix);
  self->random_fault->index = -1;
  self->random_fault->kind = kind;
}

guint
hd_fake_server_get_n_faults (HdFakeServer *self)
{
  return self->faults.length;
}

guint
hd_fake_server_get_n_delayed (HdFakeServer *self)
{
  return self->held->len;
}

void
hd_fake_server_set_listening (HdFakeServer *self,
                              gboolean      listening)
{
  g_autoptr(GError) error = NULL;
  GSList *listeners = soup_server_get_listeners (self->server);
  gboolean is_listening = listeners != NULL;

  g_slist_free (listeners);
  if (listening == is_listening)
    return;

  if (!listening)
    {
      soup_server_disconnect (self->server);
      return;
    }

  soup_server_listen_local (self->server, self->port, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
}

GPtrArray *
hd_fake_server_get_requests (HdFakeServer *self)
{
  return self->requests;
}

guint
hd_fake_server_count (HdFakeServer *self,
                      const char   *method,
                      const char   *path_prefix)
{
  guint count = 0;

  for (guint i = 0; i < self->requests->len; i++)
    {
      HdFakeRequest *request = g_ptr_array_index (self->requests, i);

      if ((method == NULL || g_str_equal (method, request->method))
          && g_str_has_prefix (request->path, path_prefix))
        count++;
    }

  return count;
}

HdFakeRequest *
hd_fake_server_last (HdFakeServer *self,
                     const char   *method,
                     const char   *path_prefix)
{
  for (guint i = self->requests->len; i > 0; i--)
    {
      HdFakeRequest *request = g_ptr_array_index (self->requests, i - 1);

      if ((method == NULL || g_str_equal (method, request->method))
          && g_str_has_prefix (request->path, path_prefix))
        return request;
    }

  return NULL;
}

void
hd_fake_server_clear_requests (HdFakeServer *self)
{
  g_ptr_array_set_size (self->requests, 0);
}

/**
 * hd_fake_request_get_json:
 *
 * Returns: (transfer full) (nullable): the request's body parsed as JSON
 */
JsonNode *
hd_fake_request_get_json (HdFakeRequest *request)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (request->body, &length);

  if (length == 0 || !json_parser_load_from_data (parser, data, length, NULL))
    return NULL;

  return json_node_ref (json_parser_get_root (parser));
}

/**
 * hd_fake_request_get_form:
 *
 * Returns: (transfer full) (nullable): a multipart or urlencoded body's text fields
 */
GHashTable *
hd_fake_request_get_form (HdFakeRequest *request)
{
  const char *type = soup_message_headers_get_content_type (request->headers, NULL);
  gsize length = 0;
  const char *data = g_bytes_get_data (request->body, &length);

  if (g_strcmp0 (type, "application/x-www-form-urlencoded") == 0)
    {
      g_autofree char *text = g_strndup (data, length);

      return soup_form_decode (text);
    }

  if (g_strcmp0 (type, "multipart/form-data") == 0)
    {
      g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (request->headers,
                                                                            request->body);
      GHashTable *form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      for (int i = 0; multipart != NULL && i < soup_multipart_get_length (multipart); i++)
        {
          SoupMessageHeaders *headers;
          GBytes *part;
          GHashTable *params = NULL;
          g_autofree char *disposition = NULL;

          soup_multipart_get_part (multipart, i, &headers, &part);
          if (!soup_message_headers_get_content_disposition (headers, &disposition, &params))
            continue;

          if (g_hash_table_lookup (params, "filename") != NULL)
            {
              const char *part_type = soup_message_headers_get_content_type (headers, NULL);

              g_hash_table_insert (form, g_strconcat (g_hash_table_lookup (params, "name"),
                                                      ":type", NULL),
                                   g_strdup (part_type));
              g_hash_table_insert (form, g_strconcat (g_hash_table_lookup (params, "name"),
                                                      ":size", NULL),
                                   g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (part)));
            }
          else
            {
              gsize size = 0;
              const char *value = g_bytes_get_data (part, &size);

              g_hash_table_insert (form, g_strdup (g_hash_table_lookup (params, "name")),
                                   g_strndup (value, size));
            }
          g_hash_table_destroy (params);
        }

      return form;
    }

  return NULL;
}
