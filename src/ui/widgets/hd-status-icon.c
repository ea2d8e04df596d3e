/* hd-status-icon.c: status pages that get their large icon only when first shown.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-widgets"

#include "hd-status-icon.h"

/* A status page draws its icon at 128 px, a size the Adwaita theme has only as SVG: loading
 * one brings librsvg into the process, several MB that stay for its lifetime. Pages built with
 * the window show their empty states seldom, so each gets its icon when first mapped, and one
 * never shown costs nothing. */
static void
on_status_page_map (GtkWidget  *page,
                    const char *icon_name)
{
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon_name);
  g_signal_handlers_disconnect_by_func (page, on_status_page_map, (gpointer) icon_name);
}

/* @icon_name must outlive @page: a string literal. */
void
hd_status_page_set_icon_when_shown (AdwStatusPage *page,
                                    const char    *icon_name)
{
  g_return_if_fail (ADW_IS_STATUS_PAGE (page));
  g_return_if_fail (icon_name != NULL);

  if (gtk_widget_get_mapped (GTK_WIDGET (page)))
    adw_status_page_set_icon_name (page, icon_name);
  else
    g_signal_connect (page, "map", G_CALLBACK (on_status_page_map), (gpointer) icon_name);
}
