/* hd-facebook-connect.h: connecting Facebook Pages, from the user's own Meta app to one
 * channel per chosen Page with its Page token in the keyring
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-oauth.h"
#include "hd-provider.h"

G_BEGIN_DECLS

/* The Graph version Herald speaks, kept in one place. */
#define HD_FACEBOOK_GRAPH_VERSION          "v24.0"
#define HD_FACEBOOK_GRAPH_BASE             "https://graph.facebook.com/" HD_FACEBOOK_GRAPH_VERSION
#define HD_FACEBOOK_AUTHORIZATION_ENDPOINT \
  "https://www.facebook.com/" HD_FACEBOOK_GRAPH_VERSION "/dialog/oauth"
/* What the user registers in the Meta app: Herald listens on this address with a port the
 * system picks for each sign-in. */
#define HD_FACEBOOK_REDIRECT_URI           "http://127.0.0.1/callback"
/* The Pages' permissions, and ads_management and ads_read for running ads from the user's
 * ad accounts (developers.facebook.com/docs/marketing-api/access). */
#define HD_FACEBOOK_SCOPES \
  "pages_show_list,pages_manage_posts,pages_read_engagement,pages_manage_engagement," \
  "pages_read_user_engagement,ads_management,ads_read"

#define HD_TYPE_FACEBOOK_CONNECT (hd_facebook_connect_get_type ())

G_DECLARE_FINAL_TYPE (HdFacebookConnect, hd_facebook_connect, HD, FACEBOOK_CONNECT, GObject)

HdFacebookConnect *hd_facebook_connect_new                  (HdStore *store,
                                                             HdHttp  *http);

void               hd_facebook_connect_set_client_id        (HdFacebookConnect *self,
                                                             const char        *client_id);
void               hd_facebook_connect_set_client_secret    (HdFacebookConnect *self,
                                                             const char        *client_secret);
void               hd_facebook_connect_set_graph_base       (HdFacebookConnect *self,
                                                             const char        *graph_base);
const char        *hd_facebook_connect_get_graph_base       (HdFacebookConnect *self);
void               hd_facebook_connect_set_authorization_endpoint (HdFacebookConnect *self,
                                                                   const char        *uri);
/* Defaults to GRAPH_BASE/oauth/access_token. */
void               hd_facebook_connect_set_token_endpoint   (HdFacebookConnect *self,
                                                             const char        *uri);
void               hd_facebook_connect_set_scope            (HdFacebookConnect *self,
                                                             const char        *scope);
void               hd_facebook_connect_set_open_uri_func    (HdFacebookConnect  *self,
                                                             HdOAuthOpenUriFunc  open_uri,
                                                             gpointer            user_data,
                                                             GDestroyNotify      destroy);
void               hd_facebook_connect_set_reconnecting     (HdFacebookConnect *self,
                                                             HdChannel         *channel);
HdOAuthClient     *hd_facebook_connect_get_oauth_client     (HdFacebookConnect *self);

/* Signs in through the browser and lists the Pages the user manages, one unsaved HdChannel
 * (kind FACEBOOK_PAGE) per Page. */
void               hd_facebook_connect_authorize_async      (HdFacebookConnect   *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GListModel        *hd_facebook_connect_authorize_finish     (HdFacebookConnect  *self,
                                                             GAsyncResult       *result,
                                                             GError            **error);

/* The Page token of a Page listed by the last sign-in, or NULL. */
const char        *hd_facebook_connect_get_page_token       (HdFacebookConnect *self,
                                                             const char        *page_id);
/* The long-lived user token of the last sign-in, or NULL. */
const char        *hd_facebook_connect_get_user_token       (HdFacebookConnect *self);

/* Saves each of @channels (HdChannel, from the authorize result): the Page token, client id
 * and client secret in the keyring first, then the channel row. */
void               hd_facebook_connect_save_async           (HdFacebookConnect   *self,
                                                             GPtrArray           *channels,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean           hd_facebook_connect_save_finish          (HdFacebookConnect  *self,
                                                             GAsyncResult       *result,
                                                             GError            **error);

const char        *hd_facebook_connect_get_setup_help       (void);

/* The parser of GET /me/accounts, where the fuzz target reaches it: one unsaved HdChannel
 * per Page with an id and a name, its Page token added to @tokens (Page id to token) when
 * @tokens is not NULL; NULL when @node is not a list. */
GPtrArray         *hd_facebook_parse_pages                  (JsonNode   *node,
                                                             const char *graph_base,
                                                             GHashTable *tokens);

G_END_DECLS
