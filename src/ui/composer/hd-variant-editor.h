/* hd-variant-editor.h: one channel's tab in the composer: its text, media, first comment and
 * preview, with the live counter.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-channel.h"
#include "hd-media.h"
#include "hd-text-counter.h"

G_BEGIN_DECLS

/* The thumbnail of an HdMedia the composer has attached, kept on the object under this key. */
#define HD_COMPOSER_THUMBNAIL_KEY "hd-composer-thumbnail"

#define HD_TYPE_VARIANT_EDITOR (hd_variant_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdVariantEditor, hd_variant_editor, HD, VARIANT_EDITOR, GtkBox)

GtkWidget         *hd_variant_editor_new                (HdChannel        *channel);
HdChannel         *hd_variant_editor_get_channel        (HdVariantEditor  *self);

/* The main text; shown here as long as this channel's text has not been changed. */
void               hd_variant_editor_set_master_text    (HdVariantEditor  *self,
                                                         const char       *text);
/* The text that goes out on this channel. */
const char        *hd_variant_editor_get_text           (HdVariantEditor  *self);
gboolean           hd_variant_editor_get_overridden     (HdVariantEditor  *self);
/* Gives the channel its own text (NULL follows the main text again). */
void               hd_variant_editor_set_override       (HdVariantEditor  *self,
                                                         const char       *text);
void               hd_variant_editor_reset_to_master    (HdVariantEditor  *self);
GtkTextView       *hd_variant_editor_get_text_view      (HdVariantEditor  *self);

const char        *hd_variant_editor_get_first_comment  (HdVariantEditor  *self);
void               hd_variant_editor_set_first_comment  (HdVariantEditor  *self,
                                                         const char       *first_comment);

/* @media (HdMedia) is everything attached to the post; each can be left off this channel. */
void               hd_variant_editor_set_media          (HdVariantEditor  *self,
                                                         GPtrArray        *media);
void               hd_variant_editor_set_media_chosen   (HdVariantEditor  *self,
                                                         HdMedia          *media,
                                                         gboolean          chosen);
gboolean           hd_variant_editor_get_media_chosen   (HdVariantEditor  *self,
                                                         HdMedia          *media);
/* The media going out on this channel, in order (HdMedia, owned by the array). */
GPtrArray         *hd_variant_editor_dup_chosen_media   (HdVariantEditor  *self);

const HdTextCount *hd_variant_editor_get_count          (HdVariantEditor  *self);
const char        *hd_variant_editor_get_counter_text   (HdVariantEditor  *self);
/* Media rule problems, one sentence each. */
GPtrArray         *hd_variant_editor_get_media_problems (HdVariantEditor  *self);
/* TRUE when the text is over a limit or the media break a rule: this channel cannot go out. */
gboolean           hd_variant_editor_is_blocked         (HdVariantEditor  *self);

G_END_DECLS
