/* hd-export-dialog.h: the calendar as a CSV or iCalendar file
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

typedef enum
{
  HD_EXPORT_FORMAT_ICS,
  HD_EXPORT_FORMAT_CSV,
} HdExportFormat;

/* Writes the dated posts in [@from, @to) (0 and G_MAXINT64 leave an end open) to @file as
 * CSV, or the scheduled ones as iCalendar events, replacing the file. @n_posts receives how
 * many posts the file holds. */
gboolean        hd_export_write_file             (HdStore          *store,
                                                  HdExportFormat    format,
                                                  gint64            from,
                                                  gint64            to,
                                                  GFile            *file,
                                                  guint            *n_posts,
                                                  GError          **error);

#define HD_TYPE_EXPORT_DIALOG (hd_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HdExportDialog, hd_export_dialog, HD, EXPORT_DIALOG, AdwMessageDialog)

/* @shown_label names the period the calendar shows, such as "March 2026", offered as the
 * alternative to everything; NULL offers everything only. */
HdExportDialog *hd_export_dialog_new             (GtkWindow        *parent,
                                                  HdStore          *store,
                                                  gint64            shown_from,
                                                  gint64            shown_to,
                                                  const char       *shown_label);
HdExportFormat  hd_export_dialog_get_format      (HdExportDialog   *self);
void            hd_export_dialog_set_format      (HdExportDialog   *self,
                                                  HdExportFormat    format);
gboolean        hd_export_dialog_get_only_shown  (HdExportDialog   *self);
void            hd_export_dialog_set_only_shown  (HdExportDialog   *self,
                                                  gboolean          only_shown);
/* Where to write instead of asking with a file chooser. */
void            hd_export_dialog_set_file        (HdExportDialog   *self,
                                                  GFile            *file);

G_END_DECLS
