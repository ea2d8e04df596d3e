/* hd-puller.h: reads the posts Herald sent back from the platforms, so that a change made
 * there shows as a conflict instead of being overwritten
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-channels.h"

G_BEGIN_DECLS

/* What one pull found. */
typedef struct
{
  /* posts read back */
  guint      n_checked;
  /* posts a platform held for later that it has published since, now recorded with the id
   * they have there */
  guint      n_published;
  /* (element-type HdRemoteVariant): the conflicts found in this run */
  GPtrArray *conflicts;
  /* translated sentences: a channel whose platform offers no read-back, or one that could not
   * be read this time */
  GPtrArray *problems;
} HdPullReport;

void          hd_pull_report_free (HdPullReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdPullReport, hd_pull_report_free)

/* Posts older than this are not read back: edits there are rare, and reads cost quota. */
#define HD_PULLER_WINDOW (30 * 24 * 60 * 60)

#define HD_TYPE_PULLER (hd_puller_get_type ())

G_DECLARE_FINAL_TYPE (HdPuller, hd_puller, HD, PULLER, GObject)

HdPuller     *hd_puller_new                 (HdStore              *store,
                                             HdHttp               *http);
/* At most @max posts read back per channel and run, those read longest ago first, so a
 * run stays well inside every platform's rate limit. 20 unless set. */
void          hd_puller_set_max_per_channel (HdPuller             *self,
                                             guint                 max);

/* Reads back, channel after channel, the posts out on connected channels (published, or
 * handed over to the platform) within HD_PULLER_WINDOW of @now. A post the platform changed
 * becomes a conflict (hd_store_list_conflicts) and its local text is never touched. A post a
 * platform held for later and has published since gets the id it has now. Fails with
 * G_IO_ERROR_PENDING while another pull of this puller runs. */
void          hd_puller_pull_async          (HdPuller             *self,
                                             gint64                now,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
HdPullReport *hd_puller_pull_finish         (HdPuller             *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* One translated line about a conflict, for a list or the command line: the start of the
 * post, the channel, and what happened there. */
char         *hd_pull_conflict_describe     (const HdRemoteVariant *conflict);

G_END_DECLS
