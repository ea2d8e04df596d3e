/* hd-label.h: a tag the user files posts under, such as “Offers”.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_LABEL (hd_label_get_type ())
G_DECLARE_FINAL_TYPE (HdLabel, hd_label, HD, LABEL, GObject)

/* A new object has a fresh random UUID as its id. */
HdLabel     *hd_label_new       (void);
const char  *hd_label_get_id    (HdLabel     *self);
void         hd_label_set_id    (HdLabel     *self,
                                 const char  *id);
const char  *hd_label_get_name  (HdLabel     *self);
void         hd_label_set_name  (HdLabel     *self,
                                 const char  *name);
const char  *hd_label_get_color (HdLabel     *self);
void         hd_label_set_color (HdLabel     *self,
                                 const char  *color);

G_END_DECLS
