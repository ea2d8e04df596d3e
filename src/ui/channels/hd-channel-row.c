/* hd-channel-row.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-store-queue.h"
#include "channels/hd-channel-row.h"

struct _HdChannelRow
{
  GtkListBoxRow parent_instance;

  /* template widgets */
  AdwAvatar         *avatar;
  GtkLabel          *name_label;
  GtkImage          *kind_icon;
  GtkLabel          *handle_label;
  GtkLabel          *state_label;
  GtkLabel          *detail_label;
  GtkLabel          *times_label;
  GtkWidget         *reconnect_button;
  GtkWidget         *menu_button;

  /* owned references */
  HdChannel         *channel;
  GCancellable      *cancellable;
  char              *state_text;
  char              *posting_times;

  HdChannelRowState  state;
  gboolean           has_picture;
};

G_DEFINE_FINAL_TYPE (HdChannelRow, hd_channel_row, GTK_TYPE_LIST_BOX_ROW)

static const char *state_classes[] = {
  "connected", "hd-expiring-soon", "hd-needs-reconnect", "hd-not-connected", "hd-sample",
};

HdChannel *
hd_channel_row_get_channel (HdChannelRow *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_ROW (self), NULL);

  return self->channel;
}

HdChannelRowState
hd_channel_row_get_state (HdChannelRow *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_ROW (self), HD_CHANNEL_ROW_NOT_CONNECTED);

  return self->state;
}

const char *
hd_channel_row_get_state_text (HdChannelRow *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_ROW (self), NULL);

  return self->state_text;
}

const char *
hd_channel_row_get_posting_times (HdChannelRow *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_ROW (self), NULL);

  return self->posting_times;
}

gboolean
hd_channel_row_get_offers_reconnect (HdChannelRow *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_ROW (self), FALSE);

  return gtk_widget_get_visible (self->reconnect_button);
}

gboolean
hd_channel_row_get_has_picture (HdChannelRow *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL_ROW (self), FALSE);

  return self->has_picture;
}

static void
avatar_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HdChannelRow) self = user_data;
  g_autoptr(GdkPaintable) picture = NULL;
  g_autoptr(GError) error = NULL;

  picture = hd_avatar_cache_load_finish (HD_AVATAR_CACHE (object), result, &error);
  if (picture == NULL)
    {
      /* Initials stand in; a missing picture is nothing to bother the user with. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No picture for %s: %s", hd_channel_get_id (self->channel), error->message);
      return;
    }

  adw_avatar_set_custom_image (self->avatar, picture);
  self->has_picture = TRUE;
}

static void
show_avatar (HdChannelRow  *self,
             HdAvatarCache *avatars)
{
  const char *url = hd_channel_get_avatar_url (self->channel);
  GdkPaintable *known;

  adw_avatar_set_text (self->avatar, hd_channel_get_display_name (self->channel));
  adw_avatar_set_icon_name (self->avatar,
                            hd_channel_kind_icon_name (hd_channel_get_kind (self->channel)));

  if (avatars == NULL || url == NULL || *url == '\0')
    return;

  known = hd_avatar_cache_peek (avatars, url);
  if (known != NULL)
    {
      adw_avatar_set_custom_image (self->avatar, known);
      self->has_picture = TRUE;
      return;
    }

  hd_avatar_cache_load_async (avatars, url, self->cancellable, avatar_loaded_cb,
                              g_object_ref (self));
}

static HdChannelRowState
decide_state (HdChannel *channel,
              gboolean   sample,
              gint64     now)
{
  switch (hd_channel_get_state (channel))
    {
    case HD_CHANNEL_STATE_CONNECTED:
      return hd_channel_is_expiring_soon (channel, now) ? HD_CHANNEL_ROW_EXPIRING_SOON
                                                        : HD_CHANNEL_ROW_CONNECTED;
    case HD_CHANNEL_STATE_NEEDS_RECONNECT:
      return sample ? HD_CHANNEL_ROW_SAMPLE : HD_CHANNEL_ROW_NEEDS_RECONNECT;
    case HD_CHANNEL_STATE_DISCONNECTED:
    default:
      return sample ? HD_CHANNEL_ROW_SAMPLE : HD_CHANNEL_ROW_NOT_CONNECTED;
    }
}

static void
show_state (HdChannelRow *self,
            gint64        now)
{
  g_autofree char *detail = NULL;
  const char *text = NULL;
  gboolean reconnect = FALSE;

  switch (self->state)
    {
    case HD_CHANNEL_ROW_CONNECTED:
      text = _("Connected");
      break;

    case HD_CHANNEL_ROW_EXPIRING_SOON:
      {
        g_autofree char *when = hd_channel_describe_state (self->channel, now);

        text = _("Expiring soon");
        /* TRANSLATORS: %s says when, such as "Expires in 3 days" */
        detail = g_strdup_printf (_("%s. Reconnect to keep posting without a break."), when);
        reconnect = TRUE;
      }
      break;

    case HD_CHANNEL_ROW_NEEDS_RECONNECT:
      text = _("Needs reconnect");
      detail = g_strdup (_("Herald can no longer post here. Its posts wait until you "
                           "reconnect."));
      reconnect = TRUE;
      break;

    case HD_CHANNEL_ROW_SAMPLE:
      text = _("Sample channel, not connected");
      break;

    case HD_CHANNEL_ROW_NOT_CONNECTED:
    default:
      text = _("Not connected");
      reconnect = TRUE;
      break;
    }

  g_free (self->state_text);
  self->state_text = g_strdup (text);
  gtk_label_set_label (self->state_label, text);
  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), state_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), state_classes[self->state]);

  gtk_label_set_label (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL);
  if (self->state == HD_CHANNEL_ROW_NEEDS_RECONNECT)
    gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->detail_label), "error");

  gtk_widget_set_visible (self->reconnect_button, reconnect);
  gtk_widget_remove_css_class (self->reconnect_button, "destructive-action");
  gtk_widget_remove_css_class (self->reconnect_button, "suggested-action");
  gtk_widget_add_css_class (self->reconnect_button,
                            self->state == HD_CHANNEL_ROW_NEEDS_RECONNECT ? "destructive-action"
                                                                          : "suggested-action");

  /* The sample's accounts belong to nobody: there is nothing to reconnect or remove. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.reconnect",
                                 self->state != HD_CHANNEL_ROW_SAMPLE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.remove",
                                 self->state != HD_CHANNEL_ROW_SAMPLE);
}

static void
show_posting_times (HdChannelRow *self,
                    HdStore      *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *slots = hd_store_get_queue_slots (store, hd_channel_get_id (self->channel),
                                                     &error);
  g_autofree char *text = NULL;

  if (slots == NULL)
    g_warning ("Could not read the posting times of %s: %s", hd_channel_get_id (self->channel),
               error->message);

  g_free (self->posting_times);
  self->posting_times = g_strdup (slots != NULL ? slots : "");

  if (self->posting_times[0] == '\0')
    text = g_strdup (_("No posting times yet"));
  else
    /* TRANSLATORS: the weekly times posts are queued at, such as "Mon–Fri 09:30 and 13:00" */
    text = g_strdup_printf (_("Posting times: %s"), self->posting_times);
  gtk_label_set_label (self->times_label, text);
}

GtkWidget *
hd_channel_row_new (HdChannel     *channel,
                    HdStore       *store,
                    HdAvatarCache *avatars,
                    gboolean       sample,
                    gint64         now)
{
  HdChannelRow *self;
  HdChannelKind kind;
  g_autofree char *handle = NULL;
  g_autofree char *accessible = NULL;

  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_CHANNEL_ROW, NULL);
  self->channel = g_object_ref (channel);
  kind = hd_channel_get_kind (channel);

  gtk_label_set_label (self->name_label, hd_channel_get_display_name (channel));
  gtk_image_set_from_icon_name (self->kind_icon, hd_channel_kind_icon_name (kind));
  /* TRANSLATORS: the kind of channel and the account, such as "Mastodon · @shop@example.social" */
  handle = g_strdup_printf (_("%s · %s"), hd_channel_kind_to_label (kind),
                            hd_channel_get_handle (channel) != NULL
                            ? hd_channel_get_handle (channel) : "");
  gtk_label_set_label (self->handle_label, handle);

  self->state = decide_state (channel, sample, now);
  show_state (self, now);
  show_posting_times (self, store);
  show_avatar (self, avatars);

  /* TRANSLATORS: the accessible name of a channel's row: its name, platform and state */
  accessible = g_strdup_printf (_("%s, %s, %s"), hd_channel_get_display_name (channel),
                                hd_channel_kind_to_label (kind), self->state_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  {
    g_autofree char *menu_label = g_strdup_printf (_("Actions for %s"),
                                                   hd_channel_get_display_name (channel));

    gtk_widget_set_tooltip_text (self->menu_button, menu_label);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                    -1);
  }

  return GTK_WIDGET (self);
}

/* The page owns what the actions do; the row only says which channel. */
static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdChannelRow *self = HD_CHANNEL_ROW (widget);
  const char *page_action = g_strcmp0 (action_name, "row.reconnect") == 0
                            ? "channels.reconnect"
                            : g_strcmp0 (action_name, "row.remove") == 0
                            ? "channels.remove"
                            : "channels.posting-times";

  gtk_widget_activate_action (widget, page_action, "s", hd_channel_get_id (self->channel));
}

static void
hd_channel_row_dispose (GObject *object)
{
  HdChannelRow *self = HD_CHANNEL_ROW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_CHANNEL_ROW);

  G_OBJECT_CLASS (hd_channel_row_parent_class)->dispose (object);
}

static void
hd_channel_row_finalize (GObject *object)
{
  HdChannelRow *self = HD_CHANNEL_ROW (object);

  g_clear_object (&self->channel);
  g_clear_object (&self->cancellable);
  g_free (self->state_text);
  g_free (self->posting_times);

  G_OBJECT_CLASS (hd_channel_row_parent_class)->finalize (object);
}

static void
hd_channel_row_class_init (HdChannelRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_channel_row_dispose;
  object_class->finalize = hd_channel_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/channels/hd-channel-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HdChannelRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, HdChannelRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, HdChannelRow, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, HdChannelRow, handle_label);
  gtk_widget_class_bind_template_child (widget_class, HdChannelRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, HdChannelRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, HdChannelRow, times_label);
  gtk_widget_class_bind_template_child (widget_class, HdChannelRow, reconnect_button);
  gtk_widget_class_bind_template_child (widget_class, HdChannelRow, menu_button);

  gtk_widget_class_install_action (widget_class, "row.reconnect", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "row.posting-times", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "row.remove", NULL, forward_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "row.reconnect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "row.posting-times", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "row.remove", NULL);
}

static void
hd_channel_row_init (HdChannelRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}
