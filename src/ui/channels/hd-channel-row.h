/* hd-channel-row.h: one account on the Channels page
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-channel.h"
#include "hd-store.h"
#include "channels/hd-avatar-cache.h"

G_BEGIN_DECLS

#define HD_TYPE_CHANNEL_ROW (hd_channel_row_get_type ())
G_DECLARE_FINAL_TYPE (HdChannelRow, hd_channel_row, HD, CHANNEL_ROW, GtkListBoxRow)

/* What the row says about the channel, and whether it offers to reconnect. */
typedef enum
{
  HD_CHANNEL_ROW_CONNECTED,
  HD_CHANNEL_ROW_EXPIRING_SOON,
  HD_CHANNEL_ROW_NEEDS_RECONNECT,
  HD_CHANNEL_ROW_NOT_CONNECTED,
  HD_CHANNEL_ROW_SAMPLE,
} HdChannelRowState;

/* @avatars may be NULL: the row then shows initials. @now is Unix seconds. */
GtkWidget         *hd_channel_row_new                   (HdChannel      *channel,
                                                         HdStore        *store,
                                                         HdAvatarCache  *avatars,
                                                         gboolean        sample,
                                                         gint64          now);
HdChannel         *hd_channel_row_get_channel           (HdChannelRow   *self);
HdChannelRowState  hd_channel_row_get_state             (HdChannelRow   *self);
const char        *hd_channel_row_get_state_text        (HdChannelRow   *self);
const char        *hd_channel_row_get_posting_times     (HdChannelRow   *self);
gboolean           hd_channel_row_get_offers_reconnect  (HdChannelRow   *self);
/* TRUE once the account's picture is shown instead of initials. */
gboolean           hd_channel_row_get_has_picture       (HdChannelRow   *self);

G_END_DECLS
