/* hd-store-queue.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-queue-slots.h"
#include "hd-store-private.h"

static void
set_channel_not_found (GError **error)
{
  g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
               _("Herald could not find the channel any more. It may have been removed in "
                 "another window; reload the page to see what is there now."));
}

/* The stored slots and a name to show for the channel; FALSE with NOT_FOUND when there is no
 * such channel. */
static gboolean
read_channel_slots (HdStore     *self,
                    const char  *channel_id,
                    char       **slots,
                    char       **name,
                    const char  *action,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self,
                                   "SELECT queue_slots, display_name, kind FROM channels"
                                   " WHERE id = ?1",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, channel_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *display_name = _hd_column_text (stmt, 1);

      *slots = g_strdup (_hd_column_text (stmt, 0));
      if (name != NULL && display_name != NULL && display_name[0] != '\0')
        *name = g_strdup (display_name);
      else if (name != NULL)
        *name = g_strdup (hd_channel_kind_to_label (_hd_column_enum (stmt, 2,
                                                                     HD_TYPE_CHANNEL_KIND)));
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      set_channel_not_found (error);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  return TRUE;
}

/**
 * hd_store_get_queue_slots:
 *
 * Returns: (transfer full): the slots as text, "" when the channel has none, or %NULL with
 *   @error set
 */
char *
hd_store_get_queue_slots (HdStore     *self,
                          const char  *channel_id,
                          GError     **error)
{
  g_autofree char *slots = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);

  if (!read_channel_slots (self, channel_id, &slots, NULL, _("read the posting times"), error))
    return NULL;

  return slots != NULL ? g_steal_pointer (&slots) : g_strdup ("");
}

gboolean
hd_store_set_queue_slots (HdStore     *self,
                          const char  *channel_id,
                          const char  *slots,
                          GError     **error)
{
  g_autoptr(GArray) parsed = NULL;
  g_autofree char *normalised = NULL;
  g_autofree char *trimmed = NULL;
  const char *action = _("save the posting times");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (channel_id != NULL, FALSE);

  if (slots != NULL)
    trimmed = g_strstrip (g_strdup (slots));

  if (trimmed != NULL && trimmed[0] != '\0')
    {
      g_autoptr(GError) local_error = NULL;

      parsed = hd_queue_slots_parse (trimmed, &local_error);
      if (parsed == NULL)
        {
          g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                               local_error->message);
          return FALSE;
        }
      if (parsed->len > 0)
        normalised = hd_queue_slots_format ((const HdQueueSlot *)(gpointer)parsed->data,
                                            parsed->len);
    }

  stmt = _hd_store_prepare_cached (self,
                                   "UPDATE channels SET queue_slots = ?2, updated_at = ?3"
                                   " WHERE id = ?1",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, channel_id);
  _hd_bind_text (stmt, 2, normalised);
  sqlite3_bind_int64 (stmt, 3, _hd_store_now ());

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }
  if (sqlite3_changes (_hd_store_get_db (self)) == 0)
    {
      hd_store_rollback (self);
      set_channel_not_found (error);
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_CHANNELS);

  return hd_store_commit (self, error);
}

static gboolean
collect_taken (HdStore             *self,
               const char * const  *channel_ids,
               gint64               after,
               GArray              *taken,
               const char          *action,
               GError             **error)
{
  for (guint i = 0; channel_ids[i] != NULL; i++)
    {
      sqlite3_stmt *stmt;
      int rc;

      stmt = _hd_store_prepare_cached (self,
                                       "SELECT DISTINCT p.scheduled_at FROM posts p"
                                       " JOIN post_variants v ON v.post_id = p.id"
                                       " WHERE v.channel_id = ?1 AND p.scheduled_at > ?2"
                                       "  AND p.state IN ('scheduled', 'publishing')",
                                       action, error);
      if (stmt == NULL)
        return FALSE;
      _hd_bind_text (stmt, 1, channel_ids[i]);
      sqlite3_bind_int64 (stmt, 2, after);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 instant = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (taken, instant);
        }
      sqlite3_reset (stmt);

      if (rc != SQLITE_DONE)
        {
          _hd_store_set_error (self, error, rc, action);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
hd_store_next_queue_slot (HdStore             *self,
                          const char * const  *channel_ids,
                          const char          *time_zone,
                          gint64               after,
                          gint64              *slot,
                          GError             **error)
{
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (HdQueueSlot));
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GTimeZone) zone = NULL;
  const char *action = _("find the next free posting time");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (channel_ids != NULL, FALSE);
  g_return_val_if_fail (slot != NULL, FALSE);

  if (channel_ids[0] == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Choose at least one channel to add the post to its queue."));
      return FALSE;
    }

  if (time_zone != NULL)
    {
      zone = g_time_zone_new_identifier (time_zone);
      if (zone == NULL)
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("“%s” is not a time zone Herald knows. Choose one such as "
                         "Europe/London."), time_zone);
          return FALSE;
        }
    }
  else
    {
      zone = g_time_zone_new_local ();
    }

  for (guint i = 0; channel_ids[i] != NULL; i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GArray) parsed = NULL;

      if (!read_channel_slots (self, channel_ids[i], &text, &name, action, error))
        return FALSE;

      if (text != NULL && text[0] != '\0')
        parsed = hd_queue_slots_parse (text, NULL);

      if (parsed == NULL || parsed->len == 0)
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("Set posting times for %s first, in Channels."), name);
          return FALSE;
        }

      g_array_append_vals (slots, parsed->data, parsed->len);
    }

  if (!collect_taken (self, channel_ids, after, taken, action, error))
    return FALSE;

  if (!hd_queue_slots_next_free ((const HdQueueSlot *)(gpointer)slots->data, slots->len, zone,
                                 after, (const gint64 *)(gpointer)taken->data, taken->len, slot))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Every posting time of these channels is taken. Add posting times in "
                     "Channels, or choose a time yourself."));
      return FALSE;
    }

  return TRUE;
}
