/* hd-feed-item.h: one article of a followed feed, a candidate for a post.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HD_TYPE_FEED_ITEM (hd_feed_item_get_type ())
G_DECLARE_FINAL_TYPE (HdFeedItem, hd_feed_item, HD, FEED_ITEM, GObject)

/* Items are read from the store; their fields change only through hd-store-feeds.h. */
const char *hd_feed_item_get_id           (HdFeedItem *self);
const char *hd_feed_item_get_feed_id      (HdFeedItem *self);
/* The title of the feed the item came from. */
const char *hd_feed_item_get_feed_title   (HdFeedItem *self);
const char *hd_feed_item_get_guid         (HdFeedItem *self);
const char *hd_feed_item_get_title        (HdFeedItem *self);
const char *hd_feed_item_get_link         (HdFeedItem *self);
const char *hd_feed_item_get_summary      (HdFeedItem *self);
gint64      hd_feed_item_get_published_at (HdFeedItem *self);
gint64      hd_feed_item_get_fetched_at   (HdFeedItem *self);
/* The draft made from the item, or NULL. */
const char *hd_feed_item_get_used_post_id (HdFeedItem *self);
gboolean    hd_feed_item_get_dismissed    (HdFeedItem *self);

G_END_DECLS
