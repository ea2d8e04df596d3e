/* hd-store-audiences.h: saved targeting specs
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-audience.h"

G_BEGIN_DECLS

gboolean     hd_store_save_audience        (HdStore      *self,
                                            HdAudience   *audience,
                                            GError      **error);
HdAudience  *hd_store_load_audience        (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* Refused with HD_STORE_ERROR_INVALID while an ad set still targets the audience. */
gboolean     hd_store_delete_audience      (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* HdAudience items by name. */
GListModel  *hd_store_list_audiences       (HdStore      *self,
                                            GError      **error);

G_END_DECLS
