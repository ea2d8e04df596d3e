/* hd-store-posts.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-post.h"
#include "hd-variant.h"
#include "hd-store-private.h"

#define POST_COLUMNS \
  "id, text, state, scheduled_at, time_zone, campaign_id, notes, created_at, updated_at," \
  " published_at"
#define VARIANT_COLUMNS \
  "id, post_id, channel_id, text, first_comment, remote_id, remote_url, state"

/* Undated posts (ideas, most drafts) come after the dated ones, newest first. */
#define POST_ORDER " ORDER BY scheduled_at IS NULL, scheduled_at, created_at DESC, id"

typedef struct
{
  gint64 from;
  gint64 to;
} Range;

static HdPost *
post_from_row (sqlite3_stmt *stmt)
{
  HdPost *post = hd_post_new ();

  hd_post_set_id (post, _hd_column_text (stmt, 0));
  hd_post_set_text (post, _hd_column_text (stmt, 1));
  hd_post_set_state (post, _hd_column_enum (stmt, 2, HD_TYPE_POST_STATE));
  hd_post_set_scheduled_at (post, sqlite3_column_int64 (stmt, 3));
  hd_post_set_time_zone (post, _hd_column_text (stmt, 4));
  hd_post_set_campaign_id (post, _hd_column_text (stmt, 5));
  hd_post_set_notes (post, _hd_column_text (stmt, 6));
  hd_post_set_created_at (post, sqlite3_column_int64 (stmt, 7));
  hd_post_set_updated_at (post, sqlite3_column_int64 (stmt, 8));
  hd_post_set_published_at (post, sqlite3_column_int64 (stmt, 9));

  return post;
}

static HdVariant *
variant_from_row (sqlite3_stmt *stmt)
{
  HdVariant *variant = hd_variant_new ();

  hd_variant_set_id (variant, _hd_column_text (stmt, 0));
  hd_variant_set_post_id (variant, _hd_column_text (stmt, 1));
  hd_variant_set_channel_id (variant, _hd_column_text (stmt, 2));
  hd_variant_set_text (variant, _hd_column_text (stmt, 3));
  hd_variant_set_first_comment (variant, _hd_column_text (stmt, 4));
  hd_variant_set_remote_id (variant, _hd_column_text (stmt, 5));
  hd_variant_set_remote_url (variant, _hd_column_text (stmt, 6));
  hd_variant_set_state (variant, _hd_column_enum (stmt, 7, HD_TYPE_POST_STATE));

  return variant;
}

static GStrv
query_strings (HdStore     *self,
               const char  *sql,
               const char  *id,
               const char  *action,
               GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _hd_store_prepare_cached (self, sql, action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return NULL;
    }

  return g_strv_builder_end (builder);
}

static gboolean
load_children (HdStore  *self,
               HdPost   *post,
               GError  **error)
{
  g_auto(GStrv) labels = NULL;
  const char *action = _("load the post");
  sqlite3_stmt *stmt;
  int rc;

  /* Loaded for every post the sender sends: the statement is kept, not parsed each time. */
  stmt = _hd_store_prepare_cached (self,
                                   "SELECT " VARIANT_COLUMNS " FROM post_variants"
                                   " WHERE post_id = ?1 ORDER BY rowid",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, hd_post_get_id (post));

  hd_post_clear_variants (post);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HdVariant) variant = variant_from_row (stmt);
      g_auto(GStrv) media = NULL;

      media = query_strings (self,
                             "SELECT sha256 FROM variant_media WHERE variant_id = ?1"
                             " ORDER BY position",
                             hd_variant_get_id (variant), action, error);
      if (media == NULL)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

      hd_variant_set_media (variant, (const char * const *)media);
      hd_post_add_variant (post, variant);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  labels = query_strings (self,
                          "SELECT labels.name FROM post_labels"
                          " JOIN labels ON labels.id = post_labels.label_id"
                          " WHERE post_labels.post_id = ?1 ORDER BY labels.name COLLATE NOCASE",
                          hd_post_get_id (post), action, error);
  if (labels == NULL)
    return FALSE;

  hd_post_set_labels (post, (const char * const *)labels);

  return TRUE;
}

static gboolean
exec_with_id (HdStore     *self,
              const char  *sql,
              const char  *id,
              const char  *action,
              GError     **error)
{
  sqlite3_stmt *stmt = _hd_store_prepare_cached (self, sql, action, error);

  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, id);

  return _hd_store_step (self, stmt, action, error);
}

static gboolean
remove_dropped_variants (HdStore     *self,
                         HdPost      *post,
                         const char  *action,
                         GError     **error)
{
  g_auto(GStrv) stored = NULL;

  stored = query_strings (self, "SELECT id FROM post_variants WHERE post_id = ?1",
                          hd_post_get_id (post), action, error);
  if (stored == NULL)
    return FALSE;

  for (guint i = 0; stored[i] != NULL; i++)
    {
      GListModel *variants = hd_post_get_variants (post);
      gboolean kept = FALSE;

      for (guint j = 0; !kept && j < g_list_model_get_n_items (variants); j++)
        {
          g_autoptr(HdVariant) variant = g_list_model_get_item (variants, j);

          kept = g_strcmp0 (hd_variant_get_id (variant), stored[i]) == 0;
        }

      if (!kept &&
          !exec_with_id (self, "DELETE FROM post_variants WHERE id = ?1", stored[i], action,
                         error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_variant (HdStore     *self,
              HdPost      *post,
              HdVariant   *variant,
              gboolean     fresh,
              const char  *action,
              GError     **error)
{
  sqlite3_stmt *stmt;
  const char * const *media;

  stmt = _hd_store_prepare_cached (self,
                                   "INSERT INTO post_variants (" VARIANT_COLUMNS ")"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                                   " ON CONFLICT (id) DO UPDATE SET"
                                   "  post_id = excluded.post_id, channel_id = excluded.channel_id,"
                                   "  text = excluded.text, first_comment = excluded.first_comment,"
                                   "  remote_id = excluded.remote_id,"
                                   "  remote_url = excluded.remote_url,"
                                   "  state = excluded.state",
                                   action, error);
  if (stmt == NULL)
    return FALSE;

  hd_variant_set_post_id (variant, hd_post_get_id (post));

  _hd_bind_text (stmt, 1, hd_variant_get_id (variant));
  _hd_bind_text (stmt, 2, hd_post_get_id (post));
  _hd_bind_text (stmt, 3, hd_variant_get_channel_id (variant));
  _hd_bind_text (stmt, 4, hd_variant_get_text (variant));
  _hd_bind_text (stmt, 5, hd_variant_get_first_comment (variant));
  _hd_bind_text (stmt, 6, hd_variant_get_remote_id (variant));
  _hd_bind_text (stmt, 7, hd_variant_get_remote_url (variant));
  _hd_bind_enum (stmt, 8, HD_TYPE_POST_STATE, hd_variant_get_state (variant));

  if (!_hd_store_step (self, stmt, action, error))
    return FALSE;

  if (!fresh &&
      !exec_with_id (self, "DELETE FROM variant_media WHERE variant_id = ?1",
                     hd_variant_get_id (variant), action, error))
    return FALSE;

  media = hd_variant_get_media (variant);
  for (guint i = 0; media != NULL && media[i] != NULL; i++)
    {
      sqlite3_stmt *insert;

      insert = _hd_store_prepare_cached (self,
                                         "INSERT INTO variant_media (variant_id, position, sha256)"
                                         " VALUES (?1, ?2, ?3)",
                                         action, error);
      if (insert == NULL)
        return FALSE;

      _hd_bind_text (insert, 1, hd_variant_get_id (variant));
      sqlite3_bind_int (insert, 2, i);
      _hd_bind_text (insert, 3, media[i]);

      if (!_hd_store_step (self, insert, action, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_labels (HdStore     *self,
             HdPost      *post,
             gboolean     fresh,
             const char  *action,
             GError     **error)
{
  const char * const *labels = hd_post_get_labels (post);

  if (!fresh &&
      !exec_with_id (self, "DELETE FROM post_labels WHERE post_id = ?1", hd_post_get_id (post),
                     action, error))
    return FALSE;

  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      sqlite3_stmt *create;
      sqlite3_stmt *link;
      g_autofree char *id = g_uuid_string_random ();

      create = _hd_store_prepare_cached (self,
                                         "INSERT INTO labels (id, name) VALUES (?1, ?2)"
                                         " ON CONFLICT (name) DO NOTHING",
                                         action, error);
      if (create == NULL)
        return FALSE;
      _hd_bind_text (create, 1, id);
      _hd_bind_text (create, 2, labels[i]);
      if (!_hd_store_step (self, create, action, error))
        return FALSE;

      if (sqlite3_changes (_hd_store_get_db (self)) > 0)
        _hd_store_mark_changed (self, HD_STORE_FAMILY_LABELS);

      link = _hd_store_prepare_cached (self,
                                       "INSERT OR IGNORE INTO post_labels (post_id, label_id)"
                                       " SELECT ?1, id FROM labels WHERE name = ?2",
                                       action, error);
      if (link == NULL)
        return FALSE;
      _hd_bind_text (link, 1, hd_post_get_id (post));
      _hd_bind_text (link, 2, labels[i]);
      if (!_hd_store_step (self, link, action, error))
        return FALSE;
    }

  return TRUE;
}

/* @fresh: the post is known not to be in the store yet, so there is nothing old to clear. */
static gboolean
save_post_rows (HdStore     *self,
                HdPost      *post,
                gint64       created_at,
                gint64       updated_at,
                gboolean     fresh,
                const char  *action,
                GError     **error)
{
  GListModel *variants = hd_post_get_variants (post);
  sqlite3_stmt *stmt;

  stmt = _hd_store_prepare_cached (self,
                                   "INSERT INTO posts (" POST_COLUMNS ")"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                                   " ON CONFLICT (id) DO UPDATE SET"
                                   "  text = excluded.text, state = excluded.state,"
                                   "  scheduled_at = excluded.scheduled_at,"
                                   "  time_zone = excluded.time_zone,"
                                   "  campaign_id = excluded.campaign_id,"
                                   "  notes = excluded.notes, updated_at = excluded.updated_at,"
                                   "  published_at = excluded.published_at",
                                   action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_post_get_id (post));
  _hd_bind_text (stmt, 2, hd_post_get_text (post) != NULL ? hd_post_get_text (post) : "");
  _hd_bind_enum (stmt, 3, HD_TYPE_POST_STATE, hd_post_get_state (post));
  _hd_bind_instant (stmt, 4, hd_post_get_scheduled_at (post));
  _hd_bind_text (stmt, 5, hd_post_get_time_zone (post));
  _hd_bind_text (stmt, 6, hd_post_get_campaign_id (post));
  _hd_bind_text (stmt, 7, hd_post_get_notes (post));
  sqlite3_bind_int64 (stmt, 8, created_at);
  sqlite3_bind_int64 (stmt, 9, updated_at);
  _hd_bind_instant (stmt, 10, hd_post_get_published_at (post));

  if (!_hd_store_step (self, stmt, action, error) ||
      (!fresh && !remove_dropped_variants (self, post, action, error)))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(HdVariant) variant = g_list_model_get_item (variants, i);

      if (!save_variant (self, post, variant, fresh, action, error))
        return FALSE;
    }

  /* Once per post rather than a trigger per variant: an import writes thousands. */
  stmt = _hd_store_prepare_cached (self,
                                   "UPDATE posts SET channel_mask ="
                                   " (SELECT coalesce (sum (DISTINCT CASE channels.kind"
                                   "   WHEN 'mastodon' THEN 1 WHEN 'bluesky' THEN 2"
                                   "   WHEN 'facebook-page' THEN 4 WHEN 'instagram' THEN 8"
                                   "   WHEN 'linkedin' THEN 16 WHEN 'x' THEN 32 ELSE 0 END), 0)"
                                   "  FROM post_variants"
                                   "  JOIN channels ON channels.id = post_variants.channel_id"
                                   "  WHERE post_variants.post_id = ?1)"
                                   " WHERE id = ?1",
                                   action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, hd_post_get_id (post));
  if (!_hd_store_step (self, stmt, action, error))
    return FALSE;

  return save_labels (self, post, fresh, action, error);
}

static gboolean
forget_requeued_copies (HdStore  *self,
                        HdPost   *post,
                        GError  **error)
{
  GListModel *variants = hd_post_get_variants (post);
  const char *action = _("save the post");

  for (guint i = 0; i < g_list_model_get_n_items (variants); i++)
    {
      g_autoptr(HdVariant) variant = g_list_model_get_item (variants, i);
      sqlite3_stmt *stmt;
      int rc;

      if (hd_variant_get_remote_id (variant) == NULL)
        continue;

      stmt = _hd_store_prepare_cached (self,
                                       "SELECT remote_id IS NULL FROM post_variants WHERE id = ?1",
                                       action, error);
      if (stmt == NULL)
        return FALSE;
      _hd_bind_text (stmt, 1, hd_variant_get_id (variant));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0)
        {
          hd_variant_set_remote_id (variant, NULL);
          hd_variant_set_remote_url (variant, NULL);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _hd_store_set_error (self, error, rc, action);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
_hd_store_write_post (HdStore  *self,
                      HdPost   *post,
                      gboolean  fresh,
                      gint64    now,
                      GError  **error)
{
  g_autoptr(GPtrArray) remotes = NULL;
  gint64 created_at = hd_post_get_created_at (post);

  if (created_at == 0)
    created_at = now;

  if (!fresh)
    {
      remotes = _hd_store_collect_post_remotes (self, hd_post_get_id (post), error);
      if (remotes == NULL)
        return FALSE;
    }

  if (!save_post_rows (self, post, created_at, now, fresh, _("save the post"), error))
    return FALSE;

  if (fresh ? !_hd_store_queue_new_post (self, post, now, error)
            : !_hd_store_apply_outbox_rule (self, hd_post_get_id (post), remotes, error))
    return FALSE;

  /* The rule forgets the platform's copy of a handed-over variant it queued again; so does
   * the caller's post, or its next save would bring the old copy back. */
  if (!fresh && remotes->len > 0 && !forget_requeued_copies (self, post, error))
    return FALSE;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);
  hd_post_set_created_at (post, created_at);
  hd_post_set_updated_at (post, now);

  return TRUE;
}

gboolean
hd_store_save_post (HdStore  *self,
                    HdPost   *post,
                    GError  **error)
{
  gint64 created_at = hd_post_get_created_at (post);
  gint64 now = _hd_store_now ();

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_POST (post), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (hd_post_get_scheduled_at (post) != 0 && hd_post_get_time_zone (post) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not save the post because its time has no time zone. Choose "
                     "the zone the time is meant in, such as Europe/London."));
      return FALSE;
    }

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_write_post (self, post, FALSE, now, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  if (!hd_store_commit (self, error))
    {
      /* The rows are gone with the transaction; so are the stamps. */
      hd_post_set_created_at (post, created_at);
      return FALSE;
    }

  return TRUE;
}

/**
 * hd_store_load_post:
 *
 * Returns: (transfer full): the post with its variants and labels, or %NULL with
 *   HD_STORE_ERROR_NOT_FOUND
 */
HdPost *
hd_store_load_post (HdStore     *self,
                    const char  *id,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(HdPost) post = NULL;
  const char *action = _("load the post");
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _hd_store_prepare_cached (self, "SELECT " POST_COLUMNS " FROM posts WHERE id = ?1",
                                   action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    post = post_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                 _("Herald could not find the post any more. It may have been deleted in "
                   "another window; reload the page to see what is there now."));
  else
    _hd_store_set_error (self, error, rc, action);
  /* The children are read with statements of their own; this one's read ends here. */
  sqlite3_reset (stmt);
  if (post == NULL)
    return NULL;

  if (!load_children (self, post, error))
    return NULL;

  return g_steal_pointer (&post);
}

gboolean
hd_store_delete_post (HdStore     *self,
                      const char  *id,
                      GError     **error)
{
  g_autoptr(GPtrArray) remotes = NULL;
  const char *action = _("delete the post");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  remotes = _hd_store_collect_post_remotes (self, id, error);
  if (remotes == NULL ||
      !exec_with_id (self, "DELETE FROM posts WHERE id = ?1", id, action, error) ||
      !_hd_store_check_changed_one (self, action, error) ||
      !_hd_store_apply_outbox_rule (self, id, remotes, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  /* Ads made from the post and replies to it stay, no longer linked to it. */
  _hd_store_mark_changed (self, HD_STORE_FAMILY_POSTS);
  _hd_store_mark_changed (self, HD_STORE_FAMILY_ADS);
  _hd_store_mark_changed (self, HD_STORE_FAMILY_INBOX);

  return hd_store_commit (self, error);
}

static GPtrArray *
collect_posts (HdStore       *store,
               sqlite3_stmt  *stmt,
               const char    *action,
               GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, post_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (store, error, rc, action);
      return NULL;
    }

  for (guint i = 0; i < items->len; i++)
    {
      if (!load_children (store, g_ptr_array_index (items, i), error))
        return NULL;
    }

  return g_steal_pointer (&items);
}

static const char * const post_families[] = {
  HD_STORE_FAMILY_POSTS, HD_STORE_FAMILY_LABELS, HD_STORE_FAMILY_CHANNELS, NULL
};

static GPtrArray *
query_posts_in_range (HdStore   *store,
                      gpointer   user_data,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const Range *range = user_data;
  const char *action = _("list the posts");

  stmt = _hd_store_prepare (store,
                            "SELECT " POST_COLUMNS " FROM posts"
                            " WHERE scheduled_at >= ?1 AND scheduled_at < ?2"
                            " ORDER BY scheduled_at, id",
                            action, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, range->from);
  sqlite3_bind_int64 (stmt, 2, range->to);

  return collect_posts (store, stmt, action, error);
}

/**
 * hd_store_list_posts:
 *
 * Returns: (transfer full): a list of HdPost that follows the store
 */
GListModel *
hd_store_list_posts (HdStore  *self,
                     gint64    from,
                     gint64    to,
                     GError  **error)
{
  Range *range;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  range = g_new0 (Range, 1);
  range->from = from;
  range->to = to;

  return _hd_store_list_new (self, HD_TYPE_POST, post_families, query_posts_in_range, range,
                             g_free, error);
}

static GPtrArray *
query_posts_in_state (HdStore   *store,
                      gpointer   user_data,
                      GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("list the posts");

  stmt = _hd_store_prepare (store,
                            "SELECT " POST_COLUMNS " FROM posts WHERE state = ?1" POST_ORDER,
                            action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_enum (stmt, 1, HD_TYPE_POST_STATE, GPOINTER_TO_INT (user_data));

  return collect_posts (store, stmt, action, error);
}

/**
 * hd_store_list_posts_in_state:
 *
 * Returns: (transfer full): a list of HdPost that follows the store
 */
GListModel *
hd_store_list_posts_in_state (HdStore      *self,
                              HdPostState   state,
                              GError      **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_new (self, HD_TYPE_POST, post_families, query_posts_in_state,
                             GINT_TO_POINTER (state), NULL, error);
}

static GPtrArray *
query_posts_with_label (HdStore   *store,
                        gpointer   user_data,
                        GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("list the posts");

  stmt = _hd_store_prepare (store,
                            "SELECT " POST_COLUMNS " FROM posts WHERE id IN"
                            " (SELECT post_id FROM post_labels"
                            "  JOIN labels ON labels.id = post_labels.label_id"
                            "  WHERE labels.name = ?1)" POST_ORDER,
                            action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, user_data);

  return collect_posts (store, stmt, action, error);
}

/**
 * hd_store_list_posts_with_label:
 *
 * Returns: (transfer full): a list of HdPost that follows the store
 */
GListModel *
hd_store_list_posts_with_label (HdStore     *self,
                                const char  *label_name,
                                GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (label_name != NULL, NULL);

  return _hd_store_list_new (self, HD_TYPE_POST, post_families, query_posts_with_label,
                             g_strdup (label_name), g_free, error);
}

gboolean
hd_store_count_posts (HdStore  *self,
                      guint    *n_posts,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("count the posts");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_posts != NULL, FALSE);

  stmt = _hd_store_prepare (self, "SELECT count(*) FROM posts", action, error);
  if (stmt == NULL || !_hd_store_step (self, stmt, action, error))
    return FALSE;

  *n_posts = sqlite3_column_int (stmt, 0);

  return TRUE;
}
