/* hd-facebook-connect.c
 *
 * Meta's desktop guidance is an embedded web view redirected to login_success.html with
 * response_type=token. Herald uses the authorization code flow of RFC 8252 instead: the
 * system browser, where the user's Facebook session and password manager already are, and
 * a redirect to a one-shot listener on 127.0.0.1. A token flow cannot work there, because
 * the browser never sends the URL fragment it comes in to the listener, and the code is
 * redeemed with the app secret that Herald needs anyway for the long-lived token exchange.
 * PKCE stays off: Meta documents it only for its OIDC flow, which it marks as still in
 * testing. Graph's /oauth/access_token is documented as a GET; HdOAuthClient posts the same
 * parameters as a form, as RFC 6749 asks, which Graph takes as well (UNVERIFIED in Meta's
 * pages).
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-channel-connect.h"
#include "hd-facebook-connect.h"
#include "hd-facebook-provider.h"
#include "hd-provider-private.h"

#define PLATFORM "Facebook"

struct _HdFacebookConnect
{
  GObject             parent_instance;

  HdHttp             *http;
  HdStore            *store;
  HdOAuthClient      *oauth;
  HdChannel          *reconnecting;

  char               *client_id;
  char               *client_secret;
  char               *graph_base;
  char               *token_endpoint;

  HdOAuthOpenUriFunc  open_uri;
  gpointer            open_uri_data;
  GDestroyNotify      open_uri_destroy;

  char               *user_token;
  /* Page id to Page token, from the last sign-in */
  GHashTable         *page_tokens;
};

G_DEFINE_FINAL_TYPE (HdFacebookConnect, hd_facebook_connect, G_TYPE_OBJECT)

typedef struct
{
  SoupMessage *message;
  GPtrArray   *channels;
  guint        next;
} Flow;

static void
flow_free (Flow *flow)
{
  g_clear_object (&flow->message);
  g_clear_pointer (&flow->channels, g_ptr_array_unref);
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
wipe_value (gpointer data)
{
  char *secret = data;

  wipe (&secret);
}

static void
hd_facebook_connect_dispose (GObject *object)
{
  HdFacebookConnect *self = (HdFacebookConnect *)object;

  g_clear_object (&self->oauth);
  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->reconnecting);

  if (self->open_uri_destroy != NULL)
    g_clear_pointer (&self->open_uri_data, self->open_uri_destroy);
  self->open_uri = NULL;

  G_OBJECT_CLASS (hd_facebook_connect_parent_class)->dispose (object);
}

static void
hd_facebook_connect_finalize (GObject *object)
{
  HdFacebookConnect *self = (HdFacebookConnect *)object;

  wipe (&self->client_id);
  wipe (&self->client_secret);
  wipe (&self->user_token);
  g_free (self->graph_base);
  g_free (self->token_endpoint);
  g_clear_pointer (&self->page_tokens, g_hash_table_unref);

  G_OBJECT_CLASS (hd_facebook_connect_parent_class)->finalize (object);
}

static void
hd_facebook_connect_class_init (HdFacebookConnectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_facebook_connect_dispose;
  object_class->finalize = hd_facebook_connect_finalize;
}

static void
hd_facebook_connect_init (HdFacebookConnect *self)
{
  self->graph_base = g_strdup (HD_FACEBOOK_GRAPH_BASE);
  self->page_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_value);
}

/**
 * hd_facebook_connect_new:
 *
 * Returns: (transfer full): a connection to run once the user's app id and secret are set
 */
HdFacebookConnect *
hd_facebook_connect_new (HdStore *store,
                         HdHttp  *http)
{
  HdFacebookConnect *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_FACEBOOK_CONNECT, NULL);
  self->http = g_object_ref (http);
  self->store = g_object_ref (store);
  self->oauth = hd_oauth_client_new (http);
  hd_oauth_client_set_scope (self->oauth, HD_FACEBOOK_SCOPES);
  hd_oauth_client_set_authorization_endpoint (self->oauth, HD_FACEBOOK_AUTHORIZATION_ENDPOINT);
  hd_oauth_client_set_client_auth (self->oauth, HD_OAUTH_CLIENT_AUTH_POST);
  hd_oauth_client_set_pkce (self->oauth, HD_OAUTH_PKCE_NONE);

  return self;
}

static char *
trimmed (const char *text)
{
  return text != NULL ? g_strstrip (g_strdup (text)) : NULL;
}

void
hd_facebook_connect_set_client_id (HdFacebookConnect *self,
                                   const char        *client_id)
{
  g_return_if_fail (HD_IS_FACEBOOK_CONNECT (self));

  wipe (&self->client_id);
  self->client_id = trimmed (client_id);
}

void
hd_facebook_connect_set_client_secret (HdFacebookConnect *self,
                                       const char        *client_secret)
{
  g_return_if_fail (HD_IS_FACEBOOK_CONNECT (self));

  wipe (&self->client_secret);
  self->client_secret = trimmed (client_secret);
}

/**
 * hd_facebook_connect_set_graph_base:
 * @graph_base: Graph's address with the version, HD_FACEBOOK_GRAPH_BASE by default
 */
void
hd_facebook_connect_set_graph_base (HdFacebookConnect *self,
                                    const char        *graph_base)
{
  gsize length;

  g_return_if_fail (HD_IS_FACEBOOK_CONNECT (self));
  g_return_if_fail (graph_base != NULL);

  length = strlen (graph_base);
  while (length > 0 && graph_base[length - 1] == '/')
    length--;

  g_free (self->graph_base);
  self->graph_base = g_strndup (graph_base, length);
}

const char *
hd_facebook_connect_get_graph_base (HdFacebookConnect *self)
{
  g_return_val_if_fail (HD_IS_FACEBOOK_CONNECT (self), NULL);

  return self->graph_base;
}

void
hd_facebook_connect_set_authorization_endpoint (HdFacebookConnect *self,
                                                const char        *uri)
{
  g_return_if_fail (HD_IS_FACEBOOK_CONNECT (self));
  g_return_if_fail (uri != NULL);

  hd_oauth_client_set_authorization_endpoint (self->oauth, uri);
}

void
hd_facebook_connect_set_token_endpoint (HdFacebookConnect *self,
                                        const char        *uri)
{
  g_return_if_fail (HD_IS_FACEBOOK_CONNECT (self));

  g_free (self->token_endpoint);
  self->token_endpoint = g_strdup (uri);
}

/**
 * hd_facebook_connect_set_scope:
 * @scope: Meta permissions, comma-separated; HD_FACEBOOK_SCOPES by default
 */
void
hd_facebook_connect_set_scope (HdFacebookConnect *self,
                               const char        *scope)
{
  g_return_if_fail (HD_IS_FACEBOOK_CONNECT (self));
  g_return_if_fail (scope != NULL);

  hd_oauth_client_set_scope (self->oauth, scope);
}

/**
 * hd_facebook_connect_set_open_uri_func:
 * @open_uri: shows the sign-in address: gtk_show_uri() in the window, a line on the
 *   command line, a plain request in a test
 */
void
hd_facebook_connect_set_open_uri_func (HdFacebookConnect  *self,
                                       HdOAuthOpenUriFunc  open_uri,
                                       gpointer            user_data,
                                       GDestroyNotify      destroy)
{
  g_return_if_fail (HD_IS_FACEBOOK_CONNECT (self));

  if (self->open_uri_destroy != NULL && self->open_uri_data != NULL)
    self->open_uri_destroy (self->open_uri_data);

  self->open_uri = open_uri;
  self->open_uri_data = user_data;
  self->open_uri_destroy = destroy;
}

/**
 * hd_facebook_connect_set_reconnecting:
 *
 * Connects @channel again instead of adding channels: only its Page is listed, and it keeps
 * its id, posts and queue.
 */
void
hd_facebook_connect_set_reconnecting (HdFacebookConnect *self,
                                      HdChannel         *channel)
{
  g_return_if_fail (HD_IS_FACEBOOK_CONNECT (self));
  g_return_if_fail (channel == NULL || HD_IS_CHANNEL (channel));

  g_set_object (&self->reconnecting, channel);
}

/**
 * hd_facebook_connect_get_oauth_client:
 *
 * Returns: (transfer none): the OAuth client of the sign-in, to change its timeout
 */
HdOAuthClient *
hd_facebook_connect_get_oauth_client (HdFacebookConnect *self)
{
  g_return_val_if_fail (HD_IS_FACEBOOK_CONNECT (self), NULL);

  return self->oauth;
}

const char *
hd_facebook_connect_get_page_token (HdFacebookConnect *self,
                                    const char        *page_id)
{
  g_return_val_if_fail (HD_IS_FACEBOOK_CONNECT (self), NULL);

  return page_id != NULL ? g_hash_table_lookup (self->page_tokens, page_id) : NULL;
}

const char *
hd_facebook_connect_get_user_token (HdFacebookConnect *self)
{
  g_return_val_if_fail (HD_IS_FACEBOOK_CONNECT (self), NULL);

  return self->user_token;
}

/**
 * hd_facebook_connect_get_setup_help:
 *
 * Returns: one paragraph for the channel wizard: where the app comes from and what to
 *   register in it
 */
const char *
hd_facebook_connect_get_setup_help (void)
{
  return _("Herald posts to your Pages through a Meta app of your own. Create one of type "
           "Business at developers.facebook.com (My Apps, Create App), add the Facebook Login "
           "product, and under its settings add http://127.0.0.1/callback as a valid OAuth "
           "redirect URI; Herald listens on that address while you sign in. Add the "
           "permissions pages_show_list, pages_manage_posts, pages_read_engagement, "
           "pages_manage_engagement and pages_read_user_engagement; to run ads, also add the "
           "Marketing API product and the permissions ads_management and ads_read. Then copy "
           "the App ID and "
           "the App Secret from Settings, Basic into the fields below: Herald keeps both in "
           "your keyring. Leave “Require App Secret” off, since a desktop app cannot sign "
           "every request with it.");
}

/**
 * hd_facebook_parse_pages:
 *
 * Returns: (transfer container) (element-type HdChannel) (nullable): the Pages
 */
GPtrArray *
hd_facebook_parse_pages (JsonNode   *node,
                         const char *graph_base,
                         GHashTable *tokens)
{
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *data = root != NULL ? json_object_get_member (root, "data") : NULL;
  GPtrArray *pages;
  JsonArray *array;

  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    return NULL;

  array = json_node_get_array (data);
  pages = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *page;
      const char *id;
      const char *name;
      const char *token;
      HdChannel *channel;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      page = json_node_get_object (element);
      id = _hd_json_string (page, "id");
      name = _hd_json_string (page, "name");
      token = _hd_json_string (page, "access_token");
      if (id == NULL || *id == '\0' || name == NULL || token == NULL || *token == '\0')
        continue;

      channel = hd_channel_new ();
      hd_channel_set_kind (channel, HD_CHANNEL_KIND_FACEBOOK_PAGE);
      hd_channel_set_base_url (channel, graph_base);
      hd_channel_set_remote_account_id (channel, id);
      hd_channel_set_display_name (channel, name);
      g_ptr_array_add (pages, channel);

      if (tokens != NULL)
        g_hash_table_replace (tokens, g_strdup (id), g_strdup (token));
    }

  return pages;
}

static SoupMessage *
graph_message (HdFacebookConnect *self,
               const char        *path_and_query,
               const char        *token)
{
  g_autofree char *uri = g_strconcat (self->graph_base, path_and_query, NULL);
  SoupMessage *message = soup_message_new ("GET", uri);

  if (message != NULL && token != NULL)
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
  HdFacebookConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  node = hd_http_send_json_finish (self->http, result, &error_body, &error);
  if (node == NULL)
    g_task_return_error (task, hd_graph_error_new (error,
                                                   soup_message_get_status (flow->message),
                                                   error_body, 0, PLATFORM));

  return node;
}

/* The Pages and their tokens */

static void
accounts_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdFacebookConnect *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GListStore) channels = g_list_store_new (HD_TYPE_CHANNEL);
  const char *wanted = self->reconnecting != NULL
                       ? hd_channel_get_remote_account_id (self->reconnecting) : NULL;

  if ((node = finish_request (task, result)) == NULL)
    return;

  g_hash_table_remove_all (self->page_tokens);
  pages = hd_facebook_parse_pages (node, self->graph_base, self->page_tokens);
  if (pages == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("Facebook did not list the Pages you manage. Try connecting "
                                 "again."));
      return;
    }

  for (guint i = 0; i < pages->len; i++)
    {
      HdChannel *page = g_ptr_array_index (pages, i);
      const char *id = hd_channel_get_remote_account_id (page);
      g_autoptr(HdChannel) channel = NULL;

      if (wanted != NULL && g_strcmp0 (wanted, id) != 0)
        continue;

      /* The row of a Page connected before, so its posts stay with it. */
      channel = hd_channel_prepare_connect (self->store, self->reconnecting,
                                            HD_CHANNEL_KIND_FACEBOOK_PAGE, self->graph_base,
                                            id, NULL);
      if (channel == NULL)
        continue;

      hd_channel_set_display_name (channel, hd_channel_get_display_name (page));
      /* A Page token made from a long-lived user token does not expire. */
      hd_channel_set_token_expires_at (channel, 0);
      g_list_store_append (channels, channel);
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (channels)) == 0)
    {
      if (self->reconnecting != NULL)
        g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                                 _("The Facebook account you signed in with does not manage "
                                   "“%s”, so nothing changed. Sign in as one of its admins."),
                                 hd_channel_get_display_name (self->reconnecting));
      else
        g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                                 _("This Facebook account manages no Page that Herald may post "
                                   "to. Create a Page, or allow Herald to use it when you sign "
                                   "in."));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&channels), g_object_unref);
}

static void
exchanged_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdFacebookConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SoupMessage) message = NULL;
  const char *token;

  if ((node = finish_request (task, result)) == NULL)
    return;

  token = _hd_json_string (_hd_json_root_object (node), "access_token");
  if (token == NULL || *token == '\0')
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("Facebook did not hand out a lasting sign-in. Try connecting "
                                 "again."));
      return;
    }

  wipe (&self->user_token);
  self->user_token = g_strdup (token);

  message = graph_message (self, "/me/accounts?fields=id,name,access_token,tasks&limit=100",
                           self->user_token);
  g_set_object (&flow->message, message);
  hd_http_send_json_async (self->http, message, NULL, g_task_get_cancellable (task),
                           accounts_cb, g_object_ref (task));
}

/* The short-lived user token of the code flow becomes a long-lived one (about 60 days), so
 * the Page tokens made from it do not expire. */
static void
exchange_token (GTask         *task,
                HdOAuthTokens *tokens)
{
  HdFacebookConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *client_id = g_uri_escape_string (self->client_id, NULL, FALSE);
  g_autofree char *client_secret = g_uri_escape_string (self->client_secret, NULL, FALSE);
  g_autofree char *short_token = g_uri_escape_string (tokens->access_token, NULL, FALSE);
  g_autofree char *path = NULL;

  path = g_strdup_printf ("/oauth/access_token?grant_type=fb_exchange_token&client_id=%s"
                          "&client_secret=%s&fb_exchange_token=%s",
                          client_id, client_secret, short_token);
  message = graph_message (self, path, NULL);
  memset (path, 0, strlen (path));
  soup_message_headers_replace (soup_message_get_request_headers (message), "Cache-Control",
                                "no-store");
  g_set_object (&flow->message, message);
  hd_http_send_json_async (self->http, message, NULL, g_task_get_cancellable (task),
                           exchanged_cb, task);
}

static void
authorize_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HdOAuthTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;

  tokens = hd_oauth_client_authorize_finish (HD_OAUTH_CLIENT (object), result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  exchange_token (g_steal_pointer (&task), tokens);
}

void
hd_facebook_connect_authorize_async (HdFacebookConnect   *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *token_endpoint = NULL;

  g_return_if_fail (HD_IS_FACEBOOK_CONNECT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_facebook_connect_authorize_async);
  g_task_set_task_data (task, g_new0 (Flow, 1), (GDestroyNotify) flow_free);

  if (self->client_id == NULL || *self->client_id == '\0'
      || self->client_secret == NULL || *self->client_secret == '\0')
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Enter the App ID and the App Secret of your Meta app "
                                 "first."));
      return;
    }

  if (self->open_uri == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Herald has no way to open the sign-in page."));
      return;
    }

  token_endpoint = self->token_endpoint != NULL
                   ? g_strdup (self->token_endpoint)
                   : g_strconcat (self->graph_base, "/oauth/access_token", NULL);
  hd_oauth_client_set_token_endpoint (self->oauth, token_endpoint);
  hd_oauth_client_set_client_id (self->oauth, self->client_id);
  hd_oauth_client_set_client_secret (self->oauth, self->client_secret);

  hd_oauth_client_authorize_async (self->oauth, self->open_uri, self->open_uri_data,
                                   cancellable, authorize_cb, g_steal_pointer (&task));
}

/**
 * hd_facebook_connect_authorize_finish:
 *
 * Returns: (transfer full): a list of HdChannel, one per Page, not saved yet
 */
GListModel *
hd_facebook_connect_authorize_finish (HdFacebookConnect  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (HD_IS_FACEBOOK_CONNECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saving the chosen Pages, one after the other */

static void save_next (GTask *task);

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_channel_save_connected_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  save_next (g_steal_pointer (&task));
}

static void
save_next (GTask *task)
{
  HdFacebookConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  HdChannelSecret secrets[4];
  HdChannel *channel;
  const char *token;

  if (flow->next >= flow->channels->len)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  channel = g_ptr_array_index (flow->channels, flow->next++);
  token = g_hash_table_lookup (self->page_tokens, hd_channel_get_remote_account_id (channel));
  if (token == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("“%s” was not among the Pages of this sign-in. Connect "
                                 "again."), hd_channel_get_display_name (channel));
      g_object_unref (task);
      return;
    }

  secrets[0] = (HdChannelSecret) { HD_SECRET_KIND_CLIENT_ID, self->client_id };
  secrets[1] = (HdChannelSecret) { HD_SECRET_KIND_CLIENT_SECRET, self->client_secret };
  secrets[2] = (HdChannelSecret) { HD_SECRET_KIND_ACCESS_TOKEN, token };
  /* The Page posts with its own token; ads are run with the user's. */
  secrets[3] = (HdChannelSecret) { HD_SECRET_KIND_USER_TOKEN, self->user_token };

  hd_channel_save_connected_async (self->store, channel, secrets,
                                   self->user_token != NULL ? 4 : 3,
                                   g_task_get_cancellable (task), saved_cb, task);
}

/**
 * hd_facebook_connect_save_async:
 * @channels: (element-type HdChannel): Pages from hd_facebook_connect_authorize_finish()
 */
void
hd_facebook_connect_save_async (HdFacebookConnect   *self,
                                GPtrArray           *channels,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  Flow *flow;

  g_return_if_fail (HD_IS_FACEBOOK_CONNECT (self));
  g_return_if_fail (channels != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_facebook_connect_save_async);
  flow = g_new0 (Flow, 1);
  flow->channels = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < channels->len; i++)
    g_ptr_array_add (flow->channels, g_object_ref (g_ptr_array_index (channels, i)));
  g_task_set_task_data (task, flow, (GDestroyNotify) flow_free);

  save_next (task);
}

gboolean
hd_facebook_connect_save_finish (HdFacebookConnect  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (HD_IS_FACEBOOK_CONNECT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
