/* test-ads-check.c: Check for a campaign tree, one rule at a time.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hd-ads-check.h"

/* 1 June 2026 12:00 UTC: "now" for every test */
#define NOW G_GINT64_CONSTANT (1780315200)
#define DAY (24 * 3600)

#define GOOD_SPEC "{\"geo_locations\":{\"countries\":[\"GB\"]},\"age_min\":25,\"age_max\":45," \
                  "\"targeting_automation\":{\"advantage_audience\":0}}"

typedef struct
{
  HdAdAccount *account;
  HdCampaign  *campaign;
  GPtrArray   *ad_sets;
  GPtrArray   *ads;
  HdAudience  *audience;
  GPtrArray   *problems;
} Fixture;

static HdAudience *
lookup_audience (const char *audience_id,
                 gpointer    user_data)
{
  Fixture *fixture = user_data;

  if (fixture->audience != NULL
      && g_strcmp0 (hd_audience_get_id (fixture->audience), audience_id) == 0)
    return g_object_ref (fixture->audience);
  return NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  HdAdSet *ad_set = hd_ad_set_new ();
  HdAd *ad = hd_ad_new ();

  fixture->account = hd_ad_account_new ();
  hd_ad_account_set_currency (fixture->account, "GBP");
  hd_ad_account_set_time_zone (fixture->account, "Europe/London");
  hd_ad_account_set_channel_id (fixture->account, "channel-1");

  fixture->campaign = hd_campaign_new ();
  hd_campaign_set_name (fixture->campaign, "Autumn spa bookings");
  hd_campaign_set_objective (fixture->campaign, "OUTCOME_TRAFFIC");
  hd_campaign_set_special_ad_categories (fixture->campaign, "[]");

  fixture->audience = hd_audience_new ();
  hd_audience_set_name (fixture->audience, "Dog owners nearby");
  hd_audience_set_spec (fixture->audience, GOOD_SPEC);

  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (fixture->campaign));
  hd_ad_set_set_name (ad_set, "Weekdays");
  hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_DAILY);
  hd_ad_set_set_budget_minor (ad_set, 2000);
  hd_ad_set_set_currency (ad_set, "GBP");
  hd_ad_set_set_starts_at (ad_set, NOW + DAY);
  hd_ad_set_set_ends_at (ad_set, NOW + 15 * DAY);
  hd_ad_set_set_time_zone (ad_set, "Europe/London");
  hd_ad_set_set_optimization_goal (ad_set, "LINK_CLICKS");
  hd_ad_set_set_billing_event (ad_set, "IMPRESSIONS");
  hd_ad_set_set_audience_id (ad_set, hd_audience_get_id (fixture->audience));
  fixture->ad_sets = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (fixture->ad_sets, ad_set);

  hd_ad_set_ad_set_id (ad, hd_ad_set_get_id (ad_set));
  hd_ad_set_name (ad, "Spa package");
  hd_ad_set_post_id (ad, "post-1");
  hd_ad_set_link (ad, "https://example.com/spa");
  hd_ad_set_call_to_action (ad, "BOOK_NOW");
  hd_ad_set_page_remote_id (ad, "101");
  fixture->ads = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (fixture->ads, ad);

  fixture->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_ads_problem_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->account);
  g_clear_object (&fixture->campaign);
  g_clear_object (&fixture->audience);
  g_clear_pointer (&fixture->ad_sets, g_ptr_array_unref);
  g_clear_pointer (&fixture->ads, g_ptr_array_unref);
  g_clear_pointer (&fixture->problems, g_ptr_array_unref);
}

static gboolean
run_check (Fixture *fixture)
{
  g_ptr_array_set_size (fixture->problems, 0);
  return hd_ads_check_campaign (fixture->account, fixture->campaign, fixture->ad_sets,
                                fixture->ads, lookup_audience, fixture, NOW, fixture->problems);
}

static HdAdSet *
first_ad_set (Fixture *fixture)
{
  return g_ptr_array_index (fixture->ad_sets, 0);
}

static HdAd *
first_ad (Fixture *fixture)
{
  return g_ptr_array_index (fixture->ads, 0);
}

/* Asserts Check finds exactly one problem, on @field of @subject, and returns its sentence. */
static const char *
assert_one_problem (Fixture      *fixture,
                    HdAdsSubject  subject,
                    const char   *field)
{
  HdAdsProblem *problem;

  g_assert_false (run_check (fixture));
  if (fixture->problems->len != 1)
    for (guint i = 0; i < fixture->problems->len; i++)
      g_test_message ("problem: %s",
                      ((HdAdsProblem *) g_ptr_array_index (fixture->problems, i))->sentence);
  g_assert_cmpuint (fixture->problems->len, ==, 1);
  problem = g_ptr_array_index (fixture->problems, 0);
  g_assert_cmpint (problem->subject, ==, subject);
  g_assert_cmpstr (problem->field, ==, field);
  g_assert_nonnull (problem->subject_id);
  g_assert_true (g_str_has_suffix (problem->sentence, "."));
  return problem->sentence;
}

static void
test_good_tree (Fixture       *fixture,
                gconstpointer  data)
{
  g_assert_true (run_check (fixture));
  g_assert_cmpuint (fixture->problems->len, ==, 0);

  /* ["NONE"] is a choice as good as [] */
  hd_campaign_set_special_ad_categories (fixture->campaign, "[\"NONE\"]");
  g_assert_true (run_check (fixture));
}

static void
test_campaign_fields (Fixture       *fixture,
                      gconstpointer  data)
{
  hd_campaign_set_name (fixture->campaign, "  ");
  assert_one_problem (fixture, HD_ADS_SUBJECT_CAMPAIGN, "name");
  hd_campaign_set_name (fixture->campaign, "Spa");

  hd_campaign_set_objective (fixture->campaign, "MORE_SALES");
  assert_one_problem (fixture, HD_ADS_SUBJECT_CAMPAIGN, "objective");
  /* a legacy objective is in the enum but refused for a new campaign... */
  hd_campaign_set_objective (fixture->campaign, "LINK_CLICKS");
  g_assert_nonnull (strstr (assert_one_problem (fixture, HD_ADS_SUBJECT_CAMPAIGN, "objective"),
                            "no longer takes new campaigns"));
  /* ...and left alone on one that already exists */
  hd_campaign_set_remote_id (fixture->campaign, "120200000000");
  g_assert_true (run_check (fixture));
  hd_campaign_set_objective (fixture->campaign, "OUTCOME_SALES");

  hd_campaign_set_special_ad_categories (fixture->campaign, NULL);
  assert_one_problem (fixture, HD_ADS_SUBJECT_CAMPAIGN, "special_ad_categories");
  hd_campaign_set_special_ad_categories (fixture->campaign, "[\"GAMBLING\"]");
  assert_one_problem (fixture, HD_ADS_SUBJECT_CAMPAIGN, "special_ad_categories");
  hd_campaign_set_special_ad_categories (fixture->campaign, "[\"NONE\",\"HOUSING\"]");
  assert_one_problem (fixture, HD_ADS_SUBJECT_CAMPAIGN, "special_ad_categories");
  hd_campaign_set_special_ad_categories (fixture->campaign, "[\"HOUSING\"]");
  g_assert_true (run_check (fixture));

  hd_campaign_set_bid_strategy (fixture->campaign, "CHEAPEST");
  assert_one_problem (fixture, HD_ADS_SUBJECT_CAMPAIGN, "bid_strategy");
}

static void
test_ad_set_enums_and_budget (Fixture       *fixture,
                              gconstpointer  data)
{
  HdAdSet *ad_set = first_ad_set (fixture);

  hd_ad_set_set_optimization_goal (ad_set, "MOST_LIKES");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "optimization_goal");
  hd_ad_set_set_optimization_goal (ad_set, NULL);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "optimization_goal");
  hd_ad_set_set_optimization_goal (ad_set, "REACH");

  hd_ad_set_set_billing_event (ad_set, "VIEWS");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "billing_event");
  hd_ad_set_set_billing_event (ad_set, "IMPRESSIONS");

  hd_ad_set_set_budget_minor (ad_set, 0);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "daily_budget");

  /* £0.99 a day is under the documented £1 for impressions */
  hd_ad_set_set_budget_minor (ad_set, 99);
  g_assert_cmpstr (assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "daily_budget"), ==,
                   "Meta needs a daily budget of at least £1.00 when you pay for impressions.");
  /* the account's own minimum wins over the default */
  hd_ad_account_set_min_daily_budget_imp (fixture->account, 50);
  g_assert_true (run_check (fixture));

  hd_ad_set_set_currency (ad_set, "EUR");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "daily_budget");
  hd_ad_set_set_currency (ad_set, "GBP");
}

static void
test_yen_account (Fixture       *fixture,
                  gconstpointer  data)
{
  HdAdSet *ad_set = first_ad_set (fixture);

  hd_ad_account_set_currency (fixture->account, "JPY");
  hd_ad_account_set_min_daily_budget_imp (fixture->account, 150);
  hd_ad_set_set_currency (ad_set, "JPY");
  hd_ad_set_set_budget_minor (ad_set, 2000);
  g_assert_true (run_check (fixture));

  hd_ad_set_set_budget_minor (ad_set, 149);
  g_assert_cmpstr (assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "daily_budget"), ==,
                   "Meta needs a daily budget of at least ¥150 when you pay for impressions.");
}

static void
test_dayparting_needs_lifetime (Fixture       *fixture,
                                gconstpointer  data)
{
  HdAdSet *ad_set = first_ad_set (fixture);

  hd_ad_set_set_dayparting (ad_set, "[{\"days\":[1,2,3,4,5],\"start_minute\":480,"
                                    "\"end_minute\":1200,\"timezone_type\":\"ADVERTISER\"}]");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "lifetime_budget");

  hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_LIFETIME);
  hd_ad_set_set_budget_minor (ad_set, 28000);
  g_assert_true (run_check (fixture));

  hd_ad_set_set_ends_at (ad_set, 0);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "end_time");
  hd_ad_set_set_ends_at (ad_set, NOW + 15 * DAY);

  /* lifetime below £1 × 14 days for impressions */
  hd_ad_set_set_budget_minor (ad_set, 1000);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "lifetime_budget");
  hd_ad_set_set_budget_minor (ad_set, 28000);

  hd_ad_set_set_dayparting (ad_set, "[{\"days\":[9],\"start_minute\":0,\"end_minute\":60,"
                                    "\"timezone_type\":\"USER\"}]");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "adset_schedule");
  hd_ad_set_set_dayparting (ad_set, "[]");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "adset_schedule");
}

static void
test_flight_dates (Fixture       *fixture,
                   gconstpointer  data)
{
  HdAdSet *ad_set = first_ad_set (fixture);

  hd_ad_set_set_starts_at (ad_set, 0);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "start_time");

  hd_ad_set_set_starts_at (ad_set, NOW - DAY);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "start_time");
  /* an ad set already on Meta may have started long ago */
  hd_ad_set_set_remote_id (ad_set, "120200000001");
  g_assert_true (run_check (fixture));
  hd_ad_set_set_remote_id (ad_set, NULL);

  hd_ad_set_set_starts_at (ad_set, NOW + 5 * DAY);
  hd_ad_set_set_ends_at (ad_set, NOW + 4 * DAY);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "end_time");
}

static void
test_audience_completeness (Fixture       *fixture,
                            gconstpointer  data)
{
  HdAdSet *ad_set = first_ad_set (fixture);

  hd_audience_set_spec (fixture->audience, "{\"age_min\":25,"
                        "\"targeting_automation\":{\"advantage_audience\":0}}");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AUDIENCE, "geo_locations");
  /* a custom audience stands in for a place */
  hd_audience_set_spec (fixture->audience, "{\"custom_audiences\":[{\"id\":\"5\",\"name\":\"N\"}],"
                        "\"targeting_automation\":{\"advantage_audience\":0}}");
  g_assert_true (run_check (fixture));

  hd_audience_set_spec (fixture->audience, "{\"geo_locations\":{\"countries\":[\"GB\"]},"
                        "\"age_min\":12,\"targeting_automation\":{\"advantage_audience\":0}}");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AUDIENCE, "age_min");
  hd_audience_set_spec (fixture->audience, "{\"geo_locations\":{\"countries\":[\"GB\"]},"
                        "\"age_max\":70,\"targeting_automation\":{\"advantage_audience\":0}}");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AUDIENCE, "age_max");
  hd_audience_set_spec (fixture->audience, "{\"geo_locations\":{\"countries\":[\"GB\"]},"
                        "\"age_min\":50,\"age_max\":30,"
                        "\"targeting_automation\":{\"advantage_audience\":0}}");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AUDIENCE, "age_min");
  hd_audience_set_spec (fixture->audience, "{\"geo_locations\":{\"countries\":[\"GB\"]}}");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AUDIENCE, "targeting_automation");
  hd_audience_set_spec (fixture->audience, "{\"geo_locations\":{\"countries\":[\"GB\"]},"
                        "\"age_min\":30,\"targeting_automation\":{\"advantage_audience\":1}}");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AUDIENCE, "age_min");
  hd_audience_set_spec (fixture->audience, "{\"age_min\":\"old\"}");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AUDIENCE, "targeting");
  hd_audience_set_spec (fixture->audience, GOOD_SPEC);

  hd_ad_set_set_audience_id (ad_set, NULL);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "targeting");
  hd_ad_set_set_audience_id (ad_set, "deleted-audience");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "targeting");
}

static void
test_ad_creative (Fixture       *fixture,
                  gconstpointer  data)
{
  HdAd *ad = first_ad (fixture);

  hd_ad_set_link (ad, NULL);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD, "link_url");
  hd_ad_set_link (ad, "example.com");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD, "link_url");
  hd_ad_set_link (ad, "ftp://example.com/");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD, "link_url");
  hd_ad_set_link (ad, "https://example.com/spa");

  hd_ad_set_post_id (ad, NULL);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD, "creative");
  /* Text written for the ad alone is as good as a post's. */
  hd_ad_set_body (ad, "Book a spa afternoon for your dog.");
  g_assert_true (run_check (fixture));
  hd_ad_set_body (ad, NULL);
  hd_ad_set_post_id (ad, "post-1");

  hd_ad_set_page_remote_id (ad, NULL);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD, "page_id");
  hd_ad_set_page_remote_id (ad, "101");

  hd_ad_set_call_to_action (ad, "CLICK_HERE");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD, "call_to_action_type");
  hd_ad_set_call_to_action (ad, NULL);
  g_assert_true (run_check (fixture));

  hd_ad_set_name (ad, "");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD, "name");
}

static void
test_bid_cap (Fixture       *fixture,
              gconstpointer  data)
{
  HdAdSet *ad_set = first_ad_set (fixture);
  const char *sentence;

  hd_campaign_set_bid_strategy (fixture->campaign, "LOWEST_COST_WITH_BID_CAP");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "bid_amount");

  /* £20 a day leaves room for a £4 bid, not for a £5 one. */
  hd_ad_set_set_bid_amount (ad_set, 400);
  g_assert_true (run_check (fixture));
  hd_ad_set_set_bid_amount (ad_set, 500);
  sentence = assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "bid_amount");
  g_assert_nonnull (strstr (sentence, "£"));

  /* Without a cap, a bid is not asked for. */
  hd_campaign_set_bid_strategy (fixture->campaign, "LOWEST_COST_WITHOUT_CAP");
  g_assert_true (run_check (fixture));

  hd_ad_set_set_destination_type (ad_set, "WEBSITE");
  g_assert_true (run_check (fixture));
  hd_ad_set_set_destination_type (ad_set, "SHOP_WINDOW");
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, "destination_type");
}

static void
test_tree_shape (Fixture       *fixture,
                 gconstpointer  data)
{
  g_ptr_array_set_size (fixture->ads, 0);
  assert_one_problem (fixture, HD_ADS_SUBJECT_AD_SET, NULL);

  g_ptr_array_set_size (fixture->ad_sets, 0);
  assert_one_problem (fixture, HD_ADS_SUBJECT_CAMPAIGN, NULL);

  g_clear_object (&fixture->account);
  g_assert_false (run_check (fixture));
  g_assert_cmpuint (fixture->problems->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/herald/ads/check/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("good-tree", test_good_tree);
  ADD ("campaign-fields", test_campaign_fields);
  ADD ("ad-set-enums-and-budget", test_ad_set_enums_and_budget);
  ADD ("yen-account", test_yen_account);
  ADD ("dayparting-needs-lifetime", test_dayparting_needs_lifetime);
  ADD ("flight-dates", test_flight_dates);
  ADD ("audience-completeness", test_audience_completeness);
  ADD ("ad-creative", test_ad_creative);
  ADD ("bid-cap", test_bid_cap);
  ADD ("tree-shape", test_tree_shape);

#undef ADD

  return g_test_run ();
}
