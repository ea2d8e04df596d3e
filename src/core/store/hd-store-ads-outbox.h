/* hd-store-ads-outbox.h: the outbox rows of campaigns, ad sets and ads, in the order Meta
 * needs them
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-store-outbox.h"

G_BEGIN_DECLS

/* The ad rows a sender should deal with at @now on connected channels, as HdChange: the
 * unconfirmed ones, and the pending ones of channels none of whose ad rows waits to be tried
 * again after @now (order is kept per channel). Ordered by
 * channel, then unconfirmed first, then campaigns before ad sets before ads (a parent always
 * goes before its children), then queue order. A child whose parent is not on Meta yet is
 * listed too: hd_store_ad_change_waits tells, when its turn comes, whether it must wait. */
GPtrArray   *hd_store_list_ad_changes_to_send (HdStore      *self,
                                               gint64        now,
                                               GError      **error);
/* Whether the row of an ad set or ad must wait because its parent (the campaign, the ad set)
 * has no remote id yet. When it must, @reason gets a sentence for the user, such as "Waiting
 * for the campaign, which could not be sent: …" when the parent's own row failed. Campaigns
 * never wait. */
gboolean     hd_store_ad_change_waits         (HdStore      *self,
                                               HdChange     *change,
                                               char        **reason,
                                               GError      **error);
/* The remote id of the object the row's object is created under on Meta: the "act_…" account
 * of a campaign, the campaign of an ad set, the ad set of an ad; NULL (without an error) while
 * that parent has none. Also the "act_…" account every create is posted to. */
gboolean     hd_store_ad_change_parents       (HdStore      *self,
                                               HdChange     *change,
                                               char        **parent_remote_id,
                                               char        **account_remote_id,
                                               GError      **error);
/* Meta made the creative of the ad of row @change_id: its id is written on the row and on the
 * ad in one transaction of its own, before the ad is created, so a retry reuses it. */
gboolean     hd_store_set_ad_change_creative  (HdStore      *self,
                                               const char   *change_id,
                                               const char   *ad_id,
                                               const char   *creative_id,
                                               GError      **error);
/* Meta holds the row's object as @remote_id with the parameters @synced (a JSON object): the
 * row is done with the remote id, and the object has its remote id and synced values and no
 * conflict, in one transaction. */
gboolean     hd_store_complete_ad_change      (HdStore      *self,
                                               const char   *change_id,
                                               const char   *remote_id,
                                               const char   *synced,
                                               gint64        now,
                                               GError      **error);

/* How a person recognises the object of a row of @kind called @name: "Campaign “Spring
 * sale”", "Ad set “Watford dog owners”", "Ad “Spring sale – groom”". */
char        *hd_ad_object_describe            (const char   *kind,
                                               const char   *name);

G_END_DECLS
