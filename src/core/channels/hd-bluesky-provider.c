/* hd-bluesky-provider.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-bluesky-provider.h"
#include "hd-channel-connect.h"
#include "hd-provider-private.h"
#include "hd-secrets.h"
#include "hd-store-private.h"
#include "hd-tid.h"

#define PLATFORM "Bluesky"
#define WEB_URL "https://bsky.app"

/* Notifications come 50 to a page, newest first; the first look at an account reads at most
 * this many pages back. */
#define INBOX_PAGE_SIZE 50
#define INBOX_MAX_PAGES 20

static const char * const image_types[] = {
  "image/jpeg", "image/png", "image/webp", "image/gif", NULL,
};

struct _HdBlueskyProvider
{
  GObject         parent_instance;

  HdHttp         *http;
  HdStore        *store;
  HdChannel      *channel;

  HdProviderCaps  caps;

  char           *access_jwt;
  char           *refresh_jwt;
};

static void provider_iface_init (HdProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdBlueskyProvider, hd_bluesky_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_PROVIDER, provider_iface_init))

typedef void (*Step) (GTask *task);
typedef void (*XrpcDone) (GTask        *task,
                          JsonNode     *node,
                          const GError *error);

typedef struct
{
  char        *method;
  char        *nsid;
  char        *query;
  GBytes      *body;
  char        *content_type;
  XrpcDone     done;
  gboolean     retried;
  SoupMessage *message;
} Xrpc;

typedef struct
{
  HdProviderPost *post;
  Step            after_session;
  Xrpc           *xrpc;

  char           *rkey;
  GPtrArray      *facets;
  GPtrArray      *dids;
  guint           next_facet;
  GPtrArray      *media;
  GPtrArray      *blobs;
  guint           next_media;
  GError         *create_error;
  gboolean        force_refresh;

  char           *remote_id;
  HdInboxItem    *reply_to;
  char           *text;
  JsonNode       *reply_root;
  JsonNode       *reply_parent;
  gint64          since;
  GPtrArray      *items;
  guint           pages;
  /* the metrics asked for are the account's, not a post's */
  gboolean        account_metrics;
} Op;

static void
xrpc_free (Xrpc *xrpc)
{
  if (xrpc == NULL)
    return;

  g_free (xrpc->method);
  g_free (xrpc->nsid);
  g_free (xrpc->query);
  g_clear_pointer (&xrpc->body, g_bytes_unref);
  g_free (xrpc->content_type);
  g_clear_object (&xrpc->message);
  g_free (xrpc);
}

static void
op_free (Op *op)
{
  g_clear_pointer (&op->post, hd_provider_post_unref);
  g_clear_pointer (&op->xrpc, xrpc_free);
  g_free (op->rkey);
  g_clear_pointer (&op->facets, g_ptr_array_unref);
  g_clear_pointer (&op->dids, g_ptr_array_unref);
  g_clear_pointer (&op->media, g_ptr_array_unref);
  g_clear_pointer (&op->blobs, g_ptr_array_unref);
  g_clear_error (&op->create_error);
  g_free (op->remote_id);
  g_clear_object (&op->reply_to);
  g_free (op->text);
  g_clear_pointer (&op->reply_root, json_node_unref);
  g_clear_pointer (&op->reply_parent, json_node_unref);
  g_clear_pointer (&op->items, g_ptr_array_unref);
  g_free (op);
}

static GTask *
op_task_new (HdBlueskyProvider   *self,
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
forget_session (HdBlueskyProvider *self)
{
  g_clear_pointer (&self->access_jwt, hd_secrets_free);
  g_clear_pointer (&self->refresh_jwt, hd_secrets_free);
}

static void
hd_bluesky_provider_dispose (GObject *object)
{
  HdBlueskyProvider *self = (HdBlueskyProvider *)object;

  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->channel);

  G_OBJECT_CLASS (hd_bluesky_provider_parent_class)->dispose (object);
}

static void
hd_bluesky_provider_finalize (GObject *object)
{
  forget_session (HD_BLUESKY_PROVIDER (object));

  G_OBJECT_CLASS (hd_bluesky_provider_parent_class)->finalize (object);
}

static void
hd_bluesky_provider_class_init (HdBlueskyProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_bluesky_provider_dispose;
  object_class->finalize = hd_bluesky_provider_finalize;
}

static void
hd_bluesky_provider_init (HdBlueskyProvider *self)
{
  self->caps.text_counting = HD_CHANNEL_KIND_BLUESKY;
  self->caps.text_limit = 300;
  self->caps.max_media = HD_BLUESKY_MAX_IMAGES;
  self->caps.max_image_bytes = HD_BLUESKY_MAX_IMAGE_BYTES;
  self->caps.max_alt_text = 0;
  self->caps.mime_types = image_types;
  self->caps.schedule_min_ahead = HD_PROVIDER_NO_SCHEDULING;
  self->caps.schedule_max_ahead = 0;
  self->caps.idempotency = HD_PROVIDER_IDEMPOTENCY_RECORD_KEY;
  self->caps.can_edit = FALSE;
  self->caps.can_delete = TRUE;
}

/**
 * hd_bluesky_provider_new:
 * @channel: a Bluesky channel: base URL the PDS, remote account id the DID
 *
 * Returns: (transfer full): a provider posting to @channel with the session kept for it in
 *   the keyring
 */
HdBlueskyProvider *
hd_bluesky_provider_new (HdHttp    *http,
                         HdStore   *store,
                         HdChannel *channel)
{
  HdBlueskyProvider *self;
  gint64 value;

  g_return_val_if_fail (HD_IS_HTTP (http), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);
  g_return_val_if_fail (hd_channel_get_base_url (channel) != NULL, NULL);

  self = g_object_new (HD_TYPE_BLUESKY_PROVIDER, NULL);
  self->http = g_object_ref (http);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->channel = g_object_ref (channel);

  /* The channel keeps what its PDS allows; Bluesky's own rules until it says otherwise. */
  if ((value = hd_channel_get_limit (channel, HD_CHANNEL_LIMIT_CHARACTERS, 0)) > 0)
    self->caps.text_limit = (guint) MIN (value, G_MAXUINT);
  if ((value = hd_channel_get_limit (channel, HD_CHANNEL_LIMIT_MAX_MEDIA, 0)) > 0)
    self->caps.max_media = (guint) MIN (value, HD_BLUESKY_MAX_IMAGES);
  if ((value = hd_channel_get_limit (channel, HD_CHANNEL_LIMIT_MAX_IMAGE_BYTES, 0)) > 0)
    self->caps.max_image_bytes = (gsize) value;
  if ((value = hd_channel_get_limit (channel, HD_CHANNEL_LIMIT_MAX_ALT_TEXT, 0)) > 0)
    self->caps.max_alt_text = (guint) MIN (value, G_MAXUINT);

  return self;
}

static gint64
now_seconds (HdHttp *http)
{
  return hd_rate_limiter_now (hd_http_get_rate_limiter (http));
}

/**
 * hd_bluesky_normalize_pds_url:
 * @text: (nullable): the PDS the user named; empty or %NULL for bsky.social
 *
 * Returns: (transfer full): https://HOST[:PORT], or %NULL with a sentence
 */
char *
hd_bluesky_normalize_pds_url (const char  *text,
                              GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *with_scheme = NULL;
  g_autofree char *lower_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *host;
  const char *scheme;
  gboolean loopback;

  if (*trimmed == '\0')
    return g_strdup (HD_BLUESKY_DEFAULT_PDS);

  with_scheme = strstr (trimmed, "://") == NULL ? g_strconcat ("https://", trimmed, NULL)
                                                : g_strdup (trimmed);
  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                   _("“%s” is not the address of a Bluesky server. Leave it empty for "
                     "bsky.social."), text);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  loopback = g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost")
             || g_str_equal (host, "::1");
  if (g_ascii_strcasecmp (scheme, "https") != 0
      && !(g_ascii_strcasecmp (scheme, "http") == 0 && loopback))
    {
      g_set_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                   _("Herald only signs in to Bluesky servers over a secure connection. Use "
                     "an address starting with https://."));
      return NULL;
    }

  lower_scheme = g_ascii_strdown (scheme, -1);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s://%s:%d", lower_scheme, host, g_uri_get_port (uri));

  return g_strdup_printf ("%s://%s", lower_scheme, host);
}

/**
 * hd_bluesky_jwt_get_expiry:
 *
 * Returns: the exp claim of @jwt in Unix seconds, or 0 when it has none Herald can read
 */
gint64
hd_bluesky_jwt_get_expiry (const char *jwt)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) padded = NULL;
  g_autofree guchar *payload = NULL;
  gsize length = 0;

  if (jwt == NULL)
    return 0;

  parts = g_strsplit (jwt, ".", 4);
  if (g_strv_length (parts) != 3)
    return 0;

  padded = g_string_new (parts[1]);
  g_strdelimit (padded->str, "-", '+');
  g_strdelimit (padded->str, "_", '/');
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');

  payload = g_base64_decode (padded->str, &length);
  parser = json_parser_new ();
  if (payload == NULL || length == 0
      || !json_parser_load_from_data (parser, (const char *) payload, length, NULL))
    return 0;

  return MAX (0, _hd_json_int (_hd_json_root_object (json_parser_get_root (parser)), "exp", 0));
}

/**
 * hd_bluesky_record_key_for:
 *
 * Returns: (transfer full): the rkey of @post: the one the caller kept, or the one its
 *   idempotency key and queue time give, the same on every attempt
 */
char *
hd_bluesky_record_key_for (HdProviderPost *post)
{
  gint64 queued_at;

  g_return_val_if_fail (post != NULL, NULL);

  if (post->record_key != NULL && hd_tid_is_valid (post->record_key))
    return g_strdup (post->record_key);

  if (hd_tid_is_valid (post->idempotency_key))
    return g_strdup (post->idempotency_key);

  queued_at = post->queued_at > 0 ? post->queued_at : hd_post_get_created_at (post->post);
  if (queued_at <= 0)
    return hd_tid_new ();

  return hd_tid_for_key (post->idempotency_key, queued_at);
}

/* XRPC */

static char *
xrpc_uri (const char *base_url,
          const char *nsid,
          const char *query)
{
  gsize length = strlen (base_url);

  while (length > 0 && base_url[length - 1] == '/')
    length--;

  return g_strdup_printf ("%.*s/xrpc/%s%s%s", (int) length, base_url, nsid,
                          query != NULL ? "?" : "", query != NULL ? query : "");
}

static GBytes *
json_bytes (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  char *json = json_to_string (root, FALSE);

  return g_bytes_new_take (json, strlen (json));
}

static void session_refresh (GTask *task);

static void xrpc_send (GTask *task);

static void
xrpc_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  Xrpc *xrpc = op->xrpc;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = _hd_provider_finish_json (self->http, result, xrpc->message,
                                   hd_channel_get_id (self->channel), PLATFORM, &error);

  /* An access token past its time: refresh the session once and send the same request. */
  if (node == NULL && g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH)
      && !xrpc->retried)
    {
      xrpc->retried = TRUE;
      g_clear_pointer (&self->access_jwt, hd_secrets_free);
      op->after_session = xrpc_send;
      session_refresh (g_steal_pointer (&task));
      return;
    }

  if (error != NULL)
    _hd_provider_note_failure (self->store, self->channel, error);

  xrpc->done (g_steal_pointer (&task), node, error);
}

static void
xrpc_send (GTask *task)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  Xrpc *xrpc = op->xrpc;
  g_autofree char *uri = xrpc_uri (hd_channel_get_base_url (self->channel), xrpc->nsid,
                                   xrpc->query);
  g_autofree char *authorization = g_strconcat ("Bearer ", self->access_jwt, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (xrpc->method, uri);

  if (message == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("The Bluesky server address of this channel is not valid. "
                                 "Reconnect the channel."));
      g_object_unref (task);
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  if (xrpc->body != NULL)
    soup_message_set_request_body_from_bytes (message, xrpc->content_type, xrpc->body);

  g_set_object (&xrpc->message, message);
  hd_http_send_json_async (self->http, message, hd_channel_get_id (self->channel),
                           g_task_get_cancellable (task), xrpc_cb, task);
}

/* Sends one XRPC request with the session's access token. @body is JSON unless
 * @content_type says otherwise. */
static void
xrpc (GTask       *task,
      const char  *method,
      const char  *nsid,
      const char  *query,
      GBytes      *body,
      const char  *content_type,
      XrpcDone     done)
{
  Op *op = g_task_get_task_data (task);
  Xrpc *call = g_new0 (Xrpc, 1);

  call->method = g_strdup (method);
  call->nsid = g_strdup (nsid);
  call->query = g_strdup (query);
  call->body = body != NULL ? g_bytes_ref (body) : NULL;
  call->content_type = g_strdup (content_type != NULL ? content_type : "application/json");
  call->done = done;

  g_clear_pointer (&op->xrpc, xrpc_free);
  op->xrpc = call;
  xrpc_send (task);
}

static char *
query_escape (const char *value)
{
  return g_uri_escape_string (value, NULL, FALSE);
}

/* The session */

typedef struct
{
  char *access_jwt;
  char *refresh_jwt;
  char *did;
  char *handle;
} Session;

static void
session_free (Session *session)
{
  g_clear_pointer (&session->access_jwt, hd_secrets_free);
  g_clear_pointer (&session->refresh_jwt, hd_secrets_free);
  g_free (session->did);
  g_free (session->handle);
  g_free (session);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Session, session_free)

static Session *
parse_session (JsonNode *node)
{
  JsonObject *object = _hd_json_root_object (node);
  Session *session;

  if (_hd_json_string (object, "accessJwt") == NULL
      || _hd_json_string (object, "refreshJwt") == NULL
      || _hd_json_string (object, "did") == NULL)
    return NULL;

  session = g_new0 (Session, 1);
  session->access_jwt = g_strdup (_hd_json_string (object, "accessJwt"));
  session->refresh_jwt = g_strdup (_hd_json_string (object, "refreshJwt"));
  session->did = g_strdup (_hd_json_string (object, "did"));
  session->handle = g_strdup (_hd_json_string (object, "handle"));

  return session;
}

gboolean
_hd_bluesky_parse_session (JsonNode  *node,
                           char     **did,
                           char     **handle)
{
  g_autoptr(Session) session = parse_session (node);

  if (session == NULL)
    return FALSE;

  *did = g_steal_pointer (&session->did);
  *handle = g_steal_pointer (&session->handle);

  return TRUE;
}

char *
_hd_bluesky_parse_created_uri (JsonNode *node)
{
  return g_strdup (_hd_json_string (_hd_json_root_object (node), "uri"));
}

static GError *
session_answer_error (void)
{
  return g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                              _("Bluesky sent an answer about the sign-in that Herald could "
                                "not use. Herald will try again later."));
}

static void
continue_after_session (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  Step next = op->after_session;

  op->after_session = NULL;
  next (task);
}

static void
refresh_stored_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_channel_save_connected_finish (result, &error))
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      return;
    }

  continue_after_session (g_steal_pointer (&task));
}

/* A new pair of tokens replaces the old in the keyring before anything else is sent: the
 * refresh token is single-use, and a crash must not leave only the spent one stored. */
static void
adopt_session (GTask   *task,
               Session *session)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  HdChannelSecret secrets[2];

  g_clear_pointer (&self->access_jwt, hd_secrets_free);
  g_clear_pointer (&self->refresh_jwt, hd_secrets_free);
  self->access_jwt = g_strdup (session->access_jwt);
  self->refresh_jwt = g_strdup (session->refresh_jwt);

  if (self->store == NULL)
    {
      continue_after_session (task);
      return;
    }

  secrets[0] = (HdChannelSecret) { HD_SECRET_KIND_ACCESS_TOKEN, session->access_jwt };
  secrets[1] = (HdChannelSecret) { HD_SECRET_KIND_REFRESH_TOKEN, session->refresh_jwt };
  hd_channel_save_connected_async (self->store, self->channel, secrets, G_N_ELEMENTS (secrets),
                                   g_task_get_cancellable (task), refresh_stored_cb, task);
}

static void
create_session_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Session) session = NULL;

  node = _hd_provider_finish_json (self->http, result, op->xrpc->message,
                                   hd_channel_get_id (self->channel), PLATFORM, &error);
  if (node == NULL)
    {
      _hd_provider_note_failure (self->store, self->channel, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  session = parse_session (node);
  if (session == NULL)
    {
      g_task_return_error (task, session_answer_error ());
      return;
    }

  adopt_session (g_steal_pointer (&task), session);
}

static void
app_password_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *uri = NULL;
  char *password;

  password = hd_secrets_lookup_finish (result, &error);
  if (password == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                                     _("Bluesky ended Herald’s session and Herald has no app "
                                       "password to start a new one. Reconnect the channel "
                                       "to go on posting."));
      else
        {
          GError *mapped = hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM);

          g_clear_error (&error);
          error = mapped;
        }
      _hd_provider_note_failure (self->store, self->channel, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "identifier");
  json_builder_add_string_value (builder, hd_channel_get_remote_account_id (self->channel));
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  hd_secrets_free (password);
  body = json_bytes (builder);

  uri = xrpc_uri (hd_channel_get_base_url (self->channel), "com.atproto.server.createSession",
                  NULL);
  message = soup_message_new ("POST", uri);
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  if (op->xrpc == NULL)
    op->xrpc = g_new0 (Xrpc, 1);
  g_set_object (&op->xrpc->message, message);
  hd_http_send_json_async (self->http, message, hd_channel_get_id (self->channel),
                           g_task_get_cancellable (task), create_session_cb,
                           g_object_ref (task));
}

/* The refresh token is gone or spent: the app password in the keyring starts a new session,
 * so an expired refresh token never costs the user a reconnect. */
static void
session_create (GTask *task)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);

  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_SECRET_KIND_APP_PASSWORD,
                           g_task_get_cancellable (task), app_password_cb, task);
}

static void
refresh_session_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Session) session = NULL;

  node = _hd_provider_finish_json (self->http, result, op->xrpc->message,
                                   hd_channel_get_id (self->channel), PLATFORM, &error);
  if (node == NULL)
    {
      if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH))
        {
          g_clear_pointer (&self->refresh_jwt, hd_secrets_free);
          session_create (g_steal_pointer (&task));
          return;
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  session = parse_session (node);
  if (session == NULL)
    {
      g_task_return_error (task, session_answer_error ());
      return;
    }

  adopt_session (g_steal_pointer (&task), session);
}

static void
session_refresh (GTask *task)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *uri = NULL;
  g_autofree char *authorization = NULL;
  g_autoptr(SoupMessage) message = NULL;

  if (self->refresh_jwt == NULL)
    {
      session_create (task);
      return;
    }

  uri = xrpc_uri (hd_channel_get_base_url (self->channel), "com.atproto.server.refreshSession",
                  NULL);
  authorization = g_strconcat ("Bearer ", self->refresh_jwt, NULL);
  message = soup_message_new ("POST", uri);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  if (op->xrpc == NULL)
    op->xrpc = g_new0 (Xrpc, 1);
  g_set_object (&op->xrpc->message, message);
  hd_http_send_json_async (self->http, message, hd_channel_get_id (self->channel),
                           g_task_get_cancellable (task), refresh_session_cb, task);
}

static void
check_expiry (GTask *task)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  gint64 expiry = hd_bluesky_jwt_get_expiry (self->access_jwt);

  if (self->access_jwt == NULL
      || (expiry > 0 && expiry - now_seconds (self->http) < HD_BLUESKY_REFRESH_MARGIN))
    {
      session_refresh (task);
      return;
    }

  continue_after_session (task);
}

static void
refresh_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  HdBlueskyProvider *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = hd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      g_object_unref (task);
      return;
    }

  g_clear_pointer (&self->refresh_jwt, hd_secrets_free);
  self->refresh_jwt = token;

  if (((Op *) g_task_get_task_data (task))->force_refresh)
    session_refresh (task);
  else
    check_expiry (task);
}

static void
access_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  HdBlueskyProvider *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = hd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      g_object_unref (task);
      return;
    }

  g_clear_pointer (&self->access_jwt, hd_secrets_free);
  self->access_jwt = token;
  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_SECRET_KIND_REFRESH_TOKEN,
                           g_task_get_cancellable (task), refresh_token_cb, task);
}

/* Runs @next once the session has an access token with time left on it. */
static void
with_session (GTask *task,
              Step   next)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  op->after_session = next;
  if (self->access_jwt != NULL)
    {
      check_expiry (task);
      return;
    }

  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_SECRET_KIND_ACCESS_TOKEN,
                           g_task_get_cancellable (task), access_token_cb, task);
}

/* Records */

static const char *
repo_of (HdBlueskyProvider *self)
{
  return hd_channel_get_remote_account_id (self->channel);
}

static char *
web_url (HdBlueskyProvider *self,
         const char        *rkey)
{
  const char *handle = hd_channel_get_handle (self->channel);
  const char *actor = handle != NULL && *handle != '\0'
                      ? (handle[0] == '@' ? handle + 1 : handle) : repo_of (self);

  return g_strdup_printf (WEB_URL "/profile/%s/post/%s", actor, rkey);
}

/* at://DID/COLLECTION/RKEY, or a bare rkey of a post of this account */
static gboolean
split_at_uri (const char  *uri,
              char       **repo,
              char       **collection,
              char       **rkey)
{
  g_auto(GStrv) parts = NULL;

  if (!g_str_has_prefix (uri, "at://"))
    {
      if (strchr (uri, '/') != NULL || *uri == '\0')
        return FALSE;

      *repo = NULL;
      *collection = g_strdup (HD_BLUESKY_POST_COLLECTION);
      *rkey = g_strdup (uri);
      return TRUE;
    }

  parts = g_strsplit (uri + strlen ("at://"), "/", 4);
  if (g_strv_length (parts) != 3 || *parts[0] == '\0' || *parts[1] == '\0' || *parts[2] == '\0')
    return FALSE;

  *repo = g_strdup (parts[0]);
  *collection = g_strdup (parts[1]);
  *rkey = g_strdup (parts[2]);
  return TRUE;
}

static HdProviderResult *
result_from_record (HdBlueskyProvider *self,
                    JsonNode          *node,
                    const char        *rkey)
{
  JsonObject *object = _hd_json_root_object (node);
  JsonObject *value = _hd_json_object (object, "value");
  const char *uri = _hd_json_string (object, "uri");
  HdProviderResult *result;

  if (uri == NULL)
    return NULL;

  result = hd_provider_result_new ();
  result->remote_id = g_strdup (uri);
  result->record_key = g_strdup (rkey);
  result->remote_url = web_url (self, rkey);
  result->text = g_strdup (_hd_json_string (value, "text"));
  result->published_at = _hd_iso8601_to_unix (_hd_json_string (value, "createdAt"));

  return result;
}

static void
get_record (GTask      *task,
            const char *repo,
            const char *rkey,
            XrpcDone    done)
{
  g_autofree char *escaped_repo = query_escape (repo);
  g_autofree char *escaped_rkey = query_escape (rkey);
  g_autofree char *query = g_strdup_printf ("repo=%s&collection=" HD_BLUESKY_POST_COLLECTION
                                            "&rkey=%s", escaped_repo, escaped_rkey);

  xrpc (task, "GET", "com.atproto.repo.getRecord", query, NULL, NULL, done);
}

/* Publishing */

static void resolve_next_mention (GTask *task);

static void upload_next_image (GTask *task);

static void
return_result (GTask            *task,
               HdProviderResult *result)
{
  g_task_return_pointer (task, result, (GDestroyNotify) hd_provider_result_free);
  g_object_unref (task);
}

static void
after_create_lookup (GTask        *task,
                     JsonNode     *node,
                     const GError *error)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  HdProviderResult *found;

  /* Not there either: the first failure is what the user needs to hear about. */
  if (node == NULL || (found = result_from_record (self, node, op->rkey)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&op->create_error));
      g_object_unref (task);
      return;
    }

  return_result (task, found);
}

static void
created (GTask        *task,
         JsonNode     *node,
         const GError *error)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  HdProviderResult *result;
  g_autofree char *uri = NULL;

  if (node == NULL)
    {
      /* The PDS answers a reused rkey with 500 "There is already a value at key", and a lost
       * answer looks like any transient failure: either way the record may exist. */
      if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT)
          || g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT))
        {
          op->create_error = g_error_copy (error);
          get_record (task, repo_of (self), op->rkey, after_create_lookup);
          return;
        }

      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return;
    }

  uri = _hd_bluesky_parse_created_uri (node);
  if (uri == NULL)
    {
      g_task_return_error (task, session_answer_error ());
      g_object_unref (task);
      return;
    }

  result = hd_provider_result_new ();
  result->remote_id = g_steal_pointer (&uri);
  result->record_key = g_strdup (op->rkey);
  result->remote_url = web_url (self, op->rkey);
  result->text = g_strdup (op->text != NULL ? op->text : hd_provider_post_get_text (op->post));
  result->published_at = now_seconds (self->http);
  return_result (task, result);
}

static void
add_facets (JsonBuilder *builder,
            Op          *op)
{
  gboolean any = FALSE;

  for (guint i = 0; i < op->facets->len; i++)
    {
      HdBlueskyFacet *facet = g_ptr_array_index (op->facets, i);
      const char *did = g_ptr_array_index (op->dids, i);

      if (facet->kind == HD_BLUESKY_FACET_MENTION && did == NULL)
        continue;

      if (!any)
        {
          json_builder_set_member_name (builder, "facets");
          json_builder_begin_array (builder);
          any = TRUE;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "byteStart");
      json_builder_add_int_value (builder, facet->byte_start);
      json_builder_set_member_name (builder, "byteEnd");
      json_builder_add_int_value (builder, facet->byte_end);
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "features");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "$type");
      switch (facet->kind)
        {
        case HD_BLUESKY_FACET_LINK:
          json_builder_add_string_value (builder, "app.bsky.richtext.facet#link");
          json_builder_set_member_name (builder, "uri");
          json_builder_add_string_value (builder, facet->value);
          break;
        case HD_BLUESKY_FACET_MENTION:
          json_builder_add_string_value (builder, "app.bsky.richtext.facet#mention");
          json_builder_set_member_name (builder, "did");
          json_builder_add_string_value (builder, did);
          break;
        case HD_BLUESKY_FACET_TAG:
        default:
          json_builder_add_string_value (builder, "app.bsky.richtext.facet#tag");
          json_builder_set_member_name (builder, "tag");
          json_builder_add_string_value (builder, facet->value);
          break;
        }
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  if (any)
    json_builder_end_array (builder);
}

static void
add_images (JsonBuilder *builder,
            Op          *op)
{
  if (op->blobs == NULL || op->blobs->len == 0)
    return;

  json_builder_set_member_name (builder, "embed");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, "app.bsky.embed.images");
  json_builder_set_member_name (builder, "images");
  json_builder_begin_array (builder);

  for (guint i = 0; i < op->blobs->len; i++)
    {
      HdMedia *media = g_ptr_array_index (op->media, i);
      const char *alt = hd_media_get_alt_text (media);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "image");
      json_builder_add_value (builder, json_node_copy (g_ptr_array_index (op->blobs, i)));
      json_builder_set_member_name (builder, "alt");
      json_builder_add_string_value (builder, alt != NULL ? alt : "");
      if (hd_media_get_width (media) > 0 && hd_media_get_height (media) > 0)
        {
          json_builder_set_member_name (builder, "aspectRatio");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "width");
          json_builder_add_int_value (builder, hd_media_get_width (media));
          json_builder_set_member_name (builder, "height");
          json_builder_add_int_value (builder, hd_media_get_height (media));
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_reply (JsonBuilder *builder,
           Op          *op)
{
  if (op->reply_parent == NULL)
    return;

  json_builder_set_member_name (builder, "reply");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "root");
  json_builder_add_value (builder, json_node_copy (op->reply_root));
  json_builder_set_member_name (builder, "parent");
  json_builder_add_value (builder, json_node_copy (op->reply_parent));
  json_builder_end_object (builder);
}

static void
create_record (GTask *task)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *created_at = _hd_unix_to_iso8601 (now_seconds (self->http), TRUE);
  const char *text = op->text != NULL ? op->text : hd_provider_post_get_text (op->post);
  char **languages = op->post != NULL ? op->post->languages : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "repo");
  json_builder_add_string_value (builder, repo_of (self));
  json_builder_set_member_name (builder, "collection");
  json_builder_add_string_value (builder, HD_BLUESKY_POST_COLLECTION);
  json_builder_set_member_name (builder, "rkey");
  json_builder_add_string_value (builder, op->rkey);

  json_builder_set_member_name (builder, "record");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, HD_BLUESKY_POST_COLLECTION);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, created_at);

  if (languages != NULL && languages[0] != NULL)
    {
      json_builder_set_member_name (builder, "langs");
      json_builder_begin_array (builder);
      for (guint i = 0; languages[i] != NULL && i < HD_BLUESKY_MAX_LANGS; i++)
        json_builder_add_string_value (builder, languages[i]);
      json_builder_end_array (builder);
    }

  add_facets (builder, op);
  add_images (builder, op);
  add_reply (builder, op);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  body = json_bytes (builder);
  xrpc (task, "POST", "com.atproto.repo.createRecord", NULL, body, NULL, created);
}

static void
uploaded (GTask        *task,
          JsonNode     *node,
          const GError *error)
{
  Op *op = g_task_get_task_data (task);
  JsonNode *blob;

  if (node == NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return;
    }

  blob = JSON_NODE_HOLDS_OBJECT (node)
         ? json_object_get_member (json_node_get_object (node), "blob") : NULL;
  if (blob == NULL || !JSON_NODE_HOLDS_OBJECT (blob))
    {
      g_task_return_error (task, session_answer_error ());
      g_object_unref (task);
      return;
    }

  /* Embedded as it came: the ref, MIME type and size are the PDS's to state. */
  g_ptr_array_add (op->blobs, json_node_copy (blob));
  op->next_media++;
  upload_next_image (task);
}

static HdMedia *
fitting_media (HdBlueskyProvider  *self,
               HdMedia            *media,
               guint               index,
               GError            **error)
{
  g_autoptr(GError) shrink_error = NULL;
  HdMedia *smaller;

  if (hd_media_get_bytes (media) <= HD_BLUESKY_MAX_IMAGE_BYTES)
    return g_object_ref (media);

  if (self->store != NULL
      && (smaller = hd_store_shrink_media (self->store, media, HD_BLUESKY_MAX_IMAGE_BYTES,
                                           &shrink_error)) != NULL)
    return smaller;

  if (shrink_error != NULL)
    g_debug ("Could not shrink picture %u: %s", index + 1, shrink_error->message);

  g_set_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
               _("Picture %u is larger than the 1,000,000 bytes Bluesky takes, and Herald "
                 "could not make it smaller. Use a smaller picture."), index + 1);
  return NULL;
}

static void
upload_next_image (GTask *task)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(HdMedia) media = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (op->post == NULL || op->next_media >= op->post->media->len)
    {
      create_record (task);
      return;
    }

  media = fitting_media (self, g_ptr_array_index (op->post->media, op->next_media),
                         op->next_media, &error);
  if (media != NULL)
    path = self->store != NULL ? hd_store_get_media_file_path (self->store, media)
                               : g_strdup (hd_media_get_path (media));

  if (media == NULL || path == NULL || !_hd_read_file (path, &bytes, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                                     _("Herald could not find a picture of this post in its "
                                       "data folder. Add the picture to the post again."));
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  g_ptr_array_add (op->media, g_object_ref (media));
  xrpc (task, "POST", "com.atproto.repo.uploadBlob", NULL, bytes,
        hd_media_get_mime_type (media), uploaded);
}

static void
resolved (GTask        *task,
          JsonNode     *node,
          const GError *error)
{
  Op *op = g_task_get_task_data (task);
  const char *did = _hd_json_string (_hd_json_root_object (node), "did");

  /* A handle nobody has stays plain text; anything else is a failure of the request. */
  if (node == NULL && !g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID)
      && !g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return;
    }

  g_ptr_array_index (op->dids, op->next_facet) = g_strdup (did);
  op->next_facet++;
  resolve_next_mention (task);
}

static void
resolve_next_mention (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  while (op->next_facet < op->facets->len)
    {
      HdBlueskyFacet *facet = g_ptr_array_index (op->facets, op->next_facet);

      if (facet->kind == HD_BLUESKY_FACET_MENTION)
        {
          g_autofree char *escaped = query_escape (facet->value);
          g_autofree char *query = g_strconcat ("handle=", escaped, NULL);

          xrpc (task, "GET", "com.atproto.identity.resolveHandle", query, NULL, NULL,
                resolved);
          return;
        }

      op->next_facet++;
    }

  op->next_media = 0;
  upload_next_image (task);
}

static void
start_publish (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  const char *text = op->text != NULL ? op->text : hd_provider_post_get_text (op->post);

  op->facets = hd_bluesky_find_facets (text);
  op->dids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_set_size (op->dids, op->facets->len);
  op->media = g_ptr_array_new_with_free_func (g_object_unref);
  op->blobs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  op->next_facet = 0;

  resolve_next_mention (task);
}

static void
retry_looked_up (GTask        *task,
                 JsonNode     *node,
                 const GError *error)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  HdProviderResult *found;

  if (node != NULL && (found = result_from_record (self, node, op->rkey)) != NULL)
    {
      return_result (task, found);
      return;
    }

  if (node == NULL && !g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return;
    }

  start_publish (task);
}

static void
publish_with_session (GTask *task)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  /* A lost answer may hide a record that exists: look it up before writing it again. */
  if (op->post->retry)
    {
      get_record (task, repo_of (self), op->rkey, retry_looked_up);
      return;
    }

  start_publish (task);
}

static gboolean
bluesky_validate (HdProvider     *provider,
                  HdProviderPost *post,
                  gint64          now,
                  GPtrArray      *problems)
{
  HdBlueskyProvider *self = HD_BLUESKY_PROVIDER (provider);

  /* Pictures that are too big are made smaller when sent, where the store can do it. */
  return _hd_provider_validate_common (&self->caps, PLATFORM, post, 0, self->store == NULL,
                                       problems);
}

static void
bluesky_publish_async (HdProvider          *provider,
                       HdProviderPost      *post,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  HdBlueskyProvider *self = HD_BLUESKY_PROVIDER (provider);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  Op *op;
  GTask *task = op_task_new (self, bluesky_publish_async, cancellable, callback, user_data,
                             &op);

  op->post = hd_provider_post_ref (post);
  op->rkey = hd_bluesky_record_key_for (post);

  if (hd_channel_get_remote_account_id (self->channel) == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                               _("Herald does not know which Bluesky account this channel is. "
                                 "Reconnect the channel."));
      g_object_unref (task);
      return;
    }

  if (!bluesky_validate (provider, post, 0, problems))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID, "%s",
                               (const char *) g_ptr_array_index (problems, 0));
      g_object_unref (task);
      return;
    }

  with_session (task, publish_with_session);
}

static HdProviderResult *
bluesky_result_finish (HdProvider    *provider,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
bluesky_boolean_finish (HdProvider    *provider,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static GPtrArray *
bluesky_array_finish (HdProvider    *provider,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Looking up */

static void
looked_up (GTask        *task,
           JsonNode     *node,
           const GError *error)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  HdProviderResult *found;

  if (node == NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return;
    }

  found = result_from_record (self, node, op->rkey);
  if (found == NULL)
    {
      g_task_return_error (task, session_answer_error ());
      g_object_unref (task);
      return;
    }

  return_result (task, found);
}

static void
lookup_with_session (GTask *task)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  get_record (task, repo_of (self), op->rkey, looked_up);
}

static void
bluesky_lookup_async (HdProvider          *provider,
                      HdProviderPost      *post,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  HdBlueskyProvider *self = HD_BLUESKY_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, bluesky_lookup_async, cancellable, callback, user_data, &op);
  const char *remote_id = post->variant != NULL ? hd_variant_get_remote_id (post->variant)
                                                : NULL;
  g_autofree char *repo = NULL;
  g_autofree char *collection = NULL;

  op->post = hd_provider_post_ref (post);
  if (remote_id == NULL || !split_at_uri (remote_id, &repo, &collection, &op->rkey))
    op->rkey = hd_bluesky_record_key_for (post);

  with_session (task, lookup_with_session);
}

/* Reading a post back */

static void
fetch_with_session (GTask *task)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *repo = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;

  /* Only a post of this account's repository is read back, whatever the id says. */
  if (!split_at_uri (op->remote_id, &repo, &collection, &rkey) ||
      g_strcmp0 (collection, HD_BLUESKY_POST_COLLECTION) != 0)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Herald does not recognise this Bluesky post’s address."));
      g_object_unref (task);
      return;
    }

  g_free (op->rkey);
  op->rkey = g_steal_pointer (&rkey);
  get_record (task, repo_of (self), op->rkey, looked_up);
}

static void
bluesky_fetch_post_async (HdProvider           *provider,
                          const char           *remote_id,
                          HdProviderFetchFlags  flags,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  HdBlueskyProvider *self = HD_BLUESKY_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, bluesky_fetch_post_async, cancellable, callback, user_data,
                             &op);

  op->remote_id = g_strdup (remote_id);
  with_session (task, fetch_with_session);
}

/* Deleting */

static void
deleted (GTask        *task,
         JsonNode     *node,
         const GError *error)
{
  if (node == NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_boolean (task, TRUE);

  g_object_unref (task);
}

static void
delete_with_session (GTask *task)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "repo");
  json_builder_add_string_value (builder, repo_of (self));
  json_builder_set_member_name (builder, "collection");
  json_builder_add_string_value (builder, HD_BLUESKY_POST_COLLECTION);
  json_builder_set_member_name (builder, "rkey");
  json_builder_add_string_value (builder, op->rkey);
  json_builder_end_object (builder);

  body = json_bytes (builder);
  xrpc (task, "POST", "com.atproto.repo.deleteRecord", NULL, body, NULL, deleted);
}

static void
bluesky_delete_async (HdProvider            *provider,
                      const char            *remote_id,
                      HdProviderDeleteFlags  flags,
                      GCancellable          *cancellable,
                      GAsyncReadyCallback    callback,
                      gpointer               user_data)
{
  HdBlueskyProvider *self = HD_BLUESKY_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, bluesky_delete_async, cancellable, callback, user_data, &op);
  g_autofree char *repo = NULL;
  g_autofree char *collection = NULL;

  if (!split_at_uri (remote_id, &repo, &collection, &op->rkey)
      || g_strcmp0 (collection, HD_BLUESKY_POST_COLLECTION) != 0
      || (repo != NULL && g_strcmp0 (repo, repo_of (self)) != 0))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("This is not a post of this Bluesky account, so Herald cannot "
                                 "delete it."));
      g_object_unref (task);
      return;
    }

  with_session (task, delete_with_session);
}

/* Inbox, replies, metrics */

static HdInboxItem *
item_from_notification (HdChannel  *channel,
                        HdStore    *store,
                        JsonObject *notification,
                        gint64      at)
{
  JsonObject *author = _hd_json_object (notification, "author");
  JsonObject *record = _hd_json_object (notification, "record");
  JsonObject *reply = _hd_json_object (record, "reply");
  const char *reason = _hd_json_string (notification, "reason");
  const char *uri = _hd_json_string (notification, "uri");
  const char *parent = _hd_json_string (_hd_json_object (reply, "parent"), "uri");
  const char *root = _hd_json_string (_hd_json_object (reply, "root"), "uri");
  const char *text = _hd_json_string (record, "text");
  g_autofree char *post_id = NULL;
  HdInboxItem *item = hd_inbox_item_new ();

  /* An answer further down the thread still belongs to the post that started it. */
  post_id = _hd_provider_find_local_post (store, channel, parent);
  if (post_id == NULL)
    post_id = _hd_provider_find_local_post (store, channel, root);

  hd_inbox_item_set_channel_id (item, hd_channel_get_id (channel));
  hd_inbox_item_set_kind (item, g_strcmp0 (reason, "reply") == 0 ? HD_INBOX_KIND_REPLY
                                                                 : HD_INBOX_KIND_MENTION);
  hd_inbox_item_set_remote_id (item, uri);
  hd_inbox_item_set_parent_id (item, parent);
  hd_inbox_item_set_thread_id (item, root != NULL ? root : uri);
  hd_inbox_item_set_author_name (item, _hd_json_string (author, "displayName"));
  hd_inbox_item_set_author_handle (item, _hd_json_string (author, "handle"));
  hd_inbox_item_set_text (item, text != NULL ? text : "");
  hd_inbox_item_set_received_at (item, at);
  hd_inbox_item_set_post_id (item, post_id);

  return item;
}

/* One page of app.bsky.notification.listNotifications, newest first: the mentions and
 * replies since @since, whether an older one was reached (@older_seen), how many
 * notifications the page listed and the cursor of the next page, if any. NULL when the
 * answer holds no list. */
GPtrArray *
_hd_bluesky_parse_notifications (HdChannel  *channel,
                                 HdStore    *store,
                                 JsonNode   *node,
                                 gint64      since,
                                 gboolean   *older_seen,
                                 guint      *listed,
                                 char      **cursor)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *list = root != NULL ? json_object_get_member (root, "notifications") : NULL;
  JsonArray *array;

  *older_seen = FALSE;
  *listed = 0;
  *cursor = NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return NULL;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  array = json_node_get_array (list);
  *listed = json_array_get_length (array);
  for (guint i = 0; i < *listed; i++)
    {
      JsonObject *notification = _hd_json_root_object (json_array_get_element (array, i));
      const char *reason = _hd_json_string (notification, "reason");
      gint64 at = _hd_iso8601_to_unix (_hd_json_string (notification, "indexedAt"));

      if (at < since)
        {
          *older_seen = TRUE;
          continue;
        }

      if (_hd_json_string (notification, "uri") == NULL
          || (g_strcmp0 (reason, "mention") != 0 && g_strcmp0 (reason, "reply") != 0))
        continue;

      g_ptr_array_add (items, item_from_notification (channel, store, notification, at));
    }

  *cursor = g_strdup (_hd_json_string (root, "cursor"));
  return g_steal_pointer (&items);
}

static void inbox_page (GTask       *task,
                        const char  *cursor);

/* A PDS reads app.bsky methods from the AppView it is set up with; without one it refuses
 * with InvalidRequest "No service configured for <method>" (bluesky-social/atproto,
 * packages/pds/src/pipethrough.ts, parseProxyInfo). */
static gboolean
is_without_app_view (const GError *error)
{
  return g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID)
         && strstr (error->message, "No service configured for") != NULL;
}

/* Said on the channel, and behind every figure that comes back "not available", when the
 * PDS has no AppView to read app.bsky methods from. */
static const char *
without_app_view_sentence (void)
{
  return _("This Bluesky server does not offer notifications; Herald cannot show mentions and "
           "replies for this channel until its server has an AppView set up.");
}

static void
notifications_listed (GTask        *task,
                      JsonNode     *node,
                      const GError *error)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *cursor = NULL;
  gboolean older_seen = FALSE;
  guint listed = 0;

  if (node == NULL && is_without_app_view (error))
    {
      HdProviderInbox *inbox = hd_provider_inbox_new ();

      inbox->notice = g_strdup (without_app_view_sentence ());
      g_task_return_pointer (task, inbox, (GDestroyNotify) hd_provider_inbox_free);
      g_object_unref (task);
      return;
    }

  if (node == NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return;
    }

  items = _hd_bluesky_parse_notifications (self->channel, self->store, node, op->since,
                                           &older_seen, &listed, &cursor);
  if (items == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("Bluesky sent a list of notifications Herald could not use. "
                                 "Herald will try again later."));
      g_object_unref (task);
      return;
    }

  g_ptr_array_extend_and_steal (op->items, g_steal_pointer (&items));

  /* Newest first: past the first one older than @since, the rest was seen before. */
  if (older_seen || cursor == NULL || listed == 0 || ++op->pages >= INBOX_MAX_PAGES)
    {
      HdProviderInbox *inbox = hd_provider_inbox_new ();

      g_ptr_array_extend_and_steal (inbox->items, g_steal_pointer (&op->items));
      g_task_return_pointer (task, inbox, (GDestroyNotify) hd_provider_inbox_free);
      g_object_unref (task);
      return;
    }

  inbox_page (task, cursor);
}

static void
inbox_page (GTask      *task,
            const char *cursor)
{
  g_autofree char *escaped = cursor != NULL ? query_escape (cursor) : NULL;
  g_autofree char *query = g_strdup_printf ("reasons=mention&reasons=reply&limit="
                                            G_STRINGIFY (INBOX_PAGE_SIZE) "%s%s",
                                            escaped != NULL ? "&cursor=" : "",
                                            escaped != NULL ? escaped : "");

  xrpc (task, "GET", "app.bsky.notification.listNotifications", query, NULL, NULL,
        notifications_listed);
}

static void
inbox_with_session (GTask *task)
{
  inbox_page (task, NULL);
}

static void
bluesky_pull_inbox_async (HdProvider          *provider,
                          gint64               since,
                          const char          *cursor,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  HdBlueskyProvider *self = HD_BLUESKY_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, bluesky_pull_inbox_async, cancellable, callback, user_data,
                             &op);

  op->since = since;
  op->items = g_ptr_array_new_with_free_func (g_object_unref);
  with_session (task, inbox_with_session);
}

/* Bluesky's list pages back in time by its own cursor only, so each look starts at the
 * newest and stops at @since; there is no cursor to keep. */
static HdProviderInbox *
bluesky_pull_inbox_finish (HdProvider    *provider,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonNode *
strong_ref (const char *uri,
            const char *cid)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "cid");
  json_builder_add_string_value (builder, cid);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
parent_read (GTask        *task,
             JsonNode     *node,
             const GError *error)
{
  Op *op = g_task_get_task_data (task);
  JsonObject *object;
  JsonObject *root;

  if (node == NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return;
    }

  object = _hd_json_root_object (node);
  if (_hd_json_string (object, "uri") == NULL || _hd_json_string (object, "cid") == NULL)
    {
      g_task_return_error (task, session_answer_error ());
      g_object_unref (task);
      return;
    }

  /* A reply to a reply belongs to the thread of the first post. */
  op->reply_parent = strong_ref (_hd_json_string (object, "uri"), _hd_json_string (object, "cid"));
  root = _hd_json_object (_hd_json_object (_hd_json_object (object, "value"), "reply"), "root");
  if (root != NULL && _hd_json_string (root, "uri") != NULL
      && _hd_json_string (root, "cid") != NULL)
    op->reply_root = strong_ref (_hd_json_string (root, "uri"), _hd_json_string (root, "cid"));
  else
    op->reply_root = json_node_copy (op->reply_parent);

  start_publish (task);
}

static void
reply_with_session (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *repo = NULL;
  g_autofree char *collection = NULL;
  g_autofree char *rkey = NULL;
  g_autofree char *query = NULL;
  g_autofree char *escaped_repo = NULL;
  g_autofree char *escaped_collection = NULL;
  g_autofree char *escaped_rkey = NULL;

  if (!split_at_uri (hd_inbox_item_get_remote_id (op->reply_to), &repo, &collection, &rkey)
      || repo == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Herald cannot tell which Bluesky post this answers."));
      g_object_unref (task);
      return;
    }

  escaped_repo = query_escape (repo);
  escaped_collection = query_escape (collection);
  escaped_rkey = query_escape (rkey);
  query = g_strdup_printf ("repo=%s&collection=%s&rkey=%s", escaped_repo, escaped_collection,
                           escaped_rkey);
  xrpc (task, "GET", "com.atproto.repo.getRecord", query, NULL, NULL, parent_read);
}

static void
bluesky_reply_async (HdProvider          *provider,
                     HdInboxItem         *item,
                     const char          *text,
                     const char          *idempotency_key,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  HdBlueskyProvider *self = HD_BLUESKY_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, bluesky_reply_async, cancellable, callback, user_data, &op);

  op->reply_to = g_object_ref (item);
  op->text = g_strdup (text);
  /* The same key gives the same record key on every attempt, so a retry after a lost answer
   * finds the reply instead of writing a second one. */
  if (idempotency_key != NULL && hd_tid_is_valid (idempotency_key))
    op->rkey = g_strdup (idempotency_key);
  else if (idempotency_key != NULL)
    op->rkey = hd_tid_for_key (idempotency_key, MAX (hd_inbox_item_get_received_at (item), 0));
  else
    op->rkey = hd_tid_new ();
  with_session (task, reply_with_session);
}

/* The counts app.bsky.feed.getPosts gives for the first post it lists, under @subject_id;
 * a count the answer lacks is left out. NULL when it lists no post. */
GPtrArray *
_hd_bluesky_parse_post_counts (HdChannel  *channel,
                               const char *subject_id,
                               JsonNode   *node,
                               gint64      now)
{
  /* A quote shares the post further, as a repost does: both count as reposts. */
  static const struct { const char *name; const char *members[3]; } counts[] = {
    { HD_METRIC_REPLIES, { "replyCount", NULL } },
    { HD_METRIC_REPOSTS, { "repostCount", "quoteCount", NULL } },
    { HD_METRIC_REACTIONS, { "likeCount", NULL } },
  };
  g_autoptr(GPtrArray) metrics = NULL;
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *posts = root != NULL ? json_object_get_member (root, "posts") : NULL;
  JsonObject *post = NULL;

  if (posts != NULL && JSON_NODE_HOLDS_ARRAY (posts)
      && json_array_get_length (json_node_get_array (posts)) > 0)
    post = _hd_json_root_object (json_array_get_element (json_node_get_array (posts), 0));
  if (post == NULL)
    return NULL;

  metrics = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      gint64 value = -1;

      for (guint m = 0; counts[i].members[m] != NULL; m++)
        {
          gint64 count = _hd_json_int (post, counts[i].members[m], -1);

          /* Two counts near the top of a 64-bit integer add up to nonsense, not to more. */
          if (count >= 0 && count <= G_MAXINT64 - MAX (value, 0))
            value = MAX (value, 0) + count;
        }

      if (value < 0)
        continue;

      g_ptr_array_add (metrics, _hd_provider_metric_new (channel, HD_METRIC_SUBJECT_POST,
                                                         subject_id, counts[i].name, value,
                                                         now));
    }

  return g_steal_pointer (&metrics);
}

/* The followers of the account: followersCount of the profileViewDetailed that
 * app.bsky.actor.getProfile answers (lexicons app/bsky/actor/getProfile.json and defs.json,
 * where it is optional), "not available" when the answer has none. */
HdMetric *
_hd_bluesky_parse_followers (HdChannel *channel,
                             JsonNode  *node,
                             gint64     now)
{
  return _hd_provider_metric_new (channel, HD_METRIC_SUBJECT_CHANNEL,
                                  hd_channel_get_id (channel), HD_METRIC_FOLLOWERS,
                                  _hd_json_int (_hd_json_root_object (node), "followersCount",
                                                -1),
                                  now);
}

static void
posts_read (GTask        *task,
            JsonNode     *node,
            const GError *error)
{
  static const char *names[] = { HD_METRIC_REPLIES, HD_METRIC_REPOSTS, HD_METRIC_REACTIONS };
  HdBlueskyProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) metrics = NULL;
  g_autofree char *post_id = NULL;
  const char *subject_id;

  if (node == NULL && !is_without_app_view (error))
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return;
    }

  /* Reports read a post's history by its local id; a post Herald did not publish keeps its
   * URI. */
  post_id = _hd_provider_find_local_post (self->store, self->channel, op->remote_id);
  subject_id = post_id != NULL ? post_id : op->remote_id;
  if (node == NULL)
    {
      /* Only the AppView counts; without one every count is "not available". */
      g_debug ("No counts for %s: %s", op->remote_id, without_app_view_sentence ());
      metrics = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        g_ptr_array_add (metrics, _hd_provider_metric_new (self->channel,
                                                           HD_METRIC_SUBJECT_POST, subject_id,
                                                           names[i], -1,
                                                           now_seconds (self->http)));
    }
  else
    metrics = _hd_bluesky_parse_post_counts (self->channel, subject_id, node,
                                             now_seconds (self->http));
  if (metrics == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                               _("Bluesky no longer has this post. It may have been deleted "
                                 "there."));
      g_object_unref (task);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&metrics), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

/* The PDS hands app.bsky.actor.getProfile to its AppView, as it does the notifications; one
 * without an AppView leaves the followers "not available", for the reason the inbox gives. */
static void
profile_read (GTask        *task,
              JsonNode     *node,
              const GError *error)
{
  HdBlueskyProvider *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func (g_object_unref);

  if (node == NULL && is_without_app_view (error))
    {
      g_debug ("No followers for %s: %s", hd_channel_get_id (self->channel),
               without_app_view_sentence ());
      g_ptr_array_add (metrics, _hd_provider_metric_new (self->channel,
                                                         HD_METRIC_SUBJECT_CHANNEL,
                                                         hd_channel_get_id (self->channel),
                                                         HD_METRIC_FOLLOWERS, -1,
                                                         now_seconds (self->http)));
    }
  else if (node == NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return;
    }
  else
    g_ptr_array_add (metrics, _hd_bluesky_parse_followers (self->channel, node,
                                                           now_seconds (self->http)));

  g_task_return_pointer (task, g_steal_pointer (&metrics), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
metrics_with_session (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *escaped = query_escape (op->remote_id);

  if (op->account_metrics)
    {
      g_autofree char *query = g_strconcat ("actor=", escaped, NULL);

      xrpc (task, "GET", "app.bsky.actor.getProfile", query, NULL, NULL, profile_read);
    }
  else
    {
      g_autofree char *query = g_strconcat ("uris=", escaped, NULL);

      xrpc (task, "GET", "app.bsky.feed.getPosts", query, NULL, NULL, posts_read);
    }
}

/* Asked with the account's own DID, the metrics are the channel's: its followers. */
static void
bluesky_fetch_metrics_async (HdProvider          *provider,
                             const char          *remote_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  HdBlueskyProvider *self = HD_BLUESKY_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, bluesky_fetch_metrics_async, cancellable, callback,
                             user_data, &op);

  op->remote_id = g_strdup (remote_id);
  op->account_metrics = remote_id != NULL && g_strcmp0 (remote_id, repo_of (self)) == 0;
  with_session (task, metrics_with_session);
}

static void
refreshed (GTask *task)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
bluesky_refresh_credentials_async (HdProvider          *provider,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  HdBlueskyProvider *self = HD_BLUESKY_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, bluesky_refresh_credentials_async, cancellable, callback,
                             user_data, &op);

  /* What the keyring holds now, then a new pair however long the old one had left. */
  forget_session (self);
  op->force_refresh = TRUE;
  op->after_session = refreshed;
  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_SECRET_KIND_ACCESS_TOKEN,
                           cancellable, access_token_cb, task);
}

static const HdProviderCaps *
bluesky_get_caps (HdProvider *provider)
{
  return &HD_BLUESKY_PROVIDER (provider)->caps;
}

static HdChannel *
bluesky_get_channel (HdProvider *provider)
{
  return HD_BLUESKY_PROVIDER (provider)->channel;
}

static void
provider_iface_init (HdProviderInterface *iface)
{
  iface->get_caps = bluesky_get_caps;
  iface->get_channel = bluesky_get_channel;
  iface->validate = bluesky_validate;
  iface->publish_async = bluesky_publish_async;
  iface->publish_finish = bluesky_result_finish;
  iface->delete_async = bluesky_delete_async;
  iface->delete_finish = bluesky_boolean_finish;
  iface->lookup_async = bluesky_lookup_async;
  iface->lookup_finish = bluesky_result_finish;
  iface->fetch_post_async = bluesky_fetch_post_async;
  iface->fetch_post_finish = bluesky_result_finish;
  iface->pull_inbox_async = bluesky_pull_inbox_async;
  iface->pull_inbox_finish = bluesky_pull_inbox_finish;
  iface->reply_async = bluesky_reply_async;
  iface->reply_finish = bluesky_result_finish;
  iface->fetch_metrics_async = bluesky_fetch_metrics_async;
  iface->fetch_metrics_finish = bluesky_array_finish;
  iface->refresh_credentials_async = bluesky_refresh_credentials_async;
  iface->refresh_credentials_finish = bluesky_boolean_finish;
}

/* Connecting */

typedef struct
{
  HdHttp      *http;
  HdStore     *store;
  HdChannel   *reconnecting;
  HdChannel   *channel;
  char        *pds_url;
  char        *password;
  SoupMessage *message;
} Connect;

/* Bluesky's rules (reference/channel-apis.md §2): graphemes, pictures per post, bytes each. */
#define BLUESKY_LIMITS \
  "{\"" HD_CHANNEL_LIMIT_CHARACTERS "\":300,\"" HD_CHANNEL_LIMIT_MAX_MEDIA "\":4,\"" \
  HD_CHANNEL_LIMIT_MAX_IMAGE_BYTES "\":1000000,\"" HD_CHANNEL_LIMIT_MIME_TYPES "\":" \
  "[\"image/jpeg\",\"image/png\",\"image/webp\",\"image/gif\"]}"

static void
connect_free (Connect *data)
{
  g_clear_object (&data->http);
  g_clear_object (&data->store);
  g_clear_object (&data->reconnecting);
  g_clear_object (&data->channel);
  g_free (data->pds_url);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_clear_object (&data->message);
  g_free (data);
}

static void
connect_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Connect *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!hd_channel_save_connected_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&data->channel), g_object_unref);
}

static void
connect_session_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Connect *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Session) session = NULL;
  g_autofree char *handle = NULL;
  HdChannelSecret secrets[3];

  node = _hd_provider_finish_json (data->http, result, data->message, NULL, PLATFORM, &error);
  if (node == NULL)
    {
      if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH))
        g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                                 _("Bluesky did not accept this handle and app password. "
                                   "Check both, or make a new app password in Bluesky’s "
                                   "settings under Privacy and security."));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  session = parse_session (node);
  if (session == NULL)
    {
      g_task_return_error (task, session_answer_error ());
      return;
    }

  data->channel = hd_channel_prepare_connect (data->store, data->reconnecting,
                                              HD_CHANNEL_KIND_BLUESKY, data->pds_url,
                                              session->did, &error);
  if (data->channel == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  handle = g_strconcat ("@", session->handle != NULL ? session->handle : session->did, NULL);
  hd_channel_set_handle (data->channel, handle);
  if (data->reconnecting == NULL
      || hd_channel_get_display_name (data->channel) == NULL
      || *hd_channel_get_display_name (data->channel) == '\0')
    hd_channel_set_display_name (data->channel, handle + 1);
  hd_channel_set_limits (data->channel, BLUESKY_LIMITS);
  /* The app password in the keyring starts a new session whenever the refresh token runs
   * out, so the user never has to sign in again because of time. */
  hd_channel_set_token_expires_at (data->channel, 0);

  secrets[0] = (HdChannelSecret) { HD_SECRET_KIND_ACCESS_TOKEN, session->access_jwt };
  secrets[1] = (HdChannelSecret) { HD_SECRET_KIND_REFRESH_TOKEN, session->refresh_jwt };
  secrets[2] = (HdChannelSecret) { HD_SECRET_KIND_APP_PASSWORD, data->password };
  hd_channel_save_connected_async (data->store, data->channel, secrets, G_N_ELEMENTS (secrets),
                                   g_task_get_cancellable (task), connect_saved_cb,
                                   g_object_ref (task));
}

/**
 * hd_bluesky_connect_async:
 * @pds_url: (nullable): the PDS the user named, bsky.social when %NULL or empty
 * @identifier: the handle ("alice.bsky.social", with or without "@") or the email
 * @app_password: an app password made in Bluesky's settings
 * @reconnecting: (nullable): the channel to connect again, keeping its id and posts
 *
 * Signs in with createSession, then keeps both tokens and the app password in the keyring
 * and saves the channel as connected; nothing is saved when the sign-in fails.
 */
void
hd_bluesky_connect_async (HdHttp              *http,
                          HdStore             *store,
                          const char          *pds_url,
                          const char          *identifier,
                          const char          *app_password,
                          HdChannel           *reconnecting,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *trimmed = NULL;
  Connect *data;

  g_return_if_fail (HD_IS_HTTP (http));
  g_return_if_fail (HD_IS_STORE (store));
  g_return_if_fail (identifier != NULL);
  g_return_if_fail (app_password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_bluesky_connect_async);

  data = g_new0 (Connect, 1);
  data->http = g_object_ref (http);
  data->store = g_object_ref (store);
  data->reconnecting = reconnecting != NULL ? g_object_ref (reconnecting) : NULL;
  data->password = g_strstrip (g_strdup (app_password));
  g_task_set_task_data (task, data, (GDestroyNotify) connect_free);

  data->pds_url = hd_bluesky_normalize_pds_url (pds_url, &error);
  if (data->pds_url == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  trimmed = g_strstrip (g_strdup (identifier));
  if (*trimmed == '\0' || *data->password == '\0')
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Type the account’s handle or email and an app password."));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "identifier");
  json_builder_add_string_value (builder, trimmed[0] == '@' ? trimmed + 1 : trimmed);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, data->password);
  json_builder_end_object (builder);
  body = json_bytes (builder);

  uri = xrpc_uri (data->pds_url, "com.atproto.server.createSession", NULL);
  data->message = soup_message_new ("POST", uri);
  soup_message_set_request_body_from_bytes (data->message, "application/json", body);
  hd_http_send_json_async (http, data->message, NULL, cancellable, connect_session_cb,
                           g_steal_pointer (&task));
}

/**
 * hd_bluesky_connect_finish:
 *
 * Returns: (transfer full): the connected channel
 */
HdChannel *
hd_bluesky_connect_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
