/* hd-report-text.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-reports"

#include "config.h"

#include <glib/gi18n.h>

#include "hd-store-metrics.h"
#include "reports/hd-report-text.h"
#include "widgets/hd-format.h"

char *
hd_report_text_weekday_short (guint weekday)
{
  const char *names[7] = {
    /* TRANSLATORS: short weekday names, the rows of the best time to post */
    N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
  };

  g_return_val_if_fail (weekday < 7, NULL);

  return g_strdup (_(names[weekday]));
}

static const char *
weekday_plural (guint weekday)
{
  const char *names[7] = {
    N_("Mondays"), N_("Tuesdays"), N_("Wednesdays"), N_("Thursdays"), N_("Fridays"),
    N_("Saturdays"), N_("Sundays"),
  };

  return _(names[weekday % 7]);
}

char *
hd_report_text_hour_range (guint hour)
{
  /* TRANSLATORS: an hour of the day, such as "9:00–10:00" */
  return g_strdup_printf (_("%u:00–%u:00"), hour, (hour + 1) % 24 == 0 ? 24 : hour + 1);
}

char *
hd_report_text_heat_map_cell (const HdReportHeatMap *map,
                              guint                  weekday,
                              guint                  hour)
{
  g_autofree char *hours = NULL;
  g_autofree char *average = NULL;
  guint n_posts;

  g_return_val_if_fail (map != NULL && weekday < 7 && hour < 24, NULL);

  hours = hd_report_text_hour_range (hour);
  n_posts = map->n_posts[weekday][hour];
  if (n_posts == 0)
    /* TRANSLATORS: a cell of the best time to post, such as "Tuesdays 9:00–10:00, no posts
     * yet" */
    return g_strdup_printf (_("%s %s, no posts yet"), weekday_plural (weekday), hours);

  average = g_strdup_printf ("%.1f", hd_report_heat_map_get_average (map, weekday, hour));
  /* TRANSLATORS: a cell of the best time to post: the weekday, the hour, how many posts went
   * out then and their average engagement, such as "Tuesdays 9:00–10:00, 4 posts, 12.5
   * engagement per post" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s %s, %u post, %s engagement per post",
                                       "%s %s, %u posts, %s engagement per post", n_posts),
                          weekday_plural (weekday), hours, n_posts, average);
}

char *
hd_report_text_best_time (const HdReportHeatMap *map)
{
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hours = NULL;
  HdQueueSlot *best;

  g_return_val_if_fail (map != NULL, NULL);

  slots = hd_reports_suggest_slots (map, 1, &error);
  if (slots == NULL || slots->len == 0)
    return g_strdup (error != NULL ? error->message
                                   : _("Not enough posts went out yet to tell the best time."));

  best = &g_array_index (slots, HdQueueSlot, 0);
  hours = hd_report_text_hour_range (best->hour);
  /* TRANSLATORS: the best hour of the week to post, such as "Best: Tuesdays 9:00–10:00" */
  return g_strdup_printf (_("Best: %s %s"), weekday_plural (best->weekday - 1), hours);
}

char *
hd_report_text_slots (GArray *slots)
{
  g_autoptr(GString) out = NULL;

  if (slots == NULL || slots->len == 0)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; i < slots->len; i++)
    {
      HdQueueSlot *slot = &g_array_index (slots, HdQueueSlot, i);

      if (i > 0)
        /* TRANSLATORS: between the suggested posting times */
        g_string_append (out, _(", "));
      /* TRANSLATORS: a suggested posting time, such as "Tuesdays 9:00" */
      g_string_append_printf (out, _("%s %u:%02u"), weekday_plural (slot->weekday - 1),
                              slot->hour, slot->minute);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
hd_report_text_range (HdReport *report)
{
  g_autoptr(GDateTime) utc_first = NULL;
  g_autoptr(GDateTime) utc_last = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (report != NULL && report->n_days > 0, NULL);

  utc_first = g_date_time_new_from_unix_utc (report->day_starts[0]);
  utc_last = g_date_time_new_from_unix_utc (report->day_starts[report->n_days - 1]);
  first = g_date_time_to_timezone (utc_first, report->zone);
  last = g_date_time_to_timezone (utc_last, report->zone);

  /* TRANSLATORS: the last day of a report, such as "8 March 2026" */
  end = g_date_time_format (last, _("%-d %B %Y"));
  if (report->n_days == 1)
    return g_steal_pointer (&end);

  if (g_date_time_get_year (first) != g_date_time_get_year (last))
    start = g_date_time_format (first, _("%-d %B %Y"));
  else
    /* TRANSLATORS: the first day of a report in the same year as its last, such as
     * "2 March" */
    start = g_date_time_format (first, _("%-d %B"));

  /* TRANSLATORS: the days a report covers, such as "2 March – 8 March 2026" */
  return g_strdup_printf (_("%s – %s"), start, end);
}

char *
hd_report_text_growth (HdReportChannel *channel)
{
  gint64 growth;
  g_autofree char *count = NULL;

  g_return_val_if_fail (channel != NULL, NULL);

  if (channel->followers_start == HD_METRIC_NOT_AVAILABLE ||
      channel->followers_end == HD_METRIC_NOT_AVAILABLE)
    return NULL;

  growth = channel->followers_end - channel->followers_start;
  count = hd_format_count (ABS (growth));
  if (growth < 0)
    /* TRANSLATORS: followers lost over a report, such as "−3 followers" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "−%s follower", "−%s followers",
                                         (gulong) ABS (growth)), count);

  /* TRANSLATORS: followers gained over a report, such as "+25 followers" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%s follower", "+%s followers",
                                       (gulong) growth), count);
}

char *
hd_report_text_spend (HdReportCampaign *campaign)
{
  g_autofree char *spend = NULL;
  g_autofree char *budget = NULL;

  g_return_val_if_fail (campaign != NULL, NULL);

  spend = hd_format_money (campaign->spend, campaign->currency);
  if (campaign->budget <= 0)
    /* TRANSLATORS: a campaign's spend when it had no budget in the report's days, such as
     * "£12.50, no budget in these days" */
    return g_strdup_printf (_("%s, no budget in these days"), spend);

  budget = hd_format_money (campaign->budget, campaign->currency);
  /* TRANSLATORS: spend against budget, such as "£12.50 of £20.00" */
  return g_strdup_printf (_("%s of %s"), spend, budget);
}

gboolean
hd_report_text_has_data (HdReport *report)
{
  g_return_val_if_fail (report != NULL, FALSE);

  if (report->posts->len > 0)
    return TRUE;

  for (guint i = 0; i < report->channels->len; i++)
    {
      HdReportChannel *channel = g_ptr_array_index (report->channels, i);

      for (guint d = 0; d < report->n_days; d++)
        if (channel->followers[d] != HD_METRIC_NOT_AVAILABLE)
          return TRUE;
    }

  for (guint i = 0; i < report->campaigns->len; i++)
    {
      HdReportCampaign *campaign = g_ptr_array_index (report->campaigns, i);

      if (campaign->spend > 0 || campaign->budget > 0)
        return TRUE;
    }

  return FALSE;
}
