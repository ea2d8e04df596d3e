/* hd-wall-time.h
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* The wall time happens exactly once. */
  HD_WALL_TIME_EXACT,
  /* The clocks went back: the wall time happens twice, and the first one is given. */
  HD_WALL_TIME_REPEATED,
  /* The clocks went forward over it: the first instant after the gap is given. */
  HD_WALL_TIME_SKIPPED,
} HdWallTime;

HdWallTime hd_wall_time_to_instant (GTimeZone *zone,
                                    int        year,
                                    int        month,
                                    int        day,
                                    int        hour,
                                    int        minute,
                                    int        second,
                                    gint64    *instant);

G_END_DECLS
