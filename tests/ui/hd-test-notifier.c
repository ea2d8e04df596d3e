/* hd-test-notifier.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-notifier.h"

/* A connection of a service's own to the session bus. */
#define BUS_CONNECTION_FLAGS (G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | \
                              G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION)

static void
on_name_acquired (GDBusConnection *bus,
                  const char      *name,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

GDBusConnection *
hd_test_bus_serve (const char                 *xml,
                   const char                 *path,
                   const char                 *name,
                   const GDBusInterfaceVTable *vtable)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL,
                                                               &error);
  g_autoptr(GDBusConnection) bus = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  /* The service keeps its name for the rest of the process, so the flag lives as long. */
  gboolean *owned = g_new0 (gboolean, 1);

  g_assert_no_error (error);
  bus = g_dbus_connection_new_for_address_sync (address, BUS_CONNECTION_FLAGS, NULL, NULL,
                                                &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, path, info->interfaces[0], vtable, NULL, NULL,
                                     &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, name, G_BUS_NAME_OWNER_FLAGS_NONE, on_name_acquired,
                                NULL, owned, g_free);
  while (!*owned)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting to own %s", name);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return g_steal_pointer (&bus);
}

/* The notification server */

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
    }
  else
    {
      g_variant_get (parameters, "(&s&s)", NULL, &id);
      g_hash_table_remove (notifier.shown, id);
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

void
hd_test_notifier_start (void)
{
  static const GDBusInterfaceVTable vtable = { on_notifier_method_call, NULL, NULL, { 0 } };

  if (notifier.bus != NULL)
    return;

  notifier.shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_variant_unref);
  notifier.bus = hd_test_bus_serve (notifications_xml, "/org/gtk/Notifications",
                                    "org.gtk.Notifications", &vtable);
}

GVariant *
hd_test_notifier_find (const char *id)
{
  g_assert_nonnull (notifier.shown);

  return g_hash_table_lookup (notifier.shown, id);
}

void
hd_test_notifier_forget_all (void)
{
  g_assert_nonnull (notifier.shown);

  g_hash_table_remove_all (notifier.shown);
}

const char *
hd_test_notification_string (GVariant   *notification,
                             const char *key)
{
  const char *value = NULL;

  g_variant_lookup (notification, key, "&s", &value);

  return value;
}
