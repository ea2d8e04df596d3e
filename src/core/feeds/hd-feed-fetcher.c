/* hd-feed-fetcher.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-feeds"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-feed-fetcher.h"
#include "hd-feed-parser.h"

#define READ_CHUNK (64 * 1024)

struct _HdFeedFetcher
{
  GObject parent_instance;

  /* owned references */
  SoupSession *session;

  guint        timeout_ms;
  gsize        max_bytes;
};

G_DEFINE_FINAL_TYPE (HdFeedFetcher, hd_feed_fetcher, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_TIMEOUT,
  PROP_MAX_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char         *url;
  char         *etag;
  char         *last_modified;
  GHashTable   *visited;

  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;

  /* Cancelled by the caller's cancellable or by the timeout, whichever comes first. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  guint         timeout_id;
  gboolean      timed_out;
} FetchData;

void
hd_feed_response_free (HdFeedResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->url);
  g_free (response->content_type);
  g_free (response->etag);
  g_free (response->last_modified);
  g_free (response);
}

static void
fetch_data_free (FetchData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (data->caller_cancellable != NULL)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_handler);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->stream);
  g_clear_object (&data->message);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_clear_pointer (&data->visited, g_hash_table_unref);
  g_free (data->url);
  g_free (data->etag);
  g_free (data->last_modified);
  g_free (data);
}

char *
hd_feed_normalize_url (const char  *text,
                       GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *candidate = NULL;
  char *resolved;

  if (*trimmed == '\0')
    {
      g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_INVALID_URL,
                   _("Type the address of a feed, such as https://example.com/feed."));
      return NULL;
    }

  /* People copy "example.com/feed" from the address bar without its scheme. */
  if (strstr (trimmed, "://") == NULL && strchr (trimmed, ' ') == NULL)
    candidate = g_strconcat ("https://", trimmed, NULL);
  else
    candidate = g_strdup (trimmed);

  resolved = hd_feed_resolve_url (NULL, candidate);
  if (resolved == NULL || strchr (trimmed, ' ') != NULL)
    {
      g_free (resolved);
      g_set_error (error, HD_FEED_ERROR, HD_FEED_ERROR_INVALID_URL,
                   _("“%s” is not a web address. Type the address of a feed, starting with "
                     "https://."), trimmed);
      return NULL;
    }

  return resolved;
}

static gboolean
on_timeout (gpointer user_data)
{
  FetchData *data = user_data;

  data->timeout_id = 0;
  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/* Turns a failure of the connection into what the user should know about it. */
static void
return_transport_error (GTask  *task,
                        GError *error)
{
  HdFeedFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);

  if (data->timed_out)
    g_task_return_new_error (task, HD_FEED_ERROR, HD_FEED_ERROR_TIMEOUT,
                             _("The server at %s did not answer within %u seconds. Try again "
                               "later."), data->url, MAX (self->timeout_ms / 1000, 1));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_new_error (task, HD_FEED_ERROR, HD_FEED_ERROR_NETWORK,
                             _("Herald could not reach %s. Check the address and your "
                               "connection (%s)."), data->url, error->message);
}

static void
return_status_error (GTask *task,
                     guint  status)
{
  g_autofree char *message = NULL;

  if (status == SOUP_STATUS_NOT_FOUND)
    message = g_strdup (_("The server answered 404: the feed is not there any more."));
  else if (status == SOUP_STATUS_GONE)
    message = g_strdup (_("The server answered 410: the feed has been taken down."));
  else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    message = g_strdup_printf (_("The server answered %u: it does not let Herald read this "
                                 "feed."), status);
  else if (status == 429)
    message = g_strdup (_("The server answered 429: it asks Herald to slow down. Try again "
                          "later."));
  else if (status >= 500)
    message = g_strdup_printf (_("The server answered %u: it has a problem of its own. Try "
                                 "again later."), status);
  else if (status >= 300 && status < 400)
    message = g_strdup_printf (_("The server answered %u but did not say where the feed went."),
                               status);
  else
    message = g_strdup_printf (_("The server answered %u: it refused to send the feed."),
                               status);

  g_task_return_new_error (task, HD_FEED_ERROR, HD_FEED_ERROR_HTTP, "%s", message);
}

static void
return_too_large (GTask *task)
{
  HdFeedFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autofree char *size = g_format_size (self->max_bytes);

  g_task_return_new_error (task, HD_FEED_ERROR, HD_FEED_ERROR_TOO_LARGE,
                           _("The feed at %s is larger than %s, more than Herald reads from "
                             "one feed."), data->url, size);
}

/* Feeds come as some XML type, often as text/plain or text/html from a misconfigured
 * server, and pages that name a feed come as HTML; pictures, archives and programs never. */
static gboolean
is_plausible_type (const char *type)
{
  if (type == NULL || *type == '\0')
    return TRUE;

  return strstr (type, "xml") != NULL ||
         g_str_has_prefix (type, "text/") ||
         g_ascii_strcasecmp (type, "application/octet-stream") == 0;
}

static void start_request (GTask *task);

static void
return_response (GTask    *task,
                 gboolean  not_modified)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->message);
  HdFeedResponse *response = g_new0 (HdFeedResponse, 1);

  response->not_modified = not_modified;
  response->url = g_strdup (data->url);
  response->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  response->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  response->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  if (!not_modified)
    response->body = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));

  /* A 304 may leave out the validators; the ones sent are still good. */
  if (not_modified && response->etag == NULL)
    response->etag = g_strdup (data->etag);
  if (not_modified && response->last_modified == NULL)
    response->last_modified = g_strdup (data->last_modified);

  g_task_return_pointer (task, response, (GDestroyNotify) hd_feed_response_free);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdFeedFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_input_stream_close_async (data->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      return_response (task, FALSE);
      return;
    }

  if (data->body->len + g_bytes_get_size (chunk) > self->max_bytes)
    {
      /* Stop reading: the rest is never downloaded. */
      g_cancellable_cancel (data->cancellable);
      return_too_large (task);
      return;
    }

  g_byte_array_append (data->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   data->cancellable, read_cb, g_steal_pointer (&task));
}

static gboolean
follow_redirect (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->message);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autofree char *next = NULL;

  if (location == NULL)
    return FALSE;

  next = hd_feed_resolve_url (data->url, location);
  if (next == NULL)
    {
      g_task_return_new_error (task, HD_FEED_ERROR, HD_FEED_ERROR_REDIRECTS,
                               _("The address %s sends Herald to something that is not a web "
                                 "address."), data->url);
      return TRUE;
    }

  if (g_hash_table_contains (data->visited, next))
    {
      g_task_return_new_error (task, HD_FEED_ERROR, HD_FEED_ERROR_REDIRECTS,
                               _("The address %s redirects in a loop, so the feed cannot be "
                                 "read. Ask the site’s owner to fix it."), data->url);
      return TRUE;
    }

  if (g_hash_table_size (data->visited) > HD_FEED_FETCHER_MAX_REDIRECTS)
    {
      g_task_return_new_error (task, HD_FEED_ERROR, HD_FEED_ERROR_REDIRECTS,
                               _("The address %s redirects more than %d times, so Herald gave "
                                 "up following it."), data->url, HD_FEED_FETCHER_MAX_REDIRECTS);
      return TRUE;
    }

  g_free (data->url);
  data->url = g_steal_pointer (&next);
  g_clear_object (&data->stream);
  start_request (g_object_ref (task));

  return TRUE;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdFeedFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *type;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      return_transport_error (task, error);
      return;
    }

  status = soup_message_get_status (data->message);
  headers = soup_message_get_response_headers (data->message);

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED &&
      follow_redirect (task))
    return;

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      return_response (task, TRUE);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      return_status_error (task, status);
      return;
    }

  type = soup_message_headers_get_content_type (headers, NULL);
  if (!is_plausible_type (type))
    {
      g_task_return_new_error (task, HD_FEED_ERROR, HD_FEED_ERROR_WRONG_TYPE,
                               _("This address does not point to an RSS or Atom feed: the server "
                                 "sent a file of type %s."), type);
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) self->max_bytes)
    {
      return_too_large (task);
      return;
    }

  data->body = g_byte_array_new ();
  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   data->cancellable, read_cb, g_steal_pointer (&task));
}

static void
start_request (GTask *task)
{
  HdFeedFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_hash_table_add (data->visited, g_strdup (data->url));

  g_clear_object (&data->message);
  data->message = soup_message_new (SOUP_METHOD_GET, data->url);
  if (data->message == NULL)
    {
      g_task_return_new_error (task, HD_FEED_ERROR, HD_FEED_ERROR_INVALID_URL,
                               _("“%s” is not a web address. Type the address of a feed, "
                                 "starting with https://."), data->url);
      g_object_unref (task);
      return;
    }

  /* Redirects are followed here, to count them and to refuse other schemes. */
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "Accept",
                                "application/rss+xml, application/atom+xml, "
                                "application/rdf+xml;q=0.9, application/xml;q=0.8, "
                                "text/xml;q=0.8, text/html;q=0.5, */*;q=0.1");
  soup_message_headers_replace (headers, "User-Agent", "Herald/" PACKAGE_VERSION);
  if (data->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", data->etag);
  if (data->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", data->last_modified);

  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT, data->cancellable,
                           send_cb, task);
}

void
hd_feed_fetcher_fetch_async (HdFeedFetcher        *self,
                             const char           *url,
                             const char           *etag,
                             const char           *last_modified,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  FetchData *data;

  g_return_if_fail (HD_IS_FEED_FETCHER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_feed_fetcher_fetch_async);
  /* Cancelling the read of a body that grew too big must not turn into "cancelled". */
  g_task_set_check_cancellable (task, FALSE);

  normalized = hd_feed_normalize_url (url, &error);
  if (normalized == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (FetchData, 1);
  data->url = g_steal_pointer (&normalized);
  data->etag = g_strdup (etag);
  data->last_modified = g_strdup (last_modified);
  data->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled),
                                                    data->cancellable, NULL);
    }
  data->timeout_id = g_timeout_add (self->timeout_ms, on_timeout, data);

  start_request (g_steal_pointer (&task));
}

HdFeedResponse *
hd_feed_fetcher_fetch_finish (HdFeedFetcher  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (HD_IS_FEED_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hd_feed_fetcher_fetch_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

HdFeedFetcher *
hd_feed_fetcher_new (SoupSession *session)
{
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);

  return g_object_new (HD_TYPE_FEED_FETCHER, "session", session, NULL);
}

SoupSession *
hd_feed_fetcher_get_session (HdFeedFetcher *self)
{
  g_return_val_if_fail (HD_IS_FEED_FETCHER (self), NULL);

  return self->session;
}

guint
hd_feed_fetcher_get_timeout (HdFeedFetcher *self)
{
  g_return_val_if_fail (HD_IS_FEED_FETCHER (self), 0);

  return self->timeout_ms;
}

void
hd_feed_fetcher_set_timeout (HdFeedFetcher *self,
                             guint          timeout_ms)
{
  g_return_if_fail (HD_IS_FEED_FETCHER (self));
  g_return_if_fail (timeout_ms > 0);

  if (self->timeout_ms == timeout_ms)
    return;

  self->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

gsize
hd_feed_fetcher_get_max_bytes (HdFeedFetcher *self)
{
  g_return_val_if_fail (HD_IS_FEED_FETCHER (self), 0);

  return self->max_bytes;
}

void
hd_feed_fetcher_set_max_bytes (HdFeedFetcher *self,
                               gsize          max_bytes)
{
  g_return_if_fail (HD_IS_FEED_FETCHER (self));
  g_return_if_fail (max_bytes > 0);

  if (self->max_bytes == max_bytes)
    return;

  self->max_bytes = max_bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BYTES]);
}

static void
hd_feed_fetcher_constructed (GObject *object)
{
  HdFeedFetcher *self = HD_FEED_FETCHER (object);

  G_OBJECT_CLASS (hd_feed_fetcher_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = soup_session_new ();
}

static void
hd_feed_fetcher_dispose (GObject *object)
{
  HdFeedFetcher *self = HD_FEED_FETCHER (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (hd_feed_fetcher_parent_class)->dispose (object);
}

static void
hd_feed_fetcher_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HdFeedFetcher *self = HD_FEED_FETCHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_ms);
      break;

    case PROP_MAX_BYTES:
      g_value_set_uint64 (value, self->max_bytes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_feed_fetcher_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HdFeedFetcher *self = HD_FEED_FETCHER (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_TIMEOUT:
      hd_feed_fetcher_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_MAX_BYTES:
      hd_feed_fetcher_set_max_bytes (self, g_value_get_uint64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_feed_fetcher_class_init (HdFeedFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hd_feed_fetcher_constructed;
  object_class->dispose = hd_feed_fetcher_dispose;
  object_class->get_property = hd_feed_fetcher_get_property;
  object_class->set_property = hd_feed_fetcher_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT, HD_FEED_FETCHER_DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_BYTES] =
    g_param_spec_uint64 ("max-bytes", NULL, NULL,
                         1, G_MAXUINT64, HD_FEED_MAX_BYTES,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_feed_fetcher_init (HdFeedFetcher *self)
{
  self->timeout_ms = HD_FEED_FETCHER_DEFAULT_TIMEOUT_MS;
  self->max_bytes = HD_FEED_MAX_BYTES;
}
