/* hd-ad-set.h: the budget, flight, schedule and audience of part of a campaign.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

#define HD_TYPE_AD_SET (hd_ad_set_get_type ())
G_DECLARE_FINAL_TYPE (HdAdSet, hd_ad_set, HD, AD_SET, GObject)

/* A new object has a fresh random UUID as its id. */
HdAdSet      *hd_ad_set_new                   (void);
const char   *hd_ad_set_get_id                (HdAdSet      *self);
void          hd_ad_set_set_id                (HdAdSet      *self,
                                               const char   *id);
const char   *hd_ad_set_get_campaign_id       (HdAdSet      *self);
void          hd_ad_set_set_campaign_id       (HdAdSet      *self,
                                               const char   *campaign_id);
const char   *hd_ad_set_get_name              (HdAdSet      *self);
void          hd_ad_set_set_name              (HdAdSet      *self,
                                               const char   *name);
HdBudgetKind  hd_ad_set_get_budget_kind       (HdAdSet      *self);
void          hd_ad_set_set_budget_kind       (HdAdSet      *self,
                                               HdBudgetKind  budget_kind);
gint64        hd_ad_set_get_budget_minor      (HdAdSet      *self);
void          hd_ad_set_set_budget_minor      (HdAdSet      *self,
                                               gint64        budget_minor);
const char   *hd_ad_set_get_currency          (HdAdSet      *self);
void          hd_ad_set_set_currency          (HdAdSet      *self,
                                               const char   *currency);
gint64        hd_ad_set_get_starts_at         (HdAdSet      *self);
void          hd_ad_set_set_starts_at         (HdAdSet      *self,
                                               gint64        starts_at);
gint64        hd_ad_set_get_ends_at           (HdAdSet      *self);
void          hd_ad_set_set_ends_at           (HdAdSet      *self,
                                               gint64        ends_at);
const char   *hd_ad_set_get_time_zone         (HdAdSet      *self);
void          hd_ad_set_set_time_zone         (HdAdSet      *self,
                                               const char   *time_zone);
const char   *hd_ad_set_get_optimization_goal (HdAdSet      *self);
void          hd_ad_set_set_optimization_goal (HdAdSet      *self,
                                               const char   *optimization_goal);
const char   *hd_ad_set_get_billing_event     (HdAdSet      *self);
void          hd_ad_set_set_billing_event     (HdAdSet      *self,
                                               const char   *billing_event);
const char   *hd_ad_set_get_audience_id       (HdAdSet      *self);
void          hd_ad_set_set_audience_id       (HdAdSet      *self,
                                               const char   *audience_id);
const char   *hd_ad_set_get_placements        (HdAdSet      *self);
void          hd_ad_set_set_placements        (HdAdSet      *self,
                                               const char   *placements);
const char   *hd_ad_set_get_dayparting        (HdAdSet      *self);
void          hd_ad_set_set_dayparting        (HdAdSet      *self,
                                               const char   *dayparting);
HdAdStatus    hd_ad_set_get_status            (HdAdSet      *self);
void          hd_ad_set_set_status            (HdAdSet      *self,
                                               HdAdStatus    status);
const char   *hd_ad_set_get_remote_id         (HdAdSet      *self);
void          hd_ad_set_set_remote_id         (HdAdSet      *self,
                                               const char   *remote_id);
gint64        hd_ad_set_get_created_at        (HdAdSet      *self);
void          hd_ad_set_set_created_at        (HdAdSet      *self,
                                               gint64        created_at);
gint64        hd_ad_set_get_updated_at        (HdAdSet      *self);
void          hd_ad_set_set_updated_at        (HdAdSet      *self,
                                               gint64        updated_at);

/* Added with sending to Meta. */
/* The bid cap in minor units of the account currency; 0 when the bid strategy
 * needs none. */
gint64       hd_ad_set_get_bid_amount       (HdAdSet    *self);
void         hd_ad_set_set_bid_amount       (HdAdSet    *self,
                                             gint64      bid_amount);
/* Meta's destination_type, such as WEBSITE; NULL to leave it to Meta. */
const char  *hd_ad_set_get_destination_type (HdAdSet    *self);
void         hd_ad_set_set_destination_type (HdAdSet    *self,
                                             const char *destination_type);
/* What Meta last confirmed of the object, as a JSON object of its Marketing API
 * parameters (see hd_store_ad_object_changed_fields); NULL until it exists there. */
const char  *hd_ad_set_get_synced           (HdAdSet    *self);
void         hd_ad_set_set_synced           (HdAdSet    *self,
                                             const char *synced);
/* The parameters Meta holds differently from what it last confirmed, as a JSON
 * object of Meta's values ({"daily_budget": "2500"}); NULL when it agrees. */
const char  *hd_ad_set_get_conflict         (HdAdSet    *self);
void         hd_ad_set_set_conflict         (HdAdSet    *self,
                                             const char *conflict);

G_END_DECLS
