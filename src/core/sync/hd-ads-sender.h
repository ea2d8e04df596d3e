/* hd-ads-sender.h: sends the campaigns, ad sets and ads waiting in the outbox to Meta, each
 * parent before its children
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-sender.h"

G_BEGIN_DECLS

/* What became of the ad rows of one run is an HdSendReport, as for posts: an item's post_id
 * and remote_url are NULL, and its excerpt names the object ("Campaign “Spring sale”"). */

#define HD_TYPE_ADS_SENDER (hd_ads_sender_get_type ())

G_DECLARE_FINAL_TYPE (HdAdsSender, hd_ads_sender, HD, ADS_SENDER, GObject)

/* Sends with @sender's store and HTTP session, and under its right to send: only the Herald
 * process whose HdSender holds the sync lock sends ads too. */
HdAdsSender *hd_ads_sender_new             (HdSender             *sender);
HdSender    *hd_ads_sender_get_sender      (HdAdsSender          *self);
gboolean     hd_ads_sender_get_running     (HdAdsSender          *self);
/* Makes the ±20 % spread of the backoff repeat from @seed, for tests. */
void         hd_ads_sender_set_jitter_seed (HdAdsSender          *self,
                                            guint32               seed);

/* Sends the ad rows due at @now (see hd_store_list_ad_changes_to_send), one after another:
 * each row is committed in flight before its request leaves. A create makes the object under
 * its parent (an ad first gets its creative, whose id is kept on the row, and its picture
 * uploaded); Meta has no idempotency key, so a row that may have reached Meta before (it was
 * unconfirmed, or an earlier try got no answer) is first looked for by name under its parent.
 * An update sends only the fields that changed since Meta last confirmed them, and nothing at
 * all when none did. The row is done, with the remote id and what Meta now holds, in one
 * transaction. A passing failure or a rate limit puts the row back with a backoff (or Meta's
 * wait) and holds the rest of its channel; a refused sign-in marks the channel as needing to
 * reconnect and holds its rows; a refusal for good fails the row with Meta's sentence, and
 * the children of a parent that failed wait, saying why. Fails with G_IO_ERROR_BUSY, sending
 * nothing, while another process sends, and with G_IO_ERROR_PENDING while a run goes on. */
void         hd_ads_sender_send_due_async  (HdAdsSender          *self,
                                            gint64                now,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* FALSE only when the run could not happen; what Meta said is in @report either way. */
gboolean     hd_ads_sender_send_due_finish (HdAdsSender          *self,
                                            GAsyncResult         *result,
                                            HdSendReport         **report,
                                            GError              **error);

G_END_DECLS
