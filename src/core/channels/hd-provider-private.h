/* hd-provider-private.h: what the providers share and nobody else needs
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-provider.h"

G_BEGIN_DECLS

JsonNode   *_hd_provider_finish_json        (HdHttp           *http,
                                             GAsyncResult     *result,
                                             SoupMessage      *message,
                                             const char       *limit_key,
                                             const char       *platform,
                                             GError          **error);
gboolean    _hd_provider_is_error_code      (JsonNode         *error_body,
                                             const char       *member,
                                             const char       *code);
void        _hd_provider_note_failure       (HdStore          *store,
                                             HdChannel        *channel,
                                             const GError     *error);
void        _hd_provider_return_unsupported (GTask            *task,
                                             const char       *platform);
gboolean    _hd_provider_validate_common    (const HdProviderCaps *caps,
                                             const char       *platform,
                                             HdProviderPost   *post,
                                             gint64            now,
                                             gboolean          check_image_bytes,
                                             GPtrArray        *problems);
void        _hd_provider_caps_take_media_limits (HdProviderCaps *caps,
                                                 HdChannelKind   kind);
void        _hd_provider_add_problem        (GPtrArray        *problems,
                                             const char       *format,
                                             ...) G_GNUC_PRINTF (2, 3);

HdMetric   *_hd_provider_metric_new         (HdChannel        *channel,
                                             HdMetricSubject   subject,
                                             const char       *subject_id,
                                             const char       *name,
                                             gint64            value,
                                             gint64            measured_at);
/* The local post whose variant on @channel the platform knows as @remote_id, or NULL. */
char       *_hd_provider_find_local_post    (HdStore          *store,
                                             HdChannel        *channel,
                                             const char       *remote_id);
/* Remote ids of the @limit posts Herald published last on @channel, newest first, read on
 * a worker thread. */
void        _hd_provider_list_published_async  (HdStore             *store,
                                                HdChannel           *channel,
                                                guint                limit,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *_hd_provider_list_published_finish (HdStore             *store,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Remote ids of the inbox items Herald keeps for @post_id on @channel. */
GPtrArray  *_hd_provider_list_known_comments (HdStore         *store,
                                              HdChannel       *channel,
                                              const char      *post_id);

const char *_hd_json_string                 (JsonObject       *object,
                                             const char       *name);
gint64      _hd_json_int                    (JsonObject       *object,
                                             const char       *name,
                                             gint64            fallback);
JsonObject *_hd_json_object                 (JsonObject       *object,
                                             const char       *name);
JsonObject *_hd_json_root_object            (JsonNode         *node);
gint64      _hd_iso8601_to_unix             (const char       *text);
char       *_hd_unix_to_iso8601             (gint64            instant,
                                             gboolean          milliseconds);
gboolean    _hd_read_file                   (const char       *path,
                                             GBytes          **bytes,
                                             GError          **error);

/* The parsers of platform answers, where the fuzz targets can reach them. Each takes any
 * JSON at all and returns NULL (or FALSE) for what it cannot use. */
HdProviderResult *_hd_mastodon_parse_status      (JsonNode         *node,
                                                  gboolean          scheduled);
gboolean          _hd_bluesky_parse_session      (JsonNode         *node,
                                                  char            **did,
                                                  char            **handle);
char             *_hd_bluesky_parse_created_uri  (JsonNode         *node);

/* The parsers of the inbox and metrics answers, reachable by the fuzz targets the same way.
 * @store may be NULL: the items then name no local post. */
GPtrArray        *_hd_mastodon_parse_notifications (HdChannel     *channel,
                                                    HdStore       *store,
                                                    JsonNode      *node,
                                                    gint64         since,
                                                    gboolean       forward,
                                                    gboolean       take_cursor,
                                                    char         **cursor,
                                                    gboolean      *older_seen);
GPtrArray        *_hd_mastodon_parse_counts        (HdChannel     *channel,
                                                    const char    *subject_id,
                                                    JsonNode      *node,
                                                    gint64         now);
HdMetric         *_hd_mastodon_parse_followers     (HdChannel     *channel,
                                                    JsonNode      *node,
                                                    gint64         now);
GPtrArray        *_hd_bluesky_parse_notifications  (HdChannel     *channel,
                                                    HdStore       *store,
                                                    JsonNode      *node,
                                                    gint64         since,
                                                    gboolean      *older_seen,
                                                    guint         *listed,
                                                    char         **cursor);
GPtrArray        *_hd_bluesky_parse_post_counts    (HdChannel     *channel,
                                                    const char    *subject_id,
                                                    JsonNode      *node,
                                                    gint64         now);
HdMetric         *_hd_bluesky_parse_followers      (HdChannel     *channel,
                                                    JsonNode      *node,
                                                    gint64         now);
/* One page of comments on the post (or medium) @post_remote_id: the ones since @since that
 * @known does not hold, with those it does marked seen (TRUE), and in *@after the cursor of
 * the next page, if there is one. NULL when the answer lists nothing. */
GPtrArray        *_hd_facebook_parse_comments      (HdChannel     *channel,
                                                    const char    *post_remote_id,
                                                    const char    *local_post_id,
                                                    JsonNode      *node,
                                                    gint64         since,
                                                    GHashTable    *known,
                                                    char         **after);
/* The latest value of the insight @name in an /insights answer, or -1. */
gint64            _hd_facebook_parse_insight       (JsonNode      *node,
                                                    const char    *name);
gboolean          _hd_facebook_is_retired_metric   (JsonNode      *error_body);
GPtrArray        *_hd_instagram_parse_comments     (HdChannel     *channel,
                                                    const char    *media_id,
                                                    const char    *local_post_id,
                                                    JsonNode      *node,
                                                    gint64         since,
                                                    GHashTable    *known,
                                                    char         **after);
/* The count in the field @field of a medium or an account, or -1. */
gint64            _hd_instagram_parse_count        (JsonNode      *node,
                                                    const char    *field);
/* One page of mentions: the items, with *@cursor moved to the newest id seen and
 * *@next_token set when there is a next page. NULL when the answer is not one. */
GPtrArray        *_hd_x_parse_mentions             (HdChannel     *channel,
                                                    HdStore       *store,
                                                    JsonNode      *node,
                                                    char         **cursor,
                                                    char         **next_token);
/* The count @name in the object @group of the answer's data, or -1. */
gint64            _hd_x_parse_count                (JsonNode      *node,
                                                    const char    *group,
                                                    const char    *name);

/* "Mastodon refused it: <the platform's reason>.", a sentence whether or not the reason
 * ends as one. */
GError     *_hd_provider_refused       (const char   *platform,
                                        const char   *reason);

G_END_DECLS
