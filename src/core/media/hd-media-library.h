/* hd-media-library.h: pictures copied into Herald’s data folder, and each channel's media rules
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

/* Copies @file into <data dir>/media/<sha256>.<ext> (mode 0600; the same bytes twice give the
 * same HdMedia), records the MIME type sniffed from the content (not the name), the pixel size
 * and the byte size, and saves the row. A file that is not a readable image is refused with
 * HD_STORE_ERROR_INVALID and nothing is stored. The data dir is the folder of the database. */
HdMedia     *hd_store_import_media         (HdStore              *self,
                                            GFile                *file,
                                            GCancellable         *cancellable,
                                            GError              **error);
/* The same in a worker thread; the row itself is written back on the calling thread's
 * main context, so the store is only ever touched from there. */
void         hd_store_import_media_async   (HdStore              *self,
                                            GFile                *file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
HdMedia     *hd_store_import_media_finish  (HdStore              *self,
                                            GAsyncResult         *result,
                                            GError              **error);
/* The absolute path of the media's copy in the data folder. */
char        *hd_store_get_media_file_path  (HdStore              *self,
                                            HdMedia              *media);

/* Appends one translated sentence per problem to @problems (a GPtrArray of char *, freed with
 * g_free) for @media going out on a channel of @kind: how many, how big, which types. Returns
 * TRUE when there is no problem.
 *
 *   Mastodon    at most 4 attachments; images up to 16 MiB
 *   Bluesky     at most 4 images, each under 1,000,000 bytes
 *   Facebook    images; no count or size stated
 *   Instagram   at least one image, at most 10, JPEG only, each up to 8 MiB, each between
 *               4:5 and 1.91:1 (width:height) when its pixel size is known
 *   LinkedIn    at most 20 images; no size stated
 *   X           images; no count or size stated
 *
 * Only limits reference/channel-apis.md states are here; where it states none, the
 * platform's own refusal reaches the user when the post is sent. */
gboolean     hd_media_check_for_channel    (HdChannelKind         kind,
                                            HdMedia * const      *media,
                                            guint                 n_media,
                                            GPtrArray            *problems);
/* The count and byte limits of the same rules, 0 where none is stated, so that a provider's
 * capabilities repeat them rather than a copy. */
void         hd_media_get_channel_limits   (HdChannelKind         kind,
                                            guint                *max_count,
                                            gsize                *max_bytes);
/* Makes a JPEG copy of @media smaller than @max_bytes, downscaling and lowering the quality
 * as needed, and imports it as new media (the alt text is kept). */
HdMedia     *hd_store_shrink_media         (HdStore              *self,
                                            HdMedia              *media,
                                            gsize                 max_bytes,
                                            GError              **error);

G_END_DECLS
