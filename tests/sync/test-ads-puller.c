/* test-ads-puller.c: campaigns read back from the Marketing API fake: changes made in Ads
 * Manager become conflicts, answered by keep mine or take theirs, and daily results are kept.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-ads.h"

/* The tree sent, and the ad set's budget changed to £25 in Ads Manager. */
static char *
send_then_change_budget (AdsFixture *fixture)
{
  g_autoptr(HdSendReport) report = NULL;
  char *ad_set_id;

  ads_fixture_queue_tree (fixture, "OUTCOME_TRAFFIC");
  report = ads_fixture_send (fixture, TEST_NOW);
  g_assert_true (hd_send_report_all_sent (report));

  ad_set_id = ads_fixture_remote_id (fixture, HD_OUTBOX_SUBJECT_AD_SET);
  hd_fake_meta_ads_edit (fixture->fake, ad_set_id, "daily_budget", "2500");

  return ad_set_id;
}

static HdAdSet *
load_ad_set (AdsFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  HdAdSet *ad_set = hd_store_load_ad_set (fixture->env.store, hd_ad_set_get_id (fixture->ad_set),
                                          &error);

  g_assert_no_error (error);
  return ad_set;
}

static void
test_budget_changed_in_ads_manager (AdsFixture    *fixture,
                                    gconstpointer  data)
{
  g_autofree char *ad_set_id = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(HdAdSet) ad_set = NULL;
  g_autoptr(GError) error = NULL;
  HdAdsPullReport report;
  HdAdConflict *conflict;

  ads_fixture_queue_tree (fixture, "OUTCOME_TRAFFIC");
  {
    g_autoptr(HdSendReport) sent = ads_fixture_send (fixture, TEST_NOW);

    g_assert_true (hd_send_report_all_sent (sent));
  }

  /* Read back with nothing changed on Meta: nothing to settle. */
  report = ads_fixture_pull (fixture, TEST_NOW + 60);
  g_assert_cmpuint (report.n_read, ==, 3);
  g_assert_cmpuint (report.n_new_conflicts, ==, 0);
  g_assert_cmpuint (report.n_failed, ==, 0);
  conflicts = hd_store_list_ad_conflicts (fixture->env.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_clear_pointer (&conflicts, g_ptr_array_unref);

  ad_set_id = ads_fixture_remote_id (fixture, HD_OUTBOX_SUBJECT_AD_SET);
  hd_fake_meta_ads_edit (fixture->fake, ad_set_id, "daily_budget", "2500");

  report = ads_fixture_pull (fixture, TEST_NOW + 120);
  g_assert_cmpuint (report.n_new_conflicts, ==, 1);
  conflicts = hd_store_list_ad_conflicts (fixture->env.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->kind, ==, HD_OUTBOX_SUBJECT_AD_SET);
  g_assert_cmpstr (conflict->id, ==, hd_ad_set_get_id (fixture->ad_set));
  g_assert_cmpstr (conflict->conflict, ==, "{\"daily_budget\":\"2500\"}");

  /* Never overwritten silently: Herald's budget stays until the user answers. */
  ad_set = load_ad_set (fixture);
  g_assert_cmpint (hd_ad_set_get_budget_minor (ad_set), ==, 2000);

  /* Read again, it is the same conflict, not a new one. */
  report = ads_fixture_pull (fixture, TEST_NOW + 180);
  g_assert_cmpuint (report.n_new_conflicts, ==, 0);
}

static void
test_keep_mine (AdsFixture    *fixture,
                gconstpointer  data)
{
  g_autofree char *ad_set_id = send_then_change_budget (fixture);
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *remote;

  ads_fixture_pull (fixture, TEST_NOW + 60);
  hd_fake_meta_ads_edit (fixture->fake, ad_set_id, "name", "Renamed in Ads Manager");

  hd_store_keep_mine_ad_object (fixture->env.store, HD_OUTBOX_SUBJECT_AD_SET,
                                hd_ad_set_get_id (fixture->ad_set), &error);
  g_assert_no_error (error);
  conflicts = hd_store_list_ad_conflicts (fixture->env.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);

  /* The update puts Herald's budget back, and only that. */
  report = ads_fixture_send (fixture, TEST_NOW + 120);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_true (hd_send_report_all_sent (report));
  remote = hd_fake_meta_ads_lookup (fixture->fake, ad_set_id);
  g_assert_cmpstr (json_object_get_string_member (remote, "daily_budget"), ==, "2000");
  g_assert_cmpstr (json_object_get_string_member (remote, "name"), ==, "Renamed in Ads Manager");

  /* A second answer to a settled conflict is refused. */
  g_assert_false (hd_store_keep_mine_ad_object (fixture->env.store, HD_OUTBOX_SUBJECT_AD_SET,
                                                hd_ad_set_get_id (fixture->ad_set), &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
}

static void
test_take_theirs (AdsFixture    *fixture,
                  gconstpointer  data)
{
  g_autofree char *ad_set_id = send_then_change_budget (fixture);
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(HdAdSet) ad_set = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pending = 99;
  HdAdsPullReport pulled;

  ads_fixture_pull (fixture, TEST_NOW + 60);
  hd_store_take_theirs_ad_object (fixture->env.store, HD_OUTBOX_SUBJECT_AD_SET,
                                  hd_ad_set_get_id (fixture->ad_set), &error);
  g_assert_no_error (error);

  ad_set = load_ad_set (fixture);
  g_assert_cmpint (hd_ad_set_get_budget_minor (ad_set), ==, 2500);
  g_assert_cmpint (hd_ad_set_get_budget_kind (ad_set), ==, HD_BUDGET_KIND_DAILY);
  conflicts = hd_store_list_ad_conflicts (fixture->env.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 0);

  /* In step with Meta: nothing to send, and nothing found on the next read. */
  g_assert_true (hd_store_count_pending_changes (fixture->env.store, &n_pending, NULL));
  g_assert_cmpuint (n_pending, ==, 0);
  report = ads_fixture_send (fixture, TEST_NOW + 120);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
  pulled = ads_fixture_pull (fixture, TEST_NOW + 180);
  g_assert_cmpuint (pulled.n_new_conflicts, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (hd_fake_meta_ads_lookup (fixture->fake,
                                                                           ad_set_id),
                                                  "daily_budget"), ==, "2500");
}

static void
test_daily_insights (AdsFixture    *fixture,
                     gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GListModel) impressions = NULL;
  g_autoptr(GListModel) spend = NULL;
  g_autoptr(GListModel) results = NULL;
  g_autoptr(GError) error = NULL;
  HdAdsPullReport pulled;

  ads_fixture_queue_tree (fixture, "OUTCOME_TRAFFIC");
  report = ads_fixture_send (fixture, TEST_NOW);
  g_assert_true (hd_send_report_all_sent (report));

  /* The flight began three days before: four days, 27 Feb to 2 Mar in London. */
  pulled = ads_fixture_pull (fixture, TEST_NOW);
  g_assert_cmpuint (pulled.n_insight_days, ==, 4);

  impressions = hd_store_list_daily_insights (fixture->env.store, HD_METRIC_SUBJECT_CAMPAIGN,
                                              hd_campaign_get_id (fixture->campaign),
                                              HD_METRIC_IMPRESSIONS, "2026-02-27", "2026-03-02",
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (impressions), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(HdMetric) metric = g_list_model_get_item (impressions, i);

      g_assert_cmpint (hd_metric_get_value (metric), ==, 1000 + 100 * i);
    }

  /* Money in pence, not a float. */
  spend = hd_store_list_daily_insights (fixture->env.store, HD_METRIC_SUBJECT_CAMPAIGN,
                                        hd_campaign_get_id (fixture->campaign), HD_METRIC_SPEND,
                                        "2026-02-27", "2026-03-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (spend), ==, 4);
  {
    g_autoptr(HdMetric) first = g_list_model_get_item (spend, 0);

    g_assert_cmpint (hd_metric_get_value (first), ==, 1234);
  }

  results = hd_store_list_daily_insights (fixture->env.store, HD_METRIC_SUBJECT_CAMPAIGN,
                                          hd_campaign_get_id (fixture->campaign),
                                          HD_METRIC_LINK_CLICKS, "2026-02-27", "2026-03-02",
                                          &error);
  g_assert_no_error (error);
  {
    g_autoptr(HdMetric) first = g_list_model_get_item (results, 0);

    g_assert_cmpint (hd_metric_get_value (first), ==, 15);
  }

  /* Fetched again, a day replaces itself rather than counting twice. */
  pulled = ads_fixture_pull (fixture, TEST_NOW + 60);
  g_clear_object (&impressions);
  impressions = hd_store_list_daily_insights (fixture->env.store, HD_METRIC_SUBJECT_CAMPAIGN,
                                              hd_campaign_get_id (fixture->campaign),
                                              HD_METRIC_IMPRESSIONS, "2026-02-27", "2026-03-02",
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (impressions), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/herald/ads-sync/" path, AdsFixture, NULL, ads_fixture_set_up, func, \
              ads_fixture_tear_down)

  ADD ("budget-changed-in-ads-manager", test_budget_changed_in_ads_manager);
  ADD ("keep-mine", test_keep_mine);
  ADD ("take-theirs", test_take_theirs);
  ADD ("daily-insights", test_daily_insights);

#undef ADD

  return g_test_run ();
}
