/* hd-meta-ads.h: the Meta Marketing API, for the ad accounts a connected Facebook user
 * reaches: campaigns, ad sets, creatives and ads, targeting search, reach estimates and
 * daily insights
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-ad-account.h"
#include "hd-provider.h"
#include "hd-secrets.h"

G_BEGIN_DECLS

/* The keyring secret of the Facebook channel that the Marketing API is called with. Ads need
 * the user token with ads_management (to manage) and ads_read (for insights),
 * developers.facebook.com/docs/marketing-api/access; a Page token does not reach ad
 * accounts. */
#define HD_META_ADS_TOKEN_KIND HD_SECRET_KIND_USER_TOKEN

/* The permissions a sign-in must ask for before ads can be posted and read. */
#define HD_META_ADS_SCOPES "ads_management,ads_read"

typedef enum
{
  HD_META_ADS_KIND_CAMPAIGN,
  HD_META_ADS_KIND_AD_SET,
  HD_META_ADS_KIND_AD_CREATIVE,
  HD_META_ADS_KIND_AD,
} HdMetaAdsKind;

/* One interest from the targeting search, as targeting.interests takes it ({id, name}). */
typedef struct
{
  char   *id;
  char   *name;
  /* the category path, e.g. "Interests > Pets > Dogs"; may be NULL */
  char   *path;
  /* estimated people; -1 when Meta did not say */
  gint64  audience_lower_bound;
  gint64  audience_upper_bound;
} HdMetaInterest;

/* One place from the targeting search: @key goes into geo_locations (countries take the
 * ISO code itself, regions and cities {key}). */
typedef struct
{
  char *key;
  char *name;
  /* "country", "region", "city", "zip", … */
  char *type;
  char *country_code;
  char *country_name;
  /* the region a city lies in, and its key; may be NULL */
  char *region;
  char *region_id;
} HdMetaLocation;

/* One language from the targeting search, as targeting.locales takes its @key. */
typedef struct
{
  guint  key;
  /* "English (UK)", "Welsh" */
  char  *name;
} HdMetaLocale;

typedef struct
{
  /* people; -1 when Meta did not say */
  gint64   users_lower_bound;
  gint64   users_upper_bound;
  /* FALSE while Meta is still computing the estimate */
  gboolean ready;
} HdMetaReach;

/* One day of an object's insights. Counts are counts; money is minor units of the account
 * currency (Meta's offset, hd_money_get_exponent); -1 where Meta sent nothing. */
typedef struct
{
  /* YYYY-MM-DD in the ad account's time zone */
  char       *date;
  gint64      impressions;
  gint64      reach;
  gint64      clicks;
  /* click-through rate in percent */
  double      ctr;
  gint64      cpc;
  gint64      spend;
  /* action_type to its count, e.g. "link_click" */
  GHashTable *actions;
} HdMetaInsightsDay;

#define HD_TYPE_META_ADS (hd_meta_ads_get_type ())

G_DECLARE_FINAL_TYPE (HdMetaAds, hd_meta_ads, HD, META_ADS, GObject)

HdMetaAds         *hd_meta_ads_new                    (HdHttp              *http,
                                                       HdStore             *store,
                                                       HdChannel           *channel);
HdChannel         *hd_meta_ads_get_channel            (HdMetaAds           *self);

/* Ad accounts of the signed-in user: HdAdAccount objects with a fresh id, this channel,
 * the remote "act_…" id, name, currency and time zone. */
void               hd_meta_ads_list_ad_accounts_async (HdMetaAds           *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray         *hd_meta_ads_list_ad_accounts_finish (HdMetaAds          *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);

/* Reads GET /act_{id}/minimum_budgets into @account's four minimum daily budgets and sets
 * its fetched_at to now. */
void               hd_meta_ads_fetch_minimum_budgets_async  (HdMetaAds           *self,
                                                             HdAdAccount         *account,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean           hd_meta_ads_fetch_minimum_budgets_finish (HdMetaAds           *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* Creates a @kind object under the ad account @account_id ("act_…") from @params, whose
 * members are the create parameters of Meta's specs (strings, numbers, booleans, or JSON
 * objects and arrays for Object, list<…> and Targeting). Meta has no idempotency key: a
 * caller that may have sent the same create before looks first with
 * hd_meta_ads_find_by_name_async(). Finishes with the new object's id. */
void               hd_meta_ads_create_async           (HdMetaAds           *self,
                                                       const char          *account_id,
                                                       HdMetaAdsKind        kind,
                                                       JsonObject          *params,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char              *hd_meta_ads_create_finish          (HdMetaAds           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Sends only the members of @params to POST /{object_id}. */
void               hd_meta_ads_update_async           (HdMetaAds           *self,
                                                       const char          *object_id,
                                                       JsonObject          *params,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           hd_meta_ads_update_finish          (HdMetaAds           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* The object as Meta holds it now, with the @fields asked for (budgets come back as
 * strings), to tell a change made in Ads Manager. */
void               hd_meta_ads_read_async             (HdMetaAds           *self,
                                                       const char          *object_id,
                                                       const char * const  *fields,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
JsonObject        *hd_meta_ads_read_finish            (HdMetaAds           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* The id of the @kind object called exactly @name under @parent_id (an "act_…" account,
 * a campaign for ad sets and ads, an ad set for ads), or NULL without an error when there
 * is none: what makes resuming after a lost answer create nothing twice. */
void               hd_meta_ads_find_by_name_async     (HdMetaAds           *self,
                                                       const char          *parent_id,
                                                       HdMetaAdsKind        kind,
                                                       const char          *name,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char              *hd_meta_ads_find_by_name_finish    (HdMetaAds           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Interests matching @query, HdMetaInterest items. */
void               hd_meta_ads_search_interests_async (HdMetaAds           *self,
                                                       const char          *account_id,
                                                       const char          *query,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray         *hd_meta_ads_search_interests_finish (HdMetaAds          *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);

/* Places matching @query, HdMetaLocation items, of the @location_types given ("country",
 * "region", "city", "zip", …; NULL for every type). */
void               hd_meta_ads_search_locations_async (HdMetaAds           *self,
                                                       const char          *query,
                                                       const char * const  *location_types,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray         *hd_meta_ads_search_locations_finish (HdMetaAds          *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);

/* Languages matching @query, HdMetaLocale items. */
void               hd_meta_ads_search_locales_async   (HdMetaAds           *self,
                                                       const char          *query,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray         *hd_meta_ads_search_locales_finish  (HdMetaAds           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

void               hd_meta_ads_estimate_reach_async   (HdMetaAds           *self,
                                                       const char          *account_id,
                                                       JsonObject          *targeting,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
HdMetaReach       *hd_meta_ads_estimate_reach_finish  (HdMetaAds           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* One HdMetaInsightsDay per day from @since to @until (YYYY-MM-DD, both included) for the
 * campaign, ad set or ad @object_id, every page read; money in minor units of @currency. */
void               hd_meta_ads_fetch_insights_async   (HdMetaAds           *self,
                                                       const char          *object_id,
                                                       const char          *currency,
                                                       const char          *since,
                                                       const char          *until,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray         *hd_meta_ads_fetch_insights_finish  (HdMetaAds           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Uploads a picture to the account's image library; finishes with its image hash, which
 * a creative's image_hash takes. */
void               hd_meta_ads_upload_image_async     (HdMetaAds           *self,
                                                       const char          *account_id,
                                                       GBytes              *image,
                                                       const char          *filename,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char              *hd_meta_ads_upload_image_finish    (HdMetaAds           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* "12.34" in @currency to minor units (1234 for GBP, 12 for JPY); FALSE for what is not a
 * plain non-negative decimal. */
gboolean           hd_meta_ads_parse_money            (const char          *text,
                                                       const char          *currency,
                                                       gint64              *minor_units);

void               hd_meta_interest_free              (HdMetaInterest      *interest);
void               hd_meta_location_free              (HdMetaLocation      *location);
void               hd_meta_locale_free                (HdMetaLocale        *locale);
void               hd_meta_reach_free                 (HdMetaReach         *reach);
void               hd_meta_insights_day_free          (HdMetaInsightsDay   *day);
/* The count of @action_type on that day, 0 when there was none. */
gint64             hd_meta_insights_day_get_action    (HdMetaInsightsDay   *day,
                                                       const char          *action_type);

/* The parsers of Meta's answers, where the fuzz target reaches them. Each takes any JSON
 * at all and returns NULL (or FALSE) for what it cannot use. */
GPtrArray         *hd_meta_ads_parse_ad_accounts      (JsonNode            *node,
                                                       const char          *channel_id);
gboolean           hd_meta_ads_parse_minimum_budgets  (JsonNode            *node,
                                                       HdAdAccount         *account);
GPtrArray         *hd_meta_ads_parse_interests        (JsonNode            *node);
GPtrArray         *hd_meta_ads_parse_locations        (JsonNode            *node);
GPtrArray         *hd_meta_ads_parse_locales          (JsonNode            *node);
HdMetaReach       *hd_meta_ads_parse_reach            (JsonNode            *node);
/* Adds the days of one page to @days; @after is set to the cursor of the next page, or NULL
 * on the last one. */
gboolean           hd_meta_ads_parse_insights         (JsonNode            *node,
                                                       const char          *currency,
                                                       GPtrArray           *days,
                                                       char               **after);
char              *hd_meta_ads_parse_image_hash       (JsonNode            *node);
/* The id of the object named @name on one page of a list, and the next page's cursor. */
char              *hd_meta_ads_parse_named            (JsonNode            *node,
                                                       const char          *name,
                                                       char               **after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdMetaInterest, hd_meta_interest_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdMetaLocation, hd_meta_location_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdMetaLocale, hd_meta_locale_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdMetaReach, hd_meta_reach_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdMetaInsightsDay, hd_meta_insights_day_free)

G_END_DECLS
