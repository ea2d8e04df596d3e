/* test-app-round.c: what the application's sync round reads back besides the posts it
 * sends: the figures the Reports page shows, and the comments a desktop notification
 * announces while nobody looks at Herald
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-ui.h"

#include <adwaita.h>

#include "hd-channels.h"
#include "hd-fake-mastodon.h"
#include "hd-store-channels.h"
#include "hd-store-inbox.h"
#include "hd-store-metrics.h"
#include "hd-store-posts.h"
#include "reports/hd-reports-page.h"
#include "reports/hd-top-posts.h"

/* A network monitor the test switches, so the round starts when the test says. */

#define TEST_TYPE_NETWORK_MONITOR (test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestNetworkMonitor, test_network_monitor, TEST, NETWORK_MONITOR, GObject)

struct _TestNetworkMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static gboolean
test_network_monitor_init_initable (GInitable     *initable,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  return TRUE;
}

static void
test_network_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_network_monitor_init_initable;
}

static gboolean
test_network_monitor_can_reach (GNetworkMonitor     *monitor,
                                GSocketConnectable  *connectable,
                                GCancellable        *cancellable,
                                GError             **error)
{
  return TEST_NETWORK_MONITOR (monitor)->available;
}

static void
test_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_network_monitor_can_reach;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNetworkMonitor, test_network_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_network_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      test_network_monitor_iface_init))

static void
test_network_monitor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TestNetworkMonitor *self = TEST_NETWORK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;

    case PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;

    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_network_monitor_class_init (TestNetworkMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_network_monitor_get_property;

  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
test_network_monitor_init (TestNetworkMonitor *self)
{
}

static void
set_network (TestNetworkMonitor *monitor,
             gboolean            available)
{
  if (monitor->available == available)
    return;

  monitor->available = available;
  g_object_notify (G_OBJECT (monitor), "network-available");
  g_signal_emit_by_name (monitor, "network-changed", available);
}

static TestNetworkMonitor *
use_network (gboolean available)
{
  TestNetworkMonitor *monitor = g_object_new (TEST_TYPE_NETWORK_MONITOR, NULL);

  monitor->available = available;
  hd_application_set_network_monitor (test_app, G_NETWORK_MONITOR (monitor));

  return monitor;
}

/* The desktop's notification server, as GNOME Shell offers it to GApplication, on a
 * connection of its own so that Herald reaches it over the bus like any other. */

#define BUS_CONNECTION_FLAGS (G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | \
                              G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION)

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static struct
{
  GDBusConnection *bus;
  GHashTable      *shown;    /* id → a{sv}, the latest */
  guint            n_added;
  gboolean         owned;
} notifier;

static void
on_notifier_method_call (GDBusConnection       *bus,
                         const char            *sender,
                         const char            *path,
                         const char            *interface,
                         const char            *method,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  const char *id;

  if (g_str_equal (method, "AddNotification"))
    {
      GVariant *notification;

      g_variant_get (parameters, "(&s&s@a{sv})", NULL, &id, &notification);
      g_hash_table_insert (notifier.shown, g_strdup (id), notification);
      notifier.n_added++;
    }
  else
    {
      g_variant_get (parameters, "(&s&s)", NULL, &id);
      g_hash_table_remove (notifier.shown, id);
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_notifier_name_acquired (GDBusConnection *bus,
                           const char      *name,
                           gpointer         user_data)
{
  notifier.owned = TRUE;
}

static void
start_notifier (void)
{
  static const GDBusInterfaceVTable vtable = { on_notifier_method_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL,
                                                               &error);

  g_assert_no_error (error);
  notifier.bus = g_dbus_connection_new_for_address_sync (address, BUS_CONNECTION_FLAGS, NULL,
                                                         NULL, &error);
  g_assert_no_error (error);
  notifier.shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_variant_unref);
  g_dbus_connection_register_object (notifier.bus, "/org/gtk/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (notifier.bus, "org.gtk.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_NONE, on_notifier_name_acquired,
                                NULL, NULL, NULL);
  test_wait_until (notifier.owned, 10);
}

static const char *
notification_string (GVariant   *notification,
                     const char *key)
{
  const char *value = NULL;

  g_variant_lookup (notification, key, "&s", &value);

  return value;
}

/* A Mastodon account connected through the app, as the channel wizard does it. */

typedef struct
{
  SoupSession *session;
  gboolean     done;
} Browser;

static void
on_page_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GBytes) page = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                             NULL);

  ((Browser *) user_data)->done = TRUE;
}

static void
play_browser (const char *uri,
              gpointer    user_data)
{
  Browser *browser = user_data;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  soup_session_send_and_read_async (browser->session, message, G_PRIORITY_DEFAULT, NULL,
                                    on_page_loaded, browser);
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static HdChannel *
connect_mastodon (HdFakeMastodon *fake)
{
  g_autoptr(HdMastodonConnect) connect = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Browser browser = { soup_session_new (), FALSE };
  HdChannel *channel;

  connect = hd_mastodon_connect_new (hd_application_get_http (test_app),
                                     hd_application_get_store (test_app),
                                     hd_fake_mastodon_get_url (fake), &error);
  g_assert_no_error (error);
  hd_mastodon_connect_authorize_async (connect, play_browser, &browser, NULL, store_result,
                                       &result);
  test_wait_until (result != NULL && browser.done, 20);
  channel = hd_mastodon_connect_authorize_finish (connect, result, &error);
  g_assert_no_error (error);
  g_object_unref (browser.session);

  return channel;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static HdPost *
schedule_post (const char *text,
               gint64      instant,
               HdChannel  *channel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdVariant) variant = hd_variant_new ();
  HdPost *post = hd_post_new ();

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, instant);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
  hd_post_add_variant (post, variant);
  hd_store_save_post (hd_application_get_store (test_app), post, &error);
  g_assert_no_error (error);

  return post;
}

static HdPostState
post_state (HdPost *post)
{
  g_autoptr(HdPost) loaded = hd_store_load_post (hd_application_get_store (test_app),
                                                 hd_post_get_id (post), NULL);

  return loaded != NULL ? hd_post_get_state (loaded) : HD_POST_STATE_IDEA;
}

static gboolean
has_followers (HdChannel *channel)
{
  g_autoptr(GListModel) counts = hd_store_list_metrics (hd_application_get_store (test_app),
                                                        HD_METRIC_SUBJECT_CHANNEL,
                                                        hd_channel_get_id (channel),
                                                        HD_METRIC_FOLLOWERS, 0, G_MAXINT64,
                                                        NULL);

  return counts != NULL && g_list_model_get_n_items (counts) > 0;
}

static gboolean
has_reactions (HdPost *post)
{
  g_autoptr(GListModel) counts = hd_store_list_metrics (hd_application_get_store (test_app),
                                                        HD_METRIC_SUBJECT_POST,
                                                        hd_post_get_id (post),
                                                        HD_METRIC_REACTIONS, 0, G_MAXINT64,
                                                        NULL);

  return counts != NULL && g_list_model_get_n_items (counts) > 0;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Each test in a process of its own: the app keeps one store and one set of senders. */
static gboolean
run_in_subprocess (void)
{
  if (g_test_subprocess ())
    return FALSE;

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return TRUE;
}

static void
test_metrics (void)
{
  g_autoptr(TestNetworkMonitor) monitor = NULL;
  g_autoptr(HdFakeMastodon) fake = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdPost) post = NULL;
  GtkWidget *window;
  HdReportsPage *page;
  HdReport *report;
  HdReportChannel *figures;
  HdTopPosts *table;
  g_autofree char *engagement = NULL;
  gint64 deadline;

  if (run_in_subprocess ())
    return;

  /* Offline until everything is in place, so the round below is the first. */
  monitor = use_network (FALSE);
  fake = hd_fake_mastodon_new ();
  test_open_workspace (HD_WORKSPACE_OWN);
  channel = connect_mastodon (fake);
  post = schedule_post ("Fresh sourdough", now_seconds () - 60, channel);

  /* The round sends the post, then reads back its figures and the account's followers. */
  set_network (monitor, TRUE);
  test_wait_until (post_state (post) == HD_POST_STATE_PUBLISHED, 20);
  test_wait_until (has_reactions (post) && has_followers (channel), 20);

  /* The Reports page shows what the platform gave: 5 favourites and 2 boosts, 120 followers. */
  window = gtk_window_new ();
  page = g_object_new (HD_TYPE_REPORTS_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), adw_toast_overlay_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (gtk_window_get_child (GTK_WINDOW (window))),
                               GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  gtk_window_present (GTK_WINDOW (window));
  hd_reports_page_set_store (page, hd_application_get_store (test_app));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (hd_reports_page_get_loading (page))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      test_iterate ();
    }
  test_iterate ();

  report = hd_reports_page_get_report (page);
  g_assert_nonnull (report);
  figures = hd_report_find_channel (report, hd_channel_get_id (channel));
  g_assert_nonnull (figures);
  g_assert_cmpint (figures->followers_end, ==, 120);
  table = HD_TOP_POSTS (find_widget (GTK_WIDGET (page), HD_TYPE_TOP_POSTS));
  g_assert_nonnull (table);
  g_assert_cmpuint (hd_top_posts_get_n_posts (table), ==, 1);
  g_assert_cmpstr (hd_top_posts_get_post_text (table, 0), ==, "Fresh sourdough");
  engagement = hd_top_posts_dup_figure (table, 0, HD_REPORT_COLUMN_ENGAGEMENT);
  g_assert_cmpstr (engagement, ==, "7");

  gtk_window_destroy (GTK_WINDOW (window));
  test_close_all ();
}

static void
test_new_comments (void)
{
  g_autoptr(TestNetworkMonitor) monitor = NULL;
  g_autoptr(HdFakeMastodon) fake = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(HdPost) post = NULL;
  GVariant *notification;
  const char *action = NULL;
  g_autoptr(GVariant) target = NULL;

  if (run_in_subprocess ())
    return;

  start_notifier ();
  monitor = use_network (FALSE);
  fake = hd_fake_mastodon_new ();
  test_open_workspace (HD_WORKSPACE_OWN);
  channel = connect_mastodon (fake);
  post = schedule_post ("Rye is back on Saturday", now_seconds () - 60, channel);

  /* Someone wrote to the bakery while Herald had no window open. */
  hd_fake_mastodon_add_notification (fake, "mention", "ann@example.org", "Ann",
                                     "@bakery Do you keep a loaf back for me?", NULL,
                                     hd_fake_mastodon_now (fake) - 30);
  set_network (monitor, TRUE);
  test_wait_until (g_hash_table_lookup (notifier.shown, "new-comments") != NULL, 20);

  /* It says how many, and clicking it opens the inbox. */
  notification = g_hash_table_lookup (notifier.shown, "new-comments");
  g_assert_cmpstr (notification_string (notification, "title"), ==, "1 new comment");
  g_assert_cmpstr (notification_string (notification, "body"), ==,
                   "Read and answer them in the inbox.");
  g_assert_true (g_variant_lookup (notification, "default-action", "&s", &action));
  g_assert_cmpstr (action, ==, "app.show-page");
  target = g_variant_lookup_value (notification, "default-action-target", G_VARIANT_TYPE_STRING);
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "inbox");

  test_close_all ();
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

  g_test_add_func ("/herald/ui/round/metrics", test_metrics);
  g_test_add_func ("/herald/ui/round/new-comments-notification", test_new_comments);

  status = g_test_run ();
  g_object_unref (test_app);

  return status;
}
