/* herald-render-composer.c: draws the composer, with a post being written, into PNG files.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-render"

#include "config.h"

#include <glib/gstdio.h>

#include "hd-application.h"
#include "hd-core.h"
#include "composer/hd-composer-window-private.h"

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  do
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  while (g_get_monotonic_time () < end);
}

static void
render (GtkWidget  *window,
        const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
  g_print ("%s\n", path);
}

static char *
write_picture (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 420);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  char *path = g_build_filename (dir, "loaf.png", NULL);

  for (int y = 0; y < 420; y++)
    for (int x = 0; x < 640; x++)
      {
        pixels[y * stride + x * 3] = 200 - y / 4;
        pixels[y * stride + x * 3 + 1] = 140 - y / 6 + x / 12;
        pixels[y * stride + x * 3 + 2] = 80 + x / 10;
      }
  gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL);

  return path;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* Types one character at a time, as a person would, and times what the composer does with
 * each: recount every channel and update the counters (the preview waits for a pause). */
static void
measure_typing_into (const char    *what,
                     GtkTextBuffer *buffer)
{
  static const char sentence[] = "Fresh rye 🍞 at https://crumb.example/rye #bakery ";
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  const char *p = sentence;
  guint n = 0;

  gtk_text_buffer_set_text (buffer, "", -1);
  while (n < 3000)
    {
      const char *next = g_utf8_next_char (p);
      gint64 start = g_get_monotonic_time ();
      double ms;

      gtk_text_buffer_insert_at_cursor (buffer, p, next - p);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      n++;
      p = *next != '\0' ? next : sentence;
      if (n % 100 == 0)
        iterate (1);
    }

  g_array_sort (times, compare_doubles);
  g_print ("%s: %u keystrokes, median %.3f ms, 95th percentile %.3f ms, max %.3f ms\n",
           what, times->len,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, times->len * 95 / 100),
           g_array_index (times, double, times->len - 1));
}

static void
measure_typing (HdComposerWindow *composer)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  /* The same typing into a bare text view of the same width: what GTK costs by itself. */
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), gtk_widget_get_width (GTK_WIDGET (composer)),
                               300);
  gtk_window_present (GTK_WINDOW (window));
  iterate (200);
  measure_typing_into ("bare text view", gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  gtk_window_destroy (GTK_WINDOW (window));

  measure_typing_into ("composer, six channels",
                       gtk_text_view_get_buffer (_hd_composer_window_get_master_view (composer)));

  {
    g_autofree char *text = hd_composer_window_dup_text (composer);
    gint64 start = g_get_monotonic_time ();

    for (guint round = 0; round < 100; round++)
      for (HdChannelKind kind = HD_CHANNEL_KIND_MASTODON; kind <= HD_CHANNEL_KIND_X; kind++)
        hd_text_count_free (hd_text_count_new (kind, text, 0));
    g_print ("six counters on the final %u characters: %.3f ms\n",
             (guint) g_utf8_strlen (text, -1), (g_get_monotonic_time () - start) / 100000.0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *out = NULL;
  int width = 760, height = 900, tab = 0;
  gboolean dark = FALSE, empty = FALSE, over = FALSE, scroll = FALSE, measure = FALSE;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "Write the PNG to FILE", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "H" },
    { "tab", 0, 0, G_OPTION_ARG_INT, &tab, "Channel tab to show", "N" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Use the dark style", NULL },
    { "empty", 0, 0, G_OPTION_ARG_NONE, &empty, "No channels and no text", NULL },
    { "over", 0, 0, G_OPTION_ARG_NONE, &over, "Write past X's limit", NULL },
    { "scroll", 0, 0, G_OPTION_ARG_NONE, &scroll, "Scroll down to the preview", NULL },
    { "measure", 0, 0, G_OPTION_ARG_NONE, &measure,
      "Time each keystroke while typing 3,000 characters, and print the figures", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- render the composer to PNG");
  g_autoptr(GError) error = NULL;
  g_autoptr(HdApplication) app = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *picture = NULL;
  g_autoptr(GFile) file = NULL;
  HdComposerWindow *composer;
  GtkNotebook *notebook;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || out == NULL)
    g_error ("%s", error != NULL ? error->message : "--out is needed");

  dir = g_dir_make_tmp ("herald-render-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HERALD_DATA_DIR", dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  app = g_object_new (HD_TYPE_APPLICATION, "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE, NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);

  hd_application_open_workspace (app, empty ? HD_WORKSPACE_OWN : HD_WORKSPACE_SAMPLE);
  if (measure)
    {
      g_autoptr(HdChannel) x = hd_channel_new ();

      /* The sample has five channels; X makes six counters, one per kind. */
      hd_channel_set_kind (x, HD_CHANNEL_KIND_X);
      hd_channel_set_display_name (x, "Hazel & Hound on X");
      hd_store_save_channel (hd_application_get_store (app), x, NULL);
    }

  composer = hd_composer_window_new (hd_application_get_store (app),
                                     hd_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (composer), width, height);
  gtk_window_present (GTK_WINDOW (composer));
  iterate (200);

  if (!empty)
    {
      GtkTextView *master = _hd_composer_window_get_master_view (composer);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (master);

      gtk_text_buffer_set_text (buffer,
                                over ? "Our rye starter is three years old this week, and to say "
                                       "thank you we are baking a double batch of the dark rye "
                                       "you keep asking for. Come by on Saturday from 8 — "
                                       "there will be samples, coffee and a little cake for "
                                       "anyone who brings their own bag. 🍞 #rye #sourdough "
                                       "@ana@bakers.social crumb.example/rye"
                                     : "Saturday bake: the dark rye is back 🍞 Pre-order at "
                                       "crumb.example/rye #sourdough #rye — thanks "
                                       "@ana@bakers.social!", -1);
      picture = write_picture (dir);
      file = g_file_new_for_path (picture);
      _hd_composer_window_import (composer, file);
      while (_hd_composer_window_get_n_importing (composer) > 0)
        g_main_context_iteration (NULL, TRUE);
    }

  notebook = NULL;
  iterate (300);
  if (!empty)
    {
      HdVariantEditor *editor = NULL;
      g_autoptr(GListModel) channels = hd_store_list_channels (hd_application_get_store (app),
                                                               NULL);
      guint last = g_list_model_get_n_items (channels) - 1;
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, MIN ((guint) tab, last));

      editor = _hd_composer_window_get_editor (composer, hd_channel_get_id (channel));
      if (editor != NULL && gtk_widget_get_parent (GTK_WIDGET (editor)) != NULL)
        {
          GtkWidget *w = GTK_WIDGET (editor);

          while (w != NULL && !GTK_IS_NOTEBOOK (w))
            w = gtk_widget_get_parent (w);
          notebook = GTK_NOTEBOOK (w);
          gtk_notebook_set_current_page (notebook,
                                         gtk_notebook_page_num (notebook, GTK_WIDGET (editor)));
        }
    }
  iterate (400);

  if (scroll && notebook != NULL)
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (notebook),
                                                     GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment =
        gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      iterate (300);
    }

  if (measure)
    measure_typing (composer);

  render (GTK_WIDGET (composer), out);

  gtk_window_destroy (GTK_WINDOW (composer));
  iterate (50);

  return 0;
}
