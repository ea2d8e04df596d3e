/* test-puller.c: reading posts back from the Mastodon and Bluesky fakes, the conflicts a
 * change made there raises, and the user's answers to them
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-sync.h"
#include "hd-fake-bluesky.h"
#include "hd-fake-mastodon.h"
#include "hd-puller.h"
#include "hd-sender.h"
#include "hd-store-private.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

typedef struct
{
  TestEnv         env;
  HdFakeMastodon *mastodon_fake;
  HdFakeBluesky  *bluesky_fake;
  SoupSession    *browser;
  gboolean        browser_done;
  HdChannel      *mastodon;
  HdChannel      *bluesky;
  HdSender       *sender;
  HdPuller       *puller;
} Fixture;

static void
on_browser_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GBytes) page = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                             NULL);

  fixture->browser_done = TRUE;
}

static void
open_in_browser (const char *uri,
                 gpointer    user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    on_browser_done, fixture);
}

static HdChannel *
connect_mastodon (Fixture *fixture)
{
  g_autoptr(HdMastodonConnect) connect = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdChannel *channel;

  connect = hd_mastodon_connect_new (fixture->env.http, fixture->env.store,
                                     hd_fake_mastodon_get_url (fixture->mastodon_fake), &error);
  g_assert_no_error (error);
  hd_oauth_client_set_timeout (hd_mastodon_connect_get_oauth_client (connect), 10000);
  hd_mastodon_connect_authorize_async (connect, open_in_browser, fixture, NULL,
                                       test_store_result, &result);
  channel = hd_mastodon_connect_authorize_finish (connect, test_wait (&result), &error);
  g_assert_no_error (error);
  while (!fixture->browser_done)
    g_main_context_iteration (NULL, TRUE);

  return channel;
}

static HdChannel *
connect_bluesky (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdChannel *channel;

  hd_bluesky_connect_async (fixture->env.http, fixture->env.store,
                            hd_fake_bluesky_get_url (fixture->bluesky_fake),
                            HD_FAKE_BLUESKY_HANDLE, HD_FAKE_BLUESKY_APP_PASSWORD, NULL, NULL,
                            test_store_result, &result);
  channel = hd_bluesky_connect_finish (test_wait (&result), &error);
  g_assert_no_error (error);

  return channel;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->mastodon_fake = hd_fake_mastodon_new ();
  fixture->mastodon_fake->now = TEST_NOW;
  fixture->bluesky_fake = hd_fake_bluesky_new ();
  fixture->bluesky_fake->now = TEST_NOW;
  fixture->browser = soup_session_new ();

  fixture->mastodon = connect_mastodon (fixture);
  fixture->bluesky = connect_bluesky (fixture);
  hd_fake_server_clear_requests (fixture->mastodon_fake->server);
  hd_fake_server_clear_requests (fixture->bluesky_fake->server);

  fixture->sender = hd_sender_new (fixture->env.store, fixture->env.http);
  fixture->puller = hd_puller_new (fixture->env.store, fixture->env.http);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->puller);
  g_clear_object (&fixture->sender);
  g_clear_object (&fixture->mastodon);
  g_clear_object (&fixture->bluesky);
  g_clear_object (&fixture->browser);
  hd_fake_mastodon_free (fixture->mastodon_fake);
  hd_fake_bluesky_free (fixture->bluesky_fake);
  test_env_clear (&fixture->env);
}

/* A post on @first (and @second), scheduled @ahead seconds from the test's now, saved as the
 * composer saves it. */
static HdPost *
schedule_post (Fixture    *fixture,
               const char *text,
               gint64      ahead,
               HdChannel  *first,
               HdChannel  *second)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channels[] = { first, second };
  HdPost *post = hd_post_new ();

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, TEST_NOW + ahead);
  hd_post_set_time_zone (post, "Europe/London");
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      g_autoptr(HdVariant) variant = NULL;

      if (channels[i] == NULL)
        continue;
      variant = hd_variant_new ();
      hd_variant_set_channel_id (variant, hd_channel_get_id (channels[i]));
      hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
      hd_post_add_variant (post, variant);
    }
  hd_store_save_post (fixture->env.store, post, &error);
  g_assert_no_error (error);

  return post;
}

static HdSendReport *
send_due (Fixture *fixture,
          gint64   now)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdSendReport *report = NULL;

  fixture->env.now = now;
  hd_sender_send_due_async (fixture->sender, now, NULL, test_store_result, &result);
  g_assert_true (hd_sender_send_due_finish (fixture->sender, test_wait (&result), &report,
                                            &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static HdPost *
reload (Fixture *fixture,
        HdPost  *post)
{
  g_autoptr(GError) error = NULL;
  HdPost *loaded = hd_store_load_post (fixture->env.store, hd_post_get_id (post), &error);

  g_assert_no_error (error);
  return loaded;
}


static HdPullReport *
pull (Fixture *fixture,
      gint64   now)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdPullReport *report;

  fixture->env.now = now;
  hd_puller_pull_async (fixture->puller, now, NULL, test_store_result, &result);
  report = hd_puller_pull_finish (fixture->puller, test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static HdRemoteVariant *
remote_variant (Fixture   *fixture,
                HdPost    *post,
                HdChannel *channel)
{
  g_autoptr(HdPost) loaded = reload (fixture, post);
  HdVariant *variant = hd_post_find_variant (loaded, hd_channel_get_id (channel));
  g_autoptr(GError) error = NULL;
  HdRemoteVariant *remote;

  g_assert_nonnull (variant);
  remote = hd_store_load_remote_variant (fixture->env.store, hd_variant_get_id (variant),
                                         &error);
  g_assert_no_error (error);

  return remote;
}

/* A post published at once on @channel, as the platform's id of it. */
static HdPost *
publish_now (Fixture    *fixture,
             const char *text,
             HdChannel  *channel)
{
  HdPost *post = schedule_post (fixture, text, 0, channel, NULL);
  g_autoptr(HdSendReport) report = send_due (fixture, TEST_NOW);

  g_assert_true (hd_send_report_all_sent (report));
  return post;
}

static guint
count_rows (Fixture    *fixture,
            const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM outbox WHERE %s", where);

  return test_sync_count (&fixture->env, sql);
}

static void
test_migration_from_4 (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char fill_v4[] =
    "INSERT INTO channels (id, kind, display_name, state, created_at, updated_at) VALUES"
    " ('c-m', 'mastodon', 'Toots', 'connected', 1, 1);"
    "INSERT INTO posts (id, text, state, scheduled_at, time_zone, created_at, updated_at,"
    " published_at) VALUES ('p-1', 'Rye', 'published', 1800000000, 'Europe/London', 1, 1,"
    " 1800000000);"
    "INSERT INTO post_variants (id, post_id, channel_id, state, remote_id, text) VALUES"
    " ('v-1', 'p-1', 'c-m', 'published', '42', 'Rye today');";
  g_autofree char *path = g_build_filename (fixture->env.dir, "v4.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRemoteVariant) variant = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  _hd_store_migrate_to (db, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, fill_v4, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_get_schema_version (store), ==, HD_STORE_SCHEMA_VERSION);

  variant = hd_store_load_remote_variant (store, "v-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (variant->remote_id, ==, "42");
  g_assert_cmpstr (variant->text, ==, "Rye today");
  g_assert_cmpint (variant->conflict, ==, HD_CONFLICT_NONE);
  g_assert_null (variant->remote_text);
  g_assert_cmpint (variant->pulled_at, ==, 0);

  hd_store_note_conflict (store, "v-1", HD_CONFLICT_EDITED, "Rye tomorrow", 1800000100, &error);
  g_assert_no_error (error);
  /* Nothing but the two kinds of conflict gets in. */
  g_assert_cmpint (0xff & sqlite3_exec (_hd_store_get_db (store),
                                        "UPDATE post_variants SET conflict = 'moved'",
                                        NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
}

static void
test_unchanged (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HdPost) post = publish_now (fixture, "Sourdough  is back\n", fixture->mastodon);
  g_autoptr(HdPullReport) report = pull (fixture, TEST_NOW + 600);
  g_autoptr(HdRemoteVariant) variant = remote_variant (fixture, post, fixture->mastodon);
  guint n_conflicts = 99;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (report->n_checked, ==, 1);
  g_assert_cmpuint (report->conflicts->len, ==, 0);
  g_assert_cmpint (variant->conflict, ==, HD_CONFLICT_NONE);
  g_assert_cmpint (variant->pulled_at, ==, TEST_NOW + 600);
  hd_store_count_conflicts (fixture->env.store, &n_conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts, ==, 0);
}

/* Mastodon gives a mention of another server's account back without its domain: that is
 * not an edit. A mention really changed there still is. */
static void
test_mention_of_another_server (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(HdPost) post = publish_now (fixture, "Thanks @dzuk@weirder.earth and @baker for "
                                        "the rye", fixture->mastodon);
  g_autoptr(HdRemoteVariant) before = remote_variant (fixture, post, fixture->mastodon);
  JsonObject *status = hd_fake_mastodon_find_status (fixture->mastodon_fake, before->remote_id);
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(HdRemoteVariant) after = NULL;

  g_assert_nonnull (strstr (json_object_get_string_member (status, "content"),
                            "href=\"https://weirder.earth/@dzuk\""));
  report = pull (fixture, TEST_NOW + 600);
  g_assert_cmpuint (report->n_checked, ==, 1);
  g_assert_cmpuint (report->conflicts->len, ==, 0);

  hd_fake_mastodon_edit_status (fixture->mastodon_fake, before->remote_id,
                                "Thanks @someone@weirder.earth and @baker for the rye");
  g_clear_pointer (&report, hd_pull_report_free);
  report = pull (fixture, TEST_NOW + 1200);
  after = remote_variant (fixture, post, fixture->mastodon);
  g_assert_cmpuint (report->conflicts->len, ==, 1);
  g_assert_cmpint (after->conflict, ==, HD_CONFLICT_EDITED);
  g_assert_cmpstr (after->remote_text, ==, "Thanks @someone and @baker for the rye");
}

static void
test_edited (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(HdPost) post = publish_now (fixture, "Sourdough is back", fixture->mastodon);
  g_autoptr(HdRemoteVariant) before = remote_variant (fixture, post, fixture->mastodon);
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(HdRemoteVariant) after = NULL;
  g_autoptr(HdPost) loaded = NULL;

  hd_fake_mastodon_edit_status (fixture->mastodon_fake, before->remote_id,
                                "Sourdough is back on Friday");
  report = pull (fixture, TEST_NOW + 600);
  after = remote_variant (fixture, post, fixture->mastodon);
  loaded = reload (fixture, post);

  g_assert_cmpuint (report->conflicts->len, ==, 1);
  g_assert_cmpint (after->conflict, ==, HD_CONFLICT_EDITED);
  g_assert_cmpstr (after->remote_text, ==, "Sourdough is back on Friday");
  /* A pull never changes Herald's text. */
  g_assert_cmpstr (after->text, ==, "Sourdough is back");
  g_assert_cmpstr (hd_post_get_text (loaded), ==, "Sourdough is back");

  /* Once in conflict it waits for the user; it is not read again. */
  g_clear_pointer (&report, hd_pull_report_free);
  report = pull (fixture, TEST_NOW + 1200);
  g_assert_cmpuint (report->n_checked, ==, 0);
}

static void
test_deleted (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(HdPost) post = publish_now (fixture, "Rolls", fixture->mastodon);
  g_autoptr(HdRemoteVariant) before = remote_variant (fixture, post, fixture->mastodon);
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(HdRemoteVariant) after = NULL;

  hd_fake_mastodon_remove_status (fixture->mastodon_fake, before->remote_id);
  report = pull (fixture, TEST_NOW + 600);
  after = remote_variant (fixture, post, fixture->mastodon);

  g_assert_cmpuint (report->conflicts->len, ==, 1);
  g_assert_cmpint (after->conflict, ==, HD_CONFLICT_DELETED);
  g_assert_cmpstr (after->text, ==, "Rolls");
}

/* The record key of a Bluesky post, the last part of its at:// URI. */
static const char *
rkey_of (const HdRemoteVariant *variant)
{
  return strrchr (variant->remote_id, '/') + 1;
}

static void
test_bluesky_edited (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(HdPost) post = publish_now (fixture, "Croissants at 8", fixture->bluesky);
  g_autoptr(HdRemoteVariant) before = remote_variant (fixture, post, fixture->bluesky);
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(HdRemoteVariant) after = NULL;

  hd_fake_bluesky_edit_record (fixture->bluesky_fake, rkey_of (before),
                               "Croissants at 9 today");
  report = pull (fixture, TEST_NOW + 600);
  after = remote_variant (fixture, post, fixture->bluesky);

  g_assert_cmpuint (report->conflicts->len, ==, 1);
  g_assert_cmpint (after->conflict, ==, HD_CONFLICT_EDITED);
  g_assert_cmpstr (after->remote_text, ==, "Croissants at 9 today");
  g_assert_cmpstr (after->text, ==, "Croissants at 8");
}

static void
test_bluesky_deleted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(HdPost) post = publish_now (fixture, "Croissants at 8", fixture->bluesky);
  g_autoptr(HdRemoteVariant) before = remote_variant (fixture, post, fixture->bluesky);
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(HdRemoteVariant) after = NULL;

  hd_fake_bluesky_remove_record (fixture->bluesky_fake, rkey_of (before));
  report = pull (fixture, TEST_NOW + 600);
  after = remote_variant (fixture, post, fixture->bluesky);

  g_assert_cmpuint (report->conflicts->len, ==, 1);
  g_assert_cmpint (after->conflict, ==, HD_CONFLICT_DELETED);
  g_assert_cmpstr (after->text, ==, "Croissants at 8");
}

static void
test_bluesky_unchanged (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(HdPost) post = publish_now (fixture, "Croissants at 8", fixture->bluesky);
  g_autoptr(HdPullReport) report = pull (fixture, TEST_NOW + 600);
  g_autoptr(HdRemoteVariant) after = remote_variant (fixture, post, fixture->bluesky);

  g_assert_cmpuint (report->n_checked, ==, 1);
  g_assert_cmpuint (report->conflicts->len, ==, 0);
  g_assert_cmpint (after->pulled_at, ==, TEST_NOW + 600);
}

static void
test_handed_over_then_published (Fixture       *fixture,
                                 gconstpointer  data)
{
  const gint64 day = 24 * 60 * 60;
  g_autoptr(HdPost) post = schedule_post (fixture, "Rye on Tuesday", day, fixture->mastodon,
                                          NULL);
  g_autoptr(HdSendReport) sent = send_due (fixture, TEST_NOW);
  g_autoptr(HdRemoteVariant) held = remote_variant (fixture, post, fixture->mastodon);
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(HdRemoteVariant) out = NULL;
  g_autoptr(HdPost) loaded = NULL;
  const char *status_id;

  g_assert_true (held->handed_over);

  /* Still held before its time: nothing to say. */
  report = pull (fixture, TEST_NOW + 60);
  g_assert_cmpuint (report->conflicts->len, ==, 0);
  g_clear_pointer (&report, hd_pull_report_free);

  fixture->mastodon_fake->now = TEST_NOW + day;
  status_id = hd_fake_mastodon_publish_scheduled (fixture->mastodon_fake, held->remote_id);
  report = pull (fixture, TEST_NOW + day + 600);
  out = remote_variant (fixture, post, fixture->mastodon);
  loaded = reload (fixture, post);

  g_assert_cmpuint (report->conflicts->len, ==, 0);
  g_assert_cmpuint (report->n_published, ==, 1);
  g_assert_cmpstr (out->remote_id, ==, status_id);
  g_assert_nonnull (out->remote_url);
  g_assert_true (g_str_has_suffix (out->remote_url, status_id));
  g_assert_false (out->handed_over);
  g_assert_cmpint (out->conflict, ==, HD_CONFLICT_NONE);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_PUBLISHED);

  /* The next pull reads the published status by its own id and finds it unchanged. */
  g_clear_pointer (&report, hd_pull_report_free);
  report = pull (fixture, TEST_NOW + day + 1200);
  g_assert_cmpuint (report->n_checked, ==, 1);
  g_assert_cmpuint (report->conflicts->len, ==, 0);
}

static void
test_deleted_before_its_time (Fixture       *fixture,
                              gconstpointer  data)
{
  const gint64 day = 24 * 60 * 60;
  g_autoptr(HdPost) post = schedule_post (fixture, "Rye on Tuesday", day, fixture->mastodon,
                                          NULL);
  g_autoptr(HdSendReport) sent = send_due (fixture, TEST_NOW);
  g_autoptr(HdRemoteVariant) held = remote_variant (fixture, post, fixture->mastodon);
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(HdRemoteVariant) after = NULL;

  hd_fake_mastodon_remove_status (fixture->mastodon_fake, held->remote_id);
  report = pull (fixture, TEST_NOW + 600);
  after = remote_variant (fixture, post, fixture->mastodon);

  g_assert_cmpuint (report->conflicts->len, ==, 1);
  g_assert_cmpint (after->conflict, ==, HD_CONFLICT_DELETED);
}

static void
test_take_theirs (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(HdPost) post = publish_now (fixture, "Sourdough is back", fixture->mastodon);
  g_autoptr(HdPost) gone = publish_now (fixture, "Rolls", fixture->mastodon);
  g_autoptr(HdRemoteVariant) edited = remote_variant (fixture, post, fixture->mastodon);
  g_autoptr(HdRemoteVariant) deleted = remote_variant (fixture, gone, fixture->mastodon);
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(HdRemoteVariant) after = NULL;
  g_autoptr(HdPost) loaded = NULL;
  g_autoptr(GError) error = NULL;
  guint n_conflicts = 99;
  guint rows_before = count_rows (fixture, "1");

  hd_fake_mastodon_edit_status (fixture->mastodon_fake, edited->remote_id, "Sourdough Friday");
  hd_fake_mastodon_remove_status (fixture->mastodon_fake, deleted->remote_id);
  report = pull (fixture, TEST_NOW + 600);
  g_assert_cmpuint (report->conflicts->len, ==, 2);

  hd_store_take_theirs (fixture->env.store, edited->variant_id, &error);
  g_assert_no_error (error);
  hd_store_take_theirs (fixture->env.store, deleted->variant_id, &error);
  g_assert_no_error (error);

  after = remote_variant (fixture, post, fixture->mastodon);
  g_assert_cmpint (after->conflict, ==, HD_CONFLICT_NONE);
  g_assert_cmpstr (after->text, ==, "Sourdough Friday");
  g_clear_pointer (&after, hd_remote_variant_free);
  after = remote_variant (fixture, gone, fixture->mastodon);
  g_assert_cmpint (after->conflict, ==, HD_CONFLICT_NONE);
  g_assert_null (after->remote_id);
  loaded = reload (fixture, gone);
  g_assert_cmpint (hd_variant_get_state (hd_post_find_variant (loaded,
                     hd_channel_get_id (fixture->mastodon))), !=, HD_POST_STATE_PUBLISHED);

  /* Taking theirs sends nothing. */
  g_assert_cmpuint (count_rows (fixture, "1"), ==, rows_before);
  hd_store_count_conflicts (fixture->env.store, &n_conflicts, &error);
  g_assert_cmpuint (n_conflicts, ==, 0);

  /* A second answer finds nothing to answer. */
  g_assert_false (hd_store_take_theirs (fixture->env.store, edited->variant_id, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
}

static void
test_keep_mine_deleted_sends_once (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(HdPost) post = publish_now (fixture, "Rolls at noon", fixture->mastodon);
  g_autoptr(HdRemoteVariant) before = remote_variant (fixture, post, fixture->mastodon);
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(HdSendReport) sent = NULL;
  g_autoptr(HdSendReport) again = NULL;
  g_autoptr(HdRemoteVariant) after = NULL;
  g_autoptr(GError) error = NULL;

  hd_fake_mastodon_remove_status (fixture->mastodon_fake, before->remote_id);
  report = pull (fixture, TEST_NOW + 600);
  g_assert_cmpuint (report->conflicts->len, ==, 1);

  hd_store_keep_mine (fixture->env.store, before->variant_id, FALSE, &error);
  g_assert_no_error (error);
  sent = send_due (fixture, TEST_NOW + 700);
  again = send_due (fixture, TEST_NOW + 800);
  after = remote_variant (fixture, post, fixture->mastodon);

  g_assert_cmpuint (hd_send_report_get_n_items (sent), ==, 1);
  g_assert_cmpuint (hd_send_report_get_n_items (again), ==, 0);
  g_assert_cmpuint (hd_fake_mastodon_count_created (fixture->mastodon_fake, "Rolls at noon"), ==,
                    2);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 1);
  g_assert_cmpint (after->conflict, ==, HD_CONFLICT_NONE);
  g_assert_nonnull (after->remote_id);
  g_assert_cmpstr (after->remote_id, !=, before->remote_id);
}

/* Where Herald cannot edit in place, keeping Herald's text replaces theirs. */
static void
test_keep_mine_replaces (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(HdPost) post = publish_now (fixture, "Sourdough is back", fixture->mastodon);
  g_autoptr(HdRemoteVariant) before = remote_variant (fixture, post, fixture->mastodon);
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(HdSendReport) sent = NULL;
  g_autoptr(HdRemoteVariant) after = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *status;

  hd_fake_mastodon_edit_status (fixture->mastodon_fake, before->remote_id, "Sourdough gone");
  report = pull (fixture, TEST_NOW + 600);
  g_assert_cmpuint (report->conflicts->len, ==, 1);

  hd_store_keep_mine (fixture->env.store, before->variant_id, FALSE, &error);
  g_assert_no_error (error);
  sent = send_due (fixture, TEST_NOW + 700);
  after = remote_variant (fixture, post, fixture->mastodon);

  /* Theirs is gone and Herald's is there, once: never two live copies. */
  g_assert_true (hd_send_report_all_sent (sent));
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 1);
  g_assert_null (hd_fake_mastodon_find_status (fixture->mastodon_fake, before->remote_id));
  status = hd_fake_mastodon_find_status (fixture->mastodon_fake, after->remote_id);
  g_assert_nonnull (status);
  g_assert_cmpstr (json_object_get_string_member (status, "content"), ==,
                   "<p>Sourdough is back</p>");
  g_assert_cmpstr (after->text, ==, "Sourdough is back");
}

/* On Mastodon, keeping Herald's text edits the status where it is, keeping its id, pictures
 * and replies: one PUT with Herald's text, no second status. */
static void
test_keep_mine_edits_in_place (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(HdPost) post = publish_now (fixture, "Sourdough is back", fixture->mastodon);
  g_autoptr(HdRemoteVariant) before = remote_variant (fixture, post, fixture->mastodon);
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(HdSendReport) sent = NULL;
  g_autoptr(HdSendReport) again = NULL;
  g_autoptr(HdRemoteVariant) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/statuses/%s", before->remote_id);
  HdFakeRequest *put;
  g_autoptr(JsonNode) body = NULL;

  g_assert_true (hd_provider_kind_can_edit (HD_CHANNEL_KIND_MASTODON));
  g_assert_false (hd_provider_kind_can_edit (HD_CHANNEL_KIND_BLUESKY));

  hd_fake_mastodon_edit_status (fixture->mastodon_fake, before->remote_id, "Sourdough gone");
  report = pull (fixture, TEST_NOW + 600);
  g_assert_cmpuint (report->conflicts->len, ==, 1);
  hd_fake_server_clear_requests (fixture->mastodon_fake->server);

  hd_store_keep_mine (fixture->env.store, before->variant_id, TRUE, &error);
  g_assert_no_error (error);
  sent = send_due (fixture, TEST_NOW + 700);
  again = send_due (fixture, TEST_NOW + 800);
  after = remote_variant (fixture, post, fixture->mastodon);

  g_assert_cmpuint (hd_send_report_get_n_items (sent), ==, 1);
  g_assert_true (hd_send_report_all_sent (sent));
  g_assert_cmpuint (hd_send_report_get_n_items (again), ==, 0);
  g_assert_cmpuint (hd_fake_server_count (fixture->mastodon_fake->server, "PUT", path), ==, 1);
  g_assert_cmpuint (hd_fake_server_count (fixture->mastodon_fake->server, "POST",
                                          "/api/v1/statuses"), ==, 0);
  g_assert_cmpuint (hd_fake_server_count (fixture->mastodon_fake->server, "DELETE", path), ==, 0);
  put = hd_fake_server_last (fixture->mastodon_fake->server, "PUT", path);
  body = hd_fake_request_get_json (put);
  g_assert_nonnull (body);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "status"), ==,
                   "Sourdough is back");
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 1);
  g_assert_cmpstr (after->remote_id, ==, before->remote_id);
  g_assert_cmpint (after->conflict, ==, HD_CONFLICT_NONE);
  g_assert_cmpstr (after->text, ==, "Sourdough is back");
}

static void
test_normalize_text (void)
{
  g_autofree char *spaced = hd_provider_normalize_text ("  Rye\n\n and\tspelt  ");
  g_autofree char *composed = hd_provider_normalize_text ("Cafe\xcc\x81");

  g_assert_cmpstr (spaced, ==, "Rye and spelt");
  g_assert_cmpstr (composed, ==, "Caf\xc3\xa9");
}

/* `herald sync` sends, reads back, and prints a line per conflict, which waits for an answer
 * in the Changes view; a post already in conflict is not read again, so no server is asked. */
static void
test_cli_prints_conflicts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("herald-pull-cli-XXXXXX", &error);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *path = g_build_filename (data_dir, "herald.db", NULL);
  g_autofree char *herald = g_build_filename (g_getenv ("HERALD_BUILD_ROOT"), "src", "herald",
                                              NULL);
  const char *argv[] = { herald, "sync", "--data-dir", data_dir, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_assert_no_error (error);
  g_mkdir_with_parents (data_dir, 0700);
  store = hd_store_open (path, &error);
  g_assert_no_error (error);

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_BLUESKY);
  hd_channel_set_display_name (channel, "Bakery sky");
  hd_channel_set_base_url (channel, "http://127.0.0.1:9");
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);

  hd_post_set_text (post, "Rye today");
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_post_set_scheduled_at (post, g_get_real_time () / G_USEC_PER_SEC - 3600);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_variant_set_remote_id (variant, "at://did:plc:bakery/app.bsky.feed.post/3k");
  hd_post_add_variant (post, variant);
  hd_store_save_post (store, post, &error);
  g_assert_no_error (error);
  hd_store_note_conflict (store, hd_variant_get_id (variant), HD_CONFLICT_EDITED, "Rye tomorrow",
                          g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "GDK_BACKEND", "none", TRUE);
  env = g_environ_setenv (env, "GIO_USE_NETWORK_MONITOR", "base", TRUE);
  g_spawn_sync (dir, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);

  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpstr (out, ==,
                   "Nothing to send.\n"
                   "“Rye today” on Bakery sky was edited there. Keep yours or take theirs.\n"
                   "1 post changed on its platform: answer it in Herald’s Changes view.\n");

  test_remove_tree (dir);
}

/* `herald sync --daemon` reads back now and then too, says so once, and stops cleanly. */
static void
test_daemon_prints_conflicts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("herald-pull-daemon-XXXXXX", &error);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *path = g_build_filename (data_dir, "herald.db", NULL);
  g_autofree char *herald = g_build_filename (g_getenv ("HERALD_BUILD_ROOT"), "src", "herald",
                                              NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();
  gboolean told = FALSE;

  g_assert_no_error (error);
  g_mkdir_with_parents (data_dir, 0700);
  store = hd_store_open (path, &error);
  g_assert_no_error (error);

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_BLUESKY);
  hd_channel_set_display_name (channel, "Bakery sky");
  hd_channel_set_base_url (channel, "http://127.0.0.1:9");
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);

  hd_post_set_text (post, "Rye today");
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_post_set_scheduled_at (post, g_get_real_time () / G_USEC_PER_SEC - 3600);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_variant_set_remote_id (variant, "at://did:plc:bakery/app.bsky.feed.post/3k");
  hd_post_add_variant (post, variant);
  hd_store_save_post (store, post, &error);
  g_assert_no_error (error);
  hd_store_note_conflict (store, hd_variant_get_id (variant), HD_CONFLICT_EDITED, "Rye tomorrow",
                          g_get_real_time () / G_USEC_PER_SEC, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "none", TRUE);
  g_subprocess_launcher_setenv (launcher, "GIO_USE_NETWORK_MONITOR", "base", TRUE);
  daemon = g_subprocess_launcher_spawn (launcher, &error, herald, "sync", "--daemon",
                                        "--data-dir", data_dir, NULL);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  while (!told)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      told = g_str_equal (line, "1 post changed on its platform: answer it in Herald’s Changes "
                                "view.");
    }

  g_subprocess_send_signal (daemon, SIGTERM);
  g_subprocess_wait (daemon, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (daemon));
  g_assert_cmpint (g_subprocess_get_exit_status (daemon), ==, 0);

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/herald/sync/pull/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("migration-from-4", test_migration_from_4);
  ADD ("unchanged", test_unchanged);
  ADD ("edited", test_edited);
  ADD ("mention-of-another-server", test_mention_of_another_server);
  ADD ("deleted", test_deleted);
  ADD ("bluesky-unchanged", test_bluesky_unchanged);
  ADD ("bluesky-edited", test_bluesky_edited);
  ADD ("bluesky-deleted", test_bluesky_deleted);
  ADD ("handed-over-then-published", test_handed_over_then_published);
  ADD ("deleted-before-its-time", test_deleted_before_its_time);
  ADD ("take-theirs", test_take_theirs);
  ADD ("keep-mine-deleted-sends-once", test_keep_mine_deleted_sends_once);
  ADD ("keep-mine-replaces", test_keep_mine_replaces);
  ADD ("keep-mine-edits-in-place", test_keep_mine_edits_in_place);
  g_test_add_func ("/herald/sync/pull/normalize-text", test_normalize_text);
  g_test_add_func ("/herald/sync/pull/cli-prints-conflicts", test_cli_prints_conflicts);
  g_test_add_func ("/herald/sync/pull/daemon-prints-conflicts", test_daemon_prints_conflicts);

  return g_test_run ();
}
