/* hd-sender-private.h: what the senders of posts and of campaigns share
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-sender.h"

G_BEGIN_DECLS

HdSendReport *_hd_send_report_new    (void);
/* Moves @item, with the strings it holds, to the end of the report. */
void          _hd_send_report_append (HdSendReport *self,
                                      HdSendItem   *item);

/* Takes or keeps the right to send for the other senders of this process. Rows in flight are
 * made unconfirmed only when the right is newly taken, never under a sender of this process
 * that is sending them. */
gboolean      _hd_sender_hold_lock   (HdSender     *self,
                                      GError      **error);

/* The sentence of a row that waits @wait seconds after @failure: the platform's reason, and
 * when Herald tries again unless the reason says so already. */
char         *_hd_sender_describe_waiting (const GError *failure,
                                           gint64        wait);

G_END_DECLS
