/* hd-campaigns-page.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_CAMPAIGNS_PAGE (hd_campaigns_page_get_type ())
G_DECLARE_FINAL_TYPE (HdCampaignsPage, hd_campaigns_page, HD, CAMPAIGNS_PAGE, AdwBin)

HdStore *hd_campaigns_page_get_store (HdCampaignsPage *self);
void     hd_campaigns_page_set_store (HdCampaignsPage *self,
                                      HdStore         *store);

G_END_DECLS
