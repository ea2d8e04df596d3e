/* hd-audience.h: a saved targeting spec that ad sets reuse.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_AUDIENCE (hd_audience_get_type ())
G_DECLARE_FINAL_TYPE (HdAudience, hd_audience, HD, AUDIENCE, GObject)

/* A new object has a fresh random UUID as its id. */
HdAudience  *hd_audience_new                (void);
const char  *hd_audience_get_id             (HdAudience  *self);
void         hd_audience_set_id             (HdAudience  *self,
                                             const char  *id);
const char  *hd_audience_get_name           (HdAudience  *self);
void         hd_audience_set_name           (HdAudience  *self,
                                             const char  *name);
const char  *hd_audience_get_spec           (HdAudience  *self);
void         hd_audience_set_spec           (HdAudience  *self,
                                             const char  *spec);
gint64       hd_audience_get_estimated_size (HdAudience  *self);
void         hd_audience_set_estimated_size (HdAudience  *self,
                                             gint64       estimated_size);
gint64       hd_audience_get_estimated_at   (HdAudience  *self);
void         hd_audience_set_estimated_at   (HdAudience  *self,
                                             gint64       estimated_at);
gint64       hd_audience_get_created_at     (HdAudience  *self);
void         hd_audience_set_created_at     (HdAudience  *self,
                                             gint64       created_at);
gint64       hd_audience_get_updated_at     (HdAudience  *self);
void         hd_audience_set_updated_at     (HdAudience  *self,
                                             gint64       updated_at);

/* Added with Meta's reach estimates. */
/* Meta's upper bound of the audience size (estimated-size is the lower bound);
 * -1 when not known. */
gint64       hd_audience_get_estimated_upper (HdAudience *self);
void         hd_audience_set_estimated_upper (HdAudience *self,
                                              gint64      estimated_upper);

G_END_DECLS
