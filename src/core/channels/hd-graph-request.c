/* hd-graph-request.c
 *
 * What the Facebook Page and Instagram providers send to Graph is built and read here, so
 * that both map Meta's answers the same way.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-graph-request.h"
#include "hd-provider-private.h"

/* Meta's throttling codes come without a time to wait when no usage header says one. */
#define THROTTLE_DEFAULT_WAIT (10 * 60)

/* Graph's error envelope */

static gboolean
is_throttling (gint64 code)
{
  return code == HD_GRAPH_ERROR_APP_THROTTLED || code == HD_GRAPH_ERROR_USER_THROTTLED
         || code == HD_GRAPH_ERROR_PAGE_THROTTLED || code == HD_GRAPH_ERROR_CALL_LIMIT;
}

static gboolean
json_true (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/**
 * hd_graph_error_new:
 *
 * Maps Graph's `{"error":{"message","type","code","error_subcode","error_user_msg",
 * "is_transient"}}`: 190 needs a reconnect, 4/17/32/613 wait, 506 is a duplicate, 1/2 and
 * is_transient try again, anything else is refused with Meta's words for the user.
 *
 * Returns: (transfer full): an %HD_PROVIDER_ERROR
 */
GError *
hd_graph_error_new (const GError *error,
                    guint         status,
                    JsonNode     *error_body,
                    guint         retry_after,
                    const char   *platform)
{
  JsonObject *envelope = _hd_json_object (_hd_json_root_object (error_body), "error");
  const char *user_message;
  const char *message;
  gint64 code;
  gint64 subcode;

  g_return_val_if_fail (error != NULL, NULL);
  g_return_val_if_fail (platform != NULL, NULL);

  /* The limiter held the request back, or the answer never came: nothing from Meta to read. */
  if (envelope == NULL || error->domain != HD_HTTP_ERROR
      || error->code == HD_HTTP_ERROR_RATE_LIMITED)
    return hd_provider_error_from_http (error, status, NULL, retry_after, platform);

  code = _hd_json_int (envelope, "code", 0);
  subcode = _hd_json_int (envelope, "error_subcode", 0);
  message = _hd_json_string (envelope, "message");
  user_message = _hd_json_string (envelope, "error_user_msg");
  if (user_message == NULL || *user_message == '\0')
    user_message = message;

  if (code == HD_GRAPH_ERROR_TOKEN)
    {
      if (user_message != NULL)
        return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                            _("%s no longer accepts Herald’s sign-in (“%s”). Reconnect the "
                              "channel to go on posting."), platform, user_message);

      return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_AUTH,
                          _("%s no longer accepts Herald’s sign-in. Reconnect the channel to "
                            "go on posting."), platform);
    }

  if (is_throttling (code))
    {
      guint wait = retry_after > 0 ? retry_after : THROTTLE_DEFAULT_WAIT;
      g_autofree char *described = hd_http_describe_wait (wait);
      g_autofree char *text = g_strdup_printf (_("%s asked Herald to slow down. Herald will try "
                                                 "again in %s."), platform, described);

      return hd_provider_error_new_rate_limited (wait, text);
    }

  if (code == HD_GRAPH_ERROR_DUPLICATE)
    return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_CONFLICT,
                        _("%s refused this post as a duplicate: the same post went out just "
                          "before it. Check the Page before sending it again."), platform);

  if (code == HD_GRAPH_ERROR_UNKNOWN || code == HD_GRAPH_ERROR_SERVICE
      || json_true (envelope, "is_transient"))
    return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                        _("%s had a passing problem (%s). Herald will try again later."),
                        platform, message != NULL ? message : _("no details"));

  if (code == HD_GRAPH_ERROR_PARAMETER && subcode == HD_GRAPH_SUBCODE_NO_OBJECT)
    return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND,
                        _("%s no longer has this post. It may have been deleted there."),
                        platform);

  if (user_message != NULL)
    return _hd_provider_refused (platform, user_message);

  return g_error_new (HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_INVALID,
                      _("%s refused it (error %" G_GINT64_FORMAT ")."), platform, code);
}

/**
 * hd_graph_parse_id:
 * @member: "id", or "post_id" for a photo's post
 *
 * Returns: (transfer full) (nullable): the id Graph answered with
 */
char *
hd_graph_parse_id (JsonNode   *node,
                   const char *member)
{
  JsonObject *object = _hd_json_root_object (node);
  const char *id;
  gint64 number;

  if (object == NULL)
    return NULL;

  if ((id = _hd_json_string (object, member)) != NULL)
    return *id != '\0' && strlen (id) < 256 ? g_strdup (id) : NULL;

  /* Graph sends ids as strings, but an integer one is the same id. */
  if ((number = _hd_json_int (object, member, -1)) > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, number);

  return NULL;
}

/* Requests */

char *
hd_graph_uri (HdChannel  *channel,
              const char *path,
              const char *query)
{
  const char *base;
  gsize length;

  g_return_val_if_fail (HD_IS_CHANNEL (channel), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  base = hd_channel_get_base_url (channel);
  length = strlen (base);
  while (length > 0 && base[length - 1] == '/')
    length--;

  return g_strdup_printf ("%.*s%s%s%s", (int) length, base, path, query != NULL ? "?" : "",
                          query != NULL ? query : "");
}

void
hd_graph_authorize (SoupMessage *message,
                    const char  *access_token)
{
  g_autofree char *authorization = NULL;

  g_return_if_fail (SOUP_IS_MESSAGE (message));
  g_return_if_fail (access_token != NULL);

  authorization = g_strconcat ("Bearer ", access_token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
}

void
hd_graph_form_add (GString    *form,
                   const char *name,
                   const char *value)
{
  g_autofree char *escaped_name = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *escaped_value = g_uri_escape_string (value, NULL, FALSE);

  if (form->len > 0)
    g_string_append_c (form, '&');
  g_string_append_printf (form, "%s=%s", escaped_name, escaped_value);
}

SoupMessage *
hd_graph_message_new (HdChannel  *channel,
                      const char *access_token,
                      const char *method,
                      const char *path,
                      const char *query,
                      GString    *form)
{
  g_autofree char *uri = hd_graph_uri (channel, path, query);
  SoupMessage *message = soup_message_new (method, uri);

  if (message == NULL)
    return NULL;

  if (form != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (form->str, form->len);

      soup_message_set_request_body_from_bytes (message, SOUP_FORM_MIME_TYPE_URLENCODED, body);
    }

  hd_graph_authorize (message, access_token);
  return message;
}

JsonNode *
hd_graph_finish (HdHttp        *http,
                 HdStore       *store,
                 HdChannel     *channel,
                 SoupMessage   *message,
                 GAsyncResult  *result,
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

  retry_after = hd_rate_limiter_get_wait (hd_http_get_rate_limiter (http),
                                          hd_channel_get_id (channel));
  *error = hd_graph_error_new (http_error, soup_message_get_status (message), error_body,
                               retry_after, platform);
  _hd_provider_note_failure (store, channel, *error);

  return NULL;
}

