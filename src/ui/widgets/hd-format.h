/* hd-format.h: the ways Herald writes money, times and summaries for people to read.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char       *hd_format_money            (gint64       minor_units,
                                        const char  *currency);
char       *hd_format_count            (gint64       count);
char       *hd_format_time             (gint64       unix_seconds,
                                        GTimeZone   *zone);
char       *hd_format_day_heading      (GDateTime   *day,
                                        GDateTime   *today);
char       *hd_format_date             (gint64       unix_seconds,
                                        GTimeZone   *zone);
char       *hd_format_relative         (gint64       unix_seconds,
                                        gint64       now);
char       *hd_format_first_words      (const char  *text,
                                        guint        max_chars);
char       *hd_format_audience_summary (const char  *spec);
const char *hd_format_objective        (const char  *objective);
GTimeZone  *hd_format_shown_zone       (GSettings   *settings);

G_END_DECLS
