/* hd-fake-mastodon.h: a Mastodon instance in the test process, speaking the wire format of
 * reference/channel-apis.md §1: OAuth app registration and tokens, statuses with
 * Idempotency-Key, scheduled statuses, media processing, notifications paged by their Link
 * header, and Mastodon's error bodies
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

  /* Unix seconds the instance believes it is; 0 for the real time. */
  gint64        now;
  /* Advertise PKCE S256 in /.well-known/oauth-authorization-server (4.3+); FALSE answers
   * 404 there, as older instances do. */
  gboolean      advertise_s256;
  guint         max_characters;
  /* How many polls of GET /api/v1/media/:id answer 206 before 200; 0 answers 200 at once. */
  guint         media_polls;
  /* Answer a known Idempotency-Key with a new status, as Mastodon does once it has
   * forgotten the key (after an hour). */
  gboolean      forget_idempotency;
  /* Enforce a limit of @rate_limit API requests per fixed window of @rate_window seconds
   * (Mastodon's is 300 per 5 minutes), counting from the first request, with the
   * X-RateLimit-* headers of each answer telling the truth and a 429 with Retry-After past
   * the limit. 0 sends the headers of a limit far away and enforces nothing. */
  guint         rate_limit;
  guint         rate_window;
  gint64        rate_window_start;
  guint         rate_used;
  /* 429 answers sent because of rate_limit */
  guint         n_rate_limited;
  /* Called when a status (or scheduled status) has been made, before its answer leaves:
   * the moment a client that dies loses the answer. */
  void        (*status_created) (gpointer    user_data,
                                 const char *text);
  gpointer      status_created_data;

  char         *account_id;
  /* followers_count of the account, as verify_credentials tells it */
  gint64        followers_count;
  char         *access_token;
  char         *client_id;
  char         *client_secret;
  char         *registered_redirect;
  char         *code;
  char         *code_challenge;
  char         *code_redirect;
  GHashTable   *authorize_query;
  guint         apps_registered;

  /* JsonNode objects, oldest first */
  GPtrArray    *statuses;
  GPtrArray    *scheduled;
  GHashTable   *idempotency;
  /* status text -> how many statuses (or scheduled statuses) were made with it */
  GHashTable   *created_texts;
  /* Idempotency-Key -> how many statuses were made with it */
  GHashTable   *created_keys;
  GHashTable   *media;
  /* JsonNode Notification objects, oldest first */
  GPtrArray    *notifications;
  guint         next_id;
} HdFakeMastodon;

HdFakeMastodon *hd_fake_mastodon_new             (void);
void            hd_fake_mastodon_free            (HdFakeMastodon *self);
const char     *hd_fake_mastodon_get_url         (HdFakeMastodon *self);
gint64          hd_fake_mastodon_now             (HdFakeMastodon *self);
void            hd_fake_mastodon_add_scheduled   (HdFakeMastodon *self,
                                                  gint64          scheduled_at,
                                                  const char     *text);
JsonObject     *hd_fake_mastodon_find_status     (HdFakeMastodon *self,
                                                  const char     *id);
/* How many statuses were made with @text, or with the Idempotency-Key @key: a post the
 * client meant once and finds here twice was published twice. */
guint           hd_fake_mastodon_count_created   (HdFakeMastodon *self,
                                                  const char     *text);
guint           hd_fake_mastodon_count_keyed     (HdFakeMastodon *self,
                                                  const char     *key);
/* The access token stops working, as when it expires or is revoked, and the instance issues
 * another one; returns the new token, which the user gets by reconnecting. */
const char     *hd_fake_mastodon_renew_token     (HdFakeMastodon *self);
/* Someone else's status, posted at @at, and the notification of @type ("mention" for a
 * mention or a reply, "favourite", "follow"…) it raises. @text is plain; @acct is
 * "user@domain" or a local "user"; an @-mention in @text becomes Mastodon's h-card link.
 * @in_reply_to is the id of the status it answers, or NULL. Returns the status's id. */
const char     *hd_fake_mastodon_add_notification (HdFakeMastodon *self,
                                                   const char     *type,
                                                   const char     *acct,
                                                   const char     *display_name,
                                                   const char     *text,
                                                   const char     *in_reply_to,
                                                   gint64          at);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFakeMastodon, hd_fake_mastodon_free)

G_END_DECLS

G_BEGIN_DECLS

/* What the account's owner does on the instance itself: @text is plain. */
void            hd_fake_mastodon_edit_status       (HdFakeMastodon *self,
                                                    const char     *id,
                                                    const char     *text);
/* Deletes a status, or a scheduled status, by its id. */
void            hd_fake_mastodon_remove_status     (HdFakeMastodon *self,
                                                    const char     *id);
/* The instance publishes the scheduled status @scheduled_id now, as it does at its time; the
 * status gets an id of its own, which is returned. */
const char     *hd_fake_mastodon_publish_scheduled (HdFakeMastodon *self,
                                                    const char     *scheduled_id);

G_END_DECLS
