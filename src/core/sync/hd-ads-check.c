/* hd-ads-check.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "hd-ads-check.h"
#include "hd-budget.h"
#include "hd-daypart.h"
#include "hd-meta-enums.h"
#include "hd-money.h"
#include "hd-targeting.h"

/* Age limits: "age_min must be ≥13, age_max at most 65; at least one country is required
 * unless a custom audience is used" —
 * developers.facebook.com/docs/marketing-api/audiences/reference/basic-targeting */
#define AGE_LOWEST  13
#define AGE_HIGHEST 65
/* With Advantage audience on, age_min is only a suggestion and may be at most 25
 * (reference/channel-apis.md section 7; from third-party code, not Meta's own page). */
#define AGE_MIN_HIGHEST_WITH_ADVANTAGE 25

void
hd_ads_problem_free (HdAdsProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->subject_id);
  g_free (problem->field);
  g_free (problem->sentence);
  g_free (problem);
}

typedef struct
{
  GPtrArray *problems;
  guint      found;
} Report;

G_GNUC_PRINTF (5, 6)
static void
add_problem (Report       *report,
             HdAdsSubject  subject,
             const char   *subject_id,
             const char   *field,
             const char   *format,
             ...)
{
  HdAdsProblem *problem = g_new0 (HdAdsProblem, 1);
  va_list args;

  problem->subject = subject;
  problem->subject_id = g_strdup (subject_id);
  problem->field = g_strdup (field);
  va_start (args, format);
  problem->sentence = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (report->problems, problem);
  report->found++;
}

static void
add_error (Report       *report,
           HdAdsSubject  subject,
           const char   *subject_id,
           const char   *field,
           GError       *error)
{
  add_problem (report, subject, subject_id, field, "%s", error->message);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  while (*text != '\0' && g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

static gboolean
is_new (const char *remote_id)
{
  return remote_id == NULL || *remote_id == '\0';
}

/* Campaign */

static void
check_special_ad_categories (Report     *report,
                             HdCampaign *campaign)
{
  const char *id = hd_campaign_get_id (campaign);
  const char *json = hd_campaign_get_special_ad_categories (campaign);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *categories;
  gboolean has_none = FALSE;

  /* The only parameter Meta marks required when creating a campaign; [] and ["NONE"] both
   * say "none of these" (reference/channel-apis.md section 7). */
  if (json == NULL || (root = json_from_string (json, NULL)) == NULL
      || !JSON_NODE_HOLDS_ARRAY (root))
    {
      add_problem (report, HD_ADS_SUBJECT_CAMPAIGN, id, "special_ad_categories",
                   _("Say whether the campaign is about credit, employment, housing, social "
                     "issues, elections or politics, or none of these."));
      return;
    }

  categories = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (categories); i++)
    {
      JsonNode *node = json_array_get_element (categories, i);
      const char *value = JSON_NODE_HOLDS_VALUE (node)
                          && json_node_get_value_type (node) == G_TYPE_STRING
                          ? json_node_get_string (node) : NULL;

      if (!hd_meta_enum_contains (HD_META_ENUM_SPECIAL_AD_CATEGORY, value))
        add_problem (report, HD_ADS_SUBJECT_CAMPAIGN, id, "special_ad_categories",
                     _("“%s” is not a special ad category Meta knows. Choose one from the "
                       "list."),
                     value != NULL ? value : "?");
      else if (strcmp (value, "NONE") == 0)
        has_none = TRUE;
    }

  if (has_none && json_array_get_length (categories) > 1)
    add_problem (report, HD_ADS_SUBJECT_CAMPAIGN, id, "special_ad_categories",
                 _("The campaign can’t be both in a special ad category and in none: remove "
                   "“None” or the other categories."));
}

static void
check_campaign (Report     *report,
                HdCampaign *campaign)
{
  const char *id = hd_campaign_get_id (campaign);
  const char *objective = hd_campaign_get_objective (campaign);
  const char *bid_strategy = hd_campaign_get_bid_strategy (campaign);

  if (is_blank (hd_campaign_get_name (campaign)))
    add_problem (report, HD_ADS_SUBJECT_CAMPAIGN, id, "name",
                 _("Give the campaign a name."));

  if (is_blank (objective))
    add_problem (report, HD_ADS_SUBJECT_CAMPAIGN, id, "objective",
                 _("Choose what the campaign is for: its objective."));
  else if (!hd_meta_enum_contains (HD_META_ENUM_CAMPAIGN_OBJECTIVE, objective))
    add_problem (report, HD_ADS_SUBJECT_CAMPAIGN, id, "objective",
                 _("“%s” is not a campaign objective Meta knows. Choose another objective."),
                 objective);
  else if (is_new (hd_campaign_get_remote_id (campaign))
           && !hd_meta_objective_is_accepted_for_new_campaigns (objective))
    add_problem (report, HD_ADS_SUBJECT_CAMPAIGN, id, "objective",
                 _("Meta no longer takes new campaigns with the objective “%s”. Choose "
                   "Awareness, Traffic, Engagement, Leads, App promotion or Sales."),
                 objective);

  check_special_ad_categories (report, campaign);

  if (!is_blank (bid_strategy)
      && !hd_meta_enum_contains (HD_META_ENUM_CAMPAIGN_BID_STRATEGY, bid_strategy))
    add_problem (report, HD_ADS_SUBJECT_CAMPAIGN, id, "bid_strategy",
                 _("“%s” is not a bid strategy Meta knows. Choose another bid strategy."),
                 bid_strategy);
}

/* Audience */

static void
check_targeting (Report            *report,
                 const char        *audience_id,
                 const char        *audience_name,
                 const HdTargeting *targeting)
{
  gboolean has_location = targeting->locations->len > 0;

  if (!has_location && targeting->custom_audiences->len == 0)
    add_problem (report, HD_ADS_SUBJECT_AUDIENCE, audience_id, "geo_locations",
                 _("The audience “%s” needs at least one place where people are, such as a "
                   "country or a city."),
                 audience_name);

  if (targeting->age_min > 0 && targeting->age_min < AGE_LOWEST)
    add_problem (report, HD_ADS_SUBJECT_AUDIENCE, audience_id, "age_min",
                 _("The audience “%s” starts at age %u: Meta shows ads to people aged %u or "
                   "over."),
                 audience_name, targeting->age_min, AGE_LOWEST);
  if (targeting->age_max > AGE_HIGHEST)
    add_problem (report, HD_ADS_SUBJECT_AUDIENCE, audience_id, "age_max",
                 _("The audience “%s” ends at age %u: the highest age Meta takes is %u, which "
                   "means %u and over."),
                 audience_name, targeting->age_max, AGE_HIGHEST, AGE_HIGHEST);
  if (targeting->age_max > 0 && targeting->age_min > targeting->age_max)
    add_problem (report, HD_ADS_SUBJECT_AUDIENCE, audience_id, "age_min",
                 _("The audience “%s” has its youngest age above its oldest: swap them."),
                 audience_name);

  if (targeting->advantage_audience == HD_ADVANTAGE_AUDIENCE_UNSET)
    add_problem (report, HD_ADS_SUBJECT_AUDIENCE, audience_id, "targeting_automation",
                 _("Say whether Meta may show the ads of audience “%s” beyond it (Advantage "
                   "audience): Meta needs the choice made."),
                 audience_name);
  else if (targeting->advantage_audience == HD_ADVANTAGE_AUDIENCE_ON
           && targeting->age_min > AGE_MIN_HIGHEST_WITH_ADVANTAGE)
    add_problem (report, HD_ADS_SUBJECT_AUDIENCE, audience_id, "age_min",
                 _("With Advantage audience on, the youngest age of “%s” can be at most %u. "
                   "Lower it or turn Advantage audience off."),
                 audience_name, AGE_MIN_HIGHEST_WITH_ADVANTAGE);
}

static void
check_audience (Report              *report,
                HdAdSet             *ad_set,
                HdAdsAudienceLookup  lookup_audience,
                gpointer             user_data)
{
  const char *ad_set_id = hd_ad_set_get_id (ad_set);
  const char *audience_id = hd_ad_set_get_audience_id (ad_set);
  g_autoptr(HdAudience) audience = NULL;
  g_autoptr(HdTargeting) targeting = NULL;
  g_autoptr(GError) error = NULL;

  if (is_blank (audience_id))
    {
      add_problem (report, HD_ADS_SUBJECT_AD_SET, ad_set_id, "targeting",
                   _("Choose who sees the ad set “%s”: pick a saved audience."),
                   hd_ad_set_get_name (ad_set));
      return;
    }

  if (lookup_audience != NULL)
    audience = lookup_audience (audience_id, user_data);
  if (audience == NULL)
    {
      add_problem (report, HD_ADS_SUBJECT_AD_SET, ad_set_id, "targeting",
                   _("The audience of ad set “%s” no longer exists. Pick another one."),
                   hd_ad_set_get_name (ad_set));
      return;
    }

  targeting = hd_targeting_new_from_json (hd_audience_get_spec (audience), &error);
  if (targeting == NULL)
    {
      add_error (report, HD_ADS_SUBJECT_AUDIENCE, audience_id, "targeting", error);
      return;
    }

  check_targeting (report, audience_id, hd_audience_get_name (audience), targeting);
}

/* Ad set */

static void
check_enum (Report      *report,
            HdAdSet     *ad_set,
            HdMetaEnum   which,
            const char  *field,
            const char  *value,
            const char  *missing_sentence)
{
  if (is_blank (value))
    add_problem (report, HD_ADS_SUBJECT_AD_SET, hd_ad_set_get_id (ad_set), field, "%s",
                 missing_sentence);
  else if (!hd_meta_enum_contains (which, value))
    /* Translators: the first %s is a value, the second the name of a setting */
    add_problem (report, HD_ADS_SUBJECT_AD_SET, hd_ad_set_get_id (ad_set), field,
                 _("“%s” is not a value Meta takes for %s. Choose another one."), value, field);
}

static void
check_flight (Report  *report,
              HdAdSet *ad_set,
              gint64   now)
{
  const char *id = hd_ad_set_get_id (ad_set);
  gint64 starts_at = hd_ad_set_get_starts_at (ad_set);
  gint64 ends_at = hd_ad_set_get_ends_at (ad_set);
  gboolean fresh = is_new (hd_ad_set_get_remote_id (ad_set));

  if (starts_at <= 0)
    add_problem (report, HD_ADS_SUBJECT_AD_SET, id, "start_time",
                 _("Choose when the ad set “%s” starts."), hd_ad_set_get_name (ad_set));
  else if (fresh && starts_at < now)
    add_problem (report, HD_ADS_SUBJECT_AD_SET, id, "start_time",
                 _("The ad set “%s” would start in the past. Move the start to now or later."),
                 hd_ad_set_get_name (ad_set));

  if (ends_at > 0 && starts_at > 0 && ends_at <= starts_at)
    add_problem (report, HD_ADS_SUBJECT_AD_SET, id, "end_time",
                 _("The ad set “%s” ends before it starts. Move the end after the start."),
                 hd_ad_set_get_name (ad_set));
  else if (ends_at > 0 && fresh && ends_at <= now)
    add_problem (report, HD_ADS_SUBJECT_AD_SET, id, "end_time",
                 _("The ad set “%s” would end in the past. Move the end later."),
                 hd_ad_set_get_name (ad_set));
}

static void
check_budget (Report      *report,
              HdAdAccount *account,
              HdAdSet     *ad_set)
{
  const char *id = hd_ad_set_get_id (ad_set);
  const char *currency = hd_ad_set_get_currency (ad_set);
  HdBudgetKind kind = hd_ad_set_get_budget_kind (ad_set);
  const char *field = kind == HD_BUDGET_KIND_DAILY ? "daily_budget" : "lifetime_budget";
  gint64 budget = hd_ad_set_get_budget_minor (ad_set);
  g_autoptr(GError) error = NULL;
  HdDaypart daypart;
  gboolean has_schedule = FALSE;
  gboolean currency_usable = FALSE;
  guint days;

  if (!hd_money_currency_is_known (currency)
      || !hd_meta_enum_contains (HD_META_ENUM_AD_ACCOUNT_CURRENCY, currency))
    add_problem (report, HD_ADS_SUBJECT_AD_SET, id, field,
                 _("Meta ad accounts can’t pay in “%s”. Use the currency of the ad account."),
                 currency != NULL ? currency : "");
  else if (account != NULL && g_strcmp0 (hd_ad_account_get_currency (account), currency) != 0)
    add_problem (report, HD_ADS_SUBJECT_AD_SET, id, field,
                 _("The budget of “%s” is in %s but the ad account pays in %s. Enter the "
                   "budget in %s."),
                 hd_ad_set_get_name (ad_set), currency, hd_ad_account_get_currency (account),
                 hd_ad_account_get_currency (account));
  else
    currency_usable = TRUE;

  if (budget <= 0)
    add_problem (report, HD_ADS_SUBJECT_AD_SET, id, field,
                 _("Set a budget for the ad set “%s”."), hd_ad_set_get_name (ad_set));

  if (!hd_daypart_from_json (hd_ad_set_get_dayparting (ad_set), &daypart, &error))
    {
      add_error (report, HD_ADS_SUBJECT_AD_SET, id, "adset_schedule", error);
      g_clear_error (&error);
    }
  else if (hd_daypart_is_empty (&daypart))
    add_problem (report, HD_ADS_SUBJECT_AD_SET, id, "adset_schedule",
                 _("The hour schedule of “%s” has no hours chosen. Paint some hours, or "
                   "clear the schedule to run at all hours."),
                 hd_ad_set_get_name (ad_set));
  else
    has_schedule = !hd_daypart_is_full (&daypart);

  if (!hd_budget_check_dayparting (kind, hd_ad_set_get_ends_at (ad_set), has_schedule, &error))
    {
      add_error (report, HD_ADS_SUBJECT_AD_SET, id, kind == HD_BUDGET_KIND_DAILY
                                                    ? "lifetime_budget" : "end_time", error);
      g_clear_error (&error);
    }
  else if (kind == HD_BUDGET_KIND_LIFETIME && hd_ad_set_get_ends_at (ad_set) <= 0)
    /* A lifetime budget is spread over the flight, so the flight needs an end. */
    add_problem (report, HD_ADS_SUBJECT_AD_SET, id, "end_time",
                 _("A budget for the whole flight needs an end date: set when “%s” ends."),
                 hd_ad_set_get_name (ad_set));

  /* A minimum in the wrong currency would only repeat the problem above in other words. */
  if (budget <= 0 || !currency_usable)
    return;

  days = hd_budget_count_days (hd_ad_set_get_starts_at (ad_set), hd_ad_set_get_ends_at (ad_set),
                               hd_ad_set_get_time_zone (ad_set));
  if (kind == HD_BUDGET_KIND_LIFETIME && days == 0)
    return;
  if (!hd_budget_check_minimum (account, kind, budget, currency,
                                hd_ad_set_get_billing_event (ad_set), days, &error))
    add_error (report, HD_ADS_SUBJECT_AD_SET, id, field, error);
}

/* A cap strategy bids at most bid_amount, and the budget must leave room for it. */
static void
check_bid_cap (Report     *report,
               HdCampaign *campaign,
               HdAdSet    *ad_set)
{
  const char *id = hd_ad_set_get_id (ad_set);
  const char *strategy = hd_campaign_get_bid_strategy (campaign);
  gint64 cap = hd_ad_set_get_bid_amount (ad_set);
  g_autoptr(GError) error = NULL;
  guint days;

  if (g_strcmp0 (strategy, "COST_CAP") != 0 && g_strcmp0 (strategy, "LOWEST_COST_WITH_BID_CAP")
      != 0)
    return;

  if (cap <= 0)
    {
      add_problem (report, HD_ADS_SUBJECT_AD_SET, id, "bid_amount",
                   _("The campaign caps its bids, so the ad set “%s” needs a bid: enter the "
                     "most to pay for one result."),
                   hd_ad_set_get_name (ad_set));
      return;
    }

  days = hd_budget_count_days (hd_ad_set_get_starts_at (ad_set), hd_ad_set_get_ends_at (ad_set),
                               hd_ad_set_get_time_zone (ad_set));
  if (hd_ad_set_get_budget_minor (ad_set) > 0
      && !hd_budget_check_bid_cap (hd_ad_set_get_budget_kind (ad_set),
                                   hd_ad_set_get_budget_minor (ad_set), days, cap,
                                   hd_ad_set_get_currency (ad_set), &error))
    add_error (report, HD_ADS_SUBJECT_AD_SET, id, "bid_amount", error);
}

static void
check_ad_set (Report              *report,
              HdAdAccount         *account,
              HdCampaign          *campaign,
              HdAdSet             *ad_set,
              HdAdsAudienceLookup  lookup_audience,
              gpointer             user_data,
              gint64               now)
{
  const char *id = hd_ad_set_get_id (ad_set);
  const char *destination = hd_ad_set_get_destination_type (ad_set);

  if (is_blank (hd_ad_set_get_name (ad_set)))
    add_problem (report, HD_ADS_SUBJECT_AD_SET, id, "name", _("Give the ad set a name."));

  check_enum (report, ad_set, HD_META_ENUM_AD_SET_OPTIMIZATION_GOAL, "optimization_goal",
              hd_ad_set_get_optimization_goal (ad_set),
              _("Choose what the ad set should get the most of: its optimization goal."));
  check_enum (report, ad_set, HD_META_ENUM_AD_SET_BILLING_EVENT, "billing_event",
              hd_ad_set_get_billing_event (ad_set),
              _("Choose what the ad set pays for, such as impressions or link clicks."));

  if (!is_blank (destination)
      && !hd_meta_enum_contains (HD_META_ENUM_AD_SET_DESTINATION_TYPE, destination))
    add_problem (report, HD_ADS_SUBJECT_AD_SET, id, "destination_type",
                 _("“%s” is not a place Meta can send people to. Choose another destination."),
                 destination);

  check_flight (report, ad_set, now);
  check_budget (report, account, ad_set);
  check_bid_cap (report, campaign, ad_set);
  check_audience (report, ad_set, lookup_audience, user_data);
}

/* Ad */

static gboolean
is_web_link (const char *link)
{
  g_autoptr(GUri) uri = g_uri_parse (link, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0'
         && (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0
             || g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0);
}

static void
check_ad (Report    *report,
          HdAd      *ad,
          GPtrArray *ad_sets)
{
  const char *id = hd_ad_get_id (ad);
  const char *link = hd_ad_get_link (ad);
  const char *call_to_action = hd_ad_get_call_to_action (ad);
  gboolean in_campaign = FALSE;

  for (guint i = 0; i < ad_sets->len; i++)
    in_campaign |= g_strcmp0 (hd_ad_set_get_id (g_ptr_array_index (ad_sets, i)),
                              hd_ad_get_ad_set_id (ad)) == 0;
  if (!in_campaign)
    add_problem (report, HD_ADS_SUBJECT_AD, id, "adset_id",
                 _("The ad “%s” belongs to no ad set of this campaign. Move it into one."),
                 hd_ad_get_name (ad));

  /* Meta marks name and creative required when creating an ad (Ad.json). */
  if (is_blank (hd_ad_get_name (ad)))
    add_problem (report, HD_ADS_SUBJECT_AD, id, "name", _("Give the ad a name."));

  if (is_blank (hd_ad_get_post_id (ad)) && is_blank (hd_ad_get_body (ad)))
    add_problem (report, HD_ADS_SUBJECT_AD, id, "creative",
                 _("The ad “%s” has nothing to show yet. Make it from a post."),
                 hd_ad_get_name (ad));

  /* The creative is a post of a Page (object_story_spec.page_id, AdCreative.json). */
  if (is_blank (hd_ad_get_page_remote_id (ad)))
    add_problem (report, HD_ADS_SUBJECT_AD, id, "page_id",
                 _("Choose the Facebook Page the ad “%s” runs as."), hd_ad_get_name (ad));

  if (is_blank (link))
    add_problem (report, HD_ADS_SUBJECT_AD, id, "link_url",
                 _("Add the web address the ad “%s” leads to."), hd_ad_get_name (ad));
  else if (!is_web_link (link))
    add_problem (report, HD_ADS_SUBJECT_AD, id, "link_url",
                 _("“%s” is not a web address. Use a full address such as "
                   "https://example.com/spa."),
                 link);

  if (!is_blank (call_to_action)
      && !hd_meta_enum_contains (HD_META_ENUM_CALL_TO_ACTION_TYPE, call_to_action))
    add_problem (report, HD_ADS_SUBJECT_AD, id, "call_to_action_type",
                 _("“%s” is not a button Meta offers. Choose another call to action."),
                 call_to_action);
}

gboolean
hd_ads_check_campaign (HdAdAccount         *account,
                       HdCampaign          *campaign,
                       GPtrArray           *ad_sets,
                       GPtrArray           *ads,
                       HdAdsAudienceLookup  lookup_audience,
                       gpointer             user_data,
                       gint64               now,
                       GPtrArray           *problems)
{
  Report report = { problems, 0 };

  g_return_val_if_fail (account == NULL || HD_IS_AD_ACCOUNT (account), FALSE);
  g_return_val_if_fail (HD_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (ad_sets != NULL, FALSE);
  g_return_val_if_fail (ads != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (account == NULL)
    add_problem (&report, HD_ADS_SUBJECT_CAMPAIGN, hd_campaign_get_id (campaign),
                 "account_id",
                 _("Choose the ad account that pays for the campaign “%s”."),
                 hd_campaign_get_name (campaign));

  check_campaign (&report, campaign);

  if (ad_sets->len == 0)
    add_problem (&report, HD_ADS_SUBJECT_CAMPAIGN, hd_campaign_get_id (campaign), NULL,
                 _("The campaign “%s” has no ad sets yet. Add one with a budget and an "
                   "audience."),
                 hd_campaign_get_name (campaign));

  for (guint i = 0; i < ad_sets->len; i++)
    {
      HdAdSet *ad_set = g_ptr_array_index (ad_sets, i);
      gboolean has_ad = FALSE;

      check_ad_set (&report, account, campaign, ad_set, lookup_audience, user_data, now);

      for (guint j = 0; j < ads->len; j++)
        has_ad |= g_strcmp0 (hd_ad_get_ad_set_id (g_ptr_array_index (ads, j)),
                             hd_ad_set_get_id (ad_set)) == 0;
      if (!has_ad)
        add_problem (&report, HD_ADS_SUBJECT_AD_SET, hd_ad_set_get_id (ad_set), NULL,
                     _("The ad set “%s” has no ads. Add one made from a post."),
                     hd_ad_set_get_name (ad_set));
    }

  for (guint i = 0; i < ads->len; i++)
    check_ad (&report, g_ptr_array_index (ads, i), ad_sets);

  return report.found == 0;
}
