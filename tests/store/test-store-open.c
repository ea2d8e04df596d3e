/* test-store-open.c: opening the store on another thread, as the window does at start.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hd-store.h"
#include "hd-store-posts.h"

#define PAGE_SIZE     4096
#define DAMAGED_PAGES 4

static char *
make_path (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "herald", NULL);

  return g_build_filename (dir, "herald.db", NULL);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static HdStore *
open_and_wait (const char    *path,
               GCancellable  *cancellable,
               gboolean       cancel_at_once,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_store_open_async (path, cancellable, store_result, &result);
  if (cancel_at_once)
    g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return hd_store_open_finish (result, error);
}

static void
fill (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_no_error (error);
  g_assert_true (hd_store_seed_sample (store, now, &error));
  g_assert_no_error (error);
}

static void
test_open_async_hands_over (void)
{
  g_autofree char *path = make_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint n_posts = 0;

  /* A new file, made, checked and migrated on the other thread... */
  store = open_and_wait (path, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (hd_store_get_path (store), ==, path);
  g_assert_cmpint (hd_store_get_schema_version (store), ==, HD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (g_stat (path, &(GStatBuf) { 0 }), ==, 0);

  /* ...then read and written on this one. */
  g_assert_true (hd_store_seed_sample (store, now, &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_count_posts (store, &n_posts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_posts, >, 0);
}

static void
test_open_async_damaged_untouched (void)
{
  g_autofree char *path = make_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  gsize before_length = 0;
  gsize after_length = 0;
  gsize first;

  fill (path);
  g_file_get_contents (path, &before, &before_length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before_length / PAGE_SIZE, >=, 4 * DAMAGED_PAGES);

  /* Pages in the middle, past the schema: the file opens, the quick check refuses it. */
  first = (before_length / PAGE_SIZE / 2) * PAGE_SIZE;
  for (gsize i = 0; i < DAMAGED_PAGES * PAGE_SIZE; i++)
    before[first + i] = (char) (0x5a ^ i);
  g_file_set_contents (path, before, before_length, &error);
  g_assert_no_error (error);

  store = open_and_wait (path, NULL, FALSE, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, path));

  g_file_get_contents (path, &after, &after_length, NULL);
  g_assert_cmpmem (before, before_length, after, after_length);
}

static void
test_open_async_cancelled (void)
{
  g_autofree char *path = make_path ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdStore) again = NULL;

  fill (path);

  store = open_and_wait (path, cancellable, TRUE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (store);
  g_clear_error (&error);

  /* The connection the cancelled open made is closed: the file opens again, unlocked. */
  again = hd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/store/open-async/hands-over", test_open_async_hands_over);
  g_test_add_func ("/herald/store/open-async/damaged-untouched",
                   test_open_async_damaged_untouched);
  g_test_add_func ("/herald/store/open-async/cancelled", test_open_async_cancelled);

  return g_test_run ();
}
