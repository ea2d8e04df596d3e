/* hd-store-metrics.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-core-enums.h"
#include "hd-metric.h"
#include "hd-store-private.h"

typedef struct
{
  HdMetricSubject subject;
  char *subject_id;
  char *name;
  gint64 from;
  gint64 to;
  /* For the sums, which differ only in what they add up per row. */
  const char *sql;
} MetricQuery;

static void
metric_query_free (gpointer data)
{
  MetricQuery *query = data;

  g_free (query->subject_id);
  g_free (query->name);
  g_free (query);
}

static MetricQuery *
metric_query_new (HdMetricSubject  subject,
                  const char      *subject_id,
                  const char      *name,
                  gint64           from,
                  gint64           to)
{
  MetricQuery *query = g_new0 (MetricQuery, 1);

  query->subject = subject;
  query->subject_id = g_strdup (subject_id);
  query->name = g_strdup (name);
  query->from = from;
  query->to = to;

  return query;
}

static gpointer
metric_from_row (sqlite3_stmt *stmt)
{
  HdMetric *metric = hd_metric_new ();

  hd_metric_set_subject (metric, _hd_column_enum (stmt, 0, HD_TYPE_METRIC_SUBJECT));
  hd_metric_set_subject_id (metric, _hd_column_text (stmt, 1));
  hd_metric_set_channel_id (metric, _hd_column_text (stmt, 2));
  hd_metric_set_name (metric, _hd_column_text (stmt, 3));
  hd_metric_set_value (metric, sqlite3_column_int64 (stmt, 4));
  hd_metric_set_measured_at (metric, sqlite3_column_int64 (stmt, 5));

  return metric;
}

gboolean
hd_store_add_metric (HdStore   *self,
                     HdMetric  *metric,
                     GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("record the measurement");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_METRIC (metric), FALSE);

  if (hd_metric_get_subject_id (metric) == NULL || hd_metric_get_name (metric) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not record a measurement that names no post, channel or ad, "
                     "or no figure. Fetch the reports again."));
      return FALSE;
    }

  stmt = _hd_store_prepare (self,
                            "INSERT INTO metrics"
                            " (subject_kind, subject_id, channel_id, name, value, measured_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_enum (stmt, 1, HD_TYPE_METRIC_SUBJECT, hd_metric_get_subject (metric));
  _hd_bind_text (stmt, 2, hd_metric_get_subject_id (metric));
  _hd_bind_text (stmt, 3, hd_metric_get_channel_id (metric));
  _hd_bind_text (stmt, 4, hd_metric_get_name (metric));
  sqlite3_bind_int64 (stmt, 5, hd_metric_get_value (metric));
  sqlite3_bind_int64 (stmt, 6, hd_metric_get_measured_at (metric));

  return _hd_store_write_row (self, stmt, HD_STORE_FAMILY_METRICS, action, error);
}

static GPtrArray *
query_metrics (HdStore   *store,
               gpointer   user_data,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const MetricQuery *query = user_data;
  const char *action = _("load the reports");

  stmt = _hd_store_prepare (store,
                            "SELECT subject_kind, subject_id, channel_id, name, value, measured_at"
                            " FROM metrics"
                            " WHERE subject_kind = ?1 AND subject_id = ?2 AND name = ?3"
                            "  AND measured_at >= ?4 AND measured_at < ?5"
                            " ORDER BY measured_at, id",
                            action, error);
  if (stmt == NULL)
    return NULL;

  _hd_bind_enum (stmt, 1, HD_TYPE_METRIC_SUBJECT, query->subject);
  _hd_bind_text (stmt, 2, query->subject_id);
  _hd_bind_text (stmt, 3, query->name);
  sqlite3_bind_int64 (stmt, 4, query->from);
  sqlite3_bind_int64 (stmt, 5, query->to);

  return _hd_store_collect_rows (store, stmt, metric_from_row, g_object_unref, action, error);
}

/**
 * hd_store_list_metrics:
 *
 * Returns: (transfer full): a list of HdMetric that follows the store
 */
GListModel *
hd_store_list_metrics (HdStore          *self,
                       HdMetricSubject   subject,
                       const char       *subject_id,
                       const char       *name,
                       gint64            from,
                       gint64            to,
                       GError          **error)
{
  static const char * const families[] = { HD_STORE_FAMILY_METRICS, NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (subject_id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return _hd_store_list_new (self, HD_TYPE_METRIC, families, query_metrics,
                             metric_query_new (subject, subject_id, name, from, to),
                             metric_query_free, error);
}

static GPtrArray *
query_sums (HdStore   *store,
            gpointer   user_data,
            GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const MetricQuery *query = user_data;
  const char *action = _("load the reports");

  stmt = _hd_store_prepare (store, query->sql, action, error);
  if (stmt == NULL)
    return NULL;

  _hd_bind_text (stmt, 1, query->name);
  sqlite3_bind_int64 (stmt, 2, query->from);
  sqlite3_bind_int64 (stmt, 3, query->to);

  return _hd_store_collect_rows (store, stmt, metric_from_row, g_object_unref, action, error);
}

static GListModel *
list_sums (HdStore             *self,
           HdMetricSubject      subject,
           const char * const  *families,
           const char          *sql,
           const char          *name,
           gint64               from,
           gint64               to,
           GError             **error)
{
  MetricQuery *query = metric_query_new (subject, NULL, name, from, to);

  query->sql = sql;

  return _hd_store_list_new (self, HD_TYPE_METRIC, families, query_sums, query,
                             metric_query_free, error);
}

/**
 * hd_store_sum_metric_by_channel:
 *
 * Returns: (transfer full): a list of HdMetric, one per channel, that follows the store
 */
GListModel *
hd_store_sum_metric_by_channel (HdStore     *self,
                                const char  *name,
                                gint64       from,
                                gint64       to,
                                GError     **error)
{
  static const char * const families[] = {
    HD_STORE_FAMILY_METRICS, HD_STORE_FAMILY_CHANNELS, NULL
  };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return list_sums (self, HD_METRIC_SUBJECT_CHANNEL, families,
                    "SELECT 'channel', channels.id, channels.id, ?1,"
                    "  (SELECT coalesce (sum (value), 0) FROM metrics"
                    "   WHERE metrics.channel_id = channels.id"
                    "    AND metrics.subject_kind = 'post' AND metrics.name = ?1"
                    "    AND metrics.value >= 0"
                    "    AND metrics.measured_at >= ?2 AND metrics.measured_at < ?3),"
                    "  ?3"
                    " FROM channels ORDER BY channels.created_at, channels.rowid",
                    name, from, to, error);
}

/**
 * hd_store_sum_metric_by_campaign:
 *
 * Returns: (transfer full): a list of HdMetric, one per campaign, that follows the store
 */
GListModel *
hd_store_sum_metric_by_campaign (HdStore     *self,
                                 const char  *name,
                                 gint64       from,
                                 gint64       to,
                                 GError     **error)
{
  static const char * const families[] = {
    HD_STORE_FAMILY_METRICS, HD_STORE_FAMILY_CAMPAIGNS, NULL
  };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return list_sums (self, HD_METRIC_SUBJECT_CAMPAIGN, families,
                    "SELECT 'campaign', campaigns.id, NULL, ?1,"
                    "  (SELECT coalesce (sum (value), 0) FROM metrics"
                    "   WHERE metrics.subject_kind = 'campaign'"
                    "    AND metrics.subject_id = campaigns.id AND metrics.name = ?1"
                    "    AND metrics.value >= 0"
                    "    AND metrics.measured_at >= ?2 AND metrics.measured_at < ?3),"
                    "  ?3"
                    " FROM campaigns ORDER BY campaigns.created_at DESC, campaigns.id",
                    name, from, to, error);
}

gboolean
hd_store_sum_metric (HdStore          *self,
                     HdMetricSubject   subject,
                     const char       *subject_id,
                     const char       *name,
                     gint64            from,
                     gint64            to,
                     gint64           *total,
                     GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("load the reports");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (subject_id != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (total != NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "SELECT coalesce (sum (value), 0) FROM metrics"
                            " WHERE subject_kind = ?1 AND subject_id = ?2 AND name = ?3"
                            "  AND measured_at >= ?4 AND measured_at < ?5 AND value >= 0",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_enum (stmt, 1, HD_TYPE_METRIC_SUBJECT, subject);
  _hd_bind_text (stmt, 2, subject_id);
  _hd_bind_text (stmt, 3, name);
  sqlite3_bind_int64 (stmt, 4, from);
  sqlite3_bind_int64 (stmt, 5, to);

  if (!_hd_store_step (self, stmt, action, error))
    return FALSE;

  *total = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

void
hd_measured_variant_free (HdMeasuredVariant *variant)
{
  if (variant == NULL)
    return;

  g_free (variant->post_id);
  g_free (variant->channel_id);
  g_free (variant->remote_id);
  g_free (variant);
}

static gpointer
measured_variant_from_row (sqlite3_stmt *stmt)
{
  HdMeasuredVariant *variant = g_new0 (HdMeasuredVariant, 1);

  variant->post_id = g_strdup (_hd_column_text (stmt, 0));
  variant->channel_id = g_strdup (_hd_column_text (stmt, 1));
  variant->remote_id = g_strdup (_hd_column_text (stmt, 2));
  variant->published_at = sqlite3_column_int64 (stmt, 3);
  variant->last_measured_at = sqlite3_column_int64 (stmt, 4);

  return variant;
}

/**
 * hd_store_list_due_published_variants:
 *
 * Returns: (transfer full) (element-type HdMeasuredVariant): the variants due, at most @limit
 */
GPtrArray *
hd_store_list_due_published_variants (HdStore              *self,
                                      const char           *channel_id,
                                      gint64                now,
                                      const HdMetricsPace  *pace,
                                      guint                 limit,
                                      GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("find the posts to read the counts of");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (channel_id != NULL, NULL);
  g_return_val_if_fail (pace != NULL, NULL);

  /* The channel's posts that are out, a post the platform holds for later (its variant still
   * scheduled) left out as it has no counts yet; never read first, newest first, then the
   * longest unread. The pace is weighed here so that a channel with years of posts never has
   * them all in memory at once: due when never read, else an interval after the last read
   * that grows with the post's age at that read (see HdMetricsPace). */
  stmt = _hd_store_prepare (self,
                            "SELECT post_id, channel_id, remote_id, published, last FROM ("
                            "  SELECT post_variants.post_id, post_variants.channel_id,"
                            "   post_variants.remote_id, post_variants.id AS variant_id,"
                            "   posts.published_at AS published_at,"
                            "   coalesce (posts.published_at, posts.scheduled_at,"
                            "             posts.updated_at) AS published,"
                            "   (SELECT coalesce (max (measured_at), 0) FROM metrics"
                            "    WHERE metrics.subject_kind = 'post'"
                            "     AND metrics.subject_id = post_variants.post_id"
                            "     AND metrics.channel_id = post_variants.channel_id) AS last"
                            "  FROM post_variants JOIN posts ON posts.id = post_variants.post_id"
                            "  WHERE post_variants.channel_id = ?1"
                            "   AND post_variants.remote_id IS NOT NULL"
                            "   AND post_variants.state != 'scheduled')"
                            " WHERE CASE WHEN last <= 0 THEN published"
                            "            WHEN last - published < ?3 THEN last + ?5"
                            "            WHEN last - published < ?4 THEN last + ?6"
                            "            ELSE last + ?7 END <= ?2"
                            " ORDER BY last, published_at DESC, variant_id"
                            " LIMIT ?8",
                            action, error);
  if (stmt == NULL)
    return NULL;

  _hd_bind_text (stmt, 1, channel_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, pace->first_week);
  sqlite3_bind_int64 (stmt, 4, pace->daily_until);
  sqlite3_bind_int64 (stmt, 5, pace->hourly_interval);
  sqlite3_bind_int64 (stmt, 6, pace->daily_interval);
  sqlite3_bind_int64 (stmt, 7, pace->weekly_interval);
  sqlite3_bind_int64 (stmt, 8, limit);

  return _hd_store_collect_rows (self, stmt, measured_variant_from_row,
                                 (GDestroyNotify) hd_measured_variant_free, action, error);
}

typedef struct
{
  char          *channel_id;
  gint64         now;
  HdMetricsPace  pace;
  guint          limit;
} DueVariants;

static void
due_variants_free (DueVariants *query)
{
  g_free (query->channel_id);
  g_free (query);
}

static gpointer
list_due_published_variants_on (HdStore  *reader,
                                gpointer  data,
                                GError  **error)
{
  DueVariants *query = data;

  return hd_store_list_due_published_variants (reader, query->channel_id, query->now,
                                               &query->pace, query->limit, error);
}

void
hd_store_list_due_published_variants_async (HdStore              *self,
                                            const char           *channel_id,
                                            gint64                now,
                                            const HdMetricsPace  *pace,
                                            guint                 limit,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  DueVariants *query;

  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (channel_id != NULL);
  g_return_if_fail (pace != NULL);

  query = g_new0 (DueVariants, 1);
  query->channel_id = g_strdup (channel_id);
  query->now = now;
  query->pace = *pace;
  query->limit = limit;
  _hd_store_read_async (self, list_due_published_variants_on, query,
                        (GDestroyNotify) due_variants_free, (GDestroyNotify) g_ptr_array_unref,
                        hd_store_list_due_published_variants_async, cancellable, callback,
                        user_data);
}

GPtrArray *
hd_store_list_due_published_variants_finish (HdStore       *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_read_finish (self, result, hd_store_list_due_published_variants_async,
                                error);
}

gboolean
hd_store_get_last_measured (HdStore          *self,
                            HdMetricSubject   subject,
                            const char       *subject_id,
                            const char       *name,
                            gint64           *measured_at,
                            GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("load the reports");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (subject_id != NULL, FALSE);
  g_return_val_if_fail (measured_at != NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "SELECT coalesce (max (measured_at), 0) FROM metrics"
                            " WHERE subject_kind = ?1 AND subject_id = ?2"
                            "  AND (?3 IS NULL OR name = ?3)",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_enum (stmt, 1, HD_TYPE_METRIC_SUBJECT, subject);
  _hd_bind_text (stmt, 2, subject_id);
  _hd_bind_text (stmt, 3, name);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _hd_store_set_error (self, error, sqlite3_errcode (_hd_store_get_db (self)), action);
      return FALSE;
    }

  *measured_at = sqlite3_column_int64 (stmt, 0);

  return TRUE;
}
