/* hd-store-channels.h: the accounts posts go out to
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-channel.h"

G_BEGIN_DECLS

/* Deleting a channel removes its variants, inbox items, metrics and pending changes. */
gboolean     hd_store_save_channel         (HdStore      *self,
                                            HdChannel    *channel,
                                            GError      **error);
HdChannel   *hd_store_load_channel         (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
gboolean     hd_store_delete_channel       (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* HdChannel items in the order they were added. */
GListModel  *hd_store_list_channels        (HdStore      *self,
                                            GError      **error);

G_END_DECLS
