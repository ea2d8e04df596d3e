/* hd-campaigns-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-campaigns"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-core-enums.h"
#include "hd-ad-set.h"
#include "hd-campaign.h"
#include "hd-store-campaigns.h"
#include "campaigns/hd-campaigns-page.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"

struct _HdCampaignsPage
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

G_DEFINE_FINAL_TYPE (HdCampaignsPage, hd_campaigns_page, ADW_TYPE_BIN)

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
describe_status (HdAdStatus status)
{
  switch (status)
    {
    case HD_AD_STATUS_ACTIVE:
      return _("Active");
    case HD_AD_STATUS_PAUSED:
      return _("Paused");
    case HD_AD_STATUS_ARCHIVED:
      return _("Archived");
    default:
      return "";
    }
}

static char *
describe_budget (HdAdSet *ad_set)
{
  g_autofree char *money = hd_format_money (hd_ad_set_get_budget_minor (ad_set),
                                            hd_ad_set_get_currency (ad_set));

  if (hd_ad_set_get_budget_kind (ad_set) == HD_BUDGET_KIND_DAILY)
    /* TRANSLATORS: a daily budget, such as "£20.00 a day" */
    return g_strdup_printf (_("%s a day"), money);

  /* TRANSLATORS: a budget for the whole flight, such as "£300.00 in total" */
  return g_strdup_printf (_("%s in total"), money);
}

static char *
describe_flight (HdAdSet *ad_set)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (hd_ad_set_get_time_zone (ad_set) != NULL)
    zone = g_time_zone_new_identifier (hd_ad_set_get_time_zone (ad_set));
  if (zone == NULL)
    zone = g_time_zone_new_local ();

  if (hd_ad_set_get_starts_at (ad_set) == 0)
    return g_strdup (_("Not scheduled yet"));

  start = hd_format_date (hd_ad_set_get_starts_at (ad_set), zone);
  if (hd_ad_set_get_ends_at (ad_set) == 0)
    /* TRANSLATORS: an ad set that runs until it is stopped, "From 3 Mar 2026" */
    return g_strdup_printf (_("From %s, no end date"), start);

  end = hd_format_date (hd_ad_set_get_ends_at (ad_set), zone);
  /* TRANSLATORS: the dates an ad set runs, such as "3 Mar 2026 – 31 Mar 2026" */
  return g_strdup_printf (_("%s – %s"), start, end);
}

static GtkWidget *
build_ad_set (HdAdSet *ad_set)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (hd_ad_set_get_name (ad_set));
  g_autofree char *budget = describe_budget (ad_set);
  g_autofree char *flight = describe_flight (ad_set);
  g_autofree char *details = g_strdup_printf ("%s · %s", budget, flight);
  GtkWidget *line = gtk_label_new (details);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (line), 0);
  gtk_label_set_wrap (GTK_LABEL (line), TRUE);
  gtk_widget_add_css_class (line, "dim-label");
  gtk_widget_add_css_class (line, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), line);

  return box;
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdCampaignsPage          *self)
{
  GtkWidget *card = new_card (GTK_ORIENTATION_VERTICAL);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *ad_sets = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *pill;

  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, card);

  gtk_box_append (GTK_BOX (card), header);
  gtk_widget_set_hexpand (add_label (header, "name", "title-4", TRUE), TRUE);
  pill = add_label (header, "pill", "hd-pill", FALSE);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  add_label (card, "objective", "dim-label", FALSE);

  gtk_widget_set_margin_top (ad_sets, 6);
  gtk_box_append (GTK_BOX (card), ad_sets);
  g_object_set_data (G_OBJECT (card), "ad-sets", ad_sets);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdCampaignsPage          *self)
{
  HdCampaign *campaign = HD_CAMPAIGN (gtk_list_item_get_item (item));
  GtkWidget *ad_sets = part (item, "ad-sets");
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *objective = NULL;
  GtkWidget *child;
  HdAdStatus status = hd_campaign_get_status (campaign);

  gtk_label_set_label (GTK_LABEL (part (item, "name")), hd_campaign_get_name (campaign));
  objective = g_strdup_printf (_("Objective: %s"),
                               hd_format_objective (hd_campaign_get_objective (campaign)));
  gtk_label_set_label (GTK_LABEL (part (item, "objective")), objective);
  hd_pill_set_state (GTK_LABEL (part (item, "pill")),
                     hd_enum_to_nick (HD_TYPE_AD_STATUS, status),
                     describe_status (status));

  while ((child = gtk_widget_get_first_child (ad_sets)) != NULL)
    gtk_box_remove (GTK_BOX (ad_sets), child);

  if (self->store != NULL)
    list = hd_store_list_ad_sets (self->store, hd_campaign_get_id (campaign), &error);
  if (list == NULL && error != NULL)
    g_warning ("Could not list ad sets: %s", error->message);

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(HdAdSet) ad_set = g_list_model_get_item (list, i);

      gtk_box_append (GTK_BOX (ad_sets), build_ad_set (ad_set));
    }
  gtk_widget_set_visible (ad_sets, gtk_widget_get_first_child (ad_sets) != NULL);
}

static void
update_visible_child (HdCampaignsPage *self)
{
  gboolean empty = self->items == NULL || g_list_model_get_n_items (self->items) == 0;


  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "content");
}

static void
reload (HdCampaignsPage *self)
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
      self->items = hd_store_list_campaigns (self->store, &error);
      if (self->items == NULL)
        g_warning ("Could not list campaigns: %s", error->message);
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
on_store_changed (HdCampaignsPage *self,
                  const char      *family)
{
  if (g_strcmp0 (family, "ad-sets") == 0)
    reload (self);
}

HdStore *
hd_campaigns_page_get_store (HdCampaignsPage *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGNS_PAGE (self), NULL);

  return self->store;
}

void
hd_campaigns_page_set_store (HdCampaignsPage *self,
                             HdStore         *store)
{
  g_return_if_fail (HD_IS_CAMPAIGNS_PAGE (self));
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
hd_campaigns_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HdCampaignsPage *self = HD_CAMPAIGNS_PAGE (object);

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
hd_campaigns_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HdCampaignsPage *self = HD_CAMPAIGNS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      hd_campaigns_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_campaigns_page_dispose (GObject *object)
{
  HdCampaignsPage *self = HD_CAMPAIGNS_PAGE (object);

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_func (self->items, update_visible_child, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);

  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_pointer (&self->channels, g_hash_table_unref);

  G_OBJECT_CLASS (hd_campaigns_page_parent_class)->dispose (object);
}

static void
hd_campaigns_page_class_init (HdCampaignsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_campaigns_page_get_property;
  object_class->set_property = hd_campaigns_page_set_property;
  object_class->dispose = hd_campaigns_page_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/campaigns/hd-campaigns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, list_view);
}

static void
hd_campaigns_page_init (HdCampaignsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);

  update_visible_child (self);
}
