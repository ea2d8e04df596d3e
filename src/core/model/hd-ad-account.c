/* hd-ad-account.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-ad-account.h"

struct _HdAdAccount
{
  GObject parent_instance;

  char *id;
  char *channel_id;
  char *remote_id;
  char *name;
  char *currency;
  char *time_zone;
  gint64 min_daily_budget_imp;
  gint64 min_daily_budget_video_views;
  gint64 min_daily_budget_high_freq;
  gint64 min_daily_budget_low_freq;
  gint64 fetched_at;
};

G_DEFINE_FINAL_TYPE (HdAdAccount, hd_ad_account, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CHANNEL_ID,
  PROP_REMOTE_ID,
  PROP_NAME,
  PROP_CURRENCY,
  PROP_TIME_ZONE,
  PROP_MIN_DAILY_BUDGET_IMP,
  PROP_MIN_DAILY_BUDGET_VIDEO_VIEWS,
  PROP_MIN_DAILY_BUDGET_HIGH_FREQ,
  PROP_MIN_DAILY_BUDGET_LOW_FREQ,
  PROP_FETCHED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_ad_account_finalize (GObject *object)
{
  HdAdAccount *self = (HdAdAccount *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->channel_id, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->time_zone, g_free);

  G_OBJECT_CLASS (hd_ad_account_parent_class)->finalize (object);
}

static void
hd_ad_account_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdAdAccount *self = HD_AD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CHANNEL_ID:
      g_value_set_string (value, self->channel_id);
      break;

    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_TIME_ZONE:
      g_value_set_string (value, self->time_zone);
      break;

    case PROP_MIN_DAILY_BUDGET_IMP:
      g_value_set_int64 (value, self->min_daily_budget_imp);
      break;

    case PROP_MIN_DAILY_BUDGET_VIDEO_VIEWS:
      g_value_set_int64 (value, self->min_daily_budget_video_views);
      break;

    case PROP_MIN_DAILY_BUDGET_HIGH_FREQ:
      g_value_set_int64 (value, self->min_daily_budget_high_freq);
      break;

    case PROP_MIN_DAILY_BUDGET_LOW_FREQ:
      g_value_set_int64 (value, self->min_daily_budget_low_freq);
      break;

    case PROP_FETCHED_AT:
      g_value_set_int64 (value, self->fetched_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_ad_account_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HdAdAccount *self = HD_AD_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      hd_ad_account_set_id (self, g_value_get_string (value));
      break;

    case PROP_CHANNEL_ID:
      hd_ad_account_set_channel_id (self, g_value_get_string (value));
      break;

    case PROP_REMOTE_ID:
      hd_ad_account_set_remote_id (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      hd_ad_account_set_name (self, g_value_get_string (value));
      break;

    case PROP_CURRENCY:
      hd_ad_account_set_currency (self, g_value_get_string (value));
      break;

    case PROP_TIME_ZONE:
      hd_ad_account_set_time_zone (self, g_value_get_string (value));
      break;

    case PROP_MIN_DAILY_BUDGET_IMP:
      hd_ad_account_set_min_daily_budget_imp (self, g_value_get_int64 (value));
      break;

    case PROP_MIN_DAILY_BUDGET_VIDEO_VIEWS:
      hd_ad_account_set_min_daily_budget_video_views (self, g_value_get_int64 (value));
      break;

    case PROP_MIN_DAILY_BUDGET_HIGH_FREQ:
      hd_ad_account_set_min_daily_budget_high_freq (self, g_value_get_int64 (value));
      break;

    case PROP_MIN_DAILY_BUDGET_LOW_FREQ:
      hd_ad_account_set_min_daily_budget_low_freq (self, g_value_get_int64 (value));
      break;

    case PROP_FETCHED_AT:
      hd_ad_account_set_fetched_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_ad_account_class_init (HdAdAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_ad_account_finalize;
  object_class->get_property = hd_ad_account_get_property;
  object_class->set_property = hd_ad_account_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CHANNEL_ID] =
    g_param_spec_string ("channel-id", NULL, NULL,
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

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_MIN_DAILY_BUDGET_IMP] =
    g_param_spec_int64 ("min-daily-budget-imp", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_MIN_DAILY_BUDGET_VIDEO_VIEWS] =
    g_param_spec_int64 ("min-daily-budget-video-views", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_MIN_DAILY_BUDGET_HIGH_FREQ] =
    g_param_spec_int64 ("min-daily-budget-high-freq", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_MIN_DAILY_BUDGET_LOW_FREQ] =
    g_param_spec_int64 ("min-daily-budget-low-freq", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_FETCHED_AT] =
    g_param_spec_int64 ("fetched-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_ad_account_init (HdAdAccount *self)
{
  self->id = g_uuid_string_random ();
}

HdAdAccount *
hd_ad_account_new (void)
{
  return g_object_new (HD_TYPE_AD_ACCOUNT, NULL);
}

const char *
hd_ad_account_get_id (HdAdAccount *self)
{
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (self), NULL);

  return self->id;
}

void
hd_ad_account_set_id (HdAdAccount  *self,
                      const char   *id)
{
  g_return_if_fail (HD_IS_AD_ACCOUNT (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
hd_ad_account_get_channel_id (HdAdAccount *self)
{
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (self), NULL);

  return self->channel_id;
}

void
hd_ad_account_set_channel_id (HdAdAccount  *self,
                              const char   *channel_id)
{
  g_return_if_fail (HD_IS_AD_ACCOUNT (self));

  if (g_strcmp0 (self->channel_id, channel_id) == 0)
    return;

  g_free (self->channel_id);
  self->channel_id = g_strdup (channel_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL_ID]);
}

const char *
hd_ad_account_get_remote_id (HdAdAccount *self)
{
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (self), NULL);

  return self->remote_id;
}

void
hd_ad_account_set_remote_id (HdAdAccount  *self,
                             const char   *remote_id)
{
  g_return_if_fail (HD_IS_AD_ACCOUNT (self));

  if (g_strcmp0 (self->remote_id, remote_id) == 0)
    return;

  g_free (self->remote_id);
  self->remote_id = g_strdup (remote_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ID]);
}

const char *
hd_ad_account_get_name (HdAdAccount *self)
{
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (self), NULL);

  return self->name;
}

void
hd_ad_account_set_name (HdAdAccount  *self,
                        const char   *name)
{
  g_return_if_fail (HD_IS_AD_ACCOUNT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
hd_ad_account_get_currency (HdAdAccount *self)
{
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (self), NULL);

  return self->currency;
}

void
hd_ad_account_set_currency (HdAdAccount  *self,
                            const char   *currency)
{
  g_return_if_fail (HD_IS_AD_ACCOUNT (self));

  if (g_strcmp0 (self->currency, currency) == 0)
    return;

  g_free (self->currency);
  self->currency = g_strdup (currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

const char *
hd_ad_account_get_time_zone (HdAdAccount *self)
{
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (self), NULL);

  return self->time_zone;
}

void
hd_ad_account_set_time_zone (HdAdAccount  *self,
                             const char   *time_zone)
{
  g_return_if_fail (HD_IS_AD_ACCOUNT (self));

  if (g_strcmp0 (self->time_zone, time_zone) == 0)
    return;

  g_free (self->time_zone);
  self->time_zone = g_strdup (time_zone);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_ZONE]);
}

gint64
hd_ad_account_get_min_daily_budget_imp (HdAdAccount *self)
{
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (self), 0);

  return self->min_daily_budget_imp;
}

void
hd_ad_account_set_min_daily_budget_imp (HdAdAccount *self,
                                        gint64       min_daily_budget_imp)
{
  g_return_if_fail (HD_IS_AD_ACCOUNT (self));

  if (self->min_daily_budget_imp == min_daily_budget_imp)
    return;

  self->min_daily_budget_imp = min_daily_budget_imp;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_DAILY_BUDGET_IMP]);
}

gint64
hd_ad_account_get_min_daily_budget_video_views (HdAdAccount *self)
{
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (self), 0);

  return self->min_daily_budget_video_views;
}

void
hd_ad_account_set_min_daily_budget_video_views (HdAdAccount *self,
                                                gint64       min_daily_budget_video_views)
{
  g_return_if_fail (HD_IS_AD_ACCOUNT (self));

  if (self->min_daily_budget_video_views == min_daily_budget_video_views)
    return;

  self->min_daily_budget_video_views = min_daily_budget_video_views;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_DAILY_BUDGET_VIDEO_VIEWS]);
}

gint64
hd_ad_account_get_min_daily_budget_high_freq (HdAdAccount *self)
{
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (self), 0);

  return self->min_daily_budget_high_freq;
}

void
hd_ad_account_set_min_daily_budget_high_freq (HdAdAccount *self,
                                              gint64       min_daily_budget_high_freq)
{
  g_return_if_fail (HD_IS_AD_ACCOUNT (self));

  if (self->min_daily_budget_high_freq == min_daily_budget_high_freq)
    return;

  self->min_daily_budget_high_freq = min_daily_budget_high_freq;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_DAILY_BUDGET_HIGH_FREQ]);
}

gint64
hd_ad_account_get_min_daily_budget_low_freq (HdAdAccount *self)
{
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (self), 0);

  return self->min_daily_budget_low_freq;
}

void
hd_ad_account_set_min_daily_budget_low_freq (HdAdAccount *self,
                                             gint64       min_daily_budget_low_freq)
{
  g_return_if_fail (HD_IS_AD_ACCOUNT (self));

  if (self->min_daily_budget_low_freq == min_daily_budget_low_freq)
    return;

  self->min_daily_budget_low_freq = min_daily_budget_low_freq;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_DAILY_BUDGET_LOW_FREQ]);
}

gint64
hd_ad_account_get_fetched_at (HdAdAccount *self)
{
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (self), 0);

  return self->fetched_at;
}

void
hd_ad_account_set_fetched_at (HdAdAccount *self,
                              gint64       fetched_at)
{
  g_return_if_fail (HD_IS_AD_ACCOUNT (self));

  if (self->fetched_at == fetched_at)
    return;

  self->fetched_at = fetched_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHED_AT]);
}
