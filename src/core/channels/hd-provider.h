/* hd-provider.h: what every channel's platform offers Herald, behind one interface
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "hd-core.h"
#include "hd-http.h"

G_BEGIN_DECLS

#define HD_PROVIDER_ERROR (hd_provider_error_quark ())

/* What the caller does next depends on the code alone: AUTH stops the channel until the user
 * reconnects it, RATE_LIMITED and TRANSIENT wait and try again, INVALID and CONFLICT need
 * the user, NOT_FOUND says the thing is gone on the platform. */
typedef enum
{
  HD_PROVIDER_ERROR_AUTH,
  HD_PROVIDER_ERROR_RATE_LIMITED,
  HD_PROVIDER_ERROR_TRANSIENT,
  HD_PROVIDER_ERROR_INVALID,
  HD_PROVIDER_ERROR_CONFLICT,
  HD_PROVIDER_ERROR_NOT_FOUND,
} HdProviderError;

/* How a platform keeps a retry from posting twice. */
typedef enum
{
  HD_PROVIDER_IDEMPOTENCY_NONE,
  /* a request header remembered for a while (Mastodon's Idempotency-Key, one hour) */
  HD_PROVIDER_IDEMPOTENCY_HEADER,
  /* a record key the client chooses, refused when used twice (Bluesky's rkey) */
  HD_PROVIDER_IDEMPOTENCY_RECORD_KEY,
  /* an object created first and published in a second step (Instagram's container) */
  HD_PROVIDER_IDEMPOTENCY_CONTAINER,
} HdProviderIdempotency;

/* No native scheduling: Herald publishes at the time itself. */
#define HD_PROVIDER_NO_SCHEDULING (-1)

typedef struct
{
  /* Whose counting rule applies (hd_text_count_new), and the limit in its units. */
  HdChannelKind          text_counting;
  guint                  text_limit;

  /* Pictures per post, G_MAXUINT when the platform states no number. */
  guint                  max_media;
  /* Bytes per picture, 0 when the platform states no size. */
  gsize                  max_image_bytes;
  /* Characters of alt text per picture; 0 when the platform states none. */
  guint                  max_alt_text;
  /* MIME types of pictures the platform accepts, NULL-terminated. */
  const char * const    *mime_types;

  /* The native scheduling window in seconds ahead of now: min HD_PROVIDER_NO_SCHEDULING
   * when there is none; max 0 when it has no upper end. */
  gint64                 schedule_min_ahead;
  gint64                 schedule_max_ahead;

  HdProviderIdempotency  idempotency;
  gboolean               can_edit;
  gboolean               can_delete;
} HdProviderCaps;

/* One variant of a post going out on the provider's channel: what publish, schedule and look
 * up receive. */
typedef struct
{
  HdPost     *post;
  HdVariant  *variant;
  /* HdMedia, in the order of the variant */
  GPtrArray  *media;

  /* The outbox row's key: the same for every attempt at the same change. */
  char       *idempotency_key;
  /* When the change was queued, Unix seconds; look-ups search from there. */
  gint64      queued_at;
  /* The instant to hand over for native scheduling; 0 to publish now. */
  gint64      scheduled_at;
  /* ISO 639-1 codes, at most three on Bluesky, the first one on Mastodon; may be NULL. */
  char      **languages;
  /* A record key chosen earlier and kept by the caller; NULL lets the provider derive it
   * from the idempotency key and the queue time, which gives the same key on every retry. */
  char       *record_key;
  /* An earlier attempt may have reached the platform: look before sending again. */
  gboolean    retry;
  /* Called, when set, as soon as the provider has made a platform object that keeps a retry
   * from posting twice but is not the post yet (Instagram's media container): the caller
   * keeps @record_key where a restart finds it and hands it back as record_key next time. */
  void      (*record_key_made) (const char *record_key,
                                gpointer    user_data);
  gpointer    record_key_made_data;
  /* Called, when set, as soon as the platform has answered the request that makes the post
   * with a success status, before the rest of its answer is read: the post exists, so a
   * caller that keeps an order may send what comes after it. Only providers whose platform
   * makes the post before it answers call it (Mastodon). */
  void      (*accepted)        (gpointer    user_data);
  gpointer    accepted_data;

  /*< private >*/
  gatomicrefcount ref_count;
} HdProviderPost;

/* What the platform says about a post it holds. */
typedef struct
{
  char   *remote_id;
  char   *remote_url;
  /* the record key where the platform has one (Bluesky's rkey) */
  char   *record_key;
  char   *text;
  /* Unix seconds; 0 when unknown */
  gint64  published_at;
  gint64  scheduled_at;
  /* TRUE when the platform holds it for later (a Mastodon scheduled status) */
  gboolean scheduled;
} HdProviderResult;

typedef enum
{
  HD_PROVIDER_DELETE_NONE      = 0,
  /* the remote id is one of a post the platform still holds for later */
  HD_PROVIDER_DELETE_SCHEDULED = 1 << 0,
} HdProviderDeleteFlags;

typedef enum
{
  HD_PROVIDER_FETCH_NONE      = 0,
  /* the remote id is one of a post the platform holds for later */
  HD_PROVIDER_FETCH_SCHEDULED = 1 << 0,
} HdProviderFetchFlags;

/* What one look at a channel's inbox found (hd_provider_pull_inbox_async). */
typedef struct
{
  /* HdInboxItem: the comments, replies and mentions that arrived since the last look */
  GPtrArray *items;
  /* utf8: remote ids of items Herald saw before that the platform no longer has, because
   * their authors deleted them; the store marks them so */
  GPtrArray *deleted;
  /* Where the next look starts on platforms that page by id rather than by time (Mastodon's
   * newest notification id, X's newest mention id). The caller keeps it with the channel
   * and hands it back next time; NULL means "keep the one you had". */
  char      *cursor;
  /* A sentence to show on the channel when the platform offers it no inbox (a Bluesky PDS
   * without an AppView); @items is then empty and the other channels go on. */
  char      *notice;
} HdProviderInbox;

#define HD_TYPE_PROVIDER (hd_provider_get_type ())

G_DECLARE_INTERFACE (HdProvider, hd_provider, HD, PROVIDER, GObject)

struct _HdProviderInterface
{
  GTypeInterface parent_iface;

  const HdProviderCaps *(*get_caps)                  (HdProvider            *self);
  HdChannel            *(*get_channel)               (HdProvider            *self);

  /* Offline: appends one translated sentence per problem to @problems. */
  gboolean              (*validate)                  (HdProvider            *self,
                                                      HdProviderPost        *post,
                                                      gint64                 now,
                                                      GPtrArray             *problems);

  void                  (*publish_async)             (HdProvider            *self,
                                                      HdProviderPost        *post,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  HdProviderResult     *(*publish_finish)            (HdProvider            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
  void                  (*schedule_async)            (HdProvider            *self,
                                                      HdProviderPost        *post,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  HdProviderResult     *(*schedule_finish)           (HdProvider            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
  void                  (*delete_async)              (HdProvider            *self,
                                                      const char            *remote_id,
                                                      HdProviderDeleteFlags  flags,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  gboolean              (*delete_finish)             (HdProvider            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
  void                  (*lookup_async)              (HdProvider            *self,
                                                      HdProviderPost        *post,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  HdProviderResult     *(*lookup_finish)             (HdProvider            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
  void                  (*fetch_inbox_async)         (HdProvider            *self,
                                                      gint64                 since,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  GPtrArray            *(*fetch_inbox_finish)        (HdProvider            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
  void                  (*reply_async)               (HdProvider            *self,
                                                      HdInboxItem           *item,
                                                      const char            *text,
                                                      const char            *idempotency_key,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  HdProviderResult     *(*reply_finish)              (HdProvider            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
  void                  (*fetch_metrics_async)       (HdProvider            *self,
                                                      const char            *remote_id,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  GPtrArray            *(*fetch_metrics_finish)      (HdProvider            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
  void                  (*refresh_credentials_async) (HdProvider            *self,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  gboolean              (*refresh_credentials_finish) (HdProvider           *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
  /* Optional: a platform that documents no way to read a post back leaves these NULL. */
  void                  (*fetch_post_async)          (HdProvider            *self,
                                                      const char            *remote_id,
                                                      HdProviderFetchFlags   flags,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  HdProviderResult     *(*fetch_post_finish)         (HdProvider            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
  /* Optional: where Herald can change the text of a post in place. */
  void                  (*edit_async)                (HdProvider            *self,
                                                      const char            *remote_id,
                                                      HdProviderPost        *post,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  HdProviderResult     *(*edit_finish)               (HdProvider            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
  /* Optional: the inbox with a cursor and deletions; without it hd_provider_pull_inbox_async
   * falls back on fetch_inbox. */
  void                  (*pull_inbox_async)          (HdProvider            *self,
                                                      gint64                 since,
                                                      const char            *cursor,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  HdProviderInbox      *(*pull_inbox_finish)         (HdProvider            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
  /* Optional: where the platform lets a Page hide a comment from everyone but its author. */
  void                  (*hide_async)                (HdProvider            *self,
                                                      HdInboxItem           *item,
                                                      gboolean               hidden,
                                                      GCancellable          *cancellable,
                                                      GAsyncReadyCallback    callback,
                                                      gpointer               user_data);
  gboolean              (*hide_finish)               (HdProvider            *self,
                                                      GAsyncResult          *result,
                                                      GError               **error);
  /* Optional: where the platform gives a post's text back changed in form only (a mention
   * without its domain), compares it the platform's way; hd_provider_same_text otherwise
   * compares it with white space collapsed. */
  gboolean              (*same_text)                 (HdProvider            *self,
                                                      const char            *ours,
                                                      const char            *theirs);
};

GQuark                hd_provider_error_quark           (void);
guint                 hd_provider_error_get_retry_after (const GError          *error);
GError               *hd_provider_error_new_rate_limited (guint                 retry_after,
                                                          const char           *message);
GError               *hd_provider_error_from_http       (const GError          *error,
                                                         guint                  status,
                                                         JsonNode              *error_body,
                                                         guint                  retry_after,
                                                         const char            *platform);

HdProviderPost       *hd_provider_post_new              (HdPost                *post,
                                                         HdVariant             *variant,
                                                         const char            *idempotency_key);
HdProviderPost       *hd_provider_post_ref              (HdProviderPost        *post);
void                  hd_provider_post_unref            (HdProviderPost        *post);
void                  hd_provider_post_add_media        (HdProviderPost        *post,
                                                         HdMedia               *media);
const char           *hd_provider_post_get_text         (HdProviderPost        *post);

HdProviderResult     *hd_provider_result_new            (void);
HdProviderInbox      *hd_provider_inbox_new             (void);
void                  hd_provider_inbox_free            (HdProviderInbox       *inbox);
void                  hd_provider_result_free           (HdProviderResult      *result);

const HdProviderCaps *hd_provider_get_caps              (HdProvider            *self);
HdChannel            *hd_provider_get_channel           (HdProvider            *self);
gboolean              hd_provider_validate              (HdProvider            *self,
                                                         HdProviderPost        *post,
                                                         gint64                 now,
                                                         GPtrArray             *problems);
gboolean              hd_provider_can_schedule_at       (HdProvider            *self,
                                                         gint64                 instant,
                                                         gint64                 now);
/* The same answer without a provider, from the kind of channel alone: whether the platform
 * itself would publish a post at @instant, so it goes out with the computer off. */
gboolean              hd_provider_kind_can_schedule_at  (HdChannelKind          kind,
                                                         gint64                 instant,
                                                         gint64                 now);

void                  hd_provider_publish_async         (HdProvider            *self,
                                                         HdProviderPost        *post,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
HdProviderResult     *hd_provider_publish_finish        (HdProvider            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);
void                  hd_provider_schedule_async        (HdProvider            *self,
                                                         HdProviderPost        *post,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
HdProviderResult     *hd_provider_schedule_finish       (HdProvider            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);
void                  hd_provider_delete_async          (HdProvider            *self,
                                                         const char            *remote_id,
                                                         HdProviderDeleteFlags  flags,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
gboolean              hd_provider_delete_finish         (HdProvider            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);
void                  hd_provider_lookup_async          (HdProvider            *self,
                                                         HdProviderPost        *post,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
HdProviderResult     *hd_provider_lookup_finish         (HdProvider            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);
void                  hd_provider_fetch_inbox_async     (HdProvider            *self,
                                                         gint64                 since,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
GPtrArray            *hd_provider_fetch_inbox_finish    (HdProvider            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);
void                  hd_provider_reply_async           (HdProvider            *self,
                                                         HdInboxItem           *item,
                                                         const char            *text,
                                                         const char            *idempotency_key,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
HdProviderResult     *hd_provider_reply_finish          (HdProvider            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);
void                  hd_provider_fetch_metrics_async   (HdProvider            *self,
                                                         const char            *remote_id,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
GPtrArray            *hd_provider_fetch_metrics_finish  (HdProvider            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);
void                  hd_provider_refresh_credentials_async  (HdProvider       *self,
                                                              GCancellable     *cancellable,
                                                              GAsyncReadyCallback callback,
                                                              gpointer          user_data);
gboolean              hd_provider_refresh_credentials_finish (HdProvider       *self,
                                                              GAsyncResult     *result,
                                                              GError          **error);

/* Reads back the post the platform holds as @remote_id, as it is there now: its text as
 * plain text, its URL, and whether it is still held for later. Finishes with
 * HD_PROVIDER_ERROR_NOT_FOUND when the platform no longer has it, and with
 * G_IO_ERROR_NOT_SUPPORTED when the platform offers no way to read a post back. */
void                  hd_provider_fetch_post_async      (HdProvider            *self,
                                                         const char            *remote_id,
                                                         HdProviderFetchFlags   flags,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
HdProviderResult     *hd_provider_fetch_post_finish     (HdProvider            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);
gboolean              hd_provider_can_fetch_post        (HdProvider            *self);
gboolean              hd_provider_same_text             (HdProvider            *self,
                                                         const char            *ours,
                                                         const char            *theirs);
char                 *hd_provider_normalize_text        (const char            *text);
/* Gives the post the platform holds as @remote_id the text of @post, keeping its pictures,
 * replies and boosts. G_IO_ERROR_NOT_SUPPORTED where Herald cannot edit a post in place
 * (hd_provider_kind_can_edit). */
void                  hd_provider_edit_async            (HdProvider            *self,
                                                         const char            *remote_id,
                                                         HdProviderPost        *post,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
HdProviderResult     *hd_provider_edit_finish           (HdProvider            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);
/* The inbox since @since, or since @cursor where the platform pages by id (see
 * HdProviderInbox): new items, the ids of deleted ones, the next cursor, and a sentence when
 * the channel offers no inbox. hd_provider_fetch_inbox_async is this without a cursor, keeping
 * only the items. */
void                  hd_provider_pull_inbox_async      (HdProvider            *self,
                                                         gint64                 since,
                                                         const char            *cursor,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
HdProviderInbox      *hd_provider_pull_inbox_finish     (HdProvider            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);
/* Hides (or shows again) a comment on Herald's post. G_IO_ERROR_NOT_SUPPORTED, with a
 * sentence, where the platform offers no hiding (hd_provider_can_hide). */
gboolean              hd_provider_can_hide              (HdProvider            *self);
void                  hd_provider_hide_async            (HdProvider            *self,
                                                         HdInboxItem           *item,
                                                         gboolean               hidden,
                                                         GCancellable          *cancellable,
                                                         GAsyncReadyCallback    callback,
                                                         gpointer               user_data);
gboolean              hd_provider_hide_finish           (HdProvider            *self,
                                                         GAsyncResult          *result,
                                                         GError               **error);

/* fetch_metrics answers with one HdMetric per metric Herald asked for. One the platform has
 * retired, or does not give for this post, comes back without a value and marked so: store
 * nothing for it and show it as "not available". Asking with the channel's own remote account
 * id (hd_channel_get_remote_account_id) gives the channel's metrics, such as followers. */
gboolean              hd_provider_metric_is_available   (HdMetric              *metric);
void                  hd_provider_metric_set_available  (HdMetric              *metric,
                                                         gboolean               available);

/* Whether Herald edits a post of a @kind channel in place; elsewhere replacing its text means
 * deleting the post there and publishing it again. */
gboolean              hd_provider_kind_can_edit         (HdChannelKind          kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdProviderPost, hd_provider_post_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdProviderResult, hd_provider_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdProviderInbox, hd_provider_inbox_free)

G_END_DECLS
