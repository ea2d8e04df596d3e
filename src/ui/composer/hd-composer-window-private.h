/* hd-composer-window-private.h: the composer's parts, for its tests.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "composer/hd-composer-window.h"
#include "composer/hd-schedule-picker.h"
#include "composer/hd-snippet-popover.h"
#include "composer/hd-variant-editor.h"

G_BEGIN_DECLS

GtkTextView       *_hd_composer_window_get_master_view     (HdComposerWindow *self);
/* The chip that chooses channel @channel_id (a GtkToggleButton), and its tab. */
GtkWidget         *_hd_composer_window_get_chip            (HdComposerWindow *self,
                                                            const char       *channel_id);
HdVariantEditor   *_hd_composer_window_get_editor          (HdComposerWindow *self,
                                                            const char       *channel_id);
const char        *_hd_composer_window_get_chip_counter    (HdComposerWindow *self,
                                                            const char       *channel_id);
HdSchedulePicker  *_hd_composer_window_get_schedule_picker (HdComposerWindow *self);
HdSnippetPopover  *_hd_composer_window_get_snippet_popover (HdComposerWindow *self);
/* The sentence under the schedule row, or NULL when there is none. */
const char        *_hd_composer_window_get_schedule_error  (HdComposerWindow *self);
GtkWidget         *_hd_composer_window_get_media_box       (HdComposerWindow *self);
GtkWidget         *_hd_composer_window_get_no_channels_row (HdComposerWindow *self);
GPtrArray         *_hd_composer_window_get_media           (HdComposerWindow *self);
void               _hd_composer_window_import              (HdComposerWindow *self,
                                                            GFile            *file);
guint              _hd_composer_window_get_n_importing     (HdComposerWindow *self);
const char        *_hd_composer_window_get_status          (HdComposerWindow *self);

G_END_DECLS
