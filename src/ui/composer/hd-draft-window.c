/* hd-draft-window.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-post.h"
#include "hd-store-posts.h"
#include "composer/hd-draft-window.h"

struct _HdDraftWindow
{
  AdwWindow parent_instance;

  /* template widgets */
  GtkTextView     *text_view;
  AdwToastOverlay *toast_overlay;

  /* owned references */
  HdStore         *store;
};

G_DEFINE_FINAL_TYPE (HdDraftWindow, hd_draft_window, ADW_TYPE_WINDOW)

static char *
get_text (HdDraftWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start;
  GtkTextIter end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_save_enabled (HdDraftWindow *self)
{
  g_autofree char *text = get_text (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draft.save",
                                 *g_strstrip (text) != '\0');
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdDraftWindow *self = HD_DRAFT_WINDOW (widget);
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = get_text (self);

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_DRAFT);

  if (!hd_store_save_post (self->store, post, &error))
    {
      /* Keep the window and its text, so nothing typed is lost. */
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

void
hd_draft_window_set_text (HdDraftWindow *self,
                          const char    *text)
{
  g_return_if_fail (HD_IS_DRAFT_WINDOW (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
}

HdDraftWindow *
hd_draft_window_new (HdStore *store)
{
  HdDraftWindow *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_DRAFT_WINDOW, NULL);
  self->store = g_object_ref (store);

  return self;
}

static void
hd_draft_window_dispose (GObject *object)
{
  HdDraftWindow *self = HD_DRAFT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_DRAFT_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_draft_window_parent_class)->dispose (object);
}

static void
hd_draft_window_class_init (HdDraftWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_draft_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/composer/hd-draft-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HdDraftWindow, text_view);
  gtk_widget_class_bind_template_child (widget_class, HdDraftWindow, toast_overlay);

  gtk_widget_class_install_action (widget_class, "draft.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "draft.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_draft_window_init (HdDraftWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (update_save_enabled), self, G_CONNECT_SWAPPED);
  update_save_enabled (self);
}
