/* test-sync-reads.c: a sync round over more published posts than one round reads: every post
 * is still read in turn, conflicts are still found, and only what is due is handed back by the
 * store, on the store's connection or on a worker thread; saving a channel leaves its posts alone
 * unless its kind changed
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-sync.h"
#include "hd-metrics-puller.h"
#include "hd-provider-private.h"
#include "hd-puller.h"
#include "hd-store-conflicts.h"
#include "hd-store-metrics.h"
#include "hd-store-private.h"

#define MASTODON_TOKEN "mastodon-token-51c0e2"
#define HOUR (60 * 60)
#define DAY (24 * HOUR)

typedef struct
{
  TestEnv         env;
  HdFakeMastodon *mastodon_fake;
  HdChannel      *mastodon;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->mastodon_fake = hd_fake_mastodon_new ();
  fixture->mastodon_fake->now = TEST_NOW;
  fixture->mastodon_fake->access_token = g_strdup (MASTODON_TOKEN);
  fixture->mastodon = test_sync_add_mastodon (&fixture->env, fixture->mastodon_fake,
                                              MASTODON_TOKEN);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->mastodon);
  hd_fake_mastodon_free (fixture->mastodon_fake);
  test_env_clear (&fixture->env);
}

/* A post published on Mastodon through its provider @age seconds before the test's now. */
static HdPost *
publish (Fixture    *fixture,
         const char *text,
         gint64      age,
         char      **remote_id)
{
  return test_sync_publish (&fixture->env, fixture->mastodon, text, TEST_NOW - age, remote_id);
}

/* A post recorded as published @age seconds ago, without asking the platform: for the
 * store's own choices, which never go out. */
static HdPost *
record_published (Fixture *fixture,
                  guint    n,
                  gint64   age)
{
  g_autofree char *text = g_strdup_printf ("Loaf number %u", n);
  g_autofree char *remote_id = g_strdup_printf ("1100%u", n);
  g_autoptr(GError) error = NULL;
  HdPost *post = test_save_draft (&fixture->env, fixture->mastodon, text);
  HdVariant *variant = hd_post_find_variant (post, hd_channel_get_id (fixture->mastodon));

  hd_variant_set_remote_id (variant, remote_id);
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_post_set_scheduled_at (post, TEST_NOW - age);
  hd_post_set_time_zone (post, "Europe/London");
  hd_post_set_published_at (post, TEST_NOW - age);
  hd_store_save_post (fixture->env.store, post, &error);
  g_assert_no_error (error);

  return post;
}

static void
record_measured (Fixture *fixture,
                 HdPost  *post,
                 gint64   measured_at)
{
  g_autoptr(HdMetric) metric = hd_metric_new ();
  g_autoptr(GError) error = NULL;

  hd_metric_set_subject (metric, HD_METRIC_SUBJECT_POST);
  hd_metric_set_subject_id (metric, hd_post_get_id (post));
  hd_metric_set_channel_id (metric, hd_channel_get_id (fixture->mastodon));
  hd_metric_set_name (metric, "likes");
  hd_metric_set_value (metric, 3);
  hd_metric_set_measured_at (metric, measured_at);
  hd_store_add_metric (fixture->env.store, metric, &error);
  g_assert_no_error (error);
}

static guint
count_variants (Fixture    *fixture,
                const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM post_variants WHERE %s", where);

  return test_sync_count (&fixture->env, sql);
}

static guint
count_measured (Fixture *fixture)
{
  return test_sync_count (&fixture->env,
                          "SELECT count (DISTINCT subject_id) FROM metrics"
                          " WHERE subject_kind = 'post'");
}

static const HdMetricsPace pace = {
  .first_week = HD_METRICS_FIRST_WEEK,
  .daily_until = HD_METRICS_DAILY_UNTIL,
  .hourly_interval = HD_METRICS_HOURLY_INTERVAL,
  .daily_interval = HD_METRICS_DAILY_INTERVAL,
  .weekly_interval = HD_METRICS_WEEKLY_INTERVAL,
};

/* Posts of every age, read last at every pace: hourly in a post's first week, daily until
 * it is 37 days old, weekly after; the age when it was last read sets the pace. */
static const struct
{
  const char *name;
  gint64      age;
  gint64      read_ago;   /* 0: never read */
  gboolean    due;
} paced_posts[] = {
  { "new, never read", 2 * HOUR, 0, TRUE },
  { "first week, read half an hour ago", 3 * DAY, HOUR / 2, FALSE },
  { "first week, read an hour ago", 3 * DAY, HOUR, TRUE },
  { "first month, read 20 hours ago", 20 * DAY, 20 * HOUR, FALSE },
  { "first month, read two days ago", 20 * DAY, 2 * DAY + HOUR, TRUE },
  { "old, read six days ago", 100 * DAY, 6 * DAY, FALSE },
  { "old, read eight days ago", 100 * DAY, 8 * DAY, TRUE },
  { "read late in its first week", 8 * DAY, 2 * DAY, TRUE },
  { "read late in its first month", 40 * DAY, 4 * DAY, TRUE },
  { "read early in its sixth week", 40 * DAY, 2 * DAY, FALSE },
  { "old, never read", 400 * DAY, 0, TRUE },
};

/* The due ones, never read first (newest first), then the longest unread. */
static const char * const paced_due_order[] = {
  "new, never read",
  "old, never read",
  "old, read eight days ago",
  "read late in its first month",
  "first month, read two days ago",
  "read late in its first week",
  "first week, read an hour ago",
};

static GHashTable *
record_paced_posts (Fixture *fixture)
{
  /* post id → name */
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint n = 0; n < G_N_ELEMENTS (paced_posts); n++)
    {
      g_autoptr(HdPost) post = record_published (fixture, n, paced_posts[n].age);

      if (paced_posts[n].read_ago > 0)
        record_measured (fixture, post, TEST_NOW - paced_posts[n].read_ago);
      g_hash_table_insert (names, g_strdup (hd_post_get_id (post)),
                           (gpointer) paced_posts[n].name);
    }

  return names;
}

static void
assert_due_in_order (GHashTable *names,
                     GPtrArray  *due,
                     guint       limit)
{
  g_assert_cmpuint (due->len, ==, MIN (limit, G_N_ELEMENTS (paced_due_order)));
  for (guint i = 0; i < due->len; i++)
    {
      HdMeasuredVariant *got = g_ptr_array_index (due, i);

      g_assert_cmpstr (g_hash_table_lookup (names, got->post_id), ==, paced_due_order[i]);
    }
}

/* The store hands back the posts due for their counts, in the order they are read, cut at
 * the limit; the same on a worker thread. */
static void
test_due_posts_follow_the_pace (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GHashTable) names = record_paced_posts (fixture);
  const guint limits[] = { 3, 7, 1000 };
  guint n_due = 0;

  for (guint n = 0; n < G_N_ELEMENTS (paced_posts); n++)
    n_due += paced_posts[n].due ? 1 : 0;
  g_assert_cmpuint (n_due, ==, G_N_ELEMENTS (paced_due_order));

  for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
    {
      g_autoptr(GPtrArray) due = NULL;
      g_autoptr(GPtrArray) due_in_thread = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      due = hd_store_list_due_published_variants (fixture->env.store,
                                                  hd_channel_get_id (fixture->mastodon),
                                                  TEST_NOW, &pace, limits[l], &error);
      g_assert_no_error (error);
      assert_due_in_order (names, due, limits[l]);

      hd_store_list_due_published_variants_async (fixture->env.store,
                                                  hd_channel_get_id (fixture->mastodon),
                                                  TEST_NOW, &pace, limits[l], NULL,
                                                  test_store_result, &result);
      due_in_thread = hd_store_list_due_published_variants_finish (fixture->env.store,
                                                                   test_wait (&result),
                                                                   &error);
      g_assert_no_error (error);
      assert_due_in_order (names, due_in_thread, limits[l]);
    }
}

/* Read on a worker thread, the posts to read back are the ones the store's own connection
 * lists, in the same order, with what that connection has just written; the caller's main
 * loop goes on meanwhile. */
static void
test_variants_to_pull_in_thread (Fixture       *fixture,
                                 gconstpointer  data)
{
  const char *channel_id = hd_channel_get_id (fixture->mastodon);
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) pulled_last = g_ptr_array_new ();
  const guint limits[] = { 7, 1000 };

  for (guint n = 0; n < 30; n++)
    g_ptr_array_add (posts, record_published (fixture, n, (gint64) (n + 1) * HOUR));

  /* Read back a moment ago: these come last, whatever their age. */
  for (guint n = 0; n < 30; n += 6)
    {
      g_autoptr(GError) error = NULL;
      HdPost *post = g_ptr_array_index (posts, n);
      HdVariant *variant = hd_post_find_variant (post, channel_id);

      hd_store_note_pulled (fixture->env.store, hd_variant_get_id (variant), TEST_NOW - 60,
                            &error);
      g_assert_no_error (error);
      g_ptr_array_add (pulled_last, (gpointer) hd_post_get_id (post));
    }

  for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
    {
      g_autoptr(GPtrArray) here = NULL;
      g_autoptr(GPtrArray) in_thread = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      here = hd_store_list_variants_to_pull (fixture->env.store, channel_id,
                                             TEST_NOW - HD_PULLER_WINDOW, limits[l], &error);
      g_assert_no_error (error);

      hd_store_list_variants_to_pull_async (fixture->env.store, channel_id,
                                            TEST_NOW - HD_PULLER_WINDOW, limits[l], NULL,
                                            test_store_result, &result);
      /* Nothing is waited for: the answer comes through the main loop. */
      g_assert_null (result);
      in_thread = hd_store_list_variants_to_pull_finish (fixture->env.store,
                                                         test_wait (&result), &error);
      g_assert_no_error (error);

      g_assert_cmpuint (in_thread->len, ==, MIN (limits[l], 30));
      g_assert_cmpuint (here->len, ==, in_thread->len);
      for (guint i = 0; i < in_thread->len; i++)
        {
          HdRemoteVariant *got = g_ptr_array_index (in_thread, i);
          HdRemoteVariant *want = g_ptr_array_index (here, i);

          g_assert_cmpstr (got->variant_id, ==, want->variant_id);
          g_assert_cmpstr (got->remote_id, ==, want->remote_id);
          /* Never read back first, newest first (post n is n + 1 hours old, and every sixth
           * was read back), then those read back. */
          if (i < 25)
            g_assert_cmpstr (got->post_id, ==,
                             hd_post_get_id (g_ptr_array_index (posts, i + i / 5 + 1)));
          else
            g_assert_true (g_ptr_array_find_with_equal_func (pulled_last, got->post_id,
                                                             g_str_equal, NULL));
        }
    }
}

/* A post recorded as published on @channel @age seconds ago. */
static void
record_published_on (Fixture    *fixture,
                     HdChannel  *channel,
                     const char *remote_id,
                     gint64      age)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = test_save_draft (&fixture->env, channel, remote_id);
  HdVariant *variant = hd_post_find_variant (post, hd_channel_get_id (channel));

  hd_variant_set_remote_id (variant, remote_id);
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_post_set_published_at (post, TEST_NOW - age);
  hd_store_save_post (fixture->env.store, post, &error);
  g_assert_no_error (error);
}

static GPtrArray *
list_published (Fixture   *fixture,
                HdChannel *channel,
                guint      limit)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *remote_ids;

  _hd_provider_list_published_async (fixture->env.store, channel, limit, NULL,
                                     test_store_result, &result);
  remote_ids = _hd_provider_list_published_finish (fixture->env.store, test_wait (&result),
                                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (remote_ids);

  return remote_ids;
}

/* The posts a Page's comments are read under are listed on a worker thread: the latest
 * first, as many as asked, and a post published since shows in the next listing. */
static void
test_published_listed_in_thread (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(HdChannel) page = hd_channel_new ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  hd_channel_set_kind (page, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (page, "Corner Bakery");
  hd_channel_set_state (page, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->env.store, page, &error);
  g_assert_no_error (error);

  for (guint n = 0; n < 30; n++)
    {
      g_autofree char *remote_id = g_strdup_printf ("1042_%u", n);

      record_published_on (fixture, page, remote_id, (gint64) (n + 1) * HOUR);
    }
  first = list_published (fixture, page, 20);
  g_assert_cmpuint (first->len, ==, 20);
  g_assert_cmpstr (g_ptr_array_index (first, 0), ==, "1042_0");
  g_assert_cmpstr (g_ptr_array_index (first, 19), ==, "1042_19");

  record_published_on (fixture, page, "1042_new", 60);
  again = list_published (fixture, page, 20);
  g_assert_cmpuint (again->len, ==, 20);
  g_assert_cmpstr (g_ptr_array_index (again, 0), ==, "1042_new");
  g_assert_cmpstr (g_ptr_array_index (again, 19), ==, "1042_18");
}

static HdMetricsPullReport *
pull_metrics (Fixture         *fixture,
              HdMetricsPuller *puller)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdMetricsPullReport *report;

  hd_metrics_puller_pull_async (puller, TEST_NOW, NULL, test_store_result, &result);
  report = hd_metrics_puller_pull_finish (puller, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->problems->len, ==, 0);

  return report;
}

/* More published posts than a round reads: each round reads the next ones, until every post
 * has its counts and nothing is due. */
static void
test_metrics_rounds_read_every_post (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(HdMetricsPuller) puller = hd_metrics_puller_new (fixture->env.store,
                                                             fixture->env.http);
  guint expected_measured[] = { 4, 8, 10, 10 };

  for (guint n = 0; n < 10; n++)
    {
      g_autofree char *text = g_strdup_printf ("Rye loaf number %u", n);
      g_autoptr(HdPost) post = publish (fixture, text, (gint64) (n + 1) * DAY, NULL);
    }

  hd_metrics_puller_set_max_per_channel (puller, 4);
  for (guint round = 0; round < G_N_ELEMENTS (expected_measured); round++)
    {
      g_autoptr(HdMetricsPullReport) report = pull_metrics (fixture, puller);

      g_assert_cmpuint (count_measured (fixture), ==, expected_measured[round]);
    }
}

static HdPullReport *
pull_back (HdPuller *puller,
           gint64    now)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdPullReport *report;

  hd_puller_pull_async (puller, now, NULL, test_store_result, &result);
  report = hd_puller_pull_finish (puller, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->problems->len, ==, 0);

  return report;
}

/* More posts than one round reads back: over the rounds every one is checked once, and the
 * ones edited on the platform are all reported. */
static void
test_pull_rounds_check_every_post (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(HdPuller) puller = hd_puller_new (fixture->env.store, fixture->env.http);
  g_autoptr(GHashTable) conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           NULL);

  for (guint n = 0; n < 11; n++)
    {
      g_autofree char *text = g_strdup_printf ("Sourdough batch %u", n);
      g_autofree char *remote_id = NULL;
      g_autoptr(HdPost) post = publish (fixture, text, (gint64) (n + 1) * HOUR, &remote_id);

      if (n % 4 == 1)
        {
          g_autofree char *edited = g_strdup_printf ("Sourdough batch %u, sold out", n);

          hd_fake_mastodon_edit_status (fixture->mastodon_fake, remote_id, edited);
        }
    }

  /* Three rounds of three leave two posts unread; the fourth reads them first. */
  hd_puller_set_max_per_channel (puller, 3);
  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(HdPullReport) report = pull_back (puller, TEST_NOW + 600 + round);

      g_assert_cmpuint (report->n_checked, ==, 3);
      for (guint i = 0; i < report->conflicts->len; i++)
        {
          HdRemoteVariant *conflict = g_ptr_array_index (report->conflicts, i);

          g_assert_cmpint (conflict->conflict, ==, HD_CONFLICT_EDITED);
          g_assert_true (g_hash_table_add (conflicts, g_strdup (conflict->variant_id)));
        }
      g_assert_cmpuint (count_variants (fixture, "pulled_at IS NOT NULL OR conflict IS NOT NULL"),
                        ==, MIN (11, 3 * (round + 1)));
    }

  g_assert_cmpuint (g_hash_table_size (conflicts), ==, 3);
}

static gint64
channel_mask_of (Fixture *fixture,
                 HdPost  *post)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = _hd_store_prepare (fixture->env.store, "SELECT channel_mask FROM posts WHERE id = ?1",
                            "test", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, hd_post_get_id (post), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Marking a channel for reconnecting writes that one row, not every post it ever carried;
 * a channel whose kind does change still changes its posts' channel masks. */
static void
test_channel_save_leaves_posts (Fixture       *fixture,
                                gconstpointer  data)
{
  sqlite3 *db = _hd_store_get_db (fixture->env.store);
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(HdChannel) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 mastodon_mask;
  int before;

  for (guint n = 0; n < 25; n++)
    g_ptr_array_add (posts, record_published (fixture, n, (gint64) (n + 1) * DAY));
  mastodon_mask = channel_mask_of (fixture, g_ptr_array_index (posts, 0));
  g_assert_cmpint (mastodon_mask, !=, 0);

  stored = hd_store_load_channel (fixture->env.store, hd_channel_get_id (fixture->mastodon),
                                  &error);
  g_assert_no_error (error);
  hd_channel_set_state (stored, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  before = sqlite3_total_changes (db);
  hd_store_save_channel (fixture->env.store, stored, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_total_changes (db) - before, ==, 1);
  g_clear_object (&stored);

  stored = hd_store_load_channel (fixture->env.store, hd_channel_get_id (fixture->mastodon),
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_state (stored), ==, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  g_assert_cmpint (hd_channel_get_kind (stored), ==, HD_CHANNEL_KIND_MASTODON);

  hd_channel_set_kind (stored, HD_CHANNEL_KIND_BLUESKY);
  hd_store_save_channel (fixture->env.store, stored, &error);
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = hd_store_load_channel (fixture->env.store, hd_channel_get_id (fixture->mastodon),
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_kind (stored), ==, HD_CHANNEL_KIND_BLUESKY);
  for (guint i = 0; i < posts->len; i++)
    {
      gint64 mask = channel_mask_of (fixture, g_ptr_array_index (posts, i));

      g_assert_cmpint (mask, !=, 0);
      g_assert_cmpint (mask, !=, mastodon_mask);
    }
}

/* After a round has read through many posts, the pages it left in the connection's cache go
 * back. */
static void
test_release_memory (Fixture       *fixture,
                     gconstpointer  data)
{
  sqlite3 *db = _hd_store_get_db (fixture->env.store);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  int used_before = 0;
  int used_after = 0;
  int highwater = 0;

  for (guint n = 0; n < 300; n++)
    g_object_unref (record_published (fixture, n, (gint64) (n + 1) * HOUR));
  all = hd_store_list_due_published_variants (fixture->env.store,
                                              hd_channel_get_id (fixture->mastodon), TEST_NOW,
                                              &pace, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 300);

  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_USED, &used_before, &highwater, 0);
  hd_store_release_memory (fixture->env.store);
  sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_USED, &used_after, &highwater, 0);
  g_assert_cmpint (used_before, >, 64 * 1024);
  g_assert_cmpint (used_after, <, used_before / 4);

  /* And the store reads on as before. */
  g_clear_pointer (&all, g_ptr_array_unref);
  all = hd_store_list_due_published_variants (fixture->env.store,
                                              hd_channel_get_id (fixture->mastodon), TEST_NOW,
                                              &pace, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 300);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/sync-reads/due-posts-follow-the-pace", Fixture, NULL,
              fixture_set_up, test_due_posts_follow_the_pace, fixture_tear_down);
  g_test_add ("/herald/sync-reads/variants-to-pull-in-thread", Fixture, NULL,
              fixture_set_up, test_variants_to_pull_in_thread, fixture_tear_down);
  g_test_add ("/herald/sync-reads/published-listed-in-thread", Fixture, NULL,
              fixture_set_up, test_published_listed_in_thread, fixture_tear_down);
  g_test_add ("/herald/sync-reads/metrics-rounds-read-every-post", Fixture, NULL,
              fixture_set_up, test_metrics_rounds_read_every_post, fixture_tear_down);
  g_test_add ("/herald/sync-reads/pull-rounds-check-every-post", Fixture, NULL,
              fixture_set_up, test_pull_rounds_check_every_post, fixture_tear_down);
  g_test_add ("/herald/sync-reads/channel-save-leaves-posts", Fixture, NULL,
              fixture_set_up, test_channel_save_leaves_posts, fixture_tear_down);
  g_test_add ("/herald/sync-reads/release-memory", Fixture, NULL,
              fixture_set_up, test_release_memory, fixture_tear_down);

  return g_test_run ();
}
