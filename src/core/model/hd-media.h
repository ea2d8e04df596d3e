/* hd-media.h: an image or video copied into Herald’s data folder, named by its SHA-256.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_MEDIA (hd_media_get_type ())
G_DECLARE_FINAL_TYPE (HdMedia, hd_media, HD, MEDIA, GObject)

HdMedia     *hd_media_new            (void);
const char  *hd_media_get_sha256     (HdMedia     *self);
void         hd_media_set_sha256     (HdMedia     *self,
                                      const char  *sha256);
const char  *hd_media_get_path       (HdMedia     *self);
void         hd_media_set_path       (HdMedia     *self,
                                      const char  *path);
const char  *hd_media_get_mime_type  (HdMedia     *self);
void         hd_media_set_mime_type  (HdMedia     *self,
                                      const char  *mime_type);
int          hd_media_get_width      (HdMedia     *self);
void         hd_media_set_width      (HdMedia     *self,
                                      int          width);
int          hd_media_get_height     (HdMedia     *self);
void         hd_media_set_height     (HdMedia     *self,
                                      int          height);
const char  *hd_media_get_alt_text   (HdMedia     *self);
void         hd_media_set_alt_text   (HdMedia     *self,
                                      const char  *alt_text);
gint64       hd_media_get_bytes      (HdMedia     *self);
void         hd_media_set_bytes      (HdMedia     *self,
                                      gint64       bytes);
gint64       hd_media_get_created_at (HdMedia     *self);
void         hd_media_set_created_at (HdMedia     *self,
                                      gint64       created_at);

G_END_DECLS
