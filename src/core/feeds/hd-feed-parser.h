/* hd-feed-parser.h: RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 documents into a plain list of items.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HD_FEED_ERROR (hd_feed_error_quark ())

typedef enum
{
  HD_FEED_ERROR_NOT_A_FEED,     /* well-formed, but neither RSS nor Atom, nor a page naming one */
  HD_FEED_ERROR_INVALID_XML,    /* not well-formed, truncated, or in a broken encoding */
  HD_FEED_ERROR_UNSAFE,         /* declares entities: refused before anything is expanded */
  HD_FEED_ERROR_TOO_LARGE,      /* more bytes than Herald reads from one feed */
  HD_FEED_ERROR_INVALID_URL,    /* the address typed is not an http or https URL */
  HD_FEED_ERROR_NETWORK,        /* no connection, name not found, refused, TLS failure */
  HD_FEED_ERROR_TIMEOUT,        /* the server did not answer in time */
  HD_FEED_ERROR_HTTP,           /* the server answered with an error status */
  HD_FEED_ERROR_REDIRECTS,      /* too many redirects, or a loop */
  HD_FEED_ERROR_WRONG_TYPE,     /* the server sent a picture, a program, JSON… */
} HdFeedError;

GQuark hd_feed_error_quark (void);

/* The most Herald reads from one feed; a bigger document is refused unread. */
#define HD_FEED_MAX_BYTES (5 * 1024 * 1024)
/* Items past this many in one document are ignored: no feed carries more news than this. */
#define HD_FEED_MAX_ITEMS 500

typedef enum
{
  HD_FEED_FORMAT_RSS2,
  HD_FEED_FORMAT_RSS1,
  HD_FEED_FORMAT_ATOM,
  HD_FEED_FORMAT_HTML,   /* a web page: only discovered_url is set */
} HdFeedFormat;

typedef struct
{
  char   *guid;          /* never NULL: the feed's id, else the link, else a hash */
  char   *title;         /* plain text, never NULL, may be "" */
  char   *link;          /* absolute http(s) URL, or NULL */
  char   *summary;       /* plain text, tags stripped, entities decoded; never NULL */
  gint64  published_at;  /* Unix seconds, 0 when the feed gives no date */
} HdFeedEntry;

typedef struct
{
  HdFeedFormat  format;
  char         *title;           /* plain text, never NULL, may be "" */
  char         *site_url;        /* absolute http(s) URL, or NULL */
  char         *discovered_url;  /* HTML only: the feed the page announces */
  GPtrArray    *entries;         /* HdFeedEntry, in document order */
} HdFeedDocument;

/* Parses @data (at most HD_FEED_MAX_BYTES) fetched from @url, which resolves relative links.
 * Never touches the network or the file system: external entities and DTDs are not loaded,
 * and a document that declares entities is refused as unsafe. Errors are sentences naming
 * @url that a user can read. */
HdFeedDocument *hd_feed_parse                 (const char      *data,
                                               gsize            length,
                                               const char      *url,
                                               GError         **error);
void            hd_feed_document_free         (HdFeedDocument  *document);
void            hd_feed_entry_free            (HdFeedEntry     *entry);

/* Dates as feeds write them: RFC 822 with its common variations (RSS), RFC 3339 (Atom,
 * Dublin Core). Returns 0 for anything else. */
gint64          hd_feed_parse_date            (const char      *text);

/* HTML fragment to plain text: tags dropped, entities decoded, whitespace collapsed. */
char           *hd_feed_html_to_text          (const char      *html);

/* An absolute http(s) URL for @href read relative to @base, or NULL for anything else
 * (javascript:, data:, file:, garbage). */
char           *hd_feed_resolve_url           (const char      *base,
                                               const char      *href);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFeedDocument, hd_feed_document_free)

G_END_DECLS
