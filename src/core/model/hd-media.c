/* hd-media.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-core-enums.h"
#include "hd-media.h"

struct _HdMedia
{
  GObject parent_instance;

  char *sha256;
  char *path;
  char *mime_type;
  int width;
  int height;
  char *alt_text;
  gint64 bytes;
  gint64 created_at;
};

G_DEFINE_FINAL_TYPE (HdMedia, hd_media, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SHA256,
  PROP_PATH,
  PROP_MIME_TYPE,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_ALT_TEXT,
  PROP_BYTES,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_media_finalize (GObject *object)
{
  HdMedia *self = (HdMedia *)object;

  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->mime_type, g_free);
  g_clear_pointer (&self->alt_text, g_free);

  G_OBJECT_CLASS (hd_media_parent_class)->finalize (object);
}

static void
hd_media_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HdMedia *self = HD_MEDIA (object);

  switch (prop_id)
    {
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_MIME_TYPE:
      g_value_set_string (value, self->mime_type);
      break;

    case PROP_WIDTH:
      g_value_set_int (value, self->width);
      break;

    case PROP_HEIGHT:
      g_value_set_int (value, self->height);
      break;

    case PROP_ALT_TEXT:
      g_value_set_string (value, self->alt_text);
      break;

    case PROP_BYTES:
      g_value_set_int64 (value, self->bytes);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_media_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HdMedia *self = HD_MEDIA (object);

  switch (prop_id)
    {
    case PROP_SHA256:
      hd_media_set_sha256 (self, g_value_get_string (value));
      break;

    case PROP_PATH:
      hd_media_set_path (self, g_value_get_string (value));
      break;

    case PROP_MIME_TYPE:
      hd_media_set_mime_type (self, g_value_get_string (value));
      break;

    case PROP_WIDTH:
      hd_media_set_width (self, g_value_get_int (value));
      break;

    case PROP_HEIGHT:
      hd_media_set_height (self, g_value_get_int (value));
      break;

    case PROP_ALT_TEXT:
      hd_media_set_alt_text (self, g_value_get_string (value));
      break;

    case PROP_BYTES:
      hd_media_set_bytes (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      hd_media_set_created_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_media_class_init (HdMediaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_media_finalize;
  object_class->get_property = hd_media_get_property;
  object_class->set_property = hd_media_set_property;

  properties[PROP_SHA256] =
    g_param_spec_string ("sha256", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_MIME_TYPE] =
    g_param_spec_string ("mime-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_WIDTH] =
    g_param_spec_int ("width", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE |
                       G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_HEIGHT] =
    g_param_spec_int ("height", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE |
                       G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_ALT_TEXT] =
    g_param_spec_string ("alt-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_BYTES] =
    g_param_spec_int64 ("bytes", NULL, NULL,
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_media_init (HdMedia *self)
{
}

HdMedia *
hd_media_new (void)
{
  return g_object_new (HD_TYPE_MEDIA, NULL);
}

const char *
hd_media_get_sha256 (HdMedia *self)
{
  g_return_val_if_fail (HD_IS_MEDIA (self), NULL);

  return self->sha256;
}

void
hd_media_set_sha256 (HdMedia    *self,
                     const char *sha256)
{
  g_return_if_fail (HD_IS_MEDIA (self));

  if (g_strcmp0 (self->sha256, sha256) == 0)
    return;

  g_free (self->sha256);
  self->sha256 = g_strdup (sha256);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHA256]);
}

const char *
hd_media_get_path (HdMedia *self)
{
  g_return_val_if_fail (HD_IS_MEDIA (self), NULL);

  return self->path;
}

void
hd_media_set_path (HdMedia    *self,
                   const char *path)
{
  g_return_if_fail (HD_IS_MEDIA (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

const char *
hd_media_get_mime_type (HdMedia *self)
{
  g_return_val_if_fail (HD_IS_MEDIA (self), NULL);

  return self->mime_type;
}

void
hd_media_set_mime_type (HdMedia    *self,
                        const char *mime_type)
{
  g_return_if_fail (HD_IS_MEDIA (self));

  if (g_strcmp0 (self->mime_type, mime_type) == 0)
    return;

  g_free (self->mime_type);
  self->mime_type = g_strdup (mime_type);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIME_TYPE]);
}

int
hd_media_get_width (HdMedia *self)
{
  g_return_val_if_fail (HD_IS_MEDIA (self), 0);

  return self->width;
}

void
hd_media_set_width (HdMedia *self,
                    int      width)
{
  g_return_if_fail (HD_IS_MEDIA (self));

  if (self->width == width)
    return;

  self->width = width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
}

int
hd_media_get_height (HdMedia *self)
{
  g_return_val_if_fail (HD_IS_MEDIA (self), 0);

  return self->height;
}

void
hd_media_set_height (HdMedia *self,
                     int      height)
{
  g_return_if_fail (HD_IS_MEDIA (self));

  if (self->height == height)
    return;

  self->height = height;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
}

const char *
hd_media_get_alt_text (HdMedia *self)
{
  g_return_val_if_fail (HD_IS_MEDIA (self), NULL);

  return self->alt_text;
}

void
hd_media_set_alt_text (HdMedia    *self,
                       const char *alt_text)
{
  g_return_if_fail (HD_IS_MEDIA (self));

  if (g_strcmp0 (self->alt_text, alt_text) == 0)
    return;

  g_free (self->alt_text);
  self->alt_text = g_strdup (alt_text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALT_TEXT]);
}

gint64
hd_media_get_bytes (HdMedia *self)
{
  g_return_val_if_fail (HD_IS_MEDIA (self), 0);

  return self->bytes;
}

void
hd_media_set_bytes (HdMedia *self,
                    gint64   bytes)
{
  g_return_if_fail (HD_IS_MEDIA (self));

  if (self->bytes == bytes)
    return;

  self->bytes = bytes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BYTES]);
}

gint64
hd_media_get_created_at (HdMedia *self)
{
  g_return_val_if_fail (HD_IS_MEDIA (self), 0);

  return self->created_at;
}

void
hd_media_set_created_at (HdMedia *self,
                         gint64   created_at)
{
  g_return_if_fail (HD_IS_MEDIA (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}
