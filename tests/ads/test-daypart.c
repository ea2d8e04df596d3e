/* test-daypart.c: the 7 × 24 grid and Meta's adset_schedule blocks.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hd-daypart.h"

static void
test_weekdays_grouped (void)
{
  HdDaypart grid;
  HdDaypart back;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  /* Something else was there before: clearing starts from Meta's default clock. */
  memset (&grid, 0xff, sizeof grid);
  hd_daypart_clear (&grid);
  g_assert_cmpint (grid.zone, ==, HD_DAYPART_ZONE_ADVERTISER);
  for (guint day = 1; day <= 5; day++)
    hd_daypart_set_range (&grid, day, 8, 20, TRUE);
  g_assert_cmpuint (hd_daypart_count_hours (&grid), ==, 60);

  json = hd_daypart_to_json (&grid);
  /* one block for Monday to Friday, the same form the store's sample data uses */
  g_assert_cmpstr (json, ==, "[{\"days\":[1,2,3,4,5],\"start_minute\":480,\"end_minute\":1200,"
                             "\"timezone_type\":\"ADVERTISER\"}]");

  g_assert_true (hd_daypart_from_json (json, &back, &error));
  g_assert_no_error (error);
  g_assert_true (hd_daypart_equal (&grid, &back));
}

static void
test_runs_merge_and_split (void)
{
  HdDaypart grid;
  g_autofree char *json = NULL;

  hd_daypart_clear (&grid);
  grid.zone = HD_DAYPART_ZONE_USER;
  /* Sunday 9–12 set hour by hour merges into one run; Sunday evening is a second run;
   * Saturday shares the morning run, so it joins that block */
  for (guint hour = 9; hour < 12; hour++)
    hd_daypart_set (&grid, 0, hour, TRUE);
  hd_daypart_set_range (&grid, 0, 22, 24, TRUE);
  hd_daypart_set_range (&grid, 6, 9, 12, TRUE);
  hd_daypart_set (&grid, 3, 0, TRUE);

  json = hd_daypart_to_json (&grid);
  g_assert_cmpstr (json, ==,
                   "[{\"days\":[3],\"start_minute\":0,\"end_minute\":60,"
                   "\"timezone_type\":\"USER\"},"
                   "{\"days\":[0,6],\"start_minute\":540,\"end_minute\":720,"
                   "\"timezone_type\":\"USER\"},"
                   "{\"days\":[0],\"start_minute\":1320,\"end_minute\":1440,"
                   "\"timezone_type\":\"USER\"}]");
}

static void
test_round_trip_patterns (void)
{
  for (guint seed = 1; seed <= 50; seed++)
    {
      GRand *rand = g_rand_new_with_seed (seed);
      HdDaypart grid;
      HdDaypart back;
      g_autofree char *json = NULL;
      g_autoptr(GError) error = NULL;

      hd_daypart_clear (&grid);
      grid.zone = seed % 2 ? HD_DAYPART_ZONE_USER : HD_DAYPART_ZONE_ADVERTISER;
      for (guint day = 0; day < HD_DAYPART_DAYS; day++)
        for (guint hour = 0; hour < HD_DAYPART_HOURS; hour++)
          hd_daypart_set (&grid, day, hour, g_rand_boolean (rand));
      json = hd_daypart_to_json (&grid);
      g_assert_true (hd_daypart_from_json (json, &back, &error));
      g_assert_no_error (error);
      g_assert_true (hd_daypart_equal (&grid, &back));
      g_rand_free (rand);
    }
}

static void
test_empty_and_unset (void)
{
  HdDaypart grid;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;

  /* no schedule stored: the ad set runs at every hour */
  g_assert_true (hd_daypart_from_json (NULL, &grid, &error));
  g_assert_true (hd_daypart_is_full (&grid));
  g_assert_true (hd_daypart_from_json ("", &grid, &error));
  g_assert_true (hd_daypart_is_full (&grid));

  hd_daypart_clear (&grid);
  json = hd_daypart_to_json (&grid);
  g_assert_cmpstr (json, ==, "[]");
  g_assert_true (hd_daypart_from_json ("[]", &grid, &error));
  g_assert_true (hd_daypart_is_empty (&grid));
}

static void
test_refuses_malformed (void)
{
  const char *bad[] = {
    "{}",
    "not json",
    "[1]",
    "[{\"days\":[1],\"start_minute\":30,\"end_minute\":120,\"timezone_type\":\"USER\"}]",
    "[{\"days\":[1],\"start_minute\":120,\"end_minute\":120,\"timezone_type\":\"USER\"}]",
    "[{\"days\":[1],\"start_minute\":180,\"end_minute\":120,\"timezone_type\":\"USER\"}]",
    "[{\"days\":[1],\"start_minute\":0,\"end_minute\":1500,\"timezone_type\":\"USER\"}]",
    "[{\"days\":[7],\"start_minute\":0,\"end_minute\":60,\"timezone_type\":\"USER\"}]",
    "[{\"days\":[],\"start_minute\":0,\"end_minute\":60,\"timezone_type\":\"USER\"}]",
    "[{\"days\":[\"1\"],\"start_minute\":0,\"end_minute\":60,\"timezone_type\":\"USER\"}]",
    "[{\"days\":[1],\"start_minute\":\"0\",\"end_minute\":60,\"timezone_type\":\"USER\"}]",
    "[{\"days\":[1],\"start_minute\":0,\"end_minute\":60}]",
    "[{\"days\":[1],\"start_minute\":0,\"end_minute\":60,\"timezone_type\":\"LOCAL\"}]",
    "[{\"days\":[1],\"start_minute\":0,\"end_minute\":60,\"timezone_type\":\"USER\"},"
    "{\"days\":[2],\"start_minute\":0,\"end_minute\":60,\"timezone_type\":\"ADVERTISER\"}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      HdDaypart grid;
      g_autoptr(GError) error = NULL;

      hd_daypart_fill (&grid);
      g_assert_false (hd_daypart_from_json (bad[i], &grid, &error));
      g_assert_error (error, HD_DAYPART_ERROR, HD_DAYPART_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "The ad schedule can’t be read"));
      /* the caller's grid is left as it was */
      g_assert_true (hd_daypart_is_full (&grid));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/ads/daypart/weekdays-grouped", test_weekdays_grouped);
  g_test_add_func ("/herald/ads/daypart/runs-merge-and-split", test_runs_merge_and_split);
  g_test_add_func ("/herald/ads/daypart/round-trip", test_round_trip_patterns);
  g_test_add_func ("/herald/ads/daypart/empty-and-unset", test_empty_and_unset);
  g_test_add_func ("/herald/ads/daypart/refuses-malformed", test_refuses_malformed);

  return g_test_run ();
}
