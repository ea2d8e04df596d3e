/* hd-variant.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-core-enums.h"
#include "hd-variant.h"

struct _HdVariant
{
  GObject parent_instance;

  char *id;
  char *post_id;
  char *channel_id;
  char *text;
  char *first_comment;
  char *remote_id;
  char *remote_url;
  HdPostState state;
  char **media;
};

G_DEFINE_FINAL_TYPE (HdVariant, hd_variant, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_POST_ID,
  PROP_CHANNEL_ID,
  PROP_TEXT,
  PROP_FIRST_COMMENT,
  PROP_REMOTE_ID,
  PROP_REMOTE_URL,
  PROP_STATE,
  PROP_MEDIA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* NULL and an empty list both mean "none". */
static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  return g_strv_equal (a, b);
}

static void
hd_variant_finalize (GObject *object)
{
  HdVariant *self = (HdVariant *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->post_id, g_free);
  g_clear_pointer (&self->channel_id, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->first_comment, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->remote_url, g_free);
  g_clear_pointer (&self->media, g_strfreev);

  G_OBJECT_CLASS (hd_variant_parent_class)->finalize (object);
}

static void
hd_variant_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HdVariant *self = HD_VARIANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_POST_ID:
      g_value_set_string (value, self->post_id);
      break;

    case PROP_CHANNEL_ID:
      g_value_set_string (value, self->channel_id);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_FIRST_COMMENT:
      g_value_set_string (value, self->first_comment);
      break;

    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;

    case PROP_REMOTE_URL:
      g_value_set_string (value, self->remote_url);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_MEDIA:
      g_value_set_boxed (value, self->media);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_variant_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  HdVariant *self = HD_VARIANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      hd_variant_set_id (self, g_value_get_string (value));
      break;

    case PROP_POST_ID:
      hd_variant_set_post_id (self, g_value_get_string (value));
      break;

    case PROP_CHANNEL_ID:
      hd_variant_set_channel_id (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      hd_variant_set_text (self, g_value_get_string (value));
      break;

    case PROP_FIRST_COMMENT:
      hd_variant_set_first_comment (self, g_value_get_string (value));
      break;

    case PROP_REMOTE_ID:
      hd_variant_set_remote_id (self, g_value_get_string (value));
      break;

    case PROP_REMOTE_URL:
      hd_variant_set_remote_url (self, g_value_get_string (value));
      break;

    case PROP_STATE:
      hd_variant_set_state (self, g_value_get_enum (value));
      break;

    case PROP_MEDIA:
      hd_variant_set_media (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_variant_class_init (HdVariantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_variant_finalize;
  object_class->get_property = hd_variant_get_property;
  object_class->set_property = hd_variant_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_POST_ID] =
    g_param_spec_string ("post-id", NULL, NULL,
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

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_FIRST_COMMENT] =
    g_param_spec_string ("first-comment", NULL, NULL,
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

  properties[PROP_REMOTE_URL] =
    g_param_spec_string ("remote-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       HD_TYPE_POST_STATE,
                       HD_POST_STATE_DRAFT,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_MEDIA] =
    g_param_spec_boxed ("media", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_variant_init (HdVariant *self)
{
  self->state = HD_POST_STATE_DRAFT;
  self->id = g_uuid_string_random ();
}

HdVariant *
hd_variant_new (void)
{
  return g_object_new (HD_TYPE_VARIANT, NULL);
}

const char *
hd_variant_get_id (HdVariant *self)
{
  g_return_val_if_fail (HD_IS_VARIANT (self), NULL);

  return self->id;
}

void
hd_variant_set_id (HdVariant  *self,
                   const char *id)
{
  g_return_if_fail (HD_IS_VARIANT (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
hd_variant_get_post_id (HdVariant *self)
{
  g_return_val_if_fail (HD_IS_VARIANT (self), NULL);

  return self->post_id;
}

void
hd_variant_set_post_id (HdVariant  *self,
                        const char *post_id)
{
  g_return_if_fail (HD_IS_VARIANT (self));

  if (g_strcmp0 (self->post_id, post_id) == 0)
    return;

  g_free (self->post_id);
  self->post_id = g_strdup (post_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST_ID]);
}

const char *
hd_variant_get_channel_id (HdVariant *self)
{
  g_return_val_if_fail (HD_IS_VARIANT (self), NULL);

  return self->channel_id;
}

void
hd_variant_set_channel_id (HdVariant  *self,
                           const char *channel_id)
{
  g_return_if_fail (HD_IS_VARIANT (self));

  if (g_strcmp0 (self->channel_id, channel_id) == 0)
    return;

  g_free (self->channel_id);
  self->channel_id = g_strdup (channel_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL_ID]);
}

const char *
hd_variant_get_text (HdVariant *self)
{
  g_return_val_if_fail (HD_IS_VARIANT (self), NULL);

  return self->text;
}

void
hd_variant_set_text (HdVariant  *self,
                     const char *text)
{
  g_return_if_fail (HD_IS_VARIANT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
hd_variant_get_first_comment (HdVariant *self)
{
  g_return_val_if_fail (HD_IS_VARIANT (self), NULL);

  return self->first_comment;
}

void
hd_variant_set_first_comment (HdVariant  *self,
                              const char *first_comment)
{
  g_return_if_fail (HD_IS_VARIANT (self));

  if (g_strcmp0 (self->first_comment, first_comment) == 0)
    return;

  g_free (self->first_comment);
  self->first_comment = g_strdup (first_comment);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_COMMENT]);
}

const char *
hd_variant_get_remote_id (HdVariant *self)
{
  g_return_val_if_fail (HD_IS_VARIANT (self), NULL);

  return self->remote_id;
}

void
hd_variant_set_remote_id (HdVariant  *self,
                          const char *remote_id)
{
  g_return_if_fail (HD_IS_VARIANT (self));

  if (g_strcmp0 (self->remote_id, remote_id) == 0)
    return;

  g_free (self->remote_id);
  self->remote_id = g_strdup (remote_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ID]);
}

const char *
hd_variant_get_remote_url (HdVariant *self)
{
  g_return_val_if_fail (HD_IS_VARIANT (self), NULL);

  return self->remote_url;
}

void
hd_variant_set_remote_url (HdVariant  *self,
                           const char *remote_url)
{
  g_return_if_fail (HD_IS_VARIANT (self));

  if (g_strcmp0 (self->remote_url, remote_url) == 0)
    return;

  g_free (self->remote_url);
  self->remote_url = g_strdup (remote_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_URL]);
}

HdPostState
hd_variant_get_state (HdVariant *self)
{
  g_return_val_if_fail (HD_IS_VARIANT (self), 0);

  return self->state;
}

void
hd_variant_set_state (HdVariant   *self,
                      HdPostState  state)
{
  g_return_if_fail (HD_IS_VARIANT (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char * const *
hd_variant_get_media (HdVariant *self)
{
  g_return_val_if_fail (HD_IS_VARIANT (self), NULL);

  return (const char * const *)self->media;
}

void
hd_variant_set_media (HdVariant          *self,
                      const char * const *media)
{
  g_return_if_fail (HD_IS_VARIANT (self));

  if (strv_equal ((const char * const *)self->media, media))
    return;

  g_strfreev (self->media);
  self->media = g_strdupv ((char **)media);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEDIA]);
}
