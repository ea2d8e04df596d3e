/* hd-budget-row.h: an ad set's budget, typed in the account currency, with its forecast
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-ad-account.h"
#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_BUDGET_ROW (hd_budget_row_get_type ())
G_DECLARE_FINAL_TYPE (HdBudgetRow, hd_budget_row, HD, BUDGET_ROW, AdwBin)

GtkWidget    *hd_budget_row_new                   (void);
/* The account gives the currency and its own minimum budgets; NULL leaves the currency. */
void          hd_budget_row_set_account           (HdBudgetRow  *self,
                                                   HdAdAccount  *account);
const char   *hd_budget_row_get_currency          (HdBudgetRow  *self);
void          hd_budget_row_set_currency          (HdBudgetRow  *self,
                                                   const char   *currency);
void          hd_budget_row_set_billing_event     (HdBudgetRow  *self,
                                                   const char   *billing_event);
/* The flight the forecast is for; 0 for an end not set. */
void          hd_budget_row_set_flight            (HdBudgetRow  *self,
                                                   gint64        starts_at,
                                                   gint64        ends_at,
                                                   const char   *time_zone);
HdBudgetKind  hd_budget_row_get_kind              (HdBudgetRow  *self);
void          hd_budget_row_set_kind              (HdBudgetRow  *self,
                                                   HdBudgetKind  kind);
/* FALSE, and 0, while the amount is empty or not an amount of the currency. */
gboolean      hd_budget_row_get_amount            (HdBudgetRow  *self,
                                                   gint64       *minor);
void          hd_budget_row_set_amount            (HdBudgetRow  *self,
                                                   gint64        minor);
/* An hour schedule needs a budget for the whole flight: the daily choice is then refused,
 * and a sentence says why. */
void          hd_budget_row_set_lifetime_required (HdBudgetRow  *self,
                                                   gboolean      required);
GtkEditable  *hd_budget_row_get_entry             (HdBudgetRow  *self);
/* What the row says under the amount, for people and tests alike. */
const char   *hd_budget_row_get_forecast          (HdBudgetRow  *self);
const char   *hd_budget_row_get_minor_units_text  (HdBudgetRow  *self);
const char   *hd_budget_row_get_minimum_text      (HdBudgetRow  *self);
const char   *hd_budget_row_get_note              (HdBudgetRow  *self);

G_END_DECLS
