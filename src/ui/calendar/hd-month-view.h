/* hd-month-view.h: a month as a grid of days, with post chips and campaign flights.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hd-store-calendar.h"

G_BEGIN_DECLS

#define HD_TYPE_MONTH_VIEW (hd_month_view_get_type ())
G_DECLARE_FINAL_TYPE (HdMonthView, hd_month_view, HD, MONTH_VIEW, GtkWidget)

GtkWidget  *hd_month_view_new             (void);

/* Shows the month of @year/@month in @zone, weeks starting on @week_start (1 Monday … 7
 * Sunday). The grid holds whole weeks, so it starts and ends with days of the months around. */
void        hd_month_view_set_month       (HdMonthView   *self,
                                           GTimeZone     *zone,
                                           int            week_start,
                                           int            year,
                                           int            month);
/* The instants the grid covers, for the query: [*from, *to). */
void        hd_month_view_get_range       (HdMonthView   *self,
                                           gint64        *from,
                                           gint64        *to);
/* Re-binds the pooled chips to @entries (HdCalendarEntry, ordered by scheduled_at) and the
 * flight bars to @flights (HdCalendarFlight). Both arrays are copied. */
void        hd_month_view_set_entries     (HdMonthView   *self,
                                           GArray        *entries,
                                           GArray        *flights);

/* The focused day, which the arrow keys move. */
void        hd_month_view_get_focus_day   (HdMonthView   *self,
                                           int           *year,
                                           int           *month,
                                           int           *day);
void        hd_month_view_set_focus_day   (HdMonthView   *self,
                                           int            year,
                                           int            month,
                                           int            day,
                                           gboolean       grab);

/* Compares a day with today, so it can be marked. */
void        hd_month_view_set_today       (HdMonthView   *self,
                                           int            year,
                                           int            month,
                                           int            day);

/* What a drop at (@x, @y) does, as the drop target calls it: a drop on a day emits
 * ::move-post with that day. */
gboolean    hd_month_view_drop            (HdMonthView   *self,
                                           const char    *post_id,
                                           double         x,
                                           double         y);

/* For tests and the benchmark: the chip pool and what it shows. */
guint       hd_month_view_get_pool_size   (HdMonthView   *self);
GPtrArray  *hd_month_view_get_day_chips   (HdMonthView   *self,
                                           int            year,
                                           int            month,
                                           int            day);
/* The "+N more" count of a day, 0 when every post fits. */
guint       hd_month_view_get_day_more    (HdMonthView   *self,
                                           int            year,
                                           int            month,
                                           int            day);
GtkWidget  *hd_month_view_get_day_widget  (HdMonthView   *self,
                                           int            year,
                                           int            month,
                                           int            day);
GtkWidget  *hd_month_view_get_more_button (HdMonthView   *self,
                                           int            year,
                                           int            month,
                                           int            day);
/* Names of the flights drawn on a day, in lane order. */
GPtrArray  *hd_month_view_get_day_flights (HdMonthView   *self,
                                           int            year,
                                           int            month,
                                           int            day);

G_END_DECLS
