/* hd-media-library.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-media"

#include "config.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "hd-media.h"
#include "hd-media-library.h"
#include "hd-store-private.h"

#define MEDIA_FOLDER "media"

/* What reading a picture found, gathered without touching the database so it can be done in
 * a worker thread. */
typedef struct
{
  char   *sha256;
  char   *mime_type;
  char   *relative_path;
  int     width;
  int     height;
  gint64  bytes;
} Picture;

static void
picture_free (Picture *picture)
{
  g_free (picture->sha256);
  g_free (picture->mime_type);
  g_free (picture->relative_path);
  g_free (picture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Picture, picture_free)

static char *
data_dir_of (HdStore *self)
{
  return g_path_get_dirname (hd_store_get_path (self));
}

static const char *
extension_for (const char *mime_type)
{
  static const struct
  {
    const char *mime_type;
    const char *extension;
  } extensions[] = {
    { "image/jpeg", "jpg" },
    { "image/png", "png" },
    { "image/gif", "gif" },
    { "image/webp", "webp" },
    { "image/avif", "avif" },
    { "image/heif", "heic" },
    { "image/tiff", "tif" },
    { "image/bmp", "bmp" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      if (g_strcmp0 (extensions[i].mime_type, mime_type) == 0)
        return extensions[i].extension;
    }

  return "img";
}

static void
set_unreadable_error (GError     **error,
                      const char  *name)
{
  g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
               _("“%s” is not a picture Herald can read. It may be damaged, or in a format "
                 "Herald does not know; save it as JPEG or PNG and try again."), name);
}

/* The formats people post, told apart by their first bytes. GdkPixbuf would ask the shared
 * MIME database instead, which a sandbox or a bare system may not have. */
static const char *
sniff_mime_type (const guint8 *data,
                 gsize         size)
{
  if (size >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "image/jpeg";
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";

  return NULL;
}

/* GdkPixbuf's incremental loaders take a file cut short for a complete one, painting the
 * missing rows grey; a file that was cut off in a copy or download is refused instead. */
static gboolean
is_complete (const char   *mime_type,
             const guint8 *data,
             gsize         size)
{
  if (g_strcmp0 (mime_type, "image/png") == 0)
    return size >= 12 && memcmp (data + size - 12, "\0\0\0\0IEND\xae\x42\x60\x82", 12) == 0;

  if (g_strcmp0 (mime_type, "image/jpeg") == 0)
    {
      const guint8 *scan = NULL;

      /* The end marker after the last scan; an embedded thumbnail has its own, earlier. */
      for (gsize i = size - 1; i > 0 && scan == NULL; i--)
        {
          if (data[i - 1] == 0xff && data[i] == 0xda)
            scan = data + i;
        }
      if (scan == NULL)
        return FALSE;
      for (const guint8 *p = scan; p + 1 < data + size; p++)
        {
          if (p[0] == 0xff && p[1] == 0xd9)
            return TRUE;
        }
      return FALSE;
    }

  return TRUE;
}

/* Decodes the whole picture: a damaged file is refused here rather than by a platform later.
 * The type comes from the content, whatever the file is called. */
/* The whole picture decoded, with its type from the content; NULL when it cannot be read. */
static GdkPixbuf *
decode_picture (GBytes  *bytes,
                char   **mime_type)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_auto(GStrv) mime_types = NULL;
  GdkPixbufFormat *format;
  GdkPixbuf *pixbuf;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  const char *sniffed = sniff_mime_type (data, size);

  if (sniffed != NULL)
    loader = gdk_pixbuf_loader_new_with_mime_type (sniffed, NULL);
  if (loader == NULL)
    loader = gdk_pixbuf_loader_new ();

  if (size == 0 || !is_complete (sniffed, data, size) ||
      !gdk_pixbuf_loader_write (loader, data, size, NULL) ||
      !gdk_pixbuf_loader_close (loader, NULL))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  format = gdk_pixbuf_loader_get_format (loader);
  if (pixbuf == NULL || format == NULL)
    return NULL;

  mime_types = gdk_pixbuf_format_get_mime_types (format);
  if (sniffed != NULL)
    *mime_type = g_strdup (sniffed);
  else if (mime_types != NULL && mime_types[0] != NULL)
    *mime_type = g_strdup (mime_types[0]);
  else
    *mime_type = g_strdup ("application/octet-stream");

  return g_object_ref (pixbuf);
}

static gboolean
read_picture (GBytes      *bytes,
              const char  *name,
              Picture     *picture,
              GError     **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  pixbuf = decode_picture (bytes, &picture->mime_type);
  if (pixbuf == NULL)
    {
      set_unreadable_error (error, name);
      return FALSE;
    }

  picture->width = gdk_pixbuf_get_width (pixbuf);
  picture->height = gdk_pixbuf_get_height (pixbuf);
  picture->bytes = size;
  picture->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  picture->relative_path = g_strdup_printf (MEDIA_FOLDER "/%s.%s", picture->sha256,
                                            extension_for (picture->mime_type));

  return TRUE;
}

/* The copy is only readable by its owner, like the database beside it. */
static gboolean
write_copy (const char  *data_dir,
            GBytes      *bytes,
            Picture     *picture,
            GError     **error)
{
  g_autofree char *folder = g_build_filename (data_dir, MEDIA_FOLDER, NULL);
  g_autofree char *path = g_build_filename (data_dir, picture->relative_path, NULL);
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* Named by content: a file already there with the right size holds the same bytes. */
  if (g_stat (path, &st) == 0 && (gsize)st.st_size == size)
    return TRUE;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY,
                   _("Herald could not make the folder “%s” for pictures (%s). Check that you "
                     "may write there."), folder, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 &local_error))
    {
      g_set_error (error, HD_STORE_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
                     ? HD_STORE_ERROR_DISK_FULL : HD_STORE_ERROR_READ_ONLY,
                   _("Herald could not copy the picture into “%s” (%s). Check that there is "
                     "space and that you may write there."), folder, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static Picture *
prepare_picture (const char    *data_dir,
                 GBytes        *bytes,
                 const char    *name,
                 GError       **error)
{
  g_autoptr(Picture) picture = g_new0 (Picture, 1);

  if (!read_picture (bytes, name, picture, error) ||
      !write_copy (data_dir, bytes, picture, error))
    return NULL;

  return g_steal_pointer (&picture);
}

static char *
display_name_of (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename != NULL ? basename : "");
}

static Picture *
prepare_file (const char    *data_dir,
              GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *name = display_name_of (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                     _("Herald could not read “%s” (%s). Check that the file is still there "
                       "and that you may read it."), name, local_error->message);
      return NULL;
    }

  return prepare_picture (data_dir, bytes, name, error);
}

/* Writes the row, or hands back the one already there for the same bytes (keeping its alt
 * text). Runs on the store's thread. */
static HdMedia *
record_picture (HdStore     *self,
                Picture     *picture,
                const char  *alt_text,
                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HdMedia) media = NULL;

  media = hd_store_load_media (self, picture->sha256, &local_error);
  if (media != NULL)
    {
      /* The row may predate the copy (a restored database): point it at the file. */
      if (g_strcmp0 (hd_media_get_path (media), picture->relative_path) != 0)
        {
          g_autofree char *path = hd_store_get_media_file_path (self, media);

          if (!g_file_test (path, G_FILE_TEST_EXISTS))
            {
              hd_media_set_path (media, picture->relative_path);
              if (!hd_store_save_media (self, media, error))
                return NULL;
            }
        }
      return g_steal_pointer (&media);
    }

  if (!g_error_matches (local_error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  media = hd_media_new ();
  hd_media_set_sha256 (media, picture->sha256);
  hd_media_set_path (media, picture->relative_path);
  hd_media_set_mime_type (media, picture->mime_type);
  hd_media_set_width (media, picture->width);
  hd_media_set_height (media, picture->height);
  hd_media_set_bytes (media, picture->bytes);
  hd_media_set_alt_text (media, alt_text);

  if (!hd_store_save_media (self, media, error))
    return NULL;

  return g_steal_pointer (&media);
}

/**
 * hd_store_import_media:
 *
 * Returns: (transfer full): the media, or %NULL with @error set
 */
HdMedia *
hd_store_import_media (HdStore       *self,
                       GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *data_dir = NULL;
  g_autoptr(Picture) picture = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data_dir = data_dir_of (self);
  picture = prepare_file (data_dir, file, cancellable, error);
  if (picture == NULL)
    return NULL;

  return record_picture (self, picture, NULL, error);
}

typedef struct
{
  char  *data_dir;
  GFile *file;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->data_dir);
  g_clear_object (&data->file);
  g_free (data);
}

static void
prepare_in_thread (GTask         *task,
                   gpointer       source_object,
                   gpointer       task_data,
                   GCancellable  *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  Picture *picture;

  picture = prepare_file (data->data_dir, data->file, cancellable, &error);
  if (picture == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, picture, (GDestroyNotify)picture_free);
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  HdStore *self = HD_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(Picture) picture = NULL;
  GError *error = NULL;
  HdMedia *media;

  picture = g_task_propagate_pointer (G_TASK (result), &error);
  if (picture == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  media = record_picture (self, picture, NULL, &error);
  if (media == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, media, g_object_unref);
}

void
hd_store_import_media_async (HdStore              *self,
                             GFile                *file,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  ImportData *data;

  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_store_import_media_async);

  data = g_new0 (ImportData, 1);
  data->data_dir = data_dir_of (self);
  data->file = g_object_ref (file);

  worker = g_task_new (self, cancellable, prepare_cb, g_steal_pointer (&task));
  g_task_set_source_tag (worker, prepare_in_thread);
  g_task_set_task_data (worker, data, (GDestroyNotify)import_data_free);
  g_task_run_in_thread (worker, prepare_in_thread);
}

/**
 * hd_store_import_media_finish:
 *
 * Returns: (transfer full): the media, or %NULL with @error set
 */
HdMedia *
hd_store_import_media_finish (HdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hd_store_import_media_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * hd_store_get_media_file_path:
 *
 * Returns: (transfer full): the absolute path of the media's copy
 */
char *
hd_store_get_media_file_path (HdStore *self,
                              HdMedia *media)
{
  g_autofree char *data_dir = NULL;
  const char *path;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (HD_IS_MEDIA (media), NULL);

  path = hd_media_get_path (media);
  if (path != NULL && g_path_is_absolute (path))
    return g_strdup (path);

  /* Relative to the data folder, so the folder may move as a whole. */
  data_dir = data_dir_of (self);
  if (path == NULL || path[0] == '\0')
    return g_build_filename (data_dir, MEDIA_FOLDER, hd_media_get_sha256 (media), NULL);

  return g_build_filename (data_dir, path, NULL);
}

/* A shape as width:height, kept as two whole numbers so that 1.91:1 is 191:100 exactly. */
typedef struct
{
  guint width;
  guint height;
} Ratio;

typedef struct
{
  HdChannelKind  kind;
  guint          min_count;
  /* 0: the platform states no limit, so Herald sets none and shows the platform's refusal */
  guint          max_count;
  gint64         max_bytes;
  gboolean       jpeg_only;
  /* the narrowest and the widest shape taken; { 0, 0 } when no shape is stated */
  Ratio          narrowest;
  Ratio          widest;
} MediaRules;

/* Only what reference/channel-apis.md states, section by platform. Facebook (§3) states no
 * count or size for Page photos; LinkedIn (§5) gives 2 to 20 pictures in a multi-image post
 * and no size; X (§6) gives neither a count nor a size for media. Bluesky's blob limit
 * (§2) is strictly under 1,000,000 bytes. */
static const MediaRules media_rules[] = {
  /* §1: configuration.media_attachments of the example instance */
  { HD_CHANNEL_KIND_MASTODON, 0, 4, 16 * 1024 * 1024, FALSE, { 0, 0 }, { 0, 0 } },
  { HD_CHANNEL_KIND_BLUESKY, 0, 4, 1000000 - 1, FALSE, { 0, 0 }, { 0, 0 } },
  { HD_CHANNEL_KIND_FACEBOOK_PAGE, 0, 0, 0, FALSE, { 0, 0 }, { 0, 0 } },
  /* §4: JPEG only, 8 MiB, up to 10 in a carousel, between 4:5 and 1.91:1 */
  { HD_CHANNEL_KIND_INSTAGRAM, 1, 10, 8 * 1024 * 1024, TRUE, { 4, 5 }, { 191, 100 } },
  { HD_CHANNEL_KIND_LINKEDIN, 0, 20, 0, FALSE, { 0, 0 }, { 0, 0 } },
  { HD_CHANNEL_KIND_X, 0, 0, 0, FALSE, { 0, 0 }, { 0, 0 } },
};

static const MediaRules *
rules_for (HdChannelKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (media_rules); i++)
    {
      if (media_rules[i].kind == kind)
        return &media_rules[i];
    }

  return NULL;
}

/**
 * hd_media_get_channel_limits:
 * @max_count: (out) (optional): at most this many pictures, 0 when the platform states no
 *   limit
 * @max_bytes: (out) (optional): each at most this many bytes, 0 when none is stated
 *
 * The numbers hd_media_check_for_channel() checks, for a provider's capabilities.
 */
void
hd_media_get_channel_limits (HdChannelKind  kind,
                             guint         *max_count,
                             gsize         *max_bytes)
{
  const MediaRules *rules = rules_for (kind);

  g_return_if_fail (rules != NULL);

  if (max_count != NULL)
    *max_count = rules->max_count;
  if (max_bytes != NULL)
    *max_bytes = (gsize) rules->max_bytes;
}

static char *
format_size (gint64 bytes)
{
  /* Decimal units, as the platforms state their limits. */
  return g_format_size_full (bytes, G_FORMAT_SIZE_DEFAULT);
}

/* "1:3" when the shape is a ratio of small whole numbers, else "2.35:1" or "1:2.35". */
static char *
describe_shape (int width,
                int height)
{
  int a = width;
  int b = height;

  while (b != 0)
    {
      int rest = a % b;

      a = b;
      b = rest;
    }

  if (width / a <= 32 && height / a <= 32)
    return g_strdup_printf ("%d:%d", width / a, height / a);

  if (width >= height)
    return g_strdup_printf ("%.2f:1", (double) width / height);

  return g_strdup_printf ("1:%.2f", (double) height / width);
}

/* Whether @width × @height lies between the narrowest and the widest shape, edges included. */
static gboolean
shape_accepted (const MediaRules *rules,
                int               width,
                int               height)
{
  guint64 w = (guint64) width;
  guint64 h = (guint64) height;

  return w * rules->narrowest.height >= h * rules->narrowest.width
         && w * rules->widest.height <= h * rules->widest.width;
}

gboolean
hd_media_check_for_channel (HdChannelKind     kind,
                            HdMedia * const  *media,
                            guint             n_media,
                            GPtrArray        *problems)
{
  const MediaRules *rules;
  const char *channel = hd_channel_kind_to_label (kind);
  guint n_before;

  g_return_val_if_fail (media != NULL || n_media == 0, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  rules = rules_for (kind);
  g_return_val_if_fail (rules != NULL, FALSE);

  n_before = problems->len;

  if (n_media < rules->min_count)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("%s needs a picture: add at least one."), channel));

  if (rules->max_count > 0 && n_media > rules->max_count)
    g_ptr_array_add (problems,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s takes at most %u picture; remove %u.",
                                                   "%s takes at most %u pictures; remove %u.",
                                                   rules->max_count),
                                      channel, rules->max_count, n_media - rules->max_count));

  for (guint i = 0; i < n_media; i++)
    {
      const char *mime_type = hd_media_get_mime_type (media[i]);
      gint64 bytes = hd_media_get_bytes (media[i]);
      int width = hd_media_get_width (media[i]);
      int height = hd_media_get_height (media[i]);

      if (mime_type == NULL || !g_str_has_prefix (mime_type, "image/"))
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Picture %u is not an image, and %s only takes "
                                            "images here."), i + 1, channel));
      else if (rules->jpeg_only && g_strcmp0 (mime_type, "image/jpeg") != 0)
        g_ptr_array_add (problems,
                         g_strdup_printf (_("Picture %u is not a JPEG, and %s only takes JPEG "
                                            "pictures. Herald can convert it."), i + 1, channel));

      if (rules->max_bytes > 0 && bytes > rules->max_bytes)
        {
          g_autofree char *size = format_size (bytes);
          g_autofree char *limit = NULL;

          /* Bluesky's rule is "under 1,000,000 bytes": say the round figure. */
          limit = format_size (rules->max_bytes + (kind == HD_CHANNEL_KIND_BLUESKY));

          g_ptr_array_add (problems,
                           g_strdup_printf (kind == HD_CHANNEL_KIND_BLUESKY
                                            ? _("Picture %u is %s, and %s takes pictures under "
                                                "%s. Herald can make it smaller.")
                                            : _("Picture %u is %s, and %s takes pictures up to "
                                                "%s. Herald can make it smaller."),
                                            i + 1, size, channel, limit));
        }

      /* A size of 0 is unknown (not read yet): the platform decides then. */
      if (rules->narrowest.width > 0 && width > 0 && height > 0
          && !shape_accepted (rules, width, height))
        {
          g_autofree char *shape = describe_shape (width, height);
          g_autofree char *narrowest = describe_shape (rules->narrowest.width,
                                                       rules->narrowest.height);
          g_autofree char *widest = describe_shape (rules->widest.width,
                                                    rules->widest.height);

          g_ptr_array_add (problems,
                           /* Translators: the shapes are width:height, such as 4:5, 1.91:1
                            * and 1:3; the second %s is the narrowest, the third the
                            * widest. */
                           g_strdup_printf (_("%s needs a picture between %s and %s; picture "
                                              "%u is %s. Crop it first."),
                                            channel, narrowest, widest, i + 1, shape));
        }
    }

  return problems->len == n_before;
}

/* JPEG has no transparency: what was see-through shows white, as on the platforms. */
static GdkPixbuf *
flatten_scaled (GdkPixbuf *source,
                double     scale)
{
  int width = MAX (1, (int)floor (gdk_pixbuf_get_width (source) * scale));
  int height = MAX (1, (int)floor (gdk_pixbuf_get_height (source) * scale));
  GdkPixbuf *flat = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  gdk_pixbuf_fill (flat, 0xffffffff);
  gdk_pixbuf_composite (source, flat, 0, 0, width, height, 0, 0,
                        (double)width / gdk_pixbuf_get_width (source),
                        (double)height / gdk_pixbuf_get_height (source),
                        GDK_INTERP_HYPER, 255);

  return flat;
}

static GBytes *
encode_jpeg (GdkPixbuf  *pixbuf,
             int         quality,
             GError    **error)
{
  g_autofree char *quality_text = g_strdup_printf ("%d", quality);
  char *buffer = NULL;
  gsize size = 0;

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error,
                                  "quality", quality_text, NULL))
    return NULL;

  return g_bytes_new_take (buffer, size);
}

/**
 * hd_store_shrink_media:
 *
 * Returns: (transfer full): the smaller copy, or %NULL with @error set
 */
HdMedia *
hd_store_shrink_media (HdStore  *self,
                       HdMedia  *media,
                       gsize     max_bytes,
                       GError  **error)
{
  static const int qualities[] = { 90, 82, 75 };
  g_autofree char *path = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GdkPixbuf) original = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(Picture) picture = NULL;
  g_autoptr(GError) local_error = NULL;
  double scale = 1.0;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (HD_IS_MEDIA (media), NULL);
  g_return_val_if_fail (max_bytes > 0, NULL);

  path = hd_store_get_media_file_path (self, media);
  file = g_file_new_for_path (path);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes != NULL)
    original = decode_picture (bytes, &mime_type);
  if (original == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      set_unreadable_error (error, name);
      return NULL;
    }
  oriented = gdk_pixbuf_apply_embedded_orientation (original);

  /* Lower the quality a little first, then take pixels away: past a point, fewer sharp pixels
   * look better than many blurred ones. Each round is bounded, so this ends. */
  for (guint round = 0; round < 12; round++)
    {
      for (guint q = 0; q < G_N_ELEMENTS (qualities); q++)
        {
          g_autoptr(GdkPixbuf) flat = flatten_scaled (oriented, scale);

          g_clear_pointer (&encoded, g_bytes_unref);
          encoded = encode_jpeg (flat, qualities[q], error);
          if (encoded == NULL)
            return NULL;
          if (g_bytes_get_size (encoded) < max_bytes)
            goto small_enough;
        }

      /* Bytes grow roughly with the pixel count, so scale the sides by the square root. */
      scale *= MIN (0.9, sqrt ((double)max_bytes / g_bytes_get_size (encoded)) * 0.95);
    }

  g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
               _("Herald could not make the picture small enough. Choose a smaller picture."));
  return NULL;

small_enough:
  data_dir = data_dir_of (self);
  picture = prepare_picture (data_dir, encoded, hd_media_get_sha256 (media), error);
  if (picture == NULL)
    return NULL;

  return record_picture (self, picture, hd_media_get_alt_text (media), error);
}
