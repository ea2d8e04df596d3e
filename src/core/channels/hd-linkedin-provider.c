/* hd-linkedin-provider.c
 *
 * The Posts API as reference/channel-apis.md §5 describes it: every call carries the one
 * LinkedIn-Version and X-Restli-Protocol-Version 2.0.0, the commentary is written in the
 * "little text format", pictures go through initializeUpload and a PUT of the bytes, and the
 * new post's URN comes back in the x-restli-id header of an empty 201. The inbox is the
 * comments under Herald's posts, read and answered through the Comments API (see "The inbox
 * and replies" below); the counts of a post and a Page's followers are read as "Counts and
 * followers" says.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-channel-connect.h"
#include "hd-linkedin-connect.h"
#include "hd-linkedin-provider.h"
#include "hd-media-library.h"
#include "hd-oauth.h"
#include "hd-provider-private.h"
#include "hd-secrets.h"
#include "hd-text-counter.h"

#define PLATFORM "LinkedIn"
#define DAY (24 * 60 * 60)

static const char * const mime_types[] = { "image/jpeg", "image/png", "image/gif", NULL };

struct _HdLinkedInProvider
{
  GObject         parent_instance;

  HdHttp         *http;
  HdStore        *store;
  HdChannel      *channel;

  HdProviderCaps  caps;
  char           *token_endpoint;
  char           *access_token;
};

static void provider_iface_init (HdProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdLinkedInProvider, hd_linkedin_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_PROVIDER, provider_iface_init))

typedef void (*TokenReady) (GTask *task);

typedef struct
{
  HdProviderPost *post;
  SoupMessage    *message;
  TokenReady      next;

  GPtrArray      *image_urns;
  guint           media_index;
  char           *upload_url;
  char           *image_urn;
  GBytes         *bytes;

  char           *remote_id;
  char           *thread_urn;
  char           *text;

  /* the inbox: Herald's posts still to read, the post or comment being listed, what was
   * found, and remote id → whether this listing showed it */
  gint64          since;
  HdProviderInbox *inbox;
  GPtrArray      *object_urns;
  guint           object_index;
  char           *local_post_id;
  GHashTable     *known;
  GPtrArray      *threads;
  guint           thread_index;
  char           *listed_urn;
  guint           start;
  guint           pages;
  gboolean        complete;

  /* the counts: every metric asked for, "not available" until read */
  GPtrArray      *metrics;

  char           *client_id;
  char           *client_secret;
  char           *refresh_token;
} Op;

static void
wipe (char **secret)
{
  if (*secret != NULL)
    hd_secrets_free (g_steal_pointer (secret));
}

static void
op_free (Op *op)
{
  g_clear_pointer (&op->post, hd_provider_post_unref);
  g_clear_object (&op->message);
  g_clear_pointer (&op->image_urns, g_ptr_array_unref);
  g_free (op->upload_url);
  g_free (op->image_urn);
  g_clear_pointer (&op->bytes, g_bytes_unref);
  g_free (op->remote_id);
  g_free (op->thread_urn);
  g_free (op->text);
  g_clear_pointer (&op->inbox, hd_provider_inbox_free);
  g_clear_pointer (&op->object_urns, g_ptr_array_unref);
  g_free (op->local_post_id);
  g_clear_pointer (&op->known, g_hash_table_unref);
  g_clear_pointer (&op->threads, g_ptr_array_unref);
  g_free (op->listed_urn);
  g_clear_pointer (&op->metrics, g_ptr_array_unref);
  wipe (&op->client_id);
  wipe (&op->client_secret);
  wipe (&op->refresh_token);
  g_free (op);
}

static GTask *
op_task_new (HdLinkedInProvider  *self,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             Op                 **op_out)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  *op_out = op;

  return task;
}

static void
hd_linkedin_provider_dispose (GObject *object)
{
  HdLinkedInProvider *self = (HdLinkedInProvider *)object;

  g_clear_object (&self->http);
  g_clear_object (&self->store);
  g_clear_object (&self->channel);

  G_OBJECT_CLASS (hd_linkedin_provider_parent_class)->dispose (object);
}

static void
hd_linkedin_provider_finalize (GObject *object)
{
  HdLinkedInProvider *self = (HdLinkedInProvider *)object;

  g_free (self->token_endpoint);
  wipe (&self->access_token);

  G_OBJECT_CLASS (hd_linkedin_provider_parent_class)->finalize (object);
}

static void
hd_linkedin_provider_class_init (HdLinkedInProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_linkedin_provider_dispose;
  object_class->finalize = hd_linkedin_provider_finalize;
}

static void
hd_linkedin_provider_init (HdLinkedInProvider *self)
{
  /* The count and size agree with hd_media_check_for_channel(), which validate uses. */
  self->caps.text_counting = HD_CHANNEL_KIND_LINKEDIN;
  self->caps.text_limit = hd_text_channel_default_limit (HD_CHANNEL_KIND_LINKEDIN);
  _hd_provider_caps_take_media_limits (&self->caps, HD_CHANNEL_KIND_LINKEDIN);
  self->caps.max_alt_text = 0;
  self->caps.mime_types = mime_types;
  /* The Posts API documents no scheduling field and no idempotency key. */
  self->caps.schedule_min_ahead = HD_PROVIDER_NO_SCHEDULING;
  self->caps.schedule_max_ahead = 0;
  self->caps.idempotency = HD_PROVIDER_IDEMPOTENCY_NONE;
  self->caps.can_edit = FALSE;
  self->caps.can_delete = TRUE;
}

static char *
base_url_of (HdChannel *channel)
{
  const char *base = hd_channel_get_base_url (channel);
  gsize length;

  if (base == NULL)
    base = HD_LINKEDIN_API_BASE;
  length = strlen (base);
  while (length > 0 && base[length - 1] == '/')
    length--;

  return g_strndup (base, length);
}

/**
 * hd_linkedin_provider_new:
 * @channel: a LinkedIn channel whose remote account id is the author URN
 *
 * Returns: (transfer full): a provider posting as the channel's member or organization
 */
HdLinkedInProvider *
hd_linkedin_provider_new (HdHttp    *http,
                          HdStore   *store,
                          HdChannel *channel)
{
  HdLinkedInProvider *self;
  g_autofree char *base = NULL;

  g_return_val_if_fail (HD_IS_HTTP (http), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);
  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);

  self = g_object_new (HD_TYPE_LINKEDIN_PROVIDER, NULL);
  self->http = g_object_ref (http);
  self->store = store != NULL ? g_object_ref (store) : NULL;
  self->channel = g_object_ref (channel);

  /* The token endpoint is on www.linkedin.com, not on the API host; a test server that
   * stands in for the API serves both. */
  base = base_url_of (channel);
  if (g_str_equal (base, HD_LINKEDIN_API_BASE))
    self->token_endpoint = g_strdup (HD_LINKEDIN_TOKEN_ENDPOINT);
  else
    self->token_endpoint = g_strconcat (base, "/oauth/v2/accessToken", NULL);

  return self;
}

void
hd_linkedin_provider_set_token_endpoint (HdLinkedInProvider *self,
                                         const char         *uri)
{
  g_return_if_fail (HD_IS_LINKEDIN_PROVIDER (self));
  g_return_if_fail (uri != NULL);

  g_free (self->token_endpoint);
  self->token_endpoint = g_strdup (uri);
}

/* The little text format */

static gboolean
is_reserved (gunichar c)
{
  return c < 0x80 && c != 0 && strchr ("\\|{}@[]()<>#*_~", (char) c) != NULL;
}

static gboolean
is_tag_char (gunichar c)
{
  return c == '_' || g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static void
append_escaped (GString    *out,
                const char *text,
                const char *end)
{
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_reserved (c))
        g_string_append_c (out, '\\');
      g_string_append_unichar (out, c);
    }
}

/**
 * hd_linkedin_escape_commentary:
 * @text: the post as the user wrote it
 *
 * Writes @text in LinkedIn's "little text format": each of \ | { } @ [ ] ( ) < > # * _ ~ is
 * backslash-escaped, because LinkedIn silently cuts a post at the first unescaped one, and a
 * hashtag becomes a {hashtag|\#|tag} template so it still links.
 *
 * Returns: (transfer full): the commentary to send
 */
char *
hd_linkedin_escape_commentary (const char *text)
{
  GString *out;
  gunichar previous = 0;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 16);
  p = text;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (c == '#' && !is_tag_char (previous) && previous != '#' && *next != '\0'
          && is_tag_char (g_utf8_get_char (next)))
        {
          const char *tag_end = next;

          while (*tag_end != '\0' && is_tag_char (g_utf8_get_char (tag_end)))
            tag_end = g_utf8_next_char (tag_end);

          g_string_append (out, "{hashtag|\\#|");
          append_escaped (out, next, tag_end);
          g_string_append_c (out, '}');
          previous = g_utf8_get_char (g_utf8_prev_char (tag_end));
          p = tag_end;
          continue;
        }

      if (is_reserved (c))
        g_string_append_c (out, '\\');
      g_string_append_unichar (out, c);
      previous = c;
      p = next;
    }

  return g_string_free (out, FALSE);
}

/**
 * hd_linkedin_next_utc_midnight:
 *
 * Returns: the next midnight UTC after @now, when LinkedIn's daily limits start again
 */
gint64
hd_linkedin_next_utc_midnight (gint64 now)
{
  return (now / DAY + 1) * DAY;
}

/* Parsers */

char *
_hd_linkedin_parse_userinfo (JsonNode  *node,
                             char     **name,
                             char     **picture)
{
  JsonObject *object = _hd_json_root_object (node);
  const char *sub = _hd_json_string (object, "sub");
  const char *full_name = _hd_json_string (object, "name");
  const char *avatar = _hd_json_string (object, "picture");

  if (sub == NULL || *sub == '\0' || strchr (sub, ':') != NULL)
    return NULL;

  if (name != NULL)
    {
      const char *given = _hd_json_string (object, "given_name");
      const char *family = _hd_json_string (object, "family_name");

      if (full_name != NULL)
        *name = g_strdup (full_name);
      else if (given != NULL || family != NULL)
        *name = g_strstrip (g_strjoin (" ", given != NULL ? given : "",
                                       family != NULL ? family : "", NULL));
      else
        *name = NULL;
    }

  if (picture != NULL)
    *picture = avatar != NULL && g_str_has_prefix (avatar, "https://") ? g_strdup (avatar)
                                                                       : NULL;

  return g_strdup (sub);
}

gboolean
_hd_linkedin_parse_upload (JsonNode  *node,
                           char     **upload_url,
                           char     **image_urn)
{
  JsonObject *value = _hd_json_object (_hd_json_root_object (node), "value");
  const char *url = _hd_json_string (value, "uploadUrl");
  const char *image = _hd_json_string (value, "image");

  if (url == NULL || image == NULL || !g_str_has_prefix (image, "urn:li:image:")
      || !(g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")))
    return FALSE;

  *upload_url = g_strdup (url);
  *image_urn = g_strdup (image);
  return TRUE;
}

/**
 * _hd_linkedin_parse_organization_acls:
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the organization URNs of an
 *   organizationAcls answer whose role assignment is approved
 */
GPtrArray *
_hd_linkedin_parse_organization_acls (JsonNode *node)
{
  JsonObject *object = _hd_json_root_object (node);
  JsonNode *elements = object != NULL ? json_object_get_member (object, "elements") : NULL;
  GPtrArray *urns;

  if (elements == NULL || !JSON_NODE_HOLDS_ARRAY (elements))
    return NULL;

  urns = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (elements)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (elements), i);
      JsonObject *acl = _hd_json_root_object (element);
      const char *organization = _hd_json_string (acl, "organization");
      const char *state = _hd_json_string (acl, "state");

      if (organization == NULL || !g_str_has_prefix (organization, "urn:li:organization:")
          || organization[strlen ("urn:li:organization:")] == '\0'
          || (state != NULL && !g_str_equal (state, "APPROVED")))
        continue;

      if (!g_ptr_array_find_with_equal_func (urns, organization, g_str_equal, NULL))
        g_ptr_array_add (urns, g_strdup (organization));
    }

  return urns;
}

gboolean
_hd_linkedin_parse_organization (JsonNode  *node,
                                 char     **name,
                                 char     **vanity_name)
{
  JsonObject *object = _hd_json_root_object (node);
  const char *localized = _hd_json_string (object, "localizedName");

  if (localized == NULL || *localized == '\0')
    return FALSE;

  *name = g_strdup (localized);
  *vanity_name = g_strdup (_hd_json_string (object, "vanityName"));
  return TRUE;
}

static char *
post_url (const char *urn)
{
  return g_strconcat ("https://www.linkedin.com/feed/update/", urn, "/", NULL);
}

HdProviderResult *
_hd_linkedin_parse_post (JsonNode   *node,
                         const char *urn)
{
  JsonObject *object = _hd_json_root_object (node);
  const char *id = _hd_json_string (object, "id");
  HdProviderResult *result;
  gint64 published;

  if (object == NULL)
    return NULL;
  if (id == NULL)
    id = urn;
  if (id == NULL || !g_str_has_prefix (id, "urn:li:"))
    return NULL;

  result = hd_provider_result_new ();
  result->remote_id = g_strdup (id);
  result->remote_url = post_url (id);
  result->text = g_strdup (_hd_json_string (object, "commentary"));
  /* LinkedIn gives instants in milliseconds. */
  published = _hd_json_int (object, "publishedAt", 0);
  if (published <= 0)
    published = _hd_json_int (object, "createdAt", 0);
  result->published_at = published > 0 ? published / 1000 : 0;

  return result;
}

/* Requests */

static gint64
now_seconds (HdLinkedInProvider *self)
{
  return hd_rate_limiter_now (hd_http_get_rate_limiter (self->http));
}

static void
set_rest_headers (SoupMessage *message,
                  const char  *access_token)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);
  g_autofree char *authorization = g_strconcat ("Bearer ", access_token, NULL);

  soup_message_headers_replace (headers, "Authorization", authorization);
  soup_message_headers_replace (headers, "LinkedIn-Version", HD_LINKEDIN_VERSION);
  soup_message_headers_replace (headers, "X-Restli-Protocol-Version",
                                HD_LINKEDIN_RESTLI_PROTOCOL_VERSION);
}

static SoupMessage *
api_message (HdLinkedInProvider *self,
             const char         *method,
             const char         *path)
{
  g_autofree char *base = base_url_of (self->channel);
  g_autofree char *uri = g_strconcat (base, path, NULL);
  SoupMessage *message = soup_message_new (method, uri);

  if (message != NULL)
    set_rest_headers (message, self->access_token);
  return message;
}

static void
set_json_body (SoupMessage *message,
               JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *json = json_to_string (root, FALSE);
  gsize length = strlen (json);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&json), length);

  soup_message_set_request_body_from_bytes (message, "application/json", bytes);
}

static void
send_message (GTask               *task,
              SoupMessage         *message,
              GAsyncReadyCallback  callback)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  g_set_object (&op->message, message);
  hd_http_send_json_async (self->http, message, hd_channel_get_id (self->channel),
                           g_task_get_cancellable (task), callback, task);
}

/* LinkedIn's limits are daily and start again at midnight UTC; it sends no header saying
 * so, so the limiter is told the same through a Retry-After of its own. */
static GError *
daily_limit_error (HdLinkedInProvider *self)
{
  HdRateLimiter *limiter = hd_http_get_rate_limiter (self->http);
  gint64 now = now_seconds (self);
  guint wait = (guint) (hd_linkedin_next_utc_midnight (now) - now);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autofree char *seconds = g_strdup_printf ("%u", wait);
  g_autofree char *described = hd_http_describe_wait (wait);
  g_autofree char *text = NULL;

  soup_message_headers_replace (headers, "Retry-After", seconds);
  hd_rate_limiter_update (limiter, hd_channel_get_id (self->channel),
                          HD_HTTP_STATUS_TOO_MANY_REQUESTS, headers);

  text = g_strdup_printf (_("LinkedIn’s daily limit for this account is reached; it starts "
                            "again at midnight UTC. Herald will try again in %s."), described);
  return hd_provider_error_new_rate_limited (wait, text);
}

static gboolean
is_duplicate (JsonNode *body)
{
  const char *message = _hd_json_string (_hd_json_root_object (body), "message");

  return message != NULL && strstr (message, "uplicate") != NULL;
}

/* Finishes the request of @task; on failure returns NULL with @error set, and parks the
 * channel when the sign-in is gone. */
static JsonNode *
finish_message_or_error (GTask         *task,
                         GAsyncResult  *result,
                         GError       **error)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(GError) http_error = NULL;
  JsonNode *node;
  guint status;

  node = hd_http_send_json_finish (self->http, result, &error_body, &http_error);
  if (node != NULL)
    return node;

  status = soup_message_get_status (op->message);
  if (status == HD_HTTP_STATUS_TOO_MANY_REQUESTS)
    {
      *error = daily_limit_error (self);
    }
  else if (status == SOUP_STATUS_UNPROCESSABLE_ENTITY && is_duplicate (error_body))
    {
      /* LinkedIn refuses the same commentary twice in a row with 422 "Content is a
       * duplicate of urn:li:share:…" (seen on the wire, not in the Posts API page). */
      *error = g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                            _("LinkedIn already has a post with this text: %s"),
                            _hd_json_string (_hd_json_root_object (error_body), "message"));
    }
  else
    {
      guint wait = hd_rate_limiter_get_wait (hd_http_get_rate_limiter (self->http),
                                             hd_channel_get_id (self->channel));

      *error = hd_provider_error_from_http (http_error, status, error_body, wait, PLATFORM);
    }

  _hd_provider_note_failure (self->store, self->channel, *error);
  return NULL;
}

/* Finishes the request of @task; on failure returns NULL and hands the error to the task. */
static JsonNode *
finish_message (GTask        *task,
                GAsyncResult *result)
{
  GError *error = NULL;
  JsonNode *node = finish_message_or_error (task, result, &error);

  if (node == NULL)
    g_task_return_error (task, error);
  return node;
}

static void
return_invalid_answer (GTask *task)
{
  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                           _("LinkedIn sent an answer Herald could not use. Herald will try "
                             "again later."));
}

/* A GET of @path, answered to @callback; an address that does not parse ends @task as an
 * answer Herald cannot use. Takes the reference on @task. */
static void
send_get (GTask               *task,
          const char          *path,
          GAsyncReadyCallback  callback)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  g_autoptr(SoupMessage) message = api_message (self, "GET", path);

  if (message == NULL)
    {
      return_invalid_answer (task);
      g_object_unref (task);
      return;
    }

  send_message (task, message, callback);
}

static void
return_no_sign_in (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  g_autoptr(GError) auth = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                                                _("Herald has no sign-in for this LinkedIn "
                                                  "account. Reconnect the channel to go on "
                                                  "posting."));

  _hd_provider_note_failure (self->store, self->channel, auth);
  g_task_return_error (task, g_steal_pointer (&auth));
}

/* Credentials: 60-day access tokens; a refresh token only for LinkedIn's programmatic
 * refresh partners, used in the last week before the access token runs out. */

static void lookup_next_secret (GTask *task);

static void
refreshed_stored_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!hd_channel_save_connected_finish (result, &error))
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      return;
    }

  op->next (g_steal_pointer (&task));
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdLinkedInProvider *self = g_task_get_source_object (task);
  g_autoptr(HdOAuthTokens) tokens = NULL;
  g_autoptr(GError) error = NULL;
  HdChannelSecret secrets[2];
  guint n_secrets = 0;

  tokens = hd_oauth_client_refresh_finish (HD_OAUTH_CLIENT (object), result, &error);
  if (tokens == NULL)
    {
      g_autoptr(GError) mapped = NULL;

      /* Whatever the token endpoint objects to, only signing in again gets a new token. */
      if (error->domain == HD_OAUTH_ERROR)
        mapped = g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                              _("%s no longer accepts Herald’s sign-in (“%s”). Reconnect the "
                                "channel to go on posting."), PLATFORM, error->message);
      else
        mapped = hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM);

      _hd_provider_note_failure (self->store, self->channel, mapped);
      g_task_return_error (task, g_steal_pointer (&mapped));
      return;
    }

  wipe (&self->access_token);
  self->access_token = g_strdup (tokens->access_token);
  if (tokens->expires_at > 0)
    hd_channel_set_token_expires_at (self->channel, tokens->expires_at);

  secrets[n_secrets++] = (HdChannelSecret) { HD_SECRET_KIND_ACCESS_TOKEN, tokens->access_token };
  if (tokens->refresh_token != NULL)
    secrets[n_secrets++] = (HdChannelSecret) { HD_SECRET_KIND_REFRESH_TOKEN,
                                               tokens->refresh_token };

  if (self->store == NULL)
    {
      Op *op = g_task_get_task_data (task);

      op->next (g_steal_pointer (&task));
      return;
    }

  hd_channel_save_connected_async (self->store, self->channel, secrets, n_secrets,
                                   g_task_get_cancellable (task), refreshed_stored_cb,
                                   g_object_ref (task));
}

static gint64
limiter_clock (gpointer user_data)
{
  return hd_rate_limiter_now (user_data);
}

static void
refresh_now (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(HdOAuthClient) oauth = hd_oauth_client_new (self->http);

  hd_oauth_client_set_client_id (oauth, op->client_id);
  if (op->client_secret != NULL)
    hd_oauth_client_set_client_secret (oauth, op->client_secret);
  hd_oauth_client_set_client_auth (oauth, op->client_secret != NULL
                                          ? HD_OAUTH_CLIENT_AUTH_POST
                                          : HD_OAUTH_CLIENT_AUTH_NONE);
  hd_oauth_client_set_token_endpoint (oauth, self->token_endpoint);
  hd_oauth_client_set_clock (oauth, limiter_clock, hd_http_get_rate_limiter (self->http));
  hd_oauth_client_refresh_async (oauth, op->refresh_token, g_task_get_cancellable (task),
                                 refresh_cb, task);
}

static gboolean
token_expired (HdLinkedInProvider *self)
{
  gint64 expires_at = hd_channel_get_token_expires_at (self->channel);

  return expires_at > 0 && expires_at <= now_seconds (self);
}

static void
credentials_ready (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (op->refresh_token != NULL && op->client_id != NULL)
    {
      refresh_now (task);
      return;
    }

  if (self->access_token == NULL || token_expired (self))
    {
      wipe (&self->access_token);
      return_no_sign_in (task);
      g_object_unref (task);
      return;
    }

  op->next (task);
}

static const HdSecretKind secret_order[] = {
  HD_SECRET_KIND_REFRESH_TOKEN, HD_SECRET_KIND_CLIENT_ID, HD_SECRET_KIND_CLIENT_SECRET,
};

static void
secret_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *secret;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "secret-index"));

  secret = hd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      return;
    }

  switch (secret_order[index])
    {
    case HD_SECRET_KIND_REFRESH_TOKEN:
      op->refresh_token = secret;
      break;
    case HD_SECRET_KIND_CLIENT_ID:
      op->client_id = secret;
      break;
    case HD_SECRET_KIND_CLIENT_SECRET:
      op->client_secret = secret;
      break;
    case HD_SECRET_KIND_ACCESS_TOKEN:
    case HD_SECRET_KIND_APP_PASSWORD:
    default:
      g_assert_not_reached ();
    }

  /* Without a refresh token there is nothing to refresh with. */
  if (op->refresh_token == NULL)
    {
      credentials_ready (g_steal_pointer (&task));
      return;
    }

  g_object_set_data (G_OBJECT (task), "secret-index", GUINT_TO_POINTER (index + 1));
  lookup_next_secret (g_steal_pointer (&task));
}

static void
lookup_next_secret (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "secret-index"));

  if (index >= G_N_ELEMENTS (secret_order))
    {
      credentials_ready (task);
      return;
    }

  hd_secrets_lookup_async (hd_channel_get_id (self->channel), secret_order[index],
                           g_task_get_cancellable (task), secret_cb, task);
}

static gboolean
expiring_soon (HdLinkedInProvider *self)
{
  gint64 expires_at = hd_channel_get_token_expires_at (self->channel);

  return expires_at > 0 && expires_at - now_seconds (self) < HD_CHANNEL_EXPIRING_SOON;
}

static void
token_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdLinkedInProvider *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = hd_secrets_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, hd_provider_error_from_http (error, 0, NULL, 0, PLATFORM));
      return;
    }

  wipe (&self->access_token);
  self->access_token = token;

  if (self->access_token != NULL && !expiring_soon (self))
    {
      credentials_ready (g_steal_pointer (&task));
      return;
    }

  lookup_next_secret (g_steal_pointer (&task));
}

static void
with_token (GTask      *task,
            TokenReady  next)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  op->next = next;
  if (self->access_token != NULL && !expiring_soon (self))
    {
      next (task);
      return;
    }

  if (self->access_token != NULL)
    {
      lookup_next_secret (task);
      return;
    }

  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_SECRET_KIND_ACCESS_TOKEN,
                           g_task_get_cancellable (task), token_cb, task);
}

/* Pictures: initializeUpload with the author as owner, then the bytes */

static void upload_next_image (GTask *task);
static void send_post (GTask *task);

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  g_ptr_array_add (op->image_urns, g_steal_pointer (&op->image_urn));
  g_clear_pointer (&op->upload_url, g_free);
  g_clear_pointer (&op->bytes, g_bytes_unref);
  op->media_index++;
  upload_next_image (g_steal_pointer (&task));
}

static void
initialize_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(SoupMessage) message = NULL;
  HdMedia *media;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  g_clear_pointer (&op->upload_url, g_free);
  g_clear_pointer (&op->image_urn, g_free);
  if (!_hd_linkedin_parse_upload (node, &op->upload_url, &op->image_urn)
      || (message = soup_message_new ("PUT", op->upload_url)) == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  media = g_ptr_array_index (op->post->media, op->media_index);
  {
    g_autofree char *authorization = g_strconcat ("Bearer ", self->access_token, NULL);

    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  authorization);
  }
  soup_message_set_request_body_from_bytes (message, hd_media_get_mime_type (media),
                                            op->bytes);
  send_message (g_steal_pointer (&task), message, put_cb);
}

static void
upload_next_image (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  HdMedia *media;

  if (op->media_index >= op->post->media->len)
    {
      send_post (task);
      return;
    }

  media = g_ptr_array_index (op->post->media, op->media_index);
  path = self->store != NULL ? hd_store_get_media_file_path (self->store, media)
                             : g_strdup (hd_media_get_path (media));
  g_clear_pointer (&op->bytes, g_bytes_unref);
  if (path == NULL || !_hd_read_file (path, &op->bytes, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                                     _("Herald could not find a picture of this post in its "
                                       "data folder. Add the picture to the post again."));
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "initializeUploadRequest");
  json_builder_begin_object (builder);
  /* The owner has to be the post's author, or the post fails with
   * INVALID_CONTENT_OWNERSHIP. */
  json_builder_set_member_name (builder, "owner");
  json_builder_add_string_value (builder, hd_channel_get_remote_account_id (self->channel));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  message = api_message (self, "POST", "/rest/images?action=initializeUpload");
  set_json_body (message, builder);
  send_message (task, message, initialize_cb);
}

/* Posts */

/* What the outbox row keeps of a post's way to LinkedIn, which has no idempotency key: that
 * POST /rest/posts may have reached it, or that LinkedIn plainly refused it. A row without
 * either never sent it, so it may go again without a look. */
#define POST_SENT_MARK "linkedin:post-sent"
#define POST_REFUSED_MARK "linkedin:post-refused"

static void
mark_post (HdProviderPost *post,
           const char     *mark)
{
  if (post->record_key_made != NULL)
    post->record_key_made (mark, post->record_key_made_data);
  g_free (post->record_key);
  post->record_key = g_strdup (mark);
}

/* Whether an earlier attempt may have published @post. */
static gboolean
may_have_gone (HdProviderPost *post)
{
  return post->retry && g_strcmp0 (post->record_key, POST_SENT_MARK) == 0;
}

static void
post_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  HdProviderResult *answer;
  guint status = soup_message_get_status (op->message);
  const char *urn;

  /* Refused outright: nothing went out, and the post may go again as it is. */
  if (status >= 400 && status < 500)
    mark_post (op->post, POST_REFUSED_MARK);

  node = finish_message (task, result);
  if (node == NULL)
    return;

  urn = soup_message_headers_get_one (soup_message_get_response_headers (op->message),
                                      "x-restli-id");
  if (urn == NULL || !g_str_has_prefix (urn, "urn:li:"))
    {
      return_invalid_answer (task);
      return;
    }

  answer = hd_provider_result_new ();
  answer->remote_id = g_strdup (urn);
  answer->remote_url = post_url (urn);
  answer->text = g_strdup (hd_provider_post_get_text (op->post));

  g_task_return_pointer (task, answer, (GDestroyNotify) hd_provider_result_free);
}

static void
add_image (JsonBuilder *builder,
           const char  *urn,
           HdMedia     *media)
{
  const char *alt = hd_media_get_alt_text (media);

  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, urn);
  if (alt != NULL && *alt != '\0')
    {
      json_builder_set_member_name (builder, "altText");
      json_builder_add_string_value (builder, alt);
    }
}

static void
send_post (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SoupMessage) message = NULL;
  const char *text = hd_provider_post_get_text (op->post);
  g_autofree char *commentary = hd_linkedin_escape_commentary (text);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "author");
  json_builder_add_string_value (builder, hd_channel_get_remote_account_id (self->channel));
  json_builder_set_member_name (builder, "commentary");
  json_builder_add_string_value (builder, commentary);
  json_builder_set_member_name (builder, "visibility");
  json_builder_add_string_value (builder, "PUBLIC");
  json_builder_set_member_name (builder, "distribution");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "feedDistribution");
  json_builder_add_string_value (builder, "MAIN_FEED");
  json_builder_set_member_name (builder, "targetEntities");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "thirdPartyDistributionChannels");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (op->image_urns->len == 1)
    {
      json_builder_set_member_name (builder, "content");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "media");
      json_builder_begin_object (builder);
      add_image (builder, g_ptr_array_index (op->image_urns, 0),
                 g_ptr_array_index (op->post->media, 0));
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  else if (op->image_urns->len > 1)
    {
      /* Several pictures go in content.multiImage.images (LinkedIn's MultiImage API page;
       * the digest only names the 2–20 range, from third-party code). */
      json_builder_set_member_name (builder, "content");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "multiImage");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "images");
      json_builder_begin_array (builder);
      for (guint i = 0; i < op->image_urns->len; i++)
        {
          json_builder_begin_object (builder);
          add_image (builder, g_ptr_array_index (op->image_urns, i),
                     g_ptr_array_index (op->post->media, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "lifecycleState");
  json_builder_add_string_value (builder, "PUBLISHED");
  json_builder_set_member_name (builder, "isReshareDisabledByAuthor");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);

  message = api_message (self, "POST", "/rest/posts");
  set_json_body (message, builder);
  /* Kept before it leaves: should the answer be lost, a restart knows to look. */
  mark_post (op->post, POST_SENT_MARK);
  send_message (task, message, post_cb);
}

static void
publish_with_token (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  /* Without an idempotency key or a way to list the member's posts (r_member_social is
   * restricted), a lost answer cannot be checked: sending again could post twice. */
  if (may_have_gone (op->post))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                               _("LinkedIn cannot tell Herald whether this post went out "
                                 "before the connection broke. Look at the feed of “%s” and "
                                 "publish it again only if it is not there."),
                               hd_channel_get_display_name (self->channel));
      g_object_unref (task);
      return;
    }

  op->image_urns = g_ptr_array_new_with_free_func (g_free);
  op->media_index = 0;
  upload_next_image (task);
}

static gboolean
linkedin_validate (HdProvider     *provider,
                   HdProviderPost *post,
                   gint64          now,
                   GPtrArray      *problems)
{
  HdLinkedInProvider *self = HD_LINKEDIN_PROVIDER (provider);
  g_autoptr(HdTextCount) count = NULL;
  g_autoptr(GPtrArray) media_problems = g_ptr_array_new_with_free_func (g_free);
  const char *text = hd_provider_post_get_text (post);
  guint n_media = post->media != NULL ? post->media->len : 0;
  gboolean ok = TRUE;

  count = hd_text_count_new (self->caps.text_counting, text, self->caps.text_limit);
  if (count->over)
    {
      _hd_provider_add_problem (problems, "%s", count->problem);
      ok = FALSE;
    }

  if (*text == '\0' && n_media == 0)
    {
      _hd_provider_add_problem (problems, _("The post for %s has neither text nor a picture."),
                                PLATFORM);
      ok = FALSE;
    }

  if (!hd_media_check_for_channel (HD_CHANNEL_KIND_LINKEDIN,
                                   n_media > 0 ? (HdMedia * const *) post->media->pdata : NULL,
                                   n_media, media_problems))
    {
      for (guint i = 0; i < media_problems->len; i++)
        _hd_provider_add_problem (problems, "%s",
                                  (const char *) g_ptr_array_index (media_problems, i));
      ok = FALSE;
    }

  for (guint i = 0; i < n_media; i++)
    {
      const char *mime_type = hd_media_get_mime_type (g_ptr_array_index (post->media, i));

      if (mime_type != NULL && g_str_has_prefix (mime_type, "image/")
          && !g_strv_contains (mime_types, mime_type))
        {
          _hd_provider_add_problem (problems, _("%s does not take pictures of type %s (picture "
                                                "%u)."), PLATFORM, mime_type, i + 1);
          ok = FALSE;
        }
    }

  return ok;
}

static gboolean
check_post (HdLinkedInProvider *self,
            HdProviderPost     *post,
            GTask              *task)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  if (hd_provider_validate (HD_PROVIDER (self), post, now_seconds (self), problems))
    return TRUE;

  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID, "%s",
                           (const char *) g_ptr_array_index (problems, 0));
  return FALSE;
}

static void
linkedin_publish_async (HdProvider          *provider,
                        HdProviderPost      *post,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  HdLinkedInProvider *self = HD_LINKEDIN_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, linkedin_publish_async, cancellable, callback, user_data, &op);
  op->post = hd_provider_post_ref (post);

  if (hd_channel_get_remote_account_id (self->channel) == NULL)
    {
      return_no_sign_in (task);
      return;
    }

  if (!check_post (self, post, task))
    return;

  with_token (g_steal_pointer (&task), publish_with_token);
}

static HdProviderResult *
linkedin_result_finish (HdProvider    *provider,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
linkedin_boolean_finish (HdProvider    *provider,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Deleting and looking up */

static char *
post_path (const char *urn)
{
  g_autofree char *escaped = g_uri_escape_string (urn, NULL, FALSE);

  return g_strconcat ("/rest/posts/", escaped, NULL);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  g_task_return_boolean (task, TRUE);
}

static void
delete_with_token (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = post_path (op->remote_id);
  g_autoptr(SoupMessage) message = api_message (self, "DELETE", path);

  send_message (task, message, delete_cb);
}

static void
linkedin_delete_async (HdProvider            *provider,
                       const char            *remote_id,
                       HdProviderDeleteFlags  flags,
                       GCancellable          *cancellable,
                       GAsyncReadyCallback    callback,
                       gpointer               user_data)
{
  HdLinkedInProvider *self = HD_LINKEDIN_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, linkedin_delete_async, cancellable, callback, user_data,
                             &op);

  op->remote_id = g_strdup (remote_id);
  with_token (task, delete_with_token);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  HdProviderResult *found;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  found = _hd_linkedin_parse_post (node, op->remote_id);
  if (found == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  g_task_return_pointer (task, found, (GDestroyNotify) hd_provider_result_free);
}

static void
lookup_with_token (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = post_path (op->remote_id);

  send_get (task, path, lookup_cb);
}

static void
linkedin_lookup_async (HdProvider          *provider,
                       HdProviderPost      *post,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  HdLinkedInProvider *self = HD_LINKEDIN_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  const char *remote_id = post->variant != NULL ? hd_variant_get_remote_id (post->variant)
                                                : NULL;
  Op *op;

  task = op_task_new (self, linkedin_lookup_async, cancellable, callback, user_data, &op);
  op->post = hd_provider_post_ref (post);

  if (remote_id == NULL && g_strcmp0 (post->record_key, POST_SENT_MARK) != 0)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                               _("The post never reached LinkedIn."));
      return;
    }

  if (remote_id == NULL)
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                               _("LinkedIn cannot tell Herald whether this post went out "
                                 "before the connection broke. Look at the feed of “%s” and "
                                 "publish it again only if it is not there."),
                               hd_channel_get_display_name (self->channel));
      return;
    }

  op->remote_id = g_strdup (remote_id);
  with_token (g_steal_pointer (&task), lookup_with_token);
}

static void
refreshed (GTask *task)
{
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
linkedin_refresh_credentials_async (HdProvider          *provider,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  HdLinkedInProvider *self = HD_LINKEDIN_PROVIDER (provider);
  Op *op;
  GTask *task = op_task_new (self, linkedin_refresh_credentials_async, cancellable, callback,
                             user_data, &op);

  op->next = refreshed;
  wipe (&self->access_token);
  hd_secrets_lookup_async (hd_channel_get_id (self->channel), HD_SECRET_KIND_ACCESS_TOKEN,
                           cancellable, token_cb, task);
}

/* The inbox and replies: the Comments API.
 *
 * What Herald relies on, from learn.microsoft.com/en-us/linkedin/marketing/
 * community-management/shares/comments-api, with LinkedIn's own client libraries
 * (github.com/linkedin-developers/linkedin-api-python-client) and independent clients
 * agreeing where the page's samples do not reach:
 *  - GET /rest/socialActions/{post or comment URN, escaped}/comments?start=&count= lists the
 *    comments on a post, or the answers to one comment, with the same LinkedIn-Version and
 *    X-Restli-Protocol-Version headers as the Posts API; the answer is {paging: {start, count,
 *    total, links}, elements: [...]}.
 *  - An element has "$URN" (also "commentUrn") urn:li:comment:(<thread URN>,<id>), "id",
 *    "actor", "object" (the thread), message.text, created.time in milliseconds,
 *    "parentComment" on an answer, and commentsSummary counting the answers under it.
 *  - POST to the same path creates a comment: {actor, object, message: {text},
 *    parentComment?}, answered 201; the new comment comes back in the body ("$URN",
 *    "commentUrn", or "id" with "object") and its id in the x-restli-id header.
 *  - Errors are LinkedIn's usual {status, serviceErrorCode, code, message}; a missing
 *    permission is 403 ACCESS_DENIED. Reading needs r_organization_social for a Page
 *    (r_member_social for a member, which LinkedIn grants to select developers only);
 *    answering needs w_organization_social or w_member_social.
 * The counts of a post and a Page's followers are read as "Counts and followers" below
 * says. */

/* How many of Herald's latest posts are read for comments in one round, and how far. */
#define INBOX_POSTS 25
#define INBOX_PAGE_SIZE 50
#define INBOX_MAX_PAGES 20
#define COMMENT_URN_PREFIX "urn:li:comment:("

/* URNs go into request paths: only the characters LinkedIn's URNs are made of pass. */
static gboolean
is_urn_made_of (const char *urn,
                const char *prefix,
                const char *extra)
{
  gsize length;

  if (urn == NULL || !g_str_has_prefix (urn, prefix))
    return FALSE;
  length = strlen (urn);
  if (length == strlen (prefix) || length > 256)
    return FALSE;

  for (const char *p = urn; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr (":_-", *p) == NULL
          && (extra == NULL || strchr (extra, *p) == NULL))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_post_urn (const char *urn)
{
  return is_urn_made_of (urn, "urn:li:", NULL);
}

/**
 * hd_linkedin_is_comment_urn:
 *
 * Returns: whether @urn is a comment URN, urn:li:comment:(<thread URN>,<id>)
 */
gboolean
hd_linkedin_is_comment_urn (const char *urn)
{
  g_autofree char *thread = NULL;
  const char *comma;
  const char *start;

  if (!is_urn_made_of (urn, COMMENT_URN_PREFIX, "(),")
      || urn[strlen (urn) - 1] != ')')
    return FALSE;

  /* One thread URN without parentheses of its own, a comma, and the comment's id. */
  start = urn + strlen (COMMENT_URN_PREFIX);
  comma = strrchr (urn, ',');
  if (comma == NULL || comma < start || comma[1] == ')')
    return FALSE;
  for (const char *p = comma + 1; p[1] != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        return FALSE;
    }

  thread = g_strndup (start, comma - start);
  return is_urn_made_of (thread, "urn:li:", NULL);
}

/**
 * hd_linkedin_comment_thread:
 *
 * Returns: (transfer full) (nullable): the thread a comment URN names, the URN of the post's
 *   activity, share or ugcPost before its last comma
 */
char *
hd_linkedin_comment_thread (const char *comment_urn)
{
  const char *start;
  const char *comma;

  if (!hd_linkedin_is_comment_urn (comment_urn))
    return NULL;

  start = comment_urn + strlen (COMMENT_URN_PREFIX);
  comma = strrchr (comment_urn, ',');
  return g_strndup (start, comma - start);
}

static gboolean
is_comment_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return TRUE;
}

/* The comment's URN as LinkedIn names it, or made of its thread and id. */
static char *
comment_urn_of (JsonObject *comment)
{
  const char *urn = _hd_json_string (comment, "$URN");
  const char *id = _hd_json_string (comment, "id");
  const char *object = _hd_json_string (comment, "object");

  if (!hd_linkedin_is_comment_urn (urn))
    urn = _hd_json_string (comment, "commentUrn");
  if (hd_linkedin_is_comment_urn (urn))
    return g_strdup (urn);

  if (is_comment_id (id) && is_post_urn (object) && strchr (object, '(') == NULL)
    {
      g_autofree char *made = g_strdup_printf (COMMENT_URN_PREFIX "%s,%s)", object, id);

      if (hd_linkedin_is_comment_urn (made))
        return g_steal_pointer (&made);
    }

  return NULL;
}

static HdInboxItem *
item_from_comment (HdChannel  *channel,
                   const char *post_urn,
                   const char *local_post_id,
                   const char *parent_urn,
                   const char *comment_urn,
                   JsonObject *comment,
                   gint64      at)
{
  const char *parent = _hd_json_string (comment, "parentComment");
  const char *actor = _hd_json_string (comment, "actor");
  HdInboxItem *item = hd_inbox_item_new ();

  if (!hd_linkedin_is_comment_urn (parent))
    parent = parent_urn;

  hd_inbox_item_set_channel_id (item, hd_channel_get_id (channel));
  hd_inbox_item_set_kind (item, parent != NULL ? HD_INBOX_KIND_REPLY : HD_INBOX_KIND_COMMENT);
  hd_inbox_item_set_remote_id (item, comment_urn);
  /* The conversation is the one under Herald's post. */
  hd_inbox_item_set_thread_id (item, post_urn);
  hd_inbox_item_set_parent_id (item, parent != NULL ? parent : post_urn);
  /* A comment names its author by URN only; a member's name is profile data that LinkedIn
   * lets apps keep for a day at most. Herald names only itself and says what kind of author
   * the others are: a URN means nothing to the reader, so it is not shown as a handle. */
  if (actor != NULL && g_strcmp0 (actor, hd_channel_get_remote_account_id (channel)) == 0)
    hd_inbox_item_set_author_name (item, hd_channel_get_display_name (channel));
  else if (g_str_has_prefix (actor, "urn:li:organization:"))
    hd_inbox_item_set_author_name (item, _("A LinkedIn Page"));
  else
    hd_inbox_item_set_author_name (item, _("A LinkedIn member"));
  hd_inbox_item_set_text (item, _hd_json_string (_hd_json_object (comment, "message"), "text"));
  hd_inbox_item_set_received_at (item, at);
  hd_inbox_item_set_post_id (item, local_post_id);

  return item;
}

/* Whether the answers under @comment need a listing of their own. */
static gboolean
has_answers (JsonObject *comment)
{
  JsonObject *summary = _hd_json_object (comment, "commentsSummary");

  /* Without the summary nobody can tell; the listing says. */
  if (summary == NULL)
    return TRUE;

  return _hd_json_int (summary, "aggregatedTotalComments", 0) > 0
         || _hd_json_int (summary, "totalFirstLevelComments", 0) > 0;
}

/* Where the next page starts, or 0 when this one was the last. */
static guint
next_start_of (JsonObject *root,
               guint       n_elements)
{
  JsonObject *paging = _hd_json_object (root, "paging");
  gint64 start = _hd_json_int (paging, "start", 0);
  gint64 count = _hd_json_int (paging, "count", 0);
  gint64 total = _hd_json_int (paging, "total", -1);
  gint64 next;

  if (n_elements == 0 || start < 0 || start > G_MAXINT32)
    return 0;

  next = start + n_elements;
  if (total >= 0)
    return next < total ? (guint) next : 0;

  /* Without a total, a full page may have more behind it. */
  return count > 0 && n_elements >= count ? (guint) next : 0;
}

/**
 * _hd_linkedin_parse_comments:
 * @post_urn: the URN of Herald's post the comments are under
 * @parent_urn: (nullable): the comment whose answers these are, or NULL for the post's own
 * @known: remote id → whether seen; the ids listed here are marked seen and not returned
 * @threads: (nullable): gets the URNs of the comments whose answers are still to be read
 * @next_start: (out): where the next page starts, 0 for none
 *
 * Returns: (transfer full) (element-type HdInboxItem) (nullable): the comments at or after
 *   @since that @known does not have; NULL when the answer is not a list of comments
 */
GPtrArray *
_hd_linkedin_parse_comments (HdChannel   *channel,
                             const char  *post_urn,
                             const char  *local_post_id,
                             const char  *parent_urn,
                             JsonNode    *node,
                             gint64       since,
                             GHashTable  *known,
                             GPtrArray   *threads,
                             guint       *next_start)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *elements = root != NULL ? json_object_get_member (root, "elements") : NULL;
  JsonArray *array;

  *next_start = 0;
  if (elements == NULL || !JSON_NODE_HOLDS_ARRAY (elements))
    return NULL;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  array = json_node_get_array (elements);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *comment = _hd_json_root_object (json_array_get_element (array, i));
      g_autofree char *urn = comment_urn_of (comment);
      /* LinkedIn gives instants in milliseconds. */
      gint64 at = _hd_json_int (_hd_json_object (comment, "created"), "time", 0) / 1000;

      if (urn == NULL)
        continue;

      if (threads != NULL && has_answers (comment))
        g_ptr_array_add (threads, g_strdup (urn));

      if (g_hash_table_contains (known, urn))
        g_hash_table_replace (known, g_strdup (urn), GINT_TO_POINTER (TRUE));
      else if (at >= since)
        g_ptr_array_add (items, item_from_comment (channel, post_urn, local_post_id, parent_urn,
                                                   urn, comment, MAX (at, 0)));
    }

  *next_start = next_start_of (root, json_array_get_length (array));
  return g_steal_pointer (&items);
}

/**
 * _hd_linkedin_parse_created_comment:
 * @restli_id: (nullable): the x-restli-id header of the answer
 * @thread: the URN of the thread the comment went under
 *
 * Returns: (transfer full) (nullable): the URN of the comment a POST created
 */
char *
_hd_linkedin_parse_created_comment (JsonNode   *node,
                                    const char *restli_id,
                                    const char *thread)
{
  JsonObject *body = _hd_json_root_object (node);
  char *urn = body != NULL ? comment_urn_of (body) : NULL;

  if (urn != NULL)
    return urn;
  if (hd_linkedin_is_comment_urn (restli_id))
    return g_strdup (restli_id);
  if (is_comment_id (restli_id) && is_post_urn (thread) && strchr (thread, '(') == NULL)
    {
      urn = g_strdup_printf (COMMENT_URN_PREFIX "%s,%s)", thread, restli_id);
      if (hd_linkedin_is_comment_urn (urn))
        return urn;
      g_free (urn);
    }

  return NULL;
}

/* The sentence the channel shows when the app may not read comments. */
static char *
describe_missing_read_permission (HdLinkedInProvider *self)
{
  const char *account = hd_channel_get_remote_account_id (self->channel);
  const char *name = hd_channel_get_display_name (self->channel);

  if (g_str_has_prefix (account, "urn:li:organization:"))
    return g_strdup_printf (_("LinkedIn does not let Herald read the comments on “%s”: reading "
                              "them needs the r_organization_social permission, which comes "
                              "with the Community Management API. Request that product for "
                              "your app on linkedin.com/developers, then reconnect the "
                              "channel."), name);

  return g_strdup_printf (_("LinkedIn does not let Herald read the comments on “%s”: reading a "
                            "member’s comments needs the r_member_social permission, which "
                            "LinkedIn grants to select developers only. Answer them on "
                            "linkedin.com meanwhile."), name);
}

static gboolean
is_access_denied (JsonNode *error_body)
{
  JsonObject *object = _hd_json_root_object (error_body);

  return g_strcmp0 (_hd_json_string (object, "code"), "ACCESS_DENIED") == 0
         || _hd_json_int (object, "serviceErrorCode", 0) == 100;
}

static void list_comments_page (GTask *task);

/* Comments Herald kept for this post that a complete listing no longer has were deleted. */
static void
report_vanished (Op *op)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  if (!op->complete || op->known == NULL)
    return;

  g_hash_table_iter_init (&iter, op->known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!GPOINTER_TO_INT (value))
        g_ptr_array_add (op->inbox->deleted, g_strdup (key));
    }
}

static void
list_next_post (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) known = NULL;
  const char *urn;

  report_vanished (op);
  g_clear_pointer (&op->known, g_hash_table_unref);
  g_clear_pointer (&op->local_post_id, g_free);
  g_clear_pointer (&op->threads, g_ptr_array_unref);

  if (op->object_index >= op->object_urns->len)
    {
      g_task_return_pointer (task, g_steal_pointer (&op->inbox),
                             (GDestroyNotify) hd_provider_inbox_free);
      g_object_unref (task);
      return;
    }

  urn = g_ptr_array_index (op->object_urns, op->object_index);
  op->local_post_id = _hd_provider_find_local_post (self->store, self->channel, urn);
  known = _hd_provider_list_known_comments (self->store, self->channel, op->local_post_id);
  op->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < known->len; i++)
    g_hash_table_insert (op->known, g_strdup (g_ptr_array_index (known, i)),
                         GINT_TO_POINTER (FALSE));

  /* LinkedIn lists a post's comments whole, with no since=, so every listing can tell what
   * vanished unless it is cut short. */
  op->complete = TRUE;
  op->threads = g_ptr_array_new_with_free_func (g_free);
  op->thread_index = 0;
  g_free (op->listed_urn);
  op->listed_urn = g_strdup (urn);
  op->start = 0;
  op->pages = 0;
  list_comments_page (task);
}

/* The post's own comments are read first, then the answers under each of them. */
static void
list_next_thread (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  if (op->thread_index >= op->threads->len)
    {
      op->object_index++;
      list_next_post (task);
      return;
    }

  g_free (op->listed_urn);
  op->listed_urn = g_strdup (g_ptr_array_index (op->threads, op->thread_index++));
  op->start = 0;
  op->pages = 0;
  list_comments_page (task);
}

/* A 403 on reading means the app lacks the permission: the channel says so once, and the
 * round goes on. */
static gboolean
return_if_forbidden (GTask        *task,
                     GAsyncResult *result)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) http_error = NULL;

  if (soup_message_get_status (op->message) != SOUP_STATUS_FORBIDDEN)
    return FALSE;

  node = hd_http_send_json_finish (self->http, result, &error_body, &http_error);
  if (node == NULL && !is_access_denied (error_body))
    {
      /* Some other refusal: said as LinkedIn says it. */
      g_task_return_error (task, hd_provider_error_from_http (http_error, SOUP_STATUS_FORBIDDEN,
                                                              error_body, 0, PLATFORM));
      return TRUE;
    }

  /* What was read before stays; nothing is taken as deleted. */
  op->inbox->notice = describe_missing_read_permission (self);
  g_ptr_array_set_size (op->inbox->deleted, 0);
  g_task_return_pointer (task, g_steal_pointer (&op->inbox),
                         (GDestroyNotify) hd_provider_inbox_free);
  return TRUE;
}

static void
comments_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const char *post_urn = g_ptr_array_index (op->object_urns, op->object_index);
  gboolean of_post = op->thread_index == 0 && g_strcmp0 (op->listed_urn, post_urn) == 0;
  guint next_start = 0;

  if (return_if_forbidden (task, result))
    return;

  node = finish_message_or_error (task, result, &error);
  if (node == NULL)
    {
      /* A post deleted on LinkedIn has no comments left to read; the others go on. */
      if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
        {
          op->complete = FALSE;
          if (of_post)
            {
              op->object_index++;
              list_next_post (g_steal_pointer (&task));
            }
          else
            list_next_thread (g_steal_pointer (&task));
          return;
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  items = _hd_linkedin_parse_comments (self->channel, post_urn, op->local_post_id,
                                       of_post ? NULL : op->listed_urn, node, op->since,
                                       op->known, of_post ? op->threads : NULL, &next_start);
  if (items == NULL)
    {
      return_invalid_answer (task);
      return;
    }
  g_ptr_array_extend_and_steal (op->inbox->items, g_steal_pointer (&items));

  if (next_start > op->start)
    {
      if (++op->pages < INBOX_MAX_PAGES)
        {
          op->start = next_start;
          list_comments_page (g_steal_pointer (&task));
          return;
        }

      /* A listing cut short cannot tell what vanished. */
      op->complete = FALSE;
    }

  list_next_thread (g_steal_pointer (&task));
}

static void
list_comments_page (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *escaped = g_uri_escape_string (op->listed_urn, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/rest/socialActions/%s/comments?start=%u&count=%u",
                                           escaped, op->start, INBOX_PAGE_SIZE);
  send_get (task, path, comments_listed_cb);
}

static void
published_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(GPtrArray) published = NULL;
  GError *error = NULL;

  published = _hd_provider_list_published_finish (self->store, result, &error);
  if (published == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < published->len; i++)
    {
      const char *urn = g_ptr_array_index (published, i);

      /* Only a URN made of what LinkedIn's are made of goes into a path. */
      if (is_post_urn (urn) && strchr (urn, '(') == NULL)
        g_ptr_array_add (op->object_urns, g_strdup (urn));
    }

  op->object_index = 0;
  list_next_post (g_steal_pointer (&task));
}

static void
pull_inbox_with_token (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  op->inbox = hd_provider_inbox_new ();
  op->object_urns = g_ptr_array_new_with_free_func (g_free);
  if (self->store == NULL)
    {
      op->object_index = 0;
      list_next_post (task);
      return;
    }

  _hd_provider_list_published_async (self->store, self->channel, INBOX_POSTS,
                                     g_task_get_cancellable (task), published_listed_cb, task);
}

static void
linkedin_pull_inbox_async (HdProvider          *provider,
                           gint64               since,
                           const char          *cursor,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  HdLinkedInProvider *self = HD_LINKEDIN_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  Op *op;

  task = op_task_new (self, linkedin_pull_inbox_async, cancellable, callback, user_data, &op);
  op->since = since;

  if (hd_channel_get_remote_account_id (self->channel) == NULL || self->store == NULL)
    {
      return_no_sign_in (task);
      return;
    }

  with_token (g_steal_pointer (&task), pull_inbox_with_token);
}

static HdProviderInbox *
linkedin_pull_inbox_finish (HdProvider    *provider,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Answering */

static void
replied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  HdProviderResult *answer;
  const char *restli_id;
  char *urn;

  node = finish_message (task, result);
  if (node == NULL)
    return;

  restli_id = soup_message_headers_get_one (soup_message_get_response_headers (op->message),
                                            "x-restli-id");
  urn = _hd_linkedin_parse_created_comment (node, restli_id, op->thread_urn);
  if (urn == NULL)
    {
      return_invalid_answer (task);
      return;
    }

  answer = hd_provider_result_new ();
  answer->remote_id = urn;
  answer->text = g_strdup (op->text);
  g_task_return_pointer (task, answer, (GDestroyNotify) hd_provider_result_free);
}

static void
reply_with_token (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *escaped = g_uri_escape_string (op->remote_id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/rest/socialActions/%s/comments", escaped);

  /* The message is plain text with attributes, not the little text format of posts: it goes
   * as written. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "actor");
  json_builder_add_string_value (builder, hd_channel_get_remote_account_id (self->channel));
  json_builder_set_member_name (builder, "object");
  json_builder_add_string_value (builder, op->thread_urn);
  json_builder_set_member_name (builder, "message");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "text");
  json_builder_add_string_value (builder, op->text);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "parentComment");
  json_builder_add_string_value (builder, op->remote_id);
  json_builder_end_object (builder);

  message = api_message (self, "POST", path);
  if (message == NULL)
    {
      return_invalid_answer (task);
      g_object_unref (task);
      return;
    }
  set_json_body (message, builder);
  send_message (task, message, replied_cb);
}

static void
linkedin_reply_async (HdProvider          *provider,
                      HdInboxItem         *item,
                      const char          *text,
                      const char          *idempotency_key,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  HdLinkedInProvider *self = HD_LINKEDIN_PROVIDER (provider);
  g_autoptr(GTask) task = NULL;
  const char *remote_id = hd_inbox_item_get_remote_id (item);
  const char *parent_id = hd_inbox_item_get_parent_id (item);
  Op *op;

  task = op_task_new (self, linkedin_reply_async, cancellable, callback, user_data, &op);

  if (!hd_linkedin_is_comment_urn (remote_id))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                               _("“%s” is not the URN of a LinkedIn comment."),
                               remote_id != NULL ? remote_id : "");
      return;
    }

  if (hd_channel_get_remote_account_id (self->channel) == NULL)
    {
      return_no_sign_in (task);
      return;
    }

  /* LinkedIn shows comments two levels deep: an answer to an answer goes under the same
   * first-level comment, as linkedin.com itself places it. */
  if (hd_inbox_item_get_kind (item) == HD_INBOX_KIND_REPLY
      && hd_linkedin_is_comment_urn (parent_id))
    remote_id = parent_id;

  op->remote_id = g_strdup (remote_id);
  op->thread_urn = hd_linkedin_comment_thread (remote_id);
  op->text = g_strdup (text);
  with_token (g_steal_pointer (&task), reply_with_token);
}

/* Counts and followers.
 *
 * What Herald relies on, from the pages under learn.microsoft.com/en-us/linkedin/marketing/
 * community-management/, with independent clients on GitHub agreeing on what the samples
 * leave out (which list a URN goes in, how it is escaped, the field names):
 *  - A Page's post: GET /rest/organizationalEntityShareStatistics?q=organizationalEntity
 *    &organizationalEntity=<organization URN>&shares=List(<urn:li:share:…>), or
 *    ugcPosts=List(<urn:li:ugcPost:…>) for a ugcPost; under Rest.li 2.0 each URN is
 *    percent-encoded inside the List(…), the List itself is not. Each element of the answer
 *    names its post in "share" or "ugcPost" and counts it in totalShareStatistics
 *    {impressionCount, uniqueImpressionsCount, clickCount, likeCount, commentCount,
 *    shareCount, engagement}. Organic activity only, and only within a rolling 12-month
 *    window; it needs rw_organization_admin, for an ADMINISTRATOR of the Page
 *    (organizations/share-statistics). A post the answer leaves out (older than the window,
 *    or without any activity) is read through socialActions instead, never taken as zero.
 *  - A Page's followers: GET /rest/networkSizes/<organization URN, escaped>
 *    ?edgeType=COMPANY_FOLLOWED_BY_MEMBER answers {firstDegreeSize}; the follower-statistics
 *    page says totalFollowerCounts is gone and points here (organizations/organization-lookup-
 *    api, organizations/follower-statistics).
 *  - Any post: GET /rest/socialActions/<URN, escaped> answers likesSummary {totalLikes,
 *    aggregatedTotalLikes} and commentsSummary {totalFirstLevelComments,
 *    aggregatedTotalComments}; reading it needs r_organization_social for a Page's post and
 *    r_member_social, which LinkedIn grants to select developers only, for a member's
 *    (shares/network-update-social-actions). It has no impressions and no reposts.
 *  - A member's impressions and reposts come only from memberCreatorPostAnalytics, which
 *    needs r_member_postAnalytics, and Herald found no documented way for an app to read a
 *    member's follower count: those stay "not available".
 *  - Errors are the usual {status, serviceErrorCode, code, message}: 401 for a token LinkedIn
 *    no longer takes, 403 ACCESS_DENIED for a permission the app lacks, 429 for the daily
 *    limit. */

typedef struct
{
  /* Herald's name, which the Reports page reads */
  const char *herald;
  /* the member of totalShareStatistics that counts it for a Page's post; NULL for none */
  const char *share_statistics;
  /* the summary and member of a socialActions answer that count it; NULL for none */
  const char *social_summary;
  const char *social_count;
  /* counted for the channel: the member of the networkSizes answer */
  const char *network_size;
} MetricName;

/* The one place LinkedIn's metric names are kept. Its likes are what Herald reports as
 * reactions and its shares of a post are reposts; of a socialActions summary Herald takes
 * every comment, answers included (aggregatedTotalComments), not only the first level. */
static const MetricName metric_names[] = {
  { HD_METRIC_REACTIONS, "likeCount", "likesSummary", "totalLikes", NULL },
  { HD_METRIC_REPOSTS, "shareCount", NULL, NULL, NULL },
  { HD_METRIC_REPLIES, "commentCount", "commentsSummary", "aggregatedTotalComments", NULL },
  { HD_METRIC_IMPRESSIONS, "impressionCount", NULL, NULL, NULL },
  { HD_METRIC_FOLLOWERS, NULL, NULL, NULL, "firstDegreeSize" },
};

#define ORGANIZATION_URN_PREFIX "urn:li:organization:"
#define SHARE_URN_PREFIX "urn:li:share:"
#define UGC_POST_URN_PREFIX "urn:li:ugcPost:"

/**
 * _hd_linkedin_new_metrics:
 * @of_account: the channel's metrics rather than a post's
 * @subject_id: the local post id, or the channel id
 *
 * Returns: (transfer full) (element-type HdMetric): every metric LinkedIn has a name for,
 *   each "not available" until an answer gives it
 */
GPtrArray *
_hd_linkedin_new_metrics (HdChannel  *channel,
                          gboolean    of_account,
                          const char *subject_id,
                          gint64      measured_at)
{
  GPtrArray *metrics = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (metric_names); i++)
    {
      if ((metric_names[i].network_size != NULL) != of_account)
        continue;

      g_ptr_array_add (metrics,
                       _hd_provider_metric_new (channel,
                                                of_account ? HD_METRIC_SUBJECT_CHANNEL
                                                           : HD_METRIC_SUBJECT_POST,
                                                subject_id, metric_names[i].herald, -1,
                                                measured_at));
    }

  return metrics;
}

/* Gives the metric named @herald the count @value, when LinkedIn gave one that makes sense. */
static void
set_count (GPtrArray  *metrics,
           const char *herald,
           gint64      value)
{
  if (value < 0)
    return;

  for (guint i = 0; i < metrics->len; i++)
    {
      HdMetric *metric = g_ptr_array_index (metrics, i);

      if (g_strcmp0 (hd_metric_get_name (metric), herald) == 0)
        {
          hd_provider_metric_set_available (metric, TRUE);
          hd_metric_set_value (metric, value);
        }
    }
}

/**
 * _hd_linkedin_parse_share_statistics:
 * @post_urn: the share or ugcPost whose counts are wanted
 * @metrics: gets the counts the answer has for @post_urn
 *
 * Returns: %FALSE when the answer is not a list of statistics; %TRUE otherwise, and
 *   @found says whether it had @post_urn
 */
gboolean
_hd_linkedin_parse_share_statistics (JsonNode   *node,
                                     const char *post_urn,
                                     GPtrArray  *metrics,
                                     gboolean   *found)
{
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *elements = root != NULL ? json_object_get_member (root, "elements") : NULL;
  JsonArray *array;

  *found = FALSE;
  if (elements == NULL || !JSON_NODE_HOLDS_ARRAY (elements))
    return FALSE;

  array = json_node_get_array (elements);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *element = _hd_json_root_object (json_array_get_element (array, i));
      const char *share = _hd_json_string (element, "share");
      const char *ugc_post = _hd_json_string (element, "ugcPost");
      JsonObject *totals = _hd_json_object (element, "totalShareStatistics");

      /* An element without its post is the Page's aggregate, not this post's. */
      if (totals == NULL
          || (g_strcmp0 (share, post_urn) != 0 && g_strcmp0 (ugc_post, post_urn) != 0))
        continue;

      for (guint j = 0; j < G_N_ELEMENTS (metric_names); j++)
        {
          if (metric_names[j].share_statistics != NULL)
            set_count (metrics, metric_names[j].herald,
                       _hd_json_int (totals, metric_names[j].share_statistics, -1));
        }
      *found = TRUE;
      break;
    }

  return TRUE;
}

/**
 * _hd_linkedin_parse_social_actions:
 * @metrics: gets the counts of the summary
 *
 * Returns: whether the answer is a socialActions summary
 */
gboolean
_hd_linkedin_parse_social_actions (JsonNode  *node,
                                   GPtrArray *metrics)
{
  JsonObject *root = _hd_json_root_object (node);

  if (_hd_json_object (root, "likesSummary") == NULL
      && _hd_json_object (root, "commentsSummary") == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (metric_names); i++)
    {
      if (metric_names[i].social_summary != NULL)
        set_count (metrics, metric_names[i].herald,
                   _hd_json_int (_hd_json_object (root, metric_names[i].social_summary),
                                 metric_names[i].social_count, -1));
    }

  return TRUE;
}

/**
 * _hd_linkedin_parse_network_size:
 * @metrics: gets the follower count
 *
 * Returns: whether the answer is a network size
 */
gboolean
_hd_linkedin_parse_network_size (JsonNode  *node,
                                 GPtrArray *metrics)
{
  JsonObject *root = _hd_json_root_object (node);
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (metric_names); i++)
    {
      gint64 value;

      if (metric_names[i].network_size == NULL)
        continue;
      value = _hd_json_int (root, metric_names[i].network_size, -1);
      set_count (metrics, metric_names[i].herald, value);
      any = any || value >= 0;
    }

  return any;
}

/* There is no way to tell the reports why a count is missing; the log says which
 * permission the app lacks. */
static void
log_missing_permission (HdLinkedInProvider *self,
                        const char         *permission)
{
  g_debug ("LinkedIn does not let Herald read the counts of %s without the %s permission; "
           "they stay not available", hd_channel_get_id (self->channel), permission);
}

/* Finishes a request for counts. A 403 ACCESS_DENIED means the app lacks the permission:
 * NULL with @forbidden set, the task still to answer. Any other failure answers the task. */
static JsonNode *
finish_counts_message (GTask        *task,
                       GAsyncResult *result,
                       gboolean     *forbidden)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(GError) http_error = NULL;
  JsonNode *node;

  *forbidden = FALSE;
  if (soup_message_get_status (op->message) != SOUP_STATUS_FORBIDDEN)
    return finish_message (task, result);

  node = hd_http_send_json_finish (self->http, result, &error_body, &http_error);
  if (node != NULL)
    return node;

  if (is_access_denied (error_body))
    {
      *forbidden = TRUE;
      return NULL;
    }

  g_task_return_error (task, hd_provider_error_from_http (http_error, SOUP_STATUS_FORBIDDEN,
                                                          error_body, 0, PLATFORM));
  return NULL;
}

static void
return_metrics (GTask *task)
{
  Op *op = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&op->metrics),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
social_actions_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  gboolean forbidden;

  node = finish_counts_message (task, result, &forbidden);
  if (forbidden)
    {
      gboolean of_page = g_str_has_prefix (hd_channel_get_remote_account_id (self->channel),
                                           ORGANIZATION_URN_PREFIX);

      log_missing_permission (self, of_page ? "r_organization_social" : "r_member_social");
      return_metrics (task);
      return;
    }
  if (node == NULL)
    return;

  if (!_hd_linkedin_parse_social_actions (node, op->metrics))
    {
      return_invalid_answer (task);
      return;
    }

  return_metrics (task);
}

static void
read_social_actions (GTask *task)
{
  Op *op = g_task_get_task_data (task);
  g_autofree char *escaped = g_uri_escape_string (op->remote_id, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/rest/socialActions/", escaped, NULL);
  send_get (task, path, social_actions_cb);
}

static void
share_statistics_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  gboolean forbidden;
  gboolean found;

  node = finish_counts_message (task, result, &forbidden);
  if (forbidden)
    {
      /* Reactions and comments may still be read with r_organization_social. */
      log_missing_permission (self, "rw_organization_admin");
      read_social_actions (g_steal_pointer (&task));
      return;
    }
  if (node == NULL)
    return;

  if (!_hd_linkedin_parse_share_statistics (node, op->remote_id, op->metrics, &found))
    {
      return_invalid_answer (task);
      return;
    }

  if (!found)
    {
      read_social_actions (g_steal_pointer (&task));
      return;
    }

  return_metrics (task);
}

static void
read_share_statistics (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *organization =
    g_uri_escape_string (hd_channel_get_remote_account_id (self->channel), NULL, FALSE);
  g_autofree char *post = g_uri_escape_string (op->remote_id, NULL, FALSE);
  const char *list = g_str_has_prefix (op->remote_id, UGC_POST_URN_PREFIX) ? "ugcPosts"
                                                                           : "shares";
  g_autofree char *path =
    g_strdup_printf ("/rest/organizationalEntityShareStatistics?q=organizationalEntity"
                     "&organizationalEntity=%s&%s=List(%s)", organization, list, post);
  send_get (task, path, share_statistics_cb);
}

static void
network_size_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  gboolean forbidden;

  node = finish_counts_message (task, result, &forbidden);
  if (forbidden)
    {
      log_missing_permission (self, "rw_organization_admin");
      return_metrics (task);
      return;
    }
  if (node == NULL)
    return;

  if (!_hd_linkedin_parse_network_size (node, op->metrics))
    {
      return_invalid_answer (task);
      return;
    }

  return_metrics (task);
}

static void
read_network_size (GTask *task)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  g_autofree char *escaped =
    g_uri_escape_string (hd_channel_get_remote_account_id (self->channel), NULL, FALSE);
  g_autofree char *path =
    g_strconcat ("/rest/networkSizes/", escaped, "?edgeType=COMPANY_FOLLOWED_BY_MEMBER", NULL);
  send_get (task, path, network_size_cb);
}

static void
linkedin_fetch_metrics_async (HdProvider          *provider,
                              const char          *remote_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  HdLinkedInProvider *self = HD_LINKEDIN_PROVIDER (provider);
  const char *account = hd_channel_get_remote_account_id (self->channel);
  gboolean of_account = g_strcmp0 (remote_id, account) == 0;
  gboolean of_page = is_urn_made_of (account, ORGANIZATION_URN_PREFIX, NULL);
  g_autoptr(GTask) task = NULL;
  g_autofree char *post_id = NULL;
  Op *op;

  task = op_task_new (self, linkedin_fetch_metrics_async, cancellable, callback, user_data,
                      &op);
  if (!of_account)
    post_id = _hd_provider_find_local_post (self->store, self->channel, remote_id);
  op->metrics = _hd_linkedin_new_metrics (self->channel, of_account,
                                          of_account ? hd_channel_get_id (self->channel)
                                                     : post_id != NULL ? post_id : remote_id,
                                          now_seconds (self));
  op->remote_id = g_strdup (remote_id);

  if (account == NULL)
    {
      return_no_sign_in (task);
      return;
    }

  /* Only URNs made of what LinkedIn's are made of go into a request. A member's followers,
   * and the counts of a post that is neither a share nor a ugcPost, are not available. */
  if (of_account)
    {
      if (of_page)
        with_token (g_steal_pointer (&task), read_network_size);
      else
        return_metrics (task);
      return;
    }

  if (of_page && (is_urn_made_of (remote_id, SHARE_URN_PREFIX, NULL)
                  || is_urn_made_of (remote_id, UGC_POST_URN_PREFIX, NULL)))
    with_token (g_steal_pointer (&task), read_share_statistics);
  else if (is_urn_made_of (remote_id, SHARE_URN_PREFIX, NULL)
           || is_urn_made_of (remote_id, UGC_POST_URN_PREFIX, NULL))
    with_token (g_steal_pointer (&task), read_social_actions);
  else
    return_metrics (task);
}

static GPtrArray *
linkedin_array_finish (HdProvider    *provider,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static HdProviderResult *
linkedin_reply_finish (HdProvider    *provider,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static const HdProviderCaps *
linkedin_get_caps (HdProvider *provider)
{
  return &HD_LINKEDIN_PROVIDER (provider)->caps;
}

static HdChannel *
linkedin_get_channel (HdProvider *provider)
{
  return HD_LINKEDIN_PROVIDER (provider)->channel;
}

static void
provider_iface_init (HdProviderInterface *iface)
{
  iface->get_caps = linkedin_get_caps;
  iface->get_channel = linkedin_get_channel;
  iface->validate = linkedin_validate;
  iface->publish_async = linkedin_publish_async;
  iface->publish_finish = linkedin_result_finish;
  iface->delete_async = linkedin_delete_async;
  iface->delete_finish = linkedin_boolean_finish;
  iface->lookup_async = linkedin_lookup_async;
  iface->lookup_finish = linkedin_result_finish;
  iface->pull_inbox_async = linkedin_pull_inbox_async;
  iface->pull_inbox_finish = linkedin_pull_inbox_finish;
  iface->reply_async = linkedin_reply_async;
  iface->reply_finish = linkedin_reply_finish;
  iface->fetch_metrics_async = linkedin_fetch_metrics_async;
  iface->fetch_metrics_finish = linkedin_array_finish;
  iface->refresh_credentials_async = linkedin_refresh_credentials_async;
  iface->refresh_credentials_finish = linkedin_boolean_finish;
}
