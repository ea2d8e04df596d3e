/* hd-feed-fetcher.h: downloads feeds politely and defensively.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  gboolean  not_modified;   /* 304: nothing new since the ETag or date that was sent */
  GBytes   *body;           /* NULL when not modified */
  char     *url;            /* where the body came from, after redirects */
  char     *content_type;   /* as the server named it, or NULL */
  char     *etag;           /* to send back next time, or NULL */
  char     *last_modified;  /* to send back next time, or NULL */
} HdFeedResponse;

void hd_feed_response_free (HdFeedResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFeedResponse, hd_feed_response_free)

/* The longest a whole fetch may take, answer and body together. */
#define HD_FEED_FETCHER_DEFAULT_TIMEOUT_MS 20000
/* Redirects followed before giving up. */
#define HD_FEED_FETCHER_MAX_REDIRECTS 5

#define HD_TYPE_FEED_FETCHER (hd_feed_fetcher_get_type ())
G_DECLARE_FINAL_TYPE (HdFeedFetcher, hd_feed_fetcher, HD, FEED_FETCHER, GObject)

/* Fetches over @session (the application's), or over a session of its own when NULL. */
HdFeedFetcher  *hd_feed_fetcher_new            (SoupSession          *session);
SoupSession    *hd_feed_fetcher_get_session    (HdFeedFetcher        *self);
guint           hd_feed_fetcher_get_timeout    (HdFeedFetcher        *self);
void            hd_feed_fetcher_set_timeout    (HdFeedFetcher        *self,
                                                guint                 timeout_ms);
gsize           hd_feed_fetcher_get_max_bytes  (HdFeedFetcher        *self);
void            hd_feed_fetcher_set_max_bytes  (HdFeedFetcher        *self,
                                                gsize                 max_bytes);

/* A conditional GET of @url (http or https only) sending @etag and @last_modified when given.
 * Follows at most HD_FEED_FETCHER_MAX_REDIRECTS redirects, stops reading past the size cap,
 * and refuses bodies that cannot be a feed or a page naming one. Errors are HD_FEED_ERROR
 * sentences, or G_IO_ERROR_CANCELLED when @cancellable was cancelled. */
void            hd_feed_fetcher_fetch_async    (HdFeedFetcher        *self,
                                                const char           *url,
                                                const char           *etag,
                                                const char           *last_modified,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
HdFeedResponse *hd_feed_fetcher_fetch_finish   (HdFeedFetcher        *self,
                                                GAsyncResult         *result,
                                                GError              **error);

/* What the user typed, as an absolute http(s) address: "example.com/feed" becomes
 * "https://example.com/feed". NULL and HD_FEED_ERROR_INVALID_URL for anything else. */
char           *hd_feed_normalize_url          (const char           *text,
                                                GError              **error);

G_END_DECLS
