/* hd-budget.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-budget.h"
#include "hd-money.h"

G_DEFINE_QUARK (hd-budget-error-quark, hd_budget_error)

/* "On those days, up to 25% more than your daily budget may be spent. For example, if your
 * daily budget is $10, up to $12.50 may be spent."
 * — https://developers.facebook.com/documentation/ads-commerce/marketing-api/bidding/overview/budgets
 * Over a week the spend stays within seven daily budgets, prorated for partial weeks
 * (Marketing API v2.7 release notes), hence "up to" daily × days for the whole flight. */
#define PEAK_DAY_PERCENT 125

/* With a bid cap or cost cap the budget must be at least five times the cap (Meta's help
 * text, reference/channel-apis.md section 7). */
#define BID_CAP_FACTOR 5

typedef enum
{
  BILLING_CLASS_UNKNOWN,
  BILLING_CLASS_IMPRESSIONS,
  BILLING_CLASS_VIDEO_VIEWS,
  BILLING_CLASS_HIGH_FREQUENCY,
  BILLING_CLASS_LOW_FREQUENCY,
} BillingClass;

static BillingClass
classify_billing_event (const char *billing_event)
{
  static const char *const high_frequency[] = {
    "LINK_CLICKS", "CLICKS", "POST_ENGAGEMENT", "PAGE_LIKES", NULL
  };
  static const char *const low_frequency[] = {
    "APP_INSTALLS", "PURCHASE", "OFFER_CLAIMS", "LISTING_INTERACTION", NULL
  };

  if (billing_event == NULL)
    return BILLING_CLASS_UNKNOWN;
  if (strcmp (billing_event, "IMPRESSIONS") == 0)
    return BILLING_CLASS_IMPRESSIONS;
  if (strcmp (billing_event, "THRUPLAY") == 0)
    return BILLING_CLASS_VIDEO_VIEWS;
  if (g_strv_contains (high_frequency, billing_event))
    return BILLING_CLASS_HIGH_FREQUENCY;
  if (g_strv_contains (low_frequency, billing_event))
    return BILLING_CLASS_LOW_FREQUENCY;
  return BILLING_CLASS_UNKNOWN;
}

static GTimeZone *
time_zone_or_utc (const char *time_zone)
{
  GTimeZone *zone = NULL;

  if (time_zone != NULL && *time_zone != '\0')
    zone = g_time_zone_new_identifier (time_zone);

  return zone != NULL ? zone : g_time_zone_new_utc ();
}

guint
hd_budget_count_days (gint64      starts_at,
                      gint64      ends_at,
                      const char *time_zone)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc_start = NULL;
  g_autoptr(GDateTime) utc_end = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GDate start_date;
  GDate end_date;
  int year, month, day;
  int start_seconds, end_seconds;
  int days;

  if (ends_at <= starts_at)
    return 0;

  zone = time_zone_or_utc (time_zone);
  utc_start = g_date_time_new_from_unix_utc (starts_at);
  utc_end = g_date_time_new_from_unix_utc (ends_at);
  if (utc_start == NULL || utc_end == NULL)
    return 0;
  start = g_date_time_to_timezone (utc_start, zone);
  end = g_date_time_to_timezone (utc_end, zone);

  g_date_time_get_ymd (start, &year, &month, &day);
  g_date_clear (&start_date, 1);
  g_date_set_dmy (&start_date, day, month, year);
  g_date_time_get_ymd (end, &year, &month, &day);
  g_date_clear (&end_date, 1);
  g_date_set_dmy (&end_date, day, month, year);

  /* Whole calendar days between the two dates, plus one for a part of a day left over.
   * The 23- and 25-hour days of a change of clocks are days like any other. */
  days = g_date_days_between (&start_date, &end_date);
  start_seconds = g_date_time_get_hour (start) * 3600 + g_date_time_get_minute (start) * 60
                  + g_date_time_get_second (start);
  end_seconds = g_date_time_get_hour (end) * 3600 + g_date_time_get_minute (end) * 60
                + g_date_time_get_second (end);
  if (end_seconds > start_seconds)
    days++;

  return (guint) MAX (days, 1);
}

gboolean
hd_budget_forecast (HdBudgetKind       kind,
                    gint64             budget_minor,
                    gint64             starts_at,
                    gint64             ends_at,
                    const char        *time_zone,
                    HdBudgetForecast  *forecast,
                    GError           **error)
{
  guint days;

  g_return_val_if_fail (forecast != NULL, FALSE);
  g_return_val_if_fail (budget_minor >= 0, FALSE);

  memset (forecast, 0, sizeof *forecast);

  days = hd_budget_count_days (starts_at, ends_at, time_zone);
  if (days == 0)
    {
      g_set_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_NO_FLIGHT,
                   _("Set an end after the start to see what the flight may cost."));
      return FALSE;
    }

  forecast->days = days;
  if (kind == HD_BUDGET_KIND_DAILY)
    {
      forecast->per_day_minor = budget_minor;
      forecast->total_minor = budget_minor > G_MAXINT64 / days ? G_MAXINT64
                                                                : budget_minor * days;
      forecast->peak_day_minor = budget_minor > G_MAXINT64 / PEAK_DAY_PERCENT
                                 ? G_MAXINT64 : budget_minor * PEAK_DAY_PERCENT / 100;
    }
  else
    {
      forecast->per_day_minor = budget_minor / days;
      forecast->total_minor = budget_minor;
      forecast->peak_day_minor = 0;
    }

  return TRUE;
}

char *
hd_budget_describe_forecast (HdBudgetKind            kind,
                             const HdBudgetForecast *forecast,
                             const char             *currency)
{
  g_autofree char *per_day = NULL;
  g_autofree char *total = NULL;

  g_return_val_if_fail (forecast != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  per_day = hd_money_format (forecast->per_day_minor, currency, NULL);
  total = hd_money_format (forecast->total_minor, currency, NULL);

  if (kind == HD_BUDGET_KIND_DAILY)
    /* Translators: "£20.00 a day for 14 days, up to £280.00. Meta may spend up to 25% more
     * on a single day." */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s a day for %u day, up to %s. Meta may spend up to "
                                         "25%% more on a single day.",
                                         "%s a day for %u days, up to %s. Meta may spend up to "
                                         "25%% more on a single day.",
                                         forecast->days),
                            per_day, forecast->days, total);

  /* Translators: "£280.00 over 14 days, about £20.00 a day." */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s over %u day, about %s a day.",
                                       "%s over %u days, about %s a day.",
                                       forecast->days),
                          total, forecast->days, per_day);
}

/* Meta's help text, as copied in reference/channel-apis.md section 7: "$1/day when charged
 * per impression, $5/day per click/like/view/engagement, $40/day for low-frequency events",
 * with figures half that "in other currencies". The figures are given in dollars; they are
 * applied as written to the currencies whose unit the text names and that are worth about
 * a dollar (USD, EUR, GBP). For any other currency Herald knows no default and relies on the
 * account's own /minimum_budgets. */
static gint64
get_default_minimum (const char   *currency,
                     BillingClass  billing_class)
{
  static const char *const dollar_like[] = { "USD", "EUR", "GBP", NULL };
  gint64 per_major;

  if (currency == NULL || !g_strv_contains (dollar_like, currency))
    return 0;

  per_major = hd_money_get_minor_per_major (currency);
  switch (billing_class)
    {
    case BILLING_CLASS_IMPRESSIONS:
      return 1 * per_major;
    case BILLING_CLASS_VIDEO_VIEWS:
    case BILLING_CLASS_HIGH_FREQUENCY:
      return 5 * per_major;
    case BILLING_CLASS_LOW_FREQUENCY:
      return 40 * per_major;
    case BILLING_CLASS_UNKNOWN:
    default:
      return 0;
    }
}

gint64
hd_budget_get_minimum_daily (HdAdAccount *account,
                             const char  *currency,
                             const char  *billing_event)
{
  BillingClass billing_class = classify_billing_event (billing_event);
  gint64 from_account = 0;

  g_return_val_if_fail (account == NULL || HD_IS_AD_ACCOUNT (account), 0);

  /* The account's figures are in its own currency; a budget in another one can't use them. */
  if (account != NULL && g_strcmp0 (hd_ad_account_get_currency (account), currency) == 0)
    {
      switch (billing_class)
        {
        case BILLING_CLASS_IMPRESSIONS:
          from_account = hd_ad_account_get_min_daily_budget_imp (account);
          break;
        case BILLING_CLASS_VIDEO_VIEWS:
          from_account = hd_ad_account_get_min_daily_budget_video_views (account);
          break;
        case BILLING_CLASS_HIGH_FREQUENCY:
          from_account = hd_ad_account_get_min_daily_budget_high_freq (account);
          break;
        case BILLING_CLASS_LOW_FREQUENCY:
          from_account = hd_ad_account_get_min_daily_budget_low_freq (account);
          break;
        case BILLING_CLASS_UNKNOWN:
        default:
          break;
        }
    }

  if (from_account > 0)
    return from_account;

  return get_default_minimum (currency, billing_class);
}

static void
set_daily_minimum_error (GError       **error,
                         BillingClass   billing_class,
                         const char    *minimum)
{
  switch (billing_class)
    {
    case BILLING_CLASS_IMPRESSIONS:
      g_set_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_BELOW_MINIMUM,
                   _("Meta needs a daily budget of at least %s when you pay for impressions."),
                   minimum);
      break;
    case BILLING_CLASS_VIDEO_VIEWS:
      g_set_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_BELOW_MINIMUM,
                   _("Meta needs a daily budget of at least %s when you pay for video plays."),
                   minimum);
      break;
    case BILLING_CLASS_HIGH_FREQUENCY:
      g_set_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_BELOW_MINIMUM,
                   _("Meta needs a daily budget of at least %s when you pay per click or "
                     "engagement."),
                   minimum);
      break;
    case BILLING_CLASS_LOW_FREQUENCY:
    case BILLING_CLASS_UNKNOWN:
    default:
      g_set_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_BELOW_MINIMUM,
                   _("Meta needs a daily budget of at least %s when you pay for installs, "
                     "purchases or other rare events."),
                   minimum);
      break;
    }
}

gboolean
hd_budget_check_minimum (HdAdAccount   *account,
                         HdBudgetKind   kind,
                         gint64         budget_minor,
                         const char    *currency,
                         const char    *billing_event,
                         guint          days,
                         GError       **error)
{
  gint64 minimum = hd_budget_get_minimum_daily (account, currency, billing_event);
  g_autofree char *minimum_text = NULL;

  if (minimum <= 0)
    return TRUE;

  minimum_text = hd_money_format (minimum, currency, NULL);

  if (kind == HD_BUDGET_KIND_DAILY)
    {
      if (budget_minor >= minimum)
        return TRUE;
      set_daily_minimum_error (error, classify_billing_event (billing_event), minimum_text);
      return FALSE;
    }

  /* "Lifetime budget must be at least per-day minimum × days." */
  if (days == 0 || minimum > G_MAXINT64 / days || budget_minor >= minimum * days)
    return TRUE;

  {
    g_autofree char *needed = hd_money_format (minimum * days, currency, NULL);

    g_set_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_BELOW_MINIMUM,
                 g_dngettext (GETTEXT_PACKAGE,
                              "A lifetime budget for %u day must be at least %s: Meta needs "
                              "%s for each day.",
                              "A lifetime budget for %u days must be at least %s: Meta needs "
                              "%s for each day.",
                              days),
                 days, needed, minimum_text);
  }
  return FALSE;
}

gboolean
hd_budget_check_bid_cap (HdBudgetKind   kind,
                         gint64         budget_minor,
                         guint          days,
                         gint64         cap_minor,
                         const char    *currency,
                         GError       **error)
{
  gint64 per_day;
  g_autofree char *cap = NULL;
  g_autofree char *needed = NULL;

  if (cap_minor <= 0)
    return TRUE;

  per_day = kind == HD_BUDGET_KIND_DAILY ? budget_minor
                                          : (days > 0 ? budget_minor / days : budget_minor);
  if (cap_minor > G_MAXINT64 / BID_CAP_FACTOR || per_day >= cap_minor * BID_CAP_FACTOR)
    return TRUE;

  cap = hd_money_format (cap_minor, currency, NULL);
  needed = hd_money_format (cap_minor * BID_CAP_FACTOR, currency, NULL);
  g_set_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_BID_CAP,
               _("With a cap of %s per result, Meta needs a budget of at least %s a day, five "
                 "times the cap."),
               cap, needed);
  return FALSE;
}

/* "Dayparting: pacing_type:[day_parting] + adset_schedule … Historically this required
 * lifetime_budget (with an end_time)" — reference/channel-apis.md section 7, from
 * developers.facebook.com/ads/blog/post/2014/08/13/ad-scheduling. Herald keeps to that rule
 * until a newer statement from Meta says otherwise. */
gboolean
hd_budget_check_dayparting (HdBudgetKind   kind,
                            gint64         ends_at,
                            gboolean       has_schedule,
                            GError       **error)
{
  if (!has_schedule)
    return TRUE;

  if (kind != HD_BUDGET_KIND_LIFETIME)
    {
      g_set_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_DAYPARTING,
                   _("Ads that run only at some hours need a budget for the whole flight: "
                     "switch from a daily budget to a lifetime budget."));
      return FALSE;
    }

  if (ends_at <= 0)
    {
      g_set_error (error, HD_BUDGET_ERROR, HD_BUDGET_ERROR_DAYPARTING,
                   _("Ads that run only at some hours need an end date."));
      return FALSE;
    }

  return TRUE;
}
