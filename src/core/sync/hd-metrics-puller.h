/* hd-metrics-puller.h: reads what published posts and channels achieved from the platforms
 * into the local metrics store, on a schedule that follows a post's age
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-channels.h"

G_BEGIN_DECLS

/* A post is read every hour for its first week, when most of its reactions come, then once a
 * day for the next thirty days, then once a week. A channel's followers are read once a day. */
#define HD_METRICS_FIRST_WEEK       (7 * 24 * 60 * 60)
#define HD_METRICS_DAILY_UNTIL      (37 * 24 * 60 * 60)
#define HD_METRICS_HOURLY_INTERVAL  (60 * 60)
#define HD_METRICS_DAILY_INTERVAL   (24 * 60 * 60)
#define HD_METRICS_WEEKLY_INTERVAL  (7 * 24 * 60 * 60)

/* What one run did. */
typedef struct
{
  /* posts and channels whose figures were read */
  guint      n_read;
  /* values recorded */
  guint      n_recorded;
  /* figures a platform said it does not give, recorded as nothing and shown as "not
   * available" */
  guint      n_not_available;
  /* posts the platform no longer has; their history stays */
  guint      n_gone;
  /* translated sentences: a channel that could not be read this time, or not at all */
  GPtrArray *problems;
} HdMetricsPullReport;

void          hd_metrics_pull_report_free          (HdMetricsPullReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdMetricsPullReport, hd_metrics_pull_report_free)

/* When a channel's followers, last read at @last_read (0: never), are due to be read again.
 * A post's counts follow the pace in HD_METRICS_* (see HdMetricsPace). */
gint64        hd_metrics_puller_channel_due_at     (gint64               last_read);

#define HD_TYPE_METRICS_PULLER (hd_metrics_puller_get_type ())

G_DECLARE_FINAL_TYPE (HdMetricsPuller, hd_metrics_puller, HD, METRICS_PULLER, GObject)

HdMetricsPuller     *hd_metrics_puller_new                 (HdStore              *store,
                                                           HdHttp               *http);
/* At most @max posts read per channel and run, those read longest ago first, so a run stays
 * well inside every platform's rate limit. 50 unless set. */
void                 hd_metrics_puller_set_max_per_channel (HdMetricsPuller      *self,
                                                           guint                 max);

/* Reads, channel after channel, the figures of each connected channel whose followers are
 * due, and of each post out on it that is due at @now (hd_store_list_due_published_variants), and
 * records every value with the instant it was measured. Nothing recorded is ever removed, so
 * the history outlives what the platforms keep. A channel that fails (signed out, rate
 * limited, no metrics on its platform) is skipped with a sentence in the report while the
 * others go on. Fails only when the database fails, on cancellation, and with
 * G_IO_ERROR_PENDING while another run of this puller is going. */
void                 hd_metrics_puller_pull_async          (HdMetricsPuller      *self,
                                                           gint64                now,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
HdMetricsPullReport *hd_metrics_puller_pull_finish         (HdMetricsPuller      *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
