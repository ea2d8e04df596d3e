/* bench-soak.c: whether Herald's memory stays flat over an hour of use.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real application and main window in this process, on a store of 5,000 posts over
 * two years with a Mastodon channel, and uses it the way someone does through a working day,
 * over and over: pages through the calendar's months (forward a year, back to today), opens the
 * composer, types a post into it and publishes it, and lets the sync round send it to a
 * Mastodon instance on loopback. The instance (the tests' fake) runs in a child process of its
 * own, so that what it keeps of the posts it receives is not counted here.
 *
 * The resident memory (VmRSS) is read at the start and every minute after, with the heap in
 * use beside it to tell a leak from freed memory malloc keeps. The first two minutes fill the
 * caches that are meant to fill (SQLite's page cache, GTK's glyphs and styles, the month
 * view's pool of chips); the growth from minute 2 to the end is what is measured, against a
 * target of less than 5 MB. The run lasts 60 minutes unless BENCH_SOAK_MINUTES says otherwise
 * (at least 3).
 *
 * Prints one SOAK line per measure, tab-separated like bench-sync's SYNC lines, and exits
 * with 1 when the target is missed. Needs a display, a session bus and a keyring: run it with
 * `bench/run.sh --soak`.
 */

#define G_LOG_DOMAIN "herald-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bench-common.h"
#include "hd-application.h"
#include "hd-core.h"
#include "hd-fake-mastodon.h"
#include "hd-secrets.h"
#include "hd-window.h"
#include "calendar/hd-calendar-page.h"
#include "composer/hd-composer-window-private.h"

#define ACCESS_TOKEN  "bench-soak-token"
#define N_POSTS       5000
#define MAX_GROWTH_MB 5.0
#define WARM_MINUTES  2

/* ---- The instance, in a child process ----------------------------------------------------- */

/* `bench-soak --instance`: serves a fake Mastodon instance on loopback until killed, after
 * printing its URL and account id on one line. */
static int
serve_instance (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  HdFakeMastodon *fake = hd_fake_mastodon_new ();

  fake->access_token = g_strdup (ACCESS_TOKEN);
  g_print ("%s %s\n", hd_fake_mastodon_get_url (fake), fake->account_id);
  fflush (stdout);
  g_main_loop_run (loop);
  hd_fake_mastodon_free (fake);

  return EXIT_SUCCESS;
}

typedef struct
{
  GPid  pid;
  char *url;
  char *account_id;
} Instance;

static void
start_instance (const char *self_path,
                Instance   *instance)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  g_auto(GStrv) parts = NULL;
  const char *argv[] = { self_path, "--instance", NULL };
  int out_fd = -1;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                 NULL, &instance->pid, NULL, &out_fd, NULL, &error))
    g_error ("Could not start the instance: %s", error->message);

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  if (g_io_channel_read_line (channel, &line, NULL, NULL, &error) != G_IO_STATUS_NORMAL)
    g_error ("The instance did not say where it listens");
  parts = g_strsplit (g_strstrip (line), " ", 2);
  instance->url = g_strdup (parts[0]);
  instance->account_id = g_strdup (parts[1]);
}

static void
stop_instance (Instance *instance)
{
  int status;

  kill (instance->pid, SIGTERM);
  waitpid (instance->pid, &status, 0);
  g_spawn_close_pid (instance->pid);
  g_free (instance->url);
  g_free (instance->account_id);
}

/* ---- The store ---------------------------------------------------------------------------- */

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
check (gboolean      ok,
       const GError *error)
{
  if (!ok)
    g_error ("Could not fill the store: %s", error != NULL ? error->message : "?");
}

/* A Mastodon channel on @instance with its token in the keyring, a Bluesky channel, and
 * posts every few hours over two years: the past published, the future drafts and ideas. */
static void
fill_store (HdStore  *store,
            Instance *instance)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdChannel) mastodon = hd_channel_new ();
  g_autoptr(HdChannel) bluesky = hd_channel_new ();
  g_autoptr(GAsyncResult) result = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 start = now - 548 * 24 * 3600;
  gint64 span = 730 * 24 * 3600;

  hd_channel_set_kind (mastodon, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (mastodon, "Corner Bakery");
  hd_channel_set_handle (mastodon, "@bakery@bakery.example");
  hd_channel_set_base_url (mastodon, instance->url);
  hd_channel_set_remote_account_id (mastodon, instance->account_id);
  hd_channel_set_state (mastodon, HD_CHANNEL_STATE_CONNECTED);
  check (hd_store_save_channel (store, mastodon, &error), error);

  hd_channel_set_kind (bluesky, HD_CHANNEL_KIND_BLUESKY);
  hd_channel_set_display_name (bluesky, "Corner Bakery on Bluesky");
  hd_channel_set_handle (bluesky, "bakery.example");
  hd_channel_set_state (bluesky, HD_CHANNEL_STATE_DISCONNECTED);
  check (hd_store_save_channel (store, bluesky, &error), error);

  hd_secrets_store_async (hd_channel_get_id (mastodon), HD_SECRET_KIND_ACCESS_TOKEN,
                          "Mastodon", ACCESS_TOKEN, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  check (hd_secrets_store_finish (result, &error), error);

  check (hd_store_begin (store, &error), error);
  for (guint n = 0; n < N_POSTS; n++)
    {
      g_autoptr(HdPost) post = hd_post_new ();
      g_autoptr(HdVariant) variant = hd_variant_new ();
      g_autofree char *text = g_strdup_printf ("No. %u: fresh bread, coffee and a word about "
                                               "the weekend market", n);
      gint64 when = start + (gint64) ((double) span * n / N_POSTS);
      gboolean past = when < now;
      HdPostState state = past ? HD_POST_STATE_PUBLISHED
                          : n % 2 == 0 ? HD_POST_STATE_DRAFT : HD_POST_STATE_IDEA;

      when -= when % 900;
      hd_post_set_text (post, text);
      hd_post_set_state (post, state);
      hd_post_set_scheduled_at (post, when);
      if (past)
        hd_post_set_published_at (post, when);
      hd_post_set_time_zone (post, "Europe/London");
      hd_variant_set_channel_id (variant, hd_channel_get_id (n % 2 == 0 ? mastodon : bluesky));
      hd_variant_set_state (variant, state);
      if (past)
        {
          g_autofree char *remote_id = g_strdup_printf ("%u", 100000 + n);

          hd_variant_set_remote_id (variant, remote_id);
        }
      hd_post_add_variant (post, variant);
      check (hd_store_save_post (store, post, &error), error);
    }
  check (hd_store_commit (store, &error), error);
}

/* ---- The use ------------------------------------------------------------------------------ */

static double
read_rss_mb (void)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL) ||
      (line = strstr (contents, "VmRSS:")) == NULL)
    return -1;

  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

/* What malloc has handed out and not had back, in every arena and in blocks mapped on their
 * own, in MB. Beside the resident size it tells a leak (this grows too) from memory malloc
 * keeps for itself once freed (the resident size grows, this does not). GSlice's magazines
 * count as handed out. */
static double
read_live_heap_mb (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (double) (info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}

/* What SQLite holds, in MB, most of it the page caches of the store's connections: part of
 * the heap in use, and bounded by their cache_size. */
static double
read_sqlite_mb (void)
{
  return (double) sqlite3_memory_used () / (1024.0 * 1024.0);
}

/* Forward a year, a month every quarter of a second, and back to where it started. */
static void
page_through_months (HdCalendarPage *page)
{
  int year, month, day;

  hd_calendar_page_get_date (page, &year, &month, &day);
  for (int i = 1; i <= 24; i++)
    {
      int step = i <= 12 ? i : 24 - i;
      int shown = (month - 1 + step) % 12;

      hd_calendar_page_set_date (page, year + (month - 1 + step) / 12, shown + 1, 1);
      bench_iterate (250);
    }
}

/* Opens the composer as Ctrl+N does, types a post a character at a time as someone typing,
 * and publishes it, which closes the composer. */
static void
compose (HdApplication *app,
         guint          n)
{
  g_autofree char *text = g_strdup_printf ("Post %u of the day: rye, spelt and a seeded loaf "
                                           "are out of the oven at seven 🍞 #bakery", n);
  GtkWindow *composer = NULL;
  GtkTextView *view;
  GtkTextBuffer *buffer;

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-post", NULL);
  bench_iterate (300);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (HD_IS_COMPOSER_WINDOW (l->data))
      composer = l->data;
  if (composer == NULL)
    g_error ("The composer did not open");

  view = _hd_composer_window_get_master_view (HD_COMPOSER_WINDOW (composer));
  buffer = gtk_text_view_get_buffer (view);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gtk_text_buffer_insert_at_cursor (buffer, p, g_utf8_next_char (p) - p);
      bench_iterate (15);
    }

  gtk_widget_activate_action (GTK_WIDGET (composer), "composer.publish-now", NULL);
  bench_iterate (300);

  /* Publishing closes the composer; if it stayed (no channel chosen, a rule broken), it is
   * closed as someone would, and the post is not counted as sent. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (l->data == composer)
      {
        g_printerr ("The composer stayed open: %s\n",
                    _hd_composer_window_get_status (HD_COMPOSER_WINDOW (composer)));
        gtk_window_destroy (composer);
        break;
      }
}

/* Starts a round now (it may have started by itself on the outbox's change) and waits for
 * it to end. */
static void
sync_round (HdApplication *app)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  hd_application_send_now (app);
  do
    bench_iterate (50);
  while (hd_application_get_sending (app) && g_get_monotonic_time () < deadline);
}

/* The growth over minutes @from to the last by a least-squares line through every minute's
 * reading: a single reading moves by a megabyte or two as malloc hands memory back, the
 * line does not. */
static double
fitted_growth (GArray *samples,
               guint   from)
{
  double n = samples->len - from;
  double sum_x = 0, sum_y = 0, sum_xy = 0, sum_xx = 0;

  for (guint i = from; i < samples->len; i++)
    {
      double y = g_array_index (samples, double, i);

      sum_x += i;
      sum_y += y;
      sum_xy += i * y;
      sum_xx += (double) i * i;
    }

  return (n * sum_xy - sum_x * sum_y) / (n * sum_xx - sum_x * sum_x) * (samples->len - 1 - from);
}

static guint
count_sent (HdStore *store)
{
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GError) error = NULL;

  done = hd_store_list_changes (store, NULL, HD_OUTBOX_STATE_DONE, &error);
  return done != NULL ? done->len : 0;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdApplication) app = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) heap_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sqlite_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *measure = NULL;
  const char *minutes_env = g_getenv ("BENCH_SOAK_MINUTES");
  Instance instance = { 0, };
  HdStore *store;
  HdWindow *window;
  HdCalendarPage *page;
  guint minutes = minutes_env != NULL ? MAX (atoi (minutes_env), WARM_MINUTES + 1) : 60;
  guint n_cycles = 0;
  gint64 start;
  gint64 next_sample;
  double growth;
  double warm;
  gboolean met;

  if (argc > 1 && g_strcmp0 (argv[1], "--instance") == 0)
    return serve_instance ();

  setlocale (LC_ALL, "");
  /* Each minute's line as it comes, also through run.sh's pipe. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  self_path = g_file_read_link ("/proc/self/exe", &error);
  if (self_path == NULL)
    g_error ("%s", error->message);
  start_instance (self_path, &instance);

  dir = g_dir_make_tmp ("herald-bench-soak-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  g_setenv ("HERALD_DATA_DIR", dir, TRUE);

  app = g_object_new (HD_TYPE_APPLICATION, "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE, NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  hd_application_open_workspace (app, HD_WORKSPACE_OWN);
  store = hd_application_get_store (app);
  if (store == NULL)
    g_error ("The store did not open");
  fill_store (store, &instance);

  window = hd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 740);
  gtk_window_present (GTK_WINDOW (window));
  bench_iterate (1000);
  page = HD_CALENDAR_PAGE (hd_window_get_page (window, "calendar"));

  g_print ("Soak of %u minutes: months, the composer and a sync round, over and over\n",
           minutes);
  start = g_get_monotonic_time ();
  next_sample = start;
  while (samples->len <= minutes)
    {
      if (g_get_monotonic_time () >= next_sample)
        {
          double rss = read_rss_mb ();
          double heap = read_live_heap_mb ();
          double sqlite = read_sqlite_mb ();

          g_array_append_val (samples, rss);
          g_array_append_val (heap_samples, heap);
          g_array_append_val (sqlite_samples, sqlite);
          g_print ("minute %2u: resident %.1f MB, heap in use %.1f MB (SQLite %.1f MB), "
                   "%u cycles, %u posts sent\n",
                   samples->len - 1, rss, heap, sqlite, n_cycles, count_sent (store));
          next_sample += 60 * G_USEC_PER_SEC;
          if (samples->len > minutes)
            break;
        }

      page_through_months (page);
      compose (app, n_cycles);
      sync_round (app);
      n_cycles++;
    }

  warm = g_array_index (samples, double, WARM_MINUTES);
  growth = g_array_index (samples, double, minutes) - warm;
  met = growth < MAX_GROWTH_MB;
  measure = g_strdup_printf ("resident memory growth, minute %d to %u (%u cycles)",
                             WARM_MINUTES, minutes, n_cycles);
  target = g_strdup_printf ("< %.0f MB (from %.1f MB)", MAX_GROWTH_MB, warm);
  g_print ("SOAK\t%s\t%.2f\tMB\t%s\t%s\n", measure, growth, target, met ? "met" : "not met");
  g_print ("SOAK\tthe same growth by a line through every minute's reading\t%.2f\tMB\t"
           "least squares, for the trend\t-\n", fitted_growth (samples, WARM_MINUTES));
  g_print ("SOAK\theap in use: its growth by a line through the minutes\t%.2f\tMB\t"
           "tells a leak from memory malloc keeps\t-\n",
           fitted_growth (heap_samples, WARM_MINUTES));
  g_print ("SOAK\tof which SQLite's, bounded by cache_size\t%.2f\tMB\t"
           "grows with the file, then levels off\t-\n",
           fitted_growth (sqlite_samples, WARM_MINUTES));
  g_print ("SOAK\tposts composed and sent to the instance\t%u\tposts\tone a cycle\t%s\n",
           count_sent (store), count_sent (store) >= n_cycles ? "-" : "not all sent");

  gtk_window_destroy (GTK_WINDOW (window));
  bench_iterate (100);
  stop_instance (&instance);
  remove_tree (dir);

  return met ? EXIT_SUCCESS : EXIT_FAILURE;
}
