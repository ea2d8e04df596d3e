/* hd-test-notifier.h: desktop services the UI tests stand in for on the private session bus,
 * first of all the notification server that GApplication talks to
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Returns: (transfer full): a connection of the service's own, so that Herald reaches it over
 *   the bus like any other, serving the first interface of @xml at @path under @name; the
 *   name is owned by the time it returns. */
GDBusConnection *hd_test_bus_serve            (const char                 *xml,
                                               const char                 *path,
                                               const char                 *name,
                                               const GDBusInterfaceVTable *vtable);

/* org.gtk.Notifications, as GNOME Shell offers it, keeping the latest of each notification
 * until it is withdrawn. It stays for the rest of the process; starting it again does
 * nothing. */
void             hd_test_notifier_start       (void);
/* Returns: (transfer none) (nullable): the a{sv} of the notification shown as @id */
GVariant        *hd_test_notifier_find        (const char                 *id);
/* Forgets what was shown, so the next look sees only what comes after. */
void             hd_test_notifier_forget_all  (void);
/* Returns: (nullable): the string @key ("title", "body") of @notification */
const char      *hd_test_notification_string  (GVariant                   *notification,
                                               const char                 *key);

G_END_DECLS
