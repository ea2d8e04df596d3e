/* hd-cli-channels.c: `herald channels`, to list, connect and remove channels
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "hd-channels.h"
#include "hd-cli.h"
#include "hd-cli-private.h"

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The command line has nothing else to do while it waits. */
static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
append_cell (GString    *out,
             const char *text,
             guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  g_string_append (out, "  ");
}

static int
list_channels (HdStore *store)
{
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 now = now_seconds ();
  guint n;

  channels = hd_store_list_channels (store, &error);
  if (channels == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  n = g_list_model_get_n_items (channels);
  if (n == 0)
    {
      g_print (_("No channels yet. Connect one with “herald channels add mastodon --instance "
                 "URL” or “herald channels add bluesky --handle HANDLE”.\n"));
      return HD_CLI_EXIT_OK;
    }

  append_cell (out, _("Id"), 36);
  append_cell (out, _("Kind"), 14);
  append_cell (out, _("Name"), 30);
  g_string_append_printf (out, "%s\n", _("State"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);
      g_autofree char *state = hd_channel_describe_state (channel, now);
      g_autofree char *name = NULL;
      const char *display_name = hd_channel_get_display_name (channel);
      const char *handle = hd_channel_get_handle (channel);

      if (display_name != NULL && *display_name != '\0' && handle != NULL && *handle != '\0')
        name = g_strdup_printf ("%s (%s)", display_name, handle);
      else if (handle != NULL && *handle != '\0')
        name = g_strdup (handle);
      else
        name = g_strdup (display_name != NULL ? display_name : "");

      append_cell (out, hd_channel_get_id (channel), 36);
      append_cell (out, hd_channel_kind_to_label (hd_channel_get_kind (channel)), 14);
      append_cell (out, name, 30);
      g_string_append_printf (out, "%s\n", state);
    }

  g_print ("%s", out->str);

  return HD_CLI_EXIT_OK;
}

static void
print_connected (HdChannel *channel)
{
  g_print (_("Connected “%s” (%s) as channel %s.\n"), hd_channel_get_display_name (channel),
           hd_channel_get_handle (channel) != NULL ? hd_channel_get_handle (channel) : "",
           hd_channel_get_id (channel));
}

/* The URL goes to stdout alone on its line, so a script (or a test playing the browser) can
 * pick it up; everything else goes to stderr. */
static void
print_authorization_uri (const char *uri,
                         gpointer    user_data)
{
  g_printerr (_("Open this address in a browser and allow Herald to post:\n"));
  g_print ("%s\n", uri);
  fflush (stdout);
}

/* One line of standard input without its line end, or NULL at the end of the input. */
static char *
read_line (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (line, (char) c);

  if (c == EOF && line->len == 0)
    return NULL;

  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
wipe (char *secret)
{
  if (secret == NULL)
    return;

  memset (secret, 0, strlen (secret));
  g_free (secret);
}

static int
add_mastodon (HdStore    *store,
              const char *instance,
              gboolean    paste)
{
  g_autoptr(HdHttp) http = hd_http_new ();
  g_autoptr(HdMastodonConnect) connect = NULL;
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  connect = hd_mastodon_connect_new (http, store, instance, &error);
  if (connect == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  if (!paste)
    {
      hd_mastodon_connect_authorize_async (connect, print_authorization_uri, NULL, NULL,
                                           store_result_cb, &result);
      channel = hd_mastodon_connect_authorize_finish (connect, wait_for (&result), &error);
    }
  else
    {
      g_autofree char *uri = NULL;
      char *pasted;

      hd_mastodon_connect_begin_paste_async (connect, NULL, store_result_cb, &result);
      uri = hd_mastodon_connect_begin_paste_finish (connect, wait_for (&result), &error);
      g_clear_object (&result);
      if (uri == NULL)
        {
          _hd_cli_print_error ("%s", error->message);
          return HD_CLI_EXIT_INPUT;
        }

      print_authorization_uri (uri, NULL);
      g_printerr (_("Then paste the code the instance shows here and press Enter:\n"));
      pasted = read_line ();
      if (pasted == NULL || *g_strstrip (pasted) == '\0')
        {
          wipe (pasted);
          _hd_cli_print_error (_("No code was pasted, so nothing was connected."));
          return HD_CLI_EXIT_INPUT;
        }

      hd_mastodon_connect_redeem_async (connect, pasted, NULL, store_result_cb, &result);
      wipe (pasted);
      channel = hd_mastodon_connect_redeem_finish (connect, wait_for (&result), &error);
    }

  if (channel == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  print_connected (channel);

  return HD_CLI_EXIT_OK;
}

static int
add_bluesky (HdStore    *store,
             const char *pds,
             const char *handle)
{
  g_autoptr(HdHttp) http = hd_http_new ();
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  /* Never an argument: those show in `ps` and in the shell's history. */
  g_printerr (_("Type the app password for %s and press Enter:\n"), handle);
  password = read_line ();
  if (password == NULL || *g_strstrip (password) == '\0')
    {
      wipe (password);
      _hd_cli_print_error (_("No app password was given on the standard input, so nothing was "
                             "connected. Make one in Bluesky’s settings under Privacy and "
                             "security."));
      return HD_CLI_EXIT_INPUT;
    }

  hd_bluesky_connect_async (http, store, pds, handle, password, NULL, NULL, store_result_cb,
                            &result);
  wipe (password);
  channel = hd_bluesky_connect_finish (wait_for (&result), &error);
  if (channel == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  print_connected (channel);

  return HD_CLI_EXIT_OK;
}

static int
remove_channel (HdStore    *store,
                const char *id)
{
  g_autoptr(HdChannel) channel = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  channel = hd_store_load_channel (store, id, &error);
  if (channel == NULL)
    {
      if (g_error_matches (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
        _hd_cli_print_error (_("There is no channel “%s”. “herald channels” lists them "
                               "with their ids."), id);
      else
        _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  hd_channel_remove_async (store, id, NULL, store_result_cb, &result);
  if (!hd_channel_remove_finish (wait_for (&result), &error))
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  g_print (_("Removed “%s”, with its sign-in from the keyring.\n"),
           hd_channel_get_display_name (channel));

  return HD_CLI_EXIT_OK;
}

int
_hd_cli_run_channels (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HdStore) store = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *instance = NULL;
  g_autofree char *pds = NULL;
  g_autofree char *handle = NULL;
  gboolean paste = FALSE;
  int n_args = 0;
  const GOptionEntry entries[] = {
    { "instance", 0, 0, G_OPTION_ARG_STRING, &instance,
      N_("The Mastodon instance to connect, such as mastodon.social"), N_("URL") },
    { "paste", 0, 0, G_OPTION_ARG_NONE, &paste,
      N_("Paste the code the instance shows instead of returning to Herald in the browser"),
      NULL },
    { "pds", 0, 0, G_OPTION_ARG_STRING, &pds,
      N_("The Bluesky server of the account (default: bsky.social)"), N_("URL") },
    { "handle", 0, 0, G_OPTION_ARG_STRING, &handle,
      N_("The Bluesky handle or email to sign in with"), N_("HANDLE") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("[add mastodon|add bluesky|remove ID] — list, connect and "
                                    "remove channels"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Without a command, lists the channels with their state. "
                                      "A Bluesky app password is read from the standard input, "
                                      "never from the command line."));
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;

  if (n_args == 1)
    {
      if (instance != NULL || pds != NULL || handle != NULL || paste)
        return _hd_cli_usage_error (context, _("--instance, --paste, --pds and --handle go with "
                                               "“add”."));
      store = _hd_cli_open_store (data_dir);
      return store != NULL ? list_channels (store) : HD_CLI_EXIT_INPUT;
    }

  if (strcmp (args[1], "remove") == 0)
    {
      if (n_args != 3)
        return _hd_cli_usage_error (context, _("Name the one channel to remove by its id."));
      store = _hd_cli_open_store (data_dir);
      return store != NULL ? remove_channel (store, args[2]) : HD_CLI_EXIT_INPUT;
    }

  if (strcmp (args[1], "add") != 0)
    return _hd_cli_usage_error (context, _("Say what to do: “add” or “remove”, or nothing "
                                           "to list the channels."));

  if (n_args != 3)
    return _hd_cli_usage_error (context, _("Say which kind of channel to add: mastodon or "
                                           "bluesky."));

  if (strcmp (args[2], "mastodon") == 0)
    {
      if (instance == NULL)
        return _hd_cli_usage_error (context, _("Name the instance with --instance, for example "
                                               "--instance mastodon.social."));
      if (pds != NULL || handle != NULL)
        return _hd_cli_usage_error (context, _("--pds and --handle are for Bluesky."));
      store = _hd_cli_open_store (data_dir);
      return store != NULL ? add_mastodon (store, instance, paste) : HD_CLI_EXIT_INPUT;
    }

  if (strcmp (args[2], "bluesky") == 0)
    {
      if (handle == NULL)
        return _hd_cli_usage_error (context, _("Name the account with --handle, for example "
                                               "--handle bakery.bsky.social."));
      if (instance != NULL || paste)
        return _hd_cli_usage_error (context, _("--instance and --paste are for Mastodon."));
      store = _hd_cli_open_store (data_dir);
      return store != NULL ? add_bluesky (store, pds, handle) : HD_CLI_EXIT_INPUT;
    }

  return _hd_cli_usage_error (context, _("Herald can connect mastodon and bluesky channels from "
                                         "the command line."));
}
