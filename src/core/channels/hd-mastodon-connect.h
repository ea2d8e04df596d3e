/* hd-mastodon-connect.h: connecting a Mastodon account, from the instance's address to a
 * channel with its token in the keyring
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-oauth.h"
#include "hd-provider.h"

G_BEGIN_DECLS

#define HD_MASTODON_SCOPES "read write"

#define HD_TYPE_MASTODON_CONNECT (hd_mastodon_connect_get_type ())

G_DECLARE_FINAL_TYPE (HdMastodonConnect, hd_mastodon_connect, HD, MASTODON_CONNECT, GObject)

char              *hd_mastodon_normalize_instance_url      (const char          *text,
                                                            GError             **error);

HdMastodonConnect *hd_mastodon_connect_new                 (HdHttp              *http,
                                                            HdStore             *store,
                                                            const char          *instance,
                                                            GError             **error);
const char        *hd_mastodon_connect_get_instance_url    (HdMastodonConnect   *self);
void               hd_mastodon_connect_set_reconnecting    (HdMastodonConnect   *self,
                                                            HdChannel           *channel);
HdOAuthClient     *hd_mastodon_connect_get_oauth_client    (HdMastodonConnect   *self);
JsonNode          *hd_mastodon_connect_get_instance        (HdMastodonConnect   *self);
JsonNode          *hd_mastodon_connect_get_account         (HdMastodonConnect   *self);

void               hd_mastodon_connect_authorize_async     (HdMastodonConnect   *self,
                                                            HdOAuthOpenUriFunc   open_uri,
                                                            gpointer             open_uri_data,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
HdChannel         *hd_mastodon_connect_authorize_finish    (HdMastodonConnect   *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

void               hd_mastodon_connect_begin_paste_async   (HdMastodonConnect   *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
char              *hd_mastodon_connect_begin_paste_finish  (HdMastodonConnect   *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void               hd_mastodon_connect_redeem_async        (HdMastodonConnect   *self,
                                                            const char          *pasted,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
HdChannel         *hd_mastodon_connect_redeem_finish       (HdMastodonConnect   *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
