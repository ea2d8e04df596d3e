/* hd-mastodon-connect.c
 *
 * Mastodon only knows confidential clients, and an app belongs to one instance, so Herald
 * registers itself on the user's instance each time it connects, with the exact redirect
 * address of this sign-in (the loopback port changes every time).
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-channel-connect.h"
#include "hd-mastodon-connect.h"
#include "hd-mastodon-provider.h"
#include "hd-provider-private.h"

#define PLATFORM "Mastodon"
#define CLIENT_NAME "Herald"

struct _HdMastodonConnect
{
  GObject        parent_instance;

  HdHttp        *http;
  HdStore       *store;
  HdOAuthClient *oauth;
  HdChannel     *reconnecting;

  char          *instance_url;
  char          *client_id;
  char          *client_secret;
  char          *redirect_uri;
  gboolean       discovered;

  JsonNode      *instance;
  JsonNode      *account;
};

G_DEFINE_FINAL_TYPE (HdMastodonConnect, hd_mastodon_connect, G_TYPE_OBJECT)

typedef struct
{
  HdOAuthOpenUriFunc  open_uri;
  gpointer            open_uri_data;
  char               *pasted;
  gboolean            out_of_band;
  SoupMessage        *message;
  HdOAuthTokens      *tokens;
  HdChannel          *channel;
} Flow;

static void
flow_free (Flow *flow)
{
  g_free (flow->pasted);
  g_clear_object (&flow->message);
  g_clear_pointer (&flow->tokens, hd_oauth_tokens_free);
  g_clear_object (&flow->channel);
  g_free (flow);
}

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
hd_mastodon_connect_dispose (GObject *object)
{
  HdMastodonConnect *self = (HdMastodonConnect *)object;

  g_clear_object (&self->oauth);
  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->reconnecting);

  G_OBJECT_CLASS (hd_mastodon_connect_parent_class)->dispose (object);
}

static void
hd_mastodon_connect_finalize (GObject *object)
{
  HdMastodonConnect *self = (HdMastodonConnect *)object;

  g_free (self->instance_url);
  wipe (&self->client_id);
  wipe (&self->client_secret);
  g_free (self->redirect_uri);
  g_clear_pointer (&self->instance, json_node_unref);
  g_clear_pointer (&self->account, json_node_unref);

  G_OBJECT_CLASS (hd_mastodon_connect_parent_class)->finalize (object);
}

static void
hd_mastodon_connect_class_init (HdMastodonConnectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_mastodon_connect_dispose;
  object_class->finalize = hd_mastodon_connect_finalize;
}

static void
hd_mastodon_connect_init (HdMastodonConnect *self)
{
}

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0
         || g_strcmp0 (host, "::1") == 0 || g_strcmp0 (host, "[::1]") == 0;
}

/**
 * hd_mastodon_normalize_instance_url:
 * @text: what the user typed: "mastodon.social", "https://fosstodon.org/", "@me@example.net"
 *
 * Returns: (transfer full): the instance's address, https://HOST[:PORT], or %NULL with a
 *   sentence saying what is wrong
 */
char *
hd_mastodon_normalize_instance_url (const char  *text,
                                    GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autofree char *lower_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *at;
  const char *scheme;

  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));

  /* "@name@example.net" names the account; the instance is after the second "@". */
  if (trimmed[0] == '@' && (at = strchr (trimmed + 1, '@')) != NULL)
    {
      char *host = g_strdup (at + 1);

      g_free (trimmed);
      trimmed = host;
    }

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (strchr (g_uri_get_host (uri), '.') == NULL && !is_loopback (g_uri_get_host (uri))))
    {
      g_set_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                   _("“%s” is not the address of a Mastodon server. Type the server’s name, "
                     "such as mastodon.social."), text);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  /* Tokens never travel in clear, except to a server on this very computer. */
  if (g_ascii_strcasecmp (scheme, "https") != 0
      && !(g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback (g_uri_get_host (uri))))
    {
      g_set_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                   _("Herald only connects to Mastodon servers over a secure connection. Use "
                     "an address starting with https://."));
      return NULL;
    }

  lower_scheme = g_ascii_strdown (scheme, -1);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s://%s:%d", lower_scheme, g_uri_get_host (uri), g_uri_get_port (uri));

  return g_strdup_printf ("%s://%s", lower_scheme, g_uri_get_host (uri));
}

/**
 * hd_mastodon_connect_new:
 * @instance: the instance as the user typed it
 *
 * Returns: (transfer full): a connection to run, or %NULL when @instance is not usable
 */
HdMastodonConnect *
hd_mastodon_connect_new (HdHttp      *http,
                         HdStore     *store,
                         const char  *instance,
                         GError     **error)
{
  g_autofree char *instance_url = NULL;
  HdMastodonConnect *self;

  g_return_val_if_fail (HD_IS_HTTP (http), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (instance != NULL, NULL);

  instance_url = hd_mastodon_normalize_instance_url (instance, error);
  if (instance_url == NULL)
    return NULL;

  self = g_object_new (HD_TYPE_MASTODON_CONNECT, NULL);
  self->http = g_object_ref (http);
  self->store = g_object_ref (store);
  self->instance_url = g_steal_pointer (&instance_url);
  self->oauth = hd_oauth_client_new (http);
  hd_oauth_client_set_scope (self->oauth, HD_MASTODON_SCOPES);

  return self;
}

const char *
hd_mastodon_connect_get_instance_url (HdMastodonConnect *self)
{
  g_return_val_if_fail (HD_IS_MASTODON_CONNECT (self), NULL);

  return self->instance_url;
}

/**
 * hd_mastodon_connect_set_reconnecting:
 *
 * Connects @channel again instead of adding a channel: it keeps its id, posts and queue.
 */
void
hd_mastodon_connect_set_reconnecting (HdMastodonConnect *self,
                                      HdChannel         *channel)
{
  g_return_if_fail (HD_IS_MASTODON_CONNECT (self));
  g_return_if_fail (channel == NULL || HD_IS_CHANNEL (channel));

  g_set_object (&self->reconnecting, channel);
}

/**
 * hd_mastodon_connect_get_oauth_client:
 *
 * Returns: (transfer none): the OAuth client of the sign-in, to change its timeout
 */
HdOAuthClient *
hd_mastodon_connect_get_oauth_client (HdMastodonConnect *self)
{
  g_return_val_if_fail (HD_IS_MASTODON_CONNECT (self), NULL);

  return self->oauth;
}

/**
 * hd_mastodon_connect_get_instance:
 *
 * Returns: (transfer none) (nullable): the instance's /api/v2/instance answer once
 *   connected, for its limits
 */
JsonNode *
hd_mastodon_connect_get_instance (HdMastodonConnect *self)
{
  g_return_val_if_fail (HD_IS_MASTODON_CONNECT (self), NULL);

  return self->instance;
}

/**
 * hd_mastodon_connect_get_account:
 *
 * Returns: (transfer none) (nullable): the account's verify_credentials answer once
 *   connected, with its avatar address
 */
JsonNode *
hd_mastodon_connect_get_account (HdMastodonConnect *self)
{
  g_return_val_if_fail (HD_IS_MASTODON_CONNECT (self), NULL);

  return self->account;
}

static SoupMessage *
instance_message (HdMastodonConnect *self,
                  const char        *method,
                  const char        *path,
                  const char        *token)
{
  g_autofree char *uri = g_strconcat (self->instance_url, path, NULL);
  SoupMessage *message = soup_message_new (method, uri);

  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (message),
                                    "Authorization", authorization);
    }

  return message;
}

static JsonNode *
finish_request (GTask        *task,
                GAsyncResult *result)
{
  HdMastodonConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  node = _hd_provider_finish_json (self->http, result, flow->message, NULL, PLATFORM, &error);
  if (node == NULL)
    g_task_return_error (task, g_steal_pointer (&error));

  return node;
}

/* The instance's limits as the channel keeps them (hd-channel.h), read through the provider
 * so the channel and a provider made later agree on every value. */
static char *
limits_from_instance (HdHttp    *http,
                      HdChannel *channel,
                      JsonNode  *instance)
{
  g_autoptr(HdMastodonProvider) provider = hd_mastodon_provider_new (http, NULL, channel);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const HdProviderCaps *caps;
  JsonObject *configuration;
  gint64 url_weight;

  if (!hd_mastodon_provider_apply_instance (provider, instance))
    return NULL;

  caps = hd_provider_get_caps (HD_PROVIDER (provider));
  configuration = _hd_json_object (_hd_json_root_object (instance), "configuration");
  url_weight = _hd_json_int (_hd_json_object (configuration, "statuses"),
                             "characters_reserved_per_url", 23);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, HD_CHANNEL_LIMIT_CHARACTERS);
  json_builder_add_int_value (builder, caps->text_limit);
  json_builder_set_member_name (builder, HD_CHANNEL_LIMIT_URL_WEIGHT);
  json_builder_add_int_value (builder, url_weight > 0 ? url_weight : 23);
  json_builder_set_member_name (builder, HD_CHANNEL_LIMIT_MAX_MEDIA);
  json_builder_add_int_value (builder, caps->max_media);
  json_builder_set_member_name (builder, HD_CHANNEL_LIMIT_MAX_IMAGE_BYTES);
  json_builder_add_int_value (builder, (gint64) caps->max_image_bytes);
  json_builder_set_member_name (builder, HD_CHANNEL_LIMIT_MAX_ALT_TEXT);
  json_builder_add_int_value (builder, caps->max_alt_text);
  json_builder_set_member_name (builder, HD_CHANNEL_LIMIT_MIME_TYPES);
  json_builder_begin_array (builder);
  for (guint i = 0; caps->mime_types != NULL && caps->mime_types[i] != NULL; i++)
    json_builder_add_string_value (builder, caps->mime_types[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* Only an https (or, for a test instance, http) address is kept as the avatar. */
static const char *
avatar_of (JsonObject *account)
{
  const char *avatar = _hd_json_string (account, "avatar_static");

  if (avatar == NULL)
    avatar = _hd_json_string (account, "avatar");
  if (avatar == NULL ||
      !(g_str_has_prefix (avatar, "https://") || g_str_has_prefix (avatar, "http://")))
    return NULL;

  return avatar;
}

/* The tail every sign-in shares: who is it, what are the instance's limits, then keyring
 * and channel row, in that order. */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!hd_channel_save_connected_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&flow->channel), g_object_unref);
}

static void
instance_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMastodonConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *account;
  const char *display_name;
  const char *acct;
  g_autofree char *handle = NULL;
  g_autofree char *host = NULL;
  HdChannelSecret secrets[3];

  node = finish_request (task, result);
  if (node == NULL)
    return;

  g_clear_pointer (&self->instance, json_node_unref);
  self->instance = g_steal_pointer (&node);

  account = _hd_json_root_object (self->account);
  flow->channel = hd_channel_prepare_connect (self->store, self->reconnecting,
                                              HD_CHANNEL_KIND_MASTODON, self->instance_url,
                                              _hd_json_string (account, "id"), &error);
  if (flow->channel == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* acct is "name" for an account of this instance: the handle people type has the domain. */
  acct = _hd_json_string (account, "acct");
  {
    g_autoptr(GUri) uri = g_uri_parse (self->instance_url, G_URI_FLAGS_NONE, NULL);

    host = g_strdup (uri != NULL ? g_uri_get_host (uri) : "");
  }
  handle = strchr (acct, '@') != NULL ? g_strconcat ("@", acct, NULL)
                                      : g_strconcat ("@", acct, "@", host, NULL);

  display_name = _hd_json_string (account, "display_name");
  hd_channel_set_display_name (flow->channel, display_name != NULL && *display_name != '\0'
                                              ? display_name : acct);
  hd_channel_set_handle (flow->channel, handle);
  hd_channel_set_avatar_url (flow->channel, avatar_of (account));
  {
    g_autofree char *limits = limits_from_instance (self->http, flow->channel, self->instance);

    /* An instance that describes itself oddly keeps the limits it had, or the defaults. */
    if (limits != NULL)
      hd_channel_set_limits (flow->channel, limits);
  }
  /* No refresh token is kept for Mastodon, so a token that expires means signing in again. */
  hd_channel_set_token_expires_at (flow->channel, MAX (flow->tokens->expires_at, 0));

  secrets[0] = (HdChannelSecret) { HD_SECRET_KIND_CLIENT_ID, self->client_id };
  secrets[1] = (HdChannelSecret) { HD_SECRET_KIND_CLIENT_SECRET, self->client_secret };
  secrets[2] = (HdChannelSecret) { HD_SECRET_KIND_ACCESS_TOKEN, flow->tokens->access_token };

  hd_channel_save_connected_async (self->store, flow->channel, secrets, G_N_ELEMENTS (secrets),
                                   g_task_get_cancellable (task), saved_cb,
                                   g_object_ref (task));
}

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMastodonConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SoupMessage) message = NULL;
  JsonObject *account;

  node = finish_request (task, result);
  if (node == NULL)
    return;

  account = _hd_json_root_object (node);
  if (_hd_json_string (account, "id") == NULL || _hd_json_string (account, "acct") == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("%s did not say which account Herald signed in to. Try "
                                 "connecting again."), self->instance_url);
      return;
    }

  g_clear_pointer (&self->account, json_node_unref);
  self->account = g_steal_pointer (&node);

  message = instance_message (self, "GET", "/api/v2/instance", flow->tokens->access_token);
  g_set_object (&flow->message, message);
  hd_http_send_json_async (self->http, message, NULL, g_task_get_cancellable (task),
                           instance_cb, g_object_ref (task));
}

static void
got_tokens (GTask         *task,
            HdOAuthTokens *tokens)
{
  HdMastodonConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;

  flow->tokens = tokens;
  message = instance_message (self, "GET", "/api/v1/accounts/verify_credentials",
                              tokens->access_token);
  g_set_object (&flow->message, message);
  hd_http_send_json_async (self->http, message, NULL, g_task_get_cancellable (task), verify_cb,
                           task);
}

static void
authorize_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  HdOAuthTokens *tokens;

  tokens = hd_oauth_client_authorize_finish (HD_OAUTH_CLIENT (object), result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  got_tokens (g_steal_pointer (&task), tokens);
}

/* Registering the app */

static void
registered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdMastodonConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *app;
  g_autoptr(GError) error = NULL;

  node = finish_request (task, result);
  if (node == NULL)
    return;

  app = _hd_json_root_object (node);
  if (_hd_json_string (app, "client_id") == NULL || _hd_json_string (app, "client_secret") == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("%s did not register Herald as an app. Try connecting "
                                 "again."), self->instance_url);
      return;
    }

  wipe (&self->client_id);
  wipe (&self->client_secret);
  self->client_id = g_strdup (_hd_json_string (app, "client_id"));
  self->client_secret = g_strdup (_hd_json_string (app, "client_secret"));
  hd_oauth_client_set_client_id (self->oauth, self->client_id);
  hd_oauth_client_set_client_secret (self->oauth, self->client_secret);
  hd_oauth_client_set_client_auth (self->oauth, HD_OAUTH_CLIENT_AUTH_POST);

  if (flow->out_of_band)
    {
      char *uri = hd_oauth_client_build_out_of_band_uri (self->oauth, HD_OAUTH_OUT_OF_BAND_URI,
                                                         &error);

      if (uri == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, uri, g_free);
      return;
    }

  hd_oauth_client_authorize_async (self->oauth, flow->open_uri, flow->open_uri_data,
                                   g_task_get_cancellable (task), authorize_cb,
                                   g_object_ref (task));
}

static void
register_app (GTask *task)
{
  HdMastodonConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  char *json;

  if (flow->out_of_band)
    {
      g_free (self->redirect_uri);
      self->redirect_uri = g_strdup (HD_OAUTH_OUT_OF_BAND_URI);
    }
  else
    {
      const char *redirect_uri = hd_oauth_client_open_listener (self->oauth, &error);

      if (redirect_uri == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }

      g_free (self->redirect_uri);
      self->redirect_uri = g_strdup (redirect_uri);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client_name");
  json_builder_add_string_value (builder, CLIENT_NAME);
  json_builder_set_member_name (builder, "redirect_uris");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, self->redirect_uri);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "scopes");
  json_builder_add_string_value (builder, HD_MASTODON_SCOPES);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  body = g_bytes_new_take (json, strlen (json));

  message = instance_message (self, "POST", "/api/v1/apps", NULL);
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  g_set_object (&flow->message, message);
  hd_http_send_json_async (self->http, message, NULL, g_task_get_cancellable (task),
                           registered_cb, task);
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  HdMastodonConnect *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!hd_oauth_client_discover_finish (HD_OAUTH_CLIENT (object), result, &error))
    {
      g_autofree char *authorize = NULL;
      g_autofree char *token = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }

      /* Before 4.3 there is no metadata and no PKCE, but the endpoints are fixed. */
      g_debug ("No OAuth metadata on %s: %s", self->instance_url, error->message);
      authorize = g_strconcat (self->instance_url, "/oauth/authorize", NULL);
      token = g_strconcat (self->instance_url, "/oauth/token", NULL);
      hd_oauth_client_set_authorization_endpoint (self->oauth, authorize);
      hd_oauth_client_set_token_endpoint (self->oauth, token);
      hd_oauth_client_set_pkce (self->oauth, HD_OAUTH_PKCE_NONE);
    }
  else
    {
      hd_oauth_client_set_pkce (self->oauth, HD_OAUTH_PKCE_AUTO);
    }

  self->discovered = TRUE;
  register_app (task);
}

static void
start (GTask *task)
{
  HdMastodonConnect *self = g_task_get_source_object (task);

  if (self->discovered)
    {
      register_app (task);
      return;
    }

  hd_oauth_client_discover_async (self->oauth, self->instance_url,
                                  g_task_get_cancellable (task), discover_cb, task);
}

/**
 * hd_mastodon_connect_authorize_async:
 * @open_uri: shows the instance's sign-in page in the browser
 *
 * Registers Herald on the instance with the loopback redirect, lets the user authorize it
 * in the browser, and saves the channel once its secrets are in the keyring.
 */
void
hd_mastodon_connect_authorize_async (HdMastodonConnect   *self,
                                     HdOAuthOpenUriFunc   open_uri,
                                     gpointer             open_uri_data,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  Flow *flow;

  g_return_if_fail (HD_IS_MASTODON_CONNECT (self));
  g_return_if_fail (open_uri != NULL);

  flow = g_new0 (Flow, 1);
  flow->open_uri = open_uri;
  flow->open_uri_data = open_uri_data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_mastodon_connect_authorize_async);
  g_task_set_task_data (task, flow, (GDestroyNotify) flow_free);

  start (task);
}

/**
 * hd_mastodon_connect_authorize_finish:
 *
 * Returns: (transfer full): the connected channel
 */
HdChannel *
hd_mastodon_connect_authorize_finish (HdMastodonConnect  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (HD_IS_MASTODON_CONNECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * hd_mastodon_connect_begin_paste_async:
 *
 * The fallback when the browser cannot come back to Herald: registers Herald with the
 * out-of-band redirect, so the instance shows the code for the user to paste.
 */
void
hd_mastodon_connect_begin_paste_async (HdMastodonConnect   *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  Flow *flow;

  g_return_if_fail (HD_IS_MASTODON_CONNECT (self));

  flow = g_new0 (Flow, 1);
  flow->out_of_band = TRUE;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_mastodon_connect_begin_paste_async);
  g_task_set_task_data (task, flow, (GDestroyNotify) flow_free);

  start (task);
}

/**
 * hd_mastodon_connect_begin_paste_finish:
 *
 * Returns: (transfer full): the address to open in the browser
 */
char *
hd_mastodon_connect_begin_paste_finish (HdMastodonConnect  *self,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  g_return_val_if_fail (HD_IS_MASTODON_CONNECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
redeem_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  HdOAuthTokens *tokens;

  tokens = hd_oauth_client_redeem_code_finish (HD_OAUTH_CLIENT (object), result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  got_tokens (g_steal_pointer (&task), tokens);
}

void
hd_mastodon_connect_redeem_async (HdMastodonConnect   *self,
                                  const char          *pasted,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Flow *flow;

  g_return_if_fail (HD_IS_MASTODON_CONNECT (self));
  g_return_if_fail (pasted != NULL);

  flow = g_new0 (Flow, 1);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_mastodon_connect_redeem_async);
  g_task_set_task_data (task, flow, (GDestroyNotify) flow_free);

  hd_oauth_client_redeem_code_async (self->oauth, pasted, cancellable, redeem_cb, task);
}

/**
 * hd_mastodon_connect_redeem_finish:
 *
 * Returns: (transfer full): the connected channel
 */
HdChannel *
hd_mastodon_connect_redeem_finish (HdMastodonConnect  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (HD_IS_MASTODON_CONNECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
