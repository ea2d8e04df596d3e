/* hd-store-import.h: bulk import from CSV, and export as CSV and iCalendar
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

/* What checking a CSV file found: every row, valid or with the reason it is not. Nothing is
 * written until hd_store_import_csv is called with it. */
#define HD_TYPE_IMPORT_REPORT (hd_import_report_get_type ())
G_DECLARE_FINAL_TYPE (HdImportReport, hd_import_report, HD, IMPORT_REPORT, GObject)

guint        hd_import_report_get_n_rows    (HdImportReport  *self);
guint        hd_import_report_get_n_valid   (HdImportReport  *self);
guint        hd_import_report_get_n_invalid (HdImportReport  *self);
/* Row @index (0 to n_rows - 1), in file order: the line it starts on, whether it is valid,
 * and for a bad row the translated reason. Any out pointer may be NULL. For a valid row
 * @instant is its scheduled instant and @text its post text. */
void         hd_import_report_get_row       (HdImportReport  *self,
                                             guint            index,
                                             guint           *line,
                                             gboolean        *valid,
                                             const char     **reason,
                                             gint64          *instant,
                                             const char     **text);

/* Checks every row of @bytes against the store's channels (matched by kind name such as
 * "mastodon", display name or handle, without regard to case) and media paths (which must
 * name readable files). Times without a zone are read in @default_zone. Returns FALSE only
 * when the file cannot be read as CSV at all (not UTF-8, no header naming the columns). */
gboolean     hd_store_check_csv            (HdStore          *self,
                                            GBytes           *bytes,
                                            const char       *default_zone,
                                            HdImportReport  **report,
                                            GError          **error);
/* The same for a file on disk; relative media paths are then read from the file's folder
 * (with hd_store_check_csv they are read from the current directory). */
gboolean     hd_store_check_csv_file       (HdStore          *self,
                                            GFile            *file,
                                            const char       *default_zone,
                                            HdImportReport  **report,
                                            GError          **error);
/* Writes every valid row of @report as a post, with a variant per channel, labels created as
 * needed and media imported from the paths, in one transaction: all or nothing. A row whose
 * time is in the future becomes a scheduled post (with its outbox rows), any other a draft.
 * @n_imported (may be NULL) receives the number of posts written. */
gboolean     hd_store_import_csv           (HdStore          *self,
                                            HdImportReport   *report,
                                            guint            *n_imported,
                                            GError          **error);

/* Appends the header and one row per dated post scheduled in [@from, @to) to @out, in the
 * format hd_store_check_csv reads back. 0 and G_MAXINT64 leave an end open. */
gboolean     hd_store_export_csv           (HdStore          *self,
                                            gint64            from,
                                            gint64            to,
                                            GString          *out,
                                            GError          **error);
/* An RFC 5545 calendar with one VEVENT per post in state scheduled in [@from, @to); @now is
 * the DTSTAMP. Returns NULL with @error set when the store cannot be read. */
char        *hd_store_export_ics           (HdStore          *self,
                                            gint64            from,
                                            gint64            to,
                                            gint64            now,
                                            GError          **error);

G_END_DECLS
