/* hd-toast.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ui"

#include "config.h"

#include "widgets/hd-toast.h"

AdwToast *
hd_toast_new_plain (const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

static AdwToastOverlay *
find_overlay (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root;

  if (overlay != NULL)
    return ADW_TOAST_OVERLAY (overlay);

  /* A toast about a dialog's work outlives the dialog: it belongs to the main window. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root) && gtk_window_get_transient_for (GTK_WINDOW (root)) != NULL)
    return find_overlay (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (root))));

  return NULL;
}

static AdwToastOverlay *
find_overlay_below (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_overlay_below (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
hd_toast_show (GtkWidget *widget,
               AdwToast  *toast)
{
  AdwToastOverlay *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = find_overlay (widget);
  if (overlay == NULL && GTK_IS_WINDOW (widget))
    overlay = find_overlay_below (widget);
  if (overlay == NULL)
    {
      g_object_unref (toast);
      return FALSE;
    }

  adw_toast_overlay_add_toast (overlay, toast);
  return TRUE;
}
