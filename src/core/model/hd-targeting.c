/* hd-targeting.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-targeting.h"

/* Field names and types follow Targeting.json and TargetingGeoLocation*.json of the Marketing
 * API specs: geo_locations / excluded_geo_locations (TargetingGeoLocation: countries
 * list<string>, regions list<{key,name,country}>, cities list<{key,name,region,country,
 * radius: unsigned int, distance_unit}>, custom_locations list<{latitude, longitude: float,
 * radius: float, distance_unit, name, address_string}>), age_min / age_max unsigned int,
 * genders list<unsigned int>, locales list<unsigned int>, flexible_spec
 * list<FlexibleTargeting>, exclusions FlexibleTargeting, custom_audiences, and
 * targeting_automation. distance_unit is "mile" or "kilometer" as in the examples of
 * developers.facebook.com/docs/marketing-api/bidding/overview/billing-events. */

G_DEFINE_QUARK (hd-targeting-error-quark, hd_targeting_error)

HdLocation *
hd_location_new (HdLocationKind  kind,
                 const char     *key,
                 const char     *name)
{
  HdLocation *location = g_new0 (HdLocation, 1);

  location->kind = kind;
  location->key = g_strdup (key);
  location->name = g_strdup (name);
  location->unit = HD_DISTANCE_KILOMETERS;
  return location;
}

void
hd_location_free (HdLocation *location)
{
  if (location == NULL)
    return;

  g_free (location->key);
  g_free (location->name);
  g_free (location->region);
  g_free (location->country);
  g_free (location);
}

HdTargetingItem *
hd_targeting_item_new (const char *id,
                       const char *name)
{
  HdTargetingItem *item = g_new0 (HdTargetingItem, 1);

  item->id = g_strdup (id);
  item->name = g_strdup (name);
  return item;
}

void
hd_targeting_item_free (HdTargetingItem *item)
{
  if (item == NULL)
    return;

  g_free (item->id);
  g_free (item->name);
  g_free (item);
}

static void
interest_group_free (HdInterestGroup *group)
{
  g_clear_pointer (&group->interests, g_ptr_array_unref);
  g_clear_pointer (&group->other, json_object_unref);
  g_free (group);
}

HdTargeting *
hd_targeting_new (void)
{
  HdTargeting *self = g_new0 (HdTargeting, 1);

  self->locations = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_location_free);
  self->excluded_locations = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_location_free);
  self->genders = g_array_new (FALSE, FALSE, sizeof (guint));
  self->locales = g_array_new (FALSE, FALSE, sizeof (guint));
  self->interest_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) interest_group_free);
  self->excluded_interests =
    g_ptr_array_new_with_free_func ((GDestroyNotify) hd_targeting_item_free);
  self->custom_audiences =
    g_ptr_array_new_with_free_func ((GDestroyNotify) hd_targeting_item_free);
  self->other = json_object_new ();
  self->geo_other = json_object_new ();
  self->excluded_geo_other = json_object_new ();
  self->exclusions_other = json_object_new ();
  return self;
}

void
hd_targeting_free (HdTargeting *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->locations);
  g_ptr_array_unref (self->excluded_locations);
  g_array_unref (self->genders);
  g_array_unref (self->locales);
  g_ptr_array_unref (self->interest_groups);
  g_ptr_array_unref (self->excluded_interests);
  g_ptr_array_unref (self->custom_audiences);
  json_object_unref (self->other);
  json_object_unref (self->geo_other);
  json_object_unref (self->excluded_geo_other);
  json_object_unref (self->exclusions_other);
  g_free (self);
}

HdInterestGroup *
hd_targeting_add_group (HdTargeting *self)
{
  HdInterestGroup *group = g_new0 (HdInterestGroup, 1);

  group->interests = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_targeting_item_free);
  group->other = json_object_new ();
  g_ptr_array_add (self->interest_groups, group);
  return group;
}

/* Writing */

static void
copy_members (JsonObject *from,
              JsonObject *to)
{
  g_autoptr(GList) names = json_object_get_members (from);

  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (to, l->data, json_node_copy (json_object_get_member (from, l->data)));
}

static JsonArray *
items_to_array (GPtrArray *items)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < items->len; i++)
    {
      HdTargetingItem *item = g_ptr_array_index (items, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", item->id);
      if (item->name != NULL)
        json_object_set_string_member (object, "name", item->name);
      json_array_add_object_element (array, object);
    }

  return array;
}

static JsonArray *
uints_to_array (GArray *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < values->len; i++)
    json_array_add_int_element (array, g_array_index (values, guint, i));

  return array;
}

static void
set_optional_string (JsonObject *object,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

static const char *
unit_to_string (HdDistanceUnit unit)
{
  return unit == HD_DISTANCE_MILES ? "mile" : "kilometer";
}

static JsonObject *
locations_to_object (GPtrArray  *locations,
                     JsonObject *other)
{
  JsonObject *geo = json_object_new ();
  JsonArray *countries = json_array_new ();
  JsonArray *regions = json_array_new ();
  JsonArray *cities = json_array_new ();
  JsonArray *pins = json_array_new ();

  copy_members (other, geo);

  for (guint i = 0; i < locations->len; i++)
    {
      HdLocation *location = g_ptr_array_index (locations, i);
      JsonObject *object;

      if (location->kind == HD_LOCATION_COUNTRY)
        {
          json_array_add_string_element (countries, location->key);
          continue;
        }

      object = json_object_new ();
      switch (location->kind)
        {
        case HD_LOCATION_REGION:
          json_object_set_string_member (object, "key", location->key);
          set_optional_string (object, "name", location->name);
          set_optional_string (object, "country", location->country);
          json_array_add_object_element (regions, object);
          break;

        case HD_LOCATION_CITY:
          json_object_set_string_member (object, "key", location->key);
          set_optional_string (object, "name", location->name);
          set_optional_string (object, "region", location->region);
          set_optional_string (object, "country", location->country);
          if (location->radius > 0)
            {
              json_object_set_int_member (object, "radius", (gint64) location->radius);
              json_object_set_string_member (object, "distance_unit",
                                             unit_to_string (location->unit));
            }
          json_array_add_object_element (cities, object);
          break;

        case HD_LOCATION_PIN:
          json_object_set_double_member (object, "latitude", location->latitude);
          json_object_set_double_member (object, "longitude", location->longitude);
          json_object_set_double_member (object, "radius", location->radius);
          json_object_set_string_member (object, "distance_unit",
                                         unit_to_string (location->unit));
          set_optional_string (object, "name", location->name);
          set_optional_string (object, "country", location->country);
          json_array_add_object_element (pins, object);
          break;

        case HD_LOCATION_COUNTRY:
        default:
          g_assert_not_reached ();
        }
    }

  if (json_array_get_length (countries) > 0)
    json_object_set_array_member (geo, "countries", countries);
  else
    json_array_unref (countries);
  if (json_array_get_length (regions) > 0)
    json_object_set_array_member (geo, "regions", regions);
  else
    json_array_unref (regions);
  if (json_array_get_length (cities) > 0)
    json_object_set_array_member (geo, "cities", cities);
  else
    json_array_unref (cities);
  if (json_array_get_length (pins) > 0)
    json_object_set_array_member (geo, "custom_locations", pins);
  else
    json_array_unref (pins);

  return geo;
}

JsonNode *
hd_targeting_to_node (const HdTargeting *self)
{
  JsonObject *spec = json_object_new ();
  JsonNode *root;

  g_return_val_if_fail (self != NULL, NULL);

  copy_members (self->other, spec);

  if (self->locations->len > 0 || json_object_get_size (self->geo_other) > 0)
    json_object_set_object_member (spec, "geo_locations",
                                   locations_to_object (self->locations, self->geo_other));
  if (self->excluded_locations->len > 0 || json_object_get_size (self->excluded_geo_other) > 0)
    json_object_set_object_member (spec, "excluded_geo_locations",
                                   locations_to_object (self->excluded_locations,
                                                        self->excluded_geo_other));
  if (self->age_min > 0)
    json_object_set_int_member (spec, "age_min", self->age_min);
  if (self->age_max > 0)
    json_object_set_int_member (spec, "age_max", self->age_max);
  if (self->genders->len > 0)
    json_object_set_array_member (spec, "genders", uints_to_array (self->genders));
  if (self->locales->len > 0)
    json_object_set_array_member (spec, "locales", uints_to_array (self->locales));

  if (self->interest_groups->len > 0)
    {
      JsonArray *flexible = json_array_new ();

      for (guint i = 0; i < self->interest_groups->len; i++)
        {
          HdInterestGroup *group = g_ptr_array_index (self->interest_groups, i);
          JsonObject *object = json_object_new ();

          copy_members (group->other, object);
          if (group->interests->len > 0)
            json_object_set_array_member (object, "interests", items_to_array (group->interests));
          if (json_object_get_size (object) > 0)
            json_array_add_object_element (flexible, object);
          else
            json_object_unref (object);
        }
      if (json_array_get_length (flexible) > 0)
        json_object_set_array_member (spec, "flexible_spec", flexible);
      else
        json_array_unref (flexible);
    }

  if (self->excluded_interests->len > 0 || json_object_get_size (self->exclusions_other) > 0)
    {
      JsonObject *exclusions = json_object_new ();

      copy_members (self->exclusions_other, exclusions);
      if (self->excluded_interests->len > 0)
        json_object_set_array_member (exclusions, "interests",
                                      items_to_array (self->excluded_interests));
      json_object_set_object_member (spec, "exclusions", exclusions);
    }

  if (self->custom_audiences->len > 0)
    json_object_set_array_member (spec, "custom_audiences",
                                  items_to_array (self->custom_audiences));

  if (self->advantage_audience != HD_ADVANTAGE_AUDIENCE_UNSET)
    {
      JsonObject *automation = json_object_new ();
      JsonNode *kept = json_object_get_member (self->other, "targeting_automation");

      if (kept != NULL && JSON_NODE_HOLDS_OBJECT (kept))
        copy_members (json_node_get_object (kept), automation);
      json_object_set_int_member (automation, "advantage_audience",
                                  self->advantage_audience == HD_ADVANTAGE_AUDIENCE_ON ? 1 : 0);
      json_object_set_object_member (spec, "targeting_automation", automation);
    }

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, spec);
  return root;
}

char *
hd_targeting_to_json (const HdTargeting *self)
{
  g_autoptr(JsonNode) root = hd_targeting_to_node (self);

  return json_to_string (root, FALSE);
}

/* Reading */

static gboolean
refuse (GError     **error,
        const char  *field)
{
  /* Translators: %s is the name of a field of Meta's targeting spec, such as age_min. */
  g_set_error (error, HD_TARGETING_ERROR, HD_TARGETING_ERROR_INVALID,
               _("The audience can’t be read: its field %s has the wrong form."), field);
  return FALSE;
}

static gboolean
node_is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_number (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && (json_node_get_value_type (node) == G_TYPE_INT64
             || json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* Meta writes ids and keys as strings, and some older specs as numbers: keep either. */
static char *
dup_id (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
read_items (JsonNode    *node,
            GPtrArray   *items,
            const char  *field,
            GError     **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return refuse (error, field);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      g_autofree char *id = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return refuse (error, field);
      object = json_node_get_object (element);
      id = dup_id (json_object_get_member (object, "id"));
      if (id == NULL)
        return refuse (error, field);
      g_ptr_array_add (items, hd_targeting_item_new (id, get_string (object, "name")));
    }
  return TRUE;
}

static gboolean
read_uints (JsonNode    *node,
            GArray      *values,
            const char  *field,
            GError     **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return refuse (error, field);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      guint value;

      if (!node_is_int (element) || json_node_get_int (element) < 0
          || json_node_get_int (element) > G_MAXUINT)
        return refuse (error, field);
      value = (guint) json_node_get_int (element);
      g_array_append_val (values, value);
    }
  return TRUE;
}

static gboolean
read_unit (JsonObject     *object,
           HdDistanceUnit *unit)
{
  const char *name = get_string (object, "distance_unit");

  if (name == NULL || strcmp (name, "kilometer") == 0)
    *unit = HD_DISTANCE_KILOMETERS;
  else if (strcmp (name, "mile") == 0)
    *unit = HD_DISTANCE_MILES;
  else
    return FALSE;
  return TRUE;
}

static gboolean
read_location_list (JsonObject      *geo,
                    const char      *member,
                    HdLocationKind   kind,
                    GPtrArray       *locations,
                    GError         **error)
{
  JsonNode *node = json_object_get_member (geo, member);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return refuse (error, member);
  array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      HdLocation *location;
      g_autofree char *key = NULL;

      if (kind == HD_LOCATION_COUNTRY)
        {
          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING)
            return refuse (error, member);
          g_ptr_array_add (locations, hd_location_new (kind, json_node_get_string (element),
                                                       NULL));
          continue;
        }

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return refuse (error, member);
      object = json_node_get_object (element);
      key = dup_id (json_object_get_member (object, "key"));
      if (kind != HD_LOCATION_PIN && key == NULL)
        return refuse (error, member);

      location = hd_location_new (kind, key, get_string (object, "name"));
      g_ptr_array_add (locations, location);
      location->region = g_strdup (get_string (object, "region"));
      location->country = g_strdup (get_string (object, "country"));
      if (!read_unit (object, &location->unit))
        return refuse (error, member);

      if (json_object_has_member (object, "radius"))
        {
          JsonNode *radius = json_object_get_member (object, "radius");

          if (!node_is_number (radius) || json_node_get_double (radius) < 0)
            return refuse (error, member);
          location->radius = json_node_get_double (radius);
        }

      if (kind == HD_LOCATION_PIN)
        {
          JsonNode *latitude = json_object_get_member (object, "latitude");
          JsonNode *longitude = json_object_get_member (object, "longitude");

          if (!node_is_number (latitude) || !node_is_number (longitude))
            return refuse (error, member);
          location->latitude = json_node_get_double (latitude);
          location->longitude = json_node_get_double (longitude);
          if (location->name == NULL)
            location->name = g_strdup (get_string (object, "address_string"));
        }
    }

  return TRUE;
}

static gboolean
read_geo (JsonNode    *node,
          const char  *field,
          GPtrArray   *locations,
          JsonObject  *other,
          GError     **error)
{
  static const struct
  {
    const char *member;
    HdLocationKind kind;
  } lists[] = {
    { "countries", HD_LOCATION_COUNTRY },
    { "regions", HD_LOCATION_REGION },
    { "cities", HD_LOCATION_CITY },
    { "custom_locations", HD_LOCATION_PIN },
  };
  JsonObject *geo;
  g_autoptr(GList) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return refuse (error, field);
  geo = json_node_get_object (node);

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (json_object_has_member (geo, lists[i].member)
        && !read_location_list (geo, lists[i].member, lists[i].kind, locations, error))
      return FALSE;

  names = json_object_get_members (geo);
  for (GList *l = names; l != NULL; l = l->next)
    {
      gboolean modelled = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
        modelled |= strcmp (l->data, lists[i].member) == 0;
      if (!modelled)
        json_object_set_member (other, l->data,
                                json_node_copy (json_object_get_member (geo, l->data)));
    }

  return TRUE;
}

/* Copies every member of @from except "interests" into @other, and reads the interests. */
static gboolean
read_flexible (JsonNode    *node,
               const char  *field,
               GPtrArray   *interests,
               JsonObject  *other,
               GError     **error)
{
  JsonObject *object;
  g_autoptr(GList) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return refuse (error, field);
  object = json_node_get_object (node);

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *member = json_object_get_member (object, l->data);

      if (strcmp (l->data, "interests") == 0)
        {
          if (!read_items (member, interests, field, error))
            return FALSE;
        }
      else
        json_object_set_member (other, l->data, json_node_copy (member));
    }

  return TRUE;
}

static gboolean
read_age (JsonNode    *node,
          const char  *field,
          guint       *age,
          GError     **error)
{
  if (!node_is_int (node) || json_node_get_int (node) < 0 || json_node_get_int (node) > 200)
    return refuse (error, field);
  *age = (guint) json_node_get_int (node);
  return TRUE;
}

static gboolean
read_member (HdTargeting  *self,
             const char   *name,
             JsonNode     *node,
             GError      **error)
{
  if (strcmp (name, "geo_locations") == 0)
    return read_geo (node, name, self->locations, self->geo_other, error);
  if (strcmp (name, "excluded_geo_locations") == 0)
    return read_geo (node, name, self->excluded_locations, self->excluded_geo_other, error);
  if (strcmp (name, "age_min") == 0)
    return read_age (node, name, &self->age_min, error);
  if (strcmp (name, "age_max") == 0)
    return read_age (node, name, &self->age_max, error);
  if (strcmp (name, "genders") == 0)
    return read_uints (node, self->genders, name, error);
  if (strcmp (name, "locales") == 0)
    return read_uints (node, self->locales, name, error);
  if (strcmp (name, "custom_audiences") == 0)
    return read_items (node, self->custom_audiences, name, error);
  if (strcmp (name, "exclusions") == 0)
    return read_flexible (node, name, self->excluded_interests, self->exclusions_other, error);

  if (strcmp (name, "flexible_spec") == 0)
    {
      JsonArray *groups;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return refuse (error, name);
      groups = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (groups); i++)
        {
          HdInterestGroup *group = hd_targeting_add_group (self);

          if (!read_flexible (json_array_get_element (groups, i), name, group->interests,
                              group->other, error))
            return FALSE;
        }
      return TRUE;
    }

  if (strcmp (name, "targeting_automation") == 0)
    {
      JsonNode *flag;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return refuse (error, name);
      flag = json_object_get_member (json_node_get_object (node), "advantage_audience");
      if (flag != NULL)
        {
          if (!node_is_int (flag) || (json_node_get_int (flag) != 0
                                      && json_node_get_int (flag) != 1))
            return refuse (error, name);
          self->advantage_audience = json_node_get_int (flag) == 1 ? HD_ADVANTAGE_AUDIENCE_ON
                                                                   : HD_ADVANTAGE_AUDIENCE_OFF;
        }
      /* Kept whole, so any other automation setting goes back as it came. */
    }

  json_object_set_member (self->other, name, json_node_copy (node));
  return TRUE;
}

HdTargeting *
hd_targeting_new_from_json (const char  *json,
                            GError     **error)
{
  g_autoptr(HdTargeting) self = hd_targeting_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *spec;

  if (json == NULL || *json == '\0')
    return g_steal_pointer (&self);

  root = json_from_string (json, &local_error);
  if (root == NULL)
    {
      g_set_error (error, HD_TARGETING_ERROR, HD_TARGETING_ERROR_INVALID,
                   _("The audience can’t be read: %s"), local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, HD_TARGETING_ERROR, HD_TARGETING_ERROR_INVALID,
                   _("The audience can’t be read: it is not a targeting spec."));
      return NULL;
    }

  spec = json_node_get_object (root);
  names = json_object_get_members (spec);
  for (GList *l = names; l != NULL; l = l->next)
    if (!read_member (self, l->data, json_object_get_member (spec, l->data), error))
      return NULL;

  return g_steal_pointer (&self);
}

/* Summary */

static char *
describe_place (const HdLocation *location)
{
  const char *name = location->name != NULL ? location->name : location->key;
  const char *area = location->region != NULL ? location->region : location->country;

  if (name == NULL)
    return g_strdup_printf ("%.4f, %.4f", location->latitude, location->longitude);
  if (location->kind != HD_LOCATION_COUNTRY && area != NULL && g_strcmp0 (area, name) != 0)
    /* Translators: a place and the region or country it is in: "Watford, England" */
    return g_strdup_printf (_("%s, %s"), name, area);
  return g_strdup (name);
}

static char *
describe_location (const HdLocation *location)
{
  g_autofree char *place = describe_place (location);
  g_autofree char *distance = NULL;

  if (location->radius <= 0)
    /* Translators: where the people are: "in Watford, England" */
    return g_strdup_printf (_("in %s"), place);

  if (location->unit == HD_DISTANCE_MILES)
    /* Translators: a distance in miles, "10 mi" */
    distance = g_strdup_printf (_("%g mi"), location->radius);
  else
    /* Translators: a distance in kilometres, "16 km" */
    distance = g_strdup_printf (_("%g km"), location->radius);

  /* Translators: "within 10 mi of Watford, England" */
  return g_strdup_printf (_("within %s of %s"), distance, place);
}

static char *
join_items (GPtrArray  *items,
            const char *separator)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < items->len; i++)
    {
      HdTargetingItem *item = g_ptr_array_index (items, i);

      g_strv_builder_add (names, item->name != NULL ? item->name : item->id);
    }
  strv = g_strv_builder_end (names);
  return g_strjoinv (separator, strv);
}

static char *
join_locales (GArray     *locales,
              GHashTable *locale_names)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < locales->len; i++)
    {
      guint key = g_array_index (locales, guint, i);
      const char *name = g_hash_table_lookup (locale_names, GUINT_TO_POINTER (key));

      if (i > 0)
        g_string_append (names, _(" or "));
      if (name != NULL)
        g_string_append (names, name);
      else
        /* Translators: a language whose name is not known offline; %u is Meta's number */
        g_string_append_printf (names, _("Language %u"), key);
    }

  return g_string_free (names, FALSE);
}

char *
hd_targeting_describe (const HdTargeting *self)
{
  return hd_targeting_describe_with_locale_names (self, NULL);
}

char *
hd_targeting_describe_with_locale_names (const HdTargeting *self,
                                         GHashTable        *locale_names)
{
  GString *out = g_string_new (NULL);
  guint groups_described = 0;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->age_min > 0 && self->age_max >= 65)
    /* Translators: "People 25 and over" */
    g_string_append_printf (out, _("People %u and over"), self->age_min);
  else if (self->age_min > 0 && self->age_max > 0)
    /* Translators: an age range, "People 25–45" */
    g_string_append_printf (out, _("People %u–%u"), self->age_min, self->age_max);
  else if (self->age_min > 0)
    g_string_append_printf (out, _("People %u and over"), self->age_min);
  else if (self->age_max > 0 && self->age_max < 65)
    /* Translators: "People up to 45" */
    g_string_append_printf (out, _("People up to %u"), self->age_max);
  else
    g_string_append (out, _("People"));

  if (self->custom_audiences->len > 0)
    {
      g_autofree char *names = join_items (self->custom_audiences, _(" or "));

      /* Translators: custom audiences, "from Newsletter subscribers" */
      g_string_append_printf (out, _(" from %s"), names);
    }

  for (guint i = 0; i < self->locations->len; i++)
    {
      g_autofree char *where = describe_location (g_ptr_array_index (self->locations, i));

      g_string_append (out, i == 0 ? " " : _(" or "));
      g_string_append (out, where);
    }

  if (self->excluded_locations->len > 0)
    {
      g_string_append (out, _(", excluding "));
      for (guint i = 0; i < self->excluded_locations->len; i++)
        {
          g_autofree char *place = describe_place (g_ptr_array_index (self->excluded_locations, i));

          if (i > 0)
            g_string_append (out, _(" or "));
          g_string_append (out, place);
        }
    }

  if (self->locales->len > 0 && locale_names != NULL)
    {
      g_autofree char *names = join_locales (self->locales, locale_names);

      /* Translators: languages, "speaking English (UK) or Welsh" */
      g_string_append_printf (out, _(", speaking %s"), names);
    }
  else if (self->locales->len > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                              ", who speak the chosen language",
                                              ", who speak one of %u chosen languages",
                                              self->locales->len),
                            self->locales->len);

  for (guint i = 0; i < self->interest_groups->len; i++)
    {
      HdInterestGroup *group = g_ptr_array_index (self->interest_groups, i);
      g_autofree char *names = NULL;

      if (group->interests->len == 0)
        continue;
      names = join_items (group->interests, _(" or "));
      if (groups_described == 0)
        /* Translators: "interested in Dogs or Pet grooming" */
        g_string_append_printf (out, _(", interested in %s"), names);
      else
        /* Translators: a further group of interests that people must also have */
        g_string_append_printf (out, _(", and in %s"), names);
      groups_described++;
    }

  if (self->excluded_interests->len > 0)
    {
      g_autofree char *names = join_items (self->excluded_interests, _(" or "));

      /* Translators: excluded interests, "but not in Cats" */
      g_string_append_printf (out, _(", but not in %s"), names);
    }

  if (self->advantage_audience == HD_ADVANTAGE_AUDIENCE_ON)
    g_string_append (out, _(". Advantage audience is on: Meta may also show the ad to people "
                            "beyond this audience"));

  return g_string_free (out, FALSE);
}
