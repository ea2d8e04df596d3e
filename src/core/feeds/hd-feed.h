/* hd-feed.h: an RSS or Atom feed the user follows for ideas.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HD_TYPE_FEED (hd_feed_get_type ())
G_DECLARE_FINAL_TYPE (HdFeed, hd_feed, HD, FEED, GObject)

/* Feeds are read from the store; their fields change only through hd-store-feeds.h. */
const char *hd_feed_get_id              (HdFeed *self);
const char *hd_feed_get_url             (HdFeed *self);
/* The feed's own title, or its address while it has none. */
const char *hd_feed_get_title           (HdFeed *self);
const char *hd_feed_get_site_url        (HdFeed *self);
const char *hd_feed_get_etag            (HdFeed *self);
const char *hd_feed_get_last_modified   (HdFeed *self);
gint64      hd_feed_get_last_fetched_at (HdFeed *self);
/* The sentence saying why the last refresh failed, or NULL when it worked. */
const char *hd_feed_get_last_error      (HdFeed *self);
gint64      hd_feed_get_created_at      (HdFeed *self);

G_END_DECLS
