/* hd-campaign-results.h: what a campaign spent and got, day by day, against its budget
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-campaign.h"
#include "hd-http.h"
#include "hd-store.h"
#include "hd-store-ads-sync.h"

G_BEGIN_DECLS

/* The daily insights the results read are the ones the store names (hd-store-ads-sync.h). */
#define HD_CAMPAIGN_METRIC_REACH  HD_METRIC_REACH
#define HD_CAMPAIGN_METRIC_CLICKS HD_METRIC_CLICKS

#define HD_TYPE_CAMPAIGN_RESULTS (hd_campaign_results_get_type ())
G_DECLARE_FINAL_TYPE (HdCampaignResults, hd_campaign_results, HD, CAMPAIGN_RESULTS, AdwBin)

GtkWidget   *hd_campaign_results_new              (void);
void         hd_campaign_results_set_store        (HdCampaignResults *self,
                                                   HdStore           *store);
void         hd_campaign_results_show_campaign    (HdCampaignResults *self,
                                                   HdCampaign        *campaign);
/* Reads the stored insights again. */
void         hd_campaign_results_reload           (HdCampaignResults *self);
/* What the view says, or NULL where it says nothing. */
const char  *hd_campaign_results_get_spend_text   (HdCampaignResults *self);
const char  *hd_campaign_results_get_pace_warning (HdCampaignResults *self);
const char  *hd_campaign_results_get_total        (HdCampaignResults *self,
                                                   const char        *metric);
const char  *hd_campaign_results_get_status       (HdCampaignResults *self);

G_END_DECLS
