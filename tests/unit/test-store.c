/* test-store.c: opening, creating and migrating the database, and refusing bad files.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hd-core.h"
#include "hd-store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("herald-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "herald.db", NULL);
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

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
checksum_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

static void
assert_no_sidecars (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (sidecar, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", sidecar);
    }
}

static int
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_mode & 0777;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return result;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 result;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return result;
}

/* Every table, index and constraint, in a stable order. */
static char *
dump_schema (sqlite3 *db)
{
  GString *dump = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT type, name, tbl_name, sql FROM sqlite_master"
                                       " ORDER BY type, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (dump, "%s|%s|%s|%s\n",
                            sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2),
                            sqlite3_column_type (stmt, 3) == SQLITE_NULL
                              ? "" : (const char *)sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  return g_string_free (dump, FALSE);
}

static void
assert_store_error (GError     *error,
                    int         code,
                    const char *path)
{
  g_assert_error (error, HD_STORE_ERROR, code);
  g_test_message ("%s", error->message);
  /* The user has to be able to find the file the sentence is about. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_str_has_suffix (error->message, "."));
}

static HdPost *
make_post (const char *text,
           gint64      scheduled_at)
{
  HdPost *post = hd_post_new ();

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, scheduled_at);
  hd_post_set_time_zone (post, "Europe/London");

  return post;
}

static void
test_fresh (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autofree char *nested_dir = g_build_filename (fixture->dir, "data", "herald", NULL);
  g_autofree char *path = g_build_filename (nested_dir, "herald.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal_mode = NULL;
  g_autoptr(HdPost) post = make_post ("Hello", 1800000000);
  sqlite3 *db;

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (hd_store_get_path (store), ==, path);

  /* Drafts are private: the folder we made and the file are the user's alone. */
  g_assert_cmpint (file_mode (nested_dir), ==, 0700);
  g_assert_cmpint (file_mode (path), ==, 0600);

  hd_store_save_post (store, post, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (file_mode (wal), ==, 0600);
  g_assert_cmpint (file_mode (shm), ==, 0600);

  db = _hd_store_get_db (store);
  journal_mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, HD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (hd_store_get_schema_version (store), ==, HD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "PRAGMA busy_timeout"), >, 0);

  /* Reopening finds what was written. */
  g_clear_object (&store);
  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&post);
  post = hd_store_load_post (store, "does-not-exist", &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_assert_null (post);
}

static void
test_default_path (void)
{
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "herald", "herald.db",
                                                NULL);
  g_autofree char *path = NULL;
  g_autofree char *sample = NULL;

  g_unsetenv ("HERALD_DATA_DIR");
  path = hd_store_default_path ();
  g_assert_cmpstr (path, ==, expected);

  g_setenv ("HERALD_DATA_DIR", "/somewhere/else", TRUE);
  g_clear_pointer (&path, g_free);
  path = hd_store_default_path ();
  sample = hd_store_sample_path ();
  g_assert_cmpstr (path, ==, "/somewhere/else/herald.db");
  g_assert_cmpstr (sample, ==, "/somewhere/else/sample.db");
  g_assert_cmpstr (path, !=, sample);
  g_unsetenv ("HERALD_DATA_DIR");
}

static char *
fresh_schema (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (path, &error);

  g_assert_no_error (error);

  return dump_schema (_hd_store_get_db (store));
}

static void
test_migrations (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *expected = fresh_schema (fixture->dir);

  g_assert_nonnull (strstr (expected, "CREATE TABLE outbox"));
  g_assert_nonnull (strstr (expected, "posts_by_scheduled_at"));

  /* An empty file is a database at version 0. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "empty.db", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(HdStore) store = NULL;
    g_autofree char *schema = NULL;

    g_file_set_contents (path, "", 0, &error);
    g_assert_no_error (error);

    store = hd_store_open (path, &error);
    g_assert_no_error (error);
    schema = dump_schema (_hd_store_get_db (store));
    g_assert_cmpstr (schema, ==, expected);
  }

  for (int version = 0; version < HD_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("version-%d.db", version);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(HdStore) store = NULL;
      g_autofree char *schema = NULL;
      sqlite3 *db = NULL;

      g_test_message ("Migrating from version %d", version);

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      _hd_store_migrate_to (db, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, version);
      sqlite3_close (db);

      store = hd_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (hd_store_get_schema_version (store), ==, HD_STORE_SCHEMA_VERSION);
      schema = dump_schema (_hd_store_get_db (store));
      g_assert_cmpstr (schema, ==, expected);
    }
}


/* A version 1 file full of the user's work comes through version 2 with every row, and the
 * new columns filled in from what was there. */
static void
test_migration_keeps_rows (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char fill_v1[] =
    "INSERT INTO channels (id, kind, display_name, created_at, updated_at) VALUES"
    " ('c-m', 'mastodon', 'Toots', 1, 1), ('c-b', 'bluesky', 'Sky', 1, 1),"
    " ('c-x', 'x', 'Birds', 1, 1);"
    "INSERT INTO labels (id, name) VALUES ('l-1', 'Offers');"
    "INSERT INTO campaigns (id, name, objective, created_at, updated_at) VALUES"
    " ('k-1', 'Spring', 'OUTCOME_SALES', 1, 1);"
    "INSERT INTO posts (id, text, state, scheduled_at, time_zone, campaign_id, created_at,"
    " updated_at) VALUES"
    " ('p-1', 'Both', 'scheduled', 1900000000, 'Europe/London', 'k-1', 1, 1),"
    " ('p-2', 'X only', 'draft', NULL, NULL, NULL, 2, 2),"
    " ('p-3', 'No channel', 'idea', NULL, NULL, NULL, 3, 3);"
    "INSERT INTO post_labels (post_id, label_id) VALUES ('p-1', 'l-1');"
    "INSERT INTO post_variants (id, post_id, channel_id, text, remote_id) VALUES"
    " ('v-1', 'p-1', 'c-m', NULL, NULL), ('v-2', 'p-1', 'c-b', 'Sky text', 'at://1'),"
    " ('v-3', 'p-2', 'c-x', NULL, NULL);"
    "INSERT INTO media (sha256, path, mime_type, created_at) VALUES"
    " ('" "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" "',"
    " 'media/a.png', 'image/png', 1);"
    "INSERT INTO outbox (id, subject_kind, subject_id, channel_id, operation, state,"
    " idempotency_key, created_at, updated_at) VALUES"
    " ('o-1', 'variant', 'v-1', 'c-m', 'create', 'failed', 'key-1', 1, 1),"
    " ('o-2', 'campaign', 'k-1', NULL, 'update', 'done', 'key-2', 1, 1);";
  g_autofree char *path = g_build_filename (fixture->dir, "full-v1.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autofree char *key = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  _hd_store_migrate_to (db, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, fill_v1, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_get_schema_version (store), ==, HD_STORE_SCHEMA_VERSION);
  db = _hd_store_get_db (store);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM channels"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM posts"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM post_variants"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM post_labels"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM media"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM campaigns"), ==, 1);
  /* Both rows kept, and the scheduled post queued on the channel it is not yet out on. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM outbox"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM outbox WHERE subject_kind = 'post'"
                                  " AND subject_id = 'p-1' AND channel_id = 'c-m'"
                                  " AND operation = 'publish' AND state = 'pending'"
                                  " AND length (idempotency_key) = 36"), ==, 1);
  key = query_text (db, "SELECT idempotency_key || ':' || state FROM outbox WHERE id = 'o-1'");
  g_assert_cmpstr (key, ==, "key-1:failed");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM posts WHERE text = 'Both' AND"
                                  " scheduled_at = 1900000000 AND campaign_id = 'k-1'"), ==, 1);

  /* The channel kinds of the posts already there are known to the calendar. */
  g_assert_cmpint (query_int (db, "SELECT channel_mask FROM posts WHERE id = 'p-1'"), ==,
                   (1 << HD_CHANNEL_KIND_MASTODON) | (1 << HD_CHANNEL_KIND_BLUESKY));
  g_assert_cmpint (query_int (db, "SELECT channel_mask FROM posts WHERE id = 'p-2'"), ==,
                   1 << HD_CHANNEL_KIND_X);
  g_assert_cmpint (query_int (db, "SELECT channel_mask FROM posts WHERE id = 'p-3'"), ==, 0);

  /* The new tables are there and empty, and the outbox takes every operation. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM snippets"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM feeds"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM feed_items"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM channels WHERE queue_slots IS NULL"), ==,
                   3);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO outbox (id, subject_kind, subject_id,"
                                     " channel_id, operation, idempotency_key, created_at,"
                                     " updated_at) VALUES ('o-3', 'post', 'p-1', 'c-m',"
                                     " 'delete', 'key-3', 1, 1)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

/* A version 2 file of connected channels comes through version 3 with its channels as they
 * were: nothing is known yet of their limits, picture or expiry, and the columns refuse what
 * is not JSON or not an instant. */
static void
test_migration_channels_v3 (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char fill_v2[] =
    "INSERT INTO channels (id, kind, display_name, handle, base_url, remote_account_id, state,"
    " created_at, updated_at, queue_slots) VALUES"
    " ('c-m', 'mastodon', 'Toots', '@bakery@example.social', 'https://example.social', '42',"
    "  'connected', 1, 1, 'Mon 09:30'),"
    " ('c-b', 'bluesky', 'Sky', '@bakery.test', 'https://pds.test', 'did:plc:x',"
    "  'needs-reconnect', 2, 2, NULL);"
    "INSERT INTO posts (id, text, state, scheduled_at, time_zone, created_at, updated_at)"
    " VALUES ('p-1', 'Rolls', 'scheduled', 1900000000, 'Europe/London', 1, 1);"
    "INSERT INTO post_variants (id, post_id, channel_id, state) VALUES"
    " ('v-1', 'p-1', 'c-m', 'scheduled');";
  g_autofree char *path = g_build_filename (fixture->dir, "channels-v2.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdChannel) mastodon = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  _hd_store_migrate_to (db, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, fill_v2, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  db = _hd_store_get_db (store);

  mastodon = hd_store_load_channel (store, "c-m", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_channel_get_handle (mastodon), ==, "@bakery@example.social");
  g_assert_cmpint (hd_channel_get_state (mastodon), ==, HD_CHANNEL_STATE_CONNECTED);
  g_assert_null (hd_channel_get_limits (mastodon));
  g_assert_null (hd_channel_get_avatar_url (mastodon));
  g_assert_cmpint (hd_channel_get_token_expires_at (mastodon), ==, 0);
  g_assert_cmpint (hd_channel_get_limit (mastodon, HD_CHANNEL_LIMIT_CHARACTERS, 500), ==, 500);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM channels WHERE queue_slots = 'Mon 09:30'"),
                   ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM post_variants"), ==, 1);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE channels SET limits = 'not json' WHERE id = 'c-m'",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE channels SET token_expires_at = 0 WHERE id = 'c-m'",
                                 NULL, NULL, NULL), !=, SQLITE_OK);
}

/* Campaigns, ad sets, ads and audiences from every earlier version come through version 7
 * whole, with nothing yet known of their ad account or of what Meta holds, and the new
 * columns refuse what is not JSON, a negative bid or an account that does not exist. */
static void
test_migration_ads_v7 (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char fill[] =
    "INSERT INTO channels (id, kind, display_name, created_at, updated_at) VALUES"
    " ('c-f', 'facebook-page', 'Page', 1, 1);"
    "INSERT INTO campaigns (id, ad_account_id, name, objective, remote_id, created_at,"
    " updated_at) VALUES ('k-1', 'act_7', 'Spring', 'OUTCOME_SALES', '1200', 1, 1);"
    "INSERT INTO audiences (id, name, spec, estimated_size, created_at, updated_at) VALUES"
    " ('a-1', 'Dogs', '{\"age_min\":25}', 5000, 1, 1);"
    "INSERT INTO ad_sets (id, campaign_id, name, budget_minor, currency, audience_id,"
    " created_at, updated_at) VALUES ('s-1', 'k-1', 'Weekdays', 2000, 'GBP', 'a-1', 1, 1);"
    "INSERT INTO ads (id, ad_set_id, name, created_at, updated_at) VALUES"
    " ('d-1', 's-1', 'Rolls', 1, 1);";

  for (int version = 1; version < 7; version++)
    {
      g_autofree char *name = g_strdup_printf ("ads-v%d.db", version);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(HdStore) store = NULL;
      g_autoptr(HdCampaign) campaign = NULL;
      g_autoptr(HdAudience) audience = NULL;
      sqlite3 *db = NULL;

      g_test_message ("Migrating ads from version %d", version);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      _hd_store_migrate_to (db, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_exec (db, fill, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = hd_store_open (path, &error);
      g_assert_no_error (error);
      db = _hd_store_get_db (store);

      campaign = hd_store_load_campaign (store, "k-1", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (hd_campaign_get_ad_account_id (campaign), ==, "act_7");
      g_assert_cmpstr (hd_campaign_get_remote_id (campaign), ==, "1200");
      g_assert_null (hd_campaign_get_account_id (campaign));
      g_assert_null (hd_campaign_get_synced (campaign));
      audience = hd_store_load_audience (store, "a-1", &error);
      g_assert_no_error (error);
      g_assert_cmpint (hd_audience_get_estimated_size (audience), ==, 5000);
      g_assert_cmpint (hd_audience_get_estimated_upper (audience), ==, -1);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM ad_sets WHERE bid_amount IS NULL"
                                      " AND conflict IS NULL"), ==, 1);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM ads WHERE body IS NULL"), ==, 1);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM ad_accounts"), ==, 0);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM targeting_cache"), ==, 0);

      g_assert_cmpint (sqlite3_exec (db, "UPDATE ad_sets SET synced = 'not json'",
                                     NULL, NULL, NULL), !=, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "UPDATE ad_sets SET bid_amount = -5",
                                     NULL, NULL, NULL), !=, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "UPDATE campaigns SET account_id = 'nope'",
                                     NULL, NULL, NULL), !=, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "INSERT INTO ad_accounts (id, channel_id, remote_id,"
                                         " currency) VALUES ('x', 'c-f', 'act_7', 'gbp')",
                                     NULL, NULL, NULL), !=, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "INSERT INTO ad_accounts (id, channel_id, remote_id,"
                                         " currency) VALUES ('x', 'c-f', 'act_7', 'GBP');"
                                         "UPDATE campaigns SET account_id = 'x';",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
    }
}

/* Inbox items from every earlier version come through version 8 with their reply state and
 * nothing of the new marks set: not hidden, not deleted, not written in Herald, no draft,
 * no cursor, so the first look after the update reads from the start. */
static void
test_migration_inbox_v8 (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char fill[] =
    "INSERT INTO channels (id, kind, display_name, created_at, updated_at) VALUES"
    " ('c-m', 'mastodon', 'Bakery', 1, 1);"
    "INSERT INTO inbox_items (id, channel_id, kind, remote_id, text, received_at, reply_state)"
    " VALUES ('i-1', 'c-m', 'mention', '901', '@bakery open?', 100, 'read'),"
    "        ('i-2', 'c-m', 'comment', '902', 'Lovely', 200, 'done');";

  for (int version = 1; version < 8; version++)
    {
      g_autofree char *name = g_strdup_printf ("inbox-v%d.db", version);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(HdStore) store = NULL;
      g_autoptr(HdInboxItem) item = NULL;
      g_autofree char *cursor = NULL;
      sqlite3 *db = NULL;
      gint64 since = -1;
      guint n = 0;

      g_test_message ("Migrating the inbox from version %d", version);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      _hd_store_migrate_to (db, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_exec (db, fill, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = hd_store_open (path, &error);
      g_assert_no_error (error);
      db = _hd_store_get_db (store);

      item = hd_store_load_inbox_item (store, "i-1", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (hd_inbox_item_get_text (item), ==, "@bakery open?");
      g_assert_cmpint (hd_inbox_item_get_reply_state (item), ==, HD_REPLY_STATE_READ);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM inbox_items WHERE hidden = 0"
                                      " AND deleted = 0 AND outgoing = 0 AND draft IS NULL"
                                      " AND reply_to IS NULL AND sent_at IS NULL"
                                      " AND state_before_done IS NULL"), ==, 2);
      hd_store_count_unanswered_inbox (store, NULL, &n, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 1);
      hd_store_get_inbox_cursor (store, "c-m", &since, &cursor, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (since, ==, 0);
      g_assert_null (cursor);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM saved_replies"), ==, 0);

      g_assert_cmpint (sqlite3_exec (db, "UPDATE inbox_items SET hidden = 2",
                                     NULL, NULL, NULL), !=, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "UPDATE inbox_items SET reply_to = 'nope'",
                                     NULL, NULL, NULL), !=, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "INSERT INTO inbox_cursors (channel_id) VALUES ('nope')",
                                     NULL, NULL, NULL), !=, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "INSERT INTO saved_replies (id, name, text, created_at,"
                                         " updated_at) VALUES ('s', 'Hours', '', 1, 1)",
                                     NULL, NULL, NULL), !=, SQLITE_OK);
    }
}

/* What connecting learns about a channel survives saving and loading. */
static void
test_channel_connection_facts (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (fixture->path, &error);
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(HdChannel) loaded = NULL;
  g_auto(GStrv) types = NULL;
  g_autofree char *state = NULL;
  const gint64 now = 1900000000;
  const gint64 day = 24 * 60 * 60;

  g_assert_no_error (error);
  hd_channel_set_kind (channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (channel, "Bakery");
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_channel_set_limits (channel, "{\"characters\":5000,\"max_media\":4,"
                                  "\"mime_types\":[\"image/png\",\"image/jpeg\"]}");
  hd_channel_set_avatar_url (channel, "https://example.social/avatars/bakery.png");
  hd_channel_set_token_expires_at (channel, now + 3 * day + 60);
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);

  loaded = hd_store_load_channel (store, hd_channel_get_id (channel), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_limit (loaded, HD_CHANNEL_LIMIT_CHARACTERS, 500), ==, 5000);
  g_assert_cmpint (hd_channel_get_limit (loaded, HD_CHANNEL_LIMIT_URL_WEIGHT, 23), ==, 23);
  types = hd_channel_dup_limit_mime_types (loaded);
  g_assert_cmpstrv (types, ((const char * const[]) { "image/png", "image/jpeg", NULL }));
  g_assert_cmpstr (hd_channel_get_avatar_url (loaded), ==,
                   "https://example.social/avatars/bakery.png");
  g_assert_cmpint (hd_channel_get_token_expires_at (loaded), ==, now + 3 * day + 60);

  /* The Channels page and `herald channels` say how long is left. */
  g_assert_true (hd_channel_is_expiring_soon (loaded, now));
  g_assert_cmpint (hd_channel_get_days_until_expiry (loaded, now), ==, 4);
  state = hd_channel_describe_state (loaded, now);
  g_assert_cmpstr (state, ==, "Expires in 4 days");
  g_clear_pointer (&state, g_free);
  state = hd_channel_describe_state (loaded, now - 30 * day);
  g_assert_cmpstr (state, ==, "Connected");
  g_clear_pointer (&state, g_free);
  state = hd_channel_describe_state (loaded, now + 3 * day + 61);
  g_assert_cmpstr (state, ==, "Expired");
  g_clear_pointer (&state, g_free);

  hd_channel_set_state (loaded, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  state = hd_channel_describe_state (loaded, now);
  g_assert_cmpstr (state, ==, "Needs reconnect");
  g_assert_false (hd_channel_is_expiring_soon (loaded, now));

  /* Credentials that do not expire never say so. */
  hd_channel_set_token_expires_at (loaded, 0);
  hd_channel_set_limits (loaded, NULL);
  hd_store_save_channel (store, loaded, &error);
  g_assert_no_error (error);
  g_clear_object (&channel);
  channel = hd_store_load_channel (store, hd_channel_get_id (loaded), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_days_until_expiry (channel, now), ==, -1);
  g_assert_null (hd_channel_get_limits (channel));
}

static void
test_corrupt_random (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint8 noise[8192];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_test_rand_int_range (0, 256);

  g_file_set_contents (fixture->path, (const char *)noise, sizeof noise, &error);
  g_assert_no_error (error);
  before = checksum_file (fixture->path);

  store = hd_store_open (fixture->path, &error);
  g_assert_null (store);
  assert_store_error (error, HD_STORE_ERROR_CORRUPT, fixture->path);
  g_assert_nonnull (strstr (error->message, "damaged"));

  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  assert_no_sidecars (fixture->path);
}

static void
fill_posts (HdStore *store,
            guint    n_posts,
            gsize    text_length)
{
  for (guint i = 0; i < n_posts; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strnfill (text_length, 'a' + i % 26);
      g_autoptr(HdPost) post = make_post (text, 1800000000 + i * 3600);

      hd_store_save_post (store, post, &error);
      g_assert_no_error (error);
    }
}

static void
test_corrupt_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 page_size;
  gint64 page_count;
  gsize damaged;

  store = hd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fill_posts (store, 60, 900);
  page_size = query_int (_hd_store_get_db (store), "PRAGMA page_size");
  g_clear_object (&store);
  assert_no_sidecars (fixture->path);

  /* Scribble over a page in the middle of the posts table, leaving the header readable. */
  g_file_get_contents (fixture->path, &contents, &length, &error);
  g_assert_no_error (error);
  page_count = length / page_size;
  g_assert_cmpint (page_count, >, 10);
  damaged = (page_count / 2) * page_size;
  for (gsize i = 0; i < (gsize)page_size; i++)
    contents[damaged + i] = (char)(0x5a ^ (i * 7));
  g_file_set_contents (fixture->path, contents, length, &error);
  g_assert_no_error (error);
  before = checksum_file (fixture->path);

  store = hd_store_open (fixture->path, &error);
  g_assert_null (store);
  assert_store_error (error, HD_STORE_ERROR_CORRUPT, fixture->path);

  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  assert_no_sidecars (fixture->path);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("CREATE TABLE future (x); PRAGMA user_version = %d;",
                         HD_STORE_SCHEMA_VERSION + 1);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = checksum_file (fixture->path);

  store = hd_store_open (fixture->path, &error);
  g_assert_null (store);
  assert_store_error (error, HD_STORE_ERROR_TOO_NEW, fixture->path);
  g_assert_nonnull (strstr (error->message, "newer"));

  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  assert_no_sidecars (fixture->path);
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *other = NULL;
  gint64 started;
  gint64 elapsed;

  store = hd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fill_posts (store, 3, 10);
  g_clear_object (&store);

  /* Another program that keeps the database to itself once it has written. */
  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other,
                                 "PRAGMA locking_mode = EXCLUSIVE;"
                                 "BEGIN; INSERT INTO labels (id, name) VALUES ('x', 'Mine');"
                                 "COMMIT;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  before = checksum_file (fixture->path);

  started = g_get_monotonic_time ();
  store = hd_store_open (fixture->path, &error);
  elapsed = g_get_monotonic_time () - started;

  g_assert_null (store);
  assert_store_error (error, HD_STORE_ERROR_LOCKED, fixture->path);
  g_assert_cmpint (elapsed, <, 3 * G_USEC_PER_SEC);

  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);

  sqlite3_close (other);
  g_clear_error (&error);

  /* Once the other program lets go, Herald opens it and sees what it wrote. */
  store = hd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (_hd_store_get_db (store), "SELECT count(*) FROM labels"), ==, 1);
}

static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  store = hd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fill_posts (store, 2, 10);
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (fixture->path, 0400), ==, 0);
  before = checksum_file (fixture->path);

  store = hd_store_open (fixture->path, &error);
  g_assert_null (store);
  assert_store_error (error, HD_STORE_ERROR_READ_ONLY, fixture->path);

  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (file_mode (fixture->path), ==, 0400);
  assert_no_sidecars (fixture->path);
}

static void
test_read_only_dir (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "never.db", NULL);

  store = hd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fill_posts (store, 2, 10);
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (fixture->dir, 0500), ==, 0);
  before = checksum_file (fixture->path);

  store = hd_store_open (fixture->path, &error);
  g_assert_null (store);
  assert_store_error (error, HD_STORE_ERROR_READ_ONLY, fixture->path);
  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
  assert_no_sidecars (fixture->path);
  g_clear_error (&error);

  /* Nor is a new database made where it could not be kept. */
  store = hd_store_open (missing, &error);
  g_assert_null (store);
  assert_store_error (error, HD_STORE_ERROR_READ_ONLY, missing);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_chmod (fixture->dir, 0700);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(HdPost) big = NULL;
  g_autoptr(HdPost) missing = NULL;
  g_autoptr(HdVariant) variant = hd_variant_new ();
  g_autofree char *text = g_strnfill (300 * 1024, 'x');
  const char *labels[] = { "Brand new label", NULL };
  sqlite3 *db;
  guint n_posts = 0;
  int pages;

  store = hd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  db = _hd_store_get_db (store);

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (channel, "Salon");
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);
  fill_posts (store, 20, 200);

  pages = query_int (db, "PRAGMA page_count");
  _hd_store_set_max_page_count (store, pages + 2, &error);
  g_assert_no_error (error);

  big = make_post (text, 1900000000);
  hd_post_set_labels (big, labels);
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_text (variant, text);
  hd_post_add_variant (big, variant);

  g_assert_false (hd_store_save_post (store, big, &error));
  assert_store_error (error, HD_STORE_ERROR_DISK_FULL, fixture->path);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);

  /* Everything written before is there, and nothing of the failed save is. */
  hd_store_count_posts (store, &n_posts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_posts, ==, 20);
  missing = hd_store_load_post (store, hd_post_get_id (big), &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM post_variants"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM labels"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM post_labels"), ==, 0);
  g_assert_cmpint (sqlite3_get_autocommit (db), !=, 0);
  g_clear_error (&error);

  /* Once space is back, the same save goes through. */
  _hd_store_set_max_page_count (store, 1 << 30, &error);
  g_assert_no_error (error);
  hd_store_save_post (store, big, &error);
  g_assert_no_error (error);
  hd_store_count_posts (store, &n_posts, &error);
  g_assert_cmpuint (n_posts, ==, 21);

  g_clear_object (&store);
  store = hd_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_object (&missing);
  missing = hd_store_load_post (store, hd_post_get_id (big), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (hd_post_get_text (missing)), ==, 300 * 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/store/fresh", Fixture, NULL, fixture_set_up, test_fresh,
              fixture_tear_down);
  g_test_add_func ("/herald/store/default-path", test_default_path);
  g_test_add ("/herald/store/migrations", Fixture, NULL, fixture_set_up, test_migrations,
              fixture_tear_down);
  g_test_add ("/herald/store/migrations/keep-rows", Fixture, NULL, fixture_set_up,
              test_migration_keeps_rows, fixture_tear_down);
  g_test_add ("/herald/store/migrations/channels-v3", Fixture, NULL, fixture_set_up,
              test_migration_channels_v3, fixture_tear_down);
  g_test_add ("/herald/store/migrations/ads-v7", Fixture, NULL, fixture_set_up,
              test_migration_ads_v7, fixture_tear_down);
  g_test_add ("/herald/store/migrations/inbox-v8", Fixture, NULL, fixture_set_up,
              test_migration_inbox_v8, fixture_tear_down);
  g_test_add ("/herald/store/channels/connection-facts", Fixture, NULL, fixture_set_up,
              test_channel_connection_facts, fixture_tear_down);
  g_test_add ("/herald/store/corrupt/random-bytes", Fixture, NULL, fixture_set_up,
              test_corrupt_random, fixture_tear_down);
  g_test_add ("/herald/store/corrupt/damaged-page", Fixture, NULL, fixture_set_up,
              test_corrupt_page, fixture_tear_down);
  g_test_add ("/herald/store/too-new", Fixture, NULL, fixture_set_up, test_too_new,
              fixture_tear_down);
  g_test_add ("/herald/store/locked", Fixture, NULL, fixture_set_up, test_locked,
              fixture_tear_down);
  g_test_add ("/herald/store/read-only/file", Fixture, NULL, fixture_set_up,
              test_read_only_file, fixture_tear_down);
  g_test_add ("/herald/store/read-only/dir", Fixture, NULL, fixture_set_up,
              test_read_only_dir, fixture_tear_down);
  g_test_add ("/herald/store/disk-full", Fixture, NULL, fixture_set_up, test_disk_full,
              fixture_tear_down);

  return g_test_run ();
}
