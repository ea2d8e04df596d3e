/* hd-fake-instagram.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-fake-instagram.h"

#define CAPTION_LIMIT 2200
#define HASHTAG_LIMIT 30
#define MENTION_LIMIT 20
#define CAROUSEL_MAX 10
/* Containers expire after 24 h (reference/channel-apis.md §4). */
#define CONTAINER_LIFETIME (24 * 60 * 60)

/* FBCG:api_specs/specs/IGUser.json as quoted in reference/channel-apis.md §4. */
static const char * const media_params[] = {
  "image_url", "caption", "alt_text", "is_carousel_item", "media_type", "children",
  "video_url", "cover_url", "thumb_offset", "share_to_feed", "collaborators", "user_tags",
  "location_id", "product_tags", "upload_type", NULL,
};
static const char * const publish_params[] = { "creation_id", NULL };

JsonObject *
hd_fake_instagram_container (HdFakeInstagram *self,
                             const char      *id)
{
  return hd_fake_facebook_find (self->containers, id);
}

void
hd_fake_instagram_set_container_status (HdFakeInstagram *self,
                                        const char      *id,
                                        const char      *status)
{
  JsonObject *container = hd_fake_instagram_container (self, id);

  g_assert (container != NULL);
  json_object_set_string_member (container, "status_code", status);
  json_object_set_int_member (container, "polls_left", self->container_polls);
}

/* A container that was not published is gone a day after it was made. */
static void
expire_if_old (HdFakeInstagram *self,
               JsonObject      *container)
{
  gint64 age = hd_fake_facebook_now (self->facebook)
               - json_object_get_int_member (container, "created");

  if (age >= CONTAINER_LIFETIME
      && !g_str_equal (json_object_get_string_member (container, "status_code"), "PUBLISHED"))
    json_object_set_string_member (container, "status_code", "EXPIRED");
}

static guint
count_words_starting (const char *text,
                      char        sigil)
{
  guint count = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == sigil && (p == text || g_ascii_isspace (p[-1]))
          && (g_ascii_isalnum (p[1]) || p[1] == '_' || (guchar) p[1] >= 0x80))
        count++;
    }

  return count;
}

static glong
utf16_length (const char *text)
{
  glong length = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, &length, NULL);

  return length;
}

static gboolean
check_caption (HdFakeInstagram   *self,
               SoupServerMessage *message,
               const char        *caption)
{
  const char *problem = NULL;

  if (caption == NULL)
    return TRUE;

  if (utf16_length (caption) > CAPTION_LIMIT)
    problem = "The caption is longer than 2,200 characters.";
  else if (count_words_starting (caption, '#') > HASHTAG_LIMIT)
    problem = "The caption has more than 30 hashtags.";
  else if (count_words_starting (caption, '@') > MENTION_LIMIT)
    problem = "The caption has more than 20 mentions.";

  if (problem == NULL)
    return TRUE;

  hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 2207010, problem);
  return FALSE;
}

/* The address must be one of the Page's unpublished photos, and a JPEG. */
static gboolean
check_image_url (HdFakeInstagram   *self,
                 SoupServerMessage *message,
                 const char        *url)
{
  GPtrArray *photos = self->facebook->photos;

  for (guint i = 0; url != NULL && i < photos->len; i++)
    {
      JsonObject *photo = json_node_get_object (g_ptr_array_index (photos, i));

      if (g_strcmp0 (json_object_get_string_member (photo, "source"), url) != 0)
        continue;

      if (json_object_get_boolean_member (photo, "published"))
        break;

      if (!g_str_equal (json_object_get_string_member (photo, "content_type"), "image/jpeg"))
        {
          hd_fake_facebook_respond_error (self->facebook, message, 400, 9004, 2207052,
                                          "Only photo or video can be accepted as media type: "
                                          "the image is not a JPEG.");
          return FALSE;
        }

      return TRUE;
    }

  hd_fake_facebook_respond_error (self->facebook, message, 400, 9004, 2207052,
                                  "The media could not be fetched from this URI: it is not "
                                  "the address of an unpublished photo of the linked Page.");
  return FALSE;
}

static void
create_container (HdFakeInstagram   *self,
                  SoupServerMessage *message,
                  HdFakeRequest     *request)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  const char *image_url = g_hash_table_lookup (params, "image_url");
  const char *caption = g_hash_table_lookup (params, "caption");
  const char *media_type = g_hash_table_lookup (params, "media_type");
  const char *children = g_hash_table_lookup (params, "children");
  gboolean item = g_strcmp0 (g_hash_table_lookup (params, "is_carousel_item"), "true") == 0;
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  JsonNode *node;
  JsonObject *container;

  if (!hd_fake_facebook_check_params (self->facebook, message, params, media_params,
                                      "POST /{ig-user-id}/media"))
    return;

  if (g_strcmp0 (media_type, "CAROUSEL") == 0)
    {
      g_auto(GStrv) ids = children != NULL ? g_strsplit (children, ",", -1) : NULL;
      guint n = ids != NULL ? g_strv_length (ids) : 0;

      if (image_url != NULL || n < 2 || n > CAROUSEL_MAX)
        {
          hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 2207020,
                                          "(#100) A carousel needs children: 2 to 10 container "
                                          "ids, comma-separated, and no image_url");
          return;
        }

      for (guint i = 0; i < n; i++)
        {
          JsonObject *child = hd_fake_instagram_container (self, ids[i]);

          if (child == NULL || !json_object_get_boolean_member (child, "carousel_item"))
            {
              hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 2207020,
                                              "(#100) children must be carousel item "
                                              "containers");
              return;
            }
        }
    }
  else
    {
      if (media_type != NULL || children != NULL)
        {
          hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 0,
                                          "(#100) An image container takes no media_type or "
                                          "children");
          return;
        }

      if (!check_image_url (self, message, image_url))
        return;

      if (item && caption != NULL)
        {
          hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 0,
                                          "(#100) Captions are not supported on carousel "
                                          "items");
          return;
        }
    }

  if (!check_caption (self, message, caption))
    return;

  id = g_strdup_printf ("17900%010u", self->containers->len + 1);
  node = json_node_new (JSON_NODE_OBJECT);
  container = json_object_new ();
  json_node_take_object (node, container);
  json_object_set_string_member (container, "id", id);
  json_object_set_string_member (container, "caption", caption != NULL ? caption : "");
  json_object_set_boolean_member (container, "carousel_item", item);
  json_object_set_int_member (container, "polls_left", self->container_polls);
  json_object_set_string_member (container, "status_code", "IN_PROGRESS");
  json_object_set_int_member (container, "created", hd_fake_facebook_now (self->facebook));
  if (g_hash_table_lookup (params, "alt_text") != NULL)
    json_object_set_string_member (container, "alt_text",
                                   g_hash_table_lookup (params, "alt_text"));
  if (children != NULL)
    json_object_set_string_member (container, "children", children);
  g_ptr_array_add (self->containers, node);

  json = g_strdup_printf ("{\"id\":\"%s\"}", id);
  hd_fake_facebook_respond (self->facebook, message, json);
}

static void
container_status (HdFakeInstagram   *self,
                  SoupServerMessage *message,
                  HdFakeRequest     *request,
                  JsonObject        *container)
{
  g_autofree char *json = NULL;
  gint64 polls_left = json_object_get_int_member (container, "polls_left");
  const char *status = json_object_get_string_member (container, "status_code");

  if (g_strcmp0 (hd_fake_facebook_fields (request), "fields=status_code") != 0)
    {
      hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 0,
                                      "(#100) Herald asks a container for fields=status_code");
      return;
    }

  expire_if_old (self, container);
  status = json_object_get_string_member (container, "status_code");
  if (g_str_equal (status, "IN_PROGRESS"))
    {
      if (polls_left > 0)
        json_object_set_int_member (container, "polls_left", polls_left - 1);
      else
        json_object_set_string_member (container, "status_code",
                                       self->container_outcome != NULL
                                       ? self->container_outcome : "FINISHED");
    }

  json = g_strdup_printf ("{\"status_code\":\"%s\",\"id\":\"%s\"}",
                          json_object_get_string_member (container, "status_code"),
                          json_object_get_string_member (container, "id"));
  hd_fake_facebook_respond (self->facebook, message, json);
}

static void
publish (HdFakeInstagram   *self,
         SoupServerMessage *message,
         HdFakeRequest     *request)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  const char *creation_id = g_hash_table_lookup (params, "creation_id");
  JsonObject *container = creation_id != NULL ? hd_fake_instagram_container (self, creation_id)
                                              : NULL;
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  JsonNode *node;
  JsonObject *media;

  if (!hd_fake_facebook_check_params (self->facebook, message, params, publish_params,
                                      "POST /{ig-user-id}/media_publish"))
    return;

  if (container == NULL || json_object_get_boolean_member (container, "carousel_item"))
    {
      hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 0,
                                      "(#100) creation_id must be a container of this account");
      return;
    }

  expire_if_old (self, container);
  if (!g_str_equal (json_object_get_string_member (container, "status_code"), "FINISHED"))
    {
      hd_fake_facebook_respond_error (self->facebook, message, 400, 9007, 2207027,
                                      "Media ID is not available: the container is not ready "
                                      "or was published already.");
      return;
    }

  if (self->quota_usage >= self->quota_total)
    {
      hd_fake_facebook_respond_error (self->facebook, message, 400, 9, 2207042,
                                      "You have reached the maximum number of posts that is "
                                      "allowed to be published by this account.");
      return;
    }

  self->publishes++;
  self->quota_usage++;
  json_object_set_string_member (container, "status_code", "PUBLISHED");

  id = g_strdup_printf ("18000%010u", self->publishes);
  node = json_node_new (JSON_NODE_OBJECT);
  media = json_object_new ();
  json_node_take_object (node, media);
  json_object_set_string_member (media, "id", id);
  json_object_set_string_member (media, "caption",
                                 json_object_get_string_member (container, "caption"));
  json_object_set_int_member (media, "created", hd_fake_facebook_now (self->facebook));
  g_ptr_array_add (self->media, node);

  json = g_strdup_printf ("{\"id\":\"%s\"}", id);
  hd_fake_facebook_respond (self->facebook, message, json);
}

static void
list_media (HdFakeInstagram   *self,
            SoupServerMessage *message)
{
  g_autoptr(GString) json = g_string_new ("{\"data\":[");

  for (guint i = self->media->len; i > 0; i--)
    {
      JsonObject *media = json_node_get_object (g_ptr_array_index (self->media, i - 1));
      g_autoptr(GDateTime) created = NULL;
      g_autofree char *timestamp = NULL;
      g_autoptr(JsonNode) caption = json_node_new (JSON_NODE_VALUE);
      g_autofree char *escaped = NULL;

      created = g_date_time_new_from_unix_utc (json_object_get_int_member (media, "created"));
      timestamp = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S+0000");
      json_node_set_string (caption, json_object_get_string_member (media, "caption"));
      escaped = json_to_string (caption, FALSE);
      g_string_append_printf (json, "%s{\"id\":\"%s\",\"caption\":%s,"
                              "\"permalink\":\"https://www.instagram.com/p/%s/\","
                              "\"timestamp\":\"%s\"}", i < self->media->len ? "," : "",
                              json_object_get_string_member (media, "id"), escaped,
                              json_object_get_string_member (media, "id"), timestamp);
    }
  g_string_append (json, "]}");

  hd_fake_facebook_respond (self->facebook, message, json->str);
}

static gboolean
handle (HdFakeFacebook    *facebook,
        SoupServerMessage *message,
        HdFakeRequest     *request,
        const char        *path,
        gpointer           user_data)
{
  HdFakeInstagram *self = user_data;
  g_autofree char *user_prefix = g_strdup_printf ("/%s", self->ig_user_id);
  g_autofree char *page = g_strdup_printf ("/%s", facebook->page_id);
  g_autofree char *second_page = g_strdup_printf ("/%s", facebook->second_page_id);
  const char *method = request->method;
  const char *rest;
  JsonObject *container;

  /* The account linked to a Page, asked with that Page's token. */
  if ((g_str_equal (path, page) || g_str_equal (path, second_page))
      && g_str_equal (method, "GET") && request->query != NULL
      && strstr (request->query, "instagram_business_account") != NULL)
    {
      gboolean first = g_str_equal (path, page);
      g_autofree char *json = NULL;

      if (!hd_fake_facebook_authorized (request, first ? facebook->page_token
                                                       : facebook->second_page_token))
        {
          hd_fake_facebook_respond_error (facebook, message, 400, 190, 0,
                                          "Invalid OAuth access token data.");
          return TRUE;
        }

      if (g_strcmp0 (hd_fake_facebook_fields (request),
                     "fields=instagram_business_account{id,username}") != 0)
        {
          hd_fake_facebook_respond_error (facebook, message, 400, 100, 0,
                                          "(#100) Herald asks for "
                                          "fields=instagram_business_account{id,username}");
          return TRUE;
        }

      json = first
             ? g_strdup_printf ("{\"instagram_business_account\":{\"id\":\"%s\","
                                "\"username\":\"%s\"},\"id\":\"%s\"}", self->ig_user_id,
                                self->username, facebook->page_id)
             : g_strdup_printf ("{\"id\":\"%s\"}", facebook->second_page_id);
      hd_fake_facebook_respond (facebook, message, json);
      return TRUE;
    }

  if (!g_str_has_prefix (path, user_prefix) && !g_str_has_prefix (path, "/17900"))
    return FALSE;

  if (!hd_fake_facebook_authorized (request, facebook->page_token))
    {
      hd_fake_facebook_respond_error (facebook, message, 400, 190, 463,
                                      "Error validating access token: Session has expired.");
      return TRUE;
    }

  /* What follows the account's id, for its own endpoints; NULL for a container's id. */
  rest = g_str_has_prefix (path, user_prefix) ? path + strlen (user_prefix) : NULL;

  if (g_str_has_prefix (path, "/17900") && g_str_equal (method, "GET")
      && (container = hd_fake_instagram_container (self, path + 1)) != NULL)
    {
      container_status (self, message, request, container);
      return TRUE;
    }

  if (g_strcmp0 (rest, "/content_publishing_limit") == 0
      && g_str_equal (method, "GET"))
    {
      g_autofree char *json = NULL;

      if (g_strcmp0 (hd_fake_facebook_fields (request), "fields=quota_usage,config") != 0)
        {
          hd_fake_facebook_respond_error (facebook, message, 400, 100, 0,
                                          "(#100) Herald asks for fields=quota_usage,config");
          return TRUE;
        }

      json = g_strdup_printf ("{\"data\":[{\"quota_usage\":%" G_GINT64_FORMAT ","
                              "\"config\":{\"quota_total\":%" G_GINT64_FORMAT ","
                              "\"quota_duration\":86400}}]}", self->quota_usage,
                              self->quota_total);
      hd_fake_facebook_respond (facebook, message, json);
      return TRUE;
    }

  if (g_strcmp0 (rest, "/media") == 0 && g_str_equal (method, "POST"))
    {
      create_container (self, message, request);
      return TRUE;
    }

  if (g_strcmp0 (rest, "/media") == 0 && g_str_equal (method, "GET"))
    {
      list_media (self, message);
      return TRUE;
    }

  if (g_strcmp0 (rest, "/media_publish") == 0
      && g_str_equal (method, "POST"))
    {
      publish (self, message, request);
      return TRUE;
    }

  if (g_str_equal (path, user_prefix) && g_str_equal (method, "GET"))
    {
      g_autofree char *json = g_strdup_printf ("{\"id\":\"%s\",\"username\":\"%s\"}",
                                               self->ig_user_id, self->username);

      hd_fake_facebook_respond (facebook, message, json);
      return TRUE;
    }

  return FALSE;
}

HdFakeInstagram *
hd_fake_instagram_new (void)
{
  HdFakeInstagram *self = g_new0 (HdFakeInstagram, 1);

  self->facebook = hd_fake_facebook_new ();
  self->facebook->extension = handle;
  self->facebook->extension_data = self;
  self->ig_user_id = g_strdup ("17841400000000001");
  self->username = g_strdup ("hazelandhound");
  self->quota_total = 100;
  self->containers = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->media = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  return self;
}

void
hd_fake_instagram_free (HdFakeInstagram *self)
{
  if (self == NULL)
    return;

  hd_fake_facebook_free (self->facebook);
  g_free (self->ig_user_id);
  g_free (self->username);
  g_ptr_array_unref (self->containers);
  g_ptr_array_unref (self->media);
  g_free (self);
}
