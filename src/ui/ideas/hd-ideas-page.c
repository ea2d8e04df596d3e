/* hd-ideas-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ideas"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-post.h"
#include "hd-store-posts.h"
#include "ideas/hd-ideas-page.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"

struct _HdIdeasPage
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

G_DEFINE_FINAL_TYPE (HdIdeasPage, hd_ideas_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdIdeasPage              *self)
{
  GtkWidget *row = hd_post_row_new ();

  hd_post_row_set_show_state (HD_POST_ROW (row), FALSE);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, row);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdIdeasPage              *self)
{
  hd_post_row_set_post (HD_POST_ROW (gtk_list_item_get_child (item)),
                        HD_POST (gtk_list_item_get_item (item)),
                        NULL,
                        self->channels);
}

static void
update_visible_child (HdIdeasPage *self)
{
  gboolean empty = self->items == NULL || g_list_model_get_n_items (self->items) == 0;


  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "content");
}

static void
reload (HdIdeasPage *self)
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
      self->items = hd_store_list_posts_in_state (self->store, HD_POST_STATE_IDEA, &error);
      if (self->items == NULL)
        g_warning ("Could not list ideas: %s", error->message);
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
on_store_changed (HdIdeasPage *self,
                  const char  *family)
{
  if (g_strcmp0 (family, "channels") == 0)
    {
      g_clear_pointer (&self->channels, g_hash_table_unref);
      self->channels = hd_channel_map_new (self->store);
      gtk_widget_queue_draw (GTK_WIDGET (self->list_view));
    }
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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_ideas_page_dispose (GObject *object)
{
  HdIdeasPage *self = HD_IDEAS_PAGE (object);

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, update_visible_child, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);

  g_clear_object (&self->items);
  g_clear_object (&self->store);
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

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/ideas/hd-ideas-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HdIdeasPage, list_view);
}

static void
hd_ideas_page_init (HdIdeasPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);

  update_visible_child (self);
}
