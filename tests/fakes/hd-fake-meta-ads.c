/* hd-fake-meta-ads.c
 *
 * Routes and answer shapes: reference/channel-apis.md §7 and Meta's pages cited in
 * src/core/channels/hd-meta-ads.c. What may be sent comes only from the spec files.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-fake-meta-ads.h"

typedef struct
{
  char     *name;
  char     *type;
  gboolean  required;
} Param;

typedef struct
{
  char      *method;
  /* NULL for the node itself */
  char      *endpoint;
  GPtrArray *params;
} Api;

typedef struct
{
  GHashTable *fields;
  GPtrArray  *apis;
} Spec;

static const char * const kind_specs[] = { "Campaign", "AdSet", "AdCreative", "Ad" };
static const char * const kind_edges[] = { "campaigns", "adsets", "adcreatives", "ads" };

/* Graph's own paging parameters, which every list takes
 * (developers.facebook.com/docs/graph-api/results), and `fields`. */
static const char * const graph_get_params[] = { "fields", "limit", "after", "before", NULL };

/* GET /search, developers.facebook.com/docs/marketing-api/audiences/reference/
 * targeting-search: not in the codegen specs. */
static const char * const search_params[] = { "type", "q", "location_types", "limit", NULL };
static const char * const search_types[] = { "adinterest", "adgeolocation", "adlocale", NULL };
static const char * const location_types[] = {
  "country", "country_group", "region", "city", "zip", "geo_market", "electoral_district",
  "political_district", "medium_geo_area", "large_geo_area", "small_geo_area", "metro_area",
  "neighborhood", "subneighborhood", "subcity", "place", NULL,
};

/* Loading the specs */

static void
param_free (Param *param)
{
  g_free (param->name);
  g_free (param->type);
  g_free (param);
}

static void
api_free (Api *api)
{
  g_free (api->method);
  g_free (api->endpoint);
  g_ptr_array_unref (api->params);
  g_free (api);
}

static void
spec_free (Spec *spec)
{
  g_hash_table_unref (spec->fields);
  g_ptr_array_unref (spec->apis);
  g_free (spec);
}

static Spec *
load_spec (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *fields;
  JsonArray *apis;
  Spec *spec;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("Meta spec %s does not load: %s", path, error->message);

  root = json_node_get_object (json_parser_get_root (parser));
  fields = json_object_get_array_member (root, "fields");
  apis = json_object_get_array_member (root, "apis");

  spec = g_new0 (Spec, 1);
  spec->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  spec->apis = g_ptr_array_new_with_free_func ((GDestroyNotify) api_free);

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);

      g_hash_table_replace (spec->fields,
                            g_strdup (json_object_get_string_member (field, "name")),
                            g_strdup (json_object_get_string_member (field, "type")));
    }

  for (guint i = 0; i < json_array_get_length (apis); i++)
    {
      JsonObject *object = json_array_get_object_element (apis, i);
      JsonArray *params = json_object_has_member (object, "params")
                          ? json_object_get_array_member (object, "params") : NULL;
      Api *api = g_new0 (Api, 1);

      api->method = g_strdup (json_object_get_string_member (object, "method"));
      api->endpoint = g_strdup (json_object_get_string_member_with_default (object, "endpoint",
                                                                            NULL));
      api->params = g_ptr_array_new_with_free_func ((GDestroyNotify) param_free);
      for (guint j = 0; params != NULL && j < json_array_get_length (params); j++)
        {
          JsonObject *member = json_array_get_object_element (params, j);
          Param *param = g_new0 (Param, 1);

          param->name = g_strdup (json_object_get_string_member (member, "name"));
          param->type = g_strdup (json_object_get_string_member (member, "type"));
          param->required = json_object_get_boolean_member_with_default (member, "required",
                                                                         FALSE);
          g_ptr_array_add (api->params, param);
        }
      g_ptr_array_add (spec->apis, api);
    }

  return spec;
}

static GPtrArray *
split_values (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (parts[i]));

      if (*value != '\0')
        g_ptr_array_add (values, g_steal_pointer (&value));
    }

  return values;
}

/* Lines of SUMMARY.md such as
 *   "  - `adaccountcampaigns_objective_enum_param` (21): APP_INSTALLS, BRAND_AWARENESS, …"
 * and "  - (same list as node enum `adcampaigngroup_objective`)". */
static void
load_summary_enums (HdFakeMetaAds *self,
                    const char    *path)
{
  g_autoptr(GRegex) listed = g_regex_new ("`([A-Za-z_]+)` \\(([0-9]+)\\): (.+)$", 0, 0, NULL);
  g_autoptr(GRegex) same = g_regex_new ("same list as node enum `([A-Za-z_]+)`", 0, 0, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *previous = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("Meta spec summary %s does not load: %s", path, error->message);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (listed, lines[i], 0, &match))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);
          g_autofree char *count = g_match_info_fetch (match, 2);
          g_autofree char *values = g_match_info_fetch (match, 3);
          GPtrArray *list = split_values (values);

          if (list->len != g_ascii_strtoull (count, NULL, 10))
            g_error ("SUMMARY.md lists %u values of %s, not the %s it says", list->len, name,
                     count);
          g_hash_table_replace (self->enums, g_strdup (name), list);
          g_free (previous);
          previous = g_steal_pointer (&name);
          continue;
        }

      g_clear_pointer (&match, g_match_info_free);
      if (previous != NULL && g_regex_match (same, lines[i], 0, &match))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);

          g_hash_table_replace (self->enums, g_steal_pointer (&name),
                                g_ptr_array_ref (g_hash_table_lookup (self->enums, previous)));
        }
    }
}

/* The enums SUMMARY.md does not list, from the full table when the folder has it. */
static void
load_enum_table (HdFakeMetaAds *self,
                 const char    *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *enums;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  if (!json_parser_load_from_file (parser, path, NULL))
    g_error ("Meta enum table %s does not load", path);

  enums = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (enums); i++)
    {
      JsonObject *entry = json_array_get_object_element (enums, i);
      const char *name = json_object_get_string_member (entry, "name");
      JsonArray *values = json_object_get_array_member (entry, "values");
      GPtrArray *list;

      if (g_hash_table_contains (self->enums, name))
        continue;

      list = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; j < json_array_get_length (values); j++)
        g_ptr_array_add (list, g_strdup (json_array_get_string_element (values, j)));
      g_hash_table_replace (self->enums, g_strdup (name), list);
    }
}

static void
load_specs (HdFakeMetaAds *self)
{
  const char *dir = g_getenv ("HERALD_META_SPECS_DIR");
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *table = NULL;
  const char *name;

  if (dir == NULL || *dir == '\0')
    g_error ("HERALD_META_SPECS_DIR is not set: the Marketing API fake needs Meta's specs "
             "to check what Herald sends");

  folder = g_dir_open (dir, 0, &error);
  if (folder == NULL)
    g_error ("Meta's specs are missing from %s: %s", dir, error->message);

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *node = NULL;

      if (!g_str_has_suffix (name, ".json") || g_str_equal (name, "enum_types.json"))
        continue;

      path = g_build_filename (dir, name, NULL);
      node = g_strndup (name, strlen (name) - strlen (".json"));
      g_hash_table_replace (self->specs, g_steal_pointer (&node), load_spec (path));
    }

  for (guint i = 0; i < G_N_ELEMENTS (kind_specs); i++)
    if (!g_hash_table_contains (self->specs, kind_specs[i]))
      g_error ("%s.json is missing from %s", kind_specs[i], dir);
  if (!g_hash_table_contains (self->specs, "AdAccount")
      || !g_hash_table_contains (self->specs, "Targeting"))
    g_error ("AdAccount.json or Targeting.json is missing from %s", dir);

  summary = g_build_filename (dir, "SUMMARY.md", NULL);
  load_summary_enums (self, summary);
  table = g_build_filename (dir, "enum_types.json", NULL);
  load_enum_table (self, table);
}

static Api *
find_api (HdFakeMetaAds *self,
          const char    *node,
          const char    *method,
          const char    *endpoint)
{
  Spec *spec = g_hash_table_lookup (self->specs, node);

  for (guint i = 0; spec != NULL && i < spec->apis->len; i++)
    {
      Api *api = g_ptr_array_index (spec->apis, i);

      if (g_str_equal (api->method, method) && g_strcmp0 (api->endpoint, endpoint) == 0)
        return api;
    }

  return NULL;
}

static Param *
find_param (Api        *api,
            const char *name)
{
  for (guint i = 0; i < api->params->len; i++)
    {
      Param *param = g_ptr_array_index (api->params, i);

      if (g_str_equal (param->name, name))
        return param;
    }

  return NULL;
}

gboolean
hd_fake_meta_ads_enum_has (HdFakeMetaAds *self,
                           const char    *enum_name,
                           const char    *value)
{
  GPtrArray *values = g_hash_table_lookup (self->enums, enum_name);

  for (guint i = 0; values != NULL && i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      return TRUE;

  return FALSE;
}

/* Answers */

static void
set_string_take (JsonObject *object,
                 const char *member,
                 char       *value)
{
  json_object_set_string_member (object, member, value);
  g_free (value);
}

static void
add_usage_headers (HdFakeMetaAds     *self,
                   SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *business = NULL;

  if (self->usage < 0)
    return;

  business = g_strdup_printf ("{\"%s\":[{\"type\":\"ads_management\",\"call_count\":%d,"
                              "\"total_cputime\":1,\"total_time\":1,"
                              "\"estimated_time_to_regain_access\":%d}]}",
                              self->account_id + strlen ("act_"), self->usage,
                              self->regain_minutes);
  soup_message_headers_replace (headers, "X-Business-Use-Case-Usage", business);
}

static void
respond_node (HdFakeMetaAds     *self,
              SoupServerMessage *message,
              JsonNode          *node)
{
  add_usage_headers (self, message);
  hd_fake_respond_node (message, 200, node);
}

/* A node that holds @object's only reference: json_node_init_object() takes one of its own. */
static JsonNode *
node_taking_object (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

static void
respond_object (HdFakeMetaAds     *self,
                SoupServerMessage *message,
                JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  respond_node (self, message, node);
}

static void
respond_error (HdFakeMetaAds     *self,
               SoupServerMessage *message,
               guint              status,
               int                code,
               int                subcode,
               const char        *text)
{
  g_autoptr(JsonObject) envelope = json_object_new ();
  JsonObject *error = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (error, "message", text);
  json_object_set_string_member (error, "type", "OAuthException");
  json_object_set_int_member (error, "code", code);
  if (subcode != 0)
    json_object_set_int_member (error, "error_subcode", subcode);
  json_object_set_string_member (error, "fbtrace_id", "AxYzFakeTrace01");
  json_object_set_object_member (envelope, "error", error);

  g_free (self->last_refusal);
  self->last_refusal = g_strdup (text);

  node = json_node_init_object (json_node_alloc (), envelope);
  add_usage_headers (self, message);
  hd_fake_respond_node (message, status, node);
}

static void
refuse (HdFakeMetaAds     *self,
        SoupServerMessage *message,
        const char        *format,
        ...) G_GNUC_PRINTF (3, 4);

/* Invalid parameter: code 100, HTTP 400, as Graph answers it. */
static void
refuse (HdFakeMetaAds     *self,
        SoupServerMessage *message,
        const char        *format,
        ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  text = g_strconcat ("(#100) ", detail, NULL);
  respond_error (self, message, 400, 100, 0, text);
}

static void
refuse_missing_object (HdFakeMetaAds     *self,
                       SoupServerMessage *message,
                       const char        *id)
{
  g_autofree char *text = g_strdup_printf ("Unsupported request. Object with ID '%s' does not "
                                           "exist, cannot be loaded due to missing permissions, "
                                           "or does not support this operation.", id);

  respond_error (self, message, 400, 100, 33, text);
}

/* Checking values against the spec types */

static gboolean is_spec_object_type (HdFakeMetaAds *self, const char *type);

static gboolean
is_unsigned_text (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return strlen (text) <= 19;
}

static gboolean
is_int_text (const char *text)
{
  return text != NULL && is_unsigned_text (*text == '-' ? text + 1 : text);
}

static gboolean
is_float_text (const char *text)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  g_ascii_strtod (text, &end);
  return *end == '\0';
}

static gboolean
is_datetime_text (const char *text)
{
  g_autoptr(GDateTime) instant = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (is_unsigned_text (text))
    return TRUE;

  instant = text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;
  return instant != NULL;
}

static gboolean
is_object_type (const char *type)
{
  return g_str_equal (type, "Object") || g_str_equal (type, "map")
         || g_str_has_prefix (type, "map<");
}

static char *
list_element_type (const char *type)
{
  if (!g_str_has_prefix (type, "list<") || !g_str_has_suffix (type, ">"))
    return NULL;

  return g_strndup (type + strlen ("list<"), strlen (type) - strlen ("list<") - 1);
}

static char *
describe_enum (HdFakeMetaAds *self,
               const char    *enum_name)
{
  GPtrArray *values = g_hash_table_lookup (self->enums, enum_name);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; values != NULL && i < values->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (values, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Returns NULL when @node is a valid @type, else a sentence naming what is wrong at @where. */
static char *
check_json (HdFakeMetaAds *self,
            const char    *type,
            JsonNode      *node,
            const char    *where)
{
  g_autofree char *element_type = list_element_type (type);
  GType value_type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                   : G_TYPE_INVALID;

  if (element_type != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return g_strdup_printf ("%s must be an array (%s)", where, type);

      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *inner = g_strdup_printf ("%s[%u]", where, i);
          char *problem = check_json (self, element_type, json_array_get_element (array, i),
                                      inner);

          if (problem != NULL)
            return problem;
        }
      return NULL;
    }

  if (g_hash_table_contains (self->enums, type))
    {
      g_autofree char *allowed = NULL;

      if (value_type == G_TYPE_STRING
          && hd_fake_meta_ads_enum_has (self, type, json_node_get_string (node)))
        return NULL;

      allowed = describe_enum (self, type);
      return g_strdup_printf ("%s must be one of the following values: %s", where, allowed);
    }

  if (g_str_equal (type, "string"))
    return value_type == G_TYPE_STRING ? NULL
                                       : g_strdup_printf ("%s must be a string", where);
  if (g_str_equal (type, "unsigned int"))
    return value_type == G_TYPE_INT64 && json_node_get_int (node) >= 0
           ? NULL : g_strdup_printf ("%s must be a non-negative integer", where);
  if (g_str_equal (type, "int"))
    return value_type == G_TYPE_INT64 ? NULL
                                      : g_strdup_printf ("%s must be an integer", where);
  if (g_str_equal (type, "float"))
    return value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE
           ? NULL : g_strdup_printf ("%s must be a number", where);
  if (g_str_equal (type, "bool"))
    return value_type == G_TYPE_BOOLEAN ? NULL
                                        : g_strdup_printf ("%s must be a boolean", where);
  if (g_str_equal (type, "datetime"))
    return value_type == G_TYPE_INT64
           || (value_type == G_TYPE_STRING && is_datetime_text (json_node_get_string (node)))
           ? NULL : g_strdup_printf ("%s must be a time", where);

  if (is_object_type (type))
    return JSON_NODE_HOLDS_OBJECT (node) ? NULL
                                         : g_strdup_printf ("%s must be an object", where);

  if (g_str_equal (type, "IDName"))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return g_strdup_printf ("%s must be an object {id, name}", where);

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        if (!g_str_equal (name, "id") && !g_str_equal (name, "name"))
          return g_strdup_printf ("%s.%s is not a field of IDName", where, name);
      if (!json_object_has_member (json_node_get_object (node), "id"))
        return g_strdup_printf ("%s needs an id", where);
      return NULL;
    }

  if (is_spec_object_type (self, type) || g_str_equal (type, "FlexibleTargeting"))
    {
      /* A flexible_spec entry holds Targeting fields (interests, behaviors, …). */
      Spec *spec = g_hash_table_lookup (self->specs, g_str_equal (type, "FlexibleTargeting")
                                                     ? "Targeting" : type);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return g_strdup_printf ("%s must be an object (%s)", where, type);

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          const char *field_type = g_hash_table_lookup (spec->fields, name);
          g_autofree char *inner = g_strdup_printf ("%s.%s", where, name);

          if (field_type == NULL)
            return g_strdup_printf ("%s is not a field of %s", inner, type);

          if (!JSON_NODE_HOLDS_NULL (member))
            {
              char *problem = check_json (self, field_type, member, inner);

              if (problem != NULL)
                return problem;
            }
        }
      return NULL;
    }

  /* Other named types (AdPromotedObject, TargetingAutomation, RawCustomAudience, …) have
   * no spec here: they must at least be objects. */
  if (g_ascii_isupper (*type))
    return JSON_NODE_HOLDS_OBJECT (node) ? NULL
                                         : g_strdup_printf ("%s must be an object (%s)", where,
                                                            type);

  return g_strdup_printf ("%s has the type %s, which the fake cannot check", where, type);
}

static gboolean
is_spec_object_type (HdFakeMetaAds *self,
                     const char    *type)
{
  /* Targeting* and DayPart are field lists; the node specs (Campaign, …) are not values. */
  return (g_str_has_prefix (type, "Targeting") || g_str_equal (type, "DayPart"))
         && g_hash_table_contains (self->specs, type);
}

/* A form or query value of @type: numbers and words as text, the rest as JSON. */
static char *
check_text (HdFakeMetaAds *self,
            const char    *param_name,
            const char    *type,
            const char    *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (g_hash_table_contains (self->enums, type))
    {
      g_autofree char *allowed = NULL;

      if (hd_fake_meta_ads_enum_has (self, type, text))
        return NULL;

      allowed = describe_enum (self, type);
      return g_strdup_printf ("%s must be one of the following values: %s", param_name,
                              allowed);
    }

  if (g_str_equal (type, "string"))
    return NULL;
  if (g_str_equal (type, "unsigned int"))
    return is_unsigned_text (text) ? NULL
                                   : g_strdup_printf ("Param %s must be a non-negative integer",
                                                      param_name);
  if (g_str_equal (type, "int"))
    return is_int_text (text) ? NULL : g_strdup_printf ("Param %s must be an integer",
                                                        param_name);
  if (g_str_equal (type, "float"))
    return is_float_text (text) ? NULL : g_strdup_printf ("Param %s must be a number",
                                                          param_name);
  if (g_str_equal (type, "bool"))
    return g_str_equal (text, "true") || g_str_equal (text, "false")
           ? NULL : g_strdup_printf ("Param %s must be a boolean", param_name);
  if (g_str_equal (type, "datetime"))
    return is_datetime_text (text) ? NULL : g_strdup_printf ("Param %s must be a time",
                                                             param_name);

  node = json_from_string (text, NULL);
  if (node == NULL)
    return g_strdup_printf ("Param %s must be JSON (%s)", param_name, type);

  /* adset_schedule is list<Object> in the create spec; its entries are DayPart. */
  if (g_str_equal (param_name, "adset_schedule"))
    return check_json (self, "list<DayPart>", node, param_name);

  return check_json (self, type, node, param_name);
}

static gboolean
is_graph_get_param (const char *method,
                    const char *name)
{
  return g_str_equal (method, "GET") && g_strv_contains (graph_get_params, name);
}

/* Refuses and returns FALSE for a parameter not in @api (or @extra), a value of the wrong
 * type, or a required parameter missing. */
static gboolean
check_params (HdFakeMetaAds     *self,
              SoupServerMessage *message,
              const char        *method,
              GHashTable        *params,
              Api               *api,
              const char        *endpoint)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Param *param = api != NULL ? find_param (api, key) : NULL;
      g_autofree char *problem = NULL;

      if (g_str_equal (key, "access_token"))
        {
          refuse (self, message, "Herald must send the token in the Authorization header, "
                                 "never in the URL or body");
          return FALSE;
        }

      if (is_graph_get_param (method, key))
        {
          if ((g_str_equal (key, "limit") && !is_unsigned_text (value)))
            {
              refuse (self, message, "Param limit must be a non-negative integer");
              return FALSE;
            }
          continue;
        }

      if (param == NULL)
        {
          refuse (self, message, "Param %s is not a parameter of %s", (const char *) key,
                  endpoint);
          return FALSE;
        }

      if ((problem = check_text (self, key, param->type, value)) != NULL)
        {
          refuse (self, message, "%s", problem);
          return FALSE;
        }
    }

  for (guint i = 0; api != NULL && i < api->params->len; i++)
    {
      Param *param = g_ptr_array_index (api->params, i);

      if (param->required && !g_hash_table_contains (params, param->name))
        {
          refuse (self, message, "The parameter %s is required", param->name);
          return FALSE;
        }
    }

  return TRUE;
}

/* Every name in `fields` must be a field of @node. */
static gboolean
check_fields (HdFakeMetaAds     *self,
              SoupServerMessage *message,
              GHashTable        *params,
              const char        *node,
              GStrv             *fields_out)
{
  Spec *spec = g_hash_table_lookup (self->specs, node);
  const char *fields = g_hash_table_lookup (params, "fields");
  g_auto(GStrv) names = NULL;

  names = g_strsplit (fields != NULL ? fields : "id", ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!g_hash_table_contains (spec->fields, names[i]))
        {
          refuse (self, message, "Tried accessing nonexisting field (%s) on node type (%s)",
                  names[i], node);
          return FALSE;
        }
    }

  *fields_out = g_steal_pointer (&names);
  return TRUE;
}

/* Objects */

static int
kind_of (JsonObject *object)
{
  return (int) json_object_get_int_member_with_default (object, "__kind", -1);
}

static JsonObject *
find_object (HdFakeMetaAds *self,
             const char    *id)
{
  return g_hash_table_lookup (self->objects, id);
}

JsonObject *
hd_fake_meta_ads_lookup (HdFakeMetaAds *self,
                         const char    *id)
{
  return find_object (self, id);
}

guint
hd_fake_meta_ads_count_created (HdFakeMetaAds     *self,
                                HdFakeMetaAdsKind  kind)
{
  g_return_val_if_fail (kind < HD_FAKE_META_ADS_N_KINDS, 0);

  return self->n_created[kind];
}

void
hd_fake_meta_ads_edit (HdFakeMetaAds *self,
                       const char    *id,
                       const char    *field,
                       const char    *value)
{
  JsonObject *object = find_object (self, id);

  g_assert_nonnull (object);
  json_object_set_string_member (object, field, value);
}

static JsonObject *
select_fields (JsonObject *object,
               GStrv       fields)
{
  JsonObject *selected = json_object_new ();

  json_object_set_string_member (selected, "id",
                                 json_object_get_string_member (object, "id"));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      JsonNode *member = json_object_get_member (object, fields[i]);

      if (member != NULL)
        json_object_set_member (selected, fields[i], json_node_copy (member));
    }

  return selected;
}

/* Stores a parameter the way a GET shows it: JSON-typed parameters parsed, the others as
 * the text they came as (budgets read back as strings, as the field specs say). */
static void
store_param (JsonObject *object,
             Param      *param,
             const char *text)
{
  g_autofree char *element = list_element_type (param->type);

  if (element != NULL || is_object_type (param->type) || g_ascii_isupper (*param->type))
    {
      JsonNode *node = json_from_string (text, NULL);

      if (node != NULL)
        {
          json_object_set_member (object, param->name, node);
          return;
        }
    }

  json_object_set_string_member (object, param->name, text);
}

static gboolean
parent_is (HdFakeMetaAds     *self,
           SoupServerMessage *message,
           GHashTable        *params,
           const char        *member,
           HdFakeMetaAdsKind  kind)
{
  const char *id = g_hash_table_lookup (params, member);
  JsonObject *parent = id != NULL ? find_object (self, id) : NULL;

  if (parent == NULL || kind_of (parent) != (int) kind)
    {
      refuse (self, message, "Param %s must be the id of an existing %s", member,
              kind_specs[kind]);
      return FALSE;
    }

  return TRUE;
}

static void
create_object (HdFakeMetaAds     *self,
               SoupServerMessage *message,
               const char        *account_id,
               HdFakeMetaAdsKind  kind,
               GHashTable        *params)
{
  g_autofree char *endpoint = g_strdup_printf ("POST /act_{ad_account_id}/%s", kind_edges[kind]);
  Api *api = find_api (self, "AdAccount", "POST", kind_edges[kind]);
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonObject *object;
  GHashTableIter iter;
  gpointer key, value;
  char *id;

  g_assert_nonnull (api);
  if (!check_params (self, message, "POST", params, api, endpoint))
    return;

  if ((kind == HD_FAKE_META_ADS_AD_SET
       && !parent_is (self, message, params, "campaign_id", HD_FAKE_META_ADS_CAMPAIGN))
      || (kind == HD_FAKE_META_ADS_AD
          && !parent_is (self, message, params, "adset_id", HD_FAKE_META_ADS_AD_SET)))
    return;

  if (kind == HD_FAKE_META_ADS_AD)
    {
      g_autoptr(JsonNode) creative = json_from_string (g_hash_table_lookup (params, "creative"),
                                                       NULL);
      const char *creative_id = creative != NULL && JSON_NODE_HOLDS_OBJECT (creative)
                                ? json_object_get_string_member_with_default (
                                    json_node_get_object (creative), "creative_id", NULL)
                                : NULL;
      JsonObject *found = creative_id != NULL ? find_object (self, creative_id) : NULL;

      if (found == NULL || kind_of (found) != HD_FAKE_META_ADS_AD_CREATIVE)
        {
          refuse (self, message, "Param creative must be {\"creative_id\": \"<an existing "
                                 "creative>\"}");
          return;
        }
    }

  id = g_strdup_printf ("1202%011" G_GUINT64_FORMAT, ++self->next_id);
  object = json_object_new ();
  json_object_set_string_member (object, "id", id);
  json_object_set_int_member (object, "__kind", kind);
  json_object_set_string_member (object, "account_id", account_id + strlen ("act_"));
  /* Meta's default for a new object that names no status. */
  json_object_set_string_member (object, "status", "ACTIVE");

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    store_param (object, find_param (api, key), value);

  if (kind == HD_FAKE_META_ADS_AD)
    json_object_set_string_member (object, "campaign_id",
                                   json_object_get_string_member (
                                     find_object (self, g_hash_table_lookup (params, "adset_id")),
                                     "campaign_id"));

  g_hash_table_replace (self->objects, id, object);
  g_ptr_array_add (self->order, g_strdup (id));
  self->n_created[kind]++;

  json_object_set_string_member (reply, "id", id);
  respond_object (self, message, reply);
}

static void
update_object (HdFakeMetaAds     *self,
               SoupServerMessage *message,
               JsonObject        *object,
               GHashTable        *params)
{
  int kind = kind_of (object);
  g_autofree char *endpoint = g_strdup_printf ("POST /{%s-id}", kind_specs[kind]);
  Api *api = find_api (self, kind_specs[kind], "POST", NULL);
  g_autoptr(JsonObject) reply = json_object_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_assert_nonnull (api);
  if (!check_params (self, message, "POST", params, api, endpoint))
    return;

  if (g_hash_table_size (params) == 0)
    {
      refuse (self, message, "An update must change at least one field");
      return;
    }

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    store_param (object, find_param (api, key), value);

  json_object_set_boolean_member (reply, "success", TRUE);
  respond_object (self, message, reply);
}

static void
read_object (HdFakeMetaAds     *self,
             SoupServerMessage *message,
             JsonObject        *object,
             GHashTable        *params)
{
  int kind = kind_of (object);
  g_autofree char *endpoint = g_strdup_printf ("GET /{%s-id}", kind_specs[kind]);
  g_auto(GStrv) fields = NULL;
  g_autoptr(JsonObject) selected = NULL;

  if (!check_params (self, message, "GET", params, find_api (self, kind_specs[kind], "GET",
                                                             NULL), endpoint)
      || !check_fields (self, message, params, kind_specs[kind], &fields))
    return;

  selected = select_fields (object, fields);
  respond_object (self, message, selected);
}

/* Lists, a page at a time */

static char *
encode_cursor (guint index)
{
  g_autofree char *text = g_strdup_printf ("index:%u", index);

  return g_base64_encode ((const guchar *) text, strlen (text));
}

static gboolean
decode_cursor (const char *cursor,
               guint      *index)
{
  g_autofree guchar *data = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (cursor == NULL)
    {
      *index = 0;
      return TRUE;
    }

  data = g_base64_decode (cursor, &length);
  text = g_strndup ((const char *) data, length);
  if (!g_str_has_prefix (text, "index:") || !is_unsigned_text (text + strlen ("index:")))
    return FALSE;

  *index = (guint) g_ascii_strtoull (text + strlen ("index:"), NULL, 10);
  return TRUE;
}

/* Answers {"data": [...], "paging": {"cursors": {"before", "after"}, "next"?}}. */
static void
respond_page (HdFakeMetaAds     *self,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *params,
              GPtrArray         *items)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *data = json_array_new ();
  JsonObject *paging = json_object_new ();
  JsonObject *cursors = json_object_new ();
  const char *limit_text = g_hash_table_lookup (params, "limit");
  guint limit = limit_text != NULL ? (guint) g_ascii_strtoull (limit_text, NULL, 10) : 25;
  guint start;
  guint end;

  if (!decode_cursor (g_hash_table_lookup (params, "after"), &start))
    {
      refuse (self, message, "Param after is not a cursor of this list");
      return;
    }

  limit = MIN (MAX (limit, 1), self->page_size);
  start = MIN (start, items->len);
  end = MIN (start + limit, items->len);
  for (guint i = start; i < end; i++)
    json_array_add_element (data, json_node_copy (g_ptr_array_index (items, i)));

  json_object_set_array_member (reply, "data", data);
  set_string_take (cursors, "before", encode_cursor (start));
  set_string_take (cursors, "after", encode_cursor (end));
  json_object_set_object_member (paging, "cursors", cursors);
  if (end < items->len)
    {
      g_autofree char *after = encode_cursor (end);
      g_autofree char *escaped = g_uri_escape_string (after, NULL, FALSE);

      set_string_take (paging, "next",
                                          g_strdup_printf ("%s/%s%s?limit=%u&after=%s",
                                                           hd_fake_server_get_url (self->server),
                                                           HD_FAKE_META_ADS_VERSION, path,
                                                           limit, escaped));
    }
  json_object_set_object_member (reply, "paging", paging);

  respond_object (self, message, reply);
}

static void
list_objects (HdFakeMetaAds     *self,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *params,
              const char        *parent_node,
              const char        *parent_member,
              const char        *parent_id,
              HdFakeMetaAdsKind  kind)
{
  g_autofree char *endpoint = g_strdup_printf ("GET /{%s-id}/%s", parent_node,
                                               kind_edges[kind]);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_auto(GStrv) fields = NULL;

  if (!check_params (self, message, "GET", params,
                     find_api (self, parent_node, "GET", kind_edges[kind]), endpoint)
      || !check_fields (self, message, params, kind_specs[kind], &fields))
    return;

  for (guint i = 0; i < self->order->len; i++)
    {
      JsonObject *object = find_object (self, g_ptr_array_index (self->order, i));

      if (kind_of (object) != (int) kind
          || g_strcmp0 (json_object_get_string_member_with_default (object, parent_member, NULL),
                        parent_id) != 0)
        continue;

      g_ptr_array_add (items, json_node_init_object (json_node_alloc (),
                                                     select_fields (object, fields)));
      json_object_unref (json_node_get_object (g_ptr_array_index (items, items->len - 1)));
    }

  respond_page (self, message, path, params, items);
}

/* The account */

static JsonNode *
account_node (const char *id,
              const char *name,
              const char *currency,
              const char *time_zone)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "account_id", id + strlen ("act_"));
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "currency", currency);
  json_object_set_string_member (object, "timezone_name", time_zone);
  json_object_set_int_member (object, "account_status", 1);

  return node_taking_object (object);
}

static void
list_ad_accounts (HdFakeMetaAds     *self,
                  SoupServerMessage *message,
                  GHashTable        *params)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_auto(GStrv) fields = NULL;

  /* The User node's adaccounts edge has no spec file here: only Graph's own parameters. */
  if (!check_params (self, message, "GET", params, NULL, "GET /me/adaccounts")
      || !check_fields (self, message, params, "AdAccount", &fields))
    return;

  g_ptr_array_add (accounts, account_node (self->account_id, "Hazel’s Grooming", self->currency,
                                           "Europe/London"));
  g_ptr_array_add (accounts, account_node (self->second_account_id, "Hazel Tokyo", "JPY",
                                           "Asia/Tokyo"));
  for (guint i = 0; i < accounts->len; i++)
    {
      JsonObject *selected = select_fields (json_node_get_object (g_ptr_array_index (accounts, i)),
                                            fields);

      g_ptr_array_add (items, json_node_init_object (json_node_alloc (), selected));
      json_object_unref (selected);
    }

  respond_page (self, message, "/me/adaccounts", params, items);
}

static void
minimum_budgets (HdFakeMetaAds     *self,
                 SoupServerMessage *message,
                 const char        *account_id,
                 GHashTable        *params)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *data = json_array_new ();
  JsonObject *entry = json_object_new ();
  gboolean whole_units = g_str_equal (account_id, self->second_account_id);

  if (!check_params (self, message, "GET", params,
                     find_api (self, "AdAccount", "GET", "minimum_budgets"),
                     "GET /act_{ad_account_id}/minimum_budgets"))
    return;

  /* Meta's help text as copied in reference/channel-apis.md §7: 1 a day per impression,
   * 5 per click or view, 40 for low-frequency events, in the account currency. */
  json_object_set_string_member (entry, "currency", whole_units ? "JPY" : self->currency);
  json_object_set_int_member (entry, "min_daily_budget_imp", whole_units ? 150 : 100);
  json_object_set_int_member (entry, "min_daily_budget_video_views", whole_units ? 750 : 500);
  json_object_set_int_member (entry, "min_daily_budget_high_freq", whole_units ? 750 : 500);
  json_object_set_int_member (entry, "min_daily_budget_low_freq", whole_units ? 6000 : 4000);
  json_array_add_object_element (data, entry);
  json_object_set_array_member (reply, "data", data);

  respond_object (self, message, reply);
}

static const struct
{
  const char *id;
  const char *name;
  const char *type;
  const char *path[3];
  gint64      lower;
} catalogue[] = {
  { "6003107902433", "Dogs", "interests", { "Interests", "Pets", "Dogs" }, 380000000 },
  { "6003334856617", "Pet grooming", "interests", { "Interests", "Pets", "Pet grooming" }, 21000000 },
  { "6003190363587", "Dog training", "interests", { "Interests", "Pets", "Dog training" }, 41000000 },
  { "6002714895372", "Dog owners", "behaviors", { "Behaviors", "Pet owners", "Dog owners" }, 90000000 },
};

static gboolean
matches_query (const char *name,
               const char *query)
{
  g_autofree char *lower_name = g_utf8_strdown (name, -1);
  g_autofree char *lower_query = g_utf8_strdown (query, -1);

  return strstr (lower_name, lower_query) != NULL;
}

static JsonNode *
interest_node (guint i)
{
  JsonObject *object = json_object_new ();
  JsonArray *path = json_array_new ();

  json_object_set_string_member (object, "id", catalogue[i].id);
  json_object_set_string_member (object, "name", catalogue[i].name);
  json_object_set_string_member (object, "type", catalogue[i].type);
  for (guint j = 0; j < G_N_ELEMENTS (catalogue[i].path); j++)
    json_array_add_string_element (path, catalogue[i].path[j]);
  json_object_set_array_member (object, "path", path);
  json_object_set_int_member (object, "audience_size_lower_bound", catalogue[i].lower);
  json_object_set_int_member (object, "audience_size_upper_bound", catalogue[i].lower * 6 / 5);

  return node_taking_object (object);
}

static void
respond_interests (HdFakeMetaAds     *self,
                   SoupServerMessage *message,
                   const char        *query,
                   const char        *only_type)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *data = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    if (matches_query (catalogue[i].name, query)
        && (only_type == NULL || g_str_equal (only_type, catalogue[i].type)))
      json_array_add_element (data, interest_node (i));

  json_object_set_array_member (reply, "data", data);
  respond_object (self, message, reply);
}

static void
targeting_search (HdFakeMetaAds     *self,
                  SoupServerMessage *message,
                  GHashTable        *params)
{
  if (!check_params (self, message, "GET", params,
                     find_api (self, "AdAccount", "GET", "targetingsearch"),
                     "GET /act_{ad_account_id}/targetingsearch"))
    return;

  respond_interests (self, message, g_hash_table_lookup (params, "q"),
                     g_hash_table_lookup (params, "limit_type"));
}

static const struct
{
  const char *key;
  const char *name;
  const char *type;
  const char *country_code;
  const char *country_name;
  const char *region;
  gint64      region_id;
} places[] = {
  { "GB", "United Kingdom", "country", "GB", "United Kingdom", NULL, 0 },
  { "1036", "England", "region", "GB", "United Kingdom", NULL, 0 },
  { "2448217", "Watford", "city", "GB", "United Kingdom", "England", 1036 },
  { "2531108", "Watford City", "city", "US", "United States", "North Dakota", 3878 },
};

/* type=adlocale answers {key, name}. English (US) 6, English (UK) 24 and English (All) 1001
 * are the keys published clients of the API use; the others only have to differ. */
static const struct
{
  guint       key;
  const char *name;
} languages[] = {
  { 6, "English (US)" },
  { 24, "English (UK)" },
  { 1001, "English (All)" },
  { 65, "Welsh" },
  { 9, "French (France)" },
};

static void
respond_locales (HdFakeMetaAds     *self,
                 SoupServerMessage *message,
                 const char        *query)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *data = json_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      JsonObject *language;

      if (!matches_query (languages[i].name, query))
        continue;
      language = json_object_new ();
      json_object_set_int_member (language, "key", languages[i].key);
      json_object_set_string_member (language, "name", languages[i].name);
      json_array_add_object_element (data, language);
    }

  json_object_set_array_member (reply, "data", data);
  respond_object (self, message, reply);
}

static void
search (HdFakeMetaAds     *self,
        SoupServerMessage *message,
        GHashTable        *params)
{
  const char *type = g_hash_table_lookup (params, "type");
  const char *query = g_hash_table_lookup (params, "q");
  const char *wanted = g_hash_table_lookup (params, "location_types");
  g_autoptr(JsonNode) wanted_node = NULL;
  g_autoptr(JsonObject) reply = NULL;
  JsonArray *data;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (search_params, key) && !g_str_equal (key, "fields"))
      {
        refuse (self, message, "Param %s is not a parameter of GET /search",
                (const char *) key);
        return;
      }

  if (type == NULL || !g_strv_contains (search_types, type) || query == NULL)
    {
      refuse (self, message, "GET /search needs q and a type Herald uses (adinterest, "
                             "adgeolocation, adlocale)");
      return;
    }

  if (g_str_equal (type, "adlocale"))
    {
      if (wanted != NULL)
        {
          refuse (self, message, "Param location_types is only for type=adgeolocation");
          return;
        }
      respond_locales (self, message, query);
      return;
    }

  if (g_str_equal (type, "adinterest"))
    {
      respond_interests (self, message, query, "interests");
      return;
    }

  if (wanted != NULL)
    {
      JsonArray *array;

      wanted_node = json_from_string (wanted, NULL);
      if (wanted_node == NULL || !JSON_NODE_HOLDS_ARRAY (wanted_node))
        {
          refuse (self, message, "Param location_types must be a JSON array");
          return;
        }
      array = json_node_get_array (wanted_node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING
              || !g_strv_contains (location_types, json_node_get_string (element)))
            {
              refuse (self, message, "location_types[%u] is not a location type", i);
              return;
            }
        }
    }

  reply = json_object_new ();
  data = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      JsonObject *place;
      gboolean type_wanted = wanted_node == NULL;

      for (guint j = 0; !type_wanted && j < json_array_get_length (json_node_get_array (wanted_node)); j++)
        type_wanted = g_str_equal (json_array_get_string_element (json_node_get_array (wanted_node),
                                                                  j),
                                   places[i].type);
      if (!type_wanted || !matches_query (places[i].name, query))
        continue;

      place = json_object_new ();
      json_object_set_string_member (place, "key", places[i].key);
      json_object_set_string_member (place, "name", places[i].name);
      json_object_set_string_member (place, "type", places[i].type);
      json_object_set_string_member (place, "country_code", places[i].country_code);
      json_object_set_string_member (place, "country_name", places[i].country_name);
      if (places[i].region != NULL)
        {
          json_object_set_string_member (place, "region", places[i].region);
          json_object_set_int_member (place, "region_id", places[i].region_id);
        }
      json_object_set_boolean_member (place, "supports_region", TRUE);
      json_object_set_boolean_member (place, "supports_city", TRUE);
      json_array_add_object_element (data, place);
    }

  json_object_set_array_member (reply, "data", data);
  respond_object (self, message, reply);
}

static void
reach_estimate (HdFakeMetaAds     *self,
                SoupServerMessage *message,
                GHashTable        *params)
{
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonNode) spec = NULL;
  JsonObject *data;
  JsonObject *geo;
  gint64 lower = 1000;

  if (!check_params (self, message, "GET", params,
                     find_api (self, "AdAccount", "GET", "reachestimate"),
                     "GET /act_{ad_account_id}/reachestimate"))
    return;

  /* The size grows with the places and shrinks with the interests, so a test can tell two
   * estimates apart. */
  spec = json_from_string (g_hash_table_lookup (params, "targeting_spec"), NULL);
  geo = json_object_get_object_member (json_node_get_object (spec), "geo_locations");
  if (geo != NULL && json_object_has_member (geo, "countries"))
    lower += 40000000;
  if (geo != NULL && json_object_has_member (geo, "cities"))
    lower += 120000;

  reply = json_object_new ();
  data = json_object_new ();
  json_object_set_int_member (data, "users_lower_bound", lower);
  json_object_set_int_member (data, "users_upper_bound", lower * 6 / 5);
  json_object_set_boolean_member (data, "estimate_ready", TRUE);
  json_object_set_object_member (reply, "data", data);
  respond_object (self, message, reply);
}

/* Insights: day i of the range has 1000 + 100 i impressions, 800 + 50 i reach, 20 + i
 * clicks and 12.34 + 0.01 i spent (1234 + i when the currency has no minor unit). */
static JsonNode *
insights_day (GDate      *date,
              guint       i,
              gboolean    whole_units)
{
  JsonObject *row = json_object_new ();
  JsonArray *actions = json_array_new ();
  JsonObject *action = json_object_new ();
  char day[16];
  gint64 impressions = 1000 + 100 * i;
  gint64 clicks = 20 + i;
  gint64 spend = 1234 + i;
  double spend_units = whole_units ? (double) spend : spend / 100.0;

  g_date_strftime (day, sizeof day, "%Y-%m-%d", date);
  json_object_set_string_member (row, "date_start", day);
  json_object_set_string_member (row, "date_stop", day);
  set_string_take (row, "impressions",
                                      g_strdup_printf ("%" G_GINT64_FORMAT, impressions));
  set_string_take (row, "reach",
                                      g_strdup_printf ("%" G_GINT64_FORMAT, 800 + 50 * (gint64) i));
  set_string_take (row, "clicks",
                                      g_strdup_printf ("%" G_GINT64_FORMAT, clicks));
  set_string_take (row, "ctr",
                                      g_strdup_printf ("%.6f", 100.0 * clicks / impressions));
  set_string_take (row, "cpc", g_strdup_printf ("%.6f", spend_units / clicks));
  if (whole_units)
    set_string_take (row, "spend", g_strdup_printf ("%" G_GINT64_FORMAT, spend));
  else
    set_string_take (row, "spend",
                                        g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT,
                                                         spend / 100, spend % 100));
  json_object_set_string_member (action, "action_type", "link_click");
  set_string_take (action, "value",
                                      g_strdup_printf ("%" G_GINT64_FORMAT, clicks - 5));
  json_array_add_object_element (actions, action);
  json_object_set_array_member (row, "actions", actions);

  return node_taking_object (row);
}

static gboolean
parse_day (JsonObject *range,
           const char *member,
           GDate      *date)
{
  const char *text = json_object_get_string_member_with_default (range, member, NULL);

  if (text == NULL || strlen (text) != 10)
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_parse (date, text);
  return g_date_valid (date);
}

static void
insights (HdFakeMetaAds     *self,
          SoupServerMessage *message,
          const char        *path,
          const char        *node_name,
          gboolean           whole_units,
          GHashTable        *params)
{
  g_autofree char *endpoint = g_strdup_printf ("GET /{%s-id}/insights", node_name);
  const char *range_text = g_hash_table_lookup (params, "time_range");
  const char *increment = g_hash_table_lookup (params, "time_increment");
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr(JsonNode) range = NULL;
  GDate since, until;

  if (!check_params (self, message, "GET", params, find_api (self, node_name, "GET", "insights"),
                     endpoint))
    return;

  /* time_increment takes 1 to 90 days, "monthly" or "all_days" (developers.facebook.com/
   * docs/marketing-api/insights/parameters). */
  if (increment != NULL && !g_str_equal (increment, "monthly")
      && !g_str_equal (increment, "all_days")
      && !(is_unsigned_text (increment) && g_ascii_strtoull (increment, NULL, 10) >= 1
           && g_ascii_strtoull (increment, NULL, 10) <= 90))
    {
      refuse (self, message, "Param time_increment must be 1 to 90, monthly or all_days");
      return;
    }

  range = range_text != NULL ? json_from_string (range_text, NULL) : NULL;
  if (range == NULL || !parse_day (json_node_get_object (range), "since", &since)
      || !parse_day (json_node_get_object (range), "until", &until)
      || g_date_compare (&since, &until) > 0)
    {
      refuse (self, message, "Param time_range must be {\"since\":\"YYYY-MM-DD\","
                             "\"until\":\"YYYY-MM-DD\"} with since before until");
      return;
    }

  for (guint i = 0; g_date_compare (&since, &until) <= 0 && i < 400; i++)
    {
      g_ptr_array_add (items, insights_day (&since, i, whole_units));
      g_date_add_days (&since, 1);
    }

  respond_page (self, message, path, params, items);
}

static gboolean
is_base64 (const char *text)
{
  gsize length = text != NULL ? strlen (text) : 0;

  if (length == 0 || length % 4 != 0)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '+' && text[i] != '/' && text[i] != '=')
      return FALSE;

  return TRUE;
}

static void
upload_image (HdFakeMetaAds     *self,
              SoupServerMessage *message,
              GHashTable        *params)
{
  const char *bytes = g_hash_table_lookup (params, "bytes");
  g_autoptr(JsonObject) reply = NULL;
  g_autofree guchar *data = NULL;
  g_autofree char *hash = NULL;
  JsonObject *images;
  JsonObject *image;
  gsize length = 0;

  if (!check_params (self, message, "POST", params,
                     find_api (self, "AdAccount", "POST", "adimages"),
                     "POST /act_{ad_account_id}/adimages"))
    return;

  if (!is_base64 (bytes) || (data = g_base64_decode (bytes, &length)) == NULL || length == 0)
    {
      refuse (self, message, "Param bytes must be the picture in base64");
      return;
    }

  hash = g_compute_checksum_for_data (G_CHECKSUM_MD5, data, length);
  reply = json_object_new ();
  images = json_object_new ();
  image = json_object_new ();
  json_object_set_string_member (image, "hash", hash);
  set_string_take (image, "url",
                                      g_strdup_printf ("%s/cdn/%s.png",
                                                       hd_fake_server_get_url (self->server),
                                                       hash));
  json_object_set_object_member (images, "bytes", image);
  json_object_set_object_member (reply, "images", images);
  respond_object (self, message, reply);
}

/* Routing */

static GHashTable *
request_params (HdFakeRequest *request)
{
  GHashTable *params = hd_fake_request_get_form (request);

  if (params == NULL)
    params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (request->query != NULL)
    {
      g_autoptr(GHashTable) query = soup_form_decode (request->query);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_replace (params, g_strdup (key), g_strdup (value));
    }

  return params;
}

static gboolean
authorized (HdFakeMetaAds *self,
            HdFakeRequest *request)
{
  const char *header = soup_message_headers_get_one (request->headers, "Authorization");
  g_autofree char *expected = g_strconcat ("Bearer ", self->user_token, NULL);

  return header != NULL && g_str_equal (header, expected);
}

static int
kind_of_edge (const char *edge)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_edges); i++)
    if (g_str_equal (edge, kind_edges[i]))
      return (int) i;

  return -1;
}

static void
route_account (HdFakeMetaAds     *self,
               SoupServerMessage *message,
               HdFakeRequest     *request,
               const char        *path,
               const char        *account_id,
               const char        *edge,
               GHashTable        *params)
{
  gboolean post = g_str_equal (request->method, "POST");
  int kind = kind_of_edge (edge);

  if (!g_str_equal (account_id, self->account_id)
      && !g_str_equal (account_id, self->second_account_id))
    {
      refuse_missing_object (self, message, account_id);
      return;
    }

  if (kind >= 0 && post)
    create_object (self, message, account_id, kind, params);
  else if (kind >= 0)
    list_objects (self, message, path, params, "AdAccount", "account_id",
                  account_id + strlen ("act_"), kind);
  else if (g_str_equal (edge, "adimages") && post)
    upload_image (self, message, params);
  else if (g_str_equal (edge, "minimum_budgets") && !post)
    minimum_budgets (self, message, account_id, params);
  else if (g_str_equal (edge, "targetingsearch") && !post)
    targeting_search (self, message, params);
  else if (g_str_equal (edge, "reachestimate") && !post)
    reach_estimate (self, message, params);
  else if (g_str_equal (edge, "insights") && !post)
    insights (self, message, path, "AdAccount",
              g_str_equal (account_id, self->second_account_id), params);
  else
    refuse (self, message, "Unknown path components: /%s", edge);
}

static void
route_object (HdFakeMetaAds     *self,
              SoupServerMessage *message,
              HdFakeRequest     *request,
              const char        *path,
              const char        *id,
              const char        *edge,
              GHashTable        *params)
{
  JsonObject *object = find_object (self, id);
  gboolean post = g_str_equal (request->method, "POST");
  int edge_kind = edge != NULL ? kind_of_edge (edge) : -1;
  int kind;

  if (object == NULL)
    {
      refuse_missing_object (self, message, id);
      return;
    }

  kind = kind_of (object);
  if (edge == NULL && post)
    update_object (self, message, object, params);
  else if (edge == NULL)
    read_object (self, message, object, params);
  else if (g_str_equal (edge, "insights") && !post)
    insights (self, message, path, kind_specs[kind],
              g_str_equal (json_object_get_string_member (object, "account_id"),
                           self->second_account_id + strlen ("act_")), params);
  else if (!post && kind == HD_FAKE_META_ADS_CAMPAIGN
           && (edge_kind == HD_FAKE_META_ADS_AD_SET || edge_kind == HD_FAKE_META_ADS_AD))
    list_objects (self, message, path, params, "Campaign", "campaign_id", id, edge_kind);
  else if (!post && kind == HD_FAKE_META_ADS_AD_SET && edge_kind == HD_FAKE_META_ADS_AD)
    list_objects (self, message, path, params, "AdSet", "adset_id", id, edge_kind);
  else
    refuse (self, message, "Unknown path components: /%s", edge);
}

static void
apply_fault (HdFakeMetaAds     *self,
             SoupServerMessage *message)
{
  switch (self->fault)
    {
    case HD_FAKE_META_ADS_FAULT_SERVER_ERROR:
      soup_server_message_set_status (message, 500, NULL);
      break;
    case HD_FAKE_META_ADS_FAULT_THROTTLED:
      respond_error (self, message, 400, 17, 2446079, "(#17) User request limit reached");
      break;
    case HD_FAKE_META_ADS_FAULT_TOKEN_EXPIRED:
      respond_error (self, message, 400, 190, 463,
                     "Error validating access token: Session has expired.");
      break;
    case HD_FAKE_META_ADS_FAULT_LOST_ANSWER:
    default:
      g_assert_not_reached ();
    }
}

static void
handle (HdFakeServer      *server,
        SoupServerMessage *message,
        HdFakeRequest     *request,
        gpointer           user_data)
{
  HdFakeMetaAds *self = user_data;
  g_autoptr(GHashTable) params = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *rest = NULL;
  gboolean lose_answer = FALSE;
  const char *prefix = "/" HD_FAKE_META_ADS_VERSION "/";
  guint n;

  self->n_requests++;
  if (self->fault_at != 0 && self->n_requests == self->fault_at)
    {
      self->fault_at = 0;
      if (self->fault != HD_FAKE_META_ADS_FAULT_LOST_ANSWER)
        {
          apply_fault (self, message);
          return;
        }
      lose_answer = TRUE;
    }

  if (!g_str_has_prefix (request->path, prefix))
    {
      refuse (self, message, "Herald must name the Graph version %s in the path",
              HD_FAKE_META_ADS_VERSION);
      return;
    }

  if (!authorized (self, request))
    {
      respond_error (self, message, 400, 190, 0, "Invalid OAuth access token data.");
      return;
    }

  params = request_params (request);
  rest = g_strdup (request->path + strlen (prefix) - 1);
  parts = g_strsplit (rest + 1, "/", -1);
  n = g_strv_length (parts);

  if (n == 2 && g_str_equal (parts[0], "me") && g_str_equal (parts[1], "adaccounts")
      && g_str_equal (request->method, "GET"))
    list_ad_accounts (self, message, params);
  else if (n == 1 && g_str_equal (parts[0], "search") && g_str_equal (request->method, "GET"))
    search (self, message, params);
  else if (n == 2 && g_str_has_prefix (parts[0], "act_"))
    route_account (self, message, request, rest, parts[0], parts[1], params);
  else if ((n == 1 || n == 2) && is_unsigned_text (parts[0]))
    route_object (self, message, request, rest, parts[0], n == 2 ? parts[1] : NULL, params);
  else
    refuse (self, message, "Unknown path components: %s", rest);

  if (lose_answer)
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

      g_io_stream_close (stream, NULL, NULL);
    }
}

/* The fake */

HdFakeMetaAds *
hd_fake_meta_ads_new (void)
{
  HdFakeMetaAds *self = g_new0 (HdFakeMetaAds, 1);

  self->specs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) spec_free);
  self->enums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  self->objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) json_object_unref);
  self->order = g_ptr_array_new_with_free_func (g_free);
  load_specs (self);

  self->server = hd_fake_server_new (handle, self);
  self->user_token = g_strdup_printf ("EAAUSER%u", g_random_int ());
  self->account_id = g_strdup ("act_1029384756");
  self->second_account_id = g_strdup ("act_5647382910");
  self->currency = g_strdup ("GBP");
  self->page_size = 100;
  self->usage = -1;

  return self;
}

void
hd_fake_meta_ads_free (HdFakeMetaAds *self)
{
  if (self == NULL)
    return;

  hd_fake_server_free (self->server);
  g_free (self->user_token);
  g_free (self->account_id);
  g_free (self->second_account_id);
  g_free (self->currency);
  g_free (self->last_refusal);
  g_hash_table_unref (self->specs);
  g_hash_table_unref (self->enums);
  g_hash_table_unref (self->objects);
  g_ptr_array_unref (self->order);
  g_free (self);
}

char *
hd_fake_meta_ads_get_graph_base (HdFakeMetaAds *self)
{
  return g_strconcat (hd_fake_server_get_url (self->server), "/", HD_FAKE_META_ADS_VERSION,
                      NULL);
}

void
hd_fake_meta_ads_fail_request (HdFakeMetaAds      *self,
                               guint               nth,
                               HdFakeMetaAdsFault  fault)
{
  g_return_if_fail (nth > 0);

  self->fault_at = self->n_requests + nth;
  self->fault = fault;
}
