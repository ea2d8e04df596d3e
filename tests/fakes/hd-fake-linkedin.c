/* hd-fake-linkedin.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-fake-linkedin.h"

#define ACCESS_TOKEN_LIFETIME (60 * 24 * 60 * 60)
#define REFRESH_TOKEN_LIFETIME (365 * 24 * 60 * 60)
#define RESERVED "\\|{}@[]()<>#*_~"

gint64
hd_fake_linkedin_now (HdFakeLinkedIn *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

const char *
hd_fake_linkedin_get_url (HdFakeLinkedIn *self)
{
  return hd_fake_server_get_url (self->server);
}

/* LinkedIn's error body: {status, serviceErrorCode, code, message}. */
static void
respond_error (SoupServerMessage *message,
               guint              status,
               const char        *code,
               const char        *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  if (code != NULL)
    {
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, code);
    }
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  hd_fake_respond_node (message, status, root);
}

static void
respond_oauth_error (SoupServerMessage *message,
                     guint              status,
                     const char        *error,
                     const char        *description)
{
  g_autofree char *json = g_strdup_printf ("{\"error\":\"%s\",\"error_description\":\"%s\"}",
                                           error, description);

  hd_fake_respond_json (message, status, json);
}

/* The little text format as LinkedIn renders it: an escaped character shows as itself, a
 * {hashtag|\#|tag} template as #tag, and an unescaped reserved character ends the post
 * there, silently. */
char *
hd_fake_linkedin_render (const char *commentary)
{
  GString *out = g_string_new (NULL);
  const char *p = commentary;

  while (*p != '\0')
    {
      if (*p == '\\' && p[1] != '\0')
        {
          g_string_append_c (out, p[1]);
          p += 2;
          continue;
        }

      if (g_str_has_prefix (p, "{hashtag|\\#|"))
        {
          const char *q = p + strlen ("{hashtag|\\#|");
          GString *tag = g_string_new ("#");

          while (*q != '\0' && *q != '}')
            {
              if (*q == '\\' && q[1] != '\0')
                q++;
              else if (strchr (RESERVED, *q) != NULL)
                break;
              g_string_append_c (tag, *q++);
            }

          if (*q != '}')
            {
              g_string_free (tag, TRUE);
              break;
            }

          g_string_append (out, tag->str);
          g_string_free (tag, TRUE);
          p = q + 1;
          continue;
        }

      if (strchr (RESERVED, *p) != NULL)
        break;

      g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
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

/* OAuth */

static void
authorize (HdFakeLinkedIn    *self,
           SoupServerMessage *message,
           HdFakeRequest     *request)
{
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  const char *redirect = g_hash_table_lookup (query, "redirect_uri");
  const char *state = g_hash_table_lookup (query, "state");
  const char *scope = g_hash_table_lookup (query, "scope");
  const char *challenge = g_hash_table_lookup (query, "code_challenge");
  g_autofree char *escaped_state = NULL;
  g_autofree char *location = NULL;
  const char *problem = NULL;

  g_clear_pointer (&self->authorize_query, g_hash_table_unref);
  self->authorize_query = g_hash_table_ref (query);

  if (g_strcmp0 (g_hash_table_lookup (query, "response_type"), "code") != 0)
    problem = "response_type must be code";
  else if (g_strcmp0 (g_hash_table_lookup (query, "client_id"), self->client_id) != 0)
    problem = "unknown client_id";
  else if (state == NULL || *state == '\0')
    problem = "state is missing";
  else if (scope == NULL || strstr (scope, "w_member_social") == NULL
           || strstr (scope, "openid") == NULL || strstr (scope, "profile") == NULL)
    problem = "scope must hold openid, profile and w_member_social";
  else if (redirect == NULL || strchr (redirect, '#') != NULL)
    problem = "redirect_uri is missing or has a fragment";
  else if (challenge != NULL)
    {
      /* Native PKCE: loopback only, any port, S256 only. */
      if (g_strcmp0 (g_hash_table_lookup (query, "code_challenge_method"), "S256") != 0)
        problem = "code_challenge_method must be S256";
      else if (!g_str_has_prefix (redirect, "http://127.0.0.1:"))
        problem = "the native flow takes loopback redirects only";
    }
  else if (g_strcmp0 (redirect, self->registered_redirect) != 0)
    problem = "The redirect_uri does not match the registered value";

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
  self->code_challenge = g_strdup (challenge);
  self->code_redirect = g_strdup (redirect);

  escaped_state = g_uri_escape_string (state, NULL, FALSE);
  location = g_strdup_printf ("%s?code=%s&state=%s", redirect, self->code, escaped_state);
  soup_server_message_set_redirect (message, 302, location);
}

static void
issue_tokens (HdFakeLinkedIn    *self,
              SoupServerMessage *message)
{
  g_autoptr(GString) json = g_string_new (NULL);

  g_free (self->access_token);
  self->access_token = g_strdup_printf ("AQV-linkedin-%u", ++self->next_id);
  self->access_expires_at = hd_fake_linkedin_now (self) + ACCESS_TOKEN_LIFETIME;

  g_string_append_printf (json, "{\"access_token\":\"%s\",\"expires_in\":%d,"
                          "\"scope\":\"openid,profile,w_member_social\"",
                          self->access_token, ACCESS_TOKEN_LIFETIME);
  if (self->issue_refresh_token)
    {
      g_free (self->refresh_token);
      self->refresh_token = g_strdup_printf ("AQX-refresh-%u", ++self->next_id);
      g_string_append_printf (json, ",\"refresh_token\":\"%s\",\"refresh_token_expires_in\":%d",
                              self->refresh_token, REFRESH_TOKEN_LIFETIME);
    }
  g_string_append (json, "}");

  hd_fake_respond_json (message, 200, json->str);
}

static void
token (HdFakeLinkedIn    *self,
       SoupServerMessage *message,
       HdFakeRequest     *request)
{
  g_autoptr(GHashTable) form = hd_fake_request_get_form (request);
  const char *content_type = soup_message_headers_get_content_type (request->headers, NULL);
  const char *grant = form != NULL ? g_hash_table_lookup (form, "grant_type") : NULL;
  const char *secret = form != NULL ? g_hash_table_lookup (form, "client_secret") : NULL;
  const char *verifier = form != NULL ? g_hash_table_lookup (form, "code_verifier") : NULL;

  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") != 0 || form == NULL)
    return respond_oauth_error (message, 400, "invalid_request",
                                "The body must be application/x-www-form-urlencoded");

  if (g_strcmp0 (g_hash_table_lookup (form, "client_id"), self->client_id) != 0)
    return respond_oauth_error (message, 401, "invalid_client", "Client authentication failed");

  if (g_strcmp0 (grant, "refresh_token") == 0)
    {
      if (self->refresh_token == NULL
          || g_strcmp0 (g_hash_table_lookup (form, "refresh_token"), self->refresh_token) != 0)
        return respond_oauth_error (message, 400, "invalid_request",
                                    "The provided refresh token is invalid");
      if (g_strcmp0 (secret, self->client_secret) != 0)
        return respond_oauth_error (message, 401, "invalid_client",
                                    "Client authentication failed");
      self->refreshes++;
      return issue_tokens (self, message);
    }

  if (g_strcmp0 (grant, "authorization_code") != 0)
    return respond_oauth_error (message, 400, "unsupported_grant_type", "Unknown grant_type");

  if (self->code == NULL || g_strcmp0 (g_hash_table_lookup (form, "code"), self->code) != 0
      || g_strcmp0 (g_hash_table_lookup (form, "redirect_uri"), self->code_redirect) != 0)
    return respond_oauth_error (message, 400, "invalid_request",
                                "Unable to retrieve access token: appid/redirect uri/code "
                                "verifier does not match authorization code");

  if (self->code_challenge != NULL)
    {
      g_autofree char *computed = verifier != NULL ? s256 (verifier) : NULL;

      if (secret != NULL || g_strcmp0 (computed, self->code_challenge) != 0)
        return respond_oauth_error (message, 400, "invalid_request",
                                    "code_verifier does not match, or a secret was sent in "
                                    "the native flow");
    }
  else if (g_strcmp0 (secret, self->client_secret) != 0)
    {
      return respond_oauth_error (message, 401, "invalid_client",
                                  "Client authentication failed");
    }

  g_clear_pointer (&self->code, g_free);
  issue_tokens (self, message);
}

/* The API */

static const char *
check_access (HdFakeLinkedIn *self,
              HdFakeRequest  *request)
{
  const char *header = soup_message_headers_get_one (request->headers, "Authorization");
  g_autofree char *expected = NULL;

  if (self->access_token == NULL || header == NULL)
    return "Invalid access token";
  expected = g_strconcat ("Bearer ", self->access_token, NULL);
  if (!g_str_equal (header, expected))
    return "Invalid access token";
  if (hd_fake_linkedin_now (self) >= self->access_expires_at)
    return "The token used in the request has expired";

  return NULL;
}

static gboolean
check_rest_headers (HdFakeLinkedIn    *self,
                    SoupServerMessage *message,
                    HdFakeRequest     *request)
{
  const char *version = soup_message_headers_get_one (request->headers, "LinkedIn-Version");
  const char *protocol = soup_message_headers_get_one (request->headers,
                                                       "X-Restli-Protocol-Version");
  guint64 number = 0;

  if (version == NULL)
    {
      respond_error (message, 400, "VERSION_MISSING", "A version must be present. Please "
                     "specify a version by adding the LinkedIn-Version header.");
      return FALSE;
    }

  if (strlen (version) != 6 || !g_ascii_string_to_unsigned (version, 10, 200001, 209912,
                                                            &number, NULL)
      || number % 100 < 1 || number % 100 > 12)
    {
      respond_error (message, 400, "INVALID_VERSION", "LinkedIn-Version must be YYYYMM");
      return FALSE;
    }

  if (number < self->oldest_version)
    {
      g_autofree char *text = g_strdup_printf ("Requested version %s is not active", version);

      respond_error (message, 426, "NONEXISTENT_VERSION", text);
      return FALSE;
    }

  if (g_strcmp0 (protocol, "2.0.0") != 0)
    {
      respond_error (message, 400, "ILLEGAL_ARGUMENT",
                     "X-Restli-Protocol-Version must be 2.0.0");
      return FALSE;
    }

  return TRUE;
}

static char *
member_urn (HdFakeLinkedIn *self)
{
  return g_strconcat ("urn:li:person:", self->member_sub, NULL);
}

static gboolean
may_author (HdFakeLinkedIn *self,
            const char     *urn)
{
  g_autofree char *member = member_urn (self);

  return urn != NULL && (g_str_equal (urn, member)
                         || g_str_equal (urn, HD_FAKE_LINKEDIN_ORGANIZATION));
}

static void
userinfo (HdFakeLinkedIn    *self,
          SoupServerMessage *message)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"sub\":\"%s\",\"email_verified\":true,\"name\":\"Ada Baker\","
                          "\"locale\":{\"country\":\"GB\",\"language\":\"en\"},"
                          "\"given_name\":\"Ada\",\"family_name\":\"Baker\","
                          "\"picture\":\"https://media.licdn.com/dms/image/ada.jpg\"}",
                          self->member_sub);
  hd_fake_respond_json (message, 200, json);
}

static void
organization_acls (HdFakeLinkedIn    *self,
                   SoupServerMessage *message,
                   HdFakeRequest     *request)
{
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  g_autofree char *json = NULL;
  g_autofree char *member = member_urn (self);

  if (g_strcmp0 (g_hash_table_lookup (query, "q"), "roleAssignee") != 0)
    return respond_error (message, 400, "ILLEGAL_ARGUMENT", "q must be roleAssignee");

  if (self->organizations_forbidden)
    return respond_error (message, 403, "ACCESS_DENIED",
                          "Not enough permissions to access: organizationAcls.FINDER-"
                          "roleAssignee");

  json = g_strdup_printf ("{\"paging\":{\"count\":10,\"start\":0,\"links\":[]},\"elements\":["
                          "{\"roleAssignee\":\"%s\",\"state\":\"APPROVED\","
                          "\"role\":\"ADMINISTRATOR\",\"organization\":\"%s\"},"
                          "{\"roleAssignee\":\"%s\",\"state\":\"REQUESTED\","
                          "\"role\":\"ADMINISTRATOR\","
                          "\"organization\":\"urn:li:organization:999\"}]}",
                          member, HD_FAKE_LINKEDIN_ORGANIZATION, member);
  hd_fake_respond_json (message, 200, json);
}

static void
organization (HdFakeLinkedIn    *self,
              SoupServerMessage *message,
              const char        *id)
{
  if (!g_str_equal (id, HD_FAKE_LINKEDIN_ORGANIZATION + strlen ("urn:li:organization:")))
    return respond_error (message, 404, "NOT_FOUND", "Organization not found");

  hd_fake_respond_json (message, 200, "{\"id\":2414183,\"localizedName\":\"Corner Bakery Ltd\","
                                      "\"vanityName\":\"corner-bakery\"}");
}

static void
initialize_upload (HdFakeLinkedIn    *self,
                   SoupServerMessage *message,
                   HdFakeRequest     *request)
{
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  g_autoptr(JsonNode) json = hd_fake_request_get_json (request);
  JsonObject *root = json != NULL && JSON_NODE_HOLDS_OBJECT (json)
                     ? json_node_get_object (json) : NULL;
  JsonObject *upload = root != NULL && json_object_has_member (root, "initializeUploadRequest")
                       ? json_object_get_object_member (root, "initializeUploadRequest") : NULL;
  const char *owner = upload != NULL ? json_object_get_string_member_with_default (upload, "owner",
                                                                                   NULL)
                                     : NULL;
  g_autofree char *id = NULL;
  g_autofree char *urn = NULL;
  g_autofree char *answer = NULL;

  if (g_strcmp0 (g_hash_table_lookup (query, "action"), "initializeUpload") != 0)
    return respond_error (message, 400, "ILLEGAL_ARGUMENT", "action must be initializeUpload");
  if (owner == NULL)
    return respond_error (message, 400, "FIELD_MISSING",
                          "/initializeUploadRequest/owner is required");
  if (!may_author (self, owner))
    return respond_error (message, 403, "ACCESS_DENIED", "Not enough permissions to upload "
                          "as this owner");

  id = g_strdup_printf ("D4E10AQ%u", ++self->next_id);
  urn = g_strconcat ("urn:li:image:", id, NULL);
  g_hash_table_insert (self->pending_images, g_strdup (id), g_strdup (owner));
  answer = g_strdup_printf ("{\"value\":{\"uploadUrlExpiresAt\":%" G_GINT64_FORMAT ","
                            "\"uploadUrl\":\"%s/dms-uploads/%s\",\"image\":\"%s\"}}",
                            (hd_fake_linkedin_now (self) + 24 * 60 * 60) * 1000,
                            hd_fake_linkedin_get_url (self), id, urn);
  hd_fake_respond_json (message, 200, answer);
}

static void
upload_bytes (HdFakeLinkedIn    *self,
              SoupServerMessage *message,
              HdFakeRequest     *request,
              const char        *id)
{
  const char *owner = g_hash_table_lookup (self->pending_images, id);

  if (!g_str_equal (request->method, "PUT"))
    return respond_error (message, 405, NULL, "The upload takes PUT");
  if (owner == NULL)
    return respond_error (message, 404, NULL, "Unknown upload");
  if (request->body == NULL || g_bytes_get_size (request->body) == 0)
    return respond_error (message, 400, NULL, "The upload has no bytes");

  g_hash_table_insert (self->images, g_strconcat ("urn:li:image:", id, NULL), g_strdup (owner));
  g_hash_table_remove (self->pending_images, id);
  soup_server_message_set_status (message, 201, NULL);
}

/* Checks one {id, altText?} against the uploaded images of @author. */
static const char *
check_image (HdFakeLinkedIn *self,
             JsonObject     *image,
             const char     *author)
{
  const char *id = json_object_get_string_member_with_default (image, "id", NULL);
  const char *owner;

  if (id == NULL)
    return "content media needs an id";
  owner = g_hash_table_lookup (self->images, id);
  if (owner == NULL)
    return "the image was never uploaded";
  if (!g_str_equal (owner, author))
    return "INVALID_CONTENT_OWNERSHIP: the image owner must be the post author";

  return NULL;
}

static const char *
check_post_body (HdFakeLinkedIn *self,
                 JsonObject     *post)
{
  const char *author;
  const char *visibility;
  JsonObject *distribution;
  const char *feed;
  static const char * const visibilities[] = { "PUBLIC", "CONNECTIONS", "LOGGED_IN",
                                               "CONTAINER", NULL };

  if (post == NULL)
    return "the body must be a JSON object";

  author = json_object_get_string_member_with_default (post, "author", NULL);
  if (author == NULL)
    return "/author is required";
  if (!may_author (self, author))
    return "the member may not post as this author";
  if (!json_object_has_member (post, "commentary")
      || json_node_get_value_type (json_object_get_member (post, "commentary")) != G_TYPE_STRING)
    return "/commentary must be a string";

  visibility = json_object_get_string_member_with_default (post, "visibility", NULL);
  if (visibility == NULL || !g_strv_contains (visibilities, visibility))
    return "/visibility must be PUBLIC, CONNECTIONS, LOGGED_IN or CONTAINER";

  if (!json_object_has_member (post, "distribution")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (post, "distribution")))
    return "/distribution is required";
  distribution = json_object_get_object_member (post, "distribution");
  feed = json_object_get_string_member_with_default (distribution, "feedDistribution", NULL);
  if (g_strcmp0 (feed, "MAIN_FEED") != 0 && g_strcmp0 (feed, "NONE") != 0)
    return "/distribution/feedDistribution must be MAIN_FEED or NONE";
  if (!json_object_has_member (distribution, "targetEntities")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (distribution, "targetEntities"))
      || !json_object_has_member (distribution, "thirdPartyDistributionChannels")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (distribution,
                                                         "thirdPartyDistributionChannels")))
    return "/distribution needs the arrays targetEntities and thirdPartyDistributionChannels";

  if (g_strcmp0 (json_object_get_string_member_with_default (post, "lifecycleState", NULL),
                 "PUBLISHED") != 0)
    return "/lifecycleState must be PUBLISHED";
  if (!json_object_has_member (post, "isReshareDisabledByAuthor")
      || json_node_get_value_type (json_object_get_member (post, "isReshareDisabledByAuthor"))
         != G_TYPE_BOOLEAN)
    return "/isReshareDisabledByAuthor must be a boolean";

  if (json_object_has_member (post, "content"))
    {
      JsonObject *content = json_object_get_object_member (post, "content");

      if (content != NULL && json_object_has_member (content, "media"))
        return check_image (self, json_object_get_object_member (content, "media"), author);

      if (content != NULL && json_object_has_member (content, "multiImage"))
        {
          JsonObject *multi = json_object_get_object_member (content, "multiImage");
          JsonArray *images = multi != NULL && json_object_has_member (multi, "images")
                              ? json_object_get_array_member (multi, "images") : NULL;

          if (images == NULL || json_array_get_length (images) < 2
              || json_array_get_length (images) > 20)
            return "/content/multiImage/images takes 2 to 20 images";

          for (guint i = 0; i < json_array_get_length (images); i++)
            {
              const char *problem = check_image (self, json_array_get_object_element (images, i),
                                                 author);

              if (problem != NULL)
                return problem;
            }
          return NULL;
        }

      return "/content must hold media or multiImage";
    }

  return NULL;
}

static void
create_post (HdFakeLinkedIn    *self,
             SoupServerMessage *message,
             HdFakeRequest     *request)
{
  g_autoptr(JsonNode) json = hd_fake_request_get_json (request);
  JsonObject *post = json != NULL && JSON_NODE_HOLDS_OBJECT (json)
                     ? json_node_get_object (json) : NULL;
  const char *problem = check_post_body (self, post);
  g_autofree char *urn = NULL;
  g_autofree char *rendered = NULL;
  const char *commentary;
  JsonNode *stored;

  if (problem != NULL)
    return respond_error (message, strstr (problem, "OWNERSHIP") != NULL ? 422 : 400,
                          NULL, problem);

  commentary = json_object_get_string_member (post, "commentary");
  for (guint i = 0; i < self->posts->len; i++)
    {
      JsonObject *other = json_node_get_object (g_ptr_array_index (self->posts, i));

      if (g_str_equal (json_object_get_string_member (other, "commentary"), commentary)
          && g_str_equal (json_object_get_string_member (other, "author"),
                          json_object_get_string_member (post, "author"))
          && *commentary != '\0')
        {
          g_autofree char *text = g_strdup_printf ("Content is a duplicate of %s",
                                                   json_object_get_string_member (other, "id"));

          return respond_error (message, 422, NULL, text);
        }
    }

  urn = g_strdup_printf ("urn:li:share:7%09u", ++self->next_id);
  rendered = hd_fake_linkedin_render (commentary);
  stored = json_node_copy (json);
  json_object_set_string_member (json_node_get_object (stored), "id", urn);
  json_object_set_string_member (json_node_get_object (stored), "rendered", rendered);
  json_object_set_int_member (json_node_get_object (stored), "publishedAt",
                              hd_fake_linkedin_now (self) * 1000);
  g_ptr_array_add (self->posts, stored);

  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "x-restli-id", urn);
  soup_server_message_set_status (message, 201, NULL);
}

JsonObject *
hd_fake_linkedin_find_post (HdFakeLinkedIn *self,
                            const char     *urn)
{
  for (guint i = 0; i < self->posts->len; i++)
    {
      JsonObject *post = json_node_get_object (g_ptr_array_index (self->posts, i));

      if (g_strcmp0 (json_object_get_string_member (post, "id"), urn) == 0)
        return post;
    }

  return NULL;
}

static void
handle_post (HdFakeLinkedIn    *self,
             SoupServerMessage *message,
             HdFakeRequest     *request)
{
  /* libsoup's server decodes the path before anyone sees it, so whether the URN's colons
   * were escaped cannot be checked here. */
  const char *encoded = request->path + strlen ("/rest/posts/");
  g_autofree char *urn = NULL;

  urn = g_uri_unescape_string (encoded, NULL);
  for (guint i = 0; urn != NULL && i < self->posts->len; i++)
    {
      JsonNode *node = g_ptr_array_index (self->posts, i);

      if (g_strcmp0 (json_object_get_string_member (json_node_get_object (node), "id"), urn) != 0)
        continue;

      if (g_str_equal (request->method, "DELETE"))
        {
          g_ptr_array_remove_index (self->posts, i);
          soup_server_message_set_status (message, 204, NULL);
          return;
        }

      hd_fake_respond_node (message, 200, node);
      return;
    }

  respond_error (message, 404, "NOT_FOUND", "Post not found");
}

/* The Comments API: comments kept as LinkedIn lists them, each with the URN it is listed
 * under ("~under": the post, or the comment it answers) kept beside it, out of the answer. */

static char *
activity_of (const char *post_urn)
{
  const char *id = strrchr (post_urn, ':');

  return g_strdup_printf ("urn:li:activity:6%s", id != NULL ? id + 1 : "0");
}

static JsonObject *
find_comment (HdFakeLinkedIn *self,
              const char     *urn)
{
  for (guint i = 0; i < self->comments->len; i++)
    {
      JsonObject *comment = json_node_get_object (g_ptr_array_index (self->comments, i));

      if (g_strcmp0 (json_object_get_string_member (comment, "$URN"), urn) == 0)
        return comment;
    }

  return NULL;
}

static JsonObject *
store_comment (HdFakeLinkedIn *self,
               const char     *under,
               const char     *object,
               const char     *actor,
               const char     *text,
               const char     *parent,
               gint64          created_ms)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = g_strdup_printf ("71%08u", ++self->next_id);
  g_autofree char *urn = g_strdup_printf ("urn:li:comment:(%s,%s)", object, id);
  JsonNode *node;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "actor");
  json_builder_add_string_value (builder, actor);
  json_builder_set_member_name (builder, "created");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "actor");
  json_builder_add_string_value (builder, actor);
  json_builder_set_member_name (builder, "time");
  json_builder_add_int_value (builder, created_ms);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "$URN");
  json_builder_add_string_value (builder, urn);
  json_builder_set_member_name (builder, "commentUrn");
  json_builder_add_string_value (builder, urn);
  json_builder_set_member_name (builder, "message");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, object);
  if (parent != NULL)
    {
      json_builder_set_member_name (builder, "parentComment");
      json_builder_add_string_value (builder, parent);
    }
  json_builder_set_member_name (builder, "~under");
  json_builder_add_string_value (builder, under);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  g_ptr_array_add (self->comments, node);
  return json_node_get_object (node);
}

char *
hd_fake_linkedin_add_comment (HdFakeLinkedIn *self,
                              const char     *under,
                              const char     *actor,
                              const char     *text,
                              gint64          created_ms)
{
  JsonObject *parent = g_str_has_prefix (under, "urn:li:comment:") ? find_comment (self, under)
                                                                   : NULL;
  g_autofree char *object = NULL;
  JsonObject *comment;

  g_assert (parent != NULL || !g_str_has_prefix (under, "urn:li:comment:"));
  object = parent != NULL ? g_strdup (json_object_get_string_member (parent, "object"))
                          : activity_of (under);
  comment = store_comment (self, under, object, actor, text, parent != NULL ? under : NULL,
                           created_ms);

  return g_strdup (json_object_get_string_member (comment, "$URN"));
}

void
hd_fake_linkedin_remove_comment (HdFakeLinkedIn *self,
                                 const char     *urn)
{
  for (guint i = 0; i < self->comments->len; i++)
    {
      JsonObject *comment = json_node_get_object (g_ptr_array_index (self->comments, i));

      if (g_strcmp0 (json_object_get_string_member (comment, "$URN"), urn) == 0)
        {
          g_ptr_array_remove_index (self->comments, i);
          return;
        }
    }
}

/* The comment as LinkedIn sends it: without what the fake keeps beside it, and with the
 * count of answers under a first-level comment. */
static JsonNode *
comment_for_answer (HdFakeLinkedIn *self,
                    JsonObject     *comment)
{
  JsonObject *object = json_object_new ();
  JsonNode *copy = json_node_init_object (json_node_alloc (), object);
  const char *urn = json_object_get_string_member (comment, "$URN");
  g_autoptr(GList) names = json_object_get_members (comment);
  gint64 answers = 0;

  for (GList *l = names; l != NULL; l = l->next)
    {
      if (!g_str_equal (l->data, "~under"))
        json_object_set_member (object, l->data,
                                json_node_copy (json_object_get_member (comment, l->data)));
    }
  json_object_unref (object);

  if (json_object_has_member (object, "parentComment"))
    return copy;

  for (guint i = 0; i < self->comments->len; i++)
    {
      JsonObject *other = json_node_get_object (g_ptr_array_index (self->comments, i));

      if (g_str_equal (json_object_get_string_member (other, "~under"), urn))
        answers++;
    }

  {
    JsonObject *summary = json_object_new ();

    json_object_set_int_member (summary, "totalFirstLevelComments", answers);
    json_object_set_int_member (summary, "aggregatedTotalComments", answers);
    json_object_set_object_member (object, "commentsSummary", summary);
  }

  return copy;
}

static void
list_comments (HdFakeLinkedIn    *self,
               SoupServerMessage *message,
               HdFakeRequest     *request,
               const char        *under)
{
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GPtrArray) listed = g_ptr_array_new ();
  guint64 start = 0;
  guint64 count = 10;
  JsonObject *root = json_object_new ();
  JsonObject *paging = json_object_new ();
  JsonArray *elements = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, root);
  if (request->query != NULL)
    params = g_uri_parse_params (request->query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params != NULL && g_hash_table_contains (params, "start"))
    g_ascii_string_to_unsigned (g_hash_table_lookup (params, "start"), 10, 0, G_MAXINT, &start,
                                NULL);
  if (params != NULL && g_hash_table_contains (params, "count"))
    g_ascii_string_to_unsigned (g_hash_table_lookup (params, "count"), 10, 1, 100, &count,
                                NULL);

  for (guint i = 0; i < self->comments->len; i++)
    {
      JsonObject *comment = json_node_get_object (g_ptr_array_index (self->comments, i));

      if (g_str_equal (json_object_get_string_member (comment, "~under"), under))
        g_ptr_array_add (listed, comment);
    }

  for (guint64 i = start; i < listed->len && i < start + count; i++)
    json_array_add_element (elements, comment_for_answer (self, g_ptr_array_index (listed, i)));

  json_object_set_int_member (paging, "start", start);
  json_object_set_int_member (paging, "count", count);
  json_object_set_array_member (paging, "links", json_array_new ());
  json_object_set_int_member (paging, "total", listed->len);
  json_object_set_object_member (root, "paging", paging);
  json_object_set_array_member (root, "elements", elements);
  hd_fake_respond_node (message, 200, node);
}

static void
create_comment (HdFakeLinkedIn    *self,
                SoupServerMessage *message,
                HdFakeRequest     *request,
                const char        *under)
{
  g_autoptr(JsonNode) json = hd_fake_request_get_json (request);
  JsonObject *body = json != NULL && JSON_NODE_HOLDS_OBJECT (json) ? json_node_get_object (json)
                                                                   : NULL;
  JsonObject *parent = find_comment (self, under);
  JsonObject *text_object;
  const char *parent_urn;
  JsonObject *created;
  g_autoptr(JsonNode) answer = NULL;

  if (body == NULL)
    return respond_error (message, 400, NULL, "Invalid JSON in request body");
  if (!may_author (self, json_object_get_string_member_with_default (body, "actor", NULL)))
    return respond_error (message, 403, "ACCESS_DENIED",
                          "Not enough permissions to access: partnerApiSocialActions.CREATE");
  text_object = json_object_get_object_member (body, "message");
  if (text_object == NULL
      || json_object_get_string_member_with_default (text_object, "text", NULL) == NULL)
    return respond_error (message, 400, NULL, "/message/text :: field is required but not found");

  if (g_str_has_prefix (under, "urn:li:comment:"))
    {
      if (parent == NULL)
        return respond_error (message, 404, "NOT_FOUND", "Comment not found");
      parent_urn = json_object_get_string_member_with_default (body, "parentComment", NULL);
      if (g_strcmp0 (parent_urn, under) != 0)
        return respond_error (message, 400, NULL, "parentComment must be the comment in the "
                              "path");
      if (g_strcmp0 (json_object_get_string_member_with_default (body, "object", NULL),
                     json_object_get_string_member (parent, "object")) != 0)
        return respond_error (message, 400, NULL, "object must be the thread of the parent "
                              "comment");
      created = store_comment (self, under, json_object_get_string_member (parent, "object"),
                               json_object_get_string_member (body, "actor"),
                               json_object_get_string_member (text_object, "text"), under,
                               hd_fake_linkedin_now (self) * 1000);
    }
  else
    {
      g_autofree char *object = activity_of (under);

      created = store_comment (self, under, object,
                               json_object_get_string_member (body, "actor"),
                               json_object_get_string_member (text_object, "text"), NULL,
                               hd_fake_linkedin_now (self) * 1000);
    }

  answer = comment_for_answer (self, created);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "x-restli-id", json_object_get_string_member (created, "id"));
  hd_fake_respond_node (message, 201, answer);
}

/* Counts */

void
hd_fake_linkedin_set_counts (HdFakeLinkedIn             *self,
                             const char                 *post_urn,
                             const HdFakeLinkedInCounts *counts)
{
  g_hash_table_replace (self->counts, g_strdup (post_urn),
                        g_memdup2 (counts, sizeof (HdFakeLinkedInCounts)));
}

/* A query parameter as it came, still escaped: Rest.li 2.0 reads the List(…) syntax before
 * it unescapes what is inside. */
static char *
raw_param (const char *query,
           const char *name)
{
  g_auto(GStrv) pairs = NULL;
  gsize length = strlen (name);

  if (query == NULL)
    return NULL;

  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      if (strncmp (pairs[i], name, length) == 0 && pairs[i][length] == '=')
        return g_strdup (pairs[i] + length + 1);
    }

  return NULL;
}

/* The URNs of a List(…) whose items are escaped URNs; NULL when the value is not one. An
 * unescaped ':' inside the list is a syntax error under Rest.li 2.0. */
static GPtrArray *
parse_urn_list (const char *raw)
{
  g_autoptr(GPtrArray) urns = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *inner = NULL;
  g_auto(GStrv) items = NULL;
  gsize length;

  if (raw == NULL || !g_str_has_prefix (raw, "List(") || !g_str_has_suffix (raw, ")"))
    return NULL;
  length = strlen (raw);
  inner = g_strndup (raw + strlen ("List("), length - strlen ("List(") - 1);
  if (*inner == '\0' || strpbrk (inner, ":()") != NULL)
    return NULL;

  items = g_strsplit (inner, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *urn = g_uri_unescape_string (items[i], NULL);

      if (urn == NULL || !g_str_has_prefix (urn, "urn:li:"))
        {
          g_free (urn);
          return NULL;
        }
      g_ptr_array_add (urns, urn);
    }

  return g_steal_pointer (&urns);
}

static JsonObject *
total_share_statistics (const HdFakeLinkedInCounts *counts)
{
  JsonObject *totals = json_object_new ();
  gint64 engaged = counts->clicks + counts->likes + counts->comments + counts->shares;

  json_object_set_int_member (totals, "uniqueImpressionsCount", counts->unique_impressions);
  json_object_set_int_member (totals, "shareCount", counts->shares);
  json_object_set_double_member (totals, "engagement",
                                 counts->impressions > 0
                                 ? (double) engaged / (double) counts->impressions : 0.0);
  json_object_set_int_member (totals, "clickCount", counts->clicks);
  json_object_set_int_member (totals, "likeCount", counts->likes);
  json_object_set_int_member (totals, "impressionCount", counts->impressions);
  json_object_set_int_member (totals, "commentCount", counts->comments);

  return totals;
}

/* Adds an element for each post of @raw_list that has counts; @kind is "share" or
 * "ugcPost". FALSE when the list is not one of that kind. */
static gboolean
add_statistics (HdFakeLinkedIn *self,
                JsonArray      *elements,
                const char     *raw_list,
                const char     *kind)
{
  g_autoptr(GPtrArray) urns = parse_urn_list (raw_list);
  g_autofree char *prefix = g_strconcat ("urn:li:", kind, ":", NULL);

  if (urns == NULL)
    return FALSE;

  for (guint i = 0; i < urns->len; i++)
    {
      const char *urn = g_ptr_array_index (urns, i);
      const HdFakeLinkedInCounts *counts;
      JsonObject *element;
      JsonNode *node;

      if (!g_str_has_prefix (urn, prefix))
        return FALSE;
      /* A post without any activity or impression is left out, as one older than the
       * 12-month window is. */
      counts = g_hash_table_lookup (self->counts, urn);
      if (counts == NULL
          || (counts->impressions == 0 && counts->clicks == 0 && counts->likes == 0
              && counts->comments == 0 && counts->shares == 0))
        continue;

      element = json_object_new ();
      json_object_set_string_member (element, "organizationalEntity",
                                     HD_FAKE_LINKEDIN_ORGANIZATION);
      json_object_set_string_member (element, kind, urn);
      json_object_set_object_member (element, "totalShareStatistics",
                                     total_share_statistics (counts));
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, element);
      json_array_add_element (elements, node);
    }

  return TRUE;
}

static void
share_statistics (HdFakeLinkedIn    *self,
                  SoupServerMessage *message,
                  HdFakeRequest     *request)
{
  g_autofree char *q = raw_param (request->query, "q");
  g_autofree char *raw_entity = raw_param (request->query, "organizationalEntity");
  g_autofree char *raw_shares = raw_param (request->query, "shares");
  g_autofree char *raw_ugc_posts = raw_param (request->query, "ugcPosts");
  g_autofree char *entity = NULL;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *paging = json_object_new ();
  JsonArray *elements = json_array_new ();

  json_node_take_object (root, object);
  json_object_set_object_member (object, "paging", paging);
  json_object_set_array_member (object, "elements", elements);

  if (self->statistics_forbidden)
    return respond_error (message, 403, "ACCESS_DENIED", "Not enough permissions to access: "
                          "organizationalEntityShareStatistics.FINDER-organizationalEntity."
                          "20260701");
  if (g_strcmp0 (q, "organizationalEntity") != 0 || raw_entity == NULL
      || strchr (raw_entity, ':') != NULL)
    return respond_error (message, 400, NULL, "Invalid query parameters passed to request");
  entity = g_uri_unescape_string (raw_entity, NULL);
  if (g_strcmp0 (entity, HD_FAKE_LINKEDIN_ORGANIZATION) != 0)
    return respond_error (message, 403, "ACCESS_DENIED", "Not enough permissions to access: "
                          "organizationalEntityShareStatistics for this organization");

  if ((raw_shares != NULL && !add_statistics (self, elements, raw_shares, "share"))
      || (raw_ugc_posts != NULL && !add_statistics (self, elements, raw_ugc_posts, "ugcPost")))
    return respond_error (message, 400, NULL, "Invalid query parameters passed to request");

  json_object_set_int_member (paging, "start", 0);
  json_object_set_int_member (paging, "count", 10);
  json_object_set_array_member (paging, "links", json_array_new ());
  hd_fake_respond_node (message, 200, root);
}

static void
network_size (HdFakeLinkedIn    *self,
              SoupServerMessage *message,
              HdFakeRequest     *request)
{
  g_autofree char *urn = g_uri_unescape_string (request->path + strlen ("/rest/networkSizes/"),
                                                NULL);
  g_autofree char *edge_type = raw_param (request->query, "edgeType");
  g_autofree char *json = NULL;

  if (self->statistics_forbidden)
    return respond_error (message, 403, "ACCESS_DENIED", "Not enough permissions to access: "
                          "networkSizes.GET.20260701");
  if (g_strcmp0 (edge_type, "COMPANY_FOLLOWED_BY_MEMBER") != 0)
    return respond_error (message, 400, NULL, "Invalid query parameters passed to request");
  if (g_strcmp0 (urn, HD_FAKE_LINKEDIN_ORGANIZATION) != 0)
    return respond_error (message, 404, "NOT_FOUND", "Not found");

  json = g_strdup_printf ("{\"firstDegreeSize\":%" G_GINT64_FORMAT "}", self->followers);
  hd_fake_respond_json (message, 200, json);
}

/* GET /rest/socialActions/{urn}: the likes and comments summary of a post. */
static void
social_summary (HdFakeLinkedIn    *self,
                SoupServerMessage *message,
                const char        *urn)
{
  const HdFakeLinkedInCounts *counts = g_hash_table_lookup (self->counts, urn);
  HdFakeLinkedInCounts none = { 0, };
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonObject *likes = json_object_new ();
  JsonObject *comments = json_object_new ();

  json_node_take_object (root, object);
  json_object_set_object_member (object, "likesSummary", likes);
  json_object_set_object_member (object, "commentsSummary", comments);

  if (self->comments_forbidden)
    return respond_error (message, 403, "ACCESS_DENIED", "Not enough permissions to access: "
                          "partnerApiSocialActions.GET.20260701");
  if (counts == NULL && hd_fake_linkedin_find_post (self, urn) == NULL)
    return respond_error (message, 404, "NOT_FOUND", "Not found");
  if (counts == NULL)
    counts = &none;

  json_object_set_string_member (object, "target", urn);
  json_object_set_array_member (likes, "selectedLikes", json_array_new ());
  json_object_set_boolean_member (likes, "likedByCurrentUser", FALSE);
  json_object_set_int_member (likes, "totalLikes", counts->likes);
  json_object_set_int_member (likes, "aggregatedTotalLikes", counts->likes);
  json_object_set_array_member (comments, "selectedComments", json_array_new ());
  json_object_set_int_member (comments, "totalFirstLevelComments",
                              counts->first_level_comments);
  json_object_set_string_member (comments, "commentsState", "OPEN");
  json_object_set_int_member (comments, "aggregatedTotalComments", counts->comments);
  hd_fake_respond_node (message, 200, root);
}

static void
handle_social_actions (HdFakeLinkedIn    *self,
                       SoupServerMessage *message,
                       HdFakeRequest     *request)
{
  const char *rest = request->path + strlen ("/rest/socialActions/");
  g_autofree char *under = NULL;

  if (!g_str_has_suffix (rest, "/comments"))
    {
      g_autofree char *urn = g_uri_unescape_string (rest, NULL);

      if (urn == NULL || strchr (urn, '/') != NULL || !g_str_equal (request->method, "GET"))
        return respond_error (message, 404, "NOT_FOUND", "No such resource");
      return social_summary (self, message, urn);
    }
  under = g_strndup (rest, strlen (rest) - strlen ("/comments"));

  if (g_str_equal (request->method, "GET"))
    {
      if (self->comments_forbidden)
        return respond_error (message, 403, "ACCESS_DENIED", "Not enough permissions to "
                              "access: partnerApiSocialActions.GET_ALL.20260701");
      return list_comments (self, message, request, under);
    }
  if (g_str_equal (request->method, "POST"))
    return create_comment (self, message, request, under);

  respond_error (message, 405, NULL, "Method not allowed");
}

static void
handle (HdFakeServer      *server,
        SoupServerMessage *message,
        HdFakeRequest     *request,
        gpointer           user_data)
{
  HdFakeLinkedIn *self = user_data;
  const char *path = request->path;
  const char *method = request->method;
  const char *access_problem;

  if (g_str_equal (path, "/oauth/v2/authorization") && g_str_equal (method, "GET"))
    return authorize (self, message, request);
  if (g_str_equal (path, "/oauth/v2/accessToken") && g_str_equal (method, "POST"))
    return token (self, message, request);

  access_problem = check_access (self, request);
  if (g_str_has_prefix (path, "/dms-uploads/"))
    {
      if (access_problem != NULL)
        return respond_error (message, 401, "INVALID_ACCESS_TOKEN", access_problem);
      return upload_bytes (self, message, request, path + strlen ("/dms-uploads/"));
    }

  if (g_str_equal (path, "/v2/userinfo"))
    {
      if (access_problem != NULL)
        return respond_error (message, 401, "INVALID_ACCESS_TOKEN", access_problem);
      return userinfo (self, message);
    }

  if (!g_str_has_prefix (path, "/rest/"))
    return respond_error (message, 404, "NOT_FOUND", "No such resource");

  if (!check_rest_headers (self, message, request))
    return;
  if (access_problem != NULL)
    return respond_error (message, 401, "INVALID_ACCESS_TOKEN", access_problem);

  /* Daily limits per application and member, reset at midnight UTC, no headers. */
  if (self->calls_left_today == 0)
    return respond_error (message, 429, NULL, "Resource level throttle APPLICATION DAY limit "
                          "for calls to this resource is reached.");
  if (self->calls_left_today > 0)
    self->calls_left_today--;

  if (g_str_equal (path, "/rest/organizationAcls") && g_str_equal (method, "GET"))
    return organization_acls (self, message, request);
  if (g_str_has_prefix (path, "/rest/organizations/") && g_str_equal (method, "GET"))
    return organization (self, message, path + strlen ("/rest/organizations/"));
  if (g_str_equal (path, "/rest/images") && g_str_equal (method, "POST"))
    return initialize_upload (self, message, request);
  if (g_str_equal (path, "/rest/posts") && g_str_equal (method, "POST"))
    return create_post (self, message, request);
  if (g_str_has_prefix (path, "/rest/posts/"))
    return handle_post (self, message, request);
  if (g_str_has_prefix (path, "/rest/socialActions/"))
    return handle_social_actions (self, message, request);
  if (g_str_equal (path, "/rest/organizationalEntityShareStatistics")
      && g_str_equal (method, "GET"))
    return share_statistics (self, message, request);
  if (g_str_has_prefix (path, "/rest/networkSizes/") && g_str_equal (method, "GET"))
    return network_size (self, message, request);

  respond_error (message, 404, "NOT_FOUND", "No such resource");
}

HdFakeLinkedIn *
hd_fake_linkedin_new (void)
{
  HdFakeLinkedIn *self = g_new0 (HdFakeLinkedIn, 1);

  self->server = hd_fake_server_new (handle, self);
  hd_fake_server_set_clock (self->server, &self->now);
  self->client_id = g_strdup ("86abcdefgh1234");
  self->client_secret = g_strdup ("WPL_AP1.secret.abcdef==");
  self->member_sub = g_strdup ("782bbtaQ");
  self->calls_left_today = -1;
  self->oldest_version = 202508;
  self->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->comments = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pending_images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

void
hd_fake_linkedin_free (HdFakeLinkedIn *self)
{
  if (self == NULL)
    return;

  hd_fake_server_free (self->server);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->registered_redirect);
  g_free (self->member_sub);
  g_free (self->access_token);
  g_free (self->refresh_token);
  g_free (self->code);
  g_free (self->code_challenge);
  g_free (self->code_redirect);
  g_clear_pointer (&self->authorize_query, g_hash_table_unref);
  g_ptr_array_unref (self->posts);
  g_ptr_array_unref (self->comments);
  g_hash_table_unref (self->images);
  g_hash_table_unref (self->pending_images);
  g_hash_table_unref (self->counts);
  g_free (self);
}
