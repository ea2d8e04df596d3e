/* hd-store-changes.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-store-changes.h"
#include "hd-store-ads-outbox.h"
#include "hd-store-outbox.h"
#include "hd-store-private.h"

/* Characters of a post shown in one line of a list. */
#define EXCERPT_CHARS 60

G_DEFINE_BOXED_TYPE (HdChangeSummary, hd_change_summary, hd_change_summary_copy,
                     hd_change_summary_free)

HdChangeSummary *
hd_change_summary_copy (const HdChangeSummary *summary)
{
  HdChangeSummary *copy;

  g_return_val_if_fail (summary != NULL, NULL);

  copy = g_new0 (HdChangeSummary, 1);
  *copy = *summary;
  copy->change_id = g_strdup (summary->change_id);
  copy->post_id = g_strdup (summary->post_id);
  copy->operation = g_strdup (summary->operation);
  copy->state = g_strdup (summary->state);
  copy->reason = g_strdup (summary->reason);
  copy->channel_id = g_strdup (summary->channel_id);
  copy->channel_name = g_strdup (summary->channel_name);
  copy->channel_handle = g_strdup (summary->channel_handle);
  copy->excerpt = g_strdup (summary->excerpt);
  copy->time_zone = g_strdup (summary->time_zone);
  copy->subject_kind = g_strdup (summary->subject_kind);
  copy->subject_id = g_strdup (summary->subject_id);

  return copy;
}

void
hd_change_summary_free (HdChangeSummary *summary)
{
  if (summary == NULL)
    return;

  g_free (summary->change_id);
  g_free (summary->post_id);
  g_free (summary->operation);
  g_free (summary->state);
  g_free (summary->reason);
  g_free (summary->channel_id);
  g_free (summary->channel_name);
  g_free (summary->channel_handle);
  g_free (summary->excerpt);
  g_free (summary->time_zone);
  g_free (summary->subject_kind);
  g_free (summary->subject_id);
  g_free (summary);
}

const char *
hd_change_kind_to_label (HdChangeKind kind)
{
  switch (kind)
    {
    case HD_CHANGE_KIND_ADDED:
      /* TRANSLATORS: a post that will be new on the channel */
      return C_("change", "added");
    case HD_CHANGE_KIND_CHANGED:
      /* TRANSLATORS: a post the channel holds that will be edited */
      return C_("change", "changed");
    case HD_CHANGE_KIND_REMOVED:
    default:
      /* TRANSLATORS: a post that will be taken off the channel */
      return C_("change", "removed");
    }
}

const char *
hd_change_state_to_label (const char *state)
{
  if (g_strcmp0 (state, HD_CHANGE_STATE_PENDING) == 0)
    return C_("change state", "waiting");
  if (g_strcmp0 (state, HD_CHANGE_STATE_IN_FLIGHT) == 0)
    return C_("change state", "sending");
  if (g_strcmp0 (state, HD_CHANGE_STATE_FAILED) == 0)
    return C_("change state", "failed");
  if (g_strcmp0 (state, HD_CHANGE_STATE_UNCONFIRMED) == 0)
    return C_("change state", "checking");
  if (g_strcmp0 (state, HD_CHANGE_STATE_MISSED) == 0)
    return C_("change state", "missed");

  return C_("change state", "unknown");
}

gboolean
hd_change_state_can_discard (const char *state)
{
  return g_strcmp0 (state, HD_CHANGE_STATE_PENDING) == 0 ||
         g_strcmp0 (state, HD_CHANGE_STATE_FAILED) == 0 ||
         g_strcmp0 (state, HD_CHANGE_STATE_MISSED) == 0;
}

static char *
make_excerpt (const char *text)
{
  g_autofree char *flat = NULL;

  if (text == NULL)
    return g_strdup ("");

  flat = g_utf8_make_valid (text, -1);
  for (char *c = flat; *c != '\0'; c++)
    {
      if (*c == '\n' || *c == '\r' || *c == '\t')
        *c = ' ';
    }
  g_strstrip (flat);

  if (g_utf8_strlen (flat, -1) > EXCERPT_CHARS)
    {
      *g_utf8_offset_to_pointer (flat, EXCERPT_CHARS - 1) = '\0';
      return g_strconcat (g_strchomp (flat), "…", NULL);
    }

  return g_steal_pointer (&flat);
}

/* Post rows, and the rows of campaigns, ad sets and ads (named by their object, with the
 * object's remote id standing for the variant's), in the same columns. */
#define SUMMARY_SQL \
  "SELECT * FROM (" \
  "SELECT o.id AS change_id, o.subject_id, o.operation, o.state, o.last_error," \
  "  o.next_attempt_at, o.remote_id, o.created_at, c.id AS channel_id, c.kind, c.state," \
  "  c.display_name, c.handle," \
  "  coalesce (nullif (v.text, ''), p.text), p.scheduled_at, p.time_zone," \
  "  v.remote_id AS object_remote_id, o.subject_kind, o.rowid AS row_order" \
  " FROM outbox o JOIN channels c ON c.id = o.channel_id" \
  " LEFT JOIN posts p ON p.id = o.subject_id" \
  " LEFT JOIN post_variants v ON v.post_id = o.subject_id AND v.channel_id = o.channel_id" \
  " WHERE o.subject_kind = 'post' AND o.state != 'done'" \
  " UNION ALL " \
  "SELECT o.id, o.subject_id, o.operation, o.state, o.last_error, o.next_attempt_at," \
  "  o.remote_id, o.created_at, c.id, c.kind, c.state, c.display_name, c.handle," \
  "  coalesce (ca.name, s.name, d.name), NULL, NULL," \
  "  coalesce (ca.remote_id, s.remote_id, d.remote_id), o.subject_kind, o.rowid" \
  " FROM outbox o JOIN channels c ON c.id = o.channel_id" \
  " LEFT JOIN campaigns ca ON o.subject_kind = 'campaign' AND ca.id = o.subject_id" \
  " LEFT JOIN ad_sets s ON o.subject_kind = 'ad-set' AND s.id = o.subject_id" \
  " LEFT JOIN ads d ON o.subject_kind = 'ad' AND d.id = o.subject_id" \
  " WHERE o.subject_kind IN ('campaign', 'ad-set', 'ad') AND o.state != 'done'" \
  ") WHERE 1"

static gpointer
summary_from_row (sqlite3_stmt *stmt)
{
  HdChangeSummary *summary = g_new0 (HdChangeSummary, 1);
  const char *display_name = _hd_column_text (stmt, 11);
  const char *handle = _hd_column_text (stmt, 12);

  summary->change_id = g_strdup (_hd_column_text (stmt, 0));
  summary->subject_id = g_strdup (_hd_column_text (stmt, 1));
  summary->subject_kind = g_strdup (_hd_column_text (stmt, 17));
  if (g_strcmp0 (summary->subject_kind, HD_OUTBOX_SUBJECT_POST) == 0)
    summary->post_id = g_strdup (_hd_column_text (stmt, 1));
  summary->operation = g_strdup (_hd_column_text (stmt, 2));
  summary->state = g_strdup (_hd_column_text (stmt, 3));
  summary->reason = g_strdup (_hd_column_text (stmt, 4));
  summary->next_attempt_at = sqlite3_column_int64 (stmt, 5);

  if (g_strcmp0 (summary->operation, HD_OUTBOX_OPERATION_DELETE) == 0)
    summary->kind = HD_CHANGE_KIND_REMOVED;
  else if (g_strcmp0 (summary->operation, HD_OUTBOX_OPERATION_UPDATE) == 0 ||
           _hd_column_text (stmt, 6) != NULL || _hd_column_text (stmt, 16) != NULL)
    summary->kind = HD_CHANGE_KIND_CHANGED;
  else
    summary->kind = HD_CHANGE_KIND_ADDED;

  summary->channel_id = g_strdup (_hd_column_text (stmt, 8));
  summary->channel_kind = _hd_column_enum (stmt, 9, HD_TYPE_CHANNEL_KIND);
  summary->channel_state = _hd_column_enum (stmt, 10, HD_TYPE_CHANNEL_STATE);
  summary->channel_handle = g_strdup (handle);
  if (display_name != NULL && *display_name != '\0')
    summary->channel_name = g_strdup (display_name);
  else if (handle != NULL && *handle != '\0')
    summary->channel_name = g_strdup (handle);
  else
    summary->channel_name = g_strdup (hd_channel_kind_to_label (summary->channel_kind));

  if (summary->post_id != NULL)
    summary->excerpt = make_excerpt (_hd_column_text (stmt, 13));
  else
    {
      g_autofree char *object = hd_ad_object_describe (summary->subject_kind,
                                                       _hd_column_text (stmt, 13));

      summary->excerpt = make_excerpt (object);
    }
  summary->instant = sqlite3_column_int64 (stmt, 14);
  if (summary->instant == 0)
    summary->instant = sqlite3_column_int64 (stmt, 7);
  summary->time_zone = g_strdup (_hd_column_text (stmt, 15));

  return summary;
}

/**
 * hd_store_describe_changes:
 *
 * Returns: (transfer full) (element-type HdChangeSummary): the changes
 */
GPtrArray *
hd_store_describe_changes (HdStore  *self,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("list the changes waiting to be sent");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  stmt = _hd_store_prepare (self,
                            SUMMARY_SQL
                            " ORDER BY lower (coalesce (nullif (display_name, ''), handle,"
                            "  kind)), channel_id, coalesce (scheduled_at, created_at),"
                            "  created_at, row_order",
                            action, error);
  if (stmt == NULL)
    return NULL;

  return _hd_store_collect_rows (self, stmt, summary_from_row,
                                 (GDestroyNotify) hd_change_summary_free, action, error);
}

/**
 * hd_store_describe_change:
 *
 * Returns: (transfer full): the change, or %NULL with HD_STORE_ERROR_NOT_FOUND
 */
HdChangeSummary *
hd_store_describe_change (HdStore     *self,
                          const char  *change_id,
                          GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (change_id != NULL, NULL);

  return _hd_store_load_row (self, SUMMARY_SQL " AND change_id = ?1", change_id, summary_from_row,
                             _("load the change waiting to be sent"),
                             _("Herald could not find the change any more: it was sent, or the "
                               "post was changed or deleted meanwhile."),
                             error);
}

/* Discarding and putting back */

struct _HdDiscardedChange
{
  HdChange *change;
  /* the nicks the post and its variant had before; NULL when there was none */
  char     *post_state;
  char     *variant_state;
};

void
hd_discarded_change_free (HdDiscardedChange *discarded)
{
  if (discarded == NULL)
    return;

  g_clear_pointer (&discarded->change, hd_change_free);
  g_free (discarded->post_state);
  g_free (discarded->variant_state);
  g_free (discarded);
}

/* Reads one text column of one row, NULL when there is no row. */
static gboolean
read_text (HdStore     *self,
           const char  *sql,
           const char  *a,
           const char  *b,
           char       **value,
           const char  *action,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, a);
  _hd_bind_text (stmt, 2, b);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  *value = rc == SQLITE_ROW ? g_strdup (_hd_column_text (stmt, 0)) : NULL;

  return TRUE;
}

static gboolean
write_text (HdStore     *self,
            const char  *sql,
            const char  *a,
            const char  *b,
            const char  *c,
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
  sqlite3_bind_int64 (stmt, 4, _hd_store_now ());

  return _hd_store_step (self, stmt, action, error);
}

/* Once no channel of the post is waiting to go or already out, the post is a draft again:
 * the calendar then shows it as something to finish, not something on its way. */
static gboolean
settle_post_state (HdStore     *self,
                   const char  *post_id,
                   const char  *action,
                   GError     **error)
{
  g_autofree char *busy = NULL;

  if (!read_text (self,
                  "SELECT 1 WHERE EXISTS (SELECT 1 FROM outbox"
                  "   WHERE subject_kind = 'post' AND subject_id = ?1"
                  "    AND operation = 'publish' AND state != 'done')"
                  " OR EXISTS (SELECT 1 FROM post_variants WHERE post_id = ?1"
                  "   AND (remote_id IS NOT NULL OR state = 'published'))",
                  post_id, NULL, &busy, action, error))
    return FALSE;

  if (busy != NULL)
    return TRUE;

  return write_text (self,
                     "UPDATE posts SET state = 'draft', updated_at = ?4"
                     " WHERE id = ?1 AND state IN ('scheduled', 'failed', 'needs-attention')",
                     post_id, NULL, NULL, action, error);
}

static gboolean
discard_in_transaction (HdStore            *self,
                        HdChange           *change,
                        HdDiscardedChange  *discarded,
                        const char         *action,
                        GError            **error)
{
  gboolean publish = g_strcmp0 (change->operation, HD_OUTBOX_OPERATION_PUBLISH) == 0;

  if (!read_text (self, "SELECT state FROM posts WHERE id = ?1", change->subject_id, NULL,
                  &discarded->post_state, action, error) ||
      !read_text (self,
                  "SELECT state FROM post_variants WHERE post_id = ?1 AND channel_id = ?2",
                  change->subject_id, change->channel_id, &discarded->variant_state, action,
                  error))
    return FALSE;

  if (!write_text (self, "DELETE FROM outbox WHERE id = ?1", change->id, NULL, NULL, action,
                   error) ||
      !_hd_store_check_changed_one (self, action, error))
    return FALSE;

  if (!publish)
    return TRUE;

  /* Held back as a draft, the channel gets no new row the next time the post is saved. */
  if (!write_text (self,
                   "UPDATE post_variants SET state = 'draft'"
                   " WHERE post_id = ?1 AND channel_id = ?2 AND remote_id IS NULL",
                   change->subject_id, change->channel_id, NULL, action, error))
    return FALSE;

  if (!settle_post_state (self, change->subject_id, action, error))
    return FALSE;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);

  return TRUE;
}

gboolean
hd_store_discard_change (HdStore            *self,
                         const char         *change_id,
                         HdDiscardedChange **discarded,
                         GError            **error)
{
  g_autoptr(HdDiscardedChange) taken = NULL;
  g_autoptr(HdChange) change = NULL;
  g_autofree char *state = NULL;
  const char *action = _("discard the change");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (change_id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  change = hd_store_load_change (self, change_id, error);
  if (change == NULL ||
      !read_text (self, "SELECT state FROM outbox WHERE id = ?1", change_id, NULL, &state,
                  action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  if (!hd_change_state_can_discard (state))
    {
      hd_store_rollback (self);
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("This change is being sent right now, so it cannot be discarded. Wait "
                     "until Herald knows whether it went."));
      return FALSE;
    }

  taken = g_new0 (HdDiscardedChange, 1);
  taken->change = hd_change_copy (change);
  if (!discard_in_transaction (self, change, taken, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);

  if (!hd_store_commit (self, error))
    return FALSE;

  if (discarded != NULL)
    *discarded = g_steal_pointer (&taken);

  return TRUE;
}

static gboolean
reinsert_row (HdStore     *self,
              HdChange    *change,
              const char  *action,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _hd_store_prepare (self,
                            "INSERT INTO outbox (id, subject_kind, subject_id, channel_id,"
                            "  operation, state, attempts, next_attempt_at, last_error,"
                            "  idempotency_key, remote_id, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, change->id);
  _hd_bind_text (stmt, 2, change->subject_kind);
  _hd_bind_text (stmt, 3, change->subject_id);
  _hd_bind_text (stmt, 4, change->channel_id);
  _hd_bind_text (stmt, 5, change->operation);
  _hd_bind_enum (stmt, 6, HD_TYPE_OUTBOX_STATE, change->state);
  sqlite3_bind_int (stmt, 7, (int) change->attempts);
  _hd_bind_instant (stmt, 8, change->next_attempt_at);
  _hd_bind_text (stmt, 9, change->last_error);
  _hd_bind_text (stmt, 10, change->idempotency_key);
  _hd_bind_text (stmt, 11, change->remote_id);
  sqlite3_bind_int64 (stmt, 12, change->created_at);
  sqlite3_bind_int64 (stmt, 13, _hd_store_now ());

  return _hd_store_step (self, stmt, action, error);
}

gboolean
hd_store_undo_discard (HdStore            *self,
                       HdDiscardedChange  *discarded,
                       GError            **error)
{
  const char *action = _("put the discarded change back");
  HdChange *change;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (discarded != NULL, FALSE);

  change = discarded->change;

  if (!hd_store_begin (self, error))
    return FALSE;

  /* The post or channel may have gone meanwhile: then there is nothing to put back. */
  if (!reinsert_row (self, change, action, error) ||
      (discarded->variant_state != NULL &&
       !write_text (self,
                    "UPDATE post_variants SET state = ?3"
                    " WHERE post_id = ?1 AND channel_id = ?2 AND remote_id IS NULL",
                    change->subject_id, change->channel_id, discarded->variant_state, action,
                    error)) ||
      (discarded->post_state != NULL &&
       !write_text (self, "UPDATE posts SET state = ?2, updated_at = ?4 WHERE id = ?1",
                    change->subject_id, discarded->post_state, NULL, action, error)))
    {
      hd_store_rollback (self);
      if (error != NULL && *error != NULL && (*error)->domain == HD_STORE_ERROR &&
          (*error)->code == HD_STORE_ERROR_INVALID)
        {
          g_clear_error (error);
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("The change cannot be put back: its post or channel was changed "
                         "meanwhile."));
        }
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);
  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);

  return hd_store_commit (self, error);
}
