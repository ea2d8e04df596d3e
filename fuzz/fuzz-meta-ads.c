/* fuzz-meta-ads.c: libFuzzer target for what the Meta Marketing API answers: ad accounts,
 * minimum budgets, targeting search (interests, places and languages), reach estimates,
 * daily insights, image hashes, lists searched by name, and the money strings inside them.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-fuzz"

#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "hd-http.h"
#include "hd-meta-ads.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_insights (JsonNode   *root,
                const char *currency)
{
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_meta_insights_day_free);
  g_autofree char *after = NULL;

  hd_meta_ads_parse_insights (root, currency, days, &after);
  for (guint i = 0; i < days->len; i++)
    {
      HdMetaInsightsDay *day = g_ptr_array_index (days, i);

      /* A day is only kept with a real date; unknown metrics stay -1, never below. */
      g_assert (day->date != NULL && strlen (day->date) == 10);
      g_assert (day->impressions >= -1 && day->reach >= -1 && day->clicks >= -1);
      g_assert (day->spend >= -1 && day->cpc >= -1);
      g_assert (hd_meta_insights_day_get_action (day, "link_click") >= 0);
    }
  g_assert (after == NULL || *after != '\0');
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GPtrArray) interests = NULL;
  g_autoptr(GPtrArray) locations = NULL;
  g_autoptr(GPtrArray) locales = NULL;
  g_autoptr(HdMetaReach) reach = NULL;
  g_autoptr(HdAdAccount) account = hd_ad_account_new ();
  g_autofree char *hash = NULL;
  g_autofree char *named = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  gint64 minor;
  JsonNode *root;

  /* The money reader takes the raw bytes too, as a metric value would arrive. */
  text = g_strndup ((const char *) data, size);
  if (hd_meta_ads_parse_money (text, "GBP", &minor))
    g_assert (minor >= 0);
  if (hd_meta_ads_parse_money (text, "JPY", &minor))
    g_assert (minor >= 0);

  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;

  /* Herald's HTTP layer hands every parsed answer over with its strings made valid UTF-8;
   * the parsers are fuzzed on the same footing. */
  g_autoptr(JsonNode) valid_root = hd_json_node_make_valid (root);
  root = valid_root;

  accounts = hd_meta_ads_parse_ad_accounts (root, "channel");
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      HdAdAccount *listed = g_ptr_array_index (accounts, i);

      g_assert (g_str_has_prefix (hd_ad_account_get_remote_id (listed), "act_"));
      g_assert (hd_ad_account_get_name (listed) != NULL);
      g_assert (hd_ad_account_get_currency (listed) == NULL
                || strlen (hd_ad_account_get_currency (listed)) == 3);
    }

  hd_ad_account_set_currency (account, "GBP");
  if (hd_meta_ads_parse_minimum_budgets (root, account))
    g_assert (hd_ad_account_get_min_daily_budget_imp (account) >= 0
              && hd_ad_account_get_min_daily_budget_low_freq (account) >= 0);

  interests = hd_meta_ads_parse_interests (root);
  for (guint i = 0; interests != NULL && i < interests->len; i++)
    {
      HdMetaInterest *interest = g_ptr_array_index (interests, i);

      g_assert (interest->id != NULL && interest->name != NULL);
    }

  locations = hd_meta_ads_parse_locations (root);
  for (guint i = 0; locations != NULL && i < locations->len; i++)
    {
      HdMetaLocation *location = g_ptr_array_index (locations, i);

      g_assert (location->key != NULL && location->name != NULL && location->type != NULL);
    }

  locales = hd_meta_ads_parse_locales (root);
  for (guint i = 0; locales != NULL && i < locales->len; i++)
    {
      HdMetaLocale *locale = g_ptr_array_index (locales, i);

      g_assert (locale->name != NULL && *locale->name != '\0');
    }

  reach = hd_meta_ads_parse_reach (root);
  if (reach != NULL)
    g_assert (reach->users_lower_bound >= 0 || reach->users_upper_bound >= 0);

  check_insights (root, "GBP");
  check_insights (root, "JPY");

  hash = hd_meta_ads_parse_image_hash (root);
  g_assert (hash == NULL || *hash != '\0');

  named = hd_meta_ads_parse_named (root, "Spring grooming", &after);
  g_assert (named == NULL || after == NULL);

  return 0;
}
