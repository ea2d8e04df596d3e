/* test-store-ads.c: ad accounts, what Meta confirmed, conflicts, search cache and daily results.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hd-test-store.h"

static HdAdAccount *
save_account (Fixture    *fixture,
              HdChannel  *channel,
              const char *remote_id)
{
  g_autoptr(GError) error = NULL;
  HdAdAccount *account = hd_ad_account_new ();

  hd_ad_account_set_channel_id (account, hd_channel_get_id (channel));
  hd_ad_account_set_remote_id (account, remote_id);
  hd_ad_account_set_name (account, "Bakery ads");
  hd_ad_account_set_currency (account, "GBP");
  hd_ad_account_set_time_zone (account, "Europe/London");
  hd_ad_account_set_min_daily_budget_imp (account, 100);
  hd_store_save_ad_account (fixture->store, account, &error);
  g_assert_no_error (error);

  return account;
}

static HdCampaign *
new_campaign (HdAdAccount *account)
{
  HdCampaign *campaign = hd_campaign_new ();

  hd_campaign_set_name (campaign, "Spring");
  hd_campaign_set_objective (campaign, "OUTCOME_TRAFFIC");
  if (account != NULL)
    hd_campaign_set_account_id (campaign, hd_ad_account_get_id (account));

  return campaign;
}

static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) page = save_channel (fixture, HD_CHANNEL_KIND_FACEBOOK_PAGE, "Page");
  g_autoptr(HdAdAccount) kept = save_account (fixture, page, "act_1");
  g_autoptr(HdAdAccount) gone = save_account (fixture, page, "act_2");
  g_autoptr(HdAdAccount) loaded = NULL;
  g_autoptr(HdAdAccount) kept_again = hd_ad_account_new ();
  g_autoptr(HdAdAccount) fresh = hd_ad_account_new ();
  g_autoptr(HdAdAccount) bad = hd_ad_account_new ();
  g_autoptr(HdCampaign) on_kept = new_campaign (kept);
  g_autoptr(HdCampaign) on_gone = new_campaign (gone);
  g_autoptr(HdCampaign) named = new_campaign (NULL);
  g_autoptr(HdCampaign) reloaded = NULL;
  g_autoptr(GPtrArray) fetched = g_ptr_array_new ();
  g_autoptr(GListModel) list = NULL;

  loaded = hd_store_load_ad_account (fixture->store, hd_ad_account_get_id (kept), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_ad_account_get_currency (loaded), ==, "GBP");
  g_assert_cmpint (hd_ad_account_get_min_daily_budget_imp (loaded), ==, 100);

  /* A currency Meta never writes is refused with a sentence, and nothing is stored. */
  hd_ad_account_set_channel_id (bad, hd_channel_get_id (page));
  hd_ad_account_set_remote_id (bad, "act_9");
  hd_ad_account_set_currency (bad, "gbp");
  g_assert_false (hd_store_save_ad_account (fixture->store, bad, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  hd_ad_account_set_currency (bad, "GBP");
  hd_ad_account_set_remote_id (bad, "123");
  g_assert_false (hd_store_save_ad_account (fixture->store, bad, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  hd_store_save_campaign (fixture->store, on_kept, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_campaign_get_ad_account_id (on_kept), ==, "act_1");
  hd_store_save_campaign (fixture->store, on_gone, &error);
  g_assert_no_error (error);
  hd_campaign_set_ad_account_id (named, "act_3");
  hd_store_save_campaign (fixture->store, named, &error);
  g_assert_no_error (error);
  g_assert_null (hd_campaign_get_account_id (named));

  /* A fetch lists act_1 again, drops act_2 and brings act_3. */
  hd_ad_account_set_remote_id (kept_again, "act_1");
  hd_ad_account_set_currency (kept_again, "EUR");
  hd_ad_account_set_remote_id (fresh, "act_3");
  hd_ad_account_set_currency (fresh, "JPY");
  g_ptr_array_add (fetched, kept_again);
  g_ptr_array_add (fetched, fresh);
  hd_store_replace_ad_accounts (fixture->store, hd_channel_get_id (page), fetched, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_ad_account_get_id (kept_again), ==, hd_ad_account_get_id (kept));

  list = hd_store_list_ad_accounts (fixture->store, hd_channel_get_id (page), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);

  reloaded = hd_store_load_campaign (fixture->store, hd_campaign_get_id (on_kept), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_campaign_get_account_id (reloaded), ==, hd_ad_account_get_id (kept));
  g_clear_object (&reloaded);
  reloaded = hd_store_load_campaign (fixture->store, hd_campaign_get_id (on_gone), &error);
  g_assert_no_error (error);
  g_assert_null (hd_campaign_get_account_id (reloaded));
  g_clear_object (&reloaded);
  reloaded = hd_store_load_campaign (fixture->store, hd_campaign_get_id (named), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_campaign_get_account_id (reloaded), ==, hd_ad_account_get_id (fresh));

  /* The schema itself refuses a campaign on an account that does not exist. */
  g_assert_cmpint (sqlite3_exec (_hd_store_get_db (fixture->store),
                                 "UPDATE campaigns SET account_id = 'nope'", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT_FOREIGNKEY);

  /* Removing the channel removes its accounts; the campaigns stay, without one. */
  hd_store_delete_channel (fixture->store, hd_channel_get_id (page), &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM ad_accounts"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM campaigns"
                                        " WHERE account_id IS NULL"), ==, 3);
}

typedef struct
{
  HdChannel *page;
  HdAdAccount *account;
  HdAudience *audience;
  HdCampaign *campaign;
  HdAdSet *ad_set;
} Tree;

static void
tree_clear (Tree *tree)
{
  g_clear_object (&tree->page);
  g_clear_object (&tree->account);
  g_clear_object (&tree->audience);
  g_clear_object (&tree->campaign);
  g_clear_object (&tree->ad_set);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tree, tree_clear)

static void
build_tree (Fixture *fixture,
            Tree    *tree)
{
  g_autoptr(GError) error = NULL;

  tree->page = save_channel (fixture, HD_CHANNEL_KIND_FACEBOOK_PAGE, "Page");
  tree->account = save_account (fixture, tree->page, "act_42");
  tree->audience = hd_audience_new ();
  hd_audience_set_name (tree->audience, "Dog owners");
  hd_audience_set_spec (tree->audience, "{\"geo_locations\":{\"countries\":[\"GB\"]},"
                                        "\"targeting_automation\":{\"advantage_audience\":0}}");
  hd_store_save_audience (fixture->store, tree->audience, &error);
  g_assert_no_error (error);
  tree->campaign = new_campaign (tree->account);
  hd_campaign_set_remote_id (tree->campaign, "120001");
  hd_store_save_campaign (fixture->store, tree->campaign, &error);
  g_assert_no_error (error);

  tree->ad_set = hd_ad_set_new ();
  hd_ad_set_set_campaign_id (tree->ad_set, hd_campaign_get_id (tree->campaign));
  hd_ad_set_set_name (tree->ad_set, "Weekdays");
  hd_ad_set_set_currency (tree->ad_set, "GBP");
  hd_ad_set_set_budget_minor (tree->ad_set, 2000);
  hd_ad_set_set_time_zone (tree->ad_set, "Europe/London");
  /* 1 July 2030 09:00 in London, summer time. */
  hd_ad_set_set_starts_at (tree->ad_set, 1909123200);
  hd_ad_set_set_optimization_goal (tree->ad_set, "LINK_CLICKS");
  hd_ad_set_set_billing_event (tree->ad_set, "IMPRESSIONS");
  hd_ad_set_set_audience_id (tree->ad_set, hd_audience_get_id (tree->audience));
  hd_ad_set_set_placements (tree->ad_set, "{\"publisher_platforms\":[\"facebook\"]}");
  hd_store_save_ad_set (fixture->store, tree->ad_set, &error);
  g_assert_no_error (error);
}

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static void
test_changed_fields (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Tree) tree = { 0 };
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonObject) changed = NULL;
  g_autofree char *synced = NULL;
  g_autoptr(HdAdSet) stale = NULL;
  JsonObject *targeting;
  const char *id;

  build_tree (fixture, &tree);
  id = hd_ad_set_get_id (tree.ad_set);

  /* Never confirmed by Meta: everything goes, as Meta spells it. */
  params = hd_store_ad_object_changed_fields (fixture->store, HD_OUTBOX_SUBJECT_AD_SET, id,
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (params, "daily_budget"), ==, "2000");
  g_assert_false (json_object_has_member (params, "lifetime_budget"));
  g_assert_cmpstr (json_object_get_string_member (params, "campaign_id"), ==, "120001");
  g_assert_cmpstr (json_object_get_string_member (params, "status"), ==, "PAUSED");
  g_assert_cmpstr (json_object_get_string_member (params, "start_time"), ==,
                   "2030-07-01T09:00:00+01:00");
  targeting = json_object_get_object_member (params, "targeting");
  g_assert_nonnull (json_object_get_object_member (targeting, "targeting_automation"));
  g_assert_nonnull (json_object_get_array_member (targeting, "publisher_platforms"));
  g_assert_false (json_object_has_member (params, "adset_schedule"));

  /* Meta took it: nothing is left to send. */
  synced = to_json (params);
  hd_store_mark_ad_object_synced (fixture->store, HD_OUTBOX_SUBJECT_AD_SET, id, "238001",
                                  synced, &error);
  g_assert_no_error (error);
  changed = hd_store_ad_object_changed_fields (fixture->store, HD_OUTBOX_SUBJECT_AD_SET, id,
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (changed), ==, 0);
  g_clear_pointer (&changed, json_object_unref);

  /* An editor opened before the send still holds no remote id; saving it keeps Meta's. */
  stale = g_object_ref (tree.ad_set);
  g_assert_null (hd_ad_set_get_remote_id (stale));
  hd_ad_set_set_budget_minor (stale, 2500);
  hd_ad_set_set_dayparting (stale, "[{\"start_minute\":480,\"end_minute\":1200,"
                                   "\"days\":[1,2,3,4,5],\"timezone_type\":\"USER\"}]");
  hd_store_save_ad_set (fixture->store, stale, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_ad_set_get_remote_id (stale), ==, "238001");
  g_assert_nonnull (hd_ad_set_get_synced (stale));

  /* Only the budget, as a string of pence, and the schedule with its pacing. */
  changed = hd_store_ad_object_changed_fields (fixture->store, HD_OUTBOX_SUBJECT_AD_SET, id,
                                               &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_object_get_size (changed), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (changed, "daily_budget"), ==, "2500");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (changed,
                                                                         "adset_schedule")),
                    ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (changed,
                                                                                "pacing_type"),
                                                  0), ==, "day_parting");

  /* Unknown kinds and ids say so. */
  g_assert_null (hd_store_ad_object_changed_fields (fixture->store, "post", id, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (hd_store_ad_object_changed_fields (fixture->store, HD_OUTBOX_SUBJECT_AD_SET,
                                                    "missing", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

static void
test_conflicts (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Tree) tree = { 0 };
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(HdAdSet) loaded = NULL;
  HdAdConflict *conflict;

  build_tree (fixture, &tree);

  hd_store_set_ad_object_conflict (fixture->store, HD_OUTBOX_SUBJECT_AD_SET,
                                   hd_ad_set_get_id (tree.ad_set),
                                   "{\"daily_budget\": \"2500\", \"status\": \"ACTIVE\"}", &error);
  g_assert_no_error (error);
  g_assert_false (hd_store_set_ad_object_conflict (fixture->store, HD_OUTBOX_SUBJECT_AD_SET,
                                                   hd_ad_set_get_id (tree.ad_set), "[1]",
                                                   &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  conflicts = hd_store_list_ad_conflicts (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->kind, ==, HD_OUTBOX_SUBJECT_AD_SET);
  g_assert_cmpstr (conflict->name, ==, "Weekdays");
  g_assert_nonnull (strstr (conflict->conflict, "2500"));
  loaded = hd_store_load_ad_set (fixture->store, hd_ad_set_get_id (tree.ad_set), &error);
  g_assert_no_error (error);
  g_assert_nonnull (hd_ad_set_get_conflict (loaded));
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  hd_store_clear_ad_object_conflict (fixture->store, HD_OUTBOX_SUBJECT_AD_SET,
                                     hd_ad_set_get_id (tree.ad_set), &error);
  g_assert_no_error (error);
  conflicts = hd_store_list_ad_conflicts (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
}

static void
test_targeting_cache (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *results = NULL;
  g_autofree char *other = NULL;
  gint64 fetched_at = 0;

  g_assert_null (hd_store_get_targeting_results (fixture->store, "adinterest", "dogs",
                                                 &fetched_at, &error));
  g_assert_no_error (error);

  hd_store_put_targeting_results (fixture->store, "adinterest", "  Pet   Grooming ",
                                  "[{\"id\":\"6003\",\"name\":\"Pet grooming\"}]", 1900000000,
                                  &error);
  g_assert_no_error (error);

  results = hd_store_get_targeting_results (fixture->store, "adinterest", "pet grooming",
                                            &fetched_at, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (results, "6003"));
  g_assert_cmpint (fetched_at, ==, 1900000000);
  other = hd_store_get_targeting_results (fixture->store, "adlocale", "pet grooming", NULL,
                                          &error);
  g_assert_no_error (error);
  g_assert_null (other);
}

static void
test_daily_insights (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) days = NULL;
  g_autoptr(HdMetric) first = NULL;

  hd_store_put_daily_insight (fixture->store, HD_METRIC_SUBJECT_CAMPAIGN, "k-1", NULL,
                              "2030-07-01", HD_METRIC_SPEND, 1200, &error);
  g_assert_no_error (error);
  hd_store_put_daily_insight (fixture->store, HD_METRIC_SUBJECT_CAMPAIGN, "k-1", NULL,
                              "2030-07-02", HD_METRIC_SPEND, 900, &error);
  g_assert_no_error (error);
  /* Fetching a day again replaces it. */
  hd_store_put_daily_insight (fixture->store, HD_METRIC_SUBJECT_CAMPAIGN, "k-1", NULL,
                              "2030-07-01", HD_METRIC_SPEND, 1500, &error);
  g_assert_no_error (error);

  g_assert_false (hd_store_put_daily_insight (fixture->store, HD_METRIC_SUBJECT_CAMPAIGN, "k-1",
                                              NULL, "1 July", HD_METRIC_SPEND, 1, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  days = hd_store_list_daily_insights (fixture->store, HD_METRIC_SUBJECT_CAMPAIGN, "k-1",
                                       HD_METRIC_SPEND, "2030-07-01", "2030-07-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 1);
  first = g_list_model_get_item (days, 0);
  g_assert_cmpint (hd_metric_get_value (first), ==, 1500);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM metrics"), ==, 2);
}

static void
test_outbox_queued (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Tree) tree = { 0 };
  g_autoptr(HdCampaign) orphan = new_campaign (NULL);
  g_autoptr(HdAd) ad = hd_ad_new ();

  build_tree (fixture, &tree);

  /* No account: neither the campaign nor a row. */
  g_assert_false (hd_store_save_campaign_queued (fixture->store, orphan, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM campaigns"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox"), ==, 0);

  /* The ad set is not on Meta yet: a create on the account's channel; saving again joins it. */
  hd_store_save_ad_set_queued (fixture->store, tree.ad_set, &error);
  g_assert_no_error (error);
  hd_ad_set_set_name (tree.ad_set, "Weekday mornings");
  hd_store_save_ad_set_queued (fixture->store, tree.ad_set, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox WHERE subject_kind = 'ad-set'"
                                        " AND operation = 'create' AND state = 'pending'"
                                        " AND channel_id IS NOT NULL"), ==, 1);

  /* The campaign is on Meta: an update. */
  hd_store_save_campaign_queued (fixture->store, tree.campaign, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox WHERE subject_kind ="
                                        " 'campaign' AND operation = 'update'"), ==, 1);

  /* While the create is on its way, an edit waits as an update, never a second create. */
  g_assert_cmpint (sqlite3_exec (_hd_store_get_db (fixture->store),
                                 "UPDATE outbox SET state = 'in-flight'"
                                 " WHERE subject_kind = 'ad-set'", NULL, NULL, NULL), ==, SQLITE_OK);
  hd_store_save_ad_set_queued (fixture->store, tree.ad_set, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox WHERE subject_kind ="
                                        " 'ad-set' AND operation = 'create'"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox WHERE subject_kind ="
                                        " 'ad-set' AND operation = 'update'"), ==, 1);

  /* An ad with a picture the media library does not hold is refused whole. */
  hd_ad_set_ad_set_id (ad, hd_ad_set_get_id (tree.ad_set));
  hd_ad_set_name (ad, "Rolls");
  hd_ad_set_image_sha256 (ad, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  g_assert_false (hd_store_save_ad_queued (fixture->store, ad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM ads"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox WHERE subject_kind = 'ad'"),
                   ==, 0);
}

/* Meta holds the audience inside each ad set's targeting: changing who it reaches must
 * reach the ad sets already there, and a new name alone must not. */
static void
test_audience_queues_its_ad_sets (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Tree) tree = { 0 };

  build_tree (fixture, &tree);

  /* Not on Meta yet: nothing to update there. */
  hd_audience_set_spec (tree.audience, "{\"geo_locations\":{\"countries\":[\"IE\"]},"
                                       "\"targeting_automation\":{\"advantage_audience\":0}}");
  hd_store_save_audience_queued (fixture->store, tree.audience, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox"), ==, 0);

  hd_ad_set_set_remote_id (tree.ad_set, "230001");
  hd_store_save_ad_set (fixture->store, tree.ad_set, &error);
  g_assert_no_error (error);

  hd_audience_set_name (tree.audience, "Dog owners in Ireland");
  hd_store_save_audience_queued (fixture->store, tree.audience, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox"), ==, 0);

  hd_audience_set_spec (tree.audience, "{\"geo_locations\":{\"countries\":[\"GB\",\"IE\"]},"
                                       "\"targeting_automation\":{\"advantage_audience\":0}}");
  hd_store_save_audience_queued (fixture->store, tree.audience, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox WHERE subject_kind ="
                                        " 'ad-set' AND operation = 'update'"
                                        " AND state = 'pending'"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audiences WHERE spec LIKE '%IE%'"
                                        " AND spec LIKE '%GB%'"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/store-ads/accounts", Fixture, NULL, fixture_set_up, test_accounts,
              fixture_tear_down);
  g_test_add ("/herald/store-ads/changed-fields", Fixture, NULL, fixture_set_up,
              test_changed_fields, fixture_tear_down);
  g_test_add ("/herald/store-ads/conflicts", Fixture, NULL, fixture_set_up, test_conflicts,
              fixture_tear_down);
  g_test_add ("/herald/store-ads/targeting-cache", Fixture, NULL, fixture_set_up,
              test_targeting_cache, fixture_tear_down);
  g_test_add ("/herald/store-ads/daily-insights", Fixture, NULL, fixture_set_up,
              test_daily_insights, fixture_tear_down);
  g_test_add ("/herald/store-ads/audience-queues-its-ad-sets", Fixture, NULL, fixture_set_up,
              test_audience_queues_its_ad_sets, fixture_tear_down);
  g_test_add ("/herald/store-ads/outbox-queued", Fixture, NULL, fixture_set_up,
              test_outbox_queued, fixture_tear_down);

  return g_test_run ();
}
