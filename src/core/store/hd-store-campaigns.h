/* hd-store-campaigns.h: paid campaigns, their ad sets and their ads
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-campaign.h"
#include "hd-ad-set.h"
#include "hd-ad.h"

G_BEGIN_DECLS

/* Deleting a campaign deletes its ad sets and their ads; its posts stay, unlinked. */
gboolean     hd_store_save_campaign        (HdStore      *self,
                                            HdCampaign   *campaign,
                                            GError      **error);
HdCampaign  *hd_store_load_campaign        (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
gboolean     hd_store_delete_campaign      (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* HdCampaign items, newest first. */
GListModel  *hd_store_list_campaigns       (HdStore      *self,
                                            GError      **error);

gboolean     hd_store_save_ad_set          (HdStore      *self,
                                            HdAdSet      *ad_set,
                                            GError      **error);
HdAdSet     *hd_store_load_ad_set          (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
gboolean     hd_store_delete_ad_set        (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* HdAdSet items of @campaign_id by start of flight; NULL lists every ad set. */
GListModel  *hd_store_list_ad_sets         (HdStore      *self,
                                            const char   *campaign_id,
                                            GError      **error);

gboolean     hd_store_save_ad              (HdStore      *self,
                                            HdAd         *ad,
                                            GError      **error);
HdAd        *hd_store_load_ad              (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
gboolean     hd_store_delete_ad            (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* HdAd items of @ad_set_id; NULL lists every ad. */
GListModel  *hd_store_list_ads             (HdStore      *self,
                                            const char   *ad_set_id,
                                            GError      **error);

G_END_DECLS
