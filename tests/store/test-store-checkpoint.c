/* test-store-checkpoint.c: a connection that leaves the write-ahead log's checkpoints to a
 * thread of its own still keeps the log from growing without end.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "hd-store.h"
#include "hd-store-private.h"

/* About 2 MB per commit, 48 MB in all: far past SQLite's mark of 1,000 pages (4 MB). */
#define N_COMMITS       24
#define ROWS_PER_COMMIT 500
#define ROW_BYTES       4000
/* The log may run past the mark by what is committed while a checkpoint is on its way. */
#define MAX_LOG_BYTES   (16 * 1024 * 1024)

static gint64
log_size (HdStore *store)
{
  g_autofree char *path = g_strconcat (hd_store_get_path (store), "-wal", NULL);
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_size;
}

static gint64
count_rows (HdStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_hd_store_get_db (store), "SELECT count(*) FROM filler",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The sender's connection writes a post's state many times over while a queue goes out:
 * however long that lasts, the log next to the database stays a few MB, and every row written
 * is there. */
static void
test_log_stays_small (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "herald", "herald.db", NULL);
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autoptr(HdStore) other = NULL;
  g_autofree char *fill = NULL;
  gint64 largest = 0;

  g_assert_no_error (error);
  other = hd_store_open_another (store, &error);
  g_assert_no_error (error);
  hd_store_checkpoint_in_background (other);

  g_assert_cmpint (sqlite3_exec (_hd_store_get_db (other), "CREATE TABLE filler (bytes BLOB)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  fill = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                          "                         WHERE i < %d)"
                          "INSERT INTO filler SELECT randomblob (%d) FROM n",
                          ROWS_PER_COMMIT, ROW_BYTES);

  for (guint i = 0; i < N_COMMITS; i++)
    {
      g_assert_cmpint (sqlite3_exec (_hd_store_get_db (other), fill, NULL, NULL, NULL), ==,
                       SQLITE_OK);
      largest = MAX (largest, log_size (other));
      /* Time for the checkpoint's thread, as sending a post gives it. */
      g_usleep (50 * G_TIME_SPAN_MILLISECOND);
    }

  g_test_message ("the log reached %" G_GINT64_FORMAT " bytes", largest);
  g_assert_cmpint (largest, <=, MAX_LOG_BYTES);
  g_assert_cmpint (count_rows (store), ==, N_COMMITS * ROWS_PER_COMMIT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/store/checkpoint/log-stays-small", test_log_stays_small);

  return g_test_run ();
}
