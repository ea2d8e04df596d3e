/* hd-channel.h: an account on one social network that posts are written for.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_CHANNEL (hd_channel_get_type ())
G_DECLARE_FINAL_TYPE (HdChannel, hd_channel, HD, CHANNEL, GObject)

/* A new object has a fresh random UUID as its id. */
HdChannel      *hd_channel_new                   (void);
const char     *hd_channel_get_id                (HdChannel      *self);
void            hd_channel_set_id                (HdChannel      *self,
                                                  const char     *id);
HdChannelKind   hd_channel_get_kind              (HdChannel      *self);
void            hd_channel_set_kind              (HdChannel      *self,
                                                  HdChannelKind   kind);
const char     *hd_channel_get_display_name      (HdChannel      *self);
void            hd_channel_set_display_name      (HdChannel      *self,
                                                  const char     *display_name);
const char     *hd_channel_get_handle            (HdChannel      *self);
void            hd_channel_set_handle            (HdChannel      *self,
                                                  const char     *handle);
const char     *hd_channel_get_base_url          (HdChannel      *self);
void            hd_channel_set_base_url          (HdChannel      *self,
                                                  const char     *base_url);
const char     *hd_channel_get_remote_account_id (HdChannel      *self);
void            hd_channel_set_remote_account_id (HdChannel      *self,
                                                  const char     *remote_account_id);
HdChannelState  hd_channel_get_state             (HdChannel      *self);
void            hd_channel_set_state             (HdChannel      *self,
                                                  HdChannelState  state);
gint64          hd_channel_get_created_at        (HdChannel      *self);
void            hd_channel_set_created_at        (HdChannel      *self,
                                                  gint64          created_at);
gint64          hd_channel_get_updated_at        (HdChannel      *self);
void            hd_channel_set_updated_at        (HdChannel      *self,
                                                  gint64          updated_at);

G_END_DECLS
