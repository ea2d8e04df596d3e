/* hd-x-connect.h: connecting an X account through the user's own X app, a public native
 * client with PKCE
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-oauth.h"
#include "hd-provider.h"

G_BEGIN_DECLS

#define HD_X_AUTHORIZATION_ENDPOINT "https://x.com/i/oauth2/authorize"
#define HD_X_TOKEN_ENDPOINT         "https://api.x.com/2/oauth2/token"
#define HD_X_API_BASE               "https://api.x.com"

/* offline.access brings the refresh token; media.write the v2 media upload. */
#define HD_X_SCOPES "tweet.read tweet.write users.read offline.access media.write"

/* X matches callback URLs exactly, port included, so the loopback listener cannot take a
 * port the system picks: the user registers http://127.0.0.1:PORT/callback for each of these
 * ports, and Herald takes the first one that is free. */
#define HD_X_DEFAULT_REDIRECT_PORT 8765
#define HD_X_FALLBACK_REDIRECT_PORTS { 8765, 8766, 8767 }

/* The account the user signed in to. */
typedef struct
{
  /* the numeric user id */
  char *id;
  /* without the @ */
  char *username;
  char *name;
  char *avatar_url;
} HdXAccount;

#define HD_TYPE_X_ACCOUNT (hd_x_account_get_type ())

GType        hd_x_account_get_type (void) G_GNUC_CONST;
HdXAccount  *hd_x_account_copy     (const HdXAccount *account);
void         hd_x_account_free     (HdXAccount       *account);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdXAccount, hd_x_account_free)

#define HD_TYPE_X_CONNECT (hd_x_connect_get_type ())

G_DECLARE_FINAL_TYPE (HdXConnect, hd_x_connect, HD, X_CONNECT, GObject)

const char  *hd_x_connect_get_setup_help           (void);

HdXConnect  *hd_x_connect_new                      (HdStore             *store,
                                                    HdHttp              *http);

void         hd_x_connect_set_client_id            (HdXConnect          *self,
                                                    const char          *client_id);
void         hd_x_connect_set_redirect_ports       (HdXConnect          *self,
                                                    const guint         *ports,
                                                    guint                n_ports);
char        *hd_x_connect_dup_redirect_uri         (HdXConnect          *self);
void         hd_x_connect_set_authorization_endpoint (HdXConnect        *self,
                                                      const char        *uri);
void         hd_x_connect_set_token_endpoint       (HdXConnect          *self,
                                                    const char          *uri);
void         hd_x_connect_set_api_base             (HdXConnect          *self,
                                                    const char          *base_url);
void         hd_x_connect_set_open_uri_func        (HdXConnect          *self,
                                                    HdOAuthOpenUriFunc   open_uri,
                                                    gpointer             user_data,
                                                    GDestroyNotify       destroy);
void         hd_x_connect_set_reconnecting         (HdXConnect          *self,
                                                    HdChannel           *channel);
HdOAuthClient *hd_x_connect_get_oauth_client       (HdXConnect          *self);

void         hd_x_connect_authorize_async          (HdXConnect          *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray   *hd_x_connect_authorize_finish         (HdXConnect          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

void         hd_x_connect_save_async               (HdXConnect          *self,
                                                    HdXAccount * const  *accounts,
                                                    guint                n_accounts,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray   *hd_x_connect_save_finish              (HdXConnect          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* The loopback listener on a fixed port, shared with LinkedIn's client-secret flow: opens
 * the first free port of @ports, hands the authorization address to @open_uri, and redeems
 * the code the browser brings back through @oauth. */
void           _hd_fixed_loopback_authorize_async  (HdOAuthClient       *oauth,
                                                    const guint         *ports,
                                                    guint                n_ports,
                                                    const char          *callback_path,
                                                    HdOAuthOpenUriFunc   open_uri,
                                                    gpointer             open_uri_data,
                                                    guint                timeout_ms,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
HdOAuthTokens *_hd_fixed_loopback_authorize_finish (GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
