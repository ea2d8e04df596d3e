/* feed-server.h: an in-process web server on 127.0.0.1 serving feeds, pages and failures.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _FeedServer FeedServer;

/* Paths:
 *   /feed.xml         RSS 2.0 with ETag and Last-Modified, 304 when they match
 *   /atom.xml         Atom, no validators
 *   /page.html        a web page naming /atom.xml as its feed
 *   /plain.html       a web page naming no feed
 *   /missing          404       /gone  410      /broken  500
 *   /loop-a, /loop-b  redirect to each other
 *   /chain/N          N redirects, then /feed.xml
 *   /to-file          redirects to file:///etc/passwd
 *   /slow             never answers (until the server is freed)
 *   /huge             a 6 MB body, sent chunked with no length
 *   /huge-length      a Content-Length over the cap
 *   /image.png        an image
 */
FeedServer  *feed_server_new              (void);
void         feed_server_free             (FeedServer  *self);
/* An absolute URL for @path on the server. */
char        *feed_server_url              (FeedServer  *self,
                                           const char  *path);
/* The RSS at /feed.xml: version 1 has four items; version 2 retitles one and adds a fifth. */
void         feed_server_set_feed_version (FeedServer  *self,
                                           guint        version);
/* Requests for @path so far, and how many of them were answered 304. */
guint        feed_server_count_requests   (FeedServer  *self,
                                           const char  *path);
guint        feed_server_count_not_modified (FeedServer *self);
/* When TRUE every request is answered 503, as during an outage. */
void         feed_server_set_down         (FeedServer  *self,
                                           gboolean     down);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeedServer, feed_server_free)

G_END_DECLS
