/* test-store-stress.c: the database when the machine works against it. The disk fills up for
 * real (a file size limit on the process, and a small filesystem of its own) during a large
 * write and during a checkpoint of the write-ahead log; a second process, and the `herald`
 * command line, write at the same time; and a process that saves posts with their outbox rows
 * is killed with SIGKILL at random points, over and over. Each time the store opens afterwards,
 * passes quick_check, and holds every transaction that was committed, whole. And the file is
 * made read-only while Herald has it open.
 *
 * The kills are drawn from a seeded generator (HERALD_TEST_SEED, else a fixed default, printed
 * so that a failure can be replayed); the moment a signal lands still depends on the machine.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "hd-core.h"
#include "hd-store-private.h"

#define DEFAULT_SEED 20261129
#define N_KILLS 30
/* The writer pads each post to a random length up to this, so that transactions span many
 * pages and the log reaches its automatic checkpoint within the runs. */
#define KILL_PADDING_MAX (24 * 1024)
#define MAX_KILL_DELAY_US 40000
#define MAX_COMMITS_BEFORE_KILL 4
/* Transactions of one run are numbered from run × this, so that runs never share a number. */
#define TXNS_PER_RUN 1000000
#define CONCURRENT_TXNS 40
#define CONCURRENT_CLI_POSTS 8
/* 2030-01-01 09:00 UTC, well in the future, so every saved post waits in the outbox. */
#define SCHEDULED_AT G_GINT64_CONSTANT (1893488400)

/* Working files of one test, outside the isolated test dirs so a subprocess finds them. */
typedef struct
{
  char *dir;
  char *path;
  char *channel_id;
} Fixture;

/* What a writer process said it committed: the transaction's number and its posts. */
typedef struct
{
  guint64    txn;
  GStrv      post_ids;
} Committed;

static void
committed_free (gpointer data)
{
  Committed *committed = data;

  g_strfreev (committed->post_ids);
  g_free (committed);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static HdStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  HdStore *store = hd_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static gint64
query_int (HdStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 result;

  g_assert_cmpint (sqlite3_prepare_v2 (_hd_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return result;
}

static void
assert_quick_check_ok (HdStore *store)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_hd_store_get_db (store), "PRAGMA quick_check", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;

  return st.st_size;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdChannel) channel = hd_channel_new ();

  fixture->dir = g_dir_make_tmp ("herald-stress-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "herald.db", NULL);

  store = open_store (fixture->path);
  hd_channel_set_kind (channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (channel, "Bakery toots");
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);
  fixture->channel_id = g_strdup (hd_channel_get_id (channel));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->channel_id);
}

/* A post scheduled on @channel_id, as the composer saves it: the store gives it a pending
 * outbox row in the same transaction. */
static HdPost *
new_scheduled_post (const char *channel_id,
                    const char *text)
{
  HdPost *post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, SCHEDULED_AT);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, channel_id);
  hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
  hd_post_add_variant (post, variant);

  return post;
}

static char *
save_scheduled_post (HdStore    *store,
                     const char *channel_id,
                     const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = new_scheduled_post (channel_id, text);

  hd_store_save_post (store, post, &error);
  g_assert_no_error (error);

  return g_strdup (hd_post_get_id (post));
}

/* @n posts of @length characters each, numbered from @first in their text. */
static GPtrArray *
fill_posts (HdStore    *store,
            const char *channel_id,
            const char *label,
            guint       first,
            guint       n,
            gsize       length)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *padding = g_strnfill (length, 'a' + i % 26);
      g_autofree char *text = g_strdup_printf ("%s %u %s", label, i, padding);

      g_ptr_array_add (ids, save_scheduled_post (store, channel_id, text));
    }

  return ids;
}

/* Every post its text says it is, with exactly one publish row waiting in the outbox. */
static void
assert_post_whole (HdStore    *store,
                   const char *id,
                   const char *text_prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = hd_store_load_post (store, id, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (post);
  if (!g_str_has_prefix (hd_post_get_text (post), text_prefix))
    g_error ("Post %s reads “%.40s”, not “%s…”", id, hd_post_get_text (post), text_prefix);
  g_assert_cmpuint (g_list_model_get_n_items (hd_post_get_variants (post)), ==, 1);

  sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE subject_kind = 'post'"
                         " AND subject_id = '%s' AND operation = 'publish'", id);
  g_assert_cmpint (query_int (store, sql), ==, 1);
}

/* The rules that hold for every row whether or not its writer lived to report it: no
 * scheduled post without its outbox row, no post without its variant, no outbox row without
 * its post. (Drafts have no outbox rows.) */
static void
assert_no_half_writes (HdStore *store)
{
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM posts p WHERE p.state = 'scheduled' AND"
                              " (SELECT count(*) FROM outbox o WHERE o.subject_id = p.id"
                              "  AND o.operation = 'publish') != 1"), ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM outbox o WHERE NOT EXISTS"
                              " (SELECT 1 FROM posts p WHERE p.id = o.subject_id)"), ==, 0);
  g_assert_cmpint (query_int (store,
                              "SELECT count(*) FROM posts p WHERE NOT EXISTS"
                              " (SELECT 1 FROM post_variants v WHERE v.post_id = p.id)"), ==, 0);
}

/* The writer process */

static guint
posts_in_transaction (guint64 txn)
{
  return 1 + txn % 3;
}

static void
write_line (const char *line)
{
  gsize length = strlen (line);
  gsize done = 0;

  /* One write(2) per line, straight to the pipe: what the parent reads was said after the
   * commit returned, never buffered across a kill. */
  while (done < length)
    {
      gssize n = write (STDOUT_FILENO, line + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      done += n;
    }
}

static void
report_failure (const char *what,
                GError     *error)
{
  g_autofree char *line = g_strdup_printf ("%s %d %s\n", what, error->code, error->message);

  write_line (line);
}

/* Saves @n_txns transactions (0: until killed) of one to three posts each, numbered from
 * @first, and says "committed TXN ID…" once each commit has returned. */
static int
run_writer (const char *path,
            const char *channel_id,
            guint64     first,
            guint       n_txns,
            guint       padding_max)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) first);

  if (store == NULL)
    {
      report_failure ("refused", error);
      return 0;
    }

  for (guint64 txn = first; n_txns == 0 || txn < first + n_txns; txn++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      gboolean saved = TRUE;

      g_string_printf (line, "committed %" G_GUINT64_FORMAT, txn);
      if (!hd_store_begin (store, &error))
        {
          report_failure ("failed", error);
          g_clear_error (&error);
          continue;
        }

      for (guint j = 0; j < posts_in_transaction (txn) && saved; j++)
        {
          gsize length = g_rand_int_range (rand, 0, padding_max + 1);
          g_autofree char *padding = g_strnfill (length, 'a' + j);
          g_autofree char *text = g_strdup_printf ("txn %" G_GUINT64_FORMAT " post %u %s", txn,
                                                   j, padding);
          g_autoptr(HdPost) post = new_scheduled_post (channel_id, text);

          saved = hd_store_save_post (store, post, &error);
          if (saved)
            g_string_append_printf (line, " %s", hd_post_get_id (post));
        }

      if (!saved)
        {
          hd_store_rollback (store);
          report_failure ("failed", error);
          g_clear_error (&error);
          continue;
        }

      if (!hd_store_commit (store, &error))
        {
          report_failure ("failed", error);
          g_clear_error (&error);
          continue;
        }

      g_string_append_c (line, '\n');
      write_line (line->str);
    }

  return 0;
}

static char *
own_executable (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  g_assert_no_error (error);

  return path;
}

static GSubprocess *
spawn_writer (Fixture *fixture,
              guint64  first,
              guint    n_txns,
              guint    padding_max)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = own_executable ();
  g_autofree char *first_arg = g_strdup_printf ("%" G_GUINT64_FORMAT, first);
  g_autofree char *n_arg = g_strdup_printf ("%u", n_txns);
  g_autofree char *padding_arg = g_strdup_printf ("%u", padding_max);
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self, "--writer",
                              fixture->path, fixture->channel_id, first_arg, n_arg, padding_arg,
                              NULL);
  g_assert_no_error (error);

  return process;
}

/* Reads one whole line of the writer's; FALSE at the end of its output, including when the
 * last line was cut short by the kill. */
static gboolean
read_line (GDataInputStream  *stream,
           char             **line)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  text = g_data_input_stream_read_upto (stream, "\n", 1, &length, NULL, &error);
  g_assert_no_error (error);
  if (text == NULL)
    return FALSE;

  /* The newline itself: without it the writer died mid-line, and that line says nothing. */
  g_data_input_stream_read_byte (stream, NULL, &error);
  if (error != NULL)
    return FALSE;

  *line = g_steal_pointer (&text);
  return TRUE;
}

/* Files a line of the writer's: a commit, or a failure whose sentence must say the database
 * is busy (the only failure these tests allow). Returns TRUE for a commit. */
static gboolean
file_line (const char *line,
           GPtrArray  *committed,
           guint      *n_busy)
{
  g_auto(GStrv) words = NULL;
  Committed *entry;

  if (g_str_has_prefix (line, "failed ") || g_str_has_prefix (line, "refused "))
    {
      int code = 0;
      const char *message = strchr (strchr (line, ' ') + 1, ' ');

      sscanf (strchr (line, ' ') + 1, "%d", &code);
      g_test_message ("writer: %s", line);
      if (code != HD_STORE_ERROR_LOCKED || message == NULL ||
          (strstr (message, "busy") == NULL && strstr (message, "in use") == NULL))
        g_error ("A writer failed without saying the database is busy: %s", line);
      (*n_busy)++;
      return FALSE;
    }

  g_assert_true (g_str_has_prefix (line, "committed "));
  words = g_strsplit (line, " ", -1);
  entry = g_new0 (Committed, 1);
  entry->txn = g_ascii_strtoull (words[1], NULL, 10);
  entry->post_ids = g_strdupv (words + 2);
  g_assert_cmpuint (g_strv_length (entry->post_ids), ==, posts_in_transaction (entry->txn));
  g_ptr_array_add (committed, entry);

  return TRUE;
}

/* Every reported transaction is there in full, and no transaction is there in part. */
static void
assert_transactions_whole (HdStore   *store,
                           GPtrArray *committed)
{
  g_autoptr(GHashTable) posts_per_txn = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                               g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < committed->len; i++)
    {
      Committed *entry = g_ptr_array_index (committed, i);

      for (guint j = 0; entry->post_ids[j] != NULL; j++)
        {
          g_autofree char *prefix = g_strdup_printf ("txn %" G_GUINT64_FORMAT " post %u ",
                                                     entry->txn, j);

          assert_post_whole (store, entry->post_ids[j], prefix);
        }
    }

  assert_no_half_writes (store);

  g_assert_cmpint (sqlite3_prepare_v2 (_hd_store_get_db (store),
                                       "SELECT text FROM posts WHERE text LIKE 'txn %'", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint64 txn = 0;
      gint64 *txn_key;

      g_assert_cmpint (sscanf ((const char *) sqlite3_column_text (stmt, 0),
                               "txn %" G_GUINT64_FORMAT, &txn), ==, 1);
      txn_key = g_new (gint64, 1);
      *txn_key = txn;
      value = g_hash_table_lookup (posts_per_txn, txn_key);
      g_hash_table_replace (posts_per_txn, txn_key,
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
    }
  sqlite3_finalize (stmt);

  g_hash_table_iter_init (&iter, posts_per_txn);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint64 txn = *(gint64 *) key;

      if (GPOINTER_TO_UINT (value) != posts_in_transaction (txn))
        g_error ("Transaction %" G_GUINT64_FORMAT " left %u of its %u posts", txn,
                 GPOINTER_TO_UINT (value), posts_in_transaction (txn));
    }
}

static guint32
test_seed (void)
{
  const char *text = g_getenv ("HERALD_TEST_SEED");
  guint32 seed = text != NULL ? (guint32) g_ascii_strtoull (text, NULL, 10) : DEFAULT_SEED;

  g_test_message ("Seed %u (set HERALD_TEST_SEED to replay)", seed);

  return seed;
}

/* Power cut */

static void
test_killed_mid_transaction (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (test_seed ());
  g_autoptr(GPtrArray) committed = g_ptr_array_new_with_free_func (committed_free);
  guint n_busy = 0;

  for (guint run = 0; run < N_KILLS; run++)
    {
      g_autoptr(GSubprocess) writer = NULL;
      g_autoptr(GDataInputStream) stream = NULL;
      g_autoptr(HdStore) store = NULL;
      g_autoptr(GError) error = NULL;
      guint commits_before_kill = g_rand_int_range (rand, 0, MAX_COMMITS_BEFORE_KILL + 1);
      guint delay_us = g_rand_int_range (rand, 0, MAX_KILL_DELAY_US);
      guint n_before = committed->len;
      char *line = NULL;

      writer = spawn_writer (fixture, (guint64) (run + 1) * TXNS_PER_RUN, 0, KILL_PADDING_MAX);
      stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));

      for (guint i = 0; i < commits_before_kill; i++)
        {
          g_autofree char *owned = NULL;

          g_assert_true (read_line (stream, &line));
          owned = line;
          g_assert_true (file_line (line, committed, &n_busy));
        }

      g_usleep (delay_us);
      g_subprocess_send_signal (writer, SIGKILL);
      g_subprocess_wait (writer, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (writer));
      g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);

      while (read_line (stream, &line))
        {
          g_autofree char *owned = line;

          g_assert_true (file_line (line, committed, &n_busy));
        }

      g_test_message ("Run %u: killed %u microseconds after its commit %u (0: its start), "
                      "%u commits reported", run, delay_us, commits_before_kill,
                      committed->len - n_before);

      /* The same checks hd_store_open makes, and then the rows. */
      store = hd_store_open (fixture->path, &error);
      g_assert_no_error (error);
      assert_quick_check_ok (store);
      assert_transactions_whole (store, committed);
    }

  g_assert_cmpuint (n_busy, ==, 0);
  /* Many runs saw commits: the kills did not all land before the first one. */
  g_assert_cmpuint (committed->len, >=, N_KILLS);
}

/* Another Herald */

static void
read_writer_output (GSubprocess *writer,
                    GPtrArray   *committed,
                    guint       *n_busy)
{
  g_autoptr(GDataInputStream) stream =
    g_data_input_stream_new (g_subprocess_get_stdout_pipe (writer));
  g_autoptr(GError) error = NULL;
  char *line = NULL;

  while (read_line (stream, &line))
    {
      g_autofree char *owned = line;

      file_line (line, committed, n_busy);
    }

  g_subprocess_wait_check (writer, NULL, &error);
  g_assert_no_error (error);
}

/* Two processes with a connection each, and `herald post` run over and over, all writing at
 * once: each write either lands or its process says the database is busy; nothing is lost. */
static void
test_second_process (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) committed = g_ptr_array_new_with_free_func (committed_free);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *herald = g_build_filename (g_getenv ("HERALD_BUILD_ROOT"), "src", "herald",
                                              NULL);
  guint n_busy = 0;
  guint n_posts = 0;
  guint n_writer_posts = 0;

  first = spawn_writer (fixture, 1 * TXNS_PER_RUN, CONCURRENT_TXNS, 4096);
  second = spawn_writer (fixture, 2 * TXNS_PER_RUN, CONCURRENT_TXNS, 4096);

  for (guint i = 0; i < CONCURRENT_CLI_POSTS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("Draft from the command line %u", i);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_auto(GStrv) env = g_get_environ ();
      const char *argv[] = { herald, "post", "--channel", fixture->channel_id, text,
                             "--data-dir", fixture->dir, NULL };
      int status = 0;

      env = g_environ_unsetenv (env, "DISPLAY");
      env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
      env = g_environ_unsetenv (env, "HERALD_DATA_DIR");
      env = g_environ_setenv (env, "GDK_BACKEND", "none", TRUE);
      g_spawn_sync (fixture->dir, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                    &status, &error);
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (status));

      if (WEXITSTATUS (status) == 0)
        {
          g_assert_true (g_str_has_prefix (out, "Saved draft "));
          g_ptr_array_add (drafts, g_steal_pointer (&text));
        }
      else
        {
          g_test_message ("herald post: %s", err);
          if (strstr (err, "busy") == NULL && strstr (err, "in use") == NULL)
            g_error ("`herald post` failed without saying the database is busy: %s", err);
          n_busy++;
        }
    }

  read_writer_output (first, committed, &n_busy);
  read_writer_output (second, committed, &n_busy);
  g_test_message ("%u transactions committed, %u drafts saved, %u refused as busy",
                  committed->len, drafts->len, n_busy);
  g_assert_cmpuint (committed->len + drafts->len, >, 0);

  store = open_store (fixture->path);
  assert_quick_check_ok (store);
  assert_transactions_whole (store, committed);

  for (guint i = 0; i < committed->len; i++)
    n_writer_posts += g_strv_length (((Committed *) g_ptr_array_index (committed, i))->post_ids);
  hd_store_count_posts (store, &n_posts, NULL);
  g_assert_cmpuint (n_posts, ==, n_writer_posts + drafts->len);

  for (guint i = 0; i < drafts->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM posts WHERE text = '%s'"
                                              " AND state = 'draft'",
                                              (const char *) g_ptr_array_index (drafts, i));

      g_assert_cmpint (query_int (store, sql), ==, 1);
    }
}

/* Another Herald holds the write lock for longer than the store waits: the save is refused
 * with a sentence that says the database is busy and what to do, the store is left usable,
 * and the same save goes through once the other lets go. */
static void
test_held_by_another (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(HdStore) mine = open_store (fixture->path);
  g_autoptr(HdStore) other = open_store (fixture->path);
  g_autoptr(HdPost) post = new_scheduled_post (fixture->channel_id, "Waiting for the lock");
  g_autoptr(GError) error = NULL;
  g_autofree char *other_id = NULL;
  guint n_posts = 0;

  g_assert_true (hd_store_begin (other, &error));
  g_assert_no_error (error);
  other_id = save_scheduled_post (other, fixture->channel_id, "Written by the other");

  g_assert_false (hd_store_save_post (mine, post, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_LOCKED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "busy"));
  g_assert_nonnull (strstr (error->message, "try again"));
  g_clear_error (&error);
  g_assert_cmpint (sqlite3_get_autocommit (_hd_store_get_db (mine)), !=, 0);

  g_assert_true (hd_store_commit (other, &error));
  g_assert_no_error (error);
  g_clear_object (&other);

  hd_store_save_post (mine, post, &error);
  g_assert_no_error (error);
  hd_store_count_posts (mine, &n_posts, &error);
  g_assert_cmpuint (n_posts, ==, 2);
  assert_post_whole (mine, other_id, "Written by the other");
  assert_post_whole (mine, hd_post_get_id (post), "Waiting for the lock");
  assert_no_half_writes (mine);
}

/* A full disk */

static void
assert_disk_full_sentence (GError     *error,
                           const char *path)
{
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_DISK_FULL);
  g_test_message ("%s", error->message);
  /* Where, what happened, and what to do about it, in words. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "is full"));
  g_assert_nonnull (strstr (error->message, "Free some space"));
  g_assert_null (strstr (error->message, "I/O"));
  g_assert_null (strstr (error->message, "errno"));
}

static void
limit_file_size (gsize limit)
{
  struct rlimit rlimit = { .rlim_cur = limit, .rlim_max = limit };

  /* Without the signal's default action, write(2) past the limit fails with EFBIG, as it
   * fails with ENOSPC on a full disk. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &rlimit), ==, 0);
}

#define SMALL_TEXT "Small post before the limit"
#define BIG_TEXT_LENGTH (3 * 1024 * 1024)

/* The process may not grow a file past a little more than the database is now: a small post
 * fits, a 3 MB one does not, and the user is told the disk is full. */
static void
test_file_size_limit (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) big = NULL;
  g_autofree char *big_text = NULL;
  guint n_posts = 0;

  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("HERALD_STRESS_PATH");
      const char *channel_id = g_getenv ("HERALD_STRESS_CHANNEL");
      g_autofree char *small_id = NULL;

      store = open_store (path);
      limit_file_size (file_size (path) + 96 * 1024);

      small_id = save_scheduled_post (store, channel_id, SMALL_TEXT);

      big_text = g_strnfill (BIG_TEXT_LENGTH, 'b');
      big = new_scheduled_post (channel_id, big_text);
      g_assert_false (hd_store_save_post (store, big, &error));
      assert_disk_full_sentence (error, path);
      g_clear_error (&error);

      /* The store is still usable, and has everything but the big post. */
      g_assert_cmpint (sqlite3_get_autocommit (_hd_store_get_db (store)), !=, 0);
      hd_store_count_posts (store, &n_posts, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n_posts, ==, 41);
      g_print ("saved %s\n", small_id);
      return;
    }

  store = open_store (fixture->path);
  ids = fill_posts (store, fixture->channel_id, "Before the limit", 0, 40, 2000);
  g_clear_object (&store);

  g_setenv ("HERALD_STRESS_PATH", fixture->path, TRUE);
  g_setenv ("HERALD_STRESS_CHANNEL", fixture->channel_id, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("saved *");

  store = open_store (fixture->path);
  assert_quick_check_ok (store);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("Before the limit %u ", i);

      assert_post_whole (store, g_ptr_array_index (ids, i), prefix);
    }
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM posts WHERE text = '" SMALL_TEXT "'"),
                   ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM posts WHERE length (text) > 1000000"),
                   ==, 0);
  assert_no_half_writes (store);

  /* With room again, the same save goes through. */
  big_text = g_strnfill (BIG_TEXT_LENGTH, 'b');
  big = new_scheduled_post (fixture->channel_id, big_text);
  hd_store_save_post (store, big, &error);
  g_assert_no_error (error);
  hd_store_count_posts (store, &n_posts, &error);
  g_assert_cmpuint (n_posts, ==, 42);
}

/* The write-ahead log holds committed posts that the database file cannot take in: every
 * checkpoint fails, at commit and at close, and nothing committed is lost. */
static void
test_checkpoint_disk_full (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) logged = NULL;
  g_autoptr(GError) error = NULL;
  guint n_posts = 0;

  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("HERALD_STRESS_PATH");
      const char *channel_id = g_getenv ("HERALD_STRESS_CHANNEL");
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      gsize limit;
      int rc;

      store = open_store (path);
      /* A smaller threshold than SQLite's thousand pages, so the automatic checkpoint comes
       * due several times within the posts below. */
      g_assert_cmpint (sqlite3_wal_autocheckpoint (_hd_store_get_db (store), 20), ==,
                       SQLITE_OK);
      limit = file_size (path) + 4096;
      limit_file_size (limit);

      logged = fill_posts (store, channel_id, "In the log", 0, 30, 4000);
      for (guint i = 0; i < logged->len; i++)
        g_print ("logged %u %s\n", i, (const char *) g_ptr_array_index (logged, i));

      /* The log grew past the threshold, and the database file could not. */
      g_test_message ("Database %" G_GSIZE_FORMAT " bytes, log %" G_GSIZE_FORMAT, file_size (path),
                      file_size (wal));
      g_assert_cmpuint (file_size (wal), >, 20 * 4096);
      g_assert_cmpuint (file_size (path), <=, limit);
      rc = sqlite3_wal_checkpoint_v2 (_hd_store_get_db (store), NULL, SQLITE_CHECKPOINT_PASSIVE,
                                      NULL, NULL);
      g_assert_cmpint (rc, !=, SQLITE_OK);

      hd_store_count_posts (store, &n_posts, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n_posts, ==, 300 + 30);
      /* Closing tries the checkpoint once more, and fails the same way. */
      g_clear_object (&store);
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
      return;
    }

  store = open_store (fixture->path);
  before = fill_posts (store, fixture->channel_id, "Before the log", 0, 300, 8000);
  g_clear_object (&store);

  g_setenv ("HERALD_STRESS_PATH", fixture->path, TRUE);
  g_setenv ("HERALD_STRESS_CHANNEL", fixture->channel_id, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*logged 29 *");

  store = open_store (fixture->path);
  assert_quick_check_ok (store);
  hd_store_count_posts (store, &n_posts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_posts, ==, 330);
  for (guint i = 0; i < before->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("Before the log %u ", i);

      assert_post_whole (store, g_ptr_array_index (before, i), prefix);
    }
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM posts WHERE text LIKE 'In the log %'"),
                   ==, 30);
  assert_no_half_writes (store);

  /* With room again the log is taken in, and the posts are still there. */
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (_hd_store_get_db (store), NULL,
                                              SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM posts WHERE text LIKE 'In the log %'"),
                   ==, 30);
  assert_quick_check_ok (store);
}

/* The file made read-only while Herald has it open: what was saved before and after stays,
 * the next start is refused with a sentence and leaves the file as it was, and once the user
 * gives the permission back everything is there. */
static void
test_read_only_while_open (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(HdStore) store = open_store (fixture->path);
  g_autoptr(GPtrArray) before = fill_posts (store, fixture->channel_id, "Before chmod", 0, 10,
                                            500);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) after = new_scheduled_post (fixture->channel_id, "After chmod");
  g_autofree char *checksum_before = NULL;
  g_autofree char *checksum_after = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n_posts = 0;

  g_assert_cmpint (g_chmod (fixture->path, 0400), ==, 0);

  /* The connection keeps the file it opened; a save now either lands or says why not. */
  if (!hd_store_save_post (store, after, &error))
    {
      g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY);
      g_clear_object (&after);
      g_clear_error (&error);
    }
  g_clear_object (&store);

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  checksum_before = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
  g_clear_pointer (&contents, g_free);

  store = hd_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "may not write"));
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  checksum_after = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
  g_assert_cmpstr (checksum_before, ==, checksum_after);

  g_assert_cmpint (g_chmod (fixture->path, 0600), ==, 0);
  store = open_store (fixture->path);
  assert_quick_check_ok (store);
  for (guint i = 0; i < before->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("Before chmod %u ", i);

      assert_post_whole (store, g_ptr_array_index (before, i), prefix);
    }
  if (after != NULL)
    assert_post_whole (store, hd_post_get_id (after), "After chmod");
  hd_store_count_posts (store, &n_posts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_posts, ==, before->len + (after != NULL ? 1 : 0));
  assert_no_half_writes (store);
}

/* Fills the filesystem holding @dir until it refuses another byte. */
static char *
fill_disk (const char *dir)
{
  char *filler = g_build_filename (dir, "filler", NULL);
  char block[16 * 1024];
  int fd = g_open (filler, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  memset (block, 'f', sizeof block);
  for (;;)
    {
      gssize n = write (fd, block, sizeof block);

      if (n < 0)
        {
          g_assert_cmpint (errno, ==, ENOSPC);
          break;
        }
    }
  /* And the last few bytes. */
  while (write (fd, block, 1) == 1)
    ;
  close (fd);

  return filler;
}

/* Runs in a mount namespace of its own, so the small filesystem goes when the process does;
 * FALSE when the system does not allow one. */
static gboolean
mount_small_disk (const char *dir)
{
  if (unshare (CLONE_NEWNS) != 0)
    return FALSE;
  /* The kernel ignores the source and type of a change of propagation; memcheck 3.19 reads
   * the type as a string all the same. */
  if (mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0)
    return FALSE;

  return mount ("herald-test-disk", dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=8m,mode=0700")
         == 0;
}

/* A real full disk: an 8 MB filesystem filled to the last byte while Herald has its database
 * open on it. The save is refused with a sentence, the database opens again on the full disk
 * with everything it had, and once a file is deleted the same save goes through. */
static void
test_small_disk (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *marker = NULL;

  if (g_test_subprocess ())
    {
      const char *dir = g_getenv ("HERALD_STRESS_DIR");
      g_autofree char *disk = g_build_filename (dir, "disk", NULL);
      g_autofree char *path = g_build_filename (disk, "herald.db", NULL);
      g_autofree char *filler = NULL;
      g_autofree char *text = g_strnfill (64 * 1024, 'q');
      g_autoptr(HdStore) store = NULL;
      g_autoptr(HdChannel) channel = hd_channel_new ();
      g_autoptr(GPtrArray) ids = NULL;
      g_autoptr(HdPost) post = NULL;
      g_autoptr(GError) error = NULL;
      guint n_posts = 0;

      g_assert_cmpint (g_mkdir (disk, 0700), ==, 0);
      if (!mount_small_disk (disk))
        {
          g_autofree char *no_mount = g_build_filename (dir, "no-mount", NULL);

          g_assert_true (g_file_set_contents (no_mount, g_strerror (errno), -1, NULL));
          return;
        }

      store = open_store (path);
      hd_channel_set_kind (channel, HD_CHANNEL_KIND_MASTODON);
      hd_channel_set_display_name (channel, "Bakery toots");
      hd_store_save_channel (store, channel, &error);
      g_assert_no_error (error);
      ids = fill_posts (store, hd_channel_get_id (channel), "On the small disk", 0, 20, 2000);

      filler = fill_disk (disk);
      post = new_scheduled_post (hd_channel_get_id (channel), text);
      g_assert_false (hd_store_save_post (store, post, &error));
      assert_disk_full_sentence (error, path);
      g_clear_error (&error);
      g_assert_cmpint (sqlite3_get_autocommit (_hd_store_get_db (store)), !=, 0);

      /* Herald quits and starts again with the disk still full. */
      g_clear_object (&store);
      store = hd_store_open (path, &error);
      if (store == NULL)
        {
          /* Refusing is allowed, with the same sentence; reading must not need the space. */
          assert_disk_full_sentence (error, path);
          g_error ("The database on a full disk could not even be opened: %s", error->message);
        }
      assert_quick_check_ok (store);
      hd_store_count_posts (store, &n_posts, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n_posts, ==, 20);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autofree char *prefix = g_strdup_printf ("On the small disk %u ", i);

          assert_post_whole (store, g_ptr_array_index (ids, i), prefix);
        }

      /* The user frees some space, and saves again. */
      g_assert_cmpint (g_unlink (filler), ==, 0);
      hd_store_save_post (store, post, &error);
      g_assert_no_error (error);
      g_clear_object (&store);

      store = open_store (path);
      assert_quick_check_ok (store);
      assert_post_whole (store, hd_post_get_id (post), "qqqq");
      hd_store_count_posts (store, &n_posts, &error);
      g_assert_cmpuint (n_posts, ==, 21);
      assert_no_half_writes (store);
      g_print ("small disk done\n");
      return;
    }

  g_setenv ("HERALD_STRESS_DIR", fixture->dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  marker = g_build_filename (fixture->dir, "no-mount", NULL);
  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("This system allows no filesystem of the test's own");
      return;
    }
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*small disk done*");
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 7 && g_strcmp0 (argv[1], "--writer") == 0)
    return run_writer (argv[2], argv[3], g_ascii_strtoull (argv[4], NULL, 10),
                       (guint) g_ascii_strtoull (argv[5], NULL, 10),
                       (guint) g_ascii_strtoull (argv[6], NULL, 10));

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/store/stress/power-cut", Fixture, NULL, fixture_set_up,
              test_killed_mid_transaction, fixture_tear_down);
  g_test_add ("/herald/store/stress/second-process/concurrent", Fixture, NULL, fixture_set_up,
              test_second_process, fixture_tear_down);
  g_test_add ("/herald/store/stress/second-process/held", Fixture, NULL, fixture_set_up,
              test_held_by_another, fixture_tear_down);
  g_test_add ("/herald/store/stress/read-only-while-open", Fixture, NULL, fixture_set_up,
              test_read_only_while_open, fixture_tear_down);
  g_test_add ("/herald/store/stress/disk-full/file-size-limit", Fixture, NULL, fixture_set_up,
              test_file_size_limit, fixture_tear_down);
  g_test_add ("/herald/store/stress/disk-full/checkpoint", Fixture, NULL, fixture_set_up,
              test_checkpoint_disk_full, fixture_tear_down);
  g_test_add ("/herald/store/stress/disk-full/small-disk", Fixture, NULL, fixture_set_up,
              test_small_disk, fixture_tear_down);

  return g_test_run ();
}
