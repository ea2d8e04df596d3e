/* hd-facebook-provider.h: posting to a Facebook Page through the Graph API
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-graph-request.h"
#include "hd-provider.h"

G_BEGIN_DECLS

/* The sources disagree on the upper end (30 days, 75 days, 6 months); Herald keeps to the
 * window every one of them accepts (reference/channel-apis.md §3). */
#define HD_FACEBOOK_SCHEDULE_MIN_AHEAD (10 * 60)
#define HD_FACEBOOK_SCHEDULE_MAX_AHEAD (30 * 24 * 60 * 60)

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

/* The parser of the Page's post lists, where the fuzz target reaches it; it takes any JSON
 * and returns NULL for what it cannot use (hd_graph_parse_id is in hd-graph-request.h). */
GPtrArray          *hd_facebook_parse_posts                     (JsonNode *node,
                                                                 gboolean  scheduled);

G_END_DECLS
