/* hd-ideas-page.h: ideas kept for later, and ideas from the feeds the user follows.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"
#include "hd-feed-fetcher.h"

G_BEGIN_DECLS

#define HD_TYPE_IDEAS_PAGE (hd_ideas_page_get_type ())
G_DECLARE_FINAL_TYPE (HdIdeasPage, hd_ideas_page, HD, IDEAS_PAGE, AdwBin)

HdStore       *hd_ideas_page_get_store   (HdIdeasPage   *self);
void           hd_ideas_page_set_store   (HdIdeasPage   *self,
                                          HdStore       *store);
/* The page fetches feeds with a fetcher of its own unless given the application's. */
HdFeedFetcher *hd_ideas_page_get_fetcher (HdIdeasPage   *self);
void           hd_ideas_page_set_fetcher (HdIdeasPage   *self,
                                          HdFeedFetcher *fetcher);
/* TRUE while the feeds are being refreshed. */
gboolean       hd_ideas_page_get_busy    (HdIdeasPage   *self);

G_END_DECLS
