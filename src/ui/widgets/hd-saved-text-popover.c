/* hd-saved-text-popover.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-widgets"

#include "config.h"

#include <glib/gi18n.h>

#include "widgets/hd-format.h"
#include "widgets/hd-saved-text-popover.h"

typedef struct
{
  /* template widgets */
  GtkLabel   *heading_label;
  GtkLabel   *empty_label;
  GtkWidget  *list_window;
  GtkListBox *saved_list;
  GtkEntry   *name_entry;
  GtkButton  *save_button;
  GtkLabel   *problem_label;

  /* owned references */
  HdStore    *store;
  GListModel *saved;
  char       *text;
} HdSavedTextPopoverPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (HdSavedTextPopover, hd_saved_text_popover, GTK_TYPE_POPOVER)

enum {
  INSERT,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define SAVED_KEY "hd-saved-text"

static void
show_problem (HdSavedTextPopover *self,
              const char         *problem)
{
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);

  gtk_label_set_label (priv->problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (priv->problem_label), problem != NULL);
}

static HdSavedTextPopover *
popover_of (GtkWidget *widget)
{
  return HD_SAVED_TEXT_POPOVER (gtk_widget_get_ancestor (widget, HD_TYPE_SAVED_TEXT_POPOVER));
}

static void
on_insert_clicked (GtkButton *button)
{
  HdSavedTextPopover *self = popover_of (GTK_WIDGET (button));
  HdSnippet *saved = g_object_get_data (G_OBJECT (button), SAVED_KEY);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[INSERT], 0, hd_snippet_get_text (saved));
}

static void
on_delete_clicked (GtkButton *button)
{
  HdSavedTextPopover *self = popover_of (GTK_WIDGET (button));
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);
  g_autoptr(HdSnippet) saved = g_object_ref (g_object_get_data (G_OBJECT (button), SAVED_KEY));
  g_autoptr(GError) error = NULL;

  if (!HD_SAVED_TEXT_POPOVER_GET_CLASS (self)->delete_saved (priv->store,
                                                            hd_snippet_get_id (saved), &error))
    {
      show_problem (self, error->message);
      return;
    }

  g_signal_emit (self, signals[DELETED], 0, saved);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  HdSavedTextPopover *self = user_data;
  HdSnippet *saved = item;
  g_autofree char *excerpt = hd_format_first_words (hd_snippet_get_text (saved), 48);
  g_autofree char *insert_name = g_strdup_printf (_("Insert %s"), hd_snippet_get_name (saved));
  g_autofree char *delete_name = g_strdup_printf (_("Delete %s"), hd_snippet_get_name (saved));
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *insert = gtk_button_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (hd_snippet_get_name (saved));
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
  gtk_widget_set_tooltip_text (insert, hd_snippet_get_text (saved));
  gtk_accessible_update_property (GTK_ACCESSIBLE (insert), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  insert_name, -1);
  g_object_set_data_full (G_OBJECT (insert), SAVED_KEY, g_object_ref (saved), g_object_unref);
  g_signal_connect (insert, "clicked", G_CALLBACK (on_insert_clicked), NULL);

  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_tooltip_text (delete, _(HD_SAVED_TEXT_POPOVER_GET_CLASS (self)->delete_tooltip));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  delete_name, -1);
  g_object_set_data_full (G_OBJECT (delete), SAVED_KEY, g_object_ref (saved), g_object_unref);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked), NULL);

  gtk_box_append (GTK_BOX (row), insert);
  gtk_box_append (GTK_BOX (row), delete);

  return row;
}

static void
update_empty (HdSavedTextPopover *self)
{
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);
  gboolean empty = priv->saved == NULL || g_list_model_get_n_items (priv->saved) == 0;

  gtk_widget_set_visible (GTK_WIDGET (priv->empty_label), empty);
  gtk_widget_set_visible (priv->list_window, !empty);
}

static void
update_save_sensitive (HdSavedTextPopover *self)
{
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);

  gtk_widget_set_sensitive (GTK_WIDGET (priv->save_button), priv->text != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (priv->name_entry), priv->text != NULL);
}

void
hd_saved_text_popover_load (HdSavedTextPopover *self,
                            HdStore            *store)
{
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HD_IS_SAVED_TEXT_POPOVER (self));
  g_return_if_fail (HD_IS_STORE (store));
  g_return_if_fail (priv->store == NULL);

  priv->store = g_object_ref (store);
  priv->saved = HD_SAVED_TEXT_POPOVER_GET_CLASS (self)->list_saved (store, &error);
  if (priv->saved == NULL)
    show_problem (self, error->message);
  else
    {
      gtk_list_box_bind_model (priv->saved_list, priv->saved, create_row, self, NULL);
      g_signal_connect_object (priv->saved, "items-changed", G_CALLBACK (update_empty), self,
                               G_CONNECT_SWAPPED);
    }

  update_empty (self);
}

GListModel *
hd_saved_text_popover_get_items (HdSavedTextPopover *self)
{
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);

  g_return_val_if_fail (HD_IS_SAVED_TEXT_POPOVER (self), NULL);

  return priv->saved;
}

void
hd_saved_text_popover_set_text (HdSavedTextPopover *self,
                                const char         *text)
{
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);
  g_autofree char *kept = NULL;

  g_return_if_fail (HD_IS_SAVED_TEXT_POPOVER (self));

  kept = g_strdup (text != NULL ? text : "");
  if (!HD_SAVED_TEXT_POPOVER_GET_CLASS (self)->keeps_white_space)
    g_strstrip (kept);

  g_free (priv->text);
  priv->text = *kept != '\0' ? g_steal_pointer (&kept) : NULL;
  update_save_sensitive (self);
}

gboolean
hd_saved_text_popover_save_text (HdSavedTextPopover  *self,
                                 const char          *name,
                                 GError             **error)
{
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);
  HdSavedTextPopoverClass *klass;
  g_autoptr(HdSnippet) saved = NULL;
  g_autofree char *made_name = NULL;

  g_return_val_if_fail (HD_IS_SAVED_TEXT_POPOVER (self), FALSE);

  klass = HD_SAVED_TEXT_POPOVER_GET_CLASS (self);
  if (priv->text == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _(klass->nothing_to_save));
      return FALSE;
    }

  made_name = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*made_name == '\0')
    {
      g_free (made_name);
      made_name = hd_format_first_words (priv->text, 24);
    }

  saved = hd_snippet_new ();
  hd_snippet_set_name (saved, made_name);
  hd_snippet_set_text (saved, priv->text);
  hd_snippet_set_position (saved, priv->saved != NULL
                                  ? (int) g_list_model_get_n_items (priv->saved) : 0);

  return klass->save (priv->store, saved, error);
}

void
hd_saved_text_popover_choose (HdSavedTextPopover *self,
                              guint               position)
{
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);
  g_autoptr(HdSnippet) saved = NULL;

  g_return_if_fail (HD_IS_SAVED_TEXT_POPOVER (self));
  g_return_if_fail (priv->saved != NULL);

  saved = g_list_model_get_item (priv->saved, position);
  g_return_if_fail (saved != NULL);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[INSERT], 0, hd_snippet_get_text (saved));
}

static void
on_save_clicked (HdSavedTextPopover *self)
{
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);
  g_autoptr(GError) error = NULL;

  show_problem (self, NULL);
  if (!hd_saved_text_popover_save_text (self,
                                        gtk_editable_get_text (GTK_EDITABLE (priv->name_entry)),
                                        &error))
    {
      show_problem (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (priv->name_entry), "");
}

static void
hd_saved_text_popover_constructed (GObject *object)
{
  HdSavedTextPopover *self = HD_SAVED_TEXT_POPOVER (object);
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);
  HdSavedTextPopoverClass *klass = HD_SAVED_TEXT_POPOVER_GET_CLASS (self);

  G_OBJECT_CLASS (hd_saved_text_popover_parent_class)->constructed (object);

  /* The words are the subclass's, known only once the instance is of its type. */
  gtk_label_set_label (priv->heading_label, _(klass->heading));
  gtk_label_set_label (priv->empty_label, _(klass->empty_text));
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->saved_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(klass->list_label), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(klass->name_entry_label), -1);
  gtk_button_set_label (priv->save_button, _(klass->save_label));

  update_empty (self);
  update_save_sensitive (self);
}

static void
hd_saved_text_popover_dispose (GObject *object)
{
  HdSavedTextPopover *self = HD_SAVED_TEXT_POPOVER (object);
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);

  /* No gtk_widget_dispose_template(): GTK 4.8 looks for the template on the subclass, which
   * has none, and the popover lets go of its child itself. */
  g_clear_object (&priv->saved);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (hd_saved_text_popover_parent_class)->dispose (object);
}

static void
hd_saved_text_popover_finalize (GObject *object)
{
  HdSavedTextPopover *self = HD_SAVED_TEXT_POPOVER (object);
  HdSavedTextPopoverPrivate *priv = hd_saved_text_popover_get_instance_private (self);

  g_free (priv->text);

  G_OBJECT_CLASS (hd_saved_text_popover_parent_class)->finalize (object);
}

static void
hd_saved_text_popover_class_init (HdSavedTextPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_saved_text_popover_constructed;
  object_class->dispose = hd_saved_text_popover_dispose;
  object_class->finalize = hd_saved_text_popover_finalize;

  signals[INSERT] = g_signal_new ("insert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, HD_TYPE_SNIPPET);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/widgets/hd-saved-text-popover.ui");
  gtk_widget_class_bind_template_child_private (widget_class, HdSavedTextPopover,
                                                heading_label);
  gtk_widget_class_bind_template_child_private (widget_class, HdSavedTextPopover, empty_label);
  gtk_widget_class_bind_template_child_private (widget_class, HdSavedTextPopover, list_window);
  gtk_widget_class_bind_template_child_private (widget_class, HdSavedTextPopover, saved_list);
  gtk_widget_class_bind_template_child_private (widget_class, HdSavedTextPopover, name_entry);
  gtk_widget_class_bind_template_child_private (widget_class, HdSavedTextPopover, save_button);
  gtk_widget_class_bind_template_child_private (widget_class, HdSavedTextPopover,
                                                problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
hd_saved_text_popover_init (HdSavedTextPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
