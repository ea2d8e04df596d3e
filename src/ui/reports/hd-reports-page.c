/* hd-reports-page.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-reports"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "hd-application.h"
#include "hd-channel.h"
#include "hd-store-metrics.h"
#include "hd-store-queue.h"
#include "hd-wall-time.h"
#include "reports/hd-heat-map.h"
#include "reports/hd-report-pdf.h"
#include "reports/hd-report-text.h"
#include "reports/hd-reports-page.h"
#include "reports/hd-top-posts.h"
#include "widgets/hd-chart.h"
#include "widgets/hd-format.h"
#include "widgets/hd-toast.h"

/* The presets of the range menu, in its order; the last entry is the custom range. */
static const guint preset_days[] = { 7, 30, 90 };
#define CUSTOM_RANGE G_N_ELEMENTS (preset_days)

/* How many hours of the week the queue is offered. */
#define N_SUGGESTED_SLOTS 3

#define CHART_HEIGHT 220

struct _HdReportsPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkDropDown  *range_dropdown;
  GtkLabel     *range_label;
  GtkRevealer  *custom_revealer;
  GtkEntry     *from_entry;
  GtkEntry     *to_entry;
  GtkLabel     *range_error_label;
  GtkStack     *stack;
  GtkBox       *groups_box;
  GtkSpinner   *loading_spinner;

  /* owned references */
  HdStore      *store;
  HdReport     *report;
  GArray       *suggested_slots;
  char         *time_zone;
  GtkFileChooserNative *chooser;
  /* kept from one report to the next, so a refresh leaves the keys on the hour they were on */
  HdHeatMap    *heat_map;
  /* the report being built, cancelled when another replaces it */
  GCancellable *cancellable;
  /* asked for while the page was not shown: built when it is */
  gboolean      stale;

  /* the range: the last n_days up to today, or first to last when n_days is 0 */
  guint         n_days;
  GDate         first;
  GDate         last;
};

G_DEFINE_FINAL_TYPE (HdReportsPage, hd_reports_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (HdReportsPage *self);

/* The zone asked for, or the one chosen in Preferences, or NULL for this computer's. */
static char *
dup_zone_name (HdReportsPage *self)
{
  GApplication *app = g_application_get_default ();
  g_autofree char *chosen = NULL;

  if (self->time_zone != NULL)
    return g_strdup (self->time_zone);

  if (app != NULL && G_TYPE_CHECK_INSTANCE_TYPE (app, HD_TYPE_APPLICATION))
    chosen = g_settings_get_string (hd_application_get_settings (HD_APPLICATION (app)),
                                    "time-zone");

  return chosen != NULL && *chosen != '\0' ? g_steal_pointer (&chosen) : NULL;
}

static GTimeZone *
zone_for (const char *name)
{
  GTimeZone *zone = name != NULL ? g_time_zone_new_identifier (name) : NULL;

  return zone != NULL ? zone : g_time_zone_new_local ();
}

static gint64
midnight_of (GTimeZone   *zone,
             const GDate *date)
{
  gint64 instant = 0;

  hd_wall_time_to_instant (zone, g_date_get_year (date), g_date_get_month (date),
                           g_date_get_day (date), 0, 0, 0, &instant);
  return instant;
}

/* [from, to): the range's days, the last one whole. */
static void
get_range (HdReportsPage *self,
           GTimeZone     *zone,
           gint64        *from,
           gint64        *to)
{
  GDate first = self->first, last = self->last;

  if (self->n_days > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (zone);

      g_date_clear (&last, 1);
      g_date_set_dmy (&last, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      first = last;
      g_date_subtract_days (&first, self->n_days - 1);
    }

  *from = midnight_of (zone, &first);
  g_date_add_days (&last, 1);
  *to = midnight_of (zone, &last);
}

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  return group;
}

static GtkWidget *
new_chart_card (GtkWidget *chart)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_size_request (chart, -1, CHART_HEIGHT);
  gtk_widget_set_margin_top (chart, 12);
  gtk_widget_set_margin_bottom (chart, 12);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  gtk_box_append (GTK_BOX (card), chart);

  return card;
}

static GtkWidget *
new_value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");

  return label;
}

static void
build_engagement (HdReportsPage *self)
{
  HdReport *report = self->report;
  GtkWidget *group = new_group (_("Engagement"), hd_reports_describe_engagement ());
  GtkWidget *chart = hd_chart_new ();
  g_autofree double *values = g_new0 (double, report->n_days);

  hd_chart_set_kind (HD_CHART (chart), HD_CHART_LINE);
  hd_chart_set_title (HD_CHART (chart), _("Engagement per day"));
  hd_chart_set_empty_text (HD_CHART (chart), _("No posts went out in these days."));
  hd_chart_set_time_zone (HD_CHART (chart), report->zone);

  for (guint c = 0; c < report->channels->len; c++)
    {
      HdReportChannel *channel = g_ptr_array_index (report->channels, c);

      for (guint d = 0; d < report->n_days; d++)
        values[d] = (double) channel->engagement[d];
      hd_chart_add_series (HD_CHART (chart), channel->name, report->day_starts, values,
                           report->n_days);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_chart_card (chart));
  gtk_box_append (self->groups_box, group);
}

static void
build_top_posts (HdReportsPage *self)
{
  GtkWidget *group = new_group (_("Top posts"),
                                _("Click a column to sort by it. A figure the platform no "
                                  "longer gives shows as not available."));
  GtkWidget *table = hd_top_posts_new ();

  hd_top_posts_set_report (HD_TOP_POSTS (table), self->report);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), table);
  gtk_box_append (self->groups_box, group);

  if (self->report->posts->len == 0)
    gtk_box_remove (self->groups_box, group);
}

static void
build_followers (HdReportsPage *self)
{
  HdReport *report = self->report;
  GtkWidget *group = new_group (_("Follower growth"), NULL);
  GtkWidget *chart = hd_chart_new ();
  g_autofree double *values = g_new0 (double, report->n_days);
  g_autofree gint64 *days = g_new0 (gint64, report->n_days);
  GtkWidget *list = gtk_list_box_new ();
  guint n_counted = 0;

  hd_chart_set_kind (HD_CHART (chart), HD_CHART_LINE);
  hd_chart_set_title (HD_CHART (chart), _("Followers"));
  hd_chart_set_time_zone (HD_CHART (chart), report->zone);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint c = 0; c < report->channels->len; c++)
    {
      HdReportChannel *channel = g_ptr_array_index (report->channels, c);
      g_autofree char *growth = hd_report_text_growth (channel);
      guint n_points = 0;
      GtkWidget *row;

      /* A day before the first count has no figure, not zero followers. */
      for (guint d = 0; d < report->n_days; d++)
        if (channel->followers[d] != HD_METRIC_NOT_AVAILABLE)
          {
            days[n_points] = report->day_starts[d];
            values[n_points++] = (double) channel->followers[d];
          }
      if (n_points == 0 || growth == NULL)
        continue;

      hd_chart_add_series (HD_CHART (chart), channel->name, days, values, n_points);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), channel->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hd_channel_kind_to_label (channel->kind));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (
                                   hd_channel_kind_icon_name (channel->kind)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), new_value_label (growth));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      n_counted++;
    }

  if (n_counted == 0)
    {
      g_object_ref_sink (group);
      g_object_unref (group);
      g_object_ref_sink (chart);
      g_object_unref (chart);
      g_object_ref_sink (list);
      g_object_unref (list);
      return;
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), new_chart_card (chart));
  gtk_widget_set_margin_top (list, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
  gtk_box_append (self->groups_box, group);
}

static void
build_spend (HdReportsPage *self)
{
  GtkWidget *group = new_group (_("Campaign spend"),
                                _("What each campaign spent against what its budgets allow "
                                  "over these days."));
  guint n_rows = 0;

  for (guint i = 0; i < self->report->campaigns->len; i++)
    {
      HdReportCampaign *campaign = g_ptr_array_index (self->report->campaigns, i);
      g_autofree char *amounts = NULL;
      GtkWidget *row, *box, *bar, *label;
      double share;

      if (campaign->spend <= 0 && campaign->budget <= 0)
        continue;

      amounts = hd_report_text_spend (campaign);
      share = campaign->budget > 0 ? (double) campaign->spend / campaign->budget : 1;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), campaign->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), amounts);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      bar = gtk_level_bar_new_for_interval (0, 1);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), MIN (share, 1.0));
      gtk_widget_set_size_request (bar, 96, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, amounts, -1);
      gtk_box_append (GTK_BOX (box), bar);
      if (share > 1)
        {
          label = gtk_label_new (_("Over budget"));
          gtk_widget_add_css_class (label, "error");
          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (box), label);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      n_rows++;
    }

  gtk_box_append (self->groups_box, group);
  if (n_rows == 0)
    gtk_box_remove (self->groups_box, group);
}

static void
build_best_times (HdReportsPage *self)
{
  GtkWidget *group = new_group (_("Best time to post"),
                                _("Engagement per post by weekday and hour, from every post "
                                  "that went out so far. Point at an hour, or move to it with the "
                                  "arrow keys, to see its figures."));
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *map;
  g_autofree char *best = NULL;
  g_autofree char *suggested = NULL;
  GtkWidget *label;

  g_clear_pointer (&self->suggested_slots, g_array_unref);
  self->suggested_slots = hd_reports_suggest_slots (&self->report->best_times,
                                                    N_SUGGESTED_SLOTS, NULL);

  if (self->heat_map == NULL)
    self->heat_map = g_object_ref_sink (HD_HEAT_MAP (hd_heat_map_new ()));
  map = GTK_WIDGET (self->heat_map);

  gtk_widget_add_css_class (card, "card");
  hd_heat_map_set_map (self->heat_map, &self->report->best_times);
  gtk_widget_set_margin_top (map, 12);
  gtk_widget_set_margin_start (map, 12);
  gtk_widget_set_margin_end (map, 12);
  gtk_box_append (GTK_BOX (card), map);

  best = hd_report_text_best_time (&self->report->best_times);
  label = gtk_label_new (best);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_box_append (GTK_BOX (card), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);

  suggested = hd_report_text_slots (self->suggested_slots);
  if (suggested != NULL)
    {
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add to Queue"));

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_margin_top (list, 12);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Suggested times"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), suggested);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Add these times to every channel’s posting "
                                             "times"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "reports.add-suggested-times");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);
    }

  gtk_box_append (self->groups_box, group);
}

static void
update_range_label (HdReportsPage *self)
{
  g_autofree char *range = NULL;

  if (self->report != NULL)
    range = hd_report_text_range (self->report);
  gtk_label_set_text (self->range_label, range != NULL ? range : "");
}

static gboolean
has_history (HdReport *report)
{
  if (hd_report_text_has_data (report))
    return TRUE;

  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      if (report->best_times.n_posts[d][h] > 0)
        return TRUE;

  return FALSE;
}

/* Takes the heat map out of the report it showed, and says whether it had the focus. */
static gboolean
take_heat_map (HdReportsPage *self)
{
  GtkWidget *map = GTK_WIDGET (self->heat_map);
  GtkWidget *card = map != NULL ? gtk_widget_get_parent (map) : NULL;
  gboolean had_focus;

  if (card == NULL)
    return FALSE;

  had_focus = gtk_widget_is_focus (map);
  gtk_box_remove (GTK_BOX (card), map);

  return had_focus;
}

static void
show_report (HdReportsPage *self)
{
  GtkWidget *child;
  gboolean map_had_focus = take_heat_map (self);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  update_range_label (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-csv", self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", self->report != NULL);

  /* The empty state is for a first start: once anything went out, the range can be changed
   * from the page, and days with nothing in them say so in each section. */
  if (self->report == NULL || !has_history (self->report))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  build_engagement (self);
  build_top_posts (self);
  build_followers (self);
  build_spend (self);
  build_best_times (self);
  gtk_stack_set_visible_child_name (self->stack, "content");

  if (map_had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->heat_map));
}

static void
set_loading (HdReportsPage *self,
             gboolean       loading)
{
  if (gtk_spinner_get_spinning (self->loading_spinner) == loading)
    return;

  gtk_spinner_set_spinning (self->loading_spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
report_built_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HdReport) report = NULL;
  g_autoptr(GError) error = NULL;
  HdReportsPage *self;

  report = hd_store_build_report_finish (HD_STORE (object), result, &error);
  /* Replaced by a newer report, or the page is gone: the page is not to be touched. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = HD_REPORTS_PAGE (user_data);
  g_clear_object (&self->cancellable);
  if (report == NULL)
    g_warning ("Could not build the report: %s", error->message);

  g_clear_pointer (&self->report, hd_report_free);
  self->report = g_steal_pointer (&report);
  show_report (self);
  set_loading (self, FALSE);
}

/* The report is read on a thread; until it comes the page keeps the one it shows, or a
 * spinner when there is none yet. */
static void
reload (HdReportsPage *self)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *zone_name = NULL;
  gint64 from, to;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* Reading a year of figures is work nobody needs until the page is looked at, least of
   * all while the window opens. */
  self->stale = self->store != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->stale)
    return;

  if (self->store == NULL)
    {
      g_clear_pointer (&self->report, hd_report_free);
      show_report (self);
      set_loading (self, FALSE);
      return;
    }

  zone_name = dup_zone_name (self);
  zone = zone_for (zone_name);
  get_range (self, zone, &from, &to);

  self->cancellable = g_cancellable_new ();
  hd_store_build_report_async (self->store, from, to, zone_name, self->cancellable,
                               report_built_cb, self);
  if (self->report == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  set_loading (self, TRUE);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  unsigned int year, month, day;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static void
show_range_error (HdReportsPage *self,
                  const char    *message)
{
  gtk_label_set_text (self->range_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->range_error_label), message != NULL);
}

gboolean
hd_reports_page_set_custom_range (HdReportsPage *self,
                                  const char    *first,
                                  const char    *last)
{
  GDate first_date, last_date;

  g_return_val_if_fail (HD_IS_REPORTS_PAGE (self), FALSE);

  if (!parse_date (first, &first_date) || !parse_date (last, &last_date))
    {
      show_range_error (self, _("Write both dates as YYYY-MM-DD, for example 2026-03-27."));
      return FALSE;
    }
  if (g_date_compare (&first_date, &last_date) > 0)
    {
      show_range_error (self, _("The first day must not be later than the last."));
      return FALSE;
    }
  if (g_date_days_between (&first_date, &last_date) >= HD_REPORTS_MAX_DAYS)
    {
      show_range_error (self, _("A report covers ten years at most; choose a later first "
                                "day."));
      return FALSE;
    }

  show_range_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), first);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), last);
  self->n_days = 0;
  self->first = first_date;
  self->last = last_date;
  if (gtk_drop_down_get_selected (self->range_dropdown) != CUSTOM_RANGE)
    gtk_drop_down_set_selected (self->range_dropdown, CUSTOM_RANGE);
  gtk_revealer_set_reveal_child (self->custom_revealer, TRUE);

  reload (self);
  return TRUE;
}

void
hd_reports_page_set_last_days (HdReportsPage *self,
                               guint          n_days)
{
  g_return_if_fail (HD_IS_REPORTS_PAGE (self));
  g_return_if_fail (n_days > 0 && n_days <= HD_REPORTS_MAX_DAYS);

  self->n_days = n_days;
  for (guint i = 0; i < G_N_ELEMENTS (preset_days); i++)
    if (preset_days[i] == n_days && gtk_drop_down_get_selected (self->range_dropdown) != i)
      gtk_drop_down_set_selected (self->range_dropdown, i);
  gtk_revealer_set_reveal_child (self->custom_revealer, FALSE);
  show_range_error (self, NULL);

  reload (self);
}

void
hd_reports_page_set_time_zone (HdReportsPage *self,
                               const char    *time_zone)
{
  g_return_if_fail (HD_IS_REPORTS_PAGE (self));

  if (g_strcmp0 (self->time_zone, time_zone) == 0)
    return;

  g_free (self->time_zone);
  self->time_zone = g_strdup (time_zone);
  reload (self);
}

gboolean
hd_reports_page_get_loading (HdReportsPage *self)
{
  g_return_val_if_fail (HD_IS_REPORTS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

HdReport *
hd_reports_page_get_report (HdReportsPage *self)
{
  g_return_val_if_fail (HD_IS_REPORTS_PAGE (self), NULL);

  return self->report;
}

gboolean
hd_reports_page_export (HdReportsPage  *self,
                        GFile          *file,
                        gboolean        pdf,
                        GError        **error)
{
  g_autoptr(GString) csv = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (HD_IS_REPORTS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->report == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no report to export yet."));
      return FALSE;
    }

  if (pdf)
    return hd_report_write_pdf (self->report, file, error);

  csv = g_string_new (NULL);
  hd_report_write_csv (self->report, csv);
  if (!g_file_replace_contents (file, csv->str, csv->len, NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, local_error->code,
                   _("Herald could not write “%s” (%s). Check the folder exists and that you "
                     "may write there."), name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
on_chooser_response (HdReportsPage        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "pdf"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  if (!hd_reports_page_export (self, file, pdf, &error))
    hd_toast_show (GTK_WIDGET (self), hd_toast_new_plain (error->message));
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Exported the report to “%s”"), name);

      hd_toast_show (GTK_WIDGET (self), hd_toast_new_plain (text));
    }
}

static void
export_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  HdReportsPage *self = HD_REPORTS_PAGE (widget);
  gboolean pdf = g_str_equal (action_name, "reports.export-pdf");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->report == NULL)
    return;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (pdf ? _("Export Report as PDF")
                                                   : _("Export Report as CSV"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "pdf", GINT_TO_POINTER (pdf));
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("CSV files"));
  gtk_file_filter_add_mime_type (filter, pdf ? "application/pdf" : "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* TRANSLATORS: the name an exported report is offered under; keep it a valid file name */
  name = g_strdup_printf (_("Herald report %s to %s.%s"), self->report->days[0],
                          self->report->days[self->report->n_days - 1], pdf ? "pdf" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
apply_range_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdReportsPage *self = HD_REPORTS_PAGE (widget);

  hd_reports_page_set_custom_range (self, gtk_editable_get_text (GTK_EDITABLE (self->from_entry)),
                                    gtk_editable_get_text (GTK_EDITABLE (self->to_entry)));
}

/* Adds each suggested hour to every channel's posting times, keeping the times already
 * there: the user chose those, and the queue fills from all of them. */
static void
add_suggested_times_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HdReportsPage *self = HD_REPORTS_PAGE (widget);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  guint n_changed = 0;

  if (self->store == NULL || self->report == NULL || self->suggested_slots == NULL)
    return;

  for (guint c = 0; c < self->report->channels->len; c++)
    g_ptr_array_add (ids, g_strdup (((HdReportChannel *)
                                     g_ptr_array_index (self->report->channels, c))->id));

  for (guint c = 0; c < ids->len; c++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *current = hd_store_get_queue_slots (self->store, ids->pdata[c], &error);
      g_autoptr(GArray) slots = NULL;
      g_autofree char *merged = NULL;
      guint n_before;

      if (current == NULL)
        {
          g_warning ("Could not read posting times: %s", error->message);
          continue;
        }

      slots = *current != '\0' ? hd_queue_slots_parse (current, NULL)
                               : g_array_new (FALSE, FALSE, sizeof (HdQueueSlot));
      if (slots == NULL)
        continue;
      n_before = slots->len;

      for (guint s = 0; s < self->suggested_slots->len; s++)
        {
          HdQueueSlot *suggested = &g_array_index (self->suggested_slots, HdQueueSlot, s);
          gboolean present = FALSE;

          for (guint k = 0; k < slots->len && !present; k++)
            {
              HdQueueSlot *slot = &g_array_index (slots, HdQueueSlot, k);

              present = slot->weekday == suggested->weekday && slot->hour == suggested->hour &&
                        slot->minute == suggested->minute;
            }
          if (!present)
            g_array_append_val (slots, *suggested);
        }

      if (slots->len == n_before)
        continue;

      merged = hd_queue_slots_format ((HdQueueSlot *) slots->data, slots->len);
      if (!hd_store_set_queue_slots (self->store, ids->pdata[c], merged, &error))
        {
          hd_toast_show (widget, hd_toast_new_plain (error->message));
          return;
        }
      n_changed++;
    }

  if (n_changed == 0)
    text = g_strdup (_("Every channel already posts at these times"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Added the suggested times to %u channel’s queue",
                                         "Added the suggested times to %u channels’ queues",
                                         n_changed), n_changed);
  hd_toast_show (widget, hd_toast_new_plain (text));
}

static void
on_entry_activate (HdReportsPage *self)
{
  apply_range_cb (GTK_WIDGET (self), "reports.apply-range", NULL);
}

static void
on_range_selected (HdReportsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->range_dropdown);

  if (selected < CUSTOM_RANGE)
    {
      if (self->n_days != preset_days[selected])
        hd_reports_page_set_last_days (self, preset_days[selected]);
      else
        gtk_revealer_set_reveal_child (self->custom_revealer, FALSE);
      return;
    }

  /* Start from the days shown, so the custom range is an edit of them. */
  if (self->report != NULL &&
      *gtk_editable_get_text (GTK_EDITABLE (self->from_entry)) == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), self->report->days[0]);
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry),
                             self->report->days[self->report->n_days - 1]);
    }
  gtk_revealer_set_reveal_child (self->custom_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
}

static void
on_store_changed (HdReportsPage *self,
                  const char    *family)
{
  if (g_strcmp0 (family, "metrics") == 0 ||
      g_strcmp0 (family, "channels") == 0 ||
      g_strcmp0 (family, "posts") == 0 ||
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

  /* Another workspace's figures are not shown while this one's are read. */
  g_clear_pointer (&self->report, hd_report_free);
  show_report (self);
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

    case PROP_LOADING:
      g_value_set_boolean (value, hd_reports_page_get_loading (self));
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
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  g_clear_object (&self->heat_map);

  G_OBJECT_CLASS (hd_reports_page_parent_class)->dispose (object);
}

static void
hd_reports_page_finalize (GObject *object)
{
  HdReportsPage *self = HD_REPORTS_PAGE (object);

  g_clear_pointer (&self->report, hd_report_free);
  g_clear_pointer (&self->suggested_slots, g_array_unref);
  g_free (self->time_zone);

  G_OBJECT_CLASS (hd_reports_page_parent_class)->finalize (object);
}

static void
hd_reports_page_map (GtkWidget *widget)
{
  HdReportsPage *self = HD_REPORTS_PAGE (widget);

  GTK_WIDGET_CLASS (hd_reports_page_parent_class)->map (widget);

  if (self->stale)
    reload (self);
}

static void
hd_reports_page_class_init (HdReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_reports_page_get_property;
  object_class->set_property = hd_reports_page_set_property;
  object_class->dispose = hd_reports_page_dispose;
  object_class->finalize = hd_reports_page_finalize;
  widget_class->map = hd_reports_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "reports.export-csv", NULL, export_cb);
  gtk_widget_class_install_action (widget_class, "reports.export-pdf", NULL, export_cb);
  gtk_widget_class_install_action (widget_class, "reports.apply-range", NULL, apply_range_cb);
  gtk_widget_class_install_action (widget_class, "reports.add-suggested-times", NULL,
                                   add_suggested_times_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "reports.export-pdf", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heraldapp/Herald"
                                               "/reports/hd-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HdReportsPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HdReportsPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, HdReportsPage, custom_revealer);
  gtk_widget_class_bind_template_child (widget_class, HdReportsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, HdReportsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, HdReportsPage, range_error_label);
  gtk_widget_class_bind_template_child (widget_class, HdReportsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, HdReportsPage, groups_box);
  gtk_widget_class_bind_template_child (widget_class, HdReportsPage, loading_spinner);
}

static void
hd_reports_page_init (HdReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Four weeks and a bit: what platforms keep in detail, and what `herald report` gives. */
  self->n_days = preset_days[1];
  gtk_drop_down_set_selected (self->range_dropdown, 1);
  g_signal_connect_object (self->range_dropdown, "notify::selected",
                           G_CALLBACK (on_range_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_entry, "activate", G_CALLBACK (on_entry_activate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_entry, "activate", G_CALLBACK (on_entry_activate), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
