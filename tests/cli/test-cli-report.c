/* test-cli-report.c: `herald report` run as a user would, without a display: the CSV it
 * writes, and its exit codes for bad dates, zones, files and a PDF it cannot make
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "hd-core.h"
#include "hd-store-metrics.h"
#include "hd-store-posts.h"

#define ZONE "Europe/London"

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

static gint64
at (int year,
    int month,
    int day,
    int hour)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (ZONE);
  g_autoptr(GDateTime) time = g_date_time_new (zone, year, month, day, hour, 0, 0);

  return g_date_time_to_unix (time);
}

static void
add_metric (HdStore    *store,
            const char *post_id,
            const char *channel_id,
            const char *name,
            gint64      value)
{
  g_autoptr(HdMetric) metric = hd_metric_new ();
  g_autoptr(GError) error = NULL;

  hd_metric_set_subject (metric, HD_METRIC_SUBJECT_POST);
  hd_metric_set_subject_id (metric, post_id);
  hd_metric_set_channel_id (metric, channel_id);
  hd_metric_set_name (metric, name);
  hd_metric_set_value (metric, value);
  hd_metric_set_measured_at (metric, at (2026, 3, 5, 12));
  hd_store_add_metric (store, metric, &error);
  g_assert_no_error (error);
}

/* A channel with one post that went out on Tuesday 3 March 2026 at 09:00 in London, and one
 * that went out after the week the tests ask for. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autofree char *path = NULL;
  const struct { const char *text; gint64 at; gint64 likes; } posts[] = {
    { "Rye is back on Saturday, at last", at (2026, 3, 3, 9), 14 },
    { "Hot cross buns from Monday", at (2026, 3, 10, 9), 99 },
  };

  fixture->dir = g_dir_make_tmp ("herald-cli-report-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  path = g_build_filename (fixture->data_dir, "herald.db", NULL);

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  hd_channel_set_kind (channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (channel, "Bakery toots");
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      g_autoptr(HdPost) post = hd_post_new ();
      g_autoptr(HdVariant) variant = hd_variant_new ();

      hd_post_set_text (post, posts[i].text);
      hd_post_set_scheduled_at (post, posts[i].at);
      hd_post_set_published_at (post, posts[i].at);
      hd_post_set_time_zone (post, ZONE);
      hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
      hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
      hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
      hd_post_add_variant (post, variant);
      hd_store_save_post (store, post, &error);
      g_assert_no_error (error);

      add_metric (store, hd_post_get_id (post), hd_channel_get_id (channel),
                  HD_METRIC_REACTIONS, posts[i].likes);
      add_metric (store, hd_post_get_id (post), hd_channel_get_id (channel),
                  HD_METRIC_REPOSTS, 1);
    }
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
    g_ptr_array_add (args, (gpointer) arg);
  va_end (list);
  g_ptr_array_add (args, "--data-dir");
  g_ptr_array_add (args, fixture->data_dir);
  g_ptr_array_add (args, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "HERALD_DATA_DIR");
  env = g_environ_setenv (env, "GDK_BACKEND", "none", TRUE);

  g_spawn_sync (fixture->dir, (char **) args->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, out,
                err, &status, &error);
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_csv_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "week.csv", NULL);
  g_autofree char *csv = NULL;
  int status;

  status = run_herald (fixture, &out, &err, "report", "--from", "2026-03-02", "--to",
                       "2026-03-08", "--zone", ZONE, "--csv", path, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Wrote the report as CSV to"));

  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "Report\r\nFrom,Until,Time zone,Engagement\r\n"
                                         "2026-03-02 00:00,2026-03-09 00:00,Europe/London,"));
  /* --to takes in its whole day, and no more. */
  g_assert_nonnull (strstr (csv, "\r\n2026-03-08,Bakery toots,0,0\r\n"));
  g_assert_null (strstr (csv, "2026-03-09,Bakery toots"));
  g_assert_nonnull (strstr (csv, "\r\n2026-03-03,Bakery toots,1,15\r\n"));
  g_assert_nonnull (strstr (csv, "2026-03-03 09:00,Bakery toots,"
                                 "\"Rye is back on Saturday, at last\",15,14,1,not available,"
                                 "not available\r\n"));
  g_assert_null (strstr (csv, "Hot cross buns"));
}

static void
test_csv_to_stdout (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = run_herald (fixture, &out, &err, "report", "--from", "2026-03-01", "--to",
                       "2026-03-31", "--zone", ZONE, "--csv", "-", NULL);
  g_assert_cmpint (status, ==, 0);
  /* Nothing but the report on the standard output, so it can be piped on. */
  g_assert_true (g_str_has_prefix (out, "Report\r\n"));
  g_assert_null (strstr (out, "Wrote the report"));
  g_assert_nonnull (strstr (out, "Hot cross buns from Monday,100,99,1,not available"));
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  static const struct
  {
    const char *args[8];
    const char *says;
  } cases[] = {
    { { "report", "--from", "2026-02-30", "--csv", "r.csv" }, "is not a date" },
    { { "report", "--to", "yesterday", "--csv", "r.csv" }, "is not a date" },
    { { "report", "--from", "2026-03-09", "--to", "2026-03-02", "--csv", "r.csv" },
      "must not be later" },
    { { "report", "--zone", "Mars/Olympus", "--csv", "r.csv" }, "not a time zone" },
    { { "report", "--from", "2026-03-02" }, "--csv FILE or --pdf FILE" },
    { { "report", "--csv", "r.csv", "extra.csv" }, "Name the file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *written = g_build_filename (fixture->dir, "r.csv", NULL);
      const char * const *a = cases[i].args;
      int status;

      status = run_herald (fixture, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6],
                           a[7], NULL);
      g_test_message ("%s", err);
      g_assert_cmpint (status, ==, 2);
      g_assert_nonnull (strstr (err, cases[i].says));
      g_assert_false (g_file_test (written, G_FILE_TEST_EXISTS));
    }
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "r.csv", NULL);
  int status;

  status = run_herald (fixture, &out, &err, "report", "--csv", path, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "Check the folder exists"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/cli/report/csv-file", Fixture, NULL,
              fixture_set_up, test_csv_file, fixture_tear_down);
  g_test_add ("/herald/cli/report/csv-to-stdout", Fixture, NULL,
              fixture_set_up, test_csv_to_stdout, fixture_tear_down);
  g_test_add ("/herald/cli/report/usage-errors", Fixture, NULL,
              fixture_set_up, test_usage_errors, fixture_tear_down);
  g_test_add ("/herald/cli/report/unwritable", Fixture, NULL,
              fixture_set_up, test_unwritable, fixture_tear_down);

  return g_test_run ();
}
