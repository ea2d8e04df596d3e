/* test-chart.c: the day-by-day chart's axis, hover, summary and drawing
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdlib.h>

#include "widgets/hd-chart.h"
#include "widgets/hd-chart-private.h"

typedef struct
{
  GtkWindow *window;
  HdChart   *chart;
} Fixture;

static GTimeZone *london;

static void
iterate (void)
{
  for (guint i = 0; i < 5; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gint64
midnight (int year,
          int month,
          int day)
{
  g_autoptr(GDateTime) date = g_date_time_new (london, year, month, day, 0, 0, 0);

  return g_date_time_to_unix (date);
}

static HdChart *
new_chart (void)
{
  HdChart *chart = HD_CHART (g_object_ref_sink (hd_chart_new ()));

  hd_chart_set_time_zone (chart, london);
  return chart;
}

/* Spend in pence over 1–14 March 2026, highest on the 5th. */
static void
add_spend (HdChart *chart)
{
  static const double pence[14] = {
    1210, 1830, 2005, 1999, 2410, 1500, 900, 1720, 1890, 2100, 1650, 1300, 1205, 1980,
  };
  gint64 days[14];

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    days[i] = midnight (2026, 3, 1 + (int) i);
  hd_chart_add_series (chart, "Spend", days, pence, G_N_ELEMENTS (days));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gint64 deadline;

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->chart = HD_CHART (hd_chart_new ());
  hd_chart_set_time_zone (fixture->chart, london);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->chart));
  gtk_window_set_default_size (fixture->window, 480, 240);
  gtk_window_present (fixture->window);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->chart)) ||
         gtk_widget_get_width (GTK_WIDGET (fixture->chart)) != 480)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      iterate ();
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->chart)), ==, 480);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  iterate ();
}

static void
assert_ticks (double      low,
              double      high,
              gboolean    whole,
              double      expected_first,
              double      expected_step,
              guint       expected_n)
{
  double first;
  double step;
  guint n;

  _hd_chart_nice_ticks (low, high, 5, whole, &first, &step, &n);
  g_assert_cmpfloat_with_epsilon (first, expected_first, 1e-9);
  g_assert_cmpfloat_with_epsilon (step, expected_step, 1e-9);
  g_assert_cmpuint (n, ==, expected_n);

  /* The axis always covers the data. */
  g_assert_cmpfloat (first, <=, low);
  g_assert_cmpfloat (first + step * (n - 1), >=, high - 1e-9);
}

static void
test_ticks (void)
{
  /* £24.10 in pence: £0, £10, £20, £30. */
  assert_ticks (0, 2410, TRUE, 0, 1000, 4);
  /* 87 clicks: 0, 50, 100. */
  assert_ticks (0, 87, TRUE, 0, 50, 3);
  assert_ticks (0, 100, TRUE, 0, 50, 3);
  assert_ticks (0, 101, TRUE, 0, 50, 4);
  /* Three clicks never gives half a click. */
  assert_ticks (0, 3, TRUE, 0, 1, 4);
  /* A rate may step by tenths. */
  assert_ticks (0, 0.3, FALSE, 0, 0.1, 4);
  /* Below zero too. */
  assert_ticks (-15, 40, TRUE, -20, 20, 4);
  /* Nothing but zeros still has an axis. */
  assert_ticks (0, 0, TRUE, 0, 1, 2);
  assert_ticks (0, 1204, TRUE, 0, 500, 4);
}

static void
assert_summary (HdChart    *chart,
                const char *expected)
{
  g_autofree char *summary = hd_chart_describe (chart);

  g_assert_cmpstr (summary, ==, expected);
}

static void
test_summary (void)
{
  g_autoptr(HdChart) chart = new_chart ();
  const gint64 days[] = { midnight (2026, 2, 28), midnight (2026, 3, 1), midnight (2026, 3, 2),
                          midnight (2026, 3, 3) };
  const double clicks[] = { 40, 87, 12, 87 };
  const double reach[] = { 900, 1100, 1204, 640 };
  const gint64 new_year[] = { midnight (2025, 12, 30), midnight (2026, 1, 2) };
  const double one[] = { 3, 4 };

  assert_summary (chart, "No results yet");
  hd_chart_set_empty_text (chart, "Post the campaign to see its spend");
  assert_summary (chart, "Post the campaign to see its spend");
  hd_chart_set_empty_text (chart, NULL);

  hd_chart_set_title (chart, "Spend per day");
  hd_chart_set_money (chart, "GBP");
  add_spend (chart);
  assert_summary (chart, "Spend per day, 1–14 March: highest £24.10 on 5 March");

  hd_chart_set_reference (chart, "Budget", 2000);
  assert_summary (chart, "Spend per day, 1–14 March: highest £24.10 on 5 March; Budget £20.00");
  hd_chart_unset_reference (chart);

  /* Counts, two series across a month end; a tie goes to the first day. The tests run in
   * C.UTF-8, which groups no thousands. */
  hd_chart_clear (chart);
  hd_chart_set_formatter (chart, NULL, NULL, NULL);
  hd_chart_set_title (chart, "Results per day");
  hd_chart_add_series (chart, "Clicks", days, clicks, G_N_ELEMENTS (days));
  hd_chart_add_series (chart, "Reach", days, reach, G_N_ELEMENTS (days));
  assert_summary (chart, "Results per day, 28 February – 3 March: Clicks highest 87 on "
                         "1 March; Reach highest 1204 on 2 March");

  hd_chart_clear (chart);
  hd_chart_set_title (chart, NULL);
  hd_chart_add_series (chart, NULL, new_year, one, G_N_ELEMENTS (new_year));
  assert_summary (chart, "30 December 2025 – 2 January 2026: highest 4 on 2 January");

  hd_chart_clear (chart);
  hd_chart_add_series (chart, NULL, new_year, one, 1);
  assert_summary (chart, "30 December: highest 3 on 30 December");

  hd_chart_clear (chart);
  assert_summary (chart, "No results yet");
}

static void
test_nearest_point (Fixture       *fixture,
                    gconstpointer  data)
{
  const gint64 days[] = { midnight (2026, 3, 1), midnight (2026, 3, 2), midnight (2026, 3, 3) };
  const double low[] = { 10, 20, 30 };
  const double high[] = { 100, 200, 300 };
  graphene_point_t point;
  graphene_point_t next;
  guint series;
  guint index;
  g_autofree char *text = NULL;

  hd_chart_add_series (fixture->chart, "Clicks", days, low, 3);
  hd_chart_add_series (fixture->chart, "Reach", days, high, 3);
  iterate ();

  /* Anywhere above a day picks that day, and the series nearest up or down. */
  g_assert_true (_hd_chart_point_position (fixture->chart, 0, 1, &point));
  g_assert_true (_hd_chart_point_position (fixture->chart, 0, 2, &next));
  g_assert_cmpfloat (next.x, >, point.x);
  g_assert_cmpfloat (next.y, <, point.y);

  g_assert_true (_hd_chart_nearest_point (fixture->chart, point.x + 5, point.y + 30, &series,
                                          &index));
  g_assert_cmpuint (series, ==, 0);
  g_assert_cmpuint (index, ==, 1);

  g_assert_true (_hd_chart_point_position (fixture->chart, 1, 1, &point));
  g_assert_true (_hd_chart_nearest_point (fixture->chart, point.x - 5, point.y - 10, &series,
                                          &index));
  g_assert_cmpuint (series, ==, 1);
  g_assert_cmpuint (index, ==, 1);

  /* Left of the axis is not over any day. */
  g_assert_false (_hd_chart_nearest_point (fixture->chart, 1, point.y, &series, &index));

  /* Bars sit side by side: each is its own series. */
  hd_chart_set_kind (fixture->chart, HD_CHART_BARS);
  iterate ();
  g_assert_true (_hd_chart_point_position (fixture->chart, 0, 2, &point));
  g_assert_true (_hd_chart_point_position (fixture->chart, 1, 2, &next));
  g_assert_cmpfloat (next.x, >, point.x);
  g_assert_true (_hd_chart_nearest_point (fixture->chart, point.x, point.y, &series, &index));
  g_assert_cmpuint (series, ==, 0);
  g_assert_cmpuint (index, ==, 2);
  g_assert_true (_hd_chart_nearest_point (fixture->chart, next.x, point.y, &series, &index));
  g_assert_cmpuint (series, ==, 1);

  /* Hovering says the value, the series and the day. */
  _hd_chart_hover (fixture->chart, next.x, next.y);
  text = _hd_chart_hover_text (fixture->chart);
  g_assert_cmpstr (text, ==, "<b>300</b>\nReach · 3 Mar");
}

/* Days are midnights in the account's zone; the one before the clocks go forward is 23 hours
 * long and must still be one day wide. */
static void
test_days_across_clock_change (Fixture       *fixture,
                               gconstpointer  data)
{
  const gint64 days[] = { midnight (2026, 3, 28), midnight (2026, 3, 29), midnight (2026, 3, 30),
                          midnight (2026, 3, 31) };
  const double values[] = { 1, 2, 3, 4 };
  graphene_point_t positions[4];

  hd_chart_add_series (fixture->chart, NULL, days, values, 4);
  iterate ();

  for (guint i = 0; i < 4; i++)
    g_assert_true (_hd_chart_point_position (fixture->chart, 0, i, &positions[i]));
  g_assert_cmpfloat_with_epsilon (positions[1].x - positions[0].x,
                                  positions[2].x - positions[1].x, 0.01);
  g_assert_cmpfloat_with_epsilon (positions[2].x - positions[1].x,
                                  positions[3].x - positions[2].x, 0.01);
}

static gboolean
press_key (HdChart *chart,
           guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          return handled;
        }
    }

  g_assert_not_reached ();
}

static void
test_keyboard_reads_values (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *last = NULL;

  hd_chart_set_money (fixture->chart, "GBP");
  add_spend (fixture->chart);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->chart));

  g_assert_null (_hd_chart_hover_text (fixture->chart));
  g_assert_true (press_key (fixture->chart, GDK_KEY_Right));
  first = _hd_chart_hover_text (fixture->chart);
  g_assert_cmpstr (first, ==, "<b>£12.10</b>\nSpend · 1 Mar");
  g_assert_true (press_key (fixture->chart, GDK_KEY_Right));
  second = _hd_chart_hover_text (fixture->chart);
  g_assert_cmpstr (second, ==, "<b>£18.30</b>\nSpend · 2 Mar");
  g_assert_true (press_key (fixture->chart, GDK_KEY_End));
  last = _hd_chart_hover_text (fixture->chart);
  g_assert_cmpstr (last, ==, "<b>£19.80</b>\nSpend · 14 Mar");
  /* Past the end the key goes on to the container. */
  g_assert_false (press_key (fixture->chart, GDK_KEY_Right));
}

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;

  /* Until the window's first frame the widget draws nothing; wait for it, not for a time. */
  g_assert_true (gtk_widget_get_mapped (widget));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC; node == NULL;)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      iterate ();
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

typedef struct
{
  guint series_pixels;
  guint drawn_pixels;
} PixelCount;

/* Counts the pixels of a series' colour, and every pixel drawn at all. */
static PixelCount
count_pixels (GtkWidget  *widget,
              const char *series_color)
{
  g_autoptr(GdkTexture) texture = render (widget);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  PixelCount count = { 0, 0 };
  GdkRGBA color;

  gdk_rgba_parse (&color, series_color);
  gdk_texture_download (texture, pixels, (gsize) width * 4);

  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      const guchar *pixel = pixels + i * 4;

      if (pixel[3] > 0)
        count.drawn_pixels++;
      if (pixel[3] == 255 && abs (pixel[2] - (int) (color.red * 255)) < 4 &&
          abs (pixel[1] - (int) (color.green * 255)) < 4 &&
          abs (pixel[0] - (int) (color.blue * 255)) < 4)
        count.series_pixels++;
    }

  return count;
}

/* The style reaches the widget on a later frame; wait for it rather than for a time. */
static void
wait_for_dark_style (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GdkRGBA fg = { 0, };

  while (fg.red < 0.5f)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      iterate ();
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
}

static void
test_renders (Fixture       *fixture,
              gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  const gint64 days[] = { midnight (2026, 3, 1), midnight (2026, 3, 2) };
  const double clicks[] = { 5, 9 };
  PixelCount empty;
  PixelCount line;
  PixelCount bars;
  PixelCount dark;

  /* The empty state is words, not a plot. */
  empty = count_pixels (GTK_WIDGET (fixture->chart), "#1c71d8");
  g_assert_cmpuint (empty.series_pixels, ==, 0);
  g_assert_cmpuint (empty.drawn_pixels, >, 50);

  hd_chart_set_money (fixture->chart, "GBP");
  hd_chart_set_reference (fixture->chart, "Budget", 2000);
  add_spend (fixture->chart);
  iterate ();
  line = count_pixels (GTK_WIDGET (fixture->chart), "#1c71d8");
  g_assert_cmpuint (line.series_pixels, >, 200);

  hd_chart_set_kind (fixture->chart, HD_CHART_BARS);
  hd_chart_add_series (fixture->chart, "Clicks", days, clicks, 2);
  iterate ();
  bars = count_pixels (GTK_WIDGET (fixture->chart), "#1c71d8");
  g_assert_cmpuint (bars.series_pixels, >, line.series_pixels);
  g_assert_cmpuint (count_pixels (GTK_WIDGET (fixture->chart), "#e66100").series_pixels, >, 50);

  /* Dark style takes the lighter tone of the same hue. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_dark_style (GTK_WIDGET (fixture->chart));
  dark = count_pixels (GTK_WIDGET (fixture->chart), "#62a0ea");
  g_assert_cmpuint (dark.series_pixels, >, 200);
  g_assert_cmpuint (count_pixels (GTK_WIDGET (fixture->chart), "#1c71d8").series_pixels, ==, 0);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  london = g_time_zone_new_identifier ("Europe/London");
  g_assert_nonnull (london);

  g_test_add_func ("/herald/chart/ticks", test_ticks);
  g_test_add_func ("/herald/chart/summary", test_summary);
  g_test_add ("/herald/chart/nearest-point", Fixture, NULL, fixture_set_up, test_nearest_point,
              fixture_tear_down);
  g_test_add ("/herald/chart/days-across-clock-change", Fixture, NULL, fixture_set_up,
              test_days_across_clock_change, fixture_tear_down);
  g_test_add ("/herald/chart/keyboard-reads-values", Fixture, NULL, fixture_set_up,
              test_keyboard_reads_values, fixture_tear_down);
  g_test_add ("/herald/chart/renders", Fixture, NULL, fixture_set_up, test_renders,
              fixture_tear_down);

  return g_test_run ();
}
