/* hd-test-ui.h: the application under Xvfb for the UI tests, and waiting on its main loop
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hd-application.h"
#include "hd-window.h"

G_BEGIN_DECLS

static HdApplication *test_app;

static inline void
test_iterate (void)
{
  /* Let layout, mapping and idle handlers run, as the main loop would between frames. */
  for (guint i = 0; i < 5; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Runs the main loop until @done says so, failing the test after @seconds. */
#define test_wait_until(done, seconds)                                             \
  G_STMT_START {                                                                   \
    gint64 _deadline = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC;       \
    while (!(done))                                                                \
      {                                                                            \
        if (g_get_monotonic_time () > _deadline)                                   \
          g_error ("Timed out waiting for %s", #done);                             \
        g_main_context_iteration (NULL, FALSE);                                    \
        g_usleep (1000);                                                           \
      }                                                                            \
    test_iterate ();                                                               \
  } G_STMT_END

static inline GtkWindow *
test_find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static inline void
test_open_workspace (HdWorkspace workspace)
{
  GSettings *settings = hd_application_get_settings (test_app);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  g_settings_reset (settings, "workspace");
  hd_application_open_workspace (test_app, workspace);
}

static inline HdWindow *
test_open_window (void)
{
  HdWindow *window = hd_window_new (test_app);

  gtk_window_present (GTK_WINDOW (window));
  test_iterate ();

  return window;
}

/* Closes every window, the main one last, and checks that each went. */
static inline void
test_close_all (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  g_autoptr(GList) remaining = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (!HD_IS_WINDOW (l->data))
      gtk_window_destroy (l->data);
  test_iterate ();

  remaining = gtk_window_list_toplevels ();
  for (GList *l = remaining; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  test_iterate ();

  g_clear_pointer (&remaining, g_list_free);
  remaining = gtk_window_list_toplevels ();
  g_assert_cmpuint (g_list_length (remaining), ==, 0);
}

static inline void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* g_test_init with isolated dirs, then the application, registered but not run, with the
 * system's icons and MIME database that isolation hides. */
static inline void
test_ui_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) data_dirs = NULL;
  g_autoptr(GPtrArray) mime_dirs = NULL;
  GtkIconTheme *icon_theme;

  data_dirs = g_strsplit (g_getenv ("XDG_DATA_DIRS") != NULL ? g_getenv ("XDG_DATA_DIRS")
                                                            : "/usr/local/share:/usr/share",
                          ":", -1);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  test_app = g_object_new (HD_TYPE_APPLICATION,
                           "application-id", APP_ID,
                           "flags", G_APPLICATION_NON_UNIQUE,
                           NULL);
  g_application_register (G_APPLICATION (test_app), NULL, &error);
  g_assert_no_error (error);

  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  mime_dirs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; data_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (data_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (icon_theme, icons);
      g_ptr_array_add (mime_dirs, g_build_filename (data_dirs[i], "mime", NULL));
    }
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);
}

G_END_DECLS
