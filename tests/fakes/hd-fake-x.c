/* hd-fake-x.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-fake-x.h"

#define ACCESS_TOKEN_LIFETIME (2 * 60 * 60)
#define MAX_IMAGE_BYTES (5 * 1024 * 1024)

typedef struct
{
  char    *id;
  char    *media_type;
  gsize    total_bytes;
  gsize    received;
  guint    next_segment;
  gboolean finalized;
  guint    polls_left;
} Media;

static void
media_free (Media *media)
{
  g_free (media->id);
  g_free (media->media_type);
  g_free (media);
}

gint64
hd_fake_x_now (HdFakeX *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

const char *
hd_fake_x_get_url (HdFakeX *self)
{
  return hd_fake_server_get_url (self->server);
}

static char *
iso8601 (gint64 instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
}

/* The v2 problem object: {title, type, detail, status}, with errors[] for a bad request. */
static void
respond_problem (SoupServerMessage *message,
                 guint              status,
                 const char        *title,
                 const char        *detail)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (status == 400)
    {
      json_builder_set_member_name (builder, "errors");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, detail);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, status == 400 ? "One or more parameters to your "
                                                          "request was invalid." : detail);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, status == 400
                                          ? "https://api.twitter.com/2/problems/invalid-request"
                                          : "about:blank");
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  hd_fake_respond_node (message, status, root);
}

static void
invalid (SoupServerMessage *message,
         const char        *detail)
{
  respond_problem (message, 400, "Invalid Request", detail);
}

static char *
s256 (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;
  char *text;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &length);
  text = g_base64_encode (digest, length);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  text[strcspn (text, "=")] = '\0';

  return text;
}

/* OAuth 2.0 */

static void
authorize (HdFakeX           *self,
           SoupServerMessage *message,
           HdFakeRequest     *request)
{
  static const char * const needed[] = { "tweet.read", "tweet.write", "users.read",
                                         "offline.access", "media.write" };
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  const char *redirect = g_hash_table_lookup (query, "redirect_uri");
  const char *state = g_hash_table_lookup (query, "state");
  const char *scope = g_hash_table_lookup (query, "scope");
  g_auto(GStrv) scopes = g_strsplit (scope != NULL ? scope : "", " ", -1);
  g_autofree char *escaped_state = NULL;
  g_autofree char *location = NULL;
  const char *problem = NULL;

  g_clear_pointer (&self->authorize_query, g_hash_table_unref);
  self->authorize_query = g_hash_table_ref (query);

  if (g_strcmp0 (g_hash_table_lookup (query, "response_type"), "code") != 0)
    problem = "response_type must be code";
  else if (g_strcmp0 (g_hash_table_lookup (query, "client_id"), self->client_id) != 0)
    problem = "Something went wrong: unknown client";
  else if (redirect == NULL
           || !g_ptr_array_find_with_equal_func (self->callbacks, redirect, g_str_equal, NULL))
    problem = "Something went wrong: the callback URL is not registered with the app";
  else if (state == NULL || *state == '\0')
    problem = "state is missing";
  else if (g_hash_table_lookup (query, "code_challenge") == NULL
           || g_strcmp0 (g_hash_table_lookup (query, "code_challenge_method"), "S256") != 0)
    problem = "code_challenge with code_challenge_method S256 is required";

  for (guint i = 0; problem == NULL && i < G_N_ELEMENTS (needed); i++)
    {
      if (!g_strv_contains ((const char * const *) scopes, needed[i]))
        problem = "scope lacks one of tweet.read tweet.write users.read offline.access "
                  "media.write";
    }

  if (problem != NULL)
    {
      soup_server_message_set_status (message, 400, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY, problem,
                                        strlen (problem));
      return;
    }

  g_free (self->code);
  g_free (self->code_challenge);
  g_free (self->code_redirect);
  self->code = g_uuid_string_random ();
  self->code_challenge = g_strdup (g_hash_table_lookup (query, "code_challenge"));
  self->code_redirect = g_strdup (redirect);

  escaped_state = g_uri_escape_string (state, NULL, FALSE);
  location = g_strdup_printf ("%s?state=%s&code=%s", redirect, escaped_state, self->code);
  soup_server_message_set_redirect (message, 302, location);
}

static void
issue_tokens (HdFakeX           *self,
              SoupServerMessage *message)
{
  g_autofree char *json = NULL;

  g_free (self->access_token);
  g_free (self->refresh_token);
  self->access_token = g_strdup_printf ("x-access-%u", ++self->next_id);
  self->refresh_token = g_strdup_printf ("x-refresh-%u", ++self->next_id);
  self->access_expires_at = hd_fake_x_now (self) + ACCESS_TOKEN_LIFETIME;

  json = g_strdup_printf ("{\"token_type\":\"bearer\",\"expires_in\":%d,\"access_token\":\"%s\","
                          "\"scope\":\"tweet.read tweet.write users.read offline.access "
                          "media.write\",\"refresh_token\":\"%s\"}",
                          ACCESS_TOKEN_LIFETIME, self->access_token, self->refresh_token);
  hd_fake_respond_json (message, 200, json);
}

static void
token (HdFakeX           *self,
       SoupServerMessage *message,
       HdFakeRequest     *request)
{
  g_autoptr(GHashTable) form = hd_fake_request_get_form (request);
  const char *grant = form != NULL ? g_hash_table_lookup (form, "grant_type") : NULL;
  const char *verifier = form != NULL ? g_hash_table_lookup (form, "code_verifier") : NULL;
  g_autofree char *computed = NULL;

  if (form == NULL)
    return hd_fake_respond_json (message, 400, "{\"error\":\"invalid_request\","
                                               "\"error_description\":\"Missing form body\"}");

  /* A Native App is a public client: its id in the form, no secret and no Basic header. */
  if (soup_message_headers_get_one (request->headers, "Authorization") != NULL
      || g_hash_table_lookup (form, "client_secret") != NULL
      || g_strcmp0 (g_hash_table_lookup (form, "client_id"), self->client_id) != 0)
    return hd_fake_respond_json (message, 401, "{\"error\":\"unauthorized_client\","
                                               "\"error_description\":\"Missing valid "
                                               "authorization header\"}");

  if (g_strcmp0 (grant, "refresh_token") == 0)
    {
      /* Rotation: the refresh token works once. */
      if (self->refresh_token == NULL
          || g_strcmp0 (g_hash_table_lookup (form, "refresh_token"), self->refresh_token) != 0)
        return hd_fake_respond_json (message, 400, "{\"error\":\"invalid_request\","
                                                   "\"error_description\":\"Value passed for "
                                                   "the token was invalid.\"}");
      self->refreshes++;
      return issue_tokens (self, message);
    }

  computed = verifier != NULL ? s256 (verifier) : NULL;
  if (g_strcmp0 (grant, "authorization_code") != 0 || self->code == NULL
      || g_strcmp0 (g_hash_table_lookup (form, "code"), self->code) != 0
      || g_strcmp0 (g_hash_table_lookup (form, "redirect_uri"), self->code_redirect) != 0
      || g_strcmp0 (computed, self->code_challenge) != 0)
    return hd_fake_respond_json (message, 400, "{\"error\":\"invalid_request\","
                                               "\"error_description\":\"Value passed for the "
                                               "authorization code was invalid.\"}");

  g_clear_pointer (&self->code, g_free);
  issue_tokens (self, message);
}

/* The API */

static gboolean
authorized (HdFakeX       *self,
            HdFakeRequest *request)
{
  const char *header = soup_message_headers_get_one (request->headers, "Authorization");
  g_autofree char *expected = NULL;

  if (self->access_token == NULL || header == NULL
      || hd_fake_x_now (self) >= self->access_expires_at)
    return FALSE;

  expected = g_strconcat ("Bearer ", self->access_token, NULL);
  return g_str_equal (header, expected);
}

static void
users_me (HdFakeX           *self,
          SoupServerMessage *message,
          HdFakeRequest     *request)
{
  g_autofree char *json = g_strdup_printf ("{\"data\":{\"id\":\"%s\",\"name\":\"Corner Bakery\","
                                           "\"username\":\"cornerbakery\","
                                           "\"profile_image_url\":\"https://pbs.twimg.com/"
                                           "profile_images/1/bakery_normal.jpg\"}}",
                                           self->user_id);
  g_autoptr(JsonNode) root = json_from_string (json, NULL);

  /* user.fields=public_metrics: {followers_count, following_count, tweet_count,
   * listed_count} */
  if (request->query != NULL && strstr (request->query, "public_metrics") != NULL)
    {
      JsonObject *data = json_object_get_object_member (json_node_get_object (root), "data");
      JsonObject *metrics = json_object_new ();

      json_object_set_int_member (metrics, "followers_count", self->followers_count);
      json_object_set_int_member (metrics, "following_count", 12);
      json_object_set_int_member (metrics, "tweet_count", self->tweets->len);
      json_object_set_int_member (metrics, "listed_count", 0);
      json_object_set_object_member (data, "public_metrics", metrics);
    }

  hd_fake_respond_node (message, 200, root);
}

static void
media_initialize (HdFakeX           *self,
                  SoupServerMessage *message,
                  HdFakeRequest     *request)
{
  g_autoptr(JsonNode) json = hd_fake_request_get_json (request);
  JsonObject *object = json != NULL && JSON_NODE_HOLDS_OBJECT (json)
                       ? json_node_get_object (json) : NULL;
  const char *media_type = object != NULL
                           ? json_object_get_string_member_with_default (object, "media_type",
                                                                         NULL) : NULL;
  const char *category = object != NULL
                         ? json_object_get_string_member_with_default (object, "media_category",
                                                                       NULL) : NULL;
  static const char * const categories[] = { "tweet_image", "tweet_gif", "tweet_video",
                                             "amplify_video", "subtitles", NULL };
  JsonNode *total = object != NULL ? json_object_get_member (object, "total_bytes") : NULL;
  g_autofree char *answer = NULL;
  Media *media;

  if (media_type == NULL || !g_str_has_prefix (media_type, "image/"))
    return invalid (message, "media_type must be the picture's MIME type");
  if (total == NULL || json_node_get_value_type (total) != G_TYPE_INT64
      || json_node_get_int (total) <= 0)
    return invalid (message, "total_bytes must be a positive integer");
  if (json_node_get_int (total) > MAX_IMAGE_BYTES)
    return invalid (message, "total_bytes is larger than 5 MB for an image");
  if (category == NULL || !g_strv_contains (categories, category))
    return invalid (message, "media_category must be one of tweet_image, tweet_gif, "
                    "tweet_video");
  if ((g_str_equal (media_type, "image/gif")) != (g_str_equal (category, "tweet_gif")))
    return invalid (message, "media_category does not match media_type");

  media = g_new0 (Media, 1);
  media->id = g_strdup_printf ("17%017u", ++self->next_id);
  media->media_type = g_strdup (media_type);
  media->total_bytes = (gsize) json_node_get_int (total);
  media->polls_left = self->processing_polls;
  g_hash_table_insert (self->media, media->id, media);

  answer = g_strdup_printf ("{\"data\":{\"id\":\"%s\",\"media_key\":\"3_%s\","
                            "\"expires_after_secs\":86400}}", media->id, media->id);
  hd_fake_respond_json (message, 200, answer);
}

static void
media_append (HdFakeX           *self,
              SoupServerMessage *message,
              HdFakeRequest     *request,
              Media             *media)
{
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autofree char *segment = NULL;
  GBytes *data = NULL;
  guint64 index = 0;

  multipart = soup_multipart_new_from_message (request->headers, request->body);
  if (multipart == NULL)
    return invalid (message, "append takes multipart/form-data");

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *part_headers = NULL;
      GBytes *part_body = NULL;
      g_autoptr(GHashTable) params = NULL;
      const char *name;

      soup_multipart_get_part (multipart, i, &part_headers, &part_body);
      if (!soup_message_headers_get_content_disposition (part_headers, NULL, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      if (g_strcmp0 (name, "media") == 0)
        data = part_body;
      else if (g_strcmp0 (name, "segment_index") == 0)
        {
          g_free (segment);
          segment = g_strndup (g_bytes_get_data (part_body, NULL), g_bytes_get_size (part_body));
        }
    }

  if (data == NULL || g_bytes_get_size (data) == 0)
    return invalid (message, "the media part is missing");
  if (segment == NULL || !g_ascii_string_to_unsigned (segment, 10, 0, 999, &index, NULL)
      || index != media->next_segment)
    return invalid (message, "segment_index must count up from 0");
  if (media->finalized)
    return invalid (message, "the upload is already finalized");

  media->next_segment++;
  media->received += g_bytes_get_size (data);
  hd_fake_respond_json (message, 200, "{\"data\":{\"expires_at\":1772532000}}");
}

static void
respond_media_status (HdFakeX           *self,
                      SoupServerMessage *message,
                      Media             *media)
{
  g_autofree char *json = NULL;

  if (media->polls_left > 0)
    json = g_strdup_printf ("{\"data\":{\"id\":\"%s\",\"media_key\":\"3_%s\",\"size\":%"
                            G_GSIZE_FORMAT ",\"expires_after_secs\":86400,\"processing_info\":"
                            "{\"state\":\"%s\",\"check_after_secs\":1,\"progress_percent\":%u}}}",
                            media->id, media->id, media->total_bytes,
                            media->polls_left == self->processing_polls ? "pending"
                                                                        : "in_progress",
                            100 / (media->polls_left + 1));
  else
    json = g_strdup_printf ("{\"data\":{\"id\":\"%s\",\"media_key\":\"3_%s\",\"size\":%"
                            G_GSIZE_FORMAT ",\"expires_after_secs\":86400%s}}",
                            media->id, media->id, media->total_bytes,
                            self->processing_polls > 0
                            ? ",\"processing_info\":{\"state\":\"succeeded\","
                              "\"progress_percent\":100}" : "");

  hd_fake_respond_json (message, 200, json);
}

static void
media_finalize (HdFakeX           *self,
                SoupServerMessage *message,
                Media             *media)
{
  if (media->received != media->total_bytes)
    return invalid (message, "the segments do not add up to total_bytes");

  media->finalized = TRUE;
  respond_media_status (self, message, media);
}

static void
media_status (HdFakeX           *self,
              SoupServerMessage *message,
              HdFakeRequest     *request)
{
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  const char *media_id = g_hash_table_lookup (query, "media_id");
  Media *media = g_hash_table_lookup (self->media, media_id != NULL ? media_id : "");

  if (g_strcmp0 (g_hash_table_lookup (query, "command"), "STATUS") != 0)
    return invalid (message, "command must be STATUS");
  if (media == NULL || !media->finalized)
    return invalid (message, "media_id is not a finalized upload");

  if (media->polls_left > 0)
    media->polls_left--;
  respond_media_status (self, message, media);
}

static void
add_tweet_rate_headers (HdFakeX           *self,
                        SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *limit = g_strdup_printf ("%u", self->tweet_limit);
  g_autofree char *remaining = g_strdup_printf ("%u", self->tweet_remaining);
  g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT, self->tweet_reset);

  soup_message_headers_replace (headers, "x-rate-limit-limit", limit);
  soup_message_headers_replace (headers, "x-rate-limit-remaining", remaining);
  soup_message_headers_replace (headers, "x-rate-limit-reset", reset);
}

static JsonObject *find_in (GPtrArray  *objects,
                            const char *id);

static void
create_tweet (HdFakeX           *self,
              SoupServerMessage *message,
              HdFakeRequest     *request)
{
  static const char * const known[] = {
    "text", "media", "reply", "quote_tweet_id", "poll", "reply_settings", "community_id",
    "edit_options", "for_super_followers_only", "nullcast", "card_uri", "geo", NULL,
  };
  g_autoptr(JsonNode) json = hd_fake_request_get_json (request);
  JsonObject *object = json != NULL && JSON_NODE_HOLDS_OBJECT (json)
                       ? json_node_get_object (json) : NULL;
  g_autoptr(GList) members = NULL;
  const char *text;
  const char *in_reply_to = NULL;
  JsonArray *media_ids = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *id = NULL;
  g_autofree char *created = NULL;
  JsonObject *stored;

  if (self->tweet_reset <= hd_fake_x_now (self))
    {
      self->tweet_remaining = self->tweet_limit;
      self->tweet_reset = hd_fake_x_now (self) + 15 * 60;
    }
  add_tweet_rate_headers (self, message);
  if (self->tweet_remaining == 0)
    return hd_fake_respond_json (message, 429, "{\"errors\":[{\"code\":88,\"message\":"
                                               "\"Rate limit exceeded\"}]}");
  self->tweet_remaining--;
  add_tweet_rate_headers (self, message);

  if (object == NULL)
    return invalid (message, "The body must be a JSON object");

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (known, l->data))
        {
          g_autofree char *detail = g_strdup_printf ("The property '#/%s' is not defined",
                                                     (const char *) l->data);

          return invalid (message, detail);
        }
    }

  text = json_object_get_string_member_with_default (object, "text", NULL);
  if (json_object_has_member (object, "media"))
    {
      JsonObject *media = json_object_get_object_member (object, "media");

      if (media == NULL || !json_object_has_member (media, "media_ids"))
        return invalid (message, "media needs media_ids");
      media_ids = json_object_get_array_member (media, "media_ids");
      if (json_array_get_length (media_ids) == 0 || json_array_get_length (media_ids) > 4)
        return invalid (message, "media_ids takes 1 to 4 ids");

      for (guint i = 0; i < json_array_get_length (media_ids); i++)
        {
          JsonNode *element = json_array_get_element (media_ids, i);
          Media *uploaded;

          /* Ids are strings: a 64-bit number does not survive JavaScript's doubles. */
          if (json_node_get_value_type (element) != G_TYPE_STRING)
            return invalid (message, "media_ids must be strings");
          uploaded = g_hash_table_lookup (self->media, json_node_get_string (element));
          if (uploaded == NULL || !uploaded->finalized || uploaded->polls_left > 0)
            return invalid (message, "Your media IDs are invalid.");
        }
    }

  if ((text == NULL || *text == '\0') && media_ids == NULL)
    return invalid (message, "One of text or media is required");

  if (json_object_has_member (object, "reply"))
    {
      JsonObject *reply = json_object_get_object_member (object, "reply");
      const char *parent = reply != NULL
                           ? json_object_get_string_member_with_default (reply,
                                                                         "in_reply_to_tweet_id",
                                                                         NULL)
                           : NULL;

      if (parent == NULL)
        return invalid (message, "reply needs in_reply_to_tweet_id");
      if (hd_fake_x_find_tweet (self, parent) == NULL
          && find_in (self->mentions, parent) == NULL)
        return respond_problem (message, 403, "Forbidden", "You attempted to reply to a Tweet "
                                "that is deleted or not visible to you.");
      in_reply_to = parent;
    }

  for (guint i = 0; text != NULL && i < self->tweets->len; i++)
    {
      JsonObject *other = json_node_get_object (g_ptr_array_index (self->tweets, i));

      if (g_str_equal (json_object_get_string_member (other, "text"), text))
        return respond_problem (message, 403, "Forbidden", "You are not allowed to create a "
                                "Tweet with duplicate content.");
    }

  id = g_strdup_printf ("18%017u", ++self->next_id);
  created = iso8601 (hd_fake_x_now (self));
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text != NULL ? text : "");
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  g_ptr_array_add (self->tweets, json_node_copy (answer));
  stored = json_node_get_object (g_ptr_array_index (self->tweets, self->tweets->len - 1));
  if (media_ids != NULL)
    json_object_set_array_member (stored, "media_ids", json_array_ref (media_ids));
  if (in_reply_to != NULL)
    {
      JsonArray *references = json_array_new ();
      JsonObject *reference = json_object_new ();

      json_object_set_string_member (reference, "type", "replied_to");
      json_object_set_string_member (reference, "id", in_reply_to);
      json_array_add_object_element (references, reference);
      json_object_set_array_member (stored, "referenced_tweets", references);
    }

  {
    g_autofree char *reply = g_strdup_printf ("{\"data\":{\"id\":\"%s\",\"text\":%s,"
                                              "\"edit_history_tweet_ids\":[\"%s\"]}}", id,
                                              "\"\"", id);
    g_autoptr(JsonNode) data = json_from_string (reply, NULL);

    json_object_set_string_member (json_object_get_object_member (json_node_get_object (data),
                                                                  "data"),
                                   "text", text != NULL ? text : "");
    hd_fake_respond_node (message, 201, data);
  }
}

JsonObject *
hd_fake_x_find_tweet (HdFakeX    *self,
                      const char *id)
{
  for (guint i = 0; i < self->tweets->len; i++)
    {
      JsonObject *tweet = json_node_get_object (g_ptr_array_index (self->tweets, i));

      if (g_strcmp0 (json_object_get_string_member (tweet, "id"), id) == 0)
        return tweet;
    }

  return NULL;
}

gsize
hd_fake_x_media_size (HdFakeX    *self,
                      const char *id)
{
  Media *media = g_hash_table_lookup (self->media, id);

  return media != NULL ? media->received : 0;
}

static JsonObject *
find_in (GPtrArray  *objects,
         const char *id)
{
  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = json_node_get_object (g_ptr_array_index (objects, i));

      if (g_strcmp0 (json_object_get_string_member (object, "id"), id) == 0)
        return object;
    }

  return NULL;
}

/* X's ids are 64-bit numbers that grow with time: the longer is the newer. */
static int
compare_ids (const char *a,
             const char *b)
{
  if (strlen (a) != strlen (b))
    return strlen (a) < strlen (b) ? -1 : 1;

  return strcmp (a, b);
}

const char *
hd_fake_x_add_mention (HdFakeX    *self,
                       const char *username,
                       const char *name,
                       const char *text,
                       const char *in_reply_to,
                       gint64      created)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *mention = json_object_new ();
  g_autofree char *id = g_strdup_printf ("18%017u", ++self->next_id);
  g_autofree char *author_id = NULL;
  g_autofree char *created_at = iso8601 (created);
  JsonObject *parent = in_reply_to != NULL ? hd_fake_x_find_tweet (self, in_reply_to) : NULL;

  for (guint i = 0; i < self->users->len && author_id == NULL; i++)
    {
      JsonObject *user = json_node_get_object (g_ptr_array_index (self->users, i));

      if (g_str_equal (json_object_get_string_member (user, "username"), username))
        author_id = g_strdup (json_object_get_string_member (user, "id"));
    }
  if (author_id == NULL)
    {
      JsonNode *user_node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *user = json_object_new ();

      author_id = g_strdup_printf ("9%09u", self->users->len + 1);
      json_node_take_object (user_node, user);
      json_object_set_string_member (user, "id", author_id);
      json_object_set_string_member (user, "name", name);
      json_object_set_string_member (user, "username", username);
      g_ptr_array_add (self->users, user_node);
    }

  json_node_take_object (node, mention);
  json_object_set_string_member (mention, "id", id);
  json_object_set_string_member (mention, "text", text);
  json_object_set_string_member (mention, "author_id", author_id);
  json_object_set_string_member (mention, "created_at", created_at);
  if (in_reply_to != NULL)
    {
      JsonArray *references = json_array_new ();
      JsonObject *reference = json_object_new ();

      json_object_set_string_member (reference, "type", "replied_to");
      json_object_set_string_member (reference, "id", in_reply_to);
      json_array_add_object_element (references, reference);
      json_object_set_array_member (mention, "referenced_tweets", references);
    }
  /* A conversation is named by the post that started it. */
  json_object_set_string_member (mention, "conversation_id",
                                 parent != NULL
                                 ? json_object_get_string_member_with_default (
                                     parent, "conversation_id",
                                     json_object_get_string_member (parent, "id"))
                                 : in_reply_to != NULL ? in_reply_to : id);
  g_ptr_array_add (self->mentions, node);

  return json_object_get_string_member (mention, "id");
}

void
hd_fake_x_set_metrics (HdFakeX    *self,
                       const char *tweet_id,
                       gint64      likes,
                       gint64      retweets,
                       gint64      replies,
                       gint64      impressions)
{
  JsonObject *tweet = hd_fake_x_find_tweet (self, tweet_id);
  JsonObject *public_metrics = json_object_new ();
  JsonObject *non_public_metrics = json_object_new ();

  g_assert (tweet != NULL);
  json_object_set_int_member (public_metrics, "retweet_count", retweets);
  json_object_set_int_member (public_metrics, "reply_count", replies);
  json_object_set_int_member (public_metrics, "like_count", likes);
  json_object_set_int_member (public_metrics, "quote_count", 0);
  json_object_set_int_member (public_metrics, "bookmark_count", 0);
  json_object_set_object_member (tweet, "public_metrics", public_metrics);
  json_object_set_int_member (non_public_metrics, "impression_count", impressions);
  json_object_set_int_member (non_public_metrics, "user_profile_clicks", 0);
  json_object_set_object_member (tweet, "non_public_metrics", non_public_metrics);
}

/* GET /2/users/:id/mentions (docs.x.com/x-api/posts/timelines): newest first, since_id
 * exclusive, start_time inclusive, pages of max_results (5 to 100) with pagination_token,
 * authors in includes.users, meta {result_count, next_token} (docs.x.com/x-api/fundamentals/
 * pagination). */
static void
user_mentions (HdFakeX           *self,
               SoupServerMessage *message,
               HdFakeRequest     *request)
{
  static const char * const known[] = {
    "since_id", "until_id", "start_time", "end_time", "max_results", "pagination_token",
    "tweet.fields", "expansions", "user.fields", "media.fields", "place.fields",
    "poll.fields", NULL,
  };
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  const char *since_id = g_hash_table_lookup (query, "since_id");
  const char *start = g_hash_table_lookup (query, "start_time");
  const char *token = g_hash_table_lookup (query, "pagination_token");
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  g_autoptr(JsonArray) data = json_array_new ();
  g_autoptr(JsonArray) users = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *meta = json_object_new ();
  GHashTableIter iter;
  gpointer key;
  guint64 max = 10;
  guint64 offset = 0;
  guint end;

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (known, key))
      {
        g_autofree char *detail = g_strdup_printf ("The query parameter [%s] is not one of "
                                                   "the allowed parameters", (const char *) key);

        json_object_unref (meta);
        return invalid (message, detail);
      }

  if (g_hash_table_lookup (query, "max_results") != NULL
      && (!g_ascii_string_to_unsigned (g_hash_table_lookup (query, "max_results"), 10, 5, 100,
                                       &max, NULL)))
    {
      json_object_unref (meta);
      return invalid (message, "max_results must be between 5 and 100");
    }
  if ((start != NULL && (since = g_date_time_new_from_iso8601 (start, NULL)) == NULL)
      || (token != NULL && (!g_str_has_prefix (token, "7140dibdnow9c7btw")
                            || !g_ascii_string_to_unsigned (token + strlen ("7140dibdnow9c7btw"),
                                                            10, 0, G_MAXUINT, &offset, NULL))))
    {
      json_object_unref (meta);
      return invalid (message, "start_time or pagination_token is not one X made");
    }

  for (guint i = self->mentions->len; i > 0; i--)
    {
      JsonObject *mention = json_node_get_object (g_ptr_array_index (self->mentions, i - 1));
      g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (
                                       json_object_get_string_member (mention, "created_at"),
                                       NULL);

      if (since_id != NULL && compare_ids (json_object_get_string_member (mention, "id"),
                                           since_id) <= 0)
        continue;
      if (since != NULL && g_date_time_compare (created, since) < 0)
        continue;
      g_ptr_array_add (matching, mention);
    }

  end = MIN (offset + max, matching->len);
  for (guint i = offset; i < end; i++)
    {
      JsonObject *mention = g_ptr_array_index (matching, i);
      JsonObject *author = find_in (self->users,
                                    json_object_get_string_member (mention, "author_id"));
      JsonNode *copy = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (copy, mention);
      json_array_add_element (data, copy);
      if (author != NULL)
        json_array_add_object_element (users, json_object_ref (author));
    }

  json_node_take_object (root, json_object_new ());
  json_object_set_int_member (meta, "result_count", end > offset ? end - offset : 0);
  if (end > offset)
    {
      json_object_set_array_member (json_node_get_object (root), "data", json_array_ref (data));
      {
        JsonObject *includes = json_object_new ();

        json_object_set_array_member (includes, "users", json_array_ref (users));
        json_object_set_object_member (json_node_get_object (root), "includes", includes);
      }
    }
  if (end < matching->len)
    {
      g_autofree char *next = g_strdup_printf ("7140dibdnow9c7btw%u", end);

      json_object_set_string_member (meta, "next_token", next);
    }
  json_object_set_object_member (json_node_get_object (root), "meta", meta);
  hd_fake_respond_node (message, 200, root);
}

static void
handle_tweet (HdFakeX           *self,
              SoupServerMessage *message,
              HdFakeRequest     *request,
              const char        *id)
{
  for (guint i = 0; i < self->tweets->len; i++)
    {
      JsonNode *node = g_ptr_array_index (self->tweets, i);
      g_autoptr(JsonNode) data = NULL;

      if (g_strcmp0 (json_object_get_string_member (json_node_get_object (node), "id"), id) != 0)
        continue;

      if (g_str_equal (request->method, "DELETE"))
        {
          g_ptr_array_remove_index (self->tweets, i);
          return hd_fake_respond_json (message, 200, "{\"data\":{\"deleted\":true}}");
        }

      {
        g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query
                                                                               : "");
        const char *fields = g_hash_table_lookup (query, "tweet.fields");
        g_auto(GStrv) names = g_strsplit (fields != NULL ? fields : "", ",", -1);
        JsonNode *copy = json_node_copy (node);
        JsonObject *tweet = json_node_get_object (copy);
        g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (
                                         json_object_get_string_member (tweet, "created_at"),
                                         NULL);

        /* Non-public metrics exist for the last 30 days only; an older post is refused. */
        if (g_strv_contains ((const char * const *) names, "non_public_metrics")
            && g_date_time_to_unix (created) < hd_fake_x_now (self) - 30 * 24 * 3600)
          {
            json_node_unref (copy);
            return hd_fake_respond_json (message, 200,
                                         "{\"errors\":[{\"parameter\":\"non_public_metrics\","
                                         "\"detail\":\"Sorry, you are not authorized to access "
                                         "non_public_metrics on this Tweet.\",\"title\":"
                                         "\"Field Authorization Error\",\"section\":\"data\","
                                         "\"type\":\"https://api.twitter.com/2/problems/"
                                         "not-authorized-for-field\"}]}");
          }
        if (!g_strv_contains ((const char * const *) names, "public_metrics"))
          json_object_remove_member (tweet, "public_metrics");
        if (!g_strv_contains ((const char * const *) names, "non_public_metrics"))
          json_object_remove_member (tweet, "non_public_metrics");
        json_object_remove_member (tweet, "media_ids");

        data = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (data, json_object_new ());
        json_object_set_member (json_node_get_object (data), "data", copy);
        return hd_fake_respond_node (message, 200, data);
      }
    }

  if (g_str_equal (request->method, "DELETE"))
    return hd_fake_respond_json (message, 200, "{\"data\":{\"deleted\":false}}");

  {
    g_autofree char *json = g_strdup_printf ("{\"errors\":[{\"value\":\"%s\",\"detail\":"
                                             "\"Could not find tweet with id: [%s].\","
                                             "\"title\":\"Not Found Error\","
                                             "\"resource_type\":\"tweet\",\"parameter\":\"id\","
                                             "\"resource_id\":\"%s\",\"type\":\"https://api."
                                             "twitter.com/2/problems/resource-not-found\"}]}",
                                             id, id, id);

    hd_fake_respond_json (message, 200, json);
  }
}

static void
user_tweets (HdFakeX           *self,
             SoupServerMessage *message,
             HdFakeRequest     *request)
{
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  const char *start = g_hash_table_lookup (query, "start_time");
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(JsonArray) data = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  guint64 max = 10;

  if (g_hash_table_lookup (query, "max_results") != NULL
      && (!g_ascii_string_to_unsigned (g_hash_table_lookup (query, "max_results"), 10, 5, 100,
                                       &max, NULL)))
    return invalid (message, "max_results must be between 5 and 100");
  if (start != NULL && (since = g_date_time_new_from_iso8601 (start, NULL)) == NULL)
    return invalid (message, "start_time must be an RFC 3339 instant");

  for (guint i = self->tweets->len; i > 0 && json_array_get_length (data) < max; i--)
    {
      JsonObject *tweet = json_node_get_object (g_ptr_array_index (self->tweets, i - 1));
      const char *created_at = json_object_get_string_member (tweet, "created_at");
      g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (created_at, NULL);

      if (since != NULL && g_date_time_compare (created, since) < 0)
        continue;
      json_array_add_element (data, json_node_copy (g_ptr_array_index (self->tweets, i - 1)));
    }

  json_node_take_object (root, json_object_new ());
  json_object_set_array_member (json_node_get_object (root), "data", json_array_ref (data));
  hd_fake_respond_node (message, 200, root);
}

static void
handle (HdFakeServer      *server,
        SoupServerMessage *message,
        HdFakeRequest     *request,
        gpointer           user_data)
{
  HdFakeX *self = user_data;
  const char *path = request->path;
  const char *method = request->method;
  g_autofree char *timeline = g_strdup_printf ("/2/users/%s/tweets", self->user_id);
  g_autofree char *mentions = g_strdup_printf ("/2/users/%s/mentions", self->user_id);

  if (g_str_equal (path, "/i/oauth2/authorize") && g_str_equal (method, "GET"))
    return authorize (self, message, request);
  if (g_str_equal (path, "/2/oauth2/token") && g_str_equal (method, "POST"))
    return token (self, message, request);

  if (!authorized (self, request))
    return respond_problem (message, 401, "Unauthorized", "Unauthorized");

  if (g_str_equal (path, "/2/users/me") && g_str_equal (method, "GET"))
    return users_me (self, message, request);
  if (g_str_equal (path, timeline) && g_str_equal (method, "GET"))
    return user_tweets (self, message, request);
  if (g_str_equal (path, mentions) && g_str_equal (method, "GET"))
    return user_mentions (self, message, request);
  if (g_str_equal (path, "/2/media/upload/initialize") && g_str_equal (method, "POST"))
    return media_initialize (self, message, request);
  if (g_str_equal (path, "/2/media/upload") && g_str_equal (method, "GET"))
    return media_status (self, message, request);
  if (g_str_has_prefix (path, "/2/media/upload/") && g_str_equal (method, "POST"))
    {
      g_auto(GStrv) parts = g_strsplit (path + strlen ("/2/media/upload/"), "/", -1);
      Media *media = g_strv_length (parts) == 2 ? g_hash_table_lookup (self->media, parts[0])
                                                : NULL;

      if (media == NULL)
        return invalid (message, "Unknown media id");
      if (g_str_equal (parts[1], "append"))
        return media_append (self, message, request, media);
      if (g_str_equal (parts[1], "finalize"))
        return media_finalize (self, message, media);
    }
  if (g_str_equal (path, "/2/tweets") && g_str_equal (method, "POST"))
    return create_tweet (self, message, request);
  if (g_str_has_prefix (path, "/2/tweets/"))
    return handle_tweet (self, message, request, path + strlen ("/2/tweets/"));

  respond_problem (message, 404, "Not Found Error", "No such endpoint");
}

HdFakeX *
hd_fake_x_new (void)
{
  HdFakeX *self = g_new0 (HdFakeX, 1);

  self->server = hd_fake_server_new (handle, self);
  hd_fake_server_set_clock (self->server, &self->now);
  self->client_id = g_strdup ("M1M5R3BMVy13QmpScXkzTUt6OE06MTpjaQ");
  self->callbacks = g_ptr_array_new_with_free_func (g_free);
  self->user_id = g_strdup ("2244994945");
  /* POST /2/tweets: 200 requests per 15 minutes per user. */
  self->tweet_limit = 200;
  self->tweet_remaining = 200;
  self->tweets = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->media = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) media_free);
  self->mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->users = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  return self;
}

void
hd_fake_x_free (HdFakeX *self)
{
  if (self == NULL)
    return;

  hd_fake_server_free (self->server);
  g_free (self->client_id);
  g_ptr_array_unref (self->callbacks);
  g_free (self->user_id);
  g_free (self->access_token);
  g_free (self->refresh_token);
  g_free (self->code);
  g_free (self->code_challenge);
  g_free (self->code_redirect);
  g_clear_pointer (&self->authorize_query, g_hash_table_unref);
  g_ptr_array_unref (self->tweets);
  g_hash_table_unref (self->media);
  g_ptr_array_unref (self->mentions);
  g_ptr_array_unref (self->users);
  g_free (self);
}
