/* hd-facebook-provider.h: posting to a Facebook Page through the Graph API
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-provider.h"

G_BEGIN_DECLS

/* The sources disagree on the upper end (30 days, 75 days, 6 months); Herald keeps to the
 * window every one of them accepts (reference/channel-apis.md §3). */
#define HD_FACEBOOK_SCHEDULE_MIN_AHEAD (10 * 60)
#define HD_FACEBOOK_SCHEDULE_MAX_AHEAD (30 * 24 * 60 * 60)

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

#define HD_TYPE_FACEBOOK_PROVIDER (hd_facebook_provider_get_type ())

G_DECLARE_FINAL_TYPE (HdFacebookProvider, hd_facebook_provider, HD, FACEBOOK_PROVIDER, GObject)

HdFacebookProvider *hd_facebook_provider_new                    (HdHttp    *http,
                                                                 HdStore   *store,
                                                                 HdChannel *channel);

/* The Page's posts waiting for their time on Facebook, as HdProviderResult. */
void                hd_facebook_provider_list_scheduled_async   (HdFacebookProvider  *self,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
GPtrArray          *hd_facebook_provider_list_scheduled_finish  (HdFacebookProvider  *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);
/* Changes the text (when @message is not NULL) and the instant (when @scheduled_at is not 0,
 * kept within the window) of a scheduled post. */
void                hd_facebook_provider_edit_async             (HdFacebookProvider  *self,
                                                                 const char          *post_id,
                                                                 const char          *message,
                                                                 gint64               scheduled_at,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
gboolean            hd_facebook_provider_edit_finish            (HdFacebookProvider  *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);

/* The Graph error envelope, for every Meta provider: @error is what HdHttp reported. */
GError             *hd_graph_error_new                          (const GError *error,
                                                                 guint         status,
                                                                 JsonNode     *error_body,
                                                                 guint         retry_after,
                                                                 const char   *platform);

/* The parsers of Graph answers, where the fuzz targets reach them; each takes any JSON and
 * returns NULL for what it cannot use. */
char               *hd_graph_parse_id                           (JsonNode   *node,
                                                                 const char *member);
GPtrArray          *hd_facebook_parse_posts                     (JsonNode *node,
                                                                 gboolean  scheduled);

G_END_DECLS
