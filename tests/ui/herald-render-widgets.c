/* herald-render-widgets.c: draws the hours grid and the charts into PNG files, light or dark,
 * at a desktop's width and at a phone's.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: herald-render-widgets --out DIR [--dark]
 */

#define G_LOG_DOMAIN "herald-render"

#include "config.h"

#include <adwaita.h>

#include "widgets/hd-chart.h"
#include "widgets/hd-chart-private.h"
#include "widgets/hd-daypart-grid.h"

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  do
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  while (g_get_monotonic_time () < end);
}

static gboolean
render (GtkWidget   *window,
        const char  *dir,
        const char  *name,
        GError     **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Nothing was drawn for %s", name);
      return FALSE;
    }

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }

  g_print ("%s\n", path);
  return TRUE;
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
spend_chart (GTimeZone *zone)
{
  static const double pence[14] = {
    1210, 1830, 2005, 1999, 2410, 1500, 900, 1720, 1890, 2100, 1650, 1300, 1205, 1980,
  };
  GtkWidget *chart = hd_chart_new ();
  gint64 days[14];

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new (zone, 2026, 3, 1 + (int) i, 0, 0, 0);

      days[i] = g_date_time_to_unix (day);
    }

  hd_chart_set_time_zone (HD_CHART (chart), zone);
  hd_chart_set_title (HD_CHART (chart), "Spend per day");
  hd_chart_set_money (HD_CHART (chart), "GBP");
  hd_chart_add_series (HD_CHART (chart), "Spend", days, pence, G_N_ELEMENTS (days));
  hd_chart_set_reference (HD_CHART (chart), "Budget", 2000);
  return chart;
}

static GtkWidget *
results_chart (GTimeZone *zone)
{
  static const double clicks[7] = { 40, 87, 52, 61, 70, 33, 12 };
  static const double reactions[7] = { 22, 30, 41, 18, 25, 60, 44 };
  GtkWidget *chart = hd_chart_new ();
  g_autoptr(GDateTime) first = g_date_time_new (zone, 2026, 2, 26, 0, 0, 0);
  gint64 days[7];

  /* Across the end of February. */
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, (int) i);

      days[i] = g_date_time_to_unix (day);
    }

  hd_chart_set_time_zone (HD_CHART (chart), zone);
  hd_chart_set_kind (HD_CHART (chart), HD_CHART_BARS);
  hd_chart_set_title (HD_CHART (chart), "Results per day");
  hd_chart_add_series (HD_CHART (chart), "Clicks", days, clicks, G_N_ELEMENTS (days));
  hd_chart_add_series (HD_CHART (chart), "Reactions", days, reactions, G_N_ELEMENTS (days));
  return chart;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *out = NULL;
  gboolean dark = FALSE;
  GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Where to write the PNG files", "DIR" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/London");
  const int widths[] = { 720, 360 };
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *grid;
  GtkWidget *spend;
  guint8 hours[HD_DAYPART_HOURS_SIZE] = { 0, };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || out == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--out is required");
      return 1;
    }

  adw_init ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* Weekdays 9:00–17:00 and Saturday mornings. */
  for (guint day = 1; day <= 6; day++)
    for (guint hour = day == 6 ? 10 : 9; hour < (day == 6 ? 14u : 17u); hour++)
      {
        guint bit = day * 24 + hour;

        hours[bit / 8] |= 1u << (bit % 8);
      }

  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_window_set_child (GTK_WINDOW (window), box);

  grid = hd_daypart_grid_new ();
  hd_daypart_grid_set_first_weekday (HD_DAYPART_GRID (grid), 1);
  hd_daypart_grid_set_hours (HD_DAYPART_GRID (grid), hours);
  gtk_box_append (GTK_BOX (box), heading ("Hours"));
  gtk_box_append (GTK_BOX (box), grid);
  {
    g_autofree char *summary = hd_daypart_grid_describe (HD_DAYPART_GRID (grid));
    GtkWidget *label = gtk_label_new (summary);

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_widget_add_css_class (label, "dim-label");
    gtk_box_append (GTK_BOX (box), label);
  }

  spend = spend_chart (zone);
  gtk_box_append (GTK_BOX (box), heading ("Spend per day"));
  gtk_box_append (GTK_BOX (box), spend);
  gtk_box_append (GTK_BOX (box), heading ("Results per day"));
  gtk_box_append (GTK_BOX (box), results_chart (zone));
  gtk_box_append (GTK_BOX (box), heading ("Empty"));
  gtk_box_append (GTK_BOX (box), hd_chart_new ());

  gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *name = g_strdup_printf ("widgets-%d%s", widths[i], dark ? "-dark" : "");
      graphene_point_t point;

      gtk_window_set_default_size (GTK_WINDOW (window), widths[i], -1);
      for (guint j = 0; j < 200 && gtk_widget_get_width (window) != widths[i]; j++)
        iterate (10);
      iterate (150);

      /* Hover the day of the highest spend, as the pointer would. */
      if (_hd_chart_point_position (HD_CHART (spend), 0, 4, &point))
        _hd_chart_hover (HD_CHART (spend), point.x, point.y);
      iterate (50);

      if (!render (window, out, name, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
