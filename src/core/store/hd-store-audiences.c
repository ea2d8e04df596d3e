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
  "id, name, spec, estimated_size, estimated_at, created_at, updated_at, estimated_upper"

/* A count not known yet is NULL in the database and -1 on the object. */
static gint64
column_optional (sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;

  return sqlite3_column_int64 (stmt, column);
}

static gpointer
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
  hd_audience_set_estimated_upper (audience, column_optional (stmt, 7));

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
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            " name = excluded.name, spec = excluded.spec,"
                            " estimated_size = excluded.estimated_size,"
                            " estimated_at = excluded.estimated_at,"
                            " updated_at = excluded.updated_at,"
                            " estimated_upper = excluded.estimated_upper",
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
  if (hd_audience_get_estimated_upper (audience) < 0)
    sqlite3_bind_null (stmt, 8);
  else
    sqlite3_bind_int64 (stmt, 8, hd_audience_get_estimated_upper (audience));

  if (!_hd_store_write_row (self, stmt, "audiences", action, error))
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
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _hd_store_load_row (self, "SELECT " AUDIENCE_COLUMNS " FROM audiences WHERE id = ?1",
                             id, audience_from_row, _("load the audience"),
                             _("Herald could not find the audience any more. It may have been "
                               "deleted in another window; reload the page to see what is there "
                               "now."),
                             error);
}

gboolean
hd_store_delete_audience (HdStore     *self,
                          const char  *id,
                          GError     **error)
{
  static const char * const families[] = { "audiences", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  /* The schema refuses to delete an audience an ad set still targets. */
  return _hd_store_delete_row (self, "DELETE FROM audiences WHERE id = ?1", id, families,
                               _("delete the audience"),
                               _("Herald kept this audience because an ad set still targets it. "
                                 "Choose another audience for that ad set first."),
                               error);
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

  return _hd_store_list_rows (self, HD_TYPE_AUDIENCE, families,
                              "SELECT " AUDIENCE_COLUMNS " FROM audiences"
                              " ORDER BY name COLLATE NOCASE, id",
                              NULL, audience_from_row, _("list the audiences"), error);
}

/* One search, however it was typed: composed the same way, lower case, spaces collapsed. */
static char *
normalise_query (const char *query)
{
  g_autofree char *composed = g_utf8_normalize (query, -1, G_NORMALIZE_NFKC);
  g_autofree char *lower = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) kept_words = NULL;

  if (composed == NULL)
    return NULL;

  lower = g_utf8_strdown (composed, -1);
  words = g_strsplit_set (lower, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] != '\0')
        g_strv_builder_add (kept, words[i]);
    }
  kept_words = g_strv_builder_end (kept);

  return g_strjoinv (" ", kept_words);
}

gboolean
hd_store_put_targeting_results (HdStore     *self,
                                const char  *kind,
                                const char  *query,
                                const char  *results,
                                gint64       fetched_at,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  const char *action = _("keep the search results");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL && *kind != '\0', FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (results != NULL, FALSE);

  key = normalise_query (query);
  if (key == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not keep the search results because the search is not "
                     "readable text. Type the search again."));
      return FALSE;
    }

  stmt = _hd_store_prepare (self,
                            "INSERT INTO targeting_cache (kind, query, results, fetched_at)"
                            " VALUES (?1, ?2, json (?3), ?4)"
                            " ON CONFLICT (kind, query) DO UPDATE SET"
                            " results = excluded.results, fetched_at = excluded.fetched_at",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, kind);
  _hd_bind_text (stmt, 2, key);
  _hd_bind_text (stmt, 3, results);
  sqlite3_bind_int64 (stmt, 4, fetched_at);

  return _hd_store_write_row (self, stmt, HD_STORE_FAMILY_AUDIENCES, action, error);
}

char *
hd_store_get_targeting_results (HdStore     *self,
                                const char  *kind,
                                const char  *query,
                                gint64      *fetched_at,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *key = NULL;
  const char *action = _("look up the search results");
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  key = normalise_query (query);
  if (key == NULL)
    return NULL;

  stmt = _hd_store_prepare (self,
                            "SELECT results, fetched_at FROM targeting_cache"
                            " WHERE kind = ?1 AND query = ?2",
                            action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, kind);
  _hd_bind_text (stmt, 2, key);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (fetched_at != NULL)
        *fetched_at = sqlite3_column_int64 (stmt, 1);
      return g_strdup (_hd_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    _hd_store_set_error (self, error, rc, action);

  return NULL;
}
