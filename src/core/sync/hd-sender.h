/* hd-sender.h: sends the outbox rows that are due, one channel after another in order and
 * all channels at once
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-channels.h"

G_BEGIN_DECLS

/* What became of one outbox row in a run. */
typedef enum
{
  /* published, or deleted, on the platform; the remote id is stored */
  HD_SEND_OUTCOME_SENT,
  /* an earlier attempt had reached the platform after all: recorded, not sent again */
  HD_SEND_OUTCOME_CONFIRMED,
  /* rate-limited or a passing failure: pending again from next_attempt_at */
  HD_SEND_OUTCOME_WAITING,
  /* the platform refused the credentials: the channel needs reconnecting, its rows wait */
  HD_SEND_OUTCOME_NEEDS_RECONNECT,
  /* the platform refused the post for good: failed with its reason, the post needs
   * attention */
  HD_SEND_OUTCOME_FAILED,
  /* the platform holds the post and publishes it at its time by itself: the row is done, the
   * post stays scheduled */
  HD_SEND_OUTCOME_HANDED_OVER,
  /* its time passed more than the late grace ago while Herald was not running: not sent, it
   * waits for the user to send it late or pick a new time (hd_store_send_missed_now) */
  HD_SEND_OUTCOME_MISSED,
} HdSendOutcome;

typedef struct
{
  char          *change_id;
  char          *post_id;
  char          *channel_id;
  /* the first words of the post's text, for a list of results */
  char          *excerpt;
  /* the channel as the user knows it: its display name, else its handle */
  char          *channel_name;
  HdSendOutcome  outcome;
  /* one translated sentence saying what happened, with the platform's reason when it gave
   * one */
  char          *sentence;
  /* where the post is now, when it went out */
  char          *remote_url;
  /* for HD_SEND_OUTCOME_WAITING: Unix seconds of the next try */
  gint64         next_attempt_at;
} HdSendItem;

#define HD_TYPE_SEND_REPORT (hd_send_report_get_type ())

typedef struct _HdSendReport HdSendReport;

GType             hd_send_report_get_type    (void) G_GNUC_CONST;
HdSendReport     *hd_send_report_ref         (HdSendReport  *self);
void              hd_send_report_unref       (HdSendReport  *self);
/* The rows dealt with, channel by channel in the order each channel sent them. */
guint             hd_send_report_get_n_items (HdSendReport  *self);
const HdSendItem *hd_send_report_get_item    (HdSendReport  *self,
                                              guint          index);
/* Rows with @outcome. */
guint             hd_send_report_count       (HdSendReport  *self,
                                              HdSendOutcome  outcome);
/* TRUE when every row went (sent, confirmed or handed over): `herald sync` exits 0 on this. */
gboolean          hd_send_report_all_sent    (HdSendReport  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdSendReport, hd_send_report_unref)

#define HD_TYPE_SENDER (hd_sender_get_type ())

G_DECLARE_FINAL_TYPE (HdSender, hd_sender, HD, SENDER, GObject)

HdSender   *hd_sender_new              (HdStore              *store,
                                        HdHttp               *http);
HdStore    *hd_sender_get_store        (HdSender             *self);
HdHttp     *hd_sender_get_http         (HdSender             *self);
/* TRUE while a run of hd_sender_send_due_async() is going; see also HdSender::item-done. */
gboolean    hd_sender_get_running      (HdSender             *self);

/* How late a post that Herald publishes itself may still go out: one whose time is more than
 * @seconds past when the sender reaches it is missed instead (HD_SEND_OUTCOME_MISSED), unless
 * the user said to send it late. 15 minutes unless set. */
void        hd_sender_set_late_grace   (HdSender             *self,
                                        gint64                seconds);
gint64      hd_sender_get_late_grace   (HdSender             *self);
/* Makes the ±20 % spread of the backoff repeat from @seed, for tests. */
void        hd_sender_set_jitter_seed  (HdSender             *self,
                                        guint32               seed);

/* Call once when the program starts, before the first send. Only one Herald process sends
 * at a time (HdSyncLock, held until the sender is finalized): this fails with
 * G_IO_ERROR_BUSY while another holds it, and touches nothing of its rows. Holding it, a row
 * left in flight by a process that died may or may not have reached its platform, so it
 * becomes unconfirmed, and the next hd_sender_send_due_async() asks the platform before it
 * sends anything else on that channel. Returns the number of rows found in flight through
 * @n_recovered. */
gboolean    hd_sender_recover          (HdSender             *self,
                                        guint                *n_recovered,
                                        GError              **error);

/* Reconciles the unconfirmed rows, then sends the pending rows that are due at @now
 * (publish rows of posts scheduled at or before @now whose next attempt is not later; delete
 * rows) on every connected channel: in queue order within a channel, channels in parallel.
 * A post whose platform can schedule it at its instant is handed over as soon as its row is
 * pending; a post Herald publishes itself that is too late (see hd_sender_set_late_grace) is
 * missed. Fails with G_IO_ERROR_BUSY, sending nothing, while another process sends.
 * Each row is committed in flight before its request leaves, and its result is written in
 * one transaction with the variant's remote id and, once all its channels are out, the post
 * published. Rows of channels that are not connected stay as they are. Only one run at a
 * time: a second call while one runs fails with G_IO_ERROR_PENDING. */
void        hd_sender_send_due_async   (HdSender             *self,
                                        gint64                now,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
/* FALSE only when the run could not happen (the database failed); what the platforms said is
 * in @report either way. */
gboolean    hd_sender_send_due_finish  (HdSender             *self,
                                        GAsyncResult         *result,
                                        HdSendReport        **report,
                                        GError              **error);

/* The backoff after the @attempts-th passing failure when the platform gave no Retry-After:
 * 30 s doubled each time, at most an hour. The sender spreads it by ±20 % (never beyond the
 * hour), so many clients that failed together do not come back together. */
gint64      hd_sender_backoff          (guint                 attempts);

G_END_DECLS
