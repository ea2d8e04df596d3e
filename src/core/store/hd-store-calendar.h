/* hd-store-calendar.h: the calendar's fast read of posts and ad flights, and rescheduling
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

/* One post as a calendar chip shows it: plain data, so a month of them fills one GArray
 * without an object per post. */
typedef struct
{
  char        id[37];          /* post UUID */
  gint64      scheduled_at;    /* 0 for undated drafts and ideas */
  HdPostState state;
  guint32     channel_kinds;   /* bit (1 << HdChannelKind) per channel the post goes to */
  char        excerpt[96];     /* first words of the master text, cut at a character boundary */
  char        campaign_id[37]; /* "" when none */
} HdCalendarEntry;

typedef struct
{
  gint64              from, to;      /* [from, to) on scheduled_at */
  const char * const *channel_ids;   /* NULL = any */
  const char * const *labels;        /* label names; NULL = any */
  guint               state_mask;    /* 0 = any, else bit (1 << HdPostState) */
  const char         *campaign_id;   /* NULL = any */
  const char         *text;          /* NULL or "" = any; case-insensitive substring of the
                                      * master text or of a variant's text */
} HdPostFilter;

typedef struct
{
  char   ad_set_id[37];
  char   name[128];        /* "<campaign> · <ad set>", cut at a character boundary */
  gint64 starts_at, ends_at; /* ends_at 0 when the ad set runs until stopped */
} HdCalendarFlight;

/* Fills @entries (a GArray of HdCalendarEntry, cleared first) with the posts matching
 * @filter, ordered by scheduled_at, then by when each was first saved. Runs on one cached
 * prepared statement over the scheduled-at index: under a millisecond for a month of 1,000
 * posts. */
gboolean     hd_store_query_calendar       (HdStore             *self,
                                            const HdPostFilter  *filter,
                                            GArray              *entries,
                                            GError             **error);
/* Fills @flights (a GArray of HdCalendarFlight, cleared first) with the ad sets whose flight
 * overlaps [@from, @to), earliest start first. Ad sets without a start date are left out. */
gboolean     hd_store_query_flights        (HdStore             *self,
                                            gint64               from,
                                            gint64               to,
                                            GArray              *flights,
                                            GError             **error);
/* Moves the post to @instant, keeping its zone unless @time_zone is given (a post without a
 * zone takes the local one). When the post is scheduled its outbox rows follow in the same
 * transaction. @previous_instant receives the old instant (0 if it had none), for undo:
 * rescheduling back to 0 makes the post undated again. */
gboolean     hd_store_reschedule_post      (HdStore             *self,
                                            const char          *post_id,
                                            gint64               instant,
                                            const char          *time_zone,
                                            gint64              *previous_instant,
                                            GError             **error);

G_END_DECLS
