/* hd-week-view.h: seven days by twenty-four hours, with posts at their time.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hd-store-calendar.h"

G_BEGIN_DECLS

#define HD_TYPE_WEEK_VIEW (hd_week_view_get_type ())
G_DECLARE_FINAL_TYPE (HdWeekView, hd_week_view, HD, WEEK_VIEW, GtkWidget)

GtkWidget *hd_week_view_new           (void);

/* Shows the seven days starting on @year/@month/@day in @zone. */
void       hd_week_view_set_week      (HdWeekView *self,
                                       GTimeZone  *zone,
                                       int         year,
                                       int         month,
                                       int         day);
void       hd_week_view_get_range     (HdWeekView *self,
                                       gint64     *from,
                                       gint64     *to);
void       hd_week_view_set_entries   (HdWeekView *self,
                                       GArray     *entries);
void       hd_week_view_set_today     (HdWeekView *self,
                                       int         year,
                                       int         month,
                                       int         day);

/* What a drop at (@x, @y) of the hour grid does: emits ::move-post with the instant of that
 * day and hour, keeping the post's minutes. */
gboolean   hd_week_view_drop          (HdWeekView *self,
                                       const char *post_id,
                                       double      x,
                                       double      y);

/* For tests: where the chip of @post_id was laid out (day 0–6 of the week, hour 0–23). */
gboolean   hd_week_view_find_post     (HdWeekView *self,
                                       const char *post_id,
                                       int        *day,
                                       int        *hour);
/* The grid inside the scrolled window, whose coordinates hd_week_view_drop() takes. */
GtkWidget *hd_week_view_get_grid      (HdWeekView *self);
int        hd_week_view_get_hour_height (HdWeekView *self);
int        hd_week_view_get_gutter_width (HdWeekView *self);
/* The button of an hour slot, day 0–6 of the week. */
GtkWidget *hd_week_view_get_slot      (HdWeekView *self,
                                       int         day,
                                       int         hour);
GtkAdjustment *hd_week_view_get_vadjustment (HdWeekView *self);

G_END_DECLS
