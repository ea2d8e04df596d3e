/* test-metrics-puller.c: the figures of published posts read from the Mastodon and Bluesky
 * fakes into the metrics store on their schedule, history kept after the platform lets go,
 * figures a platform does not give, and a rate-limited channel that leaves the others be
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-sync.h"
#include "hd-fake-bluesky.h"
#include "hd-fake-facebook.h"
#include "hd-metrics-puller.h"
#include "hd-store-metrics.h"
#include "hd-store-reports.h"

#define MASTODON_TOKEN "mastodon-token-3f9a1d"
#define STATUSES "/api/v1/statuses/"
#define HOUR (60 * 60)
#define DAY (24 * HOUR)

typedef struct
{
  TestEnv          env;
  HdFakeMastodon  *mastodon_fake;
  HdFakeBluesky   *bluesky_fake;
  HdChannel       *mastodon;
  HdChannel       *bluesky;
  HdMetricsPuller *puller;
} Fixture;

static HdChannel *
add_bluesky (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdChannel *channel;

  hd_bluesky_connect_async (fixture->env.http, fixture->env.store,
                            hd_fake_bluesky_get_url (fixture->bluesky_fake),
                            "@" HD_FAKE_BLUESKY_HANDLE, HD_FAKE_BLUESKY_APP_PASSWORD, NULL,
                            NULL, test_store_result, &result);
  channel = hd_bluesky_connect_finish (test_wait (&result), &error);
  g_assert_no_error (error);

  return channel;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->mastodon_fake = hd_fake_mastodon_new ();
  fixture->mastodon_fake->now = TEST_NOW;
  fixture->mastodon_fake->access_token = g_strdup (MASTODON_TOKEN);
  fixture->bluesky_fake = hd_fake_bluesky_new ();
  fixture->bluesky_fake->now = TEST_NOW;

  fixture->mastodon = test_sync_add_mastodon (&fixture->env, fixture->mastodon_fake,
                                              MASTODON_TOKEN);
  fixture->bluesky = add_bluesky (fixture);
  fixture->puller = hd_metrics_puller_new (fixture->env.store, fixture->env.http);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->puller);
  g_clear_object (&fixture->mastodon);
  g_clear_object (&fixture->bluesky);
  hd_fake_mastodon_free (fixture->mastodon_fake);
  hd_fake_bluesky_free (fixture->bluesky_fake);
  test_env_clear (&fixture->env);
}

/* A post published on @channel through its provider and recorded as the sender records it;
 * returns the post, and its id on the platform in @remote_id. */
static HdPost *
publish (Fixture    *fixture,
         HdChannel  *channel,
         const char *text,
         char      **remote_id)
{
  return test_sync_publish (&fixture->env, channel, text, fixture->env.now, remote_id);
}

static HdMetricsPullReport *
pull (Fixture *fixture,
      gint64   now)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdMetricsPullReport *report;

  fixture->env.now = now;
  hd_metrics_puller_pull_async (fixture->puller, now, NULL, test_store_result, &result);
  report = hd_metrics_puller_pull_finish (fixture->puller, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (report->problems, i));

  return report;
}

/* The values of @name recorded for @post on @channel, oldest first. */
static GArray *
recorded (Fixture    *fixture,
          HdPost     *post,
          const char *name)
{
  g_autoptr(GListModel) metrics = NULL;
  g_autoptr(GError) error = NULL;
  GArray *values = g_array_new (FALSE, FALSE, sizeof (gint64));

  metrics = hd_store_list_metrics (fixture->env.store, HD_METRIC_SUBJECT_POST,
                                   hd_post_get_id (post), name, 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (metrics); i++)
    {
      g_autoptr(HdMetric) metric = g_list_model_get_item (metrics, i);
      gint64 value = hd_metric_get_value (metric);

      g_array_append_val (values, value);
    }

  return values;
}

static HdReportPost *
report_post (HdReport *report,
             HdPost   *post)
{
  for (guint i = 0; i < report->posts->len; i++)
    {
      HdReportPost *row = g_ptr_array_index (report->posts, i);

      if (g_strcmp0 (row->post_id, hd_post_get_id (post)) == 0)
        return row;
    }

  return NULL;
}

/* A channel's followers are read every day; the posts' pace is the store's to weigh
 * (test-sync-reads.c). */
static void
test_followers_due (void)
{
  g_assert_cmpint (hd_metrics_puller_channel_due_at (0), ==, 0);
  g_assert_cmpint (hd_metrics_puller_channel_due_at (TEST_NOW), ==, TEST_NOW + DAY);
}

static void
test_keeps_history (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *remote_id = NULL;
  g_autoptr(HdPost) post = publish (fixture, fixture->mastodon, "Rye is back on Saturday.",
                                    &remote_id);
  g_autoptr(HdMetricsPullReport) first = NULL;
  g_autoptr(HdMetricsPullReport) early = NULL;
  g_autoptr(HdMetricsPullReport) second = NULL;
  g_autoptr(HdMetricsPullReport) gone = NULL;
  g_autoptr(HdReport) report = NULL;
  g_autoptr(GArray) likes = NULL;
  g_autoptr(GListModel) metrics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdMetric) metric = NULL;
  HdReportPost *row;

  hd_fake_server_clear_requests (fixture->mastodon_fake->server);
  first = pull (fixture, TEST_NOW + 60);
  g_assert_cmpuint (first->problems->len, ==, 0);
  g_assert_cmpuint (first->n_recorded, >=, 3);
  likes = recorded (fixture, post, HD_METRIC_REACTIONS);
  g_assert_cmpuint (likes->len, ==, 1);
  g_assert_cmpint (g_array_index (likes, gint64, 0), ==, 5);
  g_clear_pointer (&likes, g_array_unref);

  /* Each value keeps the instant it was measured, under the local post and its channel. */
  metrics = hd_store_list_metrics (fixture->env.store, HD_METRIC_SUBJECT_POST,
                                   hd_post_get_id (post), HD_METRIC_REPOSTS, 0, G_MAXINT64,
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (metrics), ==, 1);
  metric = g_list_model_get_item (metrics, 0);
  g_assert_cmpint (hd_metric_get_value (metric), ==, 2);
  g_assert_cmpint (hd_metric_get_measured_at (metric), ==, TEST_NOW + 60);
  g_assert_cmpstr (hd_metric_get_channel_id (metric), ==, hd_channel_get_id (fixture->mastodon));

  /* Half an hour later it is not due: nothing is asked. */
  hd_fake_server_clear_requests (fixture->mastodon_fake->server);
  early = pull (fixture, TEST_NOW + 30 * 60);
  g_assert_cmpuint (hd_fake_server_count (fixture->mastodon_fake->server, "GET",
                                          STATUSES), ==, 0);
  g_assert_cmpuint (early->n_recorded, ==, 0);

  /* Two hours on, four more favourites. */
  json_object_set_int_member (hd_fake_mastodon_find_status (fixture->mastodon_fake, remote_id),
                              "favourites_count", 9);
  second = pull (fixture, TEST_NOW + 2 * HOUR);
  g_assert_cmpuint (second->problems->len, ==, 0);
  likes = recorded (fixture, post, HD_METRIC_REACTIONS);
  g_assert_cmpuint (likes->len, ==, 2);
  g_assert_cmpint (g_array_index (likes, gint64, 0), ==, 5);
  g_assert_cmpint (g_array_index (likes, gint64, 1), ==, 9);
  g_clear_pointer (&likes, g_array_unref);

  /* The status is deleted on the instance: what Herald measured stays. */
  hd_fake_mastodon_remove_status (fixture->mastodon_fake, remote_id);
  gone = pull (fixture, TEST_NOW + 4 * HOUR);
  g_assert_cmpuint (gone->n_gone, ==, 1);
  g_assert_cmpuint (gone->problems->len, ==, 0);
  likes = recorded (fixture, post, HD_METRIC_REACTIONS);
  g_assert_cmpuint (likes->len, ==, 2);

  report = hd_store_build_report (fixture->env.store, TEST_NOW - DAY, TEST_NOW + DAY,
                                  "Europe/London", &error);
  g_assert_no_error (error);
  row = report_post (report, post);
  g_assert_nonnull (row);
  g_assert_cmpint (row->values[HD_REPORT_COLUMN_REACTIONS], ==, 9);
  g_assert_cmpint (row->values[HD_REPORT_COLUMN_ENGAGEMENT], ==, 9 + 2 + 0);
}

static void
test_not_available (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *remote_id = NULL;
  g_autoptr(HdPost) post = publish (fixture, fixture->mastodon, "Spelt on Sunday.", &remote_id);
  g_autoptr(HdMetricsPullReport) pulled = NULL;
  g_autoptr(HdReport) report = NULL;
  g_autoptr(GArray) likes = NULL;
  g_autoptr(GArray) reposts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  HdReportPost *row;

  /* The instance stops giving favourites: the other figures still come. */
  json_object_remove_member (hd_fake_mastodon_find_status (fixture->mastodon_fake, remote_id),
                             "favourites_count");
  pulled = pull (fixture, TEST_NOW + 60);
  g_assert_cmpuint (pulled->problems->len, ==, 0);

  likes = recorded (fixture, post, HD_METRIC_REACTIONS);
  reposts = recorded (fixture, post, HD_METRIC_REPOSTS);
  g_assert_cmpuint (likes->len, ==, 0);
  g_assert_cmpuint (reposts->len, ==, 1);

  report = hd_store_build_report (fixture->env.store, TEST_NOW - DAY, TEST_NOW + DAY,
                                  "Europe/London", &error);
  g_assert_no_error (error);
  row = report_post (report, post);
  g_assert_nonnull (row);
  g_assert_cmpint (row->values[HD_REPORT_COLUMN_REACTIONS], ==, HD_METRIC_NOT_AVAILABLE);
  g_assert_cmpint (row->values[HD_REPORT_COLUMN_REPOSTS], ==, 2);
  g_assert_cmpint (row->values[HD_REPORT_COLUMN_ENGAGEMENT], ==, 2);

  hd_report_write_csv (report, csv);
  g_assert_nonnull (strstr (csv->str, "Spelt on Sunday.,2,not available,2,0,not available\r\n"));
}

static void
test_rate_limited_channel (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char * const retry_after[] = { "Retry-After", "600", NULL };
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *sky_id = NULL;
  g_autoptr(HdPost) first = publish (fixture, fixture->mastodon, "Rye.", &first_id);
  g_autoptr(HdPost) second = publish (fixture, fixture->mastodon, "Spelt.", &second_id);
  g_autoptr(HdPost) sky = publish (fixture, fixture->bluesky, "Sourdough.", &sky_id);
  g_autoptr(HdMetricsPullReport) limited = NULL;
  g_autoptr(HdMetricsPullReport) later = NULL;
  g_autoptr(GArray) values = NULL;

  hd_fake_bluesky_set_counts (fixture->bluesky_fake, sky_id, 1, 2, 30, 1);
  hd_fake_server_clear_requests (fixture->mastodon_fake->server);
  hd_fake_server_add_fault (fixture->mastodon_fake->server, "GET", STATUSES,
                            HD_FAKE_FAULT_STATUS, 429,
                            "{\"error\":\"Too many requests\"}", retry_after, 0);

  limited = pull (fixture, TEST_NOW + 60);

  /* The instance said to wait: Herald asked it nothing more this run and said why. */
  g_assert_cmpuint (hd_fake_server_count (fixture->mastodon_fake->server, "GET", STATUSES),
                    ==, 1);
  g_assert_cmpuint (limited->problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (limited->problems, 0), "Corner Bakery: "));
  values = recorded (fixture, first, HD_METRIC_REACTIONS);
  g_assert_cmpuint (values->len, ==, 0);
  g_clear_pointer (&values, g_array_unref);

  /* Bluesky went ahead: likes, and reposts with the quote. */
  values = recorded (fixture, sky, HD_METRIC_REACTIONS);
  g_assert_cmpuint (values->len, ==, 1);
  g_assert_cmpint (g_array_index (values, gint64, 0), ==, 30);
  g_clear_pointer (&values, g_array_unref);
  values = recorded (fixture, sky, HD_METRIC_REPOSTS);
  g_assert_cmpint (g_array_index (values, gint64, 0), ==, 3);
  g_clear_pointer (&values, g_array_unref);

  /* Ten minutes on, the wait is over and both Mastodon posts are read. */
  later = pull (fixture, TEST_NOW + 12 * 60);
  g_assert_cmpuint (later->problems->len, ==, 0);
  values = recorded (fixture, first, HD_METRIC_REACTIONS);
  g_assert_cmpuint (values->len, ==, 1);
  g_clear_pointer (&values, g_array_unref);
  values = recorded (fixture, second, HD_METRIC_REACTIONS);
  g_assert_cmpuint (values->len, ==, 1);
  /* The Bluesky post was read ten minutes ago: not due yet. */
  g_clear_pointer (&values, g_array_unref);
  values = recorded (fixture, sky, HD_METRIC_REACTIONS);
  g_assert_cmpuint (values->len, ==, 1);
}

static HdChannel *
add_facebook (Fixture        *fixture,
              HdFakeFacebook *fake)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *graph = hd_fake_facebook_get_graph_base (fake);
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (channel, fake->page_name);
  hd_channel_set_base_url (channel, graph);
  hd_channel_set_remote_account_id (channel, fake->page_id);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->env.store, channel, &error);
  g_assert_no_error (error);
  hd_secrets_store_async (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN,
                          "Herald: Facebook Page token", fake->page_token, NULL,
                          test_store_result, &result);
  g_assert_true (hd_secrets_store_finish (test_wait (&result), &error));
  g_assert_no_error (error);

  return channel;
}

static gint64
latest_followers (Fixture   *fixture,
                  HdChannel *channel,
                  guint     *n_counts)
{
  g_autoptr(GListModel) counts = NULL;
  g_autoptr(HdMetric) last = NULL;
  g_autoptr(GError) error = NULL;

  counts = hd_store_list_metrics (fixture->env.store, HD_METRIC_SUBJECT_CHANNEL,
                                  hd_channel_get_id (channel), HD_METRIC_FOLLOWERS, 0,
                                  G_MAXINT64, &error);
  g_assert_no_error (error);
  *n_counts = g_list_model_get_n_items (counts);
  if (*n_counts == 0)
    return HD_METRIC_NOT_AVAILABLE;

  last = g_list_model_get_item (counts, *n_counts - 1);
  return hd_metric_get_value (last);
}

/* A Page's followers once a day, and a metric Meta retired: not an error, not a zero, and
 * the value Herald had before stays in the reports. */
static void
test_followers_and_retired (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(HdFakeFacebook) fake = hd_fake_facebook_new ();
  g_autoptr(HdChannel) page = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(HdMetricsPullReport) first = NULL;
  g_autoptr(HdMetricsPullReport) retired = NULL;
  g_autoptr(HdMetricsPullReport) next_day = NULL;
  g_autoptr(HdReport) report = NULL;
  g_autoptr(GArray) views = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *remote_id = NULL;
  HdReportPost *row;
  HdReportChannel *on_page;
  guint n_counts = 0;

  fake->now = TEST_NOW;
  page = add_facebook (fixture, fake);
  post = publish (fixture, page, "Croissants at eight.", &remote_id);
  hd_fake_facebook_set_insight (fake, remote_id, "post_total_media_view_unique", 412);
  hd_fake_facebook_set_insight (fake, fake->page_id, "page_follows", 1280);

  first = pull (fixture, TEST_NOW + 60);
  g_assert_cmpuint (first->problems->len, ==, 0);
  g_assert_cmpuint (first->n_not_available, ==, 0);
  g_assert_cmpint (latest_followers (fixture, page, &n_counts), ==, 1280);
  g_assert_cmpuint (n_counts, ==, 1);
  views = recorded (fixture, post, HD_METRIC_IMPRESSIONS);
  g_assert_cmpuint (views->len, ==, 1);
  g_assert_cmpint (g_array_index (views, gint64, 0), ==, 412);
  g_clear_pointer (&views, g_array_unref);

  /* Meta retires the metric. Two hours on the post is due, the Page's followers are not. */
  hd_fake_facebook_retire_metric (fake, "post_total_media_view_unique");
  hd_fake_facebook_set_insight (fake, fake->page_id, "page_follows", 1300);
  retired = pull (fixture, TEST_NOW + 2 * HOUR);
  g_assert_cmpuint (retired->problems->len, ==, 0);
  g_assert_cmpuint (retired->n_not_available, ==, 1);
  g_assert_cmpuint (retired->n_recorded, ==, 0);
  g_assert_cmpint (latest_followers (fixture, page, &n_counts), ==, 1280);
  g_assert_cmpuint (n_counts, ==, 1);
  views = recorded (fixture, post, HD_METRIC_IMPRESSIONS);
  g_assert_cmpuint (views->len, ==, 1);

  /* A day later the followers are read again. */
  next_day = pull (fixture, TEST_NOW + DAY + 2 * HOUR);
  g_assert_cmpuint (next_day->problems->len, ==, 0);
  g_assert_cmpint (latest_followers (fixture, page, &n_counts), ==, 1300);
  g_assert_cmpuint (n_counts, ==, 2);

  report = hd_store_build_report (fixture->env.store, TEST_NOW - DAY, TEST_NOW + 2 * DAY,
                                  "Europe/London", &error);
  g_assert_no_error (error);
  row = report_post (report, post);
  g_assert_nonnull (row);
  g_assert_cmpint (row->values[HD_REPORT_COLUMN_IMPRESSIONS], ==, 412);
  g_assert_cmpint (row->values[HD_REPORT_COLUMN_REACTIONS], ==, HD_METRIC_NOT_AVAILABLE);
  on_page = hd_report_find_channel (report, hd_channel_get_id (page));
  g_assert_cmpint (on_page->followers_start, ==, 1280);
  g_assert_cmpint (on_page->followers_end, ==, 1300);
}

static void
test_one_run_at_a_time (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *remote_id = NULL;
  g_autoptr(HdPost) post = publish (fixture, fixture->mastodon, "Rye.", &remote_id);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(HdMetricsPullReport) report = NULL;
  g_autoptr(HdMetricsPullReport) refused = NULL;
  g_autoptr(GError) error = NULL;

  hd_metrics_puller_pull_async (fixture->puller, TEST_NOW + 60, NULL, test_store_result, &first);
  hd_metrics_puller_pull_async (fixture->puller, TEST_NOW + 60, NULL, test_store_result,
                                &second);
  refused = hd_metrics_puller_pull_finish (fixture->puller, test_wait (&second), &error);
  g_assert_null (refused);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  report = hd_metrics_puller_pull_finish (fixture->puller, test_wait (&first), NULL);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_read, >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/metrics-puller/followers-due", test_followers_due);
  g_test_add ("/herald/metrics-puller/keeps-history", Fixture, NULL,
              fixture_set_up, test_keeps_history, fixture_tear_down);
  g_test_add ("/herald/metrics-puller/not-available", Fixture, NULL,
              fixture_set_up, test_not_available, fixture_tear_down);
  g_test_add ("/herald/metrics-puller/rate-limited-channel", Fixture, NULL,
              fixture_set_up, test_rate_limited_channel, fixture_tear_down);
  g_test_add ("/herald/metrics-puller/followers-and-retired", Fixture, NULL,
              fixture_set_up, test_followers_and_retired, fixture_tear_down);
  g_test_add ("/herald/metrics-puller/one-run-at-a-time", Fixture, NULL,
              fixture_set_up, test_one_run_at_a_time, fixture_tear_down);

  return g_test_run ();
}
