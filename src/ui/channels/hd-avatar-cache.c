/* hd-avatar-cache.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-channels"

#include "config.h"

#include <glib/gi18n.h>

#include "channels/hd-avatar-cache.h"

struct _HdAvatarCache
{
  GObject parent_instance;

  /* owned references */
  HdHttp     *http;
  char       *dir;
  /* url → GdkTexture */
  GHashTable *textures;
};

G_DEFINE_FINAL_TYPE (HdAvatarCache, hd_avatar_cache, G_TYPE_OBJECT)

HdAvatarCache *
hd_avatar_cache_new (HdHttp     *http,
                     const char *dir)
{
  HdAvatarCache *self;

  g_return_val_if_fail (HD_IS_HTTP (http), NULL);

  self = g_object_new (HD_TYPE_AVATAR_CACHE, NULL);
  self->http = g_object_ref (http);
  self->dir = dir != NULL ? g_strdup (dir)
                          : g_build_filename (g_get_user_cache_dir (), "herald", "avatars", NULL);

  return self;
}

const char *
hd_avatar_cache_get_dir (HdAvatarCache *self)
{
  g_return_val_if_fail (HD_IS_AVATAR_CACHE (self), NULL);

  return self->dir;
}

GdkPaintable *
hd_avatar_cache_peek (HdAvatarCache *self,
                      const char    *url)
{
  g_return_val_if_fail (HD_IS_AVATAR_CACHE (self), NULL);

  if (url == NULL)
    return NULL;

  return g_hash_table_lookup (self->textures, url);
}

static char *
build_path (HdAvatarCache *self,
            const char    *url)
{
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);

  return g_build_filename (self->dir, name, NULL);
}

static void
remember (HdAvatarCache *self,
          const char    *url,
          GdkTexture    *texture)
{
  g_hash_table_replace (self->textures, g_strdup (url), g_object_ref (texture));
}

static void
downloaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdAvatarCache *self = g_task_get_source_object (task);
  const char *url = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (soup_message_get_status (message) != SOUP_STATUS_OK ||
      g_bytes_get_size (bytes) > HD_AVATAR_MAX_BYTES)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The account’s picture could not be downloaded."));
      return;
    }

  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The disk copy only saves a download next time: failing to write it is no failure. */
  path = build_path (self, url);
  if (g_mkdir_with_parents (self->dir, 0700) == 0)
    g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);

  remember (self, url, texture);
  g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
}

void
hd_avatar_cache_load_async (HdAvatarCache       *self,
                            const char          *url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *path = NULL;
  GdkPaintable *known;

  g_return_if_fail (HD_IS_AVATAR_CACHE (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_avatar_cache_load_async);
  g_task_set_task_data (task, g_strdup (url), g_free);

  known = hd_avatar_cache_peek (self, url);
  if (known != NULL)
    {
      g_task_return_pointer (task, g_object_ref (known), g_object_unref);
      return;
    }

  path = build_path (self, url);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, NULL);

      if (texture != NULL)
        {
          remember (self, url, texture);
          g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
          return;
        }
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("The account’s picture has no web address Herald can use."));
      return;
    }

  message = soup_message_new_from_uri ("GET", uri);
  soup_session_send_and_read_async (hd_http_get_session (self->http), message,
                                    G_PRIORITY_LOW, cancellable, downloaded_cb,
                                    g_steal_pointer (&task));
}

GdkPaintable *
hd_avatar_cache_load_finish (HdAvatarCache  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (HD_IS_AVATAR_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
hd_avatar_cache_finalize (GObject *object)
{
  HdAvatarCache *self = HD_AVATAR_CACHE (object);

  g_clear_object (&self->http);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_free (self->dir);

  G_OBJECT_CLASS (hd_avatar_cache_parent_class)->finalize (object);
}

static void
hd_avatar_cache_class_init (HdAvatarCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_avatar_cache_finalize;
}

static void
hd_avatar_cache_init (HdAvatarCache *self)
{
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}
