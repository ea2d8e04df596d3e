/* hd-posting-times-dialog.h: the weekly times a channel's queue fills
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-channel.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_POSTING_TIMES_DIALOG (hd_posting_times_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HdPostingTimesDialog, hd_posting_times_dialog, HD, POSTING_TIMES_DIALOG,
                      AdwWindow)

GtkWidget  *hd_posting_times_dialog_new         (GtkWindow             *parent,
                                                 HdStore               *store,
                                                 HdChannel             *channel);
/* Bit (1 << GDateWeekday) for each day ticked: Monday is 1 << 1, Sunday 1 << 7. */
guint       hd_posting_times_dialog_get_days    (HdPostingTimesDialog  *self);
void        hd_posting_times_dialog_set_days    (HdPostingTimesDialog  *self,
                                                 guint                  days);
/* The times as typed, "HH:MM" each, NULL-terminated. */
GStrv       hd_posting_times_dialog_dup_times   (HdPostingTimesDialog  *self);
void        hd_posting_times_dialog_set_times   (HdPostingTimesDialog  *self,
                                                 const char * const    *times);
/* What will be saved, as the Channels page shows it ("Mon–Fri 09:30 and 13:00"); "" for none,
 * NULL while a time cannot be read. */
const char *hd_posting_times_dialog_get_summary (HdPostingTimesDialog  *self);

G_END_DECLS
