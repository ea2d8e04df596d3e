/* test-faults.c: the sender against a Mastodon fake that misbehaves as real networks and
 * instances do: 429 storms, bursts of 5xx, answers slower than the timeout, connections reset
 * before or after the instance acted, bodies that are not JSON, a token that expires in the
 * middle of a run, and the network gone and back. Each ends with every post published once,
 * or set aside with its reason, and nothing lost.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-channels.h"
#include "hd-fake-mastodon.h"
#include "hd-sender.h"
#include "hd-store-private.h"

#define N_POSTS 10
/* the daemon's longest sleep between rounds */
#define DAEMON_ROUND (5 * 60)
/* A run that never settles is a bug; this many runs prove it. */
#define MAX_RUNS 200
#define STATUSES "/api/v1/statuses"

typedef struct
{
  TestEnv         env;
  HdFakeMastodon *mastodon_fake;
  SoupSession    *browser;
  gboolean        browser_done;
  HdChannel      *mastodon;
  HdSender       *sender;
  GPtrArray      *posts;
  /* the token expires once this many statuses were made; 0 for never */
  guint           expire_after;
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

/* Due a minute before the test's now, a second apart, as the composer saves them. */
static void
schedule_posts (Fixture *fixture)
{
  for (guint i = 0; i < N_POSTS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdVariant) variant = hd_variant_new ();
      g_autofree char *text = g_strdup_printf ("Market stall %u: sourdough, rye and buns", i + 1);
      HdPost *post = hd_post_new ();

      hd_post_set_text (post, text);
      hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
      hd_post_set_scheduled_at (post, TEST_NOW - 60 - N_POSTS + i);
      hd_post_set_time_zone (post, "Europe/London");
      hd_variant_set_channel_id (variant, hd_channel_get_id (fixture->mastodon));
      hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
      hd_post_add_variant (post, variant);
      hd_store_save_post (fixture->env.store, post, &error);
      g_assert_no_error (error);
      g_ptr_array_add (fixture->posts, post);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  fixture->mastodon_fake = hd_fake_mastodon_new ();
  fixture->mastodon_fake->now = TEST_NOW;
  fixture->browser = soup_session_new ();
  fixture->posts = g_ptr_array_new_with_free_func (g_object_unref);

  fixture->mastodon = connect_mastodon (fixture);
  schedule_posts (fixture);
  hd_fake_server_clear_requests (fixture->mastodon_fake->server);

  fixture->sender = hd_sender_new (fixture->env.store, fixture->env.http);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->sender);
  g_clear_object (&fixture->mastodon);
  g_clear_object (&fixture->browser);
  g_ptr_array_unref (fixture->posts);
  hd_fake_mastodon_free (fixture->mastodon_fake);
  test_env_clear (&fixture->env);
}

static void
set_now (Fixture *fixture,
         gint64   now)
{
  fixture->env.now = now;
  fixture->mastodon_fake->now = now;
}

static HdSendReport *
send_due (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdSendReport *report = NULL;

  hd_sender_send_due_async (fixture->sender, fixture->env.now, NULL, test_store_result,
                            &result);
  g_assert_true (hd_sender_send_due_finish (fixture->sender, test_wait (&result), &report,
                                            &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

/* Answers the fake still holds back reach it before anything is counted. */
static void
let_late_answers_arrive (Fixture *fixture)
{
  while (hd_fake_server_get_n_delayed (fixture->mastodon_fake->server) > 0)
    g_main_context_iteration (NULL, TRUE);
}

/* When the next row gets its turn, or 0 when none is left: the earliest later attempt of a
 * row that waits (the rows queued behind it wait with it), else the next second. */
static gint64
next_attempt (Fixture *fixture)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 next;

  stmt = _hd_store_prepare (fixture->env.store,
                            "SELECT count(*),"
                            "  min(next_attempt_at) FILTER (WHERE next_attempt_at > ?1)"
                            " FROM outbox WHERE state IN ('pending', 'in-flight', 'unconfirmed')",
                            "test", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, fixture->env.now);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_int (stmt, 0) == 0)
    return 0;
  if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
    return fixture->env.now + 1;
  next = sqlite3_column_int64 (stmt, 1);

  return MAX (next, fixture->env.now + 1);
}

/* `herald sync --daemon` as it runs: a round at the next row's turn, and at least every five
 * minutes while rows wait, until no row waits. Returns the number of runs. */
static guint
send_until_settled (Fixture *fixture)
{
  guint n_runs = 0;
  gint64 next;

  do
    {
      g_autoptr(HdSendReport) report = NULL;

      g_assert_cmpuint (++n_runs, <=, MAX_RUNS);
      report = send_due (fixture);
      let_late_answers_arrive (fixture);
      next = next_attempt (fixture);
      if (next != 0)
        set_now (fixture, MIN (next, fixture->env.now + DAEMON_ROUND));
    }
  while (next != 0);

  return n_runs;
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

static HdChange *
row_of (Fixture *fixture,
        HdPost  *post)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  HdChange *change;

  stmt = _hd_store_prepare (fixture->env.store, "SELECT id FROM outbox WHERE subject_id = ?1",
                            "test", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, hd_post_get_id (post), -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  change = hd_store_load_change (fixture->env.store, (const char *) sqlite3_column_text (stmt, 0),
                                 &error);
  g_assert_no_error (error);

  return change;
}

static void
assert_published_once (Fixture *fixture,
                       HdPost  *post)
{
  g_autoptr(HdPost) loaded = reload (fixture, post);
  g_autoptr(HdChange) row = row_of (fixture, post);
  HdVariant *variant = hd_post_find_variant (loaded, hd_channel_get_id (fixture->mastodon));
  JsonObject *status;

  g_assert_cmpuint (hd_fake_mastodon_count_created (fixture->mastodon_fake,
                                                    hd_post_get_text (post)), ==, 1);
  g_assert_cmpuint (hd_fake_mastodon_count_keyed (fixture->mastodon_fake,
                                                  row->idempotency_key), ==, 1);
  g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_DONE);
  g_assert_cmpint (hd_post_get_state (loaded), ==, HD_POST_STATE_PUBLISHED);
  status = hd_fake_mastodon_find_status (fixture->mastodon_fake,
                                         hd_variant_get_remote_id (variant));
  g_assert_nonnull (status);
}

static void
assert_all_published_once (Fixture *fixture)
{
  for (guint i = 0; i < fixture->posts->len; i++)
    assert_published_once (fixture, g_ptr_array_index (fixture->posts, i));
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, N_POSTS);
}

static guint
count_status_posts (Fixture *fixture)
{
  return hd_fake_server_count (fixture->mastodon_fake->server, "POST", STATUSES);
}

static void
add_faults (Fixture            *fixture,
            guint               n,
            HdFakeFaultKind     kind,
            guint               status,
            const char         *body,
            const char * const *headers,
            guint               delay_ms)
{
  for (guint i = 0; i < n; i++)
    hd_fake_server_add_fault (fixture->mastodon_fake->server, "POST", STATUSES, kind, status,
                              body, headers, delay_ms);
}

static void
test_429_storm (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const retry_after[] = { "Retry-After", "90", NULL };
  g_autoptr(HdSendReport) first = NULL;
  g_autoptr(HdChange) row = NULL;

  add_faults (fixture, 8, HD_FAKE_FAULT_STATUS, 429, "{\"error\":\"Too many requests\"}",
              retry_after, 0);

  /* The first answer stops the channel for the time Mastodon asked, and the queue with it. */
  first = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (first), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (first, 0)->outcome, ==, HD_SEND_OUTCOME_WAITING);
  g_assert_cmpint (hd_send_report_get_item (first, 0)->next_attempt_at, ==, TEST_NOW + 90);
  row = row_of (fixture, g_ptr_array_index (fixture->posts, 0));
  g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_PENDING);
  g_assert_nonnull (row->last_error);

  /* Not a request before its time: each 429 cost one request, each post one more. */
  send_until_settled (fixture);
  g_assert_cmpuint (hd_fake_server_get_n_faults (fixture->mastodon_fake->server), ==, 0);
  g_assert_cmpuint (count_status_posts (fixture), ==, 8 + N_POSTS);
  assert_all_published_once (fixture);
}

static void
test_5xx_bursts (Fixture       *fixture,
                 gconstpointer  data)
{
  static const guint statuses[] = { 500, 502, 503, 504 };

  /* A burst of each kind, one post going through between them. */
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      add_faults (fixture, 2, HD_FAKE_FAULT_STATUS, statuses[i],
                  "<html><body>We're sorry, but something went wrong.</body></html>", NULL, 0);
      /* The instance's own answer, without delay. */
      add_faults (fixture, 1, HD_FAKE_FAULT_SLOW, 0, NULL, NULL, 0);
    }

  send_until_settled (fixture);
  g_assert_cmpuint (count_status_posts (fixture), ==, 2 * G_N_ELEMENTS (statuses) + N_POSTS);
  assert_all_published_once (fixture);
}

/* A second instead of Herald's half a minute, so the test does not wait that long. */
static void
set_short_timeout (Fixture *fixture)
{
  SoupSession *session = hd_http_get_session (fixture->env.http);

  soup_session_set_timeout (session, 1);
  /* The connection kept alive from connecting has the old timeout. */
  soup_session_abort (session);
}

static void
test_timeouts (Fixture       *fixture,
               gconstpointer  data)
{
  /* The instance makes the status but answers after the client gave up. */
  set_short_timeout (fixture);
  add_faults (fixture, 3, HD_FAKE_FAULT_SLOW, 0, NULL, NULL, 2500);

  send_until_settled (fixture);
  g_assert_cmpuint (hd_fake_server_get_n_faults (fixture->mastodon_fake->server), ==, 0);
  assert_all_published_once (fixture);
}

static void
test_connection_resets (Fixture       *fixture,
                        gconstpointer  data)
{
  /* Reset before the instance saw the request, and after it made the status. */
  for (guint i = 0; i < 3; i++)
    {
      add_faults (fixture, 1, HD_FAKE_FAULT_RESET, 0, NULL, NULL, 0);
      add_faults (fixture, 1, HD_FAKE_FAULT_LOST_ANSWER, 0, NULL, NULL, 0);
    }

  send_until_settled (fixture);
  g_assert_cmpuint (hd_fake_server_get_n_faults (fixture->mastodon_fake->server), ==, 0);
  assert_all_published_once (fixture);
}

static void
test_malformed_bodies (Fixture       *fixture,
                       gconstpointer  data)
{
  /* Not JSON, cut short, and garbled after the status was made. */
  add_faults (fixture, 2, HD_FAKE_FAULT_MALFORMED, 0, NULL, NULL, 0);
  add_faults (fixture, 2, HD_FAKE_FAULT_TRUNCATED, 0, NULL, NULL, 0);
  add_faults (fixture, 2, HD_FAKE_FAULT_MALFORMED_AFTER, 0, NULL, NULL, 0);

  send_until_settled (fixture);
  g_assert_cmpuint (hd_fake_server_get_n_faults (fixture->mastodon_fake->server), ==, 0);
  assert_all_published_once (fixture);
}

static void
on_status_created (gpointer    user_data,
                   const char *text)
{
  Fixture *fixture = user_data;

  if (fixture->mastodon_fake->statuses->len == fixture->expire_after)
    hd_fake_mastodon_renew_token (fixture->mastodon_fake);
}

/* What reconnecting leaves behind: the new token in the keyring, the channel connected. */
static void
reconnect (Fixture    *fixture,
           const char *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = NULL;

  hd_secrets_store_async (hd_channel_get_id (fixture->mastodon), HD_SECRET_KIND_ACCESS_TOKEN,
                          "Mastodon", token, NULL, test_store_result, &result);
  g_assert_true (hd_secrets_store_finish (test_wait (&result), &error));
  g_assert_no_error (error);

  channel = hd_store_load_channel (fixture->env.store, hd_channel_get_id (fixture->mastodon),
                                   &error);
  g_assert_no_error (error);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (fixture->env.store, channel, &error);
  g_assert_no_error (error);
}

static void
test_token_expires_mid_run (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  fixture->expire_after = 4;
  fixture->mastodon_fake->status_created = on_status_created;
  fixture->mastodon_fake->status_created_data = fixture;

  /* Four go; the fifth meets the expired token; the channel waits for the user. */
  report = send_due (fixture);
  g_assert_cmpuint (hd_send_report_count (report, HD_SEND_OUTCOME_SENT), ==, 4);
  g_assert_cmpuint (hd_send_report_count (report, HD_SEND_OUTCOME_NEEDS_RECONNECT), ==, 1);
  channel = hd_store_load_channel (fixture->env.store, hd_channel_get_id (fixture->mastodon),
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_state (channel), ==, HD_CHANNEL_STATE_NEEDS_RECONNECT);

  /* Nothing moves while it waits, and nothing is lost. */
  g_clear_pointer (&report, hd_send_report_unref);
  set_now (fixture, TEST_NOW + 120);
  report = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 0);
  for (guint i = 4; i < N_POSTS; i++)
    {
      g_autoptr(HdPost) waiting = reload (fixture, g_ptr_array_index (fixture->posts, i));
      g_autoptr(HdChange) row = row_of (fixture, waiting);

      g_assert_cmpint (hd_post_get_state (waiting), ==, HD_POST_STATE_SCHEDULED);
      g_assert_cmpint (row->state, ==, HD_OUTBOX_STATE_PENDING);
    }

  token = g_strdup (fixture->mastodon_fake->access_token);
  reconnect (fixture, token);
  send_until_settled (fixture);
  assert_all_published_once (fixture);
}

static void
test_network_away_and_back (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(HdSendReport) report = NULL;

  /* Connections are refused: the first row waits with the reason, the rest behind it. */
  hd_fake_server_set_listening (fixture->mastodon_fake->server, FALSE);
  report = send_due (fixture);
  g_assert_cmpuint (hd_send_report_get_n_items (report), ==, 1);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_WAITING);
  g_assert_nonnull (hd_send_report_get_item (report, 0)->sentence);
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 0);

  /* Still away at the next try. */
  g_clear_pointer (&report, hd_send_report_unref);
  set_now (fixture, next_attempt (fixture));
  report = send_due (fixture);
  g_assert_cmpint (hd_send_report_get_item (report, 0)->outcome, ==, HD_SEND_OUTCOME_WAITING);

  /* Back: everything goes, once. */
  hd_fake_server_set_listening (fixture->mastodon_fake->server, TRUE);
  set_now (fixture, next_attempt (fixture));
  send_until_settled (fixture);
  assert_all_published_once (fixture);
}

/* A queue longer than the instance's limit allows at once: Herald reads X-RateLimit-* and
 * spreads the posts over the windows without a single 429. The last of them go out more than
 * the late grace after their time, while Herald runs and paces them on purpose: that is not a
 * post missed while Herald was not running, and none of them may be set aside as missed. */
static void
test_rate_limited_queue (Fixture       *fixture,
                         gconstpointer  data)
{
  guint n_missed = 0;
  guint n_runs = 0;
  gint64 next;

  fixture->mastodon_fake->rate_limit = 4;
  fixture->mastodon_fake->rate_window = 10 * 60;

  do
    {
      g_autoptr(HdSendReport) report = NULL;

      g_assert_cmpuint (++n_runs, <=, MAX_RUNS);
      report = send_due (fixture);
      for (guint i = 0; i < hd_send_report_get_n_items (report); i++)
        {
          const HdSendItem *item = hd_send_report_get_item (report, i);

          if (item->outcome != HD_SEND_OUTCOME_MISSED)
            continue;
          g_test_message ("Missed: %s: %s", item->excerpt, item->sentence);
          n_missed++;
        }
      next = next_attempt (fixture);
      if (next != 0)
        set_now (fixture, MIN (next, fixture->env.now + DAEMON_ROUND));
    }
  while (next != 0);

  g_assert_cmpuint (fixture->mastodon_fake->n_rate_limited, ==, 0);
  g_assert_cmpuint (n_missed, ==, 0);
  /* Three windows: the last posts went twenty minutes after their time. */
  g_assert_cmpint (fixture->env.now, >=, TEST_NOW + 2 * 10 * 60);
  assert_all_published_once (fixture);
}

/* Everything at once, the way a bad evening on a busy instance goes. */
static void
test_mixed (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const retry_after[] = { "Retry-After", "30", NULL };

  set_short_timeout (fixture);
  add_faults (fixture, 1, HD_FAKE_FAULT_LOST_ANSWER, 0, NULL, NULL, 0);
  add_faults (fixture, 1, HD_FAKE_FAULT_STATUS, 429, "{\"error\":\"Too many requests\"}",
              retry_after, 0);
  add_faults (fixture, 1, HD_FAKE_FAULT_SLOW, 0, NULL, NULL, 2000);
  add_faults (fixture, 1, HD_FAKE_FAULT_STATUS, 503, "Service Unavailable", NULL, 0);
  add_faults (fixture, 1, HD_FAKE_FAULT_MALFORMED_AFTER, 0, NULL, NULL, 0);
  add_faults (fixture, 1, HD_FAKE_FAULT_RESET, 0, NULL, NULL, 0);

  send_until_settled (fixture);
  g_assert_cmpuint (hd_fake_server_get_n_faults (fixture->mastodon_fake->server), ==, 0);
  assert_all_published_once (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/herald/sync/faults/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("429-storm", test_429_storm);
  ADD ("5xx-bursts", test_5xx_bursts);
  ADD ("timeouts", test_timeouts);
  ADD ("connection-resets", test_connection_resets);
  ADD ("malformed-bodies", test_malformed_bodies);
  ADD ("token-expires-mid-run", test_token_expires_mid_run);
  ADD ("network-away-and-back", test_network_away_and_back);
  ADD ("mixed", test_mixed);
  ADD ("rate-limited-queue-goes-late", test_rate_limited_queue);

  return g_test_run ();
}
