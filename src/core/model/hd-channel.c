/* hd-channel.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hd-core-enums.h"
#include "hd-channel.h"

struct _HdChannel
{
  GObject parent_instance;

  char *id;
  HdChannelKind kind;
  char *display_name;
  char *handle;
  char *base_url;
  char *remote_account_id;
  HdChannelState state;
  gint64 created_at;
  gint64 updated_at;
  char *limits;
  char *avatar_url;
  gint64 token_expires_at;
};

G_DEFINE_FINAL_TYPE (HdChannel, hd_channel, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_DISPLAY_NAME,
  PROP_HANDLE,
  PROP_BASE_URL,
  PROP_REMOTE_ACCOUNT_ID,
  PROP_STATE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_LIMITS,
  PROP_AVATAR_URL,
  PROP_TOKEN_EXPIRES_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_channel_finalize (GObject *object)
{
  HdChannel *self = (HdChannel *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->handle, g_free);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->remote_account_id, g_free);
  g_clear_pointer (&self->limits, g_free);
  g_clear_pointer (&self->avatar_url, g_free);

  G_OBJECT_CLASS (hd_channel_parent_class)->finalize (object);
}

static void
hd_channel_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HdChannel *self = HD_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_HANDLE:
      g_value_set_string (value, self->handle);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_REMOTE_ACCOUNT_ID:
      g_value_set_string (value, self->remote_account_id);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_LIMITS:
      g_value_set_string (value, self->limits);
      break;

    case PROP_AVATAR_URL:
      g_value_set_string (value, self->avatar_url);
      break;

    case PROP_TOKEN_EXPIRES_AT:
      g_value_set_int64 (value, self->token_expires_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_channel_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  HdChannel *self = HD_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      hd_channel_set_id (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      hd_channel_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_DISPLAY_NAME:
      hd_channel_set_display_name (self, g_value_get_string (value));
      break;

    case PROP_HANDLE:
      hd_channel_set_handle (self, g_value_get_string (value));
      break;

    case PROP_BASE_URL:
      hd_channel_set_base_url (self, g_value_get_string (value));
      break;

    case PROP_REMOTE_ACCOUNT_ID:
      hd_channel_set_remote_account_id (self, g_value_get_string (value));
      break;

    case PROP_STATE:
      hd_channel_set_state (self, g_value_get_enum (value));
      break;

    case PROP_CREATED_AT:
      hd_channel_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      hd_channel_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_LIMITS:
      hd_channel_set_limits (self, g_value_get_string (value));
      break;

    case PROP_AVATAR_URL:
      hd_channel_set_avatar_url (self, g_value_get_string (value));
      break;

    case PROP_TOKEN_EXPIRES_AT:
      hd_channel_set_token_expires_at (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_channel_class_init (HdChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_channel_finalize;
  object_class->get_property = hd_channel_get_property;
  object_class->set_property = hd_channel_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       HD_TYPE_CHANNEL_KIND,
                       HD_CHANNEL_KIND_MASTODON,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_HANDLE] =
    g_param_spec_string ("handle", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_REMOTE_ACCOUNT_ID] =
    g_param_spec_string ("remote-account-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       HD_TYPE_CHANNEL_STATE,
                       HD_CHANNEL_STATE_DISCONNECTED,
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

  properties[PROP_LIMITS] =
    g_param_spec_string ("limits", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_AVATAR_URL] =
    g_param_spec_string ("avatar-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_TOKEN_EXPIRES_AT] =
    g_param_spec_int64 ("token-expires-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_channel_init (HdChannel *self)
{
  self->kind = HD_CHANNEL_KIND_MASTODON;
  self->state = HD_CHANNEL_STATE_DISCONNECTED;
  self->id = g_uuid_string_random ();
}

HdChannel *
hd_channel_new (void)
{
  return g_object_new (HD_TYPE_CHANNEL, NULL);
}

const char *
hd_channel_get_id (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), NULL);

  return self->id;
}

void
hd_channel_set_id (HdChannel  *self,
                   const char *id)
{
  g_return_if_fail (HD_IS_CHANNEL (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

HdChannelKind
hd_channel_get_kind (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), 0);

  return self->kind;
}

void
hd_channel_set_kind (HdChannel     *self,
                     HdChannelKind  kind)
{
  g_return_if_fail (HD_IS_CHANNEL (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
hd_channel_get_display_name (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), NULL);

  return self->display_name;
}

void
hd_channel_set_display_name (HdChannel  *self,
                             const char *display_name)
{
  g_return_if_fail (HD_IS_CHANNEL (self));

  if (g_strcmp0 (self->display_name, display_name) == 0)
    return;

  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

const char *
hd_channel_get_handle (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), NULL);

  return self->handle;
}

void
hd_channel_set_handle (HdChannel  *self,
                       const char *handle)
{
  g_return_if_fail (HD_IS_CHANNEL (self));

  if (g_strcmp0 (self->handle, handle) == 0)
    return;

  g_free (self->handle);
  self->handle = g_strdup (handle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HANDLE]);
}

const char *
hd_channel_get_base_url (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), NULL);

  return self->base_url;
}

void
hd_channel_set_base_url (HdChannel  *self,
                         const char *base_url)
{
  g_return_if_fail (HD_IS_CHANNEL (self));

  if (g_strcmp0 (self->base_url, base_url) == 0)
    return;

  g_free (self->base_url);
  self->base_url = g_strdup (base_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

const char *
hd_channel_get_remote_account_id (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), NULL);

  return self->remote_account_id;
}

void
hd_channel_set_remote_account_id (HdChannel  *self,
                                  const char *remote_account_id)
{
  g_return_if_fail (HD_IS_CHANNEL (self));

  if (g_strcmp0 (self->remote_account_id, remote_account_id) == 0)
    return;

  g_free (self->remote_account_id);
  self->remote_account_id = g_strdup (remote_account_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ACCOUNT_ID]);
}

HdChannelState
hd_channel_get_state (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), 0);

  return self->state;
}

void
hd_channel_set_state (HdChannel      *self,
                      HdChannelState  state)
{
  g_return_if_fail (HD_IS_CHANNEL (self));

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gint64
hd_channel_get_created_at (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), 0);

  return self->created_at;
}

void
hd_channel_set_created_at (HdChannel *self,
                           gint64     created_at)
{
  g_return_if_fail (HD_IS_CHANNEL (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

gint64
hd_channel_get_updated_at (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), 0);

  return self->updated_at;
}

void
hd_channel_set_updated_at (HdChannel *self,
                           gint64     updated_at)
{
  g_return_if_fail (HD_IS_CHANNEL (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

const char *
hd_channel_get_limits (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), NULL);

  return self->limits;
}

static JsonObject *
parse_limits (const char *limits)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (limits == NULL || !json_parser_load_from_data (parser, limits, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

void
hd_channel_set_limits (HdChannel  *self,
                       const char *limits)
{
  g_return_if_fail (HD_IS_CHANNEL (self));

  if (g_strcmp0 (self->limits, limits) == 0)
    return;

  if (limits != NULL)
    {
      g_autoptr(JsonObject) object = parse_limits (limits);

      /* The database refuses anything but JSON, so a bad value is caught here, where the
       * caller can still be found. */
      g_return_if_fail (object != NULL);
    }

  g_free (self->limits);
  self->limits = g_strdup (limits);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMITS]);
}

gint64
hd_channel_get_limit (HdChannel  *self,
                      const char *name,
                      gint64      fallback)
{
  g_autoptr(JsonObject) object = NULL;
  JsonNode *member;

  g_return_val_if_fail (HD_IS_CHANNEL (self), fallback);
  g_return_val_if_fail (name != NULL, fallback);

  object = parse_limits (self->limits);
  if (object == NULL)
    return fallback;

  member = json_object_get_member (object, name);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64)
    return fallback;

  return json_node_get_int (member);
}

/**
 * hd_channel_dup_limit_mime_types:
 *
 * Returns: (transfer full) (nullable): the MIME types, or %NULL
 */
GStrv
hd_channel_dup_limit_mime_types (HdChannel *self)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *member;
  JsonArray *array;

  g_return_val_if_fail (HD_IS_CHANNEL (self), NULL);

  object = parse_limits (self->limits);
  if (object == NULL)
    return NULL;

  member = json_object_get_member (object, HD_CHANNEL_LIMIT_MIME_TYPES);
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return NULL;

  builder = g_strv_builder_new ();
  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

const char *
hd_channel_get_avatar_url (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), NULL);

  return self->avatar_url;
}

void
hd_channel_set_avatar_url (HdChannel  *self,
                           const char *avatar_url)
{
  g_return_if_fail (HD_IS_CHANNEL (self));

  if (g_strcmp0 (self->avatar_url, avatar_url) == 0)
    return;

  g_free (self->avatar_url);
  self->avatar_url = g_strdup (avatar_url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVATAR_URL]);
}

gint64
hd_channel_get_token_expires_at (HdChannel *self)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), 0);

  return self->token_expires_at;
}

void
hd_channel_set_token_expires_at (HdChannel *self,
                                 gint64     token_expires_at)
{
  g_return_if_fail (HD_IS_CHANNEL (self));
  g_return_if_fail (token_expires_at >= 0);

  if (self->token_expires_at == token_expires_at)
    return;

  self->token_expires_at = token_expires_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_EXPIRES_AT]);
}

gboolean
hd_channel_is_expiring_soon (HdChannel *self,
                             gint64     now)
{
  g_return_val_if_fail (HD_IS_CHANNEL (self), FALSE);

  return self->state == HD_CHANNEL_STATE_CONNECTED && self->token_expires_at != 0 &&
         self->token_expires_at - now <= HD_CHANNEL_EXPIRING_SOON;
}

int
hd_channel_get_days_until_expiry (HdChannel *self,
                                  gint64     now)
{
  const gint64 day = G_TIME_SPAN_DAY / G_TIME_SPAN_SECOND;
  gint64 left;

  g_return_val_if_fail (HD_IS_CHANNEL (self), -1);

  if (self->token_expires_at == 0)
    return -1;

  left = self->token_expires_at - now;
  if (left < day)
    return 0;

  /* 6 days and an hour left reads "in 7 days": the user has until the end of that day. */
  return (int) MIN ((left + day - 1) / day, G_MAXINT);
}

/**
 * hd_channel_describe_state:
 *
 * Returns: (transfer full): a short translated phrase for the channel's state
 */
char *
hd_channel_describe_state (HdChannel *self,
                           gint64     now)
{
  int days;

  g_return_val_if_fail (HD_IS_CHANNEL (self), NULL);

  switch (self->state)
    {
    case HD_CHANNEL_STATE_NEEDS_RECONNECT:
      return g_strdup (_("Needs reconnect"));

    case HD_CHANNEL_STATE_DISCONNECTED:
      return g_strdup (_("Disconnected"));

    case HD_CHANNEL_STATE_CONNECTED:
    default:
      break;
    }

  if (!hd_channel_is_expiring_soon (self, now))
    return g_strdup (_("Connected"));

  if (self->token_expires_at <= now)
    return g_strdup (_("Expired"));

  days = hd_channel_get_days_until_expiry (self, now);
  if (days == 0)
    return g_strdup (_("Expires today"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expires in %d day",
                                       "Expires in %d days", days),
                          days);
}
