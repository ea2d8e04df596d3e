/* hd-fake-facebook.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-fake-facebook.h"

#define SCHEDULE_MIN (10 * 60)
#define SCHEDULE_MAX (30 * 24 * 60 * 60)

/* Parameter names from FBCG:api_specs/specs/Page.json and PagePost.json as quoted in
 * reference/channel-apis.md §3. */
static const char * const feed_params[] = {
  "message", "link", "published", "scheduled_publish_time", "attached_media", "place",
  "targeting", "feed_targeting", "unpublished_content_type", NULL,
};
static const char * const photo_params[] = {
  "source", "url", "caption", "message", "published", "scheduled_publish_time", "no_story",
  "temporary", "unpublished_content_type", NULL,
};
static const char * const post_update_params[] = {
  "message", "is_published", "scheduled_publish_time", "is_hidden", "is_pinned", NULL,
};

gint64
hd_fake_facebook_now (HdFakeFacebook *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

char *
hd_fake_facebook_next_id (HdFakeFacebook *self)
{
  return g_strdup_printf ("10%010u", ++self->next_id);
}

static char *
iso8601 (gint64 instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);

  /* Graph's own format: no colon in the offset. */
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S+0000");
}

static void
add_usage_headers (HdFakeFacebook    *self,
                   SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *app = NULL;
  g_autofree char *business = NULL;

  if (self->app_usage < 0)
    return;

  app = g_strdup_printf ("{\"call_count\":%d,\"total_cputime\":%d,\"total_time\":%d}",
                         self->app_usage, self->app_usage / 2, self->app_usage / 2);
  soup_message_headers_replace (headers, "X-App-Usage", app);

  business = g_strdup_printf ("{\"%s\":[{\"type\":\"pages\",\"call_count\":%d,"
                              "\"total_cputime\":1,\"total_time\":1,"
                              "\"estimated_time_to_regain_access\":%d}]}",
                              self->page_id, self->app_usage, self->regain_minutes);
  soup_message_headers_replace (headers, "X-Business-Use-Case-Usage", business);
}

void
hd_fake_facebook_respond (HdFakeFacebook    *self,
                          SoupServerMessage *message,
                          const char        *json)
{
  add_usage_headers (self, message);
  hd_fake_respond_json (message, 200, json);
}

void
hd_fake_facebook_respond_error (HdFakeFacebook    *self,
                                SoupServerMessage *message,
                                guint              status,
                                int                code,
                                int                subcode,
                                const char        *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, code == 190 ? "OAuthException" : "GraphMethodException");
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  if (subcode != 0)
    {
      json_builder_set_member_name (builder, "error_subcode");
      json_builder_add_int_value (builder, subcode);
    }
  json_builder_set_member_name (builder, "fbtrace_id");
  json_builder_add_string_value (builder, "AbCdEfGhIjK");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  add_usage_headers (self, message);
  hd_fake_respond_node (message, status, root);
}

gboolean
hd_fake_facebook_authorized (HdFakeRequest *request,
                             const char    *token)
{
  const char *header = soup_message_headers_get_one (request->headers, "Authorization");
  g_autofree char *expected = NULL;

  if (token == NULL || header == NULL)
    return FALSE;

  expected = g_strconcat ("Bearer ", token, NULL);
  return g_str_equal (header, expected);
}

/**
 * hd_fake_facebook_fields:
 *
 * Returns: "fields=" and the decoded value of the query's fields parameter, or NULL
 */
const char *
hd_fake_facebook_fields (HdFakeRequest *request)
{
  static char *last;
  g_autoptr(GHashTable) query = NULL;
  const char *fields;

  g_clear_pointer (&last, g_free);
  if (request->query == NULL)
    return NULL;

  query = soup_form_decode (request->query);
  fields = g_hash_table_lookup (query, "fields");
  if (fields == NULL || g_hash_table_size (query) != 1)
    return NULL;

  last = g_strconcat ("fields=", fields, NULL);
  return last;
}

GHashTable *
hd_fake_facebook_params (HdFakeRequest *request)
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

GBytes *
hd_fake_facebook_file_part (HdFakeRequest  *request,
                            const char     *name,
                            char          **content_type)
{
  g_autoptr(SoupMultipart) multipart = NULL;
  const char *type = soup_message_headers_get_content_type (request->headers, NULL);

  if (g_strcmp0 (type, "multipart/form-data") != 0)
    return NULL;

  multipart = soup_multipart_new_from_message (request->headers, request->body);
  for (int i = 0; multipart != NULL && i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *part;
      g_autoptr(GHashTable) params = NULL;
      g_autofree char *disposition = NULL;

      soup_multipart_get_part (multipart, i, &headers, &part);
      if (!soup_message_headers_get_content_disposition (headers, &disposition, &params))
        continue;

      if (g_strcmp0 (g_hash_table_lookup (params, "name"), name) == 0
          && g_hash_table_lookup (params, "filename") != NULL)
        {
          if (content_type != NULL)
            *content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
          return g_bytes_ref (part);
        }
    }

  return NULL;
}

gboolean
hd_fake_facebook_check_params (HdFakeFacebook     *self,
                               SoupServerMessage  *message,
                               GHashTable         *params,
                               const char * const *allowed,
                               const char         *endpoint)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *name = g_strdup (key);
      char *bracket = strchr (name, '[');
      char *colon = strchr (name, ':');

      /* attached_media[0] is one element of the list parameter attached_media; source:type
       * and source:size describe the file part source. */
      if (bracket != NULL)
        *bracket = '\0';
      if (colon != NULL)
        *colon = '\0';

      if (!g_strv_contains (allowed, name))
        {
          g_autofree char *text = g_strdup_printf ("(#100) Param %s is not a parameter of %s",
                                                   (const char *) key, endpoint);

          hd_fake_facebook_respond_error (self, message, 400, 100, 0, text);
          return FALSE;
        }
    }

  return TRUE;
}

JsonObject *
hd_fake_facebook_find (GPtrArray  *objects,
                       const char *id)
{
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = json_node_get_object (g_ptr_array_index (objects, i));

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "id", NULL), id) == 0)
        return object;
    }

  return NULL;
}

static gboolean
remove_object (GPtrArray  *objects,
               const char *id)
{
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = json_node_get_object (g_ptr_array_index (objects, i));

      if (g_strcmp0 (json_object_get_string_member_with_default (object, "id", NULL), id) == 0)
        {
          g_ptr_array_remove_index (objects, i);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_unsigned (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

/* OAuth */

static void
dialog (HdFakeFacebook    *self,
        SoupServerMessage *message,
        GHashTable        *query)
{
  const char *redirect = g_hash_table_lookup (query, "redirect_uri");
  const char *state = g_hash_table_lookup (query, "state");
  g_autofree char *escaped_state = NULL;
  g_autofree char *location = NULL;

  g_clear_pointer (&self->authorize_query, g_hash_table_unref);
  self->authorize_query = g_hash_table_ref (query);

  if (g_strcmp0 (g_hash_table_lookup (query, "client_id"), self->client_id) != 0
      || g_strcmp0 (g_hash_table_lookup (query, "response_type"), "code") != 0
      || redirect == NULL || !g_str_has_prefix (redirect, "http://127.0.0.1:")
      || state == NULL || g_hash_table_lookup (query, "scope") == NULL)
    {
      soup_server_message_set_status (message, 400, NULL);
      soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC,
                                        "Invalid login request", 21);
      return;
    }

  g_free (self->code);
  g_free (self->code_redirect);
  self->code = g_strdup_printf ("fbcode-%u", g_random_int ());
  self->code_redirect = g_strdup (redirect);
  escaped_state = g_uri_escape_string (state, NULL, FALSE);
  location = g_strdup_printf ("%s?code=%s&state=%s#_=_", redirect, self->code, escaped_state);
  soup_server_message_set_redirect (message, 302, location);
}

static void
access_token (HdFakeFacebook    *self,
              SoupServerMessage *message,
              HdFakeRequest     *request)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  const char *grant = g_hash_table_lookup (params, "grant_type");
  g_autofree char *json = NULL;

  if (g_strcmp0 (g_hash_table_lookup (params, "client_id"), self->client_id) != 0
      || g_strcmp0 (g_hash_table_lookup (params, "client_secret"), self->client_secret) != 0)
    {
      hd_fake_facebook_respond_error (self, message, 400, 1, 0,
                                      "Error validating client secret.");
      return;
    }

  if (g_strcmp0 (grant, "fb_exchange_token") == 0)
    {
      if (!g_str_equal (request->method, "GET")
          || g_strcmp0 (g_hash_table_lookup (params, "fb_exchange_token"),
                        self->short_token) != 0)
        {
          hd_fake_facebook_respond_error (self, message, 400, 190, 0,
                                          "Invalid OAuth access token - Cannot parse access "
                                          "token");
          return;
        }

      g_free (self->user_token);
      self->user_token = g_strdup_printf ("EAALONG%u", g_random_int ());
      json = g_strdup_printf ("{\"access_token\":\"%s\",\"token_type\":\"bearer\","
                              "\"expires_in\":5183944}", self->user_token);
      hd_fake_facebook_respond (self, message, json);
      return;
    }

  if (self->code == NULL || g_strcmp0 (g_hash_table_lookup (params, "code"), self->code) != 0
      || g_strcmp0 (g_hash_table_lookup (params, "redirect_uri"), self->code_redirect) != 0)
    {
      hd_fake_facebook_respond_error (self, message, 400, 100, 36007,
                                      "Invalid verification code format.");
      return;
    }

  g_clear_pointer (&self->code, g_free);
  g_free (self->short_token);
  self->short_token = g_strdup_printf ("EAASHORT%u", g_random_int ());
  json = g_strdup_printf ("{\"access_token\":\"%s\",\"token_type\":\"bearer\","
                          "\"expires_in\":5183}", self->short_token);
  hd_fake_facebook_respond (self, message, json);
}

static void
accounts (HdFakeFacebook    *self,
          SoupServerMessage *message,
          HdFakeRequest     *request)
{
  g_autofree char *json = NULL;

  if (!hd_fake_facebook_authorized (request, self->user_token))
    {
      hd_fake_facebook_respond_error (self, message, 400, 190, 0,
                                      "Invalid OAuth access token data.");
      return;
    }

  json = g_strdup_printf ("{\"data\":[{\"id\":\"%s\",\"name\":\"%s\",\"access_token\":\"%s\","
                          "\"category\":\"Pet Service\",\"tasks\":[\"ANALYZE\","
                          "\"ADVERTISE\",\"MODERATE\",\"CREATE_CONTENT\",\"MANAGE\"]},"
                          "{\"id\":\"%s\",\"name\":\"Hazel Outlet\",\"access_token\":\"%s\","
                          "\"tasks\":[\"CREATE_CONTENT\"]}],"
                          "\"paging\":{\"cursors\":{\"before\":\"QVFI\",\"after\":\"QVFJ\"}}}",
                          self->page_id, self->page_name, self->page_token,
                          self->second_page_id, self->second_page_token);
  hd_fake_facebook_respond (self, message, json);
}

/* The Page */

static JsonNode *
new_object (const char *id)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", id);
  json_node_take_object (node, object);
  return node;
}

static void
photos (HdFakeFacebook    *self,
        SoupServerMessage *message,
        HdFakeRequest     *request)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  g_autoptr(GBytes) source = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  g_autofree char *json = NULL;
  const char *published = g_hash_table_lookup (params, "published");
  JsonNode *photo;
  JsonObject *object;

  if (!hd_fake_facebook_check_params (self, message, params, photo_params,
                                      "POST /{page-id}/photos"))
    return;

  source = hd_fake_facebook_file_part (request, "source", &content_type);
  if (source == NULL && g_hash_table_lookup (params, "url") == NULL)
    {
      hd_fake_facebook_respond_error (self, message, 400, 324, 2069019,
                                      "(#324) Requires upload file: send the photo as the "
                                      "multipart file part \"source\" or give url");
      return;
    }

  if (published != NULL && !g_str_equal (published, "true") && !g_str_equal (published, "false"))
    {
      hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                      "(#100) published must be a boolean");
      return;
    }

  id = hd_fake_facebook_next_id (self);
  url = g_strdup_printf ("%s/cdn/%s.jpg", hd_fake_server_get_url (self->server), id);
  photo = new_object (id);
  object = json_node_get_object (photo);
  json_object_set_string_member (object, "source", url);
  json_object_set_boolean_member (object, "published", g_strcmp0 (published, "false") != 0);
  json_object_set_boolean_member (object, "temporary",
                                  g_strcmp0 (g_hash_table_lookup (params, "temporary"),
                                             "true") == 0);
  json_object_set_string_member (object, "content_type",
                                 content_type != NULL ? content_type : "");
  g_ptr_array_add (self->photos, photo);

  if (g_strcmp0 (published, "false") == 0)
    {
      json = g_strdup_printf ("{\"id\":\"%s\"}", id);
    }
  else
    {
      g_autofree char *post_id = g_strdup_printf ("%s_%s", self->page_id, id);
      JsonNode *post = new_object (post_id);
      const char *text = g_hash_table_lookup (params, "message");

      if (text != NULL)
        json_object_set_string_member (json_node_get_object (post), "message", text);
      json_object_set_int_member (json_node_get_object (post), "created",
                                  hd_fake_facebook_now (self));
      g_ptr_array_add (self->posts, post);
      json = g_strdup_printf ("{\"id\":\"%s\",\"post_id\":\"%s\"}", id, post_id);
    }

  hd_fake_facebook_respond (self, message, json);
}

/* attached_media[N] must be {"media_fbid":"<an unpublished photo of the Page>"}. */
static gboolean
check_attached_media (HdFakeFacebook    *self,
                      SoupServerMessage *message,
                      GHashTable        *params,
                      guint             *n_attached)
{
  for (guint i = 0;; i++)
    {
      g_autofree char *name = g_strdup_printf ("attached_media[%u]", i);
      const char *value = g_hash_table_lookup (params, name);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *photo;
      const char *id;

      if (value == NULL)
        {
          *n_attached = i;
          return TRUE;
        }

      node = json_from_string (value, NULL);
      id = node != NULL && JSON_NODE_HOLDS_OBJECT (node)
           ? json_object_get_string_member_with_default (json_node_get_object (node),
                                                         "media_fbid", NULL)
           : NULL;
      photo = id != NULL ? hd_fake_facebook_find (self->photos, id) : NULL;
      if (photo == NULL || json_object_get_boolean_member (photo, "published"))
        {
          g_autofree char *text = g_strdup_printf ("(#100) %s must be {\"media_fbid\":\"<id>\"} "
                                                   "of an unpublished photo, not %s", name,
                                                   value);

          hd_fake_facebook_respond_error (self, message, 400, 100, 0, text);
          return FALSE;
        }
    }
}

static void
feed_post (HdFakeFacebook    *self,
           SoupServerMessage *message,
           HdFakeRequest     *request)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  const char *text = g_hash_table_lookup (params, "message");
  const char *link = g_hash_table_lookup (params, "link");
  const char *published = g_hash_table_lookup (params, "published");
  const char *at = g_hash_table_lookup (params, "scheduled_publish_time");
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  guint n_attached = 0;
  gint64 now = hd_fake_facebook_now (self);
  JsonNode *post;
  JsonObject *object;

  if (!hd_fake_facebook_check_params (self, message, params, feed_params, "POST /{page-id}/feed")
      || !check_attached_media (self, message, params, &n_attached))
    return;

  if (g_strcmp0 (soup_message_headers_get_content_type (request->headers, NULL),
                 "application/x-www-form-urlencoded") != 0)
    {
      hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                      "(#100) Herald sends /feed as a urlencoded form");
      return;
    }

  if (text == NULL && link == NULL && n_attached == 0)
    {
      hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                      "(#100) Missing message or attachment");
      return;
    }

  if (link != NULL && !g_str_has_prefix (link, "http://") && !g_str_has_prefix (link, "https://"))
    {
      hd_fake_facebook_respond_error (self, message, 400, 100, 1609005,
                                      "(#100) The link could not be fetched");
      return;
    }

  if (at != NULL)
    {
      gint64 instant;

      if (g_strcmp0 (published, "false") != 0)
        {
          hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                          "(#100) scheduled_publish_time needs "
                                          "published=false");
          return;
        }

      if (!is_unsigned (at))
        {
          hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                          "(#100) scheduled_publish_time must be an unsigned "
                                          "UNIX timestamp");
          return;
        }

      instant = g_ascii_strtoll (at, NULL, 10);
      if (instant - now < SCHEDULE_MIN || instant - now > SCHEDULE_MAX)
        {
          hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                          "(#100) The specified scheduled publish time is "
                                          "invalid.");
          return;
        }
    }
  else if (published != NULL)
    {
      hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                      "(#100) published=false without scheduled_publish_time "
                                      "is not a post Herald makes");
      return;
    }

  /* Graph refuses the same status twice in a row. */
  if (text != NULL && g_strcmp0 (text, self->last_message) == 0 && at == NULL)
    {
      hd_fake_facebook_respond_error (self, message, 400, 506, 1455006,
                                      "Duplicate status message");
      return;
    }

  {
    g_autofree char *serial = hd_fake_facebook_next_id (self);

    id = g_strdup_printf ("%s_%s", self->page_id, serial);
  }
  post = new_object (id);
  object = json_node_get_object (post);
  if (text != NULL)
    json_object_set_string_member (object, "message", text);
  if (link != NULL)
    json_object_set_string_member (object, "link", link);
  json_object_set_int_member (object, "attached", n_attached);
  json_object_set_int_member (object, "created", now);

  if (at != NULL)
    {
      json_object_set_int_member (object, "scheduled_publish_time",
                                  g_ascii_strtoll (at, NULL, 10));
      g_ptr_array_add (self->scheduled, post);
    }
  else
    {
      g_free (self->last_message);
      self->last_message = g_strdup (text);
      g_ptr_array_add (self->posts, post);
    }

  json = g_strdup_printf ("{\"id\":\"%s\"}", id);
  hd_fake_facebook_respond (self, message, json);
}

static void
list_posts (HdFakeFacebook    *self,
            SoupServerMessage *message,
            GPtrArray         *posts,
            gboolean           scheduled)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  /* Newest first, as Graph lists them. */
  for (guint i = posts->len; i > 0; i--)
    {
      JsonObject *post = json_node_get_object (g_ptr_array_index (posts, i - 1));
      g_autofree char *created = iso8601 (json_object_get_int_member (post, "created"));
      g_autofree char *permalink = NULL;
      const char *id = json_object_get_string_member (post, "id");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      if (json_object_has_member (post, "message"))
        {
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, json_object_get_string_member (post,
                                                                                 "message"));
        }
      json_builder_set_member_name (builder, "created_time");
      json_builder_add_string_value (builder, created);
      if (scheduled)
        {
          json_builder_set_member_name (builder, "scheduled_publish_time");
          json_builder_add_int_value (builder,
                                      json_object_get_int_member (post,
                                                                  "scheduled_publish_time"));
        }
      permalink = g_strdup_printf ("https://www.facebook.com/%s", id);
      json_builder_set_member_name (builder, "permalink_url");
      json_builder_add_string_value (builder, permalink);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  hd_fake_facebook_respond (self, message, json);
}

static void
update_post (HdFakeFacebook    *self,
             SoupServerMessage *message,
             HdFakeRequest     *request,
             const char        *id)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  JsonObject *post = hd_fake_facebook_find (self->scheduled, id);
  const char *text = g_hash_table_lookup (params, "message");
  const char *at = g_hash_table_lookup (params, "scheduled_publish_time");

  if (post == NULL)
    post = hd_fake_facebook_find (self->posts, id);
  if (post == NULL)
    {
      hd_fake_facebook_respond_error (self, message, 400, 100, 33,
                                      "Unsupported post request. Object with ID does not "
                                      "exist");
      return;
    }

  if (!hd_fake_facebook_check_params (self, message, params, post_update_params,
                                      "POST /{post-id}"))
    return;

  if (at != NULL)
    {
      gint64 instant = is_unsigned (at) ? g_ascii_strtoll (at, NULL, 10) : 0;
      gint64 now = hd_fake_facebook_now (self);

      if (instant - now < SCHEDULE_MIN || instant - now > SCHEDULE_MAX)
        {
          hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                          "(#100) The specified scheduled publish time is "
                                          "invalid.");
          return;
        }
      json_object_set_int_member (post, "scheduled_publish_time", instant);
    }

  if (text != NULL)
    json_object_set_string_member (post, "message", text);

  hd_fake_facebook_respond (self, message, "{\"success\":true}");
}

/* Comments and insights */

/* GET /{post-id}/comments parameters (reference/channel-apis.md §3), the field list and the
 * paging of every Graph edge. */
static const char * const comment_list_params[] = {
  "filter", "order", "since", "live_filter", "fields", "limit", "after", NULL,
};
static const char * const comment_params[] = {
  "message", "attachment_url", "attachment_id", "attachment_share_url", NULL,
};
static const char * const comment_update_params[] = { "message", "is_hidden", NULL };

const char *
hd_fake_facebook_add_comment (HdFakeFacebook *self,
                              const char     *object_id,
                              const char     *from_id,
                              const char     *from_name,
                              const char     *text,
                              gint64          created)
{
  JsonObject *parent = hd_fake_facebook_find (self->comments, object_id);
  g_autofree char *number = hd_fake_facebook_next_id (self);
  g_autofree char *id = NULL;
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *comment = json_object_new ();

  /* An answer to a comment lives under the comment's post. */
  const char *post_id = parent != NULL ? json_object_get_string_member (parent, "post_id")
                                       : object_id;

  id = g_strdup_printf ("%s_%s", post_id, number);
  json_object_set_string_member (comment, "id", id);
  json_object_set_string_member (comment, "post_id", post_id);
  if (parent != NULL)
    json_object_set_string_member (comment, "parent_id", object_id);
  json_object_set_string_member (comment, "from_id", from_id);
  json_object_set_string_member (comment, "from_name", from_name);
  json_object_set_string_member (comment, "message", text);
  json_object_set_int_member (comment, "created", created);
  json_object_set_boolean_member (comment, "is_hidden", FALSE);
  json_node_take_object (node, comment);
  g_ptr_array_add (self->comments, node);

  return json_object_get_string_member (comment, "id");
}

JsonObject *
hd_fake_facebook_find_comment (HdFakeFacebook *self,
                               const char     *id)
{
  return hd_fake_facebook_find (self->comments, id);
}

void
hd_fake_facebook_delete_comment (HdFakeFacebook *self,
                                 const char     *id)
{
  g_assert_true (remove_object (self->comments, id));
}

void
hd_fake_facebook_set_insight (HdFakeFacebook *self,
                              const char     *object_id,
                              const char     *metric,
                              gint64          value)
{
  g_autofree char *key = g_strdup_printf ("%s/%s", object_id, metric);

  json_object_set_int_member (self->insights, key, value);
}

void
hd_fake_facebook_retire_metric (HdFakeFacebook *self,
                                const char     *metric)
{
  g_hash_table_add (self->retired_metrics, g_strdup (metric));
}

static void
add_comment_json (JsonBuilder *builder,
                  JsonObject  *comment,
                  const char  *fields)
{
  g_auto(GStrv) names = g_strsplit (fields != NULL ? fields : "id,message,created_time", ",", -1);

  json_builder_begin_object (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = names[i];

      if (g_str_equal (name, "id") || g_str_equal (name, "message"))
        {
          json_builder_set_member_name (builder, name);
          json_builder_add_string_value (builder, json_object_get_string_member (comment, name));
        }
      else if (g_str_equal (name, "created_time"))
        {
          g_autofree char *created = iso8601 (json_object_get_int_member (comment, "created"));

          json_builder_set_member_name (builder, name);
          json_builder_add_string_value (builder, created);
        }
      else if (g_str_equal (name, "from"))
        {
          json_builder_set_member_name (builder, "from");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, json_object_get_string_member (comment,
                                                                                 "from_name"));
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, json_object_get_string_member (comment,
                                                                                 "from_id"));
          json_builder_end_object (builder);
        }
      else if (g_str_equal (name, "parent") && json_object_has_member (comment, "parent_id"))
        {
          json_builder_set_member_name (builder, "parent");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, json_object_get_string_member (comment,
                                                                                 "parent_id"));
          json_builder_end_object (builder);
        }
      else if (g_str_equal (name, "is_hidden"))
        {
          json_builder_set_member_name (builder, name);
          json_builder_add_boolean_value (builder,
                                          json_object_get_boolean_member (comment, name));
        }
    }
  json_builder_end_object (builder);
}

/* Newest first with order=reverse_chronological; "stream" lists answers to comments too,
 * otherwise only the top level. Pages of @limit, reached by the opaque "after" cursor. */
static void
list_comments (HdFakeFacebook    *self,
               SoupServerMessage *message,
               HdFakeRequest     *request,
               const char        *object_id)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  const char *filter = g_hash_table_lookup (params, "filter");
  const char *order = g_hash_table_lookup (params, "order");
  const char *since = g_hash_table_lookup (params, "since");
  const char *limit_text = g_hash_table_lookup (params, "limit");
  const char *after = g_hash_table_lookup (params, "after");
  guint limit = limit_text != NULL ? CLAMP (atoi (limit_text), 1, 100) : 25;
  gboolean stream = g_strcmp0 (filter, "stream") == 0;
  gboolean newest_first = g_strcmp0 (order, "reverse_chronological") == 0;
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  guint start = 0;
  guint end;

  if (!hd_fake_facebook_check_params (self, message, params, comment_list_params,
                                      "GET /{object-id}/comments"))
    return;

  if (hd_fake_facebook_find (self->posts, object_id) == NULL
      && hd_fake_facebook_find (self->comments, object_id) == NULL)
    return hd_fake_facebook_respond_error (self, message, 400, 100, 33,
                                           "Unsupported get request. Object with ID does not "
                                           "exist");

  for (guint i = 0; i < self->comments->len; i++)
    {
      JsonObject *comment = json_node_get_object (g_ptr_array_index (self->comments, i));
      const char *parent = json_object_get_string_member_with_default (comment, "parent_id",
                                                                       NULL);
      gboolean under = stream
                       ? g_str_equal (json_object_get_string_member (comment, "post_id"),
                                      object_id)
                       : g_strcmp0 (parent != NULL ? parent
                                                   : json_object_get_string_member (comment,
                                                                                    "post_id"),
                                    object_id) == 0 && (parent != NULL) ==
                         (hd_fake_facebook_find (self->comments, object_id) != NULL);

      if (!under || (since != NULL && json_object_get_int_member (comment, "created")
                                      < g_ascii_strtoll (since, NULL, 10)))
        continue;
      if (newest_first)
        g_ptr_array_insert (matching, 0, comment);
      else
        g_ptr_array_add (matching, comment);
    }

  if (after != NULL)
    {
      g_autofree guchar *decoded = NULL;
      gsize length = 0;

      decoded = g_base64_decode (after, &length);
      start = (guint) g_ascii_strtoull ((const char *) decoded, NULL, 10);
    }
  end = MIN (matching->len, start + limit);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  for (guint i = start; i < end; i++)
    add_comment_json (builder, g_ptr_array_index (matching, i),
                      g_hash_table_lookup (params, "fields"));
  json_builder_end_array (builder);
  if (end > start)
    {
      g_autofree char *before_text = g_strdup_printf ("%u", start);
      g_autofree char *after_text = g_strdup_printf ("%u", end);
      g_autofree char *before_cursor = g_base64_encode ((const guchar *) before_text,
                                                        strlen (before_text));
      g_autofree char *after_cursor = g_base64_encode ((const guchar *) after_text,
                                                       strlen (after_text));

      json_builder_set_member_name (builder, "paging");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "cursors");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "before");
      json_builder_add_string_value (builder, before_cursor);
      json_builder_set_member_name (builder, "after");
      json_builder_add_string_value (builder, after_cursor);
      json_builder_end_object (builder);
      if (end < matching->len)
        {
          g_autofree char *next = g_strdup_printf ("%s/%s/%s/comments?limit=%u&after=%s",
                                                   hd_fake_server_get_url (self->server),
                                                   HD_FAKE_FACEBOOK_VERSION, object_id, limit,
                                                   after_cursor);

          json_builder_set_member_name (builder, "next");
          json_builder_add_string_value (builder, next);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  hd_fake_facebook_respond (self, message, json);
}

static void
create_comment (HdFakeFacebook    *self,
                SoupServerMessage *message,
                HdFakeRequest     *request,
                const char        *object_id)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  const char *text = g_hash_table_lookup (params, "message");
  g_autofree char *json = NULL;
  const char *id;

  if (!hd_fake_facebook_check_params (self, message, params, comment_params,
                                      "POST /{object-id}/comments"))
    return;

  if (hd_fake_facebook_find (self->posts, object_id) == NULL
      && hd_fake_facebook_find (self->comments, object_id) == NULL)
    return hd_fake_facebook_respond_error (self, message, 400, 100, 33,
                                           "Unsupported post request. Object with ID does "
                                           "not exist");

  if (text == NULL || *text == '\0')
    return hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                           "(#100) The parameter message is required");

  id = hd_fake_facebook_add_comment (self, object_id, self->page_id, self->page_name, text,
                                     hd_fake_facebook_now (self));
  json = g_strdup_printf ("{\"id\":\"%s\"}", id);
  hd_fake_facebook_respond (self, message, json);
}

static void
update_comment (HdFakeFacebook    *self,
                SoupServerMessage *message,
                HdFakeRequest     *request,
                JsonObject        *comment)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  const char *hidden = g_hash_table_lookup (params, "is_hidden");
  const char *text = g_hash_table_lookup (params, "message");

  if (!hd_fake_facebook_check_params (self, message, params, comment_update_params,
                                      "POST /{comment-id}"))
    return;

  if (hidden != NULL && !g_str_equal (hidden, "true") && !g_str_equal (hidden, "false"))
    return hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                           "(#100) Param is_hidden must be a boolean");

  if (hidden != NULL)
    json_object_set_boolean_member (comment, "is_hidden", g_str_equal (hidden, "true"));
  if (text != NULL)
    json_object_set_string_member (comment, "message", text);

  hd_fake_facebook_respond (self, message, "{\"success\":true}");
}

/* GET /{object-id}/insights?metric=a,b&period=p: one entry per metric, its value as the last
 * of "values"; a retired name refuses the whole request, as Graph does. */
static void
insights (HdFakeFacebook    *self,
          SoupServerMessage *message,
          HdFakeRequest     *request,
          const char        *object_id)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  const char *metrics = g_hash_table_lookup (params, "metric");
  const char *period = g_hash_table_lookup (params, "period");
  g_auto(GStrv) names = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  if (metrics == NULL || *metrics == '\0')
    return hd_fake_facebook_respond_error (self, message, 400, 3001, 1504028,
                                           "No metric was specified to be fetched. Please "
                                           "specify one or more metrics to be fetched and "
                                           "try again.");
  if (period == NULL)
    return hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                           "(#100) The parameter period is required");

  names = g_strsplit (metrics, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_hash_table_contains (self->retired_metrics, names[i]))
        return hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                               "(#100) The value must be a valid insights "
                                               "metric");
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s/%s", object_id, names[i]);
      g_autofree char *entry_id = g_strdup_printf ("%s/insights/%s/%s", object_id, names[i],
                                                   period);

      if (!json_object_has_member (self->insights, key))
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, names[i]);
      json_builder_set_member_name (builder, "period");
      json_builder_add_string_value (builder, period);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      if (g_str_equal (period, "day"))
        {
          /* yesterday's value first, as a daily series lists it */
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "value");
          json_builder_add_int_value (builder, 1);
          json_builder_end_object (builder);
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_int_value (builder, json_object_get_int_member (self->insights, key));
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, entry_id);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  hd_fake_facebook_respond (self, message, json);
}

/* Returns TRUE when the request was about comments or insights. */
static gboolean
handle_engagement (HdFakeFacebook    *self,
                   SoupServerMessage *message,
                   HdFakeRequest     *request,
                   const char        *path)
{
  const char *method = request->method;
  const char *slash = strchr (path + 1, '/');
  g_autofree char *id = slash != NULL ? g_strndup (path + 1, slash - path - 1)
                                      : g_strdup (path + 1);
  JsonObject *comment = hd_fake_facebook_find (self->comments, id);

  if (g_strcmp0 (slash, "/comments") == 0 && g_str_equal (method, "GET"))
    return list_comments (self, message, request, id), TRUE;
  if (g_strcmp0 (slash, "/comments") == 0 && g_str_equal (method, "POST"))
    return create_comment (self, message, request, id), TRUE;
  if (g_strcmp0 (slash, "/insights") == 0 && g_str_equal (method, "GET"))
    return insights (self, message, request, id), TRUE;
  if (slash == NULL && comment != NULL && g_str_equal (method, "POST"))
    return update_comment (self, message, request, comment), TRUE;
  if (slash == NULL && comment != NULL && g_str_equal (method, "DELETE"))
    {
      remove_object (self->comments, id);
      hd_fake_facebook_respond (self, message, "{\"success\":true}");
      return TRUE;
    }

  return FALSE;
}

static void
handle (HdFakeServer      *server,
        SoupServerMessage *message,
        HdFakeRequest     *request,
        gpointer           user_data)
{
  HdFakeFacebook *self = user_data;
  const char *method = request->method;
  g_autofree char *page_prefix = NULL;
  const char *path;

  if (g_str_equal (request->path, "/dialog/oauth") || g_str_equal (request->path,
                                                                  "/" HD_FAKE_FACEBOOK_VERSION
                                                                  "/dialog/oauth"))
    {
      g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query
                                                                             : "");
      dialog (self, message, query);
      return;
    }

  if (!g_str_has_prefix (request->path, "/" HD_FAKE_FACEBOOK_VERSION "/"))
    {
      hd_fake_facebook_respond_error (self, message, 400, 2500, 0,
                                      "Unknown path components: Herald must name the Graph "
                                      "version first");
      return;
    }
  path = request->path + strlen ("/" HD_FAKE_FACEBOOK_VERSION);

  if (g_str_equal (path, "/oauth/access_token"))
    return access_token (self, message, request);
  if (g_str_equal (path, "/me/accounts") && g_str_equal (method, "GET"))
    return accounts (self, message, request);

  if (self->extension != NULL && self->extension (self, message, request, path,
                                                  self->extension_data))
    return;

  if (!hd_fake_facebook_authorized (request, self->page_token))
    {
      hd_fake_facebook_respond_error (self, message, 400, 190, 460,
                                      "Error validating access token: The session has been "
                                      "invalidated because the user changed their password.");
      return;
    }

  if (handle_engagement (self, message, request, path))
    return;

  page_prefix = g_strdup_printf ("/%s", self->page_id);
  if (g_str_has_prefix (path, page_prefix))
    {
      const char *rest = path + strlen (page_prefix);

      if (g_str_equal (rest, "/feed") && g_str_equal (method, "POST"))
        return feed_post (self, message, request);
      if (g_str_equal (rest, "/feed") && g_str_equal (method, "GET"))
        return list_posts (self, message, self->posts, FALSE);
      if (g_str_equal (rest, "/scheduled_posts") && g_str_equal (method, "GET"))
        return list_posts (self, message, self->scheduled, TRUE);
      if (g_str_equal (rest, "/photos") && g_str_equal (method, "POST"))
        return photos (self, message, request);
      if (*rest == '\0' && g_str_equal (method, "GET"))
        {
          g_autofree char *json = g_strdup_printf ("{\"id\":\"%s\",\"name\":\"%s\"}",
                                                   self->page_id, self->page_name);

          return hd_fake_facebook_respond (self, message, json);
        }
    }

  if (strchr (path + 1, '/') == NULL)
    {
      const char *id = path + 1;
      JsonObject *photo = hd_fake_facebook_find (self->photos, id);

      if (g_str_equal (method, "DELETE"))
        {
          if (remove_object (self->scheduled, id) || remove_object (self->posts, id))
            return hd_fake_facebook_respond (self, message, "{\"success\":true}");

          return hd_fake_facebook_respond_error (self, message, 400, 100, 33,
                                                 "Unsupported delete request. Object with ID "
                                                 "does not exist");
        }

      if (g_str_equal (method, "POST"))
        return update_post (self, message, request, id);

      if (g_str_equal (method, "GET") && photo != NULL)
        {
          g_autofree char *json = NULL;

          if (g_strcmp0 (hd_fake_facebook_fields (request), "fields=images") != 0)
            return hd_fake_facebook_respond_error (self, message, 400, 100, 0,
                                                   "(#100) Herald reads a photo's address "
                                                   "with fields=images");

          json = g_strdup_printf ("{\"images\":[{\"height\":1080,\"width\":1080,"
                                  "\"source\":\"%s\"},{\"height\":130,\"width\":130,"
                                  "\"source\":\"%s?small\"}],\"id\":\"%s\"}",
                                  json_object_get_string_member (photo, "source"),
                                  json_object_get_string_member (photo, "source"), id);
          return hd_fake_facebook_respond (self, message, json);
        }
    }

  {
    g_autofree char *text = g_strdup_printf ("Unsupported %s request to %s", method, path);

    hd_fake_facebook_respond_error (self, message, 400, 100, 33, text);
  }
}

HdFakeFacebook *
hd_fake_facebook_new (void)
{
  HdFakeFacebook *self = g_new0 (HdFakeFacebook, 1);

  self->client_id = g_strdup ("1234567890123456");
  self->client_secret = g_strdup ("fake-app-secret-4f1c");
  self->page_id = g_strdup ("105000000000001");
  self->page_name = g_strdup ("Hazel & Hound");
  self->page_token = g_strdup ("EAAPAGE-hazel-token");
  self->second_page_id = g_strdup ("105000000000002");
  self->second_page_token = g_strdup ("EAAPAGE-outlet-token");
  self->app_usage = 5;
  self->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->scheduled = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->insights = json_object_new ();
  self->retired_metrics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->server = hd_fake_server_new (handle, self);

  return self;
}

void
hd_fake_facebook_free (HdFakeFacebook *self)
{
  if (self == NULL)
    return;

  hd_fake_server_free (self->server);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->code);
  g_free (self->code_redirect);
  g_clear_pointer (&self->authorize_query, g_hash_table_unref);
  g_free (self->short_token);
  g_free (self->user_token);
  g_free (self->page_id);
  g_free (self->page_name);
  g_free (self->page_token);
  g_free (self->second_page_id);
  g_free (self->second_page_token);
  g_ptr_array_unref (self->posts);
  g_ptr_array_unref (self->scheduled);
  g_ptr_array_unref (self->photos);
  g_ptr_array_unref (self->comments);
  json_object_unref (self->insights);
  g_hash_table_unref (self->retired_metrics);
  g_free (self->last_message);
  g_free (self);
}

char *
hd_fake_facebook_get_graph_base (HdFakeFacebook *self)
{
  return g_strconcat (hd_fake_server_get_url (self->server), "/" HD_FAKE_FACEBOOK_VERSION,
                      NULL);
}

char *
hd_fake_facebook_get_dialog_url (HdFakeFacebook *self)
{
  return g_strconcat (hd_fake_server_get_url (self->server),
                      "/" HD_FAKE_FACEBOOK_VERSION "/dialog/oauth", NULL);
}
