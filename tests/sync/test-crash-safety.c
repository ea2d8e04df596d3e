/* test-crash-safety.c: `herald sync` killed with SIGKILL over and over while it sends 200
 * due posts to the Mastodon fake, restarted each time: in the end every post is on the
 * platform exactly once and the store says so.
 *
 * The kills are drawn from a seeded generator (HERALD_TEST_SEED, else a fixed default, printed
 * so that a failure can be replayed). A third of the runs are killed a random few
 * milliseconds after they start: while the store opens, while stopped work is recovered,
 * while the outbox is read. A third are killed the moment the platform has made the n-th
 * status of the run, before its answer leaves: the process dies not knowing that the post
 * went out. The rest are killed a random few milliseconds after that moment: while the answer
 * is read, while it is committed, while the next row is committed in flight.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hd-test-channels.h"
#include "hd-fake-mastodon.h"
#include "hd-store-private.h"

#include <signal.h>

#define N_POSTS 200
#define MIN_KILLS 50
/* A run that has nothing left to kill for still has to end; this many runs mean a loop. */
#define MAX_RUNS 1000
#define DEFAULT_SEED 20261129
/* The statuses a run may make before it is killed, in the runs killed on the platform's
 * side; few, so that the kills are spread over all 200 posts. */
#define MAX_STATUSES_BEFORE_KILL 3
#define MIN_START_DELAY_MS 2
#define MAX_START_DELAY_MS 100
#define MAX_ANSWER_DELAY_MS 20
/* The share of statuses whose answer is lost after they were made, in the second test. */
#define LOST_ANSWER_PERCENT 10

typedef struct
{
  TestEnv         env;
  HdFakeMastodon *mastodon_fake;
  SoupSession    *browser;
  gboolean        browser_done;
  char           *channel_id;
  GRand          *rand;
  GPtrArray      *texts;

  /* the run going on */
  GSubprocess    *process;
  gboolean        exited;
  /* once the platform has made this many statuses in the run, the kill is timed... */
  guint           kill_after_statuses;
  guint           kill_delay_ms;
  /* ...and at this many it happens at once, whatever else was drawn: every killed run gets a
   * few posts out at most, so the kills spread over all of them */
  guint           kill_at_statuses;
  guint           statuses_this_run;
  guint           kill_source;
  gboolean        killed;
  /* runs killed while the platform held a status whose answer had not left */
  guint           n_killed_unanswered;
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

/* Connected as the user would, so the access token is in the keyring of the test session,
 * where the spawned `herald` finds it. */
static char *
connect_mastodon (Fixture *fixture)
{
  g_autoptr(HdMastodonConnect) connect = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) channel = NULL;

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

  return g_strdup (hd_channel_get_id (channel));
}

/* Due a minute ago by the real clock, which `herald sync` reads: late, but well within the
 * time a late post is still sent. */
static void
schedule_posts (Fixture *fixture)
{
  gint64 due = g_get_real_time () / G_USEC_PER_SEC - 60;

  for (guint i = 0; i < N_POSTS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdPost) post = hd_post_new ();
      g_autoptr(HdVariant) variant = hd_variant_new ();
      char *text = g_strdup_printf ("Fresh batch %03u of %u: rye, spelt and seeded rolls", i + 1,
                                    N_POSTS);

      hd_post_set_text (post, text);
      hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
      /* A second apart, so the queue has an order to keep. */
      hd_post_set_scheduled_at (post, due - N_POSTS + i);
      hd_post_set_time_zone (post, "Europe/London");
      hd_variant_set_channel_id (variant, fixture->channel_id);
      hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
      hd_post_add_variant (post, variant);
      hd_store_save_post (fixture->env.store, post, &error);
      g_assert_no_error (error);
      g_ptr_array_add (fixture->texts, text);
    }
}

static guint32
test_seed (void)
{
  const char *text = g_getenv ("HERALD_TEST_SEED");
  guint32 seed = DEFAULT_SEED;

  if (text != NULL && *text != '\0')
    seed = (guint32) g_ascii_strtoull (text, NULL, 10);
  g_test_message ("HERALD_TEST_SEED=%u", seed);
  g_printerr ("# HERALD_TEST_SEED=%u (set it to replay these kills)\n", seed);

  return seed;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  test_env_init (&fixture->env);
  /* `herald sync` reads the real clock; so do the fake and this process. */
  hd_rate_limiter_set_clock (hd_http_get_rate_limiter (fixture->env.http), NULL, NULL);
  fixture->mastodon_fake = hd_fake_mastodon_new ();
  fixture->browser = soup_session_new ();
  fixture->texts = g_ptr_array_new_with_free_func (g_free);
  fixture->rand = g_rand_new_with_seed (test_seed ());

  fixture->channel_id = connect_mastodon (fixture);
  schedule_posts (fixture);
  hd_fake_server_clear_requests (fixture->mastodon_fake->server);

  /* Only the spawned processes use the database from here on, as they would on their own. */
  g_clear_object (&fixture->env.store);
  g_clear_object (&fixture->env.http);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->browser);
  hd_fake_mastodon_free (fixture->mastodon_fake);
  g_ptr_array_unref (fixture->texts);
  g_rand_free (fixture->rand);
  g_free (fixture->channel_id);
  test_remove_tree (fixture->env.dir);
  g_free (fixture->env.dir);
}

static gboolean
kill_run (Fixture *fixture)
{
  if (fixture->process == NULL || fixture->exited || fixture->killed)
    return FALSE;

  g_subprocess_send_signal (fixture->process, SIGKILL);
  fixture->killed = TRUE;
  return TRUE;
}

static gboolean
on_kill_timeout (gpointer user_data)
{
  Fixture *fixture = user_data;

  fixture->kill_source = 0;
  kill_run (fixture);

  return G_SOURCE_REMOVE;
}

/* The platform has made a status and not yet answered. */
static void
on_status_created (gpointer    user_data,
                   const char *text)
{
  Fixture *fixture = user_data;

  fixture->statuses_this_run++;

  if (fixture->statuses_this_run == fixture->kill_at_statuses)
    {
      if (kill_run (fixture))
        fixture->n_killed_unanswered++;
    }
  else if (fixture->statuses_this_run == fixture->kill_after_statuses)
    {
      fixture->kill_source = g_timeout_add (fixture->kill_delay_ms, on_kill_timeout, fixture);
    }
}

static void
on_exited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  fixture->exited = TRUE;
}

typedef enum
{
  RUN_KILLED,
  RUN_ALL_SENT,
  RUN_SOME_WAIT,
} RunEnd;

/* One `herald sync`; killed as drawn when @kill is set. */
static RunEnd
run_sync (Fixture  *fixture,
          gboolean  kill)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *herald = g_build_filename (g_getenv ("HERALD_BUILD_ROOT"), "src", "herald",
                                              NULL);
  RunEnd end;

  fixture->exited = FALSE;
  fixture->killed = FALSE;
  fixture->statuses_this_run = 0;
  fixture->kill_after_statuses = 0;

  /* What it prints for each post is not the point here, and a full pipe must not stall it;
   * its complaints go to the test's log. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "none", TRUE);
  /* The test machine may have no default route; the fake is on loopback. */
  g_subprocess_launcher_setenv (launcher, "GIO_USE_NETWORK_MONITOR", "base", TRUE);
  fixture->process = g_subprocess_launcher_spawn (launcher, &error, herald, "sync",
                                                  "--data-dir", fixture->env.dir, NULL);
  g_assert_no_error (error);

  fixture->kill_at_statuses = 0;
  if (kill)
    {
      guint after = g_rand_int_range (fixture->rand, 1, MAX_STATUSES_BEFORE_KILL + 1);

      switch (g_rand_int_range (fixture->rand, 0, 3))
        {
        case 0:
          fixture->kill_source = g_timeout_add (g_rand_int_range (fixture->rand,
                                                                  MIN_START_DELAY_MS,
                                                                  MAX_START_DELAY_MS + 1),
                                                on_kill_timeout, fixture);
          fixture->kill_at_statuses = MAX_STATUSES_BEFORE_KILL;
          break;

        case 1:
          fixture->kill_at_statuses = after;
          break;

        case 2:
        default:
          fixture->kill_after_statuses = after;
          fixture->kill_delay_ms = g_rand_int_range (fixture->rand, 1, MAX_ANSWER_DELAY_MS + 1);
          fixture->kill_at_statuses = after + 1;
          break;
        }
    }

  g_subprocess_wait_async (fixture->process, NULL, on_exited, fixture);
  while (!fixture->exited)
    g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&fixture->kill_source, g_source_remove);
  /* A request the process wrote before it died may still wait to be read: the platform acts
   * on it now, not in the next run, whose statuses are counted for its kill. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  if (g_subprocess_get_if_signaled (fixture->process))
    {
      g_assert_cmpint (g_subprocess_get_term_sig (fixture->process), ==, SIGKILL);
      end = RUN_KILLED;
    }
  else
    {
      /* 0: everything went; 1: something waits (a lost answer's backoff). Nothing else. */
      g_assert_true (g_subprocess_get_if_exited (fixture->process));
      g_assert_cmpint (g_subprocess_get_exit_status (fixture->process), <=, 1);
      end = g_subprocess_get_exit_status (fixture->process) == 0 ? RUN_ALL_SENT : RUN_SOME_WAIT;
    }
  g_clear_object (&fixture->process);

  return end;
}

static HdStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->env.dir, "herald.db", NULL);
  HdStore *store = hd_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* Time passes: whatever waits for a backoff after a lost answer is due again. The sender
 * decides what to do with it; only the clock is moved. */
static void
let_backoff_pass (Fixture *fixture)
{
  g_autoptr(HdStore) store = open_store (fixture);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = _hd_store_prepare (store, "UPDATE outbox SET next_attempt_at = NULL "
                                   "WHERE state = 'pending' AND next_attempt_at IS NOT NULL",
                            "test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static guint
count_done (HdStore *store)
{
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GError) error = NULL;

  done = hd_store_list_changes (store, NULL, HD_OUTBOX_STATE_DONE, &error);
  g_assert_no_error (error);
  return done->len;
}

/* Each post on the platform once, and the store agrees post by post. */
static void
assert_each_post_once (Fixture *fixture)
{
  g_autoptr(HdStore) store = open_store (fixture);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  guint n_posts = 0;
  guint n_pending = 0;

  for (guint i = 0; i < fixture->texts->len; i++)
    {
      const char *text = g_ptr_array_index (fixture->texts, i);
      guint count = hd_fake_mastodon_count_created (fixture->mastodon_fake, text);

      if (count != 1)
        g_error ("“%s” is on the platform %u times", text, count);
    }
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, N_POSTS);

  stmt = _hd_store_prepare (store, "SELECT id FROM posts", "test", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(HdPost) post = NULL;
      HdVariant *variant;
      JsonObject *status;
      g_autofree char *content = NULL;

      post = hd_store_load_post (store, (const char *) sqlite3_column_text (stmt, 0), &error);
      g_assert_no_error (error);
      g_assert_cmpint (hd_post_get_state (post), ==, HD_POST_STATE_PUBLISHED);
      variant = hd_post_find_variant (post, fixture->channel_id);
      g_assert_cmpint (hd_variant_get_state (variant), ==, HD_POST_STATE_PUBLISHED);
      /* The remote id the store keeps is the status with this post's text. */
      status = hd_fake_mastodon_find_status (fixture->mastodon_fake,
                                             hd_variant_get_remote_id (variant));
      g_assert_nonnull (status);
      content = g_markup_escape_text (hd_post_get_text (post), -1);
      g_assert_nonnull (strstr (json_object_get_string_member (status, "content"), content));
      n_posts++;
    }
  g_assert_cmpuint (n_posts, ==, N_POSTS);

  g_assert_cmpuint (count_done (store), ==, N_POSTS);
  g_assert_true (hd_store_count_pending_changes (store, &n_pending, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pending, ==, 0);
}

static void
kill_until_all_sent (Fixture *fixture)
{
  guint n_kills = 0;
  guint n_kills_with_work = 0;
  guint n_runs = 0;
  RunEnd end = RUN_KILLED;

  fixture->mastodon_fake->status_created = on_status_created;
  fixture->mastodon_fake->status_created_data = fixture;

  while (end != RUN_ALL_SENT
         || (n_kills_with_work < MIN_KILLS
             && fixture->mastodon_fake->statuses->len < N_POSTS))
    {
      guint before = fixture->mastodon_fake->statuses->len;

      g_assert_cmpuint (++n_runs, <=, MAX_RUNS);
      end = run_sync (fixture, n_kills_with_work < MIN_KILLS && before < N_POSTS);
      if (end == RUN_KILLED)
        {
          n_kills++;
          if (before < N_POSTS)
            n_kills_with_work++;
        }
      if (end != RUN_ALL_SENT)
        let_backoff_pass (fixture);
    }

  g_test_message ("%u runs, %u killed (%u with posts left to send)", n_runs, n_kills,
                  n_kills_with_work);
  g_printerr ("# %u runs of herald sync, %u killed, %u of them with posts left to send\n",
              n_runs, n_kills, n_kills_with_work);
  g_assert_cmpuint (n_kills, >=, MIN_KILLS);
  /* Kills after the last post went out would prove little. */
  g_assert_cmpuint (n_kills_with_work, >=, MIN_KILLS);
}

/* Killed at random points, Mastodon having forgotten the Idempotency-Key as it does after
 * an hour: only Herald's own check of the platform, before it sends a row it may have sent,
 * keeps a post from going out twice. */
static void
test_killed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *timeline = NULL;

  fixture->mastodon_fake->forget_idempotency = TRUE;
  kill_until_all_sent (fixture);
  assert_each_post_once (fixture);

  /* Each time it died not knowing, the next run read the timeline before sending on. */
  timeline = g_strdup_printf ("/api/v1/accounts/%s/statuses",
                              fixture->mastodon_fake->account_id);
  g_assert_cmpuint (fixture->n_killed_unanswered, >, 0);
  g_assert_cmpuint (hd_fake_server_count (fixture->mastodon_fake->server, "GET", timeline), >=,
                    fixture->n_killed_unanswered);
}

/* The same, and besides, one answer in ten is lost after the platform made the status:
 * the connection drops as if the network failed on the way back. */
static void
test_killed_and_answers_lost (Fixture       *fixture,
                              gconstpointer  data)
{
  hd_fake_server_set_random_fault (fixture->mastodon_fake->server, "POST", "/api/v1/statuses",
                                   HD_FAKE_FAULT_LOST_ANSWER, LOST_ANSWER_PERCENT,
                                   fixture->rand);
  kill_until_all_sent (fixture);
  assert_each_post_once (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/sync/crash-safety/killed", Fixture, NULL, fixture_set_up, test_killed,
              fixture_tear_down);
  g_test_add ("/herald/sync/crash-safety/killed-and-answers-lost", Fixture, NULL,
              fixture_set_up, test_killed_and_answers_lost, fixture_tear_down);

  return g_test_run ();
}
