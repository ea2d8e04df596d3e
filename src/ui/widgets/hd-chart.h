/* hd-chart.h: a day-by-day line or bar chart of one or more series, with a reference line.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  HD_CHART_LINE,
  HD_CHART_BARS,
} HdChartKind;

/* Writes a value for people: a count, or money from minor units. */
typedef char *(*HdChartFormatFunc) (double   value,
                                    gpointer user_data);

#define HD_TYPE_CHART_KIND (hd_chart_kind_get_type ())
GType hd_chart_kind_get_type (void);

#define HD_TYPE_CHART (hd_chart_get_type ())

G_DECLARE_FINAL_TYPE (HdChart, hd_chart, HD, CHART, GtkWidget)

GtkWidget   *hd_chart_new             (void);
HdChartKind  hd_chart_get_kind        (HdChart           *self);
void         hd_chart_set_kind        (HdChart           *self,
                                       HdChartKind        kind);
const char  *hd_chart_get_title       (HdChart           *self);
void         hd_chart_set_title       (HdChart           *self,
                                       const char        *title);
const char  *hd_chart_get_empty_text  (HdChart           *self);
void         hd_chart_set_empty_text  (HdChart           *self,
                                       const char        *empty_text);
void         hd_chart_set_time_zone   (HdChart           *self,
                                       GTimeZone         *zone);
void         hd_chart_set_formatter   (HdChart           *self,
                                       HdChartFormatFunc  format,
                                       gpointer           user_data,
                                       GDestroyNotify     destroy);
void         hd_chart_set_money       (HdChart           *self,
                                       const char        *currency);
guint        hd_chart_add_series      (HdChart           *self,
                                       const char        *name,
                                       const gint64      *days,
                                       const double      *values,
                                       guint              n_points);
guint        hd_chart_get_n_series    (HdChart           *self);
void         hd_chart_clear           (HdChart           *self);
void         hd_chart_set_reference   (HdChart           *self,
                                       const char        *label,
                                       double             value);
void         hd_chart_unset_reference (HdChart           *self);
char        *hd_chart_describe        (HdChart           *self);

G_END_DECLS
