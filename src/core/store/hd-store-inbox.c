/* hd-store-inbox.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-inbox-item.h"
#include "hd-store-private.h"

#define INBOX_ITEM_COLUMNS \
  "id, channel_id, kind, remote_id, thread_id, parent_id, author_name, author_handle, text," \
  " received_at, post_id, reply_state"

static HdInboxItem *
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

  return item;
}

gboolean
hd_store_save_inbox_item (HdStore      *self,
                          HdInboxItem  *item,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("save the message");
  gint64 now = _hd_store_now ();
  gint64 created_at;

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
  created_at = now;

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, "inbox");
  if (!hd_store_commit (self, error))
    return FALSE;

  (void)created_at;

  return TRUE;
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
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("load the message");
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _hd_store_prepare (self, "SELECT " INBOX_ITEM_COLUMNS " FROM inbox_items WHERE id = ?1",
                            action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return inbox_item_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                 _("Herald could not find the message any more. It may have been deleted in "
                    "another window; reload the page to see what is there now."));
  else
    _hd_store_set_error (self, error, rc, action);

  return NULL;
}

gboolean
hd_store_delete_inbox_item (HdStore     *self,
                            const char  *id,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("delete the message");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  stmt = _hd_store_prepare (self, "DELETE FROM inbox_items WHERE id = ?1", action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, id);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  if (!_hd_store_check_changed_one (self, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, "inbox");

  return hd_store_commit (self, error);
}

static GPtrArray *
query_inbox (HdStore   *store,
             gpointer   user_data,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *action = _("list the messages");
  int rc;

  stmt = _hd_store_prepare (store,
                            "SELECT " INBOX_ITEM_COLUMNS " FROM inbox_items"
                            " ORDER BY received_at DESC, id",
                            action, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, inbox_item_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (store, error, rc, action);
      return NULL;
    }

  return g_steal_pointer (&items);
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

  return _hd_store_list_new (self, HD_TYPE_INBOX_ITEM, families, query_inbox,
                             NULL, NULL, error);
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
