/* hd-store-audiences.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-audience.h"
#include "hd-store-private.h"

#define AUDIENCE_COLUMNS \
  "id, name, spec, estimated_size, estimated_at, created_at, updated_at"

/* A count not known yet is NULL in the database and -1 on the object. */
static gint64
column_optional (sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;

  return sqlite3_column_int64 (stmt, column);
}

static HdAudience *
audience_from_row (sqlite3_stmt *stmt)
{
  HdAudience *audience = hd_audience_new ();

  hd_audience_set_id (audience, _hd_column_text (stmt, 0));
  hd_audience_set_name (audience, _hd_column_text (stmt, 1));
  hd_audience_set_spec (audience, _hd_column_text (stmt, 2));
  hd_audience_set_estimated_size (audience, column_optional (stmt, 3));
  hd_audience_set_estimated_at (audience, sqlite3_column_int64 (stmt, 4));
  hd_audience_set_created_at (audience, sqlite3_column_int64 (stmt, 5));
  hd_audience_set_updated_at (audience, sqlite3_column_int64 (stmt, 6));

  return audience;
}

gboolean
hd_store_save_audience (HdStore     *self,
                        HdAudience  *audience,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("save the audience");
  gint64 now = _hd_store_now ();
  gint64 created_at;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_AUDIENCE (audience), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "INSERT INTO audiences (" AUDIENCE_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            " name = excluded.name, spec = excluded.spec,"
                            " estimated_size = excluded.estimated_size,"
                            " estimated_at = excluded.estimated_at,"
                            " updated_at = excluded.updated_at",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_audience_get_id (audience));
  _hd_bind_text (stmt, 2, hd_audience_get_name (audience));
  _hd_bind_text (stmt, 3, hd_audience_get_spec (audience));
  if (hd_audience_get_estimated_size (audience) < 0)
    sqlite3_bind_null (stmt, 4);
  else
    sqlite3_bind_int64 (stmt, 4, hd_audience_get_estimated_size (audience));
  _hd_bind_instant (stmt, 5, hd_audience_get_estimated_at (audience));
  created_at = hd_audience_get_created_at (audience);
  if (created_at == 0)
    created_at = now;
  sqlite3_bind_int64 (stmt, 6, created_at);
  sqlite3_bind_int64 (stmt, 7, now);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, "audiences");
  if (!hd_store_commit (self, error))
    return FALSE;

  hd_audience_set_created_at (audience, created_at);
  hd_audience_set_updated_at (audience, now);

  return TRUE;
}

/**
 * hd_store_load_audience:
 *
 * Returns: (transfer full): the audience, or %NULL with HD_STORE_ERROR_NOT_FOUND
 */
HdAudience *
hd_store_load_audience (HdStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("load the audience");
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _hd_store_prepare (self, "SELECT " AUDIENCE_COLUMNS " FROM audiences WHERE id = ?1",
                            action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return audience_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                 _("Herald could not find the audience any more. It may have been deleted in "
                    "another window; reload the page to see what is there now."));
  else
    _hd_store_set_error (self, error, rc, action);

  return NULL;
}

gboolean
hd_store_delete_audience (HdStore     *self,
                          const char  *id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *action = _("delete the audience");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  stmt = _hd_store_prepare (self, "DELETE FROM audiences WHERE id = ?1", action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, id);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, &local_error))
    {
      if (g_error_matches (local_error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("Herald kept this audience because an ad set still targets it. Choose "
                         "another audience for that ad set first."));
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

  _hd_store_mark_changed (self, "audiences");

  return hd_store_commit (self, error);
}

static GPtrArray *
query_audiences (HdStore   *store,
                 gpointer   user_data,
                 GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *action = _("list the audiences");
  int rc;

  stmt = _hd_store_prepare (store,
                            "SELECT " AUDIENCE_COLUMNS " FROM audiences"
                            " ORDER BY name COLLATE NOCASE, id",
                            action, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, audience_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (store, error, rc, action);
      return NULL;
    }

  return g_steal_pointer (&items);
}

/**
 * hd_store_list_audiences:
 *
 * Returns: (transfer full): a list of HdAudience that follows the store
 */
GListModel *
hd_store_list_audiences (HdStore  *self,
                         GError  **error)
{
  static const char * const families[] = { "audiences", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_new (self, HD_TYPE_AUDIENCE, families, query_audiences,
                             NULL, NULL, error);
}
