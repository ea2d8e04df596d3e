/* hd-instagram-provider.h: publishing to an Instagram professional account through media
 * containers
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-provider.h"

G_BEGIN_DECLS

#define HD_TYPE_INSTAGRAM_PROVIDER (hd_instagram_provider_get_type ())

G_DECLARE_FINAL_TYPE (HdInstagramProvider, hd_instagram_provider, HD, INSTAGRAM_PROVIDER, GObject)

HdInstagramProvider *hd_instagram_provider_new             (HdHttp    *http,
                                                            HdStore   *store,
                                                            HdChannel *channel);
void                 hd_instagram_provider_set_poll_interval (HdInstagramProvider *self,
                                                              guint                interval_ms);
/* The container made for the change with @idempotency_key, or NULL: the caller keeps it with
 * the variant and hands it back as HdProviderPost.record_key, so that a retry publishes the
 * same container and never a second one. Publish results carry it as record_key too. */
const char          *hd_instagram_provider_get_container   (HdInstagramProvider *self,
                                                            const char          *idempotency_key);

/* The parsers of Graph answers, where the fuzz targets reach them. */
char                *hd_instagram_parse_status_code        (JsonNode *node);
gboolean             hd_instagram_parse_publishing_limit   (JsonNode *node,
                                                            gint64   *quota_usage,
                                                            gint64   *quota_total);
char                *hd_instagram_parse_image_source       (JsonNode *node);
GPtrArray           *hd_instagram_parse_media              (JsonNode *node);

G_END_DECLS
