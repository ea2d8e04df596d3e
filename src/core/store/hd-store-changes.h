/* hd-store-changes.h: the outbox as the Changes view and `herald changes` show it
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

/* What a change does to the channel, in the words of an ads editor. */
typedef enum
{
  /* a post that is not on the platform yet */
  HD_CHANGE_KIND_ADDED,
  /* an edit of a post the platform already holds */
  HD_CHANGE_KIND_CHANGED,
  /* a post taken off the platform */
  HD_CHANGE_KIND_REMOVED,
} HdChangeKind;

/* Outbox states by the name the database stores. Kept as text so that a state a newer build
 * writes is still listed. */
#define HD_CHANGE_STATE_PENDING     "pending"
#define HD_CHANGE_STATE_IN_FLIGHT   "in-flight"
#define HD_CHANGE_STATE_FAILED      "failed"
#define HD_CHANGE_STATE_UNCONFIRMED "unconfirmed"
#define HD_CHANGE_STATE_MISSED      "missed"

/* One change waiting to go, with what a person needs to recognise it. */
typedef struct
{
  char           *change_id;
  char           *post_id;
  char           *operation;
  HdChangeKind    kind;
  char           *state;
  /* why it failed or waits; NULL when nothing went wrong */
  char           *reason;
  gint64          next_attempt_at;

  char           *channel_id;
  HdChannelKind   channel_kind;
  HdChannelState  channel_state;
  /* the display name, else the handle */
  char           *channel_name;
  char           *channel_handle;

  /* the first words of the text that goes to the channel, one line */
  char           *excerpt;
  /* when it is meant to go: the post's instant, else when the change was made */
  gint64          instant;
  char           *time_zone;

  /* what the row is about: HD_OUTBOX_SUBJECT_POST, or _CAMPAIGN, _AD_SET or _AD for a paid
   * campaign's objects, whose post_id is NULL and whose excerpt names the object
   * ("Campaign “Spring sale”") */
  char           *subject_kind;
  char           *subject_id;
} HdChangeSummary;

#define HD_TYPE_CHANGE_SUMMARY (hd_change_summary_get_type ())

GType            hd_change_summary_get_type  (void) G_GNUC_CONST;
HdChangeSummary *hd_change_summary_copy      (const HdChangeSummary *summary);
void             hd_change_summary_free      (HdChangeSummary       *summary);
/* "added", "changed" or "removed", translated. */
const char      *hd_change_kind_to_label     (HdChangeKind           kind);
/* A short translated word for @state ("waiting", "failed", "sending"…). */
const char      *hd_change_state_to_label    (const char            *state);
/* TRUE for the states a person may discard: pending, failed and missed. */
gboolean         hd_change_state_can_discard (const char            *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdChangeSummary, hd_change_summary_free)

/* The changes not yet done, of posts and of campaigns, ad sets and ads, as HdChangeSummary,
 * grouped by channel (channels by name), then by instant within a channel. */
GPtrArray       *hd_store_describe_changes   (HdStore               *self,
                                              GError               **error);
HdChangeSummary *hd_store_describe_change    (HdStore               *self,
                                              const char            *change_id,
                                              GError               **error);

/* What hd_store_discard_change took away, to put it back. */
typedef struct _HdDiscardedChange HdDiscardedChange;

void             hd_discarded_change_free    (HdDiscardedChange     *discarded);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdDiscardedChange, hd_discarded_change_free)

/* Takes a change out of the outbox, in one transaction. A publish row goes and its channel's
 * variant is held back as a draft; once no channel of the post is waiting or out, the post
 * itself is a draft again. Its text stays. A delete row goes and the post stays on the
 * platform. Only pending, failed and missed changes can be discarded (a change being sent
 * is HD_STORE_ERROR_INVALID). @discarded, when not NULL, receives what hd_store_undo_discard
 * needs. */
gboolean         hd_store_discard_change     (HdStore               *self,
                                              const char            *change_id,
                                              HdDiscardedChange    **discarded,
                                              GError               **error);
/* Puts a discarded change back as it was, with the same key, so the platform still knows a
 * retry of it. */
gboolean         hd_store_undo_discard       (HdStore               *self,
                                              HdDiscardedChange     *discarded,
                                              GError               **error);

G_END_DECLS
