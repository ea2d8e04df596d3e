/* hd-metric.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-core-enums.h"
#include "hd-metric.h"

struct _HdMetric
{
  GObject parent_instance;

  HdMetricSubject subject;
  char *subject_id;
  char *channel_id;
  char *name;
  gint64 value;
  gint64 measured_at;
};

G_DEFINE_FINAL_TYPE (HdMetric, hd_metric, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SUBJECT,
  PROP_SUBJECT_ID,
  PROP_CHANNEL_ID,
  PROP_NAME,
  PROP_VALUE,
  PROP_MEASURED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_metric_finalize (GObject *object)
{
  HdMetric *self = (HdMetric *)object;

  g_clear_pointer (&self->subject_id, g_free);
  g_clear_pointer (&self->channel_id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (hd_metric_parent_class)->finalize (object);
}

static void
hd_metric_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HdMetric *self = HD_METRIC (object);

  switch (prop_id)
    {
    case PROP_SUBJECT:
      g_value_set_enum (value, self->subject);
      break;

    case PROP_SUBJECT_ID:
      g_value_set_string (value, self->subject_id);
      break;

    case PROP_CHANNEL_ID:
      g_value_set_string (value, self->channel_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_VALUE:
      g_value_set_int64 (value, self->value);
      break;

    case PROP_MEASURED_AT:
      g_value_set_int64 (value, self->measured_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_metric_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HdMetric *self = HD_METRIC (object);

  switch (prop_id)
    {
    case PROP_SUBJECT:
      hd_metric_set_subject (self, g_value_get_enum (value));
      break;

    case PROP_SUBJECT_ID:
      hd_metric_set_subject_id (self, g_value_get_string (value));
      break;

    case PROP_CHANNEL_ID:
      hd_metric_set_channel_id (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      hd_metric_set_name (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      hd_metric_set_value (self, g_value_get_int64 (value));
      break;

    case PROP_MEASURED_AT:
      hd_metric_set_measured_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_metric_class_init (HdMetricClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_metric_finalize;
  object_class->get_property = hd_metric_get_property;
  object_class->set_property = hd_metric_set_property;

  properties[PROP_SUBJECT] =
    g_param_spec_enum ("subject", NULL, NULL,
                       HD_TYPE_METRIC_SUBJECT,
                       HD_METRIC_SUBJECT_POST,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_SUBJECT_ID] =
    g_param_spec_string ("subject-id", NULL, NULL,
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

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_VALUE] =
    g_param_spec_int64 ("value", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_MEASURED_AT] =
    g_param_spec_int64 ("measured-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_metric_init (HdMetric *self)
{
  self->subject = HD_METRIC_SUBJECT_POST;
}

HdMetric *
hd_metric_new (void)
{
  return g_object_new (HD_TYPE_METRIC, NULL);
}

HdMetricSubject
hd_metric_get_subject (HdMetric *self)
{
  g_return_val_if_fail (HD_IS_METRIC (self), 0);

  return self->subject;
}

void
hd_metric_set_subject (HdMetric        *self,
                       HdMetricSubject  subject)
{
  g_return_if_fail (HD_IS_METRIC (self));

  if (self->subject == subject)
    return;

  self->subject = subject;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT]);
}

const char *
hd_metric_get_subject_id (HdMetric *self)
{
  g_return_val_if_fail (HD_IS_METRIC (self), NULL);

  return self->subject_id;
}

void
hd_metric_set_subject_id (HdMetric   *self,
                          const char *subject_id)
{
  g_return_if_fail (HD_IS_METRIC (self));

  if (g_strcmp0 (self->subject_id, subject_id) == 0)
    return;

  g_free (self->subject_id);
  self->subject_id = g_strdup (subject_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBJECT_ID]);
}

const char *
hd_metric_get_channel_id (HdMetric *self)
{
  g_return_val_if_fail (HD_IS_METRIC (self), NULL);

  return self->channel_id;
}

void
hd_metric_set_channel_id (HdMetric   *self,
                          const char *channel_id)
{
  g_return_if_fail (HD_IS_METRIC (self));

  if (g_strcmp0 (self->channel_id, channel_id) == 0)
    return;

  g_free (self->channel_id);
  self->channel_id = g_strdup (channel_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL_ID]);
}

const char *
hd_metric_get_name (HdMetric *self)
{
  g_return_val_if_fail (HD_IS_METRIC (self), NULL);

  return self->name;
}

void
hd_metric_set_name (HdMetric   *self,
                    const char *name)
{
  g_return_if_fail (HD_IS_METRIC (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gint64
hd_metric_get_value (HdMetric *self)
{
  g_return_val_if_fail (HD_IS_METRIC (self), 0);

  return self->value;
}

void
hd_metric_set_value (HdMetric *self,
                     gint64    value)
{
  g_return_if_fail (HD_IS_METRIC (self));

  if (self->value == value)
    return;

  self->value = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

gint64
hd_metric_get_measured_at (HdMetric *self)
{
  g_return_val_if_fail (HD_IS_METRIC (self), 0);

  return self->measured_at;
}

void
hd_metric_set_measured_at (HdMetric *self,
                           gint64    measured_at)
{
  g_return_if_fail (HD_IS_METRIC (self));

  if (self->measured_at == measured_at)
    return;

  self->measured_at = measured_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEASURED_AT]);
}
