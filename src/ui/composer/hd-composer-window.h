/* hd-composer-window.h: where a post is written for every channel at once and scheduled.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-post.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_COMPOSER_WINDOW (hd_composer_window_get_type ())
G_DECLARE_FINAL_TYPE (HdComposerWindow, hd_composer_window, HD, COMPOSER_WINDOW, AdwWindow)

/* @settings gives the default channels and the zone shown; NULL uses neither. */
HdComposerWindow *hd_composer_window_new               (HdStore           *store,
                                                        GSettings         *settings);
/* Opens the post @post_id with its variants and media, to edit it further. */
gboolean          hd_composer_window_load_post         (HdComposerWindow  *self,
                                                        const char        *post_id,
                                                        GError           **error);
/* Starts the schedule row at @instant, as when writing a post in an empty calendar slot. */
void              hd_composer_window_set_instant       (HdComposerWindow  *self,
                                                        gint64             instant);
void              hd_composer_window_set_text          (HdComposerWindow  *self,
                                                        const char        *text);
char             *hd_composer_window_dup_text          (HdComposerWindow  *self);
/* The id of the post being written; it only reaches the store once there is something in it. */
const char       *hd_composer_window_get_post_id       (HdComposerWindow  *self);
/* How long after the last change the post is saved by itself, in milliseconds. A save already
 * waiting then waits that long from now. */
void              hd_composer_window_set_autosave_delay (HdComposerWindow *self,
                                                         guint             delay_ms);

G_END_DECLS
