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
  g_autoptr(HdPost) later = schedule_post (fixture, "Tomorrow: rye", 24 * 60 * 60,
                                           fixture->mastodon, fixture->bluesky);
  g_autoptr(HdSendReport) report = send_due (fixture, TEST_NOW);
  g_autoptr(HdPost) sent = reload (fixture, due);
  g_autoptr(HdPost) waiting = reload (fixture, later);
  g_autoptr(HdChange) later_row = row_of (fixture, later, fixture->mastodon);
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

static void
test_rate_limited_waits (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const headers[] = { "Retry-After", "120", NULL };
  g_autoptr(HdPost) post = schedule_post (fixture, "Busy day", -60, fixture->mastodon, NULL);
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChange) row = NULL;

  hd_fake_server_add_fault (fixture->mastodon_fake->server, "POST", "/api/v1/statuses",
                            HD_FAKE_FAULT_STATUS, 429, "{\"error\":\"Too many requests\"}",
                            headers, 0);
  report = send_due (fixture, TEST_NOW);

  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_WAITING);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->next_attempt_at, ==, TEST_NOW + 120);
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
  ADD ("422-needs-attention", test_refused_needs_attention);
  ADD ("killed/found", test_killed_and_found);
  ADD ("killed/not-found", test_killed_and_not_found);
  ADD ("order-per-channel", test_order_per_channel);
  g_test_add_func ("/herald/sync/sender/backoff", test_backoff);

  return g_test_run ();
}
