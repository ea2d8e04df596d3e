/* hd-feeds-dialog.h: add, check and remove the feeds ideas come from.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"
#include "hd-feed-fetcher.h"

G_BEGIN_DECLS

#define HD_TYPE_FEEDS_DIALOG (hd_feeds_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HdFeedsDialog, hd_feeds_dialog, HD, FEEDS_DIALOG, AdwWindow)

HdFeedsDialog *hd_feeds_dialog_new           (GtkWindow     *parent,
                                              HdStore       *store,
                                              HdFeedFetcher *fetcher);
/* Follows @url as if typed and confirmed; the outcome shows in the dialog. */
void           hd_feeds_dialog_add_url       (HdFeedsDialog *self,
                                              const char    *url);
/* TRUE while a feed is being fetched. */
gboolean       hd_feeds_dialog_get_busy      (HdFeedsDialog *self);
/* The sentence shown under the address, or NULL. */
const char    *hd_feeds_dialog_get_error     (HdFeedsDialog *self);

G_END_DECLS
