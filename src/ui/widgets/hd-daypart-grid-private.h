/* hd-daypart-grid-private.h: the grid's pointer handling and geometry, for its tests.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-daypart-grid.h"

G_BEGIN_DECLS

/* What the click and drag gestures call, in widget coordinates, so a test can paint without
 * synthesising events or depending on timing. */
void     _hd_daypart_grid_press        (HdDaypartGrid   *self,
                                        double           x,
                                        double           y);
void     _hd_daypart_grid_drag_to      (HdDaypartGrid   *self,
                                        double           x,
                                        double           y);
void     _hd_daypart_grid_release      (HdDaypartGrid   *self);
gboolean _hd_daypart_grid_cell_at      (HdDaypartGrid   *self,
                                        double           x,
                                        double           y,
                                        guint           *day,
                                        guint           *hour);
gboolean _hd_daypart_grid_cell_bounds  (HdDaypartGrid   *self,
                                        guint            day,
                                        guint            hour,
                                        graphene_rect_t *bounds);
void     _hd_daypart_grid_get_focus    (HdDaypartGrid   *self,
                                        guint           *day,
                                        guint           *hour);
guint    _hd_daypart_grid_label_stride (HdDaypartGrid   *self);

G_END_DECLS
