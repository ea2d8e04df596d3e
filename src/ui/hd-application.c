/* hd-application.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-ui"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <glib/gstdio.h>

#include "hd-application.h"
#include "hd-ui-resources.h"
#include "hd-preferences-window.h"
#include "hd-window.h"
#include "composer/hd-composer-window.h"
#include "channels/hd-channel-wizard.h"
#include "hd-store-channels.h"
#include "hd-store-outbox.h"
#include "hd-store-posts.h"
#include "hd-puller.h"
#include "hd-ads-puller.h"
#include "hd-ads-sender.h"
#include "hd-inbox-puller.h"
#include "hd-metrics-puller.h"
#include "hd-reply-sender.h"
#include "transfer/hd-export-dialog.h"
#include "transfer/hd-import-dialog.h"
#include "widgets/hd-toast.h"

/* How often, at most, the posts that went out are read back to see changes made on the
 * platforms: reads count against the same rate limits as sending. */
#define PULL_INTERVAL_SECONDS (15 * 60)
/* How often the outbox is looked at for posts that have come due. */
#define SEND_INTERVAL_SECONDS 60
/* A burst of edits to the outbox starts one round, not one per edit. */
#define SEND_SETTLE_MS 300
/* What the autostart entry and the Background portal start: Herald without a window. */
#define BACKGROUND_COMMAND "herald", "--background"
/* Who shows GNotifications outside a sandbox: GNOME Shell answers to both, other desktops
 * to the second. */
static const char *notifier_names[] = { "org.gtk.Notifications", "org.freedesktop.Notifications" };

/* How many posts a notification about published posts names before it only counts. */
#define MAX_NAMED_POSTS 3

struct _HdApplication
{
  AdwApplication parent_instance;

  /* owned references */
  GSettings    *settings;
  HdStore      *store;
  GError       *store_error;
  HdHttp       *http;
  HdSender     *sender;
  HdPuller     *puller;
  HdAdsSender  *ads_sender;
  HdAdsPuller  *ads_puller;
  HdInboxPuller *inbox_puller;
  HdMetricsPuller *metrics_puller;
  HdReplySender *reply_sender;
  GCancellable *send_cancellable;
  /* set while a store is opened on another thread for the window */
  GCancellable *open_cancellable;
  GNetworkMonitor *network_monitor;

  /* source ids */
  guint         send_timer;
  guint         send_settle;
  guint         portal_response_id;
  guint         notifier_watch[2];

  /* which of notifier_names has an owner on the session bus */
  gboolean      notifier_present[2];

  HdOAuthOpenUriFunc open_uri;
  gpointer           open_uri_data;

  HdWorkspace workspace;
  gboolean    store_tried;
  gboolean    sending;
  gboolean    pulling;
  /* Unix seconds of the last pull's start, 0 before the first */
  gint64      pulled_at;
  /* the outbox changed while a round ran: look again once it ends */
  gboolean    send_again;
  /* started with --background: the first activation opens no window */
  gboolean    start_hidden;
  /* held with no window open, for the posts still to send */
  gboolean    in_background;
  /* Quit was chosen: closing the windows ends Herald, whatever waits */
  gboolean    quitting;
};

G_DEFINE_FINAL_TYPE (HdApplication, hd_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  PROP_WORKSPACE,
  PROP_STORE_LOADING,
  PROP_SENDING,
  PROP_IN_BACKGROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep the database in DIR instead of the usual place"), N_("DIR") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start without a window and send the posts that are due"), NULL },
  { NULL }
};

HdApplication *
hd_application_new (void)
{
  return g_object_new (HD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

GSettings *
hd_application_get_settings (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  return self->settings;
}

HdWorkspace
hd_application_get_workspace (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), HD_WORKSPACE_UNCHOSEN);

  return self->workspace;
}

HdStore *
hd_application_get_store (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  return self->store;
}

const GError *
hd_application_get_store_error (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  return self->store_error;
}

HdHttp *
hd_application_get_http (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  return self->http;
}

HdSender *
hd_application_get_sender (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  return self->sender;
}

HdAdsSender *
hd_application_get_ads_sender (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  return self->ads_sender;
}

gboolean
hd_application_get_sending (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), FALSE);

  return self->sending;
}

gboolean
hd_application_get_in_background (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), FALSE);

  return self->in_background;
}

void
hd_application_set_open_uri_func (HdApplication      *self,
                                  HdOAuthOpenUriFunc  func,
                                  gpointer            user_data)
{
  g_return_if_fail (HD_IS_APPLICATION (self));

  self->open_uri = func;
  self->open_uri_data = user_data;
}

HdOAuthOpenUriFunc
hd_application_get_open_uri_func (HdApplication *self,
                                  gpointer      *user_data)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  if (user_data != NULL)
    *user_data = self->open_uri_data;

  return self->open_uri;
}

static gboolean
is_sample_store (HdStore *store)
{
  g_autofree char *sample = hd_store_sample_path ();

  return store != NULL && g_strcmp0 (hd_store_get_path (store), sample) == 0;
}

static void
set_sending (HdApplication *self,
             gboolean       sending)
{
  if (self->sending == sending)
    return;

  self->sending = sending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
}

static GtkWidget *
get_main_window (HdApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* A composer or dialog in front is no place for a toast about the whole workspace. */
  while (active != NULL && gtk_window_get_transient_for (active) != NULL)
    active = gtk_window_get_transient_for (active);

  return active != NULL ? GTK_WIDGET (active) : NULL;
}

static void
toast_failure (HdApplication    *self,
               GtkWidget        *window,
               const HdSendItem *item)
{
  g_autoptr(HdChannel) channel = hd_store_load_channel (self->store, item->channel_id, NULL);
  g_autoptr(HdChange) change = hd_store_load_change (self->store, item->change_id, NULL);
  const char *platform = channel != NULL
                         ? hd_channel_kind_to_label (hd_channel_get_kind (channel)) : "";
  const char *name = item->channel_name != NULL ? item->channel_name : "";
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (item->outcome == HD_SEND_OUTCOME_NEEDS_RECONNECT)
    {
      /* TRANSLATORS: the account's name, then its platform */
      title = g_strdup_printf (_("%s on %s needs reconnecting; its posts wait until then"),
                               name, platform);
      toast = hd_toast_new_plain (title);
      adw_toast_set_button_label (toast, _("_Reconnect"));
      adw_toast_set_action_name (toast, "app.reconnect-channel");
      adw_toast_set_action_target_value (toast, g_variant_new_string (item->channel_id));
      adw_toast_set_timeout (toast, 0);
    }
  else
    {
      const char *reason = change != NULL && change->last_error != NULL
                           ? change->last_error : item->sentence;

      /* TRANSLATORS: the account's name, its platform and the platform's reason */
      title = g_strdup_printf (_("Could not post to %s on %s: %s"), name, platform, reason);
      toast = hd_toast_new_plain (title);
      adw_toast_set_timeout (toast, 0);
    }

  if (window == NULL || !hd_toast_show (window, toast))
    g_message ("%s", title);
}

/* TRUE while one of Herald's windows has the focus: what a round did is shown there. */
static gboolean
is_focused (HdApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (gtk_widget_get_visible (l->data) && gtk_window_is_active (l->data))
      return TRUE;

  return FALSE;
}

static const char *
get_platform_label (HdApplication    *self,
                    const HdSendItem *item)
{
  g_autoptr(HdChannel) channel = hd_store_load_channel (self->store, item->channel_id, NULL);

  return channel != NULL ? hd_channel_kind_to_label (hd_channel_get_kind (channel)) : "";
}

/* Published means a publish row that went out, or turned out to have gone out before. */
static gboolean
is_published (HdApplication    *self,
              const HdSendItem *item)
{
  g_autoptr(HdChange) change = NULL;

  if (item->outcome != HD_SEND_OUTCOME_SENT && item->outcome != HD_SEND_OUTCOME_CONFIRMED)
    return FALSE;

  change = hd_store_load_change (self->store, item->change_id, NULL);

  return change != NULL && g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_PUBLISH) == 0;
}

/* One notification for the whole round, however many posts went out: the first few named. */
static void
notify_published (HdApplication *self,
                  HdSendReport  *report)
{
  g_autoptr(GHashTable) posts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  guint n_posts;

  for (guint i = 0; i < hd_send_report_get_n_items (report); i++)
    {
      const HdSendItem *item = hd_send_report_get_item (report, i);

      if (item->post_id == NULL || !is_published (self, item) ||
          !g_hash_table_add (posts, item->post_id))
        continue;

      if (g_hash_table_size (posts) > MAX_NAMED_POSTS)
        continue;
      if (body->len > 0)
        g_string_append_c (body, '\n');
      /* TRANSLATORS: the first words of a post, then the account it went out on */
      g_string_append_printf (body, _("“%s” on %s"),
                              item->excerpt != NULL && *item->excerpt != '\0'
                              ? item->excerpt : _("No text yet"),
                              item->channel_name != NULL ? item->channel_name : "");
    }

  n_posts = g_hash_table_size (posts);
  if (n_posts == 0)
    return;

  if (n_posts > MAX_NAMED_POSTS)
    {
      g_string_append_c (body, '\n');
      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE, "and %u more post",
                                           "and %u more posts", n_posts - MAX_NAMED_POSTS),
                              n_posts - MAX_NAMED_POSTS);
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post published",
                                        "%u posts published", n_posts),
                           n_posts);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s",
                                                 "calendar");
  g_application_send_notification (G_APPLICATION (self), "published", notification);
}

static void
notify_failure (HdApplication    *self,
                const HdSendItem *item)
{
  g_autoptr(HdChange) change = hd_store_load_change (self->store, item->change_id, NULL);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  const char *reason = change != NULL && change->last_error != NULL
                       ? change->last_error : item->sentence;

  /* TRANSLATORS: the platform, such as "Bluesky" */
  title = g_strdup_printf (_("Post to %s failed"), get_platform_label (self, item));
  notification = g_notification_new (title);
  g_notification_set_body (notification, reason);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action (notification, "app.show-changes");
  /* A second failure on the channel replaces the first rather than piling up. */
  id = g_strconcat ("failed-", item->channel_id, NULL);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* The posts that wait for the channel: the one refused and those queued behind it. */
static guint
count_waiting (HdApplication *self,
               const char    *channel_id)
{
  g_autoptr(GPtrArray) pending = hd_store_list_changes (self->store, channel_id,
                                                        HD_OUTBOX_STATE_PENDING, NULL);
  g_autoptr(GPtrArray) unconfirmed = hd_store_list_changes (self->store, channel_id,
                                                            HD_OUTBOX_STATE_UNCONFIRMED, NULL);

  return (pending != NULL ? pending->len : 0) + (unconfirmed != NULL ? unconfirmed->len : 0);
}

static void
notify_reconnect (HdApplication    *self,
                  const HdSendItem *item)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  guint n_waiting = MAX (count_waiting (self, item->channel_id), 1);

  /* TRANSLATORS: the platform, such as "Mastodon", then how many posts wait for it */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reconnect %s to send %u post",
                                        "Reconnect %s to send %u posts", n_waiting),
                           get_platform_label (self, item), n_waiting);
  /* TRANSLATORS: the account's name */
  body = g_strdup_printf (_("%s no longer accepts Herald’s sign-in; its posts wait until you "
                            "sign in again"),
                          item->channel_name != NULL ? item->channel_name : "");
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s",
                                                 "channels");
  g_notification_add_button_with_target (notification, _("Reconnect"),
                                         "app.reconnect-channel", "s", item->channel_id);
  id = g_strconcat ("reconnect-", item->channel_id, NULL);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static gboolean
is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
on_notifier_appeared (GDBusConnection *bus,
                      const char      *name,
                      const char      *owner,
                      gpointer         user_data)
{
  HdApplication *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (notifier_names); i++)
    if (g_str_equal (name, notifier_names[i]))
      self->notifier_present[i] = TRUE;
}

static void
on_notifier_vanished (GDBusConnection *bus,
                      const char      *name,
                      gpointer         user_data)
{
  HdApplication *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (notifier_names); i++)
    if (g_str_equal (name, notifier_names[i]))
      self->notifier_present[i] = FALSE;
}

/* A session with nobody to show notifications (a bare X server, a kiosk) gets none, rather
 * than a warning from GLib at each round. Inside Flatpak the portal decides. */
static void
watch_notifiers (HdApplication *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));

  if (bus == NULL || is_sandboxed ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (notifier_names); i++)
    self->notifier_watch[i] =
      g_bus_watch_name_on_connection (bus, notifier_names[i],
                                      G_BUS_NAME_WATCHER_FLAGS_AUTO_START,
                                      on_notifier_appeared, on_notifier_vanished, self, NULL);
}

static void
unwatch_notifiers (HdApplication *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (notifier_names); i++)
    g_clear_handle_id (&self->notifier_watch[i], g_bus_unwatch_name);
}

static gboolean
can_notify (HdApplication *self)
{
  if (is_sandboxed ())
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (notifier_names); i++)
    if (self->notifier_present[i])
      return TRUE;

  return FALSE;
}

static void
notify_missed (HdApplication *self,
               guint          n_missed)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  if (n_missed == 1)
    title = g_strdup (_("A post missed its time"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u post missed its time",
                                          "%u posts missed their time", n_missed),
                             n_missed);
  notification = g_notification_new (title);
  g_notification_set_body (notification,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "Herald was not running when it was due. Send it now "
                                        "or choose a new time.",
                                        "Herald was not running when they were due. Send them "
                                        "now or choose new times.",
                                        n_missed));
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action (notification, "app.show-changes");
  g_application_send_notification (G_APPLICATION (self), "missed", notification);
}

/* Nobody is looking at Herald: say what the round did on the desktop instead. */
static void
notify_round (HdApplication *self,
              HdSendReport  *report)
{
  g_autoptr(GHashTable) told = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_missed = hd_send_report_count (report, HD_SEND_OUTCOME_MISSED);

  notify_published (self, report);
  if (n_missed > 0)
    notify_missed (self, n_missed);

  for (guint i = 0; i < hd_send_report_get_n_items (report); i++)
    {
      const HdSendItem *item = hd_send_report_get_item (report, i);

      if (item->outcome == HD_SEND_OUTCOME_FAILED)
        notify_failure (self, item);
      /* One per channel, counting the posts that wait for it. */
      else if (item->outcome == HD_SEND_OUTCOME_NEEDS_RECONNECT &&
               g_hash_table_add (told, item->channel_id))
        notify_reconnect (self, item);
    }
}

static void
toast_missed (GtkWidget *window,
              guint      n_missed)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u post missed its time while Herald was not running",
                                        "%u posts missed their time while Herald was not running",
                                        n_missed),
                           n_missed);
  toast = hd_toast_new_plain (title);
  adw_toast_set_button_label (toast, _("_Review"));
  adw_toast_set_action_name (toast, "app.show-changes");
  adw_toast_set_timeout (toast, 0);

  if (window == NULL || !hd_toast_show (window, toast))
    g_message ("%s", title);
}

static void
report_round (HdApplication *self,
              HdSendReport  *report)
{
  GtkWidget *window = get_main_window (self);
  g_autoptr(GHashTable) told = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_missed = hd_send_report_count (report, HD_SEND_OUTCOME_MISSED);

  if (n_missed > 0)
    toast_missed (window, n_missed);

  /* The toasts stay in the window for when the user comes back to it. */
  for (guint i = 0; i < hd_send_report_get_n_items (report); i++)
    {
      const HdSendItem *item = hd_send_report_get_item (report, i);

      if (item->outcome == HD_SEND_OUTCOME_FAILED)
        toast_failure (self, window, item);
      /* One reconnect is enough however many posts of the channel wait. */
      else if (item->outcome == HD_SEND_OUTCOME_NEEDS_RECONNECT &&
               g_hash_table_add (told, item->channel_id))
        toast_failure (self, window, item);
    }

  if (!is_focused (self) && can_notify (self))
    notify_round (self, report);
}

static void
on_background_response (GDBusConnection *bus,
                        const char      *sender_name,
                        const char      *object_path,
                        const char      *interface_name,
                        const char      *signal_name,
                        GVariant        *parameters,
                        gpointer         user_data)
{
  HdApplication *self = user_data;
  g_autoptr(GVariant) results = NULL;
  gboolean allowed = TRUE;
  guint32 response;

  g_dbus_connection_signal_unsubscribe (bus, self->portal_response_id);
  self->portal_response_id = 0;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &allowed);
  if (response != 0 || !allowed)
    g_message ("The system did not let Herald run in the background; the posts it publishes "
               "itself wait until it runs again");
}

static void
background_requested_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(HdApplication) self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply != NULL)
    return;

  /* Without the portal (no Flatpak, an older desktop) nobody needs asking. */
  g_debug ("Did not ask to run in the background: %s", error->message);
  if (self->portal_response_id != 0)
    g_dbus_connection_signal_unsubscribe (G_DBUS_CONNECTION (object), self->portal_response_id);
  self->portal_response_id = 0;
}

/* Asks the Background portal to let Herald run with no window, and inside Flatpak to start
 * it at login as the preference says: the sandbox cannot write an autostart entry itself. */
static void
request_background (HdApplication *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  const char *commandline[] = { BACKGROUND_COMMAND, NULL };
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *handle = NULL;
  GVariantBuilder options;

  if (bus == NULL || g_dbus_connection_get_unique_name (bus) == NULL)
    return;

  /* The portal answers on a request object whose path the caller can know in advance, so
   * the answer cannot arrive before anyone listens for it. */
  token = g_strdup_printf ("herald%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);
  g_strdelimit (sender, ".", '_');
  handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", sender, token);

  if (self->portal_response_id != 0)
    g_dbus_connection_signal_unsubscribe (bus, self->portal_response_id);
  self->portal_response_id =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.portal.Desktop",
                                        "org.freedesktop.portal.Request", "Response", handle,
                                        NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_background_response, self, NULL);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Herald sends your scheduled posts at their "
                                                 "time while its window is closed")));
  g_variant_builder_add (&options, "{sv}", "autostart",
                         g_variant_new_boolean (is_sandboxed () &&
                                                g_settings_get_boolean (self->settings,
                                                                        "start-at-login")));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (bus, "org.freedesktop.portal.Desktop",
                          "/org/freedesktop/portal/desktop",
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          background_requested_cb, g_object_ref (self));
}

static char *
get_autostart_path (void)
{
  g_autofree char *name = g_strconcat (APP_ID, ".desktop", NULL);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

/* Outside a sandbox the entry in ~/.config/autostart follows the preference. */
static void
update_autostart_entry (HdApplication *self)
{
  g_autofree char *path = get_autostart_path ();
  g_autofree char *dir = NULL;
  g_autoptr(GKeyFile) entry = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_settings_get_boolean (self->settings, "start-at-login"))
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS) && g_unlink (path) != 0)
        g_warning ("Could not remove %s: %s", path, g_strerror (errno));
      return;
    }

  entry = g_key_file_new ();
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NAME,
                         _("Herald"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Sends your scheduled posts at their time"));
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_ICON, APP_ID);
  g_key_file_set_string (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC,
                         "herald --background");
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_TERMINAL,
                          FALSE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY,
                          TRUE);
  g_key_file_set_boolean (entry, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", TRUE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_warning ("Could not create %s: %s", dir, g_strerror (errno));
  else if (!g_key_file_save_to_file (entry, path, &error))
    g_warning ("Could not write %s: %s", path, error->message);
}

static void
on_start_at_login_changed (HdApplication *self)
{
  if (is_sandboxed ())
    request_background (self);
  else
    update_autostart_entry (self);
}

/* Whether anything waits that only a running Herald sends: rows not out yet on channels that
 * can take them. A channel that needs reconnecting waits for the user, not for time. */
static gboolean
has_background_work (HdApplication *self)
{
  static const HdOutboxState waiting[] = {
    HD_OUTBOX_STATE_PENDING, HD_OUTBOX_STATE_UNCONFIRMED, HD_OUTBOX_STATE_IN_FLIGHT,
  };
  g_autoptr(GHashTable) connected = NULL;
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GError) error = NULL;

  if (self->sender == NULL)
    return FALSE;

  channels = hd_store_list_channels (self->store, &error);
  if (channels == NULL)
    {
      g_warning ("Could not look for posts left to send: %s", error->message);
      return FALSE;
    }

  connected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      if (hd_channel_get_state (channel) == HD_CHANNEL_STATE_CONNECTED)
        g_hash_table_add (connected, g_strdup (hd_channel_get_id (channel)));
    }

  for (guint s = 0; s < G_N_ELEMENTS (waiting); s++)
    {
      g_autoptr(GPtrArray) changes = hd_store_list_changes (self->store, NULL, waiting[s],
                                                            &error);

      if (changes == NULL)
        {
          g_warning ("Could not look for posts left to send: %s", error->message);
          return FALSE;
        }

      for (guint i = 0; i < changes->len; i++)
        {
          HdChange *change = g_ptr_array_index (changes, i);

          if (change->channel_id != NULL && g_hash_table_contains (connected, change->channel_id))
            return TRUE;
        }
    }

  return FALSE;
}

static void
set_in_background (HdApplication *self,
                   gboolean       in_background)
{
  if (self->in_background == in_background)
    return;

  self->in_background = in_background;
  if (in_background)
    {
      g_application_hold (G_APPLICATION (self));
      request_background (self);
    }
  else
    {
      g_application_release (G_APPLICATION (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IN_BACKGROUND]);
}

/* Herald stays once its last window has closed while posts are still to go, if the user
 * lets it, and goes as soon as none are left. An open window holds Herald by itself. */
static void
update_background (HdApplication *self)
{
  gboolean stay = !self->quitting
                  && gtk_application_get_windows (GTK_APPLICATION (self)) == NULL
                  && g_settings_get_boolean (self->settings, "run-in-background")
                  && has_background_work (self);

  set_in_background (self, stay);
}

static void schedule_round (HdApplication *self);

/* A round reads through many posts once and then nothing for a quarter of an hour: the pages
 * and rows it used go back to the system instead of staying with Herald until the next. */
static void
release_round_memory (HdApplication *self)
{
  if (self->store != NULL)
    hd_store_release_memory (self->store);
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static void
pulled_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HdApplication) self = user_data;
  g_autoptr(HdPullReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = hd_puller_pull_finish (HD_PULLER (object), result, &error);
  if (report == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read posts back: %s", error->message);

  for (guint i = 0; report != NULL && i < report->problems->len; i++)
    g_debug ("Reading back: %s", (const char *) g_ptr_array_index (report->problems, i));

  if (HD_PULLER (object) == self->puller)
    self->pulling = FALSE;
  release_round_memory (self);
}

static void
ads_pulled_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_ads_puller_pull_finish (HD_ADS_PULLER (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read campaigns back: %s", error->message);
  release_round_memory (self);
}

/* Nobody is looking at Herald: say on the desktop that people wrote back. */
static void
notify_new_comments (HdApplication *self,
                     guint          n_new)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = hd_inbox_pull_describe_new (n_new);

  notification = g_notification_new (title);
  g_notification_set_body (notification, _("Read and answer them in the inbox."));
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", "inbox");
  g_application_send_notification (G_APPLICATION (self), "new-comments", notification);
}

static void
inbox_pulled_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HdApplication) self = user_data;
  g_autoptr(HdInboxPullReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = hd_inbox_puller_pull_finish (HD_INBOX_PULLER (object), result, &error);
  release_round_memory (self);
  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
        g_warning ("Could not read the inbox: %s", error->message);
      return;
    }

  for (guint i = 0; i < report->problems->len; i++)
    g_debug ("Reading the inbox: %s", (const char *) g_ptr_array_index (report->problems, i));

  if (report->n_new > 0 && !is_focused (self) && can_notify (self))
    notify_new_comments (self, report->n_new);
}

static void
metrics_pulled_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HdApplication) self = user_data;
  g_autoptr(HdMetricsPullReport) report = NULL;
  g_autoptr(GError) error = NULL;

  /* The Reports page reads what was stored; a channel that could not be read says why in
   * the debug log and is tried again next round. */
  report = hd_metrics_puller_pull_finish (HD_METRICS_PULLER (object), result, &error);
  if (report == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    g_warning ("Could not read the posts' figures: %s", error->message);
  release_round_memory (self);
}

static void
replies_sent_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* What became of each answer shows in its thread and in the Changes view. */
  if (!hd_reply_sender_send_due_finish (HD_REPLY_SENDER (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    g_warning ("Could not send answers: %s", error->message);
}

/* After a send round, at most every PULL_INTERVAL_SECONDS while online: conflicts it finds
 * show in the Changes view through the store. */
static void
maybe_pull (HdApplication *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->puller == NULL || self->pulling ||
      !g_network_monitor_get_network_available (self->network_monitor) ||
      (self->pulled_at != 0 && now - self->pulled_at < PULL_INTERVAL_SECONDS))
    return;

  self->pulling = TRUE;
  self->pulled_at = now;
  hd_puller_pull_async (self->puller, now, self->send_cancellable, pulled_cb,
                        g_object_ref (self));

  /* Campaigns are read back in the same round: changes made in Ads Manager, daily results. */
  if (self->ads_puller != NULL)
    hd_ads_puller_pull_async (self->ads_puller, now, self->send_cancellable, ads_pulled_cb,
                              g_object_ref (self));

  /* Comments, replies and mentions too, from where the last look stopped. */
  if (self->inbox_puller != NULL)
    hd_inbox_puller_pull_async (self->inbox_puller, now, self->send_cancellable,
                                inbox_pulled_cb, g_object_ref (self));

  /* And the figures of posts and channels that are due for reading. */
  if (self->metrics_puller != NULL)
    hd_metrics_puller_pull_async (self->metrics_puller, now, self->send_cancellable,
                                  metrics_pulled_cb, g_object_ref (self));
}

static void
ads_sent_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!hd_ads_sender_send_due_finish (HD_ADS_SENDER (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    g_warning ("Could not send campaign changes: %s", error->message);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HdApplication) self = user_data;
  g_autoptr(HdSendReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!hd_sender_send_due_finish (HD_SENDER (object), result, &report, &error))
    {
      /* `herald sync` or another Herald sends meanwhile; the next round tries again. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
        g_debug ("Not sending: %s", error->message);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not send: %s", error->message);
    }

  if (HD_SENDER (object) != self->sender)
    return;

  /* Answers written in the inbox go in the same round, under the same lock, and start
   * before the campaign changes: each sender looks for rows left in flight as it starts. */
  if (report != NULL && self->reply_sender != NULL &&
      !hd_reply_sender_get_running (self->reply_sender))
    hd_reply_sender_send_due_async (self->reply_sender, g_get_real_time () / G_USEC_PER_SEC,
                                    self->send_cancellable, replies_sent_cb, NULL);

  /* Campaign changes go in the same round, after the posts, under the same lock. */
  if (report != NULL && self->ads_sender != NULL &&
      !hd_ads_sender_get_running (self->ads_sender))
    hd_ads_sender_send_due_async (self->ads_sender, g_get_real_time () / G_USEC_PER_SEC,
                                  self->send_cancellable, ads_sent_cb, NULL);

  set_sending (self, FALSE);
  if (report != NULL && self->store != NULL)
    report_round (self, report);
  if (report != NULL)
    maybe_pull (self);

  if (self->send_again)
    schedule_round (self);
  else
    update_background (self);
}

gboolean
hd_application_send_now (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), FALSE);

  g_clear_handle_id (&self->send_settle, g_source_remove);

  if (self->sender == NULL || !g_network_monitor_get_network_available (self->network_monitor))
    return FALSE;

  if (self->sending)
    {
      self->send_again = TRUE;
      return FALSE;
    }

  self->send_again = FALSE;
  set_sending (self, TRUE);
  hd_sender_send_due_async (self->sender, g_get_real_time () / G_USEC_PER_SEC,
                            self->send_cancellable, sent_cb, g_object_ref (self));

  return TRUE;
}

static gboolean
send_settled_cb (gpointer user_data)
{
  HdApplication *self = user_data;

  self->send_settle = 0;
  hd_application_send_now (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_round (HdApplication *self)
{
  if (self->sender == NULL)
    return;

  if (self->sending)
    {
      self->send_again = TRUE;
      return;
    }

  g_clear_handle_id (&self->send_settle, g_source_remove);
  self->send_settle = g_timeout_add (SEND_SETTLE_MS, send_settled_cb, self);
}

static gboolean
send_timer_cb (gpointer user_data)
{
  hd_application_send_now (HD_APPLICATION (user_data));

  return G_SOURCE_CONTINUE;
}

static void
on_outbox_changed (HdApplication *self)
{
  /* A round's own writes land here too; they only ask for one more look, which finds
   * nothing due and stops. */
  schedule_round (self);

  /* The last post waiting may have gone another way (deleted, back to draft), with no round
   * to notice it while offline. */
  if (self->in_background)
    update_background (self);
}

static void
on_network_changed (HdApplication *self)
{
  if (g_network_monitor_get_network_available (self->network_monitor))
    schedule_round (self);
}

void
hd_application_set_network_monitor (HdApplication   *self,
                                    GNetworkMonitor *monitor)
{
  g_return_if_fail (HD_IS_APPLICATION (self));
  g_return_if_fail (G_IS_NETWORK_MONITOR (monitor));

  if (self->network_monitor == monitor)
    return;

  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->network_monitor, on_network_changed, self);
  g_set_object (&self->network_monitor, monitor);
  g_signal_connect_object (monitor, "notify::network-available",
                           G_CALLBACK (on_network_changed), self, G_CONNECT_SWAPPED);
  on_network_changed (self);
}

GNetworkMonitor *
hd_application_get_network_monitor (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  return self->network_monitor;
}

/* Even with "never send late", a post Herald reaches on its usual round a minute after its
 * time is not late: only one whose time passed while Herald could not run is. */
static void
apply_late_grace (HdApplication *self)
{
  guint minutes = g_settings_get_uint (self->settings, "late-grace-minutes");

  if (self->sender != NULL)
    hd_sender_set_late_grace (self->sender,
                              MAX ((gint64) minutes * 60, 2 * SEND_INTERVAL_SECONDS));
}

/* The sender follows the open store: a round of the old one is stopped, and a store that
 * is the sample never gets one. */
static void
replace_sender (HdApplication *self)
{
  g_autoptr(GError) error = NULL;
  guint n_recovered = 0;

  g_cancellable_cancel (self->send_cancellable);
  g_clear_object (&self->send_cancellable);
  g_clear_handle_id (&self->send_settle, g_source_remove);
  if (self->sender != NULL)
    g_signal_handlers_disconnect_by_func (hd_sender_get_store (self->sender),
                                          on_outbox_changed, self);
  g_clear_object (&self->ads_sender);
  g_clear_object (&self->ads_puller);
  g_clear_object (&self->sender);
  g_clear_object (&self->inbox_puller);
  g_clear_object (&self->metrics_puller);
  g_clear_object (&self->reply_sender);
  g_clear_object (&self->puller);
  self->pulling = FALSE;
  self->pulled_at = 0;
  self->send_again = FALSE;
  set_sending (self, FALSE);

  if (self->store == NULL || is_sample_store (self->store))
    return;

  self->send_cancellable = g_cancellable_new ();
  self->sender = hd_sender_new (self->store, self->http);
  self->puller = hd_puller_new (self->store, self->http);
  self->ads_sender = hd_ads_sender_new (self->sender);
  self->ads_puller = hd_ads_puller_new (self->store, self->http);
  self->inbox_puller = hd_inbox_puller_new (self->store, self->http);
  self->metrics_puller = hd_metrics_puller_new (self->store, self->http);
  self->reply_sender = hd_reply_sender_new (self->sender);
  apply_late_grace (self);
  if (!hd_sender_recover (self->sender, &n_recovered, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
        g_message ("Another Herald is sending; this one waits its turn: %s", error->message);
      else
        g_warning ("Could not look for posts left in flight: %s", error->message);
    }
  else if (n_recovered > 0)
    g_message ("%u posts were being sent when Herald stopped; checking them first",
               n_recovered);

  g_signal_connect_object (self->store, "changed::" HD_STORE_FAMILY_OUTBOX,
                           G_CALLBACK (on_outbox_changed), self, G_CONNECT_SWAPPED);
  schedule_round (self);
}

static void
set_action_enabled (HdApplication *self,
                    const char    *name,
                    gboolean       enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  /* Before startup there are no actions yet; startup sets them from the same state. */
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_actions (HdApplication *self)
{
  set_action_enabled (self, "new-post", self->store != NULL);
  set_action_enabled (self, "new-post-at", self->store != NULL);
  set_action_enabled (self, "edit-post", self->store != NULL);
  set_action_enabled (self, "open-sample", self->workspace != HD_WORKSPACE_SAMPLE);
  set_action_enabled (self, "open-own", self->workspace == HD_WORKSPACE_SAMPLE);
  set_action_enabled (self, "import-csv", self->store != NULL);
  set_action_enabled (self, "export", self->store != NULL);
  set_action_enabled (self, "sync-now", self->sender != NULL);
}

static gboolean
seed_if_empty (HdStore  *store,
               GError  **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GListModel) channels = NULL;
  guint n_posts = 0;

  /* A sample someone has already explored keeps their changes. */
  if (!hd_store_count_posts (store, &n_posts, error))
    return FALSE;
  channels = hd_store_list_channels (store, error);
  if (channels == NULL)
    return FALSE;
  if (n_posts > 0 || g_list_model_get_n_items (channels) > 0)
    return TRUE;

  now = g_date_time_new_now_utc ();
  return hd_store_seed_sample (store, now, error);
}

static char *
get_workspace_path (HdWorkspace workspace)
{
  return workspace == HD_WORKSPACE_SAMPLE ? hd_store_sample_path () : hd_store_default_path ();
}

/* Forgets a store still being opened in the background: whatever opens next replaces it. */
static void
cancel_store_loading (HdApplication *self)
{
  if (self->open_cancellable == NULL)
    return;

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_LOADING]);
}

/* Makes @store (or, when it is %NULL, @error, which this takes) the workspace's, whichever way
 * it was opened. */
static void
adopt_store (HdApplication *self,
             HdWorkspace    workspace,
             const char    *path,
             HdStore       *store,
             GError        *error)
{
  if (store != NULL && workspace == HD_WORKSPACE_SAMPLE && !seed_if_empty (store, &error))
    store = NULL;

  if (store == NULL)
    g_message ("Could not open %s: %s", path, error->message);

  self->store_tried = TRUE;
  g_clear_error (&self->store_error);
  self->store_error = g_steal_pointer (&error);
  g_set_object (&self->store, store);
  replace_sender (self);

  if (self->workspace != workspace)
    {
      self->workspace = workspace;
      g_settings_set_enum (self->settings, "workspace", workspace);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* Opens the database of @workspace and remembers the choice. A store that cannot be opened
 * leaves the error for the window to show; nothing else is tried behind the user's back. */
void
hd_application_open_workspace (HdApplication *self,
                               HdWorkspace    workspace)
{
  g_autoptr(HdStore) store = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;

  g_return_if_fail (HD_IS_APPLICATION (self));
  g_return_if_fail (workspace == HD_WORKSPACE_OWN || workspace == HD_WORKSPACE_SAMPLE);

  cancel_store_loading (self);
  path = get_workspace_path (workspace);
  store = hd_store_open (path, &error);
  adopt_store (self, workspace, path, store, error);
}

/* Opens the remembered workspace the first time something needs the store. */
void
hd_application_ensure_store (HdApplication *self)
{
  g_return_if_fail (HD_IS_APPLICATION (self));

  /* One being opened for the window arrives with ::notify::store like this one would. */
  if (self->store_tried || self->open_cancellable != NULL ||
      self->workspace == HD_WORKSPACE_UNCHOSEN)
    return;

  hd_application_open_workspace (self, self->workspace);
}

typedef struct
{
  HdApplication *self;
  HdWorkspace    workspace;
  char          *path;
  GCancellable  *cancellable;
} LoadStoreData;

static void
load_store_data_free (LoadStoreData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->cancellable);
  g_free (data->path);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadStoreData, load_store_data_free)

static void
load_store_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LoadStoreData) data = user_data;
  HdApplication *self = data->self;
  g_autoptr(HdStore) store = NULL;
  GError *error = NULL;

  store = hd_store_open_finish (result, &error);

  /* Something else was opened meanwhile (or Herald is going): that one stands. */
  if (g_cancellable_is_cancelled (data->cancellable))
    {
      g_clear_error (&error);
      return;
    }

  g_assert (self->open_cancellable == data->cancellable);
  g_clear_object (&self->open_cancellable);
  adopt_store (self, data->workspace, data->path, store, error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_LOADING]);
}

/**
 * hd_application_load_store:
 *
 * Like hd_application_ensure_store(), but opens the store on another thread and returns at
 * once, so that a window can paint while a large database is checked. Until it arrives,
 * #HdApplication:store-loading is %TRUE and #HdApplication:store %NULL; then both are
 * notified, with the store or with the error hd_application_get_store_error() gives.
 */
void
hd_application_load_store (HdApplication *self)
{
  LoadStoreData *data;

  g_return_if_fail (HD_IS_APPLICATION (self));

  if (self->store_tried || self->open_cancellable != NULL ||
      self->workspace == HD_WORKSPACE_UNCHOSEN)
    return;

  self->open_cancellable = g_cancellable_new ();

  data = g_new0 (LoadStoreData, 1);
  data->self = g_object_ref (self);
  data->workspace = self->workspace;
  data->path = get_workspace_path (self->workspace);
  data->cancellable = g_object_ref (self->open_cancellable);
  hd_store_open_async (data->path, data->cancellable, load_store_cb, data);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_LOADING]);
}

gboolean
hd_application_get_store_loading (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), FALSE);

  return self->open_cancellable != NULL;
}

/* The choice can change behind our back (another window, dconf-editor, a test): follow it. */
static void
on_workspace_setting_changed (HdApplication *self)
{
  HdWorkspace workspace = g_settings_get_enum (self->settings, "workspace");

  if (workspace == self->workspace)
    return;

  if (workspace != HD_WORKSPACE_UNCHOSEN)
    {
      hd_application_open_workspace (self, workspace);
      return;
    }

  cancel_store_loading (self);
  self->workspace = workspace;
  self->store_tried = FALSE;
  g_clear_error (&self->store_error);
  g_clear_object (&self->store);
  replace_sender (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKSPACE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static HdComposerWindow *
open_composer (HdApplication *self)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  HdComposerWindow *composer;

  /* Another composer is no parent: the post should stay with the main window. */
  if (HD_IS_COMPOSER_WINDOW (parent))
    parent = gtk_window_get_transient_for (parent);

  composer = hd_composer_window_new (self->store, self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (composer), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (composer), TRUE);
  gtk_window_set_application (GTK_WINDOW (composer), GTK_APPLICATION (self));

  return composer;
}

static void
on_new_post (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  HdApplication *self = user_data;

  if (self->store == NULL)
    return;

  gtk_window_present (GTK_WINDOW (open_composer (self)));
}

static void
on_new_post_at (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  HdApplication *self = user_data;
  HdComposerWindow *composer;

  if (self->store == NULL)
    return;

  composer = open_composer (self);
  hd_composer_window_set_instant (composer, g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (composer));
}

static void
on_edit_post (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  HdApplication *self = user_data;
  const char *post_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  HdComposerWindow *composer;

  if (self->store == NULL)
    return;

  /* One composer per post: two would save over each other. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (HD_IS_COMPOSER_WINDOW (l->data) &&
        g_strcmp0 (hd_composer_window_get_post_id (l->data), post_id) == 0)
      {
        gtk_window_present (l->data);
        return;
      }

  composer = open_composer (self);
  if (!hd_composer_window_load_post (composer, post_id, &error))
    {
      g_warning ("Could not open post %s: %s", post_id, error->message);
      gtk_window_destroy (GTK_WINDOW (composer));
      return;
    }

  gtk_window_present (GTK_WINDOW (composer));
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  HdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  HdPreferencesWindow *prefs;

  prefs = hd_preferences_window_new (self->settings, self->store);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  HdApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Herald authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Herald"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Herald authors"),
                        "developers", developers,
                        "copyright", _("© 2026 The Herald authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/heraldapp/herald",
                        "issue-url", "https://github.com/heraldapp/herald/issues",
                        "comments", _("Plan, write and schedule your posts and ads on every "
                                      "channel from one calendar, even offline."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  HdApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  self->quitting = TRUE;
  set_in_background (self, FALSE);

  /* Closing rather than quitting outright lets each window save its size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
on_open_sample (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  hd_application_open_workspace (HD_APPLICATION (user_data), HD_WORKSPACE_SAMPLE);
}

static void
on_open_own (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  hd_application_open_workspace (HD_APPLICATION (user_data), HD_WORKSPACE_OWN);
}

static void
on_import_chosen (GtkNativeDialog *chooser,
                  int              response,
                  HdApplication   *self)
{
  g_autoptr(GFile) file = NULL;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);
  HdImportDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file == NULL || self->store == NULL)
    return;

  dialog = hd_import_dialog_new (parent, self->store, file, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_csv (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  HdApplication *self = user_data;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import posts from CSV"),
                                         GTK_WINDOW (get_main_window (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  HdApplication *self = user_data;
  GtkWidget *window = get_main_window (self);
  g_autofree char *shown = NULL;
  gint64 from = 0;
  gint64 to = G_MAXINT64;
  HdExportDialog *dialog;

  if (self->store == NULL)
    return;

  if (HD_IS_WINDOW (window))
    shown = hd_window_describe_shown_range (HD_WINDOW (window), &from, &to);

  dialog = hd_export_dialog_new (GTK_WINDOW (window), self->store, from, to, shown);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The main window, opened first when Herald runs in the background without one. */
static HdWindow *
present_main_window (HdApplication *self)
{
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
        if (HD_IS_WINDOW (l->data))
          {
            gtk_window_present (l->data);
            return l->data;
          }

      g_application_activate (G_APPLICATION (self));
    }

  return NULL;
}

static void
on_show_changes (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  HdWindow *window = present_main_window (HD_APPLICATION (user_data));

  if (window != NULL)
    hd_window_show_changes (window);
}

static void
on_show_page (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  HdWindow *window = present_main_window (HD_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-page", parameter);
}

static void
on_sync_now (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  HdApplication *self = user_data;
  GtkWidget *window = get_main_window (self);

  if (self->sender == NULL)
    return;

  if (!g_network_monitor_get_network_available (self->network_monitor))
    {
      AdwToast *toast = hd_toast_new_plain (_("You are offline; your changes go out when the "
                                              "network is back"));

      if (window == NULL || !hd_toast_show (window, toast))
        g_message ("Offline: nothing to send until the network is back");
      return;
    }

  /* A round already going runs once more when it ends: what was just asked for is in it. */
  hd_application_send_now (self);
}

static void
on_reconnect_channel (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  HdApplication *self = user_data;
  GtkWidget *window = get_main_window (self);
  g_autoptr(HdChannel) channel = NULL;
  HdChannelWizard *wizard;

  if (self->store == NULL || is_sample_store (self->store))
    return;

  /* From a notification, with the window closed: open it for the wizard to sit on. */
  if (!HD_IS_WINDOW (window))
    window = GTK_WIDGET (present_main_window (self));

  channel = hd_store_load_channel (self->store, g_variant_get_string (parameter, NULL), NULL);
  if (channel == NULL)
    return;

  if (HD_IS_WINDOW (window))
    gtk_widget_activate_action (window, "win.show-page", "s", "channels");

  wizard = hd_channel_wizard_new (GTK_WINDOW (window), self->store, self->http);
  if (self->open_uri != NULL)
    hd_channel_wizard_set_open_uri_func (wizard, self->open_uri, self->open_uri_data);
  hd_channel_wizard_set_reconnecting (wizard, channel);
  gtk_window_present (GTK_WINDOW (wizard));
}

static const GActionEntry app_actions[] = {
  { "new-post", on_new_post },
  { "new-post-at", on_new_post_at, "x" },
  { "edit-post", on_edit_post, "s" },
  { "preferences", on_preferences },
  { "about", on_about },
  { "quit", on_quit },
  { "open-sample", on_open_sample },
  { "open-own", on_open_own },
  { "import-csv", on_import_csv },
  { "export", on_export },
  { "reconnect-channel", on_reconnect_channel, "s" },
  { "show-changes", on_show_changes },
  { "show-page", on_show_page, "s" },
  { "sync-now", on_sync_now },
};

static gint
hd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  const char *data_dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("herald %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    {
      g_autoptr(GFile) dir = g_file_new_for_commandline_arg (data_dir);
      g_autofree char *path = g_file_get_path (dir);

      g_setenv ("HERALD_DATA_DIR", path, TRUE);
      /* Another database means another instance: never hand the command to a running one. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_contains (options, "background"))
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      /* A Herald already running sends by itself; asking it to activate would open its
       * window at login. */
      if (g_application_get_is_remote (app))
        return 0;

      HD_APPLICATION (app)->start_hidden = TRUE;
    }

  return G_APPLICATION_CLASS (hd_application_parent_class)->handle_local_options (app, options);
}

static void
hd_application_startup (GApplication *app)
{
  HdApplication *self = HD_APPLICATION (app);
  const char *new_post_accels[] = { "<Control>n", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *import_accels[] = { "<Control>o", NULL };
  const char *export_accels[] = { "<Control>e", NULL };
  const char *shortcuts_accels[] = { "<Control>question", NULL };
  /* Ctrl+R already refreshes the feeds and reconnects the focused channel. */
  const char *sync_now_accels[] = { "F5", NULL };

  G_APPLICATION_CLASS (hd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-post", new_post_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.import-csv",
                                         import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.export", export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.sync-now",
                                         sync_now_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);

  for (guint i = 0; i < 7; i++)
    {
      static const char *pages[] = {
        "calendar", "ideas", "inbox", "campaigns", "audiences", "reports", "channels"
      };
      g_autofree char *detailed = g_strdup_printf ("win.show-page::%s", pages[i]);
      g_autofree char *accel = g_strdup_printf ("<Control>%u", i + 1);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), detailed, accels);
    }

  update_actions (self);

  self->send_timer = g_timeout_add_seconds (SEND_INTERVAL_SECONDS, send_timer_cb, self);
  watch_notifiers (self);

  /* The entry follows the preference even when it was changed while Herald was not running;
   * inside Flatpak the portal keeps it, asked when Herald goes to the background. */
  if (!is_sandboxed ())
    update_autostart_entry (self);
}

static void
hd_application_shutdown (GApplication *app)
{
  HdApplication *self = HD_APPLICATION (app);

  /* Windows the shutdown destroys must not hold Herald back for the background. */
  self->quitting = TRUE;
  set_in_background (self, FALSE);
  g_clear_handle_id (&self->send_timer, g_source_remove);
  g_cancellable_cancel (self->send_cancellable);
  cancel_store_loading (self);
  unwatch_notifiers (self);

  G_APPLICATION_CLASS (hd_application_parent_class)->shutdown (app);
}

static void
hd_application_activate (GApplication *app)
{
  HdApplication *self = HD_APPLICATION (app);
  GtkWindow *window;

  /* Started at login: send what is due and stay only while something is left to send. */
  if (self->start_hidden)
    {
      self->start_hidden = FALSE;
      hd_application_ensure_store (self);
      update_background (self);
      return;
    }

  self->quitting = FALSE;
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      /* The check of a large store runs beside the building of the window, not after it. */
      hd_application_load_store (self);
      window = GTK_WINDOW (hd_window_new (self));
    }

  gtk_window_present (window);
}

static void
hd_application_window_added (GtkApplication *app,
                             GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (hd_application_parent_class)->window_added (app, window);

  /* The window holds Herald now. */
  update_background (HD_APPLICATION (app));
}

static void
hd_application_window_removed (GtkApplication *app,
                               GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (hd_application_parent_class)->window_removed (app, window);

  update_background (HD_APPLICATION (app));
}

static void
hd_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HdApplication *self = HD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_WORKSPACE:
      g_value_set_int (value, self->workspace);
      break;

    case PROP_STORE_LOADING:
      g_value_set_boolean (value, self->open_cancellable != NULL);
      break;

    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;

    case PROP_IN_BACKGROUND:
      g_value_set_boolean (value, self->in_background);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_application_dispose (GObject *object)
{
  HdApplication *self = HD_APPLICATION (object);

  g_clear_handle_id (&self->send_timer, g_source_remove);
  g_clear_handle_id (&self->send_settle, g_source_remove);
  g_cancellable_cancel (self->send_cancellable);
  unwatch_notifiers (self);
  if (self->sender != NULL)
    g_signal_handlers_disconnect_by_func (hd_sender_get_store (self->sender),
                                          on_outbox_changed, self);
  g_clear_object (&self->ads_sender);
  g_clear_object (&self->ads_puller);
  g_clear_object (&self->sender);
  g_clear_object (&self->inbox_puller);
  g_clear_object (&self->metrics_puller);
  g_clear_object (&self->reply_sender);
  g_clear_object (&self->puller);
  g_clear_object (&self->send_cancellable);
  if (self->open_cancellable != NULL)
    g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  if (self->portal_response_id != 0)
    {
      GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));

      if (bus != NULL)
        g_dbus_connection_signal_unsubscribe (bus, self->portal_response_id);
      self->portal_response_id = 0;
    }
  if (self->network_monitor != NULL)
    g_signal_handlers_disconnect_by_func (self->network_monitor, on_network_changed, self);
  g_clear_object (&self->network_monitor);
  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hd_application_parent_class)->dispose (object);
}

static void
hd_application_finalize (GObject *object)
{
  HdApplication *self = HD_APPLICATION (object);

  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (hd_application_parent_class)->finalize (object);
}

static void
hd_application_class_init (HdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  /* Referring to the resource keeps its object, and the constructor that registers it, in
   * programs that link the UI as a static library. */
  g_assert (hd_ui_get_resource () != NULL);

  object_class->get_property = hd_application_get_property;
  object_class->dispose = hd_application_dispose;
  object_class->finalize = hd_application_finalize;

  app_class->handle_local_options = hd_application_handle_local_options;
  app_class->startup = hd_application_startup;
  app_class->activate = hd_application_activate;
  app_class->shutdown = hd_application_shutdown;

  gtk_app_class->window_added = hd_application_window_added;
  gtk_app_class->window_removed = hd_application_window_removed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_WORKSPACE] =
    g_param_spec_int ("workspace", NULL, NULL,
                      HD_WORKSPACE_UNCHOSEN, HD_WORKSPACE_SAMPLE, HD_WORKSPACE_UNCHOSEN,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /* TRUE while the window waits for its store: it shows neither an empty nor a failed one. */
  properties[PROP_STORE_LOADING] =
    g_param_spec_boolean ("store-loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_IN_BACKGROUND] =
    g_param_spec_boolean ("in-background", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hd_application_init (HdApplication *self)
{
  self->settings = g_settings_new (APP_ID);
  self->http = hd_http_new ();
  self->network_monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->network_monitor, "notify::network-available",
                           G_CALLBACK (on_network_changed), self, G_CONNECT_SWAPPED);
  self->workspace = g_settings_get_enum (self->settings, "workspace");
  g_signal_connect_object (self->settings, "changed::workspace",
                           G_CALLBACK (on_workspace_setting_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::late-grace-minutes",
                           G_CALLBACK (apply_late_grace), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (update_background), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::start-at-login",
                           G_CALLBACK (on_start_at_login_changed), self, G_CONNECT_SWAPPED);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan, write and schedule social media posts "
                                              "and ads."));
}
