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

  if (json_object_has_member (record, "reply"))
    {
      JsonNode *reply = json_object_get_member (record, "reply");
      const char *refs[] = { "root", "parent" };

      if (!JSON_NODE_HOLDS_OBJECT (reply))
        return "Invalid app.bsky.feed.post record: Record/reply must be an object";

      for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
        {
          JsonNode *ref = json_object_get_member (json_node_get_object (reply), refs[i]);
          JsonObject *object = ref != NULL && JSON_NODE_HOLDS_OBJECT (ref)
                               ? json_node_get_object (ref) : NULL;

          if (object == NULL)
            return i == 0 ? "Invalid app.bsky.feed.post record: Record/reply must have the "
                            "property \"root\""
                          : "Invalid app.bsky.feed.post record: Record/reply must have the "
                            "property \"parent\"";
          if (!g_str_has_prefix (json_object_get_string_member_with_default (object, "uri", ""),
                                 "at://"))
            return "Invalid app.bsky.feed.post record: Record/reply/uri must be a valid at-uri";
          if (*json_object_get_string_member_with_default (object, "cid", "") == '\0')
            return "Invalid app.bsky.feed.post record: Record/reply must have the property "
                   "\"cid\"";
        }
    }

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

void
hd_fake_bluesky_edit_record (HdFakeBluesky *self,
                             const char    *rkey,
                             const char    *text)
{
  JsonObject *stored = g_hash_table_lookup (self->records, rkey);
  g_autofree char *cid = g_strdup_printf ("bafyreirecord%u", ++self->serial);

  g_assert_nonnull (stored);
  json_object_set_string_member (json_object_get_object_member (stored, "value"), "text", text);
  json_object_set_string_member (stored, "cid", cid);
}

void
hd_fake_bluesky_remove_record (HdFakeBluesky *self,
                               const char    *rkey)
{
  g_assert_true (g_hash_table_remove (self->records, rkey));
}

static void
get_record (HdFakeBluesky     *self,
            SoupServerMessage *message,
            HdFakeRequest     *request)
{
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  const char *repo = g_hash_table_lookup (query, "repo");
  const char *rkey = g_hash_table_lookup (query, "rkey");
  JsonObject *stored = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (rkey != NULL && (g_strcmp0 (repo, HD_FAKE_BLUESKY_DID) == 0
                       || g_strcmp0 (repo, HD_FAKE_BLUESKY_HANDLE) == 0))
    {
      stored = g_hash_table_lookup (self->records, rkey);
    }
  else if (rkey != NULL)
    {
      g_autofree char *uri = g_strdup_printf ("at://%s/%s/%s", repo,
                                              (char *) g_hash_table_lookup (query, "collection"),
                                              rkey);

      stored = g_hash_table_lookup (self->others, uri);
    }

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

/* What the AppView answers */

static char *
iso8601 (gint64 instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
}

/* Every value of @name in an XRPC query, where an array is the same name repeated. */
static GPtrArray *
query_values (const char *query,
              const char *name)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) pairs = g_strsplit (query != NULL ? query : "", "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');

      if (equals != NULL && (gsize) (equals - pairs[i]) == strlen (name)
          && strncmp (pairs[i], name, equals - pairs[i]) == 0)
        g_ptr_array_add (values, g_uri_unescape_string (equals + 1, NULL));
    }

  return values;
}

/* A record of this account or of another one, as {uri, cid, value}. */
static JsonObject *
find_post (HdFakeBluesky *self,
           const char    *uri)
{
  const char *own = "at://" HD_FAKE_BLUESKY_DID "/app.bsky.feed.post/";

  if (g_str_has_prefix (uri, own))
    return g_hash_table_lookup (self->records, uri + strlen (own));

  return g_hash_table_lookup (self->others, uri);
}

static void
add_strong_ref (JsonBuilder *builder,
                const char  *name,
                const char  *uri,
                const char  *cid)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "cid");
  json_builder_add_string_value (builder, cid);
  json_builder_end_object (builder);
}

static void
add_author (JsonBuilder *builder,
            const char  *did,
            const char  *handle,
            const char  *display_name)
{
  json_builder_set_member_name (builder, "author");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "did");
  json_builder_add_string_value (builder, did);
  json_builder_set_member_name (builder, "handle");
  json_builder_add_string_value (builder, handle);
  if (display_name != NULL)
    {
      json_builder_set_member_name (builder, "displayName");
      json_builder_add_string_value (builder, display_name);
    }
  json_builder_end_object (builder);
}

static void
add_notification (HdFakeBluesky *self,
                  const char    *reason,
                  const char    *did,
                  const char    *handle,
                  const char    *display_name,
                  const char    *uri,
                  const char    *cid,
                  JsonNode      *record,
                  const char    *subject,
                  gint64         at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *indexed = iso8601 (at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "cid");
  json_builder_add_string_value (builder, cid);
  add_author (builder, did, handle, display_name);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason);
  if (subject != NULL)
    {
      json_builder_set_member_name (builder, "reasonSubject");
      json_builder_add_string_value (builder, subject);
    }
  json_builder_set_member_name (builder, "record");
  json_builder_add_value (builder, json_node_copy (record));
  json_builder_set_member_name (builder, "isRead");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "indexedAt");
  json_builder_add_string_value (builder, indexed);
  json_builder_set_member_name (builder, "labels");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  g_ptr_array_add (self->notifications, json_builder_get_root (builder));
}

/* Stores a post record of another account and returns its URI, owned by the fake. */
static const char *
add_other_post (HdFakeBluesky *self,
                const char    *did,
                JsonNode      *record)
{
  g_autofree char *rkey = g_strdup_printf ("3lfake%07u", ++self->serial);
  g_autofree char *uri = g_strdup_printf ("at://%s/app.bsky.feed.post/%s", did, rkey);
  g_autofree char *cid = g_strdup_printf ("bafyreiother%u", self->serial);
  JsonObject *stored = json_object_new ();

  json_object_set_string_member (stored, "uri", uri);
  json_object_set_string_member (stored, "cid", cid);
  json_object_set_member (stored, "value", json_node_copy (record));
  g_hash_table_insert (self->others, g_strdup (uri), stored);

  return json_object_get_string_member (stored, "uri");
}

static gint64
increment (JsonObject *counts,
           const char *name)
{
  gint64 value = json_object_get_int_member_with_default (counts, name, 0) + 1;

  json_object_set_int_member (counts, name, value);
  return value;
}

static JsonObject *
counts_of (HdFakeBluesky *self,
           const char    *uri)
{
  JsonObject *counts = g_hash_table_lookup (self->counts, uri);

  if (counts == NULL)
    {
      counts = json_object_new ();
      g_hash_table_insert (self->counts, g_strdup (uri), counts);
    }

  return counts;
}

const char *
hd_fake_bluesky_add_reply (HdFakeBluesky *self,
                           const char    *did,
                           const char    *handle,
                           const char    *display_name,
                           const char    *text,
                           const char    *parent_uri,
                           gint64         at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) record = NULL;
  g_autofree char *created = iso8601 (at);
  JsonObject *parent = find_post (self, parent_uri);
  JsonObject *parent_reply;
  JsonObject *root;
  JsonObject *stored;
  const char *uri;

  g_assert (parent != NULL);
  parent_reply = json_object_get_object_member (parent, "value");
  parent_reply = json_object_has_member (parent_reply, "reply")
                 ? json_object_get_object_member (parent_reply, "reply") : NULL;
  root = parent_reply != NULL ? json_object_get_object_member (parent_reply, "root") : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, "app.bsky.feed.post");
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "reply");
  json_builder_begin_object (builder);
  if (root != NULL)
    add_strong_ref (builder, "root", json_object_get_string_member (root, "uri"),
                    json_object_get_string_member (root, "cid"));
  else
    add_strong_ref (builder, "root", parent_uri, json_object_get_string_member (parent, "cid"));
  add_strong_ref (builder, "parent", parent_uri, json_object_get_string_member (parent, "cid"));
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  record = json_builder_get_root (builder);

  uri = add_other_post (self, did, record);
  stored = g_hash_table_lookup (self->others, uri);
  increment (counts_of (self, parent_uri), "replyCount");

  /* News for this account when it wrote the post answered or the one that started the
   * thread, as the AppView tells the authors up the thread. */
  if (g_str_has_prefix (parent_uri, "at://" HD_FAKE_BLUESKY_DID "/"))
    add_notification (self, "reply", did, handle, display_name, uri,
                      json_object_get_string_member (stored, "cid"), record, parent_uri, at);
  else if (root != NULL && g_str_has_prefix (json_object_get_string_member (root, "uri"),
                                             "at://" HD_FAKE_BLUESKY_DID "/"))
    add_notification (self, "reply", did, handle, display_name, uri,
                      json_object_get_string_member (stored, "cid"), record,
                      json_object_get_string_member (root, "uri"), at);

  return uri;
}

const char *
hd_fake_bluesky_add_mention (HdFakeBluesky *self,
                             const char    *did,
                             const char    *handle,
                             const char    *display_name,
                             const char    *text,
                             gint64         at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) record = NULL;
  g_autofree char *created = iso8601 (at);
  const char *mention = strstr (text, "@" HD_FAKE_BLUESKY_HANDLE);
  const char *uri;

  g_assert (mention != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, "app.bsky.feed.post");
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, created);
  json_builder_set_member_name (builder, "facets");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "index");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "byteStart");
  json_builder_add_int_value (builder, mention - text);
  json_builder_set_member_name (builder, "byteEnd");
  json_builder_add_int_value (builder, mention - text + strlen ("@" HD_FAKE_BLUESKY_HANDLE));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, "app.bsky.richtext.facet#mention");
  json_builder_set_member_name (builder, "did");
  json_builder_add_string_value (builder, HD_FAKE_BLUESKY_DID);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  record = json_builder_get_root (builder);

  uri = add_other_post (self, did, record);
  add_notification (self, "mention", did, handle, display_name, uri,
                    json_object_get_string_member (g_hash_table_lookup (self->others, uri),
                                                   "cid"), record, NULL, at);

  return uri;
}

void
hd_fake_bluesky_add_notification (HdFakeBluesky *self,
                                  const char    *reason,
                                  const char    *did,
                                  const char    *handle,
                                  const char    *subject_uri,
                                  gint64         at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) record = NULL;
  g_autofree char *created = iso8601 (at);
  g_autofree char *type = g_strconcat ("app.bsky.feed.", reason, NULL);
  g_autofree char *uri = g_strdup_printf ("at://%s/%s/3lfake%07u", did, type, ++self->serial);
  g_autofree char *cid = g_strdup_printf ("bafyreinote%u", self->serial);
  JsonObject *subject = find_post (self, subject_uri);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "$type");
  json_builder_add_string_value (builder, type);
  add_strong_ref (builder, "subject", subject_uri,
                  subject != NULL ? json_object_get_string_member (subject, "cid") : "bafyrei");
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, created);
  json_builder_end_object (builder);
  record = json_builder_get_root (builder);

  if (g_str_equal (reason, "like"))
    increment (counts_of (self, subject_uri), "likeCount");
  else if (g_str_equal (reason, "repost"))
    increment (counts_of (self, subject_uri), "repostCount");

  add_notification (self, reason, did, handle, NULL, uri, cid, record, subject_uri, at);
}

void
hd_fake_bluesky_set_counts (HdFakeBluesky *self,
                            const char    *uri,
                            gint64         replies,
                            gint64         reposts,
                            gint64         likes,
                            gint64         quotes)
{
  JsonObject *counts = counts_of (self, uri);

  json_object_set_int_member (counts, "replyCount", replies);
  json_object_set_int_member (counts, "repostCount", reposts);
  json_object_set_int_member (counts, "likeCount", likes);
  json_object_set_int_member (counts, "quoteCount", quotes);
}

/* Newest first, @limit at a time (1–100, 50 when not given), filtered by the reasons asked
 * for; a non-empty page carries the cursor of its last item, as the AppView's does. */
static void
list_notifications (HdFakeBluesky     *self,
                    SoupServerMessage *message,
                    HdFakeRequest     *request)
{
  g_autoptr(GPtrArray) reasons = query_values (request->query, "reasons");
  g_autoptr(GPtrArray) limits = query_values (request->query, "limit");
  g_autoptr(GPtrArray) cursors = query_values (request->query, "cursor");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint start = self->notifications->len;
  guint limit = 50;
  guint n = 0;
  guint last = 0;

  if (limits->len > 0)
    {
      gint64 value = g_ascii_strtoll (g_ptr_array_index (limits, 0), NULL, 10);

      if (value < 1 || value > 100)
        return respond_error (message, 400, "InvalidRequest",
                              "limit can not be greater than 100");
      limit = (guint) value;
    }

  if (cursors->len > 0)
    {
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (g_ptr_array_index (cursors, 0), 10, 0,
                                       self->notifications->len, &value, NULL))
        return respond_error (message, 400, "InvalidRequest", "Malformed cursor");
      start = (guint) value;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "notifications");
  json_builder_begin_array (builder);
  for (guint i = start; i > 0 && n < limit; i--)
    {
      JsonNode *node = g_ptr_array_index (self->notifications, i - 1);
      const char *reason = json_object_get_string_member (json_node_get_object (node), "reason");
      gboolean wanted = reasons->len == 0;

      for (guint r = 0; r < reasons->len && !wanted; r++)
        wanted = g_str_equal (g_ptr_array_index (reasons, r), reason);
      if (!wanted)
        continue;

      json_builder_add_value (builder, json_node_copy (node));
      last = i - 1;
      n++;
    }
  json_builder_end_array (builder);
  if (n > 0)
    {
      g_autofree char *cursor = g_strdup_printf ("%u", last);

      json_builder_set_member_name (builder, "cursor");
      json_builder_add_string_value (builder, cursor);
    }
  json_builder_set_member_name (builder, "priority");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  hd_fake_respond_node (message, 200, root);
}

/* Post views with their counts; posts the AppView does not know are left out. */
static void
get_posts (HdFakeBluesky     *self,
           SoupServerMessage *message,
           HdFakeRequest     *request)
{
  g_autoptr(GPtrArray) uris = query_values (request->query, "uris");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (uris->len > 25)
    return respond_error (message, 400, "InvalidRequest",
                          "uris must not have more than 25 elements");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "posts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < uris->len; i++)
    {
      const char *uri = g_ptr_array_index (uris, i);
      JsonObject *stored = find_post (self, uri);
      JsonObject *counts = g_hash_table_lookup (self->counts, uri);
      JsonObject *value;
      g_auto(GStrv) parts = NULL;
      const char *count_names[] = { "replyCount", "repostCount", "likeCount", "quoteCount" };

      if (stored == NULL)
        continue;

      value = json_object_get_object_member (stored, "value");
      parts = g_strsplit (uri + strlen ("at://"), "/", 2);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uri");
      json_builder_add_string_value (builder, uri);
      json_builder_set_member_name (builder, "cid");
      json_builder_add_string_value (builder, json_object_get_string_member (stored, "cid"));
      add_author (builder, parts[0], g_str_equal (parts[0], HD_FAKE_BLUESKY_DID)
                                     ? HD_FAKE_BLUESKY_HANDLE : "someone.test", NULL);
      json_builder_set_member_name (builder, "record");
      json_builder_add_value (builder, json_node_copy (json_object_get_member (stored,
                                                                               "value")));
      for (guint c = 0; c < G_N_ELEMENTS (count_names); c++)
        {
          json_builder_set_member_name (builder, count_names[c]);
          json_builder_add_int_value (builder, counts != NULL
                                               ? json_object_get_int_member_with_default (
                                                   counts, count_names[c], 0)
                                               : 0);
        }
      json_builder_set_member_name (builder, "indexedAt");
      json_builder_add_string_value (builder,
                                     json_object_get_string_member (value, "createdAt"));
      json_builder_set_member_name (builder, "labels");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  hd_fake_respond_node (message, 200, root);
}

/* The profileViewDetailed of app.bsky.actor.getProfile, for this account by DID or handle;
 * the AppView refuses an actor it does not know. */
static void
get_profile (HdFakeBluesky     *self,
             SoupServerMessage *message,
             HdFakeRequest     *request)
{
  g_autoptr(GPtrArray) actors = query_values (request->query, "actor");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *actor = actors->len == 1 ? g_ptr_array_index (actors, 0) : NULL;

  if (actor == NULL)
    return respond_error (message, 400, "InvalidRequest",
                          "Error: Params must have the property \"actor\"");
  if (!g_str_equal (actor, HD_FAKE_BLUESKY_DID) && !g_str_equal (actor, HD_FAKE_BLUESKY_HANDLE))
    return respond_error (message, 400, "InvalidRequest", "Profile not found");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "did");
  json_builder_add_string_value (builder, HD_FAKE_BLUESKY_DID);
  json_builder_set_member_name (builder, "handle");
  json_builder_add_string_value (builder, HD_FAKE_BLUESKY_HANDLE);
  json_builder_set_member_name (builder, "displayName");
  json_builder_add_string_value (builder, "Corner Bakery");
  json_builder_set_member_name (builder, "followersCount");
  json_builder_add_int_value (builder, self->followers_count);
  json_builder_set_member_name (builder, "followsCount");
  json_builder_add_int_value (builder, 12);
  json_builder_set_member_name (builder, "postsCount");
  json_builder_add_int_value (builder, g_hash_table_size (self->records));
  json_builder_set_member_name (builder, "indexedAt");
  json_builder_add_string_value (builder, "2026-01-05T09:00:00.000Z");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  hd_fake_respond_node (message, 200, root);
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
  /* What the reference PDS answers for an app.bsky method it has no AppView to send to
   * (bluesky-social/atproto, packages/pds/src/pipethrough.ts). */
  if (self->no_app_view && g_str_has_prefix (nsid, "app.bsky."))
    {
      g_autofree char *text = g_strdup_printf ("No service configured for %s", nsid);

      return respond_error (message, 400, "InvalidRequest", text);
    }
  if (g_str_equal (nsid, "app.bsky.notification.listNotifications"))
    return list_notifications (self, message, request);
  if (g_str_equal (nsid, "app.bsky.feed.getPosts"))
    return get_posts (self, message, request);
  if (g_str_equal (nsid, "app.bsky.actor.getProfile"))
    return get_profile (self, message, request);

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
  self->followers_count = 58;
  self->handles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (self->handles, g_strdup (HD_FAKE_BLUESKY_HANDLE),
                       g_strdup (HD_FAKE_BLUESKY_DID));
  g_hash_table_insert (self->handles, g_strdup ("alice.test"), g_strdup ("did:plc:alice5x3n"));
  self->access_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) json_object_unref);
  self->blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->others = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_object_unref);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_object_unref);
  self->notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

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
  g_hash_table_unref (self->others);
  g_hash_table_unref (self->counts);
  g_ptr_array_unref (self->notifications);
  g_free (self);
}

const char *
hd_fake_bluesky_get_url (HdFakeBluesky *self)
{
  return hd_fake_server_get_url (self->server);
}
