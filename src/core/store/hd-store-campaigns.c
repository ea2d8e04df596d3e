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
#include "hd-store-private.h"

#define CAMPAIGN_COLUMNS \
  "id, ad_account_id, name, objective, special_ad_categories, status, bid_strategy," \
  " remote_id, created_at, updated_at"

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

  return campaign;
}

gboolean
hd_store_save_campaign (HdStore     *self,
                        HdCampaign  *campaign,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("save the campaign");
  gint64 now = _hd_store_now ();
  gint64 created_at;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "INSERT INTO campaigns (" CAMPAIGN_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            " ad_account_id = excluded.ad_account_id, name = excluded.name,"
                            " objective = excluded.objective,"
                            " special_ad_categories = excluded.special_ad_categories,"
                            " status = excluded.status, bid_strategy = excluded.bid_strategy,"
                            " remote_id = excluded.remote_id, updated_at = excluded.updated_at",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_campaign_get_id (campaign));
  _hd_bind_text (stmt, 2, hd_campaign_get_ad_account_id (campaign));
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

  if (!_hd_store_write_row (self, stmt, "campaigns", action, error))
    return FALSE;

  hd_campaign_set_created_at (campaign, created_at);
  hd_campaign_set_updated_at (campaign, now);

  return TRUE;
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
  " status, remote_id, created_at, updated_at"

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

  return ad_set;
}

gboolean
hd_store_save_ad_set (HdStore  *self,
                      HdAdSet  *ad_set,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("save the ad set");
  gint64 now = _hd_store_now ();
  gint64 created_at;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_AD_SET (ad_set), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

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
                            "  ?13, ?14, ?15, ?16, ?17, ?18)"
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
                            " remote_id = excluded.remote_id, updated_at = excluded.updated_at",
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

  if (!_hd_store_write_row (self, stmt, "ad-sets", action, error))
    return FALSE;

  hd_ad_set_set_created_at (ad_set, created_at);
  hd_ad_set_set_updated_at (ad_set, now);

  return TRUE;
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
  " created_at, updated_at"

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

  return ad;
}

gboolean
hd_store_save_ad (HdStore  *self,
                  HdAd     *ad,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *action = _("save the ad");
  gint64 now = _hd_store_now ();
  gint64 created_at;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_AD (ad), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _hd_store_prepare (self,
                            "INSERT INTO ads (" AD_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            " ad_set_id = excluded.ad_set_id, post_id = excluded.post_id,"
                            " name = excluded.name, headline = excluded.headline,"
                            " link = excluded.link, call_to_action = excluded.call_to_action,"
                            " status = excluded.status, remote_id = excluded.remote_id,"
                            " updated_at = excluded.updated_at",
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

  if (!_hd_store_write_row (self, stmt, "ads", action, error))
    return FALSE;

  hd_ad_set_created_at (ad, created_at);
  hd_ad_set_updated_at (ad, now);

  return TRUE;
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
