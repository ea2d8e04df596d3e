/* test-cli.c: `herald import`, `export` and `posts` run as a user would, without a display.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

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

/* Two channels to import to, as the GUI would have saved them. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdChannel) mastodon = hd_channel_new ();
  g_autoptr(HdChannel) bluesky = hd_channel_new ();
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("herald-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  path = g_build_filename (fixture->data_dir, "herald.db", NULL);

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  hd_channel_set_kind (mastodon, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (mastodon, "Bakery toots");
  hd_store_save_channel (store, mastodon, &error);
  g_assert_no_error (error);
  hd_channel_set_kind (bluesky, HD_CHANNEL_KIND_BLUESKY);
  hd_channel_set_display_name (bluesky, "Bakery sky");
  hd_store_save_channel (store, bluesky, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

/* Runs the built `herald` with no display at all, so anything reaching for GTK fails. */
static int
run_herald (Fixture     *fixture,
            char       **out,
            char       **err,
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
    g_ptr_array_add (args, (gpointer)arg);
  va_end (list);
  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, fixture->data_dir);
  g_ptr_array_add (args, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "HERALD_DATA_DIR");
  env = g_environ_setenv (env, "GDK_BACKEND", "none", TRUE);

  g_spawn_sync (fixture->dir, (char **)args->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static const char good_csv[] =
  "date,time,zone,channels,text,labels\n"
  "2031-05-04,09:30,Europe/London,Bakery toots;bluesky,\"Fresh bread, warm from the oven\","
  "Bakes\n"
  "2031-05-05,17:00,America/New_York,mastodon,Evening special,\n";

static gint64
count_posts (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->data_dir, "herald.db", NULL);
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  guint n = 0;

  g_assert_no_error (error);
  hd_store_count_posts (store, &n, &error);
  g_assert_no_error (error);

  return n;
}

static void
test_import_good (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "plan.csv", good_csv);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A dry run reports and writes nothing. */
  g_assert_cmpint (run_herald (fixture, &out, &err, "import", csv, "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 rows"));
  g_assert_nonnull (strstr (out, "Dry run"));
  g_assert_cmpint (count_posts (fixture), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "import", "plan.csv", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 2 posts."));
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (count_posts (fixture), ==, 2);
}

static void
test_import_bad (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "bad.csv",
                                     "date,time,channels,text\n"
                                     "2031-05-04,09:30,mastodon,Fine\n"
                                     "2031-02-30,09:30,mastodon,No such day\n"
                                     "2031-05-04,09:30,Tumblr,Unknown channel\n");
  g_autofree char *junk = write_file (fixture, "junk.csv", "not,a,post,file\n1,2,3,4\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Like the GUI: one bad row and nothing is imported; every bad row is named. */
  g_assert_cmpint (run_herald (fixture, &out, &err, "import", csv, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "2 have a problem"));
  g_assert_nonnull (strstr (err, "Line 3: "));
  g_assert_nonnull (strstr (err, "2031-02-30"));
  g_assert_nonnull (strstr (err, "Line 4: "));
  g_assert_nonnull (strstr (err, "Tumblr"));
  g_assert_nonnull (strstr (err, "Nothing was imported"));
  g_assert_cmpint (count_posts (fixture), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "import", junk, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "date"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "import", "missing.csv", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "missing.csv"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A command line that makes no sense is a usage error. */
  g_assert_cmpint (run_herald (fixture, &out, &err, "import", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Name the CSV file"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, &out, &err, "import", csv, "--zone", "Mars/Olympus",
                               NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Mars/Olympus"));
  g_assert_cmpint (count_posts (fixture), ==, 0);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "plan.csv", good_csv);
  g_autofree char *exported_csv = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autofree char *exported_ics = g_build_filename (fixture->dir, "out.ics", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  guint n_events = 0;

  g_assert_cmpint (run_herald (fixture, &out, &err, "import", csv, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "export", "--csv", exported_csv, NULL), ==, 0);
  g_file_get_contents (exported_csv, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "date,time,zone,channels,text,media,labels\r\n") ||
                 g_str_has_prefix (contents, "date,time,zone,channels,text,media,labels\n"));
  g_assert_nonnull (strstr (contents, "2031-05-04,09:30,Europe/London,Bakery toots; Bakery sky,"
                                      "\"Fresh bread, warm from the oven\",,Bakes"));
  g_assert_nonnull (strstr (contents, "2031-05-05,17:00,America/New_York,Bakery toots,"
                                      "Evening special"));
  g_clear_pointer (&contents, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Only the first day: --to includes the whole of it. */
  g_assert_cmpint (run_herald (fixture, &out, &err, "export", "--ics", exported_ics,
                               "--from", "2031-05-04", "--to", "2031-05-04", NULL), ==, 0);
  g_file_get_contents (exported_ics, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR"));
  for (const char *p = contents; (p = strstr (p, "BEGIN:VEVENT")) != NULL; p++)
    n_events++;
  g_assert_cmpuint (n_events, ==, 1);
  g_assert_nonnull (strstr (contents, "DTSTART:20310504T083000Z"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "export", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--csv"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, &out, &err, "export", "--csv", "x.csv", "--from",
                               "04/05/2031", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "04/05/2031"));
}

/* `herald --data-dir DIR posts` is the same command as `herald posts --data-dir DIR`, not the
 * window: with no display at all the window could not open. */
static void
test_data_dir_first (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "plan.csv", good_csv);
  g_autofree char *herald = g_build_filename (g_getenv ("HERALD_BUILD_ROOT"), "src", "herald",
                                              NULL);
  g_autofree char *option = g_strconcat ("--data-dir=", fixture->data_dir, NULL);
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_assert_cmpint (run_herald (fixture, &out, &err, "import", csv, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "HERALD_DATA_DIR");
  env = g_environ_setenv (env, "GDK_BACKEND", "none", TRUE);

  g_spawn_sync (fixture->dir, (char *[]) { herald, "--data-dir", fixture->data_dir, "posts", NULL },
                env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_nonnull (strstr (out, "Fresh bread, warm from the oven"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_spawn_sync (fixture->dir, (char *[]) { herald, option, "posts", NULL }, env, G_SPAWN_DEFAULT,
                NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_nonnull (strstr (out, "Fresh bread, warm from the oven"));
}

static void
test_posts (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *csv = write_file (fixture, "plan.csv", good_csv);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_herald (fixture, &out, &err, "posts", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "No posts"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "import", csv, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "posts", NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  /* Each time on the clock of the zone the post was planned in. */
  g_assert_true (g_str_has_prefix (lines[1], "2031-05-04 09:30 BST"));
  g_assert_nonnull (strstr (lines[1], "Scheduled"));
  g_assert_nonnull (strstr (lines[1], "Bakery toots, Bakery sky"));
  g_assert_nonnull (strstr (lines[1], "Fresh bread, warm from the oven"));
  g_assert_true (g_str_has_prefix (lines[2], "2031-05-05 17:00 EDT"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "posts", "--from", "2031-05-05", NULL), ==, 0);
  g_assert_null (strstr (out, "Fresh bread"));
  g_assert_nonnull (strstr (out, "Evening special"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/cli/import/good", Fixture, NULL, fixture_set_up, test_import_good,
              fixture_tear_down);
  g_test_add ("/herald/cli/import/bad", Fixture, NULL, fixture_set_up, test_import_bad,
              fixture_tear_down);
  g_test_add ("/herald/cli/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);
  g_test_add ("/herald/cli/posts", Fixture, NULL, fixture_set_up, test_posts,
              fixture_tear_down);
  g_test_add ("/herald/cli/data-dir-first", Fixture, NULL, fixture_set_up, test_data_dir_first,
              fixture_tear_down);

  return g_test_run ();
}
