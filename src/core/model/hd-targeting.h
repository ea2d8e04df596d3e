/* hd-targeting.h: an audience as the user builds it, and Meta's targeting spec JSON.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HD_TARGETING_ERROR (hd_targeting_error_quark ())

typedef enum
{
  HD_TARGETING_ERROR_INVALID,
} HdTargetingError;

typedef enum
{
  HD_LOCATION_COUNTRY,
  HD_LOCATION_REGION,
  HD_LOCATION_CITY,
  /* a dropped pin: custom_locations */
  HD_LOCATION_PIN,
} HdLocationKind;

typedef enum
{
  HD_DISTANCE_KILOMETERS,
  HD_DISTANCE_MILES,
} HdDistanceUnit;

/* targeting_automation.advantage_audience must be sent explicitly: Meta refuses an ad set
 * without it (error subcode 1870227). UNSET is only ever a draft that Check stops. */
typedef enum
{
  HD_ADVANTAGE_AUDIENCE_UNSET,
  HD_ADVANTAGE_AUDIENCE_OFF,
  HD_ADVANTAGE_AUDIENCE_ON,
} HdAdvantageAudience;

typedef struct
{
  HdLocationKind  kind;
  /* ISO 3166 code for a country, Meta's key for a region or city; NULL for a pin */
  char           *key;
  /* as Meta's search named it ("Watford"), kept so the summary works offline */
  char           *name;
  char           *region;
  char           *country;
  /* 0 for a whole city; cities take whole numbers, pins fractions */
  double          radius;
  HdDistanceUnit  unit;
  double          latitude;
  double          longitude;
} HdLocation;

/* An interest, behaviour or custom audience: Meta's id and the name shown for it. */
typedef struct
{
  char *id;
  char *name;
} HdTargetingItem;

/* People match a group when they have any one of its interests, and the audience when they
 * match every group: one FlexibleTargeting object of flexible_spec per group. */
typedef struct
{
  GPtrArray  *interests;
  /* other members of the FlexibleTargeting object (behaviors...), kept as they came */
  JsonObject *other;
} HdInterestGroup;

typedef struct
{
  GPtrArray           *locations;           /* HdLocation */
  GPtrArray           *excluded_locations;  /* HdLocation */
  guint                age_min;             /* 0: not set */
  guint                age_max;             /* 0: not set; 65 means 65 and over */
  GArray              *genders;             /* guint, as Meta numbers them */
  GArray              *locales;             /* guint keys from the adlocale search */
  GPtrArray           *interest_groups;     /* HdInterestGroup */
  GPtrArray           *excluded_interests;  /* HdTargetingItem */
  GPtrArray           *custom_audiences;    /* HdTargetingItem */
  HdAdvantageAudience  advantage_audience;

  /* Members Herald does not edit, written back untouched so nothing is lost. */
  JsonObject          *other;
  JsonObject          *geo_other;
  JsonObject          *excluded_geo_other;
  JsonObject          *exclusions_other;
} HdTargeting;

GQuark           hd_targeting_error_quark   (void);

HdTargeting     *hd_targeting_new           (void);
void             hd_targeting_free          (HdTargeting         *self);

HdLocation      *hd_location_new            (HdLocationKind       kind,
                                             const char          *key,
                                             const char          *name);
void             hd_location_free           (HdLocation          *location);
HdTargetingItem *hd_targeting_item_new      (const char          *id,
                                             const char          *name);
void             hd_targeting_item_free     (HdTargetingItem     *item);
/* Appends a new, empty group and returns it. */
HdInterestGroup *hd_targeting_add_group     (HdTargeting         *self);

/* The spec ad sets and audiences store and send. */
char            *hd_targeting_to_json       (const HdTargeting   *self);
JsonNode        *hd_targeting_to_node       (const HdTargeting   *self);
HdTargeting     *hd_targeting_new_from_json (const char          *json,
                                             GError             **error);

/* "People 25–45 within 10 mi of Watford, England, interested in Dogs or Pet grooming" */
char            *hd_targeting_describe      (const HdTargeting   *self);
/* The same, naming the languages ("…, speaking English (UK) or Welsh"): @locale_names maps
 * each locale key (GUINT_TO_POINTER) to its name, and a key it lacks reads "Language 65".
 * The names stay beside the spec, never in it, so the spec remains Meta's own. */
char            *hd_targeting_describe_with_locale_names (const HdTargeting *self,
                                                          GHashTable        *locale_names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdTargeting, hd_targeting_free)

G_END_DECLS
