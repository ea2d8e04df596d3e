/* hd-store-snippets.h: saved hashtag groups and signatures
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-snippet.h"

G_BEGIN_DECLS

/* A snippet with an empty name or text is refused with HD_STORE_ERROR_INVALID. */
gboolean     hd_store_save_snippet         (HdStore      *self,
                                            HdSnippet    *snippet,
                                            GError      **error);
gboolean     hd_store_delete_snippet       (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* HdSnippet items by kind (hashtags first), then position, then name. Follows the store. */
GListModel  *hd_store_list_snippets        (HdStore      *self,
                                            GError      **error);

G_END_DECLS
