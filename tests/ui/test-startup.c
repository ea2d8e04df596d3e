/* test-startup.c: the main window opens before a remembered workspace's store is ready, waits
 * for it without claiming the workspace is empty, then fills; a damaged or newer store still
 * ends on the error page with the file untouched.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <sqlite3.h>

#include "hd-store-posts.h"
#include "hd-test-ui.h"
#include "ideas/hd-ideas-page.h"

/* How many pages the damage is written over, from the middle of the file: past the schema at
 * its start, inside the tables and indexes the sample filled. */
#define DAMAGED_PAGES 4

static void
wait_until_store_settles (HdApplication *app)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (hd_application_get_store_loading (app))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The store was still opening after a minute");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  test_iterate ();
}

/* A Herald started before with the user's own workspace chosen, as on every start after the
 * first: the choice is remembered, the store not yet opened. Each test gets an application of
 * its own, because the store is opened once per application. */
static HdApplication *
new_application_remembering_own (void)
{
  static guint n_made = 0;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *id = g_strdup_printf ("%s.Startup%u", APP_ID, ++n_made);
  g_autoptr(GError) error = NULL;
  HdApplication *app;

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  g_settings_set_enum (settings, "workspace", HD_WORKSPACE_OWN);

  /* Its own id, so that each registers; Herald's resources all the same. */
  app = g_object_new (HD_TYPE_APPLICATION,
                      "application-id", id,
                      "resource-base-path", "/io/github/heraldapp/Herald",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_application_get_workspace (app), ==, HD_WORKSPACE_OWN);
  g_assert_null (hd_application_get_store (app));

  return app;
}

static void
close_window (HdWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  test_iterate ();
  g_assert_null (weak);
}

/* The own workspace's file, filled with the sample's posts around today. */
static void
write_filled_store (void)
{
  g_autofree char *path = hd_store_default_path ();
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (hd_store_seed_sample (store, now, &error));
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static gboolean
page_shows_status (HdWindow   *window,
                   const char *name)
{
  GtkWidget *page = hd_window_get_page (window, name);
  GtkWidget *stack = adw_bin_get_child (ADW_BIN (page));

  g_assert_true (GTK_IS_STACK (stack));

  return ADW_IS_STATUS_PAGE (gtk_stack_get_visible_child (GTK_STACK (stack)));
}

static void
test_startup_window_before_store (void)
{
  g_autoptr(HdApplication) app = NULL;
  g_autofree char *path = hd_store_default_path ();
  HdWindow *window;
  guint n_posts = 0;

  write_filled_store ();
  app = new_application_remembering_own ();

  /* Nothing has run the main loop yet, so the store cannot have been handed over: the window
   * is up, and says neither "no posts yet" nor that something failed. */
  window = hd_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (hd_application_get_store_loading (app));
  g_assert_null (hd_application_get_store (app));
  g_assert_null (hd_application_get_store_error (app));
  g_assert_cmpstr (hd_window_get_view (window), ==, "loading");
  g_assert_null (hd_window_get_error_text (window));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "new-post"));

  /* A second request while it opens starts no second open. */
  hd_application_load_store (app);
  hd_application_ensure_store (app);
  g_assert_true (hd_application_get_store_loading (app));
  g_assert_null (hd_application_get_store (app));

  wait_until_store_settles (app);

  g_assert_nonnull (hd_application_get_store (app));
  g_assert_cmpstr (hd_store_get_path (hd_application_get_store (app)), ==, path);
  g_assert_cmpstr (hd_window_get_view (window), ==, "workspace");
  g_assert_cmpstr (hd_window_get_page_name (window), ==, "calendar");
  g_assert_false (page_shows_status (window, "calendar"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "new-post"));

  /* The connection handed over works on this thread. */
  g_assert_true (hd_store_count_posts (hd_application_get_store (app), &n_posts, NULL));
  g_assert_cmpuint (n_posts, >, 0);

  close_window (window);
}

/* The pages other than the first are built when first shown, and then have what they would have
 * had from the start: the store, and for Ideas the application's one HTTP session. */
static void
test_startup_pages_built_when_shown (void)
{
  static const char *names[] = {
    "ideas", "campaigns", "audiences", "reports", "channels", "inbox", "calendar"
  };
  g_autoptr(HdApplication) app = NULL;
  HdWindow *window;
  HdFeedFetcher *fetcher;

  write_filled_store ();
  app = new_application_remembering_own ();
  window = hd_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_store_settles (app);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(HdStore) store = NULL;
      GtkWidget *page;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                                 names[i]));
      test_iterate ();
      g_assert_cmpstr (hd_window_get_page_name (window), ==, names[i]);

      page = hd_window_get_page (window, names[i]);
      g_assert_nonnull (page);
      g_assert_true (gtk_widget_get_mapped (page));
      g_object_get (page, "store", &store, NULL);
      g_assert_true (store == hd_application_get_store (app));
    }

  fetcher = hd_ideas_page_get_fetcher (HD_IDEAS_PAGE (hd_window_get_page (window, "ideas")));
  g_assert_true (hd_feed_fetcher_get_session (fetcher) ==
                 hd_http_get_session (hd_application_get_http (app)));
  g_assert_null (hd_window_get_page (window, "no-such-page"));

  close_window (window);
}

static void
test_startup_empty_store (void)
{
  g_autoptr(HdApplication) app = new_application_remembering_own ();
  HdWindow *window;

  /* No file yet: it is made on the other thread, and the calendar then says how to begin. */
  window = hd_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (hd_window_get_view (window), ==, "loading");

  wait_until_store_settles (app);

  g_assert_nonnull (hd_application_get_store (app));
  g_assert_cmpstr (hd_window_get_view (window), ==, "workspace");
  g_assert_true (page_shows_status (window, "calendar"));

  close_window (window);
}

/* Overwrites a few pages in the middle of @path: the file still opens as a database, and only
 * PRAGMA quick_check finds the damage. */
static void
damage_pages (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  const gsize page_size = 4096;

  gsize first;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length % page_size, ==, 0);
  g_assert_cmpuint (length / page_size, >=, 4 * DAMAGED_PAGES);

  first = (length / page_size / 2) * page_size;
  for (gsize i = 0; i < DAMAGED_PAGES * page_size; i++)
    contents[first + i] = (char) (0x5a ^ i);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
check_error_page_leaves_file (const char *expected_words)
{
  g_autoptr(HdApplication) app = NULL;
  g_autofree char *path = hd_store_default_path ();
  g_autoptr(GBytes) before = read_file (path);
  g_autoptr(GBytes) after = NULL;
  HdWindow *window;
  const char *text;

  app = new_application_remembering_own ();
  window = hd_window_new (app);
  gtk_window_present (GTK_WINDOW (window));

  /* Not the error yet, and not the workspace: the check has not answered. */
  g_assert_cmpstr (hd_window_get_view (window), ==, "loading");

  wait_until_store_settles (app);

  g_assert_null (hd_application_get_store (app));
  g_assert_cmpstr (hd_window_get_view (window), ==, "error");
  text = hd_window_get_error_text (window);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, path));
  g_assert_nonnull (strstr (text, expected_words));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "new-post"));

  /* Nothing was written to the file the user may still want to rescue. */
  after = read_file (path);
  g_assert_true (g_bytes_equal (before, after));

  close_window (window);
}

static void
test_startup_damaged_store (void)
{
  g_autofree char *path = hd_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;

  write_filled_store ();
  damage_pages (path);

  /* The damage is where the test meant it: the file opens, the check refuses it. */
  store = hd_store_open (path, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CORRUPT);
  g_assert_null (store);

  check_error_page_leaves_file ("is damaged");
}

static void
test_startup_newer_store (void)
{
  g_autofree char *path = hd_store_default_path ();
  sqlite3 *db = NULL;

  write_filled_store ();
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  check_error_page_leaves_file ("newer version");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Also registers the shared test application, and with it the icons the window shows. */
  test_ui_init (&argc, &argv);

  g_test_add_func ("/herald/ui/startup/window-before-store", test_startup_window_before_store);
  g_test_add_func ("/herald/ui/startup/empty-store", test_startup_empty_store);
  g_test_add_func ("/herald/ui/startup/pages-built-when-shown",
                   test_startup_pages_built_when_shown);
  g_test_add_func ("/herald/ui/startup/damaged-store", test_startup_damaged_store);
  g_test_add_func ("/herald/ui/startup/newer-store", test_startup_newer_store);

  status = g_test_run ();
  g_object_unref (test_app);

  return status;
}
