/* hd-store-inbox.h: comments, replies, mentions and messages that came back
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-inbox-item.h"

G_BEGIN_DECLS

gboolean     hd_store_save_inbox_item      (HdStore      *self,
                                            HdInboxItem  *item,
                                            GError      **error);
HdInboxItem *hd_store_load_inbox_item      (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
gboolean     hd_store_delete_inbox_item    (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* HdInboxItem items, newest first. */
GListModel  *hd_store_list_inbox           (HdStore      *self,
                                            GError      **error);
gboolean     hd_store_count_unread_inbox   (HdStore      *self,
                                            guint        *n_unread,
                                            GError      **error);

G_END_DECLS
