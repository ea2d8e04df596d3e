/* hd-feeds-dialog.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ideas"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-store-feeds.h"
#include "ideas/hd-feeds-dialog.h"
#include "widgets/hd-format.h"
#include "widgets/hd-popovers.h"

struct _HdFeedsDialog
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *refresh_button;
  AdwEntryRow     *url_row;
  GtkStack        *add_stack;
  GtkSpinner      *spinner;
  GtkLabel        *error_label;
  GtkListBox      *feeds_list;

  /* owned references */
  HdStore         *store;
  HdFeedFetcher   *fetcher;
  GListModel      *feeds;
  GCancellable    *cancellable;

  guint            n_busy;
};

G_DEFINE_FINAL_TYPE (HdFeedsDialog, hd_feeds_dialog, ADW_TYPE_WINDOW)

static void
update_actions (HdFeedsDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  gboolean has_feeds = self->feeds != NULL && g_list_model_get_n_items (self->feeds) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.add",
                                 self->n_busy == 0 && text != NULL && *text != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "feeds.refresh",
                                 self->n_busy == 0 && has_feeds);
}

static void
set_busy (HdFeedsDialog *self,
          gboolean       busy)
{
  self->n_busy += busy ? 1 : -1;
  gtk_spinner_set_spinning (self->spinner, self->n_busy > 0);
  gtk_stack_set_visible_child_name (self->add_stack, self->n_busy > 0 ? "spinner" : "button");
  update_actions (self);
}

static void
show_error (HdFeedsDialog *self,
            const char    *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
toast (HdFeedsDialog *self,
       AdwToast      *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWidget *
create_feed_row (gpointer item,
                 gpointer user_data)
{
  HdFeed *feed = item;
  const char *error = hd_feed_get_last_error (feed);
  g_autofree char *accessible = g_strdup_printf (_("Remove “%s”"), hd_feed_get_title (feed));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (error != NULL ? "dialog-warning-symbolic"
                                                                : "application-rss+xml-symbolic");
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hd_feed_get_title (feed));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               error != NULL ? error : hd_feed_get_url (feed));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  if (error != NULL)
    gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove feed"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "feeds.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", hd_feed_get_id (feed));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
follow_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HdFeedsDialog) self = user_data;
  g_autoptr(HdFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  feed = hd_store_follow_feed_finish (HD_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (feed == NULL)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), "");
  message = g_strdup_printf (_("Following “%s”"), hd_feed_get_title (feed));
  toast (self, adw_toast_new (message));
}

void
hd_feeds_dialog_add_url (HdFeedsDialog *self,
                         const char    *url)
{
  g_return_if_fail (HD_IS_FEEDS_DIALOG (self));
  g_return_if_fail (url != NULL);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), url) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);

  show_error (self, NULL);
  set_busy (self, TRUE);
  hd_store_follow_feed_async (self->store, self->fetcher, url, self->cancellable, follow_cb,
                              g_object_ref (self));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  HdFeedsDialog *self = HD_FEEDS_DIALOG (widget);
  g_autofree char *url = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));

  hd_feeds_dialog_add_url (self, url);
}

static void
on_url_row_entry_activated (HdFeedsDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "feeds.add", NULL);
}

static void
on_url_row_changed (HdFeedsDialog *self)
{
  update_actions (self);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdFeedsDialog *self = HD_FEEDS_DIALOG (widget);
  const char *feed_id = g_variant_get_string (parameter, NULL);
  g_autoptr(HdFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *removed;

  feed = hd_store_load_feed (self->store, feed_id, &error);
  if (feed == NULL || !hd_store_remove_feed (self->store, feed_id, &error))
    {
      toast (self, adw_toast_new (error->message));
      return;
    }

  /* Undo follows the address again: the items come back from the feed itself. */
  title = g_strdup_printf (_("Removed “%s”"), hd_feed_get_title (feed));
  removed = adw_toast_new (title);
  adw_toast_set_button_label (removed, _("_Undo"));
  adw_toast_set_action_name (removed, "feeds.follow");
  adw_toast_set_action_target_value (removed, g_variant_new_string (hd_feed_get_url (feed)));
  toast (self, removed);
}

static void
follow_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  hd_feeds_dialog_add_url (HD_FEEDS_DIALOG (widget), g_variant_get_string (parameter, NULL));
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HdFeedsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_added = 0, n_failed = 0;

  if (!hd_store_refresh_feeds_finish (HD_STORE (object), result, &n_added, &n_failed, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (error != NULL)
    message = g_strdup (error->message);
  else if (n_failed > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u feed could not be refreshed; the reason is "
                                            "beside it",
                                            "%u feeds could not be refreshed; the reason is "
                                            "beside each",
                                            n_failed), n_failed);
  else if (n_added > 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new item", "%u new items",
                                            n_added), n_added);
  else
    message = g_strdup (_("Nothing new in your feeds"));

  toast (self, adw_toast_new (message));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdFeedsDialog *self = HD_FEEDS_DIALOG (widget);

  set_busy (self, TRUE);
  hd_store_refresh_feeds_async (self->store, self->fetcher, self->cancellable, refresh_cb,
                                g_object_ref (self));
}

gboolean
hd_feeds_dialog_get_busy (HdFeedsDialog *self)
{
  g_return_val_if_fail (HD_IS_FEEDS_DIALOG (self), FALSE);

  return self->n_busy > 0;
}

const char *
hd_feeds_dialog_get_error (HdFeedsDialog *self)
{
  g_return_val_if_fail (HD_IS_FEEDS_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}

HdFeedsDialog *
hd_feeds_dialog_new (GtkWindow     *parent,
                     HdStore       *store,
                     HdFeedFetcher *fetcher)
{
  g_autoptr(GError) error = NULL;
  HdFeedsDialog *self;
  GtkWidget *placeholder;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_FEED_FETCHER (fetcher), NULL);

  self = g_object_new (HD_TYPE_FEEDS_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->fetcher = g_object_ref (fetcher);

  placeholder = gtk_label_new (_("You follow no feeds yet."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->feeds_list, placeholder);

  self->feeds = hd_store_list_feeds (store, &error);
  if (self->feeds == NULL)
    show_error (self, error->message);
  else
    {
      gtk_list_box_bind_model (self->feeds_list, self->feeds, create_feed_row, NULL, NULL);
      g_signal_connect_object (self->feeds, "items-changed", G_CALLBACK (update_actions), self,
                               G_CONNECT_SWAPPED);
    }

  update_actions (self);
  return self;
}

static void
hd_feeds_dialog_dispose (GObject *object)
{
  HdFeedsDialog *self = HD_FEEDS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->feeds);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_feeds_dialog_parent_class)->dispose (object);
}

static void
hd_feeds_dialog_class_init (HdFeedsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_feeds_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/ideas/hd-feeds-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HdFeedsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdFeedsDialog, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, HdFeedsDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, HdFeedsDialog, add_stack);
  gtk_widget_class_bind_template_child (widget_class, HdFeedsDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, HdFeedsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, HdFeedsDialog, feeds_list);
  gtk_widget_class_bind_template_callback (widget_class, on_url_row_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_url_row_changed);

  gtk_widget_class_install_action (widget_class, "feeds.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "feeds.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "feeds.follow", "s", follow_action);
  gtk_widget_class_install_action (widget_class, "feeds.refresh", NULL, refresh_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "feeds.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
hd_feeds_dialog_init (HdFeedsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hd_window_close_popovers_when_hidden (GTK_WINDOW (self));

  self->cancellable = g_cancellable_new ();
}
