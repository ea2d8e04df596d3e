/* hd-ads-check.h: Check for one campaign, its ad sets and ads, offline.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "hd-ad.h"
#include "hd-ad-account.h"
#include "hd-ad-set.h"
#include "hd-audience.h"
#include "hd-campaign.h"

G_BEGIN_DECLS

typedef enum
{
  HD_ADS_SUBJECT_ACCOUNT,
  HD_ADS_SUBJECT_CAMPAIGN,
  HD_ADS_SUBJECT_AD_SET,
  HD_ADS_SUBJECT_AD,
  HD_ADS_SUBJECT_AUDIENCE,
} HdAdsSubject;

typedef struct
{
  HdAdsSubject  subject;
  char         *subject_id;
  /* the field to fix, named as Meta names it ("daily_budget"), or NULL */
  char         *field;
  /* what is wrong and what to do, for the shop owner */
  char         *sentence;
} HdAdsProblem;

void hd_ads_problem_free (HdAdsProblem *problem);

/* Returns the audience with @audience_id (a new reference), or NULL when there is none. */
typedef HdAudience *(*HdAdsAudienceLookup) (const char *audience_id,
                                            gpointer    user_data);

/* Appends an HdAdsProblem to @problems for each rule the tree breaks; TRUE if there were
 * none. @ad_sets and @ads hold the campaign's HdAdSet and HdAd objects; @account may be NULL
 * when the campaign has none yet; @now is the Unix time to judge flight dates against. */
gboolean hd_ads_check_campaign (HdAdAccount         *account,
                                HdCampaign          *campaign,
                                GPtrArray           *ad_sets,
                                GPtrArray           *ads,
                                HdAdsAudienceLookup  lookup_audience,
                                gpointer             user_data,
                                gint64               now,
                                GPtrArray           *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdAdsProblem, hd_ads_problem_free)

G_END_DECLS
