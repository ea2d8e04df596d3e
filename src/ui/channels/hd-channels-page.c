/* hd-channels-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-core-enums.h"
#include "hd-channel.h"
#include "hd-store-channels.h"
#include "channels/hd-channels-page.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"

struct _HdChannelsPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack      *stack;
  AdwStatusPage *status_page;
  GtkListView   *list_view;

  /* owned references */
  HdStore       *store;
  GListModel    *items;
  GHashTable    *channels;
};

G_DEFINE_FINAL_TYPE (HdChannelsPage, hd_channels_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
add_label (GtkWidget  *box,
           const char *key,
           const char *css_class,
           gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *card;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  /* Rows keep their parts on the card, so bind can find them without a widget class. */
  for (card = box; !gtk_widget_has_css_class (card, "hd-card");)
    card = gtk_widget_get_parent (card);
  g_object_set_data (G_OBJECT (card), key, label);

  return label;
}

static GtkWidget *
new_card (GtkOrientation orientation)
{
  GtkWidget *card = gtk_box_new (orientation, 6);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "hd-card");

  return card;
}

static GtkWidget *
part (GtkListItem *item,
      const char  *key)
{
  return g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), key);
}

static gboolean
is_sample_store (HdStore *store)
{
  g_autofree char *sample = hd_store_sample_path ();

  return store != NULL && g_strcmp0 (hd_store_get_path (store), sample) == 0;
}

static const char *
describe_state (HdChannelsPage *self,
                HdChannelState  state)
{
  switch (state)
    {
    case HD_CHANNEL_STATE_CONNECTED:
      return _("Connected");
    case HD_CHANNEL_STATE_NEEDS_RECONNECT:
      return _("Needs reconnect");
    case HD_CHANNEL_STATE_DISCONNECTED:
      if (is_sample_store (self->store))
        return _("Sample channel, not connected");
      return _("Not connected");
    default:
      return "";
    }
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdChannelsPage           *self)
{
  GtkWidget *card = new_card (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *pill;

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, card);

  gtk_box_set_spacing (GTK_BOX (card), 12);
  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (card), icon);
  g_object_set_data (G_OBJECT (card), "icon", icon);

  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (card), texts);
  add_label (texts, "name", "heading", FALSE);
  add_label (texts, "handle", "dim-label", FALSE);
  pill = add_label (texts, "pill", "hd-pill", FALSE);
  gtk_widget_set_halign (pill, GTK_ALIGN_START);
  gtk_widget_set_margin_top (pill, 4);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdChannelsPage           *self)
{
  HdChannel *channel = HD_CHANNEL (gtk_list_item_get_item (item));
  HdChannelKind kind = hd_channel_get_kind (channel);
  HdChannelState state = hd_channel_get_state (channel);
  g_autofree char *handle = NULL;

  gtk_image_set_from_icon_name (GTK_IMAGE (part (item, "icon")), hd_channel_kind_icon_name (kind));
  gtk_label_set_label (GTK_LABEL (part (item, "name")), hd_channel_get_display_name (channel));

  /* TRANSLATORS: the kind of channel and the account, such as "Mastodon · @shop@example.social" */
  handle = g_strdup_printf (_("%s · %s"), hd_channel_kind_to_label (kind),
                            hd_channel_get_handle (channel) != NULL
                            ? hd_channel_get_handle (channel) : "");
  gtk_label_set_label (GTK_LABEL (part (item, "handle")), handle);

  hd_pill_set_state (GTK_LABEL (part (item, "pill")),
                     hd_enum_to_nick (HD_TYPE_CHANNEL_STATE, state),
                     describe_state (self, state));
}

static void
update_visible_child (HdChannelsPage *self)
{
  gboolean empty = self->items == NULL || g_list_model_get_n_items (self->items) == 0;


  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "content");
}

static void
reload (HdChannelsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(GError) error = NULL;

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, update_visible_child, self);
  g_clear_object (&self->items);
  g_clear_pointer (&self->channels, g_hash_table_unref);

  if (self->store != NULL)
    {
      self->channels = hd_channel_map_new (self->store);
      self->items = hd_store_list_channels (self->store, &error);
      if (self->items == NULL)
        g_warning ("Could not list channels: %s", error->message);
    }

  if (self->items != NULL)
    {
      g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (update_visible_child),
                                self);
      selection = gtk_no_selection_new (g_object_ref (self->items));
    }

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_visible_child (self);
}

static void
on_store_changed (HdChannelsPage *self,
                  const char     *family)
{
  /* The list model follows the store by itself; rows read nothing else from it. */
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

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
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

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, update_visible_child, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);

  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_pointer (&self->channels, g_hash_table_unref);

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
  gtk_widget_class_bind_template_child (widget_class, HdChannelsPage, list_view);
}

static void
hd_channels_page_init (HdChannelsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);

  update_visible_child (self);
}
