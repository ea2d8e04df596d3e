/* hd-metrics-puller.c: reads what published posts and channels achieved into the metrics
 * store
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-metrics-puller.h"
#include "hd-store-channels.h"
#include "hd-store-metrics.h"

struct _HdMetricsPuller
{
  GObject   parent_instance;

  /* owned references */
  HdStore    *store;
  HdHttp     *http;
  /* channel id -> when its own figures were last asked for, as gint64 *: a platform that
   * answers with none records nothing, and is not asked again before the day is out */
  GHashTable *channel_asked;

  guint     max_per_channel;
  gboolean  running;
};

G_DEFINE_FINAL_TYPE (HdMetricsPuller, hd_metrics_puller, G_TYPE_OBJECT)

typedef struct
{
  gint64               now;
  HdMetricsPullReport *report;

  /* HdChannel, connected */
  GPtrArray           *channels;
  guint                channel_index;
  HdProvider          *provider;

  /* HdMeasuredVariant of the current channel that are due */
  GPtrArray           *targets;
  guint                target_index;
} Run;

void
hd_metrics_pull_report_free (HdMetricsPullReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

gint64
hd_metrics_puller_channel_due_at (gint64 last_read)
{
  if (last_read <= 0)
    return 0;

  return last_read + HD_METRICS_DAILY_INTERVAL;
}

static void
run_free (Run *run)
{
  hd_metrics_pull_report_free (run->report);
  g_clear_pointer (&run->channels, g_ptr_array_unref);
  g_clear_object (&run->provider);
  g_clear_pointer (&run->targets, g_ptr_array_unref);
  g_free (run);
}

static void
hd_metrics_puller_finalize (GObject *object)
{
  HdMetricsPuller *self = HD_METRICS_PULLER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_pointer (&self->channel_asked, g_hash_table_unref);

  G_OBJECT_CLASS (hd_metrics_puller_parent_class)->finalize (object);
}

static void
hd_metrics_puller_class_init (HdMetricsPullerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hd_metrics_puller_finalize;
}

static void
hd_metrics_puller_init (HdMetricsPuller *self)
{
  self->max_per_channel = 50;
  self->channel_asked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

HdMetricsPuller *
hd_metrics_puller_new (HdStore *store,
                       HdHttp  *http)
{
  HdMetricsPuller *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_METRICS_PULLER, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);

  return self;
}

void
hd_metrics_puller_set_max_per_channel (HdMetricsPuller *self,
                                       guint            max)
{
  g_return_if_fail (HD_IS_METRICS_PULLER (self));
  g_return_if_fail (max > 0);

  self->max_per_channel = max;
}

/* Steps */

static void next_channel (GTask *task);
static void next_target (GTask *task);

static HdChannel *
current_channel (Run *run)
{
  return g_ptr_array_index (run->channels, run->channel_index);
}

static void
add_problem (Run        *run,
             HdChannel  *channel,
             const char *sentence)
{
  const char *name = hd_channel_get_display_name (channel);

  if (name == NULL || *name == '\0')
    name = hd_channel_kind_to_label (hd_channel_get_kind (channel));

  /* Translators: the first %s is a channel's name, the second says what went wrong. */
  g_ptr_array_add (run->report->problems, g_strdup_printf (_("%s: %s"), name, sentence));
}

static void
fail (GTask  *task,
      GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Whether the platform said to stop asking for now: signed out, over its rate limit, or
 * without metrics at all. The rest of the channel waits for the next run. */
static gboolean
stops_channel (const GError *error)
{
  return g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH)
         || g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static const char *
stop_sentence (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    return _("Herald cannot read the figures of this platform yet, so its posts are left out "
             "of the reports.");

  return error->message;
}

/* Records what the platform answered for @post_id (NULL: for the channel itself), under the
 * local ids Herald reports by, in one transaction. */
static gboolean
record_metrics (HdMetricsPuller  *self,
                Run              *run,
                HdChannel        *channel,
                const char       *post_id,
                GPtrArray        *metrics,
                GError          **error)
{
  const char *channel_id = hd_channel_get_id (channel);

  if (!hd_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < metrics->len; i++)
    {
      HdMetric *metric = g_ptr_array_index (metrics, i);

      if (!hd_provider_metric_is_available (metric) || hd_metric_get_value (metric) < 0)
        {
          run->report->n_not_available++;
          continue;
        }

      if (post_id == NULL || hd_metric_get_subject (metric) == HD_METRIC_SUBJECT_CHANNEL)
        {
          hd_metric_set_subject (metric, HD_METRIC_SUBJECT_CHANNEL);
          hd_metric_set_subject_id (metric, channel_id);
        }
      else
        {
          hd_metric_set_subject (metric, HD_METRIC_SUBJECT_POST);
          hd_metric_set_subject_id (metric, post_id);
        }
      hd_metric_set_channel_id (metric, channel_id);
      if (hd_metric_get_measured_at (metric) <= 0)
        hd_metric_set_measured_at (metric, run->now);

      if (!hd_store_add_metric (self->store, metric, error))
        {
          hd_store_rollback (self->store);
          return FALSE;
        }
      run->report->n_recorded++;
    }

  return hd_store_commit (self->store, error);
}

/* Handles a failed read; FALSE when the whole run is over (cancelled). */
static gboolean
after_failure (GTask  *task,
               GError *error)
{
  Run *run = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fail (task, error);
      return FALSE;
    }

  if (stops_channel (error))
    {
      add_problem (run, current_channel (run), stop_sentence (error));
      g_error_free (error);
      run->channel_index++;
      next_channel (task);
      return FALSE;
    }

  add_problem (run, current_channel (run), error->message);
  g_error_free (error);
  return TRUE;
}

static void
post_metrics_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  HdMetricsPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  HdMeasuredVariant *target = g_ptr_array_index (run->targets, run->target_index);
  g_autoptr(GPtrArray) metrics = NULL;
  GError *error = NULL;

  metrics = hd_provider_fetch_metrics_finish (HD_PROVIDER (object), result, &error);
  if (metrics != NULL)
    {
      run->report->n_read++;
      if (!record_metrics (self, run, current_channel (run), target->post_id, metrics, &error))
        {
          fail (task, error);
          return;
        }
    }
  else if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
    {
      /* Deleted on the platform: what was measured before stays in the reports. */
      run->report->n_gone++;
      g_clear_error (&error);
    }
  else if (!after_failure (task, error))
    return;

  run->target_index++;
  next_target (task);
}

static void
next_target (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  HdMeasuredVariant *target;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (run->target_index >= run->targets->len)
    {
      run->channel_index++;
      next_channel (task);
      return;
    }

  target = g_ptr_array_index (run->targets, run->target_index);
  hd_provider_fetch_metrics_async (run->provider, target->remote_id,
                                   g_task_get_cancellable (task), post_metrics_cb, task);
}

static void
due_posts_found_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  HdMetricsPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  run->targets = hd_store_list_due_published_variants_finish (self->store, result, &error);
  if (run->targets == NULL)
    {
      fail (task, error);
      return;
    }

  next_target (task);
}

/* Reads the posts of the channel due to be read at @now, longest unread first, at most the
 * puller's maximum: the store weighs the channel's whole history, on a worker thread, so a
 * busy account's years of posts are never all in memory at once, nor read in the main loop. */
static void
start_posts (GTask *task)
{
  static const HdMetricsPace pace = {
    .first_week = HD_METRICS_FIRST_WEEK,
    .daily_until = HD_METRICS_DAILY_UNTIL,
    .hourly_interval = HD_METRICS_HOURLY_INTERVAL,
    .daily_interval = HD_METRICS_DAILY_INTERVAL,
    .weekly_interval = HD_METRICS_WEEKLY_INTERVAL,
  };
  HdMetricsPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);

  g_clear_pointer (&run->targets, g_ptr_array_unref);
  hd_store_list_due_published_variants_async (self->store,
                                              hd_channel_get_id (current_channel (run)),
                                              run->now, &pace, self->max_per_channel,
                                              g_task_get_cancellable (task), due_posts_found_cb,
                                              task);
}

static void
channel_metrics_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  HdMetricsPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GPtrArray) metrics = NULL;
  GError *error = NULL;

  metrics = hd_provider_fetch_metrics_finish (HD_PROVIDER (object), result, &error);
  if (metrics != NULL)
    {
      run->report->n_read++;
      if (!record_metrics (self, run, current_channel (run), NULL, metrics, &error))
        {
          fail (task, error);
          return;
        }
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED) ||
           g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND) ||
           g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID))
    {
      /* A platform that gives no figures for the account may still give them per post. */
      g_debug ("No channel figures for %s: %s", hd_channel_get_id (current_channel (run)),
               error->message);
      g_clear_error (&error);
    }
  else
    {
      /* Asked again next run, once the platform lets Herald. */
      g_hash_table_remove (self->channel_asked, hd_channel_get_id (current_channel (run)));
      if (!after_failure (task, error))
        return;
    }

  start_posts (task);
}

static gboolean
followers_due (HdMetricsPuller  *self,
               Run              *run,
               HdChannel        *channel,
               gboolean         *due,
               GError          **error)
{
  const char *id = hd_channel_get_id (channel);
  gint64 *asked = g_hash_table_lookup (self->channel_asked, id);
  gint64 last_read = 0;

  *due = FALSE;
  if (hd_channel_get_remote_account_id (channel) == NULL)
    return TRUE;

  if (!hd_store_get_last_measured (self->store, HD_METRIC_SUBJECT_CHANNEL, id, NULL,
                                   &last_read, error))
    return FALSE;
  if (asked != NULL)
    last_read = MAX (last_read, *asked);

  *due = hd_metrics_puller_channel_due_at (last_read) <= run->now;
  if (*due)
    g_hash_table_insert (self->channel_asked, g_strdup (id), g_memdup2 (&run->now,
                                                                        sizeof run->now));
  return TRUE;
}

static void
next_channel (GTask *task)
{
  HdMetricsPuller *self = g_task_get_source_object (task);
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) local_error = NULL;
  GError *error = NULL;
  HdChannel *channel;
  gboolean due = FALSE;

  g_clear_object (&run->provider);
  g_clear_pointer (&run->targets, g_ptr_array_unref);
  run->target_index = 0;

  if (run->channel_index >= run->channels->len)
    {
      self->running = FALSE;
      g_task_return_pointer (task, g_steal_pointer (&run->report),
                             (GDestroyNotify) hd_metrics_pull_report_free);
      g_object_unref (task);
      return;
    }

  channel = current_channel (run);
  run->provider = hd_provider_new_for_channel (self->http, self->store, channel, &local_error);
  if (run->provider == NULL)
    {
      add_problem (run, channel, local_error->message);
      run->channel_index++;
      next_channel (task);
      return;
    }

  if (!followers_due (self, run, channel, &due, &error))
    {
      fail (task, error);
      return;
    }

  if (due)
    {
      hd_provider_fetch_metrics_async (run->provider, hd_channel_get_remote_account_id (channel),
                                       g_task_get_cancellable (task), channel_metrics_cb, task);
      return;
    }

  start_posts (task);
}

static void
on_task_completed (GTask           *task,
                   GParamSpec      *pspec,
                   HdMetricsPuller *self)
{
  self->running = FALSE;
}

void
hd_metrics_puller_pull_async (HdMetricsPuller     *self,
                              gint64               now,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task;
  Run *run;

  g_return_if_fail (HD_IS_METRICS_PULLER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_metrics_puller_pull_async);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("Herald is already reading the figures for the reports."));
      g_object_unref (task);
      return;
    }

  channels = hd_store_list_channels (self->store, &error);
  if (channels == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  run = g_new0 (Run, 1);
  run->now = now;
  run->report = g_new0 (HdMetricsPullReport, 1);
  run->report->problems = g_ptr_array_new_with_free_func (g_free);
  run->channels = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      if (hd_channel_get_state (channel) == HD_CHANNEL_STATE_CONNECTED)
        g_ptr_array_add (run->channels, g_steal_pointer (&channel));
    }
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  self->running = TRUE;
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (on_task_completed), self, 0);
  next_channel (task);
}

HdMetricsPullReport *
hd_metrics_puller_pull_finish (HdMetricsPuller  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (HD_IS_METRICS_PULLER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
