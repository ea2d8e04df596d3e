/* hd-window.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-application.h"

G_BEGIN_DECLS

#define HD_TYPE_WINDOW (hd_window_get_type ())
G_DECLARE_FINAL_TYPE (HdWindow, hd_window, HD, WINDOW, AdwApplicationWindow)

HdWindow   *hd_window_new            (HdApplication *application);

/* "loading" (while the store opens), "welcome", "error" or "workspace": what the window shows
 * as a whole. */
const char *hd_window_get_view       (HdWindow      *self);

/* The page shown in the workspace: "calendar", "ideas", "inbox", "campaigns", "audiences",
 * "reports" or "channels"; and the widget of each, built if it was not yet shown. */
const char *hd_window_get_page_name  (HdWindow      *self);
GtkWidget  *hd_window_get_page       (HdWindow      *self,
                                      const char    *name);

/* The period the calendar shows, as [*from, *to) and a name such as "March 2026" for the
 * export dialog to offer; NULL when no workspace is shown. */
char       *hd_window_describe_shown_range (HdWindow  *self,
                                            gint64    *from,
                                            gint64    *to);

/* Shows @toast (taking it) over the window. */
void        hd_window_add_toast      (HdWindow      *self,
                                      AdwToast      *toast);

/* Opens the Changes view: the edits waiting to be sent, with Check and Send. */
void        hd_window_show_changes   (HdWindow      *self);

/* The sentence the error view shows, or NULL when there is none. */
const char *hd_window_get_error_text (HdWindow      *self);

G_END_DECLS
