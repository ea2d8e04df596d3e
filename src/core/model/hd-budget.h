/* hd-budget.h: how long a flight is, what it may cost, and Meta's budget rules.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "hd-ad-account.h"
#include "hd-types.h"

G_BEGIN_DECLS

#define HD_BUDGET_ERROR (hd_budget_error_quark ())

typedef enum
{
  HD_BUDGET_ERROR_NO_FLIGHT,
  HD_BUDGET_ERROR_BELOW_MINIMUM,
  HD_BUDGET_ERROR_BID_CAP,
  HD_BUDGET_ERROR_DAYPARTING,
} HdBudgetError;

typedef struct
{
  guint  days;
  /* For a daily budget the budget; for a lifetime budget its even share of a day. */
  gint64 per_day_minor;
  /* For a daily budget the most the whole flight may cost; for a lifetime budget itself. */
  gint64 total_minor;
  /* The most Meta may spend on one day of a daily budget: 125% of it. */
  gint64 peak_day_minor;
} HdBudgetForecast;

GQuark    hd_budget_error_quark         (void);

/* Calendar days of a flight in @time_zone, a part of a day counting as a day. Counted on the
 * wall clock, so a flight across a change to or from summer time is not a day out. */
guint     hd_budget_count_days          (gint64             starts_at,
                                         gint64             ends_at,
                                         const char        *time_zone);

gboolean  hd_budget_forecast            (HdBudgetKind       kind,
                                         gint64             budget_minor,
                                         gint64             starts_at,
                                         gint64             ends_at,
                                         const char        *time_zone,
                                         HdBudgetForecast  *forecast,
                                         GError           **error);
/* "£20.00 a day for 14 days, up to £280.00. Meta may spend up to 25% more on a single day." */
char     *hd_budget_describe_forecast   (HdBudgetKind            kind,
                                         const HdBudgetForecast *forecast,
                                         const char             *currency);

/* The smallest daily budget Meta takes for @billing_event, in minor units of @currency:
 * the account's own figure from /minimum_budgets when known, else the documented default,
 * else 0 when neither is known. */
gint64    hd_budget_get_minimum_daily   (HdAdAccount       *account,
                                         const char        *currency,
                                         const char        *billing_event);

gboolean  hd_budget_check_minimum       (HdAdAccount       *account,
                                         HdBudgetKind       kind,
                                         gint64             budget_minor,
                                         const char        *currency,
                                         const char        *billing_event,
                                         guint              days,
                                         GError           **error);
/* With a bid cap or cost cap, the daily budget (or a lifetime budget's share of a day) must
 * be at least five times the cap. */
gboolean  hd_budget_check_bid_cap       (HdBudgetKind       kind,
                                         gint64             budget_minor,
                                         guint              days,
                                         gint64             cap_minor,
                                         const char        *currency,
                                         GError           **error);
/* An ad set with an hour schedule needs a lifetime budget and an end date. */
gboolean  hd_budget_check_dayparting    (HdBudgetKind       kind,
                                         gint64             ends_at,
                                         gboolean           has_schedule,
                                         GError           **error);

G_END_DECLS
