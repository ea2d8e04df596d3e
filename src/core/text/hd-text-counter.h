/* hd-text-counter.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "hd-types.h"

G_BEGIN_DECLS

/* Each platform counts length its own way; see reference/channel-apis.md.
 *
 *  X          twitter-text v3 weighting after NFC: code points in U+0000–U+10FF,
 *             U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 weigh 1, everything else 2;
 *             an emoji (a whole ZWJ sequence, flag, keycap or skin-toned emoji) weighs 2;
 *             a URL, with or without its scheme, weighs 23. Limit 280.
 *  Mastodon   extended grapheme clusters, after every http(s) URL is replaced by 23
 *             characters and every `@user@domain` by `@user`. Limit 500, or the instance's.
 *  Bluesky    extended grapheme clusters (300) and UTF-8 bytes (3000), both enforced.
 *  LinkedIn, Instagram, Facebook
 *             the platforms do not say what a "character" is, so these count UTF-16 code
 *             units, the largest of the plausible units (what a JavaScript `length` gives):
 *             a post Herald accepts is never refused for its length. Instagram also allows at
 *             most 30 hashtags and 20 mentions; every occurrence counts.
 *
 * Grapheme clusters come from ICU's extended grapheme cluster segmentation.
 */

typedef struct
{
  HdChannelKind  kind;

  guint          used;
  guint          limit;

  /* Bluesky only; both 0 on other channels. */
  gsize          bytes;
  gsize          byte_limit;

  /* Instagram only; the limits are 0 on other channels. */
  guint          hashtags;
  guint          hashtag_limit;
  guint          mentions;
  guint          mention_limit;

  gboolean       over;
  /* A translated sentence saying what is over which limit, NULL when the text fits. */
  char          *problem;
} HdTextCount;

/* A byte range [start, end) within a UTF-8 string. */
typedef struct
{
  gsize start;
  gsize end;
} HdTextSpan;

typedef enum
{
  HD_TEXT_URLS_WITH_SCHEME = 0,
  HD_TEXT_URLS_BARE_DOMAINS = 1 << 0,
} HdTextUrlFlags;

guint        hd_text_channel_default_limit (HdChannelKind   kind);

HdTextCount *hd_text_count_new             (HdChannelKind   kind,
                                            const char     *text,
                                            guint           limit);
void         hd_text_count_free            (HdTextCount    *count);

guint        hd_text_count_graphemes       (const char     *text,
                                            gssize          length);
guint        hd_text_count_x_weighted      (const char     *text);
guint        hd_text_count_mastodon        (const char     *text);
guint        hd_text_count_utf16           (const char     *text);
guint        hd_text_count_hashtags        (const char     *text);
guint        hd_text_count_mentions        (const char     *text);

GArray      *hd_text_find_urls             (const char     *text,
                                            HdTextUrlFlags  flags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdTextCount, hd_text_count_free)

G_END_DECLS
