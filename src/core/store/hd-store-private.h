/* hd-store-private.h: what the store's files share with each other and with the tests.
 *
 * Other core modules that keep tables of their own in the database (src/core/feeds for the
 * feeds and feed_items tables) use these too: prepare with _hd_store_prepare (or
 * _hd_store_prepare_cached for a statement run often), bind with _hd_bind_*, step with
 * _hd_store_step, wrap several writes in hd_store_begin / hd_store_commit (or
 * hd_store_rollback on failure), and call _hd_store_mark_changed (self, HD_STORE_FAMILY_FEEDS)
 * inside the transaction so ::changed::feeds is emitted once it commits. Every write goes
 * through the store's one connection, on the thread that opened it.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "hd-post.h"
#include "hd-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* The page cache of each connection, in KiB: the store's own, that of another connection for
 * long reads on a worker thread (hd_store_open_another()), that of one running an import,
 * which writes far more pages in one transaction than anything else does, and the store's
 * own while the file is checked on opening, a single pass over every page. */
#define HD_STORE_CACHE_KIB         4096
#define HD_STORE_WORKER_CACHE_KIB  1024
#define HD_STORE_IMPORT_CACHE_KIB  16384
#define HD_STORE_CHECK_CACHE_KIB   256

/* Brings @db from its user_version up to @version, one transaction per step. */
gboolean       _hd_store_migrate_to            (sqlite3       *db,
                                                int            version,
                                                GError       **error);

sqlite3       *_hd_store_get_db                (HdStore       *self);

/* A read that takes longer than a frame: run on a worker thread with the store's reader, a
 * connection of its own that sees what the store's connection has committed. @func must only
 * read, and only through @reader. */
typedef gpointer (*HdStoreReadFunc)                (HdStore       *reader,
                                                    gpointer       data,
                                                    GError       **error);
/* Runs @func (reader, @data, error) on a worker thread and calls @callback on the calling
 * thread's main context with its result; @result_free frees a result nobody took. The result
 * has no source object (the store may be gone by the time the thread lets go of it): pass
 * the store to _hd_store_read_finish. */
void           _hd_store_read_async            (HdStore             *self,
                                                HdStoreReadFunc      func,
                                                gpointer             data,
                                                GDestroyNotify       data_free,
                                                GDestroyNotify       result_free,
                                                gpointer             source_tag,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gpointer       _hd_store_read_finish           (HdStore             *self,
                                                GAsyncResult        *result,
                                                gpointer             source_tag,
                                                GError             **error);

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
/* Like _hd_store_prepare, but the statement is kept for the store's lifetime and handed out
 * again, reset and with its bindings cleared, the next time the same @sql (a string that lives
 * as long as the program) is asked for. The caller does not finalize it, and must not hold it
 * across a call that might use the same SQL. */
sqlite3_stmt  *_hd_store_prepare_cached        (HdStore       *self,
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

/* The mechanics the table families share; each family keeps its columns, its rules and its
 * sentences. A reader turns the current row of a statement into a new item. */
typedef gpointer (*HdRowReader) (sqlite3_stmt *stmt);

/* Runs @stmt, a write prepared and bound by the caller, in a transaction of its own, and
 * queues ::changed for @family. */
gboolean       _hd_store_write_row             (HdStore       *self,
                                                sqlite3_stmt  *stmt,
                                                const char    *family,
                                                const char    *action,
                                                GError       **error);
/* Runs @sql with @key as ?1 and reads its one row; no row is HD_STORE_ERROR_NOT_FOUND with
 * the sentence @not_found. */
gpointer       _hd_store_load_row              (HdStore       *self,
                                                const char    *sql,
                                                const char    *key,
                                                HdRowReader    read,
                                                const char    *action,
                                                const char    *not_found,
                                                GError       **error);
/* Runs the DELETE @sql with @key as ?1 in a transaction of its own and queues ::changed for
 * each of @families. No row is HD_STORE_ERROR_NOT_FOUND; a row a reference keeps is
 * HD_STORE_ERROR_INVALID, with the sentence @in_use when it is not %NULL. */
gboolean       _hd_store_delete_row            (HdStore             *self,
                                                const char          *sql,
                                                const char          *key,
                                                const char * const  *families,
                                                const char          *action,
                                                const char          *in_use,
                                                GError             **error);
/* Steps @stmt to its end and reads every row into an array that frees them with @free_item. */
GPtrArray     *_hd_store_collect_rows          (HdStore         *self,
                                                sqlite3_stmt    *stmt,
                                                HdRowReader      read,
                                                GDestroyNotify   free_item,
                                                const char      *action,
                                                GError         **error);
/* A list model over the rows of @sql (a string that lives as long as the program), which may
 * take @param as ?1, read with @read and re-run on ::changed for any of @families. */
GListModel    *_hd_store_list_rows             (HdStore             *self,
                                                GType                item_type,
                                                const char * const  *families,
                                                const char          *sql,
                                                const char          *param,
                                                HdRowReader          read,
                                                const char          *action,
                                                GError             **error);

/* The outbox rule for one post (see hd-store-posts.h). Call
 * _hd_store_collect_post_remotes before writing the post, then _hd_store_apply_outbox_rule
 * after, in the same transaction: scheduled posts get one pending "publish" row per channel,
 * drafts, ideas and deleted posts lose theirs, and a variant that already exists on its
 * platform and goes away gets a "delete" row. */
GPtrArray     *_hd_store_collect_post_remotes  (HdStore       *self,
                                                const char    *post_id,
                                                GError       **error);
gboolean       _hd_store_apply_outbox_rule     (HdStore       *self,
                                                const char    *post_id,
                                                GPtrArray     *remotes_before,
                                                GError       **error);

/* The writes of hd_store_save_post without a transaction of their own, for a caller that
 * holds one around many posts (a savepoint per post would copy every page it touches). The
 * post must have a zone when it has an instant. @fresh promises the post is not stored yet,
 * which skips clearing what an earlier save left. */
gboolean       _hd_store_write_post            (HdStore       *self,
                                                HdPost        *post,
                                                gboolean       fresh,
                                                gint64         now,
                                                GError       **error);
/* The outbox rule for a post just inserted: a publish row per channel when it is scheduled. */
gboolean       _hd_store_queue_new_post        (HdStore       *self,
                                                HdPost        *post,
                                                gint64         now,
                                                GError       **error);

/* Test hook: caps the file at @pages pages so a write really meets SQLITE_FULL. */
gboolean       _hd_store_set_max_page_count    (HdStore       *self,
                                                int            pages,
                                                GError       **error);

G_END_DECLS
