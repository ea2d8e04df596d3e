/* test-sender.c: the simple sender against the Mastodon and Bluesky fakes, on a fresh store
 * with the real keyring of the test session
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-channels.h"
#include "hd-fake-bluesky.h"
#include "hd-fake-mastodon.h"
#include "hd-sender.h"
#include "hd-store-private.h"
#include "hd-tid.h"

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
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
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

/* The post's one outbox row on @channel. */
static HdChange *
row_of (Fixture   *fixture,
        HdPost    *post,
        HdChannel *channel)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = _hd_store_prepare (fixture->env.store,
                            "SELECT id FROM outbox WHERE subject_id = ?1 AND channel_id = ?2",
                            "test", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, hd_post_get_id (post), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hd_channel_get_id (channel), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  {
    HdChange *change = hd_store_load_change (fixture->env.store,
                                             (const char *) sqlite3_column_text (stmt, 0),
                                             &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    return change;
  }
}

static HdChannel *
reload_channel (Fixture   *fixture,
                HdChannel *channel)
{
  g_autoptr(GError) error = NULL;
  HdChannel *loaded = hd_store_load_channel (fixture->env.store, hd_channel_get_id (channel),
                                             &error);

  g_assert_no_error (error);
  return loaded;
}

static const HdSendItem *
item_for (HdSendReport *report,
          HdChannel    *channel)
{
  for (guint i = 0; i < hd_send_report_get_n_items (report); i++)
    {
      const HdSendItem *item = hd_send_report_get_item (report, i);

      if (g_strcmp0 (item->channel_id, hd_channel_get_id (channel)) == 0)
        return item;
    }

  g_assert_not_reached ();
}

static void
test_due_post_goes_out (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(HdPost) due = schedule_post (fixture, "Fresh rolls at nine, come early",
                                         -60, fixture->mastodon, fixture->bluesky);
  /* Bluesky cannot hold a post for later: this one waits for its time in Herald. */
  g_autoptr(HdPost) later = schedule_post (fixture, "Tomorrow: rye", 24 * 60 * 60,
                                           fixture->bluesky, NULL);
  g_autoptr(HdSendReport) report = send_due (fixture, TEST_NOW);
  g_autoptr(HdPost) sent = reload (fixture, due);
  g_autoptr(HdPost) waiting = reload (fixture, later);
  g_autoptr(HdChange) later_row = row_of (fixture, later, fixture->bluesky);
  HdVariant *on_mastodon = hd_post_find_variant (sent, hd_channel_get_id (fixture->mastodon));
  HdVariant *on_bluesky = hd_post_find_variant (sent, hd_channel_get_id (fixture->bluesky));
  const HdSendItem *item;

  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 2);
  g_assert_true (hd_send_report_all_sent (report));
  item = item_for (report, fixture->mastodon);
  g_assert_cmpint (item->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpstr (item->excerpt, ==, "Fresh rolls at nine, come early");
  g_assert_nonnull (strstr (item->sentence, "Published at"));

  /* Each platform has it once, and the store knows where. */
  g_assert_cmpuint (hd_fake_server_count (fixture->mastodon_fake->server, "POST",
                                          "/api/v1/statuses"), ==, 1);
  g_assert_cmpuint (hd_fake_server_count (fixture->bluesky_fake->server, "POST",
                                          "/xrpc/com.atproto.repo.createRecord"), ==, 1);
  g_assert_nonnull (hd_variant_get_remote_id (on_mastodon));
  g_assert_nonnull (hd_fake_mastodon_find_status (fixture->mastodon_fake,
                                                  hd_variant_get_remote_id (on_mastodon)));
  g_assert_true (g_str_has_prefix (hd_variant_get_remote_id (on_bluesky), "at://"));
  g_assert_nonnull (hd_variant_get_remote_url (on_bluesky));
  g_assert_cmpint (hd_variant_get_state (on_mastodon), ==, HD_POST_STATE_PUBLISHED);
  g_assert_cmpint (hd_post_get_state (sent), ==, HD_POST_STATE_PUBLISHED);
  g_assert_cmpint (hd_post_get_published_at (sent), ==, TEST_NOW);

  /* The post of tomorrow is untouched. */
  g_assert_cmpint (hd_post_get_state (waiting), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpint (later_row->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (later_row->attempts, ==, 0);

  /* A second run has nothing to do. */
  {
    g_autoptr(HdSendReport) again = send_due (fixture, TEST_NOW + 60);

    g_assert_cmpuint (hd_send_report_get_n_items (again), ==, 0);
  }
}

static void
test_unauthorized_waits_for_reconnect (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(HdPost) post = schedule_post (fixture, "Closed on Monday", -60, fixture->mastodon,
                                          NULL);
  g_autoptr(HdPost) second = schedule_post (fixture, "Open on Tuesday", -30, fixture->mastodon,
                                            NULL);
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) row = NULL;
  g_autoptr(HdChange) second_row = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdPost) loaded = NULL;

  hd_fake_server_add_fault (fixture->mastodon_fake->server, "POST", "/api/v1/statuses",
                            HD_FAKE_FAULT_STATUS, 401,
                            "{\"error\":\"The access token is invalid\"}", NULL, 0);
  report = send_due (fixture, TEST_NOW);

  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==,
                   HD_SEND_OUTCOME_NEEDS_RECONNECT);
  g_assert_false (hd_send_report_all_sent (report));

  channel = reload_channel (fixture, fixture->mastodon);
  g_assert_cmpint (hd_channel_get_state (channel), ==, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  row = row_of (fixture, post, fixture->mastodon);
  second_row = row_of (fixture, second, fixture->mastodon);
  g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpint (second_row->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (second_row->attempts, ==, 0);
  loaded = reload (fixture, post);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpstr (hd_post_get_text (loaded), ==, "Closed on Monday");

  /* The queue of that channel waits: nothing more goes there until it is reconnected. */
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
  g_assert_cmpuint (hd_fake_server_count (fixture->mastodon_fake->server, "POST",
                                          "/api/v1/statuses"), ==, 1);
}

static gboolean
revoke_token_cb (gpointer user_data)
{
  HdFakeMastodon *fake = user_data;

  g_free (fake->access_token);
  fake->access_token = g_strdup ("revoked-while-the-post-was-on-its-way");

  return G_SOURCE_REMOVE;
}

/* While a post is on its way the next one is made ready and marked in flight; when the queue
 * stops behind the first, the next one goes back to waiting as if never touched, and goes
 * once the channel is reconnected. */
static void
test_stopped_queue_puts_next_back (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(HdPost) first = schedule_post (fixture, "Closed on Monday", -60, fixture->mastodon,
                                           NULL);
  g_autoptr(HdPost) second = schedule_post (fixture, "Open on Tuesday", -30, fixture->mastodon,
                                            NULL);
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) first_row = NULL;
  g_autoptr(HdChange) second_row = NULL;
  g_autoptr(HdChange) second_sent = NULL;
  g_autoptr(GError) error = NULL;

  /* The token is revoked while the first request waits for its answer. */
  hd_fake_server_add_fault (fixture->mastodon_fake->server, "POST", "/api/v1/statuses",
                            HD_FAKE_FAULT_SLOW, 0, NULL, NULL, 300);
  g_timeout_add (50, revoke_token_cb, fixture->mastodon_fake);
  report = send_due (fixture, TEST_NOW);

  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==,
                   HD_SEND_OUTCOME_NEEDS_RECONNECT);
  first_row = row_of (fixture, first, fixture->mastodon);
  second_row = row_of (fixture, second, fixture->mastodon);
  g_assert_cmpint (first_row->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpint (second_row->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (second_row->attempts, ==, 0);
  g_assert_cmpuint (hd_fake_server_count (fixture->mastodon_fake->server, "POST",
                                          "/api/v1/statuses"), ==, 1);

  /* Reconnected: both go, once each, in order. */
  g_clear_object (&fixture->mastodon);
  fixture->mastodon = connect_mastodon (fixture);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 2);
  g_assert_cmpstr (hd_send_report_get_item (report, 0)->excerpt, ==, "Closed on Monday");
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpstr (hd_send_report_get_item (report, 1)->excerpt, ==, "Open on Tuesday");
  g_assert_cmpint (hd_send_report_get_item (report, 1)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 2);
  second_sent = row_of (fixture, second, fixture->mastodon);
  g_assert_cmpuint (second_sent->attempts, ==, 1);
}

static void
test_rate_limited_waits (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const headers[] = { "Retry-After", "120", NULL };
  g_autoptr(HdPost) post = schedule_post (fixture, "Busy day", -60, fixture->mastodon, NULL);
  const char *sentence;
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) row = NULL;

  hd_fake_server_add_fault (fixture->mastodon_fake->server, "POST", "/api/v1/statuses",
                            HD_FAKE_FAULT_STATUS, 429, "{\"error\":\"Too many requests\"}",
                            headers, 0);
  report = send_due (fixture, TEST_NOW);

  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_WAITING);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->next_attempt_at, ==, TEST_NOW + 120);
  /* Said once, with the wait the instance asked for. */
  sentence = hd_send_report_get_item (report, 0)->sentence;
  g_assert_nonnull (strstr (sentence, "try again in 2 minutes"));
  g_assert_null (strstr (strstr (sentence, "try again") + 1, "try again"));
  row = row_of (fixture, post, fixture->mastodon);
  g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpint (row->next_attempt_at, ==, TEST_NOW + 120);
  g_assert_nonnull (row->last_error);

  /* Not before its time; then it goes, once. */
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 120);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 1);
}

static void
test_refused_needs_attention (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(HdPost) post = schedule_post (fixture, "Too long for them", -60,
                                          fixture->mastodon, fixture->bluesky);
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) row = NULL;
  g_autoptr(HdPost) loaded = NULL;
  const HdSendItem *item;

  hd_fake_server_add_fault (fixture->mastodon_fake->server, "POST", "/api/v1/statuses",
                            HD_FAKE_FAULT_STATUS, 422,
                            "{\"error\":\"Validation failed: Text character limit of 500 "
                            "exceeded\"}", NULL, 0);
  report = send_due (fixture, TEST_NOW);

  item = item_for (report, fixture->mastodon);
  g_assert_cmpint (item->outcome, ==, HD_SEND_OUTCOME_FAILED);
  g_assert_nonnull (strstr (item->sentence, "character limit of 500"));
  g_assert_cmpint (item_for (report, fixture->bluesky)->outcome, ==, HD_SEND_OUTCOME_SENT);

  row = row_of (fixture, post, fixture->mastodon);
  g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_FAILED);
  g_assert_nonnull (strstr (row->last_error, "character limit of 500"));
  loaded = reload (fixture, post);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_NEEDS_ATTENTION);
  g_assert_cmpint (hd_variant_get_state (hd_post_find_variant (loaded,
                                           hd_channel_get_id (fixture->mastodon))),
                   ==, HD_POST_STATE_FAILED);

  /* A failed row is not tried again by itself. */
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 3600);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
}

/* The process died after committing in-flight: whether the request reached the platform is
 * asked before anything is sent again. */
static void
leave_in_flight (Fixture  *fixture,
                 HdChange *change)
{
  g_autoptr(GError) error = NULL;

  hd_store_begin_sending_change (fixture->env.store, change->id, &error);
  g_assert_no_error (error);
}

static void
test_killed_and_found (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(HdPost) post = schedule_post (fixture, "Lost answer, found post", -60,
                                          fixture->bluesky, NULL);
  g_autoptr(HdChange) row = row_of (fixture, post, fixture->bluesky);
  g_autoptr(HdProvider) provider = NULL;
  g_autoptr(HdProviderPost) request = NULL;
  g_autoptr(HdProviderResult) first = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) after = NULL;
  g_autoptr(HdPost) loaded = NULL;
  guint n_recovered = 0;

  /* The request went out and the platform made the post; then the process was killed. */
  leave_in_flight (fixture, row);
  provider = hd_provider_new_for_channel (fixture->env.http, NULL, fixture->bluesky, &error);
  g_assert_no_error (error);
  request = test_provider_post (post, fixture->bluesky, row->idempotency_key, row->created_at);
  hd_provider_publish_async (provider, request, NULL, test_store_result, &result);
  first = hd_provider_publish_finish (provider, test_wait (&result), &error);
  g_assert_no_error (error);

  hd_sender_recover (fixture->sender, &n_recovered, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_recovered, ==, 1);
  g_clear_pointer (&after, hd_change_free);
  after = row_of (fixture, post, fixture->bluesky);
  g_assert_cmpint (after->state, ==, HD_OUTBOX_STATE_UNCONFIRMED);

  report = send_due (fixture, TEST_NOW);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==,
                   HD_SEND_OUTCOME_CONFIRMED);

  /* One post on the platform, made by the first attempt only. */
  g_assert_cmpuint (hd_fake_server_count (fixture->bluesky_fake->server, "POST",
                                          "/xrpc/com.atproto.repo.createRecord"), ==, 1);
  g_assert_cmpuint (g_hash_table_size (fixture->bluesky_fake->records), ==, 1);
  g_clear_pointer (&after, hd_change_free);
  after = row_of (fixture, post, fixture->bluesky);
  g_assert_cmpint (after->state, ==, HD_OUTBOX_STATE_DONE);
  loaded = reload (fixture, post);
  g_assert_cmpstr (hd_variant_get_remote_id (hd_post_find_variant (loaded,
                     hd_channel_get_id (fixture->bluesky))), ==, first->remote_id);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_PUBLISHED);
}

static void
test_killed_and_not_found (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(HdPost) bluesky_post = schedule_post (fixture, "Never arrived", -60,
                                                  fixture->bluesky, NULL);
  g_autoptr(HdPost) mastodon_post = schedule_post (fixture, "Never arrived either", -60,
                                                   fixture->mastodon, NULL);
  g_autoptr(HdChange) bluesky_row = row_of (fixture, bluesky_post, fixture->bluesky);
  g_autoptr(HdChange) mastodon_row = row_of (fixture, mastodon_post, fixture->mastodon);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSendReport) report = NULL;

  leave_in_flight (fixture, bluesky_row);
  leave_in_flight (fixture, mastodon_row);
  hd_sender_recover (fixture->sender, NULL, &error);
  g_assert_no_error (error);

  report = send_due (fixture, TEST_NOW);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 2);
  g_assert_true (hd_send_report_all_sent (report));
  g_assert_cmpint (hd_send_report_count (report, HD_SEND_OUTCOME_SENT), ==, 2);

  /* Asked first, then sent exactly once. */
  g_assert_cmpuint (hd_fake_server_count (fixture->bluesky_fake->server, "GET",
                                          "/xrpc/com.atproto.repo.getRecord"), >=, 1);
  g_assert_cmpuint (hd_fake_server_count (fixture->bluesky_fake->server, "POST",
                                          "/xrpc/com.atproto.repo.createRecord"), ==, 1);
  g_assert_cmpuint (hd_fake_server_count (fixture->mastodon_fake->server, "POST",
                                          "/api/v1/statuses"), ==, 1);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 1);
}

static char *
status_text (HdFakeRequest *request)
{
  g_autoptr(JsonNode) node = hd_fake_request_get_json (request);

  return g_strdup (json_object_get_string_member (json_node_get_object (node), "status"));
}

static void
test_order_per_channel (Fixture       *fixture,
                        gconstpointer  data)
{
  /* Saved in the opposite order of their times. */
  g_autoptr(HdPost) third = schedule_post (fixture, "Third", -100, fixture->mastodon, NULL);
  g_autoptr(HdPost) second = schedule_post (fixture, "Second", -200, fixture->mastodon, NULL);
  g_autoptr(HdPost) first = schedule_post (fixture, "First", -300, fixture->mastodon, NULL);
  g_autoptr(HdSendReport) report = send_due (fixture, TEST_NOW);
  GPtrArray *requests = hd_fake_server_get_requests (fixture->mastodon_fake->server);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 3);
  g_assert_cmpstr (hd_send_report_get_item (report, 0)->excerpt, ==, "First");
  g_assert_cmpstr (hd_send_report_get_item (report, 2)->excerpt, ==, "Third");

  for (guint i = 0; i < requests->len; i++)
    {
      HdFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "POST") &&
          g_str_equal (request->path, "/api/v1/statuses"))
        g_ptr_array_add (texts, status_text (request));
    }

  g_assert_cmpuint (texts->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (texts, 0), ==, "First");
  g_assert_cmpstr (g_ptr_array_index (texts, 1), ==, "Second");
  g_assert_cmpstr (g_ptr_array_index (texts, 2), ==, "Third");
}

/* The request body is written by hand: whatever the user typed reaches the platform as typed,
 * quotes, backslashes, line breaks, control characters and all. */
static void
test_text_arrives_as_written (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *text = "\"Sourdough\" \\ rye\r\nline two\tindented \x01\x1f "
                     "caf\xc3\xa9 \xf0\x9f\xa5\x90 </script> \\u0041";
  g_autoptr(HdPost) due = schedule_post (fixture, text, -60, fixture->mastodon, NULL);
  g_autoptr(HdSendReport) report = send_due (fixture, TEST_NOW);
  HdFakeRequest *request = hd_fake_server_last (fixture->mastodon_fake->server, "POST",
                                                "/api/v1/statuses");
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object;
  const guchar *raw;
  gsize length;

  g_assert_true (hd_send_report_all_sent (report));
  g_assert_nonnull (request);

  /* JSON allows no control character unescaped, though the fake's parser would let it by. */
  raw = g_bytes_get_data (request->body, &length);
  for (gsize i = 0; i < length; i++)
    g_assert_cmpuint (raw[i], >=, 0x20);

  body = hd_fake_request_get_json (request);
  g_assert_nonnull (body);
  object = json_node_get_object (body);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, text);
  g_assert_cmpstr (json_object_get_string_member (object, "visibility"), ==, "public");
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  g_assert_cmpuint (hd_fake_mastodon_count_created (fixture->mastodon_fake, text), ==, 1);
}

static guint
count_rows (Fixture    *fixture,
            const char *where)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE %s", where);

  stmt = _hd_store_prepare (fixture->env.store, sql, "test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return (guint) sqlite3_column_int (stmt, 0);
}

/* The rows due are listed away from the main loop: a round asked for meanwhile is refused
 * rather than listing the same rows again, a post saved meanwhile goes out in this round or the
 * next,
 * and over more rows than the sender makes ready at once each goes out once, in time order. */
static void
test_listed_rows_go_out_once (Fixture       *fixture,
                              gconstpointer  data)
{
  const guint n_posts = 80;
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) first_result = NULL;
  g_autoptr(GAsyncResult) second_result = NULL;
  g_autoptr(HdSendReport) first_report = NULL;
  g_autoptr(HdSendReport) late_report = NULL;
  g_autoptr(HdSendReport) quiet_report = NULL;
  g_autoptr(HdPost) late = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GPtrArray *requests;

  /* Saved newest first, so that the order sent is the order of their times, not of saving. */
  for (guint i = 0; i < n_posts; i++)
    {
      g_autofree char *text = g_strdup_printf ("Batch %02u of rolls", n_posts - 1 - i);

      g_ptr_array_add (posts, schedule_post (fixture, text, -(gint64) (i + 1) * 5,
                                             fixture->mastodon, NULL));
    }

  fixture->env.now = TEST_NOW;
  hd_sender_send_due_async (fixture->sender, TEST_NOW, NULL, test_store_result, &first_result);
  g_assert_null (first_result);
  g_assert_true (hd_sender_get_running (fixture->sender));

  /* While the rows are listed: */
  hd_sender_send_due_async (fixture->sender, TEST_NOW, NULL, test_store_result,
                            &second_result);
  late = schedule_post (fixture, "Late batch of rolls", -30, fixture->mastodon, NULL);

  g_assert_true (hd_sender_send_due_finish (fixture->sender, test_wait (&first_result),
                                            &first_report, &error));
  g_assert_no_error (error);
  g_assert_false (hd_sender_send_due_finish (fixture->sender, test_wait (&second_result), NULL,
                                             &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);
  g_assert_false (hd_sender_get_running (fixture->sender));

  late_report = send_due (fixture, TEST_NOW + 1);
  quiet_report = send_due (fixture, TEST_NOW + 2);
  g_assert_cmpuint (hd_send_report_get_n_items (first_report) +
                    hd_send_report_get_n_items (late_report), ==, n_posts + 1);
  g_assert_cmpuint (hd_send_report_get_n_items (quiet_report), ==, 0);

  requests = hd_fake_server_get_requests (fixture->mastodon_fake->server);
  for (guint i = 0; i < requests->len; i++)
    {
      HdFakeRequest *request = g_ptr_array_index (requests, i);

      if (g_str_equal (request->method, "POST") &&
          g_str_equal (request->path, "/api/v1/statuses"))
        g_ptr_array_add (texts, status_text (request));
    }

  /* Each once; the forty in the order of their times; the late one wherever it fell. */
  g_assert_cmpuint (texts->len, ==, n_posts + 1);
  g_assert_cmpuint (hd_fake_mastodon_count_created (fixture->mastodon_fake,
                                                    "Late batch of rolls"), ==, 1);
  for (guint i = 0, n = 0; i < texts->len; i++)
    {
      g_autofree char *expected = g_strdup_printf ("Batch %02u of rolls", n);
      const char *text = g_ptr_array_index (texts, i);

      if (g_str_equal (text, "Late batch of rolls"))
        continue;
      g_assert_cmpstr (text, ==, expected);
      g_assert_cmpuint (hd_fake_mastodon_count_created (fixture->mastodon_fake, text), ==, 1);
      n++;
    }
  g_assert_cmpuint (count_rows (fixture, "state = 'done'"), ==, n_posts + 1);
}

static void
save (Fixture *fixture,
      HdPost  *post)
{
  g_autoptr(GError) error = NULL;

  hd_store_save_post (fixture->env.store, post, &error);
  g_assert_no_error (error);
}

static const char *
scheduled_text (Fixture *fixture,
                guint    index)
{
  JsonNode *node = g_ptr_array_index (fixture->mastodon_fake->scheduled, index);
  JsonObject *params = json_object_get_object_member (json_node_get_object (node), "params");

  return json_object_get_string_member (params, "text");
}

/* A day ahead, Mastodon holds the post itself: handed over at once, so it goes out with the
 * laptop closed; Bluesky's copy waits in Herald for its time. */
static void
test_handed_over (Fixture       *fixture,
                  gconstpointer  data)
{
  const gint64 day = 24 * 60 * 60;
  g_autoptr(HdPost) post = schedule_post (fixture, "Rye on Tuesday", day, fixture->mastodon,
                                          fixture->bluesky);
  g_autoptr(HdSendReport) report = send_due (fixture, TEST_NOW);
  g_autoptr(HdPost) loaded = reload (fixture, post);
  g_autoptr(HdChange) mastodon_row = row_of (fixture, post, fixture->mastodon);
  g_autoptr(HdChange) bluesky_row = row_of (fixture, post, fixture->bluesky);
  HdVariant *on_mastodon = hd_post_find_variant (loaded, hd_channel_get_id (fixture->mastodon));
  const HdSendItem *item;

  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_true (hd_send_report_all_sent (report));
  item = item_for (report, fixture->mastodon);
  g_assert_cmpint (item->outcome, ==, HD_SEND_OUTCOME_HANDED_OVER);
  /* 10:00 UTC is 10:00 in London before the clocks change. */
  g_assert_cmpstr (item->sentence, ==,
                   "Handed over to Mastodon, which publishes it at 10:00 on Tue 3 Mar.");

  g_assert_cmpuint (fixture->mastodon_fake->scheduled->len, ==, 1);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 0);
  g_assert_cmpstr (scheduled_text (fixture, 0), ==, "Rye on Tuesday");
  g_assert_cmpint (mastodon_row->state, ==, HD_OUTBOX_STATE_DONE);
  g_assert_true (mastodon_row->remote_scheduled);
  g_assert_nonnull (hd_variant_get_remote_id (on_mastodon));
  g_assert_cmpint (hd_variant_get_state (on_mastodon), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpint (bluesky_row->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (hd_fake_server_count (fixture->bluesky_fake->server, "POST",
                                          "/xrpc/com.atproto.repo.createRecord"), ==, 0);

  /* Nothing more to do until the time; then Herald sends Bluesky's and the post is out. */
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + day);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (item_for (report, fixture->bluesky)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpuint (fixture->mastodon_fake->scheduled->len, ==, 1);
  g_clear_object (&loaded);
  loaded = reload (fixture, post);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_PUBLISHED);
  g_assert_cmpint (hd_variant_get_state (hd_post_find_variant (loaded,
                                           hd_channel_get_id (fixture->mastodon))),
                   ==, HD_POST_STATE_PUBLISHED);
}

/* Less than Mastodon's five minutes ahead: Herald publishes it at its time. */
static void
test_too_close_to_hand_over (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(HdPost) post = schedule_post (fixture, "In two minutes", 120, fixture->mastodon,
                                          NULL);
  g_autoptr(HdSendReport) report = send_due (fixture, TEST_NOW);

  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 120);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpuint (fixture->mastodon_fake->scheduled->len, ==, 0);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 1);
}

static HdPost *
hand_over (Fixture    *fixture,
           const char *text)
{
  HdPost *post = schedule_post (fixture, text, 24 * 60 * 60, fixture->mastodon, NULL);
  g_autoptr(HdSendReport) report = send_due (fixture, TEST_NOW);
  HdPost *loaded;

  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==,
                   HD_SEND_OUTCOME_HANDED_OVER);
  loaded = reload (fixture, post);
  g_object_unref (post);

  return loaded;
}

/* Edited after the hand-over: the platform's copy is deleted first and the new one handed
 * over, so there is never a second copy; a save that changes nothing sends nothing. */
static void
test_handed_over_then_edited (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(HdPost) post = hand_over (fixture, "Rye on Tuesday");
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdPost) loaded = NULL;
  HdVariant *variant;

  hd_post_set_notes (post, "Ask the baker about seeds");
  save (fixture, post);
  g_assert_cmpuint (count_rows (fixture, "state = 'pending'"), ==, 0);

  hd_post_set_text (post, "Rye and spelt on Tuesday");
  save (fixture, post);
  variant = hd_post_find_variant (post, hd_channel_get_id (fixture->mastodon));
  /* The caller's post forgets the old copy too, so saving it again cannot bring it back. */
  g_assert_null (hd_variant_get_remote_id (variant));
  g_assert_cmpuint (count_rows (fixture, "state = 'pending' AND operation = 'delete'"
                                " AND remote_scheduled = 1"), ==, 1);
  g_assert_cmpuint (count_rows (fixture, "state = 'pending' AND operation = 'publish'"), ==, 1);

  report = send_due (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 2);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpint (hd_send_report_get_item (report, 1)->outcome, ==,
                   HD_SEND_OUTCOME_HANDED_OVER);
  g_assert_cmpuint (fixture->mastodon_fake->scheduled->len, ==, 1);
  g_assert_cmpstr (scheduled_text (fixture, 0), ==, "Rye and spelt on Tuesday");
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 0);

  /* Moved to two minutes ahead: too close for Mastodon, so Herald publishes it then. */
  loaded = reload (fixture, post);
  hd_post_set_scheduled_at (loaded, TEST_NOW + 60 + 120);
  save (fixture, loaded);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpuint (fixture->mastodon_fake->scheduled->len, ==, 0);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 60 + 120);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 1);
  g_assert_cmpuint (fixture->mastodon_fake->scheduled->len, ==, 0);
}

/* The platform refuses to delete its copy: the edited one is not handed over beside it. */
static void
test_handed_over_delete_refused (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(HdPost) post = hand_over (fixture, "Rye on Tuesday");
  g_autoptr(HdSendReport) report = NULL;

  hd_post_set_text (post, "Rye and spelt on Tuesday");
  save (fixture, post);
  hd_fake_server_add_fault (fixture->mastodon_fake->server, "DELETE",
                            "/api/v1/scheduled_statuses/", HD_FAKE_FAULT_STATUS, 422,
                            "{\"error\":\"Validation failed\"}", NULL, 0);
  report = send_due (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_FAILED);
  g_assert_cmpuint (fixture->mastodon_fake->scheduled->len, ==, 1);
  g_assert_cmpstr (scheduled_text (fixture, 0), ==, "Rye on Tuesday");

  /* Nor in a later run, while the delete waits for the user. */
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 120);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
  g_assert_cmpuint (fixture->mastodon_fake->scheduled->len, ==, 1);
}

/* Deleted after the hand-over: the platform's scheduled copy goes too. */
static void
test_handed_over_then_deleted (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(HdPost) post = hand_over (fixture, "Cancelled: the oven is broken");
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GError) error = NULL;

  hd_store_delete_post (fixture->env.store, hd_post_get_id (post), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_rows (fixture, "state = 'pending' AND operation = 'delete'"
                                " AND remote_scheduled = 1"), ==, 1);

  report = send_due (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpuint (fixture->mastodon_fake->scheduled->len, ==, 0);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 0);
}

/* Made a draft again after the hand-over, then scheduled again: one copy, the new one. */
static void
test_handed_over_then_withdrawn (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(HdPost) post = hand_over (fixture, "Maybe on Tuesday");
  g_autoptr(HdSendReport) report = NULL;

  hd_post_set_state (post, HD_POST_STATE_DRAFT);
  save (fixture, post);
  report = send_due (fixture, TEST_NOW + 60);
  g_assert_cmpuint (fixture->mastodon_fake->scheduled->len, ==, 0);

  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  save (fixture, post);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 120);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==,
                   HD_SEND_OUTCOME_HANDED_OVER);
  g_assert_cmpuint (fixture->mastodon_fake->scheduled->len, ==, 1);
}

/* Facebook-like windows are checked from the kind alone before any provider is made. */
static void
test_kind_window (void)
{
  const gint64 day = 24 * 60 * 60;

  g_assert_true (hd_provider_kind_can_schedule_at (HD_CHANNEL_KIND_FACEBOOK_PAGE,
                                                   TEST_NOW + 29 * day, TEST_NOW));
  g_assert_false (hd_provider_kind_can_schedule_at (HD_CHANNEL_KIND_FACEBOOK_PAGE,
                                                    TEST_NOW + 31 * day, TEST_NOW));
  g_assert_false (hd_provider_kind_can_schedule_at (HD_CHANNEL_KIND_FACEBOOK_PAGE,
                                                    TEST_NOW + 5 * 60, TEST_NOW));
  g_assert_false (hd_provider_kind_can_schedule_at (HD_CHANNEL_KIND_BLUESKY,
                                                    TEST_NOW + day, TEST_NOW));
}

/* Two hours late with nobody running: not sent, the user decides. */
static void
test_missed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(HdPost) post = schedule_post (fixture, "Breakfast rolls", -2 * 60 * 60,
                                          fixture->bluesky, NULL);
  g_autoptr(HdPost) in_grace = schedule_post (fixture, "Still warm", -10 * 60,
                                              fixture->bluesky, NULL);
  g_autoptr(HdSendReport) report = send_due (fixture, TEST_NOW);
  g_autoptr(HdChange) row = row_of (fixture, post, fixture->bluesky);
  g_autoptr(HdPost) loaded = reload (fixture, post);
  g_autoptr(GPtrArray) missed = NULL;
  g_autoptr(GError) error = NULL;
  const HdSendItem *item;
  guint n_pending = 0;

  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 2);
  item = hd_send_report_get_item (report, 0);
  g_assert_cmpint (item->outcome, ==, HD_SEND_OUTCOME_MISSED);
  g_assert_cmpstr (item->sentence, ==, "Missed its time, 08:00 on Mon 2 Mar, while Herald was "
                                       "not running. Send it now or pick a new time.");
  g_assert_false (hd_send_report_all_sent (report));
  /* The one within the grace went; the missed one did not. */
  g_assert_cmpint (hd_send_report_get_item (report, 1)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpuint (g_hash_table_size (fixture->bluesky_fake->records), ==, 1);

  g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_MISSED);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_NEEDS_ATTENTION);
  missed = hd_store_list_changes (fixture->env.store, NULL, HD_OUTBOX_STATE_MISSED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missed->len, ==, 1);
  hd_store_count_pending_changes (fixture->env.store, &n_pending, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_pending, ==, 1);

  /* It stays missed, run after run. */
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);

  /* "Send it now": it goes, late, once. */
  hd_store_send_missed_now (fixture->env.store, row->id, &error);
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = reload (fixture, post);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_SCHEDULED);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 120);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpuint (g_hash_table_size (fixture->bluesky_fake->records), ==, 2);
  g_clear_object (&loaded);
  loaded = reload (fixture, post);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_PUBLISHED);

  /* Only a missed row can be sent late. */
  hd_store_send_missed_now (fixture->env.store, row->id, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
}

/* The same process may not have been running all along: a laptop asleep with Herald open
 * leaves a gap between rounds, and a post due in the gap missed its time. */
static void
test_missed_while_asleep (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(HdPost) asleep = NULL;
  g_autoptr(HdPost) awake = NULL;
  g_autoptr(HdSendReport) report = NULL;

  /* Rounds a minute apart: awake. */
  report = send_due (fixture, TEST_NOW - 3 * 60 * 60);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW - 3 * 60 * 60 + 60);

  /* Then nothing for three hours, and a post fell due two hours ago. */
  asleep = schedule_post (fixture, "Breakfast rolls", -2 * 60 * 60, fixture->bluesky, NULL);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_MISSED);
  g_assert_cmpuint (g_hash_table_size (fixture->bluesky_fake->records), ==, 0);

  /* Awake since, in rounds a few minutes apart: a post due now that the platform keeps
   * refusing for half an hour is late when it goes, not missed. */
  awake = schedule_post (fixture, "Lunch specials", 60, fixture->bluesky, NULL);
  for (guint i = 0; i < 5; i++)
    hd_fake_server_add_fault (fixture->bluesky_fake->server, "POST",
                              "/xrpc/com.atproto.repo.createRecord", HD_FAKE_FAULT_STATUS, 502,
                              "{\"error\":\"UpstreamFailure\"}", NULL, 0);
  for (gint64 minutes = 5; minutes <= 60; minutes += 5)
    {
      g_clear_pointer (&report, hd_send_report_unref);
      report = send_due (fixture, TEST_NOW + minutes * 60);
      g_assert_cmpuint (hd_send_report_count (report, HD_SEND_OUTCOME_MISSED), ==, 0);
    }
  g_assert_cmpuint (hd_fake_server_get_n_faults (fixture->bluesky_fake->server), ==, 0);
  g_assert_cmpuint (g_hash_table_size (fixture->bluesky_fake->records), ==, 1);
}

/* Picking a new time is saving the post as scheduled at it: the missed row waits for it. */
static void
test_missed_then_rescheduled (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(HdPost) post = schedule_post (fixture, "Breakfast rolls", -2 * 60 * 60,
                                          fixture->bluesky, NULL);
  g_autoptr(HdSendReport) report = send_due (fixture, TEST_NOW);
  g_autoptr(HdChange) row = NULL;
  g_autoptr(HdPost) loaded = reload (fixture, post);

  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_MISSED);

  hd_post_set_state (loaded, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (loaded, TEST_NOW + 60 * 60);
  save (fixture, loaded);
  row = row_of (fixture, post, fixture->bluesky);
  g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_PENDING);

  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, TEST_NOW + 60 * 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
}

/* The grace is the user's: with an hour, two hours late is still missed, forty minutes not. */
static void
test_late_grace_setting (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(HdPost) late = schedule_post (fixture, "Forty minutes late", -40 * 60,
                                          fixture->bluesky, NULL);
  g_autoptr(HdPost) later = schedule_post (fixture, "Two hours late", -2 * 60 * 60,
                                           fixture->mastodon, NULL);
  g_autoptr(HdSendReport) report = NULL;

  g_assert_cmpint (hd_sender_get_late_grace (fixture->sender), ==, 15 * 60);
  hd_sender_set_late_grace (fixture->sender, 60 * 60);
  report = send_due (fixture, TEST_NOW);
  g_assert_cmpint (item_for (report, fixture->bluesky)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpint (item_for (report, fixture->mastodon)->outcome, ==, HD_SEND_OUTCOME_MISSED);
}

static gint64
london_instant (int year,
                int month,
                int day,
                int hour)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) when = g_date_time_new (london, year, month, day, hour, 0, 0);

  return g_date_time_to_unix (when);
}

static gint64
utc_instant (int year,
             int month,
             int day,
             int hour)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (when);
}

/* 09:00 in London the Monday after the clocks go forward is 08:00 UTC: it goes then, and a
 * missed one says 09:00, the time the user chose. */
static void
test_dst (Fixture       *fixture,
          gconstpointer  data)
{
  const gint64 nine = london_instant (2026, 3, 30, 9);
  g_autoptr(HdPost) post = schedule_post (fixture, "Spring hours start today", 0,
                                          fixture->bluesky, NULL);
  g_autoptr(HdPost) missed = NULL;
  g_autoptr(HdSendReport) report = NULL;
  const HdSendItem *item;

  /* The week before, 09:00 in London was 09:00 UTC; now it is 08:00 UTC. */
  g_assert_cmpint (london_instant (2026, 3, 23, 9), ==, utc_instant (2026, 3, 23, 9));
  g_assert_cmpint (nine, ==, utc_instant (2026, 3, 30, 8));
  hd_post_set_scheduled_at (post, nine);
  save (fixture, post);

  report = send_due (fixture, nine - 1);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, nine);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);

  missed = schedule_post (fixture, "Spring loaves", nine - TEST_NOW, fixture->bluesky, NULL);
  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, nine + 3 * 60 * 60);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  item = hd_send_report_get_item (report, 0);
  g_assert_cmpint (item->outcome, ==, HD_SEND_OUTCOME_MISSED);
  g_assert_nonnull (strstr (item->sentence, "09:00 on Mon 30 Mar"));
}

static gint64
backoff_with_seed (Fixture *fixture,
                   HdPost  *post,
                   guint32  seed)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) row = row_of (fixture, post, fixture->bluesky);
  g_autoptr(GError) error = NULL;
  g_autofree char *reset = g_strdup_printf ("UPDATE outbox SET attempts = 0, state = 'pending',"
                                            " next_attempt_at = NULL WHERE id = '%s'", row->id);

  _hd_store_exec (fixture->env.store, reset, "test", &error);
  g_assert_no_error (error);
  hd_fake_server_add_fault (fixture->bluesky_fake->server, "POST",
                            "/xrpc/com.atproto.repo.createRecord", HD_FAKE_FAULT_STATUS, 502,
                            "{\"error\":\"UpstreamFailure\",\"message\":\"Bad gateway\"}",
                            NULL, 0);
  hd_sender_set_jitter_seed (fixture->sender, seed);
  report = send_due (fixture, TEST_NOW);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_WAITING);

  return hd_send_report_get_item (report, 0)->next_attempt_at - TEST_NOW;
}

/* Without Retry-After the first wait is 30 s spread by ±20 %, the same again for the same
 * seed, and not the same for every seed. */
static void
test_backoff_jitter (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(HdPost) post = schedule_post (fixture, "Flaky network", -60, fixture->bluesky,
                                          NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  static gint64 waits[8];
  gint64 first = backoff_with_seed (fixture, post, 7);

  g_assert_cmpint (backoff_with_seed (fixture, post, 7), ==, first);
  for (guint32 seed = 0; seed < G_N_ELEMENTS (waits); seed++)
    {
      waits[seed] = backoff_with_seed (fixture, post, seed);
      g_assert_cmpint (waits[seed], >=, 24);
      g_assert_cmpint (waits[seed], <=, 36);
      g_hash_table_add (seen, &waits[seed]);
    }
  g_assert_cmpuint (g_hash_table_size (seen), >, 1);
}

/* A record key kept on the row from an earlier attempt is what the retry uses. */
static void
test_record_key_passed_back (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(HdPost) post = schedule_post (fixture, "Same key after a restart", -60,
                                          fixture->bluesky, NULL);
  g_autoptr(HdChange) row = row_of (fixture, post, fixture->bluesky);
  g_autoptr(HdChange) after = NULL;
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = hd_tid_new ();

  hd_store_set_change_record_key (fixture->env.store, row->id, kept, &error);
  g_assert_no_error (error);
  after = hd_store_load_change (fixture->env.store, row->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->record_key, ==, kept);

  report = send_due (fixture, TEST_NOW);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_true (g_hash_table_contains (fixture->bluesky_fake->records, kept));
}

/* A second process (here a second connection) neither sends nor touches the first one's
 * rows in flight; once the first stops, it takes over and checks them. */
static void
test_second_sender_waits (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(HdPost) post = schedule_post (fixture, "Only once", -60, fixture->mastodon, NULL);
  g_autoptr(HdChange) row = row_of (fixture, post, fixture->mastodon);
  g_autoptr(HdStore) other_store = NULL;
  g_autoptr(HdSender) other = NULL;
  g_autoptr(HdChange) after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint n_recovered = 0;

  hd_sender_recover (fixture->sender, NULL, &error);
  g_assert_no_error (error);
  leave_in_flight (fixture, row);

  other_store = hd_store_open (hd_store_get_path (fixture->env.store), &error);
  g_assert_no_error (error);
  other = hd_sender_new (other_store, fixture->env.http);
  g_assert_false (hd_sender_recover (other, &n_recovered, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, "Another Herald is sending; this one will wait.");
  g_clear_error (&error);

  hd_sender_send_due_async (other, TEST_NOW, NULL, test_store_result, &result);
  g_assert_false (hd_sender_send_due_finish (other, test_wait (&result), &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
  after = row_of (fixture, post, fixture->mastodon);
  g_assert_cmpint (after->state, ==, HD_OUTBOX_STATE_IN_FLIGHT);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 0);

  /* The first one stops: the second takes over and asks before sending. */
  g_clear_object (&fixture->sender);
  hd_sender_recover (other, &n_recovered, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_recovered, ==, 1);
  g_clear_pointer (&after, hd_change_free);
  after = row_of (fixture, post, fixture->mastodon);
  g_assert_cmpint (after->state, ==, HD_OUTBOX_STATE_UNCONFIRMED);

  g_clear_object (&result);
  g_clear_pointer (&report, hd_send_report_unref);
  hd_sender_send_due_async (other, TEST_NOW, NULL, test_store_result, &result);
  g_assert_true (hd_sender_send_due_finish (other, test_wait (&result), &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 1);

  g_clear_object (&result);
  g_clear_object (&other);
  g_assert_finalize_object (g_steal_pointer (&other_store));
}

/* More posts than the sender makes ready at a time, so that rows are recorded as sent on the
 * side while the ones after them go out. */
#define N_QUEUED 80

/* @n posts due on Mastodon a few seconds ago, "Post 1" first. */
static GPtrArray *
queue_posts (Fixture *fixture,
             guint    n)
{
  GPtrArray *posts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("Post %u", i + 1);

      g_ptr_array_add (posts, schedule_post (fixture, text, -(gint64) (n - i),
                                             fixture->mastodon, NULL));
    }

  return posts;
}

/* The database held by another program for a while, from another thread: a writer waits. */
typedef struct
{
  HdStore *other;
  GThread *thread;
  guint    n_created;
  guint    lock_at;
} Holder;

static gpointer
hold_database (gpointer data)
{
  Holder *holder = data;
  g_autoptr(GError) error = NULL;

  hd_store_begin (holder->other, &error);
  g_assert_no_error (error);
  g_usleep (300 * 1000);
  hd_store_rollback (holder->other);

  return NULL;
}

static void
on_status_created (gpointer    user_data,
                   const char *text)
{
  Holder *holder = user_data;

  if (++holder->n_created == holder->lock_at)
    holder->thread = g_thread_new ("holder", hold_database, holder);
}

/* A post refused in the middle of the queue: the report tells each post's fate in the order
 * they went out, the refused one in its place, though the rows before it were still being
 * recorded when its answer came (the database busy meanwhile). */
static void
test_order_kept_around_a_failure (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) posts = queue_posts (fixture, N_QUEUED);
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Holder holder = { NULL, NULL, 0, 4 };
  const guint refused = 6;

  holder.other = hd_store_open_another (fixture->env.store, &error);
  g_assert_no_error (error);
  fixture->mastodon_fake->status_created = on_status_created;
  fixture->mastodon_fake->status_created_data = &holder;
  hd_fake_server_add_fault_at (fixture->mastodon_fake->server, refused,
                               HD_FAKE_FAULT_STATUS, 422,
                               "{\"error\":\"Validation failed: Text character limit of 500 "
                               "exceeded\"}", NULL, 0);
  report = send_due (fixture, TEST_NOW);
  fixture->mastodon_fake->status_created = NULL;
  g_assert_nonnull (holder.thread);
  g_thread_join (holder.thread);
  g_clear_object (&holder.other);

  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, N_QUEUED);
  for (guint i = 0; i < N_QUEUED; i++)
    {
      const HdSendItem *item = hd_send_report_get_item (report, i);
      g_autofree char *text = g_strdup_printf ("Post %u", i + 1);
      g_autoptr(HdChange) row = row_of (fixture, g_ptr_array_index (posts, i),
                                        fixture->mastodon);

      g_assert_cmpstr (item->excerpt, ==, text);
      if (i == refused)
        {
          g_assert_cmpint (item->outcome, ==, HD_SEND_OUTCOME_FAILED);
          g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_FAILED);
        }
      else
        {
          g_assert_cmpint (item->outcome, ==, HD_SEND_OUTCOME_SENT);
          g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_DONE);
          g_assert_nonnull (row->remote_id);
        }
    }

  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, N_QUEUED - 1);
  g_assert_cmpuint (count_rows (fixture, "state = 'in-flight'"), ==, 0);
}

/* How long the instance holds back the answer to the first post, twice: first its head, then
 * its body. Long beside a round trip on loopback, so that the rows behind it are ready. */
#define HELD_MS 300

typedef struct
{
  Fixture  *fixture;
  /* whether Post 2 was made while the answer to Post 1 was still on its way */
  gboolean  second_during_first_answer;
} Overlap;

static void
on_status_created_check_overlap (gpointer    user_data,
                                 const char *text)
{
  Overlap *overlap = user_data;

  if (g_strcmp0 (text, "Post 2") == 0)
    overlap->second_during_first_answer =
      hd_fake_server_get_n_delayed (overlap->fixture->mastodon_fake->server) > 0;
}

/* A round over the posts queued, the answer to the first one held back with @fault (its body
 * late, or cut off); asserts that Post 2 was made while that answer was on its way. */
static HdSendReport *
send_due_holding_first_answer (Fixture         *fixture,
                               HdFakeFaultKind  fault)
{
  HdSendReport *report;
  Overlap overlap = { fixture, FALSE };

  fixture->mastodon_fake->status_created = on_status_created_check_overlap;
  fixture->mastodon_fake->status_created_data = &overlap;
  hd_fake_server_add_fault (fixture->mastodon_fake->server, "POST", "/api/v1/statuses", fault,
                            0, NULL, NULL, HELD_MS);
  report = send_due (fixture, TEST_NOW);
  fixture->mastodon_fake->status_created = NULL;

  g_assert_true (overlap.second_during_first_answer);

  return report;
}

/* Once the instance says it made a post, the next one leaves, while the answer to the first is
 * still being read; the report and the store still tell them in their order. */
static void
test_next_leaves_on_success_status (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GPtrArray) posts = queue_posts (fixture, 3);
  g_autoptr(HdSendReport) report = NULL;

  report = send_due_holding_first_answer (fixture, HD_FAKE_FAULT_BODY_LATE);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const HdSendItem *item = hd_send_report_get_item (report, i);
      g_autofree char *text = g_strdup_printf ("Post %u", i + 1);
      g_autoptr(HdChange) row = row_of (fixture, g_ptr_array_index (posts, i),
                                        fixture->mastodon);
      JsonObject *status =
        json_node_get_object (g_ptr_array_index (fixture->mastodon_fake->statuses, i));

      g_assert_cmpstr (item->excerpt, ==, text);
      g_assert_cmpint (item->outcome, ==, HD_SEND_OUTCOME_SENT);
      g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_DONE);
      /* The instance got them in their order. */
      g_assert_cmpstr (row->remote_id, ==, json_object_get_string_member (status, "id"));
      g_assert_cmpuint (hd_fake_mastodon_count_created (fixture->mastodon_fake, text), ==, 1);
    }
}

/* The instance made the first post and said so, but its answer was cut off: the post behind
 * it had left meanwhile. That one is recorded as sent; the first waits, and its next try,
 * under the same Idempotency-Key, finds it made already. Each post is out once, none lost. */
static void
test_answer_cut_after_success_status (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GPtrArray) posts = queue_posts (fixture, 3);
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) first = NULL;

  report = send_due_holding_first_answer (fixture, HD_FAKE_FAULT_BODY_CUT);
  /* The channel stops behind the post that waits; the one that had left is told. */
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 2);
  g_assert_cmpstr (hd_send_report_get_item (report, 0)->excerpt, ==, "Post 1");
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_WAITING);
  g_assert_nonnull (strstr (hd_send_report_get_item (report, 0)->sentence, "cut off"));
  g_assert_cmpstr (hd_send_report_get_item (report, 1)->excerpt, ==, "Post 2");
  g_assert_cmpint (hd_send_report_get_item (report, 1)->outcome, ==, HD_SEND_OUTCOME_SENT);
  first = row_of (fixture, g_ptr_array_index (posts, 0), fixture->mastodon);
  g_assert_cmpint (first->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (count_rows (fixture, "state = 'in-flight'"), ==, 0);

  g_clear_pointer (&report, hd_send_report_unref);
  report = send_due (fixture, first->next_attempt_at);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 2);
  g_assert_cmpstr (hd_send_report_get_item (report, 0)->excerpt, ==, "Post 1");
  g_assert_cmpstr (hd_send_report_get_item (report, 1)->excerpt, ==, "Post 3");
  g_assert_true (hd_send_report_all_sent (report));

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("Post %u", i + 1);
      g_autoptr(HdChange) row = row_of (fixture, g_ptr_array_index (posts, i),
                                        fixture->mastodon);

      g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_DONE);
      g_assert_nonnull (row->remote_id);
      g_assert_cmpuint (hd_fake_mastodon_count_created (fixture->mastodon_fake, text), ==, 1);
    }
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 3);
}

typedef struct
{
  Fixture *fixture;
  guint    n_sent;
  guint    n_done_seen;
} Watch;

/* A post reported sent is sent in the store already: a view that reloads on the report shows
 * it so. */
static void
on_item_done (HdSender         *sender,
              const HdSendItem *item,
              guint             n_done,
              guint             n_total,
              gpointer          user_data)
{
  Watch *watch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChange) row = hd_store_load_change (watch->fixture->env.store, item->change_id,
                                                  &error);

  g_assert_no_error (error);
  g_assert_cmpint (item->outcome, ==, HD_SEND_OUTCOME_SENT);
  g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_DONE);
  g_assert_nonnull (row->remote_id);
  watch->n_sent++;
}

/* What the views listen to: each time the outbox is said to have changed, how far it got. */
static void
on_outbox_changed (HdStore    *store,
                   const char *family,
                   gpointer    user_data)
{
  Watch *watch = user_data;

  watch->n_done_seen = MAX (watch->n_done_seen, count_rows (watch->fixture, "state = 'done'"));
}

static void
test_views_hear_of_each_post_sent (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) posts = queue_posts (fixture, N_QUEUED);
  g_autoptr(HdSendReport) report = NULL;
  Watch watch = { fixture, 0, 0 };

  g_signal_connect (fixture->sender, "item-done", G_CALLBACK (on_item_done), &watch);
  g_signal_connect (fixture->env.store, "changed::" HD_STORE_FAMILY_OUTBOX,
                    G_CALLBACK (on_outbox_changed), &watch);
  report = send_due (fixture, TEST_NOW);
  g_signal_handlers_disconnect_by_data (fixture->env.store, &watch);

  g_assert_true (hd_send_report_all_sent (report));
  g_assert_cmpuint (watch.n_sent, ==, N_QUEUED);
  /* Rows recorded on the sender's own connection are announced all the same. */
  g_assert_cmpuint (watch.n_done_seen, ==, N_QUEUED);
}

static void
test_backoff (void)
{
  g_assert_cmpint (hd_sender_backoff (1), ==, 30);
  g_assert_cmpint (hd_sender_backoff (2), ==, 60);
  g_assert_cmpint (hd_sender_backoff (5), ==, 480);
  g_assert_cmpint (hd_sender_backoff (40), ==, 60 * 60);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/herald/sync/sender/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("due-post-goes-out", test_due_post_goes_out);
  ADD ("401-waits-for-reconnect", test_unauthorized_waits_for_reconnect);
  ADD ("429-waits", test_rate_limited_waits);
  ADD ("stopped-queue-puts-next-back", test_stopped_queue_puts_next_back);
  ADD ("422-needs-attention", test_refused_needs_attention);
  ADD ("killed/found", test_killed_and_found);
  ADD ("killed/not-found", test_killed_and_not_found);
  ADD ("order-per-channel", test_order_per_channel);
  ADD ("text-arrives-as-written", test_text_arrives_as_written);
  ADD ("listed-rows-go-out-once", test_listed_rows_go_out_once);
  ADD ("handed-over", test_handed_over);
  ADD ("handed-over/too-close", test_too_close_to_hand_over);
  ADD ("handed-over/edited", test_handed_over_then_edited);
  ADD ("handed-over/deleted", test_handed_over_then_deleted);
  ADD ("handed-over/delete-refused", test_handed_over_delete_refused);
  ADD ("handed-over/withdrawn", test_handed_over_then_withdrawn);
  ADD ("missed", test_missed);
  ADD ("missed/while-asleep", test_missed_while_asleep);
  ADD ("missed/rescheduled", test_missed_then_rescheduled);
  ADD ("missed/late-grace", test_late_grace_setting);
  ADD ("dst", test_dst);
  ADD ("backoff-jitter", test_backoff_jitter);
  ADD ("record-key-passed-back", test_record_key_passed_back);
  ADD ("second-sender-waits", test_second_sender_waits);
  ADD ("order-kept-around-a-failure", test_order_kept_around_a_failure);
  ADD ("next-leaves-on-success-status", test_next_leaves_on_success_status);
  ADD ("answer-cut-after-success-status", test_answer_cut_after_success_status);
  ADD ("views-hear-of-each-post-sent", test_views_hear_of_each_post_sent);
  g_test_add_func ("/herald/sync/sender/backoff", test_backoff);
  g_test_add_func ("/herald/sync/sender/kind-window", test_kind_window);

  return g_test_run ();
}
