/* hd-test-network-monitor.h: a network monitor the UI tests switch on and off, since
 * GNetworkMonitor's own follows the machine the tests run on
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-application.h"

G_BEGIN_DECLS

#define HD_TYPE_TEST_NETWORK_MONITOR (hd_test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (HdTestNetworkMonitor, hd_test_network_monitor, HD, TEST_NETWORK_MONITOR,
                      GObject)

HdTestNetworkMonitor *hd_test_network_monitor_new           (gboolean              available);
/* Says "network-changed" as GIO's monitors do, and only when @available is news. */
void                  hd_test_network_monitor_set_available (HdTestNetworkMonitor *self,
                                                             gboolean              available);
/* Returns: (transfer full): a monitor that @app now follows instead of the machine's. */
HdTestNetworkMonitor *hd_test_use_network                   (HdApplication        *app,
                                                             gboolean              available);

G_END_DECLS
