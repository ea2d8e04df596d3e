/* herald-render-pages.c: draws the main window of a workspace, page by page, into PNG files.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: herald-render-pages --out DIR [--data-dir DIR] [--width W] [--height H] [--dark]
 *                            [--empty]
 */

#define G_LOG_DOMAIN "herald-render"

#include "config.h"

#include <glib/gstdio.h>

#include "hd-application.h"
#include "hd-window.h"

static const char *page_names[] = {
  "calendar", "ideas", "inbox", "campaigns", "audiences", "reports", "channels"
};

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

static void
wait_for_width (GtkWidget *window,
                int        width)
{
  for (guint i = 0; i < 200 && gtk_widget_get_width (window) != width; i++)
    iterate (10);
  iterate (150);
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

static GtkWidget *
find_back_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_back_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The database a run made for itself goes with it; a --data-dir given by the caller stays. */
static void
remove_temp_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_temp_dir (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static void
show_page (GtkWidget  *window,
           const char *name)
{
  gtk_widget_activate_action (window, "win.show-page", "s", name);
  iterate (150);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *out_dir = NULL;
  g_autofree char *data_dir = NULL;
  int width = 1200;
  int height = 780;
  gboolean dark = FALSE;
  gboolean empty = FALSE;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "Write the PNG files to DIR", "DIR" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      "Open the sample workspace in DIR, seeding it if it is empty", "DIR" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width (1200)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height (780)", "H" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "empty", 0, 0, G_OPTION_ARG_NONE, &empty,
      "Open the user's own workspace in the data dir instead of the sample", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- render Herald's pages to PNG");
  g_autoptr(HdApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *temp_dir = NULL;
  GtkWidget *window;
  const char *suffix;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (out_dir == NULL)
    out_dir = g_strdup ("screenshots");

  /* Rendering must never change the settings of whoever runs it. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", HERALD_SCHEMA_DIR, TRUE);

  if (data_dir == NULL)
    {
      temp_dir = g_dir_make_tmp ("herald-render-XXXXXX", &error);
      if (temp_dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      data_dir = g_strdup (temp_dir);
    }
  g_setenv ("HERALD_DATA_DIR", data_dir, TRUE);

  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      g_printerr ("Could not create %s\n", out_dir);
      return 1;
    }

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
  suffix = dark ? (empty ? "-empty-dark" : "-dark") : (empty ? "-empty" : "");

  /* The welcome comes first, as on a first start. */
  window = GTK_WIDGET (hd_window_new (app));
  /* Screenshots show the app as released, without the development build's stripes. */
  gtk_widget_remove_css_class (window, "devel");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_width (window, width);
  {
    g_autofree char *name = g_strconcat ("welcome", suffix, NULL);

    if (!render (window, out_dir, name, &error))
      goto failed;
  }

  hd_application_open_workspace (app, empty ? HD_WORKSPACE_OWN : HD_WORKSPACE_SAMPLE);
  if (hd_application_get_store (app) == NULL)
    {
      g_printerr ("%s\n", hd_application_get_store_error (app)->message);
      return 1;
    }
  iterate (200);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_autofree char *name = g_strconcat (page_names[i], suffix, NULL);

      show_page (window, page_names[i]);
      if (!render (window, out_dir, name, &error))
        goto failed;
    }

  /* A phone: the sidebar folds away and each page gets a back button. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  wait_for_width (window, 360);
  show_page (window, "calendar");
  {
    g_autofree char *name = g_strconcat ("narrow-calendar", suffix, NULL);

    if (!render (window, out_dir, name, &error))
      goto failed;
  }
  show_page (window, "campaigns");
  {
    g_autofree char *name = g_strconcat ("narrow-campaigns", suffix, NULL);

    if (!render (window, out_dir, name, &error))
      goto failed;
  }

  /* Back to the sidebar, as the back button does. */
  g_signal_emit_by_name (find_back_button (window), "clicked");
  iterate (150);
  {
    g_autofree char *name = g_strconcat ("narrow-sidebar", suffix, NULL);

    if (!render (window, out_dir, name, &error))
      goto failed;
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
  g_clear_object (&app);
  if (temp_dir != NULL)
    remove_temp_dir (temp_dir);
  return 0;

failed:
  g_printerr ("%s\n", error->message);
  return 1;
}
