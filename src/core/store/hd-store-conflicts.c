/* hd-store-conflicts.c: what the platforms hold of the posts Herald sent, and the user's
 * answer when they hold something else
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-store-private.h"

G_DEFINE_BOXED_TYPE (HdRemoteVariant, hd_remote_variant, hd_remote_variant_copy,
                     hd_remote_variant_free)

HdRemoteVariant *
hd_remote_variant_copy (const HdRemoteVariant *variant)
{
  HdRemoteVariant *copy;

  g_return_val_if_fail (variant != NULL, NULL);

  copy = g_memdup2 (variant, sizeof *variant);
  copy->variant_id = g_strdup (variant->variant_id);
  copy->post_id = g_strdup (variant->post_id);
  copy->channel_id = g_strdup (variant->channel_id);
  copy->channel_name = g_strdup (variant->channel_name);
  copy->remote_id = g_strdup (variant->remote_id);
  copy->remote_url = g_strdup (variant->remote_url);
  copy->text = g_strdup (variant->text);
  copy->remote_text = g_strdup (variant->remote_text);

  return copy;
}

void
hd_remote_variant_free (HdRemoteVariant *variant)
{
  if (variant == NULL)
    return;

  g_free (variant->variant_id);
  g_free (variant->post_id);
  g_free (variant->channel_id);
  g_free (variant->channel_name);
  g_free (variant->remote_id);
  g_free (variant->remote_url);
  g_free (variant->text);
  g_free (variant->remote_text);
  g_free (variant);
}

/* A handed-over variant is one whose remote id a done publish row got from the platform's
 * queue of posts held for later. */
#define REMOTE_VARIANT_COLUMNS \
  "post_variants.id, post_variants.post_id, post_variants.channel_id, channels.kind," \
  " coalesce (nullif (channels.display_name, ''), channels.handle, '')," \
  " post_variants.remote_id, post_variants.remote_url," \
  " coalesce (post_variants.text, posts.text), post_variants.remote_text," \
  " post_variants.conflict, posts.scheduled_at, posts.published_at, post_variants.pulled_at," \
  " EXISTS (SELECT 1 FROM outbox WHERE outbox.subject_kind = 'post'" \
  "          AND outbox.subject_id = post_variants.post_id" \
  "          AND outbox.channel_id = post_variants.channel_id" \
  "          AND outbox.operation = 'publish' AND outbox.state = 'done'" \
  "          AND outbox.remote_scheduled = 1" \
  "          AND outbox.remote_id = post_variants.remote_id)"

#define REMOTE_VARIANT_FROM \
  " FROM post_variants JOIN posts ON posts.id = post_variants.post_id" \
  " JOIN channels ON channels.id = post_variants.channel_id"

static HdConflictKind
conflict_from_text (const char *text)
{
  if (g_strcmp0 (text, "edited") == 0)
    return HD_CONFLICT_EDITED;
  if (g_strcmp0 (text, "deleted") == 0)
    return HD_CONFLICT_DELETED;
  return HD_CONFLICT_NONE;
}

static const char *
conflict_to_text (HdConflictKind kind)
{
  switch (kind)
    {
    case HD_CONFLICT_EDITED:
      return "edited";
    case HD_CONFLICT_DELETED:
      return "deleted";
    case HD_CONFLICT_NONE:
    default:
      return NULL;
    }
}

static gpointer
read_remote_variant (sqlite3_stmt *stmt)
{
  HdRemoteVariant *variant = g_new0 (HdRemoteVariant, 1);

  variant->variant_id = g_strdup (_hd_column_text (stmt, 0));
  variant->post_id = g_strdup (_hd_column_text (stmt, 1));
  variant->channel_id = g_strdup (_hd_column_text (stmt, 2));
  variant->channel_kind = _hd_column_enum (stmt, 3, HD_TYPE_CHANNEL_KIND);
  variant->channel_name = g_strdup (_hd_column_text (stmt, 4));
  variant->remote_id = g_strdup (_hd_column_text (stmt, 5));
  variant->remote_url = g_strdup (_hd_column_text (stmt, 6));
  variant->text = g_strdup (_hd_column_text (stmt, 7));
  variant->remote_text = g_strdup (_hd_column_text (stmt, 8));
  variant->conflict = conflict_from_text (_hd_column_text (stmt, 9));
  variant->scheduled_at = sqlite3_column_int64 (stmt, 10);
  variant->published_at = sqlite3_column_int64 (stmt, 11);
  variant->pulled_at = sqlite3_column_int64 (stmt, 12);
  variant->handed_over = sqlite3_column_int (stmt, 13) != 0;

  return variant;
}

GPtrArray *
hd_store_list_variants_to_pull (HdStore     *self,
                                const char  *channel_id,
                                gint64       since,
                                guint        limit,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("find the posts to read back from the platforms");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);

  /* The few due are chosen first and only they are read whole: the text and the look in the
   * outbox are worth doing for @limit rows, not for the channel's whole window. */
  stmt = _hd_store_prepare (self,
                            "SELECT " REMOTE_VARIANT_COLUMNS REMOTE_VARIANT_FROM
                            " WHERE post_variants.id IN ("
                            "  SELECT post_variants.id FROM post_variants"
                            "  JOIN posts ON posts.id = post_variants.post_id"
                            "  WHERE post_variants.channel_id = ?1"
                            "   AND post_variants.remote_id IS NOT NULL"
                            "   AND post_variants.conflict IS NULL"
                            "   AND post_variants.removed = 0"
                            "   AND post_variants.state IN ('published', 'scheduled')"
                            "   AND coalesce (posts.published_at, posts.scheduled_at, 0) >= ?2"
                            "  ORDER BY coalesce (post_variants.pulled_at, 0),"
                            "   coalesce (posts.published_at, posts.scheduled_at) DESC,"
                            "   post_variants.id"
                            "  LIMIT ?3)"
                            " ORDER BY coalesce (post_variants.pulled_at, 0),"
                            "  coalesce (posts.published_at, posts.scheduled_at) DESC,"
                            "  post_variants.id",
                            action, error);
  if (stmt == NULL)
    return NULL;

  _hd_bind_text (stmt, 1, channel_id);
  sqlite3_bind_int64 (stmt, 2, since);
  sqlite3_bind_int64 (stmt, 3, limit);

  return _hd_store_collect_rows (self, stmt, read_remote_variant,
                                 (GDestroyNotify) hd_remote_variant_free, action, error);
}

typedef struct
{
  char   *channel_id;
  gint64  since;
  guint   limit;
} VariantsToPull;

static void
variants_to_pull_free (VariantsToPull *query)
{
  g_free (query->channel_id);
  g_free (query);
}

static gpointer
list_variants_to_pull_on (HdStore  *reader,
                          gpointer  data,
                          GError  **error)
{
  VariantsToPull *query = data;

  return hd_store_list_variants_to_pull (reader, query->channel_id, query->since,
                                         query->limit, error);
}

void
hd_store_list_variants_to_pull_async (HdStore             *self,
                                      const char          *channel_id,
                                      gint64               since,
                                      guint                limit,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  VariantsToPull *query;

  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (channel_id != NULL);

  query = g_new0 (VariantsToPull, 1);
  query->channel_id = g_strdup (channel_id);
  query->since = since;
  query->limit = limit;
  _hd_store_read_async (self, list_variants_to_pull_on, query,
                        (GDestroyNotify) variants_to_pull_free,
                        (GDestroyNotify) g_ptr_array_unref,
                        hd_store_list_variants_to_pull_async, cancellable, callback, user_data);
}

GPtrArray *
hd_store_list_variants_to_pull_finish (HdStore       *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_read_finish (self, result, hd_store_list_variants_to_pull_async, error);
}

HdRemoteVariant *
hd_store_load_remote_variant (HdStore     *self,
                              const char  *variant_id,
                              GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (variant_id != NULL, NULL);

  return _hd_store_load_row (self,
                             "SELECT " REMOTE_VARIANT_COLUMNS REMOTE_VARIANT_FROM
                             " WHERE post_variants.id = ?1",
                             variant_id, read_remote_variant,
                             _("load the post's channel"),
                             _("This post is no longer on that channel."), error);
}

gboolean
hd_store_note_pulled (HdStore     *self,
                      const char  *variant_id,
                      gint64       now,
                      GError     **error)
{
  const char *action = _("record what the platform holds");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (variant_id != NULL, FALSE);

  stmt = _hd_store_prepare (self, "UPDATE post_variants SET pulled_at = ?2 WHERE id = ?1",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, variant_id);
  sqlite3_bind_int64 (stmt, 2, now);

  return _hd_store_write_row (self, stmt, HD_STORE_FAMILY_POSTS, action, error);
}

gboolean
hd_store_note_conflict (HdStore         *self,
                        const char      *variant_id,
                        HdConflictKind   kind,
                        const char      *remote_text,
                        gint64           now,
                        GError         **error)
{
  const char *action = _("record what the platform holds");
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (variant_id != NULL, FALSE);
  g_return_val_if_fail (kind != HD_CONFLICT_NONE, FALSE);

  stmt = _hd_store_prepare (self,
                            "UPDATE post_variants SET conflict = ?2, remote_text = ?3,"
                            "  pulled_at = ?4 WHERE id = ?1",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, variant_id);
  _hd_bind_text (stmt, 2, conflict_to_text (kind));
  _hd_bind_text (stmt, 3, kind == HD_CONFLICT_EDITED ? remote_text : NULL);
  sqlite3_bind_int64 (stmt, 4, now);

  return _hd_store_write_row (self, stmt, HD_STORE_FAMILY_POSTS, action, error);
}

static gboolean
exec_bound (HdStore     *self,
            const char  *sql,
            const char  *first,
            const char  *second,
            const char  *third,
            gint64       now,
            const char  *action,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _hd_store_prepare (self, sql, action, error);

  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, first);
  _hd_bind_text (stmt, 2, second);
  _hd_bind_text (stmt, 3, third);
  sqlite3_bind_int64 (stmt, 4, now);

  return _hd_store_step (self, stmt, action, error);
}

gboolean
hd_store_note_published_remote (HdStore     *self,
                                const char  *variant_id,
                                const char  *remote_id,
                                const char  *remote_url,
                                gint64       now,
                                GError     **error)
{
  g_autoptr(HdRemoteVariant) variant = NULL;
  const char *action = _("record the post the platform published");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (variant_id != NULL, FALSE);
  g_return_val_if_fail (remote_id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  variant = hd_store_load_remote_variant (self, variant_id, error);
  if (variant == NULL)
    goto failed;

  /* The row keeps the id the post has now, so nothing takes it for one still held. */
  if (!exec_bound (self,
                   "UPDATE outbox SET remote_id = ?3, remote_scheduled = 0, updated_at = ?4"
                   " WHERE subject_kind = 'post' AND subject_id = ?1 AND channel_id = ?2"
                   "  AND operation = 'publish' AND state = 'done' AND remote_scheduled = 1",
                   variant->post_id, variant->channel_id, remote_id, now, action, error) ||
      !exec_bound (self,
                   "UPDATE post_variants SET remote_id = ?2, remote_url = ?3,"
                   "  state = 'published', pulled_at = ?4 WHERE id = ?1",
                   variant_id, remote_id, remote_url, now, action, error) ||
      !exec_bound (self,
                   "UPDATE posts SET state = 'published',"
                   "  published_at = coalesce (published_at, scheduled_at, ?4), updated_at = ?4"
                   " WHERE id = ?1 AND state != 'published'"
                   "  AND NOT EXISTS (SELECT 1 FROM post_variants AS other"
                   "                  WHERE other.post_id = ?1 AND other.removed = 0"
                   "                   AND other.state IN ('scheduled', 'publishing'))"
                   "  AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.subject_kind = 'post'"
                   "                  AND outbox.subject_id = ?1 AND outbox.operation = 'publish'"
                   "                  AND outbox.state != 'done')",
                   variant->post_id, NULL, NULL, now, action, error))
    goto failed;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);
  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}

GPtrArray *
hd_store_list_conflicts (HdStore  *self,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("list the posts changed on the platforms");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  stmt = _hd_store_prepare (self,
                            "SELECT " REMOTE_VARIANT_COLUMNS REMOTE_VARIANT_FROM
                            " WHERE post_variants.conflict IS NOT NULL"
                            " ORDER BY coalesce (posts.published_at, posts.scheduled_at) DESC,"
                            "  post_variants.rowid",
                            action, error);
  if (stmt == NULL)
    return NULL;

  return _hd_store_collect_rows (self, stmt, read_remote_variant,
                                 (GDestroyNotify) hd_remote_variant_free, action, error);
}

gboolean
hd_store_count_conflicts (HdStore  *self,
                          guint    *n_conflicts,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("count the posts changed on the platforms");
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_conflicts != NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "SELECT count (*) FROM post_variants WHERE conflict IS NOT NULL",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  *n_conflicts = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static HdRemoteVariant *
begin_answer (HdStore     *self,
              const char  *variant_id,
              GError     **error)
{
  g_autoptr(HdRemoteVariant) variant = NULL;

  if (!hd_store_begin (self, error))
    return NULL;

  variant = hd_store_load_remote_variant (self, variant_id, error);
  if (variant != NULL && variant->conflict == HD_CONFLICT_NONE)
    {
      g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                           _("The platform holds the same post as Herald now: there is "
                             "nothing to choose."));
      g_clear_pointer (&variant, hd_remote_variant_free);
    }

  if (variant == NULL)
    hd_store_rollback (self);

  return g_steal_pointer (&variant);
}

gboolean
hd_store_take_theirs (HdStore     *self,
                      const char  *variant_id,
                      GError     **error)
{
  g_autoptr(HdRemoteVariant) variant = NULL;
  const char *action = _("take the platform's version");
  const char *sql;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (variant_id != NULL, FALSE);

  if ((variant = begin_answer (self, variant_id, error)) == NULL)
    return FALSE;

  if (variant->conflict == HD_CONFLICT_EDITED)
    sql = "UPDATE post_variants SET text = remote_text, remote_text = NULL, conflict = NULL,"
          "  pulled_at = ?4 WHERE id = ?1";
  else
    /* Gone there: no remote id left to delete or read back, and a draft state so that the
     * calendar stops counting the post as out on this channel. */
    sql = "UPDATE post_variants SET removed = 1, state = 'draft', remote_id = NULL,"
          "  remote_url = NULL, remote_text = NULL, conflict = NULL, pulled_at = ?4"
          " WHERE id = ?1";

  if (!exec_bound (self, sql, variant_id, NULL, NULL, _hd_store_now (), action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);

  return hd_store_commit (self, error);
}

static gboolean
insert_outbox_row (HdStore          *self,
                   HdRemoteVariant  *variant,
                   const char       *operation,
                   const char       *remote_id,
                   gint64            now,
                   const char       *action,
                   GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *key = g_uuid_string_random ();

  stmt = _hd_store_prepare (self,
                            "INSERT INTO outbox (id, subject_kind, subject_id, channel_id,"
                            "  operation, state, idempotency_key, remote_id, created_at,"
                            "  updated_at)"
                            " VALUES (?1, 'post', ?2, ?3, ?4, 'pending', ?5, ?6, ?7, ?7)",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, id);
  _hd_bind_text (stmt, 2, variant->post_id);
  _hd_bind_text (stmt, 3, variant->channel_id);
  _hd_bind_text (stmt, 4, operation);
  _hd_bind_text (stmt, 5, key);
  _hd_bind_text (stmt, 6, remote_id);
  sqlite3_bind_int64 (stmt, 7, now);

  return _hd_store_step (self, stmt, action, error);
}

gboolean
hd_store_keep_mine (HdStore     *self,
                    const char  *variant_id,
                    gboolean     edit_in_place,
                    GError     **error)
{
  g_autoptr(HdRemoteVariant) variant = NULL;
  const char *action = _("send Herald's version again");
  gint64 now = _hd_store_now ();

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (variant_id != NULL, FALSE);

  if ((variant = begin_answer (self, variant_id, error)) == NULL)
    return FALSE;

  /* The post stays where it is, with its replies, and gets Herald's text back. */
  if (variant->conflict == HD_CONFLICT_EDITED && edit_in_place && variant->remote_id != NULL)
    {
      if (!exec_bound (self,
                       "UPDATE post_variants SET remote_text = NULL, conflict = NULL,"
                       "  pulled_at = ?4 WHERE id = ?1",
                       variant_id, NULL, NULL, now, action, error) ||
          !insert_outbox_row (self, variant, "update", variant->remote_id, now, action, error))
        goto failed;

      goto done;
    }

  /* Theirs goes first (the sender sends a delete before a publish of the same post), so
   * the channel never shows both. */
  if (variant->conflict == HD_CONFLICT_EDITED && variant->remote_id != NULL &&
      !insert_outbox_row (self, variant, "delete", variant->remote_id, now, action, error))
    goto failed;

  /* A publish row needs an instant to be due at; a post published at once has none. */
  if (!exec_bound (self,
                   "UPDATE posts SET scheduled_at = coalesce (scheduled_at, ?4),"
                   "  time_zone = coalesce (time_zone, 'UTC'), updated_at = ?4 WHERE id = ?1",
                   variant->post_id, NULL, NULL, now, action, error) ||
      !exec_bound (self,
                   "UPDATE post_variants SET remote_id = NULL, remote_url = NULL,"
                   "  remote_text = NULL, conflict = NULL, state = 'scheduled', pulled_at = ?4"
                   " WHERE id = ?1",
                   variant_id, NULL, NULL, now, action, error) ||
      !insert_outbox_row (self, variant, "publish", NULL, now, action, error))
    goto failed;

done:
  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);
  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}
