/* hd-store-private.h: what the store's files share with each other and with the tests.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "hd-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Brings @db from its user_version up to @version, one transaction per step. */
gboolean       _hd_store_migrate_to            (sqlite3       *db,
                                                int            version,
                                                GError       **error);

sqlite3       *_hd_store_get_db                (HdStore       *self);

/* Turns a SQLite result into a sentence naming the database's path; @action says what the
 * user was doing, as in "save the post". */
void           _hd_store_set_error             (HdStore       *self,
                                                GError       **error,
                                                int            rc,
                                                const char    *action);
sqlite3_stmt  *_hd_store_prepare               (HdStore       *self,
                                                const char    *sql,
                                                const char    *action,
                                                GError       **error);
/* Steps a statement that returns no rows. */
gboolean       _hd_store_step                  (HdStore       *self,
                                                sqlite3_stmt  *stmt,
                                                const char    *action,
                                                GError       **error);
gboolean       _hd_store_exec                  (HdStore       *self,
                                                const char    *sql,
                                                const char    *action,
                                                GError       **error);
/* Reports a write that matched no row. */
gboolean       _hd_store_check_changed_one     (HdStore       *self,
                                                const char    *action,
                                                GError       **error);
/* Queues ::changed for @family until the outermost transaction commits. */
void           _hd_store_mark_changed          (HdStore       *self,
                                                const char    *family);
gint64         _hd_store_now                   (void);

/* Bindings that store NULL for "not set": a NULL string, or an instant of 0. */
void           _hd_bind_text                   (sqlite3_stmt  *stmt,
                                                int            index,
                                                const char    *text);
void           _hd_bind_instant                (sqlite3_stmt  *stmt,
                                                int            index,
                                                gint64         instant);
void           _hd_bind_enum                   (sqlite3_stmt  *stmt,
                                                int            index,
                                                GType          enum_type,
                                                int            value);
const char    *_hd_column_text                 (sqlite3_stmt  *stmt,
                                                int            column);
int            _hd_column_enum                 (sqlite3_stmt  *stmt,
                                                int            column,
                                                GType          enum_type);

/* A GListModel of @item_type that re-runs @query whenever the store emits ::changed for one
 * of @families. The model holds the store weakly. */
typedef GPtrArray *(*HdStoreQuery) (HdStore   *store,
                                    gpointer   user_data,
                                    GError   **error);

GListModel    *_hd_store_list_new              (HdStore             *store,
                                                GType                item_type,
                                                const char * const  *families,
                                                HdStoreQuery         query,
                                                gpointer             user_data,
                                                GDestroyNotify       destroy,
                                                GError             **error);

/* Test hook: caps the file at @pages pages so a write really meets SQLITE_FULL. */
gboolean       _hd_store_set_max_page_count    (HdStore       *self,
                                                int            pages,
                                                GError       **error);

G_END_DECLS
