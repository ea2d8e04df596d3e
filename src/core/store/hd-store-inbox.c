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
                             "SELECT " INBOX_ITEM_COLUMNS " FROM inbox_items WHERE id = ?1", id,
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
                              "SELECT " INBOX_ITEM_COLUMNS " FROM inbox_items"
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
