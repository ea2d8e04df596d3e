/* bench-calendar.c: how fast the calendar reads and shows a busy month in a long history.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a temporary store with 50,000 posts over five years, 1,000 of them in March 2026,
 * then measures the month query (with no filter, with a channel filter, and with a text search
 * both the first time in a month and as it is typed) and the month switch in the real month
 * widget: back and forth between two busy months, and onwards through months not shown
 * before. Needs a display: run it through bench/run.sh. HERALD_BENCH_DETAIL=1 prints each
 * switch's parts and the processor time of each query.
 */

#define G_LOG_DOMAIN "herald-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "hd-core.h"
#include "hd-store-calendar.h"
#include "hd-wall-time.h"
#include "calendar/hd-month-view.h"
#include "hd-ui-resources.h"

#define N_POSTS      50000
#define N_IN_MONTH   1000
#define YEAR         2026
#define MONTH        3
#define VIEW_W       1100
#define VIEW_H       740

static GTimeZone *zone;
static guint n_runs = 60;

/* What a bakery writes: mostly ASCII, some accents and emoji. */
static const char * const texts[] = {
  "Fresh bread, coffee and a word about the weekend market",
  "Our sourdough starter turns three this week: a double batch on Saturday",
  "Café crème and a cinnamon bun, the best start to a grey Monday ☕",
  "Closed on Tuesday for the staff outing; back on Wednesday at 7",
  "New on the counter: rye with caraway 🍞 pre-order at crumb.example/rye",
  "Thank you for 1,000 followers! A free cookie with every loaf today",
  "Behind the scenes: shaping baguettes at 4 a.m. #bakerylife #sourdough",
  "Gluten-free Fridays are back, with almond cake and lemon drizzle, while it lasts",
};

static gint64
instant (int year,
         int month,
         int day,
         int hour,
         int minute)
{
  gint64 result = 0;

  hd_wall_time_to_instant (zone, year, month, day, hour, minute, 0, &result);
  return result;
}

static void
save (HdStore    *store,
      HdChannel **channels,
      guint       n,
      gint64      when)
{
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) first = hd_variant_new ();
  g_autoptr(GError) error = NULL;
  /* Every post's first words differ, as they do in life: nothing is drawn twice by chance. */
  g_autofree char *text = g_strdup_printf ("No. %u: %s", n, texts[n % G_N_ELEMENTS (texts)]);
  static const HdPostState states[] = {
    HD_POST_STATE_SCHEDULED, HD_POST_STATE_DRAFT, HD_POST_STATE_PUBLISHED, HD_POST_STATE_IDEA,
  };

  hd_post_set_text (post, text);
  hd_post_set_state (post, states[n % G_N_ELEMENTS (states)]);
  hd_post_set_scheduled_at (post, when);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (first, hd_channel_get_id (channels[n % 3]));
  /* Now and then a channel gets words of its own. */
  if (n % 10 == 0)
    hd_variant_set_text (first, "Shorter for this channel: fresh bread today");
  hd_post_add_variant (post, first);
  if (n % 2 == 0)
    {
      g_autoptr(HdVariant) second = hd_variant_new ();

      hd_variant_set_channel_id (second, hd_channel_get_id (channels[(n + 1) % 3]));
      hd_post_add_variant (post, second);
    }

  if (!hd_store_save_post (store, post, &error))
    g_error ("Could not save a post: %s", error->message);
}

/* The channels of a store filled before, if it was. */
static gboolean
find_channels (HdStore    *store,
               HdChannel **channels)
{
  g_autoptr(GListModel) list = hd_store_list_channels (store, NULL);

  if (list == NULL || g_list_model_get_n_items (list) != 3)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    channels[i] = g_list_model_get_item (list, i);

  return TRUE;
}

static void
fill (HdStore    *store,
      HdChannel **channels)
{
  g_autoptr(GError) error = NULL;
  gint64 start = instant (2022, 1, 1, 0, 0);
  gint64 end = instant (2027, 1, 1, 0, 0);
  gint64 month_start = instant (YEAR, MONTH, 1, 0, 0);
  gint64 month_end = instant (YEAR, MONTH + 1, 1, 0, 0);
  guint n_other = N_POSTS - N_IN_MONTH;
  guint n = 0;

  for (guint i = 0; i < 3; i++)
    {
      static const HdChannelKind kinds[] = {
        HD_CHANNEL_KIND_MASTODON, HD_CHANNEL_KIND_BLUESKY, HD_CHANNEL_KIND_INSTAGRAM,
      };

      channels[i] = hd_channel_new ();
      hd_channel_set_kind (channels[i], kinds[i]);
      hd_channel_set_display_name (channels[i], "Bakery");
      if (!hd_store_save_channel (store, channels[i], &error))
        g_error ("%s", error->message);
    }

  /* The rest of the five years, evenly, outside the busy month; then the busy month. */
  while (n < N_POSTS)
    {
      if (!hd_store_begin (store, &error))
        g_error ("%s", error->message);

      for (guint batch = 0; batch < 1000 && n < N_POSTS; batch++, n++)
        {
          gint64 when;

          if (n < n_other)
            {
              gint64 span = end - start - (month_end - month_start);

              when = start + (gint64) ((double) span * n / n_other);
              if (when >= month_start)
                when += month_end - month_start;
            }
          else
            {
              guint k = n - n_other;

              when = month_start + (gint64) ((double) (month_end - month_start) * k / N_IN_MONTH);
            }
          /* On a quarter hour, as people schedule. */
          when -= when % 900;
          save (store, channels, n, when);
        }

      if (!hd_store_commit (store, &error))
        g_error ("%s", error->message);
    }
}

static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/* With @typing, the text filter grows a letter a run, as someone typing it; with
 * @alternate, every run asks for the other of two busy months. */
static gboolean
measure_query (HdStore            *store,
               const char         *measure,
               const HdPostFilter *shape,
               gboolean            typing,
               gboolean            alternate)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (HdCalendarEntry));
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *name = NULL;
  HdPostFilter filter = *shape;

  filter.from = instant (YEAR, MONTH, 1, 0, 0);
  filter.to = instant (YEAR, MONTH + 1, 1, 0, 0);

  for (guint i = 0; i < n_runs + 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *typed = NULL;
      gint64 t0;
      double cpu0;

      if (typing)
        {
          typed = g_strndup (shape->text, 1 + i % strlen (shape->text));
          filter.text = typed;
        }
      if (alternate)
        {
          filter.from = instant (YEAR, MONTH - i % 2, 1, 0, 0);
          filter.to = instant (YEAR, MONTH + 1 - i % 2, 1, 0, 0);
        }

      t0 = g_get_monotonic_time ();
      cpu0 = cpu_ms ();
      if (!hd_store_query_calendar (store, &filter, entries, &error))
        g_error ("%s", error->message);
      /* The first few runs warm the statement cache and the pages. */
      if (i >= 5)
        {
          double ms = (g_get_monotonic_time () - t0) / 1000.0;
          double cpu_used = cpu_ms () - cpu0;

          g_array_append_val (samples, ms);
          g_array_append_val (cpu, cpu_used);
        }
    }

  if (g_getenv ("HERALD_BENCH_DETAIL") != NULL)
    g_printerr ("%s: processor time median %.3f ms\n", measure, bench_percentile (cpu, 0.5));
  name = g_strdup_printf ("%s (%u posts)", measure, entries->len);
  return bench_report (name, samples, "median < 1 ms", bench_percentile (samples, 0.5) < 1.0);
}

/* One frame as GTK runs it, timed from the frame clock's own phases. */
typedef struct
{
  GtkWidget *window;
  GtkWidget *view;
  gboolean   armed;
  gboolean   done;
  gint64     update_end;
  gint64     layout_end;
  gint64     snapshot_end;
  gint64     paint_end;
} Frame;

static void
on_update (GdkFrameClock *clock,
           Frame         *frame)
{
  if (frame->armed)
    frame->update_end = g_get_monotonic_time ();
}

/* After GTK's own layout handler (styles validated, sizes allocated) and before the paint
 * phase: the month view's snapshot is taken here, so the window's own snapshot in the paint
 * phase finds the view's nodes made and only rasterises. */
static void
on_layout (GdkFrameClock *clock,
           Frame         *frame)
{
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;

  if (!frame->armed)
    return;

  frame->layout_end = g_get_monotonic_time ();
  snapshot = gtk_snapshot_new ();
  gtk_widget_snapshot_child (frame->window, frame->view, snapshot);
  node = gtk_snapshot_to_node (snapshot);
  frame->snapshot_end = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Frame         *frame)
{
  if (!frame->armed || frame->snapshot_end == 0)
    return;

  frame->paint_end = g_get_monotonic_time ();
  frame->armed = FALSE;
  frame->done = TRUE;
}

/* One switch as the page and the next frame do it: query the grid's range, bind, then GTK's
 * style, layout and snapshot. The wait for the frame clock's tick is left out, and so is
 * rasterising the frame, which is reported on its own. */
static double
switch_month (HdStore *store,
              Frame   *frame,
              int      year,
              int      month,
              GArray  *entries,
              GArray  *flights,
              double  *raster_ms)
{
  g_autoptr(GError) error = NULL;
  HdMonthView *view = HD_MONTH_VIEW (frame->view);
  HdPostFilter filter = { 0 };
  gint64 t[4];
  double cpu0 = cpu_ms ();
  double cpu_bind;
  double total;

  t[0] = g_get_monotonic_time ();
  hd_month_view_set_month (view, zone, 1, year, month);
  hd_month_view_get_range (view, &filter.from, &filter.to);
  if (!hd_store_query_calendar (store, &filter, entries, &error) ||
      !hd_store_query_flights (store, filter.from, filter.to, flights, &error))
    g_error ("%s", error->message);
  t[1] = g_get_monotonic_time ();
  hd_month_view_set_entries (view, entries, flights);
  t[2] = g_get_monotonic_time ();
  cpu_bind = cpu_ms () - cpu0;

  frame->update_end = frame->layout_end = frame->snapshot_end = frame->paint_end = 0;
  frame->done = FALSE;
  frame->armed = TRUE;
  gtk_widget_queue_draw (frame->view);
  while (!frame->done)
    g_main_context_iteration (NULL, TRUE);

  t[3] = g_get_monotonic_time ();
  total = (t[2] - t[0] + frame->snapshot_end - frame->update_end) / 1000.0;
  if (g_getenv ("HERALD_BENCH_DETAIL") != NULL)
    g_printerr ("query %.2f bind %.2f layout %.2f snapshot %.2f total %.2f bind-cpu %.2f\n",
                (t[1] - t[0]) / 1e3, (t[2] - t[1]) / 1e3,
                (frame->layout_end - frame->update_end) / 1e3,
                (frame->snapshot_end - frame->layout_end) / 1e3, total, cpu_bind);

  *raster_ms = (frame->paint_end - frame->snapshot_end) / 1000.0;
  return total;
}

static gboolean
report_switches (const char *measure,
                 GArray     *samples,
                 GArray     *raster)
{
  double median = bench_percentile (samples, 0.5);
  double p95 = bench_percentile (samples, 0.95);

  g_print ("%s: then drawing the frame (Cairo on Xvfb, not part of the switch): "
           "median %.3f ms, 95th percentile %.3f ms\n",
           measure, bench_percentile (raster, 0.5), bench_percentile (raster, 0.95));

  return bench_report (measure, samples, "median < 8 ms, p95 < 16 ms",
                       median < 8.0 && p95 < 16.0);
}

static gboolean
measure_switch (HdStore *store)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raster = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cold_raster = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (HdCalendarEntry));
  g_autoptr(GArray) flights = g_array_new (FALSE, FALSE, sizeof (HdCalendarFlight));
  Frame frame = { 0 };
  GdkFrameClock *clock;
  guint pool_after_first = 0;
  gboolean met = TRUE;
  guint n_cold;

  frame.window = gtk_window_new ();
  frame.view = hd_month_view_new ();
  gtk_window_set_default_size (GTK_WINDOW (frame.window), VIEW_W, VIEW_H);
  gtk_window_set_child (GTK_WINDOW (frame.window), frame.view);
  hd_month_view_set_month (HD_MONTH_VIEW (frame.view), zone, 1, YEAR, MONTH);
  gtk_window_present (GTK_WINDOW (frame.window));
  bench_iterate (300);

  clock = gtk_widget_get_frame_clock (frame.window);
  g_signal_connect_after (clock, "update", G_CALLBACK (on_update), &frame);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout), &frame);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint), &frame);

  /* Back and forth between two busy months, as someone comparing them. */
  for (guint i = 0; i < n_runs + 2; i++)
    {
      double raster_ms = 0;
      double ms = switch_month (store, &frame, YEAR, i % 2 == 0 ? MONTH - 1 : MONTH,
                                entries, flights, &raster_ms);

      if (i == 1)
        pool_after_first = hd_month_view_get_pool_size (HD_MONTH_VIEW (frame.view));
      if (i >= 2)
        {
          g_array_append_val (samples, ms);
          g_array_append_val (raster, raster_ms);
        }
      bench_iterate (10);
    }
  met &= report_switches ("month switch, back and forth", samples, raster);

  /* Onwards through months not shown before, as someone paging through the history: every
   * chip's words are new. */
  n_cold = MIN (n_runs, 48);
  for (guint i = 0; i < n_cold; i++)
    {
      double raster_ms = 0;
      double ms = switch_month (store, &frame, 2022 + i / 12, 1 + i % 12, entries, flights,
                                &raster_ms);

      g_array_append_val (cold, ms);
      g_array_append_val (cold_raster, raster_ms);
      bench_iterate (10);
    }
  met &= report_switches ("month switch, to a month not shown before", cold, cold_raster);

  g_print ("Month view %d×%d px; chip widgets in the pool: %u after the first two months, "
           "%u after %u switches\n", VIEW_W, VIEW_H, pool_after_first,
           hd_month_view_get_pool_size (HD_MONTH_VIEW (frame.view)), n_runs + 2 + n_cold);

  g_signal_handlers_disconnect_by_data (clock, &frame);
  gtk_window_destroy (GTK_WINDOW (frame.window));

  return met;
}

static void
remove_store (const char *dir,
              const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("- measure the calendar");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(HdStore) store = NULL;
  HdChannel *channels[3];
  g_autofree char *kept = NULL;
  gboolean queries_only = FALSE;
  gboolean switch_only = FALSE;
  gboolean met = TRUE;
  int runs = 0;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Samples per measure (60)", "N" },
    { "queries-only", 0, 0, G_OPTION_ARG_NONE, &queries_only, "Only the month queries", NULL },
    { "switch-only", 0, 0, G_OPTION_ARG_NONE, &switch_only, "Only the month switch", NULL },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &kept,
      "Keep the filled store in FILE, or use the one already there", "FILE" },
    { NULL }
  };
  gint64 t0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (runs > 0)
    n_runs = runs;

  gtk_init ();
  /* The style sheets and icons live in the UI's resources, as in the application. */
  g_resources_register (hd_ui_get_resource ());
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/heraldapp/Herald/icons");
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  zone = g_time_zone_new_identifier ("Europe/London");

  if (kept != NULL)
    {
      path = g_strdup (kept);
    }
  else
    {
      dir = g_dir_make_tmp ("herald-bench-XXXXXX", &error);
      if (dir == NULL)
        g_error ("%s", error->message);
      path = g_build_filename (dir, "herald.db", NULL);
    }
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  if (!find_channels (store, channels))
    {
      t0 = g_get_monotonic_time ();
      fill (store, channels);
      g_print ("Filled %d posts over five years, %d in March %d, in %.1f s\n",
               N_POSTS, N_IN_MONTH, YEAR, (g_get_monotonic_time () - t0) / 1e6);
    }

  if (!switch_only)
    {
      const char *one_channel[] = { hd_channel_get_id (channels[1]), NULL };

      met &= measure_query (store, "month query", &(HdPostFilter) { 0 }, FALSE, FALSE);
      met &= measure_query (store, "month query, one channel",
                            &(HdPostFilter) { .channel_ids = one_channel }, FALSE, FALSE);
      met &= measure_query (store, "month query, text search, first in a month",
                            &(HdPostFilter) { .text = "Sourdough" }, FALSE, TRUE);
      met &= measure_query (store, "month query, text search, as it is typed",
                            &(HdPostFilter) { .text = "Sourdough" }, TRUE, FALSE);
    }

  if (!queries_only)
    met &= measure_switch (store);

  for (guint i = 0; i < 3; i++)
    g_object_unref (channels[i]);
  g_clear_object (&store);
  if (kept == NULL)
    remove_store (dir, path);

  return met ? EXIT_SUCCESS : EXIT_FAILURE;
}
