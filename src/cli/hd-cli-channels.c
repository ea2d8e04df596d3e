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
      g_print (_("No channels yet. Connect one with “herald channels add PLATFORM”, where "
                 "PLATFORM is mastodon, bluesky, facebook, instagram, linkedin or x; "
                 "“herald --help” lists what each needs.\n"));
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
  if (hd_channel_get_handle (channel) != NULL)
    g_print (_("Connected “%s” (%s) as channel %s.\n"), hd_channel_get_display_name (channel),
             hd_channel_get_handle (channel), hd_channel_get_id (channel));
  else
    g_print (_("Connected “%s” as channel %s.\n"), hd_channel_get_display_name (channel),
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

/* Facebook Pages, Instagram, LinkedIn and X: through the user's own developer app */

/* Where a platform is reached instead of its real site, for a test server or a proxy:
 * HERALD_<PLATFORM>_AUTHORIZATION_ENDPOINT, _TOKEN_ENDPOINT and _API_BASE. */
static const char *
platform_override (const char *platform,
                   const char *what)
{
  g_autofree char *name = g_strdup_printf ("HERALD_%s_%s", platform, what);
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? value : NULL;
}

static const char *
choice_name (HdChannelKind kind,
             gpointer      choice)
{
  if (kind == HD_CHANNEL_KIND_LINKEDIN)
    return ((HdLinkedInAccount *) choice)->name;
  if (kind == HD_CHANNEL_KIND_X)
    return ((HdXAccount *) choice)->username;

  return hd_channel_get_display_name (choice);
}

static gboolean
choice_matches (HdChannelKind  kind,
                gpointer       choice,
                const char    *wanted)
{
  const char *id;
  const char *handle;

  if (g_utf8_collate (choice_name (kind, choice), wanted) == 0)
    return TRUE;

  if (kind == HD_CHANNEL_KIND_LINKEDIN)
    {
      HdLinkedInAccount *account = choice;

      id = account->urn;
      handle = account->handle;
    }
  else
    {
      id = hd_channel_get_remote_account_id (choice);
      handle = hd_channel_get_handle (choice);
    }

  if (handle != NULL && handle[0] == '@')
    handle++;
  if (wanted[0] == '@')
    wanted++;

  return g_strcmp0 (id, wanted) == 0 || g_strcmp0 (handle, wanted) == 0;
}

static void
print_choices (HdChannelKind  kind,
               GPtrArray     *choices)
{
  for (guint i = 0; i < choices->len; i++)
    {
      gpointer choice = g_ptr_array_index (choices, i);
      const char *detail;

      if (kind == HD_CHANNEL_KIND_LINKEDIN)
        detail = ((HdLinkedInAccount *) choice)->is_organization ? _("Page you administer")
                                                                 : _("Your profile");
      else
        detail = hd_channel_get_handle (choice);

      g_print ("%s%s%s%s\n", choice_name (kind, choice), detail != NULL ? " (" : "",
               detail != NULL ? detail : "", detail != NULL ? ")" : "");
    }
}

/* The chosen subset of @choices, unowned, or NULL after saying why. */
static GPtrArray *
pick_choices (HdChannelKind        kind,
              GPtrArray           *choices,
              gboolean             all,
              const char * const  *wanted,
              int                 *status)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();

  if (all || kind == HD_CHANNEL_KIND_X || (wanted == NULL && choices->len == 1))
    {
      for (guint i = 0; i < choices->len; i++)
        g_ptr_array_add (chosen, g_ptr_array_index (choices, i));
      return g_steal_pointer (&chosen);
    }

  if (wanted == NULL)
    {
      g_printerr (_("This sign-in can post as more than one account. Run the command again "
                    "with --all, or with --choose NAME for each one to connect:\n"));
      print_choices (kind, choices);
      *status = HD_CLI_EXIT_USAGE;
      return NULL;
    }

  for (guint w = 0; wanted[w] != NULL; w++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < choices->len && !found; i++)
        if (choice_matches (kind, g_ptr_array_index (choices, i), wanted[w]))
          {
            if (!g_ptr_array_find (chosen, g_ptr_array_index (choices, i), NULL))
              g_ptr_array_add (chosen, g_ptr_array_index (choices, i));
            found = TRUE;
          }

      if (!found)
        {
          _hd_cli_print_error (_("“%s” is not among the accounts this sign-in can post as. "
                                 "These are:"), wanted[w]);
          print_choices (kind, choices);
          *status = HD_CLI_EXIT_USAGE;
          return NULL;
        }
    }

  return g_steal_pointer (&chosen);
}

static int
add_app (HdStore            *store,
         HdChannelKind       kind,
         const char         *client_id,
         gboolean            pkce,
         guint               port,
         gboolean            all,
         const char * const *wanted)
{
  g_autoptr(HdHttp) http = hd_http_new ();
  g_autoptr(GObject) connect = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) saved = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *platform;
  const char *authorization;
  const char *token;
  const char *api;
  char *secret = NULL;
  int status = HD_CLI_EXIT_INPUT;

  switch (kind)
    {
    case HD_CHANNEL_KIND_FACEBOOK_PAGE:
      platform = "FACEBOOK";
      break;
    case HD_CHANNEL_KIND_INSTAGRAM:
      platform = "INSTAGRAM";
      break;
    case HD_CHANNEL_KIND_LINKEDIN:
      platform = "LINKEDIN";
      break;
    case HD_CHANNEL_KIND_X:
    case HD_CHANNEL_KIND_MASTODON:
    case HD_CHANNEL_KIND_BLUESKY:
    default:
      platform = "X";
      break;
    }
  authorization = platform_override (platform, "AUTHORIZATION_ENDPOINT");
  token = platform_override (platform, "TOKEN_ENDPOINT");
  api = platform_override (platform, "API_BASE");

  /* Never an argument: those show in `ps` and in the shell's history. */
  if (kind != HD_CHANNEL_KIND_X && !(kind == HD_CHANNEL_KIND_LINKEDIN && pkce))
    {
      g_printerr (_("Type the app’s secret and press Enter:\n"));
      secret = read_line ();
      if (secret != NULL)
        g_strstrip (secret);
    }

  if (kind == HD_CHANNEL_KIND_FACEBOOK_PAGE)
    {
      HdFacebookConnect *facebook = hd_facebook_connect_new (store, http);

      connect = G_OBJECT (facebook);
      hd_facebook_connect_set_client_id (facebook, client_id);
      hd_facebook_connect_set_client_secret (facebook, secret != NULL ? secret : "");
      if (api != NULL)
        hd_facebook_connect_set_graph_base (facebook, api);
      if (authorization != NULL)
        hd_facebook_connect_set_authorization_endpoint (facebook, authorization);
      if (token != NULL)
        hd_facebook_connect_set_token_endpoint (facebook, token);
      hd_facebook_connect_set_open_uri_func (facebook, print_authorization_uri, NULL, NULL);
      hd_facebook_connect_authorize_async (facebook, NULL, store_result_cb, &result);
    }
  else if (kind == HD_CHANNEL_KIND_INSTAGRAM)
    {
      HdInstagramConnect *instagram = hd_instagram_connect_new (store, http);

      connect = G_OBJECT (instagram);
      hd_instagram_connect_set_client_id (instagram, client_id);
      hd_instagram_connect_set_client_secret (instagram, secret != NULL ? secret : "");
      if (api != NULL)
        hd_instagram_connect_set_graph_base (instagram, api);
      if (authorization != NULL)
        hd_instagram_connect_set_authorization_endpoint (instagram, authorization);
      if (token != NULL)
        hd_instagram_connect_set_token_endpoint (instagram, token);
      hd_instagram_connect_set_open_uri_func (instagram, print_authorization_uri, NULL, NULL);
      hd_instagram_connect_authorize_async (instagram, NULL, store_result_cb, &result);
    }
  else if (kind == HD_CHANNEL_KIND_LINKEDIN)
    {
      HdLinkedInConnect *linkedin = hd_linkedin_connect_new (store, http);

      connect = G_OBJECT (linkedin);
      hd_linkedin_connect_set_client_id (linkedin, client_id);
      hd_linkedin_connect_set_flow (linkedin, pkce ? HD_LINKEDIN_FLOW_NATIVE_PKCE
                                                   : HD_LINKEDIN_FLOW_CLIENT_SECRET);
      if (!pkce)
        hd_linkedin_connect_set_client_secret (linkedin, secret != NULL ? secret : "");
      hd_linkedin_connect_set_include_organizations (linkedin, TRUE);
      if (port != 0)
        hd_linkedin_connect_set_redirect_port (linkedin, port);
      if (api != NULL)
        hd_linkedin_connect_set_api_base (linkedin, api);
      if (authorization != NULL)
        hd_linkedin_connect_set_authorization_endpoint (linkedin, authorization);
      if (token != NULL)
        hd_linkedin_connect_set_token_endpoint (linkedin, token);
      hd_linkedin_connect_set_open_uri_func (linkedin, print_authorization_uri, NULL, NULL);
      hd_linkedin_connect_authorize_async (linkedin, NULL, store_result_cb, &result);
    }
  else
    {
      HdXConnect *x = hd_x_connect_new (store, http);

      connect = G_OBJECT (x);
      hd_x_connect_set_client_id (x, client_id);
      if (port != 0)
        hd_x_connect_set_redirect_ports (x, &port, 1);
      if (api != NULL)
        hd_x_connect_set_api_base (x, api);
      if (authorization != NULL)
        hd_x_connect_set_authorization_endpoint (x, authorization);
      if (token != NULL)
        hd_x_connect_set_token_endpoint (x, token);
      hd_x_connect_set_open_uri_func (x, print_authorization_uri, NULL, NULL);
      hd_x_connect_authorize_async (x, NULL, store_result_cb, &result);
    }
  wipe (secret);

  wait_for (&result);
  if (kind == HD_CHANNEL_KIND_FACEBOOK_PAGE || kind == HD_CHANNEL_KIND_INSTAGRAM)
    {
      g_autoptr(GListModel) model = kind == HD_CHANNEL_KIND_FACEBOOK_PAGE
        ? hd_facebook_connect_authorize_finish (HD_FACEBOOK_CONNECT (connect), result, &error)
        : hd_instagram_connect_authorize_finish (HD_INSTAGRAM_CONNECT (connect), result, &error);

      if (model != NULL)
        {
          choices = g_ptr_array_new_with_free_func (g_object_unref);
          for (guint i = 0; i < g_list_model_get_n_items (model); i++)
            g_ptr_array_add (choices, g_list_model_get_item (model, i));
        }
    }
  else if (kind == HD_CHANNEL_KIND_LINKEDIN)
    choices = hd_linkedin_connect_authorize_finish (HD_LINKEDIN_CONNECT (connect), result,
                                                    &error);
  else
    choices = hd_x_connect_authorize_finish (HD_X_CONNECT (connect), result, &error);
  g_clear_object (&result);

  if (choices == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  chosen = pick_choices (kind, choices, all, wanted, &status);
  if (chosen == NULL)
    return status;

  if (kind == HD_CHANNEL_KIND_FACEBOOK_PAGE || kind == HD_CHANNEL_KIND_INSTAGRAM)
    {
      gboolean ok;

      if (kind == HD_CHANNEL_KIND_FACEBOOK_PAGE)
        hd_facebook_connect_save_async (HD_FACEBOOK_CONNECT (connect), chosen, NULL,
                                        store_result_cb, &result);
      else
        hd_instagram_connect_save_async (HD_INSTAGRAM_CONNECT (connect), chosen, NULL,
                                         store_result_cb, &result);
      wait_for (&result);
      ok = kind == HD_CHANNEL_KIND_FACEBOOK_PAGE
           ? hd_facebook_connect_save_finish (HD_FACEBOOK_CONNECT (connect), result, &error)
           : hd_instagram_connect_save_finish (HD_INSTAGRAM_CONNECT (connect), result, &error);
      if (ok)
        saved = g_ptr_array_ref (chosen);
    }
  else if (kind == HD_CHANNEL_KIND_LINKEDIN)
    {
      hd_linkedin_connect_save_async (HD_LINKEDIN_CONNECT (connect),
                                      (HdLinkedInAccount * const *) chosen->pdata, chosen->len,
                                      NULL, store_result_cb, &result);
      saved = hd_linkedin_connect_save_finish (HD_LINKEDIN_CONNECT (connect), wait_for (&result),
                                               &error);
    }
  else
    {
      hd_x_connect_save_async (HD_X_CONNECT (connect), (HdXAccount * const *) chosen->pdata,
                               chosen->len, NULL, store_result_cb, &result);
      saved = hd_x_connect_save_finish (HD_X_CONNECT (connect), wait_for (&result), &error);
    }

  if (saved == NULL)
    {
      _hd_cli_print_error ("%s", error->message);
      return HD_CLI_EXIT_INPUT;
    }

  for (guint i = 0; i < saved->len; i++)
    print_connected (g_ptr_array_index (saved, i));

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
  g_autofree char *client_id = NULL;
  g_auto(GStrv) wanted = NULL;
  gboolean paste = FALSE;
  gboolean all = FALSE;
  gboolean pkce = FALSE;
  int port = 0;
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
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &client_id,
      N_("The client ID (App ID) of your own Facebook, Instagram, LinkedIn or X app"),
      N_("ID") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Connect every Page, Instagram account or organization the sign-in lists"), NULL },
    { "choose", 0, 0, G_OPTION_ARG_STRING_ARRAY, &wanted,
      N_("Connect the Page, Instagram account or organization called NAME; repeat for more"),
      N_("NAME") },
    { "pkce", 0, 0, G_OPTION_ARG_NONE, &pkce,
      N_("LinkedIn: sign in through the native PKCE flow, without a client secret"), NULL },
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("X and LinkedIn: the port of the callback address registered with the app"),
      N_("PORT") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Use the Herald folder DIR"), N_("DIR") },
    { NULL }
  };

  context = g_option_context_new (_("[add mastodon|bluesky|facebook|instagram|linkedin|x|"
                                    "remove ID] — list, connect and remove channels"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
                                    _("Without a command, lists the channels with their state. "
                                      "A Bluesky app password, and the secret of a Facebook, "
                                      "Instagram or LinkedIn app, are read from the standard "
                                      "input, never from the command line."));
  if (!_hd_cli_parse_options (context, argc, argv, &args, &n_args))
    return HD_CLI_EXIT_USAGE;

  if (n_args == 1)
    {
      if (instance != NULL || pds != NULL || handle != NULL || paste || client_id != NULL
          || all || wanted != NULL || pkce || port != 0)
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
    return _hd_cli_usage_error (context, _("Say which kind of channel to add: mastodon, "
                                           "bluesky, facebook, instagram, linkedin or x."));

  {
    HdChannelKind kind = HD_CHANNEL_KIND_MASTODON;

    if (strcmp (args[2], "facebook") == 0)
      kind = HD_CHANNEL_KIND_FACEBOOK_PAGE;
    else if (strcmp (args[2], "instagram") == 0)
      kind = HD_CHANNEL_KIND_INSTAGRAM;
    else if (strcmp (args[2], "linkedin") == 0)
      kind = HD_CHANNEL_KIND_LINKEDIN;
    else if (strcmp (args[2], "x") == 0)
      kind = HD_CHANNEL_KIND_X;

    if (kind != HD_CHANNEL_KIND_MASTODON)
      {
        if (client_id == NULL)
          return _hd_cli_usage_error (context, _("Name your app with --client-id, the client "
                                                 "ID (App ID) from the platform’s developer "
                                                 "site. Its secret, where the platform needs "
                                                 "one, is read from the standard input."));
        if (instance != NULL || paste || pds != NULL || handle != NULL)
          return _hd_cli_usage_error (context, _("--instance, --paste, --pds and --handle are "
                                                 "for Mastodon and Bluesky."));
        if (pkce && kind != HD_CHANNEL_KIND_LINKEDIN)
          return _hd_cli_usage_error (context, _("--pkce is for LinkedIn."));
        if (port != 0 && kind != HD_CHANNEL_KIND_LINKEDIN && kind != HD_CHANNEL_KIND_X)
          return _hd_cli_usage_error (context, _("--port is for LinkedIn and X."));
        if (port < 0 || port > 65535)
          return _hd_cli_usage_error (context, _("--port takes a port number, such as 8765."));
        if (all && wanted != NULL)
          return _hd_cli_usage_error (context, _("Give either --all or --choose, not both."));
        store = _hd_cli_open_store (data_dir);
        return store != NULL
               ? add_app (store, kind, client_id, pkce, (guint) port, all,
                          (const char * const *) wanted)
               : HD_CLI_EXIT_INPUT;
      }
  }

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

  return _hd_cli_usage_error (context, _("Herald can connect mastodon, bluesky, facebook, "
                                         "instagram, linkedin and x channels from the command "
                                         "line."));
}
