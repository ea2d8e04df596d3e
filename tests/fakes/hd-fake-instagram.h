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

  /* JsonNode objects {id, media_id, parent_id, text, username, created, hidden}: comments
   * on media and replies to them, oldest first (FBCG IGComment.json) */
  GPtrArray      *comments;
  guint           next_comment;
  /* Comments per page of GET /{ig-media-id}/comments when the request names no limit. */
  guint           comment_page_size;
  /* IGUser followers_count */
  gint64          followers_count;
  /* field names Graph refuses with "(#100) Tried accessing nonexisting field" */
  GHashTable     *retired_fields;
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

/* A medium the account published at @created, as if through media_publish. Returns its id,
 * owned by the fake. */
const char      *hd_fake_instagram_add_media      (HdFakeInstagram *self,
                                                   const char      *caption,
                                                   gint64           created);
/* A comment by @username on the published medium @media_id, made at @created (Unix
 * seconds). Returns its id, owned by the fake. */
const char      *hd_fake_instagram_add_comment    (HdFakeInstagram *self,
                                                   const char      *media_id,
                                                   const char      *username,
                                                   const char      *text,
                                                   gint64           created);
JsonObject      *hd_fake_instagram_find_comment   (HdFakeInstagram *self,
                                                   const char      *id);
/* As when its author deletes it: gone from every listing. */
void             hd_fake_instagram_delete_comment (HdFakeInstagram *self,
                                                   const char      *id);
/* like_count and comments_count of a published medium; a negative like count is one the
 * owner hides, which Graph then leaves out of its answer. */
void             hd_fake_instagram_set_counts     (HdFakeInstagram *self,
                                                   const char      *media_id,
                                                   gint64           like_count,
                                                   gint64           comments_count);
void             hd_fake_instagram_retire_field   (HdFakeInstagram *self,
                                                   const char      *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFakeInstagram, hd_fake_instagram_free)

G_END_DECLS
