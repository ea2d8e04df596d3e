/* test-window.c: the main window, its pages and the windows it opens.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hd-application.h"
#include "composer/hd-composer-window.h"
#include "hd-preferences-window.h"
#include "hd-post.h"
#include "hd-store-inbox.h"
#include "hd-store-outbox.h"
#include "hd-store-posts.h"
#include "hd-window.h"
#include "calendar/hd-calendar-page.h"
#include "calendar/hd-week-view.h"
#include "inbox/hd-inbox-page.h"

static const char *page_names[] = {
  "calendar", "ideas", "inbox", "campaigns", "audiences", "reports", "channels"
};

static HdApplication *app;

static void
iterate (void)
{
  /* Let layout, mapping and idle handlers run, as the main loop would between frames. */
  for (guint i = 0; i < 5; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
reset_settings (HdWorkspace workspace)
{
  GSettings *settings = hd_application_get_settings (app);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  g_settings_reset (settings, "workspace");
  g_assert_cmpint (hd_application_get_workspace (app), ==, HD_WORKSPACE_UNCHOSEN);

  if (workspace != HD_WORKSPACE_UNCHOSEN)
    hd_application_open_workspace (app, workspace);
}

static HdWindow *
open_window (void)
{
  HdWindow *window = hd_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  iterate ();

  return window;
}

static void
close_window (HdWindow *window)
{
  g_autoptr(GList) toplevels = NULL;
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_assert_null (weak);

  toplevels = gtk_window_list_toplevels ();
  g_assert_cmpuint (g_list_length (toplevels), ==, 0);
}

static GtkWidget *
page_visible_child (HdWindow   *window,
                    const char *name)
{
  GtkWidget *page = hd_window_get_page (window, name);
  GtkWidget *stack;

  g_assert_true (ADW_IS_BIN (page));
  stack = adw_bin_get_child (ADW_BIN (page));
  g_assert_true (GTK_IS_STACK (stack));

  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

static void
show_page (HdWindow   *window,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name));
  iterate ();
  g_assert_cmpstr (hd_window_get_page_name (window), ==, name);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_window_title (GtkWidget  *widget,
                   const char *title)
{
  if (ADW_IS_WINDOW_TITLE (widget) &&
      g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_window_title (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      return l->data;

  return NULL;
}

static void
test_window_empty_pages (void)
{
  HdWindow *window;

  reset_settings (HD_WORKSPACE_OWN);
  window = open_window ();

  g_assert_cmpstr (hd_window_get_view (window), ==, "workspace");
  g_assert_cmpstr (hd_window_get_page_name (window), ==, "calendar");

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      show_page (window, page_names[i]);
      g_assert_true (ADW_IS_STATUS_PAGE (page_visible_child (window, page_names[i])));
    }

  close_window (window);
}

/* A visible label reading @text with the numeric style, anywhere under @widget. */
static gboolean
has_visible_count (GtkWidget  *widget,
                   const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric") &&
      gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_visible_count (child, text))
      return TRUE;

  return FALSE;
}

/* The box of the sidebar row whose label reads @title. */
static GtkWidget *
find_sidebar_row_box (GtkWidget  *widget,
                      const char *title)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), title) == 0
      && gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW) != NULL)
    return gtk_widget_get_parent (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_sidebar_row_box (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_sample_pages (void)
{
  HdWindow *window;
  g_autofree char *sample = hd_store_sample_path ();

  reset_settings (HD_WORKSPACE_SAMPLE);
  g_assert_nonnull (hd_application_get_store (app));
  g_assert_cmpstr (hd_store_get_path (hd_application_get_store (app)), ==, sample);

  window = open_window ();
  g_assert_cmpstr (hd_window_get_view (window), ==, "workspace");

  /* Opening the window reads what it shows, and the inbox for its count; a page not shown
   * yet reads its own when it is. */
  {
    g_autoptr(HdStore) campaigns_store = NULL;
    g_autoptr(HdStore) inbox_store = NULL;

    g_object_get (hd_window_get_page (window, "campaigns"), "store", &campaigns_store, NULL);
    g_object_get (hd_window_get_page (window, "inbox"), "store", &inbox_store, NULL);
    g_assert_null (campaigns_store);
    g_assert_true (inbox_store == hd_application_get_store (app));
    /* The inbox, not shown yet, counts what waits for an answer all the same. */
    g_assert_cmpuint (hd_inbox_page_get_n_unanswered (HD_INBOX_PAGE (hd_window_get_page (window,
                                                                                         "inbox"))),
                      >, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *visible;

      show_page (window, page_names[i]);
      visible = page_visible_child (window, page_names[i]);
      if (ADW_IS_STATUS_PAGE (visible))
        g_error ("The sample workspace shows an empty %s page", page_names[i]);
    }

  /* The sidebar's Inbox row counts what waits for an answer. */
  {
    guint n = hd_inbox_page_get_n_unanswered (HD_INBOX_PAGE (hd_window_get_page (window,
                                                                                 "inbox")));
    g_autofree char *count = g_strdup_printf ("%u", n);

    g_assert_cmpuint (n, >, 0);
    GtkWidget *inbox_row = find_sidebar_row_box (GTK_WIDGET (window), "Inbox");

    /* Inside the Inbox row itself: the calendar's day numbers look the same. */
    g_assert_nonnull (inbox_row);
    g_assert_true (has_visible_count (inbox_row, count));
  }

  close_window (window);
}

static void
test_window_shortcuts_switch_pages (void)
{
  HdWindow *window;
  g_auto(GStrv) accels = NULL;

  reset_settings (HD_WORKSPACE_OWN);
  window = open_window ();

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                  "win.show-page::channels");
  g_assert_cmpstr (accels[0], ==, "<Control>7");

  close_window (window);
}

static void
test_window_size_saved (void)
{
  GSettings *settings;
  HdWindow *window;

  reset_settings (HD_WORKSPACE_OWN);
  settings = hd_application_get_settings (app);
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);

  window = open_window ();

  /* The saved size comes back... */
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 640);
  }

  /* ...and a new one is saved on close. */
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 500);
  iterate ();
  gtk_window_close (GTK_WINDOW (window));
  iterate ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 500);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_null (find_toplevel (HD_TYPE_WINDOW));
}

static void
test_window_narrow (void)
{
  HdWindow *window;
  int minimum;

  reset_settings (HD_WORKSPACE_SAMPLE);
  window = open_window ();

  /* Every page fits a phone: the window can be made 360 px wide. */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      show_page (window, page_names[i]);
      gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                          GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      if (minimum > 360)
        g_error ("The %s page needs %d px", page_names[i], minimum);
    }

  close_window (window);
}

/* The status page titled @title, when it is on screen. */
static AdwStatusPage *
find_mapped_status_page (GtkWidget  *widget,
                         const char *title)
{
  if (ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0)
    return ADW_STATUS_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found = find_mapped_status_page (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_welcome (gconstpointer data)
{
  HdWorkspace choice = GPOINTER_TO_INT (data);
  g_autofree char *expected = NULL;
  HdWindow *window;
  GtkWidget *button;
  HdStore *store;

  reset_settings (HD_WORKSPACE_UNCHOSEN);
  window = open_window ();

  g_assert_cmpstr (hd_window_get_view (window), ==, "welcome");
  g_assert_null (hd_application_get_store (app));
  g_assert_cmpstr (adw_status_page_get_icon_name (find_mapped_status_page (GTK_WIDGET (window),
                                                                           "Welcome to Herald")),
                   ==, "io.github.heraldapp.Herald");

  button = find_button (GTK_WIDGET (window), choice == HD_WORKSPACE_OWN
                                             ? "_Start Empty"
                                             : "_Explore a Sample Workspace");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate ();

  expected = choice == HD_WORKSPACE_OWN ? hd_store_default_path () : hd_store_sample_path ();
  store = hd_application_get_store (app);
  g_assert_nonnull (store);
  g_assert_cmpstr (hd_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (hd_window_get_view (window), ==, "workspace");
  g_assert_cmpint (g_settings_get_enum (hd_application_get_settings (app), "workspace"), ==,
                   choice);

  /* Only the sample comes filled in. */
  g_assert_cmpint (ADW_IS_STATUS_PAGE (page_visible_child (window, "calendar")), ==,
                   choice == HD_WORKSPACE_OWN);

  close_window (window);
}

static void
test_window_switch_workspace (void)
{
  g_autofree char *own = hd_store_default_path ();
  g_autofree char *sample = hd_store_sample_path ();
  HdWindow *window;
  GtkWidget *title;

  reset_settings (HD_WORKSPACE_OWN);
  window = open_window ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-sample", NULL);
  iterate ();
  g_assert_cmpstr (hd_store_get_path (hd_application_get_store (app)), ==, sample);
  g_assert_false (ADW_IS_STATUS_PAGE (page_visible_child (window, "calendar")));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "open-sample"));

  title = find_window_title (GTK_WIDGET (window), "Calendar");
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==,
                   "Sample workspace");

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-own", NULL);
  iterate ();
  g_assert_cmpstr (hd_store_get_path (hd_application_get_store (app)), ==, own);
  g_assert_true (ADW_IS_STATUS_PAGE (page_visible_child (window, "calendar")));
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)) ?: "", ==, "");

  close_window (window);
}

static void
test_window_store_error (void)
{
  static const char garbage[] = "These are not the bytes of an SQLite database.";
  g_autofree char *path = hd_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  HdWindow *window;
  const char *text;

  reset_settings (HD_WORKSPACE_UNCHOSEN);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, garbage, -1, &error);
  g_assert_no_error (error);

  hd_application_open_workspace (app, HD_WORKSPACE_OWN);
  window = open_window ();

  g_assert_null (hd_application_get_store (app));
  g_assert_cmpstr (hd_window_get_view (window), ==, "error");
  text = hd_window_get_error_text (window);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, path));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "new-post"));
  /* Its icon is given when the error shows (see sync_with_application). */
  {
    AdwStatusPage *page = find_mapped_status_page (GTK_WIDGET (window),
                                                   "Herald Cannot Open Its Database");

    g_assert_nonnull (page);
    g_assert_cmpstr (adw_status_page_get_icon_name (page), ==, "dialog-error-symbolic");
  }

  /* Nothing was written to the file the user may still want to rescue. */
  g_file_get_contents (path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, garbage);

  close_window (window);
}

static void
check_window_opens_and_closes (const char *action,
                               GType       type)
{
  HdWindow *window;
  GtkWindow *opened;
  gpointer weak;

  window = open_window ();

  if (g_str_has_prefix (action, "win."))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  else
    g_action_group_activate_action (G_ACTION_GROUP (app), action, NULL);
  iterate ();

  opened = find_toplevel (type);
  g_assert_nonnull (opened);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (opened)));
  g_assert_true (gtk_window_get_transient_for (opened) == GTK_WINDOW (window));

  weak = opened;
  g_object_add_weak_pointer (G_OBJECT (opened), &weak);
  gtk_window_close (opened);
  iterate ();
  if (type == GTK_TYPE_SHORTCUTS_WINDOW)
    {
      /* The help overlay belongs to its window and is only hidden until that closes. */
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (opened)));
    }
  else
    {
      g_assert_null (weak);
    }

  close_window (window);
  g_assert_null (weak);
}

/* The keyboard shortcuts are built when first asked for, by the menu or by Ctrl+?, and the
 * window that shows them is kept for the next time. */
static void
test_window_shortcuts_window_on_demand (void)
{
  g_auto(GStrv) accels = NULL;
  GtkShortcutsWindow *overlay;
  HdWindow *window;

  reset_settings (HD_WORKSPACE_SAMPLE);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));

  window = open_window ();
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  iterate ();
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));

  gtk_window_close (GTK_WINDOW (overlay));
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  iterate ();
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))
                 == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  close_window (window);
}

static void
test_window_secondary_windows (void)
{
  reset_settings (HD_WORKSPACE_SAMPLE);

  check_window_opens_and_closes ("preferences", HD_TYPE_PREFERENCES_WINDOW);
  check_window_opens_and_closes ("about", ADW_TYPE_ABOUT_WINDOW);
  check_window_opens_and_closes ("win.show-help-overlay", GTK_TYPE_SHORTCUTS_WINDOW);
  check_window_opens_and_closes ("new-post", HD_TYPE_COMPOSER_WINDOW);
}

static void
test_window_new_draft (void)
{
  HdWindow *window;
  GtkWindow *draft;
  guint n_posts = 0;

  reset_settings (HD_WORKSPACE_OWN);
  window = open_window ();
  g_assert_true (ADW_IS_STATUS_PAGE (page_visible_child (window, "calendar")));

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "new-post"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-post", NULL);
  iterate ();
  draft = find_toplevel (HD_TYPE_COMPOSER_WINDOW);
  g_assert_nonnull (draft);

  /* An empty draft cannot be saved. */
  gtk_widget_activate_action (GTK_WIDGET (draft), "composer.save-draft", NULL);
  iterate ();
  g_assert_true (find_toplevel (HD_TYPE_COMPOSER_WINDOW) == draft);
  g_assert_true (hd_store_count_posts (hd_application_get_store (app), &n_posts, NULL));
  g_assert_cmpuint (n_posts, ==, 0);

  hd_composer_window_set_text (HD_COMPOSER_WINDOW (draft), "Fresh sourdough on Saturday morning");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (draft), "composer.save-draft", NULL));
  iterate ();

  g_assert_null (find_toplevel (HD_TYPE_COMPOSER_WINDOW));
  g_assert_true (hd_store_count_posts (hd_application_get_store (app), &n_posts, NULL));
  g_assert_cmpuint (n_posts, ==, 1);

  /* The draft shows up in the calendar straight away. */
  g_assert_false (ADW_IS_STATUS_PAGE (page_visible_child (window, "calendar")));

  close_window (window);
}

static void
test_window_sync_state (void)
{
  gboolean online = g_network_monitor_get_network_available (g_network_monitor_get_default ());
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *change = NULL;
  g_autofree char *expected = NULL;
  HdStore *store;
  HdWindow *window;
  guint pending = 0;

  reset_settings (HD_WORKSPACE_OWN);
  window = open_window ();
  store = hd_application_get_store (app);

  g_assert_true (has_label (GTK_WIDGET (window), online ? "All saved" : "Offline"));

  hd_post_set_text (post, "Open late on Thursday");
  g_assert_true (hd_store_save_post (store, post, &error));
  g_assert_no_error (error);
  change = hd_store_enqueue_change (store, "post", hd_post_get_id (post), NULL, "create",
                                    &error);
  g_assert_no_error (error);
  iterate ();

  g_assert_true (hd_store_count_pending_changes (store, &pending, NULL));
  g_assert_cmpuint (pending, >, 0);
  if (pending == 1)
    expected = g_strdup ("1 change to send");
  else
    expected = g_strdup_printf ("%u changes to send", pending);

  /* Offline wins: nothing can be sent, however much is waiting. */
  g_assert_true (has_label (GTK_WIDGET (window), online ? expected : "Offline"));

  close_window (window);
}

/* The Inbox page is built after the window's first frame, not with the window: the sidebar
 * still counts what waits for an answer without anyone opening the page, and the page lists
 * it when opened. */
static void
test_window_inbox_count_unopened (void)
{
  g_autofree char *count = NULL;
  GtkWidget *inbox_row;
  HdWindow *window;
  guint n = 0;

  reset_settings (HD_WORKSPACE_SAMPLE);
  g_assert_true (hd_store_count_unanswered_inbox (hd_application_get_store (app), NULL, &n,
                                                  NULL));
  g_assert_cmpuint (n, >, 0);
  count = g_strdup_printf ("%u", n);

  window = open_window ();
  inbox_row = find_sidebar_row_box (GTK_WIDGET (window), "Inbox");
  g_assert_nonnull (inbox_row);
  for (guint i = 0; i < 400 && !has_visible_count (inbox_row, count); i++)
    iterate ();
  g_assert_true (has_visible_count (inbox_row, count));
  g_assert_cmpstr (hd_window_get_page_name (window), ==, "calendar");

  show_page (window, "inbox");
  g_assert_false (ADW_IS_STATUS_PAGE (page_visible_child (window, "inbox")));
  g_assert_cmpuint (hd_inbox_page_get_n_unanswered (HD_INBOX_PAGE (hd_window_get_page (window,
                                                                                       "inbox"))),
                    ==, n);

  close_window (window);
}

/* The workspace (sidebar, header, calendar) is built after the window's first frame, not with
 * the window; here that frame is the welcome. It is there once the frame is out without anyone
 * asking for it, and going in shows it with the settings and the store as if it had been built
 * with the window: the month starts on the chosen weekday. */
static void
test_window_workspace_built_after_first_frame (void)
{
  GSettings *settings = hd_application_get_settings (app);
  g_autoptr(GDateTime) first_day = NULL;
  g_autoptr(HdStore) shown = NULL;
  HdCalendarPage *page;
  GtkWidget *button;
  HdWindow *window;
  gint64 from = 0;

  reset_settings (HD_WORKSPACE_UNCHOSEN);
  g_settings_set_string (settings, "week-starts-on", "sunday");
  window = open_window ();
  g_assert_cmpstr (hd_window_get_view (window), ==, "welcome");

  for (guint i = 0; i < 400 && find_sidebar_row_box (GTK_WIDGET (window), "Calendar") == NULL;
       i++)
    iterate ();
  g_assert_nonnull (find_sidebar_row_box (GTK_WIDGET (window), "Calendar"));
  g_assert_cmpstr (hd_window_get_view (window), ==, "welcome");

  button = find_button (GTK_WIDGET (window), "_Explore a Sample Workspace");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  iterate ();

  g_assert_cmpstr (hd_window_get_view (window), ==, "workspace");
  g_assert_cmpstr (hd_window_get_page_name (window), ==, "calendar");
  page = HD_CALENDAR_PAGE (hd_window_get_page (window, "calendar"));
  g_object_get (page, "store", &shown, NULL);
  g_assert_true (shown == hd_application_get_store (app));
  g_assert_cmpstr (hd_calendar_page_get_view (page), ==, "month");
  hd_calendar_page_get_range (page, &from, NULL);
  first_day = g_date_time_new_from_unix_local (from);
  g_assert_cmpint (g_date_time_get_day_of_week (first_day), ==, 7);

  close_window (window);
  g_settings_reset (settings, "week-starts-on");
}

static HdWeekView *
find_mapped_week_view (GtkWidget *widget)
{
  if (HD_IS_WEEK_VIEW (widget) && gtk_widget_get_mapped (widget))
    return HD_WEEK_VIEW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HdWeekView *found = find_mapped_week_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The week grid is built when the week is first asked for (Alt+2): it then shows the week's
 * posts where they belong, as it did when it was built with the window. */
static void
test_window_week_built_when_shown (void)
{
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) morning = NULL;
  HdWeekView *week;
  HdWindow *window;
  int day = -1;
  int hour = -1;

  reset_settings (HD_WORKSPACE_OWN);
  morning = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                   g_date_time_get_day_of_month (now), 10, 0, 0);
  hd_post_set_text (post, "Cinnamon buns are back");
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, g_date_time_to_unix (morning));
  hd_post_set_time_zone (post, "Europe/London");
  g_assert_true (hd_store_save_post (hd_application_get_store (app), post, &error));
  g_assert_no_error (error);

  window = open_window ();
  g_assert_null (find_mapped_week_view (GTK_WIDGET (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "calendar.view", "s", "week"));
  iterate ();
  week = find_mapped_week_view (GTK_WIDGET (window));
  g_assert_nonnull (week);
  for (guint i = 0; i < 100 && !hd_week_view_find_post (week, hd_post_get_id (post), &day, &hour);
       i++)
    iterate ();
  g_assert_true (hd_week_view_find_post (week, hd_post_get_id (post), &day, &hour));
  g_assert_cmpint (hour, ==, 10);

  /* Back to the month and to the same week again: one grid, still in place. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "calendar.view", "s", "month"));
  iterate ();
  g_assert_null (find_mapped_week_view (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "calendar.view", "s", "week"));
  iterate ();
  g_assert_true (find_mapped_week_view (GTK_WIDGET (window)) == week);

  close_window (window);
}

static GtkWidget *
find_mapped_menu_button (GtkWidget  *widget,
                         const char *tooltip)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_menu_button (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_label_text (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child, text))
      return TRUE;

  return FALSE;
}

/* Opens the header's main menu and returns it, open. */
static GtkPopover *
open_main_menu (HdWindow *window)
{
  GtkWidget *button = find_mapped_menu_button (GTK_WIDGET (window), "Main Menu");
  GtkPopover *popover;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  iterate ();
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  return popover;
}

/* The main menu is built when it is first opened: it then opens with its items, and again. */
static void
test_window_main_menu_built_when_opened (void)
{
  GtkPopover *popover;
  HdWindow *window;

  reset_settings (HD_WORKSPACE_OWN);
  window = open_window ();

  for (guint round = 0; round < 2; round++)
    {
      popover = open_main_menu (window);
      g_assert_true (has_label_text (GTK_WIDGET (popover), "Keyboard Shortcuts"));
      g_assert_true (has_label_text (GTK_WIDGET (popover), "Export calendar…"));
      gtk_popover_popdown (popover);
      iterate ();
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
    }

  close_window (window);
}

/* A window closed while its menu is open (as a shortcut typed in the menu can do) takes the
 * menu with it: left open, the menu would keep its grab on Herald's input. */
static void
test_window_closed_over_menu (void)
{
  GtkPopover *popover;
  HdWindow *window;

  reset_settings (HD_WORKSPACE_OWN);
  window = open_window ();
  popover = open_main_menu (window);
  g_object_add_weak_pointer (G_OBJECT (popover), (gpointer *) &popover);

  close_window (window);
  g_assert_null (popover);
}

/* When the header has no room for the view switcher, the calendar offers its views in a menu
 * beside its heading, built when first opened. */
static void
test_window_view_menu (void)
{
  GtkWidget *button = NULL;
  GtkPopover *popover;
  HdWindow *window;

  reset_settings (HD_WORKSPACE_SAMPLE);
  window = open_window ();
  /* What the window does when its title squeezer gives up the switcher. */
  hd_calendar_page_set_header_controls (HD_CALENDAR_PAGE (hd_window_get_page (window, "calendar")),
                                        TRUE, TRUE, FALSE);

  for (guint i = 0; i < 100 && button == NULL; i++)
    {
      iterate ();
      button = find_mapped_menu_button (GTK_WIDGET (window), "Choose the view");
    }
  g_assert_nonnull (button);

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  iterate ();
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (has_label_text (GTK_WIDGET (popover), "Month"));
  g_assert_true (has_label_text (GTK_WIDGET (popover), "Week"));
  g_assert_true (has_label_text (GTK_WIDGET (popover), "Agenda"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  iterate ();

  close_window (window);
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

  /* Isolated dirs hide the system's icon theme; the pages should look as they do for users. */
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
  /* Icons are recognised as SVG through the MIME database, which also lives there. */
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  g_test_add_func ("/herald/ui/window/empty-pages", test_window_empty_pages);
  g_test_add_func ("/herald/ui/window/sample-pages", test_window_sample_pages);
  g_test_add_func ("/herald/ui/window/page-shortcuts", test_window_shortcuts_switch_pages);
  g_test_add_func ("/herald/ui/window/size-saved", test_window_size_saved);
  g_test_add_func ("/herald/ui/window/narrow", test_window_narrow);
  g_test_add_data_func ("/herald/ui/window/welcome-own", GINT_TO_POINTER (HD_WORKSPACE_OWN),
                        test_window_welcome);
  g_test_add_data_func ("/herald/ui/window/welcome-sample",
                        GINT_TO_POINTER (HD_WORKSPACE_SAMPLE), test_window_welcome);
  g_test_add_func ("/herald/ui/window/switch-workspace", test_window_switch_workspace);
  g_test_add_func ("/herald/ui/window/store-error", test_window_store_error);
  g_test_add_func ("/herald/ui/window/secondary-windows", test_window_secondary_windows);
  g_test_add_func ("/herald/ui/window/shortcuts-window-on-demand",
                   test_window_shortcuts_window_on_demand);
  g_test_add_func ("/herald/ui/window/new-draft", test_window_new_draft);
  g_test_add_func ("/herald/ui/window/sync-state", test_window_sync_state);
  g_test_add_func ("/herald/ui/window/inbox-count-unopened", test_window_inbox_count_unopened);
  g_test_add_func ("/herald/ui/window/workspace-built-after-first-frame",
                   test_window_workspace_built_after_first_frame);
  g_test_add_func ("/herald/ui/window/week-built-when-shown", test_window_week_built_when_shown);
  g_test_add_func ("/herald/ui/window/main-menu-built-when-opened",
                   test_window_main_menu_built_when_opened);
  g_test_add_func ("/herald/ui/window/view-menu", test_window_view_menu);
  g_test_add_func ("/herald/ui/window/closed-over-menu", test_window_closed_over_menu);

  status = g_test_run ();

  g_object_unref (app);

  return status;
}
