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
#include "hd-application.h"
#include "hd-campaign.h"
#include "hd-channel.h"
#include "hd-meta-ads.h"
#include "hd-provider.h"
#include "hd-store-campaigns.h"
#include "hd-store-channels.h"
#include "hd-store-metrics.h"
#include "campaigns/hd-campaigns-page.h"
#include "widgets/hd-format.h"
#include "widgets/hd-post-row.h"

struct _HdCampaignsPage
{
  AdwBin parent_instance;

  /* template widgets */
  AdwLeaflet        *leaflet;
  GtkLabel          *accounts_label;
  GtkLabel          *fetch_status_label;
  GtkLabel          *empty_status_label;
  GtkStack          *stack;
  AdwStatusPage     *status_page;
  GtkButton         *status_button;
  GtkListView       *list_view;
  HdCampaignEditor  *editor;
  HdCampaignResults *results;

  /* owned references */
  HdStore            *store;
  GListModel         *items;
  GHashTable         *channels;
  GSimpleActionGroup *actions;
  GCancellable       *cancellable;
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

static void
show_spend (HdCampaignsPage *self,
            HdCampaign      *campaign,
            GtkLabel        *label)
{
  g_autoptr(GListModel) ad_sets = NULL;
  g_autoptr(HdAdSet) first = NULL;
  g_autofree char *money = NULL;
  g_autofree char *text = NULL;
  gint64 spent = 0;

  if (self->store != NULL)
    {
      hd_store_sum_metric (self->store, HD_METRIC_SUBJECT_CAMPAIGN, hd_campaign_get_id (campaign),
                           HD_METRIC_SPEND, 0, G_MAXINT64, &spent, NULL);
      ad_sets = hd_store_list_ad_sets (self->store, hd_campaign_get_id (campaign), NULL);
    }
  if (ad_sets != NULL && g_list_model_get_n_items (ad_sets) > 0)
    first = g_list_model_get_item (ad_sets, 0);

  if (hd_campaign_get_remote_id (campaign) == NULL)
    text = g_strdup (_("Not sent to Meta yet"));
  else if (first != NULL && hd_ad_set_get_currency (first) != NULL)
    {
      money = hd_format_money (spent, hd_ad_set_get_currency (first));
      /* TRANSLATORS: what a campaign has cost until now, "£120.00 spent so far" */
      text = g_strdup_printf (_("%s spent so far"), money);
    }

  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
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

  gtk_list_item_set_activatable (item, TRUE);
  gtk_list_item_set_child (item, card);

  gtk_box_append (GTK_BOX (card), header);
  gtk_widget_set_hexpand (add_label (header, "name", "title-4", TRUE), TRUE);
  pill = add_label (header, "pill", "hd-pill", FALSE);
  gtk_widget_set_valign (pill, GTK_ALIGN_CENTER);
  add_label (card, "objective", "dim-label", FALSE);
  add_label (card, "spend", "numeric", FALSE);

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
  show_spend (self, campaign, GTK_LABEL (part (item, "spend")));
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

static HdChannel *
find_facebook_channel (HdCampaignsPage *self)
{
  g_autoptr(GListModel) channels = NULL;

  if (self->store == NULL)
    return NULL;

  channels = hd_store_list_channels (self->store, NULL);
  for (guint i = 0; channels != NULL && i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      if (hd_channel_get_kind (channel) == HD_CHANNEL_KIND_FACEBOOK_PAGE
          && hd_channel_get_base_url (channel) != NULL)
        return g_steal_pointer (&channel);
    }

  return NULL;
}

static guint
count_accounts (HdCampaignsPage *self)
{
  g_autoptr(GListModel) accounts = NULL;

  if (self->store != NULL)
    accounts = hd_store_list_ad_accounts (self->store, NULL, NULL);

  return accounts != NULL ? g_list_model_get_n_items (accounts) : 0;
}

static void
set_status_button (HdCampaignsPage *self,
                   const char      *label,
                   const char      *action_name,
                   GVariant        *target)
{
  gtk_button_set_label (self->status_button, label);
  gtk_button_set_use_underline (self->status_button, TRUE);
  /* The old action goes before the target changes, so the pair never mismatches. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->status_button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), action_name);
}

static void
update_visible_child (HdCampaignsPage *self)
{
  gboolean empty = self->items == NULL || g_list_model_get_n_items (self->items) == 0;
  g_autoptr(HdChannel) facebook = find_facebook_channel (self);
  g_autofree char *accounts_text = NULL;
  guint n_accounts = count_accounts (self);

  if (n_accounts == 0)
    accounts_text = g_strdup (_("No ad account yet"));
  else
    /* TRANSLATORS: how many Meta ad accounts Herald knows, above the campaigns */
    accounts_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ad account",
                                                  "%u ad accounts", n_accounts), n_accounts);
  gtk_label_set_label (self->accounts_label, accounts_text);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                 G_ACTION_MAP (self->actions), "fetch-accounts")),
                               facebook != NULL);

  if (empty && n_accounts == 0)
    {
      adw_status_page_set_title (self->status_page, _("Connect Facebook to Run Ads"));
      if (facebook != NULL)
        {
          adw_status_page_set_description (self->status_page,
                                           _("Ads run from the ad accounts of the Facebook "
                                             "user you connected. Fetch them to get each "
                                             "account’s currency, time zone and minimum "
                                             "budgets."));
          set_status_button (self, _("_Fetch Ad Accounts"), "campaigns.fetch-accounts", NULL);
        }
      else
        {
          adw_status_page_set_description (self->status_page,
                                           _("Ads run from the ad accounts of the Facebook "
                                             "user you connect. Connect Facebook on the "
                                             "Channels page first; you can draft campaigns "
                                             "meanwhile."));
          set_status_button (self, _("_Connect Facebook"), "win.show-page",
                             g_variant_new_string ("channels"));
        }
    }
  else
    {
      adw_status_page_set_title (self->status_page, _("No Campaigns Yet"));
      adw_status_page_set_description (self->status_page,
                                       _("A campaign has an objective, a budget and the "
                                         "people it reaches. Draft one here and send it to "
                                         "Meta when it’s ready."));
      set_status_button (self, _("_New Campaign"), "campaigns.new", NULL);
    }

  /* The editor opens from the empty page too: the page stays empty only on the list. */
  gtk_stack_set_visible_child_name (self->stack,
                                    empty && g_strcmp0 (adw_leaflet_get_visible_child_name (
                                                          self->leaflet), "list") == 0
                                    ? "empty" : "content");
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
  if (g_strcmp0 (family, HD_STORE_FAMILY_AD_SETS) == 0
      || g_strcmp0 (family, HD_STORE_FAMILY_CAMPAIGNS) == 0
      || g_strcmp0 (family, HD_STORE_FAMILY_AD_ACCOUNTS) == 0
      || g_strcmp0 (family, HD_STORE_FAMILY_CHANNELS) == 0
      || g_strcmp0 (family, HD_STORE_FAMILY_METRICS) == 0)
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

  hd_campaign_editor_set_store (self->editor, store);
  hd_campaign_results_set_store (self->results, store);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
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

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->items);
  g_clear_object (&self->store);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->channels, g_hash_table_unref);

  G_OBJECT_CLASS (hd_campaigns_page_parent_class)->dispose (object);
}

/* Navigation */

void
hd_campaigns_page_edit (HdCampaignsPage *self,
                        HdCampaign      *campaign)
{
  g_return_if_fail (HD_IS_CAMPAIGNS_PAGE (self));
  g_return_if_fail (campaign == NULL || HD_IS_CAMPAIGN (campaign));

  hd_campaign_editor_edit (self->editor, campaign);
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
  update_visible_child (self);
  gtk_widget_grab_focus (GTK_WIDGET (hd_campaign_editor_get_name_editable (self->editor)));
}

void
hd_campaigns_page_show_results (HdCampaignsPage *self,
                                HdCampaign      *campaign)
{
  g_return_if_fail (HD_IS_CAMPAIGNS_PAGE (self));
  g_return_if_fail (HD_IS_CAMPAIGN (campaign));

  hd_campaign_results_show_campaign (self->results, campaign);
  adw_leaflet_set_visible_child_name (self->leaflet, "results");
  update_visible_child (self);
}

HdCampaignEditor *
hd_campaigns_page_get_editor (HdCampaignsPage *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGNS_PAGE (self), NULL);

  return self->editor;
}

HdCampaignResults *
hd_campaigns_page_get_results (HdCampaignsPage *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGNS_PAGE (self), NULL);

  return self->results;
}

const char *
hd_campaigns_page_get_view (HdCampaignsPage *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGNS_PAGE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0)
    return "list";

  return adw_leaflet_get_visible_child_name (self->leaflet);
}

GActionGroup *
hd_campaigns_page_get_action_group (HdCampaignsPage *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGNS_PAGE (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

static void
on_list_activate (HdCampaignsPage *self,
                  guint            position)
{
  g_autoptr(HdCampaign) campaign = g_list_model_get_item (self->items, position);

  if (campaign != NULL)
    hd_campaigns_page_edit (self, campaign);
}

static void
on_editor_back (HdCampaignsPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  reload (self);
}

static void
on_results_back (HdCampaignsPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

static void
new_action (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  hd_campaigns_page_edit (HD_CAMPAIGNS_PAGE (user_data), NULL);
}

/* Fetching the ad accounts */

typedef struct
{
  HdCampaignsPage *self;
  HdMetaAds       *meta;
  GPtrArray       *accounts;
  guint            next;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->self);
  g_clear_object (&fetch->meta);
  g_clear_pointer (&fetch->accounts, g_ptr_array_unref);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_free)

static void
set_fetch_status (HdCampaignsPage *self,
                  const char      *text)
{
  gtk_label_set_label (self->fetch_status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->fetch_status_label), text != NULL);
  gtk_label_set_label (self->empty_status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->empty_status_label), text != NULL);
}

static char *
describe_fetch_error (const GError *error)
{
  /* A sign-in without ads_management and ads_read reaches the Page but not its ad accounts:
   * Graph refuses with a permission error (code 10 or 200–299), which arrives as invalid. */
  if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID))
    return g_strdup_printf (_("Meta refused to list the ad accounts (“%s”). The Facebook "
                              "sign-in needs the ads_management and ads_read permissions: "
                              "reconnect the Facebook channel and allow them."),
                            error->message);

  if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT)
      || g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED))
    return g_strdup_printf (_("Herald could not reach Meta just now (%s). Try again in a "
                              "moment."), error->message);

  return g_strdup (error->message);
}

static void fetch_next_minimum (Fetch *fetch);

static void
store_accounts (Fetch *fetch)
{
  HdCampaignsPage *self = fetch->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (!hd_store_replace_ad_accounts (self->store,
                                     hd_channel_get_id (hd_meta_ads_get_channel (fetch->meta)),
                                     fetch->accounts, &error))
    {
      set_fetch_status (self, error->message);
      return;
    }

  if (fetch->accounts->len == 0)
    set_fetch_status (self, _("The connected Facebook user has no ad accounts. Make one in "
                              "Meta Business Suite, then fetch again."));
  else
    {
      done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Found %u ad account.",
                                           "Found %u ad accounts.", fetch->accounts->len),
                              fetch->accounts->len);
      set_fetch_status (self, done);
    }
  reload (self);
}

static void
fetch_minimum_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_meta_ads_fetch_minimum_budgets_finish (HD_META_ADS (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          fetch_free (fetch);
          return;
        }
      /* Without the account's own figures the documented defaults apply; not worth
       * stopping for. */
      g_debug ("No minimum budgets: %s", error->message);
    }

  fetch_next_minimum (fetch);
}

static void
fetch_next_minimum (Fetch *fetch)
{
  if (fetch->next >= fetch->accounts->len)
    {
      store_accounts (fetch);
      fetch_free (fetch);
      return;
    }

  hd_meta_ads_fetch_minimum_budgets_async (fetch->meta,
                                           g_ptr_array_index (fetch->accounts, fetch->next++),
                                           fetch->self->cancellable, fetch_minimum_cb, fetch);
}

static void
list_accounts_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  fetch->accounts = hd_meta_ads_list_ad_accounts_finish (HD_META_ADS (object), result, &error);
  if (fetch->accounts == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      sentence = describe_fetch_error (error);
      set_fetch_status (fetch->self, sentence);
      return;
    }

  fetch_next_minimum (g_steal_pointer (&fetch));
}

static HdApplication *
get_application (HdCampaignsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                             : NULL;

  return HD_IS_APPLICATION (app) ? HD_APPLICATION (app) : NULL;
}

static void
fetch_accounts_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  HdCampaignsPage *self = HD_CAMPAIGNS_PAGE (user_data);
  HdApplication *app = get_application (self);
  g_autoptr(HdChannel) facebook = find_facebook_channel (self);
  Fetch *fetch;

  if (app == NULL || self->store == NULL)
    return;

  if (facebook == NULL)
    {
      set_fetch_status (self, _("Connect Facebook on the Channels page first: ads run from "
                                "the ad accounts of its user."));
      return;
    }

  if (!g_network_monitor_get_network_available (hd_application_get_network_monitor (app)))
    {
      set_fetch_status (self, _("You’re offline. Fetch the ad accounts once Herald is back "
                                "online."));
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  fetch = g_new0 (Fetch, 1);
  fetch->self = g_object_ref (self);
  fetch->meta = hd_meta_ads_new (hd_application_get_http (app), self->store, facebook);
  set_fetch_status (self, _("Fetching the ad accounts from Meta…"));
  hd_meta_ads_list_ad_accounts_async (fetch->meta, self->cancellable, list_accounts_cb, fetch);
}

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
                                       "/io/github/heraldapp/Herald/campaigns/hd-campaigns.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled = display;
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
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, accounts_label);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, fetch_status_label);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, empty_status_label);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, status_button);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, editor);
  gtk_widget_class_bind_template_child (widget_class, HdCampaignsPage, results);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "campaigns.new",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "campaigns.fetch-accounts", NULL);
}

static void
hd_campaigns_page_init (HdCampaignsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  static const GActionEntry entries[] = {
    { "new", new_action },
    { "fetch-accounts", fetch_accounts_action },
  };

  g_type_ensure (HD_TYPE_CAMPAIGN_EDITOR);
  g_type_ensure (HD_TYPE_CAMPAIGN_RESULTS);
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css ();

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries),
                                   self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "campaigns",
                                  G_ACTION_GROUP (self->actions));

  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (update_visible_child), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_list_activate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "back", G_CALLBACK (on_editor_back), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "show-results", G_CALLBACK (hd_campaigns_page_show_results),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->results, "back", G_CALLBACK (on_results_back), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);

  update_visible_child (self);
}
