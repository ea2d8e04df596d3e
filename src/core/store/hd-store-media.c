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

static gpointer
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

  if (!_hd_store_write_row (self, stmt, "media", action, error))
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
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (sha256 != NULL, NULL);

  return _hd_store_load_row (self, "SELECT " MEDIA_COLUMNS " FROM media WHERE sha256 = ?1",
                             sha256, media_from_row, _("load the picture or video"),
                             _("Herald could not find the picture or video any more. It may have "
                               "been deleted in another window; reload the page to see what is "
                               "there now."),
                             error);
}

gboolean
hd_store_delete_media (HdStore     *self,
                       const char  *sha256,
                       GError     **error)
{
  static const char * const families[] = { "media", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (sha256 != NULL, FALSE);

  /* The schema refuses to delete a file a post still uses. */
  return _hd_store_delete_row (self, "DELETE FROM media WHERE sha256 = ?1", sha256, families,
                               _("delete the picture or video"),
                               _("Herald kept this picture or video because a post still uses "
                                 "it. Remove it from those posts first."),
                               error);
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

  return _hd_store_list_rows (self, HD_TYPE_MEDIA, families,
                              "SELECT " MEDIA_COLUMNS " FROM media"
                              " ORDER BY created_at DESC, sha256",
                              NULL, media_from_row, _("list the pictures and videos"), error);
}
