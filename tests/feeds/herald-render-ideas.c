/* herald-render-ideas.c: draws the Ideas page and its Feeds dialog into PNG files, with feeds
 * served from 127.0.0.1, for looking at. Not a test; run it under build-aux/test-session.sh.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: herald-render-ideas OUT-DIR [--dark]
 */

#define G_LOG_DOMAIN "herald-render"

#include "config.h"

#include <glib/gstdio.h>

#include "feed-server.h"
#include "hd-application.h"
#include "hd-store-feeds.h"
#include "hd-window.h"
#include "ideas/hd-feeds-dialog.h"
#include "ideas/hd-ideas-page.h"

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
render (GtkWidget  *window,
        const char *dir,
        const char *name)
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
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_print ("%s\n", path);
}

static void
resize (GtkWidget *window,
        int        width,
        int        height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  for (guint i = 0; i < 200 && gtk_widget_get_width (window) != width; i++)
    iterate (10);
  iterate (200);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
follow (HdStore       *store,
        HdFeedFetcher *fetcher,
        FeedServer    *server,
        const char    *path)
{
  g_autofree char *url = feed_server_url (server, path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HdFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  hd_store_follow_feed_async (store, fetcher, url, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  feed = hd_store_follow_feed_finish (store, result, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HdApplication) app = NULL;
  g_autoptr(HdFeedFetcher) fetcher = hd_feed_fetcher_new (NULL);
  g_autoptr(FeedServer) server = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(HdFeedItem) item = NULL;
  g_autoptr(HdPost) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("herald-render-ideas-XXXXXX", NULL);
  gboolean dark = argc > 2 && g_str_equal (argv[2], "--dark");
  const char *out = argc > 1 ? argv[1] : ".";
  const char *suffix = dark ? "-dark" : "";
  HdFeedsDialog *dialog = NULL;
  GtkWidget *window;
  HdStore *store;
  GtkWidget *page;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("HERALD_DATA_DIR", dir, TRUE);

  app = g_object_new (HD_TYPE_APPLICATION, "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE, NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);

  hd_application_open_workspace (app, HD_WORKSPACE_OWN);
  store = hd_application_get_store (app);
  window = GTK_WIDGET (hd_window_new (app));
  gtk_widget_remove_css_class (window, "devel");
  gtk_window_present (GTK_WINDOW (window));
  resize (window, 1100, 760);
  gtk_widget_activate_action (window, "win.show-page", "s", "ideas");
  iterate (200);
  page = hd_window_get_page (HD_WINDOW (window), "ideas");
  hd_ideas_page_set_fetcher (HD_IDEAS_PAGE (page), fetcher);
  {
    g_autofree char *name = g_strconcat ("ideas-empty", suffix, NULL);
    render (window, out, name);
  }

  server = feed_server_new ();
  feed_server_set_feed_version (server, 2);
  follow (store, fetcher, server, "/feed.xml");
  follow (store, fetcher, server, "/atom.xml");
  items = hd_store_list_feed_items (store, NULL);
  item = g_list_model_get_item (items, 1);
  draft = hd_store_make_draft_from_feed_item (store, hd_feed_item_get_id (item), &error);
  g_assert_no_error (error);
  iterate (300);
  {
    g_autofree char *name = g_strconcat ("ideas-feeds", suffix, NULL);
    render (window, out, name);
  }

  gtk_widget_activate_action (page, "ideas.show-feeds", NULL);
  iterate (300);
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (HD_IS_FEEDS_DIALOG (l->data))
        dialog = l->data;
  }
  {
    g_autofree char *missing = feed_server_url (server, "/plain.html");
    g_autofree char *name = g_strconcat ("feeds-dialog", suffix, NULL);

    hd_feeds_dialog_add_url (dialog, missing);
    while (hd_feeds_dialog_get_busy (dialog))
      g_main_context_iteration (NULL, TRUE);
    iterate (300);
    render (GTK_WIDGET (dialog), out, name);
  }
  gtk_window_close (GTK_WINDOW (dialog));
  iterate (100);

  /* Offline. */
  feed_server_set_down (server, TRUE);
  gtk_widget_activate_action (page, "ideas.refresh", NULL);
  while (hd_ideas_page_get_busy (HD_IDEAS_PAGE (page)))
    g_main_context_iteration (NULL, TRUE);
  iterate (300);
  {
    g_autofree char *name = g_strconcat ("ideas-offline", suffix, NULL);
    render (window, out, name);
  }

  resize (window, 360, 720);
  gtk_widget_activate_action (window, "win.show-page", "s", "ideas");
  iterate (300);
  {
    g_autofree char *name = g_strconcat ("ideas-narrow", suffix, NULL);
    render (window, out, name);
  }

  {
    g_autoptr(HdPost) idea = hd_post_new ();

    hd_post_set_state (idea, HD_POST_STATE_IDEA);
    hd_post_set_text (idea, "Behind the scenes at the morning bake: who starts at 4 am?");
    hd_store_save_post (store, idea, NULL);
  }
  gtk_widget_activate_action (page, "ideas.focus-idea", NULL);
  iterate (300);
  {
    g_autofree char *name = g_strconcat ("ideas-narrow-ideas", suffix, NULL);
    render (window, out, name);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
  return 0;
}
