/* hd-top-posts.h: the posts of a report in a table that sorts by each of its figures
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store-reports.h"

G_BEGIN_DECLS

#define HD_TYPE_TOP_POSTS (hd_top_posts_get_type ())
G_DECLARE_FINAL_TYPE (HdTopPosts, hd_top_posts, HD, TOP_POSTS, AdwBin)

GtkWidget *hd_top_posts_new            (void);
/* Shows the posts of @report, most engagement first. */
void       hd_top_posts_set_report     (HdTopPosts     *self,
                                        HdReport       *report);
guint      hd_top_posts_get_n_posts    (HdTopPosts     *self);
/* Sorts as a click on @column's header does. */
void       hd_top_posts_sort_by        (HdTopPosts     *self,
                                        HdReportColumn  column,
                                        gboolean        descending);
/* What row @position (in the order shown) says under @column: "15", "Not available". */
char      *hd_top_posts_dup_figure     (HdTopPosts     *self,
                                        guint           position,
                                        HdReportColumn  column);
/* The text of the post on row @position. */
const char *hd_top_posts_get_post_text (HdTopPosts     *self,
                                        guint           position);

G_END_DECLS
