/* hd-preferences-window.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_PREFERENCES_WINDOW (hd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (HdPreferencesWindow, hd_preferences_window, HD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* @store may be NULL while no workspace is open; then no channels are offered. */
HdPreferencesWindow *hd_preferences_window_new (GSettings *settings,
                                                HdStore   *store);

G_END_DECLS
