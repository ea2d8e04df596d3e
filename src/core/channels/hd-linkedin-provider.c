/* hd-linkedin-provider.c
 *
 * The Posts API as reference/channel-apis.md §5 describes it: every call carries the one
 * LinkedIn-Version and X-Restli-Protocol-Version 2.0.0, the commentary is written in the
 * "little text format", pictures go through initializeUpload and a PUT of the bytes, and the
 * new post's URN comes back in the x-restli-id header of an empty 201.
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

/* Finishes the request of @task; on failure returns NULL, hands the error to the task and
 * parks the channel when the sign-in is gone. */
static JsonNode *
finish_message (GTask        *task,
                GAsyncResult *result)
{
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(GError) http_error = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  guint status;

  node = hd_http_send_json_finish (self->http, result, &error_body, &http_error);
  if (node != NULL)
    return node;

  status = soup_message_get_status (op->message);
  if (status == HD_HTTP_STATUS_TOO_MANY_REQUESTS)
    {
      error = daily_limit_error (self);
    }
  else if (status == SOUP_STATUS_UNPROCESSABLE_ENTITY && is_duplicate (error_body))
    {
      /* LinkedIn refuses the same commentary twice in a row with 422 "Content is a
       * duplicate of urn:li:share:…" (seen on the wire, not in the Posts API page). */
      error = g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                           _("LinkedIn already has a post with this text: %s"),
                           _hd_json_string (_hd_json_root_object (error_body), "message"));
    }
  else
    {
      guint wait = hd_rate_limiter_get_wait (hd_http_get_rate_limiter (self->http),
                                             hd_channel_get_id (self->channel));

      error = hd_provider_error_from_http (http_error, status, error_body, wait, PLATFORM);
    }

  _hd_provider_note_failure (self->store, self->channel, error);
  g_task_return_error (task, g_steal_pointer (&error));
  return NULL;
}

static void
return_invalid_answer (GTask *task)
{
  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                           _("LinkedIn sent an answer Herald could not use. Herald will try "
                             "again later."));
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
  HdLinkedInProvider *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autofree char *path = post_path (op->remote_id);
  g_autoptr(SoupMessage) message = api_message (self, "GET", path);

  send_message (task, message, lookup_cb);
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

/* The inbox, replies and metrics. LinkedIn documents comments and reactions in its Comments
 * API and Reactions API (learn.microsoft.com/linkedin/marketing/community-management/shares/
 * comments-api), behind the r_member_social permission, which LinkedIn grants to select
 * developers only, or r_organization_social for Pages. Herald does not speak them until
 * their requests and answers are checked byte for byte against those pages: the inbox says
 * so on the channel, a reply is refused with a sentence, and every metric comes back "not
 * available" without a request. */

typedef struct
{
  /* LinkedIn's name for the count; NULL while none is confirmed */
  const char *platform;
  /* Herald's name, which the Reports page reads */
  const char *herald;
  gboolean    of_account;
} MetricName;

/* The one place LinkedIn's metric names are kept. */
static const MetricName metric_names[] = {
  { NULL, HD_METRIC_REACTIONS, FALSE },
  { NULL, HD_METRIC_REPOSTS, FALSE },
  { NULL, HD_METRIC_REPLIES, FALSE },
  { NULL, HD_METRIC_IMPRESSIONS, FALSE },
  { NULL, HD_METRIC_FOLLOWERS, TRUE },
};

static void
linkedin_pull_inbox_async (HdProvider          *provider,
                           gint64               since,
                           const char          *cursor,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);
  HdProviderInbox *inbox = hd_provider_inbox_new ();

  g_task_set_source_tag (task, linkedin_pull_inbox_async);
  inbox->notice = g_strdup (_("Herald does not read LinkedIn comments yet. Answer them on "
                              "linkedin.com; the inbox of every other channel is read as "
                              "usual."));
  g_task_return_pointer (task, inbox, (GDestroyNotify) hd_provider_inbox_free);
}

static HdProviderInbox *
linkedin_pull_inbox_finish (HdProvider    *provider,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);

  g_task_set_source_tag (task, linkedin_reply_async);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Herald cannot answer on LinkedIn yet. Answer the comment on "
                             "linkedin.com."));
}

static void
linkedin_fetch_metrics_async (HdProvider          *provider,
                              const char          *remote_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  HdLinkedInProvider *self = HD_LINKEDIN_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);
  g_autoptr(GPtrArray) metrics = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean account = g_strcmp0 (remote_id, hd_channel_get_remote_account_id (self->channel)) == 0;
  g_autofree char *post_id = NULL;

  g_task_set_source_tag (task, linkedin_fetch_metrics_async);
  if (!account)
    post_id = _hd_provider_find_local_post (self->store, self->channel, remote_id);

  for (guint i = 0; i < G_N_ELEMENTS (metric_names); i++)
    {
      if (metric_names[i].of_account != account)
        continue;

      g_ptr_array_add (metrics,
                       _hd_provider_metric_new (self->channel,
                                                account ? HD_METRIC_SUBJECT_CHANNEL
                                                        : HD_METRIC_SUBJECT_POST,
                                                account ? hd_channel_get_id (self->channel)
                                                        : post_id != NULL ? post_id : remote_id,
                                                metric_names[i].herald, -1,
                                                now_seconds (self)));
    }

  g_task_return_pointer (task, g_steal_pointer (&metrics), (GDestroyNotify) g_ptr_array_unref);
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
