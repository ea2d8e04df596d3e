/* bench-bare-window.c: the floor for bench-startup: a libadwaita application that opens one
 * AdwApplicationWindow with a header bar and nothing else, at Herald's default size.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It starts the way Herald does (an AdwApplication that owns its name on the session bus,
 * then activates and presents its window), so that the difference between the two is what
 * Herald itself does before its first frame.
 */

#define G_LOG_DOMAIN "herald-bench"

#include <adwaita.h>

/* Herald's default window size (the window-width and window-height settings). */
#define WINDOW_WIDTH  1100
#define WINDOW_HEIGHT 740

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = adw_bin_new ();

  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.heraldapp.Herald.BenchBare",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
