/* hd-store-rows.c: the save, load, delete and list mechanics the table families share.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include "hd-store-private.h"

gboolean
_hd_store_write_row (HdStore       *self,
                     sqlite3_stmt  *stmt,
                     const char    *family,
                     const char    *action,
                     GError       **error)
{
  g_assert (stmt != NULL);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, family);

  return hd_store_commit (self, error);
}

gpointer
_hd_store_load_row (HdStore       *self,
                    const char    *sql,
                    const char    *key,
                    HdRowReader    read,
                    const char    *action,
                    const char    *not_found,
                    GError       **error)
{
  sqlite3_stmt *stmt;
  gpointer row;
  int rc;

  /* Rows are loaded one at a time on the sender's path, so the statement is kept; it is reset
   * before returning, so that no read stays open on the database. */
  stmt = _hd_store_prepare_cached (self, sql, action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, key);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row = read (stmt);
      sqlite3_reset (stmt);
      return row;
    }

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND, not_found);
  else
    _hd_store_set_error (self, error, rc, action);
  sqlite3_reset (stmt);

  return NULL;
}

gboolean
_hd_store_delete_row (HdStore             *self,
                      const char          *sql,
                      const char          *key,
                      const char * const  *families,
                      const char          *action,
                      const char          *in_use,
                      GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, key);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, &local_error))
    {
      /* A reference that keeps the row comes back as INVALID; only the family can say which. */
      if (in_use != NULL && g_error_matches (local_error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID))
        {
          g_clear_error (&local_error);
          g_set_error_literal (&local_error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID, in_use);
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

  for (guint i = 0; families[i] != NULL; i++)
    _hd_store_mark_changed (self, families[i]);

  return hd_store_commit (self, error);
}

GPtrArray *
_hd_store_collect_rows (HdStore         *self,
                        sqlite3_stmt    *stmt,
                        HdRowReader      read,
                        GDestroyNotify   free_item,
                        const char      *action,
                        GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_item);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, read (stmt));

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return NULL;
    }

  return g_steal_pointer (&items);
}

typedef struct
{
  const char *sql;
  char *param;
  HdRowReader read;
  const char *action;
} RowsQuery;

static void
rows_query_free (gpointer data)
{
  RowsQuery *query = data;

  g_free (query->param);
  g_free (query);
}

static GPtrArray *
query_rows (HdStore   *store,
            gpointer   user_data,
            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const RowsQuery *query = user_data;

  stmt = _hd_store_prepare (store, query->sql, query->action, error);
  if (stmt == NULL)
    return NULL;

  if (sqlite3_bind_parameter_count (stmt) > 0)
    _hd_bind_text (stmt, 1, query->param);

  return _hd_store_collect_rows (store, stmt, query->read, g_object_unref, query->action, error);
}

GListModel *
_hd_store_list_rows (HdStore             *self,
                     GType                item_type,
                     const char * const  *families,
                     const char          *sql,
                     const char          *param,
                     HdRowReader          read,
                     const char          *action,
                     GError             **error)
{
  RowsQuery *query = g_new0 (RowsQuery, 1);

  query->sql = sql;
  query->param = g_strdup (param);
  query->read = read;
  query->action = action;

  return _hd_store_list_new (self, item_type, families, query_rows, query, rows_query_free,
                             error);
}
