/* test-reports.c: the report's tables worked out from a known history: best time to post,
 * top posts, engagement per day across a change of the clocks, follower growth, spend
 * against budget, figures that are not available, and the CSV export
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hd-test-store.h"
#include "hd-csv.h"
#include "hd-store-ads-sync.h"
#include "hd-store-campaigns.h"
#include "hd-store-channels.h"
#include "hd-store-metrics.h"
#include "hd-store-posts.h"
#include "hd-store-reports.h"

#define ZONE "Europe/London"

/* The instant of a wall-clock time in @zone. */
static gint64
at (const char *zone_name,
    int         year,
    int         month,
    int         day,
    int         hour,
    int         minute)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);
  g_autoptr(GDateTime) time = g_date_time_new (zone, year, month, day, hour, minute, 0);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

static char *
add_channel (Fixture       *fixture,
             HdChannelKind  kind,
             const char    *name)
{
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(GError) error = NULL;

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->store, channel, &error);
  g_assert_no_error (error);

  return g_strdup (hd_channel_get_id (channel));
}

static void
add_metric (Fixture         *fixture,
            HdMetricSubject  subject,
            const char      *subject_id,
            const char      *channel_id,
            const char      *name,
            gint64           value,
            gint64           measured_at)
{
  g_autoptr(HdMetric) metric = hd_metric_new ();
  g_autoptr(GError) error = NULL;

  hd_metric_set_subject (metric, subject);
  hd_metric_set_subject_id (metric, subject_id);
  hd_metric_set_channel_id (metric, channel_id);
  hd_metric_set_name (metric, name);
  hd_metric_set_value (metric, value);
  hd_metric_set_measured_at (metric, measured_at);
  hd_store_add_metric (fixture->store, metric, &error);
  g_assert_no_error (error);
}

/* A post that went out on @channel_id at @published_at, as the sender leaves it. */
static char *
publish (Fixture    *fixture,
         const char *channel_id,
         const char *text,
         gint64      published_at)
{
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *remote_id = g_strdup_printf ("remote-%u", ++serial);

  hd_post_set_text (post, text);
  hd_post_set_scheduled_at (post, published_at);
  hd_post_set_time_zone (post, ZONE);
  hd_post_set_published_at (post, published_at);
  hd_variant_set_channel_id (variant, channel_id);
  hd_variant_set_remote_id (variant, remote_id);
  hd_post_add_variant (post, variant);
  set_post_state (post, HD_POST_STATE_PUBLISHED);
  hd_store_save_post (fixture->store, post, &error);
  g_assert_no_error (error);

  return g_strdup (hd_post_get_id (post));
}

/* A published post with its likes, reposts and replies measured a day after. */
static char *
publish_with (Fixture    *fixture,
              const char *channel_id,
              gint64      published_at,
              gint64      reactions,
              gint64      reposts,
              gint64      replies)
{
  char *post_id = publish (fixture, channel_id, "A post", published_at);
  gint64 measured_at = published_at + 24 * 3600;

  add_metric (fixture, HD_METRIC_SUBJECT_POST, post_id, channel_id, HD_METRIC_REACTIONS,
              reactions, measured_at);
  add_metric (fixture, HD_METRIC_SUBJECT_POST, post_id, channel_id, HD_METRIC_REPOSTS,
              reposts, measured_at);
  add_metric (fixture, HD_METRIC_SUBJECT_POST, post_id, channel_id, HD_METRIC_REPLIES,
              replies, measured_at);

  return post_id;
}

static HdReport *
build (Fixture *fixture,
       gint64   from,
       gint64   to)
{
  g_autoptr(GError) error = NULL;
  HdReport *report = hd_store_build_report (fixture->store, from, to, ZONE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_best_time (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *channel = add_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Bakery");
  g_autofree char *measured_twice = NULL;
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GError) error = NULL;
  HdReportHeatMap map;
  HdReportHeatMap sparse = { { { 0 } } };
  const HdQueueSlot *slot;

  /* Mondays around 09:00 in London: 10, 20 and 30, one of them in summer time, when 09:30
   * on the wall clock is 08:30 UTC. */
  g_free (publish_with (fixture, channel, at (ZONE, 2026, 3, 2, 9, 5), 6, 2, 2));
  g_free (publish_with (fixture, channel, at (ZONE, 2026, 3, 9, 9, 45), 12, 4, 4));
  g_free (publish_with (fixture, channel, at (ZONE, 2026, 4, 6, 9, 30), 20, 5, 5));
  /* Wednesdays at 18:00: 5, 5 and 8. The last was measured twice: the later count is the one
   * that counts. */
  g_free (publish_with (fixture, channel, at (ZONE, 2026, 3, 4, 18, 0), 5, 0, 0));
  g_free (publish_with (fixture, channel, at (ZONE, 2026, 3, 11, 18, 10), 3, 1, 1));
  measured_twice = publish_with (fixture, channel, at (ZONE, 2026, 3, 18, 18, 20), 1, 0, 0);
  add_metric (fixture, HD_METRIC_SUBJECT_POST, measured_twice, channel, HD_METRIC_REACTIONS, 8,
              at (ZONE, 2026, 3, 25, 12, 0));
  /* Fridays at noon did best, but two posts say too little. */
  g_free (publish_with (fixture, channel, at (ZONE, 2026, 3, 6, 12, 0), 100, 0, 0));
  g_free (publish_with (fixture, channel, at (ZONE, 2026, 3, 13, 12, 0), 100, 0, 0));
  /* A Sunday post nothing was measured of tells nothing. */
  g_free (publish (fixture, channel, "Unmeasured", at (ZONE, 2026, 3, 1, 10, 0)));

  hd_store_get_best_times (fixture->store, at (ZONE, 2026, 5, 1, 0, 0), ZONE, &map, &error);
  g_assert_no_error (error);

  for (guint weekday = 0; weekday < 7; weekday++)
    for (guint hour = 0; hour < 24; hour++)
      {
        guint expected = (weekday == 0 && hour == 9) || (weekday == 2 && hour == 18) ? 3
                         : weekday == 4 && hour == 12 ? 2 : 0;

        g_assert_cmpuint (map.n_posts[weekday][hour], ==, expected);
      }
  g_assert_cmpfloat (hd_report_heat_map_get_average (&map, 0, 9), ==, 20.0);
  g_assert_cmpfloat (hd_report_heat_map_get_average (&map, 2, 18), ==, 6.0);
  g_assert_cmpfloat (hd_report_heat_map_get_average (&map, 4, 12), ==, 100.0);
  g_assert_cmpfloat (hd_report_heat_map_get_average (&map, 6, 10), ==, -1.0);
  g_assert_cmpfloat (hd_report_heat_map_get_average (&map, 0, 8), ==, -1.0);

  /* Best first, among the hours with enough posts only. */
  slots = hd_reports_suggest_slots (&map, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, 2);
  slot = &g_array_index (slots, HdQueueSlot, 0);
  g_assert_cmpint (slot->weekday, ==, G_DATE_MONDAY);
  g_assert_cmpuint (slot->hour, ==, 9);
  g_assert_cmpuint (slot->minute, ==, 0);
  slot = &g_array_index (slots, HdQueueSlot, 1);
  g_assert_cmpint (slot->weekday, ==, G_DATE_WEDNESDAY);
  g_assert_cmpuint (slot->hour, ==, 18);
  g_clear_pointer (&slots, g_array_unref);

  slots = hd_reports_suggest_slots (&map, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, 1);
  g_clear_pointer (&slots, g_array_unref);

  /* Only what went out before the end counts: before April, Monday 09:00 had two posts. */
  hd_store_get_best_times (fixture->store, at (ZONE, 2026, 4, 1, 0, 0), ZONE, &map, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (map.n_posts[0][9], ==, 2);
  g_assert_cmpfloat (hd_report_heat_map_get_average (&map, 0, 9), ==, 15.0);

  /* Too little history is said, not guessed. */
  sparse.n_posts[4][12] = 2;
  sparse.engagement[4][12] = 200;
  slots = hd_reports_suggest_slots (&sparse, 3, &error);
  g_assert_null (slots);
  g_assert_error (error, HD_REPORTS_ERROR, HD_REPORTS_ERROR_NOT_ENOUGH_HISTORY);
  g_assert_nonnull (strstr (error->message, "Not enough history yet"));
  g_clear_error (&error);

  /* On the clock of New York, which changes to summer time three weeks before London, the
   * same posts fall in different hours: no hour has three, and the queue is told so. */
  hd_store_get_best_times (fixture->store, at (ZONE, 2026, 5, 1, 0, 0), "America/New_York",
                           &map, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (map.n_posts[0][4], ==, 2);
  g_assert_cmpuint (map.n_posts[0][5], ==, 1);
  g_assert_cmpuint (map.n_posts[2][13], ==, 1);
  g_assert_cmpuint (map.n_posts[2][14], ==, 2);
  slots = hd_store_suggest_slots (fixture->store, at (ZONE, 2026, 5, 1, 0, 0),
                                  "America/New_York", 3, &error);
  g_assert_null (slots);
  g_assert_error (error, HD_REPORTS_ERROR, HD_REPORTS_ERROR_NOT_ENOUGH_HISTORY);
}

static void
test_top_posts (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *channel = add_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Bakery sky");
  g_autofree char *quiet = NULL;
  g_autofree char *popular = NULL;
  g_autofree char *chatty = NULL;
  g_autofree char *partial = NULL;
  g_autoptr(HdReport) report = NULL;
  HdReportPost *post;

  quiet = publish_with (fixture, channel, at (ZONE, 2026, 3, 2, 9, 0), 1, 0, 0);
  popular = publish_with (fixture, channel, at (ZONE, 2026, 3, 3, 9, 0), 40, 10, 2);
  chatty = publish_with (fixture, channel, at (ZONE, 2026, 3, 4, 9, 0), 3, 0, 25);
  add_metric (fixture, HD_METRIC_SUBJECT_POST, chatty, channel, HD_METRIC_IMPRESSIONS, 900,
              at (ZONE, 2026, 3, 5, 9, 0));
  /* The platform gave likes only: the rest are not available, not zero. */
  partial = publish (fixture, channel, "Likes only", at (ZONE, 2026, 3, 5, 9, 0));
  add_metric (fixture, HD_METRIC_SUBJECT_POST, partial, channel, HD_METRIC_REACTIONS, 7,
              at (ZONE, 2026, 3, 6, 9, 0));
  /* Out of the range. */
  g_free (publish_with (fixture, channel, at (ZONE, 2026, 2, 20, 9, 0), 500, 0, 0));

  report = build (fixture, at (ZONE, 2026, 3, 1, 0, 0), at (ZONE, 2026, 3, 8, 0, 0));
  g_assert_cmpuint (report->posts->len, ==, 4);

  /* Most engagement first, as the report opens. */
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 0))->post_id, ==, popular);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 1))->post_id, ==, chatty);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 2))->post_id, ==, partial);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 3))->post_id, ==, quiet);
  post = g_ptr_array_index (report->posts, 0);
  g_assert_cmpint (post->values[HD_REPORT_COLUMN_ENGAGEMENT], ==, 52);

  post = g_ptr_array_index (report->posts, 2);
  g_assert_cmpint (post->values[HD_REPORT_COLUMN_ENGAGEMENT], ==, 7);
  g_assert_cmpint (post->values[HD_REPORT_COLUMN_REACTIONS], ==, 7);
  g_assert_cmpint (post->values[HD_REPORT_COLUMN_REPOSTS], ==, HD_METRIC_NOT_AVAILABLE);
  g_assert_cmpint (post->values[HD_REPORT_COLUMN_REPLIES], ==, HD_METRIC_NOT_AVAILABLE);

  hd_report_sort_posts (report, HD_REPORT_COLUMN_REPLIES, TRUE);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 0))->post_id, ==, chatty);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 1))->post_id, ==, popular);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 2))->post_id, ==, quiet);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 3))->post_id, ==, partial);

  /* Fewest first: what is not available still comes last. */
  hd_report_sort_posts (report, HD_REPORT_COLUMN_REPLIES, FALSE);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 0))->post_id, ==, quiet);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 1))->post_id, ==, popular);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 2))->post_id, ==, chatty);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 3))->post_id, ==, partial);

  /* Only one post has impressions; the others follow, newest first. */
  hd_report_sort_posts (report, HD_REPORT_COLUMN_IMPRESSIONS, TRUE);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 0))->post_id, ==, chatty);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 1))->post_id, ==, partial);
  g_assert_cmpstr (((HdReportPost *) g_ptr_array_index (report->posts, 3))->post_id, ==, quiet);
}

static void
test_engagement_across_dst (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *mastodon = add_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Bakery");
  g_autofree char *bluesky = add_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Bakery sky");
  g_autoptr(HdReport) report = NULL;
  HdReportChannel *on_mastodon, *on_bluesky;

  /* The clocks go forward at 01:00 on Sunday 29 March 2026 in London. */
  g_free (publish_with (fixture, mastodon, at (ZONE, 2026, 3, 28, 23, 30), 1, 0, 0));
  g_free (publish_with (fixture, mastodon, at (ZONE, 2026, 3, 29, 0, 30), 2, 0, 0));
  g_free (publish_with (fixture, mastodon, at (ZONE, 2026, 3, 29, 23, 30), 4, 0, 0));
  /* 00:30 on Monday in London is still Sunday in UTC: it belongs to Monday. */
  g_free (publish_with (fixture, mastodon, at (ZONE, 2026, 3, 30, 0, 30), 8, 1, 1));
  g_free (publish_with (fixture, bluesky, at (ZONE, 2026, 3, 29, 12, 0), 3, 3, 3));
  /* Just outside the range on either side. */
  g_free (publish_with (fixture, mastodon, at (ZONE, 2026, 3, 27, 23, 59), 50, 0, 0));
  g_free (publish_with (fixture, mastodon, at (ZONE, 2026, 3, 31, 0, 0), 50, 0, 0));

  report = build (fixture, at (ZONE, 2026, 3, 28, 0, 0), at (ZONE, 2026, 3, 31, 0, 0));
  g_assert_cmpuint (report->n_days, ==, 3);
  g_assert_cmpstr (report->days[0], ==, "2026-03-28");
  g_assert_cmpstr (report->days[1], ==, "2026-03-29");
  g_assert_cmpstr (report->days[2], ==, "2026-03-30");
  /* The Sunday of the change has 23 hours. */
  g_assert_cmpint (report->day_starts[1] - report->day_starts[0], ==, 24 * 3600);
  g_assert_cmpint (report->day_starts[2] - report->day_starts[1], ==, 23 * 3600);
  g_assert_cmpint (report->day_starts[3] - report->day_starts[2], ==, 24 * 3600);

  on_mastodon = hd_report_find_channel (report, mastodon);
  on_bluesky = hd_report_find_channel (report, bluesky);
  g_assert_nonnull (on_mastodon);
  g_assert_nonnull (on_bluesky);
  g_assert_cmpint (on_mastodon->engagement[0], ==, 1);
  g_assert_cmpint (on_mastodon->engagement[1], ==, 6);
  g_assert_cmpint (on_mastodon->engagement[2], ==, 10);
  g_assert_cmpuint (on_mastodon->n_posts[0], ==, 1);
  g_assert_cmpuint (on_mastodon->n_posts[1], ==, 2);
  g_assert_cmpuint (on_mastodon->n_posts[2], ==, 1);
  g_assert_cmpint (on_bluesky->engagement[0], ==, 0);
  g_assert_cmpint (on_bluesky->engagement[1], ==, 9);
  g_assert_cmpint (on_bluesky->engagement[2], ==, 0);
}

static void
test_follower_growth (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *counted = add_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Bakery");
  g_autofree char *uncounted = add_channel (fixture, HD_CHANNEL_KIND_X, "Bakery on X");
  g_autofree char *late = add_channel (fixture, HD_CHANNEL_KIND_BLUESKY, "Bakery sky");
  g_autoptr(HdReport) report = NULL;
  HdReportChannel *channel;

  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, counted, counted, HD_METRIC_FOLLOWERS, 90,
              at (ZONE, 2026, 2, 20, 8, 0));
  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, counted, counted, HD_METRIC_FOLLOWERS, 100,
              at (ZONE, 2026, 2, 28, 8, 0));
  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, counted, counted, HD_METRIC_FOLLOWERS, 110,
              at (ZONE, 2026, 3, 2, 8, 0));
  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, counted, counted, HD_METRIC_FOLLOWERS, 125,
              at (ZONE, 2026, 3, 4, 23, 0));
  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, counted, counted, HD_METRIC_FOLLOWERS, 400,
              at (ZONE, 2026, 3, 10, 8, 0));
  /* First counted within the range. */
  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, late, late, HD_METRIC_FOLLOWERS, 30,
              at (ZONE, 2026, 3, 3, 8, 0));
  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, late, late, HD_METRIC_FOLLOWERS, 34,
              at (ZONE, 2026, 3, 5, 8, 0));

  report = build (fixture, at (ZONE, 2026, 3, 1, 0, 0), at (ZONE, 2026, 3, 6, 0, 0));
  g_assert_cmpuint (report->n_days, ==, 5);

  channel = hd_report_find_channel (report, counted);
  g_assert_cmpint (channel->followers_start, ==, 100);
  g_assert_cmpint (channel->followers_end, ==, 125);
  g_assert_cmpint (channel->followers[0], ==, 100);
  g_assert_cmpint (channel->followers[1], ==, 110);
  g_assert_cmpint (channel->followers[2], ==, 110);
  g_assert_cmpint (channel->followers[3], ==, 125);
  g_assert_cmpint (channel->followers[4], ==, 125);

  channel = hd_report_find_channel (report, late);
  g_assert_cmpint (channel->followers_start, ==, 30);
  g_assert_cmpint (channel->followers_end, ==, 34);
  g_assert_cmpint (channel->followers[0], ==, HD_METRIC_NOT_AVAILABLE);
  g_assert_cmpint (channel->followers[2], ==, 30);
  g_assert_cmpint (channel->followers[4], ==, 34);

  channel = hd_report_find_channel (report, uncounted);
  g_assert_cmpint (channel->followers_start, ==, HD_METRIC_NOT_AVAILABLE);
  g_assert_cmpint (channel->followers_end, ==, HD_METRIC_NOT_AVAILABLE);
}

static char *
add_campaign (Fixture    *fixture,
              const char *name)
{
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(GError) error = NULL;

  hd_campaign_set_name (campaign, name);
  hd_campaign_set_objective (campaign, "OUTCOME_TRAFFIC");
  hd_store_save_campaign (fixture->store, campaign, &error);
  g_assert_no_error (error);

  return g_strdup (hd_campaign_get_id (campaign));
}

static void
add_ad_set (Fixture      *fixture,
            const char   *campaign_id,
            HdBudgetKind  kind,
            gint64        budget,
            gint64        starts_at,
            gint64        ends_at,
            HdAdStatus    status)
{
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();
  g_autoptr(GError) error = NULL;

  hd_ad_set_set_campaign_id (ad_set, campaign_id);
  hd_ad_set_set_name (ad_set, "Ad set");
  hd_ad_set_set_currency (ad_set, "GBP");
  hd_ad_set_set_budget_kind (ad_set, kind);
  hd_ad_set_set_budget_minor (ad_set, budget);
  hd_ad_set_set_time_zone (ad_set, ZONE);
  hd_ad_set_set_starts_at (ad_set, starts_at);
  hd_ad_set_set_ends_at (ad_set, ends_at);
  hd_ad_set_set_status (ad_set, status);
  hd_store_save_ad_set (fixture->store, ad_set, &error);
  g_assert_no_error (error);
}

static void
spend_on (Fixture    *fixture,
          const char *campaign_id,
          const char *day,
          gint64      spend)
{
  g_autoptr(GError) error = NULL;

  hd_store_put_daily_insight (fixture->store, HD_METRIC_SUBJECT_CAMPAIGN, campaign_id, NULL,
                              day, HD_METRIC_SPEND, spend, &error);
  g_assert_no_error (error);
}

static HdReportCampaign *
find_campaign (HdReport   *report,
               const char *id)
{
  for (guint i = 0; i < report->campaigns->len; i++)
    {
      HdReportCampaign *campaign = g_ptr_array_index (report->campaigns, i);

      if (g_strcmp0 (campaign->id, id) == 0)
        return campaign;
    }

  g_assert_not_reached ();
}

static void
test_spend_against_budget (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *daily = add_campaign (fixture, "Spring loaves");
  g_autofree char *lifetime = add_campaign (fixture, "Easter");
  g_autofree char *empty = add_campaign (fixture, "Not planned");
  g_autoptr(HdReport) report = NULL;
  HdReportCampaign *campaign;

  /* £20 a day from the third day of the week, with no end; an archived ad set that would
   * have spent £50 a day does not count. */
  add_ad_set (fixture, daily, HD_BUDGET_KIND_DAILY, 2000, at (ZONE, 2026, 3, 4, 9, 0), 0,
              HD_AD_STATUS_ACTIVE);
  add_ad_set (fixture, daily, HD_BUDGET_KIND_DAILY, 5000, at (ZONE, 2026, 3, 1, 0, 0), 0,
              HD_AD_STATUS_ARCHIVED);
  /* £70 over seven days, three of them (6 to 8 March) in the report. */
  add_ad_set (fixture, lifetime, HD_BUDGET_KIND_LIFETIME, 7000, at (ZONE, 2026, 3, 6, 0, 0),
              at (ZONE, 2026, 3, 13, 0, 0), HD_AD_STATUS_ACTIVE);

  spend_on (fixture, daily, "2026-03-01", 999);
  spend_on (fixture, daily, "2026-03-04", 1500);
  spend_on (fixture, daily, "2026-03-08", 1700);
  spend_on (fixture, daily, "2026-03-09", 999);
  spend_on (fixture, lifetime, "2026-03-07", 1234);
  /* Fetching a day again replaces it. */
  spend_on (fixture, lifetime, "2026-03-07", 1250);

  report = build (fixture, at (ZONE, 2026, 3, 2, 0, 0), at (ZONE, 2026, 3, 9, 0, 0));
  g_assert_cmpuint (report->campaigns->len, ==, 3);

  campaign = find_campaign (report, daily);
  g_assert_cmpstr (campaign->currency, ==, "GBP");
  g_assert_cmpint (campaign->spend, ==, 3200);
  /* 4 to 8 March: five days. */
  g_assert_cmpint (campaign->budget, ==, 10000);

  campaign = find_campaign (report, lifetime);
  g_assert_cmpint (campaign->spend, ==, 1250);
  g_assert_cmpint (campaign->budget, ==, 3000);

  campaign = find_campaign (report, empty);
  g_assert_null (campaign->currency);
  g_assert_cmpint (campaign->spend, ==, 0);
  g_assert_cmpint (campaign->budget, ==, 0);
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *channel = add_channel (fixture, HD_CHANNEL_KIND_MASTODON, "Corner, Bakery");
  g_autofree char *campaign = add_campaign (fixture, "Spring");
  g_autofree char *post_id = NULL;
  g_autoptr(HdReport) report = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  post_id = publish (fixture, channel, "Rye is \"back\",\nSaturday", at (ZONE, 2026, 3, 3, 9, 0));
  add_metric (fixture, HD_METRIC_SUBJECT_POST, post_id, channel, HD_METRIC_REACTIONS, 12,
              at (ZONE, 2026, 3, 4, 9, 0));
  add_metric (fixture, HD_METRIC_SUBJECT_POST, post_id, channel, HD_METRIC_REPLIES, 3,
              at (ZONE, 2026, 3, 4, 9, 0));
  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, channel, channel, HD_METRIC_FOLLOWERS, 120,
              at (ZONE, 2026, 3, 2, 9, 0));
  add_metric (fixture, HD_METRIC_SUBJECT_CHANNEL, channel, channel, HD_METRIC_FOLLOWERS, 131,
              at (ZONE, 2026, 3, 3, 9, 0));
  add_ad_set (fixture, campaign, HD_BUDGET_KIND_DAILY, 1000, at (ZONE, 2026, 3, 1, 0, 0), 0,
              HD_AD_STATUS_ACTIVE);
  spend_on (fixture, campaign, "2026-03-03", 850);

  report = build (fixture, at (ZONE, 2026, 3, 2, 0, 0), at (ZONE, 2026, 3, 4, 0, 0));
  hd_report_write_csv (report, out);

  /* RFC 4180: CRLF line ends, a field with a comma, quote or line break quoted, quotes
   * doubled. */
  g_assert_null (strstr (out->str, "\r\n\n"));
  g_assert_nonnull (strstr (out->str, "\"Rye is \"\"back\"\",\nSaturday\""));
  g_assert_nonnull (strstr (out->str, "\"Corner, Bakery\""));

  g_assert_nonnull (strstr (out->str,
                            "Day,Channel,Posts,Engagement\r\n"
                            "2026-03-02,\"Corner, Bakery\",0,0\r\n"
                            "2026-03-03,\"Corner, Bakery\",1,15\r\n"));
  g_assert_nonnull (strstr (out->str,
                            "Published,Channel,Text,Engagement,Likes,Reposts,Replies,"
                            "Impressions\r\n"
                            "2026-03-03 09:00,\"Corner, Bakery\",\"Rye is \"\"back\"\",\n"
                            "Saturday\",15,12,not available,3,not available\r\n"));
  g_assert_nonnull (strstr (out->str,
                            "Channel,Followers at the start,Followers at the end,Growth\r\n"
                            "\"Corner, Bakery\",120,131,11\r\n"));
  g_assert_nonnull (strstr (out->str,
                            "Campaign,Currency,Spend,Budget,Share of budget spent\r\n"
                            "Spring,GBP,8.50,20.00,43 %\r\n"));
  /* Tuesday 09:00 had one post with 15. */
  g_assert_nonnull (strstr (out->str, "\r\nTuesday,,,,,,,,,,15.0,"));
  g_assert_nonnull (strstr (out->str, "Not enough history yet"));

  /* Every section reads back as CSV, and each table's rows have its header's width. */
  records = hd_csv_read (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  for (guint i = 0; i + 1 < records->len; i++)
    {
      HdCsvRecord *record = g_ptr_array_index (records, i);
      HdCsvRecord *next = g_ptr_array_index (records, i + 1);

      if (g_strcmp0 (record->fields[0], "Weekday") == 0 && record->n_fields == 25)
        {
          for (guint row = 1; row <= 7; row++)
            g_assert_cmpuint (((HdCsvRecord *) g_ptr_array_index (records, i + row))->n_fields,
                              ==, 25);
        }
      if (g_strcmp0 (record->fields[0], "Published") == 0)
        g_assert_cmpuint (next->n_fields, ==, record->n_fields);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/reports/best-time", Fixture, NULL,
              fixture_set_up, test_best_time, fixture_tear_down);
  g_test_add ("/herald/reports/top-posts", Fixture, NULL,
              fixture_set_up, test_top_posts, fixture_tear_down);
  g_test_add ("/herald/reports/engagement-across-dst", Fixture, NULL,
              fixture_set_up, test_engagement_across_dst, fixture_tear_down);
  g_test_add ("/herald/reports/follower-growth", Fixture, NULL,
              fixture_set_up, test_follower_growth, fixture_tear_down);
  g_test_add ("/herald/reports/spend-against-budget", Fixture, NULL,
              fixture_set_up, test_spend_against_budget, fixture_tear_down);
  g_test_add ("/herald/reports/csv", Fixture, NULL,
              fixture_set_up, test_csv, fixture_tear_down);

  return g_test_run ();
}
