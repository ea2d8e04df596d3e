/* test-cli-channels-meta.c: `herald channels add facebook` and `add x` run as a user would,
 * without a display, against the fake Graph and the fake X, the test playing the browser.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hd-core.h"
#include "hd-fake-facebook.h"
#include "hd-fake-x.h"

typedef struct
{
  char           *dir;
  char           *data_dir;
  HdFakeFacebook *facebook;
  HdFakeX        *x;
  SoupSession    *browser;
  /* the address `herald` printed for the browser, if any */
  char           *uri;
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
  g_autofree char *graph = NULL;
  g_autofree char *dialog = NULL;
  g_autofree char *authorize = NULL;
  g_autofree char *token = NULL;

  fixture->dir = g_dir_make_tmp ("herald-cli-meta-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->facebook = hd_fake_facebook_new ();
  fixture->x = hd_fake_x_new ();
  fixture->browser = soup_session_new ();

  graph = hd_fake_facebook_get_graph_base (fixture->facebook);
  dialog = hd_fake_facebook_get_dialog_url (fixture->facebook);
  g_setenv ("HERALD_FACEBOOK_API_BASE", graph, TRUE);
  g_setenv ("HERALD_FACEBOOK_AUTHORIZATION_ENDPOINT", dialog, TRUE);

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
  hd_fake_facebook_free (fixture->facebook);
  hd_fake_x_free (fixture->x);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
  g_free (fixture->uri);
}

static void read_more (GInputStream *stream, Run *run, gboolean is_out);

/* The browser: the platform's page redirects at once to the loopback listener of `herald`. */
static void
scan_for_uri (Run *run)
{
  const char *start = run->out->str;
  const char *newline;

  if (run->fixture->uri != NULL)
    return;

  while ((newline = strchr (start, '\n')) != NULL)
    {
      g_autofree char *line = g_strndup (start, newline - start);

      if (g_str_has_prefix (line, "http://"))
        {
          g_autoptr(SoupMessage) message = soup_message_new ("GET", line);

          g_assert_nonnull (message);
          run->fixture->uri = g_steal_pointer (&line);
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
    scan_for_uri (run);
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

/* Runs the built `herald` with @input on its standard input, serving the fakes meanwhile. */
static int
run_herald (Fixture             *fixture,
            const char          *input,
            char               **out,
            char               **err,
            const char * const  *arguments)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GOutputStream *stdin_pipe;
  Run run = { 0, };
  int status;

  g_clear_pointer (&fixture->uri, g_free);
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

  g_test_message ("herald %s %s: %s%s", arguments[0], arguments[1] != NULL ? arguments[1] : "",
                  run.out->str, run.err->str);
  status = g_subprocess_get_if_exited (run.process)
           ? g_subprocess_get_exit_status (run.process) : -1;
  g_object_unref (run.process);

  if (out != NULL)
    *out = g_string_free (g_steal_pointer (&run.out), FALSE);
  else
    g_string_free (run.out, TRUE);
  if (err != NULL)
    *err = g_string_free (g_steal_pointer (&run.err), FALSE);
  else
    g_string_free (run.err, TRUE);

  return status;
}

#define HERALD(fixture, input, out, err, ...) \
  run_herald (fixture, input, out, err, (const char * const[]) { __VA_ARGS__, NULL })

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

static void
test_add_facebook (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *secret = g_strconcat (fixture->facebook->client_secret, "\n", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *dialog = hd_fake_facebook_get_dialog_url (fixture->facebook);

  /* Two Pages and no say in which: they are listed, and nothing is connected. */
  g_assert_cmpint (HERALD (fixture, secret, &out, &err, "channels", "add", "facebook",
                           "--client-id", fixture->facebook->client_id), ==, 2);
  g_assert_nonnull (fixture->uri);
  g_assert_true (g_str_has_prefix (fixture->uri, dialog));
  g_assert_nonnull (strstr (out, fixture->facebook->page_name));
  g_assert_nonnull (strstr (out, "Hazel Outlet"));
  g_assert_nonnull (strstr (err, "--all"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (HERALD (fixture, NULL, &out, NULL, "channels"), ==, 0);
  g_assert_null (strstr (out, "Hazel"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The secret never travels on the command line; a wrong one gets the platform's word. */
  g_assert_cmpint (HERALD (fixture, "not-the-secret\n", NULL, &err, "channels", "add",
                           "facebook", "--client-id", fixture->facebook->client_id, "--all"),
                   ==, 1);
  g_assert_nonnull (strstr (err, "client secret"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (HERALD (fixture, secret, &out, NULL, "channels", "add", "facebook",
                           "--client-id", fixture->facebook->client_id, "--choose",
                           "Hazel Outlet"), ==, 0);
  g_assert_nonnull (strstr (out, "Hazel Outlet"));
  g_assert_null (strstr (out, fixture->facebook->page_name));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (HERALD (fixture, secret, &out, NULL, "channels", "add", "facebook",
                           "--client-id", fixture->facebook->client_id, "--all"), ==, 0);
  g_assert_nonnull (strstr (out, fixture->facebook->page_name));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (HERALD (fixture, NULL, &listed, NULL, "channels"), ==, 0);
  g_assert_nonnull (strstr (listed, fixture->facebook->page_name));
  g_assert_nonnull (strstr (listed, "Hazel Outlet"));
  g_assert_null (strstr (listed, fixture->facebook->client_secret));

  /* No client id: told how, before any sign-in. */
  g_clear_pointer (&fixture->uri, g_free);
  g_assert_cmpint (HERALD (fixture, secret, NULL, NULL, "channels", "add", "facebook"), ==, 2);
  g_assert_null (fixture->uri);
}

static void
test_add_x (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *port = g_strdup_printf ("%u", free_port ());
  g_autofree char *out = NULL;
  g_autofree char *listed = NULL;

  g_ptr_array_add (fixture->x->callbacks, g_strdup_printf ("http://127.0.0.1:%s/callback",
                                                           port));

  g_assert_cmpint (HERALD (fixture, NULL, &out, NULL, "channels", "add", "x", "--client-id",
                           fixture->x->client_id, "--port", port), ==, 0);
  g_assert_nonnull (fixture->uri);
  g_assert_true (g_str_has_prefix (fixture->uri, hd_fake_x_get_url (fixture->x)));
  g_assert_nonnull (strstr (out, "cornerbakery"));

  g_assert_cmpint (HERALD (fixture, NULL, &listed, NULL, "channels"), ==, 0);
  g_assert_nonnull (strstr (listed, "cornerbakery"));
  g_assert_nonnull (strstr (listed, "X"));

  /* --pkce belongs to LinkedIn alone. */
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "channels", "add", "x", "--client-id",
                           fixture->x->client_id, "--pkce"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/herald/cli/channels-meta/add-facebook", Fixture, NULL, fixture_set_up,
              test_add_facebook, fixture_tear_down);
  g_test_add ("/herald/cli/channels-meta/add-x", Fixture, NULL, fixture_set_up, test_add_x,
              fixture_tear_down);

  return g_test_run ();
}
