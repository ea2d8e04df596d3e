/* hd-types.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _HdStore      HdStore;
typedef struct _HdPost       HdPost;
typedef struct _HdVariant    HdVariant;
typedef struct _HdMedia      HdMedia;
typedef struct _HdLabel      HdLabel;
typedef struct _HdChannel    HdChannel;
typedef struct _HdCampaign   HdCampaign;
typedef struct _HdAdSet      HdAdSet;
typedef struct _HdAd         HdAd;
typedef struct _HdAudience   HdAudience;
typedef struct _HdInboxItem  HdInboxItem;
typedef struct _HdMetric     HdMetric;
typedef struct _HdSnippet    HdSnippet;

/* The enum nicks are what the database stores, so they never change once shipped. */

typedef enum
{
  HD_POST_STATE_IDEA,
  HD_POST_STATE_DRAFT,
  HD_POST_STATE_SCHEDULED,
  HD_POST_STATE_PUBLISHING,
  HD_POST_STATE_PUBLISHED,
  HD_POST_STATE_FAILED,
  HD_POST_STATE_NEEDS_ATTENTION,
} HdPostState;

typedef enum
{
  HD_CHANNEL_KIND_MASTODON,
  HD_CHANNEL_KIND_BLUESKY,
  HD_CHANNEL_KIND_FACEBOOK_PAGE,
  HD_CHANNEL_KIND_INSTAGRAM,
  HD_CHANNEL_KIND_LINKEDIN,
  HD_CHANNEL_KIND_X,
} HdChannelKind;

typedef enum
{
  HD_CHANNEL_STATE_CONNECTED,
  HD_CHANNEL_STATE_NEEDS_RECONNECT,
  HD_CHANNEL_STATE_DISCONNECTED,
} HdChannelState;

typedef enum
{
  HD_AD_STATUS_PAUSED,
  HD_AD_STATUS_ACTIVE,
  HD_AD_STATUS_ARCHIVED,
} HdAdStatus;

typedef enum
{
  HD_BUDGET_KIND_DAILY,
  HD_BUDGET_KIND_LIFETIME,
} HdBudgetKind;

typedef enum
{
  HD_INBOX_KIND_COMMENT,
  HD_INBOX_KIND_REPLY,
  HD_INBOX_KIND_MENTION,
  HD_INBOX_KIND_MESSAGE,
} HdInboxKind;

typedef enum
{
  HD_REPLY_STATE_UNREAD,
  HD_REPLY_STATE_READ,
  HD_REPLY_STATE_REPLIED,
  HD_REPLY_STATE_DONE,
} HdReplyState;

typedef enum
{
  HD_OUTBOX_STATE_PENDING,
  HD_OUTBOX_STATE_IN_FLIGHT,
  HD_OUTBOX_STATE_DONE,
  HD_OUTBOX_STATE_FAILED,
  HD_OUTBOX_STATE_UNCONFIRMED,
  /* its time passed while Herald was not running: waits for the user to send it late or
   * pick a new time */
  HD_OUTBOX_STATE_MISSED,
} HdOutboxState;

typedef enum
{
  HD_METRIC_SUBJECT_POST,
  HD_METRIC_SUBJECT_CHANNEL,
  HD_METRIC_SUBJECT_CAMPAIGN,
  HD_METRIC_SUBJECT_AD_SET,
  HD_METRIC_SUBJECT_AD,
} HdMetricSubject;

typedef enum
{
  HD_SNIPPET_KIND_HASHTAGS,
  HD_SNIPPET_KIND_SIGNATURE,
} HdSnippetKind;

/* Enum <-> database text, using the GEnum nicks. */
const char *hd_enum_to_nick   (GType        enum_type,
                               int          value);
gboolean    hd_enum_from_nick (GType        enum_type,
                               const char  *nick,
                               int         *value);

const char *hd_post_state_to_label   (HdPostState   state);
const char *hd_channel_kind_to_label (HdChannelKind kind);
const char *hd_channel_kind_icon_name (HdChannelKind kind);

G_END_DECLS
