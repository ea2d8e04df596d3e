/* test-daypart-grid.c: painting the hours of the week with the pointer and the keys
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "widgets/hd-daypart-grid.h"
#include "widgets/hd-daypart-grid-private.h"

enum { SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY };

typedef struct
{
  GtkWindow     *window;
  HdDaypartGrid *grid;
  guint          changes;
} Fixture;

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

static void
on_changed (HdDaypartGrid *grid,
            Fixture       *fixture)
{
  fixture->changes++;
}

static void
fixture_set_up_at (Fixture *fixture,
                   int      width)
{
  gint64 deadline;

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->grid = HD_DAYPART_GRID (hd_daypart_grid_new ());
  hd_daypart_grid_set_first_weekday (fixture->grid, MONDAY);
  g_signal_connect (fixture->grid, "changed", G_CALLBACK (on_changed), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->grid));
  gtk_window_set_default_size (fixture->window, width, -1);
  gtk_window_present (fixture->window);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_widget_get_mapped (GTK_WIDGET (fixture->grid)) ||
         gtk_widget_get_width (GTK_WIDGET (fixture->grid)) != width)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      iterate ();
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->grid)), ==, width);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_set_up_at (fixture, GPOINTER_TO_INT (data) != 0 ? GPOINTER_TO_INT (data) : 640);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  iterate ();
}

static void
cell_centre (Fixture *fixture,
             guint    day,
             guint    hour,
             double  *x,
             double  *y)
{
  graphene_rect_t bounds;

  g_assert_true (_hd_daypart_grid_cell_bounds (fixture->grid, day, hour, &bounds));
  *x = bounds.origin.x + bounds.size.width / 2;
  *y = bounds.origin.y + bounds.size.height / 2;
}

static void
press_cell (Fixture *fixture,
            guint    day,
            guint    hour)
{
  double x;
  double y;

  cell_centre (fixture, day, hour, &x, &y);
  _hd_daypart_grid_press (fixture->grid, x, y);
}

static void
drag_to_cell (Fixture *fixture,
              guint    day,
              guint    hour)
{
  double x;
  double y;

  cell_centre (fixture, day, hour, &x, &y);
  _hd_daypart_grid_drag_to (fixture->grid, x, y);
}

static guint
count_hours (HdDaypartGrid *grid)
{
  guint count = 0;

  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      count += hd_daypart_grid_get_hour (grid, d, h) ? 1 : 0;

  return count;
}

static void
assert_description (HdDaypartGrid *grid,
                    const char    *expected)
{
  g_autofree char *description = hd_daypart_grid_describe (grid);

  g_assert_cmpstr (description, ==, expected);
}

static void
count_change (HdDaypartGrid *grid,
              guint         *changes)
{
  (*changes)++;
}

/* The bits are the ones the ad platform's day numbering expects: day 0 is Sunday. */
static void
test_round_trip (void)
{
  GtkWidget *grid = g_object_ref_sink (hd_daypart_grid_new ());
  guint8 hours[HD_DAYPART_HOURS_SIZE] = { 0, };
  guint8 read_back[HD_DAYPART_HOURS_SIZE];
  guint changes = 0;

  g_signal_connect (grid, "changed", G_CALLBACK (count_change), &changes);

  hd_daypart_grid_set_hour (HD_DAYPART_GRID (grid), MONDAY, 9, TRUE);
  hd_daypart_grid_set_hour (HD_DAYPART_GRID (grid), SUNDAY, 0, TRUE);
  hd_daypart_grid_set_hour (HD_DAYPART_GRID (grid), SATURDAY, 23, TRUE);
  g_assert_cmpuint (changes, ==, 3);

  hd_daypart_grid_get_hours (HD_DAYPART_GRID (grid), read_back);
  /* Sunday 0:00 is bit 0, Monday 9:00 bit 33, Saturday 23:00 the last of the 168. */
  hours[0] = 0x01;
  hours[4] = 0x02;
  hours[20] = 0x80;
  g_assert_cmpmem (read_back, sizeof read_back, hours, sizeof hours);

  /* Setting the same week again is not a change. */
  hd_daypart_grid_set_hours (HD_DAYPART_GRID (grid), read_back);
  g_assert_cmpuint (changes, ==, 3);

  for (guint i = 0; i < HD_DAYPART_HOURS_SIZE; i++)
    hours[i] = (guint8) (i * 37 + 11);
  hd_daypart_grid_set_hours (HD_DAYPART_GRID (grid), hours);
  g_assert_cmpuint (changes, ==, 4);
  hd_daypart_grid_get_hours (HD_DAYPART_GRID (grid), read_back);
  g_assert_cmpmem (read_back, sizeof read_back, hours, sizeof hours);
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      {
        guint bit = d * 24 + h;

        g_assert_cmpint (hd_daypart_grid_get_hour (HD_DAYPART_GRID (grid), d, h), ==,
                         (hours[bit / 8] >> (bit % 8)) & 1);
      }

  g_object_unref (grid);
}

static void
test_drag_paints_and_erases (Fixture       *fixture,
                             gconstpointer  data)
{
  /* Monday 9:00 to Friday 16:00 in one drag. */
  press_cell (fixture, MONDAY, 9);
  drag_to_cell (fixture, WEDNESDAY, 12);
  drag_to_cell (fixture, FRIDAY, 16);
  _hd_daypart_grid_release (fixture->grid);

  g_assert_cmpuint (count_hours (fixture->grid), ==, 5 * 8);
  for (guint d = MONDAY; d <= FRIDAY; d++)
    {
      g_assert_false (hd_daypart_grid_get_hour (fixture->grid, d, 8));
      g_assert_true (hd_daypart_grid_get_hour (fixture->grid, d, 9));
      g_assert_true (hd_daypart_grid_get_hour (fixture->grid, d, 16));
      g_assert_false (hd_daypart_grid_get_hour (fixture->grid, d, 17));
    }
  assert_description (fixture->grid, "Mondays to Fridays, 9:00–17:00");
  g_assert_cmpuint (fixture->changes, >=, 1);

  /* Starting on a chosen hour erases; shrinking the drag gives back what it had passed. */
  press_cell (fixture, WEDNESDAY, 12);
  drag_to_cell (fixture, THURSDAY, 13);
  g_assert_false (hd_daypart_grid_get_hour (fixture->grid, THURSDAY, 13));
  drag_to_cell (fixture, WEDNESDAY, 13);
  _hd_daypart_grid_release (fixture->grid);

  g_assert_false (hd_daypart_grid_get_hour (fixture->grid, WEDNESDAY, 12));
  g_assert_false (hd_daypart_grid_get_hour (fixture->grid, WEDNESDAY, 13));
  g_assert_true (hd_daypart_grid_get_hour (fixture->grid, THURSDAY, 13));
  g_assert_true (hd_daypart_grid_get_hour (fixture->grid, WEDNESDAY, 14));
  g_assert_cmpuint (count_hours (fixture->grid), ==, 5 * 8 - 2);
  assert_description (fixture->grid,
                      "Mondays, Tuesdays, Thursdays and Fridays, 9:00–17:00; "
                      "Wednesdays, 9:00–12:00 and 14:00–17:00");

  /* A drag that leaves the grid keeps painting along its edge. */
  press_cell (fixture, SUNDAY, 20);
  _hd_daypart_grid_drag_to (fixture->grid, 100000, 100000);
  _hd_daypart_grid_release (fixture->grid);
  g_assert_true (hd_daypart_grid_get_hour (fixture->grid, SUNDAY, 23));
  g_assert_false (hd_daypart_grid_get_hour (fixture->grid, SATURDAY, 23));
}

static void
test_click_toggles (Fixture       *fixture,
                    gconstpointer  data)
{
  guint day;
  guint hour;
  double x;
  double y;

  press_cell (fixture, TUESDAY, 7);
  _hd_daypart_grid_release (fixture->grid);
  g_assert_true (hd_daypart_grid_get_hour (fixture->grid, TUESDAY, 7));
  g_assert_cmpuint (count_hours (fixture->grid), ==, 1);
  g_assert_cmpuint (fixture->changes, ==, 1);
  _hd_daypart_grid_get_focus (fixture->grid, &day, &hour);
  g_assert_cmpuint (day, ==, TUESDAY);
  g_assert_cmpuint (hour, ==, 7);

  press_cell (fixture, TUESDAY, 7);
  _hd_daypart_grid_release (fixture->grid);
  g_assert_false (hd_daypart_grid_get_hour (fixture->grid, TUESDAY, 7));
  g_assert_cmpuint (fixture->changes, ==, 2);

  /* The day names on the left are not a cell. */
  cell_centre (fixture, TUESDAY, 0, &x, &y);
  _hd_daypart_grid_press (fixture->grid, 1, y);
  _hd_daypart_grid_release (fixture->grid);
  g_assert_cmpuint (count_hours (fixture->grid), ==, 0);
  g_assert_false (_hd_daypart_grid_cell_at (fixture->grid, 1, y, &day, &hour));
  g_assert_true (_hd_daypart_grid_cell_at (fixture->grid, x, y, &day, &hour));
  g_assert_cmpuint (day, ==, TUESDAY);
  g_assert_cmpuint (hour, ==, 0);
}

static gboolean
press_key (HdDaypartGrid   *grid,
           guint            keyval,
           GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (grid));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          return handled;
        }
    }

  g_assert_not_reached ();
}

static void
release_shift (HdDaypartGrid *grid)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (grid));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-released", GDK_KEY_Shift_L, 0,
                               GDK_SHIFT_MASK);
    }
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  guint day;
  guint hour;

  gtk_widget_grab_focus (GTK_WIDGET (fixture->grid));

  /* The focus starts at 9:00 on the first day of the week. */
  _hd_daypart_grid_get_focus (fixture->grid, &day, &hour);
  g_assert_cmpuint (day, ==, MONDAY);
  g_assert_cmpuint (hour, ==, 9);

  g_assert_true (press_key (fixture->grid, GDK_KEY_space, 0));
  g_assert_true (hd_daypart_grid_get_hour (fixture->grid, MONDAY, 9));

  for (guint i = 0; i < 7; i++)
    g_assert_true (press_key (fixture->grid, GDK_KEY_Right, GDK_SHIFT_MASK));
  for (guint i = 0; i < 4; i++)
    g_assert_true (press_key (fixture->grid, GDK_KEY_Down, GDK_SHIFT_MASK));
  release_shift (fixture->grid);
  assert_description (fixture->grid, "Mondays to Fridays, 9:00–17:00");

  /* Without Shift the arrows only move. */
  g_assert_true (press_key (fixture->grid, GDK_KEY_Down, 0));
  g_assert_true (press_key (fixture->grid, GDK_KEY_Right, 0));
  _hd_daypart_grid_get_focus (fixture->grid, &day, &hour);
  g_assert_cmpuint (day, ==, SATURDAY);
  g_assert_cmpuint (hour, ==, 17);
  assert_description (fixture->grid, "Mondays to Fridays, 9:00–17:00");

  g_assert_true (press_key (fixture->grid, GDK_KEY_space, 0));
  g_assert_true (hd_daypart_grid_get_hour (fixture->grid, SATURDAY, 17));
  g_assert_true (press_key (fixture->grid, GDK_KEY_space, 0));
  g_assert_false (hd_daypart_grid_get_hour (fixture->grid, SATURDAY, 17));

  /* Shift from an empty hour spreads emptiness: it erases. */
  g_assert_true (press_key (fixture->grid, GDK_KEY_Up, 0));
  g_assert_true (press_key (fixture->grid, GDK_KEY_Left, GDK_SHIFT_MASK));
  g_assert_true (press_key (fixture->grid, GDK_KEY_Left, GDK_SHIFT_MASK));
  release_shift (fixture->grid);
  g_assert_false (hd_daypart_grid_get_hour (fixture->grid, FRIDAY, 16));
  g_assert_false (hd_daypart_grid_get_hour (fixture->grid, FRIDAY, 15));
  g_assert_true (hd_daypart_grid_get_hour (fixture->grid, FRIDAY, 14));

  /* At the edge the arrow is left to the container, so focus can move on. */
  g_assert_true (press_key (fixture->grid, GDK_KEY_End, 0));
  g_assert_false (press_key (fixture->grid, GDK_KEY_Right, 0));
  _hd_daypart_grid_get_focus (fixture->grid, &day, &hour);
  g_assert_cmpuint (day, ==, FRIDAY);
  g_assert_cmpuint (hour, ==, 23);
}

static void
set_hours (guint8  hours[HD_DAYPART_HOURS_SIZE],
           guint   day,
           guint   from,
           guint   to)
{
  for (guint h = from; h < to; h++)
    {
      guint bit = day * 24 + h;

      hours[bit / 8] |= 1u << (bit % 8);
    }
}

static void
assert_summary (const guint8  hours[HD_DAYPART_HOURS_SIZE],
                guint         first_weekday,
                const char   *expected)
{
  g_autofree char *summary = hd_daypart_grid_describe_hours (hours, first_weekday);

  g_assert_cmpstr (summary, ==, expected);
}

static void
test_summary (void)
{
  guint8 hours[HD_DAYPART_HOURS_SIZE] = { 0, };

  assert_summary (hours, MONDAY, "No hours chosen");

  memset (hours, 0xff, sizeof hours);
  assert_summary (hours, MONDAY, "Every hour of every day");

  memset (hours, 0, sizeof hours);
  set_hours (hours, SATURDAY, 0, 24);
  set_hours (hours, SUNDAY, 0, 24);
  assert_summary (hours, MONDAY, "Saturdays and Sundays, all day");
  /* With Sunday first the two ends of the week are not a run. */
  assert_summary (hours, SUNDAY, "Sundays and Saturdays, all day");

  memset (hours, 0, sizeof hours);
  for (guint d = MONDAY; d <= FRIDAY; d++)
    set_hours (hours, d, 9, 17);
  set_hours (hours, SATURDAY, 10, 14);
  assert_summary (hours, MONDAY, "Mondays to Fridays, 9:00–17:00; Saturdays, 10:00–14:00");

  memset (hours, 0, sizeof hours);
  for (guint d = 0; d < 7; d++)
    set_hours (hours, d, 18, 22);
  assert_summary (hours, MONDAY, "Every day, 18:00–22:00");

  memset (hours, 0, sizeof hours);
  set_hours (hours, MONDAY, 22, 24);
  set_hours (hours, WEDNESDAY, 22, 24);
  set_hours (hours, FRIDAY, 22, 24);
  set_hours (hours, SUNDAY, 0, 2);
  set_hours (hours, SUNDAY, 22, 24);
  assert_summary (hours, MONDAY,
                  "Mondays, Wednesdays and Fridays, 22:00–24:00; Sundays, 0:00–2:00 and "
                  "22:00–24:00");
}

/* Narrow, the cells shrink and, with a large font, the hour labels thin out; nothing is cut
 * off. */
static void
test_narrow (void)
{
  g_autoptr(GtkCssProvider) large_text = gtk_css_provider_new ();
  Fixture narrow = { 0, };
  Fixture wide = { 0, };
  int minimum;
  double x;
  double y;
  guint day;
  guint hour;

  fixture_set_up_at (&narrow, 336);
  gtk_widget_measure (GTK_WIDGET (narrow.grid), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_assert_cmpint (minimum, <=, 336);
  g_assert_cmpuint (_hd_daypart_grid_label_stride (narrow.grid), ==, 3);

  /* The last hour of the last day is still inside the widget and can be hit. */
  cell_centre (&narrow, SUNDAY, 23, &x, &y);
  g_assert_cmpfloat (x, <, 336);
  g_assert_true (_hd_daypart_grid_cell_at (narrow.grid, x, y, &day, &hour));
  g_assert_cmpuint (day, ==, SUNDAY);
  g_assert_cmpuint (hour, ==, 23);

  fixture_tear_down (&narrow, NULL);

  gtk_css_provider_load_from_data (large_text, "hd-daypart-grid { font-size: 30px; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (large_text),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
  fixture_set_up_at (&narrow, 336);
  g_assert_cmpuint (_hd_daypart_grid_label_stride (narrow.grid), >, 3);
  fixture_tear_down (&narrow, NULL);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (large_text));

  fixture_set_up_at (&wide, 720);
  g_assert_cmpuint (_hd_daypart_grid_label_stride (wide.grid), ==, 3);
  fixture_tear_down (&wide, NULL);
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

static void
pixel_at (GdkTexture *texture,
          guchar     *pixels,
          double      x,
          double      y,
          GdkRGBA    *color)
{
  gsize stride = gdk_texture_get_width (texture) * 4;
  const guchar *pixel = pixels + (gsize) y * stride + (gsize) x * 4;

  /* Premultiplied ARGB in native order; the cells are opaque where sampled. */
  color->blue = pixel[0] / 255.f;
  color->green = pixel[1] / 255.f;
  color->red = pixel[2] / 255.f;
  color->alpha = pixel[3] / 255.f;
}

static gboolean
close_to (const GdkRGBA *a,
          const GdkRGBA *b)
{
  return fabsf (a->red - b->red) < 0.02f && fabsf (a->green - b->green) < 0.02f &&
         fabsf (a->blue - b->blue) < 0.02f;
}

/* Chosen hours take the style's accent colour, in light and in dark. */
static void
test_draws_accent (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  AdwStyleManager *style = adw_style_manager_get_default ();
  Fixture fixture = { 0, };
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GdkRGBA accent;
  GdkRGBA chosen;
  GdkRGBA empty;
  double x;
  double y;

  adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);
  fixture_set_up_at (&fixture, 640);
  hd_daypart_grid_set_hour (fixture.grid, WEDNESDAY, 10, TRUE);
  iterate ();

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_true (gtk_style_context_lookup_color (
                   gtk_widget_get_style_context (GTK_WIDGET (fixture.grid)), "accent_bg_color",
                   &accent));
  G_GNUC_END_IGNORE_DEPRECATIONS

  texture = render (GTK_WIDGET (fixture.grid));
  pixels = g_malloc (gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4);
  gdk_texture_download (texture, pixels, gdk_texture_get_width (texture) * 4);

  cell_centre (&fixture, WEDNESDAY, 10, &x, &y);
  pixel_at (texture, pixels, x, y, &chosen);
  g_assert_true (close_to (&chosen, &accent));

  cell_centre (&fixture, WEDNESDAY, 11, &x, &y);
  pixel_at (texture, pixels, x, y, &empty);
  g_assert_false (close_to (&empty, &accent));
  g_assert_cmpfloat (empty.alpha, >, 0);

  fixture_tear_down (&fixture, NULL);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add_func ("/herald/daypart-grid/round-trip", test_round_trip);
  g_test_add ("/herald/daypart-grid/drag-paints-and-erases", Fixture, NULL, fixture_set_up,
              test_drag_paints_and_erases, fixture_tear_down);
  g_test_add ("/herald/daypart-grid/click-toggles", Fixture, NULL, fixture_set_up,
              test_click_toggles, fixture_tear_down);
  g_test_add ("/herald/daypart-grid/keyboard", Fixture, NULL, fixture_set_up, test_keyboard,
              fixture_tear_down);
  g_test_add_func ("/herald/daypart-grid/summary", test_summary);
  g_test_add_func ("/herald/daypart-grid/narrow", test_narrow);
  g_test_add_data_func ("/herald/daypart-grid/draws-accent-light", GINT_TO_POINTER (FALSE),
                        test_draws_accent);
  g_test_add_data_func ("/herald/daypart-grid/draws-accent-dark", GINT_TO_POINTER (TRUE),
                        test_draws_accent);

  return g_test_run ();
}
