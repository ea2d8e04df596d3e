/* hd-fake-mastodon.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "hd-fake-mastodon.h"

#define PAGE_LIMIT 40
/* GET /api/v1/notifications: 40 by default, at most 80. */
#define NOTIFICATIONS_LIMIT 40
#define NOTIFICATIONS_LIMIT_MAX 80

typedef struct
{
  char   *id;
  guint   polls_left;
  char   *description;
  char   *mime_type;
} Media;

static void
media_free (Media *media)
{
  g_free (media->id);
  g_free (media->description);
  g_free (media->mime_type);
  g_free (media);
}

gint64
hd_fake_mastodon_now (HdFakeMastodon *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static char *
iso8601 (gint64 instant)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
}

static char *
next_id (HdFakeMastodon *self)
{
  /* Mastodon ids are numeric strings that grow with time. */
  return g_strdup_printf ("1100%08u", ++self->next_id);
}

static void
respond_error (SoupServerMessage *message,
               guint              status,
               const char        *text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  hd_fake_respond_node (message, status, root);
}

static void
add_rate_limit_headers (HdFakeMastodon    *self,
                        SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autofree char *reset = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *remaining = NULL;

  if (self->rate_limit == 0)
    {
      reset = iso8601 (hd_fake_mastodon_now (self) + 300);
      soup_message_headers_replace (headers, "X-RateLimit-Limit", "300");
      soup_message_headers_replace (headers, "X-RateLimit-Remaining", "299");
      soup_message_headers_replace (headers, "X-RateLimit-Reset", reset);
      return;
    }

  reset = iso8601 (self->rate_window_start + self->rate_window);
  limit = g_strdup_printf ("%u", self->rate_limit);
  remaining = g_strdup_printf ("%u", self->rate_limit - MIN (self->rate_used, self->rate_limit));
  soup_message_headers_replace (headers, "X-RateLimit-Limit", limit);
  soup_message_headers_replace (headers, "X-RateLimit-Remaining", remaining);
  soup_message_headers_replace (headers, "X-RateLimit-Reset", reset);
}

/* Counts the request against the window; FALSE when it is over the limit and has been
 * answered 429. The window starts on a whole second, as the Reset header can only say
 * whole seconds. */
static gboolean
within_rate_limit (HdFakeMastodon    *self,
                   SoupServerMessage *message)
{
  gint64 now = hd_fake_mastodon_now (self);
  g_autofree char *retry_after = NULL;

  if (self->rate_limit == 0)
    return TRUE;

  if (self->rate_window_start == 0 || now >= self->rate_window_start + self->rate_window)
    {
      self->rate_window_start = now;
      self->rate_used = 0;
    }

  if (self->rate_used < self->rate_limit)
    {
      self->rate_used++;
      return TRUE;
    }

  self->n_rate_limited++;
  respond_error (message, 429, "Too many requests");
  add_rate_limit_headers (self, message);
  retry_after = g_strdup_printf ("%" G_GINT64_FORMAT,
                                 MAX (1, self->rate_window_start + self->rate_window - now));
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Retry-After", retry_after);
  return FALSE;
}

static gboolean
authorized (HdFakeMastodon *self,
            HdFakeRequest  *request)
{
  const char *header = soup_message_headers_get_one (request->headers, "Authorization");
  g_autofree char *expected = NULL;

  if (self->access_token == NULL || header == NULL)
    return FALSE;

  expected = g_strconcat ("Bearer ", self->access_token, NULL);
  return g_str_equal (header, expected);
}

/* Form or JSON, as Mastodon takes both: a string, or an array of strings for name[]. */
static GHashTable *
read_params (HdFakeRequest *request)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(JsonNode) json = hd_fake_request_get_json (request);
  g_autoptr(GHashTable) form = NULL;

  if (json != NULL && JSON_NODE_HOLDS_OBJECT (json))
    {
      JsonObject *object = json_node_get_object (json);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);
          GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

          if (JSON_NODE_HOLDS_ARRAY (value))
            {
              JsonArray *array = json_node_get_array (value);

              for (guint i = 0; i < json_array_get_length (array); i++)
                g_ptr_array_add (values, g_strdup (json_array_get_string_element (array, i)));
            }
          else if (JSON_NODE_HOLDS_VALUE (value))
            {
              g_ptr_array_add (values, json_node_get_value_type (value) == G_TYPE_STRING
                                       ? g_strdup (json_node_get_string (value))
                                       : g_strdup_printf ("%" G_GINT64_FORMAT,
                                                          json_node_get_int (value)));
            }
          g_hash_table_insert (params, g_strdup (l->data), values);
        }
      return params;
    }

  form = hd_fake_request_get_form (request);
  if (form != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *name = g_strdup (key);

          if (g_str_has_suffix (name, "[]"))
            name[strlen (name) - 2] = '\0';
          g_ptr_array_add (values, g_strdup (value));
          g_hash_table_insert (params, g_steal_pointer (&name), values);
        }
    }

  return params;
}

static const char *
param (GHashTable *params,
       const char *name)
{
  GPtrArray *values = g_hash_table_lookup (params, name);

  return values != NULL && values->len > 0 ? g_ptr_array_index (values, 0) : NULL;
}

/* OAuth */

static void
serve_metadata (HdFakeMastodon    *self,
                SoupServerMessage *message)
{
  const char *url = hd_fake_server_get_url (self->server);
  g_autofree char *json = NULL;

  if (!self->advertise_s256)
    {
      respond_error (message, 404, "Record not found");
      return;
    }

  json = g_strdup_printf ("{\"issuer\":\"%s/\",\"authorization_endpoint\":\"%s/oauth/authorize\","
                          "\"token_endpoint\":\"%s/oauth/token\","
                          "\"app_registration_endpoint\":\"%s/api/v1/apps\","
                          "\"scopes_supported\":[\"read\",\"write\",\"push\"],"
                          "\"response_types_supported\":[\"code\"],"
                          "\"grant_types_supported\":[\"authorization_code\","
                          "\"client_credentials\"],"
                          "\"code_challenge_methods_supported\":[\"S256\"]}",
                          url, url, url, url);
  hd_fake_respond_json (message, 200, json);
}

static void
register_app (HdFakeMastodon    *self,
              SoupServerMessage *message,
              HdFakeRequest     *request)
{
  g_autoptr(GHashTable) params = read_params (request);
  const char *name = param (params, "client_name");
  const char *redirect = param (params, "redirect_uris");
  g_autofree char *json = NULL;

  if (name == NULL)
    {
      respond_error (message, 422, "Validation failed: Application name can't be blank");
      return;
    }

  if (redirect == NULL || (strstr (redirect, "://") == NULL
                           && !g_str_equal (redirect, "urn:ietf:wg:oauth:2.0:oob")))
    {
      respond_error (message, 422, "Validation failed: Redirect URI must be an absolute URI.");
      return;
    }

  self->apps_registered++;
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->registered_redirect);
  self->client_id = g_strdup_printf ("client-id-%u", self->apps_registered);
  self->client_secret = g_strdup_printf ("client-secret-%u", self->apps_registered);
  self->registered_redirect = g_strdup (redirect);

  json = g_strdup_printf ("{\"id\":\"%u\",\"name\":\"%s\",\"website\":null,"
                          "\"scopes\":[\"read\",\"write\"],\"redirect_uri\":\"%s\","
                          "\"redirect_uris\":[\"%s\"],\"client_id\":\"%s\","
                          "\"client_secret\":\"%s\",\"client_secret_expires_at\":0}",
                          self->apps_registered, name, redirect, redirect, self->client_id,
                          self->client_secret);
  hd_fake_respond_json (message, 200, json);
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

static void
authorize (HdFakeMastodon    *self,
           SoupServerMessage *message,
           HdFakeRequest     *request)
{
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  const char *redirect = g_hash_table_lookup (query, "redirect_uri");
  const char *state = g_hash_table_lookup (query, "state");
  g_autofree char *escaped_state = NULL;
  g_autofree char *location = NULL;

  g_clear_pointer (&self->authorize_query, g_hash_table_unref);
  self->authorize_query = g_hash_table_ref (query);

  if (g_strcmp0 (g_hash_table_lookup (query, "client_id"), self->client_id) != 0
      || g_strcmp0 (redirect, self->registered_redirect) != 0)
    {
      soup_server_message_set_status (message, 400, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        "<p>The redirect URI included is not valid.</p>", 46);
      return;
    }

  g_free (self->code);
  g_free (self->code_challenge);
  g_free (self->code_redirect);
  self->code = g_uuid_string_random ();
  self->code_challenge = g_strdup (g_hash_table_lookup (query, "code_challenge"));
  self->code_redirect = g_strdup (redirect);

  if (g_str_equal (redirect, "urn:ietf:wg:oauth:2.0:oob"))
    {
      g_autofree char *page = g_strdup_printf ("<p>Copy this code: <code>%s</code></p>",
                                               self->code);

      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_COPY, page,
                                        strlen (page));
      return;
    }

  escaped_state = g_uri_escape_string (state != NULL ? state : "", NULL, FALSE);
  location = g_strdup_printf ("%s?code=%s&state=%s", redirect, self->code, escaped_state);
  soup_server_message_set_redirect (message, 302, location);
}

static void
issue_token (HdFakeMastodon    *self,
             SoupServerMessage *message,
             HdFakeRequest     *request)
{
  g_autoptr(GHashTable) params = read_params (request);
  const char *verifier = param (params, "code_verifier");
  g_autofree char *challenge = verifier != NULL ? s256 (verifier) : NULL;
  g_autofree char *json = NULL;

  if (g_strcmp0 (param (params, "client_id"), self->client_id) != 0
      || g_strcmp0 (param (params, "client_secret"), self->client_secret) != 0)
    {
      hd_fake_respond_json (message, 401, "{\"error\":\"invalid_client\",\"error_description\":"
                                          "\"Client authentication failed due to unknown "
                                          "client, no client authentication included, or "
                                          "unsupported authentication method.\"}");
      return;
    }

  if (g_strcmp0 (param (params, "grant_type"), "authorization_code") != 0
      || self->code == NULL || g_strcmp0 (param (params, "code"), self->code) != 0
      || g_strcmp0 (param (params, "redirect_uri"), self->code_redirect) != 0
      || (self->code_challenge != NULL
          && g_strcmp0 (challenge, self->code_challenge) != 0))
    {
      hd_fake_respond_json (message, 400, "{\"error\":\"invalid_grant\",\"error_description\":"
                                          "\"The provided authorization grant is invalid, "
                                          "expired, revoked, does not match the redirection "
                                          "URI used in the authorization request, or was "
                                          "issued to another client.\"}");
      return;
    }

  g_clear_pointer (&self->code, g_free);
  g_free (self->access_token);
  self->access_token = g_strdup_printf ("mastodon-token-%u", ++self->next_id);
  json = g_strdup_printf ("{\"access_token\":\"%s\",\"token_type\":\"Bearer\","
                          "\"scope\":\"read write\",\"created_at\":%" G_GINT64_FORMAT "}",
                          self->access_token, hd_fake_mastodon_now (self));
  hd_fake_respond_json (message, 200, json);
}

/* Accounts and instance */

static void
serve_account (HdFakeMastodon    *self,
               SoupServerMessage *message)
{
  g_autofree char *json = NULL;
  const char *url = hd_fake_server_get_url (self->server);

  json = g_strdup_printf ("{\"id\":\"%s\",\"username\":\"bakery\",\"acct\":\"bakery\","
                          "\"display_name\":\"Corner Bakery\",\"locked\":false,"
                          "\"url\":\"%s/@bakery\",\"avatar\":\"%s/avatars/bakery.png\","
                          "\"avatar_static\":\"%s/avatars/bakery.png\","
                          "\"followers_count\":%" G_GINT64_FORMAT ",\"following_count\":30,"
                          "\"statuses_count\":%u}",
                          self->account_id, url, url, url, self->followers_count,
                          self->statuses->len);
  hd_fake_respond_json (message, 200, json);
}

static void
serve_instance (HdFakeMastodon    *self,
                SoupServerMessage *message)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"domain\":\"bakery.example\",\"title\":\"Bakery social\","
                          "\"version\":\"4.3.0\",\"configuration\":{"
                          "\"urls\":{\"streaming\":\"wss://bakery.example\"},"
                          "\"accounts\":{\"max_featured_tags\":10},"
                          "\"statuses\":{\"max_characters\":%u,\"max_media_attachments\":4,"
                          "\"characters_reserved_per_url\":23},"
                          "\"media_attachments\":{\"supported_mime_types\":[\"image/jpeg\","
                          "\"image/png\",\"image/gif\",\"image/webp\",\"video/mp4\"],"
                          "\"image_size_limit\":16777216,\"image_matrix_limit\":33177600,"
                          "\"video_size_limit\":103809024,\"description_limit\":1500},"
                          "\"polls\":{\"max_options\":4}}}",
                          self->max_characters);
  hd_fake_respond_json (message, 200, json);
}

/* Media */

static JsonNode *
media_json (HdFakeMastodon *self,
            Media          *media,
            gboolean        ready)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *url = g_strdup_printf ("%s/media/%s.png",
                                          hd_fake_server_get_url (self->server), media->id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, media->id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "image");
  json_builder_set_member_name (builder, "url");
  if (ready)
    json_builder_add_string_value (builder, url);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "preview_url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "description");
  if (media->description != NULL)
    json_builder_add_string_value (builder, media->description);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
upload_media (HdFakeMastodon    *self,
              SoupServerMessage *message,
              HdFakeRequest     *request)
{
  g_autoptr(GHashTable) form = hd_fake_request_get_form (request);
  g_autoptr(JsonNode) node = NULL;
  Media *media;

  if (form == NULL || g_hash_table_lookup (form, "file:type") == NULL)
    {
      respond_error (message, 422, "Validation failed: File can't be blank");
      return;
    }

  if (!g_str_has_prefix (g_hash_table_lookup (form, "file:type"), "image/"))
    {
      respond_error (message, 422, "Validation failed: File content type is invalid");
      return;
    }

  media = g_new0 (Media, 1);
  media->id = next_id (self);
  media->description = g_strdup (g_hash_table_lookup (form, "description"));
  media->mime_type = g_strdup (g_hash_table_lookup (form, "file:type"));
  media->polls_left = self->media_polls;
  /* The key is the medium's own id, freed with it. */
  g_hash_table_insert (self->media, media->id, media);

  node = media_json (self, media, media->polls_left == 0);
  hd_fake_respond_node (message, media->polls_left == 0 ? 200 : 202, node);
}

static void
poll_media (HdFakeMastodon    *self,
            SoupServerMessage *message,
            const char        *id)
{
  Media *media = g_hash_table_lookup (self->media, id);
  g_autoptr(JsonNode) node = NULL;

  if (media == NULL)
    {
      respond_error (message, 404, "Record not found");
      return;
    }

  if (media->polls_left > 0)
    {
      media->polls_left--;
      node = media_json (self, media, FALSE);
      hd_fake_respond_node (message, 206, node);
      return;
    }

  node = media_json (self, media, TRUE);
  hd_fake_respond_node (message, 200, node);
}

/* Statuses */

/* A mention as Mastodon renders it in a status's content (the Account example of the OpenAPI
 * description): the account's name linked to its profile, the domain left out. */
static void
append_mentions (GString    *html,
                 const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *name = p + 1;
      const char *name_end = name;
      /* A local account's profile is on this instance; its host does not matter here. */
      const char *domain = "mastodon.test";
      int domain_length = strlen (domain);

      if (*p != '@' || (p != text && !g_ascii_isspace (p[-1])))
        {
          g_string_append_c (html, *p++);
          continue;
        }

      while (g_ascii_isalnum (*name_end) || *name_end == '_')
        name_end++;
      if (name_end == name)
        {
          g_string_append_c (html, *p++);
          continue;
        }

      p = name_end;
      if (*p == '@')
        {
          domain = ++p;
          while (g_ascii_isalnum (*p) || *p == '.' || *p == '-')
            p++;
          domain_length = p - domain;
        }

      g_string_append_printf (html, "<span class=\"h-card\"><a href=\"https://%.*s/@%.*s\" "
                              "class=\"u-url mention\" rel=\"nofollow noopener noreferrer\" "
                              "target=\"_blank\">@<span>%.*s</span></a></span>",
                              domain_length, domain, (int) (name_end - name), name,
                              (int) (name_end - name), name);
    }
}

static char *
render_html (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_auto(GStrv) paragraphs = g_strsplit (escaped, "\n\n", -1);
  GString *html = g_string_new (NULL);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_auto(GStrv) lines = g_strsplit (paragraphs[i], "\n", -1);
      g_autofree char *joined = g_strjoinv ("<br />", lines);

      g_string_append (html, "<p>");
      append_mentions (html, joined);
      g_string_append (html, "</p>");
    }

  return g_string_free (html, FALSE);
}

JsonObject *
hd_fake_mastodon_find_status (HdFakeMastodon *self,
                              const char     *id)
{
  for (guint i = 0; i < self->statuses->len; i++)
    {
      JsonObject *status = json_node_get_object (g_ptr_array_index (self->statuses, i));

      if (g_strcmp0 (json_object_get_string_member (status, "id"), id) == 0)
        return status;
    }

  return NULL;
}

static JsonNode *
find_in (GPtrArray  *list,
         const char *id,
         guint      *index)
{
  for (guint i = 0; i < list->len; i++)
    {
      JsonNode *node = g_ptr_array_index (list, i);

      if (g_strcmp0 (json_object_get_string_member (json_node_get_object (node), "id"), id) == 0)
        {
          if (index != NULL)
            *index = i;
          return node;
        }
    }

  return NULL;
}

static JsonNode *
new_scheduled (HdFakeMastodon *self,
               gint64          at,
               const char     *text,
               GPtrArray      *media_ids,
               const char     *visibility,
               const char     *idempotency)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = next_id (self);
  g_autofree char *when = iso8601 (at);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "scheduled_at");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_string_value (builder, visibility != NULL ? visibility : "public");
  json_builder_set_member_name (builder, "scheduled_at");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "idempotency");
  if (idempotency != NULL)
    json_builder_add_string_value (builder, idempotency);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "media_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; media_ids != NULL && i < media_ids->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (media_ids, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "media_attachments");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

void
hd_fake_mastodon_add_scheduled (HdFakeMastodon *self,
                                gint64          scheduled_at,
                                const char     *text)
{
  g_ptr_array_add (self->scheduled, new_scheduled (self, scheduled_at, text, NULL, NULL, NULL));
}

static JsonNode *
new_status (HdFakeMastodon *self,
            const char     *text,
            GPtrArray      *media_ids,
            const char     *visibility,
            const char     *language,
            const char     *in_reply_to)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *id = next_id (self);
  g_autofree char *when = iso8601 (hd_fake_mastodon_now (self));
  g_autofree char *html = render_html (text);
  g_autofree char *url = g_strdup_printf ("%s/@bakery/%s", hd_fake_server_get_url (self->server),
                                          id);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "in_reply_to_id");
  if (in_reply_to != NULL)
    json_builder_add_string_value (builder, in_reply_to);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_string_value (builder, visibility != NULL ? visibility : "public");
  json_builder_set_member_name (builder, "language");
  if (language != NULL)
    json_builder_add_string_value (builder, language);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, html);
  json_builder_set_member_name (builder, "replies_count");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "reblogs_count");
  json_builder_add_int_value (builder, 2);
  json_builder_set_member_name (builder, "favourites_count");
  json_builder_add_int_value (builder, 5);
  json_builder_set_member_name (builder, "media_attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; media_ids != NULL && i < media_ids->len; i++)
    {
      Media *media = g_hash_table_lookup (self->media, g_ptr_array_index (media_ids, i));

      json_builder_add_value (builder, media_json (self, media, TRUE));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
count_in (GHashTable *counts,
          const char *name)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));

  g_hash_table_insert (counts, g_strdup (name), GUINT_TO_POINTER (count + 1));
}

static void
create_status (HdFakeMastodon    *self,
               SoupServerMessage *message,
               HdFakeRequest     *request)
{
  g_autoptr(GHashTable) params = read_params (request);
  const char *key = soup_message_headers_get_one (request->headers, "Idempotency-Key");
  const char *text = param (params, "status");
  const char *scheduled_at = param (params, "scheduled_at");
  GPtrArray *media_ids = g_hash_table_lookup (params, "media_ids");
  const char *known;
  JsonNode *node;

  if (key != NULL && !self->forget_idempotency
      && (known = g_hash_table_lookup (self->idempotency, key)) != NULL)
    {
      node = find_in (self->statuses, known, NULL);
      if (node == NULL)
        node = find_in (self->scheduled, known, NULL);
      if (node != NULL)
        {
          hd_fake_respond_node (message, 200, node);
          return;
        }
    }

  if ((text == NULL || *text == '\0') && (media_ids == NULL || media_ids->len == 0))
    {
      respond_error (message, 422, "Validation failed: Text can't be blank");
      return;
    }

  if (text != NULL && (guint) g_utf8_strlen (text, -1) > self->max_characters)
    {
      g_autofree char *error = g_strdup_printf ("Validation failed: Text character limit of %u "
                                                "exceeded", self->max_characters);

      respond_error (message, 422, error);
      return;
    }

  for (guint i = 0; media_ids != NULL && i < media_ids->len; i++)
    {
      Media *media = g_hash_table_lookup (self->media, g_ptr_array_index (media_ids, i));

      if (media == NULL)
        {
          respond_error (message, 422, "Validation failed: Media attachments is invalid");
          return;
        }

      if (media->polls_left > 0)
        {
          respond_error (message, 422, "Cannot attach files that have not finished processing. "
                                       "Try again in a moment!");
          return;
        }
    }

  if (scheduled_at != NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (scheduled_at, utc);

      if (at == NULL || g_date_time_to_unix (at) < hd_fake_mastodon_now (self) + 5 * 60)
        {
          respond_error (message, 422, "Validation failed: Scheduled at The scheduled date must "
                                       "be in the future");
          return;
        }

      node = new_scheduled (self, g_date_time_to_unix (at), text != NULL ? text : "", media_ids,
                            param (params, "visibility"), key);
      g_ptr_array_add (self->scheduled, node);
    }
  else
    {
      node = new_status (self, text != NULL ? text : "", media_ids, param (params, "visibility"),
                         param (params, "language"), param (params, "in_reply_to_id"));
      g_ptr_array_add (self->statuses, node);
    }

  if (key != NULL)
    g_hash_table_insert (self->idempotency, g_strdup (key),
                         g_strdup (json_object_get_string_member (json_node_get_object (node),
                                                                  "id")));
  count_in (self->created_texts, text != NULL ? text : "");
  if (key != NULL)
    count_in (self->created_keys, key);
  if (self->status_created != NULL)
    self->status_created (self->status_created_data, text != NULL ? text : "");

  hd_fake_respond_node (message, 200, node);
}

guint
hd_fake_mastodon_count_created (HdFakeMastodon *self,
                                const char     *text)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->created_texts, text));
}

guint
hd_fake_mastodon_count_keyed (HdFakeMastodon *self,
                              const char     *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->created_keys, key));
}

const char *
hd_fake_mastodon_renew_token (HdFakeMastodon *self)
{
  g_free (self->access_token);
  self->access_token = g_strdup_printf ("mastodon-token-%u", ++self->next_id);

  return self->access_token;
}

static guint
query_limit (HdFakeRequest *request)
{
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  const char *limit = g_hash_table_lookup (query, "limit");

  return limit != NULL ? CLAMP (atoi (limit), 1, PAGE_LIMIT) : 20;
}

/* Newest first, from below max_id, with a Link to the next page as Mastodon sends it. */
static void
respond_page (HdFakeMastodon    *self,
              SoupServerMessage *message,
              HdFakeRequest     *request,
              GPtrArray         *list,
              const char        *path)
{
  g_autoptr(GHashTable) query = soup_form_decode (request->query != NULL ? request->query : "");
  const char *max_id = g_hash_table_lookup (query, "max_id");
  guint limit = query_limit (request);
  g_autoptr(JsonArray) page = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  const char *last_id = NULL;
  gboolean more = FALSE;

  for (guint i = list->len; i > 0; i--)
    {
      JsonNode *node = g_ptr_array_index (list, i - 1);
      const char *id = json_object_get_string_member (json_node_get_object (node), "id");

      if (max_id != NULL && g_strcmp0 (id, max_id) >= 0)
        continue;

      if (json_array_get_length (page) == limit)
        {
          more = TRUE;
          break;
        }

      json_array_add_element (page, json_node_copy (node));
      last_id = id;
    }

  if (more && last_id != NULL)
    {
      g_autofree char *link = g_strdup_printf ("<%s%s?limit=%u&max_id=%s>; rel=\"next\"",
                                               hd_fake_server_get_url (self->server), path,
                                               limit, last_id);

      soup_message_headers_replace (soup_server_message_get_response_headers (message), "Link",
                                    link);
    }

  json_node_set_array (root, page);
  hd_fake_respond_node (message, 200, root);
}

static void
handle_scheduled (HdFakeMastodon    *self,
                  SoupServerMessage *message,
                  HdFakeRequest     *request,
                  const char        *id)
{
  guint index = 0;
  JsonNode *node = find_in (self->scheduled, id, &index);

  if (node == NULL)
    {
      respond_error (message, 404, "Record not found");
      return;
    }

  if (g_str_equal (request->method, "GET"))
    {
      hd_fake_respond_node (message, 200, node);
    }
  else if (g_str_equal (request->method, "DELETE"))
    {
      g_ptr_array_remove_index (self->scheduled, index);
      hd_fake_respond_json (message, 200, "{}");
    }
  else if (g_str_equal (request->method, "PUT"))
    {
      g_autoptr(GHashTable) params = read_params (request);
      const char *when = param (params, "scheduled_at");
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) at = when != NULL ? g_date_time_new_from_iso8601 (when, utc) : NULL;
      g_autofree char *formatted = NULL;

      if (at == NULL || g_date_time_to_unix (at) < hd_fake_mastodon_now (self) + 5 * 60)
        {
          respond_error (message, 422, "Validation failed: Scheduled at The scheduled date must "
                                       "be in the future");
          return;
        }

      formatted = iso8601 (g_date_time_to_unix (at));
      json_object_set_string_member (json_node_get_object (node), "scheduled_at", formatted);
      hd_fake_respond_node (message, 200, node);
    }
  else
    {
      respond_error (message, 405, "Method not allowed");
    }
}

/* Notifications */

/* Every value of @name in a query, as Mastodon reads name[]=a&name[]=b; keys and values may
 * come percent-encoded, as Rails writes them into Link headers. */
static GPtrArray *
query_values (const char *query,
              const char *name)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) pairs = g_strsplit (query != NULL ? query : "", "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *raw_key = NULL;
      g_autofree char *key = NULL;

      if (equals == NULL)
        continue;

      raw_key = g_strndup (pairs[i], equals - pairs[i]);
      key = g_uri_unescape_string (raw_key, NULL);
      if (g_strcmp0 (key, name) == 0)
        g_ptr_array_add (values, g_uri_unescape_string (equals + 1, NULL));
    }

  return values;
}

static gboolean
has_value (GPtrArray  *values,
           const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), value))
      return TRUE;

  return FALSE;
}

static void
add_account (JsonBuilder    *builder,
             HdFakeMastodon *self,
             const char     *acct,
             const char     *display_name)
{
  g_autofree char *username = g_strndup (acct, strcspn (acct, "@"));
  g_autofree char *id = g_compute_checksum_for_string (G_CHECKSUM_MD5, acct, -1);
  g_autofree char *url = strchr (acct, '@') != NULL
                         ? g_strdup_printf ("https://%s/@%s", strchr (acct, '@') + 1, username)
                         : g_strdup_printf ("%s/@%s", hd_fake_server_get_url (self->server),
                                            username);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "acct");
  json_builder_add_string_value (builder, acct);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, display_name);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_end_object (builder);
}

/* Plain text as Mastodon renders a status: escaped, in paragraphs, each @-mention an h-card
 * link that shows the name without its domain. */
static char *
render_with_mentions (HdFakeMastodon *self,
                      const char     *text)
{
  g_autofree char *html = render_html (text);
  GString *out = g_string_new (NULL);
  const char *p = html;

  while (*p != '\0')
    {
      gboolean starts_word = p == html || p[-1] == ' ' || p[-1] == '>';

      if (*p == '@' && starts_word && g_ascii_isalnum (p[1]))
        {
          const char *end = p + 1;
          g_autofree char *name = NULL;
          const char *domain;

          while (g_ascii_isalnum (*end) || *end == '_' || *end == '@' || *end == '.'
                 || *end == '-')
            end++;
          while (end > p + 1 && (end[-1] == '.' || end[-1] == '-'))
            end--;

          name = g_strndup (p + 1, end - p - 1);
          domain = strchr (name, '@');
          if (domain != NULL)
            {
              g_string_append_printf (out, "<span class=\"h-card\" translate=\"no\"><a href="
                                      "\"https://%s/@%.*s\" class=\"u-url mention\">@<span>%.*s"
                                      "</span></a></span>", domain + 1, (int) (domain - name),
                                      name, (int) (domain - name), name);
            }
          else
            {
              g_string_append_printf (out, "<span class=\"h-card\" translate=\"no\"><a href="
                                      "\"%s/@%s\" class=\"u-url mention\">@<span>%s</span></a>"
                                      "</span>", hd_fake_server_get_url (self->server), name,
                                      name);
            }
          p = end;
          continue;
        }

      g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

const char *
hd_fake_mastodon_add_notification (HdFakeMastodon *self,
                                   const char     *type,
                                   const char     *acct,
                                   const char     *display_name,
                                   const char     *text,
                                   const char     *in_reply_to,
                                   gint64          at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *status_id = next_id (self);
  g_autofree char *notification_id = next_id (self);
  g_autofree char *when = iso8601 (at);
  g_autofree char *html = render_with_mentions (self, text);
  g_autofree char *group_key = g_strconcat ("ungrouped-", notification_id, NULL);
  g_autofree char *uri = g_strdup_printf ("https://elsewhere.example/statuses/%s", status_id);
  JsonObject *answered = in_reply_to != NULL ? hd_fake_mastodon_find_status (self, in_reply_to)
                                             : NULL;
  JsonNode *node;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, notification_id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "group_key");
  json_builder_add_string_value (builder, group_key);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "account");
  add_account (builder, self, acct, display_name);

  json_builder_set_member_name (builder, "status");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, status_id);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "in_reply_to_id");
  if (in_reply_to != NULL)
    json_builder_add_string_value (builder, in_reply_to);
  else
    json_builder_add_null_value (builder);
  /* Only known for a status of this instance; a reply to someone else's names them. */
  json_builder_set_member_name (builder, "in_reply_to_account_id");
  if (answered != NULL)
    json_builder_add_string_value (builder, self->account_id);
  else if (in_reply_to != NULL)
    json_builder_add_string_value (builder, "209114");
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_string_value (builder, "public");
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, html);
  json_builder_set_member_name (builder, "replies_count");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "reblogs_count");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "favourites_count");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "account");
  add_account (builder, self, acct, display_name);
  json_builder_set_member_name (builder, "media_attachments");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  g_ptr_array_add (self->notifications, node);

  /* The status answered counts one reply more. */
  if (answered != NULL)
    json_object_set_int_member (answered, "replies_count",
                                json_object_get_int_member (answered, "replies_count") + 1);

  return json_object_get_string_member (json_object_get_object_member (json_node_get_object (node),
                                                                       "status"), "id");
}

static void
append_type_params (GString    *link,
                    const char *name,
                    GPtrArray  *values)
{
  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (g_ptr_array_index (values, i), NULL, FALSE);

      g_string_append_printf (link, "&%s%%5B%%5D=%s", name, escaped);
    }
}

/* Newest first; a full page carries a Link to the next one (max_id) that keeps the filters,
 * as Mastodon's controller writes it, and every non-empty page one to newer ones (min_id). */
static void
list_notifications (HdFakeMastodon    *self,
                    SoupServerMessage *message,
                    HdFakeRequest     *request)
{
  g_autoptr(GPtrArray) types = query_values (request->query, "types[]");
  g_autoptr(GPtrArray) excluded = query_values (request->query, "exclude_types[]");
  g_autoptr(GPtrArray) limits = query_values (request->query, "limit");
  g_autoptr(GPtrArray) max_ids = query_values (request->query, "max_id");
  g_autoptr(GPtrArray) since_ids = query_values (request->query, "since_id");
  g_autoptr(GPtrArray) min_ids = query_values (request->query, "min_id");
  const char *max_id = max_ids->len > 0 ? g_ptr_array_index (max_ids, 0) : NULL;
  const char *since_id = since_ids->len > 0 ? g_ptr_array_index (since_ids, 0) : NULL;
  const char *min_id = min_ids->len > 0 ? g_ptr_array_index (min_ids, 0) : NULL;
  guint from = self->notifications->len;
  guint limit = limits->len > 0 ? CLAMP (atoi (g_ptr_array_index (limits, 0)), 1,
                                         NOTIFICATIONS_LIMIT_MAX)
                                : NOTIFICATIONS_LIMIT;
  g_autoptr(JsonArray) page = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  const char *first_id = NULL;
  const char *last_id = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  g_autoptr(GString) link = g_string_new (NULL);

  /* min_id asks for the page just above it: the oldest @limit newer ones, still newest
   * first. */
  if (min_id != NULL)
    {
      guint found = 0;

      for (from = 0; from < self->notifications->len && found < limit; from++)
        {
          JsonObject *notification = json_node_get_object (g_ptr_array_index (
                                                             self->notifications, from));
          const char *type = json_object_get_string_member (notification, "type");

          if (g_strcmp0 (json_object_get_string_member (notification, "id"), min_id) > 0
              && (types->len == 0 || has_value (types, type)) && !has_value (excluded, type))
            found++;
        }
    }

  for (guint i = from; i > 0 && json_array_get_length (page) < limit; i--)
    {
      JsonNode *node = g_ptr_array_index (self->notifications, i - 1);
      JsonObject *notification = json_node_get_object (node);
      const char *id = json_object_get_string_member (notification, "id");
      const char *type = json_object_get_string_member (notification, "type");

      if ((max_id != NULL && g_strcmp0 (id, max_id) >= 0)
          || (since_id != NULL && g_strcmp0 (id, since_id) <= 0)
          || (min_id != NULL && g_strcmp0 (id, min_id) <= 0)
          || (types->len > 0 && !has_value (types, type))
          || has_value (excluded, type))
        continue;

      json_array_add_element (page, json_node_copy (node));
      if (first_id == NULL)
        first_id = id;
      last_id = id;
    }

  if (json_array_get_length (page) == limit)
    {
      g_string_append_printf (link, "<%s/api/v1/notifications?limit=%u&max_id=%s",
                              hd_fake_server_get_url (self->server), limit, last_id);
      append_type_params (link, "types", types);
      append_type_params (link, "exclude_types", excluded);
      g_string_append (link, ">; rel=\"next\"");
    }

  if (first_id != NULL)
    {
      if (link->len > 0)
        g_string_append (link, ", ");
      g_string_append_printf (link, "<%s/api/v1/notifications?limit=%u&min_id=%s",
                              hd_fake_server_get_url (self->server), limit, first_id);
      append_type_params (link, "types", types);
      append_type_params (link, "exclude_types", excluded);
      g_string_append (link, ">; rel=\"prev\"");
    }

  if (link->len > 0)
    soup_message_headers_replace (headers, "Link", link->str);

  json_node_set_array (root, page);
  hd_fake_respond_node (message, 200, root);
}

static void
handle (HdFakeServer      *server,
        SoupServerMessage *message,
        HdFakeRequest     *request,
        gpointer           user_data)
{
  HdFakeMastodon *self = user_data;
  const char *path = request->path;
  const char *method = request->method;
  g_autofree char *account_statuses = g_strdup_printf ("/api/v1/accounts/%s/statuses",
                                                       self->account_id);

  if (g_str_equal (path, "/.well-known/oauth-authorization-server"))
    return serve_metadata (self, message);
  if (g_str_equal (path, "/api/v1/apps") && g_str_equal (method, "POST"))
    return register_app (self, message, request);
  if (g_str_equal (path, "/oauth/authorize"))
    return authorize (self, message, request);
  if (g_str_equal (path, "/oauth/token") && g_str_equal (method, "POST"))
    return issue_token (self, message, request);

  if (!g_str_has_prefix (path, "/api/"))
    return respond_error (message, 404, "Record not found");

  if (!authorized (self, request))
    return respond_error (message, 401, "The access token is invalid");

  if (!within_rate_limit (self, message))
    return;
  add_rate_limit_headers (self, message);

  if (g_str_equal (path, "/api/v1/accounts/verify_credentials"))
    return serve_account (self, message);
  if (g_str_equal (path, "/api/v2/instance"))
    return serve_instance (self, message);
  if (g_str_equal (path, "/api/v2/media") && g_str_equal (method, "POST"))
    return upload_media (self, message, request);
  if (g_str_has_prefix (path, "/api/v1/media/"))
    return poll_media (self, message, path + strlen ("/api/v1/media/"));
  if (g_str_equal (path, "/api/v1/statuses") && g_str_equal (method, "POST"))
    return create_status (self, message, request);
  if (g_str_equal (path, "/api/v1/scheduled_statuses"))
    return respond_page (self, message, request, self->scheduled, path);
  if (g_str_has_prefix (path, "/api/v1/scheduled_statuses/"))
    return handle_scheduled (self, message, request,
                             path + strlen ("/api/v1/scheduled_statuses/"));
  if (g_str_equal (path, account_statuses))
    return respond_page (self, message, request, self->statuses, path);
  if (g_str_equal (path, "/api/v1/notifications") && g_str_equal (method, "GET"))
    return list_notifications (self, message, request);

  if (g_str_has_prefix (path, "/api/v1/statuses/"))
    {
      guint index = 0;
      JsonNode *node = find_in (self->statuses, path + strlen ("/api/v1/statuses/"), &index);

      if (node == NULL)
        return respond_error (message, 404, "Record not found");

      if (g_str_equal (method, "DELETE"))
        {
          g_autoptr(JsonNode) removed = json_node_copy (node);

          g_ptr_array_remove_index (self->statuses, index);
          return hd_fake_respond_node (message, 200, removed);
        }

      return hd_fake_respond_node (message, 200, node);
    }

  respond_error (message, 404, "Record not found");
}

HdFakeMastodon *
hd_fake_mastodon_new (void)
{
  HdFakeMastodon *self = g_new0 (HdFakeMastodon, 1);

  self->server = hd_fake_server_new (handle, self);
  hd_fake_server_set_clock (self->server, &self->now);
  self->advertise_s256 = TRUE;
  self->max_characters = 500;
  self->account_id = g_strdup ("109372");
  self->followers_count = 120;
  self->statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->scheduled = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  self->idempotency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->created_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->created_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->media = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) media_free);
  self->notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  return self;
}

void
hd_fake_mastodon_free (HdFakeMastodon *self)
{
  if (self == NULL)
    return;

  hd_fake_server_free (self->server);
  g_free (self->account_id);
  g_free (self->access_token);
  g_free (self->client_id);
  g_free (self->client_secret);
  g_free (self->registered_redirect);
  g_free (self->code);
  g_free (self->code_challenge);
  g_free (self->code_redirect);
  g_clear_pointer (&self->authorize_query, g_hash_table_unref);
  g_ptr_array_unref (self->statuses);
  g_ptr_array_unref (self->scheduled);
  g_hash_table_unref (self->idempotency);
  g_hash_table_unref (self->created_texts);
  g_hash_table_unref (self->created_keys);
  g_hash_table_unref (self->media);
  g_ptr_array_unref (self->notifications);
  g_free (self);
}

const char *
hd_fake_mastodon_get_url (HdFakeMastodon *self)
{
  return hd_fake_server_get_url (self->server);
}

/* Changes made on the instance itself, not through Herald */

void
hd_fake_mastodon_edit_status (HdFakeMastodon *self,
                              const char     *id,
                              const char     *text)
{
  JsonObject *status = hd_fake_mastodon_find_status (self, id);
  g_autofree char *html = NULL;

  g_return_if_fail (status != NULL);

  html = render_html (text);
  json_object_set_string_member (status, "content", html);
}

void
hd_fake_mastodon_remove_status (HdFakeMastodon *self,
                                const char     *id)
{
  guint index = 0;

  if (find_in (self->statuses, id, &index) != NULL)
    g_ptr_array_remove_index (self->statuses, index);
  else if (find_in (self->scheduled, id, &index) != NULL)
    g_ptr_array_remove_index (self->scheduled, index);
}

const char *
hd_fake_mastodon_publish_scheduled (HdFakeMastodon *self,
                                    const char     *scheduled_id)
{
  guint index = 0;
  JsonNode *node = find_in (self->scheduled, scheduled_id, &index);
  JsonObject *params;
  JsonNode *status;

  g_return_val_if_fail (node != NULL, NULL);

  params = json_object_get_object_member (json_node_get_object (node), "params");
  status = new_status (self, json_object_get_string_member (params, "text"), NULL, NULL, NULL,
                       NULL);
  g_ptr_array_add (self->statuses, status);
  g_ptr_array_remove_index (self->scheduled, index);

  return json_object_get_string_member (json_node_get_object (status), "id");
}
