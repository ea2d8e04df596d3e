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
/* The "N changes to send" of the header: rows not yet done (pending, in flight, failed or
 * unconfirmed). */
gboolean     hd_store_count_pending_changes (HdStore     *self,
                                             guint       *n_pending,
                                             GError     **error);
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
/* The rows a sender should deal with at @now on connected channels, as HdChange: first the
 * unconfirmed ones, then the pending ones that are due (publish rows of posts scheduled at or
 * before @now, delete rows) and whose next attempt is not later than @now. Ordered by channel,
 * then by the post's instant and the queue order within a channel. */
GPtrArray   *hd_store_list_changes_to_send  (HdStore        *self,
                                             gint64          now,
                                             GError        **error);
/* pending or unconfirmed -> in-flight, one attempt more. Committed before the request leaves;
 * refused with HD_STORE_ERROR_INVALID when the row is in another state (someone else is
 * sending it, or it was withdrawn). */
gboolean     hd_store_begin_sending_change  (HdStore        *self,
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
