/* hd-bluesky-facets.h: links, mentions and hashtags of a Bluesky post, in UTF-8 bytes
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HD_BLUESKY_FACET_LINK,
  HD_BLUESKY_FACET_MENTION,
  HD_BLUESKY_FACET_TAG,
} HdBlueskyFacetKind;

/* [byte_start, byte_end) covers the text as written: the whole URL, "@handle", "#tag". */
typedef struct
{
  HdBlueskyFacetKind  kind;
  gsize               byte_start;
  gsize               byte_end;
  /* the URI, the handle without "@", or the tag without "#" */
  char               *value;
} HdBlueskyFacet;

void       hd_bluesky_facet_free        (HdBlueskyFacet *facet);
GPtrArray *hd_bluesky_find_facets       (const char     *text);
gboolean   hd_bluesky_is_valid_handle   (const char     *handle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdBlueskyFacet, hd_bluesky_facet_free)

G_END_DECLS
