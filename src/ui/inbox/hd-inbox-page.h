/* hd-inbox-page.h: the comments, replies and mentions of every channel, and their threads.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-http.h"
#include "hd-store.h"

#include "inbox/hd-inbox-thread.h"

G_BEGIN_DECLS

#define HD_TYPE_INBOX_PAGE (hd_inbox_page_get_type ())
G_DECLARE_FINAL_TYPE (HdInboxPage, hd_inbox_page, HD, INBOX_PAGE, AdwBin)

HdStore       *hd_inbox_page_get_store          (HdInboxPage *self);
void           hd_inbox_page_set_store          (HdInboxPage *self,
                                                 HdStore     *store);
/* The session providers are made on, to ask each platform whether it lets Herald hide a
 * comment. Without one the page uses the application's. */
void           hd_inbox_page_set_http           (HdInboxPage *self,
                                                 HdHttp      *http);
/* Items waiting for an answer on every channel, for the sidebar (the "n-unanswered"
 * property). */
guint          hd_inbox_page_get_n_unanswered   (HdInboxPage *self);

/* The filters, as the filter bar sets them; @channel_id and @post_id NULL for any. */
void           hd_inbox_page_set_filter         (HdInboxPage *self,
                                                 gboolean     unanswered_only,
                                                 const char  *channel_id,
                                                 const char  *post_id);
/* The items the list shows now, newest first (HdInboxItem). */
GListModel    *hd_inbox_page_get_items          (HdInboxPage *self);
void           hd_inbox_page_open_item          (HdInboxPage *self,
                                                 const char  *id);
HdInboxThread *hd_inbox_page_get_thread         (HdInboxPage *self);

G_END_DECLS
