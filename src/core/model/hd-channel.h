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

/* The platform's limits as the account's server states them, a JSON object with the members
 * below (each optional); NULL until the channel is connected. Providers start from these
 * instead of the platform's defaults, and the composer counts against them. */
/* text limit, in the units of the channel's counting */
#define HD_CHANNEL_LIMIT_CHARACTERS      "characters"
/* characters a link counts as */
#define HD_CHANNEL_LIMIT_URL_WEIGHT      "url_weight"
/* pictures per post */
#define HD_CHANNEL_LIMIT_MAX_MEDIA       "max_media"
/* bytes per picture */
#define HD_CHANNEL_LIMIT_MAX_IMAGE_BYTES "max_image_bytes"
/* characters of alt text */
#define HD_CHANNEL_LIMIT_MAX_ALT_TEXT    "max_alt_text"
/* an array of the picture MIME types accepted */
#define HD_CHANNEL_LIMIT_MIME_TYPES      "mime_types"

const char     *hd_channel_get_limits            (HdChannel      *self);
/* @limits must be a JSON object or NULL; anything else is refused with a critical. */
void            hd_channel_set_limits            (HdChannel      *self,
                                                  const char     *limits);
/* One integer member of the limits, or @fallback when it is not there. */
gint64          hd_channel_get_limit             (HdChannel      *self,
                                                  const char     *name,
                                                  gint64          fallback);
/* The picture MIME types of the limits, or NULL when they do not say. */
GStrv           hd_channel_dup_limit_mime_types  (HdChannel      *self);

/* The account's picture on its platform (an https URL), or NULL. */
const char     *hd_channel_get_avatar_url        (HdChannel      *self);
void            hd_channel_set_avatar_url        (HdChannel      *self,
                                                  const char     *avatar_url);

/* When the credentials stop working and the user has to reconnect, Unix seconds; 0 when they
 * do not expire (or are renewed without the user). */
gint64          hd_channel_get_token_expires_at  (HdChannel      *self);
void            hd_channel_set_token_expires_at  (HdChannel      *self,
                                                  gint64          token_expires_at);

/* "Expiring soon" starts this long before the credentials expire. */
#define HD_CHANNEL_EXPIRING_SOON (7 * G_TIME_SPAN_DAY / G_TIME_SPAN_SECOND)

/* Connected, and the credentials expire within HD_CHANNEL_EXPIRING_SOON of @now (or have
 * expired already). */
gboolean        hd_channel_is_expiring_soon      (HdChannel      *self,
                                                  gint64          now);
/* Whole days left before the credentials expire, rounded up; 0 when they expire within the
 * day or have expired, -1 when they do not expire. */
int             hd_channel_get_days_until_expiry (HdChannel      *self,
                                                  gint64          now);
/* The state as the Channels page and `herald channels` say it: "Connected", "Needs
 * reconnect", "Disconnected", "Expires in 3 days", "Expires today", "Expired". */
char           *hd_channel_describe_state        (HdChannel      *self,
                                                  gint64          now);

G_END_DECLS
