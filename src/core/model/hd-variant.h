/* hd-variant.h: how a post goes out on one channel.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_VARIANT (hd_variant_get_type ())
G_DECLARE_FINAL_TYPE (HdVariant, hd_variant, HD, VARIANT, GObject)

/* A new object has a fresh random UUID as its id. */
HdVariant           *hd_variant_new               (void);
const char          *hd_variant_get_id            (HdVariant          *self);
void                 hd_variant_set_id            (HdVariant          *self,
                                                   const char         *id);
const char          *hd_variant_get_post_id       (HdVariant          *self);
void                 hd_variant_set_post_id       (HdVariant          *self,
                                                   const char         *post_id);
const char          *hd_variant_get_channel_id    (HdVariant          *self);
void                 hd_variant_set_channel_id    (HdVariant          *self,
                                                   const char         *channel_id);
const char          *hd_variant_get_text          (HdVariant          *self);
void                 hd_variant_set_text          (HdVariant          *self,
                                                   const char         *text);
const char          *hd_variant_get_first_comment (HdVariant          *self);
void                 hd_variant_set_first_comment (HdVariant          *self,
                                                   const char         *first_comment);
const char          *hd_variant_get_remote_id     (HdVariant          *self);
void                 hd_variant_set_remote_id     (HdVariant          *self,
                                                   const char         *remote_id);
const char          *hd_variant_get_remote_url    (HdVariant          *self);
void                 hd_variant_set_remote_url    (HdVariant          *self,
                                                   const char         *remote_url);
HdPostState          hd_variant_get_state         (HdVariant          *self);
void                 hd_variant_set_state         (HdVariant          *self,
                                                   HdPostState         state);
const char * const  *hd_variant_get_media         (HdVariant          *self);
void                 hd_variant_set_media         (HdVariant          *self,
                                                   const char * const *media);

G_END_DECLS
