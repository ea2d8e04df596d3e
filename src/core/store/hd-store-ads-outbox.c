/* hd-store-ads-outbox.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-store-ads-outbox.h"
#include "hd-store-ads-sync.h"
#include "hd-store-private.h"

static gpointer
read_id (sqlite3_stmt *stmt)
{
  return g_strdup (_hd_column_text (stmt, 0));
}

/**
 * hd_store_list_ad_changes_to_send:
 *
 * Returns: (transfer full) (element-type HdChange): the rows, in the order to send them
 */
GPtrArray *
hd_store_list_ad_changes_to_send (HdStore  *self,
                                  gint64    now,
                                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const char *action = _("list the changes waiting to be sent");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  /* A parent is always created before its children: Meta refuses an ad set without the
   * campaign_id of a campaign it has, and an ad without its ad set. */
  stmt = _hd_store_prepare (self,
                            "SELECT outbox.id FROM outbox"
                            " JOIN channels ON channels.id = outbox.channel_id"
                            " WHERE channels.state = 'connected'"
                            "  AND outbox.subject_kind IN ('campaign', 'ad-set', 'ad')"
                            "  AND outbox.operation IN ('create', 'update')"
                            "  AND (outbox.state = 'unconfirmed'"
                            "       OR (outbox.state = 'pending'"
                            "           AND coalesce (outbox.next_attempt_at, 0) <= ?1"
                            /* order is kept per channel: a row that waits to be tried again
                             * (rate-limited, or Meta failing) keeps the rest behind it */
                            "           AND NOT EXISTS (SELECT 1 FROM outbox AS waiting"
                            "            WHERE waiting.channel_id = outbox.channel_id"
                            "             AND waiting.subject_kind IN ('campaign', 'ad-set', 'ad')"
                            "             AND waiting.state = 'pending'"
                            "             AND waiting.next_attempt_at > ?1)))"
                            " ORDER BY outbox.channel_id, outbox.state != 'unconfirmed',"
                            "  CASE outbox.subject_kind WHEN 'campaign' THEN 0"
                            "   WHEN 'ad-set' THEN 1 ELSE 2 END,"
                            "  outbox.created_at, outbox.rowid",
                            action, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);

  ids = _hd_store_collect_rows (self, stmt, read_id, g_free, action, error);
  if (ids == NULL)
    return NULL;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_change_free);
  for (guint i = 0; i < ids->len; i++)
    {
      HdChange *change = hd_store_load_change (self, g_ptr_array_index (ids, i), error);

      if (change == NULL)
        return NULL;
      g_ptr_array_add (changes, change);
    }

  return g_steal_pointer (&changes);
}

/* The parent of an ad set or ad: its kind and id, its remote id, and its latest row's state
 * and reason. */
typedef struct
{
  const char *kind;
  char       *id;
  char       *remote_id;
  char       *row_state;
  char       *row_reason;
} Parent;

static void
parent_clear (Parent *parent)
{
  g_free (parent->id);
  g_free (parent->remote_id);
  g_free (parent->row_state);
  g_free (parent->row_reason);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parent, parent_clear)

static gboolean
read_parent (HdStore     *self,
             HdChange    *change,
             Parent      *parent,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("look at the campaign the change belongs to");
  const char *sql;
  int rc;

  if (g_strcmp0 (change->subject_kind, HD_OUTBOX_SUBJECT_AD_SET) == 0)
    {
      parent->kind = HD_OUTBOX_SUBJECT_CAMPAIGN;
      sql = "SELECT p.id, p.remote_id, o.state, o.last_error FROM ad_sets s"
            " JOIN campaigns p ON p.id = s.campaign_id"
            " LEFT JOIN outbox o ON o.subject_kind = 'campaign' AND o.subject_id = p.id"
            "  AND o.operation = 'create'"
            " WHERE s.id = ?1 ORDER BY o.created_at DESC, o.rowid DESC LIMIT 1";
    }
  else
    {
      parent->kind = HD_OUTBOX_SUBJECT_AD_SET;
      sql = "SELECT p.id, p.remote_id, o.state, o.last_error FROM ads a"
            " JOIN ad_sets p ON p.id = a.ad_set_id"
            " LEFT JOIN outbox o ON o.subject_kind = 'ad-set' AND o.subject_id = p.id"
            "  AND o.operation = 'create'"
            " WHERE a.id = ?1 ORDER BY o.created_at DESC, o.rowid DESC LIMIT 1";
    }

  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, change->subject_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("Herald could not find what this change belongs to any more; it may "
                     "have been deleted. Discard the change."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  parent->id = g_strdup (_hd_column_text (stmt, 0));
  parent->remote_id = g_strdup (_hd_column_text (stmt, 1));
  parent->row_state = g_strdup (_hd_column_text (stmt, 2));
  parent->row_reason = g_strdup (_hd_column_text (stmt, 3));

  return TRUE;
}

gboolean
hd_store_ad_change_waits (HdStore   *self,
                          HdChange  *change,
                          char     **reason,
                          GError   **error)
{
  g_auto(Parent) parent = { 0, };
  gboolean campaign;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  *reason = NULL;

  if (g_strcmp0 (change->subject_kind, HD_OUTBOX_SUBJECT_CAMPAIGN) == 0)
    return TRUE;

  if (!read_parent (self, change, &parent, error))
    return FALSE;

  if (parent.remote_id != NULL)
    return TRUE;

  campaign = g_str_equal (parent.kind, HD_OUTBOX_SUBJECT_CAMPAIGN);
  if (g_strcmp0 (parent.row_state, "failed") == 0)
    {
      const char *why = parent.row_reason != NULL ? parent.row_reason : _("no reason given");

      *reason = campaign
        /* TRANSLATORS: %s is Meta's reason, a sentence */
        ? g_strdup_printf (_("Waiting for the campaign, which could not be sent: %s"), why)
        /* TRANSLATORS: %s is Meta's reason, a sentence */
        : g_strdup_printf (_("Waiting for the ad set, which could not be sent: %s"), why);
    }
  else if (parent.row_state == NULL || g_str_equal (parent.row_state, "done"))
    {
      /* Saved without sending, or its row discarded: nothing will create it by itself. */
      *reason = g_strdup (campaign
                          ? _("Waiting for the campaign, which is not queued for sending. "
                              "Save the campaign to send it.")
                          : _("Waiting for the ad set, which is not queued for sending. "
                              "Save the ad set to send it."));
    }
  else
    {
      *reason = g_strdup (campaign ? _("Waiting for the campaign to be sent first.")
                                   : _("Waiting for the ad set to be sent first."));
    }

  return TRUE;
}

gboolean
hd_store_ad_change_parents (HdStore   *self,
                            HdChange  *change,
                            char     **parent_remote_id,
                            char     **account_remote_id,
                            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("look at the campaign the change belongs to");
  const char *sql;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (parent_remote_id != NULL && account_remote_id != NULL, FALSE);

  *parent_remote_id = NULL;
  *account_remote_id = NULL;

  if (g_strcmp0 (change->subject_kind, HD_OUTBOX_SUBJECT_CAMPAIGN) == 0)
    sql = "SELECT coalesce (a.remote_id, c.ad_account_id), coalesce (a.remote_id,"
          "  c.ad_account_id) FROM campaigns c"
          " LEFT JOIN ad_accounts a ON a.id = c.account_id WHERE c.id = ?1";
  else if (g_strcmp0 (change->subject_kind, HD_OUTBOX_SUBJECT_AD_SET) == 0)
    sql = "SELECT c.remote_id, coalesce (a.remote_id, c.ad_account_id) FROM ad_sets s"
          " JOIN campaigns c ON c.id = s.campaign_id"
          " LEFT JOIN ad_accounts a ON a.id = c.account_id WHERE s.id = ?1";
  else
    sql = "SELECT s.remote_id, coalesce (a.remote_id, c.ad_account_id) FROM ads d"
          " JOIN ad_sets s ON s.id = d.ad_set_id"
          " JOIN campaigns c ON c.id = s.campaign_id"
          " LEFT JOIN ad_accounts a ON a.id = c.account_id WHERE d.id = ?1";

  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, change->subject_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("Herald could not find what this change belongs to any more; it may "
                     "have been deleted. Discard the change."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  *parent_remote_id = g_strdup (_hd_column_text (stmt, 0));
  *account_remote_id = g_strdup (_hd_column_text (stmt, 1));

  return TRUE;
}

static gboolean
write_text_pair (HdStore     *self,
                 const char  *sql,
                 const char  *a,
                 const char  *b,
                 const char  *action,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _hd_store_prepare (self, sql, action, error);

  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, a);
  _hd_bind_text (stmt, 2, b);
  sqlite3_bind_int64 (stmt, 3, _hd_store_now ());

  return _hd_store_step (self, stmt, action, error) &&
         _hd_store_check_changed_one (self, action, error);
}

gboolean
hd_store_set_ad_change_creative (HdStore     *self,
                                 const char  *change_id,
                                 const char  *ad_id,
                                 const char  *creative_id,
                                 GError     **error)
{
  const char *action = _("record the creative Meta made for the ad");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (change_id != NULL && ad_id != NULL, FALSE);
  g_return_val_if_fail (creative_id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!write_text_pair (self, "UPDATE outbox SET record_key = ?2, updated_at = ?3 WHERE id = ?1",
                        change_id, creative_id, action, error) ||
      !write_text_pair (self,
                        "UPDATE ads SET creative_remote_id = ?2, updated_at = ?3 WHERE id = ?1",
                        ad_id, creative_id, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);
  _hd_store_mark_changed (self, HD_STORE_FAMILY_ADS);

  return hd_store_commit (self, error);
}

gboolean
hd_store_complete_ad_change (HdStore     *self,
                             const char  *change_id,
                             const char  *remote_id,
                             const char  *synced,
                             gint64       now,
                             GError     **error)
{
  g_autoptr(HdChange) change = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (change_id != NULL && remote_id != NULL, FALSE);
  g_return_val_if_fail (synced != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  /* The two steps are transactions of their own; inside this one they become savepoints, so
   * either both land or neither does. */
  change = hd_store_load_change (self, change_id, error);
  if (change == NULL ||
      !hd_store_complete_change (self, change_id, remote_id, NULL, now, error) ||
      !hd_store_mark_ad_object_synced (self, change->subject_kind, change->subject_id, remote_id,
                                       synced, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  return hd_store_commit (self, error);
}

char *
hd_ad_object_describe (const char *kind,
                       const char *name)
{
  if (name == NULL || *name == '\0')
    {
      if (g_strcmp0 (kind, HD_OUTBOX_SUBJECT_CAMPAIGN) == 0)
        return g_strdup (_("A campaign without a name"));
      if (g_strcmp0 (kind, HD_OUTBOX_SUBJECT_AD_SET) == 0)
        return g_strdup (_("An ad set without a name"));
      return g_strdup (_("An ad without a name"));
    }

  if (g_strcmp0 (kind, HD_OUTBOX_SUBJECT_CAMPAIGN) == 0)
    /* TRANSLATORS: %s is the campaign's name */
    return g_strdup_printf (_("Campaign “%s”"), name);
  if (g_strcmp0 (kind, HD_OUTBOX_SUBJECT_AD_SET) == 0)
    /* TRANSLATORS: %s is the ad set's name */
    return g_strdup_printf (_("Ad set “%s”"), name);
  /* TRANSLATORS: %s is the ad's name */
  return g_strdup_printf (_("Ad “%s”"), name);
}
