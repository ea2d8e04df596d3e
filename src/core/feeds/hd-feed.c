/* hd-feed.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-feeds"

#include "config.h"

#include "hd-feed.h"

struct _HdFeed
{
  GObject parent_instance;

  char   *id;
  char   *url;
  char   *title;
  char   *site_url;
  char   *etag;
  char   *last_modified;
  char   *last_error;
  gint64  last_fetched_at;
  gint64  created_at;
};

G_DEFINE_FINAL_TYPE (HdFeed, hd_feed, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_TITLE,
  PROP_SITE_URL,
  PROP_ETAG,
  PROP_LAST_MODIFIED,
  PROP_LAST_ERROR,
  PROP_LAST_FETCHED_AT,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
string_field (HdFeed *self,
              guint   prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return &self->id;
    case PROP_URL: return &self->url;
    case PROP_TITLE: return &self->title;
    case PROP_SITE_URL: return &self->site_url;
    case PROP_ETAG: return &self->etag;
    case PROP_LAST_MODIFIED: return &self->last_modified;
    case PROP_LAST_ERROR: return &self->last_error;
    default: return NULL;
    }
}

static void
hd_feed_finalize (GObject *object)
{
  HdFeed *self = (HdFeed *)object;

  for (guint i = PROP_ID; i <= PROP_LAST_ERROR; i++)
    g_clear_pointer (string_field (self, i), g_free);

  G_OBJECT_CLASS (hd_feed_parent_class)->finalize (object);
}

static void
hd_feed_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  HdFeed *self = HD_FEED (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, hd_feed_get_title (self));
      break;

    case PROP_LAST_FETCHED_AT:
      g_value_set_int64 (value, self->last_fetched_at);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    default:
      if (string_field (self, prop_id) != NULL)
        g_value_set_string (value, *string_field (self, prop_id));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_feed_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  HdFeed *self = HD_FEED (object);

  switch (prop_id)
    {
    case PROP_LAST_FETCHED_AT:
      self->last_fetched_at = g_value_get_int64 (value);
      break;

    case PROP_CREATED_AT:
      self->created_at = g_value_get_int64 (value);
      break;

    default:
      if (string_field (self, prop_id) != NULL)
        {
          char **field = string_field (self, prop_id);

          g_free (*field);
          *field = g_value_dup_string (value);
        }
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_feed_class_init (HdFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                      G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = hd_feed_finalize;
  object_class->get_property = hd_feed_get_property;
  object_class->set_property = hd_feed_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_SITE_URL] = g_param_spec_string ("site-url", NULL, NULL, NULL, flags);
  properties[PROP_ETAG] = g_param_spec_string ("etag", NULL, NULL, NULL, flags);
  properties[PROP_LAST_MODIFIED] = g_param_spec_string ("last-modified", NULL, NULL, NULL, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_LAST_FETCHED_AT] =
    g_param_spec_int64 ("last-fetched-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_feed_init (HdFeed *self)
{
}

const char *
hd_feed_get_id (HdFeed *self)
{
  g_return_val_if_fail (HD_IS_FEED (self), NULL);

  return self->id;
}

const char *
hd_feed_get_url (HdFeed *self)
{
  g_return_val_if_fail (HD_IS_FEED (self), NULL);

  return self->url;
}

const char *
hd_feed_get_title (HdFeed *self)
{
  g_return_val_if_fail (HD_IS_FEED (self), NULL);

  return self->title != NULL && *self->title != '\0' ? self->title : self->url;
}

const char *
hd_feed_get_site_url (HdFeed *self)
{
  g_return_val_if_fail (HD_IS_FEED (self), NULL);

  return self->site_url;
}

const char *
hd_feed_get_etag (HdFeed *self)
{
  g_return_val_if_fail (HD_IS_FEED (self), NULL);

  return self->etag;
}

const char *
hd_feed_get_last_modified (HdFeed *self)
{
  g_return_val_if_fail (HD_IS_FEED (self), NULL);

  return self->last_modified;
}

gint64
hd_feed_get_last_fetched_at (HdFeed *self)
{
  g_return_val_if_fail (HD_IS_FEED (self), 0);

  return self->last_fetched_at;
}

const char *
hd_feed_get_last_error (HdFeed *self)
{
  g_return_val_if_fail (HD_IS_FEED (self), NULL);

  return self->last_error;
}

gint64
hd_feed_get_created_at (HdFeed *self)
{
  g_return_val_if_fail (HD_IS_FEED (self), 0);

  return self->created_at;
}
