/* hd-x-connect.c
 *
 * X's native apps are public clients: PKCE, the client id and no secret. X matches the
 * callback URL exactly, port included, so the browser comes back to a listener on a port
 * the user registered beforehand rather than one the system picks.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-channel-connect.h"
#include "hd-provider-private.h"
#include "hd-x-connect.h"
#include "hd-x-provider.h"

#define PLATFORM "X"
#define CALLBACK_PATH "/callback"

/* Accounts */

G_DEFINE_BOXED_TYPE (HdXAccount, hd_x_account, hd_x_account_copy, hd_x_account_free)

HdXAccount *
hd_x_account_copy (const HdXAccount *account)
{
  HdXAccount *copy;

  g_return_val_if_fail (account != NULL, NULL);

  copy = g_new0 (HdXAccount, 1);
  copy->id = g_strdup (account->id);
  copy->username = g_strdup (account->username);
  copy->name = g_strdup (account->name);
  copy->avatar_url = g_strdup (account->avatar_url);

  return copy;
}

void
hd_x_account_free (HdXAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->id);
  g_free (account->username);
  g_free (account->name);
  g_free (account->avatar_url);
  g_free (account);
}

/* The listener on a fixed port */

typedef struct
{
  HdOAuthClient *oauth;
  SoupServer    *server;
  GSource       *cancel_source;
  guint          timeout_id;
  guint          timeout_ms;
  gboolean       answered;
} Loopback;

static void
loopback_stop (Loopback *loopback)
{
  g_clear_handle_id (&loopback->timeout_id, g_source_remove);
  if (loopback->cancel_source != NULL)
    {
      g_source_destroy (loopback->cancel_source);
      g_clear_pointer (&loopback->cancel_source, g_source_unref);
    }
}

static void
loopback_free (Loopback *loopback)
{
  loopback_stop (loopback);
  if (loopback->server != NULL)
    soup_server_disconnect (loopback->server);
  g_clear_object (&loopback->server);
  g_clear_object (&loopback->oauth);
  g_free (loopback);
}

static void
send_page (SoupServerMessage *message,
           guint              status,
           const char        *heading,
           const char        *text)
{
  g_autofree char *escaped_heading = g_markup_escape_text (heading, -1);
  g_autofree char *escaped_text = g_markup_escape_text (text, -1);
  g_autofree char *page = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  page = g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html><head><meta charset=\"utf-8\"><title>Herald</title>\n"
                          "<style>body{font-family:sans-serif;max-width:32em;margin:4em auto;"
                          "padding:0 1em;text-align:center}</style></head>\n"
                          "<body><h1>%s</h1><p>%s</p></body></html>\n",
                          escaped_heading, escaped_text);

  /* The address holds the code: keep it out of caches and of the Referer of any link. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Connection", "close");
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    page, strlen (page));
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
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, tokens, (GDestroyNotify) hd_oauth_tokens_free);
}

static void
on_callback (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  GTask *task = user_data;
  Loopback *loopback = g_task_get_task_data (task);
  g_autofree char *address = NULL;

  if (!g_str_equal (path, CALLBACK_PATH))
    {
      send_page (message, SOUP_STATUS_NOT_FOUND, _("Not found"),
                 _("This address only receives Herald’s sign-in."));
      return;
    }

  if (loopback->answered)
    {
      send_page (message, SOUP_STATUS_GONE, _("Sign-in already finished"),
                 _("This sign-in has already finished. Return to Herald."));
      return;
    }

  loopback->answered = TRUE;
  loopback_stop (loopback);

  /* Checked before anything else: without a state the rest may be an attacker's. */
  if (query == NULL || g_hash_table_lookup (query, "state") == NULL)
    {
      const char *text = _("The browser came back with an answer that does not belong to "
                           "this sign-in, so Herald ignored it and connected nothing. Start "
                           "connecting again.");

      send_page (message, SOUP_STATUS_BAD_REQUEST, _("Not connected"), text);
      g_task_return_new_error (task, HD_OAUTH_ERROR, HD_OAUTH_ERROR_STATE_MISMATCH, "%s", text);
      g_object_unref (task);
      return;
    }

  send_page (message, SOUP_STATUS_OK, _("Signed in"),
             _("You can close this tab and return to Herald."));

  address = g_uri_to_string (soup_server_message_get_uri (message));
  hd_oauth_client_redeem_code_async (loopback->oauth, address, g_task_get_cancellable (task),
                                     redeem_cb, task);
}

static gboolean
on_timeout (gpointer user_data)
{
  GTask *task = user_data;
  Loopback *loopback = g_task_get_task_data (task);
  guint minutes = MAX (1, (loopback->timeout_ms + 59999) / 60000);

  loopback->timeout_id = 0;
  loopback->answered = TRUE;
  loopback_stop (loopback);
  g_task_return_new_error (task, HD_OAUTH_ERROR, HD_OAUTH_ERROR_TIMEOUT,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "The sign-in was not finished within %u minute, so the "
                                        "account was not connected. Start connecting again.",
                                        "The sign-in was not finished within %u minutes, so "
                                        "the account was not connected. Start connecting "
                                        "again.", minutes), minutes);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  Loopback *loopback = g_task_get_task_data (task);

  loopback->answered = TRUE;
  loopback_stop (loopback);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static SoupServer *
listen_on_first_free (const guint  *ports,
                      guint         n_ports,
                      guint        *port_out,
                      GError      **error)
{
  g_autoptr(SoupServer) server = soup_server_new ("server-header", "Herald", NULL);
  g_autoptr(GString) tried = g_string_new (NULL);

  for (guint i = 0; i < n_ports; i++)
    {
      g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, ports[i]);
      g_autoptr(GError) listen_error = NULL;

      if (soup_server_listen (server, address, 0, &listen_error))
        {
          *port_out = ports[i];
          return g_steal_pointer (&server);
        }

      g_debug ("Port %u is taken: %s", ports[i], listen_error->message);
      g_string_append_printf (tried, "%s%u", tried->len > 0 ? ", " : "", ports[i]);
    }

  g_set_error (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_LISTEN_FAILED,
               _("Herald could not receive the sign-in: another program uses port %s on this "
                 "computer. Close it, or register another port with your app and choose it "
                 "here."), tried->str);
  return NULL;
}

void
_hd_fixed_loopback_authorize_async (HdOAuthClient       *oauth,
                                    const guint         *ports,
                                    guint                n_ports,
                                    const char          *callback_path,
                                    HdOAuthOpenUriFunc   open_uri,
                                    gpointer             open_uri_data,
                                    guint                timeout_ms,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autofree char *uri = NULL;
  Loopback *loopback;
  guint port = 0;

  g_return_if_fail (HD_IS_OAUTH_CLIENT (oauth));
  g_return_if_fail (ports != NULL && n_ports > 0);
  g_return_if_fail (g_strcmp0 (callback_path, CALLBACK_PATH) == 0);
  g_return_if_fail (open_uri != NULL);

  loopback = g_new0 (Loopback, 1);
  loopback->oauth = g_object_ref (oauth);
  loopback->timeout_ms = timeout_ms > 0 ? timeout_ms : HD_OAUTH_DEFAULT_TIMEOUT_MS;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _hd_fixed_loopback_authorize_async);
  g_task_set_task_data (task, loopback, (GDestroyNotify) loopback_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  loopback->server = listen_on_first_free (ports, n_ports, &port, &error);
  if (loopback->server == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  redirect_uri = g_strdup_printf ("http://127.0.0.1:%u%s", port, callback_path);
  uri = hd_oauth_client_build_out_of_band_uri (oauth, redirect_uri, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The task waits for the browser, the clock or the user, whichever comes first, and the
   * reference below is theirs. */
  soup_server_add_handler (loopback->server, NULL, on_callback, task, NULL);
  loopback->timeout_id = g_timeout_add (loopback->timeout_ms, on_timeout, task);
  if (cancellable != NULL)
    {
      loopback->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (loopback->cancel_source, G_SOURCE_FUNC (on_cancelled), task,
                             NULL);
      g_source_attach (loopback->cancel_source, g_main_context_get_thread_default ());
    }

  g_steal_pointer (&task);
  open_uri (uri, open_uri_data);
}

HdOAuthTokens *
_hd_fixed_loopback_authorize_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Connecting */

struct _HdXConnect
{
  GObject             parent_instance;

  HdStore            *store;
  HdHttp             *http;
  HdOAuthClient      *oauth;
  HdChannel          *reconnecting;

  char               *client_id;
  char               *authorization_endpoint;
  char               *token_endpoint;
  char               *api_base;
  GArray             *ports;

  HdOAuthOpenUriFunc  open_uri;
  gpointer            open_uri_data;
  GDestroyNotify      open_uri_destroy;

  HdOAuthTokens      *tokens;
};

G_DEFINE_FINAL_TYPE (HdXConnect, hd_x_connect, G_TYPE_OBJECT)

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
clear_open_uri (HdXConnect *self)
{
  if (self->open_uri_destroy != NULL)
    self->open_uri_destroy (self->open_uri_data);
  self->open_uri = NULL;
  self->open_uri_data = NULL;
  self->open_uri_destroy = NULL;
}

static void
hd_x_connect_dispose (GObject *object)
{
  HdXConnect *self = (HdXConnect *)object;

  clear_open_uri (self);
  g_clear_object (&self->oauth);
  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->reconnecting);

  G_OBJECT_CLASS (hd_x_connect_parent_class)->dispose (object);
}

static void
hd_x_connect_finalize (GObject *object)
{
  HdXConnect *self = (HdXConnect *)object;

  wipe (&self->client_id);
  g_free (self->authorization_endpoint);
  g_free (self->token_endpoint);
  g_free (self->api_base);
  g_clear_pointer (&self->ports, g_array_unref);
  g_clear_pointer (&self->tokens, hd_oauth_tokens_free);

  G_OBJECT_CLASS (hd_x_connect_parent_class)->finalize (object);
}

static void
hd_x_connect_class_init (HdXConnectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_x_connect_dispose;
  object_class->finalize = hd_x_connect_finalize;
}

static void
hd_x_connect_init (HdXConnect *self)
{
  static const guint ports[] = HD_X_FALLBACK_REDIRECT_PORTS;

  self->authorization_endpoint = g_strdup (HD_X_AUTHORIZATION_ENDPOINT);
  self->token_endpoint = g_strdup (HD_X_TOKEN_ENDPOINT);
  self->api_base = g_strdup (HD_X_API_BASE);
  self->ports = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (self->ports, ports, G_N_ELEMENTS (ports));
}

/**
 * hd_x_connect_get_setup_help:
 *
 * Returns: what the wizard says about making the X app Herald signs in with
 */
const char *
hd_x_connect_get_setup_help (void)
{
  return _("Herald posts through your own X app. In the X developer portal "
           "(developer.x.com), create a project and an app; in its user authentication "
           "settings choose “Native App” as the type of app, so no secret is needed, with read "
           "and write permissions, and add these callback URLs exactly as written: "
           "http://127.0.0.1:8765/callback, http://127.0.0.1:8766/callback and "
           "http://127.0.0.1:8767/callback. Herald asks for the scopes tweet.read, tweet.write, "
           "users.read, offline.access and media.write. Then copy the app’s OAuth 2.0 client ID "
           "here. X bills your developer account for every call: $0.015 for each post, and "
           "$0.200 for each post that contains a link. Herald does not send the descriptions "
           "of your pictures to X yet, so on X they go out without one.");
}

static gint64
limiter_clock (gpointer user_data)
{
  return hd_rate_limiter_now (user_data);
}

/**
 * hd_x_connect_new:
 *
 * Returns: (transfer full): a connection to run once the client id is set
 */
HdXConnect *
hd_x_connect_new (HdStore *store,
                  HdHttp  *http)
{
  HdXConnect *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_X_CONNECT, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->oauth = hd_oauth_client_new (http);
  /* Expiry instants on the same clock as the rate limits, which a test moves by hand. */
  hd_oauth_client_set_clock (self->oauth, limiter_clock, hd_http_get_rate_limiter (http));

  return self;
}

void
hd_x_connect_set_client_id (HdXConnect *self,
                            const char *client_id)
{
  g_return_if_fail (HD_IS_X_CONNECT (self));

  wipe (&self->client_id);
  self->client_id = client_id != NULL ? g_strstrip (g_strdup (client_id)) : NULL;
}

/**
 * hd_x_connect_set_redirect_ports:
 * @ports: (array length=n_ports): the ports registered with the app, in the order to try
 */
void
hd_x_connect_set_redirect_ports (HdXConnect  *self,
                                 const guint *ports,
                                 guint        n_ports)
{
  g_return_if_fail (HD_IS_X_CONNECT (self));
  g_return_if_fail (ports != NULL && n_ports > 0);

  g_array_set_size (self->ports, 0);
  for (guint i = 0; i < n_ports; i++)
    {
      g_return_if_fail (ports[i] > 0 && ports[i] <= G_MAXUINT16);
      g_array_append_val (self->ports, ports[i]);
    }
}

/**
 * hd_x_connect_dup_redirect_uri:
 *
 * Returns: (transfer full): the first callback URL the user registers with the app
 */
char *
hd_x_connect_dup_redirect_uri (HdXConnect *self)
{
  g_return_val_if_fail (HD_IS_X_CONNECT (self), NULL);

  return hd_loopback_redirect_uri (g_array_index (self->ports, guint, 0));
}

void
hd_x_connect_set_authorization_endpoint (HdXConnect *self,
                                         const char *uri)
{
  g_return_if_fail (HD_IS_X_CONNECT (self));
  g_return_if_fail (uri != NULL);

  g_free (self->authorization_endpoint);
  self->authorization_endpoint = g_strdup (uri);
}

void
hd_x_connect_set_token_endpoint (HdXConnect *self,
                                 const char *uri)
{
  g_return_if_fail (HD_IS_X_CONNECT (self));
  g_return_if_fail (uri != NULL);

  g_free (self->token_endpoint);
  self->token_endpoint = g_strdup (uri);
}

/**
 * hd_x_connect_set_api_base:
 * @base_url: where /2/users/me and /2/tweets are, https://api.x.com unless testing
 */
void
hd_x_connect_set_api_base (HdXConnect *self,
                           const char *base_url)
{
  gsize length;

  g_return_if_fail (HD_IS_X_CONNECT (self));
  g_return_if_fail (base_url != NULL);

  length = strlen (base_url);
  while (length > 0 && base_url[length - 1] == '/')
    length--;
  g_free (self->api_base);
  self->api_base = g_strndup (base_url, length);
}

/**
 * hd_x_connect_set_open_uri_func:
 * @open_uri: shows X's sign-in page: the browser in the window, a line on the command line
 */
void
hd_x_connect_set_open_uri_func (HdXConnect         *self,
                                HdOAuthOpenUriFunc  open_uri,
                                gpointer            user_data,
                                GDestroyNotify      destroy)
{
  g_return_if_fail (HD_IS_X_CONNECT (self));

  clear_open_uri (self);
  self->open_uri = open_uri;
  self->open_uri_data = user_data;
  self->open_uri_destroy = destroy;
}

/**
 * hd_x_connect_set_reconnecting:
 *
 * Connects @channel again instead of adding a channel: it keeps its id, posts and queue.
 */
void
hd_x_connect_set_reconnecting (HdXConnect *self,
                               HdChannel  *channel)
{
  g_return_if_fail (HD_IS_X_CONNECT (self));
  g_return_if_fail (channel == NULL || HD_IS_CHANNEL (channel));

  g_set_object (&self->reconnecting, channel);
}

/**
 * hd_x_connect_get_oauth_client:
 *
 * Returns: (transfer none): the OAuth client of the sign-in, to change its timeout
 */
HdOAuthClient *
hd_x_connect_get_oauth_client (HdXConnect *self)
{
  g_return_val_if_fail (HD_IS_X_CONNECT (self), NULL);

  return self->oauth;
}

static void
me_cb (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdXConnect *self = g_task_get_source_object (task);
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  HdXAccount *account;

  node = _hd_provider_finish_json (self->http, result, message, NULL, PLATFORM, &error);
  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  account = g_new0 (HdXAccount, 1);
  if (!_hd_x_parse_user (node, &account->id, &account->username, &account->name,
                         &account->avatar_url))
    {
      hd_x_account_free (account);
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("X did not say which account Herald signed in to. Try "
                                 "connecting again."));
      return;
    }

  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_x_account_free);
  g_ptr_array_add (accounts, account);
  g_task_return_pointer (task, g_steal_pointer (&accounts), (GDestroyNotify) g_ptr_array_unref);
}

static void
authorized_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdXConnect *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *authorization = NULL;
  HdOAuthTokens *tokens;

  tokens = _hd_fixed_loopback_authorize_finish (result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_clear_pointer (&self->tokens, hd_oauth_tokens_free);
  self->tokens = tokens;

  uri = g_strconcat (self->api_base, "/2/users/me?user.fields=profile_image_url", NULL);
  message = soup_message_new ("GET", uri);
  authorization = g_strconcat ("Bearer ", tokens->access_token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  g_task_set_task_data (task, g_object_ref (message), g_object_unref);
  hd_http_send_json_async (self->http, message, NULL, g_task_get_cancellable (task), me_cb,
                           g_object_ref (task));
}

/**
 * hd_x_connect_authorize_async:
 *
 * Lets the user authorize their app in the browser, with the callback on the first free
 * registered port, and reads which account that is. Nothing is stored yet.
 */
void
hd_x_connect_authorize_async (HdXConnect          *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HD_IS_X_CONNECT (self));
  g_return_if_fail (self->open_uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_x_connect_authorize_async);

  if (self->client_id == NULL || *self->client_id == '\0')
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Type the OAuth 2.0 client ID of your X app first."));
      return;
    }

  hd_oauth_client_set_client_id (self->oauth, self->client_id);
  hd_oauth_client_set_client_auth (self->oauth, HD_OAUTH_CLIENT_AUTH_NONE);
  hd_oauth_client_set_pkce (self->oauth, HD_OAUTH_PKCE_S256);
  hd_oauth_client_set_authorization_endpoint (self->oauth, self->authorization_endpoint);
  hd_oauth_client_set_token_endpoint (self->oauth, self->token_endpoint);
  hd_oauth_client_set_scope (self->oauth, HD_X_SCOPES);

  _hd_fixed_loopback_authorize_async (self->oauth, (const guint *) self->ports->data,
                                      self->ports->len, CALLBACK_PATH, self->open_uri,
                                      self->open_uri_data, 0, cancellable, authorized_cb,
                                      g_steal_pointer (&task));
}

/**
 * hd_x_connect_authorize_finish:
 *
 * Returns: (transfer container) (element-type HdXAccount): the signed-in account
 */
GPtrArray *
hd_x_connect_authorize_finish (HdXConnect    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (HD_IS_X_CONNECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GPtrArray *channels = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!hd_channel_save_connected_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_ptr_array_ref (channels), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * hd_x_connect_save_async:
 * @accounts: (array length=n_accounts): the account authorize found
 *
 * Stores the client id and the tokens in the keyring, then the channel.
 */
void
hd_x_connect_save_async (HdXConnect          *self,
                         HdXAccount * const  *accounts,
                         guint                n_accounts,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autofree char *handle = NULL;
  GPtrArray *channels;
  HdChannelSecret secrets[3];
  const HdXAccount *account;

  g_return_if_fail (HD_IS_X_CONNECT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_x_connect_save_async);

  if (self->tokens == NULL || n_accounts != 1 || accounts == NULL || accounts[0] == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Sign in to X before choosing the account."));
      return;
    }

  account = accounts[0];
  channel = hd_channel_prepare_connect (self->store, self->reconnecting, HD_CHANNEL_KIND_X,
                                        self->api_base, account->id, &error);
  if (channel == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  handle = g_strconcat ("@", account->username, NULL);
  hd_channel_set_display_name (channel, account->name);
  hd_channel_set_handle (channel, handle);
  hd_channel_set_avatar_url (channel, account->avatar_url);
  /* With a refresh token the sign-in lasts until revoked; without one (offline.access not
   * granted) it ends with the two-hour access token. */
  hd_channel_set_token_expires_at (channel, self->tokens->refresh_token != NULL
                                            ? 0 : MAX (self->tokens->expires_at, 0));

  channels = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (channels, g_object_ref (channel));
  g_task_set_task_data (task, channels, (GDestroyNotify) g_ptr_array_unref);

  secrets[0] = (HdChannelSecret) { HD_SECRET_KIND_CLIENT_ID, self->client_id };
  secrets[1] = (HdChannelSecret) { HD_SECRET_KIND_ACCESS_TOKEN, self->tokens->access_token };
  secrets[2] = (HdChannelSecret) { HD_SECRET_KIND_REFRESH_TOKEN, self->tokens->refresh_token };

  hd_channel_save_connected_async (self->store, channel, secrets, G_N_ELEMENTS (secrets),
                                   cancellable, saved_cb, g_steal_pointer (&task));
}

/**
 * hd_x_connect_save_finish:
 *
 * Returns: (transfer full) (element-type HdChannel): the connected channel
 */
GPtrArray *
hd_x_connect_save_finish (HdXConnect    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (HD_IS_X_CONNECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
