/* hd-fake-meta-ads.h: the Meta Marketing API endpoints Herald uses, in the test process.
 *
 * At start it loads Meta's object specs from $HERALD_META_SPECS_DIR (the *.json files and
 * the enum values listed in SUMMARY.md) and refuses, with Graph's error envelope and HTTP
 * 400, every parameter that is not in the endpoint's spec, every value of the wrong type,
 * every enum value not listed, every missing required parameter, and every targeting field
 * not in Targeting.json / TargetingGeoLocation*.json.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-fake-server.h"

G_BEGIN_DECLS

#define HD_FAKE_META_ADS_VERSION "v24.0"

typedef enum
{
  HD_FAKE_META_ADS_CAMPAIGN,
  HD_FAKE_META_ADS_AD_SET,
  HD_FAKE_META_ADS_AD_CREATIVE,
  HD_FAKE_META_ADS_AD,
  HD_FAKE_META_ADS_N_KINDS,
} HdFakeMetaAdsKind;

typedef enum
{
  /* HTTP 500 with an empty body */
  HD_FAKE_META_ADS_FAULT_SERVER_ERROR,
  /* code 17, subcode 2446079: the user's request limit */
  HD_FAKE_META_ADS_FAULT_THROTTLED,
  /* code 190: the token expired */
  HD_FAKE_META_ADS_FAULT_TOKEN_EXPIRED,
  /* the request is carried out, then the connection closes before the answer */
  HD_FAKE_META_ADS_FAULT_LOST_ANSWER,
} HdFakeMetaAdsFault;

typedef struct _HdFakeMetaAds HdFakeMetaAds;

struct _HdFakeMetaAds
{
  HdFakeServer *server;

  /* the user token a request must carry as "Authorization: Bearer …" */
  char         *user_token;
  /* "act_…" of the first account, and its currency */
  char         *account_id;
  char         *currency;
  char         *second_account_id;

  /* entries per page of every list; small values make the client page */
  guint         page_size;

  /* X-Business-Use-Case-Usage call_count sent with each answer, -1 for none, and its
   * estimated_time_to_regain_access in minutes */
  int           usage;
  int           regain_minutes;

  /* the message of the last request refused, for the tests to read */
  char         *last_refusal;

  /*< private >*/
  GHashTable   *specs;
  GHashTable   *enums;
  GHashTable   *objects;
  GPtrArray    *order;
  guint         n_created[HD_FAKE_META_ADS_N_KINDS];
  guint64       next_id;
  guint         n_requests;
  guint         fault_at;
  HdFakeMetaAdsFault fault;
};

/* Fails the test when $HERALD_META_SPECS_DIR is unset or its specs do not load. */
HdFakeMetaAds *hd_fake_meta_ads_new            (void);
void           hd_fake_meta_ads_free           (HdFakeMetaAds      *self);
/* The Graph base with the version, for the channel's base URL. */
char          *hd_fake_meta_ads_get_graph_base (HdFakeMetaAds      *self);

/* The @nth request from now (1 for the next) meets @fault. */
void           hd_fake_meta_ads_fail_request   (HdFakeMetaAds      *self,
                                                guint               nth,
                                                HdFakeMetaAdsFault  fault);
/* How many objects of @kind were created. */
guint          hd_fake_meta_ads_count_created  (HdFakeMetaAds      *self,
                                                HdFakeMetaAdsKind   kind);
/* The stored object, as a later GET would show it, or NULL. */
JsonObject    *hd_fake_meta_ads_lookup         (HdFakeMetaAds      *self,
                                                const char         *id);
/* A change made in Ads Manager: sets @field of object @id to the string @value. */
void           hd_fake_meta_ads_edit           (HdFakeMetaAds      *self,
                                                const char         *id,
                                                const char         *field,
                                                const char         *value);
/* Whether @value is one of the values SUMMARY.md (or enum_types.json) lists for @enum_name. */
gboolean       hd_fake_meta_ads_enum_has       (HdFakeMetaAds      *self,
                                                const char         *enum_name,
                                                const char         *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdFakeMetaAds, hd_fake_meta_ads_free)

G_END_DECLS
