/* hd-campaign-editor.h: a campaign with its ad sets and ads, checked and saved for sending
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-campaign.h"
#include "hd-store.h"
#include "campaigns/hd-ad-set-editor.h"

G_BEGIN_DECLS

#define HD_TYPE_CAMPAIGN_EDITOR (hd_campaign_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdCampaignEditor, hd_campaign_editor, HD, CAMPAIGN_EDITOR, AdwBin)

GtkWidget     *hd_campaign_editor_new                  (void);
void           hd_campaign_editor_set_store            (HdCampaignEditor *self,
                                                        HdStore          *store);
/* Opens @campaign with its ad sets and ads from the store; NULL starts a new campaign. */
void           hd_campaign_editor_edit                 (HdCampaignEditor *self,
                                                        HdCampaign       *campaign);
HdCampaign    *hd_campaign_editor_get_campaign         (HdCampaignEditor *self);
/* Writes the campaign, its ad sets and ads, each with its outbox row. */
gboolean       hd_campaign_editor_save                 (HdCampaignEditor *self,
                                                        GError          **error);
/* Runs Check and shows each problem by its field; returns how many there are. */
guint          hd_campaign_editor_check                (HdCampaignEditor *self);
HdAdSetEditor *hd_campaign_editor_add_ad_set           (HdCampaignEditor *self);
guint          hd_campaign_editor_get_n_ad_sets        (HdCampaignEditor *self);
HdAdSetEditor *hd_campaign_editor_get_ad_set_editor    (HdCampaignEditor *self,
                                                        guint             index);

/* The rows, for the keyboard and for tests. */
GtkEditable   *hd_campaign_editor_get_name_editable    (HdCampaignEditor *self);
void           hd_campaign_editor_set_account          (HdCampaignEditor *self,
                                                        const char       *account_id);
void           hd_campaign_editor_set_objective        (HdCampaignEditor *self,
                                                        const char       *objective);
/* "NONE" for none of the special categories; NULL for not chosen yet. */
void           hd_campaign_editor_set_special_category (HdCampaignEditor *self,
                                                        const char       *category);
void           hd_campaign_editor_set_turned_on        (HdCampaignEditor *self,
                                                        gboolean          turned_on);
/* The sentences shown by a campaign field ("" for the campaign itself), or NULL. */
const char    *hd_campaign_editor_get_problem          (HdCampaignEditor *self,
                                                        const char       *field);
/* "2 problems" as the header shows it; NULL when Check found none or has not run. */
const char    *hd_campaign_editor_get_problem_count    (HdCampaignEditor *self);
const char    *hd_campaign_editor_get_status           (HdCampaignEditor *self);

G_END_DECLS
