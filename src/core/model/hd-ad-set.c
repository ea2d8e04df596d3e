/* hd-ad-set.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-core-enums.h"
#include "hd-ad-set.h"

struct _HdAdSet
{
  GObject parent_instance;

  char *id;
  char *campaign_id;
  char *name;
  HdBudgetKind budget_kind;
  gint64 budget_minor;
  char *currency;
  gint64 starts_at;
  gint64 ends_at;
  char *time_zone;
  char *optimization_goal;
  char *billing_event;
  char *audience_id;
  char *placements;
  char *dayparting;
  HdAdStatus status;
  char *remote_id;
  gint64 created_at;
  gint64 updated_at;
  gint64 bid_amount;
  char *destination_type;
  char *synced;
  char *conflict;
};

G_DEFINE_FINAL_TYPE (HdAdSet, hd_ad_set, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CAMPAIGN_ID,
  PROP_NAME,
  PROP_BUDGET_KIND,
  PROP_BUDGET_MINOR,
  PROP_CURRENCY,
  PROP_STARTS_AT,
  PROP_ENDS_AT,
  PROP_TIME_ZONE,
  PROP_OPTIMIZATION_GOAL,
  PROP_BILLING_EVENT,
  PROP_AUDIENCE_ID,
  PROP_PLACEMENTS,
  PROP_DAYPARTING,
  PROP_STATUS,
  PROP_REMOTE_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_BID_AMOUNT,
  PROP_DESTINATION_TYPE,
  PROP_SYNCED,
  PROP_CONFLICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_ad_set_finalize (GObject *object)
{
  HdAdSet *self = (HdAdSet *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->campaign_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->time_zone, g_free);
  g_clear_pointer (&self->optimization_goal, g_free);
  g_clear_pointer (&self->billing_event, g_free);
  g_clear_pointer (&self->audience_id, g_free);
  g_clear_pointer (&self->placements, g_free);
  g_clear_pointer (&self->dayparting, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->destination_type, g_free);
  g_clear_pointer (&self->synced, g_free);
  g_clear_pointer (&self->conflict, g_free);

  G_OBJECT_CLASS (hd_ad_set_parent_class)->finalize (object);
}

static void
hd_ad_set_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HdAdSet *self = HD_AD_SET (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CAMPAIGN_ID:
      g_value_set_string (value, self->campaign_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_BUDGET_KIND:
      g_value_set_enum (value, self->budget_kind);
      break;

    case PROP_BUDGET_MINOR:
      g_value_set_int64 (value, self->budget_minor);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_STARTS_AT:
      g_value_set_int64 (value, self->starts_at);
      break;

    case PROP_ENDS_AT:
      g_value_set_int64 (value, self->ends_at);
      break;

    case PROP_TIME_ZONE:
      g_value_set_string (value, self->time_zone);
      break;

    case PROP_OPTIMIZATION_GOAL:
      g_value_set_string (value, self->optimization_goal);
      break;

    case PROP_BILLING_EVENT:
      g_value_set_string (value, self->billing_event);
      break;

    case PROP_AUDIENCE_ID:
      g_value_set_string (value, self->audience_id);
      break;

    case PROP_PLACEMENTS:
      g_value_set_string (value, self->placements);
      break;

    case PROP_DAYPARTING:
      g_value_set_string (value, self->dayparting);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_BID_AMOUNT:
      g_value_set_int64 (value, self->bid_amount);
      break;

    case PROP_DESTINATION_TYPE:
      g_value_set_string (value, self->destination_type);
      break;

    case PROP_SYNCED:
      g_value_set_string (value, self->synced);
      break;

    case PROP_CONFLICT:
      g_value_set_string (value, self->conflict);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_ad_set_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HdAdSet *self = HD_AD_SET (object);

  switch (prop_id)
    {
    case PROP_ID:
      hd_ad_set_set_id (self, g_value_get_string (value));
      break;

    case PROP_CAMPAIGN_ID:
      hd_ad_set_set_campaign_id (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      hd_ad_set_set_name (self, g_value_get_string (value));
      break;

    case PROP_BUDGET_KIND:
      hd_ad_set_set_budget_kind (self, g_value_get_enum (value));
      break;

    case PROP_BUDGET_MINOR:
      hd_ad_set_set_budget_minor (self, g_value_get_int64 (value));
      break;

    case PROP_CURRENCY:
      hd_ad_set_set_currency (self, g_value_get_string (value));
      break;

    case PROP_STARTS_AT:
      hd_ad_set_set_starts_at (self, g_value_get_int64 (value));
      break;

    case PROP_ENDS_AT:
      hd_ad_set_set_ends_at (self, g_value_get_int64 (value));
      break;

    case PROP_TIME_ZONE:
      hd_ad_set_set_time_zone (self, g_value_get_string (value));
      break;

    case PROP_OPTIMIZATION_GOAL:
      hd_ad_set_set_optimization_goal (self, g_value_get_string (value));
      break;

    case PROP_BILLING_EVENT:
      hd_ad_set_set_billing_event (self, g_value_get_string (value));
      break;

    case PROP_AUDIENCE_ID:
      hd_ad_set_set_audience_id (self, g_value_get_string (value));
      break;

    case PROP_PLACEMENTS:
      hd_ad_set_set_placements (self, g_value_get_string (value));
      break;

    case PROP_DAYPARTING:
      hd_ad_set_set_dayparting (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      hd_ad_set_set_status (self, g_value_get_enum (value));
      break;

    case PROP_REMOTE_ID:
      hd_ad_set_set_remote_id (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      hd_ad_set_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      hd_ad_set_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_BID_AMOUNT:
      hd_ad_set_set_bid_amount (self, g_value_get_int64 (value));
      break;

    case PROP_DESTINATION_TYPE:
      hd_ad_set_set_destination_type (self, g_value_get_string (value));
      break;

    case PROP_SYNCED:
      hd_ad_set_set_synced (self, g_value_get_string (value));
      break;

    case PROP_CONFLICT:
      hd_ad_set_set_conflict (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_ad_set_class_init (HdAdSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_ad_set_finalize;
  object_class->get_property = hd_ad_set_get_property;
  object_class->set_property = hd_ad_set_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CAMPAIGN_ID] =
    g_param_spec_string ("campaign-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_BUDGET_KIND] =
    g_param_spec_enum ("budget-kind", NULL, NULL,
                       HD_TYPE_BUDGET_KIND,
                       HD_BUDGET_KIND_DAILY,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_BUDGET_MINOR] =
    g_param_spec_int64 ("budget-minor", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_STARTS_AT] =
    g_param_spec_int64 ("starts-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_ENDS_AT] =
    g_param_spec_int64 ("ends-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_OPTIMIZATION_GOAL] =
    g_param_spec_string ("optimization-goal", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_BILLING_EVENT] =
    g_param_spec_string ("billing-event", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_AUDIENCE_ID] =
    g_param_spec_string ("audience-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PLACEMENTS] =
    g_param_spec_string ("placements", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_DAYPARTING] =
    g_param_spec_string ("dayparting", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       HD_TYPE_AD_STATUS,
                       HD_AD_STATUS_PAUSED,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_BID_AMOUNT] =
    g_param_spec_int64 ("bid-amount", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_DESTINATION_TYPE] =
    g_param_spec_string ("destination-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_SYNCED] =
    g_param_spec_string ("synced", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CONFLICT] =
    g_param_spec_string ("conflict", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_ad_set_init (HdAdSet *self)
{
  self->budget_kind = HD_BUDGET_KIND_DAILY;
  self->status = HD_AD_STATUS_PAUSED;
  self->id = g_uuid_string_random ();
}

HdAdSet *
hd_ad_set_new (void)
{
  return g_object_new (HD_TYPE_AD_SET, NULL);
}

const char *
hd_ad_set_get_id (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->id;
}

void
hd_ad_set_set_id (HdAdSet    *self,
                  const char *id)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
hd_ad_set_get_campaign_id (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->campaign_id;
}

void
hd_ad_set_set_campaign_id (HdAdSet    *self,
                           const char *campaign_id)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->campaign_id, campaign_id) == 0)
    return;

  g_free (self->campaign_id);
  self->campaign_id = g_strdup (campaign_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN_ID]);
}

const char *
hd_ad_set_get_name (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->name;
}

void
hd_ad_set_set_name (HdAdSet    *self,
                    const char *name)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

HdBudgetKind
hd_ad_set_get_budget_kind (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), 0);

  return self->budget_kind;
}

void
hd_ad_set_set_budget_kind (HdAdSet      *self,
                           HdBudgetKind  budget_kind)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (self->budget_kind == budget_kind)
    return;

  self->budget_kind = budget_kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUDGET_KIND]);
}

gint64
hd_ad_set_get_budget_minor (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), 0);

  return self->budget_minor;
}

void
hd_ad_set_set_budget_minor (HdAdSet *self,
                            gint64   budget_minor)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (self->budget_minor == budget_minor)
    return;

  self->budget_minor = budget_minor;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUDGET_MINOR]);
}

const char *
hd_ad_set_get_currency (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->currency;
}

void
hd_ad_set_set_currency (HdAdSet    *self,
                        const char *currency)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->currency, currency) == 0)
    return;

  g_free (self->currency);
  self->currency = g_strdup (currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

gint64
hd_ad_set_get_starts_at (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), 0);

  return self->starts_at;
}

void
hd_ad_set_set_starts_at (HdAdSet *self,
                         gint64   starts_at)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (self->starts_at == starts_at)
    return;

  self->starts_at = starts_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTS_AT]);
}

gint64
hd_ad_set_get_ends_at (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), 0);

  return self->ends_at;
}

void
hd_ad_set_set_ends_at (HdAdSet *self,
                       gint64   ends_at)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (self->ends_at == ends_at)
    return;

  self->ends_at = ends_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDS_AT]);
}

const char *
hd_ad_set_get_time_zone (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->time_zone;
}

void
hd_ad_set_set_time_zone (HdAdSet    *self,
                         const char *time_zone)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->time_zone, time_zone) == 0)
    return;

  g_free (self->time_zone);
  self->time_zone = g_strdup (time_zone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

const char *
hd_ad_set_get_optimization_goal (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->optimization_goal;
}

void
hd_ad_set_set_optimization_goal (HdAdSet    *self,
                                 const char *optimization_goal)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->optimization_goal, optimization_goal) == 0)
    return;

  g_free (self->optimization_goal);
  self->optimization_goal = g_strdup (optimization_goal);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPTIMIZATION_GOAL]);
}

const char *
hd_ad_set_get_billing_event (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->billing_event;
}

void
hd_ad_set_set_billing_event (HdAdSet    *self,
                             const char *billing_event)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->billing_event, billing_event) == 0)
    return;

  g_free (self->billing_event);
  self->billing_event = g_strdup (billing_event);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILLING_EVENT]);
}

const char *
hd_ad_set_get_audience_id (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->audience_id;
}

void
hd_ad_set_set_audience_id (HdAdSet    *self,
                           const char *audience_id)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->audience_id, audience_id) == 0)
    return;

  g_free (self->audience_id);
  self->audience_id = g_strdup (audience_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUDIENCE_ID]);
}

const char *
hd_ad_set_get_placements (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->placements;
}

void
hd_ad_set_set_placements (HdAdSet    *self,
                          const char *placements)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->placements, placements) == 0)
    return;

  g_free (self->placements);
  self->placements = g_strdup (placements);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEMENTS]);
}

const char *
hd_ad_set_get_dayparting (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->dayparting;
}

void
hd_ad_set_set_dayparting (HdAdSet    *self,
                          const char *dayparting)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->dayparting, dayparting) == 0)
    return;

  g_free (self->dayparting);
  self->dayparting = g_strdup (dayparting);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYPARTING]);
}

HdAdStatus
hd_ad_set_get_status (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), 0);

  return self->status;
}

void
hd_ad_set_set_status (HdAdSet    *self,
                      HdAdStatus  status)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
hd_ad_set_get_remote_id (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->remote_id;
}

void
hd_ad_set_set_remote_id (HdAdSet    *self,
                         const char *remote_id)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->remote_id, remote_id) == 0)
    return;

  g_free (self->remote_id);
  self->remote_id = g_strdup (remote_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ID]);
}

gint64
hd_ad_set_get_created_at (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), 0);

  return self->created_at;
}

void
hd_ad_set_set_created_at (HdAdSet *self,
                          gint64   created_at)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
hd_ad_set_get_updated_at (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), 0);

  return self->updated_at;
}

void
hd_ad_set_set_updated_at (HdAdSet *self,
                          gint64   updated_at)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
hd_ad_set_get_bid_amount (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), 0);

  return self->bid_amount;
}

void
hd_ad_set_set_bid_amount (HdAdSet *self,
                          gint64   bid_amount)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (self->bid_amount == bid_amount)
    return;

  self->bid_amount = bid_amount;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BID_AMOUNT]);
}

const char *
hd_ad_set_get_destination_type (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->destination_type;
}

void
hd_ad_set_set_destination_type (HdAdSet    *self,
                                const char *destination_type)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->destination_type, destination_type) == 0)
    return;

  g_free (self->destination_type);
  self->destination_type = g_strdup (destination_type);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESTINATION_TYPE]);
}

const char *
hd_ad_set_get_synced (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->synced;
}

void
hd_ad_set_set_synced (HdAdSet    *self,
                      const char *synced)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->synced, synced) == 0)
    return;

  g_free (self->synced);
  self->synced = g_strdup (synced);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCED]);
}

const char *
hd_ad_set_get_conflict (HdAdSet *self)
{
  g_return_val_if_fail (HD_IS_AD_SET (self), NULL);

  return self->conflict;
}

void
hd_ad_set_set_conflict (HdAdSet    *self,
                        const char *conflict)
{
  g_return_if_fail (HD_IS_AD_SET (self));

  if (g_strcmp0 (self->conflict, conflict) == 0)
    return;

  g_free (self->conflict);
  self->conflict = g_strdup (conflict);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT]);
}
