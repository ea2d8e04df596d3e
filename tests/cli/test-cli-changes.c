/* test-cli-changes.c: `herald changes`, `changes check`, `changes export` and `changes import`
 * run as a user would, without a display, on two data folders standing for two computers.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hd-core.h"
#include "hd-store-changes.h"

/* 2031-05-04 09:30 UTC, 10:30 in London. */
#define LATER G_GINT64_CONSTANT (1935653400)

typedef struct
{
  char *dir;
  /* the helper's computer, which prepares changes, and the owner's, which reviews them */
  char *helper_dir;
  char *owner_dir;
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
open_store (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (data_dir, "herald.db", NULL);
  HdStore *store = hd_store_open (path, &error);

  g_assert_no_error (error);

  return store;
}

static HdChannel *
add_channel (HdStore       *store,
             HdChannelKind  kind,
             const char    *name,
             const char    *handle)
{
  g_autoptr(GError) error = NULL;
  HdChannel *channel = hd_channel_new ();

  hd_channel_set_kind (channel, kind);
  hd_channel_set_display_name (channel, name);
  hd_channel_set_handle (channel, handle);
  hd_channel_set_base_url (channel, "https://example.social");
  hd_channel_set_remote_account_id (channel, "1");
  hd_channel_set_state (channel, HD_CHANNEL_STATE_CONNECTED);
  hd_store_save_channel (store, channel, &error);
  g_assert_no_error (error);

  return channel;
}

static void
schedule_post (HdStore    *store,
               HdChannel  *channel,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(HdVariant) variant = hd_variant_new ();

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, LATER);
  hd_post_set_time_zone (post, "Europe/London");
  hd_variant_set_channel_id (variant, hd_channel_get_id (channel));
  hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
  hd_post_add_variant (post, variant);
  hd_store_save_post (store, post, &error);
  g_assert_no_error (error);
}

static guint
count_changes (const char *data_dir)
{
  g_autoptr(HdStore) store = open_store (data_dir);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;

  changes = hd_store_describe_changes (store, &error);
  g_assert_no_error (error);

  return changes->len;
}

/* The helper's Mastodon and LinkedIn; the owner has the same Mastodon account only. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) helper = NULL;
  g_autoptr(HdStore) owner = NULL;
  g_autoptr(HdChannel) helper_mastodon = NULL;
  g_autoptr(HdChannel) helper_linkedin = NULL;
  g_autoptr(HdChannel) owner_mastodon = NULL;

  fixture->dir = g_dir_make_tmp ("herald-cli-changes-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->helper_dir = g_build_filename (fixture->dir, "helper", NULL);
  fixture->owner_dir = g_build_filename (fixture->dir, "owner", NULL);

  helper = open_store (fixture->helper_dir);
  helper_mastodon = add_channel (helper, HD_CHANNEL_KIND_MASTODON, "Shop toots",
                                 "@shop@example.social");
  helper_linkedin = add_channel (helper, HD_CHANNEL_KIND_LINKEDIN, "Shop page", "shop-page");
  schedule_post (helper, helper_mastodon, "Tulips are in, come early");
  schedule_post (helper, helper_linkedin, "We are hiring a baker");

  owner = open_store (fixture->owner_dir);
  owner_mastodon = add_channel (owner, HD_CHANNEL_KIND_MASTODON, "Toots",
                                "@shop@example.social");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->helper_dir);
  g_free (fixture->owner_dir);
}

/* Runs the built `herald` with no display at all, so anything reaching for GTK fails. */
static int
run_herald (Fixture     *fixture,
            const char  *data_dir,
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
  g_ptr_array_add (args, (gpointer) data_dir);
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

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_herald (fixture, fixture->helper_dir, &out, &err, "changes", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Shop toots\tadded\tTulips are in, come early\t"
                                 "2031-05-04 10:30\twaiting"));
  g_assert_nonnull (strstr (out, "Shop page\tadded\tWe are hiring a baker"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, fixture->owner_dir, &out, &err, "changes", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Nothing to send.\n");
}

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);

  /* Everything is fine: exit 0. */
  g_assert_cmpint (run_herald (fixture, fixture->helper_dir, &out, &err, "changes", "check",
                               NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Every change is ready to send."));

  /* One post too long for Mastodon: the problem is printed under it and the exit is 1. */
  {
    g_autoptr(HdStore) store = open_store (fixture->helper_dir);
    g_autoptr(GListModel) channels = hd_store_list_channels (store, NULL);
    g_autoptr(HdChannel) mastodon = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
      {
        g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

        if (hd_channel_get_kind (channel) == HD_CHANNEL_KIND_MASTODON)
          g_set_object (&mastodon, channel);
      }
    for (guint i = 0; i < 60; i++)
      g_string_append (long_text, "Sourdough! ");
    schedule_post (store, mastodon, long_text->str);
  }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, fixture->helper_dir, &out, &err, "changes", "check",
                               NULL), ==, 1);
  g_assert_nonnull (strstr (out, "  Problem: 160 characters over Mastodon’s limit of 500"));
  g_assert_nonnull (strstr (err, "1 problem to fix before sending."));
}

static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *file = g_build_filename (fixture->dir, "weekend.json", NULL);
  g_autofree char *contents = NULL;
  GStatBuf info;

  g_assert_cmpint (run_herald (fixture, fixture->helper_dir, &out, &err, "changes", "export",
                               file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote 2 changes to "));
  g_assert_cmpint (g_stat (file, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0077, ==, 0);
  g_assert_true (g_file_get_contents (file, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"format\" : \"herald-changes\""));

  /* Listing changes nothing. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, fixture->owner_dir, &out, &err, "changes", "import",
                               file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Mastodon · @shop@example.social\tadded\t"
                                 "Tulips are in, come early\tnot accepted"));
  g_assert_nonnull (strstr (out, "LinkedIn · shop-page\tadded\tWe are hiring a baker\t"
                                 "not connected here"));
  g_assert_cmpuint (count_changes (fixture->owner_dir), ==, 0);

  /* An id the file does not hold is refused before anything is applied. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, fixture->owner_dir, &out, &err, "changes", "import",
                               file, "--accept", "no-such-change", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“no-such-change”"));
  g_assert_cmpuint (count_changes (fixture->owner_dir), ==, 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, fixture->owner_dir, &out, &err, "changes", "import",
                               file, "--accept-all", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Tulips are in, come early\taccepted"));
  g_assert_nonnull (strstr (out, "Accepted 1 change."));
  g_assert_cmpuint (count_changes (fixture->owner_dir), ==, 1);

  /* The owner now sees it as a change of their own, on their own channel. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, fixture->owner_dir, &out, &err, "changes", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Toots\tadded\tTulips are in, come early\t2031-05-04 10:30"));
}

static void
test_import_damaged (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *file = g_build_filename (fixture->dir, "broken.json", NULL);

  g_assert_true (g_file_set_contents (file, "{\"format\":\"herald-changes\",\"version\":1,"
                                            "\"changes\":[{\"id\":7}]}", -1, NULL));
  g_assert_cmpint (run_herald (fixture, fixture->owner_dir, &out, &err, "changes", "import",
                               file, "--accept-all", NULL), ==, 1);
  g_assert_cmpstr (err, ==, "This is not a change file Herald can read: change 1 is incomplete "
                            "or damaged. Nothing was imported.\n");
  g_assert_cmpuint (count_changes (fixture->owner_dir), ==, 0);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, fixture->owner_dir, &out, &err, "changes", "check",
                               "extra", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_herald (fixture, fixture->owner_dir, &out, &err, "changes",
                               "--accept-all", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/cli/changes/list", Fixture, NULL, fixture_set_up, test_list,
              fixture_tear_down);
  g_test_add ("/herald/cli/changes/check", Fixture, NULL, fixture_set_up, test_check,
              fixture_tear_down);
  g_test_add ("/herald/cli/changes/export-import", Fixture, NULL, fixture_set_up,
              test_export_import, fixture_tear_down);
  g_test_add ("/herald/cli/changes/import-damaged", Fixture, NULL, fixture_set_up,
              test_import_damaged, fixture_tear_down);

  return g_test_run ();
}
