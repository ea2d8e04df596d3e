/* hd-campaigns-page.h: the paid campaigns, their editor and their results
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"
#include "campaigns/hd-campaign-editor.h"
#include "campaigns/hd-campaign-results.h"

G_BEGIN_DECLS

#define HD_TYPE_CAMPAIGNS_PAGE (hd_campaigns_page_get_type ())
G_DECLARE_FINAL_TYPE (HdCampaignsPage, hd_campaigns_page, HD, CAMPAIGNS_PAGE, AdwBin)

HdStore           *hd_campaigns_page_get_store        (HdCampaignsPage *self);
void               hd_campaigns_page_set_store        (HdCampaignsPage *self,
                                                       HdStore         *store);
/* "campaigns": new (a new campaign in the editor) and fetch-accounts, for a header bar
 * outside the page to use. */
GActionGroup      *hd_campaigns_page_get_action_group (HdCampaignsPage *self);
/* Opens @campaign in the editor; NULL starts a new one. */
void               hd_campaigns_page_edit             (HdCampaignsPage *self,
                                                       HdCampaign      *campaign);
void               hd_campaigns_page_show_results     (HdCampaignsPage *self,
                                                       HdCampaign      *campaign);
HdCampaignEditor  *hd_campaigns_page_get_editor       (HdCampaignsPage *self);
HdCampaignResults *hd_campaigns_page_get_results      (HdCampaignsPage *self);
/* "list", "editor" or "results" */
const char        *hd_campaigns_page_get_view         (HdCampaignsPage *self);

G_END_DECLS
