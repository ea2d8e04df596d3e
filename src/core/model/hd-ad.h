/* hd-ad.h: one ad in an ad set, usually made from a post.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_AD (hd_ad_get_type ())
G_DECLARE_FINAL_TYPE (HdAd, hd_ad, HD, AD, GObject)

/* A new object has a fresh random UUID as its id. */
HdAd        *hd_ad_new                (void);
const char  *hd_ad_get_id             (HdAd        *self);
void         hd_ad_set_id             (HdAd        *self,
                                       const char  *id);
const char  *hd_ad_get_ad_set_id      (HdAd        *self);
void         hd_ad_set_ad_set_id      (HdAd        *self,
                                       const char  *ad_set_id);
const char  *hd_ad_get_post_id        (HdAd        *self);
void         hd_ad_set_post_id        (HdAd        *self,
                                       const char  *post_id);
const char  *hd_ad_get_name           (HdAd        *self);
void         hd_ad_set_name           (HdAd        *self,
                                       const char  *name);
const char  *hd_ad_get_headline       (HdAd        *self);
void         hd_ad_set_headline       (HdAd        *self,
                                       const char  *headline);
const char  *hd_ad_get_link           (HdAd        *self);
void         hd_ad_set_link           (HdAd        *self,
                                       const char  *link);
const char  *hd_ad_get_call_to_action (HdAd        *self);
void         hd_ad_set_call_to_action (HdAd        *self,
                                       const char  *call_to_action);
HdAdStatus   hd_ad_get_status         (HdAd        *self);
void         hd_ad_set_status         (HdAd        *self,
                                       HdAdStatus   status);
const char  *hd_ad_get_remote_id      (HdAd        *self);
void         hd_ad_set_remote_id      (HdAd        *self,
                                       const char  *remote_id);
gint64       hd_ad_get_created_at     (HdAd        *self);
void         hd_ad_set_created_at     (HdAd        *self,
                                       gint64       created_at);
gint64       hd_ad_get_updated_at     (HdAd        *self);
void         hd_ad_set_updated_at     (HdAd        *self,
                                       gint64       updated_at);

/* Added with sending to Meta. */
/* The primary text of the creative. */
const char  *hd_ad_get_body               (HdAd       *self);
void         hd_ad_set_body               (HdAd       *self,
                                           const char *body);
/* The media library's file (its SHA-256) shown in the ad; NULL for none. */
const char  *hd_ad_get_image_sha256       (HdAd       *self);
void         hd_ad_set_image_sha256       (HdAd       *self,
                                           const char *image_sha256);
/* The Facebook Page the ad runs as. */
const char  *hd_ad_get_page_remote_id     (HdAd       *self);
void         hd_ad_set_page_remote_id     (HdAd       *self,
                                           const char *page_remote_id);
/* The ad creative Meta made for the ad; NULL until it exists. */
const char  *hd_ad_get_creative_remote_id (HdAd       *self);
void         hd_ad_set_creative_remote_id (HdAd       *self,
                                           const char *creative_remote_id);
/* What Meta last confirmed of the object, as a JSON object of its Marketing API
 * parameters (see hd_store_ad_object_changed_fields); NULL until it exists there. */
const char  *hd_ad_get_synced             (HdAd       *self);
void         hd_ad_set_synced             (HdAd       *self,
                                           const char *synced);
/* The parameters Meta holds differently from what it last confirmed, as a JSON
 * object of Meta's values ({"daily_budget": "2500"}); NULL when it agrees. */
const char  *hd_ad_get_conflict           (HdAd       *self);
void         hd_ad_set_conflict           (HdAd       *self,
                                           const char *conflict);

G_END_DECLS
