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

  if (!_hd_store_write_row (self, stmt, HD_STORE_FAMILY_OUTBOX, action, error))
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

/* A variant the user held back (the composer keeps a channel whose text is over its limit
 * as a draft while the others go ahead) waits, whatever the post's state. */
static gboolean
variant_state_holds_back (HdPostState state)
{
  return state == HD_POST_STATE_DRAFT || state == HD_POST_STATE_IDEA;
}

/* The post's variants as they are now: channel id to remote id (NULL when not yet out).
 * With @held_back, the channels whose variant is held back are added to it as well. */
static GHashTable *
read_variant_channels (HdStore     *self,
                       const char  *post_id,
                       GHashTable  *held_back,
                       const char  *action,
                       GError     **error)
{
  g_autoptr(GHashTable) channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self,
                                   "SELECT channel_id, remote_id, state FROM post_variants"
                                   " WHERE post_id = ?1",
                                   action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, post_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_hash_table_insert (channels, g_strdup (_hd_column_text (stmt, 0)),
                           g_strdup (_hd_column_text (stmt, 1)));
      if (held_back != NULL &&
          variant_state_holds_back (_hd_column_enum (stmt, 2, HD_TYPE_POST_STATE)))
        g_hash_table_add (held_back, g_strdup (_hd_column_text (stmt, 0)));
    }
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

  channels = read_variant_channels (self, post_id, NULL, _("save the post"), error);
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
  g_autoptr(GHashTable) held_back = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) sendable = NULL;
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
      channels = read_variant_channels (self, post_id, held_back, action, error);
      if (channels == NULL)
        return FALSE;

      /* The channels whose publish rows may stay: on the post and not held back. */
      sendable = g_hash_table_new (g_str_hash, g_str_equal);
      {
        GHashTableIter iter;
        gpointer key;

        g_hash_table_iter_init (&iter, channels);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          {
            if (!g_hash_table_contains (held_back, key))
              g_hash_table_add (sendable, key);
          }
      }
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

      if (!remove_waiting_publish_rows (self, post_id, sendable, &changed, action, error))
        return FALSE;

      g_hash_table_iter_init (&iter, channels);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          /* Already on the platform (natively scheduled, say): nothing to publish. */
          if (value != NULL || g_hash_table_contains (held_back, key))
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

      if (hd_variant_get_remote_id (variant) != NULL ||
          variant_state_holds_back (hd_variant_get_state (variant)))
        continue;

      if (!insert_row (self, hd_post_get_id (post), hd_variant_get_channel_id (variant),
                       HD_OUTBOX_OPERATION_PUBLISH, NULL, now, action, error))
        return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return TRUE;
}

/* The sender's side */

G_DEFINE_BOXED_TYPE (HdChange, hd_change, hd_change_copy, hd_change_free)

HdChange *
hd_change_copy (const HdChange *change)
{
  HdChange *copy;

  g_return_val_if_fail (change != NULL, NULL);

  copy = g_new0 (HdChange, 1);
  *copy = *change;
  copy->id = g_strdup (change->id);
  copy->subject_kind = g_strdup (change->subject_kind);
  copy->subject_id = g_strdup (change->subject_id);
  copy->channel_id = g_strdup (change->channel_id);
  copy->operation = g_strdup (change->operation);
  copy->last_error = g_strdup (change->last_error);
  copy->idempotency_key = g_strdup (change->idempotency_key);
  copy->remote_id = g_strdup (change->remote_id);

  return copy;
}

void
hd_change_free (HdChange *change)
{
  if (change == NULL)
    return;

  g_free (change->id);
  g_free (change->subject_kind);
  g_free (change->subject_id);
  g_free (change->channel_id);
  g_free (change->operation);
  g_free (change->last_error);
  g_free (change->idempotency_key);
  g_free (change->remote_id);
  g_free (change);
}

#define CHANGE_COLUMNS \
  "outbox.id, outbox.subject_kind, outbox.subject_id, outbox.channel_id, outbox.operation," \
  " outbox.state, outbox.attempts, outbox.next_attempt_at, outbox.last_error," \
  " outbox.idempotency_key, outbox.remote_id, outbox.created_at, outbox.updated_at"

static gpointer
change_from_row (sqlite3_stmt *stmt)
{
  HdChange *change = g_new0 (HdChange, 1);

  change->id = g_strdup (_hd_column_text (stmt, 0));
  change->subject_kind = g_strdup (_hd_column_text (stmt, 1));
  change->subject_id = g_strdup (_hd_column_text (stmt, 2));
  change->channel_id = g_strdup (_hd_column_text (stmt, 3));
  change->operation = g_strdup (_hd_column_text (stmt, 4));
  change->state = _hd_column_enum (stmt, 5, HD_TYPE_OUTBOX_STATE);
  change->attempts = (guint) MAX (sqlite3_column_int (stmt, 6), 0);
  change->next_attempt_at = sqlite3_column_int64 (stmt, 7);
  change->last_error = g_strdup (_hd_column_text (stmt, 8));
  change->idempotency_key = g_strdup (_hd_column_text (stmt, 9));
  change->remote_id = g_strdup (_hd_column_text (stmt, 10));
  change->created_at = sqlite3_column_int64 (stmt, 11);
  change->updated_at = sqlite3_column_int64 (stmt, 12);

  return change;
}

/**
 * hd_store_load_change:
 *
 * Returns: (transfer full): the row, or %NULL with HD_STORE_ERROR_NOT_FOUND
 */
HdChange *
hd_store_load_change (HdStore     *self,
                      const char  *id,
                      GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _hd_store_load_row (self, "SELECT " CHANGE_COLUMNS " FROM outbox WHERE id = ?1", id,
                             change_from_row, _("load the change waiting to be sent"),
                             _("Herald could not find the change any more: it was sent, or the "
                               "post was changed or deleted meanwhile."),
                             error);
}

/**
 * hd_store_list_changes:
 * @channel_id: (nullable): the channel, or %NULL for all
 *
 * Returns: (transfer full) (element-type HdChange): the rows
 */
GPtrArray *
hd_store_list_changes (HdStore        *self,
                       const char     *channel_id,
                       HdOutboxState   state,
                       GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("list the changes waiting to be sent");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  stmt = _hd_store_prepare (self,
                            "SELECT " CHANGE_COLUMNS " FROM outbox"
                            " WHERE state = ?1 AND (?2 IS NULL OR channel_id = ?2)"
                            " ORDER BY created_at, rowid",
                            action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_enum (stmt, 1, HD_TYPE_OUTBOX_STATE, state);
  _hd_bind_text (stmt, 2, channel_id);

  return _hd_store_collect_rows (self, stmt, change_from_row, (GDestroyNotify) hd_change_free,
                                 action, error);
}

gboolean
hd_store_unconfirm_in_flight (HdStore  *self,
                              guint    *n_changed,
                              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("check the changes that were being sent");
  guint changed;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  stmt = _hd_store_prepare (self,
                            "UPDATE outbox SET state = 'unconfirmed', updated_at = ?1"
                            " WHERE state = 'in-flight'",
                            action, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, _hd_store_now ());

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  changed = (guint) sqlite3_changes (_hd_store_get_db (self));
  if (changed > 0)
    _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  if (!hd_store_commit (self, error))
    return FALSE;

  if (n_changed != NULL)
    *n_changed = changed;

  return TRUE;
}

/**
 * hd_store_list_changes_to_send:
 *
 * Returns: (transfer full) (element-type HdChange): the rows, in the order to send them
 */
GPtrArray *
hd_store_list_changes_to_send (HdStore  *self,
                               gint64    now,
                               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("list the changes waiting to be sent");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  /* Only post rows: the other subjects belong to the sync engine, which knows them. */
  stmt = _hd_store_prepare (self,
                            "SELECT " CHANGE_COLUMNS " FROM outbox"
                            " JOIN channels ON channels.id = outbox.channel_id"
                            " LEFT JOIN posts ON posts.id = outbox.subject_id"
                            " WHERE channels.state = 'connected'"
                            "  AND outbox.subject_kind = 'post'"
                            "  AND (outbox.state = 'unconfirmed'"
                            "       OR (outbox.state = 'pending'"
                            "           AND coalesce (outbox.next_attempt_at, 0) <= ?1"
                            "           AND ((outbox.operation = 'publish'"
                            "                 AND posts.scheduled_at IS NOT NULL"
                            "                 AND posts.scheduled_at <= ?1)"
                            "                OR outbox.operation = 'delete')))"
                            " ORDER BY outbox.channel_id, outbox.state != 'unconfirmed',"
                            "  coalesce (posts.scheduled_at, outbox.created_at),"
                            "  outbox.created_at, outbox.rowid",
                            action, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);

  return _hd_store_collect_rows (self, stmt, change_from_row, (GDestroyNotify) hd_change_free,
                                 action, error);
}

static gboolean
update_change_row (HdStore     *self,
                   const char  *sql,
                   const char  *id,
                   gint64       instant,
                   const char  *text,
                   const char  *action,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, _hd_store_now ());
  _hd_bind_instant (stmt, 3, instant);
  _hd_bind_text (stmt, 4, text);

  return _hd_store_step (self, stmt, action, error);
}

gboolean
hd_store_begin_sending_change (HdStore     *self,
                               const char  *id,
                               GError     **error)
{
  const char *action = _("mark the change as being sent");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!update_change_row (self,
                          "UPDATE outbox SET state = 'in-flight', attempts = attempts + 1,"
                          "  updated_at = ?2, next_attempt_at = ?3, last_error = ?4"
                          " WHERE id = ?1 AND state IN ('pending', 'unconfirmed')",
                          id, 0, NULL, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  if (sqlite3_changes (_hd_store_get_db (self)) == 0)
    {
      hd_store_rollback (self);
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("The change is no longer waiting to be sent: it is being sent already, or "
                     "the post was changed meanwhile."));
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);
}

static gboolean
exec_one (HdStore     *self,
          const char  *sql,
          const char  *a,
          const char  *b,
          const char  *c,
          gint64       instant,
          const char  *action,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, a);
  _hd_bind_text (stmt, 2, b);
  _hd_bind_text (stmt, 3, c);
  sqlite3_bind_int64 (stmt, 4, instant);

  return _hd_store_step (self, stmt, action, error);
}

static gboolean
complete_in_transaction (HdStore     *self,
                         HdChange    *change,
                         const char  *remote_id,
                         const char  *remote_url,
                         gint64       now,
                         const char  *action,
                         GError     **error)
{
  gboolean publish = g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_PUBLISH) == 0;

  if (!exec_one (self,
                 "UPDATE outbox SET state = 'done', remote_id = coalesce (?2, remote_id),"
                 "  last_error = NULL, next_attempt_at = NULL, updated_at = ?4"
                 " WHERE id = ?1",
                 change->id, remote_id, NULL, now, action, error))
    return FALSE;

  if (!publish)
    return TRUE;

  /* The variant may have been taken off the post meanwhile; the row still says where the
   * post went, so a later delete can find it. */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    stmt = _hd_store_prepare (self,
                              "UPDATE post_variants SET remote_id = ?3, remote_url = ?2,"
                              "  state = 'published'"
                              " WHERE post_id = ?1 AND channel_id = ?4",
                              action, error);
    if (stmt == NULL)
      return FALSE;
    _hd_bind_text (stmt, 1, change->subject_id);
    _hd_bind_text (stmt, 2, remote_url);
    _hd_bind_text (stmt, 3, remote_id);
    _hd_bind_text (stmt, 4, change->channel_id);
    if (!_hd_store_step (self, stmt, action, error))
      return FALSE;
  }

  /* The post is out once no publish row of it is left to go and every channel has it: a
   * channel held back as a draft keeps the post scheduled, so the user can still fix and
   * send that one. */
  if (!exec_one (self,
                 "UPDATE posts SET state = 'published', published_at = ?4, updated_at = ?4"
                 " WHERE id = ?1 AND state IN ('scheduled', 'publishing')"
                 "  AND NOT EXISTS (SELECT 1 FROM outbox WHERE subject_kind = 'post'"
                 "                  AND subject_id = ?1 AND operation = 'publish'"
                 "                  AND state != 'done')"
                 "  AND NOT EXISTS (SELECT 1 FROM post_variants WHERE post_id = ?1"
                 "                  AND remote_id IS NULL)",
                 change->subject_id, NULL, NULL, now, action, error))
    return FALSE;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);

  return TRUE;
}

gboolean
hd_store_complete_change (HdStore     *self,
                          const char  *id,
                          const char  *remote_id,
                          const char  *remote_url,
                          gint64       now,
                          GError     **error)
{
  g_autoptr(HdChange) change = NULL;
  const char *action = _("record the change as sent");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  change = hd_store_load_change (self, id, error);
  if (change == NULL ||
      !complete_in_transaction (self, change, remote_id, remote_url, now, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);
}

gboolean
hd_store_defer_change (HdStore     *self,
                       const char  *id,
                       gint64       next_attempt_at,
                       const char  *reason,
                       GError     **error)
{
  const char *action = _("put the change back in the queue");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!update_change_row (self,
                          "UPDATE outbox SET state = 'pending', updated_at = ?2,"
                          "  next_attempt_at = ?3, last_error = ?4"
                          " WHERE id = ?1",
                          id, next_attempt_at, reason, action, error) ||
      !_hd_store_check_changed_one (self, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);
}

gboolean
hd_store_fail_change (HdStore     *self,
                      const char  *id,
                      const char  *reason,
                      GError     **error)
{
  g_autoptr(HdChange) change = NULL;
  const char *action = _("record why the change could not be sent");
  gint64 now = _hd_store_now ();

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  change = hd_store_load_change (self, id, error);
  if (change == NULL ||
      !update_change_row (self,
                          "UPDATE outbox SET state = 'failed', updated_at = ?2,"
                          "  next_attempt_at = ?3, last_error = ?4"
                          " WHERE id = ?1",
                          id, 0, reason, action, error))
    goto failed;

  if (g_strcmp0 (change->subject_kind, HD_OUTBOX_SUBJECT_POST) == 0)
    {
      if (g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_PUBLISH) == 0 &&
          !exec_one (self,
                     "UPDATE post_variants SET state = 'failed'"
                     " WHERE post_id = ?1 AND channel_id = ?2 AND remote_id IS NULL",
                     change->subject_id, change->channel_id, NULL, 0, action, error))
        goto failed;

      if (!exec_one (self,
                     "UPDATE posts SET state = 'needs-attention', updated_at = ?4"
                     " WHERE id = ?1",
                     change->subject_id, NULL, NULL, now, action, error))
        goto failed;

      _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}
