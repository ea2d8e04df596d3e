/* hd-sync-lock.h: one Herald process at a time sends, whichever started first
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-store.h"

G_BEGIN_DECLS

/* Seconds without a heartbeat after which an owner that cannot be checked otherwise (another
 * computer, another sandbox) counts as gone. The holder beats every HD_SYNC_LOCK_HEARTBEAT. */
#define HD_SYNC_LOCK_EXPIRY    (5 * 60)
#define HD_SYNC_LOCK_HEARTBEAT 60

#define HD_TYPE_SYNC_LOCK (hd_sync_lock_get_type ())

G_DECLARE_FINAL_TYPE (HdSyncLock, hd_sync_lock, HD, SYNC_LOCK, GObject)

HdSyncLock *hd_sync_lock_new      (HdStore     *store);
/* Takes the lock, or beats its heartbeat when this one holds it already, in one BEGIN
 * IMMEDIATE transaction. A lock whose owner died (its process is gone on this computer, the
 * computer restarted, or its heartbeat is older than HD_SYNC_LOCK_EXPIRY) is taken over. Fails
 * with G_IO_ERROR_BUSY while another live owner holds it. @taken says whether this call took
 * it (rather than already holding it): whatever was in flight then belongs to nobody. */
gboolean    hd_sync_lock_acquire  (HdSyncLock  *self,
                                   gboolean    *taken,
                                   GError     **error);
gboolean    hd_sync_lock_get_held (HdSyncLock  *self);
/* Lets the next process take it; also done when the lock is finalized. */
void        hd_sync_lock_release  (HdSyncLock  *self);

G_END_DECLS
