/* hd-channels-page.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_CHANNELS_PAGE (hd_channels_page_get_type ())
G_DECLARE_FINAL_TYPE (HdChannelsPage, hd_channels_page, HD, CHANNELS_PAGE, AdwBin)

HdStore *hd_channels_page_get_store (HdChannelsPage *self);
void     hd_channels_page_set_store (HdChannelsPage *self,
                                     HdStore        *store);

G_END_DECLS
