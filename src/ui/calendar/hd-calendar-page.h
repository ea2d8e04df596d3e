/* hd-calendar-page.h: the content calendar, as a month, a week or an agenda.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_CALENDAR_PAGE (hd_calendar_page_get_type ())
G_DECLARE_FINAL_TYPE (HdCalendarPage, hd_calendar_page, HD, CALENDAR_PAGE, AdwBin)

HdStore      *hd_calendar_page_get_store          (HdCalendarPage *self);
void          hd_calendar_page_set_store          (HdCalendarPage *self,
                                                   HdStore        *store);
GSettings    *hd_calendar_page_get_settings       (HdCalendarPage *self);
void          hd_calendar_page_set_settings       (HdCalendarPage *self,
                                                   GSettings      *settings);

/* "month", "week" or "agenda". */
const char   *hd_calendar_page_get_view           (HdCalendarPage *self);
void          hd_calendar_page_set_view           (HdCalendarPage *self,
                                                   const char     *view);

/* The day the shown period is built around; the month or week containing it is shown. */
void          hd_calendar_page_get_date           (HdCalendarPage *self,
                                                   int            *year,
                                                   int            *month,
                                                   int            *day);
void          hd_calendar_page_set_date           (HdCalendarPage *self,
                                                   int             year,
                                                   int             month,
                                                   int             day);
/* [*from, *to): the instants the current view covers. */
void          hd_calendar_page_get_range          (HdCalendarPage *self,
                                                   gint64         *from,
                                                   gint64         *to);

/* The "calendar" actions the header's buttons use: view (s), today, previous, next,
 * search (b), filter, clear-filters and undo-move ((sx)). */
GActionGroup *hd_calendar_page_get_action_group   (HdCalendarPage *self);
/* The filter popover, for the header's filter button to own. */
GtkWidget    *hd_calendar_page_get_filter_popover (HdCalendarPage *self);
/* TRUE while a channel, label, state, campaign or text filter narrows what is shown. */
gboolean      hd_calendar_page_get_filter_active  (HdCalendarPage *self);

/* Which of the calendar's controls the window's header has room for; the page shows the others
 * beside its heading. Without the tools in the header, the page's own filter button takes the
 * filter popover, so the header's must have let go of it first. */
void          hd_calendar_page_set_header_controls (HdCalendarPage *self,
                                                    gboolean        navigation,
                                                    gboolean        tools,
                                                    gboolean        views);

G_END_DECLS
