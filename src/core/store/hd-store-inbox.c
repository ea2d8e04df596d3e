/* hd-store-inbox.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-inbox-item.h"
#include "hd-store-channels.h"
#include "hd-store-inbox.h"
#include "hd-store-outbox.h"
#include "hd-store-private.h"

#define INBOX_ITEM_COLUMNS \
  "id, channel_id, kind, remote_id, thread_id, parent_id, author_name, author_handle, text," \
  " received_at, post_id, reply_state"

/* What an item is read with: its columns, then the marks saving it leaves alone. */
#define INBOX_ITEM_READ_COLUMNS INBOX_ITEM_COLUMNS ", hidden, deleted, outgoing, draft"

static gpointer
inbox_item_from_row (sqlite3_stmt *stmt)
{
  HdInboxItem *item = hd_inbox_item_new ();

  hd_inbox_item_set_id (item, _hd_column_text (stmt, 0));
  hd_inbox_item_set_channel_id (item, _hd_column_text (stmt, 1));
  hd_inbox_item_set_kind (item, _hd_column_enum (stmt, 2, HD_TYPE_INBOX_KIND));
  hd_inbox_item_set_remote_id (item, _hd_column_text (stmt, 3));
  hd_inbox_item_set_thread_id (item, _hd_column_text (stmt, 4));
  hd_inbox_item_set_parent_id (item, _hd_column_text (stmt, 5));
  hd_inbox_item_set_author_name (item, _hd_column_text (stmt, 6));
  hd_inbox_item_set_author_handle (item, _hd_column_text (stmt, 7));
  hd_inbox_item_set_text (item, _hd_column_text (stmt, 8));
  hd_inbox_item_set_received_at (item, sqlite3_column_int64 (stmt, 9));
  hd_inbox_item_set_post_id (item, _hd_column_text (stmt, 10));
  hd_inbox_item_set_reply_state (item, _hd_column_enum (stmt, 11, HD_TYPE_REPLY_STATE));
  hd_inbox_item_set_hidden (item, sqlite3_column_int (stmt, 12) != 0);
  hd_inbox_item_set_deleted (item, sqlite3_column_int (stmt, 13) != 0);
  hd_inbox_item_set_outgoing (item, sqlite3_column_int (stmt, 14) != 0);
  hd_inbox_item_set_draft (item, _hd_column_text (stmt, 15));

  return item;
}

gboolean
hd_store_save_inbox_item (HdStore      *self,
                          HdInboxItem  *item,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("save the message");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_INBOX_ITEM (item), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "INSERT INTO inbox_items (" INBOX_ITEM_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            " channel_id = excluded.channel_id, kind = excluded.kind,"
                            " remote_id = excluded.remote_id, thread_id = excluded.thread_id,"
                            " parent_id = excluded.parent_id, author_name = excluded.author_name,"
                            " author_handle = excluded.author_handle, text = excluded.text,"
                            " received_at = excluded.received_at, post_id = excluded.post_id,"
                            " reply_state = excluded.reply_state",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_inbox_item_get_id (item));
  _hd_bind_text (stmt, 2, hd_inbox_item_get_channel_id (item));
  _hd_bind_enum (stmt, 3, HD_TYPE_INBOX_KIND, hd_inbox_item_get_kind (item));
  _hd_bind_text (stmt, 4, hd_inbox_item_get_remote_id (item));
  _hd_bind_text (stmt, 5, hd_inbox_item_get_thread_id (item));
  _hd_bind_text (stmt, 6, hd_inbox_item_get_parent_id (item));
  _hd_bind_text (stmt, 7, hd_inbox_item_get_author_name (item));
  _hd_bind_text (stmt, 8, hd_inbox_item_get_author_handle (item));
  _hd_bind_text (stmt, 9, hd_inbox_item_get_text (item));
  sqlite3_bind_int64 (stmt, 10, hd_inbox_item_get_received_at (item));
  _hd_bind_text (stmt, 11, hd_inbox_item_get_post_id (item));
  _hd_bind_enum (stmt, 12, HD_TYPE_REPLY_STATE, hd_inbox_item_get_reply_state (item));

  return _hd_store_write_row (self, stmt, "inbox", action, error);
}

/**
 * hd_store_load_inbox_item:
 *
 * Returns: (transfer full): the inbox item, or %NULL with HD_STORE_ERROR_NOT_FOUND
 */
HdInboxItem *
hd_store_load_inbox_item (HdStore     *self,
                          const char  *id,
                          GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _hd_store_load_row (self,
                             "SELECT " INBOX_ITEM_READ_COLUMNS " FROM inbox_items WHERE id = ?1",
                             id,
                             inbox_item_from_row, _("load the message"),
                             _("Herald could not find the message any more. It may have been "
                               "deleted in another window; reload the page to see what is there "
                               "now."),
                             error);
}

gboolean
hd_store_delete_inbox_item (HdStore     *self,
                            const char  *id,
                            GError     **error)
{
  static const char * const families[] = { "inbox", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _hd_store_delete_row (self, "DELETE FROM inbox_items WHERE id = ?1", id, families,
                               _("delete the message"), NULL, error);
}

/**
 * hd_store_list_inbox:
 *
 * Returns: (transfer full): a list of HdInboxItem that follows the store
 */
GListModel *
hd_store_list_inbox (HdStore  *self,
                     GError  **error)
{
  static const char * const families[] = { "inbox", "channels", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_rows (self, HD_TYPE_INBOX_ITEM, families,
                              "SELECT " INBOX_ITEM_READ_COLUMNS " FROM inbox_items"
                              " ORDER BY received_at DESC, id",
                              NULL, inbox_item_from_row, _("list the messages"), error);
}

gboolean
hd_store_count_unread_inbox (HdStore  *self,
                             guint    *n_unread,
                             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("count the unread messages");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_unread != NULL, FALSE);

  stmt = _hd_store_prepare (self, "SELECT count(*) FROM inbox_items WHERE reply_state = 'unread'",
                            action, error);
  if (stmt == NULL || !_hd_store_step (self, stmt, action, error))
    return FALSE;

  *n_unread = sqlite3_column_int (stmt, 0);

  return TRUE;
}

/* What the inbox keeps beside the items */

void
hd_inbox_status_clear (HdInboxStatus *status)
{
  g_clear_pointer (&status->last_error, g_free);
  g_clear_pointer (&status->draft, g_free);
  g_clear_pointer (&status->reply_to, g_free);
}

gboolean
hd_store_get_inbox_status (HdStore        *self,
                           const char     *id,
                           HdInboxStatus  *status,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("load the message");
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  memset (status, 0, sizeof *status);

  /* The newest outbox row of an answer says where it is: a retry of a refused one is a new
   * attempt on the same row. */
  stmt = _hd_store_prepare (self,
                            "SELECT inbox_items.hidden, inbox_items.deleted,"
                            "  inbox_items.outgoing, inbox_items.draft, outbox.state,"
                            "  outbox.last_error, inbox_items.reply_to, inbox_items.sent_at"
                            " FROM inbox_items LEFT JOIN outbox"
                            "  ON outbox.subject_kind = 'inbox-item'"
                            "  AND outbox.subject_id = inbox_items.id"
                            "  AND outbox.operation = 'reply'"
                            " WHERE inbox_items.id = ?1"
                            " ORDER BY outbox.created_at DESC, outbox.rowid DESC LIMIT 1",
                            action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("Herald could not find the message any more. It may have been deleted in "
                     "another window; reload the page to see what is there now."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  status->hidden = sqlite3_column_int (stmt, 0) != 0;
  status->deleted = sqlite3_column_int (stmt, 1) != 0;
  status->outgoing = sqlite3_column_int (stmt, 2) != 0;
  status->draft = g_strdup (_hd_column_text (stmt, 3));
  status->send_state = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                       ? HD_OUTBOX_STATE_DONE
                       : _hd_column_enum (stmt, 4, HD_TYPE_OUTBOX_STATE);
  status->last_error = g_strdup (_hd_column_text (stmt, 5));
  status->reply_to = g_strdup (_hd_column_text (stmt, 6));
  status->sent_at = sqlite3_column_int64 (stmt, 7);

  return TRUE;
}

/* Lists */

/* Waiting for an answer: what the sidebar counts and the "Unanswered" filter shows. */
#define UNANSWERED \
  "(reply_state IN ('unread', 'read') AND hidden = 0 AND deleted = 0 AND outgoing = 0" \
  " AND NOT EXISTS (SELECT 1 FROM inbox_items AS answer" \
  "                 WHERE answer.reply_to = inbox_items.id))"

typedef struct
{
  gboolean  unanswered_only;
  char     *channel_id;
  char     *post_id;
} FilterCopy;

static void
filter_copy_free (gpointer data)
{
  FilterCopy *copy = data;

  g_free (copy->channel_id);
  g_free (copy->post_id);
  g_free (copy);
}

static GPtrArray *
query_filtered (HdStore   *store,
                gpointer   user_data,
                GError   **error)
{
  static const char sql[] =
    "SELECT " INBOX_ITEM_READ_COLUMNS " FROM inbox_items"
    " WHERE outgoing = 0"
    "  AND (?1 = 0 OR " UNANSWERED ")"
    "  AND (?2 IS NULL OR channel_id = ?2)"
    "  AND (?3 IS NULL OR post_id = ?3)"
    " ORDER BY received_at DESC, id";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const FilterCopy *filter = user_data;
  const char *action = _("list the messages");

  stmt = _hd_store_prepare (store, sql, action, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, filter->unanswered_only ? 1 : 0);
  _hd_bind_text (stmt, 2, filter->channel_id);
  _hd_bind_text (stmt, 3, filter->post_id);

  return _hd_store_collect_rows (store, stmt, inbox_item_from_row, g_object_unref, action,
                                 error);
}

/**
 * hd_store_list_inbox_filtered:
 * @filter: (nullable): which items; %NULL for all
 *
 * Returns: (transfer full): a list of HdInboxItem that follows the store
 */
GListModel *
hd_store_list_inbox_filtered (HdStore              *self,
                              const HdInboxFilter  *filter,
                              GError              **error)
{
  static const char * const families[] = { HD_STORE_FAMILY_INBOX, HD_STORE_FAMILY_CHANNELS,
                                           NULL };
  FilterCopy *copy;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  copy = g_new0 (FilterCopy, 1);
  if (filter != NULL)
    {
      copy->unanswered_only = filter->unanswered_only;
      copy->channel_id = g_strdup (filter->channel_id);
      copy->post_id = g_strdup (filter->post_id);
    }

  return _hd_store_list_new (self, HD_TYPE_INBOX_ITEM, families, query_filtered, copy,
                             filter_copy_free, error);
}

gboolean
hd_store_count_unanswered_inbox (HdStore     *self,
                                 const char  *channel_id,
                                 guint       *n_unanswered,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("count the messages waiting for an answer");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_unanswered != NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "SELECT count(*) FROM inbox_items"
                            " WHERE " UNANSWERED " AND (?1 IS NULL OR channel_id = ?1)",
                            action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, channel_id);
  if (!_hd_store_step (self, stmt, action, error))
    return FALSE;

  *n_unanswered = (guint) sqlite3_column_int (stmt, 0);

  return TRUE;
}

/**
 * hd_store_list_inbox_thread:
 *
 * Returns: (transfer full): a list of HdInboxItem that follows the store
 */
GListModel *
hd_store_list_inbox_thread (HdStore     *self,
                            const char  *id,
                            GError     **error)
{
  static const char * const families[] = { HD_STORE_FAMILY_INBOX, NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _hd_store_list_rows (self, HD_TYPE_INBOX_ITEM, families,
                              "SELECT " INBOX_ITEM_READ_COLUMNS " FROM inbox_items"
                              " WHERE id = ?1 OR reply_to = ?1"
                              "  OR (thread_id IS NOT NULL"
                              "      AND (channel_id, thread_id) ="
                              "          (SELECT channel_id, thread_id FROM inbox_items"
                              "           WHERE id = ?1))"
                              " ORDER BY received_at, rowid",
                              id, inbox_item_from_row, _("load the conversation"), error);
}

/* Marks */

/* Runs @sql with @id, @text and @flag as ?1, ?2 and ?3, inside the caller's transaction. */
static gboolean
run_statement (HdStore     *self,
               const char  *sql,
               const char  *id,
               const char  *text,
               int          flag,
               const char  *action,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, id);
  _hd_bind_text (stmt, 2, text);
  sqlite3_bind_int (stmt, 3, flag);

  return _hd_store_step (self, stmt, action, error);
}

/* The same for one item, in a transaction of its own; no such item is an error. */
static gboolean
update_item (HdStore     *self,
             const char  *sql,
             const char  *id,
             const char  *text,
             int          flag,
             const char  *action,
             GError     **error)
{
  if (!hd_store_begin (self, error))
    return FALSE;

  if (!run_statement (self, sql, id, text, flag, action, error) ||
      !_hd_store_check_changed_one (self, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_INBOX);

  return hd_store_commit (self, error);
}

gboolean
hd_store_set_inbox_item_done (HdStore     *self,
                              const char  *id,
                              gboolean     done,
                              GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (done)
    return update_item (self,
                        "UPDATE inbox_items SET"
                        "  state_before_done = CASE WHEN reply_state = 'done'"
                        "   THEN state_before_done ELSE reply_state END,"
                        "  reply_state = 'done'"
                        " WHERE id = ?1",
                        id, NULL, 0, _("mark the message as done"), error);

  /* An answer sent since marking it done counts: the item is replied now. */
  return update_item (self,
                      "UPDATE inbox_items SET"
                      "  reply_state = CASE"
                      "   WHEN reply_state != 'done' THEN reply_state"
                      "   WHEN EXISTS (SELECT 1 FROM inbox_items AS answer"
                      "                WHERE answer.reply_to = inbox_items.id"
                      "                 AND answer.remote_id IS NOT NULL) THEN 'replied'"
                      "   ELSE coalesce (state_before_done, 'read') END,"
                      "  state_before_done = NULL"
                      " WHERE id = ?1",
                      id, NULL, 0, _("mark the message as not done"), error);
}

gboolean
hd_store_mark_inbox_item_read (HdStore     *self,
                               const char  *id,
                               GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return update_item (self,
                      "UPDATE inbox_items SET"
                      "  reply_state = CASE reply_state WHEN 'unread' THEN 'read'"
                      "   ELSE reply_state END"
                      " WHERE id = ?1",
                      id, NULL, 0, _("mark the message as read"), error);
}

gboolean
hd_store_set_inbox_item_hidden (HdStore     *self,
                                const char  *id,
                                gboolean     hidden,
                                gboolean     on_platform,
                                GError     **error)
{
  g_autoptr(HdInboxItem) item = NULL;
  g_autofree char *change_id = NULL;
  const char *action = hidden ? _("hide the message") : _("show the message");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!update_item (self, "UPDATE inbox_items SET hidden = ?3 WHERE id = ?1", id, NULL,
                    hidden ? 1 : 0, action, error))
    goto failed;

  if (on_platform)
    {
      item = hd_store_load_inbox_item (self, id, error);
      if (item == NULL)
        goto failed;

      /* One row at a time says "make the platform match": an older one still waiting is
       * withdrawn, since the newer one carries the user's last word. */
      if (!run_statement (self,
                          "DELETE FROM outbox WHERE subject_kind = 'inbox-item'"
                          "  AND subject_id = ?1 AND operation = 'update'"
                          "  AND state IN ('pending', 'failed')",
                          id, NULL, 0, action, error))
        goto failed;

      change_id = hd_store_enqueue_change (self, HD_OUTBOX_SUBJECT_INBOX, id,
                                           hd_inbox_item_get_channel_id (item),
                                           HD_OUTBOX_OPERATION_UPDATE, error);
      if (change_id == NULL)
        goto failed;
    }

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_set_inbox_draft (HdStore     *self,
                          const char  *id,
                          const char  *draft,
                          GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return update_item (self, "UPDATE inbox_items SET draft = ?2 WHERE id = ?1", id,
                      draft != NULL && *draft != '\0' ? draft : NULL, 0,
                      _("keep the answer you are writing"), error);
}

/* Answers */

char *
hd_store_queue_inbox_reply (HdStore     *self,
                            const char  *parent_id,
                            const char  *text,
                            GError     **error)
{
  g_autoptr(HdInboxItem) parent = NULL;
  g_autoptr(HdInboxItem) reply = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_auto(HdInboxStatus) status = { 0, };
  g_autofree char *stripped = NULL;
  g_autofree char *change_id = NULL;
  const char *action = _("queue the answer for sending");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (parent_id != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("The answer is empty. Write something before sending it."));
      return NULL;
    }

  parent = hd_store_load_inbox_item (self, parent_id, error);
  if (parent == NULL || !hd_store_get_inbox_status (self, parent_id, &status, error))
    return NULL;
  if (status.outgoing)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("This is an answer you wrote yourself. Answer the message it replies to "
                     "instead."));
      return NULL;
    }

  channel = hd_store_load_channel (self, hd_inbox_item_get_channel_id (parent), error);
  if (channel == NULL)
    return NULL;

  reply = hd_inbox_item_new ();
  hd_inbox_item_set_channel_id (reply, hd_channel_get_id (channel));
  hd_inbox_item_set_kind (reply, HD_INBOX_KIND_REPLY);
  hd_inbox_item_set_thread_id (reply, hd_inbox_item_get_thread_id (parent));
  hd_inbox_item_set_parent_id (reply, hd_inbox_item_get_remote_id (parent));
  hd_inbox_item_set_author_name (reply, hd_channel_get_display_name (channel));
  hd_inbox_item_set_author_handle (reply, hd_channel_get_handle (channel));
  hd_inbox_item_set_text (reply, text);
  hd_inbox_item_set_received_at (reply, _hd_store_now ());
  hd_inbox_item_set_post_id (reply, hd_inbox_item_get_post_id (parent));
  /* Nothing is left to do about one's own answer. */
  hd_inbox_item_set_reply_state (reply, HD_REPLY_STATE_DONE);

  if (!hd_store_begin (self, error))
    return NULL;

  if (!hd_store_save_inbox_item (self, reply, error) ||
      !run_statement (self, "UPDATE inbox_items SET outgoing = 1, reply_to = ?2 WHERE id = ?1",
                      hd_inbox_item_get_id (reply), parent_id, 0, action, error) ||
      !run_statement (self, "UPDATE inbox_items SET draft = NULL WHERE id = ?1", parent_id, NULL,
                      0, action, error))
    goto failed;

  change_id = hd_store_enqueue_change (self, HD_OUTBOX_SUBJECT_INBOX,
                                       hd_inbox_item_get_id (reply), hd_channel_get_id (channel),
                                       HD_OUTBOX_OPERATION_REPLY, error);
  if (change_id == NULL)
    goto failed;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_INBOX);
  if (!hd_store_commit (self, error))
    return NULL;

  return g_strdup (hd_inbox_item_get_id (reply));

failed:
  hd_store_rollback (self);
  return NULL;
}

gboolean
hd_store_discard_inbox_reply (HdStore     *self,
                              const char  *reply_id,
                              GError     **error)
{
  const char *action = _("discard the answer");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (reply_id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  /* A row in flight may be reaching the platform right now: that one is not withdrawn. */
  if (!run_statement (self,
                      "DELETE FROM inbox_items WHERE id = ?1 AND outgoing = 1"
                      "  AND remote_id IS NULL"
                      "  AND NOT EXISTS (SELECT 1 FROM outbox WHERE subject_kind = 'inbox-item'"
                      "   AND subject_id = ?1 AND state IN ('in-flight', 'unconfirmed', 'done'))",
                      reply_id, NULL, 0, action, error))
    goto failed;

  if (sqlite3_changes (_hd_store_get_db (self)) == 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("This answer cannot be discarded: it has been sent, or is being sent "
                     "right now."));
      goto failed;
    }

  if (!run_statement (self,
                      "DELETE FROM outbox WHERE subject_kind = 'inbox-item' AND subject_id = ?1",
                      reply_id, NULL, 0, action, error))
    goto failed;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_INBOX);
  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}

/**
 * hd_store_list_inbox_changes_to_send:
 *
 * Returns: (transfer full) (element-type HdChange): the rows, in the order to send them
 */
GPtrArray *
hd_store_list_inbox_changes_to_send (HdStore  *self,
                                     gint64    now,
                                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const char *action = _("list the answers waiting to be sent");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  stmt = _hd_store_prepare (self,
                            "SELECT outbox.id FROM outbox"
                            " JOIN channels ON channels.id = outbox.channel_id"
                            " WHERE channels.state = 'connected'"
                            "  AND outbox.subject_kind = 'inbox-item'"
                            "  AND (outbox.state = 'unconfirmed'"
                            "       OR (outbox.state = 'pending'"
                            "           AND coalesce (outbox.next_attempt_at, 0) <= ?1))"
                            " ORDER BY outbox.channel_id, outbox.state != 'unconfirmed',"
                            "  outbox.created_at, outbox.rowid",
                            action, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);

  ids = g_ptr_array_new_with_free_func (g_free);
  for (;;)
    {
      int rc = sqlite3_step (stmt);

      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_ROW)
        {
          _hd_store_set_error (self, error, rc, action);
          return NULL;
        }
      g_ptr_array_add (ids, g_strdup (_hd_column_text (stmt, 0)));
    }

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_change_free);
  for (guint i = 0; i < ids->len; i++)
    {
      HdChange *change = hd_store_load_change (self, g_ptr_array_index (ids, i), error);

      if (change == NULL)
        return NULL;
      g_ptr_array_add (changes, change);
    }

  return g_steal_pointer (&changes);
}

gboolean
hd_store_complete_inbox_reply (HdStore     *self,
                               const char  *change_id,
                               const char  *remote_id,
                               GError     **error)
{
  g_autoptr(HdChange) change = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("record the answer as sent");
  gint64 now = _hd_store_now ();

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (change_id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  change = hd_store_load_change (self, change_id, error);
  if (change == NULL || !hd_store_complete_change (self, change_id, remote_id, NULL, now, error))
    goto failed;

  if (g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_REPLY) != 0)
    return hd_store_commit (self, error);

  if (remote_id == NULL)
    goto replied;

  /* A look at the inbox may have brought the answer back before this was recorded (the
   * answer went out, then Herald stopped): the copy it made goes, the answer stays. */
  stmt = _hd_store_prepare (self,
                            "DELETE FROM inbox_items WHERE channel_id = ?2 AND remote_id = ?3"
                            "  AND id != ?1 AND outgoing = 0",
                            action, error);
  if (stmt == NULL)
    goto failed;
  _hd_bind_text (stmt, 1, change->subject_id);
  _hd_bind_text (stmt, 2, change->channel_id);
  _hd_bind_text (stmt, 3, remote_id);
  if (!_hd_store_step (self, stmt, action, error))
    goto failed;

  if (!run_statement (self, "UPDATE inbox_items SET remote_id = ?2 WHERE id = ?1",
                      change->subject_id, remote_id, 0, action, error))
    goto failed;

replied:
  if (!run_statement (self,
                      "UPDATE inbox_items SET reply_state = 'replied'"
                      " WHERE id = (SELECT reply_to FROM inbox_items WHERE id = ?1)"
                      "  AND reply_state IN ('unread', 'read')",
                      change->subject_id, NULL, 0, action, error))
    goto failed;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_INBOX);

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_begin_sending_inbox_change (HdStore     *self,
                                     const char  *change_id,
                                     gint64       now,
                                     GError     **error)
{
  g_autoptr(HdChange) change = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("mark the answer as being sent");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (change_id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  change = hd_store_load_change (self, change_id, error);
  if (change == NULL || !hd_store_begin_sending_change (self, change_id, error))
    goto failed;

  stmt = _hd_store_prepare (self, "UPDATE inbox_items SET sent_at = ?2 WHERE id = ?1", action,
                            error);
  if (stmt == NULL)
    goto failed;
  _hd_bind_text (stmt, 1, change->subject_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!_hd_store_step (self, stmt, action, error))
    goto failed;

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}

/* Looks at the platforms */

gboolean
hd_store_get_inbox_cursor (HdStore      *self,
                           const char   *channel_id,
                           gint64       *since,
                           char        **cursor,
                           char        **notice,
                           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("look up where the inbox was last read");
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (channel_id != NULL, FALSE);
  g_return_val_if_fail (since != NULL, FALSE);
  g_return_val_if_fail (cursor != NULL, FALSE);

  *since = 0;
  *cursor = NULL;
  if (notice != NULL)
    *notice = NULL;

  stmt = _hd_store_prepare (self,
                            "SELECT fetched_until, cursor, notice FROM inbox_cursors"
                            " WHERE channel_id = ?1",
                            action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, channel_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  *since = sqlite3_column_int64 (stmt, 0);
  *cursor = g_strdup (_hd_column_text (stmt, 1));
  if (notice != NULL)
    *notice = g_strdup (_hd_column_text (stmt, 2));

  return TRUE;
}

/* Adds @item, or refreshes what the platform says of the one Herald has under its remote id,
 * keeping the local id and marks. */
static gboolean
merge_pulled_item (HdStore      *self,
                   HdInboxItem  *item,
                   gboolean     *is_new,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  const char *action = _("save the messages that came in");
  g_autofree char *existing = NULL;
  int rc;

  *is_new = FALSE;

  if (hd_inbox_item_get_remote_id (item) != NULL)
    {
      find = _hd_store_prepare (self,
                                "SELECT id FROM inbox_items WHERE channel_id = ?1"
                                "  AND remote_id = ?2",
                                action, error);
      if (find == NULL)
        return FALSE;
      _hd_bind_text (find, 1, hd_inbox_item_get_channel_id (item));
      _hd_bind_text (find, 2, hd_inbox_item_get_remote_id (item));
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        existing = g_strdup (_hd_column_text (find, 0));
      else if (rc != SQLITE_DONE)
        {
          _hd_store_set_error (self, error, rc, action);
          return FALSE;
        }
    }

  if (existing == NULL)
    {
      *is_new = TRUE;
      return hd_store_save_inbox_item (self, item, error);
    }

  /* Its author may have edited it; when it was received and what the user did with it
   * stay. */
  update = _hd_store_prepare (self,
                              "UPDATE inbox_items SET kind = ?2, thread_id = ?3,"
                              "  parent_id = ?4, author_name = ?5, author_handle = ?6,"
                              "  text = ?7, post_id = coalesce (?8, post_id), deleted = 0"
                              " WHERE id = ?1",
                              action, error);
  if (update == NULL)
    return FALSE;
  _hd_bind_text (update, 1, existing);
  _hd_bind_enum (update, 2, HD_TYPE_INBOX_KIND, hd_inbox_item_get_kind (item));
  _hd_bind_text (update, 3, hd_inbox_item_get_thread_id (item));
  _hd_bind_text (update, 4, hd_inbox_item_get_parent_id (item));
  _hd_bind_text (update, 5, hd_inbox_item_get_author_name (item));
  _hd_bind_text (update, 6, hd_inbox_item_get_author_handle (item));
  _hd_bind_text (update, 7, hd_inbox_item_get_text (item));
  _hd_bind_text (update, 8, hd_inbox_item_get_post_id (item));
  if (!_hd_store_step (self, update, action, error))
    return FALSE;

  /* The caller's object names the row it became. */
  hd_inbox_item_set_id (item, existing);

  return TRUE;
}

gboolean
hd_store_record_inbox_pull (HdStore      *self,
                            const char   *channel_id,
                            GPtrArray    *items,
                            GPtrArray    *deleted,
                            const char   *cursor,
                            const char   *notice,
                            gint64        now,
                            guint        *n_new,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) advance = NULL;
  const char *action = _("save the messages that came in");
  gint64 newest = 0;
  guint added = 0;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (channel_id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      HdInboxItem *item = g_ptr_array_index (items, i);
      gboolean is_new = FALSE;

      hd_inbox_item_set_channel_id (item, channel_id);
      if (!merge_pulled_item (self, item, &is_new, error))
        goto failed;
      if (is_new)
        added++;
      newest = MAX (newest, hd_inbox_item_get_received_at (item));
    }

  for (guint i = 0; deleted != NULL && i < deleted->len; i++)
    {
      g_autoptr(sqlite3_stmt) mark = NULL;

      mark = _hd_store_prepare (self,
                                "UPDATE inbox_items SET deleted = 1"
                                " WHERE channel_id = ?1 AND remote_id = ?2",
                                action, error);
      if (mark == NULL)
        goto failed;
      _hd_bind_text (mark, 1, channel_id);
      _hd_bind_text (mark, 2, g_ptr_array_index (deleted, i));
      if (!_hd_store_step (self, mark, action, error))
        goto failed;
    }

  /* The cursor moves in the same transaction as the items it passes, so it never runs ahead
   * of what was kept. */
  advance = _hd_store_prepare (self,
                               "INSERT INTO inbox_cursors (channel_id, fetched_until, cursor,"
                               "  notice, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5)"
                               " ON CONFLICT (channel_id) DO UPDATE SET"
                               "  fetched_until = max (fetched_until, excluded.fetched_until),"
                               "  cursor = coalesce (excluded.cursor, cursor),"
                               "  notice = excluded.notice, fetched_at = excluded.fetched_at",
                               action, error);
  if (advance == NULL)
    goto failed;
  _hd_bind_text (advance, 1, channel_id);
  sqlite3_bind_int64 (advance, 2, MAX (newest, 0));
  _hd_bind_text (advance, 3, cursor);
  _hd_bind_text (advance, 4, notice);
  sqlite3_bind_int64 (advance, 5, now);
  if (!_hd_store_step (self, advance, action, error))
    goto failed;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_INBOX);
  if (!hd_store_commit (self, error))
    return FALSE;

  if (n_new != NULL)
    *n_new = added;

  return TRUE;

failed:
  hd_store_rollback (self);
  return FALSE;
}

/* Saved replies */

gboolean
hd_store_save_saved_reply (HdStore    *self,
                           HdSnippet  *reply,
                           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("save the saved reply");
  const char *name;
  const char *text;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_SNIPPET (reply), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = hd_snippet_get_name (reply);
  text = hd_snippet_get_text (reply);
  if (name == NULL || name[0] == '\0' || text == NULL || text[0] == '\0')
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not save the saved reply because it needs both a name and "
                     "some text. Fill in both and try again."));
      return FALSE;
    }

  stmt = _hd_store_prepare (self,
                            "INSERT INTO saved_replies (id, name, text, position, created_at,"
                            "  updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
                            " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                            "  text = excluded.text, position = excluded.position,"
                            "  updated_at = excluded.updated_at",
                            action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, hd_snippet_get_id (reply));
  _hd_bind_text (stmt, 2, name);
  _hd_bind_text (stmt, 3, text);
  sqlite3_bind_int (stmt, 4, MAX (hd_snippet_get_position (reply), 0));
  sqlite3_bind_int64 (stmt, 5, _hd_store_now ());

  return _hd_store_write_row (self, stmt, HD_STORE_FAMILY_SNIPPETS, action, error);
}

gboolean
hd_store_delete_saved_reply (HdStore     *self,
                             const char  *id,
                             GError     **error)
{
  static const char * const families[] = { HD_STORE_FAMILY_SNIPPETS, NULL };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _hd_store_delete_row (self, "DELETE FROM saved_replies WHERE id = ?1", id, families,
                               _("delete the saved reply"), NULL, error);
}

static gpointer
saved_reply_from_row (sqlite3_stmt *stmt)
{
  HdSnippet *reply = hd_snippet_new ();

  hd_snippet_set_id (reply, _hd_column_text (stmt, 0));
  hd_snippet_set_name (reply, _hd_column_text (stmt, 1));
  hd_snippet_set_text (reply, _hd_column_text (stmt, 2));
  hd_snippet_set_position (reply, sqlite3_column_int (stmt, 3));

  return reply;
}

/**
 * hd_store_list_saved_replies:
 *
 * Returns: (transfer full): a list of HdSnippet that follows the store
 */
GListModel *
hd_store_list_saved_replies (HdStore  *self,
                             GError  **error)
{
  static const char * const families[] = { HD_STORE_FAMILY_SNIPPETS, NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_rows (self, HD_TYPE_SNIPPET, families,
                              "SELECT id, name, text, position FROM saved_replies"
                              " ORDER BY position, name COLLATE NOCASE, id",
                              NULL, saved_reply_from_row, _("list the saved replies"), error);
}
