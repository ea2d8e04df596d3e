/* hd-daypart.h: the hours of the week an ad set runs, and Meta's adset_schedule blocks.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HD_DAYPART_ERROR (hd_daypart_error_quark ())

typedef enum
{
  HD_DAYPART_ERROR_INVALID,
} HdDaypartError;

/* Whose clock the hours follow: the ad account's zone (ADVERTISER) or each viewer's (USER). */
typedef enum
{
  HD_DAYPART_ZONE_ADVERTISER,
  HD_DAYPART_ZONE_USER,
} HdDaypartZone;

#define HD_DAYPART_DAYS  7
#define HD_DAYPART_HOURS 24

/* A 7 × 24 grid of hours, one bit each. Day 0 is Sunday, as in Meta's DayPart. */
typedef struct
{
  guint8        hours[(HD_DAYPART_DAYS * HD_DAYPART_HOURS) / 8];
  HdDaypartZone zone;
} HdDaypart;

GQuark     hd_daypart_error_quark (void);

void       hd_daypart_clear       (HdDaypart       *self);
void       hd_daypart_fill        (HdDaypart       *self);
gboolean   hd_daypart_get         (const HdDaypart *self,
                                   guint            day,
                                   guint            hour);
void       hd_daypart_set         (HdDaypart       *self,
                                   guint            day,
                                   guint            hour,
                                   gboolean         on);
/* Sets hours [@start_hour, @end_hour) of @day. */
void       hd_daypart_set_range   (HdDaypart       *self,
                                   guint            day,
                                   guint            start_hour,
                                   guint            end_hour,
                                   gboolean         on);
guint      hd_daypart_count_hours (const HdDaypart *self);
gboolean   hd_daypart_is_empty    (const HdDaypart *self);
gboolean   hd_daypart_is_full     (const HdDaypart *self);
gboolean   hd_daypart_equal       (const HdDaypart *a,
                                   const HdDaypart *b);

/* The adset_schedule array: one block per run of adjacent hours, runs with the same hours
 * on several days grouped into one block, in a stable order. */
JsonNode  *hd_daypart_to_schedule   (const HdDaypart *self);
gboolean   hd_daypart_from_schedule (JsonNode        *schedule,
                                     HdDaypart       *self,
                                     GError         **error);

/* The stored form of ad_sets.dayparting is the adset_schedule JSON itself, so what is
 * stored is what is sent. NULL or "" means no schedule: the ad set runs at all hours. */
char      *hd_daypart_to_json       (const HdDaypart *self);
gboolean   hd_daypart_from_json     (const char      *json,
                                     HdDaypart       *self,
                                     GError         **error);

G_END_DECLS
