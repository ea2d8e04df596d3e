/* hd-daypart-grid.h: the 7 × 24 hours of a week, painted on and off with the pointer or keys.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The week as 168 bits, hour h of day d at bit (d * 24 + h), least significant bit of each
 * byte first. Day 0 is Sunday, as in the ad platform's dayparting schedule. */
#define HD_DAYPART_HOURS_SIZE 21

#define HD_TYPE_DAYPART_GRID (hd_daypart_grid_get_type ())

G_DECLARE_FINAL_TYPE (HdDaypartGrid, hd_daypart_grid, HD, DAYPART_GRID, GtkWidget)

GtkWidget *hd_daypart_grid_new                (void);
gboolean   hd_daypart_grid_get_hour           (HdDaypartGrid *self,
                                               guint          day,
                                               guint          hour);
void       hd_daypart_grid_set_hour           (HdDaypartGrid *self,
                                               guint          day,
                                               guint          hour,
                                               gboolean       chosen);
void       hd_daypart_grid_get_hours          (HdDaypartGrid *self,
                                               guint8         hours[HD_DAYPART_HOURS_SIZE]);
void       hd_daypart_grid_set_hours          (HdDaypartGrid *self,
                                               const guint8   hours[HD_DAYPART_HOURS_SIZE]);
guint      hd_daypart_grid_get_first_weekday  (HdDaypartGrid *self);
void       hd_daypart_grid_set_first_weekday  (HdDaypartGrid *self,
                                               guint          first_weekday);
char      *hd_daypart_grid_describe           (HdDaypartGrid *self);
char      *hd_daypart_grid_describe_hours     (const guint8   hours[HD_DAYPART_HOURS_SIZE],
                                               guint          first_weekday);

G_END_DECLS
