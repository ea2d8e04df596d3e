/* hd-ad-set-editor.h: one ad set: budget, flight, delivery, audience, hours and its ads
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-ad-account.h"
#include "hd-ad-set.h"
#include "hd-ads-check.h"
#include "hd-store.h"
#include "campaigns/hd-ad-editor.h"
#include "campaigns/hd-budget-row.h"
#include "widgets/hd-daypart-grid.h"

G_BEGIN_DECLS

#define HD_TYPE_AD_SET_EDITOR (hd_ad_set_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdAdSetEditor, hd_ad_set_editor, HD, AD_SET_EDITOR, AdwBin)

/* @ads (HdAd) are the ad set's ads; with none, a new ad is added to fill in. */
GtkWidget     *hd_ad_set_editor_new               (HdStore       *store,
                                                   HdAdSet       *ad_set,
                                                   GPtrArray     *ads);
HdAdSet       *hd_ad_set_editor_get_ad_set        (HdAdSetEditor *self);
/* HdAd of the ad set, in the order shown; owned by the editor. */
GPtrArray     *hd_ad_set_editor_get_ads           (HdAdSetEditor *self);
HdAdEditor    *hd_ad_set_editor_get_ad_editor     (HdAdSetEditor *self,
                                                   guint          index);
void           hd_ad_set_editor_set_account       (HdAdSetEditor *self,
                                                   HdAdAccount   *account);
/* Writes what the rows hold into the ad set and its ads. FALSE, with a sentence, when a
 * typed date cannot be read; the rest is written anyway. */
gboolean       hd_ad_set_editor_apply             (HdAdSetEditor *self,
                                                   const char    *campaign_id,
                                                   HdAdStatus     status,
                                                   GError       **error);
void           hd_ad_set_editor_clear_problems    (HdAdSetEditor *self);
gboolean       hd_ad_set_editor_show_problem      (HdAdSetEditor *self,
                                                   HdAdsProblem  *problem);
const char    *hd_ad_set_editor_get_problem       (HdAdSetEditor *self,
                                                   const char    *field);

HdBudgetRow   *hd_ad_set_editor_get_budget_row    (HdAdSetEditor *self);
HdDaypartGrid *hd_ad_set_editor_get_daypart_grid  (HdAdSetEditor *self);
/* "name", "start_time" and "end_time" */
GtkEditable   *hd_ad_set_editor_get_editable      (HdAdSetEditor *self,
                                                   const char    *field);
void           hd_ad_set_editor_set_flight        (HdAdSetEditor *self,
                                                   gint64         starts_at,
                                                   gint64         ends_at);
/* Whose clock the typed times are on: the ad account's (FALSE) or this computer's. */
void           hd_ad_set_editor_set_viewer_zone   (HdAdSetEditor *self,
                                                   gboolean       viewer_zone);
const char    *hd_ad_set_editor_get_zone_text     (HdAdSetEditor *self);
void           hd_ad_set_editor_set_goal          (HdAdSetEditor *self,
                                                   const char    *optimization_goal,
                                                   const char    *billing_event);
void           hd_ad_set_editor_set_audience      (HdAdSetEditor *self,
                                                   const char    *audience_id);
const char    *hd_ad_set_editor_get_audience_summary (HdAdSetEditor *self);
/* Paints Monday to Friday, 9:00 to 17:00. */
void           hd_ad_set_editor_paint_weekdays    (HdAdSetEditor *self);
void           hd_ad_set_editor_clear_hours       (HdAdSetEditor *self);

G_END_DECLS
