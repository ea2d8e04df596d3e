/* hd-ad-set-editor.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-campaigns"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "hd-ad.h"
#include "hd-audience.h"
#include "hd-daypart.h"
#include "hd-meta-enums.h"
#include "hd-store-audiences.h"
#include "campaigns/hd-ad-set-editor.h"
#include "campaigns/hd-campaign-fields.h"
#include "widgets/hd-format.h"

struct _HdAdSetEditor
{
  AdwBin parent_instance;

  /* widgets */
  AdwEntryRow      *name_row;
  HdBudgetRow      *budget_row;
  AdwEntryRow      *start_row;
  AdwEntryRow      *end_row;
  GtkSwitch        *zone_switch;
  AdwActionRow     *zone_row;
  GtkWidget        *goal_row;
  GtkWidget        *billing_row;
  GtkWidget        *audience_row;
  HdDaypartGrid    *grid;
  GtkLabel         *hours_label;
  GtkBox           *ads_box;
  /* holds only the budget's problem row: hidden while it has nothing to say */
  GtkWidget        *budget_problems;

  /* owned references */
  HdStore          *store;
  HdAdSet          *ad_set;
  HdAdAccount      *account;
  GPtrArray        *ads;
  GPtrArray        *ad_editors;
  HdCampaignFields *fields;
  char             *account_zone;
  char             *viewer_zone;
  char             *audience_summary;
  /* the clock the entries are written on now; follows the switch once they are rewritten */
  gboolean          viewer_shown;
  /* whose clock the painted hours follow: the ad set's own, the account's for a new one */
  HdDaypartZone     hours_zone;
};

G_DEFINE_FINAL_TYPE (HdAdSetEditor, hd_ad_set_editor, ADW_TYPE_BIN)

/* What the ad set gets the most of, in words; each is checked against Meta's list. Which
 * goals an objective takes is not in Meta's object specs, so all of these are offered and
 * Meta answers for a pair it refuses. */
static const struct { const char *value; const char *label; } goals[] = {
  { "REACH", N_("Reach as many people as possible") },
  { "IMPRESSIONS", N_("Show the ad as often as possible") },
  { "LINK_CLICKS", N_("Clicks on the link") },
  { "LANDING_PAGE_VIEWS", N_("Visits to the web page") },
  { "POST_ENGAGEMENT", N_("Likes, comments and shares") },
  { "PAGE_LIKES", N_("Likes of the Page") },
  { "THRUPLAY", N_("Video plays") },
  { "CONVERSATIONS", N_("Conversations in messages") },
  { "LEAD_GENERATION", N_("Contact details from a form") },
  { "OFFSITE_CONVERSIONS", N_("Purchases and sign-ups on your website") },
  { "APP_INSTALLS", N_("App installs") },
  { "AD_RECALL_LIFT", N_("People who will remember the ad") },
};

static const struct { const char *value; const char *label; } billing_events[] = {
  { "IMPRESSIONS", N_("Each time the ad is shown") },
  { "LINK_CLICKS", N_("Each click on the link") },
  { "THRUPLAY", N_("Each video play") },
  { "POST_ENGAGEMENT", N_("Each like, comment or share") },
  { "PAGE_LIKES", N_("Each like of the Page") },
  { "APP_INSTALLS", N_("Each app install") },
};

static const char *
shown_zone (HdAdSetEditor *self)
{
  return self->viewer_shown ? self->viewer_zone : self->account_zone;
}

static GTimeZone *
new_shown_zone (HdAdSetEditor *self)
{
  GTimeZone *zone = g_time_zone_new_identifier (shown_zone (self));

  return zone != NULL ? zone : g_time_zone_new_utc ();
}

static char *
format_instant (HdAdSetEditor *self,
                gint64         instant)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (instant <= 0)
    return g_strdup ("");

  zone = new_shown_zone (self);
  time = g_date_time_new_from_unix_utc (instant);
  {
    g_autoptr(GDateTime) shown = g_date_time_to_timezone (time, zone);

    return g_date_time_format (shown, "%Y-%m-%d %H:%M");
  }
}

/* Reads "2026-03-03 09:00" (or a date alone, meaning midnight) on the shown clock: 0 for an
 * empty entry, -1 for text that is not such a time. */
static gint64
parse_instant (HdAdSetEditor *self,
               GtkEditable   *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour = 0, minute = 0;
  int n;

  if (*text == '\0')
    return 0;

  n = sscanf (text, "%d-%d-%d %d:%d", &year, &month, &day, &hour, &minute);
  if (n != 3 && n != 5)
    return -1;

  zone = new_shown_zone (self);
  time = g_date_time_new (zone, year, month, day, hour, minute, 0);
  if (time == NULL || g_date_time_get_year (time) < 1970)
    return -1;

  return g_date_time_to_unix (time);
}

static void
update_zone_text (HdAdSetEditor *self)
{
  g_autofree char *subtitle = NULL;

  if (self->viewer_shown)
    /* TRANSLATORS: which clock the typed times follow, "Times are in Europe/Paris, this
     * computer’s time zone" */
    subtitle = g_strdup_printf (_("Times are in %s, this computer’s time zone"),
                                self->viewer_zone);
  else
    /* TRANSLATORS: which clock the typed times follow, "Times are in Europe/London, the ad
     * account’s time zone" */
    subtitle = g_strdup_printf (_("Times are in %s, the ad account’s time zone"),
                                self->account_zone);

  adw_action_row_set_subtitle (self->zone_row, subtitle);
}

static void
update_flight (HdAdSetEditor *self)
{
  gint64 starts_at = parse_instant (self, GTK_EDITABLE (self->start_row));
  gint64 ends_at = parse_instant (self, GTK_EDITABLE (self->end_row));

  if (starts_at < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->start_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->start_row), "error");
  if (ends_at < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->end_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->end_row), "error");

  hd_budget_row_set_flight (self->budget_row, MAX (starts_at, 0), MAX (ends_at, 0),
                            self->account_zone);
}

static void
on_zone_switched (HdAdSetEditor *self)
{
  gint64 starts_at, ends_at;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (self->viewer_shown == gtk_switch_get_active (self->zone_switch))
    return;

  /* The instants stay; only the clock they are written on changes. */
  starts_at = parse_instant (self, GTK_EDITABLE (self->start_row));
  ends_at = parse_instant (self, GTK_EDITABLE (self->end_row));
  self->viewer_shown = gtk_switch_get_active (self->zone_switch);

  if (starts_at >= 0)
    {
      start_text = format_instant (self, starts_at);
      gtk_editable_set_text (GTK_EDITABLE (self->start_row), start_text);
    }
  if (ends_at >= 0)
    {
      end_text = format_instant (self, ends_at);
      gtk_editable_set_text (GTK_EDITABLE (self->end_row), end_text);
    }
  update_zone_text (self);
}

static gboolean
has_schedule (HdAdSetEditor *self,
              HdDaypart     *daypart)
{
  hd_daypart_clear (daypart);
  daypart->zone = self->hours_zone;
  hd_daypart_grid_get_hours (self->grid, daypart->hours);

  return !hd_daypart_is_empty (daypart) && !hd_daypart_is_full (daypart);
}

static void
on_hours_changed (HdAdSetEditor *self)
{
  g_autofree char *description = hd_daypart_grid_describe (self->grid);
  HdDaypart daypart;
  gboolean scheduled = has_schedule (self, &daypart);

  gtk_label_set_label (self->hours_label, scheduled ? description
                                                    : _("No hours painted: the ads run at "
                                                        "all hours."));
  hd_budget_row_set_lifetime_required (self->budget_row, scheduled);
}

static void
on_billing_selected (HdAdSetEditor *self)
{
  hd_budget_row_set_billing_event (self->budget_row, hd_campaign_choice_get (self->billing_row));
}

static void
on_audience_selected (HdAdSetEditor *self)
{
  const char *audience_id = hd_campaign_choice_get (self->audience_row);
  g_autoptr(HdAudience) audience = NULL;

  g_clear_pointer (&self->audience_summary, g_free);
  if (audience_id != NULL && self->store != NULL)
    audience = hd_store_load_audience (self->store, audience_id, NULL);
  if (audience != NULL)
    self->audience_summary = hd_format_audience_summary (hd_audience_get_spec (audience));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->audience_row),
                               self->audience_summary != NULL
                               ? self->audience_summary
                               : _("Choose who sees the ads"));
}

static void
on_open_audiences_clicked (GtkWidget *button)
{
  gtk_widget_activate_action (button, "win.show-page", "s", "audiences");
}

static void
fill_audiences (HdAdSetEditor *self)
{
  g_autoptr(GListModel) audiences = NULL;
  g_autoptr(GError) error = NULL;

  hd_campaign_choice_append (self->audience_row, _("None chosen"), NULL);
  if (self->store == NULL)
    return;

  audiences = hd_store_list_audiences (self->store, &error);
  if (audiences == NULL)
    {
      g_warning ("Could not list audiences: %s", error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (audiences); i++)
    {
      g_autoptr(HdAudience) audience = g_list_model_get_item (audiences, i);

      hd_campaign_choice_append (self->audience_row, hd_audience_get_name (audience),
                                 hd_audience_get_id (audience));
    }
}

static void
add_ad_editor (HdAdSetEditor *self,
               HdAd          *ad)
{
  GtkWidget *editor = hd_ad_editor_new (self->store, ad);

  g_ptr_array_add (self->ad_editors, editor);
  gtk_box_append (self->ads_box, editor);
}

GtkWidget *
hd_ad_set_editor_new (HdStore   *store,
                      HdAdSet   *ad_set,
                      GPtrArray *ads)
{
  HdAdSetEditor *self;
  HdDaypart daypart;
  const char *time_zone;

  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_AD_SET (ad_set), NULL);

  self = g_object_new (HD_TYPE_AD_SET_EDITOR, NULL);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->ad_set = g_object_ref (ad_set);

  time_zone = hd_ad_set_get_time_zone (ad_set);
  if (time_zone != NULL)
    {
      g_free (self->account_zone);
      self->account_zone = g_strdup (time_zone);
    }
  update_zone_text (self);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         hd_ad_set_get_name (ad_set) != NULL ? hd_ad_set_get_name (ad_set) : "");
  hd_budget_row_set_currency (self->budget_row, hd_ad_set_get_currency (ad_set));
  hd_budget_row_set_kind (self->budget_row, hd_ad_set_get_budget_kind (ad_set));
  hd_budget_row_set_amount (self->budget_row, hd_ad_set_get_budget_minor (ad_set));
  hd_ad_set_editor_set_flight (self, hd_ad_set_get_starts_at (ad_set),
                               hd_ad_set_get_ends_at (ad_set));
  /* Meta's own example pays for impressions, the usual choice for a small shop
   * (developers.facebook.com/docs/marketing-api/bidding/overview/billing-events). */
  hd_ad_set_editor_set_goal (self, hd_ad_set_get_optimization_goal (ad_set),
                             hd_ad_set_get_billing_event (ad_set) != NULL
                             ? hd_ad_set_get_billing_event (ad_set) : "IMPRESSIONS");

  fill_audiences (self);
  hd_campaign_choice_set (self->audience_row, hd_ad_set_get_audience_id (ad_set));
  on_audience_selected (self);
  g_signal_connect_object (self->audience_row, "notify::selected",
                           G_CALLBACK (on_audience_selected), self, G_CONNECT_SWAPPED);

  if (hd_daypart_from_json (hd_ad_set_get_dayparting (ad_set), &daypart, NULL))
    {
      hd_daypart_grid_set_hours (self->grid, daypart.hours);
      self->hours_zone = daypart.zone;
    }
  on_hours_changed (self);

  for (guint i = 0; ads != NULL && i < ads->len; i++)
    {
      g_ptr_array_add (self->ads, g_object_ref (g_ptr_array_index (ads, i)));
      add_ad_editor (self, g_ptr_array_index (ads, i));
    }
  if (self->ads->len == 0)
    {
      HdAd *ad = hd_ad_new ();

      hd_ad_set_ad_set_id (ad, hd_ad_set_get_id (ad_set));
      hd_ad_set_status (ad, HD_AD_STATUS_PAUSED);
      g_ptr_array_add (self->ads, ad);
      add_ad_editor (self, ad);
    }

  return GTK_WIDGET (self);
}

HdAdSet *
hd_ad_set_editor_get_ad_set (HdAdSetEditor *self)
{
  g_return_val_if_fail (HD_IS_AD_SET_EDITOR (self), NULL);

  return self->ad_set;
}

GPtrArray *
hd_ad_set_editor_get_ads (HdAdSetEditor *self)
{
  g_return_val_if_fail (HD_IS_AD_SET_EDITOR (self), NULL);

  return self->ads;
}

HdAdEditor *
hd_ad_set_editor_get_ad_editor (HdAdSetEditor *self,
                                guint          index)
{
  g_return_val_if_fail (HD_IS_AD_SET_EDITOR (self), NULL);
  g_return_val_if_fail (index < self->ad_editors->len, NULL);

  return g_ptr_array_index (self->ad_editors, index);
}

void
hd_ad_set_editor_set_account (HdAdSetEditor *self,
                              HdAdAccount   *account)
{
  gint64 starts_at, ends_at;

  g_return_if_fail (HD_IS_AD_SET_EDITOR (self));

  starts_at = parse_instant (self, GTK_EDITABLE (self->start_row));
  ends_at = parse_instant (self, GTK_EDITABLE (self->end_row));

  g_set_object (&self->account, account);
  if (account != NULL && hd_ad_account_get_time_zone (account) != NULL)
    {
      g_free (self->account_zone);
      self->account_zone = g_strdup (hd_ad_account_get_time_zone (account));
    }
  hd_budget_row_set_account (self->budget_row, account);
  update_zone_text (self);
  hd_ad_set_editor_set_flight (self, MAX (starts_at, 0), MAX (ends_at, 0));
}

gboolean
hd_ad_set_editor_apply (HdAdSetEditor  *self,
                        const char     *campaign_id,
                        HdAdStatus      status,
                        GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *dayparting = NULL;
  gint64 starts_at, ends_at, minor = 0;
  gboolean dates_read = TRUE;
  HdDaypart daypart;

  g_return_val_if_fail (HD_IS_AD_SET_EDITOR (self), FALSE);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  hd_ad_set_set_campaign_id (self->ad_set, campaign_id);
  hd_ad_set_set_name (self->ad_set, *name != '\0' ? name : NULL);
  hd_ad_set_set_status (self->ad_set, status);

  hd_ad_set_set_currency (self->ad_set, hd_budget_row_get_currency (self->budget_row));
  hd_ad_set_set_budget_kind (self->ad_set, hd_budget_row_get_kind (self->budget_row));
  hd_budget_row_get_amount (self->budget_row, &minor);
  hd_ad_set_set_budget_minor (self->ad_set, minor);

  starts_at = parse_instant (self, GTK_EDITABLE (self->start_row));
  ends_at = parse_instant (self, GTK_EDITABLE (self->end_row));
  if (starts_at < 0 || ends_at < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Write the start and end as a date and time, such as "
                             "2026-03-03 09:00."));
      dates_read = FALSE;
    }
  else
    {
      hd_ad_set_set_starts_at (self->ad_set, starts_at);
      hd_ad_set_set_ends_at (self->ad_set, ends_at);
    }
  /* The account's zone goes with the instants: Meta reads start_time on its clock. */
  hd_ad_set_set_time_zone (self->ad_set, self->account_zone);

  hd_ad_set_set_optimization_goal (self->ad_set, hd_campaign_choice_get (self->goal_row));
  hd_ad_set_set_billing_event (self->ad_set, hd_campaign_choice_get (self->billing_row));
  hd_ad_set_set_audience_id (self->ad_set, hd_campaign_choice_get (self->audience_row));

  if (has_schedule (self, &daypart))
    dayparting = hd_daypart_to_json (&daypart);
  hd_ad_set_set_dayparting (self->ad_set, dayparting);

  for (guint i = 0; i < self->ad_editors->len; i++)
    hd_ad_editor_apply (g_ptr_array_index (self->ad_editors, i),
                        hd_ad_set_get_id (self->ad_set), status);

  return dates_read;
}

void
hd_ad_set_editor_clear_problems (HdAdSetEditor *self)
{
  g_return_if_fail (HD_IS_AD_SET_EDITOR (self));

  hd_campaign_fields_clear (self->fields);
  gtk_widget_set_visible (self->budget_problems, FALSE);
  for (guint i = 0; i < self->ad_editors->len; i++)
    hd_ad_editor_clear_problems (g_ptr_array_index (self->ad_editors, i));
}

gboolean
hd_ad_set_editor_show_problem (HdAdSetEditor *self,
                               HdAdsProblem  *problem)
{
  g_return_val_if_fail (HD_IS_AD_SET_EDITOR (self), FALSE);

  switch (problem->subject)
    {
    case HD_ADS_SUBJECT_AD_SET:
      if (g_strcmp0 (problem->subject_id, hd_ad_set_get_id (self->ad_set)) != 0)
        return FALSE;
      hd_campaign_fields_show (self->fields, problem->field, problem->sentence);
      gtk_widget_set_visible (self->budget_problems,
                              hd_campaign_fields_get_shown (self->fields, "daily_budget")
                              != NULL);
      return TRUE;

    case HD_ADS_SUBJECT_AUDIENCE:
      if (g_strcmp0 (problem->subject_id, hd_campaign_choice_get (self->audience_row)) != 0)
        return FALSE;
      return hd_campaign_fields_show (self->fields, "targeting", problem->sentence);

    case HD_ADS_SUBJECT_AD:
      for (guint i = 0; i < self->ad_editors->len; i++)
        if (hd_ad_editor_show_problem (g_ptr_array_index (self->ad_editors, i), problem))
          return TRUE;
      return FALSE;

    case HD_ADS_SUBJECT_ACCOUNT:
    case HD_ADS_SUBJECT_CAMPAIGN:
    default:
      return FALSE;
    }
}

const char *
hd_ad_set_editor_get_problem (HdAdSetEditor *self,
                              const char    *field)
{
  g_return_val_if_fail (HD_IS_AD_SET_EDITOR (self), NULL);

  return hd_campaign_fields_get_shown (self->fields, field);
}

HdBudgetRow *
hd_ad_set_editor_get_budget_row (HdAdSetEditor *self)
{
  g_return_val_if_fail (HD_IS_AD_SET_EDITOR (self), NULL);

  return self->budget_row;
}

HdDaypartGrid *
hd_ad_set_editor_get_daypart_grid (HdAdSetEditor *self)
{
  g_return_val_if_fail (HD_IS_AD_SET_EDITOR (self), NULL);

  return self->grid;
}

GtkEditable *
hd_ad_set_editor_get_editable (HdAdSetEditor *self,
                               const char    *field)
{
  g_return_val_if_fail (HD_IS_AD_SET_EDITOR (self), NULL);

  if (g_strcmp0 (field, "name") == 0)
    return GTK_EDITABLE (self->name_row);
  if (g_strcmp0 (field, "start_time") == 0)
    return GTK_EDITABLE (self->start_row);
  if (g_strcmp0 (field, "end_time") == 0)
    return GTK_EDITABLE (self->end_row);

  return NULL;
}

void
hd_ad_set_editor_set_flight (HdAdSetEditor *self,
                             gint64         starts_at,
                             gint64         ends_at)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  g_return_if_fail (HD_IS_AD_SET_EDITOR (self));

  start_text = format_instant (self, starts_at);
  end_text = format_instant (self, ends_at);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start_text);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end_text);
  update_flight (self);
}

void
hd_ad_set_editor_set_viewer_zone (HdAdSetEditor *self,
                                  gboolean       viewer_zone)
{
  g_return_if_fail (HD_IS_AD_SET_EDITOR (self));

  gtk_switch_set_active (self->zone_switch, viewer_zone);
}

const char *
hd_ad_set_editor_get_zone_text (HdAdSetEditor *self)
{
  g_return_val_if_fail (HD_IS_AD_SET_EDITOR (self), NULL);

  return adw_action_row_get_subtitle (self->zone_row);
}

void
hd_ad_set_editor_set_goal (HdAdSetEditor *self,
                           const char    *optimization_goal,
                           const char    *billing_event)
{
  g_return_if_fail (HD_IS_AD_SET_EDITOR (self));

  hd_campaign_choice_set (self->goal_row, optimization_goal);
  hd_campaign_choice_set (self->billing_row, billing_event);
}

void
hd_ad_set_editor_set_audience (HdAdSetEditor *self,
                               const char    *audience_id)
{
  g_return_if_fail (HD_IS_AD_SET_EDITOR (self));

  hd_campaign_choice_set (self->audience_row, audience_id);
}

const char *
hd_ad_set_editor_get_audience_summary (HdAdSetEditor *self)
{
  g_return_val_if_fail (HD_IS_AD_SET_EDITOR (self), NULL);

  return self->audience_summary;
}

void
hd_ad_set_editor_paint_weekdays (HdAdSetEditor *self)
{
  HdDaypart daypart;

  g_return_if_fail (HD_IS_AD_SET_EDITOR (self));

  /* Day 0 is Sunday, as in Meta's schedule. */
  hd_daypart_clear (&daypart);
  for (guint day = 1; day <= 5; day++)
    hd_daypart_set_range (&daypart, day, 9, 17, TRUE);
  hd_daypart_grid_set_hours (self->grid, daypart.hours);
  on_hours_changed (self);
}

void
hd_ad_set_editor_clear_hours (HdAdSetEditor *self)
{
  HdDaypart daypart;

  g_return_if_fail (HD_IS_AD_SET_EDITOR (self));

  hd_daypart_clear (&daypart);
  hd_daypart_grid_set_hours (self->grid, daypart.hours);
  on_hours_changed (self);
}

static void
hd_ad_set_editor_dispose (GObject *object)
{
  HdAdSetEditor *self = HD_AD_SET_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->ad_set);
  g_clear_object (&self->account);
  g_clear_pointer (&self->ads, g_ptr_array_unref);
  g_clear_pointer (&self->ad_editors, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_ad_set_editor_parent_class)->dispose (object);
}

static void
hd_ad_set_editor_finalize (GObject *object)
{
  HdAdSetEditor *self = HD_AD_SET_EDITOR (object);

  hd_campaign_fields_free (self->fields);
  g_free (self->account_zone);
  g_free (self->viewer_zone);
  g_free (self->audience_summary);

  G_OBJECT_CLASS (hd_ad_set_editor_parent_class)->finalize (object);
}

static void
hd_ad_set_editor_class_init (HdAdSetEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_ad_set_editor_dispose;
  object_class->finalize = hd_ad_set_editor_finalize;
}

static AdwPreferencesGroup *
add_group (GtkBox     *box,
           const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (box, group);

  return ADW_PREFERENCES_GROUP (group);
}

static GtkWidget *
new_entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  return row;
}

static GtkWidget *
new_hours_buttons (HdAdSetEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_Clear"));
  GtkWidget *weekdays = gtk_button_new_with_mnemonic (_("Week_days 9–17"));

  gtk_widget_set_tooltip_text (clear, _("Run at all hours again (Alt+C)"));
  gtk_widget_set_tooltip_text (weekdays, _("Monday to Friday, 9:00 to 17:00 (Alt+D)"));
  gtk_widget_add_css_class (clear, "flat");
  gtk_widget_add_css_class (weekdays, "flat");
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  g_signal_connect_object (clear, "clicked", G_CALLBACK (hd_ad_set_editor_clear_hours), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (weekdays, "clicked", G_CALLBACK (hd_ad_set_editor_paint_weekdays),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), clear);
  gtk_box_append (GTK_BOX (box), weekdays);

  return box;
}

static void
hd_ad_set_editor_init (HdAdSetEditor *self)
{
  static const char *name[] = { "name", NULL };
  static const char *budget[] = { "daily_budget", "lifetime_budget", "bid_amount", NULL };
  static const char *start[] = { "start_time", NULL };
  static const char *end[] = { "end_time", NULL };
  static const char *goal[] = { "optimization_goal", NULL };
  static const char *billing[] = { "billing_event", NULL };
  static const char *audience[] = { "targeting", "geo_locations", "age_min", "age_max",
                                    "targeting_automation", NULL };
  static const char *hours[] = { "adset_schedule", "pacing_type", NULL };
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  AdwPreferencesGroup *group;
  GtkWidget *open_audiences;
  GtkWidget *row;
  GtkWidget *grid_box;
  GtkWidget *budget_box;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *local_id = g_time_zone_get_identifier (local);

  self->fields = hd_campaign_fields_new ();
  self->ads = g_ptr_array_new_with_free_func (g_object_unref);
  self->ad_editors = g_ptr_array_new ();
  self->account_zone = g_strdup ("UTC");
  self->viewer_zone = g_strdup (local_id != NULL && *local_id != '/' ? local_id : "UTC");

  group = add_group (box, _("Ad set"), NULL);
  self->name_row = ADW_ENTRY_ROW (new_entry_row (_("Ad set name")));
  hd_campaign_fields_add (self->fields, group, GTK_WIDGET (self->name_row), name);
  hd_campaign_fields_add_general (self->fields, group);

  /* The budget's problems sit right under its sentences, not a group's gap away. */
  budget_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->budget_row = HD_BUDGET_ROW (hd_budget_row_new ());
  gtk_box_append (GTK_BOX (budget_box), GTK_WIDGET (self->budget_row));
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  hd_campaign_fields_add (self->fields, group, NULL, budget);
  gtk_widget_set_visible (GTK_WIDGET (group), FALSE);
  self->budget_problems = GTK_WIDGET (group);
  gtk_box_append (GTK_BOX (budget_box), GTK_WIDGET (group));
  gtk_box_append (box, budget_box);

  group = add_group (box, _("When the ads run"),
                     _("Type a date and time, such as 2026-03-03 09:00. Leave the end empty "
                       "to run until you stop them."));
  self->start_row = ADW_ENTRY_ROW (new_entry_row (_("Starts")));
  hd_campaign_fields_add (self->fields, group, GTK_WIDGET (self->start_row), start);
  self->end_row = ADW_ENTRY_ROW (new_entry_row (_("Ends")));
  hd_campaign_fields_add (self->fields, group, GTK_WIDGET (self->end_row), end);
  row = adw_action_row_new ();
  self->zone_row = ADW_ACTION_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Use this computer’s time zone"));
  self->zone_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->zone_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->zone_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->zone_switch));
  adw_preferences_group_add (group, row);

  group = add_group (box, _("Delivery"), NULL);
  self->goal_row = hd_campaign_choice_new (_("Get the most of"), NULL, NULL);
  hd_campaign_choice_append (self->goal_row, _("Choose…"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (goals); i++)
    if (hd_meta_enum_contains (HD_META_ENUM_AD_SET_OPTIMIZATION_GOAL, goals[i].value))
      hd_campaign_choice_append (self->goal_row, _(goals[i].label), goals[i].value);
  hd_campaign_fields_add (self->fields, group, self->goal_row, goal);
  self->billing_row = hd_campaign_choice_new (_("Pay for"), NULL, NULL);
  hd_campaign_choice_append (self->billing_row, _("Choose…"), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (billing_events); i++)
    if (hd_meta_enum_contains (HD_META_ENUM_AD_SET_BILLING_EVENT, billing_events[i].value))
      hd_campaign_choice_append (self->billing_row, _(billing_events[i].label),
                                 billing_events[i].value);
  hd_campaign_fields_add (self->fields, group, self->billing_row, billing);

  group = add_group (box, _("Audience"), NULL);
  self->audience_row = hd_campaign_choice_new (_("Saved audience"), NULL, NULL);
  hd_campaign_fields_add (self->fields, group, self->audience_row, audience);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("New audience…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Audiences are made and saved on the Audiences page"));
  open_audiences = gtk_button_new_with_mnemonic (_("Open _Audiences"));
  gtk_widget_set_valign (open_audiences, GTK_ALIGN_CENTER);
  g_signal_connect (open_audiences, "clicked", G_CALLBACK (on_open_audiences_clicked), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_audiences);
  adw_preferences_group_add (group, row);

  group = add_group (box, _("Hours"),
                     _("Paint the hours the ads may run, or leave the grid empty to run at "
                       "all hours."));
  adw_preferences_group_set_header_suffix (group, new_hours_buttons (self));
  grid_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (grid_box, "hd-hours-box");
  self->grid = HD_DAYPART_GRID (hd_daypart_grid_new ());
  hd_daypart_grid_set_first_weekday (self->grid, 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Hours the ads run"), -1);
  gtk_box_append (GTK_BOX (grid_box), GTK_WIDGET (self->grid));
  self->hours_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->hours_label, TRUE);
  gtk_label_set_xalign (self->hours_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->hours_label), "dim-label");
  gtk_box_append (GTK_BOX (grid_box), GTK_WIDGET (self->hours_label));
  row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), grid_box);
  hd_campaign_fields_add (self->fields, group, row, hours);

  self->ads_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (box, GTK_WIDGET (self->ads_box));

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (box));

  g_signal_connect_object (self->start_row, "changed", G_CALLBACK (update_flight), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_row, "changed", G_CALLBACK (update_flight), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->zone_switch, "notify::active", G_CALLBACK (on_zone_switched),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->grid, "changed", G_CALLBACK (on_hours_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->billing_row, "notify::selected",
                           G_CALLBACK (on_billing_selected), self, G_CONNECT_SWAPPED);
}
