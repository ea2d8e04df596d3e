/* hd-ads-puller.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "hd-ads-puller.h"
#include "hd-meta-ads.h"
#include "hd-store-ads-outbox.h"

/* What a change in Ads Manager is looked for in: the fields a shop owner changes there. */
static const char * const campaign_fields[] = { "id", "name", "status", NULL };
static const char * const ad_set_fields[] = {
  "id", "name", "status", "daily_budget", "lifetime_budget", "end_time", NULL
};
static const char * const ad_fields[] = { "id", "name", "status", NULL };

struct _HdAdsPuller
{
  GObject  parent_instance;

  /* owned references */
  HdStore *store;
  HdHttp  *http;
};

G_DEFINE_FINAL_TYPE (HdAdsPuller, hd_ads_puller, G_TYPE_OBJECT)

static void
hd_ads_puller_dispose (GObject *object)
{
  HdAdsPuller *self = (HdAdsPuller *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (hd_ads_puller_parent_class)->dispose (object);
}

static void
hd_ads_puller_class_init (HdAdsPullerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_ads_puller_dispose;
}

static void
hd_ads_puller_init (HdAdsPuller *self)
{
}

/**
 * hd_ads_puller_new:
 *
 * Returns: (transfer full): a puller reading from Meta into @store
 */
HdAdsPuller *
hd_ads_puller_new (HdStore *store,
                   HdHttp  *http)
{
  HdAdsPuller *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_ADS_PULLER, NULL);
  self->store = g_object_ref (store);
  self->http = g_object_ref (http);

  return self;
}

typedef struct
{
  GTask           *task;
  gint64           now;
  GPtrArray       *objects;
  guint            next;
  /* channel id → HdMetaAds */
  GHashTable      *clients;
  /* channels that refused the sign-in: nothing more is asked of them in this pull */
  GHashTable      *refused;
  HdAdsPullReport  report;
  /* the object being read */
  HdAdObjectRef   *current;
  gboolean         reading_insights;
} Pull;

static void
pull_free (Pull *pull)
{
  g_clear_pointer (&pull->objects, g_ptr_array_unref);
  g_clear_pointer (&pull->clients, g_hash_table_unref);
  g_clear_pointer (&pull->refused, g_hash_table_unref);
  g_free (pull);
}

static HdAdsPuller *
pull_puller (Pull *pull)
{
  return g_task_get_source_object (pull->task);
}

static GCancellable *
pull_cancellable (Pull *pull)
{
  return g_task_get_cancellable (pull->task);
}

static void pull_next (Pull *pull);

static void
pull_store_failed (Pull   *pull,
                   GError *error)
{
  GTask *task = pull->task;

  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Meta failed to answer about one object: the pull goes on with the others. */
static gboolean
pull_note_failure (Pull         *pull,
                   const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GTask *task = pull->task;

      g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
      return FALSE;
    }

  g_info ("Could not read %s %s back from Meta: %s", pull->current->kind, pull->current->id,
          error->message);
  if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH))
    g_hash_table_add (pull->refused, g_strdup (pull->current->channel_id));
  pull->report.n_failed++;

  return TRUE;
}

static gboolean
parse_integer (JsonNode *node,
               gint64   *value)
{
  const char *text;
  char *end = NULL;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  text = json_node_get_string (node);
  *value = g_ascii_strtoll (text, &end, 10);

  return end != text && *end == '\0';
}

static gboolean
parse_instant (JsonNode *node,
               gint64   *value)
{
  g_autoptr(GDateTime) instant = NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  instant = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
  if (instant == NULL)
    return FALSE;

  *value = g_date_time_to_unix (instant);
  return TRUE;
}

/* Meta writes the same value its own way: budgets as strings, times with "+0000". */
static gboolean
same_value (JsonNode *mine,
            JsonNode *theirs)
{
  gint64 a, b;

  if (json_node_equal (mine, theirs))
    return TRUE;
  if (parse_integer (mine, &a) && parse_integer (theirs, &b))
    return a == b;
  if (parse_instant (mine, &a) && parse_instant (theirs, &b))
    return a == b;

  return FALSE;
}

/* The fields Meta holds differently from what it last confirmed, with Meta's values; NULL
 * when none. */
static JsonObject *
find_changes (const char *synced_text,
              JsonObject *theirs)
{
  g_autoptr(JsonNode) synced = NULL;
  g_autoptr(JsonObject) changed = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (synced_text == NULL)
    return NULL;
  synced = json_from_string (synced_text, NULL);
  if (synced == NULL || !JSON_NODE_HOLDS_OBJECT (synced))
    return NULL;

  changed = json_object_new ();
  json_object_iter_init (&iter, theirs);
  while (json_object_iter_next (&iter, &name, &value))
    {
      JsonNode *confirmed = json_object_get_member (json_node_get_object (synced), name);

      /* Only what Herald set and Meta confirmed can have been changed behind its back. */
      if (g_str_equal (name, "id") || confirmed == NULL)
        continue;
      if (!same_value (confirmed, value))
        json_object_set_member (changed, name, json_node_copy (value));
    }

  if (json_object_get_size (changed) == 0)
    return NULL;

  return g_steal_pointer (&changed);
}

static gboolean
record_changes (Pull        *pull,
                JsonObject  *theirs,
                GError     **error)
{
  HdAdsPuller *self = pull_puller (pull);
  HdAdObjectRef *ref = pull->current;
  g_autoptr(JsonObject) changed = find_changes (ref->synced, theirs);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (changed == NULL)
    {
      /* Changed back on Meta: nothing is left to settle. */
      if (ref->conflict != NULL)
        return hd_store_clear_ad_object_conflict (self->store, ref->kind, ref->id, error);
      return TRUE;
    }

  node = json_node_init_object (json_node_alloc (), changed);
  text = json_to_string (node, FALSE);

  if (ref->conflict != NULL)
    {
      g_autoptr(JsonNode) before = json_from_string (ref->conflict, NULL);

      if (before != NULL && json_node_equal (before, node))
        return TRUE;
    }
  else
    {
      pull->report.n_new_conflicts++;
    }

  return hd_store_set_ad_object_conflict (self->store, ref->kind, ref->id, text, error);
}

/* Insights */

static char *
day_of (gint64      instant,
        const char *zone_id)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);
  g_autoptr(GDateTime) local = NULL;

  if (zone_id != NULL)
    zone = g_time_zone_new_identifier (zone_id);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d");
}

static gboolean
store_day (Pull               *pull,
           HdMetaInsightsDay  *day,
           GError            **error)
{
  HdAdsPuller *self = pull_puller (pull);
  HdAdObjectRef *ref = pull->current;
  struct
  {
    const char *name;
    gint64      value;
  } values[] = {
    { HD_METRIC_IMPRESSIONS, day->impressions },
    { HD_METRIC_REACH, day->reach },
    { HD_METRIC_CLICKS, day->clicks },
    { HD_METRIC_SPEND, day->spend },
    { HD_METRIC_CPC, day->cpc },
    { HD_METRIC_CTR, day->ctr >= 0 ? (gint64) llround (day->ctr * 100) : -1 },
    { HD_METRIC_LINK_CLICKS, hd_meta_insights_day_get_action (day, "link_click") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i].value < 0)
        continue;
      if (!hd_store_put_daily_insight (self->store, HD_METRIC_SUBJECT_CAMPAIGN, ref->id,
                                       ref->channel_id, day->date, values[i].name,
                                       values[i].value, error))
        return FALSE;
    }

  return TRUE;
}

static void
insights_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Pull *pull = user_data;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GError) error = NULL;

  days = hd_meta_ads_fetch_insights_finish (HD_META_ADS (object), result, &error);
  if (days == NULL)
    {
      if (pull_note_failure (pull, error))
        pull_next (pull);
      return;
    }

  for (guint i = 0; i < days->len; i++)
    {
      if (!store_day (pull, g_ptr_array_index (days, i), &error))
        {
          pull_store_failed (pull, g_steal_pointer (&error));
          return;
        }
      pull->report.n_insight_days++;
    }

  pull_next (pull);
}

static gboolean
fetch_insights (Pull      *pull,
                HdMetaAds *client)
{
  HdAdObjectRef *ref = pull->current;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;

  if (ref->currency == NULL)
    return FALSE;

  since = day_of (MIN (ref->starts_at, pull->now), ref->time_zone);
  until = day_of (pull->now, ref->time_zone);

  hd_meta_ads_fetch_insights_async (client, ref->remote_id, ref->currency, since, until,
                                    pull_cancellable (pull), insights_cb, pull);
  return TRUE;
}

/* Reading back */

static HdMetaAds *
client_for (Pull       *pull,
            const char *channel_id)
{
  HdAdsPuller *self = pull_puller (pull);
  HdMetaAds *client = g_hash_table_lookup (pull->clients, channel_id);
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(GError) error = NULL;

  if (client != NULL)
    return client;

  channel = hd_store_load_channel (self->store, channel_id, &error);
  if (channel == NULL || hd_channel_get_base_url (channel) == NULL)
    return NULL;

  client = hd_meta_ads_new (self->http, self->store, channel);
  g_hash_table_insert (pull->clients, g_strdup (channel_id), client);

  return client;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Pull *pull = user_data;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(GError) error = NULL;

  theirs = hd_meta_ads_read_finish (HD_META_ADS (object), result, &error);
  if (theirs == NULL)
    {
      if (pull_note_failure (pull, error))
        pull_next (pull);
      return;
    }

  pull->report.n_read++;
  if (!record_changes (pull, theirs, &error))
    {
      pull_store_failed (pull, g_steal_pointer (&error));
      return;
    }

  /* A campaign's results come after its fields, from the same client. */
  if (g_strcmp0 (pull->current->kind, HD_OUTBOX_SUBJECT_CAMPAIGN) == 0 &&
      fetch_insights (pull, HD_META_ADS (object)))
    return;

  pull_next (pull);
}

static void
pull_next (Pull *pull)
{
  const char * const *fields;
  HdMetaAds *client;
  GTask *task;

  for (;;)
    {
      if (pull->next >= pull->objects->len)
        {
          task = pull->task;
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
          return;
        }

      pull->current = g_ptr_array_index (pull->objects, pull->next++);
      if (g_hash_table_contains (pull->refused, pull->current->channel_id))
        continue;

      client = client_for (pull, pull->current->channel_id);
      if (client != NULL)
        break;
    }

  if (g_strcmp0 (pull->current->kind, HD_OUTBOX_SUBJECT_CAMPAIGN) == 0)
    fields = campaign_fields;
  else if (g_strcmp0 (pull->current->kind, HD_OUTBOX_SUBJECT_AD_SET) == 0)
    fields = ad_set_fields;
  else
    fields = ad_fields;

  hd_meta_ads_read_async (client, pull->current->remote_id, fields, pull_cancellable (pull),
                          read_cb, pull);
}

void
hd_ads_puller_pull_async (HdAdsPuller         *self,
                          gint64               now,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  GTask *task;
  Pull *pull;

  g_return_if_fail (HD_IS_ADS_PULLER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_ads_puller_pull_async);

  pull = g_new0 (Pull, 1);
  pull->task = task;
  pull->now = now;
  pull->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  pull->refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, pull, (GDestroyNotify) pull_free);

  pull->objects = hd_store_list_ad_objects_on_meta (self->store, &error);
  if (pull->objects == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  pull_next (pull);
}

gboolean
hd_ads_puller_pull_finish (HdAdsPuller      *self,
                           GAsyncResult     *result,
                           HdAdsPullReport  *report,
                           GError          **error)
{
  Pull *pull;

  g_return_val_if_fail (HD_IS_ADS_PULLER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  pull = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = pull->report;

  return g_task_propagate_boolean (G_TASK (result), error);
}
