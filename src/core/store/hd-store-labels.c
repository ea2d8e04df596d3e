/* hd-store-labels.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-label.h"
#include "hd-store-private.h"

#define LABEL_COLUMNS \
  "id, name, color"

static HdLabel *
label_from_row (sqlite3_stmt *stmt)
{
  HdLabel *label = hd_label_new ();

  hd_label_set_id (label, _hd_column_text (stmt, 0));
  hd_label_set_name (label, _hd_column_text (stmt, 1));
  hd_label_set_color (label, _hd_column_text (stmt, 2));

  return label;
}

gboolean
hd_store_save_label (HdStore  *self,
                     HdLabel  *label,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("save the label");
  gint64 now = _hd_store_now ();
  gint64 created_at;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_LABEL (label), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "INSERT INTO labels (" LABEL_COLUMNS ")"
                            " VALUES (?1, ?2, ?3)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            " name = excluded.name, color = excluded.color",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_label_get_id (label));
  _hd_bind_text (stmt, 2, hd_label_get_name (label));
  _hd_bind_text (stmt, 3, hd_label_get_color (label));
  created_at = now;

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, "labels");
  if (!hd_store_commit (self, error))
    return FALSE;

  (void)created_at;

  return TRUE;
}

/**
 * hd_store_load_label:
 *
 * Returns: (transfer full): the label, or %NULL with HD_STORE_ERROR_NOT_FOUND
 */
HdLabel *
hd_store_load_label (HdStore     *self,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("load the label");
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _hd_store_prepare (self, "SELECT " LABEL_COLUMNS " FROM labels WHERE id = ?1",
                            action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return label_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                 _("Herald could not find the label any more. It may have been deleted in "
                    "another window; reload the page to see what is there now."));
  else
    _hd_store_set_error (self, error, rc, action);

  return NULL;
}

gboolean
hd_store_delete_label (HdStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("delete the label");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  stmt = _hd_store_prepare (self, "DELETE FROM labels WHERE id = ?1", action, error);
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

  _hd_store_mark_changed (self, "labels");
  _hd_store_mark_changed (self, "posts");

  return hd_store_commit (self, error);
}

static GPtrArray *
query_labels (HdStore   *store,
              gpointer   user_data,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *action = _("list the labels");
  int rc;

  stmt = _hd_store_prepare (store,
                            "SELECT " LABEL_COLUMNS " FROM labels"
                            " ORDER BY name COLLATE NOCASE",
                            action, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, label_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (store, error, rc, action);
      return NULL;
    }

  return g_steal_pointer (&items);
}

/**
 * hd_store_list_labels:
 *
 * Returns: (transfer full): a list of HdLabel that follows the store
 */
GListModel *
hd_store_list_labels (HdStore  *self,
                      GError  **error)
{
  static const char * const families[] = { "labels", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_new (self, HD_TYPE_LABEL, families, query_labels,
                             NULL, NULL, error);
}
