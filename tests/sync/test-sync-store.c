/* test-sync-store.c: what the sync engine keeps in the database: the lock that lets one
 * Herald process send at a time, the outbox after migration 4, and the user's answers to a
 * failed row
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-channels.h"

#include <stdio.h>

#include "hd-store-private.h"
#include "hd-sync-lock.h"

typedef struct
{
  TestEnv env;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_env_clear (&fixture->env);
}

static void
exec_sql (HdStore    *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  _hd_store_exec (store, sql, "test", &error);
  g_assert_no_error (error);
}

static gint64
query_int (HdStore    *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = _hd_store_prepare (store, sql, "test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

/* The child's side of /herald/sync/lock/owner-killed: holds the lock until killed. */
static int
hold_lock (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autoptr(HdSyncLock) lock = NULL;
  char line[16];

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  lock = hd_sync_lock_new (store);
  if (!hd_sync_lock_acquire (lock, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("held\n");
  fflush (stdout);
  /* Until the parent closes our stdin, or kills us. */
  while (fgets (line, sizeof line, stdin) != NULL)
    ;

  return 0;
}

static GSubprocess *
spawn_holder (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", &error);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *child;

  g_assert_no_error (error);
  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            &error, self_path, "--hold-lock",
                            hd_store_get_path (fixture->env.store), NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "held");

  return child;
}

/* Another process holds the lock: this one waits, with a sentence; once that process is
 * killed, this one takes over at once, without waiting for the heartbeat to expire. */
static void
test_owner_killed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GSubprocess) child = spawn_holder (fixture);
  g_autoptr(HdSyncLock) lock = hd_sync_lock_new (fixture->env.store);
  g_autoptr(GError) error = NULL;
  gboolean taken = FALSE;

  g_assert_false (hd_sync_lock_acquire (lock, &taken, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, "Another Herald is sending; this one will wait.");
  g_assert_false (hd_sync_lock_get_held (lock));
  g_clear_error (&error);

  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));

  g_assert_true (hd_sync_lock_acquire (lock, &taken, &error));
  g_assert_no_error (error);
  g_assert_true (taken);
  g_assert_true (hd_sync_lock_get_held (lock));

  /* Beating the heartbeat is not taking it again. */
  g_assert_true (hd_sync_lock_acquire (lock, &taken, &error));
  g_assert_false (taken);
}

/* A holder that ends cleanly lets go at once. */
static void
test_owner_exits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSubprocess) child = spawn_holder (fixture);
  g_autoptr(HdSyncLock) lock = hd_sync_lock_new (fixture->env.store);
  g_autoptr(GError) error = NULL;

  g_assert_false (hd_sync_lock_acquire (lock, NULL, &error));
  g_clear_error (&error);

  g_output_stream_close (g_subprocess_get_stdin_pipe (child), NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture->env.store, "SELECT count(*) FROM sync_lock"), ==, 0);

  g_assert_true (hd_sync_lock_acquire (lock, NULL, &error));
  g_assert_no_error (error);
}

/* An owner on another computer (a database on a shared folder) is known only by its
 * heartbeat: alive while it beats, taken over once it has not for too long. */
static void
test_owner_elsewhere (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(HdSyncLock) lock = hd_sync_lock_new (fixture->env.store);
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *stale = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  fresh = g_strdup_printf ("INSERT OR REPLACE INTO sync_lock VALUES (1, 'other', 1, 'elsewhere',"
                           " 'boot', %" G_GINT64_FORMAT ")", now - 30);
  exec_sql (fixture->env.store, fresh);
  g_assert_false (hd_sync_lock_acquire (lock, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);

  stale = g_strdup_printf ("INSERT OR REPLACE INTO sync_lock VALUES (1, 'other', 1, 'elsewhere',"
                           " 'boot', %" G_GINT64_FORMAT ")", now - HD_SYNC_LOCK_EXPIRY - 60);
  exec_sql (fixture->env.store, stale);
  g_assert_true (hd_sync_lock_acquire (lock, NULL, &error));
  g_assert_no_error (error);

  /* Finalized, it lets go. */
  g_clear_object (&lock);
  g_assert_cmpint (query_int (fixture->env.store, "SELECT count(*) FROM sync_lock"), ==, 0);
}

/* A version 3 file's outbox comes through version 4 with every row, and the new state and
 * columns work: one waiting publish row per post and channel, missed ones included. */
static void
test_migration_v4 (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char fill_v3[] =
    "INSERT INTO channels (id, kind, display_name, state, created_at, updated_at) VALUES"
    " ('c-m', 'mastodon', 'Toots', 'connected', 1, 1);"
    "INSERT INTO posts (id, text, state, scheduled_at, time_zone, created_at, updated_at)"
    " VALUES ('p-1', 'Rolls', 'scheduled', 1900000000, 'Europe/London', 1, 1),"
    " ('p-2', 'Rye', 'published', 1800000000, 'Europe/London', 1, 1);"
    "INSERT INTO post_variants (id, post_id, channel_id, state, remote_id) VALUES"
    " ('v-1', 'p-1', 'c-m', 'scheduled', NULL), ('v-2', 'p-2', 'c-m', 'published', '42');"
    "INSERT INTO outbox (id, subject_kind, subject_id, channel_id, operation, state, attempts,"
    " next_attempt_at, last_error, idempotency_key, remote_id, created_at, updated_at) VALUES"
    " ('o-1', 'post', 'p-1', 'c-m', 'publish', 'pending', 2, 1900000060, 'Busy', 'key-1',"
    "  NULL, 5, 6),"
    " ('o-2', 'post', 'p-2', 'c-m', 'publish', 'done', 1, NULL, NULL, 'key-2', '42', 3, 4);";
  g_autofree char *path = g_build_filename (fixture->env.dir, "v3.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdChange) pending = NULL;
  g_autoptr(HdChange) done = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  _hd_store_migrate_to (db, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, fill_v3, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_get_schema_version (store), ==, HD_STORE_SCHEMA_VERSION);

  pending = hd_store_load_change (store, "o-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pending->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (pending->attempts, ==, 2);
  g_assert_cmpint (pending->next_attempt_at, ==, 1900000060);
  g_assert_cmpstr (pending->last_error, ==, "Busy");
  g_assert_cmpstr (pending->idempotency_key, ==, "key-1");
  g_assert_cmpint (pending->created_at, ==, 5);
  g_assert_false (pending->send_late);
  g_assert_null (pending->record_key);
  g_assert_false (pending->remote_scheduled);
  done = hd_store_load_change (store, "o-2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->state, ==, HD_OUTBOX_STATE_DONE);
  g_assert_cmpstr (done->remote_id, ==, "42");

  hd_store_miss_change (store, "o-1", 1900001000, &error);
  g_assert_no_error (error);
  g_clear_pointer (&pending, hd_change_free);
  pending = hd_store_load_change (store, "o-1", &error);
  g_assert_cmpint (pending->state, ==, HD_OUTBOX_STATE_MISSED);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM posts WHERE id = 'p-1'"
                                     " AND state = 'needs-attention'"), ==, 1);
  /* A second waiting publish row of the same post and channel is refused. */
  g_assert_cmpint (0xff & sqlite3_exec (_hd_store_get_db (store),
                                 "INSERT INTO outbox (id, subject_kind, subject_id, channel_id,"
                                 " operation, idempotency_key, created_at, updated_at) VALUES"
                                 " ('o-3', 'post', 'p-1', 'c-m', 'publish', 'key-3', 7, 7)",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (0xff & sqlite3_exec (_hd_store_get_db (store),
                                 "UPDATE outbox SET state = 'lost' WHERE id = 'o-1'",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
}

static HdChannel *
add_channel (HdStore *store)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_BLUESKY);
  hd_channel_set_display_name (channel, "Bakery");
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);

  return channel;
}

/* "Try again" on a failed row: pending with its attempts, the post scheduled again. */
static void
test_retry_failed (Fixture       *fixture,
                   gconstpointer  data)
{
  HdStore *store = fixture->env.store;
  g_autoptr(HdChannel) channel = add_channel (store);
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();
  g_autoptr(HdPost) loaded = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(HdChange) row = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  hd_post_set_text (post, "Too long, they said");
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, TEST_NOW);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
  hd_post_add_variant (post, variant);
  hd_store_save_post (store, post, &error);
  g_assert_no_error (error);

  rows = hd_store_list_changes (store, NULL, HD_OUTBOX_STATE_PENDING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  id = ((HdChange *) g_ptr_array_index (rows, 0))->id;

  /* Only a failed row can be tried again. */
  g_assert_false (hd_store_retry_change (store, id, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  hd_store_begin_sending_change (store, id, &error);
  g_assert_no_error (error);
  hd_store_fail_change (store, id, "Text too long", &error);
  g_assert_no_error (error);
  loaded = hd_store_load_post (store, hd_post_get_id (post), &error);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_NEEDS_ATTENTION);

  hd_store_retry_change (store, id, &error);
  g_assert_no_error (error);
  row = hd_store_load_change (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (row->attempts, ==, 1);
  g_clear_object (&loaded);
  loaded = hd_store_load_post (store, hd_post_get_id (post), &error);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpint (hd_variant_get_state (hd_post_find_variant (loaded,
                                           hd_channel_get_id (channel))),
                   ==, HD_POST_STATE_SCHEDULED);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--hold-lock"))
    return hold_lock (argv[2]);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/herald/sync/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("lock/owner-killed", test_owner_killed);
  ADD ("lock/owner-exits", test_owner_exits);
  ADD ("lock/owner-elsewhere", test_owner_elsewhere);
  ADD ("outbox/migration-v4", test_migration_v4);
  ADD ("outbox/retry-failed", test_retry_failed);

  return g_test_run ();
}
