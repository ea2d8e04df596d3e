/* hd-channels-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-channel-connect.h"
#include "hd-store-channels.h"
#include "hd-store-posts.h"
#include "channels/hd-avatar-cache.h"
#include "channels/hd-channel-row.h"
#include "channels/hd-channel-wizard.h"
#include "channels/hd-channels-page.h"
#include "channels/hd-posting-times-dialog.h"
#include "widgets/hd-toast.h"

struct _HdChannelsPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack      *stack;
  AdwStatusPage *status_page;
  GtkListBox    *list_box;
  GtkWidget     *sample_label;

  /* owned references */
  HdStore       *store;
  HdHttp        *http;
  HdAvatarCache *avatars;
  GListModel    *items;
  GCancellable  *cancellable;

  gint64         now;
};

G_DEFINE_FINAL_TYPE (HdChannelsPage, hd_channels_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ensure_css (void)
{
  static GdkDisplay *styled;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || display == styled)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/heraldapp/Herald/channels/hd-channels.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled = display;
}

static gboolean
is_sample_store (HdStore *store)
{
  g_autofree char *sample = hd_store_sample_path ();

  return store != NULL && g_strcmp0 (hd_store_get_path (store), sample) == 0;
}

static gint64
get_now (HdChannelsPage *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static HdHttp *
get_http (HdChannelsPage *self)
{
  if (self->http == NULL)
    self->http = hd_http_new ();

  return self->http;
}

static HdAvatarCache *
get_avatars (HdChannelsPage *self)
{
  if (self->avatars == NULL)
    self->avatars = hd_avatar_cache_new (get_http (self), NULL);

  return self->avatars;
}

static GtkWindow *
get_window (HdChannelsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_toast (HdChannelsPage *self,
            const char     *message)
{
  hd_toast_show (GTK_WIDGET (self), hd_toast_new_plain (message));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  HdChannelsPage *self = user_data;

  return hd_channel_row_new (HD_CHANNEL (item), self->store, get_avatars (self),
                             is_sample_store (self->store), get_now (self));
}

static void
update_visible_child (HdChannelsPage *self)
{
  gboolean empty = self->items == NULL || g_list_model_get_n_items (self->items) == 0;
  gboolean sample = is_sample_store (self->store);

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "content");
  gtk_widget_set_visible (self->sample_label, sample);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "channels.add",
                                 self->store != NULL && !sample);
}

static void
reload (HdChannelsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, update_visible_child, self);
  g_clear_object (&self->items);

  if (self->store != NULL)
    {
      self->items = hd_store_list_channels (self->store, &error);
      if (self->items == NULL)
        g_warning ("Could not list channels: %s", error->message);
    }

  if (self->items != NULL)
    g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (update_visible_child),
                              self);

  gtk_list_box_bind_model (self->list_box, self->items, create_row, self, NULL);
  update_visible_child (self);
}

GtkWidget *
hd_channels_page_get_row (HdChannelsPage *self,
                          const char     *channel_id)
{
  g_return_val_if_fail (HD_IS_CHANNELS_PAGE (self), NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (HD_IS_CHANNEL_ROW (child) &&
        g_strcmp0 (hd_channel_get_id (hd_channel_row_get_channel (HD_CHANNEL_ROW (child))),
                   channel_id) == 0)
      return child;

  return NULL;
}

guint
hd_channels_page_get_n_rows (HdChannelsPage *self)
{
  guint n = 0;

  g_return_val_if_fail (HD_IS_CHANNELS_PAGE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (HD_IS_CHANNEL_ROW (child))
      n++;

  return n;
}

static HdChannel *
find_channel (HdChannelsPage *self,
              const char     *channel_id)
{
  GtkWidget *row = hd_channels_page_get_row (self, channel_id);

  return row != NULL ? hd_channel_row_get_channel (HD_CHANNEL_ROW (row)) : NULL;
}

static void
on_wizard_connected (HdChannelsPage *self,
                     HdChannel      *channel)
{
  g_autofree char *message = NULL;

  /* TRANSLATORS: %s is the account's name */
  message = g_strdup_printf (_("%s is connected"), hd_channel_get_display_name (channel));
  show_toast (self, message);
}

static void
open_wizard (HdChannelsPage *self,
             HdChannel      *reconnecting)
{
  GtkWindow *window = get_window (self);
  HdChannelWizard *wizard;

  if (self->store == NULL || is_sample_store (self->store))
    return;

  wizard = hd_channel_wizard_new (window, self->store, get_http (self));
  if (window != NULL && HD_IS_APPLICATION (gtk_window_get_application (window)))
    {
      HdApplication *app = HD_APPLICATION (gtk_window_get_application (window));
      gpointer data = NULL;
      HdOAuthOpenUriFunc func = hd_application_get_open_uri_func (app, &data);

      if (func != NULL)
        hd_channel_wizard_set_open_uri_func (wizard, func, data);
    }
  if (reconnecting != NULL)
    hd_channel_wizard_set_reconnecting (wizard, reconnecting);

  g_signal_connect_object (wizard, "connected", G_CALLBACK (on_wizard_connected), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (wizard));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_wizard (HD_CHANNELS_PAGE (widget), NULL);
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HdChannelsPage *self = HD_CHANNELS_PAGE (widget);
  HdChannel *channel = find_channel (self, g_variant_get_string (parameter, NULL));

  if (channel != NULL)
    open_wizard (self, channel);
}

static void
posting_times_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HdChannelsPage *self = HD_CHANNELS_PAGE (widget);
  HdChannel *channel = find_channel (self, g_variant_get_string (parameter, NULL));
  GtkWidget *dialog;

  if (channel == NULL)
    return;

  dialog = hd_posting_times_dialog_new (get_window (self), self->store, channel);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  HdChannelsPage *self;
  char           *name;
  /* posts scheduled for the channel before it went */
  GPtrArray      *post_ids;
} Removal;

static void
removal_free (Removal *removal)
{
  g_object_unref (removal->self);
  g_free (removal->name);
  g_ptr_array_unref (removal->post_ids);
  g_free (removal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Removal, removal_free)

/* A post that was going out only on the removed channel has nowhere left to go: it goes back
 * to being a draft instead of sitting scheduled for no channel. */
static guint
keep_as_drafts (HdStore   *store,
                GPtrArray *post_ids)
{
  guint n = 0;

  for (guint i = 0; i < post_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdPost) post = hd_store_load_post (store, g_ptr_array_index (post_ids, i),
                                                   &error);

      if (post == NULL || g_list_model_get_n_items (hd_post_get_variants (post)) > 0)
        continue;

      hd_post_set_state (post, HD_POST_STATE_DRAFT);
      if (!hd_store_save_post (store, post, &error))
        g_warning ("Could not keep %s as a draft: %s", hd_post_get_id (post), error->message);
      else
        n++;
    }

  return n;
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Removal) removal = user_data;
  HdChannelsPage *self = removal->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!hd_channel_remove_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* TRANSLATORS: %s is the account's name, then the reason */
      message = g_strdup_printf (_("Could not remove %s: %s"), removal->name, error->message);
      show_toast (self, message);
      return;
    }

  if (self->store != NULL)
    keep_as_drafts (self->store, removal->post_ids);

  /* TRANSLATORS: %s is the account's name */
  message = g_strdup_printf (_("%s was removed"), removal->name);
  show_toast (self, message);
}

static GPtrArray *
list_scheduled_posts_of (HdStore    *store,
                         const char *channel_id)
{
  g_autoptr(GListModel) posts = hd_store_list_posts_in_state (store, HD_POST_STATE_SCHEDULED,
                                                              NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  guint n = posts != NULL ? g_list_model_get_n_items (posts) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdPost) post = g_list_model_get_item (posts, i);

      if (hd_post_find_variant (post, channel_id) != NULL)
        g_ptr_array_add (ids, g_strdup (hd_post_get_id (post)));
    }

  return ids;
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    HdChannelsPage   *self)
{
  const char *channel_id = g_object_get_data (G_OBJECT (dialog), "hd-channel-id");
  HdChannel *channel;
  Removal *removal;

  if (g_strcmp0 (response, "remove") != 0 || self->store == NULL)
    return;

  channel = find_channel (self, channel_id);
  if (channel == NULL)
    return;

  removal = g_new0 (Removal, 1);
  removal->self = g_object_ref (self);
  removal->name = g_strdup (hd_channel_get_display_name (channel));
  removal->post_ids = list_scheduled_posts_of (self->store, channel_id);
  hd_channel_remove_async (self->store, channel_id, self->cancellable, removed_cb, removal);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdChannelsPage *self = HD_CHANNELS_PAGE (widget);
  const char *channel_id = g_variant_get_string (parameter, NULL);
  HdChannel *channel = find_channel (self, channel_id);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (channel == NULL || is_sample_store (self->store))
    return;

  /* TRANSLATORS: %s is the account's name */
  heading = g_strdup_printf (_("Remove %s?"), hd_channel_get_display_name (channel));
  /* TRANSLATORS: %s is the platform, such as Mastodon */
  body = g_strdup_printf (_("Herald forgets this account and removes its password or tokens "
                            "from your keyring. Posts scheduled for it stay in your calendar; "
                            "those that were only for this account become drafts. Nothing is "
                            "deleted on %s."),
                          hd_channel_kind_to_label (hd_channel_get_kind (channel)));

  dialog = adw_message_dialog_new (get_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "hd-channel-id", g_strdup (channel_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

HdStore *
hd_channels_page_get_store (HdChannelsPage *self)
{
  g_return_val_if_fail (HD_IS_CHANNELS_PAGE (self), NULL);

  return self->store;
}

void
hd_channels_page_set_store (HdChannelsPage *self,
                            HdStore        *store)
{
  g_return_if_fail (HD_IS_CHANNELS_PAGE (self));
  g_return_if_fail (store == NULL || HD_IS_STORE (store));

  if (self->store == store)
    return;

  g_set_object (&self->store, store);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
hd_channels_page_set_http (HdChannelsPage *self,
                           HdHttp         *http)
{
  g_return_if_fail (HD_IS_CHANNELS_PAGE (self));
  g_return_if_fail (http == NULL || HD_IS_HTTP (http));

  if (self->http == http)
    return;

  g_set_object (&self->http, http);
  g_clear_object (&self->avatars);
  reload (self);
}

void
hd_channels_page_set_now (HdChannelsPage *self,
                          gint64          now)
{
  g_return_if_fail (HD_IS_CHANNELS_PAGE (self));

  self->now = now;
  reload (self);
}

static void
hd_channels_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HdChannelsPage *self = HD_CHANNELS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_channels_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HdChannelsPage *self = HD_CHANNELS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      hd_channels_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_channels_page_dispose (GObject *object)
{
  HdChannelsPage *self = HD_CHANNELS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, update_visible_child, self);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);

  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_object (&self->avatars);
  g_clear_object (&self->http);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hd_channels_page_parent_class)->dispose (object);
}

static void
hd_channels_page_class_init (HdChannelsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_channels_page_get_property;
  object_class->set_property = hd_channels_page_set_property;
  object_class->dispose = hd_channels_page_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/channels/hd-channels-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdChannelsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdChannelsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HdChannelsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, HdChannelsPage, sample_label);

  gtk_widget_class_install_action (widget_class, "channels.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "channels.reconnect", "s", reconnect_action);
  gtk_widget_class_install_action (widget_class, "channels.posting-times", "s",
                                   posting_times_action);
  gtk_widget_class_install_action (widget_class, "channels.remove", "s", remove_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "channels.add", NULL);
}

static void
hd_channels_page_init (HdChannelsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css ();

  self->cancellable = g_cancellable_new ();
  update_visible_child (self);
}
