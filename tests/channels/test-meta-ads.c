/* test-meta-ads.c: the Marketing API client against the fake that checks Meta's specs
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "hd-fake-meta-ads.h"
#include "hd-meta-ads.h"
#include "hd-test-channels.h"

typedef struct
{
  TestEnv        env;
  HdFakeMetaAds *fake;
  HdChannel     *channel;
  HdMetaAds     *ads;
  char          *account;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *graph = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  test_env_init (&fixture->env);
  fixture->fake = hd_fake_meta_ads_new ();
  graph = hd_fake_meta_ads_get_graph_base (fixture->fake);

  fixture->channel = hd_channel_new ();
  hd_channel_set_kind (fixture->channel, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (fixture->channel, "Hazel’s Grooming");
  hd_channel_set_base_url (fixture->channel, graph);
  hd_channel_set_remote_account_id (fixture->channel, "104857600");
  g_assert_true (hd_store_save_channel (fixture->env.store, fixture->channel, &error));
  g_assert_no_error (error);

  hd_secrets_store_async (hd_channel_get_id (fixture->channel), HD_META_ADS_TOKEN_KIND, NULL,
                          fixture->fake->user_token, NULL, test_store_result, &result);
  g_assert_true (hd_secrets_store_finish (test_wait (&result), &error));
  g_assert_no_error (error);

  fixture->ads = hd_meta_ads_new (fixture->env.http, fixture->env.store, fixture->channel);
  fixture->account = g_strdup (fixture->fake->account_id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->ads);
  g_clear_object (&fixture->channel);
  hd_fake_meta_ads_free (fixture->fake);
  g_free (fixture->account);
  test_env_clear (&fixture->env);
}

static JsonObject *
params_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static char *
create (Fixture        *fixture,
        HdMetaAdsKind   kind,
        const char     *json,
        GError        **error)
{
  g_autoptr(JsonObject) params = params_from (json);
  g_autoptr(GAsyncResult) result = NULL;

  hd_meta_ads_create_async (fixture->ads, fixture->account, kind, params, NULL,
                            test_store_result, &result);
  return hd_meta_ads_create_finish (fixture->ads, test_wait (&result), error);
}

static char *
create_campaign (Fixture    *fixture,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"name\":\"%s\",\"objective\":\"OUTCOME_TRAFFIC\","
                                           "\"special_ad_categories\":[\"NONE\"],"
                                           "\"status\":\"PAUSED\"}", name);
  char *id = create (fixture, HD_META_ADS_KIND_CAMPAIGN, json, &error);

  g_assert_no_error (error);
  return id;
}

static char *
create_ad_set (Fixture    *fixture,
               const char *campaign_id,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  char *id;

  json = g_strdup_printf ("{\"name\":\"%s\",\"campaign_id\":\"%s\",\"lifetime_budget\":28000,"
                          "\"billing_event\":\"IMPRESSIONS\","
                          "\"optimization_goal\":\"LINK_CLICKS\","
                          "\"bid_strategy\":\"LOWEST_COST_WITHOUT_CAP\","
                          "\"start_time\":\"2026-03-09T09:00:00+0000\","
                          "\"end_time\":\"2026-03-23T09:00:00+0000\","
                          "\"pacing_type\":[\"day_parting\"],"
                          "\"adset_schedule\":[{\"start_minute\":540,\"end_minute\":1020,"
                          "\"days\":[1,2,3,4,5],\"timezone_type\":\"USER\"}],"
                          "\"targeting\":{\"geo_locations\":{\"cities\":[{\"key\":\"2448217\","
                          "\"radius\":10,\"distance_unit\":\"mile\"}]},"
                          "\"age_min\":25,\"age_max\":45,"
                          "\"flexible_spec\":[{\"interests\":[{\"id\":\"6003107902433\","
                          "\"name\":\"Dogs\"},{\"id\":\"6003334856617\","
                          "\"name\":\"Pet grooming\"}]}],"
                          "\"targeting_automation\":{\"advantage_audience\":0}},"
                          "\"status\":\"PAUSED\"}", name, campaign_id);
  id = create (fixture, HD_META_ADS_KIND_AD_SET, json, &error);
  g_assert_no_error (error);
  return id;
}

static char *
find_by_name (Fixture        *fixture,
              const char     *parent,
              HdMetaAdsKind   kind,
              const char     *name,
              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_meta_ads_find_by_name_async (fixture->ads, parent, kind, name, NULL, test_store_result,
                                  &result);
  return hd_meta_ads_find_by_name_finish (fixture->ads, test_wait (&result), error);
}

static JsonObject *
read_object (Fixture             *fixture,
             const char          *id,
             const char * const  *fields,
             GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_meta_ads_read_async (fixture->ads, id, fields, NULL, test_store_result, &result);
  return hd_meta_ads_read_finish (fixture->ads, test_wait (&result), error);
}

/* Ad accounts and budgets */

static void
test_ad_accounts (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) budgets = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GError) error = NULL;
  HdAdAccount *account;
  HdAdAccount *yen;

  /* One account per page: the client has to follow the cursor. */
  fixture->fake->page_size = 1;
  hd_meta_ads_list_ad_accounts_async (fixture->ads, NULL, test_store_result, &result);
  accounts = hd_meta_ads_list_ad_accounts_finish (fixture->ads, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accounts->len, ==, 2);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "GET",
                                          "/" HD_FAKE_META_ADS_VERSION "/me/adaccounts"), ==, 2);

  account = g_ptr_array_index (accounts, 0);
  g_assert_cmpstr (hd_ad_account_get_remote_id (account), ==, fixture->fake->account_id);
  g_assert_cmpstr (hd_ad_account_get_name (account), ==, "Hazel’s Grooming");
  g_assert_cmpstr (hd_ad_account_get_currency (account), ==, "GBP");
  g_assert_cmpstr (hd_ad_account_get_time_zone (account), ==, "Europe/London");
  g_assert_cmpstr (hd_ad_account_get_channel_id (account), ==,
                   hd_channel_get_id (fixture->channel));
  g_assert_nonnull (hd_ad_account_get_id (account));

  yen = g_ptr_array_index (accounts, 1);
  g_assert_cmpstr (hd_ad_account_get_currency (yen), ==, "JPY");
  g_assert_cmpstr (hd_ad_account_get_time_zone (yen), ==, "Asia/Tokyo");

  hd_meta_ads_fetch_minimum_budgets_async (fixture->ads, account, NULL, test_store_result,
                                           &budgets);
  g_assert_true (hd_meta_ads_fetch_minimum_budgets_finish (fixture->ads, test_wait (&budgets),
                                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (hd_ad_account_get_min_daily_budget_imp (account), ==, 100);
  g_assert_cmpint (hd_ad_account_get_min_daily_budget_video_views (account), ==, 500);
  g_assert_cmpint (hd_ad_account_get_min_daily_budget_high_freq (account), ==, 500);
  g_assert_cmpint (hd_ad_account_get_min_daily_budget_low_freq (account), ==, 4000);
  g_assert_cmpint (hd_ad_account_get_fetched_at (account), ==, TEST_NOW);
}

/* Creating the chain and reading it back */

static void
test_create_chain (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const fields[] = { "name", "status", "daily_budget", NULL };
  g_autofree char *campaign = create_campaign (fixture, "Spring grooming");
  g_autofree char *ad_set = create_ad_set (fixture, campaign, "Watford dog owners");
  g_autofree char *creative = NULL;
  g_autofree char *ad = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) read = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *stored;

  creative = create (fixture, HD_META_ADS_KIND_AD_CREATIVE,
                     "{\"name\":\"Spring grooming creative\",\"object_story_spec\":"
                     "{\"page_id\":\"104857600\",\"link_data\":{\"link\":"
                     "\"https://hazel.example/book\",\"message\":\"Book a spring trim\","
                     "\"call_to_action\":{\"type\":\"BOOK_TRAVEL\"}}}}", &error);
  g_assert_no_error (error);
  json = g_strdup_printf ("{\"name\":\"Spring grooming ad\",\"adset_id\":\"%s\","
                          "\"creative\":{\"creative_id\":\"%s\"},\"status\":\"PAUSED\"}",
                          ad_set, creative);
  ad = create (fixture, HD_META_ADS_KIND_AD, json, &error);
  g_assert_no_error (error);

  /* Ids are numeric strings, as Meta's are, and every object starts paused. */
  g_assert_true (g_ascii_isdigit (campaign[0]) && strlen (campaign) >= 15);
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_CAMPAIGN),
                    ==, 1);
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_AD), ==, 1);
  stored = hd_fake_meta_ads_lookup (fixture->fake, ad);
  g_assert_cmpstr (json_object_get_string_member (stored, "status"), ==, "PAUSED");
  stored = hd_fake_meta_ads_lookup (fixture->fake, ad_set);
  g_assert_cmpstr (json_object_get_string_member (stored, "lifetime_budget"), ==, "28000");
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (
                       json_object_get_object_member (stored, "targeting"),
                       "targeting_automation"),
                     "advantage_audience"), ==, 0);

  read = read_object (fixture, campaign, fields, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (read, "name"), ==, "Spring grooming");
  g_assert_cmpstr (json_object_get_string_member (read, "status"), ==, "PAUSED");
}

/* Editing sends only what changed; a change in Ads Manager shows on reading back */

static void
test_update_and_conflict (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const fields[] = { "lifetime_budget", "status", NULL };
  g_autofree char *campaign = create_campaign (fixture, "Autumn");
  g_autofree char *ad_set = create_ad_set (fixture, campaign, "Autumn set");
  g_autoptr(JsonObject) change = params_from ("{\"lifetime_budget\":35000}");
  g_autoptr(JsonObject) read = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/%s/%s", HD_FAKE_META_ADS_VERSION, ad_set);
  HdFakeRequest *request;

  hd_meta_ads_update_async (fixture->ads, ad_set, change, NULL, test_store_result, &result);
  g_assert_true (hd_meta_ads_update_finish (fixture->ads, test_wait (&result), &error));
  g_assert_no_error (error);

  request = hd_fake_server_last (fixture->fake->server, "POST", path);
  form = hd_fake_request_get_form (request);
  g_assert_cmpuint (g_hash_table_size (form), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (form, "lifetime_budget"), ==, "35000");

  hd_fake_meta_ads_edit (fixture->fake, ad_set, "lifetime_budget", "50000");
  hd_fake_meta_ads_edit (fixture->fake, ad_set, "status", "ACTIVE");
  read = read_object (fixture, ad_set, fields, &error);
  g_assert_no_error (error);
  /* Budgets come back as strings, as AdSet.json's fields say. */
  g_assert_cmpstr (json_object_get_string_member (read, "lifetime_budget"), ==, "50000");
  g_assert_cmpstr (json_object_get_string_member (read, "status"), ==, "ACTIVE");
}

/* The fake is strict, and Meta's words reach the user */

static void
assert_refused (Fixture    *fixture,
                GError     *error,
                const char *fragment)
{
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID);
  g_assert_nonnull (fixture->fake->last_refusal);
  g_assert_nonnull (strstr (fixture->fake->last_refusal, fragment));
  /* The user reads Meta's own sentence. */
  g_assert_nonnull (strstr (error->message, fixture->fake->last_refusal));
}

static void
test_strict_fake (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  /* The values the fake checks against are SUMMARY.md's. */
  g_assert_true (hd_fake_meta_ads_enum_has (fixture->fake,
                                            "adaccountcampaigns_objective_enum_param",
                                            "OUTCOME_TRAFFIC"));
  g_assert_false (hd_fake_meta_ads_enum_has (fixture->fake,
                                             "adaccountcampaigns_objective_enum_param",
                                             "OUTCOME_FAME"));

  id = create (fixture, HD_META_ADS_KIND_CAMPAIGN,
               "{\"name\":\"x\",\"objective\":\"OUTCOME_FAME\","
               "\"special_ad_categories\":[\"NONE\"]}", &error);
  g_assert_null (id);
  assert_refused (fixture, error, "objective must be one of the following values");
  g_clear_error (&error);

  id = create (fixture, HD_META_ADS_KIND_CAMPAIGN,
               "{\"name\":\"x\",\"objective\":\"OUTCOME_TRAFFIC\","
               "\"special_ad_categories\":[\"NONE\"],\"budget_colour\":\"red\"}", &error);
  g_assert_null (id);
  assert_refused (fixture, error, "Param budget_colour is not a parameter");
  g_clear_error (&error);

  id = create (fixture, HD_META_ADS_KIND_CAMPAIGN,
               "{\"name\":\"x\",\"objective\":\"OUTCOME_TRAFFIC\","
               "\"special_ad_categories\":[\"NONE\"],\"daily_budget\":\"twenty\"}", &error);
  g_assert_null (id);
  assert_refused (fixture, error, "daily_budget must be a non-negative integer");
  g_clear_error (&error);

  id = create (fixture, HD_META_ADS_KIND_CAMPAIGN,
               "{\"name\":\"x\",\"objective\":\"OUTCOME_TRAFFIC\"}", &error);
  g_assert_null (id);
  assert_refused (fixture, error, "special_ad_categories is required");
  g_clear_error (&error);

  /* Targeting field names come from Targeting.json and TargetingGeoLocation*.json. */
  {
    g_autofree char *campaign = create_campaign (fixture, "Strict");
    g_autofree char *json = g_strdup_printf ("{\"name\":\"s\",\"campaign_id\":\"%s\","
                                             "\"targeting\":{\"geo_locations\":{\"cities\":"
                                             "[{\"key\":\"2448217\",\"radius_km\":16}]}}}",
                                             campaign);

    id = create (fixture, HD_META_ADS_KIND_AD_SET, json, &error);
    g_assert_null (id);
    assert_refused (fixture, error, "radius_km is not a field of TargetingGeoLocationCity");
    g_clear_error (&error);
  }

  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_AD_SET),
                    ==, 0);
}

/* Errors */

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *next = NULL;

  hd_fake_meta_ads_fail_request (fixture->fake, 1, HD_FAKE_META_ADS_FAULT_SERVER_ERROR);
  id = find_by_name (fixture, fixture->account, HD_META_ADS_KIND_CAMPAIGN, "x", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT);
  g_clear_error (&error);

  hd_fake_meta_ads_fail_request (fixture->fake, 1, HD_FAKE_META_ADS_FAULT_THROTTLED);
  id = find_by_name (fixture, fixture->account, HD_META_ADS_KIND_CAMPAIGN, "x", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_cmpuint (hd_provider_error_get_retry_after (error), >, 0);
  g_clear_error (&error);

  /* Waited out: the clock moves past the default wait. */
  fixture->env.now += 24 * 60 * 60;
  g_assert_null (find_by_name (fixture, "999999999999999", HD_META_ADS_KIND_AD_SET, "x",
                               &error));
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  hd_fake_meta_ads_fail_request (fixture->fake, 1, HD_FAKE_META_ADS_FAULT_TOKEN_EXPIRED);
  next = find_by_name (fixture, fixture->account, HD_META_ADS_KIND_CAMPAIGN, "x", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "Session has expired"));
  g_assert_cmpint (hd_channel_get_state (fixture->channel), ==,
                   HD_CHANNEL_STATE_NEEDS_RECONNECT);
}

/* Meta's usage header is obeyed before Meta has to refuse */

static void
test_usage_header (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint requests;

  fixture->fake->usage = 100;
  fixture->fake->regain_minutes = 7;
  first = find_by_name (fixture, fixture->account, HD_META_ADS_KIND_CAMPAIGN, "x", &error);
  g_assert_no_error (error);
  g_assert_null (first);

  requests = hd_fake_server_get_requests (fixture->fake->server)->len;
  second = find_by_name (fixture, fixture->account, HD_META_ADS_KIND_CAMPAIGN, "x", &error);
  g_assert_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED);
  g_assert_cmpuint (hd_provider_error_get_retry_after (error), ==, 7 * 60);
  /* Held back: the request never left. */
  g_assert_cmpuint (hd_fake_server_get_requests (fixture->fake->server)->len, ==, requests);
}

/* A lost answer, then the look-up that keeps a resume from creating twice */

static void
test_lost_answer (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *found = NULL;
  g_autofree char *missing = NULL;

  /* Many campaigns, two a page, so the look-up pages through them. */
  fixture->fake->page_size = 2;
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Earlier %u", i);
      g_autofree char *id = create_campaign (fixture, name);
    }

  hd_fake_meta_ads_fail_request (fixture->fake, 1, HD_FAKE_META_ADS_FAULT_LOST_ANSWER);
  lost = create (fixture, HD_META_ADS_KIND_CAMPAIGN,
                 "{\"name\":\"Spring grooming\",\"objective\":\"OUTCOME_TRAFFIC\","
                 "\"special_ad_categories\":[\"NONE\"],\"status\":\"PAUSED\"}", &error);
  g_assert_null (lost);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_CAMPAIGN),
                    ==, 6);

  found = find_by_name (fixture, fixture->account, HD_META_ADS_KIND_CAMPAIGN, "Spring grooming",
                        &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_nonnull (hd_fake_meta_ads_lookup (fixture->fake, found));
  g_assert_cmpstr (json_object_get_string_member (hd_fake_meta_ads_lookup (fixture->fake, found),
                                                  "name"), ==, "Spring grooming");
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "GET",
                                          "/" HD_FAKE_META_ADS_VERSION "/act_"), ==, 3);

  missing = find_by_name (fixture, fixture->account, HD_META_ADS_KIND_CAMPAIGN, "Summer",
                          &error);
  g_assert_no_error (error);
  g_assert_null (missing);
  /* Nothing was created twice. */
  g_assert_cmpuint (hd_fake_meta_ads_count_created (fixture->fake, HD_FAKE_META_ADS_CAMPAIGN),
                    ==, 6);
}

/* Targeting search and reach */

static void
test_targeting_search (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const cities[] = { "city", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) places_result = NULL;
  g_autoptr(GAsyncResult) reach_result = NULL;
  g_autoptr(GPtrArray) interests = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(HdMetaReach) reach = NULL;
  g_autoptr(JsonObject) targeting = NULL;
  g_autoptr(GError) error = NULL;
  HdMetaInterest *dogs;
  HdMetaLocation *watford;

  hd_meta_ads_search_interests_async (fixture->ads, fixture->account, "dog", NULL,
                                      test_store_result, &result);
  interests = hd_meta_ads_search_interests_finish (fixture->ads, test_wait (&result), &error);
  g_assert_no_error (error);
  /* "Dog owners" is a behaviour, not an interest. */
  g_assert_cmpuint (interests->len, ==, 2);
  dogs = g_ptr_array_index (interests, 0);
  g_assert_cmpstr (dogs->id, ==, "6003107902433");
  g_assert_cmpstr (dogs->name, ==, "Dogs");
  g_assert_cmpstr (dogs->path, ==, "Interests > Pets > Dogs");
  g_assert_cmpint (dogs->audience_lower_bound, ==, 380000000);

  hd_meta_ads_search_locations_async (fixture->ads, "watford", cities, NULL, test_store_result,
                                      &places_result);
  places = hd_meta_ads_search_locations_finish (fixture->ads, test_wait (&places_result),
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, ==, 2);
  watford = g_ptr_array_index (places, 0);
  g_assert_cmpstr (watford->key, ==, "2448217");
  g_assert_cmpstr (watford->type, ==, "city");
  g_assert_cmpstr (watford->region, ==, "England");
  g_assert_cmpstr (watford->region_id, ==, "1036");
  g_assert_cmpstr (watford->country_code, ==, "GB");

  targeting = params_from ("{\"geo_locations\":{\"countries\":[\"GB\"]},\"age_min\":25,"
                           "\"targeting_automation\":{\"advantage_audience\":0}}");
  hd_meta_ads_estimate_reach_async (fixture->ads, fixture->account, targeting, NULL,
                                    test_store_result, &reach_result);
  reach = hd_meta_ads_estimate_reach_finish (fixture->ads, test_wait (&reach_result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (reach->users_lower_bound, ==, 40001000);
  g_assert_cmpint (reach->users_upper_bound, ==, 48001200);
  g_assert_true (reach->ready);
}

/* Languages come from type=adlocale as {key, name}; the key is what targeting.locales takes. */
static void
test_language_search (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) welsh_result = NULL;
  g_autoptr(GAsyncResult) reach_result = NULL;
  g_autoptr(GPtrArray) english = NULL;
  g_autoptr(GPtrArray) welsh = NULL;
  g_autoptr(HdMetaReach) reach = NULL;
  g_autoptr(JsonObject) targeting = NULL;
  g_autoptr(GError) error = NULL;
  HdMetaLocale *uk;

  hd_meta_ads_search_locales_async (fixture->ads, "english", NULL, test_store_result, &result);
  english = hd_meta_ads_search_locales_finish (fixture->ads, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (english->len, ==, 3);
  uk = g_ptr_array_index (english, 1);
  g_assert_cmpuint (uk->key, ==, 24);
  g_assert_cmpstr (uk->name, ==, "English (UK)");

  hd_meta_ads_search_locales_async (fixture->ads, "Wel", NULL, test_store_result,
                                    &welsh_result);
  welsh = hd_meta_ads_search_locales_finish (fixture->ads, test_wait (&welsh_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (welsh->len, ==, 1);
  g_assert_cmpuint (((HdMetaLocale *) g_ptr_array_index (welsh, 0))->key, ==, 65);
  g_assert_cmpstr (((HdMetaLocale *) g_ptr_array_index (welsh, 0))->name, ==, "Welsh");

  /* The strict fake takes the key where Meta's spec puts it. */
  targeting = params_from ("{\"geo_locations\":{\"countries\":[\"GB\"]},\"locales\":[65,24],"
                           "\"targeting_automation\":{\"advantage_audience\":0}}");
  hd_meta_ads_estimate_reach_async (fixture->ads, fixture->account, targeting, NULL,
                                    test_store_result, &reach_result);
  reach = hd_meta_ads_estimate_reach_finish (fixture->ads, test_wait (&reach_result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (reach);
}

static void
test_parse_locales (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) locales = NULL;
  HdMetaLocale *locale;

  /* A key as a string of digits counts; a key that is not a whole number from 0 to
   * G_MAXUINT, or an entry without a name, is left out rather than sent back wrong. */
  node = json_from_string ("{\"data\":[{\"key\":\"65\",\"name\":\"Welsh\"},"
                           "{\"key\":-1,\"name\":\"Minus\"},"
                           "{\"key\":4294967296,\"name\":\"Too big\"},"
                           "{\"key\":\"6a\",\"name\":\"Letters\"},"
                           "{\"key\":1.5,\"name\":\"Fraction\"},"
                           "{\"key\":24},"
                           "{\"key\":1001,\"name\":\"English (All)\"}]}", NULL);
  locales = hd_meta_ads_parse_locales (node);
  g_assert_nonnull (locales);
  g_assert_cmpuint (locales->len, ==, 2);
  locale = g_ptr_array_index (locales, 0);
  g_assert_cmpuint (locale->key, ==, 65);
  g_assert_cmpstr (locale->name, ==, "Welsh");
  locale = g_ptr_array_index (locales, 1);
  g_assert_cmpuint (locale->key, ==, 1001);
}

/* Insights: paged, values read from strings, money in minor units */

static void
test_insights (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *campaign = create_campaign (fixture, "Results");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GError) error = NULL;
  HdMetaInsightsDay *first;
  HdMetaInsightsDay *last;

  fixture->fake->page_size = 3;
  hd_meta_ads_fetch_insights_async (fixture->ads, campaign, "GBP", "2026-03-09", "2026-03-15",
                                    NULL, test_store_result, &result);
  days = hd_meta_ads_fetch_insights_finish (fixture->ads, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 7);
  g_assert_cmpuint (hd_fake_server_count (fixture->fake->server, "GET",
                                          "/" HD_FAKE_META_ADS_VERSION "/1202"), ==, 3);

  first = g_ptr_array_index (days, 0);
  g_assert_cmpstr (first->date, ==, "2026-03-09");
  g_assert_cmpint (first->impressions, ==, 1000);
  g_assert_cmpint (first->reach, ==, 800);
  g_assert_cmpint (first->clicks, ==, 20);
  g_assert_cmpint (first->spend, ==, 1234);
  /* 12.34 / 20 = 0.617, billed as 62 pence. */
  g_assert_cmpint (first->cpc, ==, 62);
  g_assert_cmpfloat_with_epsilon (first->ctr, 2.0, 1e-6);
  g_assert_cmpint (hd_meta_insights_day_get_action (first, "link_click"), ==, 15);
  g_assert_cmpint (hd_meta_insights_day_get_action (first, "purchase"), ==, 0);

  last = g_ptr_array_index (days, 6);
  g_assert_cmpstr (last->date, ==, "2026-03-15");
  g_assert_cmpint (last->impressions, ==, 1600);
  g_assert_cmpint (last->spend, ==, 1240);
}

static void
test_insights_whole_units (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *campaign = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GError) error = NULL;
  HdMetaInsightsDay *first;

  /* The yen account: Meta's offset is 1, so 1234 yen is 1234 units, not 123400. */
  g_free (fixture->account);
  fixture->account = g_strdup (fixture->fake->second_account_id);
  campaign = create_campaign (fixture, "Tokyo");
  hd_meta_ads_fetch_insights_async (fixture->ads, campaign, "JPY", "2026-03-09", "2026-03-10",
                                    NULL, test_store_result, &result);
  days = hd_meta_ads_fetch_insights_finish (fixture->ads, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 2);
  first = g_ptr_array_index (days, 0);
  g_assert_cmpint (first->spend, ==, 1234);
  /* 1234 / 20 = 61.7 yen, billed as 62. */
  g_assert_cmpint (first->cpc, ==, 62);
}

/* Pictures */

static void
test_upload_image (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autofree guchar *png = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *expected = NULL;
  gsize length = 0;

  png = g_base64_decode (TEST_PNG_BASE64, &length);
  image = g_bytes_new (png, length);
  hd_meta_ads_upload_image_async (fixture->ads, fixture->account, image, "pixel.png", NULL,
                                  test_store_result, &result);
  hash = hd_meta_ads_upload_image_finish (fixture->ads, test_wait (&result), &error);
  g_assert_no_error (error);
  expected = g_compute_checksum_for_data (G_CHECKSUM_MD5, png, length);
  g_assert_cmpstr (hash, ==, expected);
}

/* Money and parsers */

static void
test_money (void)
{
  gint64 minor = -1;

  g_assert_true (hd_meta_ads_parse_money ("12.34", "GBP", &minor));
  g_assert_cmpint (minor, ==, 1234);
  g_assert_true (hd_meta_ads_parse_money ("12", "EUR", &minor));
  g_assert_cmpint (minor, ==, 1200);
  g_assert_true (hd_meta_ads_parse_money ("0.5", "USD", &minor));
  g_assert_cmpint (minor, ==, 50);
  g_assert_true (hd_meta_ads_parse_money ("0.995", "USD", &minor));
  g_assert_cmpint (minor, ==, 100);
  g_assert_true (hd_meta_ads_parse_money ("1500", "JPY", &minor));
  g_assert_cmpint (minor, ==, 1500);
  g_assert_false (hd_meta_ads_parse_money ("-1.00", "GBP", &minor));
  g_assert_false (hd_meta_ads_parse_money ("12,34", "GBP", &minor));
  g_assert_false (hd_meta_ads_parse_money ("", "GBP", &minor));
  g_assert_false (hd_meta_ads_parse_money ("99999999999999999999", "GBP", &minor));
}

static void
test_parsers_refuse_junk (void)
{
  static const char * const junk[] = {
    "null", "[]", "{}", "{\"data\":{}}", "{\"data\":[1,\"x\",null]}", "{\"images\":[]}",
    "{\"data\":[{\"id\":7,\"name\":[]}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (junk[i], NULL);
      g_autoptr(GPtrArray) accounts = hd_meta_ads_parse_ad_accounts (node, "c");
      g_autoptr(GPtrArray) interests = hd_meta_ads_parse_interests (node);
      g_autoptr(GPtrArray) locales = hd_meta_ads_parse_locales (node);
      g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_meta_insights_day_free);
      g_autoptr(HdMetaReach) reach = hd_meta_ads_parse_reach (node);
      g_autofree char *hash = hd_meta_ads_parse_image_hash (node);
      g_autofree char *after = NULL;

      g_assert_true (accounts == NULL || accounts->len == 0);
      g_assert_true (interests == NULL || interests->len == 0);
      g_assert_true (locales == NULL || locales->len == 0);
      hd_meta_ads_parse_insights (node, "GBP", days, &after);
      g_assert_cmpuint (days->len, ==, 0);
      g_assert_null (after);
      g_assert_null (reach);
      g_assert_null (hash);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/herald/meta-ads/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("ad-accounts", test_ad_accounts);
  ADD ("create-chain", test_create_chain);
  ADD ("update-and-conflict", test_update_and_conflict);
  ADD ("strict-fake", test_strict_fake);
  ADD ("errors", test_errors);
  ADD ("usage-header", test_usage_header);
  ADD ("lost-answer", test_lost_answer);
  ADD ("targeting-search", test_targeting_search);
  ADD ("language-search", test_language_search);
  ADD ("insights", test_insights);
  ADD ("insights-whole-units", test_insights_whole_units);
  ADD ("upload-image", test_upload_image);
  g_test_add_func ("/herald/meta-ads/money", test_money);
  g_test_add_func ("/herald/meta-ads/parsers-refuse-junk", test_parsers_refuse_junk);
  g_test_add_func ("/herald/meta-ads/parse-locales", test_parse_locales);

#undef ADD

  return g_test_run ();
}
