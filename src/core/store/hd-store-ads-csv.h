/* hd-store-ads-csv.h: campaigns, ad sets, ads and audiences to and from one CSV file
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hd-types.h"

G_BEGIN_DECLS

/* The file has one row per object, as ads editors write them. The first line names the
 * columns, in any order and of any case; only Level and Name are required:
 *
 *   Level                  Campaign, Ad set, Ad or Audience
 *   Name                   unique among the objects of the same parent
 *   Campaign               the campaign of an ad set, or of an ad's ad set
 *   Ad set                 the ad set of an ad
 *   Status                 ACTIVE, PAUSED (when empty) or ARCHIVED
 *   Ad account             a campaign's "act_…" id
 *   Currency               the ad account's ISO 4217 code (campaigns and ad sets)
 *   Objective              OUTCOME_TRAFFIC…
 *   Special ad categories  "None", or Meta's categories separated by ';'
 *   Bid strategy           a campaign's, such as LOWEST_COST_WITHOUT_CAP
 *   Budget type            Daily or Lifetime
 *   Budget, Bid cap        decimal amounts in the account currency: "20.00", JPY "2000"
 *   Start, End             ISO 8601 with an offset: 2026-05-01T09:00:00+01:00
 *   Time zone              the IANA zone of the ad set's dates, such as Europe/London
 *   Optimization goal, Billing event, Destination type
 *   Audience               the name of a saved audience, in the file or in Herald
 *   Placements             "facebook: feed; instagram: stream, story" (empty: automatic)
 *   Dayparting             "Mon-Fri 09:00-17:00; Sat 10:00-14:00" (empty: at all hours)
 *   Dayparting zone        "Ad account" (when empty) or "Viewer": whose clock the hours are on
 *   Headline, Text, Link, Call to action, Page id
 *   Post id                the Herald post the ad was made from
 *   Media                  the SHA-256 of a picture in Herald's media library
 *   Spec                   an audience's targeting spec, Meta's JSON in one cell
 *   Summary                the audience in words; written on export, never read
 *
 * Enum values are Meta's (a cell may use spaces and lower case: "Learn more"). Placements
 * and Dayparting also take the JSON Herald stores, for what the short forms cannot say. */

#define HD_TYPE_ADS_CSV_REPORT (hd_ads_csv_report_get_type ())
G_DECLARE_FINAL_TYPE (HdAdsCsvReport, hd_ads_csv_report, HD, ADS_CSV_REPORT, GObject)

/* The objects of the file that checking found, counted per level, and the problems. */
guint        hd_ads_csv_report_get_n_objects  (HdAdsCsvReport  *self);
guint        hd_ads_csv_report_get_n_problems (HdAdsCsvReport  *self);
/* Problem @index in line order: the line of the file and a translated sentence. */
void         hd_ads_csv_report_get_problem    (HdAdsCsvReport  *self,
                                               guint            index,
                                               guint           *line,
                                               const char     **sentence);

/* Reads @data and checks every row: names, Meta's enum values, money in the account's
 * currency, dates, dayparting, placements, audience specs, and that each parent named is
 * in the file or in @store. An object with the same name under the same parent as one in
 * @store is an update of it. @store may be %NULL to check the file alone (ad accounts are
 * then taken on trust, with the currency the file gives). Returns FALSE only when the data
 * cannot be read as CSV at all (not UTF-8, an open quote, no Level and Name columns). */
gboolean     hd_store_check_ads_csv           (HdStore          *self,
                                               const char       *data,
                                               gsize             length,
                                               HdAdsCsvReport  **report,
                                               GError          **error);
/* Writes every object of @report in one transaction, campaigns, ad sets and ads with their
 * outbox rows so the Changes view lists them; an object the file leaves as it is stored is
 * not written again. Refused with HD_STORE_ERROR_INVALID, and nothing written, while the
 * report has problems. @n_created and @n_updated may be NULL. */
gboolean     hd_store_import_ads_csv          (HdStore          *self,
                                               HdAdsCsvReport   *report,
                                               guint            *n_created,
                                               guint            *n_updated,
                                               GError          **error);
/* Appends the header and a row per object: every audience, campaign, ad set and ad, or, when
 * @campaign_name is not NULL, that campaign with its ad sets, their ads and the audiences
 * they use. HD_STORE_ERROR_NOT_FOUND when no campaign has that name. */
gboolean     hd_store_export_ads_csv          (HdStore          *self,
                                               const char       *campaign_name,
                                               GString          *out,
                                               GError          **error);

G_END_DECLS
