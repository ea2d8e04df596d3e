/* hd-post-row.h: one post in a list, as a card.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_POST_ROW (hd_post_row_get_type ())
G_DECLARE_FINAL_TYPE (HdPostRow, hd_post_row, HD, POST_ROW, AdwBin)

GtkWidget  *hd_post_row_new      (void);

/* @zone NULL hides the time; @channels maps channel ids to HdChannel. */
void        hd_post_row_set_post (HdPostRow  *self,
                                  HdPost     *post,
                                  GTimeZone  *zone,
                                  GHashTable *channels);

/* Channel id → HdChannel for every channel of @store, for rows to draw their icons. */
GHashTable *hd_channel_map_new   (HdStore    *store);

/* A list where every post is in the same state needs no pill on each. */
void        hd_post_row_set_show_state (HdPostRow *self,
                                        gboolean   show_state);

void        hd_pill_set_state    (GtkLabel   *pill,
                                  const char *css_state,
                                  const char *text);

G_END_DECLS
