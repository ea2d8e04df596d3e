/* test-ideas-page.c: the Ideas page under Xvfb, with feeds served from 127.0.0.1.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "feed-server.h"
#include "hd-application.h"
#include "hd-post.h"
#include "hd-store-feeds.h"
#include "hd-store-posts.h"
#include "hd-window.h"
#include "ideas/hd-feeds-dialog.h"
#include "ideas/hd-ideas-page.h"

static HdApplication *app;

typedef struct
{
  FeedServer  *server;
  HdWindow    *window;
  HdIdeasPage *page;
  HdStore     *store;
} Fixture;

static void
iterate (void)
{
  for (guint i = 0; i < 5; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
revealer_opening (gpointer revealer)
{
  return !gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

static gboolean
dialog_busy (gpointer dialog)
{
  return hd_feeds_dialog_get_busy (dialog);
}

static gboolean
page_busy (gpointer page)
{
  return hd_ideas_page_get_busy (page);
}

/* Runs the main loop until @busy says the work is done, for at most ten seconds. */
static void
wait_while (gboolean (*busy) (gpointer),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (busy (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  iterate ();
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *label)
{
  gboolean matches = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_is_drawable (widget);

  if (matches && label != NULL)
    {
      if (GTK_IS_BUTTON (widget))
        matches = g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
      else if (GTK_IS_LABEL (widget))
        matches = g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), label) == 0;
      else if (ADW_IS_STATUS_PAGE (widget))
        matches = g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), label) == 0;
      else
        matches = FALSE;
    }
  if (matches)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static guint
count_widgets (GtkWidget  *widget,
               GType       type,
               const char *label)
{
  guint n = 0;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_is_drawable (widget) &&
      (label == NULL || (GTK_IS_BUTTON (widget) &&
                         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)))
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type, label);

  return n;
}

static GtkWidget *
visible_child (HdIdeasPage *page)
{
  return gtk_stack_get_visible_child (GTK_STACK (adw_bin_get_child (ADW_BIN (page))));
}

static HdFeedsDialog *
open_feeds_dialog (Fixture *fixture)
{
  g_autoptr(GList) toplevels = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "ideas.show-feeds",
                                             NULL));
  iterate ();

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (HD_IS_FEEDS_DIALOG (l->data))
      return l->data;

  g_assert_not_reached ();
}

static void
add_feed (Fixture    *fixture,
          const char *path)
{
  HdFeedsDialog *dialog = open_feeds_dialog (fixture);
  g_autofree char *url = feed_server_url (fixture->server, path);

  hd_feeds_dialog_add_url (dialog, url);
  g_assert_true (hd_feeds_dialog_get_busy (dialog));
  wait_while (dialog_busy, dialog);
  g_assert_null (hd_feeds_dialog_get_error (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  iterate ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GSettings *settings = hd_application_get_settings (app);
  g_autofree char *path = NULL;

  g_settings_reset (settings, "workspace");
  path = hd_store_default_path ();
  g_unlink (path);
  hd_application_open_workspace (app, HD_WORKSPACE_OWN);
  fixture->store = hd_application_get_store (app);
  g_assert_nonnull (fixture->store);

  fixture->server = feed_server_new ();
  fixture->window = hd_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  iterate ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s",
                                             "ideas"));
  iterate ();
  fixture->page = HD_IDEAS_PAGE (hd_window_get_page (fixture->window, "ideas"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GList) toplevels = NULL;
  g_autofree char *path = hd_store_default_path ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gpointer weak = fixture->window;

  g_object_add_weak_pointer (G_OBJECT (fixture->window), &weak);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  iterate ();
  g_assert_null (weak);

  /* The feeds dialog went with its window. */
  toplevels = gtk_window_list_toplevels ();
  g_assert_cmpuint (g_list_length (toplevels), ==, 0);

  g_clear_pointer (&fixture->server, feed_server_free);
  hd_application_open_workspace (app, HD_WORKSPACE_SAMPLE);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *status = visible_child (fixture->page);

  g_assert_true (ADW_IS_STATUS_PAGE (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No ideas yet");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (ADW_STATUS_PAGE (status)),
                                   "Keep ideas here"));
  /* Both ways out of the empty page are on it. */
  g_assert_nonnull (find_widget (status, GTK_TYPE_ENTRY, NULL));
  g_assert_nonnull (find_widget (status, GTK_TYPE_BUTTON, "_New idea"));
  g_assert_nonnull (find_widget (status, GTK_TYPE_BUTTON, "_Add a feed…"));
}

static void
test_new_idea (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GListModel) ideas = NULL;
  g_autoptr(HdPost) idea = NULL;
  GtkWidget *entry = find_widget (visible_child (fixture->page), GTK_TYPE_ENTRY, NULL);

  /* Nothing typed, nothing saved. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "ideas.new-idea",
                                             NULL));
  ideas = hd_store_list_posts_in_state (fixture->store, HD_POST_STATE_IDEA, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (ideas), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (entry), "  Behind the scenes at the morning bake  ");
  g_signal_emit_by_name (entry, "activate");
  iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (ideas), ==, 1);
  idea = g_list_model_get_item (ideas, 0);
  g_assert_cmpstr (hd_post_get_text (idea), ==, "Behind the scenes at the morning bake");
  g_assert_cmpint (hd_post_get_scheduled_at (idea), ==, 0);

  /* The page now lists it, with an undo at hand. */
  g_assert_false (ADW_IS_STATUS_PAGE (visible_child (fixture->page)));
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                                 "Behind the scenes at the morning bake"));
  g_assert_nonnull (find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON, "_Undo"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
test_add_feed_and_make_draft (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GListModel) drafts = NULL;
  g_autoptr(HdPost) draft = NULL;
  g_autofree char *link = feed_server_url (fixture->server, "/summer");
  g_autofree char *expected = g_strdup_printf ("Summer menu\n\n%s", link);
  GtkWidget *page = GTK_WIDGET (fixture->page);
  GtkWidget *button;

  drafts = hd_store_list_posts_in_state (fixture->store, HD_POST_STATE_DRAFT, NULL);
  add_feed (fixture, "/feed.xml");

  /* The items show at once, newest first, under "From your feeds". */
  g_assert_false (ADW_IS_STATUS_PAGE (visible_child (fixture->page)));
  g_assert_nonnull (find_widget (page, GTK_TYPE_LABEL, "Summer menu"));
  g_assert_nonnull (find_widget (page, GTK_TYPE_LABEL, "Harbour Bakery · 1 May 2024"));
  g_assert_cmpuint (count_widgets (page, GTK_TYPE_BUTTON, "_Make a draft"), ==, 4);

  /* The first "Make a draft" is the newest item's. */
  button = find_widget (page, GTK_TYPE_BUTTON, "_Make a draft");
  g_signal_emit_by_name (button, "clicked");
  iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (drafts), ==, 1);
  draft = g_list_model_get_item (drafts, 0);
  g_assert_cmpstr (hd_post_get_text (draft), ==, expected);

  /* The item now offers its draft instead of a second one. */
  g_assert_cmpuint (count_widgets (page, GTK_TYPE_BUTTON, "_Make a draft"), ==, 3);
  g_assert_cmpuint (count_widgets (page, GTK_TYPE_BUTTON, "_Open draft"), ==, 1);
  g_assert_nonnull (find_widget (page, GTK_TYPE_LABEL, "Draft saved"));
}

static void
test_dismiss (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);

  add_feed (fixture, "/feed.xml");
  g_signal_emit_by_name (find_widget (page, GTK_TYPE_BUTTON, "_Dismiss"), "clicked");
  iterate ();

  g_assert_null (find_widget (page, GTK_TYPE_LABEL, "Summer menu"));
  g_assert_cmpuint (count_widgets (page, GTK_TYPE_BUTTON, "_Dismiss"), ==, 3);

  /* Undo from the toast. */
  g_assert_nonnull (find_widget (page, GTK_TYPE_LABEL, "Item dismissed"));
  g_signal_emit_by_name (find_widget (page, GTK_TYPE_BUTTON, "_Undo"), "clicked");
  iterate ();
  g_assert_nonnull (find_widget (page, GTK_TYPE_LABEL, "Summer menu"));
}

static void
test_feed_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  g_autoptr(GListModel) feeds = hd_store_list_feeds (fixture->store, NULL);
  g_autofree char *missing = feed_server_url (fixture->server, "/missing");
  HdFeedsDialog *dialog;
  GtkWidget *revealer;

  /* A bad address is explained in the dialog and not added. */
  dialog = open_feeds_dialog (fixture);
  hd_feeds_dialog_add_url (dialog, missing);
  wait_while (dialog_busy, dialog);
  g_assert_cmpstr (hd_feeds_dialog_get_error (dialog), ==,
                   "The server answered 404: the feed is not there any more.");
  g_assert_cmpuint (g_list_model_get_n_items (feeds), ==, 0);
  gtk_window_close (GTK_WINDOW (dialog));
  iterate ();

  add_feed (fixture, "/feed.xml");

  /* Offline: the refresh fails, says so, and the page keeps what it had. */
  feed_server_set_down (fixture->server, TRUE);
  g_assert_true (gtk_widget_activate_action (page, "ideas.refresh", NULL));
  g_assert_true (hd_ideas_page_get_busy (fixture->page));
  wait_while (page_busy, fixture->page);

  revealer = find_widget (page, GTK_TYPE_REVEALER, NULL);
  g_assert_nonnull (revealer);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  /* The message is on screen once the revealer has finished opening, a frame or more later on
   * a busy machine. */
  wait_while (revealer_opening, revealer);
  g_assert_nonnull (find_widget (page, GTK_TYPE_LABEL,
                                 "1 feed could not be refreshed. Your ideas and the items "
                                 "already fetched are still here."));
  g_assert_nonnull (find_widget (page, GTK_TYPE_LABEL, "Summer menu"));

  /* Back online, the warning goes. */
  feed_server_set_down (fixture->server, FALSE);
  g_assert_true (gtk_widget_activate_action (page, "ideas.refresh", NULL));
  wait_while (page_busy, fixture->page);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  int minimum;

  /* Every state of the page fits a phone 360 px wide. */
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  add_feed (fixture, "/feed.xml");
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  g_assert_true (gtk_widget_activate_action (page, "ideas.focus-idea", NULL));
  iterate ();
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) data_dirs = NULL;
  g_autoptr(GPtrArray) mime_dirs = NULL;
  GtkIconTheme *icon_theme;
  int status;

  /* Isolated dirs hide the system's icon theme; the page should look as it does for users. */
  data_dirs = g_strsplit (g_getenv ("XDG_DATA_DIRS") != NULL ? g_getenv ("XDG_DATA_DIRS")
                                                            : "/usr/local/share:/usr/share",
                          ":", -1);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  app = g_object_new (HD_TYPE_APPLICATION,
                      "application-id", APP_ID,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
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

#define ADD(path, func) \
  g_test_add ("/herald/feeds/ideas-page/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("empty", test_empty);
  ADD ("new-idea", test_new_idea);
  ADD ("add-feed-and-make-draft", test_add_feed_and_make_draft);
  ADD ("dismiss", test_dismiss);
  ADD ("feed-errors", test_feed_errors);
  ADD ("narrow", test_narrow);

#undef ADD

  status = g_test_run ();

  g_object_unref (app);

  return status;
}
