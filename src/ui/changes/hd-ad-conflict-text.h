/* hd-ad-conflict-text.h: a campaign, ad set or ad changed in Ads Manager, said in words and
 * answered with Keep mine or Take theirs
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"
#include "hd-store-ads-sync.h"

G_BEGIN_DECLS

/* “Campaign “Spring menu”” */
char      *hd_ad_conflict_describe_object  (const HdAdConflict *conflict);
/* “daily budget £25.00 (Herald has £20.00), status Active (Herald has Paused)”: each field
 * Meta holds differently, its money in the ad account's currency. */
char      *hd_ad_conflict_describe_changes (HdStore            *store,
                                            const HdAdConflict *conflict);
/* The two above in one sentence: “Campaign “Spring menu”: changed in Ads Manager — …” */
char      *hd_ad_conflict_describe         (HdStore            *store,
                                            const HdAdConflict *conflict);

/* What changed, with a Take theirs and a Keep mine button that activate @take_action and
 * @keep_action with the target (kind, id) as "(ss)". */
GtkWidget *hd_ad_conflict_build_answer     (HdStore            *store,
                                            const HdAdConflict *conflict,
                                            const char         *keep_action,
                                            const char         *take_action);

G_END_DECLS
