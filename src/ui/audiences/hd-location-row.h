/* hd-location-row.h: one chosen place of an audience, with its radius and exclusion
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hd-targeting.h"

G_BEGIN_DECLS

#define HD_TYPE_LOCATION_ROW (hd_location_row_get_type ())
G_DECLARE_FINAL_TYPE (HdLocationRow, hd_location_row, HD, LOCATION_ROW, GtkListBoxRow)

/* The row edits @location's radius and unit in place and emits ::changed; @location belongs
 * to the audience and must outlive the row. ::exclude-toggled and ::remove ask the owner of
 * the audience to move or drop the place. */
GtkWidget  *hd_location_row_new          (HdLocation    *location,
                                          gboolean       excluded);
HdLocation *hd_location_row_get_location (HdLocationRow *self);

G_END_DECLS
