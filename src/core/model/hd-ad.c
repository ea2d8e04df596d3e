/* hd-ad.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-core-enums.h"
#include "hd-ad.h"

struct _HdAd
{
  GObject parent_instance;

  char *id;
  char *ad_set_id;
  char *post_id;
  char *name;
  char *headline;
  char *link;
  char *call_to_action;
  HdAdStatus status;
  char *remote_id;
  gint64 created_at;
  gint64 updated_at;
  char *body;
  char *image_sha256;
  char *page_remote_id;
  char *creative_remote_id;
  char *synced;
  char *conflict;
};

G_DEFINE_FINAL_TYPE (HdAd, hd_ad, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_AD_SET_ID,
  PROP_POST_ID,
  PROP_NAME,
  PROP_HEADLINE,
  PROP_LINK,
  PROP_CALL_TO_ACTION,
  PROP_STATUS,
  PROP_REMOTE_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_BODY,
  PROP_IMAGE_SHA256,
  PROP_PAGE_REMOTE_ID,
  PROP_CREATIVE_REMOTE_ID,
  PROP_SYNCED,
  PROP_CONFLICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_ad_finalize (GObject *object)
{
  HdAd *self = (HdAd *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->ad_set_id, g_free);
  g_clear_pointer (&self->post_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->headline, g_free);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->call_to_action, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->image_sha256, g_free);
  g_clear_pointer (&self->page_remote_id, g_free);
  g_clear_pointer (&self->creative_remote_id, g_free);
  g_clear_pointer (&self->synced, g_free);
  g_clear_pointer (&self->conflict, g_free);

  G_OBJECT_CLASS (hd_ad_parent_class)->finalize (object);
}

static void
hd_ad_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  HdAd *self = HD_AD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_AD_SET_ID:
      g_value_set_string (value, self->ad_set_id);
      break;

    case PROP_POST_ID:
      g_value_set_string (value, self->post_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_HEADLINE:
      g_value_set_string (value, self->headline);
      break;

    case PROP_LINK:
      g_value_set_string (value, self->link);
      break;

    case PROP_CALL_TO_ACTION:
      g_value_set_string (value, self->call_to_action);
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

    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case PROP_IMAGE_SHA256:
      g_value_set_string (value, self->image_sha256);
      break;

    case PROP_PAGE_REMOTE_ID:
      g_value_set_string (value, self->page_remote_id);
      break;

    case PROP_CREATIVE_REMOTE_ID:
      g_value_set_string (value, self->creative_remote_id);
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
hd_ad_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  HdAd *self = HD_AD (object);

  switch (prop_id)
    {
    case PROP_ID:
      hd_ad_set_id (self, g_value_get_string (value));
      break;

    case PROP_AD_SET_ID:
      hd_ad_set_ad_set_id (self, g_value_get_string (value));
      break;

    case PROP_POST_ID:
      hd_ad_set_post_id (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      hd_ad_set_name (self, g_value_get_string (value));
      break;

    case PROP_HEADLINE:
      hd_ad_set_headline (self, g_value_get_string (value));
      break;

    case PROP_LINK:
      hd_ad_set_link (self, g_value_get_string (value));
      break;

    case PROP_CALL_TO_ACTION:
      hd_ad_set_call_to_action (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      hd_ad_set_status (self, g_value_get_enum (value));
      break;

    case PROP_REMOTE_ID:
      hd_ad_set_remote_id (self, g_value_get_string (value));
      break;

    case PROP_CREATED_AT:
      hd_ad_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      hd_ad_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_BODY:
      hd_ad_set_body (self, g_value_get_string (value));
      break;

    case PROP_IMAGE_SHA256:
      hd_ad_set_image_sha256 (self, g_value_get_string (value));
      break;

    case PROP_PAGE_REMOTE_ID:
      hd_ad_set_page_remote_id (self, g_value_get_string (value));
      break;

    case PROP_CREATIVE_REMOTE_ID:
      hd_ad_set_creative_remote_id (self, g_value_get_string (value));
      break;

    case PROP_SYNCED:
      hd_ad_set_synced (self, g_value_get_string (value));
      break;

    case PROP_CONFLICT:
      hd_ad_set_conflict (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_ad_class_init (HdAdClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_ad_finalize;
  object_class->get_property = hd_ad_get_property;
  object_class->set_property = hd_ad_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_AD_SET_ID] =
    g_param_spec_string ("ad-set-id", NULL, NULL,
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

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_HEADLINE] =
    g_param_spec_string ("headline", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_LINK] =
    g_param_spec_string ("link", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CALL_TO_ACTION] =
    g_param_spec_string ("call-to-action", NULL, NULL,
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

  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_IMAGE_SHA256] =
    g_param_spec_string ("image-sha256", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PAGE_REMOTE_ID] =
    g_param_spec_string ("page-remote-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_CREATIVE_REMOTE_ID] =
    g_param_spec_string ("creative-remote-id", NULL, NULL,
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
hd_ad_init (HdAd *self)
{
  self->status = HD_AD_STATUS_PAUSED;
  self->id = g_uuid_string_random ();
}

HdAd *
hd_ad_new (void)
{
  return g_object_new (HD_TYPE_AD, NULL);
}

const char *
hd_ad_get_id (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->id;
}

void
hd_ad_set_id (HdAd       *self,
              const char *id)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
hd_ad_get_ad_set_id (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->ad_set_id;
}

void
hd_ad_set_ad_set_id (HdAd       *self,
                     const char *ad_set_id)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->ad_set_id, ad_set_id) == 0)
    return;

  g_free (self->ad_set_id);
  self->ad_set_id = g_strdup (ad_set_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AD_SET_ID]);
}

const char *
hd_ad_get_post_id (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->post_id;
}

void
hd_ad_set_post_id (HdAd       *self,
                   const char *post_id)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->post_id, post_id) == 0)
    return;

  g_free (self->post_id);
  self->post_id = g_strdup (post_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST_ID]);
}

const char *
hd_ad_get_name (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->name;
}

void
hd_ad_set_name (HdAd       *self,
                const char *name)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
hd_ad_get_headline (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->headline;
}

void
hd_ad_set_headline (HdAd       *self,
                    const char *headline)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->headline, headline) == 0)
    return;

  g_free (self->headline);
  self->headline = g_strdup (headline);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADLINE]);
}

const char *
hd_ad_get_link (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->link;
}

void
hd_ad_set_link (HdAd       *self,
                const char *link)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->link, link) == 0)
    return;

  g_free (self->link);
  self->link = g_strdup (link);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINK]);
}

const char *
hd_ad_get_call_to_action (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->call_to_action;
}

void
hd_ad_set_call_to_action (HdAd       *self,
                          const char *call_to_action)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->call_to_action, call_to_action) == 0)
    return;

  g_free (self->call_to_action);
  self->call_to_action = g_strdup (call_to_action);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALL_TO_ACTION]);
}

HdAdStatus
hd_ad_get_status (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), 0);

  return self->status;
}

void
hd_ad_set_status (HdAd       *self,
                  HdAdStatus  status)
{
  g_return_if_fail (HD_IS_AD (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
hd_ad_get_remote_id (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->remote_id;
}

void
hd_ad_set_remote_id (HdAd       *self,
                     const char *remote_id)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->remote_id, remote_id) == 0)
    return;

  g_free (self->remote_id);
  self->remote_id = g_strdup (remote_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ID]);
}

gint64
hd_ad_get_created_at (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), 0);

  return self->created_at;
}

void
hd_ad_set_created_at (HdAd   *self,
                      gint64  created_at)
{
  g_return_if_fail (HD_IS_AD (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
hd_ad_get_updated_at (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), 0);

  return self->updated_at;
}

void
hd_ad_set_updated_at (HdAd   *self,
                      gint64  updated_at)
{
  g_return_if_fail (HD_IS_AD (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

const char *
hd_ad_get_body (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->body;
}

void
hd_ad_set_body (HdAd       *self,
                const char *body)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->body, body) == 0)
    return;

  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

const char *
hd_ad_get_image_sha256 (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->image_sha256;
}

void
hd_ad_set_image_sha256 (HdAd       *self,
                        const char *image_sha256)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->image_sha256, image_sha256) == 0)
    return;

  g_free (self->image_sha256);
  self->image_sha256 = g_strdup (image_sha256);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMAGE_SHA256]);
}

const char *
hd_ad_get_page_remote_id (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->page_remote_id;
}

void
hd_ad_set_page_remote_id (HdAd       *self,
                          const char *page_remote_id)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->page_remote_id, page_remote_id) == 0)
    return;

  g_free (self->page_remote_id);
  self->page_remote_id = g_strdup (page_remote_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_REMOTE_ID]);
}

const char *
hd_ad_get_creative_remote_id (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->creative_remote_id;
}

void
hd_ad_set_creative_remote_id (HdAd       *self,
                              const char *creative_remote_id)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->creative_remote_id, creative_remote_id) == 0)
    return;

  g_free (self->creative_remote_id);
  self->creative_remote_id = g_strdup (creative_remote_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATIVE_REMOTE_ID]);
}

const char *
hd_ad_get_synced (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->synced;
}

void
hd_ad_set_synced (HdAd       *self,
                  const char *synced)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->synced, synced) == 0)
    return;

  g_free (self->synced);
  self->synced = g_strdup (synced);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCED]);
}

const char *
hd_ad_get_conflict (HdAd *self)
{
  g_return_val_if_fail (HD_IS_AD (self), NULL);

  return self->conflict;
}

void
hd_ad_set_conflict (HdAd       *self,
                    const char *conflict)
{
  g_return_if_fail (HD_IS_AD (self));

  if (g_strcmp0 (self->conflict, conflict) == 0)
    return;

  g_free (self->conflict);
  self->conflict = g_strdup (conflict);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT]);
}
