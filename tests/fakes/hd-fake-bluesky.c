/* hd-fake-bluesky.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-fake-bluesky.h"

#define MAX_BLOB_BYTES 1000000

gint64
hd_fake_bluesky_now (HdFakeBluesky *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static void
respond_error (SoupServerMessage *message,
               guint              status,
               const char        *error,
               const char        *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  hd_fake_respond_node (message, status, root);
}

static char *
base64url (const char *text)
{
  char *encoded = g_base64_encode ((const guchar *) text, strlen (text));

  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  encoded[strcspn (encoded, "=")] = '\0';
  return encoded;
}

static char *
make_jwt (HdFakeBluesky *self,
          const char    *scope,
          gint64         lifetime)
{
  gint64 now = hd_fake_bluesky_now (self);
  g_autofree char *header = base64url ("{\"typ\":\"at+jwt\",\"alg\":\"HS256\"}");
  g_autofree char *payload_json = NULL;
  g_autofree char *payload = NULL;

  payload_json = g_strdup_printf ("{\"scope\":\"%s\",\"sub\":\"" HD_FAKE_BLUESKY_DID "\","
                                  "\"aud\":\"did:web:localhost\",\"jti\":\"%u\","
                                  "\"iat\":%" G_GINT64_FORMAT ",\"exp\":%" G_GINT64_FORMAT "}",
                                  scope, ++self->serial, now, now + lifetime);
  payload = base64url (payload_json);

  return g_strdup_printf ("%s.%s.c2lnbmF0dXJl", header, payload);
}

static void
respond_session (HdFakeBluesky     *self,
                 SoupServerMessage *message)
{
  g_autofree char *access = make_jwt (self, "com.atproto.appPass", self->access_lifetime);
  g_autofree char *refresh = make_jwt (self, "com.atproto.refresh", self->refresh_lifetime);
  g_autofree char *json = NULL;
  gint64 now = hd_fake_bluesky_now (self);

  g_hash_table_insert (self->access_tokens, g_strdup (access),
                       g_memdup2 (&(gint64) { now + self->access_lifetime }, sizeof (gint64)));
  g_hash_table_insert (self->refresh_tokens, g_strdup (refresh),
                       g_memdup2 (&(gint64) { now + self->refresh_lifetime }, sizeof (gint64)));

  json = g_strdup_printf ("{\"accessJwt\":\"%s\",\"refreshJwt\":\"%s\","
                          "\"handle\":\"" HD_FAKE_BLUESKY_HANDLE "\","
                          "\"did\":\"" HD_FAKE_BLUESKY_DID "\","
                          "\"email\":\"bakery@example.com\",\"emailConfirmed\":true,"
                          "\"active\":true}", access, refresh);
  hd_fake_respond_json (message, 200, json);
}

static const char *
bearer (HdFakeRequest *request)
{
  const char *header = soup_message_headers_get_one (request->headers, "Authorization");

  if (header == NULL || !g_str_has_prefix (header, "Bearer "))
    return NULL;

  return header + strlen ("Bearer ");
}

static JsonObject *
request_object (HdFakeRequest *request,
                JsonNode     **keep)
{
  *keep = hd_fake_request_get_json (request);

  return *keep != NULL && JSON_NODE_HOLDS_OBJECT (*keep) ? json_node_get_object (*keep) : NULL;
}

static void
create_session (HdFakeBluesky     *self,
                SoupServerMessage *message,
                HdFakeRequest     *request)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *body = request_object (request, &keep);
  const char *identifier = body != NULL && json_object_has_member (body, "identifier")
                           ? json_object_get_string_member (body, "identifier") : NULL;
  const char *password = body != NULL && json_object_has_member (body, "password")
                         ? json_object_get_string_member (body, "password") : NULL;

  if (identifier == NULL || password == NULL)
    return respond_error (message, 400, "InvalidRequest",
                          "Input must have the property \"identifier\"");

  if ((g_strcmp0 (identifier, HD_FAKE_BLUESKY_HANDLE) != 0
       && g_strcmp0 (identifier, HD_FAKE_BLUESKY_DID) != 0
       && g_strcmp0 (identifier, "bakery@example.com") != 0)
      || g_strcmp0 (password, self->app_password) != 0)
    return respond_error (message, 401, "AuthenticationRequired",
                          "Invalid identifier or password");

  self->sessions_created++;
  respond_session (self, message);
}

static void
refresh_session (HdFakeBluesky     *self,
                 SoupServerMessage *message,
                 HdFakeRequest     *request)
{
  const char *token = bearer (request);
  gint64 *expiry = token != NULL ? g_hash_table_lookup (self->refresh_tokens, token) : NULL;

  if (expiry == NULL)
    return respond_error (message, 400, "InvalidToken", "Token has been revoked");

  if (*expiry < hd_fake_bluesky_now (self))
    return respond_error (message, 400, "ExpiredToken", "Token has expired");

  /* Refresh tokens are single-use. */
  g_hash_table_remove (self->refresh_tokens, token);
  self->sessions_refreshed++;
  respond_session (self, message);
}

static gboolean
check_access (HdFakeBluesky     *self,
              SoupServerMessage *message,
              HdFakeRequest     *request)
{
  const char *token = bearer (request);
  gint64 *expiry = token != NULL ? g_hash_table_lookup (self->access_tokens, token) : NULL;

  if (token == NULL)
    {
      respond_error (message, 401, "AuthenticationRequired", "Authentication Required");
      return FALSE;
    }

  if (expiry == NULL)
    {
      respond_error (message, 401, "InvalidToken", "Token could not be verified");
      return FALSE;
    }

  if (*expiry < hd_fake_bluesky_now (self))
    {
      respond_error (message, 400, "ExpiredToken", "Token has expired");
      return FALSE;
    }

  return TRUE;
}

static void
resolve_handle (HdFakeBluesky     *self,
                SoupServerMessage *message,
                HdFakeRequest     *request)
{
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  const char *did = g_hash_table_lookup (self->handles, g_hash_table_lookup (query, "handle")
                                                        ?: "");
  g_autofree char *json = NULL;

  if (did == NULL)
    return respond_error (message, 400, "InvalidRequest", "Unable to resolve handle");

  json = g_strdup_printf ("{\"did\":\"%s\"}", did);
  hd_fake_respond_json (message, 200, json);
}

static void
upload_blob (HdFakeBluesky     *self,
             SoupServerMessage *message,
             HdFakeRequest     *request)
{
  const char *type = soup_message_headers_get_content_type (request->headers, NULL);
  gsize size = g_bytes_get_size (request->body);
  g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, request->body);
  g_autofree char *cid = NULL;
  g_autofree char *json = NULL;

  if (type == NULL || size == 0)
    return respond_error (message, 400, "InvalidRequest", "Request encoding (Content-Type) "
                          "required but not provided");

  cid = g_strdup_printf ("bafkrei%.52s", digest);
  g_hash_table_insert (self->blobs, g_strdup (cid), GSIZE_TO_POINTER (size));
  json = g_strdup_printf ("{\"blob\":{\"$type\":\"blob\",\"ref\":{\"$link\":\"%s\"},"
                          "\"mimeType\":\"%s\",\"size\":%" G_GSIZE_FORMAT "}}", cid, type, size);
  hd_fake_respond_json (message, 200, json);
}

/* The lexicon's checks that matter to Herald: text, createdAt, facet ranges within the
 * text's bytes, at most 3 langs, at most 4 images each a known blob under the size limit. */
static const char *
check_post (HdFakeBluesky *self,
            JsonObject    *record)
{
  const char *text;
  JsonNode *member;

  if (g_strcmp0 (json_object_get_string_member_with_default (record, "$type", ""),
                 "app.bsky.feed.post") != 0)
    return "Invalid app.bsky.feed.post record: Record/$type must be app.bsky.feed.post";

  member = json_object_get_member (record, "text");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
      || json_node_get_value_type (member) != G_TYPE_STRING)
    return "Invalid app.bsky.feed.post record: Record/text must be a string";
  text = json_node_get_string (member);

  if (json_object_get_string_member_with_default (record, "createdAt", NULL) == NULL)
    return "Invalid app.bsky.feed.post record: Record must have the property \"createdAt\"";

  if (json_object_has_member (record, "langs")
      && json_array_get_length (json_object_get_array_member (record, "langs")) > 3)
    return "Invalid app.bsky.feed.post record: Record/langs must not have more than 3 elements";

  if (json_object_has_member (record, "facets"))
    {
      JsonArray *facets = json_object_get_array_member (record, "facets");

      for (guint i = 0; i < json_array_get_length (facets); i++)
        {
          JsonObject *index = json_object_get_object_member (
            json_array_get_object_element (facets, i), "index");
          gint64 start = json_object_get_int_member (index, "byteStart");
          gint64 end = json_object_get_int_member (index, "byteEnd");

          if (start < 0 || end <= start || end > (gint64) strlen (text))
            return "Invalid app.bsky.feed.post record: Record/facets/index out of range";
        }
    }

  if (json_object_has_member (record, "embed"))
    {
      JsonObject *embed = json_object_get_object_member (record, "embed");
      JsonArray *images = json_object_get_array_member (embed, "images");

      if (json_array_get_length (images) > 4)
        return "Invalid app.bsky.feed.post record: Record/embed/images must not have more than "
               "4 elements";

      for (guint i = 0; i < json_array_get_length (images); i++)
        {
          JsonObject *image = json_array_get_object_element (images, i);
          JsonObject *blob = json_object_get_object_member (image, "image");
          const char *cid = json_object_get_string_member (
            json_object_get_object_member (blob, "ref"), "$link");
          gpointer size;

          if (!json_object_has_member (image, "alt"))
            return "Invalid app.bsky.feed.post record: Record/embed/images/0 must have the "
                   "property \"alt\"";

          if (!g_hash_table_lookup_extended (self->blobs, cid, NULL, &size))
            return "Could not find blob";

          if (GPOINTER_TO_SIZE (size) > MAX_BLOB_BYTES)
            return "Invalid app.bsky.feed.post record: blob too large";
        }
    }

  return NULL;
}

static void
create_record (HdFakeBluesky     *self,
               SoupServerMessage *message,
               HdFakeRequest     *request)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *body = request_object (request, &keep);
  JsonObject *record;
  const char *rkey;
  const char *problem;
  g_autofree char *uri = NULL;
  g_autofree char *cid = NULL;
  g_autofree char *json = NULL;
  JsonObject *stored;

  if (body == NULL || !json_object_has_member (body, "record"))
    return respond_error (message, 400, "InvalidRequest",
                          "Input must have the property \"record\"");

  if (g_strcmp0 (json_object_get_string_member_with_default (body, "repo", ""),
                 HD_FAKE_BLUESKY_DID) != 0)
    return respond_error (message, 400, "InvalidRequest", "Could not find repo");

  record = json_object_get_object_member (body, "record");
  if ((problem = check_post (self, record)) != NULL)
    return respond_error (message, 400, "InvalidRequest", problem);

  rkey = json_object_get_string_member_with_default (body, "rkey", NULL);
  if (rkey == NULL || strlen (rkey) != 13)
    return respond_error (message, 400, "InvalidRequest", "Invalid record key");

  /* What the reference PDS does with a key that is taken. */
  if (g_hash_table_contains (self->records, rkey))
    return respond_error (message, 500, "InternalServerError", "Internal Server Error");

  uri = g_strdup_printf ("at://" HD_FAKE_BLUESKY_DID "/app.bsky.feed.post/%s", rkey);
  cid = g_strdup_printf ("bafyreirecord%u", ++self->serial);

  stored = json_object_new ();
  json_object_set_string_member (stored, "uri", uri);
  json_object_set_string_member (stored, "cid", cid);
  json_object_set_member (stored, "value",
                          json_node_copy (json_object_get_member (body, "record")));
  g_hash_table_insert (self->records, g_strdup (rkey), stored);

  json = g_strdup_printf ("{\"uri\":\"%s\",\"cid\":\"%s\",\"commit\":{\"cid\":\"bafyreicommit\","
                          "\"rev\":\"3l\"},\"validationStatus\":\"valid\"}", uri, cid);
  hd_fake_respond_json (message, 200, json);
}

JsonObject *
hd_fake_bluesky_get_record (HdFakeBluesky *self,
                            const char    *rkey)
{
  return g_hash_table_lookup (self->records, rkey);
}

static void
get_record (HdFakeBluesky     *self,
            SoupServerMessage *message,
            HdFakeRequest     *request)
{
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  const char *rkey = g_hash_table_lookup (query, "rkey");
  JsonObject *stored = rkey != NULL ? g_hash_table_lookup (self->records, rkey) : NULL;
  g_autoptr(JsonNode) node = NULL;

  if (stored == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Could not locate record: at://%s/%s/%s",
                                               (char *) g_hash_table_lookup (query, "repo"),
                                               (char *) g_hash_table_lookup (query, "collection"),
                                               rkey);

      return respond_error (message, 400, "RecordNotFound", text);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, stored);
  hd_fake_respond_node (message, 200, node);
}

static void
delete_record (HdFakeBluesky     *self,
               SoupServerMessage *message,
               HdFakeRequest     *request)
{
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *body = request_object (request, &keep);
  const char *rkey = body != NULL ? json_object_get_string_member_with_default (body, "rkey",
                                                                                 NULL) : NULL;

  if (rkey == NULL)
    return respond_error (message, 400, "InvalidRequest", "Input must have the property \"rkey\"");

  g_hash_table_remove (self->records, rkey);
  hd_fake_respond_json (message, 200, "{\"commit\":{\"cid\":\"bafyreicommit\",\"rev\":\"3m\"}}");
}

static void
handle (HdFakeServer      *server,
        SoupServerMessage *message,
        HdFakeRequest     *request,
        gpointer           user_data)
{
  HdFakeBluesky *self = user_data;
  const char *nsid;
  g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT, hd_fake_bluesky_now (self) + 300);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  if (!g_str_has_prefix (request->path, "/xrpc/"))
    return respond_error (message, 404, "NotFound", "Not Found");

  soup_message_headers_replace (headers, "RateLimit-Limit", "3000");
  soup_message_headers_replace (headers, "RateLimit-Remaining", "2999");
  soup_message_headers_replace (headers, "RateLimit-Reset", reset);
  soup_message_headers_replace (headers, "RateLimit-Policy", "3000;w=300");

  nsid = request->path + strlen ("/xrpc/");

  if (g_str_equal (nsid, "com.atproto.server.createSession"))
    return create_session (self, message, request);
  if (g_str_equal (nsid, "com.atproto.server.refreshSession"))
    return refresh_session (self, message, request);

  if (!check_access (self, message, request))
    return;

  if (g_str_equal (nsid, "com.atproto.identity.resolveHandle"))
    return resolve_handle (self, message, request);
  if (g_str_equal (nsid, "com.atproto.repo.uploadBlob"))
    return upload_blob (self, message, request);
  if (g_str_equal (nsid, "com.atproto.repo.createRecord"))
    return create_record (self, message, request);
  if (g_str_equal (nsid, "com.atproto.repo.getRecord"))
    return get_record (self, message, request);
  if (g_str_equal (nsid, "com.atproto.repo.deleteRecord"))
    return delete_record (self, message, request);

  respond_error (message, 501, "MethodNotImplemented", "Method Not Implemented");
}

HdFakeBluesky *
hd_fake_bluesky_new (void)
{
  HdFakeBluesky *self = g_new0 (HdFakeBluesky, 1);

  self->server = hd_fake_server_new (handle, self);
  hd_fake_server_set_clock (self->server, &self->now);
  self->access_lifetime = 2 * 60 * 60;
  self->refresh_lifetime = 90 * 24 * 60 * 60;
  self->app_password = g_strdup (HD_FAKE_BLUESKY_APP_PASSWORD);
  self->handles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->handles, g_strdup (HD_FAKE_BLUESKY_HANDLE),
                       g_strdup (HD_FAKE_BLUESKY_DID));
  g_hash_table_insert (self->handles, g_strdup ("alice.test"), g_strdup ("did:plc:alice5x3n"));
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) json_object_unref);
  self->blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

void
hd_fake_bluesky_free (HdFakeBluesky *self)
{
  if (self == NULL)
    return;

  hd_fake_server_free (self->server);
  g_free (self->app_password);
  g_hash_table_unref (self->handles);
  g_hash_table_unref (self->access_tokens);
  g_hash_table_unref (self->refresh_tokens);
  g_hash_table_unref (self->records);
  g_hash_table_unref (self->blobs);
  g_free (self);
}

const char *
hd_fake_bluesky_get_url (HdFakeBluesky *self)
{
  return hd_fake_server_get_url (self->server);
}
