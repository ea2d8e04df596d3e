/* hd-saved-reply-popover.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-inbox"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-snippet.h"
#include "hd-store-inbox.h"
#include "inbox/hd-saved-reply-popover.h"
#include "widgets/hd-format.h"

struct _HdSavedReplyPopover
{
  GtkPopover parent_instance;

  /* child widgets */
  GtkListBox *reply_list;
  GtkWidget  *empty_label;
  GtkWidget  *list_window;
  GtkEntry   *name_entry;
  GtkWidget  *save_button;
  GtkLabel   *problem_label;

  /* owned references */
  HdStore    *store;
  GListModel *replies;
  char       *text;
};

G_DEFINE_FINAL_TYPE (HdSavedReplyPopover, hd_saved_reply_popover, GTK_TYPE_POPOVER)

enum {
  INSERT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static HdSavedReplyPopover *
popover_of (GtkWidget *widget)
{
  return HD_SAVED_REPLY_POPOVER (gtk_widget_get_ancestor (widget,
                                                          HD_TYPE_SAVED_REPLY_POPOVER));
}

static void
on_insert_clicked (GtkButton *button)
{
  HdSavedReplyPopover *self = popover_of (GTK_WIDGET (button));
  HdSnippet *reply = g_object_get_data (G_OBJECT (button), "hd-saved-reply");

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[INSERT], 0, hd_snippet_get_text (reply));
}

static void
on_delete_clicked (GtkButton *button)
{
  HdSavedReplyPopover *self = popover_of (GTK_WIDGET (button));
  HdSnippet *reply = g_object_get_data (G_OBJECT (button), "hd-saved-reply");
  g_autoptr(GError) error = NULL;

  if (!hd_store_delete_saved_reply (self->store, hd_snippet_get_id (reply), &error))
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
    }
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  HdSnippet *reply = item;
  g_autofree char *excerpt = hd_format_first_words (hd_snippet_get_text (reply), 48);
  g_autofree char *insert_name = g_strdup_printf (_("Insert %s"), hd_snippet_get_name (reply));
  g_autofree char *delete_name = g_strdup_printf (_("Delete %s"), hd_snippet_get_name (reply));
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *insert = gtk_button_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (hd_snippet_get_name (reply));
  GtkWidget *text = gtk_label_new (excerpt);
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (text, "dim-label");
  gtk_widget_add_css_class (text, "caption");
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), text);

  gtk_button_set_child (GTK_BUTTON (insert), labels);
  gtk_widget_set_hexpand (insert, TRUE);
  gtk_widget_add_css_class (insert, "flat");
  gtk_widget_set_tooltip_text (insert, hd_snippet_get_text (reply));
  gtk_accessible_update_property (GTK_ACCESSIBLE (insert), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  insert_name, -1);
  g_object_set_data_full (G_OBJECT (insert), "hd-saved-reply", g_object_ref (reply),
                          g_object_unref);
  g_signal_connect (insert, "clicked", G_CALLBACK (on_insert_clicked), NULL);

  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_tooltip_text (delete, _("Delete saved reply"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  delete_name, -1);
  g_object_set_data_full (G_OBJECT (delete), "hd-saved-reply", g_object_ref (reply),
                          g_object_unref);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked), NULL);

  gtk_box_append (GTK_BOX (row), insert);
  gtk_box_append (GTK_BOX (row), delete);

  return row;
}

static void
update_empty (HdSavedReplyPopover *self)
{
  gboolean empty = self->replies == NULL || g_list_model_get_n_items (self->replies) == 0;

  gtk_widget_set_visible (self->empty_label, empty);
  gtk_widget_set_visible (self->list_window, !empty);
}

static void
update_save_sensitive (HdSavedReplyPopover *self)
{
  gboolean has_text = self->text != NULL;

  gtk_widget_set_sensitive (self->save_button, has_text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_entry), has_text);
}

GListModel *
hd_saved_reply_popover_get_replies (HdSavedReplyPopover *self)
{
  g_return_val_if_fail (HD_IS_SAVED_REPLY_POPOVER (self), NULL);

  return self->replies;
}

void
hd_saved_reply_popover_set_text (HdSavedReplyPopover *self,
                                 const char          *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (HD_IS_SAVED_REPLY_POPOVER (self));

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_free (self->text);
  self->text = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
  update_save_sensitive (self);
}

gboolean
hd_saved_reply_popover_save_text (HdSavedReplyPopover  *self,
                                  const char           *name,
                                  GError              **error)
{
  g_autoptr(HdSnippet) reply = NULL;
  g_autofree char *made_name = NULL;

  g_return_val_if_fail (HD_IS_SAVED_REPLY_POPOVER (self), FALSE);

  if (self->text == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Write the reply first, then save it here to use it again."));
      return FALSE;
    }

  made_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*made_name == '\0')
    {
      g_free (made_name);
      made_name = hd_format_first_words (self->text, 24);
    }

  reply = hd_snippet_new ();
  hd_snippet_set_name (reply, made_name);
  hd_snippet_set_text (reply, self->text);
  hd_snippet_set_position (reply, self->replies != NULL
                                  ? (int) g_list_model_get_n_items (self->replies) : 0);

  return hd_store_save_saved_reply (self->store, reply, error);
}

void
hd_saved_reply_popover_choose (HdSavedReplyPopover *self,
                               guint                position)
{
  g_autoptr(HdSnippet) reply = NULL;

  g_return_if_fail (HD_IS_SAVED_REPLY_POPOVER (self));
  g_return_if_fail (self->replies != NULL);

  reply = g_list_model_get_item (self->replies, position);
  g_return_if_fail (reply != NULL);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[INSERT], 0, hd_snippet_get_text (reply));
}

static void
on_save_clicked (HdSavedReplyPopover *self)
{
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  if (!hd_saved_reply_popover_save_text (self,
                                         gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                                         &error))
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
}

GtkWidget *
hd_saved_reply_popover_new (HdStore *store)
{
  HdSavedReplyPopover *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_SAVED_REPLY_POPOVER, NULL);
  self->store = g_object_ref (store);
  self->replies = hd_store_list_saved_replies (store, &error);
  if (self->replies == NULL)
    {
      gtk_label_set_label (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
    }
  else
    {
      gtk_list_box_bind_model (self->reply_list, self->replies, create_row, NULL, NULL);
      g_signal_connect_object (self->replies, "items-changed", G_CALLBACK (update_empty), self,
                               G_CONNECT_SWAPPED);
    }

  update_empty (self);
  update_save_sensitive (self);

  return GTK_WIDGET (self);
}

static void
hd_saved_reply_popover_dispose (GObject *object)
{
  HdSavedReplyPopover *self = HD_SAVED_REPLY_POPOVER (object);

  g_clear_object (&self->replies);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_saved_reply_popover_parent_class)->dispose (object);
}

static void
hd_saved_reply_popover_finalize (GObject *object)
{
  HdSavedReplyPopover *self = HD_SAVED_REPLY_POPOVER (object);

  g_free (self->text);

  G_OBJECT_CLASS (hd_saved_reply_popover_parent_class)->finalize (object);
}

static void
hd_saved_reply_popover_class_init (HdSavedReplyPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_saved_reply_popover_dispose;
  object_class->finalize = hd_saved_reply_popover_finalize;

  signals[INSERT] = g_signal_new ("insert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

/* Small enough to build here; a template would hold little more than these lines. */
static void
hd_saved_reply_popover_init (HdSavedReplyPopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *heading = gtk_label_new (_("Saved replies"));

  gtk_widget_set_size_request (box, 260, -1);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  self->empty_label = gtk_label_new (_("No saved replies yet. Write an answer to a common "
                                       "question, such as your opening hours or prices, and "
                                       "save it here to use it again."));
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->empty_label), 30);
  gtk_label_set_xalign (GTK_LABEL (self->empty_label), 0);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->empty_label);

  self->list_window = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->list_window), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->list_window), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->list_window),
                                                    TRUE);
  self->reply_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->reply_list, GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reply_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Saved replies"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->list_window),
                                 GTK_WIDGET (self->reply_list));
  gtk_box_append (GTK_BOX (box), self->list_window);

  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->name_entry, _("Name (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the new saved reply"), -1);
  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (on_save_clicked), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_entry));

  self->save_button = gtk_button_new_with_mnemonic (_("_Save this reply"));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);
  gtk_box_append (GTK_BOX (box), self->save_button);

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_max_width_chars (self->problem_label, 30);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->problem_label));

  gtk_popover_set_child (GTK_POPOVER (self), box);
}
