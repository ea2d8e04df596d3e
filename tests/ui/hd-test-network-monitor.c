/* hd-test-network-monitor.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-network-monitor.h"

struct _HdTestNetworkMonitor
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
hd_test_network_monitor_init_initable (GInitable     *initable,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  return TRUE;
}

static void
hd_test_network_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = hd_test_network_monitor_init_initable;
}

static gboolean
hd_test_network_monitor_can_reach (GNetworkMonitor     *monitor,
                                   GSocketConnectable  *connectable,
                                   GCancellable        *cancellable,
                                   GError             **error)
{
  return HD_TEST_NETWORK_MONITOR (monitor)->available;
}

static void
hd_test_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = hd_test_network_monitor_can_reach;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (HdTestNetworkMonitor, hd_test_network_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      hd_test_network_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      hd_test_network_monitor_iface_init))

static void
hd_test_network_monitor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  HdTestNetworkMonitor *self = HD_TEST_NETWORK_MONITOR (object);

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
hd_test_network_monitor_class_init (HdTestNetworkMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hd_test_network_monitor_get_property;

  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
hd_test_network_monitor_init (HdTestNetworkMonitor *self)
{
}

HdTestNetworkMonitor *
hd_test_network_monitor_new (gboolean available)
{
  HdTestNetworkMonitor *self = g_object_new (HD_TYPE_TEST_NETWORK_MONITOR, NULL);

  self->available = available;

  return self;
}

void
hd_test_network_monitor_set_available (HdTestNetworkMonitor *self,
                                       gboolean              available)
{
  g_return_if_fail (HD_IS_TEST_NETWORK_MONITOR (self));

  if (self->available == available)
    return;

  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

HdTestNetworkMonitor *
hd_test_use_network (HdApplication *app,
                     gboolean       available)
{
  HdTestNetworkMonitor *monitor = hd_test_network_monitor_new (available);

  hd_application_set_network_monitor (app, G_NETWORK_MONITOR (monitor));

  return monitor;
}
