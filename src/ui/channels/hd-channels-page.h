/* hd-channels-page.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-http.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_CHANNELS_PAGE (hd_channels_page_get_type ())
G_DECLARE_FINAL_TYPE (HdChannelsPage, hd_channels_page, HD, CHANNELS_PAGE, AdwBin)

HdStore    *hd_channels_page_get_store    (HdChannelsPage *self);
void        hd_channels_page_set_store    (HdChannelsPage *self,
                                           HdStore        *store);
/* The session the wizard connects accounts with and pictures are downloaded over. */
void        hd_channels_page_set_http     (HdChannelsPage *self,
                                           HdHttp         *http);
/* The Unix seconds "expiring soon" is measured from; 0 (the default) follows the clock. */
void        hd_channels_page_set_now      (HdChannelsPage *self,
                                           gint64          now);
/* The row of @channel_id, or NULL. */
GtkWidget  *hd_channels_page_get_row      (HdChannelsPage *self,
                                           const char     *channel_id);
guint       hd_channels_page_get_n_rows   (HdChannelsPage *self);

G_END_DECLS
