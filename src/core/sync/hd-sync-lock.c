/* hd-sync-lock.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "hd-store-private.h"
#include "hd-sync-lock.h"

struct _HdSyncLock
{
  GObject   parent_instance;

  /* owned references */
  HdStore  *store;
  /* who this is, in the lock's row: unique per lock, so two in one process are told apart */
  char     *owner;
  char     *host;
  char     *boot_id;

  gboolean  held;
};

G_DEFINE_FINAL_TYPE (HdSyncLock, hd_sync_lock, G_TYPE_OBJECT)

static void
hd_sync_lock_dispose (GObject *object)
{
  HdSyncLock *self = (HdSyncLock *)object;

  if (self->store != NULL)
    hd_sync_lock_release (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_sync_lock_parent_class)->dispose (object);
}

static void
hd_sync_lock_finalize (GObject *object)
{
  HdSyncLock *self = (HdSyncLock *)object;

  g_free (self->owner);
  g_free (self->host);
  g_free (self->boot_id);

  G_OBJECT_CLASS (hd_sync_lock_parent_class)->finalize (object);
}

static void
hd_sync_lock_class_init (HdSyncLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_sync_lock_dispose;
  object_class->finalize = hd_sync_lock_finalize;
}

/* Process ids mean something only within one pid namespace: a Flatpak sandbox has its own,
 * so the namespace is part of where a process runs. */
static char *
read_host (void)
{
  g_autofree char *pid_namespace = g_file_read_link ("/proc/self/ns/pid", NULL);

  return g_strdup_printf ("%s %s", g_get_host_name (),
                          pid_namespace != NULL ? pid_namespace : "");
}

static char *
read_boot_id (void)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &contents, NULL, NULL))
    return NULL;

  return g_strdup (g_strstrip (contents));
}

static void
hd_sync_lock_init (HdSyncLock *self)
{
  self->owner = g_uuid_string_random ();
  self->host = read_host ();
  self->boot_id = read_boot_id ();
}

/**
 * hd_sync_lock_new:
 *
 * Returns: (transfer full): a lock on @store's database, not yet taken
 */
HdSyncLock *
hd_sync_lock_new (HdStore *store)
{
  HdSyncLock *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  self = g_object_new (HD_TYPE_SYNC_LOCK, NULL);
  self->store = g_object_ref (store);

  return self;
}

gboolean
hd_sync_lock_get_held (HdSyncLock *self)
{
  g_return_val_if_fail (HD_IS_SYNC_LOCK (self), FALSE);

  return self->held;
}

static gboolean
owner_is_gone (HdSyncLock   *self,
               sqlite3_stmt *row,
               gint64        now)
{
  gint64 pid = sqlite3_column_int64 (row, 1);
  const char *host = _hd_column_text (row, 2);
  const char *boot_id = _hd_column_text (row, 3);
  gint64 heartbeat_at = sqlite3_column_int64 (row, 4);

  if (now - heartbeat_at > HD_SYNC_LOCK_EXPIRY)
    return TRUE;

  /* Elsewhere only the heartbeat tells. */
  if (g_strcmp0 (host, self->host) != 0)
    return FALSE;

  if (boot_id != NULL && self->boot_id != NULL && g_strcmp0 (boot_id, self->boot_id) != 0)
    return TRUE;

  /* Another lock of this very process is alive as long as the process is. */
  if (pid == getpid () || pid <= 0)
    return FALSE;

  return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

gboolean
hd_sync_lock_acquire (HdSyncLock  *self,
                      gboolean    *taken,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) write = NULL;
  const char *action = _("make sure no other Herald is sending");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean was_held = self->held;
  gboolean mine = TRUE;
  int rc;

  g_return_val_if_fail (HD_IS_SYNC_LOCK (self), FALSE);

  if (taken != NULL)
    *taken = FALSE;

  /* BEGIN IMMEDIATE: two processes reading a free lock at once cannot both write it. */
  if (!hd_store_begin (self->store, error))
    return FALSE;

  select = _hd_store_prepare (self->store,
                              "SELECT owner, pid, host, boot_id, heartbeat_at FROM sync_lock"
                              " WHERE id = 1",
                              action, error);
  if (select == NULL)
    goto failed;

  rc = sqlite3_step (select);
  if (rc == SQLITE_ROW)
    {
      const char *owner = _hd_column_text (select, 0);

      if (g_strcmp0 (owner, self->owner) != 0)
        {
          mine = FALSE;
          if (!owner_is_gone (self, select, now))
            {
              hd_store_rollback (self->store);
              self->held = FALSE;
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                                   _("Another Herald is sending; this one will wait."));
              return FALSE;
            }
          g_info ("Taking over sending from Herald process %" G_GINT64_FORMAT ", which stopped",
                  (gint64) sqlite3_column_int64 (select, 1));
        }
    }
  else if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self->store, error, rc, action);
      goto failed;
    }

  write = _hd_store_prepare (self->store,
                             "INSERT OR REPLACE INTO sync_lock (id, owner, pid, host, boot_id,"
                             "  heartbeat_at) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
                             action, error);
  if (write == NULL)
    goto failed;
  _hd_bind_text (write, 1, self->owner);
  sqlite3_bind_int64 (write, 2, getpid ());
  _hd_bind_text (write, 3, self->host);
  _hd_bind_text (write, 4, self->boot_id);
  sqlite3_bind_int64 (write, 5, now);
  if (!_hd_store_step (self->store, write, action, error))
    goto failed;
  if (!hd_store_commit (self->store, error))
    {
      self->held = FALSE;
      return FALSE;
    }

  self->held = TRUE;
  if (taken != NULL)
    *taken = !was_held || !mine;

  return TRUE;

failed:
  hd_store_rollback (self->store);
  self->held = FALSE;
  return FALSE;
}

void
hd_sync_lock_release (HdSyncLock *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (HD_IS_SYNC_LOCK (self));

  if (!self->held)
    return;
  self->held = FALSE;

  stmt = _hd_store_prepare (self->store, "DELETE FROM sync_lock WHERE owner = ?1",
                            _("let another Herald send"), &error);
  if (stmt != NULL)
    {
      _hd_bind_text (stmt, 1, self->owner);
      _hd_store_step (self->store, stmt, _("let another Herald send"), &error);
    }
  if (error != NULL)
    g_warning ("Could not let go of sending: %s", error->message);
}
