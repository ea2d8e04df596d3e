/* test-background.c: Herald running on with its window closed, its notifications, the
 * preferences that govern both, Sync now and the return of the network.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-ui.h"

#include "hd-channels.h"
#include "hd-fake-mastodon.h"
#include "hd-preferences-window.h"
#include "hd-test-mastodon.h"
#include "hd-test-network-monitor.h"
#include "hd-test-notifier.h"
#include "hd-test-posts.h"
#include "hd-store-channels.h"
#include "hd-store-posts.h"

/* The Background portal, which lets a sandboxed Herald run with its window closed and starts
 * it at login. It says yes to everything and remembers the last request. */

static const char background_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "      <arg type='o' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static struct
{
  GDBusConnection *bus;
  GVariant        *options;
  guint            n_requests;
} portal;

static void
on_portal_method_call (GDBusConnection       *bus,
                       const char            *sender,
                       const char            *path,
                       const char            *interface,
                       const char            *method,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  g_autofree char *caller = g_strdup (sender + 1);
  g_autofree char *handle = NULL;
  GVariantBuilder results;
  const char *token = NULL;

  g_clear_pointer (&portal.options, g_variant_unref);
  g_variant_get (parameters, "(&s@a{sv})", NULL, &portal.options);
  portal.n_requests++;

  /* The request object lives where the caller knows to listen: its name and its token. */
  g_assert_true (g_variant_lookup (portal.options, "handle_token", "&s", &token));
  g_strdelimit (caller, ".", '_');
  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", caller, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", handle));

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&results, "{sv}", "autostart", g_variant_new_boolean (FALSE));
  g_dbus_connection_emit_signal (bus, sender, handle, "org.freedesktop.portal.Request",
                                 "Response", g_variant_new ("(ua{sv})", 0, &results), NULL);
}

static void
start_portal (void)
{
  static const GDBusInterfaceVTable vtable = { on_portal_method_call, NULL, NULL, { 0 } };

  portal.bus = hd_test_bus_serve (background_xml, "/org/freedesktop/portal/desktop",
                                  "org.freedesktop.portal.Desktop", &vtable);
}

/* Channels and posts */

/* A channel the store believes connected; nothing is sent to it unless a post comes due. */
static HdChannel *
add_connected_channel (HdChannelKind  kind,
                       const char    *name)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_handle (channel, name);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (hd_application_get_store (test_app), channel, &error);
  g_assert_no_error (error);

  return channel;
}

/* Preferences */

static AdwPreferencesRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_PREFERENCES_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *row = find_row (child, title);

      if (row != NULL)
        return row;
    }

  return NULL;
}

static GtkSwitch *
find_switch (GtkWidget *widget)
{
  if (GTK_IS_SWITCH (widget))
    return GTK_SWITCH (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkSwitch *toggle = find_switch (child);

      if (toggle != NULL)
        return toggle;
    }

  return NULL;
}

static void
test_preferences_bound (void)
{
  GSettings *settings = hd_application_get_settings (test_app);
  HdPreferencesWindow *prefs;
  AdwPreferencesRow *background_row;
  AdwPreferencesRow *login_row;
  AdwComboRow *late_row;
  GtkSwitch *background;
  GtkSwitch *login;

  g_settings_reset (settings, "run-in-background");
  g_settings_reset (settings, "start-at-login");
  g_settings_reset (settings, "late-grace-minutes");

  prefs = hd_preferences_window_new (settings, NULL);
  gtk_window_present (GTK_WINDOW (prefs));
  test_iterate ();

  background_row = find_row (GTK_WIDGET (prefs), "Run in the _background");
  login_row = find_row (GTK_WIDGET (prefs), "Start at _login");
  late_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (prefs), "Send _late posts"));
  g_assert_nonnull (background_row);
  g_assert_nonnull (login_row);
  g_assert_nonnull (late_row);
  background = find_switch (GTK_WIDGET (background_row));
  login = find_switch (GTK_WIDGET (login_row));

  /* Out of the box Herald keeps sending with its window closed, and sends up to a quarter of
   * an hour late. */
  g_assert_true (gtk_switch_get_active (background));
  g_assert_false (gtk_switch_get_active (login));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (login_row)));
  g_assert_cmpuint (adw_combo_row_get_selected (late_row), ==, 1);

  /* The switches write the settings... */
  gtk_switch_set_active (background, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
  /* ...and starting at login means nothing without running in the background. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (login_row)));

  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (gtk_switch_get_active (background));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (login_row)));

  gtk_switch_set_active (login, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "start-at-login"));

  adw_combo_row_set_selected (late_row, 3);
  g_assert_cmpuint (g_settings_get_uint (settings, "late-grace-minutes"), ==, 360);
  adw_combo_row_set_selected (late_row, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "late-grace-minutes"), ==, 0);
  g_settings_set_uint (settings, "late-grace-minutes", 60);
  g_assert_cmpuint (adw_combo_row_get_selected (late_row), ==, 2);
  /* A grace set elsewhere shows as the nearest choice, and stays as it was. */
  g_settings_set_uint (settings, "late-grace-minutes", 50);
  g_assert_cmpuint (adw_combo_row_get_selected (late_row), ==, 2);
  g_assert_cmpuint (g_settings_get_uint (settings, "late-grace-minutes"), ==, 50);

  gtk_window_destroy (GTK_WINDOW (prefs));
  test_iterate ();
  g_settings_reset (settings, "run-in-background");
  g_settings_reset (settings, "start-at-login");
  g_settings_reset (settings, "late-grace-minutes");
}

static void
test_autostart_entry (void)
{
  GSettings *settings = hd_application_get_settings (test_app);
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "autostart",
                                            APP_ID ".desktop", NULL);
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *start_group = NULL;

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("Inside Flatpak the Background portal keeps the autostart entry");
      return;
    }

  g_settings_reset (settings, "start-at-login");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_settings_set_boolean (settings, "start-at-login", TRUE);
  g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC,
                                &error);
  g_assert_no_error (error);
  /* At login Herald starts with no window. */
  g_assert_cmpstr (exec, ==, "herald --background");
  start_group = g_key_file_get_start_group (entry);
  g_assert_cmpstr (start_group, ==, G_KEY_FILE_DESKTOP_GROUP);

  g_settings_set_boolean (settings, "start-at-login", FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Closing the window, in a process of its own: GApplication runs only once. */

typedef struct
{
  HdPost   *post;
  guint     n_windows;
  gboolean  seen_background;
  gboolean  withdrawn;
} Run;

static gboolean
close_window_cb (gpointer user_data)
{
  GtkWindow *window = user_data;

  gtk_window_close (window);
  g_object_unref (window);

  return G_SOURCE_REMOVE;
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 Run            *run)
{
  run->n_windows++;
  /* The user closes the window as soon as it is up. */
  g_idle_add (close_window_cb, g_object_ref (window));
}

static gboolean
withdraw_post_cb (gpointer user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  /* The last post left to send goes back to a draft: nothing is left to wait for. */
  hd_post_set_state (run->post, HD_POST_STATE_DRAFT);
  hd_store_save_post (hd_application_get_store (test_app), run->post, &error);
  g_assert_no_error (error);
  run->withdrawn = TRUE;

  return G_SOURCE_REMOVE;
}

static void
on_in_background (HdApplication *app,
                  GParamSpec    *pspec,
                  Run           *run)
{
  if (!hd_application_get_in_background (app))
    return;

  run->seen_background = TRUE;
  /* Later than the next turn of the main loop, where a Herald nobody holds would quit. */
  if (run->post != NULL)
    g_timeout_add (500, withdraw_post_cb, run);
}

static gboolean
still_running_cb (gpointer user_data)
{
  g_error ("Herald was still running with nothing left to send");

  return G_SOURCE_REMOVE;
}

/* Runs Herald with @argv until it quits by itself. */
static void
run_until_quit (Run  *run,
                int   argc,
                char **argv)
{
  int status;

  g_signal_connect (test_app, "window-added", G_CALLBACK (on_window_added), run);
  g_signal_connect (test_app, "notify::in-background", G_CALLBACK (on_in_background), run);
  g_timeout_add_seconds (60, still_running_cb, NULL);

  status = g_application_run (G_APPLICATION (test_app), argc, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_false (hd_application_get_in_background (test_app));
}

/* Leaves the post in @run->post, owned. */
static void
run_with_tomorrows_post (Run      *run,
                         gboolean  in_background)
{
  g_autoptr(HdChannel) bluesky = NULL;

  g_settings_set_boolean (hd_application_get_settings (test_app), "run-in-background",
                          in_background);
  test_open_workspace (HD_WORKSPACE_OWN);
  bluesky = add_connected_channel (HD_CHANNEL_KIND_BLUESKY, "Bakery on Bluesky");
  /* Bluesky cannot hold a post for later: Herald must be running tomorrow to send it. */
  run->post = hd_test_schedule_post (test_app, "Tomorrow's bake",
                                     hd_test_now_seconds () + 24 * 60 * 60, bluesky);

  run_until_quit (run, 0, NULL);
}

static void
test_close_keeps_running (void)
{
  const char *expected_commandline[] = { "herald", "--background", NULL };
  g_autofree const char **commandline = NULL;
  const char *reason = NULL;
  gboolean autostart = TRUE;
  Run run = { 0 };

  start_portal ();
  run_with_tomorrows_post (&run, TRUE);

  /* The desktop was asked, with a reason to show, to let Herald run on; starting at login
   * is off until the user turns it on. */
  g_assert_cmpuint (portal.n_requests, ==, 1);
  g_assert_true (g_variant_lookup (portal.options, "reason", "&s", &reason));
  g_assert_cmpstr (reason, !=, "");
  g_assert_true (g_variant_lookup (portal.options, "autostart", "b", &autostart));
  g_assert_false (autostart);
  g_assert_true (g_variant_lookup (portal.options, "commandline", "^a&s", &commandline));
  g_assert_cmpstrv (commandline, expected_commandline);

  g_assert_cmpuint (run.n_windows, ==, 1);
  /* Herald stayed after the window closed, and went once the post no longer waited. */
  g_assert_true (run.seen_background);
  g_assert_true (run.withdrawn);
  g_clear_object (&run.post);
}

static void
test_close_without_background (void)
{
  Run run = { 0 };

  run_with_tomorrows_post (&run, FALSE);

  g_assert_cmpuint (run.n_windows, ==, 1);
  g_assert_false (run.seen_background);
  /* Nothing is lost: the post waits for the next time Herald runs. */
  g_assert_true (hd_test_post_state (test_app, run.post) == HD_POST_STATE_SCHEDULED);
  g_clear_object (&run.post);
}

static void
test_close_with_nothing_to_send (void)
{
  Run run = { 0 };
  g_autoptr(HdChannel) bluesky = NULL;

  test_open_workspace (HD_WORKSPACE_OWN);
  bluesky = add_connected_channel (HD_CHANNEL_KIND_BLUESKY, "Bakery on Bluesky");

  run_until_quit (&run, 0, NULL);

  g_assert_cmpuint (run.n_windows, ==, 1);
  g_assert_false (run.seen_background);
}

static void
test_start_hidden (void)
{
  char *argv[] = { "herald", "--background", NULL };
  g_autoptr(HdChannel) bluesky = NULL;
  g_autoptr(HdPost) post = NULL;
  Run run = { 0 };

  test_open_workspace (HD_WORKSPACE_OWN);
  bluesky = add_connected_channel (HD_CHANNEL_KIND_BLUESKY, "Bakery on Bluesky");
  post = hd_test_schedule_post (test_app, "Tomorrow's bake", hd_test_now_seconds () + 24 * 60 * 60,
                                bluesky);
  run.post = post;

  run_until_quit (&run, 2, argv);

  /* Started at login: no window, and running for as long as the post waited. */
  g_assert_cmpuint (run.n_windows, ==, 0);
  g_assert_true (run.seen_background);
  g_assert_true (run.withdrawn);
}

/* Runs the test @data in a process of its own. */
static void
test_in_subprocess (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      ((GTestFunc) data) ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Notifications while nobody looks at Herald */

static void
test_notifications (void)
{
  g_autoptr(HdTestNetworkMonitor) monitor = hd_test_use_network (test_app, TRUE);
  g_autoptr(HdFakeMastodon) fake = hd_fake_mastodon_new ();
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdPost) published = NULL;
  g_autoptr(HdPost) refused = NULL;
  g_autoptr(HdPost) missed = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_sent;
  g_autoptr(HdPost) first_waiting = NULL;
  g_autoptr(HdPost) second_waiting = NULL;
  g_autofree char *failed_id = NULL;
  g_autofree char *reconnect_id = NULL;
  GVariant *notification;
  const char *action = NULL;
  const char *page = NULL;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  channel = hd_test_connect_mastodon (test_app, fake);
  failed_id = g_strconcat ("failed-", hd_channel_get_id (channel), NULL);
  reconnect_id = g_strconcat ("reconnect-", hd_channel_get_id (channel), NULL);
  hd_test_notifier_forget_all ();

  /* No window: a post that goes out says so on the desktop, once for the round. */
  published = hd_test_schedule_post (test_app, "Fresh sourdough, out of the oven now",
                                     hd_test_now_seconds (), channel);
  test_wait_until (hd_test_notifier_find ("published") != NULL, 20);
  notification = hd_test_notifier_find ("published");
  g_assert_cmpstr (hd_test_notification_string (notification, "title"), ==, "1 post published");
  g_assert_nonnull (strstr (hd_test_notification_string (notification, "body"),
                            "Fresh sourdough, out of the oven now"));
  g_assert_true (g_variant_lookup (notification, "default-action", "&s", &action));
  g_assert_cmpstr (action, ==, "app.show-page");
  g_assert_true (hd_test_post_state (test_app, published) == HD_POST_STATE_PUBLISHED);

  /* A round that sends several says so in one notification, naming the first few. */
  test_wait_until (!hd_application_get_sending (test_app), 10);
  hd_test_notifier_forget_all ();
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *text = g_strdup_printf ("Market day special %u", i + 1);

      g_ptr_array_add (batch, hd_test_schedule_post (test_app, text, hd_test_now_seconds (),
                                                     channel));
    }
  test_wait_until (hd_test_notifier_find ("published") != NULL, 20);
  notification = hd_test_notifier_find ("published");
  g_assert_cmpstr (hd_test_notification_string (notification, "title"), ==, "4 posts published");
  g_assert_nonnull (strstr (hd_test_notification_string (notification, "body"),
                            "Market day special 1"));
  g_assert_nonnull (strstr (hd_test_notification_string (notification, "body"),
                            "and 1 more post"));

  /* A refusal names the platform and its reason. */
  hd_fake_server_add_fault (fake->server, "POST", "/api/v1/statuses", HD_FAKE_FAULT_STATUS, 422,
                            "{\"error\":\"Validation failed: Text is not allowed here\"}",
                            NULL, 0);
  refused = hd_test_schedule_post (test_app, "A post the server refuses", hd_test_now_seconds (),
                                   channel);
  test_wait_until (hd_test_notifier_find (failed_id) != NULL, 20);
  notification = hd_test_notifier_find (failed_id);
  g_assert_cmpstr (hd_test_notification_string (notification, "title"), ==,
                   "Post to Mastodon failed");
  g_assert_nonnull (strstr (hd_test_notification_string (notification, "body"),
                            "Text is not allowed here"));
  g_assert_true (g_variant_lookup (notification, "default-action", "&s", &action));
  g_assert_cmpstr (action, ==, "app.show-changes");

  /* Its time passed long ago, while Herald was not running: it is not sent that late
   * without asking. */
  test_wait_until (!hd_application_get_sending (test_app), 10);
  n_sent = hd_fake_server_count (fake->server, "POST", "/api/v1/statuses");
  missed = hd_test_schedule_post (test_app, "Breakfast special this morning",
                                  hd_test_now_seconds () - 2 * 60 * 60, channel);
  test_wait_until (hd_test_notifier_find ("missed") != NULL, 20);
  notification = hd_test_notifier_find ("missed");
  g_assert_cmpstr (hd_test_notification_string (notification, "title"), ==,
                   "A post missed its time");
  g_assert_true (g_variant_lookup (notification, "default-action", "&s", &action));
  g_assert_cmpstr (action, ==, "app.show-changes");
  g_assert_cmpuint (hd_fake_server_count (fake->server, "POST", "/api/v1/statuses"), ==, n_sent);

  /* Signed out on the platform: one notification counts the posts that wait. */
  test_wait_until (!hd_application_get_sending (test_app), 10);
  hd_fake_server_add_fault (fake->server, "POST", "/api/v1/statuses", HD_FAKE_FAULT_STATUS, 401,
                            "{\"error\":\"The access token is invalid\"}", NULL, 0);
  first_waiting = hd_test_schedule_post (test_app, "Closed on Monday", hd_test_now_seconds () - 60,
                                         channel);
  second_waiting = hd_test_schedule_post (test_app, "Open on Tuesday", hd_test_now_seconds () - 30,
                                          channel);
  test_wait_until (hd_test_notifier_find (reconnect_id) != NULL, 20);
  notification = hd_test_notifier_find (reconnect_id);
  g_assert_cmpstr (hd_test_notification_string (notification, "title"), ==,
                   "Reconnect Mastodon to send 2 posts");
  g_assert_true (g_variant_lookup (notification, "default-action", "&s", &action));
  g_assert_cmpstr (action, ==, "app.show-page");
  g_assert_true (g_variant_lookup (notification, "default-action-target", "&s", &page));
  g_assert_cmpstr (page, ==, "channels");

  /* Clicking it opens Herald on its Channels page. */
  g_assert_null (test_find_toplevel (HD_TYPE_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (test_app), "show-page",
                                  g_variant_new_string ("channels"));
  test_iterate ();
  window = HD_WINDOW (test_find_toplevel (HD_TYPE_WINDOW));
  g_assert_nonnull (window);
  g_assert_cmpstr (hd_window_get_page_name (window), ==, "channels");

  test_close_all ();
}

/* The network */

static gboolean
has_label_prefix (GtkWidget  *widget,
                  const char *prefix)
{
  if (GTK_IS_LABEL (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_prefix (child, prefix))
      return TRUE;

  return FALSE;
}

static void
test_offline_resumes (void)
{
  g_autoptr(HdTestNetworkMonitor) monitor = hd_test_use_network (test_app, FALSE);
  g_autoptr(HdFakeMastodon) fake = hd_fake_mastodon_new ();
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdPost) post = NULL;
  HdWindow *window;

  test_open_workspace (HD_WORKSPACE_OWN);
  channel = hd_test_connect_mastodon (test_app, fake);
  hd_fake_server_clear_requests (fake->server);
  window = test_open_window ();

  /* Offline, nothing is attempted, not even when asked. */
  post = hd_test_schedule_post (test_app, "Fresh sourdough", hd_test_now_seconds () - 60, channel);
  g_assert_false (hd_application_send_now (test_app));
  g_action_group_activate_action (G_ACTION_GROUP (test_app), "sync-now", NULL);
  g_assert_false (hd_application_get_sending (test_app));
  test_iterate ();
  /* Sync now says why nothing happens. */
  g_assert_true (has_label_prefix (GTK_WIDGET (window), "You are offline"));
  g_assert_cmpuint (hd_fake_server_count (fake->server, "POST", "/api/v1/statuses"), ==, 0);
  g_assert_true (hd_test_post_state (test_app, post) == HD_POST_STATE_SCHEDULED);

  /* The network comes back: the post goes without anyone pressing anything. */
  hd_test_network_monitor_set_available (monitor, TRUE);
  test_wait_until (hd_test_post_state (test_app, post) == HD_POST_STATE_PUBLISHED, 20);
  g_assert_cmpuint (hd_fake_server_count (fake->server, "POST", "/api/v1/statuses"), ==, 1);

  test_close_all ();
}

static void
test_late_grace (void)
{
  g_autoptr(HdTestNetworkMonitor) monitor = hd_test_use_network (test_app, TRUE);
  g_autoptr(HdFakeMastodon) fake = hd_fake_mastodon_new ();
  GSettings *settings = hd_application_get_settings (test_app);
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdPost) late = NULL;

  test_open_workspace (HD_WORKSPACE_OWN);
  channel = hd_test_connect_mastodon (test_app, fake);
  test_wait_until (!hd_application_get_sending (test_app), 10);

  /* Allowed six hours, a post two hours late still goes out by itself. */
  g_settings_set_uint (settings, "late-grace-minutes", 360);
  late = hd_test_schedule_post (test_app, "Fresh sourdough, still warm",
                                hd_test_now_seconds () - 2 * 60 * 60, channel);
  test_wait_until (hd_test_post_state (test_app, late) == HD_POST_STATE_PUBLISHED, 20);
  g_assert_cmpuint (hd_fake_server_count (fake->server, "POST", "/api/v1/statuses"), ==, 1);

  g_settings_reset (settings, "late-grace-minutes");
}

static void
test_sync_now (void)
{
  g_autoptr(HdTestNetworkMonitor) monitor = hd_test_use_network (test_app, TRUE);
  g_autoptr(HdFakeMastodon) fake = hd_fake_mastodon_new ();
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdPost) post = NULL;
  g_auto(GStrv) accels = NULL;

  test_open_workspace (HD_WORKSPACE_OWN);
  channel = hd_test_connect_mastodon (test_app, fake);
  test_wait_until (!hd_application_get_sending (test_app), 10);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (test_app), "app.sync-now");
  g_assert_true (g_strv_contains ((const char * const *) accels, "F5"));

  /* A fresh edit waits a moment for others to join it; Sync now does not wait. */
  post = hd_test_schedule_post (test_app, "Fresh sourdough", hd_test_now_seconds (), channel);
  g_assert_false (hd_application_get_sending (test_app));
  g_action_group_activate_action (G_ACTION_GROUP (test_app), "sync-now", NULL);
  g_assert_true (hd_application_get_sending (test_app));

  test_wait_until (hd_test_post_state (test_app, post) == HD_POST_STATE_PUBLISHED, 20);
  test_wait_until (!hd_application_get_sending (test_app), 10);
  g_assert_cmpuint (hd_fake_server_count (fake->server, "POST", "/api/v1/statuses"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  const char *system_data_dirs = g_getenv ("HERALD_TEST_SYSTEM_DATA_DIRS");
  int status;

  /* A test in a process of its own inherits the isolated data dirs of its parent, which hide
   * the system's icons and MIME database; give it the ones the parent started with. */
  if (system_data_dirs != NULL)
    g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  else
    g_setenv ("HERALD_TEST_SYSTEM_DATA_DIRS",
              g_getenv ("XDG_DATA_DIRS") != NULL ? g_getenv ("XDG_DATA_DIRS")
                                                 : "/usr/local/share:/usr/share",
              TRUE);

  test_ui_init (&argc, &argv);
  /* The parent holds the name; a test in a process of its own shows no notifications. */
  if (!g_test_subprocess ())
    hd_test_notifier_start ();

  g_test_add_func ("/herald/ui/background/preferences", test_preferences_bound);
  g_test_add_func ("/herald/ui/background/autostart", test_autostart_entry);
  g_test_add_data_func ("/herald/ui/background/close-keeps-running",
                        (gconstpointer) test_close_keeps_running, test_in_subprocess);
  g_test_add_data_func ("/herald/ui/background/close-without-background",
                        (gconstpointer) test_close_without_background, test_in_subprocess);
  g_test_add_data_func ("/herald/ui/background/close-with-nothing-to-send",
                        (gconstpointer) test_close_with_nothing_to_send, test_in_subprocess);
  g_test_add_data_func ("/herald/ui/background/start-hidden",
                        (gconstpointer) test_start_hidden, test_in_subprocess);
  g_test_add_func ("/herald/ui/background/notifications", test_notifications);
  g_test_add_func ("/herald/ui/background/offline-resumes", test_offline_resumes);
  g_test_add_func ("/herald/ui/background/late-grace", test_late_grace);
  g_test_add_func ("/herald/ui/background/sync-now", test_sync_now);

  status = g_test_run ();
  g_object_unref (test_app);

  return status;
}
