/* hd-store-outbox.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-store-private.h"

char *
hd_store_enqueue_change (HdStore     *self,
                         const char  *subject_kind,
                         const char  *subject_id,
                         const char  *channel_id,
                         const char  *operation,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = g_uuid_string_random ();
  /* A key of its own, so a retry after a lost answer is recognised by the platform. */
  g_autofree char *idempotency_key = g_uuid_string_random ();
  const char *action = _("queue the change for sending");
  gint64 now = _hd_store_now ();

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (subject_kind != NULL, NULL);
  g_return_val_if_fail (subject_id != NULL, NULL);
  g_return_val_if_fail (operation != NULL, NULL);

  stmt = _hd_store_prepare (self,
                            "INSERT INTO outbox (id, subject_kind, subject_id, channel_id,"
                            "  operation, state, idempotency_key, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7, ?7)",
                            action, error);
  if (stmt == NULL)
    return NULL;

  _hd_bind_text (stmt, 1, id);
  _hd_bind_text (stmt, 2, subject_kind);
  _hd_bind_text (stmt, 3, subject_id);
  _hd_bind_text (stmt, 4, channel_id);
  _hd_bind_text (stmt, 5, operation);
  _hd_bind_text (stmt, 6, idempotency_key);
  sqlite3_bind_int64 (stmt, 7, now);

  if (!hd_store_begin (self, error))
    return NULL;

  if (!_hd_store_step (self, stmt, action, error))
    {
      hd_store_rollback (self);
      return NULL;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);
  if (!hd_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&id);
}

gboolean
hd_store_count_pending_changes (HdStore  *self,
                                guint    *n_pending,
                                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("count the changes waiting to be sent");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_pending != NULL, FALSE);

  stmt = _hd_store_prepare (self, "SELECT count(*) FROM outbox WHERE state != 'done'",
                            action, error);
  if (stmt == NULL || !_hd_store_step (self, stmt, action, error))
    return FALSE;

  *n_pending = sqlite3_column_int (stmt, 0);

  return TRUE;
}

gboolean
hd_store_set_change_state (HdStore        *self,
                           const char     *id,
                           HdOutboxState   state,
                           const char     *last_error,
                           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("update the change waiting to be sent");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "UPDATE outbox SET state = ?2, last_error = ?3, updated_at = ?4,"
                            "  attempts = attempts + (?2 = 'in-flight')"
                            " WHERE id = ?1",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, id);
  _hd_bind_enum (stmt, 2, HD_TYPE_OUTBOX_STATE, state);
  _hd_bind_text (stmt, 3, last_error);
  sqlite3_bind_int64 (stmt, 4, _hd_store_now ());

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, error) ||
      !_hd_store_check_changed_one (self, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);
}
