/* hd-graph-request.h: requests to Meta's Graph API made with a Page token, and its error
 * envelope, for the Facebook Page and Instagram channels
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-provider.h"

G_BEGIN_DECLS

/* Graph error codes Herald tells apart (developers.facebook.com/docs/graph-api/guides/
 * error-handling). */
#define HD_GRAPH_ERROR_UNKNOWN           1
#define HD_GRAPH_ERROR_SERVICE           2
#define HD_GRAPH_ERROR_APP_THROTTLED     4
#define HD_GRAPH_ERROR_USER_THROTTLED    17
#define HD_GRAPH_ERROR_PAGE_THROTTLED    32
#define HD_GRAPH_ERROR_PARAMETER         100
#define HD_GRAPH_ERROR_TOKEN             190
#define HD_GRAPH_ERROR_DUPLICATE         506
#define HD_GRAPH_ERROR_CALL_LIMIT        613
#define HD_GRAPH_SUBCODE_NO_OBJECT       33

/* @path (starting with '/') and @query (without '?', may be NULL) on the channel's Graph
 * base URL, which carries the version. */
char        *hd_graph_uri          (HdChannel     *channel,
                                    const char    *path,
                                    const char    *query);
/* Appends name=value to an application/x-www-form-urlencoded body. */
void         hd_graph_form_add     (GString       *form,
                                    const char    *name,
                                    const char    *value);
/* The token goes in a header, never in the URL where a proxy or a log could keep it. */
void         hd_graph_authorize    (SoupMessage   *message,
                                    const char    *access_token);
/* Returns: (transfer full) (nullable): the request, with @form as its body when not NULL;
 *   NULL when the base URL makes no valid address */
SoupMessage *hd_graph_message_new  (HdChannel     *channel,
                                    const char    *access_token,
                                    const char    *method,
                                    const char    *path,
                                    const char    *query,
                                    GString       *form);
/* Finishes hd_http_send_json_async() of @message: the answer, or NULL with the envelope
 * mapped into @error (hd_graph_error_new) and the channel marked as needing a reconnect
 * when the sign-in is gone. The limiter has already read the usage headers. */
JsonNode    *hd_graph_finish       (HdHttp        *http,
                                    HdStore       *store,
                                    HdChannel     *channel,
                                    SoupMessage   *message,
                                    GAsyncResult  *result,
                                    const char    *platform,
                                    GError       **error);

/* The Graph error envelope, for every Meta provider: @error is what HdHttp reported. */
GError      *hd_graph_error_new    (const GError  *error,
                                    guint          status,
                                    JsonNode      *error_body,
                                    guint          retry_after,
                                    const char    *platform);
/* Takes any JSON and returns NULL for what it cannot use. */
char        *hd_graph_parse_id     (JsonNode      *node,
                                    const char    *member);

G_END_DECLS
