/* test-cli-sync.c: `herald sync` telling the user about a post that missed its time, run as
 * a user would, on the real clock
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "hd-core.h"

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("herald-cli-sync-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

static int
run_herald (Fixture  *fixture,
            char    **out,
            char    **err,
            ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *herald = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *arg;
  int status = 0;
  va_list list;

  herald = g_build_filename (g_getenv ("HERALD_BUILD_ROOT"), "src", "herald", NULL);
  g_ptr_array_add (args, herald);
  va_start (list, err);
  while ((arg = va_arg (list, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, fixture->data_dir);
  g_ptr_array_add (args, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "HERALD_DATA_DIR");
  env = g_environ_setenv (env, "GDK_BACKEND", "none", TRUE);
  /* The test machine may have no default route; nothing here goes on the network. */
  env = g_environ_setenv (env, "GIO_USE_NETWORK_MONITOR", "base", TRUE);

  g_spawn_sync (fixture->dir, (char **) args->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static HdStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  HdStore *store;

  g_mkdir_with_parents (fixture->data_dir, 0700);
  path = g_build_filename (fixture->data_dir, "herald.db", NULL);
  store = hd_store_open (path, &error);
  g_assert_no_error (error);

  return store;
}

/* A connected Bluesky channel; its server is never asked, since a missed post is decided
 * before anything is sent. */
static char *
add_channel (HdStore *store)
{
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autoptr(GError) error = NULL;

  hd_channel_set_kind (channel, HD_CHANNEL_KIND_BLUESKY);
  hd_channel_set_display_name (channel, "Bakery sky");
  hd_channel_set_base_url (channel, "http://127.0.0.1:9");
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);

  return g_strdup (hd_channel_get_id (channel));
}

static void
save_post (HdStore    *store,
           const char *channel_id,
           const char *text,
           gint64      at)
{
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();
  g_autoptr(GError) error = NULL;

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, at);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, channel_id);
  hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
  hd_post_add_variant (post, variant);
  hd_store_save_post (store, post, &error);
  g_assert_no_error (error);
}

/* Two hours late with no Herald running: `herald sync` does not send it, says when it was
 * due in the zone the user chose, what to do, and exits 1; the next run reminds. */
static void
test_sync_prints_missed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(HdStore) store = open_store (fixture);
  g_autofree char *channel_id = add_channel (store);
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *when = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) missed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 at = g_get_real_time () / G_USEC_PER_SEC - 2 * 60 * 60;

  save_post (store, channel_id, "Breakfast rolls", at);
  g_clear_object (&store);

  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);

    due = g_date_time_to_timezone (utc, london);
  }
  when = g_date_time_format (due, "%H:%M on %a %-d %b");
  expected = g_strdup_printf ("Breakfast rolls · Bakery sky · missed: Missed its time, %s, "
                              "while Herald was not running. Send it now or pick a new time.\n",
                              when);

  g_assert_cmpint (run_herald (fixture, &out, &err, "sync", NULL), ==, 1);
  g_assert_cmpstr (out, ==, expected);
  g_assert_nonnull (strstr (err, "1 change did not go out"));

  store = open_store (fixture);
  missed = hd_store_list_changes (store, NULL, HD_OUTBOX_STATE_MISSED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missed->len, ==, 1);
  g_clear_object (&store);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, &out, &err, "sync", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1 post missed its time and waits for you to send it late or pick "
                            "a new time.\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/cli/sync/missed", Fixture, NULL, fixture_set_up,
              test_sync_prints_missed, fixture_tear_down);

  return g_test_run ();
}
