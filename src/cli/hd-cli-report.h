/* hd-cli-report.h: what `herald report` lets the program add to it
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-store-reports.h"

G_BEGIN_DECLS

/* Writes @report as a PDF with its charts to @file. The charts are drawn by the interface
 * library, which the command-line library never links: the program hands its writer over
 * before running the command. */
typedef gboolean (*HdCliReportPdfWriter) (HdReport  *report,
                                          GFile     *file,
                                          GError   **error);

void hd_cli_report_set_pdf_writer (HdCliReportPdfWriter writer);

G_END_DECLS
