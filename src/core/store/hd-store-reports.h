/* hd-store-reports.h: what the Reports page and `herald report` show, worked out from the
 * metrics kept locally: engagement per channel and day, top posts, follower growth, campaign
 * spend against budget, and the best hours of the week to post
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

#include "hd-queue-slots.h"

G_BEGIN_DECLS

#define HD_REPORTS_ERROR (hd_reports_error_quark ())

typedef enum
{
  /* the range or the zone makes no report */
  HD_REPORTS_ERROR_INVALID,
  /* too few posts went out yet to tell a good hour from a bad one */
  HD_REPORTS_ERROR_NOT_ENOUGH_HISTORY,
} HdReportsError;

/* An hour of the week is suggested only once this many posts went out in it. */
#define HD_REPORTS_MIN_POSTS_PER_SLOT 3

/* The longest report, in days: ten years. */
#define HD_REPORTS_MAX_DAYS 3660

/* The columns of the top posts table. Engagement is defined once, here: the reactions
 * (likes, favourites), reposts (boosts, shares, quotes) and replies (comments) a post has,
 * the figures every platform gives. Impressions are left out because few platforms give
 * them. */
typedef enum
{
  HD_REPORT_COLUMN_ENGAGEMENT,
  HD_REPORT_COLUMN_REACTIONS,
  HD_REPORT_COLUMN_REPOSTS,
  HD_REPORT_COLUMN_REPLIES,
  HD_REPORT_COLUMN_IMPRESSIONS,
  HD_REPORT_N_COLUMNS,
} HdReportColumn;

/* The metric a column reads (HD_METRIC_REACTIONS…), NULL for engagement, which adds up
 * several. */
const char  *hd_report_column_get_metric   (HdReportColumn  column);
/* "Engagement", "Likes", "Reposts", "Replies", "Impressions". */
const char  *hd_report_column_to_label     (HdReportColumn  column);
/* One sentence saying what engagement counts, for the page and the exports. */
const char  *hd_reports_describe_engagement (void);
/* "Not available": what a figure the platform does not give shows as. */
const char  *hd_reports_not_available_label (void);

/* One channel's figures, a value per day of the report. */
typedef struct
{
  char          *id;
  /* the channel's display name, or its platform's name */
  char          *name;
  HdChannelKind  kind;

  /* The engagement of the posts published on the channel that day (in the report's zone),
   * as last measured; and how many posts went out. */
  gint64        *engagement;
  guint         *n_posts;

  /* Followers at the end of each day: the latest count recorded by then,
   * HD_METRIC_NOT_AVAILABLE before the first one. */
  gint64        *followers;
  /* The latest count before the report starts (or else the first within it) and the latest
   * before it ends; HD_METRIC_NOT_AVAILABLE when there is none. Growth is the difference. */
  gint64         followers_start;
  gint64         followers_end;
} HdReportChannel;

/* One post as it went out on one channel, published within the report. */
typedef struct
{
  char    *post_id;
  char    *channel_id;
  /* the text it went out with on that channel */
  char    *text;
  gint64   published_at;
  /* By HdReportColumn, as last measured; HD_METRIC_NOT_AVAILABLE when the platform gives no
   * such figure (engagement: when it gives none of its parts). */
  gint64   values[HD_REPORT_N_COLUMNS];
} HdReportPost;

/* One campaign's spend against what its budgets allow over the report's days. */
typedef struct
{
  char    *id;
  char    *name;
  /* ISO 4217 code of its ad sets; NULL when it has none */
  char    *currency;
  /* minor units: the days Meta reported within the report */
  gint64   spend;
  /* minor units: a daily budget for each day its flight covers within the report, a
   * lifetime budget in proportion to the days of its flight within the report */
  gint64   budget;
} HdReportCampaign;

/* The best time to post: per weekday (0 is Monday) and hour of the user's clock, the posts
 * that went out then and their engagement added up. */
typedef struct
{
  guint   n_posts[7][24];
  gint64  engagement[7][24];
} HdReportHeatMap;

/* The average engagement per post of a cell, or -1 when no post went out then. */
double       hd_report_heat_map_get_average (const HdReportHeatMap *map,
                                             guint                  weekday,
                                             guint                  hour);

typedef struct
{
  gint64      from;
  gint64      to;
  /* the zone's IANA name, and the zone */
  char       *time_zone;
  GTimeZone  *zone;

  /* The calendar days the report covers in its zone: "YYYY-MM-DD", and the instant each
   * starts, with one more instant at the end, the start of the day after. */
  guint       n_days;
  char      **days;
  gint64     *day_starts;

  /* HdReportChannel, in the order of the channels list */
  GPtrArray  *channels;
  /* HdReportPost, most engagement first until hd_report_sort_posts */
  GPtrArray  *posts;
  /* HdReportCampaign, newest first */
  GPtrArray  *campaigns;
  /* from every post that went out before the report ends, not only those within it, so the
   * map has as much history as there is */
  HdReportHeatMap best_times;
} HdReport;

GQuark       hd_reports_error_quark        (void);

/* The report of [@from, @to) on the wall clock of @time_zone (an IANA name; NULL for this
 * computer's). The values are what Herald recorded: a post's figures are the last ones
 * measured, kept after the platform stopped giving them. */
HdReport    *hd_store_build_report         (HdStore              *self,
                                            gint64                from,
                                            gint64                to,
                                            const char           *time_zone,
                                            GError              **error);
/* hd_store_build_report on a thread and a database connection of its own, so a long
 * history never holds up the main loop. The connection is opened on first use and kept
 * while @self lives; reports asked for together are built one after another on it. */
void         hd_store_build_report_async   (HdStore              *self,
                                            gint64                from,
                                            gint64                to,
                                            const char           *time_zone,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
HdReport    *hd_store_build_report_finish  (HdStore              *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void         hd_report_free                (HdReport             *report);
HdReportChannel *hd_report_find_channel    (HdReport             *report,
                                            const char           *channel_id);

/* Orders the posts by @column; a figure that is not available comes last either way, and
 * posts with equal figures newest first. */
void         hd_report_sort_posts          (HdReport             *report,
                                            HdReportColumn        column,
                                            gboolean              descending);

/* The heat map of every post that went out before @to. */
gboolean     hd_store_get_best_times       (HdStore              *self,
                                            gint64                to,
                                            const char           *time_zone,
                                            HdReportHeatMap      *map,
                                            GError              **error);
/* Up to @n HdQueueSlot (minute 0), the hours of @map with the most engagement per post among
 * those with at least HD_REPORTS_MIN_POSTS_PER_SLOT posts, best first. None qualifies:
 * NULL and HD_REPORTS_ERROR_NOT_ENOUGH_HISTORY with a sentence saying so. */
GArray      *hd_reports_suggest_slots      (const HdReportHeatMap *map,
                                            guint                  n,
                                            GError               **error);
/* For the queue: hd_reports_suggest_slots over every post that went out before @now. */
GArray      *hd_store_suggest_slots        (HdStore              *self,
                                            gint64                now,
                                            const char           *time_zone,
                                            guint                 n,
                                            GError              **error);

/* The report as CSV (RFC 4180, CRLF): one section per table, each a title line, a header
 * and its rows, with an empty line between sections. Money is written in major units with
 * the currency's decimals ("12.50") beside its code; a figure that is not available is the
 * word for it. */
void         hd_report_write_csv           (HdReport             *report,
                                            GString              *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdReport, hd_report_free)

G_END_DECLS
