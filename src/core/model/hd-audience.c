/* hd-audience.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-core-enums.h"
#include "hd-audience.h"

struct _HdAudience
{
  GObject parent_instance;

  char *id;
  char *name;
  char *spec;
  gint64 estimated_size;
  gint64 estimated_at;
  gint64 created_at;
  gint64 updated_at;
  gint64 estimated_upper;
};

G_DEFINE_FINAL_TYPE (HdAudience, hd_audience, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SPEC,
  PROP_ESTIMATED_SIZE,
  PROP_ESTIMATED_AT,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_ESTIMATED_UPPER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_audience_finalize (GObject *object)
{
  HdAudience *self = (HdAudience *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->spec, g_free);

  G_OBJECT_CLASS (hd_audience_parent_class)->finalize (object);
}

static void
hd_audience_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HdAudience *self = HD_AUDIENCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SPEC:
      g_value_set_string (value, self->spec);
      break;

    case PROP_ESTIMATED_SIZE:
      g_value_set_int64 (value, self->estimated_size);
      break;

    case PROP_ESTIMATED_AT:
      g_value_set_int64 (value, self->estimated_at);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_ESTIMATED_UPPER:
      g_value_set_int64 (value, self->estimated_upper);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_audience_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HdAudience *self = HD_AUDIENCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      hd_audience_set_id (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      hd_audience_set_name (self, g_value_get_string (value));
      break;

    case PROP_SPEC:
      hd_audience_set_spec (self, g_value_get_string (value));
      break;

    case PROP_ESTIMATED_SIZE:
      hd_audience_set_estimated_size (self, g_value_get_int64 (value));
      break;

    case PROP_ESTIMATED_AT:
      hd_audience_set_estimated_at (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      hd_audience_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      hd_audience_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_ESTIMATED_UPPER:
      hd_audience_set_estimated_upper (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_audience_class_init (HdAudienceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_audience_finalize;
  object_class->get_property = hd_audience_get_property;
  object_class->set_property = hd_audience_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
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

  properties[PROP_SPEC] =
    g_param_spec_string ("spec", NULL, NULL,
                         "{}",
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_ESTIMATED_SIZE] =
    g_param_spec_int64 ("estimated-size", NULL, NULL,
                        G_MININT64, G_MAXINT64, -1,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_ESTIMATED_AT] =
    g_param_spec_int64 ("estimated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
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

  properties[PROP_ESTIMATED_UPPER] =
    g_param_spec_int64 ("estimated-upper", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_audience_init (HdAudience *self)
{
  self->estimated_upper = -1;
  self->spec = g_strdup ("{}");
  self->estimated_size = -1;
  self->id = g_uuid_string_random ();
}

HdAudience *
hd_audience_new (void)
{
  return g_object_new (HD_TYPE_AUDIENCE, NULL);
}

const char *
hd_audience_get_id (HdAudience *self)
{
  g_return_val_if_fail (HD_IS_AUDIENCE (self), NULL);

  return self->id;
}

void
hd_audience_set_id (HdAudience *self,
                    const char *id)
{
  g_return_if_fail (HD_IS_AUDIENCE (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
hd_audience_get_name (HdAudience *self)
{
  g_return_val_if_fail (HD_IS_AUDIENCE (self), NULL);

  return self->name;
}

void
hd_audience_set_name (HdAudience *self,
                      const char *name)
{
  g_return_if_fail (HD_IS_AUDIENCE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
hd_audience_get_spec (HdAudience *self)
{
  g_return_val_if_fail (HD_IS_AUDIENCE (self), NULL);

  return self->spec;
}

void
hd_audience_set_spec (HdAudience *self,
                      const char *spec)
{
  g_return_if_fail (HD_IS_AUDIENCE (self));

  if (g_strcmp0 (self->spec, spec) == 0)
    return;

  g_free (self->spec);
  self->spec = g_strdup (spec);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEC]);
}

gint64
hd_audience_get_estimated_size (HdAudience *self)
{
  g_return_val_if_fail (HD_IS_AUDIENCE (self), 0);

  return self->estimated_size;
}

void
hd_audience_set_estimated_size (HdAudience *self,
                                gint64      estimated_size)
{
  g_return_if_fail (HD_IS_AUDIENCE (self));

  if (self->estimated_size == estimated_size)
    return;

  self->estimated_size = estimated_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESTIMATED_SIZE]);
}

gint64
hd_audience_get_estimated_at (HdAudience *self)
{
  g_return_val_if_fail (HD_IS_AUDIENCE (self), 0);

  return self->estimated_at;
}

void
hd_audience_set_estimated_at (HdAudience *self,
                              gint64      estimated_at)
{
  g_return_if_fail (HD_IS_AUDIENCE (self));

  if (self->estimated_at == estimated_at)
    return;

  self->estimated_at = estimated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESTIMATED_AT]);
}

gint64
hd_audience_get_created_at (HdAudience *self)
{
  g_return_val_if_fail (HD_IS_AUDIENCE (self), 0);

  return self->created_at;
}

void
hd_audience_set_created_at (HdAudience *self,
                            gint64      created_at)
{
  g_return_if_fail (HD_IS_AUDIENCE (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
hd_audience_get_updated_at (HdAudience *self)
{
  g_return_val_if_fail (HD_IS_AUDIENCE (self), 0);

  return self->updated_at;
}

void
hd_audience_set_updated_at (HdAudience *self,
                            gint64      updated_at)
{
  g_return_if_fail (HD_IS_AUDIENCE (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

gint64
hd_audience_get_estimated_upper (HdAudience *self)
{
  g_return_val_if_fail (HD_IS_AUDIENCE (self), 0);

  return self->estimated_upper;
}

void
hd_audience_set_estimated_upper (HdAudience *self,
                                 gint64      estimated_upper)
{
  g_return_if_fail (HD_IS_AUDIENCE (self));

  if (self->estimated_upper == estimated_upper)
    return;

  self->estimated_upper = estimated_upper;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ESTIMATED_UPPER]);
}
