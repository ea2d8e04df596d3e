/* hd-inbox-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-inbox"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-core-enums.h"
#include "hd-channel.h"
#include "hd-inbox-item.h"
#include "hd-store-inbox.h"
#include "inbox/hd-inbox-page.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"

struct _HdInboxPage
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

G_DEFINE_FINAL_TYPE (HdInboxPage, hd_inbox_page, ADW_TYPE_BIN)

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

static const char *
describe_kind (HdInboxKind kind)
{
  switch (kind)
    {
    case HD_INBOX_KIND_COMMENT:
      return _("Comment on your post");
    case HD_INBOX_KIND_REPLY:
      return _("Reply in a conversation");
    case HD_INBOX_KIND_MENTION:
      return _("Mention");
    case HD_INBOX_KIND_MESSAGE:
      return _("Direct message");
    default:
      return "";
    }
}

static const char *
describe_reply_state (HdReplyState state)
{
  switch (state)
    {
    case HD_REPLY_STATE_UNREAD:
      return _("Unread");
    case HD_REPLY_STATE_READ:
      return _("Not answered");
    case HD_REPLY_STATE_REPLIED:
      return _("Replied");
    case HD_REPLY_STATE_DONE:
      return _("Done");
    default:
      return "";
    }
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdInboxPage              *self)
{
  GtkWidget *card = new_card (GTK_ORIENTATION_VERTICAL);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *pill;

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, card);

  gtk_box_append (GTK_BOX (card), header);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_box_append (GTK_BOX (header), icon);
  g_object_set_data (G_OBJECT (card), "icon", icon);
  add_label (header, "author", "heading", FALSE);
  gtk_widget_set_hexpand (add_label (header, "handle", "dim-label", FALSE), TRUE);
  add_label (header, "time", "dim-label", FALSE);

  add_label (card, "text", NULL, TRUE);

  gtk_box_append (GTK_BOX (card), footer);
  gtk_widget_set_hexpand (add_label (footer, "kind", "caption", FALSE), TRUE);
  gtk_widget_add_css_class (part (item, "kind"), "dim-label");
  pill = add_label (footer, "pill", "hd-pill", FALSE);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdInboxPage              *self)
{
  HdInboxItem *inbox_item = HD_INBOX_ITEM (gtk_list_item_get_item (item));
  HdChannel *channel = NULL;
  HdReplyState state = hd_inbox_item_get_reply_state (inbox_item);
  g_autofree char *when = NULL;
  const char *author = hd_inbox_item_get_author_name (inbox_item);

  if (self->channels != NULL)
    channel = g_hash_table_lookup (self->channels, hd_inbox_item_get_channel_id (inbox_item));

  gtk_image_set_from_icon_name (GTK_IMAGE (part (item, "icon")),
                                channel != NULL
                                ? hd_channel_kind_icon_name (hd_channel_get_kind (channel))
                                : NULL);
  gtk_widget_set_tooltip_text (part (item, "icon"),
                               channel != NULL ? hd_channel_get_display_name (channel) : NULL);
  gtk_widget_set_visible (part (item, "icon"), channel != NULL);

  if (author == NULL || *author == '\0')
    author = hd_inbox_item_get_author_handle (inbox_item);
  gtk_label_set_label (GTK_LABEL (part (item, "author")), author);
  gtk_label_set_label (GTK_LABEL (part (item, "handle")),
                       hd_inbox_item_get_author_handle (inbox_item));
  gtk_widget_set_visible (part (item, "handle"),
                          g_strcmp0 (author, hd_inbox_item_get_author_handle (inbox_item)) != 0);

  when = hd_format_relative (hd_inbox_item_get_received_at (inbox_item),
                             g_get_real_time () / G_USEC_PER_SEC);
  gtk_label_set_label (GTK_LABEL (part (item, "time")), when);
  gtk_label_set_label (GTK_LABEL (part (item, "text")), hd_inbox_item_get_text (inbox_item));
  gtk_label_set_label (GTK_LABEL (part (item, "kind")),
                       describe_kind (hd_inbox_item_get_kind (inbox_item)));

  hd_pill_set_state (GTK_LABEL (part (item, "pill")),
                     hd_enum_to_nick (HD_TYPE_REPLY_STATE, state),
                     describe_reply_state (state));
}

static void
update_visible_child (HdInboxPage *self)
{
  gboolean empty = self->items == NULL || g_list_model_get_n_items (self->items) == 0;

  /* With a channel connected, "connect a channel first" would send people in circles. */
  if (empty)
    {
      gboolean has_channels = self->channels != NULL && g_hash_table_size (self->channels) > 0;

      adw_status_page_set_description (self->status_page,
                                       has_channels
                                       ? _("Comments and questions from your channels appear "
                                           "here.")
                                       : _("Comments and questions from your channels appear "
                                           "here. Connect a channel first."));
      gtk_widget_set_visible (adw_status_page_get_child (self->status_page), !has_channels);
    }

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "content");
}

static void
reload (HdInboxPage *self)
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
      self->items = hd_store_list_inbox (self->store, &error);
      if (self->items == NULL)
        g_warning ("Could not list inbox: %s", error->message);
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
on_store_changed (HdInboxPage *self,
                  const char  *family)
{
  if (g_strcmp0 (family, "channels") == 0)
    reload (self);
}

HdStore *
hd_inbox_page_get_store (HdInboxPage *self)
{
  g_return_val_if_fail (HD_IS_INBOX_PAGE (self), NULL);

  return self->store;
}

void
hd_inbox_page_set_store (HdInboxPage *self,
                         HdStore     *store)
{
  g_return_if_fail (HD_IS_INBOX_PAGE (self));
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
hd_inbox_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdInboxPage *self = HD_INBOX_PAGE (object);

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
hd_inbox_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HdInboxPage *self = HD_INBOX_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      hd_inbox_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_inbox_page_dispose (GObject *object)
{
  HdInboxPage *self = HD_INBOX_PAGE (object);

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, update_visible_child, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);

  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_pointer (&self->channels, g_hash_table_unref);

  G_OBJECT_CLASS (hd_inbox_page_parent_class)->dispose (object);
}

static void
hd_inbox_page_class_init (HdInboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_inbox_page_get_property;
  object_class->set_property = hd_inbox_page_set_property;
  object_class->dispose = hd_inbox_page_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/inbox/hd-inbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HdInboxPage, list_view);
}

static void
hd_inbox_page_init (HdInboxPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);

  update_visible_child (self);
}
