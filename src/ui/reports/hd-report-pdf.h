/* hd-report-pdf.h: a report as a PDF with its charts, drawn with Cairo and Pango alone so
 * `herald report --pdf` can write it on a machine without a display
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-store-reports.h"

G_BEGIN_DECLS

/* Writes @report to @file as an A4 PDF: engagement per day and follower growth as charts,
 * the top posts, spend against budget and the best time to post. The file is replaced only
 * once the whole document is drawn. Matches HdCliReportPdfWriter. */
gboolean hd_report_write_pdf (HdReport  *report,
                              GFile     *file,
                              GError   **error);

G_END_DECLS
