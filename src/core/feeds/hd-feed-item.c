/* hd-feed-item.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-feeds"

#include "config.h"

#include "hd-feed-item.h"

struct _HdFeedItem
{
  GObject parent_instance;

  char     *id;
  char     *feed_id;
  char     *feed_title;
  char     *guid;
  char     *title;
  char     *link;
  char     *summary;
  char     *used_post_id;
  gint64    published_at;
  gint64    fetched_at;
  gboolean  dismissed;
};

G_DEFINE_FINAL_TYPE (HdFeedItem, hd_feed_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_FEED_ID,
  PROP_FEED_TITLE,
  PROP_GUID,
  PROP_TITLE,
  PROP_LINK,
  PROP_SUMMARY,
  PROP_USED_POST_ID,
  PROP_PUBLISHED_AT,
  PROP_FETCHED_AT,
  PROP_DISMISSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char **
string_field (HdFeedItem *self,
              guint       prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return &self->id;
    case PROP_FEED_ID: return &self->feed_id;
    case PROP_FEED_TITLE: return &self->feed_title;
    case PROP_GUID: return &self->guid;
    case PROP_TITLE: return &self->title;
    case PROP_LINK: return &self->link;
    case PROP_SUMMARY: return &self->summary;
    case PROP_USED_POST_ID: return &self->used_post_id;
    default: return NULL;
    }
}

static void
hd_feed_item_finalize (GObject *object)
{
  HdFeedItem *self = (HdFeedItem *)object;

  for (guint i = PROP_ID; i <= PROP_USED_POST_ID; i++)
    g_clear_pointer (string_field (self, i), g_free);

  G_OBJECT_CLASS (hd_feed_item_parent_class)->finalize (object);
}

static void
hd_feed_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HdFeedItem *self = HD_FEED_ITEM (object);

  switch (prop_id)
    {
    case PROP_PUBLISHED_AT:
      g_value_set_int64 (value, self->published_at);
      break;

    case PROP_FETCHED_AT:
      g_value_set_int64 (value, self->fetched_at);
      break;

    case PROP_DISMISSED:
      g_value_set_boolean (value, self->dismissed);
      break;

    default:
      if (string_field (self, prop_id) != NULL)
        g_value_set_string (value, *string_field (self, prop_id));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_feed_item_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HdFeedItem *self = HD_FEED_ITEM (object);

  switch (prop_id)
    {
    case PROP_PUBLISHED_AT:
      self->published_at = g_value_get_int64 (value);
      break;

    case PROP_FETCHED_AT:
      self->fetched_at = g_value_get_int64 (value);
      break;

    case PROP_DISMISSED:
      self->dismissed = g_value_get_boolean (value);
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
hd_feed_item_class_init (HdFeedItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                      G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = hd_feed_item_finalize;
  object_class->get_property = hd_feed_item_get_property;
  object_class->set_property = hd_feed_item_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_FEED_ID] = g_param_spec_string ("feed-id", NULL, NULL, NULL, flags);
  properties[PROP_FEED_TITLE] = g_param_spec_string ("feed-title", NULL, NULL, NULL, flags);
  properties[PROP_GUID] = g_param_spec_string ("guid", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_USED_POST_ID] = g_param_spec_string ("used-post-id", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHED_AT] =
    g_param_spec_int64 ("published-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FETCHED_AT] =
    g_param_spec_int64 ("fetched-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DISMISSED] = g_param_spec_boolean ("dismissed", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_feed_item_init (HdFeedItem *self)
{
}

#define STRING_GETTER(field) \
  const char * \
  hd_feed_item_get_##field (HdFeedItem *self) \
  { \
    g_return_val_if_fail (HD_IS_FEED_ITEM (self), NULL); \
    return self->field; \
  }

STRING_GETTER (id)
STRING_GETTER (feed_id)
STRING_GETTER (feed_title)
STRING_GETTER (guid)
STRING_GETTER (title)
STRING_GETTER (link)
STRING_GETTER (summary)
STRING_GETTER (used_post_id)

gint64
hd_feed_item_get_published_at (HdFeedItem *self)
{
  g_return_val_if_fail (HD_IS_FEED_ITEM (self), 0);

  return self->published_at;
}

gint64
hd_feed_item_get_fetched_at (HdFeedItem *self)
{
  g_return_val_if_fail (HD_IS_FEED_ITEM (self), 0);

  return self->fetched_at;
}

gboolean
hd_feed_item_get_dismissed (HdFeedItem *self)
{
  g_return_val_if_fail (HD_IS_FEED_ITEM (self), FALSE);

  return self->dismissed;
}
