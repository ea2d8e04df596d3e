/* herald-render-preferences.c: draws the Preferences window into PNG files, light and dark,
 * at its usual size and at a phone's width.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: herald-render-preferences --out DIR [--dark]
 */

#define G_LOG_DOMAIN "herald-render"

#include "config.h"

#include "hd-application.h"
#include "hd-preferences-window.h"

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
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Nothing was drawn for %s", name);
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }

  g_print ("%s\n", path);
  return TRUE;
}

static gboolean
render_at (GtkWidget   *window,
           int          width,
           int          height,
           const char  *dir,
           const char  *name,
           GError     **error)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  for (guint i = 0; i < 200 && gtk_widget_get_width (window) != width; i++)
    iterate (10);
  iterate (150);

  return render (window, dir, name, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *out_dir = NULL;
  gboolean dark = FALSE;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "Write the PNG files to DIR", "DIR" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- render Herald's preferences");
  g_autoptr(HdApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wide = NULL;
  g_autofree char *narrow = NULL;
  GtkWidget *prefs;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (out_dir == NULL)
    out_dir = g_strdup ("screenshots");
  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_printerr ("Could not create %s\n", out_dir);
      return 1;
    }

  /* Rendering must never change the settings of whoever runs it. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", HERALD_SCHEMA_DIR, TRUE);

  app = g_object_new (HD_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);

  prefs = GTK_WIDGET (hd_preferences_window_new (hd_application_get_settings (app), NULL));
  gtk_window_present (GTK_WINDOW (prefs));

  wide = g_strconcat ("preferences", dark ? "-dark" : "", NULL);
  narrow = g_strconcat ("preferences-narrow", dark ? "-dark" : "", NULL);
  if (!render_at (prefs, 560, 900, out_dir, wide, &error) ||
      !render_at (prefs, 360, 900, out_dir, narrow, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  gtk_window_destroy (GTK_WINDOW (prefs));
  iterate (50);

  return 0;
}
