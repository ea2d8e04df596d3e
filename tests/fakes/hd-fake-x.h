/* hd-fake-x.h: the X API v2 in the test process, speaking the wire format of
 * reference/channel-apis.md §6: OAuth 2.0 with PKCE for a public client and exact callback
 * URLs, rotating refresh tokens, /2/users/me, /2/tweets, the chunked media upload, the
 * x-rate-limit-* headers and X's error bodies
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-fake-server.h"

G_BEGIN_DECLS

typedef struct
{
  HdFakeServer *server;

  /* Unix seconds X believes it is; 0 for the real time. */
  gint64        now;

  char         *client_id;
  /* Callback URLs registered with the app, matched exactly. */
  GPtrArray    *callbacks;

  char         *user_id;
  char         *access_token;
  gint64        access_expires_at;
  char         *refresh_token;
  guint         refreshes;

  char         *code;
  char         *code_challenge;
  char         *code_redirect;
  GHashTable   *authorize_query;

  /* POST /2/tweets: the window of x-rate-limit-* */
  guint         tweet_limit;
  guint         tweet_remaining;
  gint64        tweet_reset;

  /* How many STATUS polls answer in_progress before succeeded. */
  guint         processing_polls;

  /* JsonNode objects {id, text, created_at, media_ids?}, oldest first */
  GPtrArray    *tweets;
  /* media id → Media */
  GHashTable   *media;
  guint         next_id;

  /* JsonNode objects {id, text, author_id, created_at, conversation_id, referenced_tweets?}:
   * posts of others mentioning the account, oldest first */
  GPtrArray    *mentions;
  /* JsonNode objects {id, name, username}: their authors */
  GPtrArray    *users;
  /* public_metrics.followers_count of /2/users/me */
  gint64        followers_count;
} HdFakeX;

HdFakeX    *hd_fake_x_new        (void);
void        hd_fake_x_free       (HdFakeX    *self);
const char *hd_fake_x_get_url    (HdFakeX    *self);
gint64      hd_fake_x_now        (HdFakeX    *self);
JsonObject *hd_fake_x_find_tweet (HdFakeX    *self,
                                  const char *id);
gsize       hd_fake_x_media_size (HdFakeX    *self,
                                  const char *id);

/* A post by @username mentioning the account, answering @in_reply_to when not NULL, made at
 * @created. Returns its id, owned by the fake; ids grow with time as X's do. */
const char *hd_fake_x_add_mention       (HdFakeX    *self,
                                         const char *username,
                                         const char *name,
                                         const char *text,
                                         const char *in_reply_to,
                                         gint64      created);
/* The counts of one of the account's posts: public_metrics, and non_public_metrics'
 * impression_count, which X gives for the last 30 days only. */
void        hd_fake_x_set_metrics       (HdFakeX    *self,
                                         const char *tweet_id,
                                         gint64      likes,
                                         gint64      retweets,
                                         gint64      replies,
                                         gint64      impressions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFakeX, hd_fake_x_free)

G_END_DECLS
