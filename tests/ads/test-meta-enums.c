/* test-meta-enums.c: the committed enum lists match Meta's specs.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "hd-meta-enums.h"

static void
test_contains (void)
{
  g_assert_true (hd_meta_enum_contains (HD_META_ENUM_CAMPAIGN_OBJECTIVE, "OUTCOME_TRAFFIC"));
  g_assert_true (hd_meta_enum_contains (HD_META_ENUM_CAMPAIGN_OBJECTIVE, "LINK_CLICKS"));
  g_assert_false (hd_meta_enum_contains (HD_META_ENUM_CAMPAIGN_OBJECTIVE, "outcome_traffic"));
  g_assert_false (hd_meta_enum_contains (HD_META_ENUM_CAMPAIGN_OBJECTIVE, NULL));
  g_assert_true (hd_meta_enum_contains (HD_META_ENUM_SPECIAL_AD_CATEGORY, "NONE"));
  g_assert_true (hd_meta_enum_contains (HD_META_ENUM_AD_SET_BILLING_EVENT, "IMPRESSIONS"));
  g_assert_true (hd_meta_enum_contains (HD_META_ENUM_AD_SET_OPTIMIZATION_GOAL, "LINK_CLICKS"));
  g_assert_true (hd_meta_enum_contains (HD_META_ENUM_CALL_TO_ACTION_TYPE, "LEARN_MORE"));
  g_assert_true (hd_meta_enum_contains (HD_META_ENUM_AD_ACCOUNT_CURRENCY, "GBP"));
  g_assert_false (hd_meta_enum_contains (HD_META_ENUM_AD_ACCOUNT_CURRENCY, "XXX"));
  g_assert_cmpuint (g_strv_length ((GStrv) hd_meta_enum_values (HD_META_ENUM_AD_SET_STATUS)),
                    ==, 4);
}

static void
test_new_campaign_objectives (void)
{
  const char *const *objectives = hd_meta_objectives_for_new_campaigns ();

  g_assert_cmpuint (g_strv_length ((GStrv) objectives), ==, 6);
  for (guint i = 0; objectives[i] != NULL; i++)
    {
      g_assert_true (g_str_has_prefix (objectives[i], "OUTCOME_"));
      g_assert_true (hd_meta_enum_contains (HD_META_ENUM_CAMPAIGN_OBJECTIVE, objectives[i]));
    }
  g_assert_true (hd_meta_objective_is_accepted_for_new_campaigns ("OUTCOME_SALES"));
  /* still in the enum, but legacy */
  g_assert_false (hd_meta_objective_is_accepted_for_new_campaigns ("LINK_CLICKS"));
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_committed_file_is_current (void)
{
  const char *specs = g_getenv ("HERALD_META_SPECS_DIR");
  const char *generator = g_getenv ("HERALD_GEN_META_ENUMS");
  const char *source_root = g_getenv ("HERALD_SOURCE_ROOT");
  g_autofree char *out_dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "hd-meta-enums.c", "hd-meta-enums.h" };
  int status = -1;

  if (specs == NULL || !g_file_test (specs, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("Meta's specs are not next to the source tree");
      return;
    }
  g_assert_nonnull (generator);
  g_assert_nonnull (source_root);

  out_dir = g_dir_make_tmp ("herald-meta-enums-XXXXXX", &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "python3", generator, specs, out_dir, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
    g_assert_no_error (error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *fresh_path = g_build_filename (out_dir, names[i], NULL);
      g_autofree char *committed_path = g_build_filename (source_root, "src", "core", "model",
                                                          names[i], NULL);
      g_autofree char *fresh = read_file (fresh_path);
      g_autofree char *committed = read_file (committed_path);

      /* if this fails, run build-aux/gen-meta-enums.py SPECS_DIR src/core/model */
      g_assert_cmpstr (committed, ==, fresh);
      g_unlink (fresh_path);
    }
  g_rmdir (out_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/ads/meta-enums/contains", test_contains);
  g_test_add_func ("/herald/ads/meta-enums/new-campaign-objectives", test_new_campaign_objectives);
  g_test_add_func ("/herald/ads/meta-enums/committed-file-is-current",
                   test_committed_file_is_current);

  return g_test_run ();
}
