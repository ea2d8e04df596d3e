/* hd-store-metrics.h: time series of what posts, channels and ads achieved
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-metric.h"

G_BEGIN_DECLS

/* Metric names used across Herald; values are counts, money is in minor units. */
#define HD_METRIC_IMPRESSIONS "impressions"
#define HD_METRIC_REACTIONS   "reactions"
#define HD_METRIC_REPLIES     "replies"
#define HD_METRIC_REPOSTS     "reposts"
#define HD_METRIC_LINK_CLICKS "link-clicks"
#define HD_METRIC_FOLLOWERS   "followers"
#define HD_METRIC_SPEND       "spend"

/* A figure Herald has no value for, because the platform does not give it (a metric it has
 * retired, or never had for this kind of post): reports show "not available" for it rather
 * than a zero. Nothing is recorded for such a metric, and the sums below never add up a
 * negative value. */
#define HD_METRIC_NOT_AVAILABLE G_GINT64_CONSTANT (-1)

/* Records one measurement. A post's metrics carry the channel they were measured on. */
gboolean     hd_store_add_metric           (HdStore         *self,
                                            HdMetric        *metric,
                                            GError         **error);
/* HdMetric items of one subject and metric name measured in [@from, @to), oldest first. */
GListModel  *hd_store_list_metrics         (HdStore         *self,
                                            HdMetricSubject  subject,
                                            const char      *subject_id,
                                            const char      *name,
                                            gint64           from,
                                            gint64           to,
                                            GError         **error);
/* For the Reports page: one HdMetric per channel (subject CHANNEL, subject-id and channel-id
 * the channel's id, measured-at @to) whose value is the sum of @name over the posts measured
 * on that channel in [@from, @to). Channels with nothing measured are listed with 0. */
GListModel  *hd_store_sum_metric_by_channel (HdStore        *self,
                                             const char     *name,
                                             gint64          from,
                                             gint64          to,
                                             GError        **error);
/* One HdMetric per campaign (subject CAMPAIGN) summing @name recorded on the campaign in
 * [@from, @to), e.g. HD_METRIC_SPEND in minor units of the campaign's ad sets' currency. */
GListModel  *hd_store_sum_metric_by_campaign (HdStore       *self,
                                              const char    *name,
                                              gint64         from,
                                              gint64         to,
                                              GError       **error);
gboolean     hd_store_sum_metric           (HdStore         *self,
                                            HdMetricSubject  subject,
                                            const char      *subject_id,
                                            const char      *name,
                                            gint64           from,
                                            gint64           to,
                                            gint64          *total,
                                            GError         **error);

/* A variant out on its platform, whose counts Herald reads back. */
typedef struct
{
  char   *post_id;
  char   *channel_id;
  char   *remote_id;
  /* when it went out, Unix seconds */
  gint64  published_at;
  /* when its counts were last recorded, 0 when never */
  gint64  last_measured_at;
} HdMeasuredVariant;

void         hd_measured_variant_free       (HdMeasuredVariant *variant);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdMeasuredVariant, hd_measured_variant_free)

/* How often a published post's counts are read again, by its age when last read: never read,
 * at once; read younger than first_week, an hourly interval later; younger than daily_until,
 * a daily interval later; older, a weekly interval later. */
typedef struct
{
  /* younger than this: read again every hourly interval */
  gint64 first_week;
  /* younger than this: every daily interval; older: every weekly interval */
  gint64 daily_until;
  gint64 hourly_interval;
  gint64 daily_interval;
  gint64 weekly_interval;
} HdMetricsPace;

/* HdMeasuredVariant of the variants on @channel_id that are out on their platform (a remote
 * id, and not held there for later) and due to be read again at @now, at most @limit:
 * never read first (newest first), then the longest unread. A channel's whole history is
 * weighed in the database, and only what is due is handed back. */
GPtrArray   *hd_store_list_due_published_variants (HdStore              *self,
                                                   const char           *channel_id,
                                                   gint64                now,
                                                   const HdMetricsPace  *pace,
                                                   guint                 limit,
                                                   GError              **error);
/* The same, read on a worker thread. */
void         hd_store_list_due_published_variants_async  (HdStore              *self,
                                                          const char           *channel_id,
                                                          gint64                now,
                                                          const HdMetricsPace  *pace,
                                                          guint                 limit,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
/* Returns: (transfer full) (element-type HdMeasuredVariant): the variants, or %NULL with
 * @error */
GPtrArray   *hd_store_list_due_published_variants_finish (HdStore              *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* When @name (any name when NULL) was last recorded for the subject; 0 when never. */
gboolean     hd_store_get_last_measured     (HdStore          *self,
                                             HdMetricSubject   subject,
                                             const char       *subject_id,
                                             const char       *name,
                                             gint64           *measured_at,
                                             GError          **error);

G_END_DECLS
