/* hd-store-media.h: the images and videos posts carry
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-media.h"

G_BEGIN_DECLS

/* Media is keyed by its SHA-256, so saving the same file twice keeps one row. */
gboolean     hd_store_save_media           (HdStore      *self,
                                            HdMedia      *media,
                                            GError      **error);
HdMedia     *hd_store_load_media           (HdStore      *self,
                                            const char   *sha256,
                                            GError      **error);
/* Refused with HD_STORE_ERROR_INVALID while a variant still uses the media. */
gboolean     hd_store_delete_media         (HdStore      *self,
                                            const char   *sha256,
                                            GError      **error);
/* HdMedia items, newest first. */
GListModel  *hd_store_list_media           (HdStore      *self,
                                            GError      **error);

G_END_DECLS
