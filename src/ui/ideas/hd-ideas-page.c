/* hd-ideas-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ideas"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-post.h"
#include "hd-store-feeds.h"
#include "hd-store-posts.h"
#include "ideas/hd-feed-item-row.h"
#include "ideas/hd-feeds-dialog.h"
#include "ideas/hd-ideas-page.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"

struct _HdIdeasPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack        *stack;
  AdwStatusPage   *status_page;
  GtkEntry        *empty_entry;
  AdwToastOverlay *toast_overlay;
  GtkStack        *refresh_stack;
  GtkSpinner      *refresh_spinner;
  GtkStack        *parts_stack;
  GtkEntry        *idea_entry;
  GtkStack        *ideas_stack;
  GtkListView     *ideas_view;
  GtkRevealer     *errors_revealer;
  GtkLabel        *errors_label;
  GtkStack        *items_stack;
  GtkListView     *items_view;
  AdwStatusPage   *items_status;
  GtkButton       *items_status_button;

  /* owned references */
  HdStore         *store;
  HdFeedFetcher   *fetcher;
  GListModel      *ideas;
  GListModel      *feeds;
  GListModel      *items;
  GHashTable      *channels;
  GCancellable    *cancellable;

  /* borrowed references */
  HdFeedsDialog   *feeds_dialog;

  gboolean         refreshing;
  gboolean         refreshed_once;
};

G_DEFINE_FINAL_TYPE (HdIdeasPage, hd_ideas_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FETCHER,
  PROP_BUSY,
  PROP_PART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
count (GListModel *model)
{
  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

static void
show_toast (HdIdeasPage *self,
            AdwToast    *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (HdIdeasPage  *self,
            const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  show_toast (self, toast);
}

/* Which parts show */

static void
update_errors (HdIdeasPage *self)
{
  guint n_failed = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < count (self->feeds); i++)
    {
      g_autoptr(HdFeed) feed = g_list_model_get_item (self->feeds, i);

      if (hd_feed_get_last_error (feed) != NULL)
        n_failed++;
    }

  if (n_failed > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u feed could not be refreshed. Your ideas and the "
                                           "items already fetched are still here.",
                                           "%u feeds could not be refreshed. Your ideas and the "
                                           "items already fetched are still here.",
                                           n_failed), n_failed);
      gtk_label_set_label (self->errors_label, text);
    }
  gtk_revealer_set_reveal_child (self->errors_revealer, n_failed > 0);
}

static void
update_visible_children (HdIdeasPage *self)
{
  gboolean has_ideas = count (self->ideas) > 0;
  gboolean has_feeds = count (self->feeds) > 0;
  gboolean has_items = count (self->items) > 0;
  const char *was = gtk_stack_get_visible_child_name (self->stack);

  gtk_stack_set_visible_child_name (self->stack, has_ideas || has_feeds ? "content" : "empty");
  gtk_stack_set_visible_child_name (self->ideas_stack, has_ideas ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->items_stack, has_items ? "list" : "empty");

  /* Coming out of the empty page, show the part that just got something. */
  if (g_strcmp0 (was, "empty") == 0 && (has_ideas || has_feeds))
    gtk_stack_set_visible_child_name (self->parts_stack, has_ideas ? "ideas" : "feeds");

  if (has_feeds)
    {
      adw_status_page_set_title (self->items_status, _("Nothing new from your feeds"));
      adw_status_page_set_description (self->items_status,
                                       _("Refresh to look for new items, or add another feed "
                                         "of a blog or news site you follow."));
      gtk_button_set_label (self->items_status_button, _("_Refresh"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->items_status_button),
                                      "ideas.refresh");
    }
  else
    {
      adw_status_page_set_title (self->items_status, _("No feeds yet"));
      adw_status_page_set_description (self->items_status,
                                       _("Add a feed of a blog or news site you follow to get "
                                         "ideas for posts from what it publishes."));
      gtk_button_set_label (self->items_status_button, _("_Add a feed…"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->items_status_button),
                                      "ideas.show-feeds");
    }

  update_errors (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ideas.refresh",
                                 has_feeds && !self->refreshing);
}

/* Ideas */

static void
setup_idea (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdIdeasPage              *self)
{
  GtkWidget *row = hd_post_row_new ();

  hd_post_row_set_show_state (HD_POST_ROW (row), FALSE);
  gtk_list_item_set_child (item, row);
}

static void
bind_idea (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdIdeasPage              *self)
{
  hd_post_row_set_post (HD_POST_ROW (gtk_list_item_get_child (item)),
                        HD_POST (gtk_list_item_get_item (item)),
                        NULL,
                        self->channels);
}

static void
open_post (HdIdeasPage *self,
           const char  *post_id)
{
  /* The composer owns app.edit-post; without it there is nothing to open the post in. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "app.edit-post", "s", post_id))
    show_toast (self, adw_toast_new (_("The post cannot be opened here yet. Find it in the "
                                       "calendar.")));
}

static void
on_ideas_view_activate (HdIdeasPage *self,
                        guint        position)
{
  g_autoptr(HdPost) post = g_list_model_get_item (self->ideas, position);

  if (post != NULL)
    open_post (self, hd_post_get_id (post));
}

static void
new_idea_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HdIdeasPage *self = HD_IDEAS_PAGE (widget);
  GtkEntry *entry = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0
                    ? self->empty_entry : self->idea_entry;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(HdPost) post = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->store == NULL)
    return;

  if (*text == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      return;
    }

  post = hd_post_new ();
  hd_post_set_state (post, HD_POST_STATE_IDEA);
  hd_post_set_text (post, text);
  if (!hd_store_save_post (self->store, post, &error))
    {
      show_error (self, error);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->empty_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->idea_entry), "");
  gtk_stack_set_visible_child_name (self->parts_stack, "ideas");
  gtk_widget_grab_focus (GTK_WIDGET (self->idea_entry));

  toast = adw_toast_new (_("Idea saved"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "ideas.forget-idea");
  adw_toast_set_action_target_value (toast, g_variant_new_string (hd_post_get_id (post)));
  show_toast (self, toast);
}

static void
forget_idea_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HdIdeasPage *self = HD_IDEAS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!hd_store_delete_post (self->store, g_variant_get_string (parameter, NULL), &error))
    show_error (self, error);
}

static void
on_entry_activate (HdIdeasPage *self,
                   GtkEntry    *entry)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "ideas.new-idea", NULL);
}

static void
focus_idea_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HdIdeasPage *self = HD_IDEAS_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->empty_entry));
  else
    {
      gtk_stack_set_visible_child_name (self->parts_stack, "ideas");
      gtk_widget_grab_focus (GTK_WIDGET (self->idea_entry));
    }
}

/* Items from feeds */

static void
setup_feed_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HdIdeasPage              *self)
{
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, hd_feed_item_row_new ());
}

static void
bind_feed_item (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                HdIdeasPage              *self)
{
  hd_feed_item_row_set_item (HD_FEED_ITEM_ROW (gtk_list_item_get_child (item)),
                             HD_FEED_ITEM (gtk_list_item_get_item (item)));
}

static void
unbind_feed_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  HdIdeasPage              *self)
{
  hd_feed_item_row_set_item (HD_FEED_ITEM_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
make_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HdIdeasPage *self = HD_IDEAS_PAGE (widget);
  g_autoptr(HdPost) post = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  post = hd_store_make_draft_from_feed_item (self->store, g_variant_get_string (parameter, NULL),
                                             &error);
  if (post == NULL)
    {
      show_error (self, error);
      return;
    }

  toast = adw_toast_new (_("Draft saved"));
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "ideas.open-draft");
  adw_toast_set_action_target_value (toast, g_variant_new_string (hd_post_get_id (post)));
  show_toast (self, toast);
}

static void
open_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_post (HD_IDEAS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
set_dismissed (HdIdeasPage *self,
               const char  *item_id,
               gboolean     dismissed)
{
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!hd_store_set_feed_item_dismissed (self->store, item_id, dismissed, &error))
    {
      show_error (self, error);
      return;
    }

  if (!dismissed)
    return;

  toast = adw_toast_new (_("Item dismissed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "ideas.undo-dismiss");
  adw_toast_set_action_target_value (toast, g_variant_new_string (item_id));
  show_toast (self, toast);
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_dismissed (HD_IDEAS_PAGE (widget), g_variant_get_string (parameter, NULL),
                 g_str_equal (action_name, "ideas.dismiss"));
}

static void
set_refreshing (HdIdeasPage *self,
                gboolean     refreshing)
{
  if (self->refreshing == refreshing)
    return;

  self->refreshing = refreshing;
  gtk_spinner_set_spinning (self->refresh_spinner, refreshing);
  gtk_stack_set_visible_child_name (self->refresh_stack, refreshing ? "spinner" : "button");
  update_visible_children (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HdIdeasPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_added = 0, n_failed = 0;

  if (!hd_store_refresh_feeds_finish (HD_STORE (object), result, &n_added, &n_failed, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_refreshing (self, FALSE);

  /* Failures of single feeds show in the banner, beside what still works. */
  if (error != NULL)
    show_error (self, error);
  else if (n_added > 0)
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new item from your feeds",
                                              "%u new items from your feeds", n_added),
                                 n_added);
      show_toast (self, adw_toast_new (message));
    }
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdIdeasPage *self = HD_IDEAS_PAGE (widget);

  if (self->store == NULL || self->refreshing)
    return;

  self->refreshed_once = TRUE;
  set_refreshing (self, TRUE);
  hd_store_refresh_feeds_async (self->store, hd_ideas_page_get_fetcher (self), self->cancellable,
                                refresh_cb, g_object_ref (self));
}

static void
show_feeds_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HdIdeasPage *self = HD_IDEAS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->store == NULL)
    return;

  if (self->feeds_dialog == NULL)
    {
      self->feeds_dialog = hd_feeds_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                self->store, hd_ideas_page_get_fetcher (self));
      g_object_add_weak_pointer (G_OBJECT (self->feeds_dialog),
                                 (gpointer *) &self->feeds_dialog);
    }

  gtk_window_present (GTK_WINDOW (self->feeds_dialog));
}

static void
notify_part (HdIdeasPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PART]);
}

/* The store */

static void
disconnect_models (HdIdeasPage *self)
{
  if (self->ideas != NULL)
    g_signal_handlers_disconnect_by_func (self->ideas, update_visible_children, self);
  if (self->feeds != NULL)
    g_signal_handlers_disconnect_by_func (self->feeds, update_visible_children, self);
  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, update_visible_children, self);

  g_clear_object (&self->ideas);
  g_clear_object (&self->feeds);
  g_clear_object (&self->items);
}

static GtkSelectionModel *
watch_model (HdIdeasPage *self,
             GListModel  *model)
{
  if (model == NULL)
    return NULL;

  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (update_visible_children), self);
  return GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (model)));
}

static void
reload (HdIdeasPage *self)
{
  g_autoptr(GtkSelectionModel) ideas = NULL;
  g_autoptr(GtkSelectionModel) feeds = NULL;
  g_autoptr(GtkSelectionModel) items = NULL;
  g_autoptr(GError) error = NULL;

  disconnect_models (self);
  g_clear_pointer (&self->channels, g_hash_table_unref);

  if (self->store != NULL)
    {
      self->channels = hd_channel_map_new (self->store);
      self->ideas = hd_store_list_posts_in_state (self->store, HD_POST_STATE_IDEA, &error);
      if (self->ideas != NULL)
        self->feeds = hd_store_list_feeds (self->store, &error);
      if (self->feeds != NULL)
        self->items = hd_store_list_feed_items (self->store, &error);
      if (error != NULL)
        g_warning ("Could not list ideas: %s", error->message);
    }

  ideas = watch_model (self, self->ideas);
  feeds = watch_model (self, self->feeds);
  items = watch_model (self, self->items);

  gtk_list_view_set_model (self->ideas_view, ideas);
  gtk_list_view_set_model (self->items_view, items);
  update_visible_children (self);
}

static void
on_store_changed (HdIdeasPage *self,
                  const char  *family)
{
  if (g_strcmp0 (family, HD_STORE_FAMILY_CHANNELS) == 0)
    {
      g_clear_pointer (&self->channels, g_hash_table_unref);
      self->channels = hd_channel_map_new (self->store);
      gtk_widget_queue_draw (GTK_WIDGET (self->ideas_view));
    }
}

/* Items are only worth showing fresh: refresh once when the page is first seen. */
static void
hd_ideas_page_map (GtkWidget *widget)
{
  HdIdeasPage *self = HD_IDEAS_PAGE (widget);

  GTK_WIDGET_CLASS (hd_ideas_page_parent_class)->map (widget);

  if (!self->refreshed_once && count (self->feeds) > 0)
    gtk_widget_activate_action (widget, "ideas.refresh", NULL);
}

HdStore *
hd_ideas_page_get_store (HdIdeasPage *self)
{
  g_return_val_if_fail (HD_IS_IDEAS_PAGE (self), NULL);

  return self->store;
}

void
hd_ideas_page_set_store (HdIdeasPage *self,
                         HdStore     *store)
{
  g_return_if_fail (HD_IS_IDEAS_PAGE (self));
  g_return_if_fail (store == NULL || HD_IS_STORE (store));

  if (self->store == store)
    return;

  /* Work for the old store stops with it. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_refreshing (self, FALSE);
  self->refreshed_once = FALSE;
  if (self->feeds_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->feeds_dialog));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

HdFeedFetcher *
hd_ideas_page_get_fetcher (HdIdeasPage *self)
{
  g_return_val_if_fail (HD_IS_IDEAS_PAGE (self), NULL);

  if (self->fetcher == NULL)
    self->fetcher = hd_feed_fetcher_new (NULL);

  return self->fetcher;
}

void
hd_ideas_page_set_fetcher (HdIdeasPage   *self,
                           HdFeedFetcher *fetcher)
{
  g_return_if_fail (HD_IS_IDEAS_PAGE (self));
  g_return_if_fail (fetcher == NULL || HD_IS_FEED_FETCHER (fetcher));

  if (g_set_object (&self->fetcher, fetcher))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHER]);
}

gboolean
hd_ideas_page_get_busy (HdIdeasPage *self)
{
  g_return_val_if_fail (HD_IS_IDEAS_PAGE (self), FALSE);

  return self->refreshing;
}

static void
hd_ideas_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdIdeasPage *self = HD_IDEAS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FETCHER:
      g_value_set_object (value, hd_ideas_page_get_fetcher (self));
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->refreshing);
      break;

    case PROP_PART:
      g_value_set_string (value, gtk_stack_get_visible_child_name (self->parts_stack));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_ideas_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HdIdeasPage *self = HD_IDEAS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      hd_ideas_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_FETCHER:
      hd_ideas_page_set_fetcher (self, g_value_get_object (value));
      break;

    case PROP_PART:
      if (gtk_stack_get_child_by_name (self->parts_stack, g_value_get_string (value)) != NULL)
        gtk_stack_set_visible_child_name (self->parts_stack, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_ideas_page_dispose (GObject *object)
{
  HdIdeasPage *self = HD_IDEAS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->feeds_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->feeds_dialog));

  disconnect_models (self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);

  g_clear_object (&self->store);
  g_clear_object (&self->fetcher);
  g_clear_pointer (&self->channels, g_hash_table_unref);

  G_OBJECT_CLASS (hd_ideas_page_parent_class)->dispose (object);
}

static void
hd_ideas_page_class_init (HdIdeasPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_ideas_page_get_property;
  object_class->set_property = hd_ideas_page_set_property;
  object_class->dispose = hd_ideas_page_dispose;
  widget_class->map = hd_ideas_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FETCHER] =
    g_param_spec_object ("fetcher", NULL, NULL,
                         HD_TYPE_FEED_FETCHER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* "ideas" or "feeds": the part on show. */
  properties[PROP_PART] =
    g_param_spec_string ("part", NULL, NULL,
                         "ideas",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/ideas/hd-ideas-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, empty_entry);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, refresh_stack);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, parts_stack);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, idea_entry);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, ideas_stack);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, ideas_view);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, errors_revealer);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, errors_label);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, items_stack);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, items_view);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, items_status);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, items_status_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_ideas_view_activate);

  gtk_widget_class_install_action (widget_class, "ideas.new-idea", NULL, new_idea_action);
  gtk_widget_class_install_action (widget_class, "ideas.forget-idea", "s", forget_idea_action);
  gtk_widget_class_install_action (widget_class, "ideas.focus-idea", NULL, focus_idea_action);
  gtk_widget_class_install_action (widget_class, "ideas.make-draft", "s", make_draft_action);
  gtk_widget_class_install_action (widget_class, "ideas.open-draft", "s", open_draft_action);
  gtk_widget_class_install_action (widget_class, "ideas.dismiss", "s", dismiss_action);
  gtk_widget_class_install_action (widget_class, "ideas.undo-dismiss", "s", dismiss_action);
  gtk_widget_class_install_action (widget_class, "ideas.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "ideas.show-feeds", NULL, show_feeds_action);
  gtk_widget_class_install_property_action (widget_class, "ideas.part", "part");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "ideas.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "ideas.focus-idea", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ideas.show-feeds", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "ideas.part", "s", "ideas");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "ideas.part", "s", "feeds");
}

static void
hd_ideas_page_init (HdIdeasPage *self)
{
  g_autoptr(GtkListItemFactory) ideas_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) items_factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  g_signal_connect_swapped (self->parts_stack, "notify::visible-child-name",
                            G_CALLBACK (notify_part), self);

  g_signal_connect (ideas_factory, "setup", G_CALLBACK (setup_idea), self);
  g_signal_connect (ideas_factory, "bind", G_CALLBACK (bind_idea), self);
  gtk_list_view_set_factory (self->ideas_view, ideas_factory);

  g_signal_connect (items_factory, "setup", G_CALLBACK (setup_feed_item), self);
  g_signal_connect (items_factory, "bind", G_CALLBACK (bind_feed_item), self);
  g_signal_connect (items_factory, "unbind", G_CALLBACK (unbind_feed_item), self);
  gtk_list_view_set_factory (self->items_view, items_factory);

  update_visible_children (self);
}
