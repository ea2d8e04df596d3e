/* hd-store-posts.h: posts with their variants and labels
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-post.h"
#include "hd-variant.h"

G_BEGIN_DECLS

/* Inserts or updates the post, its variants (variants no longer on the post are removed) and
 * its labels (unknown label names are created) in one transaction. Sets created-at on first
 * save and updated-at every time. An unscheduled post has scheduled-at 0.
 *
 * The outbox follows in the same transaction. A post in state scheduled (including "publish
 * now", which is scheduled at the current instant) has exactly one pending "publish" row per
 * channel of its variants, updated in place when the post is edited again, never duplicated;
 * a variant that already has a remote id needs no publish row, and neither does a variant
 * whose own state is draft (or idea): that channel is held back while the others go ahead,
 * as the composer does with a channel whose text is over its limit, and gets its row once the
 * variant is saved as scheduled. A channel removed from the
 * post, or the post going back to draft or idea, removes the pending rows of those channels,
 * or queues a "delete" (carrying the remote id) where the variant already exists on its
 * platform. Deleting the post does the same for every channel. Drafts and ideas have no
 * outbox rows; posts that are publishing, published or failed keep theirs as they are. */
gboolean     hd_store_save_post            (HdStore      *self,
                                            HdPost       *post,
                                            GError      **error);
HdPost      *hd_store_load_post            (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
gboolean     hd_store_delete_post          (HdStore      *self,
                                            const char   *id,
                                            GError      **error);

/* HdPost items scheduled in [@from, @to), earliest first; 0 and G_MAXINT64 leave an end
 * open. Posts without a scheduled instant are not listed. The model follows the store. */
GListModel  *hd_store_list_posts           (HdStore      *self,
                                            gint64        from,
                                            gint64        to,
                                            GError      **error);
/* HdPost items in @state: scheduled ones first by instant, then the rest newest first. */
GListModel  *hd_store_list_posts_in_state  (HdStore      *self,
                                            HdPostState   state,
                                            GError      **error);
/* HdPost items carrying the label called @label_name. */
GListModel  *hd_store_list_posts_with_label (HdStore     *self,
                                             const char  *label_name,
                                             GError     **error);
gboolean     hd_store_count_posts          (HdStore      *self,
                                            guint        *n_posts,
                                            GError      **error);

G_END_DECLS
