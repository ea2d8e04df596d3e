/* test-targeting.c: audiences to and from Meta's targeting spec, and their summary.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "hd-targeting.h"

static HdTargeting *
build_watford_dog_owners (void)
{
  HdTargeting *targeting = hd_targeting_new ();
  HdLocation *watford = hd_location_new (HD_LOCATION_CITY, "2652477", "Watford");
  HdInterestGroup *group;

  watford->region = g_strdup ("England");
  watford->country = g_strdup ("GB");
  watford->radius = 10;
  watford->unit = HD_DISTANCE_MILES;
  g_ptr_array_add (targeting->locations, watford);
  targeting->age_min = 25;
  targeting->age_max = 45;
  group = hd_targeting_add_group (targeting);
  g_ptr_array_add (group->interests, hd_targeting_item_new ("6003107902433", "Dogs"));
  g_ptr_array_add (group->interests, hd_targeting_item_new ("6003284197447", "Pet grooming"));
  targeting->advantage_audience = HD_ADVANTAGE_AUDIENCE_OFF;
  return targeting;
}

static void
test_to_spec (void)
{
  g_autoptr(HdTargeting) targeting = build_watford_dog_owners ();
  g_autofree char *json = hd_targeting_to_json (targeting);

  g_assert_cmpstr (json, ==,
                   "{\"geo_locations\":{\"cities\":[{\"key\":\"2652477\",\"name\":\"Watford\","
                   "\"region\":\"England\",\"country\":\"GB\",\"radius\":10,"
                   "\"distance_unit\":\"mile\"}]},\"age_min\":25,\"age_max\":45,"
                   "\"flexible_spec\":[{\"interests\":[{\"id\":\"6003107902433\","
                   "\"name\":\"Dogs\"},"
                   "{\"id\":\"6003284197447\",\"name\":\"Pet grooming\"}]}],"
                   "\"targeting_automation\":{\"advantage_audience\":0}}");
}

static void
test_summary (void)
{
  g_autoptr(HdTargeting) targeting = build_watford_dog_owners ();
  g_autofree char *summary = hd_targeting_describe (targeting);
  g_autofree char *wider = NULL;
  HdInterestGroup *group;

  g_assert_cmpstr (summary, ==, "People 25–45 within 10 mi of Watford, England, interested in "
                                "Dogs or Pet grooming");

  g_ptr_array_add (targeting->locations, hd_location_new (HD_LOCATION_COUNTRY, "IE", NULL));
  g_ptr_array_add (targeting->excluded_locations,
                   hd_location_new (HD_LOCATION_CITY, "1", "Dublin"));
  group = hd_targeting_add_group (targeting);
  g_ptr_array_add (group->interests, hd_targeting_item_new ("1", "Running"));
  g_ptr_array_add (targeting->excluded_interests, hd_targeting_item_new ("2", "Cats"));
  targeting->age_max = 65;
  targeting->advantage_audience = HD_ADVANTAGE_AUDIENCE_ON;
  wider = hd_targeting_describe (targeting);
  g_assert_cmpstr (wider, ==, "People 25 and over within 10 mi of Watford, England or in IE, "
                              "excluding Dublin, interested in Dogs or Pet grooming, and in "
                              "Running, but not in Cats. Advantage audience is on: Meta may "
                              "also show the ad to people beyond this audience");
}

static void
test_summary_names_languages (void)
{
  g_autoptr(HdTargeting) targeting = build_watford_dog_owners ();
  g_autoptr(GHashTable) names = g_hash_table_new (NULL, NULL);
  g_autofree char *unnamed = NULL;
  g_autofree char *named = NULL;
  g_autofree char *json = NULL;
  guint english_uk = 24;
  guint welsh = 65;

  g_array_append_val (targeting->locales, english_uk);
  g_array_append_val (targeting->locales, welsh);

  /* Without names the summary counts the languages. */
  unnamed = hd_targeting_describe (targeting);
  g_assert_cmpstr (unnamed, ==, "People 25–45 within 10 mi of Watford, England, who speak one "
                                "of 2 chosen languages, interested in Dogs or Pet grooming");

  /* With names it says them, and a key with no known name still shows as a language. */
  g_hash_table_insert (names, GUINT_TO_POINTER (english_uk), (gpointer) "English (UK)");
  named = hd_targeting_describe_with_locale_names (targeting, names);
  g_assert_cmpstr (named, ==, "People 25–45 within 10 mi of Watford, England, speaking "
                              "English (UK) or Language 65, interested in Dogs or Pet grooming");

  /* The names never reach the spec: locales stay Meta's keys. */
  json = hd_targeting_to_json (targeting);
  g_assert_nonnull (strstr (json, "\"locales\":[24,65]"));
  g_assert_null (strstr (json, "English"));
}

static void
test_round_trip_keeps_everything (void)
{
  const char *spec =
    "{\"geo_locations\":{\"countries\":[\"GB\"],\"regions\":[{\"key\":\"4081\",\"name\":\"Kent\","
    "\"country\":\"GB\"}],\"custom_locations\":[{\"latitude\":51.6565,\"longitude\":-0.3903,"
    "\"radius\":2.5,\"distance_unit\":\"kilometer\",\"name\":\"The shop\"}],"
    "\"location_types\":[\"home\"]},"
    "\"excluded_geo_locations\":{\"cities\":[{\"key\":\"777934\",\"name\":\"Luton\"}]},"
    "\"genders\":[1],\"locales\":[6,24],"
    "\"flexible_spec\":[{\"interests\":[{\"id\":\"1\",\"name\":\"Dogs\"}],"
    "\"behaviors\":[{\"id\":\"9\",\"name\":\"All travelers\"}]}],"
    "\"exclusions\":{\"interests\":[{\"id\":\"2\",\"name\":\"Cats\"}]},"
    "\"custom_audiences\":[{\"id\":\"55\",\"name\":\"Newsletter\"}],"
    "\"publisher_platforms\":[\"facebook\"],"
    "\"targeting_automation\":{\"advantage_audience\":1}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(HdTargeting) targeting = hd_targeting_new_from_json (spec, &error);
  g_autoptr(HdTargeting) again = NULL;
  g_autoptr(JsonNode) original = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  HdLocation *pin;

  g_assert_no_error (error);
  g_assert_cmpuint (targeting->locations->len, ==, 3);
  pin = g_ptr_array_index (targeting->locations, 2);
  g_assert_cmpint (pin->kind, ==, HD_LOCATION_PIN);
  g_assert_cmpfloat_with_epsilon (pin->radius, 2.5, 1e-9);
  g_assert_cmpuint (targeting->genders->len, ==, 1);
  g_assert_cmpuint (targeting->locales->len, ==, 2);
  g_assert_cmpint (targeting->advantage_audience, ==, HD_ADVANTAGE_AUDIENCE_ON);
  g_assert_cmpuint (targeting->custom_audiences->len, ==, 1);

  /* nothing is lost: the same members come back, whatever their order */
  json = hd_targeting_to_json (targeting);
  original = json_from_string (spec, NULL);
  written = json_from_string (json, NULL);
  g_assert_true (json_node_equal (original, written));

  again = hd_targeting_new_from_json (json, &error);
  g_assert_no_error (error);
  json_again = hd_targeting_to_json (again);
  g_assert_cmpstr (json_again, ==, json);
}

static void
test_refuses_malformed (void)
{
  const char *bad[] = {
    "[]",
    "{\"age_min\":\"25\"}",
    "{\"age_min\":-1}",
    "{\"geo_locations\":{\"countries\":[1]}}",
    "{\"geo_locations\":{\"cities\":[{\"name\":\"no key\"}]}}",
    "{\"geo_locations\":{\"cities\":[{\"key\":\"1\",\"radius\":10,\"distance_unit\":\"league\"}]}}",
    "{\"geo_locations\":{\"custom_locations\":[{\"latitude\":\"north\",\"longitude\":0}]}}",
    "{\"flexible_spec\":{\"interests\":[]}}",
    "{\"flexible_spec\":[{\"interests\":[{\"name\":\"no id\"}]}]}",
    "{\"targeting_automation\":{\"advantage_audience\":2}}",
    "{\"genders\":[\"male\"]}",
    "{",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdTargeting) targeting = hd_targeting_new_from_json (bad[i], &error);

      g_assert_null (targeting);
      g_assert_error (error, HD_TARGETING_ERROR, HD_TARGETING_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "The audience can’t be read"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/ads/targeting/to-spec", test_to_spec);
  g_test_add_func ("/herald/ads/targeting/summary", test_summary);
  g_test_add_func ("/herald/ads/targeting/summary-names-languages",
                   test_summary_names_languages);
  g_test_add_func ("/herald/ads/targeting/round-trip-keeps-everything",
                   test_round_trip_keeps_everything);
  g_test_add_func ("/herald/ads/targeting/refuses-malformed", test_refuses_malformed);

  return g_test_run ();
}
