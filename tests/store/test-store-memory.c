/* test-store-memory.c: what the store's connections keep in memory after reading through
 * more of the file than their caches hold, and after the check on opening it.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <sqlite3.h>

#include "hd-store.h"
#include "hd-store-private.h"

/* About 6 MB of rows: more than either cache holds. */
#define N_ROWS    1500
#define ROW_BYTES 4000

static HdStore *
open_filled_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "herald", "herald.db", NULL);
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autofree char *fill = NULL;

  g_assert_no_error (error);
  fill = g_strdup_printf ("CREATE TABLE filler (bytes BLOB);"
                          "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                          "                         WHERE i < %d)"
                          "INSERT INTO filler SELECT randomblob (%d) FROM n",
                          N_ROWS, ROW_BYTES);
  g_assert_cmpint (sqlite3_exec (_hd_store_get_db (store), fill, NULL, NULL, NULL), ==,
                   SQLITE_OK);

  return g_steal_pointer (&store);
}

static int
cache_used (HdStore *store)
{
  int used = 0;
  int highwater = 0;

  g_assert_cmpint (sqlite3_db_status (_hd_store_get_db (store), SQLITE_DBSTATUS_CACHE_USED,
                                      &used, &highwater, FALSE), ==, SQLITE_OK);
  return used;
}

/* Reads every row on @store's connection and returns the bytes of pages it then keeps. */
static int
read_through (HdStore *store)
{
  sqlite3 *db = _hd_store_get_db (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 total = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT bytes FROM filler", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    total += sqlite3_column_bytes (stmt, 0);
  g_assert_cmpint (total, ==, (gint64) N_ROWS * ROW_BYTES);
  g_clear_pointer (&stmt, sqlite3_finalize);

  return cache_used (store);
}

/* A sync round's listings and a report read on another connection, on a worker thread: what
 * they pass through once stays in the system's file cache, not in Herald, even while the
 * read lasts. The store's own connection keeps more, for the calendar's month. */
static void
test_worker_cache_is_small (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = open_filled_store ();
  g_autoptr(HdStore) other = hd_store_open_another (store, &error);
  int worker_kept;
  int own_kept;

  g_assert_no_error (error);

  worker_kept = read_through (other);
  g_test_message ("another connection keeps %d bytes", worker_kept);
  /* The pages themselves and SQLite's few hundred bytes of bookkeeping on each. */
  g_assert_cmpint (worker_kept, <=, HD_STORE_WORKER_CACHE_KIB * 1024 * 5 / 4);

  own_kept = read_through (store);
  g_test_message ("the store's connection keeps %d bytes", own_kept);
  g_assert_cmpint (own_kept, >, HD_STORE_WORKER_CACHE_KIB * 1024 * 2);
}

/* Opening checks the whole file, every page once: the window that opens it reads a month of
 * posts, not the rest, so the check's pages do not stay with Herald. */
static void
test_check_keeps_little (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) filled = open_filled_store ();
  g_autofree char *path = g_strdup (hd_store_get_path (filled));
  g_autoptr(HdStore) store = NULL;
  int kept;

  g_clear_object (&filled);
  store = hd_store_open (path, &error);
  g_assert_no_error (error);

  kept = cache_used (store);
  g_test_message ("the store's connection keeps %d bytes after opening", kept);
  g_assert_cmpint (kept, <=, HD_STORE_CHECK_CACHE_KIB * 1024 * 5 / 4);

  /* What the window then reads is kept as before. */
  g_assert_cmpint (read_through (store), >, HD_STORE_WORKER_CACHE_KIB * 1024 * 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/store/memory/worker-cache-is-small", test_worker_cache_is_small);
  g_test_add_func ("/herald/store/memory/check-keeps-little", test_check_keeps_little);

  return g_test_run ();
}
