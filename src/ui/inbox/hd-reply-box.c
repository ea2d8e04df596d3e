/* hd-reply-box.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-inbox"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-text-counter.h"
#include "inbox/hd-reply-box.h"

struct _HdReplyBox
{
  AdwBin parent_instance;

  /* child widgets */
  GtkTextView    *text_view;
  GtkLabel       *counter_label;
  GtkLabel       *problem_label;
  GtkMenuButton  *saved_button;
  GtkWidget      *send_button;

  /* owned references */
  HdChannel      *channel;
  HdTextCount    *count;
  char           *counter_text;
  char           *problem;
};

G_DEFINE_FINAL_TYPE (HdReplyBox, hd_reply_box, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
hd_reply_box_dup_text (HdReplyBox *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (HD_IS_REPLY_BOX (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The counter's own sentence wins over one the thread gave: it says what to change now. */
static void
show_problem (HdReplyBox *self)
{
  const char *problem = self->count != NULL && self->count->over ? self->count->problem
                                                                 : self->problem;

  gtk_label_set_label (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

static void
update_count (HdReplyBox *self)
{
  g_autofree char *text = hd_reply_box_dup_text (self);
  g_autofree char *counter = NULL;
  HdSavedReplyPopover *popover = hd_reply_box_get_saved_replies (self);

  g_clear_pointer (&self->count, hd_text_count_free);
  if (self->channel != NULL)
    {
      /* 0 lets the counter use the platform's default where the server named no limit. */
      self->count = hd_text_count_new (hd_channel_get_kind (self->channel), text,
                                       (guint) hd_channel_get_limit (self->channel,
                                                                     HD_CHANNEL_LIMIT_CHARACTERS,
                                                                     0));
      if (self->count->byte_limit > 0 && self->count->bytes * 10 > self->count->byte_limit * 9)
        counter = g_strdup_printf (_("%u / %u · %" G_GSIZE_FORMAT " / %" G_GSIZE_FORMAT
                                     " bytes"),
                                   self->count->used, self->count->limit, self->count->bytes,
                                   self->count->byte_limit);
      else
        counter = g_strdup_printf ("%u / %u", self->count->used, self->count->limit);
    }

  g_free (self->counter_text);
  self->counter_text = g_steal_pointer (&counter);
  gtk_label_set_label (self->counter_label, self->counter_text != NULL ? self->counter_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->counter_label), self->counter_text != NULL);
  if (self->count != NULL && self->count->over)
    gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->counter_label), "error");

  /* Editing answers whatever problem the last attempt had. */
  g_clear_pointer (&self->problem, g_free);
  show_problem (self);

  if (popover != NULL)
    hd_saved_reply_popover_set_text (popover, text);

  g_signal_emit (self, signals[CHANGED], 0);
}

void
hd_reply_box_set_text (HdReplyBox *self,
                       const char *text)
{
  g_return_if_fail (HD_IS_REPLY_BOX (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "",
                            -1);
}

void
hd_reply_box_insert (HdReplyBox *self,
                     const char *text)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (HD_IS_REPLY_BOX (self));
  g_return_if_fail (text != NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

const char *
hd_reply_box_get_counter_text (HdReplyBox *self)
{
  g_return_val_if_fail (HD_IS_REPLY_BOX (self), NULL);

  return self->counter_text;
}

gboolean
hd_reply_box_can_send (HdReplyBox *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (HD_IS_REPLY_BOX (self), FALSE);

  text = hd_reply_box_dup_text (self);

  return *g_strstrip (text) != '\0' && (self->count == NULL || !self->count->over);
}

void
hd_reply_box_set_problem (HdReplyBox *self,
                          const char *problem)
{
  g_return_if_fail (HD_IS_REPLY_BOX (self));

  g_free (self->problem);
  self->problem = g_strdup (problem);
  show_problem (self);
}

HdSavedReplyPopover *
hd_reply_box_get_saved_replies (HdReplyBox *self)
{
  GtkPopover *popover;

  g_return_val_if_fail (HD_IS_REPLY_BOX (self), NULL);

  popover = gtk_menu_button_get_popover (self->saved_button);

  return popover != NULL ? HD_SAVED_REPLY_POPOVER (popover) : NULL;
}

GtkWidget *
hd_reply_box_get_editor (HdReplyBox *self)
{
  g_return_val_if_fail (HD_IS_REPLY_BOX (self), NULL);

  return GTK_WIDGET (self->text_view);
}

void
hd_reply_box_set_channel (HdReplyBox *self,
                          HdChannel  *channel)
{
  g_return_if_fail (HD_IS_REPLY_BOX (self));
  g_return_if_fail (channel == NULL || HD_IS_CHANNEL (channel));

  g_set_object (&self->channel, channel);
  update_count (self);
}

void
hd_reply_box_set_store (HdReplyBox *self,
                        HdStore    *store)
{
  GtkWidget *popover = NULL;

  g_return_if_fail (HD_IS_REPLY_BOX (self));

  if (store != NULL)
    {
      g_autofree char *text = hd_reply_box_dup_text (self);

      popover = hd_saved_reply_popover_new (store);
      g_signal_connect_object (popover, "insert", G_CALLBACK (hd_reply_box_insert), self,
                               G_CONNECT_SWAPPED);
      hd_saved_reply_popover_set_text (HD_SAVED_REPLY_POPOVER (popover), text);
    }

  gtk_menu_button_set_popover (self->saved_button, popover);
  gtk_widget_set_sensitive (GTK_WIDGET (self->saved_button), popover != NULL);
}

GtkWidget *
hd_reply_box_new (void)
{
  return g_object_new (HD_TYPE_REPLY_BOX, NULL);
}

static void
hd_reply_box_dispose (GObject *object)
{
  HdReplyBox *self = HD_REPLY_BOX (object);

  g_clear_object (&self->channel);

  G_OBJECT_CLASS (hd_reply_box_parent_class)->dispose (object);
}

static void
hd_reply_box_finalize (GObject *object)
{
  HdReplyBox *self = HD_REPLY_BOX (object);

  g_clear_pointer (&self->count, hd_text_count_free);
  g_free (self->counter_text);
  g_free (self->problem);

  G_OBJECT_CLASS (hd_reply_box_parent_class)->finalize (object);
}

static void
hd_reply_box_class_init (HdReplyBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_reply_box_dispose;
  object_class->finalize = hd_reply_box_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "hd-reply-box");
}

/* The Send button fires the enclosing thread's action, so the button and Ctrl+Return share
 * one code path. */
static void
hd_reply_box_init (HdReplyBox *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *frame = gtk_scrolled_window_new ();
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (self->text_view, FALSE);
  gtk_text_view_set_top_margin (self->text_view, 8);
  gtk_text_view_set_bottom_margin (self->text_view, 8);
  gtk_text_view_set_left_margin (self->text_view, 10);
  gtk_text_view_set_right_margin (self->text_view, 10);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your reply"), -1);
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (frame), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (frame), 72);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (frame), 200);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (frame), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (frame), GTK_WIDGET (self->text_view));
  gtk_widget_add_css_class (frame, "card");
  gtk_widget_add_css_class (frame, "hd-reply-editor");
  gtk_box_append (GTK_BOX (box), frame);

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem_label));

  self->saved_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->saved_button, "document-edit-symbolic");
  gtk_menu_button_set_label (self->saved_button, _("Saved replies"));
  gtk_menu_button_set_use_underline (self->saved_button, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->saved_button),
                               _("Insert or save an answer to a common question"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->saved_button), FALSE);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->saved_button));

  self->counter_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->counter_label), TRUE);
  gtk_label_set_xalign (self->counter_label, 1);
  gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->counter_label), "numeric");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->counter_label),
                               _("Characters used, counted the way this channel counts them, "
                                 "and its limit"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->counter_label));

  self->send_button = gtk_button_new_with_mnemonic (_("_Send"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->send_button), "thread.send");
  gtk_widget_set_tooltip_text (self->send_button,
                               _("Send the reply, or keep it until Herald is online "
                                 "(Ctrl+Return)"));
  gtk_widget_add_css_class (self->send_button, "suggested-action");
  gtk_box_append (GTK_BOX (bar), self->send_button);

  gtk_box_append (GTK_BOX (box), bar);
  adw_bin_set_child (ADW_BIN (self), box);
  update_count (self);
}
