/* hd-store-channels.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-channel.h"
#include "hd-store-private.h"

#define CHANNEL_COLUMNS \
  "id, kind, display_name, handle, base_url, remote_account_id, state, created_at," \
  " updated_at, limits, avatar_url, token_expires_at"

static gpointer
channel_from_row (sqlite3_stmt *stmt)
{
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_id (channel, _hd_column_text (stmt, 0));
  hd_channel_set_kind (channel, _hd_column_enum (stmt, 1, HD_TYPE_CHANNEL_KIND));
  hd_channel_set_display_name (channel, _hd_column_text (stmt, 2));
  hd_channel_set_handle (channel, _hd_column_text (stmt, 3));
  hd_channel_set_base_url (channel, _hd_column_text (stmt, 4));
  hd_channel_set_remote_account_id (channel, _hd_column_text (stmt, 5));
  hd_channel_set_state (channel, _hd_column_enum (stmt, 6, HD_TYPE_CHANNEL_STATE));
  hd_channel_set_created_at (channel, sqlite3_column_int64 (stmt, 7));
  hd_channel_set_updated_at (channel, sqlite3_column_int64 (stmt, 8));
  hd_channel_set_limits (channel, _hd_column_text (stmt, 9));
  hd_channel_set_avatar_url (channel, _hd_column_text (stmt, 10));
  hd_channel_set_token_expires_at (channel, MAX (sqlite3_column_int64 (stmt, 11), 0));

  return channel;
}

/* A channel's kind decides every one of its posts' channel masks, which a trigger recomputes
 * whenever the kind is written (channels_mask_update): written only when it differs, saving a
 * channel's state or limits costs one row, not a pass over years of its posts. */
static gboolean
update_channel_kind (HdStore    *self,
                     HdChannel  *channel,
                     const char *action,
                     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _hd_store_prepare (self, "UPDATE channels SET kind = ?2 WHERE id = ?1 AND kind IS NOT ?2",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_channel_get_id (channel));
  _hd_bind_enum (stmt, 2, HD_TYPE_CHANNEL_KIND, hd_channel_get_kind (channel));

  return _hd_store_step (self, stmt, action, error);
}

gboolean
hd_store_save_channel (HdStore    *self,
                       HdChannel  *channel,
                       GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("save the channel");
  gint64 now = _hd_store_now ();
  gint64 created_at;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_CHANNEL (channel), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "INSERT INTO channels (" CHANNEL_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            " display_name = excluded.display_name,"
                            " handle = excluded.handle, base_url = excluded.base_url,"
                            " remote_account_id = excluded.remote_account_id,"
                            " state = excluded.state, updated_at = excluded.updated_at,"
                            " limits = excluded.limits, avatar_url = excluded.avatar_url,"
                            " token_expires_at = excluded.token_expires_at",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_channel_get_id (channel));
  _hd_bind_enum (stmt, 2, HD_TYPE_CHANNEL_KIND, hd_channel_get_kind (channel));
  _hd_bind_text (stmt, 3, hd_channel_get_display_name (channel));
  _hd_bind_text (stmt, 4, hd_channel_get_handle (channel));
  _hd_bind_text (stmt, 5, hd_channel_get_base_url (channel));
  _hd_bind_text (stmt, 6, hd_channel_get_remote_account_id (channel));
  _hd_bind_enum (stmt, 7, HD_TYPE_CHANNEL_STATE, hd_channel_get_state (channel));
  created_at = hd_channel_get_created_at (channel);
  if (created_at == 0)
    created_at = now;
  sqlite3_bind_int64 (stmt, 8, created_at);
  sqlite3_bind_int64 (stmt, 9, now);
  _hd_bind_text (stmt, 10, hd_channel_get_limits (channel));
  _hd_bind_text (stmt, 11, hd_channel_get_avatar_url (channel));
  _hd_bind_instant (stmt, 12, hd_channel_get_token_expires_at (channel));

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, error) ||
      !update_channel_kind (self, channel, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, "channels");
  if (!hd_store_commit (self, error))
    return FALSE;

  hd_channel_set_created_at (channel, created_at);
  hd_channel_set_updated_at (channel, now);

  return TRUE;
}

/**
 * hd_store_load_channel:
 *
 * Returns: (transfer full): the channel, or %NULL with HD_STORE_ERROR_NOT_FOUND
 */
HdChannel *
hd_store_load_channel (HdStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _hd_store_load_row (self, "SELECT " CHANNEL_COLUMNS " FROM channels WHERE id = ?1", id,
                             channel_from_row, _("load the channel"),
                             _("Herald could not find the channel any more. It may have been "
                               "deleted in another window; reload the page to see what is there "
                               "now."),
                             error);
}

gboolean
hd_store_delete_channel (HdStore     *self,
                         const char  *id,
                         GError     **error)
{
  static const char * const families[] = {
    "channels", "posts", "inbox", "metrics", "outbox", NULL
  };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _hd_store_delete_row (self, "DELETE FROM channels WHERE id = ?1", id, families,
                               _("delete the channel"), NULL, error);
}

/**
 * hd_store_list_channels:
 *
 * Returns: (transfer full): a list of HdChannel that follows the store
 */
GListModel *
hd_store_list_channels (HdStore  *self,
                        GError  **error)
{
  static const char * const families[] = { "channels", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_rows (self, HD_TYPE_CHANNEL, families,
                              "SELECT " CHANNEL_COLUMNS " FROM channels"
                              " ORDER BY created_at, rowid",
                              NULL, channel_from_row, _("list the channels"), error);
}
