/* hd-x-provider.c
 *
 * The X API v2 as reference/channel-apis.md §6 describes it: POST /2/tweets with the media
 * uploaded first through the chunked v2 upload, DELETE /2/tweets/:id, two-hour access
 * tokens refreshed with the rotating refresh token, and X's two error shapes (the problem
 * object with title, type, detail and status, and the older errors[].code).
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-channel-connect.h"
#include "hd-media-library.h"
#include "hd-oauth.h"
#include "hd-provider-private.h"
#include "hd-secrets.h"
#include "hd-text-counter.h"
#include "hd-x-connect.h"
#include "hd-x-provider.h"

#define PLATFORM "X"

/* Pieces of a picture sent per append; X takes up to 5 MB per segment (v1.1 docs), so one
 * megabyte stays well inside whatever a proxy in between allows. */
#define CHUNK_SIZE (1024 * 1024)

#define POLL_INTERVAL_MS 1000
#define POLL_TRIES 20

/* A post found on the timeline counts as ours only if it was made after the change was
 * queued, give or take a clock that is off by this much. */
#define LOOKUP_SLACK (5 * 60)

static const char * const mime_types[] = {
  "image/jpeg", "image/png", "image/gif", "image/webp", NULL,
};

struct _HdXProvider
{
  GObject         parent_instance;

  HdHttp         *http;
  HdStore        *store;
  HdChannel      *channel;

  HdProviderCaps  caps;
  char           *token_endpoint;
  char           *access_token;
  /* Unix seconds; 0 when the token came from the keyring and nobody said */
  gint64          access_expires_at;
  guint           poll_interval_ms;
};

static void provider_iface_init (HdProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdXProvider, hd_x_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_PROVIDER, provider_iface_init))

typedef void (*TokenReady) (GTask *task);

typedef struct
{
  HdProviderPost *post;
  SoupMessage    *message;
  TokenReady      next;
  /* The request to send once the token is fresh, again after a refresh */
  TokenReady      request;
  gboolean        refreshed;

  GPtrArray      *media_ids;
  guint           media_index;
  char           *media_id;
  GBytes         *bytes;
  gsize           offset;
  guint           segment;
  guint           polls;

  char           *remote_id;
  char           *client_id;
  char           *refresh_token;

  /* the inbox, a reply and metrics */
  HdProviderInbox *inbox;
  gint64          since;
  char           *since_id;
  char           *page_token;
  guint           pages;
  char           *text;
  gboolean        account_metrics;
  gboolean        public_only;
} Op;

static void
wipe (char **secret)
{
  if (*secret != NULL)
    hd_secrets_free (g_steal_pointer (secret));
}

static void
op_free (Op *op)
{
  g_clear_pointer (&op->post, hd_provider_post_unref);
  g_clear_object (&op->message);
  g_clear_pointer (&op->media_ids, g_ptr_array_unref);
  g_free (op->media_id);
  g_clear_pointer (&op->bytes, g_bytes_unref);
  g_free (op->remote_id);
  wipe (&op->client_id);
  wipe (&op->refresh_token);
  g_clear_pointer (&op->inbox, hd_provider_inbox_free);
  g_free (op->since_id);
  g_free (op->page_token);
  g_free (op->text);
  g_free (op);
}

static GTask *
op_task_new (HdXProvider         *self,
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
hd_x_provider_dispose (GObject *object)
{
  HdXProvider *self = (HdXProvider *)object;

  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->channel);

  G_OBJECT_CLASS (hd_x_provider_parent_class)->dispose (object);
}

static void
hd_x_provider_finalize (GObject *object)
{
  HdXProvider *self = (HdXProvider *)object;

  g_free (self->token_endpoint);
  wipe (&self->access_token);

  G_OBJECT_CLASS (hd_x_provider_parent_class)->finalize (object);
}

static void
hd_x_provider_class_init (HdXProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_x_provider_dispose;
  object_class->finalize = hd_x_provider_finalize;
}

static void
hd_x_provider_init (HdXProvider *self)
{
  /* The count and size agree with hd_media_check_for_channel(), which validate uses. */
  self->caps.text_counting = HD_CHANNEL_KIND_X;
  self->caps.text_limit = hd_text_channel_default_limit (HD_CHANNEL_KIND_X);
  _hd_provider_caps_take_media_limits (&self->caps, HD_CHANNEL_KIND_X);
  /* reference/channel-apis.md §6 documents no way to give X a picture's description:
   * Herald sends none, so it checks no length for one. */
  self->caps.max_alt_text = 0;
  self->caps.mime_types = mime_types;
  /* The v2 API has no native scheduling and no idempotency key. */
  self->caps.schedule_min_ahead = HD_PROVIDER_NO_SCHEDULING;
  self->caps.schedule_max_ahead = 0;
  self->caps.idempotency = HD_PROVIDER_IDEMPOTENCY_NONE;
  self->caps.can_edit = FALSE;
  self->caps.can_delete = TRUE;
  self->poll_interval_ms = POLL_INTERVAL_MS;
}

static char *
base_url_of (HdChannel *channel)
{
  const char *base = hd_channel_get_base_url (channel);
  gsize length;

  if (base == NULL)
    base = HD_X_API_BASE;
  length = strlen (base);
  while (length > 0 && base[length - 1] == '/')
    length--;

  return g_strndup (base, length);
}

/**
 * hd_x_provider_new:
 * @channel: an X channel whose remote account id is the numeric user id
 *
 * Returns: (transfer full): a provider posting to @channel
 */
HdXProvider *
hd_x_provider_new (HdHttp    *http,
                   HdStore   *store,
                   HdChannel *channel)
{
  HdXProvider *self;
  g_autofree char *base = NULL;

  g_return_val_if_fail (HD_IS_HTTP (http), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);

  self = g_object_new (HD_TYPE_X_PROVIDER, NULL);
  self->http = g_object_ref (http);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->channel = g_object_ref (channel);

  /* The token endpoint is on the API host: https://api.x.com/2/oauth2/token. */
  base = base_url_of (channel);
  self->token_endpoint = g_strconcat (base, "/2/oauth2/token", NULL);

  return self;
}

void
hd_x_provider_set_poll_interval (HdXProvider *self,
                                 guint        interval_ms)
{
  g_return_if_fail (HD_IS_X_PROVIDER (self));
  g_return_if_fail (interval_ms > 0);

  self->poll_interval_ms = interval_ms;
}

void
hd_x_provider_set_token_endpoint (HdXProvider *self,
                                  const char  *uri)
{
  g_return_if_fail (HD_IS_X_PROVIDER (self));
  g_return_if_fail (uri != NULL);

  g_free (self->token_endpoint);
  self->token_endpoint = g_strdup (uri);
}

/**
 * hd_x_provider_get_access_expires_at:
 *
 * Returns: when the access token in use runs out, Unix seconds; 0 when not known
 */
gint64
hd_x_provider_get_access_expires_at (HdXProvider *self)
{
  g_return_val_if_fail (HD_IS_X_PROVIDER (self), 0);

  return self->access_expires_at;
}

/* Parsers */

static const char *
tweet_url (GString    *out,
           const char *username,
           const char *id)
{
  if (username != NULL && *username != '\0')
    g_string_printf (out, "https://x.com/%s/status/%s", username, id);
  else
    g_string_printf (out, "https://x.com/i/web/status/%s", id);

  return out->str;
}

static gboolean
is_numeric_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 20)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

static HdProviderResult *
result_from_tweet (JsonObject *tweet,
                   const char *username)
{
  const char *id = _hd_json_string (tweet, "id");
  g_autoptr(GString) url = g_string_new (NULL);
  HdProviderResult *result;

  if (!is_numeric_id (id))
    return NULL;

  result = hd_provider_result_new ();
  result->remote_id = g_strdup (id);
  result->remote_url = g_strdup (tweet_url (url, username, id));
  result->text = g_strdup (_hd_json_string (tweet, "text"));
  result->published_at = _hd_iso8601_to_unix (_hd_json_string (tweet, "created_at"));

  return result;
}

HdProviderResult *
_hd_x_parse_tweet (JsonNode   *node,
                   const char *username)
{
  JsonObject *data = _hd_json_object (_hd_json_root_object (node), "data");

  return data != NULL ? result_from_tweet (data, username) : NULL;
}

gboolean
_hd_x_parse_user (JsonNode  *node,
                  char     **id,
                  char     **username,
                  char     **name,
                  char     **avatar_url)
{
  JsonObject *data = _hd_json_object (_hd_json_root_object (node), "data");
  const char *user_id = _hd_json_string (data, "id");
  const char *user_name = _hd_json_string (data, "username");
  const char *display = _hd_json_string (data, "name");
  const char *avatar = _hd_json_string (data, "profile_image_url");

  if (!is_numeric_id (user_id) || user_name == NULL || *user_name == '\0')
    return FALSE;

  *id = g_strdup (user_id);
  *username = g_strdup (user_name);
  *name = g_strdup (display != NULL && *display != '\0' ? display : user_name);
  *avatar_url = avatar != NULL && g_str_has_prefix (avatar, "https://") ? g_strdup (avatar)
                                                                        : NULL;
  return TRUE;
}

/**
 * _hd_x_parse_media:
 * @state: (out): the processing state, or NULL when the answer has no processing_info
 *
 * Reads the answer of initialize, finalize or a status poll, {data:{id, processing_info}}.
 */
gboolean
_hd_x_parse_media (JsonNode  *node,
                   char     **media_id,
                   char     **state,
                   gint64    *check_after_secs)
{
  JsonObject *data = _hd_json_object (_hd_json_root_object (node), "data");
  JsonObject *processing = _hd_json_object (data, "processing_info");
  const char *id = _hd_json_string (data, "id");

  if (data == NULL)
    return FALSE;

  if (id == NULL)
    id = _hd_json_string (data, "media_id_string");

  *media_id = is_numeric_id (id) ? g_strdup (id) : NULL;
  *state = g_strdup (_hd_json_string (processing, "state"));
  *check_after_secs = CLAMP (_hd_json_int (processing, "check_after_secs", 1), 0, 60);

  return *media_id != NULL || *state != NULL;
}

/* X's words for a refusal: the problem object's detail, or the first of its errors. */
static const char *
error_detail (JsonNode *body)
{
  JsonObject *object = _hd_json_root_object (body);
  JsonNode *errors = object != NULL ? json_object_get_member (object, "errors") : NULL;
  const char *detail = _hd_json_string (object, "detail");

  if (errors != NULL && JSON_NODE_HOLDS_ARRAY (errors)
      && json_array_get_length (json_node_get_array (errors)) > 0)
    {
      JsonArray *array = json_node_get_array (errors);
      JsonObject *first = _hd_json_root_object (json_array_get_element (array, 0));
      const char *own = _hd_json_string (first, "detail");

      if (own == NULL)
        own = _hd_json_string (first, "message");
      /* The top level of an invalid request only says "One or more parameters…". */
      if (own != NULL)
        return own;
    }

  return detail;
}

static gint64
first_error_code (JsonNode *body)
{
  JsonObject *object = _hd_json_root_object (body);
  JsonNode *errors = object != NULL ? json_object_get_member (object, "errors") : NULL;

  if (errors == NULL || !JSON_NODE_HOLDS_ARRAY (errors)
      || json_array_get_length (json_node_get_array (errors)) == 0)
    return 0;

  return _hd_json_int (_hd_json_root_object (json_array_get_element (json_node_get_array (errors),
                                                                     0)), "code", 0);
}

/**
 * _hd_x_error_from_body:
 * @status: the HTTP status
 * @body: (nullable): what X sent along
 * @retry_after: the limiter's wait once the answer's headers were read
 *
 * Returns: (transfer full): the refusal as a %HD_PROVIDER_ERROR
 */
GError *
_hd_x_error_from_body (guint     status,
                       JsonNode *body,
                       guint     retry_after)
{
  const char *detail = error_detail (body);
  gint64 code = first_error_code (body);

  if (status == HD_HTTP_STATUS_TOO_MANY_REQUESTS || code == 88)
    {
      g_autofree char *wait = hd_http_describe_wait (MAX (1, retry_after));
      g_autofree char *text = g_strdup_printf (_("X asked Herald to slow down. Herald will try "
                                                 "again in %s."), wait);

      return hd_provider_error_new_rate_limited (retry_after, text);
    }

  if (status == SOUP_STATUS_UNAUTHORIZED || code == 89)
    return g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                                _("X no longer accepts Herald’s sign-in. Reconnect the channel "
                                  "to go on posting."));

  if (status == SOUP_STATUS_FORBIDDEN && detail != NULL && strstr (detail, "duplicate") != NULL)
    return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                        _("X already has a post with this text: %s"), detail);

  if (status == SOUP_STATUS_NOT_FOUND)
    return g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                                _("X no longer has this post. It may have been deleted there."));

  if (status >= 500 || status == 0)
    return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                        _("X had a problem answering (error %u). Herald will try again "
                          "later."), status);

  if (detail != NULL)
    return _hd_provider_refused ("X", detail);

  return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                      _("X refused it (error %u)."), status);
}

/* Requests */

static gint64
now_seconds (HdXProvider *self)
{
  return hd_rate_limiter_now (hd_http_get_rate_limiter (self->http));
}

static SoupMessage *
api_message (HdXProvider *self,
             const char  *method,
             const char  *path)
{
  g_autofree char *base = base_url_of (self->channel);
  g_autofree char *uri = g_strconcat (base, path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", self->access_token, NULL);
  SoupMessage *message = soup_message_new (method, uri);

  if (message != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  authorization);
  return message;
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

static void
send_message (GTask               *task,
              SoupMessage         *message,
              GAsyncReadyCallback  callback)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  g_set_object (&op->message, message);
  hd_http_send_json_async (self->http, message, hd_channel_get_id (self->channel),
                           g_task_get_cancellable (task), callback, task);
}

static void refresh_token (GTask *task);

/* Finishes the request of @task; on failure returns NULL and hands the error to the task,
 * except for a 401 on a token that was never refreshed in this operation: then the token
 * is refreshed and the same request goes again. */
static JsonNode *
finish_message (GTask        *task,
                GAsyncResult *result)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(GError) http_error = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  guint status;
  guint wait;

  node = hd_http_send_json_finish (self->http, result, &error_body, &http_error);
  if (node != NULL)
    return node;

  status = soup_message_get_status (op->message);
  wait = hd_rate_limiter_get_wait (hd_http_get_rate_limiter (self->http),
                                   hd_channel_get_id (self->channel));

  /* Without an answer (cancelled, offline, held back by the limiter) or with a 2xx Herald
   * could not read, the shared mapping applies; X's own refusals are read here. */
  if (status >= 400)
    error = _hd_x_error_from_body (status, error_body, wait);
  else
    error = hd_provider_error_from_http (http_error, status, error_body, wait, PLATFORM);

  if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH) && !op->refreshed
      && op->request != NULL)
    {
      g_object_ref (task);
      wipe (&self->access_token);
      self->access_expires_at = 0;
      refresh_token (task);
      return NULL;
    }

  _hd_provider_note_failure (self->store, self->channel, error);
  g_task_return_error (task, g_steal_pointer (&error));
  return NULL;
}

static void
return_invalid_answer (GTask *task)
{
  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                           _("X sent an answer Herald could not use. Herald will try again "
                             "later."));
}

static void
return_no_sign_in (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  g_autoptr(GError) auth = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                                                _("Herald has no sign-in for this X account. "
                                                  "Reconnect the channel to go on posting."));

  _hd_provider_note_failure (self->store, self->channel, auth);
  g_task_return_error (task, g_steal_pointer (&auth));
}

/* Credentials: a two-hour access token and a refresh token that X replaces on every use, so
 * the new one is in the keyring before anything else happens. */

static void
refreshed_stored_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!hd_channel_save_connected_finish (result, &error))
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      return;
    }

  op->next (g_steal_pointer (&task));
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(HdOAuthTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  HdChannelSecret secrets[2];
  guint n_secrets = 0;

  tokens = hd_oauth_client_refresh_finish (HD_OAUTH_CLIENT (object), result, &error);
  if (tokens == NULL)
    {
      g_autoptr(GError) mapped = NULL;

      /* Whatever the token endpoint objects to, only signing in again gets a new token. */
      if (error->domain == HD_OAUTH_ERROR)
        mapped = g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                              _("%s no longer accepts Herald’s sign-in (“%s”). Reconnect the "
                                "channel to go on posting."), PLATFORM, error->message);
      else
        mapped = hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM);

      _hd_provider_note_failure (self->store, self->channel, mapped);
      g_task_return_error (task, g_steal_pointer (&mapped));
      return;
    }

  wipe (&self->access_token);
  self->access_token = g_strdup (tokens->access_token);
  self->access_expires_at = tokens->expires_at;

  secrets[n_secrets++] = (HdChannelSecret) { HD_SECRET_KIND_ACCESS_TOKEN, tokens->access_token };
  if (tokens->refresh_token != NULL)
    secrets[n_secrets++] = (HdChannelSecret) { HD_SECRET_KIND_REFRESH_TOKEN,
                                               tokens->refresh_token };

  if (self->store == NULL)
    {
      op->next (g_steal_pointer (&task));
      return;
    }

  hd_channel_save_connected_async (self->store, self->channel, secrets, n_secrets,
                                   g_task_get_cancellable (task), refreshed_stored_cb,
                                   g_object_ref (task));
}

static gint64
limiter_clock (gpointer user_data)
{
  return hd_rate_limiter_now (user_data);
}

static void
client_id_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdOAuthClient) oauth = NULL;

  wipe (&op->client_id);
  op->client_id = hd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      return;
    }

  if (op->client_id == NULL)
    {
      return_no_sign_in (task);
      return;
    }

  oauth = hd_oauth_client_new (self->http);
  hd_oauth_client_set_client_id (oauth, op->client_id);
  /* A native app is a public client: the client id goes in the form, no secret. */
  hd_oauth_client_set_client_auth (oauth, HD_OAUTH_CLIENT_AUTH_NONE);
  hd_oauth_client_set_token_endpoint (oauth, self->token_endpoint);
  hd_oauth_client_set_clock (oauth, limiter_clock, hd_http_get_rate_limiter (self->http));
  hd_oauth_client_refresh_async (oauth, op->refresh_token, g_task_get_cancellable (task),
                                 refresh_cb, g_object_ref (task));
}

static void
refresh_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  wipe (&op->refresh_token);
  op->refresh_token = hd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      return;
    }

  if (op->refresh_token == NULL)
    {
      return_no_sign_in (task);
      return;
    }

  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_SECRET_KIND_CLIENT_ID,
                           g_task_get_cancellable (task), client_id_cb,
                           g_object_ref (task));
}

static void
refresh_token (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  op->refreshed = TRUE;
  if (op->request != NULL)
    op->next = op->request;
  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_SECRET_KIND_REFRESH_TOKEN,
                           g_task_get_cancellable (task), refresh_token_cb, task);
}

static gboolean
needs_refresh (HdXProvider *self)
{
  return self->access_expires_at > 0
         && self->access_expires_at - now_seconds (self) < HD_X_REFRESH_MARGIN;
}

static void
access_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  wipe (&self->access_token);
  self->access_token = hd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      return;
    }

  /* A token from the keyring says nothing of its age: it is tried, and a 401 refreshes it. */
  if (self->access_token == NULL)
    {
      refresh_token (g_steal_pointer (&task));
      return;
    }

  op->next (g_steal_pointer (&task));
}

static void
with_token (GTask      *task,
            TokenReady  next)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  op->next = next;
  op->request = next;

  if (self->access_token != NULL && needs_refresh (self))
    {
      refresh_token (task);
      return;
    }

  if (self->access_token != NULL)
    {
      next (task);
      return;
    }

  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_SECRET_KIND_ACCESS_TOKEN,
                           g_task_get_cancellable (task), access_token_cb, task);
}

/* Media: initialize, append, finalize, then poll while X processes it */

static void upload_next_media (GTask *task);
static void send_tweet (GTask *task);
static void append_next_segment (GTask *task);

static void
media_done (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  g_ptr_array_add (op->media_ids, g_steal_pointer (&op->media_id));
  g_clear_pointer (&op->bytes, g_bytes_unref);
  op->media_index++;
  op->offset = 0;
  op->segment = 0;
  op->polls = 0;
  upload_next_media (task);
}

static void poll_status (GTask *task);

static gboolean
poll_status_timeout (gpointer user_data)
{
  poll_status (user_data);
  return G_SOURCE_REMOVE;
}

static void
handle_processing (GTask  *task,
                   JsonNode *node)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *media_id = NULL;
  g_autofree char *state = NULL;
  gint64 check_after = 0;

  if (!_hd_x_parse_media (node, &media_id, &state, &check_after))
    {
      return_invalid_answer (task);
      g_object_unref (task);
      return;
    }

  if (state == NULL || g_str_equal (state, "succeeded"))
    {
      media_done (task);
      return;
    }

  if (g_str_equal (state, "failed"))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("X could not process picture %u. Try another picture or "
                                 "another format."), op->media_index + 1);
      g_object_unref (task);
      return;
    }

  if (op->polls++ >= POLL_TRIES)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("X is still processing picture %u. Herald will try again "
                                 "later."), op->media_index + 1);
      g_object_unref (task);
      return;
    }

  /* X says how long to wait; a test sets a short interval instead of seconds. */
  g_timeout_add (MIN ((guint) check_after * 1000, self->poll_interval_ms) + 1,
                 poll_status_timeout, task);
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  handle_processing (g_steal_pointer (&task), node);
}

static void
poll_status (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = g_strdup_printf ("/2/media/upload?command=STATUS&media_id=%s",
                                           op->media_id);
  g_autoptr(SoupMessage) message = api_message (self, "GET", path);

  send_message (task, message, status_cb);
}

static void
finalize_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  handle_processing (g_steal_pointer (&task), node);
}

static void
append_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  append_next_segment (g_steal_pointer (&task));
}

static void
append_next_segment (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  gsize size = g_bytes_get_size (op->bytes);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = NULL;

  if (op->offset >= size && op->segment > 0)
    {
      path = g_strdup_printf ("/2/media/upload/%s/finalize", op->media_id);
      message = api_message (self, "POST", path);
      send_message (task, message, finalize_cb);
      return;
    }

  {
    gsize length = MIN (CHUNK_SIZE, size - op->offset);
    g_autoptr(GBytes) piece = g_bytes_new_from_bytes (op->bytes, op->offset, length);
    g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
    g_autofree char *index = g_strdup_printf ("%u", op->segment);
    g_autofree char *uri = NULL;
    g_autofree char *base = base_url_of (self->channel);
    g_autofree char *authorization = g_strconcat ("Bearer ", self->access_token, NULL);

    soup_multipart_append_form_file (multipart, "media", "media", "application/octet-stream",
                                     piece);
    soup_multipart_append_form_string (multipart, "segment_index", index);

    uri = g_strdup_printf ("%s/2/media/upload/%s/append", base, op->media_id);
    message = soup_message_new_from_multipart (uri, multipart);
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  authorization);
    op->offset += length;
    op->segment++;
  }

  send_message (task, message, append_cb);
}

static void
initialize_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *state = NULL;
  gint64 check_after = 0;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  g_clear_pointer (&op->media_id, g_free);
  if (!_hd_x_parse_media (node, &op->media_id, &state, &check_after) || op->media_id == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  op->offset = 0;
  op->segment = 0;
  append_next_segment (g_steal_pointer (&task));
}

static void
upload_next_media (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  HdMedia *media;

  if (op->media_index >= op->post->media->len)
    {
      send_tweet (task);
      return;
    }

  media = g_ptr_array_index (op->post->media, op->media_index);
  path = self->store != NULL ? hd_store_get_media_file_path (self->store, media)
                             : g_strdup (hd_media_get_path (media));
  g_clear_pointer (&op->bytes, g_bytes_unref);
  if (path == NULL || !_hd_read_file (path, &op->bytes, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                                     _("Herald could not find a picture of this post in its "
                                       "data folder. Add the picture to the post again."));
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "media_type");
  json_builder_add_string_value (builder, hd_media_get_mime_type (media));
  json_builder_set_member_name (builder, "total_bytes");
  json_builder_add_int_value (builder, (gint64) g_bytes_get_size (op->bytes));
  json_builder_set_member_name (builder, "media_category");
  json_builder_add_string_value (builder, g_strcmp0 (hd_media_get_mime_type (media),
                                                     "image/gif") == 0
                                          ? "tweet_gif" : "tweet_image");
  json_builder_end_object (builder);

  message = api_message (self, "POST", "/2/media/upload/initialize");
  set_json_body (message, builder);
  send_message (task, message, initialize_cb);
}

/* Posts */

static void
tweet_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdXProvider *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = NULL;
  HdProviderResult *answer;
  const char *handle;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  handle = hd_channel_get_handle (self->channel);
  if (handle != NULL && handle[0] == '@')
    handle++;

  answer = _hd_x_parse_tweet (node, handle);
  if (answer == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  g_task_return_pointer (task, answer, (GDestroyNotify) hd_provider_result_free);
}

static void
send_tweet (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SoupMessage) message = NULL;
  const char *text = hd_provider_post_get_text (op->post);

  /* A 401 from here on sends the tweet again with a fresh token, not the pictures. */
  op->request = send_tweet;

  json_builder_begin_object (builder);
  if (*text != '\0' || op->media_ids->len == 0)
    {
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, text);
    }

  if (op->media_ids->len > 0)
    {
      json_builder_set_member_name (builder, "media");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "media_ids");
      json_builder_begin_array (builder);
      for (guint i = 0; i < op->media_ids->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (op->media_ids, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  message = api_message (self, "POST", "/2/tweets");
  set_json_body (message, builder);
  send_message (task, message, tweet_cb);
}

static void start_media (GTask *task);

static gboolean
texts_match (const char *ours,
             const char *theirs)
{
  g_autofree char *a = g_utf8_normalize (ours, -1, G_NORMALIZE_NFC);
  g_autofree char *b = g_utf8_normalize (theirs != NULL ? theirs : "", -1, G_NORMALIZE_NFC);

  if (a == NULL || b == NULL)
    return FALSE;

  g_strstrip (a);
  g_strstrip (b);
  /* X shortens links to t.co and appends the pictures' links: compare up to the first
   * link, which is what the author typed. */
  {
    char *link_a = strstr (a, "http");
    char *link_b = strstr (b, "http");

    if (link_a != NULL)
      *link_a = '\0';
    if (link_b != NULL)
      *link_b = '\0';
  }

  return g_str_equal (g_strstrip (a), g_strstrip (b));
}

static void
timeline_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  JsonNode *data;
  const char *handle = hd_channel_get_handle (self->channel);

  node = finish_message (task, result);
  if (node == NULL)
    return;

  if (handle != NULL && handle[0] == '@')
    handle++;

  data = _hd_json_root_object (node) != NULL
         ? json_object_get_member (_hd_json_root_object (node), "data") : NULL;
  if (data != NULL && JSON_NODE_HOLDS_ARRAY (data))
    {
      JsonArray *array = json_node_get_array (data);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *tweet = _hd_json_root_object (json_array_get_element (array, i));
          g_autoptr(HdProviderResult) found = tweet != NULL ? result_from_tweet (tweet, handle)
                                                            : NULL;

          if (found != NULL && texts_match (hd_provider_post_get_text (op->post), found->text))
            {
              g_task_return_pointer (task, g_steal_pointer (&found),
                                     (GDestroyNotify) hd_provider_result_free);
              return;
            }
        }
    }

  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                           _("X has no such post."));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdXProvider *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = NULL;
  HdProviderResult *found;
  const char *handle = hd_channel_get_handle (self->channel);

  node = finish_message (task, result);
  if (node == NULL)
    return;

  if (handle != NULL && handle[0] == '@')
    handle++;

  found = _hd_x_parse_tweet (node, handle);
  if (found == NULL)
    {
      /* An unknown id comes back as 200 with only errors[]. */
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                               _("X no longer has this post. It may have been deleted "
                                 "there."));
      return;
    }

  g_task_return_pointer (task, found, (GDestroyNotify) hd_provider_result_free);
}

static void
lookup_with_token (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = NULL;

  if (op->remote_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (op->remote_id, NULL, FALSE);

      path = g_strdup_printf ("/2/tweets/%s?tweet.fields=created_at", escaped);
      message = api_message (self, "GET", path);
      send_message (task, message, lookup_cb);
      return;
    }

  {
    const char *user_id = hd_channel_get_remote_account_id (self->channel);
    g_autofree char *escaped = g_uri_escape_string (user_id, NULL, FALSE);
    g_autofree char *since = _hd_unix_to_iso8601 (op->post->queued_at - LOOKUP_SLACK, FALSE);
    g_autofree char *since_escaped = g_uri_escape_string (since, NULL, FALSE);

    /* Reads cost money on X: one page of the newest posts since the change was queued. */
    path = g_strdup_printf ("/2/users/%s/tweets?max_results=10&tweet.fields=created_at&"
                            "start_time=%s", escaped, since_escaped);
    message = api_message (self, "GET", path);
    send_message (task, message, timeline_cb);
  }
}

static void
x_lookup_async (HdProvider          *provider,
                HdProviderPost      *post,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  HdXProvider *self = HD_X_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  const char *remote_id = post->variant != NULL ? hd_variant_get_remote_id (post->variant)
                                                : NULL;
  Op *op;

  task = op_task_new (self, x_lookup_async, cancellable, callback, user_data, &op);
  op->post = hd_provider_post_ref (post);
  op->remote_id = g_strdup (remote_id);

  if (remote_id == NULL && hd_channel_get_remote_account_id (self->channel) == NULL)
    {
      return_no_sign_in (task);
      return;
    }

  with_token (g_steal_pointer (&task), lookup_with_token);
}

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

  with_token (g_steal_pointer (&task), start_media);
}

static void
start_media (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  g_clear_pointer (&op->media_ids, g_ptr_array_unref);
  op->media_ids = g_ptr_array_new_with_free_func (g_free);
  op->media_index = 0;
  upload_next_media (task);
}

static gboolean
x_validate (HdProvider     *provider,
            HdProviderPost *post,
            gint64          now,
            GPtrArray      *problems)
{
  HdXProvider *self = HD_X_PROVIDER (provider);
  g_autoptr(HdTextCount) count = NULL;
  g_autoptr(GPtrArray) media_problems = g_ptr_array_new_with_free_func (g_free);
  const char *text = hd_provider_post_get_text (post);
  guint n_media = post->media != NULL ? post->media->len : 0;
  gboolean ok = TRUE;

  /* The composer's own counter: twitter-text weighting after NFC, links as 23. */
  count = hd_text_count_new (self->caps.text_counting, text, self->caps.text_limit);
  if (count->over)
    {
      _hd_provider_add_problem (problems, "%s", count->problem);
      ok = FALSE;
    }

  if (*text == '\0' && n_media == 0)
    {
      _hd_provider_add_problem (problems, _("The post for %s has neither text nor a picture."),
                                PLATFORM);
      ok = FALSE;
    }

  if (!hd_media_check_for_channel (HD_CHANNEL_KIND_X,
                                   n_media > 0 ? (HdMedia * const *) post->media->pdata : NULL,
                                   n_media, media_problems))
    {
      for (guint i = 0; i < media_problems->len; i++)
        _hd_provider_add_problem (problems, "%s",
                                  (const char *) g_ptr_array_index (media_problems, i));
      ok = FALSE;
    }

  for (guint i = 0; i < n_media; i++)
    {
      const char *mime_type = hd_media_get_mime_type (g_ptr_array_index (post->media, i));

      if (mime_type != NULL && g_str_has_prefix (mime_type, "image/")
          && !g_strv_contains (mime_types, mime_type))
        {
          _hd_provider_add_problem (problems, _("%s does not take pictures of type %s (picture "
                                                "%u)."), PLATFORM, mime_type, i + 1);
          ok = FALSE;
        }
    }

  return ok;
}

static void
publish_with_token (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  /* No idempotency key on X: an answer that was lost is looked for on the timeline. */
  if (op->post->retry)
    {
      hd_provider_lookup_async (HD_PROVIDER (self), op->post, g_task_get_cancellable (task),
                                retry_lookup_cb, task);
      return;
    }

  start_media (task);
}

static void
x_publish_async (HdProvider          *provider,
                 HdProviderPost      *post,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  HdXProvider *self = HD_X_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  Op *op;

  task = op_task_new (self, x_publish_async, cancellable, callback, user_data, &op);
  op->post = hd_provider_post_ref (post);

  if (!hd_provider_validate (provider, post, now_seconds (self), problems))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID, "%s",
                               (const char *) g_ptr_array_index (problems, 0));
      return;
    }

  with_token (g_steal_pointer (&task), publish_with_token);
}

static HdProviderResult *
x_result_finish (HdProvider    *provider,
                 GAsyncResult  *result,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
x_boolean_finish (HdProvider    *provider,
                  GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Deleting */

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *data;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  data = _hd_json_object (_hd_json_root_object (node), "data");
  if (data == NULL || json_object_get_member (data, "deleted") == NULL
      || !json_object_get_boolean_member_with_default (data, "deleted", FALSE))
    {
      return_invalid_answer (task);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
delete_with_token (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *escaped = g_uri_escape_string (op->remote_id, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/2/tweets/", escaped, NULL);
  g_autoptr(SoupMessage) message = api_message (self, "DELETE", path);

  send_message (task, message, delete_cb);
}

static void
x_delete_async (HdProvider            *provider,
                const char            *remote_id,
                HdProviderDeleteFlags  flags,
                GCancellable          *cancellable,
                GAsyncReadyCallback    callback,
                gpointer               user_data)
{
  HdXProvider *self = HD_X_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, x_delete_async, cancellable, callback, user_data, &op);

  op->remote_id = g_strdup (remote_id);
  with_token (task, delete_with_token);
}

static void
refreshed (GTask *task)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
x_refresh_credentials_async (HdProvider          *provider,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  HdXProvider *self = HD_X_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, x_refresh_credentials_async, cancellable, callback,
                             user_data, &op);

  op->next = refreshed;
  refresh_token (task);
}

/* Mentions: GET /2/users/:id/mentions, newest first, read forward from the newest id seen
 * (since_id, exclusive) one page of up to 100 at a time, meta.next_token handed back as
 * pagination_token; the authors come in includes.users with expansions=author_id
 * (docs.x.com/x-api/posts/timelines/integrate, /quickstart/user-mention-quickstart and
 * docs.x.com/x-api/fundamentals/pagination). X keeps the latest 800 mentions. A
 * mention deleted on X simply stops being listed, and reading every id back to see which are
 * gone costs money per post, so deletions are not reported. */

#define MENTIONS_PAGE_SIZE "100"
#define MENTIONS_MAX_PAGES 8
#define MENTION_FIELDS "tweet.fields=created_at,author_id,conversation_id,referenced_tweets" \
                       "&expansions=author_id&user.fields=name,username"

static void mentions_page (GTask *task);

/* X's ids grow with time, which polling with since_id relies on: of two numeric ids the
 * longer, or else the greater, is the newer. */
static gboolean
is_newer_id (const char *id,
             const char *than)
{
  if (strlen (id) != strlen (than))
    return strlen (id) > strlen (than);

  return strcmp (id, than) > 0;
}

/* The tweet @tweet answers, from referenced_tweets, or NULL. */
static const char *
replied_to (JsonObject *tweet)
{
  JsonNode *references = tweet != NULL ? json_object_get_member (tweet, "referenced_tweets")
                                       : NULL;

  if (references == NULL || !JSON_NODE_HOLDS_ARRAY (references))
    return NULL;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (references)); i++)
    {
      JsonObject *reference = _hd_json_root_object (json_array_get_element (
                                                      json_node_get_array (references), i));

      if (g_strcmp0 (_hd_json_string (reference, "type"), "replied_to") == 0)
        return _hd_json_string (reference, "id");
    }

  return NULL;
}

static HdInboxItem *
item_from_mention (HdChannel  *channel,
                   HdStore    *store,
                   JsonObject *tweet,
                   JsonObject *author)
{
  const char *conversation = _hd_json_string (tweet, "conversation_id");
  const char *parent = replied_to (tweet);
  g_autofree char *post_id = NULL;
  HdInboxItem *item = hd_inbox_item_new ();

  hd_inbox_item_set_channel_id (item, hd_channel_get_id (channel));
  hd_inbox_item_set_kind (item, parent != NULL ? HD_INBOX_KIND_REPLY : HD_INBOX_KIND_MENTION);
  hd_inbox_item_set_remote_id (item, _hd_json_string (tweet, "id"));
  hd_inbox_item_set_thread_id (item, conversation != NULL ? conversation
                                                          : _hd_json_string (tweet, "id"));
  hd_inbox_item_set_parent_id (item, parent);
  hd_inbox_item_set_author_name (item, _hd_json_string (author, "name"));
  hd_inbox_item_set_author_handle (item, _hd_json_string (author, "username"));
  hd_inbox_item_set_text (item, _hd_json_string (tweet, "text"));
  hd_inbox_item_set_received_at (item,
                                 _hd_iso8601_to_unix (_hd_json_string (tweet, "created_at")));

  /* A conversation started by one of Herald's posts belongs to that post. */
  if (conversation != NULL)
    post_id = _hd_provider_find_local_post (store, channel, conversation);
  if (post_id == NULL && parent != NULL)
    post_id = _hd_provider_find_local_post (store, channel, parent);
  hd_inbox_item_set_post_id (item, post_id);

  return item;
}

/* The user of includes.users that wrote @tweet, or NULL. */
static JsonObject *
author_of (JsonNode   *users,
           JsonObject *tweet)
{
  const char *author_id = _hd_json_string (tweet, "author_id");

  for (guint j = 0; author_id != NULL && users != NULL && JSON_NODE_HOLDS_ARRAY (users)
                    && j < json_array_get_length (json_node_get_array (users)); j++)
    {
      JsonObject *user = _hd_json_root_object (json_array_get_element (
                                                 json_node_get_array (users), j));

      if (g_strcmp0 (_hd_json_string (user, "id"), author_id) == 0)
        return user;
    }

  return NULL;
}

GPtrArray *
_hd_x_parse_mentions (HdChannel  *channel,
                      HdStore    *store,
                      JsonNode   *node,
                      char      **cursor,
                      char      **next_token)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *root = _hd_json_root_object (node);
  JsonObject *meta = _hd_json_object (root, "meta");
  JsonObject *includes = _hd_json_object (root, "includes");
  JsonNode *users = includes != NULL ? json_object_get_member (includes, "users") : NULL;
  JsonNode *data;

  *next_token = NULL;
  if (root == NULL || meta == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  data = json_object_get_member (root, "data");
  for (guint i = 0; data != NULL && JSON_NODE_HOLDS_ARRAY (data)
                    && i < json_array_get_length (json_node_get_array (data)); i++)
    {
      JsonObject *tweet = _hd_json_root_object (json_array_get_element (
                                                  json_node_get_array (data), i));
      const char *id = _hd_json_string (tweet, "id");

      if (!is_numeric_id (id))
        continue;

      /* The newest id seen is where the next look starts. */
      if (*cursor == NULL || is_newer_id (id, *cursor))
        {
          g_free (*cursor);
          *cursor = g_strdup (id);
        }

      g_ptr_array_add (items, item_from_mention (channel, store, tweet,
                                                 author_of (users, tweet)));
    }

  *next_token = g_strdup (_hd_json_string (meta, "next_token"));
  return g_steal_pointer (&items);
}

static void
mentions_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *next_token = NULL;

  if ((node = finish_message (task, result)) == NULL)
    return;

  items = _hd_x_parse_mentions (self->channel, self->store, node, &op->inbox->cursor,
                                &next_token);
  if (items == NULL)
    {
      return_invalid_answer (task);
      return;
    }
  g_ptr_array_extend_and_steal (op->inbox->items, g_steal_pointer (&items));

  if (next_token != NULL && ++op->pages < MENTIONS_MAX_PAGES)
    {
      g_free (op->page_token);
      op->page_token = g_steal_pointer (&next_token);
      mentions_page (g_steal_pointer (&task));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&op->inbox),
                         (GDestroyNotify) hd_provider_inbox_free);
}

static void
mentions_page (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *user = g_uri_escape_string (hd_channel_get_remote_account_id (self->channel),
                                               NULL, FALSE);
  g_autoptr(GString) path = g_string_new (NULL);

  g_string_printf (path, "/2/users/%s/mentions?max_results=" MENTIONS_PAGE_SIZE "&"
                   MENTION_FIELDS, user);
  if (op->since_id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (op->since_id, NULL, FALSE);

      g_string_append_printf (path, "&since_id=%s", escaped);
    }
  else if (op->since > 0)
    {
      g_autofree char *since = _hd_unix_to_iso8601 (op->since, FALSE);
      g_autofree char *escaped = g_uri_escape_string (since, NULL, FALSE);

      g_string_append_printf (path, "&start_time=%s", escaped);
    }
  if (op->page_token != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (op->page_token, NULL, FALSE);

      g_string_append_printf (path, "&pagination_token=%s", escaped);
    }

  op->request = mentions_page;
  message = api_message (self, "GET", path->str);
  send_message (task, message, mentions_cb);
}

static void
x_pull_inbox_async (HdProvider          *provider,
                    gint64               since,
                    const char          *cursor,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  HdXProvider *self = HD_X_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, x_pull_inbox_async, cancellable, callback, user_data, &op);
  op->inbox = hd_provider_inbox_new ();
  op->since = since;
  op->since_id = is_numeric_id (cursor) ? g_strdup (cursor) : NULL;

  if (hd_channel_get_remote_account_id (self->channel) == NULL)
    {
      return_no_sign_in (task);
      return;
    }

  with_token (g_steal_pointer (&task), mentions_page);
}

static HdProviderInbox *
x_pull_inbox_finish (HdProvider    *provider,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Replies: POST /2/tweets with reply.in_reply_to_tweet_id (reference/channel-apis.md §6).
 * X keeps no idempotency key, and the outbox sends an answer again after a failure it cannot
 * tell from a lost answer (no connection, a 5xx). So before answering Herald reads the
 * account's newest posts (GET /2/users/:id/tweets with referenced_tweets, docs.x.com/x-api/
 * fundamentals/data-dictionary) and, when one already answers the same post with the same
 * text, hands that one back instead of posting twice. */

static void
reply_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  HdProviderResult *sent;

  if ((node = finish_message (task, result)) == NULL)
    return;

  sent = _hd_x_parse_tweet (node, NULL);
  if (sent == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  g_task_return_pointer (task, sent, (GDestroyNotify) hd_provider_result_free);
}

static void
send_reply (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, op->text);
  json_builder_set_member_name (builder, "reply");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "in_reply_to_tweet_id");
  json_builder_add_string_value (builder, op->remote_id);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  op->request = send_reply;
  message = api_message (self, "POST", "/2/tweets");
  set_json_body (message, builder);
  send_message (task, message, reply_sent_cb);
}

static void
earlier_replies_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  JsonNode *data;

  if ((node = finish_message (task, result)) == NULL)
    return;

  data = json_object_get_member (_hd_json_root_object (node), "data");
  for (guint i = 0; data != NULL && JSON_NODE_HOLDS_ARRAY (data)
                    && i < json_array_get_length (json_node_get_array (data)); i++)
    {
      JsonObject *tweet = _hd_json_root_object (json_array_get_element (
                                                  json_node_get_array (data), i));

      HdProviderResult *found;

      if (g_strcmp0 (replied_to (tweet), op->remote_id) != 0
          || !texts_match (op->text, _hd_json_string (tweet, "text"))
          || (found = result_from_tweet (tweet, NULL)) == NULL)
        continue;

      g_task_return_pointer (task, found, (GDestroyNotify) hd_provider_result_free);
      return;
    }

  send_reply (g_steal_pointer (&task));
}

static void
look_for_earlier_reply (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *user = g_uri_escape_string (hd_channel_get_remote_account_id (self->channel),
                                               NULL, FALSE);
  g_autofree char *path = NULL;
  Op *op = g_task_get_task_data (task);

  /* Reads cost money on X: one page of the account's newest posts. */
  path = g_strdup_printf ("/2/users/%s/tweets?max_results=10&"
                          "tweet.fields=created_at,referenced_tweets", user);
  op->request = look_for_earlier_reply;
  message = api_message (self, "GET", path);
  send_message (task, message, earlier_replies_cb);
}

static void
x_reply_async (HdProvider          *provider,
               HdInboxItem         *item,
               const char          *text,
               const char          *idempotency_key,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  HdXProvider *self = HD_X_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  const char *remote_id = hd_inbox_item_get_remote_id (item);
  Op *op;

  task = op_task_new (self, x_reply_async, cancellable, callback, user_data, &op);
  if (!is_numeric_id (remote_id))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                               _("“%s” is not the id of a post on X."),
                               remote_id != NULL ? remote_id : "");
      return;
    }

  if (hd_channel_get_remote_account_id (self->channel) == NULL)
    {
      return_no_sign_in (task);
      return;
    }

  op->remote_id = g_strdup (remote_id);
  op->text = g_strdup (text);
  with_token (g_steal_pointer (&task), look_for_earlier_reply);
}

/* Metrics: a post's public_metrics and non_public_metrics (GET /2/tweets/:id), the account's
 * public_metrics (GET /2/users/me). docs.x.com/x-api/fundamentals/metrics: impressions are
 * only in non_public_metrics, which X gives for the account's own posts of the last 30 days;
 * for an older post it refuses the field, and Herald asks again without it. */

typedef struct
{
  /* the object of the answer that holds the count, and X's name for it */
  const char *group;
  const char *platform;
  /* Herald's name, which the Reports page reads */
  const char *herald;
  gboolean    of_account;
} MetricName;

/* The one place X's metric names are kept. */
static const MetricName metric_names[] = {
  { "public_metrics", "like_count", HD_METRIC_REACTIONS, FALSE },
  { "public_metrics", "retweet_count", HD_METRIC_REPOSTS, FALSE },
  { "public_metrics", "reply_count", HD_METRIC_REPLIES, FALSE },
  { "non_public_metrics", "impression_count", HD_METRIC_IMPRESSIONS, FALSE },
  { "public_metrics", "followers_count", HD_METRIC_FOLLOWERS, TRUE },
};

gint64
_hd_x_parse_count (JsonNode   *node,
                   const char *group,
                   const char *name)
{
  JsonObject *data = _hd_json_object (_hd_json_root_object (node), "data");
  JsonObject *counts = _hd_json_object (data, group);
  JsonNode *member = counts != NULL ? json_object_get_member (counts, name) : NULL;

  /* A count X stopped giving is left out: it shows as "not available". */
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member)
      && json_node_get_value_type (member) == G_TYPE_INT64)
    return MAX (json_node_get_int (member), -1);

  return -1;
}

static void metrics_request (GTask *task);

static void
metrics_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *post_id = NULL;
  JsonObject *data;

  if ((node = finish_message (task, result)) == NULL)
    return;

  data = _hd_json_object (_hd_json_root_object (node), "data");
  if (data == NULL && !op->account_metrics && !op->public_only)
    {
      /* Refused for non_public_metrics, or gone: the public counts tell which. */
      op->public_only = TRUE;
      metrics_request (g_steal_pointer (&task));
      return;
    }

  if (data == NULL)
    {
      if (op->account_metrics)
        return_invalid_answer (task);
      else
        g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                                 _("X no longer has this post. It may have been deleted "
                                   "there."));
      return;
    }

  if (!op->account_metrics)
    post_id = _hd_provider_find_local_post (self->store, self->channel, op->remote_id);

  found = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (metric_names); i++)
    {
      const MetricName *name = &metric_names[i];
      gint64 value;

      if (name->of_account != op->account_metrics)
        continue;

      value = _hd_x_parse_count (node, name->group, name->platform);

      if (op->account_metrics)
        g_ptr_array_add (found, _hd_provider_metric_new (self->channel,
                                                         HD_METRIC_SUBJECT_CHANNEL,
                                                         hd_channel_get_id (self->channel),
                                                         name->herald, value,
                                                         now_seconds (self)));
      else
        g_ptr_array_add (found, _hd_provider_metric_new (self->channel, HD_METRIC_SUBJECT_POST,
                                                         post_id != NULL ? post_id
                                                                         : op->remote_id,
                                                         name->herald, value,
                                                         now_seconds (self)));
    }

  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
}

static void
metrics_request (GTask *task)
{
  HdXProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = NULL;

  if (op->account_metrics)
    path = g_strdup ("/2/users/me?user.fields=public_metrics");
  else
    path = g_strdup_printf ("/2/tweets/%s?tweet.fields=%s", op->remote_id,
                            op->public_only ? "public_metrics"
                                            : "public_metrics,non_public_metrics");

  op->request = metrics_request;
  message = api_message (self, "GET", path);
  send_message (task, message, metrics_cb);
}

static void
x_fetch_metrics_async (HdProvider          *provider,
                       const char          *remote_id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  HdXProvider *self = HD_X_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, x_fetch_metrics_async, cancellable, callback, user_data, &op);
  if (!is_numeric_id (remote_id))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                               _("“%s” is not the id of a post on X."),
                               remote_id != NULL ? remote_id : "");
      return;
    }

  op->remote_id = g_strdup (remote_id);
  op->account_metrics = g_strcmp0 (remote_id,
                                   hd_channel_get_remote_account_id (self->channel)) == 0;
  with_token (g_steal_pointer (&task), metrics_request);
}

static GPtrArray *
x_array_finish (HdProvider    *provider,
                GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static const HdProviderCaps *
x_get_caps (HdProvider *provider)
{
  return &HD_X_PROVIDER (provider)->caps;
}

static HdChannel *
x_get_channel (HdProvider *provider)
{
  return HD_X_PROVIDER (provider)->channel;
}

static void
provider_iface_init (HdProviderInterface *iface)
{
  iface->get_caps = x_get_caps;
  iface->get_channel = x_get_channel;
  iface->validate = x_validate;
  iface->publish_async = x_publish_async;
  iface->publish_finish = x_result_finish;
  iface->delete_async = x_delete_async;
  iface->delete_finish = x_boolean_finish;
  iface->lookup_async = x_lookup_async;
  iface->lookup_finish = x_result_finish;
  iface->pull_inbox_async = x_pull_inbox_async;
  iface->pull_inbox_finish = x_pull_inbox_finish;
  iface->reply_async = x_reply_async;
  iface->reply_finish = x_result_finish;
  iface->fetch_metrics_async = x_fetch_metrics_async;
  iface->fetch_metrics_finish = x_array_finish;
  iface->refresh_credentials_async = x_refresh_credentials_async;
  iface->refresh_credentials_finish = x_boolean_finish;
}
