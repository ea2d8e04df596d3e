/* hd-draft-window.h: a small window to write down a draft until the composer exists.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_DRAFT_WINDOW (hd_draft_window_get_type ())
G_DECLARE_FINAL_TYPE (HdDraftWindow, hd_draft_window, HD, DRAFT_WINDOW, AdwWindow)

HdDraftWindow *hd_draft_window_new      (HdStore       *store);
void           hd_draft_window_set_text (HdDraftWindow *self,
                                         const char    *text);

G_END_DECLS
