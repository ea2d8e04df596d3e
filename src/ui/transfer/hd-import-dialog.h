/* hd-import-dialog.h: what a CSV file holds, checked, before anything is imported
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_IMPORT_DIALOG (hd_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HdImportDialog, hd_import_dialog, HD, IMPORT_DIALOG, AdwWindow)

/* Checks every row of @file at once; nothing is written until the user accepts. Times
 * without a zone are read in @default_zone (NULL: the local zone). */
HdImportDialog *hd_import_dialog_new           (GtkWindow       *parent,
                                                HdStore         *store,
                                                GFile           *file,
                                                const char      *default_zone);
/* The report of a file that could be read, else NULL. */
HdImportReport *hd_import_dialog_get_report    (HdImportDialog  *self);
/* Why the file cannot be imported at all, or NULL. */
const char     *hd_import_dialog_get_problem   (HdImportDialog  *self);
/* "214 posts ready to import, 3 rows have problems" */
const char     *hd_import_dialog_get_summary   (HdImportDialog  *self);
/* The lines of the bad rows, with their reasons, as listed: "Line 12: …". */
GStrv           hd_import_dialog_dup_problems  (HdImportDialog  *self);

G_END_DECLS
