/* hd-types.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-types.h"

const char *
hd_enum_to_nick (GType enum_type,
                 int   value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (klass, value);

  /* The nicks are static strings owned by the type, which lives as long as the program. */
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

gboolean
hd_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, nick);
  if (enum_value == NULL)
    return FALSE;

  if (value != NULL)
    *value = enum_value->value;

  return TRUE;
}

const char *
hd_post_state_to_label (HdPostState state)
{
  switch (state)
    {
    case HD_POST_STATE_IDEA:
      return _("Idea");
    case HD_POST_STATE_DRAFT:
      return _("Draft");
    case HD_POST_STATE_SCHEDULED:
      return _("Scheduled");
    case HD_POST_STATE_PUBLISHING:
      return _("Publishing");
    case HD_POST_STATE_PUBLISHED:
      return _("Published");
    case HD_POST_STATE_FAILED:
      return _("Failed");
    case HD_POST_STATE_NEEDS_ATTENTION:
      return _("Needs attention");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hd_channel_kind_to_label (HdChannelKind kind)
{
  switch (kind)
    {
    case HD_CHANNEL_KIND_MASTODON:
      return _("Mastodon");
    case HD_CHANNEL_KIND_BLUESKY:
      return _("Bluesky");
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
      return _("Facebook Page");
    case HD_CHANNEL_KIND_INSTAGRAM:
      return _("Instagram");
    case HD_CHANNEL_KIND_LINKEDIN:
      return _("LinkedIn");
    case HD_CHANNEL_KIND_X:
      return _("X");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Icons the application ships under its own resource path; see data/icons. */
const char *
hd_channel_kind_icon_name (HdChannelKind kind)
{
  switch (kind)
    {
    case HD_CHANNEL_KIND_MASTODON:
      return "hd-channel-mastodon-symbolic";
    case HD_CHANNEL_KIND_BLUESKY:
      return "hd-channel-bluesky-symbolic";
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
      return "hd-channel-facebook-symbolic";
    case HD_CHANNEL_KIND_INSTAGRAM:
      return "hd-channel-instagram-symbolic";
    case HD_CHANNEL_KIND_LINKEDIN:
      return "hd-channel-linkedin-symbolic";
    case HD_CHANNEL_KIND_X:
      return "hd-channel-x-symbolic";
    default:
      g_return_val_if_reached (NULL);
    }
}
