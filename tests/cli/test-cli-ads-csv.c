/* test-cli-ads-csv.c: `herald ads export` and `herald ads import` run as a user would, without
 * a display.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hd-core.h"
#include "hd-store-ads-csv.h"

#define HEADER "Level,Name,Campaign,Ad account,Currency,Objective,Special ad categories," \
               "Budget type,Budget,Start,Time zone\n"
#define GOOD HEADER \
  "Campaign,Spring,,act_77,GBP,OUTCOME_TRAFFIC,None,,,,\n" \
  "Ad set,Weekdays,Spring,,,,,Daily,20.00,2031-05-01T09:00:00+01:00,Europe/London\n"

typedef struct
{
  char *dir;
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

static HdStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "herald.db", NULL);
  HdStore *store = hd_store_open (path, &error);

  g_assert_no_error (error);

  return store;
}

/* The Facebook Page whose token reaches the ad account act_77, paying in pounds. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdChannel) page = hd_channel_new ();
  g_autoptr(HdAdAccount) account = hd_ad_account_new ();

  fixture->dir = g_dir_make_tmp ("herald-cli-ads-XXXXXX", &error);
  g_assert_no_error (error);
  store = open_store (fixture);

  hd_channel_set_kind (page, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  hd_channel_set_display_name (page, "Bakery Page");
  hd_store_save_channel (store, page, &error);
  g_assert_no_error (error);

  hd_ad_account_set_channel_id (account, hd_channel_get_id (page));
  hd_ad_account_set_remote_id (account, "act_77");
  hd_ad_account_set_name (account, "Bakery ads");
  hd_ad_account_set_currency (account, "GBP");
  hd_ad_account_set_time_zone (account, "Europe/London");
  hd_store_save_ad_account (store, account, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_csv (Fixture    *fixture,
           const char *name,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);

  return path;
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
  g_ptr_array_add (args, fixture->dir);
  g_ptr_array_add (args, NULL);

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "HERALD_DATA_DIR");
  env = g_environ_setenv (env, "GDK_BACKEND", "none", TRUE);

  g_spawn_sync (fixture->dir, (char **) args->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                &status, &error);
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static guint
count_items (Fixture *fixture,
             gboolean ad_sets)
{
  g_autoptr(HdStore) store = open_store (fixture);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;

  items = ad_sets ? hd_store_list_ad_sets (store, NULL, &error)
                  : hd_store_list_campaigns (store, &error);
  g_assert_no_error (error);

  return g_list_model_get_n_items (items);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *good = write_csv (fixture, "good.csv", GOOD);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* --check reads and judges the file but writes nothing. */
  g_assert_cmpint (run_herald (fixture, &out, &err, "ads", "import", good, "--check", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Checked 2 objects"));
  g_assert_cmpuint (count_items (fixture, FALSE), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "ads", "import", good, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported: 2 new, 0 updated"));
  g_assert_cmpuint (count_items (fixture, FALSE), ==, 1);
  g_assert_cmpuint (count_items (fixture, TRUE), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same file again changes nothing and duplicates nothing. */
  g_assert_cmpint (run_herald (fixture, &out, &err, "ads", "import", good, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "nothing changed"));
  g_assert_cmpuint (count_items (fixture, FALSE), ==, 1);
  g_assert_cmpuint (count_items (fixture, TRUE), ==, 1);
}

static void
test_bad_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *bad = write_csv (fixture, "bad.csv",
                                    HEADER
                                    "Campaign,Spring,,act_77,GBP,OUTCOME_TRAFFIC,None,,,,\n"
                                    "Ad set,Weekdays,Spring,,,,,Daily,20.005,,\n"
                                    "Ad set,Evenings,Autumn,,,,,Daily,20.00,,\n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_herald (fixture, &out, &err, "ads", "import", bad, NULL), ==, 1);
  /* One problem a line, each starting with the line of the file. */
  g_assert_true (g_str_has_prefix (err, "line 3: "));
  g_assert_nonnull (strstr (err, "“20.005”"));
  g_assert_nonnull (strstr (err, "\nline 4: "));
  g_assert_nonnull (strstr (err, "“Autumn”"));
  g_assert_nonnull (strstr (err, "Nothing was imported"));
  g_assert_cmpuint (count_items (fixture, FALSE), ==, 0);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *good = write_csv (fixture, "good.csv", GOOD);
  g_autofree char *target = g_build_filename (fixture->dir, "spring.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run_herald (fixture, &out, &err, "ads", "import", good, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "ads", "export", target, "--campaign",
                               "Spring", NULL), ==, 0);
  g_file_get_contents (target, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "Ad set,Weekdays,Spring,,PAUSED,,GBP,,,,Daily,20.00,,"
                                      "2031-05-01T09:00:00+01:00,,Europe/London"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "ads", "export", target, "--campaign",
                               "Autumn", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“Autumn”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_herald (fixture, &out, &err, "ads", "publish", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/cli/ads-csv/import", Fixture, NULL, fixture_set_up, test_import,
              fixture_tear_down);
  g_test_add ("/herald/cli/ads-csv/bad-file", Fixture, NULL, fixture_set_up, test_bad_file,
              fixture_tear_down);
  g_test_add ("/herald/cli/ads-csv/export", Fixture, NULL, fixture_set_up, test_export,
              fixture_tear_down);

  return g_test_run ();
}
