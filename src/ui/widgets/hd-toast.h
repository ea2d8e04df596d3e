/* hd-toast.h: showing a toast in the window a widget belongs to
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast showing @text as it is: a toast's title is markup, and names hold ampersands. */
AdwToast *hd_toast_new_plain (const char *text);

/* Adds @toast (taking it) to the nearest AdwToastOverlay above @widget, or, for a widget in
 * a dialog, in the window the dialog belongs to. Returns FALSE, dropping the toast, when
 * there is none. */
gboolean hd_toast_show (GtkWidget *widget,
                        AdwToast  *toast);

G_END_DECLS
