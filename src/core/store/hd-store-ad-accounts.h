/* hd-store-ad-accounts.h: the Meta ad accounts each Facebook channel reaches
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-ad-account.h"

G_BEGIN_DECLS

/* ::changed detail of the ad_accounts table. */
#define HD_STORE_FAMILY_AD_ACCOUNTS "ad-accounts"

/* An account goes with its channel. Refused with HD_STORE_ERROR_INVALID when the remote id is
 * not Meta's "act_" and digits, or the currency not three upper-case letters. */
gboolean      hd_store_save_ad_account      (HdStore      *self,
                                             HdAdAccount  *account,
                                             GError      **error);
HdAdAccount  *hd_store_load_ad_account      (HdStore      *self,
                                             const char   *id,
                                             GError      **error);
/* HdAdAccount items of @channel_id (every channel when NULL), by name. */
GListModel   *hd_store_list_ad_accounts     (HdStore      *self,
                                             const char   *channel_id,
                                             GError      **error);
/* After fetching the accounts of @channel_id: @accounts (HdAdAccount) become the channel's
 * accounts, in one transaction. An account Herald already knew keeps its local id (written
 * back into the object), so its campaigns stay linked; one no longer listed is removed and its
 * campaigns are left without an account. Campaigns that name an account by its "act_…" id
 * and have none yet are linked to it. */
gboolean      hd_store_replace_ad_accounts  (HdStore      *self,
                                             const char   *channel_id,
                                             GPtrArray    *accounts,
                                             GError      **error);

G_END_DECLS
