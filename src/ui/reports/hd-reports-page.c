/* hd-reports-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-reports"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-ad-set.h"
#include "hd-campaign.h"
#include "hd-channel.h"
#include "hd-metric.h"
#include "hd-store-campaigns.h"
#include "hd-store-channels.h"
#include "hd-store-metrics.h"
#include "reports/hd-reports-page.h"
#include "widgets/hd-format.h"

/* Platforms keep detailed insights for about a month; four whole weeks compare fairly. */
#define REPORT_DAYS 28

struct _HdReportsPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack *stack;
  GtkBox   *groups_box;

  /* owned references */
  HdStore  *store;
};

G_DEFINE_FINAL_TYPE (HdReportsPage, hd_reports_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Adds the per-channel sums of @name to @totals, keyed by channel id. */
static void
add_sums (HdStore    *store,
          const char *name,
          gint64      from,
          gint64      to,
          GHashTable *totals)
{
  g_autoptr(GListModel) sums = NULL;
  g_autoptr(GError) error = NULL;

  sums = hd_store_sum_metric_by_channel (store, name, from, to, &error);
  if (sums == NULL)
    {
      g_warning ("Could not add up %s: %s", name, error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (sums); i++)
    {
      g_autoptr(HdMetric) metric = g_list_model_get_item (sums, i);
      const char *id = hd_metric_get_subject_id (metric);
      gint64 total = GPOINTER_TO_SIZE (g_hash_table_lookup (totals, id));

      g_hash_table_insert (totals, g_strdup (id),
                           GSIZE_TO_POINTER ((gsize) (total + hd_metric_get_value (metric))));
    }
}

static GtkWidget *
new_value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");

  return label;
}

static gboolean
build_channel_group (HdReportsPage *self,
                     gint64         from,
                     gint64         to)
{
  g_autoptr(GHashTable) impressions = NULL;
  g_autoptr(GHashTable) engagements = NULL;
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *group;
  gboolean any = FALSE;

  channels = hd_store_list_channels (self->store, &error);
  if (channels == NULL)
    {
      g_warning ("Could not list channels: %s", error->message);
      return FALSE;
    }

  impressions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  engagements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_sums (self->store, HD_METRIC_IMPRESSIONS, from, to, impressions);
  add_sums (self->store, HD_METRIC_REACTIONS, from, to, engagements);
  add_sums (self->store, HD_METRIC_REPLIES, from, to, engagements);
  add_sums (self->store, HD_METRIC_REPOSTS, from, to, engagements);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Channels"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Over the last 28 days. Engagements are reactions, "
                                           "replies and reposts."));

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);
      const char *id = hd_channel_get_id (channel);
      gint64 seen = GPOINTER_TO_SIZE (g_hash_table_lookup (impressions, id));
      gint64 engaged = GPOINTER_TO_SIZE (g_hash_table_lookup (engagements, id));
      g_autofree char *seen_count = hd_format_count (seen);
      g_autofree char *engaged_count = hd_format_count (engaged);
      g_autofree char *seen_text = NULL;
      g_autofree char *engaged_text = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *values = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *icon;

      seen_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s impression",
                                                "%s impressions", seen),
                                   seen_count);
      engaged_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s engagement",
                                                   "%s engagements", engaged),
                                      engaged_count);

      any = any || seen > 0 || engaged > 0;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     hd_channel_get_display_name (channel));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   hd_channel_kind_to_label (hd_channel_get_kind (channel)));
      icon = gtk_image_new_from_icon_name (
        hd_channel_kind_icon_name (hd_channel_get_kind (channel)));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      gtk_widget_set_valign (values, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (values), new_value_label (seen_text));
      gtk_box_append (GTK_BOX (values), new_value_label (engaged_text));
      gtk_widget_add_css_class (gtk_widget_get_last_child (values), "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), values);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  gtk_box_append (self->groups_box, group);
  if (g_list_model_get_n_items (channels) == 0)
    gtk_box_remove (self->groups_box, group);

  return any;
}

/* The currency a campaign spends in is its ad sets'; they share one ad account. */
static char *
campaign_currency (HdStore    *store,
                   const char *campaign_id)
{
  g_autoptr(GListModel) ad_sets = hd_store_list_ad_sets (store, campaign_id, NULL);
  g_autoptr(HdAdSet) first = NULL;

  if (ad_sets == NULL || g_list_model_get_n_items (ad_sets) == 0)
    return NULL;

  first = g_list_model_get_item (ad_sets, 0);
  return g_strdup (hd_ad_set_get_currency (first));
}

static gboolean
build_spend_group (HdReportsPage *self,
                   gint64         from,
                   gint64         to)
{
  g_autoptr(GListModel) sums = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *group;
  guint n_rows = 0;

  sums = hd_store_sum_metric_by_campaign (self->store, HD_METRIC_SPEND, from, to, &error);
  if (sums == NULL)
    {
      g_warning ("Could not add up campaign spend: %s", error->message);
      return FALSE;
    }

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Campaign spend"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("What each campaign spent over the last 28 days."));

  for (guint i = 0; i < g_list_model_get_n_items (sums); i++)
    {
      g_autoptr(HdMetric) metric = g_list_model_get_item (sums, i);
      g_autoptr(HdCampaign) campaign = NULL;
      g_autofree char *currency = NULL;
      g_autofree char *money = NULL;
      GtkWidget *row;

      campaign = hd_store_load_campaign (self->store, hd_metric_get_subject_id (metric), NULL);
      if (campaign == NULL)
        continue;

      currency = campaign_currency (self->store, hd_campaign_get_id (campaign));
      money = hd_format_money (hd_metric_get_value (metric), currency);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hd_campaign_get_name (campaign));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   hd_format_objective (hd_campaign_get_objective (campaign)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_value_label (money));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n_rows++;
    }

  gtk_box_append (self->groups_box, group);
  if (n_rows == 0)
    gtk_box_remove (self->groups_box, group);

  return n_rows > 0;
}

static void
reload (HdReportsPage *self)
{
  GtkWidget *child;
  gboolean any = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  if (self->store != NULL)
    {
      gint64 to = g_get_real_time () / G_USEC_PER_SEC;
      gint64 from = to - (gint64) REPORT_DAYS * 86400;
      gboolean channels_any = build_channel_group (self, from, to);
      gboolean spend_any = build_spend_group (self, from, to);

      any = channels_any || spend_any;
    }

  gtk_stack_set_visible_child_name (self->stack, any ? "content" : "empty");
}

static void
on_store_changed (HdReportsPage *self,
                  const char    *family)
{
  if (g_strcmp0 (family, "metrics") == 0 ||
      g_strcmp0 (family, "channels") == 0 ||
      g_strcmp0 (family, "campaigns") == 0)
    reload (self);
}

HdStore *
hd_reports_page_get_store (HdReportsPage *self)
{
  g_return_val_if_fail (HD_IS_REPORTS_PAGE (self), NULL);

  return self->store;
}

void
hd_reports_page_set_store (HdReportsPage *self,
                           HdStore       *store)
{
  g_return_if_fail (HD_IS_REPORTS_PAGE (self));
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
hd_reports_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HdReportsPage *self = HD_REPORTS_PAGE (object);

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
hd_reports_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HdReportsPage *self = HD_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      hd_reports_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_reports_page_dispose (GObject *object)
{
  HdReportsPage *self = HD_REPORTS_PAGE (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_reports_page_parent_class)->dispose (object);
}

static void
hd_reports_page_class_init (HdReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_reports_page_get_property;
  object_class->set_property = hd_reports_page_set_property;
  object_class->dispose = hd_reports_page_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/reports/hd-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdReportsPage, groups_box);
}

static void
hd_reports_page_init (HdReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_stack_set_visible_child_name (self->stack, "empty");
}
