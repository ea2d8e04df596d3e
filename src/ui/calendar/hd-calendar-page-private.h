/* hd-calendar-page-private.h: what the tests and the benchmark reach inside the calendar.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calendar/hd-calendar-page.h"
#include "calendar/hd-month-view.h"
#include "calendar/hd-week-view.h"

G_BEGIN_DECLS

HdMonthView *_hd_calendar_page_get_month_view  (HdCalendarPage *self);
HdWeekView  *_hd_calendar_page_get_week_view   (HdCalendarPage *self);
/* The child the view stack shows: "month", "week", "agenda", "agenda-empty" or "no-match". */
const char  *_hd_calendar_page_get_shown      (HdCalendarPage *self);
/* The last toast shown, such as the one with Undo after a move. */
AdwToast    *_hd_calendar_page_get_last_toast (HdCalendarPage *self);
/* Filters as the popover's check buttons set them. */
void         _hd_calendar_page_set_state_filter   (HdCalendarPage *self,
                                                   HdPostState     state,
                                                   gboolean        shown);
void         _hd_calendar_page_set_channel_filter (HdCalendarPage *self,
                                                   const char     *channel_id,
                                                   gboolean        shown);
void         _hd_calendar_page_set_label_filter   (HdCalendarPage *self,
                                                   const char     *label,
                                                   gboolean        shown);
void         _hd_calendar_page_set_campaign_filter (HdCalendarPage *self,
                                                    const char     *campaign_id);
void         _hd_calendar_page_set_search_text    (HdCalendarPage *self,
                                                   const char     *text);
/* The check button for a filter in the popover, or NULL: kind is "channel", "label", "state"
 * or "campaign", value the id, name or state nick. */
GtkWidget   *_hd_calendar_page_get_filter_check   (HdCalendarPage *self,
                                                   const char     *kind,
                                                   const char     *value);
/* The ids of the posts whose chips the month view shows on a day, in the order they are laid
 * out; posts folded into "+N more" are not among them. */
GPtrArray   *_hd_calendar_page_get_day_post_ids   (HdCalendarPage *self,
                                                   int             year,
                                                   int             month,
                                                   int             day);
/* Drops the post on the middle of a day of the month view, through the code its drop target
 * runs, as dragging a chip there does. */
gboolean     _hd_calendar_page_drop_on_day        (HdCalendarPage *self,
                                                   const char     *post_id,
                                                   int             year,
                                                   int             month,
                                                   int             day);
/* The ids of the posts the agenda lists, in order. */
GPtrArray   *_hd_calendar_page_get_agenda_post_ids (HdCalendarPage *self);

G_END_DECLS
