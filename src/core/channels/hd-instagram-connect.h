/* hd-instagram-connect.h: connecting Instagram professional accounts linked to Facebook
 * Pages, through the same Meta app and login as the Pages
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-facebook-connect.h"

G_BEGIN_DECLS

/* pages_manage_posts lets Herald make the unpublished Page photo whose address Instagram
 * fetches the picture from. */
#define HD_INSTAGRAM_SCOPES \
  "instagram_basic,instagram_content_publish,pages_show_list,pages_read_engagement," \
  "pages_manage_posts"

/* The member of the channel's limits (hd-channel.h) naming the Page the account is linked
 * to. */
#define HD_INSTAGRAM_LIMIT_PAGE_ID "facebook_page_id"

#define HD_TYPE_INSTAGRAM_CONNECT (hd_instagram_connect_get_type ())

G_DECLARE_FINAL_TYPE (HdInstagramConnect, hd_instagram_connect, HD, INSTAGRAM_CONNECT, GObject)

HdInstagramConnect *hd_instagram_connect_new                 (HdStore *store,
                                                              HdHttp  *http);

void                hd_instagram_connect_set_client_id       (HdInstagramConnect *self,
                                                              const char         *client_id);
void                hd_instagram_connect_set_client_secret   (HdInstagramConnect *self,
                                                              const char         *client_secret);
void                hd_instagram_connect_set_graph_base      (HdInstagramConnect *self,
                                                              const char         *graph_base);
void                hd_instagram_connect_set_authorization_endpoint (HdInstagramConnect *self,
                                                                     const char         *uri);
void                hd_instagram_connect_set_token_endpoint  (HdInstagramConnect *self,
                                                              const char         *uri);
void                hd_instagram_connect_set_open_uri_func   (HdInstagramConnect *self,
                                                              HdOAuthOpenUriFunc  open_uri,
                                                              gpointer            user_data,
                                                              GDestroyNotify      destroy);
void                hd_instagram_connect_set_reconnecting    (HdInstagramConnect *self,
                                                              HdChannel          *channel);
HdOAuthClient      *hd_instagram_connect_get_oauth_client    (HdInstagramConnect *self);

/* Signs in through the browser and lists the Instagram accounts linked to the Pages the
 * user manages, one unsaved HdChannel (kind INSTAGRAM) per account; Pages without one are
 * left out. */
void                hd_instagram_connect_authorize_async     (HdInstagramConnect  *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
GListModel         *hd_instagram_connect_authorize_finish    (HdInstagramConnect  *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

/* Saves each of @channels (HdChannel, from the authorize result): the linked Page's token,
 * client id and client secret in the keyring first, then the channel row. */
void                hd_instagram_connect_save_async          (HdInstagramConnect  *self,
                                                              GPtrArray           *channels,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean            hd_instagram_connect_save_finish         (HdInstagramConnect  *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

const char         *hd_instagram_connect_get_setup_help      (void);

G_END_DECLS
