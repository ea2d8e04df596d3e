/* hd-store-labels.h: the labels posts are filed under
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-label.h"

G_BEGIN_DECLS

gboolean     hd_store_save_label           (HdStore      *self,
                                            HdLabel      *label,
                                            GError      **error);
HdLabel     *hd_store_load_label           (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* Removes the label from every post that carries it; the posts stay. */
gboolean     hd_store_delete_label         (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* HdLabel items by name. */
GListModel  *hd_store_list_labels          (HdStore      *self,
                                            GError      **error);

G_END_DECLS
