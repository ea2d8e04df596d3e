/* test-secrets-audit.c: a whole session of the `herald` command line with every debug message
 * on — Mastodon, Bluesky, two Facebook Pages and X connected against the fakes, posts written,
 * sent and read back, the changes, the calendar, the campaigns and the report exported, a
 * channel removed — and then every byte it left behind searched for the secrets it was given
 * or handed: the database and its log, each exported file, everything under the test's
 * folders, and all that the command line printed. Secrets belong in the keyring alone.
 *
 * And the sign-in listener seen from outside: while `herald` waits for the browser, the port
 * it listens on answers on loopback and nowhere else, and once the one callback has come it
 * answers nowhere.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <string.h>

#include <glib/gstdio.h>

#include "hd-core.h"
#include "hd-fake-bluesky.h"
#include "hd-fake-facebook.h"
#include "hd-fake-mastodon.h"
#include "hd-fake-x.h"

/* Values no code would make up, so finding one anywhere means it leaked. */
#define BLUESKY_APP_PASSWORD  "SECRET-bluesky-app-password-5d2e"
#define FACEBOOK_APP_SECRET   "SECRET-facebook-app-secret-9f3a"
#define FACEBOOK_PAGE_TOKEN   "SECRET-facebook-page-token-71c0"
#define FACEBOOK_OUTLET_TOKEN "SECRET-facebook-page-token-b44e"

typedef struct
{
  char           *dir;
  char           *data_dir;
  HdFakeMastodon *mastodon;
  HdFakeBluesky  *bluesky;
  HdFakeFacebook *facebook;
  HdFakeX        *x;
  SoupSession    *browser;
  /* all that every `herald` printed, on both streams */
  GString        *log;
  /* every secret given to Herald or handed to it by a platform */
  GPtrArray      *secrets;

  /* the sign-in listener of the run going on */
  guint           listen_port;
  /* non-loopback addresses of this machine tried against it, and how many refused */
  guint           n_outside_tried;
  guint           n_outside_refused;
  /* authorization codes seen on their way to the listener */
  guint           n_codes;
} Fixture;

typedef struct
{
  Fixture     *fixture;
  GSubprocess *process;
  GString     *out;
  GString     *err;
  gboolean     out_done;
  gboolean     err_done;
  gboolean     exited;
  gboolean     browsed;
  char         buffer[4096];
} Run;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
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
  g_autofree char *graph = NULL;
  g_autofree char *dialog = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *token = NULL;

  fixture->dir = g_dir_make_tmp ("herald-secrets-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->browser = soup_session_new ();
  fixture->log = g_string_new (NULL);
  fixture->secrets = g_ptr_array_new_with_free_func (g_free);

  fixture->mastodon = hd_fake_mastodon_new ();

  fixture->bluesky = hd_fake_bluesky_new ();
  g_free (fixture->bluesky->app_password);
  fixture->bluesky->app_password = g_strdup (BLUESKY_APP_PASSWORD);

  fixture->facebook = hd_fake_facebook_new ();
  g_free (fixture->facebook->client_secret);
  fixture->facebook->client_secret = g_strdup (FACEBOOK_APP_SECRET);
  g_free (fixture->facebook->page_token);
  fixture->facebook->page_token = g_strdup (FACEBOOK_PAGE_TOKEN);
  g_free (fixture->facebook->second_page_token);
  fixture->facebook->second_page_token = g_strdup (FACEBOOK_OUTLET_TOKEN);
  graph = hd_fake_facebook_get_graph_base (fixture->facebook);
  dialog = hd_fake_facebook_get_dialog_url (fixture->facebook);
  g_setenv ("HERALD_FACEBOOK_API_BASE", graph, TRUE);
  g_setenv ("HERALD_FACEBOOK_AUTHORIZATION_ENDPOINT", dialog, TRUE);

  fixture->x = hd_fake_x_new ();
  authorize = g_strconcat (hd_fake_x_get_url (fixture->x), "/i/oauth2/authorize", NULL);
  token = g_strconcat (hd_fake_x_get_url (fixture->x), "/2/oauth2/token", NULL);
  g_setenv ("HERALD_X_API_BASE", hd_fake_x_get_url (fixture->x), TRUE);
  g_setenv ("HERALD_X_AUTHORIZATION_ENDPOINT", authorize, TRUE);
  g_setenv ("HERALD_X_TOKEN_ENDPOINT", token, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->browser);
  hd_fake_mastodon_free (fixture->mastodon);
  hd_fake_bluesky_free (fixture->bluesky);
  hd_fake_facebook_free (fixture->facebook);
  hd_fake_x_free (fixture->x);
  g_string_free (fixture->log, TRUE);
  g_ptr_array_unref (fixture->secrets);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
}

static void
add_secret (Fixture    *fixture,
            const char *secret)
{
  g_assert_nonnull (secret);
  /* A short one could match by chance and prove nothing. */
  g_assert_cmpuint (strlen (secret), >=, 10);
  g_ptr_array_add (fixture->secrets, g_strdup (secret));
}

static HdStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->data_dir, "herald.db", NULL);
  HdStore *store = hd_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* The sign-in listener */

static guint
redirect_port (const char *authorization_uri)
{
  g_autoptr(GUri) uri = g_uri_parse (authorization_uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GUri) redirect = NULL;
  const char *redirect_uri;

  if (uri == NULL || g_uri_get_query (uri) == NULL)
    return 0;
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  redirect_uri = params != NULL ? g_hash_table_lookup (params, "redirect_uri") : NULL;
  if (redirect_uri == NULL)
    return 0;
  redirect = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (redirect);
  g_assert_cmpstr (g_uri_get_host (redirect), ==, "127.0.0.1");

  return g_uri_get_port (redirect);
}

static gboolean
connect_refused (GInetAddress *address,
                 guint         port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketAddress) target = g_inet_socket_address_new (address, port);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_inet_address_to_string (address);

  g_socket_client_set_timeout (client, 5);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (target), NULL, &error);
  g_test_message ("Connecting to %s port %u: %s", text, port,
                  error != NULL ? error->message : "accepted");
  if (connection != NULL)
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

/* Every address of this machine that is not loopback (IPv6 link-local ones need a scope the
 * test cannot name, and are left out). */
static GPtrArray *
outside_addresses (void)
{
  GPtrArray *addresses = g_ptr_array_new_with_free_func (g_object_unref);
  struct ifaddrs *list = NULL;

  if (getifaddrs (&list) != 0)
    return addresses;

  for (struct ifaddrs *entry = list; entry != NULL; entry = entry->ifa_next)
    {
      g_autoptr(GInetAddress) address = NULL;

      if (entry->ifa_addr == NULL)
        continue;
      if (entry->ifa_addr->sa_family == AF_INET)
        {
          struct sockaddr_in *inet = (struct sockaddr_in *) entry->ifa_addr;

          address = g_inet_address_new_from_bytes ((const guint8 *) &inet->sin_addr,
                                                   G_SOCKET_FAMILY_IPV4);
        }
      else if (entry->ifa_addr->sa_family == AF_INET6)
        {
          struct sockaddr_in6 *inet6 = (struct sockaddr_in6 *) entry->ifa_addr;

          address = g_inet_address_new_from_bytes ((const guint8 *) &inet6->sin6_addr,
                                                   G_SOCKET_FAMILY_IPV6);
        }
      else
        continue;

      if (g_inet_address_get_is_loopback (address) || g_inet_address_get_is_link_local (address)
          || g_inet_address_get_is_any (address))
        continue;
      g_ptr_array_add (addresses, g_steal_pointer (&address));
    }
  freeifaddrs (list);

  return addresses;
}

/* While the listener waits for its callback, nobody reaches it but through loopback. */
static void
try_listener_from_outside (Fixture *fixture)
{
  g_autoptr(GPtrArray) addresses = outside_addresses ();

  for (guint i = 0; i < addresses->len; i++)
    {
      fixture->n_outside_tried++;
      if (connect_refused (g_ptr_array_index (addresses, i), fixture->listen_port))
        fixture->n_outside_refused++;
    }
}

/* Running `herald` */

static void read_more (GInputStream *stream, Run *run, gboolean is_out);

/* The browser is sent on to the listener with the authorization code in the address: one
 * more secret, short-lived but enough to sign in with until it is used. */
static void
on_browser_restarted (SoupMessage *message,
                      gpointer     user_data)
{
  Fixture *fixture = user_data;
  GUri *uri = soup_message_get_uri (message);
  g_autoptr(GHashTable) params = NULL;
  const char *code;

  if (g_uri_get_query (uri) == NULL)
    return;
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  code = params != NULL ? g_hash_table_lookup (params, "code") : NULL;
  if (code != NULL && g_strcmp0 (g_uri_get_host (uri), "127.0.0.1") == 0)
    {
      add_secret (fixture, code);
      fixture->n_codes++;
    }
}

/* The browser: opens the first address `herald` prints, and follows the platform's redirect
 * to the loopback listener. */
static void
browse_printed_address (Run *run)
{
  const char *start = run->out->str;
  const char *newline;

  if (run->browsed)
    return;

  while ((newline = strchr (start, '\n')) != NULL)
    {
      g_autofree char *line = g_strndup (start, newline - start);

      g_strstrip (line);
      if (g_str_has_prefix (line, "http://"))
        {
          g_autoptr(SoupMessage) message = soup_message_new ("GET", line);

          g_assert_nonnull (message);
          run->browsed = TRUE;
          g_signal_connect (message, "restarted", G_CALLBACK (on_browser_restarted),
                            run->fixture);
          run->fixture->listen_port = redirect_port (line);
          if (run->fixture->listen_port != 0)
            try_listener_from_outside (run->fixture);
          soup_session_send_and_read_async (run->fixture->browser, message, G_PRIORITY_DEFAULT,
                                            NULL, NULL, NULL);
          return;
        }
      start = newline + 1;
    }
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;
  gboolean is_out = G_INPUT_STREAM (object) == g_subprocess_get_stdout_pipe (run->process);
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  g_assert_no_error (error);
  if (n <= 0)
    {
      if (is_out)
        run->out_done = TRUE;
      else
        run->err_done = TRUE;
      return;
    }

  g_string_append_len (is_out ? run->out : run->err, run->buffer + (is_out ? 0 : 2048), n);
  if (is_out)
    browse_printed_address (run);
  read_more (G_INPUT_STREAM (object), run, is_out);
}

static void
read_more (GInputStream *stream,
           Run          *run,
           gboolean      is_out)
{
  g_input_stream_read_async (stream, run->buffer + (is_out ? 0 : 2048), 2048,
                             G_PRIORITY_DEFAULT, NULL, read_cb, run);
}

static void
exited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  run->exited = TRUE;
}

/* Runs the built `herald` with every debug message on and @input on its standard input,
 * serving the fakes meanwhile; all it prints goes into the session's log. */
static int
run_herald (Fixture             *fixture,
            const char          *input,
            char               **out,
            const char * const  *arguments)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;
  GOutputStream *stdin_pipe;
  Run run = { 0, };
  int status;

  fixture->listen_port = 0;
  g_ptr_array_add (args, g_build_filename (g_getenv ("HERALD_BUILD_ROOT"), "src", "herald",
                                           NULL));
  for (guint i = 0; arguments[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (arguments[i]));
  g_ptr_array_add (args, g_strdup ("--data-dir"));
  g_ptr_array_add (args, g_strdup (fixture->data_dir));
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "HERALD_DATA_DIR");
  g_subprocess_launcher_setenv (launcher, "GDK_BACKEND", "none", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  /* The test machine may have no default route; the fakes are on loopback. */
  g_subprocess_launcher_setenv (launcher, "GIO_USE_NETWORK_MONITOR", "base", TRUE);
  g_subprocess_launcher_set_cwd (launcher, fixture->dir);

  run.fixture = fixture;
  run.process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata,
                                              &error);
  g_assert_no_error (error);
  run.out = g_string_new (NULL);
  run.err = g_string_new (NULL);

  stdin_pipe = g_subprocess_get_stdin_pipe (run.process);
  if (input != NULL)
    {
      g_output_stream_write_all (stdin_pipe, input, strlen (input), NULL, NULL, &error);
      g_assert_no_error (error);
    }
  g_output_stream_close (stdin_pipe, NULL, NULL);

  read_more (g_subprocess_get_stdout_pipe (run.process), &run, TRUE);
  read_more (g_subprocess_get_stderr_pipe (run.process), &run, FALSE);
  g_subprocess_wait_async (run.process, NULL, exited_cb, &run);

  while (!run.exited || !run.out_done || !run.err_done)
    g_main_context_iteration (NULL, TRUE);

  joined = g_strjoinv (" ", (char **) arguments);
  g_string_append_printf (fixture->log, "$ herald %s\n%s%s", joined, run.out->str,
                          run.err->str);
  status = g_subprocess_get_if_exited (run.process)
           ? g_subprocess_get_exit_status (run.process) : -1;
  if (status != 0)
    g_test_message ("herald %s exited %d: %s%s", joined, status, run.out->str, run.err->str);
  g_object_unref (run.process);

  if (out != NULL)
    *out = g_string_free (g_steal_pointer (&run.out), FALSE);
  else
    g_string_free (run.out, TRUE);
  g_string_free (run.err, TRUE);

  return status;
}

#define HERALD(fixture, input, out, ...) \
  run_herald (fixture, input, out, (const char * const[]) { __VA_ARGS__, NULL })

/* Once its one callback has come, the listener is gone. */
static void
assert_listener_closed (Fixture *fixture)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);

  g_assert_cmpuint (fixture->listen_port, >, 0);
  g_assert_true (connect_refused (loopback, fixture->listen_port));
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The session */

static void
connect_mastodon (Fixture *fixture)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (HERALD (fixture, NULL, &out, "channels", "add", "mastodon", "--instance",
                           hd_fake_mastodon_get_url (fixture->mastodon)), ==, 0);
  assert_listener_closed (fixture);
  add_secret (fixture, fixture->mastodon->access_token);
  add_secret (fixture, fixture->mastodon->client_secret);
}

static void
collect_bluesky_tokens (Fixture *fixture)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, fixture->bluesky->access_tokens);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    add_secret (fixture, key);
  g_hash_table_iter_init (&iter, fixture->bluesky->refresh_tokens);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    add_secret (fixture, key);
}

static void
connect_bluesky (Fixture *fixture)
{
  g_assert_cmpint (HERALD (fixture, BLUESKY_APP_PASSWORD "\n", NULL, "channels", "add",
                           "bluesky", "--pds", hd_fake_bluesky_get_url (fixture->bluesky),
                           "--handle", HD_FAKE_BLUESKY_HANDLE), ==, 0);
  add_secret (fixture, BLUESKY_APP_PASSWORD);
  collect_bluesky_tokens (fixture);
}

static void
connect_facebook (Fixture *fixture)
{
  g_assert_cmpint (HERALD (fixture, FACEBOOK_APP_SECRET "\n", NULL, "channels", "add",
                           "facebook", "--client-id", fixture->facebook->client_id, "--all"),
                   ==, 0);
  assert_listener_closed (fixture);
  add_secret (fixture, FACEBOOK_APP_SECRET);
  add_secret (fixture, FACEBOOK_PAGE_TOKEN);
  add_secret (fixture, FACEBOOK_OUTLET_TOKEN);
  add_secret (fixture, fixture->facebook->user_token);
  add_secret (fixture, fixture->facebook->short_token);
}

static void
connect_x (Fixture *fixture)
{
  g_autofree char *port = g_strdup_printf ("%u", free_port ());

  g_ptr_array_add (fixture->x->callbacks, g_strdup_printf ("http://127.0.0.1:%s/callback",
                                                           port));
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "channels", "add", "x", "--client-id",
                           fixture->x->client_id, "--port", port), ==, 0);
  assert_listener_closed (fixture);
  add_secret (fixture, fixture->x->access_token);
  add_secret (fixture, fixture->x->refresh_token);
}

/* The channels connected, in the order they were added; with @postable, those the fakes let
 * Herald post to (the Facebook fake takes posts with the first Page's token only). */
static GPtrArray *
channel_ids (Fixture  *fixture,
             gboolean  postable)
{
  g_autoptr(HdStore) store = open_store (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) channels = hd_store_list_channels (store, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      g_assert_cmpint (hd_channel_get_state (channel), ==, HD_CHANNEL_STATE_CONNECTED);
      if (postable && g_strcmp0 (hd_channel_get_display_name (channel), "Hazel Outlet") == 0)
        continue;
      g_ptr_array_add (ids, g_strdup (hd_channel_get_id (channel)));
    }

  return ids;
}

/* A post due a minute ago on every channel, as the composer would have saved it. */
static void
save_due_post (Fixture    *fixture,
               GPtrArray  *ids,
               const char *text)
{
  g_autoptr(HdStore) store = open_store (fixture);
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(GError) error = NULL;

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, g_get_real_time () / G_USEC_PER_SEC - 60);
  hd_post_set_time_zone (post, "Europe/London");
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(HdVariant) variant = hd_variant_new ();

      hd_variant_set_channel_id (variant, g_ptr_array_index (ids, i));
      hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
      hd_post_add_variant (post, variant);
    }
  hd_store_save_post (store, post, &error);
  g_assert_no_error (error);
}

static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *needle)
{
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return bytes_contain (data, length, needle);
}

/* Every regular file under @path. */
static void
collect_files (const char *path,
               GPtrArray  *files)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        collect_files (child, files);
      else if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

static void
assert_no_secret_in (Fixture   *fixture,
                     GPtrArray *files)
{
  for (guint j = 0; j < files->len; j++)
    {
      const char *path = g_ptr_array_index (files, j);
      g_autofree char *data = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &data, &length, NULL))
        continue;
      for (guint i = 0; i < fixture->secrets->len; i++)
        {
          const char *secret = g_ptr_array_index (fixture->secrets, i);

          if (bytes_contain (data, length, secret))
            g_error ("A secret (%.12s…) is in %s", secret, path);
        }
    }

  for (guint i = 0; i < fixture->secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (fixture->secrets, i);

      if (bytes_contain (fixture->log->str, fixture->log->len, secret))
        g_error ("A secret (%.12s…) is in what `herald` printed", secret);
    }
}

static void
test_session (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) postable = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *changes_before = g_build_filename (fixture->dir, "changes-before.json", NULL);
  g_autofree char *changes_after = g_build_filename (fixture->dir, "changes-after.json", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "calendar.csv", NULL);
  g_autofree char *ics = g_build_filename (fixture->dir, "calendar.ics", NULL);
  g_autofree char *report = g_build_filename (fixture->dir, "report.csv", NULL);
  g_autofree char *ads = g_build_filename (fixture->dir, "campaigns.csv", NULL);
  g_autofree char *log = g_build_filename (fixture->dir, "session.log", NULL);
  g_autofree char *db = g_build_filename (fixture->data_dir, "herald.db", NULL);
  g_autofree char *out = NULL;
  const char *other_dirs[] = { g_get_user_data_dir (), g_get_user_cache_dir (),
                               g_get_user_config_dir (), g_get_user_runtime_dir () };

  connect_mastodon (fixture);
  connect_bluesky (fixture);
  connect_facebook (fixture);
  connect_x (fixture);
  ids = channel_ids (fixture, FALSE);
  /* Mastodon, Bluesky, two Pages and X. */
  g_assert_cmpuint (ids->len, ==, 5);
  postable = channel_ids (fixture, TRUE);
  g_assert_cmpuint (postable->len, ==, 4);

  g_assert_cmpint (HERALD (fixture, NULL, NULL, "channels"), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "post", "--channel", g_ptr_array_index (ids, 0),
                           "--channel", g_ptr_array_index (ids, 1), "--channel",
                           g_ptr_array_index (ids, 4), "--at", "2099-06-01 12:00", "--zone",
                           "Europe/London", "Lunch specials all week"), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "changes"), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "changes", "export", changes_before), ==, 0);

  save_due_post (fixture, postable, "Fresh rye out of the oven");
  g_assert_cmpint (HERALD (fixture, NULL, &out, "sync"), ==, 0);
  g_assert_nonnull (strstr (out, "Fresh rye out of the oven"));
  /* Sent and read back a second time, with the tokens in use again. */
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "sync"), ==, 0);
  collect_bluesky_tokens (fixture);
  add_secret (fixture, fixture->x->access_token);
  add_secret (fixture, fixture->x->refresh_token);
  add_secret (fixture, fixture->mastodon->access_token);

  g_assert_cmpint (HERALD (fixture, NULL, NULL, "changes", "check"), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "changes", "export", changes_after), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "export", "--csv", csv), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "export", "--ics", ics), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "posts"), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "report", "--csv", report), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "ads", "export", ads), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "channels", "remove",
                           g_ptr_array_index (ids, 1)), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, "channels"), ==, 0);

  g_assert_true (g_file_set_contents (log, fixture->log->str, fixture->log->len, NULL));

  /* What is searched is not empty: an empty file would hide nothing. */
  g_assert_true (file_contains (changes_before, "Lunch specials all week"));
  g_assert_true (file_contains (csv, "Fresh rye out of the oven"));
  g_assert_true (file_contains (ics, "Lunch specials all week"));
  g_assert_true (file_contains (report, "Fresh rye"));
  g_assert_true (file_contains (db, "Fresh rye out of the oven"));
  /* And the log is the debug log, not only the sentences. */
  g_assert_nonnull (strstr (fixture->log->str, "-DEBUG: "));

  collect_files (fixture->dir, files);
  for (guint i = 0; i < G_N_ELEMENTS (other_dirs); i++)
    collect_files (other_dirs[i], files);
  for (guint i = 0; i < files->len; i++)
    g_test_message ("Searched %s", (const char *) g_ptr_array_index (files, i));
  g_assert_cmpuint (files->len, >=, 8);
  /* Mastodon's, Facebook's and X's sign-in each went through the listener with a code. */
  g_assert_cmpuint (fixture->n_codes, ==, 3);
  g_assert_cmpuint (fixture->secrets->len, >=, 15);

  assert_no_secret_in (fixture, files);
}

/* The listener answers on loopback only: from every other address of this machine the port
 * is closed while `herald` waits for the browser. */
static void
test_listener_loopback_only (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) addresses = outside_addresses ();

  if (addresses->len == 0)
    {
      g_test_skip ("This machine has no address but loopback to try the listener from");
      return;
    }

  connect_mastodon (fixture);
  g_assert_cmpuint (fixture->n_outside_tried, >=, 1);
  g_assert_cmpuint (fixture->n_outside_refused, ==, fixture->n_outside_tried);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/e2e/secrets/session", Fixture, NULL, fixture_set_up, test_session,
              fixture_tear_down);
  g_test_add ("/herald/e2e/secrets/listener-loopback-only", Fixture, NULL, fixture_set_up,
              test_listener_loopback_only, fixture_tear_down);

  return g_test_run ();
}
