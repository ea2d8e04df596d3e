/* test-ads-csv.c: campaigns, ad sets, ads and audiences exported to CSV and imported back.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hd-test-store.h"
#include "hd-csv.h"
#include "hd-daypart.h"
#include "hd-store-ads-csv.h"

#define SPEC "{\"geo_locations\":{\"cities\":[{\"key\":\"2652477\",\"name\":\"Watford\"," \
             "\"radius\":10,\"distance_unit\":\"mile\"}]},\"age_min\":25,\"age_max\":45," \
             "\"targeting_automation\":{\"advantage_audience\":0}}"

/* 2031-05-01 08:00 UTC, 09:00 in London; the flight ends thirty days later. */
#define FLIGHT_START G_GINT64_CONSTANT (1935388800)
#define FLIGHT_END (FLIGHT_START + 30 * 24 * 3600)

#define HEADER "Level,Name,Campaign,Ad set,Ad account,Currency,Objective," \
               "Special ad categories,Budget type,Budget,Start,End,Time zone," \
               "Optimization goal,Billing event,Audience,Dayparting,Headline,Link,Spec\r\n"

static HdAdAccount *
add_account (HdStore    *store,
             const char *remote_id,
             const char *currency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) page = hd_channel_new ();
  HdAdAccount *account = hd_ad_account_new ();

  hd_channel_set_kind (page, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (page, "Bakery Page");
  hd_store_save_channel (store, page, &error);
  g_assert_no_error (error);

  hd_ad_account_set_channel_id (account, hd_channel_get_id (page));
  hd_ad_account_set_remote_id (account, remote_id);
  hd_ad_account_set_name (account, "Bakery ads");
  hd_ad_account_set_currency (account, currency);
  hd_ad_account_set_time_zone (account, "Europe/London");
  hd_store_save_ad_account (store, account, &error);
  g_assert_no_error (error);

  return account;
}

/* Everything a campaign tree can hold, saved as the editors save it. */
static void
fill_store (HdStore     *store,
            HdAdAccount *account)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdAudience) audience = hd_audience_new ();
  g_autoptr(HdCampaign) campaign = hd_campaign_new ();
  g_autoptr(HdAdSet) ad_set = hd_ad_set_new ();
  g_autoptr(HdAd) ad = hd_ad_new ();
  g_autofree char *dayparting = NULL;
  HdDaypart daypart;

  hd_audience_set_name (audience, "Dog owners, near Watford");
  hd_audience_set_spec (audience, SPEC);
  hd_store_save_audience (store, audience, &error);
  g_assert_no_error (error);

  hd_campaign_set_name (campaign, "Spring \"spa\" days");
  hd_campaign_set_account_id (campaign, hd_ad_account_get_id (account));
  hd_campaign_set_objective (campaign, "OUTCOME_TRAFFIC");
  hd_campaign_set_special_ad_categories (campaign, "[]");
  hd_campaign_set_status (campaign, HD_AD_STATUS_ACTIVE);
  hd_campaign_set_bid_strategy (campaign, "LOWEST_COST_WITH_BID_CAP");
  hd_store_save_campaign (store, campaign, &error);
  g_assert_no_error (error);

  hd_daypart_clear (&daypart);
  for (guint day = 1; day <= 5; day++)
    hd_daypart_set_range (&daypart, day, 9, 17, TRUE);
  hd_daypart_set_range (&daypart, 6, 10, 14, TRUE);
  daypart.zone = HD_DAYPART_ZONE_USER;
  dayparting = hd_daypart_to_json (&daypart);

  hd_ad_set_set_campaign_id (ad_set, hd_campaign_get_id (campaign));
  hd_ad_set_set_name (ad_set, "Weekdays");
  hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_LIFETIME);
  hd_ad_set_set_budget_minor (ad_set, 28005);
  hd_ad_set_set_currency (ad_set, hd_ad_account_get_currency (account));
  hd_ad_set_set_starts_at (ad_set, FLIGHT_START);
  hd_ad_set_set_ends_at (ad_set, FLIGHT_END);
  hd_ad_set_set_time_zone (ad_set, "Europe/London");
  hd_ad_set_set_optimization_goal (ad_set, "LINK_CLICKS");
  hd_ad_set_set_billing_event (ad_set, "IMPRESSIONS");
  hd_ad_set_set_destination_type (ad_set, "WEBSITE");
  hd_ad_set_set_bid_amount (ad_set, 150);
  hd_ad_set_set_audience_id (ad_set, hd_audience_get_id (audience));
  hd_ad_set_set_placements (ad_set, "{\"publisher_platforms\":[\"facebook\",\"instagram\"],"
                                    "\"instagram_positions\":[\"stream\",\"story\"]}");
  hd_ad_set_set_dayparting (ad_set, dayparting);
  hd_store_save_ad_set (store, ad_set, &error);
  g_assert_no_error (error);

  hd_ad_set_ad_set_id (ad, hd_ad_set_get_id (ad_set));
  hd_ad_set_name (ad, "Spa package");
  hd_ad_set_headline (ad, "A spa day for your dog, £45");
  hd_ad_set_body (ad, "-20% this spring,\nbook now.");
  hd_ad_set_link (ad, "https://bakery.example/spa");
  hd_ad_set_call_to_action (ad, "BOOK_NOW");
  hd_ad_set_page_remote_id (ad, "1234567890");
  hd_store_save_ad (store, ad, &error);
  g_assert_no_error (error);
}

static char *
export_all (HdStore    *store,
            const char *campaign_name)
{
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  g_assert_true (hd_store_export_ads_csv (store, campaign_name, out, &error));
  g_assert_no_error (error);

  return g_string_free (out, FALSE);
}

static HdAdsCsvReport *
check (HdStore    *store,
       const char *csv)
{
  g_autoptr(GError) error = NULL;
  HdAdsCsvReport *report = NULL;

  g_assert_true (hd_store_check_ads_csv (store, csv, strlen (csv), &report, &error));
  g_assert_no_error (error);

  return report;
}

static void
import (HdStore    *store,
        const char *csv,
        guint       expect_created,
        guint       expect_updated)
{
  g_autoptr(HdAdsCsvReport) report = check (store, csv);
  g_autoptr(GError) error = NULL;
  guint created = 99, updated = 99;

  for (guint i = 0; i < hd_ads_csv_report_get_n_problems (report); i++)
    {
      const char *sentence;
      guint line;

      hd_ads_csv_report_get_problem (report, i, &line, &sentence);
      g_test_message ("line %u: %s", line, sentence);
    }
  g_assert_cmpuint (hd_ads_csv_report_get_n_problems (report), ==, 0);
  g_assert_true (hd_store_import_ads_csv (store, report, &created, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, expect_created);
  g_assert_cmpuint (updated, ==, expect_updated);
}

/* Every row of every table, so "nothing changed" can be asserted of the whole database. */
static char *
dump_database (HdStore *store)
{
  sqlite3 *db = _hd_store_get_db (store);
  sqlite3_stmt *tables = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                           " ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"",
                                              sqlite3_column_text (tables, 0));
      sqlite3_stmt *rows = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", sqlite3_column_text (tables, 0));
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (rows, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);

  return g_string_free (out, FALSE);
}

static HdAdSet *
only_ad_set (HdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) ad_sets = hd_store_list_ad_sets (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ad_sets), ==, 1);

  return g_list_model_get_item (ad_sets, 0);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(HdAdAccount) account = add_account (fixture->store, "act_101", "GBP");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(HdStore) other = hd_store_open (path, &error);
  g_autoptr(HdAdAccount) other_account = add_account (other, "act_101", "GBP");
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;
  g_autoptr(HdAdSet) original = NULL;
  g_autoptr(HdAdSet) copy = NULL;
  g_autoptr(HdCampaign) campaign = NULL;

  g_assert_no_error (error);
  fill_store (fixture->store, account);
  csv = export_all (fixture->store, NULL);

  /* Readable cells, as an advertiser would edit them in a spreadsheet. */
  g_assert_nonnull (strstr (csv, "Level,Name,Campaign,Ad set,Status,Ad account,Currency,"));
  g_assert_nonnull (strstr (csv, ",280.05,1.50,2031-05-01T09:00:00+01:00,"
                                 "2031-05-31T09:00:00+01:00,Europe/London,"));
  g_assert_nonnull (strstr (csv, "Mon-Fri 09:00-17:00; Sat 10:00-14:00,Viewer,"));
  g_assert_nonnull (strstr (csv, "facebook; instagram: stream, story"));
  g_assert_nonnull (strstr (csv, ",None,"));
  g_assert_nonnull (strstr (csv, "People 25–45"));
  /* A text starting like a formula stays text in a spreadsheet. */
  g_assert_nonnull (strstr (csv, "\"'-20% this spring,\nbook now.\""));

  import (other, csv, 4, 0);

  /* What the second computer holds exports to the very same file. */
  again = export_all (other, NULL);
  g_assert_cmpstr (again, ==, csv);

  original = only_ad_set (fixture->store);
  copy = only_ad_set (other);
  g_assert_cmpint (hd_ad_set_get_budget_minor (copy), ==, 28005);
  g_assert_cmpint (hd_ad_set_get_bid_amount (copy), ==, 150);
  g_assert_cmpint (hd_ad_set_get_starts_at (copy), ==, FLIGHT_START);
  g_assert_cmpint (hd_ad_set_get_ends_at (copy), ==, FLIGHT_END);
  g_assert_cmpstr (hd_ad_set_get_dayparting (copy), ==, hd_ad_set_get_dayparting (original));
  g_assert_cmpstr (hd_ad_set_get_placements (copy), ==, hd_ad_set_get_placements (original));
  g_assert_cmpint (hd_ad_set_get_status (copy), ==, HD_AD_STATUS_PAUSED);

  campaign = hd_store_load_campaign (other, hd_ad_set_get_campaign_id (copy), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_campaign_get_account_id (campaign), ==,
                   hd_ad_account_get_id (other_account));
  g_assert_cmpint (hd_campaign_get_status (campaign), ==, HD_AD_STATUS_ACTIVE);

  /* Campaign, ad set and ad wait in the outbox to be created on Meta. */
  {
    Fixture view = { NULL, other };

    g_assert_cmpint (count_rows (&view, "SELECT count(*) FROM outbox"
                                        " WHERE operation = 'create' AND state = 'pending'"),
                     ==, 3);
  }

  g_clear_object (&other);
}

static void
test_currencies (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(HdAdAccount) yen = add_account (fixture->store, "act_202", "JPY");
  g_autoptr(HdAdAccount) pounds = add_account (fixture->store, "act_303", "GBP");
  g_autoptr(HdAdsCsvReport) report = NULL;
  g_autoptr(GListModel) ad_sets = NULL;
  g_autoptr(GError) error = NULL;
  const char *sentence;
  guint line;
  const char *csv =
    HEADER
    "Campaign,Tokyo,,,act_202,,OUTCOME_TRAFFIC,None,,,,,,,,,,,,\r\n"
    "Ad set,Tokyo days,Tokyo,,,,,,Daily,2000,,,,,,,,,,\r\n"
    "Campaign,London,,,act_303,GBP,OUTCOME_TRAFFIC,None,,,,,,,,,,,,\r\n"
    "Ad set,London days,London,,,,,,Daily,20.50,,,,,,,,,,\r\n";

  import (fixture->store, csv, 4, 0);
  ad_sets = hd_store_list_ad_sets (fixture->store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (ad_sets); i++)
    {
      g_autoptr(HdAdSet) ad_set = g_list_model_get_item (ad_sets, i);

      if (g_str_equal (hd_ad_set_get_name (ad_set), "Tokyo days"))
        {
          /* The yen has no minor unit: 2000 is ¥2,000. */
          g_assert_cmpstr (hd_ad_set_get_currency (ad_set), ==, "JPY");
          g_assert_cmpint (hd_ad_set_get_budget_minor (ad_set), ==, 2000);
        }
      else
        {
          g_assert_cmpstr (hd_ad_set_get_currency (ad_set), ==, "GBP");
          g_assert_cmpint (hd_ad_set_get_budget_minor (ad_set), ==, 2050);
        }
    }

  /* A fraction of a yen, or a campaign row in another currency than its account. */
  report = check (fixture->store,
                  HEADER
                  "Campaign,Tokyo,,,act_202,USD,OUTCOME_TRAFFIC,None,,,,,,,,,,,,\r\n"
                  "Ad set,Tokyo days,Tokyo,,,,,,Daily,2000.5,,,,,,,,,,\r\n");
  g_assert_cmpuint (hd_ads_csv_report_get_n_problems (report), ==, 2);
  hd_ads_csv_report_get_problem (report, 0, &line, &sentence);
  g_assert_cmpuint (line, ==, 2);
  g_assert_nonnull (strstr (sentence, "JPY"));
  hd_ads_csv_report_get_problem (report, 1, &line, &sentence);
  g_assert_cmpuint (line, ==, 3);
  g_assert_nonnull (strstr (sentence, "2000.5"));
}

typedef struct
{
  const char *row;
  const char *words;
} BadRow;

static void
test_bad_row_changes_nothing (Fixture       *fixture,
                              gconstpointer  data)
{
  static const BadRow bad_rows[] = {
    { "Campaign,Winter,,,act_404,GBP,OUTCOME_EVERYTHING,None,,,,,,,,,,,,",
      "OUTCOME_EVERYTHING" },
    { "Ad set,Evenings,Spring,,,,,,Daily,20.005,,,,,,,,,,", "20.005" },
    { "Ad set,Evenings,Autumn,,,,,,Daily,20.00,,,,,,,,,,", "Autumn" },
    { "Audience,Cat owners,,,,,,,,,,,,,,,,,,\"{\"\"geo_locations\"\":\"", "Cat owners" },
    { "Ad set,Evenings,Spring,,,,,,Daily,20.00,,,,,,,Mon-Fri 09:30-17:00,,,", "09:30" },
  };
  g_autoptr(HdAdAccount) account = add_account (fixture->store, "act_404", "GBP");
  g_autofree char *before = NULL;

  import (fixture->store,
          HEADER "Campaign,Spring,,,act_404,GBP,OUTCOME_TRAFFIC,None,,,,,,,,,,,,\r\n", 1, 0);
  before = dump_database (fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (bad_rows); i++)
    {
      g_autofree char *csv = g_strconcat (HEADER,
                                          "Ad set,Mornings,Spring,,,,,,Daily,20.00,,,,,,,,,,\r\n",
                                          bad_rows[i].row, "\r\n",
                                          "Ad,Croissants,,Mornings,,,,,,,,,,,,,,Fresh,"
                                          "https://bakery.example,\r\n",
                                          NULL);
      g_autoptr(HdAdsCsvReport) report = check (fixture->store, csv);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      const char *sentence;
      guint line;

      g_test_message ("bad row: %s", bad_rows[i].row);
      g_assert_cmpuint (hd_ads_csv_report_get_n_problems (report), ==, 1);
      hd_ads_csv_report_get_problem (report, 0, &line, &sentence);
      g_assert_cmpuint (line, ==, 3);
      g_assert_nonnull (strstr (sentence, bad_rows[i].words));

      g_assert_false (hd_store_import_ads_csv (fixture->store, report, NULL, NULL, &error));
      g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);

      after = dump_database (fixture->store);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_reimport_updates (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(HdAdAccount) account = add_account (fixture->store, "act_505", "GBP");
  g_autoptr(HdAdSet) ad_set = NULL;
  g_autofree char *first = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *csv = NULL;
  char *budget;

  fill_store (fixture->store, account);
  first = export_all (fixture->store, NULL);

  /* Importing what is there already writes nothing and queues nothing. */
  unchanged = dump_database (fixture->store);
  import (fixture->store, first, 0, 0);
  {
    g_autofree char *after = dump_database (fixture->store);

    g_assert_cmpstr (after, ==, unchanged);
  }

  /* A new budget updates the ad set in place, and its change waits to be sent. */
  csv = g_strdup (first);
  budget = strstr (csv, ",280.05,");
  g_assert_nonnull (budget);
  memcpy (budget, ",310.00,", 8);
  import (fixture->store, csv, 0, 1);

  ad_set = only_ad_set (fixture->store);
  g_assert_cmpint (hd_ad_set_get_budget_minor (ad_set), ==, 31000);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM campaigns"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM ads"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM audiences"), ==, 1);
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM outbox WHERE subject_kind = 'ad-set'"),
                   ==, 1);

  /* A second edit joins the change still waiting instead of adding one. */
  memcpy (budget, ",320.00,", 8);
  import (fixture->store, csv, 0, 1);
  g_assert_cmpint (count_rows (fixture,
                               "SELECT count(*) FROM outbox WHERE subject_kind = 'ad-set'"),
                   ==, 1);
}

static void
test_audience_change_queues_ad_sets (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(HdAdAccount) account = add_account (fixture->store, "act_707", "GBP");
  g_autofree char *csv = NULL;
  char *age;

  fill_store (fixture->store, account);
  /* The ad set is on Meta already, with the audience inside its targeting. */
  g_assert_cmpint (sqlite3_exec (_hd_store_get_db (fixture->store),
                                 "UPDATE ad_sets SET remote_id = '23850001'", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  csv = export_all (fixture->store, NULL);
  age = strstr (csv, "\"\"age_max\"\":45");
  g_assert_nonnull (age);
  memcpy (age + strlen ("\"\"age_max\"\":"), "50", 2);
  import (fixture->store, csv, 0, 1);

  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM outbox WHERE subject_kind = 'ad-set'"
                                        " AND operation = 'update' AND state = 'pending'"),
                   ==, 1);
}

static void
test_one_campaign (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(HdAdAccount) account = add_account (fixture->store, "act_606", "GBP");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *csv = NULL;

  fill_store (fixture->store, account);
  import (fixture->store,
          HEADER "Campaign,Other,,,act_606,GBP,OUTCOME_SALES,None,,,,,,,,,,,,\r\n", 1, 0);

  csv = export_all (fixture->store, "Spring \"spa\" days");
  g_assert_nonnull (strstr (csv, "Weekdays"));
  g_assert_nonnull (strstr (csv, "Dog owners, near Watford"));
  g_assert_null (strstr (csv, "OUTCOME_SALES"));

  g_assert_false (hd_store_export_ads_csv (fixture->store, "Nope", out, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

static void
test_unreadable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(HdAdsCsvReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *no_level = "Name,Objective\r\nSpring,OUTCOME_TRAFFIC\r\n";

  g_assert_false (hd_store_check_ads_csv (fixture->store, no_level, strlen (no_level), &report,
                                          &error));
  g_assert_error (error, HD_CSV_ERROR, HD_CSV_ERROR_BAD_HEADER);
  g_assert_null (report);
  g_clear_error (&error);

  g_assert_false (hd_store_check_ads_csv (fixture->store, "", 0, &report, &error));
  g_assert_error (error, HD_CSV_ERROR, HD_CSV_ERROR_EMPTY);
  g_clear_error (&error);

  /* Columns of another level, and an unknown level, are refused rather than dropped. */
  report = check (fixture->store,
                  "Level,Name,Budget,Colour\r\nCampaign,Spring,20.00,red\r\nThing,X,,\r\n");
  g_assert_cmpuint (hd_ads_csv_report_get_n_problems (report), >=, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/herald/store/ads-csv/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("currencies", test_currencies);
  ADD ("bad-row-changes-nothing", test_bad_row_changes_nothing);
  ADD ("reimport-updates", test_reimport_updates);
  ADD ("audience-change-queues-ad-sets", test_audience_change_queues_ad_sets);
  ADD ("one-campaign", test_one_campaign);
  ADD ("unreadable", test_unreadable);

#undef ADD

  return g_test_run ();
}
