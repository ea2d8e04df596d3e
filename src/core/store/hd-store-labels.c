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

static gpointer
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

  return _hd_store_write_row (self, stmt, "labels", action, error);
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
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _hd_store_load_row (self, "SELECT " LABEL_COLUMNS " FROM labels WHERE id = ?1", id,
                             label_from_row, _("load the label"),
                             _("Herald could not find the label any more. It may have been "
                               "deleted in another window; reload the page to see what is there "
                               "now."),
                             error);
}

gboolean
hd_store_delete_label (HdStore     *self,
                       const char  *id,
                       GError     **error)
{
  static const char * const families[] = { "labels", "posts", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _hd_store_delete_row (self, "DELETE FROM labels WHERE id = ?1", id, families,
                               _("delete the label"), NULL, error);
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

  return _hd_store_list_rows (self, HD_TYPE_LABEL, families,
                              "SELECT " LABEL_COLUMNS " FROM labels"
                              " ORDER BY name COLLATE NOCASE",
                              NULL, label_from_row, _("list the labels"), error);
}
