/* hd-store-calendar.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-core-enums.h"
#include "hd-store-private.h"

/* The position of a state nick in HdPostState, for the state mask. */
#define STATE_INDEX(column) \
  "(CASE " column " WHEN 'idea' THEN 0 WHEN 'draft' THEN 1 WHEN 'scheduled' THEN 2" \
  " WHEN 'publishing' THEN 3 WHEN 'published' THEN 4 WHEN 'failed' THEN 5" \
  " WHEN 'needs-attention' THEN 6 ELSE 31 END)"

/* Enough characters for the excerpt even when every one takes a single byte. */
#define EXCERPT_CHARS 120

/* The cheap tests come first so a month of chips is read from the range scan of the index;
 * channel and label lists arrive as JSON arrays so one prepared statement serves every
 * filter. */
static const char calendar_sql[] =
  "SELECT p.id, p.scheduled_at, " STATE_INDEX ("p.state") ", p.channel_mask,"
  "  substr (p.text, 1, " G_STRINGIFY (EXCERPT_CHARS) "), p.campaign_id,"
  "  length (p.text) > " G_STRINGIFY (EXCERPT_CHARS)
  " FROM posts p INDEXED BY posts_by_scheduled_at"
  " WHERE p.scheduled_at >= ?1 AND p.scheduled_at < ?2"
  "  AND (?5 = 0 OR ((?5 >> " STATE_INDEX ("p.state") ") & 1) = 1)"
  "  AND (?6 IS NULL OR p.campaign_id = ?6)"
  "  AND (?3 IS NULL OR EXISTS (SELECT 1 FROM post_variants v"
  "        WHERE v.post_id = p.id AND v.channel_id IN (SELECT value FROM json_each (?3))))"
  "  AND (?4 IS NULL OR EXISTS (SELECT 1 FROM post_labels pl"
  "        JOIN labels l ON l.id = pl.label_id"
  "        WHERE pl.post_id = p.id AND l.name IN (SELECT value FROM json_each (?4))))"
  "  AND (?7 IS NULL OR hd_contains (p.text, ?7) OR EXISTS (SELECT 1 FROM post_variants v"
  "        WHERE v.post_id = p.id AND hd_contains (v.text, ?7)))"
  /* The index holds the rowid after the instant: posts at the same minute keep the order they
   * were first saved in without a sort. */
  " ORDER BY p.scheduled_at, p.rowid";

static char *
strv_to_json (const char * const *strv)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_c (json, '"');
      for (const char *c = strv[i]; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_printf (json, "\\%c", *c);
          else if ((guchar)*c < 0x20)
            g_string_append_printf (json, "\\u%04x", (guchar)*c);
          else
            g_string_append_c (json, *c);
        }
      g_string_append_c (json, '"');
    }
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

/* Copies at most @size - 1 bytes of @src into @dest without splitting a character. */
static void
copy_utf8 (char       *dest,
           gsize       size,
           const char *src)
{
  gsize len;

  if (src == NULL)
    {
      dest[0] = '\0';
      return;
    }

  len = strlen (src);
  if (len >= size)
    {
      const char *end = src + size - 1;

      while (end > src && (*end & 0xc0) == 0x80)
        end--;
      len = end - src;
    }

  memcpy (dest, src, len);
  dest[len] = '\0';
}

/* The first words on one line: line breaks become spaces, and a cut falls between words
 * with an ellipsis, unless a single word fills the space. Works in @dest alone: a month of
 * chips makes a thousand of these on every refresh. */
static void
make_excerpt (char       *dest,
              gsize       size,
              const char *text,
              gboolean    longer)
{
  static const char ellipsis[] = "…";
  gsize limit;
  char *cut;

  while (text != NULL && g_ascii_isspace (*text))
    text++;

  copy_utf8 (dest, size, text);
  for (char *c = dest; *c != '\0'; c++)
    {
      if (*c == '\n' || *c == '\r' || *c == '\t')
        *c = ' ';
    }

  if (!longer && (text == NULL || strlen (text) < size))
    {
      g_strchomp (dest);
      return;
    }

  limit = size - sizeof ellipsis;
  if (strlen (dest) > limit)
    {
      char *end = dest + limit;

      while (end > dest && (*end & 0xc0) == 0x80)
        end--;
      *end = '\0';
    }
  cut = strrchr (dest, ' ');
  if (cut != NULL && cut - dest > (gssize)limit / 2)
    *cut = '\0';
  g_strchomp (dest);
  g_strlcat (dest, ellipsis, size);
}

gboolean
hd_store_query_calendar (HdStore             *self,
                         const HdPostFilter  *filter,
                         GArray              *entries,
                         GError             **error)
{
  g_autofree char *channels_json = NULL;
  g_autofree char *labels_json = NULL;
  g_autofree char *needle = NULL;
  const char *action = _("show the calendar");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (entries) == sizeof (HdCalendarEntry), FALSE);

  g_array_set_size (entries, 0);

  stmt = _hd_store_prepare_cached (self, calendar_sql, action, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, filter->from);
  sqlite3_bind_int64 (stmt, 2, filter->to);
  if (filter->channel_ids != NULL)
    {
      channels_json = strv_to_json (filter->channel_ids);
      sqlite3_bind_text (stmt, 3, channels_json, -1, SQLITE_STATIC);
    }
  if (filter->labels != NULL)
    {
      labels_json = strv_to_json (filter->labels);
      sqlite3_bind_text (stmt, 4, labels_json, -1, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 5, filter->state_mask);
  _hd_bind_text (stmt, 6, filter->campaign_id);
  if (filter->text != NULL && filter->text[0] != '\0')
    {
      needle = g_utf8_casefold (filter->text, -1);
      sqlite3_bind_text (stmt, 7, needle, -1, SQLITE_STATIC);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdCalendarEntry *entry;
      const char *excerpt = (const char *)sqlite3_column_text (stmt, 4);

      g_array_set_size (entries, entries->len + 1);
      entry = &g_array_index (entries, HdCalendarEntry, entries->len - 1);

      copy_utf8 (entry->id, sizeof entry->id, (const char *)sqlite3_column_text (stmt, 0));
      entry->scheduled_at = sqlite3_column_int64 (stmt, 1);
      entry->state = sqlite3_column_int (stmt, 2);
      entry->channel_kinds = (guint32)sqlite3_column_int64 (stmt, 3);
      make_excerpt (entry->excerpt, sizeof entry->excerpt, excerpt,
                    sqlite3_column_int (stmt, 6) != 0);
      copy_utf8 (entry->campaign_id, sizeof entry->campaign_id, _hd_column_text (stmt, 5));
    }

  /* The statement stays cached; the bound buffers are freed as this returns. */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      g_array_set_size (entries, 0);
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  return TRUE;
}

gboolean
hd_store_query_flights (HdStore  *self,
                        gint64    from,
                        gint64    to,
                        GArray   *flights,
                        GError  **error)
{
  const char *action = _("show the campaign flights");
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (flights != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (flights) == sizeof (HdCalendarFlight), FALSE);

  g_array_set_size (flights, 0);

  stmt = _hd_store_prepare_cached (self,
                                   "SELECT a.id, c.name, a.name, a.starts_at, a.ends_at"
                                   " FROM ad_sets a JOIN campaigns c ON c.id = a.campaign_id"
                                   " WHERE a.starts_at IS NOT NULL AND a.starts_at < ?2"
                                   "  AND (a.ends_at IS NULL OR a.ends_at > ?1)"
                                   " ORDER BY a.starts_at, a.id",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdCalendarFlight flight = { 0, };
      g_autofree char *name = NULL;

      name = g_strdup_printf ("%s · %s", (const char *)sqlite3_column_text (stmt, 1),
                              (const char *)sqlite3_column_text (stmt, 2));
      copy_utf8 (flight.ad_set_id, sizeof flight.ad_set_id,
                 (const char *)sqlite3_column_text (stmt, 0));
      copy_utf8 (flight.name, sizeof flight.name, name);
      flight.starts_at = sqlite3_column_int64 (stmt, 3);
      flight.ends_at = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (flights, flight);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      g_array_set_size (flights, 0);
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  return TRUE;
}

static char *
local_zone_name (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

  return g_strdup (g_time_zone_get_identifier (zone));
}

gboolean
hd_store_reschedule_post (HdStore     *self,
                          const char  *post_id,
                          gint64       instant,
                          const char  *time_zone,
                          gint64      *previous_instant,
                          GError     **error)
{
  g_autofree char *zone = NULL;
  const char *action = _("move the post");
  HdPostState state;
  gint64 previous;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (post_id != NULL, FALSE);
  g_return_val_if_fail (instant >= 0, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  stmt = _hd_store_prepare_cached (self,
                                   "SELECT scheduled_at, time_zone, state FROM posts WHERE id = ?1",
                                   action, error);
  if (stmt == NULL)
    goto failed;
  _hd_bind_text (stmt, 1, post_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                     _("Herald could not find the post any more. It may have been deleted in "
                       "another window; reload the page to see what is there now."));
      else
        _hd_store_set_error (self, error, rc, action);
      goto failed;
    }

  previous = sqlite3_column_int64 (stmt, 0);
  zone = g_strdup (time_zone != NULL ? time_zone : _hd_column_text (stmt, 1));
  state = _hd_column_enum (stmt, 2, HD_TYPE_POST_STATE);
  sqlite3_reset (stmt);

  if (zone == NULL)
    zone = local_zone_name ();

  /* A scheduled post needs an instant; taking it off the calendar makes it a draft again. */
  if (instant == 0 && state == HD_POST_STATE_SCHEDULED)
    state = HD_POST_STATE_DRAFT;

  stmt = _hd_store_prepare_cached (self,
                                   "UPDATE posts SET scheduled_at = ?2, time_zone = ?3,"
                                   "  state = ?4, updated_at = ?5 WHERE id = ?1",
                                   action, error);
  if (stmt == NULL)
    goto failed;
  _hd_bind_text (stmt, 1, post_id);
  _hd_bind_instant (stmt, 2, instant);
  _hd_bind_text (stmt, 3, zone);
  _hd_bind_enum (stmt, 4, HD_TYPE_POST_STATE, state);
  sqlite3_bind_int64 (stmt, 5, _hd_store_now ());

  if (!_hd_store_step (self, stmt, action, error) ||
      !_hd_store_apply_outbox_rule (self, post_id, NULL, error))
    goto failed;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);
  if (!hd_store_commit (self, error))
    return FALSE;

  if (previous_instant != NULL)
    *previous_instant = previous;

  return TRUE;

failed:
  hd_store_rollback (self);
  return FALSE;
}
