/* hd-store-campaigns.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-core-enums.h"
#include "hd-ad.h"
#include "hd-ad-set.h"
#include "hd-campaign.h"
#include "hd-store-audiences.h"
#include "hd-store-private.h"

#define CAMPAIGN_COLUMNS \
  "id, ad_account_id, name, objective, special_ad_categories, status, bid_strategy," \
  " remote_id, created_at, updated_at, account_id, synced, conflict"

static gpointer
campaign_from_row (sqlite3_stmt *stmt)
{
  HdCampaign *campaign = hd_campaign_new ();

  hd_campaign_set_id (campaign, _hd_column_text (stmt, 0));
  hd_campaign_set_ad_account_id (campaign, _hd_column_text (stmt, 1));
  hd_campaign_set_name (campaign, _hd_column_text (stmt, 2));
  hd_campaign_set_objective (campaign, _hd_column_text (stmt, 3));
  hd_campaign_set_special_ad_categories (campaign, _hd_column_text (stmt, 4));
  hd_campaign_set_status (campaign, _hd_column_enum (stmt, 5, HD_TYPE_AD_STATUS));
  hd_campaign_set_bid_strategy (campaign, _hd_column_text (stmt, 6));
  hd_campaign_set_remote_id (campaign, _hd_column_text (stmt, 7));
  hd_campaign_set_created_at (campaign, sqlite3_column_int64 (stmt, 8));
  hd_campaign_set_updated_at (campaign, sqlite3_column_int64 (stmt, 9));
  hd_campaign_set_account_id (campaign, _hd_column_text (stmt, 10));
  hd_campaign_set_synced (campaign, _hd_column_text (stmt, 11));
  hd_campaign_set_conflict (campaign, _hd_column_text (stmt, 12));

  return campaign;
}

/* What Meta's answers and the sender own is never taken from the caller: a save from an editor
 * opened before the object was sent must not forget its remote id (the next send would create
 * it twice) nor what Meta confirmed. Both are read back into the object instead. */
static gboolean
read_back_sync_state (HdStore     *self,
                      const char  *table_sql,
                      const char  *id,
                      char       **remote_id,
                      char       **synced,
                      char       **conflict,
                      const char  *action,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _hd_store_prepare (self, table_sql, action, error);

  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, id);
  if (!_hd_store_step (self, stmt, action, error))
    return FALSE;

  *remote_id = g_strdup (_hd_column_text (stmt, 0));
  *synced = g_strdup (_hd_column_text (stmt, 1));
  *conflict = g_strdup (_hd_column_text (stmt, 2));

  return TRUE;
}

/* The campaign's account: account_id when set, else the fetched account whose "act_…" id the
 * campaign names (an import names accounts that way). Fills @ad_account_id with the
 * account's "act_…" id. */
static gboolean
resolve_campaign_account (HdStore     *self,
                          HdCampaign  *campaign,
                          char       **account_id,
                          char       **ad_account_id,
                          const char  *action,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *wanted = hd_campaign_get_account_id (campaign);
  int rc;

  stmt = _hd_store_prepare (self,
                            "SELECT id, remote_id FROM ad_accounts"
                            " WHERE (?1 IS NOT NULL AND id = ?1)"
                            "  OR (?1 IS NULL AND remote_id = ?2)"
                            " ORDER BY fetched_at DESC, id LIMIT 1",
                            action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, wanted);
  _hd_bind_text (stmt, 2, hd_campaign_get_ad_account_id (campaign));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *account_id = g_strdup (_hd_column_text (stmt, 0));
      *ad_account_id = g_strdup (_hd_column_text (stmt, 1));
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }
  if (wanted != NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not save the campaign because its ad account is no longer "
                     "reachable. Choose the ad account it should run on."));
      return FALSE;
    }

  *account_id = NULL;
  *ad_account_id = g_strdup (hd_campaign_get_ad_account_id (campaign));

  return TRUE;
}

static gboolean
write_campaign (HdStore     *self,
                HdCampaign  *campaign,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *ad_account_id = NULL;
  g_autofree char *remote_id = NULL;
  g_autofree char *synced = NULL;
  g_autofree char *conflict = NULL;
  const char *action = _("save the campaign");
  gint64 now = _hd_store_now ();
  gint64 created_at;

  if (!resolve_campaign_account (self, campaign, &account_id, &ad_account_id, action, error))
    return FALSE;

  stmt = _hd_store_prepare (self,
                            "INSERT INTO campaigns (" CAMPAIGN_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULL, NULL)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            " ad_account_id = excluded.ad_account_id, name = excluded.name,"
                            " objective = excluded.objective,"
                            " special_ad_categories = excluded.special_ad_categories,"
                            " status = excluded.status, bid_strategy = excluded.bid_strategy,"
                            " remote_id = coalesce (excluded.remote_id, campaigns.remote_id),"
                            " updated_at = excluded.updated_at, account_id = excluded.account_id",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_campaign_get_id (campaign));
  _hd_bind_text (stmt, 2, ad_account_id);
  _hd_bind_text (stmt, 3, hd_campaign_get_name (campaign));
  _hd_bind_text (stmt, 4, hd_campaign_get_objective (campaign));
  _hd_bind_text (stmt, 5, hd_campaign_get_special_ad_categories (campaign));
  _hd_bind_enum (stmt, 6, HD_TYPE_AD_STATUS, hd_campaign_get_status (campaign));
  _hd_bind_text (stmt, 7, hd_campaign_get_bid_strategy (campaign));
  _hd_bind_text (stmt, 8, hd_campaign_get_remote_id (campaign));
  created_at = hd_campaign_get_created_at (campaign);
  if (created_at == 0)
    created_at = now;
  sqlite3_bind_int64 (stmt, 9, created_at);
  sqlite3_bind_int64 (stmt, 10, now);
  _hd_bind_text (stmt, 11, account_id);

  if (!_hd_store_step (self, stmt, action, error) ||
      !read_back_sync_state (self,
                             "SELECT remote_id, synced, conflict FROM campaigns WHERE id = ?1",
                             hd_campaign_get_id (campaign), &remote_id, &synced, &conflict,
                             action, error))
    return FALSE;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_CAMPAIGNS);
  hd_campaign_set_account_id (campaign, account_id);
  hd_campaign_set_ad_account_id (campaign, ad_account_id);
  hd_campaign_set_remote_id (campaign, remote_id);
  hd_campaign_set_synced (campaign, synced);
  hd_campaign_set_conflict (campaign, conflict);
  hd_campaign_set_created_at (campaign, created_at);
  hd_campaign_set_updated_at (campaign, now);

  return TRUE;
}

gboolean
hd_store_save_campaign (HdStore     *self,
                        HdCampaign  *campaign,
                        GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!write_campaign (self, campaign, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  return hd_store_commit (self, error);
}

/**
 * hd_store_load_campaign:
 *
 * Returns: (transfer full): the campaign, or %NULL with HD_STORE_ERROR_NOT_FOUND
 */
HdCampaign *
hd_store_load_campaign (HdStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _hd_store_load_row (self, "SELECT " CAMPAIGN_COLUMNS " FROM campaigns WHERE id = ?1", id,
                             campaign_from_row, _("load the campaign"),
                             _("Herald could not find the campaign any more. It may have been "
                               "deleted in another window; reload the page to see what is there "
                               "now."),
                             error);
}

gboolean
hd_store_delete_campaign (HdStore     *self,
                          const char  *id,
                          GError     **error)
{
  static const char * const families[] = { "campaigns", "ad-sets", "ads", "posts", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _hd_store_delete_row (self, "DELETE FROM campaigns WHERE id = ?1", id, families,
                               _("delete the campaign"), NULL, error);
}

/**
 * hd_store_list_campaigns:
 *
 * Returns: (transfer full): a list of HdCampaign that follows the store
 */
GListModel *
hd_store_list_campaigns (HdStore  *self,
                         GError  **error)
{
  static const char * const families[] = { "campaigns", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_rows (self, HD_TYPE_CAMPAIGN, families,
                              "SELECT " CAMPAIGN_COLUMNS " FROM campaigns"
                              " ORDER BY created_at DESC, id",
                              NULL, campaign_from_row, _("list the campaigns"), error);
}

#define AD_SET_COLUMNS \
  "id, campaign_id, name, budget_kind, budget_minor, currency, starts_at, ends_at," \
  " time_zone, optimization_goal, billing_event, audience_id, placements, dayparting," \
  " status, remote_id, created_at, updated_at, bid_amount, destination_type, synced, conflict"

static gpointer
ad_set_from_row (sqlite3_stmt *stmt)
{
  HdAdSet *ad_set = hd_ad_set_new ();

  hd_ad_set_set_id (ad_set, _hd_column_text (stmt, 0));
  hd_ad_set_set_campaign_id (ad_set, _hd_column_text (stmt, 1));
  hd_ad_set_set_name (ad_set, _hd_column_text (stmt, 2));
  hd_ad_set_set_budget_kind (ad_set, _hd_column_enum (stmt, 3, HD_TYPE_BUDGET_KIND));
  hd_ad_set_set_budget_minor (ad_set, sqlite3_column_int64 (stmt, 4));
  hd_ad_set_set_currency (ad_set, _hd_column_text (stmt, 5));
  hd_ad_set_set_starts_at (ad_set, sqlite3_column_int64 (stmt, 6));
  hd_ad_set_set_ends_at (ad_set, sqlite3_column_int64 (stmt, 7));
  hd_ad_set_set_time_zone (ad_set, _hd_column_text (stmt, 8));
  hd_ad_set_set_optimization_goal (ad_set, _hd_column_text (stmt, 9));
  hd_ad_set_set_billing_event (ad_set, _hd_column_text (stmt, 10));
  hd_ad_set_set_audience_id (ad_set, _hd_column_text (stmt, 11));
  hd_ad_set_set_placements (ad_set, _hd_column_text (stmt, 12));
  hd_ad_set_set_dayparting (ad_set, _hd_column_text (stmt, 13));
  hd_ad_set_set_status (ad_set, _hd_column_enum (stmt, 14, HD_TYPE_AD_STATUS));
  hd_ad_set_set_remote_id (ad_set, _hd_column_text (stmt, 15));
  hd_ad_set_set_created_at (ad_set, sqlite3_column_int64 (stmt, 16));
  hd_ad_set_set_updated_at (ad_set, sqlite3_column_int64 (stmt, 17));
  hd_ad_set_set_bid_amount (ad_set, sqlite3_column_int64 (stmt, 18));
  hd_ad_set_set_destination_type (ad_set, _hd_column_text (stmt, 19));
  hd_ad_set_set_synced (ad_set, _hd_column_text (stmt, 20));
  hd_ad_set_set_conflict (ad_set, _hd_column_text (stmt, 21));

  return ad_set;
}

static gboolean
write_ad_set (HdStore  *self,
              HdAdSet  *ad_set,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *remote_id = NULL;
  g_autofree char *synced = NULL;
  g_autofree char *conflict = NULL;
  const char *action = _("save the ad set");
  gint64 now = _hd_store_now ();
  gint64 created_at;

  if (hd_ad_set_get_currency (ad_set) == NULL ||
      strlen (hd_ad_set_get_currency (ad_set)) != 3)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not save the ad set because its budget has no currency. "
                     "Choose the currency of the ad account, such as GBP or EUR."));
      return FALSE;
    }

  stmt = _hd_store_prepare (self,
                            "INSERT INTO ad_sets (" AD_SET_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                            "  ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, NULL, NULL)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            " campaign_id = excluded.campaign_id, name = excluded.name,"
                            " budget_kind = excluded.budget_kind,"
                            " budget_minor = excluded.budget_minor, currency = excluded.currency,"
                            " starts_at = excluded.starts_at, ends_at = excluded.ends_at,"
                            " time_zone = excluded.time_zone,"
                            " optimization_goal = excluded.optimization_goal,"
                            " billing_event = excluded.billing_event,"
                            " audience_id = excluded.audience_id, placements = excluded.placements,"
                            " dayparting = excluded.dayparting, status = excluded.status,"
                            " remote_id = coalesce (excluded.remote_id, ad_sets.remote_id),"
                            " updated_at = excluded.updated_at,"
                            " bid_amount = excluded.bid_amount,"
                            " destination_type = excluded.destination_type",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_ad_set_get_id (ad_set));
  _hd_bind_text (stmt, 2, hd_ad_set_get_campaign_id (ad_set));
  _hd_bind_text (stmt, 3, hd_ad_set_get_name (ad_set));
  _hd_bind_enum (stmt, 4, HD_TYPE_BUDGET_KIND, hd_ad_set_get_budget_kind (ad_set));
  sqlite3_bind_int64 (stmt, 5, hd_ad_set_get_budget_minor (ad_set));
  _hd_bind_text (stmt, 6, hd_ad_set_get_currency (ad_set));
  _hd_bind_instant (stmt, 7, hd_ad_set_get_starts_at (ad_set));
  _hd_bind_instant (stmt, 8, hd_ad_set_get_ends_at (ad_set));
  _hd_bind_text (stmt, 9, hd_ad_set_get_time_zone (ad_set));
  _hd_bind_text (stmt, 10, hd_ad_set_get_optimization_goal (ad_set));
  _hd_bind_text (stmt, 11, hd_ad_set_get_billing_event (ad_set));
  _hd_bind_text (stmt, 12, hd_ad_set_get_audience_id (ad_set));
  _hd_bind_text (stmt, 13, hd_ad_set_get_placements (ad_set));
  _hd_bind_text (stmt, 14, hd_ad_set_get_dayparting (ad_set));
  _hd_bind_enum (stmt, 15, HD_TYPE_AD_STATUS, hd_ad_set_get_status (ad_set));
  _hd_bind_text (stmt, 16, hd_ad_set_get_remote_id (ad_set));
  created_at = hd_ad_set_get_created_at (ad_set);
  if (created_at == 0)
    created_at = now;
  sqlite3_bind_int64 (stmt, 17, created_at);
  sqlite3_bind_int64 (stmt, 18, now);
  /* No bid is NULL, not a bid of nothing. */
  _hd_bind_instant (stmt, 19, hd_ad_set_get_bid_amount (ad_set));
  _hd_bind_text (stmt, 20, hd_ad_set_get_destination_type (ad_set));

  if (!_hd_store_step (self, stmt, action, error) ||
      !read_back_sync_state (self,
                             "SELECT remote_id, synced, conflict FROM ad_sets WHERE id = ?1",
                             hd_ad_set_get_id (ad_set), &remote_id, &synced, &conflict,
                             action, error))
    return FALSE;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_AD_SETS);
  hd_ad_set_set_remote_id (ad_set, remote_id);
  hd_ad_set_set_synced (ad_set, synced);
  hd_ad_set_set_conflict (ad_set, conflict);
  hd_ad_set_set_created_at (ad_set, created_at);
  hd_ad_set_set_updated_at (ad_set, now);

  return TRUE;
}

gboolean
hd_store_save_ad_set (HdStore  *self,
                      HdAdSet  *ad_set,
                      GError  **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_AD_SET (ad_set), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!write_ad_set (self, ad_set, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  return hd_store_commit (self, error);
}

/**
 * hd_store_load_ad_set:
 *
 * Returns: (transfer full): the ad set, or %NULL with HD_STORE_ERROR_NOT_FOUND
 */
HdAdSet *
hd_store_load_ad_set (HdStore     *self,
                      const char  *id,
                      GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _hd_store_load_row (self, "SELECT " AD_SET_COLUMNS " FROM ad_sets WHERE id = ?1", id,
                             ad_set_from_row, _("load the ad set"),
                             _("Herald could not find the ad set any more. It may have been "
                               "deleted in another window; reload the page to see what is there "
                               "now."),
                             error);
}

gboolean
hd_store_delete_ad_set (HdStore     *self,
                        const char  *id,
                        GError     **error)
{
  static const char * const families[] = { "ad-sets", "ads", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _hd_store_delete_row (self, "DELETE FROM ad_sets WHERE id = ?1", id, families,
                               _("delete the ad set"), NULL, error);
}

/**
 * hd_store_list_ad_sets:
 *
 * Returns: (transfer full): a list of HdAdSet that follows the store
 */
GListModel *
hd_store_list_ad_sets (HdStore     *self,
                       const char  *campaign_id,
                       GError     **error)
{
  static const char * const families[] = { "ad-sets", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_rows (self, HD_TYPE_AD_SET, families,
                              "SELECT " AD_SET_COLUMNS " FROM ad_sets"
                              " WHERE (?1 IS NULL OR campaign_id = ?1)"
                              " ORDER BY coalesce (starts_at, created_at), id",
                              campaign_id, ad_set_from_row, _("list the ad sets"), error);
}

#define AD_COLUMNS \
  "id, ad_set_id, post_id, name, headline, link, call_to_action, status, remote_id," \
  " created_at, updated_at, body, image_sha256, page_remote_id, creative_remote_id, synced," \
  " conflict"

static gpointer
ad_from_row (sqlite3_stmt *stmt)
{
  HdAd *ad = hd_ad_new ();

  hd_ad_set_id (ad, _hd_column_text (stmt, 0));
  hd_ad_set_ad_set_id (ad, _hd_column_text (stmt, 1));
  hd_ad_set_post_id (ad, _hd_column_text (stmt, 2));
  hd_ad_set_name (ad, _hd_column_text (stmt, 3));
  hd_ad_set_headline (ad, _hd_column_text (stmt, 4));
  hd_ad_set_link (ad, _hd_column_text (stmt, 5));
  hd_ad_set_call_to_action (ad, _hd_column_text (stmt, 6));
  hd_ad_set_status (ad, _hd_column_enum (stmt, 7, HD_TYPE_AD_STATUS));
  hd_ad_set_remote_id (ad, _hd_column_text (stmt, 8));
  hd_ad_set_created_at (ad, sqlite3_column_int64 (stmt, 9));
  hd_ad_set_updated_at (ad, sqlite3_column_int64 (stmt, 10));
  hd_ad_set_body (ad, _hd_column_text (stmt, 11));
  hd_ad_set_image_sha256 (ad, _hd_column_text (stmt, 12));
  hd_ad_set_page_remote_id (ad, _hd_column_text (stmt, 13));
  hd_ad_set_creative_remote_id (ad, _hd_column_text (stmt, 14));
  hd_ad_set_synced (ad, _hd_column_text (stmt, 15));
  hd_ad_set_conflict (ad, _hd_column_text (stmt, 16));

  return ad;
}

static gboolean
write_ad (HdStore  *self,
          HdAd     *ad,
          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *remote_id = NULL;
  g_autofree char *synced = NULL;
  g_autofree char *conflict = NULL;
  g_autofree char *creative_remote_id = NULL;
  const char *action = _("save the ad");
  gint64 now = _hd_store_now ();
  gint64 created_at;

  stmt = _hd_store_prepare (self,
                            "INSERT INTO ads (" AD_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                            "  ?15, NULL, NULL)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            " ad_set_id = excluded.ad_set_id, post_id = excluded.post_id,"
                            " name = excluded.name, headline = excluded.headline,"
                            " link = excluded.link, call_to_action = excluded.call_to_action,"
                            " status = excluded.status,"
                            " remote_id = coalesce (excluded.remote_id, ads.remote_id),"
                            " updated_at = excluded.updated_at, body = excluded.body,"
                            " image_sha256 = excluded.image_sha256,"
                            " page_remote_id = excluded.page_remote_id,"
                            " creative_remote_id = coalesce (excluded.creative_remote_id,"
                            "                                ads.creative_remote_id)",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_ad_get_id (ad));
  _hd_bind_text (stmt, 2, hd_ad_get_ad_set_id (ad));
  _hd_bind_text (stmt, 3, hd_ad_get_post_id (ad));
  _hd_bind_text (stmt, 4, hd_ad_get_name (ad));
  _hd_bind_text (stmt, 5, hd_ad_get_headline (ad));
  _hd_bind_text (stmt, 6, hd_ad_get_link (ad));
  _hd_bind_text (stmt, 7, hd_ad_get_call_to_action (ad));
  _hd_bind_enum (stmt, 8, HD_TYPE_AD_STATUS, hd_ad_get_status (ad));
  _hd_bind_text (stmt, 9, hd_ad_get_remote_id (ad));
  created_at = hd_ad_get_created_at (ad);
  if (created_at == 0)
    created_at = now;
  sqlite3_bind_int64 (stmt, 10, created_at);
  sqlite3_bind_int64 (stmt, 11, now);
  _hd_bind_text (stmt, 12, hd_ad_get_body (ad));
  _hd_bind_text (stmt, 13, hd_ad_get_image_sha256 (ad));
  _hd_bind_text (stmt, 14, hd_ad_get_page_remote_id (ad));
  _hd_bind_text (stmt, 15, hd_ad_get_creative_remote_id (ad));

  if (!_hd_store_step (self, stmt, action, error) ||
      !read_back_sync_state (self,
                             "SELECT remote_id, synced, conflict FROM ads WHERE id = ?1",
                             hd_ad_get_id (ad), &remote_id, &synced, &conflict,
                             action, error))
    return FALSE;

  {
    g_autoptr(sqlite3_stmt) creative = NULL;

    creative = _hd_store_prepare (self, "SELECT creative_remote_id FROM ads WHERE id = ?1",
                                  action, error);
    if (creative == NULL)
      return FALSE;
    _hd_bind_text (creative, 1, hd_ad_get_id (ad));
    if (!_hd_store_step (self, creative, action, error))
      return FALSE;
    creative_remote_id = g_strdup (_hd_column_text (creative, 0));
  }

  _hd_store_mark_changed (self, HD_STORE_FAMILY_ADS);
  hd_ad_set_remote_id (ad, remote_id);
  hd_ad_set_creative_remote_id (ad, creative_remote_id);
  hd_ad_set_synced (ad, synced);
  hd_ad_set_conflict (ad, conflict);
  hd_ad_set_created_at (ad, created_at);
  hd_ad_set_updated_at (ad, now);

  return TRUE;
}

gboolean
hd_store_save_ad (HdStore  *self,
                  HdAd     *ad,
                  GError  **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_AD (ad), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!write_ad (self, ad, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  return hd_store_commit (self, error);
}

/**
 * hd_store_load_ad:
 *
 * Returns: (transfer full): the ad, or %NULL with HD_STORE_ERROR_NOT_FOUND
 */
HdAd *
hd_store_load_ad (HdStore     *self,
                  const char  *id,
                  GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _hd_store_load_row (self, "SELECT " AD_COLUMNS " FROM ads WHERE id = ?1", id,
                             ad_from_row, _("load the ad"),
                             _("Herald could not find the ad any more. It may have been deleted "
                               "in another window; reload the page to see what is there now."),
                             error);
}

gboolean
hd_store_delete_ad (HdStore     *self,
                    const char  *id,
                    GError     **error)
{
  static const char * const families[] = { "ads", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return _hd_store_delete_row (self, "DELETE FROM ads WHERE id = ?1", id, families,
                               _("delete the ad"), NULL, error);
}

/**
 * hd_store_list_ads:
 *
 * Returns: (transfer full): a list of HdAd that follows the store
 */
GListModel *
hd_store_list_ads (HdStore     *self,
                   const char  *ad_set_id,
                   GError     **error)
{
  static const char * const families[] = { "ads", NULL };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_rows (self, HD_TYPE_AD, families,
                              "SELECT " AD_COLUMNS " FROM ads"
                              " WHERE (?1 IS NULL OR ad_set_id = ?1)"
                              " ORDER BY created_at, id",
                              ad_set_id, ad_from_row, _("list the ads"), error);
}

/* The Facebook channel whose token reaches the ad account the object runs on. */
static const char *
channel_sql_for (const char *kind)
{
  if (g_str_equal (kind, HD_OUTBOX_SUBJECT_CAMPAIGN))
    return "SELECT ad_accounts.channel_id, campaigns.remote_id FROM campaigns"
           " LEFT JOIN ad_accounts ON ad_accounts.id = campaigns.account_id"
           " WHERE campaigns.id = ?1";
  if (g_str_equal (kind, HD_OUTBOX_SUBJECT_AD_SET))
    return "SELECT ad_accounts.channel_id, ad_sets.remote_id FROM ad_sets"
           " JOIN campaigns ON campaigns.id = ad_sets.campaign_id"
           " LEFT JOIN ad_accounts ON ad_accounts.id = campaigns.account_id"
           " WHERE ad_sets.id = ?1";

  g_assert (g_str_equal (kind, HD_OUTBOX_SUBJECT_AD));
  return "SELECT ad_accounts.channel_id, ads.remote_id FROM ads"
         " JOIN ad_sets ON ad_sets.id = ads.ad_set_id"
         " JOIN campaigns ON campaigns.id = ad_sets.campaign_id"
         " LEFT JOIN ad_accounts ON ad_accounts.id = campaigns.account_id"
         " WHERE ads.id = ?1";
}

/* The outbox rule for an ad object just written, inside the caller's transaction: one row
 * waiting to send it, never two. A row still waiting (or failed, which the edit asks to try
 * again) takes the edit, since the sender sends the object's values as they are when it goes;
 * otherwise a new row creates the object on Meta, or updates it once Meta has it or a create
 * is already on its way (a second create would make a second object). */
static gboolean
queue_ad_object (HdStore     *self,
                 const char  *kind,
                 const char  *id,
                 const char  *action,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) lookup = NULL;
  g_autoptr(sqlite3_stmt) coalesce = NULL;
  g_autoptr(sqlite3_stmt) creating = NULL;
  g_autofree char *channel_id = NULL;
  g_autofree char *change_id = NULL;
  gboolean has_remote;
  const char *operation;

  lookup = _hd_store_prepare (self, channel_sql_for (kind), action, error);
  if (lookup == NULL)
    return FALSE;
  _hd_bind_text (lookup, 1, id);
  if (!_hd_store_step (self, lookup, action, error))
    return FALSE;
  channel_id = g_strdup (_hd_column_text (lookup, 0));
  has_remote = _hd_column_text (lookup, 1) != NULL;

  if (channel_id == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not queue the change for sending because its campaign has "
                     "no ad account. Choose the ad account the campaign runs on."));
      return FALSE;
    }

  coalesce = _hd_store_prepare (self,
                                "UPDATE outbox SET updated_at = ?3, channel_id = ?4,"
                                "  next_attempt_at = CASE WHEN state = 'failed' THEN NULL"
                                "   ELSE next_attempt_at END,"
                                "  last_error = CASE WHEN state = 'failed' THEN NULL"
                                "   ELSE last_error END,"
                                "  state = 'pending'"
                                " WHERE subject_kind = ?1 AND subject_id = ?2"
                                "  AND operation IN ('create', 'update')"
                                "  AND state IN ('pending', 'failed')",
                                action, error);
  if (coalesce == NULL)
    return FALSE;
  _hd_bind_text (coalesce, 1, kind);
  _hd_bind_text (coalesce, 2, id);
  sqlite3_bind_int64 (coalesce, 3, _hd_store_now ());
  _hd_bind_text (coalesce, 4, channel_id);
  if (!_hd_store_step (self, coalesce, action, error))
    return FALSE;
  if (sqlite3_changes (_hd_store_get_db (self)) > 0)
    {
      _hd_store_mark_changed (self, HD_STORE_FAMILY_OUTBOX);
      return TRUE;
    }

  creating = _hd_store_prepare (self,
                                "SELECT count(*) FROM outbox"
                                " WHERE subject_kind = ?1 AND subject_id = ?2"
                                "  AND operation = 'create' AND state IN ('in-flight', 'unconfirmed')",
                                action, error);
  if (creating == NULL)
    return FALSE;
  _hd_bind_text (creating, 1, kind);
  _hd_bind_text (creating, 2, id);
  if (!_hd_store_step (self, creating, action, error))
    return FALSE;

  operation = (has_remote || sqlite3_column_int (creating, 0) > 0) ? HD_OUTBOX_OPERATION_UPDATE
                                                                  : HD_OUTBOX_OPERATION_CREATE;
  change_id = hd_store_enqueue_change (self, kind, id, channel_id, operation, error);

  return change_id != NULL;
}

gboolean
hd_store_save_campaign_queued (HdStore     *self,
                               HdCampaign  *campaign,
                               GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!write_campaign (self, campaign, error) ||
      !queue_ad_object (self, HD_OUTBOX_SUBJECT_CAMPAIGN, hd_campaign_get_id (campaign),
                        _("save the campaign"), error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  return hd_store_commit (self, error);
}

gboolean
hd_store_save_ad_set_queued (HdStore  *self,
                             HdAdSet  *ad_set,
                             GError  **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_AD_SET (ad_set), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!write_ad_set (self, ad_set, error) ||
      !queue_ad_object (self, HD_OUTBOX_SUBJECT_AD_SET, hd_ad_set_get_id (ad_set),
                        _("save the ad set"), error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  return hd_store_commit (self, error);
}

gboolean
hd_store_save_ad_queued (HdStore  *self,
                         HdAd     *ad,
                         GError  **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_AD (ad), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!write_ad (self, ad, error) ||
      !queue_ad_object (self, HD_OUTBOX_SUBJECT_AD, hd_ad_get_id (ad), _("save the ad"), error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  return hd_store_commit (self, error);
}

/* The ad sets on Meta that take their targeting from @audience_id. */
static GPtrArray *
list_remote_users_of (HdStore     *self,
                      const char  *audience_id,
                      const char  *action,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = _hd_store_prepare (self,
                            "SELECT id FROM ad_sets WHERE audience_id = ?1"
                            " AND remote_id IS NOT NULL ORDER BY id",
                            action, error);
  if (stmt == NULL)
    return NULL;
  _hd_bind_text (stmt, 1, audience_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup (_hd_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

gboolean
hd_store_save_audience_queued (HdStore     *self,
                               HdAudience  *audience,
                               GError     **error)
{
  g_autoptr(HdAudience) stored = NULL;
  g_autoptr(GPtrArray) users = NULL;
  const char *action = _("save the audience");
  gboolean spec_changed;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_AUDIENCE (audience), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  /* A new name or a fresh estimate changes nothing on Meta. */
  stored = hd_store_load_audience (self, hd_audience_get_id (audience), NULL);
  spec_changed = stored != NULL
                 && g_strcmp0 (hd_audience_get_spec (stored), hd_audience_get_spec (audience)) != 0;

  if (!hd_store_save_audience (self, audience, error) ||
      (spec_changed &&
       (users = list_remote_users_of (self, hd_audience_get_id (audience), action, error)) == NULL))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  for (guint i = 0; users != NULL && i < users->len; i++)
    if (!queue_ad_object (self, HD_OUTBOX_SUBJECT_AD_SET, g_ptr_array_index (users, i), action,
                          error))
      {
        hd_store_rollback (self);
        return FALSE;
      }

  return hd_store_commit (self, error);
}
