/* hd-post.h: one message planned for one or more channels.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_POST (hd_post_get_type ())
G_DECLARE_FINAL_TYPE (HdPost, hd_post, HD, POST, GObject)

/* A new object has a fresh random UUID as its id. */
HdPost              *hd_post_new              (void);
const char          *hd_post_get_id           (HdPost             *self);
void                 hd_post_set_id           (HdPost             *self,
                                               const char         *id);
const char          *hd_post_get_text         (HdPost             *self);
void                 hd_post_set_text         (HdPost             *self,
                                               const char         *text);
HdPostState          hd_post_get_state        (HdPost             *self);
void                 hd_post_set_state        (HdPost             *self,
                                               HdPostState         state);
gint64               hd_post_get_scheduled_at (HdPost             *self);
void                 hd_post_set_scheduled_at (HdPost             *self,
                                               gint64              scheduled_at);
const char          *hd_post_get_time_zone    (HdPost             *self);
void                 hd_post_set_time_zone    (HdPost             *self,
                                               const char         *time_zone);
const char          *hd_post_get_campaign_id  (HdPost             *self);
void                 hd_post_set_campaign_id  (HdPost             *self,
                                               const char         *campaign_id);
const char          *hd_post_get_notes        (HdPost             *self);
void                 hd_post_set_notes        (HdPost             *self,
                                               const char         *notes);
gint64               hd_post_get_created_at   (HdPost             *self);
void                 hd_post_set_created_at   (HdPost             *self,
                                               gint64              created_at);
gint64               hd_post_get_updated_at   (HdPost             *self);
void                 hd_post_set_updated_at   (HdPost             *self,
                                               gint64              updated_at);
gint64               hd_post_get_published_at (HdPost             *self);
void                 hd_post_set_published_at (HdPost             *self,
                                               gint64              published_at);
const char * const  *hd_post_get_labels       (HdPost             *self);
void                 hd_post_set_labels       (HdPost             *self,
                                               const char * const *labels);

/* The variants, one HdVariant per channel. Adding one for a channel that already has a
 * variant replaces it. */
GListModel          *hd_post_get_variants     (HdPost             *self);
void                 hd_post_add_variant      (HdPost             *self,
                                               HdVariant          *variant);
void                 hd_post_remove_variant   (HdPost             *self,
                                               HdVariant          *variant);
void                 hd_post_clear_variants   (HdPost             *self);
HdVariant           *hd_post_find_variant     (HdPost             *self,
                                               const char         *channel_id);
gboolean             hd_post_has_label        (HdPost             *self,
                                               const char         *name);

G_END_DECLS
