/* hd-label.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-core-enums.h"
#include "hd-label.h"

struct _HdLabel
{
  GObject parent_instance;

  char *id;
  char *name;
  char *color;
};

G_DEFINE_FINAL_TYPE (HdLabel, hd_label, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_label_finalize (GObject *object)
{
  HdLabel *self = (HdLabel *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (hd_label_parent_class)->finalize (object);
}

static void
hd_label_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HdLabel *self = HD_LABEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_label_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HdLabel *self = HD_LABEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      hd_label_set_id (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      hd_label_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      hd_label_set_color (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_label_class_init (HdLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_label_finalize;
  object_class->get_property = hd_label_get_property;
  object_class->set_property = hd_label_set_property;

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

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_label_init (HdLabel *self)
{
  self->id = g_uuid_string_random ();
}

HdLabel *
hd_label_new (void)
{
  return g_object_new (HD_TYPE_LABEL, NULL);
}

const char *
hd_label_get_id (HdLabel *self)
{
  g_return_val_if_fail (HD_IS_LABEL (self), NULL);

  return self->id;
}

void
hd_label_set_id (HdLabel    *self,
                 const char *id)
{
  g_return_if_fail (HD_IS_LABEL (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
hd_label_get_name (HdLabel *self)
{
  g_return_val_if_fail (HD_IS_LABEL (self), NULL);

  return self->name;
}

void
hd_label_set_name (HdLabel    *self,
                   const char *name)
{
  g_return_if_fail (HD_IS_LABEL (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
hd_label_get_color (HdLabel *self)
{
  g_return_val_if_fail (HD_IS_LABEL (self), NULL);

  return self->color;
}

void
hd_label_set_color (HdLabel    *self,
                    const char *color)
{
  g_return_if_fail (HD_IS_LABEL (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}
