/* hd-bluesky-provider.h: posting to a Bluesky account on any PDS with an app password
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-bluesky-facets.h"
#include "hd-provider.h"

G_BEGIN_DECLS

#define HD_BLUESKY_DEFAULT_PDS "https://bsky.social"
#define HD_BLUESKY_POST_COLLECTION "app.bsky.feed.post"
/* Older servers and AppViews still refuse bigger blobs in a post. */
#define HD_BLUESKY_MAX_IMAGE_BYTES 1000000
#define HD_BLUESKY_MAX_IMAGES 4
#define HD_BLUESKY_MAX_LANGS 3
/* The access token is refreshed once it has less than this many seconds left. */
#define HD_BLUESKY_REFRESH_MARGIN 120

#define HD_TYPE_BLUESKY_PROVIDER (hd_bluesky_provider_get_type ())

G_DECLARE_FINAL_TYPE (HdBlueskyProvider, hd_bluesky_provider, HD, BLUESKY_PROVIDER, GObject)

char              *hd_bluesky_normalize_pds_url       (const char          *text,
                                                       GError             **error);
gint64             hd_bluesky_jwt_get_expiry          (const char          *jwt);
char              *hd_bluesky_record_key_for          (HdProviderPost      *post);

HdBlueskyProvider *hd_bluesky_provider_new            (HdHttp              *http,
                                                       HdStore             *store,
                                                       HdChannel           *channel);

void               hd_bluesky_connect_async           (HdHttp              *http,
                                                       HdStore             *store,
                                                       const char          *pds_url,
                                                       const char          *identifier,
                                                       const char          *app_password,
                                                       HdChannel           *reconnecting,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
HdChannel         *hd_bluesky_connect_finish          (GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
