/* hd-media-tile.h: one attached image in the composer, with its alt text.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-media.h"

G_BEGIN_DECLS

#define HD_TYPE_MEDIA_TILE (hd_media_tile_get_type ())
G_DECLARE_FINAL_TYPE (HdMediaTile, hd_media_tile, HD, MEDIA_TILE, AdwBin)

GtkWidget *hd_media_tile_new           (HdMedia      *media,
                                        GdkPaintable *thumbnail,
                                        guint         number);
HdMedia   *hd_media_tile_get_media     (HdMediaTile  *self);
GtkEditable *hd_media_tile_get_alt_entry (HdMediaTile *self);

G_END_DECLS
