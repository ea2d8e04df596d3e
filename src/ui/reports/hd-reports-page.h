/* hd-reports-page.h: what posts and campaigns achieved over a range of days
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"
#include "hd-store-reports.h"

G_BEGIN_DECLS

#define HD_TYPE_REPORTS_PAGE (hd_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (HdReportsPage, hd_reports_page, HD, REPORTS_PAGE, AdwBin)

HdStore  *hd_reports_page_get_store        (HdReportsPage  *self);
void      hd_reports_page_set_store        (HdReportsPage  *self,
                                            HdStore        *store);
/* The IANA zone days and hours are counted in; NULL for the one in Preferences, or else
 * this computer's. */
void      hd_reports_page_set_time_zone    (HdReportsPage  *self,
                                            const char     *time_zone);
/* The last @n_days days up to today: 7, 30 or 90, as the presets offer. */
void      hd_reports_page_set_last_days    (HdReportsPage  *self,
                                            guint           n_days);
/* From @first to the whole of @last. FALSE, with the page unchanged and a sentence under the
 * dates, when they make no report. */
gboolean  hd_reports_page_set_custom_range (HdReportsPage  *self,
                                            const char     *first,
                                            const char     *last);
/* TRUE while a report is being read; the one shown until then stays. */
gboolean  hd_reports_page_get_loading      (HdReportsPage  *self);
/* The report shown, NULL before there is a store or before the first one is read. */
HdReport *hd_reports_page_get_report       (HdReportsPage  *self);
/* Writes the report shown as CSV or, with @pdf, as PDF with its charts. */
gboolean  hd_reports_page_export           (HdReportsPage  *self,
                                            GFile          *file,
                                            gboolean        pdf,
                                            GError        **error);

G_END_DECLS
