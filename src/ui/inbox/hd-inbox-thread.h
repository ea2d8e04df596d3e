/* hd-inbox-thread.h: one conversation: Herald's post, the comments in order, the answers
 * written in Herald, and the box to answer in.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

#include "inbox/hd-reply-box.h"

G_BEGIN_DECLS

#define HD_TYPE_INBOX_THREAD (hd_inbox_thread_get_type ())
G_DECLARE_FINAL_TYPE (HdInboxThread, hd_inbox_thread, HD, INBOX_THREAD, AdwBin)

void         hd_inbox_thread_set_store       (HdInboxThread  *self,
                                              HdStore        *store);
/* Shows the conversation of the item @id (NULL: none), keeping the answer being written to
 * the one shown before as its draft. */
void         hd_inbox_thread_open            (HdInboxThread  *self,
                                              const char     *id);
const char  *hd_inbox_thread_get_item_id     (HdInboxThread  *self);
/* Whether the item's platform lets Herald hide it; without, there is no Hide button. */
void         hd_inbox_thread_set_can_hide    (HdInboxThread  *self,
                                              gboolean        can_hide);
/* Whether a Back button leads to the list (the page is folded). */
void         hd_inbox_thread_set_show_back   (HdInboxThread  *self,
                                              gboolean        show_back);
HdReplyBox  *hd_inbox_thread_get_reply_box   (HdInboxThread  *self);
/* The conversation shown, oldest first (HdInboxItem); NULL when none. */
GListModel  *hd_inbox_thread_get_messages    (HdInboxThread  *self);
/* The text of Herald's post shown at the top, or NULL when the conversation is about none. */
const char  *hd_inbox_thread_get_post_text   (HdInboxThread  *self);

G_END_DECLS
