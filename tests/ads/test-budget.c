/* test-budget.c: flight length across clock changes, forecasts in several currencies, and
 * Meta's budget rules.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hd-budget.h"

static gint64
local_instant (const char *zone_name,
               int         year,
               int         month,
               int         day,
               int         hour)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_name);
  g_autoptr(GDateTime) time = NULL;

  g_assert_nonnull (zone);
  time = g_date_time_new (zone, year, month, day, hour, 0, 0);
  return g_date_time_to_unix (time);
}

static void
test_days_across_clock_changes (void)
{
  const char *london = "Europe/London";

  /* 14 days that include the spring change (29 March 2026): 335 hours, still 14 days */
  g_assert_cmpuint (hd_budget_count_days (local_instant (london, 2026, 3, 20, 0),
                                          local_instant (london, 2026, 4, 3, 0), london),
                    ==, 14);
  /* and the autumn change (25 October 2026): 337 hours, not 15 days */
  g_assert_cmpuint (hd_budget_count_days (local_instant (london, 2026, 10, 20, 0),
                                          local_instant (london, 2026, 11, 3, 0), london),
                    ==, 14);
  /* a part of a day counts as a day */
  g_assert_cmpuint (hd_budget_count_days (local_instant (london, 2026, 6, 1, 9),
                                          local_instant (london, 2026, 6, 3, 12), london),
                    ==, 3);
  g_assert_cmpuint (hd_budget_count_days (local_instant (london, 2026, 6, 1, 9),
                                          local_instant (london, 2026, 6, 1, 10), london),
                    ==, 1);
  g_assert_cmpuint (hd_budget_count_days (100, 100, london), ==, 0);
  g_assert_cmpuint (hd_budget_count_days (200, 100, london), ==, 0);

  /* the zone decides: the 337 hours of the autumn flight above are 14 days on London's
   * clock but more than 14 on Tokyo's, which does not change */
  g_assert_cmpuint (hd_budget_count_days (local_instant (london, 2026, 10, 20, 0),
                                          local_instant (london, 2026, 11, 3, 0), "Asia/Tokyo"),
                    ==, 15);
}

static void
test_forecast_daily (void)
{
  const char *london = "Europe/London";
  HdBudgetForecast forecast;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (hd_budget_forecast (HD_BUDGET_KIND_DAILY, 2000,
                                     local_instant (london, 2026, 3, 20, 0),
                                     local_instant (london, 2026, 4, 3, 0), london,
                                     &forecast, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (forecast.days, ==, 14);
  g_assert_cmpint (forecast.total_minor, ==, 28000);
  g_assert_cmpint (forecast.peak_day_minor, ==, 2500);

  text = hd_budget_describe_forecast (HD_BUDGET_KIND_DAILY, &forecast, "GBP");
  g_assert_cmpstr (text, ==, "£20.00 a day for 14 days, up to £280.00. Meta may spend up to "
                             "25% more on a single day.");
}

static void
test_forecast_yen_and_lifetime (void)
{
  const char *tokyo = "Asia/Tokyo";
  HdBudgetForecast forecast;
  g_autoptr(GError) error = NULL;
  g_autofree char *daily = NULL;
  g_autofree char *lifetime = NULL;

  /* JPY has no minor unit: 2000 is ¥2,000 */
  g_assert_true (hd_budget_forecast (HD_BUDGET_KIND_DAILY, 2000,
                                     local_instant (tokyo, 2026, 6, 1, 0),
                                     local_instant (tokyo, 2026, 6, 2, 0), tokyo,
                                     &forecast, &error));
  daily = hd_budget_describe_forecast (HD_BUDGET_KIND_DAILY, &forecast, "JPY");
  g_assert_cmpstr (daily, ==, "¥2,000 a day for 1 day, up to ¥2,000. Meta may spend up to 25% "
                              "more on a single day.");

  g_assert_true (hd_budget_forecast (HD_BUDGET_KIND_LIFETIME, 28000,
                                     local_instant (tokyo, 2026, 6, 1, 0),
                                     local_instant (tokyo, 2026, 6, 15, 0), tokyo,
                                     &forecast, &error));
  g_assert_cmpint (forecast.per_day_minor, ==, 2000);
  lifetime = hd_budget_describe_forecast (HD_BUDGET_KIND_LIFETIME, &forecast, "EUR");
  g_assert_cmpstr (lifetime, ==, "€280.00 over 14 days, about €20.00 a day.");

  g_assert_false (hd_budget_forecast (HD_BUDGET_KIND_DAILY, 2000, 500, 100, tokyo,
                                      &forecast, &error));
  g_assert_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_NO_FLIGHT);
}

static void
test_minimums (void)
{
  g_autoptr(HdAdAccount) account = hd_ad_account_new ();
  g_autoptr(GError) error = NULL;

  /* documented defaults, in dollar-like currencies */
  g_assert_cmpint (hd_budget_get_minimum_daily (NULL, "GBP", "IMPRESSIONS"), ==, 100);
  g_assert_cmpint (hd_budget_get_minimum_daily (NULL, "USD", "LINK_CLICKS"), ==, 500);
  g_assert_cmpint (hd_budget_get_minimum_daily (NULL, "EUR", "APP_INSTALLS"), ==, 4000);
  /* no sourced default for yen: only the account's own figure counts */
  g_assert_cmpint (hd_budget_get_minimum_daily (NULL, "JPY", "IMPRESSIONS"), ==, 0);

  hd_ad_account_set_currency (account, "JPY");
  hd_ad_account_set_min_daily_budget_imp (account, 150);
  hd_ad_account_set_min_daily_budget_high_freq (account, 700);
  g_assert_cmpint (hd_budget_get_minimum_daily (account, "JPY", "IMPRESSIONS"), ==, 150);
  g_assert_cmpint (hd_budget_get_minimum_daily (account, "JPY", "CLICKS"), ==, 700);
  g_assert_cmpint (hd_budget_get_minimum_daily (account, "JPY", "PURCHASE"), ==, 0);
  /* figures in another currency don't apply */
  g_assert_cmpint (hd_budget_get_minimum_daily (account, "GBP", "IMPRESSIONS"), ==, 100);

  g_assert_true (hd_budget_check_minimum (account, HD_BUDGET_KIND_DAILY, 700, "JPY",
                                          "LINK_CLICKS", 7, &error));
  g_assert_false (hd_budget_check_minimum (account, HD_BUDGET_KIND_DAILY, 699, "JPY",
                                           "LINK_CLICKS", 7, &error));
  g_assert_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_BELOW_MINIMUM);
  g_assert_cmpstr (error->message, ==, "Meta needs a daily budget of at least ¥700 when you "
                                       "pay per click or engagement.");
  g_clear_error (&error);

  /* lifetime: at least the daily minimum for every day */
  g_assert_true (hd_budget_check_minimum (NULL, HD_BUDGET_KIND_LIFETIME, 1400, "GBP",
                                          "IMPRESSIONS", 14, &error));
  g_assert_false (hd_budget_check_minimum (NULL, HD_BUDGET_KIND_LIFETIME, 1399, "GBP",
                                           "IMPRESSIONS", 14, &error));
  g_assert_cmpstr (error->message, ==, "A lifetime budget for 14 days must be at least £14.00: "
                                       "Meta needs £1.00 for each day.");
}

static void
test_bid_cap_and_dayparting (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_budget_check_bid_cap (HD_BUDGET_KIND_DAILY, 2500, 1, 500, "GBP", &error));
  g_assert_false (hd_budget_check_bid_cap (HD_BUDGET_KIND_DAILY, 2499, 1, 500, "GBP", &error));
  g_assert_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_BID_CAP);
  g_clear_error (&error);
  /* a lifetime budget is judged by its share of a day */
  g_assert_false (hd_budget_check_bid_cap (HD_BUDGET_KIND_LIFETIME, 10000, 10, 500, "GBP",
                                           &error));
  g_clear_error (&error);
  g_assert_true (hd_budget_check_bid_cap (HD_BUDGET_KIND_LIFETIME, 25000, 10, 500, "GBP", &error));
  g_assert_true (hd_budget_check_bid_cap (HD_BUDGET_KIND_DAILY, 1, 1, 0, "GBP", &error));

  g_assert_true (hd_budget_check_dayparting (HD_BUDGET_KIND_DAILY, 0, FALSE, &error));
  g_assert_true (hd_budget_check_dayparting (HD_BUDGET_KIND_LIFETIME, 1000, TRUE, &error));
  g_assert_false (hd_budget_check_dayparting (HD_BUDGET_KIND_DAILY, 1000, TRUE, &error));
  g_assert_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_DAYPARTING);
  g_clear_error (&error);
  g_assert_false (hd_budget_check_dayparting (HD_BUDGET_KIND_LIFETIME, 0, TRUE, &error));
  g_assert_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_DAYPARTING);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/ads/budget/days-across-clock-changes",
                   test_days_across_clock_changes);
  g_test_add_func ("/herald/ads/budget/forecast-daily", test_forecast_daily);
  g_test_add_func ("/herald/ads/budget/forecast-yen-and-lifetime", test_forecast_yen_and_lifetime);
  g_test_add_func ("/herald/ads/budget/minimums", test_minimums);
  g_test_add_func ("/herald/ads/budget/bid-cap-and-dayparting", test_bid_cap_and_dayparting);

  return g_test_run ();
}
