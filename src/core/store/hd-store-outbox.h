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

G_END_DECLS
