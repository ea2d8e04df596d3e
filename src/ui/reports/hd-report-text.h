/* hd-report-text.h: the sentences a report is read with, shared by the Reports page and its
 * PDF, which must say the same things in the same words. No GTK here: the PDF is also
 * written by `herald report`, without a display.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "hd-store-reports.h"

G_BEGIN_DECLS

/* "Mon", "Tue"…: @weekday counts from 0 for Monday, as in HdReportHeatMap. */
char        *hd_report_text_weekday_short (guint                  weekday);
/* "9:00–10:00" */
char        *hd_report_text_hour_range    (guint                  hour);
/* "Tuesdays 9:00–10:00, 18 posts, 12.5 engagement per post" for a cell of the map, or
 * "Tuesdays 9:00–10:00, no posts yet". */
char        *hd_report_text_heat_map_cell (const HdReportHeatMap *map,
                                           guint                  weekday,
                                           guint                  hour);
/* "Best: Tuesdays 9:00–10:00", or a sentence saying there are not enough posts yet. */
char        *hd_report_text_best_time     (const HdReportHeatMap *map);
/* "Tuesdays 9:00, Thursdays 13:00": the suggested slots, NULL when there are none. */
char        *hd_report_text_slots         (GArray                *slots);
/* "2 March – 8 March 2026": the days the report covers. */
char        *hd_report_text_range         (HdReport              *report);
/* "+25 followers", "−3 followers", or NULL when the channel has no counts. */
char        *hd_report_text_growth        (HdReportChannel       *channel);
/* "£12.50 of £20.00", "£12.50, no budget in these days". */
char        *hd_report_text_spend         (HdReportCampaign      *campaign);
/* Whether the report has anything to show: posts, follower counts or spend. */
gboolean     hd_report_text_has_data      (HdReport              *report);

G_END_DECLS
