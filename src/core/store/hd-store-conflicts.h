/* hd-store-conflicts.h: what the platforms hold of the posts Herald sent, and the user's
 * answer when they hold something else
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

/* What the platform did to a post Herald sent. */
typedef enum
{
  HD_CONFLICT_NONE,
  /* the text was changed on the platform */
  HD_CONFLICT_EDITED,
  /* the post is gone from the platform */
  HD_CONFLICT_DELETED,
} HdConflictKind;

/* One variant that went out on its channel, as a pull or a conflict sees it. Instants are
 * Unix seconds, 0 when not set. */
typedef struct
{
  char           *variant_id;
  char           *post_id;
  char           *channel_id;
  HdChannelKind   channel_kind;
  /* the channel as the user knows it: its display name, else its handle */
  char           *channel_name;
  char           *remote_id;
  char           *remote_url;
  /* Herald's text for the channel: the variant's own text, else the post's */
  char           *text;
  /* the platform's text of an edited post; NULL otherwise */
  char           *remote_text;
  HdConflictKind  conflict;
  gint64          scheduled_at;
  gint64          published_at;
  gint64          pulled_at;
  /* remote_id names a post the platform held to publish at scheduled_at by itself (a
   * Mastodon scheduled status), which gets an id of its own once it is out */
  gboolean        handed_over;
} HdRemoteVariant;

#define HD_TYPE_REMOTE_VARIANT (hd_remote_variant_get_type ())

GType            hd_remote_variant_get_type (void) G_GNUC_CONST;
HdRemoteVariant *hd_remote_variant_copy     (const HdRemoteVariant *variant);
void             hd_remote_variant_free     (HdRemoteVariant       *variant);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdRemoteVariant, hd_remote_variant_free)

/* Variants of @channel_id to read back at @now: out on the platform (published, or handed
 * over to it) at or after @since, not in conflict already and not removed from the channel;
 * those read back longest ago first, at most @limit. */
GPtrArray   *hd_store_list_variants_to_pull (HdStore          *self,
                                             const char       *channel_id,
                                             gint64            since,
                                             guint             limit,
                                             GError          **error);
/* The same, read on a worker thread: a channel's whole window is weighed to choose them. */
void         hd_store_list_variants_to_pull_async  (HdStore             *self,
                                                    const char          *channel_id,
                                                    gint64               since,
                                                    guint                limit,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Returns: (transfer full) (element-type HdRemoteVariant): the variants, or %NULL with @error */
GPtrArray   *hd_store_list_variants_to_pull_finish (HdStore             *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* The platform holds what Herald sent. */
gboolean     hd_store_note_pulled           (HdStore          *self,
                                             const char       *variant_id,
                                             gint64            now,
                                             GError          **error);
/* The platform holds something else: @kind, with the platform's text when edited. The
 * variant's own text is never touched. */
gboolean     hd_store_note_conflict         (HdStore          *self,
                                             const char       *variant_id,
                                             HdConflictKind    kind,
                                             const char       *remote_text,
                                             gint64            now,
                                             GError          **error);
/* A post the platform held for later is out as @remote_id: the variant takes the id and the
 * URL and is published, its handed-over row forgets the id it had while held, and the post
 * is published once none of its variants waits any more. One transaction. */
gboolean     hd_store_note_published_remote (HdStore          *self,
                                             const char       *variant_id,
                                             const char       *remote_id,
                                             const char       *remote_url,
                                             gint64            now,
                                             GError          **error);

/* Every variant in conflict, newest post first. */
GPtrArray   *hd_store_list_conflicts        (HdStore          *self,
                                             GError          **error);
gboolean     hd_store_count_conflicts       (HdStore          *self,
                                             guint            *n_conflicts,
                                             GError          **error);
HdRemoteVariant *hd_store_load_remote_variant (HdStore        *self,
                                               const char     *variant_id,
                                               GError        **error);

/* "Take theirs": an edited variant's text becomes the platform's; a deleted one is removed
 * from its channel (the post stays, and no longer counts as published there). Nothing is
 * sent. HD_STORE_ERROR_INVALID when the variant is not in conflict. */
gboolean     hd_store_take_theirs           (HdStore          *self,
                                             const char       *variant_id,
                                             GError          **error);
/* "Keep mine": a deleted variant goes out again, once (a publish row). An edited one gets
 * Herald's text back: with @edit_in_place (hd_provider_kind_can_edit) as an edit of the post
 * where it is (an update row); otherwise as a delete of theirs and a publish of Herald's,
 * queued together in one transaction, the delete first, so there is never a second live
 * copy. HD_STORE_ERROR_INVALID when the variant is not in conflict. */
gboolean     hd_store_keep_mine             (HdStore          *self,
                                             const char       *variant_id,
                                             gboolean          edit_in_place,
                                             GError          **error);

G_END_DECLS
