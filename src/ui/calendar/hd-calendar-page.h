/* hd-calendar-page.h
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

HdStore   *hd_calendar_page_get_store    (HdCalendarPage *self);
void       hd_calendar_page_set_store    (HdCalendarPage *self,
                                          HdStore        *store);
GSettings *hd_calendar_page_get_settings (HdCalendarPage *self);
void       hd_calendar_page_set_settings (HdCalendarPage *self,
                                          GSettings      *settings);

G_END_DECLS
