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

G_END_DECLS
