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

/* Answers of Meta's targeting search (@kind is its search type, such as "adinterest"; @results
 * the JSON of the answer's data), kept so the audience builder works offline. A search is
 * found again whatever its case or spacing; a new answer replaces the old. */
gboolean     hd_store_put_targeting_results (HdStore      *self,
                                             const char   *kind,
                                             const char   *query,
                                             const char   *results,
                                             gint64        fetched_at,
                                             GError      **error);
/* The kept answer with when it was fetched, or NULL (without @error) when there is none. */
char        *hd_store_get_targeting_results (HdStore      *self,
                                             const char   *kind,
                                             const char   *query,
                                             gint64       *fetched_at,
                                             GError      **error);

G_END_DECLS
