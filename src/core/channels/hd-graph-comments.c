/* hd-graph-comments.c
 *
 * A Facebook Page and an Instagram account keep their comments on the same Graph edges: a
 * paged GET /{object-id}/comments, a POST that answers and one that hides. The walk over
 * Herald's posts, the paging and the reckoning of what was deleted are done here once; each
 * provider says in its HdGraphCommentEdges what its platform does differently.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-graph-comments.h"
#include "hd-provider-private.h"

/* How many of Herald's latest posts are read for comments in one round, and how far. */
#define INBOX_POSTS 25
#define INBOX_MAX_PAGES 20

gboolean
hd_graph_is_object_id (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 128)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

GPtrArray *
hd_graph_parse_comments (const HdGraphCommentEdges *edges,
                         HdChannel                 *channel,
                         const char                *object_id,
                         const char                *local_post_id,
                         JsonNode                  *node,
                         gint64                     since,
                         GHashTable                *known,
                         char                     **after)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *data = root != NULL ? json_object_get_member (root, "data") : NULL;
  JsonObject *paging = _hd_json_object (root, "paging");
  JsonArray *array;

  *after = NULL;
  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    return NULL;

  items = g_ptr_array_new_with_free_func (g_object_unref);
  array = json_node_get_array (data);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *comment = _hd_json_root_object (json_array_get_element (array, i));
      const char *id = _hd_json_string (comment, "id");
      gint64 at = _hd_iso8601_to_unix (_hd_json_string (comment, edges->time_member));

      if (id == NULL || (edges->drops_odd_ids && !hd_graph_is_object_id (id)))
        continue;

      if (g_hash_table_contains (known, id))
        g_hash_table_replace (known, g_strdup (id), GINT_TO_POINTER (TRUE));
      else if (at >= since)
        g_ptr_array_add (items, edges->to_item (channel, object_id, local_post_id, comment, at));
    }

  if (_hd_json_string (paging, "next") != NULL)
    *after = g_strdup (_hd_json_string (_hd_json_object (paging, "cursors"), "after"));

  return g_steal_pointer (&items);
}

void
hd_graph_return_invalid (GTask      *task,
                         const char *platform)
{
  g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                           /* Translators: %s is a platform, such as Facebook or Instagram. */
                           _("%s sent an answer Herald could not use. Herald will try again "
                             "later."), platform);
}

void
hd_graph_return_success (GTask      *task,
                         JsonNode   *node,
                         const char *platform)
{
  JsonObject *root = _hd_json_root_object (node);
  JsonNode *success = root != NULL ? json_object_get_member (root, "success") : NULL;

  if (success == NULL || !JSON_NODE_HOLDS_VALUE (success)
      || json_node_get_value_type (success) != G_TYPE_BOOLEAN)
    {
      hd_graph_return_invalid (task, platform);
      return;
    }

  if (!json_node_get_boolean (success))
    {
      g_task_return_new_error (task, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_TRANSIENT,
                               /* Translators: %s is a platform, such as Facebook or
                                * Instagram. */
                               _("%s did not make the change. Herald will try again later."),
                               platform);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* One request on behalf of a provider's task */

typedef struct
{
  const HdGraphCommentEdges *edges;
  HdHttp                    *http;
  HdStore                   *store;
  HdChannel                 *channel;
  /* a copy, since the provider may look its token up again meanwhile; wiped when done */
  char                      *access_token;
  GTask                     *task;
  SoupMessage               *message;

  /* the inbox: Herald's posts still to read, the one being read, and what was found */
  HdProviderInbox           *inbox;
  GPtrArray                 *object_ids;
  guint                      object_index;
  char                      *local_post_id;
  /* remote id → whether this listing showed it */
  GHashTable                *known;
  char                      *after;
  guint                      pages;
  gint64                     since;
  /* the listing of this object has every comment, so what it lacks was deleted */
  gboolean                   complete;
} Request;

static Request *
request_new (const HdGraphCommentEdges *edges,
             HdHttp                    *http,
             HdStore                   *store,
             HdChannel                 *channel,
             const char                *access_token,
             GTask                     *task)
{
  Request *request = g_new0 (Request, 1);

  request->edges = edges;
  request->http = g_object_ref (http);
  request->store = g_object_ref (store);
  request->channel = g_object_ref (channel);
  request->access_token = g_strdup (access_token);
  request->task = task;

  return request;
}

static void
request_free (Request *request)
{
  if (request->access_token != NULL)
    explicit_bzero (request->access_token, strlen (request->access_token));
  g_free (request->access_token);
  g_clear_object (&request->http);
  g_clear_object (&request->store);
  g_clear_object (&request->channel);
  g_clear_object (&request->task);
  g_clear_object (&request->message);
  g_clear_pointer (&request->inbox, hd_provider_inbox_free);
  g_clear_pointer (&request->object_ids, g_ptr_array_unref);
  g_free (request->local_post_id);
  g_clear_pointer (&request->known, g_hash_table_unref);
  g_free (request->after);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* A form of one field, for POST. */
static GString *
form_of (const char *name,
         const char *value)
{
  GString *form = g_string_new (NULL);

  hd_graph_form_add (form, name, value);

  return form;
}

/* Sends @form (taken; a POST, or a GET without it) to @path; @callback gets @request. On an
 * address the base URL cannot make, the task is finished and @request freed instead. */
static void
request_send (Request             *request,
              const char          *method,
              const char          *path,
              const char          *query,
              GString             *form,
              GAsyncReadyCallback  callback)
{
  g_autoptr(GString) owned_form = form;

  g_clear_object (&request->message);
  request->message = hd_graph_message_new (request->channel, request->access_token, method,
                                           path, query, form);
  if (request->message == NULL)
    {
      hd_graph_return_invalid (request->task, request->edges->platform);
      request_free (request);
      return;
    }

  hd_http_send_json_async (request->http, request->message,
                           hd_channel_get_id (request->channel),
                           g_task_get_cancellable (request->task), callback, request);
}

static JsonNode *
request_finish (Request       *request,
                GAsyncResult  *result,
                GError       **error)
{
  return hd_graph_finish (request->http, request->store, request->channel, request->message,
                          result, request->edges->platform, error);
}

/* The inbox */

static void list_comments_page (Request *request);

/* Comments Herald kept for this object that a complete listing no longer has were deleted. */
static void
report_vanished (Request *request)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  if (!request->complete || request->known == NULL)
    return;

  g_hash_table_iter_init (&iter, request->known);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!GPOINTER_TO_INT (value))
        g_ptr_array_add (request->inbox->deleted, g_strdup (key));
    }
}

static void
list_next_object (Request *request)
{
  g_autoptr(GPtrArray) known = NULL;
  const char *object_id;

  report_vanished (request);
  g_clear_pointer (&request->known, g_hash_table_unref);
  g_clear_pointer (&request->after, g_free);
  g_clear_pointer (&request->local_post_id, g_free);
  request->pages = 0;

  if (request->object_index >= request->object_ids->len)
    {
      g_task_return_pointer (request->task, g_steal_pointer (&request->inbox),
                             (GDestroyNotify) hd_provider_inbox_free);
      request_free (request);
      return;
    }

  object_id = g_ptr_array_index (request->object_ids, request->object_index);
  request->local_post_id = _hd_provider_find_local_post (request->store, request->channel,
                                                         object_id);
  known = _hd_provider_list_known_comments (request->store, request->channel,
                                            request->local_post_id);

  /* Deletions only show in a complete listing. Where the edge takes since=, an object with
   * nothing kept yet needs no more than what came since the last look; elsewhere every
   * listing is whole. */
  request->complete = !request->edges->lists_since || known->len > 0;
  request->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < known->len; i++)
    g_hash_table_insert (request->known, g_strdup (g_ptr_array_index (known, i)),
                         GINT_TO_POINTER (FALSE));

  list_comments_page (request);
}

static void
comments_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *after = NULL;

  node = request_finish (request, result, &error);
  if (node == NULL)
    {
      /* An object deleted on the platform has no comments left to read; the others go on. */
      if (g_error_matches (error, HD_PROVIDER_ERROR, HD_PROVIDER_ERROR_NOT_FOUND))
        {
          request->complete = FALSE;
          request->object_index++;
          list_next_object (request);
          return;
        }

      g_task_return_error (request->task, g_steal_pointer (&error));
      request_free (request);
      return;
    }

  items = hd_graph_parse_comments (request->edges, request->channel,
                                   g_ptr_array_index (request->object_ids,
                                                      request->object_index),
                                   request->local_post_id, node, request->since,
                                   request->known, &after);
  if (items == NULL)
    {
      hd_graph_return_invalid (request->task, request->edges->platform);
      request_free (request);
      return;
    }
  g_ptr_array_extend_and_steal (request->inbox->items, g_steal_pointer (&items));

  if (after != NULL)
    {
      if (++request->pages < INBOX_MAX_PAGES)
        {
          g_free (request->after);
          request->after = g_steal_pointer (&after);
          list_comments_page (request);
          return;
        }

      /* A listing cut short cannot tell what vanished. */
      request->complete = FALSE;
    }

  request->object_index++;
  list_next_object (request);
}

static void
list_comments_page (Request *request)
{
  const char *object_id = g_ptr_array_index (request->object_ids, request->object_index);
  g_autoptr(GString) query = g_string_new (request->edges->list_query);
  g_autofree char *path = g_strdup_printf ("/%s/comments", object_id);

  if (request->edges->lists_since && !request->complete && request->since > 0)
    g_string_append_printf (query, "&since=%" G_GINT64_FORMAT, request->since);
  if (request->after != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (request->after, NULL, FALSE);

      g_string_append_printf (query, "&after=%s", escaped);
    }

  request_send (request, "GET", path, query->str, NULL, comments_listed_cb);
}

static void
published_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GPtrArray) published = NULL;
  GError *error = NULL;

  published = _hd_provider_list_published_finish (request->store, result, &error);
  if (published == NULL)
    {
      g_task_return_error (request->task, error);
      request_free (request);
      return;
    }

  for (guint i = 0; i < published->len; i++)
    {
      if (hd_graph_is_object_id (g_ptr_array_index (published, i)))
        g_ptr_array_add (request->object_ids, g_strdup (g_ptr_array_index (published, i)));
    }

  list_next_object (request);
}

void
hd_graph_pull_comments (const HdGraphCommentEdges *edges,
                        HdHttp                    *http,
                        HdStore                   *store,
                        HdChannel                 *channel,
                        const char                *access_token,
                        gint64                     since,
                        GTask                     *task)
{
  Request *request;

  g_return_if_fail (edges != NULL);
  g_return_if_fail (G_IS_TASK (task));

  request = request_new (edges, http, store, channel, access_token, task);
  request->since = since;
  request->inbox = hd_provider_inbox_new ();
  request->object_ids = g_ptr_array_new_with_free_func (g_free);
  _hd_provider_list_published_async (store, channel, INBOX_POSTS, g_task_get_cancellable (task),
                                     published_listed_cb, request);
}

/* Answering and hiding */

static void
replied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(HdProviderResult) reply = NULL;

  node = request_finish (request, result, &error);
  if (node == NULL)
    {
      g_task_return_error (request->task, g_steal_pointer (&error));
      return;
    }

  reply = hd_provider_result_new ();
  reply->remote_id = hd_graph_parse_id (node, "id");
  if (reply->remote_id == NULL)
    {
      hd_graph_return_invalid (request->task, request->edges->platform);
      return;
    }

  g_task_return_pointer (request->task, g_steal_pointer (&reply),
                         (GDestroyNotify) hd_provider_result_free);
}

void
hd_graph_reply_to_comment (const HdGraphCommentEdges *edges,
                           HdHttp                    *http,
                           HdStore                   *store,
                           HdChannel                 *channel,
                           const char                *access_token,
                           const char                *comment_id,
                           const char                *text,
                           GTask                     *task)
{
  g_autofree char *path = NULL;

  g_return_if_fail (edges != NULL);
  g_return_if_fail (G_IS_TASK (task));

  path = g_strdup_printf ("/%s/%s", comment_id, edges->reply_edge);
  request_send (request_new (edges, http, store, channel, access_token, task), "POST", path,
                NULL, form_of ("message", text), replied_cb);
}

static void
hidden_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = request_finish (request, result, &error);
  if (node == NULL)
    g_task_return_error (request->task, g_steal_pointer (&error));
  else if (request->edges->hide_says_success)
    hd_graph_return_success (request->task, node, request->edges->platform);
  else
    g_task_return_boolean (request->task, TRUE);
}

void
hd_graph_hide_comment (const HdGraphCommentEdges *edges,
                       HdHttp                    *http,
                       HdStore                   *store,
                       HdChannel                 *channel,
                       const char                *access_token,
                       const char                *comment_id,
                       gboolean                   hidden,
                       GTask                     *task)
{
  g_autofree char *path = NULL;

  g_return_if_fail (edges != NULL);
  g_return_if_fail (G_IS_TASK (task));

  path = g_strdup_printf ("/%s", comment_id);
  request_send (request_new (edges, http, store, channel, access_token, task), "POST", path,
                NULL, form_of (edges->hide_field, hidden ? "true" : "false"), hidden_cb);
}
