/* hd-interop.h: reading peers.json and waiting for results, for the interop tests
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

static inline JsonObject *
interop_peer (const char *name)
{
  static JsonParser *parser;
  const char *path = g_getenv ("HERALD_PEERS_FILE");
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  if (path == NULL)
    return NULL;

  if (parser == NULL)
    {
      parser = json_parser_new ();
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
    }

  root = json_node_get_object (json_parser_get_root (parser));
  return json_object_has_member (root, name) ? json_object_get_object_member (root, name) : NULL;
}

static inline void
interop_store_result (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static inline GAsyncResult *
interop_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/* A plain request the way a user's tools would make it, outside Herald. */
static inline JsonNode *
interop_request (SoupSession  *session,
                 const char   *method,
                 const char   *uri,
                 const char   *authorization,
                 const char   *json,
                 guint        *status)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data;

  g_assert_nonnull (message);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  authorization);
  if (json != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (message, "application/json", request);
    }

  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (message);

  data = g_bytes_get_data (body, &length);
  if (length == 0 || !json_parser_load_from_data (parser, data, length, NULL))
    return NULL;

  return json_node_ref (json_parser_get_root (parser));
}

G_END_DECLS
