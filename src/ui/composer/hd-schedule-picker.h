/* hd-schedule-picker.h: the date, time and time zone a post goes out at.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HD_SCHEDULE_ERROR (hd_schedule_error_quark ())

typedef enum
{
  HD_SCHEDULE_ERROR_PAST,        /* the time has already gone by */
  HD_SCHEDULE_ERROR_NONEXISTENT, /* the clocks skip over it (a DST gap) */
  HD_SCHEDULE_ERROR_BAD_ZONE,    /* the zone is not one this system knows */
} HdScheduleError;

GQuark hd_schedule_error_quark (void);

#define HD_TYPE_SCHEDULE_PICKER (hd_schedule_picker_get_type ())
G_DECLARE_FINAL_TYPE (HdSchedulePicker, hd_schedule_picker, HD, SCHEDULE_PICKER, AdwBin)

GtkWidget   *hd_schedule_picker_new          (void);
/* Shows @instant on the wall clock of @time_zone (an IANA id; NULL keeps the current zone). */
void         hd_schedule_picker_set_instant  (HdSchedulePicker  *self,
                                              gint64             instant,
                                              const char        *time_zone);
void         hd_schedule_picker_set_wall_time (HdSchedulePicker *self,
                                               int               year,
                                               int               month,
                                               int               day,
                                               int               hour,
                                               int               minute);
const char  *hd_schedule_picker_get_time_zone (HdSchedulePicker *self);
void         hd_schedule_picker_set_time_zone (HdSchedulePicker *self,
                                               const char       *time_zone);
/* The instant shown, refused with a sentence when it is not after @now or does not exist on
 * that day in that zone. @now 0 skips the check against the past. */
gboolean     hd_schedule_picker_get_instant  (HdSchedulePicker  *self,
                                              gint64             now,
                                              gint64            *instant,
                                              GError           **error);
/* TRUE once the user has touched the date or time, or a time was given. */
gboolean     hd_schedule_picker_get_chosen   (HdSchedulePicker  *self);
void         hd_schedule_picker_set_chosen   (HdSchedulePicker  *self,
                                              gboolean           chosen);

G_END_DECLS
