/* hd-popovers.c: windows that close their open popovers when they go.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-widgets"

#include "hd-popovers.h"

static void
close_popovers (GtkWidget *widget)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      close_popovers (child);
      if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
        gtk_popover_popdown (GTK_POPOVER (child));

      child = next;
    }
}

/* GTK 4.8 lets go of an open popover's grab, and of the reference the grab holds, only when
 * the popover is hidden, and a window that closes does not hide the popovers inside it. One
 * closed by a shortcut typed in an open popover (Ctrl+S from the composer's snippets, Ctrl+W
 * from a menu) would leave that popover alive without a surface and still grabbing: the
 * application's other windows would get no input, and a tooltip GTK was about to show for it
 * would look for its surface once the window was gone. Hiding a popover releases its grab
 * whether or not it is still mapped, so this runs after the window's own unmap. */
void
hd_window_close_popovers_when_hidden (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_signal_connect (window, "unmap", G_CALLBACK (close_popovers), NULL);
}
