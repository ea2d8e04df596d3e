/* hd-store-inbox.h: comments, replies, mentions and messages that came back
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-inbox-item.h"
#include "hd-snippet.h"

G_BEGIN_DECLS

gboolean     hd_store_save_inbox_item      (HdStore      *self,
                                            HdInboxItem  *item,
                                            GError      **error);
HdInboxItem *hd_store_load_inbox_item      (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
gboolean     hd_store_delete_inbox_item    (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* HdInboxItem items, newest first. */
GListModel  *hd_store_list_inbox           (HdStore      *self,
                                            GError      **error);
gboolean     hd_store_count_unread_inbox   (HdStore      *self,
                                            guint        *n_unread,
                                            GError      **error);

/* What the inbox knows of an item beyond HdInboxItem: the user's own marks, and the state of
 * an answer written in Herald. */
typedef struct
{
  /* hidden by the user (on the platform too where it offers hiding) */
  gboolean       hidden;
  /* its author deleted it on the platform; kept so the thread still reads */
  gboolean       deleted;
  /* written in Herald: an answer that goes out through the outbox */
  gboolean       outgoing;
  /* for an outgoing answer: the state of its outbox row (pending until it is out, done after;
   * failed with @last_error when the platform refused it) */
  HdOutboxState  send_state;
  char          *last_error;
  /* the answer being written to this item, NULL when none */
  char          *draft;
  /* for an outgoing answer: the local id of the item it answers, and when it last left for
   * the platform (Unix seconds, 0 before the first attempt) */
  char          *reply_to;
  gint64         sent_at;
} HdInboxStatus;

void         hd_inbox_status_clear         (HdInboxStatus *status);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HdInboxStatus, hd_inbox_status_clear)

gboolean     hd_store_get_inbox_status     (HdStore        *self,
                                            const char     *id,
                                            HdInboxStatus  *status,
                                            GError        **error);

/* Which items a list shows. Zero-filled, it shows every item that came in, newest first;
 * answers written in Herald show in their thread only. */
typedef struct
{
  /* only those still waiting for an answer: unread or read, not hidden, not deleted */
  gboolean    unanswered_only;
  /* only those of one channel, or about one of Herald's posts; NULL for any */
  const char *channel_id;
  const char *post_id;
} HdInboxFilter;

/* HdInboxItem items that pass @filter, newest first. Follows the store. */
GListModel  *hd_store_list_inbox_filtered  (HdStore              *self,
                                            const HdInboxFilter  *filter,
                                            GError              **error);
/* The items still waiting for an answer (see HdInboxFilter), for the sidebar; @channel_id
 * NULL counts every channel. */
gboolean     hd_store_count_unanswered_inbox (HdStore    *self,
                                              const char *channel_id,
                                              guint      *n_unanswered,
                                              GError    **error);
/* The conversation @id is part of, oldest first: the items of its channel sharing its thread
 * (the thread is Herald's original post where the platform says so, and
 * hd_inbox_item_get_post_id names that post), with the answers written in Herald, pending
 * ones included. An item without a thread comes with its own answers. Follows the store. */
GListModel  *hd_store_list_inbox_thread    (HdStore      *self,
                                            const char   *id,
                                            GError      **error);

/* The user's marks. Done keeps what the item was, so that undoing it goes back there. */
gboolean     hd_store_set_inbox_item_done  (HdStore      *self,
                                            const char   *id,
                                            gboolean      done,
                                            GError      **error);
/* Unread becomes read; anything else stays. */
gboolean     hd_store_mark_inbox_item_read (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* Hides or shows the item in Herald. With @on_platform (where hd_provider_can_hide says the
 * platform offers it) the same goes to the platform through the outbox, in the same
 * transaction. */
gboolean     hd_store_set_inbox_item_hidden (HdStore     *self,
                                             const char  *id,
                                             gboolean     hidden,
                                             gboolean     on_platform,
                                             GError     **error);
/* Keeps the answer being written to @id; NULL or "" forgets it. */
gboolean     hd_store_set_inbox_draft      (HdStore      *self,
                                            const char   *id,
                                            const char   *draft,
                                            GError      **error);

/* An answer to @parent_id written now (offline or not): a local item of kind reply on the
 * same channel and thread, and its outbox row ("inbox-item", "reply"), in one transaction;
 * the parent's draft is cleared. An empty @text, or an item Herald wrote itself, is refused
 * with HD_STORE_ERROR_INVALID. Returns the new item's id. */
char        *hd_store_queue_inbox_reply    (HdStore      *self,
                                            const char   *parent_id,
                                            const char   *text,
                                            GError      **error);
/* Withdraws an answer not yet out (pending, or failed: the Changes view does not list
 * answers, so the thread offers this and hd_store_retry_change): the answer and its outbox
 * row go, in one transaction. One already on the platform is refused with
 * HD_STORE_ERROR_INVALID. */
gboolean     hd_store_discard_inbox_reply  (HdStore      *self,
                                            const char   *reply_id,
                                            GError      **error);
/* What a sender of answers deals with at @now on connected channels, as HdChange (see
 * hd-store-outbox.h): unconfirmed rows first, then pending ones whose next attempt has come;
 * answers and hide rows both, by channel and in the order they were written. */
GPtrArray   *hd_store_list_inbox_changes_to_send (HdStore  *self,
                                                  gint64    now,
                                                  GError  **error);
/* Marks the outbox row @change_id in flight (hd_store_begin_sending_change) and notes on its
 * answer that it leaves now, in one transaction, committed before the request leaves. */
gboolean     hd_store_begin_sending_inbox_change (HdStore    *self,
                                                  const char *change_id,
                                                  gint64      now,
                                                  GError    **error);
/* The platform holds the answer of @change_id as @remote_id (NULL when it gave none): the row
 * is done, the answer keeps the remote id, and the item it answers is replied (unless the user
 * marked it done), in one transaction. A hide row is simply done. */
gboolean     hd_store_complete_inbox_reply (HdStore      *self,
                                            const char   *change_id,
                                            const char   *remote_id,
                                            GError      **error);

/* Where the next look at @channel_id's inbox starts: @since (Unix seconds, 0 before the
 * first look) and the platform's @cursor (NULL when it has none); @notice, when not NULL,
 * gets the sentence of a channel that offers no inbox. */
gboolean     hd_store_get_inbox_cursor     (HdStore      *self,
                                            const char   *channel_id,
                                            gint64       *since,
                                            char        **cursor,
                                            char        **notice,
                                            GError      **error);
/* One look at @channel_id's inbox, in one transaction: @items (HdInboxItem) are added, or
 * update the item Herald has under the same remote id without touching the user's marks,
 * drafts or answers; the items named in @deleted (remote ids) are marked deleted; then the
 * cursor moves on: since to the newest item seen, @cursor when not NULL, and the @notice is
 * kept (or cleared, when NULL). Nothing of it is kept when any of it fails, so the next look
 * starts from the same place. @n_new gets the number of items not seen before. */
gboolean     hd_store_record_inbox_pull    (HdStore      *self,
                                            const char   *channel_id,
                                            GPtrArray    *items,
                                            GPtrArray    *deleted,
                                            const char   *cursor,
                                            const char   *notice,
                                            gint64        now,
                                            guint        *n_new,
                                            GError      **error);

/* Saved replies: answers to common questions, as HdSnippet items whose kind means nothing
 * here. A reply with an empty name or text is refused with HD_STORE_ERROR_INVALID. */
gboolean     hd_store_save_saved_reply     (HdStore      *self,
                                            HdSnippet    *reply,
                                            GError      **error);
gboolean     hd_store_delete_saved_reply   (HdStore      *self,
                                            const char   *id,
                                            GError      **error);
/* By position, then name. Follows the store. */
GListModel  *hd_store_list_saved_replies   (HdStore      *self,
                                            GError      **error);

G_END_DECLS
