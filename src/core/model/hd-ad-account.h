/* hd-ad-account.h: an ad account on Meta that campaigns are billed to.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HD_TYPE_AD_ACCOUNT (hd_ad_account_get_type ())
G_DECLARE_FINAL_TYPE (HdAdAccount, hd_ad_account, HD, AD_ACCOUNT, GObject)

/* A new object has a fresh random UUID as its id. channel_id names the Facebook
 * channel whose keyring token reaches the account; remote_id is Meta's "act_…" id.
 * The four minimum daily budgets are in the account currency's minor units, as
 * GET /act_{id}/minimum_budgets reports them; 0 means not fetched yet. */
HdAdAccount *hd_ad_account_new                              (void);
const char  *hd_ad_account_get_id                           (HdAdAccount *self);
void         hd_ad_account_set_id                           (HdAdAccount *self,
                                                             const char  *id);
const char  *hd_ad_account_get_channel_id                   (HdAdAccount *self);
void         hd_ad_account_set_channel_id                   (HdAdAccount *self,
                                                             const char  *channel_id);
const char  *hd_ad_account_get_remote_id                    (HdAdAccount *self);
void         hd_ad_account_set_remote_id                    (HdAdAccount *self,
                                                             const char  *remote_id);
const char  *hd_ad_account_get_name                         (HdAdAccount *self);
void         hd_ad_account_set_name                         (HdAdAccount *self,
                                                             const char  *name);
const char  *hd_ad_account_get_currency                     (HdAdAccount *self);
void         hd_ad_account_set_currency                     (HdAdAccount *self,
                                                             const char  *currency);
const char  *hd_ad_account_get_time_zone                    (HdAdAccount *self);
void         hd_ad_account_set_time_zone                    (HdAdAccount *self,
                                                             const char  *time_zone);
gint64       hd_ad_account_get_min_daily_budget_imp         (HdAdAccount *self);
void         hd_ad_account_set_min_daily_budget_imp         (HdAdAccount *self,
                                                             gint64       min_daily_budget_imp);
gint64       hd_ad_account_get_min_daily_budget_video_views (HdAdAccount *self);
void         hd_ad_account_set_min_daily_budget_video_views (HdAdAccount *self,
                                                             gint64       min_daily_budget_video_views);
gint64       hd_ad_account_get_min_daily_budget_high_freq   (HdAdAccount *self);
void         hd_ad_account_set_min_daily_budget_high_freq   (HdAdAccount *self,
                                                             gint64       min_daily_budget_high_freq);
gint64       hd_ad_account_get_min_daily_budget_low_freq    (HdAdAccount *self);
void         hd_ad_account_set_min_daily_budget_low_freq    (HdAdAccount *self,
                                                             gint64       min_daily_budget_low_freq);
gint64       hd_ad_account_get_fetched_at                   (HdAdAccount *self);
void         hd_ad_account_set_fetched_at                   (HdAdAccount *self,
                                                             gint64       fetched_at);

G_END_DECLS
