/* hd-store-ad-accounts.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hd-ad-account.h"
#include "hd-store-private.h"

#define AD_ACCOUNT_COLUMNS \
  "id, channel_id, remote_id, name, currency, time_zone, min_daily_budget_imp," \
  " min_daily_budget_video_views, min_daily_budget_high_freq, min_daily_budget_low_freq," \
  " fetched_at"

static gpointer
ad_account_from_row (sqlite3_stmt *stmt)
{
  HdAdAccount *account = hd_ad_account_new ();

  hd_ad_account_set_id (account, _hd_column_text (stmt, 0));
  hd_ad_account_set_channel_id (account, _hd_column_text (stmt, 1));
  hd_ad_account_set_remote_id (account, _hd_column_text (stmt, 2));
  hd_ad_account_set_name (account, _hd_column_text (stmt, 3));
  hd_ad_account_set_currency (account, _hd_column_text (stmt, 4));
  hd_ad_account_set_time_zone (account, _hd_column_text (stmt, 5));
  hd_ad_account_set_min_daily_budget_imp (account, sqlite3_column_int64 (stmt, 6));
  hd_ad_account_set_min_daily_budget_video_views (account, sqlite3_column_int64 (stmt, 7));
  hd_ad_account_set_min_daily_budget_high_freq (account, sqlite3_column_int64 (stmt, 8));
  hd_ad_account_set_min_daily_budget_low_freq (account, sqlite3_column_int64 (stmt, 9));
  hd_ad_account_set_fetched_at (account, sqlite3_column_int64 (stmt, 10));

  return account;
}

static gboolean
is_remote_id (const char *remote_id)
{
  if (remote_id == NULL || !g_str_has_prefix (remote_id, "act_") || remote_id[4] == '\0')
    return FALSE;

  for (const char *c = remote_id + 4; *c != '\0'; c++)
    {
      if (!g_ascii_isdigit (*c))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_currency (const char *currency)
{
  return currency != NULL && strlen (currency) == 3 && g_ascii_isupper (currency[0]) &&
         g_ascii_isupper (currency[1]) && g_ascii_isupper (currency[2]);
}

static gboolean
check_ad_account (HdAdAccount  *account,
                  GError      **error)
{
  if (hd_ad_account_get_channel_id (account) == NULL ||
      !is_remote_id (hd_ad_account_get_remote_id (account)))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not save the ad account “%s” because Meta did not name it as "
                     "it names ad accounts (act_ and digits). Fetch the ad accounts again."),
                   hd_ad_account_get_remote_id (account) ? hd_ad_account_get_remote_id (account)
                                                         : "");
      return FALSE;
    }

  if (!is_currency (hd_ad_account_get_currency (account)))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not save the ad account “%s” because its currency is not a "
                     "three-letter code such as GBP. Fetch the ad accounts again."),
                   hd_ad_account_get_remote_id (account));
      return FALSE;
    }

  if (hd_ad_account_get_min_daily_budget_imp (account) < 0 ||
      hd_ad_account_get_min_daily_budget_video_views (account) < 0 ||
      hd_ad_account_get_min_daily_budget_high_freq (account) < 0 ||
      hd_ad_account_get_min_daily_budget_low_freq (account) < 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Herald could not save the ad account “%s” because a minimum budget is "
                     "below zero. Fetch the ad accounts again."),
                   hd_ad_account_get_remote_id (account));
      return FALSE;
    }

  return TRUE;
}

/* The write without a transaction of its own. */
static gboolean
write_ad_account (HdStore      *self,
                  HdAdAccount  *account,
                  const char   *action,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!check_ad_account (account, error))
    return FALSE;

  stmt = _hd_store_prepare (self,
                            "INSERT INTO ad_accounts (" AD_ACCOUNT_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            " channel_id = excluded.channel_id, remote_id = excluded.remote_id,"
                            " name = excluded.name, currency = excluded.currency,"
                            " time_zone = excluded.time_zone,"
                            " min_daily_budget_imp = excluded.min_daily_budget_imp,"
                            " min_daily_budget_video_views = excluded.min_daily_budget_video_views,"
                            " min_daily_budget_high_freq = excluded.min_daily_budget_high_freq,"
                            " min_daily_budget_low_freq = excluded.min_daily_budget_low_freq,"
                            " fetched_at = excluded.fetched_at",
                            action, error);
  if (stmt == NULL)
    return FALSE;

  _hd_bind_text (stmt, 1, hd_ad_account_get_id (account));
  _hd_bind_text (stmt, 2, hd_ad_account_get_channel_id (account));
  _hd_bind_text (stmt, 3, hd_ad_account_get_remote_id (account));
  _hd_bind_text (stmt, 4, hd_ad_account_get_name (account) ? hd_ad_account_get_name (account)
                                                            : "");
  _hd_bind_text (stmt, 5, hd_ad_account_get_currency (account));
  _hd_bind_text (stmt, 6, hd_ad_account_get_time_zone (account));
  sqlite3_bind_int64 (stmt, 7, hd_ad_account_get_min_daily_budget_imp (account));
  sqlite3_bind_int64 (stmt, 8, hd_ad_account_get_min_daily_budget_video_views (account));
  sqlite3_bind_int64 (stmt, 9, hd_ad_account_get_min_daily_budget_high_freq (account));
  sqlite3_bind_int64 (stmt, 10, hd_ad_account_get_min_daily_budget_low_freq (account));
  _hd_bind_instant (stmt, 11, hd_ad_account_get_fetched_at (account));

  if (!_hd_store_step (self, stmt, action, error))
    return FALSE;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_AD_ACCOUNTS);

  return TRUE;
}

gboolean
hd_store_save_ad_account (HdStore      *self,
                          HdAdAccount  *account,
                          GError      **error)
{
  const char *action = _("save the ad account");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_AD_ACCOUNT (account), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!write_ad_account (self, account, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  return hd_store_commit (self, error);
}

/**
 * hd_store_load_ad_account:
 *
 * Returns: (transfer full): the account, or %NULL with HD_STORE_ERROR_NOT_FOUND
 */
HdAdAccount *
hd_store_load_ad_account (HdStore     *self,
                          const char  *id,
                          GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _hd_store_load_row (self, "SELECT " AD_ACCOUNT_COLUMNS " FROM ad_accounts WHERE id = ?1",
                             id, ad_account_from_row, _("load the ad account"),
                             _("Herald could not find the ad account any more. Its Facebook "
                               "channel may have been removed; fetch the ad accounts again."),
                             error);
}

/**
 * hd_store_list_ad_accounts:
 *
 * Returns: (transfer full): a list of HdAdAccount that follows the store
 */
GListModel *
hd_store_list_ad_accounts (HdStore     *self,
                           const char  *channel_id,
                           GError     **error)
{
  static const char * const families[] = {
    HD_STORE_FAMILY_AD_ACCOUNTS, HD_STORE_FAMILY_CHANNELS, NULL
  };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return _hd_store_list_rows (self, HD_TYPE_AD_ACCOUNT, families,
                              "SELECT " AD_ACCOUNT_COLUMNS " FROM ad_accounts"
                              " WHERE (?1 IS NULL OR channel_id = ?1)"
                              " ORDER BY name COLLATE NOCASE, remote_id",
                              channel_id, ad_account_from_row, _("list the ad accounts"), error);
}

/* Gives @account the local id of the row Herald already keeps for it, if any. */
static gboolean
adopt_known_id (HdStore      *self,
                HdAdAccount  *account,
                const char   *action,
                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _hd_store_prepare (self,
                            "SELECT id FROM ad_accounts WHERE channel_id = ?1 AND remote_id = ?2",
                            action, error);
  if (stmt == NULL)
    return FALSE;
  _hd_bind_text (stmt, 1, hd_ad_account_get_channel_id (account));
  _hd_bind_text (stmt, 2, hd_ad_account_get_remote_id (account));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    hd_ad_account_set_id (account, _hd_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      _hd_store_set_error (self, error, rc, action);
      return FALSE;
    }

  return TRUE;
}

static gboolean
replace_in_transaction (HdStore      *self,
                        const char   *channel_id,
                        GPtrArray    *accounts,
                        const char   *action,
                        GError      **error)
{
  g_autoptr(JsonArray) kept = json_array_new ();
  g_autoptr(JsonNode) kept_node = NULL;
  g_autofree char *kept_json = NULL;
  g_autoptr(sqlite3_stmt) remove = NULL;
  g_autoptr(sqlite3_stmt) link = NULL;

  for (guint i = 0; i < accounts->len; i++)
    {
      HdAdAccount *account = g_ptr_array_index (accounts, i);

      hd_ad_account_set_channel_id (account, channel_id);
      if (!adopt_known_id (self, account, action, error) ||
          !write_ad_account (self, account, action, error))
        return FALSE;
      json_array_add_string_element (kept, hd_ad_account_get_id (account));
    }

  kept_node = json_node_init_array (json_node_alloc (), kept);
  kept_json = json_to_string (kept_node, FALSE);

  remove = _hd_store_prepare (self,
                              "DELETE FROM ad_accounts WHERE channel_id = ?1"
                              " AND id NOT IN (SELECT value FROM json_each (?2))",
                              action, error);
  if (remove == NULL)
    return FALSE;
  _hd_bind_text (remove, 1, channel_id);
  _hd_bind_text (remove, 2, kept_json);
  if (!_hd_store_step (self, remove, action, error))
    return FALSE;

  link = _hd_store_prepare (self,
                            "UPDATE campaigns SET account_id = (SELECT id FROM ad_accounts"
                            "   WHERE channel_id = ?1 AND remote_id = campaigns.ad_account_id)"
                            " WHERE account_id IS NULL AND ad_account_id IN"
                            "  (SELECT remote_id FROM ad_accounts WHERE channel_id = ?1)",
                            action, error);
  if (link == NULL)
    return FALSE;
  _hd_bind_text (link, 1, channel_id);
  if (!_hd_store_step (self, link, action, error))
    return FALSE;

  _hd_store_mark_changed (self, HD_STORE_FAMILY_AD_ACCOUNTS);
  _hd_store_mark_changed (self, HD_STORE_FAMILY_CAMPAIGNS);

  return TRUE;
}

gboolean
hd_store_replace_ad_accounts (HdStore     *self,
                              const char  *channel_id,
                              GPtrArray   *accounts,
                              GError     **error)
{
  const char *action = _("save the ad accounts");

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (channel_id != NULL, FALSE);
  g_return_val_if_fail (accounts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!hd_store_begin (self, error))
    return FALSE;

  if (!replace_in_transaction (self, channel_id, accounts, action, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }

  return hd_store_commit (self, error);
}
