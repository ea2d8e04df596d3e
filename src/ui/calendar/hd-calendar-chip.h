/* hd-calendar-chip.h: one post in the month or week grid, re-bound as the grid changes.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hd-store-calendar.h"

G_BEGIN_DECLS

#define HD_TYPE_CALENDAR_CHIP (hd_calendar_chip_get_type ())
G_DECLARE_FINAL_TYPE (HdCalendarChip, hd_calendar_chip, HD, CALENDAR_CHIP, GtkWidget)

GtkWidget  *hd_calendar_chip_new         (void);

/* Shows @entry; @zone NULL hides the time. Binding the same entry again does no work. */
void        hd_calendar_chip_bind        (HdCalendarChip        *self,
                                          const HdCalendarEntry *entry,
                                          GTimeZone             *zone);
const char *hd_calendar_chip_get_post_id (HdCalendarChip        *self);
gint64      hd_calendar_chip_get_instant (HdCalendarChip        *self);
const char *hd_calendar_chip_get_excerpt (HdCalendarChip        *self);
/* TRUE when the post shown goes out only if Herald runs at its time, which the chip marks
 * with a computer. */
gboolean    hd_calendar_chip_get_needs_herald (HdCalendarChip  *self);
/* Whether the chip had room for the computer when it was last laid out. */
gboolean    hd_calendar_chip_get_mark_shown   (HdCalendarChip  *self);
/* Whether a scheduled post goes to a channel whose platform cannot publish it at its time by
 * itself (hd_provider_kind_can_schedule_at), seen at @now: then Herald must be running. */
gboolean    hd_calendar_entry_needs_herald (const HdCalendarEntry *entry,
                                            gint64                 now);

/* The CSS name of a post state ("scheduled", "needs-attention"…), shared with the pills. */
const char *hd_calendar_state_css_name   (HdPostState            state);

/* Loads the calendar's style sheet for the default display, once. */
void        hd_calendar_ensure_style     (void);

G_END_DECLS
