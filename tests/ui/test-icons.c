/* test-icons.c: Herald's own icons come from its resource as pre-rendered PNGs and draw, and
 * building the window's pages loads no SVG renderer for icons that are not shown
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "hd-core.h"
#include "hd-ui-resources.h"
#include "calendar/hd-calendar-page.h"
#include "inbox/hd-inbox-page.h"

#define ICON_PREFIX "resource:///io/github/heraldapp/Herald/icons/"

static const HdChannelKind channel_kinds[] = {
  HD_CHANNEL_KIND_MASTODON,
  HD_CHANNEL_KIND_BLUESKY,
  HD_CHANNEL_KIND_FACEBOOK_PAGE,
  HD_CHANNEL_KIND_INSTAGRAM,
  HD_CHANNEL_KIND_LINKEDIN,
  HD_CHANNEL_KIND_X,
};

static GtkIconTheme *
get_theme (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  /* What GtkApplication adds from Herald's resource base path. */
  if (!gtk_icon_theme_has_icon (theme, "hd-channel-mastodon-symbolic"))
    gtk_icon_theme_add_resource_path (theme, "/io/github/heraldapp/Herald/icons");

  return theme;
}

static gboolean
library_is_mapped (const char *name)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));

  return strstr (maps, name) != NULL;
}

static void
iterate (void)
{
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

/* Draws @paintable at @size in black and returns how many pixels it covered. */
static guint
count_drawn_pixels (GtkIconPaintable *paintable,
                    int               size)
{
  const GdkRGBA black = { 0, 0, 0, 1 };
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);
  const guchar *data;
  int stride;
  guint drawn = 0;

  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (paintable), snapshot,
                                            size, size, &black, 1);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++)
      drawn += data[y * stride + x * 4 + 3] > 0;
  cairo_surface_destroy (surface);

  return drawn;
}

static void
check_symbolic_icon (GtkIconTheme *theme,
                     const char   *name)
{
  const int sizes[] = { 12, 16, 24, 48 };

  g_test_message ("%s", name);
  g_assert_true (gtk_icon_theme_has_icon (theme, name));

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int scale = 1; scale <= 2; scale++)
      {
        g_autoptr(GtkIconPaintable) paintable =
          gtk_icon_theme_lookup_icon (theme, name, NULL, sizes[s], scale, GTK_TEXT_DIR_NONE, 0);
        g_autoptr(GFile) file = gtk_icon_paintable_get_file (paintable);
        g_autofree char *uri = NULL;
        guint drawn;

        g_assert_nonnull (file);
        uri = g_file_get_uri (file);
        g_assert_true (g_str_has_prefix (uri, ICON_PREFIX));
        g_assert_true (g_str_has_suffix (uri, ".symbolic.png"));
        g_assert_true (gtk_icon_paintable_is_symbolic (paintable));

        /* A shape: neither nothing nor a filled square. */
        drawn = count_drawn_pixels (paintable, sizes[s]);
        g_assert_cmpuint (drawn, >, 0);
        g_assert_cmpuint (drawn, <, (guint) (sizes[s] * sizes[s]));
      }
}

static void
test_symbolic_icons_are_png (void)
{
  GtkIconTheme *theme = get_theme ();

  for (guint k = 0; k < G_N_ELEMENTS (channel_kinds); k++)
    check_symbolic_icon (theme, hd_channel_kind_icon_name (channel_kinds[k]));
  check_symbolic_icon (theme, "hd-filter-symbolic");
}

static void
test_app_icon_is_png (void)
{
  GtkIconTheme *theme = get_theme ();
  const int sizes[] = { 16, 48, 128 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GtkIconPaintable) paintable =
        gtk_icon_theme_lookup_icon (theme, APP_ID, NULL, sizes[s], 1, GTK_TEXT_DIR_NONE, 0);
      g_autoptr(GFile) file = gtk_icon_paintable_get_file (paintable);
      g_autofree char *uri = NULL;

      g_assert_nonnull (file);
      uri = g_file_get_uri (file);
      g_assert_true (g_str_has_prefix (uri, ICON_PREFIX));
      g_assert_true (g_str_has_suffix (uri, ".png"));
      g_assert_false (gtk_icon_paintable_is_symbolic (paintable));
    }
}

/* The status page @page shows now. */
static AdwStatusPage *
get_shown_status_page (GtkWidget *page)
{
  GtkWidget *shown = gtk_stack_get_visible_child (GTK_STACK (adw_bin_get_child (ADW_BIN (page))));

  g_assert_true (ADW_IS_STATUS_PAGE (shown));
  g_assert_true (gtk_widget_get_mapped (shown));
  return ADW_STATUS_PAGE (shown);
}

/* The Calendar and the Inbox are built with the window but one hides behind the other: their
 * empty states' large icons, which exist only as SVG, wait until they are shown. */
static void
test_hidden_pages_load_no_svg (void)
{
  GtkWidget *window;
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *calendar = g_object_new (HD_TYPE_CALENDAR_PAGE, NULL);
  GtkWidget *inbox = g_object_new (HD_TYPE_INBOX_PAGE, NULL);

  /* Not even the window's own icon may have loaded it before. */
  g_assert_false (library_is_mapped ("librsvg"));

  get_theme ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Ideas"), "ideas");
  gtk_stack_add_named (GTK_STACK (stack), calendar, "calendar");
  gtk_stack_add_named (GTK_STACK (stack), inbox, "inbox");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "ideas");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  g_assert_false (library_is_mapped ("librsvg"));

  /* Shown, each empty page has its icon. */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "inbox");
  iterate ();
  g_assert_cmpstr (adw_status_page_get_icon_name (get_shown_status_page (inbox)), ==,
                   "mail-unread-symbolic");

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "calendar");
  iterate ();
  g_assert_cmpstr (adw_status_page_get_icon_name (get_shown_status_page (calendar)), ==,
                   "x-office-calendar-symbolic");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  g_assert_nonnull (hd_ui_get_resource ());

  /* First: whether librsvg is mapped is a fact about the whole process. */
  g_test_add_func ("/herald/icons/hidden-pages-load-no-svg", test_hidden_pages_load_no_svg);
  g_test_add_func ("/herald/icons/symbolic-icons-are-png", test_symbolic_icons_are_png);
  g_test_add_func ("/herald/icons/app-icon-is-png", test_app_icon_is_png);

  return g_test_run ();
}
