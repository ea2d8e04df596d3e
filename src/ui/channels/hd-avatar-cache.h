/* hd-avatar-cache.h: account pictures, downloaded once and kept on disk
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hd-http.h"

G_BEGIN_DECLS

/* A picture bigger than this is not an avatar; it is not downloaded. */
#define HD_AVATAR_MAX_BYTES (2 * 1024 * 1024)

#define HD_TYPE_AVATAR_CACHE (hd_avatar_cache_get_type ())
G_DECLARE_FINAL_TYPE (HdAvatarCache, hd_avatar_cache, HD, AVATAR_CACHE, GObject)

/* @dir NULL keeps the files in $XDG_CACHE_HOME/herald/avatars. */
HdAvatarCache *hd_avatar_cache_new         (HdHttp               *http,
                                            const char           *dir);
const char    *hd_avatar_cache_get_dir     (HdAvatarCache        *self);
/* The picture if it is already in memory, else NULL. */
GdkPaintable  *hd_avatar_cache_peek        (HdAvatarCache        *self,
                                            const char           *url);

void           hd_avatar_cache_load_async  (HdAvatarCache        *self,
                                            const char           *url,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GdkPaintable  *hd_avatar_cache_load_finish (HdAvatarCache        *self,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
