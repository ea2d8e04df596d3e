/* hd-store-feeds.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-feeds"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-store-feeds.h"
#include "hd-store-posts.h"
#include "hd-store-private.h"

#define FEED_COLUMNS \
  "id, url, title, site_url, etag, last_modified, last_fetched_at, last_error, created_at"

#define ITEM_SELECT \
  "SELECT i.id, i.feed_id, COALESCE (NULLIF (f.title, ''), f.url), i.guid, i.title, i.link," \
  " i.summary, i.published_at, i.fetched_at, i.used_post_id, i.dismissed" \
  " FROM feed_items i JOIN feeds f ON f.id = i.feed_id"

/* How much of a summary goes into a draft when the item has no title. */
#define DRAFT_SUMMARY_CHARS 200

static HdFeed *
feed_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (HD_TYPE_FEED,
                       "id", _hd_column_text (stmt, 0),
                       "url", _hd_column_text (stmt, 1),
                       "title", _hd_column_text (stmt, 2),
                       "site-url", _hd_column_text (stmt, 3),
                       "etag", _hd_column_text (stmt, 4),
                       "last-modified", _hd_column_text (stmt, 5),
                       "last-fetched-at", sqlite3_column_int64 (stmt, 6),
                       "last-error", _hd_column_text (stmt, 7),
                       "created-at", sqlite3_column_int64 (stmt, 8),
                       NULL);
}

static HdFeedItem *
item_from_row (sqlite3_stmt *stmt)
{
  return g_object_new (HD_TYPE_FEED_ITEM,
                       "id", _hd_column_text (stmt, 0),
                       "feed-id", _hd_column_text (stmt, 1),
                       "feed-title", _hd_column_text (stmt, 2),
                       "guid", _hd_column_text (stmt, 3),
                       "title", _hd_column_text (stmt, 4),
                       "link", _hd_column_text (stmt, 5),
                       "summary", _hd_column_text (stmt, 6),
                       "published-at", sqlite3_column_int64 (stmt, 7),
                       "fetched-at", sqlite3_column_int64 (stmt, 8),
                       "used-post-id", _hd_column_text (stmt, 9),
                       "dismissed", sqlite3_column_int (stmt, 10) != 0,
                       NULL);
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* Feeds */

HdFeed *
hd_store_add_feed (HdStore     *self,
                   const char  *url,
                   const char  *title,
                   const char  *site_url,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(HdFeed) existing = NULL;
  g_autofree char *id = g_uuid_string_random ();
  const char *action = _("add the feed");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  existing = hd_store_find_feed_by_url (self, url, error);
  if (existing != NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("You already follow the feed at %s."), url);
      return NULL;
    }
  if (error != NULL && *error != NULL)
    return NULL;

  stmt = _hd_store_prepare (self,
                            "INSERT INTO feeds (id, url, title, site_url, created_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5)",
                            action, error);
  if (stmt == NULL)
    return NULL;

  _hd_bind_text (stmt, 1, id);
  _hd_bind_text (stmt, 2, url);
  _hd_bind_text (stmt, 3, nonempty (title));
  _hd_bind_text (stmt, 4, site_url);
  _hd_bind_instant (stmt, 5, _hd_store_now ());

  if (!hd_store_begin (self, error))
    return NULL;
  if (!_hd_store_step (self, stmt, action, error))
    {
      hd_store_rollback (self);
      return NULL;
    }
  _hd_store_mark_changed (self, HD_STORE_FAMILY_FEEDS);
  if (!hd_store_commit (self, error))
    return NULL;

  return hd_store_load_feed (self, id, error);
}

gboolean
hd_store_remove_feed (HdStore     *self,
                      const char  *feed_id,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("remove the feed");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);

  stmt = _hd_store_prepare (self, "DELETE FROM feeds WHERE id = ?1", action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, feed_id);

  if (!hd_store_begin (self, error))
    return FALSE;
  if (!_hd_store_step (self, stmt, action, error) ||
      !_hd_store_check_changed_one (self, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }
  _hd_store_mark_changed (self, HD_STORE_FAMILY_FEEDS);

  return hd_store_commit (self, error);
}

static HdFeed *
load_feed_where (HdStore     *self,
                 const char  *sql,
                 const char  *value,
                 gboolean     missing_is_error,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("load the feed");
  int rc;

  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, value);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return feed_from_row (stmt);

  if (rc != SQLITE_DONE)
    _hd_store_set_error (self, error, rc, action);
  else if (missing_is_error)
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                 _("Herald could not find the feed any more. It may have been removed in "
                   "another window."));

  return NULL;
}

HdFeed *
hd_store_load_feed (HdStore     *self,
                    const char  *feed_id,
                    GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (feed_id != NULL, NULL);

  return load_feed_where (self, "SELECT " FEED_COLUMNS " FROM feeds WHERE id = ?1", feed_id,
                          TRUE, error);
}

HdFeed *
hd_store_find_feed_by_url (HdStore     *self,
                           const char  *url,
                           GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return load_feed_where (self, "SELECT " FEED_COLUMNS " FROM feeds WHERE url = ?1", url,
                          FALSE, error);
}

static GPtrArray *
query_feeds (HdStore   *self,
             gpointer   user_data,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func (g_object_unref);
  const char *action = _("list the feeds");
  int rc;

  stmt = _hd_store_prepare (self,
                            "SELECT " FEED_COLUMNS " FROM feeds"
                            " ORDER BY COALESCE (NULLIF (title, ''), url) COLLATE NOCASE",
                            action, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (feeds, feed_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return NULL;
    }

  return g_steal_pointer (&feeds);
}

GListModel *
hd_store_list_feeds (HdStore  *self,
                     GError  **error)
{
  static const char * const families[] = { HD_STORE_FAMILY_FEEDS, NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_new (self, HD_TYPE_FEED, families, query_feeds, NULL, NULL, error);
}

gboolean
hd_store_record_feed_fetch (HdStore               *self,
                            const char            *feed_id,
                            const HdFeedDocument  *document,
                            const char            *etag,
                            const char            *last_modified,
                            gint64                 fetched_at,
                            const char            *error_message,
                            GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("record the refresh of the feed");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);

  if (error_message != NULL)
    {
      stmt = _hd_store_prepare (self, "UPDATE feeds SET last_error = ?2 WHERE id = ?1",
                                action, error);
      if (stmt == NULL)
        return FALSE;
      _hd_bind_text (stmt, 2, error_message);
    }
  else
    {
      stmt = _hd_store_prepare (self,
                                "UPDATE feeds SET title = COALESCE (?2, title),"
                                " site_url = COALESCE (?3, site_url), etag = ?4,"
                                " last_modified = ?5, last_fetched_at = ?6, last_error = NULL"
                                " WHERE id = ?1",
                                action, error);
      if (stmt == NULL)
        return FALSE;
      _hd_bind_text (stmt, 2, document != NULL ? nonempty (document->title) : NULL);
      _hd_bind_text (stmt, 3, document != NULL ? document->site_url : NULL);
      _hd_bind_text (stmt, 4, etag);
      _hd_bind_text (stmt, 5, last_modified);
      _hd_bind_instant (stmt, 6, fetched_at);
    }
  _hd_bind_text (stmt, 1, feed_id);

  if (!hd_store_begin (self, error))
    return FALSE;
  if (!_hd_store_step (self, stmt, action, error) ||
      !_hd_store_check_changed_one (self, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }
  _hd_store_mark_changed (self, HD_STORE_FAMILY_FEEDS);

  return hd_store_commit (self, error);
}

static gboolean
count_items (HdStore     *self,
             const char  *feed_id,
             gint64      *count,
             GError     **error)
{
  static const char sql[] = "SELECT COUNT(*) FROM feed_items WHERE feed_id = ?1";
  const char *action = _("count the items of the feed");
  sqlite3_stmt *stmt = _hd_store_prepare_cached (self, sql, action, error);

  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, feed_id);
  if (!_hd_store_step (self, stmt, action, error))
    return FALSE;

  *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
merge_entry (HdStore      *self,
             const char   *feed_id,
             HdFeedEntry  *entry,
             gint64        fetched_at,
             GError      **error)
{
  static const char sql[] =
    "INSERT INTO feed_items (id, feed_id, guid, title, link, summary, published_at, fetched_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (feed_id, guid) DO UPDATE SET"
    " title = excluded.title, summary = excluded.summary,"
    " link = COALESCE (excluded.link, feed_items.link),"
    " published_at = COALESCE (feed_items.published_at, excluded.published_at)";
  const char *action = _("save the items of the feed");
  sqlite3_stmt *stmt = _hd_store_prepare_cached (self, sql, action, error);
  g_autofree char *id = g_uuid_string_random ();
  gboolean ok;

  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, id);
  _hd_bind_text (stmt, 2, feed_id);
  _hd_bind_text (stmt, 3, entry->guid);
  _hd_bind_text (stmt, 4, entry->title);
  _hd_bind_text (stmt, 5, entry->link);
  _hd_bind_text (stmt, 6, entry->summary);
  _hd_bind_instant (stmt, 7, entry->published_at);
  _hd_bind_instant (stmt, 8, fetched_at);

  ok = _hd_store_step (self, stmt, action, error);
  sqlite3_reset (stmt);
  return ok;
}

gboolean
hd_store_merge_feed_entries (HdStore     *self,
                             const char  *feed_id,
                             GPtrArray   *entries,
                             gint64       fetched_at,
                             guint       *n_added,
                             GError     **error)
{
  gint64 before = 0, after = 0;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!count_items (self, feed_id, &before, error))
    goto failed;

  for (guint i = 0; i < entries->len; i++)
    if (!merge_entry (self, feed_id, g_ptr_array_index (entries, i), fetched_at, error))
      goto failed;

  if (!count_items (self, feed_id, &after, error))
    goto failed;

  if (entries->len > 0)
    _hd_store_mark_changed (self, HD_STORE_FAMILY_FEEDS);
  if (!hd_store_commit (self, error))
    return FALSE;

  if (n_added != NULL)
    *n_added = (guint) (after - before);
  return TRUE;

failed:
  hd_store_rollback (self);
  return FALSE;
}

/* Items */

static GPtrArray *
query_items (HdStore   *self,
             gpointer   user_data,
             GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  const char *action = _("list the items of your feeds");
  int rc;

  stmt = _hd_store_prepare (self,
                            ITEM_SELECT
                            " WHERE i.dismissed = 0"
                            " ORDER BY COALESCE (i.published_at, i.fetched_at) DESC, i.rowid"
                            " LIMIT " G_STRINGIFY (HD_STORE_FEED_ITEMS_LIMIT),
                            action, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, item_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return NULL;
    }

  return g_steal_pointer (&items);
}

GListModel *
hd_store_list_feed_items (HdStore  *self,
                          GError  **error)
{
  /* Deleting a draft unlinks its item, which shows "Make a draft" again. */
  static const char * const families[] = { HD_STORE_FAMILY_FEEDS, HD_STORE_FAMILY_POSTS, NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_new (self, HD_TYPE_FEED_ITEM, families, query_items, NULL, NULL, error);
}

HdFeedItem *
hd_store_load_feed_item (HdStore     *self,
                         const char  *item_id,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("load the item of the feed");
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);

  stmt = _hd_store_prepare (self, ITEM_SELECT " WHERE i.id = ?1", action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, item_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return item_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                 _("Herald could not find the item any more. Its feed may have been removed."));
  else
    _hd_store_set_error (self, error, rc, action);

  return NULL;
}

gboolean
hd_store_set_feed_item_dismissed (HdStore     *self,
                                  const char  *item_id,
                                  gboolean     dismissed,
                                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = dismissed ? _("dismiss the item") : _("bring the item back");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  stmt = _hd_store_prepare (self, "UPDATE feed_items SET dismissed = ?2 WHERE id = ?1",
                            action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, item_id);
  sqlite3_bind_int (stmt, 2, dismissed ? 1 : 0);

  if (!hd_store_begin (self, error))
    return FALSE;
  if (!_hd_store_step (self, stmt, action, error) ||
      !_hd_store_check_changed_one (self, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }
  _hd_store_mark_changed (self, HD_STORE_FAMILY_FEEDS);

  return hd_store_commit (self, error);
}

static char *
draft_text (HdFeedItem *item)
{
  const char *title = nonempty (hd_feed_item_get_title (item));
  const char *link = nonempty (hd_feed_item_get_link (item));
  g_autofree char *lead = NULL;

  if (title != NULL)
    lead = g_strdup (title);
  else if (nonempty (hd_feed_item_get_summary (item)) != NULL)
    {
      const char *summary = hd_feed_item_get_summary (item);

      if (g_utf8_strlen (summary, -1) > DRAFT_SUMMARY_CHARS)
        lead = g_strconcat (g_utf8_substring (summary, 0, DRAFT_SUMMARY_CHARS - 1), "…", NULL);
      else
        lead = g_strdup (summary);
    }

  if (lead != NULL && link != NULL)
    return g_strconcat (lead, "\n\n", link, NULL);

  return g_strdup (lead != NULL ? lead : link != NULL ? link : "");
}

HdPost *
hd_store_make_draft_from_feed_item (HdStore     *self,
                                    const char  *item_id,
                                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(HdFeedItem) item = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autofree char *text = NULL;
  const char *action = _("make a draft from the item");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (item_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!hd_store_begin (self, error))
    return NULL;

  item = hd_store_load_feed_item (self, item_id, error);
  if (item == NULL)
    goto failed;

  if (hd_feed_item_get_used_post_id (item) != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      post = hd_store_load_post (self, hd_feed_item_get_used_post_id (item), &local_error);
      if (post != NULL)
        {
          if (!hd_store_commit (self, error))
            return NULL;
          return g_steal_pointer (&post);
        }
      if (!g_error_matches (local_error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
    }

  text = draft_text (item);
  post = hd_post_new ();
  hd_post_set_state (post, HD_POST_STATE_DRAFT);
  hd_post_set_text (post, text);
  if (!hd_store_save_post (self, post, error))
    goto failed;

  stmt = _hd_store_prepare (self, "UPDATE feed_items SET used_post_id = ?2 WHERE id = ?1",
                            action, error);
  if (stmt == NULL)
    goto failed;
  _hd_bind_text (stmt, 1, item_id);
  _hd_bind_text (stmt, 2, hd_post_get_id (post));
  if (!_hd_store_step (self, stmt, action, error) ||
      !_hd_store_check_changed_one (self, action, error))
    goto failed;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_FEEDS);
  if (!hd_store_commit (self, error))
    return NULL;

  return g_steal_pointer (&post);

failed:
  hd_store_rollback (self);
  return NULL;
}

/* Parsing off the main thread */

typedef struct
{
  GBytes *body;
  char   *url;
} ParseJob;

static void
parse_job_free (ParseJob *job)
{
  g_bytes_unref (job->body);
  g_free (job->url);
  g_free (job);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (job->body, &length);
  HdFeedDocument *document = hd_feed_parse (data != NULL ? data : "", length, job->url, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, (GDestroyNotify) hd_feed_document_free);
}

static void
parse_async (GBytes              *body,
             const char          *url,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ParseJob *job = g_new0 (ParseJob, 1);

  g_task_set_source_tag (task, parse_async);
  job->body = g_bytes_ref (body);
  job->url = g_strdup (url);
  g_task_set_task_data (task, job, (GDestroyNotify) parse_job_free);
  g_task_run_in_thread (task, parse_thread);
}

static HdFeedDocument *
parse_finish (GAsyncResult  *result,
              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Following a new feed */

typedef struct
{
  HdFeedFetcher  *fetcher;
  char           *url;
  HdFeedResponse *response;
  gboolean        followed_page;
} FollowData;

static void
follow_data_free (FollowData *data)
{
  g_clear_object (&data->fetcher);
  g_clear_pointer (&data->response, hd_feed_response_free);
  g_free (data->url);
  g_free (data);
}

static void follow_fetch_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static gboolean
check_not_followed (GTask      *task,
                    const char *url)
{
  HdStore *self = g_task_get_source_object (task);
  g_autoptr(HdFeed) existing = NULL;
  GError *error = NULL;

  existing = hd_store_find_feed_by_url (self, url, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return FALSE;
    }
  if (existing != NULL)
    {
      g_task_return_new_error (task, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                               _("You already follow the feed at %s."), url);
      return FALSE;
    }

  return TRUE;
}

static void
follow_parse_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdStore *self = g_task_get_source_object (task);
  FollowData *data = g_task_get_task_data (task);
  g_autoptr(HdFeedDocument) document = NULL;
  g_autoptr(HdFeed) feed = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  gint64 now = _hd_store_now ();

  document = parse_finish (result, &error);
  if (document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (document->format == HD_FEED_FORMAT_HTML)
    {
      if (data->followed_page)
        {
          g_task_return_new_error (task, HD_FEED_ERROR, HD_FEED_ERROR_NOT_A_FEED,
                                   _("This address does not point to an RSS or Atom feed."));
          return;
        }

      /* A web page that names its feed: follow it, once. */
      data->followed_page = TRUE;
      g_free (data->url);
      data->url = g_strdup (document->discovered_url);
      if (!check_not_followed (task, data->url))
        return;

      cancellable = g_task_get_cancellable (task);
      hd_feed_fetcher_fetch_async (data->fetcher, data->url, NULL, NULL, cancellable,
                                   follow_fetch_cb, g_steal_pointer (&task));
      return;
    }

  if (!hd_store_begin (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  feed = hd_store_add_feed (self, data->url, document->title, document->site_url, &error);
  if (feed == NULL ||
      !hd_store_record_feed_fetch (self, hd_feed_get_id (feed), document,
                                   data->response->etag, data->response->last_modified, now,
                                   NULL, &error) ||
      !hd_store_merge_feed_entries (self, hd_feed_get_id (feed), document->entries, now, NULL,
                                    &error) ||
      !hd_store_commit (self, &error))
    {
      hd_store_rollback (self);
      g_task_return_error (task, error);
      return;
    }

  g_clear_object (&feed);
  feed = hd_store_find_feed_by_url (self, data->url, &error);
  if (feed == NULL)
    {
      if (error == NULL)
        error = g_error_new (HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                             _("Herald could not find the feed any more. It may have been "
                               "removed in another window."));
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&feed), g_object_unref);
}

static void
follow_fetch_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FollowData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  g_clear_pointer (&data->response, hd_feed_response_free);
  data->response = hd_feed_fetcher_fetch_finish (HD_FEED_FETCHER (object), result, &error);
  if (data->response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->response->body == NULL)
    {
      g_task_return_new_error (task, HD_FEED_ERROR, HD_FEED_ERROR_NOT_A_FEED,
                               _("This address does not point to an RSS or Atom feed."));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  parse_async (data->response->body, data->response->url, cancellable, follow_parse_cb,
               g_steal_pointer (&task));
}

void
hd_store_follow_feed_async (HdStore             *self,
                            HdFeedFetcher       *fetcher,
                            const char          *url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  FollowData *data;
  char *normalized;

  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (HD_IS_FEED_FETCHER (fetcher));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_store_follow_feed_async);

  normalized = hd_feed_normalize_url (url, &error);
  if (normalized == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (FollowData, 1);
  data->fetcher = g_object_ref (fetcher);
  data->url = normalized;
  g_task_set_task_data (task, data, (GDestroyNotify) follow_data_free);

  if (!check_not_followed (task, data->url))
    return;

  hd_feed_fetcher_fetch_async (fetcher, data->url, NULL, NULL, cancellable, follow_fetch_cb,
                               g_steal_pointer (&task));
}

HdFeed *
hd_store_follow_feed_finish (HdStore       *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Refreshing a feed */

typedef struct
{
  char           *feed_id;
  HdFeedResponse *response;
  guint           n_added;
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  g_clear_pointer (&data->response, hd_feed_response_free);
  g_free (data->feed_id);
  g_free (data);
}

/* The failure is kept on the feed, where the user sees it, and handed to the caller. */
static void
return_refresh_error (GTask  *task,
                      GError *error)
{
  HdStore *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) record_error = NULL;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !hd_store_record_feed_fetch (self, data->feed_id, NULL, NULL, NULL, 0, error->message,
                                   &record_error))
    g_debug ("Could not record the failure of a feed: %s", record_error->message);

  g_task_return_error (task, error);
}

static void
refresh_parse_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdStore *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(HdFeedDocument) document = NULL;
  GError *error = NULL;
  gint64 now = _hd_store_now ();

  document = parse_finish (result, &error);
  if (document == NULL)
    {
      return_refresh_error (task, error);
      return;
    }

  if (document->format == HD_FEED_FORMAT_HTML)
    {
      return_refresh_error (task, g_error_new (HD_FEED_ERROR, HD_FEED_ERROR_NOT_A_FEED,
                                               _("The address of this feed now leads to a web "
                                                 "page. Remove the feed and add it again.")));
      return;
    }

  if (!hd_store_begin (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!hd_store_record_feed_fetch (self, data->feed_id, document, data->response->etag,
                                   data->response->last_modified, now, NULL, &error) ||
      !hd_store_merge_feed_entries (self, data->feed_id, document->entries, now,
                                    &data->n_added, &error) ||
      !hd_store_commit (self, &error))
    {
      hd_store_rollback (self);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
refresh_fetch_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdStore *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  data->response = hd_feed_fetcher_fetch_finish (HD_FEED_FETCHER (object), result, &error);
  if (data->response == NULL)
    {
      return_refresh_error (task, error);
      return;
    }

  if (data->response->not_modified)
    {
      if (!hd_store_record_feed_fetch (self, data->feed_id, NULL, data->response->etag,
                                       data->response->last_modified, _hd_store_now (), NULL,
                                       &error))
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  parse_async (data->response->body, data->response->url, cancellable, refresh_parse_cb,
               g_steal_pointer (&task));
}

void
hd_store_refresh_feed_async (HdStore             *self,
                             HdFeedFetcher       *fetcher,
                             const char          *feed_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(HdFeed) feed = NULL;
  GError *error = NULL;
  RefreshData *data;

  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (HD_IS_FEED_FETCHER (fetcher));
  g_return_if_fail (feed_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_store_refresh_feed_async);

  data = g_new0 (RefreshData, 1);
  data->feed_id = g_strdup (feed_id);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);

  feed = hd_store_load_feed (self, feed_id, &error);
  if (feed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  hd_feed_fetcher_fetch_async (fetcher, hd_feed_get_url (feed), hd_feed_get_etag (feed),
                               hd_feed_get_last_modified (feed), cancellable, refresh_fetch_cb,
                               g_steal_pointer (&task));
}

gboolean
hd_store_refresh_feed_finish (HdStore       *self,
                              GAsyncResult  *result,
                              guint         *n_added,
                              GError       **error)
{
  RefreshData *data;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_added != NULL)
    *n_added = data->n_added;

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Refreshing every feed */

typedef struct
{
  guint   n_pending;
  guint   n_added;
  guint   n_failed;
  GError *store_error;
} RefreshAllData;

static void
refresh_all_data_free (RefreshAllData *data)
{
  g_clear_error (&data->store_error);
  g_free (data);
}

static void
refresh_one_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshAllData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  if (!hd_store_refresh_feed_finish (HD_STORE (object), result, &n_added, &error))
    {
      if (error->domain == HD_STORE_ERROR && data->store_error == NULL)
        data->store_error = g_steal_pointer (&error);
      else
        data->n_failed++;
    }
  data->n_added += n_added;

  if (--data->n_pending > 0)
    return;

  if (data->store_error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->store_error));
  else
    g_task_return_boolean (task, TRUE);
}

void
hd_store_refresh_feeds_async (HdStore             *self,
                              HdFeedFetcher       *fetcher,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  GError *error = NULL;
  RefreshAllData *data;

  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (HD_IS_FEED_FETCHER (fetcher));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_store_refresh_feeds_async);
  data = g_new0 (RefreshAllData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_all_data_free);

  feeds = query_feeds (self, NULL, &error);
  if (feeds == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (feeds->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  data->n_pending = feeds->len;
  for (guint i = 0; i < feeds->len; i++)
    hd_store_refresh_feed_async (self, fetcher, hd_feed_get_id (g_ptr_array_index (feeds, i)),
                                 cancellable, refresh_one_cb, g_object_ref (task));
}

gboolean
hd_store_refresh_feeds_finish (HdStore       *self,
                               GAsyncResult  *result,
                               guint         *n_added,
                               guint         *n_failed,
                               GError       **error)
{
  RefreshAllData *data;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_added != NULL)
    *n_added = data->n_added;
  if (n_failed != NULL)
    *n_failed = data->n_failed;

  return g_task_propagate_boolean (G_TASK (result), error);
}
