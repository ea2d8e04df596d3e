/* test-cli.c: what `herald` prints on the command line.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

static char *
herald_path (void)
{
  const char *build_root = g_getenv ("HERALD_BUILD_ROOT");

  g_assert_nonnull (build_root);
  return g_build_filename (build_root, "src", "herald", NULL);
}

static void
run_herald (const char  *argument,
            char       **out,
            int         *status)
{
  g_autofree char *path = herald_path ();
  const char *argv[] = { path, argument, NULL };
  g_autoptr(GError) error = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, NULL, status,
                &error);
  g_assert_no_error (error);
}

static void
test_cli_version (void)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  run_herald ("--version", &out, &status);

  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "herald " PACKAGE_VERSION "\n");
}

static void
test_cli_help (void)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  run_herald ("--help", &out, &status);

  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "--data-dir=DIR"));
  g_assert_nonnull (strstr (out, "--version"));
}

static void
test_cli_unknown_option (void)
{
  g_autofree char *out = NULL;
  int status;

  run_herald ("--no-such-option", &out, &status);

  g_assert_false (g_spawn_check_wait_status (status, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/cli/version", test_cli_version);
  g_test_add_func ("/herald/cli/help", test_cli_help);
  g_test_add_func ("/herald/cli/unknown-option", test_cli_unknown_option);

  return g_test_run ();
}
