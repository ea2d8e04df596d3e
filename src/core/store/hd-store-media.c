/* hd-store-media.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-media.h"
#include "hd-store-private.h"

#define MEDIA_COLUMNS \
  "sha256, path, mime_type, width, height, alt_text, bytes, created_at"

static HdMedia *
media_from_row (sqlite3_stmt *stmt)
{
  HdMedia *media = hd_media_new ();

  hd_media_set_sha256 (media, _hd_column_text (stmt, 0));
  hd_media_set_path (media, _hd_column_text (stmt, 1));
  hd_media_set_mime_type (media, _hd_column_text (stmt, 2));
  hd_media_set_width (media, sqlite3_column_int (stmt, 3));
  hd_media_set_height (media, sqlite3_column_int (stmt, 4));
  hd_media_set_alt_text (media, _hd_column_text (stmt, 5));
  hd_media_set_bytes (media, sqlite3_column_int64 (stmt, 6));
  hd_media_set_created_at (media, sqlite3_column_int64 (stmt, 7));

  return media;
}

gboolean
hd_store_save_media (HdStore  *self,
                     HdMedia  *media,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("save the picture or video");
  gint64 now = _hd_store_now ();
  gint64 created_at;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_MEDIA (media), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "INSERT INTO media (" MEDIA_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                            " ON CONFLICT (sha256) DO UPDATE SET"
                            " path = excluded.path, mime_type = excluded.mime_type,"
                            " width = excluded.width, height = excluded.height,"
                            " alt_text = excluded.alt_text, bytes = excluded.bytes",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_media_get_sha256 (media));
  _hd_bind_text (stmt, 2, hd_media_get_path (media));
  _hd_bind_text (stmt, 3, hd_media_get_mime_type (media));
  sqlite3_bind_int (stmt, 4, hd_media_get_width (media));
  sqlite3_bind_int (stmt, 5, hd_media_get_height (media));
  _hd_bind_text (stmt, 6, hd_media_get_alt_text (media));
  sqlite3_bind_int64 (stmt, 7, hd_media_get_bytes (media));
  created_at = hd_media_get_created_at (media);
  if (created_at == 0)
    created_at = now;
  sqlite3_bind_int64 (stmt, 8, created_at);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, "media");
  if (!hd_store_commit (self, error))
    return FALSE;

  hd_media_set_created_at (media, created_at);

  return TRUE;
}

/**
 * hd_store_load_media:
 *
 * Returns: (transfer full): the media, or %NULL with HD_STORE_ERROR_NOT_FOUND
 */
HdMedia *
hd_store_load_media (HdStore     *self,
                     const char  *sha256,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("load the picture or video");
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  stmt = _hd_store_prepare (self, "SELECT " MEDIA_COLUMNS " FROM media WHERE sha256 = ?1",
                            action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, sha256);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return media_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                 _("Herald could not find the picture or video any more. It may have been "
                    "deleted in another window; reload the page to see what is there now."));
  else
    _hd_store_set_error (self, error, rc, action);

  return NULL;
}

gboolean
hd_store_delete_media (HdStore     *self,
                       const char  *sha256,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *action = _("delete the picture or video");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  stmt = _hd_store_prepare (self, "DELETE FROM media WHERE sha256 = ?1", action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, sha256);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, &local_error))
    {
      if (g_error_matches (local_error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("Herald kept this picture or video because a post still uses it. Remove "
                         "it from those posts first."));
        }
      hd_store_rollback (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!_hd_store_check_changed_one (self, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, "media");

  return hd_store_commit (self, error);
}

static GPtrArray *
query_media (HdStore   *store,
             gpointer   user_data,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *action = _("list the pictures and videos");
  int rc;

  stmt = _hd_store_prepare (store,
                            "SELECT " MEDIA_COLUMNS " FROM media"
                            " ORDER BY created_at DESC, sha256",
                            action, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, media_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (store, error, rc, action);
      return NULL;
    }

  return g_steal_pointer (&items);
}

/**
 * hd_store_list_media:
 *
 * Returns: (transfer full): a list of HdMedia that follows the store
 */
GListModel *
hd_store_list_media (HdStore  *self,
                     GError  **error)
{
  static const char * const families[] = { "media", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_new (self, HD_TYPE_MEDIA, families, query_media,
                             NULL, NULL, error);
}
