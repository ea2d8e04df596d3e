/* hd-ads-puller.h: reads back from Meta the campaigns, ad sets and ads Herald sent, to find
 * what was changed in Ads Manager, and fetches the campaigns' daily results
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
  /* objects read back from Meta */
  guint n_read;
  /* objects found changed on Meta that were not in conflict before */
  guint n_new_conflicts;
  /* days of results stored, over every campaign */
  guint n_insight_days;
  /* objects that could not be read (the channel needs reconnecting, Meta failed); the rest
   * of the pull went on */
  guint n_failed;
} HdAdsPullReport;

#define HD_TYPE_ADS_PULLER (hd_ads_puller_get_type ())

G_DECLARE_FINAL_TYPE (HdAdsPuller, hd_ads_puller, HD, ADS_PULLER, GObject)

HdAdsPuller *hd_ads_puller_new         (HdStore              *store,
                                        HdHttp               *http);

/* For each campaign, ad set and ad Meta has (hd_store_list_ad_objects_on_meta), reads its
 * name, status, budgets and end time and compares them with what Meta last confirmed: a
 * difference was made in Ads Manager and becomes a conflict (hd_store_set_ad_object_conflict)
 * for the user to answer, never overwritten silently. Then fetches each campaign's daily
 * insights from its start to @now's day in the ad account's zone into the metrics store. */
void         hd_ads_puller_pull_async  (HdAdsPuller          *self,
                                        gint64                now,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
/* FALSE only when the database failed or the pull was cancelled. */
gboolean     hd_ads_puller_pull_finish (HdAdsPuller          *self,
                                        GAsyncResult         *result,
                                        HdAdsPullReport      *report,
                                        GError              **error);

G_END_DECLS
