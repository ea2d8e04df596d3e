/* hd-store-outbox.h: changes waiting to be sent to the platforms
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

/* What an outbox row is about, and what it asks of the platform. */
#define HD_OUTBOX_SUBJECT_POST     "post"
#define HD_OUTBOX_SUBJECT_VARIANT  "variant"
#define HD_OUTBOX_SUBJECT_CAMPAIGN "campaign"
#define HD_OUTBOX_SUBJECT_AD_SET   "ad-set"
#define HD_OUTBOX_SUBJECT_AD       "ad"
#define HD_OUTBOX_SUBJECT_AUDIENCE "audience"
#define HD_OUTBOX_SUBJECT_INBOX    "inbox-item"

#define HD_OUTBOX_OPERATION_CREATE "create"
#define HD_OUTBOX_OPERATION_UPDATE "update"
#define HD_OUTBOX_OPERATION_DELETE "delete"
#define HD_OUTBOX_OPERATION_REPLY  "reply"
/* A post's variant going out on its channel at the post's instant (or now). */
#define HD_OUTBOX_OPERATION_PUBLISH "publish"

/* Queues a change in state pending. Call inside the transaction that writes the local edit,
 * so the edit and its outbox row land together. Returns the new row's id. */
char        *hd_store_enqueue_change       (HdStore      *self,
                                            const char   *subject_kind,
                                            const char   *subject_id,
                                            const char   *channel_id,
                                            const char   *operation,
                                            GError      **error);
/* The "N changes to send" of the header: rows not yet done (pending, in flight, failed,
 * unconfirmed or missed). */
gboolean     hd_store_count_pending_changes (HdStore     *self,
                                             guint       *n_pending,
                                             GError     **error);
/* Whether a pending post row of @channel_id waits to be tried again after @now: the head of
 * the channel's queue, rate-limited or failing for a while, which keeps the posts behind it.
 * Campaign rows keep an order of their own and do not hold posts back. */
gboolean     hd_store_channel_waits        (HdStore        *self,
                                            const char     *channel_id,
                                            gint64          now,
                                            gboolean       *waits,
                                            GError        **error);
gboolean     hd_store_set_change_state     (HdStore        *self,
                                            const char     *id,
                                            HdOutboxState   state,
                                            const char     *last_error,
                                            GError        **error);

/* One outbox row. Instants are Unix seconds, 0 when not set. */
typedef struct
{
  char           *id;
  char           *subject_kind;
  char           *subject_id;
  char           *channel_id;
  char           *operation;
  HdOutboxState   state;
  guint           attempts;
  gint64          next_attempt_at;
  char           *last_error;
  char           *idempotency_key;
  char           *remote_id;
  gint64          created_at;
  gint64          updated_at;
  /* the user let this missed row go late, once */
  gboolean        send_late;
  /* the platform object that keeps a retry from posting twice (Instagram's container), kept
   * as soon as it exists; NULL until then */
  char           *record_key;
  /* remote_id names a post the platform holds for later: a publish row handed over for
   * native scheduling, or a delete row of such a post */
  gboolean        remote_scheduled;
} HdChange;

#define HD_TYPE_CHANGE (hd_change_get_type ())

GType        hd_change_get_type             (void) G_GNUC_CONST;
HdChange    *hd_change_copy                 (const HdChange  *change);
void         hd_change_free                 (HdChange        *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdChange, hd_change_free)

/* What a sender does with the outbox. Every call is one transaction. */

/* The row, or NULL with HD_STORE_ERROR_NOT_FOUND. */
HdChange    *hd_store_load_change           (HdStore        *self,
                                             const char     *id,
                                             GError        **error);
/* HdChange rows of @channel_id (every channel when NULL) in @state, oldest first. */
GPtrArray   *hd_store_list_changes          (HdStore        *self,
                                             const char     *channel_id,
                                             HdOutboxState   state,
                                             GError        **error);
/* On start: every in-flight row becomes unconfirmed, since nobody knows whether its request
 * reached the platform. */
gboolean     hd_store_unconfirm_in_flight   (HdStore        *self,
                                             guint          *n_changed,
                                             GError        **error);
/* Whether the platform of a @kind channel would itself publish a post scheduled at @instant
 * (hd_provider_kind_can_schedule_at; the store cannot see the channels' rules). */
typedef gboolean (*HdNativeSchedulingFunc) (HdChannelKind  kind,
                                            gint64         instant,
                                            gint64         now);

/* Lets hd_store_list_changes_to_send hand future posts over to platforms that schedule them
 * themselves. Without it, every post waits for its time. */
void         hd_store_set_native_scheduling (HdStore               *self,
                                             HdNativeSchedulingFunc  func);

/* The rows a sender should deal with at @now on connected channels, as HdChange: first the
 * unconfirmed ones, then the pending ones whose next attempt is not later than @now and that
 * are due: publish rows of posts scheduled at or before @now, publish rows of later posts on
 * channels whose platform schedules them itself at that instant (see
 * hd_store_set_native_scheduling), and delete rows. A publish row waits while the delete of
 * the copy the platform holds for later is still to go and not due in this run (one that is
 * due comes first; the sender skips the publish if it does not go through), so there are
 * never two. Ordered by
 * channel, then by the post's instant (a delete before a publish of the same post) and the
 * queue order within a channel. */
GPtrArray   *hd_store_list_changes_to_send  (HdStore        *self,
                                             gint64          now,
                                             GError        **error);
/* When the next row waiting on a connected channel becomes due, in Unix seconds, so a sender
 * that runs by itself knows how long it may sleep: @now when one is due already (an
 * unconfirmed row, say), 0 when nothing waits. A post a platform could hold for later counts
 * from its time; the caller wakes often enough to hand it over before that. */
gboolean     hd_store_next_change_due       (HdStore        *self,
                                             gint64          now,
                                             gint64         *next_due,
                                             GError        **error);
/* pending or unconfirmed -> in-flight, one attempt more. Committed before the request leaves;
 * refused with HD_STORE_ERROR_INVALID when the row is in another state (someone else is
 * sending it, or it was withdrawn). */
gboolean     hd_store_begin_sending_change  (HdStore        *self,
                                             const char     *id,
                                             GError        **error);
/* in-flight -> pending, the attempt not counted: for a row made ready to go whose request
 * never left, because the row before it on the channel stopped the queue. */
gboolean     hd_store_release_change        (HdStore        *self,
                                             const char     *id,
                                             GError        **error);
/* The platform holds the variant as @remote_id: the variant gets the remote id and URL and
 * state published, the row is done, and the post is published (published-at @now) once none
 * of its publish rows is left to go and every variant is out (a variant held back as a draft
 * keeps the post scheduled). A delete row is simply done. */
gboolean     hd_store_complete_change       (HdStore        *self,
                                             const char     *id,
                                             const char     *remote_id,
                                             const char     *remote_url,
                                             gint64          now,
                                             GError        **error);
/* The platform took the variant to publish it at the post's instant by itself: the row is
 * done and remembers that @remote_id is held for later, the variant keeps the remote id and
 * URL and stays scheduled, and so does the post. */
gboolean     hd_store_hand_over_change      (HdStore        *self,
                                             const char     *id,
                                             const char     *remote_id,
                                             const char     *remote_url,
                                             gint64          now,
                                             GError        **error);
/* Variants handed over whose instant is at or before @now are out by now: published, and their
 * posts too once nothing else of them is left to go. */
gboolean     hd_store_settle_handed_over    (HdStore        *self,
                                             gint64          now,
                                             GError        **error);
/* Writes @record_key on the row at once, in a transaction of its own. */
gboolean     hd_store_set_change_record_key (HdStore        *self,
                                             const char     *id,
                                             const char     *record_key,
                                             GError        **error);
/* A pending publish row whose time passed while Herald was not running: missed, and its post
 * needs attention, in one transaction. Refused with HD_STORE_ERROR_INVALID unless pending. */
gboolean     hd_store_miss_change           (HdStore        *self,
                                             const char     *id,
                                             gint64          now,
                                             GError        **error);
/* The user's answer to a missed row: pending again, allowed to go late this once, and its
 * post scheduled again. Picking a new time instead is saving the post as scheduled at it,
 * which puts its missed rows back to pending. HD_STORE_ERROR_INVALID unless missed. */
gboolean     hd_store_send_missed_now       (HdStore        *self,
                                             const char     *change_id,
                                             GError        **error);
/* A failed row tried again: pending, its attempts kept, its variant and post scheduled again.
 * HD_STORE_ERROR_INVALID unless failed. */
gboolean     hd_store_retry_change          (HdStore        *self,
                                             const char     *id,
                                             GError        **error);
/* Back to pending, to be tried from @next_attempt_at (0: at the next run), keeping @reason. */
gboolean     hd_store_defer_change          (HdStore        *self,
                                             const char     *id,
                                             gint64          next_attempt_at,
                                             const char     *reason,
                                             GError        **error);
/* Failed for good with the platform's @reason; the variant is failed and the post needs
 * attention. Saving the post as scheduled again puts the row back to pending. */
gboolean     hd_store_fail_change           (HdStore        *self,
                                             const char     *id,
                                             const char     *reason,
                                             GError        **error);

G_END_DECLS
