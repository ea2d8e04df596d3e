/* hd-inbox-puller.h: reads what came back from each connected channel into the inbox
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-channels.h"

G_BEGIN_DECLS

typedef struct
{
  /* comments, replies and mentions not seen before, on every channel */
  guint      n_new;
  /* channels whose inbox was read this time */
  guint      n_read;
  /* translated sentences, "Channel: what went wrong": a channel that could not be read this
   * time (signed out, over its rate limit, unreachable); it is read from the same place next
   * time */
  GPtrArray *problems;
  /* translated sentences, "Channel: why": channels that offer Herald no inbox at all, such
   * as a Bluesky server without an AppView; the store keeps the sentence with the channel */
  GPtrArray *notices;
} HdInboxPullReport;

void          hd_inbox_pull_report_free (HdInboxPullReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdInboxPullReport, hd_inbox_pull_report_free)

/* What the desktop notification says of @n_new items that came in: "3 new comments". */
char         *hd_inbox_pull_describe_new (guint n_new);

#define HD_TYPE_INBOX_PULLER (hd_inbox_puller_get_type ())

G_DECLARE_FINAL_TYPE (HdInboxPuller, hd_inbox_puller, HD, INBOX_PULLER, GObject)

HdInboxPuller     *hd_inbox_puller_new         (HdStore              *store,
                                                HdHttp               *http);

/* One look at every connected channel's inbox, from where the last one stopped. A channel
 * that fails leaves the others be; only a store that cannot keep what came finishes with an
 * error, and then no channel's cursor has moved past what was not kept. */
void               hd_inbox_puller_pull_async  (HdInboxPuller        *self,
                                                gint64                now,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
HdInboxPullReport *hd_inbox_puller_pull_finish (HdInboxPuller        *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
