/* hd-store-ads-sync.h: what Meta has of each campaign, ad set and ad, and their daily results
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hd-types.h"

#include "hd-metric.h"

G_BEGIN_DECLS

/* An ad object is named by its kind, one of HD_OUTBOX_SUBJECT_CAMPAIGN, _AD_SET and _AD (as
 * its outbox rows name it), and its local id. Unknown ids are HD_STORE_ERROR_NOT_FOUND.
 *
 * Parameters are those of the Marketing API (POST /act_{id}/campaigns, /adsets, /ads):
 *   campaign: name, objective, status (PAUSED, ACTIVE or ARCHIVED), special_ad_categories
 *     (a list), bid_strategy;
 *   ad set: name, campaign_id (the campaign's remote id, once it has one), status,
 *     daily_budget or lifetime_budget (minor units as a decimal string), start_time and
 *     end_time (ISO 8601 with the offset of the ad set's zone), optimization_goal,
 *     billing_event, bid_amount (an integer of minor units), destination_type, targeting (the
 *     audience's spec with the ad set's placements merged in), and with dayparting
 *     adset_schedule (the stored blocks) and pacing_type ["day_parting"];
 *   ad: name, adset_id (the ad set's remote id, once it has one), status, and creative
 *     ({"creative_id": …}) once Meta made the creative.
 * Unset values are left out. */

/* Every parameter the object has now: the body of its create, and what to record with
 * hd_store_mark_ad_object_synced once Meta took it. */
JsonObject  *hd_store_ad_object_params         (HdStore      *self,
                                                const char   *kind,
                                                const char   *id,
                                                GError      **error);
/* Only the parameters whose value differs from what Meta last confirmed (every one when Meta
 * has confirmed nothing yet): the body of an update. */
JsonObject  *hd_store_ad_object_changed_fields (HdStore      *self,
                                                const char   *kind,
                                                const char   *id,
                                                GError      **error);
/* Meta holds the object as @remote_id with the parameters @synced (a JSON object, usually
 * the params sent): both are written, and any conflict is over, in one transaction. The
 * sender may call it inside the transaction that completes the outbox row. */
gboolean     hd_store_mark_ad_object_synced    (HdStore      *self,
                                                const char   *kind,
                                                const char   *id,
                                                const char   *remote_id,
                                                const char   *synced,
                                                GError      **error);
/* A pull found parameters changed on Meta (in Ads Manager): @conflict is a JSON object of
 * those parameters with Meta's values, such as {"daily_budget": "2500"}. */
gboolean     hd_store_set_ad_object_conflict   (HdStore      *self,
                                                const char   *kind,
                                                const char   *id,
                                                const char   *conflict,
                                                GError      **error);
gboolean     hd_store_clear_ad_object_conflict (HdStore      *self,
                                                const char   *kind,
                                                const char   *id,
                                                GError      **error);

/* One ad object in conflict with Meta. */
typedef struct
{
  char *kind;
  char *id;
  char *name;
  /* JSON object of the parameters Meta holds differently, with Meta's values */
  char *conflict;
} HdAdConflict;

void         hd_ad_conflict_free               (HdAdConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdAdConflict, hd_ad_conflict_free)

/* HdAdConflict of every campaign, ad set and ad in conflict, campaigns first, by name. */
GPtrArray   *hd_store_list_ad_conflicts        (HdStore      *self,
                                                GError      **error);

/* Daily results from Meta's insights, kept in the metrics table: one value per subject
 * (HD_METRIC_SUBJECT_CAMPAIGN, _AD_SET or _AD), metric name and @day ("YYYY-MM-DD", the day
 * as Meta reports it in the account's zone), so fetching a day again replaces it. Stored with
 * measured-at the day's 00:00 UTC. */
gboolean     hd_store_put_daily_insight        (HdStore          *self,
                                                HdMetricSubject   subject,
                                                const char       *subject_id,
                                                const char       *channel_id,
                                                const char       *day,
                                                const char       *name,
                                                gint64            value,
                                                GError          **error);
/* HdMetric items of the days @first_day to @last_day, both included, oldest first. */
GListModel  *hd_store_list_daily_insights      (HdStore          *self,
                                                HdMetricSubject   subject,
                                                const char       *subject_id,
                                                const char       *name,
                                                const char       *first_day,
                                                const char       *last_day,
                                                GError          **error);
/* The instant hd_store_put_daily_insight stores for @day, or 0 (with @error) when @day is
 * not a date written YYYY-MM-DD. */
gint64       hd_store_daily_insight_instant    (const char       *day,
                                                GError          **error);

/* The daily results kept besides HD_METRIC_IMPRESSIONS, HD_METRIC_SPEND (minor units of the
 * account currency) and HD_METRIC_LINK_CLICKS (the results of a traffic campaign, Meta's
 * "link_click" actions). */
#define HD_METRIC_REACH  "reach"
#define HD_METRIC_CLICKS "clicks"
/* cost per click, minor units of the account currency */
#define HD_METRIC_CPC    "cpc"
/* click-through rate in hundredths of a percent: 1.25 % is 125 */
#define HD_METRIC_CTR    "ctr"

/* One campaign, ad set or ad that Meta has, on a connected channel, for reading it back. */
typedef struct
{
  char   *kind;
  char   *id;
  char   *name;
  char   *remote_id;
  char   *channel_id;
  /* the ad account's currency and IANA zone; the zone may be NULL */
  char   *currency;
  char   *time_zone;
  /* what Meta last confirmed, a JSON object; may be NULL */
  char   *synced;
  /* the conflict already recorded, a JSON object; NULL when none */
  char   *conflict;
  /* for a campaign, the start of its earliest ad set, else when it was made (Unix seconds) */
  gint64  starts_at;
} HdAdObjectRef;

void         hd_ad_object_ref_free             (HdAdObjectRef *ref);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdAdObjectRef, hd_ad_object_ref_free)

/* HdAdObjectRef of every campaign, ad set and ad with a remote id whose ad account's channel
 * is connected: campaigns first. */
GPtrArray   *hd_store_list_ad_objects_on_meta  (HdStore      *self,
                                                GError      **error);

/* The answers to a conflict, each in one transaction. Keep mine: what Meta holds now becomes
 * what Herald knows Meta has, and the object is queued for an update, which sends those
 * fields with Herald's values. Take theirs: Meta's values (name, status, daily_budget,
 * lifetime_budget, end_time) are written into the object, which is then in step with Meta.
 * Either way the conflict is over. HD_STORE_ERROR_INVALID when there is no conflict. */
gboolean     hd_store_keep_mine_ad_object      (HdStore      *self,
                                                const char   *kind,
                                                const char   *id,
                                                GError      **error);
gboolean     hd_store_take_theirs_ad_object    (HdStore      *self,
                                                const char   *kind,
                                                const char   *id,
                                                GError      **error);

G_END_DECLS
