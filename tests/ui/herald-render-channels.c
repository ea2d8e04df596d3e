/* herald-render-channels.c: draws the Channels page, each step of the channel wizard, the
 * posting times editor and the import report into PNG files.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: herald-render-channels --out DIR [--width W] [--height H] [--dark]
 * Run it under build-aux/test-session.sh so it gets a display and a keyring of its own.
 */

#define G_LOG_DOMAIN "herald-render"

#include "config.h"

#include <glib/gstdio.h>

#include "channels/hd-channel-wizard-private.h"
#include "channels/hd-posting-times-dialog.h"
#include "hd-application.h"
#include "hd-store-channels.h"
#include "hd-store-queue.h"
#include "hd-window.h"
#include "transfer/hd-import-dialog.h"

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
  iterate (200);
}

static void
render (GtkWidget  *window,
        const char *dir,
        const char *name,
        const char *suffix)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("%s%s.png", name, suffix);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert (node != NULL);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
  g_print ("%s\n", path);
}

static void
add_channel (HdStore        *store,
             HdChannelKind   kind,
             const char     *name,
             const char     *handle,
             HdChannelState  state,
             gint64          expires_at,
             const char     *slots)
{
  g_autoptr(HdChannel) channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_handle (channel, handle);
  hd_channel_set_state (channel, state);
  hd_channel_set_token_expires_at (channel, expires_at);
  g_assert (hd_store_save_channel (store, channel, NULL));
  if (slots != NULL)
    g_assert (hd_store_set_queue_slots (store, hd_channel_get_id (channel), slots, NULL));
}

static GtkWidget *
show_dialog (GtkWidget *dialog,
             int        width,
             int        height)
{
  gtk_window_set_default_size (GTK_WINDOW (dialog), width, height);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_width (dialog, width);

  return dialog;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *out_dir = NULL;
  int width = 1000;
  int height = 700;
  gboolean dark = FALSE;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "Write the PNG files to DIR", "DIR" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width (1000)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height (700)", "H" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- render the Channels screens");
  g_autoptr(HdApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *temp_dir = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GFile) csv_file = NULL;
  g_autoptr(GListModel) channels = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int dialog_width;
  const char *suffix;
  GtkWidget *window;
  GtkWidget *dialog;
  HdChannelWizard *wizard;
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
  temp_dir = g_dir_make_tmp ("herald-render-XXXXXX", &error);
  g_assert (temp_dir != NULL);
  g_setenv ("HERALD_DATA_DIR", temp_dir, TRUE);

  app = g_object_new (HD_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_assert (g_application_register (G_APPLICATION (app), NULL, &error));
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  suffix = dark ? (width <= 400 ? "-narrow-dark" : "-dark") : (width <= 400 ? "-narrow" : "");
  dialog_width = MIN (width, 480);

  hd_application_open_workspace (app, HD_WORKSPACE_OWN);
  store = hd_application_get_store (app);
  add_channel (store, HD_CHANNEL_KIND_MASTODON, "Hazel & Hound", "@hazel@fosstodon.example",
               HD_CHANNEL_STATE_CONNECTED, 0, "Mon–Fri 09:30 and 13:00");
  add_channel (store, HD_CHANNEL_KIND_BLUESKY, "Hazel & Hound", "@hazelandhound.bsky.social",
               HD_CHANNEL_STATE_CONNECTED, now + 3 * 86400, "Sat, Sun 10:00");
  add_channel (store, HD_CHANNEL_KIND_MASTODON, "The old shop account", "@shop@mastodon.example",
               HD_CHANNEL_STATE_NEEDS_RECONNECT, 0, NULL);

  window = GTK_WIDGET (hd_window_new (app));
  gtk_widget_remove_css_class (window, "devel");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_width (window, width);
  gtk_widget_activate_action (window, "win.show-page", "s", "channels");
  iterate (200);
  render (window, out_dir, "channels", suffix);

  /* The wizard, step by step. */
  wizard = hd_channel_wizard_new (GTK_WINDOW (window), store, hd_application_get_http (app));
  show_dialog (GTK_WIDGET (wizard), dialog_width, 600);
  render (GTK_WIDGET (wizard), out_dir, "wizard-platform", suffix);

  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.choose", "s", "mastodon");
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "instance"), "not a server");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.sign-in", NULL);
  iterate (200);
  render (GTK_WIDGET (wizard), out_dir, "wizard-mastodon-error", suffix);

  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.choose", "s", "bluesky");
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "identifier"),
                         "hazelandhound.bsky.social");
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "password"), "abcd-efgh");
  iterate (200);
  render (GTK_WIDGET (wizard), out_dir, "wizard-bluesky", suffix);
  gtk_window_destroy (GTK_WINDOW (wizard));

  /* The browser step, waiting: an instance on a port nothing listens on, so it stays. */
  wizard = hd_channel_wizard_new (GTK_WINDOW (window), store, hd_application_get_http (app));
  show_dialog (GTK_WIDGET (wizard), dialog_width, 600);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.choose", "s", "mastodon");
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "instance"),
                         "http://127.0.0.1:9");
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.sign-in", NULL);
  iterate (50);
  render (GTK_WIDGET (wizard), out_dir, "wizard-browser", suffix);
  for (guint i = 0; i < 100 && hd_channel_wizard_get_busy (wizard); i++)
    iterate (50);
  iterate (200);
  render (GTK_WIDGET (wizard), out_dir, "wizard-browser-failed", suffix);
  gtk_window_destroy (GTK_WINDOW (wizard));

  /* The developer-app steps: LinkedIn with its redirect port, and X. */
  wizard = hd_channel_wizard_new (GTK_WINDOW (window), store, hd_application_get_http (app));
  show_dialog (GTK_WIDGET (wizard), dialog_width, 700);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.choose", "s", "linkedin");
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "client-id"), "86abcdefgh1234");
  iterate (100);
  render (GTK_WIDGET (wizard), out_dir, "wizard-linkedin", suffix);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.choose", "s", "x");
  iterate (100);
  render (GTK_WIDGET (wizard), out_dir, "wizard-x", suffix);
  gtk_window_destroy (GTK_WINDOW (wizard));

  /* Posting times. */
  channels = hd_store_list_channels (store, NULL);
  {
    g_autoptr(HdChannel) channel = g_list_model_get_item (channels, 0);

    dialog = hd_posting_times_dialog_new (GTK_WINDOW (window), store, channel);
    show_dialog (dialog, dialog_width, 560);
    render (dialog, out_dir, "posting-times", suffix);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* The import report. */
  csv = g_build_filename (temp_dir, "spring.csv", NULL);
  g_assert (g_file_set_contents (csv,
                                 "date,time,zone,channels,text,labels\n"
                                 "2031-05-04,09:30,,mastodon,Fresh bread on Saturday,\n"
                                 "2031-05-04,25:00,,mastodon,Bad time,\n"
                                 "2031-05-06,10:00,,bluesky,Scones,\n"
                                 "2031-06-01,10:00,,Facebook,Unknown channel,\n"
                                 "2031-06-02,,,bluesky,No time at all,\n",
                                 -1, NULL));
  csv_file = g_file_new_for_path (csv);
  dialog = GTK_WIDGET (hd_import_dialog_new (GTK_WINDOW (window), store, csv_file, NULL));
  show_dialog (dialog, MIN (width, 560), 560);
  render (dialog, out_dir, "import-report", suffix);
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (50);
  return 0;
}
