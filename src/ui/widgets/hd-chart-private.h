/* hd-chart-private.h: the chart's geometry and hover, for its tests.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-chart.h"

G_BEGIN_DECLS

void     _hd_chart_nice_ticks     (double            low,
                                   double            high,
                                   guint             max_ticks,
                                   gboolean          whole_steps,
                                   double           *first,
                                   double           *step,
                                   guint            *n_ticks);
gboolean _hd_chart_point_position (HdChart          *self,
                                   guint             series,
                                   guint             index,
                                   graphene_point_t *position);
gboolean _hd_chart_nearest_point  (HdChart          *self,
                                   double            x,
                                   double            y,
                                   guint            *series,
                                   guint            *index);
void     _hd_chart_hover          (HdChart          *self,
                                   double            x,
                                   double            y);
char    *_hd_chart_hover_text     (HdChart          *self);

G_END_DECLS
