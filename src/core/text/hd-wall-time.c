/* hd-wall-time.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-text"

#include "config.h"

#include "hd-wall-time.h"

/* No zone has changed its offset twice within a day and a half, so the offsets in force
 * 36 hours either side of a wall time are the only ones it can be read in. */
#define OFFSET_PROBE (36 * 3600)

static gint32
offset_at (GTimeZone *zone,
           gint64     instant)
{
  int interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, instant);

  return g_time_zone_get_offset (zone, interval);
}

/* GDateTime moves a skipped wall time by the size of the gap and picks either reading of a
 * repeated one; a posting time has to be the first instant after the gap and the first
 * reading, so the readings are worked out here. */
HdWallTime
hd_wall_time_to_instant (GTimeZone *zone,
                         int        year,
                         int        month,
                         int        day,
                         int        hour,
                         int        minute,
                         int        second,
                         gint64    *instant)
{
  g_autoptr(GDateTime) as_utc = NULL;
  gint64 wall;
  gint32 before;
  gint32 after;
  gint64 low;
  gint64 high;
  gboolean before_fits;
  gboolean after_fits;

  g_return_val_if_fail (zone != NULL, HD_WALL_TIME_EXACT);
  g_return_val_if_fail (instant != NULL, HD_WALL_TIME_EXACT);

  as_utc = g_date_time_new_utc (year, month, day, hour, minute, second);
  g_return_val_if_fail (as_utc != NULL, HD_WALL_TIME_EXACT);
  wall = g_date_time_to_unix (as_utc);

  before = offset_at (zone, wall - OFFSET_PROBE);
  after = offset_at (zone, wall + OFFSET_PROBE);
  before_fits = offset_at (zone, wall - before) == before;
  after_fits = offset_at (zone, wall - after) == after;

  if (before == after || (before_fits && !after_fits))
    {
      *instant = wall - before;
      return HD_WALL_TIME_EXACT;
    }
  if (after_fits && !before_fits)
    {
      *instant = wall - after;
      return HD_WALL_TIME_EXACT;
    }
  if (before_fits && after_fits)
    {
      *instant = MIN (wall - before, wall - after);
      return HD_WALL_TIME_REPEATED;
    }

  /* In the gap: the change happened between the two readings; find its instant. */
  low = MIN (wall - before, wall - after);
  high = MAX (wall - before, wall - after);
  while (high - low > 1)
    {
      gint64 mid = low + (high - low) / 2;

      if (offset_at (zone, mid) == after)
        high = mid;
      else
        low = mid;
    }
  *instant = high;

  return HD_WALL_TIME_SKIPPED;
}
