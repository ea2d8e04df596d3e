/* hd-feed-item-row.h: one item of a followed feed, with what can be done with it.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-feed-item.h"

G_BEGIN_DECLS

#define HD_TYPE_FEED_ITEM_ROW (hd_feed_item_row_get_type ())
G_DECLARE_FINAL_TYPE (HdFeedItemRow, hd_feed_item_row, HD, FEED_ITEM_ROW, AdwBin)

/* The row's buttons activate "ideas.make-draft", "ideas.open-draft" and "ideas.dismiss" with
 * the item's (or its draft's) id, for an ancestor to install. */
GtkWidget  *hd_feed_item_row_new      (void);
HdFeedItem *hd_feed_item_row_get_item (HdFeedItemRow *self);
void        hd_feed_item_row_set_item (HdFeedItemRow *self,
                                       HdFeedItem    *item);

G_END_DECLS
