/* herald-render-changes.c: draws the Changes view to PNG files, light or dark, wide and
 * narrow: the empty state, the list after Check, and a change file under review
 *
 * Usage: herald-render-changes --out DIR [--dark]
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "changes/hd-changes-window.h"
#include "hd-application.h"
#include "hd-change-set.h"
#include "hd-store-changes.h"
#include "hd-window.h"

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
  gdk_texture_save_to_png (texture, path);
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

static HdChannel *
add_channel (HdStore        *store,
             HdChannelKind   kind,
             const char     *name,
             const char     *handle,
             HdChannelState  state)
{
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_handle (channel, handle);
  hd_channel_set_base_url (channel, "https://example.social");
  hd_channel_set_remote_account_id (channel, "1");
  hd_channel_set_state (channel, state);
  hd_store_save_channel (store, channel, NULL);

  return channel;
}

static HdPost *
schedule (HdStore    *store,
          const char *text,
          HdChannel  *channel,
          gint64      at)
{
  HdPost *post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, at);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
  hd_post_add_variant (post, variant);
  hd_store_save_post (store, post, NULL);

  return post;
}

static void
fill (HdStore *store)
{
  g_autoptr(HdChannel) mastodon = NULL;
  g_autoptr(HdChannel) bluesky = NULL;
  g_autoptr(HdPost) a = NULL;
  g_autoptr(HdPost) b = NULL;
  g_autoptr(HdPost) c = NULL;
  g_autoptr(HdPost) d = NULL;
  g_autoptr(HdPost) e = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GString) long_text = g_string_new ("Our spring menu is here! ");
  gint64 later = g_get_real_time () / G_USEC_PER_SEC + 30 * 24 * 3600;

  mastodon = add_channel (store, HD_CHANNEL_KIND_MASTODON, "Corner Bakery",
                          "@bakery@example.social", HD_CHANNEL_STATE_CONNECTED);
  bluesky = add_channel (store, HD_CHANNEL_KIND_BLUESKY, "Corner Bakery on Bluesky",
                         "bakery.bsky.social", HD_CHANNEL_STATE_NEEDS_RECONNECT);

  for (guint i = 0; i < 40; i++)
    g_string_append (long_text, "Sourdough, rye and spelt. ");

  a = schedule (store, "Fresh cinnamon buns from 7am this Saturday", mastodon, later);
  b = schedule (store, long_text->str, mastodon, later + 3600);
  c = schedule (store, "We are closed on Monday for the bank holiday", mastodon, later + 7200);
  d = schedule (store, "New: gluten-free loaves, every Thursday", bluesky, later + 86400);
  e = schedule (store, "Thank you for a wonderful first year", mastodon, later + 9000);

  /* One refused by the platform, with its reason. */
  changes = hd_store_describe_changes (store, NULL);
  for (guint i = 0; i < changes->len; i++)
    {
      HdChangeSummary *change = g_ptr_array_index (changes, i);

      if (g_strcmp0 (change->post_id, hd_post_get_id (c)) == 0)
        {
          hd_store_begin_sending_change (store, change->change_id, NULL);
          hd_store_fail_change (store, change->change_id,
                                "Mastodon said: Validation failed: Text has already been "
                                "posted", NULL);
        }
    }
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
  g_autoptr(GOptionContext) context = g_option_context_new ("- render the Changes view");
  g_autoptr(HdApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *file_path = NULL;
  g_autoptr(GFile) file = NULL;
  const char *suffix;
  GtkWidget *window;
  GtkWidget *changes;
  HdStore *store;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (out_dir == NULL)
    out_dir = g_strdup ("screenshots");
  g_mkdir_with_parents (out_dir, 0755);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", HERALD_SCHEMA_DIR, TRUE);
  data_dir = g_dir_make_tmp ("herald-render-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HERALD_DATA_DIR", data_dir, TRUE);

  app = g_object_new (HD_TYPE_APPLICATION, "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE, NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  suffix = dark ? "-dark" : "";

  window = GTK_WIDGET (hd_window_new (app));
  gtk_widget_remove_css_class (window, "devel");
  gtk_window_present (GTK_WINDOW (window));
  hd_application_open_workspace (app, HD_WORKSPACE_OWN);
  iterate (200);
  store = hd_application_get_store (app);

  hd_window_show_changes (HD_WINDOW (window));
  iterate (200);
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    changes = NULL;
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (HD_IS_CHANGES_WINDOW (l->data))
        changes = l->data;
    g_assert (changes != NULL);
  }
  gtk_widget_remove_css_class (changes, "devel");
  resize (changes, 600, 700);
  {
    g_autofree char *name = g_strconcat ("changes-empty", suffix, NULL);
    render (changes, out_dir, name);
  }

  fill (store);
  iterate (200);
  gtk_widget_activate_action (changes, "changes.check", NULL);
  iterate (300);
  {
    g_autofree char *name = g_strconcat ("changes-checked", suffix, NULL);
    render (changes, out_dir, name);
  }
  resize (changes, 360, 720);
  {
    g_autofree char *name = g_strconcat ("changes-narrow", suffix, NULL);
    render (changes, out_dir, name);
  }

  file_path = g_build_filename (data_dir, "changes.json", NULL);
  file = g_file_new_for_path (file_path);
  hd_change_set_export_to_file (store, NULL, file, NULL, NULL, &error);
  g_assert_no_error (error);
  resize (changes, 600, 700);
  hd_changes_window_review_file (HD_CHANGES_WINDOW (changes), file);
  iterate (300);
  {
    g_autofree char *name = g_strconcat ("changes-review", suffix, NULL);
    render (changes, out_dir, name);
  }
  resize (changes, 360, 720);
  {
    g_autofree char *name = g_strconcat ("changes-review-narrow", suffix, NULL);
    render (changes, out_dir, name);
  }

  return 0;
}
