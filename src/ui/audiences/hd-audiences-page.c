/* hd-audiences-page.c
 *
 * Saved audiences as cards: the name, who they reach in words and how many people Meta
 * counted. A card opens the audience builder; deleting can be undone from the toast.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-audiences"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-audience.h"
#include "hd-store-audiences.h"
#include "hd-targeting.h"
#include "audiences/hd-audience-editor.h"
#include "audiences/hd-audiences-page.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"
#include "widgets/hd-toast.h"

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
  /* the audience deleted last, until its toast goes: what Undo saves again */
  HdAudience    *deleted;
};

G_DEFINE_FINAL_TYPE (HdAudiencesPage, hd_audiences_page, ADW_TYPE_BIN)

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
                                       "/io/github/heraldapp/Herald/audiences/hd-audiences.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled = display;
}

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
on_delete_clicked (GtkButton       *button,
                   HdAudiencesPage *self)
{
  HdAudience *audience = g_object_get_data (G_OBJECT (button), "audience");

  if (audience != NULL)
    hd_audiences_page_delete (self, audience);
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdAudiencesPage          *self)
{
  GtkWidget *card = new_card (GTK_ORIENTATION_VERTICAL);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *name;

  gtk_list_item_set_activatable (item, TRUE);
  gtk_list_item_set_child (item, card);

  gtk_box_append (GTK_BOX (card), top);
  name = add_label (top, "name", "heading", TRUE);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_valign (delete, GTK_ALIGN_START);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_tooltip_text (delete, _("Delete audience"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete audience"), -1);
  g_signal_connect (delete, "clicked", G_CALLBACK (on_delete_clicked), self);
  gtk_box_append (GTK_BOX (top), delete);
  g_object_set_data (G_OBJECT (card), "delete", delete);

  add_label (card, "summary", NULL, TRUE);
  add_label (card, "size", "dim-label", TRUE);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdAudiencesPage          *self)
{
  HdAudience *audience = HD_AUDIENCE (gtk_list_item_get_item (item));
  g_autoptr(HdTargeting) targeting = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *size = NULL;

  targeting = hd_targeting_new_from_json (hd_audience_get_spec (audience), NULL);
  /* A spec the builder cannot read still gets the short summary of its known fields. */
  summary = targeting != NULL ? hd_targeting_describe (targeting)
                              : hd_format_audience_summary (hd_audience_get_spec (audience));
  size = hd_audience_editor_format_estimate (hd_audience_get_estimated_size (audience),
                                             hd_audience_get_estimated_upper (audience),
                                             hd_audience_get_estimated_at (audience));

  gtk_label_set_label (GTK_LABEL (part (item, "name")), hd_audience_get_name (audience));
  gtk_label_set_label (GTK_LABEL (part (item, "summary")), summary);
  gtk_label_set_label (GTK_LABEL (part (item, "size")),
                       size != NULL ? size : _("Not estimated yet"));
  g_object_set_data (G_OBJECT (part (item, "delete")), "audience", audience);
}

static void
unbind_item (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             HdAudiencesPage          *self)
{
  g_object_set_data (G_OBJECT (part (item, "delete")), "audience", NULL);
}

static void
open_editor (HdAudiencesPage *self,
             HdAudience      *audience)
{
  HdAudienceEditor *editor;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store == NULL)
    return;

  editor = hd_audience_editor_new (self->store, audience);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_list_view_activate (GtkListView     *list_view,
                       guint            position,
                       HdAudiencesPage *self)
{
  g_autoptr(HdAudience) audience = NULL;

  if (self->items == NULL)
    return;
  audience = g_list_model_get_item (self->items, position);
  if (audience != NULL)
    open_editor (self, audience);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (HD_AUDIENCES_PAGE (widget), NULL);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HdAudiencesPage *self = HD_AUDIENCES_PAGE (widget);
  g_autoptr(HdAudience) audience = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;

  if (audience == NULL || self->store == NULL)
    return;
  if (!hd_store_save_audience (self->store, audience, &error))
    hd_toast_show (GTK_WIDGET (self), hd_toast_new_plain (error->message));
}

static void
on_delete_toast_dismissed (AdwToast        *toast,
                           HdAudiencesPage *self)
{
  HdAudience *audience = g_object_get_data (G_OBJECT (toast), "audience");

  /* Only the newest toast can bring its audience back. */
  if (audience == self->deleted)
    g_clear_object (&self->deleted);
}

/**
 * hd_audiences_page_delete:
 *
 * Deletes @audience from the store, with a toast to undo it; says why when the store keeps
 * it because an ad set still uses it.
 */
void
hd_audiences_page_delete (HdAudiencesPage *self,
                          HdAudience      *audience)
{
  g_autoptr(HdAudience) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (HD_IS_AUDIENCES_PAGE (self));
  g_return_if_fail (HD_IS_AUDIENCE (audience));

  if (self->store == NULL)
    return;

  kept = g_object_ref (audience);
  if (!hd_store_delete_audience (self->store, hd_audience_get_id (kept), &error))
    {
      toast = hd_toast_new_plain (error->message);
      adw_toast_set_timeout (toast, 0);
      hd_toast_show (GTK_WIDGET (self), toast);
      return;
    }

  g_set_object (&self->deleted, kept);
  /* Translators: %s is the name of an audience */
  title = g_strdup_printf (_("“%s” deleted"), hd_audience_get_name (kept));
  /* Names are the user's text, not markup. */
  toast = hd_toast_new_plain (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "audiences.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "audience", g_object_ref (kept), g_object_unref);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  /* The window's overlay, so the toast stays while the page turns to its empty state. */
  hd_toast_show (GTK_WIDGET (self), toast);
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
  g_clear_object (&self->deleted);

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

  gtk_widget_class_install_action (widget_class, "audiences.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "audiences.undo-delete", NULL,
                                   undo_delete_action);
}

static void
hd_audiences_page_init (HdAudiencesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_view_activate), self);

  update_visible_child (self);
}
