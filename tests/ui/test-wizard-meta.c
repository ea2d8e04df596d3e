/* test-wizard-meta.c: the channel wizard's developer-app steps against the fake Graph and the
 * fake X, Instagram and LinkedIn, the test playing the browser.
 *
 * Copyright 2026 The Herald authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "herald-test"

#include "hd-test-ui.h"

#include <libsoup/soup.h>

#include "channels/hd-channel-wizard-private.h"
#include "channels/hd-channels-page.h"
#include "hd-channel-connect.h"
#include "hd-fake-facebook.h"
#include "hd-fake-instagram.h"
#include "hd-fake-linkedin.h"
#include "hd-fake-x.h"
#include "hd-secrets.h"
#include "hd-store-channels.h"

typedef struct
{
  SoupSession *session;
  char        *uri;
  guint        pages_loaded;
} Browser;

static void
on_page_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Browser *browser = user_data;
  g_autoptr(GBytes) page = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                             NULL);

  browser->pages_loaded++;
}

/* The platform's page redirects at once to the loopback listener the wizard opened. */
static void
play_browser (const char *uri,
              gpointer    user_data)
{
  Browser *browser = user_data;
  g_autoptr(SoupMessage) message = soup_message_new ("GET", uri);

  g_free (browser->uri);
  browser->uri = g_strdup (uri);
  soup_session_send_and_read_async (browser->session, message, G_PRIORITY_DEFAULT, NULL,
                                    on_page_loaded, browser);
}

static void
browser_clear (Browser *browser)
{
  g_clear_object (&browser->session);
  g_clear_pointer (&browser->uri, g_free);
}

static HdChannelWizard *
open_wizard (HdWindow *window)
{
  HdChannelWizard *wizard;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                             "channels"));
  test_iterate ();
  g_assert_true (gtk_widget_activate_action (hd_window_get_page (window, "channels"),
                                             "channels.add", NULL));
  test_iterate ();
  wizard = HD_CHANNEL_WIZARD (test_find_toplevel (HD_TYPE_CHANNEL_WIZARD));
  g_assert_nonnull (wizard);
  hd_channel_wizard_set_timeout (wizard, 15000);

  return wizard;
}

static guint
count_channels (HdChannelKind kind)
{
  g_autoptr(GListModel) channels = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  channels = hd_store_list_channels (hd_application_get_store (test_app), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    {
      g_autoptr(HdChannel) channel = g_list_model_get_item (channels, i);

      n += hd_channel_get_kind (channel) == kind;
    }

  return n;
}

static void
start_facebook (HdChannelWizard *wizard,
                HdFakeFacebook  *fake,
                const char      *secret)
{
  g_autofree char *graph = hd_fake_facebook_get_graph_base (fake);
  g_autofree char *dialog = hd_fake_facebook_get_dialog_url (fake);

  _hd_channel_wizard_set_endpoints (wizard, HD_CHANNEL_KIND_FACEBOOK_PAGE, dialog, NULL, graph);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.choose", "s",
                                             "facebook"));
  test_iterate ();
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "app");
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "client-id"), fake->client_id);
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "client-secret"), secret);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-sign-in", NULL));
  test_iterate ();
}

static void
test_facebook_wizard (void)
{
  g_autoptr(HdFakeFacebook) fake = hd_fake_facebook_new ();
  g_autofree char *dialog = hd_fake_facebook_get_dialog_url (fake);
  Browser browser = { soup_session_new (), NULL, 0 };
  HdWindow *window;
  HdChannelWizard *wizard;
  const char *name = NULL;
  const char *second = NULL;
  g_autoptr(HdChannel) channel = NULL;
  guint before;

  hd_application_set_open_uri_func (test_app, play_browser, &browser);
  test_open_workspace (HD_WORKSPACE_OWN);
  window = test_open_window ();
  before = count_channels (HD_CHANNEL_KIND_FACEBOOK_PAGE);
  wizard = open_wizard (window);
  start_facebook (wizard, fake, fake->client_secret);

  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "app-choose") == 0, 20);
  g_assert_true (g_str_has_prefix (browser.uri, dialog));
  g_assert_cmpuint (_hd_channel_wizard_get_n_choices (wizard), ==, 2);
  _hd_channel_wizard_get_choice (wizard, 0, &name);
  _hd_channel_wizard_get_choice (wizard, 1, &second);
  g_assert_cmpstr (name, ==, fake->page_name);
  g_assert_cmpstr (second, ==, "Hazel Outlet");

  /* Nothing ticked: nothing to connect, and the wizard says so. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-connect", NULL));
  test_iterate ();
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "app-choose");
  g_assert_nonnull (hd_channel_wizard_get_error (wizard));

  gtk_check_button_set_active (_hd_channel_wizard_get_choice (wizard, 0, NULL), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-connect", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "done") == 0, 20);

  channel = g_object_ref (hd_channel_wizard_get_channel (wizard));
  g_assert_cmpint (hd_channel_get_kind (channel), ==, HD_CHANNEL_KIND_FACEBOOK_PAGE);
  g_assert_cmpstr (hd_channel_get_display_name (channel), ==, fake->page_name);
  g_assert_cmpstr (hd_channel_get_remote_account_id (channel), ==, fake->page_id);
  g_assert_cmpuint (count_channels (HD_CHANNEL_KIND_FACEBOOK_PAGE), ==, before + 1);

  test_close_all ();
  hd_application_set_open_uri_func (test_app, NULL, NULL);
  browser_clear (&browser);
}

static void
test_facebook_wrong_secret (void)
{
  g_autoptr(HdFakeFacebook) fake = hd_fake_facebook_new ();
  Browser browser = { soup_session_new (), NULL, 0 };
  HdWindow *window;
  HdChannelWizard *wizard;
  guint before;

  hd_application_set_open_uri_func (test_app, play_browser, &browser);
  test_open_workspace (HD_WORKSPACE_OWN);
  window = test_open_window ();
  before = count_channels (HD_CHANNEL_KIND_FACEBOOK_PAGE);
  wizard = open_wizard (window);
  start_facebook (wizard, fake, "not-the-secret");

  test_wait_until (!hd_channel_wizard_get_busy (wizard), 20);
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "app");
  g_assert_nonnull (hd_channel_wizard_get_error (wizard));
  g_assert_cmpuint (strlen (hd_channel_wizard_get_error (wizard)), >, 20);
  g_test_message ("%s", hd_channel_wizard_get_error (wizard));
  g_assert_cmpstr (gtk_editable_get_text (_hd_channel_wizard_get_entry (wizard, "client-id")), ==,
                   fake->client_id);
  g_assert_cmpstr (gtk_editable_get_text (_hd_channel_wizard_get_entry (wizard,
                                                                        "client-secret")),
                   ==, "not-the-secret");
  g_assert_cmpuint (count_channels (HD_CHANNEL_KIND_FACEBOOK_PAGE), ==, before);

  /* Fixing the one field is enough. */
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "client-secret"),
                         fake->client_secret);
  g_assert_null (hd_channel_wizard_get_error (wizard));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-sign-in", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "app-choose") == 0, 20);

  test_close_all ();
  hd_application_set_open_uri_func (test_app, NULL, NULL);
  browser_clear (&browser);
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

static void
test_x_wizard (void)
{
  g_autoptr(HdFakeX) fake = hd_fake_x_new ();
  Browser browser = { soup_session_new (), NULL, 0 };
  const char *url = hd_fake_x_get_url (fake);
  g_autofree char *authorize = g_strconcat (url, "/i/oauth2/authorize", NULL);
  g_autofree char *token = g_strconcat (url, "/2/oauth2/token", NULL);
  g_autofree char *port = g_strdup_printf ("%u", free_port ());
  HdWindow *window;
  HdChannelWizard *wizard;
  HdChannel *channel;
  const char *name = NULL;
  guint before;

  g_ptr_array_add (fake->callbacks, g_strdup_printf ("http://127.0.0.1:%s/callback", port));
  hd_application_set_open_uri_func (test_app, play_browser, &browser);
  test_open_workspace (HD_WORKSPACE_OWN);
  window = test_open_window ();
  before = count_channels (HD_CHANNEL_KIND_X);
  wizard = open_wizard (window);
  _hd_channel_wizard_set_endpoints (wizard, HD_CHANNEL_KIND_X, authorize, token, url);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.choose", "s", "x"));
  test_iterate ();
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "app");
  /* No secret for X: a public client. */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
    GTK_WIDGET (_hd_channel_wizard_get_entry (wizard, "client-secret")),
    ADW_TYPE_PREFERENCES_ROW)));
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "client-id"), fake->client_id);

  /* A port that is no port is caught before the browser opens. */
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "port"), "eighty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-sign-in", NULL));
  test_iterate ();
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "app");
  g_assert_nonnull (hd_channel_wizard_get_error (wizard));
  g_assert_null (browser.uri);

  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "port"), port);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-sign-in", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "app-choose") == 0, 20);
  g_assert_cmpuint (_hd_channel_wizard_get_n_choices (wizard), ==, 1);
  g_assert_true (gtk_check_button_get_active (_hd_channel_wizard_get_choice (wizard, 0, &name)));
  g_assert_nonnull (name);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-connect", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "done") == 0, 20);
  channel = hd_channel_wizard_get_channel (wizard);
  g_assert_cmpint (hd_channel_get_kind (channel), ==, HD_CHANNEL_KIND_X);
  g_assert_cmpstr (hd_channel_get_remote_account_id (channel), ==, fake->user_id);
  g_assert_cmpuint (count_channels (HD_CHANNEL_KIND_X), ==, before + 1);

  test_close_all ();
  hd_application_set_open_uri_func (test_app, NULL, NULL);
  browser_clear (&browser);
}

/* The check button of the choice named @name. */
static GtkCheckButton *
find_choice (HdChannelWizard *wizard,
             const char      *name)
{
  for (guint i = 0; i < _hd_channel_wizard_get_n_choices (wizard); i++)
    {
      const char *shown = NULL;
      GtkCheckButton *check = _hd_channel_wizard_get_choice (wizard, i, &shown);

      if (g_strcmp0 (shown, name) == 0)
        return check;
    }

  g_error ("The wizard offers no “%s”", name);
}

static gboolean
row_visible (HdChannelWizard *wizard,
             const char      *entry)
{
  return gtk_widget_get_visible (gtk_widget_get_ancestor (
    GTK_WIDGET (_hd_channel_wizard_get_entry (wizard, entry)), ADW_TYPE_PREFERENCES_ROW));
}

static void
test_instagram_wizard (void)
{
  g_autoptr(HdFakeInstagram) fake = hd_fake_instagram_new ();
  Browser browser = { soup_session_new (), NULL, 0 };
  g_autofree char *graph = hd_fake_facebook_get_graph_base (fake->facebook);
  g_autofree char *dialog = hd_fake_facebook_get_dialog_url (fake->facebook);
  HdWindow *window;
  HdChannelWizard *wizard;
  HdChannel *channel;
  const char *name = NULL;
  guint before;

  hd_application_set_open_uri_func (test_app, play_browser, &browser);
  test_open_workspace (HD_WORKSPACE_OWN);
  window = test_open_window ();
  before = count_channels (HD_CHANNEL_KIND_INSTAGRAM);
  wizard = open_wizard (window);
  _hd_channel_wizard_set_endpoints (wizard, HD_CHANNEL_KIND_INSTAGRAM, dialog, NULL, graph);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.choose", "s",
                                             "instagram"));
  test_iterate ();
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "app");
  /* A Meta app has a secret and a fixed redirect: no port to choose. */
  g_assert_true (row_visible (wizard, "client-secret"));
  g_assert_false (row_visible (wizard, "port"));
  g_assert_null (_hd_channel_wizard_get_redirect_hint (wizard));
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "client-id"),
                         fake->facebook->client_id);
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "client-secret"),
                         fake->facebook->client_secret);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-sign-in", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "app-choose") == 0, 20);

  /* Of the user's two Pages only one has a professional account linked: that one is offered,
   * under the Instagram name, and being the only one it is ticked. */
  g_assert_cmpuint (_hd_channel_wizard_get_n_choices (wizard), ==, 1);
  g_assert_true (gtk_check_button_get_active (_hd_channel_wizard_get_choice (wizard, 0, &name)));
  g_test_message ("offered: %s", name);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-connect", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "done") == 0, 20);
  channel = hd_channel_wizard_get_channel (wizard);
  g_assert_cmpint (hd_channel_get_kind (channel), ==, HD_CHANNEL_KIND_INSTAGRAM);
  g_assert_cmpstr (hd_channel_get_remote_account_id (channel), ==, fake->ig_user_id);
  g_assert_cmpstr (hd_channel_get_handle (channel), ==, "@hazelandhound");
  g_assert_nonnull (strstr (hd_channel_get_limits (channel), fake->facebook->page_id));
  g_assert_cmpuint (count_channels (HD_CHANNEL_KIND_INSTAGRAM), ==, before + 1);

  test_close_all ();
  hd_application_set_open_uri_func (test_app, NULL, NULL);
  browser_clear (&browser);
}

static void
start_linkedin (HdChannelWizard *wizard,
                HdFakeLinkedIn  *fake)
{
  const char *url = hd_fake_linkedin_get_url (fake);
  g_autofree char *authorize = g_strconcat (url, "/oauth/v2/authorization", NULL);
  g_autofree char *token = g_strconcat (url, "/oauth/v2/accessToken", NULL);

  _hd_channel_wizard_set_endpoints (wizard, HD_CHANNEL_KIND_LINKEDIN, authorize, token, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.choose", "s",
                                             "linkedin"));
  test_iterate ();
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "app");
}

static void
test_linkedin_organization (void)
{
  g_autoptr(HdFakeLinkedIn) fake = hd_fake_linkedin_new ();
  Browser browser = { soup_session_new (), NULL, 0 };
  guint port = free_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autofree char *default_uri = hd_loopback_redirect_uri (HD_LINKEDIN_DEFAULT_REDIRECT_PORT);
  g_autofree char *chosen_uri = hd_loopback_redirect_uri (port);
  HdWindow *window;
  HdChannelWizard *wizard;
  HdChannel *channel;
  guint before;

  /* The user registered the redirect URL on a port of their choosing. */
  g_free (fake->registered_redirect);
  fake->registered_redirect = g_strdup (chosen_uri);
  hd_application_set_open_uri_func (test_app, play_browser, &browser);
  test_open_workspace (HD_WORKSPACE_OWN);
  window = test_open_window ();
  before = count_channels (HD_CHANNEL_KIND_LINKEDIN);
  wizard = open_wizard (window);
  start_linkedin (wizard, fake);

  /* The client-secret flow: the port is there to change, and the line below says the whole
   * address to register, which follows what is typed. */
  g_assert_true (row_visible (wizard, "client-secret"));
  g_assert_true (row_visible (wizard, "port"));
  g_assert_nonnull (strstr (_hd_channel_wizard_get_redirect_hint (wizard), default_uri));
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "client-id"), fake->client_id);
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "client-secret"),
                         fake->client_secret);

  /* Not a port: caught before the browser opens, and the line says so too. */
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "port"), "0");
  g_assert_null (strstr (_hd_channel_wizard_get_redirect_hint (wizard), "http://"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-sign-in", NULL));
  test_iterate ();
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "app");
  g_assert_nonnull (hd_channel_wizard_get_error (wizard));
  g_assert_null (browser.uri);

  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "port"), port_text);
  g_assert_nonnull (strstr (_hd_channel_wizard_get_redirect_hint (wizard), chosen_uri));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-sign-in", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "app-choose") == 0, 20);
  g_assert_nonnull (strstr (browser.uri, port_text));

  /* The member and the Page they administer, neither ticked for them. */
  g_assert_cmpuint (_hd_channel_wizard_get_n_choices (wizard), ==, 2);
  g_assert_false (gtk_check_button_get_active (find_choice (wizard, "Ada Baker")));
  g_assert_false (gtk_check_button_get_active (find_choice (wizard, "Corner Bakery Ltd")));
  gtk_check_button_set_active (find_choice (wizard, "Corner Bakery Ltd"), TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-connect", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "done") == 0, 20);
  channel = hd_channel_wizard_get_channel (wizard);
  g_assert_cmpint (hd_channel_get_kind (channel), ==, HD_CHANNEL_KIND_LINKEDIN);
  g_assert_cmpstr (hd_channel_get_remote_account_id (channel), ==,
                   HD_FAKE_LINKEDIN_ORGANIZATION);
  g_assert_cmpstr (hd_channel_get_display_name (channel), ==, "Corner Bakery Ltd");
  /* Only the Page: the member was not ticked. */
  g_assert_cmpuint (count_channels (HD_CHANNEL_KIND_LINKEDIN), ==, before + 1);

  test_close_all ();
  hd_application_set_open_uri_func (test_app, NULL, NULL);
  browser_clear (&browser);
}

/* The sign-in method, beside the app's fields. */
static AdwComboRow *
find_flow_row (HdChannelWizard *wizard)
{
  GtkWidget *list = gtk_widget_get_ancestor (
    GTK_WIDGET (_hd_channel_wizard_get_entry (wizard, "client-id")), GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (ADW_IS_COMBO_ROW (row))
        return ADW_COMBO_ROW (row);
    }

  g_error ("The app step has no sign-in method");
}

static void
test_linkedin_member_native (void)
{
  g_autoptr(HdFakeLinkedIn) fake = hd_fake_linkedin_new ();
  Browser browser = { soup_session_new (), NULL, 0 };
  g_autofree char *person = NULL;
  HdWindow *window;
  HdChannelWizard *wizard;
  HdChannel *channel;
  AdwComboRow *flow;

  hd_application_set_open_uri_func (test_app, play_browser, &browser);
  test_open_workspace (HD_WORKSPACE_OWN);
  window = test_open_window ();
  wizard = open_wizard (window);
  start_linkedin (wizard, fake);

  /* The native PKCE flow takes any loopback port and no secret: neither is asked for. */
  flow = find_flow_row (wizard);
  adw_combo_row_set_selected (flow, 1);
  test_iterate ();
  g_assert_false (row_visible (wizard, "client-secret"));
  g_assert_false (row_visible (wizard, "port"));
  g_assert_null (_hd_channel_wizard_get_redirect_hint (wizard));

  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "client-id"), fake->client_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-sign-in", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "app-choose") == 0, 20);
  g_assert_nonnull (strstr (browser.uri, "code_challenge="));

  gtk_check_button_set_active (find_choice (wizard, "Ada Baker"), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-connect", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "done") == 0, 20);
  channel = hd_channel_wizard_get_channel (wizard);
  person = g_strconcat ("urn:li:person:", fake->member_sub, NULL);
  g_assert_cmpstr (hd_channel_get_remote_account_id (channel), ==, person);

  test_close_all ();
  hd_application_set_open_uri_func (test_app, NULL, NULL);
  browser_clear (&browser);
}

static void
test_reconnect_prefills_client_id (void)
{
  g_autoptr(HdFakeFacebook) fake = hd_fake_facebook_new ();
  Browser browser = { soup_session_new (), NULL, 0 };
  g_autoptr(HdChannel) channel = NULL;
  g_autofree char *graph = hd_fake_facebook_get_graph_base (fake);
  g_autofree char *dialog = hd_fake_facebook_get_dialog_url (fake);
  HdWindow *window;
  HdChannelWizard *wizard;
  guint before;

  hd_application_set_open_uri_func (test_app, play_browser, &browser);
  test_open_workspace (HD_WORKSPACE_OWN);
  window = test_open_window ();
  wizard = open_wizard (window);
  start_facebook (wizard, fake, fake->client_secret);
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "app-choose") == 0, 20);
  gtk_check_button_set_active (find_choice (wizard, fake->page_name), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-connect", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "done") == 0, 20);
  channel = g_object_ref (hd_channel_wizard_get_channel (wizard));
  gtk_window_destroy (GTK_WINDOW (wizard));
  test_iterate ();
  before = count_channels (HD_CHANNEL_KIND_FACEBOOK_PAGE);

  /* Reconnecting starts at the app step with the app id from the keyring, and never puts
   * the secret on screen: the user types it again. */
  g_assert_true (gtk_widget_activate_action (hd_window_get_page (window, "channels"),
                                             "channels.reconnect", "s",
                                             hd_channel_get_id (channel)));
  test_iterate ();
  wizard = HD_CHANNEL_WIZARD (test_find_toplevel (HD_TYPE_CHANNEL_WIZARD));
  g_assert_nonnull (wizard);
  hd_channel_wizard_set_timeout (wizard, 15000);
  _hd_channel_wizard_set_endpoints (wizard, HD_CHANNEL_KIND_FACEBOOK_PAGE, dialog, NULL, graph);
  g_assert_cmpstr (hd_channel_wizard_get_step (wizard), ==, "app");
  test_wait_until (g_strcmp0 (gtk_editable_get_text (
                     _hd_channel_wizard_get_entry (wizard, "client-id")),
                     fake->client_id) == 0, 20);
  g_assert_true (row_visible (wizard, "client-secret"));
  g_assert_cmpstr (gtk_editable_get_text (_hd_channel_wizard_get_entry (wizard,
                                                                        "client-secret")),
                   ==, "");

  /* With the secret typed, the same Page comes back ticked and no channel is added. */
  gtk_editable_set_text (_hd_channel_wizard_get_entry (wizard, "client-secret"),
                         fake->client_secret);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-sign-in", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "app-choose") == 0, 20);
  g_assert_true (gtk_check_button_get_active (find_choice (wizard, fake->page_name)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.app-connect", NULL));
  test_wait_until (g_strcmp0 (hd_channel_wizard_get_step (wizard), "done") == 0, 20);
  g_assert_cmpstr (hd_channel_get_id (hd_channel_wizard_get_channel (wizard)), ==,
                   hd_channel_get_id (channel));
  g_assert_cmpuint (count_channels (HD_CHANNEL_KIND_FACEBOOK_PAGE), ==, before);

  test_close_all ();
  hd_application_set_open_uri_func (test_app, NULL, NULL);
  browser_clear (&browser);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_ui_init (&argc, &argv);

  g_test_add_func ("/herald/ui/wizard-meta/facebook", test_facebook_wizard);
  g_test_add_func ("/herald/ui/wizard-meta/facebook-wrong-secret", test_facebook_wrong_secret);
  g_test_add_func ("/herald/ui/wizard-meta/x", test_x_wizard);
  g_test_add_func ("/herald/ui/wizard-meta/instagram", test_instagram_wizard);
  g_test_add_func ("/herald/ui/wizard-meta/linkedin-organization", test_linkedin_organization);
  g_test_add_func ("/herald/ui/wizard-meta/linkedin-member-native", test_linkedin_member_native);
  g_test_add_func ("/herald/ui/wizard-meta/reconnect-prefills-client-id",
                   test_reconnect_prefills_client_id);

  status = g_test_run ();
  g_object_unref (test_app);

  return status;
}
