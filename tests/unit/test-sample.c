/* test-sample.c: the sample workspace a newcomer explores.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>

#include "hd-core.h"
#include "hd-store-private.h"

typedef struct
{
  char *dir;
  HdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("herald-sample-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "sample.db", NULL);
  fixture->store = hd_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const files[] = { "sample.db", "sample.db-wal", "sample.db-shm" };

  g_assert_finalize_object (fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, files[i], NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 result;

  g_assert_cmpint (sqlite3_prepare_v2 (_hd_store_get_db (fixture->store), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return result;
}

static GListModel *
all_posts (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) posts = g_list_store_new (HD_TYPE_POST);

  for (int state = HD_POST_STATE_IDEA; state <= HD_POST_STATE_NEEDS_ATTENTION; state++)
    {
      g_autoptr(GListModel) some = hd_store_list_posts_in_state (fixture->store, state, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < g_list_model_get_n_items (some); i++)
        {
          g_autoptr(HdPost) post = g_list_model_get_item (some, i);

          g_list_store_append (posts, post);
        }
    }

  return G_LIST_MODEL (g_steal_pointer (&posts));
}

static guint
count_in_state (GListModel  *posts,
                HdPostState  state)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(HdPost) post = g_list_model_get_item (posts, i);

      n += hd_post_get_state (post) == state;
    }

  return n;
}

static void
seed_at (Fixture    *fixture,
         GDateTime  *now)
{
  g_autoptr(GError) error = NULL;

  hd_store_seed_sample (fixture->store, now, &error);
  g_assert_no_error (error);
}

static void
test_fills_every_family (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 10, 14, 9, 30, 0);
  gint64 now_unix = g_date_time_to_unix (now);
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GListModel) labels = NULL;
  g_autoptr(GListModel) campaigns = NULL;
  g_autoptr(GListModel) ad_sets = NULL;
  g_autoptr(GListModel) ads = NULL;
  g_autoptr(GListModel) audiences = NULL;
  g_autoptr(GListModel) inbox = NULL;
  g_autoptr(GListModel) posts = NULL;
  g_autoptr(GListModel) reach = NULL;
  g_autoptr(GListModel) spend = NULL;
  g_autoptr(HdCampaign) campaign = NULL;
  g_autoptr(HdAdSet) ad_set = NULL;
  g_autoptr(HdAd) ad = NULL;
  g_autoptr(HdAudience) audience = NULL;
  g_autoptr(HdPost) ad_post = NULL;
  g_autoptr(HdMetric) campaign_spend = NULL;
  guint kinds = 0;
  guint unread = 0;
  guint replied = 0;

  seed_at (fixture, now);

  channels = hd_store_list_channels (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      kinds |= 1u << hd_channel_get_kind (channel);
      /* Samples are not real accounts: nothing may ever be sent from them. */
      g_assert_cmpint (hd_channel_get_state (channel), ==, HD_CHANNEL_STATE_DISCONNECTED);
    }
  g_assert_cmpuint (kinds, ==, (1u << HD_CHANNEL_KIND_MASTODON) |
                               (1u << HD_CHANNEL_KIND_BLUESKY) |
                               (1u << HD_CHANNEL_KIND_FACEBOOK_PAGE) |
                               (1u << HD_CHANNEL_KIND_INSTAGRAM) |
                               (1u << HD_CHANNEL_KIND_LINKEDIN));

  labels = hd_store_list_labels (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (labels), >=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (labels), <=, 4);

  posts = all_posts (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (posts), >=, 20);
  g_assert_cmpuint (g_list_model_get_n_items (posts), <=, 30);
  g_assert_cmpuint (count_in_state (posts, HD_POST_STATE_PUBLISHED), >=, 5);
  g_assert_cmpuint (count_in_state (posts, HD_POST_STATE_SCHEDULED), >=, 3);
  g_assert_cmpuint (count_in_state (posts, HD_POST_STATE_DRAFT), >=, 1);
  g_assert_cmpuint (count_in_state (posts, HD_POST_STATE_IDEA), >=, 3);
  g_assert_cmpuint (count_in_state (posts, HD_POST_STATE_FAILED), ==, 1);
  g_assert_cmpuint (count_in_state (posts, HD_POST_STATE_NEEDS_ATTENTION), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM post_variants"), >,
                   g_list_model_get_n_items (posts));
  /* Some posts say something different on one channel. */
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM post_variants WHERE text IS NOT NULL"),
                   >=, 1);

  campaigns = hd_store_list_campaigns (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (campaigns), ==, 1);
  campaign = g_list_model_get_item (campaigns, 0);
  g_assert_cmpstr (hd_campaign_get_objective (campaign), ==, "OUTCOME_TRAFFIC");
  g_assert_cmpint (hd_campaign_get_status (campaign), ==, HD_AD_STATUS_PAUSED);
  g_assert_cmpstr (hd_campaign_get_special_ad_categories (campaign), ==, "[]");

  ad_sets = hd_store_list_ad_sets (fixture->store, hd_campaign_get_id (campaign), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ad_sets), ==, 1);
  ad_set = g_list_model_get_item (ad_sets, 0);
  g_assert_cmpint (hd_ad_set_get_budget_kind (ad_set), ==, HD_BUDGET_KIND_DAILY);
  g_assert_cmpint (hd_ad_set_get_budget_minor (ad_set), ==, 2000);
  g_assert_cmpstr (hd_ad_set_get_currency (ad_set), ==, "GBP");
  g_assert_cmpstr (hd_ad_set_get_time_zone (ad_set), ==, "Europe/London");
  /* Fourteen days, give or take the hour a clock change may add or take away. */
  g_assert_cmpint (ABS (hd_ad_set_get_ends_at (ad_set) - hd_ad_set_get_starts_at (ad_set) -
                        14 * 86400), <=, 3600);
  g_assert_nonnull (strstr (hd_ad_set_get_dayparting (ad_set), "[1,2,3,4,5]"));
  g_assert_nonnull (strstr (hd_ad_set_get_dayparting (ad_set), "\"start_minute\":480"));
  g_assert_nonnull (strstr (hd_ad_set_get_dayparting (ad_set), "\"end_minute\":1200"));

  audiences = hd_store_list_audiences (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (audiences), ==, 1);
  audience = g_list_model_get_item (audiences, 0);
  g_assert_cmpstr (hd_audience_get_name (audience), ==, "Dog owners near Watford");
  g_assert_cmpstr (hd_ad_set_get_audience_id (ad_set), ==, hd_audience_get_id (audience));
  g_assert_nonnull (strstr (hd_audience_get_spec (audience), "\"Watford\""));
  g_assert_nonnull (strstr (hd_audience_get_spec (audience), "\"radius\":10"));
  g_assert_nonnull (strstr (hd_audience_get_spec (audience), "\"age_min\":25"));
  g_assert_nonnull (strstr (hd_audience_get_spec (audience), "\"age_max\":55"));
  g_assert_nonnull (strstr (hd_audience_get_spec (audience), "Pet grooming"));

  ads = hd_store_list_ads (fixture->store, hd_ad_set_get_id (ad_set), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ads), ==, 1);
  ad = g_list_model_get_item (ads, 0);
  g_assert_nonnull (hd_ad_get_post_id (ad));
  ad_post = hd_store_load_post (fixture->store, hd_ad_get_post_id (ad), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_post_get_campaign_id (ad_post), ==, hd_campaign_get_id (campaign));

  inbox = hd_store_list_inbox (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (inbox), >=, 6);
  for (guint i = 0; i < g_list_model_get_n_items (inbox); i++)
    {
      g_autoptr(HdInboxItem) item = g_list_model_get_item (inbox, i);

      unread += hd_inbox_item_get_reply_state (item) == HD_REPLY_STATE_UNREAD;
      replied += hd_inbox_item_get_reply_state (item) == HD_REPLY_STATE_REPLIED;
      g_assert_cmpint (hd_inbox_item_get_received_at (item), <, now_unix);
    }
  g_assert_cmpuint (unread, >, 0);
  g_assert_cmpuint (replied, >, 0);

  /* The Reports page has something to show for the last four weeks. */
  reach = hd_store_sum_metric_by_channel (fixture->store, HD_METRIC_IMPRESSIONS,
                                          now_unix - 28 * 86400, now_unix, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (reach), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(HdMetric) total = g_list_model_get_item (reach, i);

      g_assert_cmpint (hd_metric_get_value (total), >, 0);
    }
  spend = hd_store_sum_metric_by_campaign (fixture->store, HD_METRIC_SPEND,
                                           now_unix - 28 * 86400, now_unix, &error);
  g_assert_no_error (error);
  campaign_spend = g_list_model_get_item (spend, 0);
  g_assert_cmpint (hd_metric_get_value (campaign_spend), >, 0);
  /* Paused within its daily budget: never more than £20.00 a day for a week. */
  g_assert_cmpint (hd_metric_get_value (campaign_spend), <=, 7 * 2000);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM metrics WHERE measured_at > "
                                        "(SELECT max (published_at) + 3 * 86400 FROM posts)"),
                   ==, 0);
}

static void
assert_posts_sensible (GListModel *posts,
                       GDateTime  *now)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  gint64 now_unix = g_date_time_to_unix (now);

  g_assert_nonnull (london);

  for (guint i = 0; i < g_list_model_get_n_items (posts); i++)
    {
      g_autoptr(HdPost) post = g_list_model_get_item (posts, i);
      gint64 at = hd_post_get_scheduled_at (post);
      HdPostState state = hd_post_get_state (post);
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;

      g_test_message ("%s: %s", hd_enum_to_nick (HD_TYPE_POST_STATE, state),
                      hd_post_get_text (post));

      g_assert_cmpstr (hd_post_get_time_zone (post), ==, "Europe/London");
      g_assert_cmpuint (strlen (hd_post_get_text (post)), >, 20);

      if (state == HD_POST_STATE_IDEA)
        {
          g_assert_cmpint (at, ==, 0);
          continue;
        }

      /* Within three weeks either side, at an hour a salon would post. */
      g_assert_cmpint (at, >=, now_unix - 22 * 86400);
      g_assert_cmpint (at, <=, now_unix + 22 * 86400);
      utc = g_date_time_new_from_unix_utc (at);
      local = g_date_time_to_timezone (utc, london);
      g_assert_cmpint (g_date_time_get_hour (local), >=, 8);
      g_assert_cmpint (g_date_time_get_hour (local), <=, 19);

      if (state == HD_POST_STATE_PUBLISHED || state == HD_POST_STATE_FAILED)
        g_assert_cmpint (at, <, now_unix);
      if (state == HD_POST_STATE_PUBLISHED)
        g_assert_cmpint (hd_post_get_published_at (post), ==, at);
      else
        g_assert_cmpint (hd_post_get_published_at (post), ==, 0);
      if (state == HD_POST_STATE_SCHEDULED || state == HD_POST_STATE_DRAFT ||
          state == HD_POST_STATE_NEEDS_ATTENTION)
        g_assert_cmpint (at, >, now_unix);
      if (state == HD_POST_STATE_FAILED || state == HD_POST_STATE_NEEDS_ATTENTION)
        g_assert_nonnull (hd_post_get_notes (post));

      g_assert_cmpuint (g_list_model_get_n_items (hd_post_get_variants (post)), >, 0);
    }
}

static void
test_instants (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 10, 14, 9, 30, 0);
  g_autoptr(GListModel) posts = NULL;

  seed_at (fixture, now);
  posts = all_posts (fixture);
  assert_posts_sensible (posts, now);
}

/* Three weeks either side of a clock change still land at the local hours intended. */
static void
test_instants_across_dst (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2027, 3, 28, 23, 50, 0);
  g_autoptr(GListModel) posts = NULL;

  seed_at (fixture, now);
  posts = all_posts (fixture);
  assert_posts_sensible (posts, now);
}

static void
test_refuses_non_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 10, 14, 9, 30, 0);
  g_autoptr(HdChannel) own = hd_channel_new ();
  guint n_posts = 0;

  hd_channel_set_kind (own, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (own, "My real account");
  hd_store_save_channel (fixture->store, own, &error);
  g_assert_no_error (error);

  g_assert_false (hd_store_seed_sample (fixture->store, now, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, hd_store_get_path (fixture->store)));
  g_clear_error (&error);

  hd_store_count_posts (fixture->store, &n_posts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_posts, ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM channels"), ==, 1);
}

static void
test_refuses_twice (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 10, 14, 9, 30, 0);
  gint64 n_posts;

  seed_at (fixture, now);
  n_posts = count_rows (fixture, "SELECT count(*) FROM posts");

  g_assert_false (hd_store_seed_sample (fixture->store, now, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM posts"), ==, n_posts);
}

typedef struct
{
  guint n_changed;
} Seen;

static void
on_changed (HdStore    *store,
            const char *family,
            Seen       *seen)
{
  seen->n_changed++;
}

/* One transaction: listeners hear of each family once, and only when it is all there. */
static void
test_one_transaction (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 10, 14, 9, 30, 0);
  Seen seen = { 0, };

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), &seen);
  seed_at (fixture, now);
  g_assert_cmpuint (seen.n_changed, >=, 8);
  g_assert_cmpuint (seen.n_changed, <=, 11);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/herald/sample/fills-every-family", test_fills_every_family);
  ADD ("/herald/sample/instants", test_instants);
  ADD ("/herald/sample/instants-across-dst", test_instants_across_dst);
  ADD ("/herald/sample/refuses-non-empty", test_refuses_non_empty);
  ADD ("/herald/sample/refuses-twice", test_refuses_twice);
  ADD ("/herald/sample/one-transaction", test_one_transaction);

#undef ADD

  return g_test_run ();
}
