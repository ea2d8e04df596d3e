/* bench-composer.c: how long a keystroke takes in the composer with six channels.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Types 3,000 characters (words, an emoji, a link and a hashtag, over and over) into the
 * master text of a composer writing for one channel of every kind, one character at a time,
 * and times what each keystroke costs: the text view's own work and the six live counters.
 * It types once with the pointer where the X server put it, and once with the pointer resting
 * on X's chip, whose tooltip says by how much the text is over X's limit. The same typing into
 * a bare text view is the floor GTK sets. Needs a display: run it through bench/run.sh.
 */

#define G_LOG_DOMAIN "herald-bench"

#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <gdk/x11/gdkx.h>

#include "bench-common.h"
#include "hd-application.h"
#include "hd-core.h"
#include "composer/hd-composer-window-private.h"

#define N_KEYS 3000

static GArray *
type_into (GtkTextBuffer *buffer)
{
  static const char sentence[] = "Fresh rye 🍞 at https://crumb.example/rye #bakery ";
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  const char *p = sentence;

  gtk_text_buffer_set_text (buffer, "", -1);
  for (guint n = 0; n < N_KEYS; n++)
    {
      const char *next = g_utf8_next_char (p);
      gint64 start = g_get_monotonic_time ();
      double ms;

      gtk_text_buffer_insert_at_cursor (buffer, p, next - p);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      p = *next != '\0' ? next : sentence;
      /* Frames are drawn between keystrokes, as they would be. */
      if (n % 50 == 49)
        bench_iterate (1);
      /* A writer's pause, once the text is past X's limit: long enough for a tooltip under a
       * resting pointer to show. */
      if (n == 299)
        bench_iterate (1000);
    }

  return times;
}

/* Rests the pointer on the middle of @widget, as a hand on the mouse would. Xlib is already
 * loaded under GDK: the benchmark only borrows it. */
static void
rest_pointer_on (GtkWidget *widget)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkNative *native = gtk_widget_get_native (widget);
  typeof (XWarpPointer) *warp_pointer;
  graphene_point_t middle;
  double surface_x, surface_y;
  void *xlib;

  if (!GDK_IS_X11_DISPLAY (display))
    g_error ("The benchmark needs an X display");
  xlib = dlopen ("libX11.so.6", RTLD_LAZY);
  if (xlib == NULL)
    g_error ("%s", dlerror ());
  warp_pointer = (typeof (XWarpPointer) *) dlsym (xlib, "XWarpPointer");
  if (warp_pointer == NULL)
    g_error ("%s", dlerror ());

  if (!gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                 &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                       gtk_widget_get_height (widget) / 2.0),
                                 &middle))
    g_error ("The widget to point at is not in a window");
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  warp_pointer (gdk_x11_display_get_xdisplay (display), None,
                gdk_x11_surface_get_xid (gtk_native_get_surface (native)), 0, 0, 0, 0,
                middle.x + surface_x, middle.y + surface_y);
  gdk_display_flush (display);
  dlclose (xlib);

  /* The X server answers in its own time. */
  for (guint waited = 0;
       waited < 10000 && (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_PRELIGHT) == 0;
       waited += 10)
    bench_iterate (10);
  if ((gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_PRELIGHT) == 0)
    g_error ("The pointer did not reach the widget");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdApplication) app = NULL;
  g_autoptr(HdChannel) x = hd_channel_new ();
  g_autoptr(GArray) bare = NULL;
  g_autoptr(GArray) composed = NULL;
  g_autoptr(GArray) pointed = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  HdComposerWindow *composer;
  GtkWidget *window;
  GtkWidget *scroller;
  GtkWidget *view;
  gint64 start;
  gboolean met;

  dir = g_dir_make_tmp ("herald-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  g_setenv ("HERALD_DATA_DIR", dir, TRUE);

  app = g_object_new (HD_TYPE_APPLICATION, "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE, NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  /* The sample workspace has five channels; X makes six counters, one per kind. */
  hd_application_open_workspace (app, HD_WORKSPACE_SAMPLE);
  hd_channel_set_kind (x, HD_CHANNEL_KIND_X);
  hd_channel_set_display_name (x, "Hazel & Hound on X");
  if (!hd_store_save_channel (hd_application_get_store (app), x, &error))
    g_error ("%s", error->message);

  composer = hd_composer_window_new (hd_application_get_store (app),
                                     hd_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (composer), 760, 900);
  gtk_window_present (GTK_WINDOW (composer));
  bench_iterate (300);

  /* The same typing into a bare text view of the same width: what GTK costs by itself. */
  window = gtk_window_new ();
  scroller = gtk_scrolled_window_new ();
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 300);
  gtk_window_present (GTK_WINDOW (window));
  bench_iterate (200);
  bare = type_into (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  gtk_window_destroy (GTK_WINDOW (window));

  composed = type_into (gtk_text_view_get_buffer (_hd_composer_window_get_master_view (composer)));
  /* From the 281st character on, X's chip has a tooltip, shown while the pointer rests. */
  rest_pointer_on (_hd_composer_window_get_chip (composer, hd_channel_get_id (x)));
  pointed = type_into (gtk_text_view_get_buffer (_hd_composer_window_get_master_view (composer)));

  text = hd_composer_window_dup_text (composer);
  start = g_get_monotonic_time ();
  for (guint round = 0; round < 100; round++)
    for (HdChannelKind kind = HD_CHANNEL_KIND_MASTODON; kind <= HD_CHANNEL_KIND_X; kind++)
      hd_text_count_free (hd_text_count_new (kind, text, 0));

  g_print ("Keystrokes into a bare text view: median %.3f ms, 95th percentile %.3f ms\n",
           bench_percentile (bare, 0.5), bench_percentile (bare, 0.95));
  g_print ("Six counters over the final %u characters, counted alone: %.3f ms\n",
           (guint) g_utf8_strlen (text, -1), (g_get_monotonic_time () - start) / 100000.0);
  met = bench_report ("composer keystroke, six counters, 3,000 characters", composed,
                      "median < 1 ms", bench_percentile (composed, 0.5) < 1.0);
  met &= bench_report ("composer keystroke, pointer on an over-limit chip", pointed,
                       "median < 1 ms", bench_percentile (pointed, 0.5) < 1.0);

  gtk_window_destroy (GTK_WINDOW (composer));
  bench_iterate (50);

  return met ? EXIT_SUCCESS : EXIT_FAILURE;
}
