/* hd-popovers.h: windows that close their open popovers when they go.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void hd_window_close_popovers_when_hidden (GtkWindow *window);

G_END_DECLS
