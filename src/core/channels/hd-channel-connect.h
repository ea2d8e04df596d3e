/* hd-channel-connect.h: a channel's row and its secrets, written and removed together
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-provider.h"
#include "hd-secrets.h"

G_BEGIN_DECLS

typedef struct
{
  HdSecretKind  kind;
  const char   *value;
} HdChannelSecret;

HdChannel  *hd_channel_find_account           (HdStore                *store,
                                               HdChannelKind           kind,
                                               const char             *base_url,
                                               const char             *remote_account_id);
HdChannel  *hd_channel_prepare_connect        (HdStore                *store,
                                               HdChannel              *reconnecting,
                                               HdChannelKind           kind,
                                               const char             *base_url,
                                               const char             *remote_account_id,
                                               GError                **error);

void        hd_channel_save_connected_async   (HdStore                *store,
                                               HdChannel              *channel,
                                               const HdChannelSecret  *secrets,
                                               guint                   n_secrets,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
gboolean    hd_channel_save_connected_finish  (GAsyncResult           *result,
                                               GError                **error);

void        hd_channel_remove_async           (HdStore                *store,
                                               const char             *channel_id,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
gboolean    hd_channel_remove_finish          (GAsyncResult           *result,
                                               GError                **error);

/* The callback address on a fixed loopback port that LinkedIn's client-secret flow and X
 * need registered with the user's app, exactly as written. */
char       *hd_loopback_redirect_uri          (guint                   port);

HdProvider *hd_provider_new_for_channel       (HdHttp                 *http,
                                               HdStore                *store,
                                               HdChannel              *channel,
                                               GError                **error);

G_END_DECLS
