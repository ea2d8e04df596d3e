/* hd-fake-instagram.h: the Instagram content publishing API on top of the Graph fake, in
 * the wire format of reference/channel-apis.md §4: the account linked to a Page, media
 * containers (single image and carousel) with their status, which expires a day after the
 * container was made, media_publish and the publishing quota. Pictures must come from
 * addresses of the Page's unpublished photos.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-fake-facebook.h"

G_BEGIN_DECLS

typedef struct
{
  HdFakeFacebook *facebook;
  char           *ig_user_id;
  char           *username;

  /* How many status checks of a new container answer IN_PROGRESS before FINISHED. */
  guint           container_polls;
  /* The status a container ends in: FINISHED by default, or ERROR. */
  const char     *container_outcome;
  gint64          quota_usage;
  gint64          quota_total;

  /* JsonNode objects */
  GPtrArray      *containers;
  GPtrArray      *media;
  guint           publishes;
} HdFakeInstagram;

HdFakeInstagram *hd_fake_instagram_new       (void);
void             hd_fake_instagram_free      (HdFakeInstagram *self);
JsonObject      *hd_fake_instagram_container (HdFakeInstagram *self,
                                              const char      *id);
/* Makes the container answer @status (FINISHED, IN_PROGRESS, ERROR, EXPIRED or PUBLISHED)
 * from now on, as if Instagram had moved it there; IN_PROGRESS again lasts container_polls
 * checks before the outcome. Left alone, a container that is not published answers EXPIRED
 * once the fake's clock is 24 hours past its making. */
void             hd_fake_instagram_set_container_status (HdFakeInstagram *self,
                                                         const char      *id,
                                                         const char      *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFakeInstagram, hd_fake_instagram_free)

G_END_DECLS
