/* hd-graph-comments.h: the comments under a Facebook Page's posts and an Instagram
 * account's media, read, answered and hidden through Graph the same way
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-graph-request.h"

G_BEGIN_DECLS

/* Builds the inbox item of one @comment found under @object_id, which @at dates. */
typedef HdInboxItem *(*HdGraphCommentToItem) (HdChannel  *channel,
                                              const char *object_id,
                                              const char *local_post_id,
                                              JsonObject *comment,
                                              gint64      at);

/* What tells one platform's comment edges from the other's: the rest is Graph's. */
typedef struct
{
  /* the platform's name, as the user's messages give it */
  const char           *platform;
  /* GET /{object-id}/comments?{list_query}: the fields, order and page size */
  const char           *list_query;
  /* the listing takes since=, so an object with no comment kept yet is read only from then */
  gboolean              lists_since;
  /* the member that dates a comment */
  const char           *time_member;
  /* comments whose id is no Graph id are dropped as they are read, rather than kept to be
   * refused when answered */
  gboolean              drops_odd_ids;
  HdGraphCommentToItem  to_item;
  /* POST /{comment-id}/{reply_edge} message=… answers a comment */
  const char           *reply_edge;
  /* POST /{comment-id} {hide_field}=true hides it */
  const char           *hide_field;
  /* Graph answers hiding with {"success": …}, which is then to be true */
  gboolean              hide_says_success;
} HdGraphCommentEdges;

/* Graph's ids are digits, with '_' between an object and what lives under it. */
gboolean   hd_graph_is_object_id     (const char                *id);

/* One page of GET /{object-id}/comments: the new comments since @since (transfer full), or
 * NULL when @node is no such page. Comments in @known are marked seen there (value TRUE)
 * rather than returned; @after is the cursor of the next page, NULL on the last. */
GPtrArray *hd_graph_parse_comments   (const HdGraphCommentEdges *edges,
                                      HdChannel                 *channel,
                                      const char                *object_id,
                                      const char                *local_post_id,
                                      JsonNode                  *node,
                                      gint64                     since,
                                      GHashTable                *known,
                                      char                     **after);

/* Each of these takes @task, a provider's, and finishes it; @access_token is copied. */

/* Reads the comments on the posts Herald published last on @channel and returns through
 * @task an HdProviderInbox: what is new since @since and
 * what a complete listing shows deleted. */
void       hd_graph_pull_comments    (const HdGraphCommentEdges *edges,
                                      HdHttp                    *http,
                                      HdStore                   *store,
                                      HdChannel                 *channel,
                                      const char                *access_token,
                                      gint64                     since,
                                      GTask                     *task);
/* Answers @comment_id with @text and returns through @task an HdProviderResult naming the
 * answer. Graph keeps no idempotency key for it. */
void       hd_graph_reply_to_comment (const HdGraphCommentEdges *edges,
                                      HdHttp                    *http,
                                      HdStore                   *store,
                                      HdChannel                 *channel,
                                      const char                *access_token,
                                      const char                *comment_id,
                                      const char                *text,
                                      GTask                     *task);
/* Hides @comment_id from everyone but its author, or shows it again, and returns TRUE
 * through @task. */
void       hd_graph_hide_comment     (const HdGraphCommentEdges *edges,
                                      HdHttp                    *http,
                                      HdStore                   *store,
                                      HdChannel                 *channel,
                                      const char                *access_token,
                                      const char                *comment_id,
                                      gboolean                   hidden,
                                      GTask                     *task);

/* Finishes @task with TRUE when @node is Graph's {"success": true}, with an error otherwise.
 */
void       hd_graph_return_success   (GTask                     *task,
                                      JsonNode                  *node,
                                      const char                *platform);
/* Finishes @task with the error for an answer that is not what Graph documents. */
void       hd_graph_return_invalid   (GTask                     *task,
                                      const char                *platform);

G_END_DECLS
