/* hd-mastodon-provider.h: posting to an account on any Mastodon instance
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-provider.h"

G_BEGIN_DECLS

/* Mastodon's own rules: statuses.md and the scheduling pull request (tootsuite/mastodon#9706). */
#define HD_MASTODON_SCHEDULE_MIN_AHEAD (5 * 60)
#define HD_MASTODON_MAX_SCHEDULED      300
#define HD_MASTODON_MAX_SCHEDULED_DAY  50
/* How long an instance remembers an Idempotency-Key. */
#define HD_MASTODON_IDEMPOTENCY_WINDOW (60 * 60)

#define HD_TYPE_MASTODON_PROVIDER (hd_mastodon_provider_get_type ())

G_DECLARE_FINAL_TYPE (HdMastodonProvider, hd_mastodon_provider, HD, MASTODON_PROVIDER, GObject)

HdMastodonProvider *hd_mastodon_provider_new                (HdHttp              *http,
                                                             HdStore             *store,
                                                             HdChannel           *channel);
gboolean            hd_mastodon_provider_apply_instance     (HdMastodonProvider  *self,
                                                             JsonNode            *instance);
void                hd_mastodon_provider_set_visibility     (HdMastodonProvider  *self,
                                                             const char          *visibility);
void                hd_mastodon_provider_set_poll_interval  (HdMastodonProvider  *self,
                                                             guint                interval_ms);

void                hd_mastodon_provider_load_instance_async  (HdMastodonProvider  *self,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean            hd_mastodon_provider_load_instance_finish (HdMastodonProvider  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

void                hd_mastodon_provider_list_scheduled_async  (HdMastodonProvider  *self,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
GPtrArray          *hd_mastodon_provider_list_scheduled_finish (HdMastodonProvider  *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);
void                hd_mastodon_provider_reschedule_async      (HdMastodonProvider  *self,
                                                                const char          *scheduled_id,
                                                                gint64               scheduled_at,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
HdProviderResult   *hd_mastodon_provider_reschedule_finish     (HdMastodonProvider  *self,
                                                                GAsyncResult        *result,
                                                                GError             **error);

char               *hd_mastodon_html_to_text                (const char          *html);

G_END_DECLS
