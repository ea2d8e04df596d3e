/* test-conflicts.c: posts changed on their platform, shown first in the Changes view with
 * both texts, and answered there with Keep mine or Take theirs
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-ui.h"

#include "changes/hd-changes-window.h"
#include "hd-channels.h"
#include "hd-store-channels.h"
#include "hd-store-conflicts.h"
#include "hd-store-outbox.h"
#include "hd-store-posts.h"

static HdStore *
store (void)
{
  return hd_application_get_store (test_app);
}

/* A Mastodon channel that needs reconnecting, so nothing in this test reaches a network. */
static HdChannel *
add_channel (void)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (channel, "Bakery toots");
  hd_channel_set_base_url (channel, "https://example.social");
  hd_channel_set_remote_account_id (channel, "1");
  hd_channel_set_state (channel, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  g_assert_true (hd_store_save_channel (store (), channel, &error));
  g_assert_no_error (error);

  return channel;
}

/* A post out on @channel as @remote_id that the platform holds otherwise now; returns the
 * variant's id. */
static char *
add_conflict (HdChannel      *channel,
              const char     *text,
              const char     *remote_id,
              HdConflictKind  kind,
              const char     *remote_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_post_set_scheduled_at (post, now - 3600);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_variant_set_remote_id (variant, remote_id);
  hd_post_add_variant (post, variant);
  g_assert_true (hd_store_save_post (store (), post, &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_note_conflict (store (), hd_variant_get_id (variant), kind,
                                         remote_text, now, &error));
  g_assert_no_error (error);

  return g_strdup (hd_variant_get_id (variant));
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

static GtkWidget *
find_button_for (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_for (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Not a check: with HERALD_RENDER_DIR set, the view is drawn to PNG files there, light and
 * dark, at its own width and a phone's, for a person to look at. */
static void
render_to (GtkWidget  *window,
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
}

static void
render_sizes (GtkWidget *window)
{
  const char *dir = g_getenv ("HERALD_RENDER_DIR");
  static const struct { int width; int height; const char *name; } sizes[] = {
    { 600, 640, "conflicts" },
    { 360, 640, "conflicts-narrow" },
  };

  if (dir == NULL)
    return;

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          g_autofree char *name = g_strconcat (sizes[i].name, dark ? "-dark" : "", NULL);

          gtk_window_set_default_size (GTK_WINDOW (window), sizes[i].width, sizes[i].height);
          for (guint tries = 0; tries < 200 && gtk_widget_get_width (window) != sizes[i].width;
               tries++)
            {
              test_iterate ();
              g_usleep (10000);
            }
          g_usleep (200000);
          test_iterate ();
          render_to (window, dir, name);
        }
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

static HdRemoteVariant *
load (const char *variant_id)
{
  g_autoptr(GError) error = NULL;
  HdRemoteVariant *variant = hd_store_load_remote_variant (store (), variant_id, &error);

  g_assert_no_error (error);
  return variant;
}

static void
test_conflicts_group (void)
{
  g_autoptr(HdChannel) channel = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *deleted = NULL;
  g_autoptr(HdRemoteVariant) after_edit = NULL;
  g_autoptr(HdRemoteVariant) after_delete = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  HdChangesWindow *changes;
  HdWindow *window;
  GtkWidget *row;
  GtkWidget *group;
  guint n_conflicts = 99;

  test_open_workspace (HD_WORKSPACE_OWN);
  channel = add_channel ();
  edited = add_conflict (channel, "Rye today", "109", HD_CONFLICT_EDITED, "Rye tomorrow");
  deleted = add_conflict (channel, "Buns at noon", "110", HD_CONFLICT_DELETED, NULL);
  window = test_open_window ();
  /* The header says so before the view is open. */
  test_iterate ();
  g_assert_true (has_label (GTK_WIDGET (window), "2 posts changed elsewhere"));
  changes = hd_changes_window_new (test_app, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (changes));
  test_iterate ();
  render_sizes (GTK_WIDGET (changes));

  /* With nothing to send, the conflicts alone fill the view, in a group of their own at the
   * top, each with both texts. */
  g_assert_cmpstr (hd_changes_window_get_page (changes), ==, "list");
  row = hd_changes_window_find_conflict_row (changes, edited);
  g_assert_nonnull (row);
  group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   "Conflicts");
  g_assert_null (gtk_widget_get_prev_sibling (group));
  g_assert_true (has_label (row, "Bakery toots · edited there"));
  g_assert_true (has_label (row, "On Mastodon now"));
  g_assert_true (has_label (row, "Rye tomorrow"));
  g_assert_true (has_label (row, "In Herald"));
  g_assert_true (has_label (row, "Rye today"));
  g_assert_true (has_label (row, "Keep mine edits the post on Mastodon back to your text."));
  g_assert_true (gtk_widget_get_ancestor (hd_changes_window_find_conflict_row (changes, deleted),
                                          ADW_TYPE_PREFERENCES_GROUP) == group);

  /* Take theirs: the platform's text becomes Herald's, and nothing is queued. */
  g_signal_emit_by_name (find_button_for (row, "changes.take-theirs"), "clicked");
  test_iterate ();
  after_edit = load (edited);
  g_assert_cmpint (after_edit->conflict, ==, HD_CONFLICT_NONE);
  g_assert_cmpstr (after_edit->text, ==, "Rye tomorrow");
  g_assert_null (hd_changes_window_find_conflict_row (changes, edited));
  pending = hd_store_list_changes (store (), NULL, HD_OUTBOX_STATE_PENDING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 0);
  g_clear_pointer (&pending, g_ptr_array_unref);

  /* Keep mine on a deleted post: it goes out again, once. */
  row = hd_changes_window_find_conflict_row (changes, deleted);
  g_assert_true (has_label (row, "Bakery toots · deleted there"));
  g_signal_emit_by_name (find_button_for (row, "changes.keep-mine"), "clicked");
  test_iterate ();
  after_delete = load (deleted);
  g_assert_cmpint (after_delete->conflict, ==, HD_CONFLICT_NONE);
  g_assert_null (hd_changes_window_find_conflict_row (changes, deleted));
  pending = hd_store_list_changes (store (), NULL, HD_OUTBOX_STATE_PENDING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (((HdChange *) g_ptr_array_index (pending, 0))->operation, ==, "publish");

  hd_store_count_conflicts (store (), &n_conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts, ==, 0);

  test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_ui_init (&argc, &argv);

  g_test_add_func ("/herald/ui/conflicts/group-and-answers", test_conflicts_group);

  status = g_test_run ();
  g_object_unref (test_app);

  return status;
}
