/* hd-test-channels.h: a fresh store, one HTTP session on a clock the test moves, and waiting
 * for asynchronous results, for the channel tests.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <glib/gstdio.h>
#include <string.h>

#include "hd-channels.h"
#include "hd-core.h"
#include "hd-secrets.h"

G_BEGIN_DECLS

/* 2026-03-02 10:00:00 UTC */
#define TEST_NOW G_GINT64_CONSTANT (1772445600)

/* One white pixel. */
#define TEST_PNG_BASE64 \
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"

typedef struct
{
  char    *dir;
  HdStore *store;
  HdHttp  *http;
  gint64   now;
} TestEnv;

static inline gint64
test_clock (gpointer user_data)
{
  return ((TestEnv *) user_data)->now;
}

static inline void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static inline void
test_env_init (TestEnv *env)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  env->dir = g_dir_make_tmp ("herald-channels-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (env->dir, "herald.db", NULL);
  env->store = hd_store_open (path, &error);
  g_assert_no_error (error);
  env->http = hd_http_new ();
  env->now = TEST_NOW;
  hd_rate_limiter_set_clock (hd_http_get_rate_limiter (env->http), test_clock, env);
}

static inline void
test_env_clear (TestEnv *env)
{
  g_clear_object (&env->http);
  g_assert_finalize_object (env->store);
  test_remove_tree (env->dir);
  g_free (env->dir);
}

static inline void
test_store_result (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs the main loop until *@result is set. */
static inline GAsyncResult *
test_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static inline char *
test_lookup_secret (const char   *channel_id,
                    HdSecretKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  hd_secrets_lookup_async (channel_id, kind, NULL, test_store_result, &result);
  secret = hd_secrets_lookup_finish (test_wait (&result), &error);
  g_assert_no_error (error);

  return secret;
}

static inline gboolean
test_file_contains (const char *path,
                    const char *needle)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

/* The database and its WAL, where a secret must never be. */
static inline void
test_assert_not_in_database (TestEnv    *env,
                             const char *secret)
{
  g_autofree char *wal = g_strconcat (hd_store_get_path (env->store), "-wal", NULL);

  g_assert_false (test_file_contains (hd_store_get_path (env->store), secret));
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    g_assert_false (test_file_contains (wal, secret));
}

static inline HdMedia *
test_import_png (TestEnv    *env,
                 const char *alt)
{
  g_autoptr(GError) error = NULL;
  g_autofree guchar *png = NULL;
  gsize length = 0;
  g_autofree char *path = g_build_filename (env->dir, "pixel.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HdMedia *media;

  png = g_base64_decode (TEST_PNG_BASE64, &length);
  g_assert_true (g_file_set_contents (path, (const char *) png, length, NULL));
  media = hd_store_import_media (env->store, file, NULL, &error);
  g_assert_no_error (error);
  hd_media_set_alt_text (media, alt);
  hd_store_save_media (env->store, media, &error);
  g_assert_no_error (error);

  return media;
}

/* A draft with one variant on @channel, saved, as the composer leaves it. */
static inline HdPost *
test_save_draft (TestEnv    *env,
                 HdChannel  *channel,
                 const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdVariant) variant = hd_variant_new ();
  HdPost *post = hd_post_new ();

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_DRAFT);
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_post_add_variant (post, variant);
  hd_store_save_post (env->store, post, &error);
  g_assert_no_error (error);

  return post;
}

static inline HdProviderPost *
test_provider_post (HdPost     *post,
                    HdChannel  *channel,
                    const char *key,
                    gint64      queued_at)
{
  HdVariant *variant = hd_post_find_variant (post, hd_channel_get_id (channel));
  HdProviderPost *request = hd_provider_post_new (post, variant, key);

  request->queued_at = queued_at;
  return request;
}

G_END_DECLS
