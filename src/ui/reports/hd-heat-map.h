/* hd-heat-map.h: the best time to post, weekday by hour, shaded by engagement per post
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hd-store-reports.h"

G_BEGIN_DECLS

#define HD_TYPE_HEAT_MAP (hd_heat_map_get_type ())
G_DECLARE_FINAL_TYPE (HdHeatMap, hd_heat_map, HD, HEAT_MAP, GtkWidget)

GtkWidget *hd_heat_map_new             (void);
/* Copies @map; NULL empties the widget. */
void       hd_heat_map_set_map         (HdHeatMap             *self,
                                        const HdReportHeatMap *map);
/* The accessible description: "Best: Tuesdays 9:00–10:00", or why there is no best yet.
 * While the arrow keys move through the cells it is the cell they are on instead. */
char      *hd_heat_map_describe        (HdHeatMap             *self);
/* The cell the arrow keys are on, as its tooltip says it: "Tuesdays 9:00–10:00, 4 posts,
 * 12.0 engagement per post". It starts on the best hour. NULL without a map. */
char      *hd_heat_map_dup_focus_text  (HdHeatMap             *self);
/* What hovering the point (@x, @y) shows, NULL outside the cells. */
char      *hd_heat_map_text_at         (HdHeatMap             *self,
                                        double                 x,
                                        double                 y);

G_END_DECLS
