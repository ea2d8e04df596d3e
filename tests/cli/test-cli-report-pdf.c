/* test-cli-report-pdf.c: `herald report --pdf` run as a user would, without a display: the
 * PDF it writes has a first page with something on it, and its exit codes
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
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

/* One channel and the posts of a week in March 2026, their likes and reposts read. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdChannel) channel = hd_channel_new ();
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("herald-cli-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  path = g_build_filename (fixture->data_dir, "herald.db", NULL);

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  hd_channel_set_kind (channel, HD_CHANNEL_KIND_MASTODON);
  hd_channel_set_display_name (channel, "Bakery toots");
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);

  for (int day = 2; day <= 8; day++)
    {
      g_autoptr(HdPost) post = hd_post_new ();
      g_autoptr(HdVariant) variant = hd_variant_new ();
      g_autoptr(HdMetric) metric = hd_metric_new ();

      hd_post_set_text (post, "Fresh loaves at eight");
      hd_post_set_scheduled_at (post, at (2026, 3, day, 9));
      hd_post_set_published_at (post, at (2026, 3, day, 9));
      hd_post_set_time_zone (post, ZONE);
      hd_post_set_state (post, HD_POST_STATE_PUBLISHED);
      hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
      hd_variant_set_state (variant, HD_POST_STATE_PUBLISHED);
      hd_post_add_variant (post, variant);
      hd_store_save_post (store, post, &error);
      g_assert_no_error (error);

      hd_metric_set_subject (metric, HD_METRIC_SUBJECT_POST);
      hd_metric_set_subject_id (metric, hd_post_get_id (post));
      hd_metric_set_channel_id (metric, hd_channel_get_id (channel));
      hd_metric_set_name (metric, HD_METRIC_REACTIONS);
      hd_metric_set_value (metric, 5 + day * 3);
      hd_metric_set_measured_at (metric, at (2026, 3, day, 21));
      hd_store_add_metric (store, metric, &error);
      g_assert_no_error (error);
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

/* Renders page 1 of @pdf at 50 dpi in grey, as `pdftoppm` does for anyone opening it, and
 * counts the pixels that are not white. */
static guint
count_ink (const char *pdf)
{
  g_autofree char *dir = g_path_get_dirname (pdf);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *pgm_path = g_strconcat (prefix, "-1.pgm", NULL);
  g_autofree char *pgm = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftoppm", "-gray", "-r", "50", "-f", "1", "-l", "1", pdf, prefix,
                         NULL };
  int status = 0;
  gsize length = 0;
  guint width, height, max_value, ink = 0;
  int header = 0;
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");

  if (pdftoppm == NULL)
    g_error ("pdftoppm is missing: install poppler-utils (build-aux/herald-dev test does)");

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* pdftoppm pads the page number to the width of the page count. */
  if (!g_file_test (pgm_path, G_FILE_TEST_EXISTS))
    {
      g_free (pgm_path);
      pgm_path = g_strconcat (prefix, "-01.pgm", NULL);
    }
  g_assert_true (g_file_get_contents (pgm_path, &pgm, &length, NULL));
  g_assert_cmpint (sscanf (pgm, "P5 %u %u %u%n", &width, &height, &max_value, &header), ==, 3);
  g_assert_cmpuint ((gsize) header + 1 + (gsize) width * height, <=, length);
  /* A4 at 50 dpi, give or take pdftoppm's rounding */
  g_assert_cmpuint (width, >=, 412);
  g_assert_cmpuint (width, <=, 414);
  g_assert_cmpuint (height, >=, 584);
  g_assert_cmpuint (height, <=, 586);

  for (gsize i = 0; i < (gsize) width * height; i++)
    if ((guchar) pgm[header + 1 + i] < 240)
      ink++;

  return ink;
}

static void
test_pdf_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "week.pdf", NULL);
  g_autofree char *pdf = NULL;
  int status;

  status = run_herald (fixture, &out, &err, "report", "--from", "2026-03-02", "--to",
                       "2026-03-08", "--zone", ZONE, "--pdf", path, NULL);
  g_test_message ("%s", err);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "Wrote the report as PDF to"));

  g_assert_true (g_file_get_contents (path, &pdf, NULL, NULL));
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  /* The title, the engagement chart and the table, not an empty page. */
  g_assert_cmpuint (count_ink (path), >, 1500);
}

static void
test_pdf_and_csv_to_stdout (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "week.pdf", NULL);
  int status;

  status = run_herald (fixture, &out, &err, "report", "--from", "2026-03-02", "--to",
                       "2026-03-08", "--zone", ZONE, "--csv", "-", "--pdf", path, NULL);
  g_assert_cmpint (status, ==, 0);
  /* The standard output carries the CSV and nothing else. */
  g_assert_true (g_str_has_prefix (out, "Report\r\n"));
  g_assert_null (strstr (out, "Wrote the report"));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_pdf_unwritable (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "r.pdf", NULL);
  int status;

  status = run_herald (fixture, &out, &err, "report", "--pdf", path, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "Check the folder exists"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/cli/report-pdf/file", Fixture, NULL,
              fixture_set_up, test_pdf_file, fixture_tear_down);
  g_test_add ("/herald/cli/report-pdf/with-csv-to-stdout", Fixture, NULL,
              fixture_set_up, test_pdf_and_csv_to_stdout, fixture_tear_down);
  g_test_add ("/herald/cli/report-pdf/unwritable", Fixture, NULL,
              fixture_set_up, test_pdf_unwritable, fixture_tear_down);

  return g_test_run ();
}
