/* hd-metric.h: one measurement of a post, channel or ad object at one instant.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_METRIC (hd_metric_get_type ())
G_DECLARE_FINAL_TYPE (HdMetric, hd_metric, HD, METRIC, GObject)

HdMetric        *hd_metric_new             (void);
HdMetricSubject  hd_metric_get_subject     (HdMetric        *self);
void             hd_metric_set_subject     (HdMetric        *self,
                                            HdMetricSubject  subject);
const char      *hd_metric_get_subject_id  (HdMetric        *self);
void             hd_metric_set_subject_id  (HdMetric        *self,
                                            const char      *subject_id);
const char      *hd_metric_get_channel_id  (HdMetric        *self);
void             hd_metric_set_channel_id  (HdMetric        *self,
                                            const char      *channel_id);
const char      *hd_metric_get_name        (HdMetric        *self);
void             hd_metric_set_name        (HdMetric        *self,
                                            const char      *name);
gint64           hd_metric_get_value       (HdMetric        *self);
void             hd_metric_set_value       (HdMetric        *self,
                                            gint64           value);
gint64           hd_metric_get_measured_at (HdMetric        *self);
void             hd_metric_set_measured_at (HdMetric        *self,
                                            gint64           measured_at);

G_END_DECLS
