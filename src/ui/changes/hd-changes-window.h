/* hd-changes-window.h: the changes waiting to be sent, per channel, with Check and Send, and
 * change files exported for review and imported back
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-application.h"

G_BEGIN_DECLS

#define HD_TYPE_CHANGES_WINDOW (hd_changes_window_get_type ())
G_DECLARE_FINAL_TYPE (HdChangesWindow, hd_changes_window, HD, CHANGES_WINDOW, AdwWindow)

HdChangesWindow *hd_changes_window_new                (HdApplication   *application,
                                                       GtkWindow       *parent);

/* "empty", "list" or "review": what the window shows. */
const char      *hd_changes_window_get_page           (HdChangesWindow *self);
/* The row of a change, or NULL when it is not listed. */
GtkWidget       *hd_changes_window_find_row           (HdChangesWindow *self,
                                                       const char      *change_id);
/* The row of the conflict of a variant, or NULL when it is not listed. */
GtkWidget       *hd_changes_window_find_conflict_row  (HdChangesWindow *self,
                                                       const char      *variant_id);
/* The problems Check found for a change, as shown under its row; NULL when none is shown. */
const char      *hd_changes_window_get_problems       (HdChangesWindow *self,
                                                       const char      *change_id);
/* Opens the review of @file as Import… would after the file chooser. */
void             hd_changes_window_review_file        (HdChangesWindow *self,
                                                       GFile           *file);

G_END_DECLS
