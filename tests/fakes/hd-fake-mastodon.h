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

  char         *account_id;
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
