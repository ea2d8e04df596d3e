/* bench-sync.c: how fast the sender empties a queue of due posts into a Mastodon instance on
 * loopback, against what the instance itself can take; and, with the instance enforcing
 * Mastodon's 300 requests per 5 minutes, whether the sender stays under the limit and how
 * close it comes to the fastest time the limit allows.
 *
 * The instance is the test fake, on a thread and a main context of its own, so that the
 * sender and it do not take turns on one loop. Its capacity is measured with ab (Apache
 * Bench) the way the sender talks to it: POST /api/v1/statuses with a JSON body and a bearer
 * token, two requests at a time, as the sender has up to two of a channel's requests open (the
 * next leaves once the answer before has its success status). ab asks to keep the connection
 * alive, but speaks HTTP/1.0, which libsoup's server answers by closing it: ab pays a
 * connection per request that the sender, on HTTP/1.1, does not. ab one request at a time is
 * reported beside it, as the capacity was measured before the sender overlapped. The same
 * requests sent by a bare libsoup client, one at a time on one kept connection, are reported
 * beside it: what the HTTP library alone costs, below which no sender built on it can go. So is
 * the same client sending each request as soon as the answer before it has its headers, while
 * its body is still read: how much of libsoup's work could run beside the instance's.
 *
 * Prints one SYNC line per measure, tab-separated: measure, value, unit, target, met or not
 * met (bench/run.sh makes a table of them), and exits with 1 when a target is missed.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bench-common.h"
#include "hd-core.h"
#include "hd-channels.h"
#include "hd-fake-mastodon.h"
#include "hd-secrets.h"
#include "hd-sender.h"

#define ACCESS_TOKEN "bench-mastodon-token"
/* Mastodon's default limit on API requests per account, unless --rate-limit and
 * --rate-window say otherwise. */
static guint rate_limit = 300;
static guint rate_window = 5 * 60;
/* Only the sender, for a profiler: neither ab nor the bare client is run. */
static gboolean sender_only = FALSE;
#define MIN_SHARE_OF_CAPACITY 0.80
#define AB_RUNS 3
#define MAX_OVER_MINIMUM 0.05

/* The instance, on its own thread. */
typedef struct
{
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  HdFakeMastodon *fake;
  guint           rate_limit;
  guint           rate_window;
  GMutex          mutex;
  GCond           cond;
  gboolean        ready;
  char           *url;
  /* when the first status was made (monotonic clock), under the mutex; 0 before */
  gint64          first_status_at;
} Instance;

/* On the instance's thread. */
static void
note_status (gpointer    user_data,
             const char *text)
{
  Instance *instance = user_data;

  g_mutex_lock (&instance->mutex);
  if (instance->first_status_at == 0)
    instance->first_status_at = g_get_monotonic_time ();
  g_mutex_unlock (&instance->mutex);
}

static gpointer
instance_main (gpointer data)
{
  Instance *instance = data;

  g_main_context_push_thread_default (instance->context);
  instance->fake = hd_fake_mastodon_new ();
  instance->fake->access_token = g_strdup (ACCESS_TOKEN);
  instance->fake->rate_limit = instance->rate_limit;
  instance->fake->rate_window = instance->rate_window;
  instance->fake->status_created = note_status;
  instance->fake->status_created_data = instance;

  g_mutex_lock (&instance->mutex);
  instance->url = g_strdup (hd_fake_mastodon_get_url (instance->fake));
  instance->ready = TRUE;
  g_cond_signal (&instance->cond);
  g_mutex_unlock (&instance->mutex);

  g_main_loop_run (instance->loop);
  g_main_context_pop_thread_default (instance->context);

  return NULL;
}

static Instance *
instance_start (guint limit,
                guint window)
{
  Instance *instance = g_new0 (Instance, 1);

  instance->context = g_main_context_new ();
  instance->loop = g_main_loop_new (instance->context, FALSE);
  instance->rate_limit = limit;
  instance->rate_window = window;
  g_mutex_init (&instance->mutex);
  g_cond_init (&instance->cond);
  instance->thread = g_thread_new ("instance", instance_main, instance);

  g_mutex_lock (&instance->mutex);
  while (!instance->ready)
    g_cond_wait (&instance->cond, &instance->mutex);
  g_mutex_unlock (&instance->mutex);

  return instance;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Stops the thread; the fake stays readable from here on. */
static void
instance_stop (Instance *instance)
{
  g_main_context_invoke (instance->context, quit_loop, instance->loop);
  g_thread_join (instance->thread);
}

static void
instance_free (Instance *instance)
{
  hd_fake_mastodon_free (instance->fake);
  g_main_loop_unref (instance->loop);
  g_main_context_unref (instance->context);
  g_mutex_clear (&instance->mutex);
  g_cond_clear (&instance->cond);
  g_free (instance->url);
  g_free (instance);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* A store with a Mastodon channel on @instance, its token in the keyring, and @n_posts posts
 * due a minute ago. */
static HdStore *
make_store (const char *dir,
            Instance   *instance,
            guint       n_posts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "herald.db", NULL);
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(GAsyncResult) result = NULL;
  HdStore *store;
  gint64 due = g_get_real_time () / G_USEC_PER_SEC - 60;

  store = hd_store_open (path, &error);
  g_assert_no_error (error);

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (channel, "Corner Bakery");
  hd_channel_set_handle (channel, "@bakery@bakery.example");
  hd_channel_set_base_url (channel, instance->url);
  hd_channel_set_remote_account_id (channel, instance->fake->account_id);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);

  hd_secrets_store_async (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN, "Mastodon",
                          ACCESS_TOKEN, NULL, store_result, &result);
  hd_secrets_store_finish (wait_for (&result), &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_posts; i++)
    {
      g_autoptr(HdPost) post = hd_post_new ();
      g_autoptr(HdVariant) variant = hd_variant_new ();
      g_autofree char *text = g_strdup_printf ("Today's bake, number %u: rye, spelt and a "
                                               "seeded loaf, out of the oven at seven", i + 1);

      hd_post_set_text (post, text);
      hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
      hd_post_set_scheduled_at (post, due);
      hd_post_set_time_zone (post, "Europe/London");
      hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
      hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
      hd_post_add_variant (post, variant);
      hd_store_save_post (store, post, &error);
      g_assert_no_error (error);
    }

  return store;
}

/* The earliest next attempt of a pending row, 0 when none is pending. */
static gint64
next_attempt (HdStore *store,
              guint   *n_pending)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  gint64 next = 0;

  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* After a run, what is left waits for the row at the head of the channel, whose next
   * attempt is later; the rows behind it have none of their own. */
  pending = hd_store_list_changes (store, NULL, HD_OUTBOX_STATE_PENDING, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < pending->len; i++)
    {
      HdChange *change = g_ptr_array_index (pending, i);

      if (change->next_attempt_at > now && (next == 0 || change->next_attempt_at < next))
        next = change->next_attempt_at;
    }
  *n_pending = pending->len;

  return next != 0 ? next : now;
}

typedef struct
{
  double seconds;
  /* from the start until the first post was made */
  double seconds_to_first;
  guint  n_sent;
  guint  n_missed;
  guint  n_runs;
} Drained;

/* Runs the sender as `herald sync --daemon` would: again whenever the next row's time comes,
 * until no row waits. */
static Drained
drain (HdStore  *store,
       HdHttp   *http,
       Instance *instance)
{
  g_autoptr(HdSender) sender = hd_sender_new (store, http);
  g_autoptr(GError) error = NULL;
  Drained drained = { 0, };
  gint64 start = g_get_monotonic_time ();

  /* The usual late grace: a backlog the limit holds back while Herald runs is late, not
   * missed, so every post goes. */
  hd_sender_recover (sender, NULL, &error);
  g_assert_no_error (error);

  for (;;)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(HdSendReport) report = NULL;
      gint64 next;
      guint n_pending = 0;

      hd_sender_send_due_async (sender, g_get_real_time () / G_USEC_PER_SEC, NULL,
                                store_result, &result);
      hd_sender_send_due_finish (sender, wait_for (&result), &report, &error);
      g_assert_no_error (error);
      drained.n_runs++;
      drained.n_sent += hd_send_report_count (report, HD_SEND_OUTCOME_SENT);
      drained.n_missed += hd_send_report_count (report, HD_SEND_OUTCOME_MISSED);

      next = next_attempt (store, &n_pending);
      if (n_pending == 0)
        break;

      /* Whole seconds, as the sender counts them. */
      while (g_get_real_time () / G_USEC_PER_SEC < next)
        g_usleep (MIN (G_USEC_PER_SEC / 20,
                       next * G_USEC_PER_SEC - g_get_real_time () + 1000));
    }

  drained.seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_mutex_lock (&instance->mutex);
  drained.seconds_to_first = (instance->first_status_at - start) / (double) G_USEC_PER_SEC;
  g_mutex_unlock (&instance->mutex);
  return drained;
}

static void
report (const char *measure,
        double      value,
        const char *unit,
        const char *target,
        gboolean    met)
{
  g_print ("SYNC\t%s\t%.2f\t%s\t%s\t%s\n", measure, value, unit, target,
           met ? "met" : "not met");
}

/* Requests per second ab gets from @instance in one run, @concurrency at a time; 0 when ab
 * is not there. */
static double
run_ab (const char *dir,
        Instance   *instance,
        guint       n_requests,
        guint       concurrency)
{
  g_autofree char *ab = g_find_program_in_path ("ab");
  g_autofree char *body_path = g_build_filename (dir, "status.json", NULL);
  g_autofree char *url = g_strconcat (instance->url, "/api/v1/statuses", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n_requests);
  g_autofree char *at_once = g_strdup_printf ("%u", concurrency);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;
  int status = 0;
  const char *body = "{\"status\":\"Today's bake: rye, spelt and a seeded loaf, out of the "
                     "oven at seven\",\"visibility\":\"public\"}";
  const char *argv[] = {
    NULL, "-q", "-k", "-c", at_once, "-n", count, "-p", body_path, "-T", "application/json",
    "-H", "Authorization: Bearer " ACCESS_TOKEN, url, NULL
  };

  if (ab == NULL)
    return 0;

  g_file_set_contents (body_path, body, -1, &error);
  g_assert_no_error (error);
  argv[0] = ab;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || (line = strstr (out, "Requests per second:"))
      == NULL)
    {
      g_printerr ("ab failed:\n%s%s", out, err);
      return 0;
    }
  if (strstr (out, "Non-2xx responses") != NULL || strstr (out, "Failed requests:        0")
      == NULL || g_getenv ("BENCH_SYNC_VERBOSE") != NULL)
    g_printerr ("ab said:\n%s", out);

  return g_ascii_strtod (line + strlen ("Requests per second:"), NULL);
}

/* The median of AB_RUNS runs of ab: one run of a thousand requests lasts a fraction of a
 * second, which a busy moment of the machine can halve. */
static double
measure_capacity (const char *dir,
                  Instance   *instance,
                  guint       n_requests,
                  guint       concurrency)
{
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));
  double median;

  for (guint i = 0; i < AB_RUNS; i++)
    {
      double rate = run_ab (dir, instance, n_requests, concurrency);

      if (rate == 0)
        return 0;
      g_array_append_val (rates, rate);
    }
  median = bench_percentile (rates, 0.5);
  g_print ("ab, %u at a time, %u runs: %.1f to %.1f requests/s\n", concurrency, AB_RUNS,
           g_array_index (rates, double, 0), g_array_index (rates, double, AB_RUNS - 1));

  return median;
}

typedef struct
{
  SoupSession *session;
  const char  *url;
  guint        left;
  guint        n_ok;
  gboolean     done;
} Plain;

static void plain_send (Plain *plain);

static void
plain_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Plain *plain = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                              NULL);

  if (body != NULL)
    plain->n_ok++;
  if (--plain->left == 0)
    plain->done = TRUE;
  else
    plain_send (plain);
}

/* The request the sender makes for a post, with a fresh Idempotency-Key. */
static SoupMessage *
make_status_message (const char *url)
{
  SoupMessage *message = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *key = g_uuid_string_random ();
  const char *text = "{\"status\":\"Today's bake: rye, spelt and a seeded loaf, out of the "
                     "oven at seven\",\"visibility\":\"public\"}";

  body = g_bytes_new_static (text, strlen (text));
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                "Bearer " ACCESS_TOKEN);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Idempotency-Key",
                                key);
  soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);

  return message;
}

static void
plain_send (Plain *plain)
{
  g_autoptr(SoupMessage) message = make_status_message (plain->url);

  soup_session_send_and_read_async (plain->session, message, G_PRIORITY_DEFAULT, NULL,
                                    plain_sent_cb, plain);
}

/* Requests per second a bare libsoup client gets from @instance, one at a time on one kept
 * connection: the floor under any sender built on libsoup. */
static double
measure_libsoup_rate (Instance *instance,
                      guint     n_requests)
{
  g_autofree char *url = g_strconcat (instance->url, "/api/v1/statuses", NULL);
  Plain plain = { soup_session_new (), url, n_requests, 0, FALSE };
  gint64 start = g_get_monotonic_time ();
  double seconds;

  plain_send (&plain);
  while (!plain.done)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_object_unref (plain.session);

  return plain.n_ok / seconds;
}

/* The same requests, each sent as soon as the answer to the one before has its status line and
 * headers in, while that answer's body is still being read: libsoup then takes a second kept
 * connection, and its own work after the headers runs beside the instance's work on the next
 * request. Still one request after another, in order. */
typedef struct
{
  SoupSession *session;
  const char  *url;
  guint        left_to_send;
  guint        left_to_finish;
  guint        n_ok;
} Overlapped;

static void overlapped_send (Overlapped *overlapped);

static void
overlapped_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Overlapped *overlapped = user_data;
  g_autoptr(GInputStream) stream = G_INPUT_STREAM (object);
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (stream, result, NULL);

  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    {
      g_input_stream_read_bytes_async (stream, 8192, G_PRIORITY_DEFAULT, NULL,
                                       overlapped_read_cb, overlapped);
      g_steal_pointer (&stream);
      return;
    }

  if (bytes != NULL)
    overlapped->n_ok++;
  g_input_stream_close (stream, NULL, NULL);
  overlapped->left_to_finish--;
}

static void
overlapped_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Overlapped *overlapped = user_data;
  GInputStream *stream = soup_session_send_finish (SOUP_SESSION (object), result, NULL);

  if (overlapped->left_to_send > 0)
    overlapped_send (overlapped);

  if (stream == NULL)
    overlapped->left_to_finish--;
  else
    g_input_stream_read_bytes_async (stream, 8192, G_PRIORITY_DEFAULT, NULL,
                                     overlapped_read_cb, overlapped);
}

static void
overlapped_send (Overlapped *overlapped)
{
  g_autoptr(SoupMessage) message = make_status_message (overlapped->url);

  overlapped->left_to_send--;
  soup_session_send_async (overlapped->session, message, G_PRIORITY_DEFAULT, NULL,
                           overlapped_sent_cb, overlapped);
}

static double
measure_overlapped_libsoup_rate (Instance *instance,
                                 guint     n_requests)
{
  g_autofree char *url = g_strconcat (instance->url, "/api/v1/statuses", NULL);
  Overlapped overlapped = { soup_session_new (), url, n_requests, n_requests, 0 };
  gint64 start = g_get_monotonic_time ();
  double seconds;

  overlapped_send (&overlapped);
  while (overlapped.left_to_finish > 0)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_object_unref (overlapped.session);

  return overlapped.n_ok / seconds;
}

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("herald-bench-sync-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* No limit: posts per second, against what the instance takes from ab. Returns the sender's
 * rate, for the limited run's minimum. */
static double
bench_unlimited (guint      n_posts,
                 gboolean  *met)
{
  g_autofree char *dir = make_dir ();
  Instance *instance = instance_start (0, 0);
  g_autoptr(HdStore) store = make_store (dir, instance, n_posts);
  g_autoptr(HdHttp) http = hd_http_new ();
  g_autofree char *measure = NULL;
  g_autofree char *target = NULL;
  double capacity;
  double single_capacity;
  double floor_rate;
  double overlapped_rate;
  double rate;
  Drained drained;

  drained = drain (store, http, instance);
  rate = drained.n_sent / drained.seconds;
  g_print ("Sent %u of %u posts in %.2f s (%u runs of the sender): %.1f posts/s\n",
           drained.n_sent, n_posts, drained.seconds, drained.n_runs, rate);
  /* The time counted above includes what a run does once before its first request: taking
   * the lock, reading the queue, the token from the keyring, the connection. */
  if (drained.n_sent > 1)
    g_print ("The first post was out after %.1f ms; from there on %.1f posts/s\n",
             drained.seconds_to_first * 1000,
             (drained.n_sent - 1) / (drained.seconds - drained.seconds_to_first));
  if (sender_only)
    {
      instance_stop (instance);
      instance_free (instance);
      g_clear_object (&store);
      remove_dir (dir);
      *met = *met && drained.n_sent == n_posts;
      return rate;
    }

  capacity = measure_capacity (dir, instance, n_posts, 2);
  floor_rate = measure_libsoup_rate (instance, n_posts);
  g_print ("A bare libsoup client, one request at a time on one connection: %.1f requests/s; "
           "the sender reached %.0f %% of it\n", floor_rate, 100 * rate / floor_rate);
  g_print ("SYNC\tthe same requests from a bare libsoup client\t%.2f\treq/s\t"
           "reference: the sender reached %.0f %%\t-\n", floor_rate, 100 * rate / floor_rate);
  overlapped_rate = measure_overlapped_libsoup_rate (instance, n_posts);
  g_print ("The bare client sending each request once the answer before has its headers: "
           "%.1f requests/s\n", overlapped_rate);
  g_print ("SYNC\tthe bare client, next request on the answer's headers\t%.2f\treq/s\t"
           "reference: %.0f %% of ab two at a time\t-\n", overlapped_rate,
           capacity > 0 ? 100 * overlapped_rate / capacity : 0);
  single_capacity = measure_capacity (dir, instance, n_posts, 1);
  if (single_capacity > 0)
    {
      g_print ("ab, one request at a time (median): %.1f requests/s; the sender reached "
               "%.0f %% of it\n", single_capacity, 100 * rate / single_capacity);
      g_print ("SYNC\tab, one request at a time\t%.2f\treq/s\treference: the sender reached "
               "%.0f %%\t-\n", single_capacity, 100 * rate / single_capacity);
    }
  instance_stop (instance);

  measure = g_strdup_printf ("posts sent per second, %u posts, no limit", n_posts);
  if (capacity > 0)
    {
      target = g_strdup_printf (">= %.0f %% of the instance's %.0f req/s (ab, 2 at a time)",
                                MIN_SHARE_OF_CAPACITY * 100, capacity);
      g_print ("ab, two requests at a time (median): %.1f requests/s; the sender reached "
               "%.0f %% of it\n", capacity, 100 * rate / capacity);
      report (measure, rate, "posts/s", target,
              drained.n_sent == n_posts && rate >= MIN_SHARE_OF_CAPACITY * capacity);
      *met = *met && drained.n_sent == n_posts && rate >= MIN_SHARE_OF_CAPACITY * capacity;
    }
  else
    {
      g_print ("ab (apache2-utils) is not installed: the instance's own capacity is not "
               "measured\n");
      report (measure, rate, "posts/s", "ab not installed: not compared",
              drained.n_sent == n_posts);
      *met = *met && drained.n_sent == n_posts;
    }

  if (instance->fake->statuses->len < drained.n_sent)
    g_error ("The instance holds %u statuses for %u posts sent",
             instance->fake->statuses->len, drained.n_sent);

  instance_free (instance);
  g_clear_object (&store);
  remove_dir (dir);

  return rate;
}

/* Mastodon's limit: 429s received, and the time against the least the limit allows. */
static void
bench_limited (guint      n_posts,
               double     unlimited_rate,
               gboolean  *met)
{
  g_autofree char *dir = make_dir ();
  Instance *instance = instance_start (rate_limit, rate_window);
  g_autoptr(HdStore) store = make_store (dir, instance, n_posts);
  g_autoptr(HdHttp) http = hd_http_new ();
  g_autofree char *measure = NULL;
  g_autofree char *target = NULL;
  guint full_windows = n_posts > 0 ? (n_posts - 1) / rate_limit : 0;
  guint in_last_window = n_posts - full_windows * rate_limit;
  double minimum;
  Drained drained;
  guint n_429;

  /* Every window but the last is waited out; the last one's posts go as fast as without a
   * limit. */
  minimum = full_windows * rate_window + in_last_window / unlimited_rate;
  g_print ("%u posts at %u requests per %u s: the least time the limit allows is %.1f s "
           "(%u windows waited out, then %u posts at %.1f posts/s)\n", n_posts, rate_limit,
           rate_window, minimum, full_windows, in_last_window, unlimited_rate);

  drained = drain (store, http, instance);
  instance_stop (instance);
  n_429 = instance->fake->n_rate_limited;
  g_print ("Sent %u of %u posts in %.1f s (%u runs of the sender), %u missed, %u answers "
           "429\n", drained.n_sent, n_posts, drained.seconds, drained.n_runs, drained.n_missed,
           n_429);

  measure = g_strdup_printf ("429 answers, %u posts at %u per %u s", n_posts, rate_limit,
                             rate_window);
  report (measure, n_429, "answers", "= 0", n_429 == 0);
  g_free (measure);
  measure = g_strdup_printf ("time to send %u posts at %u per %u s", n_posts, rate_limit,
                             rate_window);
  target = g_strdup_printf ("<= %.1f s (minimum %.1f s + %.0f %%)",
                            minimum * (1 + MAX_OVER_MINIMUM), minimum, MAX_OVER_MINIMUM * 100);
  report (measure, drained.seconds, "s", target,
          drained.n_sent == n_posts && drained.seconds <= minimum * (1 + MAX_OVER_MINIMUM));

  *met = *met && n_429 == 0 && drained.n_sent == n_posts &&
         drained.seconds <= minimum * (1 + MAX_OVER_MINIMUM);

  instance_free (instance);
  g_clear_object (&store);
  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int n_posts = 1000;
  int n_limited_posts = 1000;
  int limit = 300;
  int window = 5 * 60;
  gboolean met = TRUE;
  double rate;
  const GOptionEntry entries[] = {
    { "posts", 0, 0, G_OPTION_ARG_INT, &n_posts, "Posts for the run without a limit", "N" },
    { "limited-posts", 0, 0, G_OPTION_ARG_INT, &n_limited_posts,
      "Posts for the run at 300 requests per 5 minutes (1000 take about 15 minutes); 0 skips "
      "it", "N" },
    { "rate-limit", 0, 0, G_OPTION_ARG_INT, &limit, "Requests the instance allows per window "
      "(300)", "N" },
    { "rate-window", 0, 0, G_OPTION_ARG_INT, &window, "The window in seconds (300)", "S" },
    { "sender-only", 0, 0, G_OPTION_ARG_NONE, &sender_only, "Time the sender alone, without "
      "ab or the bare client to compare with (for a profiler)", NULL },
    { NULL }
  };

  context = g_option_context_new ("— time the sender against a Mastodon instance on loopback");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_posts <= 0
      || n_limited_posts < 0 || limit <= 0 || window <= 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Counts must be positive.");
      return 2;
    }

  rate_limit = (guint) limit;
  rate_window = (guint) window;
  rate = bench_unlimited ((guint) n_posts, &met);
  if (n_limited_posts > 0)
    bench_limited ((guint) n_limited_posts, rate, &met);

  return met ? 0 : 1;
}
