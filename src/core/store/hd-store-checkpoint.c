/* hd-store-checkpoint.c: checkpoints of the write-ahead log on a thread and a connection of
 * their own, for a connection whose commits must not wait for one.
 *
 * SQLite copies the log back into the database file on the commit that takes the log past
 * its mark, on the committing connection, and waits for the disk while it does: tens of
 * milliseconds here. On the sender's connection that commit is the one that makes the next
 * posts ready, so every post of the channel waited with it.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <sqlite3.h>

#include "hd-store.h"
#include "hd-store-private.h"

/* SQLite's own mark: a checkpoint once the log holds this many pages. */
#define CHECKPOINT_AT_PAGES 1000

typedef struct
{
  char *path;
  int   running;   /* atomic: a checkpoint is on its way */
} Checkpointer;

static void
checkpointer_clear (gpointer data)
{
  Checkpointer *checkpointer = data;

  g_free (checkpointer->path);
}

static void
checkpointer_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, checkpointer_clear);
}

static void
checkpoint_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  Checkpointer *checkpointer = task_data;
  sqlite3 *db = NULL;
  int rc;

  /* A passive checkpoint: it copies what no reader still needs and waits for nobody, and
   * writers go on adding to the log meanwhile. A connection learns that the file is in WAL
   * mode only once it has read it, and until then a checkpoint does nothing. */
  rc = sqlite3_open_v2 (checkpointer->path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA schema_version", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  /* Nothing is lost: the pages stay in the log, and the next commit past the mark tries
   * again. */
  if (rc != SQLITE_OK)
    g_debug ("Could not checkpoint %s: %s", checkpointer->path,
             db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);

  g_atomic_int_set (&checkpointer->running, FALSE);
  g_task_return_boolean (task, TRUE);
}

/* Called by SQLite after each commit on the connection, on the committing thread. */
static int
on_log_committed (void       *data,
                  sqlite3    *db,
                  const char *schema,
                  int         n_pages)
{
  Checkpointer *checkpointer = data;
  g_autoptr(GTask) task = NULL;

  if (n_pages < CHECKPOINT_AT_PAGES ||
      !g_atomic_int_compare_and_exchange (&checkpointer->running, FALSE, TRUE))
    return SQLITE_OK;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, on_log_committed);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (checkpointer), checkpointer_release);
  g_task_run_in_thread (task, checkpoint_in_thread);

  return SQLITE_OK;
}

/**
 * hd_store_checkpoint_in_background:
 * @self: a connection
 *
 * From now on, a commit on @self that takes the write-ahead log past SQLite's mark hands the
 * checkpoint to a thread with a connection of its own, and returns without waiting for it.
 */
void
hd_store_checkpoint_in_background (HdStore *self)
{
  Checkpointer *checkpointer;

  g_return_if_fail (HD_IS_STORE (self));

  checkpointer = g_atomic_rc_box_new0 (Checkpointer);
  checkpointer->path = g_strdup (hd_store_get_path (self));
  /* Let go of once the object is finalized, after its connection is closed: the last thing
   * that could call the hook. */
  g_object_set_data_full (G_OBJECT (self), "hd-store-checkpointer", checkpointer,
                          checkpointer_release);
  /* In place of SQLite's own hook, which checkpoints on the committing connection. */
  sqlite3_wal_hook (_hd_store_get_db (self), on_log_committed, checkpointer);
}
