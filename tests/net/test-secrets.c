/* test-secrets.c
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsecret/secret.h>

#include "hd-secrets.h"

#define UNAVAILABLE_MESSAGE \
  "Herald could not reach the keyring, so nothing was saved. Make sure GNOME Keyring or " \
  "another Secret Service is running, then try again."

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static gboolean
store (const char    *channel_id,
       HdSecretKind   kind,
       const char    *secret,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_secrets_store_async (channel_id, kind, NULL, secret, NULL, got_result, &result);
  return hd_secrets_store_finish (wait_for (&result), error);
}

static char *
lookup (const char    *channel_id,
        HdSecretKind   kind,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hd_secrets_lookup_async (channel_id, kind, NULL, got_result, &result);
  return hd_secrets_lookup_finish (wait_for (&result), error);
}

static void
assert_secret (const char   *channel_id,
               HdSecretKind  kind,
               const char   *expected)
{
  g_autoptr(GError) error = NULL;
  char *secret = lookup (channel_id, kind, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, expected);
  hd_secrets_free (secret);
}

/* How many items the keyring really holds, seen through libsecret itself rather than
 * through the code under test. */
static guint
count_items (const char   *channel_id,
             HdSecretKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL,
                                                              &error);
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  GList *items;
  guint count;

  g_assert_no_error (error);
  g_hash_table_insert (attributes, (gpointer) "channel-id", (gpointer) channel_id);
  g_hash_table_insert (attributes, (gpointer) "kind",
                       (gpointer) hd_secret_kind_to_string (kind));

  items = secret_service_search_sync (service, NULL, attributes,
                                      SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, NULL, &error);
  g_assert_no_error (error);
  count = g_list_length (items);
  g_list_free_full (items, g_object_unref);

  return count;
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store ("round-trip", HD_SECRET_KIND_ACCESS_TOKEN, "access-✓-1", &error));
  g_assert_no_error (error);
  g_assert_true (store ("round-trip", HD_SECRET_KIND_REFRESH_TOKEN, "refresh-1", &error));
  g_assert_no_error (error);

  assert_secret ("round-trip", HD_SECRET_KIND_ACCESS_TOKEN, "access-✓-1");
  assert_secret ("round-trip", HD_SECRET_KIND_REFRESH_TOKEN, "refresh-1");
  assert_secret ("round-trip", HD_SECRET_KIND_APP_PASSWORD, NULL);
  assert_secret ("never-stored", HD_SECRET_KIND_ACCESS_TOKEN, NULL);
}

static void
test_overwrite (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store ("overwrite", HD_SECRET_KIND_ACCESS_TOKEN, "first", &error));
  g_assert_true (store ("overwrite", HD_SECRET_KIND_ACCESS_TOKEN, "second", &error));
  g_assert_no_error (error);

  assert_secret ("overwrite", HD_SECRET_KIND_ACCESS_TOKEN, "second");
  g_assert_cmpuint (count_items ("overwrite", HD_SECRET_KIND_ACCESS_TOKEN), ==, 1);
}

static void
test_channels_apart (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (store ("bakery-mastodon", HD_SECRET_KIND_ACCESS_TOKEN, "mastodon", &error));
  g_assert_true (store ("bakery-x", HD_SECRET_KIND_ACCESS_TOKEN, "x", &error));
  g_assert_no_error (error);

  assert_secret ("bakery-mastodon", HD_SECRET_KIND_ACCESS_TOKEN, "mastodon");
  assert_secret ("bakery-x", HD_SECRET_KIND_ACCESS_TOKEN, "x");
}

static void
test_clear (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (store ("clear", HD_SECRET_KIND_ACCESS_TOKEN, "gone soon", &error));
  g_assert_true (store ("clear", HD_SECRET_KIND_CLIENT_SECRET, "stays", &error));
  g_assert_no_error (error);

  hd_secrets_clear_async ("clear", HD_SECRET_KIND_ACCESS_TOKEN, NULL, got_result, &result);
  g_assert_true (hd_secrets_clear_finish (wait_for (&result), &error));
  g_assert_no_error (error);

  assert_secret ("clear", HD_SECRET_KIND_ACCESS_TOKEN, NULL);
  assert_secret ("clear", HD_SECRET_KIND_CLIENT_SECRET, "stays");
  g_assert_cmpuint (count_items ("clear", HD_SECRET_KIND_ACCESS_TOKEN), ==, 0);

  /* Clearing what is not there is not a failure. */
  hd_secrets_clear_async ("clear", HD_SECRET_KIND_ACCESS_TOKEN, NULL, got_result, &again);
  g_assert_true (hd_secrets_clear_finish (wait_for (&again), &error));
  g_assert_no_error (error);
}

static void
test_clear_all (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (store ("removed", HD_SECRET_KIND_ACCESS_TOKEN, "a", &error));
  g_assert_true (store ("removed", HD_SECRET_KIND_REFRESH_TOKEN, "r", &error));
  g_assert_true (store ("removed", HD_SECRET_KIND_CLIENT_ID, "id", &error));
  g_assert_true (store ("removed", HD_SECRET_KIND_CLIENT_SECRET, "s", &error));
  g_assert_true (store ("kept", HD_SECRET_KIND_ACCESS_TOKEN, "k", &error));
  g_assert_no_error (error);

  hd_secrets_clear_all_async ("removed", NULL, got_result, &result);
  g_assert_true (hd_secrets_clear_all_finish (wait_for (&result), &error));
  g_assert_no_error (error);

  assert_secret ("removed", HD_SECRET_KIND_ACCESS_TOKEN, NULL);
  assert_secret ("removed", HD_SECRET_KIND_REFRESH_TOKEN, NULL);
  assert_secret ("removed", HD_SECRET_KIND_CLIENT_ID, NULL);
  assert_secret ("removed", HD_SECRET_KIND_CLIENT_SECRET, NULL);
  assert_secret ("kept", HD_SECRET_KIND_ACCESS_TOKEN, "k");
}

/* Runs in a child whose session bus cannot be reached. */
static void
assert_keyring_unavailable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keyrings = NULL;
  char *secret;

  g_assert_false (store ("offline", HD_SECRET_KIND_ACCESS_TOKEN, "must not be kept", &error));
  g_assert_error (error, HD_SECRETS_ERROR, HD_SECRETS_ERROR_UNAVAILABLE);
  g_assert_cmpstr (error->message, ==, UNAVAILABLE_MESSAGE);
  g_clear_error (&error);

  secret = lookup ("offline", HD_SECRET_KIND_ACCESS_TOKEN, &error);
  g_assert_null (secret);
  g_assert_error (error, HD_SECRETS_ERROR, HD_SECRETS_ERROR_UNAVAILABLE);

  /* No silent fallback to a file of our own. */
  keyrings = g_build_filename (g_get_user_data_dir (), "keyrings", NULL);
  g_assert_false (g_file_test (keyrings, G_FILE_TEST_EXISTS));
}

static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/herald-test-bus", TRUE);
      assert_keyring_unavailable ();
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  assert_secret ("offline", HD_SECRET_KIND_ACCESS_TOKEN, NULL);
}

/* A bus that works but where nobody owns org.freedesktop.secrets and nothing can be
 * activated: the keyring daemon is not running. */
static void
test_no_secret_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("herald-bus-XXXXXX", &error);
      g_autofree char *config = NULL;
      g_autofree char *config_path = NULL;
      g_autoptr(GSubprocess) daemon = NULL;
      g_autoptr(GDataInputStream) out = NULL;
      g_autofree char *address = NULL;

      g_assert_no_error (error);
      config = g_strdup_printf ("<!DOCTYPE busconfig PUBLIC "
                                "\"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
                                "\"http://www.freedesktop.org/standards/dbus/1.0/"
                                "busconfig.dtd\">\n"
                                "<busconfig><type>session</type>"
                                "<listen>unix:dir=%s</listen>"
                                "<policy context=\"default\">"
                                "<allow send_destination=\"*\" eavesdrop=\"true\"/>"
                                "<allow eavesdrop=\"true\"/><allow own=\"*\"/>"
                                "</policy></busconfig>\n", dir);
      config_path = g_build_filename (dir, "bus.conf", NULL);
      g_assert_true (g_file_set_contents (config_path, config, -1, &error));

      daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "dbus-daemon",
                                 "--nofork", "--print-address=1", "--config-file",
                                 config_path, NULL);
      g_assert_no_error (error);

      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
      address = g_data_input_stream_read_line (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (address);

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      assert_keyring_unavailable ();

      g_subprocess_force_exit (daemon);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/herald/net/secrets/round-trip", test_round_trip);
  g_test_add_func ("/herald/net/secrets/overwrite", test_overwrite);
  g_test_add_func ("/herald/net/secrets/channels-apart", test_channels_apart);
  g_test_add_func ("/herald/net/secrets/clear", test_clear);
  g_test_add_func ("/herald/net/secrets/clear-all", test_clear_all);
  g_test_add_func ("/herald/net/secrets/no-bus", test_no_bus);
  g_test_add_func ("/herald/net/secrets/no-secret-service", test_no_secret_service);

  return g_test_run ();
}
