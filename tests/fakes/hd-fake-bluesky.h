/* hd-fake-bluesky.h: a PDS in the test process, speaking the XRPC wire format of
 * reference/channel-apis.md §2: sessions with app passwords and expiring JWTs, handles,
 * blobs and post records with client-chosen keys, and the PDS's error bodies.
 *
 * It also answers app.bsky.notification.listNotifications and app.bsky.feed.getPosts, which
 * a PDS such as bsky.social does not answer itself but proxies to its AppView (the Bluesky
 * index that sees every repository and counts replies, reposts, likes and quotes). The
 * reference PDS of the interop tests runs without an AppView and answers neither, so these
 * two are modelled here only: the notifications other accounts' records raise, newest first
 * with an opaque cursor, and each post's counts as a test sets them. Records of other
 * accounts are kept too, for com.atproto.repo.getRecord, which a PDS likewise forwards for a
 * repository it does not host.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-fake-server.h"

G_BEGIN_DECLS

#define HD_FAKE_BLUESKY_DID "did:plc:bakery7xk2mq4z"
#define HD_FAKE_BLUESKY_HANDLE "bakery.test"
#define HD_FAKE_BLUESKY_APP_PASSWORD "abcd-efgh-ijkl-mnop"

typedef struct
{
  HdFakeServer *server;

  /* Unix seconds the server believes it is; 0 for the real time. */
  gint64        now;
  gint64        access_lifetime;
  gint64        refresh_lifetime;

  char         *app_password;
  /* handle → DID for resolveHandle */
  GHashTable   *handles;
  /* tokens the server would still accept, with their expiry */
  GHashTable   *access_tokens;
  GHashTable   *refresh_tokens;
  guint         sessions_created;
  guint         sessions_refreshed;
  /* rkey → the stored record (uri, cid, value) */
  GHashTable   *records;
  /* cid → size */
  GHashTable   *blobs;
  /* at:// URI → the stored record of another account */
  GHashTable   *others;
  /* at:// URI → JsonObject with replyCount, repostCount, likeCount, quoteCount */
  GHashTable   *counts;
  /* JsonNode notification views, oldest first */
  GPtrArray    *notifications;
  guint         serial;
  /* followersCount of this account's profile, as the AppView counts it */
  gint64        followers_count;
  /* TRUE plays a PDS set up without PDS_BSKY_APP_VIEW_URL: app.bsky reads are refused */
  gboolean      no_app_view;
} HdFakeBluesky;

HdFakeBluesky *hd_fake_bluesky_new          (void);
void           hd_fake_bluesky_free         (HdFakeBluesky *self);
const char    *hd_fake_bluesky_get_url      (HdFakeBluesky *self);
gint64         hd_fake_bluesky_now          (HdFakeBluesky *self);
JsonObject    *hd_fake_bluesky_get_record   (HdFakeBluesky *self,
                                             const char    *rkey);
/* What another client's com.atproto.repo.putRecord over the post at @rkey leaves behind: the
 * same URI, @text in its record, and a new CID. */
void           hd_fake_bluesky_edit_record  (HdFakeBluesky *self,
                                             const char    *rkey,
                                             const char    *text);
/* What another client's com.atproto.repo.deleteRecord leaves: no record at @rkey. */
void           hd_fake_bluesky_remove_record (HdFakeBluesky *self,
                                              const char    *rkey);
/* A post by another account (@did, @handle) answering the post at @parent_uri, with the
 * reply's root and parent strong refs the lexicon asks for, and the notification "reply" it
 * raises, indexed at @at. Returns the new post's at:// URI. */
const char    *hd_fake_bluesky_add_reply    (HdFakeBluesky *self,
                                             const char    *did,
                                             const char    *handle,
                                             const char    *display_name,
                                             const char    *text,
                                             const char    *parent_uri,
                                             gint64         at);
/* A post by another account mentioning this one, with its mention facet, and the
 * notification "mention" it raises. Returns its at:// URI. */
const char    *hd_fake_bluesky_add_mention  (HdFakeBluesky *self,
                                             const char    *did,
                                             const char    *handle,
                                             const char    *display_name,
                                             const char    *text,
                                             gint64         at);
/* A notification Herald does not show in the inbox, such as "like" or "follow". */
void           hd_fake_bluesky_add_notification (HdFakeBluesky *self,
                                                 const char    *reason,
                                                 const char    *did,
                                                 const char    *handle,
                                                 const char    *subject_uri,
                                                 gint64         at);
/* What the AppView counts for the post at @uri. */
void           hd_fake_bluesky_set_counts   (HdFakeBluesky *self,
                                             const char    *uri,
                                             gint64         replies,
                                             gint64         reposts,
                                             gint64         likes,
                                             gint64         quotes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFakeBluesky, hd_fake_bluesky_free)

G_END_DECLS
