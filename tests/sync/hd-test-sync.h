/* hd-test-sync.h: a Mastodon channel on its fake, and posts published there, for the tests of
 * what the pullers read back.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hd-test-channels.h"
#include "hd-fake-mastodon.h"
#include "hd-store-private.h"

G_BEGIN_DECLS

/* What connecting a Mastodon account on @fake leaves behind: the channel in the store, its
 * @token in the keyring. */
static inline HdChannel *
test_sync_add_mastodon (TestEnv        *env,
                        HdFakeMastodon *fake,
                        const char     *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (channel, "Corner Bakery");
  hd_channel_set_handle (channel, "@bakery@bakery.example");
  hd_channel_set_base_url (channel, hd_fake_mastodon_get_url (fake));
  hd_channel_set_remote_account_id (channel, fake->account_id);
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (env->store, channel, &error);
  g_assert_no_error (error);

  hd_secrets_store_async (hd_channel_get_id (channel), HD_SECRET_KIND_ACCESS_TOKEN,
                          "Herald: Mastodon access token", token, NULL, test_store_result,
                          &result);
  g_assert_true (hd_secrets_store_finish (test_wait (&result), &error));
  g_assert_no_error (error);

  return channel;
}

/* @text published on @channel through its provider, and recorded as the sender records a
 * post that went out at @published_at; its id on the platform in @remote_id when wanted. */
static inline HdPost *
test_sync_publish (TestEnv    *env,
                   HdChannel  *channel,
                   const char *text,
                   gint64      published_at,
                   char      **remote_id)
{
  g_autoptr(HdProvider) provider = NULL;
  g_autoptr(HdProviderPost) request = NULL;
  g_autoptr(HdProviderResult) published = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  HdPost *post;
  HdVariant *variant;

  provider = hd_provider_new_for_channel (env->http, env->store, channel, &error);
  g_assert_no_error (error);

  post = test_save_draft (env, channel, text);
  request = test_provider_post (post, channel, key, published_at);
  hd_provider_publish_async (provider, request, NULL, test_store_result, &result);
  published = hd_provider_publish_finish (provider, test_wait (&result), &error);
  g_assert_no_error (error);

  variant = hd_post_find_variant (post, hd_channel_get_id (channel));
  hd_variant_set_remote_id (variant, published->remote_id);
  hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
  hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
  hd_post_set_scheduled_at (post, published_at);
  hd_post_set_time_zone (post, "Europe/London");
  hd_post_set_published_at (post, published_at);
  hd_store_save_post (env->store, post, &error);
  g_assert_no_error (error);

  if (remote_id != NULL)
    *remote_id = g_strdup (published->remote_id);
  return post;
}

/* The one number @sql, a SELECT count, gives on @env's store. */
static inline guint
test_sync_count (TestEnv    *env,
                 const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = _hd_store_prepare (env->store, sql, "test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

G_END_DECLS
