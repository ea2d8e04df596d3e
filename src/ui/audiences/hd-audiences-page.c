/* hd-audiences-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-audiences"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-audience.h"
#include "hd-store-audiences.h"
#include "audiences/hd-audiences-page.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"

struct _HdAudiencesPage
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

G_DEFINE_FINAL_TYPE (HdAudiencesPage, hd_audiences_page, ADW_TYPE_BIN)

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

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdAudiencesPage          *self)
{
  GtkWidget *card = new_card (GTK_ORIENTATION_VERTICAL);

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, card);

  add_label (card, "name", "heading", TRUE);
  add_label (card, "summary", NULL, TRUE);
  add_label (card, "size", "dim-label", FALSE);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdAudiencesPage          *self)
{
  HdAudience *audience = HD_AUDIENCE (gtk_list_item_get_item (item));
  g_autofree char *summary = hd_format_audience_summary (hd_audience_get_spec (audience));
  gint64 size = hd_audience_get_estimated_size (audience);

  gtk_label_set_label (GTK_LABEL (part (item, "name")), hd_audience_get_name (audience));
  gtk_label_set_label (GTK_LABEL (part (item, "summary")), summary);

  if (size > 0)
    {
      g_autofree char *count = hd_format_count (size);
      g_autofree char *text = g_strdup_printf (_("About %s people"), count);

      gtk_label_set_label (GTK_LABEL (part (item, "size")), text);
    }
  gtk_widget_set_visible (part (item, "size"), size > 0);
}

static void
update_visible_child (HdAudiencesPage *self)
{
  gboolean empty = self->items == NULL || g_list_model_get_n_items (self->items) == 0;


  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "content");
}

static void
reload (HdAudiencesPage *self)
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
      self->items = hd_store_list_audiences (self->store, &error);
      if (self->items == NULL)
        g_warning ("Could not list audiences: %s", error->message);
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
on_store_changed (HdAudiencesPage *self,
                  const char      *family)
{
  /* The list model follows the store by itself; rows read nothing else from it. */
}

HdStore *
hd_audiences_page_get_store (HdAudiencesPage *self)
{
  g_return_val_if_fail (HD_IS_AUDIENCES_PAGE (self), NULL);

  return self->store;
}

void
hd_audiences_page_set_store (HdAudiencesPage *self,
                             HdStore         *store)
{
  g_return_if_fail (HD_IS_AUDIENCES_PAGE (self));
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
hd_audiences_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HdAudiencesPage *self = HD_AUDIENCES_PAGE (object);

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
hd_audiences_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HdAudiencesPage *self = HD_AUDIENCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      hd_audiences_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_audiences_page_dispose (GObject *object)
{
  HdAudiencesPage *self = HD_AUDIENCES_PAGE (object);

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, update_visible_child, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);

  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_pointer (&self->channels, g_hash_table_unref);

  G_OBJECT_CLASS (hd_audiences_page_parent_class)->dispose (object);
}

static void
hd_audiences_page_class_init (HdAudiencesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_audiences_page_get_property;
  object_class->set_property = hd_audiences_page_set_property;
  object_class->dispose = hd_audiences_page_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/audiences/hd-audiences-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdAudiencesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdAudiencesPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HdAudiencesPage, list_view);
}

static void
hd_audiences_page_init (HdAudiencesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);

  update_visible_child (self);
}
