/* hd-linkedin-connect.c
 *
 * Two sign-ins, as the user's LinkedIn app allows: the usual 3-legged code flow with the
 * app's client secret and a redirect URL registered ahead of time (so a fixed loopback
 * port), or the native PKCE flow, without a secret and on any loopback port, which LinkedIn
 * has to enable for the app. The person URN comes from the OpenID userinfo's sub; the
 * organizations the member administers from organizationAcls.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-channel-connect.h"
#include "hd-linkedin-connect.h"
#include "hd-linkedin-provider.h"
#include "hd-provider-private.h"
#include "hd-x-connect.h"

#define PLATFORM "LinkedIn"
#define CALLBACK_PATH "/callback"

/* Accounts */

G_DEFINE_BOXED_TYPE (HdLinkedInAccount, hd_linkedin_account, hd_linkedin_account_copy,
                     hd_linkedin_account_free)

HdLinkedInAccount *
hd_linkedin_account_copy (const HdLinkedInAccount *account)
{
  HdLinkedInAccount *copy;

  g_return_val_if_fail (account != NULL, NULL);

  copy = g_new0 (HdLinkedInAccount, 1);
  copy->urn = g_strdup (account->urn);
  copy->name = g_strdup (account->name);
  copy->handle = g_strdup (account->handle);
  copy->avatar_url = g_strdup (account->avatar_url);
  copy->is_organization = account->is_organization;

  return copy;
}

void
hd_linkedin_account_free (HdLinkedInAccount *account)
{
  if (account == NULL)
    return;

  g_free (account->urn);
  g_free (account->name);
  g_free (account->handle);
  g_free (account->avatar_url);
  g_free (account);
}

struct _HdLinkedInConnect
{
  GObject             parent_instance;

  HdStore            *store;
  HdHttp             *http;
  HdOAuthClient      *oauth;
  HdChannel          *reconnecting;

  char               *client_id;
  char               *client_secret;
  HdLinkedInFlow      flow;
  gboolean            include_organizations;
  guint               redirect_port;
  char               *authorization_endpoint;
  char               *token_endpoint;
  char               *api_base;

  HdOAuthOpenUriFunc  open_uri;
  gpointer            open_uri_data;
  GDestroyNotify      open_uri_destroy;

  HdOAuthTokens      *tokens;
};

G_DEFINE_FINAL_TYPE (HdLinkedInConnect, hd_linkedin_connect, G_TYPE_OBJECT)

typedef struct
{
  SoupMessage *message;
  GPtrArray   *accounts;
  GPtrArray   *organizations;
  guint        next;

  GPtrArray   *channels;
  GPtrArray   *to_save;
} Flow;

static void
flow_free (Flow *flow)
{
  g_clear_object (&flow->message);
  g_clear_pointer (&flow->accounts, g_ptr_array_unref);
  g_clear_pointer (&flow->organizations, g_ptr_array_unref);
  g_clear_pointer (&flow->channels, g_ptr_array_unref);
  g_clear_pointer (&flow->to_save, g_ptr_array_unref);
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
clear_open_uri (HdLinkedInConnect *self)
{
  if (self->open_uri_destroy != NULL)
    self->open_uri_destroy (self->open_uri_data);
  self->open_uri = NULL;
  self->open_uri_data = NULL;
  self->open_uri_destroy = NULL;
}

static void
hd_linkedin_connect_dispose (GObject *object)
{
  HdLinkedInConnect *self = (HdLinkedInConnect *)object;

  clear_open_uri (self);
  g_clear_object (&self->oauth);
  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->reconnecting);

  G_OBJECT_CLASS (hd_linkedin_connect_parent_class)->dispose (object);
}

static void
hd_linkedin_connect_finalize (GObject *object)
{
  HdLinkedInConnect *self = (HdLinkedInConnect *)object;

  wipe (&self->client_id);
  wipe (&self->client_secret);
  g_free (self->authorization_endpoint);
  g_free (self->token_endpoint);
  g_free (self->api_base);
  g_clear_pointer (&self->tokens, hd_oauth_tokens_free);

  G_OBJECT_CLASS (hd_linkedin_connect_parent_class)->finalize (object);
}

static void
hd_linkedin_connect_class_init (HdLinkedInConnectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_linkedin_connect_dispose;
  object_class->finalize = hd_linkedin_connect_finalize;
}

static void
hd_linkedin_connect_init (HdLinkedInConnect *self)
{
  self->flow = HD_LINKEDIN_FLOW_CLIENT_SECRET;
  self->include_organizations = TRUE;
  self->redirect_port = HD_LINKEDIN_DEFAULT_REDIRECT_PORT;
  self->authorization_endpoint = g_strdup (HD_LINKEDIN_AUTHORIZATION_ENDPOINT);
  self->token_endpoint = g_strdup (HD_LINKEDIN_TOKEN_ENDPOINT);
  self->api_base = g_strdup (HD_LINKEDIN_API_BASE);
}

/**
 * hd_linkedin_connect_get_setup_help:
 *
 * Returns: what the wizard says about making the LinkedIn app Herald signs in with
 */
const char *
hd_linkedin_connect_get_setup_help (void)
{
  return _("Herald posts through your own LinkedIn app. On linkedin.com/developers, create "
           "an app (LinkedIn asks for a Company Page to link it to) and add the products "
           "“Sign In with LinkedIn using OpenID Connect” and “Share on LinkedIn”; to post as "
           "a Page you administer, also request the “Community Management API”. In the app’s "
           "Auth settings add the redirect URL Herald shows below, exactly as written, then "
           "copy the client ID and the primary client secret here. If LinkedIn enabled the native PKCE "
           "flow for your app, choose it and leave the secret empty. Herald asks for the "
           "scopes openid, profile and w_member_social, plus w_organization_social, "
           "r_organization_social (to read the comments on your posts), "
           "r_organization_admin and rw_organization_admin (to read your Page’s followers and "
           "the reach of its posts) for Pages. A LinkedIn sign-in lasts 60 days; Herald "
           "reminds you a week before it ends.");
}

static gint64
limiter_clock (gpointer user_data)
{
  return hd_rate_limiter_now (user_data);
}

/**
 * hd_linkedin_connect_new:
 *
 * Returns: (transfer full): a connection to run once the app's credentials are set
 */
HdLinkedInConnect *
hd_linkedin_connect_new (HdStore *store,
                         HdHttp  *http)
{
  HdLinkedInConnect *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_LINKEDIN_CONNECT, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->oauth = hd_oauth_client_new (http);
  /* Expiry instants on the same clock as the rate limits, which a test moves by hand. */
  hd_oauth_client_set_clock (self->oauth, limiter_clock, hd_http_get_rate_limiter (http));

  return self;
}

static char *
trimmed_or_null (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

void
hd_linkedin_connect_set_client_id (HdLinkedInConnect *self,
                                   const char        *client_id)
{
  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));

  wipe (&self->client_id);
  self->client_id = trimmed_or_null (client_id);
}

void
hd_linkedin_connect_set_client_secret (HdLinkedInConnect *self,
                                       const char        *client_secret)
{
  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));

  wipe (&self->client_secret);
  self->client_secret = trimmed_or_null (client_secret);
}

/**
 * hd_linkedin_connect_set_flow:
 *
 * Chooses the client-secret flow (the default) or the native PKCE flow, which works only
 * once LinkedIn has enabled it for the app.
 */
void
hd_linkedin_connect_set_flow (HdLinkedInConnect *self,
                              HdLinkedInFlow     flow)
{
  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));
  g_return_if_fail (flow == HD_LINKEDIN_FLOW_CLIENT_SECRET
                    || flow == HD_LINKEDIN_FLOW_NATIVE_PKCE);

  self->flow = flow;
}

HdLinkedInFlow
hd_linkedin_connect_get_flow (HdLinkedInConnect *self)
{
  g_return_val_if_fail (HD_IS_LINKEDIN_CONNECT (self), HD_LINKEDIN_FLOW_CLIENT_SECRET);

  return self->flow;
}

/**
 * hd_linkedin_connect_set_include_organizations:
 *
 * Whether to ask for the organization scopes and list the Pages the member administers;
 * an app without the Community Management API can only post as the member.
 */
void
hd_linkedin_connect_set_include_organizations (HdLinkedInConnect *self,
                                               gboolean           include)
{
  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));

  self->include_organizations = !!include;
}

void
hd_linkedin_connect_set_redirect_port (HdLinkedInConnect *self,
                                       guint              port)
{
  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));
  g_return_if_fail (port > 0 && port <= G_MAXUINT16);

  self->redirect_port = port;
}

/**
 * hd_linkedin_connect_dup_redirect_uri:
 *
 * Returns: (transfer full): the redirect URL the user registers with the app for the
 *   client-secret flow
 */
char *
hd_linkedin_connect_dup_redirect_uri (HdLinkedInConnect *self)
{
  g_return_val_if_fail (HD_IS_LINKEDIN_CONNECT (self), NULL);

  return hd_loopback_redirect_uri (self->redirect_port);
}

void
hd_linkedin_connect_set_authorization_endpoint (HdLinkedInConnect *self,
                                                const char        *uri)
{
  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));
  g_return_if_fail (uri != NULL);

  g_free (self->authorization_endpoint);
  self->authorization_endpoint = g_strdup (uri);
}

void
hd_linkedin_connect_set_token_endpoint (HdLinkedInConnect *self,
                                        const char        *uri)
{
  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));
  g_return_if_fail (uri != NULL);

  g_free (self->token_endpoint);
  self->token_endpoint = g_strdup (uri);
}

/**
 * hd_linkedin_connect_set_api_base:
 * @base_url: where /v2/userinfo and /rest/… are, https://api.linkedin.com unless testing
 */
void
hd_linkedin_connect_set_api_base (HdLinkedInConnect *self,
                                  const char        *base_url)
{
  gsize length;

  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));
  g_return_if_fail (base_url != NULL);

  length = strlen (base_url);
  while (length > 0 && base_url[length - 1] == '/')
    length--;
  g_free (self->api_base);
  self->api_base = g_strndup (base_url, length);
}

void
hd_linkedin_connect_set_open_uri_func (HdLinkedInConnect  *self,
                                       HdOAuthOpenUriFunc  open_uri,
                                       gpointer            user_data,
                                       GDestroyNotify      destroy)
{
  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));

  clear_open_uri (self);
  self->open_uri = open_uri;
  self->open_uri_data = user_data;
  self->open_uri_destroy = destroy;
}

/**
 * hd_linkedin_connect_set_reconnecting:
 *
 * Connects @channel again instead of adding a channel: it keeps its id, posts and queue.
 */
void
hd_linkedin_connect_set_reconnecting (HdLinkedInConnect *self,
                                      HdChannel         *channel)
{
  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));
  g_return_if_fail (channel == NULL || HD_IS_CHANNEL (channel));

  g_set_object (&self->reconnecting, channel);
}

/**
 * hd_linkedin_connect_get_oauth_client:
 *
 * Returns: (transfer none): the OAuth client of the sign-in, to change its timeout
 */
HdOAuthClient *
hd_linkedin_connect_get_oauth_client (HdLinkedInConnect *self)
{
  g_return_val_if_fail (HD_IS_LINKEDIN_CONNECT (self), NULL);

  return self->oauth;
}

/* Who the member is and which organizations they administer */

static SoupMessage *
api_message (HdLinkedInConnect *self,
             const char        *path,
             gboolean           rest)
{
  g_autofree char *uri = g_strconcat (self->api_base, path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", self->tokens->access_token, NULL);
  SoupMessage *message = soup_message_new ("GET", uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  soup_message_headers_replace (headers, "Authorization", authorization);
  if (rest)
    {
      soup_message_headers_replace (headers, "LinkedIn-Version", HD_LINKEDIN_VERSION);
      soup_message_headers_replace (headers, "X-Restli-Protocol-Version",
                                    HD_LINKEDIN_RESTLI_PROTOCOL_VERSION);
    }

  return message;
}

static void
send_message (GTask               *task,
              SoupMessage         *message,
              GAsyncReadyCallback  callback)
{
  HdLinkedInConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);

  g_set_object (&flow->message, message);
  hd_http_send_json_async (self->http, message, NULL, g_task_get_cancellable (task), callback,
                           task);
}

static void
return_accounts (GTask *task)
{
  Flow *flow = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&flow->accounts),
                         (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void fetch_next_organization (GTask *task);

static void
organization_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  HdLinkedInConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *urn = g_ptr_array_index (flow->organizations, flow->next);
  HdLinkedInAccount *account;

  node = _hd_provider_finish_json (self->http, result, flow->message, NULL, PLATFORM, &error);
  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  account = g_new0 (HdLinkedInAccount, 1);
  account->urn = g_strdup (urn);
  account->is_organization = TRUE;
  if (!_hd_linkedin_parse_organization (node, &account->name, &account->handle))
    account->name = g_strdup (urn);
  g_ptr_array_add (flow->accounts, account);

  flow->next++;
  fetch_next_organization (task);
}

static void
fetch_next_organization (GTask *task)
{
  HdLinkedInConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = NULL;
  const char *urn;

  if (flow->next >= flow->organizations->len)
    {
      return_accounts (task);
      return;
    }

  urn = g_ptr_array_index (flow->organizations, flow->next);
  path = g_strconcat ("/rest/organizations/", urn + strlen ("urn:li:organization:"), NULL);
  message = api_message (self, path, TRUE);
  send_message (task, message, organization_cb);
}

static void
acls_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  HdLinkedInConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = _hd_provider_finish_json (self->http, result, flow->message, NULL, PLATFORM, &error);
  if (node == NULL)
    {
      /* An app without the Community Management API is refused here with 403: it can
       * still post as the member, which is what the user gets. */
      if (soup_message_get_status (flow->message) == SOUP_STATUS_FORBIDDEN)
        {
          g_debug ("Not listing organizations: %s", error->message);
          return_accounts (task);
          return;
        }

      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  flow->organizations = _hd_linkedin_parse_organization_acls (node);
  if (flow->organizations == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("LinkedIn did not say which organizations you administer. "
                                 "Try connecting again."));
      g_object_unref (task);
      return;
    }

  flow->next = 0;
  fetch_next_organization (task);
}

static void
userinfo_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  HdLinkedInConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *sub = NULL;
  HdLinkedInAccount *account;

  node = _hd_provider_finish_json (self->http, result, flow->message, NULL, PLATFORM, &error);
  if (node == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  account = g_new0 (HdLinkedInAccount, 1);
  sub = _hd_linkedin_parse_userinfo (node, &account->name, &account->avatar_url);
  if (sub == NULL)
    {
      hd_linkedin_account_free (account);
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               _("LinkedIn did not say which member Herald signed in as. Try "
                                 "connecting again."));
      g_object_unref (task);
      return;
    }

  account->urn = g_strconcat ("urn:li:person:", sub, NULL);
  if (account->name == NULL || *account->name == '\0')
    {
      g_free (account->name);
      account->name = g_strdup (_("LinkedIn member"));
    }
  g_ptr_array_add (flow->accounts, account);

  if (!self->include_organizations)
    {
      return_accounts (task);
      return;
    }

  /* Organization Access Control API (learn.microsoft.com, community-management/
   * organizations/organization-access-control-by-role): the approved ADMINISTRATOR
   * roles of the signed-in member. Not in the digest of channel-apis.md. */
  message = api_message (self, "/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&"
                               "state=APPROVED", TRUE);
  send_message (task, message, acls_cb);
}

static void
got_tokens (GTask         *task,
            HdOAuthTokens *tokens)
{
  HdLinkedInConnect *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = NULL;

  g_clear_pointer (&self->tokens, hd_oauth_tokens_free);
  self->tokens = tokens;

  message = api_message (self, "/v2/userinfo", FALSE);
  send_message (task, message, userinfo_cb);
}

static void
fixed_authorized_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  HdOAuthTokens *tokens;

  tokens = _hd_fixed_loopback_authorize_finish (result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  got_tokens (task, tokens);
}

static void
native_authorized_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  HdOAuthTokens *tokens;

  tokens = hd_oauth_client_authorize_finish (HD_OAUTH_CLIENT (object), result, &error);
  if (tokens == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  got_tokens (task, tokens);
}

/**
 * hd_linkedin_connect_authorize_async:
 *
 * Lets the user authorize their app in the browser and lists who they can post as: the
 * member, then the organizations they administer. Nothing is stored yet.
 */
void
hd_linkedin_connect_authorize_async (HdLinkedInConnect   *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  Flow *flow;

  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));
  g_return_if_fail (self->open_uri != NULL);

  flow = g_new0 (Flow, 1);
  flow->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_linkedin_account_free);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_linkedin_connect_authorize_async);
  g_task_set_task_data (task, flow, (GDestroyNotify) flow_free);

  if (self->client_id == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Type the client ID of your LinkedIn app first."));
      g_object_unref (task);
      return;
    }

  if (self->flow == HD_LINKEDIN_FLOW_CLIENT_SECRET && self->client_secret == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Type the client secret of your LinkedIn app, or choose the "
                                 "native PKCE sign-in if LinkedIn enabled it for your app."));
      g_object_unref (task);
      return;
    }

  hd_oauth_client_set_client_id (self->oauth, self->client_id);
  hd_oauth_client_set_authorization_endpoint (self->oauth, self->authorization_endpoint);
  hd_oauth_client_set_token_endpoint (self->oauth, self->token_endpoint);
  hd_oauth_client_set_scope (self->oauth, self->include_organizations
                                          ? HD_LINKEDIN_SCOPES_ORGANIZATIONS
                                          : HD_LINKEDIN_SCOPES_MEMBER);

  if (self->flow == HD_LINKEDIN_FLOW_NATIVE_PKCE)
    {
      hd_oauth_client_set_client_secret (self->oauth, NULL);
      hd_oauth_client_set_client_auth (self->oauth, HD_OAUTH_CLIENT_AUTH_NONE);
      hd_oauth_client_set_pkce (self->oauth, HD_OAUTH_PKCE_S256);
      hd_oauth_client_authorize_async (self->oauth, self->open_uri, self->open_uri_data,
                                       cancellable, native_authorized_cb, task);
      return;
    }

  /* The documented 3-legged request has exactly response_type, client_id, redirect_uri,
   * state and scope. */
  hd_oauth_client_set_client_secret (self->oauth, self->client_secret);
  hd_oauth_client_set_client_auth (self->oauth, HD_OAUTH_CLIENT_AUTH_POST);
  hd_oauth_client_set_pkce (self->oauth, HD_OAUTH_PKCE_NONE);
  _hd_fixed_loopback_authorize_async (self->oauth, &self->redirect_port, 1, CALLBACK_PATH,
                                      self->open_uri, self->open_uri_data, 0, cancellable,
                                      fixed_authorized_cb, task);
}

/**
 * hd_linkedin_connect_authorize_finish:
 *
 * Returns: (transfer container) (element-type HdLinkedInAccount): the member first, then
 *   the organizations they administer
 */
GPtrArray *
hd_linkedin_connect_authorize_finish (HdLinkedInConnect  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (HD_IS_LINKEDIN_CONNECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saving: one channel per account chosen, each with the app's credentials and the token */

static void save_next (GTask *task);

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!hd_channel_save_connected_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  flow->next++;
  save_next (task);
}

static void
save_next (GTask *task)
{
  HdLinkedInConnect *self = g_task_get_source_object (task);
  Flow *flow = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  HdLinkedInAccount *account;
  HdChannel *reconnecting;
  HdChannel *channel;
  HdChannelSecret secrets[4];

  if (flow->next >= flow->to_save->len)
    {
      g_task_return_pointer (task, g_steal_pointer (&flow->channels),
                             (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }

  account = g_ptr_array_index (flow->to_save, flow->next);
  /* A reconnect applies to the account of that channel; the others are matched by URN. */
  reconnecting = self->reconnecting;
  if (reconnecting != NULL
      && g_strcmp0 (hd_channel_get_remote_account_id (reconnecting), account->urn) != 0)
    reconnecting = NULL;
  channel = hd_channel_prepare_connect (self->store, reconnecting, HD_CHANNEL_KIND_LINKEDIN,
                                        self->api_base, account->urn, &error);
  if (channel == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  g_ptr_array_add (flow->channels, channel);
  hd_channel_set_display_name (channel, account->name);
  hd_channel_set_handle (channel, account->handle);
  hd_channel_set_avatar_url (channel, account->avatar_url);
  /* 60 days; the Channels page warns a week before (HD_CHANNEL_EXPIRING_SOON). */
  hd_channel_set_token_expires_at (channel, MAX (self->tokens->expires_at, 0));

  secrets[0] = (HdChannelSecret) { HD_SECRET_KIND_CLIENT_ID, self->client_id };
  secrets[1] = (HdChannelSecret) { HD_SECRET_KIND_CLIENT_SECRET,
                                   self->flow == HD_LINKEDIN_FLOW_CLIENT_SECRET
                                   ? self->client_secret : NULL };
  secrets[2] = (HdChannelSecret) { HD_SECRET_KIND_ACCESS_TOKEN, self->tokens->access_token };
  /* Only LinkedIn's programmatic-refresh partners receive one. */
  secrets[3] = (HdChannelSecret) { HD_SECRET_KIND_REFRESH_TOKEN, self->tokens->refresh_token };

  hd_channel_save_connected_async (self->store, channel, secrets, G_N_ELEMENTS (secrets),
                                   g_task_get_cancellable (task), saved_cb, task);
}

/**
 * hd_linkedin_connect_save_async:
 * @accounts: (array length=n_accounts): the accounts chosen among those authorize found
 *
 * Stores the app's credentials and the tokens in the keyring for each account, then its
 * channel.
 */
void
hd_linkedin_connect_save_async (HdLinkedInConnect         *self,
                                HdLinkedInAccount * const *accounts,
                                guint                      n_accounts,
                                GCancellable              *cancellable,
                                GAsyncReadyCallback        callback,
                                gpointer                   user_data)
{
  GTask *task;
  Flow *flow;

  g_return_if_fail (HD_IS_LINKEDIN_CONNECT (self));
  g_return_if_fail (accounts != NULL || n_accounts == 0);

  flow = g_new0 (Flow, 1);
  flow->channels = g_ptr_array_new_with_free_func (g_object_unref);
  flow->to_save = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_linkedin_account_free);
  for (guint i = 0; i < n_accounts; i++)
    g_ptr_array_add (flow->to_save, hd_linkedin_account_copy (accounts[i]));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_linkedin_connect_save_async);
  g_task_set_task_data (task, flow, (GDestroyNotify) flow_free);

  if (self->tokens == NULL || n_accounts == 0)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                               _("Sign in to LinkedIn and choose at least one account."));
      g_object_unref (task);
      return;
    }

  save_next (task);
}

/**
 * hd_linkedin_connect_save_finish:
 *
 * Returns: (transfer full) (element-type HdChannel): the connected channels, in the order
 *   of the accounts
 */
GPtrArray *
hd_linkedin_connect_save_finish (HdLinkedInConnect  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (HD_IS_LINKEDIN_CONNECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
