/* test-cli-channels.c: `herald channels`, `post` and `sync` run as a user would, without a
 * display, against the Mastodon and Bluesky fakes; and a whole session checked for secrets
 * left where they must never be.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "config.h"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <glib/gstdio.h>
#include <string.h>

#include "hd-core.h"
#include "hd-fake-bluesky.h"
#include "hd-fake-mastodon.h"
#include "hd-secrets.h"

#define APP_PASSWORD "herald-test-app-pass-q7v2"
/* One white pixel. */
#define PNG_BASE64 \
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"

typedef struct
{
  char           *dir;
  char           *data_dir;
  HdFakeMastodon *mastodon_fake;
  HdFakeBluesky  *bluesky_fake;
  SoupSession    *browser;
  GString        *log;
  /* every secret the platforms handed out, to look for afterwards */
  GPtrArray      *secrets;
} Fixture;

typedef struct
{
  GSubprocess *process;
  GString     *out;
  GString     *err;
  gboolean     out_done;
  gboolean     err_done;
  gboolean     exited;
  /* run when stdout shows a line starting with this; NULL for none */
  const char  *watch_prefix;
  void       (*on_line) (Fixture *fixture, GSubprocess *process, const char *line);
  Fixture     *fixture;
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

  fixture->dir = g_dir_make_tmp ("herald-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  /* The command line runs on the real clock, so the fakes do too. */
  fixture->mastodon_fake = hd_fake_mastodon_new ();
  fixture->bluesky_fake = hd_fake_bluesky_new ();
  g_free (fixture->bluesky_fake->app_password);
  fixture->bluesky_fake->app_password = g_strdup (APP_PASSWORD);
  fixture->browser = soup_session_new ();
  fixture->log = g_string_new (NULL);
  fixture->secrets = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->browser);
  hd_fake_mastodon_free (fixture->mastodon_fake);
  hd_fake_bluesky_free (fixture->bluesky_fake);
  g_string_free (fixture->log, TRUE);
  g_ptr_array_unref (fixture->secrets);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->data_dir);
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

static void read_more (GInputStream *stream, Run *run, gboolean is_out);

static void
scan_lines (Run *run)
{
  const char *start = run->out->str;
  const char *newline;

  if (run->watch_prefix == NULL)
    return;

  while ((newline = strchr (start, '\n')) != NULL)
    {
      g_autofree char *line = g_strndup (start, newline - start);

      if (g_str_has_prefix (line, run->watch_prefix))
        {
          run->watch_prefix = NULL;
          run->on_line (run->fixture, run->process, line);
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
    scan_lines (run);
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

/* Runs the built `herald` with no display, feeding @input (may be NULL) on its standard input
 * and serving the fakes while it runs; what it prints lands in the session's log. */
static int
run_herald_full (Fixture     *fixture,
                 const char  *input,
                 const char  *watch_prefix,
                 void       (*on_line) (Fixture *, GSubprocess *, const char *),
                 char       **out,
                 char       **err,
                 const char * const *arguments)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  Run run = { 0, };

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

  run.process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata,
                                              &error);
  g_assert_no_error (error);
  run.out = g_string_new (NULL);
  run.err = g_string_new (NULL);
  run.watch_prefix = watch_prefix;
  run.on_line = on_line;
  run.fixture = fixture;

  if (input != NULL)
    {
      GOutputStream *stdin_pipe = g_subprocess_get_stdin_pipe (run.process);

      g_output_stream_write_all (stdin_pipe, input, strlen (input), NULL, NULL, &error);
      g_assert_no_error (error);
    }
  if (watch_prefix == NULL)
    g_output_stream_close (g_subprocess_get_stdin_pipe (run.process), NULL, NULL);

  read_more (g_subprocess_get_stdout_pipe (run.process), &run, TRUE);
  read_more (g_subprocess_get_stderr_pipe (run.process), &run, FALSE);
  g_subprocess_wait_async (run.process, NULL, exited_cb, &run);

  while (!run.exited || !run.out_done || !run.err_done)
    g_main_context_iteration (NULL, TRUE);

  g_string_append_printf (fixture->log, "$ herald %s\n%s%s", arguments[0], run.out->str,
                          run.err->str);
  g_test_message ("herald %s: %s%s", arguments[0], run.out->str, run.err->str);

  if (out != NULL)
    *out = g_string_free (g_steal_pointer (&run.out), FALSE);
  else
    g_string_free (run.out, TRUE);
  if (err != NULL)
    *err = g_string_free (g_steal_pointer (&run.err), FALSE);
  else
    g_string_free (run.err, TRUE);

  {
    int status = g_subprocess_get_if_exited (run.process)
                 ? g_subprocess_get_exit_status (run.process) : -1;

    g_object_unref (run.process);
    return status;
  }
}

#define HERALD(fixture, input, out, err, ...) \
  run_herald_full (fixture, input, NULL, NULL, out, err, \
                   (const char * const[]) { __VA_ARGS__, NULL })

/* The browser: follows the instance's redirect to the loopback listener of `herald`. */
static void
open_in_browser (Fixture     *fixture,
                 GSubprocess *process,
                 const char  *uri)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  g_assert_nonnull (message);
  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL, NULL,
                                    NULL);
}

/* The user copies the code the instance shows and pastes it. */
static void
on_code_page (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GSubprocess *process = user_data;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  GOutputStream *stdin_pipe = g_subprocess_get_stdin_pipe (process);
  g_autofree char *code = NULL;
  const char *start;
  const char *end;

  page = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_assert_no_error (error);
  start = strstr (g_bytes_get_data (page, NULL), "<code>");
  g_assert_nonnull (start);
  start += strlen ("<code>");
  end = strstr (start, "</code>");
  g_assert_nonnull (end);
  code = g_strdup_printf ("%.*s\n", (int) (end - start), start);
  g_output_stream_write_all (stdin_pipe, code, strlen (code), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stdin_pipe, NULL, NULL);
  g_object_unref (process);
}

static void
paste_code (Fixture     *fixture,
            GSubprocess *process,
            const char  *uri)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  g_assert_nonnull (message);
  soup_session_send_and_read_async (fixture->browser, message, G_PRIORITY_DEFAULT, NULL,
                                    on_code_page, g_object_ref (process));
}

static char *
channel_id_from (const char *out)
{
  const char *marker = strstr (out, "as channel ");

  g_assert_nonnull (marker);
  return g_strndup (marker + strlen ("as channel "), 36);
}

static char *
add_mastodon (Fixture  *fixture,
              gboolean  paste)
{
  g_autofree char *out = NULL;
  const char *url = hd_fake_mastodon_get_url (fixture->mastodon_fake);
  int status;

  status = run_herald_full (fixture, NULL, "http", paste ? paste_code : open_in_browser, &out,
                            NULL,
                            paste ? (const char * const[]) { "channels", "add", "mastodon",
                                                             "--instance", url, "--paste",
                                                             NULL }
                                  : (const char * const[]) { "channels", "add", "mastodon",
                                                             "--instance", url, NULL });
  g_assert_cmpint (status, ==, 0);
  g_ptr_array_add (fixture->secrets, g_strdup (fixture->mastodon_fake->access_token));
  g_ptr_array_add (fixture->secrets, g_strdup (fixture->mastodon_fake->client_secret));

  return channel_id_from (out);
}

static void
collect_bluesky_secrets (Fixture *fixture)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, fixture->bluesky_fake->access_tokens);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (fixture->secrets, g_strdup (key));
  g_hash_table_iter_init (&iter, fixture->bluesky_fake->refresh_tokens);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (fixture->secrets, g_strdup (key));
}

static char *
add_bluesky (Fixture *fixture)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = HERALD (fixture, APP_PASSWORD "\n", &out, &err, "channels", "add", "bluesky",
                   "--pds", hd_fake_bluesky_get_url (fixture->bluesky_fake),
                   "--handle", HD_FAKE_BLUESKY_HANDLE);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (fixture->bluesky_fake->sessions_created, ==, 1);
  g_ptr_array_add (fixture->secrets, g_strdup (APP_PASSWORD));
  collect_bluesky_secrets (fixture);

  return channel_id_from (out);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
keyring_secret (const char   *channel_id,
                HdSecretKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  hd_secrets_lookup_async (channel_id, kind, NULL, lookup_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  secret = hd_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);

  return secret;
}

static void
test_channels_add_list_remove (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *mastodon_id = add_mastodon (fixture, FALSE);
  g_autofree char *bluesky_id = add_bluesky (fixture);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *token = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdChannel) mastodon = NULL;
  g_autoptr(GError) error = NULL;

  /* Connecting kept what the instance said, and the token went to the keyring. */
  store = open_store (fixture);
  mastodon = hd_store_load_channel (store, mastodon_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_channel_get_state (mastodon), ==, HD_CHANNEL_STATE_CONNECTED);
  g_assert_nonnull (hd_channel_get_avatar_url (mastodon));
  g_assert_cmpint (hd_channel_get_limit (mastodon, HD_CHANNEL_LIMIT_CHARACTERS, 0), >, 0);
  token = keyring_secret (mastodon_id, HD_SECRET_KIND_ACCESS_TOKEN);
  g_assert_cmpstr (token, ==, fixture->mastodon_fake->access_token);
  g_clear_object (&store);

  g_assert_cmpint (HERALD (fixture, NULL, &out, &err, "channels"), ==, 0);
  g_assert_nonnull (strstr (out, mastodon_id));
  g_assert_nonnull (strstr (out, bluesky_id));
  g_assert_nonnull (strstr (out, "@bakery.test"));
  g_assert_nonnull (strstr (out, "Connected"));

  /* A channel needing reconnect, or expiring soon, says so. */
  store = open_store (fixture);
  hd_channel_set_state (mastodon, HD_CHANNEL_STATE_NEEDS_RECONNECT);
  hd_store_save_channel (store, mastodon, &error);
  g_assert_no_error (error);
  {
    g_autoptr(HdChannel) bluesky = hd_store_load_channel (store, bluesky_id, &error);

    g_assert_no_error (error);
    hd_channel_set_token_expires_at (bluesky, g_get_real_time () / G_USEC_PER_SEC +
                                              3 * 24 * 60 * 60 - 60);
    hd_store_save_channel (store, bluesky, &error);
    g_assert_no_error (error);
  }
  g_clear_object (&store);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (HERALD (fixture, NULL, &out, NULL, "channels"), ==, 0);
  g_assert_nonnull (strstr (out, "Needs reconnect"));
  g_assert_nonnull (strstr (out, "Expires in 3 days"));

  /* Removing takes the secrets out of the keyring too. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (HERALD (fixture, NULL, &out, NULL, "channels", "remove", mastodon_id), ==, 0);
  g_clear_pointer (&token, g_free);
  token = keyring_secret (mastodon_id, HD_SECRET_KIND_ACCESS_TOKEN);
  g_assert_null (token);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (HERALD (fixture, NULL, &out, NULL, "channels"), ==, 0);
  g_assert_null (strstr (out, mastodon_id));
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "channels", "remove", mastodon_id), ==, 1);

  /* Usage mistakes. */
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "channels", "add", "mastodon"), ==, 2);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "channels", "add", "x"), ==, 2);
}

static void
test_add_mastodon_paste (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *id = add_mastodon (fixture, TRUE);
  g_autofree char *token = keyring_secret (id, HD_SECRET_KIND_ACCESS_TOKEN);

  g_assert_cmpstr (token, ==, fixture->mastodon_fake->access_token);
  g_assert_cmpstr (fixture->mastodon_fake->code_redirect, ==, "urn:ietf:wg:oauth:2.0:oob");
}

static void
test_add_bluesky_wrong_password (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GListModel) channels = NULL;

  g_assert_cmpint (HERALD (fixture, "not-the-password\n", &out, &err, "channels", "add",
                           "bluesky", "--pds", hd_fake_bluesky_get_url (fixture->bluesky_fake),
                           "--handle", HD_FAKE_BLUESKY_HANDLE), ==, 1);
  g_assert_nonnull (strstr (err, "app password"));
  /* No password at all on standard input. */
  g_assert_cmpint (HERALD (fixture, "", NULL, NULL, "channels", "add", "bluesky", "--pds",
                           hd_fake_bluesky_get_url (fixture->bluesky_fake), "--handle",
                           HD_FAKE_BLUESKY_HANDLE), ==, 1);

  store = open_store (fixture);
  channels = hd_store_list_channels (store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (channels), ==, 0);
}

static char *
write_png (Fixture *fixture)
{
  g_autofree guchar *png = NULL;
  gsize length = 0;
  char *path = g_build_filename (fixture->dir, "rolls.png", NULL);

  png = g_base64_decode (PNG_BASE64, &length);
  g_assert_true (g_file_set_contents (path, (const char *) png, length, NULL));

  return path;
}

static void
test_post (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *bluesky_id = add_bluesky (fixture);
  g_autofree char *png = write_png (fixture);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *long_text = g_strnfill (301, 'a');
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GListModel) drafts = NULL;
  g_autoptr(GListModel) scheduled = NULL;
  g_autoptr(HdPost) post = NULL;
  g_autoptr(HdMedia) media = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pending = 0;
  HdVariant *variant;

  /* Scheduled, with a picture and its description. */
  g_assert_cmpint (HERALD (fixture, NULL, &out, &err, "post", "--channel", bluesky_id, "--at",
                           "2099-05-04 09:30", "--zone", "Europe/Paris", "--image", png, "--alt",
                           "A tray of rolls", "Fresh rolls at half past nine"), ==, 0);
  g_assert_nonnull (strstr (out, "2099-05-04 09:30"));

  store = open_store (fixture);
  scheduled = hd_store_list_posts_in_state (store, HD_POST_STATE_SCHEDULED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scheduled), ==, 1);
  post = g_list_model_get_item (scheduled, 0);
  g_assert_cmpstr (hd_post_get_text (post), ==, "Fresh rolls at half past nine");
  g_assert_cmpstr (hd_post_get_time_zone (post), ==, "Europe/Paris");
  /* 09:30 in Paris in May is 07:30 UTC. */
  g_assert_cmpint (hd_post_get_scheduled_at (post), ==, 4081563000);
  variant = hd_post_find_variant (post, bluesky_id);
  g_assert_nonnull (variant);
  g_assert_cmpint (hd_variant_get_state (variant), ==, HD_POST_STATE_SCHEDULED);
  g_assert_cmpuint (g_strv_length ((char **) hd_variant_get_media (variant)), ==, 1);
  media = hd_store_load_media (store, hd_variant_get_media (variant)[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_media_get_alt_text (media), ==, "A tray of rolls");
  hd_store_count_pending_changes (store, &n_pending, &error);
  g_assert_cmpuint (n_pending, ==, 1);
  g_clear_object (&store);

  /* Without --at it is a draft, with nothing to send. */
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "post", "--channel", bluesky_id,
                           "An idea for later"), ==, 0);
  store = open_store (fixture);
  drafts = hd_store_list_posts_in_state (store, HD_POST_STATE_DRAFT, &error);
  g_assert_cmpuint (g_list_model_get_n_items (drafts), ==, 1);
  hd_store_count_pending_changes (store, &n_pending, &error);
  g_assert_cmpuint (n_pending, ==, 1);
  g_clear_object (&store);

  /* Over Bluesky's 300: refused, naming the channel, and nothing saved. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, &err, "post", "--channel", bluesky_id, "--at",
                           "2099-05-04 09:30", long_text), ==, 1);
  g_assert_nonnull (strstr (err, "bakery.test"));
  store = open_store (fixture);
  g_clear_object (&scheduled);
  scheduled = hd_store_list_posts_in_state (store, HD_POST_STATE_SCHEDULED, &error);
  g_assert_cmpuint (g_list_model_get_n_items (scheduled), ==, 1);
  g_clear_object (&store);

  /* The composer's checks on time and picture. */
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "post", "--channel", bluesky_id, "--at",
                           "2001-01-01 10:00", "Too late"), ==, 2);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "post", "--channel", bluesky_id, "--at",
                           "2030-03-31 01:30", "--zone", "Europe/London", "Skipped hour"),
                   ==, 2);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "post", "--channel", bluesky_id,
                           "--image", png, "No description"), ==, 2);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "post", "--channel", "no-such-channel",
                           "Hello"), ==, 1);
}

/* A post due now on @channel_ids, written as the composer would have a while ago. */
static void
save_due_post (Fixture     *fixture,
               const char  *text,
               const char  *first,
               const char  *second)
{
  g_autoptr(HdStore) store = open_store (fixture);
  g_autoptr(HdPost) post = hd_post_new ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { first, second };

  hd_post_set_text (post, text);
  hd_post_set_state (post, HD_POST_STATE_SCHEDULED);
  hd_post_set_scheduled_at (post, g_get_real_time () / G_USEC_PER_SEC - 60);
  hd_post_set_time_zone (post, "Europe/London");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(HdVariant) variant = NULL;

      if (ids[i] == NULL)
        continue;
      variant = hd_variant_new ();
      hd_variant_set_channel_id (variant, ids[i]);
      hd_variant_set_state (variant, HD_POST_STATE_SCHEDULED);
      hd_post_add_variant (post, variant);
    }
  hd_store_save_post (store, post, &error);
  g_assert_no_error (error);
}

static void
test_sync_exit_codes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *mastodon_id = add_mastodon (fixture, FALSE);
  g_autofree char *bluesky_id = add_bluesky (fixture);
  g_autofree char *out = NULL;

  /* Nothing due: fine. */
  g_assert_cmpint (HERALD (fixture, NULL, &out, NULL, "sync"), ==, 0);

  save_due_post (fixture, "Everything goes", mastodon_id, bluesky_id);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (HERALD (fixture, NULL, &out, NULL, "sync"), ==, 0);
  g_assert_nonnull (strstr (out, "Everything goes"));
  g_assert_nonnull (strstr (out, "Published at"));
  g_assert_cmpuint (fixture->mastodon_fake->statuses->len, ==, 1);
  g_assert_cmpuint (g_hash_table_size (fixture->bluesky_fake->records), ==, 1);

  /* One refused: the status says something did not go. */
  save_due_post (fixture, "Refused by Mastodon", mastodon_id, NULL);
  hd_fake_server_add_fault (fixture->mastodon_fake->server, "POST", "/api/v1/statuses",
                            HD_FAKE_FAULT_STATUS, 422,
                            "{\"error\":\"Validation failed: Text character limit of 500 "
                            "exceeded\"}", NULL, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (HERALD (fixture, NULL, &out, NULL, "sync"), ==, 1);
  g_assert_nonnull (strstr (out, "character limit of 500"));

  /* A rate limit leaves it waiting: also 1. */
  save_due_post (fixture, "Slow down", mastodon_id, NULL);
  hd_fake_server_add_fault (fixture->mastodon_fake->server, "POST", "/api/v1/statuses",
                            HD_FAKE_FAULT_STATUS, 429, "{\"error\":\"Too many requests\"}",
                            (const char * const[]) { "Retry-After", "600", NULL }, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "sync"), ==, 1);

  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "sync", "extra"), ==, 2);
  collect_bluesky_secrets (fixture);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

/* A whole session: connect both, post, send, export, list and remove, with every debug
 * message on. No secret the platforms handed out is anywhere but the keyring. */
static void
test_session_leaks_no_secret (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *mastodon_id = add_mastodon (fixture, FALSE);
  g_autofree char *bluesky_id = add_bluesky (fixture);
  g_autofree char *png = write_png (fixture);
  g_autofree char *csv = g_build_filename (fixture->dir, "calendar.csv", NULL);
  g_autofree char *ics = g_build_filename (fixture->dir, "calendar.ics", NULL);
  g_autofree char *log = g_build_filename (fixture->dir, "session.log", NULL);
  g_autofree char *db = g_build_filename (fixture->data_dir, "herald.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *out = NULL;
  const char *files[] = { db, wal, csv, ics, log };

  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "channels"), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "post", "--channel", mastodon_id,
                           "--channel", bluesky_id, "--at", "2099-06-01 12:00", "--image", png,
                           "--alt", "Rolls", "Lunch specials"), ==, 0);
  save_due_post (fixture, "Out now", mastodon_id, bluesky_id);
  g_assert_cmpint (HERALD (fixture, NULL, &out, NULL, "sync"), ==, 0);
  g_assert_nonnull (strstr (out, "Out now"));
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "export", "--csv", csv), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "export", "--ics", ics), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "posts"), ==, 0);
  g_assert_cmpint (HERALD (fixture, NULL, NULL, NULL, "channels", "remove", bluesky_id), ==, 0);
  collect_bluesky_secrets (fixture);

  g_assert_true (g_file_set_contents (log, fixture->log->str, fixture->log->len, NULL));
  /* The exports are not empty: they would hide nothing if they were. */
  g_assert_true (file_contains (csv, "Lunch specials"));
  g_assert_true (file_contains (ics, "Lunch specials"));
  g_assert_true (file_contains (log, "Published at"));

  g_assert_cmpuint (fixture->secrets->len, >=, 5);
  for (guint i = 0; i < fixture->secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (fixture->secrets, i);

      g_assert_nonnull (secret);
      g_assert_cmpuint (strlen (secret), >=, 10);
      for (guint j = 0; j < G_N_ELEMENTS (files); j++)
        {
          if (!g_file_test (files[j], G_FILE_TEST_EXISTS))
            continue;
          if (file_contains (files[j], secret))
            g_error ("A secret (%.4s…) is in %s", secret, files[j]);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/herald/cli/channels/add-list-remove", Fixture, NULL, fixture_set_up,
              test_channels_add_list_remove, fixture_tear_down);
  g_test_add ("/herald/cli/channels/add-mastodon-paste", Fixture, NULL, fixture_set_up,
              test_add_mastodon_paste, fixture_tear_down);
  g_test_add ("/herald/cli/channels/add-bluesky-refused", Fixture, NULL, fixture_set_up,
              test_add_bluesky_wrong_password, fixture_tear_down);
  g_test_add ("/herald/cli/post", Fixture, NULL, fixture_set_up, test_post, fixture_tear_down);
  g_test_add ("/herald/cli/sync/exit-codes", Fixture, NULL, fixture_set_up,
              test_sync_exit_codes, fixture_tear_down);
  g_test_add ("/herald/cli/session/no-secret-leaks", Fixture, NULL, fixture_set_up,
              test_session_leaks_no_secret, fixture_tear_down);

  return g_test_run ();
}
