/* hd-campaign.h: a paid campaign on the ad platform.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_CAMPAIGN (hd_campaign_get_type ())
G_DECLARE_FINAL_TYPE (HdCampaign, hd_campaign, HD, CAMPAIGN, GObject)

/* A new object has a fresh random UUID as its id. */
HdCampaign  *hd_campaign_new                       (void);
const char  *hd_campaign_get_id                    (HdCampaign  *self);
void         hd_campaign_set_id                    (HdCampaign  *self,
                                                    const char  *id);
const char  *hd_campaign_get_ad_account_id         (HdCampaign  *self);
void         hd_campaign_set_ad_account_id         (HdCampaign  *self,
                                                    const char  *ad_account_id);
const char  *hd_campaign_get_name                  (HdCampaign  *self);
void         hd_campaign_set_name                  (HdCampaign  *self,
                                                    const char  *name);
const char  *hd_campaign_get_objective             (HdCampaign  *self);
void         hd_campaign_set_objective             (HdCampaign  *self,
                                                    const char  *objective);
const char  *hd_campaign_get_special_ad_categories (HdCampaign  *self);
void         hd_campaign_set_special_ad_categories (HdCampaign  *self,
                                                    const char  *special_ad_categories);
HdAdStatus   hd_campaign_get_status                (HdCampaign  *self);
void         hd_campaign_set_status                (HdCampaign  *self,
                                                    HdAdStatus   status);
const char  *hd_campaign_get_bid_strategy          (HdCampaign  *self);
void         hd_campaign_set_bid_strategy          (HdCampaign  *self,
                                                    const char  *bid_strategy);
const char  *hd_campaign_get_remote_id             (HdCampaign  *self);
void         hd_campaign_set_remote_id             (HdCampaign  *self,
                                                    const char  *remote_id);
gint64       hd_campaign_get_created_at            (HdCampaign  *self);
void         hd_campaign_set_created_at            (HdCampaign  *self,
                                                    gint64       created_at);
gint64       hd_campaign_get_updated_at            (HdCampaign  *self);
void         hd_campaign_set_updated_at            (HdCampaign  *self,
                                                    gint64       updated_at);

/* Added with the ad accounts and sending to Meta. */
/* The id of the ad_accounts row the campaign runs on. Saving fills
 * ad-account-id with that account's "act_…" id. */
const char  *hd_campaign_get_account_id (HdCampaign *self);
void         hd_campaign_set_account_id (HdCampaign *self,
                                         const char *account_id);
/* What Meta last confirmed of the object, as a JSON object of its Marketing API
 * parameters (see hd_store_ad_object_changed_fields); NULL until it exists there. */
const char  *hd_campaign_get_synced     (HdCampaign *self);
void         hd_campaign_set_synced     (HdCampaign *self,
                                         const char *synced);
/* The parameters Meta holds differently from what it last confirmed, as a JSON
 * object of Meta's values ({"daily_budget": "2500"}); NULL when it agrees. */
const char  *hd_campaign_get_conflict   (HdCampaign *self);
void         hd_campaign_set_conflict   (HdCampaign *self,
                                         const char *conflict);

G_END_DECLS
