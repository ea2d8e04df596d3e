/* hd-inbox-item.h: a comment, reply, mention or message that came back from a channel.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_INBOX_ITEM (hd_inbox_item_get_type ())
G_DECLARE_FINAL_TYPE (HdInboxItem, hd_inbox_item, HD, INBOX_ITEM, GObject)

/* A new object has a fresh random UUID as its id. */
HdInboxItem  *hd_inbox_item_new               (void);
const char   *hd_inbox_item_get_id            (HdInboxItem  *self);
void          hd_inbox_item_set_id            (HdInboxItem  *self,
                                               const char   *id);
const char   *hd_inbox_item_get_channel_id    (HdInboxItem  *self);
void          hd_inbox_item_set_channel_id    (HdInboxItem  *self,
                                               const char   *channel_id);
HdInboxKind   hd_inbox_item_get_kind          (HdInboxItem  *self);
void          hd_inbox_item_set_kind          (HdInboxItem  *self,
                                               HdInboxKind   kind);
const char   *hd_inbox_item_get_remote_id     (HdInboxItem  *self);
void          hd_inbox_item_set_remote_id     (HdInboxItem  *self,
                                               const char   *remote_id);
const char   *hd_inbox_item_get_thread_id     (HdInboxItem  *self);
void          hd_inbox_item_set_thread_id     (HdInboxItem  *self,
                                               const char   *thread_id);
const char   *hd_inbox_item_get_parent_id     (HdInboxItem  *self);
void          hd_inbox_item_set_parent_id     (HdInboxItem  *self,
                                               const char   *parent_id);
const char   *hd_inbox_item_get_author_name   (HdInboxItem  *self);
void          hd_inbox_item_set_author_name   (HdInboxItem  *self,
                                               const char   *author_name);
const char   *hd_inbox_item_get_author_handle (HdInboxItem  *self);
void          hd_inbox_item_set_author_handle (HdInboxItem  *self,
                                               const char   *author_handle);
const char   *hd_inbox_item_get_text          (HdInboxItem  *self);
void          hd_inbox_item_set_text          (HdInboxItem  *self,
                                               const char   *text);
gint64        hd_inbox_item_get_received_at   (HdInboxItem  *self);
void          hd_inbox_item_set_received_at   (HdInboxItem  *self,
                                               gint64        received_at);
const char   *hd_inbox_item_get_post_id       (HdInboxItem  *self);
void          hd_inbox_item_set_post_id       (HdInboxItem  *self,
                                               const char   *post_id);
HdReplyState  hd_inbox_item_get_reply_state   (HdInboxItem  *self);
void          hd_inbox_item_set_reply_state   (HdInboxItem  *self,
                                               HdReplyState  reply_state);

/* The user's marks and the answer being written, as loaded from the store: saving the item
 * leaves them alone; hd_store_set_inbox_item_hidden and the other calls of
 * hd-store-inbox.h change them. */
gboolean      hd_inbox_item_get_hidden        (HdInboxItem  *self);
void          hd_inbox_item_set_hidden        (HdInboxItem  *self,
                                               gboolean      hidden);
/* its author deleted it on the platform */
gboolean      hd_inbox_item_get_deleted       (HdInboxItem  *self);
void          hd_inbox_item_set_deleted       (HdInboxItem  *self,
                                               gboolean      deleted);
/* written in Herald: an answer that goes out through the outbox */
gboolean      hd_inbox_item_get_outgoing      (HdInboxItem  *self);
void          hd_inbox_item_set_outgoing      (HdInboxItem  *self,
                                               gboolean      outgoing);
/* the answer being written to it, NULL when none */
const char   *hd_inbox_item_get_draft         (HdInboxItem  *self);
void          hd_inbox_item_set_draft         (HdInboxItem  *self,
                                               const char   *draft);

G_END_DECLS
