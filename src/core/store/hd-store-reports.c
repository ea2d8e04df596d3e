/* hd-store-reports.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-ad-set.h"
#include "hd-budget.h"
#include "hd-campaign.h"
#include "hd-channel.h"
#include "hd-csv.h"
#include "hd-money.h"
#include "hd-store-ads-sync.h"
#include "hd-store-campaigns.h"
#include "hd-store-channels.h"
#include "hd-store-metrics.h"
#include "hd-store-private.h"
#include "hd-store-reports.h"
#include "hd-wall-time.h"

G_DEFINE_QUARK (hd-reports-error-quark, hd_reports_error)

/* The parts of engagement, in the order of the columns after it. */
static const char * const engagement_metrics[] = {
  HD_METRIC_REACTIONS, HD_METRIC_REPOSTS, HD_METRIC_REPLIES,
};

const char *
hd_report_column_get_metric (HdReportColumn column)
{
  switch (column)
    {
    case HD_REPORT_COLUMN_REACTIONS:
      return HD_METRIC_REACTIONS;
    case HD_REPORT_COLUMN_REPOSTS:
      return HD_METRIC_REPOSTS;
    case HD_REPORT_COLUMN_REPLIES:
      return HD_METRIC_REPLIES;
    case HD_REPORT_COLUMN_IMPRESSIONS:
      return HD_METRIC_IMPRESSIONS;
    case HD_REPORT_COLUMN_ENGAGEMENT:
    case HD_REPORT_N_COLUMNS:
    default:
      return NULL;
    }
}

const char *
hd_report_column_to_label (HdReportColumn column)
{
  switch (column)
    {
    case HD_REPORT_COLUMN_ENGAGEMENT:
      return _("Engagement");
    case HD_REPORT_COLUMN_REACTIONS:
      /* TRANSLATORS: likes, favourites and reactions, whatever the platform calls them */
      return _("Likes");
    case HD_REPORT_COLUMN_REPOSTS:
      return _("Reposts");
    case HD_REPORT_COLUMN_REPLIES:
      return _("Replies");
    case HD_REPORT_COLUMN_IMPRESSIONS:
      return _("Impressions");
    case HD_REPORT_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hd_reports_describe_engagement (void)
{
  return _("Engagement is the likes, reposts and replies a post has, as last measured.");
}

const char *
hd_reports_not_available_label (void)
{
  /* TRANSLATORS: a figure the platform does not give, or no longer gives */
  return _("not available");
}

double
hd_report_heat_map_get_average (const HdReportHeatMap *map,
                                guint                  weekday,
                                guint                  hour)
{
  g_return_val_if_fail (map != NULL, -1);
  g_return_val_if_fail (weekday < 7 && hour < 24, -1);

  if (map->n_posts[weekday][hour] == 0)
    return -1;

  return (double) map->engagement[weekday][hour] / map->n_posts[weekday][hour];
}

/* Freeing */

static void
report_channel_free (HdReportChannel *channel)
{
  g_free (channel->id);
  g_free (channel->name);
  g_free (channel->engagement);
  g_free (channel->n_posts);
  g_free (channel->followers);
  g_free (channel);
}

static void
report_post_free (HdReportPost *post)
{
  if (post == NULL)
    return;

  g_free (post->post_id);
  g_free (post->channel_id);
  g_free (post->text);
  g_free (post);
}

static void
report_campaign_free (HdReportCampaign *campaign)
{
  g_free (campaign->id);
  g_free (campaign->name);
  g_free (campaign->currency);
  g_free (campaign);
}

void
hd_report_free (HdReport *report)
{
  if (report == NULL)
    return;

  g_free (report->time_zone);
  g_clear_pointer (&report->zone, g_time_zone_unref);
  g_strfreev (report->days);
  g_free (report->day_starts);
  g_clear_pointer (&report->channels, g_ptr_array_unref);
  g_clear_pointer (&report->posts, g_ptr_array_unref);
  g_clear_pointer (&report->campaigns, g_ptr_array_unref);
  g_free (report);
}

HdReportChannel *
hd_report_find_channel (HdReport   *report,
                        const char *channel_id)
{
  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->channels->len; i++)
    {
      HdReportChannel *channel = g_ptr_array_index (report->channels, i);

      if (g_strcmp0 (channel->id, channel_id) == 0)
        return channel;
    }

  return NULL;
}

/* Time */

static GTimeZone *
zone_for (const char  *time_zone,
          GError     **error)
{
  GTimeZone *zone;

  if (time_zone == NULL)
    return g_time_zone_new_local ();

  zone = g_time_zone_new_identifier (time_zone);
  if (zone == NULL)
    g_set_error (error, HD_REPORTS_ERROR, HD_REPORTS_ERROR_INVALID,
                 _("“%s” is not a time zone Herald knows; use a name like Europe/London or "
                   "America/New_York."), time_zone);

  return zone;
}

/* The calendar day of @instant on the clock of @zone. */
static void
local_date (GTimeZone *zone,
            gint64     instant,
            GDate     *date)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = NULL;

  g_date_clear (date, 1);
  if (utc == NULL)
    {
      g_date_set_dmy (date, 1, 1, 1970);
      return;
    }

  local = g_date_time_to_timezone (utc, zone);
  g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

static gint64
midnight_of (GTimeZone   *zone,
             const GDate *date)
{
  gint64 instant = 0;

  /* Where a clock change skips midnight, the day starts at the first instant after it. */
  hd_wall_time_to_instant (zone, g_date_get_year (date), g_date_get_month (date),
                           g_date_get_day (date), 0, 0, 0, &instant);

  return instant;
}

/* Weekday (0 is Monday) and hour of @instant on the clock of @zone. */
static void
local_hour_of_week (GTimeZone *zone,
                    gint64     instant,
                    guint     *weekday,
                    guint     *hour)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  *weekday = g_date_time_get_day_of_week (local) - 1;
  *hour = g_date_time_get_hour (local);
}

static gboolean
lay_out_days (HdReport   *report,
              GTimeZone  *zone,
              GDate      *first,
              GError    **error)
{
  GDate last;
  GDate day;
  gint n_days;

  local_date (zone, report->from, first);
  local_date (zone, report->to - 1, &last);
  n_days = g_date_days_between (first, &last) + 1;
  if (n_days > HD_REPORTS_MAX_DAYS)
    {
      g_set_error (error, HD_REPORTS_ERROR, HD_REPORTS_ERROR_INVALID,
                   _("A report covers at most ten years. Choose a shorter range of dates."));
      return FALSE;
    }

  report->n_days = n_days;
  report->days = g_new0 (char *, n_days + 1);
  report->day_starts = g_new0 (gint64, n_days + 1);
  day = *first;
  for (gint i = 0; i <= n_days; i++)
    {
      report->day_starts[i] = midnight_of (zone, &day);
      if (i < n_days)
        report->days[i] = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day),
                                           g_date_get_month (&day), g_date_get_day (&day));
      g_date_add_days (&day, 1);
    }

  return TRUE;
}

/* Posts as they went out */

static gint64
column_or_not_available (sqlite3_stmt *stmt,
                         int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return HD_METRIC_NOT_AVAILABLE;

  return sqlite3_column_int64 (stmt, column);
}

static gpointer
post_row_read (sqlite3_stmt *stmt)
{
  HdReportPost *row = g_new0 (HdReportPost, 1);
  gboolean any = FALSE;
  gint64 engagement = 0;

  row->post_id = g_strdup (_hd_column_text (stmt, 0));
  row->channel_id = g_strdup (_hd_column_text (stmt, 1));
  row->text = g_strdup (_hd_column_text (stmt, 2));
  row->published_at = sqlite3_column_int64 (stmt, 3);
  for (int c = HD_REPORT_COLUMN_REACTIONS; c < HD_REPORT_N_COLUMNS; c++)
    row->values[c] = column_or_not_available (stmt, 4 + c - HD_REPORT_COLUMN_REACTIONS);

  /* A platform that gives only some of the parts is counted on the ones it gives. */
  for (guint i = 0; i < G_N_ELEMENTS (engagement_metrics); i++)
    {
      gint64 part = row->values[HD_REPORT_COLUMN_REACTIONS + i];

      if (part == HD_METRIC_NOT_AVAILABLE)
        continue;
      engagement += part;
      any = TRUE;
    }
  row->values[HD_REPORT_COLUMN_ENGAGEMENT] = any ? engagement : HD_METRIC_NOT_AVAILABLE;

  return row;
}

/* Every post that went out on a channel before @to, with its last measured figures: the
 * latest value recorded, so a figure the platform stopped giving keeps the last one it gave. */
static GPtrArray *
list_posts_out (HdStore  *self,
                gint64    to,
                GError  **error)
{
#define LATEST(param) \
  "  (SELECT value FROM metrics WHERE subject_kind = 'post'" \
  "    AND subject_id = post_variants.post_id AND channel_id = post_variants.channel_id" \
  "    AND name = " param " AND value >= 0" \
  "    ORDER BY measured_at DESC, id DESC LIMIT 1)"
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("load the reports");

  /* A variant is out once its platform has it (and holds it for no later time), or once it
   * is marked published, as imported history is. */
  stmt = _hd_store_prepare (self,
                            "SELECT post_variants.post_id, post_variants.channel_id,"
                            "  coalesce (nullif (post_variants.text, ''), posts.text),"
                            "  coalesce (posts.published_at, posts.scheduled_at) AS out_at,"
                            LATEST ("?2") "," LATEST ("?3") "," LATEST ("?4") ","
                            LATEST ("?5")
                            " FROM post_variants JOIN posts ON posts.id = post_variants.post_id"
                            " WHERE (post_variants.state = 'published'"
                            "   OR (post_variants.remote_id IS NOT NULL"
                            "    AND post_variants.state != 'scheduled'))"
                            "  AND out_at IS NOT NULL AND out_at < ?1"
                            " ORDER BY out_at, post_variants.post_id, post_variants.channel_id",
                            action, error);
#undef LATEST
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, to);
  for (int c = HD_REPORT_COLUMN_REACTIONS; c < HD_REPORT_N_COLUMNS; c++)
    _hd_bind_text (stmt, 2 + c - HD_REPORT_COLUMN_REACTIONS, hd_report_column_get_metric (c));

  return _hd_store_collect_rows (self, stmt, post_row_read, (GDestroyNotify) report_post_free,
                                 action, error);
}

static void
add_to_heat_map (HdReportHeatMap    *map,
                 GTimeZone          *zone,
                 const HdReportPost *post)
{
  guint weekday, hour;

  /* A post nothing was measured of says nothing about its hour. */
  if (post->values[HD_REPORT_COLUMN_ENGAGEMENT] == HD_METRIC_NOT_AVAILABLE)
    return;

  local_hour_of_week (zone, post->published_at, &weekday, &hour);
  map->n_posts[weekday][hour]++;
  map->engagement[weekday][hour] += post->values[HD_REPORT_COLUMN_ENGAGEMENT];
}

static gboolean
best_times_in_zone (HdStore          *self,
                    gint64            to,
                    GTimeZone        *zone,
                    HdReportHeatMap  *map,
                    GError          **error)
{
  g_autoptr(GPtrArray) posts = list_posts_out (self, to, error);

  if (posts == NULL)
    return FALSE;

  memset (map, 0, sizeof *map);
  for (guint i = 0; i < posts->len; i++)
    add_to_heat_map (map, zone, g_ptr_array_index (posts, i));

  return TRUE;
}

gboolean
hd_store_get_best_times (HdStore          *self,
                         gint64            to,
                         const char       *time_zone,
                         HdReportHeatMap  *map,
                         GError          **error)
{
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (map != NULL, FALSE);

  zone = zone_for (time_zone, error);
  if (zone == NULL)
    return FALSE;

  return best_times_in_zone (self, to, zone, map, error);
}

/* Channels: engagement per day and followers */

static HdReportChannel *
report_channel_new (HdChannel *channel,
                    guint      n_days)
{
  HdReportChannel *row = g_new0 (HdReportChannel, 1);
  const char *name = hd_channel_get_display_name (channel);

  row->id = g_strdup (hd_channel_get_id (channel));
  row->kind = hd_channel_get_kind (channel);
  row->name = g_strdup (name != NULL && *name != '\0' ? name
                                                      : hd_channel_kind_to_label (row->kind));
  row->engagement = g_new0 (gint64, n_days);
  row->n_posts = g_new0 (guint, n_days);
  row->followers = g_new (gint64, n_days);
  for (guint d = 0; d < n_days; d++)
    row->followers[d] = HD_METRIC_NOT_AVAILABLE;
  row->followers_start = HD_METRIC_NOT_AVAILABLE;
  row->followers_end = HD_METRIC_NOT_AVAILABLE;

  return row;
}

static gboolean
add_followers (HdStore          *self,
               HdReport         *report,
               HdReportChannel  *channel,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("load the reports");
  gint64 latest = HD_METRIC_NOT_AVAILABLE;
  guint day = 0;
  int rc;

  stmt = _hd_store_prepare (self,
                            "SELECT value, measured_at FROM metrics"
                            " WHERE subject_kind = 'channel' AND subject_id = ?1 AND name = ?2"
                            "  AND value >= 0 AND measured_at < ?3"
                            " ORDER BY measured_at, id",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, channel->id);
  _hd_bind_text (stmt, 2, HD_METRIC_FOLLOWERS);
  sqlite3_bind_int64 (stmt, 3, report->to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 value = sqlite3_column_int64 (stmt, 0);
      gint64 measured_at = sqlite3_column_int64 (stmt, 1);

      /* Each day ends with the latest count recorded before the next one starts. */
      while (day < report->n_days && measured_at >= report->day_starts[day + 1])
        channel->followers[day++] = latest;

      if (measured_at < report->from || channel->followers_start == HD_METRIC_NOT_AVAILABLE)
        channel->followers_start = value;
      latest = value;
    }
  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  while (day < report->n_days)
    channel->followers[day++] = latest;
  channel->followers_end = latest;

  return TRUE;
}

static gboolean
add_channels (HdStore    *self,
              HdReport   *report,
              GError    **error)
{
  g_autoptr(GListModel) channels = hd_store_list_channels (self, error);

  if (channels == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);
      HdReportChannel *row = report_channel_new (channel, report->n_days);

      g_ptr_array_add (report->channels, row);
      if (!add_followers (self, report, row, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_posts (HdStore     *self,
           HdReport    *report,
           GTimeZone   *zone,
           const GDate *first,
           GError     **error)
{
  g_autoptr(GPtrArray) posts = list_posts_out (self, report->to, error);

  if (posts == NULL)
    return FALSE;

  memset (&report->best_times, 0, sizeof report->best_times);
  for (guint i = 0; i < posts->len; i++)
    {
      HdReportPost *post = g_ptr_array_index (posts, i);
      HdReportChannel *channel;
      gint64 engagement = post->values[HD_REPORT_COLUMN_ENGAGEMENT];
      GDate date;
      gint day;

      add_to_heat_map (&report->best_times, zone, post);
      if (post->published_at < report->from)
        continue;

      local_date (zone, post->published_at, &date);
      day = g_date_days_between (first, &date);
      channel = hd_report_find_channel (report, post->channel_id);
      if (channel != NULL && day >= 0 && (guint) day < report->n_days)
        {
          channel->n_posts[day]++;
          if (engagement != HD_METRIC_NOT_AVAILABLE)
            channel->engagement[day] += engagement;
        }

      /* The report takes the row; the list frees what is left. */
      g_ptr_array_add (report->posts, g_steal_pointer (&posts->pdata[i]));
    }

  hd_report_sort_posts (report, HD_REPORT_COLUMN_ENGAGEMENT, TRUE);

  return TRUE;
}

/* Campaigns: spend against budget */

/* The days of the report on which the flight [@starts_at, @ends_at) runs; 0 leaves that end
 * open. */
static guint
days_in_flight (HdReport *report,
                gint64    starts_at,
                gint64    ends_at)
{
  guint days = 0;

  for (guint d = 0; d < report->n_days; d++)
    {
      gint64 day_start = MAX (report->day_starts[d], report->from);
      gint64 day_end = MIN (report->day_starts[d + 1], report->to);

      if ((starts_at == 0 || starts_at < day_end) && (ends_at == 0 || ends_at > day_start))
        days++;
    }

  return days;
}

static gint64
budget_within (HdReport *report,
               HdAdSet  *ad_set)
{
  gint64 budget = hd_ad_set_get_budget_minor (ad_set);
  gint64 starts_at = hd_ad_set_get_starts_at (ad_set);
  gint64 ends_at = hd_ad_set_get_ends_at (ad_set);
  guint days, flight_days;

  /* An ad set without a start date runs from when it was made, once it is switched on. */
  if (starts_at == 0)
    starts_at = hd_ad_set_get_created_at (ad_set);

  days = days_in_flight (report, starts_at, ends_at);
  if (days == 0)
    return 0;

  if (hd_ad_set_get_budget_kind (ad_set) == HD_BUDGET_KIND_DAILY)
    return budget * days;

  /* A lifetime budget without an end has no days to share it over: all of it applies. */
  if (ends_at == 0)
    return budget;

  flight_days = hd_budget_count_days (starts_at, ends_at, hd_ad_set_get_time_zone (ad_set));
  if (flight_days == 0 || days >= flight_days)
    return budget;

  /* Rounded to the nearest minor unit. */
  return (budget * days + flight_days / 2) / flight_days;
}

static gboolean
add_campaign (HdStore     *self,
              HdReport    *report,
              HdCampaign  *campaign,
              gint64       spend_from,
              gint64       spend_to,
              GError     **error)
{
  g_autoptr(GListModel) ad_sets = NULL;
  HdReportCampaign *row = g_new0 (HdReportCampaign, 1);

  row->id = g_strdup (hd_campaign_get_id (campaign));
  row->name = g_strdup (hd_campaign_get_name (campaign));
  g_ptr_array_add (report->campaigns, row);

  if (!hd_store_sum_metric (self, HD_METRIC_SUBJECT_CAMPAIGN, row->id, HD_METRIC_SPEND,
                            spend_from, spend_to, &row->spend, error))
    return FALSE;

  ad_sets = hd_store_list_ad_sets (self, row->id, error);
  if (ad_sets == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (ad_sets); i++)
    {
      g_autoptr(HdAdSet) ad_set = g_list_model_get_item (ad_sets, i);

      /* The ad sets of a campaign share one ad account, so one currency. */
      if (row->currency == NULL)
        row->currency = g_strdup (hd_ad_set_get_currency (ad_set));
      if (hd_ad_set_get_status (ad_set) != HD_AD_STATUS_ARCHIVED)
        row->budget += budget_within (report, ad_set);
    }

  return TRUE;
}

static gboolean
add_campaigns (HdStore   *self,
               HdReport  *report,
               GError   **error)
{
  g_autoptr(GListModel) campaigns = hd_store_list_campaigns (self, error);
  gint64 spend_from, spend_to;

  if (campaigns == NULL)
    return FALSE;

  /* Meta reports spend per day of the ad account's calendar, stored at that day's 00:00 UTC:
   * the report's days are those same calendar days. */
  spend_from = hd_store_daily_insight_instant (report->days[0], error);
  if (spend_from == 0)
    return FALSE;
  spend_to = hd_store_daily_insight_instant (report->days[report->n_days - 1], error);
  if (spend_to == 0)
    return FALSE;
  spend_to += 24 * 60 * 60;

  for (guint i = 0; i < g_list_model_get_n_items (campaigns); i++)
    {
      g_autoptr(HdCampaign) campaign = g_list_model_get_item (campaigns, i);

      if (!add_campaign (self, report, campaign, spend_from, spend_to, error))
        return FALSE;
    }

  return TRUE;
}

HdReport *
hd_store_build_report (HdStore     *self,
                       gint64       from,
                       gint64       to,
                       const char  *time_zone,
                       GError     **error)
{
  g_autoptr(HdReport) report = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  GDate first;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (from >= to)
    {
      g_set_error (error, HD_REPORTS_ERROR, HD_REPORTS_ERROR_INVALID,
                   _("The report would end before it starts. Choose a start date before the "
                     "end date."));
      return NULL;
    }

  zone = zone_for (time_zone, error);
  if (zone == NULL)
    return NULL;

  report = g_new0 (HdReport, 1);
  report->from = from;
  report->to = to;
  report->time_zone = g_strdup (time_zone != NULL ? time_zone
                                                   : g_time_zone_get_identifier (zone));
  report->zone = g_time_zone_ref (zone);
  report->channels = g_ptr_array_new_with_free_func ((GDestroyNotify) report_channel_free);
  report->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) report_post_free);
  report->campaigns = g_ptr_array_new_with_free_func ((GDestroyNotify) report_campaign_free);

  if (!lay_out_days (report, zone, &first, error) ||
      !add_channels (self, report, error) ||
      !add_posts (self, report, zone, &first, error) ||
      !add_campaigns (self, report, error))
    return NULL;

  return g_steal_pointer (&report);
}

/* Building off the main thread */

/* The connection reports are read on, opened on first use and kept for the store's
 * lifetime; the lock lets one report at a time use it, since a connection is not shared
 * between threads. */
typedef struct
{
  GMutex   lock;
  HdStore *store;
} ReportReader;

typedef struct
{
  ReportReader *reader;
  gint64        from;
  gint64        to;
  char         *time_zone;
} BuildJob;

static void
report_reader_free (ReportReader *reader)
{
  g_clear_object (&reader->store);
  g_mutex_clear (&reader->lock);
  g_free (reader);
}

static ReportReader *
reader_of (HdStore *self)
{
  ReportReader *reader = g_object_get_data (G_OBJECT (self), "hd-report-reader");

  if (reader == NULL)
    {
      reader = g_new0 (ReportReader, 1);
      g_mutex_init (&reader->lock);
      g_object_set_data_full (G_OBJECT (self), "hd-report-reader", reader,
                              (GDestroyNotify) report_reader_free);
    }

  return reader;
}

static void
build_job_free (BuildJob *job)
{
  g_free (job->time_zone);
  g_free (job);
}

static void
build_report_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  BuildJob *job = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&job->reader->lock);
  g_autoptr(HdReport) report = NULL;
  GError *error = NULL;

  /* A report asked for again while this one waited for the connection replaces it. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (job->reader->store == NULL)
    {
      job->reader->store = hd_store_open_another (HD_STORE (source_object), &error);
      if (job->reader->store == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  report = hd_store_build_report (job->reader->store, job->from, job->to, job->time_zone,
                                  &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&report), (GDestroyNotify) hd_report_free);
}

void
hd_store_build_report_async (HdStore              *self,
                             gint64                from,
                             gint64                to,
                             const char           *time_zone,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  BuildJob *job;

  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_store_build_report_async);

  job = g_new0 (BuildJob, 1);
  job->reader = reader_of (self);
  job->from = from;
  job->to = to;
  job->time_zone = g_strdup (time_zone);
  g_task_set_task_data (task, job, (GDestroyNotify) build_job_free);
  g_task_run_in_thread (task, build_report_in_thread);
}

/**
 * hd_store_build_report_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
HdReport *
hd_store_build_report_finish (HdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hd_store_build_report_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Sorting */

typedef struct
{
  HdReportColumn column;
  gboolean       descending;
} SortOrder;

static int
compare_posts (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const HdReportPost *first = *(HdReportPost * const *) a;
  const HdReportPost *second = *(HdReportPost * const *) b;
  const SortOrder *order = user_data;
  gint64 x = first->values[order->column];
  gint64 y = second->values[order->column];

  if ((x == HD_METRIC_NOT_AVAILABLE) != (y == HD_METRIC_NOT_AVAILABLE))
    return x == HD_METRIC_NOT_AVAILABLE ? 1 : -1;
  if (x != y)
    return ((x < y) == order->descending) ? 1 : -1;
  if (first->published_at != second->published_at)
    return first->published_at < second->published_at ? 1 : -1;

  return g_strcmp0 (first->post_id, second->post_id) != 0
         ? g_strcmp0 (first->post_id, second->post_id)
         : g_strcmp0 (first->channel_id, second->channel_id);
}

void
hd_report_sort_posts (HdReport       *report,
                      HdReportColumn  column,
                      gboolean        descending)
{
  SortOrder order = { column, descending };

  g_return_if_fail (report != NULL);
  g_return_if_fail (column < HD_REPORT_N_COLUMNS);

  g_ptr_array_sort_with_data (report->posts, compare_posts, &order);
}

/* Suggested hours */

typedef struct
{
  guint  weekday;
  guint  hour;
  guint  n_posts;
  double average;
} Cell;

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const Cell *x = a;
  const Cell *y = b;

  if (x->average != y->average)
    return x->average < y->average ? 1 : -1;
  if (x->n_posts != y->n_posts)
    return x->n_posts < y->n_posts ? 1 : -1;
  if (x->weekday != y->weekday)
    return x->weekday < y->weekday ? -1 : 1;

  return (int) x->hour - (int) y->hour;
}

GArray *
hd_reports_suggest_slots (const HdReportHeatMap  *map,
                          guint                   n,
                          GError                **error)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  GArray *slots;

  g_return_val_if_fail (map != NULL, NULL);

  for (guint weekday = 0; weekday < 7; weekday++)
    for (guint hour = 0; hour < 24; hour++)
      {
        Cell cell = { weekday, hour, map->n_posts[weekday][hour], 0 };

        if (cell.n_posts < HD_REPORTS_MIN_POSTS_PER_SLOT)
          continue;
        cell.average = hd_report_heat_map_get_average (map, weekday, hour);
        g_array_append_val (cells, cell);
      }

  if (cells->len == 0 || n == 0)
    {
      g_set_error (error, HD_REPORTS_ERROR, HD_REPORTS_ERROR_NOT_ENOUGH_HISTORY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Not enough history yet: Herald suggests an hour once %u post "
                                "has gone out in it and been measured.",
                                "Not enough history yet: Herald suggests an hour once %u posts "
                                "have gone out in it and been measured.",
                                HD_REPORTS_MIN_POSTS_PER_SLOT),
                   HD_REPORTS_MIN_POSTS_PER_SLOT);
      return NULL;
    }

  g_array_sort (cells, compare_cells);

  slots = g_array_new (FALSE, TRUE, sizeof (HdQueueSlot));
  for (guint i = 0; i < cells->len && i < n; i++)
    {
      const Cell *cell = &g_array_index (cells, Cell, i);
      HdQueueSlot slot = { cell->weekday + G_DATE_MONDAY, cell->hour, 0 };

      g_array_append_val (slots, slot);
    }

  return slots;
}

GArray *
hd_store_suggest_slots (HdStore     *self,
                        gint64       now,
                        const char  *time_zone,
                        guint        n,
                        GError     **error)
{
  HdReportHeatMap map;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  if (!hd_store_get_best_times (self, now, time_zone, &map, error))
    return NULL;

  return hd_reports_suggest_slots (&map, n, error);
}

/* CSV */

static char *
format_count (gint64 value)
{
  if (value == HD_METRIC_NOT_AVAILABLE)
    return g_strdup (hd_reports_not_available_label ());

  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* "12.50": major units with the currency's decimals, a point and no grouping, which every
 * spreadsheet reads. */
static char *
format_amount (gint64      minor,
               const char *currency)
{
  int exponent = currency != NULL ? hd_money_get_exponent (currency) : -1;
  gint64 per_major = 1;
  gint64 magnitude = minor < 0 ? -minor : minor;

  if (exponent <= 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);

  for (int i = 0; i < exponent; i++)
    per_major *= 10;

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT, minor < 0 ? "-" : "",
                          magnitude / per_major, exponent, magnitude % per_major);
}

static char *
format_local_time (GTimeZone  *zone,
                   gint64      instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");

  local = g_date_time_to_timezone (utc, zone);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* A figure written by this file: digits, maybe a minus sign and decimals. */
static gboolean
is_number (const char *cell)
{
  const char *p = cell;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p) || *p == '.')
    p++;

  return *p == '\0';
}

/* hd_csv_append_record, except that a negative figure stays a number: the shared writer
 * guards every cell starting with a minus as if it were a formula. */
static void
append_record (GString            *out,
               const char * const *fields,
               gsize               n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      const char *cell = fields[i] != NULL ? fields[i] : "";
      g_autoptr(GString) quoted = NULL;

      if (i > 0)
        g_string_append_c (out, ',');

      if (is_number (cell))
        {
          g_string_append (out, cell);
          continue;
        }

      quoted = g_string_new (NULL);
      hd_csv_append_record (quoted, &cell, 1);
      g_string_append_len (out, quoted->str, quoted->len - 2);
    }

  g_string_append (out, "\r\n");
}

static void
append_row (GString    *out,
            const char *first,
            ...) G_GNUC_NULL_TERMINATED;

static void
append_row (GString    *out,
            const char *first,
            ...)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  const char *field;
  va_list args;

  va_start (args, first);
  for (field = first; field != NULL; field = va_arg (args, const char *))
    g_ptr_array_add (fields, (gpointer) field);
  va_end (args);

  append_record (out, (const char * const *) fields->pdata, fields->len);
}

static void
append_fields (GString   *out,
               GPtrArray *fields)
{
  append_record (out, (const char * const *) fields->pdata, fields->len);
}

static void
write_summary (HdReport  *report,
               GTimeZone *zone,
               GString   *out)
{
  g_autofree char *from = format_local_time (zone, report->from);
  g_autofree char *to = format_local_time (zone, report->to);

  append_row (out, _("Report"), NULL);
  append_row (out, _("From"), _("Until"), _("Time zone"), _("Engagement"), NULL);
  append_row (out, from, to, report->time_zone, hd_reports_describe_engagement (), NULL);
}

static void
write_engagement (HdReport *report,
                  GString  *out)
{
  append_row (out, _("Engagement per day"), NULL);
  append_row (out, _("Day"), _("Channel"), _("Posts"), _("Engagement"), NULL);

  for (guint d = 0; d < report->n_days; d++)
    for (guint c = 0; c < report->channels->len; c++)
      {
        HdReportChannel *channel = g_ptr_array_index (report->channels, c);
        g_autofree char *posts = g_strdup_printf ("%u", channel->n_posts[d]);
        g_autofree char *engagement = format_count (channel->engagement[d]);

        append_row (out, report->days[d], channel->name, posts, engagement, NULL);
      }
}

static void
write_posts (HdReport  *report,
             GTimeZone *zone,
             GString   *out)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new ();

  append_row (out, _("Top posts"), NULL);
  g_ptr_array_add (header, (gpointer) _("Published"));
  g_ptr_array_add (header, (gpointer) _("Channel"));
  g_ptr_array_add (header, (gpointer) _("Text"));
  for (int c = 0; c < HD_REPORT_N_COLUMNS; c++)
    g_ptr_array_add (header, (gpointer) hd_report_column_to_label (c));
  append_fields (out, header);

  for (guint i = 0; i < report->posts->len; i++)
    {
      HdReportPost *post = g_ptr_array_index (report->posts, i);
      HdReportChannel *channel = hd_report_find_channel (report, post->channel_id);
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (fields, format_local_time (zone, post->published_at));
      g_ptr_array_add (fields, g_strdup (channel != NULL ? channel->name : ""));
      g_ptr_array_add (fields, g_strdup (post->text));
      for (int c = 0; c < HD_REPORT_N_COLUMNS; c++)
        g_ptr_array_add (fields, format_count (post->values[c]));
      append_fields (out, fields);
    }
}

static void
write_followers (HdReport *report,
                 GString  *out)
{
  append_row (out, _("Follower growth"), NULL);
  append_row (out, _("Channel"), _("Followers at the start"), _("Followers at the end"),
              _("Growth"), NULL);

  for (guint c = 0; c < report->channels->len; c++)
    {
      HdReportChannel *channel = g_ptr_array_index (report->channels, c);
      g_autofree char *start = format_count (channel->followers_start);
      g_autofree char *end = format_count (channel->followers_end);
      g_autofree char *growth = NULL;

      if (channel->followers_start == HD_METRIC_NOT_AVAILABLE ||
          channel->followers_end == HD_METRIC_NOT_AVAILABLE)
        growth = g_strdup (hd_reports_not_available_label ());
      else
        growth = g_strdup_printf ("%" G_GINT64_FORMAT,
                                  channel->followers_end - channel->followers_start);

      append_row (out, channel->name, start, end, growth, NULL);
    }
}

static void
write_campaigns (HdReport *report,
                 GString  *out)
{
  append_row (out, _("Campaign spend"), NULL);
  append_row (out, _("Campaign"), _("Currency"), _("Spend"), _("Budget"),
              _("Share of budget spent"), NULL);

  for (guint i = 0; i < report->campaigns->len; i++)
    {
      HdReportCampaign *campaign = g_ptr_array_index (report->campaigns, i);
      g_autofree char *spend = format_amount (campaign->spend, campaign->currency);
      g_autofree char *budget = format_amount (campaign->budget, campaign->currency);
      g_autofree char *share = NULL;

      if (campaign->budget > 0)
        share = g_strdup_printf ("%" G_GINT64_FORMAT " %%",
                                 (campaign->spend * 100 + campaign->budget / 2)
                                 / campaign->budget);
      else
        share = g_strdup (hd_reports_not_available_label ());

      append_row (out, campaign->name, campaign->currency != NULL ? campaign->currency : "",
                  spend, budget, share, NULL);
    }
}

static const char *
weekday_label (guint weekday)
{
  static const char * const names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
  };

  g_return_val_if_fail (weekday < G_N_ELEMENTS (names), NULL);

  return _(names[weekday]);
}

static void
write_best_times (HdReport *report,
                  GString  *out)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GError) error = NULL;

  append_row (out, _("Best time to post: average engagement per post by the hour it went "
                     "out"), NULL);
  g_ptr_array_add (header, g_strdup (_("Weekday")));
  for (guint hour = 0; hour < 24; hour++)
    g_ptr_array_add (header, g_strdup_printf ("%02u:00", hour));
  append_fields (out, header);

  for (guint weekday = 0; weekday < 7; weekday++)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (fields, g_strdup (weekday_label (weekday)));
      for (guint hour = 0; hour < 24; hour++)
        {
          double average = hd_report_heat_map_get_average (&report->best_times, weekday, hour);
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          if (average < 0)
            g_ptr_array_add (fields, g_strdup (""));
          else
            g_ptr_array_add (fields, g_strdup (g_ascii_formatd (number, sizeof number, "%.1f",
                                                                average)));
        }
      append_fields (out, fields);
    }

  g_string_append (out, "\r\n");
  append_row (out, _("Suggested times to post"), NULL);
  slots = hd_reports_suggest_slots (&report->best_times, 3, &error);
  if (slots == NULL)
    {
      append_row (out, error->message, NULL);
      return;
    }

  append_row (out, _("Weekday"), _("Time"), _("Posts"), _("Average engagement"), NULL);
  for (guint i = 0; i < slots->len; i++)
    {
      const HdQueueSlot *slot = &g_array_index (slots, HdQueueSlot, i);
      guint weekday = slot->weekday - G_DATE_MONDAY;
      g_autofree char *time = g_strdup_printf ("%02u:00", slot->hour);
      g_autofree char *posts = g_strdup_printf ("%u",
                                                report->best_times.n_posts[weekday][slot->hour]);
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (number, sizeof number, "%.1f",
                       hd_report_heat_map_get_average (&report->best_times, weekday, slot->hour));
      append_row (out, weekday_label (weekday), time, posts, number, NULL);
    }
}

void
hd_report_write_csv (HdReport *report,
                     GString  *out)
{
  GTimeZone *zone;

  g_return_if_fail (report != NULL);
  g_return_if_fail (out != NULL);

  zone = report->zone;

  write_summary (report, zone, out);
  g_string_append (out, "\r\n");
  write_engagement (report, out);
  g_string_append (out, "\r\n");
  write_posts (report, zone, out);
  g_string_append (out, "\r\n");
  write_followers (report, out);
  g_string_append (out, "\r\n");
  write_campaigns (report, out);
  g_string_append (out, "\r\n");
  write_best_times (report, out);
}
