/* hd-inbox-item.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include "hd-core-enums.h"
#include "hd-inbox-item.h"

struct _HdInboxItem
{
  GObject parent_instance;

  char *id;
  char *channel_id;
  HdInboxKind kind;
  char *remote_id;
  char *thread_id;
  char *parent_id;
  char *author_name;
  char *author_handle;
  char *text;
  gint64 received_at;
  char *post_id;
  HdReplyState reply_state;

  /* the user's marks and the answer being written, as the store last had them */
  gboolean hidden;
  gboolean deleted;
  gboolean outgoing;
  char *draft;
};

G_DEFINE_FINAL_TYPE (HdInboxItem, hd_inbox_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_CHANNEL_ID,
  PROP_KIND,
  PROP_REMOTE_ID,
  PROP_THREAD_ID,
  PROP_PARENT_ID,
  PROP_AUTHOR_NAME,
  PROP_AUTHOR_HANDLE,
  PROP_TEXT,
  PROP_RECEIVED_AT,
  PROP_POST_ID,
  PROP_REPLY_STATE,
  PROP_HIDDEN,
  PROP_DELETED,
  PROP_OUTGOING,
  PROP_DRAFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_inbox_item_finalize (GObject *object)
{
  HdInboxItem *self = (HdInboxItem *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->channel_id, g_free);
  g_clear_pointer (&self->draft, g_free);
  g_clear_pointer (&self->remote_id, g_free);
  g_clear_pointer (&self->thread_id, g_free);
  g_clear_pointer (&self->parent_id, g_free);
  g_clear_pointer (&self->author_name, g_free);
  g_clear_pointer (&self->author_handle, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->post_id, g_free);

  G_OBJECT_CLASS (hd_inbox_item_parent_class)->finalize (object);
}

static void
hd_inbox_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdInboxItem *self = HD_INBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_CHANNEL_ID:
      g_value_set_string (value, self->channel_id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_REMOTE_ID:
      g_value_set_string (value, self->remote_id);
      break;

    case PROP_THREAD_ID:
      g_value_set_string (value, self->thread_id);
      break;

    case PROP_PARENT_ID:
      g_value_set_string (value, self->parent_id);
      break;

    case PROP_AUTHOR_NAME:
      g_value_set_string (value, self->author_name);
      break;

    case PROP_AUTHOR_HANDLE:
      g_value_set_string (value, self->author_handle);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_RECEIVED_AT:
      g_value_set_int64 (value, self->received_at);
      break;

    case PROP_POST_ID:
      g_value_set_string (value, self->post_id);
      break;

    case PROP_REPLY_STATE:
      g_value_set_enum (value, self->reply_state);
      break;

    case PROP_HIDDEN:
      g_value_set_boolean (value, self->hidden);
      break;

    case PROP_DELETED:
      g_value_set_boolean (value, self->deleted);
      break;

    case PROP_OUTGOING:
      g_value_set_boolean (value, self->outgoing);
      break;

    case PROP_DRAFT:
      g_value_set_string (value, self->draft);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_inbox_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HdInboxItem *self = HD_INBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      hd_inbox_item_set_id (self, g_value_get_string (value));
      break;

    case PROP_CHANNEL_ID:
      hd_inbox_item_set_channel_id (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      hd_inbox_item_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_REMOTE_ID:
      hd_inbox_item_set_remote_id (self, g_value_get_string (value));
      break;

    case PROP_THREAD_ID:
      hd_inbox_item_set_thread_id (self, g_value_get_string (value));
      break;

    case PROP_PARENT_ID:
      hd_inbox_item_set_parent_id (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR_NAME:
      hd_inbox_item_set_author_name (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR_HANDLE:
      hd_inbox_item_set_author_handle (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      hd_inbox_item_set_text (self, g_value_get_string (value));
      break;

    case PROP_RECEIVED_AT:
      hd_inbox_item_set_received_at (self, g_value_get_int64 (value));
      break;

    case PROP_POST_ID:
      hd_inbox_item_set_post_id (self, g_value_get_string (value));
      break;

    case PROP_REPLY_STATE:
      hd_inbox_item_set_reply_state (self, g_value_get_enum (value));
      break;

    case PROP_HIDDEN:
      hd_inbox_item_set_hidden (self, g_value_get_boolean (value));
      break;

    case PROP_DELETED:
      hd_inbox_item_set_deleted (self, g_value_get_boolean (value));
      break;

    case PROP_OUTGOING:
      hd_inbox_item_set_outgoing (self, g_value_get_boolean (value));
      break;

    case PROP_DRAFT:
      hd_inbox_item_set_draft (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_inbox_item_class_init (HdInboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_inbox_item_finalize;
  object_class->get_property = hd_inbox_item_get_property;
  object_class->set_property = hd_inbox_item_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
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

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       HD_TYPE_INBOX_KIND,
                       HD_INBOX_KIND_COMMENT,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_REMOTE_ID] =
    g_param_spec_string ("remote-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_THREAD_ID] =
    g_param_spec_string ("thread-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_PARENT_ID] =
    g_param_spec_string ("parent-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_AUTHOR_NAME] =
    g_param_spec_string ("author-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_AUTHOR_HANDLE] =
    g_param_spec_string ("author-handle", NULL, NULL,
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

  properties[PROP_RECEIVED_AT] =
    g_param_spec_int64 ("received-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_POST_ID] =
    g_param_spec_string ("post-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_REPLY_STATE] =
    g_param_spec_enum ("reply-state", NULL, NULL,
                       HD_TYPE_REPLY_STATE,
                       HD_REPLY_STATE_UNREAD,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_HIDDEN] =
    g_param_spec_boolean ("hidden", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_STATIC_STRINGS |
                           G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_DELETED] =
    g_param_spec_boolean ("deleted", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_STATIC_STRINGS |
                           G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_OUTGOING] =
    g_param_spec_boolean ("outgoing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_STATIC_STRINGS |
                           G_PARAM_EXPLICIT_NOTIFY));

  properties[PROP_DRAFT] =
    g_param_spec_string ("draft", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_inbox_item_init (HdInboxItem *self)
{
  self->kind = HD_INBOX_KIND_COMMENT;
  self->reply_state = HD_REPLY_STATE_UNREAD;
  self->id = g_uuid_string_random ();
}

HdInboxItem *
hd_inbox_item_new (void)
{
  return g_object_new (HD_TYPE_INBOX_ITEM, NULL);
}

const char *
hd_inbox_item_get_id (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), NULL);

  return self->id;
}

void
hd_inbox_item_set_id (HdInboxItem *self,
                      const char  *id)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
hd_inbox_item_get_channel_id (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), NULL);

  return self->channel_id;
}

void
hd_inbox_item_set_channel_id (HdInboxItem *self,
                              const char  *channel_id)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (g_strcmp0 (self->channel_id, channel_id) == 0)
    return;

  g_free (self->channel_id);
  self->channel_id = g_strdup (channel_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL_ID]);
}

HdInboxKind
hd_inbox_item_get_kind (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), 0);

  return self->kind;
}

void
hd_inbox_item_set_kind (HdInboxItem *self,
                        HdInboxKind  kind)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
hd_inbox_item_get_remote_id (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), NULL);

  return self->remote_id;
}

void
hd_inbox_item_set_remote_id (HdInboxItem *self,
                             const char  *remote_id)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (g_strcmp0 (self->remote_id, remote_id) == 0)
    return;

  g_free (self->remote_id);
  self->remote_id = g_strdup (remote_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ID]);
}

const char *
hd_inbox_item_get_thread_id (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), NULL);

  return self->thread_id;
}

void
hd_inbox_item_set_thread_id (HdInboxItem *self,
                             const char  *thread_id)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (g_strcmp0 (self->thread_id, thread_id) == 0)
    return;

  g_free (self->thread_id);
  self->thread_id = g_strdup (thread_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THREAD_ID]);
}

const char *
hd_inbox_item_get_parent_id (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), NULL);

  return self->parent_id;
}

void
hd_inbox_item_set_parent_id (HdInboxItem *self,
                             const char  *parent_id)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (g_strcmp0 (self->parent_id, parent_id) == 0)
    return;

  g_free (self->parent_id);
  self->parent_id = g_strdup (parent_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_ID]);
}

const char *
hd_inbox_item_get_author_name (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), NULL);

  return self->author_name;
}

void
hd_inbox_item_set_author_name (HdInboxItem *self,
                               const char  *author_name)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (g_strcmp0 (self->author_name, author_name) == 0)
    return;

  g_free (self->author_name);
  self->author_name = g_strdup (author_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_NAME]);
}

const char *
hd_inbox_item_get_author_handle (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), NULL);

  return self->author_handle;
}

void
hd_inbox_item_set_author_handle (HdInboxItem *self,
                                 const char  *author_handle)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (g_strcmp0 (self->author_handle, author_handle) == 0)
    return;

  g_free (self->author_handle);
  self->author_handle = g_strdup (author_handle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_HANDLE]);
}

const char *
hd_inbox_item_get_text (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), NULL);

  return self->text;
}

void
hd_inbox_item_set_text (HdInboxItem *self,
                        const char  *text)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

gint64
hd_inbox_item_get_received_at (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), 0);

  return self->received_at;
}

void
hd_inbox_item_set_received_at (HdInboxItem *self,
                               gint64       received_at)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (self->received_at == received_at)
    return;

  self->received_at = received_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED_AT]);
}

const char *
hd_inbox_item_get_post_id (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), NULL);

  return self->post_id;
}

void
hd_inbox_item_set_post_id (HdInboxItem *self,
                           const char  *post_id)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (g_strcmp0 (self->post_id, post_id) == 0)
    return;

  g_free (self->post_id);
  self->post_id = g_strdup (post_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POST_ID]);
}

HdReplyState
hd_inbox_item_get_reply_state (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), 0);

  return self->reply_state;
}

void
hd_inbox_item_set_reply_state (HdInboxItem  *self,
                               HdReplyState  reply_state)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (self->reply_state == reply_state)
    return;

  self->reply_state = reply_state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLY_STATE]);
}

gboolean
hd_inbox_item_get_hidden (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), FALSE);

  return self->hidden;
}

void
hd_inbox_item_set_hidden (HdInboxItem *self,
                          gboolean     hidden)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  hidden = !!hidden;
  if (self->hidden == hidden)
    return;

  self->hidden = hidden;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN]);
}

gboolean
hd_inbox_item_get_deleted (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), FALSE);

  return self->deleted;
}

void
hd_inbox_item_set_deleted (HdInboxItem *self,
                           gboolean     deleted)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  deleted = !!deleted;
  if (self->deleted == deleted)
    return;

  self->deleted = deleted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELETED]);
}

gboolean
hd_inbox_item_get_outgoing (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), FALSE);

  return self->outgoing;
}

void
hd_inbox_item_set_outgoing (HdInboxItem *self,
                            gboolean     outgoing)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  outgoing = !!outgoing;
  if (self->outgoing == outgoing)
    return;

  self->outgoing = outgoing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTGOING]);
}

const char *
hd_inbox_item_get_draft (HdInboxItem *self)
{
  g_return_val_if_fail (HD_IS_INBOX_ITEM (self), NULL);

  return self->draft;
}

void
hd_inbox_item_set_draft (HdInboxItem *self,
                         const char  *draft)
{
  g_return_if_fail (HD_IS_INBOX_ITEM (self));

  if (g_strcmp0 (self->draft, draft) == 0)
    return;

  g_free (self->draft);
  self->draft = g_strdup (draft);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}
