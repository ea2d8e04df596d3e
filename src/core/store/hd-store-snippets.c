/* hd-store-snippets.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-snippet.h"
#include "hd-store-private.h"

gboolean
hd_store_save_snippet (HdStore    *self,
                       HdSnippet  *snippet,
                       GError    **error)
{
  const char *action = _("save the snippet");
  const char *name;
  const char *text;
  sqlite3_stmt *stmt;
  gint64 now = _hd_store_now ();

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_SNIPPET (snippet), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = hd_snippet_get_name (snippet);
  text = hd_snippet_get_text (snippet);
  if (name == NULL || name[0] == '\0' || text == NULL || text[0] == '\0')
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not save the snippet because it needs both a name and some "
                     "text. Fill in both and try again."));
      return FALSE;
    }

  stmt = _hd_store_prepare_cached (self,
                                   "INSERT INTO snippets (id, kind, name, text, position,"
                                   "  created_at, updated_at)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
                                   " ON CONFLICT (id) DO UPDATE SET"
                                   "  kind = excluded.kind, name = excluded.name,"
                                   "  text = excluded.text, position = excluded.position,"
                                   "  updated_at = excluded.updated_at",
                                   action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_snippet_get_id (snippet));
  _hd_bind_enum (stmt, 2, HD_TYPE_SNIPPET_KIND, hd_snippet_get_kind (snippet));
  _hd_bind_text (stmt, 3, name);
  _hd_bind_text (stmt, 4, text);
  sqlite3_bind_int (stmt, 5, hd_snippet_get_position (snippet));
  sqlite3_bind_int64 (stmt, 6, now);

  return _hd_store_write_row (self, stmt, HD_STORE_FAMILY_SNIPPETS, action, error);
}

gboolean
hd_store_delete_snippet (HdStore     *self,
                         const char  *id,
                         GError     **error)
{
  static const char * const families[] = { HD_STORE_FAMILY_SNIPPETS, NULL };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _hd_store_delete_row (self, "DELETE FROM snippets WHERE id = ?1", id, families,
                               _("delete the snippet"), NULL, error);
}

static gpointer
snippet_from_row (sqlite3_stmt *stmt)
{
  HdSnippet *snippet = hd_snippet_new ();

  hd_snippet_set_id (snippet, _hd_column_text (stmt, 0));
  hd_snippet_set_kind (snippet, _hd_column_enum (stmt, 1, HD_TYPE_SNIPPET_KIND));
  hd_snippet_set_name (snippet, _hd_column_text (stmt, 2));
  hd_snippet_set_text (snippet, _hd_column_text (stmt, 3));
  hd_snippet_set_position (snippet, sqlite3_column_int (stmt, 4));

  return snippet;
}

/**
 * hd_store_list_snippets:
 *
 * Returns: (transfer full): a list of HdSnippet that follows the store
 */
GListModel *
hd_store_list_snippets (HdStore  *self,
                        GError  **error)
{
  static const char * const families[] = { HD_STORE_FAMILY_SNIPPETS, NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_rows (self, HD_TYPE_SNIPPET, families,
                              "SELECT id, kind, name, text, position FROM snippets"
                              " ORDER BY kind = 'signature', position,"
                              "  name COLLATE NOCASE, id",
                              NULL, snippet_from_row, _("list the snippets"), error);
}
