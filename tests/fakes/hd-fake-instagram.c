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

/* Comments (FBCG IGMedia.json, IGComment.json; reference/channel-apis.md §4) */

static const char * const comment_list_params[] = { "fields", "limit", "after", NULL };
static const char * const comment_fields[] = { "id", "text", "timestamp", "username", "hidden",
                                               "like_count", NULL };
static const char * const reply_params[] = { "message", NULL };
static const char * const comment_update_params[] = { "hide", NULL };
static const char * const media_fields[] = { "id", "caption", "comments_count", "like_count",
                                             "permalink", "timestamp", "username", NULL };
static const char * const user_fields[] = { "id", "username", "followers_count",
                                            "follows_count", "media_count", NULL };

const char *
hd_fake_instagram_add_media (HdFakeInstagram *self,
                             const char      *caption,
                             gint64           created)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *media = json_object_new ();
  g_autofree char *id = g_strdup_printf ("18000%010u", ++self->publishes);

  json_node_take_object (node, media);
  json_object_set_string_member (media, "id", id);
  json_object_set_string_member (media, "caption", caption);
  json_object_set_int_member (media, "created", created);
  g_ptr_array_add (self->media, node);

  return json_object_get_string_member (media, "id");
}

const char *
hd_fake_instagram_add_comment (HdFakeInstagram *self,
                               const char      *media_id,
                               const char      *username,
                               const char      *text,
                               gint64           created)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *comment = json_object_new ();
  g_autofree char *id = g_strdup_printf ("17950%010u", ++self->next_comment);

  json_node_take_object (node, comment);
  json_object_set_string_member (comment, "id", id);
  json_object_set_string_member (comment, "media_id", media_id);
  json_object_set_string_member (comment, "username", username);
  json_object_set_string_member (comment, "text", text);
  json_object_set_int_member (comment, "created", created);
  json_object_set_boolean_member (comment, "hidden", FALSE);
  g_ptr_array_add (self->comments, node);

  return json_object_get_string_member (comment, "id");
}

JsonObject *
hd_fake_instagram_find_comment (HdFakeInstagram *self,
                                const char      *id)
{
  return hd_fake_facebook_find (self->comments, id);
}

void
hd_fake_instagram_delete_comment (HdFakeInstagram *self,
                                  const char      *id)
{
  for (guint i = 0; i < self->comments->len; i++)
    {
      JsonObject *comment = json_node_get_object (g_ptr_array_index (self->comments, i));

      if (g_str_equal (json_object_get_string_member (comment, "id"), id))
        {
          g_ptr_array_remove_index (self->comments, i);
          return;
        }
    }

  g_assert_not_reached ();
}

void
hd_fake_instagram_set_counts (HdFakeInstagram *self,
                              const char      *media_id,
                              gint64           like_count,
                              gint64           comments_count)
{
  JsonObject *media = hd_fake_facebook_find (self->media, media_id);

  g_assert (media != NULL);
  json_object_set_int_member (media, "like_count", like_count);
  json_object_set_int_member (media, "comments_count", comments_count);
}

void
hd_fake_instagram_retire_field (HdFakeInstagram *self,
                                const char      *field)
{
  g_hash_table_add (self->retired_fields, g_strdup (field));
}

static char *
format_time (gint64 instant)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (instant);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S+0000");
}

/* The fields= list of @query, each known to the node type and not retired; NULL after
 * answering with Graph's error. */
static GStrv
check_fields (HdFakeInstagram    *self,
              SoupServerMessage  *message,
              const char         *fields,
              const char * const *known,
              const char         *node_type)
{
  g_auto(GStrv) names = NULL;

  if (fields == NULL || *fields == '\0')
    {
      hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 0,
                                      "(#100) Herald always names the fields it reads");
      return NULL;
    }

  names = g_strsplit (fields, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!g_strv_contains (known, names[i])
          || g_hash_table_contains (self->retired_fields, names[i]))
        {
          g_autofree char *text = g_strdup_printf ("(#100) Tried accessing nonexisting field "
                                                   "(%s) on node type (%s)", names[i],
                                                   node_type);

          hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 0, text);
          return NULL;
        }
    }

  return g_steal_pointer (&names);
}

static void
respond_missing (HdFakeInstagram   *self,
                 SoupServerMessage *message,
                 const char        *verb)
{
  g_autofree char *text = g_strdup_printf ("Unsupported %s request. Object with ID does not "
                                           "exist", verb);

  hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 33, text);
}

static void
list_comments (HdFakeInstagram   *self,
               SoupServerMessage *message,
               HdFakeRequest     *request,
               const char        *media_id)
{
  g_autoptr(GHashTable) query = request->query != NULL ? soup_form_decode (request->query)
                                                       : g_hash_table_new (g_str_hash,
                                                                           g_str_equal);
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after = g_hash_table_lookup (query, "after");
  const char *limit_text = g_hash_table_lookup (query, "limit");
  guint limit = limit_text != NULL ? (guint) g_ascii_strtoull (limit_text, NULL, 10)
                                   : self->comment_page_size;
  guint start = 0;
  guint end;

  if (!hd_fake_facebook_check_params (self->facebook, message, query, comment_list_params,
                                      "GET /{ig-media-id}/comments"))
    return;

  fields = check_fields (self, message, g_hash_table_lookup (query, "fields"), comment_fields,
                         "IGComment");
  if (fields == NULL)
    return;

  if (limit == 0 || limit > 100)
    limit = self->comment_page_size;

  if (after != NULL)
    {
      gsize length = 0;
      g_autofree guchar *decoded = g_base64_decode (after, &length);
      g_autofree char *text = g_strndup ((const char *) decoded, length);

      if (!g_str_has_prefix (text, "offset:"))
        {
          hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 0,
                                          "(#100) The after cursor is not one Graph made");
          return;
        }
      start = (guint) g_ascii_strtoull (text + strlen ("offset:"), NULL, 10);
    }

  /* Top-level comments, newest first; answers to them are read under their comment. */
  for (guint i = self->comments->len; i > 0; i--)
    {
      JsonObject *comment = json_node_get_object (g_ptr_array_index (self->comments, i - 1));

      if (g_str_equal (json_object_get_string_member (comment, "media_id"), media_id)
          && !json_object_has_member (comment, "parent_id"))
        g_ptr_array_add (matching, comment);
    }

  end = MIN (start + limit, matching->len);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  for (guint i = start; i < end; i++)
    {
      JsonObject *comment = g_ptr_array_index (matching, i);

      json_builder_begin_object (builder);
      for (guint f = 0; fields[f] != NULL; f++)
        {
          json_builder_set_member_name (builder, fields[f]);
          if (g_str_equal (fields[f], "timestamp"))
            {
              g_autofree char *timestamp = format_time (json_object_get_int_member (comment,
                                                                                    "created"));

              json_builder_add_string_value (builder, timestamp);
            }
          else if (g_str_equal (fields[f], "hidden"))
            json_builder_add_boolean_value (builder,
                                            json_object_get_boolean_member (comment, "hidden"));
          else if (g_str_equal (fields[f], "like_count"))
            json_builder_add_int_value (builder, 0);
          else
            json_builder_add_string_value (builder,
                                           json_object_get_string_member (comment, fields[f]));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (matching->len > 0)
    {
      g_autofree char *before_text = g_strdup_printf ("offset:%u", start);
      g_autofree char *after_text = g_strdup_printf ("offset:%u", end);
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
                                                   hd_fake_server_get_url (self->facebook->server),
                                                   HD_FAKE_FACEBOOK_VERSION, media_id, limit,
                                                   after_cursor);

          json_builder_set_member_name (builder, "next");
          json_builder_add_string_value (builder, next);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  hd_fake_facebook_respond (self->facebook, message, json);
}

static void
reply_to_comment (HdFakeInstagram   *self,
                  SoupServerMessage *message,
                  HdFakeRequest     *request,
                  JsonObject        *parent)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  const char *text = g_hash_table_lookup (params, "message");
  g_autofree char *json = NULL;
  JsonObject *reply;
  const char *id;

  if (!hd_fake_facebook_check_params (self->facebook, message, params, reply_params,
                                      "POST /{ig-comment-id}/replies"))
    return;

  if (text == NULL || *text == '\0')
    {
      hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 0,
                                      "(#100) The parameter message is required");
      return;
    }

  id = hd_fake_instagram_add_comment (self, json_object_get_string_member (parent, "media_id"),
                                      self->username, text,
                                      hd_fake_facebook_now (self->facebook));
  reply = hd_fake_instagram_find_comment (self, id);
  json_object_set_string_member (reply, "parent_id",
                                 json_object_get_string_member (parent, "id"));

  json = g_strdup_printf ("{\"id\":\"%s\"}", id);
  hd_fake_facebook_respond (self->facebook, message, json);
}

static void
update_comment (HdFakeInstagram   *self,
                SoupServerMessage *message,
                HdFakeRequest     *request,
                JsonObject        *comment)
{
  g_autoptr(GHashTable) params = hd_fake_facebook_params (request);
  const char *hide = g_hash_table_lookup (params, "hide");

  if (!hd_fake_facebook_check_params (self->facebook, message, params, comment_update_params,
                                      "POST /{ig-comment-id}"))
    return;

  if (g_strcmp0 (hide, "true") != 0 && g_strcmp0 (hide, "false") != 0)
    {
      hd_fake_facebook_respond_error (self->facebook, message, 400, 100, 0,
                                      "(#100) hide must be true or false");
      return;
    }

  json_object_set_boolean_member (comment, "hidden", g_str_equal (hide, "true"));
  hd_fake_facebook_respond (self->facebook, message, "{\"success\":true}");
}

/* GET /{ig-media-id}?fields=… and GET /{ig-user-id}?fields=… with counts. */
static void
read_node (HdFakeInstagram   *self,
           SoupServerMessage *message,
           HdFakeRequest     *request,
           JsonObject        *media)
{
  g_autoptr(GHashTable) query = request->query != NULL ? soup_form_decode (request->query)
                                                       : g_hash_table_new (g_str_hash,
                                                                           g_str_equal);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) fields = NULL;

  fields = check_fields (self, message, g_hash_table_lookup (query, "fields"),
                         media != NULL ? media_fields : user_fields,
                         media != NULL ? "IGMedia" : "IGUser");
  if (fields == NULL)
    return;

  json_builder_begin_object (builder);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *name = fields[i];

      if (media == NULL)
        {
          json_builder_set_member_name (builder, name);
          if (g_str_equal (name, "id"))
            json_builder_add_string_value (builder, self->ig_user_id);
          else if (g_str_equal (name, "username"))
            json_builder_add_string_value (builder, self->username);
          else if (g_str_equal (name, "followers_count"))
            json_builder_add_int_value (builder, self->followers_count);
          else if (g_str_equal (name, "media_count"))
            json_builder_add_int_value (builder, self->media->len);
          else
            json_builder_add_int_value (builder, 0);
          continue;
        }

      if (g_str_equal (name, "like_count") || g_str_equal (name, "comments_count"))
        {
          gint64 count = json_object_has_member (media, name)
                         ? json_object_get_int_member (media, name) : 0;

          /* Hidden like counts are left out of the answer. */
          if (count < 0)
            continue;
          json_builder_set_member_name (builder, name);
          json_builder_add_int_value (builder, count);
        }
      else if (g_str_equal (name, "id") || g_str_equal (name, "caption"))
        {
          json_builder_set_member_name (builder, name);
          json_builder_add_string_value (builder, json_object_get_string_member (media, name));
        }
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  hd_fake_facebook_respond (self->facebook, message, json);
}

/* The comment and media endpoints; FALSE for a path that is neither. */
static gboolean
handle_engagement (HdFakeInstagram   *self,
                   SoupServerMessage *message,
                   HdFakeRequest     *request,
                   const char        *path)
{
  const char *method = request->method;
  g_autofree char *id = NULL;
  const char *edge;
  JsonObject *comment;
  JsonObject *media;

  if (!g_str_has_prefix (path, "/17950") && !g_str_has_prefix (path, "/18000"))
    return FALSE;

  if (!hd_fake_facebook_authorized (request, self->facebook->page_token))
    {
      hd_fake_facebook_respond_error (self->facebook, message, 400, 190, 463,
                                      "Error validating access token: Session has expired.");
      return TRUE;
    }

  edge = strchr (path + 1, '/');
  id = edge != NULL ? g_strndup (path + 1, edge - path - 1) : g_strdup (path + 1);
  comment = hd_fake_instagram_find_comment (self, id);
  media = hd_fake_facebook_find (self->media, id);

  if (g_str_has_prefix (path, "/18000"))
    {
      if (media == NULL)
        respond_missing (self, message, g_str_equal (method, "GET") ? "get" : "post");
      else if (g_strcmp0 (edge, "/comments") == 0 && g_str_equal (method, "GET"))
        list_comments (self, message, request, id);
      else if (edge == NULL && g_str_equal (method, "GET"))
        read_node (self, message, request, media);
      else
        return FALSE;
      return TRUE;
    }

  if (comment == NULL)
    respond_missing (self, message, g_str_equal (method, "GET") ? "get" : "post");
  else if (g_strcmp0 (edge, "/replies") == 0 && g_str_equal (method, "POST"))
    reply_to_comment (self, message, request, comment);
  else if (edge == NULL && g_str_equal (method, "POST"))
    update_comment (self, message, request, comment);
  else
    return FALSE;

  return TRUE;
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

  if (handle_engagement (self, message, request, path))
    return TRUE;

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

  /* The account's counts, read as fields. */
  if (g_str_equal (path, user_prefix) && g_str_equal (method, "GET") && request->query != NULL
      && strstr (request->query, "followers_count") != NULL)
    {
      read_node (self, message, request, NULL);
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
  self->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->comment_page_size = 25;
  self->retired_fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

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
  g_ptr_array_unref (self->comments);
  g_hash_table_unref (self->retired_fields);
  g_free (self);
}
