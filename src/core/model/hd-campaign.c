/* hd-campaign.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-core-enums.h"
#include "hd-campaign.h"

struct _HdCampaign
{
  GObject parent_instance;

  char *id;
  char *ad_account_id;
  char *name;
  char *objective;
  char *special_ad_categories;
  HdAdStatus status;
  char *bid_strategy;
  char *remote_id;
  gint64 created_at;
  gint64 updated_at;
  char *account_id;
  char *synced;
  char *conflict;
};

G_DEFINE_FINAL_TYPE (HdCampaign, hd_campaign, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_AD_ACCOUNT_ID,
  PROP_NAME,
  PROP_OBJECTIVE,
  PROP_SPECIAL_AD_CATEGORIES,
  PROP_STATUS,
  PROP_BID_STRATEGY,
  PROP_REMOTE_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_ACCOUNT_ID,
  PROP_SYNCED,
  PROP_CONFLICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_campaign_finalize (GObject *object)
{
  HdCampaign *self = (HdCampaign *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->ad_account_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->objective, g_free);
  g_clear_pointer (&self->special_ad_categories, g_free);
  g_clear_pointer (&self->bid_strategy, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->synced, g_free);
  g_clear_pointer (&self->conflict, g_free);

  G_OBJECT_CLASS (hd_campaign_parent_class)->finalize (object);
}

static void
hd_campaign_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HdCampaign *self = HD_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_AD_ACCOUNT_ID:
      g_value_set_string (value, self->ad_account_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_OBJECTIVE:
      g_value_set_string (value, self->objective);
      break;

    case PROP_SPECIAL_AD_CATEGORIES:
      g_value_set_string (value, self->special_ad_categories);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_BID_STRATEGY:
      g_value_set_string (value, self->bid_strategy);
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

    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
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
hd_campaign_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HdCampaign *self = HD_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_ID:
      hd_campaign_set_id (self, g_value_get_string (value));
      break;

    case PROP_AD_ACCOUNT_ID:
      hd_campaign_set_ad_account_id (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      hd_campaign_set_name (self, g_value_get_string (value));
      break;

    case PROP_OBJECTIVE:
      hd_campaign_set_objective (self, g_value_get_string (value));
      break;

    case PROP_SPECIAL_AD_CATEGORIES:
      hd_campaign_set_special_ad_categories (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      hd_campaign_set_status (self, g_value_get_enum (value));
      break;

    case PROP_BID_STRATEGY:
      hd_campaign_set_bid_strategy (self, g_value_get_string (value));
      break;

    case PROP_REMOTE_ID:
      hd_campaign_set_remote_id (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      hd_campaign_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      hd_campaign_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_ACCOUNT_ID:
      hd_campaign_set_account_id (self, g_value_get_string (value));
      break;

    case PROP_SYNCED:
      hd_campaign_set_synced (self, g_value_get_string (value));
      break;

    case PROP_CONFLICT:
      hd_campaign_set_conflict (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_campaign_class_init (HdCampaignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_campaign_finalize;
  object_class->get_property = hd_campaign_get_property;
  object_class->set_property = hd_campaign_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_AD_ACCOUNT_ID] =
    g_param_spec_string ("ad-account-id", NULL, NULL,
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

  properties[PROP_OBJECTIVE] =
    g_param_spec_string ("objective", NULL, NULL,
                         "OUTCOME_AWARENESS",
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_SPECIAL_AD_CATEGORIES] =
    g_param_spec_string ("special-ad-categories", NULL, NULL,
                         "[]",
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

  properties[PROP_BID_STRATEGY] =
    g_param_spec_string ("bid-strategy", NULL, NULL,
                         NULL,
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

  properties[PROP_ACCOUNT_ID] =
    g_param_spec_string ("account-id", NULL, NULL,
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
hd_campaign_init (HdCampaign *self)
{
  self->objective = g_strdup ("OUTCOME_AWARENESS");
  self->special_ad_categories = g_strdup ("[]");
  self->status = HD_AD_STATUS_PAUSED;
  self->id = g_uuid_string_random ();
}

HdCampaign *
hd_campaign_new (void)
{
  return g_object_new (HD_TYPE_CAMPAIGN, NULL);
}

const char *
hd_campaign_get_id (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), NULL);

  return self->id;
}

void
hd_campaign_set_id (HdCampaign *self,
                    const char *id)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
hd_campaign_get_ad_account_id (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), NULL);

  return self->ad_account_id;
}

void
hd_campaign_set_ad_account_id (HdCampaign *self,
                               const char *ad_account_id)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (g_strcmp0 (self->ad_account_id, ad_account_id) == 0)
    return;

  g_free (self->ad_account_id);
  self->ad_account_id = g_strdup (ad_account_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AD_ACCOUNT_ID]);
}

const char *
hd_campaign_get_name (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), NULL);

  return self->name;
}

void
hd_campaign_set_name (HdCampaign *self,
                      const char *name)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
hd_campaign_get_objective (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), NULL);

  return self->objective;
}

void
hd_campaign_set_objective (HdCampaign *self,
                           const char *objective)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (g_strcmp0 (self->objective, objective) == 0)
    return;

  g_free (self->objective);
  self->objective = g_strdup (objective);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECTIVE]);
}

const char *
hd_campaign_get_special_ad_categories (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), NULL);

  return self->special_ad_categories;
}

void
hd_campaign_set_special_ad_categories (HdCampaign *self,
                                       const char *special_ad_categories)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (g_strcmp0 (self->special_ad_categories, special_ad_categories) == 0)
    return;

  g_free (self->special_ad_categories);
  self->special_ad_categories = g_strdup (special_ad_categories);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPECIAL_AD_CATEGORIES]);
}

HdAdStatus
hd_campaign_get_status (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), 0);

  return self->status;
}

void
hd_campaign_set_status (HdCampaign *self,
                        HdAdStatus  status)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
hd_campaign_get_bid_strategy (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), NULL);

  return self->bid_strategy;
}

void
hd_campaign_set_bid_strategy (HdCampaign *self,
                              const char *bid_strategy)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (g_strcmp0 (self->bid_strategy, bid_strategy) == 0)
    return;

  g_free (self->bid_strategy);
  self->bid_strategy = g_strdup (bid_strategy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BID_STRATEGY]);
}

const char *
hd_campaign_get_remote_id (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), NULL);

  return self->remote_id;
}

void
hd_campaign_set_remote_id (HdCampaign *self,
                           const char *remote_id)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (g_strcmp0 (self->remote_id, remote_id) == 0)
    return;

  g_free (self->remote_id);
  self->remote_id = g_strdup (remote_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ID]);
}

gint64
hd_campaign_get_created_at (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), 0);

  return self->created_at;
}

void
hd_campaign_set_created_at (HdCampaign *self,
                            gint64      created_at)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
hd_campaign_get_updated_at (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), 0);

  return self->updated_at;
}

void
hd_campaign_set_updated_at (HdCampaign *self,
                            gint64      updated_at)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

const char *
hd_campaign_get_account_id (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), NULL);

  return self->account_id;
}

void
hd_campaign_set_account_id (HdCampaign  *self,
                            const char  *account_id)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (g_strcmp0 (self->account_id, account_id) == 0)
    return;

  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_ID]);
}

const char *
hd_campaign_get_synced (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), NULL);

  return self->synced;
}

void
hd_campaign_set_synced (HdCampaign  *self,
                        const char  *synced)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (g_strcmp0 (self->synced, synced) == 0)
    return;

  g_free (self->synced);
  self->synced = g_strdup (synced);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCED]);
}

const char *
hd_campaign_get_conflict (HdCampaign *self)
{
  g_return_val_if_fail (HD_IS_CAMPAIGN (self), NULL);

  return self->conflict;
}

void
hd_campaign_set_conflict (HdCampaign  *self,
                          const char  *conflict)
{
  g_return_if_fail (HD_IS_CAMPAIGN (self));

  if (g_strcmp0 (self->conflict, conflict) == 0)
    return;

  g_free (self->conflict);
  self->conflict = g_strdup (conflict);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT]);
}
