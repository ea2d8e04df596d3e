/* hd-x-provider.h: posting to an X account through the v2 API
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-provider.h"

G_BEGIN_DECLS

/* Access tokens last two hours; Herald refreshes them this long before they run out. */
#define HD_X_REFRESH_MARGIN (5 * 60)

#define HD_TYPE_X_PROVIDER (hd_x_provider_get_type ())

G_DECLARE_FINAL_TYPE (HdXProvider, hd_x_provider, HD, X_PROVIDER, GObject)

HdXProvider      *hd_x_provider_new               (HdHttp      *http,
                                                   HdStore     *store,
                                                   HdChannel   *channel);
void              hd_x_provider_set_poll_interval (HdXProvider *self,
                                                   guint        interval_ms);
void              hd_x_provider_set_token_endpoint (HdXProvider *self,
                                                    const char  *uri);
gint64            hd_x_provider_get_access_expires_at (HdXProvider *self);

/* Parsers of X's answers, where the fuzz target reaches them; each takes any JSON and
 * returns NULL or FALSE for what it cannot use. */
HdProviderResult *_hd_x_parse_tweet               (JsonNode    *node,
                                                   const char  *username);
gboolean          _hd_x_parse_user                (JsonNode    *node,
                                                   char       **id,
                                                   char       **username,
                                                   char       **name,
                                                   char       **avatar_url);
gboolean          _hd_x_parse_media               (JsonNode    *node,
                                                   char       **media_id,
                                                   char       **state,
                                                   gint64      *check_after_secs);
GError           *_hd_x_error_from_body           (guint        status,
                                                   JsonNode    *body,
                                                   guint        retry_after);

G_END_DECLS
