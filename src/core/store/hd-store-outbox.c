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
hd_store_channel_waits (HdStore     *self,
                        const char  *channel_id,
                        gint64       now,
                        gboolean    *waits,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("look at the channel's queue");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (channel_id != NULL, FALSE);
  g_return_val_if_fail (waits != NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "SELECT EXISTS (SELECT 1 FROM outbox WHERE channel_id = ?1"
                            "  AND subject_kind = 'post'"
                            "  AND state = 'pending' AND next_attempt_at > ?2)",
                            action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, channel_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!_hd_store_step (self, stmt, action, error))
    return FALSE;

  *waits = sqlite3_column_int (stmt, 0) != 0;

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
  char     *channel_id;
  char     *remote_id;
  /* the platform holds it for later: handed over for native scheduling */
  gboolean  scheduled;
  /* for a scheduled one, what the platform was given (see VARIANT_DIGEST) */
  char     *digest;
} RemoteRef;

static void
remote_ref_free (gpointer data)
{
  RemoteRef *ref = data;

  g_free (ref->channel_id);
  g_free (ref->remote_id);
  g_free (ref->digest);
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

/* What a post handed over to its platform went out as: its instant, its variant's text and
 * first comment and its pictures. When a save changes it, the platform's copy is out of date.
 * Needs post_variants and posts in the query. */
#define VARIANT_DIGEST \
  "coalesce (posts.scheduled_at, '') || char (31) ||" \
  " coalesce (post_variants.text, posts.text) || char (31) ||" \
  " coalesce (post_variants.first_comment, '') || char (31) ||" \
  " coalesce ((SELECT group_concat (sha256, ',') FROM (SELECT sha256 FROM variant_media" \
  "            WHERE variant_id = post_variants.id ORDER BY position)), '')"

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
  const char *action = _("save the post");
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self,
                                   "SELECT post_variants.channel_id, post_variants.remote_id,"
                                   "  post_variants.state = 'scheduled', " VARIANT_DIGEST
                                   " FROM post_variants JOIN posts ON posts.id = post_variants.post_id"
                                   " WHERE post_variants.post_id = ?1"
                                   "  AND post_variants.remote_id IS NOT NULL",
                                   action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, post_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RemoteRef *ref = g_new0 (RemoteRef, 1);

      ref->channel_id = g_strdup (_hd_column_text (stmt, 0));
      ref->remote_id = g_strdup (_hd_column_text (stmt, 1));
      ref->scheduled = sqlite3_column_int (stmt, 2) != 0;
      if (ref->scheduled)
        ref->digest = g_strdup (_hd_column_text (stmt, 3));
      g_ptr_array_add (remotes, ref);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return NULL;
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
            gboolean     remote_scheduled,
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
                                   "  updated_at, remote_scheduled)"
                                   " VALUES (?1, 'post', ?2, ?3, ?4, 'pending', ?5, ?6, ?7, ?7,"
                                   "  ?8)",
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
  sqlite3_bind_int (stmt, 8, remote_scheduled ? 1 : 0);

  if (!_hd_store_step (self, stmt, action, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* Created, or the waiting one refreshed in place (a failed or missed one too: saving the post
 * as scheduled is the user's answer to it, and the new time is kept as strictly as any); a
 * row already on its way (in flight or unconfirmed) is left to finish, so the post never goes
 * out twice. */
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
                                   "  next_attempt_at = NULL, updated_at = ?3, send_late = 0"
                                   " WHERE subject_kind = 'post' AND subject_id = ?1"
                                   "  AND channel_id = ?2 AND operation = 'publish'"
                                   "  AND state IN ('pending', 'failed', 'missed')",
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

  return insert_row (self, post_id, channel_id, HD_OUTBOX_OPERATION_PUBLISH, NULL, FALSE, now,
                     action, error);
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
                     ref->scheduled, now, action, error);
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
                                   "  AND operation = 'publish'"
                                   "  AND state IN ('pending', 'failed', 'missed')",
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

/* The variant of @post_id on @channel_id as it is now: whether there is one, its remote id and
 * its VARIANT_DIGEST. */
static gboolean
read_variant_digest (HdStore     *self,
                     const char  *post_id,
                     const char  *channel_id,
                     gboolean    *on_post,
                     char       **remote_id,
                     char       **digest,
                     const char  *action,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self,
                                   "SELECT post_variants.remote_id, " VARIANT_DIGEST
                                   " FROM post_variants JOIN posts ON posts.id = post_variants.post_id"
                                   " WHERE post_variants.post_id = ?1"
                                   "  AND post_variants.channel_id = ?2",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, post_id);
  _hd_bind_text (stmt, 2, channel_id);

  rc = sqlite3_step (stmt);
  *on_post = rc == SQLITE_ROW;
  if (*on_post)
    {
      *remote_id = g_strdup (_hd_column_text (stmt, 0));
      *digest = g_strdup (_hd_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  return TRUE;
}

/* The platform's copy is being deleted: the variant is not on the platform any more, so the
 * rule can queue it again. */
static gboolean
forget_handed_over_copy (HdStore     *self,
                         const char  *post_id,
                         RemoteRef   *ref,
                         const char  *action,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self,
                                   "UPDATE post_variants SET remote_id = NULL, remote_url = NULL"
                                   " WHERE post_id = ?1 AND channel_id = ?2 AND remote_id = ?3",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, post_id);
  _hd_bind_text (stmt, 2, ref->channel_id);
  _hd_bind_text (stmt, 3, ref->remote_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  return TRUE;
}

/* A scheduled post the platform holds for later was edited or moved: the platform's copy is
 * deleted first and the post queued again, so it is handed over (or published) as it is now,
 * never as two copies. A save that changed nothing the platform was given leaves it be. */
static gboolean
requeue_edited_handovers (HdStore     *self,
                          const char  *post_id,
                          GPtrArray   *remotes_before,
                          GHashTable  *handled,
                          gboolean    *changed,
                          gint64       now,
                          const char  *action,
                          GError     **error)
{
  for (guint i = 0; remotes_before != NULL && i < remotes_before->len; i++)
    {
      RemoteRef *ref = g_ptr_array_index (remotes_before, i);
      g_autofree char *remote_now = NULL;
      g_autofree char *digest_now = NULL;
      gboolean on_post = FALSE;

      if (!ref->scheduled)
        continue;

      if (!read_variant_digest (self, post_id, ref->channel_id, &on_post, &remote_now,
                                &digest_now, action, error))
        return FALSE;

      /* A channel taken off the post loses its copy with the others, below. */
      if (!on_post)
        continue;

      g_hash_table_add (handled, ref);
      if (g_strcmp0 (remote_now, ref->remote_id) == 0 && g_strcmp0 (digest_now, ref->digest) == 0)
        continue;

      if (!ensure_delete_row (self, post_id, ref, now, action, error) ||
          !forget_handed_over_copy (self, post_id, ref, action, error))
        return FALSE;
      *changed = TRUE;
    }

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
  g_autoptr(GHashTable) handled = g_hash_table_new (NULL, NULL);
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

  if (exists && state == HD_POST_STATE_SCHEDULED &&
      !requeue_edited_handovers (self, post_id, remotes_before, handled, &changed, now, action,
                                 error))
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

      if (g_hash_table_contains (handled, ref) ||
          (!withdrawn && g_hash_table_contains (channels, ref->channel_id)))
        continue;

      if (!ensure_delete_row (self, post_id, ref, now, action, error))
        return FALSE;
      /* A post made a draft again forgets the platform's copy of it, so scheduling it once
       * more hands it over afresh. */
      if (exists && ref->scheduled &&
          !forget_handed_over_copy (self, post_id, ref, action, error))
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
                       HD_OUTBOX_OPERATION_PUBLISH, NULL, FALSE, now, action, error))
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
  copy->record_key = g_strdup (change->record_key);

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
  g_free (change->record_key);
  g_free (change);
}

#define CHANGE_COLUMNS \
  "outbox.id, outbox.subject_kind, outbox.subject_id, outbox.channel_id, outbox.operation," \
  " outbox.state, outbox.attempts, outbox.next_attempt_at, outbox.last_error," \
  " outbox.idempotency_key, outbox.remote_id, outbox.created_at, outbox.updated_at," \
  " outbox.send_late, outbox.record_key, outbox.remote_scheduled"

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
  change->send_late = sqlite3_column_int (stmt, 13) != 0;
  change->record_key = g_strdup (_hd_column_text (stmt, 14));
  change->remote_scheduled = sqlite3_column_int (stmt, 15) != 0;

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

#define NATIVE_SCHEDULING_KEY "hd-native-scheduling"

/* hd_hands_over (kind, instant, now): the installed HdNativeSchedulingFunc, in SQL. */
static void
hands_over_sql (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  HdNativeSchedulingFunc func = (HdNativeSchedulingFunc) sqlite3_user_data (context);
  const char *kind_nick = (const char *) sqlite3_value_text (argv[0]);
  int kind = 0;

  if (func == NULL || kind_nick == NULL ||
      !hd_enum_from_nick (HD_TYPE_CHANNEL_KIND, kind_nick, &kind))
    {
      sqlite3_result_int (context, 0);
      return;
    }

  sqlite3_result_int (context, func ((HdChannelKind) kind, sqlite3_value_int64 (argv[1]),
                                     sqlite3_value_int64 (argv[2])) ? 1 : 0);
}

static void
install_native_scheduling (HdStore                *self,
                           HdNativeSchedulingFunc  func)
{
  sqlite3_create_function (_hd_store_get_db (self), "hd_hands_over", 3,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                           (void *) func, hands_over_sql, NULL, NULL);
  g_object_set_data (G_OBJECT (self), NATIVE_SCHEDULING_KEY, (gpointer) func);
  /* Told apart from "never installed" */
  if (func == NULL)
    g_object_set_data (G_OBJECT (self), NATIVE_SCHEDULING_KEY, GINT_TO_POINTER (1));
}

void
hd_store_set_native_scheduling (HdStore                *self,
                                HdNativeSchedulingFunc  func)
{
  g_return_if_fail (HD_IS_STORE (self));

  if (g_object_get_data (G_OBJECT (self), NATIVE_SCHEDULING_KEY) == (gpointer) func)
    return;

  install_native_scheduling (self, func);
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

  if (g_object_get_data (G_OBJECT (self), NATIVE_SCHEDULING_KEY) == NULL)
    install_native_scheduling (self, NULL);

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
                            "                 AND (posts.scheduled_at <= ?1"
                            "                      OR hd_hands_over (channels.kind,"
                            "                                        posts.scheduled_at, ?1))"
                            "                 AND NOT EXISTS (SELECT 1 FROM outbox AS earlier"
                            "                      WHERE earlier.subject_kind = 'post'"
                            "                       AND earlier.subject_id = outbox.subject_id"
                            "                       AND earlier.channel_id = outbox.channel_id"
                            "                       AND earlier.operation = 'delete'"
                            "                       AND earlier.remote_scheduled = 1"
                            "                       AND earlier.state != 'done'"
                            "                       AND NOT (earlier.state = 'pending'"
                            "                        AND coalesce (earlier.next_attempt_at, 0)"
                            "                            <= ?1)))"
                            "                OR outbox.operation = 'delete'"
                            /* an edit in place of a post that is out (keep mine) */
                            "                OR (outbox.operation = 'update'"
                            "                    AND outbox.remote_id IS NOT NULL))))"
                            " ORDER BY outbox.channel_id, outbox.state != 'unconfirmed',"
                            "  coalesce (posts.scheduled_at, outbox.created_at),"
                            "  outbox.operation != 'delete', outbox.created_at, outbox.rowid",
                            action, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);

  return _hd_store_collect_rows (self, stmt, change_from_row, (GDestroyNotify) hd_change_free,
                                 action, error);
}

gboolean
hd_store_next_change_due (HdStore  *self,
                          gint64    now,
                          gint64   *next_due,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("list the changes waiting to be sent");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (next_due != NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "SELECT min (CASE WHEN outbox.state = 'unconfirmed' THEN ?1"
                            "  ELSE max (coalesce (outbox.next_attempt_at, 0),"
                            "            CASE WHEN outbox.operation = 'publish'"
                            "             THEN coalesce (posts.scheduled_at, ?1) ELSE 0 END,"
                            "            ?1) END)"
                            " FROM outbox JOIN channels ON channels.id = outbox.channel_id"
                            " LEFT JOIN posts ON posts.id = outbox.subject_id"
                            " WHERE channels.state = 'connected'"
                            "  AND outbox.subject_kind = 'post'"
                            "  AND outbox.state IN ('pending', 'unconfirmed')",
                            action, error);
  if (stmt == NULL || !_hd_store_step (self, stmt, action, error))
    return FALSE;

  *next_due = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 0);

  return TRUE;
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
  sqlite3_stmt *stmt = _hd_store_prepare_cached (self, sql, action, error);
  gboolean stepped;

  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, _hd_store_now ());
  _hd_bind_instant (stmt, 3, instant);
  _hd_bind_text (stmt, 4, text);

  stepped = _hd_store_step (self, stmt, action, error);
  sqlite3_reset (stmt);

  return stepped;
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
  /* Each post sent runs these: parsing them anew every time cost more than the writes. */
  sqlite3_stmt *stmt = _hd_store_prepare_cached (self, sql, action, error);
  gboolean stepped;

  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, a);
  _hd_bind_text (stmt, 2, b);
  _hd_bind_text (stmt, 3, c);
  sqlite3_bind_int64 (stmt, 4, instant);

  stepped = _hd_store_step (self, stmt, action, error);
  sqlite3_reset (stmt);

  return stepped;
}

/* The post is out once no publish row of it is left to go and every channel has it: a
 * channel held back as a draft keeps the post scheduled, so the user can still fix and send
 * that one, and a channel whose platform holds it for later keeps it scheduled until then. */
static gboolean
publish_post_if_out (HdStore     *self,
                     const char  *post_id,
                     gint64       published_at,
                     gint64       now,
                     const char  *action,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean stepped;

  stmt = _hd_store_prepare_cached (self,
                                   "UPDATE posts SET state = 'published', published_at = ?2,"
                                   "  updated_at = ?3"
                                   " WHERE id = ?1 AND state IN ('scheduled', 'publishing')"
                                   "  AND NOT EXISTS (SELECT 1 FROM outbox"
                                   "   WHERE subject_kind = 'post' AND subject_id = ?1"
                                   "    AND operation = 'publish' AND state != 'done')"
                                   "  AND NOT EXISTS (SELECT 1 FROM post_variants"
                                   "   WHERE post_id = ?1"
                                   "    AND (remote_id IS NULL OR state = 'scheduled'))",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, post_id);
  sqlite3_bind_int64 (stmt, 2, published_at);
  sqlite3_bind_int64 (stmt, 3, now);

  stepped = _hd_store_step (self, stmt, action, error);
  sqlite3_reset (stmt);

  return stepped;
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
    sqlite3_stmt *stmt;
    gboolean stepped;

    stmt = _hd_store_prepare_cached (self,
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
    stepped = _hd_store_step (self, stmt, action, error);
    sqlite3_reset (stmt);
    if (!stepped)
      return FALSE;
  }

  if (!publish_post_if_out (self, change->subject_id, now, now, action, error))
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
hd_store_release_change (HdStore     *self,
                         const char  *id,
                         GError     **error)
{
  const char *action = _("put the change back in the queue");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!update_change_row (self,
                          "UPDATE outbox SET state = 'pending', updated_at = ?2,"
                          "  attempts = max (attempts - 1, 0)"
                          " WHERE id = ?1 AND state = 'in-flight'",
                          id, 0, NULL, action, error))
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

gboolean
hd_store_hand_over_change (HdStore     *self,
                           const char  *id,
                           const char  *remote_id,
                           const char  *remote_url,
                           gint64       now,
                           GError     **error)
{
  g_autoptr(HdChange) change = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("record the change as sent");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (remote_id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  change = hd_store_load_change (self, id, error);
  if (change == NULL ||
      !exec_one (self,
                 "UPDATE outbox SET state = 'done', remote_id = ?2, remote_scheduled = 1,"
                 "  last_error = NULL, next_attempt_at = NULL, updated_at = ?4"
                 " WHERE id = ?1",
                 id, remote_id, NULL, now, action, error))
    goto failed;

  /* The variant stays scheduled: it is out of Herald's hands, not yet published. */
  stmt = _hd_store_prepare (self,
                            "UPDATE post_variants SET remote_id = ?3, remote_url = ?2"
                            " WHERE post_id = ?1 AND channel_id = ?4",
                            action, error);
  if (stmt == NULL)
    goto failed;
  _hd_bind_text (stmt, 1, change->subject_id);
  _hd_bind_text (stmt, 2, remote_url);
  _hd_bind_text (stmt, 3, remote_id);
  _hd_bind_text (stmt, 4, change->channel_id);
  if (!_hd_store_step (self, stmt, action, error))
    goto failed;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);
  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_settle_handed_over (HdStore  *self,
                             gint64    now,
                             GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(GPtrArray) posts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) instants = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *action = _("record the posts the platforms published");
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  select = _hd_store_prepare (self,
                              "SELECT DISTINCT posts.id, posts.scheduled_at FROM posts"
                              " JOIN post_variants ON post_variants.post_id = posts.id"
                              " JOIN outbox ON outbox.subject_kind = 'post'"
                              "  AND outbox.subject_id = posts.id"
                              "  AND outbox.channel_id = post_variants.channel_id"
                              "  AND outbox.operation = 'publish' AND outbox.state = 'done'"
                              "  AND outbox.remote_scheduled = 1"
                              "  AND outbox.remote_id = post_variants.remote_id"
                              " WHERE post_variants.state = 'scheduled'"
                              "  AND posts.scheduled_at <= ?1",
                              action, error);
  if (select == NULL)
    goto failed;
  sqlite3_bind_int64 (select, 1, now);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 instant = sqlite3_column_int64 (select, 1);

      g_ptr_array_add (posts, g_strdup (_hd_column_text (select, 0)));
      g_array_append_val (instants, instant);
    }
  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      goto failed;
    }

  for (guint i = 0; i < posts->len; i++)
    {
      const char *post_id = g_ptr_array_index (posts, i);

      if (!exec_one (self,
                     "UPDATE post_variants SET state = 'published'"
                     " WHERE post_id = ?1 AND state = 'scheduled' AND remote_id IN"
                     "  (SELECT remote_id FROM outbox WHERE subject_kind = 'post'"
                     "   AND subject_id = ?1 AND operation = 'publish' AND state = 'done'"
                     "   AND remote_scheduled = 1)",
                     post_id, NULL, NULL, 0, action, error) ||
          !publish_post_if_out (self, post_id, g_array_index (instants, gint64, i), now,
                                action, error))
        goto failed;
    }

  if (posts->len > 0)
    _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_set_change_record_key (HdStore     *self,
                                const char  *id,
                                const char  *record_key,
                                GError     **error)
{
  const char *action = _("keep what the platform made for the post");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!exec_one (self, "UPDATE outbox SET record_key = ?2 WHERE id = ?1",
                 id, record_key, NULL, 0, action, error) ||
      !_hd_store_check_changed_one (self, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);
}

/* Runs @sql, which moves the row @id on only from the state it expects; a row in any other
 * state is refused with @refusal, since someone else moved it meanwhile. */
static gboolean
move_change (HdStore     *self,
             const char  *sql,
             const char  *id,
             gint64       now,
             const char  *refusal,
             const char  *action,
             GError     **error)
{
  if (!exec_one (self, sql, id, NULL, NULL, now, action, error))
    return FALSE;

  if (sqlite3_changes (_hd_store_get_db (self)) == 0)
    {
      g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID, refusal);
      return FALSE;
    }

  return TRUE;
}

/* The post is scheduled again once none of its rows waits for the user any more. */
static gboolean
reschedule_post_if_settled (HdStore     *self,
                            const char  *post_id,
                            gint64       now,
                            const char  *action,
                            GError     **error)
{
  return exec_one (self,
                   "UPDATE posts SET state = 'scheduled', updated_at = ?4"
                   " WHERE id = ?1 AND state = 'needs-attention'"
                   "  AND NOT EXISTS (SELECT 1 FROM outbox WHERE subject_kind = 'post'"
                   "                  AND subject_id = ?1 AND state IN ('failed', 'missed'))",
                   post_id, NULL, NULL, now, action, error);
}

gboolean
hd_store_miss_change (HdStore     *self,
                      const char  *id,
                      gint64       now,
                      GError     **error)
{
  g_autoptr(HdChange) change = NULL;
  const char *action = _("set aside the post whose time has passed");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  change = hd_store_load_change (self, id, error);
  if (change == NULL ||
      !move_change (self,
                    "UPDATE outbox SET state = 'missed', next_attempt_at = NULL,"
                    "  send_late = 0, updated_at = ?4"
                    " WHERE id = ?1 AND state = 'pending' AND operation = 'publish'",
                    id, now,
                    _("The change is no longer waiting to be sent: it was sent, or the post "
                      "was changed meanwhile."),
                    action, error) ||
      !exec_one (self,
                 "UPDATE posts SET state = 'needs-attention', updated_at = ?4"
                 " WHERE id = ?1 AND state IN ('scheduled', 'publishing')",
                 change->subject_id, NULL, NULL, now, action, error))
    goto failed;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);
  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_send_missed_now (HdStore     *self,
                          const char  *change_id,
                          GError     **error)
{
  g_autoptr(HdChange) change = NULL;
  const char *action = _("send the post late");
  gint64 now = _hd_store_now ();

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (change_id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  change = hd_store_load_change (self, change_id, error);
  if (change == NULL ||
      !move_change (self,
                    "UPDATE outbox SET state = 'pending', send_late = 1, next_attempt_at = NULL,"
                    "  last_error = NULL, updated_at = ?4"
                    " WHERE id = ?1 AND state = 'missed'",
                    change_id, now,
                    _("Only a post that missed its time can be sent late; this one is not "
                      "waiting for that any more."),
                    action, error) ||
      !reschedule_post_if_settled (self, change->subject_id, now, action, error))
    goto failed;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);
  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_retry_change (HdStore     *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(HdChange) change = NULL;
  const char *action = _("try the change again");
  gint64 now = _hd_store_now ();

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  change = hd_store_load_change (self, id, error);
  if (change == NULL ||
      !move_change (self,
                    "UPDATE outbox SET state = 'pending', next_attempt_at = NULL,"
                    "  updated_at = ?4"
                    " WHERE id = ?1 AND state = 'failed'",
                    id, now,
                    _("Only a change that failed can be tried again; this one is not failed "
                      "any more."),
                    action, error))
    goto failed;

  if (g_strcmp0 (change->subject_kind, HD_OUTBOX_SUBJECT_POST) == 0)
    {
      if (g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_PUBLISH) == 0 &&
          !exec_one (self,
                     "UPDATE post_variants SET state = 'scheduled'"
                     " WHERE post_id = ?1 AND channel_id = ?2 AND state = 'failed'"
                     "  AND remote_id IS NULL",
                     change->subject_id, change->channel_id, NULL, 0, action, error))
        goto failed;

      if (!reschedule_post_if_settled (self, change->subject_id, now, action, error))
        goto failed;
      _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}
