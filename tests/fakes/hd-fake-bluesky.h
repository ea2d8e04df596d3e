/* hd-fake-bluesky.h: a PDS in the test process, speaking the XRPC wire format of
 * reference/channel-apis.md §2: sessions with app passwords and expiring JWTs, handles,
 * blobs and post records with client-chosen keys, and the PDS's error bodies
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
  guint         serial;
} HdFakeBluesky;

HdFakeBluesky *hd_fake_bluesky_new          (void);
void           hd_fake_bluesky_free         (HdFakeBluesky *self);
const char    *hd_fake_bluesky_get_url      (HdFakeBluesky *self);
gint64         hd_fake_bluesky_now          (HdFakeBluesky *self);
JsonObject    *hd_fake_bluesky_get_record   (HdFakeBluesky *self,
                                             const char    *rkey);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFakeBluesky, hd_fake_bluesky_free)

G_END_DECLS
