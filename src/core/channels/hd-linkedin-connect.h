/* hd-linkedin-connect.h: connecting a LinkedIn member, and the organizations they
 * administer, through the user's own LinkedIn app
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-oauth.h"
#include "hd-provider.h"

G_BEGIN_DECLS

#define HD_LINKEDIN_AUTHORIZATION_ENDPOINT "https://www.linkedin.com/oauth/v2/authorization"
#define HD_LINKEDIN_TOKEN_ENDPOINT         "https://www.linkedin.com/oauth/v2/accessToken"
#define HD_LINKEDIN_API_BASE               "https://api.linkedin.com"

/* Posting as the member needs w_member_social; openid and profile give the userinfo whose
 * sub makes the person URN. */
#define HD_LINKEDIN_SCOPES_MEMBER "openid profile w_member_social"
/* Posting as an organization and answering its comments need w_organization_social;
 * reading the comments on its posts needs r_organization_social; listing the organizations
 * the member administers (organizationAcls) needs r_organization_admin; the counts of its
 * posts (organizationalEntityShareStatistics) and its followers (networkSizes) need
 * rw_organization_admin. */
#define HD_LINKEDIN_SCOPES_ORGANIZATIONS \
  "openid profile w_member_social w_organization_social r_organization_social " \
  "r_organization_admin rw_organization_admin"

/* The fixed loopback port of the client-secret flow, whose redirect URL has to be registered
 * with the app ahead of time; the native PKCE flow takes any port. */
#define HD_LINKEDIN_DEFAULT_REDIRECT_PORT 8765

typedef enum
{
  /* 3-legged code flow with the app's client secret and a registered loopback redirect */
  HD_LINKEDIN_FLOW_CLIENT_SECRET,
  /* LinkedIn's native PKCE flow: no secret, any loopback port; LinkedIn has to enable it
   * for the app */
  HD_LINKEDIN_FLOW_NATIVE_PKCE,
} HdLinkedInFlow;

/* Someone the signed-in member can post as. */
typedef struct
{
  /* urn:li:person:… or urn:li:organization:… */
  char     *urn;
  char     *name;
  /* the organization's vanity name, or NULL */
  char     *handle;
  /* an https address of the picture, or NULL */
  char     *avatar_url;
  gboolean  is_organization;
} HdLinkedInAccount;

#define HD_TYPE_LINKEDIN_ACCOUNT (hd_linkedin_account_get_type ())

GType              hd_linkedin_account_get_type (void) G_GNUC_CONST;
HdLinkedInAccount *hd_linkedin_account_copy     (const HdLinkedInAccount *account);
void               hd_linkedin_account_free     (HdLinkedInAccount       *account);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdLinkedInAccount, hd_linkedin_account_free)

#define HD_TYPE_LINKEDIN_CONNECT (hd_linkedin_connect_get_type ())

G_DECLARE_FINAL_TYPE (HdLinkedInConnect, hd_linkedin_connect, HD, LINKEDIN_CONNECT, GObject)

const char        *hd_linkedin_connect_get_setup_help          (void);

HdLinkedInConnect *hd_linkedin_connect_new                     (HdStore             *store,
                                                                HdHttp              *http);

void               hd_linkedin_connect_set_client_id           (HdLinkedInConnect   *self,
                                                                const char          *client_id);
void               hd_linkedin_connect_set_client_secret       (HdLinkedInConnect   *self,
                                                                const char          *client_secret);
void               hd_linkedin_connect_set_flow                (HdLinkedInConnect   *self,
                                                                HdLinkedInFlow       flow);
HdLinkedInFlow     hd_linkedin_connect_get_flow                (HdLinkedInConnect   *self);
void               hd_linkedin_connect_set_include_organizations (HdLinkedInConnect *self,
                                                                  gboolean           include);
void               hd_linkedin_connect_set_redirect_port       (HdLinkedInConnect   *self,
                                                                guint                port);
char              *hd_linkedin_connect_dup_redirect_uri        (HdLinkedInConnect   *self);
void               hd_linkedin_connect_set_authorization_endpoint (HdLinkedInConnect *self,
                                                                   const char        *uri);
void               hd_linkedin_connect_set_token_endpoint      (HdLinkedInConnect   *self,
                                                                const char          *uri);
void               hd_linkedin_connect_set_api_base            (HdLinkedInConnect   *self,
                                                                const char          *base_url);
void               hd_linkedin_connect_set_open_uri_func       (HdLinkedInConnect   *self,
                                                                HdOAuthOpenUriFunc   open_uri,
                                                                gpointer             user_data,
                                                                GDestroyNotify       destroy);
void               hd_linkedin_connect_set_reconnecting        (HdLinkedInConnect   *self,
                                                                HdChannel           *channel);
HdOAuthClient     *hd_linkedin_connect_get_oauth_client        (HdLinkedInConnect   *self);

void               hd_linkedin_connect_authorize_async         (HdLinkedInConnect   *self,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
GPtrArray         *hd_linkedin_connect_authorize_finish        (HdLinkedInConnect   *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

void               hd_linkedin_connect_save_async              (HdLinkedInConnect   *self,
                                                                HdLinkedInAccount * const *accounts,
                                                                guint                n_accounts,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
GPtrArray         *hd_linkedin_connect_save_finish             (HdLinkedInConnect   *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

G_END_DECLS
