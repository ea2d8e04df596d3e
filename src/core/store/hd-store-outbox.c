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
#include "hd-variant.h"

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

typedef struct
{
  char *channel_id;
  char *remote_id;
} RemoteRef;

static void
remote_ref_free (gpointer data)
{
  RemoteRef *ref = data;

  g_free (ref->channel_id);
  g_free (ref->remote_id);
  g_free (ref);
}

/* The post's variants as they are now: channel id to remote id (NULL when not yet out). */
static GHashTable *
read_variant_channels (HdStore     *self,
                       const char  *post_id,
                       const char  *action,
                       GError     **error)
{
  g_autoptr(GHashTable) channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self,
                                   "SELECT channel_id, remote_id FROM post_variants"
                                   " WHERE post_id = ?1",
                                   action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, post_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (channels, g_strdup (_hd_column_text (stmt, 0)),
                         g_strdup (_hd_column_text (stmt, 1)));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return NULL;
    }

  return g_steal_pointer (&channels);
}

/**
 * _hd_store_collect_post_remotes:
 *
 * Returns: (transfer full): the channels where the post's variants already exist, as
 *   RemoteRef items
 */
GPtrArray *
_hd_store_collect_post_remotes (HdStore     *self,
                                const char  *post_id,
                                GError     **error)
{
  g_autoptr(GPtrArray) remotes = g_ptr_array_new_with_free_func (remote_ref_free);
  g_autoptr(GHashTable) channels = NULL;
  GHashTableIter iter;
  gpointer key, value;

  channels = read_variant_channels (self, post_id, _("save the post"), error);
  if (channels == NULL)
    return NULL;

  g_hash_table_iter_init (&iter, channels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RemoteRef *ref;

      if (value == NULL)
        continue;

      ref = g_new0 (RemoteRef, 1);
      ref->channel_id = g_strdup (key);
      ref->remote_id = g_strdup (value);
      g_ptr_array_add (remotes, ref);
    }

  return g_steal_pointer (&remotes);
}

static gboolean
read_post_state (HdStore      *self,
                 const char   *post_id,
                 gboolean     *exists,
                 HdPostState  *state,
                 const char   *action,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self, "SELECT state FROM posts WHERE id = ?1", action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, post_id);

  rc = sqlite3_step (stmt);
  *exists = rc == SQLITE_ROW;
  if (*exists)
    *state = _hd_column_enum (stmt, 0, HD_TYPE_POST_STATE);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_row (HdStore     *self,
            const char  *post_id,
            const char  *channel_id,
            const char  *operation,
            const char  *remote_id,
            gint64       now,
            const char  *action,
            GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *idempotency_key = g_uuid_string_random ();

  stmt = _hd_store_prepare_cached (self,
                                   "INSERT INTO outbox (id, subject_kind, subject_id, channel_id,"
                                   "  operation, state, idempotency_key, remote_id, created_at,"
                                   "  updated_at)"
                                   " VALUES (?1, 'post', ?2, ?3, ?4, 'pending', ?5, ?6, ?7, ?7)",
                                   action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, id);
  _hd_bind_text (stmt, 2, post_id);
  _hd_bind_text (stmt, 3, channel_id);
  _hd_bind_text (stmt, 4, operation);
  _hd_bind_text (stmt, 5, idempotency_key);
  _hd_bind_text (stmt, 6, remote_id);
  sqlite3_bind_int64 (stmt, 7, now);

  if (!_hd_store_step (self, stmt, action, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* Created, or the waiting one refreshed in place; a row already on its way (in flight or
 * unconfirmed) is left to finish, so the post never goes out twice. */
static gboolean
ensure_publish_row (HdStore     *self,
                    const char  *post_id,
                    const char  *channel_id,
                    gint64       now,
                    const char  *action,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self,
                                   "UPDATE outbox SET state = 'pending', last_error = NULL,"
                                   "  next_attempt_at = NULL, updated_at = ?3"
                                   " WHERE subject_kind = 'post' AND subject_id = ?1"
                                   "  AND channel_id = ?2 AND operation = 'publish'"
                                   "  AND state IN ('pending', 'failed')",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, post_id);
  _hd_bind_text (stmt, 2, channel_id);
  sqlite3_bind_int64 (stmt, 3, now);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }
  if (sqlite3_changes (_hd_store_get_db (self)) > 0)
    return TRUE;

  stmt = _hd_store_prepare_cached (self,
                                   "SELECT EXISTS (SELECT 1 FROM outbox"
                                   " WHERE channel_id = ?2"
                                   "  AND state IN ('in-flight', 'unconfirmed')"
                                   "  AND subject_kind = 'post' AND subject_id = ?1"
                                   "  AND operation = 'publish')",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, post_id);
  _hd_bind_text (stmt, 2, channel_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  return insert_row (self, post_id, channel_id, HD_OUTBOX_OPERATION_PUBLISH, NULL, now, action,
                     error);
}

static gboolean
ensure_delete_row (HdStore     *self,
                   const char  *post_id,
                   RemoteRef   *ref,
                   gint64       now,
                   const char  *action,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self,
                                   "SELECT EXISTS (SELECT 1 FROM outbox"
                                   " WHERE channel_id = ?2"
                                   "  AND state IN ('pending', 'in-flight', 'failed',"
                                   "                'unconfirmed')"
                                   "  AND subject_kind = 'post' AND subject_id = ?1"
                                   "  AND operation = 'delete' AND remote_id = ?3)",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, post_id);
  _hd_bind_text (stmt, 2, ref->channel_id);
  _hd_bind_text (stmt, 3, ref->remote_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  return insert_row (self, post_id, ref->channel_id, HD_OUTBOX_OPERATION_DELETE, ref->remote_id,
                     now, action, error);
}

static gboolean
remove_waiting_publish_rows (HdStore     *self,
                             const char  *post_id,
                             GHashTable  *keep_channels,
                             gboolean    *removed,
                             const char  *action,
                             GError     **error)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self,
                                   "SELECT id, channel_id FROM outbox"
                                   " WHERE subject_kind = 'post' AND subject_id = ?1"
                                   "  AND operation = 'publish' AND state IN ('pending', 'failed')",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, post_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *channel_id = _hd_column_text (stmt, 1);

      if (keep_channels == NULL || channel_id == NULL ||
          !g_hash_table_contains (keep_channels, channel_id))
        g_ptr_array_add (doomed, g_strdup (_hd_column_text (stmt, 0)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  for (guint i = 0; i < doomed->len; i++)
    {
      stmt = _hd_store_prepare_cached (self, "DELETE FROM outbox WHERE id = ?1", action, error);
      if (stmt == NULL)
        return FALSE;
      _hd_bind_text (stmt, 1, g_ptr_array_index (doomed, i));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _hd_store_set_error (self, error, rc, action);
          return FALSE;
        }
    }

  *removed = doomed->len > 0;

  return TRUE;
}

gboolean
_hd_store_apply_outbox_rule (HdStore     *self,
                             const char  *post_id,
                             GPtrArray   *remotes_before,
                             GError     **error)
{
  g_autoptr(GHashTable) channels = NULL;
  const char *action = _("queue the post for sending");
  HdPostState state = HD_POST_STATE_DRAFT;
  gboolean exists = FALSE;
  gboolean withdrawn;
  gboolean changed = FALSE;
  gint64 now = _hd_store_now ();

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (post_id != NULL, FALSE);

  if (!read_post_state (self, post_id, &exists, &state, action, error))
    return FALSE;

  if (exists)
    {
      channels = read_variant_channels (self, post_id, action, error);
      if (channels == NULL)
        return FALSE;
    }

  /* Publishing, published and failed posts are the sync engine's to move on. */
  withdrawn = !exists || state == HD_POST_STATE_DRAFT || state == HD_POST_STATE_IDEA;
  if (!withdrawn && state != HD_POST_STATE_SCHEDULED)
    {
      if (!remove_waiting_publish_rows (self, post_id, channels, &changed, action, error))
        return FALSE;
    }
  else if (withdrawn)
    {
      if (!remove_waiting_publish_rows (self, post_id, NULL, &changed, action, error))
        return FALSE;
    }
  else
    {
      GHashTableIter iter;
      gpointer key, value;

      if (!remove_waiting_publish_rows (self, post_id, channels, &changed, action, error))
        return FALSE;

      g_hash_table_iter_init (&iter, channels);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          /* Already on the platform (natively scheduled, say): nothing to publish. */
          if (value != NULL)
            continue;

          if (!ensure_publish_row (self, post_id, key, now, action, error))
            return FALSE;
          changed = TRUE;
        }
    }

  for (guint i = 0; remotes_before != NULL && i < remotes_before->len; i++)
    {
      RemoteRef *ref = g_ptr_array_index (remotes_before, i);

      if (!withdrawn && g_hash_table_contains (channels, ref->channel_id))
        continue;

      if (!ensure_delete_row (self, post_id, ref, now, action, error))
        return FALSE;
      changed = TRUE;
    }

  if (changed)
    _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return TRUE;
}

gboolean
_hd_store_queue_new_post (HdStore  *self,
                          HdPost   *post,
                          gint64    now,
                          GError  **error)
{
  const char *action = _("queue the post for sending");
  GListModel *variants;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_POST (post), FALSE);

  if (hd_post_get_state (post) != HD_POST_STATE_SCHEDULED)
    return TRUE;

  variants = hd_post_get_variants (post);
  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(HdVariant) variant = g_list_model_get_item (variants, i);

      if (hd_variant_get_remote_id (variant) != NULL)
        continue;

      if (!insert_row (self, hd_post_get_id (post), hd_variant_get_channel_id (variant),
                       HD_OUTBOX_OPERATION_PUBLISH, NULL, now, action, error))
        return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return TRUE;
}
