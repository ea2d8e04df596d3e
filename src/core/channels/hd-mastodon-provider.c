/* hd-mastodon-provider.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-json-text.h"
#include "hd-mastodon-provider.h"
#include "hd-provider-private.h"
#include "hd-secrets.h"
#include "hd-store-private.h"

#define PLATFORM "Mastodon"

/* Polling a picture that is still being processed: first after this long, then twice as
 * long each time up to the cap, for at most this many tries. */
#define POLL_INTERVAL_MS 500
#define POLL_INTERVAL_MAX_MS 5000
#define POLL_TRIES 30

/* Pages of 40 statuses read to count scheduled posts or to find a lost one. */
#define PAGE_SIZE 40
#define MAX_PAGES 8

/* Notifications come 40 to a page, newest first; the first look at an account reads at most
 * this many pages back. */
#define INBOX_PAGE_SIZE 40
#define INBOX_MAX_PAGES 25

/* A status found by text counts as ours only if it was made after the change was queued,
 * give or take a clock that is off by this much. */
#define LOOKUP_SLACK (5 * 60)

static const char * const default_mime_types[] = {
  "image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif",
  "image/avif", NULL,
};

struct _HdMastodonProvider
{
  GObject         parent_instance;

  HdHttp         *http;
  HdStore        *store;
  HdChannel      *channel;

  HdProviderCaps  caps;
  GStrv           mime_types;
  char           *visibility;
  char           *access_token;
  guint           poll_interval_ms;
};

static void provider_iface_init (HdProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdMastodonProvider, hd_mastodon_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_PROVIDER, provider_iface_init))

typedef void (*TokenReady) (GTask *task);

typedef struct
{
  HdProviderPost        *post;
  SoupMessage           *message;
  TokenReady             next;

  GPtrArray             *media_ids;
  guint                  media_index;
  char                  *polling_id;
  guint                  polls;

  char                  *remote_id;
  gint64                 at;
  HdProviderDeleteFlags  flags;
  gboolean               scheduling;

  GPtrArray             *items;
  /* the inbox read forward from a cursor: the newest notification id seen */
  char                  *cursor;
  gboolean               forward;
  guint                  pages;
  char                  *next_uri;
  HdInboxItem           *reply_to;
  char                  *text;
  char                  *idempotency_key;
  gint64                 since;
  /* the metrics asked for are the account's, not a status's */
  gboolean               account_metrics;
} Op;

static void
op_free (Op *op)
{
  g_clear_pointer (&op->post, hd_provider_post_unref);
  g_clear_object (&op->message);
  g_clear_pointer (&op->media_ids, g_ptr_array_unref);
  g_free (op->polling_id);
  g_free (op->remote_id);
  g_clear_pointer (&op->items, g_ptr_array_unref);
  g_free (op->cursor);
  g_free (op->next_uri);
  g_clear_object (&op->reply_to);
  g_free (op->text);
  g_free (op->idempotency_key);
  g_free (op);
}

static GTask *
op_task_new (HdMastodonProvider  *self,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             Op                 **op_out)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  *op_out = op;

  return task;
}

static void
hd_mastodon_provider_dispose (GObject *object)
{
  HdMastodonProvider *self = (HdMastodonProvider *)object;

  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->channel);

  G_OBJECT_CLASS (hd_mastodon_provider_parent_class)->dispose (object);
}

static void
hd_mastodon_provider_finalize (GObject *object)
{
  HdMastodonProvider *self = (HdMastodonProvider *)object;

  g_clear_pointer (&self->mime_types, g_strfreev);
  g_free (self->visibility);
  if (self->access_token != NULL)
    hd_secrets_free (g_steal_pointer (&self->access_token));

  G_OBJECT_CLASS (hd_mastodon_provider_parent_class)->finalize (object);
}

static void
hd_mastodon_provider_class_init (HdMastodonProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_mastodon_provider_dispose;
  object_class->finalize = hd_mastodon_provider_finalize;
}

static void
hd_mastodon_provider_init (HdMastodonProvider *self)
{
  /* The defaults of an upstream instance, until /api/v2/instance says otherwise. */
  self->mime_types = g_strdupv ((char **) default_mime_types);
  self->caps.text_counting = HD_CHANNEL_KIND_MASTODON;
  self->caps.text_limit = 500;
  self->caps.max_media = 4;
  self->caps.max_image_bytes = 16 * 1024 * 1024;
  self->caps.max_alt_text = 1500;
  self->caps.mime_types = (const char * const *) self->mime_types;
  self->caps.schedule_min_ahead = HD_MASTODON_SCHEDULE_MIN_AHEAD;
  self->caps.schedule_max_ahead = 0;
  self->caps.idempotency = HD_PROVIDER_IDEMPOTENCY_HEADER;
  self->caps.can_edit = TRUE;
  self->caps.can_delete = TRUE;
  self->visibility = g_strdup ("public");
  self->poll_interval_ms = POLL_INTERVAL_MS;
}

/* What the instance said when the channel was connected, kept with the channel. */
static void
apply_channel_limits (HdMastodonProvider *self)
{
  g_auto(GStrv) mime_types = NULL;
  gint64 value;

  if ((value = hd_channel_get_limit (self->channel, HD_CHANNEL_LIMIT_CHARACTERS, 0)) > 0)
    self->caps.text_limit = (guint) MIN (value, G_MAXUINT);
  if ((value = hd_channel_get_limit (self->channel, HD_CHANNEL_LIMIT_MAX_MEDIA, 0)) > 0)
    self->caps.max_media = (guint) MIN (value, 100);
  if ((value = hd_channel_get_limit (self->channel, HD_CHANNEL_LIMIT_MAX_IMAGE_BYTES, 0)) > 0)
    self->caps.max_image_bytes = (gsize) value;
  if ((value = hd_channel_get_limit (self->channel, HD_CHANNEL_LIMIT_MAX_ALT_TEXT, 0)) > 0)
    self->caps.max_alt_text = (guint) MIN (value, G_MAXUINT);

  mime_types = hd_channel_dup_limit_mime_types (self->channel);
  if (mime_types != NULL && mime_types[0] != NULL)
    {
      g_strfreev (self->mime_types);
      self->mime_types = g_steal_pointer (&mime_types);
      self->caps.mime_types = (const char * const *) self->mime_types;
    }
}

/**
 * hd_mastodon_provider_new:
 * @channel: a Mastodon channel whose base URL is the instance
 *
 * Returns: (transfer full): a provider posting to @channel with the access token kept for
 *   it in the keyring
 */
HdMastodonProvider *
hd_mastodon_provider_new (HdHttp    *http,
                          HdStore   *store,
                          HdChannel *channel)
{
  HdMastodonProvider *self;

  g_return_val_if_fail (HD_IS_HTTP (http), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);
  g_return_val_if_fail (hd_channel_get_base_url (channel) != NULL, NULL);

  self = g_object_new (HD_TYPE_MASTODON_PROVIDER, NULL);
  self->http = g_object_ref (http);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->channel = g_object_ref (channel);
  apply_channel_limits (self);

  return self;
}

/**
 * hd_mastodon_provider_apply_instance:
 * @instance: the answer of GET /api/v2/instance
 *
 * Takes the instance's own limits: many raise the 500 characters.
 *
 * Returns: %TRUE when @instance looked like an instance description
 */
gboolean
hd_mastodon_provider_apply_instance (HdMastodonProvider *self,
                                     JsonNode           *instance)
{
  JsonObject *configuration;
  JsonObject *statuses;
  JsonObject *media;
  JsonNode *types;
  gint64 value;

  g_return_val_if_fail (HD_IS_MASTODON_PROVIDER (self), FALSE);

  configuration = _hd_json_object (_hd_json_root_object (instance), "configuration");
  if (configuration == NULL)
    return FALSE;

  statuses = _hd_json_object (configuration, "statuses");
  if ((value = _hd_json_int (statuses, "max_characters", 0)) > 0)
    self->caps.text_limit = (guint) MIN (value, G_MAXUINT);
  if ((value = _hd_json_int (statuses, "max_media_attachments", 0)) > 0)
    self->caps.max_media = (guint) MIN (value, 100);

  media = _hd_json_object (configuration, "media_attachments");
  if ((value = _hd_json_int (media, "image_size_limit", 0)) > 0)
    self->caps.max_image_bytes = (gsize) value;
  if ((value = _hd_json_int (media, "description_limit", 0)) > 0)
    self->caps.max_alt_text = (guint) MIN (value, G_MAXUINT);

  types = media != NULL ? json_object_get_member (media, "supported_mime_types") : NULL;
  if (types != NULL && JSON_NODE_HOLDS_ARRAY (types))
    {
      JsonArray *array = json_node_get_array (types);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          /* Herald only sends pictures; videos and audio stay out of the list. */
          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING
              && g_str_has_prefix (json_node_get_string (element), "image/"))
            g_strv_builder_add (builder, json_node_get_string (element));
        }

      g_strfreev (self->mime_types);
      self->mime_types = g_strv_builder_end (builder);
      self->caps.mime_types = (const char * const *) self->mime_types;
    }

  return TRUE;
}

/**
 * hd_mastodon_provider_set_visibility:
 * @visibility: public, unlisted, private or direct
 */
void
hd_mastodon_provider_set_visibility (HdMastodonProvider *self,
                                     const char         *visibility)
{
  static const char * const known[] = { "public", "unlisted", "private", "direct", NULL };

  g_return_if_fail (HD_IS_MASTODON_PROVIDER (self));
  g_return_if_fail (visibility != NULL && g_strv_contains (known, visibility));

  g_free (self->visibility);
  self->visibility = g_strdup (visibility);
}

void
hd_mastodon_provider_set_poll_interval (HdMastodonProvider *self,
                                        guint               interval_ms)
{
  g_return_if_fail (HD_IS_MASTODON_PROVIDER (self));
  g_return_if_fail (interval_ms > 0);

  self->poll_interval_ms = interval_ms;
}

static gint64
now_seconds (HdMastodonProvider *self)
{
  return hd_rate_limiter_now (hd_http_get_rate_limiter (self->http));
}

/* Requests */

static char *
api_uri (HdMastodonProvider *self,
         const char         *path)
{
  const char *base = hd_channel_get_base_url (self->channel);
  gsize length = strlen (base);

  while (length > 0 && base[length - 1] == '/')
    length--;

  return g_strdup_printf ("%.*s%s", (int) length, base, path);
}

static SoupMessage *
api_message (HdMastodonProvider *self,
             const char         *method,
             const char         *path)
{
  g_autofree char *uri = api_uri (self, path);
  g_autofree char *authorization = g_strconcat ("Bearer ", self->access_token, NULL);
  SoupMessage *message = soup_message_new (method, uri);

  if (message == NULL)
    return NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  return message;
}

static int
uri_port (GUri *uri)
{
  if (g_uri_get_port (uri) > 0)
    return g_uri_get_port (uri);

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

/* The Link header of a page names the next one; the token goes along only when it stays on
 * the instance, so an answer cannot send it anywhere else. */
static gboolean
on_instance (HdMastodonProvider *self,
             const char         *uri)
{
  g_autoptr(GUri) base = g_uri_parse (hd_channel_get_base_url (self->channel), G_URI_FLAGS_NONE,
                                      NULL);
  g_autoptr(GUri) other = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;

  return base != NULL && other != NULL
         && g_ascii_strcasecmp (g_uri_get_scheme (base), g_uri_get_scheme (other)) == 0
         && g_uri_get_host (base) != NULL && g_uri_get_host (other) != NULL
         && g_ascii_strcasecmp (g_uri_get_host (base), g_uri_get_host (other)) == 0
         && uri_port (base) == uri_port (other);
}

static SoupMessage *
link_message (HdMastodonProvider *self,
              const char         *uri)
{
  g_autofree char *authorization = g_strconcat ("Bearer ", self->access_token, NULL);
  SoupMessage *message = soup_message_new ("GET", uri);

  if (message != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  authorization);
  return message;
}

/* The local post whose variant on this channel the instance holds as @remote_id, or NULL when
 * it is not one Herald published. */
static char *
find_local_post (HdMastodonProvider *self,
                 const char         *remote_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || remote_id == NULL)
    return NULL;

  stmt = _hd_store_prepare (self->store,
                            "SELECT post_id FROM post_variants"
                            " WHERE channel_id = ?1 AND remote_id = ?2",
                            _("find the post an answer is about"), &error);
  if (stmt == NULL)
    {
      g_debug ("%s", error->message);
      return NULL;
    }

  _hd_bind_text (stmt, 1, hd_channel_get_id (self->channel));
  _hd_bind_text (stmt, 2, remote_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup (_hd_column_text (stmt, 0));
}

static void
set_json_body (SoupMessage *message,
               JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *json = json_to_string (root, FALSE);
  gsize length = strlen (json);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&json), length);

  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
}

/* @accepted, when set, is told with @task's Op once the instance answers with a success
 * status, before the body is read. */
static void
send_message_full (GTask               *task,
                   SoupMessage         *message,
                   HdHttpAcceptedFunc   accepted,
                   GAsyncReadyCallback  callback)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  g_set_object (&op->message, message);
  hd_http_send_json_full_async (self->http, message, hd_channel_get_id (self->channel),
                                accepted, op, g_task_get_cancellable (task), callback, task);
}

static void
send_message (GTask               *task,
              SoupMessage         *message,
              GAsyncReadyCallback  callback)
{
  send_message_full (task, message, NULL, callback);
}

/* Finishes the request of @task; on failure returns NULL, hands the error to the task and
 * parks the channel when the sign-in is gone. */
static JsonNode *
finish_message (GTask        *task,
                GAsyncResult *result)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  node = _hd_provider_finish_json (self->http, result, op->message,
                                   hd_channel_get_id (self->channel), PLATFORM, &error);
  if (node == NULL)
    {
      _hd_provider_note_failure (self->store, self->channel, error);
      g_task_return_error (task, g_steal_pointer (&error));
    }

  return node;
}

static void
return_invalid_answer (GTask *task)
{
  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                           _("Mastodon sent an answer Herald could not use. Herald will try "
                             "again later."));
}

/* The access token */

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = hd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      return;
    }

  if (token == NULL)
    {
      g_autoptr(GError) auth = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                                                    _("Herald has no sign-in for this Mastodon "
                                                      "account. Reconnect the channel to go "
                                                      "on posting."));

      _hd_provider_note_failure (self->store, self->channel, auth);
      g_task_return_error (task, g_steal_pointer (&auth));
      return;
    }

  if (self->access_token != NULL)
    hd_secrets_free (self->access_token);
  self->access_token = token;

  op->next (g_steal_pointer (&task));
}

static void
with_token (GTask      *task,
            TokenReady  next)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (self->access_token != NULL)
    {
      next (task);
      return;
    }

  op->next = next;
  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_SECRET_KIND_ACCESS_TOKEN,
                           g_task_get_cancellable (task), token_cb, task);
}

/* Statuses as the platform holds them */

static void
append_text (GString    *out,
             const char *text,
             gsize       length)
{
  g_autofree char *piece = g_strndup (text, length);
  const char *p = piece;

  while (*p != '\0')
    {
      static const struct { const char *entity; const char *text; } entities[] = {
        { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
        { "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", " " },
      };
      gboolean replaced = FALSE;

      if (*p == '&')
        {
          for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
            {
              if (g_str_has_prefix (p, entities[i].entity))
                {
                  g_string_append (out, entities[i].text);
                  p += strlen (entities[i].entity);
                  replaced = TRUE;
                  break;
                }
            }

          if (!replaced && p[1] == '#')
            {
              char *end = NULL;
              gunichar c = p[2] == 'x' ? g_ascii_strtoull (p + 3, &end, 16)
                                       : g_ascii_strtoull (p + 2, &end, 10);

              if (end != NULL && *end == ';' && g_unichar_validate (c) && c != 0)
                {
                  g_string_append_unichar (out, c);
                  p = end + 1;
                  replaced = TRUE;
                }
            }
        }

      if (!replaced)
        g_string_append_c (out, *p++);
    }
}

/**
 * hd_mastodon_html_to_text:
 * @html: a status's content as Mastodon renders it
 *
 * Returns: (transfer full): its text with paragraphs and line breaks as new lines
 */
char *
hd_mastodon_html_to_text (const char *html)
{
  GString *out = g_string_new (NULL);
  const char *p = html;

  g_return_val_if_fail (html != NULL, NULL);

  while (*p != '\0')
    {
      const char *tag = strchr (p, '<');
      const char *tag_end;

      if (tag == NULL)
        {
          append_text (out, p, strlen (p));
          break;
        }

      append_text (out, p, tag - p);
      tag_end = strchr (tag, '>');
      if (tag_end == NULL)
        break;

      if (g_ascii_strncasecmp (tag, "<br", 3) == 0)
        g_string_append_c (out, '\n');
      else if (g_ascii_strncasecmp (tag, "<p", 2) == 0 && out->len > 0)
        g_string_append (out, "\n\n");

      p = tag_end + 1;
    }

  return g_string_free (out, FALSE);
}

/* Compares texts the way Mastodon gives them back: whitespace runs are one space and a
 * mention of another server shows without its domain. */
static char *
normalize_text (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          p = g_utf8_next_char (p);
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;

      if (c == '@' && (p == text || g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (p)))))
        {
          const char *name_end = p + 1;

          while (g_ascii_isalnum (*name_end) || *name_end == '_')
            name_end++;
          g_string_append_len (out, p, name_end - p);
          p = name_end;
          if (*p == '@')
            {
              while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
                p = g_utf8_next_char (p);
            }
          continue;
        }

      g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

static HdProviderResult *
result_from_status (JsonObject *status)
{
  HdProviderResult *result;
  const char *id = _hd_json_string (status, "id");
  const char *content = _hd_json_string (status, "content");

  if (id == NULL)
    return NULL;

  result = hd_provider_result_new ();
  result->remote_id = g_strdup (id);
  result->remote_url = g_strdup (_hd_json_string (status, "url"));
  if (result->remote_url == NULL)
    result->remote_url = g_strdup (_hd_json_string (status, "uri"));
  result->published_at = _hd_iso8601_to_unix (_hd_json_string (status, "created_at"));
  result->text = content != NULL ? hd_mastodon_html_to_text (content)
                                 : g_strdup (_hd_json_string (status, "text"));

  return result;
}

static HdProviderResult *
result_from_scheduled (JsonObject *scheduled)
{
  HdProviderResult *result;
  const char *id = _hd_json_string (scheduled, "id");

  if (id == NULL)
    return NULL;

  result = hd_provider_result_new ();
  result->remote_id = g_strdup (id);
  result->scheduled = TRUE;
  result->scheduled_at = _hd_iso8601_to_unix (_hd_json_string (scheduled, "scheduled_at"));
  result->text = g_strdup (_hd_json_string (_hd_json_object (scheduled, "params"), "text"));

  return result;
}

HdProviderResult *
_hd_mastodon_parse_status (JsonNode *node,
                           gboolean  scheduled)
{
  JsonObject *object = _hd_json_root_object (node);

  if (object == NULL)
    return NULL;

  return scheduled ? result_from_scheduled (object) : result_from_status (object);
}

/* Media */

static void upload_next_media (GTask *task);

static void poll_media_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data);

static gboolean
poll_media (gpointer user_data)
{
  GTask *task = user_data;
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = g_strdup_printf ("/api/v1/media/%s", op->polling_id);
  g_autoptr(SoupMessage) message = api_message (self, "GET", path);

  send_message (task, message, poll_media_cb);
  return G_SOURCE_REMOVE;
}

static void
wait_for_media (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  guint interval = self->poll_interval_ms << MIN (op->polls, 4u);

  if (op->polls++ >= POLL_TRIES)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("Mastodon is still processing picture %u. Herald will try "
                                 "again later."), op->media_index + 1);
      g_object_unref (task);
      return;
    }

  g_timeout_add (MIN (interval, POLL_INTERVAL_MAX_MS), poll_media, task);
}

static void
media_done (GTask      *task,
            const char *id)
{
  Op *op = g_task_get_task_data (task);

  g_ptr_array_add (op->media_ids, g_strdup (id));
  op->media_index++;
  op->polls = 0;
  g_clear_pointer (&op->polling_id, g_free);
  upload_next_media (task);
}

static void
poll_media_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  guint status = soup_message_get_status (op->message);

  node = _hd_provider_finish_json (self->http, result, op->message,
                                   hd_channel_get_id (self->channel), PLATFORM, &error);
  if (status == SOUP_STATUS_UNPROCESSABLE_ENTITY)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Mastodon could not process picture %u. Try another picture "
                                 "or another format."), op->media_index + 1);
      return;
    }

  if (node != NULL && status == SOUP_STATUS_OK)
    {
      media_done (g_steal_pointer (&task), op->polling_id);
      return;
    }

  /* Still processing, or a passing failure of the poll, which says nothing about the
   * picture: keep asking. */
  if (node != NULL || g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT))
    {
      wait_for_media (g_steal_pointer (&task));
      return;
    }

  _hd_provider_note_failure (self->store, self->channel, error);
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
upload_media_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  const char *id;
  guint status;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  status = soup_message_get_status (op->message);
  id = _hd_json_string (_hd_json_root_object (node), "id");
  if (id == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  /* 202: accepted, still processing (video, large pictures); poll until 200. */
  if (status == SOUP_STATUS_ACCEPTED || status == SOUP_STATUS_PARTIAL_CONTENT)
    {
      op->polling_id = g_strdup (id);
      wait_for_media (g_steal_pointer (&task));
      return;
    }

  media_done (g_steal_pointer (&task), id);
}

static void send_status (GTask *task);

static void
upload_next_media (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *uri = NULL;
  HdMedia *media;
  const char *alt;

  if (op->media_index >= op->post->media->len)
    {
      send_status (task);
      return;
    }

  media = g_ptr_array_index (op->post->media, op->media_index);
  path = self->store != NULL ? hd_store_get_media_file_path (self->store, media)
                             : g_strdup (hd_media_get_path (media));
  if (path == NULL || !_hd_read_file (path, &bytes, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                                     _("Herald could not find a picture of this post in its "
                                       "data folder. Add the picture to the post again."));
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  filename = g_path_get_basename (path);
  multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  soup_multipart_append_form_file (multipart, "file", filename, hd_media_get_mime_type (media),
                                   bytes);
  alt = hd_media_get_alt_text (media);
  if (alt != NULL && *alt != '\0')
    soup_multipart_append_form_string (multipart, "description", alt);

  uri = api_uri (self, "/api/v2/media");
  message = soup_message_new_from_multipart (uri, multipart);
  {
    g_autofree char *authorization = g_strconcat ("Bearer ", self->access_token, NULL);

    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  authorization);
  }

  send_message (task, message, upload_media_cb);
}

/* Statuses */

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object_root;
  HdProviderResult *answer;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  object_root = _hd_json_root_object (node);
  /* With scheduled_at the answer is a ScheduledStatus, which has params and no content. */
  if (op->scheduling || _hd_json_object (object_root, "params") != NULL)
    answer = result_from_scheduled (object_root);
  else
    answer = result_from_status (object_root);

  if (answer == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  g_task_return_pointer (task, answer, (GDestroyNotify) hd_provider_result_free);
}

/* Starts the member @name of the object @body is writing. A status's body is written out
 * directly rather than through a JsonBuilder and a generator, which for these few members
 * cost more than the rest of the request: it is made for every post sent. */
static void
append_json_name (GString    *body,
                  const char *name)
{
  if (body->len > 1)
    g_string_append_c (body, ',');
  hd_json_append_string (body, name);
  g_string_append_c (body, ':');
}

static void
append_json_member (GString    *body,
                    const char *name,
                    const char *value)
{
  append_json_name (body, name);
  hd_json_append_string (body, value);
}

static GBytes *
status_body (HdMastodonProvider *self,
             Op                 *op)
{
  g_autoptr(GString) body = g_string_sized_new (256);
  const char *text = op->text != NULL ? op->text : hd_provider_post_get_text (op->post);
  gsize length;

  g_string_append_c (body, '{');
  if (*text != '\0' || op->media_ids == NULL || op->media_ids->len == 0)
    append_json_member (body, "status", text);

  if (op->media_ids != NULL && op->media_ids->len > 0)
    {
      append_json_name (body, "media_ids");
      g_string_append_c (body, '[');
      for (guint i = 0; i < op->media_ids->len; i++)
        {
          if (i > 0)
            g_string_append_c (body, ',');
          hd_json_append_string (body, g_ptr_array_index (op->media_ids, i));
        }
      g_string_append_c (body, ']');
    }

  append_json_member (body, "visibility", self->visibility);

  if (op->post != NULL && op->post->languages != NULL && op->post->languages[0] != NULL)
    append_json_member (body, "language", op->post->languages[0]);

  if (op->reply_to != NULL)
    append_json_member (body, "in_reply_to_id", hd_inbox_item_get_remote_id (op->reply_to));

  if (op->scheduling)
    {
      g_autofree char *at = _hd_unix_to_iso8601 (op->post->scheduled_at, TRUE);

      append_json_member (body, "scheduled_at", at);
    }
  g_string_append_c (body, '}');

  length = body->len;
  return g_bytes_new_take (g_string_free (g_steal_pointer (&body), FALSE), length);
}

/* Mastodon answers with a success status only once the status is made. */
static void
on_status_accepted (gpointer user_data)
{
  Op *op = user_data;

  if (op->post != NULL && op->post->accepted != NULL)
    op->post->accepted (op->post->accepted_data);
}

static void
send_status (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = status_body (self, op);

  message = api_message (self, "POST", "/api/v1/statuses");
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  /* The same key on every attempt: within the hour Mastodon answers a retry with the status
   * it already made instead of making a second one. */
  soup_message_headers_replace (soup_message_get_request_headers (message), "Idempotency-Key",
                                op->idempotency_key);

  send_message_full (task, message, on_status_accepted, status_cb);
}

static void
start_media (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  op->media_ids = g_ptr_array_new_with_free_func (g_free);
  op->media_index = 0;
  upload_next_media (task);
}

/* Looking up a status whose answer was lost */

static gboolean
texts_match (const char *ours,
             const char *theirs)
{
  g_autofree char *composed_ours = hd_provider_normalize_text (ours);
  g_autofree char *composed_theirs = hd_provider_normalize_text (theirs);
  g_autofree char *a = normalize_text (composed_ours);
  g_autofree char *b = normalize_text (composed_theirs);

  return g_str_equal (a, b);
}

static gboolean
mastodon_same_text (HdProvider *provider,
                    const char *ours,
                    const char *theirs)
{
  return texts_match (ours, theirs);
}

static void lookup_statuses_page (GTask *task);

static char *
link_rel (SoupMessage *message,
          const char  *rel)
{
  const char *link = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                   "Link");
  g_auto(GStrv) parts = NULL;

  if (link == NULL)
    return NULL;

  parts = g_strsplit (link, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *open = strchr (parts[i], '<');
      const char *close = open != NULL ? strchr (open, '>') : NULL;

      if (close != NULL && strstr (close, rel) != NULL)
        return g_strndup (open + 1, close - open - 1);
    }

  return NULL;
}

static char *
next_link (SoupMessage *message)
{
  return link_rel (message, "rel=\"next\"");
}

static void
lookup_page_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  const char *ours = hd_provider_post_get_text (op->post);
  gint64 oldest_wanted = op->post->queued_at - LOOKUP_SLACK;
  gboolean older_seen = FALSE;
  JsonArray *array;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      return_invalid_answer (task);
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(HdProviderResult) found = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      if (op->scheduling)
        found = result_from_scheduled (json_node_get_object (element));
      else
        found = result_from_status (json_node_get_object (element));

      if (found == NULL)
        continue;

      if (!op->scheduling && found->published_at != 0 && found->published_at < oldest_wanted)
        {
          older_seen = TRUE;
          continue;
        }

      if (op->scheduling && found->scheduled_at != op->post->scheduled_at)
        continue;

      if (texts_match (ours, found->text))
        {
          g_task_return_pointer (task, g_steal_pointer (&found),
                                 (GDestroyNotify) hd_provider_result_free);
          return;
        }
    }

  g_free (op->next_uri);
  op->next_uri = next_link (op->message);
  if (!on_instance (self, op->next_uri))
    g_clear_pointer (&op->next_uri, g_free);
  if (older_seen || op->next_uri == NULL || ++op->pages >= MAX_PAGES
      || json_array_get_length (array) == 0)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                               _("Mastodon has no such post."));
      return;
    }

  lookup_statuses_page (g_steal_pointer (&task));
}

static void
lookup_statuses_page (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;

  if (op->next_uri != NULL)
    message = link_message (self, op->next_uri);
  else if (op->scheduling)
    {
      message = api_message (self, "GET", "/api/v1/scheduled_statuses?limit=40");
    }
  else
    {
      const char *account_id = hd_channel_get_remote_account_id (self->channel);
      g_autofree char *escaped = g_uri_escape_string (account_id, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/api/v1/accounts/%s/statuses?limit=%u&"
                                               "exclude_reblogs=true", escaped, PAGE_SIZE);

      message = api_message (self, "GET", path);
    }

  if (message == NULL)
    {
      return_invalid_answer (task);
      g_object_unref (task);
      return;
    }

  send_message (task, message, lookup_page_cb);
}

static void
lookup_by_id_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  HdProviderResult *found;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  found = op->scheduling ? result_from_scheduled (_hd_json_root_object (node))
                         : result_from_status (_hd_json_root_object (node));
  if (found == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  g_task_return_pointer (task, found, (GDestroyNotify) hd_provider_result_free);
}

static void
lookup_with_token (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  const char *remote_id = op->post->variant != NULL
                          ? hd_variant_get_remote_id (op->post->variant) : NULL;

  if (remote_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (remote_id, NULL, FALSE);
      g_autofree char *path = g_strdup_printf (op->scheduling ? "/api/v1/scheduled_statuses/%s"
                                                              : "/api/v1/statuses/%s", escaped);
      g_autoptr(SoupMessage) message = api_message (self, "GET", path);

      send_message (task, message, lookup_by_id_cb);
      return;
    }

  if (!op->scheduling && hd_channel_get_remote_account_id (self->channel) == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                               _("Herald does not know which Mastodon account this channel is. "
                                 "Reconnect the channel."));
      g_object_unref (task);
      return;
    }

  lookup_statuses_page (task);
}

static void
mastodon_lookup_async (HdProvider          *provider,
                       HdProviderPost      *post,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  HdMastodonProvider *self = HD_MASTODON_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, mastodon_lookup_async, cancellable, callback, user_data,
                             &op);

  op->post = hd_provider_post_ref (post);
  op->scheduling = post->scheduled_at > 0;
  with_token (task, lookup_with_token);
}

/* Reading a post back */

static void
fetch_with_token (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *escaped = g_uri_escape_string (op->remote_id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf (op->scheduling ? "/api/v1/scheduled_statuses/%s"
                                                          : "/api/v1/statuses/%s", escaped);
  g_autoptr(SoupMessage) message = api_message (self, "GET", path);

  if (message == NULL)
    {
      return_invalid_answer (task);
      g_object_unref (task);
      return;
    }

  send_message (task, message, lookup_by_id_cb);
}

static void
mastodon_fetch_post_async (HdProvider           *provider,
                           const char           *remote_id,
                           HdProviderFetchFlags  flags,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  HdMastodonProvider *self = HD_MASTODON_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, mastodon_fetch_post_async, cancellable, callback, user_data,
                             &op);

  op->remote_id = g_strdup (remote_id);
  op->scheduling = (flags & HD_PROVIDER_FETCH_SCHEDULED) != 0;
  with_token (task, fetch_with_token);
}

/* Editing a status in place */

static void
edited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  HdProviderResult *edited;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  edited = result_from_status (_hd_json_root_object (node));
  if (edited == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  g_task_return_pointer (task, edited, (GDestroyNotify) hd_provider_result_free);
}

/* The edit carries the ids of the pictures the status has now, read just before, so that
 * changing its text keeps them. */
static void
edit_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *escaped = g_uri_escape_string (op->remote_id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/statuses/%s", escaped);
  JsonObject *status;
  JsonArray *attachments = NULL;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  status = _hd_json_root_object (node);
  if (status == NULL || _hd_json_string (status, "id") == NULL)
    {
      return_invalid_answer (task);
      return;
    }
  if (json_object_has_member (status, "media_attachments") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (status, "media_attachments")))
    attachments = json_object_get_array_member (status, "media_attachments");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, hd_provider_post_get_text (op->post));
  if (attachments != NULL && json_array_get_length (attachments) > 0)
    {
      json_builder_set_member_name (builder, "media_ids");
      json_builder_begin_array (builder);
      for (guint i = 0; i < json_array_get_length (attachments); i++)
        {
          JsonNode *element = json_array_get_element (attachments, i);
          const char *id = JSON_NODE_HOLDS_OBJECT (element)
                           ? _hd_json_string (json_node_get_object (element), "id") : NULL;

          if (id != NULL)
            json_builder_add_string_value (builder, id);
        }
      json_builder_end_array (builder);
    }
  if (op->post->languages != NULL && op->post->languages[0] != NULL)
    {
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, op->post->languages[0]);
    }
  json_builder_end_object (builder);

  message = api_message (self, "PUT", path);
  if (message == NULL)
    {
      return_invalid_answer (task);
      return;
    }
  set_json_body (message, builder);
  send_message (g_steal_pointer (&task), message, edited_cb);
}

static void
edit_with_token (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *escaped = g_uri_escape_string (op->remote_id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/statuses/%s", escaped);
  g_autoptr(SoupMessage) message = api_message (self, "GET", path);

  if (message == NULL)
    {
      return_invalid_answer (task);
      g_object_unref (task);
      return;
    }

  send_message (task, message, edit_read_cb);
}

static void
mastodon_edit_async (HdProvider          *provider,
                     const char          *remote_id,
                     HdProviderPost      *post,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  HdMastodonProvider *self = HD_MASTODON_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, mastodon_edit_async, cancellable, callback, user_data, &op);

  op->remote_id = g_strdup (remote_id);
  op->post = hd_provider_post_ref (post);
  with_token (task, edit_with_token);
}

static HdProviderResult *
mastodon_result_finish (HdProvider    *provider,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Publishing and scheduling */

static void
retry_lookup_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  HdProviderResult *found;

  found = hd_provider_lookup_finish (HD_PROVIDER (object), result, &error);
  if (found != NULL)
    {
      g_task_return_pointer (task, found, (GDestroyNotify) hd_provider_result_free);
      return;
    }

  if (!g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  start_media (g_steal_pointer (&task));
}

static void
publish_with_token (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  /* Past the hour Mastodon has forgotten the key; only its timeline can tell whether the
   * lost attempt made it. */
  if (op->post->retry
      && now_seconds (self) - op->post->queued_at >= HD_MASTODON_IDEMPOTENCY_WINDOW)
    {
      hd_provider_lookup_async (HD_PROVIDER (self), op->post, g_task_get_cancellable (task),
                                retry_lookup_cb, task);
      return;
    }

  start_media (task);
}

static gboolean
check_post (HdMastodonProvider  *self,
            HdProviderPost      *post,
            GTask               *task)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (hd_provider_validate (HD_PROVIDER (self), post, now_seconds (self), problems))
    return TRUE;

  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID, "%s",
                           (const char *) g_ptr_array_index (problems, 0));
  return FALSE;
}

static void
mastodon_publish_async (HdProvider          *provider,
                        HdProviderPost      *post,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  HdMastodonProvider *self = HD_MASTODON_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, mastodon_publish_async, cancellable, callback, user_data, &op);
  op->post = hd_provider_post_ref (post);
  op->idempotency_key = g_strdup (post->idempotency_key);

  if (post->scheduled_at != 0)
    {
      /* Publishing now: the instant is Herald's business, not Mastodon's. */
      g_autoptr(HdProviderPost) now_post = hd_provider_post_new (post->post, post->variant,
                                                                 post->idempotency_key);

      for (guint i = 0; i < post->media->len; i++)
        hd_provider_post_add_media (now_post, g_ptr_array_index (post->media, i));
      now_post->languages = g_strdupv (post->languages);
      now_post->queued_at = post->queued_at;
      now_post->retry = post->retry;
      g_clear_pointer (&op->post, hd_provider_post_unref);
      op->post = g_steal_pointer (&now_post);
    }

  if (!check_post (self, op->post, task))
    return;

  with_token (g_steal_pointer (&task), publish_with_token);
}

static guint
day_of (gint64 instant)
{
  return (guint) (instant / (24 * 60 * 60));
}

static void count_scheduled_page (GTask *task);

static void
count_scheduled_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      return_invalid_answer (task);
      return;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      HdProviderResult *found;

      if (JSON_NODE_HOLDS_OBJECT (element)
          && (found = result_from_scheduled (json_node_get_object (element))) != NULL)
        g_ptr_array_add (op->items, found);
    }

  g_free (op->next_uri);
  op->next_uri = next_link (op->message);
  if (op->next_uri != NULL && json_array_get_length (array) > 0
      && ++op->pages < HD_MASTODON_MAX_SCHEDULED / PAGE_SIZE + 1)
    {
      count_scheduled_page (g_steal_pointer (&task));
      return;
    }

  /* Listing only: hand the statuses over. */
  if (op->post == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&op->items),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  {
    guint same_day = 0;
    guint day = day_of (op->post->scheduled_at);

    for (guint i = 0; i < op->items->len; i++)
      {
        HdProviderResult *found = g_ptr_array_index (op->items, i);

        if (day_of (found->scheduled_at) == day)
          same_day++;
      }

    if (op->items->len >= HD_MASTODON_MAX_SCHEDULED)
      {
        g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                                 _("This Mastodon account already has %u posts scheduled, the "
                                   "most Mastodon holds. Herald will publish this one at its "
                                   "time instead, or cancel a scheduled post first."),
                                 HD_MASTODON_MAX_SCHEDULED);
        return;
      }

    if (same_day >= HD_MASTODON_MAX_SCHEDULED_DAY)
      {
        g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                                 _("This Mastodon account already has %u posts scheduled on "
                                   "that day, the most Mastodon holds for one day. Pick "
                                   "another day."), HD_MASTODON_MAX_SCHEDULED_DAY);
        return;
      }
  }

  start_media (g_steal_pointer (&task));
}

static void
count_scheduled_page (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;

  if (op->next_uri != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->access_token, NULL);

      message = soup_message_new ("GET", op->next_uri);
      if (message != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (message),
                                      "Authorization", authorization);
    }
  else
    {
      message = api_message (self, "GET", "/api/v1/scheduled_statuses?limit=40");
    }

  if (message == NULL)
    {
      return_invalid_answer (task);
      g_object_unref (task);
      return;
    }

  send_message (task, message, count_scheduled_cb);
}

static void
schedule_with_token (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  op->items = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_provider_result_free);
  count_scheduled_page (task);
}

static gboolean
check_schedule_time (HdMastodonProvider *self,
                     gint64              scheduled_at,
                     GTask              *task)
{
  if (scheduled_at - now_seconds (self) >= HD_MASTODON_SCHEDULE_MIN_AHEAD)
    return TRUE;

  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                           _("Mastodon schedules posts at least 5 minutes ahead. Pick a later "
                             "time, or publish now."));
  return FALSE;
}

static void
mastodon_schedule_async (HdProvider          *provider,
                         HdProviderPost      *post,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  HdMastodonProvider *self = HD_MASTODON_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, mastodon_schedule_async, cancellable, callback, user_data, &op);
  op->post = hd_provider_post_ref (post);
  op->idempotency_key = g_strdup (post->idempotency_key);
  op->scheduling = TRUE;

  if (!check_schedule_time (self, post->scheduled_at, task) || !check_post (self, post, task))
    return;

  with_token (g_steal_pointer (&task), schedule_with_token);
}

/* Scheduled statuses */

void
hd_mastodon_provider_list_scheduled_async (HdMastodonProvider  *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  Op *op;
  GTask *task;

  g_return_if_fail (HD_IS_MASTODON_PROVIDER (self));

  task = op_task_new (self, hd_mastodon_provider_list_scheduled_async, cancellable, callback,
                      user_data, &op);
  with_token (task, schedule_with_token);
}

/**
 * hd_mastodon_provider_list_scheduled_finish:
 *
 * Returns: (transfer container) (element-type HdProviderResult): the statuses the instance
 *   holds for later, with their instants and texts
 */
GPtrArray *
hd_mastodon_provider_list_scheduled_finish (HdMastodonProvider  *self,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_return_val_if_fail (HD_IS_MASTODON_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
reschedule_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  HdProviderResult *answer;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  answer = result_from_scheduled (_hd_json_root_object (node));
  if (answer == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  g_task_return_pointer (task, answer, (GDestroyNotify) hd_provider_result_free);
}

static void
reschedule_with_token (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *escaped = g_uri_escape_string (op->remote_id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/scheduled_statuses/%s", escaped);
  g_autofree char *at = _hd_unix_to_iso8601 (op->at, TRUE);
  g_autoptr(SoupMessage) message = api_message (self, "PUT", path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "scheduled_at");
  json_builder_add_string_value (builder, at);
  json_builder_end_object (builder);
  set_json_body (message, builder);

  send_message (task, message, reschedule_cb);
}

/**
 * hd_mastodon_provider_reschedule_async:
 *
 * Moves a scheduled status to @scheduled_at, which must be 5 minutes ahead or more.
 */
void
hd_mastodon_provider_reschedule_async (HdMastodonProvider  *self,
                                       const char          *scheduled_id,
                                       gint64               scheduled_at,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;

  g_return_if_fail (HD_IS_MASTODON_PROVIDER (self));
  g_return_if_fail (scheduled_id != NULL);

  task = op_task_new (self, hd_mastodon_provider_reschedule_async, cancellable, callback,
                      user_data, &op);
  op->remote_id = g_strdup (scheduled_id);
  op->at = scheduled_at;

  if (!check_schedule_time (self, scheduled_at, task))
    return;

  with_token (g_steal_pointer (&task), reschedule_with_token);
}

HdProviderResult *
hd_mastodon_provider_reschedule_finish (HdMastodonProvider  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_return_val_if_fail (HD_IS_MASTODON_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Deleting */

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;

  node = finish_message (task, result);
  if (node != NULL)
    g_task_return_boolean (task, TRUE);
}

static void
delete_with_token (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *escaped = g_uri_escape_string (op->remote_id, NULL, FALSE);
  g_autofree char *path = NULL;
  g_autoptr(SoupMessage) message = NULL;

  path = g_strdup_printf ((op->flags & HD_PROVIDER_DELETE_SCHEDULED)
                          ? "/api/v1/scheduled_statuses/%s" : "/api/v1/statuses/%s", escaped);
  message = api_message (self, "DELETE", path);
  send_message (task, message, delete_cb);
}

static void
mastodon_delete_async (HdProvider            *provider,
                       const char            *remote_id,
                       HdProviderDeleteFlags  flags,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  HdMastodonProvider *self = HD_MASTODON_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, mastodon_delete_async, cancellable, callback, user_data,
                             &op);

  op->remote_id = g_strdup (remote_id);
  op->flags = flags;
  with_token (task, delete_with_token);
}

static gboolean
mastodon_boolean_finish (HdProvider    *provider,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Inbox, replies, metrics */

static HdInboxItem *
item_from_status (HdChannel  *channel,
                  HdStore    *store,
                  JsonObject *status,
                  gint64      at)
{
  const char *id = _hd_json_string (status, "id");
  const char *content = _hd_json_string (status, "content");
  const char *in_reply_to = _hd_json_string (status, "in_reply_to_id");
  const char *to_account = _hd_json_string (status, "in_reply_to_account_id");
  const char *account_id = hd_channel_get_remote_account_id (channel);
  JsonObject *account = _hd_json_object (status, "account");
  g_autofree char *post_id = _hd_provider_find_local_post (store, channel, in_reply_to);
  g_autofree char *text = hd_mastodon_html_to_text (content != NULL ? content : "");
  HdInboxItem *item = hd_inbox_item_new ();
  gboolean answers_us;

  /* Mastodon notifies a reply as a mention; it answers the account only when the status it
   * replies to is the account's own. A mention in someone else's conversation stays one. */
  answers_us = in_reply_to != NULL
               && (post_id != NULL
                   || (account_id != NULL && g_strcmp0 (to_account, account_id) == 0));

  hd_inbox_item_set_channel_id (item, hd_channel_get_id (channel));
  hd_inbox_item_set_kind (item, answers_us ? HD_INBOX_KIND_REPLY : HD_INBOX_KIND_MENTION);
  hd_inbox_item_set_remote_id (item, id);
  hd_inbox_item_set_parent_id (item, in_reply_to);
  /* Statuses do not name the first one of their conversation: the one answered stands in. */
  hd_inbox_item_set_thread_id (item, in_reply_to != NULL ? in_reply_to : id);
  hd_inbox_item_set_author_name (item, _hd_json_string (account, "display_name"));
  hd_inbox_item_set_author_handle (item, _hd_json_string (account, "acct"));
  hd_inbox_item_set_text (item, text);
  hd_inbox_item_set_received_at (item, at);
  hd_inbox_item_set_post_id (item, post_id);

  return item;
}

/* One page of GET /api/v1/notifications, newest first. Read back in time (@forward FALSE),
 * notifications older than @since are left out and reported in @older_seen; with
 * @take_cursor the first id of the page replaces *@cursor. NULL when the answer is not a
 * list. */
GPtrArray *
_hd_mastodon_parse_notifications (HdChannel  *channel,
                                  HdStore    *store,
                                  JsonNode   *node,
                                  gint64      since,
                                  gboolean    forward,
                                  gboolean    take_cursor,
                                  char      **cursor,
                                  gboolean   *older_seen)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;

  *older_seen = FALSE;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *notification = _hd_json_root_object (json_array_get_element (array, i));
      JsonObject *status = _hd_json_object (notification, "status");
      const char *id = _hd_json_string (notification, "id");
      gint64 at = _hd_iso8601_to_unix (_hd_json_string (notification, "created_at"));

      /* Pages are newest first: the first of a page read forward, or of the first page read
       * back, is the newest so far. */
      if (id != NULL && i == 0 && take_cursor)
        {
          g_free (*cursor);
          *cursor = g_strdup (id);
        }

      if (!forward && at < since)
        {
          *older_seen = TRUE;
          continue;
        }

      if (status == NULL || _hd_json_string (status, "id") == NULL)
        continue;

      g_ptr_array_add (items, item_from_status (channel, store, status, at));
    }

  return g_steal_pointer (&items);
}

static void inbox_page (GTask *task);

static void
return_inbox (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  HdProviderInbox *inbox = hd_provider_inbox_new ();

  g_ptr_array_extend_and_steal (inbox->items, g_steal_pointer (&op->items));
  inbox->cursor = g_steal_pointer (&op->cursor);
  g_task_return_pointer (task, inbox, (GDestroyNotify) hd_provider_inbox_free);
}

/* Without a cursor the pages go back in time from the newest (max_id, rel="next") until one
 * is older than @since; with one they go forward from it (min_id, rel="prev") until a page is
 * not full, so nothing that arrived in between is skipped (specs/mastodon-openapi,
 * GET /api/v1/notifications). Either way the newest id becomes the next cursor. */
static void
inbox_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean forward = op->forward;
  gboolean older_seen = FALSE;
  guint length;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  items = _hd_mastodon_parse_notifications (self->channel, self->store, node, op->since,
                                            forward, forward || op->pages == 0, &op->cursor,
                                            &older_seen);
  if (items == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  length = json_array_get_length (json_node_get_array (node));
  g_ptr_array_extend_and_steal (op->items, g_steal_pointer (&items));

  g_free (op->next_uri);
  op->next_uri = forward ? link_rel (op->message, "rel=\"prev\"") : next_link (op->message);
  if (older_seen || length == 0 || (forward && length < INBOX_PAGE_SIZE)
      || !on_instance (self, op->next_uri) || ++op->pages >= INBOX_MAX_PAGES)
    {
      return_inbox (task);
      return;
    }

  inbox_page (g_steal_pointer (&task));
}

static void
inbox_page (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;

  if (op->next_uri != NULL)
    message = link_message (self, op->next_uri);
  else if (op->forward)
    {
      g_autofree char *escaped = g_uri_escape_string (op->cursor, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/api/v1/notifications?types[]=mention&limit="
                                               G_STRINGIFY (INBOX_PAGE_SIZE) "&min_id=%s",
                                               escaped);

      message = api_message (self, "GET", path);
    }
  else
    message = api_message (self, "GET", "/api/v1/notifications?types[]=mention&limit="
                                        G_STRINGIFY (INBOX_PAGE_SIZE));

  if (message == NULL)
    {
      return_invalid_answer (task);
      g_object_unref (task);
      return;
    }

  send_message (task, message, inbox_cb);
}

static void
mastodon_pull_inbox_async (HdProvider          *provider,
                           gint64               since,
                           const char          *cursor,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  HdMastodonProvider *self = HD_MASTODON_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, mastodon_pull_inbox_async, cancellable, callback,
                             user_data, &op);

  op->since = since;
  op->cursor = cursor != NULL && *cursor != '\0' ? g_strdup (cursor) : NULL;
  op->forward = op->cursor != NULL;
  op->items = g_ptr_array_new_with_free_func (g_object_unref);
  with_token (task, inbox_page);
}

static HdProviderInbox *
mastodon_pull_inbox_finish (HdProvider    *provider,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GPtrArray *
mastodon_array_finish (HdProvider    *provider,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
mastodon_reply_async (HdProvider          *provider,
                      HdInboxItem         *item,
                      const char          *text,
                      const char          *idempotency_key,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  HdMastodonProvider *self = HD_MASTODON_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, mastodon_reply_async, cancellable, callback, user_data,
                             &op);

  op->reply_to = g_object_ref (item);
  op->text = g_strdup (text);
  op->idempotency_key = idempotency_key != NULL ? g_strdup (idempotency_key)
                                                : g_uuid_string_random ();
  with_token (task, send_status);
}

/* The counts of a status (GET /api/v1/statuses/:id), under @subject_id; a count the answer
 * lacks is left out. */
GPtrArray *
_hd_mastodon_parse_counts (HdChannel  *channel,
                           const char *subject_id,
                           JsonNode   *node,
                           gint64      now)
{
  static const struct { const char *member; const char *name; } counts[] = {
    { "replies_count", HD_METRIC_REPLIES },
    { "reblogs_count", HD_METRIC_REPOSTS },
    { "favourites_count", HD_METRIC_REACTIONS },
  };
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *status = _hd_json_root_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      gint64 value = _hd_json_int (status, counts[i].member, -1);

      if (value < 0)
        continue;

      g_ptr_array_add (metrics, _hd_provider_metric_new (channel, HD_METRIC_SUBJECT_POST,
                                                         subject_id, counts[i].name, value,
                                                         now));
    }

  return g_steal_pointer (&metrics);
}

/* The followers of the account (followers_count of the CredentialAccount that
 * GET /api/v1/accounts/verify_credentials answers, specs/mastodon-openapi), "not available"
 * when the answer has none. */
HdMetric *
_hd_mastodon_parse_followers (HdChannel *channel,
                              JsonNode  *node,
                              gint64     now)
{
  JsonObject *account = _hd_json_root_object (node);

  return _hd_provider_metric_new (channel, HD_METRIC_SUBJECT_CHANNEL, hd_channel_get_id (channel),
                                  HD_METRIC_FOLLOWERS,
                                  _hd_json_int (account, "followers_count", -1), now);
}

static void
metrics_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) metrics = NULL;
  g_autofree char *post_id = NULL;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  if (op->account_metrics)
    {
      metrics = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (metrics, _hd_mastodon_parse_followers (self->channel, node,
                                                              now_seconds (self)));
    }
  else
    {
      /* Reports read a post's history by its local id; a status Herald did not publish
       * keeps the instance's. */
      post_id = find_local_post (self, op->remote_id);
      metrics = _hd_mastodon_parse_counts (self->channel,
                                           post_id != NULL ? post_id : op->remote_id, node,
                                           now_seconds (self));
    }

  g_task_return_pointer (task, g_steal_pointer (&metrics), (GDestroyNotify) g_ptr_array_unref);
}

static void
metrics_with_token (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;

  if (op->account_metrics)
    message = api_message (self, "GET", "/api/v1/accounts/verify_credentials");
  else
    {
      g_autofree char *escaped = g_uri_escape_string (op->remote_id, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/api/v1/statuses/%s", escaped);

      message = api_message (self, "GET", path);
    }

  send_message (task, message, metrics_cb);
}

/* Asked with the account's own id, the metrics are the channel's: its followers, which the
 * account Herald signed in as carries. */
static void
mastodon_fetch_metrics_async (HdProvider          *provider,
                              const char          *remote_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  HdMastodonProvider *self = HD_MASTODON_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, mastodon_fetch_metrics_async, cancellable, callback,
                             user_data, &op);

  op->remote_id = g_strdup (remote_id);
  op->account_metrics = remote_id != NULL
                        && g_strcmp0 (remote_id,
                                      hd_channel_get_remote_account_id (self->channel)) == 0;
  with_token (task, metrics_with_token);
}

/* Credentials and limits */

static void
instance_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMastodonProvider *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = NULL;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  if (!hd_mastodon_provider_apply_instance (self, node))
    {
      return_invalid_answer (task);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
load_instance (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = api_message (self, "GET", "/api/v2/instance");

  send_message (task, message, instance_cb);
}

void
hd_mastodon_provider_load_instance_async (HdMastodonProvider  *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  Op *op;
  GTask *task;

  g_return_if_fail (HD_IS_MASTODON_PROVIDER (self));

  task = op_task_new (self, hd_mastodon_provider_load_instance_async, cancellable, callback,
                      user_data, &op);
  with_token (task, load_instance);
}

gboolean
hd_mastodon_provider_load_instance_finish (HdMastodonProvider  *self,
                                           GAsyncResult        *result,
                                           GError             **error)
{
  g_return_val_if_fail (HD_IS_MASTODON_PROVIDER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  load_instance (g_steal_pointer (&task));
}

static void
refresh_with_token (GTask *task)
{
  HdMastodonProvider *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = api_message (self, "GET",
                                                "/api/v1/accounts/verify_credentials");

  send_message (task, message, verify_cb);
}

/* Mastodon tokens last until revoked: refreshing means checking the token still works and
 * reading the instance's limits again. */
static void
mastodon_refresh_credentials_async (HdProvider          *provider,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  HdMastodonProvider *self = HD_MASTODON_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, mastodon_refresh_credentials_async, cancellable, callback,
                             user_data, &op);

  if (self->access_token != NULL)
    g_clear_pointer (&self->access_token, hd_secrets_free);

  with_token (task, refresh_with_token);
}

static const HdProviderCaps *
mastodon_get_caps (HdProvider *provider)
{
  return &HD_MASTODON_PROVIDER (provider)->caps;
}

static HdChannel *
mastodon_get_channel (HdProvider *provider)
{
  return HD_MASTODON_PROVIDER (provider)->channel;
}

static gboolean
mastodon_validate (HdProvider     *provider,
                   HdProviderPost *post,
                   gint64          now,
                   GPtrArray      *problems)
{
  HdMastodonProvider *self = HD_MASTODON_PROVIDER (provider);

  return _hd_provider_validate_common (&self->caps, PLATFORM, post, now, TRUE, problems);
}

static void
provider_iface_init (HdProviderInterface *iface)
{
  iface->get_caps = mastodon_get_caps;
  iface->get_channel = mastodon_get_channel;
  iface->validate = mastodon_validate;
  iface->publish_async = mastodon_publish_async;
  iface->publish_finish = mastodon_result_finish;
  iface->schedule_async = mastodon_schedule_async;
  iface->schedule_finish = mastodon_result_finish;
  iface->delete_async = mastodon_delete_async;
  iface->delete_finish = mastodon_boolean_finish;
  iface->lookup_async = mastodon_lookup_async;
  iface->lookup_finish = mastodon_result_finish;
  iface->fetch_post_async = mastodon_fetch_post_async;
  iface->fetch_post_finish = mastodon_result_finish;
  iface->edit_async = mastodon_edit_async;
  iface->edit_finish = mastodon_result_finish;
  iface->pull_inbox_async = mastodon_pull_inbox_async;
  iface->pull_inbox_finish = mastodon_pull_inbox_finish;
  iface->reply_async = mastodon_reply_async;
  iface->reply_finish = mastodon_result_finish;
  iface->fetch_metrics_async = mastodon_fetch_metrics_async;
  iface->fetch_metrics_finish = mastodon_array_finish;
  iface->refresh_credentials_async = mastodon_refresh_credentials_async;
  iface->refresh_credentials_finish = mastodon_boolean_finish;
  iface->same_text = mastodon_same_text;
}
