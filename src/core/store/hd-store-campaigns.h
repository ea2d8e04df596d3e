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
#include "hd-audience.h"
#include "hd-store-ad-accounts.h"
#include "hd-store-ads-sync.h"

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

/* Saving keeps what only Meta's answers write: a remote id the store already holds is never
 * forgotten, and synced and conflict are read back from the store into the object (see
 * hd-store-ads-sync.h). A campaign is linked to its ad account by account_id, or else by the
 * "act_…" id in ad-account-id once that account has been fetched.
 *
 * The _queued saves also queue the object for sending to Meta, in the same transaction:
 * a create while Meta does not have it yet, an update after, on the Facebook channel of the
 * campaign's ad account. An edit joins a row still waiting instead of adding a second one.
 * Refused with HD_STORE_ERROR_INVALID, and nothing written, when the campaign has no ad
 * account. */
gboolean     hd_store_save_campaign_queued (HdStore      *self,
                                            HdCampaign   *campaign,
                                            GError      **error);
gboolean     hd_store_save_ad_set_queued   (HdStore      *self,
                                            HdAdSet      *ad_set,
                                            GError      **error);
gboolean     hd_store_save_ad_queued       (HdStore      *self,
                                            HdAd         *ad,
                                            GError      **error);
/* Meta keeps an audience inside the targeting of each ad set that uses it, so saving an
 * audience whose spec changed also queues an update of those of its ad sets Meta has. */
gboolean     hd_store_save_audience_queued (HdStore      *self,
                                            HdAudience   *audience,
                                            GError      **error);

G_END_DECLS
