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
#include "hd-json-text.h"
#include "hd-store-private.h"

/* The position of a state nick in HdPostState, for the state mask. */
#define STATE_INDEX(column) \
  "(CASE " column " WHEN 'idea' THEN 0 WHEN 'draft' THEN 1 WHEN 'scheduled' THEN 2" \
  " WHEN 'publishing' THEN 3 WHEN 'published' THEN 4 WHEN 'failed' THEN 5" \
  " WHEN 'needs-attention' THEN 6 ELSE 31 END)"

/* Enough characters for the excerpt even when every one takes a single byte; one more is read
 * to learn whether the text goes on. */
#define EXCERPT_CHARS 120

/* The cheap tests come first so a month of chips is read from the range scan of the index;
 * channel and label lists arrive as JSON arrays so one prepared statement serves every
 * filter.
 *
 * A channel filter first tests the kinds of channel the post goes to (?8, from the posts row
 * itself) and only looks at the variants when that cannot decide (?9 is 0: another channel of
 * the same kind exists). The text search compares against a needle folded once (?7), with a
 * folding function that needs no copy of ASCII text. */
static const char calendar_sql[] =
  "SELECT p.id, p.scheduled_at, p.state, p.channel_mask,"
  "  substr (p.text, 1, " G_STRINGIFY (EXCERPT_CHARS) " + 1), p.campaign_id"
  " FROM posts p INDEXED BY posts_by_scheduled_at"
  " WHERE p.scheduled_at >= ?1 AND p.scheduled_at < ?2"
  "  AND (?5 = 0 OR ((?5 >> " STATE_INDEX ("p.state") ") & 1) = 1)"
  "  AND (?6 IS NULL OR p.campaign_id = ?6)"
  "  AND (?3 IS NULL OR ((p.channel_mask & ?8) != 0 AND (?9 != 0 OR EXISTS (SELECT 1"
  "        FROM post_variants v"
  "        WHERE v.post_id = p.id AND v.channel_id IN (SELECT value FROM json_each (?3))))))"
  "  AND (?4 IS NULL OR EXISTS (SELECT 1 FROM post_labels pl"
  "        JOIN labels l ON l.id = pl.label_id"
  "        WHERE pl.post_id = p.id AND l.name IN (SELECT value FROM json_each (?4))))"
  "  AND (?7 IS NULL OR hd_calendar_contains (p.text, ?7)"
  "       OR hd_calendar_override_contains (p.id, ?7))"
  /* The index holds the rowid after the instant: posts at the same minute keep the order they
   * were first saved in without a sort. */
  " ORDER BY p.scheduled_at, p.rowid";

/* The words the variants of a range's posts have of their own, folded for the text search.
 * Looking them up post by post would cost two index searches a post on every keystroke;
 * read once per range and kept until the database changes, they cost a hash lookup. */
static const char overrides_sql[] =
  "SELECT v.post_id, v.text FROM posts p INDEXED BY posts_by_scheduled_at"
  " JOIN post_variants v ON v.post_id = p.id"
  " WHERE p.scheduled_at >= ?1 AND p.scheduled_at < ?2 AND v.text IS NOT NULL";

/* The kinds of the channels named in a filter (a JSON array), and whether they are every
 * channel of those kinds, so that the kind alone decides. */
static const char channel_kinds_sql[] =
  "SELECT kind, id IN (SELECT value FROM json_each (?1)) FROM channels";

/* What the text search keeps per connection: the variants' own words in the range last
 * searched, and the state of the database they were read in. */
typedef struct
{
  gint64      from;
  gint64      to;
  gint64      total_changes;
  gint64      data_version;
  GHashTable *overrides;    /* post id → GPtrArray of folded texts */
} SearchCache;

static void
search_cache_free (gpointer data)
{
  SearchCache *cache = data;

  g_clear_pointer (&cache->overrides, g_hash_table_unref);
  g_free (cache);
}

/* g_ascii_tolower is a call per character; the search runs it over a month of posts. */
#define LOWER_ASCII(c) ((c) >= 'A' && (c) <= 'Z' ? (c) + ('a' - 'A') : (c))

/* The characters beyond ASCII whose case folding holds an ASCII letter ("ß" folds to "ss",
 * the Kelvin sign to "k", "ﬁ" to "fi"): from Unicode's CaseFolding.txt. */
static gboolean
folds_to_ascii (gunichar c)
{
  return c == 0x00df || c == 0x0130 || c == 0x0149 || c == 0x017f || c == 0x01f0 ||
         (c >= 0x1e96 && c <= 0x1e9a) || c == 0x1e9e || c == 0x212a ||
         (c >= 0xfb00 && c <= 0xfb06);
}

/* Whether @needle, already case-folded, occurs in @haystack folded the same way, without
 * folding @haystack when that cannot change the answer: an ASCII needle is looked for with
 * ASCII letters lowered on the fly, and only a haystack holding one of the few characters
 * that fold to ASCII letters is folded in full. */
static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;
  const char *c;
  gsize n = 0;

  for (c = needle; *c != '\0'; c++, n++)
    if ((guchar) *c >= 0x80)
      goto fold;
  if (n == 0)
    return TRUE;

  for (c = haystack; *c != '\0'; c++)
    {
      gsize k = 1;

      if (LOWER_ASCII (*c) != needle[0])
        continue;
      while (k < n && c[k] != '\0' && LOWER_ASCII (c[k]) == needle[k])
        k++;
      if (k == n)
        return TRUE;
      if (c[k] == '\0')
        break;
    }

  for (c = haystack; *c != '\0'; c = g_utf8_next_char (c))
    if ((guchar) *c >= 0x80 && folds_to_ascii (g_utf8_get_char (c)))
      goto fold;

  return FALSE;

fold:
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

/* hd_calendar_contains (haystack, needle) */
static void
sql_contains (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const char *haystack = (const char *) sqlite3_value_text (argv[0]);
  const char *needle = (const char *) sqlite3_value_text (argv[1]);

  sqlite3_result_int (context, haystack != NULL && needle != NULL &&
                               contains_folded (haystack, needle));
}

/* hd_calendar_override_contains (post_id, needle): whether a variant of the post has words of
 * its own holding @needle, from the search cache filled for the range being searched. */
static void
sql_override_contains (sqlite3_context  *context,
                       int               argc,
                       sqlite3_value   **argv)
{
  SearchCache *cache = sqlite3_user_data (context);
  const char *id = (const char *) sqlite3_value_text (argv[0]);
  const char *needle = (const char *) sqlite3_value_text (argv[1]);
  GPtrArray *texts;

  texts = id != NULL && cache->overrides != NULL ? g_hash_table_lookup (cache->overrides, id)
                                                 : NULL;
  for (guint i = 0; texts != NULL && needle != NULL && i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), needle) != NULL)
      {
        sqlite3_result_int (context, 1);
        return;
      }

  sqlite3_result_int (context, 0);
}

static SearchCache *
ensure_functions (HdStore *self)
{
  sqlite3 *db = _hd_store_get_db (self);
  SearchCache *cache;

  /* Once per connection: defining a function again would expire the cached statements. */
  cache = g_object_get_data (G_OBJECT (self), "hd-calendar-search");
  if (cache != NULL && g_object_get_data (G_OBJECT (self), "hd-calendar-db") == db)
    return cache;

  cache = g_new0 (SearchCache, 1);
  sqlite3_create_function (db, "hd_calendar_contains", 2,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                           sql_contains, NULL, NULL);
  /* Not deterministic: its answer depends on the cache. The connection owns the cache. */
  sqlite3_create_function_v2 (db, "hd_calendar_override_contains", 2,
                              SQLITE_UTF8 | SQLITE_INNOCUOUS, cache,
                              sql_override_contains, NULL, NULL, search_cache_free);
  g_object_set_data (G_OBJECT (self), "hd-calendar-search", cache);
  g_object_set_data (G_OBJECT (self), "hd-calendar-db", db);

  return cache;
}

/* Reads the variants' own words for [@from, @to) unless the cache holds them for a database
 * nothing has written to since. */
static gboolean
fill_search_cache (HdStore      *self,
                   SearchCache  *cache,
                   gint64        from,
                   gint64        to,
                   const char   *action,
                   GError      **error)
{
  sqlite3 *db = _hd_store_get_db (self);
  sqlite3_stmt *stmt;
  gint64 total_changes = sqlite3_total_changes64 (db);
  gint64 data_version;
  int rc;

  /* Writes through this connection count in total_changes; other connections' in
   * data_version. */
  stmt = _hd_store_prepare_cached (self, "PRAGMA data_version", action, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  data_version = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);

  if (cache->overrides != NULL && cache->from == from && cache->to == to &&
      cache->total_changes == total_changes && cache->data_version == data_version &&
      data_version >= 0)
    return TRUE;

  g_clear_pointer (&cache->overrides, g_hash_table_unref);
  cache->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);

  stmt = _hd_store_prepare_cached (self, overrides_sql, action, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      GPtrArray *texts = g_hash_table_lookup (cache->overrides, id);

      if (texts == NULL)
        {
          texts = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (cache->overrides, g_strdup (id), texts);
        }
      g_ptr_array_add (texts, g_utf8_casefold ((const char *) sqlite3_column_text (stmt, 1), -1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (&cache->overrides, g_hash_table_unref);
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  cache->from = from;
  cache->to = to;
  cache->total_changes = total_changes;
  cache->data_version = data_version;

  return TRUE;
}

static HdPostState
state_from_nick (const char *nick)
{
  if (nick == NULL)
    return HD_POST_STATE_DRAFT;

  switch (nick[0])
    {
    case 'i':
      return HD_POST_STATE_IDEA;
    case 's':
      return HD_POST_STATE_SCHEDULED;
    case 'p':
      /* "publishing" or "published" */
      return strlen (nick) > 7 && nick[7] == 'e' ? HD_POST_STATE_PUBLISHED
                                                 : HD_POST_STATE_PUBLISHING;
    case 'f':
      return HD_POST_STATE_FAILED;
    case 'n':
      return HD_POST_STATE_NEEDS_ATTENTION;
    default:
      return HD_POST_STATE_DRAFT;
    }
}

static char *
strv_to_json (const char * const *strv)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      hd_json_append_string (json, strv[i]);
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

/* The first words of @text (its first EXCERPT_CHARS + 1 characters, @n_bytes long) on one
 * line: line breaks become spaces, and a cut falls between words with an ellipsis, unless a
 * single word fills the space. One pass over what fits in @dest: a month of chips makes a
 * thousand of these on every refresh. */
static void
fill_excerpt (char       *dest,
              gsize       size,
              const char *text,
              gsize       n_bytes)
{
  static const char ellipsis[] = "…";
  const char *start = text;
  gsize length;
  gsize limit;
  gboolean cut;
  char *space;
  char *end;

  if (text == NULL)
    {
      dest[0] = '\0';
      return;
    }

  while (g_ascii_isspace (*start))
    start++;
  length = n_bytes - (start - text);

  /* Short enough for @dest: whole, unless the text goes on past what was read. That needs the
   * characters counted, which only text with a long run of spaces in front comes to. */
  cut = length >= size;
  if (!cut && n_bytes > EXCERPT_CHARS)
    {
      const char *c = text;
      guint n = 0;

      while (*c != '\0' && n < EXCERPT_CHARS)
        {
          c = g_utf8_next_char (c);
          n++;
        }
      cut = *c != '\0';
      length = c > start ? (gsize) (c - start) : 0;
    }

  limit = cut ? size - sizeof ellipsis : size - 1;
  if (length > limit)
    {
      length = limit;
      while (length > 0 && (start[length] & 0xc0) == 0x80)
        length--;
    }

  space = NULL;
  for (gsize i = 0; i < length; i++)
    {
      char c = start[i];

      if (c == '\n' || c == '\r' || c == '\t')
        c = ' ';
      if (c == ' ')
        space = dest + i;
      dest[i] = c;
    }
  dest[length] = '\0';

  if (cut && space != NULL && space - dest > (gssize) limit / 2)
    *space = '\0';
  end = dest + strlen (dest);
  while (end > dest && g_ascii_isspace (end[-1]))
    end--;
  *end = '\0';

  if (cut)
    memcpy (end, ellipsis, sizeof ellipsis);
}

/* Binds ?8 and ?9 of calendar_sql for @channels_json: the kinds of those channels, and
 * whether no other channel shares one of them. */
static gboolean
bind_channel_kinds (HdStore       *self,
                    sqlite3_stmt  *calendar,
                    const char    *channels_json,
                    const char    *action,
                    GError       **error)
{
  sqlite3_stmt *stmt = _hd_store_prepare_cached (self, channel_kinds_sql, action, error);
  guint32 wanted = 0;
  guint32 others = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, channels_json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int kind = _hd_column_enum (stmt, 0, HD_TYPE_CHANNEL_KIND);
      guint32 bit = kind >= 0 && kind < 32 ? 1u << kind : 0;

      if (sqlite3_column_int (stmt, 1) != 0)
        wanted |= bit;
      else
        others |= bit;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  sqlite3_bind_int64 (calendar, 8, wanted);
  sqlite3_bind_int (calendar, 9, (wanted & others) == 0);

  return TRUE;
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
  SearchCache *cache;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (g_array_get_element_size (entries) == sizeof (HdCalendarEntry), FALSE);

  g_array_set_size (entries, 0);
  cache = ensure_functions (self);
  if (filter->text != NULL && filter->text[0] != '\0' &&
      !fill_search_cache (self, cache, filter->from, filter->to, action, error))
    return FALSE;

  stmt = _hd_store_prepare_cached (self, calendar_sql, action, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, filter->from);
  sqlite3_bind_int64 (stmt, 2, filter->to);
  if (filter->channel_ids != NULL)
    {
      channels_json = strv_to_json (filter->channel_ids);
      sqlite3_bind_text (stmt, 3, channels_json, -1, SQLITE_STATIC);
      if (!bind_channel_kinds (self, stmt, channels_json, action, error))
        {
          sqlite3_clear_bindings (stmt);
          return FALSE;
        }
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

      g_array_set_size (entries, entries->len + 1);
      entry = &g_array_index (entries, HdCalendarEntry, entries->len - 1);
      /* The month view compares entries byte for byte: padding and string tails included. */
      memset (entry, 0, sizeof *entry);

      copy_utf8 (entry->id, sizeof entry->id, (const char *) sqlite3_column_text (stmt, 0));
      entry->scheduled_at = sqlite3_column_int64 (stmt, 1);
      entry->state = state_from_nick ((const char *) sqlite3_column_text (stmt, 2));
      entry->channel_kinds = (guint32) sqlite3_column_int64 (stmt, 3);
      fill_excerpt (entry->excerpt, sizeof entry->excerpt,
                    (const char *) sqlite3_column_text (stmt, 4), sqlite3_column_bytes (stmt, 4));
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
