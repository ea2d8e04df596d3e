/* hd-provider.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "hd-facebook-provider.h"
#include "hd-mastodon-provider.h"
#include "hd-media-library.h"
#include "hd-oauth.h"
#include "hd-provider-private.h"
#include "hd-secrets.h"
#include "hd-store-private.h"
#include "hd-text-counter.h"

/* Errors */

typedef struct
{
  guint retry_after;
} HdProviderErrorPrivate;

static void
hd_provider_error_private_init (HdProviderErrorPrivate *priv)
{
  if (priv != NULL)
    priv->retry_after = 0;
}

static void
hd_provider_error_private_copy (const HdProviderErrorPrivate *src,
                                HdProviderErrorPrivate       *dest)
{
  if (src != NULL && dest != NULL)
    dest->retry_after = src->retry_after;
}

static void
hd_provider_error_private_clear (HdProviderErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (HdProviderError, hd_provider_error)

GError *
_hd_provider_refused (const char *platform,
                      const char *reason)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason));
  gsize length = strlen (stripped);
  gboolean ended = length > 0 && strchr (".!?", stripped[length - 1]) != NULL;

  return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID, _("%s refused it: %s%s"),
                      platform, stripped, ended ? "" : ".");
}

/**
 * hd_provider_error_get_retry_after:
 *
 * Returns: for %HD_PROVIDER_ERROR_RATE_LIMITED, the seconds the platform asked Herald to
 *   wait (at least 1); 0 for any other error
 */
guint
hd_provider_error_get_retry_after (const GError *error)
{
  HdProviderErrorPrivate *priv;

  if (error == NULL || !g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED))
    return 0;

  priv = hd_provider_error_get_private (error);
  return priv != NULL ? MAX (1, priv->retry_after) : 1;
}

GError *
hd_provider_error_new_rate_limited (guint       retry_after,
                                    const char *message)
{
  GError *error = g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_RATE_LIMITED,
                                       message);
  HdProviderErrorPrivate *priv = hd_provider_error_get_private (error);

  if (priv != NULL)
    priv->retry_after = MAX (1, retry_after);
  return error;
}

static const char *
body_string (JsonNode   *body,
             const char *member)
{
  JsonObject *object = _hd_json_root_object (body);

  return object != NULL ? _hd_json_string (object, member) : NULL;
}

/* The platform's own words, for a refusal the user has to act on. */
static const char *
platform_message (JsonNode *body)
{
  const char *message;

  if ((message = body_string (body, "error_description")) != NULL
      || (message = body_string (body, "message")) != NULL
      || (message = body_string (body, "error")) != NULL)
    return message;

  return NULL;
}

/* Bluesky answers these with 400 as often as with 401. */
static gboolean
is_auth_code (const char *code)
{
  static const char * const codes[] = {
    "AuthenticationRequired", "ExpiredToken", "InvalidToken", "AccountTakedown",
    "AccountDeactivated", "invalid_token",
  };

  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (codes); i++)
    {
      if (g_str_equal (code, codes[i]))
        return TRUE;
    }

  return FALSE;
}

/**
 * hd_provider_error_from_http:
 * @error: what HdHttp, HdOAuthClient or the keyring reported
 * @status: the HTTP status of the answer, 0 when there was none
 * @error_body: (nullable): the JSON the platform sent with the error
 * @retry_after: the limiter's wait for the channel when the platform said 429
 * @platform: the platform's name as the user knows it ("Mastodon")
 *
 * Returns: (transfer full): the same failure in %HD_PROVIDER_ERROR, keeping a sentence the
 *   user can act on; cancellation stays G_IO_ERROR_CANCELLED
 */
GError *
hd_provider_error_from_http (const GError *error,
                             guint         status,
                             JsonNode     *error_body,
                             guint         retry_after,
                             const char   *platform)
{
  const char *code = body_string (error_body, "error");
  const char *message = platform_message (error_body);

  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (platform != NULL, NULL);

  if (error->domain == HD_PROVIDER_ERROR || g_error_matches (error, G_IO_ERROR,
                                                             G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (error->domain == HD_SECRETS_ERROR)
    return g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT, error->message);

  if (error->domain == HD_OAUTH_ERROR)
    {
      if (g_error_matches (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_GRANT)
          || g_error_matches (error, HD_OAUTH_ERROR, HD_OAUTH_ERROR_INVALID_CLIENT))
        return g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH, error->message);

      return g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID, error->message);
    }

  if (error->domain != HD_HTTP_ERROR)
    return g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT, error->message);

  if (g_strcmp0 (code, "RateLimitExceeded") == 0 || status == HD_HTTP_STATUS_TOO_MANY_REQUESTS
      || error->code == HD_HTTP_ERROR_RATE_LIMITED)
    {
      g_autofree char *wait = hd_http_describe_wait (MAX (1, retry_after));
      g_autofree char *text = g_strdup_printf (_("%s asked Herald to slow down. Herald will try "
                                                 "again in %s."), platform, wait);

      return hd_provider_error_new_rate_limited (retry_after, text);
    }

  if (status == SOUP_STATUS_UNAUTHORIZED || error->code == HD_HTTP_ERROR_UNAUTHORIZED
      || is_auth_code (code))
    {
      if (message != NULL)
        return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                            _("%s no longer accepts Herald’s sign-in (“%s”). Reconnect the "
                              "channel to go on posting."), platform, message);

      return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                          _("%s no longer accepts Herald’s sign-in. Reconnect the channel to "
                            "go on posting."), platform);
    }

  switch ((HdHttpError) error->code)
    {
    case HD_HTTP_ERROR_NOT_FOUND:
      return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                          _("%s no longer has this post. It may have been deleted there."),
                          platform);

    case HD_HTTP_ERROR_REJECTED:
      if (status == SOUP_STATUS_CONFLICT)
        return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                            _("%s holds a different version of this: %s"), platform,
                            message != NULL ? message : _("it changed there"));

      if (g_strcmp0 (code, "RecordNotFound") == 0)
        return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                            _("%s no longer has this post. It may have been deleted there."),
                            platform);

      if (message != NULL)
        return _hd_provider_refused (platform, message);

      return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                          _("%s refused it (error %u)."), platform, status);

    case HD_HTTP_ERROR_NETWORK:
    case HD_HTTP_ERROR_SERVER:
    case HD_HTTP_ERROR_TOO_LARGE:
    case HD_HTTP_ERROR_TRUNCATED:
    case HD_HTTP_ERROR_MALFORMED:
    case HD_HTTP_ERROR_UNEXPECTED_CONTENT:
    case HD_HTTP_ERROR_RATE_LIMITED:
    case HD_HTTP_ERROR_UNAUTHORIZED:
    default:
      return g_error_new_literal (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                                  error->message);
    }
}

/* Shared by the providers */

JsonNode *
_hd_provider_finish_json (HdHttp        *http,
                          GAsyncResult  *result,
                          SoupMessage   *message,
                          const char    *limit_key,
                          const char    *platform,
                          GError       **error)
{
  g_autoptr(JsonNode) error_body = NULL;
  g_autoptr(GError) http_error = NULL;
  JsonNode *node;
  guint retry_after;

  node = hd_http_send_json_finish (http, result, &error_body, &http_error);
  if (node != NULL)
    return node;

  /* Without a channel yet, the limit is the host's, as HdHttp keeps it. */
  if (limit_key == NULL)
    limit_key = g_uri_get_host (soup_message_get_uri (message));
  retry_after = limit_key != NULL
                ? hd_rate_limiter_get_wait (hd_http_get_rate_limiter (http), limit_key) : 0;
  g_propagate_error (error, hd_provider_error_from_http (http_error,
                                                         soup_message_get_status (message),
                                                         error_body, retry_after, platform));
  return NULL;
}

/* An AUTH failure parks the channel until the user reconnects it; its posts stay. */
void
_hd_provider_note_failure (HdStore      *store,
                           HdChannel    *channel,
                           const GError *error)
{
  g_autoptr(GError) save_error = NULL;

  if (!g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH)
      || hd_channel_get_state (channel) == HD_CHANNEL_STATE_NEEDS_RECONNECT)
    return;

  hd_channel_set_state (channel, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  if (store != NULL && !hd_store_save_channel (store, channel, &save_error))
    g_warning ("Could not mark channel %s as needing to reconnect: %s",
               hd_channel_get_id (channel), save_error->message);
}

void
_hd_provider_return_unsupported (GTask      *task,
                                 const char *platform)
{
  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                           _("%s does not offer this."), platform);
}

void
_hd_provider_add_problem (GPtrArray  *problems,
                          const char *format,
                          ...)
{
  va_list args;

  if (problems == NULL)
    return;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

static gboolean
mime_type_accepted (const HdProviderCaps *caps,
                    const char           *mime_type)
{
  if (caps->mime_types == NULL || caps->mime_types[0] == NULL)
    return TRUE;

  return mime_type != NULL && g_strv_contains (caps->mime_types, mime_type);
}

/* The count and size from the one table of media rules the composer checks with
 * (hd_media_check_for_channel), so that the capabilities cannot drift from it. */
void
_hd_provider_caps_take_media_limits (HdProviderCaps *caps,
                                     HdChannelKind   kind)
{
  guint max_count = 0;
  gsize max_bytes = 0;

  hd_media_get_channel_limits (kind, &max_count, &max_bytes);
  caps->max_media = max_count > 0 ? max_count : G_MAXUINT;
  caps->max_image_bytes = max_bytes;
}

gboolean
_hd_provider_validate_common (const HdProviderCaps *caps,
                              const char           *platform,
                              HdProviderPost       *post,
                              gint64                now,
                              gboolean              check_image_bytes,
                              GPtrArray            *problems)
{
  const char *text = hd_provider_post_get_text (post);
  g_autoptr(HdTextCount) count = NULL;
  guint n_media = post->media != NULL ? post->media->len : 0;
  guint before = problems != NULL ? problems->len : 0;
  gboolean ok = TRUE;

  count = hd_text_count_new (caps->text_counting, text, caps->text_limit);
  if (count->over)
    {
      _hd_provider_add_problem (problems, "%s", count->problem);
      ok = FALSE;
    }

  if (*text == '\0' && n_media == 0)
    {
      _hd_provider_add_problem (problems, _("The post for %s has neither text nor a picture."),
                                platform);
      ok = FALSE;
    }

  if (n_media > caps->max_media)
    {
      _hd_provider_add_problem (problems,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%s takes at most %u picture per post; remove %u.",
                                             "%s takes at most %u pictures per post; remove %u.",
                                             caps->max_media),
                                platform, caps->max_media, n_media - caps->max_media);
      ok = FALSE;
    }

  for (guint i = 0; i < n_media; i++)
    {
      HdMedia *media = g_ptr_array_index (post->media, i);
      const char *alt = hd_media_get_alt_text (media);

      if (!mime_type_accepted (caps, hd_media_get_mime_type (media)))
        {
          _hd_provider_add_problem (problems, _("%s does not take pictures of type %s (picture "
                                                "%u)."), platform,
                                    hd_media_get_mime_type (media), i + 1);
          ok = FALSE;
        }

      if (check_image_bytes && caps->max_image_bytes > 0
          && (gsize) hd_media_get_bytes (media) > caps->max_image_bytes)
        {
          g_autofree char *size = g_format_size (hd_media_get_bytes (media));
          g_autofree char *limit = g_format_size (caps->max_image_bytes);

          _hd_provider_add_problem (problems, _("Picture %u is %s; %s takes at most %s."),
                                    i + 1, size, platform, limit);
          ok = FALSE;
        }

      if (caps->max_alt_text > 0 && alt != NULL
          && g_utf8_strlen (alt, -1) > (glong) caps->max_alt_text)
        {
          _hd_provider_add_problem (problems, _("The description of picture %u is longer than "
                                                "the %u characters %s allows."),
                                    i + 1, caps->max_alt_text, platform);
          ok = FALSE;
        }
    }

  if (post->scheduled_at != 0 && caps->schedule_min_ahead != HD_PROVIDER_NO_SCHEDULING)
    {
      if (post->scheduled_at - now < caps->schedule_min_ahead)
        {
          g_autofree char *ahead = hd_http_describe_wait ((guint) caps->schedule_min_ahead);

          _hd_provider_add_problem (problems, _("%s schedules posts at least %s ahead; pick a "
                                                "later time or publish now."), platform, ahead);
          ok = FALSE;
        }
      else if (caps->schedule_max_ahead > 0
               && post->scheduled_at - now > caps->schedule_max_ahead)
        {
          g_autofree char *ahead = hd_http_describe_wait ((guint) caps->schedule_max_ahead);

          _hd_provider_add_problem (problems, _("%s schedules posts at most %s ahead; pick an "
                                                "earlier time."), platform, ahead);
          ok = FALSE;
        }
    }

  g_assert (ok || problems == NULL || problems->len > before);
  return ok;
}

/* JSON and time helpers */

const char *
_hd_json_string (JsonObject *object,
                 const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

gint64
_hd_json_int (JsonObject *object,
              const char *name,
              gint64      fallback)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);
    case G_TYPE_DOUBLE:
      {
        /* 1e999 parses as infinity; casting that, or anything past the range, is undefined. */
        double value = json_node_get_double (node);

        if (!isfinite (value) || value >= 9.2e18 || value <= -9.2e18)
          return fallback;
        return (gint64) value;
      }
    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);
        char *end = NULL;
        gint64 value = g_ascii_strtoll (text, &end, 10);

        return end != text && *end == '\0' ? value : fallback;
      }
    default:
      return fallback;
    }
}

JsonObject *
_hd_json_object (JsonObject *object,
                 const char *name)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, name)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonObject *
_hd_json_root_object (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

gint64
_hd_iso8601_to_unix (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) instant = NULL;

  if (text == NULL)
    return 0;

  instant = g_date_time_new_from_iso8601 (text, utc);
  return instant != NULL ? g_date_time_to_unix (instant) : 0;
}

char *
_hd_unix_to_iso8601 (gint64   instant,
                     gboolean milliseconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);

  return g_date_time_format (utc, milliseconds ? "%Y-%m-%dT%H:%M:%S.000Z"
                                               : "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
_hd_read_file (const char  *path,
               GBytes     **bytes,
               GError     **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &read_error))
    {
      g_debug ("Could not read %s: %s", path, read_error->message);
      g_set_error (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                   _("Herald could not read a picture of this post from its data folder. "
                     "Add the picture to the post again."));
      return FALSE;
    }

  *bytes = g_bytes_new_take (g_steal_pointer (&data), length);
  return TRUE;
}

gboolean
_hd_provider_is_error_code (JsonNode   *error_body,
                            const char *member,
                            const char *code)
{
  return g_strcmp0 (body_string (error_body, member), code) == 0;
}

/* What goes out */

/**
 * hd_provider_post_new:
 * @idempotency_key: the outbox row's key, the same for every attempt
 *
 * Returns: (transfer full): a post to hand to a provider, holding references to @post and
 *   @variant
 */
HdProviderPost *
hd_provider_post_new (HdPost     *post,
                      HdVariant  *variant,
                      const char *idempotency_key)
{
  HdProviderPost *self;

  g_return_val_if_fail (HD_IS_POST (post), NULL);
  g_return_val_if_fail (variant == NULL || HD_IS_VARIANT (variant), NULL);
  g_return_val_if_fail (idempotency_key != NULL && *idempotency_key != '\0', NULL);

  self = g_new0 (HdProviderPost, 1);
  self->post = g_object_ref (post);
  self->variant = variant != NULL ? g_object_ref (variant) : NULL;
  self->media = g_ptr_array_new_with_free_func (g_object_unref);
  self->idempotency_key = g_strdup (idempotency_key);
  g_atomic_ref_count_init (&self->ref_count);

  return self;
}

HdProviderPost *
hd_provider_post_ref (HdProviderPost *post)
{
  g_return_val_if_fail (post != NULL, NULL);

  g_atomic_ref_count_inc (&post->ref_count);
  return post;
}

void
hd_provider_post_unref (HdProviderPost *post)
{
  if (post == NULL || !g_atomic_ref_count_dec (&post->ref_count))
    return;

  g_clear_object (&post->post);
  g_clear_object (&post->variant);
  g_clear_pointer (&post->media, g_ptr_array_unref);
  g_clear_pointer (&post->idempotency_key, g_free);
  g_clear_pointer (&post->languages, g_strfreev);
  g_clear_pointer (&post->record_key, g_free);
  g_free (post);
}

void
hd_provider_post_add_media (HdProviderPost *post,
                            HdMedia        *media)
{
  g_return_if_fail (post != NULL);
  g_return_if_fail (HD_IS_MEDIA (media));

  g_ptr_array_add (post->media, g_object_ref (media));
}

/**
 * hd_provider_post_get_text:
 *
 * Returns: the variant's own text when it has one, else the post's master text
 */
const char *
hd_provider_post_get_text (HdProviderPost *post)
{
  const char *text = NULL;

  g_return_val_if_fail (post != NULL, NULL);

  if (post->variant != NULL)
    text = hd_variant_get_text (post->variant);
  if (text == NULL)
    text = hd_post_get_text (post->post);

  return text != NULL ? text : "";
}

HdProviderResult *
hd_provider_result_new (void)
{
  return g_new0 (HdProviderResult, 1);
}

void
hd_provider_result_free (HdProviderResult *result)
{
  if (result == NULL)
    return;

  g_free (result->remote_id);
  g_free (result->remote_url);
  g_free (result->record_key);
  g_free (result->text);
  g_free (result);
}

HdProviderInbox *
hd_provider_inbox_new (void)
{
  HdProviderInbox *inbox = g_new0 (HdProviderInbox, 1);

  inbox->items = g_ptr_array_new_with_free_func (g_object_unref);
  inbox->deleted = g_ptr_array_new_with_free_func (g_free);
  return inbox;
}

void
hd_provider_inbox_free (HdProviderInbox *inbox)
{
  if (inbox == NULL)
    return;

  g_clear_pointer (&inbox->items, g_ptr_array_unref);
  g_clear_pointer (&inbox->deleted, g_ptr_array_unref);
  g_free (inbox->cursor);
  g_free (inbox->notice);
  g_free (inbox);
}

/* Metrics */

static GQuark
metric_unavailable_quark (void)
{
  return g_quark_from_static_string ("hd-provider-metric-unavailable");
}

gboolean
hd_provider_metric_is_available (HdMetric *metric)
{
  g_return_val_if_fail (HD_IS_METRIC (metric), FALSE);

  return g_object_get_qdata (G_OBJECT (metric), metric_unavailable_quark ()) == NULL;
}

void
hd_provider_metric_set_available (HdMetric *metric,
                                  gboolean  available)
{
  g_return_if_fail (HD_IS_METRIC (metric));

  g_object_set_qdata (G_OBJECT (metric), metric_unavailable_quark (),
                      available ? NULL : GINT_TO_POINTER (TRUE));
  if (!available)
    hd_metric_set_value (metric, 0);
}

HdMetric *
_hd_provider_metric_new (HdChannel       *channel,
                         HdMetricSubject  subject,
                         const char      *subject_id,
                         const char      *name,
                         gint64           value,
                         gint64           measured_at)
{
  HdMetric *metric = hd_metric_new ();

  hd_metric_set_subject (metric, subject);
  hd_metric_set_subject_id (metric, subject_id);
  hd_metric_set_channel_id (metric, hd_channel_get_id (channel));
  hd_metric_set_name (metric, name);
  hd_metric_set_measured_at (metric, measured_at);
  if (value < 0)
    hd_provider_metric_set_available (metric, FALSE);
  else
    hd_metric_set_value (metric, value);

  return metric;
}

/* What Herald published on the channel */

char *
_hd_provider_find_local_post (HdStore    *store,
                              HdChannel  *channel,
                              const char *remote_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL || remote_id == NULL)
    return NULL;

  stmt = _hd_store_prepare (store,
                            "SELECT post_id FROM post_variants"
                            " WHERE channel_id = ?1 AND remote_id = ?2",
                            _("find the post an answer is about"), &error);
  if (stmt == NULL)
    {
      g_debug ("%s", error->message);
      return NULL;
    }

  _hd_bind_text (stmt, 1, hd_channel_get_id (channel));
  _hd_bind_text (stmt, 2, remote_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup (_hd_column_text (stmt, 0));
}

typedef struct
{
  char  *channel_id;
  guint  limit;
} PublishedQuery;

static void
published_query_free (PublishedQuery *query)
{
  g_free (query->channel_id);
  g_free (query);
}

/* The order comes from the posts, so every published variant of the channel is joined and
 * sorted: on a busy channel that is longer than a frame, hence a worker thread. */
static gpointer
read_published_on (HdStore  *reader,
                   gpointer  data,
                   GError  **error)
{
  PublishedQuery *query = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) remote_ids = g_ptr_array_new_with_free_func (g_free);

  stmt = _hd_store_prepare (reader,
                            "SELECT v.remote_id FROM post_variants v"
                            " JOIN posts p ON p.id = v.post_id"
                            " WHERE v.channel_id = ?1 AND v.state = 'published'"
                            "   AND v.remote_id IS NOT NULL"
                            " ORDER BY COALESCE (p.published_at, p.updated_at) DESC, v.id"
                            " LIMIT ?2",
                            _("list the posts published on a channel"), error);
  if (stmt == NULL)
    return NULL;

  _hd_bind_text (stmt, 1, query->channel_id);
  sqlite3_bind_int64 (stmt, 2, query->limit);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (remote_ids, g_strdup (_hd_column_text (stmt, 0)));

  return g_steal_pointer (&remote_ids);
}

/**
 * _hd_provider_list_published_async:
 * @limit: how many of the latest posts
 *
 * Lists, on a worker thread, the remote ids of the @limit posts Herald published last on
 * @channel, newest first.
 */
void
_hd_provider_list_published_async (HdStore             *store,
                                   HdChannel           *channel,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  PublishedQuery *query;

  g_return_if_fail (HD_IS_STORE (store));
  g_return_if_fail (HD_IS_CHANNEL (channel));

  query = g_new0 (PublishedQuery, 1);
  query->channel_id = g_strdup (hd_channel_get_id (channel));
  query->limit = limit;
  _hd_store_read_async (store, read_published_on, query, (GDestroyNotify) published_query_free,
                        (GDestroyNotify) g_ptr_array_unref, _hd_provider_list_published_async,
                        cancellable, callback, user_data);
}

/* Returns: (transfer full): the remote ids, or NULL with @error set */
GPtrArray *
_hd_provider_list_published_finish (HdStore       *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _hd_store_read_finish (store, result, _hd_provider_list_published_async, error);
}

GPtrArray *
_hd_provider_list_known_comments (HdStore    *store,
                                  HdChannel  *channel,
                                  const char *post_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *remote_ids = g_ptr_array_new_with_free_func (g_free);

  if (store == NULL || post_id == NULL)
    return remote_ids;

  stmt = _hd_store_prepare (store,
                            "SELECT remote_id FROM inbox_items"
                            " WHERE channel_id = ?1 AND post_id = ?2 AND remote_id IS NOT NULL",
                            _("list the comments Herald saw on a post"), &error);
  if (stmt == NULL)
    {
      g_debug ("%s", error->message);
      return remote_ids;
    }

  _hd_bind_text (stmt, 1, hd_channel_get_id (channel));
  _hd_bind_text (stmt, 2, post_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (remote_ids, g_strdup (_hd_column_text (stmt, 0)));

  return remote_ids;
}

/* The interface */

G_DEFINE_INTERFACE (HdProvider, hd_provider, G_TYPE_OBJECT)

static void
unsupported_async (HdProvider          *self,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  HdChannel *channel = hd_provider_get_channel (self);

  g_task_set_source_tag (task, source_tag);
  _hd_provider_return_unsupported (task, hd_channel_kind_to_label (hd_channel_get_kind (channel)));
}

static void
default_schedule_async (HdProvider          *self,
                        HdProviderPost      *post,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  unsupported_async (self, default_schedule_async, cancellable, callback, user_data);
}

static HdProviderResult *
default_result_finish (HdProvider    *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
default_boolean_finish (HdProvider    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static GPtrArray *
default_array_finish (HdProvider    *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
default_fetch_inbox_async (HdProvider          *self,
                           gint64               since,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  unsupported_async (self, default_fetch_inbox_async, cancellable, callback, user_data);
}

static void
default_reply_async (HdProvider          *self,
                     HdInboxItem         *item,
                     const char          *text,
                     const char          *idempotency_key,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  unsupported_async (self, default_reply_async, cancellable, callback, user_data);
}

static void
default_fetch_metrics_async (HdProvider          *self,
                             const char          *remote_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  unsupported_async (self, default_fetch_metrics_async, cancellable, callback, user_data);
}

static void
default_refresh_credentials_async (HdProvider          *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  /* Credentials that never expire have nothing to refresh. */
  g_task_set_source_tag (task, default_refresh_credentials_async);
  g_task_return_boolean (task, TRUE);
}

static gboolean
default_validate (HdProvider     *self,
                  HdProviderPost *post,
                  gint64          now,
                  GPtrArray      *problems)
{
  HdChannel *channel = hd_provider_get_channel (self);

  return _hd_provider_validate_common (hd_provider_get_caps (self),
                                       hd_channel_kind_to_label (hd_channel_get_kind (channel)),
                                       post, now, TRUE, problems);
}

static void
hd_provider_default_init (HdProviderInterface *iface)
{
  iface->validate = default_validate;
  iface->schedule_async = default_schedule_async;
  iface->schedule_finish = default_result_finish;
  iface->fetch_inbox_async = default_fetch_inbox_async;
  iface->fetch_inbox_finish = default_array_finish;
  iface->reply_async = default_reply_async;
  iface->reply_finish = default_result_finish;
  iface->fetch_metrics_async = default_fetch_metrics_async;
  iface->fetch_metrics_finish = default_array_finish;
  iface->refresh_credentials_async = default_refresh_credentials_async;
  iface->refresh_credentials_finish = default_boolean_finish;
}

const HdProviderCaps *
hd_provider_get_caps (HdProvider *self)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), NULL);

  return HD_PROVIDER_GET_IFACE (self)->get_caps (self);
}

/**
 * hd_provider_get_channel:
 *
 * Returns: (transfer none): the channel this provider posts to
 */
HdChannel *
hd_provider_get_channel (HdProvider *self)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), NULL);

  return HD_PROVIDER_GET_IFACE (self)->get_channel (self);
}

/**
 * hd_provider_validate:
 * @now: the current time in Unix seconds, for the scheduling window
 * @problems: (element-type utf8) (nullable): receives one sentence per problem
 *
 * Checks @post against the channel's rules without the network.
 *
 * Returns: %TRUE when the platform should accept it
 */
gboolean
hd_provider_validate (HdProvider     *self,
                      HdProviderPost *post,
                      gint64          now,
                      GPtrArray      *problems)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), FALSE);
  g_return_val_if_fail (post != NULL, FALSE);

  return HD_PROVIDER_GET_IFACE (self)->validate (self, post, now, problems);
}

/**
 * hd_provider_can_schedule_at:
 *
 * Returns: %TRUE when the platform itself can hold a post for @instant, so it goes out
 *   while the computer is off
 */
gboolean
hd_provider_can_schedule_at (HdProvider *self,
                             gint64      instant,
                             gint64      now)
{
  const HdProviderCaps *caps;

  g_return_val_if_fail (HD_IS_PROVIDER (self), FALSE);

  caps = hd_provider_get_caps (self);
  if (caps->schedule_min_ahead == HD_PROVIDER_NO_SCHEDULING)
    return FALSE;

  return instant - now >= caps->schedule_min_ahead
         && (caps->schedule_max_ahead == 0 || instant - now <= caps->schedule_max_ahead);
}

gboolean
hd_provider_kind_can_schedule_at (HdChannelKind kind,
                                  gint64        instant,
                                  gint64        now)
{
  gint64 min_ahead;
  gint64 max_ahead = 0;

  switch (kind)
    {
    case HD_CHANNEL_KIND_MASTODON:
      min_ahead = HD_MASTODON_SCHEDULE_MIN_AHEAD;
      break;
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
      min_ahead = HD_FACEBOOK_SCHEDULE_MIN_AHEAD;
      max_ahead = HD_FACEBOOK_SCHEDULE_MAX_AHEAD;
      break;
    case HD_CHANNEL_KIND_BLUESKY:
    case HD_CHANNEL_KIND_INSTAGRAM:
    case HD_CHANNEL_KIND_LINKEDIN:
    case HD_CHANNEL_KIND_X:
    default:
      return FALSE;
    }

  return instant - now >= min_ahead && (max_ahead == 0 || instant - now <= max_ahead);
}

void
hd_provider_publish_async (HdProvider          *self,
                           HdProviderPost      *post,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (HD_IS_PROVIDER (self));
  g_return_if_fail (post != NULL);

  HD_PROVIDER_GET_IFACE (self)->publish_async (self, post, cancellable, callback, user_data);
}

/**
 * hd_provider_publish_finish:
 *
 * Returns: (transfer full): the remote id and address of the new post
 */
HdProviderResult *
hd_provider_publish_finish (HdProvider    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), NULL);

  return HD_PROVIDER_GET_IFACE (self)->publish_finish (self, result, error);
}

/**
 * hd_provider_schedule_async:
 *
 * Hands @post over for the platform to publish at @post's scheduled_at by itself.
 */
void
hd_provider_schedule_async (HdProvider          *self,
                            HdProviderPost      *post,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (HD_IS_PROVIDER (self));
  g_return_if_fail (post != NULL && post->scheduled_at > 0);

  HD_PROVIDER_GET_IFACE (self)->schedule_async (self, post, cancellable, callback, user_data);
}

HdProviderResult *
hd_provider_schedule_finish (HdProvider    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), NULL);

  return HD_PROVIDER_GET_IFACE (self)->schedule_finish (self, result, error);
}

void
hd_provider_delete_async (HdProvider            *self,
                          const char            *remote_id,
                          HdProviderDeleteFlags  flags,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_return_if_fail (HD_IS_PROVIDER (self));
  g_return_if_fail (remote_id != NULL);

  HD_PROVIDER_GET_IFACE (self)->delete_async (self, remote_id, flags, cancellable, callback,
                                              user_data);
}

gboolean
hd_provider_delete_finish (HdProvider    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), FALSE);

  return HD_PROVIDER_GET_IFACE (self)->delete_finish (self, result, error);
}

/**
 * hd_provider_lookup_async:
 *
 * Asks the platform whether @post already went out, for a change whose answer was lost.
 * Finishes with %HD_PROVIDER_ERROR_NOT_FOUND when it did not.
 */
void
hd_provider_lookup_async (HdProvider          *self,
                          HdProviderPost      *post,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (HD_IS_PROVIDER (self));
  g_return_if_fail (post != NULL);

  HD_PROVIDER_GET_IFACE (self)->lookup_async (self, post, cancellable, callback, user_data);
}

HdProviderResult *
hd_provider_lookup_finish (HdProvider    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), NULL);

  return HD_PROVIDER_GET_IFACE (self)->lookup_finish (self, result, error);
}

static void
inbox_pulled_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HdProviderInbox) inbox = NULL;
  GError *error = NULL;

  inbox = hd_provider_pull_inbox_finish (HD_PROVIDER (object), result, &error);
  if (inbox == NULL)
    g_task_return_error (task, error);
  else if (inbox->notice != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s", inbox->notice);
  else
    g_task_return_pointer (task, g_steal_pointer (&inbox->items),
                           (GDestroyNotify) g_ptr_array_unref);
}

void
hd_provider_fetch_inbox_async (HdProvider          *self,
                               gint64               since,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  HdProviderInterface *iface;
  GTask *task;

  g_return_if_fail (HD_IS_PROVIDER (self));

  iface = HD_PROVIDER_GET_IFACE (self);
  if (iface->pull_inbox_async == NULL)
    {
      iface->fetch_inbox_async (self, since, cancellable, callback, user_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_provider_fetch_inbox_async);
  iface->pull_inbox_async (self, since, NULL, cancellable, inbox_pulled_cb, task);
}

/**
 * hd_provider_fetch_inbox_finish:
 *
 * Returns: (transfer container) (element-type HdInboxItem): the comments, replies and
 *   mentions received since the instant asked for
 */
GPtrArray *
hd_provider_fetch_inbox_finish (HdProvider    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), NULL);

  if (g_task_get_source_tag (G_TASK (result)) == hd_provider_fetch_inbox_async)
    return g_task_propagate_pointer (G_TASK (result), error);

  return HD_PROVIDER_GET_IFACE (self)->fetch_inbox_finish (self, result, error);
}

static void
inbox_fetched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdProviderInbox *inbox;
  GPtrArray *items;
  GError *error = NULL;

  items = HD_PROVIDER_GET_IFACE (object)->fetch_inbox_finish (HD_PROVIDER (object), result,
                                                              &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  inbox = hd_provider_inbox_new ();
  g_ptr_array_unref (inbox->items);
  inbox->items = items;
  g_task_return_pointer (task, inbox, (GDestroyNotify) hd_provider_inbox_free);
}

/**
 * hd_provider_pull_inbox_async:
 * @since: Unix seconds; items received before are not fetched again
 * @cursor: (nullable): the cursor of the last HdProviderInbox of this channel
 *
 * Looks at the channel's inbox: the platforms that page by id start after @cursor when there
 * is one, the others at @since.
 */
void
hd_provider_pull_inbox_async (HdProvider          *self,
                              gint64               since,
                              const char          *cursor,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  HdProviderInterface *iface;
  GTask *task;

  g_return_if_fail (HD_IS_PROVIDER (self));

  iface = HD_PROVIDER_GET_IFACE (self);
  if (iface->pull_inbox_async != NULL)
    {
      iface->pull_inbox_async (self, since, cursor, cancellable, callback, user_data);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_provider_pull_inbox_async);
  iface->fetch_inbox_async (self, since, cancellable, inbox_fetched_cb, task);
}

/**
 * hd_provider_pull_inbox_finish:
 *
 * Returns: (transfer full): what the look found
 */
HdProviderInbox *
hd_provider_pull_inbox_finish (HdProvider    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  HdProviderInterface *iface;

  g_return_val_if_fail (HD_IS_PROVIDER (self), NULL);

  iface = HD_PROVIDER_GET_IFACE (self);
  if (iface->pull_inbox_finish == NULL
      || g_task_get_source_tag (G_TASK (result)) == hd_provider_pull_inbox_async)
    return g_task_propagate_pointer (G_TASK (result), error);

  return iface->pull_inbox_finish (self, result, error);
}

gboolean
hd_provider_can_hide (HdProvider *self)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), FALSE);

  return HD_PROVIDER_GET_IFACE (self)->hide_async != NULL;
}

/**
 * hd_provider_hide_async:
 * @hidden: %FALSE shows a hidden comment again
 *
 * Hides @item, a comment on one of Herald's posts, from everyone but its author and friends.
 */
void
hd_provider_hide_async (HdProvider          *self,
                        HdInboxItem         *item,
                        gboolean             hidden,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  HdProviderInterface *iface;

  g_return_if_fail (HD_IS_PROVIDER (self));
  g_return_if_fail (HD_IS_INBOX_ITEM (item));

  iface = HD_PROVIDER_GET_IFACE (self);
  if (iface->hide_async == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
      HdChannel *channel = hd_provider_get_channel (self);

      g_task_set_source_tag (task, hd_provider_hide_async);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("%s does not offer hiding comments."),
                               hd_channel_kind_to_label (hd_channel_get_kind (channel)));
      return;
    }

  iface->hide_async (self, item, hidden, cancellable, callback, user_data);
}

gboolean
hd_provider_hide_finish (HdProvider    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  HdProviderInterface *iface;

  g_return_val_if_fail (HD_IS_PROVIDER (self), FALSE);

  iface = HD_PROVIDER_GET_IFACE (self);
  if (iface->hide_finish == NULL
      || g_task_get_source_tag (G_TASK (result)) == hd_provider_hide_async)
    return g_task_propagate_boolean (G_TASK (result), error);

  return iface->hide_finish (self, result, error);
}

void
hd_provider_reply_async (HdProvider          *self,
                         HdInboxItem         *item,
                         const char          *text,
                         const char          *idempotency_key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (HD_IS_PROVIDER (self));
  g_return_if_fail (HD_IS_INBOX_ITEM (item));
  g_return_if_fail (text != NULL);

  HD_PROVIDER_GET_IFACE (self)->reply_async (self, item, text, idempotency_key, cancellable,
                                             callback, user_data);
}

HdProviderResult *
hd_provider_reply_finish (HdProvider    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), NULL);

  return HD_PROVIDER_GET_IFACE (self)->reply_finish (self, result, error);
}

void
hd_provider_fetch_metrics_async (HdProvider          *self,
                                 const char          *remote_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (HD_IS_PROVIDER (self));
  g_return_if_fail (remote_id != NULL);

  HD_PROVIDER_GET_IFACE (self)->fetch_metrics_async (self, remote_id, cancellable, callback,
                                                     user_data);
}

/**
 * hd_provider_fetch_metrics_finish:
 *
 * Returns: (transfer container) (element-type HdMetric): the post's counts as measured now
 */
GPtrArray *
hd_provider_fetch_metrics_finish (HdProvider    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), NULL);

  return HD_PROVIDER_GET_IFACE (self)->fetch_metrics_finish (self, result, error);
}

void
hd_provider_refresh_credentials_async (HdProvider          *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (HD_IS_PROVIDER (self));

  HD_PROVIDER_GET_IFACE (self)->refresh_credentials_async (self, cancellable, callback,
                                                           user_data);
}

gboolean
hd_provider_refresh_credentials_finish (HdProvider    *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), FALSE);

  return HD_PROVIDER_GET_IFACE (self)->refresh_credentials_finish (self, result, error);
}

gboolean
hd_provider_can_fetch_post (HdProvider *self)
{
  g_return_val_if_fail (HD_IS_PROVIDER (self), FALSE);

  return HD_PROVIDER_GET_IFACE (self)->fetch_post_async != NULL;
}

/**
 * hd_provider_normalize_text:
 * @text: (nullable): a post's text
 *
 * Returns: (transfer full): @text composed (NFC) with every run of white space made one
 *   space and none at either end, as platforms tend to give a text back
 */
char *
hd_provider_normalize_text (const char *text)
{
  g_autofree char *composed = g_utf8_normalize (text != NULL ? text : "", -1,
                                                G_NORMALIZE_DEFAULT_COMPOSE);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  if (composed == NULL)
    return g_string_free (out, FALSE);

  for (const char *p = composed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/**
 * hd_provider_same_text:
 * @ours: the text Herald sent
 * @theirs: the text as the platform gives it back
 *
 * Returns: %TRUE when @theirs is still @ours, differing at most in the form the platform
 *   gives it (white space, and what the provider knows of its platform)
 */
gboolean
hd_provider_same_text (HdProvider *self,
                       const char *ours,
                       const char *theirs)
{
  HdProviderInterface *iface;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (HD_IS_PROVIDER (self), FALSE);

  iface = HD_PROVIDER_GET_IFACE (self);
  if (iface->same_text != NULL)
    return iface->same_text (self, ours != NULL ? ours : "", theirs != NULL ? theirs : "");

  a = hd_provider_normalize_text (ours);
  b = hd_provider_normalize_text (theirs);

  return g_str_equal (a, b);
}

/**
 * hd_provider_fetch_post_async:
 *
 * Reads back the post the platform holds as @remote_id, to see whether it changed there.
 */
void
hd_provider_fetch_post_async (HdProvider           *self,
                              const char           *remote_id,
                              HdProviderFetchFlags  flags,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  HdProviderInterface *iface;

  g_return_if_fail (HD_IS_PROVIDER (self));
  g_return_if_fail (remote_id != NULL);

  iface = HD_PROVIDER_GET_IFACE (self);
  if (iface->fetch_post_async == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
      HdChannel *channel = hd_provider_get_channel (self);

      g_task_set_source_tag (task, hd_provider_fetch_post_async);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("%s does not offer a way to read a post back, so Herald "
                                 "cannot see changes made there."),
                               hd_channel_kind_to_label (hd_channel_get_kind (channel)));
      return;
    }

  iface->fetch_post_async (self, remote_id, flags, cancellable, callback, user_data);
}

HdProviderResult *
hd_provider_fetch_post_finish (HdProvider    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  HdProviderInterface *iface;

  g_return_val_if_fail (HD_IS_PROVIDER (self), NULL);

  iface = HD_PROVIDER_GET_IFACE (self);
  if (iface->fetch_post_finish == NULL ||
      g_task_get_source_tag (G_TASK (result)) == hd_provider_fetch_post_async)
    return g_task_propagate_pointer (G_TASK (result), error);

  return iface->fetch_post_finish (self, result, error);
}

gboolean
hd_provider_kind_can_edit (HdChannelKind kind)
{
  /* Mastodon documents PUT /api/v1/statuses/:id (specs/mastodon-openapi). Bluesky has no
   * edit, and Herald does not edit on the Graph API, LinkedIn or X. */
  return kind == HD_CHANNEL_KIND_MASTODON;
}

void
hd_provider_edit_async (HdProvider          *self,
                        const char          *remote_id,
                        HdProviderPost      *post,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  HdProviderInterface *iface;

  g_return_if_fail (HD_IS_PROVIDER (self));
  g_return_if_fail (remote_id != NULL);
  g_return_if_fail (post != NULL);

  iface = HD_PROVIDER_GET_IFACE (self);
  if (iface->edit_async == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
      HdChannel *channel = hd_provider_get_channel (self);

      g_task_set_source_tag (task, hd_provider_edit_async);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Herald cannot edit a post on %s."),
                               hd_channel_kind_to_label (hd_channel_get_kind (channel)));
      return;
    }

  iface->edit_async (self, remote_id, post, cancellable, callback, user_data);
}

HdProviderResult *
hd_provider_edit_finish (HdProvider    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  HdProviderInterface *iface;

  g_return_val_if_fail (HD_IS_PROVIDER (self), NULL);

  iface = HD_PROVIDER_GET_IFACE (self);
  if (iface->edit_finish == NULL ||
      g_task_get_source_tag (G_TASK (result)) == hd_provider_edit_async)
    return g_task_propagate_pointer (G_TASK (result), error);

  return iface->edit_finish (self, result, error);
}
