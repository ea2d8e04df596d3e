/* hd-store-ads-sync.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "hd-core-enums.h"
#include "hd-ad.h"
#include "hd-ad-set.h"
#include "hd-audience.h"
#include "hd-campaign.h"
#include "hd-store-private.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

/* The table of each kind; kinds are the outbox's subject names. */
static const char *
table_for (const char  *kind,
           GError     **error)
{
  if (g_strcmp0 (kind, HD_OUTBOX_SUBJECT_CAMPAIGN) == 0)
    return "campaigns";
  if (g_strcmp0 (kind, HD_OUTBOX_SUBJECT_AD_SET) == 0)
    return "ad_sets";
  if (g_strcmp0 (kind, HD_OUTBOX_SUBJECT_AD) == 0)
    return "ads";

  g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
               _("Herald does not send “%s” to Meta: only campaigns, ad sets and ads."),
               kind ? kind : "");
  return NULL;
}

static const char *
family_for (const char *kind)
{
  if (g_str_equal (kind, HD_OUTBOX_SUBJECT_CAMPAIGN))
    return HD_STORE_FAMILY_CAMPAIGNS;
  if (g_str_equal (kind, HD_OUTBOX_SUBJECT_AD_SET))
    return HD_STORE_FAMILY_AD_SETS;
  return HD_STORE_FAMILY_ADS;
}

/* Meta's status values (adaccountcampaigns_status_enum_param and its ad set and ad twins). */
static const char *
meta_status (HdAdStatus status)
{
  switch (status)
    {
    case HD_AD_STATUS_ACTIVE:
      return "ACTIVE";
    case HD_AD_STATUS_ARCHIVED:
      return "ARCHIVED";
    case HD_AD_STATUS_PAUSED:
    default:
      return "PAUSED";
    }
}

/* @json parsed, or NULL when it is unset or not JSON (the store's CHECKs keep the latter out). */
static JsonNode *
parse_json (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (json == NULL)
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);

  return root ? json_node_copy (root) : NULL;
}

static void
set_string_if (JsonObject *params,
               const char *name,
               const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (params, name, value);
}

/* Minor units as Meta's budget strings, which is also how it reads them back. */
static void
set_minor_units (JsonObject *params,
                 const char *name,
                 gint64      minor)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, minor);

  json_object_set_string_member (params, name, text);
}

static void
set_instant (JsonObject *params,
             const char *name,
             gint64      instant,
             const char *zone_id)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;

  if (instant == 0)
    return;

  if (zone_id != NULL)
    zone = g_time_zone_new_identifier (zone_id);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  utc = g_date_time_new_from_unix_utc (instant);
  local = g_date_time_to_timezone (utc, zone);
  text = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
  json_object_set_string_member (params, name, text);
}

static JsonObject *
campaign_params (HdStore     *self,
                 const char  *id,
                 GError     **error)
{
  g_autoptr(HdCampaign) campaign = hd_store_load_campaign (self, id, error);
  g_autoptr(JsonObject) params = NULL;
  JsonNode *categories;

  if (campaign == NULL)
    return NULL;

  params = json_object_new ();
  set_string_if (params, "name", hd_campaign_get_name (campaign));
  set_string_if (params, "objective", hd_campaign_get_objective (campaign));
  json_object_set_string_member (params, "status", meta_status (hd_campaign_get_status (campaign)));
  categories = parse_json (hd_campaign_get_special_ad_categories (campaign));
  /* Meta requires the list even when empty: it is how an ordinary ad says "none". */
  if (categories == NULL || !JSON_NODE_HOLDS_ARRAY (categories))
    {
      g_clear_pointer (&categories, json_node_unref);
      categories = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (categories, json_array_new ());
    }
  json_object_set_member (params, "special_ad_categories", categories);
  set_string_if (params, "bid_strategy", hd_campaign_get_bid_strategy (campaign));

  return g_steal_pointer (&params);
}

/* The audience's spec, with the ad set's placements (publisher_platforms and the position
 * lists, which Meta takes inside targeting) merged in. */
static JsonNode *
targeting_for (HdStore   *self,
               HdAdSet   *ad_set,
               GError   **error)
{
  g_autoptr(JsonNode) placements = parse_json (hd_ad_set_get_placements (ad_set));
  g_autoptr(JsonNode) spec = NULL;
  JsonObject *targeting;

  if (hd_ad_set_get_audience_id (ad_set) != NULL)
    {
      g_autoptr(HdAudience) audience = hd_store_load_audience (self,
                                                               hd_ad_set_get_audience_id (ad_set),
                                                               error);

      if (audience == NULL)
        return NULL;
      spec = parse_json (hd_audience_get_spec (audience));
    }

  if (spec == NULL || !JSON_NODE_HOLDS_OBJECT (spec))
    {
      if (placements == NULL)
        return NULL;
      g_clear_pointer (&spec, json_node_unref);
      spec = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (spec, json_object_new ());
    }

  targeting = json_node_get_object (spec);
  if (placements != NULL && JSON_NODE_HOLDS_OBJECT (placements))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, json_node_get_object (placements));
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (targeting, name, json_node_copy (value));
    }

  return g_steal_pointer (&spec);
}

static JsonObject *
ad_set_params (HdStore     *self,
               const char  *id,
               GError     **error)
{
  g_autoptr(HdAdSet) ad_set = hd_store_load_ad_set (self, id, error);
  g_autoptr(HdCampaign) campaign = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonNode) schedule = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *targeting;

  if (ad_set == NULL)
    return NULL;
  campaign = hd_store_load_campaign (self, hd_ad_set_get_campaign_id (ad_set), error);
  if (campaign == NULL)
    return NULL;

  params = json_object_new ();
  set_string_if (params, "name", hd_ad_set_get_name (ad_set));
  set_string_if (params, "campaign_id", hd_campaign_get_remote_id (campaign));
  json_object_set_string_member (params, "status", meta_status (hd_ad_set_get_status (ad_set)));
  set_minor_units (params,
                   hd_ad_set_get_budget_kind (ad_set) == HD_BUDGET_KIND_LIFETIME
                   ? "lifetime_budget" : "daily_budget",
                   hd_ad_set_get_budget_minor (ad_set));
  set_instant (params, "start_time", hd_ad_set_get_starts_at (ad_set),
               hd_ad_set_get_time_zone (ad_set));
  set_instant (params, "end_time", hd_ad_set_get_ends_at (ad_set),
               hd_ad_set_get_time_zone (ad_set));
  set_string_if (params, "optimization_goal", hd_ad_set_get_optimization_goal (ad_set));
  set_string_if (params, "billing_event", hd_ad_set_get_billing_event (ad_set));
  if (hd_ad_set_get_bid_amount (ad_set) > 0)
    json_object_set_int_member (params, "bid_amount", hd_ad_set_get_bid_amount (ad_set));
  set_string_if (params, "destination_type", hd_ad_set_get_destination_type (ad_set));

  targeting = targeting_for (self, ad_set, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (targeting != NULL)
    json_object_set_member (params, "targeting", targeting);

  /* The dayparting column holds Meta's adset_schedule blocks as they are sent. */
  schedule = parse_json (hd_ad_set_get_dayparting (ad_set));
  if (schedule != NULL && JSON_NODE_HOLDS_ARRAY (schedule) &&
      json_array_get_length (json_node_get_array (schedule)) > 0)
    {
      JsonArray *pacing = json_array_new ();

      json_array_add_string_element (pacing, "day_parting");
      json_object_set_member (params, "adset_schedule", g_steal_pointer (&schedule));
      json_object_set_array_member (params, "pacing_type", pacing);
    }

  return g_steal_pointer (&params);
}

static JsonObject *
ad_params (HdStore     *self,
           const char  *id,
           GError     **error)
{
  g_autoptr(HdAd) ad = hd_store_load_ad (self, id, error);
  g_autoptr(HdAdSet) ad_set = NULL;
  g_autoptr(JsonObject) params = NULL;

  if (ad == NULL)
    return NULL;
  ad_set = hd_store_load_ad_set (self, hd_ad_get_ad_set_id (ad), error);
  if (ad_set == NULL)
    return NULL;

  params = json_object_new ();
  set_string_if (params, "name", hd_ad_get_name (ad));
  set_string_if (params, "adset_id", hd_ad_set_get_remote_id (ad_set));
  json_object_set_string_member (params, "status", meta_status (hd_ad_get_status (ad)));
  if (hd_ad_get_creative_remote_id (ad) != NULL)
    {
      JsonObject *creative = json_object_new ();

      json_object_set_string_member (creative, "creative_id", hd_ad_get_creative_remote_id (ad));
      json_object_set_object_member (params, "creative", creative);
    }

  return g_steal_pointer (&params);
}

/**
 * hd_store_ad_object_params:
 *
 * Returns: (transfer full): the object's parameters, or %NULL with @error set
 */
JsonObject *
hd_store_ad_object_params (HdStore     *self,
                           const char  *kind,
                           const char  *id,
                           GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (table_for (kind, error) == NULL)
    return NULL;

  if (g_str_equal (kind, HD_OUTBOX_SUBJECT_CAMPAIGN))
    return campaign_params (self, id, error);
  if (g_str_equal (kind, HD_OUTBOX_SUBJECT_AD_SET))
    return ad_set_params (self, id, error);

  return ad_params (self, id, error);
}

static char *
load_synced (HdStore     *self,
             const char  *table,
             const char  *id,
             GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT synced FROM ", table, " WHERE id = ?1", NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("compare the changes with Meta");

  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt == NULL || (_hd_bind_text (stmt, 1, id), !_hd_store_step (self, stmt, action, error)))
    return NULL;

  return g_strdup (_hd_column_text (stmt, 0));
}

/**
 * hd_store_ad_object_changed_fields:
 *
 * Returns: (transfer full): the parameters that changed, or %NULL with @error set
 */
JsonObject *
hd_store_ad_object_changed_fields (HdStore     *self,
                                   const char  *kind,
                                   const char  *id,
                                   GError     **error)
{
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonNode) synced = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *synced_text = NULL;
  JsonObject *confirmed;
  JsonObject *changed;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  current = hd_store_ad_object_params (self, kind, id, error);
  if (current == NULL)
    return NULL;

  synced_text = load_synced (self, table_for (kind, NULL), id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  synced = parse_json (synced_text);
  if (synced == NULL || !JSON_NODE_HOLDS_OBJECT (synced))
    return g_steal_pointer (&current);
  confirmed = json_node_get_object (synced);

  changed = json_object_new ();
  json_object_iter_init (&iter, current);
  while (json_object_iter_next (&iter, &name, &value))
    {
      JsonNode *before = json_object_get_member (confirmed, name);

      if (before == NULL || !json_node_equal (before, value))
        json_object_set_member (changed, name, json_node_copy (value));
    }

  return changed;
}

/* @json must be a JSON object; @what names it in the sentence. */
static gboolean
check_json_object (const char  *json,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(JsonNode) node = parse_json (json);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;

  g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
               _("Herald could not record %s because Meta’s answer was not a list of fields. "
                 "Fetch the campaign again."), what);
  return FALSE;
}

/* Sets @assignments on the object @id, with @text1 bound as ?2 and @text2 as ?3, in a
 * transaction of its own. */
static gboolean
update_ad_object (HdStore     *self,
                  const char  *kind,
                  const char  *id,
                  const char  *assignments,
                  const char  *text1,
                  const char  *text2,
                  const char  *action,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *table = table_for (kind, error);

  if (table == NULL)
    return FALSE;

  sql = g_strconcat ("UPDATE ", table, " SET ", assignments, " WHERE id = ?1", NULL);
  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, id);
  _hd_bind_text (stmt, 2, text1);
  _hd_bind_text (stmt, 3, text2);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, stmt, action, error) ||
      !_hd_store_check_changed_one (self, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, family_for (kind));

  return hd_store_commit (self, error);
}

gboolean
hd_store_mark_ad_object_synced (HdStore     *self,
                                const char  *kind,
                                const char  *id,
                                const char  *remote_id,
                                const char  *synced,
                                GError     **error)
{
  const char *action = _("record what Meta holds");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (remote_id != NULL, FALSE);

  if (!check_json_object (synced, _("what Meta holds"), error))
    return FALSE;

  return update_ad_object (self, kind, id,
                           "remote_id = ?2, synced = json (?3), conflict = NULL",
                           remote_id, synced, action, error);
}

gboolean
hd_store_set_ad_object_conflict (HdStore     *self,
                                 const char  *kind,
                                 const char  *id,
                                 const char  *conflict,
                                 GError      **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!check_json_object (conflict, _("the changes made on Meta"), error))
    return FALSE;

  return update_ad_object (self, kind, id, "conflict = json (?2)",
                           conflict, NULL, _("record the changes made on Meta"), error);
}

gboolean
hd_store_clear_ad_object_conflict (HdStore     *self,
                                   const char  *kind,
                                   const char  *id,
                                   GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return update_ad_object (self, kind, id, "conflict = NULL",
                           NULL, NULL, _("settle the changes made on Meta"), error);
}

void
hd_ad_conflict_free (HdAdConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->kind);
  g_free (conflict->id);
  g_free (conflict->name);
  g_free (conflict->conflict);
  g_free (conflict);
}

static gpointer
ad_conflict_from_row (sqlite3_stmt *stmt)
{
  HdAdConflict *conflict = g_new0 (HdAdConflict, 1);

  conflict->kind = g_strdup (_hd_column_text (stmt, 0));
  conflict->id = g_strdup (_hd_column_text (stmt, 1));
  conflict->name = g_strdup (_hd_column_text (stmt, 2));
  conflict->conflict = g_strdup (_hd_column_text (stmt, 3));

  return conflict;
}

/**
 * hd_store_list_ad_conflicts:
 *
 * Returns: (transfer full) (element-type HdAdConflict): the objects in conflict
 */
GPtrArray *
hd_store_list_ad_conflicts (HdStore  *self,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("list the changes made on Meta");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  stmt = _hd_store_prepare (self,
                            "SELECT kind, id, name, conflict FROM ("
                            " SELECT 0 AS rank, 'campaign' AS kind, id, name, conflict"
                            "  FROM campaigns WHERE conflict IS NOT NULL"
                            " UNION ALL SELECT 1, 'ad-set', id, name, conflict"
                            "  FROM ad_sets WHERE conflict IS NOT NULL"
                            " UNION ALL SELECT 2, 'ad', id, name, conflict"
                            "  FROM ads WHERE conflict IS NOT NULL)"
                            " ORDER BY rank, name COLLATE NOCASE, id",
                            action, error);
  if (stmt == NULL)
    return NULL;

  return _hd_store_collect_rows (self, stmt, ad_conflict_from_row,
                                 (GDestroyNotify) hd_ad_conflict_free, action, error);
}

gint64
hd_store_daily_insight_instant (const char  *day,
                                GError     **error)
{
  int year = 0, month = 0, mday = 0;
  char end = '\0';
  g_autoptr(GDateTime) midnight = NULL;

  if (day == NULL || strlen (day) != 10 ||
      sscanf (day, "%4d-%2d-%2d%c", &year, &month, &mday, &end) != 3 ||
      !g_date_valid_dmy (mday, month, year) || year < 1970)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not read the day “%s” of the results; Meta writes days as "
                     "YYYY-MM-DD. Fetch the results again."), day ? day : "");
      return 0;
    }

  midnight = g_date_time_new_utc (year, month, mday, 0, 0, 0);

  return g_date_time_to_unix (midnight);
}

static gboolean
check_insight_subject (HdMetricSubject   subject,
                       GError          **error)
{
  if (subject == HD_METRIC_SUBJECT_CAMPAIGN || subject == HD_METRIC_SUBJECT_AD_SET ||
      subject == HD_METRIC_SUBJECT_AD)
    return TRUE;

  g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
               _("Herald keeps daily ad results only for campaigns, ad sets and ads."));
  return FALSE;
}

gboolean
hd_store_put_daily_insight (HdStore          *self,
                            HdMetricSubject   subject,
                            const char       *subject_id,
                            const char       *channel_id,
                            const char       *day,
                            const char       *name,
                            gint64            value,
                            GError          **error)
{
  g_autoptr(sqlite3_stmt) remove = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  const char *action = _("record the campaign results");
  gint64 instant;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (subject_id != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!check_insight_subject (subject, error))
    return FALSE;
  instant = hd_store_daily_insight_instant (day, error);
  if (instant == 0 && !g_str_equal (day, "1970-01-01"))
    return FALSE;

  remove = _hd_store_prepare (self,
                              "DELETE FROM metrics WHERE subject_kind = ?1 AND subject_id = ?2"
                              " AND name = ?3 AND measured_at = ?4",
                              action, error);
  insert = remove == NULL ? NULL
    : _hd_store_prepare (self,
                         "INSERT INTO metrics"
                         " (subject_kind, subject_id, channel_id, name, value, measured_at)"
                         " VALUES (?1, ?2, ?5, ?3, ?6, ?4)",
                         action, error);
  if (insert == NULL)
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      sqlite3_stmt *stmt = i == 0 ? remove : insert;

      _hd_bind_enum (stmt, 1, HD_TYPE_METRIC_SUBJECT, subject);
      _hd_bind_text (stmt, 2, subject_id);
      _hd_bind_text (stmt, 3, name);
      sqlite3_bind_int64 (stmt, 4, instant);
    }
  _hd_bind_text (insert, 5, channel_id);
  sqlite3_bind_int64 (insert, 6, value);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!_hd_store_step (self, remove, action, error) ||
      !_hd_store_step (self, insert, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_METRICS);

  return hd_store_commit (self, error);
}

/**
 * hd_store_list_daily_insights:
 *
 * Returns: (transfer full): a list of HdMetric that follows the store
 */
GListModel *
hd_store_list_daily_insights (HdStore          *self,
                              HdMetricSubject   subject,
                              const char       *subject_id,
                              const char       *name,
                              const char       *first_day,
                              const char       *last_day,
                              GError          **error)
{
  gint64 from, to;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (subject_id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!check_insight_subject (subject, error))
    return NULL;
  if ((from = hd_store_daily_insight_instant (first_day, error)) == 0 && error && *error)
    return NULL;
  if ((to = hd_store_daily_insight_instant (last_day, error)) == 0 && error && *error)
    return NULL;

  return hd_store_list_metrics (self, subject, subject_id, name, from, to + SECONDS_PER_DAY,
                                error);
}

/* Reading back and answering conflicts */

void
hd_ad_object_ref_free (HdAdObjectRef *ref)
{
  if (ref == NULL)
    return;

  g_free (ref->kind);
  g_free (ref->id);
  g_free (ref->name);
  g_free (ref->remote_id);
  g_free (ref->channel_id);
  g_free (ref->currency);
  g_free (ref->time_zone);
  g_free (ref->synced);
  g_free (ref->conflict);
  g_free (ref);
}

static gpointer
ad_object_ref_from_row (sqlite3_stmt *stmt)
{
  HdAdObjectRef *ref = g_new0 (HdAdObjectRef, 1);

  ref->kind = g_strdup (_hd_column_text (stmt, 0));
  ref->id = g_strdup (_hd_column_text (stmt, 1));
  ref->name = g_strdup (_hd_column_text (stmt, 2));
  ref->remote_id = g_strdup (_hd_column_text (stmt, 3));
  ref->channel_id = g_strdup (_hd_column_text (stmt, 4));
  ref->currency = g_strdup (_hd_column_text (stmt, 5));
  ref->time_zone = g_strdup (_hd_column_text (stmt, 6));
  ref->synced = g_strdup (_hd_column_text (stmt, 7));
  ref->conflict = g_strdup (_hd_column_text (stmt, 8));
  ref->starts_at = sqlite3_column_int64 (stmt, 9);

  return ref;
}

/**
 * hd_store_list_ad_objects_on_meta:
 *
 * Returns: (transfer full) (element-type HdAdObjectRef): the objects
 */
GPtrArray *
hd_store_list_ad_objects_on_meta (HdStore  *self,
                                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("list the campaigns Meta has");

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  stmt = _hd_store_prepare (self,
                            "SELECT kind, id, name, remote_id, channel_id, currency, time_zone,"
                            "  synced, conflict, starts_at FROM ("
                            " SELECT 0 AS rank, 'campaign' AS kind, c.id, c.name, c.remote_id,"
                            "  a.channel_id, a.currency, a.time_zone, c.synced, c.conflict,"
                            "  coalesce ((SELECT min (s.starts_at) FROM ad_sets s"
                            "             WHERE s.campaign_id = c.id), c.created_at)"
                            "   AS starts_at, c.created_at AS made"
                            "  FROM campaigns c JOIN ad_accounts a ON a.id = c.account_id"
                            "  JOIN channels ch ON ch.id = a.channel_id"
                            "  WHERE c.remote_id IS NOT NULL AND ch.state = 'connected'"
                            " UNION ALL"
                            " SELECT 1, 'ad-set', s.id, s.name, s.remote_id, a.channel_id,"
                            "  a.currency, a.time_zone, s.synced, s.conflict,"
                            "  coalesce (s.starts_at, s.created_at), s.created_at"
                            "  FROM ad_sets s JOIN campaigns c ON c.id = s.campaign_id"
                            "  JOIN ad_accounts a ON a.id = c.account_id"
                            "  JOIN channels ch ON ch.id = a.channel_id"
                            "  WHERE s.remote_id IS NOT NULL AND ch.state = 'connected'"
                            " UNION ALL"
                            " SELECT 2, 'ad', d.id, d.name, d.remote_id, a.channel_id,"
                            "  a.currency, a.time_zone, d.synced, d.conflict, d.created_at,"
                            "  d.created_at"
                            "  FROM ads d JOIN ad_sets s ON s.id = d.ad_set_id"
                            "  JOIN campaigns c ON c.id = s.campaign_id"
                            "  JOIN ad_accounts a ON a.id = c.account_id"
                            "  JOIN channels ch ON ch.id = a.channel_id"
                            "  WHERE d.remote_id IS NOT NULL AND ch.state = 'connected')"
                            " ORDER BY rank, made, id",
                            action, error);
  if (stmt == NULL)
    return NULL;

  return _hd_store_collect_rows (self, stmt, ad_object_ref_from_row,
                                 (GDestroyNotify) hd_ad_object_ref_free, action, error);
}

/* What Meta holds now: what it last confirmed, with the fields changed on Meta over it. */
static JsonObject *
meta_holds_now (HdStore     *self,
                const char  *table,
                const char  *id,
                JsonObject **conflict_out,
                GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT synced, conflict FROM ", table, " WHERE id = ?1",
                                      NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) synced = NULL;
  g_autoptr(JsonNode) conflict = NULL;
  const char *action = _("settle the changes made on Meta");
  JsonObject *merged;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  int rc;

  stmt = _hd_store_prepare (self, sql, action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("Herald could not find it any more. It may have been deleted in another "
                     "window."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _hd_store_set_error (self, error, rc, action);
      return NULL;
    }

  synced = parse_json (_hd_column_text (stmt, 0));
  conflict = parse_json (_hd_column_text (stmt, 1));
  if (conflict == NULL || !JSON_NODE_HOLDS_OBJECT (conflict))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Nothing was changed on Meta, so there is nothing to settle."));
      return NULL;
    }

  merged = json_object_new ();
  if (synced != NULL && JSON_NODE_HOLDS_OBJECT (synced))
    {
      json_object_iter_init (&iter, json_node_get_object (synced));
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (merged, name, json_node_copy (value));
    }
  json_object_iter_init (&iter, json_node_get_object (conflict));
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (merged, name, json_node_copy (value));

  *conflict_out = json_object_ref (json_node_get_object (conflict));

  return merged;
}

static gboolean
write_settled (HdStore     *self,
               const char  *kind,
               const char  *id,
               JsonObject  *synced,
               GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), synced);
  g_autofree char *text = json_to_string (node, FALSE);

  return update_ad_object (self, kind, id, "synced = json (?2), conflict = NULL", text, NULL,
                           _("settle the changes made on Meta"), error);
}

gboolean
hd_store_keep_mine_ad_object (HdStore     *self,
                              const char  *kind,
                              const char  *id,
                              GError     **error)
{
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) conflict = NULL;
  const char *table;
  gboolean queued;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if ((table = table_for (kind, error)) == NULL)
    return FALSE;

  if (!hd_store_begin (self, error))
    return FALSE;

  merged = meta_holds_now (self, table, id, &conflict, error);
  if (merged == NULL || !write_settled (self, kind, id, merged, error))
    goto failed;

  /* Saved as it is, the object is queued: its update sends what now differs from Meta. */
  if (g_str_equal (kind, HD_OUTBOX_SUBJECT_CAMPAIGN))
    {
      g_autoptr(HdCampaign) campaign = hd_store_load_campaign (self, id, error);

      queued = campaign != NULL && hd_store_save_campaign_queued (self, campaign, error);
    }
  else if (g_str_equal (kind, HD_OUTBOX_SUBJECT_AD_SET))
    {
      g_autoptr(HdAdSet) ad_set = hd_store_load_ad_set (self, id, error);

      queued = ad_set != NULL && hd_store_save_ad_set_queued (self, ad_set, error);
    }
  else
    {
      g_autoptr(HdAd) ad = hd_store_load_ad (self, id, error);

      queued = ad != NULL && hd_store_save_ad_queued (self, ad, error);
    }
  if (!queued)
    goto failed;

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}

static HdAdStatus
status_from_meta (const char *status,
                  HdAdStatus  fallback)
{
  if (g_strcmp0 (status, "ACTIVE") == 0)
    return HD_AD_STATUS_ACTIVE;
  if (g_strcmp0 (status, "PAUSED") == 0)
    return HD_AD_STATUS_PAUSED;
  if (g_strcmp0 (status, "ARCHIVED") == 0)
    return HD_AD_STATUS_ARCHIVED;

  return fallback;
}

/* Meta sends budgets as strings of minor units, and numbers where Herald sent them so. */
static gboolean
read_minor_units (JsonNode *node,
                  gint64   *value)
{
  const char *text;
  char *end = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return *value >= 0;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  text = json_node_get_string (node);
  *value = g_ascii_strtoll (text, &end, 10);

  return end != text && *end == '\0' && *value >= 0;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static void
apply_to_ad_set (HdAdSet    *ad_set,
                 JsonObject *theirs)
{
  const char *end_time = member_string (theirs, "end_time");
  gint64 minor;

  if (member_string (theirs, "name") != NULL)
    hd_ad_set_set_name (ad_set, member_string (theirs, "name"));
  hd_ad_set_set_status (ad_set, status_from_meta (member_string (theirs, "status"),
                                                  hd_ad_set_get_status (ad_set)));
  if (read_minor_units (json_object_get_member (theirs, "daily_budget"), &minor) && minor > 0)
    {
      hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_DAILY);
      hd_ad_set_set_budget_minor (ad_set, minor);
    }
  if (read_minor_units (json_object_get_member (theirs, "lifetime_budget"), &minor) && minor > 0)
    {
      hd_ad_set_set_budget_kind (ad_set, HD_BUDGET_KIND_LIFETIME);
      hd_ad_set_set_budget_minor (ad_set, minor);
    }
  if (end_time != NULL)
    {
      g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 (end_time, NULL);

      if (end != NULL)
        hd_ad_set_set_ends_at (ad_set, g_date_time_to_unix (end));
    }
}

gboolean
hd_store_take_theirs_ad_object (HdStore     *self,
                                const char  *kind,
                                const char  *id,
                                GError     **error)
{
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  const char *table;
  gboolean saved;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if ((table = table_for (kind, error)) == NULL)
    return FALSE;

  if (!hd_store_begin (self, error))
    return FALSE;

  merged = meta_holds_now (self, table, id, &theirs, error);
  if (merged == NULL)
    goto failed;

  if (g_str_equal (kind, HD_OUTBOX_SUBJECT_CAMPAIGN))
    {
      g_autoptr(HdCampaign) campaign = hd_store_load_campaign (self, id, error);

      if (campaign != NULL)
        {
          if (member_string (theirs, "name") != NULL)
            hd_campaign_set_name (campaign, member_string (theirs, "name"));
          hd_campaign_set_status (campaign,
                                  status_from_meta (member_string (theirs, "status"),
                                                    hd_campaign_get_status (campaign)));
        }
      saved = campaign != NULL && hd_store_save_campaign (self, campaign, error);
    }
  else if (g_str_equal (kind, HD_OUTBOX_SUBJECT_AD_SET))
    {
      g_autoptr(HdAdSet) ad_set = hd_store_load_ad_set (self, id, error);

      if (ad_set != NULL)
        apply_to_ad_set (ad_set, theirs);
      saved = ad_set != NULL && hd_store_save_ad_set (self, ad_set, error);
    }
  else
    {
      g_autoptr(HdAd) ad = hd_store_load_ad (self, id, error);

      if (ad != NULL)
        {
          if (member_string (theirs, "name") != NULL)
            hd_ad_set_name (ad, member_string (theirs, "name"));
          hd_ad_set_status (ad, status_from_meta (member_string (theirs, "status"),
                                                  hd_ad_get_status (ad)));
        }
      saved = ad != NULL && hd_store_save_ad (self, ad, error);
    }

  if (!saved || !write_settled (self, kind, id, merged, error))
    goto failed;

  return hd_store_commit (self, error);

failed:
  hd_store_rollback (self);
  return FALSE;
}
