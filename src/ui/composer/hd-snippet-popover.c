/* hd-snippet-popover.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-snippet.h"
#include "hd-store-snippets.h"
#include "widgets/hd-format.h"
#include "composer/hd-snippet-popover.h"

struct _HdSnippetPopover
{
  GtkPopover parent_instance;

  /* template widgets */
  GtkListBox *snippet_list;
  GtkWidget  *empty_label;
  GtkWidget  *list_window;
  GtkEntry   *name_entry;
  GtkButton  *save_button;

  /* owned references */
  HdStore    *store;
  GListModel *snippets;
  char       *selection;
};

G_DEFINE_FINAL_TYPE (HdSnippetPopover, hd_snippet_popover, GTK_TYPE_POPOVER)

enum {
  INSERT,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_insert_clicked (GtkButton *button)
{
  HdSnippetPopover *self = HD_SNIPPET_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                        HD_TYPE_SNIPPET_POPOVER));
  HdSnippet *snippet = g_object_get_data (G_OBJECT (button), "hd-snippet");

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[INSERT], 0, hd_snippet_get_text (snippet));
}

static void
on_delete_clicked (GtkButton *button)
{
  HdSnippetPopover *self = HD_SNIPPET_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                        HD_TYPE_SNIPPET_POPOVER));
  g_autoptr(HdSnippet) snippet = g_object_ref (g_object_get_data (G_OBJECT (button),
                                                                  "hd-snippet"));
  g_autoptr(GError) error = NULL;

  if (!hd_store_delete_snippet (self->store, hd_snippet_get_id (snippet), &error))
    {
      g_warning ("Could not delete a snippet: %s", error->message);
      return;
    }

  g_signal_emit (self, signals[DELETED], 0, snippet);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  HdSnippet *snippet = item;
  g_autofree char *excerpt = hd_format_first_words (hd_snippet_get_text (snippet), 48);
  g_autofree char *insert_name = g_strdup_printf (_("Insert %s"), hd_snippet_get_name (snippet));
  g_autofree char *delete_name = g_strdup_printf (_("Delete %s"), hd_snippet_get_name (snippet));
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *insert = gtk_button_new ();
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (hd_snippet_get_name (snippet));
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
  gtk_widget_set_tooltip_text (insert, hd_snippet_get_text (snippet));
  gtk_accessible_update_property (GTK_ACCESSIBLE (insert), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  insert_name, -1);
  g_object_set_data_full (G_OBJECT (insert), "hd-snippet", g_object_ref (snippet),
                          g_object_unref);
  g_signal_connect (insert, "clicked", G_CALLBACK (on_insert_clicked), NULL);

  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_tooltip_text (delete, _("Delete snippet"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  delete_name, -1);
  g_object_set_data_full (G_OBJECT (delete), "hd-snippet", g_object_ref (snippet),
                          g_object_unref);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked), NULL);

  gtk_box_append (GTK_BOX (row), insert);
  gtk_box_append (GTK_BOX (row), delete);

  return row;
}

static void
update_empty (HdSnippetPopover *self)
{
  gboolean empty = self->snippets == NULL || g_list_model_get_n_items (self->snippets) == 0;

  gtk_widget_set_visible (self->empty_label, empty);
  gtk_widget_set_visible (self->list_window, !empty);
}

static void
update_save_sensitive (HdSnippetPopover *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            self->selection != NULL && *self->selection != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_entry),
                            self->selection != NULL && *self->selection != '\0');
}

void
hd_snippet_popover_set_selection (HdSnippetPopover *self,
                                  const char       *text)
{
  g_return_if_fail (HD_IS_SNIPPET_POPOVER (self));

  g_free (self->selection);
  self->selection = text != NULL && *text != '\0' ? g_strdup (text) : NULL;
  update_save_sensitive (self);
}

/* A selection made only of hashtags is a hashtag group; anything else, a signature. */
static HdSnippetKind
guess_kind (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  gboolean any = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (*words[i] != '#')
        return HD_SNIPPET_KIND_SIGNATURE;
      any = TRUE;
    }

  return any ? HD_SNIPPET_KIND_HASHTAGS : HD_SNIPPET_KIND_SIGNATURE;
}

gboolean
hd_snippet_popover_save_selection (HdSnippetPopover  *self,
                                   const char        *name,
                                   GError           **error)
{
  g_autoptr(HdSnippet) snippet = NULL;
  g_autofree char *made_name = NULL;

  g_return_val_if_fail (HD_IS_SNIPPET_POPOVER (self), FALSE);

  if (self->selection == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Select some text first."));
      return FALSE;
    }

  if (name == NULL || *g_strstrip (made_name = g_strdup (name)) == '\0')
    {
      g_free (made_name);
      made_name = hd_format_first_words (self->selection, 24);
    }

  snippet = hd_snippet_new ();
  hd_snippet_set_kind (snippet, guess_kind (self->selection));
  hd_snippet_set_name (snippet, made_name);
  hd_snippet_set_text (snippet, self->selection);
  hd_snippet_set_position (snippet, self->snippets != NULL
                                    ? (int) g_list_model_get_n_items (self->snippets) : 0);

  return hd_store_save_snippet (self->store, snippet, error);
}

static void
on_save_clicked (HdSnippetPopover *self)
{
  g_autoptr(GError) error = NULL;

  if (!hd_snippet_popover_save_selection (self,
                                          gtk_editable_get_text (GTK_EDITABLE (self->name_entry)),
                                          &error))
    {
      g_warning ("Could not save a snippet: %s", error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
}

GtkWidget *
hd_snippet_popover_new (HdStore *store)
{
  HdSnippetPopover *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_SNIPPET_POPOVER, NULL);
  self->store = g_object_ref (store);
  self->snippets = hd_store_list_snippets (store, &error);
  if (self->snippets == NULL)
    g_warning ("Could not list snippets: %s", error->message);
  else
    {
      gtk_list_box_bind_model (self->snippet_list, self->snippets, create_row, NULL, NULL);
      g_signal_connect_object (self->snippets, "items-changed", G_CALLBACK (update_empty), self,
                               G_CONNECT_SWAPPED);
    }

  update_empty (self);
  update_save_sensitive (self);

  return GTK_WIDGET (self);
}

static void
hd_snippet_popover_dispose (GObject *object)
{
  HdSnippetPopover *self = HD_SNIPPET_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_SNIPPET_POPOVER);
  g_clear_object (&self->snippets);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_snippet_popover_parent_class)->dispose (object);
}

static void
hd_snippet_popover_finalize (GObject *object)
{
  HdSnippetPopover *self = HD_SNIPPET_POPOVER (object);

  g_free (self->selection);

  G_OBJECT_CLASS (hd_snippet_popover_parent_class)->finalize (object);
}

static void
hd_snippet_popover_class_init (HdSnippetPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_snippet_popover_dispose;
  object_class->finalize = hd_snippet_popover_finalize;

  signals[INSERT] = g_signal_new ("insert", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, HD_TYPE_SNIPPET);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/composer/hd-snippet-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, HdSnippetPopover, snippet_list);
  gtk_widget_class_bind_template_child (widget_class, HdSnippetPopover, empty_label);
  gtk_widget_class_bind_template_child (widget_class, HdSnippetPopover, list_window);
  gtk_widget_class_bind_template_child (widget_class, HdSnippetPopover, name_entry);
  gtk_widget_class_bind_template_child (widget_class, HdSnippetPopover, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
}

static void
hd_snippet_popover_init (HdSnippetPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
