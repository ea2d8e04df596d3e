/* hd-store-feeds.h: the feeds the user follows and the items they bring, in the store.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-store.h"
#include "hd-post.h"
#include "hd-feed.h"
#include "hd-feed-item.h"
#include "hd-feed-fetcher.h"
#include "hd-feed-parser.h"

G_BEGIN_DECLS

/* The newest items listed at once; older ones stay in the database. */
#define HD_STORE_FEED_ITEMS_LIMIT 300

/* Records a feed at @url (already fetched and found to be a feed). A second feed at the same
 * address is refused with HD_STORE_ERROR_INVALID. */
HdFeed      *hd_store_add_feed                  (HdStore          *self,
                                                 const char       *url,
                                                 const char       *title,
                                                 const char       *site_url,
                                                 GError          **error);
/* Removes the feed and every item it brought; drafts made from them stay. */
gboolean     hd_store_remove_feed               (HdStore          *self,
                                                 const char       *feed_id,
                                                 GError          **error);
HdFeed      *hd_store_load_feed                 (HdStore          *self,
                                                 const char       *feed_id,
                                                 GError          **error);
/* NULL without an error when no feed has that address. */
HdFeed      *hd_store_find_feed_by_url          (HdStore          *self,
                                                 const char       *url,
                                                 GError          **error);
/* HdFeed items by title; the model follows the store. */
GListModel  *hd_store_list_feeds                (HdStore          *self,
                                                 GError          **error);

/* Remembers the outcome of a fetch: on success (@error_message NULL) the validators, the
 * feed's title and site when given, and the time; on failure only the sentence. */
gboolean     hd_store_record_feed_fetch         (HdStore          *self,
                                                 const char       *feed_id,
                                                 const HdFeedDocument *document,
                                                 const char       *etag,
                                                 const char       *last_modified,
                                                 gint64            fetched_at,
                                                 const char       *error_message,
                                                 GError          **error);
/* Adds the entries not yet known (by feed and guid) and refreshes the title, link and summary
 * of the others, in one transaction; fetching the same feed twice adds nothing. */
gboolean     hd_store_merge_feed_entries        (HdStore          *self,
                                                 const char       *feed_id,
                                                 GPtrArray        *entries,
                                                 gint64            fetched_at,
                                                 guint            *n_added,
                                                 GError          **error);

/* HdFeedItem items not dismissed, newest first (by published date, else by when they were
 * fetched), at most HD_STORE_FEED_ITEMS_LIMIT; the model follows the store. */
GListModel  *hd_store_list_feed_items           (HdStore          *self,
                                                 GError          **error);
HdFeedItem  *hd_store_load_feed_item            (HdStore          *self,
                                                 const char       *item_id,
                                                 GError          **error);
gboolean     hd_store_set_feed_item_dismissed   (HdStore          *self,
                                                 const char       *item_id,
                                                 gboolean          dismissed,
                                                 GError          **error);
/* Saves a draft whose text is the item's title, a blank line and its link, and links the item
 * to it, in one transaction. An item already made into a draft that still exists gives that
 * draft back instead of a second one. */
HdPost      *hd_store_make_draft_from_feed_item (HdStore          *self,
                                                 const char       *item_id,
                                                 GError          **error);

/* Fetches @url, follows a web page to the feed it names (once), and records the feed with its
 * items. Nothing is recorded when the address is not a feed. */
void         hd_store_follow_feed_async         (HdStore             *self,
                                                 HdFeedFetcher       *fetcher,
                                                 const char          *url,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
HdFeed      *hd_store_follow_feed_finish        (HdStore             *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Fetches one feed again (conditionally) and merges what is new. A failure is recorded on the
 * feed, for the user to see beside it, and returned. */
void         hd_store_refresh_feed_async        (HdStore             *self,
                                                 HdFeedFetcher       *fetcher,
                                                 const char          *feed_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean     hd_store_refresh_feed_finish       (HdStore             *self,
                                                 GAsyncResult        *result,
                                                 guint               *n_added,
                                                 GError             **error);

/* Refreshes every feed at once. Failures of single feeds are recorded on them and counted in
 * @n_failed; only a failure of the store itself is an error. */
void         hd_store_refresh_feeds_async       (HdStore             *self,
                                                 HdFeedFetcher       *fetcher,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean     hd_store_refresh_feeds_finish      (HdStore             *self,
                                                 GAsyncResult        *result,
                                                 guint               *n_added,
                                                 guint               *n_failed,
                                                 GError             **error);

G_END_DECLS
