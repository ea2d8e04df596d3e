/* hd-post-preview.h: a card that looks like the post will on one channel.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-channel.h"

G_BEGIN_DECLS

#define HD_TYPE_POST_PREVIEW (hd_post_preview_get_type ())
G_DECLARE_FINAL_TYPE (HdPostPreview, hd_post_preview, HD, POST_PREVIEW, GtkWidget)

GtkWidget  *hd_post_preview_new        (HdChannel     *channel);
/* @images holds GdkPaintables, shown in order; NULL or empty for none. */
void        hd_post_preview_update     (HdPostPreview *self,
                                        const char    *text,
                                        GPtrArray     *images);
/* Pango markup with links, hashtags and mentions in @link_color; exposed for the tests. */
char       *hd_post_preview_markup     (const char    *text,
                                        const char    *link_color);

G_END_DECLS
