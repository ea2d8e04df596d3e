/* hd-reply-sender.h: sends the answers written in the inbox, and hides comments, through the
 * outbox
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-sender.h"

G_BEGIN_DECLS

/* How long Mastodon remembers an Idempotency-Key (reference/channel-apis.md §1): an answer
 * left in flight longer ago than this is not sent again blindly. A margin is kept below the
 * hour the instance keeps it. */
#define HD_REPLY_KEY_LIFETIME (50 * 60)

#define HD_TYPE_REPLY_SENDER (hd_reply_sender_get_type ())

G_DECLARE_FINAL_TYPE (HdReplySender, hd_reply_sender, HD, REPLY_SENDER, GObject)

/* Sends under @sender's lock, over its session, so only one process sends at a time. */
HdReplySender *hd_reply_sender_new              (HdSender             *sender);
gboolean       hd_reply_sender_get_running      (HdReplySender        *self);

/* Sends the answers and hide rows due at @now on connected channels, channel by channel in
 * the order they were written. In the report's items, excerpt is the answer's first words
 * and post_id Herald's post the conversation is about (NULL when none). G_IO_ERROR_BUSY when
 * another process sends. */
void           hd_reply_sender_send_due_async   (HdReplySender        *self,
                                                 gint64                now,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       hd_reply_sender_send_due_finish  (HdReplySender        *self,
                                                 GAsyncResult         *result,
                                                 HdSendReport        **report,
                                                 GError              **error);

G_END_DECLS
