/* test-media.c: pictures copied into the data folder, each channel's media rules, shrinking.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>
#include <sys/stat.h>

#include "hd-test-store.h"

/* A picture of @width × @height; noisy pictures compress badly, as photos do. */
static GdkPixbuf *
make_picture (int      width,
              int      height,
              gboolean noisy)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, width, height);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guchar *p = pixels + y * stride + x * 4;

        p[0] = noisy ? g_test_rand_int_range (0, 256) : x % 256;
        p[1] = noisy ? g_test_rand_int_range (0, 256) : y % 256;
        p[2] = 128;
        p[3] = 255;
      }

  return pixbuf;
}

static char *
write_picture (Fixture    *fixture,
               GdkPixbuf  *pixbuf,
               const char *type,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);

  return path;
}

static HdMedia *
import_path (Fixture     *fixture,
             const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return hd_store_import_media (fixture->store, file, NULL, error);
}

static guint
count_media_files (Fixture *fixture)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "media", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = make_picture (64, 48, FALSE);
  /* PNG bytes under a JPEG name: the type comes from the content. */
  g_autofree char *path = write_picture (fixture, pixbuf, "png", "holiday.jpg");
  g_autofree char *copy_path = NULL;
  g_autofree char *again_path = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *checksum = NULL;
  g_autoptr(HdMedia) media = NULL;
  g_autoptr(HdMedia) again = NULL;
  g_autoptr(HdMedia) loaded = NULL;
  g_autofree char *expected_dir = g_build_filename (fixture->dir, "media", NULL);
  gsize length = 0;
  GStatBuf st;

  g_file_get_contents (path, &bytes, &length, &error);
  g_assert_no_error (error);
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)bytes, length);

  media = import_path (fixture, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (media);
  g_assert_cmpstr (hd_media_get_sha256 (media), ==, checksum);
  g_assert_cmpstr (hd_media_get_mime_type (media), ==, "image/png");
  g_assert_cmpint (hd_media_get_width (media), ==, 64);
  g_assert_cmpint (hd_media_get_height (media), ==, 48);
  g_assert_cmpint (hd_media_get_bytes (media), ==, (gint64)length);

  /* The copy lives in the data folder, named by its hash, readable by its owner only. */
  copy_path = hd_store_get_media_file_path (fixture->store, media);
  g_assert_true (g_path_is_absolute (copy_path));
  g_assert_true (g_str_has_prefix (copy_path, expected_dir));
  g_assert_nonnull (strstr (copy_path, checksum));
  g_assert_true (g_str_has_suffix (copy_path, ".png"));
  g_assert_cmpint (g_stat (copy_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, (goffset)length);

  loaded = hd_store_load_media (fixture->store, checksum, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_media_get_mime_type (loaded), ==, "image/png");

  /* The same bytes under another name are the same media: one row, one file. */
  again_path = g_build_filename (fixture->dir, "copy of holiday.png", NULL);
  g_file_set_contents (again_path, bytes, length, &error);
  g_assert_no_error (error);
  hd_media_set_alt_text (loaded, "A beach at dusk");
  hd_store_save_media (fixture->store, loaded, &error);
  g_assert_no_error (error);
  again = import_path (fixture, again_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_media_get_sha256 (again), ==, checksum);
  g_assert_cmpstr (hd_media_get_alt_text (again), ==, "A beach at dusk");
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM media"), ==, 1);
  g_assert_cmpuint (count_media_files (fixture), ==, 1);
}

static void
test_import_corrupt (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = make_picture (64, 64, TRUE);
  g_autofree char *good = write_picture (fixture, pixbuf, "png", "good.png");
  g_autofree char *truncated = g_build_filename (fixture->dir, "truncated.png", NULL);
  g_autofree char *noise = g_build_filename (fixture->dir, "noise.jpg", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.png", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(HdMedia) media = NULL;
  gsize length;

  g_file_get_contents (good, &bytes, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (truncated, bytes, length / 2, &error);
  g_assert_no_error (error);
  g_file_set_contents (noise, "This is not a picture at all.", -1, &error);
  g_assert_no_error (error);

  media = import_path (fixture, truncated, &error);
  g_assert_null (media);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "truncated.png"));
  g_clear_error (&error);

  media = import_path (fixture, noise, &error);
  g_assert_null (media);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "noise.jpg"));
  g_clear_error (&error);

  media = import_path (fixture, missing, &error);
  g_assert_null (media);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing was kept of any of them. */
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM media"), ==, 0);
  g_assert_cmpuint (count_media_files (fixture), ==, 0);
}

static void
on_imported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  HdMedia **media = user_data;
  g_autoptr(GError) error = NULL;

  *media = hd_store_import_media_finish (HD_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_import_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = make_picture (32, 20, FALSE);
  g_autofree char *path = write_picture (fixture, pixbuf, "jpeg", "shop.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HdMedia) media = NULL;

  hd_store_import_media_async (fixture->store, file, NULL, on_imported, &media);
  while (media == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (hd_media_get_mime_type (media), ==, "image/jpeg");
  g_assert_cmpint (hd_media_get_width (media), ==, 32);
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM media"), ==, 1);
}

static HdMedia *
fake_media (const char *mime_type,
            gint64      bytes)
{
  HdMedia *media = hd_media_new ();

  hd_media_set_mime_type (media, mime_type);
  hd_media_set_bytes (media, bytes);

  return media;
}

static guint
check (HdChannelKind  kind,
       HdMedia      **media,
       guint          n_media,
       GPtrArray     *problems)
{
  g_ptr_array_set_size (problems, 0);
  hd_media_check_for_channel (kind, media, n_media, problems);

  return problems->len;
}

static void
test_channel_rules (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  HdMedia *five[5];
  g_autoptr(HdMedia) png = fake_media ("image/png", 200000);
  g_autoptr(HdMedia) jpeg = fake_media ("image/jpeg", 200000);
  g_autoptr(HdMedia) large = fake_media ("image/jpeg", 1000000);
  g_autoptr(HdMedia) just_under = fake_media ("image/jpeg", 999999);
  g_autoptr(HdMedia) huge = fake_media ("image/jpeg", 6 * 1024 * 1024);

  for (guint i = 0; i < G_N_ELEMENTS (five); i++)
    five[i] = fake_media ("image/jpeg", 1000);

  /* Instagram needs a JPEG picture. */
  g_assert_cmpuint (check (HD_CHANNEL_KIND_INSTAGRAM, NULL, 0, problems), ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "Instagram"));
  g_assert_cmpuint (check (HD_CHANNEL_KIND_INSTAGRAM, (HdMedia *[]) { png }, 1, problems), ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "JPEG"));
  g_assert_true (hd_media_check_for_channel (HD_CHANNEL_KIND_INSTAGRAM,
                                             (HdMedia *[]) { jpeg }, 1, problems));

  /* Bluesky: at most four, each under 1,000,000 bytes. */
  g_assert_cmpuint (check (HD_CHANNEL_KIND_BLUESKY, five, 5, problems), ==, 1);
  g_assert_cmpuint (check (HD_CHANNEL_KIND_BLUESKY, five, 4, problems), ==, 0);
  g_assert_cmpuint (check (HD_CHANNEL_KIND_BLUESKY, (HdMedia *[]) { large }, 1, problems), ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "smaller"));
  g_assert_cmpuint (check (HD_CHANNEL_KIND_BLUESKY, (HdMedia *[]) { just_under }, 1, problems),
                    ==, 0);
  g_assert_cmpuint (check (HD_CHANNEL_KIND_BLUESKY, NULL, 0, problems), ==, 0);

  /* Mastodon: four attachments. X states no count or size Herald can cite, so X itself
   * answers for those. */
  g_assert_cmpuint (check (HD_CHANNEL_KIND_MASTODON, five, 5, problems), ==, 1);
  g_assert_cmpuint (check (HD_CHANNEL_KIND_MASTODON, five, 4, problems), ==, 0);
  g_assert_cmpuint (check (HD_CHANNEL_KIND_X, five, 5, problems), ==, 0);
  g_assert_cmpuint (check (HD_CHANNEL_KIND_X, (HdMedia *[]) { huge }, 1, problems), ==, 0);
  g_assert_cmpuint (check (HD_CHANNEL_KIND_X, (HdMedia *[]) { large }, 1, problems), ==, 0);

  /* Facebook and LinkedIn take more, but not without end. */
  g_assert_cmpuint (check (HD_CHANNEL_KIND_FACEBOOK_PAGE, five, 5, problems), ==, 0);
  g_assert_cmpuint (check (HD_CHANNEL_KIND_LINKEDIN, (HdMedia *[]) { huge }, 1, problems), ==, 0);

  /* LinkedIn's multi-image posts take up to twenty pictures. */
  {
    HdMedia *many[21];

    for (guint i = 0; i < G_N_ELEMENTS (many); i++)
      many[i] = jpeg;
    g_assert_cmpuint (check (HD_CHANNEL_KIND_LINKEDIN, many, 20, problems), ==, 0);
    g_assert_cmpuint (check (HD_CHANNEL_KIND_LINKEDIN, many, 21, problems), ==, 1);
  }

  /* One sentence per problem: too many and one too large. */
  g_set_object (&five[4], large);
  g_assert_cmpuint (check (HD_CHANNEL_KIND_BLUESKY, five, 5, problems), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (five); i++)
    g_object_unref (five[i]);
}

static void
test_shrink (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = make_picture (1600, 1200, TRUE);
  g_autofree char *path = write_picture (fixture, pixbuf, "png", "big.png");
  g_autofree char *small_path = NULL;
  g_autoptr(HdMedia) media = NULL;
  g_autoptr(HdMedia) small = NULL;
  g_autoptr(GdkPixbuf) reread = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autofree char *small_bytes = NULL;
  gsize small_length = 0;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  GStatBuf st;

  media = import_path (fixture, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_media_get_bytes (media), >, 1000000);
  g_assert_false (hd_media_check_for_channel (HD_CHANNEL_KIND_BLUESKY, &media, 1, problems));
  hd_media_set_alt_text (media, "Static");
  hd_store_save_media (fixture->store, media, &error);
  g_assert_no_error (error);

  small = hd_store_shrink_media (fixture->store, media, 1000000, &error);
  g_assert_no_error (error);
  g_assert_nonnull (small);
  g_assert_cmpstr (hd_media_get_sha256 (small), !=, hd_media_get_sha256 (media));
  g_assert_cmpstr (hd_media_get_mime_type (small), ==, "image/jpeg");
  g_assert_cmpint (hd_media_get_bytes (small), <, 1000000);
  g_assert_cmpstr (hd_media_get_alt_text (small), ==, "Static");

  /* What is on disk is what the row says, and Bluesky now takes it. */
  small_path = hd_store_get_media_file_path (fixture->store, small);
  g_assert_cmpint (g_stat (small_path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, hd_media_get_bytes (small));
  /* Read as a JPEG whatever the test's isolated MIME database says. */
  g_file_get_contents (small_path, &small_bytes, &small_length, &error);
  g_assert_no_error (error);
  loader = gdk_pixbuf_loader_new_with_mime_type ("image/jpeg", &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_write (loader, (const guchar *)small_bytes, small_length, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  reread = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
  g_assert_cmpint (gdk_pixbuf_get_width (reread), ==, hd_media_get_width (small));
  /* The shape survives downscaling. */
  g_assert_cmpint (ABS (gdk_pixbuf_get_width (reread) * 3 - gdk_pixbuf_get_height (reread) * 4),
                   <=, 4);
  g_ptr_array_set_size (problems, 0);
  g_assert_true (hd_media_check_for_channel (HD_CHANNEL_KIND_BLUESKY, &small, 1, problems));
  g_assert_cmpint (count_rows (fixture, "SELECT count(*) FROM media"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/store/media/import", Fixture, NULL, fixture_set_up, test_import,
              fixture_tear_down);
  g_test_add ("/herald/store/media/import-corrupt", Fixture, NULL, fixture_set_up,
              test_import_corrupt, fixture_tear_down);
  g_test_add ("/herald/store/media/import-async", Fixture, NULL, fixture_set_up,
              test_import_async, fixture_tear_down);
  g_test_add_func ("/herald/store/media/channel-rules", test_channel_rules);
  g_test_add ("/herald/store/media/shrink", Fixture, NULL, fixture_set_up, test_shrink,
              fixture_tear_down);

  return g_test_run ();
}
