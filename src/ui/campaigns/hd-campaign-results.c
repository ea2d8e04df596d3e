/* hd-campaign-results.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-campaigns"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hd-ad-set.h"
#include "hd-application.h"
#include "hd-budget.h"
#include "hd-meta-ads.h"
#include "hd-metric.h"
#include "hd-money.h"
#include "hd-store-campaigns.h"
#include "hd-store-channels.h"
#include "hd-store-metrics.h"
#include "campaigns/hd-campaign-results.h"
#include "widgets/hd-chart.h"
#include "widgets/hd-format.h"

struct _HdCampaignResults
{
  AdwBin parent_instance;

  /* widgets */
  GtkLabel      *title_label;
  GtkWidget     *fetch_button;
  GtkStack      *stack;
  GtkLabel      *status_label;
  GtkLevelBar   *spend_bar;
  GtkLabel      *spend_label;
  GtkWidget     *pace_row;
  HdChart       *chart;
  GHashTable    *total_labels;

  /* owned references */
  HdStore       *store;
  HdCampaign    *campaign;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (HdCampaignResults, hd_campaign_results, ADW_TYPE_BIN)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char   *currency;
  char   *time_zone;
  gint64  starts_at;
  gint64  ends_at;
  /* every ad set has a budget for the whole flight: the pace can overrun it */
  gboolean all_lifetime;
  gint64  lifetime_minor;
  /* what the ad sets may spend on one day together */
  gint64  daily_minor;
  /* what the whole flight may cost; 0 when an ad set has no end */
  gint64  total_minor;
} Budget;

static void
budget_clear (Budget *budget)
{
  g_free (budget->currency);
  g_free (budget->time_zone);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Budget, budget_clear)

static void
set_status (HdCampaignResults *self,
            const char        *text)
{
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
read_budget (HdCampaignResults *self,
             Budget            *budget)
{
  g_autoptr(GListModel) ad_sets = NULL;
  gboolean open_ended = FALSE;
  guint n_items;

  memset (budget, 0, sizeof *budget);
  ad_sets = hd_store_list_ad_sets (self->store, hd_campaign_get_id (self->campaign), NULL);
  n_items = ad_sets != NULL ? g_list_model_get_n_items (ad_sets) : 0;
  budget->all_lifetime = n_items > 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(HdAdSet) ad_set = g_list_model_get_item (ad_sets, i);
      gint64 minor = hd_ad_set_get_budget_minor (ad_set);
      gint64 starts_at = hd_ad_set_get_starts_at (ad_set);
      gint64 ends_at = hd_ad_set_get_ends_at (ad_set);
      guint days = starts_at > 0 && ends_at > 0
                   ? hd_budget_count_days (starts_at, ends_at, hd_ad_set_get_time_zone (ad_set))
                   : 0;

      if (budget->currency == NULL)
        budget->currency = g_strdup (hd_ad_set_get_currency (ad_set));
      if (budget->time_zone == NULL)
        budget->time_zone = g_strdup (hd_ad_set_get_time_zone (ad_set));
      if (starts_at > 0 && (budget->starts_at == 0 || starts_at < budget->starts_at))
        budget->starts_at = starts_at;
      if (ends_at > budget->ends_at)
        budget->ends_at = ends_at;
      open_ended |= ends_at <= 0;

      if (hd_ad_set_get_budget_kind (ad_set) == HD_BUDGET_KIND_LIFETIME)
        {
          budget->lifetime_minor += minor;
          budget->total_minor += minor;
          budget->daily_minor += days > 0 ? minor / days : 0;
        }
      else
        {
          budget->all_lifetime = FALSE;
          budget->daily_minor += minor;
          budget->total_minor += minor * days;
        }
    }

  if (open_ended)
    budget->total_minor = 0;
}

static char *
format_day (gint64      instant,
            const char *time_zone)
{
  g_autoptr(GTimeZone) zone = time_zone != NULL ? g_time_zone_new_identifier (time_zone) : NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = NULL;

  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d");
}

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Spend so far over the days gone, times the days of the flight, against the budget for the
 * whole flight. */
static char *
describe_pace (const Budget *budget,
               gint64        spent)
{
  gint64 today = now ();
  guint days_total, days_gone;
  gint64 per_day;
  guint days_to_spend;
  g_autofree char *per_day_text = NULL;
  g_autofree char *budget_text = NULL;

  if (!budget->all_lifetime || budget->lifetime_minor <= 0 || budget->starts_at <= 0
      || budget->ends_at <= 0 || spent <= 0 || today <= budget->starts_at)
    return NULL;

  days_total = hd_budget_count_days (budget->starts_at, budget->ends_at, budget->time_zone);
  days_gone = hd_budget_count_days (budget->starts_at, MIN (today, budget->ends_at),
                                    budget->time_zone);
  if (days_gone == 0 || days_total == 0 || days_gone >= days_total)
    return NULL;

  if ((double) spent / days_gone * days_total <= (double) budget->lifetime_minor)
    return NULL;

  per_day = spent / days_gone;
  days_to_spend = per_day > 0 ? (guint) (budget->lifetime_minor / per_day) : days_total;
  per_day_text = hd_format_money (per_day, budget->currency);
  budget_text = hd_format_money (budget->lifetime_minor, budget->currency);

  /* TRANSLATORS: "At £40.00 a day, the £280.00 for the whole flight runs out after 7 of its
   * 14 days. Lower the pace or raise the budget." */
  return g_strdup_printf (_("At %s a day, the %s for the whole flight runs out after %u of its "
                            "%u days. Lower the pace or raise the budget."),
                          per_day_text, budget_text, days_to_spend, days_total);
}

static void
show_total (HdCampaignResults *self,
            const char        *metric,
            const char        *text)
{
  gtk_label_set_label (g_hash_table_lookup (self->total_labels, metric), text);
}

static gint64
sum (HdCampaignResults *self,
     const char        *metric)
{
  gint64 total = 0;

  if (!hd_store_sum_metric (self->store, HD_METRIC_SUBJECT_CAMPAIGN,
                            hd_campaign_get_id (self->campaign), metric, 0, G_MAXINT64, &total,
                            NULL))
    return 0;

  return total;
}

static void
fill_totals (HdCampaignResults *self,
             const char        *currency,
             gint64             spent)
{
  gint64 impressions = sum (self, HD_METRIC_IMPRESSIONS);
  gint64 reach = sum (self, HD_CAMPAIGN_METRIC_REACH);
  gint64 clicks = sum (self, HD_CAMPAIGN_METRIC_CLICKS);
  g_autofree char *impressions_text = hd_format_count (impressions);
  g_autofree char *reach_text = hd_format_count (reach);
  g_autofree char *clicks_text = hd_format_count (clicks);
  g_autofree char *ctr_text = NULL;
  g_autofree char *cpc_text = NULL;

  show_total (self, "impressions", impressions_text);
  /* Reach does not add up over days (the same person on two days); the sum is an upper
   * bound, and says so. */
  if (reach > 0)
    {
      /* TRANSLATORS: the sum of daily reach, "at most 12,400" */
      g_autofree char *at_most = g_strdup_printf (_("at most %s"), reach_text);

      show_total (self, "reach", at_most);
    }
  else
    show_total (self, "reach", reach_text);
  show_total (self, "clicks", clicks_text);

  /* TRANSLATORS: click-through rate, "1.25%" */
  ctr_text = impressions > 0 ? g_strdup_printf (_("%.2f%%"), 100.0 * clicks / impressions)
                             : g_strdup ("—");
  show_total (self, "ctr", ctr_text);
  cpc_text = clicks > 0 && currency != NULL ? hd_format_money (spent / clicks, currency)
                                            : g_strdup ("—");
  show_total (self, "cpc", cpc_text);
}

void
hd_campaign_results_reload (HdCampaignResults *self)
{
  g_auto(Budget) budget = { 0 };
  g_autoptr(GListModel) days = NULL;
  g_autoptr(GArray) instants = NULL;
  g_autoptr(GArray) values = NULL;
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *spent_text = NULL;
  g_autofree char *spend_sentence = NULL;
  g_autofree char *pace = NULL;
  gint64 spent = 0;

  g_return_if_fail (HD_IS_CAMPAIGN_RESULTS (self));

  if (self->campaign == NULL || self->store == NULL)
    return;

  gtk_label_set_label (self->title_label, hd_campaign_get_name (self->campaign));
  if (hd_campaign_get_remote_id (self->campaign) == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "unsent");
      gtk_widget_set_sensitive (self->fetch_button, FALSE);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "results");
  gtk_widget_set_sensitive (self->fetch_button, TRUE);

  read_budget (self, &budget);
  first_day = format_day (budget.starts_at > 0 ? budget.starts_at : now () - 30 * 86400,
                          budget.time_zone);
  last_day = format_day (now (), budget.time_zone);
  days = hd_store_list_daily_insights (self->store, HD_METRIC_SUBJECT_CAMPAIGN,
                                       hd_campaign_get_id (self->campaign), HD_METRIC_SPEND,
                                       first_day, last_day, NULL);

  instants = g_array_new (FALSE, FALSE, sizeof (gint64));
  values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; days != NULL && i < g_list_model_get_n_items (days); i++)
    {
      g_autoptr(HdMetric) metric = g_list_model_get_item (days, i);
      gint64 instant = hd_metric_get_measured_at (metric);
      double value = hd_metric_get_value (metric);

      spent += hd_metric_get_value (metric);
      g_array_append_val (instants, instant);
      g_array_append_val (values, value);
    }

  hd_chart_clear (self->chart);
  if (budget.currency != NULL)
    hd_chart_set_money (self->chart, budget.currency);
  hd_chart_add_series (self->chart, _("Spend"), (const gint64 *) instants->data,
                       (const double *) values->data, instants->len);
  if (budget.daily_minor > 0)
    hd_chart_set_reference (self->chart, _("Daily budget"), budget.daily_minor);
  else
    hd_chart_unset_reference (self->chart);

  spent_text = budget.currency != NULL ? hd_format_money (spent, budget.currency)
                                       : g_strdup_printf ("%" G_GINT64_FORMAT, spent);
  if (budget.total_minor > 0)
    {
      g_autofree char *total_text = hd_format_money (budget.total_minor, budget.currency);

      /* TRANSLATORS: "£120.00 of £280.00 spent" */
      spend_sentence = g_strdup_printf (_("%s of %s spent"), spent_text, total_text);
      gtk_level_bar_set_value (self->spend_bar,
                               MIN (1.0, (double) spent / (double) budget.total_minor));
      gtk_widget_set_visible (GTK_WIDGET (self->spend_bar), TRUE);
    }
  else
    {
      /* TRANSLATORS: spend of a campaign without an end, "£120.00 spent so far" */
      spend_sentence = g_strdup_printf (_("%s spent so far"), spent_text);
      gtk_widget_set_visible (GTK_WIDGET (self->spend_bar), FALSE);
    }
  gtk_label_set_label (self->spend_label, spend_sentence);

  pace = describe_pace (&budget, spent);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pace_row), pace != NULL ? pace : "");
  gtk_widget_set_visible (self->pace_row, pace != NULL);

  fill_totals (self, budget.currency, spent);
}

/* Fetching */

static void
put_day (HdCampaignResults *self,
         const char        *channel_id,
         HdMetaInsightsDay *day)
{
  const struct { const char *name; gint64 value; } values[] = {
    { HD_METRIC_SPEND, day->spend },
    { HD_METRIC_IMPRESSIONS, day->impressions },
    { HD_CAMPAIGN_METRIC_REACH, day->reach },
    { HD_CAMPAIGN_METRIC_CLICKS, day->clicks },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;

      if (values[i].value < 0)
        continue;
      if (!hd_store_put_daily_insight (self->store, HD_METRIC_SUBJECT_CAMPAIGN,
                                       hd_campaign_get_id (self->campaign), channel_id,
                                       day->date, values[i].name, values[i].value, &error))
        g_warning ("Could not keep the results of %s: %s", day->date, error->message);
    }
}

static void
fetch_insights_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  HdMetaAds *meta = HD_META_ADS (object);
  g_autoptr(HdCampaignResults) self = user_data;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GError) error = NULL;

  days = hd_meta_ads_fetch_insights_finish (meta, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (self->fetch_button, TRUE);
  if (days == NULL)
    {
      set_status (self, error->message);
      return;
    }

  for (guint i = 0; i < days->len; i++)
    put_day (self, hd_channel_get_id (hd_meta_ads_get_channel (meta)),
             g_ptr_array_index (days, i));

  set_status (self, days->len == 0 ? _("Meta has no results for this campaign yet.") : NULL);
  hd_campaign_results_reload (self);
}

static HdApplication *
get_application (HdCampaignResults *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                             : NULL;

  return HD_IS_APPLICATION (app) ? HD_APPLICATION (app) : NULL;
}

static void
fetch_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HdCampaignResults *self = HD_CAMPAIGN_RESULTS (widget);
  HdApplication *app = get_application (self);
  g_autoptr(HdAdAccount) account = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdMetaAds) meta = NULL;
  g_auto(Budget) budget = { 0 };
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;

  if (self->campaign == NULL || hd_campaign_get_remote_id (self->campaign) == NULL)
    return;

  if (app == NULL
      || !g_network_monitor_get_network_available (hd_application_get_network_monitor (app)))
    {
      set_status (self, _("You’re offline. Results can be fetched once Herald is back "
                          "online; the ones fetched before are shown."));
      return;
    }

  if (hd_campaign_get_account_id (self->campaign) != NULL)
    account = hd_store_load_ad_account (self->store, hd_campaign_get_account_id (self->campaign),
                                        NULL);
  if (account != NULL && hd_ad_account_get_channel_id (account) != NULL)
    channel = hd_store_load_channel (self->store, hd_ad_account_get_channel_id (account), NULL);
  if (channel == NULL || hd_channel_get_base_url (channel) == NULL)
    {
      set_status (self, _("The Facebook channel of this campaign’s ad account is gone. "
                          "Connect Facebook again on the Channels page."));
      return;
    }

  read_budget (self, &budget);
  since = format_day (budget.starts_at > 0 ? budget.starts_at : now (),
                      hd_ad_account_get_time_zone (account));
  until = format_day (budget.ends_at > 0 ? MIN (budget.ends_at, now ()) : now (),
                      hd_ad_account_get_time_zone (account));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  meta = hd_meta_ads_new (hd_application_get_http (app), self->store, channel);
  set_status (self, _("Fetching results from Meta…"));
  gtk_widget_set_sensitive (self->fetch_button, FALSE);
  hd_meta_ads_fetch_insights_async (meta, hd_campaign_get_remote_id (self->campaign),
                                    hd_ad_account_get_currency (account), since, until,
                                    self->cancellable, fetch_insights_cb, g_object_ref (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

GtkWidget *
hd_campaign_results_new (void)
{
  return g_object_new (HD_TYPE_CAMPAIGN_RESULTS, NULL);
}

void
hd_campaign_results_set_store (HdCampaignResults *self,
                               HdStore           *store)
{
  g_return_if_fail (HD_IS_CAMPAIGN_RESULTS (self));

  g_set_object (&self->store, store);
}

void
hd_campaign_results_show_campaign (HdCampaignResults *self,
                                   HdCampaign        *campaign)
{
  g_return_if_fail (HD_IS_CAMPAIGN_RESULTS (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->campaign, campaign);
  set_status (self, NULL);
  hd_campaign_results_reload (self);
}

const char *
hd_campaign_results_get_spend_text (HdCampaignResults *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN_RESULTS (self), NULL);

  return gtk_label_get_label (self->spend_label);
}

const char *
hd_campaign_results_get_pace_warning (HdCampaignResults *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN_RESULTS (self), NULL);

  return gtk_widget_get_visible (self->pace_row)
         ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->pace_row)) : NULL;
}

const char *
hd_campaign_results_get_total (HdCampaignResults *self,
                               const char        *metric)
{
  GtkLabel *label;

  g_return_val_if_fail (HD_IS_CAMPAIGN_RESULTS (self), NULL);

  label = g_hash_table_lookup (self->total_labels, metric);

  return label != NULL ? gtk_label_get_label (label) : NULL;
}

const char *
hd_campaign_results_get_status (HdCampaignResults *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN_RESULTS (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
         ? gtk_label_get_label (self->status_label) : NULL;
}

static void
hd_campaign_results_dispose (GObject *object)
{
  HdCampaignResults *self = HD_CAMPAIGN_RESULTS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->campaign);
  g_clear_pointer (&self->total_labels, g_hash_table_unref);

  G_OBJECT_CLASS (hd_campaign_results_parent_class)->dispose (object);
}

static void
hd_campaign_results_class_init (HdCampaignResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_campaign_results_dispose;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "results.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "results.fetch", NULL, fetch_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "results.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "results.fetch", NULL);
}

static GtkWidget *
new_toolbar (HdCampaignResults *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *fetch = gtk_button_new_with_mnemonic (_("_Fetch results"));

  gtk_widget_add_css_class (bar, "toolbar");
  gtk_widget_add_css_class (bar, "hd-editor-bar");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "results.back");
  gtk_widget_set_tooltip_text (back, _("Back to the campaign (Alt+←)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Back to the campaign"), -1);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (fetch), "results.fetch");
  gtk_widget_set_tooltip_text (fetch, _("Fetch the latest results from Meta (Ctrl+R)"));
  gtk_box_append (GTK_BOX (bar), back);
  gtk_box_append (GTK_BOX (bar), title);
  gtk_box_append (GTK_BOX (bar), fetch);
  self->title_label = GTK_LABEL (title);
  self->fetch_button = fetch;

  return bar;
}

static void
add_total_row (HdCampaignResults   *self,
               AdwPreferencesGroup *group,
               const char          *metric,
               const char          *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new ("—");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (value, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (self->total_labels, (gpointer) metric, value);
}

static GtkWidget *
new_results (HdCampaignResults *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *spend_group = adw_preferences_group_new ();
  GtkWidget *spend_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *spend_row = adw_preferences_row_new ();
  GtkWidget *chart_card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *totals = adw_preferences_group_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 680);
  gtk_widget_add_css_class (box, "hd-editor-content");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (spend_group), _("Spend"));
  gtk_widget_add_css_class (spend_box, "hd-spend-box");
  self->spend_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->spend_label, 0);
  gtk_label_set_wrap (self->spend_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->spend_label), "numeric");
  self->spend_bar = GTK_LEVEL_BAR (gtk_level_bar_new ());
  gtk_level_bar_remove_offset_value (self->spend_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->spend_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->spend_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spend_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Budget spent"), -1);
  gtk_box_append (GTK_BOX (spend_box), GTK_WIDGET (self->spend_label));
  gtk_box_append (GTK_BOX (spend_box), GTK_WIDGET (self->spend_bar));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (spend_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (spend_row), spend_box);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (spend_group), spend_row);

  self->pace_row = adw_action_row_new ();
  gtk_widget_add_css_class (self->pace_row, "hd-problem");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->pace_row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->pace_row), icon);
  gtk_widget_set_visible (self->pace_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (spend_group), self->pace_row);
  gtk_box_append (GTK_BOX (box), spend_group);

  gtk_widget_add_css_class (chart_card, "card");
  gtk_widget_add_css_class (chart_card, "hd-chart-card");
  self->chart = HD_CHART (hd_chart_new ());
  hd_chart_set_kind (self->chart, HD_CHART_BARS);
  hd_chart_set_title (self->chart, _("Spend per day"));
  hd_chart_set_empty_text (self->chart, _("No results fetched yet"));
  {
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

    /* Each day is stored at its 00:00 UTC, whatever the account's zone. */
    hd_chart_set_time_zone (self->chart, utc);
  }
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, 220);
  gtk_box_append (GTK_BOX (chart_card), GTK_WIDGET (self->chart));
  gtk_box_append (GTK_BOX (box), chart_card);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (totals), _("Totals"));
  add_total_row (self, ADW_PREFERENCES_GROUP (totals), "impressions", _("Impressions"));
  add_total_row (self, ADW_PREFERENCES_GROUP (totals), "reach", _("People reached"));
  add_total_row (self, ADW_PREFERENCES_GROUP (totals), "clicks", _("Clicks"));
  add_total_row (self, ADW_PREFERENCES_GROUP (totals), "ctr", _("Click-through rate"));
  add_total_row (self, ADW_PREFERENCES_GROUP (totals), "cpc", _("Cost per click"));
  gtk_box_append (GTK_BOX (box), totals);

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);

  return scroller;
}

static void
hd_campaign_results_init (HdCampaignResults *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *unsent = adw_status_page_new ();

  self->total_labels = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_box_append (GTK_BOX (box), new_toolbar (self));
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "hd-editor-status");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status_label));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (unsent), "x-office-presentation-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (unsent), _("Not on Meta Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (unsent),
                                   _("Results appear here once the campaign has been sent to "
                                     "Meta and its ads have run. Send it from Changes."));
  gtk_stack_add_named (self->stack, unsent, "unsent");
  gtk_stack_add_named (self->stack, new_results (self), "results");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  adw_bin_set_child (ADW_BIN (self), box);
}
